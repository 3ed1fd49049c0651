/* docrun.c - a record through the steps to its rendered output. */
#include "docrun.h"

#include <stdlib.h>
#include <string.h>

#include "doc_internal.h"

void tp_doc_outcome_clear(tp_doc_outcome *o)
{
    free(o->out);
    free(o->fail_step);
    free(o->fail_message);
    memset(o, 0, sizeof *o);
}

int tp_docrun(tp_worker *worker, tp_doc *doc, const tp_input_record *rec,
              const char *forced_step, const char *forced_error, const tp_format_options *fo,
              tp_doc_outcome *out, tp_error *err)
{
    memset(out, 0, sizeof *out);
    int rc = tp_doc_reset(doc, rec->id, rec->text ? rec->text : "", rec->len);
    if (rc == TP_ELIMIT || rc == TP_ENOMEM) {
        tp_doc_reset(doc, rec->id, "", 0);
        tp_doc_fail(doc, NULL,
                    rc == TP_ELIMIT ? "document too large for 32-bit offsets"
                                    : "out of memory loading the document",
                    rec->line);
    } else if (rec->error) {
        tp_doc_fail(doc, NULL, rec->error, rec->line);
    } else {
        if (rec->meta)
            tp_input_meta_to_doc(doc, rec->meta);
        if (forced_error) {
            tp_doc_fail(doc, forced_step, forced_error, rec->line);
        } else if (worker) {
            rc = tp_worker_process(worker, doc, err);
            if (rc == TP_EFATAL)
                return rc;
            if (rc == TP_EDOC && doc->errors.count)
                doc->errors.items[doc->errors.count - 1].input_line = rec->line;
        }
    }
    out->tokens = doc->tokens.count;
    if (doc->failed && doc->errors.count) {
        const tp_doc_error *e = &doc->errors.items[doc->errors.count - 1];
        out->failed = true;
        out->fail_step = e->step ? strdup(e->step) : NULL;
        out->fail_message = strdup(e->message);
    }
    rc = tp_doc_render(doc, fo, &out->out, &out->out_len);
    if (rc) {
        tp_doc_outcome_clear(out);
        return tp_error_set(err, TP_ENOMEM, "out of memory rendering a record");
    }
    return 0;
}
