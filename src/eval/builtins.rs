//! General built-in functions of the rule language.
//!
//! Each is about texts, dates, numbers or the bank registry in general; none knows about one
//! app. `BUILTINS` is the table the type checker and docs/language.md use.

use std::borrow::Cow;

use jiff::civil::Date;
use jiff::ToSpan;
use unicode_segmentation::UnicodeSegmentation;

use super::value::Val;
use crate::compile::ir::{RuleSet, Ty};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Builtin {
    Len,
    Upper,
    Lower,
    Trim,
    Digits,
    Alnum,
    StripMarks,
    Replace,
    Slice,
    Line,
    SameWords,
    PadLeft,
    StripPrefix,
    StartsWith,
    EndsWith,
    Contains,
    Age,
    DaysUntil,
    AddMonths,
    AddDays,
    Luhn,
    CheckDigit731,
    FromYymmdd,
    Present,
    CardBank,
    CardKind,
}

/// A parameter kind for signatures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Param {
    Text,
    Int,
    Date,
    /// A text or a list.
    TextOrList,
    Any,
}

impl Param {
    fn accepts(self, ty: &Ty) -> bool {
        matches!(
            (self, ty),
            (_, Ty::Error)
                | (Param::Any, _)
                | (Param::Text, Ty::Text)
                | (Param::Int, Ty::Int)
                | (Param::Date, Ty::Date)
                | (Param::TextOrList, Ty::Text | Ty::List(_))
        )
    }

    fn describe(self) -> &'static str {
        match self {
            Param::Text => "a text",
            Param::Int => "a whole number",
            Param::Date => "a date",
            Param::TextOrList => "a text or a list",
            Param::Any => "any value",
        }
    }
}

/// Documentation and signature of one built-in.
pub struct BuiltinInfo {
    pub builtin: Builtin,
    pub name: &'static str,
    pub params: &'static [Param],
    pub returns: Ty,
    pub signature: &'static str,
    pub summary: &'static str,
    pub example: &'static str,
}

pub const BUILTINS: &[BuiltinInfo] = &[
    BuiltinInfo { builtin: Builtin::Len, name: "len", params: &[Param::TextOrList], returns: Ty::Int,
        signature: "len(text or list) -> int",
        summary: "Number of characters in a text as a person counts them (not bytes: `len(\"招商银行\")` is 4, and an accent typed as a separate mark does not count), or of items in a list.",
        example: "len(name) >= 2" },
    BuiltinInfo { builtin: Builtin::Upper, name: "upper", params: &[Param::Text], returns: Ty::Text,
        signature: "upper(text) -> text", summary: "The text in upper case.",
        example: "upper(card.holder) == upper(name)" },
    BuiltinInfo { builtin: Builtin::Lower, name: "lower", params: &[Param::Text], returns: Ty::Text,
        signature: "lower(text) -> text", summary: "The text in lower case.",
        example: "lower(name) != \"unknown\"" },
    BuiltinInfo { builtin: Builtin::Trim, name: "trim", params: &[Param::Text], returns: Ty::Text,
        signature: "trim(text) -> text", summary: "The text without leading and trailing spaces.",
        example: "len(trim(name)) >= 2" },
    BuiltinInfo { builtin: Builtin::Digits, name: "digits", params: &[Param::Text], returns: Ty::Text,
        signature: "digits(text) -> text", summary: "Only the digits 0-9 of the text, in order.",
        example: "len(digits(phone)) <= 20" },
    BuiltinInfo { builtin: Builtin::Alnum, name: "alnum", params: &[Param::Text], returns: Ty::Text,
        signature: "alnum(text) -> text",
        summary: "Only the letters and digits of the text, in order: spaces, dashes and other punctuation are left out.",
        example: "len(alnum(document.number)) >= 8" },
    BuiltinInfo { builtin: Builtin::StripMarks, name: "strip_marks", params: &[Param::Text], returns: Ty::Text,
        signature: "strip_marks(text) -> text",
        summary: "The text without accents and the other marks written over or under letters: `é` becomes `e`, `Å` becomes `A`. Letters that are not a base letter and a mark, such as `ß` or `Ø`, stay.",
        example: "strip_marks(\"JOSÉ MÜLLER\") == \"JOSE MULLER\"" },
    BuiltinInfo { builtin: Builtin::Replace, name: "replace", params: &[Param::Text, Param::Text, Param::Text], returns: Ty::Text,
        signature: "replace(text, part, with) -> text",
        summary: "The text with every occurrence of `part` replaced by `with`; unchanged when `part` is empty.",
        example: "replace(name, \"'\", \"\") == \"OBRIEN\"" },
    BuiltinInfo { builtin: Builtin::Slice, name: "slice", params: &[Param::Text, Param::Int, Param::Int], returns: Ty::Text,
        signature: "slice(text, first, last) -> text",
        summary: "The characters from position `first` to position `last`, counting from 1 and including both ends, as fixed-width formats number them; the part that exists when the text is shorter (empty when it ends before `first`).",
        example: "slice(\"L898902C36\", 1, 9) == \"L898902C3\"" },
    BuiltinInfo { builtin: Builtin::Line, name: "line", params: &[Param::Text, Param::Int], returns: Ty::Text,
        signature: "line(text, n) -> text",
        summary: "Line `n` of a text of several lines, counting from 1, without its line break and without spaces at either end; empty when the text has fewer lines.",
        example: "len(line(document.mrz, 2)) == 44" },
    BuiltinInfo { builtin: Builtin::SameWords, name: "same_words", params: &[Param::Text, Param::Text], returns: Ty::Bool,
        signature: "same_words(a, b) -> bool",
        summary: "Whether two texts hold the same words in any order, ignoring letter case. A word is a run of letters and digits; everything else (spaces, `<`, hyphens, dots) only separates words.",
        example: "same_words(\"ANNA MARIA ERIKSSON\", \"ERIKSSON<<ANNA<MARIA\")" },
    BuiltinInfo { builtin: Builtin::PadLeft, name: "pad_left", params: &[Param::Text, Param::Int, Param::Text], returns: Ty::Text,
        signature: "pad_left(text, width, fill) -> text",
        summary: "The text with `fill` repeated in front until it has `width` characters; a longer text is unchanged.",
        example: "pad_left(document.number, 8, \"0\") == \"01234567\"" },
    BuiltinInfo { builtin: Builtin::StripPrefix, name: "strip_prefix", params: &[Param::Text, Param::Text], returns: Ty::Text,
        signature: "strip_prefix(text, prefix) -> text",
        summary: "The text without `prefix` at its start; unchanged when it does not start with it.",
        example: "strip_prefix(digits(phone), \"86\") matches \"^1[3-9][0-9]{9}$\"" },
    BuiltinInfo { builtin: Builtin::StartsWith, name: "starts_with", params: &[Param::Text, Param::Text], returns: Ty::Bool,
        signature: "starts_with(text, prefix) -> bool", summary: "Whether the text starts with `prefix`.",
        example: "starts_with(phone, \"+\")" },
    BuiltinInfo { builtin: Builtin::EndsWith, name: "ends_with", params: &[Param::Text, Param::Text], returns: Ty::Bool,
        signature: "ends_with(text, suffix) -> bool", summary: "Whether the text ends with `suffix`.",
        example: "not ends_with(name, \".\")" },
    BuiltinInfo { builtin: Builtin::Contains, name: "contains", params: &[Param::Text, Param::Text], returns: Ty::Bool,
        signature: "contains(text, part) -> bool", summary: "Whether `part` occurs in the text.",
        example: "not contains(name, \".\")" },
    BuiltinInfo { builtin: Builtin::Age, name: "age", params: &[Param::Date], returns: Ty::Int,
        signature: "age(date) -> int",
        summary: "Whole years from the date to the day of the check (`--today`); on the 18th birthday `age` is 18.",
        example: "age(birth_date) >= 18" },
    BuiltinInfo { builtin: Builtin::DaysUntil, name: "days_until", params: &[Param::Date], returns: Ty::Int,
        signature: "days_until(date) -> int",
        summary: "Days from the day of the check to the date; negative once the date has passed.",
        example: "days_until(document.expiry_date) > 30" },
    BuiltinInfo { builtin: Builtin::AddMonths, name: "add_months", params: &[Param::Date, Param::Int], returns: Ty::Date,
        signature: "add_months(date, n) -> date",
        summary: "The date `n` calendar months later (earlier when negative); the 31st becomes the month's last day when needed.",
        example: "document.expiry_date > add_months(today, 1)" },
    BuiltinInfo { builtin: Builtin::AddDays, name: "add_days", params: &[Param::Date, Param::Int], returns: Ty::Date,
        signature: "add_days(date, n) -> date", summary: "The date `n` days later (earlier when negative).",
        example: "document.expiry_date > add_days(today, 30)" },
    BuiltinInfo { builtin: Builtin::Luhn, name: "luhn", params: &[Param::Text], returns: Ty::Bool,
        signature: "luhn(text) -> bool",
        summary: "Whether a string of digits passes the Luhn check-digit test used by card numbers; false for any non-digit.",
        example: "luhn(digits(card.number))" },
    BuiltinInfo { builtin: Builtin::CheckDigit731, name: "check_digit_731", params: &[Param::Text], returns: Ty::Text,
        signature: "check_digit_731(text) -> text",
        summary: "The check digit of the 7-3-1 scheme (used by the machine-readable zones of ICAO Doc 9303 travel documents), as a one-character text: digits count as themselves, A to Z as 10 to 35 and `<` as 0, weighted 7, 3, 1 repeating; the sum modulo 10. Unknown for any other character.",
        example: "check_digit_731(\"520727\") == \"3\"" },
    BuiltinInfo { builtin: Builtin::FromYymmdd, name: "from_yymmdd", params: &[Param::Text, Param::Date], returns: Ty::Date,
        signature: "from_yymmdd(text, latest) -> date",
        summary: "The date a six-digit `YYMMDD` text stands for, taking the century that puts it in the hundred years that end on `latest` (for a birth date, `today`); unknown when the text is not such a date.",
        example: "from_yymmdd(\"740812\", today) == 1974-08-12" },
    BuiltinInfo { builtin: Builtin::Present, name: "present", params: &[Param::Any], returns: Ty::Bool,
        signature: "present(value) -> bool",
        summary: "Whether the value is known: the field is in the profile and valid, or the function found an answer.",
        example: "present(card.number)" },
    BuiltinInfo { builtin: Builtin::CardBank, name: "card_bank", params: &[Param::Text], returns: Ty::Bank,
        signature: "card_bank(number) -> bank",
        summary: "The bank whose card-number prefix in the registry matches the number (non-digits ignored); unknown when none does.",
        example: "card_bank(card.number) == card.bank" },
    BuiltinInfo { builtin: Builtin::CardKind, name: "card_kind", params: &[Param::Text], returns: Ty::Text,
        signature: "card_kind(number) -> text",
        summary: "The kind of card (`debit`, `credit`, `semi_credit`, `prepaid`) the registry gives for the number's prefix; unknown when none matches.",
        example: "card_kind(card.number) == \"debit\"" },
];

/// The most arguments a built-in takes: the evaluator passes them in an array of this size.
pub const MAX_PARAMS: usize = 3;

// A built-in with more parameters than the evaluator's array holds is a build error.
const _: () = {
    let mut i = 0;
    while i < BUILTINS.len() {
        assert!(BUILTINS[i].params.len() <= MAX_PARAMS);
        i += 1;
    }
};

/// The longest text a built-in builds (`pad_left`, `replace`, `+`): a profile value is a few
/// dozen characters, and a longer result is unknown rather than an unbounded allocation.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;

pub fn lookup(name: &str) -> Option<&'static BuiltinInfo> {
    BUILTINS.iter().find(|b| b.name == name)
}

impl Builtin {
    pub fn info(self) -> &'static BuiltinInfo {
        BUILTINS
            .iter()
            .find(|b| b.builtin == self)
            .expect("every builtin is in the table")
    }
}

/// Checks argument types; returns the result type or a sentence saying what is wrong.
pub fn check_call(info: &BuiltinInfo, args: &[Ty]) -> Result<Ty, (Option<usize>, String)> {
    if args.len() != info.params.len() {
        return Err((
            None,
            format!(
                "`{}` takes {} argument{}, but {} {} given",
                info.name,
                info.params.len(),
                if info.params.len() == 1 { "" } else { "s" },
                args.len(),
                if args.len() == 1 { "was" } else { "were" }
            ),
        ));
    }
    for (i, (param, ty)) in info.params.iter().zip(args).enumerate() {
        if !param.accepts(ty) {
            return Err((
                Some(i),
                format!(
                    "argument {} of `{}` must be {}",
                    i + 1,
                    info.name,
                    param.describe()
                ),
            ));
        }
    }
    Ok(info.returns.clone())
}

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
            Val::Text(t) => Val::Int(t.graphemes(true).count() as i64),
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

#[cfg(test)]
mod tests {
    use super::*;

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
