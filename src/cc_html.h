/*
 * nginx-cookie-consent: streaming HTML tokenizer and rewriter.
 *
 * Fed the response body chunk by chunk; passes unchanged stretches on
 * as runs of the caller's input, holds only the start tags it may edit
 * (script, img, iframe, link, body) in a fixed buffer, and makes tracker
 * elements of non-granted categories inert (cookieconsent v3 attribute
 * convention).  Plain C, no allocation.
 */

#ifndef CC_HTML_H
#define CC_HTML_H

#include <stddef.h>
#include <stdint.h>


#define CC_HTML_HOLD       8192    /* longer tags pass through untouched */
#define CC_HTML_MAX_ATTRS  64      /* held tags with more pass untouched */


/*
 * from_input 1: p points into the chunk given to cc_html_feed();
 * from_input 0: p points into state or configuration memory, valid during
 * the call only.  Returns 0, or non-zero to abort the feed.
 */
typedef int (*cc_html_emit_pt)(void *ctx, const unsigned char *p,
    size_t len, int from_input);


typedef struct {
    uint32_t               granted;        /* bit i: categories[i] */
    const char *const     *categories;
    unsigned               ncategories;
    /* category index of a tracker URL, or -1 */
    int                  (*match_url)(void *data, const unsigned char *url,
                                      size_t len);
    void                  *data;
    const unsigned char   *banner;         /* NULL or banner_len 0: none */
    size_t                 banner_len;
} cc_html_conf_t;


typedef struct cc_html_s  cc_html_t;


size_t cc_html_state_size(void);
void cc_html_init(cc_html_t *h, const cc_html_conf_t *c);

/*
 * Returns 0, or -1 when emit failed.  "last" marks the final chunk (which
 * may be empty): a pending tag is flushed and, when no <body> start tag
 * was seen, the banner is appended.
 */
int cc_html_feed(cc_html_t *h, const unsigned char *p, size_t len, int last,
    cc_html_emit_pt emit, void *ctx);


#endif /* CC_HTML_H */
