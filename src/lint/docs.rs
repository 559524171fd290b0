//! docs/lints/: one Markdown page per lint and an index, generated from the catalogue.

use super::{LintInfo, LINTS};

/// The page of one lint, as written to docs/lints/CODE.md and printed by `realname explain`.
pub fn page(info: &LintInfo) -> String {
    format!(
        "# {}\n\n{}\n\n- Category: {}\n- Default severity: {}\n- Suppress with: `allow {} because \"...\"`\n\n{}",
        info.code,
        info.summary,
        info.category.as_str(),
        info.severity.as_str(),
        info.code,
        info.doc.trim_start()
    )
}

/// docs/lints/README.md: every lint with its category, severity and summary.
pub fn index() -> String {
    let mut out = String::from(
        "# Lints\n\n`realname lint` runs every lint below over the rule files. Each page says what the lint\nfinds, why it matters, an example and how to fix it; `realname explain CODE` prints the same.\nThis folder is generated from the lint catalogue (src/lint/lints/); edit the lints, not these files.\n\n| code | category | severity | finds |\n| --- | --- | --- | --- |\n",
    );
    for (info, _) in LINTS {
        out.push_str(&format!(
            "| [{}]({}.md) | {} | {} | {} |\n",
            info.code,
            info.code,
            info.category.as_str(),
            info.severity.as_str(),
            info.summary
        ));
    }
    out
}

/// Every file of docs/lints/ as (file name, contents).
pub fn files() -> Vec<(String, String)> {
    let mut out = vec![("README.md".to_string(), index())];
    for (info, _) in LINTS {
        out.push((format!("{}.md", info.code), page(info)));
    }
    out
}
