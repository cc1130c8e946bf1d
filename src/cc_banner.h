/*
 * nginx-cookie-consent: the banner's HTML, rendered into a caller's
 * buffer (docs/banner.md).
 *
 * Two modes: CC_BANNER_FIRST, the first layer for an undecided visitor
 * (a plain form that posts to the endpoint: Accept all, Reject all and
 * Settings as three equal buttons, the categories as unticked checkboxes,
 * the policy link), and CC_BANNER_REOPEN, for a decided visitor: only the
 * small persistent "Cookie settings" link to the endpoint's page.  Both
 * reference the stylesheet and the script served by the endpoint
 * (<endpoint>/banner.css, <endpoint>/banner.js: no inline code, no style
 * attribute), so they work under "default-src 'self'"; with a nonce, the
 * <link> and <script> elements carry it.
 *
 * A site may bring its own markup: cc_banner_render_template() fills the
 * {{placeholders}} of a template (the list is in docs/banner.md).
 *
 * Everything inserted is HTML-escaped.  Plain C99, no nginx headers, no
 * allocation; output never exceeds the caller's buffer.
 */

#ifndef CC_BANNER_H
#define CC_BANNER_H

#include <stddef.h>


/*
 * Not exported from the module's shared object: nginx loads modules
 * RTLD_GLOBAL, where these names could meet another module's.
 */
#pragma GCC visibility push(hidden)


#define CC_BANNER_FIRST           0
#define CC_BANNER_REOPEN          1

/* the first layer's layout (cookie_consent_banner_layout) */
#define CC_BANNER_BAR             0       /* across the bottom */
#define CC_BANNER_BOX             1       /* a box in a corner */
#define CC_BANNER_MODAL           2       /* centred */

/* colours */
#define CC_BANNER_THEME_AUTO      0       /* prefers-color-scheme */
#define CC_BANNER_THEME_LIGHT     1       /* light whatever the visitor's */

/* categories after this many are left out */
#define CC_BANNER_MAX_CATEGORIES  32

/* the longest template placeholder name, "{{" and "}}" excluded */
#define CC_BANNER_MAX_NAME        32

/* the request's parts of a skeleton (cc_banner_skeleton()) */
#define CC_BANNER_MAX_HOLES       16

#define CC_BANNER_HOLE_RETURN      0      /* the return path, escaped */
#define CC_BANNER_HOLE_RETURN_ARG  1      /* the same, a query argument */
#define CC_BANNER_HOLE_NONCE       2      /* the nonce, escaped */
#define CC_BANNER_HOLE_NONCE_ATTR  3      /* ' nonce="..."' or nothing */
#define CC_BANNER_HOLE_REVISED     4      /* the revision message, if any */
#define CC_BANNER_HOLE_GPC         5      /* the GPC notice, if any */


typedef struct {
    size_t                       offset;      /* in the skeleton */
    int                          what;        /* CC_BANNER_HOLE_* */
} cc_banner_hole_t;


typedef struct {
    const unsigned char         *name;        /* "analytics" */
    size_t                       name_len;

    /*
     * NULL or empty: the built-in text of the banner's language for
     * necessary, preferences, analytics and marketing; for another
     * category the name (label) or nothing (purpose)
     */
    const unsigned char         *label;
    size_t                       label_len;
    const unsigned char         *purpose;
    size_t                       purpose_len;

    /* checked and disabled; "necessary" always is */
    unsigned                     required:1;
} cc_banner_category_t;


/*
 * A service a visitor may grant on its own (cookie_consent_service): a
 * checkbox named "service" under its category's, unticked unless
 * granted; a category ticked grants all of its services
 */
typedef struct {
    const unsigned char         *name;        /* "google_analytics" */
    size_t                       name_len;
    const unsigned char         *label;       /* NULL or empty: the name */
    size_t                       label_len;
    size_t                       category;    /* index in categories */
} cc_banner_service_t;


typedef struct cc_banner_decl_s  cc_banner_decl_t;


typedef struct {
    int                          lang;        /* CC_I18N_*; else English */
    int                          mode;        /* CC_BANNER_FIRST, _REOPEN */

    const cc_banner_category_t  *categories;  /* in display order */
    size_t                       ncategories;

    const unsigned char         *endpoint;    /* NULL: "/cookie-consent" */
    size_t                       endpoint_len;
    const unsigned char         *return_to;   /* NULL or "": "/" */
    size_t                       return_len;
    const unsigned char         *policy_url;  /* NULL or "": no link */
    size_t                       policy_len;
    const unsigned char         *nonce;       /* NULL or "": none */
    size_t                       nonce_len;

    const cc_banner_service_t   *services;    /* NULL: none */
    size_t                       nservices;

    /* the preferences page: the site's stylesheet after ours, or NULL */
    const unsigned char         *page_css;
    size_t                       page_css_len;

    /*
     * the preferences page: the cookies of each category (the
     * declaration's rows, NULL: none), listed under its checkbox
     */
    const cc_banner_decl_t      *decl;
    size_t                       ndecl;

    /*
     * NULL or "": none; else the visitor decided under an earlier revision
     * of the policy, and the first layer says this operator's line
     * (cookie_consent_revision_message) in a paragraph of its own
     */
    const unsigned char         *revised;
    size_t                       revised_len;

    /*
     * Bit i set: categories[i] is shown ticked (the preferences page
     * shows the granted ones); 0 in the banner, whose optional
     * categories start unticked
     */
    unsigned long                granted;

    /* bit i: services[i] is shown ticked (as granted above) */
    unsigned long long           granted_services;

    /*
     * Non-ASCII characters as character references (&#x...;), for pages
     * whose charset is not UTF-8
     */
    unsigned                     ascii:1;

    /* the preferences page: "your choice is saved" instead of "not yet" */
    unsigned                     decided:1;

    /* CC_BANNER_BAR, _BOX, _MODAL */
    unsigned                     layout:2;

    /*
     * the modal blocks the page until a choice (a cookie wall: only where
     * the law allows one, see docs/banner.md)
     */
    unsigned                     wall:1;

    /* CC_BANNER_THEME_*: the banner, control, placeholder and page */
    unsigned                     theme:1;

    /* the "Cookie settings" control in the bottom right corner */
    unsigned                     reopen_right:1;

    /*
     * Sec-GPC: 1 honoured: the first layer and the preferences page say
     * so in a paragraph of their own
     */
    unsigned                     gpc:1;

    /*
     * the preferences page asks to confirm an Accept all made with
     * Sec-GPC: 1: its form carries "gpc=confirm" and its first button
     * says "Yes, accept all"
     */
    unsigned                     gpc_confirm:1;
} cc_banner_conf_t;


/*
 * The rendered length: the exact size the render functions need.  The
 * render functions return the length written, or 0 (with an unspecified
 * buffer content) when it does not fit in size bytes.
 */
size_t cc_banner_size(const cc_banner_conf_t *c);
size_t cc_banner_render(unsigned char *buf, size_t size,
    const cc_banner_conf_t *c);

/*
 * The language (CC_I18N_*) in which c renders longest, c->lang ignored.
 * Only the texts and the language code depend on the language, so for
 * the built-in banner (not a template) the answer depends on c->mode and
 * c->ascii only: computed once per configuration, it bounds the size of
 * that rendering in every language (an exact Content-Length for a page
 * whose only edit is the "Cookie settings" control).
 */
int cc_banner_widest(const cc_banner_conf_t *c);

/*
 * A template: placeholders "{{name}}" replaced, unknown ones (and any
 * other text) copied verbatim; c->mode is not used.
 */
size_t cc_banner_template_size(const unsigned char *tpl, size_t tlen,
    const cc_banner_conf_t *c);
size_t cc_banner_render_template(unsigned char *buf, size_t size,
    const unsigned char *tpl, size_t tlen, const cc_banner_conf_t *c);

/*
 * For checking a template file at configuration time: 0, or -1 with the
 * first unknown "{{name}}" (braces included) in *bad, *bad_len.
 */
int cc_banner_template_check(const unsigned char *tpl, size_t tlen,
    const unsigned char **bad, size_t *bad_len);

/*
 * The endpoint's preferences page (GET <endpoint>, text/html): a complete
 * UTF-8 document in c->lang with the banner's texts.  It says whether a
 * choice is saved (c->decided), has a plain form posting to c->endpoint
 * (the hidden "return" field is c->return_to) with one checkbox per
 * category (ticked as c->granted says; required ones ticked and
 * disabled; with c->decl, a folded list of its cookies under each), the
 * policy link, the three equal buttons Accept all,
 * Reject all, Save choices, and a link back to c->return_to.  Styled by
 * <endpoint>/banner.css (and c->page_css), no inline code or style.
 * c->mode is not used.  Returns the length written, 0
 * when it does not fit; cc_banner_page_size() is the size it needs.
 */
size_t cc_banner_page_size(const cc_banner_conf_t *c);
size_t cc_banner_page(unsigned char *buf, size_t size,
    const cc_banner_conf_t *c);

/*
 * The cookie declaration (GET <endpoint>/declaration): per category, in
 * c->categories' order, its label, purpose and a table of its cookies
 * (name or pattern, provider, lifetime in days, the day a Set-Cookie of
 * it was last seen), then the cookies no rule classifies.  rows are in
 * the order to show within a category.  A complete UTF-8 page styled
 * like the preferences page, or with fragment a <div> to embed in the
 * site's privacy policy (an SSI include, say).  Returns the length
 * written, 0 when it does not fit; cc_banner_declaration_size() is the
 * size it needs.
 */

#define CC_BANNER_DECL_SESSION   (-1)     /* lifetime: a session cookie */
#define CC_BANNER_DECL_UNKNOWN   (-2)     /* lifetime: not known */

struct cc_banner_decl_s {
    long                         category;    /* index, -1: none */
    const unsigned char         *name;
    size_t                       name_len;
    const unsigned char         *vendor;      /* NULL: not known */
    size_t                       vendor_len;
    long                         service;     /* in c->services, -1: none */
    long long                    lifetime;    /* seconds, or above */
    long long                    last;        /* seconds since the epoch;
                                                 0: never seen set */
};

size_t cc_banner_declaration_size(const cc_banner_conf_t *c,
    const cc_banner_decl_t *rows, size_t n, int fragment);
size_t cc_banner_declaration(unsigned char *buf, size_t size,
    const cc_banner_conf_t *c, const cc_banner_decl_t *rows, size_t n,
    int fragment);

/*
 * The placeholder the HTML rewriter may put right before a blocked embed
 * (an <iframe>, a <video>) of a category: a box saying the content is
 * blocked, and an "Allow" link to the endpoint's page that the script
 * turns into a one-click grant.  With service (an index in c->services,
 * -1: none) the embed is that service's: it is named after the category
 * and "Allow" grants the service alone.  Returns the length written, 0
 * when it does not fit; cc_banner_placeholder_size() is the size it
 * needs.
 */
size_t cc_banner_placeholder_size(const cc_banner_conf_t *c,
    const unsigned char *category, size_t len, long service);
size_t cc_banner_placeholder(unsigned char *buf, size_t size,
    const cc_banner_conf_t *c, const unsigned char *category, size_t len,
    long service);

/*
 * The banner rendered once per language and configuration: what
 * cc_banner_render() (tpl NULL, as c->mode says) or
 * cc_banner_render_template() renders, without the return path and the
 * nonce, whose places are recorded in holes (at most CC_BANNER_MAX_HOLES;
 * *nholes).  With buf NULL, the size it needs.  Returns the length, or 0
 * when it does not fit or a template has more holes.
 *
 * cc_banner_fill() renders it for a request: the skeleton with c's
 * return_to, nonce, revised and gpc in its holes, byte for byte what the render
 * functions give for c (c's other fields must be the skeleton's).  With
 * buf NULL, the size it needs; else the length written, 0 when it does
 * not fit.
 */
size_t cc_banner_skeleton(unsigned char *buf, size_t size,
    const cc_banner_conf_t *c, const unsigned char *tpl, size_t tlen,
    cc_banner_hole_t *holes, size_t *nholes);
size_t cc_banner_fill(unsigned char *buf, size_t size,
    const unsigned char *skel, size_t len, const cc_banner_hole_t *holes,
    size_t nholes, const cc_banner_conf_t *c);

/*
 * A placeholder rendered once per language and configuration, as
 * cc_banner_skeleton() renders the banner: cc_banner_placeholder()'s
 * output with the return path as a hole, for cc_banner_fill()
 */
size_t cc_banner_placeholder_skeleton(unsigned char *buf, size_t size,
    const cc_banner_conf_t *c, const unsigned char *category, size_t len,
    long service, cc_banner_hole_t *holes, size_t *nholes);

#pragma GCC visibility pop

#endif /* CC_BANNER_H */
