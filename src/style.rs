//! Text for a terminal: colours and weights when colour is on, the width of text as it shows
//! (escape codes take no columns, wide characters take two), and the width of the window.
//!
//! Colour is on for a stream that is a terminal, unless `NO_COLOR` is set, `CLICOLOR=0` or
//! `TERM=dumb`; `CLICOLOR_FORCE` turns it on for a pipe.

use std::borrow::Cow;
use std::fmt;
use std::io::IsTerminal;
use std::sync::atomic::{AtomicU8, Ordering};

/// Whether colour was decided for a stream: not yet, off, on.
const UNDECIDED: u8 = 0;
const OFF: u8 = 1;
const ON: u8 = 2;

static STDOUT_COLOUR: AtomicU8 = AtomicU8::new(UNDECIDED);
static STDERR_COLOUR: AtomicU8 = AtomicU8::new(UNDECIDED);

fn env_is(name: &str, value: &str) -> bool {
    std::env::var_os(name).is_some_and(|v| v == value)
}

/// What the environment says for a stream that is (or is not) a terminal.
fn colour_by_environment(is_terminal: bool) -> bool {
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        return false;
    }
    if std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0") {
        return true;
    }
    is_terminal && !env_is("CLICOLOR", "0") && !env_is("TERM", "dumb")
}

fn decided(slot: &AtomicU8, is_terminal: impl Fn() -> bool) -> bool {
    match slot.load(Ordering::Relaxed) {
        OFF => false,
        ON => true,
        _ => {
            let on = colour_by_environment(is_terminal());
            slot.store(if on { ON } else { OFF }, Ordering::Relaxed);
            on
        }
    }
}

/// Whether text for standard output is coloured.
pub(crate) fn colours_on() -> bool {
    decided(&STDOUT_COLOUR, || std::io::stdout().is_terminal())
}

/// Whether text for standard error is coloured.
pub(crate) fn colours_on_stderr() -> bool {
    decided(&STDERR_COLOUR, || std::io::stderr().is_terminal())
}

/// Turns colour on or off for standard output, whatever the environment says.
#[cfg(test)]
pub(crate) fn set_colours(on: bool) {
    STDOUT_COLOUR.store(if on { ON } else { OFF }, Ordering::Relaxed);
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Colour {
    Black,
    Red,
    Green,
    Yellow,
    Cyan,
    White,
}

impl Colour {
    /// The offset of the colour in the terminal's table of eight.
    fn index(self) -> u8 {
        match self {
            Colour::Black => 0,
            Colour::Red => 1,
            Colour::Green => 2,
            Colour::Yellow => 3,
            Colour::Cyan => 6,
            Colour::White => 7,
        }
    }
}

/// A way to show text: colours, weight, and the stream it is for (which decides whether colour
/// is on).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Style {
    fg: Option<Colour>,
    bg: Option<Colour>,
    bright: bool,
    bold: bool,
    dim: bool,
    for_stderr: bool,
}

macro_rules! colours {
    ($($name:ident $on:ident $colour:ident),*) => {
        $(
            pub(crate) fn $name(mut self) -> Self {
                self.fg = Some(Colour::$colour);
                self
            }
            #[allow(dead_code)]
            pub(crate) fn $on(mut self) -> Self {
                self.bg = Some(Colour::$colour);
                self
            }
        )*
    };
}

impl Style {
    pub(crate) fn new() -> Self {
        Style::default()
    }

    colours!(black on_black Black, red on_red Red, green on_green Green,
        yellow on_yellow Yellow, cyan on_cyan Cyan, white on_white White);

    /// The bright version of the text's colour.
    pub(crate) fn bright(mut self) -> Self {
        self.bright = true;
        self
    }

    pub(crate) fn bold(mut self) -> Self {
        self.bold = true;
        self
    }

    pub(crate) fn dim(mut self) -> Self {
        self.dim = true;
        self
    }

    /// For text written to standard error.
    pub(crate) fn for_stderr(mut self) -> Self {
        self.for_stderr = true;
        self
    }

    pub(crate) fn apply_to<T: fmt::Display>(self, value: T) -> Styled<T> {
        Styled { style: self, value }
    }

    fn colours_on(self) -> bool {
        if self.for_stderr {
            colours_on_stderr()
        } else {
            colours_on()
        }
    }

    /// The escape codes that start text in this style, in the order colour, background, weight.
    fn codes(self) -> String {
        let mut codes = String::new();
        if let Some(fg) = self.fg {
            let base = if self.bright { 90 } else { 30 };
            codes += &format!("\x1b[{}m", base + fg.index());
        }
        if let Some(bg) = self.bg {
            codes += &format!("\x1b[{}m", 40 + bg.index());
        }
        if self.bold {
            codes += "\x1b[1m";
        }
        if self.dim {
            codes += "\x1b[2m";
        }
        codes
    }
}

/// `value` to be shown in a style, set with the same methods as [`Style`].
pub(crate) fn style<T: fmt::Display>(value: T) -> Styled<T> {
    Style::new().apply_to(value)
}

/// A value and the style it is shown in.
pub(crate) struct Styled<T> {
    style: Style,
    value: T,
}

macro_rules! styled_like_style {
    ($($name:ident),*) => {
        $(
            #[allow(dead_code)]
            pub(crate) fn $name(mut self) -> Self {
                self.style = self.style.$name();
                self
            }
        )*
    };
}

impl<T: fmt::Display> Styled<T> {
    styled_like_style!(
        black, red, green, yellow, cyan, white, on_black, on_white, bright, bold, dim, for_stderr
    );
}

impl<T: fmt::Display> fmt::Display for Styled<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let codes = self.style.codes();
        if codes.is_empty() || !self.style.colours_on() {
            return self.value.fmt(f);
        }
        write!(f, "{codes}")?;
        self.value.fmt(f)?;
        write!(f, "\x1b[0m")
    }
}

/// Columns `text` takes on a terminal: escape codes take none, wide characters two.
pub(crate) fn measure(text: &str) -> usize {
    textwrap::core::display_width(text)
}

/// The length in bytes of the escape sequence at the start of `text`, if one starts there.
fn escape_at_start(text: &str) -> Option<usize> {
    let rest = text.strip_prefix("\x1b[")?;
    let end = rest.find(|c: char| ('\x40'..='\x7e').contains(&c))?;
    Some(2 + end + 1)
}

/// `text` cut to `width` columns, ending in `tail` when something was cut. Escape codes are
/// kept whole, and styles are ended after the cut.
pub(crate) fn truncate<'a>(text: &'a str, width: usize, tail: &str) -> Cow<'a, str> {
    if measure(text) <= width {
        return Cow::Borrowed(text);
    }
    let room = width.saturating_sub(measure(tail));
    let mut kept = String::new();
    let mut used = 0;
    let mut styled = false;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if let Some(len) = escape_at_start(rest) {
            kept += &rest[..len];
            styled = true;
            rest = &rest[len..];
            continue;
        }
        let columns = measure(c.encode_utf8(&mut [0; 4]));
        if used + columns > room {
            break;
        }
        kept.push(c);
        used += columns;
        rest = &rest[c.len_utf8()..];
    }
    kept += tail;
    if styled {
        kept += "\x1b[0m";
    }
    Cow::Owned(kept)
}

/// Which side of a column text keeps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Right,
}

/// `text` padded with spaces to `width` columns (never cut).
pub(crate) fn pad(text: &str, width: usize, align: Align) -> String {
    let fill = " ".repeat(width.saturating_sub(measure(text)));
    match align {
        Align::Left => format!("{text}{fill}"),
        Align::Right => format!("{fill}{text}"),
    }
}

/// The narrowest window text is fitted to.
const NARROWEST: usize = 12;

/// Where text is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stream {
    Stdout,
    Stderr,
}

/// Columns to fit text for standard output to (see [`width_of`]).
pub(crate) fn width() -> usize {
    width_of(Stream::Stdout)
}

/// Columns to fit text for `stream` to: the width of the window it shows in, else `COLUMNS`,
/// else 80. Output piped to a file or a pager has no window, so it follows `COLUMNS`.
pub(crate) fn width_of(stream: Stream) -> usize {
    window_columns(stream)
        .or_else(|| {
            std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.trim().parse().ok())
                .filter(|&c| c > 0)
        })
        .unwrap_or(80)
        .max(NARROWEST)
}

#[cfg(unix)]
fn window_columns(stream: Stream) -> Option<usize> {
    use rustix::termios::tcgetwinsize;
    let size = match stream {
        Stream::Stdout => tcgetwinsize(std::io::stdout()),
        Stream::Stderr => tcgetwinsize(std::io::stderr()),
    };
    size.ok()
        .filter(|size| size.ws_col > 0)
        .map(|size| usize::from(size.ws_col))
}

#[cfg(not(unix))]
fn window_columns(_: Stream) -> Option<usize> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_codes_take_no_columns_and_wide_characters_two() {
        assert_eq!(measure("\x1b[32m✔ Right\x1b[0m"), 7);
        assert_eq!(measure("平壤"), 4);
    }

    #[test]
    fn a_cut_keeps_the_escape_codes_whole_and_ends_the_style() {
        let text = "\x1b[1mKhabarovsk Krai\x1b[0m";
        assert_eq!(truncate(text, 8, "…"), "\x1b[1mKhabaro…\x1b[0m");
        assert_eq!(truncate("Rason", 8, "…"), "Rason");
        assert_eq!(truncate("平壤平壤", 5, "…"), "平壤…");
    }

    #[test]
    fn padding_counts_columns_not_bytes() {
        assert_eq!(pad("Хабаровск", 11, Align::Left), "Хабаровск  ");
        assert_eq!(pad("7", 3, Align::Right), "  7");
        assert_eq!(pad("too long", 3, Align::Left), "too long");
    }

    #[test]
    fn codes_come_in_the_order_colour_background_weight() {
        let style = Style::new().white().bright().bold().on_black();
        assert_eq!(style.codes(), "\x1b[97m\x1b[40m\x1b[1m");
        assert_eq!(Style::new().green().codes(), "\x1b[32m");
    }
}
