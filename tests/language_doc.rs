//! docs/language.md must stay true: every ```rules block in it parses, compiles and, when it
//! holds examples with expectations, passes them.
//!
//! Conventions for the code blocks of docs/language.md (the info string after the three
//! backticks, words separated by commas):
//!
//! - ```rules — complete declarations. The block is compiled as one rule file together with
//!   copies of rules/profile.rules, rules/sources.rules, rules/banks.rules and the shared
//!   definitions of rules/phone.rules and rules/mrz.rules read from disk, so
//!   it may use the real schema fields (`name`, `birth_date`, `document.number`, `bank_cards`,
//!   ...), the real sources (`guide`, `alipay_text`, ...), the capabilities and the banks. Its
//!   names must not clash with theirs. Every example the block declares is run with
//!   `realname::internal::examples::run_example` and must pass.
//! - ```rules,fragment — what may stand in an app body (requirements, `let`, `when` and `for`
//!   blocks, fixes, outcomes, ...). The test wraps it in
//!   `app fragment { title "Fragment" hotline "10000" ... }`.
//! - ```rules,condition — conditions, one per line (blank lines and lines starting with `//`
//!   are skipped). Each becomes the `require` of its own requirement inside
//!   `for some card in bank_cards { ... }` of a wrapper app, so a condition may use `card`.
//!   Every line must hold: the wrapper app gets an example that checks examples/john-smith.yaml
//!   on 2026-11-21 (JOHN SMITH, born 1990-05-01, passport A12345678 expiring 2030-06-30, one
//!   China Merchants Bank debit card 6225880000000001) and expects none of the requirements to
//!   fire.
//! - ```rules,own-schema — the block declares its own `schema`, so it is compiled in place of
//!   rules/profile.rules (with sources.rules and banks.rules only).
//! - ```rules,error — the block must NOT compile. Each line `// error: TEXT` in it names a text
//!   that the message or the help of one of the diagnostics must contain. `error` combines with
//!   `fragment`, `condition` and `own-schema`.
//!
//! Blocks are compiled under a file name in the repository's examples/ folder, so an example
//! written `profile file "john-smith.yaml"` reads examples/john-smith.yaml.
//!
//! The test also checks that the document has a heading naming every built-in function of
//! `realname::internal::compile::signatures::BUILTINS`, and that every keyword of grammar/realname.pest (the
//! `kw_*` rules) appears in some ```rules block.

use std::path::PathBuf;

use realname::internal::examples::run_example;
use realname::Rules;
use realname::SourceFile;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(relative: &str) -> String {
    let path = root().join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn document() -> String {
    read("docs/language.md")
}

/// One fenced code block of the document.
#[derive(Debug)]
struct Block {
    /// 1-based line of the opening fence.
    line: usize,
    /// The words of the info string (`rules`, `fragment`, ...).
    info: Vec<String>,
    text: String,
}

impl Block {
    fn is_rules(&self) -> bool {
        self.info.first().is_some_and(|w| w == "rules")
    }

    fn has(&self, flag: &str) -> bool {
        self.info.iter().skip(1).any(|w| w == flag)
    }
}

/// Every fenced (```) block of a Markdown text. Fences are not indented in the document.
fn blocks(markdown: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<Block> = None;
    for (i, line) in markdown.lines().enumerate() {
        let trimmed = line.trim_end();
        match &mut open {
            None => {
                if let Some(info) = trimmed.strip_prefix("```") {
                    open = Some(Block {
                        line: i + 1,
                        info: info
                            .split(',')
                            .map(|w| w.trim().to_string())
                            .filter(|w| !w.is_empty())
                            .collect(),
                        text: String::new(),
                    });
                }
            }
            Some(block) => {
                if trimmed == "```" {
                    out.push(open.take().expect("open block"));
                } else {
                    block.text.push_str(line);
                    block.text.push('\n');
                }
            }
        }
    }
    assert!(
        open.is_none(),
        "docs/language.md: the code block opened on line {} is never closed",
        open.map_or(0, |b| b.line)
    );
    out
}

/// The day and the profile (in examples/) on which every line of a `condition` block must hold.
const TODAY: &str = "2026-11-21";
const PROFILE: &str = "john-smith.yaml";

const FLAGS: [&str; 4] = ["fragment", "condition", "own-schema", "error"];

/// The rule text a block stands for, after wrapping fragments and conditions.
fn rule_text(block: &Block) -> String {
    if block.has("fragment") {
        return format!(
            "app fragment {{\n  title \"Fragment\"\n  hotline \"10000\"\n{}\n}}\n",
            block.text
        );
    }
    if block.has("condition") {
        let mut out = String::from(
            "app condition {\n  title \"Condition\"\n  hotline \"10000\"\n  for some card in bank_cards {\n",
        );
        let conditions = block
            .text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with("//"));
        let mut count = 0;
        for (i, condition) in conditions.enumerate() {
            out.push_str(&format!(
                "    requirement condition_{i} {{\n      require {condition}\n      message \"condition {i}\"\n    }}\n"
            ));
            count = i + 1;
        }
        out.push_str("  }\n");
        out.push_str(&format!(
            "  example conditions_hold {{\n    today {TODAY}\n    profile file \"{PROFILE}\"\n"
        ));
        for i in 0..count {
            out.push_str(&format!("    expect no condition_{i}\n"));
        }
        out.push_str("  }\n}\n");
        return out;
    }
    block.text.clone()
}

/// The rule set a block compiles in: the block's file plus the shipped declarations.
fn files_for(block: &Block) -> Vec<SourceFile> {
    let mut files = Vec::new();
    let shipped: &[&str] = if block.has("own-schema") {
        &["rules/sources.rules", "rules/banks.rules"]
    } else {
        // The shared definitions read the schema's fields, so they come with it.
        &[
            "rules/profile.rules",
            "rules/sources.rules",
            "rules/banks.rules",
            "rules/phone.rules",
            "rules/mrz.rules",
        ]
    };
    for name in shipped {
        files.push(SourceFile::new(*name, read(name)));
    }
    // A name in examples/ so that `profile file "john-smith.yaml"` finds examples/john-smith.yaml.
    let name = root()
        .join("examples")
        .join(format!("language-md-line-{}.rules", block.line));
    files.push(SourceFile::new(
        name.display().to_string(),
        rule_text(block),
    ));
    files
}

/// What went wrong with one block, or `None` when it behaves as the document says.
fn check_block(block: &Block) -> Option<String> {
    if let Some(flag) = block
        .info
        .iter()
        .skip(1)
        .find(|f| !FLAGS.contains(&f.as_str()))
    {
        return Some(format!(
            "unknown flag `{flag}` (known: {})",
            FLAGS.join(", ")
        ));
    }
    let compiled = Rules::from_files(files_for(block));
    if block.has("error") {
        let wanted: Vec<&str> = block
            .text
            .lines()
            .filter_map(|l| l.trim().strip_prefix("// error:"))
            .map(str::trim)
            .collect();
        if wanted.is_empty() {
            return Some("an `error` block needs at least one `// error: TEXT` line".into());
        }
        return match compiled {
            Ok(_) => Some("the block was expected not to compile, but it compiles".into()),
            Err(diags) => {
                let texts: Vec<String> = diags
                    .0
                    .iter()
                    .map(|d| format!("{} / help: {}", d.message, d.help.as_deref().unwrap_or("")))
                    .collect();
                let missing: Vec<&&str> = wanted
                    .iter()
                    .filter(|w| !texts.iter().any(|t| t.contains(**w)))
                    .collect();
                if missing.is_empty() {
                    None
                } else {
                    Some(format!(
                        "no diagnostic says {missing:?}; the diagnostics were:\n    {}",
                        texts.join("\n    ")
                    ))
                }
            }
        };
    }
    let rules = match compiled {
        Ok(rules) => rules,
        Err(diags) => {
            let texts: Vec<String> = diags
                .0
                .iter()
                .map(|d| {
                    let place = d
                        .primary_offset()
                        .and_then(|o| {
                            d.source_name()
                                .filter(|n| n.contains("language-md-line"))
                                .map(|_| o)
                        })
                        .map(|o| {
                            let text = rule_text(block);
                            let line = text[..o.min(text.len())].matches('\n').count() + 1;
                            format!(" (line {line} of the block)")
                        })
                        .unwrap_or_default();
                    format!(
                        "{}{place} / help: {}",
                        d.message,
                        d.help.as_deref().unwrap_or("")
                    )
                })
                .collect();
            return Some(format!(
                "does not compile:\n    {}\n  rule text:\n{}",
                texts.join("\n    "),
                rule_text(block)
            ));
        }
    };
    let mut failures = Vec::new();
    for def in &rules.set().examples {
        let run = run_example(&rules, def);
        for failure in &run.failures {
            failures.push(format!(
                "example `{}`: {} / help: {}",
                run.name,
                failure.diag.message,
                failure.diag.help.as_deref().unwrap_or("")
            ));
        }
    }
    if failures.is_empty() {
        None
    } else {
        Some(format!("examples fail:\n    {}", failures.join("\n    ")))
    }
}

#[test]
fn every_rules_block_compiles_and_its_examples_pass() {
    let doc = document();
    let all = blocks(&doc);
    let rules_blocks: Vec<&Block> = all.iter().filter(|b| b.is_rules()).collect();
    assert!(
        rules_blocks.len() >= 20,
        "docs/language.md has only {} ```rules blocks",
        rules_blocks.len()
    );
    let problems: Vec<String> = rules_blocks
        .iter()
        .filter_map(|b| check_block(b).map(|p| format!("block at line {}: {p}", b.line)))
        .collect();
    assert!(
        problems.is_empty(),
        "{} of {} ```rules blocks of docs/language.md are wrong:\n\n{}",
        problems.len(),
        rules_blocks.len(),
        problems.join("\n\n")
    );
}

#[test]
fn examples_in_the_document_run() {
    // The document must show examples that really run, not only compile.
    let doc = document();
    let mut ran = 0;
    for block in blocks(&doc)
        .iter()
        .filter(|b| b.is_rules() && !b.has("error"))
    {
        if let Ok(rules) = Rules::from_files(files_for(block)) {
            ran += rules
                .set()
                .examples
                .iter()
                .filter(|d| d.app.is_some() && !d.example.expectations.is_empty())
                .count();
        }
    }
    assert!(
        ran >= 5,
        "only {ran} examples with expectations in the document"
    );
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Whether `word` occurs in `text` with no letter, digit or `_` on either side.
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
    })
}

#[test]
fn every_builtin_has_a_heading() {
    let doc = document();
    let headings: Vec<&str> = doc.lines().filter(|l| l.starts_with('#')).collect();
    let missing: Vec<&str> = realname::internal::compile::signatures::BUILTINS
        .iter()
        .map(|b| b.name)
        .filter(|name| !headings.iter().any(|h| has_word(h, name)))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/language.md has no heading for the built-ins {missing:?}"
    );
}

/// The keywords of the grammar: the names of its `kw_*` rules without `kw_`.
fn grammar_keywords() -> Vec<String> {
    let grammar = read("grammar/realname.pest");
    let mut out: Vec<String> = Vec::new();
    for line in grammar.lines() {
        let Some(rest) = line.trim_start().strip_prefix("kw_") else {
            continue;
        };
        let name: String = rest.chars().take_while(|c| is_word_char(*c)).collect();
        if !rest[name.len()..].trim_start().starts_with('=') {
            continue;
        }
        // `kw_today_clause` and `kw_verified_word` spell `today` and `verified` again.
        if name == "today_clause" || name == "verified_word" {
            continue;
        }
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

#[test]
fn every_keyword_appears_in_a_rules_block() {
    let keywords = grammar_keywords();
    assert!(
        keywords.len() > 40,
        "found only {} keywords in the grammar",
        keywords.len()
    );
    let doc = document();
    let code: String = blocks(&doc)
        .into_iter()
        .filter(|b| b.is_rules())
        .map(|b| b.text)
        .collect::<Vec<_>>()
        .join("\n");
    let missing: Vec<&String> = keywords.iter().filter(|k| !has_word(&code, k)).collect();
    assert!(
        missing.is_empty(),
        "no ```rules block of docs/language.md uses the keywords {missing:?}"
    );
}

#[test]
fn the_block_parser_sees_fences() {
    let found = blocks("text\n```rules,fragment\nlet a = 1\n```\n```\nplain\n```\n");
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].line, 2);
    assert!(found[0].is_rules() && found[0].has("fragment"));
    assert_eq!(found[0].text, "let a = 1\n");
    assert!(!found[1].is_rules());
}
