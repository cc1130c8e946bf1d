/*
 * libFuzzer target: the JSON cookie catalog loader (src/cc_catalog.c).
 *
 *   make build/fuzz/fuzz_catalog
 *   build/fuzz/fuzz_catalog -max_total_time=60 fuzz/corpus/fuzz_catalog
 *
 * The input is a catalog file.  Checks, from cc_catalog.h and
 * docs/catalog.md:
 *  - the result is CC_CATALOG_OK with "" in the error buffer, or
 *    CC_CATALOG_ERROR with one line (no control characters), also when
 *    the buffer is small; the stats are written on success only and
 *    count the deliveries;
 *  - categories come first, in order (index 0, 1, ...), then cookie
 *    rules, then tracker rules; names are [a-z][a-z0-9_]* of at most 32
 *    bytes, aliases [a-z][a-z0-9_-]*, all unique; "necessary" exists
 *    and is required; labels include "en", descriptions none or "en";
 *    texts have no control characters and fit their bounds;
 *  - every rule names a delivered category; strings are NUL-terminated
 *    at the given length; names and prefixes are printable ASCII without
 *    space, '"', ';', ',', '=', '\' and not ending in '*'; regexes are
 *    printable ASCII; hosts are lowercase valid host names of at most
 *    253 bytes that cc_hosts_rule_valid() accepts; paths start with '/'
 *    and are printable ASCII without '?', '#', '\\'; vendors are NULL or 1
 *    to 256 bytes; no rule is delivered twice;
 *  - the rules build into cc_rules and cc_hosts tables (as the nginx
 *    glue does), and each exact name, prefix, host and host + path
 *    classifies as its own category;
 *  - a callback refusing an entry (with or without a message) makes the
 *    load fail with that message, and leaves the stats alone.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cc_catalog.h"
#include "cc_hosts.h"
#include "cc_rules.h"


#define FUZZ_MAX_RULES  4096
#define FUZZ_REFUSAL    "refused-by-fuzz"


typedef struct {
    char        name[CC_CATALOG_MAX_CATEGORY + 1];
    size_t      len;
} fuzz_cat_t;


typedef struct {
    int         kind;                  /* 0: tracker */
    char       *a;                     /* pattern or host */
    size_t      alen;
    char       *b;                     /* path or NULL */
    size_t      blen;
    int         category;
} fuzz_rule_t;


typedef struct {
    fuzz_cat_t   cats[CC_CATALOG_MAX_CATEGORIES];
    size_t       ncats;
    fuzz_rule_t  rules[FUZZ_MAX_RULES];
    size_t       nrules;
    size_t       cookies;
    size_t       trackers;
    int          stage;                /* 0 categories, 1 cookies, 2 */
    size_t       calls;
    size_t       refuse_at;            /* 0: never */
    int          refuse_silently;
} fuzz_ctx_t;


static char *
fuzz_dup(const char *s, size_t len)
{
    char  *p;

    p = malloc(len + 1);
    if (p == NULL) {
        abort();
    }

    memcpy(p, s, len);
    p[len] = '\0';

    return p;
}


static int
fuzz_ident(const char *s, size_t len, int dash)
{
    size_t  i;

    if (len == 0 || len > CC_CATALOG_MAX_CATEGORY || s[0] < 'a'
        || s[0] > 'z')
    {
        return 0;
    }

    for (i = 1; i < len; i++) {
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9')
              || s[i] == '_' || (dash && s[i] == '-')))
        {
            return 0;
        }
    }

    return 1;
}


/* no control characters, 1..max bytes */
static int
fuzz_text(const char *s, size_t len, size_t max)
{
    size_t  i;

    if (len == 0 || len > max || strlen(s) != len) {
        return 0;
    }

    for (i = 0; i < len; i++) {
        if ((unsigned char) s[i] < 0x20 || s[i] == 0x7f) {
            return 0;
        }
    }

    return 1;
}


static int
fuzz_lang(const char *s)
{
    size_t  i, n;

    for (i = 0; s[i] >= 'a' && s[i] <= 'z'; i++) {
        /* void */
    }

    if (i < 2 || i > 3) {
        return 0;
    }

    while (s[i] == '-') {
        i++;

        for (n = 0; (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A'
                    && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9'); n++)
        {
            i++;
        }

        if (n < 1 || n > 8) {
            return 0;
        }
    }

    return s[i] == '\0' && i <= CC_CATALOG_MAX_LANG;
}


static int
fuzz_texts(const cc_catalog_text_t *t, size_t n, size_t max, int need_en)
{
    size_t  i;
    int     en;

    if (n > CC_CATALOG_MAX_LANGS) {
        return 0;
    }

    en = 0;

    for (i = 0; i < n; i++) {
        if (!fuzz_lang(t[i].lang) || !fuzz_text(t[i].text, t[i].len, max)) {
            return 0;
        }

        en |= strcmp(t[i].lang, "en") == 0;
    }

    return en || (!need_en && n == 0);
}


static int
fuzz_refuse(fuzz_ctx_t *c, char *err, size_t errlen)
{
    if (c->refuse_at == 0 || ++c->calls != c->refuse_at) {
        return 0;
    }

    if (!c->refuse_silently && errlen > sizeof(FUZZ_REFUSAL)) {
        memcpy(err, FUZZ_REFUSAL, sizeof(FUZZ_REFUSAL));
    }

    return 1;
}


static int
fuzz_category_index(fuzz_ctx_t *c, const char *name)
{
    size_t  i;

    for (i = 0; i < c->ncats; i++) {
        if (strcmp(c->cats[i].name, name) == 0) {
            return (int) i;
        }
    }

    abort();                       /* not a delivered category */
}


static int
fuzz_on_category(void *data, const cc_catalog_category_t *cat, char *err,
    size_t errlen)
{
    size_t       i, j;
    fuzz_ctx_t  *c = data;

    if (c->stage != 0 || cat->index != c->ncats
        || c->ncats == CC_CATALOG_MAX_CATEGORIES
        || strlen(cat->name) != cat->name_len
        || !fuzz_ident(cat->name, cat->name_len, 0)
        || cat->naliases > CC_CATALOG_MAX_ALIASES
        || (cat->naliases && cat->aliases == NULL)
        || !fuzz_texts(cat->labels, cat->nlabels, CC_CATALOG_MAX_LABEL, 1)
        || !fuzz_texts(cat->descriptions, cat->ndescriptions,
                       CC_CATALOG_MAX_DESCRIPTION, 0))
    {
        abort();
    }

    if (strcmp(cat->name, "necessary") == 0 && !cat->required) {
        abort();
    }

    for (i = 0; i < cat->naliases; i++) {
        if (!fuzz_ident(cat->aliases[i], strlen(cat->aliases[i]), 1)
            || strcmp(cat->aliases[i], cat->name) == 0)
        {
            abort();
        }

        for (j = 0; j < c->ncats; j++) {
            if (strcmp(c->cats[j].name, cat->aliases[i]) == 0) {
                abort();                   /* an alias names a category */
            }
        }
    }

    for (j = 0; j < c->ncats; j++) {
        if (strcmp(c->cats[j].name, cat->name) == 0) {
            abort();                       /* a name twice */
        }
    }

    memcpy(c->cats[c->ncats].name, cat->name, cat->name_len + 1);
    c->cats[c->ncats].len = cat->name_len;
    c->ncats++;

    return fuzz_refuse(c, err, errlen);
}


static int
fuzz_name_byte(unsigned char ch)
{
    return ch > 0x20 && ch < 0x7f && strchr("\";,=\\", ch) == NULL;
}


static void
fuzz_add(fuzz_ctx_t *c, int kind, const char *a, size_t alen, const char *b,
    size_t blen, const char *category)
{
    size_t        i;
    fuzz_rule_t  *r;

    for (i = 0; i < c->nrules; i++) {
        r = &c->rules[i];

        if (r->kind == kind && r->alen == alen && memcmp(r->a, a, alen) == 0
            && r->blen == blen && (blen == 0 || memcmp(r->b, b, blen) == 0))
        {
            abort();                       /* delivered twice */
        }
    }

    if (c->nrules == FUZZ_MAX_RULES) {
        return;
    }

    r = &c->rules[c->nrules++];
    r->kind = kind;
    r->a = fuzz_dup(a, alen);
    r->alen = alen;
    r->b = b ? fuzz_dup(b, blen) : NULL;
    r->blen = blen;
    r->category = fuzz_category_index(c, category);
}


static void
fuzz_vendor(const char *vendor)
{
    if (vendor != NULL
        && !fuzz_text(vendor, strlen(vendor), CC_CATALOG_MAX_NAME))
    {
        abort();
    }
}


static int
fuzz_on_cookie(void *data, cc_catalog_kind_e kind, const char *pattern,
    size_t len, const char *category, const char *vendor, char *err,
    size_t errlen)
{
    size_t       i;
    fuzz_ctx_t  *c = data;

    if (c->stage > 1 || c->ncats == 0 || len == 0
        || len > CC_CATALOG_MAX_NAME || strlen(pattern) != len)
    {
        abort();
    }

    c->stage = 1;

    if (kind == CC_CATALOG_REGEX) {
        for (i = 0; i < len; i++) {
            if ((unsigned char) pattern[i] < 0x20
                || (unsigned char) pattern[i] > 0x7e)
            {
                abort();
            }
        }

    } else if (kind == CC_CATALOG_EXACT || kind == CC_CATALOG_PREFIX) {
        for (i = 0; i < len; i++) {
            if (!fuzz_name_byte((unsigned char) pattern[i])) {
                abort();
            }
        }

        if (pattern[len - 1] == '*') {
            abort();
        }

    } else {
        abort();
    }

    if (strcmp(cc_catalog_kind_name(kind), "unknown") == 0) {
        abort();
    }

    fuzz_vendor(vendor);
    fuzz_add(c, (int) kind, pattern, len, NULL, 0, category);
    c->cookies++;

    return fuzz_refuse(c, err, errlen);
}


static int
fuzz_on_tracker(void *data, const char *host, const char *path,
    const char *category, const char *vendor, char *err, size_t errlen)
{
    size_t       i, hlen, plen, label;
    fuzz_ctx_t  *c = data;

    if (c->ncats == 0) {
        abort();
    }

    c->stage = 2;
    hlen = strlen(host);
    label = 0;

    if (hlen == 0 || hlen > CC_CATALOG_MAX_HOST
        || !cc_hosts_rule_valid((const unsigned char *) host, hlen))
    {
        abort();
    }

    for (i = 0; i < hlen; i++) {
        if (host[i] == '.') {
            if (label == 0) {
                abort();                   /* an empty label */
            }

            label = 0;
            continue;
        }

        if (!((host[i] >= 'a' && host[i] <= 'z')
              || (host[i] >= '0' && host[i] <= '9') || host[i] == '-'
              || host[i] == '_') || ++label > 63)
        {
            abort();
        }
    }

    plen = 0;

    if (path != NULL) {
        plen = strlen(path);

        if (path[0] != '/' || plen > CC_CATALOG_MAX_NAME) {
            abort();
        }

        for (i = 0; i < plen; i++) {
            if ((unsigned char) path[i] <= 0x20
                || (unsigned char) path[i] > 0x7e
                || path[i] == '?' || path[i] == '#' || path[i] == '\\')
            {
                abort();
            }
        }
    }

    fuzz_vendor(vendor);
    fuzz_add(c, 0, host, hlen, path, plen, category);
    c->trackers++;

    return fuzz_refuse(c, err, errlen);
}


static void
fuzz_err(int rc, const char *err, size_t errlen)
{
    size_t  i;

    for (i = 0; i < errlen && err[i] != '\0'; i++) {
        if ((unsigned char) err[i] < 0x20 || err[i] == 0x7f) {
            abort();                       /* not one plain line */
        }
    }

    if (i == errlen) {
        abort();                           /* not NUL-terminated */
    }

    if (rc == CC_CATALOG_OK ? i != 0 : (i == 0 && errlen > 1)) {
        abort();              /* an error without a message, or the reverse */
    }
}


static void
fuzz_ctx_free(fuzz_ctx_t *c)
{
    size_t  i;

    for (i = 0; i < c->nrules; i++) {
        free(c->rules[i].a);
        free(c->rules[i].b);
    }

    c->nrules = 0;
}


/* allocator for the tables: freed at the end */

typedef struct {
    void    **blocks;
    size_t    n;
    size_t    cap;
} fuzz_arena_t;


static void *
fuzz_alloc(void *pool, size_t size)
{
    void          *p, **b;
    fuzz_arena_t  *a = pool;

    if (a->n == a->cap) {
        a->cap = a->cap ? 2 * a->cap : 16;
        b = realloc(a->blocks, a->cap * sizeof(void *));
        if (b == NULL) {
            abort();
        }
        a->blocks = b;
    }

    p = malloc(size ? size : 1);
    if (p == NULL) {
        abort();
    }

    a->blocks[a->n++] = p;

    return p;
}


/* the delivered rules classify as their own categories */
static void
fuzz_tables(const fuzz_ctx_t *c)
{
    int                   cat, m;
    size_t                i, nr, nh;
    cc_rule_t            *rules;
    cc_hosts_t           *hosts;
    cc_rules_t           *names;
    fuzz_arena_t          a;
    cc_host_rule_t       *hr;
    const fuzz_rule_t    *r;

    memset(&a, 0, sizeof(a));

    rules = fuzz_alloc(&a, (c->nrules + 1) * sizeof(cc_rule_t));
    hr = fuzz_alloc(&a, (c->nrules + 1) * sizeof(cc_host_rule_t));
    nr = 0;
    nh = 0;

    for (i = 0; i < c->nrules; i++) {
        r = &c->rules[i];

        if (r->kind == CC_CATALOG_EXACT || r->kind == CC_CATALOG_PREFIX) {
            rules[nr].pattern = (const unsigned char *) r->a;
            rules[nr].len = r->alen;
            rules[nr].kind = r->kind;      /* the same values */
            rules[nr].category = r->category;
            nr++;

        } else if (r->kind == 0) {
            hr[nh].host = (const unsigned char *) r->a;
            hr[nh].host_len = r->alen;
            hr[nh].path = (const unsigned char *) r->b;
            hr[nh].path_len = r->blen;
            hr[nh].category = r->category;
            nh++;
        }
    }

    names = cc_rules_build(rules, nr, fuzz_alloc, &a);
    hosts = cc_hosts_build(hr, nh, fuzz_alloc, &a);

    if (names == NULL || hosts == NULL) {
        abort();
    }

    for (i = 0; i < nr; i++) {
        cat = -1;
        m = cc_rules_match(names, rules[i].pattern, rules[i].len, &cat);

        if (cat != rules[i].category
            || (rules[i].kind == CC_RULE_EXACT && m != CC_MATCH_EXACT))
        {
            /* a prefix rule may lose to an exact name equal to it */

            if (!(rules[i].kind == CC_RULE_PREFIX && m == CC_MATCH_EXACT)) {
                abort();
            }
        }
    }

    for (i = 0; i < nh; i++) {
        if (cc_hosts_match(hosts, hr[i].host, hr[i].host_len,
                           hr[i].path ? hr[i].path
                                      : (const unsigned char *) "",
                           hr[i].path_len)
            != hr[i].category)
        {
            abort();
        }
    }

    while (a.n) {
        free(a.blocks[--a.n]);
    }

    free(a.blocks);
}


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int                    rc;
    char                   err[CC_CATALOG_ERRLEN];
    char                   small[24];
    size_t                 total, errlen;
    fuzz_ctx_t            *c;
    cc_catalog_stats_t     stats, untouched;
    cc_catalog_handler_t   h;

    c = calloc(1, sizeof(fuzz_ctx_t));
    if (c == NULL) {
        abort();
    }

    memset(&h, 0, sizeof(h));
    h.data = c;
    h.on_category = fuzz_on_category;
    h.on_cookie = fuzz_on_cookie;
    h.on_tracker = fuzz_on_tracker;

    memset(&stats, 0xab, sizeof(stats));
    untouched = stats;
    memset(err, 'x', sizeof(err));

    rc = cc_catalog_load_buffer((const char *) data, size, &h, &stats, err,
                                sizeof(err));

    if (rc != CC_CATALOG_OK && rc != CC_CATALOG_ERROR) {
        abort();
    }

    fuzz_err(rc, err, sizeof(err));

    if (rc == CC_CATALOG_ERROR) {
        if (memcmp(&stats, &untouched, sizeof(stats)) != 0) {
            abort();                       /* stats written on failure */
        }

        /* a small buffer still gets one terminated line */

        errlen = 1 + size % sizeof(small);
        memset(small, 'x', sizeof(small));
        fuzz_ctx_free(c);
        memset(c, 0, sizeof(fuzz_ctx_t));

        if (cc_catalog_load_buffer((const char *) data, size, &h, NULL, small,
                                   errlen)
            != CC_CATALOG_ERROR)
        {
            abort();
        }

        fuzz_err(CC_CATALOG_ERROR, small, errlen);
        goto done;
    }

    if (stats.categories != c->ncats || stats.cookies != c->cookies
        || stats.trackers != c->trackers || c->ncats == 0)
    {
        abort();
    }

    (void) fuzz_category_index(c, "necessary");      /* aborts if none */

    fuzz_tables(c);

    /* a refusal at some delivery fails the load with its message */

    total = c->ncats + c->cookies + c->trackers;
    fuzz_ctx_free(c);
    memset(c, 0, sizeof(fuzz_ctx_t));
    c->refuse_at = 1 + size % total;
    c->refuse_silently = (size / total) & 1;
    stats = untouched;

    rc = cc_catalog_load_buffer((const char *) data, size, &h, &stats, err,
                                sizeof(err));

    fuzz_err(rc, err, sizeof(err));

    if (rc != CC_CATALOG_ERROR
        || strstr(err, c->refuse_silently ? "refused by the caller"
                                          : FUZZ_REFUSAL) == NULL
        || memcmp(&stats, &untouched, sizeof(stats)) != 0)
    {
        abort();
    }

done:

    fuzz_ctx_free(c);
    free(c);

    return 0;
}
