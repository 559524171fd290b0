//! The analysis, table by table (as Cedar tests its validator): a condition as written, and
//! what the analysis says of it, with the explanation a lint would quote.
//!
//! Each condition is written into a small rule file (a requirement inside
//! `for some card in bank_cards`, with the shipped schema, banks and sources) that must
//! compile, so that terms are typed as in a real lint run. A verdict reads `never: WHY`,
//! `always: WHY` (WHY explains why it cannot be false), `never here: WHY`, `always here: WHY`,
//! or `open` when nothing can be said.

use crate::lint::context::{Compiled, LintContext};

use super::contradiction::MAX_ALTERNATIVES;
use super::{explain, Analysis, Condition, PartVerdict, Place, Verdict};

/// Conditions on their own: what the analysis says of each.
const ALONE: &[(&str, &str)] = &[
    // Integer ranges.
    (
        "len(name) > 20 and len(name) < 5",
        "never: `len(name)` would have to be greater than 20 and less than 5",
    ),
    (
        "len(name) < 0",
        "never: `len(name)` would have to be less than 0, and a length is never negative",
    ),
    (
        "len(name) >= 0",
        "always: `len(name)` would have to be less than 0, and a length is never negative",
    ),
    (
        "len(name) >= 2 and len(name) <= 3 and len(name) != 2 and len(name) != 3",
        "never: `len(name)` would have to be at least 2, at most 3, not be 2 and not be 3",
    ),
    ("len(name) > 2 and len(name) < 5", "open"),
    ("len(name) > 5 or len(name) < 10", "always: `len(name)` would have to be at most 5 and at least 10"),
    // The same term however it is spaced or parenthesised.
    (
        "len( name ) > 20 and (len(name)) < 5",
        "never: `len(name)` would have to be greater than 20 and less than 5",
    ),
    // Constants alone.
    ("1 > 2", "never: it is false whatever the profile holds"),
    ("len(name) != len(name)", "never: it is false whatever the profile holds"),
    // Equal and unequal literals; an enumeration has no value but its own.
    (
        "document.type == \"passport\" and document.type == \"residence_permit_for_foreigners\"",
        "never: `document.type` would have to be \"passport\" and \"residence_permit_for_foreigners\"",
    ),
    (
        "document.type == \"passport\" and document.type != \"passport\"",
        "never: `document.type` would have to be \"passport\" and not be \"passport\"",
    ),
    (
        "card.kind != \"debit\" and card.kind != \"credit\" and card.kind != \"passbook\"",
        "never: `card.kind` would have to not be \"debit\", not be \"credit\" and not be \"passbook\", and it has no other value",
    ),
    (
        "card.kind != \"debit\" or card.kind != \"credit\"",
        "always: `card.kind` would have to be \"debit\" and \"credit\"",
    ),
    ("card.holder != \"A\" and card.holder != \"B\"", "open"),
    // `in` a list and `in` a set; banks by the registry, whatever name is written.
    (
        "card.kind in [\"debit\", \"credit\"] and card.kind == \"passbook\"",
        "never: `card.kind` would have to be one of \"debit\", \"credit\" and \"passbook\"",
    ),
    (
        "card.kind not in [\"debit\", \"credit\"] and card.kind != \"passbook\"",
        "never: `card.kind` would have to be none of \"debit\", \"credit\" and not be \"passbook\", and it has no other value",
    ),
    (
        "card.bank in accepted and card.bank == \"CCB\"",
        "never: `card.bank` would have to be in `accepted` and \"CCB\"",
    ),
    ("card.bank in accepted and card.bank == \"China Merchants Bank\"", "open"),
    (
        "card.bank not in accepted and card.bank == \"CMB\"",
        "never: `card.bank` would have to be \"CMB\" and not be in `accepted`",
    ),
    (
        "card.bank == \"CMB\" and card.bank == \"China Merchants Bank\"",
        "open",
    ),
    // Booleans, `present` and `not present`, and other conditions known by their text.
    (
        "document.info_page_photo and not document.info_page_photo",
        "never: `document.info_page_photo` would have to be true and not be true",
    ),
    (
        "document.info_page_photo or not document.info_page_photo",
        "always: `document.info_page_photo` would have to be true and not be true",
    ),
    (
        "present(document.mrz) and not present(document.mrz)",
        "never: `present(document.mrz)` would have to be both true and false",
    ),
    (
        "present(document.mrz) or not present(document.mrz)",
        "always: `present(document.mrz)` would have to be both true and false",
    ),
    (
        "name matches \"^A\" and not (name matches \"^A\")",
        "never: `name matches \"^A\"` would have to be both true and false",
    ),
    ("present(document.mrz) and present(document.number)", "open"),
    // Dates, counted in days: 2024 has a 29 February, 2023 has not.
    (
        "today < 2020-01-01 and today > 2021-01-01",
        "never: `today` would have to be before 2020-01-01 and after 2021-01-01",
    ),
    (
        "document.expiry_date > 2023-02-28 and document.expiry_date < 2023-03-01",
        "never: `document.expiry_date` would have to be after 2023-02-28 and before 2023-03-01",
    ),
    ("document.expiry_date > 2024-02-28 and document.expiry_date < 2024-03-01", "open"),
    (
        "document.expiry_date >= 2020-01-01 and document.expiry_date <= 2020-01-02 and document.expiry_date != 2020-01-01 and document.expiry_date != 2020-01-02",
        "never: `document.expiry_date` would have to be on or after 2020-01-01, on or before 2020-01-02, not be 2020-01-01 and not be 2020-01-02",
    ),
    (
        "today >= 2020-01-01 or today < 2020-01-01",
        "always: `today` would have to be before 2020-01-01 and on or after 2020-01-01",
    ),
    // Countries, by the compiler's reading: "CN" and "CHN" are one country.
    ("card.issued_in == \"CN\" and card.issued_in == \"CHN\"", "open"),
    (
        "card.issued_in == \"cn\" and card.issued_in != \"CHN\"",
        "never: `card.issued_in` would have to be \"cn\" and not be \"CHN\"",
    ),
    ("nationality in homes and nationality == \"HK\"", "open"),
    (
        "nationality in homes and nationality == \"JP\"",
        "never: `nationality` would have to be in `homes` and \"JP\"",
    ),
    (
        "nationality == \"ZA\" and nationality == \"ZAF\" and nationality in [\"USA\", \"CN\"]",
        "never: `nationality` would have to be \"ZA\" and one of \"USA\", \"CN\"",
    ),
    // `or`: never only when every alternative is.
    ("len(name) < 0 or len(name) > 5", "open"),
    (
        "len(name) < 0 or len(phone) < 0",
        "never: each way it could hold is impossible: `len(name)` would have to be less than 0, and a length is never negative; `len(phone)` would have to be less than 0, and a length is never negative",
    ),
    (
        "(len(name) > 20 or card.kind == \"debit\") and len(name) < 5 and card.kind == \"credit\"",
        "never: each way it could hold is impossible: `len(name)` would have to be greater than 20 and less than 5; `card.kind` would have to be \"debit\" and \"credit\"",
    ),
    // A quantifier is known by its text as a whole; its body is a condition of its own.
    ("some c in bank_cards: c.kind == \"debit\" and c.kind == \"credit\"", "open"),
];

/// Conditions under a `when`: (the `when`, the `require`, what is said of the `require`).
const UNDER_WHEN: &[(&str, &str, &str)] = &[
    (
        "len(name) > 20",
        "len(name) > 10",
        "always here: `len(name)` would have to be greater than 20 and at most 10",
    ),
    (
        "card.kind == \"debit\"",
        "card.kind == \"credit\"",
        "never here: `card.kind` would have to be \"debit\" and \"credit\"",
    ),
    (
        "card.issued_in == \"CHN\"",
        "card.issued_in == \"CN\"",
        "always here: `card.issued_in` would have to be \"CHN\" and not be \"CN\"",
    ),
    ("len(name) > 20", "len(name) > 30", "open"),
    // A `when` that cannot hold says nothing of what stands under it (it is reported itself).
    ("len(name) > 5 and len(name) < 3", "len(name) == 4", "open"),
];

/// Conditions with no verdict as a whole, and what is said of their parts.
const PARTS: &[(&str, &[&str])] = &[
    (
        "len(name) < 0 or len(name) > 5",
        &["dead `len(name) < 0`: `len(name)` would have to be less than 0, and a length is never negative"],
    ),
    (
        "len(name) >= 2 and (len(name) >= 0)",
        &["idle `len(name) >= 0`: `len(name)` would have to be less than 0, and a length is never negative"],
    ),
    (
        "not (len(name) < 0 or len(name) > 3) and (document.type == \"passport\" or len(phone) < -2)",
        &[
            "dead `len(name) < 0`: `len(name)` would have to be less than 0, and a length is never negative",
            "dead `len(phone) < -2`: `len(phone)` would have to be less than -2, and a length is never negative",
        ],
    ),
    ("len(name) > 2 and len(name) < 5", &[]),
];

/// A rule file with one requirement per `(when, require)`, named `r0`, `r1`, ..., inside
/// `for some card in bank_cards`.
fn rule_file(conditions: &[(Option<&str>, String)]) -> String {
    let mut text = String::from(
        "set accepted: bank = [\"CMB\", \"ICBC\"] sources [guide]\n\
         set homes: country = [\"CN\", \"HKG\"] sources [guide]\n\
         app analysed {\n  title \"Analysed\"\n  sources [guide]\n  for some card in bank_cards {\n",
    );
    for (i, (when, require)) in conditions.iter().enumerate() {
        text.push_str(&format!("    requirement r{i} {{\n"));
        if let Some(when) = when {
            text.push_str(&format!("      when {when}\n"));
        }
        text.push_str(&format!(
            "      require {require}\n      message \"m.\"\n      sources [guide]\n    }}\n"
        ));
    }
    text.push_str("  }\n}\n");
    text
}

/// Runs `f` on the analysis of `text` linted with the shipped schema, banks and sources.
fn analysed<R>(text: &str, f: impl FnOnce(&Analysis<'_>) -> R) -> R {
    let files = crate::lint::with_shipped_schema("analysed.rules", text);
    let compiled = Compiled::new(&files);
    let cx = LintContext::new(&files, jiff::civil::date(2026, 12, 1), &compiled);
    if let Some(errors) = cx.compile_errors {
        let messages: Vec<&str> = errors.0.iter().map(|d| d.message.as_str()).collect();
        panic!("the test rules do not compile: {messages:?}\n{text}");
    }
    f(cx.analysis())
}

/// The `require` of requirement `name`.
fn require<'c, 'a>(analysis: &'c Analysis<'a>, name: &str) -> &'c Condition<'a> {
    analysis
        .conditions()
        .find(|c| matches!(c.place, Place::Require(r) if r.name.node == name))
        .unwrap_or_else(|| panic!("no require of {name}"))
}

fn verdict(c: &Condition<'_>) -> String {
    match &c.verdict {
        None => "open".to_string(),
        Some(Verdict::Never(reasons)) => format!("never: {}", explain(reasons)),
        Some(Verdict::Always(reasons)) => format!("always: {}", explain(reasons)),
        Some(Verdict::NeverHere(reasons)) => format!("never here: {}", explain(reasons)),
        Some(Verdict::AlwaysHere(reasons)) => format!("always here: {}", explain(reasons)),
    }
}

fn parts(c: &Condition<'_>) -> Vec<String> {
    c.parts
        .iter()
        .map(|(part, verdict)| {
            let (what, reasons) = match verdict {
                PartVerdict::DeadAlternative(reasons) => ("dead", reasons),
                PartVerdict::IdlePart(reasons) => ("idle", reasons),
            };
            let part = crate::syntax::print::expr(part);
            format!("{what} `{part}`: {}", explain(reasons))
        })
        .collect()
}

/// Checks every row, and reports all the rows that fail at once.
fn check_rows(failures: Vec<String>) {
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn conditions_on_their_own() {
    let rows: Vec<(Option<&str>, String)> =
        ALONE.iter().map(|(c, _)| (None, c.to_string())).collect();
    analysed(&rule_file(&rows), |analysis| {
        let mut failures = Vec::new();
        for (i, (condition, expected)) in ALONE.iter().enumerate() {
            let found = verdict(require(analysis, &format!("r{i}")));
            if found != *expected {
                failures.push(format!(
                    "{condition}\n  expected {expected}\n  found    {found}"
                ));
            }
        }
        check_rows(failures);
    });
}

#[test]
fn conditions_under_a_when() {
    let rows: Vec<(Option<&str>, String)> = UNDER_WHEN
        .iter()
        .map(|(when, require, _)| (Some(*when), require.to_string()))
        .collect();
    analysed(&rule_file(&rows), |analysis| {
        let mut failures = Vec::new();
        for (i, (when, condition, expected)) in UNDER_WHEN.iter().enumerate() {
            let found = verdict(require(analysis, &format!("r{i}")));
            if found != *expected {
                failures.push(format!(
                    "when {when}: {condition}\n  expected {expected}\n  found    {found}"
                ));
            }
        }
        check_rows(failures);
    });
}

#[test]
fn parts_of_conditions() {
    let rows: Vec<(Option<&str>, String)> =
        PARTS.iter().map(|(c, _)| (None, c.to_string())).collect();
    analysed(&rule_file(&rows), |analysis| {
        let mut failures = Vec::new();
        for (i, (condition, expected)) in PARTS.iter().enumerate() {
            let c = require(analysis, &format!("r{i}"));
            let found = parts(c);
            if c.verdict.is_some() || found != *expected {
                failures.push(format!(
                    "{condition}\n  expected {expected:?}\n  found    {found:?} ({})",
                    verdict(c)
                ));
            }
        }
        check_rows(failures);
    });
}

/// `and`s of `(a or b)` multiply out: up to MAX_ALTERNATIVES alternatives the analysis still
/// finds that none can hold; one factor more and it says nothing rather than something wrong.
#[test]
fn too_many_alternatives_give_no_verdict() {
    let within = MAX_ALTERNATIVES.ilog2() as usize;
    assert_eq!(
        1 << within,
        MAX_ALTERNATIVES,
        "the table assumes a power of two"
    );
    let factor = "(len(name) < 0 or len(name) < -1)";
    let product = |n: usize| vec![factor; n].join(" and ");
    let rows = [(within, product(within)), (within + 1, product(within + 1))];
    let file: Vec<(Option<&str>, String)> = rows.iter().map(|(_, c)| (None, c.clone())).collect();
    analysed(&rule_file(&file), |analysis| {
        let never = "never: each way it could hold is impossible: \
            `len(name)` would have to be less than 0, and a length is never negative; \
            `len(name)` would have to be less than -1, and a length is never negative";
        let expected = [never, "open"];
        let mut failures = Vec::new();
        for (i, ((factors, _), expected)) in rows.iter().zip(expected).enumerate() {
            let c = require(analysis, &format!("r{i}"));
            let found = verdict(c);
            if found != expected {
                failures.push(format!(
                    "{factors} factors\n  expected {expected}\n  found    {found}"
                ));
            }
        }
        check_rows(failures);
        // Past the cutoff the parts are still looked at: each alternative is dead on its own.
        let c = require(analysis, "r1");
        assert_eq!(c.parts.len(), 2 * (within + 1));
        assert!(c
            .parts
            .iter()
            .all(|(_, v)| matches!(v, PartVerdict::DeadAlternative(_))));
    });
}

/// The body of a quantifier is a condition of its own, with its variable typed; so is a
/// condition in a nested `for` block, with both variables typed.
#[test]
fn variables_are_bound_where_a_condition_stands() {
    let text = "app bound {\n  title \"Bound\"\n  sources [guide]\n\
        requirement q {\n    require some c in bank_cards: c.kind == \"debit\" and c.kind == \"credit\"\n    message \"m.\"\n    sources [guide]\n  }\n\
        for some card in bank_cards {\n    for some other in bank_cards {\n      requirement nested {\n\
        when card.bank == \"CMB\" and other.kind == \"debit\" and other.kind == \"credit\"\n\
        require card.kind == \"debit\"\n      message \"m.\"\n      sources [guide]\n    }\n  }\n  }\n}\n";
    analysed(text, |analysis| {
        let body = analysis
            .conditions()
            .find(|c| matches!(c.place, Place::QuantifierBody))
            .expect("the quantifier's body");
        assert_eq!(
            verdict(body),
            "never: `c.kind` would have to be \"debit\" and \"credit\""
        );
        let when = analysis
            .conditions()
            .find(|c| matches!(c.place, Place::RequirementWhen(r) if r.name.node == "nested"))
            .expect("the nested requirement's when");
        assert_eq!(
            verdict(when),
            "never: `other.kind` would have to be \"debit\" and \"credit\""
        );
        // Every condition can be found again by the expression it is written at.
        for c in analysis.conditions() {
            assert!(std::ptr::eq(analysis.condition(c.expr).unwrap(), c));
        }
    });
}
