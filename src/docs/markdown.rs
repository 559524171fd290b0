//! The Markdown pages: one per app and an index comparing the apps. Everything comes from the
//! compiled rule set; the worked examples are run through the checker as the pages are made.

use std::fmt::Write;

use crate::compile::ir::{App, DatedText, Disagreement, Period, Requirement, RuleSet, Step};
use crate::compile::types::SetType;
use crate::examples::run_example;
use crate::report::short;
use crate::syntax::ast::ForKind;
use crate::Rules;

// Rule text is data. Every piece of it (a title, a message, a doc comment, a source's note, a
// bank's name, an identifier) goes into the Markdown through one of the functions below, never
// pasted in as it is: `text` for a piece in a line (a heading, a list item, a table cell, the
// middle of a sentence), `block` for a doc comment that stands as its own paragraphs, `code`
// for a code span (a condition, a code, a profile value), `fenced` for a code block (a profile,
// the checker's output) and `link_dest` for a link's destination. What they write reads as the
// rule text, on GitHub and through pulldown-cmark alike, and can make no HTML, link, image,
// heading, list, table or code block of its own.
//
// They escape only what Markdown could read as syntax where it stands, so ordinary text stays
// as it was written ("Me → Settings", "Account & Security", "1-2 days", `red_packets`).

/// The raw HTML the generator itself writes, and nothing else: a line break in a table cell,
/// the folded profile of a worked example, and the anchor of a source (`source_anchor`). The
/// HTML renderer lets these exact strings through and shows any other HTML as text.
pub(crate) const BR: &str = "<br>";
pub(crate) const DETAILS_OPEN: &str = "<details><summary>Profile</summary>";
pub(crate) const DETAILS_CLOSE: &str = "</details>";

/// One line of rule text (line breaks become spaces), escaped so that Markdown reads it as
/// that text wherever the line puts it, also at the start of a line or of a list item, in a
/// heading and in a table cell (`|` is escaped too). A code span the text writes in backticks,
/// as in "add `account: current` to the card", stays a code span: its content is shown as
/// it is, never read as Markdown or HTML.
fn text(s: &str) -> String {
    let line = s.lines().map(str::trim).collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(line.len() + 8);
    escape_line(line.trim(), &mut out);
    out
}

/// A doc comment as paragraphs: its lines stay lines, a blank line starts a new paragraph,
/// and each line is escaped as `text` escapes it, so no line can start a heading, a list, a
/// quote, a table or a code block.
fn block(s: &str) -> String {
    let mut paragraphs = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    for line in s.lines().map(str::trim) {
        if line.is_empty() {
            if !lines.is_empty() {
                paragraphs.push(lines.join("\n"));
                lines.clear();
            }
        } else {
            let mut out = String::new();
            escape_line(line, &mut out);
            lines.push(out);
        }
    }
    if !lines.is_empty() {
        paragraphs.push(lines.join("\n"));
    }
    paragraphs.join("\n\n")
}

/// Escapes `line` (trimmed, without line breaks) into `out`.
fn escape_line(line: &str, out: &mut String) {
    let chars: Vec<char> = line.chars().collect();
    let at = |i: usize| chars.get(i).copied();
    let space_or_end = |i: usize| at(i).is_none_or(char::is_whitespace);
    // What a line may start with that Markdown reads as a block: a heading (`# `), a quote
    // (`>`), a list item (`- `, `+ `, `1. `, `1) `), a thematic break or a setext underline
    // (`---`, `===`). The rest of the block syntax starts with a character escaped anywhere.
    let hashes = chars.iter().take_while(|&&c| c == '#').count();
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let escape_at = match at(0) {
        Some('>') => Some(0),
        Some('#') if hashes <= 6 && space_or_end(hashes) => Some(0),
        Some(c @ ('-' | '+' | '='))
            if space_or_end(1) || chars.iter().all(|&x| x == c || x.is_whitespace()) =>
        {
            Some(0)
        }
        Some(_)
            if (1..=9).contains(&digits)
                && matches!(at(digits), Some('.' | ')'))
                && space_or_end(digits + 1) =>
        {
            Some(digits)
        }
        _ => None,
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if escape_at == Some(i) {
            out.push('\\');
            out.push(c);
            i += 1;
            continue;
        }
        match c {
            '`' => {
                let run = chars[i..].iter().take_while(|&&c| c == '`').count();
                let end = code_span_end(&chars, i, run);
                match end {
                    Some(end) => out.extend(&chars[i..end]),
                    None => (0..run).for_each(|_| out.push_str("\\`")),
                }
                i = end.unwrap_or(i + run);
                continue;
            }
            // Emphasis, links and images, escapes, table cells, strikethrough, (GitHub's) math.
            '\\' | '*' | '[' | ']' | '|' | '~' | '$' => out.push('\\'),
            // An underscore inside a word (`red_packets`) cannot emphasise.
            '_' if !(i > 0
                && chars[i - 1].is_alphanumeric()
                && at(i + 1).is_some_and(char::is_alphanumeric)) =>
            {
                out.push('\\')
            }
            // A tag, a comment or an autolink (`<a`, `</`, `<!`, `<?`, `<https:`, `<.x@y>`)
            // starts with `<` and an ASCII letter, digit or sign; not with a space, a
            // character beyond ASCII or one of the signs no tag, scheme or e-mail address
            // starts with (`<,`).
            '<' if !at(i + 1).is_some_and(|n| {
                n.is_whitespace() || !n.is_ascii() || ",;:\"()[]<>\\@".contains(n)
            }) =>
            {
                out.push('\\')
            }
            // An entity (`&lt;`, `&#60;`) starts with `&` and a letter, a digit or `#`.
            '&' if at(i + 1).is_none_or(|n| n == '#' || n.is_ascii_alphanumeric()) => {
                out.push('\\')
            }
            // A closing sequence of a heading: a run of `#` at the end, after a space.
            '#' if i > 0
                && chars[i - 1].is_whitespace()
                && chars[i..].iter().all(|&x| x == '#' || x.is_whitespace()) =>
            {
                out.push('\\')
            }
            _ => {}
        }
        out.push(c);
        i += 1;
    }
}

/// Where the code span opened by the `run` backticks at `start` ends (after its closing
/// backticks), when the text writes one that is safe to keep: one or two backticks (three
/// could open a code block at the start of a line), closed by a run of the same length on the
/// same line, with no `|` inside (a table would split the cell there; `\|` would show the
/// backslash elsewhere). Otherwise the backticks are escaped and shown.
fn code_span_end(chars: &[char], start: usize, run: usize) -> Option<usize> {
    if run > 2 {
        return None;
    }
    let mut i = start + run;
    while i < chars.len() {
        if chars[i] == '`' {
            let close = chars[i..].iter().take_while(|&&c| c == '`').count();
            if close == run {
                return (!chars[start + run..i].contains(&'|')).then_some(i + close);
            }
            i += close;
        } else {
            i += 1;
        }
    }
    None
}

/// The longest run of `c` in `s`.
fn longest_run(s: &str, c: char) -> usize {
    s.split(|x| x != c).map(str::len).max().unwrap_or(0)
}

/// A code span showing `s` exactly (line breaks as spaces): its backticks are more than any
/// run of backticks inside. Not for table cells (a `|` inside would split the cell).
fn code(s: &str) -> String {
    let content = s.replace(['\n', '\r'], " ");
    let ticks = "`".repeat(longest_run(&content, '`') + 1);
    // One space on each side is taken off a span that has both; add them when the content
    // starts or ends with a backtick or itself has both.
    let pad = content.starts_with('`')
        || content.ends_with('`')
        || (content.len() > 1
            && content.starts_with(' ')
            && content.ends_with(' ')
            && !content.trim().is_empty());
    let pad = if pad || content.is_empty() { " " } else { "" };
    format!("{ticks}{pad}{content}{pad}{ticks}")
}

/// A fenced code block holding `content` as it is: the fence is longer than any run of
/// backticks in the content (at least three), so no line of it can close the block early.
fn fenced(info: &str, content: &str) -> String {
    let fence = "`".repeat(3.max(longest_run(content, '`') + 1));
    format!("{fence}{info}\n{}{fence}\n", ensure_newline(content))
}

/// A link destination that Markdown reads back as `url`: white space and control characters
/// are percent-encoded (a destination has none), and the characters that could end it or
/// start an escape or an entity are backslash-escaped.
fn link_dest(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_whitespace() || c.is_control() {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        } else {
            if matches!(c, '(' | ')' | '<' | '>' | '\\' | '&' | '`') {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// A link to `dest` showing `label` (both rule text); a destination that is not a safe link
/// (`html::is_safe_link`) is shown after the label as text instead.
fn link(label: &str, dest: &str) -> String {
    if super::html::is_safe_link(dest) {
        format!("[{}]({})", text(label), link_dest(dest))
    } else {
        format!("{} ({})", text(label), text(dest))
    }
}

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
                    text(bank.chinese.as_deref().unwrap_or(""))
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
                        "{} {} per {} ({})",
                        l.amount,
                        l.currency,
                        l.per,
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
        Str(s) => crate::fmt::quote(s),
        Date(d) => d.clone(),
        Int(i) => i.to_string(),
        Bool(b) => b.to_string(),
    }
}

fn ensure_newline(text: &str) -> String {
    if text.ends_with('\n') {
        text.to_string()
    } else {
        format!("{text}\n")
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
                            "{}: {} {} per {}",
                            o.name.replace('_', " "),
                            l.amount,
                            l.currency,
                            l.per
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use pulldown_cmark::{Event, Options, Parser, Tag};

    /// What pulldown-cmark reads in `md`: the tags it opens, and the text it shows (code spans
    /// in backticks, soft breaks as line breaks, paragraphs apart by a blank line).
    fn read(md: &str) -> (Vec<String>, String) {
        let mut tags = Vec::new();
        let mut shown = String::new();
        for event in Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
            match event {
                Event::Start(tag) => {
                    if matches!(tag, Tag::Paragraph) && !shown.is_empty() {
                        shown.push_str("\n\n");
                    }
                    tags.push(format!("{tag:?}"));
                }
                Event::Text(t) => shown.push_str(&t),
                Event::Code(c) => {
                    shown.push('`');
                    shown.push_str(&c);
                    shown.push('`');
                }
                Event::SoftBreak => shown.push('\n'),
                Event::End(_) => {}
                other => tags.push(format!("{other:?}")),
            }
        }
        (tags, shown)
    }

    /// Where the pages put rule text, with `{}` for the text.
    const PLACES: &[&str] = &[
        "{}\n",
        "What to do: {}\n",
        "#### {}\n",
        "- {}\n",
        "1. {}\n",
        "> - *guide*: {}\n",
        "**Hotline:** {}\n",
        "- **{}** (`code`)\n",
        "[{}](https://example.org)\n",
        "| a | b |\n| --- | --- |\n| x | {} |\n",
    ];

    /// Stands for the rule text where the pages put it: a character no rule text has.
    const HOLE: &str = "\u{E000}";

    /// Rule text full of what Markdown reads as syntax, on one line.
    const LINE: &str = "[ a-zA-Z0-9_*\\\\\\[\\]()<>&#!|~$=+\\-.:;'\"/?@{}^%,→中é]{1,40}";

    proptest! {
        #[test]
        fn text_reads_as_itself_wherever_it_stands(s in LINE) {
            prop_assume!(!s.trim().is_empty());
            for place in PLACES {
                let (tags, shown) = read(&place.replace("{}", &text(&s)));
                let (expected_tags, expected) = read(&place.replace("{}", HOLE));
                prop_assert_eq!(&tags, &expected_tags, "{:?} in {:?}", s, place);
                prop_assert_eq!(shown, expected.replace(HOLE, s.trim()), "in {:?}", place);
            }
        }

        #[test]
        fn backticks_make_code_spans_at_most(s in "[ a-z`<>|\\[\\]()#*_]{1,30}") {
            prop_assume!(!s.trim().is_empty());
            for place in PLACES {
                let (tags, _) = read(&place.replace("{}", &text(&s)));
                let (expected_tags, _) = read(&place.replace("{}", HOLE));
                let tags: Vec<_> = tags.into_iter().filter(|t| !t.starts_with("Code(")).collect();
                prop_assert_eq!(tags, expected_tags, "{:?} in {:?}", s, place);
            }
        }

        #[test]
        fn doc_comments_read_as_themselves(lines in proptest::collection::vec(
            "[ a-z0-9_*\\\\\\[\\]<>&#|~=+\\-.)]{0,12}", 1..6,
        )) {
            let doc = lines.join("\n");
            let expected: Vec<String> = doc
                .split('\n')
                .map(str::trim)
                .collect::<Vec<_>>()
                .split(|l| l.is_empty())
                .filter(|p| !p.is_empty())
                .map(|p| p.join("\n"))
                .collect();
            let (tags, shown) = read(&block(&doc));
            prop_assert!(tags.iter().all(|t| t == "Paragraph"), "{:?}: {:?}", doc, tags);
            prop_assert_eq!(shown, expected.join("\n\n"));
        }

        #[test]
        fn code_shows_its_content(s in "[ a-z`<>|]{1,20}") {
            let (tags, shown) = read(&format!("a {} b", code(&s)));
            prop_assert_eq!(tags, vec!["Paragraph".to_string()]);
            prop_assert_eq!(shown, format!("a `{s}` b"));
        }

        #[test]
        fn fenced_blocks_hold_their_content(s in "[ a-z`~<>/\n]{0,40}") {
            let md = format!("{}\nafter\n", fenced("yaml", &s));
            let mut events = Parser::new(&md);
            let start = events.next();
            prop_assert!(matches!(start, Some(Event::Start(Tag::CodeBlock(_)))), "{:?}", start);
            let mut content = String::new();
            for event in events.by_ref() {
                match event {
                    Event::Text(t) => content.push_str(&t),
                    _ => break,
                }
            }
            prop_assert_eq!(content, ensure_newline(&s));
            let (_, shown) = read(&md);
            prop_assert!(shown.ends_with("after"));
        }

        #[test]
        fn link_destinations_read_back(url in "https://[a-z0-9_()<>&#;%\\\\`\\[\\]*\"'.:/?=-]{0,30}") {
            let md = format!("[a]({})", link_dest(&url));
            let dest = Parser::new(&md).find_map(|e| match e {
                Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.to_string()),
                _ => None,
            });
            prop_assert_eq!(dest, Some(url));
        }
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        for s in [
            "Me → Settings → Account & Security → Real-Name Verification",
            "Wait 1 to 2 days (since 2017-09-26); it's 3% above 200 CNY.",
            "payments, transfers, withdrawals, red_packets",
            "44 letters, digits and < at the bottom, with <, or <中",
            "add `account: current` to the card",
        ] {
            assert_eq!(text(s), s);
        }
        assert_eq!(
            text("<script>alert(1)</script> [x](javascript:alert(1)) *a* _b_ a|b &lt; #"),
            "\\<script>alert(1)\\</script> \\[x\\](javascript:alert(1)) \\*a\\* \\_b\\_ a\\|b \\&lt; \\#"
        );
        assert_eq!(text("# Heading"), "\\# Heading");
        assert_eq!(text("1. first"), "1\\. first");
        assert_eq!(text("- item"), "\\- item");
        assert_eq!(text("> quote"), "\\> quote");
        assert_eq!(text("```"), "\\`\\`\\`");
        assert_eq!(code("a ` b"), "``a ` b``");
        assert_eq!(code("``x"), "``` ``x ```");
        assert_eq!(
            fenced("text", "a\n````\nb"),
            "`````text\na\n````\nb\n`````\n"
        );
    }
}
