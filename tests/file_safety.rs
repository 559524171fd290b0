//! Files realname writes and reads, end to end through the built binary: `check --fix`, `fmt`
//! and `docs` never leave a file half written (a kill, a full disk, a file-size limit), keep
//! links and permissions, do not overwrite a file edited meanwhile; `--fix --diff` writes
//! nothing; `--redact` masks the fixed values; broken links are reported, not skipped; an
//! example's profile file stays inside the rules folder.
//!
//! The kill and the edit in the middle of a write use the test-only pauses of
//! `realname::internal::atomic_write` (see its module documentation).

#![cfg(unix)]

use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const TODAY: &str = "2026-11-21";
const SHORT_PASSPORT: &str = "tests/fixtures/fix/short_passport.yaml";
const PASSPORT_AND_CARD: &str = "tests/fixtures/fix/short_passport_and_card.yaml";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `realname ARGS` in `dir`, colourless, with extra environment variables, not yet waited for.
fn command_in(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_realname"));
    command
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("REALNAME_TEST_PAUSE_BEFORE_WRITE")
        .env_remove("REALNAME_TEST_PAUSE_BEFORE_RENAME");
    command
}

fn realname_in(dir: &Path, args: &[&str]) -> Output {
    command_in(dir, args)
        .output()
        .expect("the realname binary runs")
}

/// `realname ARGS` in `dir` under a file-size limit of one block (512 or 1024 bytes, by shell)
/// with SIGXFSZ ignored, so that writing more fails with EFBIG instead of killing the process.
fn realname_with_size_limit(dir: &Path, args: &[&str]) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg("ulimit -f 1 && trap '' XFSZ && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_realname"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .output()
        .expect("sh runs")
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

/// A fresh folder holding a copy of the fixture under `name`; returns the folder and the path.
fn copy_fixture(fixture: &str, name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::copy(root().join(fixture), &path).unwrap();
    (dir, path)
}

/// The names in a folder, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Waits until `flag` exists (the child reached a pause), failing after 30 seconds or when
/// the child ended without pausing.
#[track_caller]
fn wait_for_flag(child: &mut Child, flag: &Path) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !flag.exists() {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("realname ended ({status}) without reaching the pause");
        }
        assert!(
            Instant::now() < deadline,
            "realname did not reach the pause within 30 s"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn check_fix_args(profile: &str) -> Vec<&str> {
    vec![
        "check", "--today", TODAY, "--app", "alipay", "--fix", profile,
    ]
}

/// A profile with a passport number to pad, made larger than any one-block size limit by a
/// comment block.
fn large_profile() -> String {
    let mut text = std::fs::read_to_string(root().join(SHORT_PASSPORT)).unwrap();
    for i in 0..80 {
        text.push_str(&format!(
            "# note {i}: a long comment that makes the profile larger than the limit\n"
        ));
    }
    assert!(text.len() > 4096);
    text
}

// ---------------------------------------------------------------------------------------------
// check --fix writes atomically

#[test]
fn a_kill_during_the_fix_leaves_the_original_profile() {
    let (dir, path) = copy_fixture(SHORT_PASSPORT, "short_passport.yaml");
    let original = std::fs::read(&path).unwrap();
    let flags = tempfile::tempdir().unwrap();
    let flag = flags.path().join("paused");
    let mut child = command_in(dir.path(), &check_fix_args("short_passport.yaml"))
        .env("REALNAME_TEST_PAUSE_BEFORE_RENAME", &flag)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for_flag(&mut child, &flag);
    // The pause is where it should be: the fixed profile is written in full beside the old one.
    let temps: Vec<String> = names_in(dir.path())
        .into_iter()
        .filter(|n| n != "short_passport.yaml")
        .collect();
    assert_eq!(temps.len(), 1, "one temporary file: {temps:?}");
    let temp_text = std::fs::read_to_string(dir.path().join(&temps[0])).unwrap();
    assert!(temp_text.contains("number: \"01234567\""), "{temp_text}");
    child.kill().unwrap();
    child.wait().unwrap();

    assert_eq!(
        std::fs::read(&path).unwrap(),
        original,
        "the profile is byte for byte the original"
    );
    // What a kill leaves behind is hidden and named so that it is never taken for a profile.
    for name in names_in(dir.path()) {
        if name == "short_passport.yaml" {
            continue;
        }
        assert!(
            name.starts_with(".short_passport.yaml.realname-tmp-"),
            "unexpected file {name}"
        );
        let extension = Path::new(&name).extension().unwrap().to_str().unwrap();
        assert!(
            !["yaml", "yml", "json", "rules"].contains(&extension),
            "{name}"
        );
    }
    let out = realname_in(
        dir.path(),
        &["check", "--today", TODAY, "--format", "short", "."],
    );
    assert!(!stdout(&out).contains("realname-tmp"), "{}", stdout(&out));
    assert!(!stderr(&out).contains("realname-tmp"), "{}", stderr(&out));

    // Run again, it fixes the profile.
    let out = realname_in(dir.path(), &check_fix_args("short_passport.yaml"));
    assert_exit(&out, 0);
    assert!(std::fs::read_to_string(&path)
        .unwrap()
        .contains("number: \"01234567\""));
}

#[test]
fn a_file_size_limit_leaves_the_original_profile_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.yaml");
    let original = large_profile();
    std::fs::write(&path, &original).unwrap();

    let out = realname_with_size_limit(dir.path(), &check_fix_args("large.yaml"));
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(
        err.contains("error: cannot write large.yaml (it was left as it was)"),
        "{err}"
    );
    assert!(
        err.contains("larger than the file size limit") && err.contains("raise the limit"),
        "{err}"
    );
    assert!(
        !err.contains("fixed large.yaml"),
        "nothing claims a fix: {err}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), original);
    assert_eq!(
        names_in(dir.path()),
        ["large.yaml"],
        "the temporary file is removed"
    );
}

#[test]
fn fix_through_a_symlink_keeps_the_link_and_updates_its_target() {
    let (dir, target) = copy_fixture(SHORT_PASSPORT, "real.yaml");
    std::fs::create_dir(dir.path().join("links")).unwrap();
    let link = dir.path().join("links/profile.yaml");
    symlink("../real.yaml", &link).unwrap();

    let out = realname_in(dir.path(), &check_fix_args("links/profile.yaml"));
    assert_exit(&out, 0);
    let meta = std::fs::symlink_metadata(&link).unwrap();
    assert!(meta.file_type().is_symlink(), "the link stays a link");
    assert_eq!(
        std::fs::read_link(&link).unwrap(),
        Path::new("../real.yaml")
    );
    let fixed = std::fs::read_to_string(&target).unwrap();
    assert!(fixed.contains("number: \"01234567\""), "{fixed}");
    assert_eq!(names_in(&dir.path().join("links")), ["profile.yaml"]);
    assert_eq!(names_in(dir.path()), ["links", "real.yaml"]);
}

#[test]
fn fix_keeps_the_permissions_of_the_profile() {
    let (dir, path) = copy_fixture(SHORT_PASSPORT, "private.yaml");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let out = realname_in(dir.path(), &check_fix_args("private.yaml"));
    assert_exit(&out, 0);
    assert!(std::fs::read_to_string(&path)
        .unwrap()
        .contains("number: \"01234567\""));
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode, 0o640, "mode {mode:o}");
}

#[test]
fn fix_does_not_overwrite_a_profile_edited_during_the_check() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a.yaml", "b.yaml"] {
        std::fs::copy(root().join(SHORT_PASSPORT), dir.path().join(name)).unwrap();
    }
    let flags = tempfile::tempdir().unwrap();
    let flag = flags.path().join("paused");
    let mut child = command_in(
        dir.path(),
        &[
            "check", "--today", TODAY, "--app", "alipay", "--fix", "--jobs", "1", "a.yaml",
            "b.yaml",
        ],
    )
    // One job: the pause is one flag file, reached by one profile after the other.
    .env("REALNAME_TEST_PAUSE_BEFORE_WRITE", &flag)
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .unwrap();
    // a.yaml: someone saves their own change between the check and the write.
    wait_for_flag(&mut child, &flag);
    let edited = std::fs::read_to_string(dir.path().join("a.yaml"))
        .unwrap()
        .replace("LUCAS MARTIN   # as on the passport", "LUCAS PIERRE MARTIN");
    std::fs::write(dir.path().join("a.yaml"), &edited).unwrap();
    std::fs::remove_file(&flag).unwrap();
    // b.yaml: nobody touches it.
    wait_for_flag(&mut child, &flag);
    std::fs::remove_file(&flag).unwrap();
    let out = child.wait_with_output().unwrap();

    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(
        err.contains(
            "error: a.yaml changed on disk while it was being checked, so the fixes were not written; run the check again"
        ),
        "{err}"
    );
    assert!(!err.contains("fixed a.yaml"), "{err}");
    assert!(err.contains("fixed b.yaml"), "the batch goes on: {err}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.yaml")).unwrap(),
        edited,
        "the edit made meanwhile is what remains"
    );
    assert!(std::fs::read_to_string(dir.path().join("b.yaml"))
        .unwrap()
        .contains("number: \"01234567\""));
    assert_eq!(names_in(dir.path()), ["a.yaml", "b.yaml"]);
}

// ---------------------------------------------------------------------------------------------
// check --fix --diff

#[test]
fn fix_diff_prints_the_change_and_writes_nothing() {
    let (dir, path) = copy_fixture(SHORT_PASSPORT, "short_passport.yaml");
    let before = std::fs::read(&path).unwrap();
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    // Any later write would change the modification time, even on coarse clocks.
    std::thread::sleep(Duration::from_millis(20));

    let out = realname_in(
        dir.path(),
        &[
            "check",
            "--today",
            TODAY,
            "--app",
            "alipay",
            "--fix",
            "--diff",
            "short_passport.yaml",
        ],
    );
    // As for a check of the profile as it is: Alipay refuses the seven-digit number.
    assert_exit(&out, 1);
    assert_eq!(
        stdout(&out),
        "--- a/short_passport.yaml\n\
         +++ b/short_passport.yaml\n\
         @@ -5,7 +5,7 @@\n \
         phone: \"+33612345678\"\n \
         document:\n   \
         type: passport\n\
         -  number: \"1234567\"   # copied from the information page\n\
         +  number: \"01234567\"   # copied from the information page\n   \
         expiry_date: 2033-01-15\n   \
         info_page_photo: true\n   \
         entry_stamp_photo: true\n"
    );
    assert_eq!(
        stderr(&out),
        "would fix short_passport.yaml: document.number \"1234567\" -> \"01234567\" \
         (Pad the passport number with leading zeros to 8 characters.)\n"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        modified
    );
    assert_eq!(names_in(dir.path()), ["short_passport.yaml"]);
}

#[test]
fn fix_diff_of_a_profile_without_fixes_is_empty() {
    let (dir, _) = copy_fixture("tests/fixtures/profiles/clean.yaml", "clean.yaml");
    let out = realname_in(
        dir.path(),
        &["check", "--today", TODAY, "--fix", "--diff", "clean.yaml"],
    );
    assert_exit(&out, 0);
    assert_eq!(stdout(&out), "");
    assert_eq!(stderr(&out), "");
}

#[test]
fn diff_without_fix_is_a_usage_error() {
    let (dir, path) = copy_fixture(SHORT_PASSPORT, "short_passport.yaml");
    let before = std::fs::read(&path).unwrap();
    let out = realname_in(dir.path(), &["check", "--diff", "short_passport.yaml"]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("--fix"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

// ---------------------------------------------------------------------------------------------
// --redact and the fixed values

#[test]
fn fix_with_redact_never_shows_the_numbers_in_full() {
    for format in ["human", "json", "short"] {
        let (dir, path) = copy_fixture(PASSPORT_AND_CARD, "profile.yaml");
        let out = realname_in(
            dir.path(),
            &[
                "check",
                "--today",
                TODAY,
                "--fix",
                "--redact",
                "--format",
                format,
                "profile.yaml",
            ],
        );
        assert_exit(&out, 0);
        let (out_text, err_text) = (stdout(&out), stderr(&out));
        for number in ["9876543", "6225880000000001"] {
            assert!(
                !out_text.contains(number),
                "{format}: stdout shows {number}:\n{out_text}"
            );
            assert!(
                !err_text.contains(number),
                "{format}: stderr shows {number}:\n{err_text}"
            );
        }
        assert!(
            err_text.contains("fixed profile.yaml: document.number \"***6543\" -> \"****6543\""),
            "{format}: {err_text}"
        );
        // The file itself gets the real number.
        assert!(std::fs::read_to_string(&path)
            .unwrap()
            .contains("number: \"09876543\""));
    }

    // Without --redact the numbers are shown as they are.
    let (dir, _) = copy_fixture(PASSPORT_AND_CARD, "profile.yaml");
    let out = realname_in(
        dir.path(),
        &["check", "--today", TODAY, "--fix", "profile.yaml"],
    );
    assert_exit(&out, 0);
    assert!(
        stderr(&out).contains("document.number \"9876543\" -> \"09876543\""),
        "{}",
        stderr(&out)
    );
}

#[test]
fn fix_diff_with_redact_masks_every_sensitive_value() {
    let (dir, _) = copy_fixture(PASSPORT_AND_CARD, "profile.yaml");
    let out = realname_in(
        dir.path(),
        &[
            "check",
            "--today",
            TODAY,
            "--fix",
            "--diff",
            "--redact",
            "profile.yaml",
        ],
    );
    assert_exit(&out, 1);
    let diff = stdout(&out);
    assert!(
        diff.contains(
            "@@ -13,7 +13,7 @@\n     number: \"************0001\"\n document:\n   type: passport\n-  number: \"***6543\"\n+  number: \"****6543\"\n"
        ),
        "{diff}"
    );
    for number in ["9876543", "6225880000000001"] {
        assert!(!diff.contains(number), "{diff}");
        assert!(!stderr(&out).contains(number), "{}", stderr(&out));
    }
}

// ---------------------------------------------------------------------------------------------
// fmt and docs write atomically too

#[test]
fn fmt_through_a_symlink_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let formatted = std::fs::read_to_string(root().join("rules/sources.rules")).unwrap();
    let messy = formatted.replace("\n  ", "\n      ");
    assert_ne!(messy, formatted);
    std::fs::create_dir(dir.path().join("real")).unwrap();
    std::fs::create_dir(dir.path().join("rules")).unwrap();
    let target = dir.path().join("real/sources.rules");
    std::fs::write(&target, &messy).unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o604)).unwrap();
    let link = dir.path().join("rules/sources.rules");
    symlink("../real/sources.rules", &link).unwrap();

    let out = realname_in(dir.path(), &["fmt", "rules"]);
    assert_exit(&out, 0);
    assert_eq!(stdout(&out), "formatted rules/sources.rules\n");
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), formatted);
    let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode, 0o604, "mode {mode:o}");
    assert_eq!(names_in(&dir.path().join("real")), ["sources.rules"]);
}

#[test]
fn fmt_under_a_file_size_limit_leaves_the_rule_file() {
    let dir = tempfile::tempdir().unwrap();
    let formatted = std::fs::read_to_string(root().join("rules/sources.rules")).unwrap();
    let messy = formatted.replace("\n  ", "\n      ");
    let path = dir.path().join("sources.rules");
    std::fs::write(&path, &messy).unwrap();
    let out = realname_with_size_limit(dir.path(), &["fmt", "sources.rules"]);
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("cannot write sources.rules (it was left as it was)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), messy);
    assert_eq!(names_in(dir.path()), ["sources.rules"]);
}

#[test]
fn docs_under_a_file_size_limit_leave_the_old_pages() {
    let dir = tempfile::tempdir().unwrap();
    let out = realname_in(dir.path(), &["docs", "--out", "docs"]);
    assert_exit(&out, 0);
    // Every page stale, so the next run rewrites the first one it meets.
    let mut pages = Vec::new();
    for sub in ["", "apps", "lints"] {
        let folder = dir.path().join("docs").join(sub);
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                std::fs::write(&path, "old page\n").unwrap();
                pages.push(path);
            }
        }
    }
    assert!(pages.len() > 3, "{pages:?}");

    let out = realname_with_size_limit(dir.path(), &["docs", "--out", "docs"]);
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("(it was left as it was)")
            && stderr(&out).contains("raise the limit"),
        "{}",
        stderr(&out)
    );
    for page in &pages {
        assert_eq!(
            std::fs::read_to_string(page).unwrap(),
            "old page\n",
            "{}",
            page.display()
        );
    }
}

#[test]
fn docs_through_a_symlinked_page_keep_the_link() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("docs")).unwrap();
    std::fs::write(dir.path().join("elsewhere.md"), "old index\n").unwrap();
    let link = dir.path().join("docs/index.md");
    symlink("../elsewhere.md", &link).unwrap();
    let out = realname_in(dir.path(), &["docs", "--out", "docs"]);
    assert_exit(&out, 0);
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let index = std::fs::read_to_string(dir.path().join("elsewhere.md")).unwrap();
    assert!(index.starts_with('#') && index.len() > 100, "{index}");
    let out = realname_in(dir.path(), &["docs", "--out", "docs", "--check"]);
    assert_exit(&out, 0);
}

// ---------------------------------------------------------------------------------------------
// Broken links are reported, not skipped

#[test]
fn a_broken_link_in_a_profile_folder_is_an_unreadable_profile() {
    let (dir, _) = copy_fixture("tests/fixtures/profiles/clean.yaml", "clean.yaml");
    symlink("gone.yaml", dir.path().join("broken.yaml")).unwrap();
    let out = realname_in(dir.path(), &["check", "--today", TODAY, "."]);
    assert_exit(&out, 2);
    assert_eq!(
        stderr(&out),
        "error: cannot read profile ./broken.yaml: it is a symbolic link to gone.yaml, which does \
         not exist; point the link at the profile or remove it\n"
    );
    let report = stdout(&out);
    assert!(
        report.contains("./clean.yaml"),
        "the rest is checked: {report}"
    );
    assert!(
        report.ends_with(
            "2 profiles: 1 can be verified by every app checked, 0 will be refused by some app, 1 could not be read\n"
        ),
        "{report}"
    );

    // Named directly, the same message.
    let out = realname_in(dir.path(), &["check", "--today", TODAY, "broken.yaml"]);
    assert_exit(&out, 2);
    assert!(
        stderr(&out)
            .contains("broken.yaml: it is a symbolic link to gone.yaml, which does not exist"),
        "{}",
        stderr(&out)
    );
}

/// A copy of the repository's rule files in `dir`.
fn copy_rules(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    for entry in std::fs::read_dir(root().join("rules")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rules") {
            std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
    }
}

#[test]
fn a_broken_link_in_a_rules_folder_stops_with_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    copy_rules(&rules);
    symlink("nowhere.rules", rules.join("extra.rules")).unwrap();
    let profile = root().join("tests/fixtures/profiles/clean.yaml");
    let out = realname_in(
        dir.path(),
        &[
            "check",
            "--today",
            TODAY,
            "--rules",
            "rules",
            profile.to_str().unwrap(),
        ],
    );
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(
        err.contains("cannot read rules/extra.rules: it is a symbolic link to nowhere.rules, which does not exist"),
        "{err}"
    );
    assert!(
        err.contains("point the link at an existing rule file, or remove it"),
        "{err}"
    );
    assert!(err.contains("the rules could not be loaded"), "{err}");
    assert_eq!(stdout(&out), "");

    // The same folder without the broken link checks fine.
    std::fs::remove_file(rules.join("extra.rules")).unwrap();
    let out = realname_in(
        dir.path(),
        &[
            "check",
            "--today",
            TODAY,
            "--rules",
            "rules",
            profile.to_str().unwrap(),
        ],
    );
    assert_exit(&out, 0);
}

// ---------------------------------------------------------------------------------------------
// An example's profile file stays inside the rules folder

#[test]
fn an_example_profile_outside_the_rules_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    copy_rules(&rules);
    // A readable, valid profile at an absolute path, and one the Windows way inside a folder
    // named `C:` (which on Unix really is inside the rules folder): both could be read, so
    // only the refusal makes these examples fail.
    let outside = dir.path().join("outside.yaml");
    std::fs::copy(root().join("tests/fixtures/profiles/clean.yaml"), &outside).unwrap();
    std::fs::create_dir(rules.join("C:")).unwrap();
    std::fs::copy(outside.as_path(), rules.join("C:/clean.yaml")).unwrap();
    std::fs::write(
        rules.join("outside.rules"),
        format!(
            "example outside_absolute for alipay {{\n  today {TODAY}\n  profile file \"{}\"\n  expect verified\n}}\n\n\
             example outside_drive for alipay {{\n  today {TODAY}\n  profile file \"C:/clean.yaml\"\n  expect verified\n}}\n",
            outside.display()
        ),
    )
    .unwrap();

    // Wide, so that miette does not wrap the messages. The rules do not compile: the
    // examples are refused before any of them runs, where they are written.
    let out = command_in(
        dir.path(),
        &["test", "--rules", "rules", "--filter", "outside_"],
    )
    .env("COLUMNS", "1000")
    .output()
    .unwrap();
    assert_exit(&out, 2);
    let report = stderr(&out);
    assert!(
        report.contains(
            "an example's profile file must be inside the rules folder, and it is an absolute path"
        ),
        "{report}"
    );
    assert!(
        report.contains(
            "an example's profile file must be inside the rules folder, and it starts with a drive letter"
        ),
        "{report}"
    );
    assert!(
        report.contains("name it relative to them"),
        "the message says what to do: {report}"
    );
}
