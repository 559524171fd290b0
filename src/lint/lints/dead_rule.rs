//! A rule whose days ended before its sources were last reviewed.

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
        for (i, r) in app.requirements.iter().enumerate() {
            if app.requirements[i + 1..]
                .iter()
                .any(|later| later.code == r.code)
            {
                continue;
            }
            let versions = app
                .requirements
                .iter()
                .filter(|v| v.code == r.code)
                .map(|v| (&v.period, &v.span))
                .collect();
            let sources: Vec<usize> = app
                .requirements
                .iter()
                .filter(|v| v.code == r.code)
                .flat_map(|v| v.sources.iter().copied())
                .collect();
            report("requirement", &format!("`{}`", r.code), versions, &sources);
        }
        for (i, f) in app.fixes.iter().enumerate() {
            if app.fixes[i + 1..].iter().any(|later| later.code == f.code) {
                continue;
            }
            let versions = app
                .fixes
                .iter()
                .filter(|v| v.code == f.code)
                .map(|v| (&v.period, &v.span))
                .collect();
            report("fix", &format!("`{}`", f.code), versions, &f.sources);
        }
        for (i, o) in app.outcomes.iter().enumerate() {
            let same: Vec<_> = app.outcomes.iter().filter(|v| v.name == o.name).collect();
            if !app.outcomes[i + 1..]
                .iter()
                .any(|later| later.name == o.name)
            {
                let versions = same.iter().map(|v| (&v.period, &v.span)).collect();
                report(
                    "outcome",
                    &format!("`{}/{}`", app.id, o.name),
                    versions,
                    &o.sources,
                );
            }
            // Limits of this version of the outcome, by name.
            for (j, l) in o.limits.iter().enumerate() {
                if o.limits[j + 1..].iter().any(|later| later.name == l.name) {
                    continue;
                }
                let versions = o
                    .limits
                    .iter()
                    .filter(|v| v.name == l.name)
                    .map(|v| (&v.period, &v.span))
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
        for (i, member) in s.values.iter().enumerate() {
            if s.values[i + 1..]
                .iter()
                .any(|later| later.text.node == member.text.node)
            {
                continue;
            }
            let periods: Vec<Period> = s
                .values
                .iter()
                .filter(|v| v.text.node == member.text.node)
                .map(|v| crate::compile::written_period(v.period.as_ref()))
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
