/*
 * Unit tests: the endpoint's request bodies (src/cc_body.c).
 *
 * Bodies go through exact-size heap copies so AddressSanitizer sees any
 * read past the end.
 */

#include <stdlib.h>

#include "cc_test.h"
#include <jansson.h>

#include "cc_body.h"


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

    if (len == 5 && memcmp(name, "bit40", 5) == 0) {
        return 40;
    }

    if (len == 5 && memcmp(name, "bit31", 5) == 0) {
        return 31;
    }

    return -1;
}


static const char  *err;
static cc_decision_t  d;


static int
run(int json, const void *s, size_t len)
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

    err = NULL;
    rc = json ? cc_json_parse(h, len, &d, category, NULL, &err)
              : cc_form_parse(h, len, &d, category, NULL, &err);
    free(h);

    /* an error always has a one-line reason, success never one */
    if (rc == 0 && err != NULL) {
        return 100;
    }

    if (rc != 0 && (err == NULL || *err == '\0' || strchr(err, '\n'))) {
        return 101;
    }

    return rc;
}

#define FORM(s)  run(0, s, sizeof(s) - 1)
#define JSON(s)  run(1, s, sizeof(s) - 1)

#define ERR(s)                                                               \
    CC_CHECK_STR(err ? err : "(null)", strlen(err ? err : "(null)"), s)


static void
test_action(void)
{
    CC_CHECK_INT(cc_action((const unsigned char *) "accept_all", 10),
                 CC_ACTION_ACCEPT);
    CC_CHECK_INT(cc_action((const unsigned char *) "reject_all", 10),
                 CC_ACTION_REJECT);
    CC_CHECK_INT(cc_action((const unsigned char *) "save", 4),
                 CC_ACTION_SAVE);
    CC_CHECK_INT(cc_action((const unsigned char *) "withdraw", 8),
                 CC_ACTION_WITHDRAW);
    CC_CHECK_INT(cc_action((const unsigned char *) "", 0), CC_ACTION_NONE);
    CC_CHECK_INT(cc_action((const unsigned char *) "sav", 3), CC_ACTION_NONE);
    CC_CHECK_INT(cc_action((const unsigned char *) "saves", 5),
                 CC_ACTION_NONE);
    CC_CHECK_INT(cc_action((const unsigned char *) "SAVE", 4), CC_ACTION_NONE);
    CC_CHECK_INT(cc_action((const unsigned char *) "save\0", 5),
                 CC_ACTION_NONE);
    CC_CHECK_INT(cc_action((const unsigned char *) "accept_all", 6),
                 CC_ACTION_NONE);

    CC_CHECK_STR(cc_action_name(CC_ACTION_ACCEPT),
                 strlen(cc_action_name(CC_ACTION_ACCEPT)), "accept_all");
    CC_CHECK_STR(cc_action_name(CC_ACTION_REJECT),
                 strlen(cc_action_name(CC_ACTION_REJECT)), "reject_all");
    CC_CHECK_STR(cc_action_name(CC_ACTION_SAVE),
                 strlen(cc_action_name(CC_ACTION_SAVE)), "save");
    CC_CHECK_STR(cc_action_name(CC_ACTION_WITHDRAW),
                 strlen(cc_action_name(CC_ACTION_WITHDRAW)), "withdraw");
    CC_CHECK_STR(cc_action_name(CC_ACTION_NONE), 0, "");
    CC_CHECK_STR(cc_action_name(-1), 0, "");
    CC_CHECK_STR(cc_action_name(5), 0, "");
    CC_CHECK_STR(cc_action_name(1000000), 0, "");
}


static long
dec(const char *s, int plus, char *out)
{
    long            n;
    size_t          len;
    unsigned char  *h, *o;

    len = strlen(s);
    h = malloc(len ? len : 1);
    o = malloc(len ? len : 1);
    if (h == NULL || o == NULL) {
        abort();
    }

    memcpy(h, s, len);
    n = cc_urldecode(o, h, len, plus);

    if (n >= 0) {
        memcpy(out, o, (size_t) n);
        out[n] = '\0';
    }

    free(h);
    free(o);

    return n;
}


static void
test_urldecode(void)
{
    char  out[256];
    long  n;

    CC_CHECK_INT(dec("", 1, out), 0);
    CC_CHECK_INT(dec("abc", 1, out), 3);
    CC_CHECK_STR(out, 3, "abc");
    CC_CHECK_INT(dec("a%20b", 1, out), 3);
    CC_CHECK_STR(out, 3, "a b");
    CC_CHECK_INT(dec("a+b", 1, out), 3);
    CC_CHECK_STR(out, 3, "a b");
    CC_CHECK_INT(dec("a+b", 0, out), 3);
    CC_CHECK_STR(out, 3, "a+b");
    CC_CHECK_INT(dec("%2B", 1, out), 1);
    CC_CHECK_STR(out, 1, "+");
    CC_CHECK_INT(dec("%2f%2F", 1, out), 2);
    CC_CHECK_STR(out, 2, "//");
    CC_CHECK_INT(dec("%41%62%7e", 0, out), 3);
    CC_CHECK_STR(out, 3, "Ab~");
    CC_CHECK_INT(dec("%e2%82%AC", 0, out), 3);
    CC_CHECK_STR(out, 3, "\xe2\x82\xac");
    CC_CHECK_INT(dec("%ff%FF%80", 0, out), 3);
    CC_CHECK_STR(out, 3, "\xff\xff\x80");
    CC_CHECK_INT(dec("%25%2525", 0, out), 4);
    CC_CHECK_STR(out, 4, "%%25");
    CC_CHECK_INT(dec("++", 1, out), 2);
    CC_CHECK_STR(out, 2, "  ");

    n = dec("x%00y", 0, out);
    CC_CHECK_INT(n, 3);
    CC_CHECK(out[0] == 'x' && out[1] == '\0' && out[2] == 'y');

    /* bad escapes */
    CC_CHECK_INT(dec("%", 1, out), -1);
    CC_CHECK_INT(dec("%2", 1, out), -1);
    CC_CHECK_INT(dec("abc%", 1, out), -1);
    CC_CHECK_INT(dec("abc%4", 1, out), -1);
    CC_CHECK_INT(dec("%zz", 1, out), -1);
    CC_CHECK_INT(dec("%2g", 1, out), -1);
    CC_CHECK_INT(dec("%g2", 1, out), -1);
    CC_CHECK_INT(dec("%%", 1, out), -1);
    CC_CHECK_INT(dec("%%41", 1, out), -1);
    CC_CHECK_INT(dec("% 1", 1, out), -1);
    CC_CHECK_INT(dec("%+1", 1, out), -1);
    CC_CHECK_INT(dec("%-1", 1, out), -1);
    CC_CHECK_INT(dec("%0x", 1, out), -1);
    CC_CHECK_INT(dec("%\xff\xff", 1, out), -1);
    CC_CHECK_INT(dec("ok%41%4", 1, out), -1);
}


static void
test_return_path(void)
{
    char           buf[1100];
    unsigned char  one[2];
    int            c;

#define RV(s)  cc_return_path_valid((const unsigned char *) s, sizeof(s) - 1)

    CC_CHECK_INT(RV("/"), 1);
    CC_CHECK_INT(RV("/a"), 1);
    CC_CHECK_INT(RV("/shop/cart?x=1&y=%2F#top"), 1);
    CC_CHECK_INT(RV("/a//b"), 1);
    CC_CHECK_INT(RV("/a/../b"), 1);
    CC_CHECK_INT(RV("/%2F%2Fevil.example"), 1);
    CC_CHECK_INT(RV("/~user/;p=1,2"), 1);

    CC_CHECK_INT(RV(""), 0);
    CC_CHECK_INT(RV("a"), 0);
    CC_CHECK_INT(RV("a/b"), 0);
    CC_CHECK_INT(RV("?x=1"), 0);
    CC_CHECK_INT(RV("#x"), 0);
    CC_CHECK_INT(RV("//evil.example"), 0);
    CC_CHECK_INT(RV("//evil.example/path"), 0);
    CC_CHECK_INT(RV("///evil.example"), 0);
    CC_CHECK_INT(RV("/\\evil.example"), 0);
    CC_CHECK_INT(RV("\\\\evil.example"), 0);
    CC_CHECK_INT(RV("\\/evil.example"), 0);
    CC_CHECK_INT(RV("/a\\b"), 0);
    CC_CHECK_INT(RV("http://x"), 0);
    CC_CHECK_INT(RV("https://evil.example/"), 0);
    CC_CHECK_INT(RV("javascript:alert(1)"), 0);
    CC_CHECK_INT(RV("data:text/html,x"), 0);
    CC_CHECK_INT(RV(" /"), 0);
    CC_CHECK_INT(RV("/ "), 0);
    CC_CHECK_INT(RV("/a b"), 0);
    CC_CHECK_INT(RV("/\t/evil.example"), 0);
    CC_CHECK_INT(RV("/\r\nSet-Cookie: x=1"), 0);
    CC_CHECK_INT(RV("/a\nb"), 0);
    CC_CHECK_INT(RV("/a\x7f"), 0);
    CC_CHECK_INT(RV("/caf\xc3\xa9"), 0);
    CC_CHECK_INT(RV("/\x80"), 0);
    CC_CHECK_INT(RV("/\xff"), 0);
    CC_CHECK_INT(RV("/a\0b"), 0);
    CC_CHECK_INT(RV("/\0"), 0);
    CC_CHECK_INT(RV("\0/"), 0);

    /* "/" followed by each byte */
    for (c = 0; c < 256; c++) {
        one[0] = '/';
        one[1] = (unsigned char) c;
        CC_CHECK_INT(cc_return_path_valid(one, 2),
                     c > 0x20 && c < 0x7f && c != '/' && c != '\\');
    }

    /* 1024 is the limit */
    memset(buf, 'a', sizeof(buf));
    buf[0] = '/';
    CC_CHECK_INT(cc_return_path_valid((unsigned char *) buf, 1023), 1);
    CC_CHECK_INT(cc_return_path_valid((unsigned char *) buf, 1024), 1);
    CC_CHECK_INT(cc_return_path_valid((unsigned char *) buf, 1025), 0);
    CC_CHECK_INT(cc_return_path_valid((unsigned char *) buf, 1100), 0);

#undef RV
}


static void
test_form(void)
{
    size_t  i;
    char    big[CC_BODY_MAX + 100];

    /* every action */
    CC_CHECK_INT(FORM("action=accept_all"), 0);
    CC_CHECK_INT(d.action, CC_ACTION_ACCEPT);
    CC_CHECK_INT(d.categories, 0);
    CC_CHECK_INT(d.has_return, 0);

    CC_CHECK_INT(FORM("action=reject_all"), 0);
    CC_CHECK_INT(d.action, CC_ACTION_REJECT);
    CC_CHECK_INT(FORM("action=save"), 0);
    CC_CHECK_INT(d.action, CC_ACTION_SAVE);
    CC_CHECK_INT(d.categories, 0);
    CC_CHECK_INT(FORM("action=withdraw"), 0);
    CC_CHECK_INT(d.action, CC_ACTION_WITHDRAW);

    /* the banner's form */
    CC_CHECK_INT(FORM("action=save&category=analytics&category=marketing"
                      "&return=%2Fshop%2Fcart%3Fid%3D7"), 0);
    CC_CHECK_INT(d.action, CC_ACTION_SAVE);
    CC_CHECK_INT(d.categories, 0xc);
    CC_CHECK_INT(d.has_return, 1);
    CC_CHECK_STR(d.return_to, d.return_len, "/shop/cart?id=7");

    /* order does not matter; repeated and unknown categories */
    CC_CHECK_INT(FORM("category=analytics&return=/&action=save"
                      "&category=analytics&category=gone&category=social"),
                 0);
    CC_CHECK_INT(d.action, CC_ACTION_SAVE);
    CC_CHECK_INT(d.categories, 0x14);
    CC_CHECK_STR(d.return_to, d.return_len, "/");

    /* callback answers outside 0..31 are ignored */
    CC_CHECK_INT(FORM("action=save&category=bit40&category=bit31"), 0);
    CC_CHECK_INT(d.categories, 0x80000000u);
    CC_CHECK(d.services == 0);

    /*
     * services: "service" fields, answers 32..95 (a category's name there
     * is ignored, as a service's in "category")
     */
    CC_CHECK_INT(FORM("action=save&service=bit40&service=analytics"
                      "&category=bit40&service=bit40"), 0);
    CC_CHECK_INT(d.categories, 0);
    CC_CHECK(d.services == (uint64_t) 1 << 8);
    CC_CHECK_INT(FORM("action=save&service=Bit40"), -1);
    ERR("invalid service name");
    CC_CHECK_INT(FORM("action=save&service="), -1);
    ERR("invalid service name");

    /* unknown fields ignored, empty fields skipped */
    CC_CHECK_INT(FORM("&&csrf=x&action=reject_all&&submit=Reject+all&"), 0);
    CC_CHECK_INT(d.action, CC_ACTION_REJECT);
    CC_CHECK_INT(FORM("x&action=save&=&==&y="), 0);
    CC_CHECK_INT(d.action, CC_ACTION_SAVE);

    /* field names and values are percent-decoded, '+' is a space */
    CC_CHECK_INT(FORM("%61ction=accept%5Fall"), 0);
    CC_CHECK_INT(d.action, CC_ACTION_ACCEPT);
    CC_CHECK_INT(FORM("action=save&%63ategory=%61nalytics"), 0);
    CC_CHECK_INT(d.categories, 0x4);
    /* the confirmation of an Accept all made with Sec-GPC: 1 */

    CC_CHECK_INT(FORM("action=accept_all"), 0);
    CC_CHECK(!d.gpc_confirmed);
    CC_CHECK_INT(FORM("action=accept_all&gpc=confirm"), 0);
    CC_CHECK(d.gpc_confirmed);
    CC_CHECK_INT(FORM("gpc=confirm&action=accept_all&gpc=no"), 0);
    CC_CHECK(!d.gpc_confirmed);
    CC_CHECK_INT(FORM("action=accept_all&gpc=confirmed"), 0);
    CC_CHECK(!d.gpc_confirmed);

    CC_CHECK_INT(FORM("action=save&return=/a+b%2Bc"), 0);
    CC_CHECK_STR(d.return_to, d.return_len, "/a b+c");
    CC_CHECK_INT(FORM("action+=save"), -1);
    ERR("missing action");
    CC_CHECK_INT(FORM("action=save+"), -1);
    ERR("unknown action");

    /* the last return wins; an over-long one is dropped */
    CC_CHECK_INT(FORM("return=/a&action=save&return=/b"), 0);
    CC_CHECK_STR(d.return_to, d.return_len, "/b");

    /* the return value is not validated here: the caller does it */
    CC_CHECK_INT(FORM("action=save&return=//evil.example"), 0);
    CC_CHECK_INT(d.has_return, 1);
    CC_CHECK_STR(d.return_to, d.return_len, "//evil.example");
    CC_CHECK_INT(cc_return_path_valid(d.return_to, d.return_len), 0);

    CC_CHECK_INT(FORM("action=save&return="), 0);
    CC_CHECK_INT(d.has_return, 1);
    CC_CHECK_INT(d.return_len, 0);

    /* return of 1024 and 1025 bytes */
    strcpy(big, "action=save&return=/");
    memset(big + strlen(big), 'r', 1023);
    big[20 + 1023] = '\0';
    CC_CHECK_INT(run(0, big, strlen(big)), 0);
    CC_CHECK_INT(d.has_return, 1);
    CC_CHECK_INT(d.return_len, 1024);
    CC_CHECK_INT(cc_return_path_valid(d.return_to, d.return_len), 1);

    strcpy(big, "action=save&return=/");
    memset(big + strlen(big), 'r', 1024);
    big[20 + 1024] = '\0';
    CC_CHECK_INT(run(0, big, strlen(big)), 0);
    CC_CHECK_INT(d.has_return, 0);

    /* 1024 once decoded: %2F is one byte */
    strcpy(big, "action=save&return=%2F");
    memset(big + strlen(big), 'r', 1023);
    big[22 + 1023] = '\0';
    CC_CHECK_INT(run(0, big, strlen(big)), 0);
    CC_CHECK_INT(d.return_len, 1024);

    /* errors */
    CC_CHECK_INT(FORM(""), -1);
    ERR("missing action");
    CC_CHECK_INT(FORM("&&&"), -1);
    ERR("missing action");
    CC_CHECK_INT(FORM("category=analytics"), -1);
    ERR("missing action");
    CC_CHECK_INT(FORM("Action=save"), -1);
    ERR("missing action");
    CC_CHECK_INT(FORM("action"), -1);
    ERR("unknown action");
    CC_CHECK_INT(FORM("action="), -1);
    ERR("unknown action");
    CC_CHECK_INT(FORM("action=SAVE"), -1);
    ERR("unknown action");
    CC_CHECK_INT(FORM("action=accept"), -1);
    ERR("unknown action");
    CC_CHECK_INT(FORM("action=save%00"), -1);
    ERR("unknown action");
    CC_CHECK_INT(FORM("action=save&action=save"), -1);
    ERR("more than one action");
    CC_CHECK_INT(FORM("action=save&action=reject_all"), -1);
    ERR("more than one action");
    CC_CHECK_INT(FORM("action=save&category=Analytics"), -1);
    ERR("invalid category name");
    CC_CHECK_INT(FORM("action=save&category="), -1);
    ERR("invalid category name");
    CC_CHECK_INT(FORM("action=save&category"), -1);
    ERR("invalid category name");
    CC_CHECK_INT(FORM("action=save&category=a+b"), -1);
    ERR("invalid category name");
    CC_CHECK_INT(FORM("action=save&category=analytics%00"), -1);
    ERR("invalid category name");
    CC_CHECK_INT(FORM("action=save&category=analytics-marketing"), -1);
    ERR("invalid category name");
    CC_CHECK_INT(FORM("action=save&category=caf%C3%A9"), -1);
    ERR("invalid category name");
    CC_CHECK_INT(FORM("action=save&category=\xff"), -1);
    ERR("invalid category name");
    CC_CHECK_INT(FORM("action=save&category="
                      "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"), -1);  /* 33 */
    ERR("invalid category name");
    CC_CHECK_INT(FORM("action=save&category="
                      "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"), 0);    /* 32 */

    /* bad percent escapes anywhere, in names or values, known or not */
    CC_CHECK_INT(FORM("action=save&return=%"), -1);
    ERR("malformed percent-encoding");
    CC_CHECK_INT(FORM("action=save&return=/%2"), -1);
    ERR("malformed percent-encoding");
    CC_CHECK_INT(FORM("action=save&return=/%zz"), -1);
    ERR("malformed percent-encoding");
    CC_CHECK_INT(FORM("action=sa%ve"), -1);
    ERR("malformed percent-encoding");
    CC_CHECK_INT(FORM("act%ion=save"), -1);
    ERR("malformed percent-encoding");
    CC_CHECK_INT(FORM("action=save&x=%G0"), -1);
    ERR("malformed percent-encoding");
    CC_CHECK_INT(FORM("action=save&%=1"), -1);
    ERR("malformed percent-encoding");
    CC_CHECK_INT(FORM("action=save&category=%%61nalytics"), -1);
    ERR("malformed percent-encoding");

    /* a failed parse never leaves an action behind for a careless caller */
    CC_CHECK_INT(FORM("action=save&action=save"), -1);
    CC_CHECK(d.action == CC_ACTION_SAVE || d.action == CC_ACTION_NONE);

    /* NUL and non-UTF-8 bytes in ignored fields are harmless */
    CC_CHECK_INT(FORM("x=\0\xff&action=save"), 0);
    CC_CHECK_INT(d.action, CC_ACTION_SAVE);

    /* long keys are ignored */
    CC_CHECK_INT(FORM("actionactionactionaction=save&action=reject_all"), 0);
    CC_CHECK_INT(d.action, CC_ACTION_REJECT);
    CC_CHECK_INT(FORM("aaaaaaaaaaaaaaaa=save&action=withdraw"), 0);   /* 16 */
    CC_CHECK_INT(FORM("aaaaaaaaaaaaaaaaa=save&action=withdraw"), 0);  /* 17 */

    /* size limit: 4096 accepted, 4097 refused */
    memset(big, 'x', sizeof(big));
    memcpy(big, "action=save&x=", 14);
    CC_CHECK_INT(run(0, big, CC_BODY_MAX), 0);
    CC_CHECK_INT(d.action, CC_ACTION_SAVE);
    CC_CHECK_INT(run(0, big, CC_BODY_MAX + 1), -1);
    ERR("body too large");

    /* a value of 4096 - 7 bytes, and a body of nothing but '&' */
    memset(big, 'y', sizeof(big));
    memcpy(big, "action=", 7);
    CC_CHECK_INT(run(0, big, CC_BODY_MAX), -1);
    ERR("unknown action");
    memset(big, '&', CC_BODY_MAX);
    CC_CHECK_INT(run(0, big, CC_BODY_MAX), -1);
    ERR("missing action");
    memset(big, '=', CC_BODY_MAX);
    CC_CHECK_INT(run(0, big, CC_BODY_MAX), -1);
    ERR("missing action");
    for (i = 0; i < CC_BODY_MAX; i++) {
        big[i] = "%41"[i % 3];
    }
    CC_CHECK_INT(run(0, big, CC_BODY_MAX - 1), -1);
    ERR("missing action");
    CC_CHECK_INT(run(0, big, CC_BODY_MAX), -1);     /* ends in "%" */

    /* many categories */
    {
        size_t  n = 0, k = 0;

        n += (size_t) sprintf(big + n, "action=save");
        while (n + 30 < CC_BODY_MAX) {
            n += (size_t) sprintf(big + n, "&category=%s", names[k++ % 5]);
        }
        CC_CHECK_INT(run(0, big, n), 0);
        CC_CHECK_INT(d.categories, 0x1f);
    }
}


static void
test_json(void)
{
    size_t  i, n;
    char    big[16384];

    CC_CHECK_INT(JSON("{\"action\":\"accept_all\"}"), 0);
    CC_CHECK_INT(d.action, CC_ACTION_ACCEPT);
    CC_CHECK_INT(d.categories, 0);
    CC_CHECK_INT(d.has_return, 0);
    CC_CHECK(!d.gpc_confirmed);
    CC_CHECK_INT(JSON("{\"action\":\"accept_all\",\"gpc\":\"confirm\"}"),
                 0);
    CC_CHECK(d.gpc_confirmed);
    CC_CHECK_INT(JSON("{\"action\":\"accept_all\",\"gpc\":\"no\"}"), 0);
    CC_CHECK(!d.gpc_confirmed);
    CC_CHECK_INT(JSON("{\"action\":\"accept_all\",\"gpc\":true}"), -1);
    CC_CHECK_INT(JSON("{\"action\":\"reject_all\"}"), 0);
    CC_CHECK_INT(d.action, CC_ACTION_REJECT);
    CC_CHECK_INT(JSON("{\"action\":\"withdraw\"}"), 0);
    CC_CHECK_INT(d.action, CC_ACTION_WITHDRAW);
    CC_CHECK_INT(JSON(" \n\t{ \"action\" : \"save\" , \"categories\" : [ ] }"
                      " \n"), 0);
    CC_CHECK_INT(d.action, CC_ACTION_SAVE);
    CC_CHECK_INT(d.categories, 0);

    CC_CHECK_INT(JSON("{\"action\":\"save\",\"categories\":"
                      "[\"analytics\",\"marketing\",\"analytics\",\"gone\"],"
                      "\"return\":\"/shop?x=1\",\"extra\":{\"a\":[1,2]}}"),
                 0);
    CC_CHECK_INT(d.action, CC_ACTION_SAVE);
    CC_CHECK_INT(d.categories, 0xc);
    CC_CHECK_INT(d.has_return, 1);
    CC_CHECK_STR(d.return_to, d.return_len, "/shop?x=1");

    CC_CHECK_INT(JSON("{\"categories\":[\"bit40\",\"bit31\",\"necessary\"],"
                      "\"action\":\"save\"}"), 0);
    CC_CHECK_INT(d.categories, 0x80000001u);
    CC_CHECK(d.services == 0);

    /* services */
    CC_CHECK_INT(JSON("{\"services\":[\"bit40\",\"necessary\",\"zz\"],"
                      "\"categories\":[\"analytics\"],"
                      "\"action\":\"save\"}"), 0);
    CC_CHECK_INT(d.categories, 0x4);
    CC_CHECK(d.services == (uint64_t) 1 << 8);
    CC_CHECK_INT(JSON("{\"services\":\"bit40\",\"action\":\"save\"}"), -1);
    ERR("\"services\" must be an array of strings");
    CC_CHECK_INT(JSON("{\"services\":[1],\"action\":\"save\"}"), -1);
    ERR("\"services\" must be an array of strings");
    CC_CHECK_INT(JSON("{\"services\":[\"a-b\"],\"action\":\"save\"}"), -1);
    ERR("invalid service name");

    /* escapes in strings */
    CC_CHECK_INT(JSON("{\"\\u0061ction\":\"s\\u0061ve\","
                      "\"categories\":[\"\\u0061nalytics\"],"
                      "\"return\":\"\\/a\\/b\"}"), 0);
    CC_CHECK_INT(d.action, CC_ACTION_SAVE);
    CC_CHECK_INT(d.categories, 0x4);
    CC_CHECK_STR(d.return_to, d.return_len, "/a/b");

    /* the return value is the caller's to validate */
    CC_CHECK_INT(JSON("{\"action\":\"save\",\"return\":\"https://x/\"}"), 0);
    CC_CHECK_INT(d.has_return, 1);
    CC_CHECK_INT(cc_return_path_valid(d.return_to, d.return_len), 0);
    CC_CHECK_INT(JSON("{\"action\":\"save\",\"return\":\"/\\u00e9\"}"), 0);
    CC_CHECK_INT(d.return_len, 3);
    CC_CHECK_INT(cc_return_path_valid(d.return_to, d.return_len), 0);

    /* wrong types */
    CC_CHECK_INT(JSON("{\"action\":1}"), -1);
    ERR("\"action\" must be a string");
    CC_CHECK_INT(JSON("{\"action\":null}"), -1);
    ERR("\"action\" must be a string");
    CC_CHECK_INT(JSON("{\"action\":[\"save\"]}"), -1);
    ERR("\"action\" must be a string");
    CC_CHECK_INT(JSON("{\"action\":{\"save\":true}}"), -1);
    ERR("\"action\" must be a string");
    CC_CHECK_INT(JSON("{\"action\":true}"), -1);
    ERR("\"action\" must be a string");
    CC_CHECK_INT(JSON("{}"), -1);
    ERR("\"action\" must be a string");
    CC_CHECK_INT(JSON("{\"Action\":\"save\"}"), -1);
    ERR("\"action\" must be a string");

    CC_CHECK_INT(JSON("{\"action\":\"\"}"), -1);
    ERR("unknown action");
    CC_CHECK_INT(JSON("{\"action\":\"Save\"}"), -1);
    ERR("unknown action");
    CC_CHECK_INT(JSON("{\"action\":\"save \"}"), -1);
    ERR("unknown action");

    CC_CHECK_INT(JSON("{\"action\":\"save\",\"categories\":\"analytics\"}"),
                 -1);
    ERR("\"categories\" must be an array of strings");
    CC_CHECK_INT(JSON("{\"action\":\"save\",\"categories\":null}"), -1);
    ERR("\"categories\" must be an array of strings");
    CC_CHECK_INT(JSON("{\"action\":\"save\",\"categories\":{}}"), -1);
    ERR("\"categories\" must be an array of strings");
    CC_CHECK_INT(JSON("{\"action\":\"save\",\"categories\":[1]}"), -1);
    ERR("\"categories\" must be an array of strings");
    CC_CHECK_INT(JSON("{\"action\":\"save\",\"categories\":"
                      "[\"analytics\",null]}"), -1);
    ERR("\"categories\" must be an array of strings");
    CC_CHECK_INT(JSON("{\"action\":\"save\",\"categories\":[[\"a\"]]}"), -1);
    ERR("\"categories\" must be an array of strings");

    CC_CHECK_INT(JSON("{\"action\":\"save\",\"categories\":[\"Analytics\"]}"),
                 -1);
    ERR("invalid category name");
    CC_CHECK_INT(JSON("{\"action\":\"save\",\"categories\":[\"\"]}"), -1);
    ERR("invalid category name");
    CC_CHECK_INT(JSON("{\"action\":\"save\",\"categories\":[\"a b\"]}"), -1);
    ERR("invalid category name");
    CC_CHECK_INT(JSON("{\"action\":\"save\",\"categories\":"
                      "[\"analytics\\u00e9\"]}"), -1);
    ERR("invalid category name");

    CC_CHECK_INT(JSON("{\"action\":\"save\",\"return\":1}"), -1);
    ERR("\"return\" must be a string");
    CC_CHECK_INT(JSON("{\"action\":\"save\",\"return\":null}"), -1);
    ERR("\"return\" must be a string");
    CC_CHECK_INT(JSON("{\"action\":\"save\",\"return\":[\"/\"]}"), -1);
    ERR("\"return\" must be a string");

    /* not an object */
    CC_CHECK_INT(JSON("[]"), -1);
    ERR("JSON body must be an object");
    CC_CHECK_INT(JSON("[{\"action\":\"save\"}]"), -1);
    ERR("JSON body must be an object");
    CC_CHECK_INT(JSON("\"save\""), -1);
    CC_CHECK_INT(JSON("1"), -1);
    CC_CHECK_INT(JSON("null"), -1);
    CC_CHECK_INT(JSON("true"), -1);

    /* not JSON */
    CC_CHECK_INT(JSON(""), -1);
    ERR("invalid JSON");
    CC_CHECK_INT(JSON(" "), -1);
    ERR("invalid JSON");
    CC_CHECK_INT(JSON("{"), -1);
    ERR("invalid JSON");
    CC_CHECK_INT(JSON("{\"action\":"), -1);
    ERR("invalid JSON");
    CC_CHECK_INT(JSON("{\"action\":\"save\""), -1);
    ERR("invalid JSON");
    CC_CHECK_INT(JSON("{\"action\":\"save\"}x"), -1);
    ERR("invalid JSON");
    CC_CHECK_INT(JSON("{\"action\":\"save\"} {}"), -1);
    ERR("invalid JSON");
    CC_CHECK_INT(JSON("{'action':'save'}"), -1);
    ERR("invalid JSON");
    CC_CHECK_INT(JSON("{action:\"save\"}"), -1);
    ERR("invalid JSON");
    CC_CHECK_INT(JSON("{\"action\":\"save\",}"), -1);
    ERR("invalid JSON");
    CC_CHECK_INT(JSON("action=save"), -1);
    ERR("invalid JSON");
    CC_CHECK_INT(JSON("\xef\xbb\xbf{\"action\":\"save\"}"), -1);
    CC_CHECK_INT(JSON("{\"action\":\"sa\xff\"}"), -1);
    ERR("invalid JSON");
    CC_CHECK_INT(JSON("{\"action\":\"save\\u0000\"}"), -1);
    ERR("invalid JSON");
    CC_CHECK_INT(JSON("{\"action\":\"save\"}\0"), -1);
    CC_CHECK_INT(JSON("{\"action\":\"sa\0ve\"}"), -1);
    CC_CHECK_INT(JSON("{\"action\":\"save\",\"x\":\"\\ud800\"}"), -1);
    CC_CHECK_INT(JSON("{\"action\":\"save\",\"x\":1e99999}"), -1);

    /* duplicate keys, of ours or not */
    CC_CHECK_INT(JSON("{\"action\":\"save\",\"action\":\"save\"}"), -1);
    ERR("invalid JSON");
    CC_CHECK_INT(JSON("{\"action\":\"reject_all\",\"action\":\"accept_all\"}"),
                 -1);
    CC_CHECK_INT(JSON("{\"action\":\"save\",\"categories\":[],"
                      "\"categories\":[\"analytics\"]}"), -1);
    CC_CHECK_INT(JSON("{\"action\":\"save\",\"x\":1,\"x\":2}"), -1);

    /* over-long return dropped, 1024 kept */
    n = (size_t) sprintf(big, "{\"action\":\"save\",\"return\":\"/");
    memset(big + n, 'r', 1023);
    n += 1023;
    n += (size_t) sprintf(big + n, "\"}");
    CC_CHECK_INT(run(1, big, n), 0);
    CC_CHECK_INT(d.return_len, 1024);
    CC_CHECK_INT(cc_return_path_valid(d.return_to, d.return_len), 1);

    n = (size_t) sprintf(big, "{\"action\":\"save\",\"return\":\"/");
    memset(big + n, 'r', 1024);
    n += 1024;
    n += (size_t) sprintf(big + n, "\"}");
    CC_CHECK_INT(run(1, big, n), 0);
    CC_CHECK_INT(d.has_return, 0);

    /* size limit */
    n = (size_t) sprintf(big, "{\"action\":\"save\"}");
    memset(big + n, ' ', sizeof(big) - n);
    CC_CHECK_INT(run(1, big, CC_BODY_MAX), 0);
    CC_CHECK_INT(run(1, big, CC_BODY_MAX + 1), -1);
    ERR("body too large");

    /* deep nesting: an error, never a crash */

    /* 10000 deep: refused by size before jansson sees it */
    for (i = 0; i < 10000; i++) {
        big[i] = '[';
    }
    CC_CHECK_INT(run(1, big, 10000), -1);

    /* as deep as fits in the size limit, unterminated and terminated */
    memset(big, '[', CC_BODY_MAX);
    CC_CHECK_INT(run(1, big, CC_BODY_MAX), -1);
    ERR("invalid JSON");

    n = (size_t) sprintf(big, "{\"action\":\"save\",\"x\":");
    i = (CC_BODY_MAX - n - 1) / 2;
    memset(big + n, '[', i);
    memset(big + n + i, ']', i);
    big[n + 2 * i] = '}';
    CC_CHECK(n + 2 * i + 1 <= CC_BODY_MAX);
    CC_CHECK_INT(run(1, big, n + 2 * i + 1), 0);     /* 2038 levels */
    CC_CHECK_INT(d.action, CC_ACTION_SAVE);

    n = (size_t) sprintf(big, "{\"action\":\"save\",\"x\":");
    memset(big + n, '[', 1000);
    memset(big + n + 1000, ']', 1000);
    big[n + 2000] = '}';
    CC_CHECK_INT(run(1, big, n + 2001), 0);            /* within it */
    CC_CHECK_INT(d.action, CC_ACTION_SAVE);

    for (i = 0, n = 0; n + 8 < CC_BODY_MAX; i++) {
        n += (size_t) sprintf(big + n, "{\"a\":");
    }
    CC_CHECK_INT(run(1, big, n), -1);
    ERR("invalid JSON");

    /* jansson directly with 10000 levels: an error, no stack overflow */
    {
        size_t        depth = 10000;
        char         *s;
        json_error_t  je;
        json_t       *j;

        s = malloc(2 * depth);
        CC_CHECK(s != NULL);
        memset(s, '[', depth);
        memset(s + depth, ']', depth);
        j = json_loadb(s, 2 * depth, JSON_REJECT_DUPLICATES, &je);
        CC_CHECK(j == NULL);
        json_decref(j);
        free(s);
    }

    /* many categories */
    n = (size_t) sprintf(big, "{\"action\":\"save\",\"categories\":[");
    for (i = 0; n + 40 < CC_BODY_MAX; i++) {
        n += (size_t) sprintf(big + n, "%s\"%s\"", i ? "," : "",
                              names[i % 5]);
    }
    n += (size_t) sprintf(big + n, "]}");
    CC_CHECK_INT(run(1, big, n), 0);
    CC_CHECK_INT(d.categories, 0x1f);
}


int
main(int argc, char **argv)
{
    (void) argc;

    test_action();
    test_urldecode();
    test_return_path();
    test_form();
    test_json();

    return cc_test_done(argv[0]);
}
