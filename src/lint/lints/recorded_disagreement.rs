//! A recorded disagreement between sources: advice, so it stays visible.

use crate::lint::{Category, LintContext, LintFinding, LintInfo};
use crate::syntax::ast::{BodyItem, Severity};

pub static INFO: LintInfo = LintInfo {
    code: "recorded-disagreement",
    category: Category::Provenance,
    severity: Severity::Advice,
    summary: "The sources of a rule disagree; the rule records which reading it follows.",
    doc: r#"## What it finds
Every `disagreement` block. Nothing is wrong: the sources really say different things and the
rule records which reading it encodes.

## Why it matters
A disagreement is where a rule is most likely to be wrong tomorrow. Listing them on every lint
run keeps them in front of the maintainers, who should re-check them when a source changes.

## Example
```
disagreement long_name_banks {
  topic "Which banks verify names longer than 20 characters"
  claim guide "CMB and CCB."
  claim alipay_text "CMB only."
  resolution "CMB only: CCB is not on Alipay's list at all."
}
```

## How to fix
Nothing to fix. When the sources agree again, delete the block.
"#,
};

pub fn check(cx: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    for (_, item) in cx.body_items() {
        let disagreements = match item {
            BodyItem::Requirement(r) => r.disagreements.as_slice(),
            BodyItem::Outcome(o) => o.disagreements.as_slice(),
            BodyItem::Disagreement(d) => std::slice::from_ref(d),
            _ => &[],
        };
        for d in disagreements {
            let sources: Vec<&str> = d.claims.iter().map(|c| c.source.node.as_str()).collect();
            let topic = d
                .topic
                .as_ref()
                .map_or(d.name.node.as_str(), |t| t.node.as_str());
            let mut finding = LintFinding::new(
                &INFO,
                &d.name.span,
                format!("sources disagree: {topic} ({})", sources.join(" vs ")),
                "recorded disagreement",
            );
            if let Some(r) = &d.resolution {
                finding = finding.help(format!("followed reading: {}", r.node));
            }
            out.push(finding);
        }
    }
}
