//! `realname lint`: checks rule files for mistakes a compiler accepts.
//!
//! Every lint is its own module under `lints/` with an `INFO` (stable code, category, default
//! severity, documentation) and a `check` function; `registry::LINTS` is the central table
//! (the Ruff layout). Compile errors are reported as lints too, under the codes the compiler
//! gives them (`unknown-field`, `type-mismatch`, ...), so one command shows everything.
//!
//! Lints work on the AST and on the compiled rule set; none sees pest. Those that reason about
//! what conditions mean read `analysis/` (formulas and verdicts of every condition), which the
//! `LintContext` builds once per run.

pub(crate) mod analysis;
pub mod context;
pub mod docs;
pub mod lints;
pub mod output;
pub mod registry;
pub mod suppress;

/// The synthetic rule sets of the scale benches, for tests that compare the lints' searches
/// with comparing every pair on a large rule set.
#[cfg(test)]
#[path = "../../benches/support/synthetic.rs"]
pub(crate) mod synthetic;

/// The rule sets the searches of the lints are checked on: the shipped rules, and a generated
/// set of `requirements` requirements (which must compile).
#[cfg(test)]
pub(crate) fn test_rule_sets(requirements: usize) -> Vec<Vec<SourceFile>> {
    let generated = synthetic::rule_files(requirements);
    assert_eq!(synthetic::count_requirements(&generated), requirements);
    let generated: Vec<SourceFile> = generated
        .into_iter()
        .map(|(name, text)| SourceFile::new(name, text))
        .collect();
    vec![crate::rules::embedded_files(), generated]
}

/// The shipped schema, banks and sources, and `text` as the file `name`: a rule file the lints'
/// own tests write, on the vocabulary the shipped rules give it.
#[cfg(test)]
pub(crate) fn with_shipped_schema(name: &str, text: &str) -> Vec<SourceFile> {
    let mut files: Vec<SourceFile> = crate::rules::embedded_files()
        .into_iter()
        .filter(|f| {
            [
                "rules/profile.rules",
                "rules/banks.rules",
                "rules/sources.rules",
            ]
            .contains(&f.name())
        })
        .collect();
    assert_eq!(files.len(), 3, "the shipped schema, banks and sources");
    files.push(SourceFile::new(name, text));
    files
}

use crate::code::Code;
use crate::diagnostic::{Diag, Diagnostics};
use crate::source::{SourceFile, Span};
use crate::syntax::ast::Severity;

pub use context::LintContext;
pub use registry::{lint_info, LINTS};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// The rules do not mean what they say, or would refuse or accept the wrong profiles.
    Correctness,
    /// A rule's origin is missing or unclear.
    Provenance,
    /// A person reading a message, or the rule, would be misled or left guessing.
    Clarity,
    /// Something is written but never used, or written twice.
    Redundancy,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Correctness => "correctness",
            Category::Provenance => "provenance",
            Category::Clarity => "clarity",
            Category::Redundancy => "redundancy",
        }
    }
}

/// What a lint is: its code, category, default severity and documentation.
#[derive(Debug)]
pub struct LintInfo {
    /// Stable code, used in `allow CODE because "..."`, output and docs/lints/CODE.md.
    pub code: &'static str,
    pub category: Category,
    pub severity: Severity,
    /// One line: what it finds.
    pub summary: &'static str,
    /// Markdown with the sections "What it finds", "Why it matters", "Example", "How to fix".
    pub doc: &'static str,
}

/// One problem found by a lint.
#[derive(Debug, Clone)]
pub struct LintFinding {
    pub lint: &'static LintInfo,
    pub message: String,
    pub help: Option<String>,
    pub span: Span,
    pub label: String,
    /// Other places worth showing: (place, what it is).
    pub related: Vec<(Span, String)>,
}

impl LintFinding {
    pub fn new(
        lint: &'static LintInfo,
        span: &Span,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> Self {
        LintFinding {
            lint,
            message: message.into(),
            help: None,
            span: span.clone(),
            label: label.into(),
            related: Vec::new(),
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn related(mut self, span: &Span, what: impl Into<String>) -> Self {
        self.related.push((span.clone(), what.into()));
        self
    }

    pub fn severity(&self) -> Severity {
        self.lint.severity
    }

    /// The finding as a diagnostic, for the human output.
    pub fn to_diag(&self) -> Diag {
        let mut diag = Diag::at(&self.span, self.message.clone(), self.label.clone())
            .with_code(self.lint.code)
            .with_severity(self.lint.severity.into());
        if let Some(help) = &self.help {
            diag = diag.with_help(help.clone());
        }
        for (span, what) in &self.related {
            if span.file.same_file(&self.span.file) {
                diag = diag.with_label(span, what.clone());
            } else {
                diag = diag.with_related(
                    Diag::at(span, what.clone(), "here").with_severity(miette::Severity::Advice),
                );
            }
        }
        diag
    }
}

/// Lints a rule set: compile errors first (as lint findings), then every lint, then
/// suppressions applied. Findings are sorted by file and position.
/// `today` is the day lints that depend on time (a source's last review) judge by.
pub fn lint(files: &[SourceFile], today: jiff::civil::Date) -> Vec<LintFinding> {
    let compiled = context::Compiled::new(files);
    let cx = LintContext::new(files, today, &compiled);
    let mut findings = compile_errors(&cx);
    for (info, check) in LINTS {
        let mut found = Vec::new();
        check(&cx, &mut found);
        debug_assert!(found.iter().all(|f| std::ptr::eq(f.lint, *info)));
        findings.extend(found);
    }
    let mut findings = suppress::apply(&cx, findings);
    let order = |f: &LintFinding| {
        let file = files
            .iter()
            .position(|x| x.same_file(&f.span.file))
            .unwrap_or(usize::MAX);
        (file, f.span.range.start, f.lint.code)
    };
    // Each key looks its file up in the list of files: computed once per finding, not once per
    // comparison (the sort keeps the order of equal keys either way).
    findings.sort_by_cached_key(order);
    findings
}

/// Compile errors, mapped onto the lint catalogue by the code the compiler gave them.
fn compile_errors(cx: &LintContext<'_>) -> Vec<LintFinding> {
    let Some(Diagnostics(errors)) = cx.compile_errors else {
        return Vec::new();
    };
    errors
        .iter()
        .filter_map(|diag| {
            let code = diag.code.as_deref().and_then(Code::parse);
            let info = lints::compiler::lint_for(code.unwrap_or(Code::InvalidRule))
                .or_else(|| lints::compiler::lint_for(Code::InvalidRule))?;
            let file = cx
                .files
                .iter()
                .find(|f| diag.source_name().as_deref() == Some(f.name()))?;
            let label = diag
                .labels
                .iter()
                .find(|l| l.primary())
                .or(diag.labels.first());
            let range = label.map_or(0..0, |l| l.offset()..l.offset() + l.len());
            let mut finding = LintFinding::new(
                info,
                &Span::new(file, range),
                diag.message.clone(),
                label.and_then(|l| l.label()).unwrap_or("here").to_string(),
            );
            finding.help = diag.help.clone();
            for related in &diag.related {
                if let (Some(name), Some(l)) = (related.source_name(), related.labels.first()) {
                    if let Some(f) = cx.files.iter().find(|f| f.name() == name) {
                        finding.related.push((
                            Span::new(f, l.offset()..l.offset() + l.len()),
                            related.message.clone(),
                        ));
                    }
                }
            }
            Some(finding)
        })
        .collect()
}
