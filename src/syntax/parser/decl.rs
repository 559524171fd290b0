//! The declarations of a rule file: schema, bank, source, the glossaries (capabilities, limit
//! periods), problem, set, let and app.

use pest::iterators::Pair;

use super::clauses::{clauses, Header};
use super::{last_inner, AstBuilder};
use crate::diagnostic::Diag;
use crate::source::Spanned;
use crate::syntax::ast::*;
use crate::syntax::grammar::Rule;

impl AstBuilder<'_> {
    /// One top-level item of a file, or `None` for a pair that is not one (the end of input).
    pub fn item(&mut self, pair: Pair<'_, Rule>) -> Option<Item> {
        Some(match pair.as_rule() {
            Rule::schema_decl => Item::Schema(self.schema(pair)),
            Rule::bank_decl => Item::Bank(self.bank(pair)),
            Rule::source_decl => Item::Source(self.source(pair)),
            Rule::capabilities_decl => {
                Item::Glossary(self.glossary(pair, GlossaryKind::Capabilities))
            }
            Rule::limit_periods_decl => {
                Item::Glossary(self.glossary(pair, GlossaryKind::LimitPeriods))
            }
            Rule::problem_decl => Item::Problem(self.problem(pair)),
            Rule::set_decl => Item::Set(self.set(pair)),
            Rule::app_decl => Item::App(self.app(pair)),
            Rule::let_decl => Item::Let(self.let_decl(pair)),
            Rule::example => Item::Example(self.example(pair)),
            Rule::allow => Item::Allow(self.allow(pair)),
            _ => return None,
        })
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
        let (Header { docs, name, span }, clauses) = self.header(pair);
        let mut bank = BankDecl {
            docs,
            code: name,
            span,
            ..BankDecl::default()
        };
        clauses!(self, clauses => bank {
            bank_name => once name "name" = string(value);
            bank_local_name => once local_name "local_name" = string(value);
            bank_aliases => extend aliases = string_list(value);
            bank_prefixes => push prefixes = prefix_group(clause);
        });
        bank
    }

    /// `prefixes KIND LENGTH ["...", ...]`: the card-number prefixes of one kind and length.
    fn prefix_group(&mut self, pair: Pair<'_, Rule>) -> PrefixGroup {
        let mut parts = pair.into_inner().skip(1);
        let kind = self.name(parts.next().expect("kind"));
        let length_pair = parts.next().expect("length");
        let length = self.integer(&length_pair).unwrap_or(0);
        let length = Spanned::new(
            u32::try_from(length).unwrap_or_else(|_| {
                let span = self.span(&length_pair);
                self.error(
                    Diag::at(&span, "this card-number length is too large", "too large")
                        .with_help("a card number has 12 to 19 digits"),
                );
                0
            }),
            self.span(&length_pair),
        );
        let prefixes = self.string_list(parts.next().expect("prefix list"));
        PrefixGroup {
            kind,
            length,
            prefixes,
        }
    }

    fn source(&mut self, pair: Pair<'_, Rule>) -> SourceDecl {
        let (Header { docs, name, span }, clauses) = self.header(pair);
        let mut source = SourceDecl {
            docs,
            id: name,
            span,
            ..SourceDecl::default()
        };
        clauses!(self, clauses => source {
            source_title => once title "title" = string(value);
            source_publisher => once publisher "publisher" = string(value);
            source_url => once url "url" = string(value);
            source_published => once published "published" = date(value);
            source_reviewed => once reviewed "reviewed" = date(value);
            source_note => once note "note" = string(value);
            allow => push allows = allow(clause);
        });
        source
    }

    /// `capabilities { ... }` or `limit_periods { ... }`: names, each with its words.
    fn glossary(&mut self, pair: Pair<'_, Rule>, kind: GlossaryKind) -> GlossaryDecl {
        let mut inner = pair.into_inner().peekable();
        let docs = self.docs(&mut inner);
        let keyword = self.span(&inner.next().expect("the glossary's keyword"));
        let terms = inner
            .filter(|p| p.as_rule() == Rule::term)
            .map(|p| {
                let mut parts = p.into_inner().peekable();
                let docs = self.docs(&mut parts);
                let name = self.name(parts.next().expect("a term's name"));
                let description = self.string(parts.next().expect("a term's words"));
                Term {
                    docs,
                    name,
                    description,
                }
            })
            .collect();
        GlossaryDecl {
            docs,
            kind,
            keyword,
            terms,
        }
    }

    /// `problem CODE { severity ... message "..." help "..." sources [...] }`.
    fn problem(&mut self, pair: Pair<'_, Rule>) -> ProblemDecl {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().peekable();
        let docs = self.docs(&mut inner);
        inner.next(); // the keyword
        let code = self.spanned_str(&inner.next().expect("the problem's code"));
        let mut problem = ProblemDecl {
            docs,
            code,
            span,
            ..ProblemDecl::default()
        };
        clauses!(self, inner => problem {
            req_severity => |p| self.severity(&mut problem.severity, p);
            req_message => once message "message" = string(value);
            req_help => once help "help" = string(value);
            sources_clause => extend sources = name_list(value);
        });
        problem
    }

    /// `set NAME: TYPE = [...] sources [...]`, at the top level or in an app.
    pub(super) fn set(&mut self, pair: Pair<'_, Rule>) -> SetDecl {
        let (Header { docs, name, span }, clauses) = self.header(pair);
        let mut ty = None;
        let mut values = Vec::new();
        let mut sources = Vec::new();
        for p in clauses {
            match p.as_rule() {
                Rule::named_type => ty = Some(self.name(p.into_inner().next().expect("type"))),
                Rule::set_values => values = self.dated_strings(p),
                Rule::sources_clause => sources = self.name_list(last_inner(&p)),
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

    /// `let NAME = EXPR` or `let NAME(a, b) = EXPR`, at the top level or in an app body.
    pub(super) fn let_decl(&mut self, pair: Pair<'_, Rule>) -> LetDecl {
        let (Header { docs, name, span }, clauses) = self.header(pair);
        let mut params = None;
        let mut body = None;
        for p in clauses {
            match p.as_rule() {
                Rule::let_params => params = Some(self.name_list(p)),
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
        let (Header { docs, name, span }, clauses) = self.header(pair);
        let mut app = AppDecl {
            docs,
            id: name,
            span,
            ..AppDecl::default()
        };
        clauses!(self, clauses => app {
            app_title => once title "title" = string(value);
            app_hotline => once hotline "hotline" = string(value);
            app_path => push paths = string(value);
            app_documents => extend documents = dated_strings(value);
            app_steps => extend steps = dated_strings(value);
            app_cards => extend cards = dated_strings(value);
            sources_clause => extend sources = name_list(value);
            set_decl => push sets = set(clause);
            allow => push allows = allow(clause);
            // Everything else is the app's body; the braces are not body items.
            _ => |p| app.body.extend(self.body_item(p));
        });
        app
    }
}
