//! Finding the `//` comments of a rule file. The grammar skips them, so the formatter reads
//! them from the text and puts each back before the construct that followed it.

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
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(b"\"\"\"") {
            i += 3;
            while i < bytes.len() && !bytes[i..].starts_with(b"\"\"\"") {
                i += 1;
            }
            i += 3;
            continue;
        }
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                i += 1;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                let end = text[i..].find('\n').map_or(text.len(), |n| i + n);
                let is_doc = bytes.get(i + 2) == Some(&b'/');
                if !is_doc {
                    let line_start = text[..i].rfind('\n').map_or(0, |n| n + 1);
                    let own_line = text[line_start..i].trim().is_empty();
                    let blank_before = own_line && {
                        let before = text[..line_start].trim_end_matches([' ', '\t', '\r']);
                        let before = before.strip_suffix('\n').unwrap_or(before);
                        let prev_line_start = before.rfind('\n').map_or(0, |n| n + 1);
                        line_start > 0 && before[prev_line_start..].trim().is_empty()
                    };
                    out.push(Comment {
                        offset: i,
                        text: text[i..end].trim_end().to_string(),
                        own_line,
                        blank_before,
                    });
                }
                i = end;
            }
            _ => i += 1,
        }
    }
    out
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
