//! One module per lint. Each has `INFO` (code, category, severity, documentation) and `check`.
//! Add a module here and a line in `registry.rs`; `realname lint` and docs/lints/ pick it up.

pub mod bank_outside_whitelist;
pub mod compiler;
pub mod condition_always_holds;
pub mod condition_never_holds;
pub mod contradicting_requirements;
pub mod dead_rule;
pub mod duplicate_requirement;
pub mod fix_does_not_fix;
pub mod long_message;
pub mod missing_help;
pub mod missing_source;
pub mod recorded_disagreement;
pub mod source_without_date;
pub mod stale_source;
pub mod suspicious_regex;
pub mod unknown_lint;
pub mod untested_requirement;
pub mod unused_definition;
pub mod unused_set;
pub mod unused_source;
pub mod unused_suppression;
