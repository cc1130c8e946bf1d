/*
 * nginx-cookie-consent: URLs as the browser resolves them.
 *
 * An attribute value goes through the HTML standard's character
 * reference decoding (cc_url_decode_attr()), then through the WHATWG
 * URL standard's basic URL parser as far as an http(s) URL's host and
 * path go (cc_url_parse()): C0 controls and spaces trimmed, tabs and
 * newlines removed, the scheme case-insensitive, '\' read as '/', any
 * number of slashes after "https:", userinfo and port dropped, the host
 * percent-decoded and mapped as UTS #46 maps it (case, full-width forms,
 * ideographic full stops, ignored code points), the path's dot segments
 * removed and relative URLs resolved against a base (the document's
 * <base href>).  Docs: docs/hardening.md, "How URLs are resolved".
 * Also the URLs of srcset, refresh and Link response header values.
 *
 * Plain C, no allocation.
 */

#ifndef CC_URL_H
#define CC_URL_H

#include <stddef.h>
#include <stdint.h>


/*
 * Not exported from the module's shared object: nginx loads modules
 * RTLD_GLOBAL, where these names could meet another module's.
 */
#pragma GCC visibility push(hidden)


#define CC_URL_HOST_MAX   1024     /* a longer host fetches nothing */
#define CC_URL_PATH_MAX   1024     /* kept of a path (rules: 512) */
#define CC_URL_INPUT_MAX  16384    /* read of one URL */

/* cc_url_t.scheme */
#define CC_URL_SAME       0        /* http or https: the document's */
#define CC_URL_HTTP       1
#define CC_URL_HTTPS      2

/* cc_url_parse() */
#define CC_URL_OK         0
#define CC_URL_NONE      -1        /* fetches nothing from a known host */


typedef struct {
    int            scheme;
    unsigned       unsure:1;       /* the host is the bytes' best reading */
    size_t         host_len;       /* 0: the document's own host */
    size_t         path_len;
    size_t         dropped;        /* path segments past CC_URL_PATH_MAX */

    /*
     * ASCII lower case, except code points UTS #46 keeps outside ASCII
     * (UTF-8; such a label never names an ASCII host); no trailing dot
     */
    unsigned char  host[CC_URL_HOST_MAX];

    /* "/a/b", percent-encoded as the browser sends it, no query */
    unsigned char  path[CC_URL_PATH_MAX];
} cc_url_t;


/*
 * The value of an attribute as the HTML tokenizer hands it to the DOM:
 * character references decoded (named ones with and without ';', the
 * attribute-value rule for a name without ';' followed by an
 * alphanumeric or '=', numeric ones, windows-1252 for &#128; to &#159;),
 * code points as UTF-8.  Writes at most size bytes; returns the length
 * (size when cut short).
 */
size_t cc_url_decode_attr(const unsigned char *p, size_t len,
    unsigned char *out, size_t size);

/*
 * Parses p[0..len) against base (NULL: the document, whose host is its
 * own and whose scheme, http or https, is unknown).  CC_URL_OK: an http
 * or https URL, *url filled (host_len 0: on the document's host);
 * CC_URL_NONE: nothing fetched from any host (another scheme such as
 * data: or javascript:, a URL the browser cannot parse, a relative URL
 * against the document).
 *
 * Where the browser's reading depends on the document's scheme
 * ("https:host/x" is relative on an https page, on another host on an
 * http one), the reading on another host is taken (fail closed); when
 * the base's scheme is unknown, cc_url_resolve() tries both.  A host the
 * browser rejects (a forbidden code point once decoded and mapped, a
 * disallowed or broken code point) sets url->unsure and is read without
 * the offending code points: a tracker if what is left names one.
 */
int cc_url_parse(const unsigned char *p, size_t len, const cc_url_t *base,
    cc_url_t *url);

/*
 * Every reading of p against base: cc_url_parse(), and when base has a
 * host but an unknown scheme and p starts with "http:" or "https:", the
 * reading with base's scheme taken to be p's too.  Returns how many of
 * url[0], url[1] hold a URL on a known host (0 to 2).
 */
int cc_url_resolve(const unsigned char *p, size_t len, const cc_url_t *base,
    cc_url_t url[2]);

/*
 * "//host/path" of a URL with a host, into out (at least
 * CC_URL_SERIAL_MAX bytes); returns the length
 */
#define CC_URL_SERIAL_MAX  (2 + CC_URL_HOST_MAX + CC_URL_PATH_MAX)

size_t cc_url_serialize(const cc_url_t *url, unsigned char *out);

/*
 * The path with percent-encoded unreserved characters (ALPHA, DIGIT,
 * '-', '.', '_', '~') decoded, as servers read them (RFC 3986 6.2.2.2:
 * the same resource); out holds at least len bytes.  Returns the length,
 * or 0 when nothing was decoded.
 */
size_t cc_url_path_decoded(const unsigned char *path, size_t len,
    unsigned char *out);

/*
 * The URL of a <meta http-equiv=refresh> content attribute (the HTML
 * standard's shared declarative refresh steps): 0 and *url, *url_len
 * set (inside p), or -1 (no URL: the page itself)
 */
int cc_url_refresh(const unsigned char *p, size_t len,
    const unsigned char **url, size_t *url_len);

/*
 * The next candidate URL of a srcset attribute (the HTML standard's
 * "parse a srcset attribute" splitting): 1 with *url, *url_len set and
 * *pos advanced, 0 at the end
 */
int cc_url_srcset_next(const unsigned char **pos, const unsigned char *end,
    const unsigned char **url, size_t *url_len);

/* cc_url_link_next() */
#define CC_URL_LINK_END   0
#define CC_URL_LINK_OK    1        /* "<URI-reference>", then ';' or none */
#define CC_URL_LINK_BAD   2        /* no browser reads it as a link */

/*
 * The next link-value of a Link response header (RFC 8288), split as
 * Chromium splits: at a ',' outside "<...>" (which ends at the first
 * '>') and outside a quoted string ("...", with '\' escapes); spaces
 * and tabs around a value trimmed, empty values skipped.  *value,
 * *value_end: the value's extent, inside [*pos, end); *pos is advanced
 * past it.  *url, *url_len: the URI-reference between a leading '<' and
 * the first '>', spaces and tabs trimmed (NULL without one).  OK: a
 * value that starts with "<...>" followed by nothing or by ';' (the
 * parameters, not checked further); BAD: anything else (no leading '<',
 * no '>', something else after it, an unclosed quoted string);
 * END: no value left.
 */
int cc_url_link_next(const unsigned char **pos, const unsigned char *end,
    const unsigned char **url, size_t *url_len,
    const unsigned char **value, const unsigned char **value_end);

/*
 * Every string of one link-value that a browser may read as a URL, more
 * than any one browser reads (fail closed): the value's leading '<' up
 * to the first '>' (the link's target, as Chromium reads it), after every
 * other '<' up to the next '<' or '>' or the value's end (what a parser
 * that gives up on a parameter and looks for the next link at the next
 * ',' reads, even inside a quoted string; a '<' in a host or in a rule's
 * path never fetches or matches, so the cut loses nothing), each whole;
 * then every word outside "<...>", split at spaces, tabs, ',', ';', '=',
 * quotes, '<' and '>' (the candidates of an imagesrcset parameter,
 * which Chromium preloads, and the URLs of values without '<'), with
 * the '\' escapes of a quoted string undone.  Linear in the value.
 *
 *     cc_url_link_urls_init(&it, value, value_end);
 *     while (cc_url_link_urls_next(&it, &url, &url_len)) { ... }
 *
 * *url points into the value, or into it->buf when escapes were undone.
 */
typedef struct {
    const unsigned char  *value;
    const unsigned char  *angle;    /* the next '<' is looked for here */
    const unsigned char  *word;     /* the next word here */
    const unsigned char  *end;
    unsigned              quoted:1; /* it->word is inside "..." */
    unsigned char         buf[CC_URL_INPUT_MAX];
} cc_url_link_urls_t;

void cc_url_link_urls_init(cc_url_link_urls_t *it, const unsigned char *value,
    const unsigned char *end);
int cc_url_link_urls_next(cc_url_link_urls_t *it, const unsigned char **url,
    size_t *url_len);

#pragma GCC visibility pop

#endif /* CC_URL_H */
