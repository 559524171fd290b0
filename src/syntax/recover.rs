//! Error recovery: after a syntax error, the declaration or clause block that holds it is
//! blanked out (replaced by spaces, so every offset stays valid) and the file is parsed again.
//! Each round reports one more independent error, so a file's syntax errors come together.

use std::ops::Range;

/// Words that start a declaration or a block item, at any depth.
const ITEM_KEYWORDS: [&str; 17] = [
    "schema",
    "bank",
    "source",
    "capabilities",
    "limit_periods",
    "problem",
    "set",
    "app",
    "requirement",
    "when",
    "for",
    "fix",
    "outcome",
    "trouble",
    "disagreement",
    "example",
    "let",
];

/// (start offset, indentation) of every line of `text`.
fn lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        out.push((start, line));
        start += line.len();
    }
    out
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches([' ', '\t']).len()
}

/// Whether `line` (after its indentation) starts a declaration or block item.
pub(super) fn starts_item(line: &str) -> bool {
    let t = line.trim_start_matches([' ', '\t']);
    ITEM_KEYWORDS.iter().any(|kw| {
        t.strip_prefix(kw)
            .is_some_and(|r| r.starts_with([' ', '\t', '{', '\n', '\r']))
    })
}

fn is_doc(line: &str) -> bool {
    line.trim_start().starts_with("///")
}

/// The byte range to blank for an error at `pos`: from the start of the item that holds the
/// error (with its `///` lines) to the start of the next item at the same or an outer level.
/// When the error stands at the very start of an item, the item before it is the broken one
/// (typically a block that was never closed).
pub fn broken_region(text: &str, pos: usize) -> Range<usize> {
    let lines = lines(text);
    if lines.is_empty() {
        return 0..0;
    }
    let line_of_pos = lines
        .iter()
        .rposition(|(start, _)| *start <= pos)
        .unwrap_or(0);
    if let Some(docs) = dangling_docs(text, &lines, pos) {
        return docs;
    }
    let (pos_line_start, pos_line) = lines[line_of_pos];
    let at_item_start = starts_item(pos_line) && pos == pos_line_start + indent(pos_line);
    let search_from = if at_item_start {
        line_of_pos.checked_sub(1)
    } else {
        Some(line_of_pos)
    };
    let Some(search_from) = search_from else {
        return pos_line_start..pos_line_start + pos_line.len();
    };
    let Some(mut first) = (0..=search_from).rev().find(|&i| starts_item(lines[i].1)) else {
        return pos_line_start..pos_line_start + pos_line.len();
    };
    let item_indent = indent(lines[first].1);
    while first > 0 && is_doc(lines[first - 1].1) && indent(lines[first - 1].1) == item_indent {
        first -= 1;
    }
    let after = if at_item_start {
        line_of_pos
    } else {
        line_of_pos + 1
    };
    let end_line = (after..lines.len()).find(|&i| {
        let line = lines[i].1;
        if line.trim().is_empty() {
            return false;
        }
        let ind = indent(line);
        (ind <= item_indent && (starts_item(line) || is_doc(line)))
            || (ind < item_indent && line.trim_start().starts_with('}'))
    });
    let start = lines[first].0;
    let end = end_line.map_or(text.len(), |i| lines[i].0);
    start..end.max(start)
}

/// The last line of the file, without its indentation, when it is a `///` line and only blank
/// text follows `pos`: an error there is that the comment documents nothing.
pub(super) fn trailing_doc_line(text: &str, pos: usize) -> Option<Range<usize>> {
    let pos = pos.min(text.len());
    if !text[pos..].trim().is_empty() {
        return None;
    }
    let before = text[..pos].trim_end();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = &before[line_start..];
    let start = line_start + (line.len() - line.trim_start().len());
    is_doc(line).then_some(start..before.len())
}

/// The `///` lines at the end of the file when nothing follows them: only they are broken,
/// not the declaration above them.
fn dangling_docs(text: &str, lines: &[(usize, &str)], pos: usize) -> Option<Range<usize>> {
    let last_doc = trailing_doc_line(text, pos)?;
    let mut first = lines
        .iter()
        .rposition(|(start, _)| *start <= last_doc.start)?;
    while first > 0 && is_doc(lines[first - 1].1) {
        first -= 1;
    }
    Some(lines[first].0..text.len())
}

/// Replaces every character of `range` except line breaks by spaces.
pub fn blank(text: &mut String, range: Range<usize>) {
    let blanked: String = text[range.clone()]
        .chars()
        .map(|c| {
            if c == '\n' {
                "\n".to_string()
            } else {
                " ".repeat(c.len_utf8())
            }
        })
        .collect();
    text.replace_range(range, &blanked);
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "app a {\n  title \"A\"\n  requirement r {\n    mesage \"x\"\n  }\n\n  /// Doc.\n  requirement s {\n    message \"y\"\n  }\n}\n";

    #[test]
    fn an_error_inside_a_requirement_blanks_that_requirement() {
        let pos = TEXT.find("mesage").unwrap();
        let region = broken_region(TEXT, pos);
        let blanked = &TEXT[region];
        assert!(blanked.starts_with("  requirement r {"), "{blanked:?}");
        assert!(blanked.ends_with("  }\n\n"), "{blanked:?}");
    }

    #[test]
    fn doc_lines_at_the_end_of_the_file_are_blanked_alone() {
        let text = "set s text { \"a\" }\n\n/// Documents nothing.\n/// Still nothing.\n";
        let region = broken_region(text, text.len());
        assert_eq!(
            &text[region],
            "/// Documents nothing.\n/// Still nothing.\n"
        );
    }

    #[test]
    fn an_error_at_the_next_item_blanks_the_item_before() {
        let text = "app a {\n  requirement r {\n    message \"x\"\n  outcome o {\n  }\n}\n";
        let pos = text.find("outcome").unwrap();
        let region = broken_region(text, pos);
        assert_eq!(&text[region], "  requirement r {\n    message \"x\"\n");
    }

    #[test]
    fn blanking_keeps_offsets() {
        let mut text = "a 招商 b\nc".to_string();
        let len = text.len();
        let b = text.find('b').unwrap();
        blank(&mut text, 0..b);
        assert_eq!(text.len(), len);
        assert!(text.ends_with("b\nc"));
    }
}
