//! Rule text: parsing, compiling and linting never panic, overflow or hang, whatever the
//! bytes, alone or with the shipped schema, sources and shared definitions (the bank registry
//! is left out: it is large, and fuzzing wants many runs a second).
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use realname::SourceFile;

static SHIPPED: LazyLock<Vec<SourceFile>> = LazyLock::new(|| {
    realname::internal::rules::embedded_files()
        .into_iter()
        .filter(|f| {
            ["profile.rules", "sources.rules", "phone.rules", "mrz.rules"]
                .iter()
                .any(|n| f.name().ends_with(n))
        })
        .collect()
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let file = SourceFile::new("fuzz.rules", text);
    let _ = realname::internal::compile::compile(vec![file.clone()]);
    let mut files = SHIPPED.clone();
    files.push(file);
    let _ = realname::internal::lint::lint(&files, "2026-12-01".parse().unwrap());
});
