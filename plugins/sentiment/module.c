#include <tpipe/plugin.h>

extern const tp_plugin tp_sentiment_plugin;
TP_MODULE(&tp_sentiment_plugin)
