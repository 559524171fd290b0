//! `--fix`: applying the fixes the shipped rules propose to a profile gives a text that loads,
//! in which the fixed values read as the fixes say and nothing else changed.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use realname::internal::profile::edit::{apply_edits, TextEdit};
use realname::internal::profile::{load_profile, Node, NodeValue};
use realname::Rules;

static RULES: LazyLock<Rules> = LazyLock::new(|| Rules::embedded().expect("shipped rules"));

/// Every scalar of the tree with its path, in document order.
fn scalars(node: &Node, path: String, out: &mut Vec<(String, String)>) {
    match &node.value {
        NodeValue::Scalar { text, .. } => out.push((path, text.clone())),
        NodeValue::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                scalars(item, format!("{path}[{i}]"), out);
            }
        }
        NodeValue::Map(entries) => {
            for e in entries {
                let p = if path.is_empty() {
                    e.key.clone()
                } else {
                    format!("{path}.{}", e.key)
                };
                scalars(&e.value, p, out);
            }
        }
        NodeValue::Null => out.push((path, String::new())),
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(doc) = load_profile("fuzz.yaml", text) else {
        return;
    };
    let Ok(reports) = RULES.check(&doc, &[], "2026-11-21".parse().unwrap()) else {
        return;
    };
    let mut fixes: Vec<_> = reports.iter().flat_map(|r| r.fixes.iter()).collect();
    fixes.sort_by(|a, b| a.field.cmp(&b.field));
    fixes.dedup_by(|a, b| a.field == b.field);
    let edits: Vec<TextEdit> = fixes
        .iter()
        .filter_map(|f| {
            f.span.clone().map(|span| TextEdit {
                span,
                new_value: f.to.clone(),
            })
        })
        .collect();
    if edits.is_empty() {
        return;
    }
    let Ok(fixed) = apply_edits(text, &edits) else {
        return;
    };
    let again = load_profile("fuzz.yaml", &fixed).expect("a fixed profile loads");
    let (mut before, mut after) = (Vec::new(), Vec::new());
    scalars(&doc.root, String::new(), &mut before);
    scalars(&again.root, String::new(), &mut after);
    assert_eq!(before.len(), after.len(), "the same values");
    for ((path, old), (path2, new)) in before.iter().zip(&after) {
        assert_eq!(path, path2);
        match fixes.iter().find(|f| &f.field == path) {
            Some(f) => assert_eq!(new, &f.to, "{path} reads as the fix says"),
            None => assert_eq!(old, new, "{path} is unchanged"),
        }
    }
});
