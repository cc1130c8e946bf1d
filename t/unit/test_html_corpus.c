/*
 * The streaming HTML rewriter (src/cc_html.c) over the corpus of real
 * page fragments in fuzz/corpus/fuzz_html/ (the official GA4, GTM, Meta
 * Pixel, Hotjar, Clarity, LinkedIn, TikTok, YouTube and Vimeo snippets,
 * and hostile markup): for every document, every split into two chunks
 * and 1-byte chunks give the output of the whole document in one buffer,
 * with every insertion on (banner, Consent Mode default, placeholders);
 * with everything granted and nothing to insert, the output is the input.
 *
 * Corpus files start with the four selector bytes of fuzz/fuzz_html.c,
 * which are skipped here.  Run from the repository root (make unit).
 */

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_test.h"
#include "cc_html.h"


#define CORPUS   "fuzz/corpus/fuzz_html"
#define DOC_MAX  (256 * 1024)
#define OUT_MAX  (1024 * 1024)


typedef struct {
    unsigned char   *out;
    size_t           len;
    int              overflow;
} out_t;


static const char  *cats[] = {
    "necessary", "analytics", "preferences", "marketing", "social"
};


static int
match(void *data, const unsigned char *url, size_t len)
{
    size_t       i, k;
    const char  *host;

    static const struct {
        const char  *host;
        int          cat;
    } rules[] = {
        { "googletagmanager.com", 1 }, { "google-analytics.com", 1 },
        { "hotjar.com", 1 }, { "clarity.ms", 1 },
        { "facebook.net", 3 }, { "facebook.com/tr", 3 },
        { "licdn.com", 3 }, { "tiktok.com", 3 },
        { "youtube.com", 4 }, { "vimeo.com", 4 },
        { NULL, 0 }
    };

    (void) data;

    for (i = 0; rules[i].host != NULL; i++) {
        host = rules[i].host;

        for (k = 0; k + strlen(host) <= len; k++) {
            if (memcmp(url + k, host, strlen(host)) == 0) {
                return rules[i].cat;
            }
        }
    }

    return -1;
}


static int
insert(void *data, int what, int category, const unsigned char **p,
    size_t *len)
{
    static char  buf[64];

    (void) data;

    if (what == CC_HTML_INSERT_BANNER) {
        snprintf(buf, sizeof(buf), "[banner]");

    } else {
        snprintf(buf, sizeof(buf), "[placeholder %s]", cats[category]);
    }

    *p = (const unsigned char *) buf;
    *len = strlen(buf);

    return 0;
}


static int
emit(void *ctx, const unsigned char *p, size_t len, int from_input)
{
    out_t  *o = ctx;

    (void) from_input;

    if (o->len + len > OUT_MAX) {
        o->overflow = 1;
        return -1;
    }

    memcpy(o->out + o->len, p, len);
    o->len += len;

    return 0;
}


/* the document in chunks: split at "at" (0: one chunk), or of "step" */
static int
run(out_t *o, const unsigned char *doc, size_t len, uint32_t granted,
    int inserts, size_t at, size_t step)
{
    int              rc;
    size_t           off, n;
    cc_html_conf_t   conf;
    static void     *state;

    if (state == NULL) {
        state = malloc(cc_html_state_size());
        if (state == NULL) {
            return -1;
        }
    }

    memset(&conf, 0, sizeof(cc_html_conf_t));
    conf.granted = granted;
    conf.categories = cats;
    conf.ncategories = 5;
    conf.match_url = match;

    if (inserts) {
        conf.insert = insert;
        conf.gcm = (const unsigned char *) "[gcm]";
        conf.gcm_len = 5;
    }

    cc_html_init(state, &conf);

    o->len = 0;
    o->overflow = 0;
    off = 0;
    rc = 0;

    do {
        if (step) {
            n = step;

        } else if (at && off == 0) {
            n = at;

        } else {
            n = len - off;
        }

        if (n > len - off) {
            n = len - off;
        }

        rc = cc_html_feed(state, doc + off, n, off + n == len, emit, o);
        off += n;

    } while (rc == 0 && off < len);

    if (rc == 0 && len == 0) {
        rc = cc_html_feed(state, doc, 0, 1, emit, o);
    }

    return rc;
}


static void
check_doc(const char *name, const unsigned char *doc, size_t len)
{
    size_t                at, stride, bad;
    static out_t          ref, o;
    static unsigned char  out_ref[OUT_MAX], out_o[OUT_MAX];

    ref.out = out_ref;
    o.out = out_o;

    /* everything granted, nothing to insert: the input */

    CC_CHECK_INT(run(&ref, doc, len, 0x1f, 0, 0, 0), 0);
    CC_CHECK(ref.len == len && memcmp(ref.out, doc, len) == 0);

    CC_CHECK_INT(run(&o, doc, len, 0x1f, 0, 0, 1), 0);
    CC_CHECK(o.len == len && memcmp(o.out, doc, len) == 0);

    /* only necessary granted, every insertion: the same for any split */

    CC_CHECK_INT(run(&ref, doc, len, 0x01, 1, 0, 0), 0);
    CC_CHECK(ref.len >= len + strlen("[banner]"));

    CC_CHECK_INT(run(&o, doc, len, 0x01, 1, 0, 1), 0);
    CC_CHECK(o.len == ref.len && memcmp(o.out, ref.out, ref.len) == 0);

    stride = (len > 4096) ? 7 : 1;
    bad = 0;

    for (at = 1; at < len; at += stride) {
        if (run(&o, doc, len, 0x01, 1, at, 0) != 0
            || o.len != ref.len || memcmp(o.out, ref.out, ref.len) != 0)
        {
            if (bad++ == 0) {
                fprintf(stderr, "%s: split at %zu differs\n", name, at);
            }
        }
    }

    CC_CHECK_INT(bad, 0);
}


int
main(int argc, char **argv)
{
    DIR             *d;
    FILE            *f;
    size_t           n, docs;
    char             path[512];
    struct dirent   *e;
    unsigned char   *buf;

    (void) argc;

    buf = malloc(DOC_MAX);

    if (buf == NULL) {
        return 1;
    }

    d = opendir(CORPUS);
    CC_CHECK(d != NULL);

    docs = 0;

    while (d != NULL && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') {
            continue;
        }

        snprintf(path, sizeof(path), "%s/%s", CORPUS, e->d_name);

        f = fopen(path, "rb");
        if (f == NULL) {
            continue;
        }

        n = fread(buf, 1, DOC_MAX, f);
        fclose(f);

        if (n < 4) {
            continue;
        }

        check_doc(e->d_name, buf + 4, n - 4);
        docs++;
    }

    if (d != NULL) {
        closedir(d);
    }

    /* the corpus is there: a test over nothing would prove nothing */

    CC_CHECK(docs >= 20);

    free(buf);

    return cc_test_done(argv[0]);
}
