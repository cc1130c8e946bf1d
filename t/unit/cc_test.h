/*
 * Minimal unit-test helpers for the nginx-free core, with TAP output.
 *
 * Each test program includes this header, calls CC_CHECK*() and ends
 * main() with "return cc_test_done(argv[0]);".  Every check is one TAP
 * test ("ok N", or "not ok N - file:line" and a "#" line saying what), the
 * plan "1..N" comes last: prove runs the programs as it runs the .t files
 * (make unit, make test).  A last comment line says "N passed, N failed";
 * the exit code is non-zero on any failure.
 */

#ifndef CC_TEST_H
#define CC_TEST_H

#include <stdio.h>
#include <string.h>

static unsigned  cc_test_passed;
static unsigned  cc_test_failed;


static void
cc_test_ok(void)
{
    cc_test_passed++;
    printf("ok %u\n", cc_test_passed + cc_test_failed);
}


static void
cc_test_not_ok(const char *file, int line)
{
    cc_test_failed++;
    printf("not ok %u - %s:%d\n", cc_test_passed + cc_test_failed, file,
           line);
}


#define CC_CHECK(cond)                                                       \
    do {                                                                     \
        if (cond) {                                                          \
            cc_test_ok();                                                    \
        } else {                                                             \
            cc_test_not_ok(__FILE__, __LINE__);                              \
            printf("# check failed: %s\n", #cond);                           \
        }                                                                    \
    } while (0)

/* compare a (pointer, length) pair with a C string */
#define CC_CHECK_STR(p, n, s)                                                \
    do {                                                                     \
        size_t  cc_l_ = strlen(s);                                           \
        if ((size_t) (n) == cc_l_ && memcmp((p), (s), cc_l_) == 0) {         \
            cc_test_ok();                                                    \
        } else {                                                             \
            cc_test_not_ok(__FILE__, __LINE__);                              \
            printf("# got \"%.*s\", expected \"%s\"\n",                      \
                   (int) (n), (const char *) (p), s);                        \
        }                                                                    \
    } while (0)

#define CC_CHECK_INT(a, b)                                                   \
    do {                                                                     \
        long long  cc_a_ = (long long) (a), cc_b_ = (long long) (b);         \
        if (cc_a_ == cc_b_) {                                                \
            cc_test_ok();                                                    \
        } else {                                                             \
            cc_test_not_ok(__FILE__, __LINE__);                              \
            printf("# %s == %lld, expected %lld\n", #a, cc_a_, cc_b_);       \
        }                                                                    \
    } while (0)

static int
cc_test_done(const char *name)
{
    printf("1..%u\n", cc_test_passed + cc_test_failed);
    printf("# %s: %u passed, %u failed\n", name, cc_test_passed,
           cc_test_failed);

    /* before LeakSanitizer's check at exit, which may end the process */
    fflush(stdout);

    return cc_test_failed ? 1 : 0;
}

#endif /* CC_TEST_H */
