//! The floor: rules/alipay.rules written by hand in Rust over a `serde_json::Value`.
//!
//! Included with `#[path]` by benches/compare.rs and tests/peers.rs. It checks what realname
//! checks for `--app alipay` (the profile schema of rules/profile.rules, then every requirement
//! of the app on the day given) and returns the findings realname would give, by code, field
//! and severity, with realname's three-valued logic: a value that is missing from an optional
//! field fails the requirement that reads it; a value already reported (a missing required
//! field, an invalid value) keeps the requirement quiet. Nothing is interpreted: every rule is
//! a few lines of Rust, and the only allocation of a check is the vector of findings.
//!
//! What it leaves out, because the example profiles never need it and a hand-written checker
//! would not do it either: texts are compared as typed, not in realname's NFKC form (a
//! look-alike character is reported, as realname does, but not replaced); a number or boolean
//! where a text belongs is `profile/wrong-type` (realname reads it as text); the machine-readable
//! zone is read only when it is ASCII. benches/peers/README.md says more.

use std::collections::HashMap;
use std::fmt;

use jiff::civil::Date;
use jiff::ToSpan;
use realname::Severity;
use regex::Regex;
use serde_json::{Map, Value};
use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};
use unicode_segmentation::UnicodeSegmentation;

/// Where a finding points, as realname writes it: `name`, `document.number`,
/// `bank_cards[1].holder`. Kept in parts so a finding allocates nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Field<'p> {
    /// The record the field is in: `""` for the top level, `"document"`, or `"bank_cards"`
    /// for a card (with its index in `card`).
    pub record: &'static str,
    pub card: Option<usize>,
    /// The field's own name; `""` for a card itself. Borrowed from the profile for a key the
    /// schema does not know.
    pub key: &'p str,
}

impl fmt::Display for Field<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.record, self.card, self.key) {
            ("", _, key) => f.write_str(key),
            (record, Some(i), "") => write!(f, "{record}[{i}]"),
            (record, Some(i), key) => write!(f, "{record}[{i}].{key}"),
            (record, None, key) => write!(f, "{record}.{key}"),
        }
    }
}

/// One refusal or warning: `alipay/adult` at `birth_date`, an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HandFinding<'p> {
    pub code: &'static str,
    pub field: Field<'p>,
    pub severity: Severity,
}

/// A value as the requirements see it. `Absent` is an optional field that is not there (a
/// requirement that needs it is not met); `Reported` is a value that already has a profile
/// finding (missing though required, or invalid), which no requirement judges again.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Read<T> {
    Value(T),
    Absent,
    Reported,
}

/// Three-valued truth, as realname's conditions have it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Truth {
    True,
    False,
    /// Unknown; `true` when every unknown it comes from was already reported.
    Unknown(bool),
}

impl Truth {
    fn of(b: bool) -> Truth {
        if b {
            Truth::True
        } else {
            Truth::False
        }
    }

    fn and(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::False, _) | (_, Truth::False) => Truth::False,
            (Truth::True, t) | (t, Truth::True) => t,
            (Truth::Unknown(a), Truth::Unknown(b)) => Truth::Unknown(a && b),
        }
    }

    fn not(self) -> Truth {
        match self {
            Truth::True => Truth::False,
            Truth::False => Truth::True,
            unknown => unknown,
        }
    }
}

impl<T: Copy> Read<T> {
    /// A condition on the value: unknown when the value is.
    fn test(self, condition: impl FnOnce(T) -> bool) -> Truth {
        match self {
            Read::Value(v) => Truth::of(condition(v)),
            Read::Absent => Truth::Unknown(false),
            Read::Reported => Truth::Unknown(true),
        }
    }
}

/// A bank of the registry, by its place in rules/banks.rules.
type BankId = u16;

/// A bank as a profile names it: one of the registry, or one the registry does not know
/// (which is in no set and equal to no bank).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Bank {
    Known(BankId),
    Unregistered,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum DocumentType {
    Passport,
    PermanentResidenceCard,
    ResidencePermitForForeigners,
    TravelPermitHkMacaoTaiwan,
    ResidencePermitHkMacaoTaiwan,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum CardKind {
    Debit,
    Credit,
    Passbook,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Account {
    Current,
    Fixed,
}

const DOCUMENT_TYPES: [(&str, DocumentType); 5] = [
    ("passport", DocumentType::Passport),
    (
        "permanent_residence_card",
        DocumentType::PermanentResidenceCard,
    ),
    (
        "residence_permit_for_foreigners",
        DocumentType::ResidencePermitForForeigners,
    ),
    (
        "travel_permit_hk_macao_taiwan",
        DocumentType::TravelPermitHkMacaoTaiwan,
    ),
    (
        "residence_permit_hk_macao_taiwan",
        DocumentType::ResidencePermitHkMacaoTaiwan,
    ),
];
const CARD_KINDS: [(&str, CardKind); 3] = [
    ("debit", CardKind::Debit),
    ("credit", CardKind::Credit),
    ("passbook", CardKind::Passbook),
];
const NETWORKS: [(&str, ()); 7] = [
    ("unionpay", ()),
    ("visa", ()),
    ("mastercard", ()),
    ("jcb", ()),
    ("amex", ()),
    ("diners", ()),
    ("discover", ()),
];
const ACCOUNTS: [(&str, Account); 2] = [("current", Account::Current), ("fixed", Account::Fixed)];

/// The fields of each record of rules/profile.rules, for `profile/unknown-field`.
const ROOT_FIELDS: [&str; 6] = [
    "name",
    "birth_date",
    "nationality",
    "phone",
    "document",
    "bank_cards",
];
const DOCUMENT_FIELDS: [&str; 6] = [
    "type",
    "number",
    "expiry_date",
    "mrz",
    "info_page_photo",
    "entry_stamp_photo",
];
const CARD_FIELDS: [&str; 7] = [
    "bank",
    "kind",
    "network",
    "issued_in",
    "holder",
    "account",
    "number",
];

/// The 13 banks of `alipay_banks` in rules/alipay.rules.
const ALIPAY_BANKS: [&str; 13] = [
    "CIB", "CMBC", "SPDB", "ICBC", "CMB", "COMM", "BOC", "GDB", "CITIC", "CEB", "HZCB", "PSBC",
    "SPABANK",
];

/// The bank registry of rules/banks.rules: every key of every bank, and the card-number
/// prefixes. Built once, like the compiled validator of jsonschema.
struct Registry {
    /// Bank keys folded as [`fold_bank_key`] folds them.
    by_key: HashMap<String, BankId>,
    /// Card-number prefix → (card length, bank), in the order of the file.
    by_prefix: HashMap<String, Vec<(usize, BankId)>>,
    /// The prefix lengths present, longest first.
    prefix_lengths: Vec<usize>,
    codes: Vec<String>,
}

/// No key of the registry is longer than this once folded; a longer text names no bank.
const MAX_BANK_KEY: usize = 128;

impl Registry {
    fn parse(text: &str) -> Registry {
        let mut registry = Registry {
            by_key: HashMap::new(),
            by_prefix: HashMap::new(),
            prefix_lengths: Vec::new(),
            codes: Vec::new(),
        };
        let mut tokens = tokens(text).peekable();
        while let Some(token) = tokens.next() {
            match token {
                "bank" => {
                    let code = tokens.next().expect("a bank code after `bank`");
                    registry.codes.push(code.to_string());
                    let id = (registry.codes.len() - 1) as BankId;
                    registry.add_key(code, id);
                }
                "name" | "local_name" => {
                    let id = (registry.codes.len() - 1) as BankId;
                    let key = tokens.next().expect("a quoted name");
                    registry.add_key(unquote(key), id);
                }
                "aliases" => {
                    let id = (registry.codes.len() - 1) as BankId;
                    for key in quoted_list(&mut tokens) {
                        registry.add_key(key, id);
                    }
                }
                "prefixes" => {
                    let id = (registry.codes.len() - 1) as BankId;
                    let _kind = tokens.next();
                    let length: usize = tokens
                        .next()
                        .and_then(|l| l.parse().ok())
                        .expect("a card length after the kind");
                    for prefix in quoted_list(&mut tokens) {
                        registry
                            .by_prefix
                            .entry(prefix.to_string())
                            .or_default()
                            .push((length, id));
                        if !registry.prefix_lengths.contains(&prefix.len()) {
                            registry.prefix_lengths.push(prefix.len());
                        }
                    }
                }
                _ => {}
            }
        }
        registry.prefix_lengths.sort_unstable_by(|a, b| b.cmp(a));
        registry
    }

    fn add_key(&mut self, key: &str, id: BankId) {
        let mut buffer = [0u8; MAX_BANK_KEY];
        let folded = fold_bank_key(key, &mut buffer).expect("registry keys are short");
        self.by_key.insert(folded.to_string(), id);
    }

    fn id(&self, code: &str) -> BankId {
        self.codes
            .iter()
            .position(|c| c == code)
            .unwrap_or_else(|| panic!("{code} is in rules/banks.rules")) as BankId
    }

    fn bank(&self, typed: &str) -> Bank {
        let mut buffer = [0u8; MAX_BANK_KEY];
        match fold_bank_key(typed, &mut buffer).and_then(|k| self.by_key.get(k)) {
            Some(&id) => Bank::Known(id),
            None => Bank::Unregistered,
        }
    }

    /// `card_bank(number)`: the longest prefix of the number's digits that the registry has,
    /// preferring the entry whose card length is the number's.
    fn card_bank(&self, number: &str) -> Option<BankId> {
        let mut first_digits = [0u8; 16];
        let mut count = 0;
        for b in number.bytes().filter(u8::is_ascii_digit) {
            if count < first_digits.len() {
                first_digits[count] = b;
            }
            count += 1;
        }
        for &length in &self.prefix_lengths {
            if count < length || length > first_digits.len() {
                continue;
            }
            let prefix = std::str::from_utf8(&first_digits[..length]).expect("digits");
            if let Some(entries) = self.by_prefix.get(prefix) {
                let entry = entries
                    .iter()
                    .find(|(card_length, _)| *card_length == count)
                    .or(entries.first());
                return entry.map(|&(_, bank)| bank);
            }
        }
        None
    }
}

/// The words, quoted strings and brackets of a rule file, comments left out.
fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(|line| match line.find("//") {
            // No quoted text of banks.rules holds `//`.
            Some(at) => &line[..at],
            None => line,
        })
        .flat_map(|line| {
            let mut rest = line;
            std::iter::from_fn(move || {
                rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
                if rest.is_empty() {
                    return None;
                }
                let end = if let Some(quoted) = rest.strip_prefix('"') {
                    quoted.find('"').map_or(rest.len(), |i| i + 2)
                } else if rest.starts_with(['[', ']', '{', '}']) {
                    1
                } else {
                    rest.find(|c: char| c.is_whitespace() || "[]{},\"".contains(c))
                        .unwrap_or(rest.len())
                };
                let (token, tail) = rest.split_at(end);
                rest = tail;
                Some(token)
            })
        })
}

fn unquote(token: &str) -> &str {
    token.trim_matches('"')
}

/// The quoted texts of `[ ... ]`.
fn quoted_list<'t>(tokens: &mut impl Iterator<Item = &'t str>) -> Vec<&'t str> {
    assert_eq!(tokens.next(), Some("["), "a list starts with [");
    tokens
        .take_while(|t| *t != "]")
        .map(unquote)
        .collect::<Vec<_>>()
}

/// A bank's key as realname compares it: case folded, runs of spaces and `-.·,()（）` one space,
/// trimmed. Written into `buffer`; `None` when it does not fit (then it names no bank).
fn fold_bank_key<'b>(text: &str, buffer: &'b mut [u8; MAX_BANK_KEY]) -> Option<&'b str> {
    let mut len = 0;
    let mut pending_space = false;
    let mut push = |c: char, len: &mut usize| -> Option<()> {
        let width = c.len_utf8();
        if *len + width > buffer.len() {
            return None;
        }
        c.encode_utf8(&mut buffer[*len..]);
        *len += width;
        Some(())
    };
    for c in text.trim().chars() {
        if c.is_whitespace() || matches!(c, '-' | '.' | '·' | '(' | ')' | '（' | '）' | ',') {
            pending_space = len > 0;
        } else {
            if pending_space {
                push(' ', &mut len)?;
                pending_space = false;
            }
            for lower in c.to_lowercase() {
                push(lower, &mut len)?;
            }
        }
    }
    std::str::from_utf8(&buffer[..len]).ok()
}

/// Whether `typed` is the enumeration's `word`: any letter case, spaces or hyphens for the
/// underscores (a run of them one separator), spaces around it.
fn enum_word_is(typed: &str, word: &str) -> bool {
    let mut typed = typed.trim().bytes().peekable();
    let mut word = word.bytes();
    let is_separator = |b: u8| matches!(b, b'_' | b' ' | b'-');
    loop {
        match (typed.next(), word.next()) {
            (None, None) => return true,
            (Some(t), Some(b'_')) if is_separator(t) => {
                while typed.next_if(|&t| is_separator(t)).is_some() {}
            }
            (Some(t), Some(w)) if t.eq_ignore_ascii_case(&w) => {}
            _ => return false,
        }
    }
}

/// A date as realname reads one: `YYYY-MM-DD`, one-digit months and days, and a timestamp
/// (the date, then `T`, `t` or a space and anything) whose date is taken.
fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    let (year, rest) = text.split_at_checked(4)?;
    let rest = rest.strip_prefix('-')?;
    let month_len = rest.bytes().take_while(u8::is_ascii_digit).count();
    let (month, rest) = rest.split_at(month_len);
    let rest = rest.strip_prefix('-')?;
    let day_len = rest.bytes().take_while(u8::is_ascii_digit).count();
    let (day, rest) = rest.split_at(day_len);
    if !(1..=2).contains(&month.len())
        || !(1..=2).contains(&day.len())
        || !year.bytes().all(|b| b.is_ascii_digit())
        || !(rest.is_empty() || rest.starts_with(['T', 't', ' ']))
    {
        return None;
    }
    Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?).ok()
}

/// `age(born)` on `today`: whole years, the birthday itself counting.
fn age(born: Date, today: Date) -> i32 {
    let years = i32::from(today.year()) - i32::from(born.year());
    if (today.month(), today.day()) < (born.month(), born.day()) {
        years - 1
    } else {
        years
    }
}

fn luhn(digits: &[u8; 19], count: usize) -> bool {
    let sum: u32 = digits[..count]
        .iter()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let doubled = d * 2;
                if doubled > 9 {
                    doubled - 9
                } else {
                    doubled
                }
            } else {
                d
            }
        })
        .sum();
    count > 0 && sum % 10 == 0
}

/// The 7-3-1 check digit of the machine-readable zone, as an ASCII digit.
fn check_digit_731(chars: &[u8]) -> u8 {
    const WEIGHTS: [u32; 3] = [7, 3, 1];
    let sum: u32 = chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let value = match c {
                b'0'..=b'9' => u32::from(c - b'0'),
                b'A'..=b'Z' => u32::from(c - b'A') + 10,
                _ => 0,
            };
            value * WEIGHTS[i % 3]
        })
        .sum();
    b'0' + (sum % 10) as u8
}

/// `from_yymmdd(text, latest)`: the day in the hundred years that end on `latest`.
fn from_yymmdd(text: &[u8], latest: Date) -> Option<Date> {
    if text.len() != 6 || !text.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let two = |i: usize| i16::from(text[i] - b'0') * 10 + i16::from(text[i + 1] - b'0');
    let (yy, month, day) = (two(0), two(2) as i8, two(4) as i8);
    let century = latest.year() - latest.year().rem_euclid(100);
    let this_century = Date::new(century + yy, month, day).ok()?;
    if this_century <= latest {
        Some(this_century)
    } else {
        Date::new(century - 100 + yy, month, day).ok()
    }
}

/// A passport's machine-readable zone, well formed: two lines of 44 capitals, digits and `<`.
struct Mrz {
    line1: [u8; 44],
    line2: [u8; 44],
}

impl Mrz {
    /// The zone as rules/mrz.rules reads it: spaces dropped, capitals, each line trimmed; two
    /// lines of 44, the first starting with P, no third line. `None` when not well formed.
    fn read(typed: &str) -> Option<Mrz> {
        let mut lines = typed.split('\n');
        let line1 = mrz_line(lines.next()?)?;
        let line2 = mrz_line(lines.next()?)?;
        let third_is_empty = lines
            .next()
            .is_none_or(|l| l.chars().all(char::is_whitespace));
        (line1[0] == b'P' && third_is_empty).then_some(Mrz { line1, line2 })
    }

    /// Characters `first` to `last` of line 2, counted from 1 as rules/mrz.rules does.
    fn line2(&self, first: usize, last: usize) -> &[u8] {
        &self.line2[first - 1..last]
    }

    fn check(&self, first: usize, last: usize, at: usize) -> bool {
        check_digit_731(self.line2(first, last)) == self.line2[at - 1]
    }

    /// `mrz_check_digits_hold`: every check digit of line 2, and the one over them all.
    fn check_digits_hold(&self) -> bool {
        let composite = self
            .line2(1, 10)
            .iter()
            .chain(self.line2(14, 20))
            .chain(self.line2(22, 43));
        let mut all = [0u8; 10 + 7 + 22];
        for (slot, &c) in all.iter_mut().zip(composite) {
            *slot = c;
        }
        self.check(1, 9, 10)
            && self.check(14, 19, 20)
            && self.check(22, 27, 28)
            && (self.check(29, 42, 43) || self.line2(29, 43).iter().all(|&c| c == b'<'))
            && check_digit_731(&all) == self.line2[43]
    }

    /// The document number: positions 1 to 9 without the `<` that pad it.
    fn number(&self) -> impl Iterator<Item = char> + Clone + '_ {
        self.line2(1, 9)
            .iter()
            .filter(|&&c| c != b'<')
            .map(|&c| char::from(c))
    }

    fn number_whole(&self) -> bool {
        self.line2[9] != b'<'
    }

    fn name_area(&self) -> &[u8] {
        &self.line1[5..44]
    }

    fn name_whole(&self) -> bool {
        self.line1[43] == b'<'
    }
}

/// One line of the zone: spaces dropped, trimmed, capitals; exactly 44 of `A-Z0-9<`.
fn mrz_line(line: &str) -> Option<[u8; 44]> {
    let mut out = [0u8; 44];
    let mut len = 0;
    for c in line.trim().chars().filter(|&c| c != ' ') {
        let c = c.to_ascii_uppercase();
        if !(c.is_ascii_uppercase() || c.is_ascii_digit() || c == '<') || len == out.len() {
            return None;
        }
        out[len] = c as u8;
        len += 1;
    }
    (len == out.len()).then_some(out)
}

/// A typed name in the letters of the zone (rules/mrz.rules `mrz_letters`, or with `short`
/// `mrz_letters_short`), words separated by one space, in `buffer`. `None` when a letter stays
/// that the zone cannot hold or the name is longer than the zone's name area: then it cannot
/// have the zone's words.
fn mrz_letters<'b>(name: &str, short: bool, buffer: &'b mut [u8; 48]) -> Option<&'b [u8]> {
    let mut len = 0;
    let mut push = |b: u8| -> Option<()> {
        if b == b' ' && (len == 0 || buffer[len - 1] == b' ') {
            return Some(());
        }
        *buffer.get_mut(len)? = b;
        len += 1;
        Some(())
    };
    for upper in name.chars().flat_map(char::to_uppercase) {
        let replacement: &[u8] = match (upper, short) {
            ('\'', _) => continue,
            ('Ä', false) => b"AE",
            ('Ö', false) => b"OE",
            ('Ü', false) => b"UE",
            ('Å', false) => b"AA",
            ('Æ', _) => b"AE",
            ('Ø', false) | ('Œ', _) => b"OE",
            ('Ø', true) => b"O",
            ('Þ', _) => b"TH",
            _ => b"",
        };
        if !replacement.is_empty() {
            for &b in replacement {
                push(b)?;
            }
            continue;
        }
        let mut refused = false;
        let mut result = Some(());
        decompose_canonical(upper, |c| {
            if refused || is_combining_mark(c) {
                return;
            }
            if c.is_ascii_alphanumeric() {
                result = result.and_then(|_| push(c.to_ascii_uppercase() as u8));
            } else if c.is_alphanumeric() {
                refused = true;
            } else {
                result = result.and_then(|_| push(b' '));
            }
        });
        if refused {
            return None;
        }
        result?;
    }
    let end = if len > 0 && buffer[len - 1] == b' ' {
        len - 1
    } else {
        len
    };
    Some(&buffer[..end])
}

/// `same_words`: the same words in any order, as many times each.
fn same_words(a: &[u8], b: &[u8]) -> bool {
    let count_in = |t: &[u8], w: &[u8]| words_of(t).filter(|x| *x == w).count();
    words_of(a).count() == words_of(b).count()
        && words_of(a).all(|w| count_in(a, w) == count_in(b, w))
}

fn words_of(t: &[u8]) -> impl Iterator<Item = &[u8]> + '_ {
    t.split(|c| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Whether realname reads the text as typed: no invisible characters, and already in NFKC
/// (up to the difference between NFC and NFD, which is no difference).
fn in_ordinary_form(text: &str) -> bool {
    let invisible = |c: char| {
        matches!(
            c,
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}'
        )
    };
    text.is_ascii()
        || (!text.chars().any(invisible) && is_nfkc_quick(text.chars()) == IsNormalized::Yes)
        || text
            .chars()
            .filter(|&c| !invisible(c))
            .nfkc()
            .eq(text.nfc())
}

/// An ISO 3166 code of two or three letters in any case. The crate's `_caseless` lookups
/// build an upper-case `String`; capitals on the stack do the same without allocating.
fn country_code(text: &str) -> Option<isocountry::CountryCode> {
    let mut upper = [0u8; 3];
    if !(2..=3).contains(&text.len()) || !text.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    for (slot, b) in upper.iter_mut().zip(text.bytes()) {
        *slot = b.to_ascii_uppercase();
    }
    let code = std::str::from_utf8(&upper[..text.len()]).ok()?;
    match code.len() {
        2 => isocountry::CountryCode::for_alpha2(code).ok(),
        _ => isocountry::CountryCode::for_alpha3(code).ok(),
    }
}

/// Graphemes, as realname's `len` counts a text.
fn text_len(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.graphemes(true).count()
    }
}

/// The checker: the bank registry and the two patterns that need Unicode scripts, built once.
pub struct AlipayByHand {
    registry: Registry,
    accepted: Vec<bool>,
    cmb: BankId,
    boc: BankId,
    hzcb: BankId,
    abc: BankId,
    /// `name_characters`: Chinese characters, Latin letters, marks, spaces, dots and hyphens.
    name_characters: Regex,
    han: Regex,
}

impl Default for AlipayByHand {
    fn default() -> Self {
        Self::new()
    }
}

impl AlipayByHand {
    pub fn new() -> AlipayByHand {
        let registry = Registry::parse(include_str!("../../rules/banks.rules"));
        let mut accepted = vec![false; registry.codes.len()];
        for code in ALIPAY_BANKS {
            accepted[registry.id(code) as usize] = true;
        }
        AlipayByHand {
            accepted,
            cmb: registry.id("CMB"),
            boc: registry.id("BOC"),
            hzcb: registry.id("HZCB"),
            abc: registry.id("ABC"),
            registry,
            name_characters: Regex::new(r"^[\p{Han}\p{Latin}\p{M} .·\-]+$").unwrap(),
            han: Regex::new(r"\p{Han}").unwrap(),
        }
    }

    /// Checks a profile against Alipay's rules on `today`.
    pub fn check<'p>(&self, profile: &'p Value, today: Date) -> Vec<HandFinding<'p>> {
        let mut check = Check {
            rules: self,
            today,
            out: Vec::new(),
        };
        check.profile(profile);
        check.out
    }
}

/// One check in progress.
struct Check<'r, 'p> {
    rules: &'r AlipayByHand,
    today: Date,
    out: Vec<HandFinding<'p>>,
}

const TOP: &str = "";
const DOCUMENT: &str = "document";
const CARDS: &str = "bank_cards";

/// A record of the profile: its fields when it is a mapping.
#[derive(Clone, Copy)]
struct Record<'p> {
    fields: Option<&'p Map<String, Value>>,
    name: &'static str,
    card: Option<usize>,
}

impl<'p> Record<'p> {
    fn field(&self, key: &'p str) -> Field<'p> {
        Field {
            record: self.name,
            card: self.card,
            key,
        }
    }
}

impl<'p> Check<'_, 'p> {
    fn push(&mut self, code: &'static str, field: Field<'p>, severity: Severity) {
        self.out.push(HandFinding {
            code,
            field,
            severity,
        });
    }

    fn error(&mut self, code: &'static str, field: Field<'p>) {
        self.push(code, field, Severity::Error);
    }

    /// `require` of an error requirement: a finding unless met or already reported.
    fn require(&mut self, truth: Truth, code: &'static str, field: Field<'p>) {
        self.require_as(truth, code, field, Severity::Error);
    }

    fn require_as(
        &mut self,
        truth: Truth,
        code: &'static str,
        field: Field<'p>,
        severity: Severity,
    ) {
        if matches!(truth, Truth::False | Truth::Unknown(false)) {
            self.push(code, field, severity);
        }
    }

    /// A mapping with the schema's fields; a key it does not know is a warning.
    fn record(
        &mut self,
        value: Option<&'p Value>,
        name: &'static str,
        card: Option<usize>,
        known: &[&str],
        field: Field<'p>,
    ) -> Record<'p> {
        let fields = match value {
            Some(Value::Object(map)) => Some(map),
            _ => {
                self.error("profile/wrong-type", field);
                None
            }
        };
        let record = Record { fields, name, card };
        for key in fields.into_iter().flat_map(Map::keys) {
            if !known.contains(&key.as_str()) {
                self.push(
                    "profile/unknown-field",
                    record.field(key),
                    Severity::Warning,
                );
            }
        }
        record
    }

    /// A value of the record, `None` when absent or null; a blank required text is missing.
    fn raw(&mut self, record: Record<'p>, key: &'static str, required: bool) -> Option<&'p Value> {
        let value = record
            .fields
            .and_then(|f| f.get(key))
            .filter(|v| !v.is_null());
        let blank = matches!(value, Some(Value::String(s)) if s.trim().is_empty());
        match value {
            Some(v) if !blank => Some(v),
            _ => {
                if required {
                    self.error("profile/missing", record.field(key));
                }
                None
            }
        }
    }

    fn absent<T>(required: bool) -> Read<T> {
        if required {
            Read::Reported
        } else {
            Read::Absent
        }
    }

    /// A single value that is a string; anything else is `profile/wrong-type`.
    fn string(&mut self, record: Record<'p>, key: &'static str, required: bool) -> Read<&'p str> {
        match self.raw(record, key, required) {
            None => Self::absent(required),
            Some(Value::String(s)) => Read::Value(s),
            Some(_) => {
                self.error("profile/wrong-type", record.field(key));
                Read::Reported
            }
        }
    }

    fn text(&mut self, record: Record<'p>, key: &'static str, required: bool) -> Read<&'p str> {
        let read = self.string(record, key, required);
        if let Read::Value(s) = read {
            if !in_ordinary_form(s) {
                self.push(
                    "profile/look-alike-characters",
                    record.field(key),
                    Severity::Warning,
                );
            }
        }
        read
    }

    fn date(&mut self, record: Record<'p>, key: &'static str) -> Read<Date> {
        match self.string(record, key, true) {
            Read::Value(s) => match parse_date(s) {
                Some(d) => Read::Value(d),
                None => {
                    self.error("profile/invalid-date", record.field(key));
                    Read::Reported
                }
            },
            Read::Absent => Read::Absent,
            Read::Reported => Read::Reported,
        }
    }

    fn choice<T: Copy>(
        &mut self,
        record: Record<'p>,
        key: &'static str,
        required: bool,
        words: &[(&str, T)],
    ) -> Read<T> {
        match self.string(record, key, required) {
            Read::Value(s) => match words.iter().find(|(w, _)| enum_word_is(s, w)) {
                Some(&(_, v)) => Read::Value(v),
                None => {
                    self.error("profile/unknown-value", record.field(key));
                    Read::Reported
                }
            },
            Read::Absent => Read::Absent,
            Read::Reported => Read::Reported,
        }
    }

    fn boolean(&mut self, record: Record<'p>, key: &'static str) -> Read<bool> {
        match self.raw(record, key, false) {
            None => Read::Absent,
            Some(Value::Bool(b)) => Read::Value(*b),
            Some(Value::String(s)) => {
                let s = s.trim();
                let is = |words: [&str; 4]| words.iter().any(|w| s.eq_ignore_ascii_case(w));
                if is(["true", "yes", "on", "y"]) {
                    Read::Value(true)
                } else if is(["false", "no", "off", "n"]) {
                    Read::Value(false)
                } else {
                    self.error("profile/invalid-bool", record.field(key));
                    Read::Reported
                }
            }
            Some(_) => {
                self.error("profile/invalid-bool", record.field(key));
                Read::Reported
            }
        }
    }

    /// A country code: CN and CHN are the same country.
    fn country(
        &mut self,
        record: Record<'p>,
        key: &'static str,
        required: bool,
    ) -> Read<isocountry::CountryCode> {
        match self.string(record, key, required) {
            Read::Value(s) => match country_code(s.trim()) {
                Some(c) => Read::Value(c),
                None => {
                    self.error("profile/unknown-country", record.field(key));
                    Read::Reported
                }
            },
            Read::Absent => Read::Absent,
            Read::Reported => Read::Reported,
        }
    }

    fn bank(&mut self, record: Record<'p>, key: &'static str) -> Read<Bank> {
        match self.string(record, key, true) {
            Read::Value(s) => {
                let bank = self.rules.registry.bank(s);
                if bank == Bank::Unregistered {
                    self.push("profile/unknown-bank", record.field(key), Severity::Warning);
                }
                Read::Value(bank)
            }
            Read::Absent => Read::Absent,
            Read::Reported => Read::Reported,
        }
    }

    fn profile(&mut self, profile: &'p Value) {
        let root_field = Field {
            record: TOP,
            card: None,
            key: "",
        };
        let root = self.record(Some(profile), TOP, None, &ROOT_FIELDS, root_field);
        let name = self.text(root, "name", true);
        let birth_date = self.date(root, "birth_date");
        self.country(root, "nationality", false);
        let phone = self.text(root, "phone", true);
        let document_value = self.raw(root, "document", true);
        let document = match document_value {
            Some(v) => self.record(
                Some(v),
                DOCUMENT,
                None,
                &DOCUMENT_FIELDS,
                root.field("document"),
            ),
            // Missing and reported: its fields are reported unknowns, not missing again.
            None => Record {
                fields: None,
                name: DOCUMENT,
                card: None,
            },
        };
        let document_present = document_value.is_some();
        let (doc_type, number, expiry, mrz, info_photo, stamp_photo) = if document_present {
            (
                self.choice(document, "type", true, &DOCUMENT_TYPES),
                self.text(document, "number", true),
                self.date(document, "expiry_date"),
                self.text(document, "mrz", false),
                self.boolean(document, "info_page_photo"),
                self.boolean(document, "entry_stamp_photo"),
            )
        } else {
            (
                Read::Reported,
                Read::Reported,
                Read::Reported,
                Read::Reported,
                Read::Reported,
                Read::Reported,
            )
        };
        let cards = self.raw(root, "bank_cards", false);

        let today = self.today;
        let passport = doc_type.test(|t| t == DocumentType::Passport);

        self.require(
            doc_type.test(|t| {
                matches!(
                    t,
                    DocumentType::Passport
                        | DocumentType::PermanentResidenceCard
                        | DocumentType::ResidencePermitForForeigners
                )
            }),
            "alipay/accepted_document",
            document.field("type"),
        );
        self.require(
            expiry.test(|e| e >= today),
            "alipay/document_not_expired",
            document.field("expiry_date"),
        );
        if expiry.test(|e| e >= today) == Truth::True {
            let month_ahead = today.checked_add(1.month()).ok();
            self.require_as(
                expiry.test(|e| month_ahead.is_some_and(|m| e > m)),
                "alipay/document_expiring_soon",
                document.field("expiry_date"),
                Severity::Warning,
            );
        }
        if passport == Truth::True {
            self.require(
                number.test(|n| n.chars().filter(|c| c.is_alphanumeric()).count() >= 8),
                "alipay/passport_number_length",
                document.field("number"),
            );
        }
        self.require(
            number.test(|n| {
                let n = n.trim();
                !n.is_empty() && n.bytes().all(|b| b.is_ascii_alphanumeric())
            }),
            "alipay/document_number_characters",
            document.field("number"),
        );
        self.require(
            birth_date.test(|b| age(b, today) >= 18),
            "alipay/adult",
            root.field("birth_date"),
        );
        self.require(
            name.test(|n| self.rules.name_characters.is_match(n)),
            "alipay/name_characters",
            root.field("name"),
        );
        self.require(
            name.test(|n| text_len(n.trim()) >= 2),
            "alipay/name_length",
            root.field("name"),
        );
        self.phone(phone, root);
        if passport == Truth::True {
            self.require(
                info_photo.test(|p| p),
                "alipay/passport_info_page_photo",
                document.field("info_page_photo"),
            );
            self.require(
                stamp_photo.test(|p| p),
                "alipay/entry_stamp_photo",
                document.field("entry_stamp_photo"),
            );
        }
        if let (Read::Value(mrz), Truth::True) = (mrz, passport) {
            self.mrz(mrz, name, number, birth_date, expiry, root, document);
        }
        let cards = match cards {
            None => Read::Absent,
            Some(Value::Array(items)) => Read::Value(items.as_slice()),
            Some(_) => {
                self.error("profile/wrong-type", root.field("bank_cards"));
                Read::Reported
            }
        };
        // `len(bank_cards) >= 1`: an absent list is an unknown nobody reported, so it fails.
        self.require(
            cards.test(|items| !items.is_empty()),
            "alipay/has_bank_card",
            root.field("bank_cards"),
        );
        if let Read::Value(items) = cards {
            self.cards(items, name);
        }
    }

    fn phone(&mut self, phone: Read<&'p str>, root: Record<'p>) {
        let field = root.field("phone");
        self.require(
            phone.test(|p| {
                !p.is_empty()
                    && p.bytes()
                        .all(|b| b.is_ascii_digit() || b == b'+' || b == b'-')
            }),
            "alipay/phone_characters",
            field,
        );
        let digit_count = |p: &str| p.bytes().filter(u8::is_ascii_digit).count();
        self.require(
            phone.test(|p| digit_count(p) <= 20),
            "alipay/phone_digits",
            field,
        );
        let international = phone.test(|p| {
            let p = p.trim();
            p.starts_with('+') && !p.starts_with("+86")
        });
        let mainland_length = phone.test(|p| {
            let count = digit_count(p);
            let starts_86 = {
                let mut digits = p.bytes().filter(u8::is_ascii_digit);
                digits.next() == Some(b'8') && digits.next() == Some(b'6')
            };
            count == 11 || (starts_86 && count == 13)
        });
        if international == Truth::True {
            self.require(
                phone.test(|p| (7..=15).contains(&digit_count(p))),
                "alipay/international_phone_length",
                field,
            );
        }
        if international.not() == Truth::True {
            self.require(mainland_length, "alipay/mainland_phone_length", field);
        }
        if international.not().and(mainland_length) == Truth::True {
            self.require_as(
                phone.test(|p| {
                    let mut digits = [0u8; 13];
                    let mut count = 0;
                    for b in p.bytes().filter(u8::is_ascii_digit) {
                        if count == digits.len() {
                            return false;
                        }
                        digits[count] = b;
                        count += 1;
                    }
                    let national = match &digits[..count] {
                        [b'8', b'6', rest @ ..] if count == 13 => rest,
                        all => all,
                    };
                    national.len() == 11
                        && national[0] == b'1'
                        && (b'3'..=b'9').contains(&national[1])
                }),
                "alipay/phone_mainland_prefix",
                field,
                Severity::Warning,
            );
        }
    }

    /// The block `when present(document.mrz) and document.type == "passport"`.
    #[allow(clippy::too_many_arguments)]
    fn mrz(
        &mut self,
        typed: &'p str,
        name: Read<&'p str>,
        number: Read<&'p str>,
        birth_date: Read<Date>,
        expiry: Read<Date>,
        root: Record<'p>,
        document: Record<'p>,
    ) {
        let field = document.field("mrz");
        let Some(mrz) = Mrz::read(typed) else {
            self.error("alipay/mrz_format", field);
            return;
        };
        if !mrz.check_digits_hold() {
            self.error("alipay/mrz_check_digits", field);
            return;
        }
        if mrz.number_whole() {
            self.require(
                number.test(|n| {
                    let typed = n
                        .chars()
                        .filter(|c| c.is_alphanumeric())
                        .flat_map(char::to_uppercase);
                    let (typed_count, zone_count) = (typed.clone().count(), mrz.number().count());
                    std::iter::repeat_n('0', 9usize.saturating_sub(typed_count))
                        .chain(typed)
                        .eq(std::iter::repeat_n('0', 9usize.saturating_sub(zone_count))
                            .chain(mrz.number()))
                }),
                "alipay/number_matches_mrz",
                document.field("number"),
            );
        }
        let name_applies = name
            .test(|n| !self.rules.han.is_match(n))
            .and(Truth::of(mrz.name_whole()));
        if name_applies == Truth::True {
            self.require(
                name.test(|n| {
                    let mut buffer = [0u8; 48];
                    let full = mrz_letters(n, false, &mut buffer)
                        .is_some_and(|w| same_words(w, mrz.name_area()));
                    full || mrz_letters(n, true, &mut buffer)
                        .is_some_and(|w| same_words(w, mrz.name_area()))
                }),
                "alipay/name_matches_mrz",
                root.field("name"),
            );
        }
        let zone_birth = from_yymmdd(mrz.line2(14, 19), self.today);
        self.require(
            equal_dates(birth_date, zone_birth),
            "alipay/birth_date_matches_mrz",
            root.field("birth_date"),
        );
        let latest_expiry = self.today.checked_add(600.months()).ok();
        let zone_expiry = latest_expiry.and_then(|l| from_yymmdd(mrz.line2(22, 27), l));
        self.require(
            equal_dates(expiry, zone_expiry),
            "alipay/expiry_matches_mrz",
            document.field("expiry_date"),
        );
    }

    /// The block `for some card in bank_cards`: one card that meets every error requirement is
    /// enough, and then every other card's errors are warnings.
    fn cards(&mut self, items: &'p [Value], name: Read<&'p str>) {
        let first_card_finding = self.out.len();
        let mut good_card = None;
        for (index, item) in items.iter().enumerate() {
            let before = self.out.len();
            let blocked = self.card(index, item, name);
            // A card qualifies on its requirements; its own profile problems do not stop it.
            let has_error = self.out[before..]
                .iter()
                .any(|f| f.severity == Severity::Error && !f.code.starts_with("profile/"));
            if !blocked && !has_error && good_card.is_none() {
                good_card = Some(index);
            }
        }
        if good_card.is_some() {
            // Only the cards that fail have errors, and one good card is enough.
            for finding in &mut self.out[first_card_finding..] {
                if finding.severity == Severity::Error && finding.field.card != good_card {
                    finding.severity = Severity::Warning;
                }
            }
        }
    }

    /// `require` inside a card: as [`Check::require`], and a requirement that cannot be judged
    /// because a value it reads was already reported keeps the card from qualifying.
    fn card_require(
        &mut self,
        blocked: &mut bool,
        truth: Truth,
        code: &'static str,
        field: Field<'p>,
    ) {
        *blocked |= truth == Truth::Unknown(true);
        self.require(truth, code, field);
    }

    /// One card's profile values and requirements; `true` when an error requirement could not
    /// be judged because a value it reads was already reported (the card cannot qualify).
    fn card(&mut self, index: usize, item: &'p Value, name: Read<&'p str>) -> bool {
        let item_field = Field {
            record: CARDS,
            card: Some(index),
            key: "",
        };
        let card = self.record(Some(item), CARDS, Some(index), &CARD_FIELDS, item_field);
        let bank = self.bank(card, "bank");
        let kind = self.choice(card, "kind", true, &CARD_KINDS);
        self.choice(card, "network", true, &NETWORKS);
        let issued_in = self.country(card, "issued_in", true);
        let holder = self.text(card, "holder", true);
        let account = self.choice(card, "account", false, &ACCOUNTS);
        let number = self.text(card, "number", false);

        let mut blocked = false;
        let is_bank = |id: BankId| bank.test(|b| b == Bank::Known(id));
        let china = isocountry::CountryCode::CHN;

        self.card_require(
            &mut blocked,
            issued_in.test(|c| c == china),
            "alipay/card_issued_in_china",
            card.field("issued_in"),
        );
        self.card_require(
            &mut blocked,
            kind.test(|k| k != CardKind::Credit),
            "alipay/card_not_credit",
            card.field("kind"),
        );
        self.card_require(
            &mut blocked,
            kind.test(|k| k != CardKind::Passbook),
            "alipay/card_not_passbook",
            card.field("kind"),
        );
        let accepted = &self.rules.accepted;
        self.card_require(
            &mut blocked,
            bank.test(|b| matches!(b, Bank::Known(id) if accepted[id as usize])),
            "alipay/card_bank_accepted",
            card.field("bank"),
        );
        let holder_matches = match (holder, name) {
            (Read::Value(h), Read::Value(n)) => Truth::of(upper_eq(h.trim(), n.trim())),
            // At least one is unknown: the comparison is, reported if both unknowns were.
            (h, n) => h.test(|_| true).and(n.test(|_| true)),
        };
        self.card_require(
            &mut blocked,
            holder_matches,
            "alipay/card_holder_matches",
            card.field("holder"),
        );
        let hangzhou = applies(&mut blocked, is_bank(self.rules.hzcb));
        let boc = applies(&mut blocked, is_bank(self.rules.boc));
        let abc = applies(&mut blocked, is_bank(self.rules.abc));
        let long_name = applies(&mut blocked, name.test(|n| text_len(n) > 20));
        if hangzhou {
            self.card_require(
                &mut blocked,
                account.test(|a| a == Account::Current),
                "alipay/hangzhou_current_account",
                card.field("account"),
            );
        }
        if boc {
            self.card_require(
                &mut blocked,
                name.test(|n| !n.contains(['.', '·'])),
                "alipay/boc_no_dots",
                card.field("bank"),
            );
        }
        if abc {
            self.card_require(
                &mut blocked,
                holder.test(|h| !h.bytes().any(|b| b.is_ascii_alphabetic())),
                "alipay/abc_no_latin_letters",
                card.field("holder"),
            );
        }
        if long_name {
            self.card_require(
                &mut blocked,
                is_bank(self.rules.cmb),
                "alipay/long_name_cmb_only",
                card.field("bank"),
            );
        }
        if let Read::Value(typed) = number {
            let mut digits = [0u8; 19];
            let mut count = 0;
            for b in typed.bytes().filter(u8::is_ascii_digit) {
                if count < digits.len() {
                    digits[count] = b;
                }
                count += 1;
            }
            let well_formed = (15..=19).contains(&count);
            let only_digits_spaces_dashes = typed
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b' ' || b == b'-');
            self.card_require(
                &mut blocked,
                Truth::of(well_formed && only_digits_spaces_dashes),
                "alipay/card_number_format",
                card.field("number"),
            );
            if well_formed && !luhn(&digits, count) {
                self.push(
                    "alipay/card_number_check_digit",
                    card.field("number"),
                    Severity::Warning,
                );
            }
            if issued_in.test(|c| c == china) == Truth::True {
                if let Some(prefix_bank) = self.rules.registry.card_bank(typed) {
                    self.require_as(
                        bank.test(|b| b == Bank::Known(prefix_bank)),
                        "alipay/card_number_matches_bank",
                        card.field("bank"),
                        Severity::Warning,
                    );
                }
            }
        }
        blocked
    }
}

/// Whether the `when` of an error requirement inside a card holds; one that cannot be known
/// because of a reported value keeps the card from qualifying.
fn applies(blocked: &mut bool, truth: Truth) -> bool {
    *blocked |= truth == Truth::Unknown(true);
    truth == Truth::True
}

/// `upper(a) == upper(b)` without building either.
fn upper_eq(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.chars()
        .flat_map(char::to_uppercase)
        .eq(b.chars().flat_map(char::to_uppercase))
}

/// `a == b` of a typed date and one the zone gives (`None` when the zone's is not a day).
fn equal_dates(typed: Read<Date>, zone: Option<Date>) -> Truth {
    match (typed, zone) {
        (Read::Value(a), Some(b)) => Truth::of(a == b),
        (Read::Reported, Some(_)) => Truth::Unknown(true),
        // The zone's date is an unknown nobody reported, so the comparison is one too.
        _ => Truth::Unknown(false),
    }
}
