//! Synthetic rule folders of any size, for measuring how compile, lint and fmt scale.
//!
//! `rule_files(n)` builds a rule set of `n` requirements on top of the shipped schema, sources,
//! banks and phone definitions: several apps, each with its own sources, sets (one with dated
//! members), definitions, fixes and examples, requirements at the top of the app and inside
//! `when`, `for some` and `for every` blocks, with comparisons, `len`, `in` sets, `matches`,
//! quantifiers and dated versions. A few deliberate slips (a duplicate, a contradicting pair,
//! an unused set, definition and source, a missing source or help, a long message, a rule that
//! ended long ago) give every lint something to find. The output depends on `n` alone (a fixed
//! seed), so runs can be compared.
//!
//! The module knows nothing of the crate, only text: benches include it with `#[path]`, and so
//! can the crate's own unit tests.

/// The shipped files the synthetic apps are written against.
const SHIPPED: [(&str, &str); 4] = [
    ("banks.rules", include_str!("../../rules/banks.rules")),
    ("phone.rules", include_str!("../../rules/phone.rules")),
    ("profile.rules", include_str!("../../rules/profile.rules")),
    ("sources.rules", include_str!("../../rules/sources.rules")),
];

/// Requirements of one block; a real rule set groups its rules in blocks of about this size.
const BLOCK: usize = 12;
/// Requirements at the top of an app, outside any block.
const TOP_LEVEL: usize = 24;

/// How many apps hold `requirements`: the apps grow in number and in size together (both as
/// the square root), so that work that is quadratic within one app still shows.
pub fn app_count(requirements: usize) -> usize {
    (((requirements as f64).sqrt() / 5.0).round() as usize).max(2)
}

/// The rule folder as (file name, text), in the order a folder is read (by name).
pub fn rule_files(requirements: usize) -> Vec<(String, String)> {
    let apps = app_count(requirements);
    let mut files: Vec<(String, String)> = SHIPPED
        .iter()
        .map(|(name, text)| (name.to_string(), text.to_string()))
        .collect();
    let mut rng = Rng(0x5eed_0000 ^ requirements as u64);
    for k in 0..apps {
        let share = requirements / apps + usize::from(k < requirements % apps);
        let text = App::new(k, &mut rng).write(share);
        files.push((format!("synthetic-{k:03}.rules"), text));
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

/// How many `requirement` declarations the files hold (each version counts).
pub fn count_requirements(files: &[(String, String)]) -> usize {
    files
        .iter()
        .map(|(_, text)| {
            text.lines()
                .filter(|l| l.trim_start().starts_with("requirement "))
                .count()
        })
        .sum()
}

/// A small deterministic generator (SplitMix64): the benches must not depend on a crate for it.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'t>(&mut self, items: &[&'t str]) -> &'t str {
        items[self.below(items.len())]
    }
}

const SHIPPED_SOURCES: [&str; 4] = ["guide", "alipay_text", "tencent_2023", "pboc_measures"];
const BANKS: [&str; 12] = [
    "CMB", "ICBC", "BOC", "CCB", "ABC", "COMM", "CIB", "CMBC", "SPDB", "CITIC", "CEB", "PSBC",
];

/// Where a requirement stands, which decides the conditions it may read.
#[derive(Clone, Copy, PartialEq)]
enum Block {
    Top,
    When,
    ForSome,
    ForEvery,
}

/// A requirement's condition, and whether it holds for the example profile (`None`: the
/// examples say nothing about it).
struct Condition {
    require: String,
    at: &'static str,
    holds: Option<bool>,
}

struct App<'r> {
    k: usize,
    id: String,
    rng: &'r mut Rng,
    out: String,
    /// Top-level requirements in force on the examples' day, with whether they hold there.
    expectations: Vec<(String, bool)>,
    /// Whether a fix is declared where the examples reach it.
    has_fix: bool,
    /// The next requirement's number, for its name.
    next: usize,
    /// Requirement declarations written so far (each version counts).
    declared: usize,
    /// The conditions of the current place: a real rule set rarely checks one thing twice in
    /// one place, and the one duplicate it has is written on purpose.
    in_place: Vec<String>,
}

impl<'r> App<'r> {
    fn new(k: usize, rng: &'r mut Rng) -> Self {
        App {
            k,
            id: format!("syn_{k:03}"),
            rng,
            out: String::new(),
            expectations: Vec::new(),
            has_fix: false,
            next: 0,
            declared: 0,
            in_place: Vec::new(),
        }
    }

    fn write(mut self, requirements: usize) -> String {
        self.header(requirements);
        let mut left = requirements;
        let top = left.min(TOP_LEVEL);
        self.requirements(Block::Top, top, "  ");
        left -= top;
        let mut block = 0;
        while left > 0 {
            let n = left.min(BLOCK);
            left -= n;
            let kind = match block % 4 {
                0 => Block::When,
                1 => Block::ForSome,
                2 => Block::ForEvery,
                _ => Block::When,
            };
            self.block(kind, block, n);
            block += 1;
        }
        self.examples();
        self.out.push_str("}\n");
        self.out
    }

    fn header(&mut self, requirements: usize) {
        let (id, k) = (self.id.clone(), self.k);
        let out = &mut self.out;
        out.push_str(&format!(
            "// Synthetic app {k}: {requirements} requirements generated for the scale benches.\n\n"
        ));
        for s in 0..4 {
            let published = if s == 3 {
                String::new()
            } else {
                format!("  published 2023-0{}-15\n", s + 1)
            };
            let reviewed = if s == 2 { "2024-01-01" } else { "2026-06-01" };
            out.push_str(&format!(
                "/// Synthetic source {s} of app {k}.\nsource {id}_s{s} {{\n  title \"Synthetic notice {k}.{s}\"\n  publisher \"Synthetic Authority\"\n  url \"https://example.org/{id}/{s}\"\n{published}  reviewed {reviewed}\n}}\n\n"
            ));
        }
        let mut banks: Vec<&str> = vec!["CMB"];
        for _ in 0..4 {
            let b = BANKS[1 + self.rng.below(BANKS.len() - 1)];
            if !banks.contains(&b) {
                banks.push(b);
            }
        }
        let banks: Vec<String> = banks.iter().map(|b| format!("\"{b}\"")).collect();
        let out = &mut self.out;
        out.push_str(&format!(
            "/// Banks app {k} binds.\nset {id}_banks: bank = [{}] sources [{id}_s0]\n\n",
            banks.join(", ")
        ));
        out.push_str(&format!(
            "/// Shared by app {k}: the applicant is at least `years` old.\nlet {id}_at_least(years) = age(birth_date) >= years\n\n"
        ));
        out.push_str(&format!(
            "app {id} {{\n  title \"Synthetic Pay {k}\"\n  hotline \"400-{k:03}-0000\"\n  sources [guide, {id}_s0]\n\n"
        ));
        out.push_str(&format!(
            "  /// Documents app {k} accepts.\n  set {id}_documents: text = [\"passport\", \"permanent_residence_card\"] sources [{id}_s1]\n\n"
        ));
        out.push_str(&format!(
            "  /// Card networks app {k} binds, more since 2023.\n  set {id}_networks: text = [\"unionpay\", \"visa\", \"mastercard\", \"jcb\" from 2023-07-20] sources [{id}_s1]\n\n"
        ));
        out.push_str(&format!(
            "  set {id}_never_used: text = [\"credit\"] sources [{id}_s1]\n\n"
        ));
        out.push_str(&format!(
            "  /// The card's account is in the applicant's own name.\n  let {id}_own_card(c) = upper(trim(c.holder)) == upper(trim(name))\n\n"
        ));
        out.push_str("  let long_enough(n) = len(trim(name)) >= n\n\n");
        out.push_str(&format!("  let {id}_forgotten = len(name) > 3\n\n"));
    }

    /// A block of requirements. Every block has a `when` of its own (an app's rules fall into
    /// cases), so that no two blocks of an app are the same place; the `for` blocks stand
    /// inside theirs.
    fn block(&mut self, kind: Block, index: usize, n: usize) {
        let when = if index % 2 == 0 {
            let (month, day) = (1 + index / 28 % 12, 1 + index % 28);
            format!("document.expiry_date >= 2026-{month:02}-{day:02}")
        } else {
            format!("age(birth_date) < {}", 70 + index)
        };
        self.out.push_str(&format!("  when {when} {{\n"));
        match kind {
            Block::When => self.requirements(kind, n, "    "),
            Block::ForSome | Block::ForEvery => {
                let quantifier = if kind == Block::ForSome {
                    "some"
                } else {
                    "every"
                };
                self.out
                    .push_str(&format!("    for {quantifier} card in bank_cards {{\n"));
                self.requirements(kind, n, "      ");
                self.out.push_str("    }\n");
            }
            Block::Top => unreachable!("a block is not the top of the app"),
        }
        self.out.push_str("  }\n\n");
    }

    fn requirements(&mut self, block: Block, n: usize, indent: &str) {
        self.in_place.clear();
        let target = self.declared + n;
        let mut i = 0;
        while self.declared < target {
            let room_for_two = target - self.declared >= 2;
            let name = format!("r{:05}", self.next);
            self.next += 1;
            i += 1;
            let roll = self.rng.below(100);
            // A few deliberate slips, so that the lints about them have something to find.
            if block == Block::Top && i == 5 && room_for_two {
                let c = Condition {
                    require: "len(trim(name)) >= 2".into(),
                    at: "name",
                    holds: Some(true),
                };
                self.requirement(&name, &c, indent, "", true);
                self.requirement(&format!("{name}_again"), &c, indent, "", true);
                continue;
            }
            if block == Block::ForSome && i == 2 && room_for_two {
                let kind = |k: &str| Condition {
                    require: format!("card.kind == \"{k}\""),
                    at: "card.kind",
                    holds: None,
                };
                self.in_place.push(kind("debit").require);
                self.requirement_of(&name, &kind("debit"), indent, "", false, "error");
                self.requirement_of(
                    &format!("{name}_credit"),
                    &kind("credit"),
                    indent,
                    "",
                    false,
                    "error",
                );
                continue;
            }
            let mut condition = self.condition(block);
            for _ in 0..20 {
                if !self.in_place.contains(&condition.require) {
                    break;
                }
                condition = self.condition(block);
            }
            self.in_place.push(condition.require.clone());
            if roll < 4 && room_for_two {
                // A rule that changed: two versions under one name.
                let (before, after) = self.versions();
                self.requirement(&name, &before, indent, "until 2023-12-31", false);
                self.requirement(
                    &name,
                    &after,
                    indent,
                    "from 2024-01-01",
                    block == Block::Top,
                );
            } else if roll < 5 {
                // A rule that ended before its sources were last reviewed.
                self.requirement(&name, &condition, indent, "until 2020-01-01", false);
            } else if roll < 8 && block != Block::ForSome && block != Block::ForEvery {
                self.fixed_requirement(&name, indent);
            } else {
                self.requirement(&name, &condition, indent, "", block == Block::Top);
            }
        }
    }

    /// Two versions of a threshold: both hold for the example profile.
    fn versions(&mut self) -> (Condition, Condition) {
        let a = 16 + self.rng.below(3);
        let version = |years: usize| Condition {
            require: format!("age(birth_date) >= {years}"),
            at: "birth_date",
            holds: Some(true),
        };
        (version(a), version(a + 2))
    }

    fn condition(&mut self, block: Block) -> Condition {
        let id = self.id.clone();
        let r = &mut *self.rng;
        let c = |require: String, at: &'static str, holds: Option<bool>| Condition {
            require,
            at,
            holds,
        };
        const COUNTRIES: [&str; 8] = ["KP", "IR", "SY", "CU", "AF", "SD", "MM", "BY"];
        if matches!(block, Block::ForSome | Block::ForEvery) {
            return match r.below(8) {
                0 => c("card.kind == \"debit\"".into(), "card.kind", None),
                1 => c(format!("card.bank in {id}_banks"), "card.bank", None),
                2 => c(
                    format!("card.network in {id}_networks"),
                    "card.network",
                    None,
                ),
                3 => c(format!("{id}_own_card(card)"), "card.holder", None),
                4 => c(
                    format!("card.issued_in != \"{}\"", r.pick(&COUNTRIES)),
                    "card.issued_in",
                    None,
                ),
                5 => c(
                    format!("len(trim(card.holder)) >= {}", 2 + r.below(8)),
                    "card.holder",
                    None,
                ),
                6 => c(
                    format!(
                        "not present(card.number) or len(digits(card.number)) >= {}",
                        12 + r.below(5)
                    ),
                    "card.number",
                    None,
                ),
                _ => c(
                    "not present(card.number) or luhn(digits(card.number))".into(),
                    "card.number",
                    None,
                ),
            };
        }
        // The example profile: JOHN SMITH, born 1990-05-01, +27821234567, passport A12345678
        // expiring 2030-06-30, one CMB debit card issued in CN; checked on 2026-11-21.
        match r.below(12) {
            0 => {
                let n = 2 + r.below(12);
                c(format!("len(trim(name)) >= {n}"), "name", Some(n <= 10))
            }
            1 => {
                let n = 16 + r.below(6);
                c(format!("age(birth_date) >= {n}"), "birth_date", Some(true))
            }
            2 => {
                let n = 12 + r.below(6);
                c(format!("len(digits(phone)) <= {n}"), "phone", Some(true))
            }
            3 => {
                let m = 1 + r.below(9);
                let d = 1 + r.below(28);
                c(
                    format!("document.expiry_date > 2026-0{m}-{d:02}"),
                    "document.expiry_date",
                    Some(true),
                )
            }
            4 => c(
                format!("document.type in {id}_documents"),
                "document.type",
                Some(true),
            ),
            5 => c(
                format!("nationality != \"{}\"", r.pick(&COUNTRIES)),
                "nationality",
                Some(true),
            ),
            6 => c(
                format!(
                    "document.number matches \"^[A-Z0-9]{{{},{}}}$\"",
                    4 + r.below(5),
                    10 + r.below(5)
                ),
                "document.number",
                Some(true),
            ),
            7 => c(
                format!(
                    "some c in bank_cards: c.kind == \"debit\" and len(trim(c.holder)) >= {}",
                    2 + r.below(8)
                ),
                "bank_cards",
                Some(true),
            ),
            8 => c(
                format!("{id}_at_least({})", 16 + r.below(6)),
                "birth_date",
                Some(true),
            ),
            9 => c(
                format!(
                    "international_phone or len(digits(phone)) >= {}",
                    7 + r.below(5)
                ),
                "phone",
                Some(true),
            ),
            10 => {
                let n = 2 + r.below(10);
                c(format!("long_enough({n})"), "name", Some(n <= 10))
            }
            _ => c(
                format!(
                    "len(bank_cards) >= 1 and len(bank_cards) <= {}",
                    3 + r.below(7)
                ),
                "bank_cards",
                Some(true),
            ),
        }
    }

    fn sources(&mut self) -> String {
        let mut names = vec![self.rng.pick(&SHIPPED_SOURCES).to_string()];
        if self.rng.below(2) == 0 {
            names.push(format!("{}_s{}", self.id, self.rng.below(3)));
        }
        names.dedup();
        names.join(", ")
    }

    /// Writes one requirement; `expect` says whether the examples may name it.
    fn requirement(&mut self, name: &str, c: &Condition, indent: &str, period: &str, expect: bool) {
        let severity = if self.rng.below(5) == 0 {
            "warning"
        } else {
            "error"
        };
        self.requirement_of(name, c, indent, period, expect, severity);
    }

    fn requirement_of(
        &mut self,
        name: &str,
        c: &Condition,
        indent: &str,
        period: &str,
        expect: bool,
        severity: &str,
    ) {
        self.declared += 1;
        let roll = self.rng.below(100);
        let mut text =
            format!("{indent}/// Synthetic requirement {name}.\n{indent}requirement {name} {{\n");
        if !period.is_empty() {
            text.push_str(&format!("{indent}  {period}\n"));
        }
        text.push_str(&format!("{indent}  require {}\n", c.require));
        text.push_str(&format!("{indent}  at {}\n", c.at));
        text.push_str(&format!("{indent}  severity {severity}\n"));
        if roll == 42 {
            let long = "This message goes on and on about what the app wants, ".repeat(5);
            text.push_str(&format!("{indent}  message \"{}\"\n", long.trim_end()));
        } else {
            text.push_str(&format!(
                "{indent}  message \"{{title}} refuses this detail as you gave it (check {}).\"\n",
                self.declared
            ));
        }
        if roll % 10 != 3 {
            text.push_str(&format!(
                "{indent}  help \"Correct it as the document shows it, or call {{hotline}}.\"\n"
            ));
        }
        if roll % 17 != 5 {
            let sources = self.sources();
            text.push_str(&format!("{indent}  sources [{sources}]\n"));
        }
        // One suppression that is used (its requirement has no help), one that is not.
        if roll == 13 || roll == 77 {
            text.push_str(&format!(
                "{indent}  allow missing-help because \"the message says it all\"\n"
            ));
        }
        text.push_str(&format!("{indent}}}\n\n"));
        self.out.push_str(&text);
        if expect && period != "until 2023-12-31" {
            if let Some(holds) = c.holds {
                self.expectations.push((name.to_string(), holds));
            }
        }
    }

    /// A requirement with the fix that repairs it, declared right after it.
    fn fixed_requirement(&mut self, name: &str, indent: &str) {
        self.has_fix = true;
        self.declared += 1;
        let fix = format!("{name}_fix");
        let sources = self.sources();
        self.out.push_str(&format!(
            "{indent}requirement {name} {{\n{indent}  require trim(document.number) matches \"^[A-Za-z0-9]+$\"\n{indent}  at document.number\n{indent}  message \"The document number has a sign that is not part of it.\"\n{indent}  help \"Type the number as printed.\"\n{indent}  fix {fix}\n{indent}  sources [{sources}]\n{indent}}}\n\n"
        ));
        self.out.push_str(&format!(
            "{indent}/// Spaces and signs copied with a document number are left out.\n{indent}fix {fix} {{\n{indent}  when not (trim(document.number) matches \"^[A-Za-z0-9]+$\")\n{indent}  set document.number = alnum(document.number)\n{indent}  message \"Leave out the spaces and signs in the document number.\"\n{indent}  sources [{sources}]\n{indent}}}\n\n"
        ));
    }

    fn examples(&mut self) {
        let id = self.id.clone();
        let mut base = format!(
            "  example {id}_base {{\n    today 2026-11-21\n    profile \"\"\"\n      name: JOHN SMITH\n      birth_date: 1990-05-01\n      nationality: ZAF\n      phone: \"+27821234567\"\n      document: {{type: passport, number: \"A12345678\", expiry_date: 2030-06-30, info_page_photo: true}}\n      bank_cards:\n        - {{bank: CMB, kind: debit, network: unionpay, issued_in: CN, holder: JOHN SMITH, account: current}}\n    \"\"\"\n",
        );
        // A handful of expectations per example, as people write them.
        let expectations = std::mem::take(&mut self.expectations);
        for (name, holds) in expectations.iter().take(8) {
            if *holds {
                base.push_str(&format!("    expect no {name}\n"));
            } else {
                base.push_str(&format!("    expect {name}\n"));
            }
        }
        base.push_str("  }\n\n");
        self.out.push_str(&base);
        if self.has_fix {
            self.out.push_str(&format!(
                "  example {id}_punctuated_number {{\n    from {id}_base\n    set document.number = \"A 1234-5678\"\n    expect fix document.number = \"A12345678\"\n  }}\n\n",
            ));
        }
        self.out.push_str(&format!(
            "  example {id}_young {{\n    from {id}_base\n    set birth_date = 2014-01-01\n  }}\n",
        ));
    }
}
