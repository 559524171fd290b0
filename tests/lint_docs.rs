//! docs/lints/ must match the lint catalogue. Run with UPDATE_DOCS=1 to rewrite the pages.

use std::path::Path;

#[test]
fn lint_pages_are_up_to_date() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/lints");
    let expected = realname::internal::lint::docs::files();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(&dir).unwrap() {
            std::fs::remove_file(entry.unwrap().path()).unwrap();
        }
        for (name, text) in &expected {
            std::fs::write(dir.join(name), text).unwrap();
        }
    }
    let mut stale = Vec::new();
    for (name, text) in &expected {
        match std::fs::read_to_string(dir.join(name)) {
            Ok(on_disk) if on_disk == *text => {}
            Ok(_) => stale.push(format!("{name} differs")),
            Err(_) => stale.push(format!("{name} is missing")),
        }
    }
    let names: Vec<&str> = expected.iter().map(|(n, _)| n.as_str()).collect();
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if !names.contains(&name.as_str()) {
            stale.push(format!("{name} documents no lint"));
        }
    }
    assert!(
        stale.is_empty(),
        "docs/lints is stale ({}); run `UPDATE_DOCS=1 cargo test --test lint_docs`",
        stale.join(", ")
    );
}

#[test]
fn every_lint_page_has_the_four_sections() {
    for (info, _) in realname::internal::lint::LINTS {
        for section in [
            "## What it finds",
            "## Why it matters",
            "## Example",
            "## How to fix",
        ] {
            assert!(
                info.doc.contains(section),
                "lint {} lacks {section}",
                info.code
            );
        }
    }
}
