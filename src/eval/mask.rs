//! Masking sensitive values (document and card numbers) for `--redact` and service logs.

/// All but the last four characters replaced by `*` (one per byte, so spans into the text
/// still match). A quoted scalar keeps its quotes; line breaks and the spaces that lay out a
/// block of several lines are kept, so a masked profile keeps its shape.
pub fn mask(value: &str) -> String {
    for quote in ['"', '\''] {
        if value.len() >= 2 && value.starts_with(quote) && value.ends_with(quote) {
            return format!("{quote}{}{quote}", mask(&value[1..value.len() - 1]));
        }
    }
    // A block scalar's `|` or `>` header line is layout, not the value.
    if value.starts_with(['|', '>']) {
        if let Some(line_end) = value.find('\n') {
            return format!("{}{}", &value[..line_end], mask(&value[line_end..]));
        }
    }
    let countable = value.chars().filter(|c| !c.is_whitespace()).count();
    let keep_from = countable.saturating_sub(4);
    let mut seen = 0;
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if c.is_whitespace() {
            out.push(c);
            continue;
        }
        if seen < keep_from {
            out.push_str(&"*".repeat(c.len_utf8()));
        } else {
            out.push(c);
        }
        seen += 1;
    }
    out
}

/// All but the last four characters of a text shown on its own (a fix's old and new value, a
/// value in a message) replaced by `*`, one per character.
pub fn mask_text(value: &str) -> String {
    let keep_from = value.chars().count().saturating_sub(4);
    value
        .chars()
        .enumerate()
        .map(|(i, c)| if i < keep_from { '*' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{mask, mask_text};

    #[test]
    fn keeps_the_last_four_and_the_byte_length() {
        assert_eq!(mask("\"A12345678\""), "\"*****5678\"");
        assert_eq!(mask("1234"), "1234");
        assert_eq!(mask("六二二五八八0001").len(), "六二二五八八0001".len());
    }

    #[test]
    fn a_text_on_its_own_is_masked_per_character() {
        assert_eq!(mask_text("Ａ12345678"), "*****5678");
        assert_eq!(mask_text("abc"), "abc");
    }

    #[test]
    fn keeps_the_layout_of_several_lines() {
        assert_eq!(mask("|\n  P<UTO\n  L898"), "|\n  *****\n  L898");
    }
}
