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

#[cfg(test)]
mod tests {
    /// `println!` and `print!` panic when the reader has gone (`quiz history | head -0`): the
    /// crate writes its standard output through [`say!`] and [`print_out`] only.
    #[test]
    fn standard_output_is_written_through_say_only() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut found = Vec::new();
        for file in walkdir::WalkDir::new(&src)
            .into_iter()
            .filter_map(Result::ok)
        {
            let path = file.path();
            if path.extension().is_none_or(|e| e != "rs") || path.ends_with("commands/output.rs") {
                continue;
            }
            let text = std::fs::read_to_string(path).expect("a readable source file");
            // Tests may print: the harness captures what they write.
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            for (number, line) in code.lines().enumerate() {
                let code_part = line.split("//").next().unwrap_or("");
                let prints = ["println!(", "print!("].iter().any(|m| {
                    code_part
                        .match_indices(m)
                        .any(|(at, _)| !code_part[..at].ends_with('e'))
                });
                if prints {
                    found.push(format!(
                        "{}:{}: {}",
                        path.display(),
                        number + 1,
                        line.trim()
                    ));
                }
            }
        }
        assert!(found.is_empty(), "use say! instead:\n{}", found.join("\n"));
    }
}
