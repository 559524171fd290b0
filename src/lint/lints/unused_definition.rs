//! A `let` definition that nothing uses.

use std::collections::HashSet;

use crate::lint::context::subexpressions;
use crate::lint::{Category, LintContext, LintFinding, LintInfo};
use crate::syntax::ast::{BodyItem, Expr, ExprKind, Item, LetDecl, Severity};

pub static INFO: LintInfo = LintInfo {
    code: "unused-definition",
    category: Category::Redundancy,
    severity: Severity::Warning,
    summary: "A `let` definition is never used.",
    doc: r#"## What it finds
A `let NAME = ...` or `let NAME(x) = ...` that no condition, fix or other definition uses.

## Why it matters
Dead definitions mislead the reader into thinking a condition is checked.

## Example
```
let own_card(c) = upper(c.holder) == upper(name)
```

## How to fix
Use it, or delete it.
"#,
};

/// Adds the names `e` calls or reads to `used`.
fn names_used(e: &Expr, used: &mut impl Extend<String>) {
    for sub in subexpressions(e) {
        match &sub.node {
            ExprKind::Call { function, .. } => used.extend([function.node.clone()]),
            ExprKind::Path(p) => used.extend([p.segments[0].node.clone()]),
            _ => {}
        }
    }
}

pub fn check(cx: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    let mut lets: Vec<&LetDecl> = Vec::new();
    // A set, so that looking up every definition stays linear in the size of the rules.
    let mut used: HashSet<String> = HashSet::new();
    let define = |l: &LetDecl, used: &mut HashSet<String>| {
        let mut inner = Vec::new();
        names_used(&l.body, &mut inner);
        // A definition that only uses itself is still unused.
        used.extend(inner.into_iter().filter(|n| *n != l.name.node));
    };
    for item in cx.items() {
        if let Item::Let(l) = item {
            lets.push(l);
            define(l, &mut used);
        }
    }
    for (_, item) in cx.body_items() {
        match item {
            BodyItem::Let(l) => {
                lets.push(l);
                define(l, &mut used);
            }
            BodyItem::Requirement(r) => {
                r.require
                    .iter()
                    .chain(r.when.iter())
                    .for_each(|e| names_used(e, &mut used));
                // `{value}`s of the message and help use definitions too.
                for text in r.message.iter().chain(r.help.iter()) {
                    for p in crate::syntax::placeholders(text).unwrap_or_default() {
                        let Some(range) = p.in_file else { continue };
                        if let Ok(e) = crate::syntax::parse_expression(&text.span.file, range) {
                            names_used(&e, &mut used);
                        }
                    }
                }
            }
            BodyItem::When(w) => names_used(&w.condition, &mut used),
            BodyItem::Fix(f) => f
                .when
                .iter()
                .chain(f.value.iter())
                .for_each(|e| names_used(e, &mut used)),
            BodyItem::Outcome(o) => o.when.iter().for_each(|e| names_used(e, &mut used)),
            _ => {}
        }
    }
    for l in lets {
        if !used.contains(&l.name.node) {
            out.push(
                LintFinding::new(
                    &INFO,
                    &l.name.span,
                    format!("definition `{}` is never used", l.name.node),
                    "unused",
                )
                .help("use it in a condition, or delete it"),
            );
        }
    }
}
