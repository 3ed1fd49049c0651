/* harness.h - run plugins on one document in a unit test.
 *
 * A harness is a small pipeline built from plugin descriptors linked into
 * the test program (no YAML, no dlopen), with options given as "name=value"
 * text parsed by the same code as `--set`. Failures to set up end the test
 * with a Check assertion. */
#ifndef TPIPE_TEST_HARNESS_H
#define TPIPE_TEST_HARNESS_H

#include <tpipe/tpipe.h>

typedef struct th_harness th_harness;

th_harness *th_new(void);
void th_free(th_harness *h);

/* Adds a step running `plugin`; `options` is a NULL-terminated list of
 * "name=value" strings (string lists comma-separated), or NULL. */
void th_add(th_harness *h, const tp_plugin *plugin, const char *const *options);

/* Runs the steps over `text` and returns the document, owned by the harness
 * and valid until the next th_run() or th_free(). The test fails when a step
 * fails the document. */
tp_doc *th_run(th_harness *h, const char *text);

/* Like th_run() but returns the status (0, TP_EDOC, TP_EFATAL) instead of
 * failing; `err` gets the message. */
int th_run_status(th_harness *h, const char *text, size_t len, tp_doc **doc, tp_error *err);

/* Convenience: the text of token i / sentence i as a NUL-terminated copy
 * (owned by the harness, valid until the next run). */
const char *th_token_text(th_harness *h, size_t i);
const char *th_sentence_text(th_harness *h, size_t i);

#endif
