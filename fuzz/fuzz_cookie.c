/*
 * libFuzzer target: Cookie and Set-Cookie header parsing
 * (src/cc_cookie.c), each function cross-checked against a plain
 * reference written from its header's contract.
 *
 * The input is the header value itself; libFuzzer hands it over in a
 * buffer of exactly its size, so AddressSanitizer sees any overread.
 */

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

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


/*
 * The deletion rule, written from cc_cookie.h with the C library: each
 * attribute is copied NUL-terminated; numbers go through strtoll();
 * dates through sscanf() and timegm().  A deletion when RFC 6265bis's,
 * Chromium's and Gecko's readings (with and without attributes over 1024
 * bytes) all expire the cookie.
 */

#define REF_NOW   1700000000LL       /* 2023-11-14 */

#define MA_NONE   0
#define MA_LIVE   1
#define MA_GONE   2


static int
ref_rfc(const char *v)
{
    size_t  i, n;

    n = strlen(v);

    if (n == 0 || n > 1024 || (v[0] == '-' && n == 1)) {
        return MA_NONE;
    }

    for (i = (v[0] == '-'); i < n; i++) {
        if (v[i] < '0' || v[i] > '9') {
            return MA_NONE;
        }
    }

    return (v[0] == '-' || strspn(v, "0") == n) ? MA_GONE : MA_LIVE;
}


static int
ref_chromium(const char *v)
{
    char       *e;
    long long   x;

    if (v[0] == '\0' || !(v[0] == '-' || v[0] == '+'
                          || (v[0] >= '0' && v[0] <= '9')
                          || strchr(" \t\n\v\f\r", v[0]) != NULL))
    {
        return MA_NONE;
    }

    errno = 0;
    x = strtoll(v, &e, 10);

    if (e == v) {
        return MA_NONE;                      /* no digit */
    }

    if (errno == ERANGE || x == LLONG_MIN || x == LLONG_MAX) {
        return x < 0 ? MA_GONE : MA_LIVE;    /* saturated: kept */
    }

    if (*e != '\0' || strchr(" \t\n\v\f\r", v[0]) != NULL) {
        return MA_NONE;                      /* not a perfect number */
    }

    return x <= 0 ? MA_GONE : MA_LIVE;
}


static int
ref_gecko(const char *v)
{
    long long  x;

    if (v[0] == '\0') {
        return MA_NONE;
    }

    if (sscanf(v, "%lld", &x) != 1) {
        return MA_LIVE;
    }

    return x <= 0 ? MA_GONE : MA_LIVE;
}


/* 1: an unambiguous date a day or more before REF_NOW */
static int
ref_past(const char *v)
{
    int          i, n, day, mon, year, hh, mm, ss, k;
    char         buf[1100], *tok, *save, tail;
    struct tm    tm;
    long long    t;

    static const char  *months[] = { "jan", "feb", "mar", "apr", "may",
        "jun", "jul", "aug", "sep", "oct", "nov", "dec" };
    static const int    mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
        30, 31 };

    if (strlen(v) >= sizeof(buf)) {
        return 0;
    }

    strcpy(buf, v);
    day = mon = year = hh = -1;
    mm = ss = 0;

    for (tok = strtok_r(buf, " \t,-", &save); tok != NULL;
         tok = strtok_r(NULL, " \t,-", &save))
    {
        n = (int) strlen(tok);

        if ((tok[0] | 0x20) >= 'a' && (tok[0] | 0x20) <= 'z') {
            for (i = 0; i < n; i++) {
                if (!((tok[i] >= 'a' && tok[i] <= 'z')
                      || (tok[i] >= 'A' && tok[i] <= 'Z')))
                {
                    return 0;
                }
            }

            for (i = 0; mon < 0 && n >= 3 && i < 12; i++) {
                if (strncasecmp(tok, months[i], 3) == 0) {
                    mon = i;
                }
            }

            continue;
        }

        if (strchr(tok, ':') != NULL) {
            if (hh >= 0 || strspn(tok, "0123456789:") != (size_t) n) {
                return 0;
            }

            k = 0;

            if (sscanf(tok, "%2d:%2d:%2d%n", &hh, &mm, &ss, &k) != 3
                || k != n || strstr(tok, "::") != NULL)
            {
                return 0;
            }

            /* 1 or 2 digits each: "H:M:S" is 5 to 8 bytes */
            if (n < 5 || n > 8 || sscanf(tok, "%*[0-9]:%*[0-9]:%*[0-9]%c",
                                         &tail) == 1)
            {
                return 0;
            }

            {
                const char  *c1, *c2;

                c1 = strchr(tok, ':');
                c2 = strchr(c1 + 1, ':');

                if (c1 - tok > 2 || c2 - c1 - 1 > 2 || tok + n - c2 - 1 > 2
                    || c1 == tok || c2 == c1 + 1 || c2 + 1 == tok + n)
                {
                    return 0;
                }
            }

            continue;
        }

        if (strspn(tok, "0123456789") != (size_t) n) {
            return 0;
        }

        if (day < 0 && n <= 2) {
            day = atoi(tok);

        } else if (year < 0 && (n == 2 || n == 4)) {
            year = atoi(tok);
            year = (n == 4) ? year : (year >= 70 ? 1900 + year : 2000 + year);

        } else {
            return 0;
        }
    }

    if (day < 1 || mon < 0 || year < 1601 || hh < 0 || hh > 23 || mm > 59
        || ss > 59 || day > mdays[mon]
        || (mon == 1 && day == 29
            && !((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)))
    {
        return 0;
    }

    memset(&tm, 0, sizeof(tm));
    tm.tm_year = year - 1900;
    tm.tm_mon = mon;
    tm.tm_mday = day;
    tm.tm_hour = hh;
    tm.tm_min = mm;
    tm.tm_sec = ss;
    t = (long long) timegm(&tm);

    return t <= REF_NOW - 86400;
}


#define gone(ma, e)  ((ma) == MA_GONE || ((ma) == MA_NONE && (e)))

static int
ref_is_deletion(const uint8_t *data, size_t size)
{
    int            rfc, chr, chr_l, gk, gk_l, ex, ex_l, r;
    size_t         i;
    char          *v;
    const uint8_t *a, *ae, *end, *semi, *eq, *ne;

    for (i = 0; i < size; i++) {
        if ((data[i] < 0x20 && data[i] != '\t') || data[i] == 0x7f) {
            return 0;
        }
    }

    end = data + size;
    rfc = chr = chr_l = gk = gk_l = MA_NONE;
    ex = ex_l = 0;

    semi = memchr(data, ';', size);

    while (semi != NULL) {
        a = semi + 1;
        semi = memchr(a, ';', end - a);
        ae = semi ? semi : end;

        eq = memchr(a, '=', ae - a);
        ne = eq ? eq : ae;
        trim(&a, &ne);

        if (ne - a != 7) {
            continue;
        }

        if (eq == NULL) {
            eq = ae;
        } else {
            eq++;
        }

        trim(&eq, &ae);

        v = malloc(ae - eq + 1);
        if (v == NULL) {
            abort();
        }

        memcpy(v, eq, ae - eq);
        v[ae - eq] = '\0';

        if (strncasecmp((const char *) a, "max-age", 7) == 0) {
            r = ref_rfc(v);
            rfc = (r != MA_NONE) ? r : rfc;
            chr = ref_chromium(v);
            gk = ref_gecko(v);


            if (ae - eq <= 1024) {
                chr_l = chr;
                gk_l = gk;
            }

        } else if (strncasecmp((const char *) a, "expires", 7) == 0) {
            ex = ref_past(v);

            if (ae - eq <= 1024) {
                ex_l = ex;
            }
        }

        free(v);
    }

    r = gone(rfc, ex_l) + gone(chr, ex) + gone(chr_l, ex_l) + gone(gk, ex)
        + gone(gk_l, ex_l);

    return r == 5 ? CC_DELETION_ALL : r ? CC_DELETION_SOME : CC_DELETION_NONE;
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
    int                   del;
    unsigned char        *line;
    const unsigned char  *pos, *end;
    cc_cookie_pair_t      pair;

    check_pairs(data, size);
    check_set_cookie_name(data, size);

    del = cc_set_cookie_deletion_at(data, size, REF_NOW);

    if (del != ref_is_deletion(data, size)) {
        abort();
    }

    /* again, maybe from the memo of attributes: the same answer */

    if (cc_set_cookie_deletion_at(data, size, REF_NOW) != del) {
        abort();
    }

    /* what the header filter does to a line only some readings delete */

    if (del == CC_DELETION_SOME) {
        line = malloc(size + sizeof("; Max-Age=0") - 1);
        if (line == NULL) {
            abort();
        }

        memcpy(line, data, size);
        memcpy(line + size, "; Max-Age=0", sizeof("; Max-Age=0") - 1);

        if (cc_set_cookie_deletion_at(line, size + sizeof("; Max-Age=0") - 1,
                                      REF_NOW)
            != CC_DELETION_ALL)
        {
            abort();
        }

        free(line);
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
