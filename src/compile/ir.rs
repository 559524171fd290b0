//! The compiled rule set: what evaluation runs on.
//!
//! Names are resolved to indexes (fields to slots, banks to ids, sets to bitmaps), regular
//! expressions are compiled once, and literals are typed, so evaluating a profile does no
//! lookups by name and, outside findings, almost no allocation.

use std::sync::Arc;

use jiff::civil::Date;
use regex::Regex;

use super::signatures::Builtin;
use super::types::{ScalarType, SetType};
use crate::source::{SourceFile, Span};
use crate::syntax::ast::{self, Severity};

pub type BankId = u16;
/// A bank a profile names that the registry does not know (a bank abroad, or a typo, which a
/// warning reports). It is in no set and equals no registered bank.
pub const UNREGISTERED_BANK: BankId = BankId::MAX;
pub type EnumId = u16;
pub type RecordId = u16;
pub type Country = [u8; 2];

/// A value's type, as the type checker sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    Text,
    Date,
    Bool,
    Int,
    Bank,
    Country,
    Enum(EnumId),
    Record(RecordId),
    List(Box<Ty>),
    /// The type of an expression that already failed to type-check; never reported twice.
    Error,
}

#[derive(Debug, Clone)]
pub struct EnumDef {
    pub values: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct FieldDef {
    pub name: String,
    pub ty: Ty,
    /// The scalar type the profile's text is read as, for the field or each item of a list of
    /// it; `None` for an enumeration, a record, or a type that did not compile.
    pub scalar: Option<ScalarType>,
    pub required: bool,
    pub sensitive: bool,
    pub doc: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone, Default)]
pub struct RecordShape {
    pub fields: Vec<FieldDef>,
}

impl RecordShape {
    pub fn field_index(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == name)
    }
}

/// The profile schema. Record 0 is the profile itself.
#[derive(Debug, Clone, Default)]
pub struct Schema {
    pub records: Vec<RecordShape>,
    pub enums: Vec<EnumDef>,
    pub span: Option<Span>,
}

impl Schema {
    pub const ROOT: RecordId = 0;

    pub fn record(&self, id: RecordId) -> &RecordShape {
        &self.records[id as usize]
    }

    pub fn type_name(&self, ty: &Ty) -> String {
        match ty {
            Ty::Enum(id) => format!("one of {}", self.enums[*id as usize].values.join(", ")),
            Ty::Record(_) => "record".into(),
            Ty::List(inner) => format!("list of {}", self.type_name(inner)),
            Ty::Error => "unknown".into(),
            scalar => ScalarType::of(scalar)
                .map_or("unknown", ScalarType::keyword)
                .into(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Bank {
    pub code: String,
    pub name: String,
    /// The name in the local language (Chinese, for a bank in mainland China).
    pub local_name: Option<String>,
    pub aliases: Vec<String>,
    pub span: Span,
}

/// One card-number prefix of the registry.
#[derive(Debug, Clone)]
pub struct CardPrefix {
    pub prefix: Box<str>,
    pub bank: BankId,
    pub kind: Box<str>,
    pub length: u32,
}

#[derive(Debug, Clone)]
pub struct SourceInfo {
    pub id: String,
    pub title: Option<String>,
    pub publisher: Option<String>,
    /// A public address where a reader can find it.
    pub url: Option<String>,
    pub published: Option<Date>,
    /// The day a maintainer last compared the rules with it.
    pub reviewed: Option<Date>,
    pub note: Option<String>,
    pub doc: Option<String>,
    pub span: Span,
}

/// A name of a glossary (a capability, a limit period) and the words a reader sees for it.
#[derive(Debug, Clone)]
pub struct GlossaryTerm {
    pub name: String,
    pub description: String,
    pub span: Span,
}

/// How a problem with a profile value is told when the rules say it in their own words
/// (`problem profile/unknown-bank { ... }`); what they leave out keeps the general words.
#[derive(Debug, Clone)]
pub struct ProblemWords {
    pub code: crate::code::ProfileCode,
    pub severity: Option<Severity>,
    pub message: Option<ProblemText>,
    pub help: Option<ProblemText>,
    pub sources: Vec<usize>,
    pub doc: Option<String>,
    pub span: Span,
}

/// A text of a `problem` declaration, split at its `{value}`s when it was compiled.
#[derive(Debug, Clone)]
pub struct ProblemText {
    pub parts: Vec<ProblemPart>,
}

#[derive(Debug, Clone)]
pub enum ProblemPart {
    Text(String),
    /// The value as the applicant typed it.
    Value,
}

impl ProblemText {
    /// The text with `value` in place of each `{value}`.
    pub fn fill(&self, value: &str) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                ProblemPart::Text(text) => out.push_str(text),
                ProblemPart::Value => out.push_str(value),
            }
        }
        out
    }
}

/// The days an item is in force, both ends included; an open end reaches as far as time goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Period {
    pub from: Option<Date>,
    pub until: Option<Date>,
}

impl Period {
    /// In force on every day.
    pub const ALWAYS: Period = Period {
        from: None,
        until: None,
    };

    pub fn contains(&self, day: Date) -> bool {
        self.from.is_none_or(|f| f <= day) && self.until.is_none_or(|u| day <= u)
    }

    /// Whether some day is in both periods.
    pub fn overlaps(&self, other: &Period) -> bool {
        let starts_before_other_ends = match (self.from, other.until) {
            (Some(f), Some(u)) => f <= u,
            _ => true,
        };
        let other_starts_before_this_ends = match (other.from, self.until) {
            (Some(f), Some(u)) => f <= u,
            _ => true,
        };
        starts_before_other_ends && other_starts_before_this_ends
    }

    /// The days in both periods (empty periods are not represented: callers check
    /// [`Period::overlaps`] first).
    pub fn within(&self, other: &Period) -> Period {
        let later = |a: Option<Date>, b: Option<Date>| match (a, b) {
            (Some(x), Some(y)) => Some(x.max(y)),
            (x, None) | (None, x) => x,
        };
        let earlier = |a: Option<Date>, b: Option<Date>| match (a, b) {
            (Some(x), Some(y)) => Some(x.min(y)),
            (x, None) | (None, x) => x,
        };
        Period {
            from: later(self.from, other.from),
            until: earlier(self.until, other.until),
        }
    }

    /// A day both periods hold, for messages about overlaps.
    pub fn first_common_day(&self, other: &Period) -> Option<Date> {
        if !self.overlaps(other) {
            return None;
        }
        match (self.from, other.from) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (Some(a), None) | (None, Some(a)) => Some(a),
            (None, None) => self.until.or(other.until),
        }
    }

    pub fn is_always(&self) -> bool {
        self.from.is_none() && self.until.is_none()
    }

    /// How the docs name the period: `until 2024-02-29`, `since 2024-03-01`,
    /// `from 2023-08-17 until 2024-04-23`; empty for [`Period::ALWAYS`].
    pub fn describe(&self) -> String {
        match (self.from, self.until) {
            (Some(f), Some(u)) => format!("from {f} until {u}"),
            (Some(f), None) => format!("since {f}"),
            (None, Some(u)) => format!("until {u}"),
            (None, None) => String::new(),
        }
    }
}

/// A text of a list (a step, a document, a card) that may be in force for a period only.
#[derive(Debug, Clone, PartialEq)]
pub struct DatedText {
    pub text: String,
    pub period: Period,
}

/// What a message or help text says, with `{...}` values filled in when a finding is made.
#[derive(Debug, Clone)]
pub struct Template {
    pub parts: Box<[TemplatePart]>,
}

#[derive(Debug, Clone)]
pub enum TemplatePart {
    Text(Box<str>),
    /// A value from the profile: `{document.number}` or `{mrz_number}`. `sensitive` when the
    /// value reads a field the schema marks `sensitive`, so `--redact` masks it.
    Value {
        ex: Ex,
        sensitive: bool,
    },
}

/// A compiled, typed constant.
#[derive(Debug, Clone, PartialEq)]
pub enum Const {
    Bool(bool),
    Int(i64),
    Text(Arc<str>),
    Date(Date),
    Bank(BankId),
    Enum(EnumId, u16),
    Country(Country),
}

/// Where a field path starts: the profile, or the item bound by a `for` block or quantifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    Root,
    Local(u16),
}

/// A resolved field path: a base and field indexes through records.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldPath {
    pub base: Base,
    pub fields: Box<[u16]>,
    /// The type at the end of the path.
    pub ty: Ty,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

/// A named set as the days go: the members in force in each period. A set without dated
/// members has one version, in force always.
#[derive(Debug, Clone)]
pub struct DatedSet {
    pub versions: Box<[(Period, SetValues)]>,
}

impl DatedSet {
    /// The members in force on `day`, if any version is.
    pub fn on(&self, day: Date) -> Option<&SetValues> {
        self.versions
            .iter()
            .find(|(period, _)| period.contains(day))
            .map(|(_, values)| values)
    }
}

/// A set of values, specialised to the type it is tested against.
#[derive(Debug, Clone)]
pub enum SetValues {
    Banks(Box<[bool]>),
    Enums(u64),
    Texts(Box<[Arc<str>]>),
    Countries(Box<[Country]>),
    Ints(Box<[i64]>),
}

#[derive(Debug, Clone)]
pub enum Ex {
    Const(Const),
    Load(FieldPath),
    Today,
    Verified,
    Not(Box<Ex>),
    Neg(Box<Ex>),
    /// Every condition, in order: `a and b and c` (n-ary, so a long chain does not nest).
    And(Box<[Ex]>),
    /// Some condition, in order: `a or b or c`.
    Or(Box<[Ex]>),
    Cmp(CmpOp, Box<Ex>, Box<Ex>),
    /// `a + b - c` on whole numbers: the first term, then each term added (`false`) or
    /// subtracted (`true`).
    Sum(Box<Ex>, Box<[(bool, Ex)]>),
    /// `a + b + c` on texts.
    Concat(Box<[Ex]>),
    /// `x in set`; `negated` for `not in`.
    In {
        value: Box<Ex>,
        set: DatedSet,
        negated: bool,
    },
    /// `x in [a, b]` with a list of expressions.
    InList {
        value: Box<Ex>,
        items: Box<[Ex]>,
        negated: bool,
    },
    /// `x in list_field`
    InField {
        value: Box<Ex>,
        list: Box<Ex>,
        negated: bool,
    },
    Matches(Box<Ex>, usize),
    Call(Builtin, Box<[Ex]>),
    Quantified {
        quantifier: ast::Quantifier,
        slot: u16,
        list: Box<Ex>,
        body: Box<Ex>,
    },
}

/// Index of a requirement within its app.
pub type RequirementId = usize;

#[derive(Debug, Clone)]
pub struct Requirement {
    /// `app/name`, stable across releases: this is what users filter and suppress by.
    pub code: String,
    pub name: String,
    pub doc: Option<String>,
    pub when: Option<Ex>,
    /// The `when` condition as written, for documentation.
    pub when_text: Option<String>,
    pub require: Ex,
    /// Where findings point; `None` means the first field the condition reads.
    pub at: FieldPath,
    pub severity: Severity,
    /// The message as the docs show it: a `{...}` value is shown as `…`.
    pub message: String,
    /// When the message has `{...}` values: how to write it for a finding.
    pub message_template: Option<Template>,
    pub help: Option<String>,
    pub help_template: Option<Template>,
    pub fix: Option<usize>,
    pub sources: Vec<usize>,
    pub disagreements: Vec<Disagreement>,
    /// Conditions of the enclosing `when` blocks, outermost first (for documentation).
    pub context: Vec<String>,
    /// The days this version of the requirement is in force.
    pub period: Period,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Fix {
    pub code: String,
    pub name: String,
    pub doc: Option<String>,
    pub when: Option<Ex>,
    pub target: FieldPath,
    pub value: Ex,
    pub message: String,
    pub sources: Vec<usize>,
    pub period: Period,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Limit {
    pub name: String,
    pub amount: u64,
    pub currency: String,
    pub per: String,
    pub period: Period,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Outcome {
    pub name: String,
    pub doc: Option<String>,
    pub when: Option<Ex>,
    pub unlocks: Vec<usize>,
    pub limits: Vec<Limit>,
    pub message: Option<String>,
    pub sources: Vec<usize>,
    pub disagreements: Vec<Disagreement>,
    pub period: Period,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Trouble {
    pub name: String,
    pub cause: String,
    pub remedy: String,
    pub sources: Vec<usize>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Claim {
    pub source: usize,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Disagreement {
    pub name: String,
    pub topic: String,
    pub claims: Vec<Claim>,
    pub resolution: Option<String>,
    pub span: Span,
}

/// The executable shape of an app body.
#[derive(Debug, Clone)]
pub enum Step {
    Requirement(RequirementId),
    Fix(usize),
    When {
        condition: Ex,
        body: Vec<Step>,
    },
    For {
        kind: ast::ForKind,
        slot: u16,
        list: FieldPath,
        body: Vec<Step>,
    },
}

#[derive(Debug, Clone)]
pub struct App {
    pub id: String,
    pub title: String,
    pub doc: Option<String>,
    pub hotline: Option<String>,
    /// Where verification starts, one entry per way (the app, the website).
    pub paths: Vec<String>,
    pub documents: Vec<DatedText>,
    pub steps: Vec<DatedText>,
    pub cards: Vec<DatedText>,
    pub sources: Vec<usize>,
    pub requirements: Vec<Requirement>,
    pub fixes: Vec<Fix>,
    pub outcomes: Vec<Outcome>,
    pub troubles: Vec<Trouble>,
    pub disagreements: Vec<Disagreement>,
    /// Named sets declared in or used by the app, for documentation: name, members.
    pub sets: Vec<NamedSet>,
    pub program: Vec<Step>,
    /// How many local slots (loop variables) evaluation needs.
    pub locals: usize,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct NamedSet {
    pub name: String,
    pub ty: SetType,
    pub values: Vec<DatedText>,
    pub doc: Option<String>,
    pub sources: Vec<usize>,
    pub span: Span,
}

/// An example of a rule file: a test and a worked example for the docs.
#[derive(Debug, Clone)]
pub struct ExampleDef {
    /// The app whose rules it exercises; `None` for a top-level example (a shared profile).
    pub app: Option<String>,
    pub example: ast::Example,
}

/// Everything compiled from a folder of rule files.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub files: Vec<SourceFile>,
    pub schema: Schema,
    pub banks: Vec<Bank>,
    pub prefixes: crate::compile::banks::PrefixIndex,
    pub bank_lookup: std::collections::HashMap<String, BankId>,
    pub sources: Vec<SourceInfo>,
    pub capabilities: Vec<GlossaryTerm>,
    /// What a limit may be counted over (`per day`), with the words a page writes.
    pub limit_periods: Vec<GlossaryTerm>,
    /// Profile problems the rules tell in their own words.
    pub problems: Vec<ProblemWords>,
    pub sets: Vec<NamedSet>,
    pub apps: Vec<App>,
    pub regexes: Vec<Regex>,
    pub examples: Vec<ExampleDef>,
}

impl RuleSet {
    pub fn example(&self, name: &str) -> Option<&ExampleDef> {
        self.examples.iter().find(|e| e.example.name.node == name)
    }

    /// The rules' own words for a profile problem, if they give any.
    pub fn problem(&self, code: crate::code::ProfileCode) -> Option<&ProblemWords> {
        self.problems.iter().find(|p| p.code == code)
    }

    pub fn app(&self, id: &str) -> Option<&App> {
        self.apps.iter().find(|a| a.id == id)
    }

    /// Resolves a bank as a person may write it: code, English or Chinese name, or an alias,
    /// in any case and spacing.
    pub fn find_bank(&self, text: &str) -> Option<BankId> {
        self.bank_lookup
            .get(&crate::compile::banks::bank_key(text))
            .copied()
    }
}
