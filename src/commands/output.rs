//! Writing a command's result to standard output.

use std::io::Write;

use crate::error::Error;

/// Writes `text` to standard output. A reader that stops early (`quiz man | head`) is not an
/// error: the rest is simply not wanted.
pub(super) fn print_out(text: &[u8]) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(Error::Stdout),
    }
}

/// `println!` for command output: a reader that stops early ends the output quietly instead of
/// panicking, and any other failure to write is an error like the rest.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::commands::output::print_out(format!("{}\n", format_args!($($arg)*)).as_bytes())
    };
}
pub(crate) use say;
