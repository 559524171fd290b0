//! A condition that can never be true.
//!
//! The reasoning is in `lint::analysis`; this module holds the walk over every condition of
//! every app, shared with `condition-always-holds`, and the wording of both lints.

use crate::lint::analysis::{explain, never, unparenthesised, Analyser, Formula};
use crate::lint::context::subexpressions;
use crate::lint::{Category, LintContext, LintFinding, LintInfo};
use crate::syntax::ast::*;

use super::condition_always_holds;

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
    out.extend(
        condition_findings(cx)
            .into_iter()
            .filter(|f| std::ptr::eq(f.lint, &INFO)),
    );
}

#[derive(Clone, Copy)]
enum SiteKind<'a> {
    Require(&'a Requirement),
    RequirementWhen(&'a Requirement),
    WhenBlock,
    FixWhen(&'a FixDecl),
    OutcomeWhen(&'a Outcome),
}

impl SiteKind<'_> {
    /// What it means, for a site in a `for` block over `list` (if any).
    fn consequence(self, never: bool, list: Option<&str>) -> String {
        match (self, never) {
            (SiteKind::Require(r), true) => match list {
                Some(list) => format!(
                    "no item of `{list}` can meet requirement `{}`: it fails for every item it applies to",
                    r.name.node
                ),
                None => format!(
                    "no profile can meet requirement `{}`: it fails for everyone it applies to",
                    r.name.node
                ),
            },
            (SiteKind::Require(r), false) => format!(
                "requirement `{}` can never fail, so it checks nothing",
                r.name.node
            ),
            (SiteKind::RequirementWhen(r), true) => format!(
                "requirement `{}` never applies, so it never checks anything",
                r.name.node
            ),
            (SiteKind::RequirementWhen(r), false) => format!(
                "requirement `{}` applies to every profile, so this `when` adds nothing",
                r.name.node
            ),
            (SiteKind::WhenBlock, true) => {
                "nothing inside this `when` block is ever checked".to_string()
            }
            (SiteKind::WhenBlock, false) => {
                "this `when` block applies to every profile, so the `when` adds nothing".to_string()
            }
            (SiteKind::FixWhen(f), true) => format!("fix `{}` is never offered", f.name.node),
            (SiteKind::FixWhen(f), false) => {
                format!("the `when` of fix `{}` adds nothing", f.name.node)
            }
            (SiteKind::OutcomeWhen(o), true) => {
                format!("outcome `{}` never applies", o.name.node)
            }
            (SiteKind::OutcomeWhen(o), false) => {
                format!("outcome `{}` applies to every profile", o.name.node)
            }
        }
    }
}

const NEVER_HINT: &str =
    "check the constants and the comparisons, and whether `or` was meant instead of `and`";
const ALWAYS_HINT: &str =
    "check the constants and the comparisons, and whether `and` was meant instead of `or`";

struct Walker<'c, 'a> {
    an: Analyser<'a>,
    /// The lists of the `for` blocks around, innermost last.
    lists: Vec<String>,
    out: &'c mut Vec<LintFinding>,
}

impl<'a> Walker<'_, 'a> {
    fn items(&mut self, items: &'a [BodyItem], context: &mut Vec<&'a Expr>) {
        for item in items {
            match item {
                BodyItem::Requirement(r) => {
                    if let Some(when) = &r.when {
                        self.site(SiteKind::RequirementWhen(r), when, context);
                    }
                    if let Some(require) = &r.require {
                        context.extend(r.when.iter());
                        self.site(SiteKind::Require(r), require, context);
                        context.truncate(context.len() - usize::from(r.when.is_some()));
                    }
                }
                BodyItem::When(w) => {
                    self.site(SiteKind::WhenBlock, &w.condition, context);
                    context.push(&w.condition);
                    self.items(&w.body, context);
                    context.pop();
                }
                BodyItem::For(f) => {
                    self.an.bind(&f.var.node, &f.list.node);
                    self.lists.push(f.list.node.dotted());
                    self.items(&f.body, context);
                    self.lists.pop();
                    self.an.unbind();
                }
                BodyItem::Fix(f) => {
                    if let Some(when) = &f.when {
                        self.site(SiteKind::FixWhen(f), when, context);
                    }
                }
                BodyItem::Outcome(o) => {
                    if let Some(when) = &o.when {
                        self.site(SiteKind::OutcomeWhen(o), when, context);
                    }
                }
                _ => {}
            }
        }
    }

    fn site(&mut self, kind: SiteKind<'a>, e: &'a Expr, context: &[&'a Expr]) {
        self.whole(kind, e, context);
        // Conditions inside `some x in list: ...` stand on their own.
        for sub in subexpressions(e) {
            if let ExprKind::Quantified {
                var, list, body, ..
            } = &sub.node
            {
                self.an.bind(&var.node, &list.node);
                self.quantified_body(body);
                self.an.unbind();
            }
        }
    }

    fn whole(&mut self, kind: SiteKind<'a>, e: &'a Expr, context: &[&'a Expr]) {
        if let Some(reasons) = never(&self.an.formula(e, true)) {
            self.out.push(
                LintFinding::new(
                    &INFO,
                    &e.span,
                    format!("this condition never holds: {}", explain(&reasons)),
                    "never true",
                )
                .help(format!(
                    "{}; {NEVER_HINT}",
                    kind.consequence(true, self.lists.last().map(String::as_str))
                )),
            );
            return;
        }
        if let Some(reasons) = never(&self.an.formula(e, false)) {
            self.out.push(
                LintFinding::new(
                    &condition_always_holds::INFO,
                    &e.span,
                    format!(
                        "this condition always holds: to be false, {}",
                        explain(&reasons)
                    ),
                    "always true",
                )
                .help(format!(
                    "{}; {ALWAYS_HINT}",
                    kind.consequence(false, self.lists.last().map(String::as_str))
                )),
            );
            return;
        }
        if !context.is_empty() {
            let around: Vec<Formula> = context.iter().map(|c| self.an.formula(c, true)).collect();
            if never(&Formula::And(around.clone())).is_none() {
                let with = |f: Formula| {
                    let mut all = around.clone();
                    all.push(f);
                    Formula::And(all)
                };
                if let Some(reasons) = never(&with(self.an.formula(e, true))) {
                    self.out.push(
                        self.in_context(
                            &INFO,
                            e,
                            context,
                            "never holds",
                            "never true here",
                            &reasons,
                        )
                        .help(format!(
                            "{}; the `when` conditions around it already rule it out",
                            kind.consequence(true, self.lists.last().map(String::as_str))
                        )),
                    );
                    return;
                }
                if let Some(reasons) = never(&with(self.an.formula(e, false))) {
                    self.out.push(
                        self.in_context(
                            &condition_always_holds::INFO,
                            e,
                            context,
                            "always holds",
                            "always true here",
                            &reasons,
                        )
                        .help(format!(
                            "{}; the `when` conditions around it already make sure of it",
                            kind.consequence(false, self.lists.last().map(String::as_str))
                        )),
                    );
                    return;
                }
            }
        }
        self.parts(e);
    }

    fn in_context(
        &self,
        lint: &'static LintInfo,
        e: &Expr,
        context: &[&Expr],
        verdict: &str,
        label: &str,
        reasons: &[String],
    ) -> LintFinding {
        let why = if verdict == "never holds" {
            explain(reasons)
        } else {
            format!("to be false, {}", explain(reasons))
        };
        let mut finding = LintFinding::new(
            lint,
            &e.span,
            format!("where it is checked, this condition {verdict}: {why}"),
            label,
        );
        // The conditions right above it (a requirement's own `when`); a `when` block's header
        // may be far away, and the message already says where the problem comes from.
        for c in context {
            let near = c.span.file.same_file(&e.span.file)
                && e.span.line().saturating_sub(c.span.line()) <= 3;
            if near {
                finding = finding.related(&c.span, "only checked when this holds");
            }
        }
        finding
    }

    fn quantified_body(&mut self, body: &'a Expr) {
        if let Some(reasons) = never(&self.an.formula(body, true)) {
            self.out.push(
                LintFinding::new(
                    &INFO,
                    &body.span,
                    format!("this condition never holds: {}", explain(&reasons)),
                    "never true",
                )
                .help(format!("no item of the list can meet it; {NEVER_HINT}")),
            );
        } else if let Some(reasons) = never(&self.an.formula(body, false)) {
            self.out.push(
                LintFinding::new(
                    &condition_always_holds::INFO,
                    &body.span,
                    format!(
                        "this condition always holds: to be false, {}",
                        explain(&reasons)
                    ),
                    "always true",
                )
                .help(format!("every item of the list meets it; {ALWAYS_HINT}")),
            );
        } else {
            self.parts(body);
        }
    }

    /// Dead alternatives of an `or` and parts of an `and` that add nothing.
    fn parts(&mut self, e: &'a Expr) {
        let e = unparenthesised(e);
        match &e.node {
            ExprKind::Unary { op, operand } if op.node == UnaryOp::Not => self.parts(operand),
            node if node.junction().is_some() => {
                let (op, operands) = node.junction().expect("a junction");
                for part in operands {
                    let part = unparenthesised(part);
                    if op == BinaryOp::Or {
                        if let Some(reasons) = never(&self.an.formula(part, true)) {
                            self.out.push(
                                LintFinding::new(
                                    &INFO,
                                    &part.span,
                                    format!(
                                        "this alternative never holds: {}",
                                        explain(&reasons)
                                    ),
                                    "never true",
                                )
                                .help("the condition can only hold through its other alternatives; correct this part or remove it"),
                            );
                            continue;
                        }
                    } else if let Some(reasons) = never(&self.an.formula(part, false)) {
                        self.out.push(
                            LintFinding::new(
                                &condition_always_holds::INFO,
                                &part.span,
                                format!(
                                    "this part always holds: to be false, {}",
                                    explain(&reasons)
                                ),
                                "always true",
                            )
                            .help("it adds nothing to the `and`; correct it or remove it"),
                        );
                        continue;
                    }
                    self.parts(part);
                }
            }
            _ => {}
        }
    }
}

/// Findings of both `condition-never-holds` and `condition-always-holds`.
pub(crate) fn condition_findings(cx: &LintContext<'_>) -> Vec<LintFinding> {
    let mut out = Vec::new();
    for app in cx.apps() {
        let mut walker = Walker {
            an: Analyser::new(cx, app),
            lists: Vec::new(),
            out: &mut out,
        };
        walker.items(&app.body, &mut Vec::new());
    }
    out
}
