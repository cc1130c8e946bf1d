/*
 * libFuzzer target: cookie name classification (src/cc_rules.c).
 *
 * The input describes a rule table and some names:
 *
 *   byte 0      flags: bit 0 maps pattern and name bytes onto "abc" (deep
 *               nesting, many duplicates); bit 1 makes the allocator fail
 *               at the call numbered by bits 2-3
 *   byte 1      number of rules (low 7 bits)
 *   per rule    one header byte (bit 7 prefix/exact, bits 4-6 category,
 *               bits 0-3 length) and the pattern bytes
 *   the rest    names: a length byte (low 5 bits) and the bytes
 *
 * Each name, each pattern, each pattern shortened by one byte and
 * extended by every byte of the alphabet, is classified by the table and
 * by a brute-force linear reference; they must agree.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cc_rules.h"


#define MAX_RULES  128


typedef struct {
    void    *blocks[16];
    size_t   n;
    long     fail_at;
    size_t   calls;
} arena_t;


static void *
arena_alloc(void *pool, size_t size)
{
    void     *p;
    arena_t  *a = pool;

    if (a->fail_at >= 0 && (long) a->calls == a->fail_at) {
        a->calls++;
        return NULL;
    }

    a->calls++;

    if (a->n == sizeof(a->blocks) / sizeof(a->blocks[0])) {
        return NULL;
    }

    p = malloc(size ? size : 1);
    if (p != NULL) {
        memset(p, 0xa5, size);          /* a pool gives garbage */
        a->blocks[a->n++] = p;
    }

    return p;
}


/*
 * The reference is quadratic: kept out of the coverage instrumentation
 * (and away from the memcmp() hook), it does not slow the fuzzer down
 * nor steer it.
 */
#define REF  __attribute__((no_sanitize("coverage"), noinline))


REF static int
eq(const unsigned char *a, const unsigned char *b, size_t n)
{
    while (n--) {
        if (*a++ != *b++) {
            return 0;
        }
    }

    return 1;
}


REF static int
ref_match(const cc_rule_t *r, size_t n, const unsigned char *name,
    size_t len, int *category)
{
    long    best;
    size_t  i;

    best = -1;

    for (i = 0; i < n; i++) {
        if (r[i].kind == CC_RULE_EXACT && r[i].len == len
            && eq(r[i].pattern, name, len))
        {
            best = (long) i;
        }
    }

    if (best >= 0) {
        *category = r[best].category;
        return CC_MATCH_EXACT;
    }

    for (i = 0; i < n; i++) {
        if (r[i].kind == CC_RULE_PREFIX && r[i].len <= len
            && eq(r[i].pattern, name, r[i].len)
            && (best < 0 || r[i].len >= r[best].len))
        {
            best = (long) i;
        }
    }

    if (best >= 0) {
        *category = r[best].category;
        return CC_MATCH_PREFIX;
    }

    return CC_MATCH_NONE;
}


REF static size_t
ref_count(const cc_rule_t *r, size_t n, int kind)
{
    size_t  i, j, c;

    c = 0;

    for (i = 0; i < n; i++) {
        if (r[i].kind != kind) {
            continue;
        }

        for (j = i + 1; j < n; j++) {
            if (r[j].kind == kind && r[j].len == r[i].len
                && eq(r[j].pattern, r[i].pattern, r[i].len))
            {
                break;
            }
        }

        c += (j == n);
    }

    return c;
}


static void
check(const cc_rules_t *t, const cc_rule_t *r, size_t n,
    const unsigned char *name, size_t len)
{
    int  m1, m2, c1, c2;

    c1 = -100;
    c2 = -100;
    m1 = cc_rules_match(t, name, len, &c1);
    m2 = ref_match(r, n, name, len, &c2);

    if (m1 != m2 || (m1 != CC_MATCH_NONE && c1 != c2)) {
        abort();
    }
}


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int             small;
    size_t          i, k, n, nr, len, pos;
    arena_t         a;
    cc_rule_t       rules[MAX_RULES];
    cc_rules_t     *t;
    unsigned char  *copy, q[40];
    static const unsigned char  ext[] = "abc\0\xff_";

    if (size < 2) {
        return 0;
    }

    small = data[0] & 1;

    memset(&a, 0, sizeof(arena_t));
    a.fail_at = (data[0] & 2) ? (long) ((data[0] >> 2) & 3) : -1;

    /* patterns point into this copy, which outlives the table */
    copy = malloc(size);
    if (copy == NULL) {
        return 0;
    }

    for (i = 0; i < size; i++) {
        copy[i] = small && i >= 2 ? (unsigned char) ('a' + data[i] % 3)
                                  : data[i];
    }

    nr = data[1] & (MAX_RULES - 1);
    pos = 2;
    n = 0;

    while (n < nr && pos < size) {
        len = data[pos] & 0x0f;

        if (pos + 1 + len > size) {
            break;
        }

        rules[n].kind = (data[pos] & 0x80) ? CC_RULE_PREFIX : CC_RULE_EXACT;
        rules[n].category = (data[pos] >> 4) & 7;
        rules[n].pattern = copy + pos + 1;
        rules[n].len = len;
        n++;
        pos += 1 + len;
    }

    t = cc_rules_build(rules, n, arena_alloc, &a);

    if (t == NULL) {
        if (a.fail_at < 0) {
            abort();                    /* failed without a failure */
        }
        goto done;
    }

    if (a.fail_at >= 0 && a.fail_at < (long) a.calls) {
        abort();                        /* ignored a failed allocation */
    }

    if (cc_rules_count(t, CC_RULE_EXACT) != ref_count(rules, n, CC_RULE_EXACT)
        || cc_rules_count(t, CC_RULE_PREFIX)
           != ref_count(rules, n, CC_RULE_PREFIX))
    {
        abort();
    }

    /* the names of the input */

    while (pos < size) {
        len = data[pos] & 0x1f;
        pos++;

        if (len > size - pos) {
            len = size - pos;
        }

        check(t, rules, n, copy + pos, len);
        pos += len;
    }

    /* every pattern, shortened, and extended by one byte */

    for (i = 0; i < n; i++) {
        check(t, rules, n, rules[i].pattern, rules[i].len);

        if (rules[i].len) {
            check(t, rules, n, rules[i].pattern, rules[i].len - 1);
        }

        memcpy(q, rules[i].pattern, rules[i].len);

        for (k = 0; k < sizeof(ext) - 1; k++) {
            q[rules[i].len] = ext[k];
            check(t, rules, n, q, rules[i].len + 1);
        }
    }

    check(t, rules, n, (const unsigned char *) "", 0);

done:

    while (a.n) {
        free(a.blocks[--a.n]);
    }

    free(copy);

    return 0;
}
