//! A `matches` pattern that is valid but probably does not mean what its author meant.

use crate::lint::{Category, LintContext, LintFinding, LintInfo};
use crate::syntax::ast::*;

pub static INFO: LintInfo = LintInfo {
    code: "suspicious-regex",
    category: Category::Correctness,
    severity: Severity::Warning,
    summary: "A `matches` pattern is valid but probably wrong.",
    doc: r#"## What it finds
Regular expressions after `matches` that the regex crate accepts but that rarely mean what was
intended:

- a range from an upper-case to a lower-case letter, `[A-z]`: it also takes `[ \ ] ^ _` and
  the backtick, which lie between `Z` and `a`;
- `|` next to anchors without a group: `^a|b$` means "starts with a" or "ends with b";
- a pattern that checks a whole value (in a `require`) without `^` or `$`: it is met as soon as
  any part of the value matches;
- an empty alternative, `a||b`, `(|a)`, `a|`: it matches everywhere;
- a pattern anchored at both ends that matches the empty text, `^[0-9]*$`.

## Why it matters
A pattern that is too loose lets through the values the rule was written to refuse (a phone
number with letters, a name with symbols), and the applicant finds out at the app's counter.

## Example
```
requirement phone_characters {
  require phone matches "[0-9+\-]+"
  ...
}
```
`"call me: +27 82"` contains digits, so it passes.

## How to fix
Write `A-Za-z`; group alternatives inside the anchors, `^(?:a|b)$`; anchor a whole-value check
with `^...$`; remove the extra `|`; use `+` instead of `*` when the value must not be empty.
"#,
};

/// What is wrong with a pattern: (message, help).
fn problems(pattern: &str, validates: bool, value: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if regex::Regex::new(pattern).is_err() {
        return out; // invalid-regex reports it
    }
    let scan = scan(pattern);
    for (a, b) in &scan.mixed_case_ranges {
        out.push((
            format!("the range `{a}-{b}` also takes the six characters between `Z` and `a`: `[`, `\\`, `]`, `^`, `_` and the backtick"),
            format!("write `{a}-Za-{b}` for letters only"),
        ));
    }
    let starts = {
        // Flags such as `(?i)` may come before the anchor.
        let mut rest = pattern;
        while let Some(after) = rest.strip_prefix("(?") {
            match after.find(')') {
                Some(end)
                    if after[..end]
                        .chars()
                        .all(|c| c.is_ascii_alphabetic() || c == '-') =>
                {
                    rest = &after[end + 1..];
                }
                _ => break,
            }
        }
        rest.starts_with('^') || rest.starts_with("\\A")
    };
    let ends = ends_with_anchor(pattern);
    // `^a$|^b$` anchors every alternative: nothing to say.
    let unanchored_alternative = scan.alternatives.iter().any(|alt| {
        (starts && !(alt.starts_with('^') || alt.starts_with("\\A")))
            || (ends && !ends_with_anchor(alt))
    });
    if scan.top_level_alternation && unanchored_alternative {
        let inner = pattern
            .strip_prefix('^')
            .or_else(|| pattern.strip_prefix("\\A"))
            .unwrap_or(pattern);
        let inner = if ends {
            inner
                .strip_suffix('$')
                .or_else(|| inner.strip_suffix("\\z"))
                .unwrap_or(inner)
        } else {
            inner
        };
        out.push((
            "`|` binds more loosely than `^` and `$`: the anchors reach only the first and last alternatives".to_string(),
            format!("group the alternatives inside the anchors: `^(?:{inner})$`"),
        ));
    }
    if scan.empty_alternative {
        out.push((
            "this pattern has an empty alternative, which matches anywhere".to_string(),
            "remove the extra `|`; to make a part optional, write `?` after it".to_string(),
        ));
    }
    if validates && !(starts && ends) && scan.repetition && !scan.top_level_alternation {
        let missing = match (starts, ends) {
            (false, false) => "`^` and `$`",
            (false, true) => "`^`",
            _ => "`$`",
        };
        let anchored = format!(
            "{}{pattern}{}",
            if starts { "" } else { "^" },
            if ends { "" } else { "$" }
        );
        out.push((
            format!(
                "without {missing}, `{value}` meets this pattern as soon as a part of it matches"
            ),
            format!("to check the whole value, anchor the pattern: `{anchored}`"),
        ));
    }
    if starts && ends && !scan.top_level_alternation {
        if let Ok(re) = regex::Regex::new(pattern) {
            if re.is_match("") {
                out.push((
                    format!("`{pattern}` also accepts an empty value"),
                    "use `+` instead of `*` (or `{1,}` instead of `{0,}`) if the value must not be empty".to_string(),
                ));
            }
        }
    }
    out
}

fn ends_with_anchor(pattern: &str) -> bool {
    let (body, anchored) = if let Some(b) = pattern.strip_suffix('$') {
        (b, true)
    } else if let Some(b) = pattern.strip_suffix("\\z") {
        (b, true)
    } else {
        (pattern, false)
    };
    // `\$` is a literal dollar: count the backslashes before it.
    anchored && body.chars().rev().take_while(|c| *c == '\\').count() % 2 == 0
}

#[derive(Default)]
struct Scan {
    mixed_case_ranges: Vec<(char, char)>,
    top_level_alternation: bool,
    /// The alternatives at the top level, when there are several.
    alternatives: Vec<String>,
    empty_alternative: bool,
    repetition: bool,
}

/// One pass over the pattern: character classes, groups and alternatives.
fn scan(pattern: &str) -> Scan {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = Scan::default();
    let mut depth = 0usize;
    // Whether the current alternative (at each group depth) is still empty.
    let mut empty: Vec<bool> = vec![true];
    let mut bars: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => {
                i += skip_escape(&chars, i);
                mark(&mut empty);
                continue;
            }
            '[' => {
                i = class(&chars, i, &mut out);
                mark(&mut empty);
                continue;
            }
            '(' => {
                // `(?:`, `(?P<name>`, `(?<name>` open a group; `(?i)` only sets flags.
                let mut j = i + 1;
                let mut group = true;
                if chars.get(j) == Some(&'?') {
                    while j < chars.len() && !matches!(chars[j], ':' | '>' | ')') {
                        j += 1;
                    }
                    if chars.get(j) == Some(&')') {
                        group = false;
                    }
                } else {
                    j = i;
                }
                if group {
                    depth += 1;
                    empty.push(true);
                } else {
                    mark(&mut empty);
                }
                i = j + 1;
                continue;
            }
            ')' => {
                if *empty.last().unwrap_or(&false) && i > 0 && chars[i - 1] == '|' {
                    out.empty_alternative = true;
                }
                if depth > 0 {
                    depth -= 1;
                    empty.pop();
                }
                mark(&mut empty);
            }
            '|' => {
                if *empty.last().unwrap_or(&false) {
                    out.empty_alternative = true;
                }
                if depth == 0 {
                    out.top_level_alternation = true;
                    bars.push(i);
                }
                if let Some(e) = empty.last_mut() {
                    *e = true;
                }
            }
            '*' | '+' => {
                out.repetition = true;
                mark(&mut empty);
            }
            '{' if chars.get(i + 1).is_some_and(|d| d.is_ascii_digit()) => {
                out.repetition = true;
                mark(&mut empty);
            }
            '^' | '$' => {
                // Anchors do not make an alternative non-empty for our purpose; `^|a` is
                // still an alternative that matches nothing but a position.
            }
            _ => mark(&mut empty),
        }
        i += 1;
    }
    if *empty.last().unwrap_or(&false) && chars.last() == Some(&'|') {
        out.empty_alternative = true;
    }
    if !bars.is_empty() {
        let mut start = 0;
        for bar in bars.into_iter().chain([chars.len()]) {
            out.alternatives.push(chars[start..bar].iter().collect());
            start = bar + 1;
        }
    }
    out
}

fn mark(empty: &mut [bool]) {
    if let Some(e) = empty.last_mut() {
        *e = false;
    }
}

/// How many characters the escape at `i` takes: `\d`, `\.`, `\p{Han}`, `\x{41}`.
fn skip_escape(chars: &[char], i: usize) -> usize {
    match chars.get(i + 1) {
        Some('p' | 'P' | 'x' | 'u' | 'U') if chars.get(i + 2) == Some(&'{') => {
            let mut j = i + 2;
            while j < chars.len() && chars[j] != '}' {
                j += 1;
            }
            j + 1 - i
        }
        Some('p' | 'P') => 3,
        Some('x') => 4,
        Some(_) => 2,
        None => 1,
    }
}

/// Reads a character class starting at `i` (at `[`); returns the index after it.
fn class(chars: &[char], start: usize, out: &mut Scan) -> usize {
    let mut i = start + 1;
    if chars.get(i) == Some(&'^') {
        i += 1;
    }
    // A `]` first is a literal.
    let mut previous: Option<char> = None;
    if chars.get(i) == Some(&']') {
        previous = Some(']');
        i += 1;
    }
    while i < chars.len() {
        let c = chars[i];
        match c {
            ']' => return i + 1,
            '\\' => {
                let n = skip_escape(chars, i);
                // An escaped punctuation character is a literal that may start a range.
                previous = chars
                    .get(i + 1)
                    .copied()
                    .filter(|c| n == 2 && !c.is_ascii_alphanumeric());
                i += n;
            }
            '[' if chars.get(i + 1) == Some(&':') => {
                // `[:alpha:]`
                while i + 1 < chars.len() && !(chars[i] == ':' && chars[i + 1] == ']') {
                    i += 1;
                }
                i += 2;
                previous = None;
            }
            '[' => {
                i = class(chars, i, out);
                previous = None;
            }
            '-' if previous.is_some()
                && chars.get(i + 1).is_some_and(|n| *n != ']' && *n != '\\') =>
            {
                let (a, b) = (previous.unwrap_or('-'), chars[i + 1]);
                if a.is_ascii_uppercase() && b.is_ascii_lowercase() {
                    out.mixed_case_ranges.push((a, b));
                }
                previous = None;
                i += 2;
            }
            _ => {
                previous = Some(c);
                i += 1;
            }
        }
    }
    i
}

/// Walks a condition: `positive` is false under an odd number of `not`.
fn visit(e: &Expr, positive: bool, in_require: bool, out: &mut Vec<LintFinding>) {
    if let Some((_, operands)) = e.node.junction() {
        for operand in operands {
            visit(operand, positive, in_require, out);
        }
        return;
    }
    match &e.node {
        ExprKind::Paren(inner) => visit(inner, positive, in_require, out),
        ExprKind::Unary { op, operand } if op.node == UnaryOp::Not => {
            visit(operand, !positive, in_require, out)
        }
        ExprKind::Binary { op, left, right } => match (op.node, &right.node) {
            (BinaryOp::Matches, ExprKind::Str(pattern)) => {
                visit(left, positive, false, out);
                let value = crate::syntax::print::expr(left);
                for (message, help) in problems(pattern, in_require && positive, &value) {
                    out.push(
                        LintFinding::new(&INFO, &right.span, message, "suspicious pattern")
                            .help(help),
                    );
                }
            }
            (BinaryOp::And | BinaryOp::Or, _) => {
                visit(left, positive, in_require, out);
                visit(right, positive, in_require, out);
            }
            _ => {
                visit(left, positive, false, out);
                visit(right, positive, false, out);
            }
        },
        ExprKind::Quantified { body, .. } => visit(body, positive, in_require, out),
        ExprKind::Call { args, .. } | ExprKind::List(args) => {
            for a in args {
                visit(a, positive, false, out);
            }
        }
        ExprKind::Unary { operand, .. } => visit(operand, positive, false, out),
        _ => {}
    }
}

pub fn check(cx: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    for (_, item) in cx.body_items() {
        match item {
            BodyItem::Requirement(r) => {
                if let Some(e) = &r.require {
                    visit(e, true, true, out);
                }
                if let Some(e) = &r.when {
                    visit(e, true, false, out);
                }
            }
            BodyItem::When(w) => visit(&w.condition, true, false, out),
            BodyItem::Let(l) => visit(&l.body, true, false, out),
            BodyItem::Fix(f) => f
                .when
                .iter()
                .chain(f.value.iter())
                .for_each(|e| visit(e, true, false, out)),
            BodyItem::Outcome(o) => o.when.iter().for_each(|e| visit(e, true, false, out)),
            _ => {}
        }
    }
}
