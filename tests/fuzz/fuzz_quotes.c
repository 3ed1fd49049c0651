/* fuzz_quotes.c - the quotes plugin (after the tokenizer) on arbitrary bytes. */
#include "fuzz_steps.h"

extern const tp_plugin tp_tokenizer_plugin;
extern const tp_plugin tp_quotes_plugin;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static tp_worker *worker;
    if (!worker) {
        static const tp_plugin *const steps[] = {&tp_tokenizer_plugin, &tp_quotes_plugin, NULL};
        worker = fuzz_worker(steps);
    }
    fuzz_run_document(worker, data, size);
    return 0;
}
