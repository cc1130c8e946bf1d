/*
 * nginx-cookie-consent: bridge mode parsers (see cc_bridge.h).
 *
 * Plain C99 and libc.  No allocation, no recursion; every read is
 * checked against the end of its buffer.
 */

#include <limits.h>
#include <string.h>

#include "cc_bridge.h"
#include "cc_util.h"


#define CC_BRIDGE_T_ERROR    0
#define CC_BRIDGE_T_EOF      1
#define CC_BRIDGE_T_LBRACE   2
#define CC_BRIDGE_T_RBRACE   3
#define CC_BRIDGE_T_LBRACK   4
#define CC_BRIDGE_T_RBRACK   5
#define CC_BRIDGE_T_COLON    6
#define CC_BRIDGE_T_COMMA    7
#define CC_BRIDGE_T_STRING   8
#define CC_BRIDGE_T_NUMBER   9
#define CC_BRIDGE_T_TRUE     10
#define CC_BRIDGE_T_FALSE    11
#define CC_BRIDGE_T_NULL     12
#define CC_BRIDGE_T_IDENT    13

/* states of the value skipper */
#define CC_BRIDGE_S_KEY_OR_END    0
#define CC_BRIDGE_S_KEY           1
#define CC_BRIDGE_S_COLON         2
#define CC_BRIDGE_S_VALUE_OR_END  3
#define CC_BRIDGE_S_VALUE         4
#define CC_BRIDGE_S_NEXT          5

/* how several names of theirs combine into one category of ours */
#define CC_BRIDGE_ANY    0
#define CC_BRIDGE_EVERY  1


typedef struct {
    const unsigned char  *p;
    const unsigned char  *end;
    int                   js;       /* JavaScript object literal */
} cc_bridge_lex_t;


typedef struct {
    int                   type;
    const unsigned char  *start;    /* strings: without the quotes */
    size_t                len;
    int                   escaped;  /* strings: contain a backslash */
} cc_bridge_tok_t;


typedef struct {
    const char           *theirs;
    const char           *ours;
} cc_bridge_def_t;


static const cc_bridge_conf_t  cc_bridge_null_conf;

static const unsigned char  cc_bridge_empty[1];


static const char  *cc_bridge_source_names[CC_BRIDGE_NSOURCES] = {
    "cookieconsent",
    "klaro",
    "cookiebot",
    "onetrust",
    "complianz",
    "tarteaucitron",
    "tcf"
};


static const char  *cc_bridge_cookie_names[CC_BRIDGE_NSOURCES] = {
    "cc_cookie",
    "klaro",
    "CookieConsent",
    "OptanonConsent",
    "cmplz_",
    "tarteaucitron",
    "euconsent-v2"
};


static const cc_bridge_def_t  cc_bridge_cookiebot_defs[] = {
    { "necessary", "necessary" },
    { "preferences", "preferences" },
    { "statistics", "analytics" },
    { "marketing", "marketing" },
    { NULL, NULL }
};


static const cc_bridge_def_t  cc_bridge_onetrust_defs[] = {
    { "C0001", "necessary" },
    { "C0002", "analytics" },
    { "C0003", "preferences" },
    { "C0004", "marketing" },
    { "C0005", "marketing" },
    { NULL, NULL }
};


static const cc_bridge_def_t  cc_bridge_complianz_defs[] = {
    { "functional", "necessary" },
    { "preferences", "preferences" },
    { "statistics", "analytics" },
    { "marketing", "marketing" },
    { NULL, NULL }
};


static const char  *cc_bridge_complianz_names[] = {
    "functional",
    "preferences",
    "statistics",
    "statistics-anonymous",
    "marketing",
    NULL
};


static const cc_bridge_def_t  cc_bridge_tarteaucitron_defs[] = {
    { "gtag", "analytics" },
    { "analytics", "analytics" },
    { "gajs", "analytics" },
    { "multiplegtag", "analytics" },
    { "googletagmanager", "analytics" },
    { "matomo", "analytics" },
    { "hotjar", "analytics" },
    { "facebookpixel", "marketing" },
    { "linkedininsighttag", "marketing" },
    { "twitter", "marketing" },
    { "adsense", "marketing" },
    { "googleads", "marketing" },
    { "googleadwordsconversion", "marketing" },
    { "googleadwordsremarketing", "marketing" },
    { NULL, NULL }
};


/* TCF purpose number -> our category, index = purpose */
static const char  *cc_bridge_tcf_defs[25] = {
    NULL,
    NULL,                         /* 1: required for everything */
    "marketing",                  /* 2: basic ads */
    "marketing",                  /* 3: personalised ads profile */
    "marketing",                  /* 4: personalised ads */
    NULL,                         /* 5: personalised content profile */
    NULL,                         /* 6: personalised content */
    "analytics",                  /* 7: measure ad performance */
    "analytics",                  /* 8: measure content performance */
    "analytics",                  /* 9: audience research */
    "analytics",                  /* 10: develop and improve services */
    NULL, NULL, NULL, NULL, NULL, NULL, NULL,
    NULL, NULL, NULL, NULL, NULL, NULL, NULL
};


/* helpers */

static int
cc_bridge_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}


static int
cc_bridge_eq(const unsigned char *a, size_t alen, const char *b)
{
    size_t  blen;

    blen = strlen(b);

    return alen == blen && (alen == 0 || memcmp(a, b, alen) == 0);
}


static int
cc_bridge_eqn(const unsigned char *a, size_t alen, const unsigned char *b,
    size_t blen)
{
    if (alen != blen) {
        return 0;
    }

    return alen == 0 || (a != NULL && b != NULL && memcmp(a, b, alen) == 0);
}


/* a non-negative decimal integer, no sign, fraction or exponent */
static int
cc_bridge_int(const unsigned char *p, size_t len, long long *v)
{
    long long  x;
    size_t     i;

    if (len == 0) {
        return -1;
    }

    x = 0;

    for (i = 0; i < len; i++) {
        if (!cc_bridge_digit(p[i])) {
            return -1;
        }

        if (x > (LLONG_MAX - (p[i] - '0')) / 10) {
            return -1;
        }

        x = x * 10 + (p[i] - '0');
    }

    *v = x;

    return 0;
}


void
cc_bridge_result_init(cc_bridge_result_t *r)
{
    memset(r, 0, sizeof(cc_bridge_result_t));

    r->granted = 1;
    r->expires = -1;
    r->issued = -1;
    r->revision = -1;
}


static void
cc_bridge_finish(cc_bridge_result_t *r, int mode)
{
    if (!r->decided) {
        r->granted = 1;
        return;
    }

    if (mode == CC_BRIDGE_EVERY) {
        r->granted = (r->accepted & ~r->denied) | 1;

    } else {
        r->granted = r->accepted | 1;
    }
}


static void
cc_bridge_set_id(cc_bridge_result_t *r, const unsigned char *s, size_t n)
{
    size_t         i;
    unsigned char  c;

    if (n == 0 || n > CC_BRIDGE_ID_MAX) {
        return;
    }

    for (i = 0; i < n; i++) {
        c = s[i];

        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
            || cc_bridge_digit(c)
            || c == '-' || c == '_' || c == '.' || c == ':' || c == '+'
            || c == '/' || c == '=')
        {
            continue;
        }

        return;
    }

    memcpy(r->id, s, n);
    r->id_len = n;
}


/* name resolution */

static void
cc_bridge_mark(const cc_bridge_conf_t *conf, const unsigned char *ours,
    size_t len, int yes, cc_bridge_result_t *r)
{
    int       idx;
    uint32_t  bit;

    if (conf->category == NULL) {
        return;
    }

    idx = conf->category(conf->data, ours, len);

    if (idx < 0 || idx > 31) {
        return;
    }

    bit = (uint32_t) 1 << idx;

    if (yes) {
        r->accepted |= bit;

    } else {
        r->denied |= bit;
    }
}


static void
cc_bridge_name(const cc_bridge_conf_t *conf, const cc_bridge_def_t *defs,
    int direct, const unsigned char *name, size_t len, int yes,
    cc_bridge_result_t *r)
{
    int                     found;
    size_t                  i;
    const cc_bridge_map_t  *m;
    const cc_bridge_def_t  *d;

    found = 0;

    if (conf->map != NULL) {
        for (i = 0; i < conf->nmap; i++) {
            m = &conf->map[i];

            if (cc_bridge_eqn(m->theirs, m->theirs_len, name, len)) {
                cc_bridge_mark(conf, m->ours != NULL ? m->ours
                                                     : cc_bridge_empty,
                               m->ours_len, yes, r);
                found = 1;
            }
        }
    }

    if (found) {
        return;
    }

    if (defs != NULL) {
        for (d = defs; d->theirs != NULL; d++) {
            if (cc_bridge_eq(name, len, d->theirs)) {
                cc_bridge_mark(conf, (const unsigned char *) d->ours,
                               strlen(d->ours), yes, r);
                return;
            }
        }
    }

    if (direct) {
        cc_bridge_mark(conf, name, len, yes, r);
    }
}


/* percent-decoding */

long
cc_bridge_urldecode(unsigned char *dst, size_t dst_size,
    const unsigned char *src, size_t len)
{
    if (len == 0) {
        return 0;
    }

    if (src == NULL || dst == NULL || len > LONG_MAX) {
        return -1;
    }

    return cc_util_urldecode(dst, dst_size, src, len, 0);
}


/*
 * Length checks a cookie value and percent-decodes it into buf when it
 * contains '%' and decodes cleanly; otherwise the raw value is used.
 */
static long
cc_bridge_prepare(const unsigned char *value, size_t len,
    unsigned char *buf, const unsigned char **out)
{
    long  n;

    *out = cc_bridge_empty;

    if (len > CC_BRIDGE_MAX_LEN || (value == NULL && len != 0)) {
        return -1;
    }

    if (len == 0) {
        return 0;
    }

    *out = value;

    if (memchr(value, '%', len) == NULL) {
        return (long) len;
    }

    n = cc_bridge_urldecode(buf, CC_BRIDGE_MAX_LEN, value, len);

    if (n < 0) {
        return (long) len;
    }

    *out = buf;

    return n;
}


/* JSON and JavaScript object literal lexer */

static void
cc_bridge_lex(cc_bridge_lex_t *lx, cc_bridge_tok_t *t)
{
    unsigned char         c, q;
    const unsigned char  *p, *end, *s;

    p = lx->p;
    end = lx->end;

    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
    {
        p++;
    }

    t->start = p;
    t->len = 0;
    t->escaped = 0;

    if (p == end) {
        t->type = CC_BRIDGE_T_EOF;
        lx->p = p;
        return;
    }

    c = *p;

    switch (c) {

    case '{':
        t->type = CC_BRIDGE_T_LBRACE;
        p++;
        break;

    case '}':
        t->type = CC_BRIDGE_T_RBRACE;
        p++;
        break;

    case '[':
        t->type = CC_BRIDGE_T_LBRACK;
        p++;
        break;

    case ']':
        t->type = CC_BRIDGE_T_RBRACK;
        p++;
        break;

    case ':':
        t->type = CC_BRIDGE_T_COLON;
        p++;
        break;

    case ',':
        t->type = CC_BRIDGE_T_COMMA;
        p++;
        break;

    case '\'':
        if (!lx->js) {
            goto error;
        }

        /* fall through */

    case '"':
        q = c;
        s = ++p;

        for ( ;; ) {
            if (p == end) {
                goto error;
            }

            c = *p;

            if (c == q) {
                break;
            }

            if (c < 0x20) {
                goto error;
            }

            if (c != '\\') {
                p++;
                continue;
            }

            t->escaped = 1;

            if (++p == end) {
                goto error;
            }

            c = *p++;

            switch (c) {

            case 'u':
                if (end - p < 4
                    || cc_util_hex(p[0]) < 0 || cc_util_hex(p[1]) < 0
                    || cc_util_hex(p[2]) < 0 || cc_util_hex(p[3]) < 0)
                {
                    goto error;
                }

                p += 4;
                break;

            case '"': case '\\': case '/':
            case 'b': case 'f': case 'n': case 'r': case 't':
                break;

            default:
                if (!lx->js || c < 0x20) {
                    goto error;
                }
            }
        }

        t->type = CC_BRIDGE_T_STRING;
        t->start = s;
        t->len = (size_t) (p - s);
        p++;
        break;

    default:

        if (c == '-' || cc_bridge_digit(c)) {
            s = p;

            if (c == '-') {
                p++;
            }

            if (p == end || !cc_bridge_digit(*p)) {
                goto error;
            }

            if (*p == '0') {
                p++;

            } else {
                while (p < end && cc_bridge_digit(*p)) {
                    p++;
                }
            }

            if (p < end && *p == '.') {
                p++;

                if (p == end || !cc_bridge_digit(*p)) {
                    goto error;
                }

                while (p < end && cc_bridge_digit(*p)) {
                    p++;
                }
            }

            if (p < end && (*p == 'e' || *p == 'E')) {
                p++;

                if (p < end && (*p == '+' || *p == '-')) {
                    p++;
                }

                if (p == end || !cc_bridge_digit(*p)) {
                    goto error;
                }

                while (p < end && cc_bridge_digit(*p)) {
                    p++;
                }
            }

            t->type = CC_BRIDGE_T_NUMBER;
            t->start = s;
            t->len = (size_t) (p - s);
            break;
        }

        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
            || (lx->js && (c == '_' || c == '$')))
        {
            s = p;

            while (p < end
                   && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')
                       || cc_bridge_digit(*p) || *p == '_' || *p == '$'))
            {
                p++;
            }

            t->start = s;
            t->len = (size_t) (p - s);

            if (cc_bridge_eq(s, t->len, "true")) {
                t->type = CC_BRIDGE_T_TRUE;

            } else if (cc_bridge_eq(s, t->len, "false")) {
                t->type = CC_BRIDGE_T_FALSE;

            } else if (cc_bridge_eq(s, t->len, "null")) {
                t->type = CC_BRIDGE_T_NULL;

            } else if (lx->js) {
                t->type = CC_BRIDGE_T_IDENT;

            } else {
                goto error;
            }

            break;
        }

        goto error;
    }

    lx->p = p;
    return;

error:

    t->type = CC_BRIDGE_T_ERROR;
    lx->p = end;
}


static int
cc_bridge_is_key(const cc_bridge_lex_t *lx, const cc_bridge_tok_t *t)
{
    if (t->type == CC_BRIDGE_T_STRING) {
        return 1;
    }

    return lx->js && (t->type == CC_BRIDGE_T_IDENT
                      || t->type == CC_BRIDGE_T_TRUE
                      || t->type == CC_BRIDGE_T_FALSE
                      || t->type == CC_BRIDGE_T_NULL);
}


static int
cc_bridge_is_scalar(const cc_bridge_lex_t *lx, const cc_bridge_tok_t *t)
{
    switch (t->type) {

    case CC_BRIDGE_T_STRING:
    case CC_BRIDGE_T_NUMBER:
    case CC_BRIDGE_T_TRUE:
    case CC_BRIDGE_T_FALSE:
    case CC_BRIDGE_T_NULL:
        return 1;

    case CC_BRIDGE_T_IDENT:
        return lx->js;

    default:
        return 0;
    }
}


/*
 * Skips (and syntax-checks) the value starting with token first, without
 * recursion; containers nest at most CC_BRIDGE_MAX_DEPTH deep.
 */
static int
cc_bridge_skip(cc_bridge_lex_t *lx, const cc_bridge_tok_t *first)
{
    int              depth, state, top;
    unsigned char    stack[CC_BRIDGE_MAX_DEPTH];
    cc_bridge_tok_t  t;

    if (cc_bridge_is_scalar(lx, first)) {
        return 0;
    }

    if (first->type == CC_BRIDGE_T_LBRACE) {
        state = CC_BRIDGE_S_KEY_OR_END;

    } else if (first->type == CC_BRIDGE_T_LBRACK) {
        state = CC_BRIDGE_S_VALUE_OR_END;

    } else {
        return -1;
    }

    depth = 0;
    stack[depth++] = (unsigned char) first->type;

    for ( ;; ) {
        cc_bridge_lex(lx, &t);

        switch (state) {

        case CC_BRIDGE_S_KEY_OR_END:
            if (t.type == CC_BRIDGE_T_RBRACE) {
                goto pop;
            }

            /* fall through */

        case CC_BRIDGE_S_KEY:
            if (!cc_bridge_is_key(lx, &t)) {
                return -1;
            }

            state = CC_BRIDGE_S_COLON;
            continue;

        case CC_BRIDGE_S_COLON:
            if (t.type != CC_BRIDGE_T_COLON) {
                return -1;
            }

            state = CC_BRIDGE_S_VALUE;
            continue;

        case CC_BRIDGE_S_VALUE_OR_END:
            if (t.type == CC_BRIDGE_T_RBRACK) {
                goto pop;
            }

            /* fall through */

        case CC_BRIDGE_S_VALUE:
            if (cc_bridge_is_scalar(lx, &t)) {
                state = CC_BRIDGE_S_NEXT;
                continue;
            }

            if (t.type != CC_BRIDGE_T_LBRACE && t.type != CC_BRIDGE_T_LBRACK) {
                return -1;
            }

            if (depth == CC_BRIDGE_MAX_DEPTH) {
                return -1;
            }

            stack[depth++] = (unsigned char) t.type;
            state = (t.type == CC_BRIDGE_T_LBRACE) ? CC_BRIDGE_S_KEY_OR_END
                                                   : CC_BRIDGE_S_VALUE_OR_END;
            continue;

        default: /* CC_BRIDGE_S_NEXT */
            top = stack[depth - 1];

            if (t.type == CC_BRIDGE_T_COMMA) {
                if (top == CC_BRIDGE_T_LBRACE) {
                    state = lx->js ? CC_BRIDGE_S_KEY_OR_END : CC_BRIDGE_S_KEY;

                } else {
                    state = lx->js ? CC_BRIDGE_S_VALUE_OR_END
                                   : CC_BRIDGE_S_VALUE;
                }

                continue;
            }

            if ((top == CC_BRIDGE_T_LBRACE && t.type == CC_BRIDGE_T_RBRACE)
                || (top == CC_BRIDGE_T_LBRACK && t.type == CC_BRIDGE_T_RBRACK))
            {
                goto pop;
            }

            return -1;
        }

    pop:

        if (--depth == 0) {
            return 0;
        }

        state = CC_BRIDGE_S_NEXT;
    }
}


/*
 * Next member of an object whose '{' has been read: 1 with the key and
 * the first token of the value (which the caller must consume), 0 at the
 * closing '}', -1 on a syntax error.  *first starts at 1.
 */
static int
cc_bridge_member(cc_bridge_lex_t *lx, int *first, cc_bridge_tok_t *key,
    cc_bridge_tok_t *val)
{
    cc_bridge_tok_t  t;

    cc_bridge_lex(lx, &t);

    if (t.type == CC_BRIDGE_T_RBRACE) {
        return 0;
    }

    if (!*first) {
        if (t.type != CC_BRIDGE_T_COMMA) {
            return -1;
        }

        cc_bridge_lex(lx, &t);

        if (lx->js && t.type == CC_BRIDGE_T_RBRACE) {
            return 0;
        }
    }

    *first = 0;

    if (!cc_bridge_is_key(lx, &t)) {
        return -1;
    }

    *key = t;

    cc_bridge_lex(lx, &t);

    if (t.type != CC_BRIDGE_T_COLON) {
        return -1;
    }

    cc_bridge_lex(lx, val);

    if (val->type == CC_BRIDGE_T_ERROR || val->type == CC_BRIDGE_T_EOF) {
        return -1;
    }

    return 1;
}


static size_t
cc_bridge_utf8(unsigned long cp, unsigned char *u)
{
    if (cp < 0x80) {
        u[0] = (unsigned char) cp;
        return 1;
    }

    if (cp < 0x800) {
        u[0] = (unsigned char) (0xc0 | (cp >> 6));
        u[1] = (unsigned char) (0x80 | (cp & 0x3f));
        return 2;
    }

    if (cp < 0x10000) {
        u[0] = (unsigned char) (0xe0 | (cp >> 12));
        u[1] = (unsigned char) (0x80 | ((cp >> 6) & 0x3f));
        u[2] = (unsigned char) (0x80 | (cp & 0x3f));
        return 3;
    }

    u[0] = (unsigned char) (0xf0 | (cp >> 18));
    u[1] = (unsigned char) (0x80 | ((cp >> 12) & 0x3f));
    u[2] = (unsigned char) (0x80 | ((cp >> 6) & 0x3f));
    u[3] = (unsigned char) (0x80 | (cp & 0x3f));
    return 4;
}


static long
cc_bridge_hex4(const unsigned char *p, const unsigned char *end)
{
    int   i, h;
    long  v;

    if (end - p < 4) {
        return -1;
    }

    v = 0;

    for (i = 0; i < 4; i++) {
        h = cc_util_hex(p[i]);

        if (h < 0) {
            return -1;
        }

        v = v << 4 | h;
    }

    return v;
}


/*
 * The text of a string or identifier token: the token itself when it has
 * no escapes, else decoded into buf (\uXXXX as UTF-8, surrogate pairs
 * joined, lone surrogates as U+FFFD).  Returns the length, or -1 when the
 * decoded text does not fit in size bytes.
 */
static long
cc_bridge_text(const cc_bridge_tok_t *t, unsigned char *buf, size_t size,
    const unsigned char **out)
{
    size_t                n, k;
    long                  cp, lo;
    unsigned char         c, u[4];
    const unsigned char  *p, *end;

    if (!t->escaped) {
        *out = t->start;
        return (long) t->len;
    }

    *out = buf;
    p = t->start;
    end = p + t->len;
    n = 0;

    while (p < end) {
        c = *p++;
        k = 1;
        u[0] = c;

        if (c == '\\' && p < end) {
            c = *p++;

            switch (c) {

            case 'b':
                u[0] = '\b';
                break;

            case 'f':
                u[0] = '\f';
                break;

            case 'n':
                u[0] = '\n';
                break;

            case 'r':
                u[0] = '\r';
                break;

            case 't':
                u[0] = '\t';
                break;

            case 'u':
                cp = cc_bridge_hex4(p, end);

                if (cp < 0) {
                    return -1;
                }

                p += 4;

                if (cp >= 0xd800 && cp <= 0xdbff
                    && end - p >= 6 && p[0] == '\\' && p[1] == 'u')
                {
                    lo = cc_bridge_hex4(p + 2, end);

                    if (lo >= 0xdc00 && lo <= 0xdfff) {
                        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
                        p += 6;
                    }
                }

                if (cp >= 0xd800 && cp <= 0xdfff) {
                    cp = 0xfffd;
                }

                k = cc_bridge_utf8((unsigned long) cp, u);
                break;

            default:
                u[0] = c;
            }
        }

        if (size - n < k) {
            return -1;
        }

        memcpy(buf + n, u, k);
        n += k;
    }

    return (long) n;
}


static int
cc_bridge_key_is(const cc_bridge_tok_t *key, const char *name)
{
    long                  n;
    unsigned char         buf[CC_BRIDGE_NAME_MAX];
    const unsigned char  *s;

    n = cc_bridge_text(key, buf, sizeof(buf), &s);

    return n >= 0 && cc_bridge_eq(s, (size_t) n, name);
}


static int
cc_bridge_tok_int(const cc_bridge_tok_t *t, long long *v)
{
    if (t->type != CC_BRIDGE_T_NUMBER) {
        return -1;
    }

    return cc_bridge_int(t->start, t->len, v);
}


static int
cc_bridge_leap(long long y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}


/*
 * "YYYY-MM-DDTHH:MM:SS[.fraction]Z" (as JavaScript's toISOString()
 * writes it), years 1970-9999, to seconds since the epoch; -1 otherwise.
 */
static long long
cc_bridge_iso8601(const unsigned char *s, size_t n)
{
    static const int  mdays[12] = { 31, 28, 31, 30, 31, 30,
                                    31, 31, 30, 31, 30, 31 };
    static const int  before[12] = { 0, 31, 59, 90, 120, 151,
                                     181, 212, 243, 273, 304, 334 };

    size_t     i;
    long long  y, mo, d, h, mi, sec, days;

    if (n < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T'
        || s[13] != ':' || s[16] != ':' || s[n - 1] != 'Z')
    {
        return -1;
    }

    if (cc_bridge_int(s, 4, &y) != 0 || cc_bridge_int(s + 5, 2, &mo) != 0
        || cc_bridge_int(s + 8, 2, &d) != 0
        || cc_bridge_int(s + 11, 2, &h) != 0
        || cc_bridge_int(s + 14, 2, &mi) != 0
        || cc_bridge_int(s + 17, 2, &sec) != 0)
    {
        return -1;
    }

    if (n > 20) {
        if (s[19] != '.' || n == 21) {
            return -1;
        }

        for (i = 20; i < n - 1; i++) {
            if (!cc_bridge_digit(s[i])) {
                return -1;
            }
        }
    }

    if (y < 1970 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59
        || sec > 60)
    {
        return -1;
    }

    if (d > mdays[mo - 1] + (mo == 2 && cc_bridge_leap(y))) {
        return -1;
    }

    days = (y - 1970) * 365 + (y - 1969) / 4 - (y - 1901) / 100
           + (y - 1601) / 400;
    days += before[mo - 1] + (mo > 2 && cc_bridge_leap(y)) + d - 1;

    return days * 86400 + h * 3600 + mi * 60 + sec;
}


/* source names */

int
cc_bridge_source(const unsigned char *name, size_t len)
{
    int          i;
    size_t       j;
    const char  *s;

    if (name == NULL) {
        return -1;
    }

    for (i = 0; i < CC_BRIDGE_NSOURCES; i++) {
        s = cc_bridge_source_names[i];

        if (strlen(s) != len) {
            continue;
        }

        for (j = 0; j < len; j++) {
            if (cc_util_lower(name[j]) != (unsigned char) s[j]) {
                break;
            }
        }

        if (j == len) {
            return i;
        }
    }

    return -1;
}


const char *
cc_bridge_source_name(int source)
{
    if (source < 0 || source >= CC_BRIDGE_NSOURCES) {
        return NULL;
    }

    return cc_bridge_source_names[source];
}


const char *
cc_bridge_cookie_name(int source)
{
    if (source < 0 || source >= CC_BRIDGE_NSOURCES) {
        return NULL;
    }

    return cc_bridge_cookie_names[source];
}


int
cc_bridge_cookie_is_prefix(int source)
{
    return source == CC_BRIDGE_COMPLIANZ;
}


const char *
cc_bridge_aux_cookie_name(int source)
{
    return source == CC_BRIDGE_ONETRUST ? "OptanonAlertBoxClosed" : NULL;
}


/* cookieconsent v3 (orestbida): cc_cookie */

static int
cc_bridge_cc_categories(const cc_bridge_conf_t *conf, cc_bridge_lex_t *lx,
    cc_bridge_result_t *r)
{
    long                  n;
    unsigned char         buf[CC_BRIDGE_NAME_MAX];
    cc_bridge_tok_t       t;
    const unsigned char  *s;

    r->accepted = 0;

    cc_bridge_lex(lx, &t);

    if (t.type == CC_BRIDGE_T_RBRACK) {
        return 0;
    }

    for ( ;; ) {
        if (t.type != CC_BRIDGE_T_STRING) {
            return -1;
        }

        n = cc_bridge_text(&t, buf, sizeof(buf), &s);

        if (n >= 0) {
            cc_bridge_name(conf, NULL, 1, s, (size_t) n, 1, r);
        }

        cc_bridge_lex(lx, &t);

        if (t.type == CC_BRIDGE_T_RBRACK) {
            return 0;
        }

        if (t.type != CC_BRIDGE_T_COMMA) {
            return -1;
        }

        cc_bridge_lex(lx, &t);
    }
}


/*
 * The opening every parser shares: the result in its initial state, and
 * the caller's configuration or an empty one
 */

static const cc_bridge_conf_t *
cc_bridge_open(const cc_bridge_conf_t *conf, cc_bridge_result_t *r)
{
    cc_bridge_result_init(r);

    return conf != NULL ? conf : &cc_bridge_null_conf;
}


/*
 * A cookie value that holds a JSON (js 0) or JavaScript (js 1) object,
 * percent-decoded into buf when it is encoded: 0 with the lexer past the
 * "{", -1 when the value is too long or no object
 */

static int
cc_bridge_object(const unsigned char *value, size_t len, unsigned char *buf,
    int js, cc_bridge_lex_t *lx)
{
    long                  n;
    cc_bridge_tok_t       t;
    const unsigned char  *p;

    n = cc_bridge_prepare(value, len, buf, &p);

    if (n < 0) {
        return -1;
    }

    lx->p = p;
    lx->end = p + n;
    lx->js = js;

    cc_bridge_lex(lx, &t);

    return t.type == CC_BRIDGE_T_LBRACE ? 0 : -1;
}


int
cc_bridge_cookieconsent(const cc_bridge_conf_t *conf,
    const unsigned char *value, size_t len, cc_bridge_result_t *r)
{
    int                   rc, first, have;
    long                  n;
    long long             v, expiration, last, initial;
    unsigned char         buf[CC_BRIDGE_MAX_LEN], text[CC_BRIDGE_NAME_MAX];
    cc_bridge_lex_t       lx;
    cc_bridge_tok_t       t, key, val;
    const unsigned char  *s;

    conf = cc_bridge_open(conf, r);

    if (cc_bridge_object(value, len, buf, 0, &lx) != 0) {
        goto invalid;
    }

    have = 0;
    first = 1;
    expiration = -1;
    last = -1;
    initial = -1;

    while ((rc = cc_bridge_member(&lx, &first, &key, &val)) == 1) {

        if (cc_bridge_key_is(&key, "categories")
            || cc_bridge_key_is(&key, "level"))
        {
            if (val.type != CC_BRIDGE_T_LBRACK
                || cc_bridge_cc_categories(conf, &lx, r) != 0)
            {
                goto invalid;
            }

            have = 1;

        } else if (cc_bridge_key_is(&key, "revision")) {
            if (cc_bridge_tok_int(&val, &v) != 0) {
                goto invalid;
            }

            r->revision = v;

        } else if (cc_bridge_key_is(&key, "expirationTime")) {
            if (cc_bridge_tok_int(&val, &v) != 0) {
                goto invalid;
            }

            expiration = v;

        } else if (val.type == CC_BRIDGE_T_STRING
                   && cc_bridge_key_is(&key, "lastConsentTimestamp"))
        {
            n = cc_bridge_text(&val, text, sizeof(text), &s);
            last = (n < 0) ? -1 : cc_bridge_iso8601(s, (size_t) n);

        } else if (val.type == CC_BRIDGE_T_STRING
                   && cc_bridge_key_is(&key, "consentTimestamp"))
        {
            n = cc_bridge_text(&val, text, sizeof(text), &s);
            initial = (n < 0) ? -1 : cc_bridge_iso8601(s, (size_t) n);

        } else if (val.type == CC_BRIDGE_T_STRING
                   && cc_bridge_key_is(&key, "consentId"))
        {
            r->id_len = 0;
            n = cc_bridge_text(&val, text, sizeof(text), &s);

            if (n >= 0) {
                cc_bridge_set_id(r, s, (size_t) n);
            }

        } else if (cc_bridge_skip(&lx, &val) != 0) {
            goto invalid;
        }
    }

    if (rc != 0) {
        goto invalid;
    }

    cc_bridge_lex(&lx, &t);

    if (t.type != CC_BRIDGE_T_EOF || !have) {
        goto invalid;
    }

    r->issued = (last >= 0) ? last : initial;

    if (expiration >= 0) {
        r->expires = expiration / 1000;

        if (r->expires < conf->now) {
            r->expired = 1;
        }
    }

    r->decided = !r->expired;
    cc_bridge_finish(r, CC_BRIDGE_ANY);

    return 0;

invalid:

    cc_bridge_result_init(r);

    return -1;
}


/* Klaro: klaro */

int
cc_bridge_klaro(const cc_bridge_conf_t *conf, const unsigned char *value,
    size_t len, cc_bridge_result_t *r)
{
    int                   rc, first;
    long                  n;
    unsigned char         buf[CC_BRIDGE_MAX_LEN], text[CC_BRIDGE_NAME_MAX];
    cc_bridge_lex_t       lx;
    cc_bridge_tok_t       t, key, val;
    const unsigned char  *s;

    conf = cc_bridge_open(conf, r);

    if (cc_bridge_object(value, len, buf, 0, &lx) != 0) {
        goto invalid;
    }

    first = 1;

    while ((rc = cc_bridge_member(&lx, &first, &key, &val)) == 1) {

        if (val.type != CC_BRIDGE_T_TRUE && val.type != CC_BRIDGE_T_FALSE) {
            goto invalid;
        }

        n = cc_bridge_text(&key, text, sizeof(text), &s);

        if (n >= 0) {
            cc_bridge_name(conf, NULL, 0, s, (size_t) n,
                           val.type == CC_BRIDGE_T_TRUE, r);
        }
    }

    if (rc != 0) {
        goto invalid;
    }

    cc_bridge_lex(&lx, &t);

    if (t.type != CC_BRIDGE_T_EOF) {
        goto invalid;
    }

    r->decided = 1;
    cc_bridge_finish(r, CC_BRIDGE_ANY);

    return 0;

invalid:

    cc_bridge_result_init(r);

    return -1;
}


/* Cookiebot: CookieConsent */

int
cc_bridge_cookiebot(const cc_bridge_conf_t *conf, const unsigned char *value,
    size_t len, cc_bridge_result_t *r)
{
    int                   rc, first, seen;
    long                  n;
    long long             v;
    unsigned char         buf[CC_BRIDGE_MAX_LEN], text[CC_BRIDGE_NAME_MAX];
    cc_bridge_lex_t       lx;
    cc_bridge_tok_t       t, key, val;
    const unsigned char  *s;

    conf = cc_bridge_open(conf, r);

    if (len == 2 && value != NULL && value[0] == '-' && value[1] == '1') {
        r->outside_region = 1;

        if (conf->flags & CC_BRIDGE_F_OUTSIDE_UNDECIDED) {
            return 0;
        }

        r->decided = 1;
        r->accepted = CC_BRIDGE_ALL;
        r->granted = CC_BRIDGE_ALL;

        return 0;
    }

    if (cc_bridge_object(value, len, buf, 1, &lx) != 0) {
        goto invalid;
    }

    seen = 0;
    first = 1;

    while ((rc = cc_bridge_member(&lx, &first, &key, &val)) == 1) {

        if (cc_bridge_key_is(&key, "necessary")
            || cc_bridge_key_is(&key, "preferences")
            || cc_bridge_key_is(&key, "statistics")
            || cc_bridge_key_is(&key, "marketing"))
        {
            if (val.type != CC_BRIDGE_T_TRUE && val.type != CC_BRIDGE_T_FALSE)
            {
                goto invalid;
            }

            n = cc_bridge_text(&key, text, sizeof(text), &s);

            if (n >= 0) {
                cc_bridge_name(conf, cc_bridge_cookiebot_defs, 1, s,
                               (size_t) n, val.type == CC_BRIDGE_T_TRUE, r);
            }

            seen = 1;

        } else if (cc_bridge_key_is(&key, "ver")) {
            if (cc_bridge_tok_int(&val, &v) != 0) {
                goto invalid;
            }

            r->revision = v;

        } else if (cc_bridge_key_is(&key, "utc")) {
            if (cc_bridge_tok_int(&val, &v) != 0) {
                goto invalid;
            }

            r->issued = v / 1000;

        } else if (val.type == CC_BRIDGE_T_STRING
                   && cc_bridge_key_is(&key, "stamp"))
        {
            r->id_len = 0;
            n = cc_bridge_text(&val, text, sizeof(text), &s);

            if (n >= 0) {
                cc_bridge_set_id(r, s, (size_t) n);
            }

        } else if (cc_bridge_skip(&lx, &val) != 0) {
            goto invalid;
        }
    }

    if (rc != 0) {
        goto invalid;
    }

    cc_bridge_lex(&lx, &t);

    if (t.type != CC_BRIDGE_T_EOF || !seen) {
        goto invalid;
    }

    r->decided = 1;
    cc_bridge_finish(r, CC_BRIDGE_EVERY);

    return 0;

invalid:

    cc_bridge_result_init(r);

    return -1;
}


/* OneTrust: OptanonConsent */

static int
cc_bridge_onetrust_groups(const cc_bridge_conf_t *conf,
    const unsigned char *p, size_t len, cc_bridge_result_t *r)
{
    const unsigned char  *end, *item, *colon;

    r->accepted = 0;
    r->denied = 0;

    if (len == 0) {
        return 0;
    }

    end = p + len;

    for ( ;; ) {
        item = memchr(p, ',', (size_t) (end - p));

        if (item == NULL) {
            item = end;
        }

        colon = memchr(p, ':', (size_t) (item - p));

        if (colon == NULL || colon == p || item - colon != 2
            || (colon[1] != '0' && colon[1] != '1'))
        {
            return -1;
        }

        cc_bridge_name(conf, cc_bridge_onetrust_defs, 0, p,
                       (size_t) (colon - p), colon[1] == '1', r);

        if (item == end) {
            return 0;
        }

        p = item + 1;
    }
}


static int
cc_bridge_onetrust_query(const cc_bridge_conf_t *conf,
    const unsigned char *p, size_t len, cc_bridge_result_t *r, int *found,
    int *awaiting)
{
    long                  n;
    size_t                klen, vlen;
    unsigned char         buf[CC_BRIDGE_MAX_LEN];
    const unsigned char  *end, *pair, *eq, *v;

    end = p + len;

    while (p < end) {
        pair = memchr(p, '&', (size_t) (end - p));

        if (pair == NULL) {
            pair = end;
        }

        eq = memchr(p, '=', (size_t) (pair - p));

        if (eq != NULL) {
            klen = (size_t) (eq - p);
            v = eq + 1;
            vlen = (size_t) (pair - v);

            if (cc_bridge_eq(p, klen, "groups")) {
                n = cc_bridge_urldecode(buf, sizeof(buf), v, vlen);

                if (n < 0
                    || cc_bridge_onetrust_groups(conf, buf, (size_t) n, r)
                       != 0)
                {
                    return -1;
                }

                *found = 1;

            } else if (cc_bridge_eq(p, klen, "consentId")) {
                r->id_len = 0;
                n = cc_bridge_urldecode(buf, CC_BRIDGE_ID_MAX, v, vlen);

                if (n > 0) {
                    cc_bridge_set_id(r, buf, (size_t) n);
                }

            } else if (cc_bridge_eq(p, klen, "AwaitingReconsent")) {
                *awaiting = cc_bridge_eq(v, vlen, "true");
            }
        }

        p = pair + (pair < end);
    }

    return 0;
}


int
cc_bridge_onetrust(const cc_bridge_conf_t *conf, const unsigned char *value,
    size_t len, cc_bridge_result_t *r)
{
    int            found, awaiting;
    long           n;
    unsigned char  buf[CC_BRIDGE_MAX_LEN];

    conf = cc_bridge_open(conf, r);

    if (len > CC_BRIDGE_MAX_LEN || value == NULL) {
        return -1;
    }

    found = 0;
    awaiting = 0;

    if (cc_bridge_onetrust_query(conf, value, len, r, &found, &awaiting)
        != 0)
    {
        goto invalid;
    }

    if (!found && len != 0 && memchr(value, '%', len) != NULL) {
        n = cc_bridge_urldecode(buf, sizeof(buf), value, len);

        if (n < 0) {
            goto invalid;
        }

        cc_bridge_result_init(r);
        awaiting = 0;

        if (cc_bridge_onetrust_query(conf, buf, (size_t) n, r, &found,
                                     &awaiting)
            != 0)
        {
            goto invalid;
        }
    }

    if (!found) {
        goto invalid;
    }

    r->decided = (conf->flags & CC_BRIDGE_F_ALERT_CLOSED) && !awaiting;
    cc_bridge_finish(r, CC_BRIDGE_EVERY);

    return 0;

invalid:

    cc_bridge_result_init(r);

    return -1;
}


/* Complianz: cmplz_* */

int
cc_bridge_complianz_add(cc_bridge_result_t *r,
    const unsigned char *name, size_t name_len,
    const unsigned char *value, size_t value_len,
    const cc_bridge_conf_t *conf)
{
    int                 yes, i;
    cc_bridge_result_t  tmp;

    if (r == NULL || (name == NULL && name_len != 0)
        || (value == NULL && value_len != 0)
        || name_len > CC_BRIDGE_NAME_MAX || value_len > CC_BRIDGE_MAX_LEN)
    {
        return -1;
    }

    if (conf == NULL) {
        conf = &cc_bridge_null_conf;
    }

    for (i = 0; cc_bridge_complianz_names[i] != NULL; i++) {
        if (cc_bridge_eq(name, name_len, cc_bridge_complianz_names[i])) {
            break;
        }
    }

    if (cc_bridge_complianz_names[i] == NULL) {
        return 1;
    }

    if (cc_bridge_eq(value, value_len, "allow")) {
        yes = 1;

    } else if (cc_bridge_eq(value, value_len, "deny")) {
        yes = 0;

    } else {
        return -1;
    }

    tmp = *r;

    cc_bridge_name(conf, cc_bridge_complianz_defs, 1, name, name_len, yes,
                   &tmp);

    if (i != 0) {
        /* any category cookie but cmplz_functional */
        tmp.decided = 1;
    }

    cc_bridge_finish(&tmp, CC_BRIDGE_EVERY);

    *r = tmp;

    return 0;
}


/* tarteaucitron: tarteaucitron */

int
cc_bridge_tarteaucitron(const cc_bridge_conf_t *conf,
    const unsigned char *value, size_t len, cc_bridge_result_t *r)
{
    int                   yes;
    long                  n;
    size_t                nlen, slen;
    unsigned char         buf[CC_BRIDGE_MAX_LEN];
    const unsigned char  *p, *end, *seg, *eq;

    conf = cc_bridge_open(conf, r);

    n = cc_bridge_prepare(value, len, buf, &p);

    if (n < 0) {
        return -1;
    }

    end = p + n;

    while (p < end) {
        seg = memchr(p, '!', (size_t) (end - p));

        if (seg == NULL) {
            seg = end;
        }

        if (seg == p) {
            p++;
            continue;
        }

        eq = memchr(p, '=', (size_t) (seg - p));

        if (eq == NULL || eq == p) {
            goto invalid;
        }

        nlen = (size_t) (eq - p);
        slen = (size_t) (seg - eq - 1);

        if (cc_bridge_eq(eq + 1, slen, "true")) {
            yes = 1;

        } else if (cc_bridge_eq(eq + 1, slen, "false")) {
            yes = 0;

        } else if (cc_bridge_eq(eq + 1, slen, "wait")) {
            yes = -1;

        } else {
            goto invalid;
        }

        if (yes >= 0 && !cc_bridge_eq(p, nlen, "tarteaucitron")) {
            cc_bridge_name(conf, cc_bridge_tarteaucitron_defs, 0, p, nlen,
                           yes, r);
            r->decided = 1;
        }

        p = seg;
    }

    cc_bridge_finish(r, CC_BRIDGE_ANY);

    return 0;

invalid:

    cc_bridge_result_init(r);

    return -1;
}


/* IAB TCF v2.2: euconsent-v2 */

static int
cc_bridge_b64(unsigned char c)
{
    if (c >= 'A' && c <= 'Z') {
        return c - 'A';
    }

    if (c >= 'a' && c <= 'z') {
        return c - 'a' + 26;
    }

    if (c >= '0' && c <= '9') {
        return c - '0' + 52;
    }

    if (c == '-' || c == '+') {
        return 62;
    }

    if (c == '_' || c == '/') {
        return 63;
    }

    return -1;
}


/* reads n <= 64 bits, most significant first, from 6-bit groups */
static int
cc_bridge_bits(const unsigned char *sx, size_t nbits, size_t *off,
    unsigned n, uint64_t *v)
{
    size_t    i, stop;
    uint64_t  x;

    if (*off > nbits || n > nbits - *off) {
        return -1;
    }

    x = 0;
    stop = *off + n;

    for (i = *off; i < stop; i++) {
        x = (x << 1) | ((sx[i / 6] >> (5 - i % 6)) & 1);
    }

    *off = stop;
    *v = x;

    return 0;
}


/* NumEntries(12) followed by IsARange(1) Start(16) [End(16)] entries */
static int
cc_bridge_tcf_ranges(const unsigned char *sx, size_t nbits, size_t *off)
{
    uint64_t  num, i, range, start, stop;

    if (cc_bridge_bits(sx, nbits, off, 12, &num) != 0) {
        return -1;
    }

    for (i = 0; i < num; i++) {
        if (cc_bridge_bits(sx, nbits, off, 1, &range) != 0
            || cc_bridge_bits(sx, nbits, off, 16, &start) != 0)
        {
            return -1;
        }

        if (range) {
            if (cc_bridge_bits(sx, nbits, off, 16, &stop) != 0
                || stop < start)
            {
                return -1;
            }
        }
    }

    return 0;
}


/* MaxVendorId(16) IsRangeEncoding(1) then a bit field or ranges */
static int
cc_bridge_tcf_vendors(const unsigned char *sx, size_t nbits, size_t *off)
{
    uint64_t  max, range;

    if (cc_bridge_bits(sx, nbits, off, 16, &max) != 0
        || cc_bridge_bits(sx, nbits, off, 1, &range) != 0)
    {
        return -1;
    }

    if (range) {
        return cc_bridge_tcf_ranges(sx, nbits, off);
    }

    if (max > nbits - *off) {
        return -1;
    }

    *off += (size_t) max;

    return 0;
}


static void
cc_bridge_tcf_purpose(const cc_bridge_conf_t *conf, unsigned purpose,
    int yes, cc_bridge_result_t *r)
{
    int                     found;
    size_t                  i;
    long long               v;
    const char             *d;
    const cc_bridge_map_t  *m;

    found = 0;

    if (conf->map != NULL) {
        for (i = 0; i < conf->nmap; i++) {
            m = &conf->map[i];

            if (m->theirs == NULL || m->theirs_len > 3
                || cc_bridge_int(m->theirs, m->theirs_len, &v) != 0
                || v != (long long) purpose)
            {
                continue;
            }

            cc_bridge_mark(conf, m->ours != NULL ? m->ours : cc_bridge_empty,
                           m->ours_len, yes, r);
            found = 1;
        }
    }

    if (found || purpose >= 25) {
        return;
    }

    d = cc_bridge_tcf_defs[purpose];

    if (d != NULL) {
        cc_bridge_mark(conf, (const unsigned char *) d, strlen(d), yes, r);
    }
}


int
cc_bridge_tcf(const cc_bridge_conf_t *conf, const unsigned char *value,
    size_t len, cc_bridge_result_t *r)
{
    int            c;
    size_t         i, core, nbits, off;
    unsigned       purpose;
    uint64_t       v, updated, purposes, num;
    unsigned char  sx[CC_BRIDGE_MAX_LEN];

    conf = cc_bridge_open(conf, r);

    if (len == 0 || len > CC_BRIDGE_MAX_LEN || value == NULL) {
        return -1;
    }

    /* every character must belong to the alphabet */

    core = len;

    for (i = 0; i < len; i++) {
        if (value[i] == '.') {
            if (core == len) {
                core = i;
            }

            continue;
        }

        if (cc_bridge_b64(value[i]) < 0 && value[i] != '=') {
            return -1;
        }
    }

    /* trailing padding of the core segment is tolerated */

    while (core > 0 && value[core - 1] == '=') {
        core--;
    }

    for (i = 0; i < core; i++) {
        c = cc_bridge_b64(value[i]);

        if (c < 0) {
            return -1;
        }

        sx[i] = (unsigned char) c;
    }

    nbits = core * 6;
    off = 0;

    /* Version 6, Created 36, LastUpdated 36 */

    if (cc_bridge_bits(sx, nbits, &off, 6, &v) != 0 || v != 2) {
        return -1;
    }

    if (cc_bridge_bits(sx, nbits, &off, 36, &v) != 0
        || cc_bridge_bits(sx, nbits, &off, 36, &updated) != 0)
    {
        return -1;
    }

    /*
     * CmpId 12, CmpVersion 12, ConsentScreen 6, ConsentLanguage 12,
     * VendorListVersion 12
     */

    off += 12 + 12 + 6 + 12 + 12;

    /* TcfPolicyVersion 6, IsServiceSpecific 1 */

    if (cc_bridge_bits(sx, nbits, &off, 6, &v) != 0 || v < 4) {
        return -1;
    }

    if (cc_bridge_bits(sx, nbits, &off, 1, &v) != 0 || v != 1) {
        return -1;
    }

    /* UseNonStandardTexts 1, SpecialFeatureOptIns 12, PurposesConsent 24 */

    off += 1 + 12;

    if (cc_bridge_bits(sx, nbits, &off, 24, &purposes) != 0) {
        return -1;
    }

    /*
     * PurposesLITransparency 24, PurposeOneTreatment 1,
     * PublisherCC 12, then the vendor sections and publisher restrictions,
     * which must all be present
     */

    off += 24 + 1 + 12;

    if (cc_bridge_tcf_vendors(sx, nbits, &off) != 0
        || cc_bridge_tcf_vendors(sx, nbits, &off) != 0
        || cc_bridge_bits(sx, nbits, &off, 12, &num) != 0)
    {
        return -1;
    }

    for (i = 0; i < num; i++) {
        /* PurposeId 6, RestrictionType 2, then ranges */

        if (cc_bridge_bits(sx, nbits, &off, 8, &v) != 0
            || cc_bridge_tcf_ranges(sx, nbits, &off) != 0)
        {
            return -1;
        }
    }

    for (purpose = 1; purpose <= 24; purpose++) {
        cc_bridge_tcf_purpose(conf, purpose,
                              (int) ((purposes >> (24 - purpose)) & 1), r);
    }

    r->issued = (long long) (updated / 10);
    r->decided = 1;
    cc_bridge_finish(r, CC_BRIDGE_EVERY);

    if (!((purposes >> 23) & 1)) {
        /* purpose 1, storage and access, is a precondition */
        r->granted = 1;
    }

    return 0;
}


int
cc_bridge_parse(int source, const cc_bridge_conf_t *conf,
    const unsigned char *value, size_t len, cc_bridge_result_t *r)
{
    switch (source) {

    case CC_BRIDGE_COOKIECONSENT:
        return cc_bridge_cookieconsent(conf, value, len, r);

    case CC_BRIDGE_KLARO:
        return cc_bridge_klaro(conf, value, len, r);

    case CC_BRIDGE_COOKIEBOT:
        return cc_bridge_cookiebot(conf, value, len, r);

    case CC_BRIDGE_ONETRUST:
        return cc_bridge_onetrust(conf, value, len, r);

    case CC_BRIDGE_TARTEAUCITRON:
        return cc_bridge_tarteaucitron(conf, value, len, r);

    case CC_BRIDGE_TCF:
        return cc_bridge_tcf(conf, value, len, r);

    default:
        cc_bridge_result_init(r);
        return -1;
    }
}
