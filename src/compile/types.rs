//! The type keywords of the rule language, each defined once: the types of values a set holds
//! (`set alipay_banks: bank = [...]`).
//!
//! The AST keeps the keyword as written (with its span, for messages); the compiler reads it
//! here, the IR stores the enum, and everything after matches on the enum.

use std::fmt;

use super::ir::Ty;

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

    /// The keyword, as written after `set NAME:`.
    pub const fn as_str(self) -> &'static str {
        match self {
            SetType::Bank => "bank",
            SetType::Text => "text",
            SetType::Country => "country",
            SetType::Int => "int",
        }
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
        match self {
            SetType::Bank => Ty::Bank,
            SetType::Text => Ty::Text,
            SetType::Country => Ty::Country,
            SetType::Int => Ty::Int,
        }
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
