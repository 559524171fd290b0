//! The rules' own words: glossaries (`capabilities`, `limit_periods`) and `problem`
//! declarations, which give a profile problem the checker finds (a bank the registry does not
//! know) the severity and the message the rules choose, in place of the general ones.

use super::ir::{GlossaryTerm, ProblemPart, ProblemText, ProblemWords};
use super::{duplicate, unknown, Compiler};
use crate::code::{Code, ProfileCode};
use crate::diagnostic::Diag;
use crate::source::{Span, Spanned};
use crate::syntax::ast::{self, GlossaryKind};
use crate::syntax::placeholders;
use crate::text::did_you_mean;

/// What a `problem`'s message and help may show between braces.
const VALUE: &str = "value";

impl Compiler {
    /// The names of a `capabilities` or `limit_periods` declaration, each once across files.
    pub(super) fn glossary(&mut self, decl: &ast::GlossaryDecl) {
        let what = match decl.kind {
            GlossaryKind::Capabilities => "capability",
            GlossaryKind::LimitPeriods => "limit period",
        };
        for term in &decl.terms {
            let known = match decl.kind {
                GlossaryKind::Capabilities => &mut self.capabilities,
                GlossaryKind::LimitPeriods => &mut self.limit_periods,
            };
            if let Some(prev) = known.iter().find(|c| c.name == term.name.node) {
                let diag = duplicate(&term.name, what, &prev.span);
                self.error(diag);
                continue;
            }
            known.push(GlossaryTerm {
                name: term.name.node.clone(),
                description: term.description.node.clone(),
                span: term.name.span.clone(),
            });
        }
    }

    /// A `problem` declaration: a code the checker gives profile values, once in the rule set,
    /// with texts that show nothing but `{value}`.
    pub(super) fn problem(&mut self, decl: &ast::ProblemDecl) {
        let written = decl.code.node.as_str();
        let Some(code) = ProfileCode::parse(written).filter(|c| ProfileCode::FINDINGS.contains(c))
        else {
            let known: Vec<&str> = ProfileCode::FINDINGS.iter().map(|c| c.as_str()).collect();
            let help = match did_you_mean(written, known.iter().copied()) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!(
                    "the problems the checker finds in profile values are {}",
                    known.join(", ")
                ),
            };
            self.error(
                Diag::at(
                    &decl.code.span,
                    format!("`{written}` is not a problem the checker finds in a profile value"),
                    "unknown problem",
                )
                .with_help(help)
                .with_code(Code::UnknownName),
            );
            return;
        };
        if let Some(prev) = self.problems.iter().find(|p| p.code == code) {
            let name = Spanned::new(written.to_string(), decl.code.span.clone());
            let diag = duplicate(&name, "problem", &prev.span).with_help(
                "keep one of them: a problem has one severity and one set of words, merge the two",
            );
            self.error(diag);
            return;
        }
        if decl.message.is_none() && decl.help.is_none() && decl.severity.is_none() {
            self.error(
                Diag::at(
                    &decl.code.span,
                    format!("problem `{written}` changes nothing"),
                    "nothing given",
                )
                .with_help("give it a `severity`, a `message` or a `help`, or delete it")
                .with_code(Code::InvalidRule),
            );
        }
        let message = decl.message.as_ref().and_then(|m| self.problem_text(m));
        let help = decl.help.as_ref().and_then(|h| self.problem_text(h));
        let sources = self.resolve_sources(&decl.sources);
        self.problems.push(ProblemWords {
            code,
            severity: decl.severity.as_ref().map(|s| s.node),
            message,
            help,
            sources,
            doc: decl.docs.as_ref().map(|d| d.node.clone()),
            span: decl.code.span.clone(),
        });
    }

    /// A message or help of a `problem`, split at its `{value}`s now so that telling the
    /// problem only joins pieces.
    fn problem_text(&mut self, text: &Spanned<String>) -> Option<ProblemText> {
        let found = match placeholders(text) {
            Ok(found) => found,
            Err(open) => {
                let at = text.span.range.start + open.min(text.span.range.len());
                self.error(
                    Diag::at(
                        &Span::new(&text.span.file, at..at),
                        "this `{` is never closed",
                        "unclosed `{`",
                    )
                    .with_help("write `{value}` for the value as typed, or remove the brace")
                    .with_code(Code::InvalidRule),
                );
                return None;
            }
        };
        let mut parts = Vec::new();
        let mut from = 0;
        let mut sound = true;
        for placeholder in found {
            if placeholder.key != VALUE {
                let span = match &placeholder.in_file {
                    Some(range) => Span::new(&text.span.file, range.clone()),
                    None => text.span.clone(),
                };
                let key = &placeholder.key;
                self.error(
                    Diag::at(&span, format!("a problem's text can show only `{{{VALUE}}}`, not `{{{key}}}`"), "not shown")
                        .with_help("`{value}` is the value as the applicant typed it; the rest of the text is written out")
                        .with_code(Code::InvalidRule),
                );
                sound = false;
                continue;
            }
            if placeholder.in_text.start > from {
                parts.push(ProblemPart::Text(
                    text.node[from..placeholder.in_text.start].to_string(),
                ));
            }
            parts.push(ProblemPart::Value);
            from = placeholder.in_text.end;
        }
        if from < text.node.len() {
            parts.push(ProblemPart::Text(text.node[from..].to_string()));
        }
        sound.then_some(ProblemText { parts })
    }
}

/// The limit periods a rule set declares, for the error about one it does not.
pub(super) fn unknown_limit_period(word: &Spanned<String>, known: &[GlossaryTerm]) -> Diag {
    let names: Vec<&str> = known.iter().map(|t| t.name.as_str()).collect();
    unknown(&word.node, &word.span, "period", &names)
}
