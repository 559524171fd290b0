//! Conditions and values: pest's Pratt parser applies operator precedence, and the limits here
//! keep it, and every stage after it, off the edge of the stack.
//!
//! pest's Pratt parser recurses once per prefix operator, so a long run of `not` or `-` is
//! refused before it runs ([`MAX_PREFIX_RUN`]). The compiler, the linter and the formatter walk
//! the tree, so a chain of one operator (`a or b or c ...`) is kept flat rather than nested
//! ([`chain`]), and the depth of the finished tree is measured once, without recursion
//! ([`MAX_EXPR_DEPTH`]).

use std::sync::LazyLock;

use pest::iterators::{Pair, Pairs};
use pest::pratt_parser::{Assoc, Op, PrattParser};

use super::AstBuilder;
use crate::diagnostic::Diag;
use crate::source::{Span, Spanned};
use crate::syntax::ast::*;
use crate::syntax::grammar::Rule;

/// How many prefix operators (`not`, `-`) may stand in a row.
pub const MAX_PREFIX_RUN: usize = 4;

/// How deep an expression's tree may nest (brackets, calls, quantifiers, prefixes).
pub const MAX_EXPR_DEPTH: usize = 256;

/// Operator precedence, lowest first: `or`, `and`, `not`, comparisons, `+ -`, unary minus.
static PRATT: LazyLock<PrattParser<Rule>> = LazyLock::new(|| {
    PrattParser::new()
        .op(Op::infix(Rule::op_or, Assoc::Left))
        .op(Op::infix(Rule::op_and, Assoc::Left))
        .op(Op::prefix(Rule::op_not))
        .op(Op::infix(Rule::op_eq, Assoc::Left)
            | Op::infix(Rule::op_ne, Assoc::Left)
            | Op::infix(Rule::op_lt, Assoc::Left)
            | Op::infix(Rule::op_le, Assoc::Left)
            | Op::infix(Rule::op_gt, Assoc::Left)
            | Op::infix(Rule::op_ge, Assoc::Left)
            | Op::infix(Rule::op_in, Assoc::Left)
            | Op::infix(Rule::op_not_in, Assoc::Left)
            | Op::infix(Rule::op_matches, Assoc::Left))
        .op(Op::infix(Rule::op_add, Assoc::Left) | Op::infix(Rule::op_sub, Assoc::Left))
        .op(Op::prefix(Rule::op_neg))
});

impl AstBuilder<'_> {
    /// A condition or value (an `expr` pair), within the limits above.
    pub fn expr(&mut self, pair: Pair<'_, Rule>) -> Expr {
        let whole = self.span(&pair);
        let pairs = pair.into_inner();
        // pest's Pratt parser recurses once per prefix operator: a long run of `not` or `-`
        // would overflow the stack, so it is refused before the parser sees it.
        if let Some(run) = long_prefix_run(&pairs) {
            let span = Span::new(self.file, self.offset + run.start..self.offset + run.end);
            self.error(
                Diag::at(
                    &span,
                    format!("more than {MAX_PREFIX_RUN} `not` or `-` in a row"),
                    "too many in a row",
                )
                .with_help("two `not` cancel out; write the condition without them"),
            );
            return Spanned::new(ExprKind::Bool(false), whole);
        }
        // The Pratt parser's closures cannot borrow `self` mutably all at once, so errors found
        // inside are collected here and appended afterwards.
        let builder = std::cell::RefCell::new(&mut *self);
        let expr = PRATT
            .map_primary(|p| builder.borrow_mut().primary(p))
            .map_prefix(|op, operand| {
                let b = builder.borrow();
                let op_span = b.span(&op);
                let span = op_span.to(&operand.span);
                let op = match op.as_rule() {
                    Rule::op_not => UnaryOp::Not,
                    _ => UnaryOp::Neg,
                };
                Spanned::new(
                    ExprKind::Unary {
                        op: Spanned::new(op, op_span),
                        operand: Box::new(operand),
                    },
                    span,
                )
            })
            .map_infix(|left, op, right| {
                let b = builder.borrow();
                let op_span = b.span(&op);
                let span = left.span.to(&right.span);
                let op = match op.as_rule() {
                    Rule::op_or => BinaryOp::Or,
                    Rule::op_and => BinaryOp::And,
                    Rule::op_eq => BinaryOp::Eq,
                    Rule::op_ne => BinaryOp::Ne,
                    Rule::op_lt => BinaryOp::Lt,
                    Rule::op_le => BinaryOp::Le,
                    Rule::op_gt => BinaryOp::Gt,
                    Rule::op_ge => BinaryOp::Ge,
                    Rule::op_in => BinaryOp::In,
                    Rule::op_not_in => BinaryOp::NotIn,
                    Rule::op_matches => BinaryOp::Matches,
                    Rule::op_add => BinaryOp::Add,
                    _ => BinaryOp::Sub,
                };
                chain(left, Spanned::new(op, op_span), right, span)
            })
            .parse(pairs);
        // Brackets nest at most MAX_NESTING deep and chains are flat, but calls, quantifiers
        // and prefixes add up: the depth is measured once here, without recursion, so that
        // nothing after the parser can overflow.
        let depth = expr_depth(&expr);
        if depth > MAX_EXPR_DEPTH {
            self.error(
                Diag::at(
                    &whole,
                    format!(
                        "this expression nests {depth} levels deep, more than the {MAX_EXPR_DEPTH} allowed"
                    ),
                    "too deep",
                )
                .with_help("split it into named definitions with `let NAME = ...`"),
            );
            return Spanned::new(ExprKind::Bool(false), whole);
        }
        expr
    }

    fn primary(&mut self, pair: Pair<'_, Rule>) -> Expr {
        let span = self.span(&pair);
        let kind = match pair.as_rule() {
            Rule::string => {
                let s = self.string(pair);
                return Spanned::new(ExprKind::Str(s.node), span);
            }
            Rule::date => ExprKind::Date(pair.as_str().to_string()),
            Rule::integer => ExprKind::Int(self.integer(&pair).unwrap_or(0)),
            Rule::boolean => ExprKind::Bool(pair.as_str() == "true"),
            Rule::kw_today => ExprKind::Today,
            Rule::kw_verified => ExprKind::Verified,
            Rule::path => ExprKind::Path(self.path(pair).node),
            Rule::paren_expr => {
                let inner = pair
                    .into_inner()
                    .find(|p| p.as_rule() == Rule::expr)
                    .expect("parenthesised expression");
                ExprKind::Paren(Box::new(self.expr(inner)))
            }
            Rule::list_expr => ExprKind::List(
                pair.into_inner()
                    .filter(|p| p.as_rule() == Rule::expr)
                    .map(|p| self.expr(p))
                    .collect(),
            ),
            Rule::call => {
                let mut parts = pair.into_inner();
                let function = self.name(parts.next().expect("function name"));
                let args = parts
                    .filter(|p| p.as_rule() == Rule::expr)
                    .map(|p| self.expr(p))
                    .collect();
                ExprKind::Call { function, args }
            }
            Rule::quantified => {
                let mut parts = pair.into_inner();
                let q = parts.next().expect("quantifier");
                let q_span = self.span(&q);
                let quantifier = match q.into_inner().next().map(|p| p.as_rule()) {
                    Some(Rule::kw_every) => Quantifier::Every,
                    Some(Rule::kw_no) => Quantifier::No,
                    _ => Quantifier::Some,
                };
                let var = self.name(parts.next().expect("variable"));
                parts.next(); // kw_in
                let list = self.path(parts.next().expect("list"));
                let body = parts
                    .find(|p| p.as_rule() == Rule::expr)
                    .map(|p| self.expr(p))
                    .expect("quantifier body");
                ExprKind::Quantified {
                    quantifier: Spanned::new(quantifier, q_span),
                    var,
                    list,
                    body: Box::new(body),
                }
            }
            other => unreachable!("not a primary expression: {other:?}"),
        };
        Spanned::new(kind, span)
    }
}

/// The byte range of the first run of more than [`MAX_PREFIX_RUN`] prefix operators among the
/// pairs of an `expr`.
fn long_prefix_run(pairs: &Pairs<'_, Rule>) -> Option<std::ops::Range<usize>> {
    let mut run = 0;
    let mut start = 0;
    for p in pairs.clone() {
        if matches!(p.as_rule(), Rule::op_not | Rule::op_neg) {
            if run == 0 {
                start = p.as_span().start();
            }
            run += 1;
            if run > MAX_PREFIX_RUN {
                return Some(start..p.as_span().end());
            }
        } else {
            run = 0;
        }
    }
    None
}

/// `left OP right`, appended to `left` when it is a chain of the same level, so that chains
/// stay flat.
fn chain(left: Expr, op: Spanned<BinaryOp>, right: Expr, span: Span) -> Expr {
    let level = op.node.level();
    let kind = match left.node {
        ExprKind::Chain { first, mut rest } if rest[0].0.node.level() == level => {
            rest.push((op, right));
            ExprKind::Chain { first, rest }
        }
        // A second comparison in a row: a chain, which the compiler refuses with a message.
        ExprKind::Binary {
            op: first_op,
            left: first,
            right: second,
        } if level == OpLevel::Comparison => ExprKind::Chain {
            first,
            rest: vec![(first_op, *second), (op, right)],
        },
        node if level == OpLevel::Comparison => ExprKind::Binary {
            op,
            left: Box::new(Spanned::new(node, left.span)),
            right: Box::new(right),
        },
        node => ExprKind::Chain {
            first: Box::new(Spanned::new(node, left.span)),
            rest: vec![(op, right)],
        },
    };
    Spanned::new(kind, span)
}

/// The depth of an expression tree, measured without recursion.
pub fn expr_depth(e: &Expr) -> usize {
    let mut deepest = 0;
    let mut stack: Vec<(&Expr, usize)> = vec![(e, 1)];
    while let Some((e, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        let next = depth + 1;
        match &e.node {
            ExprKind::Paren(a) | ExprKind::Unary { operand: a, .. } => stack.push((a, next)),
            ExprKind::Binary { left, right, .. } => {
                stack.push((left, next));
                stack.push((right, next));
            }
            ExprKind::Chain { first, rest } => {
                stack.push((first, next));
                stack.extend(rest.iter().map(|(_, x)| (x, next)));
            }
            ExprKind::Call { args, .. } | ExprKind::List(args) => {
                stack.extend(args.iter().map(|x| (x, next)));
            }
            ExprKind::Quantified { body, .. } => stack.push((body, next)),
            _ => {}
        }
    }
    deepest
}
