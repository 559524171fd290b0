//! A light scan of rule text that tells code from strings and comments, for the checks that
//! run without the grammar: the nesting pre-scan (before pest), finding the block an error
//! left open, and finding the `//` comments the formatter puts back.

/// A piece of rule text, as the scan sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece {
    /// One byte of code (not in a string or comment), with its offset.
    Code(usize, u8),
    /// A `//` or `///` comment: from the slashes to the end of the line (line break excluded).
    Comment(usize, usize),
}

/// The code bytes and comments of `text`, in order. Strings (`"..."` ending at the closing
/// quote or the end of the line, and `"""` blocks) are skipped whole.
pub fn pieces(text: &str) -> impl Iterator<Item = Piece> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || loop {
        if i >= bytes.len() {
            return None;
        }
        if bytes[i..].starts_with(b"\"\"\"") {
            i += 3;
            while i < bytes.len() && !bytes[i..].starts_with(b"\"\"\"") {
                i += 1;
            }
            i = (i + 3).min(bytes.len());
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
                let start = i;
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                return Some(Piece::Comment(start, i));
            }
            b => {
                i += 1;
                return Some(Piece::Code(i - 1, b));
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_and_blocks_hide_their_brackets() {
        let text = "a { \"}\" \"\"\"\n{x: 1}\n\"\"\" // {\n}";
        let code: String = pieces(text)
            .filter_map(|p| match p {
                Piece::Code(_, b) if !b.is_ascii_whitespace() => Some(b as char),
                _ => None,
            })
            .collect();
        assert_eq!(code, "a{}");
        let comments: Vec<_> = pieces(text)
            .filter(|p| matches!(p, Piece::Comment(..)))
            .collect();
        assert_eq!(comments.len(), 1);
    }
}
