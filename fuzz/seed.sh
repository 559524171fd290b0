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
profiles=("$root"/examples/*.yaml "$root"/tests/fixtures/profiles/* "$root"/tests/fixtures/fix/* "$root"/tests/fixtures/invalid/*)
mkdir -p corpus/fix_edit corpus/check_profile
for f in "${profiles[@]}"; do
  [ -f "$f" ] || continue
  name="$(basename "$(dirname "$f")")-$(basename "$f")"
  cp "$f" "corpus/fix_edit/$name"
  # check_profile's first byte picks the reader: even for YAML, odd for JSON.
  case "$f" in
    *.json) { printf '\001'; cat "$f"; } > "corpus/check_profile/$name" ;;
    *) { printf '\000'; cat "$f"; } > "corpus/check_profile/$name" ;;
  esac
done
for f in "$root"/tests/fixtures/json_test_suite/test_parsing/*.json; do
  { printf '\001'; cat "$f"; } > "corpus/check_profile/jsonsuite-$(basename "$f")"
done
echo "fuzz/seed.sh: corpora seeded in fuzz/corpus/"
