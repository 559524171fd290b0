//! A unified diff of two texts, line by line (what `check --fix --diff` prints).
//!
//! Profiles are small, so the lines between the common start and end of the two texts are
//! compared with a plain longest-common-subsequence table. Past `MAX_CELLS` cells the
//! middle is shown as removed and added whole: still a correct diff, only not the smallest.

use std::fmt::Write as _;

/// The largest comparison table built (rows × columns of the differing middle).
const MAX_CELLS: usize = 1 << 22;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Same,
    Removed,
    Added,
}

/// The unified diff that turns `old` into `new`, with `context` unchanged lines around each
/// change, under the headers `--- a/NAME` and `+++ b/NAME`; empty when the texts are equal.
pub fn unified(name: &str, old: &str, new: &str, context: usize) -> String {
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let ops = line_ops(&a, &b);
    if ops.iter().all(|op| *op == Op::Same) {
        return String::new();
    }
    // Where each op starts in the old and the new text.
    let mut starts = Vec::with_capacity(ops.len() + 1);
    let (mut i, mut j) = (0usize, 0usize);
    for op in &ops {
        starts.push((i, j));
        match op {
            Op::Same => (i, j) = (i + 1, j + 1),
            Op::Removed => i += 1,
            Op::Added => j += 1,
        }
    }
    starts.push((i, j));
    // Hunks as ranges of ops: each change with its context, merged when contexts touch.
    let mut hunks: Vec<(usize, usize)> = Vec::new();
    for (k, _) in ops.iter().enumerate().filter(|(_, op)| **op != Op::Same) {
        let start = k.saturating_sub(context);
        let end = (k + 1 + context).min(ops.len());
        match hunks.last_mut() {
            Some(last) if start <= last.1 => last.1 = end,
            _ => hunks.push((start, end)),
        }
    }
    let mut out = format!("--- a/{name}\n+++ b/{name}\n");
    for (start, end) in hunks {
        let (old_start, new_start) = starts[start];
        let (old_end, new_end) = starts[end];
        let _ = writeln!(
            out,
            "@@ -{} +{} @@",
            range(old_start, old_end - old_start),
            range(new_start, new_end - new_start)
        );
        for (op, &(i, j)) in ops[start..end].iter().zip(&starts[start..end]) {
            let (mark, line) = match op {
                Op::Same => (' ', a[i]),
                Op::Removed => ('-', a[i]),
                Op::Added => ('+', b[j]),
            };
            out.push(mark);
            out.push_str(line);
            if !line.ends_with('\n') {
                out.push_str("\n\\ No newline at end of file\n");
            }
        }
    }
    out
}

/// A hunk header's range: `START,COUNT` with START counted from 1, `START` alone for one line,
/// and the line before the (empty) range for no lines, as GNU diff writes them.
fn range(start: usize, count: usize) -> String {
    match count {
        0 => format!("{start},0"),
        1 => format!("{}", start + 1),
        _ => format!("{},{count}", start + 1),
    }
}

/// The edit script from `a` to `b`: lines kept, removed and added, removals before additions.
fn line_ops(a: &[&str], b: &[&str]) -> Vec<Op> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (mid_a, mid_b) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut ops = vec![Op::Same; prefix];
    let (n, m) = (mid_a.len(), mid_b.len());
    if (n + 1).saturating_mul(m + 1) > MAX_CELLS {
        ops.extend(std::iter::repeat_n(Op::Removed, n));
        ops.extend(std::iter::repeat_n(Op::Added, m));
    } else {
        // lcs[i * (m + 1) + j]: the longest common subsequence of mid_a[i..] and mid_b[j..].
        let width = m + 1;
        let mut lcs = vec![0u32; (n + 1) * width];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[i * width + j] = if mid_a[i] == mid_b[j] {
                    lcs[(i + 1) * width + j + 1] + 1
                } else {
                    lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n || j < m {
            if i < n && j < m && mid_a[i] == mid_b[j] {
                ops.push(Op::Same);
                (i, j) = (i + 1, j + 1);
            } else if j == m || (i < n && lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) {
                ops.push(Op::Removed);
                i += 1;
            } else {
                ops.push(Op::Added);
                j += 1;
            }
        }
    }
    ops.extend(std::iter::repeat_n(Op::Same, suffix));
    ops
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Applies a unified diff made by [`unified`] to `old`, checking every context and removed
    /// line against it.
    fn apply(old: &str, diff: &str) -> String {
        let a: Vec<&str> = old.split_inclusive('\n').collect();
        let mut out = String::new();
        let mut next = 0; // the next line of `a` not yet copied
        let mut lines = diff.split_inclusive('\n').skip(2).peekable();
        while let Some(header) = lines.next() {
            let old_range = header
                .strip_prefix("@@ -")
                .and_then(|h| h.split(' ').next())
                .unwrap_or_else(|| panic!("not a hunk header: {header:?}"));
            let (start, count) = match old_range.split_once(',') {
                Some((s, c)) => (s.parse::<usize>().unwrap(), c.parse::<usize>().unwrap()),
                None => (old_range.parse::<usize>().unwrap(), 1),
            };
            let first = if count == 0 { start } else { start - 1 };
            assert!(first >= next, "hunks are in order and do not overlap");
            out.extend(a[next..first].iter().copied());
            next = first;
            while let Some(line) = lines.peek().filter(|l| !l.starts_with("@@")) {
                let line = *line;
                lines.next();
                let no_newline = lines
                    .peek()
                    .is_some_and(|l| *l == "\\ No newline at end of file\n");
                if no_newline {
                    lines.next();
                }
                let text = &line[1..];
                let text = if no_newline {
                    text.strip_suffix('\n').unwrap()
                } else {
                    text
                };
                match &line[..1] {
                    " " | "-" => {
                        assert_eq!(
                            a[next], text,
                            "context and removed lines match the old text"
                        );
                        if &line[..1] == " " {
                            out.push_str(text);
                        }
                        next += 1;
                    }
                    "+" => out.push_str(text),
                    other => panic!("unexpected line mark {other:?}"),
                }
            }
        }
        out.extend(a[next..].iter().copied());
        out
    }

    #[test]
    fn equal_texts_give_no_diff() {
        assert_eq!(unified("p.yaml", "a\nb\n", "a\nb\n", 3), "");
    }

    #[test]
    fn one_changed_line_with_context() {
        let old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        let new = "1\n2\n3\n4\nFIVE\n6\n7\n8\n9\n";
        assert_eq!(
            unified("p.yaml", old, new, 3),
            "--- a/p.yaml\n+++ b/p.yaml\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+FIVE\n 6\n 7\n 8\n"
        );
    }

    /// Lines 1 to 20, with the lines numbered in `changed` written out in words.
    fn numbered(changed: &[usize]) -> String {
        (1..=20)
            .map(|i| {
                if changed.contains(&i) {
                    format!("line {i}\n")
                } else {
                    format!("{i}\n")
                }
            })
            .collect()
    }

    #[test]
    fn far_apart_changes_are_separate_hunks_and_near_ones_merge() {
        let old = numbered(&[]);
        let diff = unified("p", &old, &numbered(&[2, 19]), 3);
        assert_eq!(diff.matches("@@ -").count(), 2, "{diff}");
        assert!(
            diff.contains("@@ -1,5 +1,5 @@\n 1\n-2\n+line 2\n 3\n 4\n 5\n@@ -16,5 +16,5 @@\n"),
            "{diff}"
        );
        let diff = unified("p", &old, &numbered(&[5, 11]), 3);
        assert_eq!(diff.matches("@@ -").count(), 1, "{diff}");
        assert!(
            diff.starts_with("--- a/p\n+++ b/p\n@@ -2,13 +2,13 @@\n"),
            "{diff}"
        );
    }

    #[test]
    fn additions_at_the_start_and_a_missing_last_newline() {
        assert_eq!(
            unified("p", "b\n", "a\nb\n", 3),
            "--- a/p\n+++ b/p\n@@ -1 +1,2 @@\n+a\n b\n"
        );
        assert_eq!(
            unified("p", "a\nb", "a\nc", 3),
            "--- a/p\n+++ b/p\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n"
        );
        assert_eq!(
            unified("p", "", "a\n", 3),
            "--- a/p\n+++ b/p\n@@ -0,0 +1 @@\n+a\n"
        );
    }

    #[test]
    fn a_too_large_middle_is_replaced_whole() {
        let old: String = (0..3000).map(|i| format!("{i}\n")).collect();
        let new: String = (0..3000).map(|i| format!("{}\n", i * 7 % 3001)).collect();
        let diff = unified("p", &old, &new, 3);
        assert_eq!(
            diff.matches("\n-").count(),
            2999,
            "every differing line is removed"
        );
        assert_eq!(apply(&old, &diff), new);
    }

    proptest! {
        #[test]
        fn applying_the_diff_gives_the_new_text(
            old in proptest::collection::vec("[abc]{0,2}\n?", 0..12),
            new in proptest::collection::vec("[abc]{0,2}\n?", 0..12),
            context in 0usize..4,
        ) {
            let (old, new) = (old.concat(), new.concat());
            let diff = unified("p", &old, &new, context);
            prop_assert_eq!(diff.is_empty(), old == new);
            prop_assert_eq!(apply(&old, &diff), new);
        }
    }
}
