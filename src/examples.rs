//! Examples inside rule files: building their profiles and checking their expectations.
//!
//! An example names a profile (inline, a file next to the rules, or another example's profile
//! changed with `set` and `remove`), a day, and what the checker must say. `realname test`
//! runs them as tests; `realname docs` shows them as worked examples.

use std::sync::Arc;

use jiff::civil::Date;
use miette::{LabeledSpan, NamedSource};

use crate::compile::ir::{ExampleDef, RuleSet};
use crate::diagnostic::Diag;
use crate::eval::AppReport;
use crate::profile::emit::to_yaml;
use crate::profile::{load_profile, MapEntry, Node, NodeValue, ProfileDocument, ScalarStyle};
use crate::rules::Rules;
use crate::syntax::ast::{
    ExampleProfile, ExampleValue, Expectation, PathStep, ProfileEdit, Severity, ValuePath,
};

/// How many `from` links an example may follow.
const MAX_FROM_DEPTH: usize = 16;

/// An example's profile, ready to check, and the day to check it on.
pub struct Materialized {
    pub profile: ProfileDocument,
    pub today: Date,
}

/// Builds the profile of an example: its own or its `from` chain's, with the edits applied.
pub fn materialize(rules: &Rules, def: &ExampleDef) -> Result<Materialized, Diag> {
    let set = &rules.set;
    // The chain from this example back to the one with a profile.
    let mut chain: Vec<&ExampleDef> = vec![def];
    while chain.last().is_some_and(|e| e.example.profile.is_none()) {
        let current = &chain.last().expect("non-empty").example;
        let Some(from) = &current.from else {
            return Err(Diag::at(
                &current.name.span,
                format!("example `{}` has no profile", current.name.node),
                "no profile",
            ));
        };
        let Some(next) = set.example(&from.node) else {
            return Err(Diag::at(
                &from.span,
                format!("there is no example named `{}`", from.node),
                "unknown example",
            ));
        };
        if chain.len() > MAX_FROM_DEPTH
            || chain
                .iter()
                .any(|e| e.example.name.node == next.example.name.node)
        {
            return Err(Diag::at(
                &from.span,
                "these examples start from each other in a circle",
                "circular `from`",
            )
            .with_help("one example in the chain must have its own `profile`"));
        }
        chain.push(next);
    }
    let base = &chain.last().expect("non-empty").example;
    let today = chain
        .iter()
        .find_map(|e| e.example.today.as_ref())
        .ok_or_else(|| {
            Diag::at(
                &def.example.name.span,
                format!("example `{}` has no `today`", def.example.name.node),
                "no day to check on",
            )
            .with_help("add `today YYYY-MM-DD`: ages and expiry dates depend on it")
        })?;
    let today: Date = today.node.parse().map_err(|_| {
        Diag::at(
            &today.span,
            format!("`{}` is not a calendar date", today.node),
            "not a date",
        )
    })?;
    let (name, text) = match base.profile.as_ref().expect("chain ends at a profile") {
        ExampleProfile::Inline(text) => (
            format!("{}#{}", text.span.file.name(), base.name.node),
            text.node.clone(),
        ),
        ExampleProfile::File(path) => {
            let text = rules
                .read_beside(&path.span.file, &path.node)
                .map_err(|e| {
                    Diag::at(
                        &path.span,
                        format!("cannot read the example profile {}: {e}", path.node),
                        "unreadable",
                    )
                    .with_help("the path is relative to the folder of the rule file")
                })?;
            (path.node.clone(), text)
        }
    };
    let profile = load_profile(&name, &text).map_err(|e| {
        Diag::at(
            &base.name.span,
            format!(
                "the profile of example `{}` is not valid YAML or JSON: {e}",
                base.name.node
            ),
            "bad profile",
        )
    })?;
    let edits: Vec<&ProfileEdit> = chain
        .iter()
        .rev()
        .flat_map(|e| e.example.edits.iter())
        .collect();
    if edits.is_empty() {
        return Ok(Materialized { profile, today });
    }
    let mut root = profile.root.clone();
    for edit in edits {
        apply(&mut root, edit)?;
    }
    let name = format!(
        "{}#{}",
        def.example.name.span.file.name(),
        def.example.name.node
    );
    let profile = load_profile(&name, &to_yaml(&root)).map_err(|e| {
        Diag::at(
            &def.example.name.span,
            format!("the edited profile does not load: {e}"),
            "bad edit",
        )
    })?;
    Ok(Materialized { profile, today })
}

fn apply(root: &mut Node, edit: &ProfileEdit) -> Result<(), Diag> {
    match edit {
        ProfileEdit::Set { path, value } => {
            let (text, style) = match &value.node {
                ExampleValue::Str(s) => (s.clone(), ScalarStyle::DoubleQuoted),
                ExampleValue::Date(d) => (d.clone(), ScalarStyle::Plain),
                ExampleValue::Int(i) => (i.to_string(), ScalarStyle::Plain),
                ExampleValue::Bool(b) => (b.to_string(), ScalarStyle::Plain),
            };
            let node = walk(root, &path.node.steps, true)
                .map_err(|why| edit_error(&path.span, &path.node, why))?;
            node.value = NodeValue::Scalar { text, style };
            Ok(())
        }
        ProfileEdit::Remove(path) => {
            let Some((last, parent_steps)) = path.node.steps.split_last() else {
                return Ok(());
            };
            let parent = walk(root, parent_steps, false)
                .map_err(|why| edit_error(&path.span, &path.node, why))?;
            let removed = match (&mut parent.value, last) {
                (NodeValue::Map(entries), PathStep::Field(name)) => {
                    let before = entries.len();
                    entries.retain(|e| &e.key != name);
                    entries.len() != before
                }
                (NodeValue::Seq(items), PathStep::Index(i)) if *i < items.len() => {
                    items.remove(*i);
                    true
                }
                _ => false,
            };
            if removed {
                Ok(())
            } else {
                Err(edit_error(
                    &path.span,
                    &path.node,
                    "there is nothing there to remove",
                ))
            }
        }
    }
}

fn edit_error(span: &crate::source::Span, path: &ValuePath, why: &str) -> Diag {
    Diag::at(
        span,
        format!("cannot change `{}`: {why}", path.dotted()),
        "cannot apply",
    )
    .with_help("check the path against the profile the example starts from")
}

/// The node at `steps`, creating missing mapping keys (and one new list item at the end)
/// when `create` is set.
fn walk<'n>(
    mut node: &'n mut Node,
    steps: &[PathStep],
    create: bool,
) -> Result<&'n mut Node, &'static str> {
    for step in steps {
        if create && matches!(node.value, NodeValue::Null) {
            node.value = match step {
                PathStep::Field(_) => NodeValue::Map(Vec::new()),
                PathStep::Index(_) => NodeValue::Seq(Vec::new()),
            };
        }
        node = match (&mut node.value, step) {
            (NodeValue::Map(entries), PathStep::Field(name)) => {
                match entries.iter().position(|e| &e.key == name) {
                    Some(i) => &mut entries[i].value,
                    None if create => {
                        entries.push(MapEntry {
                            key: name.clone(),
                            key_span: 0..0,
                            value: null(),
                        });
                        &mut entries.last_mut().expect("just pushed").value
                    }
                    None => return Err("the profile has no such field"),
                }
            }
            (NodeValue::Seq(items), PathStep::Index(i)) => {
                if *i == items.len() && create {
                    items.push(null());
                }
                items
                    .get_mut(*i)
                    .ok_or("the list has no item at that index")?
            }
            (NodeValue::Seq(_), PathStep::Field(_)) => {
                return Err("that is a list; give an index such as [0]")
            }
            (_, PathStep::Index(_)) => return Err("that is not a list"),
            _ => return Err("that is a single value, not a mapping"),
        };
    }
    Ok(node)
}

fn null() -> Node {
    Node {
        value: NodeValue::Null,
        span: 0..0,
    }
}

/// One expectation that did not hold.
pub struct Failure {
    pub diag: Diag,
}

/// The result of running one example.
pub struct ExampleRun {
    pub name: String,
    pub app: Option<String>,
    pub report: Option<AppReport>,
    pub profile: Option<ProfileDocument>,
    pub failures: Vec<Failure>,
}

impl ExampleRun {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Runs an example: builds its profile, checks it against its app, compares expectations.
pub fn run_example(rules: &Rules, def: &ExampleDef) -> ExampleRun {
    let mut run = ExampleRun {
        name: def.example.name.node.clone(),
        app: def.app.clone(),
        report: None,
        profile: None,
        failures: Vec::new(),
    };
    let materialized = match materialize(rules, def) {
        Ok(m) => m,
        Err(diag) => {
            run.failures.push(Failure { diag });
            return run;
        }
    };
    let Some(app) = &def.app else {
        run.profile = Some(materialized.profile);
        return run;
    };
    let report = match rules.check(&materialized.profile, &[app.as_str()], materialized.today) {
        Ok(mut reports) => reports.remove(0),
        Err(diag) => {
            run.failures.push(Failure { diag });
            return run;
        }
    };
    for expectation in &def.example.expectations {
        if let Some(diag) = unmet(&rules.set, app, expectation, &report, &materialized.profile) {
            run.failures.push(Failure { diag });
        }
    }
    run.report = Some(report);
    run.profile = Some(materialized.profile);
    run
}

/// The full code an expectation names: `adult` in app `alipay` is `alipay/adult`.
pub fn full_code(app: &str, code: &str) -> String {
    if code.contains('/') {
        code.to_string()
    } else {
        format!("{app}/{code}")
    }
}

fn actual_summary(report: &AppReport) -> String {
    if report.findings.is_empty() {
        return "the checker found nothing".to_string();
    }
    let list: Vec<String> = report
        .findings
        .iter()
        .map(|f| {
            format!(
                "{} ({}) at {}",
                f.code,
                f.severity.as_str(),
                if f.field.is_empty() {
                    "the profile"
                } else {
                    &f.field
                }
            )
        })
        .collect();
    format!("the checker found: {}", list.join("; "))
}

fn unmet(
    rules: &RuleSet,
    app: &str,
    expectation: &Expectation,
    report: &AppReport,
    profile: &ProfileDocument,
) -> Option<Diag> {
    let span = expectation.span();
    let fail = |message: String, help: String| {
        Some(Diag::at(span, message, "expected here").with_help(help))
    };
    match expectation {
        Expectation::Verified { verified, .. } => (report.verified != *verified).then(|| {
            let word = |v: bool| if v { "verified" } else { "not verified" };
            Diag::at(
                span,
                format!(
                    "expected {}, but the profile is {}",
                    word(*verified),
                    word(report.verified)
                ),
                "expected here",
            )
            .with_help(actual_summary(report))
        }),
        Expectation::Unlocks { capabilities, .. } => {
            let mut want: Vec<&str> = capabilities.iter().map(|c| c.node.as_str()).collect();
            let mut got: Vec<&str> = report.unlocks.iter().map(String::as_str).collect();
            want.sort_unstable();
            got.sort_unstable();
            (want != got).then(|| {
                Diag::at(
                    span,
                    format!(
                        "expected the account to unlock [{}], but it unlocks [{}]",
                        want.join(", "),
                        got.join(", ")
                    ),
                    "expected here",
                )
                .with_help(actual_summary(report))
            })
        }
        Expectation::Outcome { name, applies, .. } => {
            let applied = report.applied.contains(&name.node);
            (applied != *applies).then(|| {
                let got = if report.applied.is_empty() {
                    "no outcome applies".to_string()
                } else {
                    format!("the outcomes that apply: {}", report.applied.join(", "))
                };
                Diag::at(
                    span,
                    if *applies {
                        format!("expected outcome `{}` to apply, but it does not", name.node)
                    } else {
                        format!("expected outcome `{}` not to apply, but it does", name.node)
                    },
                    "expected here",
                )
                .with_help(got)
            })
        }
        Expectation::Limit {
            name,
            amount,
            currency,
            per,
            ..
        } => {
            let found: Vec<_> = report
                .limits
                .iter()
                .filter(|l| l.name == name.node)
                .collect();
            let matches = found.iter().any(|l| {
                l.amount == amount.node && l.currency == currency.node && l.per == per.node
            });
            (!matches).then(|| {
                let got = if found.is_empty() {
                    format!("no limit `{}` applies", name.node)
                } else {
                    found
                        .iter()
                        .map(|l| format!("{} {} {} per {}", l.name, l.amount, l.currency, l.per))
                        .collect::<Vec<_>>()
                        .join("; ")
                };
                Diag::at(
                    span,
                    format!(
                        "expected limit `{}` of {} {} per {}",
                        name.node, amount.node, currency.node, per.node
                    ),
                    "expected here",
                )
                .with_help(format!("the checker gives: {got}"))
            })
        }
        Expectation::NoLimit { name, .. } => {
            let found = report.limits.iter().find(|l| l.name == name.node)?;
            Some(
                Diag::at(
                    span,
                    format!("expected no limit `{}`, but one applies", name.node),
                    "expected here",
                )
                .with_help(format!(
                    "the checker gives {} {} {} per {}",
                    found.name, found.amount, found.currency, found.per
                )),
            )
        }
        Expectation::Fix { path, value, .. } => {
            let field = path.node.dotted();
            match report.fixes.iter().find(|f| f.field == field) {
                Some(f) if f.to == value.node => None,
                Some(f) => fail(
                    format!(
                        "expected a fix setting `{field}` to \"{}\", but the fix sets \"{}\"",
                        value.node, f.to
                    ),
                    format!("fix {} changes \"{}\" to \"{}\"", f.code, f.from, f.to),
                ),
                None => fail(
                    format!("expected a fix for `{field}`, but none was offered"),
                    if report.fixes.is_empty() {
                        "no fix was offered".to_string()
                    } else {
                        format!(
                            "fixes offered: {}",
                            report
                                .fixes
                                .iter()
                                .map(|f| f.field.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    },
                ),
            }
        }
        Expectation::NoFix { .. } => (!report.fixes.is_empty()).then(|| {
            Diag::at(
                span,
                "expected no fix, but the checker offers one",
                "expected here",
            )
            .with_help(format!(
                "fixes offered: {}",
                report
                    .fixes
                    .iter()
                    .map(|f| format!("{} \"{}\" -> \"{}\"", f.field, f.from, f.to))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        }),
        Expectation::Absent { code, .. } => {
            let code = full_code(app, &code.node);
            let found = report.findings.iter().find(|f| f.code == code)?;
            let mut diag = Diag::at(
                span,
                format!(
                    "expected `{code}` not to fire, but it fired at `{}`",
                    found.field
                ),
                "expected here",
            );
            diag = diag.with_related(profile_location(
                profile,
                found.span.clone(),
                &found.message,
            ));
            Some(diag)
        }
        Expectation::Fires {
            code, at, severity, ..
        } => {
            let code = full_code(app, &code.node);
            let same_code: Vec<_> = report.findings.iter().filter(|f| f.code == code).collect();
            let want_field = at.as_ref().map(|a| a.node.dotted());
            let want_severity = severity.as_ref().and_then(|s| Severity::parse(&s.node));
            let matching = same_code.iter().find(|f| {
                want_field.as_ref().is_none_or(|w| *w == f.field)
                    && want_severity.is_none_or(|s| s == f.severity)
            });
            if matching.is_some() {
                return None;
            }
            let _ = rules;
            let mut diag = match (same_code.first(), &want_field) {
                (None, _) => Diag::at(
                    span,
                    format!("expected `{code}` to fire, but it did not"),
                    "expected here",
                )
                .with_help(actual_summary(report)),
                (Some(f), Some(w)) if *w != f.field => Diag::at(
                    span,
                    format!("expected `{code}` at `{w}`, but it fired at `{}`", f.field),
                    "expected here",
                ),
                (Some(f), _) => Diag::at(
                    span,
                    format!(
                        "expected `{code}` as {}, but it fired as {}",
                        want_severity.map_or("?", |s| s.as_str()),
                        f.severity.as_str()
                    ),
                    "expected here",
                ),
            };
            if let Some(f) = same_code.first() {
                diag = diag.with_related(profile_location(
                    profile,
                    f.span.clone(),
                    &format!("`{code}` fired here",),
                ));
            }
            Some(diag)
        }
    }
}

/// A related diagnostic pointing into the example's profile.
fn profile_location(
    profile: &ProfileDocument,
    span: Option<std::ops::Range<usize>>,
    message: &str,
) -> Diag {
    let mut diag = Diag::error(message.to_string()).with_severity(miette::Severity::Advice);
    let source: NamedSource<Arc<str>> = profile.source();
    diag.source = Some(Arc::new(source));
    if let Some(span) = span {
        diag.labels.push(LabeledSpan::new_primary_with_span(
            Some("actual".to_string()),
            span,
        ));
    }
    diag
}
