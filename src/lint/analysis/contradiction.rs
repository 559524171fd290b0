//! When a formula can never be true, and why, in words.
//!
//! A formula is expanded into its alternatives (disjunctive normal form): it can never be true
//! when no alternative can, and an alternative, a conjunction of atoms, cannot be true when the
//! atoms about one term ask for values that cannot all be had at once (intervals for numbers and
//! dates, sets of values for texts, enumerations, banks and countries, `a` against `not a` for
//! anything else). The explanation names the term and the atoms that clash.

use std::collections::BTreeSet;

use super::formula::{Atom, Formula, IntAtom, LitAtom, Op};

/// How many alternatives (conjunctions) a condition may expand to before we give up. An `and`
/// of `or`s multiplies out (eight `(a or b)` make 256 alternatives), so the expansion is
/// bounded; giving up means "cannot tell", which reports nothing, never a wrong verdict.
pub(crate) const MAX_ALTERNATIVES: usize = 256;

/// The alternatives of `f`, each a conjunction of atoms; `None` when there are more than
/// [`MAX_ALTERNATIVES`].
fn dnf(f: &Formula) -> Option<Vec<Vec<&Atom>>> {
    Some(match f {
        Formula::Const(true) => vec![vec![]],
        Formula::Const(false) => vec![],
        Formula::Atom(a) => vec![vec![a]],
        Formula::Or(fs) => {
            let mut out = Vec::new();
            for f in fs {
                out.extend(dnf(f)?);
                if out.len() > MAX_ALTERNATIVES {
                    return None;
                }
            }
            out
        }
        Formula::And(fs) => {
            let mut out: Vec<Vec<&Atom>> = vec![vec![]];
            for f in fs {
                let part = dnf(f)?;
                let mut next = Vec::new();
                for a in &out {
                    for b in &part {
                        let mut c = a.clone();
                        c.extend(b.iter().copied());
                        next.push(c);
                    }
                }
                if next.len() > MAX_ALTERNATIVES {
                    return None;
                }
                out = next;
            }
            out
        }
    })
}

/// When `f` can never be true: why, in plain words, for each way it could have held (empty
/// when it is false because of the constants `true` and `false` alone). `None` when it can be
/// true, or is too large to tell.
pub(crate) fn never(f: &Formula) -> Option<Vec<String>> {
    let alternatives = dnf(f)?;
    let mut reasons: Vec<String> = Vec::new();
    for conj in alternatives {
        let reason = conflict(&conj)?;
        if !reasons.contains(&reason) {
            reasons.push(reason);
        }
    }
    Some(reasons)
}

/// The reasons as one clause.
pub(crate) fn explain(reasons: &[String]) -> String {
    match reasons {
        [] => "it is false whatever the profile holds".to_string(),
        [one] => one.clone(),
        many => format!("each way it could hold is impossible: {}", many.join("; ")),
    }
}

/// "be greater than 20" and "be less than 5" make "be greater than 20 and less than 5".
fn join_phrases(phrases: &[String]) -> String {
    let shared_be = phrases.first().is_some_and(|p| p.starts_with("be "));
    let phrases: Vec<String> = phrases
        .iter()
        .enumerate()
        .map(|(i, p)| match p.strip_prefix("be ") {
            Some(rest) if i > 0 && shared_be => rest.to_string(),
            _ => p.clone(),
        })
        .collect();
    match phrases.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Why the atoms cannot all be true at once, or `None` when they can.
fn conflict(atoms: &[&Atom]) -> Option<String> {
    // Numbers and dates, per term.
    let mut terms: Vec<&str> = Vec::new();
    for a in atoms {
        if let Atom::Int(i) = a {
            if !terms.contains(&i.term.as_str()) {
                terms.push(&i.term);
            }
        }
    }
    for term in terms {
        let ints: Vec<&IntAtom> = atoms
            .iter()
            .filter_map(|a| match a {
                Atom::Int(i) if i.term == term => Some(i),
                _ => None,
            })
            .collect();
        if let Some(reason) = int_conflict(term, &ints) {
            return Some(reason);
        }
    }
    // Values, per term.
    let mut terms: Vec<&str> = Vec::new();
    for a in atoms {
        if let Atom::Lit(l) = a {
            if !terms.contains(&l.term.as_str()) {
                terms.push(&l.term);
            }
        }
    }
    for term in terms {
        let lits: Vec<&LitAtom> = atoms
            .iter()
            .filter_map(|a| match a {
                Atom::Lit(l) if l.term == term => Some(l),
                _ => None,
            })
            .collect();
        if let Some(reason) = lit_conflict(term, &lits) {
            return Some(reason);
        }
    }
    // `a` and `not a`.
    for a in atoms {
        if let Atom::Opaque {
            key,
            shown,
            negated: false,
        } = a
        {
            let opposite = atoms
                .iter()
                .any(|b| matches!(b, Atom::Opaque { key: k, negated: true, .. } if k == key));
            if opposite {
                return Some(format!("`{shown}` would have to be both true and false"));
            }
        }
    }
    None
}

/// Numbers and dates about one term: the bounds narrow an interval (`len(...)` starts at 0),
/// which is empty, or holds only values that `!=` atoms rule out. Bounds are kept in `i128` so
/// that `n + 1` and `n - 1` cannot overflow. The explanation names only the atoms that made the
/// interval empty.
fn int_conflict(term: &str, atoms: &[&IntAtom]) -> Option<String> {
    let length = atoms.iter().any(|a| a.length);
    let mut lo: i128 = if length { 0 } else { i128::MIN };
    let mut lo_src: Option<usize> = None;
    let mut hi: i128 = i128::MAX;
    let mut hi_src: Option<usize> = None;
    let mut excluded: Vec<(i64, usize)> = Vec::new();
    for (i, a) in atoms.iter().enumerate() {
        let n = i128::from(a.n);
        let (low, high) = match a.op {
            Op::Eq => (Some(n), Some(n)),
            Op::Lt => (None, Some(n - 1)),
            Op::Le => (None, Some(n)),
            Op::Gt => (Some(n + 1), None),
            Op::Ge => (Some(n), None),
            Op::Ne => {
                excluded.push((a.n, i));
                (None, None)
            }
        };
        if let Some(low) = low.filter(|l| *l > lo) {
            lo = low;
            lo_src = Some(i);
        }
        if let Some(high) = high.filter(|h| *h < hi) {
            hi = high;
            hi_src = Some(i);
        }
    }
    let never_negative = ", and a length is never negative";
    if lo > hi {
        let mut used: Vec<usize> = lo_src.into_iter().chain(hi_src).collect();
        used.sort_unstable();
        used.dedup();
        let phrases: Vec<String> = used.iter().map(|&i| atoms[i].phrase()).collect();
        let tail = if lo_src.is_none() { never_negative } else { "" };
        return Some(format!(
            "`{term}` would have to {}{tail}",
            join_phrases(&phrases)
        ));
    }
    let mut holes: Vec<i64> = excluded
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| (lo..=hi).contains(&i128::from(*n)))
        .collect();
    holes.sort_unstable();
    holes.dedup();
    if hi.saturating_sub(lo).saturating_add(1) <= holes.len() as i128 {
        let mut used: Vec<usize> = lo_src.into_iter().chain(hi_src).collect();
        used.extend(excluded.iter().map(|(_, i)| *i));
        used.sort_unstable();
        used.dedup();
        let phrases: Vec<String> = used.iter().map(|&i| atoms[i].phrase()).collect();
        let tail = if lo_src.is_none() && length {
            never_negative
        } else {
            ""
        };
        return Some(format!(
            "`{term}` would have to {}{tail}",
            join_phrases(&phrases)
        ));
    }
    None
}

/// Values about one term: the positive atoms (`==`, `in`) leave the values they share (within
/// the term's universe, when it has one), and nothing is left, or every value left is ruled out
/// by a negative atom (`!=`, `not in`).
fn lit_conflict(term: &str, atoms: &[&LitAtom]) -> Option<String> {
    let universe = atoms.iter().find_map(|a| a.universe.clone());
    let positives: Vec<&LitAtom> = atoms.iter().copied().filter(|a| !a.negated).collect();
    let negatives: Vec<&LitAtom> = atoms.iter().copied().filter(|a| a.negated).collect();
    let mut allowed: Option<BTreeSet<String>> = universe.clone();
    for p in &positives {
        allowed = Some(match allowed {
            None => p.keys.clone(),
            Some(a) => a.intersection(&p.keys).cloned().collect(),
        });
    }
    let phrase_of = |atoms: &[&LitAtom]| {
        let phrases: Vec<String> = atoms.iter().map(|a| a.phrase()).collect();
        format!("`{term}` would have to {}", join_phrases(&phrases))
    };
    if !positives.is_empty() && allowed.as_ref().is_some_and(|a| a.is_empty()) {
        // The smallest explanation: two values that share nothing, if there are two.
        for (i, a) in positives.iter().enumerate() {
            for b in &positives[i + 1..] {
                if a.keys.is_disjoint(&b.keys) {
                    return Some(phrase_of(&[a, b]));
                }
            }
        }
        return Some(phrase_of(&positives));
    }
    let allowed = allowed?;
    let excluded: BTreeSet<&String> = negatives.iter().flat_map(|n| n.keys.iter()).collect();
    if allowed.iter().all(|k| excluded.contains(k)) {
        let mut used: Vec<&LitAtom> = positives.clone();
        used.extend(
            negatives
                .iter()
                .copied()
                .filter(|n| n.keys.iter().any(|k| allowed.contains(k))),
        );
        let mut reason = phrase_of(&used);
        if positives.is_empty() {
            reason.push_str(", and it has no other value");
        }
        return Some(reason);
    }
    None
}
