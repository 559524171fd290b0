//! How each declaration is laid out: the schema, banks, sources, sets, apps and their blocks,
//! definitions, disagreements and examples. Each gathers its clauses as members in source
//! order and hands them to the printer in `mod.rs`, which puts the comments back between them.

use super::{Member, Printer, WIDTH};
use crate::source::Spanned;
use crate::syntax::ast::*;
use crate::syntax::print::{expr, quote};

impl Printer<'_> {
    pub(super) fn item(&mut self, item: &Item) {
        self.block_start = false;
        match item {
            Item::Schema(s) => {
                self.begin(start_of(&s.docs, &s.keyword));
                self.docs(&s.docs);
                self.open("schema");
                let members = s
                    .fields
                    .iter()
                    .map(|f| {
                        (
                            start_of(&f.docs, &f.name.span),
                            field_end(f),
                            Member::Field(f),
                        )
                    })
                    .collect();
                self.members(members);
                let end = s.fields.last().map_or(s.keyword.range.end, field_end);
                self.close(closing_brace_after(self.text, end));
            }
            Item::Bank(b) => {
                self.begin(start_of(&b.docs, &b.span));
                self.docs(&b.docs);
                self.open(&format!("bank {}", b.code.node));
                let mut m = Vec::new();
                push_text(&mut m, "name", &b.name);
                push_text(&mut m, "local_name", &b.local_name);
                if let Some(first) = b.aliases.first() {
                    let end = b.aliases.last().map_or(0, |a| a.span.range.end);
                    m.push((
                        first.span.range.start,
                        end,
                        Member::Strings("aliases", &b.aliases),
                    ));
                }
                for g in &b.prefixes {
                    let end = g
                        .prefixes
                        .last()
                        .map_or(g.length.span.range.end, |p| p.span.range.end);
                    m.push((g.kind.span.range.start, end, Member::Prefixes(g)));
                }
                self.members(m);
                self.close(b.span.range.end);
            }
            Item::Source(s) => {
                self.begin(start_of(&s.docs, &s.span));
                self.docs(&s.docs);
                self.open(&format!("source {}", s.id.node));
                let mut m = Vec::new();
                push_text(&mut m, "title", &s.title);
                push_text(&mut m, "publisher", &s.publisher);
                push_text(&mut m, "url", &s.url);
                push_text(&mut m, "note", &s.note);
                for (keyword, day) in [("published", &s.published), ("reviewed", &s.reviewed)] {
                    if let Some(d) = day {
                        m.push((
                            d.span.range.start,
                            d.span.range.end,
                            Member::Line(format!("{keyword} {}", d.node)),
                        ));
                    }
                }
                push_allows(&mut m, &s.allows);
                self.members(m);
                self.close(s.span.range.end);
            }
            Item::Glossary(c) => {
                self.begin(start_of(&c.docs, &c.keyword));
                self.docs(&c.docs);
                self.open(c.kind.keyword());
                let m = c
                    .terms
                    .iter()
                    .map(|cap| {
                        let start = cap
                            .docs
                            .as_ref()
                            .map_or(cap.name.span.range.start, |d| d.span.range.start);
                        (start, cap.description.span.range.end, Member::Term(cap))
                    })
                    .collect();
                self.members(m);
                let end = c
                    .terms
                    .last()
                    .map_or(c.keyword.range.end, |x| x.description.span.range.end);
                self.close(closing_brace_after(self.text, end));
            }
            Item::Problem(p) => {
                self.begin(start_of(&p.docs, &p.span));
                self.docs(&p.docs);
                self.open(&format!("problem {}", p.code.node));
                let mut m = Vec::new();
                if let Some(s) = &p.severity {
                    m.push((
                        s.span.range.start,
                        s.span.range.end,
                        Member::Line(format!("severity {}", s.node.as_str())),
                    ));
                }
                push_text(&mut m, "message", &p.message);
                push_text(&mut m, "help", &p.help);
                push_sources(&mut m, &p.sources);
                self.members(m);
                self.close(p.span.range.end);
            }
            Item::Set(s) => {
                self.begin(start_of(&s.docs, &s.span));
                self.set(s);
            }
            Item::App(a) => self.app(a),
            Item::Let(l) => {
                self.begin(start_of(&l.docs, &l.span));
                self.let_decl(l);
            }
            Item::Example(e) => {
                self.begin(start_of(&e.docs, &e.span));
                self.example(e);
            }
            Item::Allow(a) => {
                self.begin(a.span.range.start);
                self.line(&allow(a));
            }
        }
    }

    pub(super) fn field(&mut self, f: &FieldDecl) {
        self.docs(&f.docs);
        let mods: Vec<&str> = f
            .modifiers
            .iter()
            .map(|m| match m.node {
                FieldModifier::Required => "required",
                FieldModifier::Optional => "optional",
                FieldModifier::Sensitive => "sensitive",
            })
            .collect();
        let mut head = format!("{}:", f.name.node);
        for m in mods {
            head.push(' ');
            head.push_str(m);
        }
        self.type_expr(&head, &f.ty);
    }

    pub(super) fn type_expr(&mut self, head: &str, ty: &TypeExpr) {
        match ty {
            TypeExpr::Named(n) => self.line(&format!("{head} {}", n.node)),
            TypeExpr::Enum(values, _) => {
                let v: Vec<String> = values.iter().map(|v| v.node.clone()).collect();
                self.list(&format!("{head} enum"), &v);
            }
            TypeExpr::List(inner, _) => self.type_expr(&format!("{head} list of"), inner),
            TypeExpr::Record(fields, span) => {
                self.open(&format!("{head} record"));
                let members = fields
                    .iter()
                    .map(|f| {
                        (
                            start_of(&f.docs, &f.name.span),
                            field_end(f),
                            Member::Field(f),
                        )
                    })
                    .collect();
                self.block_start = true;
                self.members(members);
                self.close(span.range.end);
            }
        }
    }

    pub(super) fn set(&mut self, s: &SetDecl) {
        self.docs(&s.docs);
        let items: Vec<String> = s.values.iter().map(dated_text).collect();
        let sources = if s.sources.is_empty() {
            String::new()
        } else {
            format!(
                " sources [{}]",
                s.sources
                    .iter()
                    .map(|n| n.node.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        let head = format!("set {}: {} =", s.name.node, s.ty.node);
        let one_line = format!("{head} [{}]{sources}", items.join(", "));
        if self.indent().len() + one_line.len() <= WIDTH {
            self.line(&one_line);
        } else {
            // The list is filled; the sources follow the closing bracket.
            let mark = self.out.len();
            self.list(&head, &items);
            if !sources.is_empty() {
                self.out.pop();
                self.out.push_str(&sources);
                self.out.push('\n');
            }
            let _ = mark;
        }
        self.last_end = s.span.range.end;
    }

    pub(super) fn app(&mut self, a: &AppDecl) {
        self.begin(start_of(&a.docs, &a.span));
        self.docs(&a.docs);
        self.open(&format!("app {}", a.id.node));
        let mut m: Vec<(usize, usize, Member<'_>)> = Vec::new();
        push_text(&mut m, "title", &a.title);
        push_text(&mut m, "hotline", &a.hotline);
        for path in &a.paths {
            push_text(&mut m, "path", &Some(path.clone()));
        }
        for (kw, list) in [
            ("documents", &a.documents),
            ("steps", &a.steps),
            ("cards", &a.cards),
        ] {
            if let (Some(first), Some(last)) = (list.first(), list.last()) {
                m.push((
                    first.text.span.range.start,
                    last.end(),
                    Member::Texts(kw, list),
                ));
            }
        }
        if let (Some(first), Some(last)) = (a.sources.first(), a.sources.last()) {
            m.push((
                first.span.range.start,
                last.span.range.end,
                Member::Names("sources".into(), &a.sources),
            ));
        }
        for s in &a.sets {
            let start = s
                .docs
                .as_ref()
                .map_or(s.span.range.start, |d| d.span.range.start);
            m.push((start, s.span.range.end, Member::Set(s)));
        }
        push_allows(&mut m, &a.allows);
        for item in &a.body {
            let (start, end) = body_item_range(item);
            m.push((start, end, Member::Block(item)));
        }
        self.members(m);
        self.close(a.span.range.end);
    }

    pub(super) fn body_item(&mut self, item: &BodyItem) {
        match item {
            BodyItem::Let(l) => self.let_decl(l),
            BodyItem::Requirement(r) => {
                self.docs(&r.docs);
                self.open(&format!("requirement {}", r.name.node));
                let mut m: Vec<(usize, usize, Member<'_>)> = Vec::new();
                push_expr(&mut m, "when", &r.when);
                push_expr(&mut m, "require", &r.require);
                if let Some(p) = &r.at {
                    m.push((
                        p.span.range.start,
                        p.span.range.end,
                        Member::Line(format!("at {}", p.node.dotted())),
                    ));
                }
                if let Some(s) = &r.severity {
                    m.push((
                        s.span.range.start,
                        s.span.range.end,
                        Member::Line(format!("severity {}", s.node.as_str())),
                    ));
                }
                push_text(&mut m, "message", &r.message);
                push_text(&mut m, "help", &r.help);
                if let Some(f) = &r.fix {
                    m.push((
                        f.span.range.start,
                        f.span.range.end,
                        Member::Line(format!("fix {}", f.node)),
                    ));
                }
                push_sources(&mut m, &r.sources);
                push_disagreements(&mut m, &r.disagreements);
                push_period(&mut m, &r.period);
                push_allows(&mut m, &r.allows);
                self.members(m);
                self.close(r.span.range.end);
            }
            BodyItem::When(w) => {
                self.docs(&w.docs);
                self.open(&format!("when {}", expr(&w.condition)));
                self.last_end = w.condition.span.range.end;
                let m = w.body.iter().map(|i| {
                    let (s, e) = body_item_range(i);
                    (s, e, Member::Block(i))
                });
                self.members(m.collect());
                self.close(w.span.range.end);
            }
            BodyItem::For(f) => {
                self.docs(&f.docs);
                let kind = match f.kind.node {
                    ForKind::Some => "some",
                    ForKind::Every => "every",
                };
                self.open(&format!(
                    "for {kind} {} in {}",
                    f.var.node,
                    f.list.node.dotted()
                ));
                self.last_end = f.list.span.range.end;
                let m = f.body.iter().map(|i| {
                    let (s, e) = body_item_range(i);
                    (s, e, Member::Block(i))
                });
                self.members(m.collect());
                self.close(f.span.range.end);
            }
            BodyItem::Fix(f) => {
                self.docs(&f.docs);
                self.open(&format!("fix {}", f.name.node));
                let mut m: Vec<(usize, usize, Member<'_>)> = Vec::new();
                push_expr(&mut m, "when", &f.when);
                if let (Some(t), Some(v)) = (&f.target, &f.value) {
                    m.push((
                        t.span.range.start,
                        v.span.range.end,
                        Member::Line(format!("set {} = {}", t.node.dotted(), expr(v))),
                    ));
                }
                push_text(&mut m, "message", &f.message);
                push_sources(&mut m, &f.sources);
                push_period(&mut m, &f.period);
                push_allows(&mut m, &f.allows);
                self.members(m);
                self.close(f.span.range.end);
            }
            BodyItem::Outcome(o) => {
                self.docs(&o.docs);
                self.open(&format!("outcome {}", o.name.node));
                let mut m: Vec<(usize, usize, Member<'_>)> = Vec::new();
                push_expr(&mut m, "when", &o.when);
                if let (Some(first), Some(last)) = (o.unlocks.first(), o.unlocks.last()) {
                    m.push((
                        first.span.range.start,
                        last.span.range.end,
                        Member::Names("unlocks".into(), &o.unlocks),
                    ));
                }
                for l in &o.limits {
                    let mut line = format!(
                        "limit {} {} {} per {}",
                        l.name.node, l.amount.node, l.currency.node, l.per.node
                    );
                    if let Some(p) = &l.period {
                        line.push(' ');
                        line.push_str(&p.source_text());
                    }
                    m.push((l.span.range.start, l.span.range.end, Member::Line(line)));
                }
                push_text(&mut m, "message", &o.message);
                push_sources(&mut m, &o.sources);
                push_disagreements(&mut m, &o.disagreements);
                push_period(&mut m, &o.period);
                push_allows(&mut m, &o.allows);
                self.members(m);
                self.close(o.span.range.end);
            }
            BodyItem::Trouble(t) => {
                self.docs(&t.docs);
                self.open(&format!("trouble {}", t.name.node));
                let mut m: Vec<(usize, usize, Member<'_>)> = Vec::new();
                push_text(&mut m, "cause", &t.cause);
                push_text(&mut m, "remedy", &t.remedy);
                push_sources(&mut m, &t.sources);
                self.members(m);
                self.close(t.span.range.end);
            }
            BodyItem::Disagreement(d) => self.disagreement(d),
            BodyItem::Example(e) => self.example(e),
        }
    }

    pub(super) fn let_decl(&mut self, l: &LetDecl) {
        self.docs(&l.docs);
        let params = match &l.params {
            Some(ps) => format!(
                "({})",
                ps.iter()
                    .map(|p| p.node.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            None => String::new(),
        };
        self.line(&format!("let {}{params} = {}", l.name.node, expr(&l.body)));
        self.last_end = l.span.range.end;
    }

    pub(super) fn disagreement(&mut self, d: &Disagreement) {
        self.docs(&d.docs);
        self.open(&format!("disagreement {}", d.name.node));
        let mut m: Vec<(usize, usize, Member<'_>)> = Vec::new();
        push_text(&mut m, "topic", &d.topic);
        for c in &d.claims {
            m.push((
                c.source.span.range.start,
                c.text.span.range.end,
                Member::Line(format!("claim {} {}", c.source.node, quote(&c.text.node))),
            ));
        }
        push_text(&mut m, "resolution", &d.resolution);
        self.members(m);
        self.close(d.span.range.end);
    }

    pub(super) fn example(&mut self, e: &Example) {
        self.docs(&e.docs);
        let header = match &e.app {
            Some(app) => format!("example {} for {}", e.name.node, app.node),
            None => format!("example {}", e.name.node),
        };
        self.open(&header);
        let mut m: Vec<(usize, usize, Member<'_>)> = Vec::new();
        if let Some(t) = &e.today {
            m.push((
                t.span.range.start,
                t.span.range.end,
                Member::Line(format!("today {}", t.node)),
            ));
        }
        match &e.profile {
            Some(ExampleProfile::Inline(text)) => m.push((
                text.span.range.start,
                text.span.range.end,
                Member::Profile(text),
            )),
            Some(ExampleProfile::File(path)) => m.push((
                path.span.range.start,
                path.span.range.end,
                Member::Line(format!("profile file {}", quote(&path.node))),
            )),
            None => {}
        }
        if let Some(f) = &e.from {
            m.push((
                f.span.range.start,
                f.span.range.end,
                Member::Line(format!("from {}", f.node)),
            ));
        }
        for edit in &e.edits {
            match edit {
                ProfileEdit::Set { path, value } => {
                    let v = match &value.node {
                        ExampleValue::Str(s) => quote(s),
                        ExampleValue::Date(d) => d.clone(),
                        ExampleValue::Int(i) => i.to_string(),
                        ExampleValue::Bool(b) => b.to_string(),
                    };
                    m.push((
                        path.span.range.start,
                        value.span.range.end,
                        Member::Line(format!("set {} = {v}", path.node.dotted())),
                    ));
                }
                ProfileEdit::Remove(path) => m.push((
                    path.span.range.start,
                    path.span.range.end,
                    Member::Line(format!("remove {}", path.node.dotted())),
                )),
            }
        }
        for x in &e.expectations {
            let text = match x {
                Expectation::Verified { verified, .. } => {
                    if *verified {
                        "expect verified".to_string()
                    } else {
                        "expect not verified".to_string()
                    }
                }
                Expectation::Unlocks { capabilities, .. } => format!(
                    "expect unlocks [{}]",
                    capabilities
                        .iter()
                        .map(|c| c.node.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                Expectation::Fix { path, value, .. } => {
                    format!("expect fix {} = {}", path.node.dotted(), quote(&value.node))
                }
                Expectation::NoFix { .. } => "expect no fix".to_string(),
                Expectation::Outcome { name, applies, .. } => {
                    if *applies {
                        format!("expect outcome {}", name.node)
                    } else {
                        format!("expect not outcome {}", name.node)
                    }
                }
                Expectation::Limit {
                    name,
                    amount,
                    currency,
                    per,
                    ..
                } => format!(
                    "expect limit {} {} {} per {}",
                    name.node, amount.node, currency.node, per.node
                ),
                Expectation::NoLimit { name, .. } => format!("expect no limit {}", name.node),
                Expectation::Absent { code, .. } => format!("expect no {}", code.node),
                Expectation::Fires {
                    code, at, severity, ..
                } => {
                    let mut s = format!("expect {}", code.node);
                    if let Some(at) = at {
                        s.push_str(&format!(" at {}", at.node.dotted()));
                    }
                    if let Some(sev) = severity {
                        s.push_str(&format!(" severity {}", sev.node));
                    }
                    s
                }
            };
            let span = x.span();
            m.push((span.range.start, span.range.end, Member::Line(text)));
        }
        self.members(m);
        self.close(e.span.range.end);
    }
}

/// Where a declaration starts: at its `///` lines if it has any.
fn start_of(docs: &Docs, span: &crate::source::Span) -> usize {
    docs.as_ref().map_or(span.range.start, |d| {
        d.span.range.start.min(span.range.start)
    })
}

/// `keyword "text"`, if the clause is there.
fn push_text<'a>(
    m: &mut Vec<(usize, usize, Member<'a>)>,
    keyword: &str,
    value: &Option<Spanned<String>>,
) {
    if let Some(v) = value {
        m.push((
            v.span.range.start,
            v.span.range.end,
            Member::Line(format!("{keyword} {}", quote(&v.node))),
        ));
    }
}

/// `keyword CONDITION`, if the clause is there.
fn push_expr<'a>(m: &mut Vec<(usize, usize, Member<'a>)>, keyword: &str, value: &Option<Expr>) {
    if let Some(e) = value {
        m.push((
            e.span.range.start,
            e.span.range.end,
            Member::Line(format!("{keyword} {}", expr(e))),
        ));
    }
}

fn push_disagreements<'a>(
    m: &mut Vec<(usize, usize, Member<'a>)>,
    disagreements: &'a [Disagreement],
) {
    for d in disagreements {
        m.push((
            d.span.range.start,
            d.span.range.end,
            Member::Disagreement(d),
        ));
    }
}

/// `from DAY until DAY`, if the clause is there.
fn push_period<'a>(m: &mut Vec<(usize, usize, Member<'a>)>, period: &Option<Period>) {
    if let Some(p) = period {
        m.push((
            p.span.range.start,
            p.span.range.end,
            Member::Line(p.source_text()),
        ));
    }
}

/// A quoted text with its period, as a list item.
pub(super) fn dated_text(entry: &DatedText) -> String {
    match &entry.period {
        Some(p) => format!("{} {}", quote(&entry.text.node), p.source_text()),
        None => quote(&entry.text.node),
    }
}

fn push_allows<'a>(m: &mut Vec<(usize, usize, Member<'a>)>, allows: &'a [Allow]) {
    for a in allows {
        m.push((a.span.range.start, a.span.range.end, Member::Allow(a)));
    }
}

fn push_sources<'a>(m: &mut Vec<(usize, usize, Member<'a>)>, sources: &'a [Name]) {
    if let (Some(first), Some(last)) = (sources.first(), sources.last()) {
        m.push((
            first.span.range.start,
            last.span.range.end,
            Member::Names("sources".into(), sources),
        ));
    }
}

pub(super) fn allow(a: &Allow) -> String {
    format!("allow {} because {}", a.lint.node, quote(&a.reason.node))
}

fn field_end(f: &FieldDecl) -> usize {
    f.ty.span().range.end.max(f.name.span.range.end)
}

/// The offset just after the first `}` at or after `from`.
fn closing_brace_after(text: &str, from: usize) -> usize {
    text[from.min(text.len())..]
        .find('}')
        .map_or(text.len(), |i| from + i + 1)
}

fn body_item_range(item: &BodyItem) -> (usize, usize) {
    let (docs, span) = match item {
        BodyItem::Let(x) => (&x.docs, &x.span),
        BodyItem::Requirement(x) => (&x.docs, &x.span),
        BodyItem::When(x) => (&x.docs, &x.span),
        BodyItem::For(x) => (&x.docs, &x.span),
        BodyItem::Fix(x) => (&x.docs, &x.span),
        BodyItem::Outcome(x) => (&x.docs, &x.span),
        BodyItem::Trouble(x) => (&x.docs, &x.span),
        BodyItem::Disagreement(x) => (&x.docs, &x.span),
        BodyItem::Example(x) => (&x.docs, &x.span),
    };
    let start = docs.as_ref().map_or(span.range.start, |d| {
        d.span.range.start.min(span.range.start)
    });
    (start, span.range.end)
}
