//! Conditions as formulas: comparisons of one term with constants (the atoms), joined by `and`
//! and `or`, with every `not` pushed down into the atoms (negation normal form).
//!
//! An atom knows its term only by text (`print::canonical`, the same however it is spaced or
//! parenthesised), so two atoms speak about the same value exactly when their terms match. Each
//! atom also says in words what it asks of its term ("be greater than 20"), for explanations.

use std::collections::BTreeSet;

use crate::syntax::ast::BinaryOp;

/// A comparison of a term with a constant.
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
    pub(crate) fn from_binary(op: BinaryOp) -> Option<Op> {
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
    pub(crate) fn negated(self) -> Op {
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
    pub(crate) fn flipped(self) -> Op {
        match self {
            Op::Lt => Op::Gt,
            Op::Le => Op::Ge,
            Op::Gt => Op::Lt,
            Op::Ge => Op::Le,
            other => other,
        }
    }

    pub(crate) fn holds(self, a: i64, b: i64) -> bool {
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
    pub(crate) term: String,
    pub(crate) op: Op,
    pub(crate) n: i64,
    /// The constant as written (`20`, `2026-01-31`).
    pub(crate) shown: String,
    pub(crate) date: bool,
    /// The term is `len(...)`, which is never negative.
    pub(crate) length: bool,
}

impl IntAtom {
    /// What the atom asks of its term: "be greater than 20", "be before 2026-01-31".
    pub(crate) fn phrase(&self) -> String {
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
    pub(crate) term: String,
    /// The values, resolved (a bank by id, a country by its two-letter code), so that two
    /// spellings of one value are one key.
    pub(crate) keys: BTreeSet<String>,
    pub(crate) negated: bool,
    /// Every value the term can have, when there are few (an enumeration, a bool, a bank).
    pub(crate) universe: Option<BTreeSet<String>>,
    /// `"debit"`, `one of "a", "b"`, `` in `alipay_banks` ``.
    pub(crate) shown: Shown,
}

/// How the values of a [`LitAtom`] were written.
#[derive(Debug, Clone)]
pub(crate) enum Shown {
    One(String),
    List(Vec<String>),
    Set(String),
}

impl LitAtom {
    /// What the atom asks of its term: "be \"debit\"", "not be in `alipay_banks`".
    pub(crate) fn phrase(&self) -> String {
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

/// What an atom speaks about. Atoms clash only with atoms of the same subject (numbers about
/// one term, values about one term, `a` against `not a`; see `contradiction`), so two
/// conditions with no subject in common cannot contradict each other through their own atoms.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Subject {
    Int(String),
    Lit(String),
    Opaque(String),
}

impl Atom {
    pub(crate) fn subject(&self) -> Subject {
        match self {
            Atom::Int(i) => Subject::Int(i.term.clone()),
            Atom::Lit(l) => Subject::Lit(l.term.clone()),
            Atom::Opaque { key, .. } => Subject::Opaque(key.clone()),
        }
    }
}

impl Formula {
    /// The subjects of every atom of the formula.
    pub(crate) fn subjects(&self, out: &mut BTreeSet<Subject>) {
        match self {
            Formula::Const(_) => {}
            Formula::Atom(a) => {
                out.insert(a.subject());
            }
            Formula::And(fs) | Formula::Or(fs) => fs.iter().for_each(|f| f.subjects(out)),
        }
    }
}
