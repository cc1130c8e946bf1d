/*
 * Unit tests: the consent token (src/cc_token.c).
 *
 * Inputs go through exact-size heap copies so AddressSanitizer sees any
 * read past the end of the cookie value.
 */

#include <stdlib.h>
#include <limits.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "cc_test.h"
#include "cc_token.h"


#define ID   "1ce3557000b38645dcdce3e1b925a7a3"
#define ID0  "00000000000000000000000000000000"

#define KEY1  "0123456789abcdef0123456789abcdef"
#define KEY2  "a second key, also 32 bytes long"
#define KEY3  "and a third one that nobody uses"


static const char  *names[] = {
    "necessary", "preferences", "analytics", "marketing", "social"
};

#define NCATS  5

/* services (cookie_consent_service): CC_TOKEN_MAX_CATS + i */
static const char  *snames[] = { "ga", "youtube" };

#define NSVCS  2

static unsigned  cb_calls;



static int
category(void *data, const unsigned char *name, size_t len)
{
    int  i;

    (void) data;
    cb_calls++;

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

    /* out-of-range answers must be ignored */
    if (len == 5 && memcmp(name, "bit31", 5) == 0) {
        return 31;
    }

    if (len == 5 && memcmp(name, "bit32", 5) == 0) {
        return 32;                          /* service 0 */
    }

    if (len == 5 && memcmp(name, "bit96", 5) == 0) {
        return 96;
    }

    if (len == 5 && memcmp(name, "bit99", 5) == 0) {
        return 99;
    }

    if (len == 3 && memcmp(name, "neg", 3) == 0) {
        return -7;
    }

    return -1;
}


static const cc_key_t  k1 = {
    (const unsigned char *) KEY1, sizeof(KEY1) - 1, NULL
};
static const cc_key_t  k2 = {
    (const unsigned char *) KEY2, sizeof(KEY2) - 1, NULL
};
static const cc_key_t  k3 = {
    (const unsigned char *) KEY3, sizeof(KEY3) - 1, NULL
};


static int
parse_keys(const void *s, size_t len, cc_token_t *t, const cc_key_t *keys,
    size_t nkeys)
{
    int             rc;
    unsigned char  *h;

    h = malloc(len ? len : 1);
    if (h == NULL) {
        abort();
    }

    if (len) {
        memcpy(h, s, len);
    }

    rc = cc_token_parse(h, len, t, keys, nkeys, category, NULL);
    free(h);

    return rc;
}

static int
parse(const char *s, cc_token_t *t)
{
    return parse_keys(s, strlen(s), t, NULL, 0);
}

static int
parse1(const char *s, cc_token_t *t)
{
    return parse_keys(s, strlen(s), t, &k1, 1);
}


/* an independent base64url, for the known-answer checks */
static void
b64url(char *dst, const unsigned char *src, size_t n)
{
    static const char  a[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    size_t    i;
    unsigned  bits, nbits;

    bits = 0;
    nbits = 0;

    for (i = 0; i < n; i++) {
        bits = (bits << 8) | src[i];
        nbits += 8;

        while (nbits >= 6) {
            nbits -= 6;
            *dst++ = a[(bits >> nbits) & 0x3f];
        }
    }

    if (nbits) {
        *dst++ = a[(bits << (6 - nbits)) & 0x3f];
    }

    *dst = '\0';
}


static void
sign_ref(char *sig, const char *msg, const cc_key_t *k)
{
    unsigned int   mdlen;
    unsigned char  md[EVP_MAX_MD_SIZE];

    HMAC(EVP_sha256(), k->data, (int) k->len, (const unsigned char *) msg,
         strlen(msg), md, &mdlen);
    b64url(sig, md, mdlen);
}


static size_t
encode(char *buf, const cc_token_t *t, const cc_key_t *key)
{
    size_t  n;

    n = cc_token_encode((unsigned char *) buf, CC_TOKEN_MAX_LEN, t, names,
                        NCATS, snames, NSVCS, key);
    buf[n] = '\0';

    return n;
}


static void
test_names(void)
{
    int            c, expect;
    unsigned char  b[1], s[40];

#define CV(x)  cc_category_name_valid((const unsigned char *) x,              \
                                      sizeof(x) - 1)

    CC_CHECK_INT(CV("necessary"), 1);
    CC_CHECK_INT(CV("a"), 1);
    CC_CHECK_INT(CV("a_b_9"), 1);
    CC_CHECK_INT(CV("0"), 1);
    CC_CHECK_INT(CV("_"), 1);
    CC_CHECK_INT(CV(""), 0);
    CC_CHECK_INT(CV("Analytics"), 0);
    CC_CHECK_INT(CV("a-b"), 0);
    CC_CHECK_INT(CV("a.b"), 0);
    CC_CHECK_INT(CV("a b"), 0);
    CC_CHECK_INT(CV("a\0"), 0);
    CC_CHECK_INT(CV("\xc3\xa9"), 0);

    memset(s, 'x', sizeof(s));
    CC_CHECK_INT(cc_category_name_valid(s, 32), 1);
    CC_CHECK_INT(cc_category_name_valid(s, 33), 0);
    CC_CHECK_INT(cc_category_name_valid(s, 0), 0);

    for (c = 0; c < 256; c++) {
        b[0] = (unsigned char) c;
        expect = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        CC_CHECK_INT(cc_category_name_valid(b, 1), expect);
    }

#undef CV
}


static void
test_hex(void)
{
    unsigned char  dst[40];
    unsigned char  src[] = { 0x00, 0x01, 0xab, 0xcd, 0xef, 0xff, 0x10, 0x9a };

    memset(dst, '#', sizeof(dst));
    cc_hex(dst, src, sizeof(src));
    CC_CHECK_STR(dst, 16, "0001abcdefff109a");
    CC_CHECK(dst[16] == '#');

    cc_hex(dst, src, 0);
    CC_CHECK(dst[0] == '0');
}


/* cc_util_equal_ct(): every length 0-40, a difference at every position */
static void
test_equal_ct(void)
{
    size_t         n, i;
    unsigned char  a[41], b[41];

    for (n = 0; n <= 40; n++) {
        for (i = 0; i < n; i++) {
            a[i] = b[i] = (unsigned char) (i * 37 + n);
        }

        CC_CHECK_INT(cc_util_equal_ct(a, b, n), 1);

        for (i = 0; i < n; i++) {
            b[i] ^= 0x80;
            CC_CHECK_INT(cc_util_equal_ct(a, b, n), 0);
            b[i] ^= 0x81;
            CC_CHECK_INT(cc_util_equal_ct(a, b, n), 0);
            b[i] ^= 0x01;
        }

        /* beyond n does not count */
        a[n] = 1;
        b[n] = 2;
        CC_CHECK_INT(cc_util_equal_ct(a, b, n), 1);
    }
}


static void
test_parse(void)
{
    int          rc;
    cc_token_t   t;
    static const unsigned char  id[16] = {
        0x1c, 0xe3, 0x55, 0x70, 0x00, 0xb3, 0x86, 0x45,
        0xdc, 0xdc, 0xe3, 0xe1, 0xb9, 0x25, 0xa7, 0xa3
    };

    /* the documented example, unsigned */
    rc = parse("1.1.1795444774." ID ".necessary-analytics", &t);
    CC_CHECK_INT(rc, CC_TOKEN_OK);
    CC_CHECK_INT(t.revision, 1);
    CC_CHECK_INT(t.issued, 1795444774);
    CC_CHECK(memcmp(t.id, id, 16) == 0);
    CC_CHECK_INT(t.granted, 0x5);
    CC_CHECK_INT(t.signed_token, 0);

    /* order of names does not matter, duplicates collapse */
    CC_CHECK_INT(parse("1.1.1." ID ".analytics-necessary", &t), CC_TOKEN_OK);
    CC_CHECK_INT(t.granted, 0x5);
    CC_CHECK_INT(parse("1.1.1." ID ".social-social-social", &t), CC_TOKEN_OK);
    CC_CHECK_INT(t.granted, 0x10);

    /* empty category list */
    CC_CHECK_INT(parse("1.0.0." ID0 ".", &t), CC_TOKEN_OK);
    CC_CHECK_INT(t.granted, 0);
    CC_CHECK_INT(t.revision, 0);
    CC_CHECK_INT(t.issued, 0);

    /* unknown names ignored, not fatal */
    CC_CHECK_INT(parse("1.1.1." ID ".gone-analytics-removed_2", &t),
                 CC_TOKEN_OK);
    CC_CHECK_INT(t.granted, 0x4);
    CC_CHECK_INT(parse("1.1.1." ID ".zzz", &t), CC_TOKEN_OK);
    CC_CHECK_INT(t.granted, 0);

    /*
     * callback answers outside 0..95 are ignored; 32..95 are services
     * 0..63
     */
    CC_CHECK_INT(parse("1.1.1." ID ".bit31", &t), CC_TOKEN_OK);
    CC_CHECK_INT(t.granted, 0x80000000u);
    CC_CHECK(t.services == 0);
    CC_CHECK_INT(parse("1.1.1." ID ".bit96-bit99-neg-necessary", &t),
                 CC_TOKEN_OK);
    CC_CHECK_INT(t.granted, 0x1);
    CC_CHECK(t.services == 0);
    CC_CHECK_INT(parse("1.1.1." ID ".bit32-necessary", &t), CC_TOKEN_OK);
    CC_CHECK_INT(t.granted, 0x1);
    CC_CHECK(t.services == 1);

    /* services: after the categories, in any order, repeated at will */
    CC_CHECK_INT(parse("1.1.1." ID ".necessary-youtube-analytics-ga-ga", &t),
                 CC_TOKEN_OK);
    CC_CHECK_INT(t.granted, 0x5);
    CC_CHECK(t.services == 3);
    CC_CHECK_INT(parse("1.1.1." ID ".youtube", &t), CC_TOKEN_OK);
    CC_CHECK_INT(t.granted, 0);
    CC_CHECK(t.services == 2);
    CC_CHECK_INT(parse("1.1.1." ID ".necessary-YouTube", &t),
                 CC_TOKEN_INVALID);

    /* invalid names make the token invalid */
    CC_CHECK_INT(parse("1.1.1." ID ".Analytics", &t), CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("1.1.1." ID ".necessary-Analytics", &t),
                 CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("1.1.1." ID ".analytics-", &t), CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("1.1.1." ID ".-analytics", &t), CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("1.1.1." ID ".a--b", &t), CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("1.1.1." ID ".-", &t), CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("1.1.1." ID ".--", &t), CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("1.1.1." ID ".a b", &t), CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("1.1.1." ID ".a+b", &t), CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("1.1.1." ID ".caf\xc3\xa9", &t), CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("1.1.1." ID ".xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", &t),
                 CC_TOKEN_OK);                               /* 32 */
    CC_CHECK_INT(parse("1.1.1." ID ".xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", &t),
                 CC_TOKEN_INVALID);                          /* 33 */

    /* a NUL byte in the name: invalid (explicit length) */
    {
        static const char  s[] = "1.1.1." ID ".necessary\0";

        CC_CHECK_INT(parse_keys(s, sizeof(s) - 1, &t, NULL, 0),
                     CC_TOKEN_INVALID);
    }

    /* field count: 5 or 6 */
    CC_CHECK_INT(parse("", &t), CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("1", &t), CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("1.1.1." ID, &t), CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("....", &t), CC_TOKEN_INVALID);
    CC_CHECK_INT(parse(".....", &t), CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("......", &t), CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("1.1.1." ID ".necessary."
                       "NmLpPJ2NSL2rq8BsP3i9b2zXuzNsuQRwL3M_dQasr5E.x", &t),
                 CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("1.1.1." ID ".necessary."
                       "NmLpPJ2NSL2rq8BsP3i9b2zXuzNsuQRwL3M_dQasr5E.", &t),
                 CC_TOKEN_INVALID);

    /* version */
    CC_CHECK_INT(parse("2.1.1." ID ".necessary", &t), CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("0.1.1." ID ".necessary", &t), CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("01.1.1." ID ".necessary", &t), CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("11.1.1." ID ".necessary", &t), CC_TOKEN_INVALID);
    CC_CHECK_INT(parse(".1.1." ID ".necessary", &t), CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("v.1.1." ID ".necessary", &t), CC_TOKEN_INVALID);

    /* revision: decimal, no leading zeros, at most 19 digits */
    CC_CHECK_INT(parse("1.0.1." ID ".", &t), CC_TOKEN_OK);
    CC_CHECK_INT(parse("1.00.1." ID ".", &t), CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("1.01.1." ID ".", &t), CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("1..1." ID ".", &t), CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("1.-1.1." ID ".", &t), CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("1.+1.1." ID ".", &t), CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("1. 1.1." ID ".", &t), CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("1.1 .1." ID ".", &t), CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("1.1a.1." ID ".", &t), CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("1.0x1.1." ID ".", &t), CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("1.9999999999999999999.1." ID ".", &t), CC_TOKEN_OK);
    CC_CHECK(t.revision == 9999999999999999999ULL);
    CC_CHECK_INT(parse("1.10000000000000000000.1." ID ".", &t),
                 CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("1.18446744073709551615.1." ID ".", &t),
                 CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("1.18446744073709551616.1." ID ".", &t),
                 CC_TOKEN_INVALID);

    /* issued: decimal, no leading zeros, at most INT64_MAX */
    CC_CHECK_INT(parse("1.1.0." ID ".", &t), CC_TOKEN_OK);
    CC_CHECK_INT(parse("1.1.00." ID ".", &t), CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("1.1.01795444774." ID ".", &t), CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("1.1.-1." ID ".", &t), CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("1.1.." ID ".", &t), CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("1.1.9223372036854775807." ID ".", &t), CC_TOKEN_OK);
    CC_CHECK(t.issued == INT64_MAX);
    CC_CHECK_INT(parse("1.1.9223372036854775808." ID ".", &t),
                 CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("1.1.9999999999999999999." ID ".", &t),
                 CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("1.1.99999999999999999999." ID ".", &t),
                 CC_TOKEN_INVALID);

    /* id: exactly 32 lowercase hex digits */
    CC_CHECK_INT(parse("1.1.1." ID0 ".", &t), CC_TOKEN_OK);
    CC_CHECK_INT(parse("1.1.1.ffffffffffffffffffffffffffffffff.", &t),
                 CC_TOKEN_OK);
    CC_CHECK_INT(t.id[0], 0xff);
    CC_CHECK_INT(t.id[15], 0xff);
    CC_CHECK_INT(parse("1.1.1.1CE3557000B38645DCDCE3E1B925A7A3.", &t),
                 CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("1.1.1.1ce3557000b38645dcdce3e1b925a7aA.", &t),
                 CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("1.1.1.1ce3557000b38645dcdce3e1b925a7ag.", &t),
                 CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("1.1.1.1ce3557000b38645dcdce3e1b925a7a.", &t),
                 CC_TOKEN_INVALID);                           /* 31 */
    CC_CHECK_INT(parse("1.1.1.1ce3557000b38645dcdce3e1b925a7a30.", &t),
                 CC_TOKEN_INVALID);                           /* 33 */
    CC_CHECK_INT(parse("1.1.1.1ce3557000b38645dcdce3e1b925a7 3.", &t),
                 CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("1.1.1.0x1ce3557000b38645dcdce3e1b925a7.", &t),
                 CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("1.1.1..necessary", &t), CC_TOKEN_INVALID);

    /* surrounding whitespace or quotes are not stripped */
    CC_CHECK_INT(parse(" 1.1.1." ID ".", &t), CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("1.1.1." ID ". ", &t), CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("\"1.1.1." ID ".\"", &t), CC_TOKEN_INVALID);

    /* a NUL byte anywhere */
    {
        static const char  s[] = "1.1\0.1." ID ".necessary";
        static const char  u[] = "1.1.1." ID "\0.necessary";

        CC_CHECK_INT(parse_keys(s, sizeof(s) - 1, &t, NULL, 0),
                     CC_TOKEN_INVALID);
        CC_CHECK_INT(parse_keys(u, sizeof(u) - 1, &t, NULL, 0),
                     CC_TOKEN_INVALID);
    }

    /* a failed parse leaves nothing granted */
    CC_CHECK_INT(parse("1.1.1." ID ".necessary-Bad", &t), CC_TOKEN_INVALID);
    CC_CHECK_INT(parse("9", &t), CC_TOKEN_INVALID);
    CC_CHECK_INT(t.granted, 0);
    CC_CHECK_INT(t.signed_token, 0);
}


/* an unsigned token of exactly len bytes, padded with unknown names */
static void
make_len(char *buf, size_t len)
{
    size_t  n, rest, l;

    strcpy(buf, "1.1.1." ID ".necessary");
    n = strlen(buf);

    while (n < len) {
        rest = len - n;                  /* '-' and a name: at least 2 */

        if (rest <= 33) {
            l = rest - 1;

        } else if (rest == 34) {
            l = 31;                      /* leaves 2: "-z" */

        } else {
            l = 32;
        }

        buf[n++] = '-';
        memset(buf + n, 'z', l);
        n += l;
    }

    buf[n] = '\0';
}


static void
test_length(void)
{
    char        buf[1200];
    cc_token_t  t;

    make_len(buf, 511);
    CC_CHECK_INT(strlen(buf), 511);
    CC_CHECK_INT(parse(buf, &t), CC_TOKEN_OK);
    CC_CHECK_INT(t.granted, 1);

    make_len(buf, 512);
    CC_CHECK_INT(strlen(buf), 512);
    CC_CHECK_INT(parse(buf, &t), CC_TOKEN_OK);
    CC_CHECK_INT(t.granted, 1);

    make_len(buf, 513);
    CC_CHECK_INT(strlen(buf), 513);
    CC_CHECK_INT(parse(buf, &t), CC_TOKEN_INVALID);

    make_len(buf, 1100);
    CC_CHECK_INT(parse(buf, &t), CC_TOKEN_INVALID);

    /* a huge value is refused before it is looked at */
    {
        size_t          len = 1 << 20;
        unsigned char  *p;

        p = malloc(len);
        CC_CHECK(p != NULL);
        memset(p, '.', len);
        CC_CHECK_INT(cc_token_parse(p, len, &t, &k1, 1, category, NULL),
                     CC_TOKEN_INVALID);
        free(p);
    }
}


static void
test_signed(void)
{
    int         rc;
    char        buf[CC_TOKEN_MAX_LEN + 1], tok[CC_TOKEN_MAX_LEN + 64];
    char        sig[64];
    size_t      n, i, len;
    cc_key_t    keys[3], big;
    cc_token_t  t, u;

    /* known answer: the HMAC computed by openssl dgst -hmac */

    memset(&t, 0, sizeof(t));
    t.revision = 1;
    t.issued = 1795444774;
    memcpy(t.id, "\x1c\xe3\x55\x70\x00\xb3\x86\x45"
                 "\xdc\xdc\xe3\xe1\xb9\x25\xa7\xa3", 16);
    t.granted = 0x5;

    n = encode(buf, &t, &k1);
    CC_CHECK_STR(buf, n, "1.1.1795444774." ID ".necessary-analytics."
                 "NmLpPJ2NSL2rq8BsP3i9b2zXuzNsuQRwL3M_dQasr5E");

    rc = parse1(buf, &u);
    CC_CHECK_INT(rc, CC_TOKEN_OK);
    CC_CHECK_INT(u.signed_token, 1);
    CC_CHECK_INT(u.granted, 0x5);
    CC_CHECK_INT(u.revision, 1);
    CC_CHECK_INT(u.issued, 1795444774);
    CC_CHECK(memcmp(u.id, t.id, 16) == 0);

    memset(&t, 0, sizeof(t));
    n = encode(buf, &t, &k1);
    CC_CHECK_STR(buf, n, "1.0.0." ID0 ".."
                 "CgO1DwrJVlqlKIS6meGOL4mgUcDGP_NkP-tCfsJwYxM");
    CC_CHECK_INT(parse1(buf, &u), CC_TOKEN_OK);

    /* and against the reference signer for another key */
    t.granted = 0x1f;
    t.revision = 42;
    t.issued = 1700000000;
    n = encode(buf, &t, &k2);
    CC_CHECK(n > 44);
    memcpy(tok, buf, n - 44);
    tok[n - 44] = '\0';
    sign_ref(sig, tok, &k2);
    CC_CHECK_INT(strlen(sig), 43);
    CC_CHECK_STR(buf + n - 43, 43, sig);
    CC_CHECK_STR(tok, strlen(tok), "1.42.1700000000." ID0
                 ".necessary-preferences-analytics-marketing-social");

    /* unsigned encode = the signed one without the signature */
    n = encode(tok, &t, NULL);
    CC_CHECK_STR(tok, n, "1.42.1700000000." ID0
                 ".necessary-preferences-analytics-marketing-social");

    /* with keys: signed by the first, any verifies */

    n = encode(buf, &t, &k1);
    keys[0] = k1;
    keys[1] = k2;
    keys[2] = k3;

    CC_CHECK_INT(parse_keys(buf, n, &u, keys, 1), CC_TOKEN_OK);
    CC_CHECK_INT(parse_keys(buf, n, &u, keys, 2), CC_TOKEN_OK);
    CC_CHECK_INT(parse_keys(buf, n, &u, keys, 3), CC_TOKEN_OK);
    CC_CHECK_INT(parse_keys(buf, n, &u, keys + 1, 2), CC_TOKEN_BAD_SIG);
    CC_CHECK_INT(parse_keys(buf, n, &u, keys + 2, 1), CC_TOKEN_BAD_SIG);

    n = encode(buf, &t, &k3);
    CC_CHECK_INT(parse_keys(buf, n, &u, keys, 3), CC_TOKEN_OK);
    CC_CHECK_INT(u.granted, 0x1f);
    CC_CHECK_INT(parse_keys(buf, n, &u, keys, 2), CC_TOKEN_BAD_SIG);

    /* a signed token without keys: accepted, signature not checked */
    CC_CHECK_INT(parse_keys(buf, n, &u, NULL, 0), CC_TOKEN_OK);
    CC_CHECK_INT(u.signed_token, 1);
    CC_CHECK_INT(u.granted, 0x1f);

    /* an unsigned token with keys: bad signature */
    n = encode(buf, &t, NULL);
    CC_CHECK_INT(parse_keys(buf, n, &u, keys, 3), CC_TOKEN_BAD_SIG);
    CC_CHECK_INT(parse_keys(buf, n, &u, NULL, 0), CC_TOKEN_OK);
    CC_CHECK_INT(u.signed_token, 0);

    /* wrong signature lengths: bad with keys, invalid without */
    n = encode(buf, &t, &k1);

    memcpy(tok, buf, n - 1);
    tok[n - 1] = '\0';                                    /* 42 */
    CC_CHECK_INT(parse_keys(tok, n - 1, &u, &k1, 1), CC_TOKEN_BAD_SIG);
    CC_CHECK_INT(parse_keys(tok, n - 1, &u, NULL, 0), CC_TOKEN_INVALID);

    memcpy(tok, buf, n);
    tok[n] = 'A';                                         /* 44 */
    CC_CHECK_INT(parse_keys(tok, n + 1, &u, &k1, 1), CC_TOKEN_BAD_SIG);
    CC_CHECK_INT(parse_keys(tok, n + 1, &u, NULL, 0), CC_TOKEN_INVALID);

    CC_CHECK_INT(parse_keys(buf, n - 43, &u, &k1, 1), CC_TOKEN_BAD_SIG);
    CC_CHECK_INT(parse_keys(buf, n - 43, &u, NULL, 0), CC_TOKEN_INVALID);

    /* a signature of the right length but garbage */
    memcpy(tok, buf, n - 43);
    memset(tok + n - 43, 'A', 43);
    CC_CHECK_INT(parse_keys(tok, n, &u, &k1, 1), CC_TOKEN_BAD_SIG);
    memset(tok + n - 43, '!', 43);
    CC_CHECK_INT(parse_keys(tok, n, &u, &k1, 1), CC_TOKEN_BAD_SIG);
    memset(tok + n - 43, '\0', 43);
    CC_CHECK_INT(parse_keys(tok, n, &u, &k1, 1), CC_TOKEN_BAD_SIG);

    /* the signature of another token */
    t.granted = 0x1;
    len = encode(tok, &t, &k1);
    memcpy(tok + len - 43, buf + n - 43, 43);
    CC_CHECK_INT(parse_keys(tok, len, &u, &k1, 1), CC_TOKEN_BAD_SIG);

    /*
     * tampering: every byte replaced by every other value never gives
     * an accepted token; nor does any truncation
     */

    t.granted = 0x5;
    t.revision = 7;
    t.issued = 1795444774;
    memcpy(t.id, "\x1c\xe3\x55\x70\x00\xb3\x86\x45"
                 "\xdc\xdc\xe3\xe1\xb9\x25\xa7\xa3", 16);
    n = encode(buf, &t, &k1);
    CC_CHECK_INT(parse_keys(buf, n, &u, &k1, 1), CC_TOKEN_OK);

    {
        unsigned  accepted = 0, invalid = 0, bad = 0;
        int       c;

        for (i = 0; i < n; i++) {
            for (c = 0; c < 256; c += (i < n - 43 ? 1 : 3)) {
                if ((unsigned char) buf[i] == c) {
                    continue;
                }

                memcpy(tok, buf, n);
                tok[i] = (char) c;
                rc = parse_keys(tok, n, &u, &k1, 1);

                if (rc == CC_TOKEN_OK) {
                    accepted++;
                    fprintf(stderr, "accepted tampered token: %.*s\n",
                            (int) n, tok);

                } else if (rc == CC_TOKEN_INVALID) {
                    invalid++;

                } else {
                    bad++;
                }
            }
        }

        CC_CHECK_INT(accepted, 0);
        CC_CHECK(invalid > 0);
        CC_CHECK(bad > 0);

        accepted = 0;

        for (i = 0; i < n; i++) {
            if (parse_keys(buf, i, &u, &k1, 1) == CC_TOKEN_OK) {
                accepted++;
            }
        }

        CC_CHECK_INT(accepted, 0);

        /* the last character carries 4 bits: its 2 spare bits matter too */
        memcpy(tok, buf, n);
        for (c = 0; c < 64; c++) {
            static const char  a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijkl"
                                     "mnopqrstuvwxyz0123456789-_";
            if (a[c] == buf[n - 1]) {
                continue;
            }
            tok[n - 1] = a[c];
            if (parse_keys(tok, n, &u, &k1, 1) == CC_TOKEN_OK) {
                accepted++;
            }
        }

        CC_CHECK_INT(accepted, 0);
    }

    /* uppercase hex in a signed token's id: invalid, not merely bad */
    memcpy(tok, buf, n);
    for (i = sizeof("1.7.1795444774.") - 1; i < n; i++) {
        if (tok[i] >= 'a' && tok[i] <= 'f') {
            tok[i] = (char) (tok[i] - 'a' + 'A');
            break;
        }
    }
    CC_CHECK_INT(parse_keys(tok, n, &u, &k1, 1), CC_TOKEN_INVALID);

    /* empty and short keys still sign and verify */
    {
        cc_key_t  e = { (const unsigned char *) "", 0, NULL };
        cc_key_t  s = { (const unsigned char *) "k", 1, NULL };

        n = encode(buf, &t, &e);
        CC_CHECK_INT(parse_keys(buf, n, &u, &e, 1), CC_TOKEN_OK);
        CC_CHECK_INT(parse_keys(buf, n, &u, &s, 1), CC_TOKEN_BAD_SIG);
        n = encode(buf, &t, &s);
        CC_CHECK_INT(parse_keys(buf, n, &u, &s, 1), CC_TOKEN_OK);
        CC_CHECK_INT(parse_keys(buf, n, &u, &e, 1), CC_TOKEN_BAD_SIG);
    }

    /*
     * A key that HMAC() cannot take (its length does not fit an int)
     * must not make a forged signature verify: the old fallback
     * signature was 43 '!', compared like any other (fixed in 6686d6a).
     * Fail closed: BAD_SIG, and encode() refuses to write a token.
     */
    big.data = (const unsigned char *) "x";
    big.len = (size_t) INT_MAX + 1;
    big.mac = NULL;
    memcpy(tok, "1.1.1." ID ".necessary-analytics-marketing.", 6 + 32 + 31);
    memset(tok + 6 + 32 + 31, '!', 43);
    len = 6 + 32 + 31 + 43;
    CC_CHECK_INT(parse_keys(tok, len, &u, &big, 1), CC_TOKEN_BAD_SIG);
    CC_CHECK_INT(cc_token_encode((unsigned char *) buf, CC_TOKEN_MAX_LEN, &t,
                                 names, NCATS, NULL, 0, &big), 0);

    /* the other keys still verify after one that cannot */
    keys[0] = big;
    keys[1] = k1;
    n = encode(buf, &t, &k1);
    CC_CHECK_INT(parse_keys(buf, n, &u, keys, 2), CC_TOKEN_OK);
    CC_CHECK_INT(parse_keys(tok, len, &u, keys, 2), CC_TOKEN_BAD_SIG);
}


static void
test_encode(void)
{
    char        buf[CC_TOKEN_MAX_LEN + 1];
    size_t      n, i;
    unsigned    r, ok;
    cc_key_t    keys[2];
    cc_token_t  t, u;

    memset(&t, 0, sizeof(t));

    /* the buffer must hold CC_TOKEN_MAX_LEN */
    CC_CHECK_INT(cc_token_encode((unsigned char *) buf, CC_TOKEN_MAX_LEN - 1,
                                 &t, names, NCATS, NULL, 0, &k1), 0);
    CC_CHECK_INT(cc_token_encode((unsigned char *) buf, 0, &t, names, NCATS,
                                 NULL, 0, NULL), 0);

    /* services after the categories, in their order; beyond nsvcs not */
    t.granted = 0x9;
    t.services = 0x3 | ((uint64_t) 1 << 63);
    n = encode(buf, &t, NULL);
    CC_CHECK_STR(buf, n, "1.0.0." ID0 ".necessary-marketing-ga-youtube");
    CC_CHECK_INT(parse(buf, &u), CC_TOKEN_OK);
    CC_CHECK_INT(u.granted, 0x9);
    CC_CHECK(u.services == 0x3);
    t.granted = 0;
    t.services = 0x2;
    n = encode(buf, &t, &k1);
    CC_CHECK(n == sizeof("1.0.0." ID0 ".youtube.") - 1 + CC_TOKEN_SIG_LEN);
    CC_CHECK_INT(parse1(buf, &u), CC_TOKEN_OK);
    CC_CHECK(u.services == 0x2 && u.granted == 0);
    buf[sizeof("1.0.0." ID0 ".") - 1] = 'Y';           /* "Youtube" */
    CC_CHECK_INT(parse1(buf, &u), CC_TOKEN_INVALID);
    buf[sizeof("1.0.0." ID0 ".") - 1] = 'z';           /* "zoutube" */
    CC_CHECK_INT(parse1(buf, &u), CC_TOKEN_BAD_SIG);
    t.services = 0;

    /* granted bits beyond ncats are not written */
    t.granted = 0xffffffe0u | 0x2;
    n = encode(buf, &t, NULL);
    CC_CHECK_STR(buf, n, "1.0.0." ID0 ".preferences");
    n = cc_token_encode((unsigned char *) buf, sizeof(buf), &t, names, 0,
                        NULL, 0, NULL);
    buf[n] = '\0';
    CC_CHECK_STR(buf, n, "1.0.0." ID0 ".");

    /* the largest values that parse back */
    t.revision = 9999999999999999999ULL;
    t.issued = INT64_MAX;
    t.granted = 0x1f;
    memset(t.id, 0xab, 16);
    n = encode(buf, &t, &k1);
    CC_CHECK(n > 0 && n <= CC_TOKEN_MAX_LEN);
    CC_CHECK_INT(parse1(buf, &u), CC_TOKEN_OK);
    CC_CHECK(u.revision == t.revision);
    CC_CHECK(u.issued == t.issued);
    CC_CHECK(memcmp(u.id, t.id, 16) == 0);
    CC_CHECK_INT(u.granted, 0x1f);

    /* many long names: 0 when they do not fit, never over 512 bytes */
    {
        static char         longnames[32][33];
        static const char  *ln[32];
        cc_token_t          v;
        unsigned            k;

        for (i = 0; i < 32; i++) {
            memset(longnames[i], 'a' + (int) (i % 26), 32);
            longnames[i][32] = '\0';
            longnames[i][0] = '0' + (char) (i % 10);
            ln[i] = longnames[i];
        }

        memset(&v, 0, sizeof(v));
        v.revision = 1;
        v.issued = 1700000000;

        for (k = 0; k <= 32; k++) {
            v.granted = k == 32 ? 0xffffffffu : (((uint32_t) 1 << k) - 1);

            n = cc_token_encode((unsigned char *) buf, CC_TOKEN_MAX_LEN, &v,
                                ln, 32, NULL, 0, &k1);
            CC_CHECK(n <= CC_TOKEN_MAX_LEN);

            if (n) {
                CC_CHECK_INT(parse_keys(buf, n, &u, &k1, 1), CC_TOKEN_OK);
            }

            /* 1.1.1700000000.<32>. is 48 bytes, each name 33 */
            CC_CHECK_INT(n != 0, 48 + 33 * k - (k ? 1 : 0) + 44 <= 512);
        }
    }

    /*
     * random round trips: encode with the first key, parse with both,
     * the same fields come back; the unsigned form parses without keys
     */

    keys[0] = k2;
    keys[1] = k1;
    srand(12345);
    ok = 0;

    for (r = 0; r < 3000; r++) {
        memset(&t, 0, sizeof(t));
        t.revision = ((uint64_t) rand() << 31 | (uint64_t) rand())
                     % 10000000000000000000ULL;
        if (r % 7 == 0) {
            t.revision = r % 3;
        }
        t.issued = (int64_t) (((uint64_t) rand() << 32 | (uint64_t) rand())
                              & INT64_MAX);
        if (r % 5 == 0) {
            t.issued = r;
        }
        for (i = 0; i < 16; i++) {
            t.id[i] = (unsigned char) rand();
        }
        t.granted = (uint32_t) rand() & 0x1f;

        n = encode(buf, &t, &k2);
        if (n == 0 || n > CC_TOKEN_MAX_LEN) {
            continue;
        }

        if (parse_keys(buf, n, &u, keys, 2) != CC_TOKEN_OK
            || !u.signed_token
            || u.revision != t.revision || u.issued != t.issued
            || memcmp(u.id, t.id, 16) != 0 || u.granted != t.granted)
        {
            fprintf(stderr, "round trip failed: %s\n", buf);
            continue;
        }

        if (parse_keys(buf, n, &u, &k1, 1) != CC_TOKEN_BAD_SIG) {
            continue;
        }

        n = encode(buf, &t, NULL);
        if (parse_keys(buf, n, &u, NULL, 0) != CC_TOKEN_OK
            || u.signed_token || u.granted != t.granted
            || u.revision != t.revision || u.issued != t.issued)
        {
            continue;
        }

        ok++;
    }

    CC_CHECK_INT(ok, 3000);

    /* every encoded byte is a cookie-octet (RFC 6265), so never quoted */
    t.granted = 0x1f;
    n = encode(buf, &t, &k1);
    for (i = 0, ok = 1; i < n; i++) {
        unsigned char  c = (unsigned char) buf[i];

        if (c <= 0x20 || c >= 0x7f || c == '"' || c == ',' || c == ';'
            || c == '\\')
        {
            ok = 0;
        }
    }
    CC_CHECK_INT(ok, 1);
}


/* a prepared key signs and verifies as the same key one-shot */
static void
test_prepared(void)
{
    int          i;
    char         a[CC_TOKEN_MAX_LEN + 1], b[CC_TOKEN_MAX_LEN + 1];
    size_t       na, nb;
    cc_key_t     kp, big;
    cc_token_t   t, u;

    memset(&t, 0, sizeof(t));
    t.revision = 7;
    t.issued = 1795444774;
    memcpy(t.id, "0123456789abcdef", 16);

    kp = k1;
    CC_CHECK_INT(cc_key_prepare(&kp), 0);
    CC_CHECK(kp.mac != NULL);

    for (i = 0; i < 4; i++) {
        t.granted = 1 | (uint32_t) i << 1;

        na = encode(a, &t, &k1);
        nb = encode(b, &t, &kp);
        CC_CHECK_STR(b, nb, a);
        (void) na;

        CC_CHECK_INT(parse_keys(a, na, &u, &kp, 1), CC_TOKEN_OK);
        CC_CHECK_INT(parse_keys(b, nb, &u, &k1, 1), CC_TOKEN_OK);
        CC_CHECK_INT(u.granted, t.granted);

        /* another key's signature does not verify */

        CC_CHECK_INT(parse_keys(b, nb, &u, &k2, 1), CC_TOKEN_BAD_SIG);
        b[nb - 1] ^= 1;
        CC_CHECK_INT(parse_keys(b, nb, &u, &kp, 1), CC_TOKEN_BAD_SIG);
    }

    cc_key_release(&kp);
    CC_CHECK(kp.mac == NULL);

    /* a key libcrypto cannot take stays one-shot */

    big.data = (const unsigned char *) "x";
    big.len = (size_t) INT_MAX + 1;
    big.mac = NULL;
    CC_CHECK_INT(cc_key_prepare(&big), -1);
    CC_CHECK(big.mac == NULL);
}


int
main(int argc, char **argv)
{
    (void) argc;

    test_names();
    test_hex();
    test_equal_ct();
    test_parse();
    test_length();
    test_signed();
    test_encode();
    test_prepared();

    CC_CHECK(cb_calls > 0);

    return cc_test_done(argv[0]);
}
