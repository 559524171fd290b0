//! Loading profiles into the position-aware tree, and editing their text.

use realname::internal::profile::{
    apply_edits, load_profile, EditError, MapEntry, Node, NodeValue, ProfileDocument,
    ProfileErrorKind, ProfileSyntaxError, ScalarStyle, TextEdit,
};

const PROFILE: &str = r#"name: JOHN SMITH             # full name exactly as on the passport
birth_date: 1990-05-01
nationality: ZAF             # optional
phone: "+27821234567"
document:
  type: passport
  number: "A12345678"
  expiry_date: 2030-06-30
  info_page_photo: true
  entry_stamp_photo: true
bank_cards:
  - bank: CMB
    kind: debit
    network: unionpay
    issued_in: CN
    holder: JOHN SMITH
    account: current
    number: "6225880000000001"
  - bank: 招商银行
    kind: credit
    network: visa
    issued_in: CN
    holder: JOHN SMITH
"#;

const PROFILE_JSON: &str = r#"{
  "name": "JOHN SMITH",
  "birth_date": "1990-05-01",
  "phone": "+27821234567",
  "document": {"type": "passport", "number": "A12345678", "info_page_photo": true},
  "bank_cards": [
    {"bank": "CMB", "number": "6225880000000001"},
    {"bank": "招商银行", "kind": "credit", "limit": 5000}
  ]
}
"#;

fn load(text: &str) -> ProfileDocument {
    match load_profile("profile.yaml", text) {
        Ok(doc) => doc,
        Err(err) => panic!(
            "{text:?} should load, got: {err} at {}:{}",
            err.line(),
            err.column()
        ),
    }
}

fn load_err(text: &str) -> ProfileSyntaxError {
    match load_profile("profile.yaml", text) {
        Ok(doc) => panic!("{text:?} should not load, got {:?}", doc.root),
        Err(err) => err,
    }
}

/// Follows a path like `["bank_cards", "1", "bank"]` (numbers index lists).
fn at<'a>(doc: &'a ProfileDocument, path: &[&str]) -> &'a Node {
    let mut node = &doc.root;
    for step in path {
        node = match step.parse::<usize>() {
            Ok(i) => node.index(i),
            Err(_) => node.get(step),
        }
        .unwrap_or_else(|| panic!("no {step} in path {path:?}"));
    }
    node
}

fn source<'a>(doc: &'a ProfileDocument, path: &[&str]) -> &'a str {
    &doc.text[at(doc, path).span.clone()]
}

fn scalar(node: &Node) -> (&str, ScalarStyle) {
    match &node.value {
        NodeValue::Scalar { text, style } => (text, *style),
        other => panic!("expected a scalar, got {other:?}"),
    }
}

fn render(err: &ProfileSyntaxError) -> String {
    let mut out = String::new();
    miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
        .render_report(&mut out, err)
        .expect("rendering a report into a String cannot fail");
    out
}

#[test]
fn sample_profile_spans_slice_to_the_source_tokens() {
    let doc = load(PROFILE);
    assert_eq!(source(&doc, &["name"]), "JOHN SMITH");
    assert_eq!(
        scalar(at(&doc, &["name"])),
        ("JOHN SMITH", ScalarStyle::Plain)
    );
    assert_eq!(source(&doc, &["birth_date"]), "1990-05-01");
    assert_eq!(scalar(at(&doc, &["birth_date"])).0, "1990-05-01");
    assert_eq!(source(&doc, &["phone"]), "\"+27821234567\"");
    assert_eq!(
        scalar(at(&doc, &["phone"])),
        ("+27821234567", ScalarStyle::DoubleQuoted)
    );
    assert_eq!(source(&doc, &["document", "number"]), "\"A12345678\"");
    assert_eq!(
        scalar(at(&doc, &["document", "number"])),
        ("A12345678", ScalarStyle::DoubleQuoted)
    );
    assert_eq!(scalar(at(&doc, &["document", "info_page_photo"])).0, "true");
    assert_eq!(source(&doc, &["bank_cards", "0", "bank"]), "CMB");
    assert_eq!(source(&doc, &["bank_cards", "1", "bank"]), "招商银行");
    assert_eq!(scalar(at(&doc, &["bank_cards", "1", "bank"])).0, "招商银行");
    // Spans after the Chinese text are still byte-correct.
    assert_eq!(source(&doc, &["bank_cards", "1", "kind"]), "credit");
    assert_eq!(source(&doc, &["bank_cards", "1", "holder"]), "JOHN SMITH");

    // The Chinese value sits on line 19, column 11 (characters, 1-based).
    let bank = at(&doc, &["bank_cards", "1", "bank"]);
    assert_eq!(doc.line_column(bank.span.start), (19, 11));
    assert_eq!(doc.line_column(bank.span.end), (19, 15));

    // Keys keep their spans and document order.
    let entries = doc.root.as_map().unwrap();
    let keys: Vec<&str> = entries.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "name",
            "birth_date",
            "nationality",
            "phone",
            "document",
            "bank_cards"
        ]
    );
    let MapEntry { key_span, .. } = doc.root.entry("nationality").unwrap();
    assert_eq!(&doc.text[key_span.clone()], "nationality");

    // Collections start at their first token.
    let document = at(&doc, &["document"]);
    assert!(doc.text[document.span.clone()].starts_with("type: passport"));
    assert!(doc.text[document.span.clone()].ends_with("entry_stamp_photo: true"));
    let cards = at(&doc, &["bank_cards"]);
    assert!(doc.text[cards.span.clone()].starts_with("- bank: CMB"));
    assert_eq!(cards.as_seq().unwrap().len(), 2);
    assert!(doc.root.span.start == 0 && doc.root.get("missing").is_none());
}

#[test]
fn plain_scalars_keep_the_text_as_written() {
    let doc = load(
        "number: 01234567\nphone: +27821234567\nbirth_date: 1990-05-01\nok: yes\n\
         big: 123456789012345678901234567890\nfloat: 1.50\noct: 0o17\nnan: .nan\n\
         folded: two\n  lines\n",
    );
    for (key, expected) in [
        ("number", "01234567"),
        ("phone", "+27821234567"),
        ("birth_date", "1990-05-01"),
        ("ok", "yes"),
        ("big", "123456789012345678901234567890"),
        ("float", "1.50"),
        ("oct", "0o17"),
        ("nan", ".nan"),
        ("folded", "two lines"),
    ] {
        assert_eq!(
            scalar(at(&doc, &[key])),
            (expected, ScalarStyle::Plain),
            "{key}"
        );
    }
    assert_eq!(source(&doc, &["number"]), "01234567");
    assert_eq!(source(&doc, &["folded"]), "two\n  lines");
}

#[test]
fn quoted_and_block_scalars_are_decoded_and_spanned_with_their_quotes() {
    let doc = load(
        "a: 'it''s'\nb: \"tab\\there \\u00e9\"\nc: |\n  line one\n  line two\n\nd: >-\n  folded\n  text\ne: !!str 123\n",
    );
    assert_eq!(
        scalar(at(&doc, &["a"])),
        ("it's", ScalarStyle::SingleQuoted)
    );
    assert_eq!(source(&doc, &["a"]), "'it''s'");
    assert_eq!(
        scalar(at(&doc, &["b"])),
        ("tab\there é", ScalarStyle::DoubleQuoted)
    );
    assert_eq!(
        scalar(at(&doc, &["c"])),
        ("line one\nline two\n", ScalarStyle::Block)
    );
    assert_eq!(source(&doc, &["c"]), "|\n  line one\n  line two");
    assert_eq!(
        scalar(at(&doc, &["d"])),
        ("folded text", ScalarStyle::Block)
    );
    assert_eq!(source(&doc, &["d"]), ">-\n  folded\n  text");
    // A tag is kept out of the span; `!!str` makes the text a string, not a number.
    assert_eq!(scalar(at(&doc, &["e"])), ("123", ScalarStyle::Plain));
    assert_eq!(source(&doc, &["e"]), "123");
}

#[test]
fn null_values_point_after_the_key() {
    let doc =
        load("nationality:   # optional\nphone: ~\nemail: null\nnote: \"\"\nlist:\n  -\n  - x\n");
    let nationality = at(&doc, &["nationality"]);
    assert!(nationality.is_null());
    assert_eq!(nationality.span, 12..12, "just after `nationality:`");
    assert!(at(&doc, &["phone"]).is_null());
    assert_eq!(source(&doc, &["phone"]), "~");
    assert!(at(&doc, &["email"]).is_null());
    assert_eq!(source(&doc, &["email"]), "null");
    // A quoted empty string is a value, not null.
    assert_eq!(scalar(at(&doc, &["note"])), ("", ScalarStyle::DoubleQuoted));
    assert!(at(&doc, &["list", "0"]).is_null());
    assert_eq!(scalar(at(&doc, &["list", "1"])).0, "x");
}

#[test]
fn json_profile_loads_with_spans() {
    let doc = load(PROFILE_JSON);
    assert_eq!(source(&doc, &["name"]), "\"JOHN SMITH\"");
    assert_eq!(
        scalar(at(&doc, &["name"])),
        ("JOHN SMITH", ScalarStyle::DoubleQuoted)
    );
    assert_eq!(source(&doc, &["document", "number"]), "\"A12345678\"");
    assert_eq!(
        scalar(at(&doc, &["document", "info_page_photo"])),
        ("true", ScalarStyle::Plain)
    );
    assert_eq!(source(&doc, &["document", "info_page_photo"]), "true");
    assert_eq!(source(&doc, &["bank_cards", "1", "bank"]), "\"招商银行\"");
    assert_eq!(scalar(at(&doc, &["bank_cards", "1", "bank"])).0, "招商银行");
    assert_eq!(source(&doc, &["bank_cards", "1", "kind"]), "\"credit\"");
    assert_eq!(source(&doc, &["bank_cards", "1", "limit"]), "5000");
    let key_span = &doc.root.entry("name").unwrap().key_span;
    assert_eq!(&doc.text[key_span.clone()], "\"name\"");
    let document = at(&doc, &["document"]);
    assert!(doc.text[document.span.clone()].starts_with('{'));
    assert!(doc.text[document.span.clone()].ends_with('}'));
    assert_eq!(&doc.text[doc.root.span.clone()], PROFILE_JSON.trim_end());

    // Compact JSON (no space after `:`), escapes, non-ASCII keys and surrogate pairs.
    let compact = r#"{"a":1,"名字":"王小明","e":"\u00e9\/\ud83d\ude00","n":null,"l":[true,false]}"#;
    let doc = load(compact);
    assert_eq!(source(&doc, &["a"]), "1");
    assert_eq!(source(&doc, &["名字"]), "\"王小明\"");
    assert_eq!(scalar(at(&doc, &["e"])).0, "é/😀");
    assert!(at(&doc, &["n"]).is_null());
    assert_eq!(source(&doc, &["l", "1"]), "false");
}

#[test]
fn not_yaml_reports_line_and_column() {
    let err = load_err("name: [unclosed\n");
    assert_eq!(err.kind(), &ProfileErrorKind::InvalidSyntax);
    assert_eq!((err.line(), err.column()), (1, 7));
    assert!(
        err.to_string()
            .starts_with("this profile is not valid YAML or JSON: "),
        "{err}"
    );
    let report = render(&err);
    assert!(report.contains("profile.yaml:1:7"), "{report}");
    assert!(report.contains("name: [unclosed"), "{report}");

    let err = load_err("name: JOHN\nphone: \"+2782\n");
    assert_eq!(err.kind(), &ProfileErrorKind::InvalidSyntax);
    assert_eq!(err.line(), 2);

    // Columns count characters, not bytes.
    let err = load_err("bank: 招商银行\nkind: [x\n");
    assert_eq!((err.line(), err.column()), (2, 7));

    let err = load_err("document:\n\tnumber: A1\n");
    assert_eq!(err.line(), 2);
    assert!(err.help_text().contains("tab"), "{}", err.help_text());
}

#[test]
fn top_level_must_be_one_mapping() {
    let err = load_err("- name: JOHN\n- name: JANE\n");
    assert_eq!(err.kind(), &ProfileErrorKind::NotAMapping { found: "list" });
    assert_eq!((err.line(), err.column()), (1, 1));
    assert!(render(&err).contains("list"));

    let err = load_err("[1, 2]");
    assert_eq!(err.kind(), &ProfileErrorKind::NotAMapping { found: "list" });
    let err = load_err("just some text\n");
    assert_eq!(err.kind(), &ProfileErrorKind::NotAMapping { found: "text" });

    for empty in ["", "   \n", "# only a comment\n", "---\n", "~\n"] {
        assert_eq!(
            load_err(empty).kind(),
            &ProfileErrorKind::Empty,
            "{empty:?}"
        );
    }

    let err = load_err("name: A\n---\nname: B\n");
    assert_eq!(err.kind(), &ProfileErrorKind::MultipleDocuments);
    assert_eq!(err.line(), 2);
    assert!(err.help_text().contains("one profile per file"));
    // One explicit document is fine.
    load("---\nname: A\n...\n");
}

#[test]
fn duplicate_and_complex_keys_are_rejected() {
    let err = load_err("name: A\nphone: x\nname: B\n");
    assert_eq!(
        err.kind(),
        &ProfileErrorKind::DuplicateKey { key: "name".into() }
    );
    assert_eq!((err.line(), err.column()), (3, 1));
    assert!(err.to_string().contains("`name`"));

    let err = load_err(r#"{"a": 1, "a": 2}"#);
    assert_eq!(
        err.kind(),
        &ProfileErrorKind::DuplicateKey { key: "a".into() }
    );

    let err = load_err("? [a, b]\n: 1\n");
    assert_eq!(err.kind(), &ProfileErrorKind::ComplexKey);
}

#[test]
fn aliases_and_merge_keys_are_resolved() {
    let doc = load(
        "holder: &who JOHN SMITH\ncard: &card {bank: CMB, kind: debit}\n\
         cards:\n  - <<: *card\n    kind: credit\n  - *card\nowner: *who\n",
    );
    assert_eq!(scalar(at(&doc, &["owner"])).0, "JOHN SMITH");
    // The alias node points at the alias token, so a fix replaces this use only.
    assert_eq!(source(&doc, &["owner"]), "*who");
    assert_eq!(scalar(at(&doc, &["cards", "0", "kind"])).0, "credit");
    assert_eq!(scalar(at(&doc, &["cards", "0", "bank"])).0, "CMB");
    assert!(at(&doc, &["cards", "0"]).get("<<").is_none());
    assert_eq!(scalar(at(&doc, &["cards", "1", "kind"])).0, "debit");
    assert_eq!(source(&doc, &["cards", "1"]), "*card");

    let err = load_err("a: &x [1, *x]\n");
    assert_eq!(err.kind(), &ProfileErrorKind::RecursiveAlias);
    let err = load_err("a: *nowhere\n");
    assert_eq!(err.kind(), &ProfileErrorKind::InvalidSyntax);
    let err = load_err("base: &b [1]\nx:\n  <<: *b\n");
    assert_eq!(err.kind(), &ProfileErrorKind::InvalidMerge);
}

#[test]
fn alias_bomb_is_an_error() {
    let bomb = r#"a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"#;
    let err = load_err(bomb);
    assert_eq!(err.kind(), &ProfileErrorKind::TooLarge);
    assert!(err.line() <= 9);

    // Nesting through aliases is bounded too.
    let mut chain =
        String::from("a0: &a0 [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n");
    for i in 1..10 {
        chain.push_str(&format!(
            "a{i}: &a{i} [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[*a{}]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n",
            i - 1
        ));
    }
    assert_eq!(load_err(&chain).kind(), &ProfileErrorKind::TooDeep);
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    for text in [
        "[".repeat(100_000),
        format!("a: {}", "[".repeat(100_000)),
        "{a: ".repeat(100_000),
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
        (0..2_000)
            .map(|i| format!("{}k:\n", " ".repeat(i)))
            .collect(),
        "- ".repeat(100_000),
    ] {
        let err = load_err(&text);
        assert!(
            matches!(
                err.kind(),
                ProfileErrorKind::TooDeep | ProfileErrorKind::InvalidSyntax
            ),
            "{:?}",
            err.kind()
        );
    }
    // Moderate nesting is fine.
    load(&format!("a: {}1{}", "[".repeat(40), "]".repeat(40)));
}

#[test]
fn odd_inputs_never_panic() {
    let odd = [
        "\u{feff}name: A\n",
        "\t",
        ":",
        "::",
        "- :",
        "&a",
        "*a",
        "!",
        "%YAML 1.2\n---\na: 1\n",
        "a: !!int x\n",
        "a: !!binary x\n",
        "\"",
        "'",
        "a: |\n",
        "a: |9\n x\n",
        "a: >\n\n\n",
        "{",
        "}",
        "a:\n  - b\n  c: d\n",
        "\0",
        "a: \u{2028}\n",
        "? \n",
        "{a}",
        "[a, ]",
        "a: 'x\n",
        "a: \"\\ud800\"\n",
        "a: b: c\n",
    ];
    for text in odd {
        if let Ok(doc) = load_profile("odd.yaml", text) {
            check_spans(&doc.text, &doc.root);
        }
    }

    // Deterministic mutations of the sample profile.
    let pieces = [
        "[", "]", "{", "}", ":", ": ", "-", "- ", "\"", "'", "#", "&a", "*a", "!", "|", ">", "\n",
        "\t", " ", "招", "~", ",", "<<: ", "---\n", "\\",
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let boundaries: Vec<usize> = PROFILE
        .char_indices()
        .map(|(i, _)| i)
        .chain([PROFILE.len()])
        .collect();
    for _ in 0..3000 {
        let mut text = PROFILE.to_owned();
        for _ in 0..1 + next(3) {
            let valid: Vec<usize> = boundaries
                .iter()
                .copied()
                .filter(|&i| i <= text.len() && text.is_char_boundary(i))
                .collect();
            let at = valid[next(valid.len())];
            match next(3) {
                0 => text.insert_str(at, pieces[next(pieces.len())]),
                1 => {
                    if let Some(c) = text[at..].chars().next() {
                        text.replace_range(at..at + c.len_utf8(), "");
                    }
                }
                _ => text.insert_str(at, pieces[next(pieces.len())]),
            }
        }
        match load_profile("fuzz.yaml", &text) {
            Ok(doc) => check_spans(&doc.text, &doc.root),
            Err(err) => {
                assert!(err.line() >= 1 && err.column() >= 1);
                assert!(text.get(err.span()).is_some());
                let _ = render(&err);
            }
        }
    }
}

fn check_spans(text: &str, node: &Node) {
    assert!(
        text.get(node.span.clone()).is_some(),
        "bad span {:?}",
        node.span
    );
    match &node.value {
        NodeValue::Seq(items) => items.iter().for_each(|item| check_spans(text, item)),
        NodeValue::Map(entries) => {
            for entry in entries {
                assert!(text.get(entry.key_span.clone()).is_some());
                check_spans(text, &entry.value);
            }
        }
        _ => {}
    }
}

#[test]
fn edit_keeps_everything_else_byte_for_byte() {
    let doc = load(PROFILE);
    let number = at(&doc, &["document", "number"]);
    let out = apply_edits(&doc.text, &[TextEdit::replace(number, "01234567")]).unwrap();
    assert_eq!(
        out,
        PROFILE.replace("number: \"A12345678\"", "number: \"01234567\"")
    );

    // Plain stays plain when safe; becomes double-quoted when it would read as a number/bool.
    let holder = at(&doc, &["bank_cards", "1", "holder"]);
    let name = at(&doc, &["name"]);
    let birth = at(&doc, &["birth_date"]);
    let nationality = at(&doc, &["nationality"]);
    let out = apply_edits(
        &doc.text,
        &[
            TextEdit::replace(nationality, "no"),
            TextEdit::replace(name, "JOHN PAUL SMITH"),
            TextEdit::replace(holder, "约翰 史密斯"),
            TextEdit::replace(birth, "1990-05-02"),
        ],
    )
    .unwrap();
    let expected = PROFILE
        .replace(
            "name: JOHN SMITH             # full",
            "name: JOHN PAUL SMITH             # full",
        )
        .replace("birth_date: 1990-05-01", "birth_date: \"1990-05-02\"")
        .replace("nationality: ZAF ", "nationality: \"no\" ")
        .replace("    holder: JOHN SMITH\n", "    holder: 约翰 史密斯\n");
    // Only the second card's holder changes (the first one appears earlier).
    let expected = expected.replacen("    holder: 约翰 史密斯\n", "    holder: JOHN SMITH\n", 1);
    assert_eq!(out, expected);
    let reloaded = load(&out);
    assert_eq!(scalar(at(&reloaded, &["nationality"])).0, "no");
    assert_eq!(
        scalar(at(&reloaded, &["bank_cards", "1", "holder"])).0,
        "约翰 史密斯"
    );
    assert_eq!(
        scalar(at(&reloaded, &["bank_cards", "0", "holder"])).0,
        "JOHN SMITH"
    );

    // Plain passport number with a leading zero gets quoted.
    let text = "document:\n  number: A1   # from the info page\n";
    let doc = load(text);
    let out = apply_edits(
        text,
        &[TextEdit::replace(
            at(&doc, &["document", "number"]),
            "01234567",
        )],
    )
    .unwrap();
    assert_eq!(
        out,
        "document:\n  number: \"01234567\"   # from the info page\n"
    );

    // Single quotes stay single, with '' escaping; double quotes escape properly.
    let text = "a: 'x'\nb: \"y\"\n";
    let doc = load(text);
    let out = apply_edits(
        text,
        &[
            TextEdit::replace(at(&doc, &["a"]), "it's"),
            TextEdit::replace(at(&doc, &["b"]), "say \"hi\"\\"),
        ],
    )
    .unwrap();
    assert_eq!(out, "a: 'it''s'\nb: \"say \\\"hi\\\"\\\\\"\n");
    let reloaded = load(&out);
    assert_eq!(
        scalar(at(&reloaded, &["a"])),
        ("it's", ScalarStyle::SingleQuoted)
    );
    assert_eq!(scalar(at(&reloaded, &["b"])).0, "say \"hi\"\\");

    // A null value gets the value inserted after the colon.
    let text = "nationality:   # optional\nname: A\n";
    let doc = load(text);
    let out = apply_edits(
        text,
        &[TextEdit::replace(at(&doc, &["nationality"]), "ZAF")],
    )
    .unwrap();
    assert_eq!(out, "nationality: ZAF   # optional\nname: A\n");

    // A block scalar becomes a double-quoted scalar; the following lines are untouched.
    let text = "note: |\n  old\n  text\nname: A\n";
    let doc = load(text);
    let out = apply_edits(text, &[TextEdit::replace(at(&doc, &["note"]), "new\ntext")]).unwrap();
    assert_eq!(out, "note: \"new\\ntext\"\nname: A\n");
}

#[test]
fn every_value_edit_reads_back_exactly() {
    let tricky = [
        "01234567",
        "+27821234567",
        "it's",
        "a: b",
        "招商银行",
        "yes",
        "line\nbreak",
        "",
        "\"q\"",
        "#x",
        "- x",
        "x, y",
        " padded ",
        "tab\there",
        "null",
        "\u{1}\u{7f}\u{2028}",
    ];
    for text in [PROFILE, PROFILE_JSON] {
        let doc = load(text);
        let mut paths = Vec::new();
        collect_scalar_paths(&doc.root, &mut Vec::new(), &mut paths);
        assert!(paths.len() > 10);
        for path in &paths {
            let steps: Vec<&str> = path.iter().map(String::as_str).collect();
            let node = at(&doc, &steps);
            for value in tricky {
                let out = apply_edits(text, &[TextEdit::replace(node, value)]).unwrap();
                let reloaded = load_profile("edited", &out)
                    .unwrap_or_else(|err| panic!("{path:?} <- {value:?}: {err}\n{out}"));
                assert_eq!(
                    scalar(at(&reloaded, &steps)).0,
                    value,
                    "{path:?} <- {value:?}:\n{out}"
                );
                if text == PROFILE_JSON {
                    let json: serde_json::Value = serde_json::from_str(&out)
                        .unwrap_or_else(|err| panic!("not JSON after edit: {err}\n{out}"));
                    assert!(json.is_object());
                }
            }
        }
    }
}

fn collect_scalar_paths(node: &Node, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match &node.value {
        NodeValue::Scalar { .. } | NodeValue::Null => out.push(path.clone()),
        NodeValue::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(i.to_string());
                collect_scalar_paths(item, path, out);
                path.pop();
            }
        }
        NodeValue::Map(entries) => {
            for entry in entries {
                path.push(entry.key.clone());
                collect_scalar_paths(&entry.value, path, out);
                path.pop();
            }
        }
    }
}

#[test]
fn json_edits_write_json_strings() {
    let doc = load(PROFILE_JSON);
    let out = apply_edits(
        PROFILE_JSON,
        &[
            TextEdit::replace(at(&doc, &["document", "number"]), "01234567"),
            TextEdit::replace(at(&doc, &["bank_cards", "1", "limit"]), "6000"),
            TextEdit::replace(at(&doc, &["bank_cards", "1", "bank"]), "中国银行"),
        ],
    )
    .unwrap();
    let expected = PROFILE_JSON
        .replace("\"number\": \"A12345678\"", "\"number\": \"01234567\"")
        .replace("\"limit\": 5000", "\"limit\": \"6000\"")
        .replace("\"bank\": \"招商银行\"", "\"bank\": \"中国银行\"");
    assert_eq!(out, expected);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["document"]["number"], "01234567");
}

#[test]
fn overlapping_or_invalid_edits_are_errors() {
    let doc = load(PROFILE);
    let document = at(&doc, &["document"]);
    let number = at(&doc, &["document", "number"]);
    let err = apply_edits(
        &doc.text,
        &[
            TextEdit::replace(number, "X1"),
            TextEdit::replace(document, "X2"),
        ],
    )
    .unwrap_err();
    assert!(matches!(err, EditError::Overlap { .. }), "{err:?}");
    let err = apply_edits(
        &doc.text,
        &[
            TextEdit::replace(number, "X1"),
            TextEdit::replace(number, "X2"),
        ],
    )
    .unwrap_err();
    assert!(matches!(err, EditError::Overlap { .. }));
    // The same edit twice is applied once.
    let out = apply_edits(
        &doc.text,
        &[
            TextEdit::replace(number, "X1"),
            TextEdit::replace(number, "X1"),
        ],
    )
    .unwrap();
    assert!(out.contains("number: \"X1\""));

    let len = doc.text.len();
    let err = apply_edits(
        &doc.text,
        &[TextEdit {
            span: len..len + 1,
            new_value: "x".into(),
        }],
    )
    .unwrap_err();
    assert!(matches!(err, EditError::OutOfBounds { .. }));
    let bank = at(&doc, &["bank_cards", "1", "bank"]);
    let err = apply_edits(
        &doc.text,
        &[TextEdit {
            span: bank.span.start + 1..bank.span.end,
            new_value: "x".into(),
        }],
    )
    .unwrap_err();
    assert!(matches!(err, EditError::NotCharBoundary { .. }));
    assert_eq!(apply_edits(&doc.text, &[]).unwrap(), PROFILE);
}

// ---------------------------------------------------------------------------------------------
// Fixes to values shared through anchors and aliases

/// Every scalar (or null) of the profile by its path, as the rules read it.
fn all_values(doc: &ProfileDocument) -> Vec<(Vec<String>, Option<String>)> {
    let mut paths = Vec::new();
    collect_scalar_paths(&doc.root, &mut Vec::new(), &mut paths);
    paths
        .into_iter()
        .map(|path| {
            let steps: Vec<&str> = path.iter().map(String::as_str).collect();
            let value = at(doc, &steps).as_str().map(str::to_owned);
            (path, value)
        })
        .collect()
}

/// Applies `edits` (path, new value) to `text` and checks that the result loads, that each
/// edited path reads its new value, and that every other value, aliases included, reads as
/// before. Returns the new text.
fn edit_only(text: &str, edits: &[(&[&str], &str)]) -> String {
    let doc = load(text);
    let text_edits: Vec<TextEdit> = edits
        .iter()
        .map(|(path, value)| TextEdit::replace(at(&doc, path), *value))
        .collect();
    let out = apply_edits(text, &text_edits).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let after = load_profile("edited", &out).unwrap_or_else(|e| panic!("{e}\n{out}"));
    let (before, after_values) = (all_values(&doc), all_values(&after));
    assert_eq!(
        before.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        after_values.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        "the same fields after the edit:\n{out}"
    );
    for ((path, old), (_, new)) in before.iter().zip(&after_values) {
        let edited = edits.iter().find(|(p, _)| p.iter().eq(path.iter()));
        match edited {
            Some((_, value)) => {
                assert_eq!(new.as_deref(), Some(*value), "{path:?} was fixed:\n{out}")
            }
            None => assert_eq!(new, old, "{path:?} must not change:\n{out}"),
        }
    }
    out
}

const ANCHORED: &str = r#"name: JOHN SMITH
document:
  type: passport
  number: &pn "1234567"   # as printed
bank_cards:
  - bank: CMB
    holder: JOHN SMITH
    number: *pn
copies: [*pn, x, *pn]
"#;

#[test]
fn a_fix_to_an_anchored_value_leaves_its_aliases_reading_the_old_value() {
    let out = edit_only(ANCHORED, &[(&["document", "number"], "01234567")]);
    // The new value is written at the fixed field; the anchor moves, with the old value, to the
    // first alias, and the later aliases keep referring to it by the same name.
    assert_eq!(
        out,
        ANCHORED
            .replace(
                "number: &pn \"1234567\"   # as printed",
                "number: \"01234567\"   # as printed"
            )
            .replace("number: *pn", "number: &pn \"1234567\"")
    );
}

#[test]
fn a_fix_to_an_alias_changes_that_use_only() {
    let out = edit_only(
        ANCHORED,
        &[(&["bank_cards", "0", "number"], "6225880000000001")],
    );
    assert_eq!(
        out,
        ANCHORED.replace("number: *pn", "number: \"6225880000000001\"")
    );
    let out = edit_only(ANCHORED, &[(&["copies", "2"], "z")]);
    assert_eq!(out, ANCHORED.replace("[*pn, x, *pn]", "[*pn, x, z]"));
}

#[test]
fn fixes_to_an_anchored_value_and_some_of_its_aliases_keep_the_rest() {
    // The first alias is fixed too, so the anchor moves to the next one, inside a flow list.
    let out = edit_only(
        ANCHORED,
        &[
            (&["document", "number"], "01234567"),
            (&["bank_cards", "0", "number"], "01234567"),
        ],
    );
    assert!(out.contains("copies: [&pn \"1234567\", x, *pn]"), "{out}");
    // Every use fixed: nothing reads the old value any more.
    edit_only(
        ANCHORED,
        &[
            (&["document", "number"], "01234567"),
            (&["bank_cards", "0", "number"], "01234567"),
            (&["copies", "0"], "a"),
            (&["copies", "2"], "b"),
        ],
    );
}

#[test]
fn an_anchored_value_keeps_its_tag_plain_text_and_block_value_when_it_moves() {
    let text = "phone: !!str &ph 27821234567\nbackup: *ph\n";
    let out = edit_only(text, &[(&["phone"], "+27821234567")]);
    assert_eq!(
        out,
        "phone: !!str \"+27821234567\"\nbackup: !!str &ph 27821234567\n"
    );

    // A block scalar cannot be copied into an alias's place as it is: its value is.
    let text = "document:\n  mrz: &m |\n    P<UTOERIKSSON<<ANNA\n    L898902C36UTO\n  number: x\nsaved: [*m]\n";
    let out = edit_only(text, &[(&["document", "mrz"], "P<UTO\nL8989")]);
    assert!(
        out.contains("saved: [&m \"P<UTOERIKSSON<<ANNA\\nL898902C36UTO\\n\"]"),
        "{out}"
    );

    // A plain value that would not read the same inside `[...]` is quoted there.
    let text = "holder: &h SMITH, JOHN\nnames: [*h]\n";
    let out = edit_only(text, &[(&["holder"], "JOHN SMITH")]);
    assert!(out.contains("names: [&h \"SMITH, JOHN\"]"), "{out}");

    // An anchored empty value: the fix inserts a value, the alias stays empty.
    let text = "nationality: &n
name: A
former_nationality: *n
";
    let out = edit_only(text, &[(&["nationality"], "ZAF")]);
    assert_eq!(out, "nationality: ZAF\nname: A\nformer_nationality: &n ~\n");
}

#[test]
fn a_fix_inside_a_shared_mapping_is_refused_with_what_to_do() {
    let text = "document: &doc\n  type: passport\n  number: \"1234567\"\nold_document: *doc\n";
    let doc = load(text);
    for path in [&["document", "number"][..], &["old_document", "number"][..]] {
        let err = apply_edits(text, &[TextEdit::replace(at(&doc, path), "01234567")])
            .expect_err("one text holds two values");
        assert!(
            matches!(&err, EditError::SharedValue { anchor, line: 3, alias_line: 4, .. } if anchor == "doc"),
            "{err:?}"
        );
        let message = err.to_string();
        assert!(message.contains("line 3"), "{message}");
        assert!(message.contains("`*doc` at line 4"), "{message}");
        assert!(message.contains("Write the values out"), "{message}");
    }
    // Without an alias the anchor is just a name, and the fix applies.
    let text = "document: &doc\n  type: passport\n  number: \"1234567\"\n";
    edit_only(text, &[(&["document", "number"], "01234567")]);
}

#[test]
fn fixes_from_the_rules_change_only_the_anchored_field() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/fix/short_passport.yaml"
    ))
    .unwrap()
    .replace("number: \"1234567\"", "number: &pn \"1234567\"")
        + "passport_number_copy: *pn\n";
    let rules = realname::Rules::embedded().unwrap();
    let doc = load(&text);
    let reports = rules
        .check(&doc, &["alipay"], "2026-11-21".parse().unwrap())
        .unwrap();
    let edits: Vec<TextEdit> = reports
        .iter()
        .flat_map(|r| &r.fixes)
        .filter_map(|f| {
            f.span.clone().map(|span| TextEdit {
                span,
                new_value: f.to.clone(),
            })
        })
        .collect();
    assert!(!edits.is_empty(), "the short passport number has a fix");
    let out = apply_edits(&text, &edits).unwrap();
    let fixed = load(&out);
    assert_eq!(
        at(&fixed, &["document", "number"]).as_str(),
        Some("01234567")
    );
    assert_eq!(
        at(&fixed, &["passport_number_copy"]).as_str(),
        Some("1234567")
    );
}
