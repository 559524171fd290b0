//! The one printer of expressions and string literals, back into rule-language text.
//!
//! `realname fmt` lays files out with it, the compiler keeps a requirement's condition as text
//! with it (the docs' "Only when"), the docs quote literals with it, and the lints name the
//! terms of a condition with it. One printer means one way of escaping a string: what a lint
//! message quotes is what the author would write.

use super::ast::{Expr, ExprKind, UnaryOp};

/// Where parentheses go when an expression is printed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Parens {
    /// Where the author wrote them, and nowhere else: the text reads as written.
    AsWritten,
    /// Around every binary operation and chain, never the author's: two expressions with the
    /// same structure print the same however they were spaced or parenthesised.
    ByStructure,
}

/// A string literal that reads back as `s`. A backslash stays single unless it would start an
/// escape (`\"`, `\\`, `\n`, `\t`) or end the text, so regular expressions keep their look.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\\' => match chars.peek() {
                Some('"' | '\\' | 'n' | 't') | None => out.push_str("\\\\"),
                _ => out.push('\\'),
            },
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An expression in canonical spacing, with parentheses where the author wrote them.
pub fn expr(e: &Expr) -> String {
    let mut out = String::new();
    write(&mut out, e, Parens::AsWritten);
    out
}

/// An expression with its structure made explicit: the same text for `a and (b or c)` and
/// `a  and(b or c)`, different texts for `(a and b) or c` and `a and (b or c)`. A key for
/// comparing terms, not for showing.
pub fn canonical(e: &Expr) -> String {
    let mut out = String::new();
    write(&mut out, e, Parens::ByStructure);
    out
}

// The depth of an expression is bounded where it is parsed (`MAX_EXPR_DEPTH`) and chains are
// flat, so this recursion is bounded too.
fn write(out: &mut String, e: &Expr, parens: Parens) {
    match &e.node {
        ExprKind::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        ExprKind::Int(i) => out.push_str(&i.to_string()),
        ExprKind::Str(s) => out.push_str(&quote(s)),
        ExprKind::Date(d) => out.push_str(d),
        ExprKind::Today => out.push_str("today"),
        ExprKind::Verified => out.push_str("verified"),
        ExprKind::Path(p) => out.push_str(&p.dotted()),
        ExprKind::List(items) => {
            out.push('[');
            write_separated(out, items, ", ", parens);
            out.push(']');
        }
        ExprKind::Call { function, args } => {
            out.push_str(&function.node);
            out.push('(');
            write_separated(out, args, ", ", parens);
            out.push(')');
        }
        ExprKind::Unary { op, operand } => {
            out.push_str(match op.node {
                UnaryOp::Not => "not ",
                UnaryOp::Neg => "-",
            });
            write(out, operand, parens);
        }
        ExprKind::Binary { op, left, right } => {
            let wrap = parens == Parens::ByStructure;
            if wrap {
                out.push('(');
            }
            write(out, left, parens);
            out.push(' ');
            out.push_str(op.node.symbol());
            out.push(' ');
            write(out, right, parens);
            if wrap {
                out.push(')');
            }
        }
        ExprKind::Chain { first, rest } => {
            let wrap = parens == Parens::ByStructure;
            if wrap {
                out.push('(');
            }
            write(out, first, parens);
            for (op, term) in rest {
                out.push(' ');
                out.push_str(op.node.symbol());
                out.push(' ');
                write(out, term, parens);
            }
            if wrap {
                out.push(')');
            }
        }
        ExprKind::Quantified {
            quantifier,
            var,
            list,
            body,
        } => {
            out.push_str(quantifier.node.keyword());
            out.push(' ');
            out.push_str(&var.node);
            out.push_str(" in ");
            out.push_str(&list.node.dotted());
            out.push_str(": ");
            write(out, body, parens);
        }
        ExprKind::Paren(inner) => match parens {
            Parens::AsWritten => {
                out.push('(');
                write(out, inner, parens);
                out.push(')');
            }
            Parens::ByStructure => write(out, inner, parens),
        },
    }
}

fn write_separated(out: &mut String, items: &[Expr], separator: &str, parens: Parens) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        write(out, item, parens);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn parsed(text: &str) -> Expr {
        let file = SourceFile::new("t.rules", text);
        crate::syntax::parse_expression(&file, 0..text.len()).expect("parses")
    }

    #[test]
    fn quote_reads_back_and_keeps_regex_backslashes_single() {
        assert_eq!(quote(r"^\d{6}$"), r#""^\d{6}$""#);
        assert_eq!(quote("say \"hi\"\n\tend"), r#""say \"hi\"\n\tend""#);
        assert_eq!(quote(r"a\"), r#""a\\""#);
        assert_eq!(quote(r"a\nb"), r#""a\\nb""#);
        for s in [r"^\d{6}$", "x\"y", "a\\", r"\\", "line\nnext", r"\t"] {
            assert_eq!(crate::text::unescape(&quote(s)[1..quote(s).len() - 1]), s);
        }
    }

    #[test]
    fn expr_keeps_the_authors_parentheses_and_normalises_spacing() {
        let cases = [
            ("a  and(b or c)", "a and (b or c)"),
            ("not  x.y", "not x.y"),
            ("f( 1,2 )+ -3", "f(1, 2) + -3"),
            (
                "some d in documents:d.kind==\"passport\"",
                "some d in documents: d.kind == \"passport\"",
            ),
            ("[1,2]", "[1, 2]"),
            ("((a))", "((a))"),
        ];
        for (written, printed) in cases {
            assert_eq!(expr(&parsed(written)), printed, "{written}");
        }
    }

    #[test]
    fn canonical_is_the_same_for_the_same_structure_only() {
        assert_eq!(
            canonical(&parsed("a and (b or c)")),
            canonical(&parsed("a and(  (b or c))"))
        );
        assert_ne!(
            canonical(&parsed("(a and b) or c")),
            canonical(&parsed("a and (b or c)"))
        );
        assert_eq!(canonical(&parsed("x == 1")), "(x == 1)");
        assert_eq!(canonical(&parsed("(((x)))")), "x");
    }
}
