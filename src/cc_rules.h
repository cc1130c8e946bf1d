/*
 * nginx-cookie-consent: cookie name classification by exact name and by
 * prefix.  Exact names live in an open-addressing hash table, prefixes in
 * a sorted array searched by bisection, with a link from each prefix to
 * the longest other prefix it starts with, so the longest matching prefix
 * is found without scanning.  Regular expressions are the glue's (they
 * go through nginx's ngx_regex).
 *
 * Plain C; memory comes from the caller's allocator (an nginx pool).
 */

#ifndef CC_RULES_H
#define CC_RULES_H

#include <stddef.h>
#include <stdint.h>


/*
 * Not exported from the module's shared object: nginx loads modules
 * RTLD_GLOBAL, where these names could meet another module's.
 */
#pragma GCC visibility push(hidden)


#define CC_RULE_EXACT     1
#define CC_RULE_PREFIX    2

#define CC_MATCH_NONE     0
#define CC_MATCH_PREFIX   1
#define CC_MATCH_EXACT    2


typedef void *(*cc_alloc_pt)(void *pool, size_t size);


typedef struct {
    const unsigned char  *pattern;   /* name, or prefix without the '*' */
    size_t                len;
    int                   kind;      /* CC_RULE_EXACT or CC_RULE_PREFIX */
    int                   category;
} cc_rule_t;


typedef struct cc_rules_s  cc_rules_t;


/*
 * Builds the lookup structures from rules[0..n).  For the same kind and
 * pattern a later rule replaces an earlier one.  Patterns are referenced,
 * not copied: they must outlive the table.  Returns NULL when the
 * allocator fails.
 */
cc_rules_t *cc_rules_build(const cc_rule_t *rules, size_t n,
    cc_alloc_pt alloc, void *pool);

/*
 * Classifies a name: an exact rule first, else the longest prefix rule.
 * Returns CC_MATCH_EXACT, CC_MATCH_PREFIX (with *category set) or
 * CC_MATCH_NONE.
 */
int cc_rules_match(const cc_rules_t *rules, const unsigned char *name,
    size_t len, int *category);

/* FNV-1a, shared with the tracker host table */
uint32_t cc_rules_hash(const unsigned char *p, size_t len);

/* numbers of distinct exact and prefix rules */
size_t cc_rules_count(const cc_rules_t *rules, int kind);

#pragma GCC visibility pop

#endif /* CC_RULES_H */
