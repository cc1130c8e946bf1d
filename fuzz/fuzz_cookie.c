/*
 * libFuzzer target: Cookie and Set-Cookie header parsing
 * (src/cc_cookie.c), each function cross-checked against a plain
 * reference written from its header's contract.
 *
 * The input is the header value itself; libFuzzer hands it over in a
 * buffer of exactly its size, so AddressSanitizer sees any overread.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cc_cookie.h"


#define ows(c)  ((c) == ' ' || (c) == '\t')


static void
trim(const uint8_t **p, const uint8_t **e)
{
    while (*p < *e && ows(**p)) {
        (*p)++;
    }

    while (*e > *p && ows((*e)[-1])) {
        (*e)--;
    }
}


/* ';'-separated, trimmed, empty ones skipped, split at the first '=' */
static void
check_pairs(const uint8_t *data, size_t size)
{
    const uint8_t     *pos, *end, *r, *re, *rs, *eq, *n, *ne, *v, *ve;
    cc_cookie_pair_t   pair;

    pos = data;
    end = data + size;
    r = data;

    for ( ;; ) {

        /* the reference's next non-empty pair */

        for ( ;; ) {
            if (r >= end) {
                rs = NULL;
                break;
            }

            rs = r;
            re = memchr(r, ';', end - r);
            if (re == NULL) {
                re = end;
            }

            r = re < end ? re + 1 : end;
            trim(&rs, &re);

            if (re > rs) {
                break;
            }
        }

        if (!cc_cookie_next(&pos, end, &pair)) {
            if (rs != NULL || pos != end) {
                abort();                /* a pair missed */
            }
            break;
        }

        if (rs == NULL) {
            abort();                    /* a pair made up */
        }

        if (pair.start != rs || pair.len != (size_t) (re - rs)
            || pos < pair.start + pair.len || pos > end)
        {
            abort();
        }

        eq = memchr(rs, '=', re - rs);

        if (eq == NULL) {
            n = rs;
            ne = rs;
            v = rs;
            ve = re;

        } else {
            n = rs;
            ne = eq;
            v = eq + 1;
            ve = re;
            trim(&n, &ne);
            trim(&v, &ve);
        }

        if (pair.name_len != (size_t) (ne - n)
            || (pair.name_len && pair.name != n)
            || pair.value_len != (size_t) (ve - v)
            || (pair.value_len && pair.value != v))
        {
            abort();
        }
    }

    /* at the end it stays there */
    if (cc_cookie_next(&pos, end, &pair) != 0 || pos != end) {
        abort();
    }
}


static void
check_set_cookie_name(const uint8_t *data, size_t size)
{
    size_t               len;
    const uint8_t       *e, *eq, *p;
    const unsigned char *name;

    cc_set_cookie_name(data, size, &name, &len);

    p = data;
    e = memchr(data, ';', size);
    if (e == NULL) {
        e = data + size;
    }

    eq = memchr(p, '=', e - p);

    if (eq == NULL) {
        if (len != 0) {
            abort();
        }
        return;
    }

    e = eq;
    trim(&p, &e);

    if (len != (size_t) (e - p) || (len && name != p)) {
        abort();
    }
}


static int
lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}


static int
ref_is_deletion(const uint8_t *data, size_t size)
{
    int            deletion, zero;
    size_t         i;
    const uint8_t *a, *ae, *end, *semi, *v;

    end = data + size;
    deletion = 0;

    semi = memchr(data, ';', size);

    while (semi != NULL) {
        a = semi + 1;
        semi = memchr(a, ';', end - a);
        ae = semi ? semi : end;
        trim(&a, &ae);

        if (ae - a < 7) {
            continue;
        }

        for (i = 0; i < 7; i++) {
            if (lower(a[i]) != "max-age"[i]) {
                break;
            }
        }

        if (i < 7) {
            continue;
        }

        v = a + 7;

        while (v < ae && ows(*v)) {
            v++;
        }

        if (v == ae || *v != '=') {
            continue;
        }

        v++;

        while (v < ae && ows(*v)) {
            v++;
        }

        /* well-formed: -?[0-9]+ */

        if (v < ae && *v == '-') {
            if (ae - v < 2) {
                continue;
            }

            for (i = 1; v + i < ae; i++) {
                if (v[i] < '0' || v[i] > '9') {
                    break;
                }
            }

            if (v + i == ae) {
                deletion = 1;
            }

            continue;
        }

        if (v == ae) {
            continue;
        }

        zero = 1;

        for (i = 0; v + i < ae; i++) {
            if (v[i] < '0' || v[i] > '9') {
                break;
            }

            if (v[i] != '0') {
                zero = 0;
            }
        }

        if (v + i == ae) {
            deletion = zero;
        }
    }

    return deletion;
}


static int
ref_name_valid(const uint8_t *p, size_t len)
{
    size_t  i;

    if (len == 0) {
        return 0;
    }

    for (i = 0; i < len; i++) {
        if (p[i] <= 0x20 || p[i] >= 0x7f || p[i] == '(' || p[i] == ')'
            || p[i] == '<' || p[i] == '>' || p[i] == '@' || p[i] == ','
            || p[i] == ';' || p[i] == ':' || p[i] == '\\' || p[i] == '"'
            || p[i] == '/' || p[i] == '[' || p[i] == ']' || p[i] == '?'
            || p[i] == '=' || p[i] == '{' || p[i] == '}')
        {
            return 0;
        }
    }

    return 1;
}


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const unsigned char  *pos, *end;
    cc_cookie_pair_t      pair;

    check_pairs(data, size);
    check_set_cookie_name(data, size);

    if (cc_set_cookie_is_deletion(data, size) != ref_is_deletion(data, size))
    {
        abort();
    }

    if (cc_cookie_name_valid(data, size) != ref_name_valid(data, size)) {
        abort();
    }

    /* every pair's name through the validity check, as the module does */
    pos = data;
    end = data + size;

    while (cc_cookie_next(&pos, end, &pair)) {
        if (cc_cookie_name_valid(pair.name, pair.name_len)
            != ref_name_valid(pair.name, pair.name_len))
        {
            abort();
        }
    }

    return 0;
}
