/*
 * nginx-cookie-consent: the small helpers the nginx-free core shares: hex
 * digits, percent-decoding, ASCII lower-casing.  Plain C99, no
 * allocation.
 */

#ifndef CC_UTIL_H
#define CC_UTIL_H

#include <stddef.h>
#include <stdint.h>


/*
 * A classification: what a cookie name or a tracker URL belongs to, a
 * category index (0 to 63, docs/architecture.md) and, when a rule names
 * one (cookie_consent_service), a service index (0 to 63) inside that
 * category.  Negative values (no rule) are never packed.  A tracker or a
 * cookie of a class is let through when its category is granted or its
 * service is.
 */
#define CC_CLASS(cat, svc)   ((int) (cat) | ((int) (svc) + 1) << 6)
#define CC_CLASS_CAT(c)      ((c) & 0x3f)
#define CC_CLASS_SVC(c)      (((c) >> 6) - 1)
#define CC_CLASS_MAX_SVC     64


/*
 * Whether a class is granted: its category's bit in granted, or its
 * service's in services
 */
static inline int
cc_class_granted(uint32_t granted, uint64_t services, int cls)
{
    int  cat, svc;

    if (cls < 0) {
        return 0;
    }

    cat = CC_CLASS_CAT(cls);
    svc = CC_CLASS_SVC(cls);

    return (cat < 32 && ((granted >> cat) & 1))
           || (svc >= 0 && svc < CC_CLASS_MAX_SVC && ((services >> svc) & 1));
}


/* the value of a hex digit of either case, or -1 */
int cc_util_hex(unsigned char c);

/* 'A' to 'Z' in lowercase, every other byte as it is */
unsigned char cc_util_lower(unsigned char c);

/*
 * A 32-bit hash of p[0..len) for the tables built and read by one process
 * (the rule and host tables, the inventory's attribute check): eight
 * bytes per step, so its values differ between byte orders and are never
 * stored where another build could read them
 */
uint32_t cc_util_hash(const unsigned char *p, size_t len);

/*
 * 1 when a[0..n) and b[0..n) are equal, else 0, in a time that depends
 * on n only (eight bytes per step; what CRYPTO_memcmp() does one byte at a
 * time)
 */
int cc_util_equal_ct(const unsigned char *a, const unsigned char *b,
    size_t n);

/* writes 2 * n lowercase hex digits */
void cc_hex(unsigned char *dst, const unsigned char *src, size_t n);

/*
 * Percent-decodes src[0..len) into dst, which may be src itself: "%XX"
 * becomes one byte, '+' a space when plus is not 0, every other byte is
 * copied.  Returns the decoded length, or -1 on a malformed escape or when
 * the result does not fit in size bytes.
 */
long cc_util_urldecode(unsigned char *dst, size_t size,
    const unsigned char *src, size_t len, int plus);

#endif /* CC_UTIL_H */
