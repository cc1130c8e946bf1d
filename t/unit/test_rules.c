/*
 * Unit tests: cookie name classification by exact name and by prefix
 * (src/cc_rules.c), cross-checked against a linear reference.
 */

#include <stdlib.h>

#include "cc_test.h"
#include "cc_rules.h"


/* an arena: every block is freed at the end; can fail on demand */

typedef struct {
    void    *blocks[64];
    size_t   n;
    long     fail_at;        /* the allocation number that fails, or -1 */
    size_t   calls;
} arena_t;


static void *
arena_alloc(void *pool, size_t size)
{
    void     *p;
    arena_t  *a = pool;

    if (a->fail_at >= 0 && (long) a->calls++ == a->fail_at) {
        return NULL;
    }

    if (a->n == sizeof(a->blocks) / sizeof(a->blocks[0])) {
        return NULL;
    }

    p = malloc(size ? size : 1);
    if (p != NULL) {
        /* garbage, as a pool gives: the table must initialise it */
        memset(p, 0xa5, size);
        a->blocks[a->n++] = p;
    }

    return p;
}


static void
arena_init(arena_t *a, long fail_at)
{
    memset(a, 0, sizeof(arena_t));
    a->fail_at = fail_at;
}


static void
arena_free(arena_t *a)
{
    while (a->n) {
        free(a->blocks[--a->n]);
    }
}


/* the reference: a linear scan over the rules, as the contract reads */

static int
ref_match(const cc_rule_t *r, size_t n, const unsigned char *name,
    size_t len, int *category)
{
    long    best;
    size_t  i;

    best = -1;

    for (i = 0; i < n; i++) {
        if (r[i].kind == CC_RULE_EXACT && r[i].len == len
            && memcmp(r[i].pattern, name, len) == 0)
        {
            best = (long) i;                /* the last one wins */
        }
    }

    if (best >= 0) {
        *category = r[best].category;
        return CC_MATCH_EXACT;
    }

    for (i = 0; i < n; i++) {
        if (r[i].kind == CC_RULE_PREFIX && r[i].len <= len
            && memcmp(r[i].pattern, name, r[i].len) == 0
            && (best < 0 || r[i].len >= r[best].len))
        {
            best = (long) i;                /* longest, then the last */
        }
    }

    if (best >= 0) {
        *category = r[best].category;
        return CC_MATCH_PREFIX;
    }

    return CC_MATCH_NONE;
}


static size_t
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
                && memcmp(r[j].pattern, r[i].pattern, r[i].len) == 0)
            {
                break;
            }
        }

        c += (j == n);
    }

    return c;
}


#define E(s, c)  { (const unsigned char *) s, sizeof(s) - 1, CC_RULE_EXACT, c }
#define P(s, c)  { (const unsigned char *) s, sizeof(s) - 1, CC_RULE_PREFIX, c }
#define N(r)     (sizeof(r) / sizeof(r[0]))

/* match and category in one value: kind * 1000 + category */
static int
mc(const cc_rules_t *t, const char *s, size_t len)
{
    int  m, c;

    c = -100;
    m = cc_rules_match(t, (const unsigned char *) s, len, &c);

    if (m == CC_MATCH_NONE && c != -100) {
        return -1;                          /* category written anyway */
    }

    return m * 1000 + (m == CC_MATCH_NONE ? 0 : c);
}

#define MC(t, s)  mc(t, s, sizeof(s) - 1)


static void
test_hash(void)
{
    size_t         i, j, k, same;
    uint32_t       h[64];
    unsigned char  s[64];

    CC_CHECK(cc_rules_hash((const unsigned char *) "\0", 1)
             != cc_rules_hash((const unsigned char *) "", 0));
    CC_CHECK(cc_rules_hash((const unsigned char *) "foobar", 6)
             == cc_rules_hash((const unsigned char *) "foobar", 6));

    /*
     * every length up to 64 and every byte position counts: the words
     * and the tail; a byte changed anywhere changes the hash
     */

    memset(s, 'a', sizeof(s));
    same = 0;

    for (i = 0; i < sizeof(s); i++) {
        h[i] = cc_rules_hash(s, i);

        for (j = 0; j < i; j++) {
            same += (h[j] == h[i]);
        }

        for (k = 0; k < i; k++) {
            s[k] = 'b';
            same += (cc_rules_hash(s, i) == h[i]);
            s[k] = 'a';
        }
    }

    CC_CHECK_INT(same, 0);
}


static void
test_basic(void)
{
    arena_t      a;
    cc_rules_t  *t;

    /* no rules at all */
    arena_init(&a, -1);
    t = cc_rules_build(NULL, 0, arena_alloc, &a);
    CC_CHECK(t != NULL);
    CC_CHECK_INT(cc_rules_count(t, CC_RULE_EXACT), 0);
    CC_CHECK_INT(cc_rules_count(t, CC_RULE_PREFIX), 0);
    CC_CHECK_INT(MC(t, "_ga"), 0);
    CC_CHECK_INT(MC(t, ""), 0);
    arena_free(&a);

    /* exact before prefix, whatever the order of the rules */
    {
        static const cc_rule_t  r[] = {
            P("_ga", 2), E("_ga", 1), P("_g", 3), E("_gid", 4),
            P("_gat_", 5), E("IDE", 6), P("_hj", 7), E("", 8)
        };

        arena_init(&a, -1);
        t = cc_rules_build(r, N(r), arena_alloc, &a);
        CC_CHECK(t != NULL);
        CC_CHECK_INT(cc_rules_count(t, CC_RULE_EXACT), 4);
        CC_CHECK_INT(cc_rules_count(t, CC_RULE_PREFIX), 4);

        CC_CHECK_INT(MC(t, "_ga"), 2001);
        CC_CHECK_INT(MC(t, "_ga_8XJ2QZ7T1C"), 1002);
        CC_CHECK_INT(MC(t, "_gat"), 1002);
        CC_CHECK_INT(MC(t, "_gat_UA-1"), 1005);
        CC_CHECK_INT(MC(t, "_gat_"), 1005);
        CC_CHECK_INT(MC(t, "_gid"), 2004);
        CC_CHECK_INT(MC(t, "_gidx"), 1003);
        CC_CHECK_INT(MC(t, "_g"), 1003);
        CC_CHECK_INT(MC(t, "_"), 0);
        CC_CHECK_INT(MC(t, "IDE"), 2006);
        CC_CHECK_INT(MC(t, "ide"), 0);             /* case-sensitive */
        CC_CHECK_INT(MC(t, "IDEX"), 0);
        CC_CHECK_INT(MC(t, "ID"), 0);
        CC_CHECK_INT(MC(t, "_hjSessionUser_3476982"), 1007);
        CC_CHECK_INT(MC(t, "_hj"), 1007);
        CC_CHECK_INT(MC(t, "_h"), 0);
        CC_CHECK_INT(MC(t, ""), 2008);             /* the empty exact name */
        CC_CHECK_INT(MC(t, "PHPSESSID"), 0);
        arena_free(&a);
    }

    /* nested prefixes: the longest wins */
    {
        static const cc_rule_t  r[] = {
            P("abd", 4), P("a", 1), P("b", 5), P("abc", 3), P("ab", 2),
            P("abcdef", 6), P("ba", 7), P("abcd", 8), P("c", 9), P("ca", 10),
            P("cab", 11), P("d", 12), P("de", 13), P("def", 14)
        };

        arena_init(&a, -1);
        t = cc_rules_build(r, N(r), arena_alloc, &a);
        CC_CHECK(t != NULL);
        CC_CHECK_INT(cc_rules_count(t, CC_RULE_EXACT), 0);
        CC_CHECK_INT(cc_rules_count(t, CC_RULE_PREFIX), N(r));

        CC_CHECK_INT(MC(t, "a"), 1001);
        CC_CHECK_INT(MC(t, "aa"), 1001);
        CC_CHECK_INT(MC(t, "ab"), 1002);
        CC_CHECK_INT(MC(t, "abb"), 1002);
        CC_CHECK_INT(MC(t, "abc"), 1003);
        CC_CHECK_INT(MC(t, "abcc"), 1003);
        CC_CHECK_INT(MC(t, "abcd"), 1008);
        CC_CHECK_INT(MC(t, "abcde"), 1008);
        CC_CHECK_INT(MC(t, "abcdee"), 1008);
        CC_CHECK_INT(MC(t, "abcdef"), 1006);
        CC_CHECK_INT(MC(t, "abcdefg"), 1006);
        CC_CHECK_INT(MC(t, "abcdeg"), 1008);
        CC_CHECK_INT(MC(t, "abce"), 1003);
        CC_CHECK_INT(MC(t, "abd"), 1004);
        CC_CHECK_INT(MC(t, "abdz"), 1004);
        CC_CHECK_INT(MC(t, "abe"), 1002);
        CC_CHECK_INT(MC(t, "abz"), 1002);         /* past abd: ab */
        CC_CHECK_INT(MC(t, "ac"), 1001);
        CC_CHECK_INT(MC(t, "az"), 1001);
        CC_CHECK_INT(MC(t, "b"), 1005);
        CC_CHECK_INT(MC(t, "b0"), 1005);
        CC_CHECK_INT(MC(t, "ba"), 1007);
        CC_CHECK_INT(MC(t, "bb"), 1005);
        CC_CHECK_INT(MC(t, "caa"), 1010);
        CC_CHECK_INT(MC(t, "cab"), 1011);
        CC_CHECK_INT(MC(t, "cac"), 1010);
        CC_CHECK_INT(MC(t, "cb"), 1009);
        CC_CHECK_INT(MC(t, "dez"), 1013);
        CC_CHECK_INT(MC(t, "df"), 1012);
        CC_CHECK_INT(MC(t, "e"), 0);
        CC_CHECK_INT(MC(t, ""), 0);
        CC_CHECK_INT(MC(t, "A"), 0);
        CC_CHECK_INT(MC(t, "\xff"), 0);
        CC_CHECK_INT(MC(t, "0"), 0);
        arena_free(&a);
    }

    /* later duplicates win, for both kinds; counts are of distinct ones */
    {
        static const cc_rule_t  r[] = {
            E("x", 1), P("p", 1), E("x", 2), P("p", 2), P("q", 5), E("y", 9),
            P("p", 3), E("x", 3), P("pp", 4), E("y", 8), P("pp", 6)
        };

        arena_init(&a, -1);
        t = cc_rules_build(r, N(r), arena_alloc, &a);
        CC_CHECK(t != NULL);
        CC_CHECK_INT(cc_rules_count(t, CC_RULE_EXACT), 2);
        CC_CHECK_INT(cc_rules_count(t, CC_RULE_PREFIX), 3);
        CC_CHECK_INT(MC(t, "x"), 2003);
        CC_CHECK_INT(MC(t, "y"), 2008);
        CC_CHECK_INT(MC(t, "p"), 1003);
        CC_CHECK_INT(MC(t, "pz"), 1003);
        CC_CHECK_INT(MC(t, "pp"), 1006);
        CC_CHECK_INT(MC(t, "ppp"), 1006);
        CC_CHECK_INT(MC(t, "q"), 1005);
        CC_CHECK_INT(MC(t, "xx"), 0);
        arena_free(&a);
    }

    /* the empty prefix matches everything, as the least specific rule */
    {
        static const cc_rule_t  r[] = {
            P("", 7), P("_ga", 2), E("sid", 0), P("", 9)
        };

        arena_init(&a, -1);
        t = cc_rules_build(r, N(r), arena_alloc, &a);
        CC_CHECK(t != NULL);
        CC_CHECK_INT(cc_rules_count(t, CC_RULE_PREFIX), 2);
        CC_CHECK_INT(MC(t, ""), 1009);
        CC_CHECK_INT(MC(t, "anything"), 1009);
        CC_CHECK_INT(MC(t, "\0"), 1009);
        CC_CHECK_INT(MC(t, "\xff\xff"), 1009);
        CC_CHECK_INT(MC(t, "_g"), 1009);
        CC_CHECK_INT(MC(t, "_ga"), 1002);
        CC_CHECK_INT(MC(t, "_gaX"), 1002);
        CC_CHECK_INT(MC(t, "sid"), 2000);
        CC_CHECK_INT(MC(t, "sidx"), 1009);
        arena_free(&a);
    }

    /* bytes compare unsigned; NUL is an ordinary byte */
    {
        static const cc_rule_t  r[] = {
            P("a\0", 1), P("a", 2), P("a\xff", 3), P("a\x7f", 4),
            P("\xff", 5), E("a\0b", 6), P("\x80", 7)
        };

        arena_init(&a, -1);
        t = cc_rules_build(r, N(r), arena_alloc, &a);
        CC_CHECK(t != NULL);
        CC_CHECK_INT(MC(t, "a\0"), 1001);
        CC_CHECK_INT(MC(t, "a\0b"), 2006);
        CC_CHECK_INT(MC(t, "a\0c"), 1001);
        CC_CHECK_INT(MC(t, "a"), 1002);
        CC_CHECK_INT(MC(t, "a\x01"), 1002);
        CC_CHECK_INT(MC(t, "a\x80"), 1002);
        CC_CHECK_INT(MC(t, "a\xff\xff"), 1003);
        CC_CHECK_INT(MC(t, "a\x7f"), 1004);
        CC_CHECK_INT(MC(t, "\xff"), 1005);
        CC_CHECK_INT(MC(t, "\xfe"), 0);
        CC_CHECK_INT(MC(t, "\x80\x80"), 1007);
        CC_CHECK_INT(MC(t, "\x7f"), 0);
        arena_free(&a);
    }
}


static void
test_alloc_failure(void)
{
    long         k;
    size_t       calls;
    arena_t      a;
    cc_rules_t  *t;
    static const cc_rule_t  both[] = { E("a", 1), P("b", 2), P("c", 3) };
    static const cc_rule_t  exact[] = { E("a", 1), E("b", 2) };

    /* how many allocations a build needs */
    arena_init(&a, 1000);
    t = cc_rules_build(both, N(both), arena_alloc, &a);
    CC_CHECK(t != NULL);
    calls = a.calls;
    CC_CHECK(calls >= 2);
    arena_free(&a);

    for (k = 0; k < (long) calls; k++) {
        arena_init(&a, k);
        t = cc_rules_build(both, N(both), arena_alloc, &a);
        CC_CHECK(t == NULL);
        arena_free(&a);
    }

    arena_init(&a, 1000);
    t = cc_rules_build(exact, N(exact), arena_alloc, &a);
    CC_CHECK(t != NULL);
    calls = a.calls;
    arena_free(&a);

    for (k = 0; k < (long) calls; k++) {
        arena_init(&a, k);
        CC_CHECK(cc_rules_build(exact, N(exact), arena_alloc, &a) == NULL);
        arena_free(&a);
    }

    arena_init(&a, 0);
    CC_CHECK(cc_rules_build(NULL, 0, arena_alloc, &a) == NULL);
    arena_free(&a);
}


/* random tables, cross-checked against the reference */

#define POOL_SIZE  (1 << 20)

static unsigned char  pool[POOL_SIZE];
static size_t         pool_used;
static unsigned long  rnd_state = 1;


static unsigned
rnd(void)
{
    /* xorshift: the same sequence everywhere */
    rnd_state ^= rnd_state << 13;
    rnd_state ^= rnd_state >> 7;
    rnd_state ^= rnd_state << 17;

    return (unsigned) (rnd_state >> 11);
}


static const unsigned char *
rnd_string(size_t len, const char *alphabet, size_t alen)
{
    size_t          i;
    unsigned char  *p;

    if (pool_used + len > POOL_SIZE) {
        pool_used = 0;                      /* only used per round */
    }

    p = pool + pool_used;
    pool_used += len;

    for (i = 0; i < len; i++) {
        p[i] = (unsigned char) alphabet[rnd() % alen];
    }

    return p;
}


static unsigned
cross_check(const cc_rules_t *t, const cc_rule_t *r, size_t n,
    const unsigned char *name, size_t len)
{
    int  m1, m2, c1, c2;

    c1 = -100;
    c2 = -100;
    m1 = cc_rules_match(t, name, len, &c1);
    m2 = ref_match(r, n, name, len, &c2);

    if (m1 != m2 || (m1 != CC_MATCH_NONE && c1 != c2)) {
        fprintf(stderr, "mismatch for \"%.*s\" (%zu): %d/%d, expected "
                "%d/%d\n", (int) len, (const char *) name, len, m1, c1,
                m2, c2);
        return 1;
    }

    return 0;
}


static void
test_random(void)
{
    int                   kinds;
    size_t                round, n, i, j, k, len, nq, alen, budget;
    unsigned              bad;
    arena_t               a;
    cc_rule_t            *r;
    cc_rules_t           *t;
    const char           *alphabet;
    unsigned char         q[16];
    const unsigned char  *s;
    static const size_t   sizes[] = {
        1, 2, 3, 5, 8, 16, 50, 100, 500, 1000, 2000, 5000
    };

    bad = 0;
    nq = 0;

    for (round = 0; round < 3 * N(sizes); round++) {
        n = sizes[round % N(sizes)];
        kinds = (int) (round / N(sizes));   /* 0 mixed, 1 prefix, 2 exact */

        /* small alphabets give deep nesting and many duplicates */
        if (round % 2) {
            alphabet = "ab";
            alen = 2;
        } else {
            alphabet = "abc\0\xff_";
            alen = 6;
        }

        r = malloc(n * sizeof(cc_rule_t));
        CC_CHECK(r != NULL);
        pool_used = 0;

        for (i = 0; i < n; i++) {
            len = rnd() % (n > 1000 ? 12 : 7);
            if (rnd() % 50 == 0) {
                len = 0;
            }
            r[i].pattern = rnd_string(len, alphabet, alen);
            r[i].len = len;
            r[i].kind = kinds == 1 ? CC_RULE_PREFIX
                      : kinds == 2 ? CC_RULE_EXACT
                      : (rnd() % 2 ? CC_RULE_PREFIX : CC_RULE_EXACT);
            r[i].category = (int) (rnd() % 8);

            /* some exact copies of earlier rules, with other categories */
            if (i && rnd() % 5 == 0) {
                j = rnd() % i;
                r[i].pattern = r[j].pattern;
                r[i].len = r[j].len;
                if (rnd() % 2) {
                    r[i].kind = r[j].kind;
                }
            }
        }

        arena_init(&a, -1);
        t = cc_rules_build(r, n, arena_alloc, &a);
        CC_CHECK(t != NULL);

        if (t == NULL) {
            free(r);
            continue;
        }

        CC_CHECK_INT(cc_rules_count(t, CC_RULE_EXACT),
                     ref_count(r, n, CC_RULE_EXACT));
        CC_CHECK_INT(cc_rules_count(t, CC_RULE_PREFIX),
                     ref_count(r, n, CC_RULE_PREFIX));

        /* the linear reference is slow: fewer names for big tables */
        budget = n > 1000 ? 300 : 2000;

        /* every pattern, and each one with bytes around it */
        for (i = 0; i < n && i < budget; i++) {
            bad += cross_check(t, r, n, r[i].pattern, r[i].len);
            nq++;

            if (r[i].len > 0) {
                bad += cross_check(t, r, n, r[i].pattern, r[i].len - 1);
                nq++;
            }

            if (r[i].len + 2 <= sizeof(q)) {
                memcpy(q, r[i].pattern, r[i].len);
                for (k = 0; k < alen; k++) {
                    q[r[i].len] = (unsigned char) alphabet[k];
                    q[r[i].len + 1] = (unsigned char) alphabet[rnd() % alen];
                    bad += cross_check(t, r, n, q, r[i].len + 1);
                    bad += cross_check(t, r, n, q, r[i].len + 2);
                    nq += 2;
                }
            }
        }

        /* random names */
        for (i = 0; i < budget; i++) {
            len = rnd() % sizeof(q);
            s = rnd_string(len, alphabet, alen);
            memcpy(q, s, len);
            bad += cross_check(t, r, n, q, len);
            nq++;
        }

        /* every name over the alphabet up to 5 bytes (up to 4 for 6) */
        for (len = 0; len <= (size_t) (alen == 2 ? 8 : 4) - (n > 1000); len++) {
            size_t  total = 1, x, v;

            for (k = 0; k < len; k++) {
                total *= alen;
            }

            for (x = 0; x < total; x++) {
                v = x;
                for (k = 0; k < len; k++) {
                    q[k] = (unsigned char) alphabet[v % alen];
                    v /= alen;
                }
                bad += cross_check(t, r, n, q, len);
                nq++;
            }
        }

        arena_free(&a);
        free(r);
    }

    CC_CHECK_INT(bad, 0);
    CC_CHECK(nq > 50000);
}


/* a real catalog's worth: many exact names and prefixes */
static void
test_large(void)
{
    size_t        i, n, found, none;
    arena_t       a;
    cc_rule_t    *r;
    cc_rules_t   *t;
    int           c;

    static char   names[20000][16];

    n = 20000;
    r = malloc(n * sizeof(cc_rule_t));
    if (r == NULL) {
        abort();
    }

    for (i = 0; i < n; i++) {
        sprintf(names[i], "%s%zu", i % 3 ? "_ck" : "_px", i);
        r[i].pattern = (unsigned char *) names[i];
        r[i].len = strlen(names[i]);
        r[i].kind = i % 3 ? CC_RULE_EXACT : CC_RULE_PREFIX;
        r[i].category = (int) (i % 31);
    }

    arena_init(&a, -1);
    t = cc_rules_build(r, n, arena_alloc, &a);
    CC_CHECK(t != NULL);

    /*
     * the rules array itself may go once the table is built: only the
     * patterns are referenced
     */
    memset(r, 0xa5, n * sizeof(cc_rule_t));
    free(r);

    found = 0;
    none = 0;

    for (i = 0; i < n; i++) {
        char  buf[40];
        int   m;

        sprintf(buf, "%s%zu", i % 3 ? "_ck" : "_px", i);
        c = -1;
        m = cc_rules_match(t, (unsigned char *) buf, strlen(buf), &c);

        if (m == (i % 3 ? CC_MATCH_EXACT : CC_MATCH_PREFIX)
            && c == (int) (i % 31))
        {
            found++;
        }

        /* a longer exact name is no match; under a prefix, the prefix */
        strcat(buf, "z");
        m = cc_rules_match(t, (unsigned char *) buf, strlen(buf), &c);

        if (i % 3 == 0 ? (m == CC_MATCH_PREFIX && c == (int) (i % 31))
                       : m == CC_MATCH_NONE)
        {
            none++;
        }
    }

    CC_CHECK_INT(found, n);
    CC_CHECK_INT(none, n);
    CC_CHECK_INT(cc_rules_count(t, CC_RULE_EXACT), n - (n + 2) / 3);
    CC_CHECK_INT(cc_rules_count(t, CC_RULE_PREFIX), (n + 2) / 3);

    arena_free(&a);
}


int
main(int argc, char **argv)
{
    (void) argc;

    test_hash();
    test_basic();
    test_alloc_failure();
    test_random();
    test_large();

    return cc_test_done(argv[0]);
}
