//! Loading a rule set (the embedded one or a folder) and checking profiles with it.

use std::path::Path;

use include_dir::{include_dir, Dir};
use jiff::civil::Date;

use crate::compile::{compile, ir::RuleSet};
use crate::diagnostic::{Diag, Diagnostics};
use crate::eval::{run::check_app, type_profile, AppReport};
use crate::profile::ProfileDocument;
use crate::source::SourceFile;

/// The files of rules/ as they were when the binary was built.
static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/rules");

/// A compiled rule set, ready to check any number of profiles.
pub struct Rules {
    pub(crate) set: RuleSet,
    origin: Origin,
}

/// Where the rule files came from, so files next to them (example profiles) can be read.
#[derive(Debug, Clone)]
enum Origin {
    Embedded,
    Disk,
}

/// Display names of embedded files start with this, so diagnostics say `rules/alipay.rules`.
const EMBEDDED_PREFIX: &str = "rules/";

impl Rules {
    /// The compiled rule set, for the crate's own tests: its form is not part of the API.
    #[doc(hidden)]
    pub fn set(&self) -> &RuleSet {
        &self.set
    }

    /// The rule files built into the binary.
    pub fn embedded() -> Result<Rules, Diagnostics> {
        compile(embedded_files()).map(|set| Rules {
            set,
            origin: Origin::Embedded,
        })
    }

    /// Every `*.rules` file in `dir` (not recursive), read now.
    pub fn from_dir(dir: &Path) -> Result<Rules, Diagnostics> {
        Rules::from_files(read_rule_files(dir)?)
    }

    /// A rule set compiled elsewhere from files on disk.
    pub fn from_compiled(set: RuleSet) -> Rules {
        Rules {
            set,
            origin: Origin::Disk,
        }
    }

    /// Rule files given directly; their names are paths on disk (for example profiles).
    pub fn from_files(files: Vec<SourceFile>) -> Result<Rules, Diagnostics> {
        compile(files).map(|set| Rules {
            set,
            origin: Origin::Disk,
        })
    }

    /// Reads a file named relative to the folder of a rule file (an example's profile). A name
    /// that could reach outside the rules folder (absolute, with a drive letter, or with `..`)
    /// is refused.
    pub fn read_beside(&self, rule_file: &SourceFile, relative: &str) -> std::io::Result<String> {
        if let Some(why) = crate::compile::outside_rules_folder(relative) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!(
                    "{why}; an example's profile file must be inside the rules folder, named \
                     relative to the rule file (such as `profiles/applicant.yaml`)"
                ),
            ));
        }
        let not_found = || {
            std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no such file next to the rules",
            )
        };
        match self.origin {
            Origin::Embedded => {
                let name = rule_file
                    .name()
                    .strip_prefix(EMBEDDED_PREFIX)
                    .unwrap_or(rule_file.name());
                let path = Path::new(name)
                    .parent()
                    .unwrap_or(Path::new(""))
                    .join(relative);
                EMBEDDED
                    .get_file(&path)
                    .and_then(|f| f.contents_utf8())
                    .map(str::to_string)
                    .ok_or_else(not_found)
            }
            Origin::Disk => {
                let path = Path::new(rule_file.name())
                    .parent()
                    .unwrap_or(Path::new(""))
                    .join(relative);
                std::fs::read_to_string(path)
            }
        }
    }

    /// Checks a loaded profile against the named apps (all apps when `apps` is empty).
    pub fn check(
        &self,
        profile: &ProfileDocument,
        apps: &[&str],
        today: Date,
    ) -> Result<Vec<AppReport>, Diag> {
        let selected = self.select_apps(apps)?;
        let typed = type_profile(&self.set, &profile.root);
        let mut reports: Vec<AppReport> = selected
            .into_iter()
            .map(|app| check_app(&self.set, app, &typed, today))
            .collect();
        // A fix changes the value as typed; the rules saw it normalised, so show it as typed.
        for fix in reports.iter_mut().flat_map(|r| r.fixes.iter_mut()) {
            if let Some(typed) = fix.span.as_ref().and_then(|s| profile.scalar_at(s)) {
                fix.from = typed.to_string();
            }
        }
        Ok(reports)
    }

    /// The apps named, in the order given, or every app; an unknown id is an error.
    #[doc(hidden)]
    pub fn select_apps(&self, ids: &[&str]) -> Result<Vec<&crate::compile::ir::App>, Diag> {
        if ids.is_empty() {
            return Ok(self.set.apps.iter().collect());
        }
        ids.iter()
            .map(|id| {
                self.set.app(id).ok_or_else(|| {
                    let known: Vec<&str> = self.set.apps.iter().map(|a| a.id.as_str()).collect();
                    let help = match crate::text::did_you_mean(id, known.iter().copied()) {
                        Some(s) => {
                            format!("did you mean `{s}`? The apps are: {}", known.join(", "))
                        }
                        None => format!("the apps are: {}", known.join(", ")),
                    };
                    Diag::error(format!("there is no app `{id}` in the rules")).with_help(help)
                })
            })
            .collect()
    }
}

/// The rule files built into the binary, sorted by name.
pub fn embedded_files() -> Vec<SourceFile> {
    let mut files: Vec<SourceFile> = EMBEDDED
        .files()
        .filter(|f| f.path().extension().is_some_and(|e| e == "rules"))
        .map(|f| {
            SourceFile::new(
                format!("{EMBEDDED_PREFIX}{}", f.path().display()),
                f.contents_utf8().unwrap_or_default(),
            )
        })
        .collect();
    files.sort_by(|a, b| a.name().cmp(b.name()));
    files
}

/// Reads every `*.rules` file of a folder, sorted by name. Unreadable files, and symbolic links
/// that lead nowhere, are errors.
pub fn read_rule_files(dir: &Path) -> Result<Vec<SourceFile>, Diagnostics> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Diagnostics(vec![Diag::error(format!(
            "cannot read the rules folder {}: {e}",
            dir.display()
        ))
        .with_help("give --rules a folder that holds `.rules` files")])
    })?;
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "rules") && is_file_or_broken_link(p))
        .collect();
    paths.sort();
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match crate::text_file::read_text_file(&path) {
            Ok(text) => files.push(SourceFile::new(path.display().to_string(), text)),
            Err(e) => errors.push(match broken_link_target(&path) {
                Some(target) => Diag::error(format!(
                    "cannot read {}: it is a symbolic link to {}, which does not exist",
                    path.display(),
                    target.display()
                ))
                .with_help(
                    "point the link at an existing rule file, or remove it from the rules folder",
                ),
                None => e.to_diag(),
            }),
        }
    }
    if !errors.is_empty() {
        return Err(Diagnostics(errors));
    }
    Ok(files)
}

/// Whether a folder entry is a file to read: a file, or a symbolic link that leads to no file
/// (listed so that reading it reports the broken link instead of skipping it in silence).
/// Folders and links to folders are not.
pub fn is_file_or_broken_link(path: &Path) -> bool {
    path.is_file() || (path.is_symlink() && !path.exists())
}

/// Where a symbolic link points, when it points at nothing.
pub fn broken_link_target(path: &Path) -> Option<std::path::PathBuf> {
    let broken = path.is_symlink()
        && std::fs::metadata(path).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound);
    broken.then(|| std::fs::read_link(path).ok()).flatten()
}

#[cfg(test)]
mod tests {
    use crate::compile::outside_rules_folder;

    #[test]
    fn names_that_leave_the_rules_folder() {
        for (name, why) in [
            ("/etc/passwd", "absolute"),
            ("\\\\server\\share\\p.yaml", "absolute"),
            ("\\p.yaml", "absolute"),
            ("C:\\Users\\p.yaml", "drive letter"),
            ("c:/p.yaml", "drive letter"),
            ("C:p.yaml", "drive letter"),
            ("../p.yaml", "`..`"),
            ("profiles/../../p.yaml", "`..`"),
            ("profiles\\..\\..\\p.yaml", "`..`"),
            ("..", "`..`"),
        ] {
            let got = outside_rules_folder(name);
            assert!(
                got.is_some_and(|g| g.contains(why)),
                "{name}: {got:?}, expected {why}"
            );
        }
        for inside in [
            "p.yaml",
            "profiles/p.yaml",
            "./p.yaml",
            "a..b.yaml",
            "..p.yaml",
        ] {
            assert_eq!(outside_rules_folder(inside), None, "{inside}");
        }
    }
}
