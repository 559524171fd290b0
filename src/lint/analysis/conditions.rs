//! Every condition of an app, where it stands, and what can be said of it.
//!
//! A walk over the body of an app finds each condition (a `require`, a requirement's `when`, a
//! `when` block's header, a fix's or an outcome's `when`, and the body of every `some`/`every`
//! inside them), with the `when` conditions it is only checked under and the variables bound
//! there, and builds its formulas. What can be said of it follows from those alone, so it is
//! worked out here, once, for all the lints that report on it.

use std::cell::OnceCell;

use crate::lint::context::subexpressions;
use crate::syntax::ast::*;

use super::analyser::Analyser;
use super::contradiction::never;
use super::formula::Formula;
use super::unparenthesised;

/// What a condition is the condition of.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Place<'a> {
    /// A requirement's `require`.
    Require(&'a Requirement),
    /// A requirement's own `when`.
    RequirementWhen(&'a Requirement),
    /// The header of a `when` block.
    WhenBlock,
    FixWhen(&'a FixDecl),
    OutcomeWhen(&'a Outcome),
    /// The body of a `some x in list: ...` or `every x in list: ...` inside another condition.
    /// It stands on its own: it speaks about one item of the list, not about the profile.
    QuantifierBody,
}

/// What can be said of a condition as a whole. Each holds the reasons, in words, one for each
/// way the condition (or, for "always", its negation) could have held.
#[derive(Debug)]
pub(crate) enum Verdict {
    /// False for every profile.
    Never(Vec<String>),
    /// True for every profile: its negation is never true.
    Always(Vec<String>),
    /// Possible on its own, but false wherever the `when` conditions around it hold.
    NeverHere(Vec<String>),
    /// Possibly false on its own, but true wherever the `when` conditions around it hold.
    AlwaysHere(Vec<String>),
}

/// What can be said of one part of a condition that has no verdict as a whole.
#[derive(Debug)]
pub(crate) enum PartVerdict {
    /// An alternative of an `or` that never holds: the condition holds only through the others.
    DeadAlternative(Vec<String>),
    /// A part of an `and` that always holds: it adds nothing.
    IdlePart(Vec<String>),
}

/// One condition of an app, with its formulas and what follows from them.
#[derive(Debug)]
pub(crate) struct Condition<'a> {
    pub place: Place<'a>,
    pub expr: &'a Expr,
    /// The `when` conditions it is only checked under, outermost first (for a `require`, its
    /// requirement's own `when` comes last). Empty for a quantifier's body.
    pub around: Vec<&'a Expr>,
    /// The innermost `for` block around it.
    pub for_block: Option<&'a ForBlock>,
    /// The formula of the condition.
    pub holds: Formula,
    /// The formula of its negation.
    pub fails: Formula,
    /// The formulas of `around`, with the variables bound as at the condition.
    pub around_holds: Vec<Formula>,
    /// `None` when nothing can be said of it as a whole (then `parts` may say something).
    pub verdict: Option<Verdict>,
    /// Parts that never hold or add nothing, in the order they are written; empty when the
    /// condition has a verdict (the verdict says more).
    pub parts: Vec<(&'a Expr, PartVerdict)>,
    never_here: OnceCell<Option<Vec<String>>>,
}

impl Condition<'_> {
    /// Why the condition can never hold together with the `when` conditions around it, or `None`
    /// when it can (or the formula is too large to tell). Worked out once, when first asked.
    pub fn never_here(&self) -> Option<&[String]> {
        self.never_here
            .get_or_init(|| never(&self.here(&self.holds)))
            .as_deref()
    }

    /// `f` together with the `when` conditions around the condition.
    fn here(&self, f: &Formula) -> Formula {
        let mut all = self.around_holds.clone();
        all.push(f.clone());
        Formula::And(all)
    }
}

/// Every condition of `app`, in the order they are written; a condition's quantifier bodies
/// come right after it.
pub(crate) fn conditions<'a>(analyser: &Analyser<'a>, app: &'a AppDecl) -> Vec<Condition<'a>> {
    let mut walk = Walk {
        an: analyser.clone(),
        fors: Vec::new(),
        out: Vec::new(),
    };
    walk.items(&app.body, &mut Vec::new());
    walk.out
}

struct Walk<'a> {
    /// Bound as at the current place: the variables of the `for` blocks around it.
    an: Analyser<'a>,
    /// The `for` blocks around the current place, innermost last.
    fors: Vec<&'a ForBlock>,
    out: Vec<Condition<'a>>,
}

impl<'a> Walk<'a> {
    fn items(&mut self, items: &'a [BodyItem], around: &mut Vec<&'a Expr>) {
        for item in items {
            match item {
                BodyItem::Requirement(r) => {
                    if let Some(when) = &r.when {
                        self.site(Place::RequirementWhen(r), when, around);
                    }
                    if let Some(require) = &r.require {
                        around.extend(r.when.iter());
                        self.site(Place::Require(r), require, around);
                        around.truncate(around.len() - usize::from(r.when.is_some()));
                    }
                }
                BodyItem::When(w) => {
                    self.site(Place::WhenBlock, &w.condition, around);
                    around.push(&w.condition);
                    self.items(&w.body, around);
                    around.pop();
                }
                BodyItem::For(f) => {
                    self.an.bind(&f.var.node, &f.list.node);
                    self.fors.push(f);
                    self.items(&f.body, around);
                    self.fors.pop();
                    self.an.unbind();
                }
                BodyItem::Fix(f) => {
                    if let Some(when) = &f.when {
                        self.site(Place::FixWhen(f), when, around);
                    }
                }
                BodyItem::Outcome(o) => {
                    if let Some(when) = &o.when {
                        self.site(Place::OutcomeWhen(o), when, around);
                    }
                }
                _ => {}
            }
        }
    }

    /// The condition `e` and the bodies of the quantifiers in it, each with only its own
    /// variable bound on top of the place's.
    fn site(&mut self, place: Place<'a>, e: &'a Expr, around: &[&'a Expr]) {
        self.condition(place, e, around);
        for sub in subexpressions(e) {
            if let ExprKind::Quantified {
                var, list, body, ..
            } = &sub.node
            {
                self.an.bind(&var.node, &list.node);
                self.condition(Place::QuantifierBody, body, &[]);
                self.an.unbind();
            }
        }
    }

    fn condition(&mut self, place: Place<'a>, e: &'a Expr, around: &[&'a Expr]) {
        let mut condition = Condition {
            place,
            expr: e,
            around: around.to_vec(),
            for_block: self.fors.last().copied(),
            holds: self.an.formula(e, true),
            fails: self.an.formula(e, false),
            around_holds: around.iter().map(|c| self.an.formula(c, true)).collect(),
            verdict: None,
            parts: Vec::new(),
            never_here: OnceCell::new(),
        };
        condition.verdict = verdict(&condition);
        if condition.verdict.is_none() {
            parts(&self.an, e, &mut condition.parts);
        }
        self.out.push(condition);
    }
}

/// On its own first; then, when the `when` conditions around it can hold at all, under them.
fn verdict(c: &Condition<'_>) -> Option<Verdict> {
    if let Some(reasons) = never(&c.holds) {
        return Some(Verdict::Never(reasons));
    }
    if let Some(reasons) = never(&c.fails) {
        return Some(Verdict::Always(reasons));
    }
    // When the `when` conditions around it cannot hold together, that is said of them (they are
    // conditions too); under them anything would follow, which says nothing about this one.
    if c.around.is_empty() || never(&Formula::And(c.around_holds.clone())).is_some() {
        return None;
    }
    if let Some(reasons) = c.never_here() {
        return Some(Verdict::NeverHere(reasons.to_vec()));
    }
    never(&c.here(&c.fails)).map(Verdict::AlwaysHere)
}

/// Dead alternatives of the `or`s and idle parts of the `and`s of `e`, looking through `not`
/// and parentheses. A part with a verdict is not looked into further.
fn parts<'a>(an: &Analyser<'a>, e: &'a Expr, out: &mut Vec<(&'a Expr, PartVerdict)>) {
    let e = unparenthesised(e);
    match &e.node {
        ExprKind::Unary { op, operand } if op.node == UnaryOp::Not => parts(an, operand, out),
        node => {
            let Some((op, operands)) = node.junction() else {
                return;
            };
            for part in operands {
                let part = unparenthesised(part);
                if op == BinaryOp::Or {
                    if let Some(reasons) = never(&an.formula(part, true)) {
                        out.push((part, PartVerdict::DeadAlternative(reasons)));
                        continue;
                    }
                } else if let Some(reasons) = never(&an.formula(part, false)) {
                    out.push((part, PartVerdict::IdlePart(reasons)));
                    continue;
                }
                parts(an, part, out);
            }
        }
    }
}
