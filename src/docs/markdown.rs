//! The Markdown pages: one per app and an index comparing the apps. Everything comes from the
//! compiled rule set; the worked examples are run through the checker as the pages are made.

use std::fmt::Write;

use crate::compile::ir::{App, DatedText, Disagreement, Period, Requirement, RuleSet, Step};
use crate::compile::types::SetType;
use crate::examples::run_example;
use crate::report::short;
use crate::syntax::ast::ForKind;
use crate::Rules;

use super::markdown_text::{block, code, fenced, link, text, BR, DETAILS_CLOSE, DETAILS_OPEN};

/// The id a source's anchor has: `source-` and the source's name, with every character but
/// ASCII letters and digits as `-`.
fn source_slug(id: &str) -> String {
    id.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// The anchor a source's entry starts with; `html::is_source_anchor` knows its form.
fn source_anchor(id: &str) -> String {
    format!("<a id=\"source-{}\"></a>", source_slug(id))
}

/// A rule text with the days it is in force, when that is not always: `... (until 2024-02-29)`.
fn dated(raw: &str, period: &Period) -> String {
    if period.is_always() {
        text(raw)
    } else {
        format!("{} ({})", text(raw), period.describe())
    }
}

fn dated_texts(list: &[DatedText]) -> impl Iterator<Item = String> + '_ {
    list.iter().map(|d| dated(&d.text, &d.period))
}

fn source_list(set: &RuleSet, sources: &[usize]) -> String {
    sources
        .iter()
        .map(|&s| {
            format!(
                "[{}](#source-{})",
                text(&set.sources[s].id),
                source_slug(&set.sources[s].id)
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn disagreement(out: &mut String, set: &RuleSet, d: &Disagreement) {
    let _ = writeln!(out, "> **Sources disagree: {}**", text(&d.topic));
    let _ = writeln!(out, ">");
    for claim in &d.claims {
        let _ = writeln!(
            out,
            "> - *{}*: {}",
            text(&set.sources[claim.source].id),
            text(&claim.text)
        );
    }
    if let Some(r) = &d.resolution {
        let _ = writeln!(out, ">\n> These rules follow: {}", text(r));
    }
    out.push('\n');
}

/// Requirements in the order the app checks them, with the blocks they stand in.
fn requirements(
    out: &mut String,
    set: &RuleSet,
    app: &App,
    steps: &[Step],
    conditions: &mut Vec<String>,
) {
    for step in steps {
        match step {
            Step::Requirement(id) => {
                let r = &app.requirements[*id];
                // Versions of one requirement are shown together, where the first stands.
                if app.requirements[..*id]
                    .iter()
                    .any(|earlier| earlier.code == r.code)
                {
                    continue;
                }
                requirement(out, set, app, r, conditions)
            }
            Step::When { body, .. } => requirements(out, set, app, body, conditions),
            Step::For { kind, body, .. } => {
                let first_req = first_requirement(body).map(|id| &app.requirements[id]);
                let context = first_req.and_then(|r| {
                    r.context
                        .iter()
                        .rev()
                        .find(|c| c.starts_with("for "))
                        .cloned()
                });
                let header = match (kind, context) {
                    (ForKind::Some, Some(c)) => format!(
                        "At least one item must meet all of these ({}); one good one is enough:",
                        code(&c)
                    ),
                    (ForKind::Every, Some(c)) => {
                        format!("Every item must meet all of these ({}):", code(&c))
                    }
                    _ => "For each item:".to_string(),
                };
                let _ = writeln!(out, "{header}\n");
                requirements(out, set, app, body, conditions);
            }
            Step::Fix(_) => {}
        }
    }
}

fn first_requirement(steps: &[Step]) -> Option<usize> {
    steps.iter().find_map(|s| match s {
        Step::Requirement(id) => Some(*id),
        Step::When { body, .. } | Step::For { body, .. } => first_requirement(body),
        Step::Fix(_) => None,
    })
}

fn requirement(
    out: &mut String,
    set: &RuleSet,
    app: &App,
    r: &Requirement,
    _conditions: &mut [String],
) {
    let versions: Vec<&Requirement> = app
        .requirements
        .iter()
        .filter(|v| v.code == r.code)
        .collect();
    // The heading is the newest version's message; the history lists every version.
    let newest = versions.last().copied().unwrap_or(r);
    let _ = writeln!(out, "#### {}", text(&newest.message));
    let _ = writeln!(out);
    if versions.len() > 1 {
        let _ = writeln!(out, "This rule changed over time:\n");
        for v in &versions {
            let _ = writeln!(
                out,
                "- {}: {}",
                capitalised(&v.period.describe()),
                text(&v.message)
            );
        }
        out.push('\n');
    }
    let r = newest;
    if let Some(doc) = &r.doc {
        let _ = writeln!(out, "{}\n", block(doc));
    }
    if let Some(help) = &r.help {
        let _ = writeln!(out, "What to do: {}\n", text(help));
    }
    let mut when: Vec<&str> = r
        .context
        .iter()
        .filter(|c| !c.starts_with("for "))
        .map(String::as_str)
        .collect();
    when.extend(r.when_text.as_deref());
    let mut facts = vec![
        format!("Severity: {}", r.severity.as_str()),
        format!("Code: {}", code(&r.code)),
    ];
    if versions.len() == 1 && !r.period.is_always() {
        facts.push(format!("In force: {}", r.period.describe()));
    }
    if !when.is_empty() {
        let when: Vec<String> = when.iter().map(|w| code(w)).collect();
        facts.push(format!("Only when: {}", when.join(" and ")));
    }
    if let Some(fix) = r.fix {
        facts.push(format!("Fix: {}", text(&app.fixes[fix].message)));
    }
    if !r.sources.is_empty() {
        facts.push(format!("Sources: {}", source_list(set, &r.sources)));
    }
    let _ = writeln!(out, "{}\n", facts.join(" · "));
    for d in &r.disagreements {
        disagreement(out, set, d);
    }
}

pub fn app_page(rules: &Rules, app: &App) -> String {
    let set = &rules.set;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}: real-name verification for foreigners\n",
        text(&app.title)
    );
    let _ = writeln!(out, "[All apps](../index.md)\n");
    if let Some(doc) = &app.doc {
        let _ = writeln!(out, "{}\n", block(doc));
    }
    let _ = writeln!(
        out,
        "This page is generated from the rule files that `realname check` runs; what it says is what the checker checks.\n"
    );
    if let Some(h) = &app.hotline {
        let _ = writeln!(out, "**Hotline:** {}\n", text(h));
    }
    match app.paths.as_slice() {
        [] => {}
        [one] => {
            let _ = writeln!(out, "**Where to start:** {}\n", text(one));
        }
        many => {
            let _ = writeln!(out, "**Where to start:**\n");
            for p in many {
                let _ = writeln!(out, "- {}", text(p));
            }
            out.push('\n');
        }
    }
    if !app.steps.is_empty() {
        let _ = writeln!(out, "## Steps\n");
        for (i, s) in dated_texts(&app.steps).enumerate() {
            let _ = writeln!(out, "{}. {s}", i + 1);
        }
        out.push('\n');
    }
    if !app.documents.is_empty() {
        let _ = writeln!(out, "## Documents you need\n");
        for d in dated_texts(&app.documents) {
            let _ = writeln!(out, "- {d}");
        }
        out.push('\n');
    }
    if !app.cards.is_empty() {
        let _ = writeln!(out, "## Cards accepted\n");
        for c in dated_texts(&app.cards) {
            let _ = writeln!(out, "- {c}");
        }
        out.push('\n');
    }
    let bank_sets: Vec<_> = app.sets.iter().filter(|s| s.ty == SetType::Bank).collect();
    for bank_set in bank_sets {
        let _ = writeln!(out, "## Banks accepted\n");
        if let Some(doc) = &bank_set.doc {
            let _ = writeln!(out, "{}\n", block(doc));
        }
        let _ = writeln!(out, "| Code | Bank | Chinese name |\n| --- | --- | --- |");
        for value in &bank_set.values {
            if let Some(id) = set.find_bank(&value.text) {
                let bank = &set.banks[id as usize];
                let _ = writeln!(
                    out,
                    "| {} | {} | {} |",
                    dated(&bank.code, &value.period),
                    text(&bank.name),
                    text(bank.local_name.as_deref().unwrap_or(""))
                );
            }
        }
        if !bank_set.sources.is_empty() {
            let _ = writeln!(out, "\nSources: {}", source_list(set, &bank_set.sources));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## Requirements\n");
    let _ = writeln!(
        out,
        "Each requirement below is checked by `realname check`. An error means the app will refuse the details as they are; a warning or advice does not stop verification.\n"
    );
    requirements(&mut out, set, app, &app.program, &mut Vec::new());
    if !app.fixes.is_empty() {
        let _ = writeln!(out, "## Fixes the checker can apply\n");
        let _ = writeln!(out, "`realname check --fix` makes these changes to the profile file, keeping its comments and layout.\n");
        for fix in &app.fixes {
            let _ = writeln!(out, "- **{}** ({})", text(&fix.message), code(&fix.code));
            if let Some(doc) = &fix.doc {
                let _ = writeln!(out, "  {}", text(doc));
            }
            if !fix.sources.is_empty() {
                let _ = writeln!(out, "  Sources: {}", source_list(set, &fix.sources));
            }
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## What verification unlocks\n");
    let _ = writeln!(out, "| When | Unlocks | Limits |\n| --- | --- | --- |");
    for o in &app.outcomes {
        let when = dated(
            &o.message
                .clone()
                .unwrap_or_else(|| o.name.replace('_', " ")),
            &o.period,
        );
        let unlocks: Vec<&str> = o
            .unlocks
            .iter()
            .map(|&c| set.capabilities[c].name.as_str())
            .collect();
        let limits: Vec<String> = o
            .limits
            .iter()
            .map(|l| {
                dated(
                    &format!(
                        "{} {} {} ({})",
                        l.amount,
                        l.currency,
                        per_words(set, &l.per),
                        l.name.replace('_', " ")
                    ),
                    &l.period,
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "| {when} | {} | {} |",
            if unlocks.is_empty() {
                "nothing".into()
            } else {
                text(&unlocks.join(", "))
            },
            if limits.is_empty() {
                "—".into()
            } else {
                limits.join("; ")
            }
        );
    }
    out.push('\n');
    for o in &app.outcomes {
        for d in &o.disagreements {
            disagreement(&mut out, set, d);
        }
    }
    if !app.troubles.is_empty() {
        let _ = writeln!(out, "## Troubleshooting\n");
        let _ = writeln!(
            out,
            "| Cause of a restriction | What to do |\n| --- | --- |"
        );
        for t in &app.troubles {
            let _ = writeln!(out, "| {} | {} |", text(&t.cause), text(&t.remedy));
        }
        out.push('\n');
    }
    if !app.disagreements.is_empty() {
        let _ = writeln!(out, "## Other disagreements between sources\n");
        for d in &app.disagreements {
            disagreement(&mut out, set, d);
        }
    }
    worked_examples(&mut out, rules, app);
    let mut cited: Vec<usize> = app.sources.clone();
    for r in &app.requirements {
        cited.extend(&r.sources);
    }
    for o in &app.outcomes {
        cited.extend(&o.sources);
    }
    for t in &app.troubles {
        cited.extend(&t.sources);
    }
    for f in &app.fixes {
        cited.extend(&f.sources);
    }
    for s in &app.sets {
        cited.extend(&s.sources);
    }
    cited.sort_unstable();
    cited.dedup();
    let _ = writeln!(out, "## Sources\n");
    for s in cited {
        let _ = writeln!(out, "- {}", source_entry(set, s));
    }
    out
}

/// A source as the docs list it: what it is, who published it and when, where to read it,
/// and when the rules were last compared with it.
fn source_entry(set: &RuleSet, s: usize) -> String {
    let source = &set.sources[s];
    let mut entry = format!("{}**{}**: ", source_anchor(&source.id), text(&source.id));
    let title = source.title.as_deref().unwrap_or(&source.id);
    match &source.url {
        Some(url) => entry.push_str(&link(title, url)),
        None => entry.push_str(&text(title)),
    }
    let published = match source.published {
        Some(d) => format!("published {d}"),
        None => "undated".to_string(),
    };
    match &source.publisher {
        Some(p) => {
            let _ = write!(entry, ". {}, {published}.", text(p));
        }
        None => {
            let _ = write!(entry, ". {}.", capitalised(&published));
        }
    }
    if source.url.is_none() {
        entry.push_str(" No public copy is known.");
    }
    if let Some(n) = &source.note {
        let _ = write!(entry, " {}", text(n));
    }
    match source.reviewed {
        Some(d) => {
            let _ = write!(entry, " Rules last checked against it on {d}.");
        }
        None => entry.push_str(" The rules have not been checked against it."),
    }
    entry
}

/// What a page writes after a limit's amount: the words `limit_periods` gives its period.
fn per_words(set: &RuleSet, per: &str) -> String {
    set.limit_periods
        .iter()
        .find(|p| p.name == per)
        .map_or_else(|| format!("per {per}"), |p| p.description.clone())
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn worked_examples(out: &mut String, rules: &Rules, app: &App) {
    let examples: Vec<_> = rules
        .set
        .examples
        .iter()
        .filter(|e| e.app.as_deref() == Some(app.id.as_str()))
        .collect();
    if examples.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Worked examples\n");
    let _ = writeln!(
        out,
        "Each example below is a test of the rules (`realname test`). The output shown is what `realname check --format short` printed for it when this page was made.\n"
    );
    for def in examples {
        let run = run_example(rules, def);
        let (Some(profile), Some(report)) = (&run.profile, &run.report) else {
            continue;
        };
        let title = def
            .example
            .docs
            .as_ref()
            .map_or(&def.example.name.node, |d| &d.node);
        let _ = writeln!(out, "### {}\n", text(title));
        let today = def
            .example
            .today
            .as_ref()
            .map(|t| t.node.clone())
            .or_else(|| {
                def.example
                    .from
                    .as_ref()
                    .and_then(|f| rules.set.example(&f.node))
                    .and_then(|e| e.example.today.as_ref())
                    .map(|t| t.node.clone())
            });
        let changes: Vec<String> = def
            .example
            .edits
            .iter()
            .map(|e| match e {
                crate::syntax::ast::ProfileEdit::Set { path, value } => format!(
                    "{} set to {}",
                    code(&path.node.dotted()),
                    code(&example_value(&value.node))
                ),
                crate::syntax::ast::ProfileEdit::Remove(path) => {
                    format!("{} removed", code(&path.node.dotted()))
                }
            })
            .collect();
        if let Some(from) = &def.example.from {
            if changes.is_empty() {
                let _ = writeln!(out, "The profile of {}.\n", code(&from.node));
            } else {
                let _ = writeln!(
                    out,
                    "The profile of {} with {}.\n",
                    code(&from.node),
                    changes.join(", ")
                );
            }
        }
        // The profile and the output are shown as they are, in code blocks no line of theirs
        // can close (a profile may hold ``` or </details>).
        let _ = writeln!(
            out,
            "{DETAILS_OPEN}\n\n{}\n{DETAILS_CLOSE}\n",
            fenced("yaml", &profile.text)
        );
        let day = today.map_or(String::new(), |t| format!(" on {}", text(&t)));
        let _ = writeln!(
            out,
            "Checked{day}:\n\n{}",
            fenced(
                "text",
                &short::render(&def.example.name.node, std::slice::from_ref(report))
            )
        );
    }
}

fn example_value(v: &crate::syntax::ast::ExampleValue) -> String {
    use crate::syntax::ast::ExampleValue::*;
    match v {
        // As a rule file writes it, so a line break shows as `\n`.
        Str(s) => crate::syntax::print::quote(s),
        Date(d) => d.clone(),
        Int(i) => i.to_string(),
        Bool(b) => b.to_string(),
    }
}

/// The index: the apps side by side.
pub fn index_page(rules: &Rules) -> String {
    let set = &rules.set;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Real-name verification for foreigners: the apps compared\n"
    );
    let _ = writeln!(
        out,
        "Generated from the rule files that `realname check` runs. Check your own details before you try: `realname check me.yaml`.\n"
    );
    let apps = &set.apps;
    let header: Vec<String> = apps
        .iter()
        .map(|a| link(&a.title, &format!("apps/{}.md", a.id)))
        .collect();
    let _ = writeln!(out, "| | {} |", header.join(" | "));
    let _ = writeln!(out, "| --- |{}", " --- |".repeat(apps.len()));
    // Each cell is Markdown made from escaped rule text (`text`, `dated`) and `<br>`s.
    let row = |out: &mut String, label: &str, f: &dyn Fn(&App) -> String| {
        let cells: Vec<String> = apps.iter().map(f).collect();
        let _ = writeln!(out, "| **{label}** | {} |", cells.join(" | "));
    };
    row(&mut out, "Hotline", &|a| {
        text(a.hotline.as_deref().unwrap_or_default())
    });
    row(&mut out, "Documents needed", &|a| {
        dated_texts(&a.documents).collect::<Vec<_>>().join(BR)
    });
    row(&mut out, "Cards accepted", &|a| {
        dated_texts(&a.cards).collect::<Vec<_>>().join(BR)
    });
    row(&mut out, "Banks", &|a| {
        let banks: Vec<String> = a
            .sets
            .iter()
            .filter(|s| s.ty == SetType::Bank)
            .flat_map(|s| s.values.iter().map(|v| dated(&v.text, &v.period)))
            .collect();
        if banks.is_empty() {
            "any bank".to_string()
        } else {
            format!("{} banks: {}", banks.len(), banks.join(", "))
        }
    });
    row(&mut out, "What unlocks", &|a| {
        a.outcomes
            .iter()
            .map(|o| {
                let caps: Vec<&str> = o
                    .unlocks
                    .iter()
                    .map(|&c| set.capabilities[c].name.as_str())
                    .collect();
                dated(
                    &format!(
                        "{}: {}",
                        o.name.replace('_', " "),
                        if caps.is_empty() {
                            "nothing".into()
                        } else {
                            caps.join(", ")
                        }
                    ),
                    &o.period,
                )
            })
            .collect::<Vec<_>>()
            .join(BR)
    });
    row(&mut out, "Limits", &|a| {
        let limits: Vec<String> = a
            .outcomes
            .iter()
            .flat_map(|o| {
                o.limits.iter().map(move |l| {
                    // A limit holds while both it and its outcome are in force.
                    dated(
                        &format!(
                            "{}: {} {} {}",
                            o.name.replace('_', " "),
                            l.amount,
                            l.currency,
                            per_words(set, &l.per)
                        ),
                        &l.period.within(&o.period),
                    )
                })
            })
            .collect();
        if limits.is_empty() {
            "none recorded".into()
        } else {
            limits.join(BR)
        }
    });
    row(&mut out, "Requirements checked", &|a| {
        // A rule with several versions is one requirement.
        let mut codes: Vec<&str> = a.requirements.iter().map(|r| r.code.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        codes.len().to_string()
    });
    out.push('\n');
    let _ = writeln!(out, "## What an account can unlock\n");
    for c in &set.capabilities {
        let _ = writeln!(out, "- **{}**: {}", text(&c.name), text(&c.description));
    }
    out.push('\n');
    let _ = writeln!(out, "## Rule language and lints\n");
    let _ = writeln!(
        out,
        "- [The rule language](language.md)\n- [Lints for rule files](lints/README.md)"
    );
    out
}
