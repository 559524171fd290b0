//! `realname fmt`: rewrites rule files in the canonical layout, or checks that they are.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::FmtArgs;
use crate::atomic_write;
use crate::fmt::format_file;
use crate::report::{render_diagnostic, Style};
use crate::rules::{broken_link_target, is_file_or_broken_link};
use crate::source::SourceFile;

pub fn run(args: &FmtArgs) -> ExitCode {
    let style = Style::detect();
    let paths: Vec<PathBuf> = if args.paths.is_empty() {
        vec![PathBuf::from("rules")]
    } else {
        args.paths.clone()
    };
    let mut files = Vec::new();
    for path in &paths {
        match expand(path) {
            Ok(mut found) => files.append(&mut found),
            Err(message) => {
                eprintln!("error: {message}");
                return ExitCode::from(2);
            }
        }
    }
    let mut broken = false;
    let mut unformatted = Vec::new();
    for path in &files {
        let text = match crate::text_file::read_text_file(path) {
            Ok(t) => t,
            Err(e) => {
                match broken_link_target(path) {
                    Some(target) => eprintln!(
                        "error: cannot read {}: it is a symbolic link to {}, which does not exist; point the link at a rule file or remove it",
                        path.display(),
                        target.display()
                    ),
                    None => eprintln!("error: {e}"),
                }
                broken = true;
                continue;
            }
        };
        let file = SourceFile::new(path.display().to_string(), text.clone());
        match format_file(&file) {
            Ok(formatted) if formatted == text => {}
            Ok(formatted) => {
                if args.check {
                    unformatted.push(path.display().to_string());
                } else if let Err(e) =
                    atomic_write::write_if_unchanged(path, text.as_bytes(), formatted.as_bytes())
                {
                    eprintln!("error: {e}");
                    broken = true;
                } else {
                    println!("formatted {}", path.display());
                }
            }
            Err(errors) => {
                for d in &errors {
                    eprint!("{}", render_diagnostic(d, style));
                }
                eprintln!(
                    "{} was not formatted: fix the syntax errors first",
                    path.display()
                );
                broken = true;
            }
        }
    }
    for name in &unformatted {
        println!("would reformat {name}");
    }
    if broken {
        ExitCode::from(2)
    } else if !unformatted.is_empty() {
        eprintln!(
            "{} file(s) are not formatted; run `realname fmt` to fix",
            unformatted.len()
        );
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn expand(path: &Path) -> Result<Vec<PathBuf>, String> {
    if path.is_dir() {
        let mut found: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "rules") && is_file_or_broken_link(p))
            .collect();
        found.sort();
        Ok(found)
    } else if path.is_file() {
        Ok(vec![path.to_path_buf()])
    } else {
        Err(format!(
            "{} is neither a rule file nor a folder",
            path.display()
        ))
    }
}
