//! `realname check` end to end: the built binary, its output, its exit codes and `--fix`.
//!
//! Every run sets NO_COLOR=1 and COLUMNS=100 and a fixed `--today`, and runs in the crate root
//! with relative profile paths, so that the output is the same on every machine.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const TODAY: &str = "2026-11-21";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `realname ARGS` in `dir` with a fixed, colourless environment.
fn realname_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_realname"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .expect("the realname binary runs")
}

/// Runs `realname ARGS` in the crate root.
fn realname(args: &[&str]) -> Output {
    realname_in(root(), args)
}

/// `realname check --today TODAY EXTRA...`.
fn check(extra: &[&str]) -> Output {
    let mut args = vec!["check", "--today", TODAY];
    args.extend_from_slice(extra);
    realname(&args)
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

#[track_caller]
fn assert_exit(out: &Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "expected exit {code}\n--- stdout\n{}\n--- stderr\n{}",
        stdout(out),
        stderr(out)
    );
}

fn profile(name: &str) -> String {
    format!("tests/fixtures/profiles/{name}")
}

/// Copies the named fixture files into a fresh temporary folder.
fn temp_copy(files: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for file in files {
        let from = root().join(file);
        let to = dir.path().join(from.file_name().unwrap());
        std::fs::copy(&from, &to).unwrap_or_else(|e| panic!("copy {}: {e}", from.display()));
    }
    dir
}

/// Copies every `*.rules` file of the repository's rules/ into `dir`.
fn copy_rules(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    for entry in std::fs::read_dir(root().join("rules")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rules") {
            std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
    }
}

/// Parses JSON-lines output: one object per line, nothing else.
fn json_lines(text: &str) -> Vec<Value> {
    assert!(text.ends_with('\n'), "JSON output ends with a newline");
    text.lines()
        .map(|line| {
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not a JSON line ({e}): {line}"))
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Human output

/// The human report of each profile under tests/fixtures/profiles, with its exit code.
#[test]
fn human_output_of_each_profile() {
    insta::glob!("fixtures/profiles/*.yaml", |path| {
        let name = path.file_name().unwrap().to_str().unwrap();
        let out = check(&[&profile(name)]);
        let expected = match name {
            "clean.yaml" => 0,
            _ => 1,
        };
        assert_exit(&out, expected);
        assert_eq!(stderr(&out), "", "{name}: nothing on stderr");
        insta::assert_snapshot!(stdout(&out));
    });
}

#[test]
fn human_output_of_the_problems_example() {
    let out = check(&["examples/problems.yaml"]);
    assert_exit(&out, 1);
    assert_eq!(stderr(&out), "");
    insta::assert_snapshot!(stdout(&out));
}

#[test]
fn clean_profile_is_verified_by_both_apps() {
    let out = check(&[&profile("clean.yaml")]);
    assert_exit(&out, 0);
    let text = stdout(&out);
    assert!(text.contains("Alipay: can be verified (0 errors"), "{text}");
    assert!(
        text.contains("WeChat Pay: can be verified (0 errors"),
        "{text}"
    );
}

#[test]
fn international_credit_card_verifies_wechat_for_payments_only() {
    let file = profile("international_credit_only.yaml");
    let out = check(&["--app", "wechat", &file]);
    assert_exit(&out, 0);
    let text = stdout(&out);
    assert!(text.contains("WeChat Pay: can be verified"), "{text}");
    assert!(text.contains("unlocks: payments\n"), "{text}");
    assert!(
        text.contains("wechat/domestic_debit_for_everything"),
        "{text}"
    );
    assert!(
        !text.contains("Alipay"),
        "--app wechat shows only WeChat Pay:\n{text}"
    );

    let out = check(&["--app", "alipay", &file]);
    assert_exit(&out, 1);
    assert!(stdout(&out).contains("alipay/card_not_credit"));
}

#[test]
fn schema_problems_are_reported_once_with_their_place() {
    let out = check(&[&profile("schema_problems.yaml")]);
    assert_exit(&out, 1);
    let text = stdout(&out);
    for needle in [
        "`birth_date` is required but missing",
        "\"CMBB\" is not",
        "did you mean `CMB`?",
        "\"savings\" is not an allowed value here",
        "schema_problems.yaml:12:11]",
        "schema_problems.yaml:13:11]",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
    assert_eq!(
        text.matches("profile/unknown-bank").count(),
        1,
        "profile findings are shown once, not once per app:\n{text}"
    );
}

// ---------------------------------------------------------------------------------------------
// JSON output

const JSON_PROFILES: [&str; 2] = [
    "examples/problems.yaml",
    "tests/fixtures/profiles/international_credit_only.yaml",
];

#[test]
fn json_output_snapshots() {
    for file in JSON_PROFILES {
        let out = check(&["--format", "json", file]);
        assert_exit(&out, 1);
        assert_eq!(stderr(&out), "");
        let lines = json_lines(&stdout(&out));
        let name = Path::new(file).file_stem().unwrap().to_str().unwrap();
        insta::assert_json_snapshot!(format!("json_{name}"), lines);
    }
}

fn assert_string(v: &Value, what: &str) {
    assert!(v.is_string(), "{what} is a string: {v}");
}

fn assert_int(v: &Value, what: &str) {
    assert!(v.is_u64(), "{what} is a whole number: {v}");
}

fn assert_string_or_null(v: &Value, what: &str) {
    assert!(
        v.is_string() || v.is_null(),
        "{what} is a string or null: {v}"
    );
}

fn assert_int_or_null(v: &Value, what: &str) {
    assert!(
        v.is_u64() || v.is_null(),
        "{what} is a whole number or null: {v}"
    );
}

/// The documented fields of the JSON report (docs/json.md), with their types.
#[test]
fn json_output_has_the_documented_fields() {
    let with_profile_findings = profile("schema_problems.yaml");
    let files = [JSON_PROFILES[0], JSON_PROFILES[1], &with_profile_findings];
    for file in files {
        let out = check(&["--format", "json", file]);
        let lines = json_lines(&stdout(&out));
        let apps: Vec<&str> = lines.iter().map(|l| l["app"].as_str().unwrap()).collect();
        assert_eq!(apps, ["alipay", "wechat"], "one line per app, in order");
        for line in &lines {
            assert_eq!(line["profile"], file);
            assert!(line["verified"].is_boolean(), "{line}");
            for unlock in line["unlocks"].as_array().expect("unlocks is a list") {
                assert_string(unlock, "unlocks[]");
            }
            for limit in line["limits"].as_array().expect("limits is a list") {
                assert_string(&limit["name"], "limits[].name");
                assert_int(&limit["amount"], "limits[].amount");
                assert_string(&limit["currency"], "limits[].currency");
                assert_string(&limit["per"], "limits[].per");
            }
            for outcome in line["outcomes"].as_array().expect("outcomes is a list") {
                assert_string(outcome, "outcomes[]");
            }
            let diagnostics = line["diagnostics"]
                .as_array()
                .expect("diagnostics is a list");
            for d in diagnostics {
                let code = d["code"].as_str().expect("code is a string");
                let severity = d["severity"].as_str().expect("severity is a string");
                assert!(
                    ["error", "warning", "advice"].contains(&severity),
                    "severity {severity}"
                );
                assert_string(&d["message"], "message");
                assert_string_or_null(&d["help"], "help");
                assert_string_or_null(&d["note"], "note");
                assert_string(&d["field"], "field");
                assert!(d["missing"].is_boolean(), "missing is a bool: {d}");
                assert_int_or_null(&d["line"], "line");
                assert_int_or_null(&d["column"], "column");
                let rule = &d["rule"];
                if code.starts_with("profile/") {
                    assert!(rule.is_null(), "no rule for {code}: {d}");
                } else {
                    assert_string(&rule["file"], "rule.file");
                    assert!(rule["file"].as_str().unwrap().ends_with(".rules"), "{rule}");
                    assert_int(&rule["line"], "rule.line");
                    assert_int(&d["line"], "line");
                    assert_int(&d["column"], "column");
                }
                for source in d["sources"].as_array().expect("sources is a list") {
                    assert_string(source, "sources[]");
                }
            }
            for fix in line["fixes"].as_array().expect("fixes is a list") {
                assert_string(&fix["code"], "fixes[].code");
                assert_string(&fix["field"], "fixes[].field");
                assert_string(&fix["from"], "fixes[].from");
                assert_string(&fix["to"], "fixes[].to");
                assert_string(&fix["message"], "fixes[].message");
            }
            let errors = diagnostics
                .iter()
                .filter(|d| d["severity"] == "error")
                .count();
            assert_eq!(
                line["verified"].as_bool().unwrap(),
                errors == 0,
                "verified exactly when there is no error: {line}"
            );
        }
    }
}

#[test]
fn json_points_at_the_profile_and_the_rule() {
    let out = check(&[
        "--format",
        "json",
        "--app",
        "alipay",
        "examples/problems.yaml",
    ]);
    let lines = json_lines(&stdout(&out));
    assert_eq!(lines.len(), 1);
    let diagnostics = lines[0]["diagnostics"].as_array().unwrap();
    let short = diagnostics
        .iter()
        .find(|d| d["code"] == "alipay/passport_number_length")
        .expect("the short passport number is reported");
    assert_eq!(short["field"], "document.number");
    assert_eq!(
        (short["line"].as_u64(), short["column"].as_u64()),
        (Some(7), Some(11))
    );
    assert_eq!(short["rule"]["file"], "rules/alipay.rules");
    assert_eq!(short["severity"], "error");
    let fixes = lines[0]["fixes"].as_array().unwrap();
    assert_eq!(fixes.len(), 1, "{fixes:?}");
    assert_eq!(fixes[0]["field"], "document.number");
    assert_eq!(fixes[0]["from"], "1234567");
    assert_eq!(fixes[0]["to"], "01234567");
    assert_eq!(lines[0]["limits"][0]["name"], "balance_payments");
    assert_eq!(lines[0]["limits"][0]["amount"], 1000);
    assert_eq!(lines[0]["limits"][0]["currency"], "CNY");
    assert_eq!(lines[0]["limits"][0]["per"], "day");
}

// ---------------------------------------------------------------------------------------------
// Exit codes and errors

/// The limits of a day are the ones in force that day: USD 1,000 a payment before
/// 2024-03-01, USD 5,000 since, on the same profile.
#[test]
fn today_picks_the_limits_in_force_that_day() {
    let per_transaction = |day: &str| {
        let out = realname(&[
            "check",
            "--today",
            day,
            "--format",
            "json",
            "--app",
            "wechat",
            &profile("international_credit_only.yaml"),
        ]);
        assert_exit(&out, 0);
        let reports = json_lines(&stdout(&out));
        let limits = reports[0]["limits"].as_array().expect("limits").clone();
        limits
            .iter()
            .find(|l| l["name"] == "foreign_card_payment")
            .map(|l| {
                (
                    l["amount"].as_u64().unwrap(),
                    l["currency"].as_str().unwrap().to_string(),
                )
            })
            .unwrap_or_else(|| panic!("no foreign_card_payment limit on {day}: {limits:?}"))
    };
    assert_eq!(per_transaction("2024-01-15"), (1000, "USD".to_string()));
    assert_eq!(per_transaction("2024-02-29"), (1000, "USD".to_string()));
    assert_eq!(per_transaction("2024-03-01"), (5000, "USD".to_string()));
    assert_eq!(per_transaction(TODAY), (5000, "USD".to_string()));
}

/// The findings of `code` in each app's JSON report.
fn findings_of<'v>(reports: &'v [Value], code_suffix: &str) -> Vec<&'v Value> {
    reports
        .iter()
        .flat_map(|r| r["diagnostics"].as_array().unwrap().iter())
        .filter(|d| d["code"].as_str().unwrap().ends_with(code_suffix))
        .collect()
}

#[test]
fn a_number_that_differs_from_the_mrz_is_refused_with_what_the_passport_reads() {
    let out = check(&["--format", "json", &profile("mrz_mistyped_number.yaml")]);
    assert_exit(&out, 1);
    let reports = json_lines(&stdout(&out));
    let found = findings_of(&reports, "/number_matches_mrz");
    assert_eq!(found.len(), 2, "one finding per app: {found:?}");
    for f in found {
        assert_eq!(f["field"], "document.number");
        assert_eq!(f["severity"], "error");
        let message = f["message"].as_str().unwrap();
        assert!(
            message.contains("reads A12345678") && message.contains("typed A12345679"),
            "{message}"
        );
    }
    for r in &reports {
        assert_eq!(r["verified"], false);
    }
    // With --redact the numbers in the message are masked too.
    let out = check(&[
        "--format",
        "json",
        "--redact",
        &profile("mrz_mistyped_number.yaml"),
    ]);
    let text = stdout(&out);
    assert!(
        !text.contains("A12345678") && !text.contains("A12345679"),
        "{text}"
    );
    assert!(
        text.contains("reads *****5678; you typed *****5679"),
        "{text}"
    );
}

#[test]
fn a_wrong_check_digit_is_refused_at_the_mrz_and_nothing_is_compared_with_it() {
    let out = check(&["--format", "json", &profile("mrz_wrong_check_digit.yaml")]);
    assert_exit(&out, 1);
    let reports = json_lines(&stdout(&out));
    let found = findings_of(&reports, "/mrz_check_digits");
    assert_eq!(found.len(), 2, "{found:?}");
    for f in found {
        assert_eq!(f["field"], "document.mrz");
        assert!(f["message"].as_str().unwrap().contains("mistyped"));
    }
    for code in [
        "/number_matches_mrz",
        "/birth_date_matches_mrz",
        "/name_matches_mrz",
    ] {
        assert!(findings_of(&reports, code).is_empty(), "{code}");
    }
}

#[test]
fn exit_0_when_no_app_refuses() {
    assert_exit(&check(&[&profile("clean.yaml")]), 0);
    assert_exit(&check(&["--format", "json", &profile("clean.yaml")]), 0);
}

#[test]
fn exit_1_when_some_app_has_an_error() {
    assert_exit(&check(&["examples/problems.yaml"]), 1);
    assert_exit(&check(&[&profile("no_card.yaml")]), 1);
    assert_exit(&check(&["--format", "json", &profile("no_card.yaml")]), 1);
}

#[test]
fn exit_2_for_a_missing_profile_file() {
    let out = check(&["tests/fixtures/profiles/does-not-exist.yaml"]);
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("tests/fixtures/profiles/does-not-exist.yaml"),
        "stderr names the file: {}",
        stderr(&out)
    );
    assert_eq!(stdout(&out), "");
}

#[test]
fn exit_2_for_a_profile_that_is_not_yaml() {
    let out = check(&["tests/fixtures/invalid/not_yaml.yaml"]);
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(
        err.contains("tests/fixtures/invalid/not_yaml.yaml:1:7"),
        "stderr gives file:line:column: {err}"
    );
    assert!(err.contains("not valid YAML or JSON"), "{err}");
    assert_eq!(stdout(&out), "");
    insta::assert_snapshot!(err);
}

#[test]
fn exit_2_for_a_bad_today() {
    for today in ["2026-13-01", "21/11/2026", "2026-1-5", "tomorrow", ""] {
        let out = realname(&["check", "--today", today, &profile("clean.yaml")]);
        assert_exit(&out, 2);
        assert!(stderr(&out).contains("--today"), "{}", stderr(&out));
        assert_eq!(stdout(&out), "", "no report for --today {today:?}");
    }
}

#[test]
fn exit_2_for_an_unknown_app() {
    let out = check(&["--app", "alipy", &profile("clean.yaml")]);
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(err.contains("did you mean `alipay`?"), "{err}");
    assert!(err.contains("alipay, wechat"), "lists the apps: {err}");
    assert_eq!(stdout(&out), "");
}

#[test]
fn exit_2_for_usage_errors() {
    assert_exit(&realname(&[]), 2);
    assert_exit(&realname(&["check"]), 2);
    assert_exit(&realname(&["check", "--format", "xml", "x.yaml"]), 2);
    assert_exit(&realname(&["frobnicate"]), 2);
    assert_exit(&realname(&["--help"]), 0);
    assert_exit(&realname(&["check", "--help"]), 0);
}

#[test]
fn exit_2_for_a_rules_folder_with_a_broken_file() {
    let dir = tempfile::tempdir().unwrap();
    copy_rules(dir.path());
    std::fs::copy(
        root().join("tests/fixtures/broken/unknown_field.rules"),
        dir.path().join("unknown_field.rules"),
    )
    .unwrap();
    let out = check(&[
        "--rules",
        dir.path().to_str().unwrap(),
        &profile("clean.yaml"),
    ]);
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(
        err.contains("unknown_field.rules:9:26"),
        "names file and line: {err}"
    );
    assert!(err.contains("`document` has no field `numbr`"), "{err}");
    assert!(err.contains("1 problem found"), "{err}");
    assert_eq!(stdout(&out), "", "no report with broken rules");
}

#[test]
fn exit_2_for_a_rules_folder_that_does_not_exist() {
    let out = check(&[
        "--rules",
        "tests/fixtures/no-such-rules",
        &profile("clean.yaml"),
    ]);
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("tests/fixtures/no-such-rules"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn batch_with_an_unreadable_profile_still_reports_the_good_one() {
    let good = profile("clean.yaml");
    let out = check(&[&good, "tests/fixtures/profiles/does-not-exist.yaml"]);
    assert_exit(&out, 2);
    let text = stdout(&out);
    assert!(
        text.contains(&format!("── Alipay (alipay) ── {good}")),
        "{text}"
    );
    assert!(text.contains("WeChat Pay: can be verified"), "{text}");
    assert!(
        stderr(&out).contains("does-not-exist.yaml"),
        "{}",
        stderr(&out)
    );

    // The order does not matter, and 2 wins over 1.
    let out = check(&[
        "tests/fixtures/invalid/not_yaml.yaml",
        "examples/problems.yaml",
    ]);
    assert_exit(&out, 2);
    assert!(stdout(&out).contains("alipay/passport_number_length"));
    assert!(stderr(&out).contains("not_yaml.yaml:1:7"));
}

#[test]
fn batch_of_good_profiles_reports_each_in_order() {
    let a = profile("clean.yaml");
    let b = profile("no_card.yaml");
    let out = check(&["--format", "json", &a, &b]);
    assert_exit(&out, 1);
    let lines = json_lines(&stdout(&out));
    let seen: Vec<(&str, &str)> = lines
        .iter()
        .map(|l| (l["profile"].as_str().unwrap(), l["app"].as_str().unwrap()))
        .collect();
    assert_eq!(
        seen,
        [
            (a.as_str(), "alipay"),
            (a.as_str(), "wechat"),
            (b.as_str(), "alipay"),
            (b.as_str(), "wechat")
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// --fix

/// Lines of `before` and `after` that differ, as (line number, before, after).
fn changed_lines(before: &str, after: &str) -> Vec<(usize, String, String)> {
    let (b, a): (Vec<&str>, Vec<&str>) = (
        before.split_inclusive('\n').collect(),
        after.split_inclusive('\n').collect(),
    );
    assert_eq!(
        b.len(),
        a.len(),
        "--fix keeps the number of lines:\n{after}"
    );
    b.iter()
        .zip(&a)
        .enumerate()
        .filter(|(_, (x, y))| x != y)
        .map(|(i, (x, y))| (i + 1, x.to_string(), y.to_string()))
        .collect()
}

#[test]
fn fix_pads_a_short_passport_number_and_keeps_everything_else() {
    let dir = temp_copy(&["tests/fixtures/fix/short_passport.yaml"]);
    let path = dir.path().join("short_passport.yaml");
    let before = std::fs::read_to_string(&path).unwrap();

    let out = realname_in(
        dir.path(),
        &[
            "check",
            "--today",
            TODAY,
            "--fix",
            "--app",
            "alipay",
            "short_passport.yaml",
        ],
    );
    assert_exit(&out, 0);
    let after = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        changed_lines(&before, &after),
        [(
            8,
            "  number: \"1234567\"   # copied from the information page\n".to_string(),
            "  number: \"01234567\"   # copied from the information page\n".to_string()
        )],
        "only the passport number changes; comments and layout stay"
    );
    let report = stdout(&out);
    assert!(
        !report.contains("alipay/passport_number_length"),
        "{report}"
    );
    assert!(report.contains("Alipay: can be verified"), "{report}");
    assert_eq!(
        stderr(&out),
        "fixed short_passport.yaml: document.number \"1234567\" -> \"01234567\" \
         (Pad the passport number with leading zeros to 8 characters.)\n"
    );

    // A second run finds nothing left to fix and leaves the file alone.
    let out = realname_in(
        dir.path(),
        &[
            "check",
            "--today",
            TODAY,
            "--fix",
            "--app",
            "alipay",
            "short_passport.yaml",
        ],
    );
    assert_exit(&out, 0);
    assert_eq!(stderr(&out), "");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), after);
}

#[test]
fn fix_quotes_a_plain_yaml_number() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plain.yaml");
    let text = std::fs::read_to_string(root().join("tests/fixtures/fix/short_passport.yaml"))
        .unwrap()
        .replace("number: \"1234567\"", "number: 1234567");
    std::fs::write(&path, &text).unwrap();
    let out = realname_in(
        dir.path(),
        &[
            "check",
            "--today",
            TODAY,
            "--fix",
            "--app",
            "alipay",
            "plain.yaml",
        ],
    );
    assert_exit(&out, 0);
    let after = std::fs::read_to_string(&path).unwrap();
    // Written plain, 01234567 would be an octal number to YAML 1.1 readers.
    assert!(
        after.contains("  number: \"01234567\"   # copied"),
        "{after}"
    );
    assert_eq!(changed_lines(&text, &after).len(), 1);
}

#[test]
fn fix_keeps_a_json_profile_valid_json() {
    let dir = temp_copy(&["tests/fixtures/fix/short_passport.json"]);
    let path = dir.path().join("short_passport.json");
    let before = std::fs::read_to_string(&path).unwrap();
    let out = realname_in(
        dir.path(),
        &[
            "check",
            "--today",
            TODAY,
            "--fix",
            "--app",
            "alipay",
            "short_passport.json",
        ],
    );
    assert_exit(&out, 0);
    let after = std::fs::read_to_string(&path).unwrap();
    let value: Value = serde_json::from_str(&after)
        .unwrap_or_else(|e| panic!("the fixed profile is not valid JSON ({e}):\n{after}"));
    assert_eq!(value["document"]["number"], "01234567");
    assert_eq!(changed_lines(&before, &after).len(), 1, "{after}");
    assert!(stderr(&out).contains("fixed short_passport.json: document.number"));

    // A JSON number is replaced by a JSON string.
    let numeric = before.replace("\"number\": \"1234567\"", "\"number\": 1234567");
    std::fs::write(&path, &numeric).unwrap();
    let out = realname_in(
        dir.path(),
        &[
            "check",
            "--today",
            TODAY,
            "--fix",
            "--app",
            "alipay",
            "short_passport.json",
        ],
    );
    assert_exit(&out, 0);
    let after = std::fs::read_to_string(&path).unwrap();
    let value: Value = serde_json::from_str(&after).expect("still valid JSON");
    assert_eq!(value["document"]["number"], "01234567");
}

#[test]
fn without_fix_the_profile_is_not_touched() {
    let dir = temp_copy(&["tests/fixtures/fix/short_passport.yaml"]);
    let path = dir.path().join("short_passport.yaml");
    let before = std::fs::read(&path).unwrap();
    let out = realname_in(
        dir.path(),
        &[
            "check",
            "--today",
            TODAY,
            "--app",
            "alipay",
            "short_passport.yaml",
        ],
    );
    assert_exit(&out, 1);
    assert!(stdout(&out).contains("run with --fix to apply"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

// ---------------------------------------------------------------------------------------------
// Colour

fn has_ansi(text: &str) -> bool {
    text.contains("\x1b[")
}

#[test]
fn no_color_means_no_escape_codes() {
    for format in ["human", "json"] {
        let out = check(&["--format", format, "examples/problems.yaml"]);
        assert!(!has_ansi(&stdout(&out)), "{format} stdout");
    }
    let out = check(&["tests/fixtures/invalid/not_yaml.yaml"]);
    assert!(!has_ansi(&stderr(&out)));
    let out = check(&["--app", "alipy", &profile("clean.yaml")]);
    assert!(!has_ansi(&stderr(&out)));
}

/// On a terminal the report is coloured unless NO_COLOR is set. Needs util-linux `script` to
/// give the binary a terminal; without it only the piped case above is checked.
#[test]
fn no_color_is_honoured_on_a_terminal() {
    let has_script = Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_script {
        eprintln!("skipped: util-linux `script` is not installed");
        return;
    }
    let run = |no_color: Option<&str>| {
        let cmd = format!(
            "{} check --today {TODAY} examples/problems.yaml",
            env!("CARGO_BIN_EXE_realname")
        );
        let mut c = Command::new("script");
        c.args(["-qec", &cmd, "/dev/null"])
            .current_dir(root())
            .env("COLUMNS", "100")
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE");
        if let Some(value) = no_color {
            c.env("NO_COLOR", value);
        }
        String::from_utf8_lossy(&c.output().unwrap().stdout).into_owned()
    };
    let coloured = run(None);
    assert!(
        has_ansi(&coloured),
        "a terminal gets colour without NO_COLOR:\n{coloured}"
    );
    let plain = run(Some("1"));
    assert!(plain.contains("alipay/passport_number_length"), "{plain}");
    assert!(!has_ansi(&plain), "NO_COLOR=1 on a terminal:\n{plain}");
}

// ---------------------------------------------------------------------------------------------
// --rules DIR

/// A folder laid out like the repository: `rules/` and a profile, so that rule file names in
/// the output (`rules/alipay.rules`) are the same as for the embedded rules.
fn workspace_with_rules() -> (tempfile::TempDir, PathBuf) {
    let dir = temp_copy(&["examples/problems.yaml"]);
    let rules = dir.path().join("rules");
    copy_rules(&rules);
    (dir, rules)
}

#[test]
fn rules_folder_copy_behaves_as_the_embedded_rules() {
    let (dir, _) = workspace_with_rules();
    for format in ["json", "human"] {
        let args = [
            "check",
            "--today",
            TODAY,
            "--format",
            format,
            "problems.yaml",
        ];
        let embedded = realname_in(dir.path(), &args);
        let mut with_dir = args.to_vec();
        with_dir.splice(1..1, ["--rules", "rules"]);
        let from_dir = realname_in(dir.path(), &with_dir);
        assert_exit(&embedded, 1);
        assert_exit(&from_dir, 1);
        assert_eq!(stdout(&from_dir), stdout(&embedded), "{format} output");
    }
}

#[test]
fn editing_a_rules_folder_changes_the_output_without_rebuilding() {
    let (dir, rules) = workspace_with_rules();
    let alipay = rules.join("alipay.rules");
    let old = "Alipay only verifies applicants who are 18 or older.";
    let new = "Alipay wants grown-ups: come back at 18.";
    let text = std::fs::read_to_string(&alipay).unwrap();
    assert!(
        text.contains(old),
        "the rule text this test edits is still there"
    );
    std::fs::write(&alipay, text.replace(old, new)).unwrap();

    let args = [
        "check",
        "--rules",
        "rules",
        "--today",
        TODAY,
        "--format",
        "json",
        "problems.yaml",
    ];
    let out = realname_in(dir.path(), &args);
    assert_exit(&out, 1);
    let lines = json_lines(&stdout(&out));
    let adult = lines[0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "alipay/adult")
        .expect("alipay/adult is still reported");
    assert_eq!(adult["message"], new);

    // The embedded rules are unchanged.
    let out = realname_in(dir.path(), &["check", "--today", TODAY, "problems.yaml"]);
    assert!(stdout(&out).contains(old));
    assert!(!stdout(&out).contains(new));
}

#[test]
fn redact_masks_sensitive_values_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.yaml");
    std::fs::write(
        &path,
        "name: JOHN SMITH\nbirth_date: 1990-05-01\nphone: \"+27821234567\"\ndocument:\n  type: passport\n  number: \"7654321\"\n  expiry_date: 2030-06-30\n  info_page_photo: true\n  entry_stamp_photo: true\nbank_cards:\n  - bank: ICBC\n    kind: debit\n    network: unionpay\n    issued_in: CN\n    holder: JOHN SMYTH\n    number: \"6225880000000001\"\n",
    )
    .unwrap();
    let p = path.to_str().unwrap();
    for format in ["human", "json", "short"] {
        let out = check(&["--redact", "--format", format, "--app", "alipay", p]);
        let text = stdout(&out);
        assert!(
            !text.contains("6225880000000001"),
            "{format}: card number shown:\n{text}"
        );
        assert!(
            !text.contains("7654321\""),
            "{format}: passport number shown:\n{text}"
        );
        assert!(
            !text.contains("07654321"),
            "{format}: fixed passport number shown:\n{text}"
        );
        if format == "human" {
            assert!(
                text.contains("0001"),
                "{format}: the last four digits help recognise the card:\n{text}"
            );
        }
        if format == "human" {
            assert!(
                text.contains("JOHN SMYTH"),
                "{format}: names are not sensitive"
            );
        }
    }
    let json = stdout(&check(&[
        "--redact", "--format", "json", "--app", "alipay", p,
    ]));
    assert!(
        json.contains("\"from\":\"***4321\",\"to\":\"****4321\""),
        "{json}"
    );
}

#[test]
fn a_folder_checks_every_profile_in_it_and_sums_up() {
    let dir = tempfile::tempdir().unwrap();
    let clean = std::fs::read_to_string(profile("clean.yaml")).unwrap();
    std::fs::write(dir.path().join("a.yaml"), &clean).unwrap();
    std::fs::write(
        dir.path().join("b.yml"),
        clean.replace("birth_date: 1994-02-14", "birth_date: 2015-05-01"),
    )
    .unwrap();
    std::fs::write(dir.path().join("c.json"), "{not json").unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a profile").unwrap();
    let out = check(&["--format", "short", dir.path().to_str().unwrap()]);
    assert_exit(&out, 2);
    let text = stdout(&out);
    assert!(text.contains("a.yaml: can be verified"), "{text}");
    assert!(text.contains("b.yml: will NOT be verified"), "{text}");
    assert!(!text.contains("notes.txt"), "{text}");
    assert!(
        text.ends_with("3 profiles: 1 can be verified by every app checked, 1 will be refused by some app, 1 could not be read\n"),
        "{text}"
    );
    assert!(
        stderr(&out).contains("c.json"),
        "the unreadable profile is named"
    );
}

/// A profile that does not load is shown around the error; under `--redact` no full number
/// reaches the terminal, in any output format.
#[test]
fn redact_masks_a_profile_that_does_not_load() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.yaml");
    std::fs::write(
        &path,
        "name: JOHN SMITH\ndocument:\n  number: \"A12345678\"\n  type: [passport\nbank_cards:\n  - number: \"6225880000000001\"\n",
    )
    .unwrap();
    let file = path.to_str().unwrap();
    let plain = check(&[file]);
    assert_exit(&plain, 2);
    assert!(
        stderr(&plain).contains("A12345678") || stderr(&plain).contains("6225880000000001"),
        "without --redact the snippet shows the values:\n{}",
        stderr(&plain)
    );
    for format in ["human", "json", "short"] {
        let out = check(&["--redact", "--format", format, file]);
        assert_exit(&out, 2);
        let all = format!("{}{}", stdout(&out), stderr(&out));
        for secret in ["A12345678", "6225880000000001"] {
            assert!(!all.contains(secret), "{format} shows {secret}:\n{all}");
        }
        assert!(stderr(&out).contains("broken.yaml"), "{all}");
    }
}

/// A profile that is not UTF-8 says where.
#[test]
fn a_profile_that_is_not_utf8_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.yaml");
    std::fs::write(&path, b"name: JOS\xc9 SMITH\n").unwrap();
    let out = check(&[path.to_str().unwrap()]);
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(
        err.contains("is not valid UTF-8: the first bad byte is at line 1, byte 9"),
        "{err}"
    );
    assert!(
        err.contains("save it again with the encoding UTF-8"),
        "{err}"
    );
}
