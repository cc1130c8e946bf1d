/*
 * nginx-cookie-consent: Cookie and Set-Cookie header parsing.
 */

#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "cc_cookie.h"
#include "cc_util.h"


#define cc_is_ows(c)  ((c) == ' ' || (c) == '\t')


static int cc_set_cookie_attrs_deletion(const unsigned char *p, size_t len,
    int64_t now, int *timed);


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


const unsigned char *
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
        return end;
    }

    while (eq > p && cc_is_ows(eq[-1])) {
        eq--;
    }

    *name = p;
    *name_len = eq - p;

    return end;
}


/*
 * Deletions.  A Set-Cookie line passes as a deletion only when every
 * reading of it that a browser may apply expires the cookie at once:
 *
 * - RFC 6265bis (5.6.2, 5.7): a Max-Age whose value is not "-"? DIGIT+,
 *   or is over 1024 bytes, is ignored; the last one left decides;
 *   without one, the last Expires date that parses;
 * - Chromium (ParsedCookie, CanonicalCookie::ParseExpiration): the last
 *   Max-Age attribute whatever its value, read as base::StringToInt64
 *   reads it ('+' accepted; an overflow saturates and counts; any other
 *   failure ignores the attribute and Expires decides), with and without
 *   the attributes over 1024 bytes; the last Expires attribute, a date
 *   that does not parse leaving a session cookie;
 * - Gecko's older reading: the last non-empty Max-Age read as
 *   sscanf("%lld") reads it ("0x" is 0), a value with no number leaving a
 *   session cookie.
 *
 * An Expires date counts only when it is unambiguous (cc_cookie_date())
 * and at least a day in the past.  A line with a control character other
 * than HTAB is never a deletion: RFC 6265bis ignores it whole, older
 * browsers cut it short.
 */

#define CC_COOKIE_ATTR_MAX  1024
#define CC_COOKIE_SKEW      86400

#define CC_MA_NONE  0               /* none, or ignored: Expires decides */
#define CC_MA_LIVE  1
#define CC_MA_GONE  2


/*
 * A control character other than HTAB in a Set-Cookie line, looked for
 * eight bytes at a time (the usual line has none): a word with a byte
 * below 0x20 or equal to 0x7f is read again byte by byte; the last word
 * of a line of 8 bytes or more overlaps the one before it
 */

#define cc_cookie_ctl_word(x)                                                 \
    (((((x) - 0x2020202020202020ULL) & ~(x))                                  \
      | ((((x) ^ 0x7f7f7f7f7f7f7f7fULL) - 0x0101010101010101ULL)              \
         & ~((x) ^ 0x7f7f7f7f7f7f7f7fULL)))                                   \
     & 0x8080808080808080ULL)

static int
cc_cookie_has_ctl(const unsigned char *p, size_t len)
{
    size_t    i;
    uint64_t  x;

    i = 0;

    for ( /* void */ ; i + 8 <= len; i += 8) {
        memcpy(&x, p + i, 8);

        if (cc_cookie_ctl_word(x)) {
            break;
        }
    }

    if (i + 8 > len && len >= 8) {
        memcpy(&x, p + len - 8, 8);

        if (!cc_cookie_ctl_word(x)) {
            return 0;
        }

        i = len - 8;
    }

    for ( /* void */ ; i < len; i++) {
        if ((p[i] < 0x20 && p[i] != '\t') || p[i] == 0x7f) {
            return 1;
        }
    }

    return 0;
}


/*
 * A Max-Age of 1 to 18 digits, not all zeros: a lifetime for RFC
 * 6265bis, Chromium and Gecko alike (no sign, no space, no overflow)
 */
static int
cc_max_age_plain(const unsigned char *v, size_t n)
{
    size_t  i;
    int     zero;

    if (n == 0 || n > 18) {
        return 0;
    }

    zero = 1;

    for (i = 0; i < n; i++) {
        if (v[i] < '0' || v[i] > '9') {
            return 0;
        }

        zero &= (v[i] == '0');
    }

    return !zero;
}


/* RFC 6265bis 5.6.2 */
static int
cc_max_age_rfc(const unsigned char *v, size_t n)
{
    size_t  i;
    int     zero;

    if (n == 0 || n > CC_COOKIE_ATTR_MAX) {
        return CC_MA_NONE;
    }

    i = (v[0] == '-');

    if (i == n) {
        return CC_MA_NONE;
    }

    zero = 1;

    for ( /* void */ ; i < n; i++) {
        if (v[i] < '0' || v[i] > '9') {
            return CC_MA_NONE;
        }

        if (v[i] != '0') {
            zero = 0;
        }
    }

    return (v[0] == '-' || zero) ? CC_MA_GONE : CC_MA_LIVE;
}


static int
cc_cookie_isspace(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}


/*
 * A decimal number read as strtoll() or base::StringToInt64 read it:
 * *perfect when nothing but the number is there; returns -1 when no
 * digit was read, else 0 with *neg, *zero and *value (its magnitude) set,
 * *over on overflow
 */
static int
cc_cookie_int(const unsigned char *v, size_t n, int *perfect, int *neg,
    int *zero, int *over, uint64_t *value)
{
    size_t    i, digits;
    uint64_t  x, lim;

    *perfect = 1;
    *neg = 0;
    *zero = 1;
    *over = 0;
    i = 0;

    while (i < n && cc_cookie_isspace(v[i])) {
        *perfect = 0;
        i++;
    }

    if (i < n && (v[i] == '-' || v[i] == '+')) {
        *neg = (v[i] == '-');
        i++;
    }

    lim = *neg ? (uint64_t) INT64_MAX + 1 : (uint64_t) INT64_MAX;
    x = 0;
    digits = 0;

    while (i < n && v[i] >= '0' && v[i] <= '9') {
        if (!*over) {
            if (x > (lim - (v[i] - '0')) / 10) {
                *over = 1;

            } else {
                x = x * 10 + (v[i] - '0');
            }
        }

        if (v[i] != '0') {
            *zero = 0;
        }

        digits++;
        i++;
    }

    if (digits == 0) {
        *perfect = 0;
        return -1;
    }

    if (i < n) {
        *perfect = 0;
    }

    *value = x;

    return 0;
}


/* Chromium: CanonicalCookie::ParseExpiration over base::StringToInt64 */
static int
cc_max_age_chromium(const unsigned char *v, size_t n)
{
    int       perfect, neg, zero, over;
    uint64_t  x;

    if (cc_cookie_int(v, n, &perfect, &neg, &zero, &over, &x) != 0) {
        return CC_MA_NONE;
    }

    if (over) {
        /* StringToInt64 stops at the overflow, saturated: it counts */
        return neg ? CC_MA_GONE : CC_MA_LIVE;
    }

    if (!perfect) {
        /* ignored, unless what was read is INT64_MIN or INT64_MAX */

        if (x == (neg ? (uint64_t) INT64_MAX + 1 : (uint64_t) INT64_MAX)) {
            return neg ? CC_MA_GONE : CC_MA_LIVE;
        }

        return CC_MA_NONE;
    }

    return (neg || zero) ? CC_MA_GONE : CC_MA_LIVE;
}


/* Gecko's older reading: sscanf("%lld"); no number: a session cookie */
static int
cc_max_age_gecko(const unsigned char *v, size_t n)
{
    int       perfect, neg, zero, over;
    uint64_t  x;

    if (n == 0) {
        return CC_MA_NONE;
    }

    if (cc_cookie_int(v, n, &perfect, &neg, &zero, &over, &x) != 0) {
        return CC_MA_LIVE;
    }

    return (neg || zero) ? CC_MA_GONE : CC_MA_LIVE;
}


static int
cc_cookie_days(int y, int m)
{
    static const int  days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
                                 30, 31 };

    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) {
        return 29;
    }

    return days[m - 1];
}


/*
 * An Expires date that RFC 6265bis's cookie-date algorithm (5.1.1),
 * Chromium's ParseCookieExpirationTime and Gecko's PR_ParseTimeString all
 * read the same way: tokens separated by spaces, tabs, ',' or '-' only;
 * alphabetic tokens (a month is the first whose first three letters name
 * one, the others are skipped), "H:M:S" with 1-2 digits each, a day of
 * 1-2 digits, then a year of 2 or 4 digits; nothing else.  0 and *t
 * (seconds since the epoch) set, or -1.
 */
static int
cc_cookie_date(const unsigned char *v, size_t n, int64_t *t)
{
    int             i, k, d, day, mon, year, hh, mm, ss, f[3];
    size_t          p, s, len;
    int64_t         y, era, yoe, doy, doe, days;
    unsigned char   c;

    static const char  months[] = "janfebmaraprmayjunjulaugsepoctnovdec";

    day = mon = year = hh = -1;
    mm = ss = 0;
    p = 0;

    for ( ;; ) {
        while (p < n && (v[p] == ' ' || v[p] == '\t' || v[p] == ','
                         || v[p] == '-'))
        {
            p++;
        }

        if (p == n) {
            break;
        }

        s = p;

        while (p < n && v[p] != ' ' && v[p] != '\t' && v[p] != ','
               && v[p] != '-')
        {
            p++;
        }

        len = p - s;
        c = v[s] | 0x20;

        if (c >= 'a' && c <= 'z') {
            for (i = 0; (size_t) i < len; i++) {
                c = v[s + i] | 0x20;

                if (c < 'a' || c > 'z') {
                    return -1;
                }
            }

            if (mon >= 0 || len < 3) {
                continue;
            }

            for (i = 0; i < 12; i++) {
                for (k = 0; k < 3; k++) {
                    if ((v[s + k] | 0x20) != months[i * 3 + k]) {
                        break;
                    }
                }

                if (k == 3) {
                    mon = i + 1;
                    break;
                }
            }

            continue;
        }

        if (memchr(v + s, ':', len) != NULL) {
            if (hh >= 0) {
                return -1;
            }

            k = 0;
            d = 0;
            f[0] = f[1] = f[2] = 0;

            for (i = 0; (size_t) i < len; i++) {
                c = v[s + i];

                if (c == ':') {
                    if (d == 0 || ++k > 2) {
                        return -1;
                    }

                    d = 0;
                    continue;
                }

                if (c < '0' || c > '9' || ++d > 2) {
                    return -1;
                }

                f[k] = f[k] * 10 + (c - '0');
            }

            if (k != 2 || d == 0) {
                return -1;
            }

            hh = f[0];
            mm = f[1];
            ss = f[2];
            continue;
        }

        if (len > 4) {
            return -1;                       /* no day or year */
        }

        d = 0;

        for (i = 0; (size_t) i < len; i++) {
            c = v[s + i];

            if (c < '0' || c > '9') {
                return -1;
            }

            d = d * 10 + (c - '0');
        }

        if (day < 0 && len <= 2) {
            day = d;

        } else if (year < 0 && (len == 2 || len == 4)) {
            year = (len == 4) ? d : (d >= 70 ? 1900 + d : 2000 + d);

        } else {
            return -1;
        }
    }

    if (day < 1 || mon < 0 || year < 1601 || hh < 0 || hh > 23 || mm > 59
        || ss > 59 || day > cc_cookie_days(year, mon))
    {
        return -1;
    }

    /* days since 1970-01-01 of a proleptic Gregorian date */

    y = year - (mon <= 2);
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (mon + (mon > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    days = era * 146097 + doe - 719468;

    *t = days * 86400 + hh * 3600 + mm * 60 + ss;

    return 0;
}


int
cc_set_cookie_is_deletion(const unsigned char *p, size_t len)
{
    return cc_set_cookie_deletion_at(p, len, (int64_t) time(NULL))
           == CC_DELETION_ALL;
}


int
cc_set_cookie_is_deletion_at(const unsigned char *p, size_t len,
    int64_t now)
{
    return cc_set_cookie_deletion_at(p, len, now) == CC_DELETION_ALL;
}


int
cc_set_cookie_deletion(const unsigned char *p, size_t len)
{
    return cc_set_cookie_deletion_at(p, len, (int64_t) time(NULL));
}


/*
 * The answers for the attributes of the lines this process read lately:
 * a site sends the same few Set-Cookie lines, values aside, on every
 * response.  Everything from the first ';' decides, together with a
 * control character in the name or value; the clock counts only through
 * an Expires attribute, so only answers read without one are kept.
 * Direct-mapped by a hash of the attributes' text, compared byte for
 * byte; no configuration goes into an answer, so it is never emptied.
 */

#define CC_DELETION_MEMO      32
#define CC_DELETION_MEMO_LEN  240

typedef struct {
    uint16_t       len;                 /* 0: empty; else with the ';' */
    unsigned char  answer;
    unsigned char  text[CC_DELETION_MEMO_LEN];
} cc_deletion_memo_t;

static cc_deletion_memo_t  cc_deletion_memo[CC_DELETION_MEMO];


int
cc_set_cookie_deletion_at(const unsigned char *p, size_t len, int64_t now)
{
    int                  answer, timed;
    size_t               alen;
    const unsigned char *semi;
    cc_deletion_memo_t  *m;

    semi = memchr(p, ';', len);

    if (semi == NULL) {
        return CC_DELETION_NONE;        /* no attribute: no lifetime */
    }

    if (cc_cookie_has_ctl(p, semi - p)) {
        return CC_DELETION_NONE;
    }

    alen = len - (semi - p);

    m = &cc_deletion_memo[cc_util_hash(semi, alen) % CC_DELETION_MEMO];

    if (m->len == alen && memcmp(m->text, semi, alen) == 0) {
        return m->answer;
    }

    answer = cc_set_cookie_attrs_deletion(semi, alen, now, &timed);

    if (!timed && alen <= CC_DELETION_MEMO_LEN) {
        memcpy(m->text, semi, alen);
        m->len = (uint16_t) alen;
        m->answer = (unsigned char) answer;
    }

    return answer;
}


/*
 * The attributes from the first ';' to the end of the line; *timed set
 * when an Expires attribute was read (the answer depends on "now")
 */
static int
cc_set_cookie_attrs_deletion(const unsigned char *p, size_t len,
    int64_t now, int *timed)
{
    int                   rfc, chr, chr_lim, gecko, gecko_lim, exp, exp_lim;
    int                   past, ok, gone;
    size_t                n, vn;
    int64_t               t;
    const unsigned char  *end, *semi, *a, *v;

    *timed = 0;

    if (cc_cookie_has_ctl(p, len)) {
        return CC_DELETION_NONE;
    }

    end = p + len;
    rfc = chr = chr_lim = gecko = gecko_lim = CC_MA_NONE;
    exp = exp_lim = 0;                       /* 1: a past date */

    semi = p;

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

        /* the attribute's name: up to '=', trimmed */

        v = memchr(a, '=', n);
        vn = 0;

        if (v != NULL) {
            vn = n - (v - a) - 1;
            n = v - a;
            v++;

            while (vn && cc_is_ows(*v)) {
                v++;
                vn--;
            }

            while (n && cc_is_ows(a[n - 1])) {
                n--;
            }

        } else {
            v = a + n;
        }

        if (n == 7 && strncasecmp((const char *) a, "max-age", 7) == 0) {

            if (cc_max_age_plain(v, vn)) {
                /* every reading agrees: a lifetime, nothing to parse */
                rfc = chr = chr_lim = gecko = gecko_lim = CC_MA_LIVE;
                continue;
            }

            ok = cc_max_age_rfc(v, vn);

            if (ok != CC_MA_NONE) {
                rfc = ok;
            }

            chr = cc_max_age_chromium(v, vn);
            gecko = cc_max_age_gecko(v, vn);

            if (vn <= CC_COOKIE_ATTR_MAX) {
                chr_lim = chr;
                gecko_lim = gecko;
            }

        } else if (n == 7 && strncasecmp((const char *) a, "expires", 7) == 0)
        {
            *timed = 1;

            past = (cc_cookie_date(v, vn, &t) == 0
                    && t <= now - CC_COOKIE_SKEW);

            exp = past;

            if (vn <= CC_COOKIE_ATTR_MAX) {
                exp_lim = past;
            }
        }
    }

#define cc_gone(ma, e)  ((ma) == CC_MA_GONE || ((ma) == CC_MA_NONE && (e)))

    gone = cc_gone(rfc, exp_lim) + cc_gone(chr, exp)
           + cc_gone(chr_lim, exp_lim) + cc_gone(gecko, exp)
           + cc_gone(gecko_lim, exp_lim);

    return gone == 5 ? CC_DELETION_ALL
                     : gone ? CC_DELETION_SOME : CC_DELETION_NONE;

#undef cc_gone
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
