//! One diagnostic type for everything a person reads: rule errors, lint findings, profile
//! findings.
//!
//! A `Diag` owns its source (a rule file or a profile) and any number of labelled spans in it;
//! `related` diagnostics carry their own sources. That is how one report points into both the
//! profile ("this value") and the rule file ("declared here").

use std::fmt;
use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, SourceCode};

use crate::code::Code;
use crate::source::Span;

/// Boxed so that `Result<T, Diag>` stays small on the happy path.
#[derive(Clone)]
pub struct Diag(Box<DiagData>);

#[derive(Clone)]
pub struct DiagData {
    pub code: Option<String>,
    pub severity: miette::Severity,
    pub message: String,
    pub help: Option<String>,
    pub source: Option<Arc<dyn SourceCode + Send + Sync>>,
    pub labels: Vec<LabeledSpan>,
    pub related: Vec<Diag>,
}

impl Diag {
    pub fn error(message: impl Into<String>) -> Self {
        Diag(Box::new(DiagData {
            code: None,
            severity: miette::Severity::Error,
            message: message.into(),
            help: None,
            source: None,
            labels: Vec::new(),
            related: Vec::new(),
        }))
    }

    /// An error located in a rule file.
    pub fn at(span: &Span, message: impl Into<String>, label: impl Into<String>) -> Self {
        let mut diag = Diag::error(message);
        diag.source = Some(Arc::new(span.file.clone()));
        diag.labels.push(LabeledSpan::new_primary_with_span(
            Some(label.into()),
            span.source_span(),
        ));
        diag
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the code; rule and profile codes come from `crate::code`.
    pub fn with_code(mut self, code: impl Into<String>) -> Self {
        self.code = Some(code.into());
        self
    }

    /// Whether the diagnostic has this rule code.
    pub fn has_code(&self, code: Code) -> bool {
        self.code.as_deref() == Some(code.as_str())
    }

    pub fn with_severity(mut self, severity: miette::Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Another labelled place in the same source.
    pub fn with_label(mut self, span: &Span, label: impl Into<String>) -> Self {
        self.labels.push(LabeledSpan::new_with_span(
            Some(label.into()),
            span.source_span(),
        ));
        self
    }

    pub fn with_related(mut self, related: Diag) -> Self {
        self.related.push(related);
        self
    }

    /// The name of the file the diagnostic points into, if it has one.
    pub fn source_name(&self) -> Option<String> {
        let source = self.source.as_ref()?;
        let contents = source.read_span(&(0..0).into(), 0, 0).ok()?;
        contents.name().map(str::to_string)
    }

    /// Byte offset of the primary label, used to sort diagnostics by position.
    pub fn primary_offset(&self) -> Option<usize> {
        self.labels
            .iter()
            .find(|l| l.primary())
            .or(self.labels.first())
            .map(|l| l.offset())
    }
}

impl std::ops::Deref for Diag {
    type Target = DiagData;
    fn deref(&self) -> &DiagData {
        &self.0
    }
}

impl std::ops::DerefMut for Diag {
    fn deref_mut(&mut self) -> &mut DiagData {
        &mut self.0
    }
}

impl fmt::Debug for Diag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Diag")
            .field("code", &self.code)
            .field("message", &self.message)
            .field("labels", &self.labels)
            .finish()
    }
}

impl fmt::Display for Diag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Diag {}

impl Diagnostic for Diag {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_deref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(self.related.iter().map(|d| d as &dyn Diagnostic)))
        }
    }
}

/// Several diagnostics reported together: the first is the primary one, the rest are related.
/// Used when a rule set fails to load, so that every problem of every file is shown at once.
#[derive(Debug, Clone)]
pub struct Diagnostics(pub Vec<Diag>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.len() {
            0 => f.write_str("no problems"),
            1 => f.write_str(&self.0[0].message),
            n => write!(f, "{} (and {} more problems)", self.0[0].message, n - 1),
        }
    }
}

impl std::error::Error for Diagnostics {}

/// Source lines longer than this (in characters) are cut around the labels before rendering.
///
/// Lines up to this length are shown whole, as a reader expects (a long `message` line that the
/// long-message lint points at, a condition nested too deeply); longer ones are what a minified
/// or generated file has, where a snippet of the whole line would be kilobytes long.
pub const LONG_LINE: usize = 1000;

/// How many characters of a long line are shown on each side of a label's start and end.
pub const CONTEXT_CHARS: usize = 80;

/// A view of a diagnostic whose long source lines are cut around the labels, with `…` where text
/// was left out, and the labels moved to the same characters in the shorter text.
///
/// miette prints every source line it shows in full, so a diagnostic on a 600 KB line (a
/// minified JSON profile, a generated rule file) would copy the whole line to the terminal.
/// Line numbers and the `file:line:column` of the header stay those of the real file. Related
/// diagnostics are clipped the same way; a diagnostic without long lines is shown unchanged.
pub struct Clipped<'d> {
    inner: &'d dyn Diagnostic,
    view: Option<ClippedView>,
    related: Vec<Clipped<'d>>,
}

struct ClippedView {
    source: ClippedSource,
    labels: Vec<LabeledSpan>,
}

impl<'d> Clipped<'d> {
    pub fn new(inner: &'d dyn Diagnostic) -> Self {
        let view = clip(inner);
        let related = inner
            .related()
            .map(|related| related.map(Clipped::new).collect())
            .unwrap_or_default();
        Clipped {
            inner,
            view,
            related,
        }
    }

    /// Whether some source line was cut (for tests and callers that want to say so).
    pub fn is_clipped(&self) -> bool {
        self.view.is_some() || self.related.iter().any(Clipped::is_clipped)
    }
}

/// The clipped source and labels of `diag`, or `None` when no line needs cutting.
fn clip(diag: &dyn Diagnostic) -> Option<ClippedView> {
    let source = diag.source_code()?;
    let labels: Vec<LabeledSpan> = diag.labels()?.collect();
    if labels.is_empty() {
        return None;
    }
    // The whole text: from the start, with every line after it as context.
    let whole = source.read_span(&(0..0).into(), 0, usize::MAX).ok()?;
    if whole.span().offset() != 0 {
        return None;
    }
    let text = std::str::from_utf8(whole.data()).ok()?;
    let has_long_line = text
        .split('\n')
        .any(|line| line.len() > LONG_LINE && line.chars().count() > LONG_LINE);
    if !has_long_line {
        return None;
    }
    let name = whole.name().map(str::to_owned);
    let source = ClippedSource::new(text, name, &labels);
    let labels = labels
        .iter()
        .map(|label| {
            let start = source.to_clipped(label.offset().min(text.len()));
            let end = source.to_clipped((label.offset() + label.len()).min(text.len()));
            let span = miette::SourceSpan::new(start.into(), end.saturating_sub(start));
            if label.primary() {
                LabeledSpan::new_primary_with_span(label.label().map(str::to_owned), span)
            } else {
                LabeledSpan::new_with_span(label.label().map(str::to_owned), span)
            }
        })
        .collect();
    Some(ClippedView { source, labels })
}

/// A copy of a source whose long lines are cut, and how its offsets map to the original's.
struct ClippedSource {
    name: Option<String>,
    text: String,
    /// Pieces of the clipped text in order: each is either copied from the original (`kept`)
    /// or a `…` standing for the original bytes it replaces.
    pieces: Vec<Piece>,
    /// Byte offset of the start of each line of the original text.
    line_starts: Vec<usize>,
}

#[derive(Debug, Clone)]
struct Piece {
    original: std::ops::Range<usize>,
    clipped_start: usize,
    kept: bool,
}

impl Piece {
    fn clipped_len(&self) -> usize {
        if self.kept {
            self.original.len()
        } else {
            ELLIPSIS.len()
        }
    }
}

const ELLIPSIS: &str = "…";

impl ClippedSource {
    fn new(text: &str, name: Option<String>, labels: &[LabeledSpan]) -> Self {
        let mut source = ClippedSource {
            name,
            text: String::new(),
            pieces: Vec::new(),
            line_starts: vec![0],
        };
        let mut line_start = 0;
        for line in text.split_inclusive('\n') {
            let content_end = line_start + line.trim_end_matches(['\n', '\r']).len();
            let line_end = line_start + line.len();
            let content = &text[line_start..content_end];
            if content.len() > LONG_LINE && content.chars().count() > LONG_LINE {
                let windows = windows(text, line_start..content_end, labels);
                let mut cursor = line_start;
                for window in windows {
                    if window.start > cursor {
                        source.push(text, cursor..window.start, false);
                    }
                    source.push(text, window.clone(), true);
                    cursor = window.end;
                }
                if cursor < content_end {
                    source.push(text, cursor..content_end, false);
                }
                source.push(text, content_end..line_end, true);
            } else {
                source.push(text, line_start..line_end, true);
            }
            line_start = line_end;
            if line.ends_with('\n') {
                source.line_starts.push(line_start);
            }
        }
        source
    }

    fn push(&mut self, text: &str, original: std::ops::Range<usize>, kept: bool) {
        if original.is_empty() {
            return;
        }
        if kept {
            // Consecutive kept pieces are one piece.
            if let Some(last) = self.pieces.last_mut() {
                if last.kept && last.original.end == original.start {
                    last.original.end = original.end;
                    self.text.push_str(&text[original]);
                    return;
                }
            }
            self.pieces.push(Piece {
                original: original.clone(),
                clipped_start: self.text.len(),
                kept,
            });
            self.text.push_str(&text[original]);
        } else {
            self.pieces.push(Piece {
                original,
                clipped_start: self.text.len(),
                kept,
            });
            self.text.push_str(ELLIPSIS);
        }
    }

    /// The clipped offset of an original offset (one inside a cut part maps to its `…`).
    fn to_clipped(&self, offset: usize) -> usize {
        let i = self
            .pieces
            .partition_point(|piece| piece.original.end < offset)
            .min(self.pieces.len().saturating_sub(1));
        match self.pieces.get(i) {
            // A kept piece that ends exactly at `offset` maps to its end; the next piece starts
            // there too, which is the same clipped offset.
            Some(piece) if piece.kept => {
                piece.clipped_start + offset.saturating_sub(piece.original.start)
            }
            Some(piece) if offset == piece.original.end => piece.clipped_start + ELLIPSIS.len(),
            Some(piece) => piece.clipped_start,
            None => 0,
        }
    }

    /// The original offset of a clipped offset (one inside a `…` maps to the start of what it
    /// stands for).
    fn to_original(&self, offset: usize) -> usize {
        let i = self
            .pieces
            .partition_point(|piece| piece.clipped_start + piece.clipped_len() <= offset);
        match self.pieces.get(i) {
            Some(piece) if piece.kept => piece.original.start + (offset - piece.clipped_start),
            Some(piece) => piece.original.start,
            None => self.pieces.last().map_or(0, |piece| piece.original.end),
        }
    }

    /// 0-based byte column in the original text of a clipped offset, as miette counts columns.
    fn original_column(&self, offset: usize) -> usize {
        let original = self.to_original(offset);
        let line = self.line_starts.partition_point(|&start| start <= original);
        original - self.line_starts[line.saturating_sub(1)]
    }
}

/// The byte ranges of the line `line` to keep: the characters around each label's start and end
/// that fall on the line, or the start of the line when no label does.
fn windows(
    text: &str,
    line: std::ops::Range<usize>,
    labels: &[LabeledSpan],
) -> Vec<std::ops::Range<usize>> {
    let content = &text[line.clone()];
    let around = |at: usize| {
        let at = at - line.start;
        let back = content[..at]
            .char_indices()
            .rev()
            .nth(CONTEXT_CHARS - 1)
            .map_or(0, |(i, _)| i);
        let forward = content[at..]
            .char_indices()
            .nth(CONTEXT_CHARS)
            .map_or(content.len(), |(i, _)| at + i);
        line.start + back..line.start + forward
    };
    let on_line = |offset: usize| {
        line.contains(&offset) || offset == line.end && text.is_char_boundary(offset)
    };
    let mut windows = Vec::new();
    for label in labels {
        let start = label.offset().min(text.len());
        let end = (label.offset() + label.len()).min(text.len());
        let mut touched = false;
        for at in [start, end] {
            if on_line(at) && text.is_char_boundary(at) {
                windows.push(around(at));
                touched = true;
            }
        }
        if !touched && start < line.start && end > line.end {
            // A label that covers the whole line.
            windows.push(around(line.start));
        }
    }
    if windows.is_empty() {
        windows.push(around(line.start));
    }
    windows.sort_by_key(|w| w.start);
    let mut merged: Vec<std::ops::Range<usize>> = Vec::new();
    for window in windows {
        match merged.last_mut() {
            // Windows that overlap or almost touch are shown as one.
            Some(last) if window.start <= last.end + ELLIPSIS.len() * 4 => {
                last.end = last.end.max(window.end);
            }
            _ => merged.push(window),
        }
    }
    merged
}

impl SourceCode for ClippedSource {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let contents =
            self.text
                .as_str()
                .read_span(span, context_lines_before, context_lines_after)?;
        let column = self.original_column(contents.span().offset());
        Ok(Box::new(match &self.name {
            Some(name) => miette::MietteSpanContents::new_named(
                name.clone(),
                contents.data(),
                *contents.span(),
                contents.line(),
                column,
                contents.line_count(),
            ),
            None => miette::MietteSpanContents::new(
                contents.data(),
                *contents.span(),
                contents.line(),
                column,
                contents.line_count(),
            ),
        }))
    }
}

impl fmt::Debug for Clipped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.inner, f)
    }
}

impl fmt::Display for Clipped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.inner, f)
    }
}

impl std::error::Error for Clipped<'_> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.inner.source()
    }
}

impl Diagnostic for Clipped<'_> {
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
        match &self.view {
            Some(view) => Some(&view.source),
            None => self.inner.source_code(),
        }
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        match &self.view {
            Some(view) => Some(Box::new(view.labels.iter().cloned())),
            None => self.inner.labels(),
        }
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(self.related.iter().map(|d| d as &dyn Diagnostic)))
        }
    }

    fn diagnostic_source(&self) -> Option<&dyn Diagnostic> {
        self.inner.diagnostic_source()
    }
}
