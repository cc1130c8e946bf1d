/*
 * nginx-cookie-consent: tracker URL classification.
 */

#include <string.h>

#include "cc_hosts.h"
#include "cc_url.h"


typedef struct {
    const unsigned char  *path;
    size_t                len;
    int                   category;
} cc_hosts_path_t;


typedef struct {
    unsigned char        *host;        /* lowercase; NULL: empty slot */
    size_t                len;
    uint32_t              hash;
    int                   category;    /* the whole host, or -1 */
    cc_hosts_path_t      *paths;       /* longest first */
    size_t                npaths;
} cc_hosts_entry_t;


struct cc_hosts_s {
    cc_hosts_entry_t     *entries;
    size_t                mask;
    size_t                n;
};


static unsigned char
cc_hosts_lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char) (c | 0x20) : c;
}


static cc_hosts_entry_t *
cc_hosts_find(const cc_hosts_t *t, const unsigned char *host, size_t len)
{
    size_t             i;
    uint32_t           hash;
    cc_hosts_entry_t  *e;

    hash = cc_rules_hash(host, len);

    for (i = hash & t->mask; /* void */; i = (i + 1) & t->mask) {
        e = &t->entries[i];

        if (e->host == NULL) {
            return e;
        }

        if (e->hash == hash && e->len == len
            && memcmp(e->host, host, len) == 0)
        {
            return e;
        }
    }
}


/* a "." or ".." path segment, "%2e" for a dot in any case */
static int
cc_hosts_dots(const unsigned char *p, size_t n)
{
    size_t  i, dots;

    dots = 0;

    for (i = 0; i < n; dots++) {
        if (p[i] == '.') {
            i++;

        } else if (n - i >= 3 && p[i] == '%' && p[i + 1] == '2'
                   && (p[i + 2] | 0x20) == 'e')
        {
            i += 3;

        } else {
            return 0;
        }
    }

    return dots == 1 || dots == 2;
}


int
cc_hosts_rule_valid(const unsigned char *p, size_t len)
{
    size_t  i;

    if (len == 0 || p[0] == '.' || p[0] == '/') {
        return 0;
    }

    for (i = 0; i < len && p[i] != '/'; i++) {
        if (!((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z')
              || (p[i] >= '0' && p[i] <= '9') || p[i] == '-'
              || p[i] == '.' || p[i] == '_'))
        {
            return 0;
        }
    }

    if (i > CC_HOST_MAX || p[i - 1] == '.' || len - i > CC_HOST_PATH_MAX) {
        return 0;
    }

    return cc_hosts_path_valid(p + i, len - i);
}


int
cc_hosts_path_valid(const unsigned char *p, size_t len)
{
    size_t  i, s;

    /*
     * a URL's path ends at '?' or '#', and the browser sends '\\' as '/',
     * percent-encodes '"', '<', '>', '^', '`', '{', '}' and removes "."
     * and ".." segments: a rule with one never matches
     */

    for (i = 0, s = 0; i < len; i++) {
        if (p[i] <= 0x20 || p[i] >= 0x7f || strchr("?#\\\"<>^`{}", p[i]))
        {
            return 0;
        }

        if (i + 1 == len || p[i + 1] == '/') {
            if (cc_hosts_dots(p + s + 1, i - s)) {
                return 0;
            }

            s = i + 1;
        }
    }

    return 1;
}


cc_hosts_t *
cc_hosts_build(const cc_host_rule_t *rules, size_t n, cc_alloc_pt alloc,
    void *pool)
{
    size_t             i, j, k, size, len;
    unsigned char      host[CC_HOST_MAX];
    cc_hosts_t        *t;
    cc_hosts_path_t   *paths, tmp;
    cc_hosts_entry_t  *e;

    t = alloc(pool, sizeof(cc_hosts_t));
    if (t == NULL) {
        return NULL;
    }

    size = 8;
    while (size < 2 * n) {
        size *= 2;
    }

    t->entries = alloc(pool, size * sizeof(cc_hosts_entry_t));
    if (t->entries == NULL) {
        return NULL;
    }

    memset(t->entries, 0, size * sizeof(cc_hosts_entry_t));
    t->mask = size - 1;
    t->n = 0;

    /* the paths of each host: counted first, then filled */

    for (i = 0; i < n; i++) {
        len = rules[i].host_len > CC_HOST_MAX ? CC_HOST_MAX
                                              : rules[i].host_len;

        for (j = 0; j < len; j++) {
            host[j] = cc_hosts_lower(rules[i].host[j]);
        }

        e = cc_hosts_find(t, host, len);

        if (e->host == NULL) {
            e->host = alloc(pool, len ? len : 1);
            if (e->host == NULL) {
                return NULL;
            }

            memcpy(e->host, host, len);
            e->len = len;
            e->hash = cc_rules_hash(host, len);
            e->category = -1;
            t->n++;
        }

        if (rules[i].path_len == 0) {
            e->category = rules[i].category;

        } else {
            e->npaths++;
        }
    }

    for (i = 0; i < size; i++) {
        e = &t->entries[i];

        if (e->host && e->npaths) {
            e->paths = alloc(pool, e->npaths * sizeof(cc_hosts_path_t));
            if (e->paths == NULL) {
                return NULL;
            }

            e->npaths = 0;
        }
    }

    for (i = 0; i < n; i++) {
        if (rules[i].path_len == 0) {
            continue;
        }

        len = rules[i].host_len > CC_HOST_MAX ? CC_HOST_MAX
                                              : rules[i].host_len;

        for (j = 0; j < len; j++) {
            host[j] = cc_hosts_lower(rules[i].host[j]);
        }

        e = cc_hosts_find(t, host, len);
        paths = e->paths;

        for (k = 0; k < e->npaths; k++) {
            if (paths[k].len == rules[i].path_len
                && memcmp(paths[k].path, rules[i].path, paths[k].len) == 0)
            {
                paths[k].category = rules[i].category;
                break;
            }
        }

        if (k < e->npaths) {
            continue;
        }

        paths[e->npaths].path = rules[i].path;
        paths[e->npaths].len = rules[i].path_len;
        paths[e->npaths].category = rules[i].category;
        e->npaths++;

        /* keep longest first: insertion into the sorted run */

        for (k = e->npaths - 1; k > 0 && paths[k].len > paths[k - 1].len;
             k--)
        {
            tmp = paths[k];
            paths[k] = paths[k - 1];
            paths[k - 1] = tmp;
        }
    }

    return t;
}


int
cc_hosts_match(const cc_hosts_t *t, const unsigned char *host,
    size_t host_len, const unsigned char *path, size_t path_len)
{
    size_t                i, len;
    unsigned char         lower[CC_HOST_MAX];
    const unsigned char  *h;
    cc_hosts_entry_t     *e;

    if (t->n == 0 || host_len == 0) {
        return -1;
    }

    while (host_len && host[host_len - 1] == '.') {
        host_len--;
    }

    if (host_len == 0 || host_len > CC_HOST_MAX) {
        return -1;
    }

    for (i = 0; i < host_len; i++) {
        lower[i] = cc_hosts_lower(host[i]);
    }

    h = lower;
    len = host_len;

    for ( ;; ) {
        e = cc_hosts_find(t, h, len);

        if (e->host) {
            for (i = 0; i < e->npaths; i++) {
                if (e->paths[i].len <= path_len
                    && memcmp(e->paths[i].path, path, e->paths[i].len) == 0)
                {
                    return e->paths[i].category;
                }
            }

            if (e->category >= 0) {
                return e->category;
            }
        }

        /* the next label suffix */

        while (len && *h != '.') {
            h++;
            len--;
        }

        if (len <= 1) {
            return -1;
        }

        h++;
        len--;
    }
}


int
cc_hosts_match_url(const cc_hosts_t *t, const unsigned char *url,
    size_t len)
{
    int            cat;
    size_t         n;
    cc_url_t       u;
    unsigned char  dec[CC_URL_PATH_MAX];

    if (t->n == 0) {
        return -1;
    }

    if (cc_url_parse(url, len, NULL, &u) != CC_URL_OK || u.host_len == 0) {
        return -1;
    }

    if (u.path_len == 0) {
        u.path[0] = '/';
        u.path_len = 1;
    }

    cat = cc_hosts_match(t, u.host, u.host_len, u.path, u.path_len);

    if (cat >= 0) {
        return cat;
    }

    /* the path as servers read it: "/%74r" is "/tr" */

    n = cc_url_path_decoded(u.path, u.path_len, dec);

    if (n == 0) {
        return -1;
    }

    return cc_hosts_match(t, u.host, u.host_len, dec, n);
}


size_t
cc_hosts_count(const cc_hosts_t *t)
{
    return t->n;
}
