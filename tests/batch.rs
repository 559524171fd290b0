//! `realname check` as a batch tool, through the built binary: standard input, JSON Lines files
//! (their line numbers, their broken lines), folders walked recursively, the same output for any
//! number of jobs, `--format csv` and `--statistics`. Nothing here is timed.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const TODAY: &str = "2026-11-21";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `realname check --today TODAY ARGS` in `dir` with `stdin` as standard input.
fn check_in(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_realname"))
        .arg("check")
        .args(["--today", TODAY])
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env_remove("CLICOLOR_FORCE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the realname binary runs");
    let mut input = child.stdin.take().expect("a stdin pipe");
    // A command that refuses its arguments exits without reading stdin: a broken pipe then
    // is its answer, not a failure of the test.
    if let Err(e) = input.write_all(stdin) {
        assert_eq!(
            e.kind(),
            std::io::ErrorKind::BrokenPipe,
            "stdin is written: {e}"
        );
    }
    drop(input);
    child.wait_with_output().expect("the realname binary ends")
}

fn check(dir: &Path, args: &[&str]) -> Output {
    check_in(dir, args, b"")
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

fn json_lines(out: &Output) -> Vec<Value> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

/// The example and fixture profiles, as JSON values.
fn sample_profiles() -> Vec<Value> {
    let mut paths: Vec<PathBuf> = ["examples", "tests/fixtures/profiles"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(root().join(dir)).expect("a folder"))
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("a profile");
            serde_saphyr::from_str::<Value>(&text).expect("a YAML profile")
        })
        .collect()
}

/// `count` one-line JSON profiles made from the samples, with their names varied.
fn generated_profiles(count: usize) -> Vec<String> {
    let samples = sample_profiles();
    (0..count)
        .map(|i| {
            let mut profile = samples[i % samples.len()].clone();
            if i % 3 == 1 {
                // Another name: the card holder no longer matches, a finding of its own.
                let letters: String = (0..4)
                    .map(|k| char::from(b'A' + ((i / 26usize.pow(k)) % 26) as u8))
                    .collect();
                profile["name"] = Value::from(format!("JANE {letters}"));
            }
            serde_json::to_string(&profile).expect("JSON")
        })
        .collect()
}

/// A JSON Lines file of 1,000 profiles with a blank line and two broken lines among them; the
/// line numbers of the good records and of the broken ones.
fn people_jsonl(dir: &Path) -> (BTreeSet<usize>, Vec<usize>) {
    let mut text = String::new();
    let (mut good, mut broken) = (BTreeSet::new(), Vec::new());
    let mut line = 0;
    for (i, profile) in generated_profiles(1000).into_iter().enumerate() {
        if i == 10 {
            line += 1;
            text.push_str("{\"name\": \"CUT SHORT\", \"birth_date\": \n");
            broken.push(line);
        }
        if i == 500 {
            line += 1;
            text.push_str("   \n");
        }
        if i == 700 {
            line += 1;
            text.push_str("not a profile at all\n");
            broken.push(line);
        }
        line += 1;
        text.push_str(&profile);
        text.push('\n');
        good.insert(line);
    }
    std::fs::write(dir.join("people.jsonl"), text).expect("written");
    (good, broken)
}

#[test]
fn dash_reads_one_profile_from_stdin() {
    let yaml = std::fs::read(root().join("examples/john-smith.yaml")).expect("a profile");
    let from_stdin = check_in(root(), &["--format", "json", "-"], &yaml);
    let from_file = check(root(), &["--format", "json", "examples/john-smith.yaml"]);
    assert_eq!(from_stdin.status.code(), from_file.status.code());
    let renamed = stdout(&from_file).replace("\"examples/john-smith.yaml\"", "\"<stdin>\"");
    assert_eq!(stdout(&from_stdin), renamed);

    let json = serde_json::to_string(&sample_profiles()[0]).expect("JSON");
    let out = check_in(root(), &["--format", "short", "-"], json.as_bytes());
    assert!(stdout(&out).contains("<stdin>"), "{}", stdout(&out));
    assert_ne!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn stdin_jsonl_reads_one_profile_per_line() {
    let lines = generated_profiles(3).join("\n\n");
    let out = check_in(
        root(),
        &["--format", "json", "--app", "alipay", "--stdin-jsonl", "-"],
        lines.as_bytes(),
    );
    let names: Vec<String> = json_lines(&out)
        .iter()
        .map(|v| v["profile"].as_str().expect("a name").to_string())
        .collect();
    assert_eq!(names, ["<stdin>:1", "<stdin>:3", "<stdin>:5"]);
}

#[test]
fn a_json_lines_file_is_checked_line_by_line_and_its_broken_lines_reported() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (good, broken) = people_jsonl(dir.path());
    let out = check(dir.path(), &["--format", "json", "people.jsonl"]);
    assert_exit(&out, 2);
    let reports = json_lines(&out);
    let mut seen = BTreeSet::new();
    for report in &reports {
        let name = report["profile"].as_str().expect("a name");
        let line: usize = name
            .strip_prefix("people.jsonl:")
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("a record's name: {name}"));
        seen.insert(line);
        for diag in report["diagnostics"].as_array().expect("diagnostics") {
            if let Some(at) = diag["line"].as_u64() {
                assert_eq!(at as usize, line, "{diag}");
                assert!(diag["column"].as_u64().is_some_and(|c| c >= 1), "{diag}");
            }
        }
    }
    assert_eq!(seen, good, "every good record, and only they, are reported");
    let apps = reports.len() / good.len();
    assert!(apps >= 2 && reports.len() == apps * good.len());
    let errors = stderr(&out);
    for line in broken {
        assert!(
            errors.contains(&format!("people.jsonl:{line}")),
            "line {line} is reported:\n{errors}"
        );
    }
}

#[test]
fn the_columns_of_a_record_point_into_its_line() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let record = r#"{"name": "JOHN SMITH", "birth_date": "not a date", "nationality": "ZAF"}"#;
    std::fs::write(dir.path().join("one.ndjson"), format!("\n\n{record}\n")).expect("written");
    let out = check(dir.path(), &["--format", "json", "one.ndjson"]);
    let reports = json_lines(&out);
    let birth = reports[0]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["field"] == "birth_date")
        .expect("a finding about the birth date");
    assert_eq!(birth["line"], 3);
    let column = birth["column"].as_u64().expect("a column") as usize;
    assert!(
        record[column - 1..].starts_with("\"not a date\""),
        "{birth}"
    );

    let human = check(dir.path(), &["one.ndjson"]);
    assert!(
        stdout(&human).contains("[one.ndjson:3:"),
        "snippets are named and numbered as the file's lines:\n{}",
        stdout(&human)
    );
}

#[test]
fn a_record_that_does_not_load_is_shown_at_its_line() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("bad.jsonl"), "\n{\"name\": [1, }\n").expect("written");
    let out = check(dir.path(), &["bad.jsonl"]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("[bad.jsonl:2:"), "{}", stderr(&out));
}

/// A folder of profiles in subfolders, with the same profiles as a JSON Lines file beside it.
fn nested_folder(dir: &Path) {
    let profiles = generated_profiles(30);
    for (i, profile) in profiles.iter().enumerate() {
        let sub = dir
            .join(format!("group{}", i % 3))
            .join(format!("sub{}", i % 2));
        std::fs::create_dir_all(&sub).expect("a folder");
        std::fs::write(sub.join(format!("p{i:02}.json")), profile).expect("written");
    }
    std::fs::write(dir.join("all.jsonl"), profiles.join("\n")).expect("written");
}

#[test]
fn jobs_1_and_jobs_2_give_the_same_output() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    nested_folder(dir.path());
    for format in ["json", "human", "csv"] {
        for input in [".", "all.jsonl"] {
            let one = check(dir.path(), &["--format", format, "--jobs", "1", input]);
            let two = check(dir.path(), &["--format", format, "--jobs", "2", input]);
            assert!(!one.stdout.is_empty());
            assert_eq!(stdout(&one), stdout(&two), "{format} {input}");
            assert_eq!(stderr(&one), stderr(&two), "{format} {input}");
            assert_eq!(one.status.code(), two.status.code());
        }
    }
}

#[test]
fn folders_are_walked_recursively_in_sorted_order() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let profile = std::fs::read_to_string(root().join("examples/john-smith.yaml")).expect("read");
    // A `.json` file is read as JSON, so it gets a JSON profile.
    let json_profile =
        std::fs::read_to_string(root().join("tests/fixtures/fix/short_passport.json"))
            .expect("read");
    for name in [
        "b/z.yaml",
        "b/a/y.yml",
        "a.json",
        "c/d/e/deep.yaml",
        "notes.txt",
    ] {
        let path = dir.path().join("in").join(name);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("a folder");
        let text = if name.ends_with(".json") {
            &json_profile
        } else {
            &profile
        };
        std::fs::write(path, text).expect("written");
    }
    std::os::unix::fs::symlink("nowhere.yaml", dir.path().join("in/b/gone.yaml")).expect("link");
    let out = check(dir.path(), &["--format", "short", "--app", "alipay", "in"]);
    assert_exit(&out, 2);
    let names: Vec<&str> = stdout(&out)
        .lines()
        .filter_map(|l| l.split(" — ").nth(1))
        .map(|rest| rest.split(':').next().expect("a name"))
        .map(|name| Box::leak(name.to_string().into_boxed_str()) as &str)
        .collect();
    assert_eq!(
        names,
        [
            "in/a.json",
            "in/b/a/y.yml",
            "in/b/z.yaml",
            "in/c/d/e/deep.yaml"
        ]
    );
    assert!(
        stderr(&out).contains("in/b/gone.yaml: it is a symbolic link to nowhere.yaml"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn csv_has_a_header_a_row_per_profile_and_app_and_defuses_formulas() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let profile = std::fs::read_to_string(root().join("examples/john-smith.yaml")).expect("read");
    let tricky = "=HYPERLINK(\"x\"),a.yaml";
    std::fs::write(dir.path().join(tricky), &profile).expect("written");
    std::fs::write(dir.path().join("plain.yaml"), &profile).expect("written");
    let out = check(dir.path(), &["--format", "csv", tricky, "plain.yaml"]);
    let text = stdout(&out);
    let rows: Vec<&str> = text.split_terminator("\r\n").collect();
    assert_eq!(
        rows[0],
        "profile,app,verified,unlocks,errors,warnings,error_codes"
    );
    let json = json_lines(&check(dir.path(), &["--format", "json", "plain.yaml"]));
    assert_eq!(rows.len(), 1 + 2 * json.len(), "{text}");
    assert!(
        rows[1].starts_with("\"'=HYPERLINK(\"\"x\"\"),a.yaml\","),
        "quoted, its quotes doubled, a ' in front: {}",
        rows[1]
    );
    for (row, report) in rows[1 + json.len()..].iter().zip(&json) {
        let errors: Vec<&Value> = report["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter(|d| d["severity"] == "error")
            .collect();
        let codes: BTreeSet<&str> = errors.iter().filter_map(|d| d["code"].as_str()).collect();
        let warnings = report["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter(|d| d["severity"] == "warning")
            .count();
        let unlocks: Vec<&str> = report["unlocks"]
            .as_array()
            .expect("unlocks")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let expected = format!(
            "plain.yaml,{},{},{},{},{warnings},{}",
            report["app"].as_str().expect("an app"),
            report["verified"],
            unlocks.join(" "),
            errors.len(),
            codes.into_iter().collect::<Vec<_>>().join(" ")
        );
        assert_eq!(*row, expected);
    }
}

#[test]
fn statistics_count_what_the_json_lists() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (good, broken) = people_jsonl(dir.path());
    let out = check(
        dir.path(),
        &[
            "--format",
            "json",
            "--statistics",
            "--jobs",
            "2",
            "people.jsonl",
        ],
    );
    let mut lines = json_lines(&out);
    let statistics = lines.pop().expect("a last line")["statistics"].clone();
    let mut codes: BTreeMap<String, u64> = BTreeMap::new();
    let mut apps: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for report in &lines {
        let app = apps
            .entry(report["app"].as_str().expect("an app").to_string())
            .or_default();
        if report["verified"] == true {
            app.0 += 1;
        } else {
            app.1 += 1;
        }
        for diag in report["diagnostics"].as_array().expect("diagnostics") {
            *codes
                .entry(diag["code"].as_str().expect("a code").to_string())
                .or_default() += 1;
        }
    }
    assert_eq!(statistics["profiles"], good.len() + broken.len());
    assert_eq!(statistics["unreadable"], broken.len());
    let counted: BTreeMap<String, u64> =
        serde_json::from_value(statistics["codes"].clone()).expect("codes");
    assert_eq!(counted, codes);
    for (app, (verified, refused)) in apps {
        assert_eq!(statistics["apps"][&app]["verified"], verified, "{app}");
        assert_eq!(statistics["apps"][&app]["refused"], refused, "{app}");
    }

    let human = check(
        dir.path(),
        &["--format", "short", "--statistics", "people.jsonl"],
    );
    let table = stderr(&human);
    assert!(table.contains(&format!(
        "statistics: {} profiles",
        good.len() + broken.len()
    )));
    assert!(table.contains("finding code"), "{table}");
}

#[test]
fn fix_refuses_records_it_cannot_write_back() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("p.jsonl"), "{}\n").expect("written");
    let out = check(dir.path(), &["--fix", "p.jsonl"]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("cannot write into the JSON Lines file p.jsonl"));
    let out = check_in(dir.path(), &["--fix", "-"], b"name: X\n");
    assert_exit(&out, 2);
}

#[test]
fn the_line_index_agrees_with_counting_lines() {
    use realname::internal::source::{line_col, LineIndex};
    for text in [
        "",
        "a",
        "\n",
        "ab\ncd\n",
        "\r\nx\n\nyé\u{1F600}z\n",
        "名前\n住所",
    ] {
        let index = LineIndex::new(text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(
                index.line_col(text, offset),
                line_col(text, offset),
                "{text:?} at {offset}"
            );
        }
    }
}
