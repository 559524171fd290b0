//! `--redact`: masks the values of `sensitive` fields (document and card numbers) in every
//! output, for services that keep logs. Masking keeps byte lengths, so positions stay valid.

use std::sync::Arc;

use crate::eval::AppReport;
use crate::profile::ProfileDocument;

pub use crate::eval::mask::{mask, mask_text};

/// The profile with sensitive values masked in its text, and the reports with masked fixes.
pub fn redact(
    profile: &ProfileDocument,
    reports: &[AppReport],
) -> (ProfileDocument, Vec<AppReport>) {
    let mut text = profile.text.to_string();
    let mut spans: Vec<_> = reports
        .iter()
        .flat_map(|r| r.sensitive.iter().cloned())
        .collect();
    spans.sort_by_key(|s| s.start);
    spans.dedup();
    for span in spans {
        if let Some(value) = text.get(span.clone()) {
            let masked = mask(value);
            text.replace_range(span, &masked);
        }
    }
    let doc = ProfileDocument {
        name: profile.name.clone(),
        text: Arc::from(text),
        root: profile.root.clone(),
    };
    let reports = reports
        .iter()
        .cloned()
        .map(|mut r| {
            for fix in r.fixes.iter_mut().filter(|f| f.sensitive) {
                fix.from = mask_text(&fix.from);
                fix.to = mask_text(&fix.to);
            }
            for finding in &mut r.findings {
                if let Some(masked) = finding.masked.take() {
                    finding.message = masked.message;
                    finding.help = masked.help;
                }
            }
            r
        })
        .collect();
    (doc, reports)
}
