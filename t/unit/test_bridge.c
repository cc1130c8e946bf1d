/*
 * Unit tests of the bridge mode parsers (src/cc_bridge.c), with cookie
 * values in the exact formats the consent managers write.
 */

#include <stdlib.h>

#include "cc_bridge.h"
#include "cc_test.h"


/* our categories in these tests */
#define N  0x01U     /* necessary */
#define A  0x02U     /* analytics */
#define P  0x04U     /* preferences */
#define M  0x08U     /* marketing */
#define S  0x10U     /* social */

#define U(s)  ((const unsigned char *) (s))
#define L(s)  (sizeof(s) - 1)


static const char  *test_categories[] = {
    "necessary", "analytics", "preferences", "marketing", "social", NULL
};


static int
test_category(void *data, const unsigned char *name, size_t len)
{
    int  i;

    (void) data;

    for (i = 0; test_categories[i] != NULL; i++) {
        if (strlen(test_categories[i]) == len
            && memcmp(test_categories[i], name, len) == 0)
        {
            return i;
        }
    }

    return -1;
}


static cc_bridge_map_t  test_map[8];


static void
test_conf(cc_bridge_conf_t *conf, const char *maps, long long now,
    unsigned flags)
{
    /* maps: "theirs:ours theirs:ours ..." (static storage) */
    static char   store[512];
    char         *p, *colon, *sp;
    size_t        n;

    memset(conf, 0, sizeof(cc_bridge_conf_t));
    conf->category = test_category;
    conf->now = now;
    conf->flags = flags;
    conf->map = test_map;
    conf->nmap = 0;

    if (maps == NULL) {
        return;
    }

    n = strlen(maps);
    memcpy(store, maps, n + 1);
    p = store;

    while (*p != '\0' && conf->nmap < 8) {
        sp = strchr(p, ' ');

        if (sp != NULL) {
            *sp = '\0';
        }

        colon = strchr(p, ':');
        test_map[conf->nmap].theirs = U(p);
        test_map[conf->nmap].theirs_len = (size_t) (colon - p);
        test_map[conf->nmap].ours = U(colon + 1);
        test_map[conf->nmap].ours_len = strlen(colon + 1);
        conf->nmap++;

        if (sp == NULL) {
            break;
        }

        p = sp + 1;
    }
}


static int
test_initial(const cc_bridge_result_t *r)
{
    return r->decided == 0 && r->granted == 1 && r->accepted == 0
           && r->denied == 0 && r->expires == -1 && r->issued == -1
           && r->revision == -1 && r->id_len == 0 && r->expired == 0
           && r->outside_region == 0;
}


static int
test_parse(int source, const char *maps, long long now, unsigned flags,
    const char *value, cc_bridge_result_t *r)
{
    cc_bridge_conf_t  conf;

    test_conf(&conf, maps, now, flags);

    return cc_bridge_parse(source, &conf, U(value), strlen(value), r);
}


/* percent-encodes every byte outside [A-Za-z0-9-_.!~*'()] */
static void
test_encode(char *dst, const char *src)
{
    static const char  hex[] = "0123456789ABCDEF";
    unsigned char      c;

    while ((c = (unsigned char) *src++) != '\0') {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
            || (c >= '0' && c <= '9') || strchr("-_.!~*'()", c) != NULL)
        {
            *dst++ = (char) c;

        } else {
            *dst++ = '%';
            *dst++ = hex[c >> 4];
            *dst++ = hex[c & 15];
        }
    }

    *dst = '\0';
}


static void
test_urldecode(void)
{
    long           n;
    unsigned char  buf[32];

    n = cc_bridge_urldecode(buf, sizeof(buf), U("%7B%22a%22%3Atrue%7d"), 20);
    CC_CHECK_STR(buf, n, "{\"a\":true}");

    n = cc_bridge_urldecode(buf, sizeof(buf), U("a+b%20c"), 7);
    CC_CHECK_STR(buf, n, "a+b c");

    CC_CHECK_INT(cc_bridge_urldecode(buf, sizeof(buf), U("%4"), 2), -1);
    CC_CHECK_INT(cc_bridge_urldecode(buf, sizeof(buf), U("ab%"), 3), -1);
    CC_CHECK_INT(cc_bridge_urldecode(buf, sizeof(buf), U("%zz"), 3), -1);
    CC_CHECK_INT(cc_bridge_urldecode(buf, sizeof(buf), U("%4g"), 3), -1);
    CC_CHECK_INT(cc_bridge_urldecode(buf, sizeof(buf), U(""), 0), 0);
    CC_CHECK_INT(cc_bridge_urldecode(buf, 3, U("abcd"), 4), -1);
    CC_CHECK_INT(cc_bridge_urldecode(buf, 3, U("a%41c"), 5), 3);
    CC_CHECK_INT(cc_bridge_urldecode(buf, 3, U("%00"), 3), 1);
    CC_CHECK_INT(buf[0], 0);

    /* in place */
    memcpy(buf, "x%2Cy%2c", 8);
    n = cc_bridge_urldecode(buf, sizeof(buf), buf, 8);
    CC_CHECK_STR(buf, n, "x,y,");
}


static void
test_names(void)
{
    int  i;

    CC_CHECK_INT(cc_bridge_source(U("cookieconsent"), 13),
                 CC_BRIDGE_COOKIECONSENT);
    CC_CHECK_INT(cc_bridge_source(U("klaro"), 5), CC_BRIDGE_KLARO);
    CC_CHECK_INT(cc_bridge_source(U("Cookiebot"), 9), CC_BRIDGE_COOKIEBOT);
    CC_CHECK_INT(cc_bridge_source(U("onetrust"), 8), CC_BRIDGE_ONETRUST);
    CC_CHECK_INT(cc_bridge_source(U("complianz"), 9), CC_BRIDGE_COMPLIANZ);
    CC_CHECK_INT(cc_bridge_source(U("tarteaucitron"), 13),
                 CC_BRIDGE_TARTEAUCITRON);
    CC_CHECK_INT(cc_bridge_source(U("TCF"), 3), CC_BRIDGE_TCF);
    CC_CHECK_INT(cc_bridge_source(U("tcf2"), 4), -1);
    CC_CHECK_INT(cc_bridge_source(U("klar"), 4), -1);
    CC_CHECK_INT(cc_bridge_source(U(""), 0), -1);

    CC_CHECK(strcmp(cc_bridge_cookie_name(CC_BRIDGE_COOKIECONSENT),
                    "cc_cookie") == 0);
    CC_CHECK(strcmp(cc_bridge_cookie_name(CC_BRIDGE_KLARO), "klaro") == 0);
    CC_CHECK(strcmp(cc_bridge_cookie_name(CC_BRIDGE_COOKIEBOT),
                    "CookieConsent") == 0);
    CC_CHECK(strcmp(cc_bridge_cookie_name(CC_BRIDGE_ONETRUST),
                    "OptanonConsent") == 0);
    CC_CHECK(strcmp(cc_bridge_cookie_name(CC_BRIDGE_COMPLIANZ),
                    "cmplz_") == 0);
    CC_CHECK(strcmp(cc_bridge_cookie_name(CC_BRIDGE_TARTEAUCITRON),
                    "tarteaucitron") == 0);
    CC_CHECK(strcmp(cc_bridge_cookie_name(CC_BRIDGE_TCF), "euconsent-v2")
             == 0);
    CC_CHECK(cc_bridge_cookie_name(CC_BRIDGE_NSOURCES) == NULL);
    CC_CHECK(cc_bridge_cookie_name(-1) == NULL);
    CC_CHECK(cc_bridge_cookie_is_prefix(CC_BRIDGE_COMPLIANZ));
    CC_CHECK(!cc_bridge_cookie_is_prefix(CC_BRIDGE_KLARO));
    CC_CHECK(strcmp(cc_bridge_aux_cookie_name(CC_BRIDGE_ONETRUST),
                    "OptanonAlertBoxClosed") == 0);
    CC_CHECK(cc_bridge_aux_cookie_name(CC_BRIDGE_TCF) == NULL);

    for (i = 0; i < CC_BRIDGE_NSOURCES; i++) {
        CC_CHECK_INT(cc_bridge_source(U(cc_bridge_source_name(i)),
                                      strlen(cc_bridge_source_name(i))), i);
    }

    CC_CHECK(cc_bridge_source_name(7) == NULL);
}


/* cookieconsent v3 */

static void
test_cookieconsent(void)
{
    static char         big[CC_BRIDGE_MAX_LEN + 64];
    char                enc[2048];
    size_t              n;
    cc_bridge_result_t  r;

    /* real cookie (v3.0, necessary only, with expirationTime) */
    const char *mistral = "%7B%22categories%22%3A%5B%22necessary%22%5D%2C"
        "%22revision%22%3A1%2C%22data%22%3Anull%2C%22consentTimestamp%22%3A"
        "%222024-11-20T19%3A02%3A36.823Z%22%2C%22consentId%22%3A%2212fd04af"
        "-4af6-48a3-8531-b7cf317849d1%22%2C%22services%22%3A%7B%22necessary"
        "%22%3A%5B%5D%2C%22analytics%22%3A%5B%5D%2C%22support%22%3A%5B%5D%7D"
        "%2C%22lastConsentTimestamp%22%3A%222024-11-20T19%3A02%3A36.823Z%22"
        "%2C%22expirationTime%22%3A1747854156824%7D";

    /* real cookie: necessary, analytics and two categories we lack */
    const char *multi = "%7B%22categories%22%3A%5B%22necessary%22%2C%22"
        "analytics%22%2C%22advertising%22%2C%22education%22%5D%2C%22revision"
        "%22%3A0%2C%22data%22%3Anull%2C%22consentTimestamp%22%3A%222025-03-"
        "06T14%3A49%3A03.918Z%22%2C%22consentId%22%3A%22ab7877ef-15b9-4b07-"
        "89eb-5dd90a8bc0f3%22%2C%22services%22%3A%7B%22necessary%22%3A%5B%5D"
        "%2C%22analytics%22%3A%5B%5D%2C%22advertising%22%3A%5B%5D%2C%22"
        "education%22%3A%5B%5D%7D%2C%22lastConsentTimestamp%22%3A%222025-03-"
        "06T14%3A49%3A03.918Z%22%2C%22expirationTime%22%3A1756997343918%7D";

    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 1732200000, 0,
                            mistral, &r), 0);
    CC_CHECK_INT(r.decided, 1);
    CC_CHECK_INT(r.granted, N);
    CC_CHECK_INT(r.revision, 1);
    CC_CHECK_INT(r.expires, 1747854156);
    CC_CHECK_INT(r.issued, 1732129356);
    CC_CHECK_INT(r.expired, 0);
    CC_CHECK_STR(r.id, r.id_len, "12fd04af-4af6-48a3-8531-b7cf317849d1");

    /* expired: treated as undecided */
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 1747854157, 0,
                            mistral, &r), 0);
    CC_CHECK_INT(r.expired, 1);
    CC_CHECK_INT(r.decided, 0);
    CC_CHECK_INT(r.granted, N);

    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 1741272600, 0,
                            multi, &r), 0);
    CC_CHECK_INT(r.decided, 1);
    CC_CHECK_INT(r.granted, N | A);
    CC_CHECK_INT(r.revision, 0);
    CC_CHECK_INT(r.issued, 1741272543);

    /* their "advertising" is our "marketing" */
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT,
                            "advertising:marketing education:none",
                            1741272600, 0, multi, &r), 0);
    CC_CHECK_INT(r.granted, N | A | M);

    /* plain JSON, unicode escapes, no expirationTime (v3.0.0 cookies) */
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 0, 0,
        "{\"categories\":[\"necessary\",\"\\u0061nalytics\","
        "\"m\\u0061rketing\",\"\\ud83c\\udf6a\",\"\\udc00x\"],"
        "\"revision\":3,\"data\":{\"a\":[1,2.5e-3,true,false,null,\"\\\"\"]},"
        "\"consentTimestamp\":\"2000-02-29T23:59:59Z\"}", &r), 0);
    CC_CHECK_INT(r.granted, N | A | M);
    CC_CHECK_INT(r.revision, 3);
    CC_CHECK_INT(r.expires, -1);
    CC_CHECK_INT(r.issued, 951868799);

    /* 2-, 3- and 4-byte escapes decode to UTF-8, then compare */
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT,
        "caf\xc3\xa9:analytics \xe2\x82\xac:preferences "
        "\xf0\x9f\x8d\xaa:marketing \xef\xbf\xbd:social", 0, 0,
        "{\"categories\":[\"caf\\u00e9\",\"\\u20ac\","
        "\"\\uD83C\\uDF6A\",\"\\udc00\"]}", &r), 0);
    CC_CHECK_INT(r.granted, N | A | P | M | S);

    /* the v2 field name, whitespace, empty list */
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 0, 0,
        " { \"level\" : [ \"necessary\" , \"preferences\" ] ,"
        " \"revision\" : 0 , \"rfc_cookie\" : false } ", &r), 0);
    CC_CHECK_INT(r.granted, N | P);

    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 0, 0,
                            "{\"categories\":[]}", &r), 0);
    CC_CHECK_INT(r.decided, 1);
    CC_CHECK_INT(r.granted, N);

    /* unusable timestamps and ids are ignored, not fatal */
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 0, 0,
        "{\"categories\":[\"analytics\"],\"consentTimestamp\":\"yesterday\","
        "\"consentId\":\"a b\"}", &r), 0);
    CC_CHECK_INT(r.granted, N | A);
    CC_CHECK_INT(r.issued, -1);
    CC_CHECK_INT(r.id_len, 0);

    /* wrong JSON types */
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 0, 0,
                            "{\"categories\":\"analytics\"}", &r), -1);
    CC_CHECK(test_initial(&r));
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 0, 0,
                            "{\"categories\":[\"analytics\",1]}", &r), -1);
    CC_CHECK(test_initial(&r));
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 0, 0,
                            "{\"categories\":[],\"revision\":\"1\"}", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 0, 0,
                            "{\"categories\":[],\"revision\":1.5}", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 0, 0,
                            "{\"categories\":[],\"revision\":-1}", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 0, 0,
        "{\"categories\":[],\"expirationTime\":null}", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 0, 0,
        "{\"categories\":[],\"revision\":99999999999999999999}", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 0, 0,
                            "[\"analytics\"]", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 0, 0,
                            "\"analytics\"", &r), -1);

    /* not JSON, or not quite */
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 0, 0,
                            "{\"revision\":0}", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 0, 0,
                            "{\"categories\":[]}x", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 0, 0,
                            "{\"categories\":[],}", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 0, 0,
                            "{'categories':['analytics']}", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 0, 0,
                            "{categories:[\"analytics\"]}", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 0, 0,
                            "{\"categories\":[\"a\\x41\"]}", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 0, 0,
                            "{\"categories\":[\"\\u00zz\"]}", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 0, 0,
                            "{\"categories\":[\"a\tb\"]}", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 0, 0,
                            "{\"categories\":[],\"x\":01}", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 0, 0,
                            "{\"categories\":[],\"x\":tru}", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 0, 0,
                            "{\"categories\":[],\"x\":[1,]}", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 0, 0,
                            "{\"categories\":[],\"x\":{\"a\" 1}}", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 0, 0,
                            "{\"categories\":[],\"x\":{\"a\":1]}", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 0, 0, "", &r), -1);

    /* truncated, encoded and plain, including inside an escape */
    memcpy(enc, mistral, 120);
    enc[120] = '\0';
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 0, 0, enc, &r),
                 -1);
    CC_CHECK(test_initial(&r));
    n = strlen(mistral);
    memcpy(enc, mistral, n - 2);
    enc[n - 2] = '\0';
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 0, 0, enc, &r),
                 -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 0, 0,
                            "{\"categories\":[\"analytics\"", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 0, 0,
                            "{\"categories\":[\"analyt", &r), -1);

    /* a plain value with a literal '%' that is no escape */
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 0, 0,
        "{\"categories\":[\"analytics\"],\"data\":\"100%\"}", &r), 0);
    CC_CHECK_INT(r.granted, N | A);

    /* nesting: 31 levels in "data" pass, 40 do not */
    memset(big, 0, sizeof(big));
    strcpy(big, "{\"categories\":[\"analytics\"],\"data\":");
    n = strlen(big);
    memset(big + n, '[', 31);
    memset(big + n + 31, ']', 31);
    strcpy(big + n + 62, "}");
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 0, 0, big, &r), 0);
    CC_CHECK_INT(r.granted, N | A);
    memset(big + n, '[', 40);
    memset(big + n + 40, ']', 40);
    strcpy(big + n + 80, "}");
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 0, 0, big, &r),
                 -1);

    /* exactly the maximum length passes, one byte more does not */
    strcpy(big, "{\"categories\":[\"analytics\"],\"data\":\"");
    n = strlen(big);
    memset(big + n, 'x', CC_BRIDGE_MAX_LEN - n - 2);
    strcpy(big + CC_BRIDGE_MAX_LEN - 2, "\"}");
    CC_CHECK_INT(strlen(big), CC_BRIDGE_MAX_LEN);
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 0, 0, big, &r), 0);
    CC_CHECK_INT(r.granted, N | A);
    big[CC_BRIDGE_MAX_LEN - 2] = 'x';
    strcpy(big + CC_BRIDGE_MAX_LEN - 1, "\"}");
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 0, 0, big, &r),
                 -1);
    CC_CHECK(test_initial(&r));

    /* a category name too long to be ours is ignored */
    strcpy(big, "{\"categories\":[\"analytics\",\"");
    n = strlen(big);
    memset(big + n, 'y', 300);
    strcpy(big + n + 300, "\\n\"]}");
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIECONSENT, NULL, 0, 0, big, &r), 0);
    CC_CHECK_INT(r.granted, N | A);

    /* NULL conf: parses, resolves nothing */
    CC_CHECK_INT(cc_bridge_cookieconsent(NULL, U("{\"categories\":[\"x\"]}"),
                                         20, &r), 0);
    CC_CHECK_INT(r.granted, N);
}


/* Klaro */

static void
test_klaro(void)
{
    char                enc[512];
    cc_bridge_result_t  r;

    /* real cookie: all refused */
    const char *mrw = "%7B%22necessary-cookies%22%3Atrue%2C%22preferences"
        "%22%3Afalse%2C%22google-analytics%22%3Afalse%2C%22google-ads%22%3A"
        "false%7D";

    const char *creopard = "%7B%22klaro%22%3Atrue%2C%22cms%22%3Atrue%2C"
        "%22adsense%22%3Afalse%2C%22youtube%22%3Afalse%2C%22twitter%22%3A"
        "false%2C%22matomo%22%3Atrue%7D";

    CC_CHECK_INT(test_parse(CC_BRIDGE_KLARO,
                            "google-analytics:analytics google-ads:marketing",
                            0, 0, mrw, &r), 0);
    CC_CHECK_INT(r.decided, 1);
    CC_CHECK_INT(r.granted, N);
    CC_CHECK_INT(r.denied, A | M);

    CC_CHECK_INT(test_parse(CC_BRIDGE_KLARO,
                            "matomo:analytics adsense:marketing", 0, 0,
                            creopard, &r), 0);
    CC_CHECK_INT(r.granted, N | A);

    /* "any": youtube granted makes marketing granted */
    CC_CHECK_INT(test_parse(CC_BRIDGE_KLARO,
                            "adsense:marketing youtube:marketing", 0, 0,
                            "{\"adsense\":false,\"youtube\":true}", &r), 0);
    CC_CHECK_INT(r.granted, N | M);

    /* one service to two categories */
    CC_CHECK_INT(test_parse(CC_BRIDGE_KLARO,
                            "youtube:marketing youtube:social", 0, 0,
                            "{\"youtube\":true}", &r), 0);
    CC_CHECK_INT(r.granted, N | M | S);

    /* without a map entry a service counts for nothing, even one named
     * like our category */
    CC_CHECK_INT(test_parse(CC_BRIDGE_KLARO, NULL, 0, 0,
                            "{\"analytics\":true,\"matomo\":true}", &r), 0);
    CC_CHECK_INT(r.decided, 1);
    CC_CHECK_INT(r.granted, N);

    /* escaped key, plain JSON */
    CC_CHECK_INT(test_parse(CC_BRIDGE_KLARO, "matomo:analytics", 0, 0,
                            "{\"m\\u0061tomo\":true}", &r), 0);
    CC_CHECK_INT(r.granted, N | A);

    CC_CHECK_INT(test_parse(CC_BRIDGE_KLARO, NULL, 0, 0, "{}", &r), 0);
    CC_CHECK_INT(r.decided, 1);

    /* wrong types and broken values */
    CC_CHECK_INT(test_parse(CC_BRIDGE_KLARO, "matomo:analytics", 0, 0,
                            "{\"matomo\":1}", &r), -1);
    CC_CHECK(test_initial(&r));
    CC_CHECK_INT(test_parse(CC_BRIDGE_KLARO, "matomo:analytics", 0, 0,
                            "{\"matomo\":\"true\"}", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_KLARO, "matomo:analytics", 0, 0,
                            "{\"matomo\":{\"a\":true}}", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_KLARO, NULL, 0, 0, "[true]", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_KLARO, NULL, 0, 0, "true", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_KLARO, NULL, 0, 0,
                            "{matomo:true}", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_KLARO, NULL, 0, 0,
                            "%7B%22matomo%22%3Atrue", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_KLARO, NULL, 0, 0,
                            "{\"matomo\":true,\"a\":false", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_KLARO, NULL, 0, 0,
                            "{\"matomo\":true}{}", &r), -1);

    /* encoded by the tests' own encoder: same result as plain */
    test_encode(enc, "{\"matomo\" : true, \"cms\" : false}");
    CC_CHECK_INT(test_parse(CC_BRIDGE_KLARO, "matomo:analytics", 0, 0, enc,
                            &r), 0);
    CC_CHECK_INT(r.granted, N | A);
}


/* Cookiebot */

static void
test_cookiebot(void)
{
    cc_bridge_result_t  r;

    /* real cookie: refused, explicit */
    const char *declined = "{stamp:%27PuSKzMgziAFdTLa5FzFSr4vbvlQnA4IdhLZfeZ"
        "+9fBM/j32CWy3XGA==%27%2Cnecessary:true%2Cpreferences:false%2C"
        "statistics:false%2Cmarketing:false%2Cmethod:%27explicit%27%2Cver:1"
        "%2Cutc:1738313789122%2Cregion:%27ee%27}";

    /* real cookie: accepted */
    const char *accepted = "{stamp:%27Rm4fk9DeBCocbMY0P1wAkhbWQwf/ZwpnE42dfS"
        "JEeEb1ig7OJsnysA==%27%2Cnecessary:true%2Cpreferences:true%2C"
        "statistics:true%2Cmarketing:true%2Cmethod:%27explicit%27%2Cver:1"
        "%2Cutc:1684336814039%2Cregion:%27ro%27}";

    /* real cookie: older format without method */
    const char *partial = "{stamp:%270lIcpTegmrXke0YX5PV8GQveHMzQq0C2e1NI4/"
        "Bw/d5voEO6b2VlnQ==%27%2Cnecessary:true%2Cpreferences:true%2C"
        "statistics:false%2Cmarketing:false%2Cver:1%2Cutc:1647157895720%2C"
        "region:%27lt%27}";

    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIEBOT, NULL, 0, 0, declined, &r),
                 0);
    CC_CHECK_INT(r.decided, 1);
    CC_CHECK_INT(r.granted, N);
    CC_CHECK_INT(r.denied, P | A | M);
    CC_CHECK_INT(r.revision, 1);
    CC_CHECK_INT(r.issued, 1738313789);
    CC_CHECK_STR(r.id, r.id_len,
                 "PuSKzMgziAFdTLa5FzFSr4vbvlQnA4IdhLZfeZ+9fBM/j32CWy3XGA==");

    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIEBOT, NULL, 0, 0, accepted, &r),
                 0);
    CC_CHECK_INT(r.granted, N | P | A | M);

    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIEBOT, NULL, 0, 0, partial, &r), 0);
    CC_CHECK_INT(r.granted, N | P);
    CC_CHECK_INT(r.issued, 1647157895);

    /* outside any consent region */
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIEBOT, NULL, 0, 0, "-1", &r), 0);
    CC_CHECK_INT(r.outside_region, 1);
    CC_CHECK_INT(r.decided, 1);
    CC_CHECK_INT(r.granted, CC_BRIDGE_ALL);
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIEBOT, NULL, 0,
                            CC_BRIDGE_F_OUTSIDE_UNDECIDED, "-1", &r), 0);
    CC_CHECK_INT(r.outside_region, 1);
    CC_CHECK_INT(r.decided, 0);
    CC_CHECK_INT(r.granted, N);
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIEBOT, NULL, 0, 0, "-1 ", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIEBOT, NULL, 0, 0, "-10", &r), -1);

    /* real stamp '-1' with implied consent is an ordinary cookie */
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIEBOT, NULL, 0, 0,
        "{stamp:%27-1%27%2Cnecessary:true%2Cpreferences:true%2Cstatistics:"
        "true%2Cmarketing:true%2Cmethod:%27implied%27%2Cver:1%2Cutc:"
        "1718496000000%2Cregion:%27fi%27}", &r), 0);
    CC_CHECK_INT(r.outside_region, 0);
    CC_CHECK_INT(r.granted, N | P | A | M);

    /* fully encoded, double-quoted keys, trailing comma, escapes */
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIEBOT, NULL, 0, 0,
        "%7Bstamp%3A%27a%5C%27b%27%2Cnecessary%3Atrue%2Cstatistics%3Atrue"
        "%7D", &r), 0);
    CC_CHECK_INT(r.granted, N | A);
    CC_CHECK_INT(r.id_len, 0);
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIEBOT, NULL, 0, 0,
        "{\"necessary\":true,'marketing':true,extra:[1,{a:'x'},],}", &r), 0);
    CC_CHECK_INT(r.granted, N | M);

    /* identifiers as values, JavaScript escapes in strings */
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIEBOT, NULL, 0, 0,
        "{necessary:true,method:explicit,x:undefined,$y:[a,_b],"
        "z:'\\x\\'\\q\\u00e9',marketing:true}", &r), 0);
    CC_CHECK_INT(r.granted, N | M);
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIEBOT, NULL, 0, 0,
                            "{necessary:true,x:'a\\\x01'}", &r), -1);

    /* map overrides the default */
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIEBOT, "statistics:preferences",
                            0, 0, "{statistics:true}", &r), 0);
    CC_CHECK_INT(r.granted, N | P);

    /* "all": a refusal mapped to the same category wins */
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIEBOT, "marketing:analytics",
                            0, 0, "{statistics:true,marketing:false}", &r), 0);
    CC_CHECK_INT(r.granted, N);

    /* wrong types, broken values */
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIEBOT, NULL, 0, 0,
                            "{statistics:'true'}", &r), -1);
    CC_CHECK(test_initial(&r));
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIEBOT, NULL, 0, 0,
                            "{statistics:1}", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIEBOT, NULL, 0, 0,
                            "{stamp:'x',method:'explicit'}", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIEBOT, NULL, 0, 0,
                            "{necessary:true,ver:'1'}", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIEBOT, NULL, 0, 0,
                            "{necessary:true,utc:-5}", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIEBOT, NULL, 0, 0,
                            "{necessary:true,stamp:'abc}", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIEBOT, NULL, 0, 0,
                            "{necessary:true statistics:true}", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIEBOT, NULL, 0, 0,
                            "{stamp:%27x%27%2Cnecessary:true%2Cstat", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIEBOT, NULL, 0, 0, "", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_COOKIEBOT, NULL, 0, 0, "0", &r), -1);
}


/* OneTrust */

static void
test_onetrust(void)
{
    char                enc[1024];
    cc_bridge_result_t  r;

    /* real cookie: everything accepted */
    const char *all = "isGpcEnabled=0&datestamp=Fri+Oct+13+2023+17%3A20%3A56"
        "+GMT-0700+(Pacific+Daylight+Time)&version=202306.2.0&browserGpcFlag"
        "=0&isIABGlobal=false&hosts=&consentId=49e494aa-699f-492e-bdf0-"
        "d9e73f774e8e&interactionCount=1&landingPath=NotLandingPage&groups="
        "C0001%3A1%2CC0002%3A1%2CC0004%3A1%2CC0003%3A1&AwaitingReconsent="
        "false";

    /* real cookie: performance and targeting refused */
    const char *some = "isGpcEnabled=1&datestamp=Mon+Aug+29+2022+14%3A57%3A57"
        "+GMT%2B0500+(Pakistan+Standard+Time)&version=6.39.0&isIABGlobal="
        "false&hosts=&consentId=8ad4dfed-e6d8-4289-b677-8aed2896c1a9&"
        "interactionCount=1&landingPath=https%3A%2F%2Fwww.upwork.com%2F"
        "freelancers%2F~01f07591bd4eab0533%2F&groups=C0001%3A1%2CC0002%3A0"
        "%2CC0003%3A1%2CC0004%3A0";

    CC_CHECK_INT(test_parse(CC_BRIDGE_ONETRUST, NULL, 0,
                            CC_BRIDGE_F_ALERT_CLOSED, all, &r), 0);
    CC_CHECK_INT(r.decided, 1);
    CC_CHECK_INT(r.granted, N | A | P | M);
    CC_CHECK_STR(r.id, r.id_len, "49e494aa-699f-492e-bdf0-d9e73f774e8e");

    /* without OptanonAlertBoxClosed: parsed but undecided */
    CC_CHECK_INT(test_parse(CC_BRIDGE_ONETRUST, NULL, 0, 0, all, &r), 0);
    CC_CHECK_INT(r.decided, 0);
    CC_CHECK_INT(r.granted, N);
    CC_CHECK_INT(r.accepted, N | A | P | M);

    CC_CHECK_INT(test_parse(CC_BRIDGE_ONETRUST, NULL, 0,
                            CC_BRIDGE_F_ALERT_CLOSED, some, &r), 0);
    CC_CHECK_INT(r.granted, N | P);
    CC_CHECK_INT(r.denied, A | M);

    /* AwaitingReconsent=true: undecided */
    CC_CHECK_INT(test_parse(CC_BRIDGE_ONETRUST, NULL, 0,
        CC_BRIDGE_F_ALERT_CLOSED,
        "groups=C0001%3A1%2CC0002%3A1&AwaitingReconsent=true", &r), 0);
    CC_CHECK_INT(r.decided, 0);
    CC_CHECK_INT(r.granted, N);

    /* plain groups, IAB stacks and unknown groups ignored */
    CC_CHECK_INT(test_parse(CC_BRIDGE_ONETRUST, NULL, 0,
        CC_BRIDGE_F_ALERT_CLOSED,
        "groups=C0001:1,C0002:1,STACK42:1,BG2559:0", &r), 0);
    CC_CHECK_INT(r.granted, N | A);

    /* C0004 and C0005 both map to marketing: both must be granted */
    CC_CHECK_INT(test_parse(CC_BRIDGE_ONETRUST, NULL, 0,
        CC_BRIDGE_F_ALERT_CLOSED, "groups=C0004%3A0%2CC0005%3A1", &r), 0);
    CC_CHECK_INT(r.granted, N);
    CC_CHECK_INT(test_parse(CC_BRIDGE_ONETRUST, NULL, 0,
        CC_BRIDGE_F_ALERT_CLOSED, "groups=C0004%3A1%2CC0005%3A1", &r), 0);
    CC_CHECK_INT(r.granted, N | M);
    CC_CHECK_INT(test_parse(CC_BRIDGE_ONETRUST, "C0005:social", 0,
        CC_BRIDGE_F_ALERT_CLOSED, "groups=C0004%3A0%2CC0005%3A1", &r), 0);
    CC_CHECK_INT(r.granted, N | S);

    /* a group spelled like one of our categories grants nothing */
    CC_CHECK_INT(test_parse(CC_BRIDGE_ONETRUST, NULL, 0,
        CC_BRIDGE_F_ALERT_CLOSED,
        "groups=C0001:1,C0004:0,C0005:0,marketing:1,analytics:1", &r), 0);
    CC_CHECK_INT(r.granted, N);

    /* every real group mapped, one to nothing */
    CC_CHECK_INT(test_parse(CC_BRIDGE_ONETRUST, "C0002:none", 0,
        CC_BRIDGE_F_ALERT_CLOSED, "groups=C0001:1,C0002:1,analytics:1", &r),
        0);
    CC_CHECK_INT(r.granted, N);

    /* the whole value percent-encoded once more */
    test_encode(enc, "isGpcEnabled=0&groups=C0001:1,C0002:1&consentId=abc");
    CC_CHECK_INT(test_parse(CC_BRIDGE_ONETRUST, NULL, 0,
                            CC_BRIDGE_F_ALERT_CLOSED, enc, &r), 0);
    CC_CHECK_INT(r.granted, N | A);
    CC_CHECK_STR(r.id, r.id_len, "abc");

    /* empty groups: decided, necessary only */
    CC_CHECK_INT(test_parse(CC_BRIDGE_ONETRUST, NULL, 0,
                            CC_BRIDGE_F_ALERT_CLOSED, "groups=&x", &r), 0);
    CC_CHECK_INT(r.decided, 1);
    CC_CHECK_INT(r.granted, N);

    /* invalid */
    CC_CHECK_INT(test_parse(CC_BRIDGE_ONETRUST, NULL, 0,
        CC_BRIDGE_F_ALERT_CLOSED, "isGpcEnabled=0&version=6.39.0", &r), -1);
    CC_CHECK(test_initial(&r));
    CC_CHECK_INT(test_parse(CC_BRIDGE_ONETRUST, NULL, 0,
        CC_BRIDGE_F_ALERT_CLOSED, "groups=C0001%3A2", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_ONETRUST, NULL, 0,
        CC_BRIDGE_F_ALERT_CLOSED, "groups=C0001%3A1%2CC0002%3", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_ONETRUST, NULL, 0,
        CC_BRIDGE_F_ALERT_CLOSED, "groups=C0001", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_ONETRUST, NULL, 0,
        CC_BRIDGE_F_ALERT_CLOSED, "groups=C0001%3A1%2C", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_ONETRUST, NULL, 0,
        CC_BRIDGE_F_ALERT_CLOSED, "groups=%3A1", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_ONETRUST, NULL, 0,
        CC_BRIDGE_F_ALERT_CLOSED, "groups=C0001%3A10", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_ONETRUST, NULL, 0,
        CC_BRIDGE_F_ALERT_CLOSED, "", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_ONETRUST, NULL, 0,
        CC_BRIDGE_F_ALERT_CLOSED, "%zz", &r), -1);
}


/* Complianz */

static int
test_cmplz(cc_bridge_result_t *r, const char *maps, const char *name,
    const char *value)
{
    cc_bridge_conf_t  conf;

    test_conf(&conf, maps, 0, 0);

    return cc_bridge_complianz_add(r, U(name), strlen(name), U(value),
                                   strlen(value), &conf);
}


static void
test_complianz(void)
{
    cc_bridge_result_t  r;

    cc_bridge_result_init(&r);
    CC_CHECK(test_initial(&r));

    /* cmplz_functional alone decides nothing */
    CC_CHECK_INT(test_cmplz(&r, NULL, "functional", "allow"), 0);
    CC_CHECK_INT(r.decided, 0);
    CC_CHECK_INT(r.granted, N);

    CC_CHECK_INT(test_cmplz(&r, NULL, "banner-status", "dismissed"), 1);
    CC_CHECK_INT(test_cmplz(&r, NULL, "consented_services", ""), 1);
    CC_CHECK_INT(test_cmplz(&r, NULL, "policy_id", "14"), 1);
    CC_CHECK_INT(r.decided, 0);

    CC_CHECK_INT(test_cmplz(&r, NULL, "statistics", "allow"), 0);
    CC_CHECK_INT(r.decided, 1);
    CC_CHECK_INT(r.granted, N | A);
    CC_CHECK_INT(test_cmplz(&r, NULL, "preferences", "deny"), 0);
    CC_CHECK_INT(test_cmplz(&r, NULL, "marketing", "deny"), 0);
    CC_CHECK_INT(r.granted, N | A);
    CC_CHECK_INT(r.denied, P | M);

    /* a bad value changes nothing */
    CC_CHECK_INT(test_cmplz(&r, NULL, "marketing", "yes"), -1);
    CC_CHECK_INT(test_cmplz(&r, NULL, "marketing", "Allow"), -1);
    CC_CHECK_INT(r.granted, N | A);

    /* the same cookie twice ("all"): a refusal wins */
    CC_CHECK_INT(test_cmplz(&r, NULL, "statistics", "deny"), 0);
    CC_CHECK_INT(r.granted, N);

    /* statistics-anonymous: decides, grants nothing unless mapped */
    cc_bridge_result_init(&r);
    CC_CHECK_INT(test_cmplz(&r, NULL, "statistics-anonymous", "allow"), 0);
    CC_CHECK_INT(r.decided, 1);
    CC_CHECK_INT(r.granted, N);
    cc_bridge_result_init(&r);
    CC_CHECK_INT(test_cmplz(&r, "statistics-anonymous:analytics",
                            "statistics-anonymous", "allow"), 0);
    CC_CHECK_INT(r.granted, N | A);

    /* refusing functional never removes necessary */
    cc_bridge_result_init(&r);
    CC_CHECK_INT(test_cmplz(&r, NULL, "functional", "deny"), 0);
    CC_CHECK_INT(test_cmplz(&r, NULL, "marketing", "allow"), 0);
    CC_CHECK_INT(r.granted, N | M);

    /* map overrides */
    cc_bridge_result_init(&r);
    CC_CHECK_INT(test_cmplz(&r, "marketing:social", "marketing", "allow"), 0);
    CC_CHECK_INT(r.granted, N | S);

    CC_CHECK_INT(cc_bridge_complianz_add(NULL, U("marketing"), 9, U("allow"),
                                         5, NULL), -1);
    CC_CHECK_INT(cc_bridge_complianz_add(&r, U("marketing"), 9, U("allow"),
                                         CC_BRIDGE_MAX_LEN + 1, NULL), -1);
    CC_CHECK_INT(cc_bridge_complianz_add(&r, NULL, 0, NULL, 0, NULL), 1);
    CC_CHECK_INT(cc_bridge_parse(CC_BRIDGE_COMPLIANZ, NULL, U("x"), 1, &r),
                 -1);
    CC_CHECK(test_initial(&r));
}


/* tarteaucitron */

static void
test_tarteaucitron(void)
{
    cc_bridge_result_t  r;

    CC_CHECK_INT(test_parse(CC_BRIDGE_TARTEAUCITRON, NULL, 0, 0,
        "!gtag=true!facebookpixel=false!youtube=wait", &r), 0);
    CC_CHECK_INT(r.decided, 1);
    CC_CHECK_INT(r.granted, N | A);
    CC_CHECK_INT(r.denied, M);

    /* real "Deny all" result */
    CC_CHECK_INT(test_parse(CC_BRIDGE_TARTEAUCITRON, NULL, 0, 0,
                            "!twitterembed=false!youtube=false", &r), 0);
    CC_CHECK_INT(r.decided, 1);
    CC_CHECK_INT(r.granted, N);

    /* everything still waiting: undecided */
    CC_CHECK_INT(test_parse(CC_BRIDGE_TARTEAUCITRON, NULL, 0, 0,
                            "!gtag=wait!youtube=wait", &r), 0);
    CC_CHECK_INT(r.decided, 0);
    CC_CHECK_INT(test_parse(CC_BRIDGE_TARTEAUCITRON, NULL, 0, 0,
                            "!tarteaucitron=true", &r), 0);
    CC_CHECK_INT(r.decided, 0);
    CC_CHECK_INT(test_parse(CC_BRIDGE_TARTEAUCITRON, NULL, 0, 0, "", &r), 0);
    CC_CHECK_INT(r.decided, 0);

    /* embeds only through the map; "any" */
    CC_CHECK_INT(test_parse(CC_BRIDGE_TARTEAUCITRON, NULL, 0, 0,
                            "!youtube=true!vimeo=true", &r), 0);
    CC_CHECK_INT(r.granted, N);
    CC_CHECK_INT(test_parse(CC_BRIDGE_TARTEAUCITRON, "youtube:marketing", 0,
        0, "!facebookpixel=false!youtube=true", &r), 0);
    CC_CHECK_INT(r.granted, N | M);

    /*
     * a map entry replaces the default ("none": nothing); a service named
     * like one of our categories grants nothing unless mapped
     */
    CC_CHECK_INT(test_parse(CC_BRIDGE_TARTEAUCITRON, "gtag:none", 0, 0,
                            "!gtag=true!preferences=true!marketing=true",
                            &r), 0);
    CC_CHECK_INT(r.granted, N);

    /* percent-encoded */
    CC_CHECK_INT(test_parse(CC_BRIDGE_TARTEAUCITRON, NULL, 0, 0,
                            "%21gtag%3Dtrue%21matomo%3Dfalse", &r), 0);
    CC_CHECK_INT(r.granted, N | A);

    /* invalid */
    CC_CHECK_INT(test_parse(CC_BRIDGE_TARTEAUCITRON, NULL, 0, 0,
                            "!gtag", &r), -1);
    CC_CHECK(test_initial(&r));
    CC_CHECK_INT(test_parse(CC_BRIDGE_TARTEAUCITRON, NULL, 0, 0,
                            "!gtag=yes", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_TARTEAUCITRON, NULL, 0, 0,
                            "!=true", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_TARTEAUCITRON, NULL, 0, 0,
                            "!gtag=true!gajs=tru", &r), -1);
}


/* IAB TCF v2.2 */

typedef struct {
    unsigned char  bits[2048];
    size_t         n;
} test_bits_t;


static void
test_put(test_bits_t *b, unsigned long long v, unsigned n)
{
    while (n-- > 0) {
        b->bits[b->n++] = (unsigned char) ((v >> n) & 1);
    }
}


/*
 * Builds a TC string core segment: purposes is the 24-bit PurposesConsent
 * field (purpose 1 is the most significant bit); vendors > 0 adds a
 * bit field of that many vendors, all consented; cut drops characters.
 */
static void
test_tcf_make(char *out, unsigned version, unsigned policy, unsigned ss,
    unsigned long purposes, unsigned vendors, int ranges, size_t cut)
{
    static const char  b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstu"
                               "vwxyz0123456789-_";
    size_t             i, k, chars;
    unsigned           c;
    test_bits_t        b;

    b.n = 0;
    test_put(&b, version, 6);
    test_put(&b, 17000000000ULL, 36);        /* Created */
    test_put(&b, 17000000000ULL, 36);        /* LastUpdated */
    test_put(&b, 7, 12);                     /* CmpId */
    test_put(&b, 1, 12);                     /* CmpVersion */
    test_put(&b, 1, 6);                      /* ConsentScreen */
    test_put(&b, 4 * 64 + 13, 12);           /* ConsentLanguage "EN" */
    test_put(&b, 75, 12);                    /* VendorListVersion */
    test_put(&b, policy, 6);
    test_put(&b, ss, 1);
    test_put(&b, 0, 1);                      /* UseNonStandardTexts */
    test_put(&b, 0, 12);                     /* SpecialFeatureOptIns */
    test_put(&b, purposes, 24);
    test_put(&b, 0, 24);                     /* PurposesLITransparency */
    test_put(&b, 0, 1);                      /* PurposeOneTreatment */
    test_put(&b, 0, 12);                     /* PublisherCC */

    /* vendor consents */
    test_put(&b, vendors, 16);

    if (ranges) {
        test_put(&b, 1, 1);
        test_put(&b, 2, 12);
        test_put(&b, 0, 1);
        test_put(&b, 1, 16);
        test_put(&b, 1, 1);
        test_put(&b, 10, 16);
        test_put(&b, vendors, 16);

    } else {
        test_put(&b, 0, 1);

        for (i = 0; i < vendors; i++) {
            test_put(&b, 1, 1);
        }
    }

    test_put(&b, 0, 16);                     /* vendor LI: MaxVendorId */
    test_put(&b, 0, 1);
    test_put(&b, ranges ? 1 : 0, 12);        /* NumPubRestrictions */

    if (ranges) {
        test_put(&b, 2, 6);
        test_put(&b, 1, 2);
        test_put(&b, 1, 12);
        test_put(&b, 0, 1);
        test_put(&b, 5, 16);
    }

    while (b.n % 6 != 0) {
        b.bits[b.n++] = 0;
    }

    chars = b.n / 6 - cut;

    for (i = 0; i < chars; i++) {
        c = 0;

        for (k = 0; k < 6; k++) {
            c = c << 1 | b.bits[i * 6 + k];
        }

        out[i] = b64[c];
    }

    out[chars] = '\0';
}


#define TCF_P(n)  (1UL << (24 - (n)))


static void
test_tcf(void)
{
    char                tc[512], big[CC_BRIDGE_MAX_LEN + 8];
    unsigned long       pall;
    cc_bridge_result_t  r;

    /* real strings (policy version 5, service specific) */
    CC_CHECK_INT(test_parse(CC_BRIDGE_TCF, NULL, 0, 0,
        "CQbB_cAQbB_cAAHABBENCFFsAP_gAAAAAAAAHXwCAAIAAqABaAFsAUgBZgF5gOvAAAAK"
        "SgAwABBd8pABgACC75CADAAEF3x0AGAAILvhIAMAAQXf.f_wAAAAAAAAA", &r), 0);
    CC_CHECK_INT(r.decided, 1);
    CC_CHECK_INT(r.granted, N | A | M);
    CC_CHECK_INT(r.issued, 1763337600);

    CC_CHECK_INT(test_parse(CC_BRIDGE_TCF, NULL, 0, 0,
        "CQGiOUAQGiOUAAHABBENBLFgAAAAAAAAAAAAAAAAAAAA.YAAAAAAAAAAA", &r), 0);
    CC_CHECK_INT(r.decided, 1);
    CC_CHECK_INT(r.granted, N);
    CC_CHECK_INT(r.issued, 1728950400);

    CC_CHECK_INT(test_parse(CC_BRIDGE_TCF, NULL, 0, 0,
        "CQEyKcAQEyKcAAGABBENBGFgAAAAAEPgABBoAAAOWgJAAkABkAEcARwAnAByADnAIAAQ"
        "cAjgBdQFSgLUAXQAvMBggDFgHLABBQAIC6CgAEAjgAAA.YAAAAAAAAAAA", &r), 0);
    CC_CHECK_INT(r.granted, N);

    /* no publisher TC segment, padded */
    CC_CHECK_INT(test_parse(CC_BRIDGE_TCF, NULL, 0, 0,
        "CQGiOUAQGiOUAAHABBENBLFgAAAAAAAAAAAAAAAAAAAA==", &r), 0);
    CC_CHECK_INT(r.decided, 1);

    pall = 0xffffffUL;

    test_tcf_make(tc, 2, 4, 1, pall, 10, 0, 0);
    CC_CHECK_INT(test_parse(CC_BRIDGE_TCF, NULL, 0, 0, tc, &r), 0);
    CC_CHECK_INT(r.granted, N | A | M);
    CC_CHECK_INT(r.issued, 1700000000);

    test_tcf_make(tc, 2, 5, 1, pall, 600, 1, 0);
    CC_CHECK_INT(test_parse(CC_BRIDGE_TCF, NULL, 0, 0, tc, &r), 0);
    CC_CHECK_INT(r.granted, N | A | M);

    /* measurement only */
    test_tcf_make(tc, 2, 4, 1, TCF_P(1) | TCF_P(7) | TCF_P(8) | TCF_P(9)
                  | TCF_P(10), 0, 0, 0);
    CC_CHECK_INT(test_parse(CC_BRIDGE_TCF, NULL, 0, 0, tc, &r), 0);
    CC_CHECK_INT(r.granted, N | A);

    /* everything but purpose 1: nothing */
    test_tcf_make(tc, 2, 4, 1, pall & ~TCF_P(1), 0, 0, 0);
    CC_CHECK_INT(test_parse(CC_BRIDGE_TCF, NULL, 0, 0, tc, &r), 0);
    CC_CHECK_INT(r.decided, 1);
    CC_CHECK_INT(r.granted, N);

    /* marketing needs 2, 3 and 4 */
    test_tcf_make(tc, 2, 4, 1, TCF_P(1) | TCF_P(2) | TCF_P(3), 0, 0, 0);
    CC_CHECK_INT(test_parse(CC_BRIDGE_TCF, NULL, 0, 0, tc, &r), 0);
    CC_CHECK_INT(r.granted, N);
    test_tcf_make(tc, 2, 4, 1, TCF_P(1) | TCF_P(2) | TCF_P(3) | TCF_P(4),
                  0, 0, 0);
    CC_CHECK_INT(test_parse(CC_BRIDGE_TCF, NULL, 0, 0, tc, &r), 0);
    CC_CHECK_INT(r.granted, N | M);

    /* analytics needs 10 as well, unless the map drops it */
    test_tcf_make(tc, 2, 4, 1, TCF_P(1) | TCF_P(7) | TCF_P(8) | TCF_P(9),
                  0, 0, 0);
    CC_CHECK_INT(test_parse(CC_BRIDGE_TCF, NULL, 0, 0, tc, &r), 0);
    CC_CHECK_INT(r.granted, N);
    CC_CHECK_INT(test_parse(CC_BRIDGE_TCF, "10:none", 0, 0, tc, &r), 0);
    CC_CHECK_INT(r.granted, N | A);

    /* map adds purpose 5 to marketing, and maps 11 to preferences */
    test_tcf_make(tc, 2, 4, 1, TCF_P(1) | TCF_P(2) | TCF_P(3) | TCF_P(4)
                  | TCF_P(11), 0, 0, 0);
    CC_CHECK_INT(test_parse(CC_BRIDGE_TCF, "5:marketing 11:preferences", 0,
                            0, tc, &r), 0);
    CC_CHECK_INT(r.granted, N | P);
    CC_CHECK_INT(test_parse(CC_BRIDGE_TCF, "x:marketing 011:preferences", 0,
                            0, tc, &r), 0);
    CC_CHECK_INT(r.granted, N | P | M);

    /* invalid headers */
    test_tcf_make(tc, 1, 4, 1, pall, 0, 0, 0);
    CC_CHECK_INT(test_parse(CC_BRIDGE_TCF, NULL, 0, 0, tc, &r), -1);
    CC_CHECK(test_initial(&r));
    test_tcf_make(tc, 2, 2, 1, pall, 0, 0, 0);
    CC_CHECK_INT(test_parse(CC_BRIDGE_TCF, NULL, 0, 0, tc, &r), -1);
    test_tcf_make(tc, 2, 4, 0, pall, 0, 0, 0);
    CC_CHECK_INT(test_parse(CC_BRIDGE_TCF, NULL, 0, 0, tc, &r), -1);

    /* truncated anywhere */
    test_tcf_make(tc, 2, 4, 1, pall, 10, 0, 2);
    CC_CHECK_INT(test_parse(CC_BRIDGE_TCF, NULL, 0, 0, tc, &r), -1);
    test_tcf_make(tc, 2, 4, 1, pall, 600, 1, 3);
    CC_CHECK_INT(test_parse(CC_BRIDGE_TCF, NULL, 0, 0, tc, &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_TCF, NULL, 0, 0,
                            "CQGiOUAQGiOUAAHABBENBLFgAAAAA", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_TCF, NULL, 0, 0,
                            "CQGiOUAQGiOUAAHABBENBLFgAAAAAAAAAAAAAAAAAAA",
                            &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_TCF, NULL, 0, 0, "", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_TCF, NULL, 0, 0, ".YAAA", &r), -1);

    /* outside the alphabet, misplaced padding */
    CC_CHECK_INT(test_parse(CC_BRIDGE_TCF, NULL, 0, 0,
        "CQGiOUAQGiOUAAHABBENBLFgAAAAAAAAAA!AAAAAAAAAA.YAAAAAAAAAAA", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_TCF, NULL, 0, 0,
        "CQGiOUAQGiOUAAHABBENBLFgAAAA=AAAAAAAAAAAAAAAA", &r), -1);
    CC_CHECK_INT(test_parse(CC_BRIDGE_TCF, NULL, 0, 0,
        "CQGiOUAQGiOUAAHABBENBLFgAAAAAAAAAAAAAAAAAAAA.YA AA", &r), -1);

    /* oversized */
    memset(big, 'A', CC_BRIDGE_MAX_LEN + 1);
    memcpy(big, "CQGiOUAQGiOUAAHABBENBLFg", 24);
    big[CC_BRIDGE_MAX_LEN + 1] = '\0';
    CC_CHECK_INT(test_parse(CC_BRIDGE_TCF, NULL, 0, 0, big, &r), -1);
    big[CC_BRIDGE_MAX_LEN] = '\0';
    CC_CHECK_INT(test_parse(CC_BRIDGE_TCF, NULL, 0, 0, big, &r), 0);
}


static void
test_invariants(void)
{
    int                 s;
    cc_bridge_result_t  r;

    for (s = -1; s <= CC_BRIDGE_NSOURCES; s++) {
        CC_CHECK_INT(cc_bridge_parse(s, NULL, U("{"), 1, &r), -1);
        CC_CHECK_INT(r.granted & N, N);
        CC_CHECK(r.decided || r.granted == N);
    }
}


int
main(int argc, char **argv)
{
    (void) argc;

    test_urldecode();
    test_names();
    test_cookieconsent();
    test_klaro();
    test_cookiebot();
    test_onetrust();
    test_complianz();
    test_tarteaucitron();
    test_tcf();
    test_invariants();

    return cc_test_done(argv[0]);
}
