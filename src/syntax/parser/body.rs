//! What stands in an app body, a `when` block or a `for` block: requirements, fixes, outcomes,
//! troubleshooting entries, recorded disagreements, and the blocks themselves.

use pest::iterators::Pair;

use super::clauses::{clauses, Header};
use super::{last_inner, AstBuilder};
use crate::diagnostic::Diag;
use crate::source::{Span, Spanned};
use crate::syntax::ast::*;
use crate::syntax::grammar::Rule;
use crate::text::did_you_mean;

impl AstBuilder<'_> {
    /// One item of a body, or `None` for a pair that is not one (a brace, a mistyped keyword
    /// that has been reported).
    pub(super) fn body_item(&mut self, pair: Pair<'_, Rule>) -> Option<BodyItem> {
        Some(match pair.as_rule() {
            Rule::let_decl => BodyItem::Let(self.let_decl(pair)),
            Rule::requirement => BodyItem::Requirement(self.requirement(pair)),
            Rule::when_block => BodyItem::When(self.when_block(pair)),
            Rule::for_block => BodyItem::For(self.for_block(pair)),
            Rule::fix_decl => BodyItem::Fix(self.fix(pair)),
            Rule::outcome => BodyItem::Outcome(self.outcome(pair)),
            Rule::trouble => BodyItem::Trouble(self.trouble(pair)),
            Rule::disagreement => BodyItem::Disagreement(self.disagreement(pair)),
            Rule::example => BodyItem::Example(self.example(pair)),
            Rule::typo_rule => {
                self.typo_rule(pair);
                return None;
            }
            _ => return None,
        })
    }

    /// `rule NAME { ... }` and its kin: the grammar accepts them so that the error can say what
    /// was meant.
    fn typo_rule(&mut self, pair: Pair<'_, Rule>) {
        let span = self.span(&pair);
        let word = pair.as_str().split_whitespace().next().unwrap_or("");
        let name = pair
            .into_inner()
            .find(|p| p.as_rule() == Rule::name)
            .map_or("NAME", |p| p.as_str());
        let keyword_span = Span::new(self.file, span.range.start..span.range.start + word.len());
        self.error(
            Diag::at(
                &keyword_span,
                format!("`{word}` does not start a requirement"),
                "not a keyword here",
            )
            .with_help(format!(
                "a requirement is written `requirement {name} {{ require CONDITION ... }}`"
            )),
        );
    }

    fn requirement(&mut self, pair: Pair<'_, Rule>) -> Requirement {
        let (Header { docs, name, span }, clauses) = self.header(pair);
        let mut req = Requirement {
            docs,
            name,
            span,
            ..Requirement::default()
        };
        clauses!(self, clauses => req {
            allow => push allows = allow(clause);
            period => once period "from/until" = period(clause);
            req_require => once require "require" = expr(value);
            req_when => once when "when" = expr(value);
            req_at => once at "at" = path(value);
            req_severity => |p| self.severity(&mut req.severity, p);
            req_message => once message "message" = string(value);
            req_help => once help "help" = string(value);
            req_fix => once fix "fix" = name(value);
            sources_clause => extend sources = name_list(value);
            disagreement => push disagreements = disagreement(clause);
        });
        req
    }

    /// `severity WORD`: set once, and a word that is not a severity is reported with the
    /// closest one.
    pub(super) fn severity(
        &mut self,
        slot: &mut Option<Spanned<Severity>>,
        clause: Pair<'_, Rule>,
    ) {
        let word = last_inner(&clause);
        let span = self.span(&word);
        match Severity::parse(word.as_str()) {
            Some(sev) => self.set_once(slot, Spanned::new(sev, span), &clause, "severity"),
            None => {
                let help = did_you_mean(word.as_str(), Severity::NAMES)
                    .map(|s| format!("did you mean `{s}`?"))
                    .unwrap_or_else(|| "a severity is `error`, `warning` or `advice`".to_string());
                self.error(
                    Diag::at(
                        &span,
                        format!("`{}` is not a severity", word.as_str()),
                        "unknown severity",
                    )
                    .with_help(help)
                    .with_code(crate::code::Code::UnknownName),
                );
            }
        }
    }

    fn when_block(&mut self, pair: Pair<'_, Rule>) -> WhenBlock {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().peekable();
        let docs = self.docs(&mut inner);
        inner.next(); // kw_when
        let condition = self.expr(inner.next().expect("when condition"));
        let body = inner.filter_map(|p| self.body_item(p)).collect();
        WhenBlock {
            docs,
            condition,
            body,
            span,
        }
    }

    fn for_block(&mut self, pair: Pair<'_, Rule>) -> ForBlock {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().peekable();
        let docs = self.docs(&mut inner);
        inner.next(); // kw_for
        let kind_pair = inner.next().expect("quantifier kind");
        let kind_span = self.span(&kind_pair);
        let kind = match kind_pair.into_inner().next().map(|p| p.as_rule()) {
            Some(Rule::kw_every) => ForKind::Every,
            _ => ForKind::Some,
        };
        let var = self.name(inner.next().expect("loop variable"));
        inner.next(); // kw_in
        let list = self.path(inner.next().expect("list path"));
        let body = inner.filter_map(|p| self.body_item(p)).collect();
        ForBlock {
            docs,
            kind: Spanned::new(kind, kind_span),
            var,
            list,
            body,
            span,
        }
    }

    fn fix(&mut self, pair: Pair<'_, Rule>) -> FixDecl {
        let (Header { docs, name, span }, clauses) = self.header(pair);
        let mut fix = FixDecl {
            docs,
            name,
            span,
            ..FixDecl::default()
        };
        clauses!(self, clauses => fix {
            allow => push allows = allow(clause);
            period => once period "from/until" = period(clause);
            req_when => once when "when" = expr(value);
            fix_set => |p| self.fix_set(&mut fix, p);
            req_message => once message "message" = string(value);
            sources_clause => extend sources = name_list(value);
        });
        fix
    }

    /// `set PATH = EXPR`: the target and the value go together, so a second `set` is reported
    /// and neither of its parts is kept.
    fn fix_set(&mut self, fix: &mut FixDecl, clause: Pair<'_, Rule>) {
        let mut parts = clause.clone().into_inner().skip(1);
        let target = self.path(parts.next().expect("fix target"));
        let value = parts
            .find(|x| x.as_rule() == Rule::expr)
            .map(|x| self.expr(x));
        if fix.target.is_some() {
            self.set_once(&mut fix.target, target, &clause, "set");
        } else {
            fix.target = Some(target);
            fix.value = value;
        }
    }

    fn outcome(&mut self, pair: Pair<'_, Rule>) -> Outcome {
        let (Header { docs, name, span }, clauses) = self.header(pair);
        let mut outcome = Outcome {
            docs,
            name,
            span,
            ..Outcome::default()
        };
        clauses!(self, clauses => outcome {
            allow => push allows = allow(clause);
            period => once period "from/until" = period(clause);
            req_when => once when "when" = expr(value);
            outcome_unlocks => extend unlocks = name_list(value);
            outcome_limit => push limits = limit(clause);
            req_message => once message "message" = string(value);
            sources_clause => extend sources = name_list(value);
            disagreement => push disagreements = disagreement(clause);
        });
        outcome
    }

    /// `limit NAME AMOUNT CURRENCY per PERIOD`, optionally in force for a period only.
    fn limit(&mut self, pair: Pair<'_, Rule>) -> Limit {
        let span = self.span(&pair);
        let mut parts = pair.into_inner().skip(1);
        let (name, amount, currency, per) = self.limit_parts(&mut parts);
        let period = parts.next().map(|p| self.period(p));
        Limit {
            name,
            amount,
            currency,
            per,
            period,
            span,
        }
    }

    /// `NAME AMOUNT CURRENCY per PERIOD` of a limit or an expected limit.
    pub(super) fn limit_parts<'i>(
        &mut self,
        parts: &mut impl Iterator<Item = Pair<'i, Rule>>,
    ) -> (Name, Spanned<u64>, Name, Name) {
        let name = self.name(parts.next().expect("limit name"));
        let amount_pair = parts.next().expect("amount");
        let amount = Spanned::new(
            self.integer(&amount_pair).unwrap_or(0) as u64,
            self.span(&amount_pair),
        );
        let currency = self.name(parts.next().expect("currency"));
        let per = self.name(parts.nth(1).expect("period"));
        (name, amount, currency, per)
    }

    fn trouble(&mut self, pair: Pair<'_, Rule>) -> Trouble {
        let (Header { docs, name, span }, clauses) = self.header(pair);
        let mut trouble = Trouble {
            docs,
            name,
            span,
            ..Trouble::default()
        };
        clauses!(self, clauses => trouble {
            trouble_cause => once cause "cause" = string(value);
            trouble_remedy => once remedy "remedy" = string(value);
            sources_clause => extend sources = name_list(value);
        });
        trouble
    }

    fn disagreement(&mut self, pair: Pair<'_, Rule>) -> Disagreement {
        let (Header { docs, name, span }, clauses) = self.header(pair);
        let mut disagreement = Disagreement {
            docs,
            name,
            span,
            ..Disagreement::default()
        };
        clauses!(self, clauses => disagreement {
            disagreement_topic => once topic "topic" = string(value);
            disagreement_claim => push claims = claim(clause);
            disagreement_resolution => once resolution "resolution" = string(value);
        });
        disagreement
    }

    /// `claim SOURCE "text"`: what one source says.
    fn claim(&mut self, pair: Pair<'_, Rule>) -> Claim {
        let mut parts = pair.into_inner().skip(1);
        let source = self.name(parts.next().expect("claim source"));
        let text = self.string(parts.next().expect("claim text"));
        Claim { source, text }
    }
}
