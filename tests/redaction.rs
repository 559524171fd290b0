//! `--redact` for profiles that do not load (the error's snippet quotes the raw text) and for
//! fields the rules do not know.
//!
//! A load error is printed to stderr as a human diagnostic whatever `--format` is (the JSON
//! report has no object for a profile that could not be read), so the human rendering is what
//! must hold no full document or card number.

use realname::internal::report::redact::{mask_unloaded_text, redact, redact_load_error};
use realname::Rules;
use realname::{load_profile, ProfileSyntaxError};
use realname::{render, Style};

const CARD: &str = "6225880000000001";
const PASSPORT: &str = "A12345678";
const MRZ_NUMBER: &str = "L898902C3";

fn rules() -> Rules {
    Rules::embedded().unwrap()
}

fn load_error(text: &str) -> ProfileSyntaxError {
    match load_profile("profile.yaml", text) {
        Ok(_) => panic!("should not load:\n{text}"),
        Err(err) => err,
    }
}

fn render(diag: &dyn miette::Diagnostic) -> String {
    render::diagnostic(diag, Style::plain(100))
}

/// The `file:LINE:COL` of the snippet header.
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

/// Redacts the load error of `text` and checks what must hold for every broken profile: the
/// plain rendering shows each of `secrets` (so the case is real), the redacted one shows none
/// of them, points at the same line and column with the same label, and still shows `shown`.
/// Returns the redacted rendering.
fn check_redacted(text: &str, secrets: &[&str], shown: &[&str], line: usize) -> String {
    let rules = rules();
    let err = load_error(text);
    let plain = render(&err);
    for secret in secrets {
        assert!(
            plain.contains(secret),
            "the unredacted error shows {secret}, or this case tests nothing:\n{plain}"
        );
    }
    let redacted = redact_load_error(&err, &rules.set().schema);
    let out = render(&redacted);
    let everything = format!(
        "{out}\n{redacted}\n{}\n{}\n{:?}",
        redacted.label(),
        redacted.help_text(),
        redacted.kind()
    );
    for secret in secrets {
        assert!(
            !everything.contains(secret),
            "{secret} shown under --redact:\n{everything}"
        );
    }
    for text in shown {
        assert!(
            out.contains(text),
            "{text:?} is not sensitive and is shown:\n{out}"
        );
    }
    assert_eq!(
        err.line(),
        line,
        "the loader reports line {}:\n{plain}",
        err.line()
    );
    assert_eq!(
        location(&out),
        location(&plain),
        "the redacted error points where the error is:\n{out}"
    );
    assert_eq!(location(&out).1, line);
    assert_eq!(redacted.span(), err.span());
    assert_eq!(
        (redacted.line(), redacted.column()),
        (err.line(), err.column())
    );
    assert!(out.contains(redacted.label()), "{out}");
    if !secrets.iter().any(|secret| err.label().contains(secret)) {
        assert_eq!(
            redacted.label(),
            err.label(),
            "a label without numbers is kept"
        );
        assert_eq!(redacted.to_string(), err.to_string(), "so is the message");
    }
    assert_eq!(redacted.source_text().len(), text.len());
    out
}

#[test]
fn a_syntax_error_next_to_a_card_number() {
    let text = format!(
        "name: JOHN SMITH\nbank_cards:\n  - bank: CMB\n    number: \"{CARD}\"\n    holder: JOHN: SMITH\n"
    );
    let out = check_redacted(&text, &[CARD], &["holder: JOHN: SMITH"], 5);
    assert!(
        out.contains("\"************0001\""),
        "the last four digits and the quotes stay:\n{out}"
    );
}

#[test]
fn a_duplicate_key_next_to_a_passport_number() {
    let text = format!(
        "name: JOHN SMITH\ndocument:\n  type: passport\n  number: {PASSPORT}\n  type: passport\n"
    );
    let out = check_redacted(&text, &[PASSPORT], &["type: passport"], 5);
    assert!(out.contains("`type`"), "the duplicate key is named:\n{out}");

    // The duplicate is the sensitive field itself.
    let text =
        format!("name: JOHN SMITH\ndocument:\n  number: \"{PASSPORT}\"\n  number: '{PASSPORT}'\n");
    check_redacted(&text, &[PASSPORT], &["`number`"], 4);

    // A number written as a key, twice: the message quotes the key.
    let text = format!("name: JOHN SMITH\n{CARD}: x\n{CARD}: y\n");
    let out = check_redacted(&text, &[CARD], &["`************0001` twice"], 3);
    assert!(out.contains("************0001: y"), "{out}");
}

#[test]
fn a_broken_json_profile() {
    let text = format!(
        "{{\n  \"name\": \"JOHN SMITH\",\n  \"document\": {{\"type\": \"passport\", \"number\": \"{PASSPORT}\" \"expiry_date\": \"2030-06-30\"}},\n  \"bank_cards\": [{{\"bank\": \"CMB\", \"number\": \"{CARD}\"}}]\n}}\n"
    );
    check_redacted(
        &text,
        &[PASSPORT, CARD],
        &["\"expiry_date\": \"2030-06-30\""],
        3,
    );
}

#[test]
fn a_broken_flow_mapping() {
    // The mapping is closed by `]`: the card number is the value of `number` all the same.
    let text = format!(
        "name: JOHN SMITH\nbank_cards: [{{bank: CMB, number: {CARD}, holder: JOHN SMITH]\n"
    );
    check_redacted(&text, &[CARD], &["holder: JOHN SMITH"], 2);

    // A number no key can be found for, in the remains of a flow mapping, is masked too.
    let text = format!("name: JOHN SMITH\nbank_cards: [{{bank: CMB, {CARD} JOHN SMITH]\n");
    check_redacted(&text, &[CARD], &["bank: CMB"], 2);
}

#[test]
fn a_broken_block_scalar_mrz() {
    let text = format!(
        "name: ANNA ERIKSSON\ndocument:\n  type: passport\n  mrz: |\n    P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n    {MRZ_NUMBER}6UTO7408122F1204159ZE184226B<<<<<10\n   \tbroken: line\n"
    );
    let out = check_redacted(&text, &[MRZ_NUMBER], &["broken: line"], 7);
    // Only the last four characters of the whole zone are left.
    let stars = "*".repeat(40);
    assert!(out.contains(&format!(" 6 │     {stars}<<10\n")), "{out}");
    let masked = mask_unloaded_text(&text, &rules().set().schema);
    assert!(
        masked.contains(&format!("  mrz: |\n    {}\n", "*".repeat(44))),
        "the first line of the zone is masked too:\n{masked}"
    );
}

#[test]
fn a_number_on_a_line_of_its_own_and_unknown_keys() {
    let text = format!("name: JOHN SMITH\n{CARD}\nphone: \"+27821234567\"\n");
    check_redacted(&text, &[CARD], &["name: JOHN SMITH"], 2);

    // An unknown key whose name looks like a number's is masked whole; in another unknown
    // key and in a comment the number-like words are.
    let text = format!(
        "name: JOHN SMITH\nnotes: paid with {CARD} # passport {PASSPORT}\nholder: JOHN: SMITH\n"
    );
    let out = check_redacted(
        &text,
        &[CARD, PASSPORT],
        &["notes: paid with ************0001 # passport *****5678"],
        3,
    );
    assert!(out.contains("holder: JOHN: SMITH"), "{out}");
    let text = "name: JOHN SMITH\ncard_no: A1B2C\nholder: JOHN: SMITH\n";
    let out = check_redacted(text, &["A1B2C"], &["card_no: *1B2C"], 3);
    assert!(out.contains("holder: JOHN: SMITH"), "{out}");
}

#[test]
fn masking_keeps_every_byte_offset() {
    let rules = rules();
    let schema = &rules.set().schema;
    let text = format!(
        "name: 张三\ndocument: {{number: \"{PASSPORT}\", type: passport}}\nmrz: >-\n  {MRZ_NUMBER}\n\n  XYZ\nnext: 招商银行 {CARD}\n"
    );
    let masked = mask_unloaded_text(&text, schema);
    assert_eq!(masked.len(), text.len());
    for (a, b) in text.lines().zip(masked.lines()) {
        assert_eq!(a.len(), b.len(), "{a:?} -> {b:?}");
    }
    assert!(masked.contains("name: 张三\n"), "{masked}");
    assert!(
        masked.contains("number: \"*****5678\", type: passport"),
        "{masked}"
    );
    // The lines of a block scalar are one value: its last four characters are left.
    assert!(
        masked.contains("mrz: >-\n  ********3\n\n  XYZ\n"),
        "{masked}"
    );
    assert!(
        masked.contains("next: 招商银行 ************0001"),
        "{masked}"
    );
}

// ---------------------------------------------------------------------------------------------
// Fields the rules do not know, in a profile that loads

#[test]
fn unknown_fields_that_look_like_numbers_are_masked_in_every_format() {
    let rules = rules();
    let text = format!(
        "name: JOHN SMITH\nbirth_date: 1990-05-01\nphone: \"+27821234567\"\ncard_no: \"{CARD}\"\nnotes: paid with {PASSPORT} today\ndocument:\n  type: passport\n  number: \"7654321\"\n  expiry_date: 2030-06-30\n  passport_copy: [{PASSPORT}]\n{CARD}: x\n"
    );
    let doc = load_profile("p.yaml", &text).unwrap();
    let reports = rules
        .check(&doc, &["alipay"], "2026-11-21".parse().unwrap())
        .unwrap();
    let plain = realname::render::human(&rules, &doc, &reports, Style::plain(100));
    assert!(plain.contains(CARD) && plain.contains(PASSPORT), "{plain}");

    let (doc, reports) = redact(&doc, &reports);
    assert_eq!(doc.text.len(), text.len());
    let human = realname::render::human(&rules, &doc, &reports, Style::plain(100));
    let json = realname::render::json(&rules, &doc, &reports);
    let short = realname::render::short(&doc.name, &reports);
    for (format, out) in [("human", &human), ("json", &json), ("short", &short)] {
        for secret in [CARD, PASSPORT, "7654321"] {
            assert!(!out.contains(secret), "{format}: {secret} shown:\n{out}");
        }
    }
    assert!(human.contains("card_no: \"************0001\""), "{human}");
    assert!(
        human.contains("notes: paid with *****5678 today"),
        "{human}"
    );
    assert!(
        human.contains("`card_no` is not a field the rules know"),
        "{human}"
    );
    assert!(
        human.contains("************0001: x"),
        "a number written as a key:\n{human}"
    );
    assert!(json.contains("\"field\":\"************0001\""), "{json}");
    assert!(
        human.contains("JOHN SMITH"),
        "names are not sensitive:\n{human}"
    );
}
