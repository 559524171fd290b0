//! `in` and `not in`: a value in a list, in a named set (whose members may change over time,
//! so a set compiles to its values for each stretch of days) or in a list field of the
//! profile.

use std::sync::Arc;

use super::banks::bank_key;
use super::expr::{article, parse_country, strip_parens, Env, ERROR};
use super::ir::*;
use super::types::SetType;
use super::{unknown, Compiler};
use crate::code::Code;
use crate::diagnostic::Diag;
use crate::source::Span;
use crate::syntax::ast::{self, ExprKind};
use crate::text::did_you_mean;

impl Compiler {
    pub(super) fn membership(
        &mut self,
        negated: bool,
        left: &ast::Expr,
        right: &ast::Expr,
        env: &mut Env,
    ) -> (Ex, Ty) {
        let (l, lt) = self.expr(left, env);
        let right = strip_parens(right);
        match &right.node {
            ExprKind::List(items) => {
                let mut compiled = Vec::new();
                for item in items {
                    let (e, t) = self.expr(item, env);
                    let (e, t) = self.coerce(e, t, &item.span, &lt, left.span.text());
                    if t != lt && t != Ty::Error && lt != Ty::Error {
                        let (a, b) = (self.schema.type_name(&t), self.schema.type_name(&lt));
                        self.error(
                            Diag::at(
                                &item.span,
                                format!(
                                    "this item is {}, but the value tested is {}",
                                    article(&a),
                                    article(&b)
                                ),
                                "different type",
                            )
                            .with_code(Code::TypeMismatch),
                        );
                    }
                    compiled.push(e);
                }
                (
                    Ex::InList {
                        value: Box::new(l),
                        items: compiled.into(),
                        negated,
                    },
                    Ty::Bool,
                )
            }
            ExprKind::Path(path)
                if path.segments.len() == 1 && env.binding(&path.segments[0].node).is_none() =>
            {
                let name = &path.segments[0];
                let global = self.global_sets.clone();
                if let Some(set) = env.find_set(&name.node, &global).cloned() {
                    if !env.used_sets.contains(&set.name.node) {
                        env.used_sets.push(set.name.node.clone());
                    }
                    return match self.set_values(&set, &lt, &left.span) {
                        Some(values) => (
                            Ex::In {
                                value: Box::new(l),
                                set: values,
                                negated,
                            },
                            Ty::Bool,
                        ),
                        None => ERROR,
                    };
                }
                if self
                    .schema
                    .record(Schema::ROOT)
                    .field_index(&name.node)
                    .is_none()
                    && env.find_let(&name.node).is_none()
                {
                    let mut sets: Vec<String> =
                        env.sets.iter().map(|s| s.name.node.clone()).collect();
                    sets.extend(self.global_sets.iter().map(|s| s.name.node.clone()));
                    let refs: Vec<&str> = sets.iter().map(String::as_str).collect();
                    let diag = unknown(&name.node, &name.span, "set", &refs);
                    self.error(diag);
                    return ERROR;
                }
                self.in_field(l, lt, negated, right, env)
            }
            _ => self.in_field(l, lt, negated, right, env),
        }
    }

    pub(super) fn in_field(
        &mut self,
        l: Ex,
        lt: Ty,
        negated: bool,
        right: &ast::Expr,
        env: &mut Env,
    ) -> (Ex, Ty) {
        let (r, rt) = self.expr(right, env);
        match rt {
            Ty::List(inner) if matches!(*inner, Ty::Record(_)) && lt != Ty::Error => {
                self.error(
                    Diag::at(
                        &right.span,
                        "`in` cannot look for a record in a list of records",
                        "records",
                    )
                    .with_help("test a field instead: `some c in bank_cards: c.bank == card.bank`")
                    .with_code(Code::TypeMismatch),
                );
                ERROR
            }
            Ty::List(inner) if *inner == lt || lt == Ty::Error => (
                Ex::InField {
                    value: Box::new(l),
                    list: Box::new(r),
                    negated,
                },
                Ty::Bool,
            ),
            Ty::Error => ERROR,
            other => {
                let n = self.schema.type_name(&other);
                let mut sets: Vec<String> = env.sets.iter().map(|s| s.name.node.clone()).collect();
                sets.extend(self.global_sets.iter().map(|s| s.name.node.clone()));
                let help = if let ExprKind::Path(p) = &right.node {
                    match did_you_mean(&p.dotted(), sets.iter().map(String::as_str)) {
                        Some(s) => format!("did you mean the set `{s}`?"),
                        None => "after `in` write a set's name, a list such as [\"a\", \"b\"], or a list field".into(),
                    }
                } else {
                    "after `in` write a set's name, a list such as [\"a\", \"b\"], or a list field"
                        .into()
                };
                self.error(
                    Diag::at(
                        &right.span,
                        format!(
                            "`in` needs a set or a list on its right, but this is {}",
                            article(&n)
                        ),
                        "not a set",
                    )
                    .with_code(Code::TypeMismatch)
                    .with_help(help),
                );
                ERROR
            }
        }
    }

    /// A named set, specialised to the type of the value tested against it, one version for
    /// each stretch of days in which the same members are in force.
    pub(super) fn set_values(
        &mut self,
        set: &ast::SetDecl,
        target: &Ty,
        target_span: &Span,
    ) -> Option<DatedSet> {
        let periods: Vec<Period> = set
            .values
            .iter()
            .map(|m| super::written_period(m.period.as_ref()))
            .collect();
        let members: Vec<&crate::source::Spanned<String>> =
            set.values.iter().map(|m| &m.text).collect();
        // Unknown members are reported once, on the version of all members.
        let all = self.set_version(set, &members, target, target_span)?;
        if periods.iter().all(Period::is_always) {
            return Some(DatedSet {
                versions: Box::new([(Period::ALWAYS, all)]),
            });
        }
        let errors_before = self.errors.len();
        let mut versions = Vec::new();
        for stretch in stretches(&periods) {
            let in_force: Vec<&crate::source::Spanned<String>> = members
                .iter()
                .zip(&periods)
                .filter(|(_, p)| p.overlaps(&stretch))
                .map(|(m, _)| *m)
                .collect();
            if let Some(values) = self.set_version(set, &in_force, target, target_span) {
                versions.push((stretch, values));
            }
        }
        self.errors.truncate(errors_before);
        Some(DatedSet {
            versions: versions.into(),
        })
    }

    /// The values of some members of a set, specialised to the type tested against it.
    pub(super) fn set_version(
        &mut self,
        set: &ast::SetDecl,
        members: &[&crate::source::Spanned<String>],
        target: &Ty,
        target_span: &Span,
    ) -> Option<SetValues> {
        let declared = set.ty.node.as_str();
        let compatible =
            *target == Ty::Error || SetType::parse(declared).is_some_and(|t| t.holds(target));
        if !compatible {
            let n = self.schema.type_name(target);
            self.error(
                Diag::at(
                    target_span,
                    format!(
                        "set `{}` holds {declared} values, but this is {}",
                        set.name.node,
                        article(&n)
                    ),
                    "wrong type",
                )
                .with_code(Code::TypeMismatch)
                .with_label(&set.name.span, "set declared here")
                .with_help("test a value of the set's type against it"),
            );
            return None;
        }
        Some(match target {
            Ty::Bank => {
                let mut member = vec![false; self.banks.len()];
                for v in members {
                    if let Some(&id) = self.bank_lookup.get(&bank_key(&v.node)) {
                        member[id as usize] = true;
                    }
                }
                SetValues::Banks(member.into())
            }
            Ty::Enum(id) => {
                let values = self.schema.enums[*id as usize].values.clone();
                let mut mask = 0u64;
                for v in members {
                    match values.iter().position(|x| x == &v.node) {
                        Some(i) => mask |= 1 << i,
                        None => {
                            let help =
                                match did_you_mean(&v.node, values.iter().map(String::as_str)) {
                                    Some(s) => format!("did you mean \"{s}\"?"),
                                    None => format!("the values are: {}", values.join(", ")),
                                };
                            self.error(
                                Diag::at(&v.span, format!("\"{}\" is not a value of the field tested against set `{}`", v.node, set.name.node), "unknown value")
                                    .with_label(target_span, "tested here")
                                    .with_help(help),
                            );
                        }
                    }
                }
                SetValues::Enums(mask)
            }
            Ty::Country => SetValues::Countries(
                members
                    .iter()
                    .filter_map(|v| parse_country(&v.node))
                    .collect(),
            ),
            Ty::Int => {
                SetValues::Ints(members.iter().filter_map(|v| v.node.parse().ok()).collect())
            }
            _ => SetValues::Texts(members.iter().map(|v| Arc::from(v.node.as_str())).collect()),
        })
    }
}

/// The stretches of days between the dates where some member's period starts or ends: in
/// each, the same members are in force. Together they cover all days.
fn stretches(periods: &[Period]) -> Vec<Period> {
    // Every day on which a period starts, or the day after one ends.
    let mut starts: Vec<jiff::civil::Date> = periods
        .iter()
        .flat_map(|p| [p.from, p.until.and_then(|u| u.tomorrow().ok())])
        .flatten()
        .collect();
    starts.sort_unstable();
    starts.dedup();
    let mut out = Vec::with_capacity(starts.len() + 1);
    let mut from = None;
    for start in starts {
        out.push(Period {
            from,
            until: start.yesterday().ok(),
        });
        from = Some(start);
    }
    out.push(Period { from, until: None });
    out
}
