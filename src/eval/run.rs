//! Running an app's program: requirements, `when` and `for` blocks, fixes, then outcomes.

use jiff::civil::Date;

use super::expr::{pval, Evaluator, LocalItem};
use super::finding::*;
use super::typing::TypedProfile;
use super::value::{PVal, Val};
use crate::compile::ir::*;
use crate::profile::ByteSpan;
use crate::syntax::ast::{ForKind, Severity};

/// What running a block produced.
#[derive(Default)]
struct Produced {
    findings: Vec<Finding>,
    fixes: Vec<FixProposal>,
    exercised: Vec<Exercised>,
    /// A requirement could not be judged because the value it reads is invalid or a required
    /// value is missing (already reported): the item cannot count as qualifying.
    blocked: bool,
}

pub fn check_app(rules: &RuleSet, app: &App, profile: &TypedProfile<'_>, today: Date) -> AppReport {
    let mut ev = Evaluator::new(rules, &profile.root, today, app.locals);
    let mut out = Produced {
        findings: profile.findings.clone(),
        exercised: vec![Exercised::default(); app.requirements.len()],
        ..Produced::default()
    };
    run(&mut ev, app, &app.program, &mut out);

    let verified = !out.findings.iter().any(|f| f.severity == Severity::Error);
    ev.verified = Some(verified);
    let mut unlocked = vec![false; rules.capabilities.len()];
    let mut limits = Vec::new();
    let mut outcomes = Vec::new();
    let mut applied = Vec::new();
    for outcome in &app.outcomes {
        if !outcome.period.contains(today) {
            continue;
        }
        let applies = match &outcome.when {
            None => true,
            Some(cond) => ev.eval(cond) == Val::Bool(true),
        };
        if !applies {
            continue;
        }
        for &cap in &outcome.unlocks {
            unlocked[cap] = true;
        }
        limits.extend(
            outcome
                .limits
                .iter()
                .filter(|l| l.period.contains(today))
                .map(|l| LimitReport {
                    name: l.name.clone(),
                    amount: l.amount,
                    currency: l.currency.clone(),
                    per: l.per.clone(),
                }),
        );
        if let Some(m) = &outcome.message {
            outcomes.push(m.clone());
        }
        applied.push(outcome.name.clone());
    }
    let unlocks = rules
        .capabilities
        .iter()
        .zip(&unlocked)
        .filter(|(_, on)| **on)
        .map(|(c, _)| c.name.clone())
        .collect();
    // One fix per field. A rule's fix comes first: it is computed from the normalised value, so
    // it also repairs look-alike characters, which the profile's own fix would only retype.
    let mut fixes: Vec<FixProposal> = Vec::new();
    for fix in out.fixes.into_iter().chain(profile.fixes.iter().cloned()) {
        if !fixes.iter().any(|f| f.field == fix.field) {
            fixes.push(fix);
        }
    }
    AppReport {
        app: app.id.clone(),
        title: app.title.clone(),
        verified,
        unlocks,
        limits,
        outcomes,
        applied,
        findings: out.findings,
        fixes,
        exercised: out.exercised,
        sensitive: profile.sensitive.clone(),
    }
}

fn run<'a>(ev: &mut Evaluator<'a>, app: &'a App, steps: &'a [Step], out: &mut Produced) {
    for step in steps {
        match step {
            Step::Requirement(id) => requirement(ev, app, *id, out),
            Step::Fix(id) => fix(ev, app, *id, out),
            Step::When { condition, body } => match ev.eval(condition) {
                Val::Bool(true) => run(ev, app, body, out),
                // Whether the block applies cannot be known because of a value already
                // reported: as with a requirement's own `when`, the item cannot qualify.
                Val::Unknown { reported: true } => out.blocked = true,
                _ => {}
            },
            Step::For {
                kind,
                slot,
                list,
                body,
            } => for_block(ev, app, *kind, *slot, list, body, out),
        }
    }
}

fn requirement<'a>(ev: &mut Evaluator<'a>, app: &'a App, id: usize, out: &mut Produced) {
    let req = &app.requirements[id];
    if !req.period.contains(ev.today) {
        return;
    }
    if let Some(when) = &req.when {
        match ev.eval(when) {
            Val::Bool(true) => {}
            Val::Unknown { reported: true } => {
                // Whether it applies cannot be known because of a value already reported.
                if req.severity == Severity::Error {
                    out.blocked = true;
                }
                return;
            }
            _ => return,
        }
    }
    match ev.eval(&req.require) {
        Val::Bool(true) => {
            if let Some(e) = out.exercised.get_mut(id) {
                e.passed = true;
            }
        }
        Val::Unknown { reported: true } => {
            if req.severity == Severity::Error {
                out.blocked = true;
            }
        }
        _ => {
            if let Some(e) = out.exercised.get_mut(id) {
                e.failed = true;
            }
            let (field, span, missing) = locate(ev, &req.at);
            let fix = req.fix.and_then(|f| propose(ev, app, f));
            let message = match &req.message_template {
                Some(t) => fill(ev, t, false),
                None => req.message.clone(),
            };
            let help = match &req.help_template {
                Some(t) => Some(fill(ev, t, false)),
                None => req.help.clone(),
            };
            // The same texts with sensitive values masked, when they show any.
            let shows_sensitive = |t: &Option<Template>| {
                t.as_ref().is_some_and(|t| {
                    t.parts.iter().any(|p| {
                        matches!(
                            p,
                            TemplatePart::Value {
                                sensitive: true,
                                ..
                            }
                        )
                    })
                })
            };
            let masked = (shows_sensitive(&req.message_template)
                || shows_sensitive(&req.help_template))
            .then(|| {
                Box::new(MaskedTexts {
                    message: match &req.message_template {
                        Some(t) => fill(ev, t, true),
                        None => message.clone(),
                    },
                    help: match &req.help_template {
                        Some(t) => Some(fill(ev, t, true)),
                        None => help.clone(),
                    },
                })
            });
            out.findings.push(Finding {
                code: req.code.clone(),
                severity: req.severity,
                message,
                help,
                field,
                span,
                missing,
                origin: FindingOrigin::Requirement(id),
                sources: req.sources.clone(),
                note: None,
                masked,
            });
            if let Some(fix) = fix {
                out.fixes.push(fix);
            }
        }
    }
}

fn fix<'a>(ev: &mut Evaluator<'a>, app: &'a App, id: usize, out: &mut Produced) {
    if let Some(proposal) = propose(ev, app, id) {
        out.fixes.push(proposal);
    }
}

/// The change a fix would make now, if its condition holds and the value would change.
fn propose<'a>(ev: &mut Evaluator<'a>, app: &'a App, id: usize) -> Option<FixProposal> {
    let fix = &app.fixes[id];
    if !fix.period.contains(ev.today) {
        return None;
    }
    if let Some(when) = &fix.when {
        if ev.eval(when) != Val::Bool(true) {
            return None;
        }
    }
    let Val::Text(current) = ev.load(&fix.target) else {
        return None;
    };
    // A fix changes what the applicant typed; it never invents a value that is not there.
    if current.trim().is_empty() {
        return None;
    }
    let Val::Text(new) = ev.eval(&fix.value) else {
        return None;
    };
    if current == new {
        return None;
    }
    let (field, span, _) = locate(ev, &fix.target);
    let sensitive = field_def(ev, &fix.target).is_some_and(|d| d.sensitive);
    Some(FixProposal {
        code: fix.code.clone(),
        message: fix.message.clone(),
        field,
        span,
        from: current.into_owned(),
        to: new.into_owned(),
        sensitive,
    })
}

fn for_block<'a>(
    ev: &mut Evaluator<'a>,
    app: &'a App,
    kind: ForKind,
    slot: u16,
    list: &'a FieldPath,
    body: &'a [Step],
    out: &mut Produced,
) {
    let Ok((field, ty)) = ev.field(list) else {
        return;
    };
    let (PVal::List(items), Ty::List(item_ty)) = (&field.value, ty) else {
        return;
    };
    let saved = ev.locals[slot as usize];
    let mut per_item: Vec<Produced> = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        ev.locals[slot as usize] = Some(LocalItem {
            field: item,
            ty: item_ty,
            list,
            index,
        });
        let mut produced = Produced {
            exercised: std::mem::take(&mut out.exercised),
            ..Produced::default()
        };
        run(ev, app, body, &mut produced);
        out.exercised = std::mem::take(&mut produced.exercised);
        per_item.push(produced);
    }
    ev.locals[slot as usize] = saved;
    let qualifying = per_item
        .iter()
        .position(|p| !p.blocked && !p.findings.iter().any(|f| f.severity == Severity::Error));
    let qualifying_name = qualifying.map(|i| item_path(ev, list, i));
    if let (ForKind::Some, Some(good), Some(good_index)) = (kind, &qualifying_name, qualifying) {
        // Profile problems inside the other items (an unknown value on a second card) no
        // longer block either: one good item is enough.
        let (list_prefix, _, _) = locate(ev, list);
        for finding in out.findings.iter_mut() {
            if finding.origin != FindingOrigin::Profile || finding.severity != Severity::Error {
                continue;
            }
            let Some(rest) = finding
                .field
                .strip_prefix(list_prefix.as_str())
                .and_then(|r| r.strip_prefix('['))
            else {
                continue;
            };
            let index: Option<usize> = rest.split(']').next().and_then(|i| i.parse().ok());
            if index.is_some_and(|i| i != good_index) {
                finding.severity = Severity::Warning;
                finding.note = Some(format!(
                    "{good} meets every requirement, so this one is not needed to verify"
                ));
            }
        }
    }
    for produced in per_item {
        let item_fails = produced.blocked
            || produced
                .findings
                .iter()
                .any(|f| f.severity == Severity::Error);
        for mut finding in produced.findings {
            if kind == ForKind::Some && item_fails && finding.severity == Severity::Error {
                if let Some(good) = &qualifying_name {
                    // One good item is enough: the others' problems no longer block.
                    finding.severity = Severity::Warning;
                    finding.note = Some(format!(
                        "{good} meets every requirement, so this one is not needed to verify"
                    ));
                }
            }
            out.findings.push(finding);
        }
        out.fixes.extend(produced.fixes);
        if kind == ForKind::Every && produced.blocked {
            out.blocked = true;
        }
    }
    if kind == ForKind::Some && qualifying.is_none() && !items.is_empty() {
        out.blocked |= !out.findings.iter().any(|f| f.severity == Severity::Error);
    }
}

/// A message or help text with its `{...}` values filled in; `masked` masks the sensitive
/// ones (for `--redact`).
pub fn fill<'a>(ev: &mut Evaluator<'a>, template: &'a Template, masked: bool) -> String {
    let mut out = String::new();
    for part in template.parts.iter() {
        match part {
            TemplatePart::Text(t) => out.push_str(t),
            TemplatePart::Value { ex, sensitive } => {
                let shown = show(ev.rules, &ev.eval(ex));
                if masked && *sensitive {
                    out.push_str(&super::mask::mask_text(&shown));
                } else {
                    out.push_str(&shown);
                }
            }
        }
    }
    out
}

/// A value as a message shows it to a person.
fn show(rules: &RuleSet, value: &Val<'_>) -> String {
    match value {
        Val::Text(t) => t.to_string(),
        Val::Int(i) => i.to_string(),
        Val::Date(d) => d.to_string(),
        Val::Bool(true) => "yes".into(),
        Val::Bool(false) => "no".into(),
        Val::Bank(id) => rules
            .banks
            .get(*id as usize)
            .map_or_else(|| "a bank not in the registry".into(), |b| b.name.clone()),
        Val::Enum(id, i) => rules.schema.enums[*id as usize].values[*i as usize].clone(),
        Val::Country(c) => String::from_utf8_lossy(c).into_owned(),
        Val::Unknown { .. } | Val::Record(_) | Val::List(_) => "(not known)".into(),
    }
}

/// The dotted path of an item: `bank_cards[1]`.
fn item_path(ev: &Evaluator<'_>, list: &FieldPath, index: usize) -> String {
    let (path, _, _) = locate(ev, list);
    format!("{path}[{index}]")
}

/// The dotted path, profile position and absence of the value a field path points at.
/// A missing value is located at its closest present parent.
pub fn locate(ev: &Evaluator<'_>, fp: &FieldPath) -> (String, Option<ByteSpan>, bool) {
    let (mut path, mut span, mut record, mut ty): (
        String,
        Option<ByteSpan>,
        Option<&super::value::PRecord<'_>>,
        &Ty,
    ) = match fp.base {
        Base::Root => (
            String::new(),
            Some(ev.root.span.clone()),
            Some(ev.root),
            &ROOT,
        ),
        Base::Local(slot) => match &ev.locals[slot as usize] {
            Some(item) => {
                let (list_path, _, _) = locate(ev, item.list);
                let record = match &item.field.value {
                    PVal::Record(r) => Some(r),
                    _ => None,
                };
                (
                    format!("{list_path}[{}]", item.index),
                    item.field.span.clone(),
                    record,
                    item.ty,
                )
            }
            None => (String::new(), None, None, &ROOT),
        },
    };
    let mut missing = false;
    for &index in fp.fields.iter() {
        let Ty::Record(id) = ty else { break };
        let def = &ev.rules.schema.records[*id as usize].fields[index as usize];
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(&def.name);
        ty = &def.ty;
        match record.map(|r| &r.fields[index as usize]) {
            Some(field) if field.span.is_some() && !missing => {
                span = field.span.clone();
                record = match &field.value {
                    PVal::Record(r) => Some(r),
                    _ => None,
                };
            }
            _ => {
                missing = true;
                record = None;
            }
        }
    }
    let _ = pval;
    (path, span, missing)
}

static ROOT: Ty = Ty::Record(Schema::ROOT);

/// The schema declaration of the field a path ends at.
fn field_def<'a>(ev: &Evaluator<'a>, fp: &FieldPath) -> Option<&'a FieldDef> {
    let mut ty: &Ty = match fp.base {
        Base::Root => &ROOT,
        Base::Local(slot) => ev.locals[slot as usize].as_ref()?.ty,
    };
    let mut def = None;
    for &index in fp.fields.iter() {
        let Ty::Record(id) = ty else { return None };
        let d = &ev.rules.schema.records[*id as usize].fields[index as usize];
        ty = &d.ty;
        def = Some(d);
    }
    def
}
