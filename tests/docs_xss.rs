//! Rule text is data in the generated guide: markup written in a rule file shows as text.
//!
//! A rule set made of the shipped profile, sources, banks, phone and MRZ files and one app
//! (`PAYLOAD`) whose every text carries markup (`<script>`, `<img onerror>`, `"><svg onload>`,
//! `javascript:` links, `</details>`, code fences) is made into the guide with
//! `realname::generate_docs`, and:
//!
//! - the HTML pages hold no such markup, only its text: no `<script>`, `<img>` or `<svg>` tag,
//!   no `on...=` attribute and no `javascript:` in any tag, the `<title>` and the navigation
//!   included;
//! - the Markdown pages, read by pulldown-cmark as a Markdown reader would, hold no raw HTML
//!   but the generator's own, no link but safe ones and no image, and show every payload as
//!   its literal text; the profile and the checker's output stay whole in their code blocks;
//! - a source whose url is `javascript:` (the compiler refuses one; the docs do not rely on
//!   that) is no link;
//! - headless Chromium, loading the pages, finds no `<script>` element (the guide has none of
//!   its own, checked first on the shipped rules' pages), no `on...` attribute, no `<img>` or
//!   `<svg>`, no `javascript:` link, nothing the payloads would run, and the payloads as the
//!   page's text and title.
//!
//! Chromium is found as in tests/browser.rs; without it the browser test prints a notice and
//! passes, unless REALNAME_REQUIRE_BROWSER is set.

#![cfg(unix)]

use std::fs::File;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag};
use realname::Rules;
use realname::SourceFile;
use regex::Regex;

/// An app, a bank, a source and two examples whose texts are all markup. Each payload ends in
/// a word that says where it stands, so a test can look for it.
const PAYLOAD: &str = r#####"
bank XSSBANK {
  name "<script>alert(1)</script> bank-name"
  local_name "<img src=x onerror=alert(1)> bank-local-name"
  aliases ["\"><svg onload=alert(1)> bank-alias"]
}

/// A source whose every text is markup.
source xss_source {
  title "<script>alert(1)</script> source-title [click](javascript:alert(1))"
  publisher "<img src=x onerror=alert(1)> source-publisher"
  url "https://example.org/\"><script>alert(1)</script>"
  published 2024-01-01
  reviewed 2026-01-01
  note "</details><script>alert(1)</script> source-note ``` fence"
}

/// <script>alert(1)</script> app-doc
/// # app-doc-heading
/// ```
/// </details><img src=x onerror=parent.pwned=1> app-doc-end
app xss {
  title "<script>alert(1)</script>"
  hotline "<img src=x onerror=alert(1)> hotline"
  path "\"><svg onload=alert(1)> path-one"
  path "[click](javascript:alert(1)) path-two"
  documents ["<script>parent.pwned=1</script> document", "[click](javascript:alert(1)) document-two"]
  steps ["<img src=x onerror=alert(1)> step", "``` step-fence" from 2024-01-01]
  cards ["</details><script>alert(1)</script> card"]
  sources [xss_source]

  /// <svg onload=alert(1)> set-doc
  set xss_banks: bank = ["\"><svg onload=alert(1)> bank-alias"] sources [xss_source]

  disagreement xss_disagreement {
    topic "<script>alert(1)</script> topic"
    claim xss_source "<img src=x onerror=alert(1)> claim"
    claim guide "[click](javascript:alert(1)) claim-two"
    resolution "[click](javascript:alert(1)) resolution"
  }

  /// <script>alert(1)</script> requirement-doc
  requirement xss_name {
    when name != "`</details><script>alert(1)</script>`"
    require not (name matches "refuse")
    at name
    severity error
    message "<script>alert(1)</script> message"
    help "<img src=x onerror=alert(1)> help `<b>code</b>` [click](javascript:alert(1))"
    fix xss_fix
    sources [xss_source]
    disagreement xss_requirement_disagreement {
      topic "\"><svg onload=alert(1)> requirement-topic"
      claim xss_source "</details><script>alert(1)</script> requirement-claim"
      claim guide "<a href=\"javascript:alert(1)\">requirement-claim-two</a>"
    }
  }

  /// <img src=x onerror=alert(1)> fix-doc
  fix xss_fix {
    when name matches "refuse"
    set name = "accepted"
    message "\"><svg onload=alert(1)> fix"
    sources [xss_source]
  }

  outcome xss_verified {
    when verified
    unlocks [payments]
    limit xss_limit 10 USD per day
    message "<script>alert(1)</script> outcome"
    sources [xss_source]
  }

  trouble xss_trouble {
    cause "<img src=x onerror=alert(1)> cause"
    remedy "</details><script>alert(1)</script> remedy"
    sources [xss_source]
  }
}

/// <script>alert(1)</script> example-doc ```
example xss_example for xss {
  today 2026-11-21
  profile """
    # ``` </details><script>alert(1)</script> profile-comment
    name: "<img src=x onerror=alert(1)> profile-name"
    birth_date: 1990-05-01
    phone: "+27821234567"
    document:
      type: passport
      number: "A12345678"
      expiry_date: 2030-06-30
  """
  expect verified
}

/// </details><svg onload=alert(1)> refused-doc
example xss_refused for xss {
  from xss_example
  set name = "refuse ```` </details><script>alert(1)</script>"
  expect xss_name at name
  expect not verified
}
"#####;

/// The texts the payload app's pages must show, each exactly as the rule file gives it.
const SHOWN: &[&str] = &[
    "<script>alert(1)</script> app-doc",
    "# app-doc-heading",
    "</details><img src=x onerror=parent.pwned=1> app-doc-end",
    "<img src=x onerror=alert(1)> hotline",
    "\"><svg onload=alert(1)> path-one",
    "[click](javascript:alert(1)) path-two",
    "<script>parent.pwned=1</script> document",
    "[click](javascript:alert(1)) document-two",
    "<img src=x onerror=alert(1)> step",
    "``` step-fence",
    "</details><script>alert(1)</script> card",
    "<svg onload=alert(1)> set-doc",
    "<script>alert(1)</script> bank-name",
    "<img src=x onerror=alert(1)> bank-local-name",
    "<script>alert(1)</script> topic",
    "<img src=x onerror=alert(1)> claim",
    "[click](javascript:alert(1)) claim-two",
    "[click](javascript:alert(1)) resolution",
    "<script>alert(1)</script> message",
    "<script>alert(1)</script> requirement-doc",
    "<img src=x onerror=alert(1)> help <b>code</b> [click](javascript:alert(1))",
    "name != \"`</details><script>alert(1)</script>`\"",
    "\"><svg onload=alert(1)> requirement-topic",
    "</details><script>alert(1)</script> requirement-claim",
    "<a href=\"javascript:alert(1)\">requirement-claim-two</a>",
    "\"><svg onload=alert(1)> fix",
    "<img src=x onerror=alert(1)> fix-doc",
    "<script>alert(1)</script> outcome",
    "<img src=x onerror=alert(1)> cause",
    "</details><script>alert(1)</script> remedy",
    "<script>alert(1)</script> example-doc ```",
    "</details><svg onload=alert(1)> refused-doc",
    "\"refuse ```` </details><script>alert(1)</script>\"",
    "# ``` </details><script>alert(1)</script> profile-comment",
    "name: \"<img src=x onerror=alert(1)> profile-name\"",
    "<script>alert(1)</script> source-title [click](javascript:alert(1))",
    "<img src=x onerror=alert(1)> source-publisher",
    "</details><script>alert(1)</script> source-note ``` fence",
];

/// The texts the index must show.
const SHOWN_ON_INDEX: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)> hotline",
    "<script>parent.pwned=1</script> document",
    "</details><script>alert(1)</script> card",
    "\"><svg onload=alert(1)> bank-alias",
    "<script>alert(1)</script> capability",
];

/// What the app's title makes of the page's title.
const APP_PAGE_TITLE: &str = "<script>alert(1)</script>: real-name verification";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn shipped(name: &str) -> SourceFile {
    let path = root().join("rules").join(name);
    SourceFile::new(
        path.display().to_string(),
        std::fs::read_to_string(&path).unwrap(),
    )
}

/// The shipped shared rule files, with a capability whose description is markup, and the
/// payload app.
fn payload_rules() -> Rules {
    let mut files: Vec<SourceFile> = ["sources.rules", "banks.rules", "phone.rules", "mrz.rules"]
        .into_iter()
        .map(shipped)
        .collect();
    let profile = shipped("profile.rules");
    let text = profile.text().replace(
        "capabilities {",
        "capabilities {\n  xss_capability \"<script>alert(1)</script> capability\"",
    );
    assert_ne!(
        text,
        profile.text(),
        "profile.rules has no capabilities block"
    );
    files.push(SourceFile::new(profile.name(), text));
    files.push(SourceFile::new("xss.rules", PAYLOAD));
    Rules::from_files(files).unwrap_or_else(|d| panic!("the payload rules do not compile:\n{d}"))
}

fn page<'a>(files: &'a [(String, String)], path: &str) -> &'a str {
    &files
        .iter()
        .find(|(p, _)| p == path)
        .unwrap_or_else(|| panic!("no {path} among {:?}", names(files)))
        .1
}

fn names(files: &[(String, String)]) -> Vec<&str> {
    files.iter().map(|(p, _)| p.as_str()).collect()
}

fn html_pages(files: &[(String, String)]) -> Vec<(&str, &str)> {
    files
        .iter()
        .filter(|(p, _)| p.ends_with(".html") && !p.starts_with("lints/"))
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect()
}

/// Every tag in `html`. Text has no `<` (it is `&lt;`), so each match is a tag.
fn tags(html: &str) -> Vec<&str> {
    Regex::new(r"<[^>]*>")
        .unwrap()
        .find_iter(html)
        .map(|m| m.as_str())
        .collect()
}

/// Fails when a tag of `html` is a script, image or SVG, or has an event handler or a
/// `javascript:` URL.
fn assert_no_markup(page: &str, html: &str) {
    let handler = Regex::new(r"(?i)\son[a-z]+\s*=").unwrap();
    for tag in tags(html) {
        let lower = tag.to_ascii_lowercase();
        for name in ["<script", "<img", "<svg", "<iframe", "<object", "<embed"] {
            assert!(!lower.starts_with(name), "{page}: a {name}> tag: {tag}");
        }
        assert!(!handler.is_match(tag), "{page}: an event handler: {tag}");
        assert!(
            !lower.contains("javascript:"),
            "{page}: a javascript: URL: {tag}"
        );
        assert!(
            !lower.contains("onerror=") && !lower.contains("onload="),
            "{page}: {tag}"
        );
    }
    for raw in ["<script", "<img", "<svg"] {
        assert!(!html.contains(raw), "{page}: {raw} appears as markup");
    }
}

/// HTML text decoded as a browser decodes it (the entities the generator and minijinja write).
fn decode(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#x2f;", "/")
        .replace("&amp;", "&")
}

#[test]
fn html_pages_hold_rule_text_as_text() {
    let files = realname::generate_docs(&payload_rules());
    let pages = html_pages(&files);
    assert_eq!(
        pages.iter().map(|(p, _)| *p).collect::<Vec<_>>(),
        ["apps/xss.html", "index.html"]
    );
    for (path, html) in &pages {
        assert_no_markup(path, html);
    }
    let app = page(&files, "apps/xss.html");
    let index = page(&files, "index.html");
    // The payloads are there, escaped.
    assert!(app.contains("&lt;script&gt;alert(1)&lt;/script&gt; message"));
    assert!(app.contains("&lt;img src=x onerror=alert(1)&gt; hotline"));
    assert!(app.contains("[click](javascript:alert(1)) resolution"));
    assert!(index.contains("&lt;script&gt;alert(1)&lt;/script&gt; capability"));
    // The title and the navigation bar show the app's title as text.
    let title = Regex::new(r"<title>([^<]*)</title>").unwrap();
    assert_eq!(decode(&title.captures(app).unwrap()[1]), APP_PAGE_TITLE);
    let nav = Regex::new(r"<nav>(.*)</nav>").unwrap();
    for html in [app, index] {
        let nav = &nav.captures(html).expect("a <nav>")[1];
        assert!(
            decode(nav)
                .contains(">All apps</a><a href=\"apps/xss.html\"><script>alert(1)</script></a>")
                || decode(nav).contains(
                    ">All apps</a><a href=\"../apps/xss.html\"><script>alert(1)</script></a>"
                ),
            "the nav bar does not show the app's title as text: {nav}"
        );
    }
    // The source's link goes where its url says, quoted so it closes no attribute.
    assert!(app.contains(
        "<a href=\"https://example.org/%22%3E%3Cscript%3Ealert(1)%3C/script%3E\">&lt;script&gt;"
    ));
    // The worked examples' code blocks are whole: the profile's ``` and </details> are in them.
    assert!(app.contains(
        "<pre><code class=\"language-yaml\"># ``` &lt;/details&gt;&lt;script&gt;alert(1)&lt;/script&gt; profile-comment\n"
    ));
    assert_eq!(app.matches("<details>").count(), 2);
    assert_eq!(app.matches("</details>").count(), 2);
}

#[test]
fn a_javascript_source_url_is_no_link() {
    let mut set = payload_rules().set().clone();
    let source = set
        .sources
        .iter_mut()
        .find(|s| s.id == "xss_source")
        .unwrap();
    // What the compiler refuses (a url must start with http:// or https://).
    source.url = Some(" JavaScript:alert(1)".into());
    let rules = Rules::from_compiled(set);
    let files = realname::generate_docs(&rules);
    let app = page(&files, "apps/xss.html");
    assert_no_markup("apps/xss.html", app);
    assert!(app.contains("source-title [click](javascript:alert(1)) (JavaScript:alert(1))."));
    let md = page(&files, "apps/xss.md");
    let (_, links, _) = read_markdown(md);
    assert!(
        links
            .iter()
            .all(|l| !l.to_lowercase().contains("javascript")),
        "{links:?}"
    );
}

/// What a Markdown reader makes of `md`: its raw HTML, its links' destinations and its text
/// (text, code spans and code blocks, soft breaks as line breaks).
fn read_markdown(md: &str) -> (Vec<String>, Vec<String>, String) {
    let mut html = Vec::new();
    let mut links = Vec::new();
    let mut shown = String::new();
    for event in Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => html.push(h.trim_end().to_string()),
            Event::Start(Tag::Link { dest_url, .. }) => links.push(dest_url.to_string()),
            Event::Start(Tag::Image { dest_url, .. }) => panic!("an image: {dest_url}"),
            Event::Text(t) | Event::Code(t) => shown.push_str(&t),
            Event::SoftBreak | Event::HardBreak => shown.push('\n'),
            Event::End(_) => shown.push('\n'),
            _ => {}
        }
    }
    (html, links, shown)
}

#[test]
fn markdown_pages_hold_rule_text_as_text() {
    let files = realname::generate_docs(&payload_rules());
    let anchor = Regex::new(r#"^<a id="source-[A-Za-z0-9-]+">$"#).unwrap();
    for (path, shown_here) in [("apps/xss.md", SHOWN), ("index.md", SHOWN_ON_INDEX)] {
        let md = page(&files, path);
        let (html, links, shown) = read_markdown(md);
        // The only raw HTML is the generator's own.
        for h in &html {
            assert!(
                [
                    "<br>",
                    "<details><summary>Profile</summary>",
                    "</details>",
                    "</a>"
                ]
                .contains(&h.as_str())
                    || anchor.is_match(h),
                "{path}: raw HTML from rule text: {h:?}"
            );
        }
        // The only links are the generator's own: pages, anchors and the source's https url.
        for l in &links {
            assert!(
                l.starts_with("https://example.org/\"><script>")
                    || l.starts_with("https://www.referchina.com/")
                    || l.starts_with('#')
                    || l.ends_with(".md"),
                "{path}: a link from rule text: {l:?}"
            );
        }
        for text in shown_here {
            assert!(
                shown.contains(text),
                "{path}: {text:?} is not shown as it is; the page shows:\n{shown}"
            );
        }
    }
    let md = page(&files, "apps/xss.md");
    // Escaped, in the places they stand.
    for escaped in [
        "# \\<script>alert(1)\\</script>: real-name verification for foreigners\n",
        "\\<script>alert(1)\\</script> app-doc\n\\# app-doc-heading\n\\`\\`\\`\n",
        "**Hotline:** \\<img src=x onerror=alert(1)> hotline\n",
        "- \\[click\\](javascript:alert(1)) path-two\n",
        "#### \\<script>alert(1)\\</script> message\n",
        "What to do: \\<img src=x onerror=alert(1)> help `<b>code</b>` \\[click\\](javascript:alert(1))\n",
        "| \\<img src=x onerror=alert(1)> cause | \\</details>\\<script>alert(1)\\</script> remedy |\n",
        "> - *guide*: \\[click\\](javascript:alert(1)) claim-two\n",
        "### \\<script>alert(1)\\</script> example-doc \\`\\`\\`\n",
        "Only when: ``name != \"`</details><script>alert(1)</script>`\"``",
        "with `name` set to `````\"refuse ```` </details><script>alert(1)</script>\"`````.",
    ] {
        assert!(md.contains(escaped), "apps/xss.md lacks {escaped:?}:\n{md}");
    }
    // The profile and the checker's output are whole code blocks.
    let blocks: Vec<(String, String)> = {
        let mut blocks = Vec::new();
        let mut current: Option<(String, String)> = None;
        for event in Parser::new(md) {
            match event {
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                    current = Some((info.to_string(), String::new()))
                }
                Event::Text(t) => {
                    if let Some((_, body)) = &mut current {
                        body.push_str(&t);
                    }
                }
                Event::End(pulldown_cmark::TagEnd::CodeBlock) => blocks.extend(current.take()),
                _ => {}
            }
        }
        blocks
    };
    let rules = payload_rules();
    let profile_text = rules
        .set()
        .examples
        .iter()
        .find(|e| e.example.name.node == "xss_example")
        .and_then(|e| realname::internal::examples::run_example(&rules, e).profile)
        .map(|p| p.text.to_string())
        .expect("the example has a profile");
    assert!(
        blocks.contains(&("yaml".to_string(), profile_text.clone())),
        "the profile is not one whole yaml block: {blocks:#?}"
    );
    let outputs: Vec<&String> = blocks
        .iter()
        .filter(|(info, _)| info == "text")
        .map(|(_, b)| b)
        .collect();
    assert_eq!(outputs.len(), 2, "{blocks:#?}");
    assert!(outputs[1].contains(
        "fix     name: \"refuse ```` </details><script>alert(1)</script>\" -> \"accepted\""
    ));
}

// ---------------------------------------------------------------------------------------------
// In a browser

#[test]
fn payload_pages_in_chromium() {
    let Some(browser) = Browser::find() else {
        return;
    };
    let start = Instant::now();
    let dir = tempfile::tempdir().unwrap();

    // The guide has no script of its own: so a <script> element in a page came from rule text.
    let shipped_rules = Rules::from_dir(&root().join("rules")).unwrap();
    let shipped = write_pages(
        &realname::generate_docs(&shipped_rules),
        &dir.path().join("shipped"),
    );
    for path in &shipped {
        let html = std::fs::read_to_string(path).unwrap();
        assert!(
            !html.to_lowercase().contains("<script"),
            "{} has a script",
            path.display()
        );
        let dom = browser.probe(dir.path(), path);
        assert_eq!(dom.scripts, 0, "{}", path.display());
        assert!(
            dom.handlers.is_empty(),
            "{}: {:?}",
            path.display(),
            dom.handlers
        );
    }

    let files = realname::generate_docs(&payload_rules());
    let pages = write_pages(&files, &dir.path().join("payload"));
    for path in &pages {
        let what = path.display().to_string();
        let dom = browser.probe(dir.path(), path);
        assert_eq!(dom.scripts, 0, "{what}: <script> elements");
        assert!(
            dom.handlers.is_empty(),
            "{what}: event handlers {:?}",
            dom.handlers
        );
        assert_eq!(
            dom.media, 0,
            "{what}: <img>, <svg>, <iframe>, <object> or <embed> elements"
        );
        assert!(
            dom.js_links.is_empty(),
            "{what}: javascript: links {:?}",
            dom.js_links
        );
        assert!(!dom.pwned, "{what}: a payload ran");
        let shown = if what.ends_with("index.html") {
            SHOWN_ON_INDEX
        } else {
            assert_eq!(dom.title, APP_PAGE_TITLE);
            SHOWN
        };
        for text in shown {
            assert!(
                dom.text.contains(text),
                "{what}: {text:?} is not in the page's text:\n{}",
                dom.text
            );
        }
        assert!(
            dom.nav.contains("<script>alert(1)</script>"),
            "{what}: the nav bar shows {:?}",
            dom.nav
        );
        assert!(
            !dom.text.contains('\\'),
            "{what}: a Markdown escape shows: {}",
            dom.text
        );
        // The profiles are whole in their folded code blocks, ``` and </details> included.
        if !what.ends_with("index.html") {
            assert_eq!(dom.yaml.len(), 2, "{what}: {:?}", dom.yaml);
            assert!(dom.yaml[0].starts_with(
                "# ``` </details><script>alert(1)</script> profile-comment\nname: \"<img src=x onerror=alert(1)> profile-name\"\n"
            ));
            assert!(dom.yaml[1].starts_with(
                "name: \"refuse ```` </details><script>alert(1)</script>\"\nbirth_date:"
            ));
        }
    }
    eprintln!("payload pages checked in {:.1?}", start.elapsed());
}

/// Writes the guide's HTML pages under `dir`; returns their paths.
fn write_pages(files: &[(String, String)], dir: &Path) -> Vec<PathBuf> {
    html_pages(files)
        .into_iter()
        .map(|(rel, html)| {
            let path = dir.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, html).unwrap();
            path
        })
        .collect()
}

/// What the browser found in a page.
#[derive(serde::Deserialize, Debug)]
struct Dom {
    title: String,
    scripts: usize,
    handlers: Vec<String>,
    media: usize,
    js_links: Vec<String>,
    pwned: bool,
    nav: String,
    text: String,
    yaml: Vec<String>,
}

/// Flags for every run: headless, and nothing that reaches the network (as tests/browser.rs).
const FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
];

/// How long one Chromium run may take before it is killed.
const TIMEOUT: Duration = Duration::from_secs(60);

struct Browser {
    path: PathBuf,
}

impl Browser {
    fn find() -> Option<Browser> {
        let found = std::env::var_os("PATH").and_then(|path| {
            ["chromium", "chromium-browser"].iter().find_map(|name| {
                std::env::split_paths(&path)
                    .map(|dir| dir.join(name))
                    .find(|c| {
                        c.metadata()
                            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
                    })
            })
        });
        if let Some(path) = found {
            return Some(Browser { path });
        }
        if std::env::var_os("REALNAME_REQUIRE_BROWSER").is_some_and(|v| !v.is_empty()) {
            panic!("REALNAME_REQUIRE_BROWSER is set, but there is no chromium on the PATH");
        }
        eprintln!("notice: no chromium on the PATH, so the pages were not checked in a browser");
        None
    }

    /// Loads `page` in a frame of a probe page and reads its DOM there. The probe's own script
    /// is the only one; it writes what it found as JSON whose `<`, `>` and `&` are `\u` escapes,
    /// so the dumped DOM holds it as it is.
    fn probe(&self, work: &Path, page: &Path) -> Dom {
        let probe = work.join("probe.html");
        std::fs::write(
            &probe,
            format!(
                r#"<!DOCTYPE html>
<html><body>
<iframe id="page" src="{}" style="width:1280px;height:900px;border:0"></iframe>
<pre id="result">not measured</pre>
<script>
window.addEventListener("load", () => {{
  const out = document.getElementById("result");
  try {{
    const doc = document.getElementById("page").contentDocument;
    for (const d of doc.querySelectorAll("details")) d.open = true;
    const all = [...doc.querySelectorAll("*")];
    const result = {{
      title: doc.title,
      scripts: doc.querySelectorAll("script").length,
      handlers: all.flatMap(el => [...el.attributes]
        .filter(a => a.name.toLowerCase().startsWith("on"))
        .map(a => el.tagName + " " + a.name)),
      media: doc.querySelectorAll("img, svg, iframe, object, embed").length,
      js_links: [...doc.querySelectorAll("[href], [src], [action], [formaction]")]
        .flatMap(el => ["href", "src", "action", "formaction"].map(n => el.getAttribute(n)))
        .filter(v => v !== null && /^\s*(javascript|data|vbscript):/i.test(v)),
      pwned: window.pwned === 1 || document.getElementById("page").contentWindow.pwned === 1,
      nav: doc.querySelector("nav") ? doc.querySelector("nav").innerText : "",
      text: doc.body.innerText,
      yaml: [...doc.querySelectorAll("details pre code.language-yaml")].map(c => c.textContent),
    }};
    out.textContent = JSON.stringify(result)
      .replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026")
      .replace(/\u00a0/g, "\\u00a0");
  }} catch (e) {{
    out.textContent = "error " + e;
  }}
}});
</script>
</body></html>
"#,
                file_url(page)
            ),
        )
        .unwrap();
        let dom = self.run(&[
            "--allow-file-access-from-files".into(),
            "--virtual-time-budget=5000".into(),
            "--window-size=1280,900".into(),
            "--dump-dom".into(),
            file_url(&probe),
        ]);
        let result = Regex::new(r#"(?s)<pre id="result">(.*?)</pre>"#)
            .unwrap()
            .captures(&dom)
            .map(|c| c[1].to_string())
            .unwrap_or_else(|| panic!("no result in the probe's DOM: {dom}"));
        serde_json::from_str(&result)
            .unwrap_or_else(|e| panic!("{}: the probe found {result:?} ({e})", page.display()))
    }

    /// Runs Chromium with a fresh profile and returns its stdout; kills it (and every process
    /// it started) after TIMEOUT.
    fn run(&self, args: &[String]) -> String {
        let work = tempfile::tempdir().unwrap();
        let profile = work.path().join("profile");
        std::fs::create_dir(&profile).unwrap();
        let stdout = work.path().join("stdout");
        let stderr = work.path().join("stderr");
        let mut child = Command::new(&self.path)
            .args(FLAGS)
            .arg(format!("--user-data-dir={}", profile.display()))
            .args(args)
            .env("XDG_CONFIG_HOME", work.path().join("config"))
            .env("XDG_CACHE_HOME", work.path().join("cache"))
            .stdin(Stdio::null())
            .stdout(File::create(&stdout).unwrap())
            .stderr(File::create(&stderr).unwrap())
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", self.path.display()));
        let start = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break Some(status);
            }
            if start.elapsed() > TIMEOUT {
                let _ = Command::new("kill")
                    .args(["-KILL", "--", &format!("-{}", child.id())])
                    .status();
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        let err = std::fs::read_to_string(&stderr).unwrap_or_default();
        match status {
            Some(status) if status.success() => std::fs::read_to_string(&stdout).unwrap(),
            Some(status) => panic!("Chromium failed ({status}):\n{err}"),
            None => {
                panic!("Chromium did not finish within {TIMEOUT:?} (a payload's alert?):\n{err}")
            }
        }
    }
}

fn file_url(path: &Path) -> String {
    let path = path.canonicalize().unwrap();
    let mut url = String::from("file://");
    for &b in path.as_os_str().as_encoded_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}
