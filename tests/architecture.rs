//! The shape of the code, checked: the layers written in ARCHITECTURE.md are the real dependency
//! graph of `src/`, and no source file grows long without saying why.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The modules of each layer, lowest first, from the ```layers block of ARCHITECTURE.md.
fn layers() -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(root().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let start = text
        .find("```layers\n")
        .expect("a ```layers block in ARCHITECTURE.md")
        + 10;
    let end = start + text[start..].find("```").expect("the block ends");
    text[start..end]
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split_whitespace().map(str::to_string).collect())
        .collect()
}

/// The top-level modules declared in src/lib.rs.
fn lib_modules() -> Vec<String> {
    let text = std::fs::read_to_string(root().join("src/lib.rs")).expect("src/lib.rs");
    text.lines()
        .filter_map(|l| {
            let l = l.trim();
            let rest = l
                .strip_prefix("pub mod ")
                .or_else(|| l.strip_prefix("mod "))?;
            rest.strip_suffix(';').map(str::to_string)
        })
        .collect()
}

fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path)
            .expect("a source folder")
            .map(|e| e.expect("an entry").path())
            .collect();
        entries.sort();
        for entry in entries {
            rust_files(&entry, out);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_path_buf());
    }
}

/// The files of a top-level module: `src/name.rs`, or everything under `src/name/`.
fn module_files(module: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let dir = root().join("src").join(module);
    if dir.is_dir() {
        rust_files(&dir, &mut files);
    }
    let file = root().join("src").join(format!("{module}.rs"));
    if file.is_file() {
        files.push(file);
    }
    files
}

/// Every top-level module named as `crate::name` in code (comments left out), with a line
/// where it is.
fn uses(file: &Path) -> BTreeMap<String, usize> {
    let text = std::fs::read_to_string(file).expect("a source file");
    let mut found = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        let code = match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        };
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            let after = &rest[i + 7..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.entry(name).or_insert(n + 1);
            }
            rest = after;
        }
    }
    found
}

#[test]
fn every_module_has_a_layer_and_only_one() {
    let layers = layers();
    let mut seen = BTreeMap::new();
    for (i, layer) in layers.iter().enumerate() {
        for module in layer {
            assert!(
                seen.insert(module.clone(), i).is_none(),
                "{module} is in two layers of ARCHITECTURE.md"
            );
        }
    }
    let declared = lib_modules();
    assert!(
        declared.len() >= 10,
        "src/lib.rs declares modules: {declared:?}"
    );
    for module in &declared {
        assert!(
            seen.contains_key(module),
            "src/lib.rs declares `{module}` but ARCHITECTURE.md's layers do not place it"
        );
    }
    for module in seen.keys() {
        assert!(
            declared.contains(module),
            "ARCHITECTURE.md places `{module}`, which src/lib.rs does not declare"
        );
    }
}

#[test]
fn modules_use_only_the_layers_below_them() {
    let layers = layers();
    let layer_of: BTreeMap<&str, usize> = layers
        .iter()
        .enumerate()
        .flat_map(|(i, l)| l.iter().map(move |m| (m.as_str(), i)))
        .collect();
    let mut wrong = Vec::new();
    let mut arrows = 0;
    for (module, &layer) in &layer_of {
        let files = module_files(module);
        assert!(!files.is_empty(), "no source for module `{module}`");
        for file in files {
            for (used, line) in uses(&file) {
                if used == *module {
                    continue;
                }
                arrows += 1;
                match layer_of.get(used.as_str()) {
                    Some(&l) if l < layer => {}
                    Some(_) => wrong.push(format!(
                        "{}:{line}: `{module}` uses `{used}`, which is not in a layer above it",
                        file.strip_prefix(root()).unwrap_or(&file).display()
                    )),
                    // `crate::Rules` and other re-exports at the root.
                    None if used.chars().next().is_some_and(char::is_uppercase) => {}
                    None => wrong.push(format!("{}: `{used}` is not a module", file.display())),
                }
            }
        }
    }
    assert!(arrows > 50, "only {arrows} uses found: the scan is broken");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
/// Where in a long file its reason must be written.
const REASON: &str = "Long because:";

/// A file may pass this many lines only with a `//! Long because: ...` line near its top.
const LONG_FILE_LINES: usize = 800;

#[test]
fn long_source_files_say_why() {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    assert!(files.len() > 30);
    let mut unexplained = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("a source file");
        let lines = text.lines().count();
        let head: Vec<&str> = text.lines().take(30).collect();
        if lines > LONG_FILE_LINES
            && !head
                .iter()
                .any(|l| l.starts_with("//!") && l.contains(REASON))
        {
            unexplained.push(format!(
                "{} has {lines} lines and no `//! {REASON}` line at its top",
                file.strip_prefix(root()).unwrap_or(&file).display()
            ));
        }
    }
    assert!(unexplained.is_empty(), "{}", unexplained.join("\n"));
}

/// The rows of the code map in ARCHITECTURE.md: (path cell, whole row).
fn code_map_rows() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(root().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let start = text.find("## Code map").expect("a code map");
    let end = start + 3 + text[start + 3..].find("\n## ").expect("a section after it");
    text[start..end]
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            (cells.len() >= 3 && cells[1].starts_with('`'))
                .then(|| (cells[1].to_string(), line.to_string()))
        })
        .collect()
}

#[test]
fn every_source_file_is_in_the_code_map() {
    let rows = code_map_rows();
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let mut missing = Vec::new();
    for file in files {
        let path = file
            .strip_prefix(root())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        // Named in a row of its own, or in the row of a folder above it: by its path from that
        // folder (`parser/`, `lints/` cover what is inside them).
        let named = rows.iter().any(|(cell, row)| {
            if cell.contains(&format!("`{path}`")) {
                return true;
            }
            cell.split(',')
                .map(|c| c.trim().trim_matches('`'))
                .any(|dir| {
                    dir.ends_with('/')
                        && path.strip_prefix(dir).is_some_and(|rest| {
                            let first = match rest.split_once('/') {
                                Some((folder, _)) => format!("`{folder}/`"),
                                None => format!("`{rest}`"),
                            };
                            row.contains(&first)
                        })
                })
        });
        if !named {
            missing.push(path);
        }
    }
    assert!(
        missing.is_empty(),
        "files the code map of ARCHITECTURE.md does not name: {missing:?}"
    );
}

#[test]
fn the_public_api_is_the_facade() {
    let text = std::fs::read_to_string(root().join("src/lib.rs")).expect("src/lib.rs");
    let public_modules: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("pub mod "))
        .map(|l| {
            l.trim_start_matches("pub mod ")
                .trim_end_matches([';', ' ', '{'])
        })
        .collect();
    assert_eq!(
        public_modules,
        ["render", "internal"],
        "only `render` and the hidden `internal` are public modules; the rest goes through the facade"
    );
    let internal = text.find("pub mod internal").unwrap();
    assert!(
        text[..internal].trim_end().ends_with("#[doc(hidden)]"),
        "`internal` is hidden from the docs"
    );
    for module in lib_modules() {
        if module != "render" {
            assert!(
                text.contains(&format!("\nmod {module};")),
                "`{module}` is private"
            );
        }
    }
}
