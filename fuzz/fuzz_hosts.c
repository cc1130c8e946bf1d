/*
 * libFuzzer target: tracker URL classification (src/cc_hosts.c), cross-
 * checked against a brute-force reference written from cc_hosts.h.
 *
 *   make build/fuzz/fuzz_hosts
 *   build/fuzz/fuzz_hosts -max_total_time=60 fuzz/corpus/fuzz_hosts
 *
 * The input describes a rule table and some queries:
 *
 *   byte 0      flags: bit 0 maps host and URL bytes onto "aB.-:/@?" and
 *               path bytes onto "/ab" (deep suffix chains, many equal
 *               hosts and paths); bit 1 makes the allocator fail at the
 *               call numbered by bits 2-4
 *   byte 1      number of rules (low 6 bits)
 *   per rule    a header byte (bits 0-4 host length, bits 5-7 category),
 *               a byte with the path length (low 4 bits; 0: none), the
 *               host bytes, the path bytes
 *   the rest    queries: a length byte (low 7 bits) and the bytes, each
 *               tried as a URL, as a host (with the path "/" and with
 *               its own bytes as the path) and as a "HOST[/PATH]" rule
 *
 * Checks: cc_hosts_match() and cc_hosts_match_url() agree with the
 * reference (most specific host, then on one host the longest path
 * prefix; a later rule for the same host and path replaces an earlier
 * one; hosts compared case-insensitively, trailing dots ignored; URLs
 * read by cc_url_parse(), which fuzz_url checks against the URL
 * standard, their paths also with unreserved characters decoded);
 * cc_hosts_count() counts distinct hosts; a failed allocation gives
 * NULL; and a rule that cc_hosts_rule_valid() accepts, alone in a table,
 * matches "https://RULE" and "//RULE" with its host in upper case (a
 * rule whose path the browser would rewrite is refused).
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cc_hosts.h"
#include "cc_url.h"


#define MAX_RULES  64


typedef struct {
    void    **blocks;
    size_t    n;
    size_t    cap;
    long      fail_at;
    size_t    calls;
} arena_t;


static void *
arena_alloc(void *pool, size_t size)
{
    void     *p, **b;
    arena_t  *a = pool;

    if (a->fail_at >= 0 && (long) a->calls++ == a->fail_at) {
        return NULL;
    }

    if (a->n == a->cap) {
        a->cap = a->cap ? 2 * a->cap : 16;
        b = realloc(a->blocks, a->cap * sizeof(void *));
        if (b == NULL) {
            abort();
        }
        a->blocks = b;
    }

    p = malloc(size ? size : 1);
    if (p == NULL) {
        abort();
    }

    memset(p, 0xa5, size);              /* a pool gives garbage */
    a->blocks[a->n++] = p;

    return p;
}


static void
arena_free(arena_t *a)
{
    while (a->n) {
        free(a->blocks[--a->n]);
    }

    free(a->blocks);
}


/*
 * The reference is quadratic: kept out of the coverage instrumentation,
 * it does not steer the fuzzer.
 */
#define REF  __attribute__((no_sanitize("coverage"), noinline))


REF static unsigned char
ref_lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char) (c + 32) : c;
}


REF static int
ref_ieq(const unsigned char *a, const unsigned char *b, size_t n)
{
    size_t  i;

    for (i = 0; i < n; i++) {
        if (ref_lower(a[i]) != ref_lower(b[i])) {
            return 0;
        }
    }

    return 1;
}


REF static int
ref_eq(const unsigned char *a, const unsigned char *b, size_t n)
{
    size_t  i;

    for (i = 0; i < n; i++) {
        if (a[i] != b[i]) {
            return 0;
        }
    }

    return 1;
}


REF static size_t
ref_host_len(const cc_host_rule_t *r)
{
    return r->host_len > CC_HOST_MAX ? CC_HOST_MAX : r->host_len;
}


/* the category for one host (no suffixes), or -2 when no rule decides */
REF static int
ref_host(const cc_host_rule_t *r, size_t n, const unsigned char *h,
    size_t hlen, const unsigned char *path, size_t plen)
{
    int     cat;
    long    best;
    size_t  i, j;

    best = -1;

    for (i = 0; i < n; i++) {
        if (r[i].path_len == 0 || ref_host_len(&r[i]) != hlen
            || !ref_ieq(r[i].host, h, hlen) || r[i].path_len > plen
            || !ref_eq(r[i].path, path, r[i].path_len))
        {
            continue;
        }

        if (best < 0 || r[i].path_len >= r[best].path_len) {
            best = (long) i;         /* the later one of equal paths */
        }
    }

    if (best >= 0) {
        return r[best].category;
    }

    cat = -2;

    for (j = 0; j < n; j++) {
        if (r[j].path_len == 0 && ref_host_len(&r[j]) == hlen
            && ref_ieq(r[j].host, h, hlen))
        {
            cat = r[j].category;
        }
    }

    return cat;
}


REF static int
ref_match(const cc_host_rule_t *r, size_t n, const unsigned char *host,
    size_t hlen, const unsigned char *path, size_t plen)
{
    int     cat;
    size_t  i;

    if (n == 0) {
        return -1;
    }

    while (hlen && host[hlen - 1] == '.') {
        hlen--;
    }

    if (hlen == 0 || hlen > CC_HOST_MAX) {
        return -1;
    }

    /* the host, then what follows each of its dots */

    for (i = 0; i < hlen; i++) {
        if (i > 0 && host[i - 1] != '.') {
            continue;
        }

        cat = ref_host(r, n, host + i, hlen - i, path, plen);

        if (cat != -2) {
            return cat;
        }
    }

    return -1;
}


/*
 * A URL: parsed by cc_url_parse() (checked against the URL standard by
 * fuzz_url), then matched by the reference, with the path as sent and
 * with its percent-encoded unreserved characters decoded
 */
REF static int
ref_match_url(const cc_host_rule_t *r, size_t n, const unsigned char *q,
    size_t len)
{
    int            cat, hi, lo;
    size_t         i, k;
    cc_url_t       u;
    unsigned char  dec[CC_URL_PATH_MAX], c;

    static const char  hex[] = "0123456789abcdef";

    if (cc_url_parse(q, len, NULL, &u) != CC_URL_OK || u.host_len == 0) {
        return -1;
    }

    if (u.path_len == 0) {
        u.path[0] = '/';
        u.path_len = 1;
    }

    cat = ref_match(r, n, u.host, u.host_len, u.path, u.path_len);

    if (cat >= 0) {
        return cat;
    }

    k = 0;

    for (i = 0; i < u.path_len; i++) {
        if (u.path[i] == '%' && i + 2 < u.path_len
            && strchr(hex, ref_lower(u.path[i + 1])) != NULL
            && strchr(hex, ref_lower(u.path[i + 2])) != NULL
            && u.path[i + 1] && u.path[i + 2])
        {
            hi = (int) (strchr(hex, ref_lower(u.path[i + 1])) - hex);
            lo = (int) (strchr(hex, ref_lower(u.path[i + 2])) - hex);
            c = (unsigned char) (hi * 16 + lo);

            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9') || strchr("-._~", c) != NULL)
            {
                if (c != 0) {
                    dec[k++] = c;
                    i += 2;
                    continue;
                }
            }
        }

        dec[k++] = u.path[i];
    }

    return ref_match(r, n, u.host, u.host_len, dec, k);
}


REF static size_t
ref_count(const cc_host_rule_t *r, size_t n)
{
    size_t  i, j, c;

    c = 0;

    for (i = 0; i < n; i++) {
        for (j = i + 1; j < n; j++) {
            if (ref_host_len(&r[j]) == ref_host_len(&r[i])
                && ref_ieq(r[j].host, r[i].host, ref_host_len(&r[i])))
            {
                break;
            }
        }

        c += (j == n);
    }

    return c;
}


static void
check(const cc_hosts_t *t, const cc_host_rule_t *r, size_t n,
    const unsigned char *q, size_t len)
{
    size_t  i;

    if (cc_hosts_match_url(t, q, len) != ref_match_url(r, n, q, len)) {
        abort();
    }

    if (cc_hosts_match(t, q, len, (const unsigned char *) "/", 1)
        != ref_match(r, n, q, len, (const unsigned char *) "/", 1))
    {
        abort();
    }

    if (cc_hosts_match(t, q, len, q, len) != ref_match(r, n, q, len, q, len))
    {
        abort();
    }

    /* the query as "HOST/PATH": its host part against its path part */

    for (i = 0; i < len && q[i] != '/'; i++) {
        /* void */
    }

    if (cc_hosts_match(t, q, i, q + i, len - i)
        != ref_match(r, n, q, i, q + i, len - i))
    {
        abort();
    }
}


/* a rule cc_hosts_rule_valid() accepts matches the URL it spells */
static void
check_valid_rule(const unsigned char *p, size_t len, int category)
{
    size_t           i, hlen;
    arena_t          a;
    cc_hosts_t      *t;
    unsigned char   *url;
    cc_host_rule_t   rule;

    if (!cc_hosts_rule_valid(p, len)) {
        return;
    }

    for (hlen = 0; hlen < len && p[hlen] != '/'; hlen++) {
        /* void */
    }

    if (hlen == 0 || hlen > CC_HOST_MAX) {
        abort();                            /* accepted a bad host */
    }

    for (i = hlen; i < len; i++) {
        if (p[i] <= 0x20 || p[i] >= 0x7f) {
            abort();                        /* accepted a bad path byte */
        }

        if (strchr("?#\\\"<>^`{}", p[i]) != NULL) {
            abort();                        /* can never match a URL */
        }
    }

    memset(&a, 0, sizeof(a));
    a.fail_at = -1;

    rule.host = p;
    rule.host_len = hlen;
    rule.path = hlen < len ? p + hlen : NULL;
    rule.path_len = len - hlen;
    rule.category = category;

    t = cc_hosts_build(&rule, 1, arena_alloc, &a);
    if (t == NULL) {
        abort();
    }

    url = malloc(len + 8);
    if (url == NULL) {
        abort();
    }

    memcpy(url, "HTTPS://", 8);

    for (i = 0; i < len; i++) {
        url[8 + i] = (i < hlen && p[i] >= 'a' && p[i] <= 'z')
                     ? (unsigned char) (p[i] - 32) : p[i];
    }

    if (cc_hosts_match_url(t, url, len + 8) != category
        || cc_hosts_match_url(t, url + 6, len + 2) != category)
    {
        abort();
    }

    free(url);
    arena_free(&a);
}


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int              small;
    size_t           i, n, nr, hlen, plen, pos, len;
    arena_t          a;
    cc_hosts_t      *t;
    unsigned char   *copy, q[300];
    cc_host_rule_t   rules[MAX_RULES];

    static const unsigned char  halpha[] = "aB.-:/@?";
    static const unsigned char  palpha[] = "/ab";

    if (size < 2) {
        return 0;
    }

    small = data[0] & 1;

    memset(&a, 0, sizeof(arena_t));
    a.fail_at = (data[0] & 2) ? (long) ((data[0] >> 2) & 7) : -1;

    /* hosts and paths point into this copy, which outlives the table */

    copy = malloc(size);
    if (copy == NULL) {
        abort();
    }

    memcpy(copy, data, size);

    nr = data[1] & (MAX_RULES - 1);
    pos = 2;
    n = 0;

    while (n < nr && pos + 2 <= size) {
        hlen = data[pos] & 0x1f;
        plen = data[pos + 1] & 0x0f;

        if (pos + 2 + hlen + plen > size) {
            break;
        }

        if (small) {
            for (i = 0; i < hlen; i++) {
                copy[pos + 2 + i] = halpha[data[pos + 2 + i] % 8];
            }

            for (i = 0; i < plen; i++) {
                copy[pos + 2 + hlen + i] = palpha[data[pos + 2 + hlen + i]
                                                  % 3];
            }
        }

        rules[n].host = copy + pos + 2;
        rules[n].host_len = hlen;
        rules[n].path = plen ? copy + pos + 2 + hlen : NULL;
        rules[n].path_len = plen;
        rules[n].category = data[pos] >> 5;
        n++;
        pos += 2 + hlen + plen;
    }

    t = cc_hosts_build(rules, n, arena_alloc, &a);

    if (t == NULL) {
        if (a.fail_at < 0) {
            abort();                        /* failed without a failure */
        }

        goto done;
    }

    if (a.fail_at >= 0 && a.fail_at < (long) a.calls) {
        abort();                            /* ignored a failed allocation */
    }

    if (cc_hosts_count(t) != ref_count(rules, n)) {
        abort();
    }

    /* the queries of the input */

    while (pos < size) {
        len = data[pos] & 0x7f;
        pos++;

        if (len > size - pos) {
            len = size - pos;
        }

        if (small) {
            for (i = 0; i < len; i++) {
                copy[pos + i] = halpha[data[pos + i] % 8];
            }
        }

        check(t, rules, n, copy + pos, len);
        check_valid_rule(copy + pos, len, (int) (len & 7));
        pos += len;
    }

    /* every rule as a URL, with a subdomain, a port, a userinfo */

    for (i = 0; i < n; i++) {
        len = 0;
        memcpy(q, "https://u@x.", 12);
        len = 12;
        memcpy(q + len, rules[i].host, rules[i].host_len);
        len += rules[i].host_len;
        memcpy(q + len, ":8080", 5);
        len += 5;
        memcpy(q + len, rules[i].path ? rules[i].path : q, rules[i].path_len);
        len += rules[i].path_len;

        check(t, rules, n, q, len);
        check(t, rules, n, q + 10, len - 10);
        check(t, rules, n, rules[i].host, rules[i].host_len);
        check_valid_rule(rules[i].host, rules[i].host_len, 3);
    }

done:

    arena_free(&a);
    free(copy);

    return 0;
}
