/*
 * libFuzzer target: the CSP nonce the inserted scripts carry
 * (cc_html_csp_nonce() in src/cc_html.c), cross-checked against a
 * reference written from cc_html.h.
 *
 *   make build/fuzz/fuzz_csp
 *   build/fuzz/fuzz_csp -max_total_time=60 fuzz/corpus/fuzz_csp
 *
 * The input is a Content-Security-Policy header value.  Directives are
 * separated by ';', their name and sources by ASCII whitespace; a nonce
 * source is 'nonce-VALUE' (the prefix in any case, VALUE of base64 or
 * base64url characters).  The nonce of the first script-src or
 * script-src-elem directive that has one wins, else that of the first
 * default-src that has one, else there is none.  Besides agreeing with
 * that, the nonce must lie inside the input and hold only characters
 * that are safe inside a double-quoted HTML attribute.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cc_html.h"


#define REF  __attribute__((no_sanitize("coverage"), noinline))


REF static int
ref_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}


REF static unsigned char
ref_lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char) (c + 32) : c;
}


REF static int
ref_is(const unsigned char *p, size_t len, const char *s)
{
    size_t  i;

    if (strlen(s) != len) {
        return 0;
    }

    for (i = 0; i < len; i++) {
        if (ref_lower(p[i]) != (unsigned char) s[i]) {
            return 0;
        }
    }

    return 1;
}


REF static int
ref_b64(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
           || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '='
           || c == '-' || c == '_';
}


/* p[0..len) is 'nonce-VALUE': 1 and the value */
REF static int
ref_nonce_source(const unsigned char *p, size_t len, size_t *vs, size_t *vl)
{
    size_t  i;

    if (len < 9 || !ref_is(p, 7, "'nonce-") || p[len - 1] != '\'') {
        return 0;
    }

    for (i = 7; i < len - 1; i++) {
        if (!ref_b64(p[i])) {
            return 0;
        }
    }

    *vs = 7;
    *vl = len - 8;

    return 1;
}


REF static int
ref_csp(const unsigned char *csp, size_t len, size_t *off, size_t *nlen)
{
    int     score, best;
    size_t  i, d, de, t, te, vs, vl;

    best = 0;
    i = 0;

    while (i < len) {

        /* one directive: csp[d..de) */

        d = i;

        while (i < len && csp[i] != ';') {
            i++;
        }

        de = i;

        if (i < len) {
            i++;
        }

        t = d;

        while (t < de && ref_space(csp[t])) {
            t++;
        }

        te = t;

        while (te < de && !ref_space(csp[te])) {
            te++;
        }

        if (ref_is(csp + t, te - t, "script-src")
            || ref_is(csp + t, te - t, "script-src-elem"))
        {
            score = 2;

        } else if (ref_is(csp + t, te - t, "default-src")) {
            score = 1;

        } else {
            continue;
        }

        if (score <= best) {
            continue;
        }

        /* its sources */

        for (t = te; t < de; t = te) {
            while (t < de && ref_space(csp[t])) {
                t++;
            }

            te = t;

            while (te < de && !ref_space(csp[te])) {
                te++;
            }

            if (te > t && ref_nonce_source(csp + t, te - t, &vs, &vl)) {
                best = score;
                *off = t + vs;
                *nlen = vl;
                break;
            }
        }
    }

    return best ? 0 : -1;
}


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int                   rc, ref;
    size_t                i, nlen, roff, rlen;
    unsigned char        *copy;
    const unsigned char  *nonce;

    copy = malloc(size ? size : 1);
    if (copy == NULL) {
        abort();
    }

    if (size) {
        memcpy(copy, data, size);
    }

    nonce = NULL;
    nlen = 0;
    roff = 0;
    rlen = 0;

    rc = cc_html_csp_nonce(copy, size, &nonce, &nlen);
    ref = ref_csp(copy, size, &roff, &rlen);

    if (rc != ref) {
        abort();
    }

    if (rc == 0) {
        if (nonce < copy || nlen == 0 || nlen > size
            || (size_t) (nonce - copy) > size - nlen)
        {
            abort();                       /* not inside the input */
        }

        if ((size_t) (nonce - copy) != roff || nlen != rlen) {
            abort();                       /* another nonce */
        }

        for (i = 0; i < nlen; i++) {
            if (!ref_b64(nonce[i])) {
                abort();          /* unsafe in nonce="..." of a tag */
            }
        }
    }

    free(copy);

    return 0;
}
