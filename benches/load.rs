//! How long loading a profile takes, beside what a general parser of the same format spends to
//! build a plain value without positions: `load_profile` of JSON against `serde_json` to
//! `serde_json::Value`, and of YAML against `serde_saphyr` (which has no value type of its own)
//! to `serde_json::Value`. JSON read by the YAML reader, as it was before JSON had its own, is
//! shown for comparison.
//!
//! Run with `cargo bench --bench load`.

use std::sync::LazyLock;

use realname::load_profile;

fn main() {
    divan::main();
}

/// The profiles loaded: a clean one and one with many findings.
const YAML: [(&str, &str); 2] = [
    ("clean", include_str!("../examples/john-smith.yaml")),
    ("problems", include_str!("../examples/problems.yaml")),
];

const NAMES: [&str; 2] = ["clean", "problems"];

fn yaml(name: &str) -> &'static str {
    YAML.iter().find(|(n, _)| *n == name).unwrap().1
}

/// The same profiles written as JSON, indented as a person or a JSON library would write them.
static JSON: LazyLock<Vec<(&str, String)>> = LazyLock::new(|| {
    YAML.iter()
        .map(|(name, text)| {
            let value: serde_json::Value = serde_saphyr::from_str(text).unwrap();
            (*name, serde_json::to_string_pretty(&value).unwrap())
        })
        .collect()
});

fn json(name: &str) -> &'static str {
    &JSON.iter().find(|(n, _)| *n == name).unwrap().1
}

mod json {
    use super::{json, load_profile, NAMES};

    /// `load_profile` of a `.json` profile: the tree with every value's position.
    #[divan::bench(args = NAMES)]
    fn realname_with_positions(bencher: divan::Bencher, name: &str) {
        let text = json(name);
        bencher.bench(|| load_profile("profile.json", divan::black_box(text)).unwrap());
    }

    /// `serde_json::from_str` to a `Value`, no positions.
    #[divan::bench(args = NAMES)]
    fn serde_json_value(bencher: divan::Bencher, name: &str) {
        let text = json(name);
        bencher
            .bench(|| serde_json::from_str::<serde_json::Value>(divan::black_box(text)).unwrap());
    }

    /// The same JSON through the YAML reader, as `.json` profiles were read before.
    #[divan::bench(args = NAMES)]
    fn through_the_yaml_reader(bencher: divan::Bencher, name: &str) {
        let text = json(name);
        bencher.bench(|| load_profile("profile.yaml", divan::black_box(text)).unwrap());
    }
}

mod yaml {
    use super::{load_profile, yaml, NAMES};

    /// `load_profile` of a `.yaml` profile: the tree with every value's position.
    #[divan::bench(args = NAMES)]
    fn realname_with_positions(bencher: divan::Bencher, name: &str) {
        let text = yaml(name);
        bencher.bench(|| load_profile("profile.yaml", divan::black_box(text)).unwrap());
    }

    /// `serde_saphyr::from_str` to a `serde_json::Value`, no positions.
    #[divan::bench(args = NAMES)]
    fn serde_saphyr_value(bencher: divan::Bencher, name: &str) {
        let text = yaml(name);
        bencher
            .bench(|| serde_saphyr::from_str::<serde_json::Value>(divan::black_box(text)).unwrap());
    }
}
