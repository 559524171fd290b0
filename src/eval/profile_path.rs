//! The path of a value in the profile (`bank_cards[0].bank`), as typing walks down to it.
//!
//! Typing visits every field of every profile, and only the few with a problem need their path
//! as text: the path is a chain of borrowed links on the stack, written out only for a finding.

use std::fmt;

#[derive(Clone, Copy)]
pub enum ProfilePath<'p> {
    /// The profile itself.
    Root,
    /// A named field of the record at the parent path.
    Field(&'p ProfilePath<'p>, &'p str),
    /// An item of the list at the parent path.
    Item(&'p ProfilePath<'p>, usize),
}

impl<'p> ProfilePath<'p> {
    pub fn is_root(&self) -> bool {
        matches!(self, ProfilePath::Root)
    }

    pub fn field(&'p self, name: &'p str) -> ProfilePath<'p> {
        ProfilePath::Field(self, name)
    }

    pub fn item(&'p self, index: usize) -> ProfilePath<'p> {
        ProfilePath::Item(self, index)
    }

    /// The path's last part: `bank` for `bank_cards[0].bank`, `bank_cards[0]` for that item.
    pub fn last_name(&self) -> String {
        match self {
            ProfilePath::Root => String::new(),
            ProfilePath::Field(_, name) => (*name).to_string(),
            ProfilePath::Item(parent, index) => format!("{}[{index}]", parent.last_name()),
        }
    }
}

impl fmt::Display for ProfilePath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProfilePath::Root => Ok(()),
            ProfilePath::Field(parent, name) if parent.is_root() => f.write_str(name),
            ProfilePath::Field(parent, name) => write!(f, "{parent}.{name}"),
            ProfilePath::Item(parent, index) => write!(f, "{parent}[{index}]"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ProfilePath;

    #[test]
    fn paths_read_as_the_profile_writes_them() {
        let root = ProfilePath::Root;
        let cards = root.field("bank_cards");
        let first = cards.item(0);
        let bank = first.field("bank");
        assert_eq!(bank.to_string(), "bank_cards[0].bank");
        assert_eq!(bank.last_name(), "bank");
        assert_eq!(first.last_name(), "bank_cards[0]");
        assert_eq!(
            root.field("document").field("pages").item(2).last_name(),
            "pages[2]"
        );
        assert_eq!(root.field("name").to_string(), "name");
        assert_eq!(root.to_string(), "");
        assert!(root.is_root() && !cards.is_root());
    }
}
