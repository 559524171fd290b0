#!/usr/bin/env bash
# Seeds the fuzz corpora from the repository's own rule files, example profiles and test
# fixtures (the corpora themselves are not committed: they grow with every run).
set -euo pipefail
cd "$(dirname "$0")"
root=..
for target in compile_rules fmt_roundtrip; do
  mkdir -p "corpus/$target"
  for f in "$root"/rules/*.rules "$root"/tests/fixtures/broken/*.rules "$root"/tests/fixtures/lint/*.rules; do
    [ -f "$f" ] && cp "$f" "corpus/$target/$(basename "$(dirname "$f")")-$(basename "$f")"
  done
done
for target in check_profile fix_edit; do
  mkdir -p "corpus/$target"
  for f in "$root"/examples/*.yaml "$root"/tests/fixtures/profiles/* "$root"/tests/fixtures/fix/* "$root"/tests/fixtures/invalid/*; do
    [ -f "$f" ] && cp "$f" "corpus/$target/$(basename "$(dirname "$f")")-$(basename "$f")"
  done
done
echo "fuzz/seed.sh: corpora seeded in fuzz/corpus/"
