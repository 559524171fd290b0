//! Two error requirements in the same place that no profile can meet together.
//!
//! The formulas of both `require`s and of the `when` conditions around them come from the
//! analysis on the context; only the formula of the pair is built here.

use crate::lint::analysis::{explain, never, Formula};
use crate::lint::context::{RequirementSite, Scope};
use crate::lint::{Category, LintContext, LintFinding, LintInfo};
use crate::source::ignoring_spans;
use crate::syntax::ast::{ForKind, Severity};

pub static INFO: LintInfo = LintInfo {
    code: "contradicting-requirements",
    category: Category::Correctness,
    severity: Severity::Error,
    summary: "Two error requirements in the same place cannot both be met.",
    doc: r#"## What it finds
Two requirements of severity `error` in the same app and the same `when` and `for` blocks, both
without `when` or with the same `when`, whose `require` conditions cannot both hold:
`card.kind == "debit"` and `card.kind == "credit"`, `len(name) >= 30` and `len(name) <= 20`,
`card.bank in set_a` and `card.bank in set_b` where the sets share no bank.

## Why it matters
Every profile (in a `for` block, every item) breaks one of the two, so nobody can verify. This
usually means one of them was copied from another app, or the sources disagree and both
readings were written down.

## Example
```
for some card in bank_cards {
  requirement card_is_debit { require card.kind == "debit" ... }
  requirement card_is_credit { require card.kind == "credit" ... }
}
```

## How to fix
Decide which one the app really asks for, and correct or delete the other. If the sources
disagree, record it in a `disagreement` block with the reading you follow.
"#,
};

fn severity(site: &RequirementSite<'_>) -> Severity {
    site.requirement
        .severity
        .as_ref()
        .map_or(Severity::Error, |s| s.node)
}

/// Same app and the very same enclosing `when` and `for` blocks.
fn same_place(a: &RequirementSite<'_>, b: &RequirementSite<'_>) -> bool {
    std::ptr::eq(a.app, b.app)
        && a.scopes.len() == b.scopes.len()
        && a.scopes.iter().zip(&b.scopes).all(|pair| match pair {
            (Scope::When(x), Scope::When(y)) => std::ptr::eq(*x, *y),
            (Scope::For(x), Scope::For(y)) => std::ptr::eq(*x, *y),
            _ => false,
        })
}

pub fn check(cx: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    let analysis = cx.analysis();
    let sites = cx.requirements();
    for (j, b) in sites.iter().enumerate() {
        let Some(require_b) = &b.requirement.require else {
            continue;
        };
        let Some(condition_b) = analysis.condition(require_b) else {
            continue;
        };
        if severity(b) != Severity::Error {
            continue;
        }
        for a in &sites[..j] {
            let Some(require_a) = &a.requirement.require else {
                continue;
            };
            if severity(a) != Severity::Error
                || !same_place(a, b)
                || !ignoring_spans(|| a.requirement.when == b.requirement.when)
                || !a.in_force_with(b)
            {
                continue;
            }
            let Some(condition_a) = analysis.condition(require_a) else {
                continue;
            };
            // A requirement that cannot hold on its own is condition-never-holds' business.
            if condition_a.never_here().is_some() || condition_b.never_here().is_some() {
                continue;
            }
            // Both stand under the same `when` conditions, so `b`'s serve for the pair.
            let mut both = condition_b.around_holds.clone();
            both.extend([condition_a.holds.clone(), condition_b.holds.clone()]);
            let Some(reasons) = never(&Formula::And(both)) else {
                continue;
            };
            let (name_a, name_b) = (&a.requirement.name.node, &b.requirement.name.node);
            let who = match b.for_block() {
                Some(f) if f.kind.node == ForKind::Some => format!(
                    "no item of `{}` can meet both, so none qualifies and nobody can verify",
                    f.list.node.dotted()
                ),
                Some(f) => format!(
                    "every item of `{}` breaks one of them, so nobody with an item there can verify",
                    f.list.node.dotted()
                ),
                None => "every profile breaks one of them, so nobody can verify".to_string(),
            };
            out.push(
                LintFinding::new(
                    &INFO,
                    &require_b.span,
                    format!(
                        "requirements `{name_a}` and `{name_b}` cannot both be met: {}",
                        explain(&reasons)
                    ),
                    format!("cannot hold together with `{name_a}`"),
                )
                .related(&require_a.span, format!("`{name_a}` requires this"))
                .help(format!(
                    "{who}; decide which one the app really asks for, and correct or remove the other"
                )),
            );
        }
    }
}
