/*
 * nginx-cookie-consent: streaming HTML tokenizer and rewriter.
 *
 * Fed the response body chunk by chunk; passes unchanged stretches on
 * as runs of the caller's input, holds only the start tags it may edit
 * (script, img, iframe, link, html, head, body) and the first
 * CC_HTML_LOOKAHEAD bytes of inline scripts in a fixed buffer, and makes
 * tracker elements of non-granted categories inert (cookieconsent v3
 * attribute convention).  It inserts the Google Consent Mode default
 * first in <head>, the banner after <body> and a placeholder before
 * blocked embeds.  Plain C, no allocation.
 */

#ifndef CC_HTML_H
#define CC_HTML_H

#include <stddef.h>
#include <stdint.h>


/*
 * Not exported from the module's shared object: nginx loads modules
 * RTLD_GLOBAL, where these names could meet another module's.
 */
#pragma GCC visibility push(hidden)


#define CC_HTML_HOLD       8192    /* longer tags pass through untouched */
#define CC_HTML_MAX_ATTRS  64      /* held tags with more pass untouched */

/* inline script bytes read before deciding whether it is a tracker */
#define CC_HTML_LOOKAHEAD  4096

/* the longest <html lang> value kept */
#define CC_HTML_LANG_MAX   35

/* what cc_html_conf_t.insert is asked for */
#define CC_HTML_INSERT_BANNER       0
#define CC_HTML_INSERT_PLACEHOLDER  1


/*
 * from_input 1: p points into the chunk given to cc_html_feed();
 * from_input 0: p points into state or configuration memory, valid during
 * the call only; from_input 2: an insert of a conf with "stable" set,
 * valid as long as the caller said.  Returns 0, or non-zero to abort the
 * feed.
 */
typedef int (*cc_html_emit_pt)(void *ctx, const unsigned char *p,
    size_t len, int from_input);


typedef struct {
    uint32_t               granted;        /* bit i: categories[i] */
    const char *const     *categories;
    unsigned               ncategories;

    /*
     * the services (cookie_consent_service), and those granted one by
     * one: an element of a service's is left alone when its category or
     * it is granted, and made inert with data-service too otherwise
     */
    uint64_t               services_granted; /* bit i: services[i] */
    const char *const     *services;
    unsigned               nservices;

    /*
     * the class (CC_CLASS(): a category index, perhaps a service) of a
     * tracker URL, or -1
     */
    int                  (*match_url)(void *data, const unsigned char *url,
                                      size_t len);
    void                  *data;
    const unsigned char   *banner;         /* NULL or banner_len 0: none */
    size_t                 banner_len;

    /*
     * NULL: the banner above, no placeholders.  Else asked, at the moment
     * of insertion, for the banner (category -1) or for the placeholder
     * of a blocked embed of a class (CC_CLASS(): a category, perhaps a
     * service); *p, *len: what to insert (len 0:
     * nothing), valid until the call returns.  Returns 0, or -1 to abort
     * the feed.
     */
    int                  (*insert)(void *data, int what, int category,
                                   const unsigned char **p, size_t *len);
    void                  *insert_data;

    /*
     * 1: the banner goes at the end of the document, not after <body>
     * (the "Cookie settings" control of a decided visitor); with every
     * category granted the rest of the document then passes unread once
     * its first <html>, <head> or <body> start tag and the Consent Mode
     * default are through
     */
    int                    at_end;

    /*
     * Google Consent Mode default: inserted right after the <head> start
     * tag, or before the first <script> or <body> when that comes first
     */
    const unsigned char   *gcm;
    size_t                 gcm_len;

    /*
     * 1: the banner, the inserts and the Consent Mode default stay valid
     * until the caller's output is done: emitted with from_input 2, to
     * be passed on without a copy
     */
    int                    stable;

    /*
     * NULL, or told of every element made inert, with its class
     * (CC_CLASS())
     */
    void                 (*neutralised)(void *data, int category);
    void                  *neutralised_data;
} cc_html_conf_t;


typedef struct cc_html_s  cc_html_t;


/*
 * Forget the tracker URLs and inline scripts classified so far (per
 * process memos of cc_html_feed(), keyed by match_url and data among
 * others): call it when the rules behind a data pointer may have
 * changed, as at every configuration load
 */
void cc_html_memo_reset(void);

size_t cc_html_state_size(void);
void cc_html_init(cc_html_t *h, const cc_html_conf_t *c);

/*
 * Returns 0, or -1 when emit failed.  "last" marks the final chunk (which
 * may be empty): a pending tag is flushed and, when no <body> start tag
 * was seen or the conf says at_end, the banner is appended.
 */
int cc_html_feed(cc_html_t *h, const unsigned char *p, size_t len, int last,
    cc_html_emit_pt emit, void *ctx);

/* the lang attribute of the document's <html> start tag, or NULL */
const unsigned char *cc_html_lang(const cc_html_t *h, size_t *len);

/*
 * The nonce of a Content-Security-Policy header value ('nonce-...'), the
 * one of script-src when there are several; 0 and *nonce set, or -1
 */
int cc_html_csp_nonce(const unsigned char *csp, size_t len,
    const unsigned char **nonce, size_t *nonce_len);


#pragma GCC visibility pop

#endif /* CC_HTML_H */
