//! realname against its peers (issue 10, "Performance"), side by side in one run: checking a
//! loaded profile with realname (Alipay only, and both apps), with jsonschema-rs collecting
//! every error of the equivalent schema (benches/peers/alipay.schema.json), and with the
//! hand-written Alipay check (benches/peers/alipay_by_hand.rs, the floor); then loading the
//! same JSON text with realname and with serde_json. tests/peers.rs proves the peers answer
//! as realname does on these profiles.
//!
//! Run with `cargo bench --bench compare`; benches/peers/README.md says how to read it.
//! Allocations are counted per iteration by divan's `AllocProfiler`.

use std::sync::LazyLock;

use divan::{AllocProfiler, Bencher};
use realname::{load_profile, Date, ProfileDocument, Rules};
use serde_json::Value;

#[path = "peers/alipay_by_hand.rs"]
mod alipay_by_hand;

use alipay_by_hand::AlipayByHand;

#[global_allocator]
static ALLOC: AllocProfiler = AllocProfiler::system();

fn main() {
    divan::main();
}

/// The profiles of benches/check.rs: a clean one and one with many findings.
const PROFILES: [(&str, &str); 2] = [
    ("clean", include_str!("../examples/john-smith.yaml")),
    ("problems", include_str!("../examples/problems.yaml")),
];

/// Each profile as JSON text, the form every peer reads (converted once, outside the timing).
static JSON_TEXTS: LazyLock<Vec<(&'static str, String)>> = LazyLock::new(|| {
    PROFILES
        .iter()
        .map(|(name, yaml)| {
            let value: Value = serde_saphyr::from_str(yaml).expect("the profile is YAML");
            (*name, serde_json::to_string_pretty(&value).unwrap())
        })
        .collect()
});

static RULES: LazyLock<Rules> =
    LazyLock::new(|| Rules::embedded().expect("the embedded rules compile"));

/// Compiled once, like realname's rules: only validation is timed.
static VALIDATOR: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    let schema: Value = serde_json::from_str(include_str!("peers/alipay.schema.json")).unwrap();
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles")
});

static BY_HAND: LazyLock<AlipayByHand> = LazyLock::new(AlipayByHand::new);

fn today() -> Date {
    "2026-11-21".parse().unwrap()
}

fn json_text(name: &str) -> &'static str {
    JSON_TEXTS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| text.as_str())
        .unwrap()
}

fn loaded(name: &str) -> ProfileDocument {
    load_profile(&format!("{name}.json"), json_text(name))
        .unwrap_or_else(|e| panic!("{name} loads: {e}"))
}

fn value(name: &str) -> Value {
    serde_json::from_str(json_text(name)).unwrap()
}

/// Checking a loaded profile: the numbers the goals are about.
mod check {
    use super::*;

    /// realname, Alipay only: the equal of the two peers.
    #[divan::bench(args = ["clean", "problems"])]
    fn realname_alipay(bencher: Bencher, name: &str) {
        let (rules, doc, today) = (&*RULES, loaded(name), today());
        bencher.bench_local(|| rules.check(&doc, &["alipay"], today).unwrap());
    }

    /// realname, both apps (Alipay and WeChat Pay).
    #[divan::bench(args = ["clean", "problems"])]
    fn realname_both_apps(bencher: Bencher, name: &str) {
        let (rules, doc, today) = (&*RULES, loaded(name), today());
        bencher.bench_local(|| rules.check(&doc, &[], today).unwrap());
    }

    /// jsonschema-rs collecting every error, as realname reports every finding.
    #[divan::bench(args = ["clean", "problems"])]
    fn jsonschema_all_errors(bencher: Bencher, name: &str) {
        let (validator, instance) = (&*VALIDATOR, value(name));
        bencher.bench_local(|| validator.iter_errors(&instance).collect::<Vec<_>>());
    }

    /// The hand-written check of the same rules: the floor.
    #[divan::bench(args = ["clean", "problems"])]
    fn alipay_by_hand(bencher: Bencher, name: &str) {
        let (check, instance, today) = (&*BY_HAND, value(name), today());
        bencher.bench_local(|| check.check(&instance, today));
    }
}

/// Reading the profile's JSON text: realname keeps every value's position and spelling,
/// serde_json builds a plain `Value`.
mod load {
    use super::*;

    #[divan::bench(args = ["clean", "problems"])]
    fn realname_load_profile(bencher: Bencher, name: &str) {
        let text = json_text(name);
        bencher.bench_local(|| load_profile("profile.json", divan::black_box(text)).unwrap());
    }

    #[divan::bench(args = ["clean", "problems"])]
    fn serde_json_value(bencher: Bencher, name: &str) {
        let text = json_text(name);
        bencher.bench_local(|| serde_json::from_str::<Value>(divan::black_box(text)).unwrap());
    }
}
