//! A fix that, applied to an example's profile, leaves its requirement failing.

use crate::examples::materialize;
use crate::lint::{Category, LintContext, LintFinding, LintInfo};
use crate::profile::{apply_edits, load_profile, TextEdit};
use crate::syntax::ast::Severity;

pub static INFO: LintInfo = LintInfo {
    code: "fix-does-not-fix",
    category: Category::Correctness,
    severity: Severity::Error,
    summary: "Applying a fix to an example's profile leaves the requirement it fixes failing.",
    doc: r#"## What it finds
A `fix` offered on an example whose requirement names it (`fix NAME`), where the profile with
the fix applied, checked again with the same app and day, still breaks that requirement at the
fixed field.

## Why it matters
`realname check --fix` rewrites the applicant's profile with the fix and tells them it is
fixed. If the new value still fails, the applicant is told to submit a value the app refuses,
and the tool contradicts itself on the next run.

## Example
```
requirement passport_number_length {
  require len(document.number) >= 9
  fix pad_passport_number
  ...
}
fix pad_passport_number {
  set document.number = pad_left(document.number, 8, "0")
  ...
}
```
A seven-character number is padded to eight, which is still shorter than nine.

## How to fix
Make the fix produce a value that meets the requirement (here pad to 9), or correct the
requirement. Add `expect no NAME` to an example starting from the fixed value to keep it so.
"#,
};

pub fn check(cx: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    let Some(rules) = &cx.rules else { return };
    let runs = cx.example_runs();
    let mut reported: Vec<String> = Vec::new();
    for (run, def) in runs.iter().zip(&rules.set.examples) {
        let (Some(report), Some(profile), Some(app_id)) = (&run.report, &run.profile, &run.app)
        else {
            continue;
        };
        let Some(app) = rules.set.app(app_id) else {
            continue;
        };
        for proposal in &report.fixes {
            if reported.contains(&proposal.code) {
                continue;
            }
            let Some(fix_index) = app.fixes.iter().position(|f| f.code == proposal.code) else {
                continue;
            };
            let fixed_by: Vec<_> = app
                .requirements
                .iter()
                .filter(|r| r.fix == Some(fix_index))
                .collect();
            if fixed_by.is_empty() {
                continue;
            }
            let Some(span) = proposal.span.clone() else {
                continue;
            };
            let Ok(text) = apply_edits(
                &profile.text,
                &[TextEdit {
                    span,
                    new_value: proposal.to.clone(),
                }],
            ) else {
                continue;
            };
            let Ok(fixed) = load_profile(&profile.name, &text) else {
                continue;
            };
            let Ok(materialized) = materialize(rules, def) else {
                continue;
            };
            let Ok(mut again) = rules.check(&fixed, &[app_id.as_str()], materialized.today) else {
                continue;
            };
            let again = again.remove(0);
            let still = fixed_by.iter().find(|r| {
                again
                    .findings
                    .iter()
                    .any(|f| f.code == r.code && f.field == proposal.field)
            });
            let Some(requirement) = still else { continue };
            let fix = &app.fixes[fix_index];
            reported.push(proposal.code.clone());
            out.push(
                LintFinding::new(
                    &INFO,
                    &fix.span,
                    format!(
                        "fix `{}` leaves `{}` failing: in example `{}` it changes `{}` from \"{}\" to \"{}\", which `{}` still refuses",
                        fix.name, requirement.name, run.name, proposal.field, proposal.from, proposal.to, requirement.name
                    ),
                    "does not fix",
                )
                .related(&requirement.span, format!("`{}` still fails after the fix", requirement.name))
                .related(&def.example.name.span, "the example it was tried on")
                .help(format!(
                    "make the fix produce a value that meets `{}`, or correct the requirement; `realname check --fix` would write \"{}\" into the profile and report it fixed",
                    requirement.name, proposal.to
                )),
            );
        }
    }
}
