#!/usr/bin/env bash
# Every code snippet in docs/plugins.md comes from a file that CI builds:
# each fenced block is preceded by a line
#   <!-- from: examples/plugins/keywords/keywords.c -->
# and must appear in that file verbatim. A c, cmake or yaml block without
# that line, or one that has drifted from its file, fails the test; other
# blocks (shell sessions, output) are not checked.
#   check_doc_snippets.sh [DOC]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
doc=${1:-$root/docs/plugins.md}
fail=0
source_file="" in_block=false block="" line_no=0 start=0 count=0
while IFS= read -r line || [ -n "$line" ]; do
  line_no=$((line_no + 1))
  if $in_block; then
    if [[ $line == '```' ]]; then
      in_block=false
      if [ "$source_file" = - ]; then
        :
      elif [ -z "$source_file" ]; then
        echo "$doc:$start: code block without a '<!-- from: FILE -->' line before it" >&2
        fail=1
      elif [ ! -f "$root/$source_file" ]; then
        echo "$doc:$start: $source_file does not exist" >&2
        fail=1
      else
        count=$((count + 1))
        text=$(cat "$root/$source_file")
        if [[ "$text" != *"$block"* ]]; then
          echo "$doc:$start: this snippet is not in $source_file (any more); copy it again" >&2
          fail=1
        fi
      fi
      source_file="" block=""
    else
      block+="${block:+$'\n'}$line"
    fi
    continue
  fi
  if [[ $line =~ ^\<\!--\ from:\ ([^ ]+)\ --\>$ ]]; then
    source_file=${BASH_REMATCH[1]}
  elif [[ $line == '```'* ]]; then
    in_block=true start=$line_no block=""
    # Shell sessions and other text blocks are not code from the examples.
    if [[ $line != '```c' && $line != '```cmake' && $line != '```yaml' ]]; then
      source_file="-"
    fi
  elif [ -n "$line" ]; then
    source_file=""
  fi
done < "$doc"
[ "$count" -gt 0 ] || { echo "$doc: no code blocks found" >&2; exit 1; }
[ "$fail" -eq 0 ] || exit 1
echo "$doc: $count code blocks checked"
