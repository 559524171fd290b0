//! A source nobody has compared the rules with for more than a year.

use jiff::ToSpan;

use crate::lint::{Category, LintContext, LintFinding, LintInfo};
use crate::syntax::ast::Severity;

pub static INFO: LintInfo = LintInfo {
    code: "stale-source",
    category: Category::Provenance,
    severity: Severity::Advice,
    summary: "A source was last reviewed more than a year ago, or never.",
    doc: r#"## What it finds
A `source` whose `reviewed` day is more than a year before today (the day of the lint run,
`--today`), or that has no `reviewed` day at all.

## Why it matters
The apps change their rules without notice. A source nobody has read again for a year may
describe a flow, a limit or a bank list that has changed, and the rules citing it may now be
wrong for real applicants.

## Example
```
source guide {
  title "WeChat & Alipay Real-Name Verification for Foreigners"
  reviewed 2024-05-01
}
```

## How to fix
Read the source again, compare the rules that cite it (the docs list them), correct what has
changed, and set `reviewed` to the day you did so.
"#,
};

pub fn check(cx: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    let Ok(year_ago) = cx.today.checked_sub(1.year()) else {
        return;
    };
    for source in cx.sources() {
        let reviewed = source
            .reviewed
            .as_ref()
            .and_then(|r| r.node.parse::<jiff::civil::Date>().ok().map(|d| (r, d)));
        match (&source.reviewed, reviewed) {
            (None, _) => out.push(
                LintFinding::new(
                    &INFO,
                    &source.id.span,
                    format!("source `{}` has never been reviewed", source.id.node),
                    "no `reviewed`",
                )
                .help("compare the rules that cite it with the source, then add `reviewed YYYY-MM-DD`"),
            ),
            (Some(_), Some((written, day))) if day < year_ago => out.push(
                LintFinding::new(
                    &INFO,
                    &written.span,
                    format!(
                        "source `{}` was last reviewed on {day}, more than a year before {}",
                        source.id.node, cx.today
                    ),
                    "reviewed over a year ago",
                )
                .help("read the source again, correct the rules that cite it where the app has changed, and set `reviewed` to the day you did"),
            ),
            _ => {}
        }
    }
}
