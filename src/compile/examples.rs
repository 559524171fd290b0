//! Examples: names resolved and expectations checked against the rules, so a typo in an
//! example is a compile error, not a silently passing test.

use super::{duplicate, unknown, Compiler};
use crate::code::{Code, ProfileCode};
use crate::diagnostic::Diag;
use crate::syntax::ast::{ExampleProfile, Expectation, Severity};

/// Why an example's profile file name could lead outside the rules folder, if it could: an
/// absolute path, a Windows drive or share, or a `..` step (on any platform, with either
/// slash).
pub fn outside_rules_folder(relative: &str) -> Option<&'static str> {
    let mut chars = relative.chars();
    let drive = matches!(
        (chars.next(), chars.next()),
        (Some(letter), Some(':')) if letter.is_ascii_alphabetic()
    );
    if relative.starts_with(['/', '\\']) || std::path::Path::new(relative).has_root() {
        Some("it is an absolute path")
    } else if drive {
        Some("it starts with a drive letter")
    } else if relative.split(['/', '\\']).any(|step| step == "..") {
        Some("it goes up out of the folder with `..`")
    } else {
        None
    }
}

impl Compiler {
    pub(crate) fn check_examples(&mut self) {
        let examples = self.examples.clone();
        for (i, def) in examples.iter().enumerate() {
            let ex = &def.example;
            if let Some(prev) = examples[..i]
                .iter()
                .find(|e| e.example.name.node == ex.name.node)
            {
                let diag = duplicate(&ex.name, "example", &prev.example.name.span);
                self.error(diag);
            }
            match (&ex.profile, &ex.from) {
                (Some(_), Some(from)) => self.error(
                    Diag::at(&from.span, "an example takes its profile either from `profile` or from `from`, not both", "second profile")
                        .with_help("keep `from` and change values with `set`, or keep `profile`"),
                ),
                (None, None) => self.error(
                    Diag::at(&ex.name.span, format!("example `{}` has no profile", ex.name.node), "no profile")
                        .with_help("add `profile \"\"\" ... \"\"\"`, `profile file \"NAME.yaml\"`, or `from OTHER_EXAMPLE`"),
                ),
                (None, Some(from)) => {
                    if !examples.iter().any(|e| e.example.name.node == from.node) {
                        let names: Vec<&str> = examples.iter().map(|e| e.example.name.node.as_str()).collect();
                        let diag = unknown(&from.node, &from.span, "example", &names);
                        self.error(diag);
                    } else if from.node == ex.name.node {
                        self.error(Diag::at(&from.span, "an example cannot start from itself", "itself"));
                    }
                }
                (Some(ExampleProfile::File(f)), None) => {
                    if let Some(why) = outside_rules_folder(&f.node) {
                        self.error(
                            Diag::at(&f.span, format!("an example's profile file must be inside the rules folder, and {why}"), "outside")
                                .with_help("put the profile next to the rule files and name it relative to them, without `..`"),
                        );
                    }
                }
                _ => {}
            }
            if let Some(today) = &ex.today {
                if today.node.parse::<jiff::civil::Date>().is_err() {
                    self.error(Diag::at(
                        &today.span,
                        format!("`{}` is not a calendar date", today.node),
                        "not a date",
                    ));
                }
            }
            let app = def
                .app
                .as_ref()
                .and_then(|id| self.apps.iter().position(|a| &a.id == id));
            if let (Some(named), None) = (&ex.app, app) {
                let ids: Vec<&str> = self.apps.iter().map(|a| a.id.as_str()).collect();
                let diag = unknown(&named.node, &named.span, "app", &ids);
                self.error(diag);
                continue;
            }
            if app.is_none() && !ex.expectations.is_empty() {
                self.error(
                    Diag::at(ex.expectations[0].span(), "only an example inside an app can expect results", "no app to check")
                        .with_help("move the example into the app it tests; a top-level example only shares a profile"),
                );
                continue;
            }
            for expectation in &ex.expectations {
                match expectation {
                    Expectation::Unlocks { capabilities, .. } => {
                        for cap in capabilities {
                            if !self.capabilities.iter().any(|c| c.name == cap.node) {
                                let known: Vec<&str> =
                                    self.capabilities.iter().map(|c| c.name.as_str()).collect();
                                let diag = unknown(&cap.node, &cap.span, "capability", &known);
                                self.error(diag);
                            }
                        }
                    }
                    Expectation::Absent { code, .. } | Expectation::Fires { code, .. } => {
                        let app = &self.apps[app.expect("checked above")];
                        let app_id_here = app.id.clone();
                        let requirement_names: Vec<String> =
                            app.requirements.iter().map(|r| r.name.clone()).collect();
                        let ok = match code.node.split_once('/') {
                            Some(("profile", _)) => {
                                ProfileCode::parse(&code.node).is_some_and(ProfileCode::is_finding)
                            }
                            Some((app_id, _)) if app_id != app_id_here => {
                                self.error(
                                    Diag::at(&code.span, format!("this example checks app `{app_id_here}`, so it never sees findings of `{app_id}`"), "other app")
                                        .with_help(format!("write the expectation in an example for `{app_id}`, or name a requirement of `{app_id_here}`"))
                                        .with_code(Code::UnknownName),
                                );
                                true
                            }
                            Some((_, name)) => requirement_names.iter().any(|r| r == name),
                            None => requirement_names.contains(&code.node),
                        };
                        if !ok {
                            let mut known = requirement_names.clone();
                            known.extend(ProfileCode::FINDINGS.iter().map(|c| c.to_string()));
                            let refs: Vec<&str> = known.iter().map(String::as_str).collect();
                            let diag = unknown(&code.node, &code.span, "requirement", &refs);
                            self.error(diag);
                        }
                        if let Expectation::Fires {
                            severity: Some(s), ..
                        } = expectation
                        {
                            if Severity::parse(&s.node).is_none() {
                                let diag = unknown(&s.node, &s.span, "severity", &Severity::NAMES);
                                self.error(diag);
                            }
                        }
                    }
                    Expectation::Outcome { name, .. } => {
                        let app = &self.apps[app.expect("checked above")];
                        if !app.outcomes.iter().any(|o| o.name == name.node) {
                            let known: Vec<&str> =
                                app.outcomes.iter().map(|o| o.name.as_str()).collect();
                            let diag = unknown(&name.node, &name.span, "outcome", &known);
                            self.error(diag);
                        }
                    }
                    Expectation::Limit { name, .. } | Expectation::NoLimit { name, .. } => {
                        let app = &self.apps[app.expect("checked above")];
                        let mut known: Vec<&str> = app
                            .outcomes
                            .iter()
                            .flat_map(|o| o.limits.iter().map(|l| l.name.as_str()))
                            .collect();
                        known.dedup();
                        if !known.contains(&name.node.as_str()) {
                            let diag = unknown(&name.node, &name.span, "limit", &known);
                            self.error(diag);
                        }
                    }
                    Expectation::Verified { .. }
                    | Expectation::Fix { .. }
                    | Expectation::NoFix { .. } => {}
                }
            }
        }
    }
}
