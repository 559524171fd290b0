//! The short report: one line per finding, then what unlocks. Used by `--format short` and for
//! the worked examples of the generated docs.

use std::fmt::Write;

use crate::eval::AppReport;

pub fn render(profile_name: &str, reports: &[AppReport]) -> String {
    let mut out = String::new();
    for report in reports {
        let verdict = report.verdict();
        let _ = writeln!(
            out,
            "{} ({}) — {profile_name}: {verdict}",
            report.title, report.app
        );
        for f in &report.findings {
            let field = if f.field.is_empty() {
                "profile".to_string()
            } else {
                f.field.clone()
            };
            let _ = writeln!(
                out,
                "  {:<8}{field}: {} [{}]",
                f.severity.as_str(),
                f.message,
                f.code
            );
            if let Some(note) = &f.note {
                let _ = writeln!(out, "          ({note})");
            }
        }
        for fix in &report.fixes {
            let _ = writeln!(
                out,
                "  {:<8}{}: \"{}\" -> \"{}\" [{}]",
                "fix", fix.field, fix.from, fix.to, fix.code
            );
        }
        let unlocks = if report.unlocks.is_empty() {
            "nothing".to_string()
        } else {
            report.unlocks.join(", ")
        };
        let _ = writeln!(out, "  {:<8}{unlocks}", "unlocks");
        for l in &report.limits {
            let _ = writeln!(
                out,
                "  {:<8}{} {} {} per {}",
                "limit", l.name, l.amount, l.currency, l.per
            );
        }
    }
    out
}
