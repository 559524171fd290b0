//! Messages at the edges: a file that is not UTF-8, a regular expression too large to compile,
//! and diagnostics on lines hundreds of kilobytes long (which must not be copied whole).

use std::path::Path;

use realname::internal::text_file::{decode_text, read_text_file, BadByte, TextFileError};
use realname::load_profile;
use realname::Diag;
use realname::Rules;
use realname::SourceFile;
use realname::{render, Style};

fn render(diag: &dyn miette::Diagnostic) -> String {
    render::diagnostic(diag, Style::plain(100))
}

/// The `file:LINE:COL` of the first snippet header of a rendered diagnostic.
fn location(rendered: &str) -> (String, usize, usize) {
    let re = regex::Regex::new(r"╭─\[([^\]]+?):(\d+):(\d+)\]").unwrap();
    let c = re
        .captures(rendered)
        .unwrap_or_else(|| panic!("no location in:\n{rendered}"));
    (
        c[1].to_string(),
        c[2].parse().unwrap(),
        c[3].parse().unwrap(),
    )
}

// ---------------------------------------------------------------------------------------------
// Files that are not UTF-8

#[test]
fn a_latin1_file_is_located_by_line_and_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("profile.yaml");
    // "José" saved as Latin-1: é is the single byte 0xE9.
    let mut bytes = b"name: JOHN SMITH\nbirth_date: 1990-05-01\nholder: Jos".to_vec();
    bytes.push(0xE9);
    bytes.extend_from_slice(b"\n");
    std::fs::write(&path, &bytes).unwrap();

    let err = read_text_file(&path).unwrap_err();
    let offset = "name: JOHN SMITH\nbirth_date: 1990-05-01\nholder: Jos".len();
    match &err {
        TextFileError::NotUtf8 { path: p, at } => {
            assert_eq!(p, &path);
            assert_eq!(
                *at,
                BadByte {
                    line: 3,
                    column: 12,
                    offset,
                    byte: 0xE9
                }
            );
        }
        other => panic!("expected NotUtf8, got {other:?}"),
    }
    let message = err.to_string();
    assert!(
        message.starts_with(&format!(
            "{} is not valid UTF-8: the first bad byte is at line 3, byte {offset} (byte 0xE9",
            path.display()
        )),
        "{message}"
    );
    assert!(
        message.contains("save it again with the encoding UTF-8"),
        "{message}"
    );
    assert_eq!(err.path(), path);
    let diag = err.to_diag();
    assert!(diag.message.contains("line 3"), "{}", diag.message);
    assert!(diag.help.as_deref().unwrap_or("").contains("UTF-8"));
}

#[test]
fn a_gbk_rule_file_and_a_cut_sequence_are_located() {
    // 招商 in GBK is D5 D0 C9 CC: D5 starts a two-byte UTF-8 sequence but D0 cannot follow it.
    let mut bytes = b"// banks\nbank cmb \"".to_vec();
    bytes.extend_from_slice(&[0xD5, 0xD0, 0xC9, 0xCC]);
    let err = decode_text("rules/banks.rules", bytes).unwrap_err();
    assert!(
        err.to_string().starts_with(
            "rules/banks.rules is not valid UTF-8: the first bad byte is at line 2, byte 19 (byte 0xD5"
        ),
        "{err}"
    );

    // A multi-byte character cut off at the end of the file: the bad byte is its first byte.
    let mut bytes = "名字: 张".as_bytes().to_vec();
    bytes.extend_from_slice(&"三".as_bytes()[..2]);
    let err = decode_text("p.yaml", bytes).unwrap_err();
    match err {
        TextFileError::NotUtf8 { at, .. } => assert_eq!(
            at,
            BadByte {
                line: 1,
                column: 6,
                offset: "名字: 张".len(),
                byte: 0xE4
            }
        ),
        other => panic!("expected NotUtf8, got {other:?}"),
    }
}

#[test]
fn valid_files_read_as_before_and_a_missing_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ok.yaml");
    std::fs::write(&path, "name: 张三\n").unwrap();
    assert_eq!(read_text_file(&path).unwrap(), "name: 张三\n");

    let missing = dir.path().join("missing.yaml");
    let err = read_text_file(&missing).unwrap_err();
    assert!(matches!(err, TextFileError::Io { .. }), "{err:?}");
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("cannot read {}: ", missing.display())),
        "{message}"
    );
    assert!(message.contains("does not exist"), "{message}");
}

// ---------------------------------------------------------------------------------------------
// A regular expression too large to compile

/// The shipped files an app needs, read from rules/ at test time.
fn good_files() -> Vec<SourceFile> {
    ["profile.rules", "sources.rules", "banks.rules"]
        .iter()
        .map(|name| {
            let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("rules")
                .join(name);
            SourceFile::new(
                format!("rules/{name}"),
                std::fs::read_to_string(path).unwrap(),
            )
        })
        .collect()
}

fn compile_errors(name: &str, text: &str) -> Vec<Diag> {
    let mut files = good_files();
    files.push(SourceFile::new(name, text));
    match Rules::from_files(files) {
        Ok(_) => panic!("{name} compiled, but it holds a mistake"),
        Err(diagnostics) => diagnostics.0,
    }
}

fn app_with_requirement(require: &str) -> String {
    format!(
        "app demo {{\n  title \"Demo Pay\"\n  sources [guide]\n\n  requirement name_characters {{\n    require {require}\n    at name\n    severity error\n    message \"The name may only hold letters.\"\n    sources [guide]\n  }}\n}}\n"
    )
}

#[test]
fn a_regex_too_large_to_compile_says_so() {
    let text = app_with_requirement(r#"name matches "(a{1000}){1000}""#);
    let errors = compile_errors("demo.rules", &text);
    assert_eq!(errors.len(), 1, "{errors:?}");
    let diag = &errors[0];
    assert_eq!(diag.code.as_deref(), Some("invalid-regex"));
    assert!(
        diag.message.contains("too large"),
        "the message says the pattern is too large: {}",
        diag.message
    );
    assert!(
        !diag.message.contains("not valid"),
        "a valid but large pattern is not called invalid: {}",
        diag.message
    );
    let help = diag.help.as_deref().unwrap_or("");
    assert!(help.contains("smaller counts"), "says what to do: {help}");
    let out = render(diag);
    assert_eq!(location(&out), ("demo.rules".to_string(), 6, 26), "{out}");
    assert!(out.contains("pattern too large"), "{out}");

    // A pattern that is really invalid keeps its message.
    let text = app_with_requirement(r#"name matches "[a-""#);
    let errors = compile_errors("demo.rules", &text);
    assert!(
        errors[0].message.contains("not valid"),
        "{}",
        errors[0].message
    );
}

// ---------------------------------------------------------------------------------------------
// Diagnostics on very long lines

/// A rendered diagnostic of a huge line must stay short.
const MAX_RENDERED: usize = 2048;

/// A rule file of one line of about 600 KB, the mistake `mistake` in its middle.
fn one_line_rules(mistake: &str) -> String {
    let pad = " ".repeat(300_000);
    format!(
        "app demo {{ title \"Demo Pay\" sources [guide] {pad} requirement name_characters {{ require {mistake} at name severity error message \"The name may only hold letters.\" sources [guide] }} {pad} }}\n"
    )
}

#[test]
fn a_compile_error_on_a_600_kb_line_is_shown_around_its_place() {
    let text = one_line_rules(r#"document.numbr == "x""#);
    assert!(text.len() > 600_000);
    let errors = compile_errors("long.rules", &text);
    let diag = errors
        .iter()
        .find(|d| d.message.contains("numbr"))
        .unwrap_or_else(|| panic!("no error about `numbr`: {errors:?}"));
    let out = render(diag);
    assert!(
        out.len() < MAX_RENDERED,
        "{} bytes rendered:\n{out}",
        out.len()
    );
    let column = text.find("document.numbr").unwrap() + 1;
    let (file, line, col) = location(&out);
    assert_eq!(
        (file.as_str(), line),
        ("long.rules", 1),
        "the header names the real file and line:\n{out}"
    );
    // The column is that of the real line (the label is on `numbr` or on `document.numbr`).
    assert!(
        col == column || col == column + "document.".len(),
        "column {col}, the mistake is at {column}:\n{out}"
    );
    assert!(out.contains("document.numbr"), "shows the mistake:\n{out}");
    assert!(out.contains('…'), "marks what was left out:\n{out}");
    assert_label_under(&out, "numbr");
}

#[test]
fn a_syntax_error_on_a_600_kb_line_is_shown_around_its_place() {
    let text = one_line_rules(r#"name matchs "[A-Z ]+""#);
    let errors = compile_errors("long.rules", &text);
    let out = render(&errors[0]);
    assert!(
        out.len() < MAX_RENDERED,
        "{} bytes rendered:\n{out}",
        out.len()
    );
    assert_eq!(location(&out).1, 1, "{out}");
    assert!(out.contains("matchs"), "shows the mistake:\n{out}");
}

#[test]
fn a_load_error_on_a_long_profile_line_is_shown_around_its_place() {
    let pad = "x".repeat(300_000);
    let text = format!(
        "{{\"name\": \"JOHN SMITH\", \"note\": \"{pad}\", \"birth_date\": \"1990-05-01\" \"phone\": \"+27821234567\", \"more\": \"{pad}\"}}\n"
    );
    let err = load_profile("long.json", &text).unwrap_err();
    let out = render(&err);
    assert!(
        out.len() < MAX_RENDERED,
        "{} bytes rendered:\n{out}",
        out.len()
    );
    // A `,` is missing after the date: the loader points at the text that follows it.
    let phone = text.find("\"phone\"").unwrap();
    assert_eq!(err.span().start, phone, "{err}");
    let (file, line, col) = location(&out);
    assert_eq!(
        (file.as_str(), line, col),
        ("long.json", 1, phone + 1),
        "{out}"
    );
    assert!(
        out.contains("\"1990-05-01\" \"phone\""),
        "shows the offending text:\n{out}"
    );
    assert!(out.contains(err.label()), "shows the label:\n{out}");
    assert_label_under(&out, "\"phone\"");
}

#[test]
fn findings_on_a_long_profile_line_are_shown_around_their_place() {
    let rules = Rules::embedded().unwrap();
    let pad = "x".repeat(300_000);
    let text = format!(
        "{{\"name\": \"JOHN SMITH\", \"note\": \"{pad}\", \"birth_date\": \"1990-13-01\", \"phone\": \"+27821234567\", \"more\": \"{pad}\"}}\n"
    );
    let doc = load_profile("long.json", &text).unwrap();
    let reports = rules
        .check(&doc, &["alipay"], "2026-11-21".parse().unwrap())
        .unwrap();
    let out = realname::render::human(&rules, &doc, &reports, Style::plain(100));
    assert!(
        out.len() < 20 * MAX_RENDERED,
        "{} bytes rendered:\n{}",
        out.len(),
        &out[..out.len().min(5000)]
    );
    for line in out.lines() {
        assert!(
            line.chars().count() < 400,
            "a line of {} characters:\n{}",
            line.chars().count(),
            &line[..line.len().min(500)]
        );
    }
    assert!(
        out.contains("\"1990-13-01\""),
        "the bad date is shown:\n{out}"
    );
    assert!(out.contains("`note` is not a field"), "{out}");
}

#[test]
fn short_lines_are_rendered_as_before() {
    // A diagnostic without long lines is not touched: compare with miette's own rendering.
    let text = "name: JOHN SMITH\nbirth_date: [1990\n";
    let err = load_profile("p.yaml", text).unwrap_err();
    let mut direct = String::new();
    Style::plain(100)
        .handler()
        .render_report(&mut direct, &err)
        .unwrap();
    assert_eq!(render(&err), direct);
}

/// The label's underline in `out` starts under the first character of `marked` on the snippet
/// line that holds it.
fn assert_label_under(out: &str, marked: &str) {
    let lines: Vec<&str> = out.lines().collect();
    let (i, code_line) = lines
        .iter()
        .enumerate()
        .find(|(_, l)| l.contains(" │ ") && l.contains(marked))
        .unwrap_or_else(|| panic!("no snippet line holds {marked:?}:\n{out}"));
    let at = code_line.find(marked).unwrap();
    let column = code_line[..at].chars().count();
    let under = lines
        .get(i + 1)
        .unwrap_or_else(|| panic!("nothing under the snippet line:\n{out}"));
    let mark = under.chars().nth(column);
    assert!(
        matches!(mark, Some('┬' | '─' | '▲' | '╰')),
        "no label under {marked:?} (column {column}):\n{out}"
    );
}

#[test]
fn lines_up_to_the_limit_are_shown_whole_and_longer_ones_are_cut() {
    use realname::internal::diagnostic::{CONTEXT_CHARS, LONG_LINE};
    use realname::Span;
    for len in [LONG_LINE, LONG_LINE + 1] {
        let before = "a".repeat((len - 3) / 2);
        let after = "b".repeat(len - 3 - before.len());
        let text = format!("first line\n{before}BAD{after}\nlast line\n");
        let file = SourceFile::new("f.rules", text.clone());
        let at = text.find("BAD").unwrap();
        let diag = Diag::at(&Span::new(&file, at..at + 3), "a mistake", "here");
        let out = render(&diag);
        assert!(
            out.contains("first line") && out.contains("last line"),
            "{out}"
        );
        assert_eq!(location(&out), ("f.rules".to_string(), 2, before.len() + 1));
        assert_label_under(&out, "BAD");
        let shown = out.lines().find(|l| l.contains("BAD")).unwrap();
        if len <= LONG_LINE {
            assert!(shown.contains(&format!("{before}BAD{after}")), "{out}");
        } else {
            let kept_before = "a".repeat(CONTEXT_CHARS);
            let kept_after = "b".repeat(CONTEXT_CHARS);
            assert!(
                shown.ends_with(&format!(" │ …{kept_before}BAD{kept_after}…")),
                "{CONTEXT_CHARS} characters on each side of the label's start and end:\n{out}"
            );
        }
    }
}
