#include <tpipe/plugin.h>
extern const tp_plugin tp_summary_plugin;
TP_MODULE(&tp_summary_plugin)
