//! The human report: one miette report per finding, showing the profile value and the rule
//! that refused it, then a summary per app.

use std::fmt::Write;
use std::sync::Arc;

use miette::{LabeledSpan, NamedSource};

use super::{render_diagnostic_in_file, PlaceInFile, Style};
use crate::compile::ir::RuleSet;
use crate::diagnostic::Diag;
use crate::eval::{AppReport, Finding, FindingOrigin};
use crate::profile::ProfileDocument;
use crate::syntax::ast::Severity;

/// One finding as a diagnostic: the profile snippet first, then where the rule is declared.
pub fn finding_diag(
    rules: &RuleSet,
    app_id: &str,
    profile: &ProfileDocument,
    finding: &Finding,
) -> Diag {
    let mut diag = Diag::error(finding.message.clone())
        .with_code(finding.code.clone())
        .with_severity(finding.severity.into());
    let source: NamedSource<Arc<str>> = profile.source();
    diag.source = Some(Arc::new(source));
    if let Some(span) = &finding.span {
        // A missing value is shown at the first line of the mapping it belongs in, not across
        // the whole mapping.
        let span = if finding.missing {
            let text = &profile.text[span.clone()];
            let first_line = text.find('\n').unwrap_or(text.len());
            span.start..span.start + first_line
        } else {
            span.clone()
        };
        let label = if finding.missing {
            format!("`{}` is missing here", finding.field)
        } else if finding.field.is_empty() {
            "this profile".to_string()
        } else {
            format!("`{}`", finding.field)
        };
        diag.labels.push(LabeledSpan::new_primary_with_span(
            Some(label),
            span.clone(),
        ));
    }
    let mut help = finding.help.clone().unwrap_or_default();
    if let Some(note) = &finding.note {
        if !help.is_empty() {
            help.push('\n');
        }
        help.push_str(note);
    }
    if let FindingOrigin::Requirement(id) = finding.origin {
        if let Some(app) = rules.app(app_id) {
            let req = &app.requirements[id];
            if let Some(fix) = req.fix {
                let _ = write!(
                    help,
                    "{}`realname check --fix` can apply: {}",
                    if help.is_empty() { "" } else { "\n" },
                    app.fixes[fix].message
                );
            }
            let sources: Vec<&str> = finding
                .sources
                .iter()
                .map(|&s| rules.sources[s].id.as_str())
                .collect();
            let mut declared = Diag::at(
                &req.span,
                format!(
                    "required by `{}` in {}:{}",
                    req.code,
                    req.span.file.name(),
                    req.span.line()
                ),
                "declared here",
            )
            .with_severity(miette::Severity::Advice);
            if !sources.is_empty() {
                declared = declared.with_help(format!("sources: {}", sources.join(", ")));
            }
            diag = diag.with_related(declared);
        }
    }
    if !help.is_empty() {
        diag = diag.with_help(help);
    }
    diag
}

/// The whole human report for one profile: problems with the profile itself once, then each
/// app's findings and summary.
pub fn render(
    rules: &RuleSet,
    profile: &ProfileDocument,
    reports: &[AppReport],
    style: Style,
) -> String {
    render_in_file(rules, profile, reports, style, None)
}

/// [`render`] for a profile that is a part of a file (a record of a JSON Lines file): the
/// snippets are named and numbered as the lines of that file.
pub fn render_in_file(
    rules: &RuleSet,
    profile: &ProfileDocument,
    reports: &[AppReport],
    style: Style,
    place: Option<&PlaceInFile>,
) -> String {
    let mut out = String::new();
    if let Some(first) = reports.first() {
        let profile_findings: Vec<&Finding> = first
            .findings
            .iter()
            .filter(|f| f.origin == FindingOrigin::Profile)
            .collect();
        if !profile_findings.is_empty() {
            let _ = writeln!(out, "── the profile itself ── {}", profile.name);
            for finding in profile_findings {
                out.push_str(&render_diagnostic_in_file(
                    &finding_diag(rules, &first.app, profile, finding),
                    style,
                    place,
                ));
            }
            out.push('\n');
        }
    }
    for report in reports {
        let _ = writeln!(
            out,
            "── {} ({}) ── {}",
            report.title, report.app, profile.name
        );
        for finding in report
            .findings
            .iter()
            .filter(|f| f.origin != FindingOrigin::Profile)
        {
            out.push_str(&render_diagnostic_in_file(
                &finding_diag(rules, &report.app, profile, finding),
                style,
                place,
            ));
        }
        out.push_str(&summary(report));
        out.push('\n');
    }
    out
}

/// The per-app summary: verified or not, what unlocks, limits, fixes.
pub fn summary(report: &AppReport) -> String {
    let mut out = String::new();
    let count = |s: Severity| report.findings.iter().filter(|f| f.severity == s).count();
    let (errors, warnings, advice) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Advice),
    );
    let verdict = report.verdict();
    let _ = writeln!(
        out,
        "{}: {verdict} ({} error{}, {} warning{}, {} advice)",
        report.title,
        errors,
        if errors == 1 { "" } else { "s" },
        warnings,
        if warnings == 1 { "" } else { "s" },
        advice
    );
    let unlocks = if report.unlocks.is_empty() {
        "nothing".to_string()
    } else {
        report.unlocks.join(", ")
    };
    let from_profile = report
        .findings
        .iter()
        .filter(|f| f.origin == FindingOrigin::Profile && f.severity == Severity::Error)
        .count();
    if from_profile > 0 {
        let _ = writeln!(
            out,
            "  ({from_profile} of the errors are problems with the profile itself, shown above)"
        );
    }
    let _ = writeln!(out, "  unlocks: {unlocks}");
    for limit in &report.limits {
        let _ = writeln!(
            out,
            "  limit: {} {} {} per {}",
            limit.name, limit.amount, limit.currency, limit.per
        );
    }
    for message in &report.outcomes {
        let _ = writeln!(out, "  {message}");
    }
    for fix in &report.fixes {
        let _ = writeln!(
            out,
            "  fix available: {} \"{}\" -> \"{}\" ({}); run with --fix to apply",
            fix.field, fix.from, fix.to, fix.code
        );
    }
    out
}
