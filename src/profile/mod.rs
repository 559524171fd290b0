//! Profiles: the foreigner's details, written by hand as YAML (or JSON) and checked by the rules.
//!
//! A profile is loaded into a generic [`Node`] tree rather than a fixed struct, because the
//! rules (written in the rule language, not in Rust) decide which fields matter, and because
//! every finding must point at the exact bytes a value came from. The same positions let a fix
//! rewrite one value in place ([`apply_edits`]) while keeping the author's comments and layout.
//!
//! * [`tree`]: the [`Node`] tree with byte spans.
//! * [`load`]: [`load_profile`], YAML/JSON text to tree, with located, plain-language errors;
//!   JSON is read by its own strict reader (`json.rs`).
//! * [`edit`]: [`apply_edits`], replace scalar values in the text, keeping everything else.

pub mod edit;
pub mod emit;
mod json;
pub mod load;
mod load_error;
pub mod tree;

pub use edit::{apply_edits, EditError, TextEdit};
pub use load::{
    load_profile, ProfileDocument, ProfileErrorKind, ProfileSyntaxError, MAX_DEPTH, MAX_NODES,
};
pub use tree::{ByteSpan, MapEntry, Node, NodeValue, ScalarStyle};
