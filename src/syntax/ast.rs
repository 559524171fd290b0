//! The typed syntax tree of a rule file.
//!
//! Built from pest pairs by `syntax::parser`, then handed to the compiler, the linter and the
//! formatter. Nothing here refers to pest. Every node that an error may point at is `Spanned`.
//!
//! The declarations whose clauses may each be left out derive `Default`, so that the parser
//! starts from an empty one and fills in what is written; their name and span are always set
//! (a default span points nowhere, see [`Span`]'s `Default`).

use crate::source::{Span, Spanned};

pub type Name = Spanned<String>;

#[derive(Debug, Clone, PartialEq)]
pub struct RuleFile {
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Schema(SchemaDecl),
    Bank(BankDecl),
    Source(SourceDecl),
    /// `capabilities { ... }` or `limit_periods { ... }`: names with their words.
    Glossary(GlossaryDecl),
    /// `problem CODE { ... }`: a profile problem told in the rules' words.
    Problem(ProblemDecl),
    Set(SetDecl),
    App(AppDecl),
    /// A definition shared by every app of the rule set.
    Let(LetDecl),
    Example(Example),
    Allow(Allow),
}

/// `///` lines before a declaration, joined with newlines.
pub type Docs = Option<Spanned<String>>;

// ---------------------------------------------------------------------------------------------
// Schema

#[derive(Debug, Clone, PartialEq)]
pub struct SchemaDecl {
    pub docs: Docs,
    pub keyword: Span,
    pub fields: Vec<FieldDecl>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FieldDecl {
    pub docs: Docs,
    pub name: Name,
    pub modifiers: Vec<Spanned<FieldModifier>>,
    pub ty: TypeExpr,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldModifier {
    Required,
    Optional,
    Sensitive,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeExpr {
    Named(Name),
    Enum(Vec<Name>, Span),
    Record(Vec<FieldDecl>, Span),
    List(Box<TypeExpr>, Span),
}

impl TypeExpr {
    pub fn span(&self) -> &Span {
        match self {
            TypeExpr::Named(n) => &n.span,
            TypeExpr::Enum(_, s) | TypeExpr::Record(_, s) | TypeExpr::List(_, s) => s,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Banks, sources, capabilities, sets

#[derive(Debug, Clone, PartialEq, Default)]
pub struct BankDecl {
    pub docs: Docs,
    pub code: Name,
    pub name: Option<Spanned<String>>,
    /// The bank's name in the local language: Chinese, for a bank in mainland China.
    pub local_name: Option<Spanned<String>>,
    pub aliases: Vec<Spanned<String>>,
    pub prefixes: Vec<PrefixGroup>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PrefixGroup {
    pub kind: Name,
    pub length: Spanned<u32>,
    pub prefixes: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SourceDecl {
    pub docs: Docs,
    pub id: Name,
    pub title: Option<Spanned<String>>,
    /// Who published it.
    pub publisher: Option<Spanned<String>>,
    /// A public address where a reader can find it.
    pub url: Option<Spanned<String>>,
    /// The day it was published (`YYYY-MM-DD` as written).
    pub published: Option<Spanned<String>>,
    /// The day a maintainer last compared the rules with it.
    pub reviewed: Option<Spanned<String>>,
    pub note: Option<Spanned<String>>,
    pub allows: Vec<Allow>,
    pub span: Span,
}

/// A declaration that lists names a rule may use, each with the words a reader sees.
#[derive(Debug, Clone, PartialEq)]
pub struct GlossaryDecl {
    pub docs: Docs,
    pub kind: GlossaryKind,
    pub keyword: Span,
    pub terms: Vec<Term>,
}

/// What a glossary names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GlossaryKind {
    /// What a verified account may do (`unlocks [payments]`).
    Capabilities,
    /// What a limit may be counted over (`per day`).
    LimitPeriods,
}

impl GlossaryKind {
    /// The keyword that opens the declaration.
    pub fn keyword(self) -> &'static str {
        match self {
            GlossaryKind::Capabilities => "capabilities",
            GlossaryKind::LimitPeriods => "limit_periods",
        }
    }
}

/// One name of a glossary and its words: `payments "Pay in shops and online"`.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub docs: Docs,
    pub name: Name,
    pub description: Spanned<String>,
}

/// `problem profile/unknown-bank { ... }`: the severity and words of a problem the checker
/// finds in a profile value, in place of its general ones.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProblemDecl {
    pub docs: Docs,
    /// The problem's code, as a finding reports it (`profile/unknown-bank`).
    pub code: Spanned<String>,
    pub severity: Option<Spanned<Severity>>,
    pub message: Option<Spanned<String>>,
    pub help: Option<Spanned<String>>,
    pub sources: Vec<Name>,
    pub span: Span,
}

/// `from DATE`, `until DATE` or both: the days an item is in force, both days included. The
/// dates are kept as written; the compiler checks them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Period {
    pub from: Option<Spanned<String>>,
    pub until: Option<Spanned<String>>,
    pub span: Span,
}

impl Period {
    /// The period as written: `from 2024-03-01`, `until 2024-02-29`, `from A until B`.
    pub fn source_text(&self) -> String {
        match (&self.from, &self.until) {
            (Some(f), Some(u)) => format!("from {} until {}", f.node, u.node),
            (Some(f), None) => format!("from {}", f.node),
            (None, Some(u)) => format!("until {}", u.node),
            (None, None) => String::new(),
        }
    }
}

/// A quoted text of a list that may be in force for a period only.
#[derive(Debug, Clone, PartialEq)]
pub struct DatedText {
    pub text: Spanned<String>,
    pub period: Option<Period>,
}

impl DatedText {
    /// Where the entry ends in the source: after its period, if it has one.
    pub fn end(&self) -> usize {
        self.period
            .as_ref()
            .map_or(self.text.span.range.end, |p| p.span.range.end)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SetDecl {
    pub docs: Docs,
    pub name: Name,
    pub ty: Name,
    pub values: Vec<DatedText>,
    pub sources: Vec<Name>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LetDecl {
    pub docs: Docs,
    pub name: Name,
    /// `None` for a plain definition, `Some` (possibly empty) for `let f(a, b) = ...`.
    pub params: Option<Vec<Name>>,
    pub body: Expr,
    pub span: Span,
}

// ---------------------------------------------------------------------------------------------
// Apps

#[derive(Debug, Clone, PartialEq, Default)]
pub struct AppDecl {
    pub docs: Docs,
    pub id: Name,
    pub title: Option<Spanned<String>>,
    pub hotline: Option<Spanned<String>>,
    /// Where in the app (or on its website) verification starts; one entry per way.
    pub paths: Vec<Spanned<String>>,
    pub documents: Vec<DatedText>,
    pub steps: Vec<DatedText>,
    pub cards: Vec<DatedText>,
    pub sources: Vec<Name>,
    pub sets: Vec<SetDecl>,
    pub allows: Vec<Allow>,
    pub body: Vec<BodyItem>,
    pub span: Span,
}

/// What may stand in an app body, a `when` block or a `for` block.
#[derive(Debug, Clone, PartialEq)]
pub enum BodyItem {
    Let(LetDecl),
    Requirement(Requirement),
    When(WhenBlock),
    For(ForBlock),
    Fix(FixDecl),
    Outcome(Outcome),
    Trouble(Trouble),
    Disagreement(Disagreement),
    Example(Example),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
    Advice,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Advice => "advice",
        }
    }

    pub const NAMES: [&'static str; 3] = ["error", "warning", "advice"];

    pub fn parse(word: &str) -> Option<Severity> {
        match word {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "advice" => Some(Severity::Advice),
            _ => None,
        }
    }
}

impl From<Severity> for miette::Severity {
    fn from(s: Severity) -> miette::Severity {
        match s {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Advice => miette::Severity::Advice,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Requirement {
    pub docs: Docs,
    pub name: Name,
    pub require: Option<Expr>,
    pub when: Option<Expr>,
    pub at: Option<Spanned<Path>>,
    pub severity: Option<Spanned<Severity>>,
    pub message: Option<Spanned<String>>,
    pub help: Option<Spanned<String>>,
    pub fix: Option<Name>,
    pub sources: Vec<Name>,
    pub disagreements: Vec<Disagreement>,
    pub period: Option<Period>,
    pub allows: Vec<Allow>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WhenBlock {
    pub docs: Docs,
    pub condition: Expr,
    pub body: Vec<BodyItem>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ForKind {
    /// At least one item must meet every requirement of the block. An empty or absent list
    /// checks nothing: a rule that needs an item says so in a requirement of its own.
    Some,
    /// Every item must meet every requirement of the block.
    Every,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ForBlock {
    pub docs: Docs,
    pub kind: Spanned<ForKind>,
    pub var: Name,
    pub list: Spanned<Path>,
    pub body: Vec<BodyItem>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct FixDecl {
    pub docs: Docs,
    pub name: Name,
    pub when: Option<Expr>,
    pub target: Option<Spanned<Path>>,
    pub value: Option<Expr>,
    pub message: Option<Spanned<String>>,
    pub sources: Vec<Name>,
    pub period: Option<Period>,
    pub allows: Vec<Allow>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Outcome {
    pub docs: Docs,
    pub name: Name,
    pub when: Option<Expr>,
    pub unlocks: Vec<Name>,
    pub limits: Vec<Limit>,
    pub message: Option<Spanned<String>>,
    pub sources: Vec<Name>,
    pub disagreements: Vec<Disagreement>,
    pub period: Option<Period>,
    pub allows: Vec<Allow>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Limit {
    pub name: Name,
    pub amount: Spanned<u64>,
    pub currency: Name,
    pub per: Name,
    pub period: Option<Period>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Trouble {
    pub docs: Docs,
    pub name: Name,
    pub cause: Option<Spanned<String>>,
    pub remedy: Option<Spanned<String>>,
    pub sources: Vec<Name>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Disagreement {
    pub docs: Docs,
    pub name: Name,
    pub topic: Option<Spanned<String>>,
    pub claims: Vec<Claim>,
    pub resolution: Option<Spanned<String>>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub source: Name,
    pub text: Spanned<String>,
}

// ---------------------------------------------------------------------------------------------
// Examples and lint suppressions

/// `allow LINT because "reason"`: silences one lint on the declaration that holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Allow {
    pub lint: Name,
    pub reason: Spanned<String>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Example {
    pub docs: Docs,
    pub name: Name,
    /// `for APP`, on an example written outside its app.
    pub app: Option<Name>,
    pub today: Option<Spanned<String>>,
    pub profile: Option<ExampleProfile>,
    pub from: Option<Name>,
    pub edits: Vec<ProfileEdit>,
    pub expectations: Vec<Expectation>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExampleProfile {
    /// A profile written inside the rule file, in a `"""` block.
    Inline(Spanned<String>),
    /// A profile file, relative to the rule file's folder.
    File(Spanned<String>),
}

/// A step of a path into a profile: a field name or a list index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathStep {
    Field(String),
    Index(usize),
}

/// `bank_cards[0].holder`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValuePath {
    pub steps: Vec<PathStep>,
}

impl ValuePath {
    pub fn dotted(&self) -> String {
        let mut out = String::new();
        for step in &self.steps {
            match step {
                PathStep::Field(name) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(name);
                }
                PathStep::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
            }
        }
        out
    }
}

/// A literal an example writes into a profile.
#[derive(Debug, Clone, PartialEq)]
pub enum ExampleValue {
    Str(String),
    Date(String),
    Int(i64),
    Bool(bool),
}

#[derive(Debug, Clone, PartialEq)]
pub enum ProfileEdit {
    Set {
        path: Spanned<ValuePath>,
        value: Spanned<ExampleValue>,
    },
    Remove(Spanned<ValuePath>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expectation {
    Verified {
        verified: bool,
        span: Span,
    },
    Unlocks {
        capabilities: Vec<Name>,
        span: Span,
    },
    /// `expect outcome NAME`, or with `not`.
    Outcome {
        name: Name,
        applies: bool,
        span: Span,
    },
    /// `expect limit NAME AMOUNT CURRENCY per PERIOD`
    Limit {
        name: Name,
        amount: Spanned<u64>,
        currency: Name,
        per: Name,
        span: Span,
    },
    /// `expect no limit NAME`
    NoLimit {
        name: Name,
        span: Span,
    },
    Fix {
        path: Spanned<ValuePath>,
        value: Spanned<String>,
        span: Span,
    },
    NoFix {
        span: Span,
    },
    /// `expect no CODE`
    Absent {
        code: Name,
        span: Span,
    },
    /// `expect CODE at PATH severity S`
    Fires {
        code: Name,
        at: Option<Spanned<ValuePath>>,
        severity: Option<Name>,
        span: Span,
    },
}

impl Expectation {
    pub fn span(&self) -> &Span {
        match self {
            Expectation::Verified { span, .. }
            | Expectation::Unlocks { span, .. }
            | Expectation::Outcome { span, .. }
            | Expectation::Limit { span, .. }
            | Expectation::NoLimit { span, .. }
            | Expectation::Fix { span, .. }
            | Expectation::NoFix { span }
            | Expectation::Absent { span, .. }
            | Expectation::Fires { span, .. } => span,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Expressions

/// A dotted field path: `bank_cards`, `card.holder`, `document.number`.
#[derive(Debug, Clone, PartialEq)]
pub struct Path {
    pub segments: Vec<Name>,
}

impl Path {
    pub fn dotted(&self) -> String {
        let mut out = String::new();
        for (i, seg) in self.segments.iter().enumerate() {
            if i > 0 {
                out.push('.');
            }
            out.push_str(&seg.node);
        }
        out
    }
}

pub type Expr = Spanned<ExprKind>;

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    Bool(bool),
    Int(i64),
    Str(String),
    Date(String),
    Today,
    Verified,
    Path(Path),
    List(Vec<Expr>),
    Call {
        function: Name,
        args: Vec<Expr>,
    },
    Unary {
        op: Spanned<UnaryOp>,
        operand: Box<Expr>,
    },
    /// One comparison, `in` or `matches`: `a == b`.
    Binary {
        op: Spanned<BinaryOp>,
        left: Box<Expr>,
        right: Box<Expr>,
    },
    /// Operators of one precedence level in a row, kept flat so that a long chain does not
    /// nest: `a or b or c`, `a and b`, `a + b - c`. Every operator of `rest` is of the level of
    /// the first one ([`BinaryOp::level`]). Comparisons in a row (`a == b == c`) are a chain
    /// too, which the compiler refuses.
    Chain {
        first: Box<Expr>,
        rest: Vec<(Spanned<BinaryOp>, Expr)>,
    },
    Quantified {
        quantifier: Spanned<Quantifier>,
        var: Name,
        list: Spanned<Path>,
        body: Box<Expr>,
    },
    /// `( expr )`, kept so the formatter can reproduce the author's grouping.
    Paren(Box<Expr>),
}

impl ExprKind {
    /// An `and` or `or` chain: its operator and every operand, in order.
    pub fn junction(&self) -> Option<(BinaryOp, Vec<&Expr>)> {
        let ExprKind::Chain { first, rest } = self else {
            return None;
        };
        let op = rest.first()?.0.node;
        if !matches!(op, BinaryOp::And | BinaryOp::Or) {
            return None;
        }
        let mut operands = vec![&**first];
        operands.extend(rest.iter().map(|(_, e)| e));
        Some((op, operands))
    }

    /// The operands right under this node, in order.
    pub fn children(&self) -> Vec<&Expr> {
        match self {
            ExprKind::Paren(a) | ExprKind::Unary { operand: a, .. } => vec![&**a],
            ExprKind::Binary { left, right, .. } => vec![&**left, &**right],
            ExprKind::Chain { first, rest } => {
                let mut out = vec![&**first];
                out.extend(rest.iter().map(|(_, e)| e));
                out
            }
            ExprKind::Call { args, .. } | ExprKind::List(args) => args.iter().collect(),
            ExprKind::Quantified { body, .. } => vec![&**body],
            _ => Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    Not,
    Neg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    NotIn,
    Matches,
    Add,
    Sub,
}

/// The precedence levels of the binary operators, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpLevel {
    Or,
    And,
    Comparison,
    Sum,
}

impl BinaryOp {
    pub fn level(self) -> OpLevel {
        match self {
            BinaryOp::Or => OpLevel::Or,
            BinaryOp::And => OpLevel::And,
            BinaryOp::Add | BinaryOp::Sub => OpLevel::Sum,
            _ => OpLevel::Comparison,
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Or => "or",
            BinaryOp::And => "and",
            BinaryOp::Eq => "==",
            BinaryOp::Ne => "!=",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
            BinaryOp::In => "in",
            BinaryOp::NotIn => "not in",
            BinaryOp::Matches => "matches",
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantifier {
    Some,
    Every,
    No,
}

impl Quantifier {
    pub fn keyword(self) -> &'static str {
        match self {
            Quantifier::Some => "some",
            Quantifier::Every => "every",
            Quantifier::No => "no",
        }
    }
}
