//! The line-based front end: numbered choices, one typed line per answer.

use std::io::{BufRead, Read, Write};
use std::sync::mpsc::{Receiver, Sender, channel};

use super::Screen;
use crate::engine::Response;
use crate::engine::typed_answer::read_response;
use crate::engine::typed_answer::{example_order, example_pairs, letter};
use crate::engine::{Ask, Confidence, Form, Stop};

/// What the reader thread hands over: a line, the end of input, or Ctrl-C.
#[derive(Debug)]
pub(crate) enum Input {
    Line(String),
    /// A line that is not UTF-8 text: asked again, as an answer that cannot be read.
    NotText,
    /// A line longer than [`MAX_ANSWER_BYTES`]: skipped whole and asked again.
    TooLong,
    End,
    Interrupt,
}

/// The longest typed answer read: far more than any answer, and a bound on the memory one
/// line can take.
pub(crate) const MAX_ANSWER_BYTES: usize = 10_000;

pub(crate) struct PlainPrompter {
    input: Receiver<Input>,
    out: Box<dyn Write>,
    /// Write each answer after its prompt, so a transcript of piped input reads like a session.
    echo: bool,
}

impl PlainPrompter {
    /// Lines are read on their own thread so that Ctrl-C can stop a prompt that is waiting for
    /// input: the returned function wakes the prompt as an interrupt.
    pub(crate) fn new(
        reader: impl BufRead + Send + 'static,
        out: impl Write + 'static,
        echo: bool,
    ) -> (Self, impl Fn() + Send + 'static) {
        let (sender, input) = channel();
        let lines = sender.clone();
        std::thread::spawn(move || read_lines(reader, lines));
        (
            PlainPrompter {
                input,
                out: Box::new(out),
                echo,
            },
            move || {
                let _ = sender.send(Input::Interrupt);
            },
        )
    }

    fn read_answer(&mut self, prompt: &str) -> Result<String, Stop> {
        write!(self.out, "{prompt}").map_err(Stop::Io)?;
        self.out.flush().map_err(Stop::Io)?;
        match self.input.recv() {
            Ok(Input::Line(line)) => {
                if self.echo {
                    writeln!(self.out, "{}", crate::text::for_terminal(&line)).map_err(Stop::Io)?;
                }
                Ok(line)
            }
            Ok(Input::NotText) => {
                writeln!(self.out).map_err(Stop::Io)?;
                writeln!(
                    self.out,
                    "  ? That line is not text the quiz can read (not UTF-8); type it again."
                )
                .map_err(Stop::Io)?;
                self.read_answer(prompt)
            }
            Ok(Input::TooLong) => {
                writeln!(self.out).map_err(Stop::Io)?;
                writeln!(
                    self.out,
                    "  ? That answer is longer than {MAX_ANSWER_BYTES} characters; type a shorter one."
                )
                .map_err(Stop::Io)?;
                self.read_answer(prompt)
            }
            Ok(Input::Interrupt) => {
                // A closed terminal (SIGHUP) takes the output with it: stop all the same.
                let _ = writeln!(self.out);
                Err(Stop::Interrupted)
            }
            Ok(Input::End) | Err(_) => {
                writeln!(self.out).map_err(Stop::Io)?;
                Err(Stop::EndOfInput)
            }
        }
    }
}

fn read_lines(mut reader: impl BufRead, lines: Sender<Input>) {
    loop {
        let Ok(Some(input)) = read_one(&mut reader) else {
            let _ = lines.send(Input::End);
            return;
        };
        if lines.send(input).is_err() {
            return;
        }
    }
}

/// The next line, at most [`MAX_ANSWER_BYTES`] long; `None` at the end of input.
fn read_one(reader: &mut impl BufRead) -> std::io::Result<Option<Input>> {
    let mut bytes = Vec::new();
    let limit = MAX_ANSWER_BYTES as u64 + 1;
    let n = BufRead::read_until(&mut Read::take(&mut *reader, limit), b'\n', &mut bytes)?;
    if n == 0 {
        return Ok(None);
    }
    if !bytes.ends_with(b"\n") && bytes.len() as u64 == limit {
        skip_line(reader)?;
        return Ok(Some(Input::TooLong));
    }
    while bytes.last().is_some_and(|b| matches!(b, b'\n' | b'\r')) {
        bytes.pop();
    }
    Ok(Some(match String::from_utf8(bytes) {
        Ok(line) => Input::Line(line),
        Err(_) => Input::NotText,
    }))
}

/// Reads past the rest of a line without keeping it.
fn skip_line(reader: &mut impl BufRead) -> std::io::Result<()> {
    loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            return Ok(());
        }
        if let Some(end) = buffer.iter().position(|&b| b == b'\n') {
            reader.consume(end + 1);
            return Ok(());
        }
        let n = buffer.len();
        reader.consume(n);
    }
}

impl Screen for PlainPrompter {
    fn ask(&mut self, ask: &Ask) -> Result<Response, Stop> {
        let listing = listing(ask);
        write!(self.out, "{listing}").map_err(Stop::Io)?;
        let prompt = answer_prompt(&ask.form);
        loop {
            let line = self.read_answer(&prompt)?;
            if line.trim().is_empty() && ask.is_decision() {
                let hint = super::render::wrap(&format!("  ? {}", super::walk::NO_SKIP), "    ");
                writeln!(self.out, "{hint}").map_err(Stop::Io)?;
                continue;
            }
            if line.trim().is_empty() {
                writeln!(self.out, "  (skipped: it comes back at the end)").map_err(Stop::Io)?;
                return Err(Stop::Skip);
            }
            match read_response(&ask.form, &line) {
                Ok(response) => return Ok(response),
                Err(hint) => {
                    let hint = super::render::wrap(&format!("  ? {hint}"), "    ");
                    writeln!(self.out, "{hint}").map_err(Stop::Io)?;
                }
            }
        }
    }

    fn show(&mut self, text: &str) -> Result<(), Stop> {
        writeln!(self.out, "{text}").map_err(Stop::Io)?;
        self.out.flush().map_err(Stop::Io)
    }

    fn confidence(&mut self, _ask: &Ask) -> Result<Confidence, Stop> {
        let prompt = super::render::confidence_prompt();
        loop {
            let line = self.read_answer(&format!("{prompt} (1-3): "))?;
            let level = line.trim().parse::<i64>().ok();
            match level.and_then(Confidence::from_level) {
                Some(confidence) => return Ok(confidence),
                None => writeln!(self.out, "  ? Type 1, 2 or 3.").map_err(Stop::Io)?,
            }
        }
    }
}

/// The question and its numbered parts.
fn listing(ask: &Ask) -> String {
    let width = super::render::line_width();
    let mut text = format!("\n{}\n", super::render::question(ask, width));
    let item = |text: &mut String, label: String, item: &str| {
        let indent = " ".repeat(label.chars().count() + 4);
        let lines = crate::text::wrap(&format!("  {label}) {item}"), width, &indent);
        text.push_str(&lines.join("\n"));
        text.push('\n');
    };
    let numbered = |text: &mut String, items: &[String]| {
        for (i, one) in items.iter().enumerate() {
            item(text, (i + 1).to_string(), one);
        }
    };
    match &ask.form {
        Form::Single { choices } | Form::Multiple { choices } => numbered(&mut text, choices),
        Form::Order { items } => numbered(&mut text, items),
        Form::Match { left, right } => {
            numbered(&mut text, left);
            text.push_str("  with\n");
            for (i, one) in right.iter().enumerate() {
                item(&mut text, letter(i), one);
            }
        }
        Form::TrueFalse | Form::Short | Form::Numeric { .. } => {}
    }
    text
}

fn answer_prompt(form: &Form) -> String {
    match form {
        Form::Single { choices } => format!("Your answer (1-{}): ", choices.len()),
        Form::Multiple { .. } => "Your answers (all that apply, e.g. 1,3): ".into(),
        Form::TrueFalse => "True or false (t/f): ".into(),
        Form::Short => "Your answer: ".into(),
        Form::Numeric { unit: Some(unit) } => format!("Your answer ({unit}): "),
        Form::Numeric { unit: None } => "Your answer (a number): ".into(),
        Form::Order { items } => format!("Your order (e.g. {}): ", example_order(items.len())),
        Form::Match { left, .. } => format!("Your pairs (e.g. {}): ", example_pairs(left.len())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn short() -> Ask<'static> {
        Ask {
            number: 1,
            total: 1,
            prompt: "Who?",
            points: 1.0,
            form: Form::Short,
            so_far: None,
        }
    }

    /// What the plain prompter makes of `typed`, and what it printed.
    fn answer(typed: &[u8], ask: &Ask) -> (Result<Response, Stop>, String) {
        #[derive(Clone, Default)]
        struct Shared(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);
        impl Write for Shared {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                self.0.lock().unwrap().extend_from_slice(buf);
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let out = Shared::default();
        let reader = std::io::Cursor::new(typed.to_vec());
        let (mut prompter, _wake) = PlainPrompter::new(reader, out.clone(), true);
        let response = prompter.ask(ask);
        let shown = String::from_utf8_lossy(&out.0.lock().unwrap()).into_owned();
        (response, shown)
    }

    #[test]
    fn a_line_that_is_not_text_is_asked_again_and_the_input_goes_on() {
        let (response, shown) = answer(b"\xff\xfe bad\nPutin\n", &short());
        assert!(matches!(response, Ok(Response::Text(t)) if t == "Putin"));
        assert!(shown.contains("not UTF-8"), "{shown}");
    }

    #[test]
    fn an_answer_too_long_is_skipped_whole_and_asked_again() {
        let mut typed = vec![b'x'; 3 * MAX_ANSWER_BYTES];
        typed.extend(b"\nKim\n");
        let (response, shown) = answer(&typed, &short());
        assert!(matches!(response, Ok(Response::Text(t)) if t == "Kim"));
        assert!(shown.contains("longer than 10000 characters"), "{shown}");
    }

    #[test]
    fn a_typed_answer_is_echoed_without_control_characters() {
        let (_, shown) = answer(b"\x1b]0;owned\x07\n", &short());
        assert!(!shown.contains('\u{1b}'), "{shown:?}");
    }

    #[test]
    fn a_repeated_pick_is_one_pick() {
        let form = Form::Multiple {
            choices: vec!["a".into(), "b".into(), "c".into()],
        };
        assert_eq!(
            read_response(&form, "1,1,1,1"),
            Ok(Response::Choices(vec![0]))
        );
        assert_eq!(
            read_response(&form, "3 1 3"),
            Ok(Response::Choices(vec![2, 0]))
        );
    }

    proptest! {
    #[test]
    fn no_typed_line_can_crash_the_plain_prompter(line in "\\PC{0,40}") {
        let forms = [
            Form::Single { choices: vec!["a".into(), "b".into()] },
            Form::Multiple { choices: vec!["a".into(), "b".into()] },
            Form::TrueFalse,
            Form::Short,
            Form::Numeric { unit: Some("soldiers".into()) },
            Form::Order { items: vec!["a".into(), "b".into(), "c".into()] },
            Form::Match { left: vec!["a".into(), "b".into()], right: vec!["x".into(), "y".into()] },
        ];
        for form in &forms {
            let _ = read_response(form, &line);
        }
    }
    }
}
