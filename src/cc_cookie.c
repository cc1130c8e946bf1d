/*
 * nginx-cookie-consent: Cookie and Set-Cookie header parsing.
 */

#include <string.h>
#include <strings.h>

#include "cc_cookie.h"


#define cc_is_ows(c)  ((c) == ' ' || (c) == '\t')


int
cc_cookie_next(const unsigned char **pos, const unsigned char *end,
    cc_cookie_pair_t *pair)
{
    const unsigned char  *p, *start, *last, *eq;

    p = *pos;

    for ( ;; ) {

        while (p < end && (cc_is_ows(*p) || *p == ';')) {
            p++;
        }

        if (p >= end) {
            *pos = end;
            return 0;
        }

        start = p;

        last = memchr(p, ';', end - p);
        if (last == NULL) {
            last = end;
        }

        p = last;

        while (last > start && cc_is_ows(last[-1])) {
            last--;
        }

        if (last > start) {
            break;
        }
    }

    *pos = p;

    pair->start = start;
    pair->len = last - start;

    eq = memchr(start, '=', last - start);

    if (eq == NULL) {
        pair->name = start;
        pair->name_len = 0;
        pair->value = start;
        pair->value_len = last - start;
        return 1;
    }

    pair->name = start;
    pair->name_len = eq - start;

    while (pair->name_len && cc_is_ows(start[pair->name_len - 1])) {
        pair->name_len--;
    }

    eq++;

    while (eq < last && cc_is_ows(*eq)) {
        eq++;
    }

    pair->value = eq;
    pair->value_len = last - eq;

    return 1;
}


void
cc_set_cookie_name(const unsigned char *p, size_t len,
    const unsigned char **name, size_t *name_len)
{
    const unsigned char  *end, *semi, *eq;

    end = p + len;

    semi = memchr(p, ';', len);
    if (semi != NULL) {
        end = semi;
    }

    while (p < end && cc_is_ows(*p)) {
        p++;
    }

    eq = memchr(p, '=', end - p);

    if (eq == NULL) {
        *name = p;
        *name_len = 0;
        return;
    }

    while (eq > p && cc_is_ows(eq[-1])) {
        eq--;
    }

    *name = p;
    *name_len = eq - p;
}


int
cc_set_cookie_is_deletion(const unsigned char *p, size_t len)
{
    int                   deletion, neg, zero;
    size_t                n;
    const unsigned char  *end, *semi, *a, *v;

    end = p + len;
    deletion = 0;

    /*
     * as browsers do: the last well-formed Max-Age counts, a malformed
     * one ("0x", "-abc") is ignored
     */

    semi = memchr(p, ';', len);

    while (semi != NULL) {
        a = semi + 1;

        while (a < end && cc_is_ows(*a)) {
            a++;
        }

        semi = memchr(a, ';', end - a);
        n = (semi ? semi : end) - a;

        while (n && cc_is_ows(a[n - 1])) {
            n--;
        }

        if (n <= 8 || strncasecmp((const char *) a, "max-age", 7) != 0) {
            continue;
        }

        v = a + 7;
        n -= 7;

        while (n && cc_is_ows(*v)) {
            v++;
            n--;
        }

        if (n == 0 || *v != '=') {
            continue;
        }

        v++;
        n--;

        while (n && cc_is_ows(*v)) {
            v++;
            n--;
        }

        neg = (n && *v == '-');

        if (neg) {
            v++;
            n--;
        }

        if (n == 0) {
            continue;
        }

        zero = 1;

        while (n) {
            if (*v < '0' || *v > '9') {
                break;
            }

            if (*v != '0') {
                zero = 0;
            }

            v++;
            n--;
        }

        if (n) {
            continue;               /* not a number: ignored */
        }

        deletion = neg || zero;
    }

    return deletion;
}


int
cc_cookie_name_valid(const unsigned char *p, size_t len)
{
    size_t         i;
    unsigned char  c;

    if (len == 0) {
        return 0;
    }

    for (i = 0; i < len; i++) {
        c = p[i];

        if (c <= 0x20 || c >= 0x7f) {
            return 0;
        }

        if (strchr("()<>@,;:\\\"/[]?={}", c) != NULL) {
            return 0;
        }
    }

    return 1;
}
