/*
 * nginx-cookie-consent: the consent token.
 */

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/opensslv.h>

#if (OPENSSL_VERSION_NUMBER >= 0x30000000L)
#include <openssl/core_names.h>
#include <openssl/params.h>
#define CC_TOKEN_EVP_MAC  1
#endif

#include "cc_token.h"


static const unsigned char  cc_base64url[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";


static size_t cc_token_sign(unsigned char *sig, const unsigned char *p,
    size_t len, const cc_key_t *key);
static int cc_token_hmac(const cc_key_t *key, const unsigned char *p,
    size_t len, unsigned char *md, unsigned int *mdlen);
static int cc_token_uint(const unsigned char *p, size_t len, uint64_t *n);
static int cc_token_hexval(unsigned char c);


int
cc_category_name_valid(const unsigned char *p, size_t len)
{
    size_t  i;

    if (len == 0 || len > CC_CATEGORY_MAX_LEN) {
        return 0;
    }

    for (i = 0; i < len; i++) {
        if (!((p[i] >= 'a' && p[i] <= 'z')
              || (p[i] >= '0' && p[i] <= '9')
              || p[i] == '_'))
        {
            return 0;
        }
    }

    return 1;
}


int
cc_token_parse(const unsigned char *p, size_t len, cc_token_t *t,
    const cc_key_t *keys, size_t nkeys, cc_category_pt category,
    void *data)
{
    int                   cat, hi, lo;
    size_t                n, i, flen[7];
    uint64_t              issued;
    const unsigned char  *f[7], *end, *dot, *name, *next;
    unsigned char         sig[CC_TOKEN_SIG_LEN];

    memset(t, 0, sizeof(cc_token_t));

    if (len == 0 || len > CC_TOKEN_MAX_LEN) {
        return CC_TOKEN_INVALID;
    }

    end = p + len;

    n = 0;

    while (n < 7) {
        f[n] = p;
        dot = memchr(p, '.', end - p);

        if (dot == NULL) {
            flen[n++] = end - p;
            break;
        }

        flen[n++] = dot - p;
        p = dot + 1;
    }

    if (n < 5 || n > 6) {
        return CC_TOKEN_INVALID;
    }

    if (flen[0] != 1 || f[0][0] != '0' + CC_TOKEN_VERSION) {
        return CC_TOKEN_INVALID;
    }

    if (cc_token_uint(f[1], flen[1], &t->revision) != 0
        || cc_token_uint(f[2], flen[2], &issued) != 0
        || issued > INT64_MAX)
    {
        return CC_TOKEN_INVALID;
    }

    t->issued = (int64_t) issued;

    if (flen[3] != 2 * CC_TOKEN_ID_LEN) {
        return CC_TOKEN_INVALID;
    }

    for (i = 0; i < CC_TOKEN_ID_LEN; i++) {
        hi = cc_token_hexval(f[3][2 * i]);
        lo = cc_token_hexval(f[3][2 * i + 1]);

        if (hi < 0 || lo < 0) {
            return CC_TOKEN_INVALID;
        }

        t->id[i] = (unsigned char) (hi << 4 | lo);
    }

    /* categories: name-name-name, possibly empty */

    name = f[4];
    end = f[4] + flen[4];

    while (name < end) {
        next = memchr(name, '-', end - name);
        if (next == NULL) {
            next = end;
        }

        if (!cc_category_name_valid(name, next - name)) {
            return CC_TOKEN_INVALID;
        }

        cat = category(data, name, next - name);

        if (cat >= 0 && cat < CC_TOKEN_MAX_CATS) {
            t->granted |= (uint32_t) 1 << cat;

        } else if (cat >= CC_TOKEN_MAX_CATS
                   && cat < CC_TOKEN_MAX_CATS + CC_TOKEN_MAX_SERVICES)
        {
            t->services |= (uint64_t) 1 << (cat - CC_TOKEN_MAX_CATS);
        }

        name = next + 1;

        if (next < end && name == end) {
            return CC_TOKEN_INVALID;    /* trailing '-' */
        }
    }

    if (n == 6) {
        if (flen[5] != CC_TOKEN_SIG_LEN) {
            return keys && nkeys ? CC_TOKEN_BAD_SIG : CC_TOKEN_INVALID;
        }

        t->signed_token = 1;
    }

    if (nkeys == 0) {
        return CC_TOKEN_OK;
    }

    if (n != 6) {
        return CC_TOKEN_BAD_SIG;
    }

    for (i = 0; i < nkeys; i++) {
        n = cc_token_sign(sig, f[0], f[5] - 1 - f[0], &keys[i]);

        if (n == CC_TOKEN_SIG_LEN
            && CRYPTO_memcmp(sig, f[5], CC_TOKEN_SIG_LEN) == 0)
        {
            return CC_TOKEN_OK;
        }
    }

    return CC_TOKEN_BAD_SIG;
}


size_t
cc_token_encode(unsigned char *buf, size_t size, const cc_token_t *t,
    const char *const *names, unsigned ncats, const char *const *snames,
    unsigned nsvcs, const cc_key_t *key)
{
    int             n;
    size_t          len, nlen;
    unsigned        i, first;
    const char     *name;
    unsigned char  *p, *end;

    if (size < CC_TOKEN_MAX_LEN) {
        return 0;
    }

    p = buf;
    end = buf + CC_TOKEN_MAX_LEN - (CC_TOKEN_SIG_LEN + 1);

    n = snprintf((char *) p, end - p, "%d.%llu.%lld.", CC_TOKEN_VERSION,
                 (unsigned long long) t->revision, (long long) t->issued);

    if (n < 0 || n >= end - p) {
        return 0;
    }

    p += n;

    if (end - p < 2 * CC_TOKEN_ID_LEN + 1) {
        return 0;
    }

    cc_hex(p, t->id, CC_TOKEN_ID_LEN);
    p += 2 * CC_TOKEN_ID_LEN;
    *p++ = '.';

    first = 1;

    /* the categories, then the services */

    for (i = 0; i < ncats + nsvcs; i++) {

        if (i < ncats) {
            if (i >= CC_TOKEN_MAX_CATS
                || !(t->granted & ((uint32_t) 1 << i)))
            {
                continue;
            }

            name = names[i];

        } else {
            if (i - ncats >= CC_TOKEN_MAX_SERVICES
                || !(t->services & ((uint64_t) 1 << (i - ncats))))
            {
                continue;
            }

            name = snames[i - ncats];
        }

        nlen = strlen(name);

        if ((size_t) (end - p) < nlen + 1) {
            return 0;
        }

        if (!first) {
            *p++ = '-';
        }

        memcpy(p, name, nlen);
        p += nlen;
        first = 0;
    }

    len = p - buf;

    if (key == NULL) {
        return len;
    }

    *p++ = '.';

    if (cc_token_sign(p, buf, len, key) != CC_TOKEN_SIG_LEN) {
        return 0;
    }

    return p + CC_TOKEN_SIG_LEN - buf;
}


int
cc_key_prepare(cc_key_t *key)
{
#if (CC_TOKEN_EVP_MAC)
    EVP_MAC      *mac;
    OSSL_PARAM    params[2];
    EVP_MAC_CTX  *ctx;

    key->mac = NULL;

    if (key->len > INT_MAX) {
        return -1;
    }

    mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
    if (mac == NULL) {
        return -1;
    }

    ctx = EVP_MAC_CTX_new(mac);
    EVP_MAC_free(mac);                   /* the context keeps its own */

    if (ctx == NULL) {
        return -1;
    }

    params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
                                                 (char *) "SHA256", 0);
    params[1] = OSSL_PARAM_construct_end();

    if (EVP_MAC_init(ctx, key->data, key->len, params) != 1) {
        EVP_MAC_CTX_free(ctx);
        return -1;
    }

    key->mac = ctx;

    return 0;
#else
    key->mac = NULL;

    return -1;
#endif
}


void
cc_key_release(cc_key_t *key)
{
#if (CC_TOKEN_EVP_MAC)
    EVP_MAC_CTX_free(key->mac);
#endif
    key->mac = NULL;
}


/* HMAC-SHA256 of p[0..len) under the key; 0, or -1 */
static int
cc_token_hmac(const cc_key_t *key, const unsigned char *p, size_t len,
    unsigned char *md, unsigned int *mdlen)
{
#if (CC_TOKEN_EVP_MAC)
    size_t        n;
    EVP_MAC_CTX  *ctx;

    if (key->mac != NULL) {
        ctx = key->mac;

        /* a NULL key: the one it was prepared with, padded already */

        if (EVP_MAC_init(ctx, NULL, 0, NULL) != 1
            || EVP_MAC_update(ctx, p, len) != 1
            || EVP_MAC_final(ctx, md, &n, EVP_MAX_MD_SIZE) != 1)
        {
            return -1;
        }

        *mdlen = (unsigned int) n;

        return 0;
    }
#endif

    if (key->len > INT_MAX
        || HMAC(EVP_sha256(), key->data, (int) key->len, p, len, md, mdlen)
           == NULL)
    {
        return -1;
    }

    return 0;
}


static size_t
cc_token_sign(unsigned char *sig, const unsigned char *p, size_t len,
    const cc_key_t *key)
{
    size_t          i, n;
    uint32_t        v;
    unsigned int    mdlen;
    unsigned char   md[EVP_MAX_MD_SIZE], *s;

    mdlen = 0;

    if (cc_token_hmac(key, p, len, md, &mdlen) != 0 || mdlen != 32) {
        return 0;       /* no signature: nothing verifies, nothing signs */
    }

    s = sig;

    for (i = 0; i + 3 <= 30; i += 3) {
        v = (uint32_t) md[i] << 16 | (uint32_t) md[i + 1] << 8 | md[i + 2];
        *s++ = cc_base64url[v >> 18 & 0x3f];
        *s++ = cc_base64url[v >> 12 & 0x3f];
        *s++ = cc_base64url[v >> 6 & 0x3f];
        *s++ = cc_base64url[v & 0x3f];
    }

    /* the last 2 bytes: 3 characters */

    v = (uint32_t) md[30] << 8 | md[31];
    *s++ = cc_base64url[v >> 10 & 0x3f];
    *s++ = cc_base64url[v >> 4 & 0x3f];
    *s++ = cc_base64url[v << 2 & 0x3f];

    n = s - sig;

    return n;
}


static int
cc_token_uint(const unsigned char *p, size_t len, uint64_t *n)
{
    uint64_t  v;

    if (len == 0 || len > 19 || (len > 1 && p[0] == '0')) {
        return -1;
    }

    v = 0;

    while (len--) {
        if (*p < '0' || *p > '9') {
            return -1;
        }

        v = v * 10 + (*p++ - '0');
    }

    *n = v;

    return 0;
}


/* a digit of the id: lowercase only, as the id is written */

static int
cc_token_hexval(unsigned char c)
{
    return (c >= 'A' && c <= 'F') ? -1 : cc_util_hex(c);
}
