//! What a check produces: findings, proposed fixes and the outcome per app.

use crate::profile::ByteSpan;
use crate::syntax::ast::Severity;

/// Where a finding comes from: the profile schema, or a requirement of an app.
#[derive(Debug, Clone, PartialEq)]
pub enum FindingOrigin {
    /// The profile does not fit the schema (missing field, invalid value).
    Profile,
    /// A requirement of the app: its index in `App::requirements`.
    Requirement(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// `app/requirement` or `profile/kind`.
    pub code: String,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    /// Dotted path of the value, list indexes in brackets: `bank_cards[0].bank`.
    pub field: String,
    /// Where the value (or, when it is missing, its closest present parent) stands in the profile.
    pub span: Option<ByteSpan>,
    /// True when the value is absent.
    pub missing: bool,
    pub origin: FindingOrigin,
    /// Indexes into `RuleSet::sources`.
    pub sources: Vec<usize>,
    /// Extra context, such as "another card qualifies".
    pub note: Option<String>,
    /// When the message or help shows a sensitive value from the profile: the same texts
    /// with that value masked, for `--redact`.
    pub masked: Option<Box<MaskedTexts>>,
}

/// A finding's message and help with the sensitive values they show masked.
#[derive(Debug, Clone, PartialEq)]
pub struct MaskedTexts {
    pub message: String,
    pub help: Option<String>,
}

/// A change the checker can make to the profile.
#[derive(Debug, Clone, PartialEq)]
pub struct FixProposal {
    pub code: String,
    pub message: String,
    pub field: String,
    pub span: Option<ByteSpan>,
    pub from: String,
    pub to: String,
    /// The field is marked `sensitive` in the schema.
    pub sensitive: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LimitReport {
    pub name: String,
    pub amount: u64,
    pub currency: String,
    pub per: String,
}

/// The result of checking one profile against one app.
#[derive(Debug, Clone, PartialEq)]
pub struct AppReport {
    pub app: String,
    pub title: String,
    pub verified: bool,
    /// Capability names, in the order the rule set declares them.
    pub unlocks: Vec<String>,
    pub limits: Vec<LimitReport>,
    /// Messages of the outcomes that apply.
    pub outcomes: Vec<String>,
    /// Names of the outcomes that apply, in the order the app declares them.
    pub applied: Vec<String>,
    pub findings: Vec<Finding>,
    pub fixes: Vec<FixProposal>,
    /// For each requirement of the app (by index): whether it applied and was met, and whether
    /// it applied and was not met, on some item. Used for example coverage.
    pub exercised: Vec<Exercised>,
    /// Where the values of `sensitive` fields stand in the profile, for `--redact`.
    pub sensitive: Vec<crate::profile::ByteSpan>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Exercised {
    pub passed: bool,
    pub failed: bool,
}

impl AppReport {
    /// The verdict as reports print it.
    pub fn verdict(&self) -> &'static str {
        if self.verified {
            "can be verified"
        } else {
            "will NOT be verified"
        }
    }

    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count()
    }
}
