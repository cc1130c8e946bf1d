/*
 * nginx-cookie-consent: the small helpers the nginx-free core shares.
 */

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
