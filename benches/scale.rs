//! How compile, lint and fmt scale with the size of the rule set: synthetic rule folders of
//! 100, 1,000 and 10,000 requirements (see `support/synthetic.rs`). Ten times the requirements
//! should cost at most twelve times the time.
//!
//! Run with `cargo bench --bench scale`.

#[path = "support/synthetic.rs"]
mod synthetic;

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use jiff::civil::Date;
use realname::format_file;
use realname::internal::compile::compile;
use realname::lint;
use realname::SourceFile;

fn main() {
    divan::main();
}

const SIZES: [usize; 3] = [100, 1_000, 10_000];

fn today() -> Date {
    "2026-11-21".parse().unwrap()
}

/// The rule folder of `requirements` requirements, generated once per size and checked to
/// compile without errors (a bench of a broken rule set would measure the error path).
fn files(requirements: usize) -> Vec<SourceFile> {
    static CACHE: LazyLock<Mutex<HashMap<usize, Vec<SourceFile>>>> =
        LazyLock::new(|| Mutex::new(HashMap::new()));
    let mut cache = CACHE.lock().unwrap();
    cache
        .entry(requirements)
        .or_insert_with(|| {
            let generated = synthetic::rule_files(requirements);
            assert_eq!(
                synthetic::count_requirements(&generated),
                requirements,
                "the generator writes as many requirements as asked"
            );
            let files: Vec<SourceFile> = generated
                .into_iter()
                .map(|(name, text)| SourceFile::new(name, text))
                .collect();
            if let Err(errors) = compile(files.clone()) {
                panic!(
                    "the synthetic rules of {requirements} requirements do not compile: {:?}",
                    errors
                        .0
                        .iter()
                        .take(5)
                        .map(|d| &d.message)
                        .collect::<Vec<_>>()
                );
            }
            files
        })
        .clone()
}

/// Parsing and compiling every file of the set (what `realname check` does before checking).
#[divan::bench(args = SIZES, sample_count = 20)]
fn compile_rules(bencher: divan::Bencher, requirements: usize) {
    let files = files(requirements);
    bencher
        .with_inputs(|| files.clone())
        .bench_local_values(|files| compile(files).is_ok());
}

/// `realname lint` over the whole set: compiling, running the examples and every lint.
#[divan::bench(args = SIZES, sample_count = 5)]
fn lint_rules(bencher: divan::Bencher, requirements: usize) {
    let files = files(requirements);
    let today = today();
    bencher.bench_local(|| lint(&files, today).len());
}

/// `realname fmt --check`, for reference: formatting every file and comparing it with itself.
#[divan::bench(args = SIZES, sample_count = 10)]
fn fmt_check(bencher: divan::Bencher, requirements: usize) {
    let files = files(requirements);
    bencher.bench_local(|| {
        files
            .iter()
            .filter(|f| format_file(f).map_or(true, |out| out != f.text()))
            .count()
    });
}
