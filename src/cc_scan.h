/*
 * nginx-cookie-consent: finding any of several bytes 16 at a time.
 *
 * memchr() finds one byte; looking for four in a short attribute value
 * took four calls and four passes.  This is one pass, inlined: SSE2 on
 * x86-64 (which every x86-64 has), NEON on arm64, one byte at a time
 * elsewhere.  It never reads outside [p, end): loads of 16 bytes only
 * while 16 remain, the rest one byte at a time.  (For one byte, glibc's
 * memchr() is as fast or faster: measured, tokenizer_bench.)
 */

#ifndef CC_SCAN_H
#define CC_SCAN_H

#include <stddef.h>
#include <string.h>

#if defined(__GNUC__) && defined(__SSE2__)
#include <emmintrin.h>
#define CC_SCAN_SSE2  1
#elif defined(__GNUC__) && defined(__aarch64__) && defined(__ARM_NEON)
#include <arm_neon.h>
#define CC_SCAN_NEON  1
#endif


/* the first of the bytes a, b, c, d in [p, end), or NULL */

static inline const unsigned char *
cc_scan_any4(const unsigned char *p, const unsigned char *end,
    unsigned char a, unsigned char b, unsigned char c, unsigned char d)
{
    unsigned char  x;

#if defined(CC_SCAN_SSE2)
    unsigned  m;
    __m128i   va, vb, vc, vd, w;

    va = _mm_set1_epi8((char) a);
    vb = _mm_set1_epi8((char) b);
    vc = _mm_set1_epi8((char) c);
    vd = _mm_set1_epi8((char) d);

    while (end - p >= 16) {
        w = _mm_loadu_si128((const __m128i *) p);
        m = (unsigned) _mm_movemask_epi8(
                _mm_or_si128(
                    _mm_or_si128(_mm_cmpeq_epi8(w, va), _mm_cmpeq_epi8(w, vb)),
                    _mm_or_si128(_mm_cmpeq_epi8(w, vc),
                                 _mm_cmpeq_epi8(w, vd))));
        if (m) {
            return p + __builtin_ctz(m);
        }

        p += 16;
    }

#elif defined(CC_SCAN_NEON)
    uint64_t    m;
    uint8x16_t  w;

    while (end - p >= 16) {
        w = vld1q_u8(p);
        w = vorrq_u8(vorrq_u8(vceqq_u8(w, vdupq_n_u8(a)),
                              vceqq_u8(w, vdupq_n_u8(b))),
                     vorrq_u8(vceqq_u8(w, vdupq_n_u8(c)),
                              vceqq_u8(w, vdupq_n_u8(d))));
        m = vget_lane_u64(vreinterpret_u64_u8(vshrn_n_u16(
                vreinterpretq_u16_u8(w), 4)), 0);
        if (m) {
            return p + (__builtin_ctzll(m) >> 2);
        }

        p += 16;
    }
#endif

    while (p < end) {
        x = *p;

        if (x == a || x == b || x == c || x == d) {
            return p;
        }

        p++;
    }

    return NULL;
}


#endif /* CC_SCAN_H */
