//! A named set that no condition uses.

use std::collections::HashSet;

use crate::lint::context::subexpressions;
use crate::lint::{Category, LintContext, LintFinding, LintInfo};
use crate::syntax::ast::{BinaryOp, BodyItem, ExprKind, Item, Severity};

pub static INFO: LintInfo = LintInfo {
    code: "unused-set",
    category: Category::Redundancy,
    severity: Severity::Warning,
    summary: "A set is declared but no condition tests a value against it.",
    doc: r#"## What it finds
A `set NAME: TYPE = [...]` that no `in` or `not in` uses.

## Why it matters
An unused whitelist usually means a requirement was meant to use it and does not, so the
restriction it describes is not checked.

## Example
```
set high_approval_banks: bank = ["ICBC", "CMB"]
```

## How to fix
Use it (`card.bank in high_approval_banks`) or delete it.
"#,
};

/// Names used on the right of `in` / `not in` anywhere in the rules (a set, so that looking
/// up every declared set stays linear).
pub fn used_set_names(cx: &LintContext<'_>) -> HashSet<String> {
    let mut used = HashSet::new();
    let mut visit = |e: &crate::syntax::ast::Expr| {
        for sub in subexpressions(e) {
            if let ExprKind::Binary { op, right, .. } = &sub.node {
                if matches!(op.node, BinaryOp::In | BinaryOp::NotIn) {
                    if let ExprKind::Path(p) = &right.node {
                        used.insert(p.dotted());
                    }
                }
            }
        }
    };
    for app in cx.apps() {
        for item in &app.body {
            if let BodyItem::Let(l) = item {
                visit(&l.body);
            }
        }
    }
    for (_, item) in cx.body_items() {
        match item {
            BodyItem::Requirement(r) => r.require.iter().chain(r.when.iter()).for_each(&mut visit),
            BodyItem::When(w) => visit(&w.condition),
            BodyItem::Let(l) => visit(&l.body),
            BodyItem::Fix(f) => f.when.iter().chain(f.value.iter()).for_each(&mut visit),
            BodyItem::Outcome(o) => o.when.iter().for_each(&mut visit),
            _ => {}
        }
    }
    used
}

pub fn check(cx: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    let used = used_set_names(cx);
    let mut sets = Vec::new();
    for item in cx.items() {
        match item {
            Item::Set(s) => sets.push(s),
            Item::App(a) => sets.extend(a.sets.iter()),
            _ => {}
        }
    }
    for set in sets {
        if !used.contains(&set.name.node) {
            out.push(
                LintFinding::new(
                    &INFO,
                    &set.name.span,
                    format!("set `{}` is never used", set.name.node),
                    "unused",
                )
                .help("test a value against it with `in`, or delete it"),
            );
        }
    }
}
