#include <tpipe/plugin.h>

extern const tp_plugin tp_tokenizer_plugin;

TP_MODULE(&tp_tokenizer_plugin)
