//! The peers of benches/compare.rs give the same answers as realname, so the benchmark compares
//! the same work: the hand-written check of benches/peers/alipay_by_hand.rs finds exactly what
//! realname finds for Alipay, and the JSON Schema of benches/peers/alipay.schema.json gives
//! realname's verdict wherever it can express the requirement that refuses.
//!
//! The profiles: examples/john-smith.yaml and examples/problems.yaml (the ones the benchmark
//! times), tests/fixtures/profiles/*.yaml and tests/fixtures/peers/*.yaml, each read by realname
//! from its YAML and given to the peers as JSON (serde-saphyr to `serde_json::Value`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use realname::{load_profile, Date, Rules, Severity};
use serde_json::Value;

#[path = "../benches/peers/alipay_by_hand.rs"]
mod alipay_by_hand;

use alipay_by_hand::AlipayByHand;

/// The day of the check, the same as in benches/check.rs and benches/compare.rs.
fn today() -> Date {
    "2026-11-21".parse().unwrap()
}

/// Every profile, by a short name, with its YAML text.
fn profiles() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<PathBuf> = vec![
        root.join("examples/john-smith.yaml"),
        root.join("examples/problems.yaml"),
    ];
    for folder in ["tests/fixtures/profiles", "tests/fixtures/peers"] {
        let mut found: Vec<PathBuf> = std::fs::read_dir(root.join(folder))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .collect();
        found.sort();
        paths.extend(found);
    }
    paths
        .into_iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

fn as_json(yaml: &str) -> Value {
    serde_saphyr::from_str(yaml).expect("the profile is YAML")
}

/// A finding as a comparable line: `alipay/adult at birth_date (Error)`.
type Line = (String, String, String);

fn severity(s: Severity) -> String {
    format!("{s:?}")
}

/// realname's Alipay findings and verdict for a profile, read from `text`.
fn realname_alipay(rules: &Rules, file: &str, text: &str) -> (BTreeSet<Line>, bool) {
    let doc = load_profile(file, text).expect("the profile loads");
    let reports = rules.check(&doc, &["alipay"], today()).unwrap();
    let report = &reports[0];
    let lines = report
        .findings
        .iter()
        .map(|f| (f.code.clone(), f.field.clone(), severity(f.severity)))
        .collect();
    (lines, report.verified)
}

fn by_hand(check: &AlipayByHand, profile: &Value) -> BTreeSet<Line> {
    check
        .check(profile, today())
        .iter()
        .map(|f| {
            (
                f.code.to_string(),
                f.field.to_string(),
                severity(f.severity),
            )
        })
        .collect()
}

fn errors(lines: &BTreeSet<Line>) -> BTreeSet<(String, String)> {
    lines
        .iter()
        .filter(|(_, _, s)| s == "Error")
        .map(|(c, f, _)| (c.clone(), f.clone()))
        .collect()
}

#[test]
fn the_benchmarked_json_reads_as_the_yaml_does() {
    // benches/compare.rs gives realname the profile as JSON text, like the peers.
    let rules = Rules::embedded().unwrap();
    for (name, yaml) in profiles() {
        let json = serde_json::to_string_pretty(&as_json(&yaml)).unwrap();
        let from_yaml = realname_alipay(&rules, &format!("{name}.yaml"), &yaml);
        let from_json = realname_alipay(&rules, &format!("{name}.json"), &json);
        assert_eq!(from_yaml, from_json, "{name}: YAML and JSON differ");
    }
}

/// Every finding, warnings included, is the same: code, field and severity.
#[test]
fn the_hand_written_check_finds_what_realname_finds() {
    let rules = Rules::embedded().unwrap();
    let check = AlipayByHand::new();
    let mut outcomes = BTreeSet::new();
    for (name, yaml) in profiles() {
        let (expected, verified) = realname_alipay(&rules, &format!("{name}.yaml"), &yaml);
        let got = by_hand(&check, &as_json(&yaml));
        assert_eq!(
            errors(&got),
            errors(&expected),
            "{name}: the errors differ (left: by hand, right: realname)"
        );
        assert_eq!(
            got, expected,
            "{name}: the warnings differ (left: by hand, right: realname)"
        );
        outcomes.insert(verified);
    }
    assert_eq!(
        outcomes,
        BTreeSet::from([false, true]),
        "the profiles exercise both verdicts"
    );
}

/// The requirements of rules/alipay.rules (and profile problems) that decide a verdict but that
/// JSON Schema cannot express, with the reason. Every other error realname reports has a
/// counterpart in benches/peers/alipay.schema.json.
const INEXPRESSIBLE: [(&str, &str); 9] = [
    (
        "alipay/adult",
        "the age on the day of the check: JSON Schema has no today",
    ),
    (
        "alipay/document_not_expired",
        "a comparison with the day of the check",
    ),
    (
        "alipay/card_holder_matches",
        "the holder equals the name: JSON Schema compares no two values of the instance",
    ),
    (
        "alipay/mrz_check_digits",
        "the 7-3-1 check digits are arithmetic",
    ),
    (
        "alipay/number_matches_mrz",
        "a comparison of the typed number with the zone's",
    ),
    (
        "alipay/name_matches_mrz",
        "a comparison of the typed name, transliterated, with the zone's",
    ),
    (
        "alipay/birth_date_matches_mrz",
        "a comparison of the typed date with the zone's, whose century depends on today",
    ),
    (
        "alipay/expiry_matches_mrz",
        "a comparison of the typed date with the zone's, whose century depends on today",
    ),
    (
        "profile/unknown-country",
        "which two- and three-letter codes ISO 3166 assigns (the schema checks the shape only)",
    ),
];

/// The profiles on which the schema must accept what realname refuses, and the requirements
/// that refuse. The test fails if the list is wrong either way.
const EXPECTED_DISAGREEMENTS: [(&str, &[&str]); 5] = [
    ("expired_passport", &["alipay/document_not_expired"]),
    ("holder_mismatch", &["alipay/card_holder_matches"]),
    ("minor", &["alipay/adult"]),
    ("mrz_mistyped_number", &["alipay/number_matches_mrz"]),
    ("mrz_wrong_check_digit", &["alipay/mrz_check_digits"]),
];

fn expressible(code: &str) -> bool {
    !INEXPRESSIBLE.iter().any(|(c, _)| *c == code)
}

/// The field of realname's that a schema error stands for. A JSON pointer becomes realname's
/// dotted path (`/bank_cards/0/bank` is `bank_cards[0].bank`); a missing property is named by
/// `required` at its parent, so it is the parent's path and the property. Every error at or
/// under `/bank_cards` is `bank_cards`: `contains` reports the list, not the cards it tried.
fn schema_field(error: &jsonschema::ValidationError<'_>) -> String {
    let mut path = String::new();
    for segment in error.instance_path().as_str().split('/').skip(1) {
        if segment.bytes().all(|b| b.is_ascii_digit()) {
            path.push_str(&format!("[{segment}]"));
        } else {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(segment);
        }
    }
    if let jsonschema::error::ValidationErrorKind::Required { property } = error.kind() {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(property.as_str().unwrap_or_default());
    }
    if path.starts_with("bank_cards") {
        return "bank_cards".into();
    }
    path
}

/// The fields the schema should refuse, from realname's errors: those it can express, with
/// the findings of cards mapped to `bank_cards` when every card has one (then `contains`
/// finds no card); a card whose only errors are inexpressible satisfies `contains`.
fn expected_schema_fields(realname_errors: &BTreeSet<(String, String)>) -> BTreeSet<String> {
    let mut fields = BTreeSet::new();
    let mut cards_seen = BTreeSet::new();
    let mut cards_refused = BTreeSet::new();
    for (code, field) in realname_errors {
        if let Some(rest) = field.strip_prefix("bank_cards[") {
            let card = rest.split(']').next().unwrap().to_string();
            cards_seen.insert(card.clone());
            if expressible(code) {
                cards_refused.insert(card);
            }
        } else if expressible(code) {
            fields.insert(field.clone());
        }
    }
    if !cards_seen.is_empty() && cards_refused == cards_seen {
        fields.insert("bank_cards".into());
    }
    fields
}

fn validator() -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(include_str!("../benches/peers/alipay.schema.json")).unwrap();
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles")
}

/// On every profile the schema's verdict is realname's, and its errors point at the fields
/// realname's do, except on the profiles of [`EXPECTED_DISAGREEMENTS`], where realname
/// refuses only for requirements of [`INEXPRESSIBLE`] and the schema accepts.
#[test]
fn the_schema_agrees_with_realname_where_it_can_say_the_rule() {
    let rules = Rules::embedded().unwrap();
    let validator = validator();
    let mut disagreements = Vec::new();
    let mut schema_outcomes = BTreeSet::new();
    for (name, yaml) in profiles() {
        let (findings, verified) = realname_alipay(&rules, &format!("{name}.yaml"), &yaml);
        let realname_errors = errors(&findings);
        let json = as_json(&yaml);
        let schema_errors: BTreeSet<String> = validator
            .iter_errors(&json)
            .map(|e| schema_field(&e))
            .collect();
        let schema_valid = validator.is_valid(&json);
        assert_eq!(schema_valid, schema_errors.is_empty(), "{name}");
        schema_outcomes.insert(schema_valid);
        let expected = expected_schema_fields(&realname_errors);
        assert_eq!(
            schema_errors, expected,
            "{name}: the schema's errors (left) are not realname's expressible ones (right); \
             realname found {realname_errors:?}"
        );
        if schema_valid != verified {
            let mut refusing: Vec<&str> = realname_errors.iter().map(|(c, _)| c.as_str()).collect();
            refusing.dedup();
            assert!(
                refusing.iter().all(|c| !expressible(c)),
                "{name}: the verdicts differ on a requirement the schema expresses"
            );
            disagreements.push((name.clone(), refusing.join(", ")));
        }
    }
    disagreements.sort();
    let expected: Vec<(String, String)> = EXPECTED_DISAGREEMENTS
        .iter()
        .map(|(n, codes)| (n.to_string(), codes.join(", ")))
        .collect();
    assert_eq!(
        disagreements, expected,
        "the profiles where JSON Schema cannot say why realname refuses"
    );
    assert_eq!(
        schema_outcomes,
        BTreeSet::from([false, true]),
        "the schema is exercised on both verdicts"
    );
}

/// The hand-written check needs no day-dependent help: on another day its findings still
/// follow realname's (the passport of john-smith.yaml has expired by 2031).
#[test]
fn the_hand_written_check_follows_the_day() {
    let rules = Rules::embedded().unwrap();
    let check = AlipayByHand::new();
    let yaml = include_str!("../examples/john-smith.yaml");
    let day: Date = "2031-01-01".parse().unwrap();
    let doc = load_profile("john-smith.yaml", yaml).unwrap();
    let report = &rules.check(&doc, &["alipay"], day).unwrap()[0];
    let expected: BTreeSet<(String, String)> = report
        .findings
        .iter()
        .map(|f| (f.code.clone(), f.field.clone()))
        .collect();
    let json = as_json(yaml);
    let got: BTreeSet<(String, String)> = check
        .check(&json, day)
        .iter()
        .map(|f| (f.code.to_string(), f.field.to_string()))
        .collect();
    assert_eq!(got, expected);
    assert!(got.contains(&(
        "alipay/document_not_expired".to_string(),
        "document.expiry_date".to_string()
    )));
}
