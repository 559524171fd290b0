//! fmt: a rule file that parses formats to a text that parses to the same tree, and
//! formatting that text again changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use realname::internal::source::{ignoring_spans, SourceFile};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let file = SourceFile::new("fuzz.rules", text);
    let Ok(once) = realname::format_file(&file) else {
        return;
    };
    let formatted = SourceFile::new("fuzz.rules", once.as_str());
    let (before, _) = realname::internal::syntax::parse_file(&file);
    let (after, errors) = realname::internal::syntax::parse_file(&formatted);
    assert!(errors.is_empty(), "the formatted text parses");
    assert!(
        ignoring_spans(|| before == after),
        "formatting keeps the meaning"
    );
    let twice = realname::format_file(&formatted).expect("formats again");
    assert_eq!(once, twice, "formatting is idempotent");
});
