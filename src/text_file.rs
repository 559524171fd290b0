//! Reading a profile or rule file as text, with a message that says where a file stops being
//! UTF-8.
//!
//! `std::fs::read_to_string` only says "stream did not contain valid UTF-8", which leaves a
//! person searching a file of hundreds of lines for one character their editor saved in another
//! encoding (Latin-1, GBK, Windows-1252). [`read_text_file`] names the line and the byte offset
//! of the first bad byte and says how to fix the file.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diag;

/// Why a file could not be read as text.
#[derive(Debug)]
pub enum TextFileError {
    /// The file could not be read at all (missing, a folder, no permission, ...).
    Io {
        /// The file, as given.
        path: PathBuf,
        /// What the operating system said.
        error: std::io::Error,
    },
    /// The file was read but is not valid UTF-8.
    NotUtf8 {
        /// The file, as given.
        path: PathBuf,
        /// Where the first byte that is not valid UTF-8 is.
        at: BadByte,
    },
}

/// The place of the first byte of a text that is not valid UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadByte {
    /// 1-based line of the bad byte.
    pub line: usize,
    /// 1-based column of the bad byte, counted in characters from the start of its line.
    pub column: usize,
    /// 0-based byte offset of the bad byte from the start of the file.
    pub offset: usize,
    /// The bad byte itself.
    pub byte: u8,
}

/// Reads `path` as UTF-8 text (like `std::fs::read_to_string`), saying where the text stops
/// being UTF-8 when it does.
pub fn read_text_file(path: impl AsRef<Path>) -> Result<String, TextFileError> {
    let path = path.as_ref();
    let bytes = std::fs::read(path).map_err(|error| TextFileError::Io {
        path: path.to_path_buf(),
        error,
    })?;
    decode_text(path, bytes)
}

/// Turns the bytes of the file `path` into text, or says where they are not UTF-8.
pub fn decode_text(path: impl AsRef<Path>, bytes: Vec<u8>) -> Result<String, TextFileError> {
    String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        let bytes = error.as_bytes();
        TextFileError::NotUtf8 {
            path: path.as_ref().to_path_buf(),
            at: bad_byte(bytes, offset),
        }
    })
}

/// Line, column and value of the byte at `offset`, which ends the valid UTF-8 prefix of `bytes`.
fn bad_byte(bytes: &[u8], offset: usize) -> BadByte {
    // Everything before `offset` is valid UTF-8.
    let before = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    BadByte {
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
        offset,
        byte: bytes[offset],
    }
}

impl TextFileError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            TextFileError::Io { path, .. } | TextFileError::NotUtf8 { path, .. } => path,
        }
    }

    /// What went wrong, without the advice.
    pub fn message(&self) -> String {
        match self {
            TextFileError::Io { path, error } => {
                format!("cannot read {}: {error}", path.display())
            }
            TextFileError::NotUtf8 { path, at } => format!(
                "{} is not valid UTF-8: the first bad byte is at line {}, byte {} (byte 0x{:02X}, column {} of that line)",
                path.display(),
                at.line,
                at.offset,
                at.byte,
                at.column
            ),
        }
    }

    /// What to do about it.
    pub fn help(&self) -> String {
        match self {
            TextFileError::Io { error, .. } if error.kind() == std::io::ErrorKind::NotFound => {
                "check the path: the file does not exist".to_owned()
            }
            TextFileError::Io { .. } => {
                "check that the path names a file you are allowed to read".to_owned()
            }
            TextFileError::NotUtf8 { .. } => "the file was saved in another encoding (such as Latin-1, Windows-1252 or GBK); open it in your editor, save it again with the encoding UTF-8, and run again".to_owned(),
        }
    }

    /// The error as a diagnostic (message and help apart), for lists of rule-file problems.
    pub fn to_diag(&self) -> Diag {
        Diag::error(self.message()).with_help(self.help())
    }
}

impl fmt::Display for TextFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}; {}", self.message(), self.help())
    }
}

impl std::error::Error for TextFileError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            TextFileError::Io { error, .. } => Some(error),
            TextFileError::NotUtf8 { .. } => None,
        }
    }
}
