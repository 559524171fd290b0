//! What the lints know about the meaning of conditions: the semantic model, kept apart from the
//! rules that report on it (as Ruff keeps its semantic model apart from its rules).
//!
//! - [`formula`]: conditions as formulas over atoms (one term compared with constants);
//! - [`contradiction`]: whether a formula can never be true, and why in words;
//! - [`analyser`]: from the expressions of one app to formulas, typing terms where it can.
//!
//! The lints `condition-never-holds`, `condition-always-holds`, `contradicting-requirements`
//! and `bank-outside-whitelist` read it; none of them builds formulas of its own.

pub(crate) mod analyser;
pub(crate) mod contradiction;
pub(crate) mod formula;

pub(crate) use analyser::Analyser;
pub(crate) use contradiction::{explain, never};
pub(crate) use formula::Formula;

use crate::syntax::ast::{Expr, ExprKind};

/// `e` without the parentheses around it: `((a))` is `a`. The parentheses matter to how a
/// condition is printed, never to what it means.
pub(crate) fn unparenthesised(e: &Expr) -> &Expr {
    match &e.node {
        ExprKind::Paren(inner) => unparenthesised(inner),
        _ => e,
    }
}
