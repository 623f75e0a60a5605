/* no_entry.c -- a shared object without quarry_plugin_entry. */
#include "quarry/plugin.h"

QRY_EXPORT int not_a_quarry_plugin(void);
int not_a_quarry_plugin(void) { return 42; }
