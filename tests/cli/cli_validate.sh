#!/usr/bin/env bash
# cli_validate.sh - tpipe validate: a good pipeline, and every kind of
# configuration error printed compiler-style (FILE:LINE:COL: error: ...)
# with exit status 2.
. "$(dirname "$0")/lib.sh" "$@"
write_pipeline
P=(--plugin-path "$FX")

t "good pipeline"
tp validate "${P[@]}" p.yaml
expect_status 0
expect_out_eq "p.yaml: ok: pipeline 'demo', 2 steps: fx_words, fx_fail"
expect_err_empty

t "good pipeline with --set"
tp validate "${P[@]}" --set fx_words.limit=100 --set fx_fail.marker=X p.yaml
expect_status 0

t "unknown option with did-you-mean, bad enum, collected"
cat >bad.yaml <<'YAML'
version: 1
steps:
  - plugin: fx_words
    options:
      limt: 3
      mode: slwo
  - plugin: fx_fail
YAML
tp validate "${P[@]}" bad.yaml
expect_status 2
expect_out_empty
expect_err_eq "bad.yaml:5:7: error: step 'fx_words': unknown option 'limt'; did you mean 'limit'? (allowed: upper, limit, mode, tags, path)
bad.yaml:6:13: error: step 'fx_words': option 'mode' (enum): 'slwo' is not allowed; did you mean 'slow'? (allowed: fast|slow)
tpipe: 2 errors in bad.yaml; nothing was processed"

t "one error has no summary line"
cat >range.yaml <<'YAML'
version: 1
steps:
  - plugin: fx_words
    options: {limit: 101}
YAML
tp validate "${P[@]}" range.yaml
expect_status 2
expect_err_eq "range.yaml:4:22: error: step 'fx_words': option 'limit' (int): value 101 is out of range (allowed: 0..100)"

t "YAML syntax error position"
printf 'version: 1\nsteps:\n  - plugin: fx_words\n   bad: 1\n' >syntax.yaml
tp validate "${P[@]}" syntax.yaml
expect_status 2
expect_err_eq "syntax.yaml:4:4: error: invalid YAML: did not find expected '-' indicator while parsing a block collection"

t "tab indentation"
printf 'version: 1\nsteps:\n\t- plugin: fx_words\n' >tabs.yaml
tp validate "${P[@]}" tabs.yaml
expect_status 2
expect_err_eq "tabs.yaml:3:1: error: invalid YAML: found character that cannot start any token while scanning for the next token"

t "aliases refused"
printf 'version: 1\nx: &a [1]\nsteps: *a\n' >alias.yaml
tp validate "${P[@]}" alias.yaml
expect_status 2
expect_err_eq "alias.yaml:3:8: error: YAML aliases (*a) are not supported in pipeline files; write the value out"

t "unknown top-level key"
printf 'version: 1\nstpes:\n  - plugin: fx_words\n' >key.yaml
tp validate "${P[@]}" key.yaml
expect_status 2
expect_err_line "key.yaml:2:1: error: pipeline: unknown key 'stpes'; did you mean 'steps'? (allowed: version, name, description, plugin_path, steps)"

t "unknown plugin"
printf 'version: 1\nsteps:\n  - plugin: fx_wrods\n' >missing.yaml
tp validate "${P[@]}" missing.yaml
expect_status 2
check grep -qF "missing.yaml:3:13: error: step 1: no plugin named 'fx_wrods' on the plugin search path ($FX:" "$WORK/.err" "names the plugin and the search path"

t "broken plugin"
printf 'version: 1\nsteps:\n  - plugin: bad_default\n' >broken.yaml
tp validate "${P[@]}" broken.yaml
expect_status 2
expect_err_eq "broken.yaml:3:13: error: step 1: $FX/bad_default.so: plugin 'bad_default': the default of option 'count' (int) does not parse: expected an integer, got 'abc'; the plugin must be fixed and rebuilt"

t "capability error names a provider"
printf 'version: 1\nsteps:\n  - plugin: fx_fail\n' >caps.yaml
tp validate "${P[@]}" caps.yaml
expect_status 2
expect_err_eq "caps.yaml:3:5: error: step 'fx_fail' requires 'tokens', which no earlier step provides; add a step before it that provides it, such as '- plugin: fx_words'"

t "capability nobody provides"
printf 'version: 1\nsteps:\n  - plugin: fx_needs\n' >needs.yaml
tp validate "${P[@]}" needs.yaml
expect_status 2
expect_err_eq "needs.yaml:3:5: error: step 'fx_needs' requires 'span:entity', which no earlier step provides, and no installed plugin provides it"

t "duplicate step id"
printf 'version: 1\nsteps:\n  - plugin: fx_words\n  - plugin: fx_words\n' >dup.yaml
tp validate "${P[@]}" dup.yaml
expect_status 2
expect_err_eq "dup.yaml:4:13: error: duplicate step id 'fx_words' (also step 1); give one of them another 'id:'"

t "unset environment variable"
printf 'version: 1\nsteps:\n  - plugin: fx_words\n    options:\n      limit: ${TP_CLI_UNSET}\n' >env.yaml
unset TP_CLI_UNSET
tp validate "${P[@]}" env.yaml
expect_status 2
expect_err_eq "env.yaml:5:14: error: environment variable 'TP_CLI_UNSET' is not set; set it or write the value"
t "set environment variable"
TP_CLI_UNSET=12 tp validate "${P[@]}" env.yaml
expect_status 0

t "--set unknown step"
tp validate "${P[@]}" --set fx_wrds.limit=3 p.yaml
expect_status 2
expect_err_eq "--set: error: 'fx_wrds.limit=3': the pipeline has no step 'fx_wrds'; did you mean 'fx_words'?"

t "--set unknown option"
tp validate "${P[@]}" --set fx_words.limt=3 p.yaml
expect_status 2
expect_err_eq "--set: error: 'fx_words.limt=3': step 'fx_words' has no option 'limt'; did you mean 'limit'?"

t "--set bad value"
tp validate "${P[@]}" --set fx_words.upper=maybe p.yaml
expect_status 2
expect_err_eq "--set: error: 'fx_words.upper=maybe': option 'upper' (bool): expected a bool (true/false, yes/no, on/off, 1/0), got 'maybe'"

t "--set malformed"
tp validate "${P[@]}" --set limit=3 p.yaml
expect_status 2
expect_err_eq "--set: error: 'limit=3' is not of the form step.option=value"

t "missing pipeline file"
tp validate "${P[@]}" nosuch.yaml
expect_status 2
expect_err_eq "nosuch.yaml: error: cannot open pipeline file: No such file or directory"

t "folder as pipeline"
mkdir -p folder
tp validate "${P[@]}" folder
expect_status 2
expect_err_eq "folder: error: is a folder, not a pipeline file; name a .yaml file such as pipelines/news.yaml"

t "empty pipeline file"
: >empty.yaml
tp validate "${P[@]}" empty.yaml
expect_status 2
expect_err_eq "empty.yaml: error: the pipeline file is empty; it needs 'version: 1' and a list of 'steps:'"

t "binary pipeline file"
printf '\x7fELF\x02\x01\x01\x00\x00\xff\xfe' >binary.yaml
tp validate "${P[@]}" binary.yaml
expect_status 2
check grep -qE '^binary\.yaml:[0-9]+:[0-9]+: error: invalid YAML: ' "$WORK/.err" "positioned YAML error"

t "plugin by path relative to the pipeline file"
mkdir -p sub
printf 'version: 1\nsteps:\n  - plugin: %s/fx_words.so\n' "$FX" >sub/abs.yaml
ln -s "$FX" sub/fx
printf 'version: 1\nsteps:\n  - plugin: fx/fx_words.so\n  - plugin: fx/fx_fail.so\n' >sub/rel.yaml
tp validate sub/abs.yaml
expect_status 0
tp validate sub/rel.yaml
expect_status 0
expect_out_eq "sub/rel.yaml: ok: pipeline '', 2 steps: fx_words, fx_fail"

t "plugin inside a module holding several"
printf 'version: 1\nsteps:\n  - plugin: fx_beta\n  - plugin: fx_alpha\n' >multi.yaml
tp validate "${P[@]}" multi.yaml
expect_status 0
expect_out_eq "multi.yaml: ok: pipeline '', 2 steps: fx_beta, fx_alpha"

finish
