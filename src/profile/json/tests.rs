//! The JSON reader against the YAML reader JSON used to go through: for valid JSON both must
//! build the same tree with the same spans, so that findings, fixes and reports do not change.

use crate::profile::load::{load_as_yaml, load_profile, ProfileDocument};
use crate::profile::load_error::ProfileErrorKind;
use crate::profile::tree::{Node, NodeValue, ScalarStyle};

/// The YAML profiles shipped as examples and used by the tests, to be written out as JSON.
const YAML_PROFILES: [(&str, &str); 9] = [
    (
        "john-smith",
        include_str!("../../../examples/john-smith.yaml"),
    ),
    ("problems", include_str!("../../../examples/problems.yaml")),
    (
        "clean",
        include_str!("../../../tests/fixtures/profiles/clean.yaml"),
    ),
    (
        "international_credit_only",
        include_str!("../../../tests/fixtures/profiles/international_credit_only.yaml"),
    ),
    (
        "mrz_mistyped_number",
        include_str!("../../../tests/fixtures/profiles/mrz_mistyped_number.yaml"),
    ),
    (
        "mrz_wrong_check_digit",
        include_str!("../../../tests/fixtures/profiles/mrz_wrong_check_digit.yaml"),
    ),
    (
        "no_card",
        include_str!("../../../tests/fixtures/profiles/no_card.yaml"),
    ),
    (
        "schema_problems",
        include_str!("../../../tests/fixtures/profiles/schema_problems.yaml"),
    ),
    (
        "short_passport_and_card",
        include_str!("../../../tests/fixtures/fix/short_passport_and_card.yaml"),
    ),
];

/// Documents whose every corner the two readers must agree on.
const EDGE_CASES: &[&str] = &[
    "{}",
    "  {}  \n",
    "{\"a\":{}}",
    "{\"a\":[]}",
    "{\"a\":[[],[[]],{}]}",
    "{\"a\":1,\"b\":-0,\"c\":1.50,\"d\":-12.5e+10,\"e\":1E-2,\"f\":0.0,\"g\":12345678901234567890123}",
    "{\"t\":true,\"f\":false,\"n\":null,\"l\":[null,true,false,null]}",
    "{\"e\":\"\\u00e9\\/\\ud83d\\ude00\\\"\\\\\\b\\f\\n\\r\\t\",\"z\":\"\\u0000\"}",
    "{\"名字\":\"王小明\",\"bank\":\"招商银行\",\"emoji\":\"😀\"}",
    "{\"\\u006eame\":\"x\",\"\":\"\",\" \":\" \"}",
    "{\"quote\\\"key\":\"a\\\\b\",\"long\":\"a very long string with spaces, commas: and colons\"}",
    "{\r\n  \"crlf\": \"x\",\r\n  \"list\": [\r\n    1,\r\n    2\r\n  ]\r\n}\r\n",
    "{\n\"a\" : 1 ,\n\"b\"\n:\n[ 1 , 2 ]\n}",
    "[1]",
    "[\"a\",\"b\"]",
    "\"text\"",
    "123",
    "null",
    "true",
    "{\"a\":\"x\",\"a\":\"y\"}",
    "{\"a\":{\"b\":1,\"b\":2}}",
];

/// A YAML node written as JSON, indented, so that spans are far from trivial. Plain scalars
/// that are JSON numbers or booleans stay bare; every other scalar becomes a string.
fn to_json(node: &Node, indent: usize, out: &mut String) {
    let pad = "  ".repeat(indent + 1);
    match &node.value {
        NodeValue::Null => out.push_str("null"),
        NodeValue::Scalar { text, style } => {
            let bare = *style == ScalarStyle::Plain
                && serde_json::from_str::<serde_json::Value>(text)
                    .is_ok_and(|value| value.is_number() || value.is_boolean())
                && text.trim() == text;
            if bare {
                out.push_str(text);
            } else {
                out.push_str(&serde_json::to_string(text).unwrap());
            }
        }
        NodeValue::Seq(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                out.push_str(&pad);
                to_json(item, indent + 1, out);
            }
            out.push('\n');
            out.push_str(&"  ".repeat(indent));
            out.push(']');
        }
        NodeValue::Map(entries) => {
            out.push('{');
            for (i, entry) in entries.iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                out.push_str(&pad);
                out.push_str(&serde_json::to_string(&entry.key).unwrap());
                out.push_str(": ");
                to_json(&entry.value, indent + 1, out);
            }
            out.push('\n');
            out.push_str(&"  ".repeat(indent));
            out.push('}');
        }
    }
}

fn load_json(text: &str) -> Result<ProfileDocument, crate::profile::ProfileSyntaxError> {
    load_profile("p.json", text)
}

/// Both readers give the same document, or errors of the same kind at the same place.
fn assert_same(text: &str) {
    let json = load_json(text);
    let yaml = load_as_yaml("p.json", text);
    match (json, yaml) {
        (Ok(json), Ok(yaml)) => assert_eq!(json, yaml, "{text}"),
        (Err(json), Err(yaml)) => {
            assert_eq!(json.kind(), yaml.kind(), "{text}");
            assert_eq!(json.span(), yaml.span(), "{text}");
            // Errors that are not about syntax say the same thing.
            assert_eq!(json.to_string(), yaml.to_string(), "{text}");
        }
        (json, yaml) => panic!("{text}\nJSON reader: {json:?}\nYAML reader: {yaml:?}"),
    }
}

#[test]
fn example_profiles_written_as_json_give_the_yaml_readers_tree() {
    for (name, yaml) in YAML_PROFILES {
        let doc = load_profile(&format!("{name}.yaml"), yaml).unwrap();
        let mut json = String::new();
        to_json(&doc.root, 0, &mut json);
        json.push('\n');
        let loaded = load_json(&json).unwrap_or_else(|e| panic!("{name}: {e}\n{json}"));
        assert_eq!(
            Some(loaded.clone()),
            load_as_yaml("p.json", &json).ok(),
            "{name}"
        );
        // The same document written compactly, on one line.
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let compact = serde_json::to_string(&value).unwrap();
        assert_same(&compact);
    }
}

#[test]
fn edge_cases_give_the_yaml_readers_tree() {
    for text in EDGE_CASES {
        assert_same(text);
        // With a byte-order mark in front, which the YAML reader skipped.
        assert_same(&format!("\u{feff}{text}"));
    }
}

#[test]
fn nesting_up_to_the_limit_gives_the_yaml_readers_tree_and_beyond_it_the_same_error() {
    use crate::profile::MAX_DEPTH;
    for depth in [MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1] {
        let text = format!(
            "{{\"a\":{}1{}}}",
            "[".repeat(depth - 1),
            "]".repeat(depth - 1)
        );
        assert_same(&text);
    }
}

#[test]
fn too_many_values_give_the_yaml_readers_error() {
    let items = vec!["1"; crate::profile::MAX_NODES].join(",");
    assert_same(&format!("{{\"a\":[{items}]}}"));
}

#[test]
fn a_json_string_span_includes_its_quotes_and_a_number_keeps_its_text() {
    let text = "{\"name\": \"JOHN\\nSMITH\", \"limit\": 1.50, \"none\": null}";
    let doc = load_json(text).unwrap();
    let name = doc.root.get("name").unwrap();
    assert_eq!(&text[name.span.clone()], "\"JOHN\\nSMITH\"");
    assert_eq!(name.as_str(), Some("JOHN\nSMITH"));
    let key = &doc.root.entry("name").unwrap().key_span;
    assert_eq!(&text[key.clone()], "\"name\"");
    assert_eq!(doc.root.get("limit").unwrap().as_str(), Some("1.50"));
    let none = doc.root.get("none").unwrap();
    assert!(none.is_null());
    assert_eq!(&text[none.span.clone()], "null");
    assert_eq!(doc.root.span, 0..text.len());
}

/// The error of `text`, with the text at its span.
fn error(text: &str) -> (ProfileErrorKind, String, String) {
    let err = load_json(text).expect_err(text);
    let span = err.span();
    assert!(span.end <= text.len(), "{text}: {span:?}");
    (err.kind().clone(), err.to_string(), text[span].to_owned())
}

#[test]
fn syntax_errors_say_what_is_wrong_in_plain_words_at_the_place() {
    let cases = [
        (
            "{\"a\": 1 \"b\": 2}",
            "a comma is missing between two values",
            "\"",
        ),
        ("{\"a\": \"x}", "this string is never closed", "\""),
        (
            "{\"a\": \"x\n\"}",
            "not closed before the end of its line",
            "\"",
        ),
        ("{\"a\": 1,}", "a trailing comma before `}`", ","),
        ("[1, 2,]", "a trailing comma before `]`", ","),
        ("{\"a\": 1} // note", "JSON has no comments", "/"),
        ("{\"a\": 1, /* x */ \"b\": 2}", "JSON has no comments", "/"),
        ("{\"a\": 1, # x\n\"b\": 2}", "JSON has no comments", "#"),
        ("{'a': 1}", "double quotes, not single quotes", "'"),
        ("{a: 1}", "a field name must be text in double quotes", "a"),
        ("{\"a\" 1}", "a `:` is missing after the field name", "1"),
        ("{\"a\": JOHN}", "`JOHN` is not a JSON value", "JOHN"),
        (
            "{\"a\": 0123}",
            "cannot start with 0 followed by more digits",
            "0123",
        ),
        ("{\"a\": +1}", "cannot start with `+`", "+"),
        ("{\"a\": .5}", "a digit before the decimal point", "."),
        ("{\"a\": 1.}", "a digit must follow the decimal point", "1."),
        ("{\"a\": 1e}", "a digit must follow the exponent", "1e"),
        ("{\"a\": -}", "a digit must follow the minus sign", "-"),
        ("{\"a\": 0x1F}", "`0x1F` is not a JSON number", "0x1F"),
        ("{\"a\": NaN}", "`NaN` is not a JSON value", "NaN"),
        (
            "{\"a\": -Infinity}",
            "`-Infinity` is not a JSON number",
            "-Infinity",
        ),
        (
            "{\"a\": \"\\x41\"}",
            "`\\x` is not an escape JSON knows",
            "\\x",
        ),
        ("{\"a\": \"\\u12\"}", "four hexadecimal digits", "\\u12"),
        (
            "{\"a\": \"\\ud800\"}",
            "half of a surrogate pair",
            "\\ud800",
        ),
        (
            "{\"a\": \"\\udc00\\ud800\"}",
            "half of a surrogate pair",
            "\\udc00",
        ),
        ("{\"a\": \"\t\"}", "a control character (U+0009)", "\t"),
        ("{\"a\": [1}", "this `}` closes a `[`, which needs `]`", "}"),
        ("{\"a\": [1", "this `[` is never closed", "["),
        ("{\"a\": 1", "this `{` is never closed", "{"),
        (
            "{\"a\": 1}}",
            "there is more after the end of the profile",
            "}",
        ),
        (
            "{\"a\": 1}\u{a0}",
            "U+00A0 is not a space JSON allows",
            "\u{a0}",
        ),
        ("{\"a\": , \"b\": 1}", "a value is missing before `,`", ","),
        (
            "{\"a\": 1, , \"b\": 1}",
            "a field is missing before `,`",
            ",",
        ),
        ("[1: 2]", "a `:` inside a list", ":"),
        ("{\"a\": 1: 2}", "a second `:`", ":"),
    ];
    for (text, words, at) in cases {
        let (kind, message, marked) = error(text);
        assert_eq!(kind, ProfileErrorKind::InvalidSyntax, "{text}");
        assert!(
            message.starts_with("this profile is not valid JSON: "),
            "{text}: {message}"
        );
        assert!(message.contains(words), "{text}: {message}");
        assert_eq!(marked, at, "{text}: {message}");
    }
}

#[test]
fn characters_json_allows_in_strings_load() {
    // DEL, U+FFFF, a raw U+2028 and a NUL written as an escape.
    let text = "{\"a\": \"\u{7f}\u{ffff}\u{2028}\\u0000\"}";
    let doc = load_json(text).unwrap();
    assert_eq!(
        doc.root.get("a").unwrap().as_str(),
        Some("\u{7f}\u{ffff}\u{2028}\0")
    );
}

#[test]
fn a_hundred_thousand_brackets_are_an_error_on_a_small_stack() {
    let handle = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(|| {
            for text in [
                "[".repeat(100_000),
                format!("{{\"a\":{}", "[".repeat(100_000)),
            ] {
                let err = load_json(&text).unwrap_err();
                assert_eq!(err.kind(), &ProfileErrorKind::TooDeep);
                assert!(err.to_string().contains("nested too deeply"), "{err}");
                assert_eq!(&text[err.span()], "[");
            }
            let text = "{\"a\":".repeat(100_000);
            assert_eq!(
                load_json(&text).unwrap_err().kind(),
                &ProfileErrorKind::TooDeep
            );
        })
        .unwrap();
    handle.join().unwrap();
}

#[test]
fn the_name_or_the_first_character_chooses_the_reader() {
    // `.json` in any case is JSON, so YAML-only notation is refused there.
    for name in ["p.json", "P.JSON", "dir.v2/p.Json"] {
        assert!(load_profile(name, "{a: 1}").is_err(), "{name}");
    }
    // A YAML name keeps the YAML reader, even for text in flow style.
    assert!(load_profile("p.yaml", "{a: 1}").is_ok());
    assert!(load_profile("p.yml", "{a: 1}").is_ok());
    // Without a known extension the text decides.
    assert!(load_profile("-", "  {a: 1}").is_err());
    let err = load_profile("-", "\u{feff}\n[a]").unwrap_err();
    assert_eq!(err.kind(), &ProfileErrorKind::InvalidSyntax, "read as JSON");
    assert!(load_profile("-", "a: 1").is_ok());
    assert!(load_profile("-", "{\"a\": 1}").is_ok());
    assert!(load_profile("rules/x.rules#example", "a: {b: 1}").is_ok());
}
