//! One diagnostic type for everything a person reads: rule errors, lint findings, profile
//! findings.
//!
//! A `Diag` owns its source (a rule file or a profile) and any number of labelled spans in it;
//! `related` diagnostics carry their own sources. That is how one report points into both the
//! profile ("this value") and the rule file ("declared here").

use std::fmt;
use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, SourceCode};

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

    pub fn with_code(mut self, code: impl Into<String>) -> Self {
        self.code = Some(code.into());
        self
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
