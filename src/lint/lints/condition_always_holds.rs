//! A condition that is true for every profile.
//!
//! A condition always holds when its negation never does; `lint::analysis` works that out
//! once for every condition. This module reports the conditions that always hold and the `and`
//! parts that add nothing, with the wording it shares with `condition-never-holds`.

use crate::lint::analysis::{explain, PartVerdict, Verdict};
use crate::lint::{Category, LintContext, LintFinding, LintInfo};
use crate::syntax::ast::Severity;

use super::condition_never_holds::{consequence, in_context};

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
    for c in cx.analysis().conditions() {
        match &c.verdict {
            Some(Verdict::Always(reasons)) => out.push(
                LintFinding::new(
                    &INFO,
                    &c.expr.span,
                    format!(
                        "this condition always holds: to be false, {}",
                        explain(reasons)
                    ),
                    "always true",
                )
                .help(format!("{}; {ALWAYS_HINT}", consequence(c, false))),
            ),
            Some(Verdict::AlwaysHere(reasons)) => out.push(
                in_context(
                    &INFO,
                    c,
                    format!(
                        "where it is checked, this condition always holds: to be false, {}",
                        explain(reasons)
                    ),
                    "always true here",
                )
                .help(format!(
                    "{}; the `when` conditions around it already make sure of it",
                    consequence(c, false)
                )),
            ),
            _ => {}
        }
        for (part, verdict) in &c.parts {
            if let PartVerdict::IdlePart(reasons) = verdict {
                out.push(
                    LintFinding::new(
                        &INFO,
                        &part.span,
                        format!("this part always holds: to be false, {}", explain(reasons)),
                        "always true",
                    )
                    .help("it adds nothing to the `and`; correct it or remove it"),
                );
            }
        }
    }
}

const ALWAYS_HINT: &str =
    "check the constants and the comparisons, and whether `and` was meant instead of `or`";
