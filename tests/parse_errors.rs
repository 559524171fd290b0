//! What a rule author reads when a rule file is wrong.
//!
//! Every file in tests/fixtures/broken/ holds one mistake (or, where its name says so, two in
//! two declarations). Each is compiled together with copies of the shipped schema, sources and
//! banks (read from rules/ at test time), so that only the fixture's mistake can show. The
//! rendered diagnostics are pinned with insta; the code below checks what must hold whatever the
//! wording: every error names the fixture and a line, the lines are the ones the fixture's first
//! line announces (`// expect errors at lines: 8, 21`), and no grammar internals leak.

use std::path::Path;

use realname::Diag;
use realname::Rules;
use realname::SourceFile;
use realname::{render, Style};

/// The shipped files every fixture is compiled with.
const GOOD_FILES: [&str; 3] = ["profile.rules", "sources.rules", "banks.rules"];

/// Grammar rule names that must never reach a rule author.
const INTERNALS: [&str; 5] = ["kw_", "op_", "_decl", "EOI", "Rule::"];

fn good_files() -> Vec<SourceFile> {
    GOOD_FILES
        .iter()
        .map(|name| {
            let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("rules")
                .join(name);
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            SourceFile::new(format!("rules/{name}"), text)
        })
        .collect()
}

/// Compiles `name`/`text` with the good files and returns the errors, which must exist.
fn compile_errors(name: &str, text: &str) -> Vec<Diag> {
    let mut files = good_files();
    files.push(SourceFile::new(name, text));
    match Rules::from_files(files) {
        Ok(_) => panic!("{name} compiled without errors, but it holds a mistake"),
        Err(diagnostics) => diagnostics.0,
    }
}

fn render(diag: &Diag) -> String {
    render::diagnostic(diag, Style::plain(100))
}

/// The `file:LINE:COL` locations in a rendered diagnostic, in order (the first is the primary
/// one, later ones belong to related diagnostics).
fn locations(rendered: &str) -> Vec<(String, usize, usize)> {
    let re = regex::Regex::new(r"╭─\[([^\]]+?):(\d+):(\d+)\]").unwrap();
    re.captures_iter(rendered)
        .map(|c| {
            (
                c[1].to_string(),
                c[2].parse().unwrap(),
                c[3].parse().unwrap(),
            )
        })
        .collect()
}

/// Everything the diagnostic says in its own words (message, help, labels, related
/// diagnostics), leaving out the quoted rule text, which may hold any word.
fn reader_text(diag: &Diag) -> String {
    let mut out = format!("{}\n{}\n", diag.message, diag.help.as_deref().unwrap_or(""));
    for label in &diag.labels {
        out.push_str(label.label().unwrap_or(""));
        out.push('\n');
    }
    for related in &diag.related {
        out.push_str(&reader_text(related));
    }
    out
}

/// The lines announced by the fixture's first line, `// expect errors at lines: 8, 21`.
fn expected_lines(name: &str, text: &str) -> Vec<usize> {
    let first = text.lines().next().unwrap_or_default();
    let list = first
        .strip_prefix("// expect errors at lines:")
        .unwrap_or_else(|| panic!("{name}: the first line must be `// expect errors at lines: N`"));
    list.split(',')
        .map(|n| n.trim().parse().expect("a line number"))
        .collect()
}

#[test]
fn the_good_files_alone_compile() {
    if let Err(errors) = Rules::from_files(good_files()) {
        let text: String = errors.0.iter().map(render).collect();
        panic!("the shipped profile, sources and banks do not compile on their own:\n{text}");
    }
}

#[test]
fn broken_rule_files() {
    insta::glob!("fixtures/broken/*.rules", |path| {
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let text = std::fs::read_to_string(path).unwrap();
        let errors = compile_errors(&name, &text);
        let rendered: Vec<String> = errors.iter().map(render).collect();

        let mut lines = Vec::new();
        for (diag, out) in errors.iter().zip(&rendered) {
            assert_eq!(
                diag.severity,
                miette::Severity::Error,
                "{name}: a compile problem must be an error:\n{out}"
            );
            let locs = locations(out);
            let Some((file, line, _)) = locs.first() else {
                panic!("{name}: the error does not say where it is (no `{name}:LINE:COL`):\n{out}");
            };
            assert_eq!(
                file, &name,
                "{name}: the error points into {file}, not the fixture:\n{out}"
            );
            lines.push(*line);
            let words = reader_text(diag);
            for word in INTERNALS {
                assert!(
                    !words.contains(word),
                    "{name}: the error leaks the grammar name `{word}`:\n{out}"
                );
            }
            assert!(
                !diag.message.trim().is_empty(),
                "{name}: an error without a message"
            );
        }
        assert_eq!(
            lines,
            expected_lines(&name, &text),
            "{name}: errors reported at other lines than announced:\n{}",
            rendered.concat()
        );

        let snapshot = format!(
            "{} problem{}\n\n{}",
            errors.len(),
            if errors.len() == 1 { "" } else { "s" },
            rendered.join("\n")
        );
        insta::assert_snapshot!(snapshot);
    });
}

/// A mistake in a rule folder is reported once, in the fixture, even though the good files are
/// compiled first: the good files must not pick up errors caused by the broken one.
#[test]
fn errors_name_only_the_broken_file() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken/unknown_field.rules"),
    )
    .unwrap();
    let errors = compile_errors("unknown_field.rules", &text);
    assert_eq!(errors.len(), 1, "{errors:?}");
    let out = render(&errors[0]);
    assert!(out.contains("unknown_field.rules:9:"), "{out}");
    assert!(out.contains("did you mean `number`?"), "{out}");
    for good in GOOD_FILES {
        assert!(!out.contains(good), "{out}");
    }
}

fn app_with_condition(condition: &str) -> String {
    format!(
        r#"app demo {{
  title "Demo Pay"
  sources [guide]
  requirement name_length {{
    require {condition}
    at name
    severity error
    message "The name needs at least 2 characters."
    sources [guide]
  }}
  outcome verified_all {{
    when verified
    unlocks [payments]
    message "Verified."
    sources [guide]
  }}
}}
"#
    )
}

/// Deep nesting is refused before the parser recurses, whatever the brackets and however deep.
#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    for depth in [300, 10_000] {
        for (open, close) in [("(", ")"), ("[", "]")] {
            let condition = format!(
                "{}len(name) >= 2{}",
                open.repeat(depth),
                close.repeat(depth)
            );
            let errors = compile_errors("deep.rules", &app_with_condition(&condition));
            assert_eq!(errors.len(), 1, "depth {depth} {open}: {errors:?}");
            let out = render(&errors[0]);
            assert!(out.contains("deep.rules:5:"), "{out}");
            assert!(out.contains("nest more than"), "{out}");
        }
    }
}

/// Nesting up to the limit still compiles and checks (no stack overflow below the limit either).
#[test]
fn nesting_up_to_the_limit_compiles_and_checks() {
    // The app and requirement braces and the call's parentheses count towards the limit.
    let depth = realname::internal::syntax::MAX_NESTING - 3;
    let condition = format!("{}len(name) >= 2{}", "(".repeat(depth), ")".repeat(depth));
    let mut files = good_files();
    files.push(SourceFile::new(
        "deep.rules",
        app_with_condition(&condition),
    ));
    let rules = match Rules::from_files(files) {
        Ok(rules) => rules,
        Err(errors) => panic!(
            "nesting {depth} deep should compile:\n{}",
            errors.0.iter().map(render).collect::<String>()
        ),
    };
    let profile = realname::load_profile("p.yaml", "name: JOHN SMITH\n").unwrap();
    let today = "2026-11-21".parse().unwrap();
    let reports = rules.check(&profile, &["demo"], today).unwrap();
    assert_eq!(reports.len(), 1);
    assert!(reports[0]
        .findings
        .iter()
        .all(|f| f.code != "demo/name_length"));
}

#[test]
fn a_huge_rule_file_is_an_error_not_a_hang() {
    // 5 MiB of comments: over the 4 MiB limit, refused before pest sees it.
    let text = "// padding line for a huge rule file\n".repeat(5 * 1024 * 1024 / 37 + 1);
    let file = realname::SourceFile::new("huge.rules", text);
    let (_, errors) = realname::internal::syntax::parse_file(&file);
    assert_eq!(errors.len(), 1, "{errors:?}");
    let rendered = realname::render::diagnostic(&errors[0], realname::Style::plain(100));
    assert!(rendered.contains("huge.rules"), "{rendered}");
    assert!(
        rendered.contains("more than the 4194304 bytes"),
        "{rendered}"
    );
}
