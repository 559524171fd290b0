//! Rule text -> AST. The only module that knows pest.

pub mod ast;
mod depth;
mod errors;
mod grammar;
mod parser;
mod recover;
pub mod scan;

pub use depth::{MAX_FILE_BYTES, MAX_NESTING};
pub use parser::{dedent, did_you_mean, unescape};

use crate::diagnostic::Diag;
use crate::source::SourceFile;

/// How many syntax errors of one file are reported before giving up.
const MAX_SYNTAX_ERRORS: usize = 32;

/// Parses one rule file. On failure, returns every syntax error found (after each one the item
/// that holds it is set aside and parsing starts again) together with what did parse.
pub fn parse_file(file: &SourceFile) -> (ast::RuleFile, Vec<Diag>) {
    if let Err(diag) = depth::check_limits(file) {
        return (
            ast::RuleFile { items: Vec::new() },
            vec![diag.with_code("syntax-error")],
        );
    }
    // Each syntax error blanks the item that holds it, and the file is parsed again (see
    // recover.rs), so independent errors are reported together.
    let mut text = file.text().to_string();
    let mut errors = Vec::new();
    let mut items = Vec::new();
    let mut builder = parser::AstBuilder::new(file);
    for _ in 0..MAX_SYNTAX_ERRORS {
        match <grammar::RuleParser as pest::Parser<grammar::Rule>>::parse(
            grammar::Rule::file,
            &text,
        ) {
            Ok(mut pairs) => {
                let file_pair = pairs.next().expect("the file rule yields one pair");
                for pair in file_pair.into_inner() {
                    if let Some(item) = builder.item(pair) {
                        items.push(item);
                    }
                }
                break;
            }
            Err(error) => {
                let (diag, pos) = errors::pest_error_to_diag(file, &text, &error);
                errors.push(diag);
                let region = recover::broken_region(&text, pos);
                if region.is_empty() {
                    break;
                }
                recover::blank(&mut text, region);
            }
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
