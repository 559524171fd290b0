//! `realname lint`: the lint catalogue over a rule set.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{LintArgs, LintFormat};
use crate::lint::{lint, output};
use crate::report::Style;
use crate::rules::{embedded_files, read_rule_files};
use crate::source::SourceFile;
use crate::syntax::ast::Severity;

pub fn run(args: &LintArgs) -> ExitCode {
    let style = Style::detect();
    let (files, focus) = match gather(args.rules.as_deref(), &args.paths) {
        Ok(x) => x,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let today = match super::parse_today(args.today.as_deref()) {
        Ok(day) => day,
        Err(code) => return code,
    };
    let mut findings = lint(&files, today);
    if !focus.is_empty() {
        findings.retain(|f| focus.iter().any(|name| name == f.span.file.name()));
    }
    let text = match args.format {
        LintFormat::Human => output::human(&findings, style),
        LintFormat::Json => output::json(&findings),
        LintFormat::Sarif => output::sarif(&findings),
        LintFormat::Github => output::github(&findings),
    };
    let _ = std::io::stdout().write_all(text.as_bytes());
    let deny_warnings = args.deny.iter().any(|d| d == "warnings");
    let failing = findings.iter().any(|f| {
        f.severity() == Severity::Error || (deny_warnings && f.severity() == Severity::Warning)
    });
    ExitCode::from(u8::from(failing))
}

/// The rule set to lint and the names of the files to report on (empty: all).
pub(crate) fn gather(
    rules: Option<&Path>,
    paths: &[PathBuf],
) -> Result<(Vec<SourceFile>, Vec<String>), String> {
    let mut files = match rules {
        Some(dir) => read_rule_files(dir).map_err(|e| e.to_string())?,
        None if paths.is_empty() => embedded_files(),
        None => Vec::new(),
    };
    let mut focus = Vec::new();
    for path in paths {
        let listed = if path.is_dir() {
            read_rule_files(path).map_err(|e| e.to_string())?
        } else {
            let text = crate::text_file::read_text_file(path).map_err(|e| e.to_string())?;
            vec![SourceFile::new(path.display().to_string(), text)]
        };
        for file in listed {
            focus.push(file.name().to_string());
            // A listed file replaces the rules folder's file of the same name.
            let base = Path::new(file.name()).file_name().map(|n| n.to_owned());
            files.retain(|f| Path::new(f.name()).file_name().map(|n| n.to_owned()) != base);
            files.push(file);
        }
    }
    Ok((files, focus))
}
