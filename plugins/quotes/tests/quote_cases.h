/* quote_cases.h - what the quotes plugin's two test programs share: the
 * harness with the tokenizer and the plugin, reading a file whole, and the
 * attribution cases (test_quotes checks their speakers; test_quotes_internals
 * reads their sentences as texts). */
#ifndef TPIPE_QUOTE_CASES_H
#define TPIPE_QUOTE_CASES_H

#include <stddef.h>

#include "harness.h"

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* A harness running the tokenizer, then the quotes plugin with `options`
 * (NULL-terminated "name=value" strings, or NULL). Free it with th_free(). */
th_harness *harness(const char *const *options);

/* The file at `path` whole, NUL-terminated, its length (without the NUL) in
 * *len; NULL when it cannot be opened. The caller frees it. */
char *read_file(const char *path, size_t *len);

/* A sentence or two, a quotation in it, and who said it. */
typedef struct speaker_case {
    const char *text;
    const char *quote;
    const char *speaker; /* NULL: no speaker */
    const char *cue;     /* NULL: not checked */
    const char *mention; /* NULL: not checked */
} speaker_case;

extern const speaker_case speaker_cases[];
extern const size_t speaker_case_count;

#endif
