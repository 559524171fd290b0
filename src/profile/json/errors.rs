//! The errors of the JSON reader, in plain words: what is wrong, where (each error has the
//! byte span of the offending character or token), and how to write it instead. Kept apart
//! from the reader so that the grammar stays readable.

use super::{Expected, Open, Reader};
use crate::profile::load_error::{Problem, ProfileErrorKind};
use crate::profile::tree::ByteSpan;

/// The message every JSON syntax error starts with.
fn invalid(span: ByteSpan, what: &str, label: &str, help: &str) -> Problem {
    Problem::new(
        ProfileErrorKind::InvalidSyntax,
        span,
        format!("this profile is not valid JSON: {what}"),
        label,
        help,
    )
}

const BRACKETS_HELP: &str = "every `[` needs a matching `]` and every `{` a matching `}`, with a `,` between two items and none after the last";

const STRING_HELP: &str = "write text in double quotes, for example \"JOHN SMITH\"; inside it write a quote as \\\", a backslash as \\\\ and a line break as \\n";

pub(super) fn trailing_comma(comma: usize, closer: u8) -> Problem {
    let closer = char::from(closer);
    invalid(
        comma..comma + 1,
        &format!("a trailing comma before `{closer}`"),
        "remove this comma",
        &format!("JSON allows no `,` after the last item: remove the comma before `{closer}`"),
    )
}

pub(super) fn leading_zero(span: ByteSpan) -> Problem {
    invalid(
        span,
        "a number cannot start with 0 followed by more digits",
        "a number with a leading zero",
        "to keep the zero, write the value as text in double quotes, for example \"01234567\"",
    )
}

pub(super) fn unclosed_string(quote: usize) -> Problem {
    invalid(
        quote..quote + 1,
        "this string is never closed",
        "this string has no closing `\"`",
        STRING_HELP,
    )
}

pub(super) fn unclosed_string_at_escape(backslash: usize) -> Problem {
    invalid(
        backslash..backslash + 1,
        "the file ends inside a string, just after a backslash",
        "nothing follows this backslash",
        STRING_HELP,
    )
}

pub(super) fn lone_surrogate(span: ByteSpan, unit: u16) -> Problem {
    invalid(
        span,
        &format!(
            "`\\u{unit:04x}` is half of a surrogate pair without its other half, so it stands for no character"
        ),
        "half a surrogate pair",
        "a character beyond U+FFFF is written as two escapes in a row, a high half `\\uD800`-`\\uDBFF` then a low half `\\uDC00`-`\\uDFFF`; or write the character itself",
    )
}

/// How a character is named in a message: itself in backticks when it is visible, else its
/// code point, so that an invisible or control character is never silently printed.
fn shown(c: char) -> String {
    if c.is_control() || c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}'..='\u{200f}') {
        format!("U+{:04X}", u32::from(c))
    } else {
        format!("`{c}`")
    }
}

impl Reader<'_> {
    fn char_at(&self, at: usize) -> Option<char> {
        self.text.get(at..).and_then(|rest| rest.chars().next())
    }

    /// The span of the character at `at` (empty at the end of the text).
    fn char_span(&self, at: usize) -> ByteSpan {
        at..at + self.char_at(at).map_or(0, char::len_utf8)
    }

    fn innermost_open(&self) -> Option<&Open> {
        self.stack.last()
    }

    /// The file ends with an array or object still open: point at its opening bracket.
    pub(super) fn unclosed(&self) -> Problem {
        let open = self.innermost_open().expect("a bracket is open");
        let (bracket, closer) = match open {
            Open::Array { .. } => ('[', ']'),
            Open::Object { .. } => ('{', '}'),
        };
        let start = open.start();
        invalid(
            start..start + 1,
            &format!("this `{bracket}` is never closed"),
            &format!("no `{closer}` closes this `{bracket}`"),
            BRACKETS_HELP,
        )
    }

    pub(super) fn control_character(&self, quote: usize, at: usize) -> Problem {
        let c = char::from(self.bytes[at]);
        if matches!(c, '\n' | '\r') {
            return invalid(
                quote..quote + 1,
                "this string is not closed before the end of its line",
                "this string has no closing `\"` on its line",
                "close the string with `\"` on the same line; a line break inside text is written \\n",
            );
        }
        let escape = match c {
            '\t' => "\\t".to_owned(),
            '\u{8}' => "\\b".to_owned(),
            '\u{c}' => "\\f".to_owned(),
            c => format!("\\u{:04X}", u32::from(c)),
        };
        invalid(
            at..at + 1,
            &format!(
                "a control character ({}) is written as it is inside a string",
                shown(c)
            ),
            "a control character",
            &format!(
                "JSON allows control characters in a string only as escapes: write `{escape}` here"
            ),
        )
    }

    pub(super) fn unknown_escape(&self, at: usize) -> Problem {
        let c = self.char_at(at + 1).unwrap_or('\\');
        let shown_escape = if c.is_control() || c.is_whitespace() {
            format!("a backslash followed by {}", shown(c))
        } else {
            format!("`\\{c}`")
        };
        invalid(
            at..at + 1 + c.len_utf8(),
            &format!("{shown_escape} is not an escape JSON knows"),
            "an unknown escape",
            "JSON knows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX (four hexadecimal digits); a backslash itself is written \\\\",
        )
    }

    pub(super) fn bad_unicode_escape(&self, at: usize) -> Problem {
        let end = self.bytes[at + 2..]
            .iter()
            .take(4)
            .position(|b| !b.is_ascii_hexdigit())
            .map_or((at + 6).min(self.bytes.len()), |n| at + 2 + n);
        invalid(
            at..end,
            "`\\u` must be followed by four hexadecimal digits",
            "an incomplete `\\u` escape",
            "write a character as \\u and four hexadecimal digits, for example \\u00e9 for é, or write the character itself",
        )
    }

    pub(super) fn bad_number(&self, start: usize, why: &str) -> Problem {
        let end = self.word_end(start + 1).max(start + 1);
        let word = &self.text[start..end];
        invalid(
            start..end,
            &format!("`{word}` is not a JSON number: {why}"),
            "not a JSON number",
            "a JSON number is written like -12, 3.5 or 1e6; a value with any other characters (a phone number, a card number with leading zeros) is text and goes in double quotes",
        )
    }

    pub(super) fn not_a_value(&self, span: ByteSpan) -> Problem {
        let word = &self.text[span.clone()];
        invalid(
            span,
            &format!("`{word}` is not a JSON value; text must be in double quotes"),
            "text without quotes",
            &format!(
                "write text in double quotes, for example \"{word}\"; the only words JSON knows without quotes are true, false and null"
            ),
        )
    }

    /// The error for what is at the reader's position when something else was `expected`.
    pub(super) fn unexpected(&self, expected: Expected) -> Problem {
        let at = self.pos;
        let Some(c) = self.char_at(at) else {
            return match expected {
                Expected::End => unreachable!("the end of the text is what was expected"),
                _ if self.stack.is_empty() => invalid(
                    at..at,
                    "the file ends where a value should be",
                    "a value is missing here",
                    BRACKETS_HELP,
                ),
                _ => self.unclosed(),
            };
        };
        let span = self.char_span(at);
        if matches!(c, '/' | '#') {
            return invalid(
                span,
                "JSON has no comments",
                "a comment",
                "remove the comment; if the note matters, keep it in a field such as \"note\": \"...\"",
            );
        }
        if c == '\'' {
            return invalid(
                span,
                "JSON strings use double quotes, not single quotes",
                "a single quote",
                "write text in double quotes, for example \"JOHN SMITH\"",
            );
        }
        if c != ' ' && (c.is_whitespace() || c == '\u{feff}') {
            return invalid(
                span,
                &format!("{} is not a space JSON allows", shown(c)),
                "an unusual space",
                "between values JSON allows only spaces, tabs and line breaks; delete this character and type a plain space if one is needed",
            );
        }
        let starts_value = matches!(c, '"' | '{' | '[' | '-' | '0'..='9' | 'a'..='z' | 'A'..='Z');
        match expected {
            Expected::Value => match c {
                ',' | ']' | '}' => invalid(
                    span,
                    &format!("a value is missing before `{c}`"),
                    "a value is missing here",
                    "write a value here, or remove the extra `,`; an empty value is written null",
                ),
                ':' => invalid(
                    span,
                    "a `:` where a value should be",
                    "a value should be here",
                    "each field is written \"name\": value, with one `:`",
                ),
                '+' => invalid(
                    span,
                    "a JSON number cannot start with `+`",
                    "a leading `+`",
                    "a value with a `+`, such as a phone number, is text: write it in double quotes, for example \"+27821234567\"",
                ),
                '.' => invalid(
                    span,
                    "a JSON number needs a digit before the decimal point",
                    "a digit is missing before `.`",
                    "write 0.5, not .5",
                ),
                _ => invalid(
                    span,
                    &format!("{} cannot start a value", shown(c)),
                    "not a value",
                    "a value is text in double quotes, a number, true, false, null, a list `[...]` or an object `{...}`",
                ),
            },
            Expected::CommaOrClose => {
                let open = self.innermost_open().expect("a bracket is open");
                let closer = char::from(open.closer());
                if starts_value {
                    return invalid(
                        span,
                        "a comma is missing between two values",
                        "a `,` is missing before this",
                        "separate the items of a list and the fields of an object with `,`",
                    );
                }
                match (c, open) {
                    (']' | '}', _) => {
                        let opener = if closer == ']' { '[' } else { '{' };
                        invalid(
                            span,
                            &format!("this `{c}` closes a `{opener}`, which needs `{closer}`"),
                            &format!("`{closer}` expected"),
                            BRACKETS_HELP,
                        )
                    }
                    (':', Open::Array { .. }) => invalid(
                        span,
                        "a `:` inside a list",
                        "a list holds values, not fields",
                        "a list is written [value, value]; fields (\"name\": value) belong in an object {...}",
                    ),
                    (':', Open::Object { .. }) => invalid(
                        span,
                        "a second `:` after a field's value",
                        "one `:` per field",
                        "each field is written \"name\": value, and fields are separated by `,`",
                    ),
                    _ => invalid(
                        span,
                        &format!("{} after a value, where `,` or `{closer}` should be", shown(c)),
                        &format!("`,` or `{closer}` expected"),
                        BRACKETS_HELP,
                    ),
                }
            }
            Expected::Key => match c {
                '}' | ',' => invalid(
                    span,
                    &format!("a field is missing before `{c}`"),
                    "a field should be here",
                    "each field is written \"name\": value; remove the extra `,`",
                ),
                _ if starts_value || c.is_alphanumeric() || c == '_' => invalid(
                    span,
                    "a field name must be text in double quotes",
                    "a field name without double quotes",
                    "write the field's name in double quotes, for example \"name\": \"JOHN SMITH\"",
                ),
                _ => invalid(
                    span,
                    &format!("{} where a field name should be", shown(c)),
                    "a field name should be here",
                    "write each field as \"name\": value",
                ),
            },
            Expected::Colon => invalid(
                span,
                "a `:` is missing after the field name",
                "`:` expected before this",
                "write each field as \"name\": value",
            ),
            Expected::End => invalid(
                span,
                "there is more after the end of the profile",
                "the profile ended before this",
                "a JSON profile is one object {...}; remove what follows its closing `}` or put it inside",
            ),
        }
    }
}
