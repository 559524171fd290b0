//! How the checker reads what people type: one definition, used by the typer for every field
//! kind of the schema.
//!
//! People type the same details in ways that look alike but are encoded differently: a name
//! pasted from a PDF with a no-break space, a passport number typed with a Chinese input method
//! in full-width digits (`１２３`), an accent typed as a separate combining mark, `Debit` for
//! `debit`, `yes` for `true`, `1990-5-1` for `1990-05-01`. The policy:
//!
//! * **Normalise for comparison.** The value the rules see (and measure: `len`, `matches`, `==`)
//!   is the typed text with the default-ignorable invisible characters removed (U+200B zero-width
//!   space, U+200C/U+200D zero-width (non-)joiner, U+2060 word joiner, U+FEFF byte order mark,
//!   U+00AD soft hyphen, U+180E Mongolian vowel separator), then put in Unicode normalisation
//!   form NFKC. NFKC composes accents (`E` + U+0301 becomes `É`) and maps compatibility forms to
//!   their ordinary characters: full-width ASCII (`ＪＯＨＮ` → `JOHN`, `１２３` → `123`), the
//!   ideographic space U+3000, the no-break space U+00A0 and the other Unicode spaces to an
//!   ordinary space, ligatures (`ﬁ` → `fi`). Leading and trailing spaces are kept: the rules
//!   trim where the app trims.
//! * **Report a value as typed.** Messages quote the text as it was written and spans point at
//!   what was typed; only the comparison uses the normalised form.
//! * **Never silently accept what the app might refuse.** Two spellings that are the same text
//!   by Unicode's definition (canonically equivalent: NFC and NFD) are simply the same, with no
//!   finding. Anything normalisation changed beyond that in a free text field (a full-width
//!   letter, a special space, an invisible character, a ligature) is accepted for comparison
//!   but reported as a `profile/look-alike-characters` warning with a fix, because the app's
//!   form compares characters, not how they look (see [`text`] and [`LookAlike`]).
//! * **Fixed vocabularies are understood, not judged.** Enumerations, booleans, dates,
//!   countries and banks are picked from menus and date pickers in the apps, so the profile only
//!   has to say which one is meant: they are matched after the same normalisation, trimmed, in
//!   any letter case, with the spellings listed at each function, and no look-alike finding.
//!   What still cannot be understood stays a finding that quotes the text as typed.
//! * **Blank is empty.** A value that is empty or only blanks once normalised (`""`, `" "`, an
//!   ideographic space alone), of any kind, holds nothing: an optional field is as if absent, a
//!   required one is `profile/missing` and reads as a reported unknown, so no requirement
//!   judges it and no fix is built on it ([`is_blank`]).
//!
//! The common case is plain ASCII, which is already NFKC and has no invisible characters: it is
//! returned borrowed, without allocating or running the normaliser.

use std::borrow::Cow;

use jiff::civil::Date;
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

use super::value::PVal;
use crate::compile::ir::{BankId, Country, RuleSet};
use crate::compile::types::ScalarType;

/// The default-ignorable invisible characters removed before comparison.
pub const INVISIBLE: [char; 7] = [
    '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{00AD}', '\u{180E}',
];

/// Whether `c` is one of the [`INVISIBLE`] characters.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}'
    )
}

/// The form a typed value is compared in: the [`INVISIBLE`] characters removed, then NFKC.
///
/// Borrowed when nothing changes (always for ASCII). The invisible characters are removed
/// first so that an accent separated from its letter by one of them still composes with it.
pub fn normalize(typed: &str) -> Cow<'_, str> {
    if typed.is_ascii() {
        return Cow::Borrowed(typed);
    }
    if !typed.chars().any(is_invisible) && is_nfkc_quick(typed.chars()) == IsNormalized::Yes {
        return Cow::Borrowed(typed);
    }
    let normalized: String = typed.chars().filter(|c| !is_invisible(*c)).nfkc().collect();
    if normalized == typed {
        // `is_nfkc_quick` answered "maybe" for text that is in fact normalised.
        Cow::Borrowed(typed)
    } else {
        Cow::Owned(normalized)
    }
}

/// A kind of character that looks like an ordinary one but is a different character, found in
/// a text field (see [`text`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LookAlike {
    /// Full-width Latin letters (U+FF21..U+FF3A, U+FF41..U+FF5A).
    FullWidthLetters,
    /// Full-width digits (U+FF10..U+FF19).
    FullWidthDigits,
    /// Other full-width ASCII signs (`＋`, `－`, `．` ...) and the full-width currency signs
    /// (`￥`).
    FullWidthSigns,
    /// Half-width katakana, Hangul and signs (U+FF61..U+FFEE): `ｶﾀｶﾅ` for `カタカナ`.
    HalfWidth,
    /// A space that is not the ordinary U+0020 but normalises to it (no-break, ideographic,
    /// thin ...).
    Space(char),
    /// One of the [`INVISIBLE`] characters.
    Invisible(char),
    /// Any other compatibility character: a ligature, a superscript, a circled digit, a
    /// half-width katakana ...
    Other,
}

impl LookAlike {
    /// The kind in plain words, for a message.
    pub fn describe(self) -> String {
        match self {
            LookAlike::FullWidthLetters => "full-width letters (ＡＢＣ instead of ABC)".into(),
            LookAlike::FullWidthDigits => "full-width digits (１２３ instead of 123)".into(),
            LookAlike::FullWidthSigns => "full-width punctuation (＋ instead of +)".into(),
            LookAlike::HalfWidth => "half-width forms (ｶﾀｶﾅ instead of カタカナ)".into(),
            LookAlike::Space(c) => {
                let what = match c {
                    '\u{00A0}' => "a no-break space",
                    '\u{3000}' => "an ideographic (full-width) space",
                    '\u{202F}' => "a narrow no-break space",
                    _ => "a space of a special width",
                };
                format!("{what} (U+{:04X}) instead of an ordinary space", c as u32)
            }
            LookAlike::Invisible(c) => {
                let what = match c {
                    '\u{200B}' => "zero-width space",
                    '\u{200C}' => "zero-width non-joiner",
                    '\u{200D}' => "zero-width joiner",
                    '\u{2060}' => "word joiner",
                    '\u{FEFF}' => "zero-width no-break space (byte order mark)",
                    '\u{00AD}' => "soft hyphen",
                    '\u{180E}' => "Mongolian vowel separator",
                    _ => "character",
                };
                format!("an invisible {what} (U+{:04X})", c as u32)
            }
            LookAlike::Other => {
                "a character that stands for plainer ones, such as a ligature (ﬁ), a superscript (²) or a circled digit (①)".into()
            }
        }
    }

    /// The look-alike kind of one typed character, if it is one.
    fn of(c: char) -> Option<LookAlike> {
        if is_invisible(c) {
            return Some(LookAlike::Invisible(c));
        }
        // Canonical decompositions (an accented letter, the Ångström sign) are the same text;
        // only a compatibility decomposition makes a look-alike.
        if std::iter::once(c).nfkd().eq(std::iter::once(c).nfd()) {
            return None;
        }
        Some(match c {
            '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => LookAlike::FullWidthLetters,
            '\u{FF10}'..='\u{FF19}' => LookAlike::FullWidthDigits,
            '\u{FF01}'..='\u{FF5E}' | '\u{FFE0}'..='\u{FFE6}' => LookAlike::FullWidthSigns,
            '\u{FF61}'..='\u{FFDC}' | '\u{FFE8}'..='\u{FFEE}' => LookAlike::HalfWidth,
            _ if std::iter::once(c).nfkc().eq(std::iter::once(' ')) => LookAlike::Space(c),
            _ => LookAlike::Other,
        })
    }
}

/// A text field's value: what the rules see, and what about the typed text they should hear of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text<'a> {
    /// The [`normalize`]d text; leading and trailing spaces kept.
    pub value: Cow<'a, str>,
    /// The look-alike characters normalising replaced or removed, each kind once, in the order
    /// they first appear. Empty when the typed text is the value, or the same text by
    /// canonical equivalence (NFD typed for NFC).
    pub look_alikes: Vec<LookAlike>,
}

/// Empty, or only blanks once normalised (so an ideographic space or a zero-width space alone
/// is blank too). A blank value is empty whatever the field's kind: an optional one is as if
/// absent, a required one is missing.
pub fn is_blank(typed: &str) -> bool {
    normalize(typed).trim().is_empty()
}

/// Reads a free text field (`text` in the schema).
pub fn text(typed: &str) -> Text<'_> {
    let value = normalize(typed);
    let mut look_alikes = Vec::new();
    // Borrowed means unchanged; changed only by canonical equivalence means NFC of the typed
    // text is the value already.
    if matches!(value, Cow::Owned(_)) && !value.chars().eq(typed.nfc()) {
        for c in typed.chars() {
            if let Some(kind) = LookAlike::of(c) {
                if !look_alikes.contains(&kind) {
                    look_alikes.push(kind);
                }
            }
        }
        if look_alikes.is_empty() {
            // Not reached with Unicode's tables as they are (a change beyond NFC needs a
            // compatibility character), but a change must never go unreported.
            look_alikes.push(LookAlike::Other);
        }
    }
    Text { value, look_alikes }
}

/// `a`, `a and b`, `a, b and c`.
pub fn describe_all(kinds: &[LookAlike]) -> String {
    let words: Vec<String> = kinds.iter().map(|k| k.describe()).collect();
    match words.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// Reads a boolean: after [`normalize`] and trimming, in any letter case, `true`/`false`,
/// `yes`/`no`, `on`/`off` or `y`/`n` (the YAML 1.2 and YAML 1.1 spellings, quoted or not: the
/// loader keeps the text either way).
pub fn boolean(typed: &str) -> Option<bool> {
    let value = normalize(typed);
    let value = value.trim();
    const TRUE: [&str; 4] = ["true", "yes", "on", "y"];
    const FALSE: [&str; 4] = ["false", "no", "off", "n"];
    if TRUE.iter().any(|t| value.eq_ignore_ascii_case(t)) {
        Some(true)
    } else if FALSE.iter().any(|f| value.eq_ignore_ascii_case(f)) {
        Some(false)
    } else {
        None
    }
}

/// Reads a whole number: after [`normalize`] (so full-width digits count) and trimming.
pub fn integer(typed: &str) -> Option<i64> {
    normalize(typed).trim().parse().ok()
}

/// Reads a date: after [`normalize`] and trimming,
///
/// * `YYYY-MM-DD`, or `YYYY-M-D` with a one-digit month or day (as YAML 1.1 timestamps allow);
/// * a YAML timestamp: that date, then `T`, `t` or spaces/tabs, a time `H:MM:SS` with optional
///   fraction, and optionally a zone (`Z`, `+8`, `-05:00`, after optional spaces). The date is
///   taken as written, whatever the zone: a document's expiry date is a calendar day, not an
///   instant.
///
/// The date must exist (`2030-02-30` does not), and the time must be a time of day.
pub fn date(typed: &str) -> Option<Date> {
    let value = normalize(typed);
    let mut s = Scanner(value.trim().as_bytes());
    let year = s.digits(4, 4)?;
    s.eat(b'-')?;
    let month = s.digits(1, 2)?;
    s.eat(b'-')?;
    let day = s.digits(1, 2)?;
    if !s.is_empty() {
        time(&mut s)?;
    }
    Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()
}

/// The rest of a YAML timestamp after its date: separator, time, optional zone.
fn time(s: &mut Scanner<'_>) -> Option<()> {
    if s.eat(b'T').or_else(|| s.eat(b't')).is_none() && s.blanks() == 0 {
        return None;
    }
    let hour = s.digits(1, 2)?;
    s.eat(b':')?;
    let minute = s.digits(2, 2)?;
    s.eat(b':')?;
    // 60 for a leap second.
    let second = s.digits(2, 2)?;
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    if s.eat(b'.').is_some() {
        while s.digits(1, 1).is_some() {}
    }
    s.blanks();
    if s.eat(b'Z').or_else(|| s.eat(b'z')).is_none() && !s.is_empty() {
        s.eat(b'+').or_else(|| s.eat(b'-'))?;
        let zone_hour = s.digits(1, 2)?;
        let zone_minute = if s.eat(b':').is_some() {
            s.digits(2, 2)?
        } else {
            0
        };
        if zone_hour > 23 || zone_minute > 59 {
            return None;
        }
    }
    s.is_empty().then_some(())
}

/// A cursor over ASCII bytes for [`date`].
struct Scanner<'a>(&'a [u8]);

impl Scanner<'_> {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        let (&first, rest) = self.0.split_first()?;
        (first == byte).then(|| self.0 = rest)
    }

    /// Spaces and tabs skipped; how many.
    fn blanks(&mut self) -> usize {
        let n = self
            .0
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t'))
            .count();
        self.0 = &self.0[n..];
        n
    }

    /// `min..=max` ASCII digits as a number (taking as many as there are, up to `max`).
    fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        let n = self
            .0
            .iter()
            .take(max)
            .take_while(|b| b.is_ascii_digit())
            .count();
        if n < min {
            return None;
        }
        let value = self.0[..n]
            .iter()
            .fold(0, |acc, b| acc * 10 + u32::from(b - b'0'));
        self.0 = &self.0[n..];
        Some(value)
    }
}

/// Reads an enumeration value: the index in `values` of the value `typed` names.
///
/// After [`normalize`] and trimming, in any letter case, with spaces, hyphens and underscores
/// all the same separator and a run of them one separator: `Debit`, `MasterCard`,
/// `Permanent residence card`, `permanent-residence-card` all name their value. The exact
/// spelling is tried first, so an enumeration whose values differ only in case still works.
pub fn enum_value(typed: &str, values: &[String]) -> Option<usize> {
    let value = normalize(typed);
    let value = value.trim();
    values.iter().position(|v| v == value).or_else(|| {
        values
            .iter()
            .position(|v| enum_key_chars(value).eq(enum_key_chars(v)))
    })
}

/// The form [`enum_value`] compares in, for "did you mean" help: `Permanent residence car`
/// becomes `permanent_residence_car`.
pub fn enum_key(typed: &str) -> String {
    enum_key_chars(&normalize(typed)).collect()
}

fn enum_key_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    let mut after_separator = false;
    text.trim()
        .chars()
        .filter_map(move |c| {
            if c == '_' || c == '-' || c.is_whitespace() {
                let first = !after_separator;
                after_separator = true;
                first.then_some('_')
            } else {
                after_separator = false;
                Some(c)
            }
        })
        .flat_map(char::to_lowercase)
}

/// Reads a country: an ISO 3166 alpha-2 or alpha-3 code in any case, after [`normalize`] (so
/// `ｃｎ` is CN).
pub fn country(typed: &str) -> Option<Country> {
    crate::compile::parse_country(&normalize(typed))
}

/// Reads a bank of the registry by code, name, Chinese name or alias, after [`normalize`] (so
/// `ＣＭＢ` is CMB); the registry's own key then ignores case and spacing.
pub fn bank(rules: &RuleSet, typed: &str) -> Option<BankId> {
    rules.find_bank(&normalize(typed))
}

/// Reads a value of a scalar type of the schema, or `None` when `typed` is not one. The typer
/// reads `text` with [`text`] and `bank` with [`bank`] itself, since they say more than the
/// value (the look-alike characters; a bank the registry does not know is still a bank).
pub fn scalar<'t>(rules: &RuleSet, scalar: ScalarType, typed: &'t str) -> Option<PVal<'t>> {
    Some(match scalar {
        ScalarType::Text => PVal::Text(text(typed).value),
        ScalarType::Date => PVal::Date(date(typed)?),
        ScalarType::Bool => PVal::Bool(boolean(typed)?),
        ScalarType::Int => PVal::Int(integer(typed)?),
        ScalarType::Bank => PVal::Bank(bank(rules, typed)?),
        ScalarType::Country => PVal::Country(country(typed)?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date as d;

    #[test]
    fn normalize_table() {
        let cases: &[(&str, &str)] = &[
            ("JOHN SMITH", "JOHN SMITH"),
            ("", ""),
            ("  padded  ", "  padded  "),
            ("王小明", "王小明"),
            ("招商银行", "招商银行"),
            ("JOS\u{C9}", "JOS\u{C9}"),
            ("JOSE\u{301}", "JOS\u{C9}"),
            ("ＪＯＨＮ", "JOHN"),
            ("１２３", "123"),
            ("JOHN\u{3000}SMITH", "JOHN SMITH"),
            ("JOHN\u{A0}SMITH", "JOHN SMITH"),
            ("JOHN\u{2009}SMITH", "JOHN SMITH"),
            ("JOHN\u{202F}SMITH", "JOHN SMITH"),
            ("JO\u{200B}HN", "JOHN"),
            ("JO\u{200C}\u{200D}HN", "JOHN"),
            ("\u{FEFF}JOHN", "JOHN"),
            ("JOHN\u{2060}", "JOHN"),
            ("SMI\u{AD}TH", "SMITH"),
            ("A\u{180E}B", "AB"),
            ("\u{FB01}NN", "fiNN"),
            ("E\u{200B}\u{301}", "\u{C9}"),
            ("\u{212B}", "\u{C5}"),
            ("ｃｎ", "cn"),
            ("＋27", "+27"),
            (" \u{3000} ", "   "),
        ];
        for (typed, expected) in cases {
            assert_eq!(normalize(typed), *expected, "normalize({typed:?})");
        }
    }

    #[test]
    fn every_invisible_character_is_removed_and_reported() {
        for c in INVISIBLE {
            assert!(is_invisible(c), "{c:?}");
            let typed = format!("A{c}B");
            let t = text(&typed);
            assert_eq!(t.value, "AB", "{c:?}");
            assert_eq!(t.look_alikes, [LookAlike::Invisible(c)], "{c:?}");
            assert!(!LookAlike::Invisible(c).describe().ends_with(" character"));
        }
        for c in ['\u{200A}', '\u{200E}', '\u{2061}', ' ', 'A'] {
            assert!(!is_invisible(c), "{c:?}");
        }
    }

    #[test]
    fn ascii_and_normalised_text_is_borrowed() {
        for typed in ["JOHN SMITH", "", "王小明", "MARÍA", "a\tb"] {
            assert!(
                matches!(normalize(typed), Cow::Borrowed(_)),
                "{typed:?} is borrowed"
            );
        }
        assert!(matches!(normalize("ＪＯＨＮ"), Cow::Owned(_)));
    }

    #[test]
    fn text_reports_look_alikes_but_not_canonical_equivalents() {
        use LookAlike::*;
        let cases: &[(&str, &str, &[LookAlike])] = &[
            ("JOHN SMITH", "JOHN SMITH", &[]),
            ("JOSE\u{301}", "JOS\u{C9}", &[]),
            ("MU\u{308}LLER", "M\u{DC}LLER", &[]),
            ("\u{212B}NGSTR\u{D6}M", "\u{C5}NGSTR\u{D6}M", &[]),
            ("ＪＯＨＮ SMITH", "JOHN SMITH", &[FullWidthLetters]),
            ("A１２３", "A123", &[FullWidthDigits]),
            ("＋27", "+27", &[FullWidthSigns]),
            ("JOHN\u{A0}SMITH", "JOHN SMITH", &[Space('\u{A0}')]),
            ("JOHN\u{3000}SMITH", "JOHN SMITH", &[Space('\u{3000}')]),
            ("JO\u{200B}HN", "JOHN", &[Invisible('\u{200B}')]),
            ("\u{FB01}", "fi", &[Other]),
            ("x\u{B2}", "x2", &[Other]),
            ("\u{2460}", "1", &[Other]),
            ("\u{FFE5}100", "\u{A5}100", &[FullWidthSigns]),
            (
                "\u{FF76}\u{FF80}\u{FF76}\u{FF85}",
                "\u{30AB}\u{30BF}\u{30AB}\u{30CA}",
                &[HalfWidth],
            ),
            // Half-width ka + voiced mark compose to ga.
            ("\u{FF76}\u{FF9E}", "\u{30AC}", &[HalfWidth]),
            (
                "ＪＯＨＮ\u{A0}ＳＭＩＴＨ\u{A0}",
                "JOHN SMITH ",
                &[FullWidthLetters, Space('\u{A0}')],
            ),
            (
                "JOSE\u{301}\u{3000}Ａ",
                "JOS\u{C9} A",
                &[Space('\u{3000}'), FullWidthLetters],
            ),
        ];
        for (typed, value, kinds) in cases {
            let t = text(typed);
            assert_eq!(t.value, *value, "value of {typed:?}");
            assert_eq!(t.look_alikes, *kinds, "look-alikes of {typed:?}");
        }
    }

    #[test]
    fn blank_after_normalisation() {
        for typed in ["", " ", "\u{A0}", "\u{3000}\u{3000}", "\u{200B}", " \t "] {
            assert!(is_blank(typed), "{typed:?} is blank");
        }
        for typed in ["A", " A ", "\u{3000}王"] {
            assert!(!is_blank(typed), "{typed:?} is not blank");
        }
    }

    #[test]
    fn describe_all_joins_in_plain_words() {
        assert_eq!(describe_all(&[]), "");
        assert_eq!(
            describe_all(&[LookAlike::FullWidthDigits]),
            "full-width digits (１２３ instead of 123)"
        );
        assert_eq!(
            describe_all(&[
                LookAlike::FullWidthDigits,
                LookAlike::Space('\u{A0}'),
                LookAlike::Invisible('\u{200B}')
            ]),
            "full-width digits (１２３ instead of 123), a no-break space (U+00A0) instead of an ordinary space and an invisible zero-width space (U+200B)"
        );
    }

    #[test]
    fn boolean_table() {
        let cases: &[(&str, Option<bool>)] = &[
            ("true", Some(true)),
            ("True", Some(true)),
            ("TRUE", Some(true)),
            ("yes", Some(true)),
            ("Yes", Some(true)),
            ("on", Some(true)),
            ("ON", Some(true)),
            ("y", Some(true)),
            ("Y", Some(true)),
            (" true ", Some(true)),
            ("ｔｒｕｅ", Some(true)),
            ("false", Some(false)),
            ("False", Some(false)),
            ("NO", Some(false)),
            ("off", Some(false)),
            ("n", Some(false)),
            ("1", None),
            ("0", None),
            ("", None),
            ("ture", None),
            ("yess", None),
        ];
        for (typed, expected) in cases {
            assert_eq!(boolean(typed), *expected, "boolean({typed:?})");
        }
    }

    #[test]
    fn integer_table() {
        let cases: &[(&str, Option<i64>)] = &[
            ("12", Some(12)),
            (" 12 ", Some(12)),
            ("１２", Some(12)),
            ("-3", Some(-3)),
            ("1 2", None),
            ("", None),
            ("twelve", None),
        ];
        for (typed, expected) in cases {
            assert_eq!(integer(typed), *expected, "integer({typed:?})");
        }
    }

    #[test]
    fn date_table() {
        let may = Some(d(1990, 5, 1));
        let cases: &[(&str, Option<Date>)] = &[
            ("1990-05-01", may),
            (" 1990-05-01 ", may),
            ("1990-5-1", may),
            ("1990-05-1", may),
            ("1990-5-01", may),
            ("１９９０－０５－０１", may),
            ("1990-05-01T10:20:30", may),
            ("1990-05-01t10:20:30Z", may),
            ("1990-05-01 10:20:30", may),
            ("1990-05-01\t10:20:30", may),
            ("1990-05-01   1:02:03.5", may),
            ("1990-05-01T23:59:60.123456", may),
            ("1990-05-01T10:20:30+08:00", may),
            ("1990-05-01 10:20:30.10 -5", may),
            ("1990-05-01T10:20:30 Z", may),
            // The date as written, whatever the zone.
            ("1990-05-01T23:30:00-12:00", may),
            ("2024-02-29", Some(d(2024, 2, 29))),
            ("2023-02-29", None),
            ("1990-13-01", None),
            ("1990-13-45", None),
            ("1990-00-10", None),
            ("30/06/2030", None),
            ("90-05-01", None),
            ("19900-05-01", None),
            ("1990-005-01", None),
            ("1990-05-001", None),
            ("1990/05/01", None),
            ("1990-05-01T", None),
            ("1990-05-01T10:20", None),
            ("1990-05-01T24:00:00", None),
            ("1990-05-01T10:60:00", None),
            ("1990-05-01T10:20:30+25", None),
            ("1990-05-01T10:20:30 junk", None),
            ("1990-05-01x", None),
            ("1990-05-0110:20:30", None),
            ("", None),
        ];
        for (typed, expected) in cases {
            assert_eq!(date(typed), *expected, "date({typed:?})");
        }
    }

    #[test]
    fn enum_table() {
        let kinds: Vec<String> = ["debit", "credit", "passbook"].map(String::from).into();
        let docs: Vec<String> = ["passport", "permanent_residence_card", "residence_permit"]
            .map(String::from)
            .into();
        let networks: Vec<String> = ["unionpay", "visa", "mastercard"].map(String::from).into();
        let cases: &[(&str, &[String], Option<usize>)] = &[
            ("debit", &kinds, Some(0)),
            ("Debit", &kinds, Some(0)),
            ("DEBIT", &kinds, Some(0)),
            (" credit ", &kinds, Some(1)),
            ("ｄｅｂｉｔ", &kinds, Some(0)),
            ("MasterCard", &networks, Some(2)),
            ("UnionPay", &networks, Some(0)),
            ("permanent_residence_card", &docs, Some(1)),
            ("Permanent residence card", &docs, Some(1)),
            ("permanent-residence-card", &docs, Some(1)),
            ("PERMANENT - RESIDENCE  CARD", &docs, Some(1)),
            ("Permanent\u{A0}Residence\u{3000}Card", &docs, Some(1)),
            ("savings", &kinds, None),
            ("debitt", &kinds, None),
            ("permanentresidencecard", &docs, None),
            ("", &kinds, None),
            ("_debit", &kinds, None),
        ];
        for (typed, values, expected) in cases {
            assert_eq!(enum_value(typed, values), *expected, "enum({typed:?})");
        }
        let both: Vec<String> = ["Visa", "visa"].map(String::from).into();
        assert_eq!(
            enum_value("visa", &both),
            Some(1),
            "the exact spelling wins"
        );
        assert_eq!(
            enum_key("Permanent residence car"),
            "permanent_residence_car"
        );
    }

    #[test]
    fn country_table() {
        let cases: &[(&str, Option<Country>)] = &[
            ("CN", Some(*b"CN")),
            ("cn", Some(*b"CN")),
            ("ｃｎ", Some(*b"CN")),
            ("ＣＨＮ", Some(*b"CN")),
            (" ZAF ", Some(*b"ZA")),
            ("\u{3000}ZA\u{3000}", Some(*b"ZA")),
            ("XX", None),
            ("China", None),
        ];
        for (typed, expected) in cases {
            assert_eq!(country(typed), *expected, "country({typed:?})");
        }
    }
}
