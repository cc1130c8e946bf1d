/*
 * Unit tests: banner texts and the choice of language (src/cc_i18n.c).
 */

#include <stdlib.h>

#include "cc_test.h"
#include "cc_i18n.h"


#define S(s)  (const unsigned char *) s, sizeof(s) - 1

#define CHOOSE(h, a, f)  cc_i18n_choose(S(h), S(a), f)


/* 1 if s is valid UTF-8 without control characters */

static int
test_utf8(const char *s)
{
    size_t               i, n;
    const unsigned char  *p;

    p = (const unsigned char *) s;

    while (*p) {
        if (*p < 0x20 || *p == 0x7f) {
            return 0;
        }

        if (*p < 0x80) {
            p++;
            continue;
        }

        if ((*p & 0xe0) == 0xc0) {
            n = 1;

        } else if ((*p & 0xf0) == 0xe0) {
            n = 2;

        } else if ((*p & 0xf8) == 0xf0) {
            n = 3;

        } else {
            return 0;
        }

        for (i = 1; i <= n; i++) {
            if ((p[i] & 0xc0) != 0x80) {
                return 0;
            }
        }

        p += n + 1;
    }

    return 1;
}


static char    test_header[4096];
static size_t  test_len;


static void
test_add(const char *s)
{
    size_t  n;

    n = strlen(s);

    if (n <= sizeof(test_header) - test_len) {
        memcpy(test_header + test_len, s, n);
        test_len += n;
    }
}


/* the language for the header built so far, from an exact heap copy */

static int
test_choose(void)
{
    int             lang;
    unsigned char  *p;

    p = malloc(test_len ? test_len : 1);
    if (p == NULL) {
        return -2;
    }

    memcpy(p, test_header, test_len);
    lang = cc_i18n_choose(NULL, 0, p, test_len, CC_I18N_EN);
    free(p);

    test_len = 0;

    return lang;
}


int
main(int argc, char **argv)
{
    int             lang, id, ok, same;
    char           *big;
    size_t          i, len;
    const char     *s;
    unsigned char   bytes[256];

    (void) argc;

    /* cc_i18n_lang() */

    CC_CHECK_INT(cc_i18n_lang(S("en")), CC_I18N_EN);
    CC_CHECK_INT(cc_i18n_lang(S("nl-BE")), CC_I18N_NL);
    CC_CHECK_INT(cc_i18n_lang(S("NL_be")), CC_I18N_NL);
    CC_CHECK_INT(cc_i18n_lang(S("  De  ")), CC_I18N_DE);
    CC_CHECK_INT(cc_i18n_lang(S("ga-IE")), CC_I18N_GA);
    CC_CHECK_INT(cc_i18n_lang(S("mt")), CC_I18N_MT);
    CC_CHECK_INT(cc_i18n_lang(S("bg")), CC_I18N_BG);
    CC_CHECK_INT(cc_i18n_lang(S("sv-FI")), CC_I18N_SV);
    CC_CHECK_INT(cc_i18n_lang(S("cz")), CC_I18N_CS);
    CC_CHECK_INT(cc_i18n_lang(S("gr")), CC_I18N_EL);
    CC_CHECK_INT(cc_i18n_lang(S("ja")), -1);
    CC_CHECK_INT(cc_i18n_lang(S("eng")), -1);
    CC_CHECK_INT(cc_i18n_lang(S("e")), -1);
    CC_CHECK_INT(cc_i18n_lang(S("en garbage")), -1);
    CC_CHECK_INT(cc_i18n_lang(S("en;q=1")), -1);
    CC_CHECK_INT(cc_i18n_lang(S("")), -1);
    CC_CHECK_INT(cc_i18n_lang(NULL, 5), -1);

    for (lang = 0; lang < CC_I18N_NLANGS; lang++) {
        s = cc_i18n_code(lang);
        CC_CHECK_INT(cc_i18n_lang((const unsigned char *) s, strlen(s)),
                     lang);
    }

    CC_CHECK(strcmp(cc_i18n_code(-1), "en") == 0);
    CC_CHECK(strcmp(cc_i18n_code(CC_I18N_NLANGS), "en") == 0);
    CC_CHECK(strcmp(cc_i18n_code(CC_I18N_FR), "fr") == 0);

    /* <html lang> wins */

    CC_CHECK_INT(CHOOSE("nl-BE", "fr, de;q=0.9", CC_I18N_EN), CC_I18N_NL);
    CC_CHECK_INT(CHOOSE("fr", "", CC_I18N_DE), CC_I18N_FR);

    /* an unknown or empty <html lang> defers to Accept-Language */

    CC_CHECK_INT(CHOOSE("ja", "de", CC_I18N_EN), CC_I18N_DE);
    CC_CHECK_INT(CHOOSE("", "de", CC_I18N_EN), CC_I18N_DE);
    CC_CHECK_INT(cc_i18n_choose(NULL, 0, S("pl"), CC_I18N_EN), CC_I18N_PL);

    /* q-values */

    CC_CHECK_INT(CHOOSE("", "fr;q=0.5, de;q=0.8", CC_I18N_EN), CC_I18N_DE);
    CC_CHECK_INT(CHOOSE("", "fr;q=0.5,de;q=0.8,nl", CC_I18N_EN), CC_I18N_NL);
    CC_CHECK_INT(CHOOSE("", "fr ; q=0.5 , it ; Q=0.501", CC_I18N_EN),
                 CC_I18N_IT);
    CC_CHECK_INT(CHOOSE("", "da;q=1.000, sv;q=1", CC_I18N_EN), CC_I18N_DA);
    CC_CHECK_INT(CHOOSE("", "da;q=0.001", CC_I18N_EN), CC_I18N_DA);
    CC_CHECK_INT(CHOOSE("", "da;level=1;q=0.5, sv;q=0.4", CC_I18N_EN),
                 CC_I18N_DA);

    /* ties keep the header order */

    CC_CHECK_INT(CHOOSE("", "fi;q=0.7, et;q=0.7", CC_I18N_EN), CC_I18N_FI);
    CC_CHECK_INT(CHOOSE("", "lt, lv", CC_I18N_EN), CC_I18N_LT);

    /* q=0: not acceptable */

    CC_CHECK_INT(CHOOSE("", "fr;q=0, de;q=0.1", CC_I18N_EN), CC_I18N_DE);
    CC_CHECK_INT(CHOOSE("", "fr;q=0.000", CC_I18N_SV), CC_I18N_SV);
    CC_CHECK_INT(CHOOSE("", "*;q=0", CC_I18N_SV), CC_I18N_SV);

    /* region fallback */

    CC_CHECK_INT(CHOOSE("", "fr-CA", CC_I18N_EN), CC_I18N_FR);
    CC_CHECK_INT(CHOOSE("", "pt-BR,pt;q=0.9,en;q=0.8", CC_I18N_EN),
                 CC_I18N_PT);
    CC_CHECK_INT(CHOOSE("", "en-GB, de-AT;q=0.5", CC_I18N_DE), CC_I18N_EN);

    /* unknown languages are skipped; "*" is the fallback */

    CC_CHECK_INT(CHOOSE("", "ja, zh-CN;q=0.9, hu;q=0.2", CC_I18N_EN),
                 CC_I18N_HU);
    CC_CHECK_INT(CHOOSE("", "*", CC_I18N_RO), CC_I18N_RO);
    CC_CHECK_INT(CHOOSE("", "*;q=0.9, sk;q=0.5", CC_I18N_RO), CC_I18N_RO);
    CC_CHECK_INT(CHOOSE("", "sk;q=0.5, *;q=0.4", CC_I18N_RO), CC_I18N_SK);
    CC_CHECK_INT(CHOOSE("", "ja", CC_I18N_HR), CC_I18N_HR);

    /* malformed entries are skipped, the rest count */

    CC_CHECK_INT(CHOOSE("", "fr;q=2, de", CC_I18N_EN), CC_I18N_DE);
    CC_CHECK_INT(CHOOSE("", "fr;q=0.5x, de;q=0.1", CC_I18N_EN), CC_I18N_DE);
    CC_CHECK_INT(CHOOSE("", "fr;q=, de;q=0.1", CC_I18N_EN), CC_I18N_DE);
    CC_CHECK_INT(CHOOSE("", "fr;q=1.5, de;q=0.1", CC_I18N_EN), CC_I18N_DE);
    CC_CHECK_INT(CHOOSE("", "fr;q=0.1234, de;q=0.1", CC_I18N_EN),
                 CC_I18N_DE);
    CC_CHECK_INT(CHOOSE("", "fr de, es", CC_I18N_EN), CC_I18N_ES);
    CC_CHECK_INT(CHOOSE("", ",,, ,el,,", CC_I18N_EN), CC_I18N_EL);
    CC_CHECK_INT(CHOOSE("", ";;;,=,q=1", CC_I18N_CS), CC_I18N_CS);
    CC_CHECK_INT(CHOOSE("", "\xff\xfe\x00, de", CC_I18N_EN), CC_I18N_DE);
    CC_CHECK_INT(CHOOSE("", "f", CC_I18N_CS), CC_I18N_CS);
    CC_CHECK_INT(CHOOSE("", ";q=1", CC_I18N_CS), CC_I18N_CS);

    /* empty, NULL, fallback out of range */

    CC_CHECK_INT(CHOOSE("", "", CC_I18N_NL), CC_I18N_NL);
    CC_CHECK_INT(cc_i18n_choose(NULL, 0, NULL, 0, CC_I18N_IT), CC_I18N_IT);
    CC_CHECK_INT(cc_i18n_choose(NULL, 7, NULL, 7, CC_I18N_IT), CC_I18N_IT);
    CC_CHECK_INT(cc_i18n_choose(NULL, 0, NULL, 0, -3), CC_I18N_EN);
    CC_CHECK_INT(cc_i18n_choose(NULL, 0, NULL, 0, 99), CC_I18N_EN);

    /* 100 entries: only the first 32 are looked at */

    for (i = 1; i <= 100; i++) {
        test_add(i > 1 ? "," : "");
        test_add(i == 32 ? "de;q=0.6" : i == 33 ? "fr;q=0.9" : "xx;q=0.5");
    }

    CC_CHECK_INT(test_choose(), CC_I18N_DE);

    /* past the cap: ignored */

    for (i = 1; i <= 100; i++) {
        test_add(i > 1 ? "," : "");
        test_add(i == 33 ? "fr;q=0.9" : "xx;q=0.5");
    }

    CC_CHECK_INT(test_choose(), CC_I18N_EN);

    /* empty list elements do not count */

    for (i = 1; i < 100; i++) {
        test_add(",");
    }

    test_add("lv");

    CC_CHECK_INT(test_choose(), CC_I18N_LV);

    /* a header cut in the middle of a q-value, exactly sized */

    big = malloc(8);
    CC_CHECK(big != NULL);

    if (big != NULL) {
        memcpy(big, "nl;q=0.5", 8);

        for (len = 0; len <= 8; len++) {
            lang = cc_i18n_choose(NULL, 0, (unsigned char *) big, len,
                                  CC_I18N_EN);
            CC_CHECK(lang == CC_I18N_NL || lang == CC_I18N_EN);
        }

        CC_CHECK_INT(cc_i18n_choose(NULL, 0, (unsigned char *) big, 2,
                                    CC_I18N_EN), CC_I18N_NL);
        CC_CHECK_INT(cc_i18n_choose(NULL, 0, (unsigned char *) big, 4,
                                    CC_I18N_EN), CC_I18N_EN);

        free(big);
    }

    /* every byte value, in every position of a short header */

    ok = 1;

    for (i = 0; i < sizeof(bytes); i++) {
        bytes[i] = (unsigned char) i;
    }

    for (i = 0; i + 4 <= sizeof(bytes); i++) {
        lang = cc_i18n_choose(bytes + i, 4, bytes + i, 4, CC_I18N_EN);

        if (lang < 0 || lang >= CC_I18N_NLANGS) {
            ok = 0;
        }
    }

    CC_CHECK(ok);

    /* texts: every language has every text, non-empty UTF-8 */

    for (lang = 0; lang < CC_I18N_NLANGS; lang++) {
        ok = 1;
        same = 0;

        for (id = 0; id < CC_I18N_NTEXTS; id++) {
            s = cc_i18n_text(lang, id);

            if (s == NULL || s[0] == '\0' || !test_utf8(s)) {
                ok = 0;
                fprintf(stderr, "%s: text %d bad\n", cc_i18n_code(lang), id);
            }

            if (lang != CC_I18N_EN
                && strcmp(s, cc_i18n_text(CC_I18N_EN, id)) == 0)
            {
                same++;
            }
        }

        CC_CHECK(ok);

        /* translated: only a few words ("Marketing") may equal English */
        CC_CHECK(lang == CC_I18N_EN || same <= 3);
    }

    CC_CHECK(strcmp(cc_i18n_text(CC_I18N_EN, CC_I18N_ACCEPT_ALL),
                    "Accept all") == 0);
    CC_CHECK(strcmp(cc_i18n_text(CC_I18N_EN, CC_I18N_REOPEN),
                    "Cookie settings") == 0);
    CC_CHECK(strcmp(cc_i18n_text(CC_I18N_NL, CC_I18N_REJECT_ALL),
                    "Alles weigeren") == 0);
    CC_CHECK(strcmp(cc_i18n_text(CC_I18N_DE, CC_I18N_ACCEPT_ALL),
                    "Alle akzeptieren") == 0);
    CC_CHECK(strcmp(cc_i18n_text(CC_I18N_FR, CC_I18N_REJECT_ALL),
                    "Tout refuser") == 0);

    /* out of range: English, or "" for an unknown text id */

    CC_CHECK(strcmp(cc_i18n_text(-1, CC_I18N_TITLE),
                    cc_i18n_text(CC_I18N_EN, CC_I18N_TITLE)) == 0);
    CC_CHECK(strcmp(cc_i18n_text(CC_I18N_NLANGS, CC_I18N_SAVE),
                    "Save choices") == 0);
    CC_CHECK(strcmp(cc_i18n_text(CC_I18N_EN, -1), "") == 0);
    CC_CHECK(strcmp(cc_i18n_text(CC_I18N_EN, CC_I18N_NTEXTS), "") == 0);

    /* the labels within one language are distinct */

    for (lang = 0; lang < CC_I18N_NLANGS; lang++) {
        CC_CHECK(strcmp(cc_i18n_text(lang, CC_I18N_ACCEPT_ALL),
                        cc_i18n_text(lang, CC_I18N_REJECT_ALL)) != 0);
        CC_CHECK(strcmp(cc_i18n_text(lang, CC_I18N_SETTINGS),
                        cc_i18n_text(lang, CC_I18N_PREFERENCES)) != 0);
        CC_CHECK(strcmp(cc_i18n_text(lang, CC_I18N_SETTINGS),
                        cc_i18n_text(lang, CC_I18N_SAVE)) != 0);
    }

    /* built-in categories */

    s = cc_i18n_category(CC_I18N_EN, S("analytics"), 0);
    CC_CHECK(s != NULL && strcmp(s, "Analytics") == 0);
    s = cc_i18n_category(CC_I18N_NL, S("preferences"), 0);
    CC_CHECK(s != NULL && strcmp(s, "Voorkeuren") == 0);
    s = cc_i18n_category(CC_I18N_EN, S("marketing"), 1);
    CC_CHECK(s != NULL && strcmp(s, cc_i18n_text(CC_I18N_EN,
                                                 CC_I18N_MARKETING_P)) == 0);
    s = cc_i18n_category(CC_I18N_DE, S("necessary"), 0);
    CC_CHECK(s != NULL && strcmp(s, "Notwendig") == 0);
    CC_CHECK(cc_i18n_category(CC_I18N_EN, S("social"), 0) == NULL);
    CC_CHECK(cc_i18n_category(CC_I18N_EN, S("Analytics"), 0) == NULL);
    CC_CHECK(cc_i18n_category(CC_I18N_EN, S("analytic"), 0) == NULL);
    CC_CHECK(cc_i18n_category(CC_I18N_EN, NULL, 3, 0) == NULL);

    return cc_test_done(argv[0]);
}
