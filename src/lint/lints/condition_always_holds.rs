//! A condition that is true for every profile.
//!
//! The reasoning is shared with `condition-never-holds` (see that module): a condition always
//! holds when its negation never does.

use crate::lint::{Category, LintContext, LintFinding, LintInfo};
use crate::syntax::ast::Severity;

use super::condition_never_holds::condition_findings;

pub static INFO: LintInfo = LintInfo {
    code: "condition-always-holds",
    category: Category::Correctness,
    severity: Severity::Warning,
    summary: "A `require` or `when` condition is true for every profile.",
    doc: r#"## What it finds
A `require`, a requirement's `when`, a `when` block, or a fix's or outcome's `when` whose
condition cannot be false:

- numbers that cover everything: `len(name) > 5 or len(name) < 10`, `len(name) >= 0` (a length
  is never negative);
- a value that differs from one of two values: `card.kind != "debit" or card.kind != "credit"`;
- a condition or its opposite: `present(card.number) or not present(card.number)`.

It also finds a part of an `and` that always holds (it adds nothing), and a condition that
the `when` conditions around it already guarantee.

## Why it matters
A `require` that always holds checks nothing: the applicant it was written for is let through.
A `when` that always holds makes a rule apply to everyone. Usually `or` was written for `and`,
`!=` for `==`, or a bound points the wrong way.

## Example
```
requirement card_is_debit {
  require card.kind != "credit" or card.kind != "passbook"
  ...
}
```

## How to fix
Read the explanation: it says what the value would have to be for the condition to be false,
which cannot be. Write `and` where `or` was meant, or correct the constant.
"#,
};

pub fn check(cx: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    out.extend(
        condition_findings(cx)
            .into_iter()
            .filter(|f| std::ptr::eq(f.lint, &INFO)),
    );
}
