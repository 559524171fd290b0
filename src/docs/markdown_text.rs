//! Rule text into Markdown: the functions every piece of rule text goes through on its way
//! into a generated page, so that it reads as the text it is and never as Markdown or HTML.

use std::fmt::Write;

// Rule text is data. Every piece of it (a title, a message, a doc comment, a source's note, a
// bank's name, an identifier) goes into the Markdown through one of the functions below, never
// pasted in as it is: `text` for a piece in a line (a heading, a list item, a table cell, the
// middle of a sentence), `block` for a doc comment that stands as its own paragraphs, `code`
// for a code span (a condition, a code, a profile value), `fenced` for a code block (a profile,
// the checker's output) and `link_dest` for a link's destination. What they write reads as the
// rule text, on GitHub and through pulldown-cmark alike, and can make no HTML, link, image,
// heading, list, table or code block of its own.
//
// They escape only what Markdown could read as syntax where it stands, so ordinary text stays
// as it was written ("Me → Settings", "Account & Security", "1-2 days", `red_packets`).

/// The raw HTML the generator itself writes, and nothing else: a line break in a table cell,
/// the folded profile of a worked example, and the anchor of a source (`source_anchor`). The
/// HTML renderer lets these exact strings through and shows any other HTML as text.
pub(crate) const BR: &str = "<br>";
pub(crate) const DETAILS_OPEN: &str = "<details><summary>Profile</summary>";
pub(crate) const DETAILS_CLOSE: &str = "</details>";

/// One line of rule text (line breaks become spaces), escaped so that Markdown reads it as
/// that text wherever the line puts it, also at the start of a line or of a list item, in a
/// heading and in a table cell (`|` is escaped too). A code span the text writes in backticks,
/// as in "add `account: current` to the card", stays a code span: its content is shown as
/// it is, never read as Markdown or HTML.
pub(super) fn text(s: &str) -> String {
    let line = s.lines().map(str::trim).collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(line.len() + 8);
    escape_line(line.trim(), &mut out);
    out
}

/// A doc comment as paragraphs: its lines stay lines, a blank line starts a new paragraph,
/// and each line is escaped as `text` escapes it, so no line can start a heading, a list, a
/// quote, a table or a code block.
pub(super) fn block(s: &str) -> String {
    let mut paragraphs = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    for line in s.lines().map(str::trim) {
        if line.is_empty() {
            if !lines.is_empty() {
                paragraphs.push(lines.join("\n"));
                lines.clear();
            }
        } else {
            let mut out = String::new();
            escape_line(line, &mut out);
            lines.push(out);
        }
    }
    if !lines.is_empty() {
        paragraphs.push(lines.join("\n"));
    }
    paragraphs.join("\n\n")
}

/// Escapes `line` (trimmed, without line breaks) into `out`.
fn escape_line(line: &str, out: &mut String) {
    let chars: Vec<char> = line.chars().collect();
    let at = |i: usize| chars.get(i).copied();
    let space_or_end = |i: usize| at(i).is_none_or(char::is_whitespace);
    // What a line may start with that Markdown reads as a block: a heading (`# `), a quote
    // (`>`), a list item (`- `, `+ `, `1. `, `1) `), a thematic break or a setext underline
    // (`---`, `===`). The rest of the block syntax starts with a character escaped anywhere.
    let hashes = chars.iter().take_while(|&&c| c == '#').count();
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let escape_at = match at(0) {
        Some('>') => Some(0),
        Some('#') if hashes <= 6 && space_or_end(hashes) => Some(0),
        Some(c @ ('-' | '+' | '='))
            if space_or_end(1) || chars.iter().all(|&x| x == c || x.is_whitespace()) =>
        {
            Some(0)
        }
        Some(_)
            if (1..=9).contains(&digits)
                && matches!(at(digits), Some('.' | ')'))
                && space_or_end(digits + 1) =>
        {
            Some(digits)
        }
        _ => None,
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if escape_at == Some(i) {
            out.push('\\');
            out.push(c);
            i += 1;
            continue;
        }
        match c {
            '`' => {
                let run = chars[i..].iter().take_while(|&&c| c == '`').count();
                let end = code_span_end(&chars, i, run);
                match end {
                    Some(end) => out.extend(&chars[i..end]),
                    None => (0..run).for_each(|_| out.push_str("\\`")),
                }
                i = end.unwrap_or(i + run);
                continue;
            }
            // Emphasis, links and images, escapes, table cells, strikethrough, (GitHub's) math.
            '\\' | '*' | '[' | ']' | '|' | '~' | '$' => out.push('\\'),
            // An underscore inside a word (`red_packets`) cannot emphasise.
            '_' if !(i > 0
                && chars[i - 1].is_alphanumeric()
                && at(i + 1).is_some_and(char::is_alphanumeric)) =>
            {
                out.push('\\')
            }
            // A tag, a comment or an autolink (`<a`, `</`, `<!`, `<?`, `<https:`, `<.x@y>`)
            // starts with `<` and an ASCII letter, digit or sign; not with a space, a
            // character beyond ASCII or one of the signs no tag, scheme or e-mail address
            // starts with (`<,`).
            '<' if !at(i + 1).is_some_and(|n| {
                n.is_whitespace() || !n.is_ascii() || ",;:\"()[]<>\\@".contains(n)
            }) =>
            {
                out.push('\\')
            }
            // An entity (`&lt;`, `&#60;`) starts with `&` and a letter, a digit or `#`.
            '&' if at(i + 1).is_none_or(|n| n == '#' || n.is_ascii_alphanumeric()) => {
                out.push('\\')
            }
            // A closing sequence of a heading: a run of `#` at the end, after a space.
            '#' if i > 0
                && chars[i - 1].is_whitespace()
                && chars[i..].iter().all(|&x| x == '#' || x.is_whitespace()) =>
            {
                out.push('\\')
            }
            _ => {}
        }
        out.push(c);
        i += 1;
    }
}

/// Where the code span opened by the `run` backticks at `start` ends (after its closing
/// backticks), when the text writes one that is safe to keep: one or two backticks (three
/// could open a code block at the start of a line), closed by a run of the same length on the
/// same line, with no `|` inside (a table would split the cell there; `\|` would show the
/// backslash elsewhere). Otherwise the backticks are escaped and shown.
fn code_span_end(chars: &[char], start: usize, run: usize) -> Option<usize> {
    if run > 2 {
        return None;
    }
    let mut i = start + run;
    while i < chars.len() {
        if chars[i] == '`' {
            let close = chars[i..].iter().take_while(|&&c| c == '`').count();
            if close == run {
                return (!chars[start + run..i].contains(&'|')).then_some(i + close);
            }
            i += close;
        } else {
            i += 1;
        }
    }
    None
}

/// The longest run of `c` in `s`.
fn longest_run(s: &str, c: char) -> usize {
    s.split(|x| x != c).map(str::len).max().unwrap_or(0)
}

/// A code span showing `s` exactly (line breaks as spaces): its backticks are more than any
/// run of backticks inside. Not for table cells (a `|` inside would split the cell).
pub(super) fn code(s: &str) -> String {
    let content = s.replace(['\n', '\r'], " ");
    let ticks = "`".repeat(longest_run(&content, '`') + 1);
    // One space on each side is taken off a span that has both; add them when the content
    // starts or ends with a backtick or itself has both.
    let pad = content.starts_with('`')
        || content.ends_with('`')
        || (content.len() > 1
            && content.starts_with(' ')
            && content.ends_with(' ')
            && !content.trim().is_empty());
    let pad = if pad || content.is_empty() { " " } else { "" };
    format!("{ticks}{pad}{content}{pad}{ticks}")
}

/// A fenced code block holding `content` as it is: the fence is longer than any run of
/// backticks in the content (at least three), so no line of it can close the block early.
pub(super) fn fenced(info: &str, content: &str) -> String {
    let fence = "`".repeat(3.max(longest_run(content, '`') + 1));
    format!("{fence}{info}\n{}{fence}\n", ensure_newline(content))
}

/// A link destination that Markdown reads back as `url`: white space and control characters
/// are percent-encoded (a destination has none), and the characters that could end it or
/// start an escape or an entity are backslash-escaped.
pub(super) fn link_dest(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_whitespace() || c.is_control() {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        } else {
            if matches!(c, '(' | ')' | '<' | '>' | '\\' | '&' | '`') {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// A link to `dest` showing `label` (both rule text); a destination that is not a safe link
/// (`html::is_safe_link`) is shown after the label as text instead.
pub(super) fn link(label: &str, dest: &str) -> String {
    if super::html::is_safe_link(dest) {
        format!("[{}]({})", text(label), link_dest(dest))
    } else {
        format!("{} ({})", text(label), text(dest))
    }
}

fn ensure_newline(text: &str) -> String {
    if text.ends_with('\n') {
        text.to_string()
    } else {
        format!("{text}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use pulldown_cmark::{Event, Options, Parser, Tag};

    /// What pulldown-cmark reads in `md`: the tags it opens, and the text it shows (code spans
    /// in backticks, soft breaks as line breaks, paragraphs apart by a blank line).
    fn read(md: &str) -> (Vec<String>, String) {
        let mut tags = Vec::new();
        let mut shown = String::new();
        for event in Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
            match event {
                Event::Start(tag) => {
                    if matches!(tag, Tag::Paragraph) && !shown.is_empty() {
                        shown.push_str("\n\n");
                    }
                    tags.push(format!("{tag:?}"));
                }
                Event::Text(t) => shown.push_str(&t),
                Event::Code(c) => {
                    shown.push('`');
                    shown.push_str(&c);
                    shown.push('`');
                }
                Event::SoftBreak => shown.push('\n'),
                Event::End(_) => {}
                other => tags.push(format!("{other:?}")),
            }
        }
        (tags, shown)
    }

    /// Where the pages put rule text, with `{}` for the text.
    const PLACES: &[&str] = &[
        "{}\n",
        "What to do: {}\n",
        "#### {}\n",
        "- {}\n",
        "1. {}\n",
        "> - *guide*: {}\n",
        "**Hotline:** {}\n",
        "- **{}** (`code`)\n",
        "[{}](https://example.org)\n",
        "| a | b |\n| --- | --- |\n| x | {} |\n",
    ];

    /// Stands for the rule text where the pages put it: a character no rule text has.
    const HOLE: &str = "\u{E000}";

    /// Rule text full of what Markdown reads as syntax, on one line.
    const LINE: &str = "[ a-zA-Z0-9_*\\\\\\[\\]()<>&#!|~$=+\\-.:;'\"/?@{}^%,→中é]{1,40}";

    proptest! {
        #[test]
        fn text_reads_as_itself_wherever_it_stands(s in LINE) {
            prop_assume!(!s.trim().is_empty());
            for place in PLACES {
                let (tags, shown) = read(&place.replace("{}", &text(&s)));
                let (expected_tags, expected) = read(&place.replace("{}", HOLE));
                prop_assert_eq!(&tags, &expected_tags, "{:?} in {:?}", s, place);
                prop_assert_eq!(shown, expected.replace(HOLE, s.trim()), "in {:?}", place);
            }
        }

        #[test]
        fn backticks_make_code_spans_at_most(s in "[ a-z`<>|\\[\\]()#*_]{1,30}") {
            prop_assume!(!s.trim().is_empty());
            for place in PLACES {
                let (tags, _) = read(&place.replace("{}", &text(&s)));
                let (expected_tags, _) = read(&place.replace("{}", HOLE));
                let tags: Vec<_> = tags.into_iter().filter(|t| !t.starts_with("Code(")).collect();
                prop_assert_eq!(tags, expected_tags, "{:?} in {:?}", s, place);
            }
        }

        #[test]
        fn doc_comments_read_as_themselves(lines in proptest::collection::vec(
            "[ a-z0-9_*\\\\\\[\\]<>&#|~=+\\-.)]{0,12}", 1..6,
        )) {
            let doc = lines.join("\n");
            let expected: Vec<String> = doc
                .split('\n')
                .map(str::trim)
                .collect::<Vec<_>>()
                .split(|l| l.is_empty())
                .filter(|p| !p.is_empty())
                .map(|p| p.join("\n"))
                .collect();
            let (tags, shown) = read(&block(&doc));
            prop_assert!(tags.iter().all(|t| t == "Paragraph"), "{:?}: {:?}", doc, tags);
            prop_assert_eq!(shown, expected.join("\n\n"));
        }

        #[test]
        fn code_shows_its_content(s in "[ a-z`<>|]{1,20}") {
            let (tags, shown) = read(&format!("a {} b", code(&s)));
            prop_assert_eq!(tags, vec!["Paragraph".to_string()]);
            prop_assert_eq!(shown, format!("a `{s}` b"));
        }

        #[test]
        fn fenced_blocks_hold_their_content(s in "[ a-z`~<>/\n]{0,40}") {
            let md = format!("{}\nafter\n", fenced("yaml", &s));
            let mut events = Parser::new(&md);
            let start = events.next();
            prop_assert!(matches!(start, Some(Event::Start(Tag::CodeBlock(_)))), "{:?}", start);
            let mut content = String::new();
            for event in events.by_ref() {
                match event {
                    Event::Text(t) => content.push_str(&t),
                    _ => break,
                }
            }
            prop_assert_eq!(content, ensure_newline(&s));
            let (_, shown) = read(&md);
            prop_assert!(shown.ends_with("after"));
        }

        #[test]
        fn link_destinations_read_back(url in "https://[a-z0-9_()<>&#;%\\\\`\\[\\]*\"'.:/?=-]{0,30}") {
            let md = format!("[a]({})", link_dest(&url));
            let dest = Parser::new(&md).find_map(|e| match e {
                Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.to_string()),
                _ => None,
            });
            prop_assert_eq!(dest, Some(url));
        }
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        for s in [
            "Me → Settings → Account & Security → Real-Name Verification",
            "Wait 1 to 2 days (since 2017-09-26); it's 3% above 200 CNY.",
            "payments, transfers, withdrawals, red_packets",
            "44 letters, digits and < at the bottom, with <, or <中",
            "add `account: current` to the card",
        ] {
            assert_eq!(text(s), s);
        }
        assert_eq!(
            text("<script>alert(1)</script> [x](javascript:alert(1)) *a* _b_ a|b &lt; #"),
            "\\<script>alert(1)\\</script> \\[x\\](javascript:alert(1)) \\*a\\* \\_b\\_ a\\|b \\&lt; \\#"
        );
        assert_eq!(text("# Heading"), "\\# Heading");
        assert_eq!(text("1. first"), "1\\. first");
        assert_eq!(text("- item"), "\\- item");
        assert_eq!(text("> quote"), "\\> quote");
        assert_eq!(text("```"), "\\`\\`\\`");
        assert_eq!(code("a ` b"), "``a ` b``");
        assert_eq!(code("``x"), "``` ``x ```");
        assert_eq!(
            fenced("text", "a\n````\nb"),
            "`````text\na\n````\nb\n`````\n"
        );
    }
}
