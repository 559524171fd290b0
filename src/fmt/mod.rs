//! `realname fmt`: one canonical layout for rule files.
//!
//! The formatter prints the AST back: two-space indentation, one clause per line, single
//! spaces around operators, short lists on one line and long ones one item per line (card
//! prefixes filled to the width), one blank line between top-level declarations, and at most
//! one blank line inside a block where the author left one. Declarations and clauses stay in
//! the author's order, and `//` comments are put back before the construct that followed
//! them (or at the end of the line they ended). Formatting twice gives the same text, and the
//! AST before and after is the same.

pub mod comments;
mod declarations;

use comments::{comments, Comment};

use crate::diagnostic::Diag;
use crate::source::{ignoring_spans, SourceFile, Spanned};
use crate::syntax::ast::*;
use crate::syntax::parse_file;
use crate::syntax::print::quote;
use declarations::{allow, dated_text};

/// Lines are filled up to this width where the layout allows.
const WIDTH: usize = 100;
const INDENT: &str = "  ";

/// Formats a rule file. A file with syntax errors is not formatted: its errors are returned.
pub fn format_file(file: &SourceFile) -> Result<String, Vec<Diag>> {
    let (ast, errors) = parse_file(file);
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut p = Printer::new(file.text());
    for (i, item) in ast.items.iter().enumerate() {
        if i > 0 {
            p.blank();
        }
        p.item(item);
    }
    p.flush_before(usize::MAX);
    let mut out = p.out;
    while out.ends_with("\n\n") {
        out.pop();
    }
    if out.is_empty() {
        return Ok(String::new());
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    // The layout may change, the meaning never: a file whose formatted text parses to another
    // tree is refused rather than rewritten (compared for what it says, wherever it stands).
    let (again, errors) = parse_file(&SourceFile::new(file.name(), out.as_str()));
    if !errors.is_empty() || !ignoring_spans(|| again == ast) {
        return Err(vec![Diag::at(
            &crate::source::Span::new(file, 0..0),
            "formatting this file would change what it means, so it was left as it is",
            "not formatted",
        )
        .with_help("this is a bug in `realname fmt`; please report it with the file")
        .with_code(crate::code::Code::InvalidRule)]);
    }
    Ok(out)
}

struct Printer<'t> {
    text: &'t str,
    comments: Vec<Comment>,
    next_comment: usize,
    out: String,
    depth: usize,
    /// Source offset where the previous member of the current block ended.
    last_end: usize,
    /// Nothing printed yet in the current block (no blank line may open a block).
    block_start: bool,
}

/// A member of a block, in source order.
enum Member<'a> {
    Line(String),
    Strings(&'static str, &'a [Spanned<String>]),
    /// A list of texts that may each carry a period (`documents`, `steps`, `cards`).
    Texts(&'static str, &'a [DatedText]),
    Names(String, &'a [Name]),
    Block(&'a BodyItem),
    Set(&'a SetDecl),
    Disagreement(&'a Disagreement),
    Allow(&'a Allow),
    Field(&'a FieldDecl),
    Prefixes(&'a PrefixGroup),
    Term(&'a Term),
    Profile(&'a Spanned<String>),
}

impl<'t> Printer<'t> {
    fn new(text: &'t str) -> Self {
        Printer {
            text,
            comments: comments(text),
            next_comment: 0,
            out: String::new(),
            depth: 0,
            last_end: 0,
            block_start: true,
        }
    }

    fn indent(&self) -> String {
        INDENT.repeat(self.depth)
    }

    fn blank(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    /// Writes the comments that stand before `offset`: own-line ones as lines, trailing ones
    /// at the end of the line printed last.
    fn flush_before(&mut self, offset: usize) {
        while let Some(c) = self.comments.get(self.next_comment) {
            if c.offset >= offset {
                break;
            }
            let c = c.clone();
            self.next_comment += 1;
            self.last_end = self.last_end.max(c.offset + c.text.len());
            if c.own_line || self.out.is_empty() {
                if c.blank_before && !self.block_start {
                    self.blank();
                }
                let line = format!("{}{}\n", self.indent(), c.text);
                self.out.push_str(&line);
                self.block_start = false;
            } else {
                let had_newline = self.out.ends_with('\n');
                if had_newline {
                    self.out.pop();
                }
                self.out.push(' ');
                self.out.push_str(&c.text);
                self.out.push('\n');
            }
        }
    }

    /// Whether the source has an empty line between `from` and `to`.
    fn blank_between(&self, from: usize, to: usize) -> bool {
        if from >= to || to > self.text.len() {
            return false;
        }
        let gap = &self.text[from..to];
        let mut lines = gap.split('\n');
        lines.next(); // the rest of the line where the previous member ended
        let mut interior: Vec<&str> = lines.collect();
        interior.pop(); // the start of the line where this member begins
        interior.iter().any(|l| l.trim().is_empty())
    }

    /// Starts a member of a block at source `offset`: comments before it, and a blank line
    /// where the author had one.
    fn begin(&mut self, offset: usize) {
        self.flush_before(offset);
        if !self.block_start && self.blank_between(self.last_end, offset) {
            self.blank();
        }
        self.last_end = self.last_end.max(offset);
    }

    fn line(&mut self, text: &str) {
        let line = format!("{}{}\n", self.indent(), text);
        self.out.push_str(&line);
        self.block_start = false;
    }

    fn open(&mut self, header: &str) {
        self.line(&format!("{header} {{"));
        self.depth += 1;
        self.block_start = true;
    }

    fn close(&mut self, end: usize) {
        // Comments inside the block before its closing brace stay inside.
        let brace = self.text[..end.min(self.text.len())]
            .rfind('}')
            .unwrap_or(end);
        self.flush_before(brace);
        self.depth -= 1;
        self.line("}");
        self.last_end = end;
    }

    /// `///` lines; the caller has already called `begin` with the start of the docs.
    fn docs(&mut self, docs: &Docs) {
        if let Some(d) = docs {
            for l in d.node.split('\n') {
                if l.is_empty() {
                    self.line("///");
                } else {
                    self.line(&format!("/// {l}"));
                }
            }
        }
    }

    fn members(&mut self, mut members: Vec<(usize, usize, Member<'_>)>) {
        members.sort_by_key(|(start, _, _)| *start);
        for (start, end, member) in members {
            self.begin(start);
            self.member(member);
            self.last_end = self.last_end.max(end);
        }
    }

    fn member(&mut self, member: Member<'_>) {
        match member {
            Member::Line(text) => self.line(&text),
            Member::Strings(keyword, items) => {
                let items: Vec<String> = items.iter().map(|s| quote(&s.node)).collect();
                self.list(keyword, &items);
            }
            Member::Texts(keyword, items) => {
                let items: Vec<String> = items.iter().map(dated_text).collect();
                self.list(keyword, &items);
            }
            Member::Names(keyword, names) => {
                let items: Vec<String> = names.iter().map(|n| n.node.clone()).collect();
                self.line(&format!("{keyword} [{}]", items.join(", ")));
            }
            Member::Block(item) => self.body_item(item),
            Member::Set(set) => self.set(set),
            Member::Disagreement(d) => self.disagreement(d),
            Member::Allow(a) => self.line(&allow(a)),
            Member::Field(f) => self.field(f),
            Member::Prefixes(g) => {
                let items: Vec<String> = g.prefixes.iter().map(|s| quote(&s.node)).collect();
                self.list(
                    &format!("prefixes {} {}", g.kind.node, g.length.node),
                    &items,
                );
            }
            Member::Term(c) => {
                self.docs(&c.docs);
                self.line(&format!("{} {}", c.name.node, quote(&c.description.node)));
            }
            Member::Profile(text) => self.block_string("profile", &text.node),
        }
    }

    /// `keyword [a, b]` on one line when it fits; otherwise one item per line, or filled lines
    /// for lists of short items (card prefixes).
    fn list(&mut self, keyword: &str, items: &[String]) {
        let one_line = format!("{keyword} [{}]", items.join(", "));
        if self.indent().len() + one_line.len() <= WIDTH {
            self.line(&one_line);
            return;
        }
        self.line(&format!("{keyword} ["));
        self.depth += 1;
        let short = items.iter().all(|i| i.len() <= 16);
        if short {
            let mut current = String::new();
            for item in items {
                let piece = format!("{item},");
                if !current.is_empty()
                    && self.indent().len() + current.len() + 1 + piece.len() > WIDTH
                {
                    self.line(&current);
                    current.clear();
                }
                if !current.is_empty() {
                    current.push(' ');
                }
                current.push_str(&piece);
            }
            if !current.is_empty() {
                self.line(&current);
            }
        } else {
            for item in items {
                self.line(&format!("{item},"));
            }
        }
        self.depth -= 1;
        self.line("]");
    }

    fn block_string(&mut self, keyword: &str, text: &str) {
        self.line(&format!("{keyword} \"\"\""));
        self.depth += 1;
        // A text that ends with a line break has its closing quotes on a line of their own;
        // one that does not keeps them at the end of its last line, as it was written.
        let (body, closed_on_own_line) = match text.strip_suffix('\n') {
            Some(body) => (body, true),
            None => (text, false),
        };
        let lines: Vec<&str> = body.split('\n').collect();
        for (i, l) in lines.iter().enumerate() {
            let last = i + 1 == lines.len();
            if last && !closed_on_own_line {
                self.line(&format!("{l}\"\"\""));
            } else if l.trim().is_empty() {
                self.out.push('\n');
            } else {
                self.line(l);
            }
        }
        self.depth -= 1;
        if closed_on_own_line {
            self.line("\"\"\"");
        }
    }
}
