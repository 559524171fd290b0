//! Rule text -> AST. The only module that knows pest.

pub mod ast;
mod depth;
mod errors;
mod grammar;
mod parser;
pub mod print;
mod recover;
pub mod scan;

pub use depth::{MAX_FILE_BYTES, MAX_NESTING};

use crate::code::Code;
use crate::diagnostic::Diag;
use crate::source::SourceFile;

/// How many syntax errors of one file are reported before giving up.
const MAX_SYNTAX_ERRORS: usize = 32;

/// A `{...}` in a message, help or other text of a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    /// What stands between the braces.
    pub key: String,
    /// Where `{key}` stands in the text (unescaped).
    pub in_text: std::ops::Range<usize>,
    /// Where the key stands in the rule file, when it can be found there.
    pub in_file: Option<std::ops::Range<usize>>,
}

/// The `{...}` placeholders of a text of a rule file, in order; `Err` with the offset of a `{`
/// that is never closed.
pub fn placeholders(text: &crate::source::Spanned<String>) -> Result<Vec<Placeholder>, usize> {
    let mut out = Vec::new();
    let raw = text.span.text();
    let mut raw_from = 0;
    let mut from = 0;
    while let Some(open) = text.node[from..].find('{').map(|i| from + i) {
        let Some(close) = text.node[open + 1..].find('}').map(|i| open + 1 + i) else {
            return Err(open);
        };
        let key = &text.node[open + 1..close];
        // The same `{key}` in the source of the literal (escapes only shift where it stands).
        let needle = &text.node[open..=close];
        let in_file = raw.get(raw_from..).and_then(|r| r.find(needle)).map(|i| {
            let start = text.span.range.start + raw_from + i + 1;
            raw_from += i + needle.len();
            start..start + key.len()
        });
        out.push(Placeholder {
            key: key.to_string(),
            in_text: open..close + 1,
            in_file,
        });
        from = close + 1;
    }
    Ok(out)
}

/// Parses the expression written at `range` of `file` (a `{value}` inside a message), with
/// spans into the file.
pub fn parse_expression(
    file: &SourceFile,
    range: std::ops::Range<usize>,
) -> Result<ast::Expr, Vec<Diag>> {
    let text = &file.text()[range.clone()];
    match <grammar::RuleParser as pest::Parser<grammar::Rule>>::parse(
        grammar::Rule::expression_only,
        text,
    ) {
        Ok(mut pairs) => {
            let mut builder = parser::AstBuilder::at(file, range.start);
            let expr = pairs
                .next()
                .and_then(|p| p.into_inner().find(|p| p.as_rule() == grammar::Rule::expr))
                .map(|p| builder.expr(p))
                .expect("the expression rule yields an expression");
            if builder.errors.is_empty() {
                Ok(expr)
            } else {
                Err(builder.errors)
            }
        }
        Err(_) => Err(vec![Diag::at(
            &crate::source::Span::new(file, range),
            "this is not a value the message can show",
            "not an expression",
        )
        .with_help("write a field or a computed value inside the braces, such as `{document.number}` or `{upper(name)}`")
        .with_code(Code::SyntaxError)]),
    }
}

/// Parses one rule file. On failure, returns every syntax error found (after each one the item
/// that holds it is set aside and parsing starts again) together with what did parse.
pub fn parse_file(file: &SourceFile) -> (ast::RuleFile, Vec<Diag>) {
    if let Err(diag) = depth::check_limits(file) {
        return (
            ast::RuleFile { items: Vec::new() },
            vec![diag.with_code(Code::SyntaxError)],
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
            diag.code = Some(Code::SyntaxError.into());
        }
    }
    errors.sort_by_key(|d| d.primary_offset().unwrap_or(0));
    (ast::RuleFile { items }, errors)
}
