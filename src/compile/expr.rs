//! Expressions: name resolution, type checking and lowering to `ir::Ex`.

use std::sync::Arc;

use jiff::civil::Date;

use super::banks::bank_key;
use super::ir::*;
use super::signatures::{self, check_call};
use super::{unknown, Compiler};
use crate::code::Code;
use crate::diagnostic::Diag;
use crate::source::Span;
use crate::syntax::ast::{self, BinaryOp, ExprKind, UnaryOp};
use crate::text::did_you_mean;

/// How deep `let` definitions may call each other before we call it a cycle.
const MAX_LET_DEPTH: u32 = 32;

/// How many compiled nodes a rule set may have once every definition is written out where it
/// is used. The shipped rules have about 4,000; definitions that each use the one before
/// twice double at every level and would otherwise exhaust memory.
pub const MAX_COMPILED_NODES: usize = 1_000_000;

/// The number of nodes of a compiled expression, counted without recursion.
pub(super) fn ex_size(ex: &Ex) -> usize {
    let mut count = 0;
    let mut stack = vec![ex];
    while let Some(ex) = stack.pop() {
        count += 1;
        match ex {
            Ex::Not(a) | Ex::Neg(a) | Ex::Matches(a, _) => stack.push(a),
            Ex::Cmp(_, a, b) => {
                stack.push(a);
                stack.push(b);
            }
            Ex::And(terms) | Ex::Or(terms) | Ex::Concat(terms) => stack.extend(terms.iter()),
            Ex::Sum(head, terms) => {
                stack.push(head);
                stack.extend(terms.iter().map(|(_, t)| t));
            }
            Ex::In { value, .. } => stack.push(value),
            Ex::InList { value, items, .. } => {
                stack.push(value);
                stack.extend(items.iter());
            }
            Ex::InField { value, list, .. } => {
                stack.push(value);
                stack.push(list);
            }
            Ex::Call(_, args) => stack.extend(args.iter()),
            Ex::Quantified { list, body, .. } => {
                stack.push(list);
                stack.push(body);
            }
            Ex::Const(_) | Ex::Load(_) | Ex::Today | Ex::Verified => {}
        }
    }
    count
}

#[derive(Debug, Clone)]
pub(crate) enum Binding {
    /// A `for` block or quantifier variable: the item in a local slot.
    Local { slot: u16, ty: Ty },
    /// A parameter of a `let` being inlined: the argument's compiled expression.
    Param { ex: Ex, ty: Ty },
}

/// What an expression may see: bindings, definitions and sets in scope.
#[derive(Debug, Default)]
pub(crate) struct Env {
    pub bindings: Vec<(String, Binding)>,
    pub lets: Vec<ast::LetDecl>,
    pub sets: Vec<ast::SetDecl>,
    pub next_slot: u16,
    pub max_slots: u16,
    pub allow_verified: bool,
    /// Set when a path resolved since it was last cleared reads a `sensitive` field (for the
    /// values a message shows, which `--redact` must mask).
    pub reads_sensitive: bool,
    let_depth: u32,
    /// Definitions and sets used, by name, for "unused" checks and docs.
    pub used_lets: Vec<String>,
    pub used_sets: Vec<String>,
}

impl Env {
    pub fn bind_local(&mut self, name: &str, ty: Ty) -> u16 {
        let slot = self.next_slot;
        self.next_slot += 1;
        self.max_slots = self.max_slots.max(self.next_slot);
        self.bindings
            .push((name.to_string(), Binding::Local { slot, ty }));
        slot
    }

    pub fn unbind_local(&mut self) {
        self.bindings.pop();
        self.next_slot -= 1;
    }

    pub(super) fn binding(&self, name: &str) -> Option<&Binding> {
        self.bindings
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, b)| b)
    }

    pub(super) fn find_let(&self, name: &str) -> Option<ast::LetDecl> {
        self.lets
            .iter()
            .rev()
            .find(|l| l.name.node == name)
            .cloned()
    }

    pub(super) fn find_set<'a>(
        &'a self,
        name: &str,
        global: &'a [ast::SetDecl],
    ) -> Option<&'a ast::SetDecl> {
        self.sets
            .iter()
            .rev()
            .find(|s| s.name.node == name)
            .or_else(|| global.iter().find(|s| s.name.node == name))
    }
}

pub(super) const ERROR: (Ex, Ty) = (Ex::Const(Const::Bool(false)), Ty::Error);

pub fn parse_country(text: &str) -> Option<Country> {
    let code = match text.trim().len() {
        2 => isocountry::CountryCode::for_alpha2_caseless(text.trim()).ok()?,
        3 => isocountry::CountryCode::for_alpha3_caseless(text.trim()).ok()?,
        _ => return None,
    };
    let alpha2 = code.alpha2().as_bytes();
    Some([alpha2[0], alpha2[1]])
}

impl Compiler {
    /// Compiles a condition: an expression that must be true or false.
    pub(crate) fn condition(&mut self, e: &ast::Expr, env: &mut Env) -> Ex {
        let (ex, ty) = self.expr(e, env);
        if ty != Ty::Bool && ty != Ty::Error {
            let found = self.schema.type_name(&ty);
            self.error(
                Diag::at(
                    &e.span,
                    format!(
                        "a condition must be true or false, but this is {}",
                        article(&found)
                    ),
                    "not a condition",
                )
                .with_code(Code::TypeMismatch)
                .with_help(
                    "compare it with something, e.g. `len(name) >= 2` or `card.kind == \"debit\"`",
                ),
            );
        }
        ex
    }

    pub(crate) fn expr(&mut self, e: &ast::Expr, env: &mut Env) -> (Ex, Ty) {
        if !self.spend(1, &e.span) {
            return ERROR;
        }
        match &e.node {
            ExprKind::Bool(b) => (Ex::Const(Const::Bool(*b)), Ty::Bool),
            ExprKind::Int(i) => (Ex::Const(Const::Int(*i)), Ty::Int),
            ExprKind::Str(s) => (Ex::Const(Const::Text(Arc::from(s.as_str()))), Ty::Text),
            ExprKind::Date(d) => match d.parse::<Date>() {
                Ok(date) => (Ex::Const(Const::Date(date)), Ty::Date),
                Err(_) => {
                    self.error(
                        Diag::at(
                            &e.span,
                            format!("`{d}` is not a calendar date"),
                            "not a date",
                        )
                        .with_help("write dates as YYYY-MM-DD with a real month and day"),
                    );
                    ERROR
                }
            },
            ExprKind::Today => (Ex::Today, Ty::Date),
            ExprKind::Verified => {
                if !env.allow_verified {
                    self.error(
                        Diag::at(&e.span, "`verified` can only be used in an outcome's `when`", "not known here")
                            .with_help("whether the account is verified is decided by the requirements; outcomes then use it"),
                    );
                    return ERROR;
                }
                (Ex::Verified, Ty::Bool)
            }
            ExprKind::Paren(inner) => self.expr(inner, env),
            ExprKind::Path(path) => self.path(path, &e.span, env),
            ExprKind::List(_) => {
                self.error(
                    Diag::at(
                        &e.span,
                        "a list can only stand on the right of `in`",
                        "list here",
                    )
                    .with_help("write `value in [\"a\", \"b\"]`, or declare a named `set`"),
                );
                ERROR
            }
            ExprKind::Unary { op, operand } => {
                let (ex, ty) = self.expr(operand, env);
                match op.node {
                    UnaryOp::Not => {
                        self.expect(
                            &ty,
                            &Ty::Bool,
                            &operand.span,
                            "`not` applies to a condition",
                        );
                        (Ex::Not(Box::new(ex)), Ty::Bool)
                    }
                    UnaryOp::Neg => {
                        self.expect(&ty, &Ty::Int, &operand.span, "`-` applies to a number");
                        (Ex::Neg(Box::new(ex)), Ty::Int)
                    }
                }
            }
            ExprKind::Binary { op, left, right } => self.binary(op, left, right, env),
            ExprKind::Chain { first, rest } => self.chain(first, rest, env),
            ExprKind::Call { function, args } => self.call(function, args, &e.span, env),
            ExprKind::Quantified {
                quantifier,
                var,
                list,
                body,
            } => {
                let (list_ex, list_ty) = self.path(&list.node, &list.span, env);
                let item_ty = match list_ty {
                    Ty::List(inner) => *inner,
                    Ty::Error => Ty::Error,
                    other => {
                        let found = self.schema.type_name(&other);
                        self.error(
                            Diag::at(
                                &list.span,
                                format!(
                                    "`{}` is {}, not a list",
                                    list.node.dotted(),
                                    article(&found)
                                ),
                                "not a list",
                            )
                            .with_code(Code::TypeMismatch)
                            .with_help(format!(
                                "`{}` goes over the items of a list field such as `bank_cards`",
                                quantifier.node.keyword()
                            )),
                        );
                        Ty::Error
                    }
                };
                let slot = env.bind_local(&var.node, item_ty);
                let body_ex = self.condition(body, env);
                env.unbind_local();
                (
                    Ex::Quantified {
                        quantifier: quantifier.node,
                        slot,
                        list: Box::new(list_ex),
                        body: Box::new(body_ex),
                    },
                    Ty::Bool,
                )
            }
        }
    }

    /// Counts `nodes` more compiled nodes against [`MAX_COMPILED_NODES`]; false once the rule
    /// set is over it (reported once, where it happened).
    pub(super) fn spend(&mut self, nodes: usize, span: &Span) -> bool {
        self.compiled_nodes = self.compiled_nodes.saturating_add(nodes);
        if self.compiled_nodes <= MAX_COMPILED_NODES {
            return true;
        }
        if !self.over_budget {
            self.over_budget = true;
            self.error(
                Diag::at(
                    span,
                    format!("the definitions used here expand to more than {MAX_COMPILED_NODES} parts once written out"),
                    "expands too far",
                )
                .with_help("a definition is copied wherever it is used; one that uses another twice, many levels deep, doubles at each level. Write the condition without the nesting"),
            );
        }
        false
    }

    fn expect(&mut self, found: &Ty, want: &Ty, span: &Span, what: &str) {
        if found != want && *found != Ty::Error {
            let found_name = self.schema.type_name(found);
            self.error(
                Diag::at(
                    span,
                    format!("{what}, but this is {}", article(&found_name)),
                    format!("expected {}", self.schema.type_name(want)),
                )
                .with_code(Code::TypeMismatch)
                .with_help("check the field or function used here"),
            );
        }
    }

    pub(super) fn inline_let(
        &mut self,
        def: &ast::LetDecl,
        args: &[(Ex, Ty)],
        span: &Span,
        env: &mut Env,
    ) -> (Ex, Ty) {
        if env.let_depth >= MAX_LET_DEPTH {
            self.error(
                Diag::at(
                    span,
                    format!(
                        "`{}` refers to itself, directly or through other definitions",
                        def.name.node
                    ),
                    "endless definition",
                )
                .with_help("a definition cannot use itself; write the condition out instead"),
            );
            return ERROR;
        }
        if !env.used_lets.contains(&def.name.node) {
            env.used_lets.push(def.name.node.clone());
        }
        let params = def.params.clone().unwrap_or_default();
        let mark = env.bindings.len();
        for (param, (ex, ty)) in params.iter().zip(args) {
            env.bindings.push((
                param.node.clone(),
                Binding::Param {
                    ex: ex.clone(),
                    ty: ty.clone(),
                },
            ));
        }
        env.let_depth += 1;
        let result = self.expr(&def.body, env);
        env.let_depth -= 1;
        env.bindings.truncate(mark);
        result
    }

    fn call(
        &mut self,
        function: &ast::Name,
        args: &[ast::Expr],
        span: &Span,
        env: &mut Env,
    ) -> (Ex, Ty) {
        if let Some(def) = env.find_let(&function.node) {
            let Some(params) = &def.params else {
                self.error(
                    Diag::at(
                        &function.span,
                        format!("`{}` is a definition without arguments", function.node),
                        "not a function",
                    )
                    .with_help(format!("write `{}` without parentheses", function.node)),
                );
                return ERROR;
            };
            if params.len() != args.len() {
                self.error(Diag::at(
                    span,
                    format!(
                        "`{}` takes {} argument(s), but {} were given",
                        function.node,
                        params.len(),
                        args.len()
                    ),
                    "wrong number of arguments",
                ));
                return ERROR;
            }
            let compiled: Vec<(Ex, Ty)> = args.iter().map(|a| self.expr(a, env)).collect();
            return self.inline_let(&def, &compiled, span, env);
        }
        let Some(info) = signatures::lookup(&function.node) else {
            let mut known: Vec<&str> = signatures::BUILTINS.iter().map(|b| b.name).collect();
            let lets: Vec<String> = env
                .lets
                .iter()
                .filter(|l| l.params.is_some())
                .map(|l| l.name.node.clone())
                .collect();
            known.extend(lets.iter().map(String::as_str));
            let diag = unknown(&function.node, &function.span, "function", &known);
            self.error(diag);
            for a in args {
                self.expr(a, env);
            }
            return ERROR;
        };
        let compiled: Vec<(Ex, Ty)> = args.iter().map(|a| self.expr(a, env)).collect();
        let types: Vec<Ty> = compiled.iter().map(|(_, t)| t.clone()).collect();
        if info.builtin == signatures::Builtin::PadLeft {
            if let (Some(width), Some((Ex::Const(Const::Int(n)), _))) =
                (args.get(1), compiled.get(1))
            {
                if *n > signatures::MAX_TEXT_BYTES as i64 {
                    self.error(
                        Diag::at(&width.span, format!("`pad_left` pads to at most {} characters", signatures::MAX_TEXT_BYTES), "too wide")
                            .with_help("a profile value is a few dozen characters; pad to the width the app asks for"),
                    );
                    return ERROR;
                }
            }
        }
        match check_call(info, &types) {
            Ok(ty) => (
                Ex::Call(info.builtin, compiled.into_iter().map(|(e, _)| e).collect()),
                ty,
            ),
            Err((index, message)) => {
                let at = index.and_then(|i| args.get(i)).map_or(span, |a| &a.span);
                self.error(
                    Diag::at(at, message, "wrong argument")
                        .with_code(Code::TypeMismatch)
                        .with_help(format!("`{}`: {}", info.signature, info.summary)),
                );
                ERROR
            }
        }
    }

    /// Converts a text literal to the type it is compared with (an enumeration value, a bank,
    /// a country), reporting values that do not exist.
    /// `other` is the source text of what the literal is compared with, for the message.
    pub(super) fn coerce(
        &mut self,
        ex: Ex,
        ty: Ty,
        span: &Span,
        target: &Ty,
        other: &str,
    ) -> (Ex, Ty) {
        let Ex::Const(Const::Text(text)) = &ex else {
            return (ex, ty);
        };
        match target {
            Ty::Enum(id) => {
                let values = &self.schema.enums[*id as usize].values;
                match values.iter().position(|v| v.as_str() == &**text) {
                    Some(i) => (Ex::Const(Const::Enum(*id, i as u16)), target.clone()),
                    None => {
                        let refs: Vec<&str> = values.iter().map(String::as_str).collect();
                        let help = match did_you_mean(text, refs.iter().copied()) {
                            Some(s) => format!("did you mean \"{s}\"?"),
                            None => format!("the values are: {}", refs.join(", ")),
                        };
                        self.error(
                            Diag::at(
                                span,
                                format!("`{other}` can never be \"{text}\": it is not one of its values"),
                                "unknown value",
                            )
                            .with_help(help)
                            .with_code(Code::TypeMismatch),
                        );
                        ERROR
                    }
                }
            }
            Ty::Bank => match self.bank_lookup.get(&bank_key(text)) {
                Some(&id) => (Ex::Const(Const::Bank(id)), Ty::Bank),
                None => {
                    let diag = self.unknown_bank(text, span);
                    self.error(diag);
                    ERROR
                }
            },
            Ty::Country => match parse_country(text) {
                Some(c) => (Ex::Const(Const::Country(c)), Ty::Country),
                None => {
                    self.error(
                        Diag::at(
                            span,
                            format!("\"{text}\" is not a country code"),
                            "unknown country",
                        )
                        .with_help("use an ISO 3166 code such as \"CN\" or \"CHN\""),
                    );
                    ERROR
                }
            },
            _ => (ex, ty),
        }
    }

    fn binary(
        &mut self,
        op: &crate::source::Spanned<BinaryOp>,
        left: &ast::Expr,
        right: &ast::Expr,
        env: &mut Env,
    ) -> (Ex, Ty) {
        match op.node {
            BinaryOp::And | BinaryOp::Or | BinaryOp::Add | BinaryOp::Sub => {
                // The parser writes these as chains; a lone one is a chain of two.
                let rest = [(op.clone(), (*right).clone())];
                self.chain(left, &rest, env)
            }
            BinaryOp::Matches => {
                let (l, lt) = self.expr(left, env);
                self.expect(&lt, &Ty::Text, &left.span, "`matches` tests a text");
                let ExprKind::Str(pattern) = &strip_parens(right).node else {
                    self.error(
                        Diag::at(
                            &right.span,
                            "the pattern after `matches` must be a quoted text",
                            "not a pattern",
                        )
                        .with_help(
                            "write the regular expression in quotes: `name matches \"^[A-Z ]+$\"`",
                        ),
                    );
                    return ERROR;
                };
                match self.regex(pattern, &right.span) {
                    Some(i) => (Ex::Matches(Box::new(l), i), Ty::Bool),
                    None => ERROR,
                }
            }
            BinaryOp::In | BinaryOp::NotIn => {
                self.membership(op.node == BinaryOp::NotIn, left, right, env)
            }
            BinaryOp::Eq
            | BinaryOp::Ne
            | BinaryOp::Lt
            | BinaryOp::Le
            | BinaryOp::Gt
            | BinaryOp::Ge => {
                let (l, lt) = self.expr(left, env);
                let (r, rt) = self.expr(right, env);
                let (l, lt) = self.coerce(l, lt, &left.span, &rt, right.span.text());
                let (r, rt) = self.coerce(r, rt, &right.span, &lt, left.span.text());
                let cmp = match op.node {
                    BinaryOp::Eq => CmpOp::Eq,
                    BinaryOp::Ne => CmpOp::Ne,
                    BinaryOp::Lt => CmpOp::Lt,
                    BinaryOp::Le => CmpOp::Le,
                    BinaryOp::Gt => CmpOp::Gt,
                    _ => CmpOp::Ge,
                };
                if lt != Ty::Error && rt != Ty::Error {
                    if lt != rt {
                        let (ln, rn) = (self.schema.type_name(&lt), self.schema.type_name(&rt));
                        self.error(
                            Diag::at(
                                &left.span,
                                format!("cannot compare {} with {}", article(&ln), article(&rn)),
                                ln,
                            )
                            .with_code(Code::TypeMismatch)
                            .with_label(&right.span, rn)
                            .with_help("both sides of a comparison must have the same type"),
                        );
                        return ERROR;
                    }
                    let ordered = matches!(cmp, CmpOp::Lt | CmpOp::Le | CmpOp::Gt | CmpOp::Ge);
                    if ordered && !matches!(lt, Ty::Int | Ty::Date | Ty::Text) {
                        let n = self.schema.type_name(&lt);
                        self.error(
                            Diag::at(&op.span, format!("`{}` cannot order values of type {n}", op.node.symbol()), "no order").with_code(Code::TypeMismatch)
                                .with_help("`<`, `<=`, `>` and `>=` compare numbers, dates and texts; use `==` or `!=` here"),
                        );
                        return ERROR;
                    }
                    if matches!(lt, Ty::Record(_) | Ty::List(_)) {
                        self.error(
                            Diag::at(
                                &op.span,
                                "records and lists cannot be compared",
                                "not comparable",
                            )
                            .with_code(Code::TypeMismatch)
                            .with_help("compare their fields, or use `len(...)` for a list"),
                        );
                        return ERROR;
                    }
                }
                (Ex::Cmp(cmp, Box::new(l), Box::new(r)), Ty::Bool)
            }
        }
    }

    /// Operators of one level in a row: `a or b or c`, `a and b`, `a + b - c`; compiled n-ary.
    /// Comparisons do not chain: `a == b == c` is refused.
    fn chain(
        &mut self,
        first: &ast::Expr,
        rest: &[(crate::source::Spanned<BinaryOp>, ast::Expr)],
        env: &mut Env,
    ) -> (Ex, Ty) {
        let Some((op, _)) = rest.first() else {
            return self.expr(first, env);
        };
        match op.node.level() {
            ast::OpLevel::Or | ast::OpLevel::And => {
                let mut terms = Vec::with_capacity(rest.len() + 1);
                terms.push(self.condition(first, env));
                for (_, e) in rest {
                    terms.push(self.condition(e, env));
                }
                let ex = if op.node == BinaryOp::And {
                    Ex::And(terms.into())
                } else {
                    Ex::Or(terms.into())
                };
                (ex, Ty::Bool)
            }
            ast::OpLevel::Sum => {
                let (head, head_ty) = self.expr(first, env);
                if head_ty == Ty::Text {
                    // `+` joins texts: `slice(line, 1, 10) + slice(line, 14, 20)`.
                    let mut parts = vec![head];
                    for (op, e) in rest {
                        let (ex, ty) = self.expr(e, env);
                        if op.node == BinaryOp::Sub {
                            self.error(
                                Diag::at(
                                    &op.span,
                                    "`-` cannot take a text from a text",
                                    "not a number",
                                )
                                .with_code(Code::TypeMismatch)
                                .with_help("`+` joins texts; `-` works on numbers"),
                            );
                        }
                        self.expect(&ty, &Ty::Text, &e.span, "`+` joins a text to a text");
                        parts.push(ex);
                    }
                    return (Ex::Concat(parts.into()), Ty::Text);
                }
                let what = |op: &BinaryOp| format!("`{}` works on numbers", op.symbol());
                self.expect(&head_ty, &Ty::Int, &first.span, &what(&op.node));
                let mut terms = Vec::with_capacity(rest.len());
                for (op, e) in rest {
                    let (ex, ty) = self.expr(e, env);
                    self.expect(&ty, &Ty::Int, &e.span, &what(&op.node));
                    terms.push((op.node == BinaryOp::Sub, ex));
                }
                (Ex::Sum(Box::new(head), terms.into()), Ty::Int)
            }
            ast::OpLevel::Comparison => {
                let second = &rest[1].0;
                self.error(
                    Diag::at(&second.span, format!("comparisons do not chain: this `{}` would compare the result of the comparison before it, true or false", second.node.symbol()), "second comparison")
                        .with_code(Code::TypeMismatch)
                        .with_help("compare two values at a time and join them: `a == b and b == c`"),
                );
                ERROR
            }
        }
    }
}

pub(super) fn strip_parens(e: &ast::Expr) -> &ast::Expr {
    match &e.node {
        ExprKind::Paren(inner) => strip_parens(inner),
        _ => e,
    }
}

/// "a text", "an int", "one of a, b" -> readable in a sentence.
pub(crate) fn article(type_name: &str) -> String {
    if type_name.starts_with("one of") || type_name.starts_with("list") || type_name == "unknown" {
        format!("a value that is {type_name}")
    } else if type_name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        format!("an {type_name}")
    } else {
        format!("a {type_name}")
    }
}

/// The first field an expression reads: where a finding points when the requirement has no `at`.
pub(crate) fn first_field(ex: &Ex) -> Option<&FieldPath> {
    match ex {
        Ex::Load(fp) => Some(fp),
        Ex::Not(a) | Ex::Neg(a) | Ex::Matches(a, _) => first_field(a),
        Ex::Cmp(_, a, b) => first_field(a).or_else(|| first_field(b)),
        Ex::And(terms) | Ex::Or(terms) | Ex::Concat(terms) => terms.iter().find_map(first_field),
        Ex::Sum(head, terms) => {
            first_field(head).or_else(|| terms.iter().find_map(|(_, t)| first_field(t)))
        }
        Ex::In { value, .. } | Ex::InList { value, .. } => first_field(value),
        Ex::InField { value, list, .. } => first_field(value).or_else(|| first_field(list)),
        Ex::Call(_, args) => args.iter().find_map(first_field),
        Ex::Quantified { list, .. } => first_field(list),
        Ex::Const(_) | Ex::Today | Ex::Verified => None,
    }
}
