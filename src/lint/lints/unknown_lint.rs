//! An `allow` naming a lint that does not exist.

use crate::lint::{Category, LintContext, LintFinding, LintInfo};
use crate::syntax::ast::Severity;

pub static INFO: LintInfo = LintInfo {
    code: "unknown-lint",
    category: Category::Correctness,
    severity: Severity::Warning,
    summary: "An `allow` names a lint code that does not exist.",
    doc: r#"## What it finds
`allow CODE because "..."` where CODE is no lint's code.

## Why it matters
The suppression does nothing; the lint it was meant for (probably a misspelt one) still fires,
or nothing was ever there.

## Example
```
allow source-without-dates because "the guide is undated"
```

## How to fix
Use the code the help suggests; `realname explain CODE` shows a lint's documentation.
"#,
};

/// Reported by the suppression pass (`lint::suppress`), which knows every `allow`.
pub fn check(_cx: &LintContext<'_>, _out: &mut Vec<LintFinding>) {}
