/*
 * Unit tests: URLs as the browser resolves them (src/cc_url.c), through
 * the tracker rules (src/cc_hosts.c) and the HTML rewriter
 * (src/cc_html.c): spellings of a tracker URL that Chromium loads are
 * trackers, lookalikes on other hosts are not, in every element and
 * attribute a browser fetches from.
 */

#include <stdlib.h>

#include "cc_test.h"
#include "cc_hosts.h"
#include "cc_html.h"
#include "cc_url.h"


static void *
test_alloc(void *pool, size_t size)
{
    (void) pool;
    return malloc(size);
}


static cc_hosts_t  *hosts;

static const char  *categories[] = {
    "necessary", "analytics", "preferences", "marketing"
};


static int
match(void *data, const unsigned char *url, size_t len)
{
    return cc_hosts_match_url(data, url, len);
}


/* ---- the parser ---- */

static char  got[CC_URL_SERIAL_MAX + 1];


/* "//host/path" of a URL (NULL base: the document), or "" */
static const char *
parse(const char *in, const char *base_in)
{
    int             n;
    size_t          len;
    cc_url_t        base, url[2];
    unsigned char   dec[4096];

    len = cc_url_decode_attr((const unsigned char *) in, strlen(in), dec,
                             sizeof(dec));

    if (base_in != NULL) {
        CC_CHECK_INT(cc_url_parse((const unsigned char *) base_in,
                                  strlen(base_in), NULL, &base), CC_URL_OK);
    }

    n = cc_url_resolve(dec, len, base_in ? &base : NULL, url);

    if (n == 0) {
        got[0] = '\0';
        return got;
    }

    len = cc_url_serialize(&url[0], (unsigned char *) got);
    got[len] = '\0';

    return got;
}

#define PARSE(in, expect)                                                    \
    do {                                                                     \
        const char  *g_ = parse(in, NULL);                                   \
        CC_CHECK_STR(g_, strlen(g_), expect);                                \
    } while (0)

#define PARSE_B(in, base, expect)                                            \
    do {                                                                     \
        const char  *g_ = parse(in, base);                                   \
        CC_CHECK_STR(g_, strlen(g_), expect);                                \
    } while (0)


static char  decoded[4096];

#define DECODE(in, expect)                                                   \
    do {                                                                     \
        size_t  l_ = cc_url_decode_attr((const unsigned char *) in,          \
                                        strlen(in),                          \
                                        (unsigned char *) decoded,           \
                                        sizeof(decoded));                    \
        CC_CHECK_STR(decoded, l_, expect);                                   \
    } while (0)


static void
test_decode(void)
{
    DECODE("a&amp;b", "a&b");
    DECODE("a&ampb", "a&ampb");               /* alphanumeric follows */
    DECODE("a&amp=b", "a&amp=b");             /* '=' follows */
    DECODE("a&amp.b", "a&.b");
    DECODE("a&amp", "a&");
    DECODE("&colon;&sol;&period;&bsol;&commat;", ":/.\\@");
    DECODE("&Tab;&NewLine;", "\t\n");
    DECODE("&#x2F;&#X2f;&#47;&#047;", "////");
    DECODE("&#x2Fx&#47x", "/x/x");            /* numeric: no ';' needed */
    DECODE("&#;&#x;&#xg", "&#;&#x;&#xg");
    DECODE("&#0;", "\xef\xbf\xbd");
    DECODE("&#x110000;&#xD800;", "\xef\xbf\xbd\xef\xbf\xbd");
    DECODE("&#128;", "\xe2\x82\xac");         /* windows-1252 */
    DECODE("&#99999999999999999999;", "\xef\xbf\xbd");
    DECODE("&nosuch;&", "&nosuch;&");
    DECODE("&notin;&notit;&not;", "\xe2\x88\x89&notit;\xc2\xac");
    DECODE("&shy;", "\xc2\xad");
    DECODE("&nGt;", "\xe2\x89\xab\xe2\x83\x92");  /* two code points */
}


static void
test_parse(void)
{
    /* scheme, slashes, backslashes, case */
    PARSE("https://a.example/x", "//a.example/x");
    PARSE("HtTpS://A.Example", "//a.example/");
    PARSE("http:a.example/x", "//a.example/x");
    PARSE("https:/a.example/x", "//a.example/x");
    PARSE("https:////a.example/x", "//a.example/x");
    PARSE("https:\\\\a.example\\x\\y", "//a.example/x/y");
    PARSE("\\\\a.example/x", "//a.example/x");
    PARSE("/\\a.example/x", "//a.example/x");
    PARSE("//a.example", "//a.example/");

    /* trimmed, tabs and newlines removed anywhere */
    PARSE(" \x01 https://a.example/x \x1f ", "//a.example/x");
    PARSE("ht\ttp\ns:/\r/a.exa\tmple/x\ny", "//a.example/xy");

    /* userinfo, port, query, fragment */
    PARSE("https://u:p@a.example:8443/x?y#z", "//a.example/x");
    PARSE("https://a@b@a.example/x", "//a.example/x");
    PARSE("https://a.example?x", "//a.example/");
    PARSE("https://a.example#x/y", "//a.example/");
    PARSE("https://evil.example\\@a.example/", "//evil.example/@a.example/");
    PARSE("https://u@/x", "");                 /* host missing */
    PARSE("https://:80/x", "");

    /* host: percent-decoding, UTS 46 mapping, trailing dot */
    PARSE("https://%61.Example/", "//a.example/");
    PARSE("https://a%2eexample/", "//a.example/");
    PARSE("https://\xef\xbd\x81\xef\xbc\x8e\xef\xbd\x85xample/",
          "//a.example/");                     /* full width, U+FF0E */
    PARSE("https://a\xe3\x80\x82" "example/", "//a.example/");   /* U+3002 */
    PARSE("https://a\xef\xbd\xa1" "example/", "//a.example/");   /* U+FF61 */
    PARSE("https://a.exa\xc2\xadmple/", "//a.example/");         /* U+00AD */
    PARSE("https://a.ex%C2%ADample/", "//a.example/");
    PARSE("https://\xf0\x9d\x90\x9a.example/", "//a.example/");  /* bold a */
    PARSE("https://\xe2\x84\xaa.example/", "//k.example/");      /* Kelvin */
    PARSE("https://a.example./", "//a.example/");
    PARSE("https://\xc3\xa9.example/", "//\xc3\xa9.example/");   /* kept */
    PARSE("https://1.2.3.4/", "//1.2.3.4/");
    PARSE("https://[::1]/", "//[::1]/");

    /* forbidden code points: read without them (fail closed) */
    PARSE("https://a.exa%2Fmple/", "//a.example/");
    PARSE("https://a.exa mple/", "//a.example/");
    PARSE("https://a.example%/", "//a.example/");
    PARSE("https://a.example:99999/", "//a.example/");

    /* paths: dot segments, percent-encoding */
    PARSE("https://a.example/x/../y/./z", "//a.example/y/z");
    PARSE("https://a.example/x/%2e%2E/y/%2e", "//a.example/y/");
    PARSE("https://a.example/../../y", "//a.example/y");
    PARSE("https://a.example/x/..", "//a.example/");
    PARSE("https://a.example/a b\"<>`{}^", "//a.example/a%20b%22%3C%3E%60"
          "%7B%7D%5E");
    PARSE("https://a.example/%74r", "//a.example/%74r");
    PARSE("https://a.example/\xc3\xa9", "//a.example/%C3%A9");

    /* other schemes, relative URLs on the document's host */
    PARSE("javascript:x('//a.example/')", "");
    PARSE("data:text/html,https://a.example/", "");
    PARSE("ftp://a.example/", "");
    PARSE("wss://a.example/", "");
    PARSE("blob:https://a.example/1", "");
    PARSE("x", "");
    PARSE("/a.example/x", "");
    PARSE("?x", "");
    PARSE("", "");

    /* relative to a base */
    PARSE_B("x", "https://b.example/p/q", "//b.example/p/x");
    PARSE_B("../x", "https://b.example/p/q", "//b.example/x");
    PARSE_B("/x", "https://b.example/p/q", "//b.example/x");
    PARSE_B("?y", "https://b.example/p/q", "//b.example/p/q");
    PARSE_B("", "https://b.example/p/q", "//b.example/p/q");
    PARSE_B("//c.example/x", "https://b.example/p/q", "//c.example/x");
    PARSE_B("https:x", "https://b.example/p/q", "//b.example/p/x");
    PARSE_B("http:x", "https://b.example/p/q", "//x/");
    PARSE_B("https://c.example", "https://b.example/p/q", "//c.example/");

    /* srcset candidates, refresh URLs */
    {
        size_t                n;
        const char           *s;
        const unsigned char  *pos, *end, *u;

        s = "a.png 1x,  b.png 2x,c.png, d.png (x, y) 3x ,e.png,, f,";
        pos = (const unsigned char *) s;
        end = pos + strlen(s);

        CC_CHECK(cc_url_srcset_next(&pos, end, &u, &n));
        CC_CHECK_STR(u, n, "a.png");
        CC_CHECK(cc_url_srcset_next(&pos, end, &u, &n));
        CC_CHECK_STR(u, n, "b.png");
        CC_CHECK(cc_url_srcset_next(&pos, end, &u, &n));
        CC_CHECK_STR(u, n, "c.png");
        CC_CHECK(cc_url_srcset_next(&pos, end, &u, &n));
        CC_CHECK_STR(u, n, "d.png");
        CC_CHECK(cc_url_srcset_next(&pos, end, &u, &n));
        CC_CHECK_STR(u, n, "e.png");
        CC_CHECK(cc_url_srcset_next(&pos, end, &u, &n));
        CC_CHECK_STR(u, n, "f");
        CC_CHECK(!cc_url_srcset_next(&pos, end, &u, &n));

#define REFRESH(in, expect)                                                  \
        CC_CHECK_INT(cc_url_refresh((const unsigned char *) in, strlen(in),  \
                                    &u, &n), 0);                             \
        CC_CHECK_STR(u, n, expect)

        REFRESH("0;url=https://a.example/", "https://a.example/");
        REFRESH("0; URL = 'https://a.example/'x", "https://a.example/");
        REFRESH("5 , \"x\"y", "x");
        REFRESH(".5;https://a.example/", "https://a.example/");
        REFRESH("0;urx=1", "urx=1");
        REFRESH("0;url https://a.example/", "url https://a.example/");

        CC_CHECK_INT(cc_url_refresh((const unsigned char *) "0", 1, &u, &n),
                     -1);
        CC_CHECK_INT(cc_url_refresh((const unsigned char *) "x;url=a", 7,
                                    &u, &n), -1);
        CC_CHECK_INT(cc_url_refresh((const unsigned char *) "0x;url=a", 8,
                                    &u, &n), -1);
    }
}


/* ---- Link response headers ---- */

static char  links[1024];


/*
 * Every link-value of a Link header: "R{url}[value]" each, R 'O' (OK) or
 * 'B' (BAD), "{}" without a URL; checks that each value lies inside the
 * input, after the previous one
 */
static const char *
split(const char *in)
{
    int                   rc;
    size_t                n, len;
    const unsigned char  *pos, *end, *u, *v, *ve, *last;

    pos = (const unsigned char *) in;
    end = pos + strlen(in);
    last = pos;
    len = 0;
    links[0] = '\0';

    for ( ;; ) {
        rc = cc_url_link_next(&pos, end, &u, &n, &v, &ve);

        if (rc == CC_URL_LINK_END) {
            CC_CHECK(pos == end);
            break;
        }

        CC_CHECK(v >= last && v < ve && ve <= pos && pos <= end);
        last = ve;

        len += snprintf(links + len, sizeof(links) - len, "%c{%.*s}[%.*s]",
                        rc == CC_URL_LINK_OK ? 'O' : 'B',
                        (int) n, u ? (const char *) u : "",
                        (int) (ve - v), (const char *) v);

        if (len >= sizeof(links)) {
            break;
        }
    }

    return links;
}

#define SPLIT(in, expect)                                                    \
    do {                                                                     \
        const char  *g_ = split(in);                                         \
        CC_CHECK_STR(g_, strlen(g_), expect);                                \
    } while (0)


/* the URLs a link-value may be read for, '|' after each */
static const char *
link_urls(const char *in)
{
    size_t                n, len;
    const unsigned char  *u;
    cc_url_link_urls_t    it;

    cc_url_link_urls_init(&it, (const unsigned char *) in,
                          (const unsigned char *) in + strlen(in));
    len = 0;
    links[0] = '\0';

    while (cc_url_link_urls_next(&it, &u, &n) && len < sizeof(links)) {
        len += snprintf(links + len, sizeof(links) - len, "%.*s|", (int) n,
                        (const char *) u);
    }

    return links;
}

#define URLS(in, expect)                                                     \
    do {                                                                     \
        const char  *g_ = link_urls(in);                                     \
        CC_CHECK_STR(g_, strlen(g_), expect);                                \
    } while (0)


static void
test_link(void)
{
    /* one value, several, whitespace */
    SPLIT("<https://a.example/x>; rel=preload; as=script",
          "O{https://a.example/x}[<https://a.example/x>; rel=preload; "
          "as=script]");
    SPLIT("<//a.example>; rel=preconnect,<https://b.example/>;rel=dns-"
          "prefetch", "O{//a.example}[<//a.example>; rel=preconnect]"
          "O{https://b.example/}[<https://b.example/>;rel=dns-prefetch]");
    SPLIT(" \t< https://a.example/ >\t;rel=preload , <b> ",
          "O{https://a.example/}[< https://a.example/ >\t;rel=preload]"
          "O{b}[<b>]");
    SPLIT("<a>", "O{a}[<a>]");
    SPLIT("<>; rel=preload", "O{}[<>; rel=preload]");

    /* empty values are skipped */
    SPLIT("", "");
    SPLIT(" , ,\t,", "");
    SPLIT(",<a>,,<b>,", "O{a}[<a>]O{b}[<b>]");

    /* a comma inside <...> or a quoted string does not split */
    SPLIT("<https://a.example/x,y>; rel=preload, <b>",
          "O{https://a.example/x,y}[<https://a.example/x,y>; rel=preload]"
          "O{b}[<b>]");
    SPLIT("<a>; title=\"x, y\", <b>", "O{a}[<a>; title=\"x, y\"]O{b}[<b>]");
    SPLIT("<a>; title=\"x\\\", <c>\", <b>",
          "O{a}[<a>; title=\"x\\\", <c>\"]O{b}[<b>]");
    SPLIT("<a\"b>, <c>", "O{a\"b}[<a\"b>]O{c}[<c>]");

    /* '<' in a parameter opens a quote too, to the next '>' */
    SPLIT("<a>; x=<y, z>; rel=preload, <b>",
          "O{a}[<a>; x=<y, z>; rel=preload]O{b}[<b>]");

    /* what no browser reads as a link */
    SPLIT("https://a.example/; rel=preload",
          "B{}[https://a.example/; rel=preload]");
    SPLIT("<https://a.example/; rel=preload",
          "B{}[<https://a.example/; rel=preload]");
    SPLIT("<a; rel=preload, <b>",         /* Chromium's URL: to the '>' */
          "O{a; rel=preload, <b}[<a; rel=preload, <b>]");
    SPLIT("<a> x; rel=preload, <b>", "B{a}[<a> x; rel=preload]O{b}[<b>]");
    SPLIT("<a>; title=\"x, <b>", "B{a}[<a>; title=\"x, <b>]");
    SPLIT("<a>>, <b>", "B{a}[<a>>]O{b}[<b>]");
    SPLIT(">, \"\", \\, ;", "B{}[>]B{}[\"\"]B{}[\\]B{}[;]");
    SPLIT("\x01\xff<a>", "B{}[\x01\xff<a>]");

    /* the URLs a browser may read in a value */
    URLS("<https://a.example/x>; rel=preload; as=script",
         "https://a.example/x|rel|preload|as|script|");
    URLS("< https://a.example/\tx >", "https://a.example/\tx|");
    URLS("<a>; x=<b, <c>", "a|b,|c|x|");
    URLS("<a<b>; x=<c<d>", "a<b|b|c|d|x|"); /* the target: to the first > */
    URLS("<https://a.example/", "https://a.example/|");
    URLS("<a>; imagesrcset=\"https://b.example/1.png 1x, "
         "https://b.example/2.png 2x\"; imagesizes=100vw",
         "a|imagesrcset|https://b.example/1.png|1x|https://b.example/2.png|"
         "2x|imagesizes|100vw|");
    URLS("<a>; imagesrcset=https://b.example/1.png",
         "a|imagesrcset|https://b.example/1.png|");
    URLS("<a>; title=\"https:\\/\\/b\\.example/\\\"x\\\\\"",
         "a|title|https://b.example/\"x\\|");
    URLS("<a>; title='https://b.example/'", "a|title|https://b.example/|");
    URLS("https://b.example/; rel=preload",
         "https://b.example/|rel|preload|");
    URLS("<a>; t=\"<https://b.example/>\"",
         "a|https://b.example/|t|https://b.example/|");
    URLS("", "");
    URLS("\"\\", "");

    /* through the tracker rules: the category of each value */
    {
        int                   i, cat;
        size_t                n;
        const char           *h;
        const unsigned char  *pos, *end, *u, *v, *ve;
        cc_url_link_urls_t    it;

        static const int  expect[] = { 1, -1, 3, 1 };

        h = "<https://www.googletagmanager.com/gtag/js?id=G-1>; rel=preload;"
            " as=script, </app.js>; rel=preload; as=script, "
            "</i.png>; rel=preload; as=image; imagesrcset="
            "\"https://www.facebook.com/tr?id=1 2x\", "
            "<https://www.googletag\tmanager.com/>; rel=preconnect";
        pos = (const unsigned char *) h;
        end = pos + strlen(h);

        for (i = 0; i < 4; i++) {
            CC_CHECK_INT(cc_url_link_next(&pos, end, &u, &n, &v, &ve),
                         CC_URL_LINK_OK);

            cat = -1;
            cc_url_link_urls_init(&it, v, ve);

            while (cat < 0 && cc_url_link_urls_next(&it, &u, &n)) {
                cat = cc_hosts_match_url(hosts, u, n);
            }

            CC_CHECK_INT(cat, expect[i]);
        }

        CC_CHECK_INT(cc_url_link_next(&pos, end, &u, &n, &v, &ve),
                     CC_URL_LINK_END);
    }
}


/* ---- through the HTML rewriter ---- */

#define OUT_MAX  16384

static unsigned char  out[OUT_MAX];
static size_t         out_len;


static int
emit(void *ctx, const unsigned char *p, size_t len, int from_input)
{
    (void) ctx;
    (void) from_input;

    if (out_len + len > OUT_MAX) {
        return -1;
    }

    memcpy(out + out_len, p, len);
    out_len += len;

    return 0;
}


/* the page rewritten with nothing granted, in one chunk and byte by byte */
static const char *
rewrite(const char *in)
{
    size_t          i, len, first;
    cc_html_t      *h;
    cc_html_conf_t  conf;
    static char     keep[OUT_MAX + 1];

    memset(&conf, 0, sizeof(conf));
    conf.granted = 1;
    conf.categories = categories;
    conf.ncategories = 4;
    conf.match_url = match;
    conf.data = hosts;

    h = malloc(cc_html_state_size());
    if (h == NULL) {
        abort();
    }

    len = strlen(in);

    out_len = 0;
    cc_html_init(h, &conf);
    CC_CHECK_INT(cc_html_feed(h, (const unsigned char *) in, len, 1, emit,
                              NULL), 0);
    memcpy(keep, out, out_len);
    keep[out_len] = '\0';
    first = out_len;

    out_len = 0;
    cc_html_init(h, &conf);

    for (i = 0; i < len; i++) {
        CC_CHECK_INT(cc_html_feed(h, (const unsigned char *) in + i, 1,
                                  i + 1 == len, emit, NULL), 0);
    }

    CC_CHECK(out_len == first && memcmp(out, keep, first) == 0);

    free(h);

    return keep;
}


#define BLOCKED(in)                                                          \
    do {                                                                     \
        const char  *r_ = rewrite(in);                                       \
        if (strstr(r_, "data-category=\"analytics\"") == NULL) {             \
            fprintf(stderr, "not blocked: %s\n", in);                        \
        }                                                                    \
        CC_CHECK(strstr(r_, "data-category=\"analytics\"") != NULL);         \
    } while (0)

#define PASSES(in)                                                           \
    do {                                                                     \
        const char  *r_ = rewrite(in);                                       \
        if (strcmp(r_, in) != 0) {                                           \
            fprintf(stderr, "changed: %s\n   -> %s\n", in, r_);              \
        }                                                                    \
        CC_CHECK(strcmp(r_, in) == 0);                                       \
    } while (0)

#define IMG(url)  "<img src=\"" url "\">"


static void
test_spellings(void)
{
    /* https://www.googletagmanager.com/gtag/js?id=G-1, as Chromium loads it */

    BLOCKED(IMG("https://www.googletagmanager.com/gtag/js?id=G-1"));
    BLOCKED(IMG("HTTPS://WWW.GOOGLETAGMANAGER.COM/gtag/js?id=G-1"));
    BLOCKED(IMG("https:&sol;&sol;www.googletagmanager.com/gtag/js?id=G-1"));
    BLOCKED(IMG("https&colon;//www&period;googletagmanager&period;com/gtag"
                "/js?id=G-1"));
    BLOCKED(IMG("&#x68;ttps://www.googletagmanager.com/gtag/js?id=G-1"));
    BLOCKED(IMG("&#104ttps://www.googletagmanager.com/gtag/js?id=G-1"));
    BLOCKED(IMG("ht&Tab;tps://www.google&NewLine;tagmanager.com/gtag/js"));
    BLOCKED(IMG("ht\ttps://www.google\ntagmanager.com/gtag/js?id=G-1"));
    BLOCKED(IMG(" \t https://www.googletagmanager.com/gtag/js?id=G-1 \n"));
    BLOCKED(IMG("https:\\\\www.googletagmanager.com\\gtag\\js?id=G-1"));
    BLOCKED(IMG("https:www.googletagmanager.com/gtag/js?id=G-1"));
    BLOCKED(IMG("https:///www.googletagmanager.com/gtag/js?id=G-1"));
    BLOCKED(IMG("https:/\\www.googletagmanager.com/gtag/js?id=G-1"));
    BLOCKED(IMG("//www.googletagmanager.com/gtag/js?id=G-1"));
    BLOCKED(IMG("\\\\www.googletagmanager.com/gtag/js?id=G-1"));
    BLOCKED(IMG("https://%77ww.googletagmanager.com/gtag/js?id=G-1"));
    BLOCKED(IMG("https://www%2Egoogletagmanager%2Ecom/gtag/js?id=G-1"));
    BLOCKED(IMG("https://www.googletagmanager.com./gtag/js?id=G-1"));
    BLOCKED(IMG("https://\xef\xbd\x97\xef\xbd\x97\xef\xbd\x97\xef\xbc\x8e"
                "\xef\xbd\x87oogletagmanager\xe3\x80\x82\xef\xbd\x83om/"
                "gtag/js"));
    BLOCKED(IMG("https://www.goo&shy;gletagmanager.com/gtag/js?id=G-1"));
    BLOCKED(IMG("https://user:pw@www.googletagmanager.com/gtag/js?id=G-1"));
    BLOCKED(IMG("https://evil.example&#64;www.googletagmanager.com/gtag/js"));
    BLOCKED(IMG("https://www.googletagmanager.com:443/gtag/js?id=G-1"));
    BLOCKED(IMG("https://www.googletagmanager.com/x/../gtag/js?id=G-1"));
    BLOCKED("<base href=\"https://www.googletagmanager.com/\">"
            "<img src=\"gtag/js?id=G-1\">");
    BLOCKED("<img srcset=\"/a.png 1x, "
            "https://www.googletagmanager.com/gtag/js?id=G-1 2x\">");

    /* lookalikes on other hosts */

    PASSES(IMG("https://googletagmanager.com.evil.example/gtag/js?id=G-1"));
    PASSES(IMG("https://evil.example/www.googletagmanager.com/gtag/js"));
    PASSES(IMG("https://www.googletagmanager.com@evil.example/gtag/js"));
    PASSES(IMG("https://evil.example/?u=https://www.googletagmanager.com"));
    PASSES(IMG("https://evil.example#https://www.googletagmanager.com/"));
    PASSES(IMG("https://evil.example\\@www.googletagmanager.com/"));
    PASSES(IMG("https://wwwgoogletagmanager.com/gtag/js"));
    PASSES(IMG("https://www.googletagmanager.co/gtag/js"));
    PASSES(IMG("https://notgoogletagmanager.com/gtag/js"));
    PASSES(IMG("https://www.googletagmanager.com%2Eevil.example/gtag/js"));
    PASSES(IMG("https://www.googletagmanager.com&period;evil.example/"));
    PASSES(IMG("gtag/js?id=www.googletagmanager.com"));
    PASSES(IMG("/www.googletagmanager.com/gtag/js"));
    PASSES(IMG("data:text/html,https://www.googletagmanager.com/gtag/js"));
    PASSES(IMG("javascript:'//www.googletagmanager.com/gtag/js'"));
    PASSES(IMG("https://www.googletagmanager&ampcom/gtag/js"));
    PASSES("<base href=\"/www.googletagmanager.com/\">"
           "<img src=\"gtag/js?id=G-1\">");
}


static void
test_elements(void)
{
#define T  "https://www.googletagmanager.com/gtag/js"

    /* every element and attribute a browser fetches from */

    CC_CHECK_STR(rewrite("<img srcset=\"" T " 2x\">"), strlen(rewrite(
                 "<img srcset=\"" T " 2x\">")),
                 "<img data-category=\"analytics\" data-srcset=\"" T
                 " 2x\">");
    BLOCKED("<picture><source srcset=\"/a.webp, " T " 2x\">"
            "<img src=/a.png></picture>");
    BLOCKED("<input type=IMAGE src=" T ">");
    PASSES("<input type=text src=" T ">");
    BLOCKED("<object data=" T "></object>");
    BLOCKED("<embed src=" T ">");
    BLOCKED("<video poster=" T " src=/a.mp4></video>");
    BLOCKED("<video><source src=" T "></video>");
    BLOCKED("<audio src=" T "></audio>");
    BLOCKED("<video><track src=" T "></video>");
    BLOCKED("<svg><script href=" T "></script></svg>");
    BLOCKED("<svg><script xlink:href=" T "></script></svg>");
    BLOCKED("<svg><image href=" T "></image></svg>");
    BLOCKED("<svg><image xlink:href=" T "></image></svg>");
    BLOCKED("<iframe src=" T "></iframe>");
    BLOCKED("<frameset><frame src=" T "></frameset>");
    BLOCKED("<link rel=preconnect href=https://www.googletagmanager.com>");
    BLOCKED("<link rel=dns-prefetch href=//www.googletagmanager.com>");
    BLOCKED("<link rel=preload as=script href=" T ">");
    BLOCKED("<link rel=prefetch href=" T ">");
    BLOCKED("<link rel=modulepreload href=" T ">");
    BLOCKED("<link rel=stylesheet href=" T ">");
    BLOCKED("<link rel=preload as=image imagesrcset=\"" T " 2x\">");
    BLOCKED("<meta http-equiv=refresh content=\"0;url=" T "\">");
    BLOCKED("<meta http-equiv=Refresh content=\"0; URL='" T "'\">");
    PASSES("<meta name=refresh content=\"0;url=" T "\">");
    PASSES("<meta http-equiv=refresh content=\"5\">");
    BLOCKED("<base href=\"https://www.googletagmanager.com/\">");

    CC_CHECK_STR(rewrite("<video poster=" T " src=/a.mp4>"),
                 strlen(rewrite("<video poster=" T " src=/a.mp4>")),
                 "<video data-category=\"analytics\" data-poster=" T
                 " data-src=/a.mp4>");
    CC_CHECK_STR(rewrite("<meta http-equiv=refresh content=\"0;url=" T
                         "\">"),
                 strlen(rewrite("<meta http-equiv=refresh content=\"0;url="
                                T "\">")),
                 "<meta data-category=\"analytics\" http-equiv=refresh "
                 "data-content=\"0;url=" T "\">");

    /*
     * the first <base href> counts: relative URLs after it are the
     * tracker's, before it the document's; a later one changes nothing
     */

    {
        const char  *r;

        r = rewrite("<img src=a.png><base href=" "https://www."
                    "googletagmanager.com/x/><img src=gtag/js>"
                    "<base href=/><img src=b.png>");
        CC_CHECK_STR(r, strlen(r),
                     "<img src=a.png><base data-category=\"analytics\" "
                     "data-href=https://www.googletagmanager.com/x/>"
                     "<img data-category=\"analytics\" data-src=gtag/js>"
                     "<base href=/>"
                     "<img data-category=\"analytics\" data-src=b.png>");

        r = rewrite("<base href=/x/><base href=//www.googletagmanager.com/>"
                    "<img src=gtag/js>");
        CC_CHECK_STR(r, strlen(r),
                     "<base href=/x/><base data-category=\"analytics\" "
                     "data-href=//www.googletagmanager.com/>"
                     "<img src=gtag/js>");

        /* a scheme-relative base: "https:x" reads both ways */
        r = rewrite("<base href=//www.googletagmanager.com/>"
                    "<img src=https:a.png>");
        CC_CHECK(strstr(r, "<img data-category=\"analytics\"") != NULL);
    }

    /* first-party images are left alone */

    PASSES("<img src=/logo.png srcset=\"/logo@2x.png 2x\">");
    PASSES("<img src=\"https://example.com/a.png\">");
    PASSES("<video poster=/a.jpg><source src=/a.mp4></video>");
}


int
main(int argc, char **argv)
{
    static cc_host_rule_t  rules[] = {
        { (const unsigned char *) "googletagmanager.com", 20, NULL, 0, 1 },
        { (const unsigned char *) "facebook.com", 12,
          (const unsigned char *) "/tr", 3, 3 },
    };

    (void) argc;

    hosts = cc_hosts_build(rules, 2, test_alloc, NULL);
    CC_CHECK(hosts != NULL);

    test_decode();
    test_parse();
    test_link();
    test_spellings();
    test_elements();

    /* the path as servers read it */
    CC_CHECK_INT(cc_hosts_match_url(hosts, (const unsigned char *)
                 "https://www.facebook.com/%74r?id=1", 34), 3);
    CC_CHECK_INT(cc_hosts_match_url(hosts, (const unsigned char *)
                 "https://www.facebook.com/t%72", 29), 3);
    CC_CHECK_INT(cc_hosts_match_url(hosts, (const unsigned char *)
                 "https://www.facebook.com/x/../tr", 32), 3);
    CC_CHECK_INT(cc_hosts_match_url(hosts, (const unsigned char *)
                 "https://www.facebook.com/%2Ftr", 30), -1);
    CC_CHECK_INT(cc_hosts_match_url(hosts, (const unsigned char *)
                 "https://www.facebook.com/x/tr", 29), -1);

    return cc_test_done(argv[0]);
}
