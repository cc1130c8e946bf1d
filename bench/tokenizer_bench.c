/*
 * nginx-cookie-consent: HTML tokenizer micro-benchmark (make bench).
 *
 *   tokenizer_bench [-n RUNS] [-m MBYTES] [-b BANNER_FILE] [-c CATALOG]
 *                   FILE|DIR...
 *
 * Feeds each file, held in memory, through cc_html_feed() in 16 KB chunks
 * with an emit callback that only counts bytes, as often as needed to
 * process at least MBYTES (default 256) per run, a new document (state
 * initialised again) each time.  The files of a directory are one input:
 * each of them a document, the figure over all of them.  Prints the best of RUNS (default 5) in
 * MB/s (10^6 bytes per second of input), in one thread: the figure is per
 * core.  Two configurations: an undecided visitor (only necessary
 * granted, banner inserted) and a visitor who granted everything (the
 * tokenizer still runs: the module inserts the "Cookie settings" link).
 * Tracker URLs are matched against the tracker rules of the shipped
 * catalog (catalog/default.json, or the file given with -c).
 */

#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <dirent.h>
#include <sys/stat.h>

#include "cc_catalog.h"
#include "cc_html.h"
#include "cc_hosts.h"


#define CHUNK  16384


/* the tracker rules: those of the shipped catalog (-c for another) */

#define CATALOG  "catalog/default.json"


static const char *const  categories[] = {
    "necessary", "preferences", "analytics", "marketing"
};

static const char  default_banner[] =
    "<link rel=\"stylesheet\" href=\"/cookie-consent/banner.css\">"
    "<div id=\"ccm-banner\" class=\"ccm\" role=\"region\">"
    "<form class=\"ccm-form\" method=\"post\" action=\"/cookie-consent\">"
    "<p id=\"ccm-title\" class=\"ccm-title\">Cookies on this site</p>"
    "<div class=\"ccm-btns\"><button type=\"submit\" name=\"action\" "
    "value=\"accept_all\" class=\"ccm-btn\">Accept all</button><button "
    "type=\"submit\" name=\"action\" value=\"reject_all\" class=\"ccm-btn\">"
    "Reject all</button></div></form></div>"
    "<script src=\"/cookie-consent/banner.js\" defer></script>";


typedef struct {
    const char     *name;
    unsigned char  *data;
    size_t          len;
} doc_t;


typedef struct {
    const char     *name;
    doc_t          *docs;
    size_t          ndocs;
    size_t          len;           /* of all documents */
} input_t;


static void *
bench_alloc(void *pool, size_t size)
{
    (void) pool;
    return calloc(1, size ? size : 1);
}


static int
bench_match_url(void *data, const unsigned char *url, size_t len)
{
    return cc_hosts_match_url(data, url, len);
}


static int
bench_emit(void *ctx, const unsigned char *p, size_t len, int from_input)
{
    (void) p;
    (void) from_input;
    *(size_t *) ctx += len;
    return 0;
}


typedef struct {
    cc_host_rule_t  *rules;
    size_t           n;
    size_t           size;
} bench_rules_t;


/* a catalog tracker of one of the four standard categories, kept */
static int
bench_tracker(void *data, const char *host, const char *path,
    const char *category, const char *vendor, char *err, size_t errlen)
{
    int             c;
    bench_rules_t  *r = data;
    cc_host_rule_t *rule;

    (void) vendor;
    (void) err;
    (void) errlen;

    for (c = 0; c < 4 && strcmp(categories[c], category) != 0; c++) {
        /* void */
    }

    if (c == 4) {
        return 0;
    }

    if (r->n == r->size) {
        r->size = r->size ? 2 * r->size : 256;
        r->rules = realloc(r->rules, r->size * sizeof(cc_host_rule_t));
        if (r->rules == NULL) {
            return -1;
        }
    }

    rule = &r->rules[r->n++];
    rule->host = (const unsigned char *) strdup(host);
    rule->host_len = strlen(host);
    rule->path = path ? (const unsigned char *) strdup(path) : NULL;
    rule->path_len = path ? strlen(path) : 0;
    rule->category = c;

    return 0;
}


static cc_hosts_t *
bench_hosts(const char *catalog)
{
    char                   err[CC_CATALOG_ERRLEN];
    bench_rules_t          r;
    cc_catalog_stats_t     stats;
    cc_catalog_handler_t   h;

    memset(&r, 0, sizeof(r));
    memset(&h, 0, sizeof(h));
    h.data = &r;
    h.on_tracker = bench_tracker;

    if (cc_catalog_load_file(catalog, &h, &stats, err, sizeof(err))
        != CC_CATALOG_OK)
    {
        fprintf(stderr, "tokenizer_bench: %s: %s\n", catalog, err);
        return NULL;
    }

    return cc_hosts_build(r.rules, r.n, bench_alloc, NULL);
}


static int
load_doc(const char *name, doc_t *in)
{
    FILE  *f;
    long   n;

    f = fopen(name, "rb");
    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0
        || fseek(f, 0, SEEK_SET) != 0)
    {
        perror(name);
        return -1;
    }

    in->name = name;
    in->len = (size_t) n;
    in->data = malloc(in->len ? in->len : 1);

    if (in->data == NULL || fread(in->data, 1, in->len, f) != in->len) {
        perror(name);
        fclose(f);
        return -1;
    }

    fclose(f);
    return 0;
}


/* a file, or every regular file of a directory (sorted by name) */

static int
load(const char *name, input_t *in)
{
    DIR            *d;
    char           *path;
    size_t          i, j, n;
    struct stat     st;
    struct dirent  *e;
    doc_t           t;

    in->name = name;
    in->docs = NULL;
    in->ndocs = 0;
    in->len = 0;

    if (stat(name, &st) == 0 && S_ISDIR(st.st_mode)) {
        d = opendir(name);
        if (d == NULL) {
            perror(name);
            return -1;
        }

        n = 0;
        while ((e = readdir(d)) != NULL) {
            if (e->d_name[0] == '.') {
                continue;
            }

            path = malloc(strlen(name) + strlen(e->d_name) + 2);
            if (path == NULL) {
                closedir(d);
                return -1;
            }
            sprintf(path, "%s/%s", name, e->d_name);

            if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
                free(path);
                continue;
            }

            if (in->ndocs == n) {
                n = n ? 2 * n : 64;
                in->docs = realloc(in->docs, n * sizeof(doc_t));
                if (in->docs == NULL) {
                    closedir(d);
                    return -1;
                }
            }

            if (load_doc(path, &in->docs[in->ndocs]) != 0) {
                closedir(d);
                return -1;
            }

            in->len += in->docs[in->ndocs++].len;
        }

        closedir(d);

        for (i = 1; i < in->ndocs; i++) {
            for (j = i; j > 0
                 && strcmp(in->docs[j - 1].name, in->docs[j].name) > 0; j--)
            {
                t = in->docs[j];
                in->docs[j] = in->docs[j - 1];
                in->docs[j - 1] = t;
            }
        }

        return in->ndocs ? 0 : -1;
    }

    in->docs = malloc(sizeof(doc_t));
    if (in->docs == NULL || load_doc(name, in->docs) != 0) {
        return -1;
    }

    in->ndocs = 1;
    in->len = in->docs->len;

    return 0;
}


static double
now(void)
{
    struct timespec  ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}


/* MB/s of the best run; *out: bytes emitted for one document */

static double
run(const input_t *in, const cc_html_conf_t *conf, cc_html_t *h, int runs,
    size_t target, size_t *out)
{
    int           r;
    size_t        reps, k, off, n, emitted, dn;
    double        t0, t, best;
    const doc_t  *doc;

    reps = target / (in->len ? in->len : 1);
    if (reps == 0) {
        reps = 1;
    }

    best = 0;

    for (r = 0; r < runs; r++) {
        emitted = 0;
        t0 = now();

        for (k = 0; k < reps; k++) {
            for (dn = 0; dn < in->ndocs; dn++) {
                doc = &in->docs[dn];
                cc_html_init(h, conf);
                off = 0;

                do {
                    n = doc->len - off < CHUNK ? doc->len - off : CHUNK;

                    if (cc_html_feed(h, doc->data + off, n,
                                     off + n == doc->len, bench_emit,
                                     &emitted)
                        != 0)
                    {
                        fprintf(stderr, "%s: cc_html_feed failed\n",
                                doc->name);
                        exit(1);
                    }

                    off += n;
                } while (off < doc->len);
            }
        }

        t = now() - t0;

        if (t > 0 && (double) in->len * reps / t / 1e6 > best) {
            best = (double) in->len * reps / t / 1e6;
        }

        *out = emitted / reps;
    }

    return best;
}


int
main(int argc, char **argv)
{
    int              i, runs = 5;
    size_t           target = 256, out_u, out_g;
    double           mu, mg;
    input_t          in;
    cc_html_t       *h;
    cc_hosts_t      *hosts;
    doc_t            banner;
    const char      *catalog = CATALOG;
    cc_html_conf_t   undecided, granted;

    banner.data = (unsigned char *) default_banner;
    banner.len = sizeof(default_banner) - 1;

    for (i = 1; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "-n") == 0 && i + 1 < argc) {
            runs = atoi(argv[++i]);
        } else if (strcmp(argv[i], "-m") == 0 && i + 1 < argc) {
            target = (size_t) atol(argv[++i]);
        } else if (strcmp(argv[i], "-c") == 0 && i + 1 < argc) {
            catalog = argv[++i];
        } else if (strcmp(argv[i], "-b") == 0 && i + 1 < argc) {
            if (load_doc(argv[++i], &banner) != 0) {
                return 1;
            }
        } else {
            break;
        }
    }

    if (i == argc || runs < 1 || target < 1) {
        fprintf(stderr, "usage: tokenizer_bench [-n RUNS] [-m MBYTES] "
                        "[-b BANNER] [-c CATALOG] FILE...\n");
        return 2;
    }

    target *= 1000000;

    hosts = bench_hosts(catalog);
    if (hosts == NULL) {
        return 1;
    }

    h = malloc(cc_html_state_size());
    if (h == NULL) {
        fprintf(stderr, "out of memory\n");
        return 1;
    }

    /* zero-initialised: fields added to cc_html_conf_t later stay off */

    memset(&undecided, 0, sizeof(undecided));
    undecided.granted = 1;
    undecided.categories = categories;
    undecided.ncategories = 4;
    undecided.match_url = bench_match_url;
    undecided.data = hosts;
    undecided.banner = banner.data;
    undecided.banner_len = banner.len;

    granted = undecided;
    granted.granted = 0xf;

    printf("%-40s %6s %10s %14s %14s %10s\n", "input", "docs", "bytes",
           "undecided_MB/s", "granted_MB/s", "out_bytes");

    for ( /* void */ ; i < argc; i++) {
        if (load(argv[i], &in) != 0) {
            return 1;
        }

        mu = run(&in, &undecided, h, runs, target, &out_u);
        mg = run(&in, &granted, h, runs, target, &out_g);

        printf("%-40s %6zu %10zu %14.0f %14.0f %10zu\n", in.name, in.ndocs,
               in.len, mu, mg, out_u);
        fflush(stdout);

        (void) out_g;
    }

    return 0;
}
