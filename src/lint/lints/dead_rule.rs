//! A rule whose days ended before its sources were last reviewed.

use std::collections::HashMap;
use std::hash::Hash;

use jiff::civil::Date;

use crate::compile::ir::{Period, RuleSet};
use crate::lint::{Category, LintContext, LintFinding, LintInfo};
use crate::source::Span;
use crate::syntax::ast::{Item, Severity};

pub static INFO: LintInfo = LintInfo {
    code: "dead-rule",
    category: Category::Redundancy,
    severity: Severity::Warning,
    summary: "A rule ended before its sources were last reviewed, and nothing replaced it.",
    doc: r#"## What it finds
A requirement, fix, outcome, limit or set member whose last day (`until`) lies before the day
every source it cites was last reviewed, with no later version of the same rule. Versions of a
rule share its name: `requirement x { until 2024-02-29 ... }` followed by
`requirement x { from 2024-03-01 ... }` is one rule that changed, and only a rule whose last
version has ended is reported.

## Why it matters
When the sources were last read, the rule no longer applied: it only changes the verdict of a
check of a past day (`--today`). Usually it is a rule the app dropped, and the file is clearer
without it.

## Example
```
requirement small_deposit {
  until 2017-09-25
  require ...
  sources [alipay_notice_2017]
}
```

## How to fix
Delete it if the app no longer has it and nobody checks past days. If it is kept on purpose, to
show the history and check the past, say so:
`allow dead-rule because "kept so checks of days before 2017-09-26 stay right"`.
"#,
};

/// For each rule at its last version, the positions of all its versions in order; `None` at
/// every earlier version (a rule is judged once, at its last version). One pass over the keys,
/// so that a rule set with many rules stays linear.
fn versions_at_last<K: Hash + Eq>(keys: impl IntoIterator<Item = K>) -> Vec<Option<Vec<usize>>> {
    let mut groups: HashMap<K, Vec<usize>> = HashMap::new();
    let mut count = 0;
    for (i, key) in keys.into_iter().enumerate() {
        groups.entry(key).or_default().push(i);
        count = i + 1;
    }
    let mut out = vec![None; count];
    for positions in groups.into_values() {
        if let Some(&last) = positions.last() {
            out[last] = Some(positions);
        }
    }
    out
}

pub fn check(cx: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    let Some(rules) = &cx.rules else { return };
    let set = &rules.set;
    for app in &set.apps {
        let mut report =
            |what: &str, name: &str, versions: Vec<(&Period, &Span)>, sources: &[usize]| {
                if let Some(finding) = dead(set, what, name, &versions, sources) {
                    out.push(finding);
                }
            };
        let requirement_versions = versions_at_last(app.requirements.iter().map(|r| &r.code));
        for (r, versions) in app.requirements.iter().zip(requirement_versions) {
            let Some(versions) = versions else { continue };
            let versions_of = versions.iter().map(|&v| &app.requirements[v]);
            let sources: Vec<usize> = versions_of
                .clone()
                .flat_map(|v| v.sources.iter().copied())
                .collect();
            let versions = versions_of.map(|v| (&v.period, &v.span)).collect();
            report("requirement", &format!("`{}`", r.code), versions, &sources);
        }
        let fix_versions = versions_at_last(app.fixes.iter().map(|f| &f.code));
        for (f, versions) in app.fixes.iter().zip(fix_versions) {
            let Some(versions) = versions else { continue };
            let versions = versions
                .iter()
                .map(|&v| (&app.fixes[v].period, &app.fixes[v].span))
                .collect();
            report("fix", &format!("`{}`", f.code), versions, &f.sources);
        }
        let outcome_versions = versions_at_last(app.outcomes.iter().map(|o| &o.name));
        for (o, versions) in app.outcomes.iter().zip(outcome_versions) {
            if let Some(versions) = versions {
                let versions = versions
                    .iter()
                    .map(|&v| (&app.outcomes[v].period, &app.outcomes[v].span))
                    .collect();
                report(
                    "outcome",
                    &format!("`{}/{}`", app.id, o.name),
                    versions,
                    &o.sources,
                );
            }
            // Limits of this version of the outcome, by name.
            let limit_versions = versions_at_last(o.limits.iter().map(|l| &l.name));
            for (l, versions) in o.limits.iter().zip(limit_versions) {
                let Some(versions) = versions else { continue };
                let versions = versions
                    .iter()
                    .map(|&v| (&o.limits[v].period, &o.limits[v].span))
                    .collect();
                report(
                    "limit",
                    &format!("`{}` of outcome `{}/{}`", l.name, app.id, o.name),
                    versions,
                    &o.sources,
                );
            }
        }
    }
    // Set members, from the syntax, which knows where each member stands.
    let app_sets = cx.apps().flat_map(|a| a.sets.iter());
    let top_sets = cx.items().filter_map(|i| match i {
        Item::Set(s) => Some(s),
        _ => None,
    });
    for s in top_sets.chain(app_sets) {
        let sources: Vec<usize> = s
            .sources
            .iter()
            .filter_map(|n| set.sources.iter().position(|x| x.id == n.node))
            .collect();
        let member_versions = versions_at_last(s.values.iter().map(|v| &v.text.node));
        for (member, versions) in s.values.iter().zip(member_versions) {
            let Some(versions) = versions else { continue };
            let periods: Vec<Period> = versions
                .iter()
                .map(|&v| crate::compile::written_period(s.values[v].period.as_ref()))
                .collect();
            let versions: Vec<_> = periods.iter().map(|p| (p, &member.text.span)).collect();
            if let Some(finding) = dead(
                set,
                "set member",
                &format!("\"{}\" of set `{}`", member.text.node, s.name.node),
                &versions,
                &sources,
            ) {
                out.push(finding);
            }
        }
    }
}

/// The finding for a rule whose versions all ended before every cited source was reviewed.
fn dead(
    set: &RuleSet,
    what: &str,
    name: &str,
    versions: &[(&Period, &Span)],
    sources: &[usize],
) -> Option<LintFinding> {
    // The last day of the newest version; a version without an end keeps the rule alive.
    let mut last: Option<Date> = None;
    for (period, _) in versions {
        let until = period.until?;
        last = Some(last.map_or(until, |l: Date| l.max(until)));
    }
    let last = last?;
    // Judged only when every cited source has a review day.
    let reviews: Option<Vec<Date>> = sources.iter().map(|&s| set.sources[s].reviewed).collect();
    let earliest_review = reviews?.into_iter().min()?;
    if last >= earliest_review {
        return None;
    }
    let (_, span) = versions.last()?;
    Some(
        LintFinding::new(
            &INFO,
            span,
            format!(
                "{what} {name} ended on {last}, and its sources were last reviewed after that (on {earliest_review}): it only changes checks of past days"
            ),
            "ended",
        )
        .help("delete it if the app dropped it; if it is kept to check past days, add `allow dead-rule because \"...\"`; if it still applies, remove its `until` or add a version `from` the day after"),
    )
}
