//! The JSON report: one object per line for each (profile, app). Field names are part of the
//! public interface; see docs/json.md.
//!
//! The objects are serialised straight from borrowed structs, in the order the fields are
//! declared (the order docs/json.md gives), rather than built as a `serde_json::Value` tree
//! first: in a batch, the tree cost more than the check.

use serde::Serialize;

use crate::compile::ir::RuleSet;
use crate::eval::{AppReport, FindingOrigin, FixProposal, LimitReport};
use crate::profile::ProfileDocument;
use crate::source::LineIndex;

use super::PlaceInFile;

#[derive(Serialize)]
struct ReportJson<'a> {
    profile: &'a str,
    app: &'a str,
    verified: bool,
    unlocks: &'a [String],
    limits: Vec<LimitJson<'a>>,
    outcomes: &'a [String],
    diagnostics: Vec<DiagnosticJson<'a>>,
    fixes: Vec<FixJson<'a>>,
}

#[derive(Serialize)]
struct DiagnosticJson<'a> {
    code: &'a str,
    severity: &'a str,
    message: &'a str,
    help: Option<&'a str>,
    note: Option<&'a str>,
    field: &'a str,
    missing: bool,
    line: Option<usize>,
    column: Option<usize>,
    rule: Option<RuleJson<'a>>,
    sources: Vec<&'a str>,
}

#[derive(Serialize)]
struct RuleJson<'a> {
    file: &'a str,
    line: usize,
}

#[derive(Serialize)]
struct FixJson<'a> {
    code: &'a str,
    field: &'a str,
    from: &'a str,
    to: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
struct LimitJson<'a> {
    name: &'a str,
    amount: u64,
    currency: &'a str,
    per: &'a str,
}

impl<'a> From<&'a FixProposal> for FixJson<'a> {
    fn from(f: &'a FixProposal) -> Self {
        FixJson {
            code: &f.code,
            field: &f.field,
            from: &f.from,
            to: &f.to,
            message: &f.message,
        }
    }
}

impl<'a> From<&'a LimitReport> for LimitJson<'a> {
    fn from(l: &'a LimitReport) -> Self {
        LimitJson {
            name: &l.name,
            amount: l.amount,
            currency: &l.currency,
            per: &l.per,
        }
    }
}

/// The lines of the profile's text, indexed once for all its findings, and where the text
/// stands in its file.
struct ProfileLines<'a> {
    text: &'a str,
    index: LineIndex,
    place: Option<&'a PlaceInFile>,
}

impl ProfileLines<'_> {
    fn line_column(&self, offset: usize) -> (usize, usize) {
        let (line, column) = self.index.line_col(self.text, offset);
        (self.place.map_or(line, |place| place.line(line)), column)
    }
}

fn report_json<'a>(
    rules: &'a RuleSet,
    profile: &'a ProfileDocument,
    lines: &ProfileLines,
    report: &'a AppReport,
) -> ReportJson<'a> {
    let app = rules.app(&report.app);
    let diagnostics = report
        .findings
        .iter()
        .map(|f| {
            let (line, column) = f.span.as_ref().map_or((None, None), |s| {
                let (l, c) = lines.line_column(s.start);
                (Some(l), Some(c))
            });
            let rule = match (&f.origin, app) {
                (FindingOrigin::Requirement(id), Some(app)) => {
                    let req = &app.requirements[*id];
                    Some(RuleJson {
                        file: req.span.file.name(),
                        line: req.span.line(),
                    })
                }
                _ => None,
            };
            DiagnosticJson {
                code: &f.code,
                severity: f.severity.as_str(),
                message: &f.message,
                help: f.help.as_deref(),
                note: f.note.as_deref(),
                field: &f.field,
                missing: f.missing,
                line,
                column,
                rule,
                sources: f
                    .sources
                    .iter()
                    .map(|&s| rules.sources[s].id.as_str())
                    .collect(),
            }
        })
        .collect();
    ReportJson {
        profile: &profile.name,
        app: &report.app,
        verified: report.verified,
        unlocks: &report.unlocks,
        limits: report.limits.iter().map(LimitJson::from).collect(),
        outcomes: &report.outcomes,
        diagnostics,
        fixes: report.fixes.iter().map(FixJson::from).collect(),
    }
}

/// One line of JSON per app report.
pub fn render(rules: &RuleSet, profile: &ProfileDocument, reports: &[AppReport]) -> String {
    render_in_file(rules, profile, reports, None)
}

/// [`render`] for a profile that is a part of a file (a record of a JSON Lines file): the lines
/// of the findings are the file's.
pub fn render_in_file(
    rules: &RuleSet,
    profile: &ProfileDocument,
    reports: &[AppReport],
    place: Option<&PlaceInFile>,
) -> String {
    let lines = ProfileLines {
        text: &profile.text,
        index: LineIndex::new(&profile.text),
        place,
    };
    let mut out = Vec::with_capacity(1024 * reports.len());
    for report in reports {
        serde_json::to_writer(&mut out, &report_json(rules, profile, &lines, report))
            .expect("writing to memory does not fail");
        out.push(b'\n');
    }
    String::from_utf8(out).expect("serde_json writes UTF-8")
}
