/* fuzz_jsonl.c - the input reader on arbitrary bytes as a .jsonl file:
 * every line becomes a record or a failed record, never a crash. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    if (!path[0])
        snprintf(path, sizeof path, "/tmp/tpipe-fuzz-%d.jsonl", (int)getpid());
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    if (size && fwrite(data, 1, size, f) != size)
        abort();
    fclose(f);
    const char *inputs[] = {path};
    tp_input_options opts = {.max_document_bytes = 1 << 20};
    tp_input *in;
    tp_error err;
    if (tp_input_open(inputs, 1, &opts, &in, &err) != 0)
        abort();
    static tp_doc *doc;
    if (!doc && !(doc = tp_doc_new()))
        abort();
    tp_input_record rec = {0};
    int rc;
    while ((rc = tp_input_next(in, &rec, &err)) == 1) {
        if (!rec.id)
            abort();
        if (!rec.error) {
            tp_doc_reset(doc, rec.id, rec.text, rec.len);
            if (rec.meta)
                tp_input_meta_to_doc(doc, rec.meta);
        }
        tp_input_record_clear(&rec);
    }
    tp_input_close(in);
    return 0;
}
