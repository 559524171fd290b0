//! The command line: argument parsing and the commands. `main.rs` only calls [`run`].

mod check;
mod docs;
mod fmt;
mod lint;
mod progress;
pub mod test;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::diagnostic::Diagnostics;
use crate::report::{render_diagnostic, Style};
use crate::Rules;

/// Check a foreigner's details against the real-name verification rules of WeChat Pay and
/// Alipay before they try, and see what will be refused, where, why and how to fix it.
#[derive(Debug, Parser)]
#[command(name = "realname", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check one or more profiles (YAML or JSON) against the apps' rules.
    ///
    /// Inputs: a profile file (.yaml, .yml, .json); `-`, one profile (YAML or JSON) read from
    /// standard input and reported as `<stdin>`; a JSON Lines file (.jsonl, .ndjson), one
    /// profile per line that is not blank, each reported as `FILE:LINE` with the file's line
    /// numbers in every finding (`--stdin-jsonl` reads standard input that way, as
    /// `<stdin>:LINE`); a folder, every such file in it and in its subfolders (sorted; symbolic
    /// links to folders are not followed, links that lead nowhere are reported as unreadable).
    /// A profile or line that cannot be read or loaded is reported on stderr and the batch goes
    /// on.
    ///
    /// Profiles are checked on --jobs threads; the output is in the order of the inputs, the
    /// same for any number of jobs. On a terminal, a batch of more than 200 profiles or 2
    /// seconds shows a progress bar on stderr.
    ///
    /// Exit status: the worst of the batch: 0 when no app refuses, 1 when some app has an error
    /// finding, 2 when the command could not run or a profile could not be checked (bad
    /// arguments, unreadable or invalid profile or line, broken rules).
    Check(CheckArgs),
    /// Run the examples written in the rule files and report coverage per app.
    ///
    /// Exit status: 0 when every example passes and coverage is complete, 1 otherwise, 2 when
    /// the rules do not compile.
    Test(TestArgs),
    /// Check rule files for mistakes: unknown names, conditions that can never hold, missing
    /// sources, untested requirements and more (`realname explain CODE` describes each lint).
    ///
    /// Exit status: 0 clean, 1 findings at error severity (or warning with --deny warnings),
    /// 2 unreadable rules.
    Lint(LintArgs),
    /// Show the documentation of a lint (`realname explain missing-source`) or of a rule
    /// (`realname explain alipay/adult`): message, help, sources, disagreements, examples.
    Explain(ExplainArgs),
    /// Rewrite rule files in the one canonical layout, keeping comments and meaning.
    ///
    /// Exit status: 0 done (or, with --check, already formatted), 1 with --check when a file
    /// would change, 2 when a file cannot be read or has syntax errors.
    Fmt(FmtArgs),
    /// Generate the guide from the rules: a Markdown and an HTML page per app, an index that
    /// compares the apps, and the lint pages.
    ///
    /// Exit status: 0 written (or, with --check, up to date), 1 with --check when a page is
    /// stale, 2 when the rules do not compile or a file cannot be written.
    Docs(DocsArgs),
}

#[derive(Debug, clap::Args)]
pub struct DocsArgs {
    /// Read the rules from this folder instead of the built-in rules.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// The folder to write to (the repository keeps the pages in docs/).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Do not write; fail when the pages in --out differ from what the rules generate.
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, clap::Args)]
pub struct FmtArgs {
    /// Do not write; list the files that are not formatted and exit 1 if there are any.
    #[arg(long)]
    pub check: bool,
    /// Rule files or folders (their *.rules files); default: rules/.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// Read the rules from this folder instead of the built-in rules.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// A lint code or a rule code (`app/name`, or just `name` when one app has it).
    #[arg(value_name = "CODE")]
    pub code: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LintFormat {
    Human,
    Json,
    Sarif,
    Github,
}

#[derive(Debug, clap::Args)]
pub struct LintArgs {
    /// The rules folder; default: the built-in rules (or only the PATHs, when given).
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = LintFormat::Human)]
    pub format: LintFormat,
    /// Also fail on warnings: `--deny warnings`.
    #[arg(long, value_name = "warnings", value_parser = ["warnings"])]
    pub deny: Vec<String>,
    /// The day to judge sources' review dates by (YYYY-MM-DD); default: today.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
    /// Rule files or folders to lint (with --rules, they replace the folder's files of the same
    /// name, and only they are reported on).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct TestArgs {
    /// Read the rules from this folder instead of the built-in rules.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Run only the examples whose `app/name` contains this text (coverage is then not judged).
    #[arg(long, value_name = "TEXT")]
    pub filter: Option<String>,
    /// Fail when fewer than this percentage of an app's requirements have both a passing and a
    /// failing example.
    #[arg(long, value_name = "PERCENT", default_value_t = 100.0)]
    pub min_coverage: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One report per finding, showing the profile and the rule.
    Human,
    /// One JSON object per line for each profile and app (docs/json.md).
    Json,
    /// One line per finding.
    Short,
    /// One row per profile and app after a header row: profile, app, verified, unlocks
    /// (space-separated), errors, warnings, error_codes (space-separated, sorted). Quoted as
    /// RFC 4180 says; a field starting with `=`, `+`, `-` or `@` gets a `'` in front so that a
    /// spreadsheet does not run it as a formula. A profile that cannot be read has no row.
    Csv,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Read the rules from this folder (every *.rules file) instead of the built-in rules.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Check only this app (repeat for several); default: every app in the rules.
    #[arg(long = "app", value_name = "ID")]
    pub apps: Vec<String>,
    /// The day to check on, for ages and expiry dates (YYYY-MM-DD); default: today.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Apply the available fixes to the profile files in place, keeping comments and layout,
    /// then report on the fixed profiles. Profile files only: not `-` or a JSON Lines file.
    #[arg(long)]
    pub fix: bool,
    /// With --fix: write nothing, print what --fix would change as a unified diff instead of
    /// the report (the exit status is that of the profile as it is).
    #[arg(long, requires = "fix")]
    pub diff: bool,
    /// Mask the values of sensitive fields (document and card numbers) in the output, all but
    /// their last four characters, for output that is logged or shared.
    #[arg(long)]
    pub redact: bool,
    /// Check on this many threads; default: one per core.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// After the batch, count its findings per code and its profiles verified and refused per
    /// app: a table on stderr, or with --format json a last line `{"statistics": ...}` on
    /// stdout. A finding is counted in each app report that lists it, as the JSON lists it.
    #[arg(long)]
    pub statistics: bool,
    /// Read standard input (`-`) as JSON Lines, one profile per line, instead of one profile.
    #[arg(long)]
    pub stdin_jsonl: bool,
    /// The profiles to check: files, `-` for standard input, JSON Lines files (.jsonl,
    /// .ndjson), folders (recursively: every .yaml, .yml, .json, .jsonl and .ndjson file).
    #[arg(required = true, value_name = "PROFILE")]
    pub profiles: Vec<PathBuf>,
}

/// The day given with `--today` (or today); an unreadable day is an error message and exit
/// status 2.
pub(crate) fn parse_today(text: Option<&str>) -> Result<jiff::civil::Date, ExitCode> {
    match text {
        Some(text) => match text.parse::<jiff::civil::Date>() {
            Ok(d) if text.len() == 10 => Ok(d),
            _ => {
                eprintln!("error: --today must be a date written YYYY-MM-DD, such as 2026-11-21 (got \"{text}\")");
                Err(ExitCode::from(2))
            }
        },
        None => Ok(jiff::Zoned::now().date()),
    }
}

/// Runs the command line and returns the process exit code.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Test(args) => test::run(&args),
        Command::Lint(args) => lint::run(&args),
        Command::Fmt(args) => fmt::run(&args),
        Command::Docs(args) => docs::run(&args),
        Command::Explain(args) => {
            let style = Style::detect();
            let rules = match load_rules(args.rules.as_ref(), style) {
                Ok(r) => r,
                Err(code) => return code,
            };
            match crate::explain::explain(&rules, &args.code) {
                Ok(text) => {
                    print!("{text}");
                    ExitCode::SUCCESS
                }
                Err(diag) => {
                    eprint!("{}", render_diagnostic(&diag, style));
                    ExitCode::from(2)
                }
            }
        }
    }
}

/// Loads the embedded rules or a folder, printing every problem on failure.
pub(crate) fn load_rules(dir: Option<&PathBuf>, style: Style) -> Result<Rules, ExitCode> {
    let result = match dir {
        Some(dir) => Rules::from_dir(dir),
        None => Rules::embedded(),
    };
    result.map_err(|errors| {
        print_diagnostics(&errors, style);
        ExitCode::from(2)
    })
}

pub(crate) fn print_diagnostics(errors: &Diagnostics, style: Style) {
    let mut stderr = std::io::stderr().lock();
    for diag in &errors.0 {
        let _ = stderr.write_all(render_diagnostic(diag, style).as_bytes());
    }
    let n = errors.0.len();
    let _ = writeln!(
        stderr,
        "the rules could not be loaded: {n} problem{} found",
        if n == 1 { "" } else { "s" }
    );
}
