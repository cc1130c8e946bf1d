/*
 * nginx-cookie-consent: the JSON cookie catalog loader (cc_catalog.h).
 */

/* fileno(), fstat(), strncasecmp(), strdup(), ftruncate() */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE  200809L
#endif

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <jansson.h>

#include "cc_catalog.h"
#include "cc_hosts.h"
#include "cc_util.h"


#define CC_CATALOG_PATH     128    /* a JSON path in a message */
#define CC_CATALOG_QUOTE    100    /* a quoted value in a message */
#define CC_CATALOG_SHOW     64     /* input bytes shown of a value */

#define CC_CATALOG_HOSTKEY  4      /* entry kind of a tracker rule */


typedef struct {
    const char         *name;
    size_t              len;
    int                 required;
    const char         *aliases[CC_CATALOG_MAX_ALIASES];
    size_t              naliases;
    cc_catalog_text_t   labels[CC_CATALOG_MAX_LANGS];
    size_t              nlabels;
    cc_catalog_text_t   descriptions[CC_CATALOG_MAX_LANGS];
    size_t              ndescriptions;
} cc_catalog_cat_t;


/* a rule seen so far: kind, pattern (or host and path), category */
typedef struct {
    const char         *a;
    size_t              alen;
    const char         *b;
    size_t              blen;
    unsigned            kind;          /* 0: free slot */
    unsigned            category;
} cc_catalog_entry_t;


typedef struct {
    const cc_catalog_handler_t  *h;
    char                        *err;
    size_t                       errlen;
    int                          failed;

    cc_catalog_cat_t             cats[CC_CATALOG_MAX_CATEGORIES];
    size_t                       ncats;

    cc_catalog_entry_t          *table;
    size_t                       size;          /* a power of 2, or 0 */
    size_t                       used;

    cc_catalog_stats_t           stats;
} cc_catalog_ctx_t;


static void cc_catalog_fail(cc_catalog_ctx_t *ctx, const char *path,
    const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static const char *cc_catalog_quote(const char *s, size_t len, char *buf,
    size_t size);
static int cc_catalog_keys(cc_catalog_ctx_t *ctx, const char *path,
    json_t *obj, const char *const *allowed);
static int cc_catalog_string(cc_catalog_ctx_t *ctx, const char *path,
    json_t *v, size_t max, const char **s, size_t *len);
static int cc_catalog_plain(cc_catalog_ctx_t *ctx, const char *path,
    const char *s, size_t len);
static int cc_catalog_ident(const char *s, size_t len, int dash);
static int cc_catalog_lang(const char *s, size_t len);
static int cc_catalog_find(cc_catalog_ctx_t *ctx, const char *s,
    size_t len);
static int cc_catalog_texts(cc_catalog_ctx_t *ctx, const char *path,
    json_t *obj, size_t max, cc_catalog_text_t *texts, size_t *n);
static int cc_catalog_categories(cc_catalog_ctx_t *ctx, json_t *arr);
static int cc_catalog_category(cc_catalog_ctx_t *ctx, size_t i,
    json_t *obj);
static int cc_catalog_deliver(cc_catalog_ctx_t *ctx);
static int cc_catalog_ref(cc_catalog_ctx_t *ctx, const char *path,
    json_t *obj, unsigned *category);
static int cc_catalog_vendor(cc_catalog_ctx_t *ctx, const char *path,
    json_t *obj, const char **vendor);
typedef int (*cc_catalog_rule_pt)(cc_catalog_ctx_t *ctx, size_t i,
    json_t *obj);
static int cc_catalog_rules(cc_catalog_ctx_t *ctx, const char *name,
    json_t *arr, cc_catalog_rule_pt rule);
static int cc_catalog_rule_open(cc_catalog_ctx_t *ctx, char *path,
    size_t size, const char *name, size_t i, json_t *obj,
    const char *const *keys);
static int cc_catalog_rule_close(cc_catalog_ctx_t *ctx, const char *path,
    json_t *obj, unsigned kind, const char *a, size_t alen, const char *b,
    size_t blen, const char *what, const char *text, size_t tlen,
    unsigned *category, const char **vendor);
static int cc_catalog_cookie(cc_catalog_ctx_t *ctx, size_t i, json_t *obj);
static int cc_catalog_tracker(cc_catalog_ctx_t *ctx, size_t i,
    json_t *obj);
static int cc_catalog_host(cc_catalog_ctx_t *ctx, const char *path,
    const char *s, size_t len, char *host);
static int cc_catalog_seen(cc_catalog_ctx_t *ctx, unsigned kind,
    const char *a, size_t alen, const char *b, size_t blen,
    unsigned category, cc_catalog_entry_t **dup);
static uint64_t cc_catalog_hash(unsigned kind, const char *a, size_t alen,
    const char *b, size_t blen);
static int cc_catalog_same(const cc_catalog_entry_t *e, unsigned kind,
    const char *a, size_t alen, const char *b, size_t blen);
static int cc_catalog_load_json(json_t *root, const cc_catalog_handler_t *h,
    cc_catalog_stats_t *stats, char *err, size_t errlen);


static const char *const  cc_catalog_top_keys[] = {
    "version", "meta", "categories", "cookies", "trackers", NULL
};

static const char *const  cc_catalog_category_keys[] = {
    "name", "required", "aliases", "label", "description", NULL
};

static const char *const  cc_catalog_cookie_keys[] = {
    "name", "prefix", "regex", "category", "vendor", NULL
};

static const char *const  cc_catalog_tracker_keys[] = {
    "host", "path", "category", "vendor", NULL
};


int
cc_catalog_load_file(const char *path, const cc_catalog_handler_t *h,
    cc_catalog_stats_t *stats, char *err, size_t errlen)
{
    int           rc;
    char         *buf;
    FILE         *f;
    size_t        n;
    struct stat   st;

    f = fopen(path, "rb");
    if (f == NULL) {
        if (err != NULL && errlen > 0) {
            snprintf(err, errlen, "cannot open the catalog: %s",
                     strerror(errno));
        }
        return CC_CATALOG_ERROR;
    }

    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        if (err != NULL && errlen > 0) {
            snprintf(err, errlen, "the catalog is not a regular file");
        }
        fclose(f);
        return CC_CATALOG_ERROR;
    }

    if (st.st_size > CC_CATALOG_MAX_SIZE) {
        if (err != NULL && errlen > 0) {
            snprintf(err, errlen, "the catalog is larger than %d bytes",
                     CC_CATALOG_MAX_SIZE);
        }
        fclose(f);
        return CC_CATALOG_ERROR;
    }

    /* one byte more than allowed, to notice a file that grew meanwhile */

    buf = malloc((size_t) st.st_size + 1);
    if (buf == NULL) {
        if (err != NULL && errlen > 0) {
            snprintf(err, errlen, "out of memory");
        }
        fclose(f);
        return CC_CATALOG_ERROR;
    }

    n = fread(buf, 1, (size_t) st.st_size + 1, f);

    if (ferror(f) || n > (size_t) st.st_size) {
        if (err != NULL && errlen > 0) {
            snprintf(err, errlen, ferror(f) ? "cannot read the catalog"
                                            : "the catalog changed while"
                                              " being read");
        }
        free(buf);
        fclose(f);
        return CC_CATALOG_ERROR;
    }

    fclose(f);

    rc = cc_catalog_load_buffer(buf, n, h, stats, err, errlen);

    free(buf);

    return rc;
}


int
cc_catalog_load_buffer(const char *buf, size_t len,
    const cc_catalog_handler_t *h, cc_catalog_stats_t *stats, char *err,
    size_t errlen)
{
    int           rc;
    char          text[JSON_ERROR_TEXT_LENGTH];
    size_t        i;
    json_t       *root;
    json_error_t  jerr;

    if (len > CC_CATALOG_MAX_SIZE) {
        if (err != NULL && errlen > 0) {
            snprintf(err, errlen, "the catalog is larger than %d bytes",
                     CC_CATALOG_MAX_SIZE);
        }
        return CC_CATALOG_ERROR;
    }

    root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);

    if (root == NULL) {
        if (err != NULL && errlen > 0) {

            /* jansson may quote the input: keep the message one line */

            for (i = 0; i < sizeof(text) - 1 && jerr.text[i] != '\0'; i++) {
                text[i] = ((unsigned char) jerr.text[i] < 0x20
                           || jerr.text[i] == 0x7f) ? '?' : jerr.text[i];
            }
            text[i] = '\0';

            snprintf(err, errlen, "invalid JSON at line %d column %d: %s",
                     jerr.line, jerr.column, text);
        }
        return CC_CATALOG_ERROR;
    }

    rc = cc_catalog_load_json(root, h, stats, err, errlen);

    json_decref(root);

    return rc;
}


const char *
cc_catalog_kind_name(cc_catalog_kind_e kind)
{
    switch (kind) {
    case CC_CATALOG_EXACT:
        return "exact";
    case CC_CATALOG_PREFIX:
        return "prefix";
    case CC_CATALOG_REGEX:
        return "regex";
    }

    return "unknown";
}


static int
cc_catalog_load_json(json_t *root, const cc_catalog_handler_t *h,
    cc_catalog_stats_t *stats, char *err, size_t errlen)
{
    int                          rc;
    json_t                      *v;
    cc_catalog_ctx_t            *ctx;
    static cc_catalog_handler_t  none;

    ctx = calloc(1, sizeof(cc_catalog_ctx_t));
    if (ctx == NULL) {
        if (err != NULL && errlen > 0) {
            snprintf(err, errlen, "out of memory");
        }
        return CC_CATALOG_ERROR;
    }

    ctx->h = h ? h : &none;
    ctx->err = err;
    ctx->errlen = errlen;

    rc = CC_CATALOG_ERROR;

    if (!json_is_object(root)) {
        cc_catalog_fail(ctx, "catalog", "expected a JSON object");
        goto done;
    }

    if (cc_catalog_keys(ctx, "catalog", root, cc_catalog_top_keys) != 0) {
        goto done;
    }

    v = json_object_get(root, "version");

    if (v == NULL) {
        cc_catalog_fail(ctx, "catalog", "missing \"version\"");
        goto done;
    }

    if (!json_is_integer(v)) {
        cc_catalog_fail(ctx, "version", "expected an integer");
        goto done;
    }

    if (json_integer_value(v) != CC_CATALOG_VERSION) {
        cc_catalog_fail(ctx, "version",
                        "unsupported catalog version %lld (this build"
                        " reads version %d)",
                        (long long) json_integer_value(v),
                        CC_CATALOG_VERSION);
        goto done;
    }

    v = json_object_get(root, "meta");

    if (v != NULL && !json_is_object(v)) {
        cc_catalog_fail(ctx, "meta", "expected an object");
        goto done;
    }

    v = json_object_get(root, "categories");

    if (v == NULL) {
        cc_catalog_fail(ctx, "catalog", "missing \"categories\"");
        goto done;
    }

    if (cc_catalog_categories(ctx, v) != 0
        || cc_catalog_deliver(ctx) != 0)
    {
        goto done;
    }

    v = json_object_get(root, "cookies");

    if (v != NULL
        && cc_catalog_rules(ctx, "cookies", v, cc_catalog_cookie) != 0)
    {
        goto done;
    }

    v = json_object_get(root, "trackers");

    if (v != NULL
        && cc_catalog_rules(ctx, "trackers", v, cc_catalog_tracker) != 0)
    {
        goto done;
    }

    rc = CC_CATALOG_OK;

    if (stats != NULL) {
        *stats = ctx->stats;
    }

    if (err != NULL && errlen > 0) {
        err[0] = '\0';
    }

done:

    free(ctx->table);
    free(ctx);

    return rc;
}


/* categories */

static int
cc_catalog_categories(cc_catalog_ctx_t *ctx, json_t *arr)
{
    int        necessary;
    char       path[CC_CATALOG_PATH];
    size_t     i;

    if (!json_is_array(arr)) {
        cc_catalog_fail(ctx, "categories", "expected an array");
        return -1;
    }

    if (json_array_size(arr) == 0) {
        cc_catalog_fail(ctx, "categories", "is empty");
        return -1;
    }

    if (json_array_size(arr) > CC_CATALOG_MAX_CATEGORIES) {
        cc_catalog_fail(ctx, "categories", "more than %d categories",
                        CC_CATALOG_MAX_CATEGORIES);
        return -1;
    }

    for (i = 0; i < json_array_size(arr); i++) {
        if (cc_catalog_category(ctx, i, json_array_get(arr, i)) != 0) {
            return -1;
        }
    }

    necessary = cc_catalog_find(ctx, "necessary", sizeof("necessary") - 1);

    if (necessary < 0
        || strcmp(ctx->cats[necessary].name, "necessary") != 0)
    {
        cc_catalog_fail(ctx, "categories", "no \"necessary\" category");
        return -1;
    }

    if (!ctx->cats[necessary].required) {
        snprintf(path, sizeof(path), "categories[%d].required", necessary);
        cc_catalog_fail(ctx, path, "\"necessary\" must be required");
        return -1;
    }

    return 0;
}


static int
cc_catalog_category(cc_catalog_ctx_t *ctx, size_t i, json_t *obj)
{
    int                k;
    char               path[CC_CATALOG_PATH];
    char               q1[CC_CATALOG_QUOTE], q2[CC_CATALOG_QUOTE];
    size_t             j, len;
    json_t            *v, *a;
    const char        *s;
    cc_catalog_cat_t  *cat;

    cat = &ctx->cats[ctx->ncats];

    snprintf(path, sizeof(path), "categories[%zu]", i);

    if (!json_is_object(obj)) {
        cc_catalog_fail(ctx, path, "expected an object");
        return -1;
    }

    if (cc_catalog_keys(ctx, path, obj, cc_catalog_category_keys) != 0) {
        return -1;
    }

    /* name */

    v = json_object_get(obj, "name");

    if (v == NULL) {
        cc_catalog_fail(ctx, path, "missing \"name\"");
        return -1;
    }

    snprintf(path, sizeof(path), "categories[%zu].name", i);

    if (cc_catalog_string(ctx, path, v, CC_CATALOG_MAX_CATEGORY, &s, &len)
        != 0)
    {
        return -1;
    }

    if (!cc_catalog_ident(s, len, 0)) {
        cc_catalog_fail(ctx, path,
                        "%s is not a valid category name (lowercase"
                        " letters, digits and \"_\", starting with a"
                        " letter)",
                        cc_catalog_quote(s, len, q1, sizeof(q1)));
        return -1;
    }

    k = cc_catalog_find(ctx, s, len);

    if (k >= 0) {
        cc_catalog_fail(ctx, path, "%s is already used by category %s",
                        cc_catalog_quote(s, len, q1, sizeof(q1)),
                        cc_catalog_quote(ctx->cats[k].name,
                                         ctx->cats[k].len, q2, sizeof(q2)));
        return -1;
    }

    cat->name = s;
    cat->len = len;

    /* required */

    v = json_object_get(obj, "required");

    if (v != NULL) {
        if (!json_is_boolean(v)) {
            snprintf(path, sizeof(path), "categories[%zu].required", i);
            cc_catalog_fail(ctx, path, "expected true or false");
            return -1;
        }

        cat->required = json_is_true(v);
    }

    /*
     * the category counts from here on, so that its aliases are checked
     * against its own name
     */

    ctx->ncats++;

    /* aliases */

    a = json_object_get(obj, "aliases");

    if (a != NULL) {
        snprintf(path, sizeof(path), "categories[%zu].aliases", i);

        if (!json_is_array(a)) {
            cc_catalog_fail(ctx, path, "expected an array");
            return -1;
        }

        if (json_array_size(a) > CC_CATALOG_MAX_ALIASES) {
            cc_catalog_fail(ctx, path, "more than %d aliases",
                            CC_CATALOG_MAX_ALIASES);
            return -1;
        }

        for (j = 0; j < json_array_size(a); j++) {
            snprintf(path, sizeof(path), "categories[%zu].aliases[%zu]",
                     i, j);

            if (cc_catalog_string(ctx, path, json_array_get(a, j),
                                  CC_CATALOG_MAX_CATEGORY, &s, &len)
                != 0)
            {
                return -1;
            }

            if (!cc_catalog_ident(s, len, 1)) {
                cc_catalog_fail(ctx, path,
                                "%s is not a valid alias (lowercase"
                                " letters, digits, \"_\" and \"-\","
                                " starting with a letter)",
                                cc_catalog_quote(s, len, q1, sizeof(q1)));
                return -1;
            }

            k = cc_catalog_find(ctx, s, len);

            if (k >= 0) {
                cc_catalog_fail(ctx, path,
                                "%s is already used by category %s",
                                cc_catalog_quote(s, len, q1, sizeof(q1)),
                                cc_catalog_quote(ctx->cats[k].name,
                                                 ctx->cats[k].len, q2,
                                                 sizeof(q2)));
                return -1;
            }

            cat->aliases[cat->naliases++] = s;
        }
    }

    /* label, description */

    v = json_object_get(obj, "label");

    if (v == NULL) {
        snprintf(path, sizeof(path), "categories[%zu]", i);
        cc_catalog_fail(ctx, path, "missing \"label\"");
        return -1;
    }

    snprintf(path, sizeof(path), "categories[%zu].label", i);

    if (cc_catalog_texts(ctx, path, v, CC_CATALOG_MAX_LABEL, cat->labels,
                         &cat->nlabels)
        != 0)
    {
        return -1;
    }

    v = json_object_get(obj, "description");

    if (v != NULL) {
        snprintf(path, sizeof(path), "categories[%zu].description", i);

        if (cc_catalog_texts(ctx, path, v, CC_CATALOG_MAX_DESCRIPTION,
                             cat->descriptions, &cat->ndescriptions)
            != 0)
        {
            return -1;
        }
    }

    return 0;
}


/* a language -> text object; "en" must be present */

static int
cc_catalog_texts(cc_catalog_ctx_t *ctx, const char *path, json_t *obj,
    size_t max, cc_catalog_text_t *texts, size_t *n)
{
    int          en;
    char         sub[CC_CATALOG_PATH + CC_CATALOG_QUOTE];
    char         q[CC_CATALOG_QUOTE];
    size_t       len;
    json_t      *v;
    const char  *key, *s;

    if (!json_is_object(obj)) {
        cc_catalog_fail(ctx, path, "expected an object of language:"
                        " text");
        return -1;
    }

    if (json_object_size(obj) > CC_CATALOG_MAX_LANGS) {
        cc_catalog_fail(ctx, path, "more than %d languages",
                        CC_CATALOG_MAX_LANGS);
        return -1;
    }

    en = 0;
    *n = 0;

    json_object_foreach(obj, key, v) {

        if (!cc_catalog_lang(key, strlen(key))) {
            cc_catalog_fail(ctx, path,
                            "%s is not a language tag (such as \"en\" or"
                            " \"pt-BR\")",
                            cc_catalog_quote(key, strlen(key), q,
                                             sizeof(q)));
            return -1;
        }

        snprintf(sub, sizeof(sub), "%s.%s", path, key);

        if (cc_catalog_string(ctx, sub, v, max, &s, &len) != 0
            || cc_catalog_plain(ctx, sub, s, len) != 0)
        {
            return -1;
        }

        if (strcmp(key, "en") == 0) {
            en = 1;
        }

        texts[*n].lang = key;
        texts[*n].text = s;
        texts[*n].len = len;
        (*n)++;
    }

    if (!en) {
        cc_catalog_fail(ctx, path, "missing \"en\" (the fallback"
                        " language)");
        return -1;
    }

    return 0;
}


static int
cc_catalog_deliver(cc_catalog_ctx_t *ctx)
{
    char                   path[CC_CATALOG_PATH];
    char                   msg[CC_CATALOG_ERRLEN];
    size_t                 i;
    cc_catalog_cat_t      *c;
    cc_catalog_category_t  cat;

    for (i = 0; i < ctx->ncats; i++) {
        c = &ctx->cats[i];

        if (ctx->h->on_category != NULL) {
            cat.name = c->name;
            cat.name_len = c->len;
            cat.index = (unsigned) i;
            cat.required = c->required;
            cat.aliases = c->aliases;
            cat.naliases = c->naliases;
            cat.labels = c->labels;
            cat.nlabels = c->nlabels;
            cat.descriptions = c->descriptions;
            cat.ndescriptions = c->ndescriptions;

            msg[0] = '\0';

            if (ctx->h->on_category(ctx->h->data, &cat, msg, sizeof(msg))
                != 0)
            {
                snprintf(path, sizeof(path), "categories[%zu]", i);
                cc_catalog_fail(ctx, path, "%s",
                                msg[0] ? msg : "refused by the caller");
                return -1;
            }
        }

        ctx->stats.categories++;
    }

    return 0;
}


/* rules: "cookies" and "trackers" */

static int
cc_catalog_rules(cc_catalog_ctx_t *ctx, const char *name, json_t *arr,
    cc_catalog_rule_pt rule)
{
    size_t  i;

    if (!json_is_array(arr)) {
        cc_catalog_fail(ctx, name, "expected an array");
        return -1;
    }

    if (json_array_size(arr) > CC_CATALOG_MAX_RULES) {
        cc_catalog_fail(ctx, name, "more than %d rules",
                        CC_CATALOG_MAX_RULES);
        return -1;
    }

    for (i = 0; i < json_array_size(arr); i++) {
        if (rule(ctx, i, json_array_get(arr, i)) != 0) {
            return -1;
        }
    }

    return 0;
}


/* an entry: an object of known keys; path is "NAME[i]" */

static int
cc_catalog_rule_open(cc_catalog_ctx_t *ctx, char *path, size_t size,
    const char *name, size_t i, json_t *obj, const char *const *keys)
{
    snprintf(path, size, "%s[%zu]", name, i);

    if (!json_is_object(obj)) {
        cc_catalog_fail(ctx, path, "expected an object");
        return -1;
    }

    return cc_catalog_keys(ctx, path, obj, keys);
}


/*
 * What an entry has after its own fields: its category and vendor, and
 * whether the same rule came before.  0: a new rule, 1: the same rule
 * again (skipped), -1: an error; a conflict names the rule as what and
 * the quoted text
 */

static int
cc_catalog_rule_close(cc_catalog_ctx_t *ctx, const char *path, json_t *obj,
    unsigned kind, const char *a, size_t alen, const char *b, size_t blen,
    const char *what, const char *text, size_t tlen, unsigned *category,
    const char **vendor)
{
    char                 q[CC_CATALOG_QUOTE];
    cc_catalog_entry_t  *dup;

    if (cc_catalog_ref(ctx, path, obj, category) != 0
        || cc_catalog_vendor(ctx, path, obj, vendor) != 0)
    {
        return -1;
    }

    switch (cc_catalog_seen(ctx, kind, a, alen, b, blen, *category, &dup)) {

    case 0:
        return 0;

    case 1:
        ctx->stats.duplicates++;
        return 1;

    case 2:
        cc_catalog_fail(ctx, path, "%s%s listed twice with conflicting"
                        " categories (%s, %s)", what,
                        cc_catalog_quote(text, tlen, q, sizeof(q)),
                        ctx->cats[dup->category].name,
                        ctx->cats[*category].name);
        return -1;

    default:
        cc_catalog_fail(ctx, path, "out of memory");
        return -1;
    }
}


/* cookies */


static int
cc_catalog_cookie(cc_catalog_ctx_t *ctx, size_t i, json_t *obj)
{
    int                rc;
    char               path[CC_CATALOG_PATH];
    char               msg[CC_CATALOG_ERRLEN];
    char               q[CC_CATALOG_QUOTE];
    size_t             len, j, k, n;
    json_t            *v, *pv;
    unsigned           category;
    const char        *s, *vendor, *key;
    cc_catalog_kind_e  kind;

    static const char        *keys[] = { "name", "prefix", "regex" };
    static cc_catalog_kind_e  kinds[] = {
        CC_CATALOG_EXACT, CC_CATALOG_PREFIX, CC_CATALOG_REGEX
    };

    if (cc_catalog_rule_open(ctx, path, sizeof(path), "cookies", i, obj,
                             cc_catalog_cookie_keys)
        != 0)
    {
        return -1;
    }

    n = 0;
    k = 0;
    pv = NULL;

    for (j = 0; j < 3; j++) {
        v = json_object_get(obj, keys[j]);
        if (v != NULL) {
            n++;
            k = j;
            pv = v;
        }
    }

    if (n == 0) {
        cc_catalog_fail(ctx, path, "missing \"name\", \"prefix\" or"
                        " \"regex\"");
        return -1;
    }

    if (n > 1) {
        cc_catalog_fail(ctx, path, "more than one of \"name\", \"prefix\""
                        " and \"regex\"");
        return -1;
    }

    key = keys[k];
    kind = kinds[k];

    snprintf(path, sizeof(path), "cookies[%zu].%s", i, key);

    if (cc_catalog_string(ctx, path, pv, CC_CATALOG_MAX_NAME, &s, &len)
        != 0)
    {
        return -1;
    }

    if (kind == CC_CATALOG_REGEX) {
        for (j = 0; j < len; j++) {
            if ((unsigned char) s[j] < 0x20 || (unsigned char) s[j] > 0x7e)
            {
                cc_catalog_fail(ctx, path, "%s: a regular expression for"
                                " cookie names is printable ASCII",
                                cc_catalog_quote(s, len, q, sizeof(q)));
                return -1;
            }
        }

    } else {
        for (j = 0; j < len; j++) {
            if ((unsigned char) s[j] <= 0x20 || (unsigned char) s[j] > 0x7e
                || strchr("\";,=\\", s[j]) != NULL)
            {
                cc_catalog_fail(ctx, path, "%s is not a valid cookie name",
                                cc_catalog_quote(s, len, q, sizeof(q)));
                return -1;
            }
        }

        if (s[len - 1] == '*') {
            cc_catalog_fail(ctx, path,
                            kind == CC_CATALOG_PREFIX
                            ? "%s: write the prefix without \"*\""
                            : "%s ends with \"*\": write a prefix as"
                              " \"prefix\" without the \"*\"",
                            cc_catalog_quote(s, len, q, sizeof(q)));
            return -1;
        }
    }

    snprintf(path, sizeof(path), "cookies[%zu]", i);

    rc = cc_catalog_rule_close(ctx, path, obj, kind, s, len, NULL, 0,
                               kind == CC_CATALOG_EXACT ? ""
                               : kind == CC_CATALOG_PREFIX ? "prefix "
                                                           : "regex ",
                               s, len, &category, &vendor);
    if (rc != 0) {
        return rc < 0 ? -1 : 0;
    }

    if (ctx->h->on_cookie != NULL) {
        msg[0] = '\0';

        if (ctx->h->on_cookie(ctx->h->data, kind, s, len,
                              ctx->cats[category].name, vendor, msg,
                              sizeof(msg))
            != 0)
        {
            snprintf(path, sizeof(path), "cookies[%zu].%s", i, key);
            cc_catalog_fail(ctx, path, "%s",
                            msg[0] ? msg : "refused by the caller");
            return -1;
        }
    }

    ctx->stats.cookies++;

    return 0;
}


/* trackers */


static int
cc_catalog_tracker(cc_catalog_ctx_t *ctx, size_t i, json_t *obj)
{
    int          rc;
    char         path[CC_CATALOG_PATH];
    char         msg[CC_CATALOG_ERRLEN];
    char         host[CC_CATALOG_MAX_HOST + 1];
    char         q[CC_CATALOG_QUOTE];
    char         both[CC_CATALOG_MAX_HOST + CC_CATALOG_MAX_NAME + 1];
    size_t       len, plen;
    json_t      *v;
    unsigned     category;
    const char  *s, *p, *vendor;

    if (cc_catalog_rule_open(ctx, path, sizeof(path), "trackers", i, obj,
                             cc_catalog_tracker_keys)
        != 0)
    {
        return -1;
    }

    v = json_object_get(obj, "host");

    if (v == NULL) {
        cc_catalog_fail(ctx, path, "missing \"host\"");
        return -1;
    }

    snprintf(path, sizeof(path), "trackers[%zu].host", i);

    if (cc_catalog_string(ctx, path, v, CC_CATALOG_MAX_HOST, &s, &len) != 0
        || cc_catalog_host(ctx, path, s, len, host) != 0)
    {
        return -1;
    }

    p = NULL;
    plen = 0;

    v = json_object_get(obj, "path");

    if (v != NULL) {
        snprintf(path, sizeof(path), "trackers[%zu].path", i);

        if (cc_catalog_string(ctx, path, v, CC_CATALOG_MAX_NAME, &p, &plen)
            != 0)
        {
            return -1;
        }

        if (p[0] != '/') {
            cc_catalog_fail(ctx, path, "%s does not start with \"/\"",
                            cc_catalog_quote(p, plen, q, sizeof(q)));
            return -1;
        }

        if (!cc_hosts_path_valid((const unsigned char *) p, plen)) {
            cc_catalog_fail(ctx, path, "%s: a path is printable ASCII"
                            " without spaces, \"?\", \"#\", \"\\\\\","
                            " quotes, \"<>^`{}\" (percent-encode them) or"
                            " \".\" and \"..\" segments: the browser"
                            " would never send it",
                            cc_catalog_quote(p, plen, q, sizeof(q)));
            return -1;
        }
    }

    snprintf(path, sizeof(path), "trackers[%zu]", i);
    snprintf(both, sizeof(both), "%s%s", host, p ? p : "");

    rc = cc_catalog_rule_close(ctx, path, obj, CC_CATALOG_HOSTKEY, s, len,
                               p, plen, "", both, strlen(both), &category,
                               &vendor);
    if (rc != 0) {
        return rc < 0 ? -1 : 0;
    }

    if (ctx->h->on_tracker != NULL) {
        msg[0] = '\0';

        if (ctx->h->on_tracker(ctx->h->data, host, p,
                               ctx->cats[category].name, vendor, msg,
                               sizeof(msg))
            != 0)
        {
            cc_catalog_fail(ctx, path, "%s",
                            msg[0] ? msg : "refused by the caller");
            return -1;
        }
    }

    ctx->stats.trackers++;

    return 0;
}


/*
 * A host name: letters, digits, "-" and "_" in dot-separated labels of at
 * most 63 bytes; copied to host[] in lowercase.
 */

static int
cc_catalog_host(cc_catalog_ctx_t *ctx, const char *path, const char *s,
    size_t len, char *host)
{
    char           q[CC_CATALOG_QUOTE];
    size_t         i, label;
    unsigned char  c;

    if (len >= 2 && s[0] == '*' && s[1] == '.') {
        cc_catalog_fail(ctx, path, "%s: write the domain without \"*.\", it"
                        " matches its subdomains anyway",
                        cc_catalog_quote(s, len, q, sizeof(q)));
        return -1;
    }

    label = 0;

    for (i = 0; i < len; i++) {
        c = (unsigned char) s[i];

        if (c == '.') {
            if (label == 0) {
                goto invalid;
            }
            label = 0;
            host[i] = '.';
            continue;
        }

        if (c >= 'A' && c <= 'Z') {
            c = (unsigned char) (c | 0x20);

        } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                     || c == '-' || c == '_'))
        {
            if (c == ':' || c == '/') {
                cc_catalog_fail(ctx, path, "%s is not a host name (no"
                                " scheme, port or path; a path goes in"
                                " \"path\")",
                                cc_catalog_quote(s, len, q, sizeof(q)));
                return -1;
            }

            goto invalid;
        }

        if (++label > 63) {
            goto invalid;
        }

        host[i] = (char) c;
    }

    if (label == 0) {
        goto invalid;
    }

    host[len] = '\0';

    return 0;

invalid:

    cc_catalog_fail(ctx, path, "%s is not a valid host name",
                    cc_catalog_quote(s, len, q, sizeof(q)));
    return -1;
}


/* "category" of a rule, resolved through names and aliases */

static int
cc_catalog_ref(cc_catalog_ctx_t *ctx, const char *path, json_t *obj,
    unsigned *category)
{
    int          k;
    char         sub[CC_CATALOG_PATH + 16];
    char         q[CC_CATALOG_QUOTE];
    size_t       len;
    json_t      *v;
    const char  *s;

    v = json_object_get(obj, "category");

    if (v == NULL) {
        cc_catalog_fail(ctx, path, "missing \"category\"");
        return -1;
    }

    snprintf(sub, sizeof(sub), "%s.category", path);

    if (cc_catalog_string(ctx, sub, v, CC_CATALOG_MAX_NAME, &s, &len) != 0) {
        return -1;
    }

    k = cc_catalog_find(ctx, s, len);

    if (k < 0) {
        cc_catalog_fail(ctx, sub, "unknown category %s",
                        cc_catalog_quote(s, len, q, sizeof(q)));
        return -1;
    }

    *category = (unsigned) k;

    return 0;
}


static int
cc_catalog_vendor(cc_catalog_ctx_t *ctx, const char *path, json_t *obj,
    const char **vendor)
{
    char     sub[CC_CATALOG_PATH + 16];
    size_t   len;
    json_t  *v;

    *vendor = NULL;

    v = json_object_get(obj, "vendor");

    if (v == NULL) {
        return 0;
    }

    snprintf(sub, sizeof(sub), "%s.vendor", path);

    if (cc_catalog_string(ctx, sub, v, CC_CATALOG_MAX_NAME, vendor, &len)
        != 0
        || cc_catalog_plain(ctx, sub, *vendor, len) != 0)
    {
        return -1;
    }

    return 0;
}


/* the index of the category with this name or alias, or -1 */

static int
cc_catalog_find(cc_catalog_ctx_t *ctx, const char *s, size_t len)
{
    size_t             i, j;
    cc_catalog_cat_t  *c;

    for (i = 0; i < ctx->ncats; i++) {
        c = &ctx->cats[i];

        if (c->len == len && strncasecmp(c->name, s, len) == 0) {
            return (int) i;
        }

        for (j = 0; j < c->naliases; j++) {
            if (strlen(c->aliases[j]) == len
                && strncasecmp(c->aliases[j], s, len) == 0)
            {
                return (int) i;
            }
        }
    }

    return -1;
}


/*
 * Remembers a rule.  Returns 0 for a new rule, 1 for the same rule with
 * the same category, 2 for the same rule with another category (*dup
 * is the first), -1 when out of memory.
 */

static int
cc_catalog_seen(cc_catalog_ctx_t *ctx, unsigned kind, const char *a,
    size_t alen, const char *b, size_t blen, unsigned category,
    cc_catalog_entry_t **dup)
{
    size_t               i, size, mask;
    uint64_t             hash;
    cc_catalog_entry_t  *table, *e, *old;

    if (ctx->used * 2 >= ctx->size) {
        size = ctx->size ? ctx->size * 2 : 1024;

        table = calloc(size, sizeof(cc_catalog_entry_t));
        if (table == NULL) {
            return -1;
        }

        mask = size - 1;

        for (i = 0; i < ctx->size; i++) {
            old = &ctx->table[i];

            if (old->kind == 0) {
                continue;
            }

            hash = cc_catalog_hash(old->kind, old->a, old->alen, old->b,
                                   old->blen);

            for (e = &table[hash & mask]; e->kind != 0;
                 e = &table[(size_t) (e - table + 1) & mask])
            {
                /* void */
            }

            *e = *old;
        }

        free(ctx->table);
        ctx->table = table;
        ctx->size = size;
    }

    mask = ctx->size - 1;
    hash = cc_catalog_hash(kind, a, alen, b, blen);

    for (i = hash & mask; ctx->table[i].kind != 0; i = (i + 1) & mask) {
        e = &ctx->table[i];

        if (cc_catalog_same(e, kind, a, alen, b, blen)) {
            if (e->category == category) {
                return 1;
            }

            *dup = e;
            return 2;
        }
    }

    e = &ctx->table[i];
    e->kind = kind;
    e->a = a;
    e->alen = alen;
    e->b = b;
    e->blen = blen;
    e->category = category;

    ctx->used++;

    return 0;
}


/* FNV-1a; tracker hosts hash case-insensitively */

static uint64_t
cc_catalog_hash(unsigned kind, const char *a, size_t alen, const char *b,
    size_t blen)
{
    size_t         i;
    uint64_t       h;
    unsigned char  c;

    h = 0xcbf29ce484222325ULL;

    h ^= kind;
    h *= 0x100000001b3ULL;

    for (i = 0; i < alen; i++) {
        c = (unsigned char) a[i];

        if (kind == CC_CATALOG_HOSTKEY) {
            c = cc_util_lower(c);
        }

        h ^= c;
        h *= 0x100000001b3ULL;
    }

    h ^= 0xff;
    h *= 0x100000001b3ULL;

    for (i = 0; i < blen; i++) {
        h ^= (unsigned char) b[i];
        h *= 0x100000001b3ULL;
    }

    return h;
}


static int
cc_catalog_same(const cc_catalog_entry_t *e, unsigned kind, const char *a,
    size_t alen, const char *b, size_t blen)
{
    if (e->kind != kind || e->alen != alen || e->blen != blen) {
        return 0;
    }

    if (kind == CC_CATALOG_HOSTKEY) {
        if (strncasecmp(e->a, a, alen) != 0) {
            return 0;
        }

    } else if (memcmp(e->a, a, alen) != 0) {
        return 0;
    }

    return blen == 0 || memcmp(e->b, b, blen) == 0;
}


/* helpers */

static int
cc_catalog_keys(cc_catalog_ctx_t *ctx, const char *path, json_t *obj,
    const char *const *allowed)
{
    char                q[CC_CATALOG_QUOTE];
    json_t             *v;
    const char         *key;
    const char *const  *a;

    json_object_foreach(obj, key, v) {

        (void) v;

        if (key[0] == '$') {
            continue;           /* "$comment", "$schema" */
        }

        for (a = allowed; *a != NULL; a++) {
            if (strcmp(*a, key) == 0) {
                break;
            }
        }

        if (*a == NULL) {
            cc_catalog_fail(ctx, path, "unknown key %s",
                            cc_catalog_quote(key, strlen(key), q,
                                             sizeof(q)));
            return -1;
        }
    }

    return 0;
}


static int
cc_catalog_string(cc_catalog_ctx_t *ctx, const char *path, json_t *v,
    size_t max, const char **s, size_t *len)
{
    if (!json_is_string(v)) {
        cc_catalog_fail(ctx, path, "expected a string");
        return -1;
    }

    *s = json_string_value(v);
    *len = json_string_length(v);

    if (*len == 0) {
        cc_catalog_fail(ctx, path, "is empty");
        return -1;
    }

    if (*len > max) {
        cc_catalog_fail(ctx, path, "longer than %zu bytes", max);
        return -1;
    }

    return 0;
}


/* a text without control characters */

static int
cc_catalog_plain(cc_catalog_ctx_t *ctx, const char *path, const char *s,
    size_t len)
{
    char    q[CC_CATALOG_QUOTE];
    size_t  i;

    for (i = 0; i < len; i++) {
        if ((unsigned char) s[i] < 0x20 || s[i] == 0x7f) {
            cc_catalog_fail(ctx, path, "%s contains a control character",
                            cc_catalog_quote(s, len, q, sizeof(q)));
            return -1;
        }
    }

    return 0;
}


/* [a-z][a-z0-9_]* (and "-" when dash is set) */

static int
cc_catalog_ident(const char *s, size_t len, int dash)
{
    size_t  i;

    if (len == 0 || s[0] < 'a' || s[0] > 'z') {
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


/* [a-z]{2,3} then any "-" [A-Za-z0-9]{1,8} */

static int
cc_catalog_lang(const char *s, size_t len)
{
    size_t  i, n;

    if (len > CC_CATALOG_MAX_LANG) {
        return 0;
    }

    for (i = 0; i < len && s[i] >= 'a' && s[i] <= 'z'; i++) {
        /* void */
    }

    if (i < 2 || i > 3) {
        return 0;
    }

    while (i < len) {
        if (s[i] != '-') {
            return 0;
        }

        i++;
        n = 0;

        while (i < len
               && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')
                   || (s[i] >= '0' && s[i] <= '9')))
        {
            i++;
            n++;
        }

        if (n < 1 || n > 8) {
            return 0;
        }
    }

    return 1;
}


/*
 * A value for a message: in double quotes, non-printable bytes as \xNN,
 * cut after CC_CATALOG_SHOW bytes of input.
 */

static const char *
cc_catalog_quote(const char *s, size_t len, char *buf, size_t size)
{
    size_t         i, n;
    unsigned char  c;

    static const char  hex[] = "0123456789abcdef";

    n = 0;
    buf[n++] = '"';

    for (i = 0; i < len && i < CC_CATALOG_SHOW; i++) {
        c = (unsigned char) s[i];

        if (n + 8 >= size) {
            break;
        }

        if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
            buf[n++] = '\\';

            if (c == '"' || c == '\\') {
                buf[n++] = (char) c;

            } else {
                buf[n++] = 'x';
                buf[n++] = hex[c >> 4];
                buf[n++] = hex[c & 0xf];
            }

        } else {
            buf[n++] = (char) c;
        }
    }

    buf[n++] = '"';

    if (i < len) {
        buf[n++] = '.';
        buf[n++] = '.';
        buf[n++] = '.';
    }

    buf[n] = '\0';

    return buf;
}


static void
cc_catalog_fail(cc_catalog_ctx_t *ctx, const char *path, const char *fmt,
    ...)
{
    int      n;
    va_list  args;

    if (ctx->failed) {
        return;
    }

    ctx->failed = 1;

    if (ctx->err == NULL || ctx->errlen == 0) {
        return;
    }

    n = snprintf(ctx->err, ctx->errlen, "%s: ", path);

    if (n < 0 || (size_t) n >= ctx->errlen) {
        return;
    }

    va_start(args, fmt);
    vsnprintf(ctx->err + n, ctx->errlen - (size_t) n, fmt, args);
    va_end(args);
}
