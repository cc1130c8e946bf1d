/*
 * Unit tests of the catalog loader (src/cc_catalog.c).
 *
 * Fixtures live in t/unit/catalog/; the directory holding "catalog/" is
 * argv[1], else $CC_TEST_DIR, else "t/unit" (run from the repository
 * root).  The shipped catalog is <dir>/../../catalog/default.json, or
 * $CC_CATALOG_DEFAULT.
 */

/* fileno(), fstat(), strncasecmp(), strdup(), ftruncate() */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE  200809L
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cc_catalog.h"
#include "cc_test.h"


typedef struct {
    cc_catalog_kind_e   kind;
    char               *pattern;
    char               *category;
    char               *vendor;     /* NULL: none */
} rule_t;


typedef struct {
    char               *host;
    char               *path;       /* NULL: none */
    char               *category;
    char               *vendor;
} tracker_t;


typedef struct {
    char                names[CC_CATALOG_MAX_CATEGORIES][40];
    int                 required[CC_CATALOG_MAX_CATEGORIES];
    size_t              naliases[CC_CATALOG_MAX_CATEGORIES];
    size_t              nlabels[CC_CATALOG_MAX_CATEGORIES];
    size_t              ndescriptions[CC_CATALOG_MAX_CATEGORIES];
    char                first_alias[CC_CATALOG_MAX_CATEGORIES][40];
    char                label_en[CC_CATALOG_MAX_CATEGORIES][80];
    char                last_lang[CC_CATALOG_MAX_CATEGORIES][20];
    size_t              ncats;
    unsigned            bad_index;

    rule_t             *rules;
    size_t              nrules;
    tracker_t          *trackers;
    size_t              ntrackers;

    /* refusals, to test the callback error path */
    const char         *refuse_regex;     /* a regex to refuse */
    const char         *refuse_msg;
    int                 refuse_category;
    const char         *refuse_host;
} collect_t;


static const char  *dir;


static char *
dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}


static int
on_category(void *data, const cc_catalog_category_t *c, char *err,
    size_t errlen)
{
    collect_t  *col = data;
    size_t      i;

    if (col->refuse_category) {
        (void) err;
        (void) errlen;
        return 1;
    }

    i = col->ncats++;

    if (c->index != i || strlen(c->name) != c->name_len) {
        col->bad_index = 1;
    }

    snprintf(col->names[i], sizeof(col->names[i]), "%s", c->name);
    col->required[i] = c->required;
    col->naliases[i] = c->naliases;
    col->nlabels[i] = c->nlabels;
    col->ndescriptions[i] = c->ndescriptions;
    snprintf(col->first_alias[i], sizeof(col->first_alias[i]), "%s",
             c->naliases ? c->aliases[0] : "");
    snprintf(col->label_en[i], sizeof(col->label_en[i]), "%s",
             c->labels[0].text);
    snprintf(col->last_lang[i], sizeof(col->last_lang[i]), "%s",
             c->nlabels ? c->labels[c->nlabels - 1].lang : "");

    return 0;
}


static int
on_cookie(void *data, cc_catalog_kind_e kind, const char *pattern,
    size_t len, const char *category, const char *vendor, char *err,
    size_t errlen)
{
    collect_t  *col = data;
    rule_t     *r;

    if (col->refuse_regex && kind == CC_CATALOG_REGEX
        && strcmp(pattern, col->refuse_regex) == 0)
    {
        if (col->refuse_msg) {
            snprintf(err, errlen, "%s", col->refuse_msg);
        }
        return -1;
    }

    if (strlen(pattern) != len) {
        return -1;
    }

    r = realloc(col->rules, (col->nrules + 1) * sizeof(rule_t));
    if (r == NULL) {
        return -1;
    }

    col->rules = r;
    r = &col->rules[col->nrules++];
    r->kind = kind;
    r->pattern = strdup(pattern);
    r->category = strdup(category);
    r->vendor = dup_or_null(vendor);

    return 0;
}


static int
on_tracker(void *data, const char *host, const char *path,
    const char *category, const char *vendor, char *err, size_t errlen)
{
    collect_t  *col = data;
    tracker_t  *t;

    if (col->refuse_host && strcmp(host, col->refuse_host) == 0) {
        snprintf(err, errlen, "no thanks");
        return 1;
    }

    t = realloc(col->trackers, (col->ntrackers + 1) * sizeof(tracker_t));
    if (t == NULL) {
        return -1;
    }

    col->trackers = t;
    t = &col->trackers[col->ntrackers++];
    t->host = strdup(host);
    t->path = dup_or_null(path);
    t->category = strdup(category);
    t->vendor = dup_or_null(vendor);

    return 0;
}


static void
collect_free(collect_t *col)
{
    size_t  i;

    for (i = 0; i < col->nrules; i++) {
        free(col->rules[i].pattern);
        free(col->rules[i].category);
        free(col->rules[i].vendor);
    }

    for (i = 0; i < col->ntrackers; i++) {
        free(col->trackers[i].host);
        free(col->trackers[i].path);
        free(col->trackers[i].category);
        free(col->trackers[i].vendor);
    }

    free(col->rules);
    free(col->trackers);
    memset(col, 0, sizeof(collect_t));
}


static const rule_t *
find_rule(const collect_t *col, cc_catalog_kind_e kind, const char *pattern)
{
    size_t  i;

    for (i = 0; i < col->nrules; i++) {
        if (col->rules[i].kind == kind
            && strcmp(col->rules[i].pattern, pattern) == 0)
        {
            return &col->rules[i];
        }
    }

    return NULL;
}


static const tracker_t *
find_tracker(const collect_t *col, const char *host, const char *path)
{
    size_t  i;

    for (i = 0; i < col->ntrackers; i++) {
        if (strcmp(col->trackers[i].host, host) == 0
            && ((path == NULL && col->trackers[i].path == NULL)
                || (path && col->trackers[i].path
                    && strcmp(col->trackers[i].path, path) == 0)))
        {
            return &col->trackers[i];
        }
    }

    return NULL;
}


static int
load(const char *name, collect_t *col, cc_catalog_stats_t *stats,
    char *err, size_t errlen)
{
    char                  path[1024];
    cc_catalog_handler_t  h;

    snprintf(path, sizeof(path), "%s/catalog/%s", dir, name);

    h.data = col;
    h.on_category = on_category;
    h.on_cookie = on_cookie;
    h.on_tracker = on_tracker;

    return cc_catalog_load_file(path, &h, stats, err, errlen);
}


#define CHECK_RULE(col, kind, pat, cat)                                      \
    do {                                                                     \
        const rule_t *r_ = find_rule(col, kind, pat);                        \
        CC_CHECK(r_ != NULL);                                                \
        if (r_ != NULL) {                                                    \
            CC_CHECK_STR(r_->category, strlen(r_->category), cat);           \
        }                                                                    \
    } while (0)


static void
test_good(void)
{
    int                 rc;
    char                err[CC_CATALOG_ERRLEN];
    collect_t           col;
    const rule_t       *r;
    const tracker_t    *t;
    cc_catalog_stats_t  st;

    static const char   minimal[] =
        "{\"version\":1,\"categories\":[{\"name\":\"necessary\","
        "\"required\":true,\"label\":{\"en\":\"N\"}}]}";

    memset(&col, 0, sizeof(col));
    memset(&st, 0xff, sizeof(st));

    rc = load("good-minimal.json", &col, &st, err, sizeof(err));
    CC_CHECK_INT(rc, CC_CATALOG_OK);
    CC_CHECK_STR(err, strlen(err), "");
    CC_CHECK_INT(st.categories, 1);
    CC_CHECK_INT(st.cookies, 0);
    CC_CHECK_INT(st.trackers, 0);
    CC_CHECK_INT(st.duplicates, 0);
    CC_CHECK_INT(col.ncats, 1);
    CC_CHECK_STR(col.names[0], strlen(col.names[0]), "necessary");
    CC_CHECK_INT(col.required[0], 1);
    CC_CHECK_INT(col.naliases[0], 0);
    CC_CHECK_INT(col.ndescriptions[0], 0);
    collect_free(&col);

    rc = load("good-full.json", &col, &st, err, sizeof(err));
    CC_CHECK_INT(rc, CC_CATALOG_OK);
    if (rc != CC_CATALOG_OK) {
        fprintf(stderr, "good-full.json: %s\n", err);
    }

    CC_CHECK_INT(st.categories, 4);
    CC_CHECK_INT(st.cookies, 8);
    CC_CHECK_INT(st.trackers, 4);
    CC_CHECK_INT(st.duplicates, 2);
    CC_CHECK_INT(col.bad_index, 0);

    CC_CHECK_INT(col.ncats, 4);
    CC_CHECK_STR(col.names[0], strlen(col.names[0]), "necessary");
    CC_CHECK_STR(col.names[1], strlen(col.names[1]), "preferences");
    CC_CHECK_STR(col.names[2], strlen(col.names[2]), "analytics");
    CC_CHECK_STR(col.names[3], strlen(col.names[3]), "marketing");
    CC_CHECK_INT(col.required[0], 1);
    CC_CHECK_INT(col.required[1], 0);
    CC_CHECK_INT(col.required[3], 0);
    CC_CHECK_STR(col.first_alias[1], strlen(col.first_alias[1]),
                 "functional");
    CC_CHECK_INT(col.nlabels[0], 2);
    CC_CHECK_INT(col.ndescriptions[0], 3);
    CC_CHECK_INT(col.nlabels[1], 3);
    CC_CHECK_STR(col.label_en[1], strlen(col.label_en[1]), "Preferences");
    CC_CHECK_STR(col.last_lang[1], strlen(col.last_lang[1]), "el");

    CC_CHECK_INT(col.nrules, 8);
    CHECK_RULE(&col, CC_CATALOG_EXACT, "PHPSESSID", "necessary");
    CHECK_RULE(&col, CC_CATALOG_EXACT, "_ga", "analytics");
    CHECK_RULE(&col, CC_CATALOG_PREFIX, "_ga_", "analytics");
    CHECK_RULE(&col, CC_CATALOG_REGEX, "^_hjSession(User)?_\\d+$",
               "analytics");
    CHECK_RULE(&col, CC_CATALOG_EXACT, "lang", "preferences");
    CHECK_RULE(&col, CC_CATALOG_EXACT, "_fbp", "marketing");
    CHECK_RULE(&col, CC_CATALOG_PREFIX, "_fbp", "marketing");

    /* the same pattern as another kind is another rule */
    CHECK_RULE(&col, CC_CATALOG_REGEX, "^_ga$", "marketing");

    r = find_rule(&col, CC_CATALOG_EXACT, "_ga");
    CC_CHECK(r != NULL && r->vendor != NULL
             && strcmp(r->vendor, "Google Analytics") == 0);
    r = find_rule(&col, CC_CATALOG_EXACT, "lang");
    CC_CHECK(r != NULL && r->vendor == NULL);

    t = find_tracker(&col, "facebook.com", "/tr");
    CC_CHECK(t != NULL);
    if (t != NULL) {
        CC_CHECK_STR(t->category, strlen(t->category), "marketing");
        CC_CHECK(t->vendor != NULL && strcmp(t->vendor, "Meta") == 0);
    }

    t = find_tracker(&col, "facebook.com", NULL);
    CC_CHECK(t != NULL && t->vendor == NULL);
    t = find_tracker(&col, "player.vimeo.com", NULL);
    CC_CHECK(t != NULL && strcmp(t->category, "analytics") == 0);
    CC_CHECK(find_tracker(&col, "Facebook.COM", "/tr") == NULL);

    collect_free(&col);

    /* no handler, no stats, no error buffer */

    rc = cc_catalog_load_buffer(minimal, sizeof(minimal) - 1, NULL, NULL,
                                NULL, 0);
    CC_CHECK_INT(rc, CC_CATALOG_OK);

    rc = cc_catalog_load_buffer("[]", 2, NULL, NULL, NULL, 0);
    CC_CHECK_INT(rc, CC_CATALOG_ERROR);

    CC_CHECK_STR(cc_catalog_kind_name(CC_CATALOG_EXACT), 5, "exact");
    CC_CHECK_STR(cc_catalog_kind_name(CC_CATALOG_PREFIX), 6, "prefix");
    CC_CHECK_STR(cc_catalog_kind_name(CC_CATALOG_REGEX), 5, "regex");
}


typedef struct {
    const char  *file;
    const char  *error;
} bad_t;


static const bad_t  bad[] = {
    { "bad-root.json", "catalog: expected a JSON object" },
    { "bad-version.json",
      "version: unsupported catalog version 2 (this build reads"
      " version 1)" },
    { "bad-version-type.json", "version: expected an integer" },
    { "bad-no-version.json", "catalog: missing \"version\"" },
    { "bad-unknown-key.json", "catalog: unknown key \"cookie\"" },
    { "bad-meta-type.json", "meta: expected an object" },
    { "bad-no-categories.json", "catalog: missing \"categories\"" },
    { "bad-categories-empty.json", "categories: is empty" },
    { "bad-categories-type.json", "categories: expected an array" },
    { "bad-no-necessary.json", "categories: no \"necessary\" category" },
    { "bad-necessary-optional.json",
      "categories[0].required: \"necessary\" must be required" },
    { "bad-category-name.json",
      "categories[1].name: \"Analytics\" is not a valid category name"
      " (lowercase letters, digits and \"_\", starting with a letter)" },
    { "bad-category-dup.json",
      "categories[3].name: \"analytics\" is already used by category"
      " \"analytics\"" },
    { "bad-category-is-alias.json",
      "categories[3].name: \"functional\" is already used by category"
      " \"preferences\"" },
    { "bad-alias-dup.json",
      "categories[2].aliases[0]: \"functional\" is already used by"
      " category \"preferences\"" },
    { "bad-alias-invalid.json",
      "categories[2].aliases[0]: \"Stats!\" is not a valid alias"
      " (lowercase letters, digits, \"_\" and \"-\", starting with a"
      " letter)" },
    { "bad-category-type.json", "categories[1]: expected an object" },
    { "bad-required-type.json",
      "categories[0].required: expected true or false" },
    { "bad-label-missing.json", "categories[1]: missing \"label\"" },
    { "bad-label-no-en.json",
      "categories[1].label: missing \"en\" (the fallback language)" },
    { "bad-label-lang.json",
      "categories[0].label: \"english\" is not a language tag (such as"
      " \"en\" or \"pt-BR\")" },
    { "bad-label-type.json", "categories[0].label.en: expected a string" },
    { "bad-label-control.json",
      "categories[0].label.en: \"Neces\\x0asary\" contains a control"
      " character" },
    { "bad-label-long.json",
      "categories[0].label.en: longer than 256 bytes" },
    { "bad-description-no-en.json",
      "categories[0].description: missing \"en\" (the fallback"
      " language)" },
    { "bad-cookies-type.json", "cookies: expected an array" },
    { "bad-cookie-type.json", "cookies[3]: expected an object" },
    { "bad-cookie-missing-name.json",
      "cookies[1]: missing \"name\", \"prefix\" or \"regex\"" },
    { "bad-cookie-two-patterns.json",
      "cookies[0]: more than one of \"name\", \"prefix\" and \"regex\"" },
    { "bad-cookie-category.json",
      "cookies[2].category: unknown category \"foo\"" },
    { "bad-cookie-no-category.json", "cookies[0]: missing \"category\"" },
    { "bad-cookie-conflict.json",
      "cookies[3]: \"_ga\" listed twice with conflicting categories"
      " (analytics, marketing)" },
    { "bad-cookie-conflict-prefix.json",
      "cookies[3]: prefix \"_ga_\" listed twice with conflicting"
      " categories (analytics, marketing)" },
    { "bad-cookie-name-chars.json",
      "cookies[0].name: \"a b\" is not a valid cookie name" },
    { "bad-cookie-name-star.json",
      "cookies[0].name: \"_ga_*\" ends with \"*\": write a prefix as"
      " \"prefix\" without the \"*\"" },
    { "bad-cookie-prefix-star.json",
      "cookies[2].prefix: \"_ga_*\": write the prefix without \"*\"" },
    { "bad-cookie-long.json", "cookies[0].name: longer than 256 bytes" },
    { "bad-cookie-empty.json", "cookies[0].name: is empty" },
    { "bad-cookie-unknown-key.json", "cookies[0]: unknown key \"nmae\"" },
    { "bad-cookie-regex-control.json",
      "cookies[3].regex: \"^a\\x09b$\": a regular expression for cookie"
      " names is printable ASCII" },
    { "bad-vendor-type.json", "cookies[0].vendor: expected a string" },
    { "bad-vendor-empty.json", "cookies[0].vendor: is empty" },
    { "bad-trackers-type.json", "trackers: expected an array" },
    { "bad-tracker-missing-host.json", "trackers[0]: missing \"host\"" },
    { "bad-tracker-url.json",
      "trackers[0].host: \"https://google-analytics.com\" is not a host"
      " name (no scheme, port or path; a path goes in \"path\")" },
    { "bad-tracker-wildcard.json",
      "trackers[0].host: \"*.google-analytics.com\": write the domain"
      " without \"*.\", it matches its subdomains anyway" },
    { "bad-tracker-host-label.json",
      "trackers[0].host: \"google..com\" is not a valid host name" },
    { "bad-tracker-host-long.json",
      "trackers[0].host: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
      "aaaaaaaaaaaaaaaaaaaa\"... is not a valid host name" },
    { "bad-tracker-path.json",
      "trackers[0].path: \"collect\" does not start with \"/\"" },
    { "bad-tracker-path-space.json",
      "trackers[0].path: \"/a b\": a path is printable ASCII without"
      " spaces, \"?\", \"#\", \"\\\\\", quotes, \"<>^`{}\" (percent-encode"
      " them) or \".\" and \"..\" segments: the browser would never send it" },
    { "bad-tracker-path-query.json",
      "trackers[0].path: \"/tr?id=1\": a path is printable ASCII without"
      " spaces, \"?\", \"#\", \"\\\\\", quotes, \"<>^`{}\" (percent-encode"
      " them) or \".\" and \"..\" segments: the browser would never send it" },
    { "bad-tracker-path-dots.json",
      "trackers[0].path: \"/x/%2E./tr\": a path is printable ASCII without"
      " spaces, \"?\", \"#\", \"\\\\\", quotes, \"<>^`{}\" (percent-encode"
      " them) or \".\" and \"..\" segments: the browser would never send it" },
    { "bad-tracker-category.json",
      "trackers[0].category: unknown category \"social-media\"" },
    { "bad-tracker-conflict.json",
      "trackers[2]: \"facebook.com/tr\" listed twice with conflicting"
      " categories (marketing, analytics)" },
    { "bad-duplicate-key.json",
      "invalid JSON at line 1 column 24: duplicate object key near"
      " '\"version\"'" },
    { "bad-syntax.json",
      "invalid JSON at line 3 column 20: unexpected token near ','" },
    { "bad-trailing.json",
      "invalid JSON at line 1 column 41: end of file expected near"
      " 'trailing'" },
    { "bad-empty.json",
      "invalid JSON at line 1 column 0: '[' or '{' expected near end of"
      " file" },
    { NULL, NULL }
};


static void
test_bad(void)
{
    int                 rc;
    char                err[CC_CATALOG_ERRLEN];
    collect_t           col;
    const bad_t        *b;
    cc_catalog_stats_t  st;

    for (b = bad; b->file != NULL; b++) {
        memset(&col, 0, sizeof(col));
        memset(&st, 0, sizeof(st));
        strcpy(err, "untouched");

        rc = load(b->file, &col, &st, err, sizeof(err));
        CC_CHECK_INT(rc, CC_CATALOG_ERROR);

        if (strcmp(err, b->error) != 0) {
            fprintf(stderr, "%s: got     \"%s\"\n", b->file, err);
        }
        CC_CHECK_STR(err, strlen(err), b->error);

        /* one line */
        CC_CHECK(strchr(err, '\n') == NULL);

        /* stats are left alone on failure */
        CC_CHECK_INT(st.cookies, 0);

        collect_free(&col);
    }
}


static void
test_callbacks(void)
{
    int                   rc;
    char                  err[CC_CATALOG_ERRLEN];
    collect_t             col;
    cc_catalog_handler_t  h;

    h.data = &col;
    h.on_category = on_category;
    h.on_cookie = on_cookie;
    h.on_tracker = on_tracker;

    /* a regex refused with a message */

    memset(&col, 0, sizeof(col));
    col.refuse_regex = "^_hjSession(User)?_\\d+$";
    col.refuse_msg = "pcre2_compile() failed: missing )";

    rc = load("good-full.json", &col, NULL, err, sizeof(err));
    CC_CHECK_INT(rc, CC_CATALOG_ERROR);
    CC_CHECK_STR(err, strlen(err),
                 "cookies[3].regex: pcre2_compile() failed: missing )");
    collect_free(&col);

    /* without a message */

    memset(&col, 0, sizeof(col));
    col.refuse_regex = "^_ga$";

    rc = load("good-full.json", &col, NULL, err, sizeof(err));
    CC_CHECK_INT(rc, CC_CATALOG_ERROR);
    CC_CHECK_STR(err, strlen(err), "cookies[8].regex: refused by the"
                 " caller");
    collect_free(&col);

    memset(&col, 0, sizeof(col));
    col.refuse_category = 1;

    rc = load("good-full.json", &col, NULL, err, sizeof(err));
    CC_CHECK_INT(rc, CC_CATALOG_ERROR);
    CC_CHECK_STR(err, strlen(err), "categories[0]: refused by the caller");
    collect_free(&col);

    memset(&col, 0, sizeof(col));
    col.refuse_host = "player.vimeo.com";

    rc = load("good-full.json", &col, NULL, err, sizeof(err));
    CC_CHECK_INT(rc, CC_CATALOG_ERROR);
    CC_CHECK_STR(err, strlen(err), "trackers[4]: no thanks");
    collect_free(&col);

    /* callbacks may be left out */

    memset(&h, 0, sizeof(h));
    rc = cc_catalog_load_file("/nonexistent/catalog.json", &h, NULL, err,
                              sizeof(err));
    CC_CHECK_INT(rc, CC_CATALOG_ERROR);
    CC_CHECK_STR(err, strlen(err),
                 "cannot open the catalog: No such file or directory");
}


static void
test_buffers(void)
{
    int                 rc;
    char                err[CC_CATALOG_ERRLEN], small[24], path[1024];
    char               *big;
    size_t              n;
    FILE               *f;
    cc_catalog_stats_t  st;

    static const char   nul[] =
        "{\"version\":1,\"categories\":[{\"name\":\"nec\\u0000essary\","
        "\"required\":true,\"label\":{\"en\":\"N\"}}]}";

    static const char   controls[] =
        "{\"version\":1,\"catalog\":1}";

    /* jansson refuses \u0000 in strings */

    rc = cc_catalog_load_buffer(nul, sizeof(nul) - 1, NULL, NULL, err,
                                sizeof(err));
    CC_CHECK_INT(rc, CC_CATALOG_ERROR);
    CC_CHECK(strncmp(err, "invalid JSON at line 1 column ", 30) == 0);
    CC_CHECK(strstr(err, "NUL") != NULL || strstr(err, "\\u0000") != NULL);

    /* a small error buffer is cut, never overrun */

    rc = cc_catalog_load_buffer(controls, sizeof(controls) - 1, NULL, NULL,
                                small, sizeof(small));
    CC_CHECK_INT(rc, CC_CATALOG_ERROR);
    CC_CHECK_INT(strlen(small), sizeof(small) - 1);
    CC_CHECK_STR(small, strlen(small), "catalog: unknown key \"c");

    /* size limit of buffers */

    rc = cc_catalog_load_buffer("{}", (size_t) CC_CATALOG_MAX_SIZE + 1,
                                NULL, NULL, err, sizeof(err));
    CC_CHECK_INT(rc, CC_CATALOG_ERROR);
    CC_CHECK_STR(err, strlen(err),
                 "the catalog is larger than 16777216 bytes");

    /* size limit of files: a sparse file one byte too large */

    snprintf(path, sizeof(path), "/tmp/cc_catalog_big_%ld.json",
             (long) getpid());
    f = fopen(path, "wb");
    CC_CHECK(f != NULL);

    if (f != NULL) {
        CC_CHECK_INT(ftruncate(fileno(f), CC_CATALOG_MAX_SIZE + 1), 0);
        fclose(f);

        rc = cc_catalog_load_file(path, NULL, &st, err, sizeof(err));
        CC_CHECK_INT(rc, CC_CATALOG_ERROR);
        CC_CHECK_STR(err, strlen(err),
                     "the catalog is larger than 16777216 bytes");
        unlink(path);
    }

    /* a directory */

    rc = cc_catalog_load_file("/", NULL, NULL, err, sizeof(err));
    CC_CHECK_INT(rc, CC_CATALOG_ERROR);
    CC_CHECK_STR(err, strlen(err), "the catalog is not a regular file");

    /* deep nesting is jansson's error, not a crash */

    n = 100000;
    big = malloc(n + 64);
    CC_CHECK(big != NULL);

    if (big != NULL) {
        memcpy(big, "{\"version\":1,\"meta\":", 20);
        memset(big + 20, '[', n);
        rc = cc_catalog_load_buffer(big, n + 20, NULL, NULL, err,
                                    sizeof(err));
        CC_CHECK_INT(rc, CC_CATALOG_ERROR);
        CC_CHECK(strstr(err, "maximum parsing depth") != NULL
                 || strstr(err, "invalid JSON") != NULL);
        free(big);
    }
}


static void
test_shipped(void)
{
    int                 rc;
    char                err[CC_CATALOG_ERRLEN], path[1024];
    size_t              i, prefixes, regexes;
    collect_t           col;
    const char         *env;
    const rule_t       *r;
    const tracker_t    *t;
    cc_catalog_stats_t  st;
    cc_catalog_handler_t  h;

    env = getenv("CC_CATALOG_DEFAULT");

    if (env != NULL && env[0] != '\0') {
        snprintf(path, sizeof(path), "%s", env);

    } else {
        snprintf(path, sizeof(path), "%s/../../catalog/default.json", dir);
    }

    memset(&col, 0, sizeof(col));
    h.data = &col;
    h.on_category = on_category;
    h.on_cookie = on_cookie;
    h.on_tracker = on_tracker;

    rc = cc_catalog_load_file(path, &h, &st, err, sizeof(err));
    CC_CHECK_INT(rc, CC_CATALOG_OK);

    if (rc != CC_CATALOG_OK) {
        fprintf(stderr, "%s: %s\n", path, err);
        collect_free(&col);
        return;
    }

    printf("# %s: %zu categories, %zu cookie rules, %zu tracker rules\n",
           path, st.categories, st.cookies, st.trackers);

    CC_CHECK(st.cookies >= 1500);
    CC_CHECK(st.trackers >= 150);
    CC_CHECK_INT(st.duplicates, 0);
    CC_CHECK_INT(st.categories, 4);
    CC_CHECK_INT(col.nrules, st.cookies);
    CC_CHECK_INT(col.ntrackers, st.trackers);

    CC_CHECK_STR(col.names[0], strlen(col.names[0]), "necessary");
    CC_CHECK_STR(col.names[1], strlen(col.names[1]), "preferences");
    CC_CHECK_STR(col.names[2], strlen(col.names[2]), "analytics");
    CC_CHECK_STR(col.names[3], strlen(col.names[3]), "marketing");
    CC_CHECK_INT(col.required[0], 1);

    for (i = 0; i < 4; i++) {
        CC_CHECK(col.nlabels[i] >= 4);
        CC_CHECK(col.ndescriptions[i] >= 4);
    }

    CC_CHECK_STR(col.label_en[0], strlen(col.label_en[0]), "Necessary");
    CC_CHECK_STR(col.first_alias[1], strlen(col.first_alias[1]),
                 "functional");

    CHECK_RULE(&col, CC_CATALOG_EXACT, "_ga", "analytics");
    CHECK_RULE(&col, CC_CATALOG_PREFIX, "_ga_", "analytics");
    CHECK_RULE(&col, CC_CATALOG_EXACT, "_fbp", "marketing");
    CHECK_RULE(&col, CC_CATALOG_PREFIX, "_hjSessionUser_", "analytics");
    CHECK_RULE(&col, CC_CATALOG_PREFIX, "_hjSession_", "analytics");
    CHECK_RULE(&col, CC_CATALOG_EXACT, "PHPSESSID", "necessary");
    CHECK_RULE(&col, CC_CATALOG_EXACT, "JSESSIONID", "necessary");
    CHECK_RULE(&col, CC_CATALOG_EXACT, "CookieConsent", "necessary");
    CHECK_RULE(&col, CC_CATALOG_EXACT, "OptanonConsent", "necessary");
    CHECK_RULE(&col, CC_CATALOG_EXACT, "euconsent-v2", "necessary");
    CHECK_RULE(&col, CC_CATALOG_EXACT, "__cf_bm", "necessary");
    CHECK_RULE(&col, CC_CATALOG_EXACT, "AWSALB", "necessary");
    CHECK_RULE(&col, CC_CATALOG_EXACT, "_gcl_au", "marketing");

    /* generic and short names are not in the catalog */
    CC_CHECK(find_rule(&col, CC_CATALOG_EXACT, "token") == NULL);
    CC_CHECK(find_rule(&col, CC_CATALOG_EXACT, "s") == NULL);
    CC_CHECK(find_rule(&col, CC_CATALOG_PREFIX, "_s") == NULL);

    r = find_rule(&col, CC_CATALOG_EXACT, "_ga");
    CC_CHECK(r != NULL && r->vendor != NULL);

    prefixes = 0;
    regexes = 0;

    for (i = 0; i < col.nrules; i++) {
        prefixes += (col.rules[i].kind == CC_CATALOG_PREFIX);
        regexes += (col.rules[i].kind == CC_CATALOG_REGEX);
    }

    CC_CHECK(prefixes >= 100);
    CC_CHECK(regexes >= 1);

    t = find_tracker(&col, "google-analytics.com", NULL);
    CC_CHECK(t != NULL && strcmp(t->category, "analytics") == 0);
    t = find_tracker(&col, "googletagmanager.com", NULL);
    CC_CHECK(t != NULL);
    t = find_tracker(&col, "doubleclick.net", NULL);
    CC_CHECK(t != NULL && strcmp(t->category, "marketing") == 0);
    t = find_tracker(&col, "connect.facebook.net", NULL);
    CC_CHECK(t != NULL && strcmp(t->category, "marketing") == 0);
    t = find_tracker(&col, "facebook.com", "/tr");
    CC_CHECK(t != NULL && strcmp(t->category, "marketing") == 0);
    t = find_tracker(&col, "static.hotjar.com", NULL);
    CC_CHECK(t != NULL && strcmp(t->category, "analytics") == 0);
    t = find_tracker(&col, "clarity.ms", NULL);
    CC_CHECK(t != NULL);
    t = find_tracker(&col, "youtube.com", "/embed/");
    CC_CHECK(t != NULL);
    t = find_tracker(&col, "player.vimeo.com", NULL);
    CC_CHECK(t != NULL);
    t = find_tracker(&col, "google.com", "/maps/embed");
    CC_CHECK(t != NULL);

    collect_free(&col);
}


int
main(int argc, char **argv)
{
    const char  *env;

    env = getenv("CC_TEST_DIR");

    if (argc > 1) {
        dir = argv[1];

    } else if (env != NULL && env[0] != '\0') {
        dir = env;

    } else {
        dir = "t/unit";
    }

    test_good();
    test_bad();
    test_callbacks();
    test_buffers();
    test_shipped();

    return cc_test_done(argv[0]);
}
