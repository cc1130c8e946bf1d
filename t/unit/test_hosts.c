/*
 * Unit tests: tracker URL classification (src/cc_hosts.c).
 */

#include <stdlib.h>

#include "cc_test.h"
#include "cc_hosts.h"


/*
 * The test process exits soon: nothing is freed, but every block stays
 * reachable, so that LeakSanitizer does not take the tables for leaks
 */

static void    *test_blocks[256];
static size_t   test_nblocks;


static void *
test_alloc(void *pool, size_t size)
{
    void  *p;

    (void) pool;

    p = malloc(size);

    if (p != NULL && test_nblocks < sizeof(test_blocks) / sizeof(void *)) {
        test_blocks[test_nblocks++] = p;
    }

    return p;
}


#define R(h, p, c)  { (const unsigned char *) h, sizeof(h) - 1,               \
                      (const unsigned char *) p, sizeof(p) - 1, c }

#define URL(t, s)   cc_hosts_match_url(t, (const unsigned char *) s,          \
                                       sizeof(s) - 1)


int
main(int argc, char **argv)
{
    cc_hosts_t            *t;
    static cc_host_rule_t  rules[] = {
        R("google-analytics.com", "", 2),
        R("googletagmanager.com", "", 2),
        R("facebook.com", "/tr", 3),
        R("www.facebook.com", "/plugins", 4),
        R("youtube.com", "/embed", 3),
        R("youtube.com", "/embed/live", 4),
        R("Clarity.MS", "", 2),
        R("clarity.ms", "", 2),
        R("maps.google.com", "/maps", 1),
        R("doubleclick.net", "", 3),
        R("sub.doubleclick.net", "", 2),
    };

    (void) argc;

    t = cc_hosts_build(rules, sizeof(rules) / sizeof(rules[0]), test_alloc,
                       NULL);
    CC_CHECK(t != NULL);
    CC_CHECK_INT(cc_hosts_count(t), 9);

    /* host suffix */
    CC_CHECK_INT(URL(t, "https://www.google-analytics.com/analytics.js"), 2);
    CC_CHECK_INT(URL(t, "https://google-analytics.com"), 2);
    CC_CHECK_INT(URL(t, "//region1.google-analytics.com/g/collect?v=2"), 2);
    CC_CHECK_INT(URL(t, "HTTPS://WWW.GOOGLETAGMANAGER.COM/gtag/js?id=G-1"), 2);
    CC_CHECK_INT(URL(t, "https://notgoogle-analytics.com/x.js"), -1);
    CC_CHECK_INT(URL(t, "https://google-analytics.com.evil.example/x.js"),
                 -1);
    CC_CHECK_INT(URL(t, "https://www.clarity.ms/tag/abc"), 2);

    /* most specific host wins */
    CC_CHECK_INT(URL(t, "https://a.sub.doubleclick.net/x"), 2);
    CC_CHECK_INT(URL(t, "https://ad.doubleclick.net/x"), 3);

    /* path prefixes, longest first */
    CC_CHECK_INT(URL(t, "https://www.facebook.com/tr?id=1&ev=PageView"), 3);
    CC_CHECK_INT(URL(t, "https://www.facebook.com/plugins/like.php"), 4);
    CC_CHECK_INT(URL(t, "https://www.facebook.com/profile"), -1);
    CC_CHECK_INT(URL(t, "https://facebook.com/tr/"), 3);

    /* '\\' in a path is '/' to the browser */

    CC_CHECK_INT(URL(t, "https://www.facebook.com\\tr?id=1"), 3);
    CC_CHECK_INT(URL(t, "https:\\\\www.facebook.com\\plugins\\x"), 4);
    CC_CHECK_INT(URL(t, "https://www.facebook.com\\profile"), -1);
    CC_CHECK_INT(URL(t, "https://www.youtube.com/embed/abc"), 3);
    CC_CHECK_INT(URL(t, "https://www.youtube.com/embed/live_stream?c=1"), 4);
    CC_CHECK_INT(URL(t, "https://www.youtube.com/watch?v=1"), -1);
    CC_CHECK_INT(URL(t, "https://maps.google.com/maps?q=x"), 1);
    CC_CHECK_INT(URL(t, "https://maps.google.com/"), -1);

    /* userinfo, port, trailing dot, backslashes */
    CC_CHECK_INT(URL(t, "https://user:pw@google-analytics.com:443/a"), 2);
    CC_CHECK_INT(URL(t, "https://google-analytics.com./a"), 2);
    CC_CHECK_INT(URL(t, "https:\\\\google-analytics.com\\a"), 2);
    CC_CHECK_INT(URL(t, "  https://google-analytics.com/a"), 2);
    CC_CHECK_INT(URL(t, "https://google-analytics.com@evil.example/a"), -1);

    /* relative and other URLs never match */
    CC_CHECK_INT(URL(t, "/js/google-analytics.com.js"), -1);
    CC_CHECK_INT(URL(t, "google-analytics.com/x"), -1);
    CC_CHECK_INT(URL(t, "data:text/javascript,1"), -1);
    CC_CHECK_INT(URL(t, "ftp://google-analytics.com/x"), -1);
    CC_CHECK_INT(URL(t, ""), -1);
    CC_CHECK_INT(URL(t, "//"), -1);
    CC_CHECK_INT(URL(t, "https://"), -1);
    CC_CHECK_INT(URL(t, "https://."), -1);
    CC_CHECK_INT(URL(t, "https://com/x"), -1);

    /* rule syntax */
    CC_CHECK(cc_hosts_rule_valid((const unsigned char *) "a.com/x", 7));
    CC_CHECK(!cc_hosts_rule_valid((const unsigned char *) ".a.com", 6));
    CC_CHECK(!cc_hosts_rule_valid((const unsigned char *) "a.com.", 6));
    CC_CHECK(!cc_hosts_rule_valid((const unsigned char *) "/x", 2));
    CC_CHECK(!cc_hosts_rule_valid((const unsigned char *) "a b.com", 7));
    CC_CHECK(!cc_hosts_rule_valid((const unsigned char *) "a.com/tr?id", 11));
    CC_CHECK(!cc_hosts_rule_valid((const unsigned char *) "a.com/x#y", 9));
    CC_CHECK(!cc_hosts_rule_valid((const unsigned char *) "a.com/x\\y", 9));
    CC_CHECK(!cc_hosts_rule_valid((const unsigned char *) "", 0));

    return cc_test_done(argv[0]);
}
