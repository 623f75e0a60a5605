/* output_convert.h -- the bridge between the runner, which writes JSON
 * Lines to a FILE*, and the other output formats (output.h). The runner
 * writes into a stream whose every record line is parsed back and handed,
 * with the text of its document, to a format writer. The reader side hands
 * each document's text over first (qconvert_remember), since the record
 * does not carry it. Internal to the core. */
#ifndef QUARRY_OUTPUT_CONVERT_H
#define QUARRY_OUTPUT_CONVERT_H

#include <stdio.h>

#include "input.h"
#include "output.h"

typedef struct qconvert qconvert;

/* A converter into `w` (borrowed until qconvert_close). NULL when out of
 * memory. */
qconvert *qconvert_open(qout_writer *w);

/* The stream to give the runner. A failed write sets its error flag, and
 * qconvert_error() says why. */
FILE *qconvert_stream(qconvert *c);

/* Keep a copy of doc's id and text until its record line arrives; call in
 * input order, before the document is handed to the runner (records
 * arrive in the same order). 0, or -1 when out of memory. Thread-safe
 * against the stream's writes. */
int qconvert_remember(qconvert *c, const qin_doc *doc);

/* After the run: flush, and let the writer finish (trailers, summary).
 * 0, or -1 with qconvert_error() set. */
int qconvert_finish(qconvert *c);

/* Why a write or the finish failed, or NULL. */
const char *qconvert_error(const qconvert *c);

/* Close the stream and free what is left; NULL is a no-op. */
void qconvert_close(qconvert *c);

#endif
