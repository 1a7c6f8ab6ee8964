#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# mqlw(1) formats without groff warnings and covers every command listed by
# "mqlw --help" and every long option of "mqlw COMMAND --help-all".
# Usage: check-manpage.sh BUILT_MAN_PAGE MQLW
set -eu
page="$1"; mqlw="$2"
status=0

warnings=$(LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z "$page" 2>&1 || true)
if [ -n "$warnings" ]; then
  echo "FAIL: groff warns about $page:"; echo "$warnings"; status=1
fi
# The page's text with roff's escaped hyphens unescaped.
text=$(sed 's/\\-/-/g' "$page")

commands=$("$mqlw" --help 2>&1 | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p')
[ -n "$commands" ] || { echo "FAIL: no commands in '$mqlw --help'"; exit 1; }
for cmd in $commands; do
  if ! printf '%s\n' "$text" | grep -q "^\.B $cmd\$\|^\.B $cmd "; then
    echo "FAIL: command '$cmd' is not described in $(basename "$page")"; status=1
  fi
  for opt in $("$mqlw" "$cmd" --help-all 2>&1 | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    if ! printf '%s\n' "$text" | grep -q -- "$opt\\b"; then
      echo "FAIL: option $opt of '$cmd' is not described in $(basename "$page")"; status=1
    fi
  done
done
# "mqlw project" has subcommands of its own, each with options.
subcommands=$("$mqlw" project --help 2>&1 | sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p')
[ -n "$subcommands" ] || { echo "FAIL: no subcommands in '$mqlw project --help'"; status=1; }
for sub in $subcommands; do
  if ! printf '%s\n' "$text" | grep -q "^\.B project $sub\$"; then
    echo "FAIL: command 'project $sub' is not described in $(basename "$page")"; status=1
  fi
  for opt in $("$mqlw" project "$sub" --help-all 2>&1 | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    if ! printf '%s\n' "$text" | grep -q -- "$opt\\b"; then
      echo "FAIL: option $opt of 'project $sub' is not described in $(basename "$page")"; status=1
    fi
  done
done
[ $status -eq 0 ] && echo "ok: $(basename "$page") covers $(echo $commands | wc -w) commands and their options"
exit $status
