//! `realname explain CODE`: the documentation of a lint, or of a rule of the rule set (its
//! message, help, sources, recorded disagreements, and the examples that exercise it).

use std::fmt::Write;

use crate::compile::ir::{App, Disagreement, Requirement, RuleSet};
use crate::diagnostic::Diag;
use crate::examples::{full_code, run_example};
use crate::lint::{docs, lint_info, LINTS};
use crate::syntax::ast::Expectation;
use crate::text::did_you_mean;
use crate::Rules;

pub fn explain(rules: &Rules, code: &str) -> Result<String, Diag> {
    if let Some(info) = lint_info(code) {
        return Ok(docs::page(info));
    }
    let set = &rules.set;
    let (app, requirement) = find_requirement(set, code).ok_or_else(|| unknown_code(set, code))?;
    Ok(requirement_page(rules, app, requirement))
}

/// The requirement a code names; of a rule with versions, the newest.
fn find_requirement<'a>(set: &'a RuleSet, code: &str) -> Option<(&'a App, &'a Requirement)> {
    let found: Vec<(&App, &Requirement)> = set
        .apps
        .iter()
        .flat_map(|app| app.requirements.iter().map(move |r| (app, r)))
        .filter(|(_, r)| r.code == code || r.name == code)
        .collect();
    let mut codes: Vec<&str> = found.iter().map(|(_, r)| r.code.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    // A short name is fine when only one app has it.
    let chosen = match codes.as_slice() {
        [one] => *one,
        _ => code,
    };
    found.into_iter().rev().find(|(_, r)| r.code == chosen)
}

fn unknown_code(set: &RuleSet, code: &str) -> Diag {
    let mut known: Vec<String> = LINTS.iter().map(|(i, _)| i.code.to_string()).collect();
    known.extend(
        set.apps
            .iter()
            .flat_map(|a| a.requirements.iter().map(|r| r.code.clone())),
    );
    // `adlut` should find `alipay/adult`: compare with the part after the slash too.
    let short = |k: &str| k.rsplit('/').next().unwrap_or(k).to_string();
    let typed = short(code);
    let shorts: Vec<String> = known.iter().map(|k| short(k)).collect();
    let suggestion = did_you_mean(code, known.iter().map(String::as_str))
        .map(str::to_string)
        .or_else(|| {
            did_you_mean(&typed, shorts.iter().map(String::as_str)).and_then(|s| {
                known
                    .iter()
                    .zip(&shorts)
                    .find(|(_, sh)| sh.as_str() == s)
                    .map(|(k, _)| k.clone())
            })
        });
    let help = match suggestion {
        Some(s) => format!("did you mean `{s}`?"),
        None => {
            "give a lint code (see docs/lints/) or a rule code such as `alipay/adult`".to_string()
        }
    };
    Diag::error(format!("`{code}` is neither a lint nor a rule")).with_help(help)
}

fn requirement_page(rules: &Rules, app: &App, req: &Requirement) -> String {
    let set = &rules.set;
    let mut out = String::new();
    let _ = writeln!(out, "# {} ({})\n", req.code, app.title);
    if let Some(doc) = &req.doc {
        let _ = writeln!(out, "{doc}\n");
    }
    let _ = writeln!(out, "Severity: {}", req.severity.as_str());
    let _ = writeln!(
        out,
        "Declared at: {}:{}",
        req.span.file.name(),
        req.span.line()
    );
    let _ = writeln!(out, "\nMessage: {}", req.message);
    if let Some(help) = &req.help {
        let _ = writeln!(out, "Help: {help}");
    }
    if !req.context.is_empty() {
        let _ = writeln!(out, "Applies within: {}", req.context.join(" / "));
    }
    if let Some(fix) = req.fix {
        let _ = writeln!(
            out,
            "Fix: {} ({})",
            app.fixes[fix].message, app.fixes[fix].code
        );
    }
    let versions: Vec<&Requirement> = app
        .requirements
        .iter()
        .filter(|r| r.code == req.code)
        .collect();
    if versions.len() > 1 || !req.period.is_always() {
        let _ = writeln!(out, "\n## History");
        for v in &versions {
            let when = match v.period.describe() {
                d if d.is_empty() => "always".to_string(),
                d => d,
            };
            let _ = writeln!(
                out,
                "- {when}: {} ({}:{})",
                v.message,
                v.span.file.name(),
                v.span.line()
            );
        }
    }
    let _ = writeln!(out, "\n## Sources");
    let mut cited: Vec<usize> = versions
        .iter()
        .flat_map(|v| v.sources.iter().copied())
        .collect();
    cited.sort_unstable();
    cited.dedup();
    for s in cited {
        let source = &set.sources[s];
        let published = source
            .published
            .map_or("undated".to_string(), |d| format!("published {d}"));
        let publisher = source
            .publisher
            .as_ref()
            .map_or(String::new(), |p| format!("{p}, "));
        let reviewed = source.reviewed.map_or(", never reviewed".to_string(), |d| {
            format!(", reviewed {d}")
        });
        let _ = writeln!(
            out,
            "- {}: {} ({publisher}{published}{reviewed}){}",
            source.id,
            source.title.as_deref().unwrap_or(""),
            source
                .url
                .as_ref()
                .map_or(String::new(), |l| format!(" {l}"))
        );
    }
    if !req.disagreements.is_empty() {
        let _ = writeln!(out, "\n## Disagreements between sources");
        for d in &req.disagreements {
            disagreement(&mut out, set, d);
        }
    }
    let mut firing = Vec::new();
    let mut meeting = Vec::new();
    for def in set
        .examples
        .iter()
        .filter(|e| e.app.as_deref() == Some(app.id.as_str()))
    {
        let run = run_example(rules, def);
        let Some(report) = &run.report else { continue };
        // Every version of the rule counts.
        let mut state = crate::eval::finding::Exercised::default();
        for (id, _) in app
            .requirements
            .iter()
            .enumerate()
            .filter(|(_, r)| r.code == req.code)
        {
            let e = report.exercised.get(id).copied().unwrap_or_default();
            state.passed |= e.passed;
            state.failed |= e.failed;
        }
        let expects = def.example.expectations.iter().any(
            |e| matches!(e, Expectation::Fires { code, .. } if full_code(&app.id, &code.node) == req.code),
        );
        let caption = def.example.docs.as_ref().map_or(String::new(), |d| {
            format!(": {}", d.node.replace('\n', " "))
        });
        let line = format!(
            "- {}{caption} ({}:{})",
            def.example.name.node,
            def.example.name.span.file.name(),
            def.example.name.span.line()
        );
        if expects && state.failed {
            firing.push(line);
        } else if state.passed && !state.failed {
            meeting.push(line);
        }
    }
    let _ = writeln!(out, "\n## Examples where it fires");
    if firing.is_empty() {
        let _ = writeln!(out, "(none)");
    }
    for l in &firing {
        let _ = writeln!(out, "{l}");
    }
    let _ = writeln!(out, "\n## Examples where it is met");
    if meeting.is_empty() {
        let _ = writeln!(out, "(none)");
    }
    for l in meeting.iter().take(10) {
        let _ = writeln!(out, "{l}");
    }
    if meeting.len() > 10 {
        let _ = writeln!(out, "- and {} more", meeting.len() - 10);
    }
    out
}

fn disagreement(out: &mut String, set: &RuleSet, d: &Disagreement) {
    let _ = writeln!(out, "- {}", d.topic);
    for claim in &d.claims {
        let _ = writeln!(
            out,
            "  - {} says: {}",
            set.sources[claim.source].id, claim.text
        );
    }
    if let Some(r) = &d.resolution {
        let _ = writeln!(out, "  - Followed: {r}");
    }
}
