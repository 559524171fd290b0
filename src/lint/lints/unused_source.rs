//! A declared source that nothing cites.

use std::collections::HashSet;

use crate::lint::{Category, LintContext, LintFinding, LintInfo};
use crate::syntax::ast::{BodyItem, Item};

use crate::syntax::ast::Severity;

pub static INFO: LintInfo = LintInfo {
    code: "unused-source",
    category: Category::Provenance,
    severity: Severity::Warning,
    summary: "A source is declared but no rule, set, app, problem or claim cites it.",
    doc: r#"## What it finds
A `source ID { ... }` whose id appears in no `sources [...]` list and no `claim`.

## Why it matters
A source nothing cites is either left over from a rule that was removed, or a rule forgot to
cite it. Both are worth a look.

## Example
```
source old_faq { title "FAQ (2019)" date 2019-01-01 }
```

## How to fix
Cite it where it applies, or delete it.
"#,
};

pub fn check<'a>(cx: &'a LintContext<'_>, out: &mut Vec<LintFinding>) {
    // Sets, so that looking up every source stays linear in the size of the rules.
    let mut cited: HashSet<&str> = HashSet::new();
    let mut cite =
        |names: &'a [crate::syntax::ast::Name]| cited.extend(names.iter().map(|n| n.node.as_str()));
    for item in cx.items() {
        match item {
            Item::Set(s) => cite(&s.sources),
            Item::Problem(p) => cite(&p.sources),
            Item::App(a) => {
                cite(&a.sources);
                for s in &a.sets {
                    cite(&s.sources);
                }
            }
            _ => {}
        }
    }
    let mut claims: HashSet<&str> = HashSet::new();
    for (_, item) in cx.body_items() {
        let disagreements = match item {
            BodyItem::Requirement(r) => {
                cite(&r.sources);
                r.disagreements.as_slice()
            }
            BodyItem::Fix(f) => {
                cite(&f.sources);
                &[]
            }
            BodyItem::Outcome(o) => {
                cite(&o.sources);
                o.disagreements.as_slice()
            }
            BodyItem::Trouble(t) => {
                cite(&t.sources);
                &[]
            }
            BodyItem::Disagreement(d) => std::slice::from_ref(d),
            _ => &[],
        };
        for d in disagreements {
            claims.extend(d.claims.iter().map(|c| c.source.node.as_str()));
        }
    }
    for source in cx.sources() {
        let id = source.id.node.as_str();
        if !cited.contains(id) && !claims.contains(id) {
            out.push(
                LintFinding::new(
                    &INFO,
                    &source.id.span,
                    format!("source `{id}` is cited by nothing"),
                    "never cited",
                )
                .help("cite it with `sources [...]` where it applies, or delete it"),
            );
        }
    }
}
