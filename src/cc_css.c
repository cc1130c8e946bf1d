/*
 * nginx-cookie-consent: the URLs a piece of CSS may fetch (cc_css.h).
 */

#include <stdint.h>
#include <string.h>

#include "cc_css.h"


static int
cc_css_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}


static int
cc_css_hex(unsigned char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }

    c |= 0x20;

    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }

    return -1;
}


static void
cc_css_put(unsigned char *out, size_t size, size_t *n, unsigned char c)
{
    if (*n < size) {
        out[*n] = c;
    }

    (*n)++;
}


static void
cc_css_put_cp(unsigned char *out, size_t size, size_t *n, uint32_t cp)
{
    if (cp < 0x80) {
        cc_css_put(out, size, n, (unsigned char) cp);

    } else if (cp < 0x800) {
        cc_css_put(out, size, n, (unsigned char) (0xc0 | (cp >> 6)));
        cc_css_put(out, size, n, (unsigned char) (0x80 | (cp & 0x3f)));

    } else if (cp < 0x10000) {
        cc_css_put(out, size, n, (unsigned char) (0xe0 | (cp >> 12)));
        cc_css_put(out, size, n,
                   (unsigned char) (0x80 | ((cp >> 6) & 0x3f)));
        cc_css_put(out, size, n, (unsigned char) (0x80 | (cp & 0x3f)));

    } else {
        cc_css_put(out, size, n, (unsigned char) (0xf0 | (cp >> 18)));
        cc_css_put(out, size, n,
                   (unsigned char) (0x80 | ((cp >> 12) & 0x3f)));
        cc_css_put(out, size, n,
                   (unsigned char) (0x80 | ((cp >> 6) & 0x3f)));
        cc_css_put(out, size, n, (unsigned char) (0x80 | (cp & 0x3f)));
    }
}


/*
 * An escape, p after the '\' and not at a newline (CSS Syntax 4.3.7,
 * "consume an escaped code point"): written to out, returns the bytes
 * read
 */
static size_t
cc_css_escape(const unsigned char *p, const unsigned char *end,
    unsigned char *out, size_t size, size_t *n)
{
    int                   d;
    uint32_t              cp;
    const unsigned char  *q;

    if (cc_css_hex(*p) < 0) {
        cc_css_put(out, size, n, *p);        /* the byte itself */
        return 1;
    }

    cp = 0;

    for (q = p; q < end && q - p < 6 && (d = cc_css_hex(*q)) >= 0; q++) {
        cp = cp * 16 + (uint32_t) d;
    }

    if (q < end && cc_css_space(*q)) {
        if (*q == '\r' && q + 1 < end && q[1] == '\n') {
            q++;
        }

        q++;
    }

    if (cp == 0 || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) {
        cp = 0xfffd;
    }

    cc_css_put_cp(out, size, n, cp);

    return q - p;
}


int
cc_css_next_url(const unsigned char **pos, const unsigned char *end,
    unsigned char *out, size_t size, size_t *out_len,
    const unsigned char **start, size_t *raw_len)
{
    size_t                n;
    unsigned char         c, quote;
    const unsigned char  *p, *s, *e;

    p = *pos;

    while (p < end) {
        c = *p;

        if (c == '/' && p + 1 < end && p[1] == '*') {
            for (p += 2; p + 1 < end; p++) {
                if (p[0] == '*' && p[1] == '/') {
                    break;
                }
            }

            p = (p + 1 < end) ? p + 2 : end;
            continue;
        }

        if (c == '\\') {
            /* an escaped character outside a string starts nothing */
            p += (p + 1 < end) ? 2 : 1;
            continue;
        }

        if (c == '"' || c == '\'') {

            /* a string token (4.3.5); a newline ends a bad one */

            quote = c;
            s = ++p;
            n = 0;

            while (p < end && *p != quote && *p != '\n' && *p != '\r'
                   && *p != '\f')
            {
                if (*p != '\\') {
                    cc_css_put(out, size, &n, *p++);
                    continue;
                }

                if (++p == end) {
                    break;
                }

                if (*p == '\r' && p + 1 < end && p[1] == '\n') {
                    p += 2;                  /* a continuation */

                } else if (*p == '\n' || *p == '\r' || *p == '\f') {
                    p++;

                } else {
                    p += cc_css_escape(p, end, out, size, &n);
                }
            }

            e = p;

            if (p < end && *p == quote) {
                p++;
            }

            goto found;
        }

        p++;

        if (c != '(') {
            continue;
        }

        while (p < end && cc_css_space(*p)) {
            p++;
        }

        if (p == end || *p == '"' || *p == '\'' || *p == ')') {
            continue;                        /* a string, or nothing */
        }

        /* an unquoted URL (4.3.6), whatever the function's name */

        s = p;
        n = 0;

        while (p < end && *p != ')' && !cc_css_space(*p) && *p != '"'
               && *p != '\'' && *p != '(')
        {
            if (*p != '\\') {
                cc_css_put(out, size, &n, *p++);
                continue;
            }

            if (p + 1 == end || p[1] == '\n' || p[1] == '\r'
                || p[1] == '\f')
            {
                break;                       /* a bad URL */
            }

            p++;
            p += cc_css_escape(p, end, out, size, &n);
        }

        e = p;

        goto found;
    }

    *pos = end;

    return 0;

found:

    *pos = p;
    *start = s;
    *raw_len = e - s;
    *out_len = (n < size) ? n : size;

    return 1;
}
