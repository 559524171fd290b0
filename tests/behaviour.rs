//! What the product must do, checked through the library API with the shipped rules.
//!
//! Every test starts from one baseline profile that verifies cleanly with both apps (see
//! `baseline_verifies_everywhere`), changes one thing, and asserts the exact finding code,
//! severity and field path it produces (and `verified`, `unlocks` and `limits` where they
//! matter). `today` is fixed to 2026-11-21 unless a case needs another date.

use std::sync::OnceLock;

use jiff::civil::{date, Date};
use realname::Rules;
use realname::Severity;
use realname::{load_profile, ProfileDocument};
use realname::{AppReport, Finding, LimitReport};
use serde_json::{json, Map, Value};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const TODAY: Date = date(2026, 11, 21);

const ALL_FOUR: [&str; 4] = ["payments", "transfers", "withdrawals", "red_packets"];

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| match Rules::embedded() {
        Ok(rules) => rules,
        Err(diags) => panic!("the shipped rules do not compile: {diags:?}"),
    })
}

/// One bank card of a profile. Text values are written quoted, so YAML never retypes them.
#[derive(Clone, Debug)]
struct Card {
    bank: String,
    kind: String,
    network: String,
    issued_in: String,
    holder: String,
    account: Option<String>,
    number: Option<String>,
}

impl Card {
    /// The baseline card: a China Merchants Bank debit card in JOHN SMITH's name.
    fn cmb_debit() -> Card {
        Card {
            bank: "CMB".into(),
            kind: "debit".into(),
            network: "unionpay".into(),
            issued_in: "CN".into(),
            holder: "JOHN SMITH".into(),
            account: Some("current".into()),
            number: Some("6225880000000001".into()),
        }
    }

    /// A China debit card of `bank`, in JOHN SMITH's name, without a number.
    fn debit(bank: &str) -> Card {
        Card {
            bank: bank.into(),
            number: None,
            ..Card::cmb_debit()
        }
    }

    /// A Visa credit card issued in the US, in JOHN SMITH's name.
    fn us_visa_credit() -> Card {
        Card {
            bank: "Citibank".into(),
            kind: "credit".into(),
            network: "visa".into(),
            issued_in: "US".into(),
            holder: "JOHN SMITH".into(),
            account: None,
            number: None,
        }
    }

    fn json(&self) -> Value {
        let mut m = Map::new();
        m.insert("bank".into(), json!(self.bank));
        m.insert("kind".into(), json!(self.kind));
        m.insert("network".into(), json!(self.network));
        m.insert("issued_in".into(), json!(self.issued_in));
        m.insert("holder".into(), json!(self.holder));
        if let Some(a) = &self.account {
            m.insert("account".into(), json!(a));
        }
        if let Some(n) = &self.number {
            m.insert("number".into(), json!(n));
        }
        Value::Object(m)
    }
}

/// A profile, written out as YAML (or JSON). `None` leaves a field out.
#[derive(Clone, Debug)]
struct Profile {
    name: String,
    /// Written unquoted, exactly as given.
    birth_date: Option<String>,
    phone: String,
    doc_type: String,
    doc_number: String,
    /// Written unquoted, exactly as given.
    expiry_date: String,
    info_page_photo: Option<bool>,
    entry_stamp_photo: Option<bool>,
    /// `None`: no `bank_cards` key at all.
    cards: Option<Vec<Card>>,
    /// Extra top-level `key: value` lines, written as they are.
    extra: Vec<(String, String)>,
}

fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("a string serialises")
}

impl Profile {
    /// Like examples/john-smith.yaml: verifies with both apps without a single finding.
    fn baseline() -> Profile {
        Profile {
            name: "JOHN SMITH".into(),
            birth_date: Some("1990-05-01".into()),
            phone: "+27821234567".into(),
            doc_type: "passport".into(),
            doc_number: "A12345678".into(),
            expiry_date: "2030-06-30".into(),
            info_page_photo: Some(true),
            entry_stamp_photo: Some(true),
            cards: Some(vec![Card::cmb_debit()]),
            extra: Vec::new(),
        }
    }

    /// The name, and the holder of every card with it, so the cards stay in the applicant's name.
    fn named(mut self, name: &str) -> Profile {
        self.name = name.into();
        for card in self.cards.iter_mut().flatten() {
            card.holder = name.into();
        }
        self
    }

    fn cards(&mut self) -> &mut Vec<Card> {
        self.cards.as_mut().expect("the profile has bank_cards")
    }

    fn yaml(&self) -> String {
        let mut y = String::new();
        y += &format!("name: {}\n", quoted(&self.name));
        if let Some(b) = &self.birth_date {
            y += &format!("birth_date: {b}\n");
        }
        y += "nationality: ZAF\n";
        y += &format!("phone: {}\n", quoted(&self.phone));
        for (k, v) in &self.extra {
            y += &format!("{k}: {v}\n");
        }
        y += "document:\n";
        y += &format!("  type: {}\n", quoted(&self.doc_type));
        y += &format!("  number: {}\n", quoted(&self.doc_number));
        y += &format!("  expiry_date: {}\n", self.expiry_date);
        if let Some(p) = self.info_page_photo {
            y += &format!("  info_page_photo: {p}\n");
        }
        if let Some(p) = self.entry_stamp_photo {
            y += &format!("  entry_stamp_photo: {p}\n");
        }
        match &self.cards {
            None => {}
            Some(cards) if cards.is_empty() => y += "bank_cards: []\n",
            Some(cards) => {
                y += "bank_cards:\n";
                for c in cards {
                    y += &format!("  - bank: {}\n", quoted(&c.bank));
                    y += &format!("    kind: {}\n", quoted(&c.kind));
                    y += &format!("    network: {}\n", quoted(&c.network));
                    y += &format!("    issued_in: {}\n", quoted(&c.issued_in));
                    y += &format!("    holder: {}\n", quoted(&c.holder));
                    if let Some(a) = &c.account {
                        y += &format!("    account: {}\n", quoted(a));
                    }
                    if let Some(n) = &c.number {
                        y += &format!("    number: {}\n", quoted(n));
                    }
                }
            }
        }
        y
    }

    fn json(&self) -> String {
        let mut m = Map::new();
        m.insert("name".into(), json!(self.name));
        if let Some(b) = &self.birth_date {
            m.insert("birth_date".into(), json!(b));
        }
        m.insert("nationality".into(), json!("ZAF"));
        m.insert("phone".into(), json!(self.phone));
        for (k, v) in &self.extra {
            m.insert(k.clone(), json!(v));
        }
        let mut d = Map::new();
        d.insert("type".into(), json!(self.doc_type));
        d.insert("number".into(), json!(self.doc_number));
        d.insert("expiry_date".into(), json!(self.expiry_date));
        if let Some(p) = self.info_page_photo {
            d.insert("info_page_photo".into(), json!(p));
        }
        if let Some(p) = self.entry_stamp_photo {
            d.insert("entry_stamp_photo".into(), json!(p));
        }
        m.insert("document".into(), Value::Object(d));
        if let Some(cards) = &self.cards {
            m.insert(
                "bank_cards".into(),
                Value::Array(cards.iter().map(Card::json).collect()),
            );
        }
        serde_json::to_string_pretty(&Value::Object(m)).expect("a profile serialises")
    }
}

/// Loads `text` and checks it against one app on `today`.
fn check_text(file: &str, text: &str, app: &str, today: Date) -> (ProfileDocument, AppReport) {
    let doc = load_profile(file, text)
        .unwrap_or_else(|e| panic!("profile does not load: {e:?}\n---\n{text}"));
    let mut reports = rules()
        .check(&doc, &[app], today)
        .unwrap_or_else(|e| panic!("check failed: {e:?}"));
    assert_eq!(reports.len(), 1, "one report per app asked for");
    let report = reports.remove(0);
    assert_eq!(report.app, app);
    (doc, report)
}

fn check_on(profile: &Profile, app: &str, today: Date) -> AppReport {
    check_text("profile.yaml", &profile.yaml(), app, today).1
}

fn check(profile: &Profile, app: &str) -> AppReport {
    check_on(profile, app, TODAY)
}

/// The baseline with one change, checked against `app` today.
fn with(app: &str, change: impl FnOnce(&mut Profile)) -> AppReport {
    let mut p = Profile::baseline();
    change(&mut p);
    check(&p, app)
}

fn alipay(change: impl FnOnce(&mut Profile)) -> AppReport {
    with("alipay", change)
}

fn wechat(change: impl FnOnce(&mut Profile)) -> AppReport {
    with("wechat", change)
}

fn dump(r: &AppReport) -> String {
    let mut s = format!(
        "{} verified={} unlocks={:?}\n",
        r.app, r.verified, r.unlocks
    );
    for f in &r.findings {
        s += &format!(
            "  {} {:?} at {} missing={} note={:?}\n",
            f.code, f.severity, f.field, f.missing, f.note
        );
    }
    for x in &r.fixes {
        s += &format!("  fix {} {}: {:?} -> {:?}\n", x.code, x.field, x.from, x.to);
    }
    s
}

fn all<'r>(r: &'r AppReport, code: &str) -> Vec<&'r Finding> {
    r.findings.iter().filter(|f| f.code == code).collect()
}

/// The only finding with `code`, which must have this severity and field.
#[track_caller]
fn expect<'r>(r: &'r AppReport, code: &str, severity: Severity, field: &str) -> &'r Finding {
    let found = all(r, code);
    assert_eq!(found.len(), 1, "expected one {code}, got:\n{}", dump(r));
    let f = found[0];
    assert_eq!(f.severity, severity, "severity of {code}:\n{}", dump(r));
    assert_eq!(f.field, field, "field of {code}:\n{}", dump(r));
    f
}

#[track_caller]
fn expect_none(r: &AppReport, code: &str) {
    assert!(
        all(r, code).is_empty(),
        "expected no {code}, got:\n{}",
        dump(r)
    );
}

/// No findings at all, verified, everything unlocked.
#[track_caller]
fn expect_clean(r: &AppReport) {
    assert!(r.findings.is_empty(), "expected no findings:\n{}", dump(r));
    assert!(r.fixes.is_empty(), "expected no fixes:\n{}", dump(r));
    assert!(r.verified, "expected verified:\n{}", dump(r));
}

#[track_caller]
fn expect_verified(r: &AppReport, verified: bool) {
    assert_eq!(r.verified, verified, "verified:\n{}", dump(r));
}

fn limits(r: &AppReport) -> Vec<(String, u64, String, String)> {
    r.limits
        .iter()
        .map(|l: &LimitReport| (l.name.clone(), l.amount, l.currency.clone(), l.per.clone()))
        .collect()
}

fn balance_limit() -> Vec<(String, u64, String, String)> {
    vec![("balance_payments".into(), 1000, "CNY".into(), "day".into())]
}

fn s(text: &str) -> String {
    text.to_string()
}

// ---------------------------------------------------------------------------------------------
// The baseline
// ---------------------------------------------------------------------------------------------

#[test]
fn baseline_verifies_everywhere() {
    for app in ["alipay", "wechat"] {
        let r = check(&Profile::baseline(), app);
        expect_clean(&r);
        assert_eq!(r.unlocks, ALL_FOUR, "{}", dump(&r));
        assert!(r.limits.is_empty(), "{}", dump(&r));
    }
}

#[test]
fn the_example_profile_verifies_everywhere() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/john-smith.yaml"
    ))
    .expect("examples/john-smith.yaml");
    for app in ["alipay", "wechat"] {
        let (_, r) = check_text("john-smith.yaml", &text, app, TODAY);
        expect_clean(&r);
    }
}

#[test]
fn no_app_named_checks_every_app() {
    let doc = load_profile("p.yaml", &Profile::baseline().yaml()).unwrap();
    let reports = rules().check(&doc, &[], TODAY).unwrap();
    let mut apps: Vec<&str> = reports.iter().map(|r| r.app.as_str()).collect();
    apps.sort();
    assert_eq!(apps, ["alipay", "wechat"]);
}

// ---------------------------------------------------------------------------------------------
// Alipay: passport number
// ---------------------------------------------------------------------------------------------

#[test]
fn alipay_short_passport_number_is_an_error_with_a_padding_fix() {
    let mut p = Profile::baseline();
    p.doc_number = s("1234567");
    let (doc, r) = check_text("p.yaml", &p.yaml(), "alipay", TODAY);
    let f = expect(
        &r,
        "alipay/passport_number_length",
        Severity::Error,
        "document.number",
    );
    assert!(!f.missing);
    let span = f.span.clone().expect("the finding points into the profile");
    assert!(doc.text[span].contains("1234567"));
    expect_verified(&r, false);

    assert_eq!(r.fixes.len(), 1, "one fix:\n{}", dump(&r));
    let fix = &r.fixes[0];
    assert_eq!(fix.field, "document.number");
    assert_eq!(fix.from, "1234567");
    assert_eq!(fix.to, "01234567");
}

#[test]
fn a_short_number_typed_in_full_width_digits_gets_one_fix_that_pads_it() {
    // The rules read the number as 1234567; the fix shows it as typed and writes the
    // padded number in ordinary digits, so one `--fix` repairs both.
    let r = alipay(|p| p.doc_number = s("１２３４５６７"));
    expect(
        &r,
        "profile/look-alike-characters",
        Severity::Warning,
        "document.number",
    );
    expect(
        &r,
        "alipay/passport_number_length",
        Severity::Error,
        "document.number",
    );
    assert_eq!(r.fixes.len(), 1, "one fix for the field:\n{}", dump(&r));
    assert_eq!(r.fixes[0].code, "alipay/pad_passport_number");
    assert_eq!(r.fixes[0].from, "１２３４５６７");
    assert_eq!(r.fixes[0].to, "01234567");
    // WeChat has no padding rule: its one fix retypes the digits.
    let r = wechat(|p| p.doc_number = s("１２３４５６７"));
    assert_eq!(r.fixes.len(), 1, "{}", dump(&r));
    assert_eq!(r.fixes[0].code, "profile/look-alike-characters");
    assert_eq!(r.fixes[0].to, "1234567");
}

#[test]
fn alipay_passport_number_of_8_characters_needs_no_padding() {
    let r = alipay(|p| p.doc_number = s("12345678"));
    expect_clean(&r);
}

#[test]
fn alipay_short_number_of_another_document_is_not_padded() {
    for doc_type in [
        "residence_permit_for_foreigners",
        "permanent_residence_card",
    ] {
        let r = alipay(|p| {
            p.doc_type = s(doc_type);
            p.doc_number = s("1234567");
        });
        expect_none(&r, "alipay/passport_number_length");
        assert!(r.fixes.is_empty(), "{doc_type}: no fix:\n{}", dump(&r));
        expect_clean(&r);
    }
}

#[test]
fn wechat_does_not_pad_passport_numbers() {
    let r = wechat(|p| p.doc_number = s("1234567"));
    expect_clean(&r);
}

// ---------------------------------------------------------------------------------------------
// Alipay: age
// ---------------------------------------------------------------------------------------------

#[test]
fn alipay_under_18_is_an_error_at_birth_date() {
    let r = alipay(|p| p.birth_date = Some(s("2009-03-15")));
    expect(&r, "alipay/adult", Severity::Error, "birth_date");
    expect_verified(&r, false);
    assert_eq!(r.unlocks, ["payments"]);
}

#[test]
fn alipay_18th_birthday_today_counts_as_18() {
    let r = alipay(|p| p.birth_date = Some(s("2008-11-21")));
    expect_clean(&r);
}

#[test]
fn alipay_18th_birthday_tomorrow_is_still_17() {
    let r = alipay(|p| p.birth_date = Some(s("2008-11-22")));
    expect(&r, "alipay/adult", Severity::Error, "birth_date");
    expect_verified(&r, false);
}

#[test]
fn alipay_29_february_birthday_turns_18_on_1_march_in_a_common_year() {
    let mut p = Profile::baseline();
    p.birth_date = Some(s("2008-02-29"));
    let r = check_on(&p, "alipay", date(2026, 2, 28));
    expect(&r, "alipay/adult", Severity::Error, "birth_date");
    let r = check_on(&p, "alipay", date(2026, 3, 1));
    expect_clean(&r);
    // The same in the common year after a leap year: born 2004-02-29, not 18 on 2022-02-28.
    p.birth_date = Some(s("2004-02-29"));
    let r = check_on(&p, "alipay", date(2022, 2, 28));
    expect(&r, "alipay/adult", Severity::Error, "birth_date");
    let r = check_on(&p, "alipay", date(2022, 3, 1));
    expect_none(&r, "alipay/adult");
}

#[test]
fn wechat_has_no_age_requirement() {
    let r = wechat(|p| p.birth_date = Some(s("2009-03-15")));
    expect_clean(&r);
}

// ---------------------------------------------------------------------------------------------
// Alipay: name
// ---------------------------------------------------------------------------------------------

#[test]
fn alipay_accepts_names_of_letters_chinese_spaces_dots_and_hyphens() {
    for name in [
        "JOHN SMITH",
        "李小龙",
        "MARIA JOSÉ",
        "JEAN-PAUL",
        "A. B",
        "JOHN·SMITH",
        "Zoë O Brien",
    ] {
        let r = check(&Profile::baseline().named(name), "alipay");
        expect_none(&r, "alipay/name_characters");
        expect_none(&r, "alipay/name_length");
        assert!(r.findings.is_empty(), "{name}:\n{}", dump(&r));
        expect_verified(&r, true);
    }
}

#[test]
fn alipay_refuses_digits_in_the_name() {
    let p = Profile::baseline().named("JOHN3");
    let (doc, r) = check_text("p.yaml", &p.yaml(), "alipay", TODAY);
    let f = expect(&r, "alipay/name_characters", Severity::Error, "name");
    assert!(doc.text[f.span.clone().unwrap()].contains("JOHN3"));
    expect_none(&r, "alipay/name_length");
    expect_verified(&r, false);
}

#[test]
fn alipay_refuses_underscores_and_other_symbols_in_the_name() {
    for name in ["JOHN_SMITH", "JOHN@SMITH", "JOHN, SMITH", "O'BRIEN"] {
        let r = check(&Profile::baseline().named(name), "alipay");
        expect(&r, "alipay/name_characters", Severity::Error, "name");
        expect_verified(&r, false);
    }
}

#[test]
fn alipay_refuses_a_one_character_name() {
    for name in ["J", "李"] {
        let r = check(&Profile::baseline().named(name), "alipay");
        expect(&r, "alipay/name_length", Severity::Error, "name");
        expect_none(&r, "alipay/name_characters");
        expect_verified(&r, false);
    }
}

#[test]
fn alipay_two_character_name_is_long_enough() {
    let r = check(&Profile::baseline().named("李龙"), "alipay");
    expect_clean(&r);
}

// ---------------------------------------------------------------------------------------------
// Alipay: phone
// ---------------------------------------------------------------------------------------------

#[test]
fn alipay_mainland_number_without_country_code_passes() {
    let r = alipay(|p| p.phone = s("13812345678"));
    expect_clean(&r);
}

#[test]
fn alipay_number_without_plus_is_read_as_mainland_and_needs_11_digits() {
    let r = alipay(|p| p.phone = s("1381234567"));
    expect(&r, "alipay/mainland_phone_length", Severity::Error, "phone");
    expect_none(&r, "alipay/phone_characters");
    expect_none(&r, "alipay/phone_digits");
    expect_verified(&r, false);
}

#[test]
fn alipay_overseas_number_without_plus_warns_as_a_mainland_number() {
    // 27821234567 is a South African number written without `+`: read as mainland, it is wrong.
    let r = alipay(|p| p.phone = s("27821234567"));
    expect(
        &r,
        "alipay/phone_mainland_prefix",
        Severity::Warning,
        "phone",
    );
}

#[test]
fn alipay_mainland_number_with_plus_86_passes() {
    let r = alipay(|p| p.phone = s("+8613812345678"));
    expect_clean(&r);
}

#[test]
fn alipay_plus_86_with_a_short_number_is_refused() {
    let r = alipay(|p| p.phone = s("+861381234567"));
    expect(&r, "alipay/mainland_phone_length", Severity::Error, "phone");
}

#[test]
fn a_phone_without_digits_is_refused_by_both_apps() {
    for app in ["alipay", "wechat"] {
        for phone in ["+", "+ -", "++"] {
            let r = with(app, |p| p.phone = s(phone));
            expect(
                &r,
                &format!("{app}/international_phone_length"),
                Severity::Error,
                "phone",
            );
            expect_verified(&r, false);
        }
    }
}

#[test]
fn alipay_space_in_the_phone_number_is_an_error() {
    let r = alipay(|p| p.phone = s("+86 13812345678"));
    expect(&r, "alipay/phone_characters", Severity::Error, "phone");
    expect_verified(&r, false);
}

#[test]
fn alipay_brackets_in_the_phone_number_are_an_error() {
    let r = alipay(|p| p.phone = s("+27(82)1234567"));
    expect(&r, "alipay/phone_characters", Severity::Error, "phone");
}

#[test]
fn alipay_hyphens_in_the_phone_number_are_fine() {
    let r = alipay(|p| p.phone = s("+27-82-123-4567"));
    expect_clean(&r);
}

#[test]
fn alipay_overseas_number_with_country_code_passes() {
    let r = alipay(|p| p.phone = s("+27821234567"));
    expect_clean(&r);
}

#[test]
fn alipay_phone_number_of_more_than_20_digits_is_an_error() {
    let r = alipay(|p| p.phone = s("+123456789012345678901"));
    expect(&r, "alipay/phone_digits", Severity::Error, "phone");
    expect_verified(&r, false);
    let r = alipay(|p| p.phone = s("+12345678901234567890"));
    expect_none(&r, "alipay/phone_digits");
}

// ---------------------------------------------------------------------------------------------
// Alipay: document photos
// ---------------------------------------------------------------------------------------------

#[test]
fn alipay_passport_without_entry_stamp_photo_is_an_error() {
    let r = alipay(|p| p.entry_stamp_photo = None);
    let f = expect(
        &r,
        "alipay/entry_stamp_photo",
        Severity::Error,
        "document.entry_stamp_photo",
    );
    assert!(f.missing, "absent value is marked missing:\n{}", dump(&r));
    expect_verified(&r, false);
}

#[test]
fn alipay_entry_stamp_photo_false_is_an_error() {
    let r = alipay(|p| p.entry_stamp_photo = Some(false));
    let f = expect(
        &r,
        "alipay/entry_stamp_photo",
        Severity::Error,
        "document.entry_stamp_photo",
    );
    assert!(!f.missing, "a present value is not missing:\n{}", dump(&r));
    expect_verified(&r, false);
}

#[test]
fn alipay_entry_stamp_photo_is_only_for_passports() {
    let r = alipay(|p| {
        p.doc_type = s("permanent_residence_card");
        p.entry_stamp_photo = None;
    });
    expect_clean(&r);
}

#[test]
fn wechat_does_not_ask_for_an_entry_stamp_photo() {
    let r = wechat(|p| p.entry_stamp_photo = None);
    expect_clean(&r);
}

// ---------------------------------------------------------------------------------------------
// Alipay: bank cards
// ---------------------------------------------------------------------------------------------

#[test]
fn alipay_card_issued_abroad_does_not_verify() {
    let r = alipay(|p| p.cards()[0].issued_in = s("US"));
    expect(
        &r,
        "alipay/card_issued_in_china",
        Severity::Error,
        "bank_cards[0].issued_in",
    );
    expect_verified(&r, false);
}

#[test]
fn alipay_credit_card_does_not_verify() {
    let r = alipay(|p| p.cards()[0].kind = s("credit"));
    expect(
        &r,
        "alipay/card_not_credit",
        Severity::Error,
        "bank_cards[0].kind",
    );
    expect_none(&r, "alipay/card_not_passbook");
    expect_verified(&r, false);
}

#[test]
fn alipay_passbook_does_not_verify() {
    let r = alipay(|p| p.cards()[0].kind = s("passbook"));
    expect(
        &r,
        "alipay/card_not_passbook",
        Severity::Error,
        "bank_cards[0].kind",
    );
    expect_none(&r, "alipay/card_not_credit");
    expect_verified(&r, false);
}

#[test]
fn alipay_international_credit_card_alone_does_not_verify() {
    let r = alipay(|p| p.cards = Some(vec![Card::us_visa_credit()]));
    expect(
        &r,
        "alipay/card_issued_in_china",
        Severity::Error,
        "bank_cards[0].issued_in",
    );
    expect(
        &r,
        "alipay/card_not_credit",
        Severity::Error,
        "bank_cards[0].kind",
    );
    expect_verified(&r, false);
    assert_eq!(r.unlocks, ["payments"]);
}

#[test]
fn alipay_bank_off_the_whitelist_does_not_verify() {
    for ccb in ["CCB", "China Construction Bank", "中国建设银行", "建行"] {
        let r = alipay(|p| p.cards = Some(vec![Card::debit(ccb)]));
        expect_none(&r, "profile/unknown-bank");
        expect(
            &r,
            "alipay/card_bank_accepted",
            Severity::Error,
            "bank_cards[0].bank",
        );
        expect_verified(&r, false);
    }
}

#[test]
fn alipay_every_whitelisted_bank_verifies() {
    for bank in [
        "CIB", "CMBC", "SPDB", "ICBC", "CMB", "COMM", "BOC", "GDB", "CITIC", "CEB", "HZCB", "PSBC",
        "SPABANK",
    ] {
        let r = alipay(|p| p.cards = Some(vec![Card::debit(bank)]));
        expect_none(&r, "alipay/card_bank_accepted");
        expect_clean(&r);
    }
}

#[test]
fn alipay_banks_resolve_from_code_english_or_chinese_name_in_any_case() {
    // A Luhn-valid ICBC number: if the written bank resolved to anything but ICBC,
    // card_number_matches_bank would fire.
    for icbc in [
        "ICBC",
        "icbc",
        "Industrial and Commercial Bank of China",
        "INDUSTRIAL AND COMMERCIAL BANK OF CHINA",
        "industrial and commercial bank of china",
        "中国工商银行",
        "工商银行",
    ] {
        let r = alipay(|p| {
            p.cards = Some(vec![Card {
                number: Some(s("6222021234567890128")),
                ..Card::debit(icbc)
            }])
        });
        assert!(r.findings.is_empty(), "{icbc}:\n{}", dump(&r));
        expect_verified(&r, true);
    }
    for cmb in [
        "cmb",
        "China Merchants Bank",
        "china merchants bank",
        "招商银行",
    ] {
        let r = alipay(|p| p.cards()[0].bank = s(cmb));
        assert!(r.findings.is_empty(), "{cmb}:\n{}", dump(&r));
    }
}

#[test]
fn alipay_card_in_someone_elses_name_does_not_verify() {
    let r = alipay(|p| p.cards()[0].holder = s("MARIA GARCIA"));
    expect(
        &r,
        "alipay/card_holder_matches",
        Severity::Error,
        "bank_cards[0].holder",
    );
    expect_verified(&r, false);
}

#[test]
fn alipay_one_good_card_verifies_beside_a_bad_one() {
    let r = alipay(|p| {
        let bad = Card {
            holder: s("MARIA GARCIA"),
            ..Card::debit("CCB")
        };
        p.cards = Some(vec![bad, Card::cmb_debit()]);
    });
    expect_verified(&r, true);
    assert_eq!(r.unlocks, ALL_FOUR);
    for (code, field) in [
        ("alipay/card_bank_accepted", "bank_cards[0].bank"),
        ("alipay/card_holder_matches", "bank_cards[0].holder"),
    ] {
        let f = expect(&r, code, Severity::Warning, field);
        let note = f.note.as_deref().unwrap_or_default();
        assert!(note.contains("bank_cards[1]"), "note of {code}: {note:?}");
    }
    assert_eq!(r.errors(), 0, "{}", dump(&r));
}

#[test]
fn alipay_good_card_first_and_bad_card_second_also_verifies() {
    let r = alipay(|p| p.cards().push(Card::debit("CCB")));
    expect_verified(&r, true);
    let f = expect(
        &r,
        "alipay/card_bank_accepted",
        Severity::Warning,
        "bank_cards[1].bank",
    );
    let note = f.note.as_deref().unwrap_or_default();
    assert!(note.contains("bank_cards[0]"), "note: {note:?}");
}

#[test]
fn alipay_only_bad_cards_are_errors() {
    let r = alipay(|p| {
        let credit = Card {
            kind: s("credit"),
            ..Card::cmb_debit()
        };
        p.cards = Some(vec![Card::debit("CCB"), credit]);
    });
    expect_verified(&r, false);
    let f = expect(
        &r,
        "alipay/card_bank_accepted",
        Severity::Error,
        "bank_cards[0].bank",
    );
    assert_eq!(f.note, None);
    let f = expect(
        &r,
        "alipay/card_not_credit",
        Severity::Error,
        "bank_cards[1].kind",
    );
    assert_eq!(f.note, None);
}

#[test]
fn alipay_no_bank_cards_is_an_error() {
    let r = alipay(|p| p.cards = None);
    expect(&r, "alipay/has_bank_card", Severity::Error, "bank_cards");
    expect_verified(&r, false);
}

#[test]
fn alipay_empty_bank_card_list_is_an_error() {
    let r = alipay(|p| p.cards = Some(Vec::new()));
    expect(&r, "alipay/has_bank_card", Severity::Error, "bank_cards");
    expect_verified(&r, false);
}

// ---------------------------------------------------------------------------------------------
// Alipay: bank-specific rules
// ---------------------------------------------------------------------------------------------

#[test]
fn alipay_bank_of_hangzhou_fixed_account_does_not_verify() {
    let r = alipay(|p| {
        p.cards = Some(vec![Card {
            account: Some(s("fixed")),
            ..Card::debit("HZCB")
        }])
    });
    let f = expect(
        &r,
        "alipay/hangzhou_current_account",
        Severity::Error,
        "bank_cards[0].account",
    );
    assert!(!f.missing);
    expect_verified(&r, false);
}

#[test]
fn alipay_bank_of_hangzhou_without_account_type_does_not_verify() {
    let r = alipay(|p| {
        p.cards = Some(vec![Card {
            account: None,
            ..Card::debit("Bank of Hangzhou")
        }])
    });
    let f = expect(
        &r,
        "alipay/hangzhou_current_account",
        Severity::Error,
        "bank_cards[0].account",
    );
    assert!(f.missing, "{}", dump(&r));
    expect_verified(&r, false);
}

#[test]
fn alipay_bank_of_hangzhou_current_account_verifies() {
    let r = alipay(|p| p.cards = Some(vec![Card::debit("杭州银行")]));
    expect_clean(&r);
}

#[test]
fn alipay_account_type_matters_only_for_bank_of_hangzhou() {
    let r = alipay(|p| p.cards()[0].account = Some(s("fixed")));
    expect_clean(&r);
    let r = alipay(|p| p.cards()[0].account = None);
    expect_clean(&r);
}

#[test]
fn alipay_bank_of_china_refuses_names_with_dots() {
    for name in ["JOHN A. SMITH", "JOHN·SMITH"] {
        let r = alipay(|p| {
            *p = Profile::baseline().named(name);
            p.cards()[0] = Card {
                holder: s(name),
                ..Card::debit("BOC")
            };
        });
        expect(
            &r,
            "alipay/boc_no_dots",
            Severity::Error,
            "bank_cards[0].bank",
        );
        expect_verified(&r, false);
    }
}

#[test]
fn alipay_bank_of_china_without_dots_verifies() {
    let r = alipay(|p| p.cards = Some(vec![Card::debit("Bank of China")]));
    expect_clean(&r);
}

#[test]
fn alipay_dots_in_the_name_are_fine_with_other_banks() {
    let r = check(&Profile::baseline().named("JOHN A. SMITH"), "alipay");
    expect_none(&r, "alipay/boc_no_dots");
    expect_clean(&r);
}

#[test]
fn alipay_agricultural_bank_with_latin_holder_fires_both_rules() {
    let r = alipay(|p| p.cards = Some(vec![Card::debit("ABC")]));
    expect(
        &r,
        "alipay/abc_no_latin_letters",
        Severity::Error,
        "bank_cards[0].holder",
    );
    expect(
        &r,
        "alipay/card_bank_accepted",
        Severity::Error,
        "bank_cards[0].bank",
    );
    expect_verified(&r, false);
}

#[test]
fn alipay_agricultural_bank_with_chinese_holder_is_still_not_accepted() {
    let r = alipay(|p| {
        *p = Profile::baseline().named("李小龙");
        p.cards()[0] = Card {
            holder: s("李小龙"),
            ..Card::debit("中国农业银行")
        };
    });
    expect_none(&r, "alipay/abc_no_latin_letters");
    expect(
        &r,
        "alipay/card_bank_accepted",
        Severity::Error,
        "bank_cards[0].bank",
    );
}

const NAME_21: &str = "JOHN ALEXANDER SMITHE";
const NAME_20: &str = "JOHN ALEXANDER SMITH";

#[test]
fn alipay_name_over_20_characters_needs_a_cmb_card() {
    assert_eq!(NAME_21.chars().count(), 21);
    let mut p = Profile::baseline().named(NAME_21);
    p.cards = Some(vec![Card {
        holder: s(NAME_21),
        ..Card::debit("ICBC")
    }]);
    let r = check(&p, "alipay");
    expect(
        &r,
        "alipay/long_name_cmb_only",
        Severity::Error,
        "bank_cards[0].bank",
    );
    expect_verified(&r, false);
}

#[test]
fn alipay_name_over_20_characters_verifies_with_cmb() {
    let r = check(&Profile::baseline().named(NAME_21), "alipay");
    expect_none(&r, "alipay/long_name_cmb_only");
    expect_clean(&r);
}

#[test]
fn alipay_name_of_exactly_20_characters_is_not_long() {
    assert_eq!(NAME_20.chars().count(), 20);
    let mut p = Profile::baseline().named(NAME_20);
    p.cards = Some(vec![Card {
        holder: s(NAME_20),
        ..Card::debit("ICBC")
    }]);
    let r = check(&p, "alipay");
    expect_none(&r, "alipay/long_name_cmb_only");
    expect_clean(&r);
}

#[test]
fn alipay_name_length_counts_characters_not_bytes() {
    // 20 characters, 22 bytes in UTF-8.
    let name = "JOSÉ MARÍA DE LA CRU";
    assert_eq!(name.chars().count(), 20);
    assert!(name.len() > 20);
    let mut p = Profile::baseline().named(name);
    p.cards = Some(vec![Card {
        holder: s(name),
        ..Card::debit("ICBC")
    }]);
    let r = check(&p, "alipay");
    expect_none(&r, "alipay/long_name_cmb_only");
    expect_clean(&r);
}

// ---------------------------------------------------------------------------------------------
// Alipay: card numbers
// ---------------------------------------------------------------------------------------------

#[test]
fn alipay_valid_cmb_card_number_gives_no_finding() {
    let r = alipay(|p| p.cards()[0].number = Some(s("6225880000000001")));
    expect_clean(&r);
}

#[test]
fn alipay_card_number_with_spaces_is_read_as_digits() {
    let r = alipay(|p| p.cards()[0].number = Some(s("6225 8800 0000 0001")));
    expect_clean(&r);
}

#[test]
fn alipay_card_number_failing_luhn_is_a_warning() {
    let r = alipay(|p| {
        p.cards = Some(vec![Card {
            number: Some(s("6222021234567890123")),
            ..Card::debit("ICBC")
        }])
    });
    expect(
        &r,
        "alipay/card_number_check_digit",
        Severity::Warning,
        "bank_cards[0].number",
    );
    expect_none(&r, "alipay/card_number_matches_bank");
    expect_none(&r, "alipay/card_number_format");
    expect_verified(&r, true);
}

#[test]
fn alipay_card_number_of_another_bank_is_a_warning() {
    let r = alipay(|p| {
        p.cards = Some(vec![Card {
            number: Some(s("6225880000000001")),
            ..Card::debit("ICBC")
        }])
    });
    expect(
        &r,
        "alipay/card_number_matches_bank",
        Severity::Warning,
        "bank_cards[0].bank",
    );
    expect_none(&r, "alipay/card_number_check_digit");
    expect_verified(&r, true);
}

#[test]
fn alipay_too_short_card_number_is_an_error() {
    let r = alipay(|p| p.cards()[0].number = Some(s("1234")));
    expect(
        &r,
        "alipay/card_number_format",
        Severity::Error,
        "bank_cards[0].number",
    );
    expect_none(&r, "alipay/card_number_check_digit");
    expect_verified(&r, false);
}

#[test]
fn alipay_card_number_with_letters_is_an_error() {
    let r = alipay(|p| p.cards()[0].number = Some(s("622588000000000A1")));
    expect(
        &r,
        "alipay/card_number_format",
        Severity::Error,
        "bank_cards[0].number",
    );
}

// ---------------------------------------------------------------------------------------------
// Alipay: what verification unlocks
// ---------------------------------------------------------------------------------------------

#[test]
fn alipay_verified_unlocks_everything_without_limits() {
    let r = check(&Profile::baseline(), "alipay");
    expect_verified(&r, true);
    assert_eq!(r.unlocks, ALL_FOUR);
    assert!(r.limits.is_empty(), "{:?}", r.limits);
}

#[test]
fn alipay_unverified_unlocks_payments_only_with_a_daily_balance_limit() {
    let r = alipay(|p| p.entry_stamp_photo = Some(false));
    expect_verified(&r, false);
    assert_eq!(r.unlocks, ["payments"]);
    assert_eq!(limits(&r), balance_limit());
}

#[test]
fn warnings_alone_do_not_stop_verification() {
    let r = alipay(|p| p.phone = s("12812345678"));
    assert!(!r.findings.is_empty());
    expect_verified(&r, true);
    assert_eq!(r.unlocks, ALL_FOUR);
    assert!(r.limits.is_empty());
}

// ---------------------------------------------------------------------------------------------
// WeChat Pay: cards
// ---------------------------------------------------------------------------------------------

#[test]
fn wechat_domestic_debit_card_unlocks_everything() {
    let r = check(&Profile::baseline(), "wechat");
    expect_clean(&r);
    assert_eq!(r.unlocks, ALL_FOUR);
    assert!(r.limits.is_empty(), "{:?}", r.limits);
}

#[test]
fn wechat_domestic_debit_card_of_any_bank_verifies() {
    // Unlike Alipay, WeChat Pay has no bank whitelist.
    let r = wechat(|p| p.cards = Some(vec![Card::debit("CCB")]));
    expect_clean(&r);
    assert_eq!(r.unlocks, ALL_FOUR);
}

#[test]
fn wechat_international_credit_card_alone_pays_only() {
    let r = wechat(|p| p.cards = Some(vec![Card::us_visa_credit()]));
    expect_verified(&r, true);
    assert_eq!(r.unlocks, ["payments"]);
    expect(
        &r,
        "wechat/domestic_debit_for_everything",
        Severity::Advice,
        "bank_cards",
    );
    assert_eq!(r.errors(), 0, "{}", dump(&r));
    let got: Vec<(u64, String, String)> = r
        .limits
        .iter()
        .map(|l| (l.amount, l.currency.clone(), l.per.clone()))
        .collect();
    assert_eq!(
        got,
        [
            (5000, s("USD"), s("transaction")),
            (50000, s("USD"), s("year"))
        ],
        "{:?}",
        r.limits
    );
    assert_eq!(r.limits[0].name, "foreign_card_payment");
}

#[test]
fn wechat_international_mastercard_credit_card_verifies() {
    let r = wechat(|p| {
        p.cards = Some(vec![Card {
            network: s("mastercard"),
            bank: s("HSBC"),
            issued_in: s("GB"),
            ..Card::us_visa_credit()
        }])
    });
    expect_verified(&r, true);
    assert_eq!(r.unlocks, ["payments"]);
    expect_none(&r, "wechat/card_accepted");
}

#[test]
fn wechat_domestic_debit_beside_international_credit_unlocks_everything() {
    let r = wechat(|p| p.cards().push(Card::us_visa_credit()));
    expect_clean(&r);
    assert_eq!(r.unlocks, ALL_FOUR);
    assert!(r.limits.is_empty(), "{:?}", r.limits);
}

#[test]
fn wechat_no_card_is_unverified_with_payments_only() {
    let r = wechat(|p| p.cards = None);
    expect(&r, "wechat/has_bank_card", Severity::Error, "bank_cards");
    expect_verified(&r, false);
    assert_eq!(r.unlocks, ["payments"]);
    assert_eq!(limits(&r), balance_limit());
}

#[test]
fn wechat_empty_card_list_is_unverified() {
    let r = wechat(|p| p.cards = Some(Vec::new()));
    expect(&r, "wechat/has_bank_card", Severity::Error, "bank_cards");
    expect_verified(&r, false);
}

#[test]
fn wechat_domestic_credit_card_alone_is_not_accepted() {
    let r = wechat(|p| p.cards()[0].kind = s("credit"));
    expect(
        &r,
        "wechat/card_accepted",
        Severity::Error,
        "bank_cards[0].kind",
    );
    expect_verified(&r, false);
    assert_eq!(r.unlocks, ["payments"]);
    assert_eq!(limits(&r), balance_limit());
}

#[test]
fn wechat_card_in_someone_elses_name_does_not_verify() {
    let r = wechat(|p| p.cards()[0].holder = s("MARIA GARCIA"));
    expect(
        &r,
        "wechat/card_holder_matches",
        Severity::Error,
        "bank_cards[0].holder",
    );
    expect_verified(&r, false);
}

#[test]
fn wechat_international_card_in_someone_elses_name_does_not_verify() {
    let r = wechat(|p| {
        p.cards = Some(vec![Card {
            holder: s("MARIA GARCIA"),
            ..Card::us_visa_credit()
        }])
    });
    expect(
        &r,
        "wechat/card_holder_matches",
        Severity::Error,
        "bank_cards[0].holder",
    );
    expect_none(&r, "wechat/domestic_debit_for_everything");
    expect_verified(&r, false);
}

#[test]
fn wechat_amex_international_credit_card_is_not_accepted() {
    let r = wechat(|p| {
        p.cards = Some(vec![Card {
            network: s("amex"),
            ..Card::us_visa_credit()
        }])
    });
    expect(
        &r,
        "wechat/card_accepted",
        Severity::Error,
        "bank_cards[0].kind",
    );
    expect_verified(&r, false);
}

#[test]
fn wechat_international_debit_card_is_accepted_since_2023_07_20() {
    let mut p = Profile::baseline();
    p.cards = Some(vec![Card {
        kind: s("debit"),
        ..Card::us_visa_credit()
    }]);
    let before = check_on(&p, "wechat", date(2023, 7, 19));
    expect(
        &before,
        "wechat/card_accepted",
        Severity::Error,
        "bank_cards[0].kind",
    );
    expect_verified(&before, false);
    let after = check_on(&p, "wechat", date(2023, 7, 20));
    expect_none(&after, "wechat/card_accepted");
    expect_verified(&after, true);
    assert_eq!(after.unlocks, ["payments"]);
}

#[test]
fn wechat_one_good_card_verifies_beside_someone_elses() {
    let r = wechat(|p| {
        let other = Card {
            holder: s("MARIA GARCIA"),
            ..Card::cmb_debit()
        };
        p.cards = Some(vec![other, Card::cmb_debit()]);
    });
    expect_verified(&r, true);
    let f = expect(
        &r,
        "wechat/card_holder_matches",
        Severity::Warning,
        "bank_cards[0].holder",
    );
    assert!(f
        .note
        .as_deref()
        .unwrap_or_default()
        .contains("bank_cards[1]"));
}

#[test]
fn wechat_card_number_checks() {
    let r = wechat(|p| {
        p.cards = Some(vec![Card {
            number: Some(s("6222021234567890123")),
            ..Card::debit("ICBC")
        }])
    });
    expect(
        &r,
        "wechat/card_number_check_digit",
        Severity::Warning,
        "bank_cards[0].number",
    );
    let r = wechat(|p| p.cards()[0].number = Some(s("1234")));
    expect(
        &r,
        "wechat/card_number_format",
        Severity::Error,
        "bank_cards[0].number",
    );
    let r = wechat(|p| {
        p.cards = Some(vec![Card {
            number: Some(s("6225880000000001")),
            ..Card::debit("ICBC")
        }])
    });
    expect(
        &r,
        "wechat/card_number_matches_bank",
        Severity::Warning,
        "bank_cards[0].bank",
    );
}

// ---------------------------------------------------------------------------------------------
// Both apps: document expiry
// ---------------------------------------------------------------------------------------------

fn expiring(app: &str, expiry: &str) -> AppReport {
    with(app, |p| p.expiry_date = s(expiry))
}

#[test]
fn expired_document_is_an_error() {
    for app in ["alipay", "wechat"] {
        let r = expiring(app, "2026-11-20");
        expect(
            &r,
            &format!("{app}/document_not_expired"),
            Severity::Error,
            "document.expiry_date",
        );
        expect_none(&r, &format!("{app}/document_expiring_soon"));
        expect_verified(&r, false);
    }
}

#[test]
fn document_expiring_today_is_not_expired_but_expires_soon() {
    for app in ["alipay", "wechat"] {
        let r = expiring(app, "2026-11-21");
        expect_none(&r, &format!("{app}/document_not_expired"));
        expect(
            &r,
            &format!("{app}/document_expiring_soon"),
            Severity::Warning,
            "document.expiry_date",
        );
        expect_verified(&r, true);
    }
}

#[test]
fn document_expiring_within_a_month_is_a_warning() {
    // today + 20 days, and today + 1 month exactly.
    for expiry in ["2026-12-11", "2026-12-21"] {
        for app in ["alipay", "wechat"] {
            let r = expiring(app, expiry);
            expect(
                &r,
                &format!("{app}/document_expiring_soon"),
                Severity::Warning,
                "document.expiry_date",
            );
            expect_none(&r, &format!("{app}/document_not_expired"));
            expect_verified(&r, true);
        }
    }
}

#[test]
fn document_expiring_after_a_month_and_a_day_is_fine() {
    for app in ["alipay", "wechat"] {
        let r = expiring(app, "2026-12-22");
        expect_clean(&r);
    }
}

#[test]
fn a_month_from_31_january_ends_on_the_last_day_of_february() {
    let today = date(2026, 1, 31);
    for app in ["alipay", "wechat"] {
        let mut p = Profile::baseline();
        p.expiry_date = s("2026-02-28");
        let r = check_on(&p, app, today);
        expect(
            &r,
            &format!("{app}/document_expiring_soon"),
            Severity::Warning,
            "document.expiry_date",
        );
        p.expiry_date = s("2026-03-01");
        expect_clean(&check_on(&p, app, today));
    }
}

// ---------------------------------------------------------------------------------------------
// Both apps: hotlines
// ---------------------------------------------------------------------------------------------

#[test]
fn restriction_findings_name_the_apps_hotline() {
    for (app, hotline, other) in [("alipay", "95188", "95017"), ("wechat", "95017", "95188")] {
        let r = with(app, |p| {
            p.expiry_date = s("2020-01-01");
            p.cards()[0].holder = s("MARIA GARCIA");
        });
        for code in ["document_not_expired", "card_holder_matches"] {
            let code = format!("{app}/{code}");
            let f = all(&r, &code);
            assert_eq!(f.len(), 1, "{code}:\n{}", dump(&r));
            let help = f[0].help.as_deref().unwrap_or_default();
            assert!(help.contains(hotline), "{code} help: {help}");
            assert!(!help.contains(other), "{code} help: {help}");
            assert!(!help.contains("{hotline}"), "{code} help: {help}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Profile problems: reported as findings, never a crash
// ---------------------------------------------------------------------------------------------

#[test]
fn missing_birth_date_is_a_profile_finding_and_age_stays_quiet() {
    for app in ["alipay", "wechat"] {
        let r = with(app, |p| p.birth_date = None);
        let f = expect(&r, "profile/missing", Severity::Error, "birth_date");
        assert!(f.missing);
        expect_none(&r, "alipay/adult");
        expect_verified(&r, false);
        assert_eq!(r.findings.len(), 1, "{}", dump(&r));
    }
}

#[test]
fn missing_document_number_is_a_profile_finding_and_padding_stays_quiet() {
    let mut p = Profile::baseline();
    p.doc_number = s("X");
    let text = p.yaml().replace("  number: \"X\"\n", "");
    assert!(!text.contains("number: \"X\""));
    let (_, r) = check_text("p.yaml", &text, "alipay", TODAY);
    let f = expect(&r, "profile/missing", Severity::Error, "document.number");
    assert!(f.missing);
    expect_none(&r, "alipay/passport_number_length");
    assert!(r.fixes.is_empty(), "{}", dump(&r));
    expect_verified(&r, false);
}

#[test]
fn invalid_birth_date_is_a_profile_finding_and_age_stays_quiet() {
    let r = alipay(|p| p.birth_date = Some(s("1990-13-45")));
    let f = expect(&r, "profile/invalid-date", Severity::Error, "birth_date");
    assert!(!f.missing);
    expect_none(&r, "alipay/adult");
    expect_verified(&r, false);
}

#[test]
fn invalid_expiry_date_is_a_profile_finding_and_expiry_rules_stay_quiet() {
    for app in ["alipay", "wechat"] {
        let r = with(app, |p| p.expiry_date = s("30/06/2030"));
        expect(
            &r,
            "profile/invalid-date",
            Severity::Error,
            "document.expiry_date",
        );
        expect_none(&r, &format!("{app}/document_not_expired"));
        expect_none(&r, &format!("{app}/document_expiring_soon"));
        expect_verified(&r, false);
    }
}

#[test]
fn unknown_card_kind_names_the_allowed_values() {
    let r = alipay(|p| p.cards()[0].kind = s("savings"));
    let f = expect(
        &r,
        "profile/unknown-value",
        Severity::Error,
        "bank_cards[0].kind",
    );
    let help = f.help.as_deref().unwrap_or_default();
    for allowed in ["debit", "credit", "passbook"] {
        assert!(help.contains(allowed), "help names {allowed}: {help}");
    }
    expect_none(&r, "alipay/card_not_credit");
    expect_none(&r, "alipay/card_not_passbook");
    expect_verified(&r, false);
}

#[test]
fn misspelt_enum_value_gets_a_did_you_mean() {
    let r = alipay(|p| p.doc_type = s("pasport"));
    let f = expect(
        &r,
        "profile/unknown-value",
        Severity::Error,
        "document.type",
    );
    let help = f.help.as_deref().unwrap_or_default();
    assert!(help.contains("did you mean `passport`"), "help: {help}");
    expect_none(&r, "alipay/accepted_document");
    expect_verified(&r, false);
}

#[test]
fn unknown_bank_suggests_the_closest_one() {
    // An unknown bank is a warning (banks abroad are legitimate); the whitelist then refuses it.
    let r = alipay(|p| p.cards()[0].bank = s("CMBB"));
    let f = expect(
        &r,
        "profile/unknown-bank",
        Severity::Warning,
        "bank_cards[0].bank",
    );
    let help = f.help.as_deref().unwrap_or_default();
    assert!(help.contains("did you mean `CMB`"), "help: {help}");
    expect(
        &r,
        "alipay/card_bank_accepted",
        Severity::Error,
        "bank_cards[0].bank",
    );
    expect_verified(&r, false);
}

#[test]
fn unknown_field_is_a_warning_suggesting_the_known_one() {
    let r = alipay(|p| {
        p.birth_date = None;
        p.extra.push((s("birthdate"), s("1990-05-01")));
    });
    let f = expect(&r, "profile/unknown-field", Severity::Warning, "birthdate");
    let help = f.help.as_deref().unwrap_or_default();
    assert!(help.contains("birth_date"), "help: {help}");
    expect(&r, "profile/missing", Severity::Error, "birth_date");
    expect_verified(&r, false);
}

#[test]
fn unknown_field_alone_does_not_stop_verification() {
    let r = alipay(|p| p.extra.push((s("favourite_colour"), s("blue"))));
    expect(
        &r,
        "profile/unknown-field",
        Severity::Warning,
        "favourite_colour",
    );
    expect_verified(&r, true);
}

#[test]
fn the_problems_example_is_checked_without_crashing() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/problems.yaml"
    ))
    .expect("examples/problems.yaml");
    for app in ["alipay", "wechat"] {
        let (_, r) = check_text("problems.yaml", &text, app, TODAY);
        expect_verified(&r, false);
        assert!(r.errors() > 0);
    }
}

// ---------------------------------------------------------------------------------------------
// JSON profiles
// ---------------------------------------------------------------------------------------------

fn summary(r: &AppReport) -> Vec<(String, Severity, String, bool, Option<String>)> {
    r.findings
        .iter()
        .map(|f| {
            (
                f.code.clone(),
                f.severity,
                f.field.clone(),
                f.missing,
                f.note.clone(),
            )
        })
        .collect()
}

#[test]
fn json_baseline_verifies_like_yaml() {
    let p = Profile::baseline();
    for app in ["alipay", "wechat"] {
        let (_, r) = check_text("profile.json", &p.json(), app, TODAY);
        expect_clean(&r);
        assert_eq!(r.unlocks, ALL_FOUR);
    }
}

#[test]
fn json_profile_gives_the_same_findings_as_yaml() {
    let mut p = Profile::baseline().named("JOHN3");
    p.doc_number = s("1234567");
    p.phone = s("1381234567");
    p.entry_stamp_photo = None;
    p.cards = Some(vec![
        Card {
            holder: s("MARIA GARCIA"),
            ..Card::debit("CCB")
        },
        Card {
            kind: s("savings"),
            ..Card::cmb_debit()
        },
    ]);
    p.extra.push((s("birthdate"), s("1990-05-01")));
    for app in ["alipay", "wechat"] {
        let (ydoc, yaml) = check_text("profile.yaml", &p.yaml(), app, TODAY);
        let (jdoc, json) = check_text("profile.json", &p.json(), app, TODAY);
        assert!(yaml.findings.len() >= 4, "{}", dump(&yaml));
        assert_eq!(summary(&json), summary(&yaml), "{app}");
        assert_eq!(json.verified, yaml.verified);
        assert_eq!(json.unlocks, yaml.unlocks);
        assert_eq!(json.limits, yaml.limits);
        let fixes = |r: &AppReport| -> Vec<(String, String, String)> {
            r.fixes
                .iter()
                .map(|f| (f.field.clone(), f.from.clone(), f.to.clone()))
                .collect()
        };
        assert_eq!(fixes(&json), fixes(&yaml));
        // Every finding points at its own value in its own text.
        for (y, j) in yaml.findings.iter().zip(&json.findings) {
            let (Some(ys), Some(js)) = (y.span.clone(), j.span.clone()) else {
                panic!("{} has no span", y.code);
            };
            let yv = ydoc.text[ys].trim_matches('"').to_string();
            let jv = jdoc.text[js].trim_matches('"').to_string();
            if !y.missing {
                assert_eq!(jv, yv, "{} at {}", y.code, y.field);
            }
        }
    }
    let (_, r) = check_text("profile.json", &p.json(), "alipay", TODAY);
    expect(
        &r,
        "alipay/passport_number_length",
        Severity::Error,
        "document.number",
    );
    assert_eq!(r.fixes[0].to, "01234567");
}

// ---------------------------------------------------------------------------------------------
// Documents each app accepts
// ---------------------------------------------------------------------------------------------

#[test]
fn alipay_does_not_take_a_travel_permit() {
    let r = alipay(|p| p.doc_type = s("travel_permit_hk_macao_taiwan"));
    expect(
        &r,
        "alipay/accepted_document",
        Severity::Error,
        "document.type",
    );
    expect_verified(&r, false);
}

#[test]
fn wechat_takes_a_travel_permit() {
    let r = wechat(|p| p.doc_type = s("travel_permit_hk_macao_taiwan"));
    expect_clean(&r);
}

#[test]
fn the_two_residence_permits_are_different_documents() {
    // Alipay takes the Residence Permit for Foreigners, WeChat Pay the Mainland Residence
    // Permit for Hong Kong, Macao and Taiwan residents; neither takes the other's.
    let foreigners = |p: &mut Profile| p.doc_type = s("residence_permit_for_foreigners");
    let hmt = |p: &mut Profile| p.doc_type = s("residence_permit_hk_macao_taiwan");
    expect_none(&alipay(foreigners), "alipay/accepted_document");
    expect(
        &alipay(hmt),
        "alipay/accepted_document",
        Severity::Error,
        "document.type",
    );
    expect_none(&wechat(hmt), "wechat/accepted_document");
    expect(
        &wechat(foreigners),
        "wechat/accepted_document",
        Severity::Error,
        "document.type",
    );
}

#[test]
fn passport_without_info_page_photo_is_an_error_for_both_apps() {
    for app in ["alipay", "wechat"] {
        let r = with(app, |p| p.info_page_photo = Some(false));
        expect(
            &r,
            &format!("{app}/passport_info_page_photo"),
            Severity::Error,
            "document.info_page_photo",
        );
        expect_verified(&r, false);
    }
}

// ---------------------------------------------------------------------------------------------
// Names typed in decomposed Unicode
// ---------------------------------------------------------------------------------------------

#[test]
fn alipay_accepts_an_accented_name_in_decomposed_form() {
    // "MARIA JOSÉ" with É written as E followed by COMBINING ACUTE ACCENT (NFD).
    let name = "MARIA JOSE\u{301}";
    let r = check(&Profile::baseline().named(name), "alipay");
    expect_none(&r, "alipay/name_characters");
    expect_clean(&r);
}
