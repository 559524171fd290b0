//! How the checker reads what people type (src/eval/normalize.rs), as properties over the
//! shipped rules: spellings that mean the same value give the same reports, look-alike
//! characters are a warning with a fix at exactly the fields that have them, and a blank
//! required text is missing.
//!
//! Every property starts from a profile that verifies with both apps on 2026-11-21 (the
//! baseline of tests/behaviour.rs) and checks it with every app through the library API.
//! Failing cases are not persisted to a regressions file: proptest prints the shrunk case,
//! which belongs in a plain test if it is worth keeping.

use std::sync::OnceLock;

use jiff::civil::{date, Date};
use proptest::prelude::*;
use proptest::test_runner::Config;
use realname::internal::compile::ir::{Schema, Ty};
use realname::Rules;
use realname::Severity;
use realname::{load_profile, ProfileDocument};
use realname::{AppReport, Finding};
use unicode_normalization::UnicodeNormalization;

const TODAY: Date = date(2026, 11, 21);
const LOOK_ALIKE: &str = "profile/look-alike-characters";

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| match Rules::embedded() {
        Ok(rules) => rules,
        Err(diags) => panic!("the shipped rules do not compile: {diags:?}"),
    })
}

fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// A YAML double-quoted scalar holding exactly `text` (JSON's string syntax is valid YAML).
fn q(text: &str) -> String {
    serde_json::to_string(text).expect("a string serialises")
}

/// A YAML single-quoted scalar holding exactly `text`.
fn sq(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// A profile with one bank card. Every field holds the YAML scalar as it is written in the
/// file (quotes included), so a property controls exactly how each value is typed.
#[derive(Clone, Debug)]
struct Profile {
    name: String,
    birth_date: String,
    phone: String,
    doc_type: String,
    doc_number: String,
    expiry_date: String,
    info_page_photo: String,
    entry_stamp_photo: String,
    bank: String,
    kind: String,
    network: String,
    issued_in: String,
    holder: String,
    account: String,
    card_number: String,
}

impl Profile {
    /// Verifies with both apps today without a single finding (see `baseline_is_clean`).
    fn baseline() -> Profile {
        Profile {
            name: q("JOHN SMITH"),
            birth_date: "1990-05-01".into(),
            phone: q("+27821234567"),
            doc_type: q("passport"),
            doc_number: q("A12345678"),
            expiry_date: "2030-06-30".into(),
            info_page_photo: "true".into(),
            entry_stamp_photo: "true".into(),
            bank: q("CMB"),
            kind: q("debit"),
            network: q("unionpay"),
            issued_in: q("CN"),
            holder: q("JOHN SMITH"),
            account: q("current"),
            card_number: q("6225880000000001"),
        }
    }

    fn yaml(&self) -> String {
        format!(
            "name: {}\nbirth_date: {}\nnationality: ZAF\nphone: {}\ndocument:\n  type: {}\n  number: {}\n  expiry_date: {}\n  info_page_photo: {}\n  entry_stamp_photo: {}\nbank_cards:\n  - bank: {}\n    kind: {}\n    network: {}\n    issued_in: {}\n    holder: {}\n    account: {}\n    number: {}\n",
            self.name,
            self.birth_date,
            self.phone,
            self.doc_type,
            self.doc_number,
            self.expiry_date,
            self.info_page_photo,
            self.entry_stamp_photo,
            self.bank,
            self.kind,
            self.network,
            self.issued_in,
            self.holder,
            self.account,
            self.card_number,
        )
    }

    /// The written scalar of a field, by its dotted path.
    fn field_mut(&mut self, path: &str) -> &mut String {
        match path {
            "name" => &mut self.name,
            "birth_date" => &mut self.birth_date,
            "phone" => &mut self.phone,
            "document.type" => &mut self.doc_type,
            "document.number" => &mut self.doc_number,
            "document.expiry_date" => &mut self.expiry_date,
            "document.info_page_photo" => &mut self.info_page_photo,
            "document.entry_stamp_photo" => &mut self.entry_stamp_photo,
            "bank_cards[0].bank" => &mut self.bank,
            "bank_cards[0].kind" => &mut self.kind,
            "bank_cards[0].network" => &mut self.network,
            "bank_cards[0].issued_in" => &mut self.issued_in,
            "bank_cards[0].holder" => &mut self.holder,
            "bank_cards[0].account" => &mut self.account,
            "bank_cards[0].number" => &mut self.card_number,
            _ => panic!("no field {path} in this profile"),
        }
    }
}

/// Every app's report on `profile`, by app id.
fn check(profile: &Profile) -> (ProfileDocument, Vec<AppReport>) {
    let text = profile.yaml();
    let doc = load_profile("profile.yaml", &text)
        .unwrap_or_else(|e| panic!("profile does not load: {e:?}\n---\n{text}"));
    let mut reports = rules()
        .check(&doc, &[], TODAY)
        .unwrap_or_else(|e| panic!("check failed: {e:?}"));
    reports.sort_by(|a, b| a.app.cmp(&b.app));
    assert_eq!(reports.len(), 2, "alipay and wechat");
    (doc, reports)
}

/// A report without the profile positions (which move when a value is written differently):
/// everything else must be the same for two spellings of the same values.
#[derive(Debug, PartialEq)]
struct Summary {
    app: String,
    verified: bool,
    unlocks: Vec<String>,
    limits: Vec<(String, u64, String, String)>,
    outcomes: Vec<String>,
    /// code, severity, field, missing, message, help, note, sources
    findings: Vec<String>,
    /// code, field, from, to, sensitive
    fixes: Vec<String>,
    exercised: Vec<(bool, bool)>,
}

fn finding_line(f: &Finding) -> String {
    format!(
        "{} {:?} at {} missing={} message={:?} help={:?} note={:?} sources={:?}",
        f.code, f.severity, f.field, f.missing, f.message, f.help, f.note, f.sources
    )
}

/// The report's summary, leaving out the findings and fixes `skip` says to.
fn summary_without(r: &AppReport, skip: impl Fn(&str) -> bool) -> Summary {
    Summary {
        app: r.app.clone(),
        verified: r.verified,
        unlocks: r.unlocks.clone(),
        limits: r
            .limits
            .iter()
            .map(|l| (l.name.clone(), l.amount, l.currency.clone(), l.per.clone()))
            .collect(),
        outcomes: r.outcomes.clone(),
        findings: r
            .findings
            .iter()
            .filter(|f| !skip(&f.code))
            .map(finding_line)
            .collect(),
        fixes: r
            .fixes
            .iter()
            .filter(|f| !skip(&f.code))
            .map(|f| {
                format!(
                    "{} at {}: {:?} -> {:?} sensitive={}",
                    f.code, f.field, f.from, f.to, f.sensitive
                )
            })
            .collect(),
        exercised: r.exercised.iter().map(|e| (e.passed, e.failed)).collect(),
    }
}

fn summaries(reports: &[AppReport]) -> Vec<Summary> {
    reports
        .iter()
        .map(|r| summary_without(r, |_| false))
        .collect()
}

fn dump(reports: &[AppReport]) -> String {
    let mut s = String::new();
    for r in reports {
        s += &format!(
            "{} verified={} unlocks={:?}\n",
            r.app, r.verified, r.unlocks
        );
        for f in &r.findings {
            s += &format!("  {}\n", finding_line(f));
        }
        for x in &r.fixes {
            s += &format!("  fix {} {}: {:?} -> {:?}\n", x.code, x.field, x.from, x.to);
        }
    }
    s
}

#[test]
fn baseline_is_clean() {
    let (_, reports) = check(&Profile::baseline());
    for r in &reports {
        assert!(r.verified, "{}", dump(&reports));
        assert!(r.findings.is_empty(), "{}", dump(&reports));
        assert!(r.fixes.is_empty(), "{}", dump(&reports));
    }
}

// ---------------------------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------------------------

/// A Latin letter with zero to two combining accents, written in NFD (letter, then marks):
/// some have a precomposed form (É, Ü, Ệ), some do not (Q́), and NFC composes what it can.
fn accented_letter() -> impl Strategy<Value = String> {
    const MARKS: [char; 9] = [
        '\u{300}', '\u{301}', '\u{302}', '\u{303}', '\u{308}', '\u{30A}', '\u{30C}', '\u{323}',
        '\u{327}',
    ];
    (
        prop_oneof![
            prop::char::range('A', 'Z'),
            prop::char::range('a', 'z'),
            Just('\u{D8}'), // Ø: no decomposition at all
        ],
        prop::collection::vec(prop::sample::select(&MARKS[..]), 0..=2),
    )
        .prop_map(|(letter, marks)| {
            let mut s = letter.to_string();
            s.extend(marks);
            s
        })
}

/// A name of one to three words of accented letters (in NFD).
fn latin_name() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::collection::vec(accented_letter(), 2..=8).prop_map(|letters| letters.concat()),
        1..=3,
    )
    .prop_map(|words| words.join(" "))
}

/// How a plain ASCII text is retyped: which characters become full-width, and what stands
/// for each ordinary space.
#[derive(Clone, Debug)]
struct Retype {
    full_width: Vec<bool>,
    space: char,
}

impl Retype {
    fn apply(&self, plain: &str) -> String {
        plain
            .chars()
            .enumerate()
            .map(|(i, c)| match c {
                ' ' => self.space,
                '!'..='~' if self.full_width.get(i).copied().unwrap_or(false) => {
                    char::from_u32(c as u32 + 0xFEE0).expect("the full-width form")
                }
                c => c,
            })
            .collect()
    }
}

fn retype() -> impl Strategy<Value = Retype> {
    (
        // Mostly unchanged, so that a field is often left plain while another changes.
        prop::collection::vec(prop::bool::weighted(0.2), 12),
        prop::sample::select(vec![' ', ' ', '\u{A0}', '\u{3000}', '\u{202F}', '\u{2009}']),
    )
        .prop_map(|(full_width, space)| Retype { full_width, space })
}

/// `value` spelt the ways people type an enumeration: any letter case, a space or a hyphen
/// for an underscore, spaces around.
fn enum_spelling(value: &'static str) -> impl Strategy<Value = String> {
    let n = value.chars().count();
    (
        prop::collection::vec(any::<bool>(), n),
        prop::sample::select(vec!["_", " ", "-"]),
        prop::sample::select(vec!["", " ", "  "]),
        prop::sample::select(vec!["", " "]),
    )
        .prop_map(move |(upper, separator, before, after)| {
            let mut s = String::from(before);
            for (c, up) in value.chars().zip(upper) {
                match c {
                    '_' => s.push_str(separator),
                    c if up => s.push(c.to_ascii_uppercase()),
                    c => s.push(c),
                }
            }
            s.push_str(after);
            s
        })
}

/// The values of the enumeration at a dotted path of the shipped schema (`bank_cards.kind`),
/// read from the rules so the test follows the schema.
fn enum_values(path: &str) -> Vec<&'static str> {
    let schema = &rules().set().schema;
    let mut ty = &Ty::Record(Schema::ROOT);
    for name in path.split('.') {
        let record = loop {
            match ty {
                Ty::Record(id) => break schema.record(*id),
                Ty::List(inner) => ty = inner,
                other => panic!("{path}: {other:?} has no field {name}"),
            }
        };
        let index = record
            .field_index(name)
            .unwrap_or_else(|| panic!("{path}: no field {name}"));
        ty = &record.fields[index].ty;
    }
    match ty {
        Ty::Enum(id) => schema.enums[*id as usize]
            .values
            .iter()
            .map(String::as_str)
            .collect(),
        other => panic!("{path} is {other:?}, not an enumeration"),
    }
}

/// A value of the enumeration at `path` and one of its spellings.
fn enum_case(path: &str) -> impl Strategy<Value = (&'static str, String)> {
    prop::sample::select(enum_values(path)).prop_flat_map(|v| (Just(v), enum_spelling(v)))
}

/// A boolean spelt one of the YAML ways, plain, double- or single-quoted.
fn bool_spelling() -> impl Strategy<Value = (bool, String)> {
    const TRUE: [&str; 12] = [
        "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y", " true ",
    ];
    const FALSE: [&str; 12] = [
        "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", "n", "N", " false ",
    ];
    (any::<bool>(), 0..TRUE.len(), 0..3usize).prop_map(|(value, i, quoting)| {
        let word = if value { TRUE[i] } else { FALSE[i] };
        let written = match quoting {
            // Plain: YAML drops the surrounding spaces itself.
            0 => word.trim().to_string(),
            1 => q(word),
            _ => sq(word),
        };
        (value, written)
    })
}

/// A date in `years`, and how it is written: with or without leading zeros, bare or as a YAML
/// timestamp, plain or quoted.
fn date_spelling(years: std::ops::RangeInclusive<i16>) -> impl Strategy<Value = (Date, String)> {
    let day = (years, 1..=12i8, 1..=31i8).prop_map(|(y, m, d)| {
        let first = date(y, m, 1);
        date(y, m, d.min(first.days_in_month()))
    });
    let time = prop_oneof![
        Just(String::new()),
        (
            prop::sample::select(vec!["T", "t", " ", "  "]),
            0..24u8,
            0..60u8,
            0..60u8,
            prop::sample::select(vec!["", ".5", ".123456"]),
            prop::sample::select(vec!["", "Z", " Z", "+08:00", "-05:00", " -5", "+14"]),
            any::<bool>(),
        )
            .prop_map(|(sep, h, m, s, frac, zone, short_hour)| {
                let hour = if short_hour {
                    h.to_string()
                } else {
                    format!("{h:02}")
                };
                format!("{sep}{hour}:{m:02}:{s:02}{frac}{zone}")
            }),
    ];
    (day, any::<bool>(), any::<bool>(), time, 0..3usize).prop_map(
        |(d, pad_month, pad_day, time, quoting)| {
            let month = if pad_month {
                format!("{:02}", d.month())
            } else {
                d.month().to_string()
            };
            let day = if pad_day {
                format!("{:02}", d.day())
            } else {
                d.day().to_string()
            };
            let text = format!("{:04}-{month}-{day}{time}", d.year());
            let written = match quoting {
                0 => text,
                1 => q(&text),
                _ => sq(&text),
            };
            (d, written)
        },
    )
}

fn canonical_date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// Empty, or a few blanks: spaces, no-break spaces, ideographic spaces.
fn blank() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(vec![' ', '\u{A0}', '\u{3000}']), 0..=4)
        .prop_map(|chars| chars.into_iter().collect())
}

const TEXT_FIELDS: [&str; 4] = ["name", "phone", "document.number", "bank_cards[0].holder"];

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(256))]

    /// (a) NFC and NFD are the same text: name and holder each written either way give the
    /// reports of both in NFC, with no look-alike finding.
    #[test]
    fn canonically_equivalent_names_are_the_same_name(
        name in latin_name(),
        name_nfd in any::<bool>(),
        holder_nfd in any::<bool>(),
    ) {
        let form = |nfd: bool| -> String {
            if nfd { name.nfd().collect() } else { name.nfc().collect() }
        };
        let mut reference = Profile::baseline();
        reference.name = q(&form(false));
        reference.holder = q(&form(false));
        let mut variant = reference.clone();
        variant.name = q(&form(name_nfd));
        variant.holder = q(&form(holder_nfd));
        let (_, expected) = check(&reference);
        let (_, got) = check(&variant);
        for (e, g) in expected.iter().zip(&got) {
            prop_assert_eq!(e.verified, g.verified, "verdict of {}:\n{}", g.app, dump(&got));
            let codes = |r: &AppReport| {
                let mut c: Vec<String> = r.findings.iter().map(|f| f.code.clone()).collect();
                c.sort();
                c.dedup();
                c
            };
            prop_assert_eq!(codes(e), codes(g), "finding codes of {}:\n{}", g.app, dump(&got));
            prop_assert!(
                g.findings.iter().all(|f| f.code != LOOK_ALIKE),
                "no look-alike finding:\n{}", dump(&got)
            );
            prop_assert!(
                g.fixes.iter().all(|f| f.code != LOOK_ALIKE),
                "no look-alike fix:\n{}", dump(&got)
            );
        }
    }

    /// (b) Full-width characters and special spaces in name, holder and document number:
    /// the reports of the plain profile, plus a look-alike warning and a fix back to the plain
    /// text at exactly the fields that were retyped.
    #[test]
    fn look_alike_characters_are_a_warning_with_a_fix_at_exactly_those_fields(
        name in retype(),
        holder in retype(),
        number in retype(),
    ) {
        let plain = Profile::baseline();
        let retyped = [
            ("name", "JOHN SMITH", name.apply("JOHN SMITH"), false),
            ("bank_cards[0].holder", "JOHN SMITH", holder.apply("JOHN SMITH"), false),
            ("document.number", "A12345678", number.apply("A12345678"), true),
        ];
        let mut variant = plain.clone();
        for (path, _, typed, _) in &retyped {
            *variant.field_mut(path) = q(typed);
        }
        let (_, expected) = check(&plain);
        let (doc, got) = check(&variant);
        for (e, g) in expected.iter().zip(&got) {
            prop_assert_eq!(
                summary_without(e, |_| false),
                summary_without(g, |code| code == LOOK_ALIKE),
                "apart from look-alikes:\n{}", dump(&got)
            );
            let warned: Vec<&Finding> = g.findings.iter().filter(|f| f.code == LOOK_ALIKE).collect();
            for (path, plain_text, typed, sensitive) in &retyped {
                let changed = typed != plain_text;
                let at: Vec<&&Finding> = warned.iter().filter(|f| f.field == *path).collect();
                prop_assert_eq!(at.len(), usize::from(changed), "look-alike at {}:\n{}", path, dump(&got));
                if let Some(f) = at.first() {
                    prop_assert_eq!(f.severity, Severity::Warning);
                    prop_assert!(f.message.contains(&format!("`{path}`")), "{}", f.message);
                    let span = f.span.clone().expect("the finding points at the value");
                    let written = q(typed);
                    prop_assert_eq!(&doc.text[span], written.as_str(), "the span is the value as typed");
                }
                let fixes: Vec<_> = g.fixes.iter().filter(|x| x.field == *path).collect();
                prop_assert_eq!(fixes.len(), usize::from(changed), "fix of {}:\n{}", path, dump(&got));
                if let Some(fix) = fixes.first() {
                    prop_assert_eq!(fix.code.as_str(), LOOK_ALIKE);
                    prop_assert_eq!(fix.from.as_str(), typed.as_str());
                    prop_assert_eq!(fix.to.as_str(), *plain_text);
                    prop_assert_eq!(fix.sensitive, *sensitive);
                }
            }
            prop_assert_eq!(warned.len(), retyped.iter().filter(|(_, p, t, _)| t != p).count());
        }
    }

    /// (c) Enumeration values in any letter case, with spaces or hyphens for underscores, give
    /// exactly the reports of the canonical spelling.
    #[test]
    fn enum_values_in_any_spelling_are_the_same_value(
        kind in enum_case("bank_cards.kind"),
        network in enum_case("bank_cards.network"),
        doc_type in enum_case("document.type"),
        account in enum_case("bank_cards.account"),
    ) {
        let mut canonical = Profile::baseline();
        canonical.kind = q(kind.0);
        canonical.network = q(network.0);
        canonical.doc_type = q(doc_type.0);
        canonical.account = q(account.0);
        let mut spelt = canonical.clone();
        spelt.kind = q(&kind.1);
        spelt.network = q(&network.1);
        spelt.doc_type = q(&doc_type.1);
        spelt.account = q(&account.1);
        let (_, expected) = check(&canonical);
        let (_, got) = check(&spelt);
        prop_assert_eq!(summaries(&expected), summaries(&got), "\n{}", dump(&got));
    }

    /// (d) The YAML spellings of true and false, quoted or not, give the reports of
    /// `true`/`false`.
    #[test]
    fn bool_spellings_are_the_same_value(
        info in bool_spelling(),
        stamp in bool_spelling(),
    ) {
        let mut canonical = Profile::baseline();
        canonical.info_page_photo = info.0.to_string();
        canonical.entry_stamp_photo = stamp.0.to_string();
        let mut spelt = canonical.clone();
        spelt.info_page_photo = info.1.clone();
        spelt.entry_stamp_photo = stamp.1.clone();
        let (_, expected) = check(&canonical);
        let (_, got) = check(&spelt);
        prop_assert_eq!(summaries(&expected), summaries(&got), "\n{}", dump(&got));
    }

    /// (e) Dates without leading zeros, and YAML timestamps, give the reports of the same
    /// dates written YYYY-MM-DD.
    #[test]
    fn date_spellings_are_the_same_date(
        birth in date_spelling(1950..=2012),
        expiry in date_spelling(2024..=2032),
    ) {
        let mut canonical = Profile::baseline();
        canonical.birth_date = canonical_date(birth.0);
        canonical.expiry_date = canonical_date(expiry.0);
        let mut spelt = canonical.clone();
        spelt.birth_date = birth.1.clone();
        spelt.expiry_date = expiry.1.clone();
        let (_, expected) = check(&canonical);
        let (_, got) = check(&spelt);
        prop_assert_eq!(summaries(&expected), summaries(&got), "\n{}", dump(&got));
    }

    /// (f) A required text that is empty or only blanks is missing: a `profile/missing` error
    /// at that field, not verified, and no fix at all (no look-alike rewrite, and Alipay does
    /// not pad an empty passport number to 00000000).
    #[test]
    fn a_blank_required_text_is_missing_and_nothing_is_proposed(
        field in prop::sample::select(&TEXT_FIELDS[..]),
        text in blank(),
    ) {
        let mut p = Profile::baseline();
        *p.field_mut(field) = q(&text);
        let (_, got) = check(&p);
        for r in &got {
            let missing: Vec<&Finding> =
                r.findings.iter().filter(|f| f.code == "profile/missing").collect();
            prop_assert_eq!(missing.len(), 1, "one profile/missing:\n{}", dump(&got));
            prop_assert_eq!(missing[0].field.as_str(), field);
            prop_assert_eq!(missing[0].severity, Severity::Error);
            prop_assert!(!r.verified, "not verified:\n{}", dump(&got));
            prop_assert!(r.fixes.is_empty(), "no fix:\n{}", dump(&got));
            prop_assert!(
                r.findings.iter().all(|f| f.code != LOOK_ALIKE),
                "blank is missing, not look-alike:\n{}", dump(&got)
            );
        }
    }
}

/// Plain scalars that YAML 1.1 or 1.2 would read as a number, a boolean or a float: in a text
/// field the checker keeps what was typed, so `0123456789` keeps its zero.
fn yaml_typed_looking() -> impl Strategy<Value = String> {
    prop_oneof![
        "0[0-9]{5,10}",
        "0o[0-7]{3,8}",
        "0x[0-9A-F]{3,8}",
        "[1-9][0-9]{0,3}e[1-9]",
        "[1-9][0-9]{0,2}(_[0-9]{3}){1,3}",
        "[1-9][0-9]?(:[0-5][0-9]){1,2}",
        "[0-9]{1,4}\\.[0-9]{1,4}",
        prop::sample::select(vec![
            "yes", "No", "OFF", "on", "True", "FALSE", "y", "N", ".inf", "-.Inf", ".NaN",
        ])
        .prop_map(str::to_string),
    ]
}

/// A document number of letters and digits, and where punctuation is typed into it.
fn punctuated_number() -> impl Strategy<Value = (String, String)> {
    (
        "[A-Z][A-Z0-9]{3,10}",
        prop::collection::vec(
            (
                any::<prop::sample::Index>(),
                prop::sample::select(vec![' ', '-', '.', '/']),
            ),
            1..4,
        ),
    )
        .prop_map(|(number, marks)| {
            let mut typed: Vec<char> = number.chars().collect();
            for (at, mark) in marks {
                // Inside the number: spaces around it would be trimmed by the rules.
                let i = 1 + at.index(typed.len() - 1);
                typed.insert(i, mark);
            }
            (number, typed.into_iter().collect())
        })
}

proptest! {
    #![proptest_config(config(128))]

    /// (g) A text that YAML would read as another type is read as written: writing it plain
    /// or quoted gives the same reports. The same holds for a country code YAML 1.1 reads as
    /// a boolean (`NO`, Norway).
    #[test]
    fn text_that_yaml_would_type_is_read_as_written(typed in yaml_typed_looking(), norway in prop::sample::select(vec!["NO", "no", "No"])) {
        let mut plain = Profile::baseline();
        plain.doc_number = typed.clone();
        plain.phone = typed.clone();
        plain.issued_in = norway.to_string();
        let mut quoted = Profile::baseline();
        quoted.doc_number = q(&typed);
        quoted.phone = q(&typed);
        quoted.issued_in = q(norway);
        let (_, expected) = check(&quoted);
        let (_, got) = check(&plain);
        prop_assert_eq!(summaries(&expected), summaries(&got), "\n{}", dump(&got));
        for r in &got {
            prop_assert!(
                r.findings.iter().all(|f| !f.code.starts_with("profile/")),
                "NO is a country, and every value is a text as typed:\n{}", dump(&got)
            );
        }
    }

    /// (h) Punctuation typed into a document number never counts towards its length: it is
    /// an error of its own (the number is not as printed), Alipay's 8-character rule judges
    /// the letters and digits alone, and the fix offered is the number without punctuation,
    /// padded for Alipay only when the letters and digits are fewer than 8.
    #[test]
    fn punctuation_never_counts_towards_a_document_number((number, typed) in punctuated_number()) {
        let mut p = Profile::baseline();
        p.doc_number = q(&typed);
        let (_, got) = check(&p);
        for r in &got {
            let has = |code: &str| r.findings.iter().any(|f| f.code == format!("{}/{code}", r.app) && f.field == "document.number");
            prop_assert!(has("document_number_characters"), "punctuation is an error:\n{}", dump(&got));
            prop_assert!(!r.verified);
            let short = number.chars().count() < 8;
            if r.app == "alipay" {
                prop_assert_eq!(has("passport_number_length"), short, "length counts letters and digits:\n{}", dump(&got));
            }
            let fix = r.fixes.iter().find(|f| f.field == "document.number");
            let want = if short && r.app == "alipay" {
                format!("{}{number}", "0".repeat(8 - number.chars().count()))
            } else {
                number.clone()
            };
            prop_assert_eq!(fix.map(|f| f.to.clone()), Some(want), "\n{}", dump(&got));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Plain cases the properties rely on
// ---------------------------------------------------------------------------------------------

/// The reports on `profile` with the line `KEY: WRITTEN` left out (the field absent).
fn check_without(profile: &Profile, key: &str, written: &str) -> Vec<AppReport> {
    let line = format!("{key}: {written}");
    let text = profile.yaml();
    let kept: Vec<&str> = text.lines().filter(|l| l.trim_start() != line).collect();
    assert_eq!(
        kept.len() + 1,
        text.lines().count(),
        "one {line:?} in\n{text}"
    );
    let absent = kept.join("\n") + "\n";
    let doc = load_profile("profile.yaml", &absent)
        .unwrap_or_else(|e| panic!("profile does not load: {e:?}\n---\n{absent}"));
    let mut reports = rules().check(&doc, &[], TODAY).expect("checks");
    reports.sort_by(|a, b| a.app.cmp(&b.app));
    reports
}

/// What a blank optional value must share with an absent one: verdicts, unlocks, limits and
/// what is found where. (A finding about it then points at the blank value as typed, so
/// `missing` is false there and true for the absent field.)
fn outcome(reports: &[AppReport]) -> Vec<String> {
    reports
        .iter()
        .map(|r| {
            let findings: Vec<String> = r
                .findings
                .iter()
                .map(|f| format!("{} {:?} at {}: {}", f.code, f.severity, f.field, f.message))
                .collect();
            let fixes: Vec<String> = r
                .fixes
                .iter()
                .map(|f| format!("{} {}: {:?} -> {:?}", f.code, f.field, f.from, f.to))
                .collect();
            format!(
                "{} verified={} unlocks={:?} limits={} outcomes={:?} findings={findings:?} fixes={fixes:?}",
                r.app,
                r.verified,
                r.unlocks,
                r.limits.len(),
                r.outcomes
            )
        })
        .collect()
}

#[test]
fn a_blank_optional_value_of_any_kind_is_as_if_absent() {
    for (path, key) in [
        ("bank_cards[0].number", "number"),
        ("bank_cards[0].account", "account"),
        ("document.info_page_photo", "info_page_photo"),
        ("document.entry_stamp_photo", "entry_stamp_photo"),
    ] {
        for blank in ["", " ", "\u{3000} ", "\u{A0}"] {
            let mut p = Profile::baseline();
            *p.field_mut(path) = q(blank);
            let (_, got) = check(&p);
            let expected = check_without(&p, key, &q(blank));
            assert_eq!(
                outcome(&expected),
                outcome(&got),
                "{path} = {blank:?}:\n{}",
                dump(&got)
            );
        }
    }
}

#[test]
fn a_blank_required_value_of_any_kind_is_missing() {
    for path in [
        "birth_date",
        "document.type",
        "document.expiry_date",
        "bank_cards[0].bank",
        "bank_cards[0].kind",
        "bank_cards[0].network",
        "bank_cards[0].issued_in",
    ] {
        for blank in ["", " ", "\u{3000}"] {
            let mut p = Profile::baseline();
            *p.field_mut(path) = q(blank);
            let (_, got) = check(&p);
            for r in &got {
                let profile: Vec<&Finding> = r
                    .findings
                    .iter()
                    .filter(|f| f.code.starts_with("profile/"))
                    .collect();
                assert_eq!(profile.len(), 1, "{path} = {blank:?}:\n{}", dump(&got));
                assert_eq!(profile[0].code, "profile/missing");
                assert_eq!(profile[0].field, path);
                assert!(profile[0].message.contains("required but empty"));
                assert!(!r.verified);
                assert!(r.fixes.is_empty(), "{}", dump(&got));
            }
        }
    }
}

#[test]
fn an_empty_passport_number_is_reported_as_empty_at_the_value() {
    let mut p = Profile::baseline();
    p.doc_number = q("");
    let (doc, got) = check(&p);
    for r in &got {
        let f = r
            .findings
            .iter()
            .find(|f| f.code == "profile/missing")
            .expect("a profile/missing finding");
        assert!(f.message.contains("empty"), "{}", f.message);
        assert!(!f.missing, "the value is written, only empty");
        assert_eq!(&doc.text[f.span.clone().expect("a span")], "\"\"");
    }
}

#[test]
fn look_alike_message_names_the_kind_in_plain_words() {
    let mut p = Profile::baseline();
    p.name = q("ＪＯＨＮ\u{A0}SMITH");
    let (_, got) = check(&p);
    let f = got[0]
        .findings
        .iter()
        .find(|f| f.code == LOOK_ALIKE)
        .expect("a look-alike finding");
    for words in [
        "`name`",
        "full-width letters",
        "no-break space",
        "compares characters",
    ] {
        assert!(f.message.contains(words), "{words}: {}", f.message);
    }
    assert!(
        f.help.as_deref().is_some_and(|h| h.contains("--fix")),
        "{:?}",
        f.help
    );
}

#[test]
fn full_width_country_and_bank_resolve() {
    let mut p = Profile::baseline();
    p.issued_in = q("ｃｎ");
    p.bank = q("ＣＭＢ");
    let (_, got) = check(&p);
    let (_, expected) = check(&Profile::baseline());
    assert_eq!(summaries(&expected), summaries(&got), "\n{}", dump(&got));
}

#[test]
fn an_unreadable_date_is_quoted_as_typed() {
    let mut p = Profile::baseline();
    p.birth_date = q("１９９０/05/01");
    let (_, got) = check(&p);
    let f = got[0]
        .findings
        .iter()
        .find(|f| f.code == "profile/invalid-date")
        .expect("an invalid-date finding");
    assert_eq!(f.message, "\"１９９０/05/01\" is not a date");
}
