/*
 * libFuzzer target: URL resolution (src/cc_url.c) against a reference
 * written straight from the WHATWG URL standard's basic URL parser
 * (4.4) and host parser (3.5), code point by code point, in this file.
 *
 *   make build/fuzz/fuzz_url
 *   build/fuzz/fuzz_url -max_total_time=60 fuzz/corpus/fuzz_url
 *
 * Input: byte 0 chooses the base (bit 0: none, i.e. the document, whose
 * scheme may be http or https; else "https://b.example/x/y"), the rest is
 * the URL.  Checks:
 *
 * - with a base, cc_url_parse() gives the reference's host and path, or
 *   nothing where the reference fails or finds another scheme;
 * - against the document, the host cc_url_parse() gives is the one of
 *   the reference's readings on an http or on an https page, and it
 *   gives none when neither reading leaves the document's host;
 * - a host cc_url_parse() marks unsure is one the reference rejects;
 * - the reference's own UTS 46 mapping covers ASCII, the full-width forms
 *   U+FF01..U+FF5E, the full stops U+3002, U+FF0E, U+FF61 and a few
 *   ignored code points; a host with any other non-ASCII code point, an
 *   IPv4 or IPv6 address or an "xn--" label is compared for its presence
 *   only (the module leaves those alone: they never name a rule's host);
 * - serializing and parsing again gives the same URL; character
 *   reference decoding, srcset and refresh parsing stay in bounds;
 * - the input read as a Link header: every link-value lies inside it,
 *   after the one before (no overlap), starts and ends with something
 *   other than a space or a tab, and only spaces, tabs and commas lie
 *   between them; its URL lies inside it, an OK value starts with '<';
 *   each URL the value may be read for lies inside it or in the
 *   iterator's buffer.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cc_url.h"


#define REF_MAX   4096

#define REF_FAIL   -1
#define REF_OTHER  -2          /* another scheme, never fetched over http */
#define REF_OK      0


typedef struct {
    int       scheme;                          /* 1 http, 2 https */
    int       vague;                           /* host compared loosely */
    size_t    host_len;
    char      host[REF_MAX * 4];               /* UTF-8 */
    size_t    npath;
    size_t    path_len;
    char      path[REF_MAX * 12];              /* "/a/b" */
} ref_url_t;


#define REF  __attribute__((no_sanitize("coverage"), noinline))


/* UTF-8 decode without BOM, broken sequences as U+FFFD */
REF static size_t
ref_decode(const uint8_t *p, size_t n, uint32_t *cp, size_t max)
{
    size_t    i, k, o, need;
    uint32_t  c, min;

    o = 0;

    for (i = 0; i < n && o < max; ) {
        c = p[i];

        if (c < 0x80) {
            cp[o++] = c;
            i++;
            continue;
        }

        if (c >= 0xc2 && c <= 0xdf) {
            need = 1; c &= 0x1f; min = 0x80;
        } else if (c >= 0xe0 && c <= 0xef) {
            need = 2; c &= 0x0f; min = 0x800;
        } else if (c >= 0xf0 && c <= 0xf4) {
            need = 3; c &= 0x07; min = 0x10000;
        } else {
            cp[o++] = 0xfffd;
            i++;
            continue;
        }

        for (k = 1; k <= need; k++) {
            if (i + k >= n || (p[i + k] & 0xc0) != 0x80) {
                break;
            }

            c = (c << 6) | (p[i + k] & 0x3f);
        }

        if (k <= need) {
            cp[o++] = 0xfffd;
            i += k;
            continue;
        }

        if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
            c = 0xfffd;
        }

        cp[o++] = c;
        i += need + 1;
    }

    return o;
}


REF static size_t
ref_utf8(uint32_t c, char *o)
{
    if (c < 0x80) {
        o[0] = (char) c;
        return 1;
    }

    if (c < 0x800) {
        o[0] = (char) (0xc0 | (c >> 6));
        o[1] = (char) (0x80 | (c & 0x3f));
        return 2;
    }

    if (c < 0x10000) {
        o[0] = (char) (0xe0 | (c >> 12));
        o[1] = (char) (0x80 | ((c >> 6) & 0x3f));
        o[2] = (char) (0x80 | (c & 0x3f));
        return 3;
    }

    o[0] = (char) (0xf0 | (c >> 18));
    o[1] = (char) (0x80 | ((c >> 12) & 0x3f));
    o[2] = (char) (0x80 | ((c >> 6) & 0x3f));
    o[3] = (char) (0x80 | (c & 0x3f));
    return 4;
}


REF static int
ref_hexval(uint32_t c)
{
    if (c >= '0' && c <= '9') {
        return (int) (c - '0');
    }

    if (c >= 'a' && c <= 'f') {
        return (int) (c - 'a' + 10);
    }

    if (c >= 'A' && c <= 'F') {
        return (int) (c - 'A' + 10);
    }

    return -1;
}


/* forbidden domain code point (3.1) */
REF static int
ref_forbidden_domain(uint32_t c)
{
    return c <= 0x1f || c == 0x7f || c == 0 || c == '\t' || c == '\n'
           || c == '\r' || c == ' ' || c == '#' || c == '/' || c == ':'
           || c == '<' || c == '>' || c == '?' || c == '@' || c == '['
           || c == '\\' || c == ']' || c == '^' || c == '|' || c == '%';
}


/*
 * The host parser, special URL (3.5): 0 and url->host set, or -1.
 * "Domain to ASCII" with beStrict false, through the UTS 46 subset above.
 */
REF static int
ref_host(const uint32_t *in, size_t n, ref_url_t *url)
{
    int       hi, lo;
    size_t    i, m, k, last;
    uint32_t  c, *cp;
    uint8_t  *bytes, *dec;
    char      tmp[4];

    url->vague = 0;
    url->host_len = 0;

    if (n && in[0] == '[') {
        if (in[n - 1] != ']') {
            return -1;                        /* IPv6 parse fails */
        }

        url->vague = 1;
        url->host[0] = '[';
        url->host_len = 1;
        return 0;
    }

    /* UTF-8 percent-decode the UTF-8 encoding of the input */

    bytes = malloc(n * 4 + 1);
    dec = malloc(n * 4 + 1);
    cp = malloc((n * 4 + 1) * sizeof(uint32_t));

    if (bytes == NULL || dec == NULL || cp == NULL) {
        abort();
    }

    m = 0;

    for (i = 0; i < n; i++) {
        k = ref_utf8(in[i], tmp);
        memcpy(bytes + m, tmp, k);
        m += k;
    }

    k = 0;

    for (i = 0; i < m; i++) {
        if (bytes[i] == '%' && i + 2 < m
            && (hi = ref_hexval(bytes[i + 1])) >= 0
            && (lo = ref_hexval(bytes[i + 2])) >= 0)
        {
            dec[k++] = (uint8_t) (hi * 16 + lo);
            i += 2;

        } else {
            dec[k++] = bytes[i];
        }
    }

    m = ref_decode(dec, k, cp, n * 4 + 1);

    /* UTS 46 mapping (subset) */

    for (i = 0; i < m; i++) {
        c = cp[i];

        if (c >= 'A' && c <= 'Z') {
            c += 32;

        } else if (c >= 0xff01 && c <= 0xff5e) {
            c -= 0xfee0;

            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }

        } else if (c == 0x3002 || c == 0xff0e || c == 0xff61) {
            c = '.';

        } else if (c == 0xad || c == 0x200b || c == 0x2060 || c == 0xfeff)
        {
            continue;

        } else if (c >= 0x80) {
            url->vague = 1;
        }

        if (c < 0x80 && ref_forbidden_domain(c)) {
            free(bytes);
            free(dec);
            free(cp);
            return -1;
        }

        url->host_len += ref_utf8(c, url->host + url->host_len);
    }

    free(bytes);
    free(dec);
    free(cp);

    if (url->host_len == 0) {
        return -1;
    }

    /* "xn--" labels are validated by ToASCII; numbers go to IPv4 */

    for (i = 0; i + 4 <= url->host_len; i++) {
        if ((i == 0 || url->host[i - 1] == '.')
            && memcmp(url->host + i, "xn--", 4) == 0)
        {
            url->vague = 1;
        }
    }

    k = url->host_len;

    if (url->host[k - 1] == '.') {
        k--;
    }

    for (last = k; last > 0 && url->host[last - 1] != '.'; last--) {
        /* void */
    }

    if (last < k) {
        for (i = last; i < k; i++) {
            if (url->host[i] < '0' || url->host[i] > '9') {
                break;
            }
        }

        if (i == k || (k - last >= 2 && url->host[last] == '0'
                       && (url->host[last + 1] | 0x20) == 'x'))
        {
            url->vague = 1;                   /* the IPv4 parser */
        }
    }

    return 0;
}


/* path percent-encode set (1.3) */
REF static int
ref_path_set(uint32_t c)
{
    return c < 0x20 || c > 0x7e || c == ' ' || c == '"' || c == '#'
           || c == '<' || c == '>' || c == '?' || c == '^' || c == '`'
           || c == '{' || c == '}';
}


REF static int
ref_ieq(const char *a, size_t n, const char *b)
{
    size_t  i;

    if (strlen(b) != n) {
        return 0;
    }

    for (i = 0; i < n; i++) {
        if ((a[i] | (a[i] >= 'A' && a[i] <= 'Z' ? 0x20 : 0)) != b[i]) {
            return 0;
        }
    }

    return 1;
}


REF static void
ref_shorten(ref_url_t *url)
{
    if (url->npath == 0) {
        return;
    }

    while (url->path_len && url->path[url->path_len - 1] != '/') {
        url->path_len--;
    }

    url->path_len--;
    url->npath--;
}


REF static void
ref_append(ref_url_t *url, const char *s, size_t n)
{
    url->path[url->path_len++] = '/';
    memcpy(url->path + url->path_len, s, n);
    url->path_len += n;
    url->npath++;
}


enum {
    S_SCHEME_START, S_SCHEME, S_NO_SCHEME, S_SPECIAL_RELATIVE_OR_AUTHORITY,
    S_RELATIVE, S_RELATIVE_SLASH, S_SPECIAL_AUTHORITY_SLASHES,
    S_SPECIAL_AUTHORITY_IGNORE_SLASHES, S_AUTHORITY, S_HOST, S_PORT,
    S_PATH_START, S_PATH
};

#define EOF_CP  0xffffffffu


/* the basic URL parser (4.4) for the special schemes http and https */
REF static int
ref_parse(const uint8_t *p, size_t len, const ref_url_t *base,
    ref_url_t *url)
{
    int        state, at, brackets;
    long       ptr;
    size_t     n, m, i, b, k;
    uint32_t   c, *in, *raw, *buf;
    uint64_t   port;
    char      *seg, tmp[4];
    static const char  hex[] = "0123456789ABCDEF";

    raw = malloc((len + 1) * sizeof(uint32_t));
    in = malloc((len + 1) * sizeof(uint32_t));
    buf = malloc((len + 1) * sizeof(uint32_t));
    seg = malloc(len * 12 + 1);

    if (raw == NULL || in == NULL || buf == NULL || seg == NULL) {
        abort();
    }

    m = ref_decode(p, len, raw, len + 1);

    /* strip leading and trailing C0 control or space; tab, newline */

    i = 0;

    while (i < m && raw[i] <= 0x20) {
        i++;
    }

    while (m > i && raw[m - 1] <= 0x20) {
        m--;
    }

    n = 0;

    for ( /* void */ ; i < m; i++) {
        if (raw[i] != '\t' && raw[i] != '\n' && raw[i] != '\r') {
            in[n++] = raw[i];
        }
    }

    memset(url, 0, offsetof(ref_url_t, host));
    url->npath = 0;
    url->path_len = 0;

    state = S_SCHEME_START;
    b = 0;                                       /* buffer length */
    k = 0;                                       /* seg length */
    at = 0;
    brackets = 0;

#define RET(rc)                                                              \
    do { free(raw); free(in); free(buf); free(seg); return (rc); } while (0)

    for (ptr = 0; ; ptr++) {
        c = ((size_t) ptr < n) ? in[ptr] : EOF_CP;

        switch (state) {

        case S_SCHEME_START:
            if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z' && c < 0x80) {
                buf[b++] = c | 0x20;
                state = S_SCHEME;

            } else {
                state = S_NO_SCHEME;
                ptr--;
            }

            break;

        case S_SCHEME:
            if (c < 0x80 && (((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
                             || (c >= '0' && c <= '9') || c == '+'
                             || c == '-' || c == '.'))
            {
                buf[b++] = (c >= 'A' && c <= 'Z') ? c | 0x20 : c;

            } else if (c == ':') {
                if (b == 4 && buf[0] == 'h' && buf[1] == 't' && buf[2] == 't'
                    && buf[3] == 'p')
                {
                    url->scheme = 1;

                } else if (b == 5 && buf[0] == 'h' && buf[1] == 't'
                           && buf[2] == 't' && buf[3] == 'p' && buf[4] == 's')
                {
                    url->scheme = 2;

                } else {
                    RET(REF_OTHER);             /* file, ws, ftp, data... */
                }

                b = 0;

                if (base != NULL && base->scheme == url->scheme) {
                    state = S_SPECIAL_RELATIVE_OR_AUTHORITY;

                } else {
                    state = S_SPECIAL_AUTHORITY_SLASHES;
                }

            } else {
                b = 0;
                state = S_NO_SCHEME;
                ptr = -1;
            }

            break;

        case S_NO_SCHEME:
            if (base == NULL) {
                RET(REF_FAIL);
            }

            state = S_RELATIVE;
            ptr--;
            break;

        case S_SPECIAL_RELATIVE_OR_AUTHORITY:
            if (c == '/' && (size_t) ptr + 1 < n && in[ptr + 1] == '/') {
                state = S_SPECIAL_AUTHORITY_IGNORE_SLASHES;
                ptr++;

            } else {
                state = S_RELATIVE;
                ptr--;
            }

            break;

        case S_RELATIVE:
            url->scheme = base->scheme;

            if (c == '/' || c == '\\') {
                state = S_RELATIVE_SLASH;
                break;
            }

            memcpy(url->host, base->host, base->host_len);
            url->host_len = base->host_len;
            url->vague = base->vague;
            memcpy(url->path, base->path, base->path_len);
            url->path_len = base->path_len;
            url->npath = base->npath;

            if (c == '?' || c == '#' || c == EOF_CP) {
                RET(REF_OK);
            }

            ref_shorten(url);
            state = S_PATH;
            ptr--;
            break;

        case S_RELATIVE_SLASH:
            if (c == '/' || c == '\\') {
                state = S_SPECIAL_AUTHORITY_IGNORE_SLASHES;

            } else {
                memcpy(url->host, base->host, base->host_len);
                url->host_len = base->host_len;
                url->vague = base->vague;
                state = S_PATH;
                ptr--;
            }

            break;

        case S_SPECIAL_AUTHORITY_SLASHES:
            state = S_SPECIAL_AUTHORITY_IGNORE_SLASHES;

            if (c == '/' && (size_t) ptr + 1 < n && in[ptr + 1] == '/') {
                ptr++;

            } else {
                ptr--;
            }

            break;

        case S_SPECIAL_AUTHORITY_IGNORE_SLASHES:
            if (c != '/' && c != '\\') {
                state = S_AUTHORITY;
                ptr--;
            }

            break;

        case S_AUTHORITY:
            if (c == '@') {
                at = 1;
                b = 0;

            } else if (c == EOF_CP || c == '/' || c == '?' || c == '#'
                       || c == '\\')
            {
                if (at && b == 0) {
                    RET(REF_FAIL);
                }

                ptr -= (long) b + 1;
                b = 0;
                state = S_HOST;

            } else {
                buf[b++] = c;
            }

            break;

        case S_HOST:
            if (c == ':' && !brackets) {
                if (b == 0 || ref_host(buf, b, url) != 0) {
                    RET(REF_FAIL);
                }

                b = 0;
                state = S_PORT;

            } else if (c == EOF_CP || c == '/' || c == '?' || c == '#'
                       || c == '\\')
            {
                ptr--;

                if (b == 0 || ref_host(buf, b, url) != 0) {
                    RET(REF_FAIL);
                }

                b = 0;
                state = S_PATH_START;

            } else {
                if (c == '[') {
                    brackets = 1;
                }

                if (c == ']') {
                    brackets = 0;
                }

                buf[b++] = c;
            }

            break;

        case S_PORT:
            if (c >= '0' && c <= '9') {
                buf[b++] = c;

            } else if (c == EOF_CP || c == '/' || c == '?' || c == '#'
                       || c == '\\')
            {
                port = 0;

                for (i = 0; i < b; i++) {
                    port = port * 10 + (buf[i] - '0');

                    if (port > 65535) {
                        RET(REF_FAIL);
                    }
                }

                b = 0;
                state = S_PATH_START;
                ptr--;

            } else {
                RET(REF_FAIL);
            }

            break;

        case S_PATH_START:
            state = S_PATH;

            if (c != '/' && c != '\\') {
                ptr--;
            }

            break;

        case S_PATH:
            if (c == EOF_CP || c == '/' || c == '\\' || c == '?' || c == '#')
            {
                if (ref_ieq(seg, k, "..") || ref_ieq(seg, k, ".%2e")
                    || ref_ieq(seg, k, "%2e.") || ref_ieq(seg, k, "%2e%2e"))
                {
                    ref_shorten(url);

                    if (c != '/' && c != '\\') {
                        ref_append(url, "", 0);
                    }

                } else if ((ref_ieq(seg, k, ".") || ref_ieq(seg, k, "%2e")))
                {
                    if (c != '/' && c != '\\') {
                        ref_append(url, "", 0);
                    }

                } else {
                    ref_append(url, seg, k);
                }

                k = 0;

                if (c == EOF_CP || c == '?' || c == '#') {
                    RET(REF_OK);
                }

            } else if (ref_path_set(c)) {
                size_t  l, j;

                l = ref_utf8(c, tmp);

                for (j = 0; j < l; j++) {
                    seg[k++] = '%';
                    seg[k++] = hex[(uint8_t) tmp[j] >> 4];
                    seg[k++] = hex[(uint8_t) tmp[j] & 0x0f];
                }

            } else {
                seg[k++] = (char) c;
            }

            break;
        }
    }

#undef RET
}


static ref_url_t  ref_doc_http, ref_doc_https, ref_base, ref_a, ref_b;
static cc_url_t   cc_base;
static int        ready;


static void
setup(void)
{
    static const char  doc_http[] = "http://doc.invalid/d/p";
    static const char  doc_https[] = "https://doc.invalid/d/p";
    static const char  base[] = "https://b.example/x/y";

    if (ref_parse((const uint8_t *) doc_http, sizeof(doc_http) - 1, NULL,
                  &ref_doc_http) != REF_OK
        || ref_parse((const uint8_t *) doc_https, sizeof(doc_https) - 1,
                     NULL, &ref_doc_https) != REF_OK
        || ref_parse((const uint8_t *) base, sizeof(base) - 1, NULL,
                     &ref_base) != REF_OK
        || cc_url_parse((const unsigned char *) base, sizeof(base) - 1, NULL,
                        &cc_base) != CC_URL_OK)
    {
        abort();
    }

    ready = 1;
}


/* the reference's host, less one trailing dot, equals ours */
static int
same_host(const ref_url_t *r, const cc_url_t *u)
{
    size_t  n;

    n = r->host_len;

    if (n > 1 && r->host[n - 1] == '.') {
        n--;
    }

    return n == u->host_len && memcmp(r->host, u->host, n) == 0;
}


static int
is_doc(const ref_url_t *r)
{
    return r->host_len == 11 && memcmp(r->host, "doc.invalid", 11) == 0;
}


/* a host's length less its trailing dots (no rule host ends in one) */
static size_t
undotted(const cc_url_t *u)
{
    size_t  n;

    for (n = u->host_len; n > 1 && u->host[n - 1] == '.'; n--) {
        /* void */
    }

    return n;
}


static void
check_idempotent(const cc_url_t *u)
{
    size_t         n;
    cc_url_t       again;
    unsigned char  ser[CC_URL_SERIAL_MAX];

    if (u->dropped || u->unsure) {
        return;
    }

    n = cc_url_serialize(u, ser);

    if (cc_url_parse(ser, n, NULL, &again) != CC_URL_OK
        || undotted(&again) != undotted(u)
        || memcmp(again.host, u->host, undotted(u)) != 0
        || again.unsure
        || (u->path_len && (again.path_len != u->path_len
                            || memcmp(again.path, u->path, u->path_len)
                               != 0)))
    {
        abort();
    }
}


static int
valid_utf8(const uint8_t *p, size_t n)
{
    size_t    i, k;
    uint32_t  cp[1];

    for (i = 0; i < n; i += k) {
        if (p[i] < 0x80) {
            k = 1;
            continue;
        }

        k = (p[i] >= 0xf0) ? 4 : (p[i] >= 0xe0) ? 3 : 2;

        if (i + k > n || ref_decode(p + i, k, cp, 1) != 1 || cp[0] == 0xfffd)
        {
            return 0;
        }
    }

    return 1;
}


/* the bytes between two link-values: spaces, tabs and commas only */
static void
check_gap(const unsigned char *p, const unsigned char *end)
{
    for ( /* void */ ; p < end; p++) {
        if (*p != ' ' && *p != '\t' && *p != ',') {
            abort();
        }
    }
}


static void
check_link(const unsigned char *data, size_t size)
{
    int                        rc;
    size_t                     n;
    const unsigned char       *pos, *end, *last, *u, *v, *ve;

    static cc_url_link_urls_t  it;

    pos = data;
    end = data + size;
    last = data;

    for ( ;; ) {
        rc = cc_url_link_next(&pos, end, &u, &n, &v, &ve);

        if (pos < last || pos > end) {
            abort();
        }

        if (rc == CC_URL_LINK_END) {
            if (pos != end) {
                abort();
            }

            check_gap(last, end);
            break;
        }

        if ((rc != CC_URL_LINK_OK && rc != CC_URL_LINK_BAD)
            || v < last || ve <= v || ve > pos
            || v[0] == ' ' || v[0] == '\t'
            || ve[-1] == ' ' || ve[-1] == '\t'
            || (rc == CC_URL_LINK_OK && (u == NULL || v[0] != '<'))
            || (u != NULL && (u <= v || u + n >= ve)))
        {
            abort();
        }

        check_gap(last, v);
        last = ve;

        cc_url_link_urls_init(&it, v, ve);

        while (cc_url_link_urls_next(&it, &u, &n)) {
            if (!((u >= v && u + n <= ve)
                  || (u >= it.buf && u + n <= it.buf + sizeof(it.buf))))
            {
                abort();
            }
        }
    }
}


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int                   rc, ra, rb, mode, utf8;
    size_t                n;
    cc_url_t              u[2];
    unsigned char        *dec;
    const unsigned char  *pos, *end, *s;

    if (!ready) {
        setup();
    }

    if (size == 0 || size > REF_MAX) {
        return 0;
    }

    mode = data[0] & 1;
    data++;
    size--;

    utf8 = valid_utf8(data, size);

    if (mode == 0) {

        /* against the document: http and https readings */

        rc = cc_url_parse(data, size, NULL, &u[0]);
        ra = ref_parse(data, size, &ref_doc_http, &ref_a);
        rb = ref_parse(data, size, &ref_doc_https, &ref_b);

        if (rc != CC_URL_OK) {
            if ((ra == REF_OK && !is_doc(&ref_a) && !ref_a.vague)
                || (rb == REF_OK && !is_doc(&ref_b) && !ref_b.vague))
            {
                abort();                     /* missed a host */
            }

        } else if (u[0].host_len == 0) {
            abort();                         /* OK means a host */

        } else if (u[0].unsure) {
            if ((ra == REF_OK && !is_doc(&ref_a) && !ref_a.vague)
                || (rb == REF_OK && !is_doc(&ref_b) && !ref_b.vague))
            {
                abort();                     /* unsure, but it parses */
            }

        } else if (!(ra == REF_OK
                     && (ref_a.vague || same_host(&ref_a, &u[0])))
                   && !(rb == REF_OK
                        && (ref_b.vague || same_host(&ref_b, &u[0]))))
        {
            abort();                         /* a host no reading gives */
        }

        if (rc == CC_URL_OK && !u[0].unsure && utf8 && !u[0].dropped
            && ((ra == REF_OK && !ref_a.vague && !is_doc(&ref_a)
                 && same_host(&ref_a, &u[0])
                 && (ref_a.path_len != u[0].path_len
                     || memcmp(ref_a.path, u[0].path, u[0].path_len) != 0))
                || (rb == REF_OK && !ref_b.vague && !is_doc(&ref_b)
                    && same_host(&ref_b, &u[0])
                    && (ref_b.path_len != u[0].path_len
                        || memcmp(ref_b.path, u[0].path, u[0].path_len)
                           != 0))))
        {
            abort();                         /* another path */
        }

        if (rc == CC_URL_OK) {
            check_idempotent(&u[0]);
        }

    } else {

        /* against "https://b.example/x/y": one reading */

        rc = cc_url_parse(data, size, &cc_base, &u[0]);
        ra = ref_parse(data, size, &ref_base, &ref_a);

        if (rc != CC_URL_OK) {
            if (ra == REF_OK && !ref_a.vague) {
                abort();
            }

        } else if (u[0].unsure) {
            if (ra == REF_OK && !ref_a.vague) {
                abort();
            }

        } else if (ra != REF_OK
                   || (!ref_a.vague && !same_host(&ref_a, &u[0])))
        {
            abort();

        } else if (!ref_a.vague && utf8 && !u[0].dropped
                   && (ref_a.path_len != u[0].path_len
                       || memcmp(ref_a.path, u[0].path, u[0].path_len)
                          != 0))
        {
            abort();
        }

        if (rc == CC_URL_OK) {
            check_idempotent(&u[0]);
        }

        /* every reading lies in its buffers */
        (void) cc_url_resolve(data, size, &cc_base, u);
    }

    /* character references, srcset, refresh: in bounds */

    dec = malloc(size * 2 + 1);
    if (dec == NULL) {
        abort();
    }

    n = cc_url_decode_attr(data, size, dec, size * 2 + 1);

    if (n > size * 2 + 1
        || (memchr(data, '&', size) == NULL
            && (n != size || memcmp(dec, data, size) != 0)))
    {
        abort();
    }

    pos = data;
    end = data + size;

    while (cc_url_srcset_next(&pos, end, &s, &n)) {
        if (s < data || s + n > end || pos > end || n == 0) {
            abort();
        }
    }

    if (cc_url_refresh(data, size, &s, &n) == 0
        && (s < data || s + n > end))
    {
        abort();
    }

    free(dec);

    check_link(data, size);

    return 0;
}
