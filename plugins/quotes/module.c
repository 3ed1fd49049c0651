#include <tpipe/plugin.h>

extern const tp_plugin tp_quotes_plugin;
TP_MODULE(&tp_quotes_plugin)
