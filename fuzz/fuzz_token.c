/*
 * libFuzzer target: the consent token (src/cc_token.c).
 *
 * The input is a cookie value.  Checks:
 *  - without keys, the parser agrees with a plain reference validator
 *    written from docs/consent-cookie.md, and fills in the same fields;
 *  - with keys, nothing the fuzzer makes up is accepted unless its
 *    signature is the real HMAC (checked with libcrypto directly), and
 *    an accepted token is also accepted without keys;
 *  - every token that parses encodes (signed with the first key, and
 *    unsigned) to a token that parses back to the same fields, with all
 *    the keys, and fails with any other key.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "cc_token.h"


static const char  *names[] = {
    "necessary", "preferences", "analytics", "marketing", "social", "a", "b"
};

#define NCATS  7

/* services: names after the categories', as cookie_consent_service */
static const char  *snames[] = { "ga", "yt", "svc_c" };

#define NSVCS  3


static int
category(void *data, const unsigned char *name, size_t len)
{
    int  i;

    (void) data;

    for (i = 0; i < NCATS; i++) {
        if (strlen(names[i]) == len && memcmp(names[i], name, len) == 0) {
            return i;
        }
    }

    for (i = 0; i < NSVCS; i++) {
        if (strlen(snames[i]) == len && memcmp(snames[i], name, len) == 0) {
            return CC_TOKEN_MAX_CATS + i;
        }
    }

    if (len == 2 && memcmp(name, "zz", 2) == 0) {
        return 200;                         /* out of range: ignored */
    }

    return -1;
}


#define K1  "0123456789abcdef0123456789abcdef"
#define K2  "fedcba9876543210fedcba9876543210"
#define K3  "not one of the configured keys.."

static const cc_key_t  keys[2] = {
    { (const unsigned char *) K1, sizeof(K1) - 1, NULL },
    { (const unsigned char *) K2, sizeof(K2) - 1, NULL }
};

static const cc_key_t  other = {
    (const unsigned char *) K3, sizeof(K3) - 1, NULL
};


/* the reference: returns 0 and fills *t, or -1 */

static int
ref_uint(const uint8_t *p, size_t len, uint64_t *v)
{
    size_t  i;

    if (len == 0 || len > 19 || (len > 1 && p[0] == '0')) {
        return -1;
    }

    *v = 0;

    for (i = 0; i < len; i++) {
        if (p[i] < '0' || p[i] > '9') {
            return -1;
        }

        *v = *v * 10 + (uint64_t) (p[i] - '0');
    }

    return 0;
}


static int
ref_hex(uint8_t c)
{
    return c >= '0' && c <= '9' ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}


static int
ref_parse(const uint8_t *p, size_t len, cc_token_t *t, size_t *fields)
{
    int             c;
    size_t          n, i, j, fl[8];
    uint64_t        issued;
    const uint8_t  *f[8], *s, *e;

    memset(t, 0, sizeof(cc_token_t));

    if (len == 0 || len > 512) {
        return -1;
    }

    n = 0;
    f[0] = p;

    for (i = 0; i <= len; i++) {
        if (i == len || p[i] == '.') {
            if (n == 7) {
                return -1;
            }
            fl[n] = (size_t) (p + i - f[n]);
            n++;
            f[n] = p + i + 1;
        }
    }

    if (n != 5 && n != 6) {
        return -1;
    }

    *fields = n;

    if (fl[0] != 1 || f[0][0] != '1') {
        return -1;
    }

    if (ref_uint(f[1], fl[1], &t->revision) != 0
        || ref_uint(f[2], fl[2], &issued) != 0
        || issued > (uint64_t) INT64_MAX)
    {
        return -1;
    }

    t->issued = (int64_t) issued;

    if (fl[3] != 32) {
        return -1;
    }

    for (i = 0; i < 16; i++) {
        if (ref_hex(f[3][2 * i]) < 0 || ref_hex(f[3][2 * i + 1]) < 0) {
            return -1;
        }
        t->id[i] = (uint8_t) (ref_hex(f[3][2 * i]) << 4
                              | ref_hex(f[3][2 * i + 1]));
    }

    /* "" or name(-name)*, name = [a-z0-9_]{1,32} */

    s = f[4];
    e = f[4] + fl[4];

    if (s < e) {
        for ( ;; ) {
            for (j = 0; s + j < e && s[j] != '-'; j++) {
                if (!((s[j] >= 'a' && s[j] <= 'z')
                      || (s[j] >= '0' && s[j] <= '9') || s[j] == '_'))
                {
                    return -1;
                }
            }

            if (j == 0 || j > 32) {
                return -1;
            }

            c = category(NULL, s, j);
            if (c >= 0 && c < 32) {
                t->granted |= (uint32_t) 1 << c;

            } else if (c >= 32 && c < 32 + 64) {
                t->services |= (uint64_t) 1 << (c - 32);
            }

            if (s + j == e) {
                break;
            }

            s += j + 1;                     /* past the '-' */
        }
    }

    if (n == 6) {
        if (fl[5] != 43) {
            return -1;
        }

        t->signed_token = 1;
    }

    return 0;
}


static int
same(const cc_token_t *a, const cc_token_t *b)
{
    return a->revision == b->revision && a->issued == b->issued
           && memcmp(a->id, b->id, 16) == 0 && a->granted == b->granted
           && a->services == b->services;
}


/* the real signature of p[0..len): base64url HMAC-SHA256, no padding */
static void
ref_sign(char *sig, const uint8_t *p, size_t len, const cc_key_t *k)
{
    static const char  a[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    size_t             i;
    unsigned int       mdlen, bits, nbits;
    unsigned char      md[EVP_MAX_MD_SIZE];

    if (HMAC(EVP_sha256(), k->data, (int) k->len, p, len, md, &mdlen)
        == NULL)
    {
        abort();
    }

    bits = 0;
    nbits = 0;

    for (i = 0; i < mdlen; i++) {
        bits = (bits << 8) | md[i];
        nbits += 8;

        while (nbits >= 6) {
            nbits -= 6;
            *sig++ = a[(bits >> nbits) & 0x3f];
        }
    }

    if (nbits) {
        *sig++ = a[(bits << (6 - nbits)) & 0x3f];
    }
}


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int            rc, rk, ref;
    char           sig[64];
    size_t         n, fields, i;
    cc_token_t     t, r, u;
    unsigned char  buf[CC_TOKEN_MAX_LEN];
    const uint8_t *dot;

    rc = cc_token_parse(data, size, &t, NULL, 0, category, NULL);
    ref = ref_parse(data, size, &r, &fields);

    if (rc != CC_TOKEN_OK && rc != CC_TOKEN_INVALID) {
        abort();                        /* no keys: never BAD_SIG */
    }

    if ((rc == CC_TOKEN_OK) != (ref == 0)) {
        abort();
    }

    if (rc == CC_TOKEN_OK
        && (!same(&t, &r) || t.signed_token != r.signed_token))
    {
        abort();
    }

    /* with keys */

    for (i = 1; i <= 2; i++) {
        rk = cc_token_parse(data, size, &u, keys + 2 - i, i, category, NULL);

        if (rk != CC_TOKEN_OK && rk != CC_TOKEN_INVALID
            && rk != CC_TOKEN_BAD_SIG)
        {
            abort();
        }

        if (rk == CC_TOKEN_OK) {
            /* must be well-formed, signed, and truly signed */
            if (rc != CC_TOKEN_OK || !t.signed_token || !same(&t, &u)) {
                abort();
            }

            dot = data + size - 44;
            ref_sign(sig, data, (size_t) (dot - data), &keys[1]);

            if (memcmp(sig, dot + 1, 43) != 0) {
                ref_sign(sig, data, (size_t) (dot - data), &keys[0]);

                if (i == 1 || memcmp(sig, dot + 1, 43) != 0) {
                    abort();
                }
            }
        }

        /* well-formed without keys: with keys it is only a signature */
        if (rc == CC_TOKEN_OK && rk == CC_TOKEN_INVALID) {
            abort();
        }
    }

    if (rc != CC_TOKEN_OK) {
        return 0;
    }

    /* round trip, signed with the first key */

    n = cc_token_encode(buf, sizeof(buf), &t, names, NCATS, snames, NSVCS,
                        &keys[0]);

    if (n == 0) {
        /*
         * only when it does not fit: the encoded unsigned part (known
         * names once each) is never longer than the input's, so the
         * input's unsigned part must be over 468 bytes
         */
        if ((fields == 5 ? size : size - 44) <= 468) {
            abort();
        }

        return 0;
    }

    if (n > CC_TOKEN_MAX_LEN) {
        abort();
    }

    for (i = 0; i < n; i++) {
        if (buf[i] <= 0x20 || buf[i] >= 0x7f || buf[i] == ';'
            || buf[i] == ',' || buf[i] == '"' || buf[i] == '\\')
        {
            abort();                    /* not a cookie-octet */
        }
    }

    if (cc_token_parse(buf, n, &u, keys, 2, category, NULL) != CC_TOKEN_OK
        || !same(&t, &u) || !u.signed_token)
    {
        abort();
    }

    /* the first key signed: the second alone does not verify */
    if (cc_token_parse(buf, n, &u, keys + 1, 1, category, NULL)
        != CC_TOKEN_BAD_SIG)
    {
        abort();
    }

    if (cc_token_parse(buf, n, &u, &other, 1, category, NULL)
        != CC_TOKEN_BAD_SIG)
    {
        abort();
    }

    /* the signature is the real HMAC */
    ref_sign(sig, buf, n - 44, &keys[0]);

    if (buf[n - 44] != '.' || memcmp(sig, buf + n - 43, 43) != 0) {
        abort();
    }

    /* and unsigned */

    n = cc_token_encode(buf, sizeof(buf), &t, names, NCATS, snames, NSVCS,
                        NULL);

    if (n == 0
        || cc_token_parse(buf, n, &u, NULL, 0, category, NULL) != CC_TOKEN_OK
        || !same(&t, &u) || u.signed_token
        || cc_token_parse(buf, n, &u, keys, 2, category, NULL)
           != CC_TOKEN_BAD_SIG)
    {
        abort();
    }

    return 0;
}
