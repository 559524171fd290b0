//! Lint output formats: human (miette), JSON, SARIF 2.1.0 and GitHub workflow commands.

use serde_json::{json, Value};

use super::{LintFinding, LINTS};
use crate::report::{render_diagnostic, Style};
use crate::syntax::ast::Severity;

pub fn human(findings: &[LintFinding], style: Style) -> String {
    let mut out = String::new();
    for f in findings {
        out.push_str(&render_diagnostic(&f.to_diag(), style));
    }
    let count = |s: Severity| findings.iter().filter(|f| f.severity() == s).count();
    out.push_str(&format!(
        "{} error{}, {} warning{}, {} advice\n",
        count(Severity::Error),
        if count(Severity::Error) == 1 { "" } else { "s" },
        count(Severity::Warning),
        if count(Severity::Warning) == 1 {
            ""
        } else {
            "s"
        },
        count(Severity::Advice)
    ));
    out
}

fn position(f: &LintFinding) -> (usize, usize, usize, usize) {
    let (line, column) = f.span.file.line_col(f.span.range.start);
    let (end_line, end_column) = f.span.file.line_col(f.span.range.end);
    (line, column, end_line, end_column)
}

/// One JSON object per finding, in a JSON array. Documented in docs/lint-output.md.
pub fn json(findings: &[LintFinding]) -> String {
    let items: Vec<Value> = findings
        .iter()
        .map(|f| {
            let (line, column, end_line, end_column) = position(f);
            json!({
                "code": f.lint.code,
                "category": f.lint.category.as_str(),
                "severity": f.severity().as_str(),
                "message": f.message,
                "help": f.help,
                "file": f.span.file.name(),
                "line": line,
                "column": column,
                "end_line": end_line,
                "end_column": end_column,
            })
        })
        .collect();
    let mut text =
        serde_json::to_string_pretty(&Value::Array(items)).unwrap_or_else(|_| "[]".into());
    text.push('\n');
    text
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Advice => "note",
    }
}

/// A SARIF 2.1.0 log with every lint as a rule (with its help) and every finding as a result.
pub fn sarif(findings: &[LintFinding]) -> String {
    let rules: Vec<Value> = LINTS
        .iter()
        .map(|(info, _)| {
            json!({
                "id": info.code,
                "name": info.code,
                "shortDescription": {"text": info.summary},
                "fullDescription": {"text": info.summary},
                "help": {"text": info.doc, "markdown": info.doc},
                "defaultConfiguration": {"level": sarif_level(info.severity)},
                "properties": {"category": info.category.as_str()},
            })
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let (line, column, end_line, end_column) = position(f);
            let rule_index = LINTS
                .iter()
                .position(|(i, _)| i.code == f.lint.code)
                .unwrap_or(0);
            let mut text = f.message.clone();
            if let Some(help) = &f.help {
                text.push_str(". ");
                text.push_str(help);
            }
            json!({
                "ruleId": f.lint.code,
                "ruleIndex": rule_index,
                "level": sarif_level(f.severity()),
                "message": {"text": text},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.span.file.name()},
                        "region": {
                            "startLine": line,
                            "startColumn": column,
                            "endLine": end_line,
                            "endColumn": end_column,
                        }
                    }
                }],
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "realname",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/realname/realname",
                "rules": rules,
            }},
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

/// GitHub Actions workflow commands: one annotation per finding.
pub fn github(findings: &[LintFinding]) -> String {
    let mut out = String::new();
    for f in findings {
        let (line, column, end_line, end_column) = position(f);
        let level = match f.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Advice => "notice",
        };
        let mut message = f.message.clone();
        if let Some(help) = &f.help {
            message.push_str(". ");
            message.push_str(help);
        }
        out.push_str(&format!(
            "::{level} file={},line={line},col={column},endLine={end_line},endColumn={end_column},title={}::{}\n",
            escape_property(f.span.file.name()),
            escape_property(f.lint.code),
            escape_data(&message)
        ));
    }
    out
}

/// Escaping of workflow-command data (the message).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escaping of workflow-command properties (file, title).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}
