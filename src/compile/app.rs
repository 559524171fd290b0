//! Apps: requirements, `when` and `for` blocks, fixes, outcomes, troubleshooting and
//! disagreements, compiled into a program of steps.

use super::expr::{first_field, Env};
use super::ir::*;
use super::{duplicate, unknown, Compiler};
use crate::diagnostic::Diag;
use crate::source::Span;
use crate::syntax::ast::{self, BodyItem, Severity};

/// Names collected before compiling an app body, so a requirement may name a fix declared
/// further down.
struct Declared {
    fixes: Vec<String>,
}

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
        let mut app = App {
            id: id.clone(),
            title,
            doc: decl.docs.as_ref().map(|d| d.node.clone()),
            hotline: decl.hotline.as_ref().map(|h| h.node.clone()),
            path: decl.path.as_ref().map(|p| p.node.clone()),
            documents: decl.documents.iter().map(|d| d.node.clone()).collect(),
            steps: decl.steps.iter().map(|d| d.node.clone()).collect(),
            cards: decl.cards.iter().map(|d| d.node.clone()).collect(),
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
        for set in &decl.sets {
            if let Some(prev) = env.sets.iter().find(|s| s.name.node == set.name.node) {
                let diag = duplicate(&set.name, "set", &prev.name.span);
                self.error(diag);
                continue;
            }
            self.check_set_values(set);
            env.sets.push(set.clone());
        }
        let mut declared = Declared { fixes: Vec::new() };
        collect_fix_names(&decl.body, &mut declared.fixes);
        let mut seen_names: Vec<(String, Span)> = Vec::new();
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
            let sources = set
                .sources
                .iter()
                .filter_map(|n| self.sources.iter().position(|s| s.id == n.node))
                .collect();
            app.sets.push(NamedSet {
                name: set.name.node.clone(),
                ty: set.ty.node.clone(),
                values: set.values.iter().map(|v| v.node.clone()).collect(),
                doc: set.docs.as_ref().map(|d| d.node.clone()),
                sources,
                span: set.name.span.clone(),
            });
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
        seen: &mut Vec<(String, Span)>,
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
                    self.check_unique(&req.name, "requirement", seen);
                    if let Some(r) = self.requirement(req, app, env, declared, context) {
                        app.requirements.push(r);
                        steps.push(Step::Requirement(app.requirements.len() - 1));
                    }
                }
                BodyItem::Fix(fix) => {
                    self.check_unique(&fix.name, "fix", seen);
                    if let Some(f) = self.fix(fix, app, env) {
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
                                Diag::at(&block.list.span, format!("`{}` is not a list, it is {}", block.list.node.dotted(), super::expr::article(&n)), "not a list").with_code("type-mismatch")
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
                    self.check_unique(&outcome.name, "outcome", seen);
                    let o = self.outcome(outcome, app, env);
                    app.outcomes.push(o);
                }
                BodyItem::Trouble(trouble) => {
                    self.check_unique(&trouble.name, "trouble", seen);
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

    fn check_unique(&mut self, name: &ast::Name, what: &str, seen: &mut Vec<(String, Span)>) {
        if let Some((_, first)) = seen.iter().find(|(n, _)| *n == name.node) {
            let diag = duplicate(name, what, first);
            self.error(diag);
        } else {
            seen.push((name.node.clone(), name.span.clone()));
        }
    }

    /// Replaces `{hotline}` and `{title}` with the app's values; reports other placeholders.
    fn placeholders(&mut self, text: &crate::source::Spanned<String>, app: &App) -> String {
        let mut out = String::with_capacity(text.node.len());
        let mut rest = text.node.as_str();
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                self.error(
                    Diag::at(
                        &text.span,
                        "this text has a `{` without a closing `}`",
                        "unclosed placeholder",
                    )
                    .with_help("placeholders are written `{hotline}` or `{title}`"),
                );
                out.push_str(&rest[open..]);
                rest = "";
                break;
            };
            let key = &after[..close];
            match key {
                "hotline" => match &app.hotline {
                    Some(h) => out.push_str(h),
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
                "title" => out.push_str(&app.title),
                other => {
                    let help = match crate::syntax::did_you_mean(other, ["hotline", "title"]) {
                        Some(s) => format!("did you mean `{{{s}}}`?"),
                        None => "a message may use `{hotline}` and `{title}`".to_string(),
                    };
                    self.error(
                        Diag::at(
                            &text.span,
                            format!("`{{{other}}}` is not a placeholder a message can use"),
                            "unknown placeholder",
                        )
                        .with_help(help),
                    );
                }
            }
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        out
    }

    fn requirement(
        &mut self,
        req: &ast::Requirement,
        app: &App,
        env: &mut Env,
        declared: &Declared,
        context: &[String],
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
        let message = match &req.message {
            Some(m) if !m.node.trim().is_empty() => self.placeholders(m, app),
            _ => {
                self.error(
                    Diag::at(&req.name.span, format!("requirement `{}` has no `message`", req.name.node), "no message")
                        .with_help("add `message \"...\"`: what the applicant reads when this requirement is not met"),
                );
                String::new()
            }
        };
        let help = req.help.as_ref().map(|h| self.placeholders(h, app));
        let fix = req.fix.as_ref().and_then(|f| {
            let position = declared.fixes.iter().position(|n| *n == f.node);
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
            when_text: req.when.as_ref().map(crate::fmt::expr),
            require,
            at,
            severity: req.severity.as_ref().map_or(Severity::Error, |s| s.node),
            message,
            help,
            fix,
            sources,
            disagreements,
            context: context.to_vec(),
            span: req.name.span.clone(),
        })
    }

    fn fix(&mut self, fix: &ast::FixDecl, app: &App, env: &mut Env) -> Option<Fix> {
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
                    .with_code("type-mismatch")
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
            span: fix.name.span.clone(),
        })
    }

    fn outcome(&mut self, outcome: &ast::Outcome, app: &App, env: &mut Env) -> Outcome {
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
        let limits = outcome
            .limits
            .iter()
            .map(|l| {
                const PERIODS: [&str; 5] = ["transaction", "day", "month", "year", "account"];
                if !PERIODS.contains(&l.per.node.as_str()) {
                    let diag = unknown(&l.per.node, &l.per.span, "period", &PERIODS);
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
                Limit {
                    name: l.name.node.clone(),
                    amount: l.amount.node,
                    currency: currency.clone(),
                    per: l.per.node.clone(),
                }
            })
            .collect();
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
