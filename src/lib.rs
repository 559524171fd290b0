//! realname: checks a foreigner's details against the real-name verification rules of
//! WeChat Pay and Alipay, written in a small rule language.
//!
//! The public API is small on purpose: load rules ([`Rules`]), load a profile
//! ([`load_profile`]), check it ([`Rules::check`] gives an [`AppReport`] per app), show the
//! reports ([`render`]), and, for the people who keep the rules, [`lint`], [`format_file`] and
//! [`generate_docs`]. Everything else (the parser, the compiler's rule set, the evaluator) is
//! private, so it can change without breaking a program that embeds the checker; ARCHITECTURE.md
//! describes it.
//!
//! ```
//! let rules = realname::Rules::embedded().unwrap();
//! let profile = realname::load_profile("me.yaml", "name: JOHN SMITH\n").unwrap();
//! let today = "2026-11-21".parse().unwrap();
//! let reports = rules.check(&profile, &["alipay"], today).unwrap();
//! assert!(!reports[0].verified);
//! let text = realname::render::human(&rules, &profile, &reports, realname::Style::plain(80));
//! assert!(text.contains("birth_date"));
//! ```

mod atomic_write;
mod batch;
mod cli;
mod code;
mod compile;
mod diagnostic;
mod docs;
mod eval;
mod examples;
mod explain;
mod fmt;
mod lint;
mod profile;
pub mod render;
mod report;
mod rules;
mod source;
mod syntax;
mod text;
mod text_file;

pub use diagnostic::{Diag, Diagnostics};
pub use docs::generate as generate_docs;
pub use eval::{AppReport, Finding, FixProposal, LimitReport};
pub use fmt::format_file;
pub use jiff::civil::Date;
pub use lint::{lint, LintFinding, LintInfo, LINTS};
pub use profile::{load_profile, ProfileDocument, ProfileErrorKind, ProfileSyntaxError};
pub use report::Style;
pub use rules::Rules;
pub use source::{SourceFile, Span};
pub use syntax::ast::Severity;

/// The command line, for `main.rs`.
pub use cli::run;

/// Every module as it is inside the crate, for the crate's own tests, benches and fuzz targets,
/// which check the parts one by one. Not part of the API: anything here may change.
#[doc(hidden)]
pub mod internal {
    pub mod atomic_write {
        pub use crate::atomic_write::*;
    }
    pub mod batch {
        pub use crate::batch::*;
    }
    pub mod cli {
        pub use crate::cli::*;
    }
    pub mod code {
        pub use crate::code::*;
    }
    pub mod compile {
        pub use crate::compile::*;
    }
    pub mod diagnostic {
        pub use crate::diagnostic::*;
    }
    pub mod docs {
        pub use crate::docs::*;
    }
    pub mod eval {
        pub use crate::eval::*;
    }
    pub mod examples {
        pub use crate::examples::*;
    }
    pub mod explain {
        pub use crate::explain::*;
    }
    pub mod fmt {
        pub use crate::fmt::*;
    }
    pub mod lint {
        pub use crate::lint::*;
    }
    pub mod profile {
        pub use crate::profile::*;
    }
    pub mod report {
        pub use crate::report::*;
    }
    pub mod rules {
        pub use crate::rules::*;
    }
    pub mod source {
        pub use crate::source::*;
    }
    pub mod syntax {
        pub use crate::syntax::*;
    }
    pub mod text {
        pub use crate::text::*;
    }
    pub mod text_file {
        pub use crate::text_file::*;
    }
}
