/*
 * nginx-cookie-consent: the consent token, the value of the module's own
 * consent cookie (format documented in docs/consent-cookie.md):
 *
 *     1.<revision>.<issued>.<id>.<categories>[.<signature>]
 *
 * revision   policy revision, decimal
 * issued     issue time, Unix seconds, decimal
 * id         128-bit random consent id, 32 lowercase hex digits
 * categories granted category names joined by '-', then the names of the
 *            services granted one by one (cookie_consent_service)
 * signature  base64url (no padding) HMAC-SHA256 of everything before
 *            the last '.', with the first configured key
 *
 * Plain C; HMAC comes from OpenSSL's libcrypto.
 */

#ifndef CC_TOKEN_H
#define CC_TOKEN_H

#include <stddef.h>
#include <stdint.h>

#include "cc_util.h"            /* cc_hex() */


/*
 * Not exported from the module's shared object: nginx loads modules
 * RTLD_GLOBAL, where these names could meet another module's.
 */
#pragma GCC visibility push(hidden)


#define CC_TOKEN_VERSION     1
#define CC_TOKEN_MAX_LEN     512
#define CC_TOKEN_ID_LEN      16
#define CC_TOKEN_SIG_LEN     43      /* base64url of 32 bytes, no padding */
#define CC_TOKEN_MAX_CATS    32
#define CC_TOKEN_MAX_SERVICES 64
#define CC_CATEGORY_MAX_LEN  32

#define CC_TOKEN_OK          0
#define CC_TOKEN_INVALID     -1      /* unparsable */
#define CC_TOKEN_BAD_SIG     -2      /* signature missing or wrong */


/*
 * resolves a name of the categories field to a category index (bit),
 * CC_TOKEN_MAX_CATS + i for service i, or -1
 */
typedef int (*cc_category_pt)(void *data, const unsigned char *name,
    size_t len);


typedef struct {
    const unsigned char  *data;
    size_t                len;
    void                 *mac;        /* NULL, or cc_key_prepare()'s */
} cc_key_t;


typedef struct {
    uint64_t       revision;
    int64_t        issued;
    unsigned char  id[CC_TOKEN_ID_LEN];
    uint32_t       granted;         /* bit i: category i */
    uint64_t       services;        /* bit i: service i */
    unsigned       signed_token:1;
} cc_token_t;


/*
 * Parses and, with keys (nkeys > 0), verifies a token.  Category names
 * that the callback does not know are ignored; names that are not
 * [a-z0-9_]+ make the token invalid.  Returns CC_TOKEN_OK,
 * CC_TOKEN_INVALID or CC_TOKEN_BAD_SIG.  With no keys a signature, if
 * present, is not checked.
 */
int cc_token_parse(const unsigned char *p, size_t len, cc_token_t *t,
    const cc_key_t *keys, size_t nkeys, cc_category_pt category,
    void *data);

/*
 * Writes a token into buf (size >= CC_TOKEN_MAX_LEN) and returns its
 * length, or 0 if it does not fit.  names[i] is the name of category i,
 * for i < ncats, snames[i] that of service i, for i < nsvcs (snames may
 * be NULL when nsvcs is 0).  With key != NULL the token is signed.
 */
size_t cc_token_encode(unsigned char *buf, size_t size, const cc_token_t *t,
    const char *const *names, unsigned ncats, const char *const *snames,
    unsigned nsvcs, const cc_key_t *key);

/*
 * Keys the HMAC once, so that every later signature or verification with
 * this key costs about a fifth of a one-shot HMAC (the digest is not
 * fetched nor the key padded again).  The key must then be used by one
 * thread at a time.  Returns 0, or -1 when libcrypto cannot (the key
 * still works, one-shot).  cc_key_release() frees what it keeps.
 */
int cc_key_prepare(cc_key_t *key);
void cc_key_release(cc_key_t *key);

/* 1 if p[0..len) is a valid category name: [a-z0-9_]{1,32} */
int cc_category_name_valid(const unsigned char *p, size_t len);

#pragma GCC visibility pop

#endif /* CC_TOKEN_H */
