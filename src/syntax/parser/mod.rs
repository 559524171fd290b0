//! pest pairs -> typed AST.
//!
//! The grammar (grammar/realname.pest) decides what is well-formed; this module turns the pairs
//! into `ast` nodes with spans, and reports what the grammar cannot: a clause written twice, a
//! keyword typo (`rule` for `requirement`), a number too large.
//!
//! - `mod.rs`: the builder and the readers every declaration shares (texts, names, lists,
//!   periods, paths, `allow`);
//! - `clauses.rs`: the `clauses!` table that reads a declaration's clauses into its fields;
//! - `decl.rs`: the top-level declarations (schema, bank, source, capabilities, set, let, app);
//! - `body.rs`: what stands in an app body (requirement, when, for, fix, outcome, trouble,
//!   disagreement);
//! - `example.rs`: examples, their profile edits and expectations;
//! - `expr.rs`: conditions and values, the Pratt parser and the limits that keep it off the
//!   stack's edge.

mod body;
mod clauses;
mod decl;
mod example;
mod expr;

use pest::iterators::{Pair, Pairs};

use super::ast::*;
use super::grammar::Rule;
use crate::diagnostic::Diag;
use crate::source::{SourceFile, Span, Spanned};
use crate::text::{dedent, unescape};

/// Turns pairs into AST nodes, collecting errors instead of stopping at the first.
pub struct AstBuilder<'f> {
    file: &'f SourceFile,
    /// Where the parsed text starts in the file (a `{value}` inside a message is parsed on
    /// its own).
    offset: usize,
    pub errors: Vec<Diag>,
}

impl<'f> AstBuilder<'f> {
    pub fn new(file: &'f SourceFile) -> Self {
        AstBuilder::at(file, 0)
    }

    /// A builder for a piece of `file` that starts at byte `offset`.
    pub fn at(file: &'f SourceFile, offset: usize) -> Self {
        AstBuilder {
            file,
            offset,
            errors: Vec::new(),
        }
    }

    fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        let s = pair.as_span();
        // An optional part that was tried and not found leaves the implicit whitespace before
        // it inside the pair; a label should end at the last character written.
        let end = s.start() + pair.as_str().trim_end().len();
        Span::new(self.file, self.offset + s.start()..self.offset + end)
    }

    fn spanned_str(&self, pair: &Pair<'_, Rule>) -> Spanned<String> {
        Spanned::new(pair.as_str().to_string(), self.span(pair))
    }

    /// An error the grammar lets through (a clause given twice, an unknown severity): the file
    /// still parses, so it is not a syntax error.
    fn error(&mut self, mut diag: Diag) {
        if diag.code.is_none() {
            diag.code = Some(crate::code::Code::InvalidRule.into());
        }
        self.errors.push(diag);
    }

    /// Splits off the leading `docs` pair, if any.
    fn docs<'i>(&self, pairs: &mut std::iter::Peekable<Pairs<'i, Rule>>) -> Docs {
        let pair = pairs.next_if(|p| p.as_rule() == Rule::docs)?;
        let span = self.span(&pair);
        let text = pair
            .into_inner()
            .map(|line| {
                let t = line.into_inner().next().map_or("", |t| t.as_str());
                t.strip_prefix(' ').unwrap_or(t).trim_end().to_string()
            })
            .collect::<Vec<_>>()
            .join("\n");
        Some(Spanned::new(text, span))
    }

    fn name(&self, pair: Pair<'_, Rule>) -> Name {
        self.spanned_str(&pair)
    }

    /// A date as written (`YYYY-MM-DD`); the compiler checks it.
    fn date(&self, pair: Pair<'_, Rule>) -> Spanned<String> {
        self.spanned_str(&pair)
    }

    fn string(&mut self, pair: Pair<'_, Rule>) -> Spanned<String> {
        let span = self.span(&pair);
        let Some(inner) = pair.into_inner().next() else {
            return Spanned::new(String::new(), span);
        };
        let text = match inner.as_rule() {
            Rule::block_string => dedent(inner.into_inner().next().map_or("", |p| p.as_str())),
            _ => unescape(inner.as_str()),
        };
        Spanned::new(text, span)
    }

    fn integer(&mut self, pair: &Pair<'_, Rule>) -> Option<i64> {
        let digits: String = pair.as_str().chars().filter(|c| *c != '_').collect();
        match digits.parse::<i64>() {
            Ok(n) => Some(n),
            Err(_) => {
                let span = self.span(pair);
                self.error(
                    Diag::at(&span, "this number is too large", "too large")
                        .with_help("numbers in rule files must be below 9,223,372,036,854,775,808"),
                );
                None
            }
        }
    }

    /// `from DATE`, `until DATE` or both.
    fn period(&mut self, pair: Pair<'_, Rule>) -> Period {
        let mut period = Period {
            span: self.span(&pair),
            ..Period::default()
        };
        let mut keyword = None;
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::kw_from | Rule::kw_until => keyword = Some(p.as_rule()),
                Rule::date => {
                    let date = Some(self.spanned_str(&p));
                    if keyword == Some(Rule::kw_from) {
                        period.from = date;
                    } else {
                        period.until = date;
                    }
                }
                _ => {}
            }
        }
        period
    }

    /// The entries of a list of quoted texts that may each carry a period.
    fn dated_strings(&mut self, pair: Pair<'_, Rule>) -> Vec<DatedText> {
        pair.into_inner()
            .filter(|p| p.as_rule() == Rule::dated_string)
            .map(|p| {
                let mut text = None;
                let mut period = None;
                for part in p.into_inner() {
                    match part.as_rule() {
                        Rule::string => text = Some(self.string(part)),
                        Rule::period => period = Some(self.period(part)),
                        _ => {}
                    }
                }
                DatedText {
                    text: text.expect("a dated string has its text"),
                    period,
                }
            })
            .collect()
    }

    fn string_list(&mut self, pair: Pair<'_, Rule>) -> Vec<Spanned<String>> {
        pair.into_inner()
            .filter(|p| p.as_rule() == Rule::string)
            .map(|p| self.string(p))
            .collect()
    }

    fn name_list(&self, pair: Pair<'_, Rule>) -> Vec<Name> {
        pair.into_inner()
            .filter(|p| p.as_rule() == Rule::name)
            .map(|p| self.name(p))
            .collect()
    }

    /// A dotted field path of a condition or a clause: `card.holder`.
    fn path(&mut self, pair: Pair<'_, Rule>) -> Spanned<Path> {
        let span = self.span(&pair);
        let segments = pair
            .into_inner()
            .filter(|p| matches!(p.as_rule(), Rule::ident | Rule::name))
            .map(|p| self.name(p))
            .collect();
        Spanned::new(Path { segments }, span)
    }

    /// `allow LINT because "reason"`, which a reason must justify.
    fn allow(&mut self, pair: Pair<'_, Rule>) -> Allow {
        let span = self.span(&pair);
        let mut parts = pair.into_inner().skip(1);
        let lint = self.name(parts.next().expect("lint code"));
        let reason = parts
            .find(|p| p.as_rule() == Rule::string)
            .map(|p| self.string(p))
            .expect("grammar requires a reason");
        if reason.node.trim().is_empty() {
            self.error(
                Diag::at(&reason.span, "a suppression needs a reason", "empty reason").with_help(
                    "say why the lint does not apply here, so the next maintainer can judge",
                ),
            );
        }
        Allow { lint, reason, span }
    }
}

/// The last inner pair: the value of a `keyword value` clause.
fn last_inner<'i>(pair: &Pair<'i, Rule>) -> Pair<'i, Rule> {
    pair.clone()
        .into_inner()
        .last()
        .expect("clause has a value")
}
