//! Two requirements of one app that check the same thing.

use crate::lint::context::{RequirementSite, Scope};
use crate::lint::{Category, LintContext, LintFinding, LintInfo};
use crate::source::ignoring_spans;
use crate::syntax::ast::Severity;

pub static INFO: LintInfo = LintInfo {
    code: "duplicate-requirement",
    category: Category::Redundancy,
    severity: Severity::Warning,
    summary: "Two requirements of one app have the same `when` and `require`.",
    doc: r#"## What it finds
Two requirements in the same app, inside the same kind of `when` and `for` blocks, whose `when`
and `require` are the same conditions (however they are spaced or laid out).

## Why it matters
A profile that breaks one breaks both, and the applicant reads the same problem twice, perhaps
in two different wordings. When one of them is later corrected, the other keeps the old rule.

## Example
```
requirement adult {
  require age(birth_date) >= 18
  ...
}
requirement old_enough {
  require age(birth_date) >= 18
  ...
}
```

## How to fix
Delete one of them; keep the clearer message, and merge the sources.
"#,
};

/// The same enclosing blocks: `when` blocks with the same condition, `for` blocks over the same
/// list with the same variable.
fn same_scopes(a: &RequirementSite<'_>, b: &RequirementSite<'_>) -> bool {
    a.scopes.len() == b.scopes.len()
        && a.scopes.iter().zip(&b.scopes).all(|pair| match pair {
            (Scope::When(x), Scope::When(y)) => x.condition == y.condition,
            (Scope::For(x), Scope::For(y)) => {
                x.kind.node == y.kind.node && x.var.node == y.var.node && x.list.node == y.list.node
            }
            _ => false,
        })
}

pub fn check(cx: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    let sites = cx.requirements();
    for (j, b) in sites.iter().enumerate() {
        if b.requirement.require.is_none() {
            continue;
        }
        // The same condition written in two places: spans left out of the comparison.
        let first = sites[..j].iter().find(|a| {
            std::ptr::eq(a.app, b.app)
                && ignoring_spans(|| {
                    a.requirement.require == b.requirement.require
                        && a.requirement.when == b.requirement.when
                        && same_scopes(a, b)
                })
                && a.in_force_with(b)
        });
        if let Some(a) = first {
            let (name_a, name_b) = (&a.requirement.name.node, &b.requirement.name.node);
            out.push(
                LintFinding::new(
                    &INFO,
                    &b.requirement.name.span,
                    format!("requirement `{name_b}` checks the same as `{name_a}`: the same `when` and `require`"),
                    "duplicate",
                )
                .related(&a.requirement.name.span, format!("`{name_a}` is written here"))
                .help("a profile that breaks one breaks both and is told twice; delete one, keeping the clearer message"),
            );
        }
    }
}
