//! What the lints know about the meaning of conditions: the semantic model, kept apart from the
//! rules that report on it (as Ruff keeps its semantic model apart from its rules).
//!
//! - [`formula`]: conditions as formulas over atoms (one term compared with constants);
//! - [`contradiction`]: whether a formula can never be true, and why in words;
//! - [`analyser`]: from the expressions of one app to formulas, typing terms where it can;
//! - [`conditions`]: every condition of an app, where it stands, and its verdict.
//!
//! [`Analysis`] is all of it for one lint run, built once on first use and kept on the
//! [`LintContext`]. The lints `condition-never-holds`, `condition-always-holds`,
//! `contradicting-requirements` and `bank-outside-whitelist` read it; they decide what to
//! report and how to word it, and build no formulas of their own.

pub(crate) mod analyser;
pub(crate) mod conditions;
pub(crate) mod contradiction;
pub(crate) mod formula;

#[cfg(test)]
mod tests;

use std::collections::HashMap;

use crate::lint::LintContext;
use crate::syntax::ast::{AppDecl, Expr, ExprKind};

pub(crate) use analyser::Analyser;
pub(crate) use conditions::{Condition, PartVerdict, Place, Verdict};
pub(crate) use contradiction::{explain, never};
pub(crate) use formula::{Formula, Subject};

/// The analysis of every app of a lint run.
pub(crate) struct Analysis<'a> {
    pub apps: Vec<AppAnalysis<'a>>,
    /// Where the condition written at an expression is: (app, condition) by the expression's
    /// address, which is stable because the ASTs are borrowed for the whole run.
    by_expr: HashMap<*const Expr, (usize, usize)>,
}

/// One app: what its conditions can see, and its conditions.
pub(crate) struct AppAnalysis<'a> {
    pub app: &'a AppDecl,
    /// The app's sets, definitions and the banks, with no variable bound.
    pub analyser: Analyser<'a>,
    /// Every condition of the app, in the order they are written.
    pub conditions: Vec<Condition<'a>>,
}

impl<'a> Analysis<'a> {
    pub fn new(cx: &LintContext<'a>) -> Self {
        let apps: Vec<AppAnalysis<'a>> = cx
            .apps()
            .map(|app| {
                let analyser = Analyser::new(cx, app);
                let conditions = conditions::conditions(&analyser, app);
                AppAnalysis {
                    app,
                    analyser,
                    conditions,
                }
            })
            .collect();
        let mut by_expr = HashMap::new();
        for (i, app) in apps.iter().enumerate() {
            for (j, c) in app.conditions.iter().enumerate() {
                by_expr.insert(std::ptr::from_ref(c.expr), (i, j));
            }
        }
        Analysis { apps, by_expr }
    }

    /// Every condition of every app.
    pub fn conditions(&self) -> impl Iterator<Item = &Condition<'a>> {
        self.apps.iter().flat_map(|a| a.conditions.iter())
    }

    /// The condition written at `e` (a `require`, a `when`, ...), if `e` is one.
    pub fn condition(&self, e: &Expr) -> Option<&Condition<'a>> {
        let (i, j) = *self.by_expr.get(&std::ptr::from_ref(e))?;
        Some(&self.apps[i].conditions[j])
    }
}

/// `e` without the parentheses around it: `((a))` is `a`. The parentheses matter to how a
/// condition is printed, never to what it means.
pub(crate) fn unparenthesised(e: &Expr) -> &Expr {
    match &e.node {
        ExprKind::Paren(inner) => unparenthesised(inner),
        _ => e,
    }
}
