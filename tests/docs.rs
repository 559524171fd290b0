//! `realname docs`: the committed pages are current, and they follow the rule files.

use std::path::Path;
use std::process::Command;

fn realname(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_realname"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[test]
fn committed_docs_are_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = realname(&[
        "docs",
        "--rules",
        root.join("rules").to_str().unwrap(),
        "--out",
        root.join("docs").to_str().unwrap(),
        "--check",
    ]);
    assert!(
        out.status.success(),
        "docs/ is stale; run `cargo run -- docs --rules rules --out docs`:\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn editing_a_rule_file_changes_the_pages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    for entry in std::fs::read_dir(root.join("rules")).unwrap().flatten() {
        std::fs::copy(entry.path(), rules.join(entry.file_name())).unwrap();
    }
    let alipay = rules.join("alipay.rules");
    let text = std::fs::read_to_string(&alipay).unwrap();
    let edited = text
        .replace("hotline \"95188\"", "hotline \"95199\"")
        .replace(
            "Alipay only verifies applicants who are 18 or older.",
            "Alipay now verifies only adults.",
        );
    assert_ne!(text, edited);
    std::fs::write(&alipay, edited).unwrap();
    let out_dir = dir.path().join("docs");
    let out = realname(&[
        "docs",
        "--rules",
        rules.to_str().unwrap(),
        "--out",
        out_dir.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = std::fs::read_to_string(out_dir.join("apps/alipay.md")).unwrap();
    let html = std::fs::read_to_string(out_dir.join("apps/alipay.html")).unwrap();
    let index = std::fs::read_to_string(out_dir.join("index.md")).unwrap();
    for page in [&md, &html] {
        assert!(page.contains("Alipay now verifies only adults."));
        assert!(page.contains("95199") && !page.contains("95188"));
    }
    assert!(index.contains("95199"));
    // And the committed docs no longer match these rules.
    let check = realname(&[
        "docs",
        "--rules",
        rules.to_str().unwrap(),
        "--out",
        root.join("docs").to_str().unwrap(),
        "--check",
    ]);
    assert_eq!(check.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&check.stdout).contains("stale: apps/alipay.md"));
}

#[test]
fn html_pages_are_self_contained() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
    for page in ["index.html", "apps/alipay.html", "apps/wechat.html"] {
        let html = std::fs::read_to_string(root.join(page)).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>"), "{page}");
        assert!(
            html.contains("<meta name=\"viewport\""),
            "{page}: not readable on a phone"
        );
        assert!(html.contains("@media print"), "{page}: no print styles");
        for external in [
            "<script src",
            "<link rel=\"stylesheet\"",
            "src=\"http",
            "url(http",
        ] {
            assert!(
                !html.contains(external),
                "{page} loads an external asset: {external}"
            );
        }
    }
    let alipay = std::fs::read_to_string(root.join("apps/alipay.html")).unwrap();
    assert!(alipay.contains("<table>") && alipay.contains("招商银行") && alipay.contains("95188"));
}
