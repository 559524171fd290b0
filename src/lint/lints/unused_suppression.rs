//! An `allow` that suppresses nothing.

use crate::lint::{Category, LintContext, LintFinding, LintInfo};
use crate::syntax::ast::Severity;

pub static INFO: LintInfo = LintInfo {
    code: "unused-suppression",
    category: Category::Redundancy,
    severity: Severity::Warning,
    summary: "An `allow` suppresses no finding.",
    doc: r#"## What it finds
`allow CODE because "..."` inside a declaration where lint CODE reports nothing.

## Why it matters
Stale suppressions hide future problems: when the rule changes again, the lint stays silent
where it should speak.

## Example
```
requirement adult {
  allow missing-source because "..."
  require age(birth_date) >= 18
  sources [alipay_text]
}
```

## How to fix
Delete the `allow` line.
"#,
};

/// Reported by the suppression pass (`lint::suppress`), which knows which `allow` was used.
pub fn check(_cx: &LintContext<'_>, _out: &mut Vec<LintFinding>) {}
