//! The bank registry: every way of writing a bank resolves to one id, and card-number prefixes
//! resolve to the bank that issued the card.

use std::collections::HashMap;

use super::ir::{BankId, CardPrefix};

/// The lookup key for a bank name: case-folded, with runs of spaces, dots, hyphens and
/// brackets collapsed, so "china merchants  bank" finds "China Merchants Bank".
pub fn bank_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.trim().chars() {
        if c.is_whitespace() || matches!(c, '-' | '.' | '·' | '(' | ')' | '（' | '）' | ',') {
            pending_space = !key.is_empty();
        } else {
            if pending_space {
                key.push(' ');
                pending_space = false;
            }
            key.extend(c.to_lowercase());
        }
    }
    key
}

/// Card-number prefixes grouped by length, so a lookup tries each prefix length once,
/// longest first, and prefers an entry whose card length matches the number.
#[derive(Debug, Clone, Default)]
pub struct PrefixIndex {
    by_prefix: HashMap<Box<str>, Vec<CardPrefix>>,
    /// Distinct prefix lengths, longest first.
    lengths: Vec<usize>,
}

impl PrefixIndex {
    pub fn new(prefixes: Vec<CardPrefix>) -> Self {
        let mut by_prefix: HashMap<Box<str>, Vec<CardPrefix>> = HashMap::new();
        let mut lengths = Vec::new();
        for p in prefixes {
            if !lengths.contains(&p.prefix.len()) {
                lengths.push(p.prefix.len());
            }
            by_prefix.entry(p.prefix.clone()).or_default().push(p);
        }
        lengths.sort_unstable_by(|a, b| b.cmp(a));
        PrefixIndex { by_prefix, lengths }
    }

    pub fn len(&self) -> usize {
        self.by_prefix.values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.by_prefix.is_empty()
    }

    /// The registry entry for a card number (digits only): the longest matching prefix,
    /// preferring an entry whose card length equals the number's length.
    pub fn lookup(&self, digits: &str) -> Option<&CardPrefix> {
        for &len in &self.lengths {
            if digits.len() < len {
                continue;
            }
            if let Some(entries) = self.by_prefix.get(&digits[..len]) {
                return entries
                    .iter()
                    .find(|e| e.length as usize == digits.len())
                    .or_else(|| entries.first());
            }
        }
        None
    }

    pub fn bank_of(&self, digits: &str) -> Option<BankId> {
        self.lookup(digits).map(|p| p.bank)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_spacing_and_punctuation() {
        assert_eq!(bank_key("  China  Merchants Bank "), "china merchants bank");
        assert_eq!(
            bank_key("china merchants bank"),
            bank_key("CHINA MERCHANTS BANK")
        );
        assert_eq!(bank_key("招商银行"), "招商银行");
        assert_eq!(
            bank_key("Bank of China (Hong Kong)"),
            "bank of china hong kong"
        );
    }

    #[test]
    fn longest_prefix_and_matching_length_win() {
        let p = |prefix: &str, bank: BankId, length: u32| CardPrefix {
            prefix: prefix.into(),
            bank,
            kind: "debit".into(),
            length,
        };
        let index = PrefixIndex::new(vec![
            p("621260", 1, 16),
            p("621260", 2, 19),
            p("621260001", 3, 19),
        ]);
        assert_eq!(index.bank_of("6212600010000000000"), Some(3));
        assert_eq!(index.bank_of("6212609990000000000"), Some(2));
        assert_eq!(index.bank_of("6212609990000000"), Some(1));
        assert_eq!(index.bank_of("4000000000000000"), None);
    }
}
