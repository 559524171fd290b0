//! Finding the `//` comments of a rule file. The grammar skips them, so the formatter reads
//! them from the text and puts each back before the construct that followed it.

use crate::syntax::scan::{pieces, Piece};

/// One `//` comment (not a `///` doc line, which the AST keeps).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// Byte offset of the `//`.
    pub offset: usize,
    /// The comment text, `//` included, trailing spaces removed.
    pub text: String,
    /// Whether only white space stands before it on its line.
    pub own_line: bool,
    /// Whether a blank line stands right before it (own-line comments only).
    pub blank_before: bool,
}

/// Every `//` comment of `text`, outside strings, in order.
pub fn comments(text: &str) -> Vec<Comment> {
    pieces(text)
        .filter_map(|piece| {
            let Piece::Comment(start, end) = piece else {
                return None;
            };
            if text[start..].starts_with("///") {
                return None;
            }
            let line_start = text[..start].rfind('\n').map_or(0, |n| n + 1);
            let own_line = text[line_start..start].trim().is_empty();
            let blank_before = own_line && line_start > 0 && {
                let before = text[..line_start - 1].trim_end_matches([' ', '\t', '\r']);
                let prev_line_start = before.rfind('\n').map_or(0, |n| n + 1);
                before[prev_line_start..].trim().is_empty()
            };
            Some(Comment {
                offset: start,
                text: text[start..end].trim_end().to_string(),
                own_line,
                blank_before,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_comments_outside_strings_only() {
        let text = "// top\n\n// second\nset a: text = [\"// not\", \"x\"] // trailing\n/// doc\nx \"\"\"\n// in block\n\"\"\"\n";
        let found = comments(text);
        let texts: Vec<&str> = found.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["// top", "// second", "// trailing"]);
        assert!(found[0].own_line && !found[0].blank_before);
        assert!(found[1].own_line && found[1].blank_before);
        assert!(!found[2].own_line);
    }
}
