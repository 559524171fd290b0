//! Evaluation: a compiled rule set against a typed profile.

pub mod builtins;
pub mod expr;
pub mod finding;
pub mod mask;
pub mod normalize;
pub mod profile_path;
pub mod run;
pub mod typing;
pub mod value;

pub use finding::{AppReport, Finding, FindingOrigin, FixProposal, LimitReport};
pub use typing::{type_profile, TypedProfile};
