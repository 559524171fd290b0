//! `--redact`: masks the values of `sensitive` fields (document and card numbers) in every
//! output, for services that keep logs. Masking keeps byte lengths, so positions stay valid.
//!
//! Three cases:
//!
//! * A profile that loaded ([`redact`]): the spans of the `sensitive` fields are known from the
//!   typed profile and masked. Fields the rules do not know are masked too when their name looks
//!   like a number's (`card_no`, `passport`, `id_number`), and within any other unknown field
//!   the words that look like a document or card number are: the human report shows an unknown
//!   field's line, and nothing says it holds no number.
//! * A profile that did not load ([`redact_load_error`]): there is no tree, so its text is
//!   masked line by line with what the schema knows ([`mask_unloaded_text`]).
//! * Texts shown on their own (a fix's old and new value, messages): [`mask_text`].

use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

use crate::code::ProfileCode;
use crate::compile::ir::Schema;
use crate::eval::AppReport;
use crate::profile::{Node, NodeValue, ProfileDocument, ProfileSyntaxError};

pub use crate::eval::mask::{mask, mask_text};

/// The code of the finding for a field the schema does not have.
const UNKNOWN_FIELD: &str = ProfileCode::UnknownField.as_str();

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
    mask_unknown_fields(profile, reports, &mut text);
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
                if finding.code == UNKNOWN_FIELD {
                    // The message, help and path quote the key, which may be a number.
                    finding.message = mask_number_like_text(&finding.message);
                    finding.help = finding.help.as_deref().map(mask_number_like_text);
                    finding.field = mask_number_like_text(&finding.field);
                }
            }
            r
        })
        .collect();
    (doc, reports)
}

/// Masks, in `text`, the values of the fields the reports say the rules do not know: all of a
/// value whose name looks like a number's, the number-like words of any other (and of the key).
fn mask_unknown_fields(profile: &ProfileDocument, reports: &[AppReport], text: &mut String) {
    let mut key_spans: Vec<Range<usize>> = reports
        .iter()
        .flat_map(|r| &r.findings)
        .filter(|f| f.code == UNKNOWN_FIELD)
        .filter_map(|f| f.span.clone())
        .collect();
    key_spans.sort_by_key(|s| (s.start, s.end));
    key_spans.dedup();
    if key_spans.is_empty() {
        return;
    }
    let mut stack = vec![&profile.root];
    while let Some(node) = stack.pop() {
        match &node.value {
            NodeValue::Map(entries) => {
                for entry in entries {
                    let key = (entry.key_span.start, entry.key_span.end);
                    if key_spans
                        .binary_search_by_key(&key, |s| (s.start, s.end))
                        .is_ok()
                    {
                        if let Some(written) = profile.text.get(entry.key_span.clone()) {
                            let masked = mask_number_like(written);
                            text.replace_range(entry.key_span.clone(), &masked);
                        }
                        let whole = looks_sensitive_name(&entry.key);
                        let mut scalars = Vec::new();
                        scalar_spans(&entry.value, &mut scalars);
                        for span in scalars {
                            let Some(value) = profile.text.get(span.clone()) else {
                                continue;
                            };
                            let masked = if whole {
                                mask(value)
                            } else {
                                mask_number_like(value)
                            };
                            text.replace_range(span, &masked);
                        }
                    } else {
                        stack.push(&entry.value);
                    }
                }
            }
            NodeValue::Seq(items) => stack.extend(items),
            _ => {}
        }
    }
}

/// The spans of every scalar in `node`.
fn scalar_spans(node: &Node, out: &mut Vec<Range<usize>>) {
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        match &node.value {
            NodeValue::Scalar { .. } => out.push(node.span.clone()),
            NodeValue::Seq(items) => stack.extend(items),
            NodeValue::Map(entries) => stack.extend(entries.iter().map(|e| &e.value)),
            NodeValue::Null => {}
        }
    }
}

/// A load error fit for `--redact`: its snippet shows the profile's text with the values of
/// sensitive fields masked (see [`mask_unloaded_text`]), and its message, label and help show
/// no number-like word unmasked. Offsets are kept, so the label points where it did.
pub fn redact_load_error(error: &ProfileSyntaxError, schema: &Schema) -> ProfileSyntaxError {
    let masked = mask_unloaded_text(error.source_text(), schema);
    error.with_text(Arc::from(masked), mask_number_like_text)
}

/// The field names of a schema: those of every record, and which are `sensitive`.
#[derive(Debug, Clone, Default)]
pub struct FieldNames {
    known: HashSet<String>,
    sensitive: HashSet<String>,
}

/// How a key's value is masked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeyClass {
    /// A `sensitive` field, or an unknown one whose name looks like a number's: all of it.
    Sensitive,
    /// A field of the schema that is not sensitive: nothing.
    Known,
    /// A key the schema does not know: its number-like words.
    Unknown,
}

impl FieldNames {
    /// The names of every field of every record of `schema`. A name that is `sensitive` in one
    /// record counts as sensitive everywhere, since a text that did not load has no records.
    pub fn from_schema(schema: &Schema) -> Self {
        let mut names = FieldNames::default();
        for field in schema.records.iter().flat_map(|r| &r.fields) {
            names.known.insert(field.name.clone());
            if field.sensitive {
                names.sensitive.insert(field.name.clone());
            }
        }
        names
    }

    fn class(&self, key: &str) -> KeyClass {
        let key = key.trim();
        if self.sensitive.contains(key) {
            KeyClass::Sensitive
        } else if self.known.contains(key) {
            KeyClass::Known
        } else if looks_sensitive_name(key) {
            KeyClass::Sensitive
        } else {
            KeyClass::Unknown
        }
    }
}

/// Whether a field name the schema does not know looks like that of a document or card number:
/// it holds `number`, `passport`, `card`, `mrz` or `iban`, or ends in `_no`, `-no`, `No`,
/// `_num` or `_nr` (`card_no`, `passportNo`, `id_number`).
pub fn looks_sensitive_name(key: &str) -> bool {
    let lower = key.trim().to_lowercase();
    ["number", "passport", "card", "mrz", "iban"]
        .iter()
        .any(|word| lower.contains(word))
        || ["_no", "-no", " no", "_num", "-num", "_nr", "-nr"]
            .iter()
            .any(|suffix| lower.ends_with(suffix))
        || key
            .trim()
            .strip_suffix("No")
            .and_then(|rest| rest.chars().next_back())
            .is_some_and(char::is_lowercase)
}

/// `text` with every word that looks like a document or card number masked to its last four
/// characters (one `*` per byte, so offsets into it stay valid): a word of letters, digits and
/// `<` with six digits or more, or of eight characters or more with four digits and a letter
/// (`A12345678`, `L898902C36UTO7408122F...`), and groups of digits split by single spaces or
/// dashes that hold nine digits or more (`6225 8800 0000 0001`). Dates keep their digits.
pub fn mask_number_like(text: &str) -> String {
    let mut out = text.to_owned();
    for range in number_like_ranges(text) {
        let masked = mask(&text[range.clone()]);
        out.replace_range(range, &masked);
    }
    out
}

/// Like [`mask_number_like`] for a text shown on its own (a message): one `*` per character.
fn mask_number_like_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for range in number_like_ranges(text) {
        out.push_str(&text[last..range.start]);
        out.push_str(&mask_text(&text[range.clone()]));
        last = range.end;
    }
    out.push_str(&text[last..]);
    out
}

/// The byte ranges of the number-like words of `text` (see [`mask_number_like`]).
fn number_like_ranges(text: &str) -> Vec<Range<usize>> {
    struct Word {
        range: Range<usize>,
        digits: usize,
        letters: usize,
        chars: usize,
    }
    let is_word_char = |c: char| c.is_alphanumeric() || c == '<';
    let mut words: Vec<Word> = Vec::new();
    let mut current: Option<Word> = None;
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            let word = current.get_or_insert(Word {
                range: i..i,
                digits: 0,
                letters: 0,
                chars: 0,
            });
            word.range.end = i + c.len_utf8();
            word.chars += 1;
            if c.is_numeric() {
                word.digits += 1;
            } else if c.is_alphabetic() {
                word.letters += 1;
            }
        } else if let Some(word) = current.take() {
            words.push(word);
        }
    }
    words.extend(current);

    let mut out: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        // A group of digit-only words, each after the previous one and a single space or dash.
        let mut j = i;
        let mut digits = 0;
        while j < words.len() && words[j].digits == words[j].chars {
            digits += words[j].digits;
            let joined = words.get(j + 1).is_some_and(|next| {
                next.range.start == words[j].range.end + 1
                    && matches!(text.as_bytes()[words[j].range.end], b' ' | b'-')
                    && next.digits == next.chars
            });
            j += 1;
            if !joined {
                break;
            }
        }
        if j > i + 1 && digits >= 9 {
            out.push(words[i].range.start..words[j - 1].range.end);
            i = j;
            continue;
        }
        let word = &words[i];
        if word.digits >= 6 || (word.chars >= 8 && word.digits >= 4 && word.letters >= 1) {
            out.push(word.range.clone());
        }
        i += 1;
    }
    out
}

/// The text of a profile that did not load, with the values of sensitive fields masked (one `*`
/// per byte, so positions into it stay valid).
///
/// Without a tree, the text is read line by line, the way YAML and JSON lay out keys:
///
/// * The value after a key that is a `sensitive` field of `schema` (`number`, `mrz`), or a key
///   the schema does not know whose name looks like a number's ([`looks_sensitive_name`]), is
///   masked: `number: 123`, `"number": "123"`, `{number: 123, ...}`, a value on the lines under
///   the key (`number:` then an indented value, a block scalar `mrz: |` and its lines, a plain
///   or quoted value that goes on over several lines).
/// * The value of a key the schema knows and does not mark sensitive is shown.
/// * Keys that look like numbers are masked as numbers (a duplicate key is quoted in the
///   message, which is masked the same way).
/// * Everything else, which cannot be attributed to a known field (the value of an unknown key,
///   a comment, a bare scalar on its own line, what is left of a broken flow mapping), has its
///   number-like words masked ([`mask_number_like`]): rather masked than risked.
pub fn mask_unloaded_text(text: &str, schema: &Schema) -> String {
    let names = FieldNames::from_schema(schema);
    let mut masker = Masker {
        text,
        names: &names,
        whole: Vec::new(),
        numbers: Vec::new(),
        flow_depth: 0,
        carry: None,
        open_quote: None,
        pending: None,
    };
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let end = start + line.trim_end_matches(['\n', '\r']).len();
        masker.line(start, end);
        start += line.len();
    }
    masker.finish()
}

/// Which of the following lines belong to a sensitive value.
#[derive(Debug, Clone, Copy)]
struct Carry {
    /// The column of the value's key: lines indented deeper go on the value.
    column: usize,
    /// For a block scalar, the indentation of its first line once seen: lines indented less
    /// end it.
    block: Option<Option<usize>>,
}

/// The state of [`mask_unloaded_text`] between lines.
struct Masker<'t> {
    text: &'t str,
    names: &'t FieldNames,
    /// Ranges masked whole (sensitive values, without their quotes).
    whole: Vec<Range<usize>>,
    /// Ranges whose number-like words are masked.
    numbers: Vec<Range<usize>>,
    /// Unclosed `[` and `{` so far (`,` and brackets separate entries inside them).
    flow_depth: usize,
    /// The lines that go on the sensitive value of the line before (a block scalar, a
    /// multi-line value, a value on the next line).
    carry: Option<Carry>,
    /// A quoted value of this class that is not closed on its line.
    open_quote: Option<(char, KeyClass)>,
    /// A key at the end of a line inside `{...}`, whose value comes on a later line.
    pending: Option<KeyClass>,
}

impl Masker<'_> {
    fn value(&mut self, class: KeyClass, range: Range<usize>) {
        match class {
            KeyClass::Sensitive => self.whole.push(range),
            KeyClass::Unknown => self.numbers.push(range),
            KeyClass::Known => {}
        }
    }

    fn line(&mut self, start: usize, end: usize) {
        let text = self.text;
        let line = &text[start..end];
        let mut pos = start;
        if let Some((quote, class)) = self.open_quote {
            match closing_quote(line, quote) {
                Some(close) => {
                    self.value(class, start..start + close);
                    self.open_quote = None;
                    pos = start + close + 1;
                }
                None => {
                    self.value(class, start..end);
                    return;
                }
            }
        } else if let Some(carry) = &mut self.carry {
            // Only spaces indent in YAML.
            let indent = line.len() - line.trim_start_matches(' ').len();
            if line.trim().is_empty() {
                return;
            }
            let goes_on = match &mut carry.block {
                Some(Some(content)) => indent >= *content,
                Some(first @ None) if indent > carry.column => {
                    *first = Some(indent);
                    true
                }
                _ => indent > carry.column,
            };
            if goes_on {
                self.whole.push(start + indent..end);
                return;
            }
            self.carry = None;
        }
        self.scan(start, pos, end);
    }

    /// Reads the entries of one line from `pos` on.
    fn scan(&mut self, line_start: usize, mut pos: usize, end: usize) {
        let text = self.text;
        // The key of the entry being read, where it is written, and whether it has its value.
        let mut key: Option<(KeyClass, usize)> = None;
        let mut has_value = false;
        while pos < end {
            let rest = &text[pos..end];
            let c = rest.chars().next().unwrap_or(' ');
            let next = rest[c.len_utf8()..].chars().next();
            let blank_after = next.is_none_or(|n| n == ' ' || n == '\t');
            let after_blank = pos == line_start || text[..pos].ends_with([' ', '\t']);
            match c {
                ' ' | '\t' => pos += 1,
                '#' if after_blank => {
                    self.numbers.push(pos..end);
                    pos = end;
                }
                '-' | '?' if blank_after && self.flow_depth == 0 => pos += 1,
                '{' | '[' => {
                    self.flow_depth += 1;
                    (key, has_value) = (None, false);
                    pos += 1;
                }
                '}' | ']' => {
                    self.flow_depth = self.flow_depth.saturating_sub(1);
                    (key, has_value) = (None, false);
                    pos += 1;
                }
                ',' if self.flow_depth > 0 => {
                    (key, has_value) = (None, false);
                    pos += 1;
                }
                ':' if blank_after || self.flow_depth > 0 => {
                    // A `:` with no key before it.
                    pos += 1;
                }
                '&' | '!' | '*' if after_blank || text[..pos].ends_with(['[', '{', ',', ':']) => {
                    pos += token_len(rest);
                }
                '|' | '>' if key.is_some() && !has_value && block_header(rest) => {
                    if let Some((KeyClass::Sensitive, column)) = key {
                        self.carry = Some(Carry {
                            column,
                            block: Some(None),
                        });
                    }
                    // A comment after the header.
                    if let Some(hash) = rest.find(" #") {
                        self.numbers.push(pos + hash..end);
                    }
                    return;
                }
                _ => {
                    let quoted = c == '"' || c == '\'';
                    let (token_end, content, closed) = if quoted {
                        match closing_quote(&rest[1..], c) {
                            Some(close) => (pos + 1 + close + 1, pos + 1..pos + 1 + close, true),
                            None => (end, pos + 1..end, false),
                        }
                    } else {
                        let len = plain_len(rest, self.flow_depth > 0);
                        (pos + len, pos..pos + len, true)
                    };
                    // A key when a `:` follows it.
                    let after = &text[token_end..end];
                    let trimmed = after.trim_start_matches([' ', '\t']);
                    let is_key = closed
                        && trimmed.starts_with(':')
                        && (quoted
                            || self.flow_depth > 0
                            || trimmed[1..].is_empty()
                            || trimmed[1..].starts_with([' ', '\t']));
                    if is_key {
                        // A number written where a key goes is still a number.
                        self.numbers.push(content.clone());
                        let class = self.names.class(&text[content.clone()]);
                        key = Some((class, pos - line_start));
                        has_value = false;
                        pos = token_end + (after.len() - trimmed.len()) + 1;
                        continue;
                    }
                    let class = match (key, has_value, self.pending.take()) {
                        (Some((class, _)), false, _) => class,
                        (None, _, Some(class)) => class,
                        _ => KeyClass::Unknown,
                    };
                    self.value(class, content.clone());
                    has_value = true;
                    if !closed && class != KeyClass::Known {
                        self.open_quote = Some((c, class));
                    }
                    pos = token_end;
                }
            }
        }
        match key {
            // A sensitive value may go on over the following, deeper indented lines.
            Some((KeyClass::Sensitive, column)) if self.flow_depth == 0 => {
                self.carry = Some(Carry {
                    column,
                    block: None,
                });
            }
            Some((class, _)) if !has_value && self.flow_depth > 0 => self.pending = Some(class),
            _ => {}
        }
    }

    fn finish(mut self) -> String {
        let text = self.text;
        let mut out = text.to_owned();
        for range in &self.numbers {
            for word in number_like_ranges(&text[range.clone()]) {
                let word = range.start + word.start..range.start + word.end;
                let masked = mask(&text[word.clone()]);
                out.replace_range(word, &masked);
            }
        }
        // Parts of one value split over lines are masked together, so that only the last four
        // characters of the whole value are shown.
        self.whole.sort_by_key(|r| r.start);
        let mut merged: Vec<Range<usize>> = Vec::new();
        for range in self.whole {
            match merged.last_mut() {
                Some(last)
                    if range.start <= last.end || text[last.end..range.start].trim().is_empty() =>
                {
                    last.end = last.end.max(range.end);
                }
                _ => merged.push(range),
            }
        }
        for range in merged {
            let masked = mask(&text[range.clone()]);
            out.replace_range(range, &masked);
        }
        out
    }
}

/// The offset in `s` of the quote that closes a `quote`-quoted scalar whose content starts `s`.
fn closing_quote(s: &str, quote: char) -> Option<usize> {
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if quote == '"' && c == '\\' {
            chars.next();
        } else if c == quote {
            if quote == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') {
                chars.next();
            } else {
                return Some(i);
            }
        }
    }
    None
}

/// The length of a plain scalar at the start of `s`: up to `: `, ` #`, the end of the line, or
/// in a flow collection a `,`, bracket or `:`; without trailing blanks.
fn plain_len(s: &str, flow: bool) -> usize {
    let mut end = s.len();
    let mut previous = ' ';
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let stop = match c {
            ':' => next.is_none_or(|n| n == ' ' || n == '\t' || (flow && ",[]{}".contains(n))),
            '#' => i > 0 && (previous == ' ' || previous == '\t'),
            ',' | '[' | ']' | '{' | '}' => flow && i > 0,
            _ => false,
        };
        if stop {
            end = i;
            break;
        }
        previous = c;
    }
    let len = s[..end].trim_end_matches([' ', '\t']).len();
    len.max(s.chars().next().map_or(0, char::len_utf8))
}

/// The length of an anchor, tag or alias token at the start of `s`.
fn token_len(s: &str) -> usize {
    s.find(|c: char| c == ' ' || c == '\t' || ",[]{}".contains(c))
        .unwrap_or(s.len())
        .max(1)
}

/// Whether `s` starts with a block scalar header: `|` or `>`, indicators, then nothing but an
/// optional comment.
fn block_header(s: &str) -> bool {
    let rest = s[1..].trim_start_matches(['-', '+', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    let trimmed = rest.trim_start_matches([' ', '\t']);
    trimmed.is_empty() || (trimmed.starts_with('#') && trimmed.len() < rest.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_like_words() {
        let masked = |s: &str| mask_number_like(s);
        assert_eq!(masked("6225880000000001"), "************0001");
        assert_eq!(masked("card A12345678 ok"), "card *****5678 ok");
        assert_eq!(masked("6225 8800 0000 0001"), "**** **** **** 0001");
        assert_eq!(masked("born 1990-05-01"), "born 1990-05-01");
        assert_eq!(masked("+27821234567"), "+*******4567");
        assert_eq!(masked("JOHN SMITH, ICBC 12345"), "JOHN SMITH, ICBC 12345");
        assert_eq!(masked("L898902C3"), "*****02C3");
        assert_eq!(masked("P<UTOERIKSSON<<ANNA"), "P<UTOERIKSSON<<ANNA");
        assert_eq!(
            mask_number_like_text("`A12345678` twice"),
            "`*****5678` twice"
        );
    }

    #[test]
    fn sensitive_looking_names() {
        for name in [
            "card_no",
            "passport",
            "id_number",
            "passportNo",
            "cardNumber",
            "mrz_line",
            "doc-no",
            "iban",
        ] {
            assert!(looks_sensitive_name(name), "{name}");
        }
        for name in ["name", "notes", "phone", "casino", "nationality", "info"] {
            assert!(!looks_sensitive_name(name), "{name}");
        }
    }
}
