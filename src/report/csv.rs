//! The CSV report (`--format csv`): one row per profile and app, for a spreadsheet of a batch.
//!
//! Fields are quoted as RFC 4180 says (a field holding a comma, a double quote or a line break
//! is put in double quotes, its double quotes doubled; rows end with CRLF). A field that starts
//! with `=`, `+`, `-` or `@` gets a `'` in front: a spreadsheet would run it as a formula, and
//! profile names and rule codes come from people we do not control.

use std::collections::BTreeSet;

use crate::eval::AppReport;
use crate::syntax::ast::Severity;

/// The first row: the columns' names.
pub const HEADER: &str = "profile,app,verified,unlocks,errors,warnings,error_codes\r\n";

/// One row per app report of the profile named `profile_name`.
pub fn render(profile_name: &str, reports: &[AppReport]) -> String {
    let mut out = String::new();
    for report in reports {
        let count = |s: Severity| report.findings.iter().filter(|f| f.severity == s).count();
        let error_codes: BTreeSet<&str> = report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| f.code.as_str())
            .collect();
        let fields = [
            profile_name.to_string(),
            report.app.clone(),
            report.verified.to_string(),
            report.unlocks.join(" "),
            count(Severity::Error).to_string(),
            count(Severity::Warning).to_string(),
            error_codes.into_iter().collect::<Vec<_>>().join(" "),
        ];
        for (i, field) in fields.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_field(&mut out, field);
        }
        out.push_str("\r\n");
    }
    out
}

/// Appends one field, defused and quoted.
fn push_field(out: &mut String, field: &str) {
    let defused = if field.starts_with(['=', '+', '-', '@']) {
        format!("'{field}")
    } else {
        field.to_string()
    };
    if defused.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&defused.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&defused);
    }
}
