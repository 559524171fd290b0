//! A requirement, fix or outcome that cites no source.

use crate::lint::{Category, LintContext, LintFinding, LintInfo};
use crate::syntax::ast::{BodyItem, Severity};

pub static INFO: LintInfo = LintInfo {
    code: "missing-source",
    category: Category::Provenance,
    severity: Severity::Warning,
    summary: "A requirement, fix or outcome cites no source.",
    doc: r#"## What it finds
A `requirement`, `fix` or `outcome` without a `sources [...]` clause.

## Why it matters
Every rule should say where it comes from, so a maintainer can check it against the app's
current requirements and an applicant can see why it applies. A rule without a source cannot
be reviewed when the apps change.

## Example
```
requirement adult {
  require age(birth_date) >= 18
  message "Alipay only verifies applicants who are 18 or older."
}
```

## How to fix
Add `sources [ID, ...]` naming the sources (declared in sources.rules) that state the rule.
"#,
};

pub fn check(cx: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    for (_, item) in cx.body_items() {
        let (what, name, sources) = match item {
            BodyItem::Requirement(r) => ("requirement", &r.name, &r.sources),
            BodyItem::Fix(f) => ("fix", &f.name, &f.sources),
            BodyItem::Outcome(o) => ("outcome", &o.name, &o.sources),
            _ => continue,
        };
        if sources.is_empty() {
            out.push(
                LintFinding::new(
                    &INFO,
                    &name.span,
                    format!("{what} `{}` cites no source", name.node),
                    "no `sources`",
                )
                .help("add `sources [ID]` naming where this rule comes from (see sources.rules)"),
            );
        }
    }
}
