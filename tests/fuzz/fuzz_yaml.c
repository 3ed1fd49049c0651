/* fuzz_yaml.c - the pipeline loader (YAML tree, keys, options, --set) on
 * arbitrary bytes. Plugins come from the build tree, so option values are
 * checked against real schemas. */
#include <stdlib.h>

#include "fuzz_steps.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const dirs[] = {TPIPE_BINARY_DIR "/plugins"};
    tp_load_options opts = {.struct_size = sizeof opts, .plugin_dirs = dirs, .plugin_dir_count = 1};
    tp_diags *diags = tp_diags_new();
    tp_pipeline *p = NULL;
    int rc = tp_pipeline_load_string((const char *)data, size, "fuzz.yaml", "/tmp", &opts, &p,
                                     diags);
    if (rc == 0 && (!p || tp_diags_error_count(diags) != 0))
        abort();
    if (rc != 0 && (p || (rc == TP_ECONFIG && tp_diags_error_count(diags) == 0)))
        abort(); /* a refusal always says why */
    tp_pipeline_free(p);
    tp_diags_free(diags);
    return 0;
}
