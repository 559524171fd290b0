//! Text utilities shared by the parser, the compiler and the checker: the escapes and
//! indentation of rule-file literals, and the "did you mean" of every unknown-name message.
//!
//! They are about text, not about pest or the AST, so any stage may use them without depending
//! on the parser.

/// Decodes `\"`, `\\`, `\n` and `\t`. Any other backslash is kept as written, so regular
/// expressions such as `"\d{8}"` or `"\p{Han}"` need no doubling.
pub fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('"') => out.push('"'),
                Some('\\') => out.push('\\'),
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The text of a `"""` block: without the line break after the opening quotes, the
/// indentation common to its non-blank lines, and trailing spaces before the closing quotes.
pub fn dedent(raw: &str) -> String {
    let body = raw
        .strip_prefix("\r\n")
        .or_else(|| raw.strip_prefix('\n'))
        .unwrap_or(raw);
    let lines: Vec<&str> = body.split('\n').collect();
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    let mut out = String::with_capacity(body.len());
    for (i, line) in lines.iter().enumerate() {
        let last = i + 1 == lines.len();
        if last && line.trim().is_empty() {
            break;
        }
        out.push_str(line.get(indent..).unwrap_or_else(|| line.trim_start()));
        if !last {
            out.push('\n');
        }
    }
    out
}

/// The closest candidate to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    // Lowercased once, and a candidate only when it has capitals: a registry of banks is
    // hundreds of candidates, asked about for every unknown bank of a batch.
    let word = lowercase(word);
    let mut best: Option<(&str, f64)> = None;
    for candidate in candidates {
        let score = strsim::jaro_winkler(&word, &lowercase(candidate));
        if score > 0.82 && best.is_none_or(|(_, s)| score > s) {
            best = Some((candidate, score));
        }
    }
    best.map(|(c, _)| c)
}

fn lowercase(text: &str) -> std::borrow::Cow<'_, str> {
    // Any character lowercasing changes (capitals, and title-case letters such as `ǅ`).
    let changes = |c: char| {
        let mut lower = c.to_lowercase();
        lower.next() != Some(c) || lower.next().is_some()
    };
    if text.chars().any(changes) {
        std::borrow::Cow::Owned(text.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescape_decodes_four_escapes_and_keeps_other_backslashes() {
        assert_eq!(unescape(r#"a\"b\\c\nd\te"#), "a\"b\\c\nd\te");
        assert_eq!(unescape(r"\d{8}\p{Han}"), r"\d{8}\p{Han}");
        assert_eq!(unescape("end\\"), "end\\");
    }

    #[test]
    fn dedent_removes_the_common_indentation_and_the_framing_lines() {
        assert_eq!(dedent("\n    a: 1\n      b: 2\n    "), "a: 1\n  b: 2\n");
        assert_eq!(dedent("\r\n  x\n\n  y\n"), "x\n\ny\n");
        assert_eq!(dedent("inline"), "inline");
    }

    #[test]
    fn did_you_mean_proposes_the_closest_likely_typo_only() {
        assert_eq!(
            did_you_mean("warnign", ["error", "warning", "advice"]),
            Some("warning")
        );
        assert_eq!(
            did_you_mean("REQUIRE", ["require", "requirement"]),
            Some("require")
        );
        assert_eq!(did_you_mean("colour", ["error", "warning", "advice"]), None);
        assert_eq!(did_you_mean("x", std::iter::empty()), None);
    }
}
