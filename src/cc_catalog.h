/*
 * nginx-cookie-consent: the JSON cookie catalog loader.
 *
 * Reads a catalog (docs/catalog.md) with jansson, validates all of it and
 * hands its content to the caller through callbacks: the categories
 * first, in catalog order, then the cookie rules, then the tracker rules.
 * Category references in rules are resolved here: aliases and letter case
 * are folded, so the callbacks always see a canonical category name.
 * Identical rules listed twice are delivered once; the same rule with two
 * different categories is an error.
 *
 * On error the loader writes one line into the caller's buffer naming the
 * JSON path and the problem, e.g.
 *
 *     cookies[12].category: unknown category "foo"
 *
 * and returns CC_CATALOG_ERROR.  A callback refuses an entry by returning
 * non-zero, optionally with a message in the buffer it is given; the
 * loader then stops and reports the message under the entry's path (the
 * nginx glue does this for regular expressions that ngx_regex rejects).
 *
 * Everything is bounded: file size, string lengths, array lengths.  Plain
 * C, no nginx headers; memory from malloc (jansson's), all freed before
 * the loader returns.  Strings passed to callbacks are NUL-terminated and
 * valid only during the call.
 */

#ifndef CC_CATALOG_H
#define CC_CATALOG_H

#include <stddef.h>


/*
 * Not exported from the module's shared object: nginx loads modules
 * RTLD_GLOBAL, where these names could meet another module's.
 */
#pragma GCC visibility push(hidden)


#define CC_CATALOG_OK               0
#define CC_CATALOG_ERROR           -1

#define CC_CATALOG_VERSION          1

#define CC_CATALOG_MAX_SIZE         (16 * 1024 * 1024)
#define CC_CATALOG_MAX_NAME         256    /* names, prefixes, regexes,
                                              paths, vendors */
#define CC_CATALOG_MAX_HOST         253
#define CC_CATALOG_MAX_CATEGORY     32     /* a category name or alias */
#define CC_CATALOG_MAX_LABEL        256
#define CC_CATALOG_MAX_DESCRIPTION  1024
#define CC_CATALOG_MAX_LANG         16     /* a language tag */
#define CC_CATALOG_MAX_CATEGORIES   32
#define CC_CATALOG_MAX_ALIASES      32
#define CC_CATALOG_MAX_LANGS        64
#define CC_CATALOG_MAX_RULES        100000 /* cookies, and trackers */

/* a good size for the error buffers */
#define CC_CATALOG_ERRLEN           512


/* the same values as CC_RULE_EXACT and CC_RULE_PREFIX in cc_rules.h */
typedef enum {
    CC_CATALOG_EXACT = 1,
    CC_CATALOG_PREFIX = 2,
    CC_CATALOG_REGEX = 3
} cc_catalog_kind_e;


typedef struct {
    const char               *lang;          /* "en", "pt-BR" */
    const char               *text;
    size_t                    len;
} cc_catalog_text_t;


typedef struct {
    const char               *name;          /* lowercase */
    size_t                    name_len;
    unsigned                  index;         /* 0, 1, ... catalog order */
    int                       required;      /* always granted */

    const char *const        *aliases;       /* lowercase */
    size_t                    naliases;

    const cc_catalog_text_t  *labels;        /* "en" is always present */
    size_t                    nlabels;
    const cc_catalog_text_t  *descriptions;  /* none, or "en" present */
    size_t                    ndescriptions;
} cc_catalog_category_t;


/*
 * Callbacks; any of them may be NULL.  Each returns 0 to go on, non-zero
 * to stop loading, optionally with a one-line reason written to
 * err[0..errlen) (NUL-terminated).
 *
 * on_cookie: pattern is the exact name, the prefix (without any "*") or
 * the regular expression; category is the canonical name that
 * on_category delivered; vendor is NULL when the rule names none.
 *
 * on_tracker: host is lowercase and matches itself and its subdomains;
 * path is NULL or starts with "/" and is a prefix of URL paths.
 */
typedef struct {
    void   *data;

    int   (*on_category)(void *data, const cc_catalog_category_t *category,
                         char *err, size_t errlen);
    int   (*on_cookie)(void *data, cc_catalog_kind_e kind,
                       const char *pattern, size_t len, const char *category,
                       const char *vendor, char *err, size_t errlen);
    int   (*on_tracker)(void *data, const char *host, const char *path,
                        const char *category, const char *vendor, char *err,
                        size_t errlen);
} cc_catalog_handler_t;


typedef struct {
    size_t  categories;
    size_t  cookies;       /* rules delivered to on_cookie */
    size_t  trackers;      /* rules delivered to on_tracker */
    size_t  duplicates;    /* identical rules listed again, skipped */
} cc_catalog_stats_t;


/*
 * Loads a catalog file (at most CC_CATALOG_MAX_SIZE bytes) or a buffer.
 * stats may be NULL; it is only written on success.  Returns
 * CC_CATALOG_OK (err then holds "") or CC_CATALOG_ERROR with a message in
 * err (when err is not NULL and errlen is not 0); the file name is not
 * part of the message, the caller adds it.  The file is read whole (after
 * checking its size) and parsed with json_loadb(JSON_REJECT_DUPLICATES).
 */
int cc_catalog_load_file(const char *path, const cc_catalog_handler_t *h,
    cc_catalog_stats_t *stats, char *err, size_t errlen);

int cc_catalog_load_buffer(const char *buf, size_t len,
    const cc_catalog_handler_t *h, cc_catalog_stats_t *stats, char *err,
    size_t errlen);

/* "exact", "prefix", "regex" */
const char *cc_catalog_kind_name(cc_catalog_kind_e kind);

#pragma GCC visibility pop

#endif /* CC_CATALOG_H */
