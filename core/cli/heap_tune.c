/* heap_tune.c -- see cli.h: the tool's heap grows in large steps backed by
 * transparent huge pages.
 *
 * A start of the default pipeline builds about 2 MiB of tables on the heap
 * (word lists, hash tables, compiled patterns). glibc grows the heap 128 KiB
 * at a time and the kernel backs it page by page: 500 of the 1,200 page
 * faults of a start, and on a virtual machine a fault costs 5-15 us where a
 * 2 MiB huge page costs one fault. So the heap grows 8 MiB at a time and the
 * part present at start-up asks for huge pages (honoured where THP is in
 * "madvise" or "always" mode; elsewhere nothing changes). glibc does this
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
 * raised as mapped blocks are freed): a list's 200 KiB buffer reuses the
 * pages the previous list freed instead of faulting in fresh ones */
#define MMAP_FROM ((size_t)4 << 20)

void cli_heap_tune(void)
{
    if (mallopt(M_TOP_PAD, (int)HEAP_STEP) != 1 || mallopt(M_MMAP_THRESHOLD, (int)MMAP_FROM) != 1)
        return;
    /* one block that cannot fit the heap's first 132 KiB makes it grow by
     * HEAP_STEP now; freed, it stays (glibc keeps the top pad) */
    char *probe = malloc(HUGE_PAGE);
    if (!probe)
        return;
    uintptr_t lo = ((uintptr_t)probe + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
    free(probe);
    void *brk_now = sbrk(0);
    if (brk_now == (void *)-1)
        return;
    uintptr_t hi = (uintptr_t)brk_now & ~(HUGE_PAGE - 1);
    if (hi > lo)
        (void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE); /* advice: a refusal changes nothing */
}
#else
void cli_heap_tune(void) {}
#endif
