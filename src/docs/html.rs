//! Markdown -> self-contained HTML: pulldown-cmark renders the Markdown, minijinja puts it in
//! the page template (inline CSS, no external assets, readable on a phone, printable).
//!
//! The Markdown holds rule text, escaped (markdown.rs), but the HTML does not rely on that
//! alone. Rendering it:
//!
//! - raw HTML is shown as text, except the few exact strings the generator writes itself
//!   (`markdown_text::BR`, `DETAILS_OPEN`, `DETAILS_CLOSE`, and a source's anchor `<a
//!   id="source-..."></a>` whose id is only ASCII letters, digits and `-`). Those have no
//!   attribute but that id, so even if rule text ever made one of them it could carry no
//!   script. An allow-list of exact strings rather than Markdown without HTML, because Markdown
//!   has no line break in a table cell, no folded block and no anchor on a list item, and the
//!   pages read on GitHub need them;
//! - a link is written only when its destination is safe (`is_safe_link`): `http:`, `https:`,
//!   `mailto:`, or a relative link (another page of the guide, an `#anchor`). Any other link
//!   (`javascript:`, `data:`, `vbscript:`, ...) shows its text, not a link;
//! - an image shows its description as text: the guide has no images, and an `<img>` could
//!   load something.
//!
//! The template is registered as `page.html`, so minijinja escapes everything it fills in (the
//! title, the navigation) except the body, which is marked safe in the template.

use minijinja::{context, Environment};
use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd};

use super::markdown_text::{BR, DETAILS_CLOSE, DETAILS_OPEN};

const PAGE: &str = include_str!("templates/page.html");

/// A link in the page's navigation bar.
#[derive(serde::Serialize)]
pub struct NavLink {
    pub href: String,
    pub label: String,
}

/// Renders `markdown` as a whole HTML page. Links to generated `.md` pages become `.html`.
pub fn page(title: &str, markdown: &str, nav: &[NavLink], generated: &[String]) -> String {
    let body = body(markdown, generated);
    let mut env = Environment::new();
    // The `.html` name turns minijinja's HTML auto-escaping on.
    env.add_template("page.html", PAGE)
        .expect("the page template is valid");
    env.get_template("page.html")
        .and_then(|t| t.render(context! { title, body, nav, version => env!("CARGO_PKG_VERSION") }))
        .expect("the page template renders")
}

/// The Markdown as the HTML of the page's body, with raw HTML, links and images made safe as
/// the module's doc says.
fn body(markdown: &str, generated: &[String]) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    // For each link or image open: whether its start was written (so its end is too).
    let mut open: Vec<bool> = Vec::new();
    // The previous event was a source's anchor, so its `</a>` may follow.
    let mut in_anchor = false;
    let events = Parser::new_ext(markdown, options).filter_map(|event| {
        let after_anchor = std::mem::take(&mut in_anchor);
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let safe = is_safe_link(&dest_url);
                open.push(safe);
                safe.then(|| {
                    Event::Start(Tag::Link {
                        link_type,
                        dest_url: CowStr::from(rewrite_link(&dest_url, generated)),
                        title,
                        id,
                    })
                })
            }
            Event::Start(Tag::Image { .. }) => {
                open.push(false);
                None
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                open.pop().unwrap_or(false).then_some(event)
            }
            Event::Html(html) => Some(match generator_html(&html, after_anchor) {
                Some(anchor) => {
                    in_anchor = anchor;
                    Event::Html(html)
                }
                None => Event::Text(html),
            }),
            Event::InlineHtml(html) => Some(match generator_html(&html, after_anchor) {
                Some(anchor) => {
                    in_anchor = anchor;
                    Event::InlineHtml(html)
                }
                None => Event::Text(html),
            }),
            other => Some(other),
        }
    });
    let mut body = String::new();
    html::push_html(&mut body, events);
    // Wide tables scroll sideways on a phone instead of widening the page.
    body.replace("<table>", "<div class=\"table-wrap\"><table>")
        .replace("</table>", "</table></div>")
}

/// Whether `html` (one raw HTML event) is HTML the generator writes: `Some(true)` for a
/// source's anchor (its `</a>` may follow), `Some(false)` for the others, `None` for anything
/// else. `</a>` counts only right after an anchor.
fn generator_html(html: &str, after_anchor: bool) -> Option<bool> {
    let html = html.strip_suffix('\n').unwrap_or(html);
    if html == BR
        || html == DETAILS_OPEN
        || html == DETAILS_CLOSE
        || (html == "</a>" && after_anchor)
    {
        Some(false)
    } else if is_source_anchor(html) {
        Some(true)
    } else {
        None
    }
}

/// `<a id="source-ID">` with an ID of ASCII letters, digits and `-` only, as
/// `markdown::source_anchor` writes it.
fn is_source_anchor(html: &str) -> bool {
    html.strip_prefix("<a id=\"source-")
        .and_then(|rest| rest.strip_suffix("\">"))
        .is_some_and(|id| {
            !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

/// Whether a link may point at `dest`: an `http:`, `https:` or `mailto:` URL, or a relative
/// one (no scheme: a page of the guide, an `#anchor`). The scheme is read as a browser reads
/// it: after leading and trailing spaces and control characters are dropped and tabs and line
/// breaks taken out, case-insensitively; so `JavaScript:`, ` javascript:` and `java\tscript:`
/// are all refused. A colon after a `/`, `?` or `#` is no scheme (`a/b:c` is relative).
pub(crate) fn is_safe_link(dest: &str) -> bool {
    let url: String = dest
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let Some((scheme, _)) = url.split_once(':') else {
        return true;
    };
    let mut chars = scheme.chars();
    let is_scheme = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !is_scheme {
        // A browser reads it as a relative path, unless it has a character no path has
        // before its colon; refuse those rather than guess.
        return scheme.contains(['/', '?', '#']);
    }
    matches!(
        scheme.to_ascii_lowercase().as_str(),
        "http" | "https" | "mailto"
    )
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_links() {
        for ok in [
            "https://example.org/a?b=c#d",
            "HTTP://example.org",
            "mailto:someone@example.org",
            "apps/alipay.html",
            "../index.md",
            "#source-guide",
            "",
            "a/b:c",
            "?q=a:b",
        ] {
            assert!(is_safe_link(ok), "{ok:?}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "1x:y",
            "java script:alert(1)",
        ] {
            assert!(!is_safe_link(bad), "{bad:?}");
        }
    }

    #[test]
    fn raw_html_is_text_but_for_the_generators_own() {
        let md = "<script>alert(1)</script>\n\n\
                  a <img src=x onerror=alert(1)> b\n\n\
                  - <a id=\"source-guide\"></a>**guide**: x <a href=\"javascript:alert(1)\">y</a>\n\n\
                  <a id=\"source-x\" onclick=\"alert(1)\"></a> </a>\n\n\
                  <details><summary>Profile</summary>\n\n```yaml\nx: 1\n```\n\n</details>\n\n\
                  | a |\n| --- |\n| b<br>c |\n\n\
                  [x](javascript:alert(1)) [y](https://example.org) ![z](https://example.org/z.png)\n";
        let html = body(md, &[]);
        for bad in [
            "<script",
            "<img",
            "<a href=\"javascript",
            "onclick=\"alert(1)\">",
            "onerror=alert(1)>",
        ] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        for good in [
            "&lt;script&gt;alert(1)&lt;/script&gt;",
            "a &lt;img src=x onerror=alert(1)&gt; b",
            "<a id=\"source-guide\"></a><strong>guide</strong>",
            "&lt;a href=\"javascript:alert(1)\"&gt;y&lt;/a&gt;",
            "&lt;a id=\"source-x\" onclick=\"alert(1)\"&gt;&lt;/a&gt; &lt;/a&gt;",
            "<details><summary>Profile</summary>",
            "</details>",
            "b<br>c",
            "x <a href=\"https://example.org\">y</a> z",
        ] {
            assert!(html.contains(good), "{good} not in {html}");
        }
    }
}
