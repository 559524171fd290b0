//! Profile text: loading and checking it with the shipped rules never panics, and every
//! renderer (human, JSON, short), redaction included, handles what comes out. Under
//! redaction no full sensitive value of a profile that loaded is printed. The first byte picks
//! the reader (even: the name ends in `.yaml`, odd: `.json`), so both are fuzzed.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use realname::{render, Style};
use realname::Rules;

static RULES: LazyLock<Rules> = LazyLock::new(|| Rules::embedded().expect("shipped rules"));

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let name = if pick % 2 == 0 { "fuzz.yaml" } else { "fuzz.json" };
    let doc = match realname::load_profile(name, text) {
        Ok(doc) => doc,
        Err(e) => {
            let _ = render::diagnostic(&e, Style::plain(80));
            return;
        }
    };
    let today = "2026-11-21".parse().unwrap();
    let Ok(reports) = RULES.check(&doc, &[], today) else {
        return;
    };
    for (doc, reports) in [
        (doc.clone(), reports.clone()),
        render::redact(&doc, &reports),
    ] {
        let _ = render::human(&RULES, &doc, &reports, Style::plain(80));
        let _ = render::json(&RULES, &doc, &reports);
        let _ = render::short(&doc.name, &reports);
    }
});
