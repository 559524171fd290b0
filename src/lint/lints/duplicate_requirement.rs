//! Two requirements of one app that check the same thing.

use std::collections::HashMap;

use crate::lint::context::{RequirementSite, Scope};
use crate::lint::{Category, LintContext, LintFinding, LintInfo};
use crate::source::ignoring_spans;
use crate::syntax::ast::{Expr, ForKind, Severity};
use crate::syntax::print::canonical;

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

/// What two requirements that check the same must have in common, as text: their `require`,
/// their `when` and the blocks around them (as written, spans aside). Equal nodes print the
/// same, so requirements with different keys are never the same; looking earlier ones up by it
/// keeps a large rule set linear, where comparing each with all before it was quadratic.
fn same_check_key(site: &RequirementSite<'_>, require: &Expr) -> (usize, String) {
    let mut key = canonical(require);
    key.push_str(" when ");
    if let Some(when) = &site.requirement.when {
        key.push_str(&canonical(when));
    }
    for scope in &site.scopes {
        match scope {
            Scope::When(w) => key.push_str(&format!(" in when {}", canonical(&w.condition))),
            Scope::For(f) => key.push_str(&format!(
                " in for {} {} in {}",
                match f.kind.node {
                    ForKind::Some => "some",
                    ForKind::Every => "every",
                },
                f.var.node,
                f.list.node.dotted()
            )),
        }
    }
    (std::ptr::from_ref(site.app) as usize, key)
}

/// Whether `a` checks the same as `b`: the same condition written in two places of one app,
/// spans left out of the comparison, on days both are in force.
fn same_check(a: &RequirementSite<'_>, b: &RequirementSite<'_>) -> bool {
    std::ptr::eq(a.app, b.app)
        && ignoring_spans(|| {
            a.requirement.require == b.requirement.require
                && a.requirement.when == b.requirement.when
                && same_scopes(a, b)
        })
        && a.in_force_with(b)
}

/// For each requirement that checks the same as one written before it, (the first such one,
/// it), by index in `sites`.
fn duplicates(sites: &[RequirementSite<'_>]) -> Vec<(usize, usize)> {
    let mut earlier: HashMap<(usize, String), Vec<usize>> = HashMap::new();
    let mut found = Vec::new();
    for (j, b) in sites.iter().enumerate() {
        let Some(require) = &b.requirement.require else {
            continue;
        };
        let same_key = earlier.entry(same_check_key(b, require)).or_default();
        if let Some(&i) = same_key.iter().find(|&&i| same_check(&sites[i], b)) {
            found.push((i, j));
        }
        same_key.push(j);
    }
    found
}

/// [`duplicates`] by comparing each requirement with every one before it.
#[cfg(test)]
fn duplicates_all_pairs(sites: &[RequirementSite<'_>]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    for (j, b) in sites.iter().enumerate() {
        if b.requirement.require.is_none() {
            continue;
        }
        if let Some(i) = (0..j).find(|&i| same_check(&sites[i], b)) {
            found.push((i, j));
        }
    }
    found
}

pub fn check(cx: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    let sites = cx.requirements();
    for (i, j) in duplicates(&sites) {
        let (a, b) = (&sites[i], &sites[j]);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::context::Compiled;

    #[test]
    fn looking_up_by_key_finds_the_duplicates_of_comparing_every_pair() {
        for files in crate::lint::test_rule_sets(1_000) {
            let compiled = Compiled::new(&files);
            let cx = LintContext::new(&files, jiff::civil::date(2026, 11, 21), &compiled);
            let sites = cx.requirements();
            let brute_force = duplicates_all_pairs(&sites);
            assert_eq!(duplicates(&sites), brute_force);
            if files.len() > 10 {
                assert!(!brute_force.is_empty());
            }
        }
    }
}
