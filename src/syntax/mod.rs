//! Rule text -> AST. The only module that knows pest.

pub mod ast;
mod depth;
mod errors;
mod grammar;
mod parser;
pub mod scan;

pub use depth::{MAX_FILE_BYTES, MAX_NESTING};
pub use parser::{dedent, did_you_mean, unescape};

use crate::diagnostic::Diag;
use crate::source::SourceFile;

/// Parses one rule file. On failure, returns every syntax error found (the parser resumes at
/// the next top-level declaration after each one) together with what did parse.
pub fn parse_file(file: &SourceFile) -> (ast::RuleFile, Vec<Diag>) {
    if let Err(diag) = depth::check_limits(file) {
        return (
            ast::RuleFile { items: Vec::new() },
            vec![diag.with_code("syntax-error")],
        );
    }
    let (pairs, mut errors) = parser::parse_pairs(file);
    let mut builder = parser::AstBuilder::new(file);
    let mut items = Vec::new();
    for (offset, pair) in pairs {
        builder.set_offset(offset);
        if let Some(item) = builder.item(pair) {
            items.push(item);
        }
    }
    errors.append(&mut builder.errors);
    for diag in &mut errors {
        if diag.code.is_none() {
            diag.code = Some("syntax-error".to_string());
        }
    }
    errors.sort_by_key(|d| d.primary_offset().unwrap_or(0));
    (ast::RuleFile { items }, errors)
}
