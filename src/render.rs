//! What a program shows people: the reports of a check and the lint findings of a rule
//! folder, in each output format the command line offers.
//!
//! These are the renderers of `report` and `lint` behind the facade: they
//! take a [`Rules`] rather than the compiled rule set inside it, so a program embedding the
//! checker never handles the compiler's internal form.

use crate::lint::LintFinding;
use crate::profile::ProfileDocument;
use crate::report;
use crate::{AppReport, Rules, Style};

/// The report a person reads in a terminal: per app, its findings with the profile's lines,
/// then the verdict.
pub fn human(
    rules: &Rules,
    profile: &ProfileDocument,
    reports: &[AppReport],
    style: Style,
) -> String {
    report::human::render(&rules.set, profile, reports, style)
}

/// One JSON object per app, one per line (the format of `realname check --format json`).
pub fn json(rules: &Rules, profile: &ProfileDocument, reports: &[AppReport]) -> String {
    report::json::render(&rules.set, profile, reports)
}

/// One line per app: its verdict for the profile named `profile_name`.
pub fn short(profile_name: &str, reports: &[AppReport]) -> String {
    report::short::render(profile_name, reports)
}

/// The first row of [`csv`]: the columns' names.
pub const CSV_HEADER: &str = report::csv::HEADER;

/// One CSV row per app (the rows of `realname check --format csv`, after [`CSV_HEADER`]):
/// profile, app, verified, unlocks, errors, warnings, error codes. Quoted as RFC 4180 says, and
/// a field starting with `=`, `+`, `-` or `@` is prefixed with `'` so that a spreadsheet does not
/// run it as a formula.
pub fn csv(profile_name: &str, reports: &[AppReport]) -> String {
    report::csv::render(profile_name, reports)
}

/// A diagnostic (a rule file's error, a profile that does not load) as a person reads it.
pub fn diagnostic(diag: &dyn miette::Diagnostic, style: Style) -> String {
    report::render_diagnostic(diag, style)
}

/// The profile and reports with every sensitive value masked, as `--redact` shows them.
pub fn redact(
    profile: &ProfileDocument,
    reports: &[AppReport],
) -> (ProfileDocument, Vec<AppReport>) {
    report::redact::redact(profile, reports)
}

/// Lint findings as a person reads them in a terminal.
pub fn lint_human(findings: &[LintFinding], style: Style) -> String {
    crate::lint::output::human(findings, style)
}

/// Lint findings as JSON (`realname lint --format json`).
pub fn lint_json(findings: &[LintFinding]) -> String {
    crate::lint::output::json(findings)
}

/// Lint findings as SARIF 2.1.0, for code-scanning services.
pub fn lint_sarif(findings: &[LintFinding]) -> String {
    crate::lint::output::sarif(findings)
}

/// Lint findings as GitHub Actions workflow commands (annotations on a pull request).
pub fn lint_github(findings: &[LintFinding]) -> String {
    crate::lint::output::github(findings)
}
