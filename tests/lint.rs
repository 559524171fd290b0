//! What `realname lint` tells a rule author, the Ruff way: a fixture in, exactly what the user
//! sees out.
//!
//! Every file in tests/fixtures/lint/ is a small rule file that triggers one lint (the file is
//! named after the lint's code) or shows suppressions. Each is linted together with copies of
//! the shipped schema, sources and banks (read from rules/ at test time), and only the findings
//! in the fixture are kept. The human output of each is pinned with insta; three fixtures also
//! pin the JSON, SARIF and GitHub output. The code below checks what must hold whatever the
//! wording.

use std::path::{Path, PathBuf};

use realname::Severity;
use realname::SourceFile;
use realname::Style;
use realname::{lint, render, LintFinding, LINTS};

/// The day lints that depend on time (a source's last review) judge by, fixed so the snapshots
/// do not change as time passes.
const LINT_DAY: jiff::civil::Date = jiff::civil::date(2026, 12, 1);

/// The shipped files every fixture is linted with.
const GOOD_FILES: [&str; 3] = ["profile.rules", "sources.rules", "banks.rules"];

/// Fixtures whose JSON, SARIF and GitHub output are pinned too.
const MACHINE_FIXTURES: [&str; 3] = [
    "contradicting-requirements.rules",
    "bank-outside-whitelist.rules",
    "suspicious-regex.rules",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn good_files() -> Vec<SourceFile> {
    GOOD_FILES
        .iter()
        .map(|name| {
            let path = root().join("rules").join(name);
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            SourceFile::new(format!("rules/{name}"), text)
        })
        .collect()
}

fn fixture_name(file: &str) -> String {
    format!("tests/fixtures/lint/{file}")
}

/// Lints the fixture `file` with the good files; the findings in the fixture only.
fn lint_fixture(file: &str) -> Vec<LintFinding> {
    let text = std::fs::read_to_string(root().join("tests/fixtures/lint").join(file))
        .unwrap_or_else(|e| panic!("cannot read fixture {file}: {e}"));
    let mut files = good_files();
    let name = fixture_name(file);
    files.push(SourceFile::new(name.clone(), text));
    let mut findings = lint(&files, LINT_DAY);
    findings.retain(|f| f.span.file.name() == name);
    findings
}

fn fixtures() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join("tests/fixtures/lint"))
        .expect("the fixture folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".rules"))
        .collect();
    names.sort();
    names
}

fn human(findings: &[LintFinding]) -> String {
    render::lint_human(findings, Style::plain(100))
}

#[test]
fn human_output_of_each_fixture() {
    insta::glob!("fixtures/lint/*.rules", |path| {
        let file = path.file_name().unwrap().to_str().unwrap();
        let findings = lint_fixture(file);
        insta::assert_snapshot!(human(&findings));
    });
}

/// A fixture named after a lint shows that lint.
#[test]
fn each_fixture_named_after_a_lint_triggers_it() {
    let mut checked = 0;
    for file in fixtures() {
        let code = file.trim_end_matches(".rules");
        if !LINTS.iter().any(|(info, _)| info.code == code) {
            continue;
        }
        checked += 1;
        let findings = lint_fixture(&file);
        assert!(
            findings.iter().any(|f| f.lint.code == code),
            "{file} does not trigger `{code}`; it reports:\n{}",
            human(&findings)
        );
    }
    assert!(
        checked >= 20,
        "only {checked} fixtures are named after a lint"
    );
}

/// Every lint added with the catalogue has a fixture.
#[test]
fn every_new_lint_has_a_fixture() {
    let names = fixtures();
    for code in [
        "suspicious-regex",
        "condition-never-holds",
        "condition-always-holds",
        "contradicting-requirements",
        "bank-outside-whitelist",
        "fix-does-not-fix",
        "duplicate-requirement",
        "long-message",
        "stale-source",
        "dead-rule",
    ] {
        assert!(
            names.contains(&format!("{code}.rules")),
            "no fixture for `{code}`"
        );
        assert!(
            LINTS.iter().any(|(info, _)| info.code == code),
            "`{code}` is not in the registry"
        );
    }
}

/// An `allow` silences its lint in its own declaration only, and an unused one is reported.
#[test]
fn suppressions_silence_one_finding() {
    let findings = lint_fixture("suppression.rules");
    let missing_help: Vec<&LintFinding> = findings
        .iter()
        .filter(|f| f.lint.code == "missing-help")
        .collect();
    assert_eq!(missing_help.len(), 1, "{}", human(&findings));
    assert!(
        missing_help[0].message.contains("name_length"),
        "{}",
        human(&findings)
    );
    let unused: Vec<&LintFinding> = findings
        .iter()
        .filter(|f| f.lint.code == "unused-suppression")
        .collect();
    assert_eq!(unused.len(), 1, "{}", human(&findings));
    assert_eq!(unused[0].span.line(), 23, "{}", human(&findings));

    let whitelist = lint_fixture("bank-outside-whitelist.rules");
    assert!(
        !whitelist
            .iter()
            .any(|f| f.lint.code == "bank-outside-whitelist" && f.message.contains("PSBC")),
        "the suppressed PSBC rule is still reported:\n{}",
        human(&whitelist)
    );
}

#[test]
fn json_sarif_and_github_output() {
    for file in MACHINE_FIXTURES {
        let findings = lint_fixture(file);
        let json = render::lint_json(&findings);
        let sarif = render::lint_sarif(&findings);
        let github = render::lint_github(&findings);
        insta::assert_snapshot!(format!("json@{file}"), json);
        insta::assert_snapshot!(format!("sarif@{file}"), redact_rule_docs(&sarif));
        insta::assert_snapshot!(format!("github@{file}"), github);
    }
}

/// The SARIF log with each rule's documentation replaced by where it lives: the documentation is
/// checked by `sarif_is_valid_and_complete`, and editing one lint's text should not change the
/// snapshots of fixtures about other lints.
fn redact_rule_docs(sarif: &str) -> String {
    let mut log: serde_json::Value = serde_json::from_str(sarif).expect("SARIF is JSON");
    for rule in log["runs"][0]["tool"]["driver"]["rules"]
        .as_array_mut()
        .expect("rules")
    {
        let code = rule["id"].as_str().expect("id").to_string();
        let docs = format!("[the documentation of {code}]");
        rule["help"] = serde_json::json!({"text": docs, "markdown": docs});
        rule["fullDescription"] = serde_json::json!({"text": docs});
    }
    let mut text = serde_json::to_string_pretty(&log).expect("JSON");
    text.push('\n');
    text
}

#[test]
fn sarif_is_valid_and_complete() {
    let re_version = env!("CARGO_PKG_VERSION");
    for file in fixtures() {
        let findings = lint_fixture(&file);
        let text = render::lint_sarif(&findings);
        let log: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file}: not JSON: {e}"));
        assert_eq!(log["version"], "2.1.0", "{file}");
        let driver = &log["runs"][0]["tool"]["driver"];
        assert_eq!(driver["version"], re_version, "{file}");
        let rules: Vec<&str> = driver["rules"]
            .as_array()
            .expect("rules")
            .iter()
            .map(|r| r["id"].as_str().expect("rule id"))
            .collect();
        for (info, _) in LINTS {
            assert!(
                rules.contains(&info.code),
                "{file}: no SARIF rule {}",
                info.code
            );
        }
        for rule in driver["rules"].as_array().expect("rules") {
            let help = rule["help"]["markdown"].as_str().unwrap_or_default();
            for section in [
                "## What it finds",
                "## Why it matters",
                "## Example",
                "## How to fix",
            ] {
                assert!(
                    help.contains(section),
                    "{file}: rule {} has no `{section}`",
                    rule["id"]
                );
            }
        }
        let results = log["runs"][0]["results"].as_array().expect("results");
        assert_eq!(results.len(), findings.len(), "{file}");
        for result in results {
            let rule = result["ruleId"].as_str().expect("ruleId");
            assert!(rules.contains(&rule), "{file}: unknown ruleId {rule}");
            assert!(
                matches!(result["level"].as_str(), Some("error" | "warning" | "note")),
                "{file}: {result}"
            );
            assert!(
                !result["message"]["text"]
                    .as_str()
                    .expect("message.text")
                    .is_empty(),
                "{file}: {result}"
            );
            let region = &result["locations"][0]["physicalLocation"]["region"];
            assert!(
                region["startLine"].as_u64().expect("startLine") >= 1,
                "{file}: {result}"
            );
            assert_eq!(
                result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                fixture_name(&file),
                "{file}"
            );
        }
    }
}

#[test]
fn github_lines_are_workflow_commands() {
    let line = regex::Regex::new(
        r"^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z-]+::",
    )
    .unwrap();
    for file in fixtures() {
        let findings = lint_fixture(&file);
        let text = render::lint_github(&findings);
        assert_eq!(text.lines().count(), findings.len(), "{file}:\n{text}");
        for l in text.lines() {
            assert!(line.is_match(l), "{file}: not a workflow command: {l}");
        }
    }
}

#[test]
fn json_is_an_array_of_findings() {
    for file in fixtures() {
        let findings = lint_fixture(&file);
        let value: serde_json::Value = serde_json::from_str(&render::lint_json(&findings))
            .unwrap_or_else(|e| panic!("{file}: not JSON: {e}"));
        let items = value.as_array().expect("an array");
        assert_eq!(items.len(), findings.len(), "{file}");
        for item in items {
            for key in ["code", "severity", "message", "file", "line", "column"] {
                assert!(!item[key].is_null(), "{file}: no `{key}` in {item}");
            }
        }
    }
}

/// The shipped rules lint clean: no errors, and no warnings but the one expected in alipay.rules
/// (an Agricultural Bank rule inside the block whose whitelist refuses Agricultural Bank), which
/// the rules may suppress with a reason.
#[test]
fn shipped_rules_lint_clean() {
    let dir = root().join("rules");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("rules/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "rules"))
        .collect();
    names.sort();
    let files: Vec<SourceFile> = names
        .iter()
        .map(|p| {
            SourceFile::new(
                p.display().to_string(),
                std::fs::read_to_string(p).expect("a rule file"),
            )
        })
        .collect();
    let findings = lint(&files, LINT_DAY);
    let serious: Vec<&LintFinding> = findings
        .iter()
        .filter(|f| f.severity() != Severity::Advice)
        .collect();
    let expected = |f: &&LintFinding| {
        f.lint.code == "bank-outside-whitelist"
            && Path::new(f.span.file.name()).file_name() == Some("alipay.rules".as_ref())
            && f.span
                .file
                .line_text(f.span.range.start)
                .contains("\"ABC\"")
    };
    let unexpected: Vec<LintFinding> = serious
        .iter()
        .filter(|f| !expected(f))
        .map(|f| (*f).clone())
        .collect();
    assert!(
        unexpected.is_empty(),
        "the shipped rules have lint findings:\n{}",
        human(&unexpected)
    );
    assert!(
        serious.len() <= 1,
        "{}",
        human(&serious.iter().map(|f| (*f).clone()).collect::<Vec<_>>())
    );
}

/// A lint quotes a literal the way the author writes it (and `realname fmt` prints it): escapes
/// as escapes, a regular expression's backslashes single. Before the printer was shared, a tab
/// came out raw and `\d` came out as `\\d`.
#[test]
fn lint_messages_quote_literals_as_the_rule_language_writes_them() {
    let text = r#"app fixture {
  title "Fixture Pay"
  sources [guide]
  allow untested-requirement because "a lint fixture has no examples"

  requirement tab_and_regex {
    require name == "a\tb" and name == "\d"
    message "Use the right name."
    help "Write it again."
    sources [guide]
  }
}
"#;
    let mut files = good_files();
    files.push(SourceFile::new("inline.rules", text));
    let findings: Vec<_> = lint(&files, LINT_DAY)
        .into_iter()
        .filter(|f| f.span.file.name() == "inline.rules" && f.lint.code == "condition-never-holds")
        .collect();
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let message = &findings[0].message;
    assert!(message.contains(r#""a\tb""#), "{message}");
    assert!(message.contains(r#""\d""#), "{message}");
    assert!(!message.contains('\t'), "{message}");
}
