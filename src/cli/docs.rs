//! `realname docs`: writes the generated guide, or checks that the committed one is current.

use std::path::Path;
use std::process::ExitCode;

use super::{load_rules, DocsArgs};
use crate::atomic_write;
use crate::docs::generate;
use crate::report::Style;

/// Folders the generator owns entirely: a file there that it did not write is stale.
const OWNED_DIRS: [&str; 2] = ["apps", "lints"];

pub fn run(args: &DocsArgs) -> ExitCode {
    let style = Style::detect();
    let rules = match load_rules(args.rules.as_ref(), style) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let files = generate(&rules);
    let out = &args.out;
    let stale = stale_files(out, &files);
    if args.check {
        if stale.is_empty() {
            println!(
                "{}: {} generated files are up to date",
                out.display(),
                files.len()
            );
            return ExitCode::SUCCESS;
        }
        for s in &stale {
            println!("stale: {s}");
        }
        eprintln!(
            "the docs in {} do not match the rules; run `realname docs --out {}`",
            out.display(),
            out.display()
        );
        return ExitCode::from(1);
    }
    for (path, text) in &files {
        let target = out.join(path);
        if let Some(parent) = target.parent() {
            if let Err(e) = std::fs::create_dir_all(parent) {
                eprintln!("error: cannot create {}: {e}", parent.display());
                return ExitCode::from(2);
            }
        }
        if std::fs::read_to_string(&target).ok().as_deref() != Some(text.as_str()) {
            if let Err(e) = atomic_write::write(&target, text.as_bytes()) {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        }
    }
    for dir in OWNED_DIRS {
        for extra in extra_files(out, dir, &files) {
            let _ = std::fs::remove_file(out.join(&extra));
        }
    }
    println!(
        "wrote {} files to {} ({} changed)",
        files.len(),
        out.display(),
        stale.len()
    );
    ExitCode::SUCCESS
}

fn extra_files(out: &Path, dir: &str, files: &[(String, String)]) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(out.join(dir)) else {
        return Vec::new();
    };
    entries
        .flatten()
        .map(|e| format!("{dir}/{}", e.file_name().to_string_lossy()))
        .filter(|name| !files.iter().any(|(p, _)| p == name))
        .collect()
}

/// Generated files that differ from or are missing on disk, and files the generator owns that
/// it would not write.
pub fn stale_files(out: &Path, files: &[(String, String)]) -> Vec<String> {
    let mut stale: Vec<String> = files
        .iter()
        .filter(|(path, text)| {
            std::fs::read_to_string(out.join(path)).ok().as_deref() != Some(text.as_str())
        })
        .map(|(path, _)| path.clone())
        .collect();
    for dir in OWNED_DIRS {
        stale.extend(
            extra_files(out, dir, files)
                .into_iter()
                .map(|f| format!("{f} (no longer generated)")),
        );
    }
    stale
}
