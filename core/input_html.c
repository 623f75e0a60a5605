/* input_html.c -- see input_html.h. libxml2's HTML parser builds the tree
 * (it copes with the tag soup real pages are); this file only decides what
 * of it a reader sees and lays that out as paragraphs, so that the
 * segmenter and the quote finder meet the same structure as in a .txt.
 *
 * libxml2 is loaded on the first page, not linked: with the ICU and C++
 * libraries it pulls in, loading it took 4 ms of every start, and most
 * runs read no HTML. Two of its functions are called; attributes are read
 * from the tree's own structs. */
#include "input_html.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "text_check.h"

#ifndef QUARRY_LIBXML2_SONAME
#define QUARRY_LIBXML2_SONAME "libxml2.so.2"
#endif

static struct {
    pthread_once_t once;
    __typeof__(htmlReadMemory) *read_memory;
    __typeof__(xmlFreeDoc) *free_doc;
    char error[256];
} libxml2 = {.once = PTHREAD_ONCE_INIT};

static void load_libxml2(void)
{
    /* never closed: a library is unloaded at exit anyway, and libxml2
     * keeps global state between pages */
    void *lib = dlopen(QUARRY_LIBXML2_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (lib) {
        *(void **)&libxml2.read_memory = dlsym(lib, "htmlReadMemory");
        *(void **)&libxml2.free_doc = dlsym(lib, "xmlFreeDoc");
    }
    if (!libxml2.read_memory || !libxml2.free_doc) {
        const char *why = dlerror();
        snprintf(libxml2.error, sizeof libxml2.error, "HTML input needs libxml2 (%s): %s", QUARRY_LIBXML2_SONAME,
                 why ? why : "a function is missing");
        libxml2.read_memory = NULL;
    }
}

const char *qhtml_unavailable(void)
{
    pthread_once(&libxml2.once, load_libxml2);
    return libxml2.read_memory ? NULL : libxml2.error;
}

/* What separates the text before from the text after, strongest wins. */
enum gap { GAP_NONE, GAP_SPACE, GAP_LINE, GAP_PARA };

typedef struct walker {
    qbuf out;
    int gap;       /* pending separator, written before the next visible character */
    int pre_depth; /* inside <pre>: whitespace is kept */
} walker;

static int named(const xmlNode *n, const char *const *names)
{
    for (; *names; names++)
        if (strcasecmp((const char *)n->name, *names) == 0)
            return 1;
    return 0;
}

/* Elements whose content is never read as the page's text: code, styling,
 * metadata, navigation and page furniture, controls, embedded media. */
static const char *const dropped[] = {"script", "style", "noscript", "template", "head", "title", "nav",
                                      "aside", "footer", "form", "button", "select", "textarea", "input",
                                      "svg", "math", "iframe", "object", "embed", "canvas", "audio",
                                      "video", "map", "dialog", NULL};
static const char *const paragraph_blocks[] = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
                                               "section", "article", "main", "header", "ul", "ol", "dl",
                                               "table", "figure", "figcaption", "pre", "hr", "address",
                                               "details", "summary", "body", "center", NULL};
static const char *const line_blocks[] = {"li", "dt", "dd", "tr", "caption", NULL};
static const char *const cells[] = {"td", "th", NULL};
static const char *const furniture_roles[] = {"navigation", "banner", "contentinfo", "complementary",
                                              "search", "menu", "menubar", NULL};

/* The attribute named `name` (the parser gives HTML names in lower case). */
static const xmlAttr *attribute(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next)
        if (a->name && strcmp((const char *)a->name, name) == 0)
            return a;
    return NULL;
}

/* An attribute's value (its text nodes joined) into buf, cut at bufsz;
 * 0 when the element has no such attribute. */
static int attr_value(const xmlNode *n, const char *name, char *buf, size_t bufsz)
{
    const xmlAttr *a = attribute(n, name);
    if (!a)
        return 0;
    size_t k = 0;
    for (const xmlNode *t = a->children; t; t = t->next)
        for (const xmlChar *c = t->content; c && *c && k + 1 < bufsz; c++)
            buf[k++] = (char)*c;
    buf[k] = '\0';
    return 1;
}

static int attr_is(const xmlNode *n, const char *name, const char *const *values)
{
    char v[64];
    if (!attr_value(n, name, v, sizeof v))
        return 0;
    int hit = 0;
    for (; *values && !hit; values++)
        hit = strcasecmp(v, *values) == 0;
    return hit;
}

/* style="display: none" / "visibility:hidden", however spaced */
static int styled_hidden(const xmlNode *n)
{
    const xmlAttr *a = attribute(n, "style");
    if (!a)
        return 0;
    char squeezed[256];
    size_t k = 0;
    for (const xmlNode *t = a->children; t; t = t->next)
        for (const xmlChar *c = t->content; c && *c && k + 1 < sizeof squeezed; c++)
            if (*c != ' ' && *c != '\t' && *c != '\n')
                squeezed[k++] = (char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c);
    squeezed[k] = '\0';
    return strstr(squeezed, "display:none") || strstr(squeezed, "visibility:hidden");
}

static int is_dropped(const xmlNode *n)
{
    static const char *const yes[] = {"true", NULL};
    if (named(n, dropped) || attribute(n, "hidden"))
        return 1;
    return attr_is(n, "aria-hidden", yes) || attr_is(n, "role", furniture_roles) || styled_hidden(n);
}

static void want_gap(walker *w, int gap)
{
    if (gap > w->gap)
        w->gap = gap;
}

static void put_visible(walker *w, const char *s, size_t n)
{
    if (w->out.len && w->gap) {
        static const char *const seps[] = {"", " ", "\n", "\n\n"};
        qbuf_puts(&w->out, seps[w->gap]);
    }
    w->gap = GAP_NONE;
    qbuf_append(&w->out, s, n);
}

static void put_text(walker *w, const char *s)
{
    size_t i = 0, run = 0; /* run: visible bytes waiting to be copied, ending at i */
    while (s[i]) {
        unsigned char c = (unsigned char)s[i];
        int space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
        int nbsp = c == 0xC2 && (unsigned char)s[i + 1] == 0xA0;
        if (w->pre_depth && (space || nbsp)) {
            if (run)
                put_visible(w, s + i - run, run);
            run = 0;
            put_visible(w, nbsp ? " " : s + i, 1);
            i += nbsp ? 2 : 1;
        } else if (space) {
            if (run)
                put_visible(w, s + i - run, run);
            run = 0;
            want_gap(w, GAP_SPACE);
            i++;
        } else if (nbsp) {
            /* a no-break space is a space a reader sees: "€5&nbsp;million" */
            if (run)
                put_visible(w, s + i - run, run);
            run = 0;
            put_visible(w, " ", 1);
            i += 2;
        } else {
            run++;
            i++;
        }
    }
    if (run)
        put_visible(w, s + i - run, run);
}

static void enter(walker *w, const xmlNode *n)
{
    if (strcasecmp((const char *)n->name, "br") == 0)
        want_gap(w, w->gap >= GAP_LINE ? GAP_PARA : GAP_LINE); /* <br><br> parts paragraphs */
    else if (named(n, paragraph_blocks))
        want_gap(w, GAP_PARA);
    else if (named(n, line_blocks))
        want_gap(w, GAP_LINE);
    else if (named(n, cells))
        want_gap(w, GAP_SPACE);
    if (strcasecmp((const char *)n->name, "pre") == 0)
        w->pre_depth++;
}

static void leave(walker *w, const xmlNode *n)
{
    if (named(n, paragraph_blocks))
        want_gap(w, GAP_PARA);
    else if (named(n, line_blocks))
        want_gap(w, GAP_LINE);
    else if (named(n, cells))
        want_gap(w, GAP_SPACE);
    if (strcasecmp((const char *)n->name, "pre") == 0 && w->pre_depth)
        w->pre_depth--;
}

/* Depth-first over the tree without recursion: a page nested thousands of
 * levels deep costs no stack. */
static void walk(walker *w, xmlDoc *doc)
{
    xmlNode *n = doc->children;
    while (n) {
        int descend = 0;
        if (n->type == XML_ELEMENT_NODE) {
            if (!is_dropped(n)) {
                enter(w, n);
                descend = n->children != NULL;
                if (!descend)
                    leave(w, n);
            }
        } else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content) {
            put_text(w, (const char *)n->content);
        }
        if (descend) {
            n = n->children;
            continue;
        }
        while (n && !n->next) {
            n = n->parent;
            if (!n || n == (xmlNode *)doc)
                return;
            leave(w, n);
        }
        n = n ? n->next : NULL;
    }
}

int qhtml_visible_text(const char *html, size_t len, char **text, size_t *text_len)
{
    walker w = {0};
    *text = NULL;
    *text_len = 0;
    if (len > INT32_MAX)
        return 1; /* libxml2 takes an int length */
    if (len > 0 && qhtml_unavailable())
        return 2;
    if (len > 0) {
        const char *encoding = qtext_utf8_prefix(html, len) == len ? "UTF-8" : NULL;
        htmlDocPtr doc = libxml2.read_memory(html, (int)len, NULL, encoding,
                                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                            HTML_PARSE_NONET | HTML_PARSE_COMPACT | XML_PARSE_HUGE);
        /* XML_PARSE_HUGE lifts libxml2's nesting limit (256), past which it
         * would drop the rest of the text; the walk below needs no stack.
         * No tree: nothing a browser would show either (libxml2 gives none
         * for a page of only whitespace or comments) */
        if (doc) {
            walk(&w, doc);
            libxml2.free_doc(doc);
        }
    }
    qbuf_append(&w.out, "", 0); /* an empty page is an empty document, not NULL */
    if (w.out.oom) {
        qbuf_free(&w.out);
        return -1;
    }
    *text = w.out.data;
    *text_len = w.out.len;
    return 0;
}
