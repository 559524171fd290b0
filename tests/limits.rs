//! Rule files that used to crash or hang the process: each is now a diagnostic that names the
//! limit, or simply works. Every case runs in a thread with a small stack, so a recursion the
//! code still does would show up here as a crash rather than pass by luck on a big stack (1 MiB,
//! the stack a WebAssembly module gets by default).

use std::path::Path;
use std::process::Command;

use realname::internal::compile::compile;
use realname::load_profile;
use realname::Rules;
use realname::SourceFile;

const SMALL_STACK: usize = 1024 * 1024;

fn shipped(name: &str) -> SourceFile {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("rules")
        .join(name);
    SourceFile::new(
        format!("rules/{name}"),
        std::fs::read_to_string(&path).expect("a shipped rule file"),
    )
}

/// The shipped schema, sources and banks, and `text` as `test.rules`.
fn with_shipped(text: &str) -> Vec<SourceFile> {
    vec![
        shipped("profile.rules"),
        shipped("sources.rules"),
        shipped("banks.rules"),
        SourceFile::new("test.rules", text),
    ]
}

/// Runs `f` on a thread with a small stack and returns what it returns.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(SMALL_STACK)
        .spawn(f)
        .expect("a thread")
        .join()
        .expect("no panic and no stack overflow")
}

/// The messages of the compile errors of `files`, or an empty list when they compile.
fn errors(files: Vec<SourceFile>) -> Vec<String> {
    on_small_stack(move || match compile(files) {
        Ok(_) => Vec::new(),
        Err(diags) => diags.0.iter().map(|d| d.message.clone()).collect(),
    })
}

#[track_caller]
fn assert_error(found: &[String], part: &str) {
    assert!(
        found.iter().any(|m| m.contains(part)),
        "no error says {part:?}; the errors: {found:#?}"
    );
}

/// An app with one requirement whose condition is `condition`.
fn app_with(condition: &str) -> String {
    format!(
        "app t {{\n  title \"T\"\n  requirement r {{\n    require {condition}\n    message \"M\"\n  }}\n}}\n"
    )
}

const JOHN: &str = "name: JOHN SMITH\nbirth_date: 1990-05-01\nphone: \"+27821234567\"\ndocument: {type: passport, number: \"A12345678\", expiry_date: 2030-06-30}\n";

/// Whether requirement `r` of app `t` is met for John Smith, on a small stack.
fn holds(condition: &str) -> bool {
    let files = with_shipped(&app_with(condition));
    on_small_stack(move || {
        let rules = Rules::from_files(files).expect("the rules compile");
        let profile = load_profile("john.yaml", JOHN).expect("the profile loads");
        let reports = rules
            .check(&profile, &["t"], "2026-11-21".parse().unwrap())
            .expect("a check");
        !reports[0].findings.iter().any(|f| f.code == "t/r")
    })
}

#[test]
fn a_rule_set_without_a_schema_is_a_diagnostic() {
    let files = vec![
        shipped("sources.rules"),
        shipped("banks.rules"),
        shipped("wechat.rules"),
    ];
    assert_error(&errors(files), "the rule set has no profile schema");
}

#[test]
fn a_schema_with_a_syntax_error_is_a_diagnostic() {
    let broken =
        shipped("profile.rules")
            .text()
            .replacen("name: required text", "name required text", 1);
    let files = vec![
        SourceFile::new("rules/profile.rules", broken),
        shipped("sources.rules"),
        shipped("banks.rules"),
        shipped("phone.rules"),
        shipped("mrz.rules"),
        shipped("alipay.rules"),
    ];
    let found = errors(files);
    assert_error(&found, "no profile schema");
    assert!(found.len() < 10, "no avalanche of errors: {found:#?}");
}

#[test]
fn every_command_reports_a_missing_schema_instead_of_crashing() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["sources.rules", "banks.rules", "wechat.rules"] {
        std::fs::write(dir.path().join(name), shipped(name).text()).unwrap();
    }
    let rules = dir.path().to_str().unwrap();
    let profile = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/john-smith.yaml");
    let profile = profile.to_str().unwrap();
    let out_dir = dir.path().join("out");
    let runs: [Vec<&str>; 4] = [
        vec!["check", "--rules", rules, "--today", "2026-11-21", profile],
        vec!["lint", "--rules", rules],
        vec!["test", "--rules", rules],
        vec!["docs", "--rules", rules, "--out", out_dir.to_str().unwrap()],
    ];
    for args in runs {
        let out = Command::new(env!("CARGO_BIN_EXE_realname"))
            .args(&args)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(!stderr.contains("panicked"), "{args:?} panicked:\n{stderr}");
        assert!(
            out.status.code().is_some_and(|c| c == 1 || c == 2),
            "{args:?}: {:?}\n{stdout}\n{stderr}",
            out.status
        );
        assert!(
            stderr.contains("no profile schema") || stdout.contains("no profile schema"),
            "{args:?} says why:\n{stdout}\n{stderr}"
        );
    }
}

#[test]
fn a_long_run_of_not_or_minus_is_a_diagnostic() {
    let nots = "not ".repeat(20_000);
    assert_error(
        &errors(with_shipped(&app_with(&format!("{nots}true")))),
        "more than 4 `not` or `-` in a row",
    );
    let minuses = "-".repeat(20_000);
    assert_error(
        &errors(with_shipped(&app_with(&format!("len(name) == {minuses}1")))),
        "more than 4 `not` or `-` in a row",
    );
    assert_error(
        &errors(with_shipped(&app_with("not not not not not true"))),
        "more than 4 `not` or `-` in a row",
    );
    // Four are fine.
    assert!(holds("not not not not true"));
    assert!(holds("len(name) == - - - -10"));
}

#[test]
fn a_long_or_chain_compiles_and_runs() {
    let mut condition = String::new();
    for i in 0..5_000 {
        condition.push_str(&format!("name == \"NOBODY {i}\" or "));
    }
    condition.push_str("name == \"JOHN SMITH\"");
    assert!(condition.len() > 75_000);
    assert!(holds(&condition));
    let and_chain = vec!["len(name) == 10"; 5_000].join(" and ");
    assert!(holds(&and_chain));
}

#[test]
fn a_long_sum_compiles_and_adds_up() {
    // 20,000 terms: 10,000 times `+ 2` and 10,000 times `- 1` is 10,000.
    let mut sum = String::from("0");
    for _ in 0..10_000 {
        sum.push_str(" + 2 - 1");
    }
    assert!(holds(&format!("{sum} == 10000")));
    assert!(!holds(&format!("{sum} == 10001")));
    let joined = vec!["\"A\""; 5_000].join(" + ");
    assert!(holds(&format!("len({joined}) == 5000")));
}

#[test]
fn comparisons_in_a_row_are_refused() {
    assert_error(
        &errors(with_shipped(&app_with("len(name) == 10 == true"))),
        "comparisons do not chain",
    );
    let long = vec!["true"; 20_000].join(" == ");
    assert_error(
        &errors(with_shipped(&app_with(&long))),
        "comparisons do not chain",
    );
}

#[test]
fn an_expression_nested_too_deep_is_a_diagnostic() {
    // 60 brackets, each holding 4 `not`: 300 levels, more than 256, while every bracket and
    // prefix limit holds.
    let mut condition = String::from("true");
    for _ in 0..60 {
        condition = format!("not not not not ({condition})");
    }
    assert_error(
        &errors(with_shipped(&app_with(&condition))),
        "levels deep, more than the 256 allowed",
    );
    // Just under the limit, it compiles and runs on a small stack.
    let mut condition = String::from("true");
    for _ in 0..50 {
        condition = format!("not not not not ({condition})");
    }
    assert!(holds(&condition));
    // The deepest brackets allowed, with calls inside.
    let mut condition = String::from("name");
    for _ in 0..58 {
        condition = format!("trim({condition})");
    }
    assert!(holds(&format!("{condition} == name")));
}

#[test]
fn definitions_that_double_are_stopped_by_a_budget() {
    let mut text = String::from("let a0 = len(name) == 10\n");
    for i in 1..=30 {
        text.push_str(&format!("let a{i} = a{} and a{}\n", i - 1, i - 1));
    }
    text.push_str(&app_with("a30"));
    assert_error(
        &errors(with_shipped(&text)),
        "expand to more than 1000000 parts",
    );
    // Arguments copied into a body count too.
    let mut text = String::from("let twice(x) = x and x\n");
    let mut condition = String::from("len(name) == 10");
    for _ in 0..30 {
        condition = format!("twice({condition})");
    }
    text.push_str(&app_with(&condition));
    assert_error(
        &errors(with_shipped(&text)),
        "expand to more than 1000000 parts",
    );
}

#[test]
fn a_huge_padding_width_is_refused_or_unknown() {
    assert_error(
        &errors(with_shipped(&app_with(
            "pad_left(name, 4000000000, \"0\") == name",
        ))),
        "`pad_left` pads to at most 65536 characters",
    );
    // A width computed from a profile value cannot be checked before: it makes the result
    // unknown instead of allocating (here the check still finishes, and the rule is not met).
    assert!(!holds(
        "pad_left(name, len(name) + 4000000000, \"0\") == name"
    ));
    // Texts that grow by `replace` in a chain stop at the same limit.
    let mut grow = String::from("name");
    for _ in 0..40 {
        grow = format!("replace({grow}, \"J\", \"JJ\")");
    }
    assert!(!holds(&format!("len({grow}) > 0")));
}

#[test]
fn numbers_in_a_bank_are_checked_not_wrapped() {
    let bank = |length: &str| {
        format!("bank ZZZ {{\n  name \"Zed Bank\"\n  prefixes debit {length} [\"999999\"]\n}}\n")
    };
    assert_error(
        &errors(with_shipped(&bank("4294967297"))),
        "this card-number length is too large",
    );
    assert_error(
        &errors(with_shipped(&bank("25"))),
        "a card number has 12 to 19 digits, not 25",
    );
    assert!(errors(with_shipped(&bank("16"))).is_empty());
}

#[test]
fn an_enumeration_of_more_than_64_values_is_a_diagnostic() {
    let values: Vec<String> = (0..70).map(|i| format!("v{i}")).collect();
    let text = format!(
        "schema {{\n  kind: required enum [{}]\n}}\napp t {{\n  title \"T\"\n  set late: text = [\"v65\"]\n  requirement r {{\n    require kind in late\n    message \"M\"\n  }}\n}}\n",
        values.join(", ")
    );
    let files = vec![
        shipped("sources.rules"),
        shipped("banks.rules"),
        SourceFile::new("own.rules", text),
    ];
    let found = errors(files);
    assert_error(&found, "an enumeration may have at most 64 values");
}
