//! The generic, position-aware tree a profile is loaded into.
//!
//! The rule engine does not deserialize a profile into a fixed Rust struct: the rules decide
//! which fields matter, and a diagnostic must be able to point at (and a fix must be able to
//! rewrite) the exact bytes a value came from. So every value keeps its [`ByteSpan`] in the
//! document text, and scalars keep the text the author wrote instead of a typed
//! interpretation (`01234567` stays `"01234567"`, not the number 1234567).

/// Byte offsets into the document text (`&doc.text[span]` is the value as written).
///
/// Byte offsets, not character offsets, because that is what `str` slicing, miette labels and
/// text edits all use; profiles routinely contain multi-byte text such as `招商银行`.
pub type ByteSpan = std::ops::Range<usize>;

/// One value of the profile together with where it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// What the value is.
    pub value: NodeValue,
    /// Where the value is written.
    ///
    /// * Scalars: exactly the scalar token, including quotes for quoted scalars and the `|`/`>`
    ///   header for block scalars (trailing line breaks excluded).
    /// * Null: the token (`~`, `null`) when written, otherwise a zero-length span just after
    ///   the `:` (or `- `) so that a diagnostic can point at the missing value and a fix can
    ///   insert one there.
    /// * Mappings and sequences: from their first token (the `{`/`[`, the first key of a
    ///   block mapping, the first `-` of a block sequence) to the end of their last token.
    /// * Values reached through an alias (`*name`): the top node has the span of the alias
    ///   token (so a fix replaces this use only); nodes inside an aliased collection keep the
    ///   spans of their definition.
    pub span: ByteSpan,
}

/// The shape of a [`Node`].
#[derive(Debug, Clone, PartialEq)]
pub enum NodeValue {
    /// An explicitly empty value: `key:` with nothing after it, or plain `~` / `null`.
    Null,
    /// Any scalar. `text` is the scalar as the author wrote it, unquoted and unescaped: for a plain
    /// (unquoted) YAML scalar it is the exact source text (so `number: 01234567` gives "01234567",
    /// `phone: +27821234567` gives "+27821234567", `birth_date: 1990-05-01` gives "1990-05-01",
    /// `ok: yes` gives "yes"); for a quoted one, its decoded content. JSON numbers/bools: their
    /// source text.
    ///
    /// No YAML type resolution is applied on purpose: the rules work on the text a person
    /// typed, and "is this a number/date/bool" is a question for the rule, not the loader. (A
    /// plain scalar that spans several lines is folded into one line, as YAML defines.)
    Scalar {
        /// The scalar's content.
        text: String,
        /// How it was written; fixes use this to keep the author's quoting.
        style: ScalarStyle,
    },
    /// A list (`- item` lines or `[a, b]`), in document order.
    Seq(Vec<Node>),
    /// A mapping (`key: value` lines or `{...}`), in document order. Keys are unique: a
    /// duplicate key is rejected at load time because it is almost always a copy-paste mistake
    /// and silently picking one of the values would check the wrong data.
    Map(Vec<MapEntry>),
}

/// How a scalar was written in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarStyle {
    /// Unquoted (`name: JOHN SMITH`, JSON numbers and booleans).
    Plain,
    /// `'...'`
    SingleQuoted,
    /// `"..."` (every JSON string).
    DoubleQuoted,
    /// A `|` (literal) or `>` (folded) block scalar.
    Block,
}

/// One `key: value` pair of a mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct MapEntry {
    /// The key's text (unquoted).
    pub key: String,
    /// Where the key is written (including quotes, as in JSON `"name"`).
    pub key_span: ByteSpan,
    /// The value.
    pub value: Node,
}

impl Node {
    /// Looks up `key` in a mapping. Returns `None` when the key is absent or when this node is
    /// not a mapping, so that chained look-ups (`doc.root.get("document")?.get("number")`)
    /// simply yield "not there" for an oddly shaped profile.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|entry| &entry.value)
    }

    /// Like [`Node::get`] but returns the whole entry, for diagnostics that point at the key.
    pub fn entry(&self, key: &str) -> Option<&MapEntry> {
        match &self.value {
            NodeValue::Map(entries) => entries.iter().find(|entry| entry.key == key),
            _ => None,
        }
    }

    /// The `index`-th item of a sequence (`None` if out of range or not a sequence).
    pub fn index(&self, index: usize) -> Option<&Node> {
        match &self.value {
            NodeValue::Seq(items) => items.get(index),
            _ => None,
        }
    }

    /// The text of a scalar, `None` for null, sequences and mappings.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            NodeValue::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// The items of a sequence.
    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            NodeValue::Seq(items) => Some(items),
            _ => None,
        }
    }

    /// The entries of a mapping.
    pub fn as_map(&self) -> Option<&[MapEntry]> {
        match &self.value {
            NodeValue::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// Whether this is an explicitly empty value (`key:` or `~`/`null`).
    pub fn is_null(&self) -> bool {
        matches!(self.value, NodeValue::Null)
    }

    /// A plain-language name of the node's shape ("text", "list", "mapping", "empty value"),
    /// for messages such as "expected text, found a list".
    pub fn kind_name(&self) -> &'static str {
        self.value.kind_name()
    }
}

impl NodeValue {
    /// See [`Node::kind_name`].
    pub fn kind_name(&self) -> &'static str {
        match self {
            NodeValue::Null => "empty value",
            NodeValue::Scalar { .. } => "text",
            NodeValue::Seq(_) => "list",
            NodeValue::Map(_) => "mapping",
        }
    }
}
