//! The codes of diagnostics and findings: one definition of each code and its text.
//!
//! A code is what a program reading the output matches on (`type-mismatch`, `profile/missing`),
//! what an example's `expect` line names and what the lint catalogue documents, so its text is
//! stable. Everything in src/ that gives a diagnostic or a finding a code takes it from here:
//!
//! * [`Code`]: what the parser and the compiler report about rule files. The lint registry
//!   documents each one (see `lint::lints::compiler`).
//! * [`ProfileCode`]: what the checker reports about a profile, both the findings about its
//!   values ([`ProfileCode::FINDINGS`], which examples may expect) and the reasons a profile
//!   does not load at all ([`ProfileCode::LOAD_ERRORS`]).
//!
//! This module is at the bottom of the dependency order: it imports nothing of the crate.

use std::fmt;

/// An enumeration of codes, each variant with its text: the enum, `ALL` (in the order written),
/// `as_str`, `parse`, `Display` and the conversion to `String` that `Diag::with_code` takes.
macro_rules! codes {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $($(#[$variant_meta:meta])* $variant:ident => $text:literal,)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$variant_meta])* $variant,)*
        }

        impl $name {
            /// Every code, in the order of its declaration.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The code as it is written in output, docs and `expect` lines.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }

            /// The code written as `text`, if there is one.
            pub fn parse(text: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|code| code.as_str() == text)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl From<$name> for String {
            fn from(code: $name) -> String {
                code.as_str().to_string()
            }
        }
    };
}

codes! {
    /// The code of an error in rule files, from the parser or the compiler.
    pub enum Code {
        /// The text does not follow the grammar.
        SyntaxError => "syntax-error",
        /// A declaration is incomplete or inconsistent (and any error without a code of its own).
        InvalidRule => "invalid-rule",
        UnknownField => "unknown-field",
        UnknownFunction => "unknown-function",
        UnknownBank => "unknown-bank",
        UnknownSet => "unknown-set",
        UnknownSource => "unknown-source",
        /// Any other name that is not declared: a capability, an app, an example, a severity...
        UnknownName => "unknown-name",
        TypeMismatch => "type-mismatch",
        DuplicateName => "duplicate-name",
        InvalidRegex => "invalid-regex",
        /// A `from`/`until` period that is reversed, never in force, or overlaps another version's.
        InvalidPeriod => "invalid-period",
    }
}

codes! {
    /// The code of something the checker reports about a profile.
    pub enum ProfileCode {
        // Findings about the values of a profile that loaded (eval/typing.rs).
        /// A required field is absent, null, empty or blank.
        Missing => "profile/missing",
        /// A text typed with characters that only look like ordinary ones.
        LookAlikeCharacters => "profile/look-alike-characters",
        InvalidDate => "profile/invalid-date",
        InvalidBool => "profile/invalid-bool",
        InvalidNumber => "profile/invalid-number",
        /// Not one of the values of an enumeration.
        UnknownValue => "profile/unknown-value",
        /// A bank the registry does not know (a warning: banks abroad are fine).
        UnknownBank => "profile/unknown-bank",
        UnknownCountry => "profile/unknown-country",
        /// A key the schema does not have.
        UnknownField => "profile/unknown-field",
        /// A list where a single value belongs, or the reverse.
        WrongType => "profile/wrong-type",
        // Why a profile does not load (profile/load.rs).
        InvalidSyntax => "profile/invalid-syntax",
        Empty => "profile/empty",
        NotAMapping => "profile/not-a-mapping",
        MultipleDocuments => "profile/multiple-documents",
        DuplicateKey => "profile/duplicate-key",
        ComplexKey => "profile/complex-key",
        TooDeep => "profile/too-deep",
        TooLarge => "profile/too-large",
        RecursiveAlias => "profile/recursive-alias",
        InvalidMerge => "profile/invalid-merge",
    }
}

impl ProfileCode {
    /// The findings about a profile's values: what checking a profile that loaded can report,
    /// and so the profile codes an example may expect (docs/language.md lists them).
    pub const FINDINGS: &'static [ProfileCode] = &[
        ProfileCode::Missing,
        ProfileCode::LookAlikeCharacters,
        ProfileCode::InvalidDate,
        ProfileCode::InvalidBool,
        ProfileCode::InvalidNumber,
        ProfileCode::UnknownValue,
        ProfileCode::UnknownBank,
        ProfileCode::UnknownCountry,
        ProfileCode::UnknownField,
        ProfileCode::WrongType,
    ];

    /// Why a profile does not load: an error before any check, never a finding.
    pub const LOAD_ERRORS: &'static [ProfileCode] = &[
        ProfileCode::InvalidSyntax,
        ProfileCode::Empty,
        ProfileCode::NotAMapping,
        ProfileCode::MultipleDocuments,
        ProfileCode::DuplicateKey,
        ProfileCode::ComplexKey,
        ProfileCode::TooDeep,
        ProfileCode::TooLarge,
        ProfileCode::RecursiveAlias,
        ProfileCode::InvalidMerge,
    ];

    /// Whether checking a profile that loaded can report this code (see [`Self::FINDINGS`]).
    pub fn is_finding(self) -> bool {
        Self::FINDINGS.contains(&self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_read_back_and_are_distinct() {
        let mut seen = HashSet::new();
        for code in Code::ALL {
            assert_eq!(Code::parse(code.as_str()), Some(*code));
            assert_eq!(code.to_string(), code.as_str());
            assert!(seen.insert(code.as_str()), "{code} is listed twice");
            assert!(
                !code.as_str().contains('/'),
                "{code}: a rule code has no `/`"
            );
        }
        for code in ProfileCode::ALL {
            assert_eq!(ProfileCode::parse(code.as_str()), Some(*code));
            assert!(seen.insert(code.as_str()), "{code} is listed twice");
            assert!(code.as_str().starts_with("profile/"), "{code}");
        }
        assert_eq!(Code::parse("type mismatch"), None);
        assert_eq!(ProfileCode::parse("missing"), None);
    }

    /// A new finding without documentation fails here: docs/json.md and docs/language.md
    /// name every finding a check can report.
    #[test]
    fn every_finding_is_documented() {
        let docs = [
            ("docs/json.md", include_str!("../docs/json.md")),
            ("docs/language.md", include_str!("../docs/language.md")),
        ];
        for (name, doc) in docs {
            for code in ProfileCode::FINDINGS {
                assert!(
                    doc.contains(&format!("`{code}`")),
                    "{name} does not name {code}"
                );
            }
        }
    }

    #[test]
    fn every_profile_code_is_a_finding_or_a_load_error() {
        for code in ProfileCode::ALL {
            let finding = ProfileCode::FINDINGS.contains(code);
            let load = ProfileCode::LOAD_ERRORS.contains(code);
            assert!(
                finding != load,
                "{code} must be in exactly one of the two lists"
            );
            assert_eq!(code.is_finding(), finding);
        }
        assert_eq!(
            ProfileCode::FINDINGS.len() + ProfileCode::LOAD_ERRORS.len(),
            ProfileCode::ALL.len()
        );
    }
}
