//! Limits checked before pest sees a file: pest recurses once per nested bracket and would
//! overflow the stack near 300 levels, and a multi-megabyte rule file is a mistake, not rules.

use super::scan::{pieces, Piece};
use crate::diagnostic::Diag;
use crate::source::{SourceFile, Span};

/// Deepest bracket nesting a rule file may use. Real rules stay under 10.
pub const MAX_NESTING: usize = 64;
/// Largest rule file accepted (the shipped bank registry is about 60 KiB).
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

/// Reports the first place where brackets nest deeper than [`MAX_NESTING`], skipping strings
/// and comments, or a file larger than [`MAX_FILE_BYTES`].
pub fn check_limits(file: &SourceFile) -> Result<(), Diag> {
    let text = file.text();
    if text.len() > MAX_FILE_BYTES {
        return Err(Diag::at(
            &Span::new(file, 0..0),
            format!(
                "this rule file is {} bytes, more than the {} bytes a rule file may have",
                text.len(),
                MAX_FILE_BYTES
            ),
            "file starts here",
        )
        .with_help("split the rules into several files in the same folder"));
    }
    let mut depth = 0usize;
    for piece in pieces(text) {
        match piece {
            Piece::Code(i, b'(' | b'[' | b'{') => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(Diag::at(
                        &Span::new(file, i..i + 1),
                        format!("brackets and braces nest more than {MAX_NESTING} levels deep here (the braces of the enclosing blocks count too)"),
                        "too deep",
                    )
                    .with_help("split the condition into named definitions with `let NAME = ...`"));
                }
            }
            Piece::Code(_, b')' | b']' | b'}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}
