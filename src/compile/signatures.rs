//! The built-in functions of the rule language as the compiler sees them: each one's name,
//! parameters, result type and documentation. The type checker reads this table, the docs
//! and `docs/language.md` list it, and the evaluator (`eval::builtins`) implements each entry.
//! It sits with the compiler so that compiling never depends on evaluating.

use super::ir::Ty;

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
