/*
 * Minimal unit-test helpers for the nginx-free core.
 *
 * Each test program includes this header, calls CC_CHECK*() and ends
 * main() with "return cc_test_done(argv[0]);", which prints the plain
 * "N passed, N failed" line and returns non-zero on any failure.
 */

#ifndef CC_TEST_H
#define CC_TEST_H

#include <stdio.h>
#include <string.h>

static unsigned  cc_test_passed;
static unsigned  cc_test_failed;

#define CC_CHECK(cond)                                                       \
    do {                                                                     \
        if (cond) {                                                          \
            cc_test_passed++;                                                \
        } else {                                                             \
            cc_test_failed++;                                                \
            fprintf(stderr, "%s:%d: check failed: %s\n",                     \
                    __FILE__, __LINE__, #cond);                              \
        }                                                                    \
    } while (0)

/* compare a (pointer, length) pair with a C string */
#define CC_CHECK_STR(p, n, s)                                                \
    do {                                                                     \
        size_t  cc_l_ = strlen(s);                                           \
        if ((size_t) (n) == cc_l_ && memcmp((p), (s), cc_l_) == 0) {         \
            cc_test_passed++;                                                \
        } else {                                                             \
            cc_test_failed++;                                                \
            fprintf(stderr, "%s:%d: got \"%.*s\", expected \"%s\"\n",        \
                    __FILE__, __LINE__, (int) (n), (const char *) (p), s);   \
        }                                                                    \
    } while (0)

#define CC_CHECK_INT(a, b)                                                   \
    do {                                                                     \
        long long  cc_a_ = (long long) (a), cc_b_ = (long long) (b);         \
        if (cc_a_ == cc_b_) {                                                \
            cc_test_passed++;                                                \
        } else {                                                             \
            cc_test_failed++;                                                \
            fprintf(stderr, "%s:%d: %s == %lld, expected %lld\n",            \
                    __FILE__, __LINE__, #a, cc_a_, cc_b_);                   \
        }                                                                    \
    } while (0)

static int
cc_test_done(const char *name)
{
    printf("%s: %u passed, %u failed\n", name, cc_test_passed,
           cc_test_failed);

    return cc_test_failed ? 1 : 0;
}

#endif /* CC_TEST_H */
