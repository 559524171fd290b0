//! From expressions to formulas, for the conditions of one app.
//!
//! The analyser knows what the compiler knows, where it can: the schema (when the rules
//! compile), the sets and definitions in scope, the banks, and the variables of the `for`
//! blocks and quantifiers around a condition. With it a term gets a type, and a constant
//! compared with it a resolved value ("CMB" and "China Merchants Bank" are one bank, "CN" and
//! "CHN" one country). This is a partial typing on purpose: where a type is unknown (the rules
//! do not compile, a definition shadows a built-in) the comparison stays opaque, which can only
//! make the analysis say less, never something wrong.

use crate::compile::types::SetType;
use std::collections::BTreeSet;

use crate::compile::ir::{Schema, Ty};
use crate::compile::signatures;
use crate::lint::LintContext;
use crate::syntax::ast::*;
use crate::syntax::print;
use crate::Rules;

use super::formula::{Atom, Formula, IntAtom, LitAtom, Op, Shown};
use super::unparenthesised;

/// An integer or a date constant, as a number (dates as day numbers), and as written.
fn constant(e: &Expr) -> Option<(i64, String, bool)> {
    match &unparenthesised(e).node {
        ExprKind::Int(n) => Some((*n, n.to_string(), false)),
        ExprKind::Unary { op, operand } if op.node == UnaryOp::Neg => {
            match &unparenthesised(operand).node {
                ExprKind::Int(n) => Some((-n, format!("-{n}"), false)),
                _ => None,
            }
        }
        ExprKind::Date(d) => Some((day_number(d)?, d.clone(), true)),
        _ => None,
    }
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date: dates become numbers, so that bounds on a date
/// narrow an interval of whole days as bounds on a number do.
fn day_number(d: &str) -> Option<i64> {
    let date: jiff::civil::Date = d.parse().ok()?;
    let days = date.since(jiff::civil::date(1970, 1, 1)).ok()?.get_days();
    Some(i64::from(days))
}

/// The key of a country however it is written, by the compiler's own reading: `"CN"`, `"cn"`
/// and `"CHN"` are one country.
fn country_key(text: &str) -> Option<String> {
    let [a, b] = crate::compile::parse_country(text)?;
    Some(format!("country:{}{}", char::from(a), char::from(b)))
}

/// Turns conditions of one app into formulas: knows the schema (when the rules compile), the
/// sets and definitions in scope, and the variables of `for` blocks and quantifiers.
#[derive(Clone)]
pub(crate) struct Analyser<'a> {
    /// The compiled rules, for the schema and the banks; `None` when they do not compile.
    rules: Option<&'a Rules>,
    /// The app's own sets first, then the global ones: the order a name is looked up in.
    sets: Vec<&'a SetDecl>,
    /// The app's definitions: a call of one (`len(...)` redefined) is not the built-in.
    lets: Vec<&'a str>,
    /// The bound variables, innermost last, each with the type of an item of its list.
    vars: Vec<(String, Option<Ty>)>,
}

impl<'a> Analyser<'a> {
    pub fn new(cx: &LintContext<'a>, app: &'a AppDecl) -> Self {
        let mut sets: Vec<&SetDecl> = app.sets.iter().collect();
        for item in cx.items() {
            if let Item::Set(s) = item {
                sets.push(s);
            }
        }
        let mut lets = Vec::new();
        fn collect<'b>(items: &'b [BodyItem], out: &mut Vec<&'b str>) {
            for item in items {
                match item {
                    BodyItem::Let(l) => out.push(&l.name.node),
                    BodyItem::When(w) => collect(&w.body, out),
                    BodyItem::For(f) => collect(&f.body, out),
                    _ => {}
                }
            }
        }
        collect(&app.body, &mut lets);
        Analyser {
            rules: cx.rules,
            sets,
            lets,
            vars: Vec::new(),
        }
    }

    fn schema(&self) -> Option<&'a Schema> {
        self.rules.map(|r| &r.set.schema)
    }

    /// Binds a `for` or quantifier variable to the items of `list`.
    pub fn bind(&mut self, var: &str, list: &Path) {
        let ty = match self.path_ty(list) {
            Some(Ty::List(inner)) => Some(*inner),
            _ => None,
        };
        self.vars.push((var.to_string(), ty));
    }

    /// Unbinds the innermost variable.
    pub fn unbind(&mut self) {
        self.vars.pop();
    }

    /// The set called `name` that the app sees.
    pub fn set(&self, name: &str) -> Option<&'a SetDecl> {
        self.sets.iter().copied().find(|s| s.name.node == name)
    }

    /// The bank written `text` (its code or any of its names), by its id in the registry.
    pub fn bank_id(&self, text: &str) -> Option<u16> {
        self.rules?.set.find_bank(text)
    }

    /// The type of a path through the schema, starting from a bound variable or the profile.
    fn path_ty(&self, p: &Path) -> Option<Ty> {
        let schema = self.schema()?;
        let first = &p.segments.first()?.node;
        let (mut ty, rest) = match self.vars.iter().rev().find(|(n, _)| n == first) {
            Some((_, ty)) => (ty.clone()?, &p.segments[1..]),
            None => (Ty::Record(Schema::ROOT), &p.segments[..]),
        };
        for seg in rest {
            let Ty::Record(id) = ty else { return None };
            let record = schema.records.get(id as usize)?;
            let i = record.field_index(&seg.node)?;
            ty = record.fields[i].ty.clone();
        }
        Some(ty)
    }

    /// The type of a term, where it is known without compiling it.
    fn expr_ty(&self, e: &Expr) -> Option<Ty> {
        match &e.node {
            ExprKind::Paren(inner) => self.expr_ty(inner),
            ExprKind::Path(p) => self.path_ty(p),
            ExprKind::Str(_) => Some(Ty::Text),
            ExprKind::Int(_) => Some(Ty::Int),
            ExprKind::Date(_) | ExprKind::Today => Some(Ty::Date),
            ExprKind::Bool(_) | ExprKind::Verified => Some(Ty::Bool),
            ExprKind::Call { function, .. } => {
                if self.lets.contains(&function.node.as_str()) {
                    return None;
                }
                signatures::lookup(&function.node).map(|b| b.returns.clone())
            }
            _ => None,
        }
    }

    /// The resolved key of a literal compared with a value of type `ty`. Keys carry their kind
    /// (`bank:`, `country:`, `s:`, ...), so values of different kinds never meet.
    fn key(&self, ty: &Ty, lit: &Expr) -> Option<String> {
        match (ty, &unparenthesised(lit).node) {
            (Ty::Bank, ExprKind::Str(s)) => Some(format!("bank:{}", self.bank_id(s)?)),
            (Ty::Country, ExprKind::Str(s)) => country_key(s),
            (Ty::Text | Ty::Enum(_), ExprKind::Str(s)) => Some(format!("s:{s}")),
            (Ty::Bool, ExprKind::Bool(b)) => Some(format!("bool:{b}")),
            (Ty::Int, ExprKind::Int(n)) => Some(format!("int:{n}")),
            _ => None,
        }
    }

    /// The resolved key of a member of a set, written as text whatever its type.
    fn key_of_text(&self, ty: &Ty, text: &str) -> Option<String> {
        match ty {
            Ty::Bank => Some(format!("bank:{}", self.bank_id(text)?)),
            Ty::Country => country_key(text),
            Ty::Text | Ty::Enum(_) => Some(format!("s:{text}")),
            Ty::Int => Some(format!("int:{}", text.trim().parse::<i64>().ok()?)),
            _ => None,
        }
    }

    /// Every value a term of type `ty` can have, when there are few: then `!=` and `not in`
    /// can leave a term no value at all.
    fn universe(&self, ty: &Ty) -> Option<BTreeSet<String>> {
        match ty {
            Ty::Bool => Some(["bool:true".to_string(), "bool:false".to_string()].into()),
            Ty::Enum(id) => Some(
                self.schema()?
                    .enums
                    .get(*id as usize)?
                    .values
                    .iter()
                    .map(|v| format!("s:{v}"))
                    .collect(),
            ),
            Ty::Bank => Some(
                (0..self.rules?.set.banks.len())
                    .map(|i| format!("bank:{i}"))
                    .collect(),
            ),
            _ => None,
        }
    }

    /// `e` as an atom known only by its text (a call, a `matches`, a comparison of two terms).
    fn opaque(&self, e: &Expr, positive: bool) -> Formula {
        // `a != b` is `not (a == b)`, `a >= b` is `not (a < b)`: one key for both.
        if let ExprKind::Binary { op, left, right } = &unparenthesised(e).node {
            let normal = match op.node {
                BinaryOp::Ne => Some(BinaryOp::Eq),
                BinaryOp::Ge => Some(BinaryOp::Lt),
                BinaryOp::Gt => Some(BinaryOp::Le),
                BinaryOp::NotIn => Some(BinaryOp::In),
                _ => None,
            };
            if let Some(normal) = normal {
                return Formula::Atom(Atom::Opaque {
                    key: format!(
                        "({} {} {})",
                        print::canonical(left),
                        normal.symbol(),
                        print::canonical(right)
                    ),
                    shown: format!(
                        "{} {} {}",
                        print::expr(left),
                        normal.symbol(),
                        print::expr(right)
                    ),
                    negated: positive,
                });
            }
        }
        Formula::Atom(Atom::Opaque {
            key: print::canonical(e),
            shown: print::expr(unparenthesised(e)),
            negated: !positive,
        })
    }

    /// The formula of condition `e` (of `not e` when `positive` is false).
    pub fn formula(&self, e: &Expr, positive: bool) -> Formula {
        if let Some((op, operands)) = e.node.junction() {
            let parts = operands
                .into_iter()
                .map(|x| self.formula(x, positive))
                .collect();
            return if (op == BinaryOp::And) == positive {
                Formula::And(parts)
            } else {
                Formula::Or(parts)
            };
        }
        match &e.node {
            ExprKind::Paren(inner) => self.formula(inner, positive),
            ExprKind::Bool(b) => Formula::Const(*b == positive),
            ExprKind::Unary { op, operand } if op.node == UnaryOp::Not => {
                self.formula(operand, !positive)
            }
            ExprKind::Binary { op, left, right } => match op.node {
                BinaryOp::And | BinaryOp::Or => {
                    let parts = vec![self.formula(left, positive), self.formula(right, positive)];
                    if (op.node == BinaryOp::And) == positive {
                        Formula::And(parts)
                    } else {
                        Formula::Or(parts)
                    }
                }
                BinaryOp::In | BinaryOp::NotIn => self
                    .membership(left, right, op.node == BinaryOp::NotIn, positive)
                    .unwrap_or_else(|| self.opaque(e, positive)),
                other => match Op::from_binary(other) {
                    Some(cmp) => self
                        .comparison(cmp, left, right, positive)
                        .unwrap_or_else(|| self.opaque(e, positive)),
                    None => self.opaque(e, positive),
                },
            },
            ExprKind::Path(_) if self.expr_ty(e) == Some(Ty::Bool) => {
                Formula::Atom(Atom::Lit(LitAtom {
                    term: print::canonical(e),
                    keys: ["bool:true".to_string()].into(),
                    negated: !positive,
                    universe: self.universe(&Ty::Bool),
                    shown: Shown::One("true".into()),
                }))
            }
            _ => self.opaque(e, positive),
        }
    }

    /// `left op right` with a constant on one side (an integer atom), a literal on one side (a
    /// value atom), or the same term on both; `None` for anything else.
    fn comparison(&self, op: Op, left: &Expr, right: &Expr, positive: bool) -> Option<Formula> {
        let op = if positive { op } else { op.negated() };
        match (constant(left), constant(right)) {
            (Some((a, ..)), Some((b, ..))) => return Some(Formula::Const(op.holds(a, b))),
            (None, Some((n, shown, date))) => return Some(self.int_atom(op, left, n, shown, date)),
            (Some((n, shown, date)), None) => {
                return Some(self.int_atom(op.flipped(), right, n, shown, date))
            }
            (None, None) => {}
        }
        if matches!(op, Op::Eq | Op::Ne) {
            let is_literal = |e: &Expr| {
                matches!(
                    unparenthesised(e).node,
                    ExprKind::Str(_) | ExprKind::Bool(_)
                )
            };
            let (term, lit) = if is_literal(right) && !is_literal(left) {
                (left, right)
            } else if is_literal(left) && !is_literal(right) {
                (right, left)
            } else {
                (left, right)
            };
            if is_literal(lit) && !is_literal(term) {
                let ty = self.expr_ty(term)?;
                let key = self.key(&ty, lit)?;
                return Some(Formula::Atom(Atom::Lit(LitAtom {
                    term: print::canonical(term),
                    keys: [key].into(),
                    negated: op == Op::Ne,
                    universe: self.universe(&ty),
                    shown: Shown::One(print::expr(unparenthesised(lit))),
                })));
            }
        }
        if print::canonical(left) == print::canonical(right) {
            return Some(Formula::Const(matches!(op, Op::Eq | Op::Le | Op::Ge)));
        }
        None
    }

    fn int_atom(&self, op: Op, term: &Expr, n: i64, shown_n: String, date: bool) -> Formula {
        let length = matches!(&unparenthesised(term).node, ExprKind::Call { function, .. }
            if function.node == "len" && !self.lets.contains(&"len"));
        Formula::Atom(Atom::Int(IntAtom {
            term: print::canonical(term),
            op,
            n,
            shown: shown_n,
            date,
            length,
        }))
    }

    /// `value in [...]` or `value in SET` as a value atom; `None` when the values cannot all be
    /// resolved.
    fn membership(
        &self,
        value: &Expr,
        collection: &Expr,
        not_in: bool,
        positive: bool,
    ) -> Option<Formula> {
        let term_ty = self.expr_ty(value);
        let (keys, shown_as, ty) = match &unparenthesised(collection).node {
            ExprKind::List(items) => {
                let ty = term_ty?;
                let keys: Option<BTreeSet<String>> =
                    items.iter().map(|i| self.key(&ty, i)).collect();
                let shown_items: Vec<String> = items
                    .iter()
                    .map(|i| print::expr(unparenthesised(i)))
                    .collect();
                let shown_as = if shown_items.len() == 1 {
                    Shown::One(shown_items[0].clone())
                } else {
                    Shown::List(shown_items)
                };
                (keys?, shown_as, ty)
            }
            ExprKind::Path(p) if p.segments.len() == 1 => {
                let set = self.set(&p.segments[0].node)?;
                // A set whose members change over time holds different values on different
                // days; reasoning about it as one set could prove the wrong thing.
                if set.values.iter().any(|v| v.period.is_some()) {
                    return None;
                }
                let ty = term_ty.unwrap_or_else(|| {
                    SetType::parse(&set.ty.node).map_or(Ty::Text, SetType::member_ty)
                });
                let keys: BTreeSet<String> = set
                    .values
                    .iter()
                    .filter_map(|v| self.key_of_text(&ty, &v.text.node))
                    .collect();
                (keys, Shown::Set(set.name.node.clone()), ty)
            }
            _ => return None,
        };
        Some(Formula::Atom(Atom::Lit(LitAtom {
            term: print::canonical(value),
            keys,
            negated: not_in == positive,
            universe: self.universe(&ty),
            shown: shown_as,
        })))
    }
}
