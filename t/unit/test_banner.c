/*
 * Unit tests: the banner's HTML (src/cc_banner.c, with src/cc_i18n.c).
 */

#include <stdlib.h>

#include "cc_test.h"
#include "cc_assets.h"
#include "cc_banner.h"
#include "cc_i18n.h"


#define U(s)      (const unsigned char *) s
#define S(s)      U(s), sizeof(s) - 1

#define CAT(n, r) { U(n), sizeof(n) - 1, NULL, 0, NULL, 0, r }


static unsigned char  buf[65536];


/* number of occurrences of s in p[0..n) */

static int
count(const unsigned char *p, size_t n, const char *s)
{
    int     c;
    size_t  i, l;

    l = strlen(s);
    c = 0;

    for (i = 0; l && i + l <= n; i++) {
        if (memcmp(p + i, s, l) == 0) {
            c++;
        }
    }

    return c;
}


#define HAS(n, s)   (count(buf, n, s) > 0)


static void
conf_init(cc_banner_conf_t *c, const cc_banner_category_t *cats, size_t n)
{
    memset(c, 0, sizeof(cc_banner_conf_t));
    c->lang = CC_I18N_EN;
    c->mode = CC_BANNER_FIRST;
    c->categories = cats;
    c->ncategories = n;
    c->endpoint = U("/cookie-consent");
    c->endpoint_len = sizeof("/cookie-consent") - 1;
    c->return_to = U("/page");
    c->return_len = sizeof("/page") - 1;
}


/* render into an exactly sized heap buffer: ASan sees any overrun */

static size_t
render_exact(const cc_banner_conf_t *c)
{
    size_t          n, r;
    unsigned char  *p;

    n = cc_banner_size(c);
    p = malloc(n);

    if (p == NULL) {
        return 0;
    }

    r = cc_banner_render(p, n, c);

    if (r == n) {
        memcpy(buf, p, n < sizeof(buf) ? n : sizeof(buf));
    }

    free(p);

    return r;
}


static size_t
render_page_exact(const cc_banner_conf_t *c)
{
    size_t          n, r;
    unsigned char  *p;

    n = cc_banner_page_size(c);
    p = malloc(n);

    if (p == NULL) {
        return 0;
    }

    r = cc_banner_page(p, n, c);

    if (r == n) {
        memcpy(buf, p, n < sizeof(buf) ? n : sizeof(buf));
    }

    free(p);

    return r;
}


/*
 * A skeleton filled for c is byte for byte what the render functions
 * give for c: the banner's (tpl NULL: the built-in one), or with cat the
 * placeholder's of that category and service
 */

typedef struct {
    const unsigned char  *tpl;
    size_t                tlen;
    const unsigned char  *cat;          /* NULL: the banner */
    size_t                len;
    long                  service;
} what_t;


static size_t
skeleton_of(const what_t *w, unsigned char *buf, size_t size,
    const cc_banner_conf_t *c, cc_banner_hole_t *holes, size_t *nh)
{
    if (w->cat != NULL) {
        return cc_banner_placeholder_skeleton(buf, size, c, w->cat, w->len,
                                              w->service, holes, nh);
    }

    return cc_banner_skeleton(buf, size, c, w->tpl, w->tlen, holes, nh);
}


static size_t
render_of(const what_t *w, unsigned char *buf, size_t size,
    const cc_banner_conf_t *c)
{
    if (w->cat != NULL) {
        return buf ? cc_banner_placeholder(buf, size, c, w->cat, w->len,
                                           w->service)
                   : cc_banner_placeholder_size(c, w->cat, w->len,
                                                w->service);
    }

    if (w->tpl != NULL) {
        return buf ? cc_banner_render_template(buf, size, w->tpl, w->tlen, c)
                   : cc_banner_template_size(w->tpl, w->tlen, c);
    }

    return buf ? cc_banner_render(buf, size, c) : cc_banner_size(c);
}


static int
same_as_render(const cc_banner_conf_t *c, const what_t *w)
{
    int               same;
    size_t            n, k, f, r, nh;
    unsigned char    *sk, *a, *b;
    cc_banner_conf_t  s;
    cc_banner_hole_t  holes[CC_BANNER_MAX_HOLES];

    /* the skeleton knows nothing of the request */

    s = *c;
    s.return_to = U("/must-not-appear");
    s.return_len = sizeof("/must-not-appear") - 1;
    s.nonce = U("NONCE-MUST-NOT-APPEAR");
    s.nonce_len = sizeof("NONCE-MUST-NOT-APPEAR") - 1;

    n = skeleton_of(w, NULL, 0, &s, holes, &nh);
    if (n == 0) {
        return 0;
    }

    sk = malloc(n);
    k = skeleton_of(w, sk, n, &s, holes, &nh);

    if (k != n || nh == 0 || count(sk, n, "must-not-appear") != 0
        || count(sk, n, "MUST-NOT-APPEAR") != 0)
    {
        free(sk);
        return 0;
    }

    r = render_of(w, NULL, 0, c);
    f = cc_banner_fill(NULL, 0, sk, n, holes, nh, c);

    a = malloc(r);
    b = malloc(f);

    same = (r == f
            && render_of(w, a, r, c) == r
            && cc_banner_fill(b, f, sk, n, holes, nh, c) == f
            && cc_banner_fill(b, f - 1, sk, n, holes, nh, c) == 0
            && memcmp(a, b, r) == 0);

    free(a);
    free(b);
    free(sk);

    return same;
}


static int
skeleton_same(const cc_banner_conf_t *c, const unsigned char *tpl,
    size_t tlen)
{
    what_t  w = { tpl, tlen, NULL, 0, -1 };

    return same_as_render(c, &w);
}


static int
placeholder_same(const cc_banner_conf_t *c, const unsigned char *cat,
    size_t len, long service)
{
    what_t  w = { NULL, 0, cat, len, service };

    return same_as_render(c, &w);
}


int
main(int argc, char **argv)
{
    int                    lang, ok;
    size_t                 n, m, i;
    const unsigned char   *bad;
    size_t                 bad_len;
    cc_banner_conf_t       c;
    cc_banner_category_t   many[40];
    static const cc_banner_category_t  cats[] = {
        CAT("necessary", 0), CAT("preferences", 0), CAT("analytics", 0),
        CAT("marketing", 0)
    };
    static const cc_banner_category_t  custom[] = {
        CAT("necessary", 0),
        { U("social"), 6, NULL, 0, NULL, 0, 0 },
        { U("video"), 5, U("Video & <embeds>"), 16, U("YouTube \"nocookie\""),
          18, 0 },
        { U("analytics"), 9, U("Statistiques"), 12, NULL, 0, 0 },
        { U("essential"), 9, NULL, 0, NULL, 0, 1 },
        { NULL, 0, NULL, 0, NULL, 0, 0 }
    };

    (void) argc;

    /* the first layer, English, four categories */

    conf_init(&c, cats, 4);
    c.policy_url = U("/privacy");
    c.policy_len = sizeof("/privacy") - 1;

    n = render_exact(&c);
    CC_CHECK(n > 0);
    CC_CHECK_INT(n, cc_banner_size(&c));
    CC_CHECK_INT(cc_banner_render(buf, sizeof(buf), &c), n);

    CC_CHECK(HAS(n, "<link rel=\"stylesheet\" "
                    "href=\"/cookie-consent/banner.css?v="
                    CC_ASSETS_VERSION "\">"));
    CC_CHECK(HAS(n, "<script src=\"/cookie-consent/banner.js?v="
                    CC_ASSETS_VERSION "\" defer></script>"));
    CC_CHECK(HAS(n, "<div id=\"ccm-banner\" class=\"ccm\" role=\"region\" "
                    "aria-labelledby=\"ccm-title\" lang=\"en\">"));
    CC_CHECK(HAS(n, "<form class=\"ccm-form\" method=\"post\" "
                    "action=\"/cookie-consent\">"));
    CC_CHECK(HAS(n, "<input type=\"hidden\" name=\"return\" "
                    "value=\"/page\">"));
    CC_CHECK(HAS(n, ">Cookies on this site<"));
    CC_CHECK(HAS(n, "<a href=\"/privacy\">Privacy policy</a>"));
    CC_CHECK_INT(count(buf, n, "nonce"), 0);
    CC_CHECK_INT(count(buf, n, "style="), 0);
    CC_CHECK_INT(count(buf, n, "<style"), 0);

    /* the three equal buttons, in this order */

    CC_CHECK(HAS(n, "<div class=\"ccm-btns\"><button type=\"submit\" "
                    "name=\"action\" value=\"accept_all\" class=\"ccm-btn\">"
                    "Accept all</button><button type=\"submit\" "
                    "name=\"action\" value=\"reject_all\" class=\"ccm-btn\">"
                    "Reject all</button><button type=\"submit\" "
                    "value=\"save\" class=\"ccm-btn\" formmethod=\"get\" "
                    "data-alt=\"Save choices\">Settings</button></div>"));

    /* without the script, "Settings" asks for the preferences page */

    CC_CHECK(HAS(n, "<input type=\"hidden\" name=\"lang\" "
                    "value=\"en\">"));
    CC_CHECK(HAS(n, "<fieldset id=\"ccm-cats\" class=\"ccm-cats "
                    "ccm-fold\">"));
    CC_CHECK_INT(count(buf, n, "class=\"ccm-btn\""), 3);

    /* closing rejects */

    CC_CHECK(HAS(n, "<button type=\"submit\" name=\"action\" "
                    "value=\"reject_all\" class=\"ccm-x\" "
                    "aria-label=\"Close and reject all\""));

    /* categories: unticked, necessary checked and disabled */

    CC_CHECK_INT(count(buf, n, "type=\"checkbox\""), 4);
    CC_CHECK_INT(count(buf, n, " checked"), 1);
    CC_CHECK_INT(count(buf, n, " disabled"), 1);
    CC_CHECK(HAS(n, "value=\"necessary\" checked disabled> "
                    "<b>Necessary</b> (Always on)<span>"));
    CC_CHECK(HAS(n, "value=\"analytics\"> <b>Analytics</b><span>Count "
                    "visits and measure how the site is used.</span>"));
    CC_CHECK(HAS(n, "value=\"marketing\"> <b>Marketing</b>"));

    /* the reopen control is there, hidden until the script shows it */

    CC_CHECK(HAS(n, "<a id=\"ccm-reopen\" class=\"ccm-reopen\" "
                    "href=\"/cookie-consent?return=/page&amp;lang=en\" lang=\"en\" "
                    "hidden>Cookie settings</a>"));

    /* the banner comes before the script, the stylesheet first */

    CC_CHECK(memcmp(buf, "<link ", 6) == 0);
    CC_CHECK(count(buf, n, "<script") == 1);

    /* every byte fits exactly; one less does not */

    CC_CHECK_INT(cc_banner_render(buf, n - 1, &c), 0);
    CC_CHECK_INT(cc_banner_render(buf, 0, &c), 0);
    CC_CHECK_INT(cc_banner_render(NULL, 100000, &c), 0);
    CC_CHECK_INT(cc_banner_render(buf, 10, &c), 0);

    memset(buf, 'Z', sizeof(buf));
    CC_CHECK_INT(cc_banner_render(buf, 100, &c), 0);
    CC_CHECK(buf[100] == 'Z');

    /* with a nonce: on the <link> and the <script> */

    c.nonce = U("r4nd0m+/=");
    c.nonce_len = sizeof("r4nd0m+/=") - 1;

    n = render_exact(&c);
    CC_CHECK(n > 0);
    CC_CHECK_INT(count(buf, n, " nonce=\"r4nd0m+/=\""), 2);
    CC_CHECK(HAS(n, "banner.css?v=" CC_ASSETS_VERSION "\" "
                    "nonce=\"r4nd0m+/=\">"));
    CC_CHECK(HAS(n, "defer nonce=\"r4nd0m+/=\"></script>"));

    c.nonce = U("a\"><script>x</script>");
    c.nonce_len = strlen((const char *) c.nonce);
    n = render_exact(&c);
    CC_CHECK_INT(count(buf, n, "<script"), 1);
    CC_CHECK(HAS(n, "nonce=\"a&quot;&gt;&lt;script&gt;x&lt;/script&gt;\""));

    c.nonce = NULL;
    c.nonce_len = 0;

    /* the return path is escaped in the form, encoded in the link */

    c.return_to = U("/a?b=\"x\"&c=<y>'z'");
    c.return_len = strlen((const char *) c.return_to);

    n = render_exact(&c);
    CC_CHECK(n > 0);
    CC_CHECK(HAS(n, "name=\"return\" value=\"/a?b=&quot;x&quot;&amp;c="
                    "&lt;y&gt;&#39;z&#39;\">"));
    CC_CHECK(HAS(n, "href=\"/cookie-consent?return="
                    "/a%3Fb%3D%22x%22%26c%3D%3Cy%3E%27z%27&amp;lang=en\""));
    CC_CHECK_INT(count(buf, n, "<y>"), 0);
    CC_CHECK_INT(count(buf, n, "\"x\""), 0);

    /*
     * every byte in the link: A-Z a-z 0-9 - . _ ~ / as they are, any other
     * one %XX
     */

    {
        int            b;
        size_t         k;
        unsigned char  all[256];
        char           want[1024];

        all[0] = '/';

        for (b = 1; b < 256; b++) {
            all[b] = (unsigned char) b;
        }

        k = (size_t) sprintf(want, "href=\"/cookie-consent?return=/");

        for (b = 1; b < 256; b++) {
            if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')
                || (b >= '0' && b <= '9') || b == '-' || b == '.'
                || b == '_' || b == '~' || b == '/')
            {
                want[k++] = (char) b;

            } else {
                k += (size_t) sprintf(want + k, "%%%02X", b);
            }
        }

        want[k] = '\0';

        c.return_to = all;
        c.return_len = sizeof(all);

        n = render_exact(&c);
        CC_CHECK(n > 0);
        CC_CHECK(HAS(n, want));

        c.return_to = U("/a?b=\"x\"&c=<y>'z'");
        c.return_len = strlen((const char *) c.return_to);
    }

    /* the endpoint and the policy URL are escaped too */

    c.endpoint = U("/cc/\"<x>/");
    c.endpoint_len = strlen((const char *) c.endpoint);
    c.policy_url = U("/p?a=1&b=\"2\"");
    c.policy_len = strlen((const char *) c.policy_url);

    n = render_exact(&c);
    CC_CHECK(HAS(n, "action=\"/cc/&quot;&lt;x&gt;/\""));
    CC_CHECK(HAS(n, "href=\"/cc/&quot;&lt;x&gt;/banner.css?v="));
    CC_CHECK(HAS(n, "href=\"/p?a=1&amp;b=&quot;2&quot;\""));
    CC_CHECK_INT(count(buf, n, "<x>"), 0);

    /* defaults: endpoint, return path; no policy: no link */

    conf_init(&c, cats, 4);
    c.endpoint = NULL;
    c.return_to = NULL;

    n = render_exact(&c);
    CC_CHECK(n > 0);
    CC_CHECK(HAS(n, "action=\"/cookie-consent\""));
    CC_CHECK(HAS(n, "name=\"return\" value=\"/\""));
    CC_CHECK(HAS(n, "href=\"/cookie-consent?return=/&amp;lang=en\""));
    CC_CHECK_INT(count(buf, n, "<a href"), 0);

    /* reopen mode: only the control (and the assets) */

    conf_init(&c, cats, 4);
    c.mode = CC_BANNER_REOPEN;
    c.nonce = U("n1");
    c.nonce_len = 2;

    n = render_exact(&c);
    CC_CHECK(n > 0);
    CC_CHECK_INT(n, cc_banner_size(&c));
    CC_CHECK_INT(count(buf, n, "ccm-banner"), 0);
    CC_CHECK_INT(count(buf, n, "<form"), 0);
    CC_CHECK_INT(count(buf, n, "<button"), 0);
    CC_CHECK_INT(count(buf, n, " hidden"), 0);
    CC_CHECK(HAS(n, "<a id=\"ccm-reopen\" class=\"ccm-reopen\" "
                    "href=\"/cookie-consent?return=/page&amp;lang=en\" lang=\"en\">"
                    "Cookie settings</a>"));
    CC_CHECK_INT(count(buf, n, " nonce=\"n1\""), 2);
    CC_CHECK_INT(cc_banner_render(buf, n - 1, &c), 0);

    /*
     * the widest language, found with one configuration, bounds the
     * control of every language in every other one of the same charset
     * (the exact Content-Length of pages whose only edit is the control)
     */

    for (i = 0; i < 2; i++) {
        int               widest;
        cc_banner_conf_t  w;

        memset(&w, 0, sizeof(cc_banner_conf_t));
        w.mode = CC_BANNER_REOPEN;
        w.ascii = i;
        widest = cc_banner_widest(&w);

        conf_init(&c, cats, 4);
        c.mode = CC_BANNER_REOPEN;
        c.ascii = i;
        c.nonce = U("abcDEF123+/=");
        c.nonce_len = 12;
        c.endpoint = U("/x/\"consent&");
        c.endpoint_len = 12;
        c.return_to = U("/p?a=1&b=<2>");
        c.return_len = 12;
        c.policy_url = U("/privacy");
        c.policy_len = 8;

        w = c;
        w.lang = widest;
        m = cc_banner_size(&w);
        ok = 1;

        for (lang = 0; lang < CC_I18N_NLANGS; lang++) {
            c.lang = lang;

            if (cc_banner_size(&c) > m || render_exact(&c) > m) {
                ok = 0;
            }
        }

        CC_CHECK(ok);
    }

    /* other languages */

    conf_init(&c, cats, 4);
    c.lang = CC_I18N_NL;
    n = render_exact(&c);
    CC_CHECK(HAS(n, "lang=\"nl\""));
    CC_CHECK(HAS(n, ">Alles accepteren</button>"));
    CC_CHECK(HAS(n, ">Alles weigeren</button>"));
    CC_CHECK(HAS(n, ">Instellingen</button>"));
    CC_CHECK(HAS(n, "name=\"lang\" value=\"nl\""));
    CC_CHECK(HAS(n, "<b>Noodzakelijk</b> (Altijd aan)"));

    c.lang = 99;
    n = render_exact(&c);
    CC_CHECK(HAS(n, "lang=\"en\""));

    ok = 1;

    for (lang = 0; lang < CC_I18N_NLANGS; lang++) {
        c.lang = lang;
        n = render_exact(&c);

        if (n == 0 || !HAS(n, cc_i18n_text(lang, CC_I18N_ACCEPT_ALL))
            || !HAS(n, cc_i18n_text(lang, CC_I18N_REJECT_ALL)))
        {
            ok = 0;
        }
    }

    CC_CHECK(ok);

    /* pages that are not UTF-8: character references */

    c.lang = CC_I18N_EL;
    c.ascii = 1;
    n = render_exact(&c);
    CC_CHECK(n > 0);

    ok = 1;

    for (i = 0; i < n; i++) {
        if (buf[i] >= 0x80) {
            ok = 0;
        }
    }

    CC_CHECK(ok);
    CC_CHECK(HAS(n, "&#x391;&#x3C0;&#x3BF;&#x3B4;&#x3BF;&#x3C7;&#x3AE; "));

    /* an invalid UTF-8 label becomes U+FFFD */

    {
        static const cc_banner_category_t  bad8[] = {
            { U("x"), 1, U("a\xff\xc3"), 3, NULL, 0, 0 }
        };

        conf_init(&c, bad8, 1);
        c.ascii = 1;
        n = render_exact(&c);
        CC_CHECK(HAS(n, "<b>a&#xFFFD;&#xFFFD;</b>"));

        c.ascii = 0;
        n = render_exact(&c);
        CC_CHECK(HAS(n, "<b>a\xff\xc3</b>"));
    }

    /* categories: operator's, with labels and purposes; caps */

    conf_init(&c, custom, 6);
    n = render_exact(&c);
    CC_CHECK(n > 0);
    CC_CHECK(HAS(n, "value=\"social\"> <b>social</b></label>"));
    CC_CHECK(HAS(n, "value=\"video\"> <b>Video &amp; &lt;embeds&gt;</b>"
                    "<span>YouTube &quot;nocookie&quot;</span></label>"));
    CC_CHECK(HAS(n, "value=\"analytics\"> <b>Statistiques</b><span>Count "));
    CC_CHECK(HAS(n, "value=\"essential\" checked disabled> "
                    "<b>essential</b> (Always on)</label>"));
    CC_CHECK_INT(count(buf, n, "type=\"checkbox\""), 5);

    for (i = 0; i < 40; i++) {
        many[i].name = U("cat");
        many[i].name_len = 3;
        many[i].label = NULL;
        many[i].label_len = 0;
        many[i].purpose = NULL;
        many[i].purpose_len = 0;
        many[i].required = 0;
    }

    conf_init(&c, many, 40);
    n = render_exact(&c);
    CC_CHECK_INT(count(buf, n, "type=\"checkbox\""),
                 CC_BANNER_MAX_CATEGORIES);

    conf_init(&c, NULL, 4);
    n = render_exact(&c);
    CC_CHECK(n > 0);
    CC_CHECK_INT(count(buf, n, "type=\"checkbox\""), 0);

    /* templates */

    conf_init(&c, cats, 2);
    c.policy_url = U("/privacy");
    c.policy_len = sizeof("/privacy") - 1;
    c.nonce = U("N0");
    c.nonce_len = 2;
    c.return_to = U("/x?a=1&b=\"");
    c.return_len = strlen((const char *) c.return_to);

    {
        static const char  tpl[] =
            "<aside lang=\"{{lang}}\"><h2>{{title}}</h2><p>{{intro}} "
            "{{policy_link}}</p><form action=\"{{endpoint}}\" method=post>"
            "<input type=hidden name=return value=\"{{return}}\">"
            "{{categories}}"
            "<button name=action value=accept_all>{{accept_all}}</button>"
            "<button name=action value=reject_all>{{reject_all}}</button>"
            "<button name=action value=save>{{settings}}</button>"
            "</form><a href=\"{{policy_url}}\">{{policy}}</a>"
            "<script src=\"{{js_url}}\" nonce=\"{{nonce}}\"></script>"
            "<link rel=stylesheet href=\"{{css_url}}\"{{nonce_attr}}>"
            "<a href=\"{{reopen_url}}\">{{reopen}}</a>"
            "{{unknown}} {{ title }} {{Title}} {{title} {{ {{{{save}}"
            "{{close}}{{save}}{{always_on}}{{categories_title}}"
            "}} {{";

        n = cc_banner_template_size(U(tpl), sizeof(tpl) - 1, &c);
        CC_CHECK(n > 0);
        CC_CHECK_INT(cc_banner_render_template(buf, sizeof(buf), U(tpl),
                                               sizeof(tpl) - 1, &c), n);
        CC_CHECK_INT(cc_banner_render_template(buf, n - 1, U(tpl),
                                               sizeof(tpl) - 1, &c), 0);
        CC_CHECK_INT(cc_banner_render_template(buf, sizeof(buf), U(tpl),
                                               sizeof(tpl) - 1, &c), n);

        CC_CHECK(HAS(n, "<aside lang=\"en\"><h2>Cookies on this site</h2>"
                        "<p>We use necessary"));
        CC_CHECK(HAS(n, " <a href=\"/privacy\">Privacy policy</a></p>"));
        CC_CHECK(HAS(n, "<form action=\"/cookie-consent\" method=post>"));
        CC_CHECK(HAS(n, "value=\"/x?a=1&amp;b=&quot;\">"));
        CC_CHECK(HAS(n, "<label><input type=\"checkbox\" name=\"category\" "
                        "value=\"necessary\" checked disabled>"));
        CC_CHECK(HAS(n, "value=\"preferences\">"));
        CC_CHECK_INT(count(buf, n, "type=\"checkbox\""), 2);
        CC_CHECK(HAS(n, "value=accept_all>Accept all</button>"));
        CC_CHECK(HAS(n, "value=reject_all>Reject all</button>"));
        CC_CHECK(HAS(n, "value=save>Settings</button>"));
        CC_CHECK(HAS(n, "<a href=\"/privacy\">Privacy policy</a><script"));
        CC_CHECK(HAS(n, "<script src=\"/cookie-consent/banner.js?v="
                        CC_ASSETS_VERSION "\" nonce=\"N0\"></script>"));
        CC_CHECK(HAS(n, "href=\"/cookie-consent/banner.css?v="
                        CC_ASSETS_VERSION "\" nonce=\"N0\">"));
        CC_CHECK(HAS(n, "<a href=\"/cookie-consent?return="
                        "/x%3Fa%3D1%26b%3D%22&amp;lang=en\">Cookie settings</a>"));

        /* unknown or malformed placeholders stay verbatim */

        CC_CHECK(HAS(n, "{{unknown}} {{ title }} {{Title}} {{title} {{ "
                        "{{Save choices"));
        CC_CHECK(HAS(n, "Close and reject allSave choicesAlways on"
                        "Cookie categories}} {{"));

        CC_CHECK_INT(cc_banner_template_check(U(tpl), sizeof(tpl) - 1, &bad,
                                              &bad_len), -1);
        CC_CHECK_STR(bad, bad_len, "{{unknown}}");
    }

    /* template edge cases */

    n = cc_banner_render_template(buf, sizeof(buf), S(""), &c);
    CC_CHECK_INT(n, 0);
    n = cc_banner_render_template(buf, sizeof(buf), NULL, 5, &c);
    CC_CHECK_INT(n, 0);
    n = cc_banner_render_template(buf, sizeof(buf), S("{"), &c);
    CC_CHECK_STR(buf, n, "{");
    n = cc_banner_render_template(buf, sizeof(buf), S("{{"), &c);
    CC_CHECK_STR(buf, n, "{{");
    n = cc_banner_render_template(buf, sizeof(buf), S("{{lang"), &c);
    CC_CHECK_STR(buf, n, "{{lang");
    n = cc_banner_render_template(buf, sizeof(buf), S("{{lang}"), &c);
    CC_CHECK_STR(buf, n, "{{lang}");
    n = cc_banner_render_template(buf, sizeof(buf), S("{{lang}}"), &c);
    CC_CHECK_STR(buf, n, "en");
    n = cc_banner_render_template(buf, sizeof(buf), S("{{{lang}}}"), &c);
    CC_CHECK_STR(buf, n, "{en}");
    n = cc_banner_render_template(buf, sizeof(buf), S("{{}}"), &c);
    CC_CHECK_STR(buf, n, "{{}}");
    n = cc_banner_render_template(buf, sizeof(buf),
            S("{{aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa}}"), &c);
    CC_CHECK_STR(buf, n, "{{aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa}}");
    n = cc_banner_render_template(buf, sizeof(buf), S("a{{nonce}}b"), &c);
    CC_CHECK_STR(buf, n, "aN0b");

    c.nonce = NULL;
    c.policy_url = NULL;
    n = cc_banner_render_template(buf, sizeof(buf),
                                  S("[{{nonce}}|{{nonce_attr}}|"
                                    "{{policy_url}}|{{policy_link}}]"), &c);
    CC_CHECK_STR(buf, n, "[|||]");

    CC_CHECK_INT(cc_banner_template_check(S("{{lang}} {{ x }} {{}} {{"),
                                          &bad, &bad_len), 0);
    CC_CHECK_INT(cc_banner_template_check(S("{{lang}}{{acept_all}}"),
                                          &bad, &bad_len), -1);
    CC_CHECK_STR(bad, bad_len, "{{acept_all}}");
    CC_CHECK_INT(cc_banner_template_check(NULL, 3, &bad, &bad_len), 0);

    /* a template cut anywhere renders within bounds */

    {
        static const char  t2[] = "x{{title}}{{categories}}{{reopen_url}}";
        unsigned char      *p;

        ok = 1;

        for (i = 0; i <= sizeof(t2) - 1; i++) {
            p = malloc(i ? i : 1);
            if (p == NULL) {
                ok = 0;
                break;
            }

            memcpy(p, t2, i);
            m = cc_banner_template_size(p, i, &c);
            n = cc_banner_render_template(buf, sizeof(buf), p, i, &c);

            if (n != m) {
                ok = 0;
            }

            free(p);
        }

        CC_CHECK(ok);
    }

    /* the placeholder of a blocked embed */

    conf_init(&c, custom, 6);
    c.lang = CC_I18N_DE;

    n = cc_banner_placeholder(buf, sizeof(buf), &c, S("video"), -1);
    CC_CHECK(n > 0);
    CC_CHECK_INT(n, cc_banner_placeholder_size(&c, S("video"), -1));
    CC_CHECK(HAS(n, "<div class=\"ccm-placeholder\" data-ccm-for=\"video\" "
                    "lang=\"de\"><p>Dieser Inhalt ist blockiert"));
    CC_CHECK(HAS(n, " <b>Video &amp; &lt;embeds&gt;</b></p>"));
    CC_CHECK(HAS(n, "<a class=\"ccm-btn\" href=\"/cookie-consent?return="
                    "/page&amp;lang=de\" data-ccm-allow=\"video\">Erlauben</a></div>"));
    CC_CHECK_INT(cc_banner_placeholder(buf, n - 1, &c, S("video"), -1), 0);

    n = cc_banner_placeholder(buf, sizeof(buf), &c, S("marketing"), -1);
    CC_CHECK(HAS(n, "<b>Marketing</b>"));
    n = cc_banner_placeholder(buf, sizeof(buf), &c, S("preferences"), -1);
    CC_CHECK(HAS(n, "<b>Präferenzen</b>"));
    n = cc_banner_placeholder(buf, sizeof(buf), &c, S("x\"y"), -1);
    CC_CHECK(HAS(n, "data-ccm-for=\"x&quot;y\""));
    CC_CHECK(HAS(n, "<b>x&quot;y</b>"));
    n = cc_banner_placeholder(buf, sizeof(buf), &c, NULL, 4, -1);
    CC_CHECK(n > 0);
    CC_CHECK(HAS(n, "data-ccm-for=\"\""));

    /* rendered once without the return path, then filled: the same */
    {
        static const char  *ret[] = { "/page", "/a?b=<c>&d=\"e\"", "" };

        ok = 1;

        for (lang = 0; lang < CC_I18N_NLANGS; lang++) {
            for (i = 0; i < 6; i++) {
                c.lang = lang;
                c.ascii = (int) (i & 1);
                c.return_to = U(ret[i / 2]);
                c.return_len = strlen(ret[i / 2]);

                if (!placeholder_same(&c, S("video"), -1)
                    || !placeholder_same(&c, S("x\"y"), -1))
                {
                    ok = 0;
                }
            }
        }

        CC_CHECK(ok);
        conf_init(&c, custom, 6);
        c.lang = CC_I18N_DE;
    }

    /* an embed of a service: named too, "Allow" grants the service */
    {
        cc_banner_service_t  yt[1];

        memset(yt, 0, sizeof(yt));
        yt[0].name = U("youtube");
        yt[0].name_len = 7;
        yt[0].label = U("You<Tube>");
        yt[0].label_len = 9;
        yt[0].category = 3;
        c.services = yt;
        c.nservices = 1;

        n = cc_banner_placeholder(buf, sizeof(buf), &c, S("marketing"), 0);
        CC_CHECK_INT(n, cc_banner_placeholder_size(&c, S("marketing"), 0));
        CC_CHECK(placeholder_same(&c, S("marketing"), 0));
        CC_CHECK(HAS(n, "data-ccm-for=\"marketing\""));
        CC_CHECK(HAS(n, "<b>Marketing</b> (You&lt;Tube&gt;)</p>"));
        CC_CHECK(HAS(n, "data-ccm-allow=\"youtube\">Erlauben</a>"));

        /* an index out of range: the category's */
        n = cc_banner_placeholder(buf, sizeof(buf), &c, S("marketing"), 1);
        CC_CHECK(HAS(n, "<b>Marketing</b></p>"));
        CC_CHECK(HAS(n, "data-ccm-allow=\"marketing\""));

        c.services = NULL;
        c.nservices = 0;
    }

    /* the endpoint's preferences page */

    conf_init(&c, cats, 4);
    c.policy_url = U("/privacy");
    c.policy_len = sizeof("/privacy") - 1;

    n = render_page_exact(&c);
    CC_CHECK(n > 0);
    CC_CHECK_INT(n, cc_banner_page_size(&c));
    CC_CHECK(memcmp(buf, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
                         "<meta charset=\"utf-8\">\n", 52) == 0);
    CC_CHECK(HAS(n, "<meta name=\"robots\" content=\"noindex\">"));
    CC_CHECK(HAS(n, "<title>Cookie settings</title>"));
    CC_CHECK(HAS(n, "<link rel=\"stylesheet\" "
                    "href=\"/cookie-consent/banner.css?v="
                    CC_ASSETS_VERSION "\">\n<link rel=\"stylesheet\" "
                    "href=\"/cookie-consent/pages.css?v="
                    CC_ASSETS_VERSION "\">\n</head>"));
    CC_CHECK(HAS(n, "<main id=\"ccm-page\" class=\"ccm ccm-page\">"));
    CC_CHECK(HAS(n, "<form class=\"ccm-form\" method=\"post\" "
                    "action=\"/cookie-consent\">"));
    CC_CHECK(HAS(n, "<input type=\"hidden\" name=\"return\" "
                    "value=\"/page\">"));
    CC_CHECK(HAS(n, "<h1 class=\"ccm-title\">Cookie settings</h1>"));
    CC_CHECK(HAS(n, "<p>You have not made a choice yet: only necessary "
                    "cookies are used. <a href=\"/privacy\">Privacy "
                    "policy</a></p>"));
    CC_CHECK(HAS(n, "<legend>Cookie categories</legend>"));
    CC_CHECK(HAS(n, "<div class=\"ccm-btns\"><button type=\"submit\" "
                    "name=\"action\" value=\"accept_all\" class=\"ccm-btn\">"
                    "Accept all</button><button type=\"submit\" "
                    "name=\"action\" value=\"reject_all\" class=\"ccm-btn\">"
                    "Reject all</button><button type=\"submit\" "
                    "name=\"action\" value=\"save\" class=\"ccm-btn\">"
                    "Save choices</button></div>"));
    CC_CHECK(HAS(n, "</main>\n</body>\n</html>\n"));
    CC_CHECK_INT(count(buf, n, " checked"), 1);
    CC_CHECK_INT(count(buf, n, "<script"), 0);
    CC_CHECK_INT(count(buf, n, "style="), 0);
    CC_CHECK_INT(count(buf, n, "<style"), 0);
    CC_CHECK_INT(count(buf, n, "ccm-banner"), 0);
    CC_CHECK_INT(count(buf, n, "ccm-x"), 0);
    CC_CHECK_INT(cc_banner_page(buf, n - 1, &c), 0);
    CC_CHECK_INT(cc_banner_page(NULL, 100000, &c), 0);

    /* decided: the granted categories ticked */

    c.decided = 1;
    c.granted = (1UL << 0) | (1UL << 2);

    n = render_page_exact(&c);
    CC_CHECK(HAS(n, "<p>Your choice is saved."));
    CC_CHECK(HAS(n, "value=\"necessary\" checked disabled>"));
    CC_CHECK(HAS(n, "value=\"preferences\"> "));
    CC_CHECK(HAS(n, "value=\"analytics\" checked> <b>Analytics</b>"));
    CC_CHECK(HAS(n, "value=\"marketing\"> "));
    CC_CHECK_INT(count(buf, n, " checked"), 2);

    /* bits past the categories and a nonce */

    c.granted = ~0UL;
    c.nonce = U("n\"1");
    c.nonce_len = 3;
    c.policy_url = NULL;

    n = render_page_exact(&c);
    CC_CHECK_INT(count(buf, n, " checked"), 4);
    CC_CHECK_INT(count(buf, n, "type=\"checkbox\""), 4);
    CC_CHECK(HAS(n, "\" nonce=\"n&quot;1\">\n<link rel=\"stylesheet\" "));

    /* no policy link: the only link is the way back */

    CC_CHECK_INT(count(buf, n, "<a "), 1);
    CC_CHECK(HAS(n, "</form>\n<p class=\"ccm-back\"><a href=\""));
    CC_CHECK(HAS(n, "\">Back to the site</a></p>\n</main>"));

    /* the site's stylesheet after ours */

    c.page_css = U("/css/site.css?v=\"2");
    c.page_css_len = strlen((const char *) c.page_css);
    n = render_page_exact(&c);
    CC_CHECK(HAS(n, "\">\n<link rel=\"stylesheet\" "
                    "href=\"/css/site.css?v=&quot;2\">\n</head>"));
    c.page_css = NULL;
    c.page_css_len = 0;

    /* granted ticks in the banner too (its glue leaves it 0) */

    c.granted = 1UL << 3;
    n = render_exact(&c);
    CC_CHECK(HAS(n, "value=\"marketing\" checked> "));

    /* languages; escaped endpoint and return path */

    conf_init(&c, cats, 4);
    c.lang = CC_I18N_NL;
    n = render_page_exact(&c);
    CC_CHECK(HAS(n, "<html lang=\"nl\">"));
    CC_CHECK(HAS(n, "<title>Cookie-instellingen</title>"));
    CC_CHECK(HAS(n, ">Alles accepteren</button>"));
    CC_CHECK(HAS(n, ">Keuze opslaan</button>"));
    CC_CHECK(HAS(n, cc_i18n_text(CC_I18N_NL, CC_I18N_UNDECIDED)));

    c.lang = CC_I18N_FR;
    c.decided = 1;
    n = render_page_exact(&c);
    CC_CHECK(HAS(n, "<html lang=\"fr\">"));
    CC_CHECK(HAS(n, ">Tout refuser</button>"));
    CC_CHECK(HAS(n, cc_i18n_text(CC_I18N_FR, CC_I18N_SAVED)));

    ok = 1;

    for (lang = 0; lang < CC_I18N_NLANGS; lang++) {
        c.lang = lang;
        n = render_page_exact(&c);

        if (n == 0 || !HAS(n, cc_i18n_text(lang, CC_I18N_REOPEN))
            || !HAS(n, cc_i18n_text(lang, CC_I18N_SAVE))
            || !HAS(n, cc_i18n_text(lang, CC_I18N_SAVED)))
        {
            ok = 0;
        }
    }

    CC_CHECK(ok);

    conf_init(&c, cats, 4);
    c.endpoint = U("/de/\"cc");
    c.endpoint_len = strlen((const char *) c.endpoint);
    c.return_to = U("/a?b=1&c=<x>");
    c.return_len = strlen((const char *) c.return_to);

    n = render_page_exact(&c);
    CC_CHECK(HAS(n, "action=\"/de/&quot;cc\">"));
    CC_CHECK(HAS(n, "href=\"/de/&quot;cc/banner.css?v="));
    CC_CHECK(HAS(n, "value=\"/a?b=1&amp;c=&lt;x&gt;\">"));
    CC_CHECK_INT(count(buf, n, "<x>"), 0);

    c.endpoint = NULL;
    c.return_to = NULL;
    c.categories = NULL;
    n = render_page_exact(&c);
    CC_CHECK(n > 0);
    CC_CHECK(HAS(n, "action=\"/cookie-consent\">"));
    CC_CHECK(HAS(n, "name=\"return\" value=\"/\">"));
    CC_CHECK_INT(count(buf, n, "type=\"checkbox\""), 0);

    /* skeletons: every language, mode, charset, return path and nonce */

    {
        int                   mode, ascii, k, j;
        static const char    *rets[] = { NULL, "/", "/a?b=1&c=<x>\"'",
                                         "/caf\xc3\xa9/\xe2\x82\xac?q= y",
                                         "/%2F/x#frag" };
        static const char    *nonces[] = { NULL, "abc123", "a\"b<c>&" };
        static const char     tpl[] =
            "<div lang=\"{{lang}}\">{{title}} <a href=\"{{reopen_url}}\">"
            "{{reopen}}</a><form action=\"{{endpoint}}\"><input "
            "name=\"return\" value=\"{{return}}\">{{categories}}</form>"
            "<script{{nonce_attr}} src=\"{{js_url}}\"></script>"
            "<style nonce=\"{{nonce}}\"></style>{{policy_link}}"
            "{{return}}{{revision_message}}{{gpc_notice}}{{unknown}}</div>";

        ok = 1;

        for (lang = 0; lang < CC_I18N_NLANGS; lang++) {
            for (mode = 0; mode < 2; mode++) {
                for (ascii = 0; ascii < 2; ascii++) {
                    for (k = 0; k < 5; k++) {
                        for (j = 0; j < 3; j++) {
                            conf_init(&c, custom, 6);
                            c.lang = lang;
                            c.mode = mode;
                            c.ascii = ascii;
                            c.policy_url = U("/privacy?x=1&y=2");
                            c.policy_len = 16;
                            c.return_to = U(rets[k]);
                            c.return_len = rets[k] ? strlen(rets[k]) : 0;
                            c.nonce = U(nonces[j]);
                            c.nonce_len = nonces[j] ? strlen(nonces[j]) : 0;

                            if (k & 1) {
                                c.revised = U("Our policy <changed> & more");
                                c.revised_len = 27;
                            }

                            c.gpc = (j + k) & 1;
                            c.layout = k % 3;
                            c.wall = (k == 2 && j == 1);
                            c.theme = j & 1;
                            c.reopen_right = k & 1;

                            if (!skeleton_same(&c, NULL, 0)
                                || !skeleton_same(&c, S(tpl)))
                            {
                                ok = 0;
                            }
                        }
                    }
                }
            }
        }

        CC_CHECK(ok);

        /* the revision message: its own paragraph, escaped, first layer */

        conf_init(&c, cats, 4);
        c.revised = U("Policy <b>updated</b> & \"more\"");
        c.revised_len = strlen((const char *) c.revised);
        n = render_exact(&c);
        CC_CHECK(HAS(n, "<p class=\"ccm-revised\">Policy &lt;b&gt;updated"
                        "&lt;/b&gt; &amp; &quot;more&quot;</p>\n"
                        "<fieldset"));
        c.mode = CC_BANNER_REOPEN;
        n = render_exact(&c);
        CC_CHECK(!HAS(n, "ccm-revised"));
        c.mode = CC_BANNER_FIRST;
        c.revised = NULL;
        n = render_exact(&c);
        CC_CHECK(!HAS(n, "ccm-revised"));

        /* Sec-GPC honoured: a paragraph of the first layer and the page */

        CC_CHECK(!HAS(n, "ccm-gpc"));
        c.gpc = 1;
        n = render_exact(&c);
        CC_CHECK(HAS(n, "<p class=\"ccm-gpc\">Your browser sends a Global "
                        "Privacy Control signal."));
        CC_CHECK(HAS(n, "</p>\n<fieldset"));
        c.mode = CC_BANNER_REOPEN;
        n = render_exact(&c);
        CC_CHECK(!HAS(n, "ccm-gpc"));

        n = render_page_exact(&c);
        CC_CHECK(HAS(n, "<p class=\"ccm-gpc\">Your browser sends"));
        CC_CHECK(!HAS(n, "name=\"gpc\""));
        CC_CHECK(HAS(n, ">Accept all</button>"));

        c.gpc_confirm = 1;
        n = render_page_exact(&c);
        CC_CHECK(HAS(n, "<input type=\"hidden\" name=\"gpc\" "
                        "value=\"confirm\">"));
        CC_CHECK(HAS(n, "<p class=\"ccm-gpc\" role=\"alert\">You chose "
                        "Accept all"));
        CC_CHECK(!HAS(n, "Your browser sends"));
        CC_CHECK(HAS(n, "value=\"accept_all\" class=\"ccm-btn\">Yes, "
                        "accept all</button>"));
        CC_CHECK(!HAS(n, ">Accept all</button>"));

        /* in every language, with texts of their own */

        ok = 1;

        for (lang = 0; lang < CC_I18N_NLANGS; lang++) {
            if (cc_i18n_text(lang, CC_I18N_GPC)[0] == '\0'
                || cc_i18n_text(lang, CC_I18N_GPC_CONFIRM)[0] == '\0'
                || cc_i18n_text(lang, CC_I18N_GPC_ACCEPT)[0] == '\0'
                || (lang != CC_I18N_EN
                    && (strcmp(cc_i18n_text(lang, CC_I18N_GPC),
                               cc_i18n_text(CC_I18N_EN, CC_I18N_GPC)) == 0
                        || strcmp(cc_i18n_text(lang, CC_I18N_GPC_ACCEPT),
                                  cc_i18n_text(CC_I18N_EN,
                                               CC_I18N_GPC_ACCEPT)) == 0)))
            {
                ok = 0;
            }
        }

        CC_CHECK(ok);

        c.gpc = 0;
        c.gpc_confirm = 0;
        c.mode = CC_BANNER_FIRST;

        /* layouts and themes: classes, a wall is a modal dialog */

        n = render_exact(&c);
        CC_CHECK(HAS(n, "<div id=\"ccm-banner\" class=\"ccm\" "
                        "role=\"region\" aria-labelledby"));
        c.layout = CC_BANNER_BOX;
        c.theme = CC_BANNER_THEME_LIGHT;
        n = render_exact(&c);
        CC_CHECK(HAS(n, "class=\"ccm ccm-box ccm-light\" role=\"region\""));
        c.layout = CC_BANNER_MODAL;
        c.theme = CC_BANNER_THEME_AUTO;
        n = render_exact(&c);
        CC_CHECK(HAS(n, "class=\"ccm ccm-modal\" role=\"region\""));
        c.wall = 1;
        n = render_exact(&c);
        CC_CHECK(HAS(n, "class=\"ccm ccm-wall\" role=\"dialog\" "
                        "aria-modal=\"true\" tabindex=\"-1\" "
                        "aria-labelledby=\"ccm-title\""));
        c.mode = CC_BANNER_REOPEN;
        c.reopen_right = 1;
        c.theme = CC_BANNER_THEME_LIGHT;
        n = render_exact(&c);
        CC_CHECK(HAS(n, "<a id=\"ccm-reopen\" class=\"ccm-reopen ccm-right "
                        "ccm-light\" href="));
        n = render_page_exact(&c);
        CC_CHECK(HAS(n, "<meta name=\"color-scheme\" content=\"light\">"));
        CC_CHECK(HAS(n, "class=\"ccm ccm-page ccm-light\""));
        c.layout = CC_BANNER_BAR;
        c.wall = 0;
        c.theme = CC_BANNER_THEME_AUTO;
        c.reopen_right = 0;
        c.mode = CC_BANNER_FIRST;

        /* a template with more holes than a skeleton holds: none */

        {
            unsigned char     big[40 * 11];
            size_t            nh;
            cc_banner_hole_t  holes[CC_BANNER_MAX_HOLES];

            for (i = 0; i < 40; i++) {
                memcpy(big + i * 11, "{{return}} ", 11);
            }

            conf_init(&c, cats, 4);
            CC_CHECK_INT(cc_banner_skeleton(NULL, 0, &c, big, sizeof(big),
                                            holes, &nh), 0);
            CC_CHECK(cc_banner_skeleton(NULL, 0, &c, big,
                                        11 * CC_BANNER_MAX_HOLES, holes, &nh)
                     > 0);
            CC_CHECK_INT(nh, CC_BANNER_MAX_HOLES);
        }
    }

    /* the cookie declaration: exact sizes, escaping, lifetimes, dates */

    {
        size_t                  dn, dr;
        unsigned char          *dp;
        cc_banner_decl_t        rows[5];

        memset(rows, 0, sizeof(rows));
        rows[0].category = 2;
        rows[0].name = U("_ga");
        rows[0].name_len = 3;
        rows[0].vendor = U("Google <Analytics>");
        rows[0].vendor_len = 18;
        rows[0].lifetime = 63072000;
        rows[0].last = 1764892800;              /* 2025-12-05 */
        rows[1].category = 0;
        rows[1].name = U("SID");
        rows[1].name_len = 3;
        rows[1].lifetime = CC_BANNER_DECL_SESSION;
        rows[1].last = 951782400;               /* 2000-02-29 */
        rows[2].category = 1;
        rows[2].name = U("pre_*");
        rows[2].name_len = 5;
        rows[2].lifetime = CC_BANNER_DECL_UNKNOWN;
        rows[3].category = -1;
        rows[3].name = U("x\"<y>");
        rows[3].name_len = 5;
        rows[3].lifetime = 60;
        rows[3].last = 1;
        rows[4].category = 1;
        rows[4].name = U("d");
        rows[4].name_len = 1;
        rows[4].lifetime = 86401;

        conf_init(&c, cats, 4);

        for (i = 0; i < 2; i++) {
            dn = cc_banner_declaration_size(&c, rows, 5, (int) i);
            dp = malloc(dn);
            CC_CHECK(dp != NULL);
            dr = cc_banner_declaration(dp, dn, &c, rows, 5, (int) i);
            CC_CHECK_INT(dr, dn);
            CC_CHECK_INT(cc_banner_declaration(dp, dn - 1, &c, rows, 5,
                                               (int) i), 0);
            memcpy(buf, dp, dn < sizeof(buf) ? dn : sizeof(buf));
            free(dp);
            n = dr;

            CC_CHECK(HAS(n, "<tr><td><code>_ga</code></td><td>Google "
                            "&lt;Analytics&gt;</td><td>730</td><td>"
                            "2025-12-05</td></tr>"));
            CC_CHECK(HAS(n, "<code>SID</code></td><td>&mdash;</td><td>"
                            "Session</td><td>2000-02-29</td>"));
            CC_CHECK(HAS(n, "<code>pre_*</code></td><td>&mdash;</td><td>"
                            "&mdash;</td><td>&mdash;</td>"));
            CC_CHECK(HAS(n, "<h2>Not classified</h2>\n<table"));
            CC_CHECK(HAS(n, "<code>x&quot;&lt;y&gt;</code></td><td>&mdash;"
                            "</td><td>&lt; 1</td><td>1970-01-01</td>"));
            CC_CHECK(HAS(n, "<code>d</code></td><td>&mdash;</td><td>2"
                            "</td>"));
            CC_CHECK(HAS(n, "<h2>Marketing</h2>\n<p>"));
            CC_CHECK(HAS(n, "</p>\n<p>None.</p>"));
            CC_CHECK_INT(count(buf, n, "<y>"), 0);
            CC_CHECK(i ? HAS(n, "<div class=\"ccm ccm-page ccm-decl\" "
                                "lang=\"en\">")
                       : HAS(n, "<title>Cookie declaration</title>"));
        }

        /* nothing unclassified: no such heading */

        n = cc_banner_declaration(buf, sizeof(buf), &c, rows, 3, 0);
        CC_CHECK(n > 0);
        CC_CHECK(!HAS(n, "Not classified"));
    }

    /*
     * the preferences page: under each category with cookies, its list,
     * folded; categories without any and the unclassified names get none
     */

    {
        cc_banner_decl_t  rows[3];

        memset(rows, 0, sizeof(rows));
        rows[0].category = 2;
        rows[0].name = U("_ga");
        rows[0].name_len = 3;
        rows[0].vendor = U("Google Analytics");
        rows[0].vendor_len = 16;
        rows[0].lifetime = 63072000;
        rows[1].category = 2;
        rows[1].name = U("_gid");
        rows[1].name_len = 4;
        rows[1].lifetime = CC_BANNER_DECL_SESSION;
        rows[2].category = -1;
        rows[2].name = U("zz_unknown");
        rows[2].name_len = 10;

        conf_init(&c, cats, 4);
        c.decl = rows;
        c.ndecl = 3;

        n = render_page_exact(&c);
        CC_CHECK(n > 0);
        CC_CHECK_INT(count(buf, n, "<details"), 1);
        CC_CHECK(HAS(n, "</span></label>\n<details class=\"ccm-cookies\" "
                        "data-ccm-cat=\"analytics\"><summary>Cookies used "
                        "(2)</summary>\n<table class=\"ccm-table\">"));
        CC_CHECK(HAS(n, "<code>_ga</code></td><td>Google Analytics</td>"
                        "<td>730</td>"));
        CC_CHECK(HAS(n, "<code>_gid</code></td><td>&mdash;</td><td>"
                        "Session</td>"));
        CC_CHECK(!HAS(n, "zz_unknown"));

        c.lang = cc_i18n_lang(U("de"), 2);
        n = render_page_exact(&c);
        CC_CHECK(HAS(n, "<summary>Verwendete Cookies (2)</summary>"));

        /* without rows (and in the banner, which never has them): none */

        c.decl = NULL;
        c.ndecl = 0;
        n = render_page_exact(&c);
        CC_CHECK(n > 0);
        CC_CHECK(!HAS(n, "<details"));

        /*
         * services: a box each under its category's, ticked when granted
         * one by one or with the category; a declaration row of one shows
         * its label as the provider
         */

        {
            cc_banner_service_t  svcs[3];

            memset(svcs, 0, sizeof(svcs));
            svcs[0].name = U("ga4");
            svcs[0].name_len = 3;
            svcs[0].label = U("Google <Analytics>");
            svcs[0].label_len = 18;
            svcs[0].category = 2;
            svcs[1].name = U("matomo");
            svcs[1].name_len = 6;
            svcs[1].category = 2;
            svcs[2].name = U("meta");
            svcs[2].name_len = 4;
            svcs[2].category = 3;

            c.lang = CC_I18N_EN;
            c.services = svcs;
            c.nservices = 3;
            c.granted = 0;
            c.granted_services = 0x2;
            n = render_page_exact(&c);
            CC_CHECK(n > 0);
            CC_CHECK_INT(count(buf, n, "name=\"service\""), 3);
            CC_CHECK(HAS(n, "</label>\n<div class=\"ccm-svcs\">\n"
                            "<label><input type=\"checkbox\" "
                            "name=\"service\" value=\"ga4\"> Google "
                            "&lt;Analytics&gt;</label>\n<label><input "
                            "type=\"checkbox\" name=\"service\" "
                            "value=\"matomo\" checked> matomo</label>\n"
                            "</div>\n"));
            CC_CHECK(HAS(n, "value=\"meta\"> meta</label>\n</div>\n"));

            /* marketing granted: meta ticked */
            c.granted = 0x9;
            n = render_page_exact(&c);
            CC_CHECK(HAS(n, "value=\"meta\" checked> meta</label>"));
            CC_CHECK(HAS(n, "value=\"ga4\"> Google"));

            /* the banner has them too, unticked */
            c.granted = 0;
            c.granted_services = 0;
            n = render_exact(&c);
            CC_CHECK(n > 0);
            CC_CHECK_INT(count(buf, n, "name=\"service\""), 3);
            CC_CHECK(!HAS(n, " checked>"));

            /* a declaration row of a service */
            rows[0].service = 0;
            rows[1].service = -1;
            c.decl = rows;
            c.ndecl = 3;
            n = render_page_exact(&c);
            CC_CHECK(HAS(n, "<code>_ga</code></td><td>Google "
                            "&lt;Analytics&gt;</td>"));
            CC_CHECK(HAS(n, "<code>_gid</code></td><td>&mdash;</td>"));

            /* the declaration names each category's services */
            n = cc_banner_declaration(buf, sizeof(buf), &c, rows, 3, 1);
            CC_CHECK(n > 0);
            CC_CHECK_INT(n, cc_banner_declaration_size(&c, rows, 3, 1));
            CC_CHECK(HAS(n, "</table>\n<p class=\"ccm-third\">Third-party "
                            "services: Google &lt;Analytics&gt;, matomo</p>\n"
                            "<h2>Marketing</h2>"));
            CC_CHECK(HAS(n, "<p class=\"ccm-third\">Third-party services: "
                            "meta</p>\n"));
            CC_CHECK_INT(count(buf, n, "ccm-third"), 2);
        }
    }

    return cc_test_done(argv[0]);
}
