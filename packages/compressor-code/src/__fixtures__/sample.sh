#!/usr/bin/env bash
set -euo pipefail

source ./lib/common.sh

# Most words kept.
readonly MAX_WORDS=1000

# Counts words in a file.
# Prints the most frequent first.
count_words() {
  local file="$1"
  if [[ ! -f "$file" ]]; then
    echo "no such file: $file" >&2
    return 1
  fi
  tr -s '[:space:]' '\n' < "$file" \
    | tr '[:upper:]' '[:lower:]' \
    | sort | uniq -c | sort -rn \
    | head -n "$MAX_WORDS"
}

usage() { echo "usage: $0 FILE"; }

main() {
  if [[ $# -ne 1 ]]; then
    usage
    exit 2
  fi
  count_words "$1"
}

main "$@"
