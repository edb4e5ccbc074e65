//! What a terminal window shows: a small model of a screen that obeys the bytes `quiz` writes
//! (text that wraps at the window's edge, line feeds, cursor moves and erasing), so that a test
//! can read the window as a person would and see a row drawn twice or left behind.

use rexpect::session::PtySession;

/// A pseudo-terminal session and everything it has written so far.
pub(crate) struct Window {
    pub(crate) tty: PtySession,
    written: Vec<u8>,
    cols: usize,
    /// Rows the window shows, when rows that go past its bottom scroll into the scrollback.
    height: Option<usize>,
}

impl Window {
    pub(crate) fn new(tty: PtySession, cols: u16) -> Self {
        Window {
            tty,
            written: Vec::new(),
            cols: usize::from(cols),
            height: None,
        }
    }

    /// A window `rows` high: what goes past its bottom scrolls up into the scrollback, where a
    /// cursor move cannot reach it any more.
    pub(crate) fn sized(tty: PtySession, cols: u16, rows: u16) -> Self {
        Window {
            height: Some(usize::from(rows)),
            ..Window::new(tty, cols)
        }
    }

    /// Waits until `text` is written (rexpect reads bytes as Latin-1, so `text` is ASCII).
    #[track_caller]
    pub(crate) fn wait_for(&mut self, text: &str) {
        let before = self
            .tty
            .exp_string(text)
            .unwrap_or_else(|e| panic!("waiting for {text:?}: {e}\n{}", self.rows().join("\n")));
        self.written.extend(before.chars().map(|c| c as u8));
        self.written.extend(text.bytes());
    }

    /// Waits for the end of the program and takes in the rest of what it wrote.
    pub(crate) fn wait_for_end(&mut self) {
        let rest = self.tty.exp_eof().expect("quiz ends");
        self.written.extend(rest.chars().map(|c| c as u8));
    }

    pub(crate) fn keys(&mut self, keys: &str) {
        self.tty.send(keys).unwrap();
        self.tty.flush().unwrap();
    }

    /// The window is now `cols` wide (after a resize).
    pub(crate) fn set_cols(&mut self, cols: u16) {
        self.cols = usize::from(cols);
    }

    /// Everything written, as text.
    pub(crate) fn written(&self) -> String {
        String::from_utf8_lossy(&self.written).into_owned()
    }

    /// The window's rows as they stand, trailing spaces and empty rows at the end left out.
    pub(crate) fn rows(&self) -> Vec<String> {
        let mut screen = Screen::new(self.cols);
        screen.height = self.height;
        screen.feed(&String::from_utf8_lossy(&self.written));
        screen.rows()
    }

    /// How many rows of the window contain `text`.
    pub(crate) fn count(&self, text: &str) -> usize {
        self.rows().iter().filter(|r| r.contains(text)).count()
    }
}

/// Rows of cells and a cursor; unless a height is given the window has no height limit, so
/// nothing scrolls away.
struct Screen {
    cols: usize,
    height: Option<usize>,
    /// The first row the window shows; the rows above it are in the scrollback.
    view: usize,
    rows: Vec<Vec<char>>,
    /// The first row of the window since it was last cleared whole.
    top: usize,
    row: usize,
    col: usize,
}

impl Screen {
    fn new(cols: usize) -> Self {
        Screen {
            cols,
            height: None,
            view: 0,
            rows: vec![Vec::new()],
            top: 0,
            row: 0,
            col: 0,
        }
    }

    /// Scrolls the window down to the cursor's row when it went past the bottom.
    fn follow(&mut self) {
        if let Some(height) = self.height {
            self.view = self.view.max((self.row + 1).saturating_sub(height));
        }
    }

    fn line(&mut self) -> &mut Vec<char> {
        self.follow();
        while self.rows.len() <= self.row {
            self.rows.push(Vec::new());
        }
        &mut self.rows[self.row]
    }

    fn put(&mut self, c: char) {
        if self.col >= self.cols {
            self.row += 1;
            self.col = 0;
        }
        let col = self.col;
        let line = self.line();
        if line.len() <= col {
            line.resize(col + 1, ' ');
        }
        line[col] = c;
        self.col += 1;
    }

    fn feed(&mut self, text: &str) {
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' => self.col = 0,
                '\n' => {
                    self.row += 1;
                    self.line();
                }
                '\x1b' => {
                    if chars.peek() != Some(&'[') {
                        chars.next();
                        continue;
                    }
                    chars.next();
                    let mut params = String::new();
                    let mut command = ' ';
                    for c in chars.by_ref() {
                        if c.is_ascii_alphabetic() {
                            command = c;
                            break;
                        }
                        params.push(c);
                    }
                    self.control(&params, command);
                }
                c if c.is_control() => {}
                c => self.put(c),
            }
        }
    }

    fn control(&mut self, params: &str, command: char) {
        if params.starts_with('?') {
            return;
        }
        let numbers: Vec<usize> = params.split(';').map(|p| p.parse().unwrap_or(0)).collect();
        let n = numbers[0].max(1);
        match command {
            'A' => self.row = self.row.saturating_sub(n).max(self.view),
            'B' => self.row += n,
            'C' => self.col += n,
            'D' => self.col = self.col.saturating_sub(n),
            'G' => self.col = n - 1,
            'H' | 'f' => {
                self.row = self.view.max(self.top) + n - 1;
                self.col = numbers.get(1).copied().unwrap_or(1).max(1) - 1;
            }
            'J' => {
                let col = self.col;
                if numbers[0] == 0 {
                    self.rows.truncate(self.row + 1);
                    self.line().truncate(col);
                } else {
                    // The whole window: what was on it leaves the screen.
                    self.top = self.rows.len();
                    self.view = self.top;
                    self.rows.push(Vec::new());
                }
            }
            'K' => {
                let col = self.col;
                match numbers[0] {
                    0 => self.line().truncate(col),
                    1 => {
                        let line = self.line();
                        for cell in line.iter_mut().take(col + 1) {
                            *cell = ' ';
                        }
                    }
                    _ => self.line().clear(),
                }
            }
            _ => {}
        }
    }

    fn rows(&self) -> Vec<String> {
        let mut rows: Vec<String> = self.rows[self.top.min(self.rows.len())..]
            .iter()
            .map(|r| r.iter().collect::<String>().trim_end().to_owned())
            .collect();
        while rows.last().is_some_and(String::is_empty) {
            rows.pop();
        }
        rows
    }
}
