//! What a batch reads: profile files, folders of them, JSON Lines files, standard input. The
//! folders are walked first (so that a mistake in the arguments stops the batch before any
//! output); the profiles themselves are read one at a time, as the batch goes, so that a
//! JSON Lines file of any size is never held in memory.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use crate::rules::is_file_or_broken_link;

use super::Job;

/// The longest line of a JSON Lines file read as a profile; a longer one is reported and
/// skipped without being held in memory (a profile is a few hundred bytes).
pub const MAX_LINE_BYTES: usize = 1024 * 1024;

/// The name of standard input in reports.
pub const STDIN_NAME: &str = "<stdin>";

/// One input of a batch, with folders expanded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A YAML or JSON profile file.
    File(PathBuf),
    /// A JSON Lines file: one profile per line.
    JsonLines(PathBuf),
    /// One profile (YAML or JSON) on standard input.
    Stdin,
    /// JSON Lines on standard input.
    StdinJsonLines,
}

impl Input {
    /// Whether the profiles of this input are files `--fix` can write.
    pub fn is_fixable(&self) -> bool {
        matches!(self, Input::File(_))
    }
}

/// Whether `path` names a JSON Lines file (`.jsonl`, `.ndjson`).
pub fn is_json_lines(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e == "jsonl" || e == "ndjson")
}

/// The inputs named on the command line: `-` is standard input (JSON Lines when
/// `stdin_json_lines`), a folder stands for its profiles and JSON Lines files (see `walk`).
pub fn expand(paths: &[PathBuf], stdin_json_lines: bool) -> Result<Vec<Input>, String> {
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            out.push(if stdin_json_lines {
                Input::StdinJsonLines
            } else {
                Input::Stdin
            });
        } else if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found)?;
            found.sort();
            if found.is_empty() {
                return Err(format!(
                    "the folder {} holds no .yaml, .yml, .json, .jsonl or .ndjson profile",
                    path.display()
                ));
            }
            out.extend(found.into_iter().map(input_of_path));
        } else {
            out.push(input_of_path(path.clone()));
        }
    }
    Ok(out)
}

fn input_of_path(path: PathBuf) -> Input {
    if is_json_lines(&path) {
        Input::JsonLines(path)
    } else {
        Input::File(path)
    }
}

/// The profile files under `dir`, in every subfolder, including symbolic links that lead
/// nowhere (so that they are reported as unreadable instead of skipped). A symbolic link to a
/// folder is not followed: a link back up the tree would never end.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read the folder {}: {e}", dir.display()))?;
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let is_real_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_real_dir {
            walk(&path, out)?;
        } else if is_file_or_broken_link(&path)
            && path.extension().is_some_and(|e| {
                ["yaml", "yml", "json", "jsonl", "ndjson"]
                    .iter()
                    .any(|known| e == *known)
            })
        {
            out.push(path);
        }
    }
    Ok(())
}

/// The profiles of the inputs, one job each, read lazily.
pub fn jobs(inputs: Vec<Input>) -> impl Iterator<Item = Job> {
    inputs
        .into_iter()
        .flat_map(|input| -> Box<dyn Iterator<Item = Job>> {
            match input {
                Input::File(path) => Box::new(std::iter::once(Job::File(path))),
                Input::Stdin => {
                    let mut bytes = Vec::new();
                    let job = match std::io::stdin().lock().read_to_end(&mut bytes) {
                        Ok(_) => match String::from_utf8(bytes) {
                            Ok(text) => Job::Text {
                                name: STDIN_NAME.to_string(),
                                text,
                                place: None,
                            },
                            Err(_) => unreadable(STDIN_NAME, "it is not UTF-8 text"),
                        },
                        Err(e) => unreadable(STDIN_NAME, &e.to_string()),
                    };
                    Box::new(std::iter::once(job))
                }
                Input::StdinJsonLines => Box::new(JsonLines::new(
                    STDIN_NAME.to_string(),
                    BufReader::new(std::io::stdin()),
                )),
                Input::JsonLines(path) => {
                    let name = path.display().to_string();
                    match std::fs::File::open(&path) {
                        Ok(file) => Box::new(JsonLines::new(name, BufReader::new(file))),
                        Err(e) => Box::new(std::iter::once(unreadable(&name, &e.to_string()))),
                    }
                }
            }
        })
}

fn unreadable(name: &str, why: &str) -> Job {
    Job::Unreadable {
        name: name.to_string(),
        message: format!("cannot read profile {name}: {why}"),
    }
}

/// The records of a JSON Lines text: a job per line that is not blank, named `FILE:LINE`.
/// A line that cannot be read (not UTF-8, too long) is a job that reports it; a read error
/// ends the file after reporting it.
pub struct JsonLines<R> {
    name: String,
    reader: R,
    line: usize,
    failed: bool,
}

impl<R: BufRead> JsonLines<R> {
    pub fn new(name: String, reader: R) -> Self {
        JsonLines {
            name,
            reader,
            line: 0,
            failed: false,
        }
    }

    /// The next line without its line break, or `Ok(None)` at the end. A line longer than
    /// [`MAX_LINE_BYTES`] is read to its end but not kept (`Err(true)`).
    fn read_line(&mut self) -> std::io::Result<Option<Result<Vec<u8>, ()>>> {
        let mut line = Vec::new();
        let mut too_long = false;
        let mut any = false;
        loop {
            let buffer = self.reader.fill_buf()?;
            if buffer.is_empty() {
                break;
            }
            any = true;
            let (part, done) = match buffer.iter().position(|&b| b == b'\n') {
                Some(i) => (&buffer[..i], Some(i + 1)),
                None => (buffer, None),
            };
            if !too_long && line.len() + part.len() <= MAX_LINE_BYTES {
                line.extend_from_slice(part);
            } else {
                too_long = true;
                line = Vec::new();
            }
            let consumed = done.unwrap_or(buffer.len());
            self.reader.consume(consumed);
            if done.is_some() {
                break;
            }
        }
        if !any {
            return Ok(None);
        }
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        Ok(Some(if too_long { Err(()) } else { Ok(line) }))
    }
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Job;

    fn next(&mut self) -> Option<Job> {
        while !self.failed {
            self.line += 1;
            let name = format!("{}:{}", self.name, self.line);
            match self.read_line() {
                Ok(None) => return None,
                Ok(Some(Ok(bytes))) if bytes.iter().all(u8::is_ascii_whitespace) => continue,
                Ok(Some(Ok(bytes))) => {
                    return Some(match String::from_utf8(bytes) {
                        Ok(text) => Job::Text {
                            name,
                            text,
                            place: Some(crate::report::PlaceInFile {
                                file: self.name.clone(),
                                first_line: self.line,
                            }),
                        },
                        Err(_) => unreadable(&name, "the line is not UTF-8 text"),
                    })
                }
                Ok(Some(Err(()))) => {
                    return Some(unreadable(
                        &name,
                        &format!("the line is longer than {MAX_LINE_BYTES} bytes"),
                    ))
                }
                Err(e) => {
                    self.failed = true;
                    return Some(unreadable(&name, &e.to_string()));
                }
            }
        }
        None
    }
}
