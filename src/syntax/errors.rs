//! pest errors -> our own diagnostics that read as sentences.
//!
//! pest reports the grammar rules it tried at the failing position. We give each rule a name a
//! rule author understands (`kw_when` is "`when`", `requirement` is "a requirement"), fold the
//! many operators into "an operator", and add a "did you mean" when the word at the error is
//! close to one of the expected keywords.

use pest::error::{Error, ErrorVariant, InputLocation};

use super::grammar::Rule;
use super::scan::{pieces, Piece};
use crate::diagnostic::Diag;
use crate::source::{SourceFile, Span};
use crate::text::did_you_mean;

/// What a person should read for a grammar rule, or `None` for rules that never need naming.
///
/// The match names every rule and has no catch-all (as jj's `Rule::to_symbol`): a rule added to
/// the grammar does not compile until it is given a name here, or put among the rules that need
/// none, so an "expected ..." list can never silently leave it out.
fn friendly(rule: Rule) -> Option<&'static str> {
    use Rule::*;
    Some(match rule {
        EOI => "the end of the file",
        schema_decl => "`schema`",
        bank_decl => "`bank`",
        source_decl => "`source`",
        capabilities_decl => "`capabilities`",
        limit_periods_decl | kw_limit_periods => "`limit_periods`",
        problem_decl | kw_problem => "`problem`",
        set_decl | kw_set => "`set`",
        app_decl | kw_app => "`app`",
        field_decl => "a field (`name: required text`)",
        field_modifier | kw_required | kw_optional | kw_sensitive => {
            "`required`, `optional` or `sensitive`"
        }
        named_type | list_type | record_type | enum_type | kw_enum | kw_record | kw_list => {
            "a type (`text`, `date`, `bool`, `int`, `bank`, `country`, `enum [...]`, `record {...}` or `list of ...`)"
        }
        kw_of => "`of`",
        name => "a name",
        ident => "a name",
        string | string_inner => "a quoted text (\"...\")",
        string_list => "a list of quoted texts ([\"...\", \"...\"])",
        name_list => "a list of names ([a, b])",
        set_values => "a list of quoted values ([\"...\", \"...\"])",
        dated_string => "a quoted text (\"...\"), optionally with `from DATE` or `until DATE`",
        dated_string_list => "a list of quoted texts ([\"...\", \"...\"])",
        period => "`from`/`until`",
        kw_until => "`until`",
        date => "a date (YYYY-MM-DD)",
        integer => "a whole number",
        lbrace => "`{`",
        rbrace => "`}`",
        lbracket => "`[`",
        rbracket => "`]`",
        lparen => "`(`",
        rparen => "`)`",
        colon => "`:`",
        comma => "`,`",
        equals => "`=`",
        docs | doc_line => "a `///` comment",
        kw_schema => "`schema`",
        kw_bank => "`bank`",
        kw_name | bank_name => "`name`",
        kw_local_name | bank_local_name => "`local_name`",
        kw_aliases | bank_aliases => "`aliases`",
        kw_prefixes | bank_prefixes => "`prefixes`",
        kw_source => "`source`",
        kw_title | app_title | source_title => "`title`",
        kw_publisher | source_publisher => "`publisher`",
        kw_url | source_url => "`url`",
        kw_published | source_published => "`published`",
        kw_reviewed | source_reviewed => "`reviewed`",
        kw_note | source_note => "`note`",
        kw_capabilities => "`capabilities`",
        term => "a name and its words (`name \"words\"`)",
        kw_hotline | app_hotline => "`hotline`",
        kw_path | app_path => "`path`",
        kw_documents | app_documents => "`documents`",
        kw_steps | app_steps => "`steps`",
        kw_cards | app_cards => "`cards`",
        kw_sources | sources_clause => "`sources`",
        kw_let | let_decl => "`let`",
        let_params => "`(`",
        kw_requirement | requirement => "a requirement",
        kw_require | req_require => "`require`",
        kw_when | req_when | when_block => "`when`",
        kw_at | req_at => "`at`",
        kw_severity | req_severity => "`severity`",
        kw_message | req_message => "`message`",
        kw_help | req_help => "`help`",
        kw_fix | req_fix | fix_decl => "`fix`",
        fix_set => "`set`",
        kw_for | for_block => "`for`",
        quantifier_kind => "`some` or `every`",
        kw_outcome | outcome => "`outcome`",
        kw_unlocks | outcome_unlocks => "`unlocks`",
        kw_limit | outcome_limit => "`limit`",
        kw_per => "`per`",
        kw_trouble | trouble => "`trouble`",
        kw_cause | trouble_cause => "`cause`",
        kw_remedy | trouble_remedy => "`remedy`",
        kw_disagreement | disagreement => "`disagreement`",
        kw_topic | disagreement_topic => "`topic`",
        kw_claim | disagreement_claim => "`claim`",
        kw_resolution | disagreement_resolution => "`resolution`",
        kw_in => "`in`",
        kw_some | kw_every | kw_no | quantifier => "`some`, `every` or `no`",
        op_or | op_and | op_eq | op_ne | op_le | op_ge | op_lt | op_gt | op_in | op_not_in
        | op_matches | op_add | op_sub => "an operator",
        expr | op_not | op_neg | paren_expr | list_expr | call | quantified | path | boolean
        | kw_today | kw_verified => "a condition or value",
        example | kw_example => "`example`",
        kw_today_clause | example_today => "`today`",
        kw_profile | example_profile | example_file => "`profile`",
        kw_file => "`file`",
        kw_from | example_from => "`from`",
        example_set => "`set`",
        kw_remove | example_remove => "`remove`",
        kw_expect | expect_verified | expect_unlocks | expect_outcome | expect_limit
        | expect_no_limit | expect_fix | expect_no_fix | expect_no | expect_fires => "`expect`",
        expression_only => "a value",
        kw_not => "`not`",
        kw_verified_word => "`verified`",
        value_path => "a field path such as `bank_cards[0].holder`",
        index => "a list index",
        finding_code => "a finding code such as `adult` or `profile/missing`",
        kw_allow | allow => "`allow`",
        kw_because => "`because`",
        lint_code => "a lint code",
        block_string | block_inner => "a quoted text (\"...\")",
        // Silent rules (`_{ ... }`): pest never reports them, only the rules they are made of.
        WHITESPACE | COMMENT | item | ident_char | type_expr | bank_clause | source_clause | problem_clause
        | app_clause | app_body_item | requirement_clause | block_item | fix_clause
        | outcome_clause | trouble_clause | disagreement_clause | example_clause | example_value
        | expectation | infix | prefix | primary | literal => return None,
        // The whole file (the parts it expects are named instead); the text of a `///` line,
        // which cannot fail; the reserved words, only ever tried behind `!`; and the typo rules,
        // which accept a mistake on purpose so that the parser's own message can name it.
        file | doc_text | reserved | typo_rule | typo_keyword => return None,
    })
}

/// The keyword a friendly name stands for, used for "did you mean".
fn keyword_of(label: &str) -> Option<&str> {
    let inner = label.strip_prefix('`')?.strip_suffix('`')?;
    inner
        .chars()
        .all(|c| c.is_ascii_alphabetic() || c == '_')
        .then_some(inner)
}

/// Converts a pest error on `text` (the file's text, with the items of earlier errors blanked
/// out). Returns the diagnostic and the byte offset where the error stands.
pub fn pest_error_to_diag(file: &SourceFile, text: &str, error: &Error<Rule>) -> (Diag, usize) {
    let pos = match error.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    let pos = pos.min(text.len());
    let rest = &text[pos..];
    if let Some(diag) = targeted(file, text, pos) {
        return (diag, pos);
    }
    if rest.trim().is_empty() {
        if let Some(open) = innermost_open_brace(text, pos) {
            let what = opened_what(text, open);
            let diag = Diag::at(
                &Span::new(file, open..open + 1),
                format!("{what} is not closed: the file ends inside it"),
                "opened here",
            )
            .with_help(format!("add `}}` where {what} should end"));
            return (diag, open);
        }
        if let Some(doc) = super::recover::trailing_doc_line(text, pos) {
            let diag = Diag::at(
                &Span::new(file, doc),
                "this `///` comment documents nothing: the file ends after it",
                "documents nothing",
            )
            .with_help("a `///` comment describes the declaration right below it; write that declaration, or make the comment a plain `//` comment");
            return (diag, pos);
        }
    }
    let found = found_at(text, pos);
    let mut expected: Vec<&str> = Vec::new();
    if let ErrorVariant::ParsingError { positives, .. } = &error.variant {
        for rule in positives {
            if let Some(label) = friendly(*rule) {
                if !expected.contains(&label) {
                    expected.push(label);
                }
            }
        }
    }
    // Where a condition or value may stand, the kinds of value are one thing to the reader.
    if expected.contains(&VALUE) {
        expected.retain(|l| *l == VALUE || !VALUE_PARTS.contains(l));
    }
    // "a requirement" first, then keywords, then closing brackets, "an operator" and "the end
    // of the file" last: the most likely intent first.
    expected.sort_by_key(|label| match *label {
        "`}`" | "`]`" | "`)`" => 2,
        "an operator" => 3,
        "the end of the file" => 4,
        l if l.starts_with('`') => 1,
        _ => 0,
    });
    let expected_text = join_or(&expected);
    let message = if expected.is_empty() {
        format!("unexpected {found}")
    } else {
        format!("expected {expected_text}, found {found}")
    };
    let end = (pos + found_len(text, pos)).min(text.len());
    let span = Span::new(file, pos..end);
    let word = word_at(text, pos);
    let label = if !word.is_empty() {
        "not expected here".to_string()
    } else if expected.is_empty() {
        "unexpected".to_string()
    } else {
        format!("expected {}", short_expected(&expected))
    };
    let mut diag = Diag::at(&span, message, label);
    let keywords: Vec<&str> = expected.iter().filter_map(|l| keyword_of(l)).collect();
    if let Some(suggestion) = (!word.is_empty())
        .then(|| did_you_mean(word, keywords.iter().copied()))
        .flatten()
    {
        diag = diag.with_help(format!("did you mean `{suggestion}`?"));
    } else if let Some(help) = general_help(text, pos, &expected) {
        diag = diag.with_help(help);
    }
    // A block left open is the usual cause of an error at a later keyword or at the end.
    if expected.contains(&"`}`") && (pos >= text.len() || super::recover::starts_item(rest)) {
        if let Some(open) = innermost_open_brace(text, pos) {
            let what = opened_what(text, open);
            diag = diag.with_label(
                &Span::new(file, open..open + 1),
                format!("{what} opened here is not closed"),
            );
            if diag.help.is_none() {
                diag = diag.with_help(format!("close {what} with `}}` before this"));
            }
        }
    }
    (diag, pos)
}

const VALUE: &str = "a condition or value";
const VALUE_PARTS: [&str; 8] = [
    "a name",
    "a quoted text (\"...\")",
    "a date (YYYY-MM-DD)",
    "a whole number",
    "`[`",
    "`(`",
    "`some`, `every` or `no`",
    "`not`",
];

/// Mistakes common enough to deserve their own sentence instead of an "expected" list.
fn targeted(file: &SourceFile, text: &str, pos: usize) -> Option<Diag> {
    let rest = &text[pos..];
    let at = |len: usize| Span::new(file, pos..(pos + len).min(text.len()));
    for (typed, meant) in [("&&", "and"), ("||", "or")] {
        if rest.starts_with(typed) {
            return Some(
                Diag::at(
                    &at(2),
                    format!("`{typed}` is not an operator in rule files"),
                    format!("write `{meant}`"),
                )
                .with_help(format!(
                    "conditions are joined with `and` and `or`: replace `{typed}` with `{meant}`"
                )),
            );
        }
    }
    if rest.starts_with('"') {
        let line = rest.split('\n').next().unwrap_or(rest);
        let mut escaped = false;
        let closed = line[1..].chars().any(|c| {
            let close = c == '"' && !escaped;
            escaped = c == '\\' && !escaped;
            close
        });
        if !closed && !rest.starts_with("\"\"\"") {
            return Some(
                Diag::at(&at(line.len()), "this text is not closed", "no closing `\"` on this line")
                    .with_help("end the text with `\"` on the same line; for several lines, use a `\"\"\"` block"),
            );
        }
    }
    if rest.starts_with('\'') {
        return Some(
            Diag::at(&at(1), "texts are written in double quotes", "single quote")
                .with_help("write \"like this\" instead of 'like this'"),
        );
    }
    None
}

/// Byte offset of the innermost `{` still open at `pos` (strings and comments skipped).
fn innermost_open_brace(text: &str, pos: usize) -> Option<usize> {
    let mut stack = Vec::new();
    for piece in pieces(&text[..pos.min(text.len())]) {
        match piece {
            Piece::Code(i, b'{') => stack.push(i),
            Piece::Code(_, b'}') => {
                stack.pop();
            }
            _ => {}
        }
    }
    stack.pop()
}

/// "requirement `adult`" for the declaration whose `{` is at `brace`.
fn opened_what(text: &str, brace: usize) -> String {
    let line_start = text[..brace].rfind('\n').map_or(0, |i| i + 1);
    let words: Vec<&str> = text[line_start..brace].split_whitespace().collect();
    match words.as_slice() {
        [kind, name, ..] if !kind.starts_with("//") => {
            format!("{kind} `{}`", name.trim_end_matches(':'))
        }
        [kind] => format!("`{kind}`"),
        _ => "the block".to_string(),
    }
}

fn general_help(text: &str, pos: usize, expected: &[&str]) -> Option<String> {
    let rest = &text[pos.min(text.len())..];
    if rest.starts_with('\'') {
        return Some("texts are written in double quotes: \"like this\"".to_string());
    }
    if rest.starts_with("&&") || rest.starts_with("||") {
        return Some("write `and` and `or` instead of `&&` and `||`".to_string());
    }
    if rest.starts_with('=') && !rest.starts_with("==") && expected.contains(&"an operator") {
        return Some("to compare two values write `==`".to_string());
    }
    if rest.starts_with('!') && !rest.starts_with("!=") {
        return Some("write `not` instead of `!`".to_string());
    }
    if expected.contains(&"`}`") && pos >= text.len() {
        return Some("a block was opened with `{` and never closed".to_string());
    }
    None
}

fn join_or(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} or {}", init.join(", "), last),
    }
}

/// A label short enough to sit under the snippet.
fn short_expected(items: &[&str]) -> String {
    if items.len() <= 3 {
        join_or(items)
    } else {
        format!("{} or ...", items[..2].join(", "))
    }
}

fn word_at(text: &str, pos: usize) -> &str {
    let rest = &text[pos.min(text.len())..];
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    &rest[..end]
}

fn found_len(text: &str, pos: usize) -> usize {
    let word = word_at(text, pos);
    if !word.is_empty() {
        word.len()
    } else {
        text[pos.min(text.len())..]
            .chars()
            .next()
            .map_or(0, |c| c.len_utf8())
    }
}

fn found_at(text: &str, pos: usize) -> String {
    let rest = &text[pos.min(text.len())..];
    for two in ["==", "!=", "<=", ">="] {
        if rest.starts_with(two) {
            return format!("`{two}`");
        }
    }
    if pos >= text.len() {
        return "the end of the file".to_string();
    }
    let word = word_at(text, pos);
    if !word.is_empty() {
        return format!("`{word}`");
    }
    match text[pos..].chars().next() {
        Some('\n') | Some('\r') => "the end of the line".to_string(),
        Some('"') => "a quoted text".to_string(),
        Some(c) => format!("`{c}`"),
        None => "the end of the file".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_with_an_underscore_get_a_did_you_mean_too() {
        assert_eq!(keyword_of("`local_name`"), Some("local_name"));
        assert_eq!(keyword_of("`when`"), Some("when"));
        assert_eq!(keyword_of("`from`/`until`"), None);
        assert_eq!(keyword_of("`}`"), None);
        assert_eq!(keyword_of("a requirement"), None);
    }
}
