/* no_entry - a shared object that is not a tpipe plugin: no tp_module_entry. */
#include <tpipe/plugin.h>

TP_MODULE_EXPORT int not_a_plugin(void);
TP_MODULE_EXPORT int not_a_plugin(void)
{
    return 42;
}
