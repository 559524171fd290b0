//! Lints reported by the compiler itself: a rule set with one of these does not load, so
//! `realname check` refuses it too. Listed here so that they have codes and documentation.

use crate::code::Code;
use crate::lint::{lint_info, Category, LintContext, LintFinding, LintInfo};
use crate::syntax::ast::Severity;

/// The compiler reports these; linting adds nothing.
pub fn check(_cx: &LintContext<'_>, _out: &mut Vec<LintFinding>) {}

/// Codes the compiler gives that are documented on another code's page: the lint a compile
/// error with such a code is reported as. Every other code has a lint of its own name.
const DOCUMENTED_UNDER: &[(Code, Code)] = &[(Code::InvalidPeriod, Code::InvalidRule)];

/// The lint a compile error with `code` is reported as: the one of the same name, or the one
/// `DOCUMENTED_UNDER` names. Every code has one (a test checks).
pub fn lint_for(code: Code) -> Option<&'static LintInfo> {
    let shown = DOCUMENTED_UNDER
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(code, |(_, under)| *under);
    lint_info(shown.as_str())
}

macro_rules! compiler_lint {
    ($name:ident, $code:path, $summary:literal, $doc:literal) => {
        pub static $name: LintInfo = LintInfo {
            code: $code.as_str(),
            category: Category::Correctness,
            severity: Severity::Error,
            summary: $summary,
            doc: $doc,
        };
    };
}

compiler_lint!(
    SYNTAX_ERROR,
    Code::SyntaxError,
    "The file does not follow the rule language's grammar.",
    r#"## What it finds
Text the parser cannot read: a missing `}`, a clause keyword misspelt, `&&` instead of `and`, a
text in single quotes.

## Why it matters
A rule file that does not parse is not loaded at all: `realname check` stops with exit code 2
until it is fixed.

## Example
```
requirement adult {
  require age(birth_date) >= 18 && len(name) > 1
  mesage "Too young"
}
```

## How to fix
Read the message: it says what the parser expected at that point (and often "did you mean").
Write `and`/`or`, double quotes, and the clause names listed in docs/language.md.
"#
);

compiler_lint!(
    INVALID_RULE,
    Code::InvalidRule,
    "A declaration is incomplete or inconsistent.",
    r#"## What it finds
A declaration the compiler cannot accept for a reason other than an unknown name or a type: a
requirement without `require` or `message`, a disagreement with fewer than two claims, a fix
that changes a non-text field, a placeholder other than `{hotline}` or `{title}`.

## Why it matters
The rules do not load until it is fixed.

## Example
```
requirement adult {
  require age(birth_date) >= 18
}
```

## How to fix
Add what the message names (here `message "..."`).
"#
);

compiler_lint!(
    UNKNOWN_FIELD,
    Code::UnknownField,
    "A field path names a field the profile schema does not have.",
    r#"## What it finds
A path such as `document.numbr` where the schema (profile.rules) has no such field.

## Why it matters
The requirement could never see a value; the rules do not load.

## Example
```
require len(document.numbr) >= 8
```

## How to fix
Use the name the help suggests (`document.number`), or add the field to the schema.
"#
);

compiler_lint!(
    UNKNOWN_FUNCTION,
    Code::UnknownFunction,
    "A call names a function that is neither built in nor defined with `let`.",
    r#"## What it finds
A call such as `lenght(name)`.

## Why it matters
The rules do not load.

## Example
```
require lenght(name) >= 2
```

## How to fix
Use a built-in function (docs/language.md lists them) or define one with `let NAME(x) = ...`.
"#
);

compiler_lint!(
    UNKNOWN_BANK,
    Code::UnknownBank,
    "A bank named in a rule is not in the bank registry.",
    r#"## What it finds
A bank code or name, in a set or a comparison, that banks.rules does not declare.

## Why it matters
A whitelist with a typo silently refuses that bank's cards; the compiler refuses it instead.

## Example
```
set whitelist: bank = ["CMBB", "ICBC"]
```

## How to fix
Use the code the help suggests, or add the bank to banks.rules.
"#
);

compiler_lint!(
    UNKNOWN_SET,
    Code::UnknownSet,
    "`in` names a set that is not declared.",
    r#"## What it finds
`card.bank in alipay_bank` where no set of that name exists.

## Why it matters
The rules do not load.

## Example
```
require card.bank in alipay_bank
```

## How to fix
Use the declared set's name (`alipay_banks`) or declare the set with `set NAME: TYPE = [...]`.
"#
);

compiler_lint!(
    UNKNOWN_SOURCE,
    Code::UnknownSource,
    "A `sources [...]` list or a claim names a source that is not declared.",
    r#"## What it finds
A source id in `sources [...]` or `claim ID "..."` that no `source ID { ... }` declares.

## Why it matters
Provenance that points nowhere is no provenance; the rules do not load.

## Example
```
sources [guid]
```

## How to fix
Use the declared id (`guide`) or declare the source in sources.rules.
"#
);

compiler_lint!(
    UNKNOWN_NAME,
    Code::UnknownName,
    "A name (capability, app, example, fix, period, severity) is not declared.",
    r#"## What it finds
Any other name the compiler cannot resolve: a capability in `unlocks`, a fix named by a
requirement, the app or `from` example of an example, the period of a limit.

## Why it matters
The rules do not load.

## Example
```
unlocks [payment]
```

## How to fix
Use the name the help suggests.
"#
);

compiler_lint!(
    TYPE_MISMATCH,
    Code::TypeMismatch,
    "A value is used where a value of another type is needed.",
    r#"## What it finds
Comparing a number with a text, calling `age` on a text, `matches` on a date, a condition that
is not true or false.

## Why it matters
Such a condition has no meaning; the rules do not load.

## Example
```
require len(name) == "2"
```

## How to fix
Compare values of the same type; the message says which types it found.
"#
);

compiler_lint!(
    DUPLICATE_NAME,
    Code::DuplicateName,
    "Two declarations share a name where names must be unique.",
    r#"## What it finds
Two requirements (or fixes, outcomes, sets, sources, banks, apps, examples) with the same name.
A requirement's code is `app/name`, so two requirements of one app must differ.

## Why it matters
Findings, suppressions and docs refer to rules by name; a duplicate makes them ambiguous.

## Example
```
requirement adult { ... }
requirement adult { ... }
```

## How to fix
Rename one, or delete the copy.
"#
);

compiler_lint!(
    INVALID_REGEX,
    Code::InvalidRegex,
    "A `matches` pattern is not a valid regular expression.",
    r#"## What it finds
A pattern the regex crate rejects, such as `"[a-"`, or one using look-around or
back-references, which it does not support.

## Why it matters
The rules do not load.

## Example
```
require name matches "[a-"
```

## How to fix
Fix the pattern; the help quotes the regex crate's explanation.
"#
);

#[cfg(test)]
mod tests {
    use super::*;

    /// A new compiler code without documentation fails here: give it a `compiler_lint!` in
    /// this file and a line in `registry::LINTS`, or name the page that explains it in
    /// `DOCUMENTED_UNDER`. (The other way round holds by construction: `compiler_lint!` takes
    /// a `Code`.)
    #[test]
    fn every_compiler_code_has_a_lint() {
        for code in Code::ALL {
            assert!(lint_for(*code).is_some(), "`{code}` has no LintInfo");
        }
        for (code, under) in DOCUMENTED_UNDER {
            assert!(
                lint_info(code.as_str()).is_none(),
                "`{code}` has a page of its own"
            );
            assert!(lint_info(under.as_str()).is_some(), "`{under}` has no page");
        }
    }
}
