//! Reading a JSON profile (RFC 8259) into the same [`Node`] tree, with the same byte spans,
//! that the YAML path builds for the same text.
//!
//! # Why JSON has its own reader
//!
//! JSON is close to YAML's flow style, and profiles were once read through the YAML parser.
//! That accepted a great deal that is not JSON (comments, single quotes, unquoted words,
//! trailing commas, `.5`, hex numbers, tabs inside strings) and refused some JSON (DEL and
//! U+FFFF inside strings), and it was about eight times slower than a JSON parser. A JSON
//! profile is often made by a program, and what that program's JSON library writes must load;
//! what a person types into a `.json` file and no JSON tool would read must be refused, with
//! the reason in plain words.
//!
//! # What the tree looks like
//!
//! Exactly what the YAML path gives, so that findings, fixes and reports do not depend on the
//! reader (`json_tests.rs` compares the two on many documents):
//!
//! * a string is a [`ScalarStyle::DoubleQuoted`] scalar whose span includes its quotes; its text
//!   is the decoded content;
//! * a number, `true` and `false` are [`ScalarStyle::Plain`] scalars holding the text as typed
//!   (`1.50` stays `1.50`: the rules read text, not numbers);
//! * `null` is [`NodeValue::Null`] with the span of the word;
//! * an object or array spans from its opening bracket to its closing one; keys keep the span
//!   of their quoted token.
//!
//! # Decisions where RFC 8259 leaves a choice
//!
//! * A `\u` escape of half a surrogate pair without its other half (`"\ud800"`) is refused: it
//!   stands for no character, so it cannot be text in the profile.
//! * A leading byte-order mark is skipped, as the YAML path always did for `.json` files; the
//!   spans still count its three bytes, so they index the text as given.
//! * A field name given twice in one object is refused, as in YAML: the checker would not know
//!   which value is meant.
//! * Nesting deeper than [`MAX_DEPTH`] and more than [`MAX_NODES`] values (keys included, as
//!   YAML counts them) are refused at the value that crosses the limit. The reader keeps open
//!   arrays and objects on its own stack, so no input can exhaust the call stack.

mod errors;

use errors::{
    leading_zero, lone_surrogate, trailing_comma, unclosed_string, unclosed_string_at_escape,
};

use super::load::{MAX_DEPTH, MAX_NODES};
use super::load_error::Problem;
use super::tree::{ByteSpan, MapEntry, Node, NodeValue, ScalarStyle};

/// The UTF-8 byte-order mark.
const BOM: &str = "\u{feff}";

/// Above this many fields an object checks for a repeated field name with a hash set instead of
/// comparing with every earlier name, so that a hostile object of 50,000 fields stays linear.
const LINEAR_KEY_SCAN: usize = 16;

/// Reads `text` as one JSON value. `Ok(None)` when it holds only whitespace (the caller says
/// the profile is empty, as it does for an empty YAML file).
pub(super) fn parse_json(text: &str) -> Result<Option<Node>, Problem> {
    Reader::new(text).run()
}

/// Whether `text` reads as JSON when its name does not say: its first character, after
/// whitespace and a byte-order mark, opens an object or an array.
pub(super) fn looks_like_json(text: &str) -> bool {
    text.strip_prefix(BOM)
        .unwrap_or(text)
        .trim_start_matches(is_json_whitespace_char)
        .starts_with(['{', '['])
}

fn is_json_whitespace_char(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// An array or object whose closing bracket has not been read yet.
enum Open {
    Array {
        start: usize,
        items: Vec<Node>,
    },
    Object {
        start: usize,
        entries: Vec<MapEntry>,
        /// The field whose value is being read.
        key: String,
        key_span: ByteSpan,
        /// The field names so far, once the object is too large to compare them one by one.
        seen: Option<std::collections::HashSet<String>>,
    },
}

impl Open {
    fn start(&self) -> usize {
        match self {
            Open::Array { start, .. } | Open::Object { start, .. } => *start,
        }
    }

    fn closer(&self) -> u8 {
        match self {
            Open::Array { .. } => b']',
            Open::Object { .. } => b'}',
        }
    }
}

struct Reader<'t> {
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
    stack: Vec<Open>,
    /// Values (keys included) read so far, for [`MAX_NODES`].
    nodes: usize,
}

/// What the reader expected where it found something else; chooses the words of the error.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Expected {
    Value,
    /// A `,` or the closing bracket of the innermost open array or object.
    CommaOrClose,
    /// A field name, after `{` or `,` in an object.
    Key,
    /// The `:` after a field name.
    Colon,
    /// Nothing more: the value is complete.
    End,
}

impl<'t> Reader<'t> {
    fn new(text: &'t str) -> Self {
        Reader {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            stack: Vec::new(),
            nodes: 0,
        }
    }

    fn run(mut self) -> Result<Option<Node>, Problem> {
        if self.text.starts_with(BOM) {
            self.pos = BOM.len();
        }
        self.skip_whitespace();
        if self.pos == self.bytes.len() {
            return Ok(None);
        }
        'value: loop {
            let mut node = match self.bytes.get(self.pos) {
                Some(b'[') => {
                    self.open(Open::Array {
                        start: self.pos,
                        items: Vec::new(),
                    })?;
                    self.skip_whitespace();
                    if self.bytes.get(self.pos) != Some(&b']') {
                        continue 'value;
                    }
                    self.pos += 1;
                    self.close()
                }
                Some(b'{') => {
                    self.open(Open::Object {
                        start: self.pos,
                        entries: Vec::new(),
                        key: String::new(),
                        key_span: 0..0,
                        seen: None,
                    })?;
                    self.skip_whitespace();
                    if self.bytes.get(self.pos) != Some(&b'}') {
                        self.key()?;
                        continue 'value;
                    }
                    self.pos += 1;
                    self.close()
                }
                _ => self.scalar()?,
            };
            // Hand the finished value to the open array or object, then read what follows it;
            // a closing bracket finishes that one too, so keep going up.
            loop {
                let Some(open) = self.stack.last_mut() else {
                    self.skip_whitespace();
                    if self.pos < self.bytes.len() {
                        return Err(self.unexpected(Expected::End));
                    }
                    return Ok(Some(node));
                };
                match open {
                    Open::Array { items, .. } => items.push(node),
                    Open::Object {
                        entries,
                        key,
                        key_span,
                        ..
                    } => entries.push(MapEntry {
                        key: std::mem::take(key),
                        key_span: key_span.clone(),
                        value: node,
                    }),
                }
                let closer = open.closer();
                self.skip_whitespace();
                match self.bytes.get(self.pos) {
                    Some(b',') => {
                        let comma = self.pos;
                        self.pos += 1;
                        self.skip_whitespace();
                        if self.bytes.get(self.pos) == Some(&closer) {
                            return Err(trailing_comma(comma, closer));
                        }
                        if closer == b'}' {
                            self.key()?;
                        }
                        continue 'value;
                    }
                    Some(&b) if b == closer => {
                        self.pos += 1;
                        node = self.close();
                    }
                    _ => return Err(self.unexpected(Expected::CommaOrClose)),
                }
            }
        }
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    /// Counts one value toward [`MAX_NODES`].
    fn count(&mut self, span: &ByteSpan) -> Result<(), Problem> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(Problem::too_large(span.clone()));
        }
        Ok(())
    }

    fn open(&mut self, open: Open) -> Result<(), Problem> {
        let bracket = self.pos..self.pos + 1;
        if self.stack.len() >= MAX_DEPTH {
            return Err(Problem::too_deep(bracket));
        }
        self.count(&bracket)?;
        self.stack.push(open);
        self.pos += 1;
        Ok(())
    }

    /// Finishes the innermost open array or object; its closing bracket has just been read.
    fn close(&mut self) -> Node {
        let open = self.stack.pop().expect("a bracket is open");
        let span = open.start()..self.pos;
        let value = match open {
            Open::Array { items, .. } => NodeValue::Seq(items),
            Open::Object { entries, .. } => NodeValue::Map(entries),
        };
        Node { value, span }
    }

    /// Reads a field name and the `:` after it, leaving the reader at the field's value.
    fn key(&mut self) -> Result<(), Problem> {
        if self.bytes.get(self.pos) != Some(&b'"') {
            return Err(self.unexpected(Expected::Key));
        }
        let (key, span) = self.string()?;
        self.count(&span)?;
        let Some(Open::Object {
            entries,
            key: pending,
            key_span,
            seen,
            ..
        }) = self.stack.last_mut()
        else {
            unreachable!("a field name is read only inside an object")
        };
        let repeated = match seen {
            Some(seen) => !seen.insert(key.clone()),
            None if entries.len() >= LINEAR_KEY_SCAN => {
                let mut names: std::collections::HashSet<String> =
                    entries.iter().map(|entry| entry.key.clone()).collect();
                let repeated = !names.insert(key.clone());
                *seen = Some(names);
                repeated
            }
            None => entries.iter().any(|entry| entry.key == key),
        };
        if repeated {
            return Err(Problem::duplicate_key(key, span));
        }
        *pending = key;
        *key_span = span;
        self.skip_whitespace();
        if self.bytes.get(self.pos) != Some(&b':') {
            return Err(self.unexpected(Expected::Colon));
        }
        self.pos += 1;
        self.skip_whitespace();
        Ok(())
    }

    /// Reads a string, number, `true`, `false` or `null` at the reader's position.
    fn scalar(&mut self) -> Result<Node, Problem> {
        let start = self.pos;
        let node = match self.bytes.get(start) {
            Some(b'"') => {
                let (text, span) = self.string()?;
                Node {
                    value: NodeValue::Scalar {
                        text,
                        style: ScalarStyle::DoubleQuoted,
                    },
                    span,
                }
            }
            Some(b'-' | b'0'..=b'9') => {
                let end = self.number()?;
                self.pos = end;
                plain(&self.text[start..end], start..end)
            }
            Some(b'a'..=b'z' | b'A'..=b'Z') => {
                let end = self.word_end(start);
                let span = start..end;
                let node = match &self.text[span.clone()] {
                    "null" => Node {
                        value: NodeValue::Null,
                        span,
                    },
                    word @ ("true" | "false") => plain(word, span),
                    _ => return Err(self.not_a_value(span)),
                };
                self.pos = end;
                node
            }
            _ => return Err(self.unexpected(Expected::Value)),
        };
        self.count(&node.span)?;
        Ok(node)
    }

    /// Where the run of letters, digits and number signs at `start` ends: the extent of what a
    /// person meant as one word or number, for the error that quotes it.
    fn word_end(&self, start: usize) -> usize {
        self.bytes[start..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'+' | b'-')))
            .map_or(self.bytes.len(), |n| start + n)
    }

    /// Checks the number at the reader's position against JSON's grammar and returns where it
    /// ends. The text is kept as typed; nothing is converted.
    fn number(&self) -> Result<usize, Problem> {
        let bytes = self.bytes;
        let start = self.pos;
        let digits_from = |i: usize| {
            bytes[i..]
                .iter()
                .position(|b| !b.is_ascii_digit())
                .map_or(bytes.len(), |n| i + n)
        };
        let mut i = start;
        if bytes[i] == b'-' {
            i += 1;
        }
        match bytes.get(i) {
            Some(b'0') if bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                return Err(leading_zero(start..self.word_end(start)));
            }
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => i = digits_from(i),
            _ => return Err(self.bad_number(start, "a digit must follow the minus sign")),
        }
        if bytes.get(i) == Some(&b'.') {
            if !bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
                return Err(self.bad_number(start, "a digit must follow the decimal point"));
            }
            i = digits_from(i + 1);
        }
        if let Some(b'e' | b'E') = bytes.get(i) {
            i += 1;
            if let Some(b'+' | b'-') = bytes.get(i) {
                i += 1;
            }
            if !bytes.get(i).is_some_and(u8::is_ascii_digit) {
                return Err(self.bad_number(start, "a digit must follow the exponent `e`"));
            }
            i = digits_from(i);
        }
        // `0x1F`, `1.2.3`, `12abc`: the number is followed by more of a word.
        if self.word_end(i) > i {
            return Err(self.bad_number(start, "only digits, one `.` and an exponent may follow"));
        }
        Ok(i)
    }

    /// Reads the string whose opening quote is at the reader's position: its decoded text and
    /// its span, quotes included.
    fn string(&mut self) -> Result<(String, ByteSpan), Problem> {
        let bytes = self.bytes;
        let start = self.pos;
        let mut i = start + 1;
        // Most strings have no escape: find the end and copy the text in one piece.
        loop {
            match bytes.get(i) {
                None => return Err(unclosed_string(start)),
                Some(b'"') => {
                    self.pos = i + 1;
                    return Ok((self.text[start + 1..i].to_owned(), start..i + 1));
                }
                Some(b'\\') => break,
                Some(&b) if b < 0x20 => return Err(self.control_character(start, i)),
                Some(_) => i += 1,
            }
        }
        let mut out = String::with_capacity(i - start);
        out.push_str(&self.text[start + 1..i]);
        loop {
            match bytes.get(i) {
                None => return Err(unclosed_string(start)),
                Some(b'"') => {
                    self.pos = i + 1;
                    return Ok((out, start..i + 1));
                }
                Some(b'\\') => i = self.escape(i, &mut out)?,
                Some(&b) if b < 0x20 => return Err(self.control_character(start, i)),
                Some(_) => {
                    // Copy the run up to the next quote, backslash or control character; each
                    // is ASCII, so the run ends on a character boundary.
                    let end = bytes[i..]
                        .iter()
                        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                        .map_or(bytes.len(), |n| i + n);
                    out.push_str(&self.text[i..end]);
                    i = end;
                }
            }
        }
    }

    /// Decodes the escape whose backslash is at `at` into `out`; returns where it ends.
    fn escape(&self, at: usize, out: &mut String) -> Result<usize, Problem> {
        let decoded = match self.bytes.get(at + 1) {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                let (c, end) = self.unicode_escape(at)?;
                out.push(c);
                return Ok(end);
            }
            None => return Err(unclosed_string_at_escape(at)),
            Some(_) => return Err(self.unknown_escape(at)),
        };
        out.push(decoded);
        Ok(at + 2)
    }

    /// Decodes `\uXXXX` at `at`, with the `\uXXXX` of the low half when it is the high half of a
    /// surrogate pair.
    fn unicode_escape(&self, at: usize) -> Result<(char, usize), Problem> {
        let unit = self.hex4(at)?;
        match unit {
            0xD800..=0xDBFF => {
                let low = (self.bytes.get(at + 6) == Some(&b'\\')
                    && self.bytes.get(at + 7) == Some(&b'u'))
                .then(|| self.hex4(at + 6))
                .transpose()?
                .filter(|low| (0xDC00..=0xDFFF).contains(low));
                let Some(low) = low else {
                    return Err(lone_surrogate(at..at + 6, unit));
                };
                let code = 0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
                let c = char::from_u32(code).expect("a surrogate pair is a character");
                Ok((c, at + 12))
            }
            0xDC00..=0xDFFF => Err(lone_surrogate(at..at + 6, unit)),
            _ => {
                let c = char::from_u32(u32::from(unit)).expect("not a surrogate");
                Ok((c, at + 6))
            }
        }
    }

    /// The four hexadecimal digits after the `\u` at `at`.
    fn hex4(&self, at: usize) -> Result<u16, Problem> {
        let digits = self.bytes.get(at + 2..at + 6);
        digits
            .filter(|digits| digits.iter().all(u8::is_ascii_hexdigit))
            .and_then(|digits| std::str::from_utf8(digits).ok())
            .and_then(|digits| u16::from_str_radix(digits, 16).ok())
            .ok_or_else(|| self.bad_unicode_escape(at))
    }
}

fn plain(text: &str, span: ByteSpan) -> Node {
    Node {
        value: NodeValue::Scalar {
            text: text.to_owned(),
            style: ScalarStyle::Plain,
        },
        span,
    }
}

#[cfg(test)]
mod tests;
