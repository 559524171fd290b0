//! The loaded profile tree -> typed records, following the schema.
//!
//! Whatever does not fit the schema becomes a finding at that value (a missing required field,
//! a date that is not a date, an unknown bank, an unknown field), never an error that stops
//! the check: the requirements can still judge everything else.

use jiff::civil::Date;

use super::finding::{Finding, FindingOrigin};
use super::value::{PField, PRecord, PVal};
use crate::compile::ir::{RecordId, RuleSet, Schema, Ty, UNREGISTERED_BANK};
use crate::profile::{ByteSpan, Node, NodeValue};
use crate::syntax::ast::Severity;
use crate::syntax::did_you_mean;

/// The typed profile with the findings typing produced.
pub struct TypedProfile {
    pub root: PRecord,
    pub findings: Vec<Finding>,
    /// Where the values of `sensitive` fields stand, for `--redact`.
    pub sensitive: Vec<ByteSpan>,
}

pub fn type_profile(rules: &RuleSet, root: &Node) -> TypedProfile {
    let mut typer = Typer {
        rules,
        findings: Vec::new(),
        sensitive: Vec::new(),
    };
    let root = typer.record(Schema::ROOT, root, "");
    TypedProfile {
        root,
        findings: typer.findings,
        sensitive: typer.sensitive,
    }
}

struct Typer<'r> {
    rules: &'r RuleSet,
    findings: Vec<Finding>,
    sensitive: Vec<ByteSpan>,
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}.{name}")
    }
}

impl Typer<'_> {
    fn finding(
        &mut self,
        code: &str,
        severity: Severity,
        field: String,
        span: Option<ByteSpan>,
        message: String,
        help: String,
    ) {
        self.findings.push(Finding {
            code: format!("profile/{code}"),
            severity,
            message,
            help: Some(help),
            field,
            span,
            missing: false,
            origin: FindingOrigin::Profile,
            sources: Vec::new(),
            note: None,
        });
    }

    fn record(&mut self, id: RecordId, node: &Node, path: &str) -> PRecord {
        let shape = self.rules.schema.record(id);
        let entries = match &node.value {
            NodeValue::Map(entries) => entries.as_slice(),
            _ => {
                let what = if path.is_empty() {
                    "The profile".to_string()
                } else {
                    format!("`{path}`")
                };
                self.finding(
                    "wrong-type",
                    Severity::Error,
                    path.to_string(),
                    Some(node.span.clone()),
                    format!("{what} should be a set of named fields (a mapping)"),
                    "write one `field: value` per line under it".into(),
                );
                &[]
            }
        };
        let mut fields = Vec::with_capacity(shape.fields.len());
        for def in &shape.fields {
            let entry = entries.iter().find(|e| e.key == def.name);
            let field_path = join(path, &def.name);
            let field = match entry {
                Some(e) if !matches!(e.value.value, NodeValue::Null) => {
                    if def.sensitive {
                        self.sensitive.push(e.value.span.clone());
                    }
                    let value = self.value(&def.ty, &e.value, &field_path, def.doc.as_deref());
                    PField {
                        value,
                        span: Some(e.value.span.clone()),
                    }
                }
                _ => {
                    if def.required {
                        let parent = if path.is_empty() {
                            "the profile".to_string()
                        } else {
                            format!("`{path}`")
                        };
                        self.findings.push(Finding {
                            code: "profile/missing".into(),
                            severity: Severity::Error,
                            message: format!(
                                "`{}` is required but missing from {parent}",
                                def.name
                            ),
                            help: Some(match &def.doc {
                                Some(doc) => format!("add `{}:` — {}", def.name, lower_first(doc)),
                                None => format!("add `{}:` to the profile", def.name),
                            }),
                            field: field_path,
                            span: Some(entry.map_or(node.span.clone(), |e| e.key_span.clone())),
                            missing: true,
                            origin: FindingOrigin::Profile,
                            sources: Vec::new(),
                            note: None,
                        });
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
                let help = match did_you_mean(&entry.key, names.iter().copied()) {
                    Some(s) => {
                        format!("did you mean `{s}`? A misspelt field is treated as missing")
                    }
                    None => format!(
                        "no rule reads it; the fields here are: {}",
                        names.join(", ")
                    ),
                };
                self.finding(
                    "unknown-field",
                    Severity::Warning,
                    join(path, &entry.key),
                    Some(entry.key_span.clone()),
                    format!("`{}` is not a field the rules know", entry.key),
                    help,
                );
            }
        }
        PRecord {
            fields: fields.into_boxed_slice(),
            span: node.span.clone(),
        }
    }

    /// `doc` is the field's `///` text, quoted in help about an unknown value.
    fn value(&mut self, ty: &Ty, node: &Node, path: &str, doc: Option<&str>) -> PVal {
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
                            value: self.value(inner, item, &format!("{path}[{i}]"), doc),
                            span: Some(item.span.clone()),
                        })
                        .collect();
                    PVal::List(typed.into_boxed_slice())
                }
                _ => {
                    self.finding(
                        "wrong-type",
                        Severity::Error,
                        path.into(),
                        span,
                        format!("`{path}` should be a list"),
                        "write each item on its own line starting with `- `".into(),
                    );
                    PVal::Invalid
                }
            },
            _ => {
                let Some(text) = scalar else {
                    self.finding(
                        "wrong-type",
                        Severity::Error,
                        path.into(),
                        span,
                        format!("`{path}` should be a single value, not a list or mapping"),
                        format!("write `{}: VALUE`", path.rsplit('.').next().unwrap_or(path)),
                    );
                    return PVal::Invalid;
                };
                self.scalar(ty, text, path, span, doc)
            }
        }
    }

    fn scalar(
        &mut self,
        ty: &Ty,
        text: &str,
        path: &str,
        span: Option<ByteSpan>,
        doc: Option<&str>,
    ) -> PVal {
        match ty {
            Ty::Text => PVal::Text(text.into()),
            Ty::Date => match text.trim().parse::<Date>() {
                Ok(d) if text.trim().len() == 10 => PVal::Date(d),
                _ => {
                    self.finding(
                        "invalid-date",
                        Severity::Error,
                        path.into(),
                        span,
                        format!("\"{text}\" is not a date"),
                        "write the date as YYYY-MM-DD, e.g. 1990-05-01".into(),
                    );
                    PVal::Invalid
                }
            },
            Ty::Bool => match text.trim() {
                "true" | "yes" => PVal::Bool(true),
                "false" | "no" => PVal::Bool(false),
                _ => {
                    self.finding(
                        "invalid-bool",
                        Severity::Error,
                        path.into(),
                        span,
                        format!("\"{text}\" is not true or false"),
                        "write `true` or `false`".into(),
                    );
                    PVal::Invalid
                }
            },
            Ty::Int => match text.trim().parse::<i64>() {
                Ok(i) => PVal::Int(i),
                Err(_) => {
                    self.finding(
                        "invalid-number",
                        Severity::Error,
                        path.into(),
                        span,
                        format!("\"{text}\" is not a whole number"),
                        "write digits only".into(),
                    );
                    PVal::Invalid
                }
            },
            Ty::Bank => match self.rules.find_bank(text) {
                Some(id) => PVal::Bank(id),
                None => {
                    let mut names: Vec<&str> = Vec::new();
                    for b in &self.rules.banks {
                        names.push(&b.code);
                        names.push(&b.name);
                        if let Some(c) = &b.chinese {
                            names.push(c);
                        }
                    }
                    let help = match did_you_mean(text, names.iter().copied()) {
                        Some(s) => format!(
                            "did you mean `{s}`? A bank outside mainland China is fine to name as it is; a Chinese bank is written by its code (CMB), English name or Chinese name (招商银行)"
                        ),
                        None => "a bank outside mainland China is fine to name as it is; a Chinese bank is written by its code (such as CMB), its English name or its Chinese name (招商银行)".into(),
                    };
                    // Not an error: cards from banks abroad are legitimate (WeChat binds
                    // international credit cards). The value is kept as a bank the registry
                    // does not know, which no whitelist contains.
                    self.finding(
                        "unknown-bank",
                        Severity::Warning,
                        path.into(),
                        span,
                        format!("\"{text}\" is not in the registry of Chinese banks"),
                        help,
                    );
                    PVal::Bank(UNREGISTERED_BANK)
                }
            },
            Ty::Country => match crate::compile::parse_country(text) {
                Some(c) => PVal::Country(c),
                None => {
                    self.finding(
                        "unknown-country",
                        Severity::Error,
                        path.into(),
                        span,
                        format!("\"{text}\" is not a country code"),
                        "write an ISO 3166 code such as CN, ZA or ZAF".into(),
                    );
                    PVal::Invalid
                }
            },
            Ty::Enum(id) => {
                let values = &self.rules.schema.enums[*id as usize].values;
                match values.iter().position(|v| v == text.trim()) {
                    Some(i) => PVal::Enum(i as u16),
                    None => {
                        let mut help = match did_you_mean(text, values.iter().map(String::as_str)) {
                            Some(s) => format!(
                                "did you mean `{s}`? The allowed values are: {}",
                                values.join(", ")
                            ),
                            None => format!("the allowed values are: {}", values.join(", ")),
                        };
                        if let Some(doc) = doc {
                            help.push_str(&format!(". This field: {doc}"));
                        }
                        self.finding(
                            "unknown-value",
                            Severity::Error,
                            path.into(),
                            span,
                            format!("\"{text}\" is not an allowed value here"),
                            help,
                        );
                        PVal::Invalid
                    }
                }
            }
            Ty::Record(_) | Ty::List(_) | Ty::Error => PVal::Invalid,
        }
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
