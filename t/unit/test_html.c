/*
 * Unit tests of the streaming HTML rewriter (src/cc_html.c): realistic
 * pages, exact output for denied and granted consent, and identical
 * output whatever the chunk boundaries.
 */

#include <stdlib.h>

#include "cc_html.h"
#include "cc_util.h"
#include "cc_test.h"


#define OUT_MAX  65536

#define AN  0x02U
#define MK  0x08U
#define ALL 0x1fU


typedef struct {
    unsigned char         out[OUT_MAX];
    size_t                len;
    unsigned              calls;
    unsigned              bad;        /* from_input outside the chunk */
    const unsigned char  *chunk;
    size_t                chunk_len;
} test_out_t;


static const char  *test_categories[] = {
    "necessary", "analytics", "preferences", "marketing", "social"
};

/* services of marketing (3): meta 0, tiktok 1 */
static const char  *test_services[] = { "meta", "tiktok" };
static uint64_t     test_services_granted;


static int
test_match(void *data, const unsigned char *url, size_t len)
{
    char  buf[512];

    (void) data;

    if (len >= sizeof(buf)) {
        return -1;
    }

    memcpy(buf, url, len);
    buf[len] = '\0';

    if (strstr(buf, "googletagmanager.com") != NULL
        || strstr(buf, "google-analytics.com") != NULL)
    {
        return 1;
    }

    if (strstr(buf, "facebook.com/tr") != NULL
        || strstr(buf, "connect.facebook.net") != NULL)
    {
        return 3;
    }

    if (strstr(buf, "youtube.com") != NULL) {
        return 4;
    }

    if (strstr(buf, "tiktok.com") != NULL) {
        return CC_CLASS(3, 1);
    }

    return -1;
}


static int
test_emit(void *ctx, const unsigned char *p, size_t len, int from_input)
{
    test_out_t  *o = ctx;

    if (from_input
        && (p < o->chunk || p + len > o->chunk + o->chunk_len))
    {
        o->bad++;
    }

    if (len == 0) {
        o->bad++;
    }

    if (o->len + len > OUT_MAX) {
        return -1;
    }

    memcpy(o->out + o->len, p, len);
    o->len += len;
    o->calls++;

    return 0;
}


static cc_html_t    *test_html;
static const char  *test_gcm;
static int          test_with_insert;
static int          test_at_end;

/* another matcher and its data (test_memo()); NULL: test_match */
static int        (*test_match_fn)(void *data, const unsigned char *url,
                                   size_t len);
static void        *test_data;

/* the same categories under other names (test_memo()) */
static int          test_other_categories;
static const char  *test_categories_other[] = {
    "necessary", "statistics", "preferences", "marketing", "social"
};


/* the banner names the page's language; placeholders their category */
static int
test_insert(void *data, int what, int category, const unsigned char **p,
    size_t *len)
{
    size_t                 n;
    const unsigned char   *lang;
    const cc_html_conf_t  *conf = data;
    static char            buf[128];

    if (what == CC_HTML_INSERT_BANNER) {
        lang = cc_html_lang(test_html, &n);
        snprintf(buf, sizeof(buf), "[banner %.*s]", lang ? (int) n : 1,
                 lang ? (const char *) lang : "-");

    } else {
        snprintf(buf, sizeof(buf), "[blocked %s]",
                 conf->categories[category]);
    }

    *p = (const unsigned char *) buf;
    *len = strlen(buf);

    return 0;
}


static unsigned long  test_seed = 12345;


static size_t
test_rand(size_t n)
{
    test_seed = test_seed * 1103515245UL + 12345UL;

    return (size_t) ((test_seed >> 16) % n);
}


/* chunk 0: one piece; > 0: fixed size; (size_t) -1: random splits */
static int
test_run(test_out_t *o, const char *in, uint32_t granted, const char *banner,
    size_t chunk)
{
    int              rc;
    size_t           len, off, n;
    cc_html_t       *h;
    cc_html_conf_t   conf;

    memset(&conf, 0, sizeof(cc_html_conf_t));
    conf.granted = granted;
    conf.categories = test_other_categories ? test_categories_other
                                            : test_categories;
    conf.ncategories = 5;
    conf.services = test_services;
    conf.nservices = 2;
    conf.services_granted = test_services_granted;
    conf.match_url = test_match_fn ? test_match_fn : test_match;
    conf.data = test_data;
    conf.banner = (const unsigned char *) banner;
    conf.banner_len = banner ? strlen(banner) : 0;
    conf.gcm = (const unsigned char *) test_gcm;
    conf.gcm_len = test_gcm ? strlen(test_gcm) : 0;

    if (test_with_insert) {
        conf.insert = test_insert;
        conf.insert_data = &conf;
    }

    conf.at_end = test_at_end;

    h = malloc(cc_html_state_size());
    if (h == NULL) {
        return -1;
    }

    cc_html_init(h, &conf);
    test_html = h;

    memset(o, 0, offsetof(test_out_t, len));
    o->len = 0;
    o->calls = 0;
    o->bad = 0;

    len = strlen(in);
    off = 0;
    rc = 0;

    do {
        if (chunk == 0) {
            n = len;

        } else if (chunk == (size_t) -1) {
            n = test_rand(4) == 0 ? test_rand(3) : test_rand(40) + 1;

        } else {
            n = chunk;
        }

        if (n > len - off) {
            n = len - off;
        }

        o->chunk = (const unsigned char *) in + off;
        o->chunk_len = n;

        rc = cc_html_feed(h, o->chunk, n, off + n == len, test_emit, o);
        off += n;

    } while (rc == 0 && off < len);

    if (rc == 0 && len == 0) {
        o->chunk = NULL;
        rc = cc_html_feed(h, NULL, 0, 1, test_emit, o);
    }

    free(h);

    return rc;
}


static test_out_t  test_a, test_b;


/* exact output in one piece, then the same for every way of splitting */
static void
test_page(const char *in, uint32_t granted, const char *banner,
    const char *expect)
{
    int            i;
    size_t         k;
    static size_t  sizes[] = { 1, 2, 3, 7, 64, 4096 };

    CC_CHECK_INT(test_run(&test_a, in, granted, banner, 0), 0);
    CC_CHECK_STR(test_a.out, test_a.len, expect);
    CC_CHECK_INT(test_a.bad, 0);

    for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
        CC_CHECK_INT(test_run(&test_b, in, granted, banner, sizes[k]), 0);
        CC_CHECK_STR(test_b.out, test_b.len, expect);
        CC_CHECK_INT(test_b.bad, 0);
    }

    for (i = 0; i < 50; i++) {
        CC_CHECK_INT(test_run(&test_b, in, granted, banner, (size_t) -1),
                     0);
        CC_CHECK(test_b.len == test_a.len
                 && memcmp(test_b.out, test_a.out, test_a.len) == 0);
        CC_CHECK_INT(test_b.bad, 0);
    }
}


#define BANNER  "<div id=\"cc-banner\">Cookies?</div>"


/* GA4 */

#define GA_HEAD                                                              \
    "<!DOCTYPE html>\n<html lang=\"en\"><head><title>Shop</title>\n"
#define GA_INLINE                                                            \
    "  window.dataLayer = window.dataLayer || [];\n"                         \
    "  function gtag(){dataLayer.push(arguments);}\n"                        \
    "  if (1 < 2) gtag('js', new Date());\n"                                 \
    "  gtag('config', 'G-XXXX');\n"                                          \
    "</script>\n</head>\n<body class=\"home\">"
#define GA_SNIPPET  "<script>\n" GA_INLINE
#define GA_SNIPPET_DENIED                                                    \
    "<script type=\"text/plain\" data-category=\"analytics\">\n" GA_INLINE
#define GA_TAIL  "\n<h1>Hello</h1>\n</body></html>\n"

static const char  page_ga[] =
    GA_HEAD
    "<script async "
    "src=\"https://www.googletagmanager.com/gtag/js?id=G-XXXX\"></script>\n"
    GA_SNIPPET GA_TAIL;

static const char  page_ga_denied[] =
    GA_HEAD
    "<script type=\"text/plain\" data-category=\"analytics\" async "
    "data-src=\"https://www.googletagmanager.com/gtag/js?id=G-XXXX\">"
    "</script>\n"
    GA_SNIPPET_DENIED BANNER GA_TAIL;

static const char  page_ga_granted[] =
    GA_HEAD
    "<script async "
    "src=\"https://www.googletagmanager.com/gtag/js?id=G-XXXX\"></script>\n"
    GA_SNIPPET BANNER GA_TAIL;


/* Meta pixel */

#define FB_HEAD                                                              \
    "<html><body>\n"                                                         \
    "<script>!function(f,b,e,v){if(f.fbq)return;/* a<b>c */}"                \
    "(window, document,'script');\nfbq('init', '1');</script>\n"             \
    "<noscript>"

#define FB_TAIL  "</noscript>\n</body></html>"

static const char  page_fb[] =
    FB_HEAD
    "<img height=\"1\" width=\"1\" style=\"display:none\"\n"
    "src=\"https://www.facebook.com/tr?id=1&ev=PageView\"/>"
    FB_TAIL;

static const char  page_fb_denied[] =
    "<html><body>" BANNER "\n"
    "<script type=\"text/plain\" data-category=\"marketing\">"
    "!function(f,b,e,v){if(f.fbq)return;/* a<b>c */}"
    "(window, document,'script');\nfbq('init', '1');</script>\n"
    "<noscript>"
    "<img data-category=\"marketing\" height=\"1\" width=\"1\" "
    "style=\"display:none\"\n"
    "data-src=\"https://www.facebook.com/tr?id=1&ev=PageView\"/>"
    FB_TAIL;


/* uppercase, unquoted, '>' in quoted values, YouTube, JSON-LD */

#define YT_LD                                                                \
    "<script type=\"application/ld+json\">{\"@context\":"                    \
    "\"https://schema.org\",\"x\":\"</scripts>\"}</script>\n"
#define YT_CSS                                                               \
    "<link rel=\"stylesheet\" href=\"https://www.youtube.com/s.css\">\n"
#define YT_CSS_DENIED                                                        \
    "<link data-category=\"social\" rel=\"stylesheet\" "                     \
    "data-href=\"https://www.youtube.com/s.css\">\n"

#define YT_TAIL                                                              \
    "\n<img src=\"/logo.png\" alt='x > y'>\n</BODY></HTML>"

static const char  page_yt[] =
    "<HTML><HEAD>\n"
    "<LINK REL=preconnect HREF=https://www.youtube.com>\n"
    YT_CSS YT_LD
    "<SCRIPT TYPE=\"text/javascript\" "
    "SRC=\"https://www.googletagmanager.com/gtm.js?id=GTM-1\"></SCRIPT >\n"
    "</HEAD><BODY>\n"
    "<iframe width=\"560\" src=\"https://www.youtube.com/embed/abc\" "
    "title=\"a > b\" allowfullscreen><img src=x></iframe>"
    YT_TAIL;

static const char  page_yt_denied[] =
    "<HTML><HEAD>\n"
    "<LINK data-category=\"social\" REL=preconnect "
    "data-HREF=https://www.youtube.com>\n"
    YT_CSS_DENIED YT_LD
    "<SCRIPT type=\"text/plain\" data-category=\"analytics\" "
    "data-TYPE=\"text/javascript\" "
    "data-SRC=\"https://www.googletagmanager.com/gtm.js?id=GTM-1\">"
    "</SCRIPT >\n"
    "</HEAD><BODY>" BANNER "\n"
    "<iframe data-category=\"social\" width=\"560\" "
    "data-src=\"https://www.youtube.com/embed/abc\" "
    "title=\"a > b\" allowfullscreen><img src=x></iframe>"
    YT_TAIL;


/* comments, bogus comments, RCDATA, raw text, author-marked elements */

#define MIX_HEAD                                                             \
    "<html><head><title>About <script src=\"https://www.googletagmanager"    \
    ".com/gtag/js\"></script></TITLE >\n"                                    \
    "<!-- <script src=\"https://www.googletagmanager.com/gtag/js\">"         \
    "</script> <body> -- > --!> still comment -->\n"                         \
    "<!DOCTYPE x><? php <img src=\"https://www.facebook.com/tr?b\"> ?>\n"    \
    "<textarea><img src=\"https://www.facebook.com/tr?c\"></textarea>\n"     \
    "<style>a::after{content:\"</styles><img src=x>\"}</style>\n"            \
    "<script"

#define MIX_WRITE_TAIL                                                       \
    ">document.write('<img src=\"https://www.facebook.com/tr?d\">')"        \
    "</script>\n"

#define MIX_INLINE                                                           \
    "fbq('init')</script>\n"

static const char  page_mix[] =
    MIX_HEAD MIX_WRITE_TAIL "<!-->"
    "<img src=\"https://www.facebook.com/tr?a\">\n"
    "</head><body>\n"
    "<script data-category=\"marketing\" type=\"text/javascript\">"
    MIX_INLINE
    "<script type=\"module\" src=\"https://connect.facebook.net/x.js\">"
    "</script>\n"
    "<img data-category=\"analytics\" src=\"/pixel.gif\">\n"
    "<script src=https://www.googletagmanager.com/gtag/js?id=G-1 async>"
    "</script>\n"
    "<script type=\"text/plain\" data-category=\"analytics\" "
    "src=\"https://www.googletagmanager.com/a.js\"></script>\n"
    "<link rel=\"dns-prefetch preload\" href=\"//connect.facebook.net\">\n"
    "<body><p>second body</p></body>";

static const char  page_mix_denied[] =
    MIX_HEAD " type=\"text/plain\" data-category=\"marketing\""
    MIX_WRITE_TAIL "<!-->"
    "<img data-category=\"marketing\" "
    "data-src=\"https://www.facebook.com/tr?a\">\n"
    "</head><body>" BANNER "\n"
    "<script type=\"text/plain\" data-category=\"marketing\" "
    "data-type=\"text/javascript\">"
    MIX_INLINE
    "<script type=\"text/plain\" data-category=\"marketing\" "
    "data-type=\"module\" data-src=\"https://connect.facebook.net/x.js\">"
    "</script>\n"
    "<img data-category=\"analytics\" data-src=\"/pixel.gif\">\n"
    "<script type=\"text/plain\" data-category=\"analytics\" "
    "data-src=https://www.googletagmanager.com/gtag/js?id=G-1 async>"
    "</script>\n"
    "<script type=\"text/plain\" data-category=\"analytics\" "
    "src=\"https://www.googletagmanager.com/a.js\"></script>\n"
    "<link data-category=\"marketing\" rel=\"dns-prefetch preload\" "
    "data-href=\"//connect.facebook.net\">\n"
    "<body><p>second body</p></body>";


static const char  *pages[] = { page_ga, page_fb, page_yt, page_mix };


static void
test_long_tag(void)
{
    static char  in[CC_HTML_HOLD + 256];
    size_t       n;

    strcpy(in, "<p>x</p><script src=\"https://www.googletagmanager.com/"
               "gtag/js\" data-x=\"");
    n = strlen(in);
    memset(in + n, 'a', CC_HTML_HOLD);
    strcpy(in + n + CC_HTML_HOLD, "\"></script><img src=\"https://www."
                                  "facebook.com/tr\">");

    /* the long tag passes untouched, the next one is still edited */

    CC_CHECK_INT(test_run(&test_a, in, 0, NULL, 0), 0);
    CC_CHECK_INT(test_a.len, strlen(in) + strlen(" data-category=\"\"")
                             + strlen("marketing") + 5);
    CC_CHECK(memcmp(test_a.out, in, n + CC_HTML_HOLD + 11) == 0);

    CC_CHECK_INT(test_run(&test_b, in, 0, NULL, 1), 0);
    CC_CHECK(test_b.len == test_a.len
             && memcmp(test_b.out, test_a.out, test_a.len) == 0);
    CC_CHECK_INT(test_run(&test_b, in, 0, NULL, 100), 0);
    CC_CHECK(test_b.len == test_a.len
             && memcmp(test_b.out, test_a.out, test_a.len) == 0);
}


/*
 * A protocol-relative tracker URL (also spelt with a tab or a newline
 * that the browser drops) after relative ones, at every offset of the
 * 16-byte steps that look for "//": found wherever it is
 */
static void
test_slash_pairs(void)
{
    size_t       k, s;
    char         in[256], expect[320];
    static const char  *sep[] = { "/", "\t/", "\n/", "\r/" };

    for (s = 0; s < sizeof(sep) / sizeof(sep[0]); s++) {
        for (k = 0; k < 40; k++) {
            snprintf(in, sizeof(in), "<img srcset=\"/a/b/%.*s 2x\" "
                     "src=\"/%swww.facebook.com/tr\">", (int) k,
                     "ccccccccccccccccccccccccccccccccccccccccc", sep[s]);
            snprintf(expect, sizeof(expect), "<img data-category=\"marketing"
                     "\" data-srcset=\"/a/b/%.*s 2x\" "
                     "data-src=\"/%swww.facebook.com/tr\">", (int) k,
                     "ccccccccccccccccccccccccccccccccccccccccc", sep[s]);
            test_page(in, 1, NULL, expect);
        }
    }

    /* relative URLs only: untouched */

    for (k = 0; k < 40; k++) {
        snprintf(in, sizeof(in), "<img srcset=\"/a/b/%.*s/ 2x, /c/ 3x\" "
                 "src=\"/www.facebook.com/tr\">", (int) k,
                 "ccccccccccccccccccccccccccccccccccccccccc");
        test_page(in, 1, NULL, in);
    }
}


/* random markup: any split gives the same output; granted: unchanged */
static void
test_fuzz(void)
{
    int          i, failed;
    size_t       j, k, n;
    static char  in[600];

    static const char  *atoms[] = {
        "<", ">", "/", "!", "-", "--", "?", "\"", "'", "=", " ", "\n",
        "a", "x", "<script", "</script", "<SCRIPT", "<img", "<iframe",
        "<link", "<body", "<title", "</title", "<style", "</style",
        "<!--", "-->", " src=", " SRC=", " href=", " rel=preconnect",
        " type=module", " data-category=marketing",
        "https://www.facebook.com/tr", "https://www.youtube.com/e",
        "<textarea", "</textarea", "<plaintext", "fbq('init'",
        "gtag('config'", "//www.facebook.com/tr", "<html lang=nl>",
        "<head>", "<script type=text/javascript>"
    };

    failed = 0;

    for (i = 0; i < 300; i++) {
        n = 0;

        for (j = 0; j < 40; j++) {
            k = test_rand(sizeof(atoms) / sizeof(atoms[0]));
            memcpy(in + n, atoms[k], strlen(atoms[k]));
            n += strlen(atoms[k]);
        }

        in[n] = '\0';

        if (test_run(&test_a, in, ALL, NULL, 0) != 0
            || test_a.len != n || memcmp(test_a.out, in, n) != 0)
        {
            failed++;
        }

        if (test_run(&test_a, in, 1, BANNER, 0) != 0 || test_a.bad) {
            failed++;
        }

        for (k = 0; k < 4; k++) {
            if (test_run(&test_b, in, 1, BANNER, k ? (size_t) -1 : 1) != 0
                || test_b.bad || test_b.len != test_a.len
                || memcmp(test_b.out, test_a.out, test_a.len) != 0)
            {
                if (failed++ == 0) {
                    fprintf(stderr, "fuzz input: %s\n", in);
                }
            }
        }
    }

    CC_CHECK_INT(failed, 0);
}


/* places found by the browser oracle (t/21-browser-oracle.t) */
/* a URL with "tracker" in it is of the category behind data */
static int
test_match_by_data(void *data, const unsigned char *url, size_t len)
{
    size_t  i;

    for (i = 0; i + 7 <= len; i++) {
        if (memcmp(url + i, "tracker", 7) == 0) {
            return *(int *) data;
        }
    }

    return -1;
}


/*
 * The URLs remembered per process (cc_html_url()): the answer is the
 * matcher's for that matcher and data, the current visitor's consent
 * applied to it; the rules behind a data pointer are read again after
 * cc_html_memo_reset() (every configuration load)
 */
static void
test_memo(void)
{
    int         k;
    char        page[512], blocked[512];
    static int  analytics = 1, necessary = 0, other = 1;
    static int  tiktok = CC_CLASS(3, 1);

    static const char  js[] =
        "<script>var s='https://cdn.tracker.example/t.js';</script>";
    static const char  js_blocked[] =
        "<script type=\"text/plain\" data-category=\"analytics\">"
        "var s='https://cdn.tracker.example/t.js';</script>";
    static const char  two[] =
        "<script>var a='https://www.googletagmanager.com/gtag/js',"
        "b='https://connect.facebook.net/x.js';</script>";
    static const char  two_analytics[] =
        "<script type=\"text/plain\" data-category=\"analytics\">"
        "var a='https://www.googletagmanager.com/gtag/js',"
        "b='https://connect.facebook.net/x.js';</script>";
    static const char  two_marketing[] =
        "<script type=\"text/plain\" data-category=\"marketing\">"
        "var a='https://www.googletagmanager.com/gtag/js',"
        "b='https://connect.facebook.net/x.js';</script>";
    static const char  svc[] =
        "<script>var t='https://analytics.tiktok.com/i.js',"
        "f='https://connect.facebook.net/x.js';</script>";
    static const char  svc_tiktok[] =
        "<script type=\"text/plain\" data-category=\"marketing\" "
        "data-service=\"tiktok\">"
        "var t='https://analytics.tiktok.com/i.js',"
        "f='https://connect.facebook.net/x.js';</script>";
    static const char  svc_marketing[] =
        "<script type=\"text/plain\" data-category=\"marketing\">"
        "var t='https://analytics.tiktok.com/i.js',"
        "f='https://connect.facebook.net/x.js';</script>";
    static const char  paq[] = "<script>_paq.push(['trackPageView']);</script>";
    static const char  paq_blocked[] =
        "<script type=\"text/plain\" data-category=\"analytics\">"
        "_paq.push(['trackPageView']);</script>";
    static const char  js_service[] =
        "<script type=\"text/plain\" data-category=\"marketing\" "
        "data-service=\"tiktok\">"
        "var s='https://cdn.tracker.example/t.js';</script>";

    static const char  img[] = "<img src=\"https://cdn.tracker.example/p.gif\">";
    static const char  img_blocked[] =
        "<img data-category=\"analytics\" "
        "data-src=\"https://cdn.tracker.example/p.gif\">";

    cc_html_memo_reset();
    test_match_fn = test_match_by_data;

    test_data = &analytics;
    test_page(img, 1, NULL, img_blocked);
    test_page(img, ALL, NULL, img);
    test_page(img, 1, NULL, img_blocked);

    /* the same URL, another data pointer: that data's answer */

    test_data = &necessary;
    test_page(img, 1, NULL, img);

    test_data = &analytics;
    test_page(img, 1, NULL, img_blocked);

    /* the same data, another matcher: that matcher's answer */

    test_match_fn = NULL;
    test_page(img, 1, NULL, img);
    test_match_fn = test_match_by_data;
    test_page(img, 1, NULL, img_blocked);

    /* new rules behind the same pointer: read after a reset */

    test_data = &other;
    test_page(img, 1, NULL, img_blocked);
    other = 0;
    test_page(img, 1, NULL, img_blocked);
    cc_html_memo_reset();
    test_page(img, 1, NULL, img);
    other = 1;
    cc_html_memo_reset();
    test_page(img, 1, NULL, img_blocked);

    /* longer than a slot holds, and many: each read right */

    for (k = 0; k < 200; k++) {
        snprintf(page, sizeof(page),
                 "<img src=\"https://cdn.tracker.example/%0*d.gif\">",
                 k % 2 ? 4 : 180, k);
        snprintf(blocked, sizeof(blocked),
                 "<img data-category=\"analytics\" "
                 "data-src=\"https://cdn.tracker.example/%0*d.gif\">",
                 k % 2 ? 4 : 180, k);
        test_page(page, 1, NULL, blocked);
        test_page(page, ALL, NULL, page);
    }

    /* inline scripts: the answer for the consent it was given under */

    test_data = &analytics;
    test_page(js, 1, NULL, js_blocked);
    test_page(js, ALL, NULL, js);
    test_page(js, 1, NULL, js_blocked);
    test_data = &necessary;
    test_page(js, 1, NULL, js);

    /* ... a service's too */

    test_data = &tiktok;
    test_services_granted = 0;
    test_page(js, 1, NULL, js_service);
    test_services_granted = 2;
    test_page(js, 1, NULL, js);
    test_services_granted = 0;
    test_page(js, 1, NULL, js_service);

    /* a script of two categories: the first one not granted counts */

    test_match_fn = NULL;
    test_page(two, 1, NULL, two_analytics);
    test_page(two, 1 | AN, NULL, two_marketing);
    test_page(two, ALL, NULL, two);
    test_page(two, 1, NULL, two_analytics);

    /* ... of a service and a category */

    test_page(svc, 1, NULL, svc_tiktok);
    test_services_granted = 2;
    test_page(svc, 1, NULL, svc_marketing);
    test_services_granted = 0;
    test_page(svc, 1, NULL, svc_tiktok);

    /* ... and for the categories it was read with (Matomo's, by name) */

    test_page(paq, 1, NULL, paq_blocked);
    test_other_categories = 1;
    test_page(paq, 1, NULL, paq);
    test_other_categories = 0;
    test_page(paq, 1, NULL, paq_blocked);

    test_match_fn = NULL;
    test_data = NULL;
    cc_html_memo_reset();
}


static void
test_places(void)
{
    /* the legacy background attribute of tables and the body */

    test_page("<table background=\"https://www.googletagmanager.com/a.gif\">"
              "<tr><td BACKGROUND=//www.google-analytics.com/c>x</td>"
              "<th background=/local.png>y</th></tr></table>",
              1, NULL,
              "<table data-category=\"analytics\" "
              "data-background=\"https://www.googletagmanager.com/a.gif\">"
              "<tr><td data-category=\"analytics\" "
              "data-BACKGROUND=//www.google-analytics.com/c>x</td>"
              "<th background=/local.png>y</th></tr></table>");
    test_page("<body background=\"https://www.googletagmanager.com/a\">x",
              1, "B",
              "<body data-category=\"analytics\" "
              "data-background=\"https://www.googletagmanager.com/a\">Bx");

    /* a style attribute that fetches, on any element */

    test_page("<div class=a style=\"background:url(https://www.googletag"
              "manager.com/p.gif)\">x</div><p style=\"color:red\">y</p>"
              "<span style='background: URL( &quot;//www.google-analytics."
              "com/x&quot; )'>z</span>"
              "<input type=text style=\"background:url(\\68ttps://www.google"
              "tagmanager.com/i)\">",
              1, NULL,
              "<div data-category=\"analytics\" class=a data-style=\"background:"
              "url(https://www.googletagmanager.com/p.gif)\">x</div>"
              "<p style=\"color:red\">y</p>"
              "<span data-category=\"analytics\" data-style='background: URL("
              " &quot;//www.google-analytics.com/x&quot; )'>z</span>"
              "<input data-category=\"analytics\" type=text data-style=\""
              "background:url(\\68ttps://www.googletagmanager.com/i)\">");

    /*
     * the '(' of a CSS function spelled as a character reference: the
     * browser decodes the attribute value before the CSS parser sees it
     */

    test_page("<div style=\"background:url&#40;https://www.googletag"
              "manager.com/p.gif)\">x</div>"
              "<p style='background:url&lpar;//www.google-analytics.com/c)'>"
              "y</p><p style=\"color:red\">z</p>",
              1, NULL,
              "<div data-category=\"analytics\" data-style=\"background:"
              "url&#40;https://www.googletagmanager.com/p.gif)\">x</div>"
              "<p data-category=\"analytics\" data-style='background:"
              "url&lpar;//www.google-analytics.com/c)'>y</p>"
              "<p style=\"color:red\">z</p>");

    /* granted: untouched; a tracker image keeps a style that hides it */

    test_page("<div style=\"background:url(https://www.googletagmanager.com/"
              "p.gif)\">x</div>", ALL, NULL,
              "<div style=\"background:url(https://www.googletagmanager.com/"
              "p.gif)\">x</div>");
    test_page("<img style=\"display:none\" "
              "src=\"https://www.facebook.com/tr?id=1\">", 1, NULL,
              "<img data-category=\"marketing\" style=\"display:none\" "
              "data-src=\"https://www.facebook.com/tr?id=1\">");

    /* <style>: its tracker URLs made inert, the rest of it kept */

    test_page("<style>@import \"https://www.googletagmanager.com/a.css\";"
              "p{color:red}b{background:url( //www.facebook.com/tr?x )}"
              "i{background:url(/local.png)}</style><p>x",
              1, NULL,
              "<style>@import \"about:invalid#https://www.googletagmanager"
              ".com/a.css\";p{color:red}b{background:url( about:invalid#"
              "//www.facebook.com/tr?x )}i{background:url(/local.png)}"
              "</style><p>x");
    test_page("<style>@import \"https://www.googletagmanager.com/a.css\";"
              "</style>", ALL, NULL,
              "<style>@import \"https://www.googletagmanager.com/a.css\";"
              "</style>");
    test_page("<style type=text/plain>@import \"https://www.googletagmanager"
              ".com/a.css\";</style>", 1, NULL,
              "<style type=text/plain>@import \"https://www.googletagmanager"
              ".com/a.css\";</style>");
    test_page("<style>/* \"https://www.googletagmanager.com/\" */"
              "@import '\\2f\\2fwww.google-analytics.com/x';</style>", 1,
              NULL,
              "<style>/* \"https://www.googletagmanager.com/\" */"
              "@import 'about:invalid#\\2f\\2fwww.google-analytics.com/x';"
              "</style>");

    /* <iframe srcdoc>: the document it holds */

    test_page("<iframe srcdoc=\"&lt;script src=&quot;https://www.googletag"
              "manager.com/gtag/js&quot;&gt;&lt;/script&gt;\"></iframe>"
              "<iframe srcdoc=\"<script>fbq('init','1')</script>\"></iframe>"
              "<iframe srcdoc=\"<p>hello</p>\"></iframe>",
              1, NULL,
              "<iframe data-category=\"analytics\" "
              "data-srcdoc=\"&lt;script src=&quot;https://www.googletag"
              "manager.com/gtag/js&quot;&gt;&lt;/script&gt;\"></iframe>"
              "<iframe data-category=\"marketing\" "
              "data-srcdoc=\"<script>fbq('init','1')</script>\"></iframe>"
              "<iframe srcdoc=\"<p>hello</p>\"></iframe>");

    /* nested beyond the depth read: fail closed */

    test_page("<iframe srcdoc=\"<iframe srcdoc='<p>x'></iframe>\"></iframe>",
              1, NULL,
              "<iframe data-category=\"analytics\" "
              "data-srcdoc=\"<iframe srcdoc='<p>x'></iframe>\"></iframe>");

    /* URLs in script strings spelled with escapes */

    test_page("<script>j.src='https:\\/\\/www.googletagmanager.com\\/gtm.js"
              "?id='+i;</script>"
              "<script>j.src='https:\\x2F\\x2Fwww.googletagmanager.com/gtm.js"
              "';</script>"
              "<script>j.src='https:\\u002F\\u002Fwww.googletagmanager"
              "\\u{2E}com/gtm.js';</script>"
              "<script>s='a\\\\b\\/c\\u{110000}';</script>",
              1, NULL,
              "<script type=\"text/plain\" data-category=\"analytics\">"
              "j.src='https:\\/\\/www.googletagmanager.com\\/gtm.js"
              "?id='+i;</script>"
              "<script type=\"text/plain\" data-category=\"analytics\">"
              "j.src='https:\\x2F\\x2Fwww.googletagmanager.com/gtm.js"
              "';</script>"
              "<script type=\"text/plain\" data-category=\"analytics\">"
              "j.src='https:\\u002F\\u002Fwww.googletagmanager"
              "\\u{2E}com/gtm.js';</script>"
              "<script>s='a\\\\b\\/c\\u{110000}';</script>");
}


/* inline scripts: decided by their first CC_HTML_LOOKAHEAD bytes */
static void
test_inline(void)
{
    size_t       n;
    static char  in[CC_HTML_LOOKAHEAD * 2 + 512];
    static char  out[CC_HTML_LOOKAHEAD * 2 + 512];

    /* snippets that load or call a tracker; others untouched */

    test_page("<script>(function(w,d,s,l,i){w[l]=w[l]||[];"
              "j.src='https://www.googletagmanager.com/gtm.js?id='+i+dl;"
              "})(window,document,'script','dataLayer','GTM-X');</script>"
              "<SCRIPT TYPE=text/javascript>_paq.push(['trackPageView'])"
              "</SCRIPT>"
              "<script>gtag('consent', 'default', {});</script>"
              "<script type=\"application/ld+json\">{\"u\":"
              "\"https://connect.facebook.net/\"}</script>"
              "<script>// https://example.com/ only\n</script>",
              1, NULL,
              "<script type=\"text/plain\" data-category=\"analytics\">"
              "(function(w,d,s,l,i){w[l]=w[l]||[];"
              "j.src='https://www.googletagmanager.com/gtm.js?id='+i+dl;"
              "})(window,document,'script','dataLayer','GTM-X');</script>"
              "<SCRIPT type=\"text/plain\" data-category=\"analytics\" "
              "data-TYPE=text/javascript>_paq.push(['trackPageView'])"
              "</SCRIPT>"
              "<script>gtag('consent', 'default', {});</script>"
              "<script type=\"application/ld+json\">{\"u\":"
              "\"https://connect.facebook.net/\"}</script>"
              "<script>// https://example.com/ only\n</script>");

    /* analytics granted: the marketing URL decides */

    test_page("<script>gtag('config','G-1');fbq('init','1');</script>",
              1 | AN, NULL,
              "<script type=\"text/plain\" data-category=\"marketing\">"
              "gtag('config','G-1');fbq('init','1');</script>");
    test_page("<script>gtag('config','G-1');fbq('init','1');</script>",
              ALL, NULL,
              "<script>gtag('config','G-1');fbq('init','1');</script>");

    /* a script never closed: decided at the end */

    test_page("<p><script>fbq('init','1')", 1, NULL,
              "<p><script type=\"text/plain\" data-category=\"marketing\">"
              "fbq('init','1')");

    /* the call within the look-ahead, then beyond it */

    strcpy(in, "<script>");
    n = strlen(in);
    memset(in + n, ' ', CC_HTML_LOOKAHEAD - 20);
    n += CC_HTML_LOOKAHEAD - 20;
    strcpy(in + n, "fbq('init','1');");
    n += strlen("fbq('init','1');");
    memset(in + n, ' ', CC_HTML_LOOKAHEAD);
    n += CC_HTML_LOOKAHEAD;
    strcpy(in + n, "</script><p>");

    strcpy(out, "<script type=\"text/plain\" data-category=\"marketing\">");
    strcat(out, in + strlen("<script>"));
    test_page(in, 1, NULL, out);

    memmove(in + 8 + 30, in + 8, strlen(in + 8) + 1);
    memset(in + 8, ' ', 30);
    test_page(in, 1, NULL, in);
}


/*
 * A CSP header read before any document in the process (nginx reads the
 * response's headers first): the tokenizer's tables are not set up yet
 */
static void
test_csp_first(void)
{
    size_t                n;
    const unsigned char  *nonce;

    static const char  csp[] = "Default-Src 'self'; SCRIPT-SRC 'nonce-r4nd'";

    CC_CHECK_INT(cc_html_csp_nonce((const unsigned char *) csp,
                                   sizeof(csp) - 1, &nonce, &n), 0);
    CC_CHECK_STR(nonce, n, "r4nd");
}


/* Consent Mode default, the <html lang>, placeholders, srcset */
static void
test_inserts(void)
{
    const unsigned char  *nonce;
    size_t                n;

#define GCM  "<script>gtag('consent','default',{})</script>"

    test_gcm = GCM;

    test_page("<!doctype html><html><HEAD data-x>"
              "<script src=\"/app.js\"></script></head><body></body>",
              ALL, NULL,
              "<!doctype html><html><HEAD data-x>" GCM
              "<script src=\"/app.js\"></script></head><body></body>");

    /* no <head>: before the first script, else before <body> */

    test_page("<title>x</title><script>gtag('config','G')</script>"
              "<head><body>", 1, NULL,
              "<title>x</title>" GCM "<script type=\"text/plain\" "
              "data-category=\"analytics\">gtag('config','G')</script>"
              "<head><body>");
    test_page("<p>x<body><script></script>", ALL, NULL,
              "<p>x" GCM "<body><script></script>");
    test_page("<p>x</p>", ALL, NULL, "<p>x</p>");

    test_gcm = NULL;
    test_with_insert = 1;

    test_page("<HTML LANG='nl-BE' lang=fr><body><p>x<iframe "
              "src=\"https://www.youtube.com/embed/1\"></iframe>"
              "<img src=https://www.facebook.com/tr "
              "SRCSET=\"https://www.facebook.com/tr 2x\">",
              1, NULL,
              "<HTML LANG='nl-BE' lang=fr><body>[banner nl-BE]<p>x"
              "[blocked social]<iframe data-category=\"social\" "
              "data-src=\"https://www.youtube.com/embed/1\"></iframe>"
              "<img data-category=\"marketing\" "
              "data-src=https://www.facebook.com/tr "
              "data-SRCSET=\"https://www.facebook.com/tr 2x\">");
    test_page("<p>no html</p>", ALL, NULL, "<p>no html</p>[banner -]");

    /*
     * at the end (a decided visitor's control), not after <body>; with
     * everything granted the rest of the page passes unread once <html>
     * is through: the page in one run, then the insert
     */

    test_at_end = 1;

    test_page(page_ga, 1, NULL,
              GA_HEAD
              "<script type=\"text/plain\" data-category=\"analytics\" "
              "async data-src=\"https://www.googletagmanager.com/gtag/js?"
              "id=G-XXXX\"></script>\n"
              GA_SNIPPET_DENIED GA_TAIL "[banner en]");

    test_page(page_ga, ALL, NULL,
              GA_HEAD
              "<script async "
              "src=\"https://www.googletagmanager.com/gtag/js?id=G-XXXX\">"
              "</script>\n"
              GA_SNIPPET GA_TAIL "[banner en]");
    CC_CHECK_INT(test_a.calls, 2);

    test_page("<body><p>x</p></body>", ALL, NULL,
              "<body><p>x</p></body>[banner -]");

    /* a tag before <html> cut by the chunks: <html lang> is still read */
    test_page("<x abc=1><html lang=\"de\"><p>x</p>", ALL, NULL,
              "<x abc=1><html lang=\"de\"><p>x</p>[banner de]");

    test_gcm = "<gcm>";
    test_page("<html lang=de><head><script>x()</script></head><body>", ALL,
              NULL,
              "<html lang=de><head><gcm><script>x()</script></head><body>"
              "[banner de]");
    test_gcm = NULL;

    test_at_end = 0;
    test_with_insert = 0;

    /* the nonce a CSP header gives scripts */

#define NONCE(csp, expect)                                                  \
    CC_CHECK_INT(cc_html_csp_nonce((const unsigned char *) csp,             \
                                   strlen(csp), &nonce, &n), 0);            \
    CC_CHECK_STR(nonce, n, expect)

    NONCE("script-src 'nonce-abc+/=' 'strict-dynamic'", "abc+/=");
    NONCE("default-src 'self' 'NONCE-d1'; style-src 'nonce-s';"
          "script-src-elem 'self' 'nonce-e_-1'", "e_-1");
    NONCE("style-src 'nonce-s'; default-src 'nonce-d'", "d");

    CC_CHECK_INT(cc_html_csp_nonce((const unsigned char *)
                                   "style-src 'nonce-s'", 19, &nonce, &n),
                 -1);
    CC_CHECK_INT(cc_html_csp_nonce((const unsigned char *)
                                   "script-src 'nonce-' 'nonce-a\"b'", 31,
                                   &nonce, &n), -1);
    CC_CHECK_INT(cc_html_csp_nonce((const unsigned char *) "", 0, &nonce,
                                   &n), -1);
}


int
main(int argc, char **argv)
{
    size_t  k;

    (void) argc;

    test_csp_first();
    test_slash_pairs();

    test_page(page_ga, 1, BANNER, page_ga_denied);
    test_page(page_ga, ALL, BANNER, page_ga_granted);
    test_page(page_fb, 1 | AN, BANNER, page_fb_denied);
    test_page(page_yt, 1 | MK, BANNER, page_yt_denied);
    test_page(page_mix, 1, BANNER, page_mix_denied);

    /* everything granted and no banner: output == input */

    for (k = 0; k < sizeof(pages) / sizeof(pages[0]); k++) {
        test_page(pages[k], ALL, NULL, pages[k]);

        /* one chunk, nothing edited: a single run from the input */
        CC_CHECK_INT(test_a.calls, 1);
    }

    /* analytics granted: only the marketing pixel changes */

    test_page("<img src=\"https://www.googletagmanager.com/a\">"
              "<img src='https://www.facebook.com/tr'>",
              1 | AN, NULL,
              "<img src=\"https://www.googletagmanager.com/a\">"
              "<img data-category=\"marketing\" "
              "data-src='https://www.facebook.com/tr'>");

    /*
     * services: a tracker of one is made inert with data-service too,
     * unless it or its category is granted; the page's data-service too
     */

    test_page("<script src=\"https://analytics.tiktok.com/i.js\"></script>",
              1, NULL,
              "<script type=\"text/plain\" data-category=\"marketing\" "
              "data-service=\"tiktok\" "
              "data-src=\"https://analytics.tiktok.com/i.js\"></script>");
    test_page("<script src=\"https://analytics.tiktok.com/i.js\"></script>",
              1 | MK, NULL,
              "<script src=\"https://analytics.tiktok.com/i.js\"></script>");

    test_services_granted = 0x1;            /* meta only */
    test_page("<script src=\"https://analytics.tiktok.com/i.js\"></script>",
              1, NULL,
              "<script type=\"text/plain\" data-category=\"marketing\" "
              "data-service=\"tiktok\" "
              "data-src=\"https://analytics.tiktok.com/i.js\"></script>");
    test_page("<script data-category=\"marketing\" data-service=\"meta\" "
              "src=\"/px.js\"></script>",
              1, NULL,
              "<script data-category=\"marketing\" data-service=\"meta\" "
              "src=\"/px.js\"></script>");
    test_page("<script data-category=\"marketing\" data-service=\"other\" "
              "src=\"/px.js\"></script>",
              1, NULL,
              "<script type=\"text/plain\" data-category=\"marketing\" "
              "data-service=\"other\" data-src=\"/px.js\"></script>");

    test_services_granted = 0x2;            /* tiktok only */
    test_page("<script src=\"https://analytics.tiktok.com/i.js\"></script>"
              "<img src='https://www.facebook.com/tr'>",
              1, NULL,
              "<script src=\"https://analytics.tiktok.com/i.js\"></script>"
              "<img data-category=\"marketing\" "
              "data-src='https://www.facebook.com/tr'>");
    test_page("<script data-category=\"marketing\" data-service=\"meta\" "
              "src=\"/px.js\"></script>",
              1, NULL,
              "<script type=\"text/plain\" data-category=\"marketing\" "
              "data-service=\"meta\" data-src=\"/px.js\"></script>");
    test_services_granted = 0;

    /* no <body>: banner at the end; empty document */

    test_page("<p>hi</p>", ALL, BANNER, "<p>hi</p>" BANNER);
    test_page("", ALL, BANNER, BANNER);
    test_page("", ALL, NULL, "");

    /* unfinished tags at the end pass through */

    test_page("<p>a</p><script src=\"https://www.googletagmanager.com/",
              1, NULL,
              "<p>a</p><script src=\"https://www.googletagmanager.com/");
    test_page("a<", 1, NULL, "a<");
    test_page("a<bo", 1, BANNER, "a<bo" BANNER);

    /* stray '<', end tags, raw text end tag variants */

    test_page("a < b <<img src=https://www.facebook.com/tr></x a=\">\">"
              "<SCRIPT>x</scriptx></SCRIPT/>"
              "<img src=https://www.facebook.com/tr>",
              1, NULL,
              "a < b <<img data-category=\"marketing\" "
              "data-src=https://www.facebook.com/tr></x a=\">\">"
              "<SCRIPT>x</scriptx></SCRIPT/>"
              "<img data-category=\"marketing\" "
              "data-src=https://www.facebook.com/tr>");

    /* a link that fetches nothing, unknown data-category, plaintext */

    test_page("<link rel=author href=https://www.youtube.com/a.css>"
              "<img data-category=\"nope\" src=/a>"
              "<plaintext><img src=https://www.facebook.com/tr>",
              1, NULL,
              "<link rel=author href=https://www.youtube.com/a.css>"
              "<img data-category=\"nope\" src=/a>"
              "<plaintext><img src=https://www.facebook.com/tr>");

    test_long_tag();
    test_inline();
    test_places();
    test_memo();
    test_inserts();
    test_fuzz();

    return cc_test_done(argv[0]);
}
