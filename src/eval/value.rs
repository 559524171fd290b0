//! Values: the typed profile as loaded against the schema, and what expressions evaluate to.

use std::borrow::Cow;

use jiff::civil::Date;

use crate::compile::ir::{BankId, Country, EnumId};
use crate::profile::ByteSpan;

/// A record of the profile, one slot per schema field (in schema order). Texts are borrowed
/// from the profile's text (`'t`) unless reading them changed them.
#[derive(Debug, Clone)]
pub struct PRecord<'t> {
    pub fields: Box<[PField<'t>]>,
    /// Where the record stands in the profile (its mapping).
    pub span: ByteSpan,
}

#[derive(Debug, Clone)]
pub struct PField<'t> {
    pub value: PVal<'t>,
    /// The value's place in the profile; `None` when the field is absent.
    pub span: Option<ByteSpan>,
}

/// A profile value after typing against the schema.
#[derive(Debug, Clone)]
pub enum PVal<'t> {
    /// Absent or null.
    Missing,
    /// Present but not of the declared type; a finding already says so.
    Invalid,
    Text(Cow<'t, str>),
    Date(Date),
    Bool(bool),
    Int(i64),
    Bank(BankId),
    Enum(u16),
    Country(Country),
    Record(PRecord<'t>),
    List(Box<[PField<'t>]>),
}

/// What an expression evaluates to. Borrowed from the profile where possible.
#[derive(Debug, Clone, PartialEq)]
pub enum Val<'a> {
    /// The value cannot be known: a field is absent or invalid. `reported` is true when a
    /// finding about the profile already covers it (a required field missing, an invalid
    /// value), so a requirement that cannot be judged stays quiet instead of piling on.
    Unknown {
        reported: bool,
    },
    Bool(bool),
    Int(i64),
    Text(Cow<'a, str>),
    Date(Date),
    Bank(BankId),
    Enum(EnumId, u16),
    Country(Country),
    Record(&'a PRecord<'a>),
    List(&'a [PField<'a>]),
}

impl PartialEq for PRecord<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl PartialEq for PField<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl<'a> Val<'a> {
    pub const UNKNOWN: Val<'static> = Val::Unknown { reported: false };

    pub fn is_unknown(&self) -> bool {
        matches!(self, Val::Unknown { .. })
    }

    pub fn as_text(&self) -> Option<&str> {
        match self {
            Val::Text(t) => Some(t),
            _ => None,
        }
    }
}
