/* log.h -- where plugin log lines go: dropped below the log level, else
 * to the embedder's handler or to stderr (the public half is in
 * quarry/quarry.h). Internal to the core. */
#ifndef QUARRY_LOG_H
#define QUARRY_LOG_H

#include <stdarg.h>

/* Whether a line at `level` would be kept; cheap, so callers can skip
 * formatting. */
int qlog_wanted(int level);

/* Format one line from `plugin` and hand it to the handler (or stderr). */
void qlog_vwrite(int level, const char *plugin, const char *fmt, va_list ap) __attribute__((format(printf, 3, 0)));

#endif
