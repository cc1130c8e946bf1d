/*
 * nginx-cookie-consent: cookie name classification by exact name and by
 * prefix.
 */

#include <stdlib.h>
#include <string.h>

#include "cc_rules.h"
#include "cc_util.h"


typedef struct {
    const unsigned char  *pattern;
    size_t                len;
    uint32_t              hash;
    int                   category;
} cc_rules_exact_t;


typedef struct {
    const unsigned char  *pattern;
    size_t                len;
    int                   category;
    long                  parent;     /* longest shorter prefix, or -1 */
} cc_rules_prefix_t;


struct cc_rules_s {
    cc_rules_exact_t   *exact;        /* open addressing, power of 2 */
    size_t              exact_mask;
    size_t              nexact;
    cc_rules_prefix_t  *prefix;       /* sorted */
    size_t              nprefix;
};


typedef struct {
    const cc_rule_t  *rule;
    size_t            order;
} cc_rules_sort_t;


uint32_t
cc_rules_hash(const unsigned char *p, size_t len)
{
    return cc_util_hash(p, len);
}


static int
cc_rules_cmp(const unsigned char *a, size_t alen, const unsigned char *b,
    size_t blen)
{
    int  rc;

    rc = memcmp(a, b, alen < blen ? alen : blen);

    if (rc != 0) {
        return rc;
    }

    return (alen > blen) - (alen < blen);
}


static int
cc_rules_sort_cmp(const void *one, const void *two)
{
    int                     rc;
    const cc_rules_sort_t  *a, *b;

    a = one;
    b = two;

    rc = cc_rules_cmp(a->rule->pattern, a->rule->len, b->rule->pattern,
                      b->rule->len);
    if (rc != 0) {
        return rc;
    }

    return (a->order > b->order) - (a->order < b->order);
}


static void
cc_rules_exact_insert(cc_rules_t *rules, const cc_rule_t *r)
{
    size_t             i;
    uint32_t           hash;
    cc_rules_exact_t  *e;

    hash = cc_rules_hash(r->pattern, r->len);

    for (i = hash & rules->exact_mask; /* void */;
         i = (i + 1) & rules->exact_mask)
    {
        e = &rules->exact[i];

        if (e->pattern == NULL) {
            e->pattern = r->pattern;
            e->len = r->len;
            e->hash = hash;
            e->category = r->category;
            rules->nexact++;
            return;
        }

        if (e->hash == hash && e->len == r->len
            && memcmp(e->pattern, r->pattern, r->len) == 0)
        {
            e->category = r->category;
            return;
        }
    }
}


cc_rules_t *
cc_rules_build(const cc_rule_t *rules, size_t n, cc_alloc_pt alloc,
    void *pool)
{
    long               j;
    size_t             i, nexact, nprefix, size;
    cc_rules_t        *t;
    cc_rules_sort_t   *sort;
    cc_rules_prefix_t *px;

    t = alloc(pool, sizeof(cc_rules_t));
    if (t == NULL) {
        return NULL;
    }

    memset(t, 0, sizeof(cc_rules_t));

    nexact = 0;
    nprefix = 0;

    for (i = 0; i < n; i++) {
        if (rules[i].kind == CC_RULE_EXACT) {
            nexact++;

        } else if (rules[i].kind == CC_RULE_PREFIX) {
            nprefix++;
        }
    }

    /* exact names: load factor at most 1/2 */

    size = 8;
    while (size < 2 * nexact) {
        size *= 2;
    }

    t->exact = alloc(pool, size * sizeof(cc_rules_exact_t));
    if (t->exact == NULL) {
        return NULL;
    }

    memset(t->exact, 0, size * sizeof(cc_rules_exact_t));
    t->exact_mask = size - 1;

    for (i = 0; i < n; i++) {
        if (rules[i].kind == CC_RULE_EXACT) {
            cc_rules_exact_insert(t, &rules[i]);
        }
    }

    if (nprefix == 0) {
        return t;
    }

    /* prefixes: sorted, the last of equal patterns wins */

    /* scratch for sorting: configuration time, the pool reclaims it */

    sort = alloc(pool, nprefix * sizeof(cc_rules_sort_t));
    if (sort == NULL) {
        return NULL;
    }

    for (i = 0, j = 0; i < n; i++) {
        if (rules[i].kind == CC_RULE_PREFIX) {
            sort[j].rule = &rules[i];
            sort[j].order = i;
            j++;
        }
    }

    qsort(sort, nprefix, sizeof(cc_rules_sort_t), cc_rules_sort_cmp);

    t->prefix = alloc(pool, nprefix * sizeof(cc_rules_prefix_t));
    if (t->prefix == NULL) {
        return NULL;
    }

    for (i = 0; i < nprefix; i++) {

        if (i + 1 < nprefix
            && sort[i].rule->len == sort[i + 1].rule->len
            && memcmp(sort[i].rule->pattern, sort[i + 1].rule->pattern,
                      sort[i].rule->len) == 0)
        {
            continue;
        }

        px = &t->prefix[t->nprefix];
        px->pattern = sort[i].rule->pattern;
        px->len = sort[i].rule->len;
        px->category = sort[i].rule->category;

        /*
         * the parent is the nearest preceding entry that is a prefix of
         * this one, found by walking the parents of the previous entry
         */

        for (j = (long) t->nprefix - 1; j >= 0; j = t->prefix[j].parent) {
            if (t->prefix[j].len <= px->len
                && memcmp(t->prefix[j].pattern, px->pattern,
                          t->prefix[j].len) == 0)
            {
                break;
            }
        }

        px->parent = j;
        t->nprefix++;
    }

    return t;
}


int
cc_rules_match(const cc_rules_t *t, const unsigned char *name, size_t len,
    int *category)
{
    long                     lo, hi, mid, j;
    size_t                   i;
    uint32_t                 hash;
    const cc_rules_exact_t  *e;

    if (t->nexact) {
        hash = cc_rules_hash(name, len);

        for (i = hash & t->exact_mask; /* void */; i = (i + 1) & t->exact_mask)
        {
            e = &t->exact[i];

            if (e->pattern == NULL) {
                break;
            }

            if (e->hash == hash && e->len == len
                && memcmp(e->pattern, name, len) == 0)
            {
                *category = e->category;
                return CC_MATCH_EXACT;
            }
        }
    }

    if (t->nprefix == 0) {
        return CC_MATCH_NONE;
    }

    /* the last entry <= name */

    lo = 0;
    hi = (long) t->nprefix - 1;
    j = -1;

    while (lo <= hi) {
        mid = lo + (hi - lo) / 2;

        if (cc_rules_cmp(t->prefix[mid].pattern, t->prefix[mid].len,
                         name, len) <= 0)
        {
            j = mid;
            lo = mid + 1;

        } else {
            hi = mid - 1;
        }
    }

    for ( /* void */ ; j >= 0; j = t->prefix[j].parent) {
        if (t->prefix[j].len <= len
            && memcmp(t->prefix[j].pattern, name, t->prefix[j].len) == 0)
        {
            *category = t->prefix[j].category;
            return CC_MATCH_PREFIX;
        }
    }

    return CC_MATCH_NONE;
}


size_t
cc_rules_count(const cc_rules_t *t, int kind)
{
    return kind == CC_RULE_EXACT ? t->nexact : t->nprefix;
}
