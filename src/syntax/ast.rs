//! The typed syntax tree of a rule file.
//!
//! Built from pest pairs by `syntax::parser`, then handed to the compiler, the linter and the
//! formatter. Nothing here refers to pest. Every node that an error may point at is `Spanned`.

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
    Capabilities(CapabilitiesDecl),
    Set(SetDecl),
    App(AppDecl),
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

#[derive(Debug, Clone, PartialEq)]
pub struct BankDecl {
    pub docs: Docs,
    pub code: Name,
    pub name: Option<Spanned<String>>,
    pub chinese: Option<Spanned<String>>,
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

#[derive(Debug, Clone, PartialEq)]
pub struct SourceDecl {
    pub docs: Docs,
    pub id: Name,
    pub title: Option<Spanned<String>>,
    pub location: Option<Spanned<String>>,
    pub date: Option<Spanned<String>>,
    pub note: Option<Spanned<String>>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CapabilitiesDecl {
    pub docs: Docs,
    pub keyword: Span,
    pub capabilities: Vec<Capability>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Capability {
    pub docs: Docs,
    pub name: Name,
    pub description: Spanned<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SetDecl {
    pub docs: Docs,
    pub name: Name,
    pub ty: Name,
    pub values: Vec<Spanned<String>>,
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

#[derive(Debug, Clone, PartialEq)]
pub struct AppDecl {
    pub docs: Docs,
    pub id: Name,
    pub title: Option<Spanned<String>>,
    pub hotline: Option<Spanned<String>>,
    pub path: Option<Spanned<String>>,
    pub documents: Vec<Spanned<String>>,
    pub steps: Vec<Spanned<String>>,
    pub sources: Vec<Name>,
    pub sets: Vec<SetDecl>,
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

#[derive(Debug, Clone, PartialEq)]
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
    /// At least one item must meet every requirement of the block.
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

#[derive(Debug, Clone, PartialEq)]
pub struct FixDecl {
    pub docs: Docs,
    pub name: Name,
    pub when: Option<Expr>,
    pub target: Option<Spanned<Path>>,
    pub value: Option<Expr>,
    pub message: Option<Spanned<String>>,
    pub sources: Vec<Name>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub docs: Docs,
    pub name: Name,
    pub when: Option<Expr>,
    pub unlocks: Vec<Name>,
    pub limits: Vec<Limit>,
    pub message: Option<Spanned<String>>,
    pub sources: Vec<Name>,
    pub disagreements: Vec<Disagreement>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Limit {
    pub name: Name,
    pub amount: Spanned<u64>,
    pub currency: Name,
    pub per: Name,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Trouble {
    pub docs: Docs,
    pub name: Name,
    pub cause: Option<Spanned<String>>,
    pub remedy: Option<Spanned<String>>,
    pub sources: Vec<Name>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
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
    Binary {
        op: Spanned<BinaryOp>,
        left: Box<Expr>,
        right: Box<Expr>,
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

impl BinaryOp {
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
