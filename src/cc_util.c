/*
 * nginx-cookie-consent: the small helpers the nginx-free core shares.
 */

#include <string.h>

#include "cc_util.h"


int
cc_util_hex(unsigned char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }

    c = cc_util_lower(c);

    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }

    return -1;
}


unsigned char
cc_util_lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char) (c | 0x20) : c;
}


uint32_t
cc_util_hash(const unsigned char *p, size_t len)
{
    uint32_t  a, b;
    uint64_t  h, w;

    h = 0x9e3779b97f4a7c15ULL ^ (uint64_t) len;

    /*
     * the last word of a string over 8 bytes is its last 8 bytes, those
     * of a shorter one two overlapping halves or three bytes: loads of a
     * fixed size, no copy of a variable length (the length is in h)
     */

    if (len > 8) {
        for ( /* void */ ; len > 8; p += 8, len -= 8) {
            memcpy(&w, p, 8);
            h = (h ^ w) * 0xff51afd7ed558ccdULL;
            h ^= h >> 32;
        }

        memcpy(&w, p + len - 8, 8);

    } else if (len >= 4) {
        memcpy(&a, p, 4);
        memcpy(&b, p + len - 4, 4);
        w = ((uint64_t) a << 32) | b;

    } else if (len) {
        w = ((uint64_t) p[0] << 16) | ((uint64_t) p[len >> 1] << 8)
            | p[len - 1];

    } else {
        w = 0;
    }

    h = (h ^ w) * 0xff51afd7ed558ccdULL;
    h ^= h >> 32;

    /* the finaliser of MurmurHash3's 64-bit mix */

    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;

    return (uint32_t) h;
}

int
cc_util_equal_ct(const unsigned char *a, const unsigned char *b, size_t n)
{
    uint64_t  d, x, y;

    d = 0;

    for ( /* void */ ; n >= 8; a += 8, b += 8, n -= 8) {
        memcpy(&x, a, 8);
        memcpy(&y, b, 8);
        d |= x ^ y;
    }

    for ( /* void */ ; n; a++, b++, n--) {
        d |= (uint64_t) (*a ^ *b);
    }

    return d == 0;
}


void
cc_hex(unsigned char *dst, const unsigned char *src, size_t n)
{
    static const unsigned char  hex[] = "0123456789abcdef";

    while (n--) {
        *dst++ = hex[*src >> 4];
        *dst++ = hex[*src++ & 0xf];
    }
}


long
cc_util_urldecode(unsigned char *dst, size_t size, const unsigned char *src,
    size_t len, int plus)
{
    int            hi, lo;
    size_t         i, n;
    unsigned char  c;

    n = 0;
    i = 0;

    while (i < len) {
        c = src[i];

        if (c == '%') {
            if (len - i < 3) {
                return -1;
            }

            hi = cc_util_hex(src[i + 1]);
            lo = cc_util_hex(src[i + 2]);

            if (hi < 0 || lo < 0) {
                return -1;
            }

            c = (unsigned char) (hi << 4 | lo);
            i += 3;

        } else {
            if (plus && c == '+') {
                c = ' ';
            }

            i++;
        }

        if (n == size) {
            return -1;
        }

        dst[n++] = c;
    }

    return (long) n;
}
