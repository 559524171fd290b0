//! A batch of 10,000 profiles through the path `realname check --format json --jobs 1` takes
//! (`batch::check_batch`), and the same batch split into its two halves, checking and JSON
//! rendering, to see what share of a batch the rendering is.
//!
//! Run with `cargo bench --bench batch`.

use std::sync::LazyLock;

use divan::Bencher;
use realname::internal::batch::{self, BatchOptions, FixMode, Job, OutputFormat};
use realname::{load_profile, AppReport, Date, ProfileDocument, Rules, Style};

fn main() {
    divan::main();
}

const PROFILES_IN_BATCH: usize = 10_000;

/// The samples the batch is made of: the examples and the test fixtures.
const SAMPLES: [&str; 8] = [
    include_str!("../examples/john-smith.yaml"),
    include_str!("../examples/problems.yaml"),
    include_str!("../tests/fixtures/profiles/clean.yaml"),
    include_str!("../tests/fixtures/profiles/international_credit_only.yaml"),
    include_str!("../tests/fixtures/profiles/mrz_mistyped_number.yaml"),
    include_str!("../tests/fixtures/profiles/mrz_wrong_check_digit.yaml"),
    include_str!("../tests/fixtures/profiles/no_card.yaml"),
    include_str!("../tests/fixtures/profiles/schema_problems.yaml"),
];

static RULES: LazyLock<Rules> =
    LazyLock::new(|| Rules::embedded().expect("the embedded rules compile"));

/// The batch as the lines of a JSON Lines file: the samples as one-line JSON, every third with
/// another name.
static JOBS: LazyLock<Vec<Job>> = LazyLock::new(|| {
    let samples: Vec<serde_json::Value> = SAMPLES
        .iter()
        .map(|text| serde_saphyr::from_str(text).expect("a YAML profile"))
        .collect();
    (0..PROFILES_IN_BATCH)
        .map(|i| {
            let mut profile = samples[i % samples.len()].clone();
            if i % 3 == 1 {
                profile["name"] = serde_json::Value::from(format!("JANE DOE {i}"));
            }
            Job::Text {
                name: format!("people.jsonl:{}", i + 1),
                text: serde_json::to_string(&profile).expect("JSON"),
                place: None,
            }
        })
        .collect()
});

fn today() -> Date {
    "2026-11-21".parse().unwrap()
}

fn options() -> BatchOptions<'static> {
    BatchOptions {
        apps: &[],
        today: today(),
        fix: FixMode::Off,
        redact: false,
        format: OutputFormat::Json,
        err_style: Style::plain(100),
        jobs: 1,
    }
}

/// Read, check and render 10,000 profiles as JSON on one thread; returns the bytes written.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn batch_json_one_thread(bencher: Bencher) {
    let options = options();
    bencher
        .with_inputs(|| JOBS.clone())
        .bench_local_values(|jobs| {
            let mut bytes = 0usize;
            batch::check_batch(&RULES, jobs.into_iter(), &options, |done| {
                bytes += done.stdout.len();
            });
            bytes
        });
}

fn texts() -> impl Iterator<Item = (&'static str, &'static str)> {
    JOBS.iter().map(|job| match job {
        Job::Text { name, text, .. } => (name.as_str(), text.as_str()),
        _ => unreachable!("the batch is made of texts"),
    })
}

/// The first half of the batch: loading and checking, no output.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn check_only(bencher: Bencher) {
    bencher.bench_local(|| {
        texts()
            .map(|(name, text)| {
                let doc = load_profile(name, text).expect("the samples load");
                RULES.check(&doc, &[], today()).expect("checked").len()
            })
            .sum::<usize>()
    });
}

/// The second half: the JSON of profiles already checked.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn render_json_only(bencher: Bencher) {
    let checked: Vec<(ProfileDocument, Vec<AppReport>)> = texts()
        .map(|(name, text)| {
            let doc = load_profile(name, text).expect("the samples load");
            let reports = RULES.check(&doc, &[], today()).expect("checked");
            (doc, reports)
        })
        .collect();
    bencher.bench_local(|| {
        checked
            .iter()
            .map(|(doc, reports)| realname::render::json(&RULES, doc, reports).len())
            .sum::<usize>()
    });
}
