/*
 * Unit tests of the nginx-free core: Cookie and Set-Cookie parsing,
 * the consent token, the endpoint's bodies, name classification.
 */

#include <stdlib.h>

#include "cc_test.h"
#include "cc_cookie.h"
#include "cc_token.h"
#include "cc_body.h"
#include "cc_rules.h"


#define S(s)  (const unsigned char *) (s), sizeof(s) - 1


static const char  *names[] = {
    "necessary", "preferences", "analytics", "marketing", "social"
};


static int
category(void *data, const unsigned char *name, size_t len)
{
    int  i;

    (void) data;

    for (i = 0; i < 5; i++) {
        if (strlen(names[i]) == len && memcmp(names[i], name, len) == 0) {
            return i;
        }
    }

    return -1;
}


/* a bump allocator, as a pool would be */

static unsigned char  arena[4 * 1024 * 1024];
static size_t         used;


static void *
test_alloc(void *pool, size_t size)
{
    void  *p;

    (void) pool;

    size = (size + 15) & ~(size_t) 15;

    if (size > sizeof(arena) - used) {
        return NULL;
    }

    p = arena + used;
    used += size;

    return p;
}


static void
test_cookie(void)
{
    const unsigned char  *p, *end;
    cc_cookie_pair_t      pair;
    const unsigned char  *n;
    size_t                nlen;
    int                   count;
    static const char     hdr[] = " ;; _ga=GA1.1.1 ;PHPSESSID=abc;\tnovalue ;"
                                  " a = b ; x=;;=y ";

    p = (const unsigned char *) hdr;
    end = p + sizeof(hdr) - 1;

    CC_CHECK(cc_cookie_next(&p, end, &pair));
    CC_CHECK_STR(pair.name, pair.name_len, "_ga");
    CC_CHECK_STR(pair.value, pair.value_len, "GA1.1.1");
    CC_CHECK_STR(pair.start, pair.len, "_ga=GA1.1.1");

    CC_CHECK(cc_cookie_next(&p, end, &pair));
    CC_CHECK_STR(pair.name, pair.name_len, "PHPSESSID");

    CC_CHECK(cc_cookie_next(&p, end, &pair));
    CC_CHECK_INT(pair.name_len, 0);
    CC_CHECK_STR(pair.value, pair.value_len, "novalue");

    CC_CHECK(cc_cookie_next(&p, end, &pair));
    CC_CHECK_STR(pair.name, pair.name_len, "a");
    CC_CHECK_STR(pair.value, pair.value_len, "b");

    CC_CHECK(cc_cookie_next(&p, end, &pair));
    CC_CHECK_STR(pair.name, pair.name_len, "x");
    CC_CHECK_INT(pair.value_len, 0);

    CC_CHECK(cc_cookie_next(&p, end, &pair));
    CC_CHECK_INT(pair.name_len, 0);
    CC_CHECK_STR(pair.value, pair.value_len, "y");

    CC_CHECK(!cc_cookie_next(&p, end, &pair));
    CC_CHECK(!cc_cookie_next(&p, end, &pair));

    /* empty and separators only */

    p = (const unsigned char *) " ; ;\t";
    CC_CHECK(!cc_cookie_next(&p, p + 5, &pair));
    p = (const unsigned char *) "";
    CC_CHECK(!cc_cookie_next(&p, p, &pair));

    /* NUL bytes are data */

    p = (const unsigned char *) "a\0b=c\0d";
    end = p + 7;
    CC_CHECK(cc_cookie_next(&p, end, &pair));
    CC_CHECK_INT(pair.name_len, 3);
    CC_CHECK_INT(pair.value_len, 3);

    /* thousands of pairs */

    {
        static char  big[64 * 1024];
        size_t       i;

        for (i = 0; i + 4 < sizeof(big); i += 4) {
            memcpy(big + i, "a=1;", 4);
        }

        p = (const unsigned char *) big;
        end = p + i;
        count = 0;

        while (cc_cookie_next(&p, end, &pair)) {
            count++;
        }

        CC_CHECK_INT(count, (int) (i / 4));
    }

    /* Set-Cookie names */

    cc_set_cookie_name(S("_ga=GA1; Path=/; Max-Age=63072000"), &n, &nlen);
    CC_CHECK_STR(n, nlen, "_ga");
    cc_set_cookie_name(S("  sp ace = v"), &n, &nlen);
    CC_CHECK_STR(n, nlen, "sp ace");
    cc_set_cookie_name(S("noequals; a=b"), &n, &nlen);
    CC_CHECK_INT(nlen, 0);
    cc_set_cookie_name(S(""), &n, &nlen);
    CC_CHECK_INT(nlen, 0);
    cc_set_cookie_name(S("=v"), &n, &nlen);
    CC_CHECK_INT(nlen, 0);

    /* deletions */

    CC_CHECK(cc_set_cookie_is_deletion(S("_ga=; Max-Age=0; Path=/")));
    CC_CHECK(cc_set_cookie_is_deletion(S("_ga=; path=/; max-age=-1")));
    CC_CHECK(cc_set_cookie_is_deletion(S("_ga=x;Max-Age=00")));
    CC_CHECK(!cc_set_cookie_is_deletion(S("_ga=x; Max-Age=05")));
    CC_CHECK(!cc_set_cookie_is_deletion(S("_ga=x; Max-Age=63072000")));
    CC_CHECK(!cc_set_cookie_is_deletion(S("_ga=Max-Age=0")));
    CC_CHECK(!cc_set_cookie_is_deletion(S("_ga=x; Max-Age=")));
    CC_CHECK(!cc_set_cookie_is_deletion(S("_ga=x")));

    /* the last well-formed Max-Age counts; malformed ones are ignored */
    CC_CHECK(!cc_set_cookie_is_deletion(S("_ga=1; Max-Age=0; "
                                          "Max-Age=63072000")));
    CC_CHECK(cc_set_cookie_is_deletion(S("_ga=1; Max-Age=9; Max-Age=0")));
    CC_CHECK(!cc_set_cookie_is_deletion(S("_gid=1; Max-Age=0x; "
                                          "Expires=Wed, 01 Jan 2031")));
    CC_CHECK(!cc_set_cookie_is_deletion(S("_gid=1; Max-Age=-abc")));
    CC_CHECK(!cc_set_cookie_is_deletion(S("_gid=1; Max-Age=-")));
    CC_CHECK(cc_set_cookie_is_deletion(S("_gid=1; Max-Age = 0 ")));
    CC_CHECK(!cc_set_cookie_is_deletion(S("_gid=1; Max-Age=0; Max-Age=x")));
    CC_CHECK(!cc_set_cookie_is_deletion(S("_gid=1; Max-Agex=0")));

    CC_CHECK(cc_cookie_name_valid(S("_ga_ABC-1.x")));
    CC_CHECK(!cc_cookie_name_valid(S("a b")));
    CC_CHECK(!cc_cookie_name_valid(S("a;b")));
    CC_CHECK(!cc_cookie_name_valid(S("")));
    CC_CHECK(!cc_cookie_name_valid(S("a\x80")));
}


static void
test_token(void)
{
    size_t          len;
    cc_key_t        keys[2], other;
    cc_token_t      t, u;
    unsigned char   buf[CC_TOKEN_MAX_LEN], bad[CC_TOKEN_MAX_LEN + 2];

    keys[0].data = (const unsigned char *) "0123456789abcdef0123456789abcdef";
    keys[0].len = 32;
    keys[0].mac = NULL;
    keys[1].data = (const unsigned char *) "fedcba9876543210fedcba9876543210";
    keys[1].len = 32;
    keys[1].mac = NULL;
    other.data = (const unsigned char *) "another key of 32 bytes or more!";
    other.len = 32;
    other.mac = NULL;

    memset(&t, 0, sizeof(t));
    t.revision = 7;
    t.issued = 1795438138;
    memset(t.id, 0xab, sizeof(t.id));
    t.granted = 1 | 4;

    len = cc_token_encode(buf, sizeof(buf), &t, names, 5, NULL, 0, NULL);
    CC_CHECK_STR(buf, len, "1.7.1795438138.abababababababababababababababab"
                           ".necessary-analytics");

    CC_CHECK_INT(cc_token_parse(buf, len, &u, NULL, 0, category, NULL),
                 CC_TOKEN_OK);
    CC_CHECK_INT(u.revision, 7);
    CC_CHECK_INT(u.issued, 1795438138);
    CC_CHECK_INT(u.granted, 5);
    CC_CHECK(memcmp(u.id, t.id, 16) == 0);

    /* unsigned while keys are configured */
    CC_CHECK_INT(cc_token_parse(buf, len, &u, keys, 2, category, NULL),
                 CC_TOKEN_BAD_SIG);

    /* signed with the first key: both configured keys verify */
    len = cc_token_encode(buf, sizeof(buf), &t, names, 5, NULL, 0, &keys[0]);
    CC_CHECK_INT(len, 67 + 1 + CC_TOKEN_SIG_LEN);
    CC_CHECK_INT(cc_token_parse(buf, len, &u, keys, 2, category, NULL),
                 CC_TOKEN_OK);
    CC_CHECK_INT(cc_token_parse(buf, len, &u, &keys[1], 1, category, NULL),
                 CC_TOKEN_BAD_SIG);
    CC_CHECK_INT(cc_token_parse(buf, len, &u, &other, 1, category, NULL),
                 CC_TOKEN_BAD_SIG);

    /* a signed token with no key configured: accepted */
    CC_CHECK_INT(cc_token_parse(buf, len, &u, NULL, 0, category, NULL),
                 CC_TOKEN_OK);

    /* tampering with the categories or the signature */
    memcpy(bad, buf, len);
    memcpy(bad + 48, "marketing", 9);
    CC_CHECK_INT(cc_token_parse(bad, len, &u, keys, 2, category, NULL),
                 CC_TOKEN_BAD_SIG);
    memcpy(bad, buf, len);
    bad[len - 1] ^= 1;
    CC_CHECK_INT(cc_token_parse(bad, len, &u, keys, 2, category, NULL),
                 CC_TOKEN_BAD_SIG);
    CC_CHECK_INT(cc_token_parse(buf, len - 1, &u, keys, 2, category, NULL),
                 CC_TOKEN_BAD_SIG);

    /* malformed */
#define BAD(s)                                                               \
    CC_CHECK_INT(cc_token_parse(S(s), &u, NULL, 0, category, NULL),          \
                 CC_TOKEN_INVALID)
    BAD("");
    BAD("1");
    BAD("1.1.1.abababababababababababababababab");
    BAD("2.1.1.abababababababababababababababab.necessary");
    BAD("1.01.1.abababababababababababababababab.necessary");
    BAD("1.1.x.abababababababababababababababab.necessary");
    BAD("1.1.1.ABABABABABABABABABABABABABABABAB.necessary");
    BAD("1.1.1.abababababababababababababababa.necessary");
    BAD("1.1.1.abababababababababababababababab.necessary-");
    BAD("1.1.1.abababababababababababababababab.Necessary");
    BAD("1.1.1.abababababababababababababababab.a.b.c");
    BAD("1.1.99999999999999999999.abababababababababababababababab.x");
#undef BAD

    /* unknown category names are ignored, the empty list is valid */
    CC_CHECK_INT(cc_token_parse(S("1.1.1.abababababababababababababababab."
                                  "gone-analytics"), &u, NULL, 0, category,
                                NULL), CC_TOKEN_OK);
    CC_CHECK_INT(u.granted, 4);
    CC_CHECK_INT(cc_token_parse(S("1.1.1.abababababababababababababababab."),
                                &u, NULL, 0, category, NULL), CC_TOKEN_OK);
    CC_CHECK_INT(u.granted, 0);

    /* over 512 bytes */
    memset(bad, 'a', sizeof(bad));
    CC_CHECK_INT(cc_token_parse(bad, CC_TOKEN_MAX_LEN + 1, &u, NULL, 0,
                                category, NULL), CC_TOKEN_INVALID);

    CC_CHECK(cc_category_name_valid(S("social_2")));
    CC_CHECK(!cc_category_name_valid(S("Social")));
    CC_CHECK(!cc_category_name_valid(S("")));
    CC_CHECK(!cc_category_name_valid(S("a23456789012345678901234567890123")));
}


static void
test_body(void)
{
    int             i;
    const char     *err;
    cc_decision_t   d;
    static char     deep[20005];

#define FORM(s)  cc_form_parse(S(s), &d, category, NULL, &err)
#define JSON(s)  cc_json_parse(S(s), &d, category, NULL, &err)

    CC_CHECK_INT(FORM("action=accept_all"), 0);
    CC_CHECK_INT(d.action, CC_ACTION_ACCEPT);
    CC_CHECK_INT(FORM("action=save&category=analytics&category=social"
                      "&category=unknown&return=%2Fa%3Fb%3Dc+d&x=y"), 0);
    CC_CHECK_INT(d.action, CC_ACTION_SAVE);
    CC_CHECK_INT(d.categories, 4 | 16);
    CC_CHECK_STR(d.return_to, d.return_len, "/a?b=c d");
    CC_CHECK_INT(FORM("&&action=withdraw&&"), 0);
    CC_CHECK_INT(d.action, CC_ACTION_WITHDRAW);
    CC_CHECK_INT(FORM("action=reject%5Fall"), 0);
    CC_CHECK_INT(d.action, CC_ACTION_REJECT);

    CC_CHECK_INT(FORM(""), -1);
    CC_CHECK_STR(err, strlen(err), "missing action");
    CC_CHECK_INT(FORM("action=maybe"), -1);
    CC_CHECK_STR(err, strlen(err), "unknown action");
    CC_CHECK_INT(FORM("action=save&action=save"), -1);
    CC_CHECK_INT(FORM("action=save&category=%zz"), -1);
    CC_CHECK_STR(err, strlen(err), "malformed percent-encoding");
    CC_CHECK_INT(FORM("action=save&category=%4"), -1);
    CC_CHECK_INT(FORM("action=save&category=Bad+Name"), -1);
    CC_CHECK_STR(err, strlen(err), "invalid category name");

    CC_CHECK_INT(JSON("{\"action\":\"save\",\"categories\":[\"analytics\","
                      "\"nope\"],\"extra\":{\"a\":[1,2]}}"), 0);
    CC_CHECK_INT(d.categories, 4);
    CC_CHECK_INT(JSON("{\"action\":\"accept_all\"}"), 0);
    CC_CHECK_INT(JSON("{\"action\":1}"), -1);
    CC_CHECK_INT(JSON("{\"action\":\"save\",\"categories\":\"analytics\"}"),
                 -1);
    CC_CHECK_INT(JSON("{\"action\":\"save\",\"categories\":[1]}"), -1);
    CC_CHECK_INT(JSON("{\"action\":\"save\",\"action\":\"save\"}"), -1);
    CC_CHECK_INT(JSON("[\"action\"]"), -1);
    CC_CHECK_INT(JSON("{\"action\":\"save\""), -1);
    CC_CHECK_INT(JSON(""), -1);
    CC_CHECK_INT(JSON("{\"action\":\"sa\\u0000ve\"}"), -1);

    /* nesting: bounded, an error and no crash */
    for (i = 0; i < 10000; i++) {
        deep[i] = '[';
        deep[20000 - 1 - i] = ']';
    }
    CC_CHECK_INT(cc_json_parse((unsigned char *) deep, 20000, &d, category,
                               NULL, &err), -1);
    CC_CHECK_INT(cc_json_parse((unsigned char *) deep, 4000, &d, category,
                               NULL, &err), -1);

#undef FORM
#undef JSON

    CC_CHECK(cc_return_path_valid(S("/")));
    CC_CHECK(cc_return_path_valid(S("/a/b?c=d#e")));
    CC_CHECK(!cc_return_path_valid(S("//evil.example/")));
    CC_CHECK(!cc_return_path_valid(S("/\\evil.example/")));
    CC_CHECK(!cc_return_path_valid(S("https://evil.example/")));
    CC_CHECK(!cc_return_path_valid(S("/a b")));
    CC_CHECK(!cc_return_path_valid(S("/a\r\nSet-Cookie: x=1")));
    CC_CHECK(!cc_return_path_valid(S("/\xc3\xa9")));
    CC_CHECK(!cc_return_path_valid(S("")));
    CC_CHECK(!cc_return_path_valid(S("a")));
}


/* the classifier against a brute-force reference */

static int
reference(const cc_rule_t *r, size_t n, const unsigned char *name,
    size_t len, int *cat)
{
    int     kind;
    size_t  i, best;

    kind = CC_MATCH_NONE;
    best = 0;

    for (i = 0; i < n; i++) {
        if (r[i].kind == CC_RULE_EXACT && r[i].len == len
            && memcmp(r[i].pattern, name, len) == 0)
        {
            kind = CC_MATCH_EXACT;
            *cat = r[i].category;          /* the last one wins */
        }
    }

    if (kind) {
        return kind;
    }

    for (i = 0; i < n; i++) {
        if (r[i].kind == CC_RULE_PREFIX && r[i].len <= len
            && memcmp(r[i].pattern, name, r[i].len) == 0
            && (kind == CC_MATCH_NONE || r[i].len >= best))
        {
            kind = CC_MATCH_PREFIX;
            best = r[i].len;
            *cat = r[i].category;
        }
    }

    return kind;
}


static void
test_rules(void)
{
    int              cat, rcat, k, rk, ok;
    size_t           i, j, n, len;
    cc_rules_t      *t;
    unsigned char    name[8];
    static cc_rule_t r[4000];
    static unsigned char pat[4000][6];

#define RULE(p, k, c)  { (const unsigned char *) p, sizeof(p) - 1, k, c }
    static const cc_rule_t  fixed[] = {
        RULE("_ga", CC_RULE_EXACT, 2),
        RULE("_ga_", CC_RULE_PREFIX, 2),
        RULE("_g", CC_RULE_PREFIX, 3),
        RULE("a", CC_RULE_PREFIX, 1),
        RULE("ab", CC_RULE_PREFIX, 2),
        RULE("abc", CC_RULE_PREFIX, 3),
        RULE("abd", CC_RULE_PREFIX, 4),
        RULE("b", CC_RULE_PREFIX, 1),
        RULE("b", CC_RULE_PREFIX, 2),
        RULE("_ga", CC_RULE_EXACT, 1),
    };
#undef RULE

    t = cc_rules_build(fixed, sizeof(fixed) / sizeof(fixed[0]), test_alloc,
                       NULL);
    CC_CHECK(t != NULL);

    CC_CHECK_INT(cc_rules_match(t, S("_ga"), &cat), CC_MATCH_EXACT);
    CC_CHECK_INT(cat, 1);
    CC_CHECK_INT(cc_rules_match(t, S("_ga_XYZ"), &cat), CC_MATCH_PREFIX);
    CC_CHECK_INT(cat, 2);
    CC_CHECK_INT(cc_rules_match(t, S("_gid"), &cat), CC_MATCH_PREFIX);
    CC_CHECK_INT(cat, 3);
    CC_CHECK_INT(cc_rules_match(t, S("abce"), &cat), CC_MATCH_PREFIX);
    CC_CHECK_INT(cat, 3);
    CC_CHECK_INT(cc_rules_match(t, S("abz"), &cat), CC_MATCH_PREFIX);
    CC_CHECK_INT(cat, 2);
    CC_CHECK_INT(cc_rules_match(t, S("ac"), &cat), CC_MATCH_PREFIX);
    CC_CHECK_INT(cat, 1);
    CC_CHECK_INT(cc_rules_match(t, S("bbb"), &cat), CC_MATCH_PREFIX);
    CC_CHECK_INT(cat, 2);
    CC_CHECK_INT(cc_rules_match(t, S("c"), &cat), CC_MATCH_NONE);
    CC_CHECK_INT(cc_rules_match(t, S(""), &cat), CC_MATCH_NONE);
    CC_CHECK_INT(cc_rules_count(t, CC_RULE_EXACT), 1);
    CC_CHECK_INT(cc_rules_count(t, CC_RULE_PREFIX), 7);

    /* random rules over a small alphabet, checked against the reference */

    srand(42);
    n = sizeof(r) / sizeof(r[0]);

    for (i = 0; i < n; i++) {
        len = rand() % 6;

        for (j = 0; j < len; j++) {
            pat[i][j] = "abc_"[rand() % 4];
        }

        r[i].pattern = pat[i];
        r[i].len = len;
        r[i].kind = (rand() % 2) ? CC_RULE_EXACT : CC_RULE_PREFIX;
        r[i].category = rand() % 5;
    }

    t = cc_rules_build(r, n, test_alloc, NULL);
    CC_CHECK(t != NULL);

    ok = 1;

    for (i = 0; i < 20000; i++) {
        len = rand() % 8;

        for (j = 0; j < len; j++) {
            name[j] = "abc_d"[rand() % 5];
        }

        cat = rcat = -1;
        k = cc_rules_match(t, name, len, &cat);
        rk = reference(r, n, name, len, &rcat);

        if (k != rk || (k && cat != rcat)) {
            ok = 0;
            fprintf(stderr, "mismatch on \"%.*s\": %d/%d vs %d/%d\n",
                    (int) len, name, k, cat, rk, rcat);
            break;
        }
    }

    CC_CHECK(ok);
}


int
main(int argc, char **argv)
{
    (void) argc;

    test_cookie();
    test_token();
    test_body();
    test_rules();

    return cc_test_done(argv[0]);
}
