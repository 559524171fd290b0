//! Apps: requirements, `when` and `for` blocks, fixes, outcomes, troubleshooting and
//! disagreements, compiled into a program of steps.

use std::collections::HashMap;

use super::expr::{first_field, Env};
use super::ir::*;
use super::{duplicate, unknown, Compiler};
use crate::code::Code;
use crate::diagnostic::Diag;
use crate::source::{Span, Spanned};
use crate::syntax::ast::{self, BodyItem, Severity};

/// Names collected before compiling an app body, so a requirement may name a fix declared
/// further down.
struct Declared {
    fixes: Vec<String>,
    /// The first position of each name in `fixes`: a requirement's `fix` names the first.
    fix_index: HashMap<String, usize>,
}

/// A name already declared in the app, with the days it is in force: one name may be declared
/// again for days the first does not cover (a new version of a rule).
struct Seen {
    what: &'static str,
    period: Period,
    span: Span,
}

/// The names declared so far in an app, each with its declarations in the order they came.
/// Looked up by name, so that checking every declaration of a large app stays linear.
#[derive(Default)]
struct SeenNames(HashMap<String, Vec<Seen>>);

impl Compiler {
    pub(crate) fn compile_app(&mut self, decl: &ast::AppDecl) -> App {
        let id = decl.id.node.clone();
        let title = match &decl.title {
            Some(t) => t.node.clone(),
            None => {
                self.error(
                    Diag::at(
                        &decl.id.span,
                        format!("app `{id}` has no `title`"),
                        "no title",
                    )
                    .with_help("add the name people know the app by: `title \"WeChat Pay\"`"),
                );
                id.clone()
            }
        };
        let documents = self.dated_texts(&decl.documents);
        let steps = self.dated_texts(&decl.steps);
        let cards = self.dated_texts(&decl.cards);
        let mut app = App {
            id: id.clone(),
            title,
            doc: decl.docs.as_ref().map(|d| d.node.clone()),
            hotline: decl.hotline.as_ref().map(|h| h.node.clone()),
            paths: decl.paths.iter().map(|p| p.node.clone()).collect(),
            documents,
            steps,
            cards,
            sources: self.resolve_sources(&decl.sources),
            requirements: Vec::new(),
            fixes: Vec::new(),
            outcomes: Vec::new(),
            troubles: Vec::new(),
            disagreements: Vec::new(),
            sets: Vec::new(),
            program: Vec::new(),
            locals: 0,
            span: decl.id.span.clone(),
        };
        let mut env = Env::default();
        env.lets = self.global_lets.clone();
        for set in &decl.sets {
            if let Some(prev) = env.sets.iter().find(|s| s.name.node == set.name.node) {
                let diag = duplicate(&set.name, "set", &prev.name.span);
                self.error(diag);
                continue;
            }
            self.check_set_values(set);
            env.sets.push(set.clone());
        }
        let mut fixes = Vec::new();
        collect_fix_names(&decl.body, &mut fixes);
        let mut fix_index = HashMap::new();
        for (i, name) in fixes.iter().enumerate() {
            fix_index.entry(name.clone()).or_insert(i);
        }
        let declared = Declared { fixes, fix_index };
        let mut seen_names = SeenNames::default();
        let program = self.body(
            &decl.body,
            &mut app,
            &mut env,
            &declared,
            &mut Vec::new(),
            &mut seen_names,
        );
        app.program = program;
        app.locals = env.max_slots as usize;
        // Sets for documentation: the app's own and the shared ones it uses.
        for set in env.sets.iter().chain(
            self.global_sets
                .iter()
                .filter(|s| env.used_sets.contains(&s.name.node)),
        ) {
            app.sets.push(self.named_set(set));
        }
        app
    }

    fn body(
        &mut self,
        items: &[BodyItem],
        app: &mut App,
        env: &mut Env,
        declared: &Declared,
        context: &mut Vec<String>,
        seen: &mut SeenNames,
    ) -> Vec<Step> {
        let lets_before = env.lets.len();
        // Definitions are visible in the whole block, wherever they stand in it.
        for item in items {
            if let BodyItem::Let(def) = item {
                if let Some(prev) = env.lets.iter().find(|l| l.name.node == def.name.node) {
                    let diag = duplicate(&def.name, "definition", &prev.name.span);
                    self.error(diag);
                    continue;
                }
                env.lets.push(def.clone());
            }
        }
        let mut steps = Vec::new();
        for item in items {
            match item {
                BodyItem::Let(_) => {}
                BodyItem::Requirement(req) => {
                    let period = self.period(req.period.as_ref());
                    self.check_unique(&req.name, "requirement", period, seen);
                    if let Some(r) = self.requirement(req, app, env, declared, context, period) {
                        app.requirements.push(r);
                        steps.push(Step::Requirement(app.requirements.len() - 1));
                    }
                }
                BodyItem::Fix(fix) => {
                    let period = self.period(fix.period.as_ref());
                    self.check_unique(&fix.name, "fix", period, seen);
                    if let Some(f) = self.fix(fix, app, env, period) {
                        app.fixes.push(f);
                        steps.push(Step::Fix(app.fixes.len() - 1));
                    }
                }
                BodyItem::When(block) => {
                    let condition = self.condition(&block.condition, env);
                    context.push(block.condition.span.text().to_string());
                    let body = self.body(&block.body, app, env, declared, context, seen);
                    context.pop();
                    steps.push(Step::When { condition, body });
                }
                BodyItem::For(block) => {
                    let (list_ex, list_ty) = self.path(&block.list.node, &block.list.span, env);
                    let item_ty = match &list_ty {
                        Ty::List(inner) => (**inner).clone(),
                        Ty::Error => Ty::Error,
                        other => {
                            let n = self.schema.type_name(other);
                            self.error(
                                Diag::at(&block.list.span, format!("`{}` is not a list, it is {}", block.list.node.dotted(), super::expr::article(&n)), "not a list").with_code(Code::TypeMismatch)
                                    .with_help("`for` goes over the items of a list field such as `bank_cards`"),
                            );
                            Ty::Error
                        }
                    };
                    let slot = env.bind_local(&block.var.node, item_ty);
                    context.push(format!(
                        "for {} {} in {}",
                        if block.kind.node == ast::ForKind::Some {
                            "some"
                        } else {
                            "every"
                        },
                        block.var.node,
                        block.list.node.dotted()
                    ));
                    let body = self.body(&block.body, app, env, declared, context, seen);
                    context.pop();
                    env.unbind_local();
                    if let Ex::Load(list) = list_ex {
                        steps.push(Step::For {
                            kind: block.kind.node,
                            slot,
                            list,
                            body,
                        });
                    }
                }
                BodyItem::Outcome(outcome) => {
                    if !context.is_empty() {
                        self.error(
                            Diag::at(&outcome.name.span, "an outcome must stand directly in the app, not inside a `when` or `for` block", "inside a block")
                                .with_help("move the outcome out of the block and put the block's condition in the outcome's `when`"),
                        );
                    }
                    let period = self.period(outcome.period.as_ref());
                    self.check_unique(&outcome.name, "outcome", period, seen);
                    let o = self.outcome(outcome, app, env, period);
                    app.outcomes.push(o);
                }
                BodyItem::Trouble(trouble) => {
                    self.check_unique(&trouble.name, "trouble", Period::ALWAYS, seen);
                    let t = self.trouble(trouble, app);
                    app.troubles.push(t);
                }
                BodyItem::Disagreement(d) => {
                    let d = self.disagreement(d);
                    app.disagreements.push(d);
                }
                BodyItem::Example(example) => {
                    if let Some(other) = example.app.as_ref().filter(|a| a.node != app.id) {
                        self.error(
                            Diag::at(&other.span, format!("this example is inside app `{}` but names app `{}`", app.id, other.node), "other app")
                                .with_help("inside an app, leave out `for APP`; or move the example out of the app"),
                        );
                    }
                    self.examples.push(ExampleDef {
                        app: Some(app.id.clone()),
                        example: example.clone(),
                    })
                }
            }
        }
        env.lets.truncate(lets_before);
        steps
    }

    /// A name is declared once per app, or again as a new version of the same kind of item
    /// for days the earlier versions do not cover.
    fn check_unique(
        &mut self,
        name: &ast::Name,
        what: &'static str,
        period: Period,
        seen: &mut SeenNames,
    ) {
        let same_name = seen.0.get(&name.node).map_or(&[][..], Vec::as_slice);
        let clash = same_name
            .iter()
            .find(|s| s.what != what || s.period.overlaps(&period));
        match clash {
            Some(first)
                if first.what == what && !(first.period.is_always() && period.is_always()) =>
            {
                let day = first
                    .period
                    .first_common_day(&period)
                    .map_or(String::new(), |d| format!(" (both are in force on {d})"));
                let diag = Diag::at(
                    &name.span,
                    format!("{what} `{}` is declared again for days the first one already covers{day}", name.node),
                    "overlapping period",
                )
                .with_help("each version of a rule needs its own days: end the first with `until DAY` and start this one with `from` the day after")
                .with_code(Code::InvalidPeriod);
                let diag = if first.span.file.same_file(&name.span.file) {
                    diag.with_label(&first.span, "first version here")
                } else {
                    diag.with_related(Diag::at(
                        &first.span,
                        "the first version is here",
                        "first version",
                    ))
                };
                self.error(diag);
            }
            Some(first) => {
                let diag = duplicate(name, what, &first.span);
                self.error(diag);
            }
            None => seen.0.entry(name.node.clone()).or_default().push(Seen {
                what,
                period,
                span: name.span.clone(),
            }),
        }
    }

    /// Replaces `{hotline}` and `{title}` with the app's values; reports other placeholders.
    fn placeholders(&mut self, text: &Spanned<String>, app: &App) -> String {
        self.template(text, app, None).0
    }

    /// A message or help text: `{hotline}` and `{title}` are filled in now; any other `{...}`
    /// is an expression whose value is filled in when a finding is made, which only a
    /// requirement can do (`env` is its scope). Returns the text the docs show (a value as
    /// `…`) and, when there are values, the template.
    fn template(
        &mut self,
        text: &Spanned<String>,
        app: &App,
        mut env: Option<&mut Env>,
    ) -> (String, Option<Template>) {
        let found = match crate::syntax::placeholders(text) {
            Ok(found) => found,
            Err(_) => {
                self.error(
                    Diag::at(
                        &text.span,
                        "this text has a `{` without a closing `}`",
                        "unclosed placeholder",
                    )
                    .with_help("placeholders are written `{hotline}`, `{title}` or `{a value}`, such as `{document.number}`"),
                );
                return (text.node.clone(), None);
            }
        };
        let mut shown = String::with_capacity(text.node.len());
        let mut parts: Vec<TemplatePart> = Vec::new();
        let mut literal = String::new();
        let mut has_values = false;
        let mut at = 0;
        for p in found {
            literal.push_str(&text.node[at..p.in_text.start]);
            shown.push_str(&text.node[at..p.in_text.start]);
            at = p.in_text.end;
            match p.key.as_str() {
                "hotline" => match &app.hotline {
                    Some(h) => {
                        literal.push_str(h);
                        shown.push_str(h);
                    }
                    None => {
                        self.error(
                            Diag::at(
                                &text.span,
                                format!(
                                    "`{{hotline}}` is used, but app `{}` has no `hotline`",
                                    app.id
                                ),
                                "no hotline to insert",
                            )
                            .with_help("add `hotline \"...\"` to the app"),
                        );
                    }
                },
                "title" => {
                    literal.push_str(&app.title);
                    shown.push_str(&app.title);
                }
                expression => match (env.as_deref_mut(), p.in_file) {
                    (Some(env), Some(range)) => {
                        if let Some(part) = self.template_value(&text.span, range, env) {
                            if !literal.is_empty() {
                                parts.push(TemplatePart::Text(std::mem::take(&mut literal).into()));
                            }
                            parts.push(part);
                            has_values = true;
                        }
                        shown.push('…');
                    }
                    (Some(_), None) => {
                        self.error(
                            Diag::at(&text.span, format!("the value `{{{expression}}}` cannot be read here"), "value in a text")
                                .with_help("write the value without escapes inside the braces, such as `{document.number}`"),
                        );
                    }
                    (None, _) => {
                        let help = match crate::text::did_you_mean(expression, ["hotline", "title"]) {
                            Some(s) => format!("did you mean `{{{s}}}`?"),
                            None => "this text may use `{hotline}` and `{title}`; values from the profile, such as `{document.number}`, can stand only in a requirement's `message` and `help`".to_string(),
                        };
                        self.error(
                            Diag::at(
                                &text.span,
                                format!(
                                    "`{{{expression}}}` is not a placeholder this text can use"
                                ),
                                "unknown placeholder",
                            )
                            .with_help(help),
                        );
                    }
                },
            }
        }
        literal.push_str(&text.node[at..]);
        shown.push_str(&text.node[at..]);
        if !has_values {
            return (shown, None);
        }
        if !literal.is_empty() {
            parts.push(TemplatePart::Text(literal.into()));
        }
        (
            shown,
            Some(Template {
                parts: parts.into(),
            }),
        )
    }

    /// One `{value}` of a requirement's message: an expression of a single value.
    fn template_value(
        &mut self,
        text_span: &Span,
        range: std::ops::Range<usize>,
        env: &mut Env,
    ) -> Option<TemplatePart> {
        let expr = match crate::syntax::parse_expression(&text_span.file, range) {
            Ok(expr) => expr,
            Err(diags) => {
                for d in diags {
                    self.error(d);
                }
                return None;
            }
        };
        let reads_sensitive = std::mem::replace(&mut env.reads_sensitive, false);
        let (ex, ty) = self.expr(&expr, env);
        let sensitive = std::mem::replace(&mut env.reads_sensitive, reads_sensitive);
        match ty {
            Ty::Error => None,
            Ty::Record(_) | Ty::List(_) => {
                let n = self.schema.type_name(&ty);
                self.error(
                    Diag::at(
                        &expr.span,
                        format!(
                            "a message can show a single value, but this is {}",
                            super::expr::article(&n)
                        ),
                        "not a single value",
                    )
                    .with_help("show one field, such as `{document.number}`, or a computed text")
                    .with_code(Code::TypeMismatch),
                );
                None
            }
            _ => Some(TemplatePart::Value { ex, sensitive }),
        }
    }

    fn requirement(
        &mut self,
        req: &ast::Requirement,
        app: &App,
        env: &mut Env,
        declared: &Declared,
        context: &[String],
        period: Period,
    ) -> Option<Requirement> {
        let code = format!("{}/{}", app.id, req.name.node);
        let when = req.when.as_ref().map(|w| self.condition(w, env));
        let Some(require_ast) = &req.require else {
            self.error(
                Diag::at(
                    &req.name.span,
                    format!("requirement `{}` has no `require` condition", req.name.node),
                    "nothing to check",
                )
                .with_help("add `require CONDITION`: what must be true of the profile"),
            );
            return None;
        };
        let require = self.condition(require_ast, env);
        let at = match &req.at {
            Some(path) => match self.path(&path.node, &path.span, env) {
                (Ex::Load(fp), _) => fp,
                _ => FieldPath {
                    base: Base::Root,
                    fields: Box::new([]),
                    ty: Ty::Record(Schema::ROOT),
                },
            },
            None => first_field(&require).cloned().unwrap_or(FieldPath {
                base: Base::Root,
                fields: Box::new([]),
                ty: Ty::Record(Schema::ROOT),
            }),
        };
        let (message, message_template) = match &req.message {
            Some(m) if !m.node.trim().is_empty() => self.template(m, app, Some(env)),
            _ => {
                self.error(
                    Diag::at(&req.name.span, format!("requirement `{}` has no `message`", req.name.node), "no message")
                        .with_help("add `message \"...\"`: what the applicant reads when this requirement is not met"),
                );
                (String::new(), None)
            }
        };
        let (help, help_template) = match &req.help {
            Some(h) => {
                let (text, template) = self.template(h, app, Some(env));
                (Some(text), template)
            }
            None => (None, None),
        };
        let fix = req.fix.as_ref().and_then(|f| {
            let position = declared.fix_index.get(&f.node).copied();
            if position.is_none() {
                let known: Vec<&str> = declared.fixes.iter().map(String::as_str).collect();
                let diag = unknown(&f.node, &f.span, "fix", &known);
                self.error(diag);
            }
            position
        });
        let sources = self.resolve_sources(&req.sources);
        let disagreements = req
            .disagreements
            .iter()
            .map(|d| self.disagreement(d))
            .collect();
        Some(Requirement {
            code,
            name: req.name.node.clone(),
            doc: req.docs.as_ref().map(|d| d.node.clone()),
            when,
            when_text: req.when.as_ref().map(crate::syntax::print::expr),
            require,
            at,
            severity: req.severity.as_ref().map_or(Severity::Error, |s| s.node),
            message,
            message_template,
            help,
            help_template,
            fix,
            sources,
            disagreements,
            context: context.to_vec(),
            period,
            span: req.name.span.clone(),
        })
    }

    fn fix(&mut self, fix: &ast::FixDecl, app: &App, env: &mut Env, period: Period) -> Option<Fix> {
        let when = fix.when.as_ref().map(|w| self.condition(w, env));
        let (Some(target), Some(value)) = (&fix.target, &fix.value) else {
            self.error(
                Diag::at(
                    &fix.name.span,
                    format!("fix `{}` has no `set`", fix.name.node),
                    "nothing to change",
                )
                .with_help("add `set FIELD = VALUE`: the field to change and its new value"),
            );
            return None;
        };
        let (target_ex, target_ty) = self.path(&target.node, &target.span, env);
        let (value_ex, value_ty) = self.expr(value, env);
        let Ex::Load(target_path) = target_ex else {
            return None;
        };
        if target_ty != Ty::Error && value_ty != Ty::Error {
            if target_ty != Ty::Text {
                let n = self.schema.type_name(&target_ty);
                self.error(
                    Diag::at(
                        &target.span,
                        format!(
                            "a fix can change text fields only, and this field is {}",
                            super::expr::article(&n)
                        ),
                        "not a text field",
                    )
                    .with_help(
                        "fixes rewrite the text the applicant typed; point `set` at a text field",
                    ),
                );
            } else if value_ty != target_ty {
                let n = self.schema.type_name(&value_ty);
                self.error(
                    Diag::at(
                        &value.span,
                        format!(
                            "the new value is {}, but the field holds text",
                            super::expr::article(&n)
                        ),
                        "wrong type",
                    )
                    .with_code(Code::TypeMismatch)
                    .with_help("compute a text, e.g. with `pad_left(...)` or `upper(...)`"),
                );
            }
        }
        let message = match &fix.message {
            Some(m) => self.placeholders(m, app),
            None => {
                self.error(
                    Diag::at(&fix.name.span, format!("fix `{}` has no `message`", fix.name.node), "no message")
                        .with_help("say in a few words what the fix changes: `message \"Pad the number with zeros\"`"),
                );
                String::new()
            }
        };
        Some(Fix {
            code: format!("{}/{}", app.id, fix.name.node),
            name: fix.name.node.clone(),
            doc: fix.docs.as_ref().map(|d| d.node.clone()),
            when,
            target: target_path,
            value: value_ex,
            message,
            sources: self.resolve_sources(&fix.sources),
            period,
            span: fix.name.span.clone(),
        })
    }

    fn outcome(
        &mut self,
        outcome: &ast::Outcome,
        app: &App,
        env: &mut Env,
        period: Period,
    ) -> Outcome {
        env.allow_verified = true;
        let when = outcome.when.as_ref().map(|w| self.condition(w, env));
        env.allow_verified = false;
        let mut unlocks = Vec::new();
        for name in &outcome.unlocks {
            match self.capabilities.iter().position(|c| c.name == name.node) {
                Some(i) => unlocks.push(i),
                None => {
                    let known: Vec<&str> =
                        self.capabilities.iter().map(|c| c.name.as_str()).collect();
                    let diag = unknown(&name.node, &name.span, "capability", &known);
                    self.error(diag);
                }
            }
        }
        let mut limits: Vec<Limit> = Vec::new();
        for l in &outcome.limits {
            if !self.limit_periods.iter().any(|p| p.name == l.per.node) {
                let diag = super::problems::unknown_limit_period(&l.per, &self.limit_periods);
                self.error(diag);
            }
            let currency = &l.currency.node;
            if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_uppercase()) {
                self.error(
                    Diag::at(
                        &l.currency.span,
                        format!("`{currency}` is not a currency code"),
                        "not a currency",
                    )
                    .with_help("write a three-letter ISO 4217 code such as CNY or USD"),
                );
            }
            let limit_period = self.period(l.period.as_ref());
            if !limit_period.overlaps(&period) {
                self.error(
                    Diag::at(&l.name.span, format!("limit `{}` is never in force: its days and the outcome's days do not meet", l.name.node), "never in force")
                        .with_help("a limit applies while its outcome is in force; change the limit's `from`/`until` or the outcome's")
                        .with_code(Code::InvalidPeriod),
                );
            }
            if let Some(first) = limits
                .iter()
                .find(|other| other.name == l.name.node && other.period.overlaps(&limit_period))
            {
                let day = first
                    .period
                    .first_common_day(&limit_period)
                    .map_or(String::new(), |d| format!(" (both hold on {d})"));
                self.error(
                    Diag::at(&l.name.span, format!("limit `{}` is given twice for the same days{day}", l.name.node), "overlapping period")
                        .with_help("give each amount its own days: `until DAY` on the old one, `from` the day after on the new one")
                        .with_code(Code::InvalidPeriod),
                );
            }
            limits.push(Limit {
                name: l.name.node.clone(),
                amount: l.amount.node,
                currency: currency.clone(),
                per: l.per.node.clone(),
                period: limit_period,
                span: l.name.span.clone(),
            });
        }
        let message = outcome.message.as_ref().map(|m| self.placeholders(m, app));
        Outcome {
            name: outcome.name.node.clone(),
            doc: outcome.docs.as_ref().map(|d| d.node.clone()),
            when,
            unlocks,
            limits,
            message,
            sources: self.resolve_sources(&outcome.sources),
            disagreements: outcome
                .disagreements
                .iter()
                .map(|d| self.disagreement(d))
                .collect(),
            period,
            span: outcome.name.span.clone(),
        }
    }

    fn trouble(&mut self, trouble: &ast::Trouble, app: &App) -> Trouble {
        let text = |field: &Option<crate::source::Spanned<String>>,
                    what: &str,
                    this: &mut Compiler| match field {
            Some(t) => this.placeholders(t, app),
            None => {
                this.error(
                    Diag::at(&trouble.name.span, format!("troubleshooting entry `{}` has no `{what}`", trouble.name.node), format!("no {what}"))
                        .with_help("a troubleshooting entry says the `cause` of a restriction and the `remedy`"),
                );
                String::new()
            }
        };
        let cause = text(&trouble.cause, "cause", self);
        let remedy = text(&trouble.remedy, "remedy", self);
        Trouble {
            name: trouble.name.node.clone(),
            cause,
            remedy,
            sources: self.resolve_sources(&trouble.sources),
            span: trouble.name.span.clone(),
        }
    }

    fn disagreement(&mut self, d: &ast::Disagreement) -> Disagreement {
        let mut claims = Vec::new();
        for claim in &d.claims {
            let resolved = self.resolve_sources(std::slice::from_ref(&claim.source));
            if let Some(&source) = resolved.first() {
                claims.push(Claim {
                    source,
                    text: claim.text.node.clone(),
                });
            }
        }
        if d.claims.len() < 2 {
            self.error(
                Diag::at(&d.name.span, format!("disagreement `{}` needs at least two claims", d.name.node), "fewer than two claims")
                    .with_help("write one `claim SOURCE \"...\"` line for each source that says something different"),
            );
        }
        Disagreement {
            name: d.name.node.clone(),
            topic: d.topic.as_ref().map(|t| t.node.clone()).unwrap_or_default(),
            claims,
            resolution: d.resolution.as_ref().map(|r| r.node.clone()),
            span: d.name.span.clone(),
        }
    }
}

fn collect_fix_names(items: &[BodyItem], out: &mut Vec<String>) {
    for item in items {
        match item {
            BodyItem::Fix(f) => out.push(f.name.node.clone()),
            BodyItem::When(w) => collect_fix_names(&w.body, out),
            BodyItem::For(f) => collect_fix_names(&f.body, out),
            _ => {}
        }
    }
}
