//! `allow LINT because "reason"`: a finding inside the declaration that holds the `allow` is
//! dropped; an `allow` that drops nothing, or names no lint, is itself reported.

use std::cell::Cell;
use std::collections::HashMap;

use super::lints::{unknown_lint, unused_suppression};
use super::{lint_info, LintContext, LintFinding};
use crate::source::Span;
use crate::syntax::ast::*;

struct Suppression<'a> {
    allow: &'a Allow,
    /// The declaration it covers.
    scope: Span,
    used: Cell<bool>,
}

fn collect<'a>(cx: &'a LintContext<'_>) -> Vec<Suppression<'a>> {
    let mut out = Vec::new();
    let mut add = |allow: &'a Allow, scope: &Span| {
        out.push(Suppression {
            allow,
            scope: scope.clone(),
            used: Cell::new(false),
        })
    };
    for (file, ast) in cx.files.iter().zip(cx.asts) {
        let whole_file = Span::new(file, 0..file.text().len());
        for item in &ast.items {
            match item {
                Item::Allow(a) => add(a, &whole_file),
                Item::Source(s) => s.allows.iter().for_each(|a| add(a, &s.span)),
                Item::App(app) => app.allows.iter().for_each(|a| add(a, &app.span)),
                _ => {}
            }
        }
    }
    for (_, item) in cx.body_items() {
        match item {
            BodyItem::Requirement(r) => r.allows.iter().for_each(|a| add(a, &r.span)),
            BodyItem::Fix(f) => f.allows.iter().for_each(|a| add(a, &f.span)),
            BodyItem::Outcome(o) => o.allows.iter().for_each(|a| add(a, &o.span)),
            _ => {}
        }
    }
    out
}

pub fn apply(cx: &LintContext<'_>, findings: Vec<LintFinding>) -> Vec<LintFinding> {
    let suppressions = collect(cx);
    // Only an `allow` of the finding's lint in the finding's file can drop it: looking those up
    // by lint and file name keeps a large rule set linear (in declaration order, so the first
    // `allow` that covers a finding is the one used, as before).
    let mut by_lint_and_file: HashMap<(&str, &str), Vec<&Suppression<'_>>> = HashMap::new();
    for s in &suppressions {
        by_lint_and_file
            .entry((s.allow.lint.node.as_str(), s.scope.file.name()))
            .or_default()
            .push(s);
    }
    let mut kept: Vec<LintFinding> = findings
        .into_iter()
        .filter(|finding| {
            let candidates = by_lint_and_file
                .get(&(finding.lint.code, finding.span.file.name()))
                .map_or(&[][..], Vec::as_slice);
            let suppressed_by = candidates.iter().find(|s| {
                s.scope.file.same_file(&finding.span.file)
                    && s.scope.range.start <= finding.span.range.start
                    && finding.span.range.end <= s.scope.range.end
            });
            match suppressed_by {
                Some(s) => {
                    s.used.set(true);
                    false
                }
                None => true,
            }
        })
        .collect();
    for s in &suppressions {
        if lint_info(&s.allow.lint.node).is_none() {
            let codes: Vec<&str> = super::LINTS.iter().map(|(i, _)| i.code).collect();
            let help = match crate::text::did_you_mean(&s.allow.lint.node, codes.iter().copied()) {
                Some(c) => format!("did you mean `{c}`? `realname explain CODE` describes a lint"),
                None => {
                    "run `realname explain` with a lint code; the codes are listed in docs/lints/"
                        .into()
                }
            };
            kept.push(
                LintFinding::new(
                    &unknown_lint::INFO,
                    &s.allow.lint.span,
                    format!("`{}` is not a lint", s.allow.lint.node),
                    "unknown lint",
                )
                .help(help),
            );
        } else if !s.used.get() {
            kept.push(
                LintFinding::new(
                    &unused_suppression::INFO,
                    &s.allow.span,
                    format!("this `allow {}` suppresses nothing", s.allow.lint.node),
                    "nothing to suppress",
                )
                .help("the lint no longer fires here: delete the `allow` line"),
            );
        }
    }
    kept
}
