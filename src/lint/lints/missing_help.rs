//! A requirement whose finding would tell the applicant what is wrong but not what to do.

use crate::lint::{Category, LintContext, LintFinding, LintInfo};
use crate::syntax::ast::{BodyItem, Severity};

pub static INFO: LintInfo = LintInfo {
    code: "missing-help",
    category: Category::Clarity,
    severity: Severity::Warning,
    summary: "A requirement has no `help`, or an empty message or help.",
    doc: r#"## What it finds
A `requirement` without `help "..."`, or whose `message` or `help` is blank.

## Why it matters
An applicant who is told only that something is wrong has to guess how to fix it. The help is
the part of the report they act on.

## Example
```
requirement adult {
  require age(birth_date) >= 18
  message "Alipay only verifies applicants who are 18 or older."
}
```

## How to fix
Add `help "..."` saying what the applicant can do.
"#,
};

pub fn check(cx: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    for (_, item) in cx.body_items() {
        let BodyItem::Requirement(r) = item else {
            continue;
        };
        match &r.help {
            None => out.push(
                LintFinding::new(
                    &INFO,
                    &r.name.span,
                    format!("requirement `{}` has no help", r.name.node),
                    "no `help`",
                )
                .help("add `help \"...\"`: what the applicant can do about it"),
            ),
            Some(h) if h.node.trim().is_empty() => out.push(
                LintFinding::new(&INFO, &h.span, "this help is empty", "empty")
                    .help("write what the applicant can do"),
            ),
            Some(_) => {}
        }
        if let Some(m) = r.message.as_ref().filter(|m| m.node.trim().is_empty()) {
            out.push(
                LintFinding::new(&INFO, &m.span, "this message is empty", "empty")
                    .help("say what is wrong, in plain words"),
            );
        }
    }
}
