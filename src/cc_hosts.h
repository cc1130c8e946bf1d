/*
 * nginx-cookie-consent: tracker URL classification by host suffix and
 * host + path prefix.
 *
 * "example.com" matches example.com and every subdomain of it; a rule
 * with a path, "facebook.com/tr", matches URLs on that host (or its
 * subdomains) whose path starts with "/tr".  Hosts are looked up in a
 * hash table once per label suffix of the URL's host (a.b.example.com,
 * b.example.com, example.com, com), so matching never scans the rules.
 * The most specific host wins; on one host the longest path prefix.
 *
 * Plain C; memory from the caller's allocator.
 */

#ifndef CC_HOSTS_H
#define CC_HOSTS_H

#include <stddef.h>

#include "cc_rules.h"


/*
 * Not exported from the module's shared object: nginx loads modules
 * RTLD_GLOBAL, where these names could meet another module's.
 */
#pragma GCC visibility push(hidden)


#define CC_HOST_MAX       253
#define CC_HOST_PATH_MAX  512     /* the longest rule path */


typedef struct {
    const unsigned char  *host;
    size_t                host_len;
    const unsigned char  *path;        /* NULL or "" for the whole host */
    size_t                path_len;
    int                   category;    /* CC_CLASS() */
} cc_host_rule_t;


typedef struct cc_hosts_s  cc_hosts_t;


/*
 * Builds the table; hosts are lowercased copies, a later rule for the
 * same host and path replaces an earlier one.  Returns NULL when the
 * allocator fails.
 */
cc_hosts_t *cc_hosts_build(const cc_host_rule_t *rules, size_t n,
    cc_alloc_pt alloc, void *pool);

/* the category (CC_CLASS()) of host + path, or -1 */
int cc_hosts_match(const cc_hosts_t *hosts, const unsigned char *host,
    size_t host_len, const unsigned char *path, size_t path_len);

/*
 * The category of a URL as the browser reads it on a page with no
 * <base> (cc_url_parse(): "https://h/p", "//h/p", "https:h/p",
 * "\\\\h\\p", hosts percent-encoded, in full-width forms...), or -1;
 * relative URLs, which stay on the document's host, and other schemes
 * never match.  The path is matched as sent and with its unreserved
 * characters percent-decoded.
 */
int cc_hosts_match_url(const cc_hosts_t *hosts, const unsigned char *url,
    size_t len);

size_t cc_hosts_count(const cc_hosts_t *hosts);

/* 1 if a rule's "HOST[/PATH]" is well formed */
int cc_hosts_rule_valid(const unsigned char *p, size_t len);

/*
 * 1 if a rule's "/PATH" (starting with '/') can match a URL the browser
 * sends: printable ASCII without spaces, '?', '#', '\\', '"', '<', '>',
 * '^', '`', '{', '}' (the browser ends the path at the first two and
 * rewrites the others), and no "." or ".." segment (which it removes)
 */
int cc_hosts_path_valid(const unsigned char *p, size_t len);

#pragma GCC visibility pop

#endif /* CC_HOSTS_H */
