/* input_html.h -- the visible text of an HTML page, as a document's text.
 * Internal to the core; used by the input reader for `--input-format html`
 * and for *.html / *.htm files. */
#ifndef QUARRY_INPUT_HTML_H
#define QUARRY_INPUT_HTML_H

#include <stddef.h>

/* Parse `len` bytes of HTML (libxml2's forgiving HTML parser: any page
 * parses) and extract what a reader sees: entities decoded, whitespace
 * collapsed as a browser does, block elements separated by a blank line
 * (so paragraphs stay paragraphs), <br> as a line break; script, style,
 * head, nav, aside, footer, forms and hidden elements dropped; no-break
 * spaces become spaces. Bytes that are valid UTF-8 are read as UTF-8,
 * others in the page's declared charset (else ISO-8859-1).
 *
 * Entity offsets are then offsets into this extracted text, which is what
 * the HTML and brat outputs show. Returns 0 with *text (malloc'd, UTF-8,
 * NUL-terminated, owned by the caller) and *text_len; 1 for a page of
 * 2 GiB or more (libxml2 takes an int length); 2 when libxml2 cannot be
 * loaded (qhtml_unavailable() says why); -1 when out of memory.
 * Thread-safe (libxml2 is loaded once, on the first page). */
int qhtml_visible_text(const char *html, size_t len, char **text, size_t *text_len);

/* NULL when libxml2 is loaded (loading it now if need be), else a one-line
 * reason naming the library. The string is static. Thread-safe. */
const char *qhtml_unavailable(void);

#endif
