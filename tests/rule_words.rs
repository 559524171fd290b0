//! The rules' own words for what the checker finds in a profile (`problem CODE { ... }`) and for
//! the periods a limit is counted over (`limit_periods { ... }`): the rules, not the Rust code,
//! decide how grave a problem is, what it says and which sources back it. Run as a maintainer
//! would: a copy of the shipped rules, edited, given to the `realname` binary.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

const TODAY: &str = "2026-12-01";

/// A copy of the shipped rules in a fresh folder, with `profile.rules` passed through `edit`.
fn rules_with(edit: impl FnOnce(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut edit = Some(edit);
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    for entry in std::fs::read_dir(&shipped).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rules") {
            let mut text = std::fs::read_to_string(&path).unwrap();
            if path.file_name().unwrap() == "profile.rules" {
                text = (edit.take().expect("one profile.rules"))(text);
            }
            std::fs::write(dir.path().join(path.file_name().unwrap()), text).unwrap();
        }
    }
    dir
}

/// `profile.rules` without its `problem profile/unknown-bank { ... }` block and the `///`
/// lines above it.
fn without_unknown_bank_words(text: String) -> String {
    let block = text
        .find("problem profile/unknown-bank {")
        .expect("the shipped schema gives the unknown bank its words");
    let mut start = block;
    while let Some(line_start) = text[..start.saturating_sub(1)].rfind('\n').map(|i| i + 1) {
        if !text[line_start..start].starts_with("///") {
            break;
        }
        start = line_start;
    }
    let end = start + text[start..].find("\n}\n").expect("the block's end") + 3;
    format!("{}{}", &text[..start], &text[end..])
}

fn realname(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_realname"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .output()
        .expect("the realname binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The JSON report of each app for `profile` checked with the rules in `rules`.
fn check_json(rules: &Path, profile: &Path, extra: &[&str]) -> Vec<Value> {
    let mut args = vec![
        "check",
        "--rules",
        rules.to_str().unwrap(),
        "--format",
        "json",
        "--today",
        TODAY,
    ];
    args.extend_from_slice(extra);
    args.push(profile.to_str().unwrap());
    let out = realname(&args);
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "check ran: {}",
        stderr(&out)
    );
    stdout(&out)
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object per line"))
        .collect()
}

/// The diagnostics with `code` in the first app's report.
fn diagnostics_with(reports: &[Value], code: &str) -> Vec<Value> {
    reports[0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .cloned()
        .collect()
}

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/profiles")
        .join(name)
}

/// What `realname check` prints when the edited rules do not compile (exit 2 expected).
fn compile_errors(edit: impl FnOnce(String) -> String) -> String {
    let rules = rules_with(edit);
    refused(rules.path())
}

/// What `realname check` prints for rules in `rules` that must not compile.
fn refused(rules: &Path) -> String {
    let clean = fixture("clean.yaml");
    let out = realname(&[
        "check",
        "--rules",
        rules.to_str().unwrap(),
        clean.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "broken rules are refused\n{}{}",
        stdout(&out),
        stderr(&out)
    );
    format!("{}{}", stdout(&out), stderr(&out))
}

fn with_appended(extra: &'static str) -> impl FnOnce(String) -> String {
    move |text| format!("{text}\n{extra}\n")
}

#[test]
fn the_shipped_words_for_an_unknown_bank_come_from_the_rules() {
    let rules = rules_with(|t| t);
    let reports = check_json(rules.path(), &fixture("schema_problems.yaml"), &[]);
    let found = diagnostics_with(&reports, "profile/unknown-bank");
    assert_eq!(found.len(), 1, "{found:#?}");
    let bank = &found[0];
    assert_eq!(bank["severity"], "warning");
    assert_eq!(
        bank["message"],
        "\"CMBB\" is not in the registry of Chinese banks"
    );
    let help = bank["help"].as_str().unwrap();
    assert!(
        help.starts_with("did you mean `CMB`? A bank outside mainland China"),
        "the suggestion leads, the rules' help follows with a capital: {help}"
    );
    assert_eq!(bank["sources"], serde_json::json!(["tencent_2023", "bcbc"]));
}

#[test]
fn without_the_rules_words_an_unknown_bank_gets_the_general_ones() {
    let rules = rules_with(without_unknown_bank_words);
    let reports = check_json(rules.path(), &fixture("schema_problems.yaml"), &[]);
    let found = diagnostics_with(&reports, "profile/unknown-bank");
    assert_eq!(found.len(), 1, "{found:#?}");
    let bank = &found[0];
    assert_eq!(
        bank["severity"], "error",
        "the general severity: nothing says a bank outside the registry is fine"
    );
    assert_eq!(bank["message"], "\"CMBB\" is not a bank of the registry");
    let help = bank["help"].as_str().unwrap();
    assert!(help.starts_with("did you mean `CMB`?"), "{help}");
    assert!(
        !help.contains("mainland") && !help.contains("招商银行"),
        "nothing about China or a particular bank is left in the Rust code: {help}"
    );
    assert_eq!(bank["sources"], serde_json::json!([]));
}

#[test]
fn a_problem_can_change_only_the_severity() {
    let rules = rules_with(|text| {
        without_unknown_bank_words(text)
            + "\nproblem profile/unknown-bank {\n  severity advice\n}\n"
    });
    let reports = check_json(rules.path(), &fixture("schema_problems.yaml"), &[]);
    let found = diagnostics_with(&reports, "profile/unknown-bank");
    assert_eq!(found[0]["severity"], "advice");
    assert_eq!(
        found[0]["message"], "\"CMBB\" is not a bank of the registry",
        "the general message stays when the rules give none"
    );
}

#[test]
fn a_sensitive_value_shown_by_the_rules_words_is_masked_under_redact() {
    let rules = rules_with(with_appended(
        "problem profile/look-alike-characters {\n  message \"the value {value} has characters that only look ordinary\"\n}",
    ));
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("me.yaml");
    // The passport number with a full-width Ａ (U+FF21) in place of the Latin A.
    let number = "\u{FF21}12345678";
    let text = std::fs::read_to_string(fixture("clean.yaml"))
        .unwrap()
        .lines()
        .map(|line| {
            if line.trim_start().starts_with("number:") && line.starts_with("  number") {
                format!("  number: \"{number}\"")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(text.contains(number), "the fixture has a document number");
    std::fs::write(&profile, text).unwrap();

    let plain = check_json(rules.path(), &profile, &[]);
    let found = diagnostics_with(&plain, "profile/look-alike-characters");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        found[0]["message"],
        format!("the value {number} has characters that only look ordinary")
    );

    let redacted = check_json(rules.path(), &profile, &["--redact"]);
    let found = diagnostics_with(&redacted, "profile/look-alike-characters");
    let message = found[0]["message"].as_str().unwrap();
    assert!(
        message.starts_with("the value ") && !message.contains("12345678"),
        "the number is masked in the rules' words too: {message}"
    );
}

#[test]
fn a_problem_the_checker_does_not_find_is_an_error_with_a_suggestion() {
    let errors = compile_errors(with_appended(
        "problem profile/unknown-bnak {\n  severity warning\n}",
    ));
    assert!(
        errors.contains("`profile/unknown-bnak` is not a problem the checker finds"),
        "{errors}"
    );
    assert!(
        errors.contains("did you mean `profile/unknown-bank`?"),
        "{errors}"
    );
}

#[test]
fn a_problem_given_twice_is_an_error() {
    let errors = compile_errors(with_appended(
        "problem profile/unknown-bank {\n  severity error\n}",
    ));
    assert!(
        errors.contains("problem `profile/unknown-bank` is declared twice"),
        "{errors}"
    );
    assert!(errors.contains("keep one of them"), "{errors}");
}

#[test]
fn a_problem_text_shows_only_the_value() {
    let errors = compile_errors(with_appended(
        "problem profile/unknown-country {\n  message \"{field} is not a country\"\n}",
    ));
    assert!(
        errors.contains("a problem's text can show only `{value}`, not `{field}`"),
        "{errors}"
    );
    assert!(
        errors.contains("profile.rules"),
        "the error names the file: {errors}"
    );
}

#[test]
fn an_unclosed_brace_in_a_problem_text_is_an_error() {
    let errors = compile_errors(with_appended(
        "problem profile/unknown-country {\n  message \"{value is not a country\"\n}",
    ));
    assert!(errors.contains("this `{` is never closed"), "{errors}");
}

#[test]
fn a_problem_that_changes_nothing_is_an_error() {
    let errors = compile_errors(with_appended("problem profile/unknown-country {\n}"));
    assert!(
        errors.contains("problem `profile/unknown-country` changes nothing"),
        "{errors}"
    );
}

#[test]
fn a_limit_over_an_undeclared_period_names_the_declared_ones() {
    // Without `week` among the periods, a limit counted per week is refused with the list.
    let rules = rules_with(|t| t);
    let wechat = rules.path().join("wechat.rules");
    let text = std::fs::read_to_string(&wechat).unwrap();
    let edited = text.replacen(" per day", " per week", 1);
    assert_ne!(edited, text, "the WeChat rules have a daily limit");
    std::fs::write(&wechat, edited).unwrap();
    let all = refused(rules.path());
    assert!(all.contains("week"), "{all}");
    for declared in ["transaction", "day", "month", "year", "account"] {
        assert!(
            all.contains(declared),
            "the error lists `{declared}`: {all}"
        );
    }
}

#[test]
fn a_declared_period_brings_its_own_words_to_the_docs() {
    let rules = rules_with(|text| text.replace("day \"per day\"", "day \"each calendar day\""));
    let out_dir = tempfile::tempdir().unwrap();
    let out = realname(&[
        "docs",
        "--rules",
        rules.path().to_str().unwrap(),
        "--out",
        out_dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut pages = String::new();
    for entry in std::fs::read_dir(out_dir.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            pages.push_str(&std::fs::read_to_string(&path).unwrap());
        }
    }
    assert!(
        pages.contains("each calendar day"),
        "the rules' words for the period are used"
    );
    assert!(!pages.contains(" per day"), "no page keeps the old words");
}
