#!/usr/bin/env bash
# cli_plugins.sh - tpipe plugins: the list (good plugins with version and
# file, broken modules with the reason and the fix) and one plugin described
# with every option's type, default, range and help.
. "$(dirname "$0")/lib.sh" "$@"
P=(--plugin-path "$FX")

t "list"
tp plugins "${P[@]}"
expect_status 0
expect_err_empty
expect_out_line "fx_words       1.0      test fixture: whitespace tokens, one sentence, one paragraph"
expect_out_line "    $FX/fx_words.so"
expect_out_line "fx_fail        1.0      test fixture: fails documents holding a marker"
expect_out_line "?              BROKEN  $FX/abi_major.so: built for plugin ABI 2.0, but this tpipe provides ABI 1.2; rebuild the plugin against this tpipe's headers"
expect_out_line "?              BROKEN  $FX/abi_minor.so: built for plugin ABI 1.7, but this tpipe provides ABI 1.2; rebuild the plugin against this tpipe's headers or upgrade tpipe"
expect_out_line "?              BROKEN  $FX/no_process.so: plugin 'no_process' has no process() callback; every plugin must set .process in its descriptor"
expect_out_line "?              BROKEN  $FX/bad_default.so: plugin 'bad_default': the default of option 'count' (int) does not parse: expected an integer, got 'abc'; the plugin must be fixed and rebuilt"
expect_out_line "?              BROKEN  $FX/no_entry.so: not a tpipe plugin: it does not export tp_module_entry(); build it with TP_MODULE(...) from <tpipe/plugin.h>"
expect_out_line "?              BROKEN  $FX/bad_name.so: plugin name 'Bad-Name' is not of the form [a-z][a-z0-9_]*; rename it in its descriptor and rebuild"
expect_out_line "fx_alpha       2.1      test fixture: first plugin of a two-plugin module"
expect_out_line "fx_beta        2.2      test fixture: second plugin of a two-plugin module"
check test "$(grep -c "^    $FX/fx_multi.so$" "$WORK/.out")" = 2 "both plugins of fx_multi.so name the file"
check grep -qF "BROKEN  $FX/small_desc.so: descriptor too small" "$WORK/.out" "small_desc listed as broken"
check grep -qF "BROKEN  $FX/small_plugin.so: plugin descriptor 0 is" "$WORK/.out" "small_plugin listed as broken"
check test "$(grep -c BROKEN "$WORK/.out")" -ge 8 "every broken fixture is listed"

t "list marks a shadowed plugin"
mkdir -p first
cp "$FX/fx_words.so" first/
tp plugins --plugin-path "$WORK/first" "${P[@]}"
expect_status 0
expect_out_line "fx_words       1.0      test fixture: whitespace tokens, one sentence, one paragraph"
expect_out_line "fx_words       1.0      test fixture: whitespace tokens, one sentence, one paragraph (shadowed by an earlier one)"
check test "$(grep -n "^    $WORK/first/fx_words.so$" "$WORK/.out" | cut -d: -f1)" -lt \
    "$(grep -n "^    $FX/fx_words.so$" "$WORK/.out" | cut -d: -f1)" "the first on the path comes first"

t "describe one plugin"
tp plugins "${P[@]}" fx_words
expect_status 0
expect_out_eq "fx_words 1.0 - test fixture: whitespace tokens, one sentence, one paragraph
file       $FX/fx_words.so
abi        1.2
license    MIT
requires   (none)
provides   tokens sentences paragraphs doc:fx_words
options
  upper                bool    default false        -
                       unused; a bool to test options
  limit                int     default 10           0..100
                       unused; an int with a range
  mode                 enum    default fast         fast|slow
                       unused; an enum
  tags                 list    default (unset)      -
                       unused; a string list
  path                 path    default (unset)      -
                       unused; a path"

t "describe shows requirements"
tp plugins "${P[@]}" fx_fail
expect_status 0
expect_out_line "requires   tokens"
expect_out_line "provides   doc:fx_fail"
expect_out_line "  marker               string  default FAIL-ME      -"

t "describe in markdown"
tp plugins "${P[@]}" --markdown fx_words
expect_status 0
expect_out_line "### fx_words"
check grep -qE '^\| `limit` \| int \| `?10`? \| `?0\.\.100`? \| unused; an int with a range \|$' "$WORK/.out" \
    "a table row for limit with type, default, range and help"

t "describe by path"
tp plugins "$FX/fx_fail.so"
expect_status 0
expect_out_line "fx_fail 1.0 - test fixture: fails documents holding a marker"
tp plugins "$FX/no_process.so"
expect_status 2
expect_out_line "?              BROKEN  $FX/no_process.so: plugin 'no_process' has no process() callback; every plugin must set .process in its descriptor"

t "unknown plugin"
tp plugins "${P[@]}" fx_wrods
expect_status 2
expect_out_empty
expect_err_eq "tpipe: no plugin named 'fx_wrods' on the search path; 'tpipe plugins' lists them"

t "TPIPE_PLUGIN_PATH is searched"
TPIPE_PLUGIN_PATH="$FX" tp plugins fx_fail
expect_status 0
expect_out_line "file       $FX/fx_fail.so"

t "world-writable plugin refused unless allowed"
mkdir -p open
cp "$FX/fx_words.so" open/
chmod 0757 open/fx_words.so
tp plugins --plugin-path "$WORK/open" fx_words
expect_status 2
tp plugins --plugin-path "$WORK/open"
check grep -qF "BROKEN  $WORK/open/fx_words.so: refusing to load a plugin that others could have replaced: $WORK/open/fx_words.so is world-writable; fix the permissions (chmod o-w) or pass --allow-insecure-plugins" "$WORK/.out" "refused with the fix"
tp plugins --allow-insecure-plugins --plugin-path "$WORK/open" fx_words
expect_status 0
expect_out_line "file       $WORK/open/fx_words.so"

t "too many arguments"
tp plugins a b
expect_status 2

finish
