//! A requirement that no example exercises.

use std::collections::{HashMap, HashSet};

use crate::eval::AppReport;
use crate::examples::full_code;
use crate::lint::{Category, LintContext, LintFinding, LintInfo};
use crate::syntax::ast::{Expectation, Severity};

pub static INFO: LintInfo = LintInfo {
    code: "untested-requirement",
    category: Category::Redundancy,
    severity: Severity::Warning,
    summary: "No example shows a requirement firing, or being met.",
    doc: r#"## What it finds
A requirement for which no passing example expects it to fire (`expect NAME`), or no passing
example meets it while it applies.

## Why it matters
An untested requirement may never fire (a condition that cannot hold) or fire on every
profile (one that always fails), and nobody would notice. Examples are also the worked
examples of the generated guide.

## Example
A requirement `boc_no_dots` with no example holding a Bank of China card and a dotted name.

## How to fix
Add an example that breaks it and one that meets it; `realname test` lists what is missing.
"#,
};

pub fn check(cx: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    let Some(rules) = &cx.rules else { return };
    let runs = cx.example_runs();
    // The passing examples of each app, each with the codes it expects to fire, gathered once:
    // scanning every example's expectations for every requirement grew with their product.
    let mut passing: HashMap<&str, Vec<(&AppReport, HashSet<String>)>> = HashMap::new();
    for (run, def) in runs.iter().zip(&rules.set.examples) {
        let (Some(app_id), Some(report)) = (def.app.as_deref(), &run.report) else {
            continue;
        };
        if !run.passed() {
            continue;
        }
        let expected_to_fire = def
            .example
            .expectations
            .iter()
            .filter_map(|e| match e {
                Expectation::Fires { code, .. } => Some(full_code(app_id, &code.node)),
                _ => None,
            })
            .collect();
        passing
            .entry(app_id)
            .or_default()
            .push((report, expected_to_fire));
    }
    for app in &rules.set.apps {
        let examples = passing.get(app.id.as_str()).map_or(&[][..], Vec::as_slice);
        for (id, req) in app.requirements.iter().enumerate() {
            let mut met = false;
            let mut fired = false;
            for (report, expected_to_fire) in examples {
                let state = report.exercised.get(id).copied().unwrap_or_default();
                met |= state.passed;
                fired |= state.failed && expected_to_fire.contains(&req.code);
            }
            let missing = match (met, fired) {
                (true, true) => continue,
                (true, false) => "no example expects it to fire",
                (false, true) => "no example meets it",
                (false, false) => "no example exercises it",
            };
            out.push(
                LintFinding::new(
                    &INFO,
                    &req.span,
                    format!("requirement `{}`: {missing}", req.code),
                    "untested",
                )
                .help(
                    "add examples (see `realname test`), one that breaks it and one that meets it",
                ),
            );
        }
    }
}
