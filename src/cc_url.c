/*
 * nginx-cookie-consent: URLs as the browser resolves them.
 *
 * The steps follow the HTML standard (13.2.5.72 character reference
 * state and after) and the WHATWG URL standard (4.4 URL parsing, 3.5 host
 * parsing, 3.3 IDNA) for http and https URLs, as far as their host and
 * path go; the query, the fragment, the userinfo and the port are read
 * past.
 */

#include <string.h>

#include "cc_url.h"


typedef struct {
    const char  *name;
    uint32_t     cp1;
    uint32_t     cp2;
} cc_url_entity_t;


#define CC_URL_IDNA_KEEP      0     /* valid, deviation, mapped to non-ASCII */
#define CC_URL_IDNA_IGNORE    1
#define CC_URL_IDNA_DISALLOW  2
#define CC_URL_IDNA_CHAR      3     /* arg + (cp - lo) */
#define CC_URL_IDNA_STRING    4     /* cc_url_idna_strings + arg */

typedef struct {
    uint32_t     lo;                /* up to the next entry's lo */
    uint16_t     kind;
    uint16_t     arg;
} cc_url_idna_t;


#include "cc_url_data.h"


/* byte classes */

#define CC_URL_C_TABNL   0x01      /* tab, LF, CR: removed */
#define CC_URL_C_END     0x02      /* '?', '#': the path ends */
#define CC_URL_C_FORBID  0x04      /* a forbidden domain code point */
#define CC_URL_C_PENC    0x08      /* the path percent-encode set */
#define CC_URL_C_PLAIN   0x10      /* a host byte kept as it is: a-z0-9-._ */
#define CC_URL_C_SCHEME  0x20      /* ASCII alphanumeric, '+', '-', '.' */
#define CC_URL_C_HOST    0x40      /* a-z, A-Z, 0-9, '-', '.', '_' */
#define CC_URL_C_PATHX   0x80      /* not in a simple path: tab, newline,
                                      '\\', '%', the percent-encode set */

static unsigned char  cc_url_cls[256];
static unsigned char  cc_url_lc[256];
static int            cc_url_tables;


static void
cc_url_init_tables(void)
{
    int            c;
    unsigned char  k;

    for (c = 0; c < 256; c++) {
        k = 0;

        if (c == '\t' || c == '\n' || c == '\r') {
            k |= CC_URL_C_TABNL;
        }

        if (c == '?' || c == '#') {
            k |= CC_URL_C_END;
        }

        if (c <= 0x20 || c == 0x7f || strchr("#/:<>?@[\\]^|%", c) != NULL) {
            k |= CC_URL_C_FORBID;
        }

        if (c <= 0x20 || c >= 0x7f || strchr("\"#<>?^`{}", c) != NULL) {
            k |= CC_URL_C_PENC;
        }

        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
            || c == '.' || c == '_')
        {
            k |= CC_URL_C_PLAIN;
        }

        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
            || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')
        {
            k |= CC_URL_C_SCHEME;
        }

        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
            || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_')
        {
            k |= CC_URL_C_HOST;
        }

        if ((k & (CC_URL_C_TABNL | CC_URL_C_PENC)) || c == '\\' || c == '%')
        {
            k |= CC_URL_C_PATHX;
        }

        cc_url_cls[c] = k;
        cc_url_lc[c] = (unsigned char) ((c >= 'A' && c <= 'Z') ? c | 0x20
                                                               : c);
    }

    cc_url_tables = 1;
}


/* &#128; to &#159;: windows-1252, as the HTML standard maps them */
static const uint16_t  cc_url_c1[32] = {
    0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
    0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
    0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
    0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178
};


static int
cc_url_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}


static int
cc_url_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}


static int
cc_url_alnum(unsigned char c)
{
    return cc_url_alpha(c) || cc_url_digit(c);
}


static int
cc_url_hex(unsigned char c)
{
    if (cc_url_digit(c)) {
        return c - '0';
    }

    c |= 0x20;

    return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}


static unsigned char
cc_url_lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char) (c | 0x20) : c;
}


/* the HTML standard's ASCII whitespace */
static int
cc_url_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}


/* UTF-8 of cp into out[*o..size) when it fits whole */
static void
cc_url_put_cp(uint32_t cp, unsigned char *out, size_t size, size_t *o)
{
    unsigned char  b[4];
    size_t         n, i;

    if (cp < 0x80) {
        b[0] = (unsigned char) cp;
        n = 1;

    } else if (cp < 0x800) {
        b[0] = (unsigned char) (0xc0 | (cp >> 6));
        b[1] = (unsigned char) (0x80 | (cp & 0x3f));
        n = 2;

    } else if (cp < 0x10000) {
        b[0] = (unsigned char) (0xe0 | (cp >> 12));
        b[1] = (unsigned char) (0x80 | ((cp >> 6) & 0x3f));
        b[2] = (unsigned char) (0x80 | (cp & 0x3f));
        n = 3;

    } else {
        b[0] = (unsigned char) (0xf0 | (cp >> 18));
        b[1] = (unsigned char) (0x80 | ((cp >> 12) & 0x3f));
        b[2] = (unsigned char) (0x80 | ((cp >> 6) & 0x3f));
        b[3] = (unsigned char) (0x80 | (cp & 0x3f));
        n = 4;
    }

    if (size - *o < n) {
        *o = size;
        return;
    }

    for (i = 0; i < n; i++) {
        out[(*o)++] = b[i];
    }
}


/*
 * The named reference that p[0..len) starts with, as an attribute value
 * reads it.  Names are alphanumerics and an optional final ';', the
 * longest one wins; in an attribute a name without ';' followed by an
 * alphanumeric or '=' is not decoded, so only the whole alphanumeric run
 * (with its ';', or without one when '=' does not follow) can be.
 */
static const cc_url_entity_t *
cc_url_entity(const unsigned char *p, size_t len, size_t *n)
{
    int                     c;
    size_t                  l, k, lo, hi, mid, nl;
    const cc_url_entity_t  *e;

    for (l = 0; l < len && l <= CC_URL_ENTITY_MAX && cc_url_alnum(p[l]);
         l++)
    {
        /* void */
    }

    if (l > CC_URL_ENTITY_MAX) {
        return NULL;
    }

    for (k = 0; k < 2; k++) {
        if (k == 0) {
            if (l == len || p[l] != ';') {
                continue;
            }

            l++;                             /* with its ';' */

        } else {
            if (p[l - 1] == ';') {
                l--;
            }

            if (l < len && p[l] == '=') {
                return NULL;
            }
        }

        lo = 0;
        hi = sizeof(cc_url_entities) / sizeof(cc_url_entities[0]);

        while (lo < hi) {
            mid = lo + (hi - lo) / 2;
            e = &cc_url_entities[mid];
            nl = strlen(e->name);

            c = memcmp(p, e->name, l < nl ? l : nl);

            if (c == 0) {
                c = (l < nl) ? -1 : (l > nl);
            }

            if (c == 0) {
                *n = l;
                return e;
            }

            if (c < 0) {
                hi = mid;

            } else {
                lo = mid + 1;
            }
        }
    }

    return NULL;
}


size_t
cc_url_decode_attr(const unsigned char *p, size_t len, unsigned char *out,
    size_t size)
{
    int                     hex, d;
    size_t                  i, o, j, n;
    uint32_t                cp;
    const unsigned char    *amp;
    const cc_url_entity_t  *e;

    i = 0;
    o = 0;

    while (i < len && o < size) {
        amp = memchr(p + i, '&', len - i);
        n = (amp ? (size_t) (amp - p) : len) - i;

        if (n > size - o) {
            n = size - o;
        }

        memcpy(out + o, p + i, n);
        o += n;
        i += n;

        if (amp == NULL || o == size) {
            break;
        }

        i++;                                 /* the '&' */

        if (i < len && p[i] == '#') {

            /* a numeric character reference */

            j = i + 1;
            hex = (j < len && (p[j] | 0x20) == 'x');

            if (hex) {
                j++;
            }

            cp = 0;
            n = j;

            while (j < len && (hex ? cc_url_hex(p[j]) >= 0
                                   : cc_url_digit(p[j])))
            {
                d = hex ? cc_url_hex(p[j]) : p[j] - '0';
                cp = cp * (hex ? 16 : 10) + d;

                if (cp > 0x10ffff) {
                    cp = 0x110000;           /* stays out of range */
                }

                j++;
            }

            if (j == n) {
                out[o++] = '&';              /* no digits: not a reference */
                continue;
            }

            if (j < len && p[j] == ';') {
                j++;
            }

            i = j;

            if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
                cp = 0xfffd;

            } else if (cp >= 0x80 && cp <= 0x9f) {
                cp = cc_url_c1[cp - 0x80];
            }

            cc_url_put_cp(cp, out, size, &o);
            continue;
        }

        e = (i < len && cc_url_alnum(p[i])) ? cc_url_entity(p + i, len - i, &n)
                                             : NULL;

        /*
         * in an attribute, a name without ';' followed by an alphanumeric
         * or '=' stays as it is, for historical reasons
         */

        if (e == NULL
            || (p[i + n - 1] != ';' && i + n < len
                && (cc_url_alnum(p[i + n]) || p[i + n] == '=')))
        {
            out[o++] = '&';
            continue;
        }

        i += n;
        cc_url_put_cp(e->cp1, out, size, &o);

        if (e->cp2) {
            cc_url_put_cp(e->cp2, out, size, &o);
        }
    }

    return o;
}


/* the UTS #46 entry of a code point from U+0080 */
static const cc_url_idna_t *
cc_url_idna_find(uint32_t cp)
{
    size_t  lo, hi, mid;

    lo = 0;
    hi = sizeof(cc_url_idna) / sizeof(cc_url_idna[0]);

    /* the last entry whose lo is <= cp */

    while (hi - lo > 1) {
        mid = lo + (hi - lo) / 2;

        if (cc_url_idna[mid].lo <= cp) {
            lo = mid;

        } else {
            hi = mid;
        }
    }

    return &cc_url_idna[lo];
}


/* one UTF-8 code point at p[0..len): its length, *cp (U+FFFD if broken) */
static size_t
cc_url_utf8(const unsigned char *p, size_t len, uint32_t *cp)
{
    size_t    n, i;
    uint32_t  c, min;

    c = p[0];

    if (c < 0x80) {
        *cp = c;
        return 1;
    }

    if (c >= 0xc2 && c <= 0xdf) {
        n = 2;
        c &= 0x1f;
        min = 0x80;

    } else if (c >= 0xe0 && c <= 0xef) {
        n = 3;
        c &= 0x0f;
        min = 0x800;

    } else if (c >= 0xf0 && c <= 0xf4) {
        n = 4;
        c &= 0x07;
        min = 0x10000;

    } else {
        *cp = 0xfffd;
        return 1;
    }

    for (i = 1; i < n; i++) {
        if (i >= len || (p[i] & 0xc0) != 0x80) {
            *cp = 0xfffd;
            return i;
        }

        c = (c << 6) | (p[i] & 0x3f);
    }

    if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
        *cp = 0xfffd;
        return n;
    }

    *cp = c;

    return n;
}


/* forbidden domain code points (the URL standard, 3.1) */
#define cc_url_forbidden(c)  (cc_url_cls[c] & CC_URL_C_FORBID)


/*
 * The host parser for special URLs (the URL standard, 3.5): h[0..n) as
 * written; url->host, url->host_len, url->unsure set.  -1: failure.
 */
static int
cc_url_host(const unsigned char *h, size_t n, cc_url_t *url)
{
    int                   hi, lo;
    size_t                i, k, m, o, cl;
    uint32_t              cp;
    unsigned char         dec[CC_URL_HOST_MAX];
    const char           *s;
    const cc_url_idna_t  *e;

    if (n == 0) {
        return -1;
    }

    o = 0;

    if (h[0] == '[') {
        /* an IPv6 address: never a tracker rule's host, kept as written */

        if (n > CC_URL_HOST_MAX || h[n - 1] != ']') {
            return -1;
        }

        for (i = 0; i < n; i++) {
            url->host[i] = cc_url_lower(h[i]);
        }

        url->host_len = n;
        return 0;
    }

    /* the usual host: lower case ASCII letters, digits, '-', '.', '_' */

    for (i = 0; i < n; i++) {
        if (!(cc_url_cls[cc_url_lower(h[i])] & CC_URL_C_PLAIN)) {
            break;
        }
    }

    if (i == n) {
        if (n > CC_URL_HOST_MAX) {
            return -1;
        }

        for (i = 0; i < n; i++) {
            url->host[i] = cc_url_lower(h[i]);
        }

        o = n;
        goto done;
    }

    /* percent-decoding */

    m = 0;

    for (i = 0; i < n; i++) {
        if (m == sizeof(dec)) {
            return -1;                       /* too long to be fetched */
        }

        if (h[i] == '%' && i + 2 < n
            && (hi = cc_url_hex(h[i + 1])) >= 0
            && (lo = cc_url_hex(h[i + 2])) >= 0)
        {
            dec[m++] = (unsigned char) (hi * 16 + lo);
            i += 2;

        } else {
            dec[m++] = h[i];
        }
    }

    /*
     * UTF-8 decoding, then UTS #46 mapping (domain to ASCII with
     * beStrict false); what is rejected is left out and marks the host
     * unsure
     */

    for (i = 0; i < m; i += cl) {
        cl = cc_url_utf8(dec + i, m - i, &cp);

        if (cp < 0x80) {
            if (cc_url_forbidden((unsigned char) cp)) {
                url->unsure = 1;
                continue;
            }

            if (o == CC_URL_HOST_MAX) {
                return -1;
            }

            url->host[o++] = cc_url_lower((unsigned char) cp);
            continue;
        }

        e = cc_url_idna_find(cp);

        switch (e->kind) {

        case CC_URL_IDNA_IGNORE:
            break;

        case CC_URL_IDNA_DISALLOW:
            url->unsure = 1;
            break;

        case CC_URL_IDNA_CHAR:
            cp = e->arg + (cp - e->lo);

            if (cc_url_forbidden((unsigned char) cp)) {
                url->unsure = 1;
                break;
            }

            if (o == CC_URL_HOST_MAX) {
                return -1;
            }

            url->host[o++] = (unsigned char) cp;
            break;

        case CC_URL_IDNA_STRING:
            for (s = cc_url_idna_strings + e->arg; *s; s++) {
                if (cc_url_forbidden((unsigned char) *s)) {
                    url->unsure = 1;
                    continue;
                }

                if (o == CC_URL_HOST_MAX) {
                    return -1;
                }

                url->host[o++] = (unsigned char) *s;
            }

            break;

        default:                             /* kept: UTF-8 as it was */
            if (CC_URL_HOST_MAX - o < cl) {
                return -1;
            }

            for (k = 0; k < cl; k++) {
                url->host[o++] = dec[i + k];
            }

            break;
        }
    }

done:

    /* a single trailing dot: the same host */

    if (o > 1 && url->host[o - 1] == '.') {
        o--;
    }

    if (o == 0) {
        return -1;
    }

    url->host_len = o;

    return 0;
}


/* the path percent-encode set (the URL standard, 1.3) */
#define cc_url_path_encode(c)  (cc_url_cls[c] & CC_URL_C_PENC)


static void
cc_url_path_pop(cc_url_t *url)
{
    if (url->dropped) {
        url->dropped--;
        return;
    }

    while (url->path_len && url->path[url->path_len - 1] != '/') {
        url->path_len--;
    }

    if (url->path_len) {
        url->path_len--;
    }
}


/* appends "/" and the segment s[0..n), percent-encoded */
static void
cc_url_path_push(cc_url_t *url, const unsigned char *s, size_t n)
{
    size_t  i, need;

    static const char  hex[] = "0123456789ABCDEF";

    need = 1;

    for (i = 0; i < n; i++) {
        need += cc_url_path_encode(s[i]) ? 3 : 1;
    }

    if (url->dropped || CC_URL_PATH_MAX - url->path_len < need) {
        url->dropped++;
        return;
    }

    url->path[url->path_len++] = '/';

    for (i = 0; i < n; i++) {
        if (cc_url_path_encode(s[i])) {
            url->path[url->path_len++] = '%';
            url->path[url->path_len++] = hex[s[i] >> 4];
            url->path[url->path_len++] = hex[s[i] & 0x0f];

        } else {
            url->path[url->path_len++] = s[i];
        }
    }
}


/* "." or "%2e", any case */
static int
cc_url_dot(const unsigned char *s, size_t n, size_t *len)
{
    if (n && s[0] == '.') {
        *len = 1;
        return 1;
    }

    if (n >= 3 && s[0] == '%' && s[1] == '2' && (s[2] | 0x20) == 'e') {
        *len = 3;
        return 1;
    }

    return 0;
}


/* 1: a single-dot segment, 2: a double-dot segment, else 0 */
static int
cc_url_dots(const unsigned char *s, size_t n)
{
    size_t  a, b;

    if (!cc_url_dot(s, n, &a)) {
        return 0;
    }

    if (a == n) {
        return 1;
    }

    if (cc_url_dot(s + a, n - a, &b) && a + b == n) {
        return 2;
    }

    return 0;
}


/*
 * The path state from s[i] (the URL standard, path start state and path
 * state, special URLs): segments up to '?', '#' or the end
 */
static void
cc_url_path(const unsigned char *s, size_t n, size_t i, cc_url_t *url)
{
    int     dots;
    size_t  b;

    for ( ;; ) {
        b = i;

        while (i < n && s[i] != '/' && s[i] != '\\' && s[i] != '?'
               && s[i] != '#')
        {
            i++;
        }

        dots = cc_url_dots(s + b, i - b);

        if (dots == 2) {
            cc_url_path_pop(url);
        }

        if (dots && (i == n || (s[i] != '/' && s[i] != '\\'))) {
            cc_url_path_push(url, s, 0);

        } else if (dots == 0) {
            cc_url_path_push(url, s + b, i - b);
        }

        if (i == n || s[i] == '?' || s[i] == '#') {
            return;
        }

        i++;                                 /* '/' or '\' */
    }
}


/*
 * The usual URL in one pass: "http(s)://host/path" or "//host/path" with
 * a host of a-z, A-Z, 0-9, '-', '.', '_' and a path with no tab,
 * newline, '\\', '%', character of the path percent-encode set or dot
 * segment, which the full parser would read the same way.  -1: another
 * URL, for the full parser.
 */
static int
cc_url_simple(const unsigned char *p, size_t len, const cc_url_t *base,
    cc_url_t *url)
{
    int     scheme;
    size_t  i, hs, he, pe, n;

    i = 0;
    scheme = base ? base->scheme : CC_URL_SAME;

    if (len >= 7 && (p[0] | 0x20) == 'h' && (p[1] | 0x20) == 't'
        && (p[2] | 0x20) == 't' && (p[3] | 0x20) == 'p')
    {
        if (p[4] == ':') {
            scheme = CC_URL_HTTP;
            i = 5;

        } else if ((p[4] | 0x20) == 's' && p[5] == ':') {
            scheme = CC_URL_HTTPS;
            i = 6;

        } else {
            return -1;
        }
    }

    if (len - i < 3 || p[i] != '/' || p[i + 1] != '/') {
        return -1;
    }

    hs = i + 2;

    for (he = hs; he < len && (cc_url_cls[p[he]] & CC_URL_C_HOST); he++) {
        /* void */
    }

    n = he - hs;

    if (n == 0 || n > CC_URL_HOST_MAX
        || (he < len && p[he] != '/' && !(cc_url_cls[p[he]] & CC_URL_C_END)))
    {
        return -1;
    }

    for (i = he; i < len && !(cc_url_cls[p[i]] & CC_URL_C_END); i++) {
        if ((cc_url_cls[p[i]] & CC_URL_C_PATHX)
            || (p[i] == '.' && p[i - 1] == '/'))
        {
            return -1;
        }
    }

    pe = i;

    if (pe - he > CC_URL_PATH_MAX) {
        return -1;
    }

    for (i = 0; i < n; i++) {
        url->host[i] = cc_url_lc[p[hs + i]];
    }

    if (n > 1 && url->host[n - 1] == '.') {
        n--;
    }

    url->scheme = scheme;
    url->unsure = 0;
    url->host_len = n;
    url->dropped = 0;

    n = pe - he;
    memcpy(url->path, p + he, n);

    if (n == 0) {
        url->path[n++] = '/';
    }

    url->path_len = n;

    return CC_URL_OK;
}


/*
 * 1 unless s[0..n), before a ':', is a scheme other than http and https
 * (then the ':' and the rest are not needed: the URL is CC_URL_NONE)
 */
static int
cc_url_web(const unsigned char *s, size_t n)
{
    size_t  i;

    if (n == 0 || !cc_url_alpha(s[0])) {
        return 1;
    }

    for (i = 1; i < n; i++) {
        if (!(cc_url_alnum(s[i]) || s[i] == '+' || s[i] == '-'
              || s[i] == '.'))
        {
            return 1;                        /* not a scheme */
        }
    }

    if (n == 4 || n == 5) {
        for (i = 0; i < n; i++) {
            if ((s[i] | 0x20) != "https"[i]) {
                return 0;
            }
        }

        return 1;
    }

    return 0;
}


static int
cc_url_parse_as(const unsigned char *p, size_t len, const cc_url_t *base,
    cc_url_t *url, int same)
{
    int                   scheme, at, dirty;
    size_t                n, i, j, k, hs, he, ae;
    uint32_t              port;
    const unsigned char  *s;
    unsigned char         copy[CC_URL_INPUT_MAX];

    if (!cc_url_tables) {
        cc_url_init_tables();
    }

    /* leading and trailing C0 controls and spaces; tabs and newlines */

    while (len && p[0] <= 0x20) {
        p++;
        len--;
    }

    while (len && p[len - 1] <= 0x20) {
        len--;
    }

    if (cc_url_simple(p, len, base, url) == CC_URL_OK) {
        return CC_URL_OK;
    }

    /*
     * a scheme other than http and https: nothing more is needed (a long
     * data: URL is not read through)
     */

    k = 0;

    for (i = 0; i < len; i++) {
        if (cc_url_cls[p[i]] & CC_URL_C_TABNL) {
            continue;
        }

        if (!(cc_url_cls[p[i]] & CC_URL_C_SCHEME)
            || (k == 0 && !cc_url_alpha(p[i])))
        {
            break;
        }

        if (k < 6) {
            copy[k] = p[i];
        }

        k++;
    }

    if (i < len && p[i] == ':' && k && !cc_url_web(copy, k < 6 ? k : 6)) {
        return CC_URL_NONE;              /* data:, javascript:, ftp: ... */
    }

    /*
     * what follows '?' or '#' (the query, the fragment) is never needed;
     * tabs and newlines are removed (a copy only when there are some)
     */

    dirty = 0;

    for (i = 0; i < len; i++) {
        if (cc_url_cls[p[i]] & (CC_URL_C_TABNL | CC_URL_C_END)) {
            if (cc_url_cls[p[i]] & CC_URL_C_END) {
                break;
            }

            dirty = 1;
        }
    }

    if (!dirty) {
        s = p;
        n = i < CC_URL_INPUT_MAX ? i : CC_URL_INPUT_MAX;

    } else {
        n = 0;

        for (j = 0; j < i && n < sizeof(copy); j++) {
            if (!(cc_url_cls[p[j]] & CC_URL_C_TABNL)) {
                copy[n++] = p[j];
            }
        }

        s = copy;
    }

    url->unsure = 0;
    url->host_len = 0;
    url->path_len = 0;
    url->dropped = 0;

    /* scheme start state, scheme state */

    i = 0;
    scheme = -1;

    if (n && cc_url_alpha(s[0])) {
        for (j = 1; j < n && (cc_url_alnum(s[j]) || s[j] == '+'
                              || s[j] == '-' || s[j] == '.');
             j++)
        {
            /* void */
        }

        if (j < n && s[j] == ':') {
            if (j == 4 && (s[0] | 0x20) == 'h' && (s[1] | 0x20) == 't'
                && (s[2] | 0x20) == 't' && (s[3] | 0x20) == 'p')
            {
                scheme = CC_URL_HTTP;

            } else if (j == 5 && (s[0] | 0x20) == 'h' && (s[1] | 0x20) == 't'
                       && (s[2] | 0x20) == 't' && (s[3] | 0x20) == 'p'
                       && (s[4] | 0x20) == 's')
            {
                scheme = CC_URL_HTTPS;

            } else {
                /* data:, javascript:, blob:, ftp:, ws:, file: ... */
                return CC_URL_NONE;
            }

            i = j + 1;
        }
    }

    if (scheme >= 0) {
        url->scheme = scheme;

        if (base != NULL && base->host_len
            && (base->scheme == scheme
                || (base->scheme == CC_URL_SAME && same)))
        {
            /* special relative or authority state */

            if (n - i >= 2 && s[i] == '/' && s[i + 1] == '/') {
                goto authority;
            }

            goto relative;
        }

        /* special authority slashes state: any slashes, or none */

        goto authority;
    }

    /* no scheme state: relative to the base, or to the document */

    url->scheme = base ? base->scheme : CC_URL_SAME;

relative:

    /* relative state, relative slash state */

    if (i < n && (s[i] == '/' || s[i] == '\\')) {
        if (i + 1 < n && (s[i + 1] == '/' || s[i + 1] == '\\')) {
            goto authority;
        }

        if (base == NULL || base->host_len == 0) {
            return CC_URL_NONE;             /* the document's own host */
        }

        memcpy(url->host, base->host, base->host_len);
        url->host_len = base->host_len;
        url->unsure = base->unsure;
        cc_url_path(s, n, i + 1, url);

        return CC_URL_OK;
    }

    if (base == NULL || base->host_len == 0) {
        return CC_URL_NONE;
    }

    memcpy(url->host, base->host, base->host_len);
    url->host_len = base->host_len;
    url->unsure = base->unsure;
    memcpy(url->path, base->path, base->path_len);
    url->path_len = base->path_len;
    url->dropped = base->dropped;

    if (i == n || s[i] == '?' || s[i] == '#') {
        return CC_URL_OK;                    /* the base's path */
    }

    cc_url_path_pop(url);
    cc_url_path(s, n, i, url);

    return CC_URL_OK;

authority:

    /* special authority ignore slashes state */

    while (i < n && (s[i] == '/' || s[i] == '\\')) {
        i++;
    }

    /* authority state: up to '/', '\', '?', '#'; the host after the last @ */

    ae = i;
    at = 0;
    hs = i;

    while (ae < n && s[ae] != '/' && s[ae] != '\\' && s[ae] != '?'
           && s[ae] != '#')
    {
        if (s[ae] == '@') {
            at = 1;
            hs = ae + 1;
        }

        ae++;
    }

    if (at && hs == ae) {
        return CC_URL_NONE;                  /* host-missing */
    }

    /* host state: up to a ':' outside brackets */

    he = hs;
    j = 0;

    while (he < ae && (s[he] != ':' || j)) {
        if (s[he] == '[') {
            j = 1;

        } else if (s[he] == ']') {
            j = 0;
        }

        he++;
    }

    if (cc_url_host(s + hs, he - hs, url) != 0) {
        return CC_URL_NONE;
    }

    /* port state: digits up to 65535, else the URL fails */

    if (he < ae) {
        port = 0;

        for (j = he + 1; j < ae; j++) {
            if (!cc_url_digit(s[j])) {
                break;
            }

            port = port * 10 + (s[j] - '0');

            if (port > 65535) {
                break;
            }
        }

        if (j < ae) {
            url->unsure = 1;                 /* a broken port: fail closed */
        }
    }

    /* path start state */

    i = ae;

    if (i < n && (s[i] == '/' || s[i] == '\\')) {
        i++;
    }

    cc_url_path(s, n, i, url);

    return CC_URL_OK;
}


int
cc_url_parse(const unsigned char *p, size_t len, const cc_url_t *base,
    cc_url_t *url)
{
    return cc_url_parse_as(p, len, base, url, 0);
}


int
cc_url_resolve(const unsigned char *p, size_t len, const cc_url_t *base,
    cc_url_t url[2])
{
    int     n;
    size_t  i;

    n = 0;

    if (cc_url_parse_as(p, len, base, &url[0], 0) == CC_URL_OK
        && url[0].host_len)
    {
        n = 1;
    }

    if (base == NULL || base->host_len == 0 || base->scheme != CC_URL_SAME) {
        return n;
    }

    /* "http:" or "https:" after what the parser trims: the other reading */

    for (i = 0; i < len && (p[i] <= 0x20); i++) {
        /* void */
    }

    if (len - i < 5 || (p[i] | 0x20) != 'h') {
        return n;
    }

    if (cc_url_parse_as(p, len, base, &url[n], 1) == CC_URL_OK
        && url[n].host_len)
    {
        n++;
    }

    return n;
}


size_t
cc_url_serialize(const cc_url_t *url, unsigned char *out)
{
    size_t  o;

    out[0] = '/';
    out[1] = '/';
    o = 2;

    memcpy(out + o, url->host, url->host_len);
    o += url->host_len;

    if (url->path_len == 0) {
        out[o++] = '/';

    } else {
        memcpy(out + o, url->path, url->path_len);
        o += url->path_len;
    }

    return o;
}


size_t
cc_url_path_decoded(const unsigned char *path, size_t len,
    unsigned char *out)
{
    int            hi, lo, changed;
    size_t         i, o;
    unsigned char  c;

    if (memchr(path, '%', len) == NULL) {
        return 0;
    }

    changed = 0;
    o = 0;

    for (i = 0; i < len; i++) {
        if (path[i] == '%' && i + 2 < len
            && (hi = cc_url_hex(path[i + 1])) >= 0
            && (lo = cc_url_hex(path[i + 2])) >= 0)
        {
            c = (unsigned char) (hi * 16 + lo);

            if (cc_url_alnum(c) || c == '-' || c == '.' || c == '_'
                || c == '~')
            {
                out[o++] = c;
                i += 2;
                changed = 1;
                continue;
            }
        }

        out[o++] = path[i];
    }

    return changed ? o : 0;
}


int
cc_url_refresh(const unsigned char *p, size_t len,
    const unsigned char **url, size_t *url_len)
{
    size_t                i, s;
    const unsigned char  *q;

    i = 0;

    while (i < len && cc_url_space(p[i])) {
        i++;
    }

    /* the time: digits, then digits and dots */

    s = i;

    while (i < len && cc_url_digit(p[i])) {
        i++;
    }

    if (i == s && (i == len || p[i] != '.')) {
        return -1;
    }

    while (i < len && (cc_url_digit(p[i]) || p[i] == '.')) {
        i++;
    }

    if (i < len) {
        if (p[i] != ';' && p[i] != ',' && !cc_url_space(p[i])) {
            return -1;
        }

        while (i < len && cc_url_space(p[i])) {
            i++;
        }

        if (i < len && (p[i] == ';' || p[i] == ',')) {
            i++;
        }

        while (i < len && cc_url_space(p[i])) {
            i++;
        }
    }

    if (i == len) {
        return -1;                           /* the document itself */
    }

    s = i;

    if ((p[i] | 0x20) == 'u') {
        i++;

        if (i < len && (p[i] | 0x20) == 'r') {
            i++;

            if (i < len && (p[i] | 0x20) == 'l') {
                i++;

                while (i < len && cc_url_space(p[i])) {
                    i++;
                }

                if (i < len && p[i] == '=') {
                    i++;

                    while (i < len && cc_url_space(p[i])) {
                        i++;
                    }

                    goto quotes;
                }
            }
        }

        /* "parse": the whole rest */

        *url = p + s;
        *url_len = len - s;
        return 0;
    }

quotes:

    if (i < len && (p[i] == '"' || p[i] == '\'')) {
        q = memchr(p + i + 1, p[i], len - i - 1);
        *url = p + i + 1;
        *url_len = (q ? (size_t) (q - p) : len) - (i + 1);
        return 0;
    }

    *url = p + i;
    *url_len = len - i;

    return 0;
}


int
cc_url_srcset_next(const unsigned char **pos, const unsigned char *end,
    const unsigned char **url, size_t *url_len)
{
    int                   paren;
    const unsigned char  *p, *u, *ue;

    p = *pos;

    /* whitespace and commas, then the URL: up to whitespace */

    while (p < end && (cc_url_space(*p) || *p == ',')) {
        p++;
    }

    if (p == end) {
        *pos = end;
        return 0;
    }

    u = p;

    while (p < end && !cc_url_space(*p)) {
        p++;
    }

    ue = p;

    if (ue[-1] == ',') {
        /* trailing commas end the candidate: no descriptors */

        while (ue > u && ue[-1] == ',') {
            ue--;
        }

    } else {
        /* descriptors: up to a ',' outside parentheses */

        paren = 0;

        while (p < end) {
            if (*p == '(') {
                paren = 1;

            } else if (*p == ')') {
                paren = 0;

            } else if (*p == ',' && !paren) {
                p++;
                break;
            }

            p++;
        }
    }

    *pos = p;
    *url = u;
    *url_len = ue - u;

    return 1;
}


/* RFC 9110's optional whitespace, as Chromium trims header values */
static int
cc_url_lws(unsigned char c)
{
    return c == ' ' || c == '\t';
}


static void
cc_url_trim_lws(const unsigned char **s, const unsigned char **e)
{
    while (*s < *e && cc_url_lws(**s)) {
        (*s)++;
    }

    while (*e > *s && cc_url_lws((*e)[-1])) {
        (*e)--;
    }
}


int
cc_url_link_next(const unsigned char **pos, const unsigned char *end,
    const unsigned char **url, size_t *url_len,
    const unsigned char **value, const unsigned char **value_end)
{
    int                   esc;
    unsigned char         quote;
    const unsigned char  *p, *s, *e, *u, *ue;

    p = *pos;

    *url = NULL;
    *url_len = 0;

    /* a value: up to a ',' outside quotes; an empty one is skipped */

    for ( ;; ) {
        if (p >= end) {
            *pos = end;
            return CC_URL_LINK_END;
        }

        if (*p == ',') {
            p++;
        }

        s = p;
        quote = '\0';               /* what closes the open quote */
        esc = 0;

        for ( /* void */ ; p < end; p++) {

            if (quote == '\0') {
                if (*p == ',') {
                    break;
                }

                if (*p == '"') {
                    quote = '"';

                } else if (*p == '<') {
                    quote = '>';
                }

            } else if (esc) {
                esc = 0;

            } else if (quote == '"' && *p == '\\') {
                esc = 1;

            } else if (*p == quote) {
                quote = '\0';
            }
        }

        e = p;
        cc_url_trim_lws(&s, &e);

        if (s < e) {
            break;
        }
    }

    *pos = p;
    *value = s;
    *value_end = e;

    if (*s != '<') {
        return CC_URL_LINK_BAD;
    }

    ue = memchr(s + 1, '>', e - s - 1);

    if (ue == NULL) {
        return CC_URL_LINK_BAD;
    }

    u = s + 1;
    p = ue + 1;
    cc_url_trim_lws(&u, &ue);

    *url = u;
    *url_len = ue - u;

    while (p < e && cc_url_lws(*p)) {
        p++;
    }

    if (quote != '\0' || (p < e && *p != ';')) {
        return CC_URL_LINK_BAD;
    }

    return CC_URL_LINK_OK;
}


void
cc_url_link_urls_init(cc_url_link_urls_t *it, const unsigned char *value,
    const unsigned char *end)
{
    it->value = value;
    it->angle = value;
    it->word = value;
    it->end = end;
    it->quoted = 0;
}


/* what ends a word of a link-value ('"' and '\\' aside) */
static int
cc_url_link_delim(unsigned char c)
{
    return cc_url_lws(c) || c == ',' || c == ';' || c == '=' || c == '\''
           || c == '<' || c == '>';
}


int
cc_url_link_urls_next(cc_url_link_urls_t *it, const unsigned char **url,
    size_t *url_len)
{
    size_t                n;
    const unsigned char  *p, *s, *e, *end;

    end = it->end;

    /* after each '<': to the next '>' (or '<'), or to the end */

    if (it->angle < end) {
        p = memchr(it->angle, '<', end - it->angle);

        if (p != NULL) {
            s = p + 1;

            if (p == it->value) {
                e = memchr(s, '>', end - s);

                if (e == NULL) {
                    e = end;
                }

            } else {
                for (e = s; e < end && *e != '>' && *e != '<'; e++) {
                    /* void */
                }
            }

            it->angle = s;
            cc_url_trim_lws(&s, &e);

            *url = s;
            *url_len = e - s;

            return 1;
        }

        it->angle = end;
    }

    /* words outside "<...>", which the loop above read whole */

    p = it->word;

    while (p < end) {

        if (*p == '"') {
            it->quoted = !it->quoted;
            p++;
            continue;
        }

        if (it->quoted && *p == '\\') {
            break;
        }

        if (!it->quoted && *p == '<') {
            e = memchr(p, '>', end - p);
            p = e ? e + 1 : end;
            continue;
        }

        if (!cc_url_link_delim(*p)) {
            break;
        }

        p++;
    }

    if (p == end) {
        it->word = end;
        return 0;
    }

    s = p;
    n = 0;

    while (p < end && *p != '"' && !cc_url_link_delim(*p)) {

        if (it->quoted && *p == '\\') {
            p++;

            if (p == end) {
                break;
            }
        }

        if (n < sizeof(it->buf)) {
            it->buf[n++] = *p;
        }

        p++;
    }

    it->word = p;

    if (n == 0) {
        return 0;                   /* a '\\' last: nothing it escapes */
    }

    if (n == (size_t) (p - s) || n == sizeof(it->buf)) {
        /* no escape undone (or too long to copy whole): the bytes */
        *url = s;
        *url_len = p - s;

    } else {
        *url = it->buf;
        *url_len = n;
    }

    return 1;
}
