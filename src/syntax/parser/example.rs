//! Examples: a profile, a day, edits to the profile, and what the checker must say of it.

use pest::iterators::Pair;

use super::clauses::{clauses, Header};
use super::{last_inner, AstBuilder};
use crate::diagnostic::Diag;
use crate::source::Spanned;
use crate::syntax::ast::*;
use crate::syntax::grammar::Rule;

impl AstBuilder<'_> {
    /// `example NAME { ... }` in an app, or `example NAME for APP { ... }` outside one.
    pub(super) fn example(&mut self, pair: Pair<'_, Rule>) -> Example {
        let (Header { docs, name, span }, mut clauses) = self.header(pair);
        let mut app = None;
        if clauses.peek().is_some_and(|p| p.as_rule() == Rule::kw_for) {
            clauses.next();
            app = clauses.next().map(|p| self.name(p));
        }
        let mut example = Example {
            docs,
            name,
            app,
            span,
            ..Example::default()
        };
        clauses!(self, clauses => example {
            example_today => once today "today" = date(value);
            example_profile => once profile "profile" = inline_profile(value);
            example_file => once profile "profile" = profile_file(value);
            example_from => once from "from" = name(value);
            example_set | example_remove => push edits = profile_edit(clause);
            expect_verified | expect_unlocks | expect_outcome | expect_limit | expect_no_limit
            | expect_fix | expect_no_fix | expect_no | expect_fires
                => push expectations = expectation(clause);
        });
        example
    }

    /// `profile """..."""`: a profile written in the rule file.
    fn inline_profile(&mut self, pair: Pair<'_, Rule>) -> ExampleProfile {
        ExampleProfile::Inline(self.string(pair))
    }

    /// `profile file "..."`: a profile file beside the rule file.
    fn profile_file(&mut self, pair: Pair<'_, Rule>) -> ExampleProfile {
        ExampleProfile::File(self.string(pair))
    }

    /// `set PATH = VALUE` or `remove PATH`.
    fn profile_edit(&mut self, clause: Pair<'_, Rule>) -> ProfileEdit {
        if clause.as_rule() == Rule::example_remove {
            return ProfileEdit::Remove(self.value_path(last_inner(&clause)));
        }
        let mut parts = clause.into_inner().skip(1);
        let path = self.value_path(parts.next().expect("path"));
        let value_pair = parts.find(|x| x.as_rule() != Rule::equals).expect("value");
        let value_span = self.span(&value_pair);
        let value = match value_pair.as_rule() {
            Rule::string => ExampleValue::Str(self.string(value_pair).node),
            Rule::date => ExampleValue::Date(value_pair.as_str().to_string()),
            Rule::integer => ExampleValue::Int(self.integer(&value_pair).unwrap_or(0)),
            _ => ExampleValue::Bool(value_pair.as_str() == "true"),
        };
        ProfileEdit::Set {
            path,
            value: Spanned::new(value, value_span),
        }
    }

    /// One `expect ...` clause.
    fn expectation(&mut self, clause: Pair<'_, Rule>) -> Expectation {
        let span = self.span(&clause);
        match clause.as_rule() {
            Rule::expect_verified => {
                let negated = clause.into_inner().any(|x| x.as_rule() == Rule::kw_not);
                Expectation::Verified {
                    verified: !negated,
                    span,
                }
            }
            Rule::expect_unlocks => Expectation::Unlocks {
                capabilities: self.name_list(last_inner(&clause)),
                span,
            },
            Rule::expect_outcome => {
                let applies = !clause
                    .clone()
                    .into_inner()
                    .any(|x| x.as_rule() == Rule::kw_not);
                let name = self.name(last_inner(&clause));
                Expectation::Outcome {
                    name,
                    applies,
                    span,
                }
            }
            Rule::expect_limit => {
                let mut parts = clause.into_inner().skip(2);
                let (name, amount, currency, per) = self.limit_parts(&mut parts);
                Expectation::Limit {
                    name,
                    amount,
                    currency,
                    per,
                    span,
                }
            }
            Rule::expect_no_limit => Expectation::NoLimit {
                name: self.name(last_inner(&clause)),
                span,
            },
            Rule::expect_fix => {
                let mut parts = clause.into_inner().skip(2);
                let path = self.value_path(parts.next().expect("path"));
                let value = parts
                    .find(|x| x.as_rule() == Rule::string)
                    .map(|x| self.string(x))
                    .expect("value");
                Expectation::Fix { path, value, span }
            }
            Rule::expect_no_fix => Expectation::NoFix { span },
            Rule::expect_no => Expectation::Absent {
                code: self.name(last_inner(&clause)),
                span,
            },
            Rule::expect_fires => {
                let mut code = None;
                let mut at = None;
                let mut severity = None;
                for x in clause.into_inner() {
                    match x.as_rule() {
                        Rule::finding_code => code = Some(self.name(x)),
                        Rule::value_path => at = Some(self.value_path(x)),
                        Rule::name => severity = Some(self.name(x)),
                        _ => {}
                    }
                }
                Expectation::Fires {
                    code: code.expect("finding code"),
                    at,
                    severity,
                    span,
                }
            }
            other => unreachable!("not an expectation: {other:?}"),
        }
    }

    /// A path into a profile, with list indexes: `bank_cards[0].holder`.
    fn value_path(&mut self, pair: Pair<'_, Rule>) -> Spanned<ValuePath> {
        let span = self.span(&pair);
        let mut steps = Vec::new();
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::name => steps.push(PathStep::Field(p.as_str().to_string())),
                Rule::index => match p.as_str().parse::<usize>() {
                    Ok(i) => steps.push(PathStep::Index(i)),
                    Err(_) => {
                        let s = self.span(&p);
                        self.error(Diag::at(&s, "this list index is too large", "too large"));
                    }
                },
                _ => {}
            }
        }
        Spanned::new(ValuePath { steps }, span)
    }
}
