//! Markdown -> self-contained HTML: pulldown-cmark renders the Markdown, minijinja puts it in
//! the page template (inline CSS, no external assets, readable on a phone, printable).

use minijinja::{context, Environment};
use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag};

const PAGE: &str = include_str!("templates/page.html");

/// A link in the page's navigation bar.
#[derive(serde::Serialize)]
pub struct NavLink {
    pub href: String,
    pub label: String,
}

/// Renders `markdown` as a whole HTML page. Links to generated `.md` pages become `.html`.
pub fn page(title: &str, markdown: &str, nav: &[NavLink], generated: &[String]) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest = rewrite_link(&dest_url, generated);
            Event::Start(Tag::Link {
                link_type,
                dest_url: CowStr::from(dest),
                title,
                id,
            })
        }
        other => other,
    });
    let mut body = String::new();
    html::push_html(&mut body, events);
    // Wide tables scroll sideways on a phone instead of widening the page.
    let body = body
        .replace("<table>", "<div class=\"table-wrap\"><table>")
        .replace("</table>", "</table></div>");
    let mut env = Environment::new();
    env.add_template("page", PAGE)
        .expect("the page template is valid");
    env.get_template("page")
        .and_then(|t| t.render(context! { title, body, nav, version => env!("CARGO_PKG_VERSION") }))
        .expect("the page template renders")
}

fn rewrite_link(dest: &str, generated: &[String]) -> String {
    let (path, anchor) = dest
        .split_once('#')
        .map_or((dest, None), |(p, a)| (p, Some(a)));
    let is_generated = generated
        .iter()
        .any(|g| path.ends_with(g.as_str()) || g.ends_with(path.trim_start_matches("../")));
    let path = match path.strip_suffix(".md") {
        Some(stem) if is_generated && !path.is_empty() => format!("{stem}.html"),
        _ => path.to_string(),
    };
    match anchor {
        Some(a) => format!("{path}#{a}"),
        None => path,
    }
}
