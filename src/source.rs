//! Rule source files and byte spans into them.
//!
//! Every AST node and every compiled rule keeps a [`Span`]: the file it came from and a byte
//! range. [`SourceFile`] implements miette's `SourceCode`, so a diagnostic can show a snippet of
//! any rule file without copying it.

use std::cell::Cell;
use std::fmt;
use std::ops::Range;
use std::sync::{Arc, LazyLock, OnceLock};

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

/// One rule file: its display name (a path relative to the rules folder) and its text.
#[derive(Clone)]
pub struct SourceFile {
    inner: Arc<SourceFileInner>,
}

struct SourceFileInner {
    name: String,
    text: String,
    /// Built on the first question about a line: a report of many findings would otherwise
    /// count lines from the start of the file once per finding.
    lines: OnceLock<LineIndex>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile {
            inner: Arc::new(SourceFileInner {
                name: name.into(),
                text: text.into(),
                lines: OnceLock::new(),
            }),
        }
    }

    pub fn name(&self) -> &str {
        &self.inner.name
    }

    pub fn text(&self) -> &str {
        &self.inner.text
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        self.inner
            .lines
            .get_or_init(|| LineIndex::new(self.text()))
            .line_col(self.text(), offset)
    }

    /// The byte range of the line holding `offset`, without its line break.
    pub fn line_text(&self, offset: usize) -> &str {
        let text = self.text();
        let offset = offset.min(text.len());
        let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        text[start..end].trim_end_matches('\r')
    }

    pub fn same_file(&self, other: &SourceFile) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }
}

/// 1-based line and column (in characters) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// Where each line of a text starts, so that the line of an offset is a binary search instead
/// of a count of the line breaks before it. Gives the same answers as [`line_col`].
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    /// Byte offset of the start of each line; the first is 0.
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let breaks = text.bytes().enumerate().filter(|&(_, b)| b == b'\n');
        let starts = std::iter::once(0)
            .chain(breaks.map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts }
    }

    /// 1-based line and column (in characters) of a byte offset in `text`, the text the index
    /// was built from.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        // The last line start at or before `offset`; the first start is 0, so there is one.
        let line = self.starts.partition_point(|&start| start <= offset);
        let line_start = self.starts[line - 1];
        let column = text[line_start..offset].chars().count() + 1;
        (line, column)
    }
}

impl fmt::Debug for SourceFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SourceFile({})", self.name())
    }
}

impl SourceCode for SourceFile {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let contents = self
            .text()
            .read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name().to_string(),
            contents.data(),
            *contents.span(),
            contents.line(),
            contents.column(),
            contents.line_count(),
        )))
    }
}

/// Where something stands in a rule file.
#[derive(Clone)]
pub struct Span {
    pub file: SourceFile,
    pub range: Range<usize>,
}

impl Span {
    pub fn new(file: &SourceFile, range: Range<usize>) -> Self {
        Span {
            file: file.clone(),
            range,
        }
    }

    pub fn source_span(&self) -> SourceSpan {
        SourceSpan::from(self.range.start..self.range.end)
    }

    pub fn text(&self) -> &str {
        &self.file.text()[self.range.clone()]
    }

    /// 1-based line of the span's start.
    pub fn line(&self) -> usize {
        self.file.line_col(self.range.start).0
    }

    pub fn column(&self) -> usize {
        self.file.line_col(self.range.start).1
    }

    /// A span covering both `self` and `other` (which must be in the same file).
    pub fn to(&self, other: &Span) -> Span {
        Span {
            file: self.file.clone(),
            range: self.range.start.min(other.range.start)..self.range.end.max(other.range.end),
        }
    }
}

/// An empty span in an empty, unnamed file: the placeholder of a node built with
/// `..Default::default()` before its real span is set (the parser sets it at once). Never a
/// place to report.
impl Default for Span {
    fn default() -> Self {
        static NOWHERE: LazyLock<SourceFile> = LazyLock::new(|| SourceFile::new("", ""));
        Span {
            file: NOWHERE.clone(),
            range: 0..0,
        }
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{:?}", self.file.name(), self.range)
    }
}

/// Two spans are equal when they cover the same bytes of the same file. Inside
/// [`ignoring_spans`] every span equals every other, which is how two AST nodes are compared
/// for what they say rather than where they stand.
impl PartialEq for Span {
    fn eq(&self, other: &Span) -> bool {
        if IGNORING_SPANS.with(Cell::get) > 0 {
            return true;
        }
        self.range == other.range
            && (Arc::ptr_eq(&self.file.inner, &other.file.inner)
                || self.file.name() == other.file.name())
    }
}

thread_local! {
    /// How many [`ignoring_spans`] calls are running on this thread.
    static IGNORING_SPANS: Cell<u32> = const { Cell::new(0) };
}

/// Runs `compare` with spans left out of every comparison of AST nodes: `a == b` inside it
/// asks whether `a` and `b` say the same thing, wherever and however they were written
/// (`fmt` checks that formatting keeps the AST; lints find the same condition written twice).
pub fn ignoring_spans<R>(compare: impl FnOnce() -> R) -> R {
    /// Restores the count when `compare` returns or panics.
    struct Restore;
    impl Drop for Restore {
        fn drop(&mut self) {
            IGNORING_SPANS.with(|n| n.set(n.get() - 1));
        }
    }
    IGNORING_SPANS.with(|n| n.set(n.get() + 1));
    let _restore = Restore;
    compare()
}

/// A value with the place it was written.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Spanned<T> {
    pub node: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(node: T, span: Span) -> Self {
        Spanned { node, span }
    }
}

impl<T> std::ops::Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.node
    }
}
