//! A source without a date.

use crate::lint::{Category, LintContext, LintFinding, LintInfo};
use crate::syntax::ast::Severity;

pub static INFO: LintInfo = LintInfo {
    code: "source-without-date",
    category: Category::Provenance,
    severity: Severity::Warning,
    summary: "A source has no `published` date.",
    doc: r#"## What it finds
A `source` declaration without `published YYYY-MM-DD`.

## Why it matters
The apps change their rules; how old a source is decides how far to trust it when sources
disagree. A source without a date cannot be weighed.

## Example
```
source guide {
  title "WeChat & Alipay Real-Name Verification for Foreigners"
}
```

## How to fix
Add the day it was published: `published 2024-04-24`. When the source really is undated, say so
and suppress the lint:
`allow source-without-date because "the guide carries no date"`.
"#,
};

pub fn check(cx: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    for source in cx.sources() {
        if source.published.is_none() {
            out.push(
                LintFinding::new(
                    &INFO,
                    &source.id.span,
                    format!("source `{}` has no publication date", source.id.node),
                    "no `published`",
                )
                .help("add `published YYYY-MM-DD`; for an undated source, suppress this with a reason"),
            );
        }
    }
}
