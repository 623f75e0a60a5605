/* heap_tune.c -- see cli.h: the tool's heap grows in large steps backed by
 * transparent huge pages.
 *
 * A start of the default pipeline builds about 2 MiB of tables on the heap
 * (word lists, hash tables, compiled patterns). glibc grows the heap 128 KiB
 * at a time and the kernel backs it page by page: 500 of the 1,200 page
 * faults of a start, and on a virtual machine a fault costs 5-15 us where a
 * 2 MiB huge page costs one fault. So the heap grows 8 MiB at a time and the
 * whole huge pages of the first step are asked for as such (honoured where
 * THP is in "madvise" or "always" mode; elsewhere nothing changes). glibc does this
 * itself under GLIBC_TUNABLES=glibc.malloc.hugetlb=1, which a batch tool
 * cannot ask its users to set. Only the tool does it: libquarry leaves its
 * host's heap alone. */
#define _DEFAULT_SOURCE /* sbrk, madvise */
#include "cli.h"

#include <stdlib.h> /* defines __GLIBC__ */

#if defined(__GLIBC__) && defined(__linux__)
#include <malloc.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#define HEAP_STEP ((size_t)8 << 20)
#define HUGE_PAGE ((uintptr_t)2 << 20)
/* below this, blocks come from the heap (glibc's default is 128 KiB,
 * raised as mapped blocks are freed): a word list's 200 KiB buffer reuses
 * the pages the previous list freed instead of faulting in fresh ones */
#define MMAP_FROM ((size_t)4 << 20)
#define FIRST_BLOCK ((size_t)256 << 10)

/* The block that spans the heap's first, partial huge page: held until
 * exit, never touched, so it costs address space, not memory. */
static void *before_huge_pages;

void cli_heap_tune(void)
{
    if (mallopt(M_TOP_PAD, (int)HEAP_STEP) != 1 || mallopt(M_MMAP_THRESHOLD, (int)MMAP_FROM) != 1)
        return;
    /* larger than anything freed so far, so it comes from the heap's top,
     * which grows by HEAP_STEP beyond it */
    char *first = malloc(FIRST_BLOCK);
    void *end = sbrk(0);
    if (!first || end == (void *)-1) {
        free(first);
        return;
    }
    /* a huge page needs an aligned 2 MiB with no small page in it yet: the
     * top's header, just past `first`, is in the one before `lo` */
    uintptr_t lo = ((uintptr_t)first + FIRST_BLOCK + 4096 + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
    uintptr_t hi = (uintptr_t)end & ~(HUGE_PAGE - 1);
    if ((uintptr_t)end < (uintptr_t)first || hi < lo + HUGE_PAGE || madvise((void *)lo, hi - lo, MADV_HUGEPAGE) != 0) {
        free(first);
        return;
    }
    /* grown in place into the top, `first` now ends where the huge pages
     * begin, so the next block is carved from them */
    char *grown = realloc(first, lo - (uintptr_t)first - 32);
    if (grown != first) {
        free(grown ? grown : first);
        return;
    }
    before_huge_pages = grown;
}
#else
void cli_heap_tune(void) {}
#endif
