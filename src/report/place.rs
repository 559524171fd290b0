//! A profile that is a part of a file: a record of a JSON Lines file is loaded as a document of
//! its own, so its spans count from the record's first byte and its lines from 1. The reports
//! shift them to the file's lines, so that a person (or an editor) finds the record.

use std::fmt;

use miette::{Diagnostic, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan};

/// Where a profile's text stands in the file it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceInFile {
    /// The file's name, as snippets are headed (`people.jsonl`).
    pub file: String,
    /// The file's line the profile's text starts on (1-based).
    pub first_line: usize,
}

impl PlaceInFile {
    /// The file's line of the profile's line `line` (both 1-based).
    pub fn line(&self, line: usize) -> usize {
        line + self.first_line.max(1) - 1
    }

    /// The diagnostic with its snippet named and numbered as in the file, or `None` when it
    /// shows no snippet.
    pub(super) fn around<'d>(&'d self, diag: &'d dyn Diagnostic) -> Option<Placed<'d>> {
        Some(Placed {
            inner: diag,
            source: Shifted {
                inner: diag.source_code()?,
                place: self,
            },
        })
    }
}

/// A diagnostic whose snippet is [`Shifted`]; everything else is the inner diagnostic's.
pub(super) struct Placed<'d> {
    inner: &'d dyn Diagnostic,
    source: Shifted<'d>,
}

/// A profile's source read as a part of its file: miette numbers the lines it shows from the
/// line a snippet starts on, so shifting that line shifts every number shown.
struct Shifted<'d> {
    inner: &'d dyn SourceCode,
    place: &'d PlaceInFile,
}

impl SourceCode for Shifted<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, MietteError> {
        let contents = self
            .inner
            .read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.place.file.clone(),
            contents.data(),
            *contents.span(),
            self.place.line(contents.line() + 1) - 1,
            contents.column(),
            contents.line_count(),
        )))
    }
}

impl fmt::Debug for Placed<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.inner, f)
    }
}

impl fmt::Display for Placed<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.inner, f)
    }
}

impl std::error::Error for Placed<'_> {}

impl Diagnostic for Placed<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.inner.code()
    }

    fn severity(&self) -> Option<miette::Severity> {
        self.inner.severity()
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.inner.help()
    }

    fn url<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.inner.url()
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.inner.labels()
    }

    // Related diagnostics point into rule files, whose lines are their own.
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        self.inner.related()
    }

    fn diagnostic_source(&self) -> Option<&dyn Diagnostic> {
        self.inner.diagnostic_source()
    }
}
