//! How a declaration's clauses become its fields.
//!
//! Most declarations are `KEYWORD NAME { clause* }`, where a clause is a keyword and a value
//! and may be written in any order. What varies is only which grammar rule fills which field,
//! how its value is read, and whether it may be given once or many times; `clauses!` states
//! exactly that, one line per clause, so that every declaration reports a second `title` (or
//! `when`, or `message`) with the same words.

use std::iter::Peekable;

use pest::iterators::{Pair, Pairs};

use super::AstBuilder;
use crate::diagnostic::Diag;
use crate::source::Span;
use crate::syntax::ast::{Docs, Name};
use crate::syntax::grammar::Rule;

/// Reads the clauses of a declaration into the fields of `decl`, one line per grammar rule:
///
/// ```text
/// clauses!(self, pairs => decl {
///     rule => once FIELD "keyword" = READER(value);  // at most once: a second is reported
///     rule => push FIELD = READER(clause);            // one more entry of a list
///     rule | rule => extend FIELD = READER(value);    // several more entries
///     rule => |p| EXPRESSION;                         // anything else, with the clause as `p`
///     _ => |p| EXPRESSION;                            // optional: every other pair
/// });
/// ```
///
/// `READER` is a method of the builder. `READER(value)` applies it to the clause's value (its
/// last inner pair: the `"Alipay"` of `title "Alipay"`), `READER(clause)` to the whole clause
/// (an `allow`, a `period`, a nested declaration). The value is read before a duplicate is
/// reported, so the errors inside a second clause are not lost. Pairs no line names (the
/// braces) are skipped unless a `_` line says otherwise.
macro_rules! clauses {
    ($b:ident, $pairs:expr => $decl:ident { $($lines:tt)* }) => {
        for clause in $pairs {
            clauses!(@line $b, clause, $decl, [] $($lines)*);
        }
    };
    (@line $b:ident, $c:ident, $d:ident, [$($arms:tt)*]
        $($rule:ident)|+ => once $field:ident $keyword:literal = $read:ident($from:ident);
        $($rest:tt)*) => {
        clauses!(@line $b, $c, $d, [$($arms)* $(Rule::$rule)|+ => {
            let value = $b.$read(clauses!(@from $c, $from));
            $b.set_once(&mut $d.$field, value, &$c, $keyword);
        }] $($rest)*)
    };
    (@line $b:ident, $c:ident, $d:ident, [$($arms:tt)*]
        $($rule:ident)|+ => push $field:ident = $read:ident($from:ident);
        $($rest:tt)*) => {
        clauses!(@line $b, $c, $d, [$($arms)* $(Rule::$rule)|+ => {
            let value = $b.$read(clauses!(@from $c, $from));
            $d.$field.push(value);
        }] $($rest)*)
    };
    (@line $b:ident, $c:ident, $d:ident, [$($arms:tt)*]
        $($rule:ident)|+ => extend $field:ident = $read:ident($from:ident);
        $($rest:tt)*) => {
        clauses!(@line $b, $c, $d, [$($arms)* $(Rule::$rule)|+ => {
            let values = $b.$read(clauses!(@from $c, $from));
            $d.$field.extend(values);
        }] $($rest)*)
    };
    (@line $b:ident, $c:ident, $d:ident, [$($arms:tt)*]
        $($rule:ident)|+ => |$p:ident| $body:expr;
        $($rest:tt)*) => {
        clauses!(@line $b, $c, $d, [$($arms)* $(Rule::$rule)|+ => {
            let $p = $c;
            $body;
        }] $($rest)*)
    };
    (@line $b:ident, $c:ident, $d:ident, [$($arms:tt)*] _ => |$p:ident| $body:expr;) => {
        match $c.as_rule() {
            $($arms)*
            _ => {
                let $p = $c;
                $body;
            }
        }
    };
    (@line $b:ident, $c:ident, $d:ident, [$($arms:tt)*]) => {
        match $c.as_rule() {
            $($arms)*
            _ => {}
        }
    };
    (@from $c:ident, value) => {
        super::last_inner(&$c)
    };
    (@from $c:ident, clause) => {
        $c.clone()
    };
}
pub(super) use clauses;

/// What every named declaration starts with: its `///` docs, its keyword and its name.
pub(super) struct Header {
    pub docs: Docs,
    pub name: Name,
    /// The whole declaration.
    pub span: Span,
}

impl AstBuilder<'_> {
    /// Reads the docs, the keyword and the name of a declaration, and returns them with the
    /// pairs that follow: its clauses.
    pub(super) fn header<'i>(&self, pair: Pair<'i, Rule>) -> (Header, Peekable<Pairs<'i, Rule>>) {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().peekable();
        let docs = self.docs(&mut inner);
        inner.next(); // the keyword
        let name = self.name(inner.next().expect("a declaration names what it declares"));
        (Header { docs, name, span }, inner)
    }

    /// Sets `slot` unless it is already set, in which case the duplicate is reported.
    pub(super) fn set_once<T>(
        &mut self,
        slot: &mut Option<T>,
        value: T,
        pair: &Pair<'_, Rule>,
        what: &str,
    ) {
        if slot.is_some() {
            let span = self.span(pair);
            self.error(
                Diag::at(&span, format!("`{what}` is given twice"), "second one here")
                    .with_help(format!("keep one `{what}` clause and delete the other")),
            );
        } else {
            *slot = Some(value);
        }
    }
}
