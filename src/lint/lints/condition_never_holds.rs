//! A condition that can never be true.
//!
//! This module also holds the reasoning shared by `condition-always-holds`,
//! `contradicting-requirements` and `bank-outside-whitelist`: a condition is turned into a
//! formula over comparisons of one term (the same expression, however it is spaced) with
//! constants, and conjunctions of those are checked for consistency (intervals for numbers and
//! dates, sets of values for texts, enumerations, banks and countries, `a` against `not a` for
//! anything else).

use std::collections::BTreeSet;

use crate::compile::ir::{Schema, Ty};
use crate::compile::signatures;
use crate::lint::context::subexpressions;
use crate::lint::{Category, LintContext, LintFinding, LintInfo};
use crate::syntax::ast::*;
use crate::Rules;

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

// ---------------------------------------------------------------------------------------------
// Formulas

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Op {
    fn from_binary(op: BinaryOp) -> Option<Op> {
        Some(match op {
            BinaryOp::Eq => Op::Eq,
            BinaryOp::Ne => Op::Ne,
            BinaryOp::Lt => Op::Lt,
            BinaryOp::Le => Op::Le,
            BinaryOp::Gt => Op::Gt,
            BinaryOp::Ge => Op::Ge,
            _ => return None,
        })
    }

    /// `a op b` is `not (a negated b)`.
    fn negated(self) -> Op {
        match self {
            Op::Eq => Op::Ne,
            Op::Ne => Op::Eq,
            Op::Lt => Op::Ge,
            Op::Le => Op::Gt,
            Op::Gt => Op::Le,
            Op::Ge => Op::Lt,
        }
    }

    /// `a op b` is `b flipped a`.
    fn flipped(self) -> Op {
        match self {
            Op::Lt => Op::Gt,
            Op::Le => Op::Ge,
            Op::Gt => Op::Lt,
            Op::Ge => Op::Le,
            other => other,
        }
    }

    fn holds(self, a: i64, b: i64) -> bool {
        match self {
            Op::Eq => a == b,
            Op::Ne => a != b,
            Op::Lt => a < b,
            Op::Le => a <= b,
            Op::Gt => a > b,
            Op::Ge => a >= b,
        }
    }
}

/// `TERM op N`: a number or a date (as a day number) compared with a constant.
#[derive(Debug, Clone)]
pub(crate) struct IntAtom {
    term: String,
    op: Op,
    n: i64,
    /// The constant as written (`20`, `2026-01-31`).
    shown: String,
    date: bool,
    /// The term is `len(...)`, which is never negative.
    length: bool,
}

impl IntAtom {
    fn phrase(&self) -> String {
        let n = &self.shown;
        if self.date {
            match self.op {
                Op::Eq => format!("be {n}"),
                Op::Ne => format!("not be {n}"),
                Op::Lt => format!("be before {n}"),
                Op::Le => format!("be on or before {n}"),
                Op::Gt => format!("be after {n}"),
                Op::Ge => format!("be on or after {n}"),
            }
        } else {
            match self.op {
                Op::Eq => format!("be {n}"),
                Op::Ne => format!("not be {n}"),
                Op::Lt => format!("be less than {n}"),
                Op::Le => format!("be at most {n}"),
                Op::Gt => format!("be greater than {n}"),
                Op::Ge => format!("be at least {n}"),
            }
        }
    }
}

/// `TERM == "x"`, `TERM in [...]`, `TERM in SET` and their negations.
#[derive(Debug, Clone)]
pub(crate) struct LitAtom {
    term: String,
    /// The values, resolved (a bank by id, a country by its two-letter code).
    keys: BTreeSet<String>,
    negated: bool,
    /// Every value the term can have, when there are few (an enumeration, a bool, a bank).
    universe: Option<BTreeSet<String>>,
    /// `"debit"`, `one of "a", "b"`, `` in `alipay_banks` ``.
    shown: Shown,
}

#[derive(Debug, Clone)]
enum Shown {
    One(String),
    List(Vec<String>),
    Set(String),
}

impl LitAtom {
    fn phrase(&self) -> String {
        match (&self.shown, self.negated) {
            (Shown::One(v), false) => format!("be {v}"),
            (Shown::One(v), true) => format!("not be {v}"),
            (Shown::List(vs), false) => format!("be one of {}", vs.join(", ")),
            (Shown::List(vs), true) => format!("be none of {}", vs.join(", ")),
            (Shown::Set(s), false) => format!("be in `{s}`"),
            (Shown::Set(s), true) => format!("not be in `{s}`"),
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) enum Atom {
    Int(IntAtom),
    Lit(LitAtom),
    /// Anything else, known only by its text: `a` and `not a` still contradict.
    Opaque {
        key: String,
        shown: String,
        negated: bool,
    },
}

/// A condition in negation normal form.
#[derive(Debug, Clone)]
pub(crate) enum Formula {
    Const(bool),
    Atom(Atom),
    And(Vec<Formula>),
    Or(Vec<Formula>),
}

/// How many alternatives (conjunctions) a condition may expand to before we give up.
const MAX_ALTERNATIVES: usize = 256;

fn dnf(f: &Formula) -> Option<Vec<Vec<&Atom>>> {
    Some(match f {
        Formula::Const(true) => vec![vec![]],
        Formula::Const(false) => vec![],
        Formula::Atom(a) => vec![vec![a]],
        Formula::Or(fs) => {
            let mut out = Vec::new();
            for f in fs {
                out.extend(dnf(f)?);
                if out.len() > MAX_ALTERNATIVES {
                    return None;
                }
            }
            out
        }
        Formula::And(fs) => {
            let mut out: Vec<Vec<&Atom>> = vec![vec![]];
            for f in fs {
                let part = dnf(f)?;
                let mut next = Vec::new();
                for a in &out {
                    for b in &part {
                        let mut c = a.clone();
                        c.extend(b.iter().copied());
                        next.push(c);
                    }
                }
                if next.len() > MAX_ALTERNATIVES {
                    return None;
                }
                out = next;
            }
            out
        }
    })
}

/// When `f` can never be true: why, in plain words, for each way it could have held (empty
/// when it is false because of the constants `true` and `false` alone). `None` when it can be
/// true, or is too large to tell.
pub(crate) fn never(f: &Formula) -> Option<Vec<String>> {
    let alternatives = dnf(f)?;
    let mut reasons: Vec<String> = Vec::new();
    for conj in alternatives {
        let reason = conflict(&conj)?;
        if !reasons.contains(&reason) {
            reasons.push(reason);
        }
    }
    Some(reasons)
}

/// The reasons as one clause.
pub(crate) fn explain(reasons: &[String]) -> String {
    match reasons {
        [] => "it is false whatever the profile holds".to_string(),
        [one] => one.clone(),
        many => format!("each way it could hold is impossible: {}", many.join("; ")),
    }
}

/// "be greater than 20" and "be less than 5" make "be greater than 20 and less than 5".
fn join_phrases(phrases: &[String]) -> String {
    let shared_be = phrases.first().is_some_and(|p| p.starts_with("be "));
    let phrases: Vec<String> = phrases
        .iter()
        .enumerate()
        .map(|(i, p)| match p.strip_prefix("be ") {
            Some(rest) if i > 0 && shared_be => rest.to_string(),
            _ => p.clone(),
        })
        .collect();
    match phrases.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Why the atoms cannot all be true at once, or `None` when they can.
fn conflict(atoms: &[&Atom]) -> Option<String> {
    // Numbers and dates, per term.
    let mut terms: Vec<&str> = Vec::new();
    for a in atoms {
        if let Atom::Int(i) = a {
            if !terms.contains(&i.term.as_str()) {
                terms.push(&i.term);
            }
        }
    }
    for term in terms {
        let ints: Vec<&IntAtom> = atoms
            .iter()
            .filter_map(|a| match a {
                Atom::Int(i) if i.term == term => Some(i),
                _ => None,
            })
            .collect();
        if let Some(reason) = int_conflict(term, &ints) {
            return Some(reason);
        }
    }
    // Values, per term.
    let mut terms: Vec<&str> = Vec::new();
    for a in atoms {
        if let Atom::Lit(l) = a {
            if !terms.contains(&l.term.as_str()) {
                terms.push(&l.term);
            }
        }
    }
    for term in terms {
        let lits: Vec<&LitAtom> = atoms
            .iter()
            .filter_map(|a| match a {
                Atom::Lit(l) if l.term == term => Some(l),
                _ => None,
            })
            .collect();
        if let Some(reason) = lit_conflict(term, &lits) {
            return Some(reason);
        }
    }
    // `a` and `not a`.
    for a in atoms {
        if let Atom::Opaque {
            key,
            shown,
            negated: false,
        } = a
        {
            let opposite = atoms
                .iter()
                .any(|b| matches!(b, Atom::Opaque { key: k, negated: true, .. } if k == key));
            if opposite {
                return Some(format!("`{shown}` would have to be both true and false"));
            }
        }
    }
    None
}

fn int_conflict(term: &str, atoms: &[&IntAtom]) -> Option<String> {
    let length = atoms.iter().any(|a| a.length);
    let mut lo: i128 = if length { 0 } else { i128::MIN };
    let mut lo_src: Option<usize> = None;
    let mut hi: i128 = i128::MAX;
    let mut hi_src: Option<usize> = None;
    let mut excluded: Vec<(i64, usize)> = Vec::new();
    for (i, a) in atoms.iter().enumerate() {
        let n = i128::from(a.n);
        let (low, high) = match a.op {
            Op::Eq => (Some(n), Some(n)),
            Op::Lt => (None, Some(n - 1)),
            Op::Le => (None, Some(n)),
            Op::Gt => (Some(n + 1), None),
            Op::Ge => (Some(n), None),
            Op::Ne => {
                excluded.push((a.n, i));
                (None, None)
            }
        };
        if let Some(low) = low.filter(|l| *l > lo) {
            lo = low;
            lo_src = Some(i);
        }
        if let Some(high) = high.filter(|h| *h < hi) {
            hi = high;
            hi_src = Some(i);
        }
    }
    let never_negative = ", and a length is never negative";
    if lo > hi {
        let mut used: Vec<usize> = lo_src.into_iter().chain(hi_src).collect();
        used.sort_unstable();
        used.dedup();
        let phrases: Vec<String> = used.iter().map(|&i| atoms[i].phrase()).collect();
        let tail = if lo_src.is_none() { never_negative } else { "" };
        return Some(format!(
            "`{term}` would have to {}{tail}",
            join_phrases(&phrases)
        ));
    }
    let mut holes: Vec<i64> = excluded
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| (lo..=hi).contains(&i128::from(*n)))
        .collect();
    holes.sort_unstable();
    holes.dedup();
    if hi.saturating_sub(lo).saturating_add(1) <= holes.len() as i128 {
        let mut used: Vec<usize> = lo_src.into_iter().chain(hi_src).collect();
        used.extend(excluded.iter().map(|(_, i)| *i));
        used.sort_unstable();
        used.dedup();
        let phrases: Vec<String> = used.iter().map(|&i| atoms[i].phrase()).collect();
        let tail = if lo_src.is_none() && length {
            never_negative
        } else {
            ""
        };
        return Some(format!(
            "`{term}` would have to {}{tail}",
            join_phrases(&phrases)
        ));
    }
    None
}

fn lit_conflict(term: &str, atoms: &[&LitAtom]) -> Option<String> {
    let universe = atoms.iter().find_map(|a| a.universe.clone());
    let positives: Vec<&LitAtom> = atoms.iter().copied().filter(|a| !a.negated).collect();
    let negatives: Vec<&LitAtom> = atoms.iter().copied().filter(|a| a.negated).collect();
    let mut allowed: Option<BTreeSet<String>> = universe.clone();
    for p in &positives {
        allowed = Some(match allowed {
            None => p.keys.clone(),
            Some(a) => a.intersection(&p.keys).cloned().collect(),
        });
    }
    let phrase_of = |atoms: &[&LitAtom]| {
        let phrases: Vec<String> = atoms.iter().map(|a| a.phrase()).collect();
        format!("`{term}` would have to {}", join_phrases(&phrases))
    };
    if !positives.is_empty() && allowed.as_ref().is_some_and(|a| a.is_empty()) {
        // The smallest explanation: two values that share nothing, if there are two.
        for (i, a) in positives.iter().enumerate() {
            for b in &positives[i + 1..] {
                if a.keys.is_disjoint(&b.keys) {
                    return Some(phrase_of(&[a, b]));
                }
            }
        }
        return Some(phrase_of(&positives));
    }
    let allowed = allowed?;
    let excluded: BTreeSet<&String> = negatives.iter().flat_map(|n| n.keys.iter()).collect();
    if allowed.iter().all(|k| excluded.contains(k)) {
        let mut used: Vec<&LitAtom> = positives.clone();
        used.extend(
            negatives
                .iter()
                .copied()
                .filter(|n| n.keys.iter().any(|k| allowed.contains(k))),
        );
        let mut reason = phrase_of(&used);
        if positives.is_empty() {
            reason.push_str(", and it has no other value");
        }
        return Some(reason);
    }
    None
}

// ---------------------------------------------------------------------------------------------
// From expressions to formulas

/// The text of an expression, the same however it is spaced or parenthesised.
pub(crate) fn term_key(e: &Expr) -> String {
    crate::syntax::print::canonical(e)
}

/// The text of an expression as a reader would write it (the author's parentheses kept).
pub(crate) fn shown(e: &Expr) -> String {
    crate::syntax::print::expr(e)
}

/// `e` without the parentheses around it.
pub(crate) fn strip(e: &Expr) -> &Expr {
    match &e.node {
        ExprKind::Paren(inner) => strip(inner),
        _ => e,
    }
}

/// An integer or a date constant, as a number (dates as day numbers), and as written.
fn constant(e: &Expr) -> Option<(i64, String, bool)> {
    match &strip(e).node {
        ExprKind::Int(n) => Some((*n, n.to_string(), false)),
        ExprKind::Unary { op, operand } if op.node == UnaryOp::Neg => match &strip(operand).node {
            ExprKind::Int(n) => Some((-n, format!("-{n}"), false)),
            _ => None,
        },
        ExprKind::Date(d) => Some((day_number(d)?, d.clone(), true)),
        _ => None,
    }
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date.
fn day_number(d: &str) -> Option<i64> {
    let date: jiff::civil::Date = d.parse().ok()?;
    let (y, m, d) = (
        i64::from(date.year()),
        i64::from(date.month()),
        i64::from(date.day()),
    );
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

fn country_code(text: &str) -> Option<String> {
    let t = text.trim();
    let code = match t.len() {
        2 => isocountry::CountryCode::for_alpha2_caseless(t).ok()?,
        3 => isocountry::CountryCode::for_alpha3_caseless(t).ok()?,
        _ => return None,
    };
    Some(code.alpha2().to_string())
}

/// Turns conditions of one app into formulas: knows the schema (when the rules compile), the
/// sets and definitions in scope, and the variables of `for` blocks and quantifiers.
pub(crate) struct Analyser<'a> {
    rules: Option<&'a Rules>,
    sets: Vec<&'a SetDecl>,
    lets: Vec<&'a str>,
    vars: Vec<(String, Option<Ty>)>,
}

impl<'a> Analyser<'a> {
    pub fn new(cx: &'a LintContext<'_>, app: &'a AppDecl) -> Self {
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
            rules: cx.rules.as_ref(),
            sets,
            lets,
            vars: Vec::new(),
        }
    }

    /// An analyser for the place of a requirement: the variables of its `for` blocks bound.
    pub fn at_site(
        cx: &'a LintContext<'_>,
        site: &crate::lint::context::RequirementSite<'a>,
    ) -> Self {
        let mut an = Analyser::new(cx, site.app);
        for scope in &site.scopes {
            if let crate::lint::context::Scope::For(f) = scope {
                an.bind(&f.var.node, &f.list.node);
            }
        }
        an
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

    pub fn unbind(&mut self) {
        self.vars.pop();
    }

    pub fn set(&self, name: &str) -> Option<&'a SetDecl> {
        self.sets.iter().copied().find(|s| s.name.node == name)
    }

    pub fn bank_id(&self, text: &str) -> Option<u16> {
        self.rules?.set.find_bank(text)
    }

    pub fn path_ty(&self, p: &Path) -> Option<Ty> {
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

    pub fn expr_ty(&self, e: &Expr) -> Option<Ty> {
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

    /// The resolved key of a literal compared with a value of type `ty`.
    fn key(&self, ty: &Ty, lit: &Expr) -> Option<String> {
        match (ty, &strip(lit).node) {
            (Ty::Bank, ExprKind::Str(s)) => Some(format!("bank:{}", self.bank_id(s)?)),
            (Ty::Country, ExprKind::Str(s)) => Some(format!("country:{}", country_code(s)?)),
            (Ty::Text | Ty::Enum(_), ExprKind::Str(s)) => Some(format!("s:{s}")),
            (Ty::Bool, ExprKind::Bool(b)) => Some(format!("bool:{b}")),
            (Ty::Int, ExprKind::Int(n)) => Some(format!("int:{n}")),
            _ => None,
        }
    }

    fn key_of_text(&self, ty: &Ty, text: &str) -> Option<String> {
        match ty {
            Ty::Bank => Some(format!("bank:{}", self.bank_id(text)?)),
            Ty::Country => Some(format!("country:{}", country_code(text)?)),
            Ty::Text | Ty::Enum(_) => Some(format!("s:{text}")),
            Ty::Int => Some(format!("int:{}", text.trim().parse::<i64>().ok()?)),
            _ => None,
        }
    }

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

    fn opaque(&self, e: &Expr, positive: bool) -> Formula {
        // `a != b` is `not (a == b)`, `a >= b` is `not (a < b)`: one key for both.
        if let ExprKind::Binary { op, left, right } = &strip(e).node {
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
                        term_key(left),
                        normal.symbol(),
                        term_key(right)
                    ),
                    shown: format!("{} {} {}", shown(left), normal.symbol(), shown(right)),
                    negated: positive,
                });
            }
        }
        Formula::Atom(Atom::Opaque {
            key: term_key(e),
            shown: shown(strip(e)),
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
                    term: term_key(e),
                    keys: ["bool:true".to_string()].into(),
                    negated: !positive,
                    universe: self.universe(&Ty::Bool),
                    shown: Shown::One("true".into()),
                }))
            }
            _ => self.opaque(e, positive),
        }
    }

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
            let is_literal =
                |e: &Expr| matches!(strip(e).node, ExprKind::Str(_) | ExprKind::Bool(_));
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
                    term: term_key(term),
                    keys: [key].into(),
                    negated: op == Op::Ne,
                    universe: self.universe(&ty),
                    shown: Shown::One(shown(strip(lit))),
                })));
            }
        }
        if term_key(left) == term_key(right) {
            return Some(Formula::Const(matches!(op, Op::Eq | Op::Le | Op::Ge)));
        }
        None
    }

    fn int_atom(&self, op: Op, term: &Expr, n: i64, shown_n: String, date: bool) -> Formula {
        let length = matches!(&strip(term).node, ExprKind::Call { function, .. }
            if function.node == "len" && !self.lets.contains(&"len"));
        Formula::Atom(Atom::Int(IntAtom {
            term: term_key(term),
            op,
            n,
            shown: shown_n,
            date,
            length,
        }))
    }

    fn membership(
        &self,
        value: &Expr,
        collection: &Expr,
        not_in: bool,
        positive: bool,
    ) -> Option<Formula> {
        let term_ty = self.expr_ty(value);
        let (keys, shown_as, ty) = match &strip(collection).node {
            ExprKind::List(items) => {
                let ty = term_ty?;
                let keys: Option<BTreeSet<String>> =
                    items.iter().map(|i| self.key(&ty, i)).collect();
                let shown_items: Vec<String> = items.iter().map(|i| shown(strip(i))).collect();
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
                    use crate::compile::types::SetType;
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
            term: term_key(value),
            keys,
            negated: not_in == positive,
            universe: self.universe(&ty),
            shown: shown_as,
        })))
    }
}

// ---------------------------------------------------------------------------------------------
// The lint: every condition of every app

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
        let e = strip(e);
        match &e.node {
            ExprKind::Unary { op, operand } if op.node == UnaryOp::Not => self.parts(operand),
            node if node.junction().is_some() => {
                let (op, operands) = node.junction().expect("a junction");
                for part in operands {
                    let part = strip(part);
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
