//! The type keywords of the rule language, each defined once: the scalar types of profile
//! fields (`birth_date: date`) and the types of values a set holds (`set alipay_banks: bank`).
//!
//! The AST keeps a keyword as written (with its span, for messages); the compiler reads it
//! here, the IR stores the enum, and everything after matches on the enum.
//!
//! A new scalar type (say `phone`) is a variant of [`ScalarType`] and its row in [`SCALARS`],
//! a reading function in `eval::normalize` (the compiler asks for its arm in
//! `normalize::scalar`), the code of its finding in `crate::code`, and its line in
//! docs/language.md (a test checks).

use std::fmt;

use super::ir::Ty;
use crate::code::ProfileCode;

/// A scalar type of the profile schema: what a field holding one value is declared as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScalarType {
    Text,
    Date,
    Bool,
    Int,
    Bank,
    Country,
}

/// What the language knows of a scalar type: its row of [`SCALARS`].
#[derive(Debug)]
pub struct ScalarInfo {
    pub scalar: ScalarType,
    /// The keyword in the schema: `birth_date: date`.
    pub keyword: &'static str,
    /// The type the type checker gives its values. A type read in its own way but compared as
    /// another (a phone number compared as text) says that other type; messages about types
    /// then name the first type of the table with it.
    pub ty: Ty,
    /// The finding about a profile value that does not read as the type. `None` for `text`,
    /// which any value is, and for `bank`, whose finding the typer writes itself: a bank the
    /// registry does not know is a warning (a bank abroad is fine) with the registry's names as
    /// help.
    pub invalid: Option<Invalid>,
}

/// The finding about a profile value that does not read as its scalar type: an error with this
/// code, the message `"VALUE" is not {expected}` and this help.
#[derive(Debug)]
pub struct Invalid {
    pub code: ProfileCode,
    /// A value of the type in plain words: "a date", "a whole number".
    pub expected: &'static str,
    /// How to write one.
    pub help: &'static str,
}

/// The scalar types, one row each, in the order of [`ScalarType`] (and of the help that lists
/// the types).
pub static SCALARS: [ScalarInfo; 6] = [
    ScalarInfo {
        scalar: ScalarType::Text,
        keyword: "text",
        ty: Ty::Text,
        invalid: None,
    },
    ScalarInfo {
        scalar: ScalarType::Date,
        keyword: "date",
        ty: Ty::Date,
        invalid: Some(Invalid {
            code: ProfileCode::InvalidDate,
            expected: "a date",
            help: "write the date as YYYY-MM-DD, e.g. 1990-05-01",
        }),
    },
    ScalarInfo {
        scalar: ScalarType::Bool,
        keyword: "bool",
        ty: Ty::Bool,
        invalid: Some(Invalid {
            code: ProfileCode::InvalidBool,
            expected: "true or false",
            help: "write `true` or `false`",
        }),
    },
    ScalarInfo {
        scalar: ScalarType::Int,
        keyword: "int",
        ty: Ty::Int,
        invalid: Some(Invalid {
            code: ProfileCode::InvalidNumber,
            expected: "a whole number",
            help: "write digits only",
        }),
    },
    ScalarInfo {
        scalar: ScalarType::Bank,
        keyword: "bank",
        ty: Ty::Bank,
        invalid: None,
    },
    ScalarInfo {
        scalar: ScalarType::Country,
        keyword: "country",
        ty: Ty::Country,
        invalid: Some(Invalid {
            code: ProfileCode::UnknownCountry,
            expected: "a country code",
            help: "write an ISO 3166 code such as CN, ZA or ZAF",
        }),
    },
];

impl ScalarType {
    /// Its row of [`SCALARS`].
    pub fn info(self) -> &'static ScalarInfo {
        &SCALARS[self as usize]
    }

    /// The keyword in the schema.
    pub fn keyword(self) -> &'static str {
        self.info().keyword
    }

    /// The type the type checker gives its values.
    pub fn ty(self) -> Ty {
        self.info().ty.clone()
    }

    /// The scalar type a keyword names, if it names one.
    pub fn parse(keyword: &str) -> Option<ScalarType> {
        SCALARS
            .iter()
            .find(|row| row.keyword == keyword)
            .map(|row| row.scalar)
    }

    /// The keywords, in table order, for "did you mean" and help.
    pub fn keywords() -> impl Iterator<Item = &'static str> {
        SCALARS.iter().map(|row| row.keyword)
    }

    /// The first scalar type whose values have type `ty`, to name `ty` in messages.
    pub fn of(ty: &Ty) -> Option<ScalarType> {
        SCALARS
            .iter()
            .find(|row| row.ty == *ty)
            .map(|row| row.scalar)
    }
}

impl fmt::Display for ScalarType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.keyword())
    }
}

/// The type of the members of a `set`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SetType {
    Bank,
    Text,
    Country,
    Int,
}

impl SetType {
    /// Every set type, in the order "did you mean" and the help list them.
    pub const ALL: [SetType; 4] = [SetType::Bank, SetType::Text, SetType::Country, SetType::Int];

    /// The scalar type of its members (a `text` set also holds enumeration values).
    pub fn member(self) -> ScalarType {
        match self {
            SetType::Bank => ScalarType::Bank,
            SetType::Text => ScalarType::Text,
            SetType::Country => ScalarType::Country,
            SetType::Int => ScalarType::Int,
        }
    }

    /// The keyword, as written after `set NAME:`: its members' type.
    pub fn as_str(self) -> &'static str {
        self.member().keyword()
    }

    /// The set type a keyword names, if it names one.
    pub fn parse(keyword: &str) -> Option<SetType> {
        Self::ALL.into_iter().find(|t| t.as_str() == keyword)
    }

    /// The keywords, for "did you mean".
    pub fn keywords() -> impl Iterator<Item = &'static str> {
        Self::ALL.into_iter().map(SetType::as_str)
    }

    /// The type of its members as the type checker sees them, for a set tested without a
    /// value of known type (the lints).
    pub fn member_ty(self) -> Ty {
        self.member().ty()
    }

    /// Whether a value of type `ty` can be tested against a set of this type: a `text` set
    /// also holds the values of an enumeration.
    pub fn holds(self, ty: &Ty) -> bool {
        matches!(
            (self, ty),
            (SetType::Bank, Ty::Bank)
                | (SetType::Text, Ty::Text | Ty::Enum(_))
                | (SetType::Country, Ty::Country)
                | (SetType::Int, Ty::Int)
        )
    }
}

impl fmt::Display for SetType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A set type equals its keyword: `set.ty == "bank"`.
impl PartialEq<&str> for SetType {
    fn eq(&self, keyword: &&str) -> bool {
        self.as_str() == *keyword
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_the_order_of_the_enum() {
        for (i, row) in SCALARS.iter().enumerate() {
            assert_eq!(row.scalar as usize, i, "row of `{}`", row.keyword);
            assert_eq!(ScalarType::parse(row.keyword), Some(row.scalar));
            let named_as = ScalarType::of(&row.ty).expect("a scalar type's Ty has a name");
            assert!(
                named_as as usize <= i,
                "`{}`: named as the first with its Ty",
                row.keyword
            );
        }
        assert_eq!(ScalarType::parse("enum"), None);
        assert_eq!(ScalarType::of(&Ty::Enum(0)), None);
    }

    #[test]
    fn every_type_but_text_and_bank_names_its_finding() {
        for row in &SCALARS {
            let special = matches!(row.scalar, ScalarType::Text | ScalarType::Bank);
            assert_eq!(row.invalid.is_none(), special, "`{}`", row.keyword);
            if let Some(invalid) = &row.invalid {
                assert!(
                    invalid.code.is_finding(),
                    "`{}`: {}",
                    row.keyword,
                    invalid.code
                );
            }
        }
    }

    /// docs/language.md has a row for every type in its table of types, naming the finding.
    #[test]
    fn every_scalar_type_is_documented() {
        let doc = include_str!("../../docs/language.md");
        for row in &SCALARS {
            let line = doc
                .lines()
                .find(|l| l.starts_with(&format!("| `{}` |", row.keyword)))
                .unwrap_or_else(|| panic!("docs/language.md: no row for `{}`", row.keyword));
            if let Some(invalid) = &row.invalid {
                assert!(line.contains(invalid.code.as_str()), "{line}");
            }
        }
    }

    #[test]
    fn set_types_read_back() {
        for t in SetType::ALL {
            assert_eq!(SetType::parse(t.as_str()), Some(t));
            assert!(t.holds(&t.member_ty()), "{t}");
        }
        assert_eq!(SetType::parse("date"), None);
        assert_eq!(SetType::parse("Bank"), None);
        assert!(SetType::Text.holds(&Ty::Enum(0)));
        assert!(!SetType::Int.holds(&Ty::Text));
    }
}
