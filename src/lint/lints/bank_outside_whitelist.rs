//! Inside a `for` block with a bank whitelist, a condition that names a bank the whitelist
//! refuses.
//!
//! Banks are looked up, and sets found, through the app's analyser; whether a `when` needs a
//! refused bank is decided with the formulas of the analysis on the context.

use crate::lint::analysis::{never, unparenthesised, Analyser, Analysis, Formula};
use crate::lint::{Category, LintContext, LintFinding, LintInfo};
use crate::syntax::ast::*;

pub static INFO: LintInfo = LintInfo {
    code: "bank-outside-whitelist",
    category: Category::Correctness,
    severity: Severity::Warning,
    summary: "A rule names a bank that the bank whitelist of its `for` block refuses.",
    doc: r#"## What it finds
A `for some CARD in LIST` or `for every CARD in LIST` block holding an error requirement
`require CARD.bank in SET` (a whitelist), and another requirement or `when` in the block that
asks for a bank outside SET (`CARD.bank == "X"`, `CARD.bank in [...]`, `CARD.bank in OTHER`).

- In a `when`, such a bank means the rule never applies to a card that can verify: the
  whitelist refuses the card whatever the rule says.
- In a `require`, it means the requirement accepts a card that the whitelist then refuses, so
  the applicant is sent to a bank that cannot work.

Banks are compared through the bank registry, so `"CMB"` and `"China Merchants Bank"` are the
same bank.

## Why it matters
These rules look as if they help, but they only ever speak about cards that are refused anyway,
or worse, they point the applicant at such a card. A source that names a bank the app does not
accept is a sign the sources disagree.

## Example
```
for some card in bank_cards {
  requirement card_bank_accepted { require card.bank in alipay_banks ... }
  requirement long_name_banks {
    when len(name) > 20
    require card.bank in ["CMB", "CCB"]   // CCB is not in alipay_banks
    ...
  }
}
```

## How to fix
Remove the bank from the rule, or add it to the whitelist if the app accepts it now. When the
rule is kept on purpose (to explain a refusal more precisely), suppress this lint with the
reason: `allow bank-outside-whitelist because "..."`.
"#,
};

/// `CARD.bank in SET`, required of every item of the block.
struct Whitelist<'a> {
    requirement: &'a Requirement,
    require: &'a Expr,
    banks: Vec<u16>,
    /// `` `alipay_banks` `` or the list as written.
    shown: String,
}

fn is_bank_of(e: &Expr, var: &str) -> bool {
    matches!(&unparenthesised(e).node, ExprKind::Path(p)
        if p.segments.len() == 2 && p.segments[0].node == var && p.segments[1].node == "bank")
}

/// Banks as written, each with its id in the registry (if it has one).
type NamedBanks = Vec<(String, Option<u16>)>;

/// The banks a collection (`[...]` or a set's name) holds, and the collection as shown.
fn banks_of(an: &Analyser<'_>, e: &Expr) -> Option<(NamedBanks, String)> {
    match &unparenthesised(e).node {
        ExprKind::List(items) => {
            let banks = items
                .iter()
                .map(|i| match &unparenthesised(i).node {
                    ExprKind::Str(s) => Some((s.clone(), an.bank_id(s))),
                    _ => None,
                })
                .collect::<Option<Vec<_>>>()?;
            let shown = format!(
                "[{}]",
                banks
                    .iter()
                    .map(|(s, _)| format!("\"{s}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            Some((banks, shown))
        }
        ExprKind::Path(p) if p.segments.len() == 1 => {
            let set = an.set(&p.segments[0].node)?;
            let banks = set
                .values
                .iter()
                .map(|v| (v.text.node.clone(), an.bank_id(&v.text.node)))
                .collect();
            Some((banks, format!("`{}`", set.name.node)))
        }
        _ => None,
    }
}

fn whitelist<'a>(an: &Analyser<'a>, block: &'a ForBlock) -> Option<Whitelist<'a>> {
    block.body.iter().find_map(|item| {
        let BodyItem::Requirement(r) = item else {
            return None;
        };
        let error = r
            .severity
            .as_ref()
            .is_none_or(|s| s.node == Severity::Error);
        let require = r.require.as_ref()?;
        if !error || r.when.is_some() {
            return None;
        }
        let ExprKind::Binary { op, left, right } = &unparenthesised(require).node else {
            return None;
        };
        if op.node != BinaryOp::In || !is_bank_of(left, &block.var.node) {
            return None;
        }
        let (banks, shown) = banks_of(an, right)?;
        Some(Whitelist {
            requirement: r,
            require,
            banks: banks.into_iter().filter_map(|(_, id)| id).collect(),
            shown,
        })
    })
}

/// A place in the block where a bank is asked for.
struct Mention<'a> {
    at: &'a Expr,
    /// Banks named there that the whitelist refuses, as written.
    outside: Vec<(String, u16)>,
    /// Every bank named there is outside.
    all_outside: bool,
}

/// Comparisons in `e` that ask for `CARD.bank` to be one of some banks.
fn mentions<'a>(
    an: &Analyser<'_>,
    e: &'a Expr,
    var: &str,
    wl: &Whitelist<'_>,
    positive: bool,
    out: &mut Vec<Mention<'a>>,
) {
    if let Some((_, operands)) = e.node.junction() {
        for operand in operands {
            mentions(an, operand, var, wl, positive, out);
        }
        return;
    }
    match &e.node {
        ExprKind::Paren(inner) => mentions(an, inner, var, wl, positive, out),
        ExprKind::Unary { op, operand } if op.node == UnaryOp::Not => {
            mentions(an, operand, var, wl, !positive, out)
        }
        ExprKind::Binary { op, left, right } => {
            let named: Option<NamedBanks> = match op.node {
                BinaryOp::And | BinaryOp::Or => {
                    mentions(an, left, var, wl, positive, out);
                    mentions(an, right, var, wl, positive, out);
                    None
                }
                BinaryOp::Eq | BinaryOp::Ne if (op.node == BinaryOp::Eq) == positive => {
                    let (bank, other) = if is_bank_of(left, var) {
                        (left, right)
                    } else {
                        (right, left)
                    };
                    match &unparenthesised(other).node {
                        ExprKind::Str(s) if is_bank_of(bank, var) => {
                            Some(vec![(s.clone(), an.bank_id(s))])
                        }
                        _ => None,
                    }
                }
                BinaryOp::In | BinaryOp::NotIn
                    if (op.node == BinaryOp::In) == positive && is_bank_of(left, var) =>
                {
                    banks_of(an, right).map(|(b, _)| b)
                }
                _ => None,
            };
            if let Some(named) = named {
                let outside: Vec<(String, u16)> = named
                    .iter()
                    .filter_map(|(s, id)| {
                        id.filter(|id| !wl.banks.contains(id))
                            .map(|id| (s.clone(), id))
                    })
                    .collect();
                if !outside.is_empty() {
                    out.push(Mention {
                        at: e,
                        all_outside: outside.len() == named.len(),
                        outside,
                    });
                }
            }
        }
        _ => {}
    }
}

enum Kind<'a> {
    Require(&'a Requirement),
    RequirementWhen(&'a Requirement),
    WhenBlock,
}

fn check_block<'a>(
    cx: &LintContext<'_>,
    an: &Analyser<'a>,
    analysis: &Analysis<'_>,
    block: &'a ForBlock,
    out: &mut Vec<LintFinding>,
) {
    let Some(wl) = whitelist(an, block) else {
        return;
    };
    let var = block.var.node.as_str();
    let mut places: Vec<(Kind<'a>, &'a Expr)> = Vec::new();
    fn collect<'a>(
        items: &'a [BodyItem],
        var: &str,
        wl: &Whitelist<'a>,
        places: &mut Vec<(Kind<'a>, &'a Expr)>,
    ) {
        for item in items {
            match item {
                BodyItem::Requirement(r) if !std::ptr::eq(r, wl.requirement) => {
                    if let Some(w) = &r.when {
                        places.push((Kind::RequirementWhen(r), w));
                    }
                    if let Some(q) = &r.require {
                        places.push((Kind::Require(r), q));
                    }
                }
                BodyItem::When(w) => {
                    places.push((Kind::WhenBlock, &w.condition));
                    collect(&w.body, var, wl, places);
                }
                BodyItem::For(f) if f.var.node != var => collect(&f.body, var, wl, places),
                _ => {}
            }
        }
    }
    collect(&block.body, var, &wl, &mut places);
    let Some(rules) = cx.rules else { return };
    let bank_name = |written: &str, id: u16| {
        let bank = &rules.set.banks[id as usize];
        if bank.name == written {
            written.to_string()
        } else {
            format!("{written} ({})", bank.name)
        }
    };
    let whitelist_name = &wl.requirement.name.node;
    for (kind, e) in places {
        let mut found = Vec::new();
        mentions(an, e, var, &wl, true, &mut found);
        for m in found {
            let listed: Vec<String> = m.outside.iter().map(|(s, id)| bank_name(s, *id)).collect();
            let banks = join(&listed);
            let short: Vec<&str> = m.outside.iter().map(|(s, _)| s.as_str()).collect();
            let them = if short.len() == 1 { "it" } else { "them" };
            let all = join_str(&short);
            let short = join_or(&short);
            let (message, help) = match kind {
                Kind::Require(r) => (
                    format!(
                        "requirement `{}` accepts {banks}, which the whitelist {} refuses",
                        r.name.node, wl.shown
                    ),
                    format!(
                        "a card from {short} meets `{}` but still fails `{whitelist_name}`, so the applicant would be sent to a card that cannot verify; remove {all} here, or add {them} to {} if the app accepts {them}",
                        r.name.node, wl.shown
                    ),
                ),
                Kind::RequirementWhen(_) | Kind::WhenBlock => {
                    let what = match kind {
                        Kind::RequirementWhen(r) => format!("requirement `{}`", r.name.node),
                        _ => "this `when` block".to_string(),
                    };
                    // Does the whole `when` need such a bank? Then it never applies to a card
                    // that can verify.
                    let dead = m.all_outside && never_with(analysis, wl.require, e);
                    let (consequence, remove) = if dead {
                        (
                            format!("{what} never applies to a card that can verify"),
                            "remove the rule".to_string(),
                        )
                    } else {
                        (
                            format!("the {all} part of this `when` only speaks about cards that cannot verify anyway"),
                            format!("remove {all} from it"),
                        )
                    };
                    (
                        format!(
                            "this `when` asks for {banks}, which the whitelist {} refuses",
                            wl.shown
                        ),
                        format!(
                            "`{whitelist_name}` refuses every {short} card, so {consequence}; {remove}, or add {all} to {} if the app accepts {them} now",
                            wl.shown
                        ),
                    )
                }
            };
            out.push(
                LintFinding::new(&INFO, &m.at.span, message, format!("not in {}", wl.shown))
                    .help(help),
            );
        }
    }
}

fn join(items: &[String]) -> String {
    let refs: Vec<&str> = items.iter().map(String::as_str).collect();
    join_str(&refs)
}

fn join_str(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn join_or(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// Whether conditions `a` and `b` can never hold together (each with the variables bound where
/// it is written).
fn never_with(analysis: &Analysis<'_>, a: &Expr, b: &Expr) -> bool {
    match (analysis.condition(a), analysis.condition(b)) {
        (Some(a), Some(b)) => {
            never(&Formula::And(vec![a.holds.clone(), b.holds.clone()])).is_some()
        }
        _ => false,
    }
}

pub fn check(cx: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    if cx.rules.is_none() {
        return;
    }
    let analysis = cx.analysis();
    for app in &analysis.apps {
        fn walk<'a>(
            cx: &LintContext<'_>,
            an: &Analyser<'a>,
            analysis: &Analysis<'_>,
            items: &'a [BodyItem],
            out: &mut Vec<LintFinding>,
        ) {
            for item in items {
                match item {
                    BodyItem::When(w) => walk(cx, an, analysis, &w.body, out),
                    BodyItem::For(f) => {
                        check_block(cx, an, analysis, f, out);
                        walk(cx, an, analysis, &f.body, out);
                    }
                    _ => {}
                }
            }
        }
        walk(cx, &app.analyser, analysis, &app.app.body, out);
    }
}

#[cfg(test)]
mod tests {

    /// A `when` in a nested `for` of another variable is read with both variables bound: its
    /// part about the inner item can never hold, so only the refused bank is left.
    #[test]
    fn a_when_in_a_nested_for_knows_both_variables() {
        let rules = r#"set accepted: bank = ["CMB", "ICBC"] sources [guide]
app nested {
  title "Nested"
  sources [guide]
  for every card in bank_cards {
    requirement accepted_bank {
      require card.bank in accepted
      message "m."
      sources [guide]
    }
    for some other in bank_cards {
      requirement ccb_or_nothing {
        when card.bank == "CCB" or other.kind == "debit" and other.kind == "credit"
        require other.kind == "debit"
        message "m."
        sources [guide]
      }
    }
  }
}
"#;
        let files = crate::lint::with_shipped_schema("nested.rules", rules);
        let findings = crate::lint::lint(&files, jiff::civil::date(2026, 12, 1));
        let found: Vec<&str> = findings
            .iter()
            .filter(|f| f.lint.code == super::INFO.code)
            .filter_map(|f| f.help.as_deref())
            .collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0]
                .contains("requirement `ccb_or_nothing` never applies to a card that can verify"),
            "{}",
            found[0]
        );
    }
}
