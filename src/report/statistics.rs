//! `realname check --statistics`: what a batch found, counted. A finding is counted in every
//! app report that lists it, as the JSON output lists it (a problem with the profile itself is
//! in each app's report), so the counts can be checked against that output.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use crate::eval::AppReport;

/// The counts of a batch so far.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct Statistics {
    /// Profiles read, checked or not.
    pub profiles: usize,
    /// Profiles that could not be read, loaded or checked.
    pub unreadable: usize,
    /// Per app, how many profiles it verifies and refuses.
    pub apps: BTreeMap<String, AppCounts>,
    /// Per finding code, how many findings have it.
    pub codes: BTreeMap<String, usize>,
}

#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct AppCounts {
    pub verified: usize,
    pub refused: usize,
}

impl Statistics {
    /// Counts a profile that was checked.
    pub fn add(&mut self, reports: &[AppReport]) {
        self.profiles += 1;
        for report in reports {
            let app = self.apps.entry(report.app.clone()).or_default();
            if report.verified {
                app.verified += 1;
            } else {
                app.refused += 1;
            }
            for finding in &report.findings {
                match self.codes.get_mut(finding.code.as_str()) {
                    Some(n) => *n += 1,
                    None => {
                        self.codes.insert(finding.code.clone(), 1);
                    }
                }
            }
        }
    }

    /// Counts a profile that could not be read, loaded or checked.
    pub fn add_unreadable(&mut self) {
        self.profiles += 1;
        self.unreadable += 1;
    }

    /// A small table for people.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "statistics: {} profiles, {} could not be read",
            self.profiles, self.unreadable
        );
        let width = self
            .apps
            .keys()
            .chain(self.codes.keys())
            .map(|k| k.chars().count())
            .max()
            .unwrap_or(0)
            .max("finding code".len());
        let _ = writeln!(
            out,
            "  {:<width$}  {:>8}  {:>8}",
            "app", "verified", "refused"
        );
        for (app, counts) in &self.apps {
            let _ = writeln!(
                out,
                "  {app:<width$}  {:>8}  {:>8}",
                counts.verified, counts.refused
            );
        }
        let _ = writeln!(out, "  {:<width$}  {:>8}", "finding code", "count");
        for (code, n) in &self.codes {
            let _ = writeln!(out, "  {code:<width$}  {n:>8}");
        }
        out
    }

    /// One line of JSON: `{"statistics":{"profiles":..,"unreadable":..,"apps":{..},"codes":{..}}}`.
    pub fn json(&self) -> String {
        #[derive(Serialize)]
        struct Line<'a> {
            statistics: &'a Statistics,
        }
        let mut line =
            serde_json::to_string(&Line { statistics: self }).expect("counts are plain JSON");
        line.push('\n');
        line
    }
}
