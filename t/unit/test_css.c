/*
 * Unit tests for src/cc_css.c: the URLs a piece of CSS may fetch.
 */

#include <stdlib.h>

#include "cc_css.h"
#include "cc_test.h"


static char  test_urls[1024];
static char  test_raws[1024];


/* every candidate, decoded and as written, each followed by '|' */
static void
test_scan(const char *css)
{
    size_t                len, raw, n, m;
    unsigned char         out[64];
    const unsigned char  *pos, *end, *start;

    pos = (const unsigned char *) css;
    end = pos + strlen(css);
    n = 0;
    m = 0;

    while (cc_css_next_url(&pos, end, out, sizeof(out), &len, &start, &raw))
    {
        CC_CHECK(len <= sizeof(out));
        CC_CHECK(start >= (const unsigned char *) css && start + raw <= pos
                 && pos <= end);

        if (n + len + 2 < sizeof(test_urls)) {
            memcpy(test_urls + n, out, len);
            n += len;
            test_urls[n++] = '|';
        }

        if (m + raw + 2 < sizeof(test_raws)) {
            memcpy(test_raws + m, start, raw);
            m += raw;
            test_raws[m++] = '|';
        }
    }

    CC_CHECK(pos == end);

    test_urls[n] = '\0';
    test_raws[m] = '\0';
}


#define URLS(css, urls)                                                      \
    do {                                                                     \
        test_scan(css);                                                      \
        CC_CHECK_STR(test_urls, strlen(test_urls), urls);                    \
    } while (0)

#define RAWS(css, raws)                                                      \
    do {                                                                     \
        test_scan(css);                                                      \
        CC_CHECK_STR(test_raws, strlen(test_raws), raws);                    \
    } while (0)


int
main(int argc, char **argv)
{
    (void) argc;

    /* url() unquoted and quoted, strings, whatever the function */

    URLS("a{background:url(https://t.example/p.gif)}",
         "https://t.example/p.gif|");
    URLS("a{background:URL(  \"//t.example/x\"  )}", "//t.example/x|");
    URLS("@import 'https://t.example/a.css';", "https://t.example/a.css|");
    URLS("b{background-image:image-set(\"a.png\" 1x, 'b.png' 2x)}",
         "a.png|b.png|");
    URLS("i{color:rgb(1,2,3)}", "1,2,3|");
    URLS("i{background:url()}", "");

    /* escapes: hex (then one white space), others the character itself */

    URLS("a{background:u\\72l(\\68ttps:\\2f\\2ft.example/x)}",
         "https://t.example/x|");
    URLS("@import '\\2f \\2ft.example\\/x';", "//t.example/x|");
    URLS("@import 'a\\\nb';", "ab|");
    URLS("@import 'a\\0b';", "a\x0b|");
    URLS("@import '\\0';", "\xef\xbf\xbd|");
    URLS("@import '\\110000';", "\xef\xbf\xbd|");
    URLS("@import '\\FF0E';", "\xef\xbc\x8e|");

    /* as written: Chromium's preload scanner fetches it so */

    RAWS("@import url('https:\\\\t.example\\gtag\\js');",
         "https:\\\\t.example\\gtag\\js|");
    URLS("@import url('https:\\\\t.example\\gtag\\js');",
         "https:\\t.examplegtagjs|");

    /* comments, escaped quotes, bad strings and URLs */

    URLS("/* url(https://t.example/) */a{b:url(x)}", "x|");
    URLS("/* never closed url(https://t.example/)", "");
    URLS("a{content:\\'x'}", "}|");
    URLS("a{content:'x\ny'}", "x|}|");
    URLS("a{b:url(x y)}", "x|");
    URLS("a{b:url(x\\", "x|");
    URLS("'unterminated", "unterminated|");
    URLS("(", "");
    URLS("\\", "");

    /* cut at the buffer, the position past the whole token */

    URLS("url(aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
         "aaaaaaaaaa) url(b)",
         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa|b|");

    return cc_test_done(argv[0]);
}
