//! What lints see: the parsed files, the compiled rules when they compile, helpers to walk
//! requirements with their surrounding `when` and `for` blocks, and what is worked out once for
//! every lint (the example runs, the analysis of conditions).

use std::cell::OnceCell;

use crate::compile::compile_with_asts;
use crate::diagnostic::Diagnostics;
use crate::examples::{run_example, ExampleRun};
use crate::lint::analysis::Analysis;
use crate::source::SourceFile;
use crate::syntax::ast::*;
use crate::Rules;

/// The rule files parsed and compiled. It is owned here, apart from the [`LintContext`] that
/// borrows it, so that what the context works out once and keeps (the analysis of conditions)
/// can borrow the ASTs and the rules too.
pub struct Compiled {
    asts: Vec<RuleFile>,
    rules: Option<Rules>,
    errors: Option<Diagnostics>,
}

impl Compiled {
    pub fn new(files: &[SourceFile]) -> Self {
        let (asts, compiled) = compile_with_asts(files.to_vec());
        let (rules, errors) = match compiled {
            Ok(set) => (Some(Rules::from_compiled(set)), None),
            Err(errors) => (None, Some(errors)),
        };
        Compiled {
            asts,
            rules,
            errors,
        }
    }
}

pub struct LintContext<'a> {
    pub files: &'a [SourceFile],
    /// The day lints that depend on time judge by.
    pub today: jiff::civil::Date,
    /// One AST per file (what parsed of it).
    pub asts: &'a [RuleFile],
    /// The compiled rules, when they compile.
    pub rules: Option<&'a Rules>,
    pub compile_errors: Option<&'a Diagnostics>,
    example_runs: OnceCell<Vec<ExampleRun>>,
    analysis: OnceCell<Analysis<'a>>,
}

/// A `when` or `for` block around a declaration.
#[derive(Clone, Copy)]
pub enum Scope<'a> {
    When(&'a WhenBlock),
    For(&'a ForBlock),
}

/// A requirement with the app and blocks it stands in.
pub struct RequirementSite<'a> {
    pub app: &'a AppDecl,
    pub requirement: &'a Requirement,
    pub scopes: Vec<Scope<'a>>,
}

impl<'a> RequirementSite<'a> {
    /// Whether some day has both requirements in force (versions of one rule never meet).
    pub fn in_force_with(&self, other: &RequirementSite<'_>) -> bool {
        let period =
            |s: &RequirementSite<'_>| crate::compile::written_period(s.requirement.period.as_ref());
        period(self).overlaps(&period(other))
    }

    /// The innermost `for` block around the requirement, if any.
    pub fn for_block(&self) -> Option<&'a ForBlock> {
        self.scopes.iter().rev().find_map(|s| match s {
            Scope::For(f) => Some(*f),
            Scope::When(_) => None,
        })
    }
}

impl<'a> LintContext<'a> {
    /// The context for linting `files`, compiled as `compiled` (`Compiled::new(files)`).
    pub fn new(files: &'a [SourceFile], today: jiff::civil::Date, compiled: &'a Compiled) -> Self {
        LintContext {
            files,
            today,
            asts: &compiled.asts,
            rules: compiled.rules.as_ref(),
            compile_errors: compiled.errors.as_ref(),
            example_runs: OnceCell::new(),
            analysis: OnceCell::new(),
        }
    }

    pub fn items(&self) -> impl Iterator<Item = &'a Item> {
        let asts: &'a [RuleFile] = self.asts;
        asts.iter().flat_map(|f| f.items.iter())
    }

    pub fn apps(&self) -> impl Iterator<Item = &'a AppDecl> {
        self.items().filter_map(|i| match i {
            Item::App(a) => Some(a),
            _ => None,
        })
    }

    pub fn sources(&self) -> impl Iterator<Item = &'a SourceDecl> {
        self.items().filter_map(|i| match i {
            Item::Source(s) => Some(s),
            _ => None,
        })
    }

    /// Every requirement of every app, with its enclosing blocks.
    pub fn requirements(&self) -> Vec<RequirementSite<'_>> {
        let mut out = Vec::new();
        for app in self.apps() {
            walk(app, &app.body, &mut Vec::new(), &mut |site| out.push(site));
        }
        out
    }

    /// Every body item of every app, depth first, with the app.
    pub fn body_items(&self) -> Vec<(&AppDecl, &BodyItem)> {
        fn rec<'b>(
            app: &'b AppDecl,
            items: &'b [BodyItem],
            out: &mut Vec<(&'b AppDecl, &'b BodyItem)>,
        ) {
            for item in items {
                out.push((app, item));
                match item {
                    BodyItem::When(w) => rec(app, &w.body, out),
                    BodyItem::For(f) => rec(app, &f.body, out),
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        for app in self.apps() {
            rec(app, &app.body, &mut out);
        }
        out
    }

    /// Every example run once (examples are only run when the rules compile).
    pub fn example_runs(&self) -> &[ExampleRun] {
        self.example_runs.get_or_init(|| match self.rules {
            Some(rules) => rules
                .set
                .examples
                .iter()
                .map(|def| run_example(rules, def))
                .collect(),
            None => Vec::new(),
        })
    }

    /// Every condition of every app as formulas, with what can be said of it, worked out on
    /// first use and shared by every lint that reasons about conditions.
    pub(crate) fn analysis(&self) -> &Analysis<'a> {
        self.analysis.get_or_init(|| Analysis::new(self))
    }
}

fn walk<'a>(
    app: &'a AppDecl,
    items: &'a [BodyItem],
    scopes: &mut Vec<Scope<'a>>,
    f: &mut dyn FnMut(RequirementSite<'a>),
) {
    for item in items {
        match item {
            BodyItem::Requirement(r) => f(RequirementSite {
                app,
                requirement: r,
                scopes: scopes.clone(),
            }),
            BodyItem::When(w) => {
                scopes.push(Scope::When(w));
                walk(app, &w.body, scopes, f);
                scopes.pop();
            }
            BodyItem::For(b) => {
                scopes.push(Scope::For(b));
                walk(app, &b.body, scopes, f);
                scopes.pop();
            }
            _ => {}
        }
    }
}

/// Every expression node under `e`, depth first, `e` included.
pub fn subexpressions(e: &Expr) -> Vec<&Expr> {
    let mut out = vec![e];
    let mut i = 0;
    while i < out.len() {
        let current = out[i];
        out.extend(current.node.children());
        i += 1;
    }
    out
}
