//! What goes wrong when a profile does not load, said in plain words at the place it went
//! wrong: the error kinds, the error type (a miette diagnostic with the profile as its source),
//! and the translation of the YAML parser's messages.

use std::fmt;
use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode, SourceSpan};
use serde_saphyr::granit_parser::{ErrorKind, ScanError};

use super::load::{MAX_DEPTH, MAX_NODES};
use super::tree::ByteSpan;
use crate::code::ProfileCode;

/// What kind of problem a [`ProfileSyntaxError`] reports, for callers that react differently
/// (and for tests).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileErrorKind {
    /// The text is not well-formed YAML/JSON (the parser's message is in the error).
    InvalidSyntax,
    /// The file has no content (empty, only comments, or an empty document).
    Empty,
    /// The top level is not a mapping; `found` names what it is ("list", "text").
    NotAMapping {
        /// Plain-language name of the top-level value.
        found: &'static str,
    },
    /// More than one YAML document (`---`) in the file.
    MultipleDocuments,
    /// The same key appears twice in one mapping.
    DuplicateKey {
        /// The repeated key.
        key: String,
    },
    /// A mapping key is a list or mapping instead of text.
    ComplexKey,
    /// Lists/mappings nested deeper than [`MAX_DEPTH`].
    TooDeep,
    /// More than `MAX_NODES` values, usually from alias (`*name`) expansion.
    TooLarge,
    /// An alias used inside the value it refers to.
    RecursiveAlias,
    /// A `<<` merge key whose value is not a mapping or a list of mappings.
    InvalidMerge,
}

/// A file that is not YAML/JSON, or whose top level is not a mapping, or that breaks one of the
/// loader's other rules (one document, unique keys, size limits).
///
/// It is a miette diagnostic that carries the whole source, so rendering it shows the offending
/// line with a label at the parser's position, a plain-language message and a hint.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}", .inner.message)]
pub struct ProfileSyntaxError {
    // Boxed so that `Result<ProfileDocument, ProfileSyntaxError>` stays small.
    inner: Box<ErrorDetails>,
}

#[derive(Debug, Clone)]
pub(super) struct ErrorDetails {
    kind: ProfileErrorKind,
    message: String,
    label: String,
    help: String,
    span: ByteSpan,
    line: usize,
    column: usize,
    src: NamedSource<Arc<str>>,
}

impl ProfileSyntaxError {
    pub(super) fn new(name: &str, text: Arc<str>, problem: Problem) -> Self {
        let start = clamp_to_char_boundary(&text, problem.span.start);
        let end = clamp_to_char_boundary(&text, problem.span.end.max(start));
        let (line, column) = crate::source::line_col(&text, start);
        ProfileSyntaxError {
            inner: Box::new(ErrorDetails {
                kind: problem.kind,
                message: problem.message,
                label: problem.label,
                help: problem.help,
                span: start..end,
                line,
                column,
                src: NamedSource::new(name, text),
            }),
        }
    }

    /// What went wrong, as data.
    pub fn kind(&self) -> &ProfileErrorKind {
        &self.inner.kind
    }

    /// 1-based line of the problem.
    pub fn line(&self) -> usize {
        self.inner.line
    }

    /// 1-based column of the problem, counted in characters (not bytes).
    pub fn column(&self) -> usize {
        self.inner.column
    }

    /// Byte span of the problem in the document text (may be empty: a position).
    pub fn span(&self) -> ByteSpan {
        self.inner.span.clone()
    }

    /// The short text of the label shown under the offending place.
    pub fn label(&self) -> &str {
        &self.inner.label
    }

    /// The hint on how to fix the file.
    pub fn help_text(&self) -> &str {
        &self.inner.help
    }

    /// The name of the profile (usually its path), as diagnostics show it.
    pub fn name(&self) -> &str {
        self.inner.src.name()
    }

    /// The text the error was found in; [`ProfileSyntaxError::span`] indexes into it.
    pub fn source_text(&self) -> &str {
        self.inner.src.inner()
    }

    /// The same error shown on `text` instead of the profile's text, with its message, label,
    /// help (and the key of a duplicate key) passed through `scrub`: for `--redact`, which
    /// shows a masked copy of the text. `text` should have the byte length of the original,
    /// as masking keeps it, so that the span points at the same place; the line and column
    /// stay those of the original.
    pub fn with_text(&self, text: Arc<str>, scrub: impl Fn(&str) -> String) -> ProfileSyntaxError {
        let details = &self.inner;
        let start = clamp_to_char_boundary(&text, details.span.start);
        let end = clamp_to_char_boundary(&text, details.span.end.max(start));
        let kind = match &details.kind {
            ProfileErrorKind::DuplicateKey { key } => {
                ProfileErrorKind::DuplicateKey { key: scrub(key) }
            }
            kind => kind.clone(),
        };
        ProfileSyntaxError {
            inner: Box::new(ErrorDetails {
                kind,
                message: scrub(&details.message),
                label: scrub(&details.label),
                help: scrub(&details.help),
                span: start..end,
                line: details.line,
                column: details.column,
                src: NamedSource::new(details.src.name(), text),
            }),
        }
    }

    fn profile_code(&self) -> ProfileCode {
        match self.inner.kind {
            ProfileErrorKind::InvalidSyntax => ProfileCode::InvalidSyntax,
            ProfileErrorKind::Empty => ProfileCode::Empty,
            ProfileErrorKind::NotAMapping { .. } => ProfileCode::NotAMapping,
            ProfileErrorKind::MultipleDocuments => ProfileCode::MultipleDocuments,
            ProfileErrorKind::DuplicateKey { .. } => ProfileCode::DuplicateKey,
            ProfileErrorKind::ComplexKey => ProfileCode::ComplexKey,
            ProfileErrorKind::TooDeep => ProfileCode::TooDeep,
            ProfileErrorKind::TooLarge => ProfileCode::TooLarge,
            ProfileErrorKind::RecursiveAlias => ProfileCode::RecursiveAlias,
            ProfileErrorKind::InvalidMerge => ProfileCode::InvalidMerge,
        }
    }
}

impl Diagnostic for ProfileSyntaxError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.profile_code().as_str()))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.inner.help))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.inner.src)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = SourceSpan::new(
            self.inner.span.start.into(),
            self.inner.span.end - self.inner.span.start,
        );
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(Some(self.inner.label.clone()), span),
        )))
    }
}

/// An error before it is attached to the source text.
pub(super) struct Problem {
    kind: ProfileErrorKind,
    message: String,
    label: String,
    help: String,
    span: ByteSpan,
}

impl Problem {
    pub(super) fn too_deep(span: ByteSpan) -> Problem {
        Problem::new(
            ProfileErrorKind::TooDeep,
            span,
            format!("this profile is nested too deeply (more than {MAX_DEPTH} levels)"),
            "nesting limit reached here",
            "a profile only needs a few levels of nesting; check for unbalanced `[` or `{`",
        )
    }

    pub(super) fn too_large(span: ByteSpan) -> Problem {
        Problem::new(
            ProfileErrorKind::TooLarge,
            span,
            format!("this profile is too large: it expands to more than {MAX_NODES} values"),
            "the limit is crossed here",
            "a profile needs only a few dozen values; if it uses anchors and aliases (`&name`, `*name`), write the values out instead",
        )
    }

    pub(super) fn duplicate_key(key: String, span: ByteSpan) -> Problem {
        Problem::new(
            ProfileErrorKind::DuplicateKey { key: key.clone() },
            span,
            format!("this profile gives the field `{key}` twice in the same place"),
            format!("`{key}` appears again here"),
            format!(
                "keep only one `{key}`: when a field appears twice it is unclear which value is meant"
            ),
        )
    }

    pub(super) fn new(
        kind: ProfileErrorKind,
        span: ByteSpan,
        message: impl Into<String>,
        label: impl Into<String>,
        help: impl Into<String>,
    ) -> Self {
        Problem {
            kind,
            message: message.into(),
            label: label.into(),
            help: help.into(),
            span,
        }
    }
}

/// Turns a parser error into a located, plain-language problem.
///
/// `previous_end` is the end of the last event parsed successfully: the parser reports an
/// unclosed quote where the input ends, but the useful place to point at is the opening quote,
/// which is the first quote after that event.
pub(super) fn scan_problem(text: &str, error: &ScanError, previous_end: usize) -> Problem {
    let marker = error.marker();
    let start = marker
        .byte_offset()
        .filter(|offset| *offset <= text.len())
        .unwrap_or_else(|| char_to_byte(text, marker.index()));
    let mut start = clamp_to_char_boundary(text, start);
    let quote_problem = matches!(
        error.kind(),
        ErrorKind::UnclosedQuotedScalar
            | ErrorKind::InvalidQuotedScalarIndent
            | ErrorKind::DocumentIndicatorInQuotedScalar
    );
    if quote_problem {
        let from = clamp_to_char_boundary(text, previous_end.min(start));
        if let Some(quote) = text[from..start].find(['"', '\'']) {
            start = from + quote;
        }
    }
    // Label the character at the error (not a line break), or the position itself.
    let len = text[start..]
        .chars()
        .next()
        .filter(|c| !matches!(c, '\n' | '\r'))
        .map_or(0, char::len_utf8);
    let kind = error.kind();
    let detail = kind.to_string();
    let detail = if detail.is_empty() {
        "the parser could not read it".to_owned()
    } else {
        detail
    };
    let (kind_out, help) = match kind {
        ErrorKind::TabNotAllowed
        | ErrorKind::TabInBlockIndentation
        | ErrorKind::TabInIndentation
        | ErrorKind::TabAtBlockScalarStart
        | ErrorKind::TabInPlainScalar => (
            ProfileErrorKind::InvalidSyntax,
            "YAML does not allow tab characters for indentation: indent with spaces instead",
        ),
        ErrorKind::UnclosedFlowCollection { .. }
        | ErrorKind::UnexpectedEofFlowSequence
        | ErrorKind::UnexpectedEofFlowMapping
        | ErrorKind::UnexpectedEofImplicitFlowMapping
        | ErrorKind::MismatchedFlowCollectionEnd { .. }
        | ErrorKind::MisplacedFlowCollectionEnd
        | ErrorKind::ExpectedFlowMappingSeparator
        | ErrorKind::ExpectedFlowSequenceSeparator => (
            ProfileErrorKind::InvalidSyntax,
            "every `[` needs a matching `]` and every `{` a matching `}`, with `,` between items; a value that itself contains brackets, `,` or `:` must be put in quotes",
        ),
        ErrorKind::UnclosedQuotedScalar
        | ErrorKind::InvalidQuotedScalarIndent
        | ErrorKind::DocumentIndicatorInQuotedScalar
        | ErrorKind::InvalidTrailingDoubleQuotedScalar
        | ErrorKind::InvalidTrailingSingleQuotedScalar => (
            ProfileErrorKind::InvalidSyntax,
            "a quoted value is missing its closing quote, or has text after it; inside \"...\" write a quote as \\\" and inside '...' as ''",
        ),
        ErrorKind::UnknownAnchor => (
            ProfileErrorKind::InvalidSyntax,
            "`*name` must refer to a value marked `&name` earlier in the file; write the value out instead",
        ),
        ErrorKind::RecursionLimitExceeded => (
            ProfileErrorKind::TooDeep,
            "a profile only needs a few levels of nesting; check for unbalanced `[` or `{`",
        ),
        _ => (
            ProfileErrorKind::InvalidSyntax,
            "write each field as `field: value` with a space after the colon and consistent indentation (spaces only); put a value in quotes if it contains `: `, ` #` or starts with a special character such as `[`, `{`, `*`, `&`, `!`, `%` or `@`",
        ),
    };
    if kind_out == ProfileErrorKind::TooDeep {
        return Problem::too_deep(start..start + len);
    }
    let label = if quote_problem {
        "this quoted value is not closed properly".to_owned()
    } else {
        detail.clone()
    };
    Problem::new(
        kind_out,
        start..start + len,
        format!("this profile is not valid YAML or JSON: {detail}"),
        label,
        help,
    )
}

/// Clamps `offset` into `text` and moves it back onto a character boundary, so that slicing
/// with it can never panic.
pub(super) fn clamp_to_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Byte offset of the `index`-th character (fallback for positions without byte offsets).
pub(super) fn char_to_byte(text: &str, index: usize) -> usize {
    text.char_indices()
        .nth(index)
        .map_or(text.len(), |(i, _)| i)
}
