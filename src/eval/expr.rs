//! Expression evaluation over a typed profile, with three-valued logic: a value that cannot
//! be known (a missing or invalid field) makes a condition unknown unless the rest decides it
//! (`false and unknown` is false).

use std::borrow::Cow;
use std::cmp::Ordering;

use jiff::civil::Date;

use super::builtins::{call, CallContext};
use super::value::{PField, PRecord, PVal, Val};
use crate::compile::ir::UNREGISTERED_BANK;
use crate::compile::ir::*;
use crate::syntax::ast::Quantifier;

/// The item a `for` block or quantifier has bound to a local slot.
#[derive(Clone, Copy)]
pub struct LocalItem<'a> {
    pub field: &'a PField<'a>,
    /// Type of the item (the list's element type).
    pub ty: &'a Ty,
    /// The list it came from, and its index there: used to name the item in findings.
    pub list: &'a FieldPath,
    pub index: usize,
}

pub struct Evaluator<'a> {
    pub rules: &'a RuleSet,
    pub root: &'a PRecord<'a>,
    pub today: Date,
    pub verified: Option<bool>,
    pub locals: Vec<Option<LocalItem<'a>>>,
    pub cx: CallContext<'a>,
}

const UNREPORTED: Val<'static> = Val::Unknown { reported: false };
const REPORTED: Val<'static> = Val::Unknown { reported: true };

impl<'a> Evaluator<'a> {
    pub fn new(rules: &'a RuleSet, root: &'a PRecord<'a>, today: Date, locals: usize) -> Self {
        Evaluator {
            rules,
            root,
            today,
            verified: None,
            locals: vec![None; locals],
            cx: CallContext { today, rules },
        }
    }

    /// The field a path ends at, or `None` when a record on the way is absent or invalid
    /// (with whether that was already reported).
    pub fn field(&self, fp: &'a FieldPath) -> Result<(&'a PField<'a>, &'a Ty), bool> {
        let (mut current, mut ty): (Option<&'a PField<'a>>, &'a Ty) = match fp.base {
            Base::Root => (None, &ROOT_TY),
            Base::Local(slot) => match &self.locals[slot as usize] {
                Some(item) => (Some(item.field), item.ty),
                None => return Err(true),
            },
        };
        for &index in fp.fields.iter() {
            let record = match current {
                None => self.root,
                Some(field) => match &field.value {
                    PVal::Record(r) => r,
                    PVal::Missing => return Err(false),
                    _ => return Err(true),
                },
            };
            let Ty::Record(id) = ty else {
                return Err(true);
            };
            current = Some(&record.fields[index as usize]);
            ty = &self.rules.schema.records[*id as usize].fields[index as usize].ty;
        }
        current.map(|f| (f, ty)).ok_or(true)
    }

    pub fn load(&self, fp: &'a FieldPath) -> Val<'a> {
        match self.field(fp) {
            Ok((field, ty)) => pval(&field.value, ty),
            Err(reported) => Val::Unknown { reported },
        }
    }

    /// `and` (`decides` false) or `or` (`decides` true) over the terms, three-valued.
    fn junction(&mut self, terms: &'a [Ex], decides: bool) -> Val<'a> {
        let mut unknown: Option<Val<'a>> = None;
        for term in terms {
            match self.eval(term) {
                Val::Bool(b) if b == decides => return Val::Bool(decides),
                Val::Bool(_) => {}
                u @ Val::Unknown { .. } => unknown = Some(merge_unknown(unknown, u)),
                _ => return UNREPORTED,
            }
        }
        unknown.unwrap_or(Val::Bool(!decides))
    }

    pub fn eval(&mut self, ex: &'a Ex) -> Val<'a> {
        match ex {
            Ex::Const(c) => constant(c),
            Ex::Load(fp) => {
                if fp.fields.is_empty() {
                    if let Base::Local(slot) = fp.base {
                        return match &self.locals[slot as usize] {
                            Some(item) => pval(&item.field.value, item.ty),
                            None => REPORTED,
                        };
                    }
                    return Val::Record(self.root);
                }
                self.load(fp)
            }
            Ex::Today => Val::Date(self.today),
            Ex::Verified => Val::Bool(self.verified.unwrap_or(false)),
            Ex::Not(a) => match self.eval(a) {
                Val::Bool(b) => Val::Bool(!b),
                other => other,
            },
            Ex::Neg(a) => match self.eval(a) {
                Val::Int(i) => Val::Int(i.wrapping_neg()),
                other => other,
            },
            // Three-valued, in order: the first term that decides it (false for `and`, true
            // for `or`) ends it; otherwise an unknown term makes it unknown, reported only if
            // every unknown term was.
            Ex::And(terms) => self.junction(terms, false),
            Ex::Or(terms) => self.junction(terms, true),
            Ex::Cmp(op, a, b) => {
                let (l, r) = (self.eval(a), self.eval(b));
                if let Some(u) = unknown_of(&l, &r) {
                    return u;
                }
                match compare(&l, &r) {
                    Some(ord) => Val::Bool(match op {
                        CmpOp::Eq => ord == Ordering::Equal,
                        CmpOp::Ne => ord != Ordering::Equal,
                        CmpOp::Lt => ord == Ordering::Less,
                        CmpOp::Le => ord != Ordering::Greater,
                        CmpOp::Gt => ord == Ordering::Greater,
                        CmpOp::Ge => ord != Ordering::Less,
                    }),
                    None => Val::Bool(*op == CmpOp::Ne),
                }
            }
            Ex::Concat(parts) => {
                let mut joined = String::new();
                let mut unknown: Option<Val<'a>> = None;
                for part in parts.iter() {
                    match self.eval(part) {
                        Val::Text(t) => joined.push_str(&t),
                        u @ Val::Unknown { .. } => unknown = Some(merge_unknown(unknown, u)),
                        _ => return UNREPORTED,
                    }
                    if joined.len() > crate::compile::signatures::MAX_TEXT_BYTES {
                        return UNREPORTED;
                    }
                }
                unknown.unwrap_or(Val::Text(Cow::Owned(joined)))
            }
            Ex::Sum(head, terms) => {
                let mut unknown: Option<Val<'a>> = None;
                let mut total = match self.eval(head) {
                    Val::Int(i) => i,
                    u @ Val::Unknown { .. } => {
                        unknown = Some(u);
                        0
                    }
                    _ => return UNREPORTED,
                };
                for (minus, term) in terms.iter() {
                    match self.eval(term) {
                        Val::Int(i) if *minus => total = total.saturating_sub(i),
                        Val::Int(i) => total = total.saturating_add(i),
                        u @ Val::Unknown { .. } => unknown = Some(merge_unknown(unknown, u)),
                        _ => return UNREPORTED,
                    }
                }
                unknown.unwrap_or(Val::Int(total))
            }
            Ex::In {
                value,
                set,
                negated,
            } => {
                let v = self.eval(value);
                if v.is_unknown() {
                    return v;
                }
                let Some(set) = set.on(self.today) else {
                    // No member is in force on this day.
                    return Val::Bool(*negated);
                };
                let found = match (set, &v) {
                    (SetValues::Banks(member), Val::Bank(id)) => {
                        member.get(*id as usize).copied().unwrap_or(false)
                    }
                    (SetValues::Enums(mask), Val::Enum(_, i)) => mask & (1 << i) != 0,
                    (SetValues::Texts(texts), Val::Text(t)) => texts.iter().any(|x| **x == **t),
                    (SetValues::Countries(cs), Val::Country(c)) => cs.contains(c),
                    (SetValues::Ints(is), Val::Int(i)) => is.contains(i),
                    _ => false,
                };
                Val::Bool(found != *negated)
            }
            Ex::InList {
                value,
                items,
                negated,
            } => {
                let v = self.eval(value);
                if v.is_unknown() {
                    return v;
                }
                let mut unknown = None;
                for item in items.iter() {
                    let x = self.eval(item);
                    if x.is_unknown() {
                        unknown = Some(x);
                        continue;
                    }
                    if compare(&v, &x) == Some(Ordering::Equal) {
                        return Val::Bool(!*negated);
                    }
                }
                unknown.unwrap_or(Val::Bool(*negated))
            }
            Ex::InField {
                value,
                list,
                negated,
            } => {
                let v = self.eval(value);
                let l = self.eval(list);
                if let Some(u) = unknown_of(&v, &l) {
                    return u;
                }
                let Val::List(items) = l else {
                    return UNREPORTED;
                };
                let Ex::Load(fp) = &**list else {
                    return UNREPORTED;
                };
                let Ty::List(inner) = &fp.ty else {
                    return UNREPORTED;
                };
                let found = items
                    .iter()
                    .any(|item| compare(&v, &pval(&item.value, inner)) == Some(Ordering::Equal));
                Val::Bool(found != *negated)
            }
            Ex::Matches(a, regex) => match self.eval(a) {
                Val::Text(t) => Val::Bool(self.rules.regexes[*regex].is_match(&t)),
                other if other.is_unknown() => other,
                _ => UNREPORTED,
            },
            Ex::Call(builtin, args) => {
                // Built-ins take at most MAX_PARAMS arguments (checked when the table is
                // built): evaluate into a small array, no Vec.
                let mut values: [Val<'a>; crate::compile::signatures::MAX_PARAMS] =
                    std::array::from_fn(|_| UNREPORTED);
                for (slot, arg) in values.iter_mut().zip(args.iter()) {
                    *slot = self.eval(arg);
                }
                call(*builtin, &mut values[..args.len()], &self.cx)
            }
            Ex::Quantified {
                quantifier,
                slot,
                list,
                body,
            } => {
                let items = match self.eval(list) {
                    Val::List(items) => items,
                    other => return other,
                };
                let Ex::Load(fp) = &**list else {
                    return UNREPORTED;
                };
                let Ty::List(inner) = &fp.ty else {
                    return UNREPORTED;
                };
                let saved = self.locals[*slot as usize];
                let mut any_unknown: Option<Val<'a>> = None;
                let mut decided = None;
                for (index, item) in items.iter().enumerate() {
                    self.locals[*slot as usize] = Some(LocalItem {
                        field: item,
                        ty: inner,
                        list: fp,
                        index,
                    });
                    match (self.eval(body), quantifier) {
                        (Val::Bool(true), Quantifier::Some | Quantifier::No) => {
                            decided = Some(*quantifier == Quantifier::Some);
                            break;
                        }
                        (Val::Bool(false), Quantifier::Every) => {
                            decided = Some(false);
                            break;
                        }
                        (v @ Val::Unknown { .. }, _) => any_unknown = Some(v),
                        _ => {}
                    }
                }
                self.locals[*slot as usize] = saved;
                match (decided, any_unknown) {
                    (Some(b), _) => Val::Bool(b),
                    (None, Some(u)) => u,
                    (None, None) => Val::Bool(*quantifier != Quantifier::Some),
                }
            }
        }
    }
}

static ROOT_TY: Ty = Ty::Record(Schema::ROOT);

/// Two unknowns together: reported only if both were.
fn merge_unknown<'a>(seen: Option<Val<'a>>, next: Val<'a>) -> Val<'a> {
    match (seen, next) {
        (Some(Val::Unknown { reported: a }), Val::Unknown { reported: b }) => {
            Val::Unknown { reported: a && b }
        }
        (_, next) => next,
    }
}

fn unknown_of<'a>(a: &Val<'a>, b: &Val<'a>) -> Option<Val<'a>> {
    match (a, b) {
        (Val::Unknown { reported: x }, Val::Unknown { reported: y }) => {
            Some(Val::Unknown { reported: *x && *y })
        }
        (u @ Val::Unknown { .. }, _) | (_, u @ Val::Unknown { .. }) => Some(u.clone()),
        _ => None,
    }
}

/// A profile value as an expression value.
pub fn pval<'a>(value: &'a PVal<'a>, ty: &Ty) -> Val<'a> {
    match value {
        PVal::Missing => UNREPORTED,
        PVal::Invalid => REPORTED,
        PVal::Text(t) => Val::Text(Cow::Borrowed(t)),
        PVal::Date(d) => Val::Date(*d),
        PVal::Bool(b) => Val::Bool(*b),
        PVal::Int(i) => Val::Int(*i),
        PVal::Bank(b) => Val::Bank(*b),
        PVal::Enum(i) => match ty {
            Ty::Enum(id) => Val::Enum(*id, *i),
            _ => REPORTED,
        },
        PVal::Country(c) => Val::Country(*c),
        PVal::Record(r) => Val::Record(r),
        PVal::List(items) => Val::List(items),
    }
}

fn constant(c: &Const) -> Val<'_> {
    match c {
        Const::Bool(b) => Val::Bool(*b),
        Const::Int(i) => Val::Int(*i),
        Const::Text(t) => Val::Text(Cow::Borrowed(t)),
        Const::Date(d) => Val::Date(*d),
        Const::Bank(b) => Val::Bank(*b),
        Const::Enum(id, i) => Val::Enum(*id, *i),
        Const::Country(c) => Val::Country(*c),
    }
}

fn compare(a: &Val<'_>, b: &Val<'_>) -> Option<Ordering> {
    Some(match (a, b) {
        (Val::Bool(x), Val::Bool(y)) => x.cmp(y),
        (Val::Int(x), Val::Int(y)) => x.cmp(y),
        (Val::Text(x), Val::Text(y)) => x.cmp(y),
        (Val::Date(x), Val::Date(y)) => x.cmp(y),
        // Two banks the registry does not know may be different banks: they are not equal.
        (Val::Bank(x), Val::Bank(y)) if *x == UNREGISTERED_BANK || *y == UNREGISTERED_BANK => {
            return None
        }
        (Val::Bank(x), Val::Bank(y)) => x.cmp(y),
        (Val::Enum(i, x), Val::Enum(j, y)) if i == j => x.cmp(y),
        (Val::Country(x), Val::Country(y)) => x.cmp(y),
        _ => return None,
    })
}
