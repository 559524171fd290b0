//! A condition that can never be true.
//!
//! What can be said of each condition is worked out once in `lint::analysis`; this module
//! reports the conditions that never hold and the `or` alternatives that never do, and holds
//! the wording it shares with `condition-always-holds`.

use crate::lint::analysis::{explain, Condition, PartVerdict, Place, Verdict};
use crate::lint::{Category, LintContext, LintFinding, LintInfo};
use crate::syntax::ast::*;

pub static INFO: LintInfo = LintInfo {
    code: "condition-never-holds",
    category: Category::Correctness,
    severity: Severity::Error,
    summary: "A `require` or `when` condition can never be true.",
    doc: r#"## What it finds
A `require`, a requirement's `when`, a `when` block, or a fix's or outcome's `when` whose
condition is false for every profile, because it asks the same value for two things that
cannot both be true:

- numbers or dates out of reach: `len(name) > 20 and len(name) < 5`, `len(name) < 0`;
- two different values at once: `card.kind == "debit" and card.kind == "credit"`, or a value
  in two sets that share nothing;
- a condition and its opposite: `present(card.number) and not present(card.number)`.

It also finds an alternative of an `or` that can never hold (it is dead), and a condition that
cannot hold under the `when` conditions it stands in.

## Why it matters
A `require` that never holds refuses every applicant it applies to; a `when` that never holds
switches its requirement off without anyone noticing. Both usually come from a slip: `and`
written for `or`, `<` for `>`, or a constant copied from the wrong rule.

## Example
```
requirement long_name_cmb_only {
  when len(name) > 20 and len(name) < 5
  require card.bank == "CMB"
  ...
}
```

## How to fix
Read the explanation: it names the value and the two things it would have to be. Correct the
constant or the comparison, or write `or` where `and` was meant.
"#,
};

pub fn check(cx: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    for c in cx.analysis().conditions() {
        match &c.verdict {
            Some(Verdict::Never(reasons)) => out.push(
                LintFinding::new(
                    &INFO,
                    &c.expr.span,
                    format!("this condition never holds: {}", explain(reasons)),
                    "never true",
                )
                .help(format!("{}; {NEVER_HINT}", consequence(c, true))),
            ),
            Some(Verdict::NeverHere(reasons)) => out.push(
                in_context(
                    &INFO,
                    c,
                    format!(
                        "where it is checked, this condition never holds: {}",
                        explain(reasons)
                    ),
                    "never true here",
                )
                .help(format!(
                    "{}; the `when` conditions around it already rule it out",
                    consequence(c, true)
                )),
            ),
            _ => {}
        }
        for (part, verdict) in &c.parts {
            if let PartVerdict::DeadAlternative(reasons) = verdict {
                out.push(
                    LintFinding::new(
                        &INFO,
                        &part.span,
                        format!("this alternative never holds: {}", explain(reasons)),
                        "never true",
                    )
                    .help("the condition can only hold through its other alternatives; correct this part or remove it"),
                );
            }
        }
    }
}

const NEVER_HINT: &str =
    "check the constants and the comparisons, and whether `or` was meant instead of `and`";

/// What it means for the rule that condition `c` never holds (`never`) or always holds.
pub(super) fn consequence(c: &Condition<'_>, never: bool) -> String {
    let list = c.for_block.map(|f| f.list.node.dotted());
    match (c.place, never) {
        (Place::Require(r), true) => match list {
            Some(list) => format!(
                "no item of `{list}` can meet requirement `{}`: it fails for every item it applies to",
                r.name.node
            ),
            None => format!(
                "no profile can meet requirement `{}`: it fails for everyone it applies to",
                r.name.node
            ),
        },
        (Place::Require(r), false) => format!(
            "requirement `{}` can never fail, so it checks nothing",
            r.name.node
        ),
        (Place::RequirementWhen(r), true) => format!(
            "requirement `{}` never applies, so it never checks anything",
            r.name.node
        ),
        (Place::RequirementWhen(r), false) => format!(
            "requirement `{}` applies to every profile, so this `when` adds nothing",
            r.name.node
        ),
        (Place::WhenBlock, true) => "nothing inside this `when` block is ever checked".to_string(),
        (Place::WhenBlock, false) => {
            "this `when` block applies to every profile, so the `when` adds nothing".to_string()
        }
        (Place::FixWhen(f), true) => format!("fix `{}` is never offered", f.name.node),
        (Place::FixWhen(f), false) => format!("the `when` of fix `{}` adds nothing", f.name.node),
        (Place::OutcomeWhen(o), true) => format!("outcome `{}` never applies", o.name.node),
        (Place::OutcomeWhen(o), false) => {
            format!("outcome `{}` applies to every profile", o.name.node)
        }
        (Place::QuantifierBody, true) => "no item of the list can meet it".to_string(),
        (Place::QuantifierBody, false) => "every item of the list meets it".to_string(),
    }
}

/// A finding about condition `c` that holds or fails only because of the `when` conditions
/// around it: those right above it are shown too.
pub(super) fn in_context(
    lint: &'static LintInfo,
    c: &Condition<'_>,
    message: String,
    label: &str,
) -> LintFinding {
    let e = c.expr;
    let mut finding = LintFinding::new(lint, &e.span, message, label);
    // The conditions right above it (a requirement's own `when`); a `when` block's header may
    // be far away, and the message already says where the problem comes from.
    for around in &c.around {
        let near = around.span.file.same_file(&e.span.file)
            && e.span.line().saturating_sub(around.span.line()) <= 3;
        if near {
            finding = finding.related(&around.span, "only checked when this holds");
        }
    }
    finding
}
