//! A message or help that is too long, or speaks in field names.

use regex::Regex;

use crate::lint::{Category, LintContext, LintFinding, LintInfo};
use crate::syntax::ast::{BodyItem, Severity};

pub static INFO: LintInfo = LintInfo {
    code: "long-message",
    category: Category::Clarity,
    severity: Severity::Warning,
    summary: "A requirement's message or help is too long, or its message uses field names.",
    doc: r#"## What it finds
- a requirement `message` longer than 200 characters, or a `help` longer than 400;
- a `message` that mentions a field path (`document.number`, `card.holder`) or a name with an
  underscore (`bank_cards`, `info_page_photo`).

## Why it matters
The message is the line an applicant reads first, often on a phone: it should say what is
wrong in one sentence, and the help what to do in a few. Applicants never see the rule files,
so the names of profile fields mean nothing to them.

## Example
```
requirement passport_number_length {
  message "document.number must have at least 8 characters"
  ...
}
```

## How to fix
Say it in the applicant's words ("Your passport number ..."), and move details from the message
to the help, or from the help to the documentation (`///` lines).
"#,
};

const MAX_MESSAGE: usize = 200;
const MAX_HELP: usize = 400;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    let dotted = Regex::new(r"(?:^|[^\w.])([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+)").expect("valid");
    let underscored = Regex::new(r"\b[A-Za-z][A-Za-z0-9]*_\w*[A-Za-z0-9]\b").expect("valid");
    // Field names of the schema, when the rules compile.
    let fields: Option<Vec<&str>> = cx.rules.as_ref().map(|r| {
        r.set
            .schema
            .records
            .iter()
            .flat_map(|rec| rec.fields.iter().map(|f| f.name.as_str()))
            .collect()
    });
    let looks_like_field = |path: &str| {
        let segments: Vec<&str> = path.split('.').collect();
        if segments.iter().any(|s| s.chars().count() < 2) {
            return false; // "e.g", "i.e"
        }
        match &fields {
            Some(fields) => segments[1..].iter().all(|s| fields.contains(s)),
            None => true,
        }
    };
    for (_, item) in cx.body_items() {
        let BodyItem::Requirement(r) = item else {
            continue;
        };
        if let Some(m) = &r.message {
            let length = m.node.chars().count();
            if length > MAX_MESSAGE {
                out.push(
                    LintFinding::new(
                        &INFO,
                        &m.span,
                        format!(
                            "the message of `{}` has {length} characters; keep it under {MAX_MESSAGE}",
                            r.name.node
                        ),
                        "too long",
                    )
                    .help("say what is wrong in one sentence, and move the rest to `help`"),
                );
            }
            // A `{value}` is replaced by the value before anyone reads it.
            let shown = without_placeholders(m);
            let mut names: Vec<String> = Vec::new();
            for c in dotted.captures_iter(&shown) {
                let path = c[1].to_string();
                if looks_like_field(&path) && !names.contains(&path) {
                    names.push(path);
                }
            }
            for found in underscored.find_iter(&shown) {
                let name = found.as_str().to_string();
                if !names.iter().any(|n| n.contains(&name)) {
                    names.push(name);
                }
            }
            if !names.is_empty() {
                let list: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
                out.push(
                    LintFinding::new(
                        &INFO,
                        &m.span,
                        format!(
                            "the message of `{}` says {}, {} from the rule files that applicants do not know",
                            r.name.node,
                            join(&list),
                            if names.len() == 1 { "a name" } else { "names" },
                        ),
                        "names from the rules",
                    )
                    .help("name the thing as the applicant sees it: \"your passport number\", \"the name on the card\""),
                );
            }
        }
        if let Some(h) = &r.help {
            let length = h.node.chars().count();
            if length > MAX_HELP {
                out.push(
                    LintFinding::new(
                        &INFO,
                        &h.span,
                        format!(
                            "the help of `{}` has {length} characters; keep it under {MAX_HELP}",
                            r.name.node
                        ),
                        "too long",
                    )
                    .help("keep the steps the applicant takes; move background to the `///` documentation"),
                );
            }
        }
    }
}

/// The text as a reader sees it: every `{...}` stands for a value, shown here as `…`.
fn without_placeholders(text: &crate::source::Spanned<String>) -> String {
    let Ok(found) = crate::syntax::placeholders(text) else {
        return text.node.clone();
    };
    let mut out = String::with_capacity(text.node.len());
    let mut at = 0;
    for p in found {
        out.push_str(&text.node[at..p.in_text.start]);
        out.push('…');
        at = p.in_text.end;
    }
    out.push_str(&text.node[at..]);
    out
}

fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
