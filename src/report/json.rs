//! The JSON report: one object per line for each (profile, app). Field names are part of the
//! public interface; see docs/json.md.

use serde_json::{json, Value};

use crate::compile::ir::RuleSet;
use crate::eval::{AppReport, FindingOrigin};
use crate::profile::ProfileDocument;

pub fn report_value(rules: &RuleSet, profile: &ProfileDocument, report: &AppReport) -> Value {
    let app = rules.app(&report.app);
    let diagnostics: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            let (line, column) = f.span.as_ref().map_or((Value::Null, Value::Null), |s| {
                let (l, c) = profile.line_column(s.start);
                (json!(l), json!(c))
            });
            let rule = match (&f.origin, app) {
                (FindingOrigin::Requirement(id), Some(app)) => {
                    let req = &app.requirements[*id];
                    json!({"file": req.span.file.name(), "line": req.span.line()})
                }
                _ => Value::Null,
            };
            let sources: Vec<&str> = f
                .sources
                .iter()
                .map(|&s| rules.sources[s].id.as_str())
                .collect();
            json!({
                "code": f.code,
                "severity": f.severity.as_str(),
                "message": f.message,
                "help": f.help,
                "note": f.note,
                "field": f.field,
                "missing": f.missing,
                "line": line,
                "column": column,
                "rule": rule,
                "sources": sources,
            })
        })
        .collect();
    let fixes: Vec<Value> = report
        .fixes
        .iter()
        .map(|f| json!({"code": f.code, "field": f.field, "from": f.from, "to": f.to, "message": f.message}))
        .collect();
    let limits: Vec<Value> = report
        .limits
        .iter()
        .map(|l| json!({"name": l.name, "amount": l.amount, "currency": l.currency, "per": l.per}))
        .collect();
    json!({
        "profile": profile.name,
        "app": report.app,
        "verified": report.verified,
        "unlocks": report.unlocks,
        "limits": limits,
        "outcomes": report.outcomes,
        "diagnostics": diagnostics,
        "fixes": fixes,
    })
}

/// One line of JSON per app report.
pub fn render(rules: &RuleSet, profile: &ProfileDocument, reports: &[AppReport]) -> String {
    let mut out = String::new();
    for report in reports {
        out.push_str(&report_value(rules, profile, report).to_string());
        out.push('\n');
    }
    out
}
