//! The JSON reader against nst/JSONTestSuite's `test_parsing` files (MIT, its LICENSE is beside
//! them in tests/fixtures/json_test_suite/).
//!
//! * `y_*` must be accepted as JSON. A profile's top level must be an object, so `[1]`, `"x"`,
//!   `123` and `null` are refused, but as "not a profile" (NotAMapping, or Empty for `null`),
//!   never as bad syntax; the same text as the value of a field then loads. An object that
//!   repeats a field name is valid JSON that profiles refuse (DuplicateKey).
//! * `n_*` must be refused with the error's position inside the file: by the loader, or, for
//!   the files that are not UTF-8, by the text reader every profile goes through first.
//! * `i_*` may go either way; [`IMPLEMENTATION_DEFINED`] records which, so a change is seen.

use std::path::{Path, PathBuf};

use realname::internal::text_file::{read_text_file, TextFileError};
use realname::{load_profile, ProfileErrorKind, ProfileSyntaxError};
use Fate::{Loads, NotText, Refused};

/// What becomes of each `i_` file, in file-name order. Numbers far beyond what a float or an
/// integer holds load (the text is kept as typed, never converted); a `\u` escape of half a
/// surrogate pair is refused (it stands for no character); UTF-16, Latin-1 and broken UTF-8
/// are refused by the text reader; 500 nested arrays are deeper than MAX_DEPTH (64); a
/// leading UTF-8 byte-order mark is skipped, as the YAML reader always did.
const IMPLEMENTATION_DEFINED: &[(&str, Fate)] = &[
    ("i_number_double_huge_neg_exp.json", Loads),
    ("i_number_huge_exp.json", Loads),
    ("i_number_neg_int_huge_exp.json", Loads),
    ("i_number_pos_double_huge_exp.json", Loads),
    ("i_number_real_neg_overflow.json", Loads),
    ("i_number_real_pos_overflow.json", Loads),
    ("i_number_real_underflow.json", Loads),
    ("i_number_too_big_neg_int.json", Loads),
    ("i_number_too_big_pos_int.json", Loads),
    ("i_number_very_big_negative_int.json", Loads),
    ("i_object_key_lone_2nd_surrogate.json", Refused),
    ("i_string_1st_surrogate_but_2nd_missing.json", Refused),
    ("i_string_1st_valid_surrogate_2nd_invalid.json", Refused),
    ("i_string_UTF-16LE_with_BOM.json", NotText),
    ("i_string_UTF-8_invalid_sequence.json", NotText),
    ("i_string_UTF8_surrogate_U+D800.json", NotText),
    (
        "i_string_incomplete_surrogate_and_escape_valid.json",
        Refused,
    ),
    ("i_string_incomplete_surrogate_pair.json", Refused),
    ("i_string_incomplete_surrogates_escape_valid.json", Refused),
    ("i_string_invalid_lonely_surrogate.json", Refused),
    ("i_string_invalid_surrogate.json", Refused),
    ("i_string_invalid_utf-8.json", NotText),
    ("i_string_inverted_surrogates_U+1D11E.json", Refused),
    ("i_string_iso_latin_1.json", NotText),
    ("i_string_lone_second_surrogate.json", Refused),
    ("i_string_lone_utf8_continuation_byte.json", NotText),
    ("i_string_not_in_unicode_range.json", NotText),
    ("i_string_overlong_sequence_2_bytes.json", NotText),
    ("i_string_overlong_sequence_6_bytes.json", NotText),
    ("i_string_overlong_sequence_6_bytes_null.json", NotText),
    ("i_string_truncated-utf-8.json", NotText),
    ("i_string_utf16BE_no_BOM.json", NotText),
    ("i_string_utf16LE_no_BOM.json", NotText),
    ("i_structure_500_nested_arrays.json", Refused),
    ("i_structure_UTF-8_BOM_empty_object.json", Loads),
];

/// What becomes of an `i_` file, as recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    /// Loaded, or refused only as not a profile.
    Loads,
    /// Refused as JSON by the loader.
    Refused,
    /// Refused by the text reader: not UTF-8.
    NotText,
}

/// How a test file fared.
#[derive(Debug)]
enum Outcome {
    /// Loaded as a profile.
    Loaded,
    /// Valid JSON, refused only for what a profile needs besides (an object at the top, one
    /// value per field name).
    NotAProfile(ProfileErrorKind),
    /// Refused as JSON.
    Refused(ProfileSyntaxError),
    /// Not UTF-8: refused before any JSON is read, at this byte offset.
    NotText(usize),
}

fn suite() -> Vec<PathBuf> {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/json_test_suite/test_parsing");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    files
}

fn file_name(path: &Path) -> &str {
    path.file_name().unwrap().to_str().unwrap()
}

fn outcome(path: &Path) -> Outcome {
    let text = match read_text_file(path) {
        Ok(text) => text,
        Err(TextFileError::NotUtf8 { at, .. }) => return Outcome::NotText(at.offset),
        Err(error) => panic!("{}: {error:?}", path.display()),
    };
    match load_profile(file_name(path), &text) {
        Ok(_) => Outcome::Loaded,
        Err(error) => {
            let span = error.span();
            assert!(
                span.start <= span.end && span.end <= text.len(),
                "{}: the error's span {span:?} is outside the file ({} bytes)",
                path.display(),
                text.len()
            );
            match error.kind() {
                ProfileErrorKind::NotAMapping { .. } | ProfileErrorKind::Empty
                    if value_loads_as_a_field(&text) =>
                {
                    Outcome::NotAProfile(error.kind().clone())
                }
                ProfileErrorKind::DuplicateKey { .. } => Outcome::NotAProfile(error.kind().clone()),
                _ => Outcome::Refused(error),
            }
        }
    }
}

/// Whether `text`, valid JSON whose top level is not an object, loads as the value of a field:
/// the proof that it was refused as a profile, not as JSON.
fn value_loads_as_a_field(text: &str) -> bool {
    let wrapped = format!("{{\"value\":{text}}}");
    load_profile("wrapped.json", &wrapped).is_ok_and(|doc| doc.root.get("value").is_some())
}

fn with_prefix(prefix: &str) -> Vec<(PathBuf, Outcome)> {
    let files: Vec<(PathBuf, Outcome)> = suite()
        .into_iter()
        .filter(|path| file_name(path).starts_with(prefix))
        .map(|path| {
            let outcome = outcome(&path);
            (path, outcome)
        })
        .collect();
    assert!(files.len() > 30, "only {} {prefix} files", files.len());
    files
}

#[test]
fn every_y_file_is_accepted_as_json() {
    let files = with_prefix("y_");
    let wrong: Vec<String> = files
        .iter()
        .filter_map(|(path, outcome)| match outcome {
            Outcome::Loaded | Outcome::NotAProfile(_) => None,
            Outcome::Refused(error) => Some(format!(
                "{}: {error} (at byte {})",
                file_name(path),
                error.span().start
            )),
            Outcome::NotText(at) => Some(format!("{}: not UTF-8 at byte {at}", file_name(path))),
        })
        .collect();
    assert!(wrong.is_empty(), "refused:\n{}", wrong.join("\n"));
    assert_eq!(files.len(), 95);
    let repeated: Vec<&str> = files
        .iter()
        .filter(|(_, outcome)| {
            matches!(
                outcome,
                Outcome::NotAProfile(ProfileErrorKind::DuplicateKey { .. })
            )
        })
        .map(|(path, _)| file_name(path))
        .collect();
    assert_eq!(
        repeated,
        [
            "y_object_duplicated_key.json",
            "y_object_duplicated_key_and_value.json"
        ]
    );
}

#[test]
fn every_n_file_is_refused_at_a_place_inside_it() {
    let files = with_prefix("n_");
    let wrong: Vec<String> = files
        .iter()
        .filter_map(|(path, outcome)| match outcome {
            Outcome::Refused(_) | Outcome::NotText(_) => None,
            outcome => Some(format!("{}: {outcome:?}", file_name(path))),
        })
        .collect();
    assert!(wrong.is_empty(), "accepted:\n{}", wrong.join("\n"));
    assert_eq!(files.len(), 188);
}

#[test]
fn i_files_are_loaded_or_refused_as_recorded() {
    let files = with_prefix("i_");
    let found: Vec<(&str, Fate)> = files
        .iter()
        .map(|(path, outcome)| {
            let fate = match outcome {
                Outcome::Loaded | Outcome::NotAProfile(_) => Fate::Loads,
                Outcome::Refused(_) => Fate::Refused,
                Outcome::NotText(_) => Fate::NotText,
            };
            (file_name(path), fate)
        })
        .collect();
    if found != IMPLEMENTATION_DEFINED {
        let table: Vec<String> = found
            .iter()
            .map(|(name, fate)| format!("    (\"{name}\", {fate:?}),"))
            .collect();
        panic!(
            "the i_ files fare differently; if that is meant, record it:\n{}",
            table.join("\n")
        );
    }
}
