//! Applying fixes to a profile's text.
//!
//! A fix must change only the value it is about: the author's comments, key order,
//! indentation and every other value stay byte-for-byte as they were, so the result can be
//! shown as a small diff and the file still feels like theirs. That is why fixes are text
//! edits on the spans recorded by the loader, not a re-serialization of the tree.

use std::fmt::Write as _;

use super::load::{anchor_uses, line_col, AnchorUse};
use super::tree::{ByteSpan, Node, NodeValue, ScalarStyle};

/// Replace the scalar at `span` (normally a [`Node::span`]) with `new_value`.
///
/// `new_value` is the plain value (`A12345678`), not YAML: [`apply_edits`] adds quotes and
/// escapes as needed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEdit {
    /// Byte span of the value to replace (empty = insert a value at that position, as for a
    /// null `key:` node).
    pub span: ByteSpan,
    /// The new value, unquoted and unescaped.
    pub new_value: String,
}

impl TextEdit {
    /// An edit that replaces `node`'s value with `new_value`.
    pub fn replace(node: &Node, new_value: impl Into<String>) -> Self {
        TextEdit {
            span: node.span.clone(),
            new_value: new_value.into(),
        }
    }
}

/// Why a set of edits could not be applied. Edits come from rule fixes computed on the same
/// text, so most of these indicate a bug or two fixes fighting over one value, not a user
/// mistake; [`EditError::SharedValue`] is a profile whose layout a fix cannot keep.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, miette::Diagnostic)]
pub enum EditError {
    /// Two edits touch the same bytes, so applying both is ambiguous.
    #[error(
        "two fixes change overlapping parts of the profile (bytes {}..{} and {}..{})",
        .first.start, .first.end, .second.start, .second.end
    )]
    #[diagnostic(code(profile::overlapping_edits))]
    Overlap {
        /// The edit that starts first.
        first: ByteSpan,
        /// The edit that overlaps it.
        second: ByteSpan,
    },
    /// An edit's span is reversed or reaches past the end of the text.
    #[error("a fix points outside the profile text (bytes {}..{}, the text has {len} bytes)", .span.start, .span.end)]
    #[diagnostic(code(profile::edit_out_of_bounds))]
    OutOfBounds {
        /// The offending span.
        span: ByteSpan,
        /// Length of the text in bytes.
        len: usize,
    },
    /// An edit's span cuts through a multi-byte character.
    #[error("a fix does not start and end between characters (bytes {}..{})", .span.start, .span.end)]
    #[diagnostic(code(profile::edit_not_on_char_boundary))]
    NotCharBoundary {
        /// The offending span.
        span: ByteSpan,
    },
    /// The value to fix is part of a list or mapping marked `&name` that an alias `*name`
    /// reuses, so the one text holds several values and changing it would change them all.
    #[error(
        "the fix for the value at line {line} would also change other values: it is inside `&{anchor}`, which `*{anchor}` at line {alias_line} reuses. Write the values out in full in place of `*{anchor}`, then run `realname check --fix` again"
    )]
    #[diagnostic(code(profile::fix_in_shared_value))]
    SharedValue {
        /// The edit's span.
        span: ByteSpan,
        /// 1-based line of the value.
        line: usize,
        /// The anchor's name, without the `&`.
        anchor: String,
        /// 1-based line of the first alias that reuses it.
        alias_line: usize,
    },
}

/// Replace each scalar at `span` (a Node's span) with `new_value`, keeping everything else of the text
/// byte-for-byte (comments, layout, other values). Quote the new value the way the original was quoted
/// (double-quoted stays double-quoted with proper escaping, single stays single); a plain scalar stays plain
/// only when the new value would read back as the same plain string and not as a number/bool/null/date
/// for other YAML tools, otherwise it becomes double-quoted (e.g. passport "01234567" -> "01234567" quoted).
/// In a JSON document (text starts with `{` or `[` after whitespace) always write a JSON string.
/// Edits must not overlap (return an error if they do); apply from the end so offsets stay valid.
///
/// Details:
/// * A single-quoted value that needs a line break or a control character becomes
///   double-quoted, because single quotes cannot express those.
/// * A block scalar (`|`, `>`) is replaced by a double-quoted scalar.
/// * An empty span (a null `key:`) gets the value inserted, with a space after the `:`.
/// * Identical edits given twice are applied once (two rules may propose the same fix).
/// * Anchors and aliases: an edit changes only the value it is for. An alias `*name` has its
///   own span (see [`Node::span`]), so an edit of it replaces that use only. An edit of a
///   scalar marked `&name value` that aliases reuse writes the new value there and moves the
///   anchor, with the old value, to the first alias (`*name` becomes `&name value`), so every
///   alias still reads the old value and keeps its name. A value inside a list or mapping
///   marked `&name` that is reused has one text for several values: that is refused
///   ([`EditError::SharedValue`]) rather than changing them all.
pub fn apply_edits(text: &str, edits: &[TextEdit]) -> Result<String, EditError> {
    for edit in edits {
        let span = &edit.span;
        if span.start > span.end || span.end > text.len() {
            return Err(EditError::OutOfBounds {
                span: span.clone(),
                len: text.len(),
            });
        }
        if !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
            return Err(EditError::NotCharBoundary { span: span.clone() });
        }
    }

    let mut ordered: Vec<&TextEdit> = edits.iter().collect();
    ordered.sort_by_key(|edit| (edit.span.start, edit.span.end));
    ordered.dedup();
    for pair in ordered.windows(2) {
        let (first, second) = (&pair[0].span, &pair[1].span);
        // Same start is ambiguous even for zero-length spans (which edit goes first?).
        if second.start < first.end || second.start == first.start {
            return Err(EditError::Overlap {
                first: first.clone(),
                second: second.clone(),
            });
        }
    }

    let json = is_json(text);
    let mut replacements: Vec<(ByteSpan, String)> = ordered
        .iter()
        .map(|edit| {
            let rendered = render(text, &edit.span, &edit.new_value, json);
            (edit.span.clone(), rendered)
        })
        .collect();
    replacements.extend(keep_aliases(text, &ordered)?);
    replacements.sort_by_key(|(span, _)| (span.start, span.end));
    for pair in replacements.windows(2) {
        let (first, second) = (&pair[0].0, &pair[1].0);
        if second.start < first.end || (second.start == first.start && first.is_empty()) {
            return Err(EditError::Overlap {
                first: first.clone(),
                second: second.clone(),
            });
        }
    }
    let mut out = text.to_owned();
    for (span, replacement) in replacements.iter().rev() {
        out.replace_range(span.clone(), replacement);
    }
    Ok(out)
}

/// The further text changes that keep the aliases of an edited value reading what they read:
/// for each edited scalar marked `&name` that aliases reuse, remove the `&name` there and put
/// it with the old value on the first alias that is not edited itself. Refuses an edit inside a
/// reused list or mapping.
fn keep_aliases(text: &str, edits: &[&TextEdit]) -> Result<Vec<(ByteSpan, String)>, EditError> {
    if !text.contains('&') {
        return Ok(Vec::new());
    }
    // The edits were computed on this text, so it loads; if not, there is nothing to keep.
    let Some(uses) = anchor_uses(text) else {
        return Ok(Vec::new());
    };
    let edited = |span: &ByteSpan| edits.iter().any(|edit| edit.span == *span);
    let mut out = Vec::new();
    for anchored in uses.iter().filter(|a| !a.aliases.is_empty()) {
        for edit in edits {
            let inside =
                edit.span.start >= anchored.node.start && edit.span.end <= anchored.node.end;
            if !inside {
                continue;
            }
            if anchored.value.is_none() || edit.span != anchored.node {
                return Err(EditError::SharedValue {
                    span: edit.span.clone(),
                    line: line_col(text, edit.span.start).0,
                    anchor: anchored.name.clone(),
                    alias_line: line_col(text, anchored.aliases[0].start).0,
                });
            }
            let Some(first) = anchored.aliases.iter().find(|alias| !edited(alias)) else {
                // Every alias gets its own new value: nothing reads the old one.
                continue;
            };
            out.push((anchor_removal(text, anchored), String::new()));
            out.push((
                first.clone(),
                format!(
                    "{} {}",
                    &text[anchored.properties.clone()],
                    old_value(text, anchored)
                ),
            ));
        }
    }
    Ok(out)
}

/// The `&name` token of an anchored value with the blanks after it (or, at the end of a line,
/// before it), so that removing it leaves `key: value`.
fn anchor_removal(text: &str, anchored: &AnchorUse) -> ByteSpan {
    let span = anchored.anchor.clone();
    let is_blank = |c: char| c == ' ' || c == '\t';
    let end = text[span.end..]
        .find(|c: char| !is_blank(c))
        .map_or(text.len(), |n| span.end + n);
    if text[end..].starts_with(['\n', '\r']) || end == text.len() {
        let start = text[..span.start].trim_end_matches(is_blank).len();
        start..span.end
    } else {
        span.start..end
    }
}

/// The old value of an anchored scalar written so that it reads the same at an alias's place,
/// which may be in a block or a flow (`[...]`) context: its own text when that is one line and
/// safe there, else a double-quoted copy of its value.
fn old_value(text: &str, anchored: &AnchorUse) -> String {
    let token = &text[anchored.node.clone()];
    let one_line = !token.contains(['\n', '\r']);
    match &anchored.value {
        Some(NodeValue::Scalar { text: value, style }) => match style {
            ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted if one_line => token.to_owned(),
            ScalarStyle::Plain if one_line && reads_back_plain(token) => token.to_owned(),
            _ => double_quoted(value),
        },
        _ if one_line && !token.is_empty() && reads_back_plain(token) => token.to_owned(),
        _ => "~".to_owned(),
    }
}

/// A document is treated as JSON when its first non-blank character opens a JSON value; JSON
/// tools would choke on YAML-only notation, so such documents only ever get JSON strings.
fn is_json(text: &str) -> bool {
    text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .starts_with(['{', '['])
}

fn render(text: &str, span: &ByteSpan, value: &str, json: bool) -> String {
    let original = &text[span.clone()];
    let rendered = if json {
        double_quoted(value)
    } else {
        match original.chars().next() {
            Some('"') | Some('|') | Some('>') => double_quoted(value),
            Some('\'') => single_quoted(value).unwrap_or_else(|| double_quoted(value)),
            _ if is_safe_plain(value) => value.to_owned(),
            _ => double_quoted(value),
        }
    };
    let after_non_space = text[..span.start]
        .chars()
        .next_back()
        .is_some_and(|c| !c.is_whitespace());
    if original.is_empty() && after_non_space {
        format!(" {rendered}")
    } else {
        rendered
    }
}

/// Characters that must be escaped in a double-quoted scalar because YAML (or JSON) does not
/// allow them raw, or because some YAML 1.1 tools treat them as line breaks.
fn needs_escape(c: char) -> bool {
    c < ' '
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        )
}

/// A double-quoted scalar that is valid both as YAML and as a JSON string.
pub(crate) fn double_quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // Every character `needs_escape` accepts is in the Basic Multilingual Plane, so
            // four hex digits always suffice.
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A single-quoted scalar, or `None` if the value cannot be written in single quotes
/// (they have no escapes, and line breaks inside them are folded).
fn single_quoted(value: &str) -> Option<String> {
    if value
        .chars()
        .any(|c| c != '\t' && (matches!(c, '\n' | '\r') || needs_escape(c)))
    {
        return None;
    }
    Some(format!("'{}'", value.replace('\'', "''")))
}

/// Whether `value` written unquoted reads back as exactly this string in any YAML tool
/// (YAML 1.1 or 1.2), in block or flow context. Deliberately conservative: when in doubt,
/// quote, since quoting a string never changes its meaning.
pub(crate) fn is_safe_plain(value: &str) -> bool {
    reads_back_plain(value) && !looks_typed(value)
}

/// Whether `value` written unquoted is read back as the same text (it may still be typed as a
/// number or date by other YAML tools; realname keeps the text as written either way).
pub(crate) fn reads_back_plain(value: &str) -> bool {
    let Some(first) = value.chars().next() else {
        return false; // empty reads back as null
    };
    if value.trim() != value {
        return false;
    }
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        return false;
    }
    if value
        .chars()
        .any(|c| matches!(c, '\n' | '\r' | '\t' | ',' | '[' | ']' | '{' | '}') || needs_escape(c))
    {
        return false;
    }
    !(value.contains(": ") || value.contains(" #") || value.ends_with(':'))
}

/// Whether a YAML tool could read the plain text as something other than a string: null,
/// a boolean (including YAML 1.1's yes/no/on/off), a number in any base or notation, a date
/// or time, or a merge key. Anything starting like a number counts, which also covers dates
/// (`1990-05-01`), sexagesimal numbers (`1:30`) and digit strings with leading zeros.
fn looks_typed(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "~" | "null"
            | "true"
            | "false"
            | "yes"
            | "no"
            | "y"
            | "n"
            | "on"
            | "off"
            | ".inf"
            | "+.inf"
            | "-.inf"
            | ".nan"
            | "<<"
            | "="
    ) {
        return true;
    }
    let unsigned = value.strip_prefix(['+', '-']).unwrap_or(value);
    let unsigned = unsigned.strip_prefix('.').unwrap_or(unsigned);
    unsigned.starts_with(|c: char| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_safety() {
        for safe in [
            "JOHN SMITH",
            "A12345678",
            "招商银行",
            "passport",
            "CMB",
            "a:b",
            "x#y",
        ] {
            assert!(is_safe_plain(safe), "{safe} should stay plain");
        }
        for unsafe_ in [
            "",
            " x",
            "x ",
            "01234567",
            "+27821234567",
            "1990-05-01",
            "yes",
            "No",
            "null",
            "~",
            "1.5",
            ".5",
            ".inf",
            "-x",
            "a: b",
            "a #b",
            "a,b",
            "[x]",
            "*x",
            "&x",
            "!x",
            "'x",
            "\"x",
            "x\ny",
            "1:30",
            "0x1F",
            "@x",
            "x:",
        ] {
            assert!(!is_safe_plain(unsafe_), "{unsafe_:?} should be quoted");
        }
    }

    #[test]
    fn quoting() {
        assert_eq!(
            double_quoted("a\"b\\c\nd\u{1}\u{2028}"),
            r#""a\"b\\c\nd\u0001\u2028""#
        );
        assert_eq!(single_quoted("it's").as_deref(), Some("'it''s'"));
        assert_eq!(single_quoted("a\nb"), None);
    }
}
