//! Two error requirements in the same place that no profile can meet together.
//!
//! The formulas of both `require`s and of the `when` conditions around them come from the
//! analysis on the context; only the formula of the pair is built here.

use std::collections::{BTreeSet, HashMap};

use crate::lint::analysis::{explain, never, Analysis, Formula, Subject};
use crate::lint::context::{RequirementSite, Scope};
use crate::lint::{Category, LintContext, LintFinding, LintInfo};
use crate::source::ignoring_spans;
use crate::syntax::ast::{AppDecl, ForKind, Severity};
use crate::syntax::print::canonical;

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
    for (a, b) in candidate_pairs(&sites, analysis) {
        out.extend(finding(&sites[a], &sites[b], analysis));
    }
}

/// Whether a requirement can take part in a contradiction at all: an error requirement whose
/// `require` has a formula and can hold on its own (one that cannot is condition-never-holds'
/// business).
fn eligible(site: &RequirementSite<'_>, analysis: &Analysis<'_>) -> bool {
    severity(site) == Severity::Error
        && site
            .requirement
            .require
            .as_ref()
            .and_then(|r| analysis.condition(r))
            .is_some_and(|c| c.never_here().is_none())
}

/// Where two requirements must both stand to be compared: the app, the very same `when` and
/// `for` blocks (by address), and their own `when` (as written, spans aside).
#[derive(PartialEq, Eq, Hash)]
struct PlaceKey {
    app: *const AppDecl,
    scopes: Vec<(bool, usize)>,
    when: Option<String>,
}

impl PlaceKey {
    fn of(site: &RequirementSite<'_>) -> Self {
        PlaceKey {
            app: std::ptr::from_ref(site.app),
            scopes: site
                .scopes
                .iter()
                .map(|s| match s {
                    Scope::When(w) => (true, std::ptr::from_ref(*w) as usize),
                    Scope::For(f) => (false, std::ptr::from_ref(*f) as usize),
                })
                .collect(),
            when: site.requirement.when.as_ref().map(canonical),
        }
    }
}

/// The requirements met so far in one place, by what their `require`s speak about.
#[derive(Default)]
struct Place {
    by_subject: HashMap<Subject, Vec<usize>>,
    /// Those whose `require` shares a subject with the `when` conditions of the place.
    touching_around: Vec<usize>,
    around: BTreeSet<Subject>,
}

/// The pairs (earlier, later) of requirements, by their index in `sites`, that could
/// contradict each other, in the order the later and then the earlier is written.
///
/// Comparing every pair of a large rule set grew with the square of its size. Only pairs in one
/// place can contradict, and there, since each `require` can hold on its own under the
/// place's `when` conditions, every way both could hold fails on a subject that both
/// `require`s speak about, or on the `when` conditions together with subjects of each: two
/// requirements that share no subject, of which one shares none with the `when` conditions
/// either, can always hold together. The other pairs are all tried, so the findings are those
/// of comparing every pair (the tests check it against [`all_pairs`]).
fn candidate_pairs(sites: &[RequirementSite<'_>], analysis: &Analysis<'_>) -> Vec<(usize, usize)> {
    let mut places: HashMap<PlaceKey, Place> = HashMap::new();
    let mut pairs = Vec::new();
    for (j, b) in sites.iter().enumerate() {
        if !eligible(b, analysis) {
            continue;
        }
        let Some(condition) = b
            .requirement
            .require
            .as_ref()
            .and_then(|r| analysis.condition(r))
        else {
            continue;
        };
        let place = places.entry(PlaceKey::of(b)).or_insert_with(|| {
            let mut around = BTreeSet::new();
            condition
                .around_holds
                .iter()
                .for_each(|f| f.subjects(&mut around));
            Place {
                around,
                ..Place::default()
            }
        });
        let mut subjects = BTreeSet::new();
        condition.holds.subjects(&mut subjects);
        let touches_around = !subjects.is_disjoint(&place.around);
        let mut earlier: Vec<usize> = subjects
            .iter()
            .filter_map(|s| place.by_subject.get(s))
            .flatten()
            .copied()
            .collect();
        if touches_around {
            earlier.extend(&place.touching_around);
        }
        earlier.sort_unstable();
        earlier.dedup();
        pairs.extend(earlier.into_iter().map(|i| (i, j)));
        for subject in subjects {
            place.by_subject.entry(subject).or_default().push(j);
        }
        if touches_around {
            place.touching_around.push(j);
        }
    }
    pairs
}

/// Every pair (earlier, later), in the order [`candidate_pairs`] gives its pairs: what the
/// bucketed search must agree with.
#[cfg(test)]
fn all_pairs(sites: &[RequirementSite<'_>]) -> Vec<(usize, usize)> {
    (0..sites.len())
        .flat_map(|j| (0..j).map(move |i| (i, j)))
        .collect()
}

/// The finding when the error requirements `a` and `b`, in the same place, cannot both hold.
fn finding(
    a: &RequirementSite<'_>,
    b: &RequirementSite<'_>,
    analysis: &Analysis<'_>,
) -> Option<LintFinding> {
    let require_b = b.requirement.require.as_ref()?;
    let condition_b = analysis.condition(require_b)?;
    if severity(b) != Severity::Error {
        return None;
    }
    let require_a = a.requirement.require.as_ref()?;
    if severity(a) != Severity::Error
        || !same_place(a, b)
        || !ignoring_spans(|| a.requirement.when == b.requirement.when)
        || !a.in_force_with(b)
    {
        return None;
    }
    let condition_a = analysis.condition(require_a)?;
    // A requirement that cannot hold on its own is condition-never-holds' business.
    if condition_a.never_here().is_some() || condition_b.never_here().is_some() {
        return None;
    }
    // Both stand under the same `when` conditions, so `b`'s serve for the pair.
    let mut both = condition_b.around_holds.clone();
    both.extend([condition_a.holds.clone(), condition_b.holds.clone()]);
    let reasons = never(&Formula::And(both))?;
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
    Some(
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
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::context::Compiled;

    /// The pairs that are findings, among `pairs`.
    fn contradicting(cx: &LintContext<'_>, pairs: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
        let sites = cx.requirements();
        let analysis = cx.analysis();
        pairs
            .into_iter()
            .filter(|&(a, b)| finding(&sites[a], &sites[b], analysis).is_some())
            .collect()
    }

    #[test]
    fn the_bucketed_search_finds_the_pairs_of_comparing_every_pair() {
        for files in crate::lint::test_rule_sets(1_000) {
            let compiled = Compiled::new(&files);
            let cx = LintContext::new(&files, jiff::civil::date(2026, 11, 21), &compiled);
            assert!(cx.rules.is_some(), "the rules compile");
            let sites = cx.requirements();
            let bucketed = contradicting(&cx, candidate_pairs(&sites, cx.analysis()));
            let brute_force = contradicting(&cx, all_pairs(&sites));
            assert_eq!(bucketed, brute_force);
            // The generated set has contradictions, so the comparison says something there.
            if files.len() > 10 {
                assert!(!brute_force.is_empty());
            }
        }
    }
}
