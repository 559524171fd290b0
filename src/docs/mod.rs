//! `realname docs`: the guide generated from the rules. For each app a Markdown page and a
//! self-contained HTML page, an index comparing the apps, and docs/lints/ from the lint
//! catalogue. Because the pages come from the files the checker runs, they cannot disagree
//! with it, and they change the moment a rule file changes.

pub mod html;
pub mod markdown;
mod markdown_text;

use html::NavLink;

use crate::Rules;

/// Every generated file, as (path relative to the docs folder, contents).
pub fn generate(rules: &Rules) -> Vec<(String, String)> {
    let set = &rules.set;
    let mut md_pages: Vec<(String, String, String)> = Vec::new(); // (path, title, markdown)
    md_pages.push((
        "index.md".into(),
        "Real-name verification for foreigners".into(),
        markdown::index_page(rules),
    ));
    for app in &set.apps {
        md_pages.push((
            format!("apps/{}.md", app.id),
            format!("{}: real-name verification", app.title),
            markdown::app_page(rules, app),
        ));
    }
    let generated: Vec<String> = md_pages.iter().map(|(p, _, _)| p.clone()).collect();
    let mut files = Vec::new();
    for (path, title, md) in &md_pages {
        let depth = path.matches('/').count();
        let up = "../".repeat(depth);
        let mut nav = vec![NavLink {
            href: format!("{up}index.html"),
            label: "All apps".into(),
        }];
        for app in &set.apps {
            nav.push(NavLink {
                href: format!("{up}apps/{}.html", app.id),
                label: app.title.clone(),
            });
        }
        let html_path = format!("{}.html", path.trim_end_matches(".md"));
        files.push((html_path, html::page(title, md, &nav, &generated)));
        files.push((path.clone(), md.clone()));
    }
    for (name, text) in crate::lint::docs::files() {
        files.push((format!("lints/{name}"), text));
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}
