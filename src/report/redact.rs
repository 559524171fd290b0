//! `--redact`: masks the values of `sensitive` fields (document and card numbers) in every
//! output, for services that keep logs. Masking keeps byte lengths, so positions stay valid.

use std::sync::Arc;

use crate::eval::AppReport;
use crate::profile::ProfileDocument;

/// All but the last four characters replaced by `*` (one per byte, so spans still match). A
/// quoted scalar keeps its quotes.
pub fn mask(value: &str) -> String {
    for quote in ['"', '\''] {
        if value.len() >= 2 && value.starts_with(quote) && value.ends_with(quote) {
            return format!("{quote}{}{quote}", mask(&value[1..value.len() - 1]));
        }
    }
    let keep_from = value.chars().count().saturating_sub(4);
    value
        .chars()
        .enumerate()
        .map(|(i, c)| {
            if i < keep_from {
                "*".repeat(c.len_utf8())
            } else {
                c.to_string()
            }
        })
        .collect()
}

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
                fix.from = mask(&fix.from);
                fix.to = mask(&fix.to);
            }
            r
        })
        .collect();
    (doc, reports)
}

#[cfg(test)]
mod tests {
    use super::mask;

    #[test]
    fn keeps_the_last_four_and_the_byte_length() {
        assert_eq!(mask("\"A12345678\""), "\"*****5678\"");
        assert_eq!(mask("1234"), "1234");
        assert_eq!(mask("六二二五八八0001").len(), "六二二五八八0001".len());
    }
}
