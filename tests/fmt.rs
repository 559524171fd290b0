//! `realname fmt` over every shipped rule file and every rule fixture: idempotent, keeps the
//! meaning (same AST, positions aside) and keeps every comment, in order.

use std::path::{Path, PathBuf};

use realname::internal::fmt::{comments::comments, format_file};
use realname::internal::source::{ignoring_spans, SourceFile};
use realname::internal::syntax::parse_file;

fn rule_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rule_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rules") {
            out.push(path);
        }
    }
}

fn all_rule_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rule_files(&root.join("rules"), &mut files);
    if root.join("tests/fixtures").is_dir() {
        rule_files(&root.join("tests/fixtures"), &mut files);
    }
    files.sort();
    files
}

#[test]
fn formatting_is_idempotent_and_keeps_meaning_and_comments() {
    let mut formatted_count = 0;
    for path in all_rule_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.display().to_string();
        let original = SourceFile::new(name.clone(), text.clone());
        let Ok(once) = format_file(&original) else {
            // Fixtures with syntax errors are not formatted; that is checked elsewhere.
            continue;
        };
        formatted_count += 1;
        let formatted = SourceFile::new(name.clone(), once.clone());
        let twice = format_file(&formatted)
            .unwrap_or_else(|e| panic!("{name}: formatted text does not parse: {e:?}\n{once}"));
        assert_eq!(once, twice, "{name}: formatting is not idempotent");

        let (before, _) = parse_file(&original);
        let (after, errors) = parse_file(&formatted);
        assert!(errors.is_empty(), "{name}: formatted text has errors");
        assert!(
            ignoring_spans(|| before == after),
            "{name}: formatting changed the meaning:\n{before:#?}\n{after:#?}"
        );

        let comments_before: Vec<String> = comments(&text).into_iter().map(|c| c.text).collect();
        let comments_after: Vec<String> = comments(&once).into_iter().map(|c| c.text).collect();
        assert_eq!(
            comments_before, comments_after,
            "{name}: comments were lost or reordered"
        );
    }
    assert!(
        formatted_count >= 8,
        "only {formatted_count} rule files were formatted"
    );
}

#[test]
fn shipped_rules_are_formatted() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut files = Vec::new();
    rule_files(&root, &mut files);
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let formatted =
            format_file(&SourceFile::new(path.display().to_string(), text.clone())).unwrap();
        assert!(
            formatted == text,
            "{} is not formatted: run `realname fmt rules`",
            path.display()
        );
    }
}

#[test]
fn messy_layout_becomes_canonical() {
    let messy = "// header\n\n\n/// Doc.\nsource  s {title \"T\"   published 2020-01-01 // trailing\n}\napp a { title \"A\"\n  requirement r { require len( name )>=2 and not(name matches \"\\d\") message \"M\" sources [ s ] }\n\n\n\n  // before\n  outcome o { unlocks [ payments ] }\n}\n";
    let file = SourceFile::new("messy.rules", messy);
    let out = format_file(&file).unwrap();
    let expected = "// header\n\n/// Doc.\nsource s {\n  title \"T\"\n  published 2020-01-01 // trailing\n}\n\napp a {\n  title \"A\"\n  requirement r {\n    require len(name) >= 2 and not (name matches \"\\d\")\n    message \"M\"\n    sources [s]\n  }\n\n  // before\n  outcome o {\n    unlocks [payments]\n  }\n}\n";
    assert_eq!(out, expected);
}

#[test]
fn periods_and_shared_definitions_are_laid_out() {
    let messy = "let  adult_now =age(birth_date)>=18\napp a { title \"A\"\n  steps [\"Old step.\"   until 2017-09-25, \"New step.\" from  2017-09-26]\n  set n: text = [\"visa\", \"jcb\" from 2023-07-20 until 2024-01-01]\n  requirement r {  from 2024-03-01\n require adult_now message \"M {name}\" }\n  outcome o { limit x 5000 USD per transaction   from 2024-03-01\n unlocks [payments] until 2030-12-31 }\n}\n";
    let file = SourceFile::new("messy.rules", messy);
    let out = format_file(&file).unwrap();
    let expected = "let adult_now = age(birth_date) >= 18\n\napp a {\n  title \"A\"\n  steps [\"Old step.\" until 2017-09-25, \"New step.\" from 2017-09-26]\n  set n: text = [\"visa\", \"jcb\" from 2023-07-20 until 2024-01-01]\n  requirement r {\n    from 2024-03-01\n    require adult_now\n    message \"M {name}\"\n  }\n  outcome o {\n    limit x 5000 USD per transaction from 2024-03-01\n    unlocks [payments]\n    until 2030-12-31\n  }\n}\n";
    assert_eq!(out, expected);
    let again = format_file(&SourceFile::new("messy.rules", out.clone())).unwrap();
    assert_eq!(again, out, "formatting twice changes nothing");
}

#[test]
fn a_block_text_closed_at_the_end_of_its_last_line_keeps_its_meaning() {
    // The closing quotes end a text line: the text has no line break at its end, and must not
    // gain one when formatted.
    let text =
        "example e {\n  today 2026-11-21\n  profile \"\"\"\n    name: A\n    phone: b\"\"\"\n}\n";
    let file = SourceFile::new("block.rules", text);
    let out = format_file(&file).unwrap();
    assert_eq!(out, text, "already canonical");
    let (before, _) = realname::internal::syntax::parse_file(&file);
    let (after, _) = realname::internal::syntax::parse_file(&SourceFile::new("block.rules", out));
    assert_eq!(before, after);
    // And the usual layout, closing quotes on their own line, keeps its final line break.
    let own_line = "example e {\n  today 2026-11-21\n  profile \"\"\"\n    name: A\n  \"\"\"\n}\n";
    assert_eq!(
        format_file(&SourceFile::new("own.rules", own_line)).unwrap(),
        own_line
    );
}

/// Spans are part of a node's equality: the same declaration written at two places is equal
/// only when the comparison says it ignores where things stand.
#[test]
fn spans_count_in_comparisons_unless_ignored() {
    let one = SourceFile::new("a.rules", "let adult = age(birth_date) >= 18\n");
    let other = SourceFile::new("a.rules", "\n\nlet adult =   age(birth_date)>=18\n");
    let (a, _) = parse_file(&one);
    let (b, _) = parse_file(&other);
    assert!(a != b, "the same text at other places compared equal");
    assert!(ignoring_spans(|| a == b));
    // The helper is scoped: outside it, spans count again.
    assert!(a != b);
    let (again, _) = parse_file(&one);
    assert!(a == again, "the same text at the same place is equal");
}
