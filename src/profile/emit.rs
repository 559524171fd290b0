//! Node tree -> YAML text, for profiles built by examples (`from` + `set`/`remove`).
//!
//! The output is block-style YAML that `load_profile` reads back to the same tree. Scalars
//! keep their quoting where it matters: a value written quoted stays quoted, a plain one stays
//! plain when it reads back as the same text.

use super::edit::{double_quoted, reads_back_plain};
use super::tree::{Node, NodeValue, ScalarStyle};

pub fn to_yaml(root: &Node) -> String {
    let mut out = String::new();
    match &root.value {
        NodeValue::Map(_) | NodeValue::Seq(_) => block(&mut out, root, 0),
        _ => {
            out.push_str(&scalar(root));
            out.push('\n');
        }
    }
    out
}

fn scalar(node: &Node) -> String {
    match &node.value {
        NodeValue::Null => "null".to_string(),
        NodeValue::Scalar { text, style } => {
            if *style == ScalarStyle::Plain && reads_back_plain(text) {
                text.clone()
            } else {
                double_quoted(text)
            }
        }
        NodeValue::Map(m) if m.is_empty() => "{}".to_string(),
        NodeValue::Seq(s) if s.is_empty() => "[]".to_string(),
        _ => String::new(),
    }
}

fn is_block(node: &Node) -> bool {
    match &node.value {
        NodeValue::Map(m) => !m.is_empty(),
        NodeValue::Seq(s) => !s.is_empty(),
        _ => false,
    }
}

fn key(text: &str) -> String {
    if reads_back_plain(text) {
        text.to_string()
    } else {
        double_quoted(text)
    }
}

/// Writes a mapping or sequence whose lines start at `indent`.
fn block(out: &mut String, node: &Node, indent: usize) {
    let pad = " ".repeat(indent);
    match &node.value {
        NodeValue::Map(entries) => {
            for entry in entries {
                out.push_str(&pad);
                out.push_str(&key(&entry.key));
                out.push(':');
                value_after_key(out, &entry.value, indent);
            }
        }
        NodeValue::Seq(items) => {
            for item in items {
                out.push_str(&pad);
                out.push('-');
                match &item.value {
                    NodeValue::Map(entries) if !entries.is_empty() => {
                        // `- key: value` with the other keys aligned under the first.
                        for (i, entry) in entries.iter().enumerate() {
                            if i == 0 {
                                out.push(' ');
                            } else {
                                out.push_str(&pad);
                                out.push_str("  ");
                            }
                            out.push_str(&key(&entry.key));
                            out.push(':');
                            value_after_key(out, &entry.value, indent + 2);
                        }
                    }
                    _ if is_block(item) => {
                        out.push('\n');
                        block(out, item, indent + 2);
                    }
                    _ => {
                        out.push(' ');
                        out.push_str(&scalar(item));
                        out.push('\n');
                    }
                }
            }
        }
        _ => {}
    }
}

fn value_after_key(out: &mut String, value: &Node, indent: usize) {
    if is_block(value) {
        out.push('\n');
        block(out, value, indent + 2);
    } else {
        out.push(' ');
        out.push_str(&scalar(value));
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::load_profile;

    #[test]
    fn round_trips_the_example_profile() {
        let text = "name: JOHN SMITH\nbirth_date: 1990-05-01\nphone: \"+27821234567\"\ndocument:\n  type: passport\n  number: \"01234567\"\nbank_cards:\n  - bank: 招商银行\n    kind: debit\n    holder: \"O'NEIL: JR\"\n  - bank: CMB\nempty: []\n";
        let first = load_profile("a.yaml", text).unwrap();
        let emitted = to_yaml(&first.root);
        let second = load_profile("b.yaml", &emitted).unwrap();
        assert_eq!(
            strip(&first.root),
            strip(&second.root),
            "emitted:\n{emitted}"
        );
        assert!(emitted.contains("number: \"01234567\""));
        assert!(emitted.contains("birth_date: 1990-05-01"));
    }

    /// The tree without spans and styles, for comparison.
    fn strip(node: &Node) -> String {
        match &node.value {
            NodeValue::Null => "null".into(),
            NodeValue::Scalar { text, .. } => format!("{text:?}"),
            NodeValue::Seq(items) => format!(
                "[{}]",
                items.iter().map(strip).collect::<Vec<_>>().join(",")
            ),
            NodeValue::Map(entries) => format!(
                "{{{}}}",
                entries
                    .iter()
                    .map(|e| format!("{}:{}", e.key, strip(&e.value)))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
        }
    }
}
