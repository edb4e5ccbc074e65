//! Command-line arguments of the classroom subcommands.

use std::path::PathBuf;

use clap::Args;

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Results files (`quiz play --out`) or folders searched for *.json
    #[arg(value_name = "FILE_OR_DIR", required = true)]
    pub paths: Vec<PathBuf>,

    /// Bank that names the choices (repeat for several; default: the built-in banks)
    #[arg(long = "bank", value_name = "BANK")]
    pub banks: Vec<PathBuf>,

    /// Pass mark in percent
    #[arg(long, value_name = "PERCENT", default_value = "60", value_parser = parse_percent)]
    pub pass: f64,

    /// Also write one row per student per question as CSV to FILE
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,

    /// Also write the report as one self-contained HTML page to FILE
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
}

fn parse_percent(text: &str) -> Result<f64, String> {
    match text.trim().trim_end_matches('%').parse::<f64>() {
        Ok(p) if (0.0..=100.0).contains(&p) => Ok(p),
        _ => Err(format!("`{text}` is not a percentage from 0 to 100")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pass_mark_is_a_percentage() {
        assert_eq!(parse_percent("60"), Ok(60.0));
        assert_eq!(parse_percent("72.5%"), Ok(72.5));
        assert!(parse_percent("101").is_err());
        assert!(parse_percent("-1").is_err());
        assert!(parse_percent("half").is_err());
    }
}
