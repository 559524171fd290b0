//! Loading a YAML or JSON profile into a [`Node`] tree that remembers byte positions.
//!
//! # Why the loader walks parser events instead of using `serde_saphyr::Spanned<T>`
//!
//! `Spanned<T>` (serde-saphyr's serde route) does give correct byte offsets, but it goes
//! through serde's typed visitor, which loses what a profile checker needs most: the scalar's
//! *style* (quoted or not, needed to keep the author's quoting when a fix rewrites a value)
//! and a span that covers a block scalar's `|`/`>` header. Its type inference also gets in the
//! way (for example a plain `.nan` is rejected by default). So the tree is built here from the
//! event stream of `granit-parser`, the YAML parser that serde-saphyr itself uses and
//! re-exports as [`serde_saphyr::granit_parser`]: every event carries its exact byte range and
//! scalar style, and the tree is built with an explicit stack, so deeply nested input cannot
//! overflow the call stack.
//!
//! JSON has its own reader (`json.rs`), which builds the same tree with the same positions:
//! read as YAML flow style, JSON was slow and accepted much that is not JSON.
//!
//! # Limits
//!
//! A profile is a few dozen values, so anything far beyond that is rejected instead of being
//! built: nesting deeper than [`MAX_DEPTH`] and more than [`MAX_NODES`] values (counting every
//! value an alias `*name` expands to, which is what stops a "billion laughs" alias bomb, and
//! every value kept for an anchor `&name`). serde-saphyr's own alias-replay budget lives inside
//! its serde deserializer and does not apply to a raw event walk, so these limits are enforced
//! here, at the node that crosses them, which also gives the error a precise location.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use miette::NamedSource;
use serde_saphyr::granit_parser::{
    Event, Options as ParserOptions, Parser, ScalarStyle as ParserStyle, StructureStyle, Tag,
};

use super::json::{looks_like_json, parse_json};
use super::load_error::{char_to_byte, scan_problem, Problem};
pub use super::load_error::{ProfileErrorKind, ProfileSyntaxError};
use super::tree::{ByteSpan, MapEntry, Node, NodeValue, ScalarStyle};
pub(crate) use crate::source::line_col;

/// Deepest nesting of lists/mappings accepted (a real profile uses 3 or 4 levels). Same value
/// as serde-saphyr's default `Budget::max_depth`.
pub const MAX_DEPTH: usize = 64;

/// Most values (scalars, lists, mappings) a profile may contain, counting every value produced
/// by alias expansion and every value retained for an anchor. A real profile has under 100.
pub const MAX_NODES: usize = 50_000;

/// A loaded profile: its name, the exact text it was loaded from, and the tree of values.
///
/// The text is kept (shared, cheap to clone) because every [`Node::span`] indexes into it:
/// diagnostics quote it and fixes edit it.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileDocument {
    /// The name shown in diagnostics, usually the file path.
    pub name: String,
    /// The document text the spans refer to.
    pub text: Arc<str>,
    /// The top-level mapping.
    pub root: Node,
}

impl ProfileDocument {
    /// The document as a miette source, for diagnostics that label spans of this profile.
    pub fn source(&self) -> NamedSource<Arc<str>> {
        NamedSource::new(&self.name, Arc::clone(&self.text))
    }

    /// 1-based line and column (in characters) of a byte offset, for plain-text reports.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        line_col(&self.text, offset)
    }

    /// The text of the scalar written at `span`, as typed (unquoted), if one is there.
    pub fn scalar_at(&self, span: &ByteSpan) -> Option<&str> {
        let mut stack = vec![&self.root];
        while let Some(node) = stack.pop() {
            // Only a node whose span holds `span` can hold the scalar.
            if node.span.start > span.start || node.span.end < span.end {
                continue;
            }
            match &node.value {
                NodeValue::Scalar { text, .. } if node.span == *span => return Some(text),
                NodeValue::Seq(items) => stack.extend(items.iter()),
                NodeValue::Map(entries) => stack.extend(entries.iter().map(|e| &e.value)),
                _ => {}
            }
        }
        None
    }
}

/// Parses `text` (YAML or JSON) as a profile named `name`.
///
/// The text is read as JSON when the name ends in `.json` (in any case), or when the name has
/// no extension a profile is known by (stdin `-`, an example's inline profile) and the text
/// starts with `{` or `[`; otherwise as YAML. The top level must be a mapping (`field: value`
/// lines, or a JSON object), the file must hold exactly one document, and keys must be unique.
/// Never panics; every problem is reported as a [`ProfileSyntaxError`] pointing at the
/// offending place.
pub fn load_profile(name: &str, text: &str) -> Result<ProfileDocument, ProfileSyntaxError> {
    let root = match format_of(name, text) {
        Format::Json => parse_json(text).and_then(profile_root),
        Format::Yaml => Builder::new(text).run().map(|(root, _)| root),
    };
    document(name, text, root)
}

/// Loads `text` through the YAML reader whatever it looks like: how JSON was read before it had
/// its own reader, which the tests compare the JSON reader with.
#[cfg(test)]
pub(super) fn load_as_yaml(name: &str, text: &str) -> Result<ProfileDocument, ProfileSyntaxError> {
    document(name, text, Builder::new(text).run().map(|(root, _)| root))
}

fn document(
    name: &str,
    text: &str,
    root: Result<Node, Problem>,
) -> Result<ProfileDocument, ProfileSyntaxError> {
    let shared: Arc<str> = Arc::from(text);
    let root =
        root.map_err(|problem| ProfileSyntaxError::new(name, Arc::clone(&shared), problem))?;
    Ok(ProfileDocument {
        name: name.to_owned(),
        text: shared,
        root,
    })
}

/// Which reader a profile goes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Yaml,
    Json,
}

/// The name decides when it ends in an extension profiles are known by; otherwise the text.
fn format_of(name: &str, text: &str) -> Format {
    let extension = std::path::Path::new(name)
        .extension()
        .and_then(|extension| extension.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("json") => Format::Json,
        Some("yaml" | "yml") => Format::Yaml,
        _ if looks_like_json(text) => Format::Json,
        _ => Format::Yaml,
    }
}

/// An anchored value (`&name value`) and the aliases (`*name`) that reuse it, as written in the
/// text. Fixes use it to change one use of a shared value without changing the others.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AnchorUse {
    /// The anchor's name, without the `&`.
    pub name: String,
    /// The `&name` token.
    pub anchor: ByteSpan,
    /// The node's properties as written: the `&name` token and a tag next to it (`!!str &pn`).
    pub properties: ByteSpan,
    /// The anchored value's span, as [`Node::span`] gives it.
    pub node: ByteSpan,
    /// The value when it is a scalar or null; `None` for a list or mapping.
    pub value: Option<NodeValue>,
    /// The `*name` tokens that refer to this anchor, in document order.
    pub aliases: Vec<ByteSpan>,
}

/// The anchors of `text` and the aliases of each, or `None` when the text does not load.
pub(crate) fn anchor_uses(text: &str) -> Option<Vec<AnchorUse>> {
    Builder::new(text).run().ok().map(|(_, uses)| uses)
}

/// The top-level value of a profile, whichever reader built it: a mapping, or the error that
/// says what it is instead.
fn profile_root(root: Option<Node>) -> Result<Node, Problem> {
    match root {
        None => Err(empty(0)),
        Some(Node {
            value: NodeValue::Null,
            span,
        }) => Err(empty(span.start)),
        Some(root) if !matches!(root.value, NodeValue::Map(_)) => {
            let found = root.kind_name();
            Err(Problem::new(
                ProfileErrorKind::NotAMapping { found },
                root.span.start..root.span.start,
                format!(
                    "this profile is not valid: the top level must be a set of `field: value` entries, but it is a {found}"
                ),
                format!("the profile's top level is a {found}"),
                "write the profile as `field: value` lines (for example `name: JOHN SMITH`), or as a JSON object `{...}`",
            ))
        }
        Some(root) => Ok(root),
    }
}

fn empty(at: usize) -> Problem {
    Problem::new(
        ProfileErrorKind::Empty,
        at..at,
        "this profile is empty",
        "no fields found",
        "write the profile as `field: value` lines, for example `name: JOHN SMITH`",
    )
}

/// A finished node plus the bookkeeping the limits need.
struct Built {
    node: Node,
    /// Number of values in the subtree (the node itself included).
    size: usize,
    /// Nesting height (a scalar is 0, `[a]` is 1).
    height: usize,
}

enum Collection {
    Seq(Vec<Node>),
    Map {
        entries: Vec<MapEntry>,
        keys: HashSet<String>,
        pending_key: Option<PendingKey>,
        /// Values of `<<` merge keys, applied when the mapping closes.
        merges: Vec<Node>,
    },
}

struct PendingKey {
    key: String,
    span: ByteSpan,
    is_merge: bool,
}

/// A list or mapping whose end has not been seen yet.
struct Frame {
    collection: Collection,
    start: usize,
    /// End of the last child seen so far (block collections end there).
    end: usize,
    flow: bool,
    anchor: usize,
    /// Where the `&name` of an anchored collection is written (`anchor` != 0).
    anchor_token: Option<AnchorToken>,
    size: usize,
    child_height: usize,
}

/// Builds the tree from parser events with an explicit stack (no recursion).
struct Builder<'t> {
    text: &'t str,
    stack: Vec<Frame>,
    root: Option<Node>,
    /// Completed anchored values by the parser's anchor id, with their size and height.
    anchors: HashMap<usize, Built>,
    /// Anchor ids whose collection is still open (an alias to one of them is recursive).
    open_anchors: HashSet<usize>,
    /// Values built so far, including alias expansions and anchor copies.
    nodes: usize,
    documents: usize,
    /// End of the previous event; a block scalar's header lies between it and the content.
    previous_end: usize,
    /// Every anchored value with its aliases, and where each anchor id is in it.
    anchor_uses: Vec<AnchorUse>,
    anchor_use_index: HashMap<usize, usize>,
}

/// Where an anchor's `&name` and the properties around it are written.
struct AnchorToken {
    name: String,
    anchor: ByteSpan,
    properties: ByteSpan,
}

impl<'t> Builder<'t> {
    fn new(text: &'t str) -> Self {
        Builder {
            text,
            stack: Vec::new(),
            root: None,
            anchors: HashMap::new(),
            open_anchors: HashSet::new(),
            nodes: 0,
            documents: 0,
            previous_end: 0,
            anchor_uses: Vec::new(),
            anchor_use_index: HashMap::new(),
        }
    }

    fn run(mut self) -> Result<(Node, Vec<AnchorUse>), Problem> {
        let text = self.text;
        // Let the parser stop runaway nesting at the same depth (it may scan ahead of the
        // events, so it can be the first to notice).
        let mut options = ParserOptions::default();
        options.flow_nesting_limit = MAX_DEPTH;
        options.block_nesting_limit = MAX_DEPTH;
        for item in Parser::new_from_str_with_options(text, options) {
            let (event, span) =
                item.map_err(|error| scan_problem(text, &error, self.previous_end))?;
            let range = match span.byte_range() {
                Some(range) if range.start <= range.end && range.end <= text.len() => range,
                _ => {
                    let start = char_to_byte(text, span.start.index());
                    start..char_to_byte(text, span.end.index()).max(start)
                }
            };
            match event {
                Event::DocumentStart(..) => {
                    self.documents += 1;
                    if self.documents > 1 {
                        return Err(Problem::new(
                            ProfileErrorKind::MultipleDocuments,
                            range,
                            "this file holds more than one YAML document; a profile file must hold exactly one profile",
                            "a second document starts here",
                            "one profile per file: remove this `---` line and what follows, or move it to its own file",
                        ));
                    }
                }
                Event::Scalar(value, style, anchor, tag) => {
                    self.scalar(value, style, anchor, tag.as_deref(), range.clone())?
                }
                Event::SequenceStart(style, anchor, _) => {
                    self.open(Collection::Seq(Vec::new()), style, anchor, range.clone())?
                }
                Event::MappingStart(style, anchor, _) => self.open(
                    Collection::Map {
                        entries: Vec::new(),
                        keys: HashSet::new(),
                        pending_key: None,
                        merges: Vec::new(),
                    },
                    style,
                    anchor,
                    range.clone(),
                )?,
                Event::SequenceEnd | Event::MappingEnd => self.close(range.clone())?,
                Event::Alias(id) => self.alias(id, range.clone())?,
                Event::StreamEnd => break,
                // Stream start, document end, and presentation-only events.
                _ => {}
            }
            self.previous_end = range.end;
        }
        let root = profile_root(self.root.take())?;
        Ok((root, self.anchor_uses))
    }

    fn count(&mut self, extra: usize, span: &ByteSpan) -> Result<(), Problem> {
        self.nodes = self.nodes.saturating_add(extra);
        if self.nodes > MAX_NODES {
            return Err(Problem::too_large(span.clone()));
        }
        Ok(())
    }
    fn scalar(
        &mut self,
        value: Cow<'_, str>,
        style: ParserStyle,
        anchor: usize,
        tag: Option<&Tag>,
        range: ByteSpan,
    ) -> Result<(), Problem> {
        let event_start = range.start;
        let is_null = match tag {
            Some(tag) => tag.is_yaml_core_schema_tag("null"),
            None => {
                style == ParserStyle::Plain
                    && matches!(&*value, "" | "~" | "null" | "Null" | "NULL")
            }
        };
        let node = if is_null {
            Node {
                value: NodeValue::Null,
                span: self.null_span(range),
            }
        } else {
            let (style, span) = match style {
                ParserStyle::Plain => (ScalarStyle::Plain, range),
                ParserStyle::SingleQuoted => (ScalarStyle::SingleQuoted, range),
                ParserStyle::DoubleQuoted => (ScalarStyle::DoubleQuoted, range),
                // Literal, Folded (the enum may grow; treat anything else as a block).
                _ => (ScalarStyle::Block, self.block_span(range)),
            };
            Node {
                value: NodeValue::Scalar {
                    text: value.into_owned(),
                    style,
                },
                span,
            }
        };
        self.count(1, &node.span)?;
        let token = (anchor != 0)
            .then(|| self.anchor_token(event_start.min(node.span.start)))
            .flatten();
        self.finish(
            Built {
                node,
                size: 1,
                height: 0,
            },
            anchor,
            token,
        )
    }

    /// An empty value's event sits on the `:` before it; move it past the `:` so that the
    /// label points at the gap and an inserted value lands after the colon.
    fn null_span(&self, range: ByteSpan) -> ByteSpan {
        if range.is_empty()
            && self
                .text
                .get(range.start..)
                .is_some_and(|rest| rest.starts_with(':'))
        {
            range.start + 1..range.start + 1
        } else {
            range
        }
    }

    /// The parser's span of a block scalar covers only its content lines; widen it to start at
    /// the `|`/`>` header (so replacing the span replaces the whole scalar) and drop the
    /// trailing line breaks (so a replacement keeps the line structure after it).
    fn block_span(&self, content: ByteSpan) -> ByteSpan {
        let text = self.text;
        let search_from = self.previous_end.min(content.start);
        let header = text
            .get(search_from..content.start)
            .and_then(find_block_header)
            .map(|offset| search_from + offset);
        let start = header.unwrap_or(content.start);
        let content_len = text.get(content.clone()).unwrap_or("").trim_end().len();
        let end = match header {
            // Empty content: the scalar ends after the header's indicators.
            Some(header) if content_len == 0 => {
                header
                    + text[header..]
                        .char_indices()
                        .skip(1)
                        .find(|(_, c)| !matches!(c, '-' | '+' | '1'..='9'))
                        .map_or(text.len() - header, |(i, _)| i)
            }
            _ => content.start + content_len,
        };
        start..end.max(start)
    }

    /// Finds the `&name` of a node that starts at `node_start`: it is written between the end of
    /// the previous event and the node, outside comments, possibly next to a tag (`!!str`).
    fn anchor_token(&self, node_start: usize) -> Option<AnchorToken> {
        let from = self.previous_end.min(node_start);
        let region = self.text.get(from..node_start)?;
        let mut anchor: Option<(ByteSpan, String)> = None;
        let mut properties: Option<ByteSpan> = None;
        let mut in_comment = false;
        let mut previous: Option<char> = None;
        let mut chars = region.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            match c {
                '\n' | '\r' => in_comment = false,
                '#' if previous.is_none_or(char::is_whitespace) => in_comment = true,
                '&' | '!'
                    if !in_comment
                        && previous.is_none_or(|p| p.is_whitespace() || "[{,:-?".contains(p)) =>
                {
                    let end = region[i..]
                        .find(|c: char| c.is_whitespace() || ",[]{}".contains(c))
                        .map_or(region.len(), |n| i + n);
                    let span = from + i..from + end;
                    if c == '&' {
                        anchor = Some((span.clone(), region[i + 1..end].to_owned()));
                    }
                    properties = Some(match properties {
                        Some(p) => p.start..span.end,
                        None => span,
                    });
                    while chars.peek().is_some_and(|(j, _)| *j < end) {
                        chars.next();
                    }
                    previous = region[..end].chars().next_back();
                    continue;
                }
                _ => {}
            }
            previous = Some(c);
        }
        let (anchor, name) = anchor?;
        Some(AnchorToken {
            name,
            anchor,
            properties: properties?,
        })
    }

    fn open(
        &mut self,
        collection: Collection,
        style: StructureStyle,
        anchor: usize,
        range: ByteSpan,
    ) -> Result<(), Problem> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(Problem::too_deep(range));
        }
        self.count(1, &range)?;
        let anchor_token = if anchor != 0 {
            self.open_anchors.insert(anchor);
            self.anchor_token(range.start)
        } else {
            None
        };
        self.stack.push(Frame {
            collection,
            start: range.start,
            end: range.end,
            flow: style == StructureStyle::Flow,
            anchor,
            anchor_token,
            size: 1,
            child_height: 0,
        });
        Ok(())
    }

    fn close(&mut self, range: ByteSpan) -> Result<(), Problem> {
        let Some(frame) = self.stack.pop() else {
            return Ok(());
        };
        let end = if frame.flow { range.end } else { frame.end };
        let span = frame.start..end.max(frame.start);
        let value = match frame.collection {
            Collection::Seq(items) => NodeValue::Seq(items),
            Collection::Map {
                mut entries,
                mut keys,
                merges,
                ..
            } => {
                // YAML merge keys: explicit keys win, then earlier merged mappings win.
                for merged in merges {
                    let sources = match merged.value {
                        NodeValue::Map(merged_entries) => vec![merged_entries],
                        NodeValue::Seq(items) => items
                            .into_iter()
                            .filter_map(|item| match item.value {
                                NodeValue::Map(merged_entries) => Some(merged_entries),
                                _ => None,
                            })
                            .collect(),
                        _ => Vec::new(),
                    };
                    for entry in sources.into_iter().flatten() {
                        if keys.insert(entry.key.clone()) {
                            entries.push(entry);
                        }
                    }
                }
                NodeValue::Map(entries)
            }
        };
        if frame.anchor != 0 {
            self.open_anchors.remove(&frame.anchor);
        }
        self.finish(
            Built {
                node: Node { value, span },
                size: frame.size,
                height: frame.child_height + 1,
            },
            frame.anchor,
            frame.anchor_token,
        )
    }

    fn alias(&mut self, id: usize, range: ByteSpan) -> Result<(), Problem> {
        let Some(target) = self.anchors.get(&id) else {
            let recursive = self.open_anchors.contains(&id);
            return Err(Problem::new(
                if recursive {
                    ProfileErrorKind::RecursiveAlias
                } else {
                    ProfileErrorKind::InvalidSyntax
                },
                range,
                "this profile is not valid YAML or JSON: an alias (`*name`) is used inside the value it refers to",
                "this alias refers to a value that contains it",
                "write the value out instead of using `*name` here",
            ));
        };
        let (size, height) = (target.size, target.height);
        if self.stack.len() + height > MAX_DEPTH {
            return Err(Problem::too_deep(range));
        }
        self.count(size, &range)?;
        if let Some(&i) = self.anchor_use_index.get(&id) {
            self.anchor_uses[i].aliases.push(range.clone());
        }
        let mut node = self.anchors[&id].node.clone();
        node.span = range;
        self.deliver(Built { node, size, height })
    }

    /// Records an anchored value (copying it, which counts toward the size limit) and hands the
    /// value to its parent.
    fn finish(
        &mut self,
        built: Built,
        anchor: usize,
        token: Option<AnchorToken>,
    ) -> Result<(), Problem> {
        if anchor != 0 {
            self.count(built.size, &built.node.span)?;
            if let Some(token) = token {
                let value = match &built.node.value {
                    NodeValue::Seq(_) | NodeValue::Map(_) => None,
                    value => Some(value.clone()),
                };
                self.anchor_use_index.insert(anchor, self.anchor_uses.len());
                self.anchor_uses.push(AnchorUse {
                    name: token.name,
                    anchor: token.anchor,
                    properties: token.properties,
                    node: built.node.span.clone(),
                    value,
                    aliases: Vec::new(),
                });
            }
            self.anchors.insert(
                anchor,
                Built {
                    node: built.node.clone(),
                    size: built.size,
                    height: built.height,
                },
            );
        }
        self.deliver(built)
    }

    /// Places a finished value into the open collection (or makes it the root).
    fn deliver(&mut self, built: Built) -> Result<(), Problem> {
        let text = self.text;
        let Some(frame) = self.stack.last_mut() else {
            if self.root.is_none() {
                self.root = Some(built.node);
            }
            return Ok(());
        };
        frame.end = frame.end.max(built.node.span.end);
        frame.size = frame.size.saturating_add(built.size);
        frame.child_height = frame.child_height.max(built.height);
        match &mut frame.collection {
            Collection::Seq(items) => items.push(built.node),
            Collection::Map {
                entries,
                keys,
                pending_key,
                merges,
            } => match pending_key.take() {
                None => {
                    let node = built.node;
                    let (key, is_merge) = match node.value {
                        NodeValue::Scalar { text: key, style } => {
                            let is_merge = key == "<<" && style == ScalarStyle::Plain;
                            (key, is_merge)
                        }
                        NodeValue::Null => {
                            (text.get(node.span.clone()).unwrap_or("").to_owned(), false)
                        }
                        NodeValue::Seq(_) | NodeValue::Map(_) => {
                            return Err(Problem::new(
                                ProfileErrorKind::ComplexKey,
                                node.span,
                                format!(
                                    "this profile is not valid: a field name must be text, but this one is a {}",
                                    node.value.kind_name()
                                ),
                                "this field name is not plain text",
                                "write field names as plain words, for example `name: JOHN SMITH`",
                            ));
                        }
                    };
                    if !keys.insert(key.clone()) {
                        return Err(Problem::duplicate_key(key, node.span));
                    }
                    *pending_key = Some(PendingKey {
                        key,
                        span: node.span,
                        is_merge,
                    });
                }
                Some(pending) if pending.is_merge => {
                    let node = built.node;
                    let valid = match &node.value {
                        NodeValue::Map(_) => true,
                        NodeValue::Seq(items) => items
                            .iter()
                            .all(|item| matches!(item.value, NodeValue::Map(_))),
                        _ => false,
                    };
                    if !valid {
                        return Err(Problem::new(
                            ProfileErrorKind::InvalidMerge,
                            node.span,
                            "this profile is not valid: `<<` (merge) must be followed by a mapping or a list of mappings",
                            "not a mapping",
                            "use `<<: *name` where `&name` marks a mapping, or rename the `<<` field",
                        ));
                    }
                    keys.remove("<<");
                    merges.push(node);
                }
                Some(pending) => entries.push(MapEntry {
                    key: pending.key,
                    key_span: pending.span,
                    value: built.node,
                }),
            },
        }
        Ok(())
    }
}

/// Finds the `|`/`>` header of a block scalar in the text between the previous event and the
/// scalar's content: the first indicator, outside a comment, followed on its line only by
/// chomping/indentation indicators and an optional comment.
fn find_block_header(region: &str) -> Option<usize> {
    let mut in_comment = false;
    let mut previous: Option<char> = None;
    for (i, c) in region.char_indices() {
        match c {
            '\n' | '\r' => in_comment = false,
            '#' if previous.is_none_or(|p| p.is_whitespace()) => in_comment = true,
            '|' | '>' if !in_comment => {
                let rest = &region[i + 1..];
                let line = rest.split(['\n', '\r']).next().unwrap_or("");
                let after_indicators = line
                    .trim_start_matches(['-', '+', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
                let trimmed = after_indicators.trim_start_matches([' ', '\t']);
                let spaced = trimmed.len() < after_indicators.len();
                if trimmed.is_empty() || (trimmed.starts_with('#') && spaced) {
                    return Some(i);
                }
            }
            _ => {}
        }
        previous = Some(c);
    }
    None
}
