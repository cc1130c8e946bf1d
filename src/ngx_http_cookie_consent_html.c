/*
 * nginx-cookie-consent: whether an HTML response is rewritten, and how.
 *
 * Called by the header filter (header_filter.c) with the response's
 * headers: which documents the browser renders are rewritten (not byte
 * ranges, HEAD or a 304), with the validators of a page that depends on
 * the consent (cache.c), a decoder for a compressed page (inflate.c), and
 * what goes in: the banner or its "Cookie settings" control, the Google
 * Consent Mode default, placeholders of blocked embeds.  The tokenizer
 * (src/cc_html.c) is set up here for the body filter (body_filter.c),
 * which streams the page through it.
 *
 * The banner and the placeholders of blocked embeds are rendered when
 * the tokenizer asks for them, so that they speak the page's <html lang>;
 * the Google Consent Mode default is rendered with the headers.  Inline
 * elements carry the nonce of the response's Content-Security-Policy.
 */


#include "ngx_http_cookie_consent_html.h"
#include "cc_gcm.h"


static ngx_uint_t ngx_http_cookie_consent_byte_range(ngx_http_request_t *r);
static void ngx_http_cookie_consent_neutralised(void *data, int category);
static ngx_int_t ngx_http_cookie_consent_gcm(ngx_http_request_t *r,
    ngx_http_cookie_consent_html_ctx_t *ctx, ngx_uint_t csp);
static int ngx_http_cookie_consent_html_insert(void *data, int what,
    int category, const u_char **p, size_t *len);
static void ngx_http_cookie_consent_html_block_free(void *data);


/*
 * The tokenizer's states (about 12 KB each) and copy buffers of the
 * worker's requests that ended, reused: as many as were ever in use at
 * once
 */

typedef struct ngx_http_cookie_consent_block_s
    ngx_http_cookie_consent_block_t;

struct ngx_http_cookie_consent_block_s {
    ngx_http_cookie_consent_block_t  *next;
};


typedef struct {
    ngx_http_cookie_consent_block_t **list;
    ngx_http_cookie_consent_block_t  *block;
} ngx_http_cookie_consent_block_cln_t;


static ngx_http_cookie_consent_block_t  *ngx_http_cookie_consent_blocks[2];


/* called by the header filter; NGX_DECLINED: the body passes untouched */

ngx_int_t
ngx_http_cookie_consent_html_header(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *consent,
    ngx_http_cookie_consent_loc_conf_t *lcf)
{
    ngx_int_t                             rc;
    ngx_uint_t                            banner, gcm, csp, frame, status,
                                          all, head, exact;
    ngx_http_cookie_consent_inflate_t    *zi;
    ngx_table_elt_t                      *h;
    ngx_http_cookie_consent_html_ctx_t   *ctx;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    static ngx_str_t  marker_key = ngx_string("X-Cookie-Consent");
    static ngx_str_t  marker_value = ngx_string("inserted");

    if (!lcf->html
        || consent->mode != NGX_HTTP_COOKIE_CONSENT_ON
        || r != r->main)
    {
        return NGX_DECLINED;
    }

    /*
     * a 304 for a page revalidated with this consent state's entity tag
     * (ngx_http_cookie_consent_cache_request()) gets that tag back
     */

    if (r->headers_out.status == NGX_HTTP_NOT_MODIFIED) {
        if (consent->revalidating
            && ngx_http_cookie_consent_cache_response(r, consent) != NGX_OK)
        {
            return NGX_ERROR;
        }

        return NGX_DECLINED;
    }

    /*
     * Every HTML document the browser renders: pages, error pages (4xx
     * and 5xx, nginx's error_page and intercepted errors included) and
     * documents in frames (Sec-Fetch-Dest iframe, frame, embed, object).
     * Other destinations (scripts, fetch(), images) are not rendered as
     * pages.
     */

    status = r->headers_out.status;

    if ((status != NGX_HTTP_OK
         && (status < NGX_HTTP_BAD_REQUEST || status > 599))
        || r->headers_out.content_length_n == 0
        || ngx_http_test_content_type(r, &lcf->types) == NULL)
    {
        return NGX_DECLINED;
    }

    frame = 0;

    /* read with the conditionals for a page (cache.c) */

    h = consent->conditionals
        ? consent->fetch_dest
        : ngx_http_cookie_consent_request_header(r, "Sec-Fetch-Dest",
                                                 sizeof("Sec-Fetch-Dest") - 1);
    if (h) {
        if (!ngx_http_cookie_consent_document_dest(&h->value)) {
            return NGX_DECLINED;
        }

        frame = !(h->value.len == 8
                  && ngx_strncasecmp(h->value.data, (u_char *) "document", 8)
                     == 0);
    }

    /*
     * A Range request that nginx answers with a byte range (static files,
     * slices, caches) gets bytes of the resource as it is, with its own
     * validators: browsers never render a range as a page, and only the
     * whole body could be rewritten.  Not when nginx would answer with the
     * whole page instead: an If-Range (which may not match) or a Range
     * nginx cannot read
     */

    if (r->allow_ranges && ngx_http_cookie_consent_byte_range(r)) {
        return NGX_DECLINED;
    }

    /* from here the body depends on the consent state: so do validators */

    if (ngx_http_cookie_consent_cache_response(r, consent) != NGX_OK) {
        return NGX_ERROR;
    }

    /*
     * HEAD: nginx sets r->header_only only after the header filters; the
     * answer has the headers of a GET, with the length a GET has when it
     * keeps an exact one (below), else the resource's
     */

    head = (r->header_only || r->method == NGX_HTTP_HEAD);

    mcf = ngx_http_get_module_main_conf(r, ngx_http_cookie_consent_module);

    /*
     * the banner (or, once decided, the "Cookie settings" control) needs
     * an endpoint to post to; it goes on pages, not on error pages or in
     * frames, where trackers are still neutralised and the Consent Mode
     * default still set.  With everything granted and nothing to insert
     * the body is untouched.  A page that an nginx behind this one has
     * already given the banner and the Consent Mode default (its
     * "X-Cookie-Consent: inserted") gets neither again; its trackers are
     * still looked at
     */

    banner = lcf->banner && mcf->endpoint.len && status == NGX_HTTP_OK
             && !frame;
    gcm = lcf->gcm;

    if (ngx_http_cookie_consent_response_header(r, "X-Cookie-Consent",
                                                sizeof("X-Cookie-Consent")
                                                - 1))
    {
        banner = 0;
        gcm = 0;
    }

    all = ((consent->granted & mcf->all) == mcf->all);

    if (all && !banner && !gcm) {
        return NGX_DECLINED;
    }

    /*
     * A decided visitor who granted everything: the page only gains the
     * "Cookie settings" control and the Consent Mode default, of sizes
     * known now but for the control's language, so a page of known
     * length keeps an exact Content-Length (no chunked encoding): the
     * longest control, and spaces at the end of the page for what the
     * inserts came short of it (body_filter.c)
     */

    exact = (all && banner && consent->decided
             && r->headers_out.content_length_n > 0
             && r->headers_out.content_encoding == NULL);

    if (head && !exact) {
        return NGX_DECLINED;
    }

    zi = NULL;

    if (!head) {
        rc = ngx_http_cookie_consent_inflate_encoding(r, all, &zi);

        if (rc != NGX_OK) {
            return rc;
        }
    }

    ctx = ngx_pcalloc(r->pool, sizeof(ngx_http_cookie_consent_html_ctx_t));
    if (ctx == NULL) {
        return NGX_ERROR;
    }

    ctx->request = r;
    ctx->consent = consent;
    ctx->lcf = lcf;
    ctx->last_out = &ctx->out;
    ctx->inflate = zi;

    /* what the page's scripts run under: inline ones carry the nonce */

    csp = 0;
    h = ngx_http_cookie_consent_response_header(r, "Content-Security-Policy",
                                                sizeof("Content-Security-"
                                                       "Policy") - 1);
    if (h) {
        csp = 1;

        if (cc_html_csp_nonce(h->value.data, h->value.len,
                              (const u_char **) &ctx->nonce.data,
                              &ctx->nonce.len)
            != 0)
        {
            ngx_str_null(&ctx->nonce);
        }
    }

    if (gcm && ngx_http_cookie_consent_gcm(r, ctx, csp) != NGX_OK) {
        return NGX_ERROR;
    }

    /*
     * not encoded (zi is NULL); the control is counted by the length
     * header (body_filter.c), below the filters that may name the charset
     * it is written in
     */

    if (exact) {
        ctx->exact = r->headers_out.content_length_n + ctx->conf.gcm_len;
    }

    if (head) {
        /* no body to tokenize (ctx->html stays NULL): only the length */
        ctx->in_length = r->headers_out.content_length_n;
        consent->html = ctx;

        return NGX_DECLINED;
    }

    ctx->html = ngx_http_cookie_consent_html_block(r,
                                    NGX_HTTP_COOKIE_CONSENT_BLOCK_STATE);
    if (ctx->html == NULL) {
        return NGX_ERROR;
    }

    if ((banner || gcm)
        && ngx_http_cookie_consent_add_header(r, &marker_key, &marker_value)
           == NULL)
    {
        return NGX_ERROR;
    }

    if (banner) {
        /* the banner and placeholders: they need the endpoint */
        ctx->conf.insert = ngx_http_cookie_consent_html_insert;
        ctx->conf.insert_data = ctx;

        /*
         * a decided visitor's "Cookie settings" control goes at the end
         * of the document (browsers put what follows </html> at the end
         * of the body): a page granted everything passes unread after
         * its first <html>, <head> or <body> tag
         */
        ctx->conf.at_end = consent->decided;
    }
    /* inserts live in the request's pool: passed on without a copy */
    ctx->conf.stable = 1;
    ctx->conf.granted = consent->granted;
    ctx->conf.categories = mcf->cnames;
    ctx->conf.ncategories = mcf->ncategories;
    ctx->conf.services_granted = consent->services;
    ctx->conf.services = mcf->snames;
    ctx->conf.nservices = mcf->nservices;
    ctx->conf.match_url = ngx_http_cookie_consent_match_url;

    if (ngx_http_cookie_consent_counting(r)) {
        ctx->conf.neutralised = ngx_http_cookie_consent_neutralised;
        ctx->conf.neutralised_data = r;
    }
    ctx->conf.data = lcf->hosts;

    cc_html_init(ctx->html, &ctx->conf);

    consent->html = ctx;

    ngx_http_clear_accept_ranges(r);

    /*
     * The Content-Length stays for the filters between this one and the
     * body filter (SSI, sub, addition, charset...): their input is still
     * the page as it is.  The body filter module's header filter, below
     * them, replaces it (body_filter.c)
     */

    ctx->in_length = zi ? -1 : r->headers_out.content_length_n;

    r->filter_need_in_memory = 1;

    return NGX_OK;
}


/*
 * A block of the worker's (NGX_HTTP_COOKIE_CONSENT_BLOCK_STATE: a
 * tokenizer state, _COPY: a copy buffer's memory) for the request, given
 * back when the request ends, when nothing refers to it any more.  The
 * blocks live as long as the worker's cycle
 */

void *
ngx_http_cookie_consent_html_block(ngx_http_request_t *r, ngx_uint_t which)
{
    size_t                                size;
    ngx_pool_cleanup_t                   *cln;
    ngx_http_cookie_consent_block_t     **list;
    ngx_http_cookie_consent_block_cln_t  *bc;

    cln = ngx_pool_cleanup_add(r->pool,
                               sizeof(ngx_http_cookie_consent_block_cln_t));
    if (cln == NULL) {
        return NULL;
    }

    bc = cln->data;
    list = &ngx_http_cookie_consent_blocks[which];

    if (*list) {
        bc->block = *list;
        *list = (*list)->next;

    } else {
        size = (which == NGX_HTTP_COOKIE_CONSENT_BLOCK_STATE)
               ? cc_html_state_size() : NGX_HTTP_COOKIE_CONSENT_COPY_SIZE;
        size = ngx_max(size, sizeof(ngx_http_cookie_consent_block_t));

        bc->block = ngx_palloc(ngx_cycle->pool, size);
        if (bc->block == NULL) {
            cln->handler = NULL;
            return NULL;
        }
    }

    bc->list = list;

    cln->handler = ngx_http_cookie_consent_html_block_free;

    return bc->block;
}


static void
ngx_http_cookie_consent_html_block_free(void *data)
{
    ngx_http_cookie_consent_block_cln_t *bc = data;

    bc->block->next = *bc->list;
    *bc->list = bc->block;
}


/*
 * 1: nginx's range filter will answer this request with bytes of the
 * resource: "Range: bytes=" and only digits, "-", "," and spaces after it
 * (nginx ignores any other Range and sends the whole page), no If-Range
 */

static ngx_uint_t
ngx_http_cookie_consent_byte_range(ngx_http_request_t *r)
{
    u_char     *p, *end;
    ngx_str_t  *range;

    if (r->headers_in.range == NULL || r->headers_in.if_range != NULL) {
        return 0;
    }

    range = &r->headers_in.range->value;

    if (range->len <= 6
        || ngx_strncasecmp(range->data, (u_char *) "bytes=", 6) != 0)
    {
        return 0;
    }

    end = range->data + range->len;

    for (p = range->data + 6; p < end; p++) {
        if (!((*p >= '0' && *p <= '9') || *p == '-' || *p == ','
              || *p == ' '))
        {
            return 0;
        }
    }

    return 1;
}


/*
 * a tag made inert: counted per category (cookie_consent_zone); category
 * is its class, CC_CLASS()
 */

static void
ngx_http_cookie_consent_neutralised(void *data, int category)
{
    ngx_http_request_t  *r = data;

    ngx_http_cookie_consent_count(r, NGX_HTTP_COOKIE_CONSENT_C_TAGS,
                                  (ngx_uint_t) CC_CLASS_CAT(category));
}


/*
 * The Consent Mode default for the visitor's categories: inline (with
 * the nonce), or, under a Content-Security-Policy without a nonce, as a
 * script the endpoint serves (<endpoint>/gcm.js)
 */

static ngx_int_t
ngx_http_cookie_consent_gcm(ngx_http_request_t *r,
    ngx_http_cookie_consent_html_ctx_t *ctx, ngx_uint_t csp)
{
    u_char                               *p;
    size_t                                size;
    unsigned                              flags;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    mcf = ngx_http_get_module_main_conf(r, ngx_http_cookie_consent_module);

    if (csp && ctx->nonce.len == 0) {
        /* made at configuration (html_init): empty without an endpoint */
        ctx->conf.gcm = mcf->gcm_script.data;
        ctx->conf.gcm_len = mcf->gcm_script.len;

        return NGX_OK;
    }

    flags = ngx_http_cookie_consent_gcm_flags(ctx->consent->granted);

    size = cc_gcm_size(flags, ctx->nonce.len);

    p = ngx_pnalloc(r->pool, size);
    if (p == NULL) {
        return NGX_ERROR;
    }

    ctx->conf.gcm = p;
    ctx->conf.gcm_len = cc_gcm_render(p, size, flags, ctx->nonce.data,
                                      ctx->nonce.len);

    return NGX_OK;
}


/* cc_html asks for the banner or a placeholder where it goes */

static int
ngx_http_cookie_consent_html_insert(void *data, int what, int category,
    const u_char **p, size_t *len)
{
    ngx_http_cookie_consent_html_ctx_t *ctx = data;

    ngx_str_t                            *out, lang, *lp;
    ngx_http_request_t                   *r;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    r = ctx->request;

    lang.data = (u_char *) cc_html_lang(ctx->html, &lang.len);
    lp = lang.data ? &lang : NULL;

    if (what == CC_HTML_INSERT_BANNER) {
        ngx_http_cookie_consent_count(r, NGX_HTTP_COOKIE_CONSENT_C_BANNER,
                                      ctx->consent->decided ? 1 : 0);

        if (ngx_http_cookie_consent_banner(r, ctx->consent, ctx->lcf, lp,
                                           &ctx->nonce, ctx->control,
                                           &ctx->banner)
            != NGX_OK)
        {
            return -1;
        }

        *p = ctx->banner.data;
        *len = ctx->banner.len;

        return 0;
    }

    mcf = ngx_http_get_module_main_conf(r, ngx_http_cookie_consent_module);

    /* category: the embed's class, CC_CLASS() */

    if (category < 0
        || (ngx_uint_t) CC_CLASS_CAT(category) >= mcf->ncategories
        || CC_CLASS_SVC(category) >= (ngx_int_t) mcf->nservices)
    {
        return 0;
    }

    /* a service's: made each time (rare); a category's: once per page */

    if (CC_CLASS_SVC(category) >= 0) {
        if (ngx_http_cookie_consent_placeholder(r, ctx->lcf, lp,
                                                (ngx_uint_t) category,
                                                &ctx->placeholder)
            != NGX_OK)
        {
            return -1;
        }

        *p = ctx->placeholder.data;
        *len = ctx->placeholder.len;

        return 0;
    }

    if (ctx->placeholders == NULL) {
        ctx->placeholders = ngx_pcalloc(r->pool,
                                        mcf->ncategories * sizeof(ngx_str_t));
        if (ctx->placeholders == NULL) {
            return -1;
        }
    }

    out = &ctx->placeholders[category];

    if (out->data == NULL
        && ngx_http_cookie_consent_placeholder(r, ctx->lcf, lp,
                                               (ngx_uint_t) category, out)
           != NGX_OK)
    {
        return -1;
    }

    *p = out->data;
    *len = out->len;

    return 0;
}


/* the body filter module's postconfiguration (body_filter.c) calls it */

ngx_int_t
ngx_http_cookie_consent_html_init(ngx_conf_t *cf)
{
    u_char                               *p;
    cc_banner_conf_t                      c;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    static u_char  open[] = "<script src=\"";
    static u_char  close[] = "/gcm.js\"></script>";

    /*
     * the Consent Mode default of pages under a Content-Security-Policy
     * without a nonce: the endpoint's <endpoint>/gcm.js, the same tag for
     * every page
     */

    mcf = ngx_http_conf_get_module_main_conf(cf,
                                             ngx_http_cookie_consent_module);

    /*
     * the language in which the "Cookie settings" control is longest, on
     * UTF-8 pages and on pages whose non-ASCII text is written as
     * character references: the control's size then bounds every
     * language's before the page's <html lang> is read
     */

    ngx_memzero(&c, sizeof(cc_banner_conf_t));
    c.mode = CC_BANNER_REOPEN;

    mcf->widest[0] = cc_banner_widest(&c);

    c.ascii = 1;
    mcf->widest[1] = cc_banner_widest(&c);

    if (mcf->endpoint.len) {
        mcf->gcm_script.len = sizeof(open) - 1 + mcf->endpoint.len
                              + sizeof(close) - 1;

        p = ngx_pnalloc(cf->pool, mcf->gcm_script.len);
        if (p == NULL) {
            return NGX_ERROR;
        }

        mcf->gcm_script.data = p;

        p = ngx_cpymem(p, open, sizeof(open) - 1);
        p = ngx_cpymem(p, mcf->endpoint.data, mcf->endpoint.len);
        ngx_memcpy(p, close, sizeof(close) - 1);
    }

    return NGX_OK;
}
