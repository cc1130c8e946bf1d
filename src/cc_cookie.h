/*
 * nginx-cookie-consent: Cookie and Set-Cookie header parsing.
 *
 * Plain C over (pointer, length) pairs; no nginx dependency, so it is
 * unit-tested and fuzzed directly.
 */

#ifndef CC_COOKIE_H
#define CC_COOKIE_H

#include <stddef.h>
#include <stdint.h>


/*
 * Not exported from the module's shared object: nginx loads modules
 * RTLD_GLOBAL, where these names could meet another module's.
 */
#pragma GCC visibility push(hidden)


typedef struct {
    const unsigned char  *name;
    size_t                name_len;
    const unsigned char  *value;
    size_t                value_len;
    const unsigned char  *start;     /* the whole pair as sent, trimmed */
    size_t                len;
} cc_cookie_pair_t;


/*
 * Iterates the "name=value" pairs of a Cookie request header.  Pairs are
 * separated by ';', optional whitespace around them is trimmed, empty
 * pairs are skipped.  A pair without '=' has an empty name and the whole
 * pair as its value (as RFC 6265bis says).  Returns 1 with *pair filled
 * and *pos advanced, 0 at the end.
 */
int cc_cookie_next(const unsigned char **pos, const unsigned char *end,
    cc_cookie_pair_t *pair);

/*
 * The name of the cookie a Set-Cookie header value sets: the bytes before
 * the first '=' of the first ';'-separated part, trimmed.  Without '=' in
 * that part the name is empty.  Returns where the attributes start: the
 * first ';', or the end of the value when there is none.
 */
const unsigned char *cc_set_cookie_name(const unsigned char *p, size_t len,
    const unsigned char **name, size_t *name_len);

/*
 * CC_DELETION_ALL if a Set-Cookie header value deletes its cookie in
 * every browser:
 * RFC 6265bis's reading (the last Max-Age that parses, else the last
 * Expires that parses), Chromium's (the last Max-Age attribute whatever
 * its value; one that does not parse is ignored and Expires decides) and
 * Gecko's all expire it at once (a Max-Age of 0 or less, or an
 * unambiguous Expires date a day or more in the past when no Max-Age
 * overrides it).  Deletions never place anything, so they always pass;
 * any other line is classified like any cookie.  CC_DELETION_SOME if
 * some of these readings delete it and others keep a cookie (a backend
 * that meant to delete: appending "; Max-Age=0" makes it a deletion in
 * every reading, CC_DELETION_NONE if none does or the line has a control
 * character.  "now": seconds since the epoch; the functions without
 * "_at" take time(NULL); cc_set_cookie_is_deletion*() are 1 for ALL.
 */
#define CC_DELETION_NONE  0
#define CC_DELETION_SOME  1
#define CC_DELETION_ALL   2

int cc_set_cookie_deletion(const unsigned char *p, size_t len);
int cc_set_cookie_deletion_at(const unsigned char *p, size_t len,
    int64_t now);
int cc_set_cookie_is_deletion(const unsigned char *p, size_t len);
int cc_set_cookie_is_deletion_at(const unsigned char *p, size_t len,
    int64_t now);

/* 1 if the string is a valid cookie name token (RFC 6265 token) */
int cc_cookie_name_valid(const unsigned char *p, size_t len);

#pragma GCC visibility pop

#endif /* CC_COOKIE_H */
