//! What the general built-in functions of the rule language do, on values.
//!
//! Each is about texts, dates, numbers or the bank registry in general; none knows about one
//! app. Their names, parameters and result types are in `compile::signatures`, the table the
//! type checker and docs/language.md use; here is only how each computes its result.

use std::borrow::Cow;

use jiff::civil::Date;
use jiff::ToSpan;
use unicode_segmentation::UnicodeSegmentation;

use super::value::Val;
use crate::compile::ir::RuleSet;
use crate::compile::signatures::{Builtin, MAX_TEXT_BYTES};

/// What a builtin may consult besides its arguments.
pub struct CallContext<'r> {
    pub today: Date,
    pub rules: &'r RuleSet,
}

/// Calls a builtin. Unknown arguments give an unknown result (except for `present`), keeping
/// whether the unknown was already reported.
pub fn call<'a>(builtin: Builtin, args: &mut [Val<'a>], cx: &CallContext<'_>) -> Val<'a> {
    if builtin == Builtin::Present {
        return Val::Bool(!args[0].is_unknown());
    }
    if let Some(unknown) = args.iter().find(|a| a.is_unknown()) {
        return unknown.clone();
    }
    match builtin {
        Builtin::Len => match &args[0] {
            Val::Text(t) => Val::Int(text_length(t)),
            Val::List(items) => Val::Int(items.len() as i64),
            _ => Val::UNKNOWN,
        },
        Builtin::Upper => map_text(&mut args[0], |t| {
            (t.chars().any(|c| c.is_lowercase())).then(|| t.to_uppercase())
        }),
        Builtin::Lower => map_text(&mut args[0], |t| {
            (t.chars().any(|c| c.is_uppercase())).then(|| t.to_lowercase())
        }),
        Builtin::Trim => match std::mem::replace(&mut args[0], Val::UNKNOWN) {
            Val::Text(Cow::Borrowed(t)) => Val::Text(Cow::Borrowed(t.trim())),
            Val::Text(Cow::Owned(t)) => Val::Text(Cow::Owned(t.trim().to_string())),
            other => other,
        },
        Builtin::Digits => map_text(&mut args[0], |t| {
            (!t.chars().all(|c| c.is_ascii_digit()))
                .then(|| t.chars().filter(|c| c.is_ascii_digit()).collect())
        }),
        Builtin::Alnum => map_text(&mut args[0], |t| {
            (!t.chars().all(char::is_alphanumeric))
                .then(|| t.chars().filter(|c| c.is_alphanumeric()).collect())
        }),
        Builtin::StripMarks => map_text(&mut args[0], |t| {
            use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};
            (!t.is_ascii()).then(|| t.nfd().filter(|c| !is_combining_mark(*c)).nfc().collect())
        }),
        Builtin::Replace => {
            let (Val::Text(part), Val::Text(with)) = (&args[1], &args[2]) else {
                return Val::UNKNOWN;
            };
            let (part, with) = (part.to_string(), with.to_string());
            let Val::Text(t) = &args[0] else {
                return Val::UNKNOWN;
            };
            if !part.is_empty() && with.len() > part.len() {
                let grown = t.matches(part.as_str()).count() * (with.len() - part.len());
                if t.len() + grown > MAX_TEXT_BYTES {
                    return Val::UNKNOWN;
                }
            }
            map_text(&mut args[0], |t| {
                (!part.is_empty() && t.contains(part.as_str())).then(|| t.replace(&part, &with))
            })
        }
        Builtin::Slice => {
            let (Val::Int(first), Val::Int(last)) = (&args[1], &args[2]) else {
                return Val::UNKNOWN;
            };
            let (first, last) = (*first, *last);
            match std::mem::replace(&mut args[0], Val::UNKNOWN) {
                Val::Text(Cow::Borrowed(t)) => Val::Text(Cow::Borrowed(char_range(t, first, last))),
                Val::Text(Cow::Owned(t)) => {
                    Val::Text(Cow::Owned(char_range(&t, first, last).to_string()))
                }
                other => other,
            }
        }
        Builtin::Line => {
            let Val::Int(n) = &args[1] else {
                return Val::UNKNOWN;
            };
            let n = *n;
            let pick = |t: &str| -> std::ops::Range<usize> {
                let Some(index) = usize::try_from(n).ok().and_then(|n| n.checked_sub(1)) else {
                    return 0..0;
                };
                let mut start = 0;
                for (i, line) in t.split('\n').enumerate() {
                    if i == index {
                        let trimmed = line.trim();
                        let lead = line.len() - line.trim_start().len();
                        return start + lead..start + lead + trimmed.len();
                    }
                    start += line.len() + 1;
                }
                0..0
            };
            match std::mem::replace(&mut args[0], Val::UNKNOWN) {
                Val::Text(Cow::Borrowed(t)) => Val::Text(Cow::Borrowed(&t[pick(t)])),
                Val::Text(Cow::Owned(t)) => Val::Text(Cow::Owned(t[pick(&t)].to_string())),
                other => other,
            }
        }
        Builtin::SameWords => text_pred(args, same_words),
        Builtin::PadLeft => {
            let (Val::Int(width), Val::Text(fill)) = (&args[1], &args[2]) else {
                return Val::UNKNOWN;
            };
            let (width, fill) = (*width, fill.to_string());
            if width > MAX_TEXT_BYTES as i64 {
                return Val::UNKNOWN;
            }
            map_text(&mut args[0], |t| {
                let have = t.chars().count() as i64;
                if have >= width || fill.is_empty() {
                    return None;
                }
                let mut out = String::new();
                let mut missing = (width - have) as usize;
                while missing > 0 {
                    for c in fill.chars().take(missing) {
                        out.push(c);
                        missing -= 1;
                    }
                }
                out.push_str(t);
                Some(out)
            })
        }
        Builtin::StripPrefix => {
            let Val::Text(prefix) = &args[1] else {
                return Val::UNKNOWN;
            };
            let prefix = prefix.to_string();
            match std::mem::replace(&mut args[0], Val::UNKNOWN) {
                Val::Text(Cow::Borrowed(t)) => {
                    Val::Text(Cow::Borrowed(t.strip_prefix(prefix.as_str()).unwrap_or(t)))
                }
                Val::Text(Cow::Owned(t)) => Val::Text(Cow::Owned(
                    t.strip_prefix(prefix.as_str()).unwrap_or(&t).to_string(),
                )),
                other => other,
            }
        }
        Builtin::StartsWith => text_pred(args, |a, b| a.starts_with(b)),
        Builtin::EndsWith => text_pred(args, |a, b| a.ends_with(b)),
        Builtin::Contains => text_pred(args, |a, b| a.contains(b)),
        Builtin::Age => match &args[0] {
            Val::Date(born) => Val::Int(age_on(*born, cx.today)),
            _ => Val::UNKNOWN,
        },
        Builtin::DaysUntil => match &args[0] {
            Val::Date(d) => match cx.today.until(*d) {
                Ok(span) => Val::Int(span.get_days() as i64),
                Err(_) => Val::UNKNOWN,
            },
            _ => Val::UNKNOWN,
        },
        Builtin::AddMonths => match (&args[0], &args[1]) {
            (Val::Date(d), Val::Int(n)) => i32::try_from(*n)
                .ok()
                .and_then(|n| d.checked_add(n.months()).ok())
                .map_or(Val::UNKNOWN, Val::Date),
            _ => Val::UNKNOWN,
        },
        Builtin::AddDays => match (&args[0], &args[1]) {
            (Val::Date(d), Val::Int(n)) => i32::try_from(*n)
                .ok()
                .and_then(|n| d.checked_add(n.days()).ok())
                .map_or(Val::UNKNOWN, Val::Date),
            _ => Val::UNKNOWN,
        },
        Builtin::Luhn => match &args[0] {
            Val::Text(t) => Val::Bool(luhn(t)),
            _ => Val::UNKNOWN,
        },
        Builtin::CheckDigit731 => match &args[0] {
            Val::Text(t) => check_digit_731(t).map_or(Val::UNKNOWN, |d| {
                Val::Text(Cow::Borrowed(DIGITS[d as usize]))
            }),
            _ => Val::UNKNOWN,
        },
        Builtin::FromYymmdd => match (&args[0], &args[1]) {
            (Val::Text(t), Val::Date(latest)) => {
                from_yymmdd(t, *latest).map_or(Val::UNKNOWN, Val::Date)
            }
            _ => Val::UNKNOWN,
        },
        Builtin::CardBank => match &args[0] {
            Val::Text(t) => {
                let digits: String = t.chars().filter(|c| c.is_ascii_digit()).collect();
                cx.rules
                    .prefixes
                    .bank_of(&digits)
                    .map_or(Val::UNKNOWN, Val::Bank)
            }
            _ => Val::UNKNOWN,
        },
        Builtin::CardKind => match &args[0] {
            Val::Text(t) => {
                let digits: String = t.chars().filter(|c| c.is_ascii_digit()).collect();
                cx.rules
                    .prefixes
                    .lookup(&digits)
                    .map_or(Val::UNKNOWN, |p| Val::Text(Cow::Owned(p.kind.to_string())))
            }
            _ => Val::UNKNOWN,
        },
        Builtin::Present => unreachable!("handled above"),
    }
}

/// Applies `f` to a text; `f` returns `None` when the text is unchanged, which keeps a
/// borrowed text borrowed.
fn map_text<'a>(arg: &mut Val<'a>, f: impl FnOnce(&str) -> Option<String>) -> Val<'a> {
    match std::mem::replace(arg, Val::UNKNOWN) {
        Val::Text(t) => match f(&t) {
            Some(changed) => Val::Text(Cow::Owned(changed)),
            None => Val::Text(t),
        },
        other => other,
    }
}

fn text_pred(args: &[Val<'_>], f: impl FnOnce(&str, &str) -> bool) -> Val<'static> {
    match (&args[0], &args[1]) {
        (Val::Text(a), Val::Text(b)) => Val::Bool(f(a, b)),
        _ => Val::UNKNOWN,
    }
}

const DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

/// The characters `first..=last` of `text`, counting from 1; what exists of that range.
fn char_range(text: &str, first: i64, last: i64) -> &str {
    let first = first.max(1) as usize;
    if last < first as i64 {
        return "";
    }
    let last = last as usize;
    let mut indices = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()));
    let Some(start) = indices.nth(first - 1) else {
        return "";
    };
    // `last - first + 1` characters further on, or the end of the text.
    let end = indices.nth(last - first).unwrap_or(text.len());
    &text[start..end]
}

/// Whether `a` and `b` hold the same words in any order, ignoring case; a word is a run of
/// letters and digits.
fn same_words(a: &str, b: &str) -> bool {
    let words = |t: &str| {
        let mut w: Vec<String> = t
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_uppercase)
            .collect();
        w.sort_unstable();
        w
    };
    words(a) == words(b)
}

/// The 7-3-1 check digit (ICAO Doc 9303): `None` when a character is not 0-9, A-Z or `<`.
pub fn check_digit_731(text: &str) -> Option<u32> {
    const WEIGHTS: [u32; 3] = [7, 3, 1];
    let mut sum = 0;
    for (i, c) in text.chars().enumerate() {
        let value = match c {
            '0'..='9' => c as u32 - '0' as u32,
            'A'..='Z' => c as u32 - 'A' as u32 + 10,
            '<' => 0,
            _ => return None,
        };
        sum += value * WEIGHTS[i % 3];
    }
    Some(sum % 10)
}

/// The date a `YYMMDD` text stands for, in the hundred years that end on `latest`.
pub fn from_yymmdd(text: &str, latest: Date) -> Option<Date> {
    if text.len() != 6 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let yy: i16 = text[0..2].parse().ok()?;
    let month: i8 = text[2..4].parse().ok()?;
    let day: i8 = text[4..6].parse().ok()?;
    let century = latest.year() - latest.year().rem_euclid(100);
    let year = if century + yy <= latest.year() {
        century + yy
    } else {
        century + yy - 100
    };
    let date = Date::new(year, month, day).ok()?;
    if date <= latest {
        Some(date)
    } else {
        // Later in the year than `latest`: a hundred years earlier.
        Date::new(year - 100, month, day).ok()
    }
}

/// Whole years between `born` and `on`; the birthday itself counts. A 29 February birthday
/// is reached on 1 March in other years.
pub fn age_on(born: Date, on: Date) -> i64 {
    let mut years = on.year() as i64 - born.year() as i64;
    if (on.month(), on.day()) < (born.month(), born.day()) {
        years -= 1;
    }
    years
}

/// The Luhn check over a string of ASCII digits.
pub fn luhn(digits: &str) -> bool {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = (b - b'0') as u32;
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
    sum % 10 == 0
}

/// The length of a text as a reader counts it: in graphemes (`é` written as `e` and an accent
/// is one). ASCII text, the usual case, has one grapheme per byte except "\r\n", which is one.
fn text_length(text: &str) -> i64 {
    if text.is_ascii() {
        let crlf = text.as_bytes().windows(2).filter(|w| w == b"\r\n").count();
        return (text.len() - crlf) as i64;
    }
    text.graphemes(true).count() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ascii_length_is_the_grapheme_count() {
        for text in [
            "",
            "JOHN SMITH",
            "a\r\nb",
            "\r\r\n",
            "\r\n\n",
            "\n\r",
            "\r\n\r\n",
            "\t x \u{7f}",
        ] {
            assert_eq!(
                text_length(text),
                text.graphemes(true).count() as i64,
                "{text:?}"
            );
        }
    }

    #[test]
    fn luhn_vectors_from_domain_notes() {
        for valid in [
            "79927398713",
            "6200000000000005",
            "6212345678901265",
            "6225880000000001",
        ] {
            assert!(luhn(valid), "{valid} should pass");
        }
        for invalid in ["79927398710", "6222021234567890123", "", "12a4"] {
            assert!(!luhn(invalid), "{invalid} should fail");
        }
    }

    #[test]
    fn check_digits_from_the_icao_specimen() {
        // domain.md: single fields and the specimen's line 2.
        let cases = [
            ("520727", 3),
            ("AB2134<<<", 5),
            ("L898902C3", 6),
            ("740812", 2),
            ("120415", 9),
            ("ZE184226B<<<<<", 1),
            ("L898902C3674081221204159ZE184226B<<<<<1", 0),
        ];
        for (text, digit) in cases {
            assert_eq!(check_digit_731(text), Some(digit), "{text}");
        }
        assert_eq!(check_digit_731("l898"), None);
        assert_eq!(check_digit_731(""), Some(0));
    }

    #[test]
    fn yymmdd_takes_the_century_ending_on_latest() {
        let today = Date::new(2026, 11, 21).unwrap();
        let cases = [
            ("740812", today, Some(Date::new(1974, 8, 12).unwrap())),
            ("261121", today, Some(Date::new(2026, 11, 21).unwrap())),
            ("261122", today, Some(Date::new(1926, 11, 22).unwrap())),
            (
                "120415",
                Date::new(2076, 1, 1).unwrap(),
                Some(Date::new(2012, 4, 15).unwrap()),
            ),
            ("000229", today, Some(Date::new(2000, 2, 29).unwrap())),
            ("991340", today, None),
            ("7408", today, None),
            ("74O812", today, None),
        ];
        for (text, latest, want) in cases {
            assert_eq!(from_yymmdd(text, latest), want, "{text} up to {latest}");
        }
    }

    #[test]
    fn slices_count_characters_from_one() {
        assert_eq!(char_range("L898902C36UTO", 1, 9), "L898902C3");
        assert_eq!(char_range("L898902C36UTO", 10, 10), "6");
        assert_eq!(char_range("L898902C36UTO", 11, 99), "UTO");
        assert_eq!(char_range("abc", 4, 9), "");
        assert_eq!(char_range("abc", 3, 2), "");
        assert_eq!(char_range("招商银行", 2, 3), "商银");
        assert_eq!(char_range("abc", 0, 1), "a");
    }

    #[test]
    fn same_words_ignores_order_case_and_separators() {
        assert!(same_words(
            "Anna Maria ERIKSSON",
            "ERIKSSON<<ANNA<MARIA<<<<"
        ));
        assert!(same_words("JEAN-PAUL SMITH", "SMITH<<JEAN<PAUL"));
        assert!(!same_words("ANNA ERIKSSON", "ERIKSSON<<ANNA<MARIA"));
        assert!(!same_words("ANNA ANNA", "ANNA"));
        assert!(same_words("", "<<<"));
    }

    #[test]
    fn age_counts_the_birthday_itself() {
        let born = Date::new(2008, 11, 21).unwrap();
        assert_eq!(age_on(born, Date::new(2026, 11, 21).unwrap()), 18);
        assert_eq!(age_on(born, Date::new(2026, 11, 20).unwrap()), 17);
        let leap = Date::new(2008, 2, 29).unwrap();
        assert_eq!(age_on(leap, Date::new(2026, 2, 28).unwrap()), 17);
        assert_eq!(age_on(leap, Date::new(2026, 3, 1).unwrap()), 18);
    }
}
