//! How long `realname check` spends compiling the rules and checking a profile.
//!
//! Run with `cargo bench --bench check`.

use std::sync::LazyLock;

use divan::Bencher;
use jiff::civil::Date;
use realname::Rules;
use realname::{load_profile, ProfileDocument};

fn main() {
    divan::main();
}

/// The profiles checked: a clean one and one with many findings and a fix.
const PROFILES: [(&str, &str); 2] = [
    ("clean", include_str!("../examples/john-smith.yaml")),
    ("problems", include_str!("../examples/problems.yaml")),
];

static RULES: LazyLock<Rules> =
    LazyLock::new(|| Rules::embedded().expect("the embedded rules compile"));

fn today() -> Date {
    "2026-11-21".parse().unwrap()
}

fn profile_text(name: &str) -> &'static str {
    PROFILES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
        .unwrap()
}

fn load(name: &str) -> ProfileDocument {
    load_profile(&format!("{name}.yaml"), profile_text(name))
        .unwrap_or_else(|e| panic!("{name} loads: {e}"))
}

/// Parsing and compiling every embedded rule file (schema, sources, banks, both apps).
#[divan::bench]
fn compile_embedded_rules() -> Rules {
    Rules::embedded().expect("the embedded rules compile")
}

/// Checking an already loaded profile against both apps with compiled rules.
#[divan::bench(args = ["clean", "problems"])]
fn check_loaded_profile(bencher: Bencher, name: &str) {
    let rules = &*RULES;
    let doc = load(name);
    let today = today();
    bencher.bench_local(|| rules.check(&doc, &[], today).unwrap());
}

/// Loading the profile text (YAML parsing included) and checking it against both apps.
#[divan::bench(args = ["clean", "problems"])]
fn load_and_check_profile(bencher: Bencher, name: &str) {
    let rules = &*RULES;
    let text = profile_text(name);
    let today = today();
    bencher.bench_local(|| {
        let doc = load_profile("profile.yaml", divan::black_box(text)).unwrap();
        rules.check(&doc, &[], today).unwrap()
    });
}
