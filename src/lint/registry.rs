//! The central table of lints: every code, in the order the docs list them.

use super::lints::*;
use super::{LintContext, LintFinding, LintInfo};

pub type Check = fn(&LintContext<'_>, &mut Vec<LintFinding>);

pub static LINTS: &[(&LintInfo, Check)] = &[
    // Correctness: reported by the compiler.
    (&compiler::SYNTAX_ERROR, compiler::check),
    (&compiler::INVALID_RULE, compiler::check),
    (&compiler::UNKNOWN_FIELD, compiler::check),
    (&compiler::UNKNOWN_FUNCTION, compiler::check),
    (&compiler::UNKNOWN_BANK, compiler::check),
    (&compiler::UNKNOWN_SET, compiler::check),
    (&compiler::UNKNOWN_SOURCE, compiler::check),
    (&compiler::UNKNOWN_NAME, compiler::check),
    (&compiler::TYPE_MISMATCH, compiler::check),
    (&compiler::DUPLICATE_NAME, compiler::check),
    (&compiler::INVALID_REGEX, compiler::check),
    // Correctness: lints.
    (&unknown_lint::INFO, unknown_lint::check),
    (&suspicious_regex::INFO, suspicious_regex::check),
    (&condition_never_holds::INFO, condition_never_holds::check),
    (&condition_always_holds::INFO, condition_always_holds::check),
    (
        &contradicting_requirements::INFO,
        contradicting_requirements::check,
    ),
    (&bank_outside_whitelist::INFO, bank_outside_whitelist::check),
    (&fix_does_not_fix::INFO, fix_does_not_fix::check),
    // Provenance.
    (&missing_source::INFO, missing_source::check),
    (&unused_source::INFO, unused_source::check),
    (&source_without_date::INFO, source_without_date::check),
    (&stale_source::INFO, stale_source::check),
    (&recorded_disagreement::INFO, recorded_disagreement::check),
    // Clarity.
    (&missing_help::INFO, missing_help::check),
    (&long_message::INFO, long_message::check),
    // Redundancy.
    (&unused_set::INFO, unused_set::check),
    (&unused_definition::INFO, unused_definition::check),
    (&unused_suppression::INFO, unused_suppression::check),
    (&untested_requirement::INFO, untested_requirement::check),
    (&duplicate_requirement::INFO, duplicate_requirement::check),
    (&dead_rule::INFO, dead_rule::check),
];

pub fn lint_info(code: &str) -> Option<&'static LintInfo> {
    LINTS.iter().map(|(info, _)| *info).find(|i| i.code == code)
}
