//! pest pairs -> typed AST.
//!
//! The grammar (grammar/realname.pest) decides what is well-formed; this module turns the pairs
//! into `ast` nodes with spans, and reports what the grammar cannot: a clause written twice, a
//! keyword typo (`rule` for `requirement`), a number too large.

use std::sync::LazyLock;

use pest::iterators::{Pair, Pairs};
use pest::pratt_parser::{Assoc, Op, PrattParser};

use super::ast::*;
use super::grammar::Rule;
use crate::diagnostic::Diag;
use crate::source::{SourceFile, Span, Spanned};
use crate::text::{dedent, did_you_mean, unescape};

/// Operator precedence, lowest first: `or`, `and`, `not`, comparisons, `+ -`, unary minus.
static PRATT: LazyLock<PrattParser<Rule>> = LazyLock::new(|| {
    PrattParser::new()
        .op(Op::infix(Rule::op_or, Assoc::Left))
        .op(Op::infix(Rule::op_and, Assoc::Left))
        .op(Op::prefix(Rule::op_not))
        .op(Op::infix(Rule::op_eq, Assoc::Left)
            | Op::infix(Rule::op_ne, Assoc::Left)
            | Op::infix(Rule::op_lt, Assoc::Left)
            | Op::infix(Rule::op_le, Assoc::Left)
            | Op::infix(Rule::op_gt, Assoc::Left)
            | Op::infix(Rule::op_ge, Assoc::Left)
            | Op::infix(Rule::op_in, Assoc::Left)
            | Op::infix(Rule::op_not_in, Assoc::Left)
            | Op::infix(Rule::op_matches, Assoc::Left))
        .op(Op::infix(Rule::op_add, Assoc::Left) | Op::infix(Rule::op_sub, Assoc::Left))
        .op(Op::prefix(Rule::op_neg))
});

/// Turns pairs into AST nodes, collecting errors instead of stopping at the first.
pub struct AstBuilder<'f> {
    file: &'f SourceFile,
    /// Where the parsed text starts in the file (a `{value}` inside a message is parsed on
    /// its own).
    offset: usize,
    pub errors: Vec<Diag>,
}

impl<'f> AstBuilder<'f> {
    pub fn new(file: &'f SourceFile) -> Self {
        AstBuilder::at(file, 0)
    }

    /// A builder for a piece of `file` that starts at byte `offset`.
    pub fn at(file: &'f SourceFile, offset: usize) -> Self {
        AstBuilder {
            file,
            offset,
            errors: Vec::new(),
        }
    }

    fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        let s = pair.as_span();
        // An optional part that was tried and not found leaves the implicit whitespace before
        // it inside the pair; a label should end at the last character written.
        let end = s.start() + pair.as_str().trim_end().len();
        Span::new(self.file, self.offset + s.start()..self.offset + end)
    }

    fn spanned_str(&self, pair: &Pair<'_, Rule>) -> Spanned<String> {
        Spanned::new(pair.as_str().to_string(), self.span(pair))
    }

    /// An error the grammar lets through (a clause given twice, an unknown severity): the file
    /// still parses, so it is not a syntax error.
    fn error(&mut self, mut diag: Diag) {
        if diag.code.is_none() {
            diag.code = Some("invalid-rule".to_string());
        }
        self.errors.push(diag);
    }

    /// Sets `slot` unless it is already set, in which case the duplicate is reported.
    fn set_once<T>(&mut self, slot: &mut Option<T>, value: T, pair: &Pair<'_, Rule>, what: &str) {
        if slot.is_some() {
            let span = self.span(pair);
            self.error(
                Diag::at(&span, format!("`{what}` is given twice"), "second one here")
                    .with_help(format!("keep one `{what}` clause and delete the other")),
            );
        } else {
            *slot = Some(value);
        }
    }

    /// `keyword "text"`: sets `slot` from the clause's string, or reports a second one.
    fn once_string(
        &mut self,
        slot: &mut Option<Spanned<String>>,
        clause: &Pair<'_, Rule>,
        what: &str,
    ) {
        let value = self.string(last_inner(clause));
        self.set_once(slot, value, clause, what);
    }

    /// `keyword CONDITION`: sets `slot` from the clause's expression, or reports a second one.
    fn once_expr(&mut self, slot: &mut Option<Expr>, clause: &Pair<'_, Rule>, what: &str) {
        let value = self.expr(last_inner(clause));
        self.set_once(slot, value, clause, what);
    }

    pub fn item(&mut self, pair: Pair<'_, Rule>) -> Option<Item> {
        Some(match pair.as_rule() {
            Rule::schema_decl => Item::Schema(self.schema(pair)),
            Rule::bank_decl => Item::Bank(self.bank(pair)),
            Rule::source_decl => Item::Source(self.source(pair)),
            Rule::capabilities_decl => Item::Capabilities(self.capabilities(pair)),
            Rule::set_decl => Item::Set(self.set(pair)),
            Rule::app_decl => Item::App(self.app(pair)),
            Rule::let_decl => Item::Let(self.let_decl(pair)),
            Rule::example => Item::Example(self.example(pair)),
            Rule::allow => Item::Allow(self.allow(pair)),
            _ => return None,
        })
    }

    /// Splits off the leading `docs` pair, if any.
    fn docs<'i>(&self, pairs: &mut std::iter::Peekable<Pairs<'i, Rule>>) -> Docs {
        let pair = pairs.next_if(|p| p.as_rule() == Rule::docs)?;
        let span = self.span(&pair);
        let text = pair
            .into_inner()
            .map(|line| {
                let t = line.into_inner().next().map_or("", |t| t.as_str());
                t.strip_prefix(' ').unwrap_or(t).trim_end().to_string()
            })
            .collect::<Vec<_>>()
            .join("\n");
        Some(Spanned::new(text, span))
    }

    fn name(&self, pair: Pair<'_, Rule>) -> Name {
        self.spanned_str(&pair)
    }

    fn string(&mut self, pair: Pair<'_, Rule>) -> Spanned<String> {
        let span = self.span(&pair);
        let Some(inner) = pair.into_inner().next() else {
            return Spanned::new(String::new(), span);
        };
        let text = match inner.as_rule() {
            Rule::block_string => dedent(inner.into_inner().next().map_or("", |p| p.as_str())),
            _ => unescape(inner.as_str()),
        };
        Spanned::new(text, span)
    }

    /// `from DATE`, `until DATE` or both.
    fn period(&mut self, pair: Pair<'_, Rule>) -> Period {
        let span = self.span(&pair);
        let mut period = Period {
            from: None,
            until: None,
            span,
        };
        let mut keyword = None;
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::kw_from | Rule::kw_until => keyword = Some(p.as_rule()),
                Rule::date => {
                    let date = Some(self.spanned_str(&p));
                    if keyword == Some(Rule::kw_from) {
                        period.from = date;
                    } else {
                        period.until = date;
                    }
                }
                _ => {}
            }
        }
        period
    }

    /// A period clause of a declaration: reported when given twice.
    fn once_period(&mut self, slot: &mut Option<Period>, clause: Pair<'_, Rule>) {
        let value = self.period(clause.clone());
        self.set_once(slot, value, &clause, "from/until");
    }

    /// The entries of a list of quoted texts that may each carry a period.
    fn dated_strings(&mut self, pair: Pair<'_, Rule>) -> Vec<DatedText> {
        pair.into_inner()
            .filter(|p| p.as_rule() == Rule::dated_string)
            .map(|p| {
                let mut text = None;
                let mut period = None;
                for part in p.into_inner() {
                    match part.as_rule() {
                        Rule::string => text = Some(self.string(part)),
                        Rule::period => period = Some(self.period(part)),
                        _ => {}
                    }
                }
                DatedText {
                    text: text.expect("a dated string has its text"),
                    period,
                }
            })
            .collect()
    }

    fn string_list(&mut self, pair: Pair<'_, Rule>) -> Vec<Spanned<String>> {
        pair.into_inner()
            .filter(|p| p.as_rule() == Rule::string)
            .map(|p| self.string(p))
            .collect()
    }

    fn name_list(&self, pair: Pair<'_, Rule>) -> Vec<Name> {
        pair.into_inner()
            .filter(|p| p.as_rule() == Rule::name)
            .map(|p| self.name(p))
            .collect()
    }

    /// The `[...]` of a `sources [...]` clause.
    fn sources(&self, pair: Pair<'_, Rule>) -> Vec<Name> {
        pair.into_inner()
            .find(|p| p.as_rule() == Rule::name_list)
            .map(|l| self.name_list(l))
            .unwrap_or_default()
    }

    fn schema(&mut self, pair: Pair<'_, Rule>) -> SchemaDecl {
        let mut inner = pair.into_inner().peekable();
        let docs = self.docs(&mut inner);
        let keyword = self.span(&inner.next().expect("kw_schema"));
        let fields = inner
            .filter(|p| p.as_rule() == Rule::field_decl)
            .map(|p| self.field(p))
            .collect();
        SchemaDecl {
            docs,
            keyword,
            fields,
        }
    }

    fn field(&mut self, pair: Pair<'_, Rule>) -> FieldDecl {
        let mut inner = pair.into_inner().peekable();
        let docs = self.docs(&mut inner);
        let name = self.name(inner.next().expect("field name"));
        let mut modifiers = Vec::new();
        let mut ty = None;
        for p in inner {
            match p.as_rule() {
                Rule::field_modifier => {
                    let span = self.span(&p);
                    let kw = p.into_inner().next().expect("modifier keyword");
                    let modifier = match kw.as_rule() {
                        Rule::kw_required => FieldModifier::Required,
                        Rule::kw_optional => FieldModifier::Optional,
                        _ => FieldModifier::Sensitive,
                    };
                    modifiers.push(Spanned::new(modifier, span));
                }
                Rule::colon => {}
                _ => ty = Some(self.type_expr(p)),
            }
        }
        FieldDecl {
            docs,
            name,
            modifiers,
            ty: ty.expect("grammar requires a type"),
        }
    }

    fn type_expr(&mut self, pair: Pair<'_, Rule>) -> TypeExpr {
        let span = self.span(&pair);
        match pair.as_rule() {
            Rule::named_type => TypeExpr::Named(self.name(pair.into_inner().next().expect("name"))),
            Rule::enum_type => {
                let list = pair
                    .into_inner()
                    .find(|p| p.as_rule() == Rule::name_list)
                    .expect("enum values");
                TypeExpr::Enum(self.name_list(list), span)
            }
            Rule::record_type => TypeExpr::Record(
                pair.into_inner()
                    .filter(|p| p.as_rule() == Rule::field_decl)
                    .map(|p| self.field(p))
                    .collect(),
                span,
            ),
            Rule::list_type => {
                let element = pair
                    .into_inner()
                    .find(|p| {
                        matches!(
                            p.as_rule(),
                            Rule::named_type
                                | Rule::enum_type
                                | Rule::record_type
                                | Rule::list_type
                        )
                    })
                    .expect("list element type");
                TypeExpr::List(Box::new(self.type_expr(element)), span)
            }
            other => unreachable!("not a type: {other:?}"),
        }
    }

    fn bank(&mut self, pair: Pair<'_, Rule>) -> BankDecl {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().peekable();
        let docs = self.docs(&mut inner);
        inner.next(); // kw_bank
        let code = self.name(inner.next().expect("bank code"));
        let mut bank = BankDecl {
            docs,
            code,
            name: None,
            chinese: None,
            aliases: Vec::new(),
            prefixes: Vec::new(),
            span,
        };
        for p in inner {
            match p.as_rule() {
                Rule::bank_name => {
                    self.once_string(&mut bank.name, &p, "name");
                }
                Rule::bank_chinese => {
                    self.once_string(&mut bank.chinese, &p, "chinese");
                }
                Rule::bank_aliases => {
                    let list = self.string_list(last_inner(&p));
                    bank.aliases.extend(list);
                }
                Rule::bank_prefixes => {
                    let mut parts = p.into_inner().skip(1);
                    let kind = self.name(parts.next().expect("kind"));
                    let length_pair = parts.next().expect("length");
                    let length = self.integer(&length_pair).unwrap_or(0);
                    let length = Spanned::new(
                        u32::try_from(length).unwrap_or_else(|_| {
                            let span = self.span(&length_pair);
                            self.error(
                                Diag::at(
                                    &span,
                                    "this card-number length is too large",
                                    "too large",
                                )
                                .with_help("a card number has 12 to 19 digits"),
                            );
                            0
                        }),
                        self.span(&length_pair),
                    );
                    let prefixes = self.string_list(parts.next().expect("prefix list"));
                    bank.prefixes.push(PrefixGroup {
                        kind,
                        length,
                        prefixes,
                    });
                }
                _ => {}
            }
        }
        bank
    }

    fn integer(&mut self, pair: &Pair<'_, Rule>) -> Option<i64> {
        let digits: String = pair.as_str().chars().filter(|c| *c != '_').collect();
        match digits.parse::<i64>() {
            Ok(n) => Some(n),
            Err(_) => {
                let span = self.span(pair);
                self.error(
                    Diag::at(&span, "this number is too large", "too large")
                        .with_help("numbers in rule files must be below 9,223,372,036,854,775,808"),
                );
                None
            }
        }
    }

    fn source(&mut self, pair: Pair<'_, Rule>) -> SourceDecl {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().peekable();
        let docs = self.docs(&mut inner);
        inner.next();
        let id = self.name(inner.next().expect("source id"));
        let mut source = SourceDecl {
            docs,
            id,
            title: None,
            publisher: None,
            url: None,
            published: None,
            reviewed: None,
            note: None,
            allows: Vec::new(),
            span,
        };
        for p in inner {
            match p.as_rule() {
                Rule::source_title => {
                    self.once_string(&mut source.title, &p, "title");
                }
                Rule::source_publisher => {
                    self.once_string(&mut source.publisher, &p, "publisher");
                }
                Rule::source_url => {
                    self.once_string(&mut source.url, &p, "url");
                }
                Rule::source_published => {
                    let v = self.spanned_str(&last_inner(&p));
                    self.set_once(&mut source.published, v, &p, "published");
                }
                Rule::source_reviewed => {
                    let v = self.spanned_str(&last_inner(&p));
                    self.set_once(&mut source.reviewed, v, &p, "reviewed");
                }
                Rule::source_note => {
                    self.once_string(&mut source.note, &p, "note");
                }
                Rule::allow => source.allows.push(self.allow(p)),
                _ => {}
            }
        }
        source
    }

    fn capabilities(&mut self, pair: Pair<'_, Rule>) -> CapabilitiesDecl {
        let mut inner = pair.into_inner().peekable();
        let docs = self.docs(&mut inner);
        let keyword = self.span(&inner.next().expect("kw_capabilities"));
        let capabilities = inner
            .filter(|p| p.as_rule() == Rule::capability)
            .map(|p| {
                let mut parts = p.into_inner().peekable();
                let docs = self.docs(&mut parts);
                let name = self.name(parts.next().expect("capability name"));
                let description = self.string(parts.next().expect("capability description"));
                Capability {
                    docs,
                    name,
                    description,
                }
            })
            .collect();
        CapabilitiesDecl {
            docs,
            keyword,
            capabilities,
        }
    }

    fn set(&mut self, pair: Pair<'_, Rule>) -> SetDecl {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().peekable();
        let docs = self.docs(&mut inner);
        inner.next(); // kw_set
        let name = self.name(inner.next().expect("set name"));
        let mut ty = None;
        let mut values = Vec::new();
        let mut sources = Vec::new();
        for p in inner {
            match p.as_rule() {
                Rule::named_type => ty = Some(self.name(p.into_inner().next().expect("type"))),
                Rule::set_values => values = self.dated_strings(p),
                Rule::sources_clause => sources = self.sources(p),
                _ => {}
            }
        }
        SetDecl {
            docs,
            name,
            ty: ty.expect("grammar requires a set type"),
            values,
            sources,
            span,
        }
    }

    fn let_decl(&mut self, pair: Pair<'_, Rule>) -> LetDecl {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().peekable();
        let docs = self.docs(&mut inner);
        inner.next(); // kw_let
        let name = self.name(inner.next().expect("let name"));
        let mut params = None;
        let mut body = None;
        for p in inner {
            match p.as_rule() {
                Rule::let_params => {
                    params = Some(
                        p.into_inner()
                            .filter(|p| p.as_rule() == Rule::name)
                            .map(|p| self.name(p))
                            .collect(),
                    )
                }
                Rule::expr => body = Some(self.expr(p)),
                _ => {}
            }
        }
        LetDecl {
            docs,
            name,
            params,
            body: body.expect("grammar requires a let body"),
            span,
        }
    }

    fn app(&mut self, pair: Pair<'_, Rule>) -> AppDecl {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().peekable();
        let docs = self.docs(&mut inner);
        inner.next(); // kw_app
        let id = self.name(inner.next().expect("app id"));
        let mut app = AppDecl {
            docs,
            id,
            title: None,
            hotline: None,
            paths: Vec::new(),
            documents: Vec::new(),
            steps: Vec::new(),
            cards: Vec::new(),
            sources: Vec::new(),
            sets: Vec::new(),
            allows: Vec::new(),
            body: Vec::new(),
            span,
        };
        for p in inner {
            match p.as_rule() {
                Rule::app_title => {
                    self.once_string(&mut app.title, &p, "title");
                }
                Rule::app_hotline => {
                    self.once_string(&mut app.hotline, &p, "hotline");
                }
                Rule::app_path => {
                    let path = self.string(last_inner(&p));
                    app.paths.push(path);
                }
                Rule::app_documents => {
                    let list = self.dated_strings(last_inner(&p));
                    app.documents.extend(list);
                }
                Rule::app_steps => {
                    let list = self.dated_strings(last_inner(&p));
                    app.steps.extend(list);
                }
                Rule::app_cards => {
                    let list = self.dated_strings(last_inner(&p));
                    app.cards.extend(list);
                }
                Rule::sources_clause => {
                    let list = self.sources(p);
                    app.sources.extend(list);
                }
                Rule::set_decl => {
                    let set = self.set(p);
                    app.sets.push(set);
                }
                Rule::allow => app.allows.push(self.allow(p)),
                Rule::lbrace | Rule::rbrace => {}
                _ => {
                    if let Some(item) = self.body_item(p) {
                        app.body.push(item);
                    }
                }
            }
        }
        app
    }

    fn body_item(&mut self, pair: Pair<'_, Rule>) -> Option<BodyItem> {
        Some(match pair.as_rule() {
            Rule::let_decl => BodyItem::Let(self.let_decl(pair)),
            Rule::requirement => BodyItem::Requirement(self.requirement(pair)),
            Rule::when_block => BodyItem::When(self.when_block(pair)),
            Rule::for_block => BodyItem::For(self.for_block(pair)),
            Rule::fix_decl => BodyItem::Fix(self.fix(pair)),
            Rule::outcome => BodyItem::Outcome(self.outcome(pair)),
            Rule::trouble => BodyItem::Trouble(self.trouble(pair)),
            Rule::disagreement => BodyItem::Disagreement(self.disagreement(pair)),
            Rule::example => BodyItem::Example(self.example(pair)),
            Rule::typo_rule => {
                let span = self.span(&pair);
                let word = pair.as_str().split_whitespace().next().unwrap_or("");
                let name = pair
                    .into_inner()
                    .find(|p| p.as_rule() == Rule::name)
                    .map_or("NAME", |p| p.as_str());
                let keyword_span =
                    Span::new(self.file, span.range.start..span.range.start + word.len());
                self.error(
                    Diag::at(
                        &keyword_span,
                        format!("`{word}` does not start a requirement"),
                        "not a keyword here",
                    )
                    .with_help(format!(
                        "a requirement is written `requirement {name} {{ require CONDITION ... }}`"
                    )),
                );
                return None;
            }
            _ => return None,
        })
    }

    fn requirement(&mut self, pair: Pair<'_, Rule>) -> Requirement {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().peekable();
        let docs = self.docs(&mut inner);
        inner.next(); // kw_requirement
        let name = self.name(inner.next().expect("requirement name"));
        let mut req = Requirement {
            docs,
            name,
            require: None,
            when: None,
            at: None,
            severity: None,
            message: None,
            help: None,
            fix: None,
            sources: Vec::new(),
            disagreements: Vec::new(),
            period: None,
            allows: Vec::new(),
            span,
        };
        for p in inner {
            match p.as_rule() {
                Rule::allow => req.allows.push(self.allow(p)),
                Rule::period => self.once_period(&mut req.period, p),
                Rule::req_require => {
                    self.once_expr(&mut req.require, &p, "require");
                }
                Rule::req_when => {
                    self.once_expr(&mut req.when, &p, "when");
                }
                Rule::req_at => {
                    let path = self.path(last_inner(&p));
                    self.set_once(&mut req.at, path, &p, "at");
                }
                Rule::req_severity => {
                    let word = last_inner(&p);
                    let span = self.span(&word);
                    match Severity::parse(word.as_str()) {
                        Some(sev) => self.set_once(
                            &mut req.severity,
                            Spanned::new(sev, span),
                            &p,
                            "severity",
                        ),
                        None => {
                            let help = did_you_mean(word.as_str(), Severity::NAMES)
                                .map(|s| format!("did you mean `{s}`?"))
                                .unwrap_or_else(|| {
                                    "a severity is `error`, `warning` or `advice`".to_string()
                                });
                            self.error(
                                Diag::at(
                                    &span,
                                    format!("`{}` is not a severity", word.as_str()),
                                    "unknown severity",
                                )
                                .with_help(help)
                                .with_code("unknown-name"),
                            );
                        }
                    }
                }
                Rule::req_message => {
                    self.once_string(&mut req.message, &p, "message");
                }
                Rule::req_help => {
                    self.once_string(&mut req.help, &p, "help");
                }
                Rule::req_fix => {
                    let v = self.name(last_inner(&p));
                    self.set_once(&mut req.fix, v, &p, "fix");
                }
                Rule::sources_clause => {
                    let list = self.sources(p);
                    req.sources.extend(list);
                }
                Rule::disagreement => {
                    let d = self.disagreement(p);
                    req.disagreements.push(d);
                }
                _ => {}
            }
        }
        req
    }

    fn when_block(&mut self, pair: Pair<'_, Rule>) -> WhenBlock {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().peekable();
        let docs = self.docs(&mut inner);
        inner.next(); // kw_when
        let condition = self.expr(inner.next().expect("when condition"));
        let body = inner.filter_map(|p| self.body_item(p)).collect();
        WhenBlock {
            docs,
            condition,
            body,
            span,
        }
    }

    fn for_block(&mut self, pair: Pair<'_, Rule>) -> ForBlock {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().peekable();
        let docs = self.docs(&mut inner);
        inner.next(); // kw_for
        let kind_pair = inner.next().expect("quantifier kind");
        let kind_span = self.span(&kind_pair);
        let kind = match kind_pair.into_inner().next().map(|p| p.as_rule()) {
            Some(Rule::kw_every) => ForKind::Every,
            _ => ForKind::Some,
        };
        let var = self.name(inner.next().expect("loop variable"));
        inner.next(); // kw_in
        let list = self.path(inner.next().expect("list path"));
        let body = inner.filter_map(|p| self.body_item(p)).collect();
        ForBlock {
            docs,
            kind: Spanned::new(kind, kind_span),
            var,
            list,
            body,
            span,
        }
    }

    fn fix(&mut self, pair: Pair<'_, Rule>) -> FixDecl {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().peekable();
        let docs = self.docs(&mut inner);
        inner.next(); // kw_fix
        let name = self.name(inner.next().expect("fix name"));
        let mut fix = FixDecl {
            docs,
            name,
            when: None,
            target: None,
            value: None,
            message: None,
            sources: Vec::new(),
            period: None,
            allows: Vec::new(),
            span,
        };
        for p in inner {
            match p.as_rule() {
                Rule::allow => fix.allows.push(self.allow(p)),
                Rule::period => self.once_period(&mut fix.period, p),
                Rule::req_when => {
                    self.once_expr(&mut fix.when, &p, "when");
                }
                Rule::fix_set => {
                    let mut parts = p.clone().into_inner().skip(1);
                    let target = self.path(parts.next().expect("fix target"));
                    let value = parts
                        .find(|x| x.as_rule() == Rule::expr)
                        .map(|x| self.expr(x));
                    if fix.target.is_some() {
                        self.set_once(&mut fix.target, target, &p, "set");
                    } else {
                        fix.target = Some(target);
                        fix.value = value;
                    }
                }
                Rule::req_message => {
                    self.once_string(&mut fix.message, &p, "message");
                }
                Rule::sources_clause => {
                    let list = self.sources(p);
                    fix.sources.extend(list);
                }
                _ => {}
            }
        }
        fix
    }

    fn outcome(&mut self, pair: Pair<'_, Rule>) -> Outcome {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().peekable();
        let docs = self.docs(&mut inner);
        inner.next(); // kw_outcome
        let name = self.name(inner.next().expect("outcome name"));
        let mut outcome = Outcome {
            docs,
            name,
            when: None,
            unlocks: Vec::new(),
            limits: Vec::new(),
            message: None,
            sources: Vec::new(),
            disagreements: Vec::new(),
            period: None,
            allows: Vec::new(),
            span,
        };
        for p in inner {
            match p.as_rule() {
                Rule::allow => outcome.allows.push(self.allow(p)),
                Rule::period => self.once_period(&mut outcome.period, p),
                Rule::req_when => {
                    self.once_expr(&mut outcome.when, &p, "when");
                }
                Rule::outcome_unlocks => {
                    let list = self.name_list(last_inner(&p));
                    outcome.unlocks.extend(list);
                }
                Rule::outcome_limit => {
                    let span = self.span(&p);
                    let mut parts = p.into_inner().skip(1);
                    let (name, amount, currency, per) = self.limit_parts(&mut parts);
                    let period = parts.next().map(|p| self.period(p));
                    outcome.limits.push(Limit {
                        name,
                        amount,
                        currency,
                        per,
                        period,
                        span,
                    });
                }
                Rule::req_message => {
                    self.once_string(&mut outcome.message, &p, "message");
                }
                Rule::sources_clause => {
                    let list = self.sources(p);
                    outcome.sources.extend(list);
                }
                Rule::disagreement => {
                    let d = self.disagreement(p);
                    outcome.disagreements.push(d);
                }
                _ => {}
            }
        }
        outcome
    }

    /// `NAME AMOUNT CURRENCY per PERIOD` of a limit or an expected limit.
    fn limit_parts<'i>(
        &mut self,
        parts: &mut impl Iterator<Item = Pair<'i, Rule>>,
    ) -> (Name, Spanned<u64>, Name, Name) {
        let name = self.name(parts.next().expect("limit name"));
        let amount_pair = parts.next().expect("amount");
        let amount = Spanned::new(
            self.integer(&amount_pair).unwrap_or(0) as u64,
            self.span(&amount_pair),
        );
        let currency = self.name(parts.next().expect("currency"));
        let per = self.name(parts.nth(1).expect("period"));
        (name, amount, currency, per)
    }

    fn trouble(&mut self, pair: Pair<'_, Rule>) -> Trouble {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().peekable();
        let docs = self.docs(&mut inner);
        inner.next(); // kw_trouble
        let name = self.name(inner.next().expect("trouble name"));
        let mut trouble = Trouble {
            docs,
            name,
            cause: None,
            remedy: None,
            sources: Vec::new(),
            span,
        };
        for p in inner {
            match p.as_rule() {
                Rule::trouble_cause => {
                    self.once_string(&mut trouble.cause, &p, "cause");
                }
                Rule::trouble_remedy => {
                    self.once_string(&mut trouble.remedy, &p, "remedy");
                }
                Rule::sources_clause => {
                    let list = self.sources(p);
                    trouble.sources.extend(list);
                }
                _ => {}
            }
        }
        trouble
    }

    fn disagreement(&mut self, pair: Pair<'_, Rule>) -> Disagreement {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().peekable();
        let docs = self.docs(&mut inner);
        inner.next(); // kw_disagreement
        let name = self.name(inner.next().expect("disagreement name"));
        let mut d = Disagreement {
            docs,
            name,
            topic: None,
            claims: Vec::new(),
            resolution: None,
            span,
        };
        for p in inner {
            match p.as_rule() {
                Rule::disagreement_topic => {
                    self.once_string(&mut d.topic, &p, "topic");
                }
                Rule::disagreement_claim => {
                    let mut parts = p.into_inner().skip(1);
                    let source = self.name(parts.next().expect("claim source"));
                    let text = self.string(parts.next().expect("claim text"));
                    d.claims.push(Claim { source, text });
                }
                Rule::disagreement_resolution => {
                    self.once_string(&mut d.resolution, &p, "resolution");
                }
                _ => {}
            }
        }
        d
    }

    fn allow(&mut self, pair: Pair<'_, Rule>) -> Allow {
        let span = self.span(&pair);
        let mut parts = pair.into_inner().skip(1);
        let lint = self.name(parts.next().expect("lint code"));
        let reason = parts
            .find(|p| p.as_rule() == Rule::string)
            .map(|p| self.string(p))
            .expect("grammar requires a reason");
        if reason.node.trim().is_empty() {
            self.error(
                Diag::at(&reason.span, "a suppression needs a reason", "empty reason").with_help(
                    "say why the lint does not apply here, so the next maintainer can judge",
                ),
            );
        }
        Allow { lint, reason, span }
    }

    fn value_path(&mut self, pair: Pair<'_, Rule>) -> Spanned<ValuePath> {
        let span = self.span(&pair);
        let mut steps = Vec::new();
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::name => steps.push(PathStep::Field(p.as_str().to_string())),
                Rule::index => match p.as_str().parse::<usize>() {
                    Ok(i) => steps.push(PathStep::Index(i)),
                    Err(_) => {
                        let s = self.span(&p);
                        self.error(Diag::at(&s, "this list index is too large", "too large"));
                    }
                },
                _ => {}
            }
        }
        Spanned::new(ValuePath { steps }, span)
    }

    fn example(&mut self, pair: Pair<'_, Rule>) -> Example {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().peekable();
        let docs = self.docs(&mut inner);
        inner.next(); // kw_example
        let name = self.name(inner.next().expect("example name"));
        let mut app = None;
        if inner.peek().is_some_and(|p| p.as_rule() == Rule::kw_for) {
            inner.next();
            app = inner.next().map(|p| self.name(p));
        }
        let mut example = Example {
            docs,
            name,
            app,
            today: None,
            profile: None,
            from: None,
            edits: Vec::new(),
            expectations: Vec::new(),
            span,
        };
        for p in inner {
            let clause_span = self.span(&p);
            match p.as_rule() {
                Rule::example_today => {
                    let v = self.spanned_str(&last_inner(&p));
                    self.set_once(&mut example.today, v, &p, "today");
                }
                Rule::example_profile => {
                    let v = ExampleProfile::Inline(self.string(last_inner(&p)));
                    self.set_once(&mut example.profile, v, &p, "profile");
                }
                Rule::example_file => {
                    let v = ExampleProfile::File(self.string(last_inner(&p)));
                    self.set_once(&mut example.profile, v, &p, "profile");
                }
                Rule::example_from => {
                    let v = self.name(last_inner(&p));
                    self.set_once(&mut example.from, v, &p, "from");
                }
                Rule::example_set => {
                    let mut parts = p.into_inner().skip(1);
                    let path = self.value_path(parts.next().expect("path"));
                    let value_pair = parts.find(|x| x.as_rule() != Rule::equals).expect("value");
                    let value_span = self.span(&value_pair);
                    let value = match value_pair.as_rule() {
                        Rule::string => ExampleValue::Str(self.string(value_pair).node),
                        Rule::date => ExampleValue::Date(value_pair.as_str().to_string()),
                        Rule::integer => ExampleValue::Int(self.integer(&value_pair).unwrap_or(0)),
                        _ => ExampleValue::Bool(value_pair.as_str() == "true"),
                    };
                    example.edits.push(ProfileEdit::Set {
                        path,
                        value: Spanned::new(value, value_span),
                    });
                }
                Rule::example_remove => {
                    let path = self.value_path(last_inner(&p));
                    example.edits.push(ProfileEdit::Remove(path));
                }
                Rule::expect_verified => {
                    let negated = p.clone().into_inner().any(|x| x.as_rule() == Rule::kw_not);
                    example.expectations.push(Expectation::Verified {
                        verified: !negated,
                        span: clause_span,
                    });
                }
                Rule::expect_unlocks => {
                    let list = self.name_list(last_inner(&p));
                    example.expectations.push(Expectation::Unlocks {
                        capabilities: list,
                        span: clause_span,
                    });
                }
                Rule::expect_outcome => {
                    let applies = !p.clone().into_inner().any(|x| x.as_rule() == Rule::kw_not);
                    let name = self.name(last_inner(&p));
                    example.expectations.push(Expectation::Outcome {
                        name,
                        applies,
                        span: clause_span,
                    });
                }
                Rule::expect_limit => {
                    let mut parts = p.into_inner().skip(2);
                    let (name, amount, currency, per) = self.limit_parts(&mut parts);
                    example.expectations.push(Expectation::Limit {
                        name,
                        amount,
                        currency,
                        per,
                        span: clause_span,
                    });
                }
                Rule::expect_no_limit => {
                    let name = self.name(last_inner(&p));
                    example.expectations.push(Expectation::NoLimit {
                        name,
                        span: clause_span,
                    });
                }
                Rule::expect_fix => {
                    let mut parts = p.into_inner().skip(2);
                    let path = self.value_path(parts.next().expect("path"));
                    let value = parts
                        .find(|x| x.as_rule() == Rule::string)
                        .map(|x| self.string(x))
                        .expect("value");
                    example.expectations.push(Expectation::Fix {
                        path,
                        value,
                        span: clause_span,
                    });
                }
                Rule::expect_no_fix => example
                    .expectations
                    .push(Expectation::NoFix { span: clause_span }),
                Rule::expect_no => {
                    let code = self.name(last_inner(&p));
                    example.expectations.push(Expectation::Absent {
                        code,
                        span: clause_span,
                    });
                }
                Rule::expect_fires => {
                    let mut code = None;
                    let mut at = None;
                    let mut severity = None;
                    for x in p.into_inner() {
                        match x.as_rule() {
                            Rule::finding_code => code = Some(self.name(x)),
                            Rule::value_path => at = Some(self.value_path(x)),
                            Rule::name => severity = Some(self.name(x)),
                            _ => {}
                        }
                    }
                    example.expectations.push(Expectation::Fires {
                        code: code.expect("finding code"),
                        at,
                        severity,
                        span: clause_span,
                    });
                }
                _ => {}
            }
        }
        example
    }

    fn path(&mut self, pair: Pair<'_, Rule>) -> Spanned<Path> {
        let span = self.span(&pair);
        let segments = pair
            .into_inner()
            .filter(|p| matches!(p.as_rule(), Rule::ident | Rule::name))
            .map(|p| self.name(p))
            .collect();
        Spanned::new(Path { segments }, span)
    }

    pub fn expr(&mut self, pair: Pair<'_, Rule>) -> Expr {
        let whole = self.span(&pair);
        let pairs = pair.into_inner();
        // pest's Pratt parser recurses once per prefix operator: a long run of `not` or `-`
        // would overflow the stack, so it is refused before the parser sees it.
        if let Some(run) = long_prefix_run(&pairs) {
            let span = Span::new(self.file, self.offset + run.start..self.offset + run.end);
            self.error(
                Diag::at(
                    &span,
                    format!("more than {MAX_PREFIX_RUN} `not` or `-` in a row"),
                    "too many in a row",
                )
                .with_help("two `not` cancel out; write the condition without them"),
            );
            return Spanned::new(ExprKind::Bool(false), whole);
        }
        // The Pratt parser's closures cannot borrow `self` mutably all at once, so errors found
        // inside are collected here and appended afterwards.
        let builder = std::cell::RefCell::new(&mut *self);
        let expr = PRATT
            .map_primary(|p| builder.borrow_mut().primary(p))
            .map_prefix(|op, operand| {
                let b = builder.borrow();
                let op_span = b.span(&op);
                let span = op_span.to(&operand.span);
                let op = match op.as_rule() {
                    Rule::op_not => UnaryOp::Not,
                    _ => UnaryOp::Neg,
                };
                Spanned::new(
                    ExprKind::Unary {
                        op: Spanned::new(op, op_span),
                        operand: Box::new(operand),
                    },
                    span,
                )
            })
            .map_infix(|left, op, right| {
                let b = builder.borrow();
                let op_span = b.span(&op);
                let span = left.span.to(&right.span);
                let op = match op.as_rule() {
                    Rule::op_or => BinaryOp::Or,
                    Rule::op_and => BinaryOp::And,
                    Rule::op_eq => BinaryOp::Eq,
                    Rule::op_ne => BinaryOp::Ne,
                    Rule::op_lt => BinaryOp::Lt,
                    Rule::op_le => BinaryOp::Le,
                    Rule::op_gt => BinaryOp::Gt,
                    Rule::op_ge => BinaryOp::Ge,
                    Rule::op_in => BinaryOp::In,
                    Rule::op_not_in => BinaryOp::NotIn,
                    Rule::op_matches => BinaryOp::Matches,
                    Rule::op_add => BinaryOp::Add,
                    _ => BinaryOp::Sub,
                };
                chain(left, Spanned::new(op, op_span), right, span)
            })
            .parse(pairs);
        // Brackets nest at most MAX_NESTING deep and chains are flat, but calls, quantifiers
        // and prefixes add up: the depth is measured once here, without recursion, so that
        // nothing after the parser can overflow.
        let depth = expr_depth(&expr);
        if depth > MAX_EXPR_DEPTH {
            self.error(
                Diag::at(
                    &whole,
                    format!(
                        "this expression nests {depth} levels deep, more than the {MAX_EXPR_DEPTH} allowed"
                    ),
                    "too deep",
                )
                .with_help("split it into named definitions with `let NAME = ...`"),
            );
            return Spanned::new(ExprKind::Bool(false), whole);
        }
        expr
    }

    fn primary(&mut self, pair: Pair<'_, Rule>) -> Expr {
        let span = self.span(&pair);
        let kind = match pair.as_rule() {
            Rule::string => {
                let s = self.string(pair);
                return Spanned::new(ExprKind::Str(s.node), span);
            }
            Rule::date => ExprKind::Date(pair.as_str().to_string()),
            Rule::integer => ExprKind::Int(self.integer(&pair).unwrap_or(0)),
            Rule::boolean => ExprKind::Bool(pair.as_str() == "true"),
            Rule::kw_today => ExprKind::Today,
            Rule::kw_verified => ExprKind::Verified,
            Rule::path => ExprKind::Path(self.path(pair).node),
            Rule::paren_expr => {
                let inner = pair
                    .into_inner()
                    .find(|p| p.as_rule() == Rule::expr)
                    .expect("parenthesised expression");
                ExprKind::Paren(Box::new(self.expr(inner)))
            }
            Rule::list_expr => ExprKind::List(
                pair.into_inner()
                    .filter(|p| p.as_rule() == Rule::expr)
                    .map(|p| self.expr(p))
                    .collect(),
            ),
            Rule::call => {
                let mut parts = pair.into_inner();
                let function = self.name(parts.next().expect("function name"));
                let args = parts
                    .filter(|p| p.as_rule() == Rule::expr)
                    .map(|p| self.expr(p))
                    .collect();
                ExprKind::Call { function, args }
            }
            Rule::quantified => {
                let mut parts = pair.into_inner();
                let q = parts.next().expect("quantifier");
                let q_span = self.span(&q);
                let quantifier = match q.into_inner().next().map(|p| p.as_rule()) {
                    Some(Rule::kw_every) => Quantifier::Every,
                    Some(Rule::kw_no) => Quantifier::No,
                    _ => Quantifier::Some,
                };
                let var = self.name(parts.next().expect("variable"));
                parts.next(); // kw_in
                let list = self.path(parts.next().expect("list"));
                let body = parts
                    .find(|p| p.as_rule() == Rule::expr)
                    .map(|p| self.expr(p))
                    .expect("quantifier body");
                ExprKind::Quantified {
                    quantifier: Spanned::new(quantifier, q_span),
                    var,
                    list,
                    body: Box::new(body),
                }
            }
            other => unreachable!("not a primary expression: {other:?}"),
        };
        Spanned::new(kind, span)
    }
}

/// How many prefix operators (`not`, `-`) may stand in a row.
pub const MAX_PREFIX_RUN: usize = 4;

/// How deep an expression's tree may nest (brackets, calls, quantifiers, prefixes).
pub const MAX_EXPR_DEPTH: usize = 256;

/// The byte range of the first run of more than [`MAX_PREFIX_RUN`] prefix operators among the
/// pairs of an `expr`.
fn long_prefix_run(pairs: &Pairs<'_, Rule>) -> Option<std::ops::Range<usize>> {
    let mut run = 0;
    let mut start = 0;
    for p in pairs.clone() {
        if matches!(p.as_rule(), Rule::op_not | Rule::op_neg) {
            if run == 0 {
                start = p.as_span().start();
            }
            run += 1;
            if run > MAX_PREFIX_RUN {
                return Some(start..p.as_span().end());
            }
        } else {
            run = 0;
        }
    }
    None
}

/// `left OP right`, appended to `left` when it is a chain of the same level, so that chains
/// stay flat.
fn chain(left: Expr, op: Spanned<BinaryOp>, right: Expr, span: Span) -> Expr {
    let level = op.node.level();
    let kind = match left.node {
        ExprKind::Chain { first, mut rest } if rest[0].0.node.level() == level => {
            rest.push((op, right));
            ExprKind::Chain { first, rest }
        }
        // A second comparison in a row: a chain, which the compiler refuses with a message.
        ExprKind::Binary {
            op: first_op,
            left: first,
            right: second,
        } if level == OpLevel::Comparison => ExprKind::Chain {
            first,
            rest: vec![(first_op, *second), (op, right)],
        },
        node if level == OpLevel::Comparison => ExprKind::Binary {
            op,
            left: Box::new(Spanned::new(node, left.span)),
            right: Box::new(right),
        },
        node => ExprKind::Chain {
            first: Box::new(Spanned::new(node, left.span)),
            rest: vec![(op, right)],
        },
    };
    Spanned::new(kind, span)
}

/// The depth of an expression tree, measured without recursion.
pub fn expr_depth(e: &Expr) -> usize {
    let mut deepest = 0;
    let mut stack: Vec<(&Expr, usize)> = vec![(e, 1)];
    while let Some((e, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        let next = depth + 1;
        match &e.node {
            ExprKind::Paren(a) | ExprKind::Unary { operand: a, .. } => stack.push((a, next)),
            ExprKind::Binary { left, right, .. } => {
                stack.push((left, next));
                stack.push((right, next));
            }
            ExprKind::Chain { first, rest } => {
                stack.push((first, next));
                stack.extend(rest.iter().map(|(_, x)| (x, next)));
            }
            ExprKind::Call { args, .. } | ExprKind::List(args) => {
                stack.extend(args.iter().map(|x| (x, next)));
            }
            ExprKind::Quantified { body, .. } => stack.push((body, next)),
            _ => {}
        }
    }
    deepest
}

/// The last inner pair: the value of a `keyword value` clause.
fn last_inner<'i>(pair: &Pair<'i, Rule>) -> Pair<'i, Rule> {
    pair.clone()
        .into_inner()
        .last()
        .expect("clause has a value")
}
