//! realname: checks a foreigner's details against the real-name verification rules of
//! WeChat Pay and Alipay, written in a small rule language.
//!
//! Data flows one way (see ARCHITECTURE.md): rule text -> [`syntax`] (pest pairs -> AST) ->
//! [`compile`] (resolved, type-checked rule set) -> [`eval`] against a [`profile`] -> findings
//! -> [`report`] renderers.
//!
//! ```
//! let rules = realname::Rules::embedded().unwrap();
//! let profile = realname::profile::load_profile("me.yaml", "name: JOHN SMITH\n").unwrap();
//! let today = "2026-11-21".parse().unwrap();
//! let reports = rules.check(&profile, &["alipay"], today).unwrap();
//! assert!(!reports[0].verified);
//! ```

pub mod atomic_write;
pub mod cli;
pub mod code;
pub mod compile;
pub mod diagnostic;
pub mod docs;
pub mod eval;
pub mod examples;
pub mod explain;
pub mod fmt;
pub mod lint;
pub mod profile;
pub mod report;
pub mod rules;
pub mod source;
pub mod syntax;
pub mod text;
pub mod text_file;

pub use rules::Rules;
