//! The loaded profile tree -> typed records, following the schema.
//!
//! Whatever does not fit the schema becomes a finding at that value (a missing required field,
//! a date that is not a date, an unknown bank, an unknown field), never an error that stops
//! the check: the requirements can still judge everything else.
//!
//! How each scalar is read (normalised, matched, what is reported about how it was typed) is
//! defined once in [`super::normalize`]; this module applies it per field kind and turns what it
//! says into findings and fixes.

use super::finding::{Finding, FindingOrigin, FixProposal, MaskedTexts};
use super::normalize;
use super::profile_path::ProfilePath;
use super::value::{PField, PRecord, PVal};
use crate::code::ProfileCode;
use crate::compile::ir::{RecordId, RuleSet, Schema, Ty, UNREGISTERED_BANK};
use crate::compile::types::ScalarType;
use crate::profile::{ByteSpan, Node, NodeValue};
use crate::syntax::ast::Severity;
use crate::text::did_you_mean;

/// The typed profile with the findings typing produced.
pub struct TypedProfile<'t> {
    pub root: PRecord<'t>,
    pub findings: Vec<Finding>,
    /// Where the values of `sensitive` fields stand, for `--redact`.
    pub sensitive: Vec<ByteSpan>,
    /// Changes the checker proposes to the profile itself, whatever the app (rewriting a value
    /// typed with look-alike characters, for example).
    pub fixes: Vec<FixProposal>,
}

pub fn type_profile<'t>(rules: &RuleSet, root: &'t Node) -> TypedProfile<'t> {
    let mut typer = Typer {
        rules,
        findings: Vec::new(),
        sensitive: Vec::new(),
        fixes: Vec::new(),
    };
    let root = typer.record(Schema::ROOT, root, ProfilePath::Root);
    TypedProfile {
        root,
        findings: typer.findings,
        sensitive: typer.sensitive,
        fixes: typer.fixes,
    }
}

/// A problem with one value of the profile, in the checker's general words.
struct Problem {
    code: ProfileCode,
    severity: Severity,
    field: String,
    span: Option<ByteSpan>,
    message: String,
    help: String,
    /// The value as typed, when the problem is about one text: a `{value}` in the rules'
    /// words shows it (otherwise the field's name).
    typed: Option<String>,
    /// What "did you mean" suggests, kept in front of the rules' help.
    suggestion: Option<String>,
    /// Whether the field is `sensitive`: the value is masked under `--redact`.
    sensitive: bool,
    /// Whether the field is absent (not merely empty): a fix cannot rewrite it in place.
    missing: bool,
}

impl Problem {
    fn new(
        code: ProfileCode,
        severity: Severity,
        field: String,
        span: Option<ByteSpan>,
        message: String,
        help: String,
    ) -> Self {
        Problem {
            code,
            severity,
            field,
            span,
            message,
            help,
            typed: None,
            suggestion: None,
            sensitive: false,
            missing: false,
        }
    }

    /// About the value `typed` of a field that is `sensitive` or not.
    fn typed(mut self, typed: &str, sensitive: bool) -> Self {
        self.typed = Some(typed.to_string());
        self.sensitive = sensitive;
        self
    }

    fn suggesting(mut self, suggestion: Option<&str>) -> Self {
        self.suggestion = suggestion.map(str::to_string);
        self
    }
}

struct Typer<'r> {
    rules: &'r RuleSet,
    findings: Vec<Finding>,
    sensitive: Vec<ByteSpan>,
    fixes: Vec<FixProposal>,
}

/// What the schema says about the field a value is typed for. Items of a list take the list
/// field's.
#[derive(Clone, Copy)]
struct FieldInfo<'d> {
    /// The field's name (the last part of its path).
    name: &'d str,
    /// Its `///` text, quoted in help.
    doc: Option<&'d str>,
    required: bool,
    sensitive: bool,
    /// The scalar type its values are read as (see the table in `compile::types`).
    scalar: Option<ScalarType>,
}

impl Typer<'_> {
    /// Reports a problem, in the rules' words when they give them (`problem CODE { ... }`):
    /// their severity, their message and help with `{value}` filled in, and "did you mean"
    /// kept in front of their help. A sensitive value gets masked copies for `--redact`.
    fn finding(&mut self, problem: Problem) {
        let Problem {
            code,
            mut severity,
            field,
            span,
            mut message,
            mut help,
            typed,
            suggestion,
            sensitive,
            missing,
        } = problem;
        let words = self.rules.problem(code);
        if let Some(words) = words {
            let value = typed.as_deref().unwrap_or(&field);
            severity = words.severity.unwrap_or(severity);
            if let Some(text) = &words.message {
                message = text.fill(value);
            }
            if let Some(text) = &words.help {
                help = match &suggestion {
                    Some(s) => format!("did you mean `{s}`? {}", upper_first(&text.fill(value))),
                    None => text.fill(value),
                };
            }
        }
        let masked = match &typed {
            Some(value) if sensitive && !value.is_empty() => {
                let hidden = super::mask::mask(value);
                Some(Box::new(MaskedTexts {
                    message: message.replace(value.as_str(), &hidden),
                    help: Some(help.replace(value.as_str(), &hidden)),
                }))
            }
            _ => None,
        };
        self.findings.push(Finding {
            code: code.into(),
            severity,
            message,
            help: Some(help),
            field,
            span,
            missing,
            origin: FindingOrigin::Profile,
            sources: words.map_or_else(Vec::new, |w| w.sources.clone()),
            note: None,
            masked,
        });
    }

    fn record<'t>(&mut self, id: RecordId, node: &'t Node, path: ProfilePath<'_>) -> PRecord<'t> {
        let shape = self.rules.schema.record(id);
        let entries = match &node.value {
            NodeValue::Map(entries) => entries.as_slice(),
            _ => {
                let what = if path.is_root() {
                    "The profile".to_string()
                } else {
                    format!("`{path}`")
                };
                self.finding(Problem::new(
                    ProfileCode::WrongType,
                    Severity::Error,
                    path.to_string(),
                    Some(node.span.clone()),
                    format!("{what} should be a set of named fields (a mapping)"),
                    "write one `field: value` per line under it".into(),
                ));
                &[]
            }
        };
        let mut fields = Vec::with_capacity(shape.fields.len());
        for def in &shape.fields {
            let entry = entries.iter().find(|e| e.key == def.name);
            let field_path = path.field(&def.name);
            let field = match entry {
                Some(e) if !matches!(e.value.value, NodeValue::Null) => {
                    if def.sensitive {
                        self.sensitive.push(e.value.span.clone());
                    }
                    let info = FieldInfo {
                        name: &def.name,
                        doc: def.doc.as_deref(),
                        required: def.required,
                        sensitive: def.sensitive,
                        scalar: def.scalar,
                    };
                    let value = self.value(&def.ty, &e.value, field_path, info);
                    PField {
                        value,
                        span: Some(e.value.span.clone()),
                    }
                }
                _ => {
                    if def.required {
                        let parent = if path.is_root() {
                            "the profile".to_string()
                        } else {
                            format!("`{path}`")
                        };
                        let mut problem = Problem::new(
                            ProfileCode::Missing,
                            Severity::Error,
                            field_path.to_string(),
                            Some(entry.map_or(node.span.clone(), |e| e.key_span.clone())),
                            format!("`{}` is required but missing from {parent}", def.name),
                            match &def.doc {
                                Some(doc) => format!("add `{}:` — {}", def.name, lower_first(doc)),
                                None => format!("add `{}:` to the profile", def.name),
                            },
                        );
                        problem.missing = true;
                        self.finding(problem);
                    }
                    // A missing required field is already reported, so it reads as a reported unknown;
                    // a missing optional one is for the requirements to judge.
                    let value = if def.required {
                        PVal::Invalid
                    } else {
                        PVal::Missing
                    };
                    PField { value, span: None }
                }
            };
            fields.push(field);
        }
        for entry in entries {
            if shape.field_index(&entry.key).is_none() {
                let names: Vec<&str> = shape.fields.iter().map(|f| f.name.as_str()).collect();
                let suggestion = did_you_mean(&entry.key, names.iter().copied());
                let help = match suggestion {
                    Some(s) => {
                        format!("did you mean `{s}`? A misspelt field is treated as missing")
                    }
                    None => format!(
                        "no rule reads it; the fields here are: {}",
                        names.join(", ")
                    ),
                };
                self.finding(
                    Problem::new(
                        ProfileCode::UnknownField,
                        Severity::Warning,
                        path.field(&entry.key).to_string(),
                        Some(entry.key_span.clone()),
                        format!("`{}` is not a field the rules know", entry.key),
                        help,
                    )
                    .typed(&entry.key, false)
                    .suggesting(suggestion),
                );
            }
        }
        PRecord {
            fields: fields.into_boxed_slice(),
            span: node.span.clone(),
        }
    }

    fn value<'t>(
        &mut self,
        ty: &Ty,
        node: &'t Node,
        path: ProfilePath<'_>,
        info: FieldInfo<'_>,
    ) -> PVal<'t> {
        let scalar = match &node.value {
            NodeValue::Scalar { text, .. } => Some(text.as_str()),
            _ => None,
        };
        let span = Some(node.span.clone());
        match ty {
            Ty::Record(id) => PVal::Record(self.record(*id, node, path)),
            Ty::List(inner) => match &node.value {
                NodeValue::Seq(items) => {
                    let typed: Vec<PField> = items
                        .iter()
                        .enumerate()
                        .map(|(i, item)| PField {
                            value: self.value(inner, item, path.item(i), info),
                            span: Some(item.span.clone()),
                        })
                        .collect();
                    PVal::List(typed.into_boxed_slice())
                }
                _ => {
                    self.finding(Problem::new(
                        ProfileCode::WrongType,
                        Severity::Error,
                        path.to_string(),
                        span,
                        format!("`{path}` should be a list"),
                        "write each item on its own line starting with `- `".into(),
                    ));
                    PVal::Invalid
                }
            },
            _ => {
                let Some(text) = scalar else {
                    self.finding(Problem::new(
                        ProfileCode::WrongType,
                        Severity::Error,
                        path.to_string(),
                        span,
                        format!("`{path}` should be a single value, not a list or mapping"),
                        format!("write `{}: VALUE`", path.last_name()),
                    ));
                    return PVal::Invalid;
                };
                self.scalar(ty, text, path, span, info)
            }
        }
    }

    fn scalar<'t>(
        &mut self,
        ty: &Ty,
        text: &'t str,
        path: ProfilePath<'_>,
        span: Option<ByteSpan>,
        info: FieldInfo<'_>,
    ) -> PVal<'t> {
        // Every kind reads the text through `normalize`; messages quote `text`, as typed.
        if normalize::is_blank(text) {
            return self.blank(text, path, span, info);
        }
        match (ty, info.scalar) {
            (_, Some(ScalarType::Text)) => self.text(text, path, span, info),
            (_, Some(ScalarType::Bank)) => match normalize::bank(self.rules, text) {
                Some(id) => PVal::Bank(id),
                None => {
                    let mut names: Vec<&str> = Vec::new();
                    for b in &self.rules.banks {
                        names.push(&b.code);
                        names.push(&b.name);
                        if let Some(c) = &b.local_name {
                            names.push(c);
                        }
                    }
                    let typed = normalize::normalize(text);
                    let suggestion = did_you_mean(typed.trim(), names.iter().copied());
                    let help = match suggestion {
                        Some(s) => format!("did you mean `{s}`? The registry knows a bank by its code, its name or its local name"),
                        None => "write the bank as the registry knows it: by its code, its name or its local name".into(),
                    };
                    // The value is kept as a bank the registry does not know, which no set
                    // contains; how grave that is, and what to say, the rules decide
                    // (`problem profile/unknown-bank` in rules/profile.rules).
                    self.finding(
                        Problem::new(
                            ProfileCode::UnknownBank,
                            Severity::Error,
                            path.to_string(),
                            span,
                            format!("\"{text}\" is not a bank of the registry"),
                            help,
                        )
                        .typed(text, info.sensitive)
                        .suggesting(suggestion),
                    );
                    PVal::Bank(UNREGISTERED_BANK)
                }
            },
            (Ty::Enum(id), _) => {
                let values = &self.rules.schema.enums[*id as usize].values;
                match normalize::enum_value(text, values) {
                    Some(i) => PVal::Enum(i as u16),
                    None => {
                        let key = normalize::enum_key(text);
                        let suggestion = did_you_mean(&key, values.iter().map(String::as_str));
                        let mut help = match suggestion {
                            Some(s) => format!(
                                "did you mean `{s}`? The allowed values are: {}",
                                values.join(", ")
                            ),
                            None => format!("the allowed values are: {}", values.join(", ")),
                        };
                        if let Some(doc) = info.doc {
                            help.push_str(&format!(". This field: {doc}"));
                        }
                        self.finding(
                            Problem::new(
                                ProfileCode::UnknownValue,
                                Severity::Error,
                                path.to_string(),
                                span,
                                format!("\"{text}\" is not an allowed value here"),
                                help,
                            )
                            .typed(text, info.sensitive)
                            .suggesting(suggestion),
                        );
                        PVal::Invalid
                    }
                }
            }
            (_, Some(scalar)) => match normalize::scalar(self.rules, scalar, text) {
                Some(value) => value,
                None => self.invalid(scalar, text, path, span, info.sensitive),
            },
            (_, None) => PVal::Invalid,
        }
    }

    /// A value that does not read as its scalar type: the finding of the type's row in the
    /// table (`compile::types::SCALARS`), quoting the value as typed.
    fn invalid(
        &mut self,
        scalar: ScalarType,
        text: &str,
        path: ProfilePath<'_>,
        span: Option<ByteSpan>,
        sensitive: bool,
    ) -> PVal<'static> {
        if let Some(invalid) = &scalar.info().invalid {
            self.finding(
                Problem::new(
                    invalid.code,
                    Severity::Error,
                    path.to_string(),
                    span,
                    format!("\"{text}\" is not {}", invalid.expected),
                    invalid.help.into(),
                )
                .typed(text, sensitive),
            );
        }
        PVal::Invalid
    }

    /// An empty or blank value (`""`, `" "`, a no-break space alone), of any kind.
    ///
    /// The brief for text fields, applied to every kind so that one rule covers all of them:
    /// `expiry_date: ""` is as empty as `name: ""`, and "`expiry_date` is required but empty"
    /// says more than "\"\" is not a date". An optional field is as if absent (for the
    /// requirements to judge, nothing to report). A required one gets the finding of an
    /// absent required field, at the value that was typed (so `missing` stays false: the value
    /// is there, and a fix could only replace it), and is a reported unknown, so no requirement
    /// judges it and no fix builds on it (an empty passport number padded to 00000000).
    fn blank(
        &mut self,
        typed: &str,
        path: ProfilePath<'_>,
        span: Option<ByteSpan>,
        info: FieldInfo<'_>,
    ) -> PVal<'static> {
        if !info.required {
            return PVal::Missing;
        }
        let what = if typed.is_empty() {
            "empty"
        } else if typed.chars().any(normalize::is_invisible) {
            "empty: it holds only spaces and invisible characters"
        } else {
            "empty: it holds only spaces"
        };
        self.finding(Problem::new(
            ProfileCode::Missing,
            Severity::Error,
            path.to_string(),
            span,
            format!("`{}` is required but {what}", info.name),
            match info.doc {
                Some(doc) => format!("fill in `{}` — {}", info.name, lower_first(doc)),
                None => format!("fill in `{}`", info.name),
            },
        ));
        PVal::Invalid
    }

    /// A free text value (not blank): normalised for the rules; look-alike characters are a
    /// warning with a fix (see [`normalize::text`]).
    fn text<'t>(
        &mut self,
        typed: &'t str,
        path: ProfilePath<'_>,
        span: Option<ByteSpan>,
        info: FieldInfo<'_>,
    ) -> PVal<'t> {
        let read = normalize::text(typed);
        if !read.look_alikes.is_empty() {
            // The value is understood, so the rules judge the ordinary text; but the app's form
            // compares characters, so the applicant hears of it and gets the plain text to use.
            // The message names the kinds of character, never the value (it may be sensitive).
            self.finding(Problem::new(
                ProfileCode::LookAlikeCharacters,
                Severity::Warning,
                path.to_string(),
                span.clone(),
                format!(
                    "`{path}` contains look-alike characters: {}. The app compares characters, not how they look, and may refuse the value",
                    normalize::describe_all(&read.look_alikes)
                ),
                "retype it with ordinary characters, or run `realname check --fix`".into(),
            ).typed(typed, info.sensitive));
            self.fixes.push(FixProposal {
                code: ProfileCode::LookAlikeCharacters.into(),
                message: format!("Retype `{path}` with ordinary characters"),
                field: path.to_string(),
                span,
                from: typed.into(),
                to: read.value.to_string(),
                sensitive: info.sensitive,
            });
        }
        PVal::Text(read.value)
    }
}

fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
