//! AST -> resolved, type-checked, compiled rule set.
//!
//! `compile` takes every rule file of a rule set at once: declarations in one file may use
//! names declared in another (the apps use the schema in profile.rules and the banks in
//! banks.rules). All errors of all files are collected and returned together.

mod app;
pub mod banks;
mod examples;
mod expr;
pub mod ir;
mod membership;
mod paths;
mod problems;
mod schema;
pub mod signatures;
pub mod types;

use std::collections::HashMap;

use jiff::civil::Date;

use crate::code::Code;
use crate::diagnostic::{Diag, Diagnostics};
use crate::source::{SourceFile, Span};
use crate::syntax::ast::{self, Item};
use crate::syntax::parse_file;
use crate::text::did_you_mean;
use ir::*;
use types::SetType;

pub use examples::outside_rules_folder;
pub use expr::parse_country;

/// Parses and compiles a rule set. Every problem of every file is reported, sorted by file and
/// position.
pub fn compile(files: Vec<SourceFile>) -> Result<RuleSet, Diagnostics> {
    compile_with_asts(files).1
}

/// Like [`compile`], also returning what parsed of each file, for tools that need both the
/// syntax and the compiled set (lint) without parsing twice.
pub fn compile_with_asts(
    files: Vec<SourceFile>,
) -> (Vec<ast::RuleFile>, Result<RuleSet, Diagnostics>) {
    let mut errors = Vec::new();
    let mut parsed = Vec::new();
    for file in &files {
        let (ast, mut file_errors) = parse_file(file);
        errors.append(&mut file_errors);
        parsed.push(ast);
    }
    // Apps of a file with a syntax error are not compiled: what did parse of that file is
    // incomplete, and resolving names against it would add misleading errors.
    let broken: Vec<bool> = files
        .iter()
        .map(|f| {
            errors.iter().any(|d| {
                d.has_code(Code::SyntaxError) && d.source_name().as_deref() == Some(f.name())
            })
        })
        .collect();
    let mut compiler = Compiler::new(files.clone());
    compiler.declarations(&parsed);
    // Borrowed, not cloned: a copy of every AST cost as much as compiling it.
    let sound: Vec<&ast::RuleFile> = parsed
        .iter()
        .zip(&broken)
        .filter(|(_, broken)| !**broken)
        .map(|(f, _)| f)
        .collect();
    // Every condition of an app reads the schema: without one (none declared, or its file did
    // not parse) the apps are not compiled, and the missing schema is the error reported.
    if compiler.schema_seen.is_some() {
        compiler.apps(&sound);
    }
    for diag in &mut compiler.errors {
        if diag.code.is_none() {
            diag.code = Some(Code::InvalidRule.into());
        }
    }
    errors.append(&mut compiler.errors);
    if !errors.is_empty() {
        let order: HashMap<String, usize> = files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.name().to_string(), i))
            .collect();
        errors.sort_by_key(|d| {
            let file = d
                .source_name()
                .and_then(|n| order.get(&n).copied())
                .unwrap_or(usize::MAX);
            (file, d.primary_offset().unwrap_or(0))
        });
        return (parsed, Err(Diagnostics(errors)));
    }
    (parsed, Ok(compiler.finish()))
}

pub(crate) struct Compiler {
    pub files: Vec<SourceFile>,
    pub errors: Vec<Diag>,
    pub schema: Schema,
    pub schema_seen: Option<Span>,
    pub banks: Vec<Bank>,
    pub bank_lookup: HashMap<String, BankId>,
    pub prefixes: Vec<CardPrefix>,
    pub sources: Vec<SourceInfo>,
    pub capabilities: Vec<GlossaryTerm>,
    pub limit_periods: Vec<GlossaryTerm>,
    pub problems: Vec<ProblemWords>,
    /// Top-level sets, by name.
    pub global_sets: Vec<ast::SetDecl>,
    /// Top-level definitions, visible in every app.
    pub global_lets: Vec<ast::LetDecl>,
    pub regexes: Vec<regex::Regex>,
    pub regex_index: HashMap<String, usize>,
    pub apps: Vec<App>,
    pub examples: Vec<ExampleDef>,
    /// Compiled nodes so far, against `expr::MAX_COMPILED_NODES`.
    pub compiled_nodes: usize,
    pub over_budget: bool,
}

impl Compiler {
    fn new(files: Vec<SourceFile>) -> Self {
        Compiler {
            files,
            errors: Vec::new(),
            schema: Schema::default(),
            schema_seen: None,
            banks: Vec::new(),
            bank_lookup: HashMap::new(),
            prefixes: Vec::new(),
            sources: Vec::new(),
            capabilities: Vec::new(),
            limit_periods: Vec::new(),
            problems: Vec::new(),
            global_sets: Vec::new(),
            global_lets: Vec::new(),
            regexes: Vec::new(),
            regex_index: HashMap::new(),
            apps: Vec::new(),
            examples: Vec::new(),
            compiled_nodes: 0,
            over_budget: false,
        }
    }

    pub fn error(&mut self, diag: Diag) {
        self.errors.push(diag);
    }

    /// Everything but the apps: schema, banks, sources, glossaries, problems, top-level sets.
    fn declarations(&mut self, files: &[ast::RuleFile]) {
        // The schema first: banks and sets do not depend on it, but apps do.
        for item in files.iter().flat_map(|f| &f.items) {
            if let Item::Schema(schema) = item {
                if let Some(first) = &self.schema_seen {
                    let diag = Diag::at(
                        &schema.keyword,
                        "the profile schema is declared twice",
                        "second schema",
                    )
                    .with_help("keep one `schema { ... }` block in the rule set and merge the fields into it")
                    .with_related(Diag::at(first, "the first schema is here", "first schema"));
                    self.error(diag);
                    continue;
                }
                self.schema_seen = Some(schema.keyword.clone());
                self.compile_schema(schema);
            }
        }
        for item in files.iter().flat_map(|f| &f.items) {
            match item {
                Item::Bank(bank) => self.bank(bank),
                Item::Source(source) => self.source(source),
                Item::Glossary(glossary) => self.glossary(glossary),
                Item::Set(set) => {
                    if let Some(prev) = self
                        .global_sets
                        .iter()
                        .find(|s| s.name.node == set.name.node)
                    {
                        let diag = duplicate(&set.name, "set", &prev.name.span);
                        self.error(diag);
                        continue;
                    }
                    self.global_sets.push(set.clone());
                }
                Item::Let(def) => {
                    if let Some(prev) = self
                        .global_lets
                        .iter()
                        .find(|l| l.name.node == def.name.node)
                    {
                        let diag = duplicate(&def.name, "definition", &prev.name.span);
                        self.error(diag);
                        continue;
                    }
                    self.global_lets.push(def.clone());
                }
                Item::Example(example) => self.examples.push(ExampleDef {
                    app: example.app.as_ref().map(|a| a.node.clone()),
                    example: example.clone(),
                }),
                Item::Schema(_) | Item::App(_) | Item::Allow(_) | Item::Problem(_) => {}
            }
        }
        // After every source is known: a problem may cite any of them.
        for item in files.iter().flat_map(|f| &f.items) {
            if let Item::Problem(problem) = item {
                self.problem(problem);
            }
        }
        if self.schema_seen.is_none() {
            if let Some(file) = self.files.first() {
                let diag = Diag::at(
                    &Span::new(file, 0..0),
                    "the rule set has no profile schema",
                    "no `schema` in any rule file",
                )
                .with_help(
                    "add a `schema { ... }` block (the shipped rules keep it in profile.rules); the apps are checked once there is one",
                );
                self.error(diag);
            } else {
                self.error(Diag::error("the rule set is empty: no `.rules` files were found").with_help(
                    "point --rules at a folder that holds `.rules` files, or leave it out to use the built-in rules",
                ));
            }
        }
        // Check the values of top-level sets now, so that an unused set with a typo is reported.
        for set in self.global_sets.clone() {
            self.check_set_values(&set);
        }
    }

    fn apps(&mut self, files: &[&ast::RuleFile]) {
        for item in files.iter().flat_map(|f| &f.items) {
            if let Item::App(app) = item {
                if let Some(prev) = self.apps.iter().find(|a| a.id == app.id.node) {
                    let diag = duplicate(&app.id, "app", &prev.span);
                    self.error(diag);
                    continue;
                }
                let compiled = self.compile_app(app);
                self.apps.push(compiled);
            }
        }
        self.check_examples();
    }

    fn bank(&mut self, decl: &ast::BankDecl) {
        // Bank ids are 16 bits, the highest kept for banks the registry does not know.
        let id = match BankId::try_from(self.banks.len()) {
            Ok(id) if id < UNREGISTERED_BANK => id,
            _ => {
                self.error(Diag::at(
                    &decl.code.span,
                    format!("the bank registry may hold at most {UNREGISTERED_BANK} banks"),
                    "too many banks",
                ));
                return;
            }
        };
        let code = decl.code.node.clone();
        let Some(name) = &decl.name else {
            self.error(
                Diag::at(
                    &decl.code.span,
                    format!("bank `{code}` has no `name`"),
                    "no name",
                )
                .with_help("give the bank's English name: `name \"China Merchants Bank\"`"),
            );
            return;
        };
        let mut keys: Vec<&crate::source::Spanned<String>> = vec![&decl.code, name];
        keys.extend(decl.local_name.iter());
        keys.extend(decl.aliases.iter());
        for key in keys {
            let normalized = banks::bank_key(&key.node);
            if let Some(&other) = self.bank_lookup.get(&normalized) {
                if other != id {
                    let other_bank = &self.banks[other as usize];
                    let diag = Diag::at(
                        &key.span,
                        format!(
                            "`{}` already names bank {}, so a profile that writes it would be ambiguous",
                            key.node, other_bank.code
                        ),
                        "ambiguous bank name",
                    )
                    .with_help("every code, name and alias must name exactly one bank; remove or change this one")
                    .with_related(Diag::at(&other_bank.span, format!("bank {} is declared here", other_bank.code), "here"));
                    self.error(diag);
                }
                continue;
            }
            self.bank_lookup.insert(normalized, id);
        }
        for group in &decl.prefixes {
            if !(12..=19).contains(&group.length.node) {
                self.error(
                    Diag::at(
                        &group.length.span,
                        format!("a card number has 12 to 19 digits, not {}", group.length.node),
                        "not a card-number length",
                    )
                    .with_help("write how many digits the numbers with these prefixes have, such as 16 or 19"),
                );
            }
            for prefix in &group.prefixes {
                if prefix.node.is_empty() || !prefix.node.bytes().all(|b| b.is_ascii_digit()) {
                    let diag = Diag::at(
                        &prefix.span,
                        format!("card-number prefix \"{}\" is not all digits", prefix.node),
                        "not a prefix",
                    )
                    .with_help(
                        "a prefix is the first digits of the card number, such as \"622588\"",
                    );
                    self.error(diag);
                    continue;
                }
                self.prefixes.push(CardPrefix {
                    prefix: prefix.node.as_str().into(),
                    bank: id,
                    kind: group.kind.node.as_str().into(),
                    length: group.length.node,
                });
            }
        }
        self.banks.push(Bank {
            code,
            name: name.node.clone(),
            local_name: decl.local_name.as_ref().map(|c| c.node.clone()),
            aliases: decl.aliases.iter().map(|a| a.node.clone()).collect(),
            span: decl.code.span.clone(),
        });
    }

    fn source(&mut self, decl: &ast::SourceDecl) {
        if let Some(prev) = self.sources.iter().find(|s| s.id == decl.id.node) {
            let diag = duplicate(&decl.id, "source", &prev.span);
            self.error(diag);
            return;
        }
        let published = decl.published.as_ref().and_then(|d| self.date(d));
        let reviewed = decl.reviewed.as_ref().and_then(|d| self.date(d));
        if let (Some(p), Some(r), Some(written)) = (published, reviewed, &decl.reviewed) {
            if r < p {
                self.error(
                    Diag::at(
                        &written.span,
                        format!("source `{}` is reviewed on {r}, before it was published on {p}", decl.id.node),
                        "reviewed before published",
                    )
                    .with_help("`reviewed` is the day a maintainer last compared the rules with the source; it cannot come before `published`"),
                );
            }
        }
        if let Some(url) = &decl.url {
            let address = url.node.trim();
            if !(address.starts_with("https://") || address.starts_with("http://"))
                || address.contains(char::is_whitespace)
            {
                self.error(
                    Diag::at(&url.span, "a source's `url` must be a web address", "not a web address")
                        .with_help("write the public address where a reader can find the source, starting with https://; leave `url` out when there is none"),
                );
            }
        }
        self.sources.push(SourceInfo {
            id: decl.id.node.clone(),
            title: decl.title.as_ref().map(|t| t.node.clone()),
            publisher: decl.publisher.as_ref().map(|t| t.node.clone()),
            url: decl.url.as_ref().map(|t| t.node.trim().to_string()),
            published,
            reviewed,
            note: decl.note.as_ref().map(|t| t.node.clone()),
            doc: decl.docs.as_ref().map(|d| d.node.clone()),
            span: decl.id.span.clone(),
        });
    }

    /// A date as written in a rule file, or an error at it.
    pub fn date(&mut self, written: &crate::source::Spanned<String>) -> Option<Date> {
        match written.node.parse::<Date>() {
            Ok(date) => Some(date),
            Err(_) => {
                self.error(
                    Diag::at(
                        &written.span,
                        format!("`{}` is not a calendar date", written.node),
                        "not a date",
                    )
                    .with_help("write the date as YYYY-MM-DD with a real month and day"),
                );
                None
            }
        }
    }

    /// The days a `from`/`until` clause gives, checked: real dates, and a start that is not
    /// after the end.
    pub fn period(&mut self, written: Option<&ast::Period>) -> Period {
        let Some(p) = written else {
            return Period::ALWAYS;
        };
        let from = p.from.as_ref().and_then(|d| self.date(d));
        let until = p.until.as_ref().and_then(|d| self.date(d));
        if let (Some(f), Some(u)) = (from, until) {
            if f > u {
                self.error(
                    Diag::at(&p.span, format!("this period ends on {u}, before it begins on {f}"), "reversed period")
                        .with_help("write `from FIRST-DAY until LAST-DAY`, the earlier day first; both days are included")
                        .with_code(Code::InvalidPeriod),
                );
            }
        }
        Period { from, until }
    }

    /// The entries of a dated list (steps, documents, cards) with their periods checked.
    pub fn dated_texts(&mut self, list: &[ast::DatedText]) -> Vec<DatedText> {
        list.iter()
            .map(|entry| DatedText {
                text: entry.text.node.clone(),
                period: self.period(entry.period.as_ref()),
            })
            .collect()
    }

    /// Resolves `sources [...]` names to indexes, reporting unknown ones.
    pub fn resolve_sources(&mut self, names: &[ast::Name]) -> Vec<usize> {
        let mut out = Vec::new();
        for name in names {
            match self.sources.iter().position(|s| s.id == name.node) {
                Some(i) => out.push(i),
                None => {
                    let ids: Vec<&str> = self.sources.iter().map(|s| s.id.as_str()).collect();
                    let diag = unknown(&name.node, &name.span, "source", &ids);
                    self.error(diag);
                }
            }
        }
        out
    }

    /// Validates a set's declared type and values without a use site.
    fn check_set_values(&mut self, set: &ast::SetDecl) {
        // A member may be listed twice only for periods that do not overlap.
        let mut seen: Vec<(&str, Period, &Span)> = Vec::new();
        for member in &set.values {
            let period = self.period(member.period.as_ref());
            if let Some((_, first, first_span)) = seen
                .iter()
                .find(|(v, p, _)| *v == member.text.node && p.overlaps(&period))
            {
                let day = first
                    .first_common_day(&period)
                    .map_or(String::new(), |d| format!(" (both hold on {d})"));
                let diag = Diag::at(
                    &member.text.span,
                    format!("\"{}\" is listed twice in set `{}` for overlapping periods{day}", member.text.node, set.name.node),
                    "listed again",
                )
                .with_label(first_span, "first listed here")
                .with_help("list a value once, or give each listing a `from`/`until` so their periods do not overlap")
                .with_code(Code::DuplicateName);
                self.error(diag);
            }
            seen.push((&member.text.node, period, &member.text.span));
        }
        let values: Vec<&crate::source::Spanned<String>> =
            set.values.iter().map(|m| &m.text).collect();
        match SetType::parse(&set.ty.node) {
            Some(SetType::Bank) => {
                for v in &values {
                    if !self.bank_lookup.contains_key(&banks::bank_key(&v.node)) {
                        let diag = self.unknown_bank(&v.node, &v.span);
                        self.error(diag);
                    }
                }
            }
            Some(SetType::Country) => {
                for v in &values {
                    if expr::parse_country(&v.node).is_none() {
                        self.error(
                            Diag::at(
                                &v.span,
                                format!("`{}` is not a country code", v.node),
                                "unknown country",
                            )
                            .with_help("use an ISO 3166 code such as CN or CHN"),
                        );
                    }
                }
            }
            Some(SetType::Int) => {
                for v in &values {
                    if v.node.trim().parse::<i64>().is_err() {
                        self.error(
                            Diag::at(&v.span, format!("\"{}\" is not a whole number", v.node), "not a number")
                                .with_help("an `int` set holds whole numbers written in quotes, such as \"18\"")
                                .with_code(Code::TypeMismatch),
                        );
                    }
                }
            }
            Some(SetType::Text) => {}
            None => {
                let other = &set.ty.node;
                let help = did_you_mean(other, SetType::keywords())
                    .map(|s| format!("did you mean `{s}`?"))
                    .unwrap_or_else(|| {
                        let listed: Vec<String> =
                            SetType::keywords().map(|k| format!("`{k}`")).collect();
                        let (last, rest) = listed.split_last().expect("there are set types");
                        format!("a set holds {} or {last} values", rest.join(", "))
                    });
                self.error(
                    Diag::at(
                        &set.ty.span,
                        format!("`{other}` is not a type a set can hold"),
                        "unknown set type",
                    )
                    .with_help(help),
                );
            }
        }
        let _ = self.resolve_sources(&set.sources);
    }

    pub fn unknown_bank(&self, text: &str, span: &Span) -> Diag {
        let codes: Vec<&str> = self.banks.iter().map(|b| b.code.as_str()).collect();
        let names: Vec<&str> = self.banks.iter().map(|b| b.name.as_str()).collect();
        let suggestion = did_you_mean(text, codes.iter().copied())
            .or_else(|| did_you_mean(text, names.iter().copied()));
        let help = match suggestion {
            Some(s) => format!("did you mean `{s}`?"),
            None => {
                "name a bank declared in the bank registry (banks.rules) by its code, name or alias"
                    .into()
            }
        };
        Diag::at(
            span,
            format!("`{text}` is not a bank in the registry"),
            "unknown bank",
        )
        .with_code(Code::UnknownBank)
        .with_help(help)
    }

    pub fn regex(&mut self, pattern: &str, span: &Span) -> Option<usize> {
        if let Some(&i) = self.regex_index.get(pattern) {
            return Some(i);
        }
        match regex::RegexBuilder::new(pattern)
            .size_limit(1 << 20)
            .build()
        {
            Ok(re) => {
                self.regexes.push(re);
                let i = self.regexes.len() - 1;
                self.regex_index.insert(pattern.to_string(), i);
                Some(i)
            }
            Err(regex::Error::CompiledTooBig(limit)) => {
                self.error(
                    Diag::at(
                        span,
                        format!(
                            "this regular expression is too large: compiled, it would exceed the limit of {} KiB",
                            limit / 1024
                        ),
                        "pattern too large",
                    )
                    .with_code(Code::InvalidRegex)
                    .with_help(
                        "a counted repetition such as `{1000}` copies what it repeats that many times, and a repetition inside another multiplies the copies; use smaller counts, or check the length with `len(...)` and keep the pattern for the characters",
                    ),
                );
                None
            }
            Err(e) => {
                let detail = e.to_string();
                let last = detail.lines().last().unwrap_or("").trim();
                let last = last.strip_prefix("error: ").unwrap_or(last).to_string();
                self.error(
                    Diag::at(span, "this regular expression is not valid", "invalid pattern").with_code(Code::InvalidRegex).with_help(
                        format!("{last}. Patterns use the syntax of Rust's regex crate (no look-around or back-references)"),
                    ),
                );
                None
            }
        }
    }

    /// A set as the docs show it: its members with their days, its sources by index.
    pub(crate) fn named_set(&self, set: &ast::SetDecl) -> NamedSet {
        NamedSet {
            name: set.name.node.clone(),
            // An unknown set type is an error already reported, so no rule set holds one.
            ty: SetType::parse(&set.ty.node).unwrap_or(SetType::Text),
            values: set
                .values
                .iter()
                .map(|v| DatedText {
                    text: v.text.node.clone(),
                    period: written_period(v.period.as_ref()),
                })
                .collect(),
            doc: set.docs.as_ref().map(|d| d.node.clone()),
            sources: set
                .sources
                .iter()
                .filter_map(|n| self.sources.iter().position(|x| x.id == n.node))
                .collect(),
            span: set.name.span.clone(),
        }
    }

    fn finish(self) -> RuleSet {
        let sets = self.global_sets.iter().map(|s| self.named_set(s)).collect();
        RuleSet {
            files: self.files,
            schema: self.schema,
            banks: self.banks,
            prefixes: banks::PrefixIndex::new(self.prefixes),
            bank_lookup: self.bank_lookup,
            sources: self.sources,
            capabilities: self.capabilities,
            limit_periods: self.limit_periods,
            problems: self.problems,
            sets,
            apps: self.apps,
            regexes: self.regexes,
            examples: self.examples,
        }
    }
}

/// A period already checked by `Compiler::period`, read again without reporting (for the
/// documentation copies of sets).
pub fn written_period(written: Option<&ast::Period>) -> Period {
    let Some(p) = written else {
        return Period::ALWAYS;
    };
    let day =
        |d: &Option<crate::source::Spanned<String>>| d.as_ref().and_then(|d| d.node.parse().ok());
    Period {
        from: day(&p.from),
        until: day(&p.until),
    }
}

pub(crate) fn duplicate(name: &ast::Name, what: &str, first: &Span) -> Diag {
    let diag = Diag::at(
        &name.span,
        format!("{what} `{}` is declared twice", name.node),
        "declared again here",
    )
    .with_help(format!(
        "rename one of them or delete the copy; each {what} needs its own name"
    ))
    .with_code(Code::DuplicateName);
    if first.file.same_file(&name.span.file) {
        diag.with_label(first, "first declared here")
    } else {
        diag.with_related(
            Diag::at(
                first,
                format!("the first `{}` is here", name.node),
                "first declared here",
            )
            .with_severity(miette::Severity::Advice),
        )
    }
}

pub(crate) fn unknown(word: &str, span: &Span, what: &str, known: &[&str]) -> Diag {
    let help = match did_you_mean(word, known.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None if known.is_empty() => format!("no {what} is declared yet"),
        None if known.len() <= 8 => format!("known {what}s: {}", known.join(", ")),
        None => format!("declare the {what} first, or check the spelling"),
    };
    let code = match what {
        "field" => Code::UnknownField,
        "function" => Code::UnknownFunction,
        "source" => Code::UnknownSource,
        "set" => Code::UnknownSet,
        "bank" => Code::UnknownBank,
        _ => Code::UnknownName,
    };
    Diag::at(
        span,
        format!("there is no {what} named `{word}`"),
        format!("unknown {what}"),
    )
    .with_help(help)
    .with_code(code)
}
