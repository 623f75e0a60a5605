/* test_merge_policies.c -- the overlap merge against the obvious greedy:
 * visit entities best-first, keep one unless it overlaps a kept entity of
 * the same scope, then sort by position. Random records of every shape
 * (dense overlaps, nested spans, ties, several types and plugins, equal
 * type names from different plugins) must come out entity for entity as
 * that reference says, for every policy and scope. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "merge.h"
#include "record.h"

/* two spellings of "place" at different addresses: types are compared by
 * name, not by pointer, as two plugins may both declare one */
static char place_a[] = "place", place_b[] = "place";
static const char *const type_names[] = {"money", place_a, "quote", place_b};
static const char *const plugins[] = {"p0", "p1", "p2"};

static uint64_t rng = 0x2545F4914F6CDD1Dull;
static uint32_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)rng;
}

static void fill(qrecord *r, size_t n, size_t text_len, size_t max_len)
{
    r->n_ents = 0;
    r->ents = calloc(n, sizeof *r->ents);
    assert_non_null(r->ents);
    for (size_t k = 0; k < n; k++) {
        qentity *e = &r->ents[r->n_ents];
        e->start = next_random() % text_len;
        e->end = e->start + 1 + next_random() % max_len;
        int p = (int)(next_random() % 3);
        e->plugin = plugins[p];
        e->priority = p;
        e->type = type_names[next_random() % 4];
        e->seq = r->n_ents;
        r->n_ents++;
        if (next_random() % 8 == 0 && r->n_ents < n) { /* an exact duplicate now and then */
            r->ents[r->n_ents] = *e;
            r->ents[r->n_ents].seq = r->n_ents;
            r->n_ents++;
            k++;
        }
    }
    r->cap_ents = n;
}

static int ref_policy;
static int ref_position(const qentity *x, const qentity *y)
{
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end > y->end ? -1 : 1;
    if (x->priority != y->priority)
        return x->priority < y->priority ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}
static int ref_by_position(const void *a, const void *b) { return ref_position(a, b); }
static int ref_by_rank(const void *a, const void *b)
{
    const qentity *x = a, *y = b;
    size_t lx = x->end - x->start, ly = y->end - y->start;
    if (ref_policy == QMERGE_PRIORITY && x->priority != y->priority)
        return x->priority < y->priority ? -1 : 1;
    if (lx != ly)
        return lx > ly ? -1 : 1;
    if (x->priority != y->priority)
        return x->priority < y->priority ? -1 : 1;
    return ref_position(x, y);
}

/* The reference: quadratic, obviously right. */
static size_t reference(qentity *ents, size_t n, int policy, int scope)
{
    ref_policy = policy;
    qsort(ents, n, sizeof *ents, ref_by_rank);
    size_t kept = 0;
    for (size_t k = 0; k < n; k++) {
        int clash = 0;
        for (size_t j = 0; j < kept && !clash; j++)
            clash = ents[j].start < ents[k].end && ents[j].end > ents[k].start &&
                    (scope == QMERGE_ANY_TYPE || strcmp(ents[j].type, ents[k].type) == 0);
        if (!clash)
            ents[kept++] = ents[k];
    }
    qsort(ents, kept, sizeof *ents, ref_by_position);
    return kept;
}

static void compare_one(size_t n, size_t text_len, size_t max_len, int policy, int scope)
{
    qrecord r = {0};
    fill(&r, n, text_len, max_len);
    qentity *copy = malloc(r.n_ents * sizeof *copy);
    assert_non_null(copy);
    memcpy(copy, r.ents, r.n_ents * sizeof *copy);
    size_t want = reference(copy, r.n_ents, policy, scope);
    assert_int_equal(qmerge(&r, policy, scope), QRY_OK);
    assert_int_equal(r.n_ents, want);
    for (size_t k = 0; k < want; k++) {
        assert_int_equal(r.ents[k].start, copy[k].start);
        assert_int_equal(r.ents[k].end, copy[k].end);
        assert_int_equal(r.ents[k].seq, copy[k].seq);
        assert_ptr_equal(r.ents[k].type, copy[k].type);
    }
    free(copy);
    free(r.ents);
}

static void test_longest_and_priority_match_the_reference(void **state)
{
    (void)state;
    static const size_t shapes[][3] = {/* entities, text length, longest span */
                                       {2, 4, 3},     {5, 10, 4},  {40, 30, 6},  {200, 400, 20},
                                       {300, 60, 50}, {1000, 5000, 8}, {1000, 200, 3}};
    for (int policy = QMERGE_LONGEST; policy <= QMERGE_PRIORITY; policy++)
        for (int scope = QMERGE_SAME_TYPE; scope <= QMERGE_ANY_TYPE; scope++)
            for (size_t s = 0; s < sizeof shapes / sizeof *shapes; s++)
                for (int round = 0; round < 20; round++)
                    compare_one(shapes[s][0], shapes[s][1], shapes[s][2], policy, scope);
}

/* Many disjoint entities of one type after many of another: the shape
 * that made the old scan over other types' winners quadratic. */
static void test_disjoint_runs_of_two_types(void **state)
{
    (void)state;
    qrecord r = {0};
    size_t n = 20000;
    r.ents = calloc(n, sizeof *r.ents);
    assert_non_null(r.ents);
    for (size_t k = 0; k < n; k++)
        r.ents[k] = (qentity){.type = k % 2 ? "quote" : "money", .start = 10 * k, .end = 10 * k + 5,
                              .plugin = "p0", .seq = k};
    r.n_ents = r.cap_ents = n;
    assert_int_equal(qmerge(&r, QMERGE_LONGEST, QMERGE_SAME_TYPE), QRY_OK);
    assert_int_equal(r.n_ents, n);
    for (size_t k = 0; k < n; k++)
        assert_int_equal(r.ents[k].start, 10 * k);
    free(r.ents);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_longest_and_priority_match_the_reference),
        cmocka_unit_test(test_disjoint_runs_of_two_types),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
