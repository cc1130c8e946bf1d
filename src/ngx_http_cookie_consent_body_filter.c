/*
 * nginx-cookie-consent: HTML responses.
 *
 * The header part, called by the header filter (header_filter.c), decides
 * whether a response is rewritten; the body filter, a second nginx module
 * of the .so (ngx_http_cookie_consent_body_filter_module, below), streams
 * it through the nginx-free tokenizer (src/cc_html.c), which neutralises
 * trackers of non-granted categories with the cookieconsent v3
 * convention (type="text/plain" data-category=..., src moved to
 * data-src).  Bytes that need no change are passed on without copying,
 * as nginx's sub filter does: output buffers point into the input
 * buffers, which are released (shadow) only once the output that refers
 * to them has been sent.
 *
 * The banner and the placeholders of blocked embeds are rendered when
 * the tokenizer asks for them, so that they speak the page's <html lang>;
 * the Google Consent Mode default is rendered with the headers.  Inline
 * elements carry the nonce of the response's Content-Security-Policy.
 */


#include "ngx_http_cookie_consent_module.h"
#include "cc_html.h"
#include "cc_gcm.h"


#define NGX_HTTP_COOKIE_CONSENT_COPY_SIZE  4096


typedef struct {
    ngx_http_request_t             *request;
    ngx_http_cookie_consent_ctx_t  *consent;
    ngx_http_cookie_consent_loc_conf_t  *lcf;
    cc_html_t                      *html;
    cc_html_conf_t                  conf;

    ngx_str_t                       nonce;
    ngx_str_t                       banner;
    ngx_str_t                      *placeholders; /* per category */

    ngx_buf_t                      *in;          /* being fed */
    ngx_chain_t                    *out;
    ngx_chain_t                   **last_out;
    ngx_chain_t                    *busy;
    ngx_chain_t                    *free;        /* buf structs */
    ngx_chain_t                    *pending;     /* markers maybe queued */
    ngx_chain_t                    *free_copy;   /* bufs with memory */
    ngx_buf_t                      *copy;        /* open copy buffer */

    ngx_http_cookie_consent_inflate_t  *inflate; /* gzip, deflate */

    unsigned                        error:1;
    unsigned                        done:1;      /* last_buf fed */
} ngx_http_cookie_consent_html_ctx_t;


static ngx_int_t ngx_http_cookie_consent_body_filter(ngx_http_request_t *r,
    ngx_chain_t *in);
static ngx_chain_t *ngx_http_cookie_consent_html_link(
    ngx_http_cookie_consent_html_ctx_t *ctx);
static int ngx_http_cookie_consent_html_emit(void *data, const u_char *p,
    size_t len, int from_input);
static ngx_int_t ngx_http_cookie_consent_html_marker(
    ngx_http_cookie_consent_html_ctx_t *ctx, ngx_buf_t *in);
static ngx_int_t ngx_http_cookie_consent_html_output(ngx_http_request_t *r,
    ngx_http_cookie_consent_html_ctx_t *ctx);
static ngx_int_t ngx_http_cookie_consent_html_encoding(
    ngx_http_request_t *r, ngx_uint_t all,
    ngx_http_cookie_consent_inflate_t **zi);
static ngx_int_t ngx_http_cookie_consent_html_feed(ngx_http_request_t *r,
    ngx_http_cookie_consent_html_ctx_t *ctx, ngx_buf_t *b);
static ngx_int_t ngx_http_cookie_consent_html_decode(ngx_http_request_t *r,
    ngx_http_cookie_consent_html_ctx_t *ctx);
static ngx_chain_t *ngx_http_cookie_consent_html_link(
    ngx_http_cookie_consent_html_ctx_t *ctx);
static void ngx_http_cookie_consent_neutralised(void *data, int category);
static int ngx_http_cookie_consent_html_insert(void *data, int what,
    int category, const u_char **p, size_t *len);
static ngx_int_t ngx_http_cookie_consent_gcm(ngx_http_request_t *r,
    ngx_http_cookie_consent_html_ctx_t *ctx, ngx_uint_t csp);


static ngx_int_t ngx_http_cookie_consent_body_init(ngx_conf_t *cf);
static ngx_int_t ngx_http_cookie_consent_decoded_header(
    ngx_http_request_t *r);
static ngx_uint_t ngx_http_cookie_consent_byte_range(ngx_http_request_t *r);


/*
 * The body filter is a module of its own, so that it sits in nginx's
 * filter chain below the postpone filter (config: ngx_module_order), where
 * the header filter cannot: it sees the page in its final order, with the
 * output of SSI includes, add_before_body/add_after_body, slices and other
 * subrequests in place, always as the main request, and a filter above it
 * (the addition filter's ngx_http_send_special()) never re-enters it while
 * its own output is under way.  Below it are gzip, chunked and the writer.
 */

static ngx_http_module_t  ngx_http_cookie_consent_body_filter_module_ctx = {
    NULL,                                  /* preconfiguration */
    ngx_http_cookie_consent_body_init,     /* postconfiguration */

    NULL,                                  /* create main configuration */
    NULL,                                  /* init main configuration */

    NULL,                                  /* create server configuration */
    NULL,                                  /* merge server configuration */

    NULL,                                  /* create location configuration */
    NULL                                   /* merge location configuration */
};


ngx_module_t  ngx_http_cookie_consent_body_filter_module = {
    NGX_MODULE_V1,
    &ngx_http_cookie_consent_body_filter_module_ctx, /* module context */
    NULL,                                  /* module directives */
    NGX_HTTP_MODULE,                       /* module type */
    NULL,                                  /* init master */
    NULL,                                  /* init module */
    NULL,                                  /* init process */
    NULL,                                  /* init thread */
    NULL,                                  /* exit thread */
    NULL,                                  /* exit process */
    NULL,                                  /* exit master */
    NGX_MODULE_V1_PADDING
};


static ngx_http_output_header_filter_pt  ngx_http_next_header_filter;
static ngx_http_output_body_filter_pt    ngx_http_next_body_filter;



/* called by the header filter; NGX_DECLINED: the body passes untouched */

ngx_int_t
ngx_http_cookie_consent_html_header(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *consent,
    ngx_http_cookie_consent_loc_conf_t *lcf)
{
    ngx_int_t                             rc;
    ngx_uint_t                            banner, gcm, csp, frame, status,
                                          all;
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

    h = ngx_http_cookie_consent_request_header(r, "Sec-Fetch-Dest",
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
     * answer has the headers of a GET and the resource's length
     */

    if (r->header_only || r->method == NGX_HTTP_HEAD) {
        return NGX_DECLINED;
    }

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

    rc = ngx_http_cookie_consent_html_encoding(r, all, &zi);

    if (rc != NGX_OK) {
        return rc;
    }

    ctx = ngx_pcalloc(r->pool, sizeof(ngx_http_cookie_consent_html_ctx_t));
    if (ctx == NULL) {
        return NGX_ERROR;
    }

    ctx->html = ngx_palloc(r->pool, cc_html_state_size());
    if (ctx->html == NULL) {
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
    }
    ctx->conf.granted = consent->granted;
    ctx->conf.categories = mcf->cnames;
    ctx->conf.ncategories = mcf->ncategories;
    ctx->conf.match_url = ngx_http_cookie_consent_match_url;

    if (ngx_http_cookie_consent_counting(r)) {
        ctx->conf.neutralised = ngx_http_cookie_consent_neutralised;
        ctx->conf.neutralised_data = r;
    }
    ctx->conf.data = lcf->hosts;

    cc_html_init(ctx->html, &ctx->conf);

    consent->html = ctx;

    ngx_http_clear_content_length(r);
    ngx_http_clear_accept_ranges(r);

    r->filter_need_in_memory = 1;

    return NGX_OK;
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
 * A page with a Content-Encoding: gzip and deflate are decoded in the
 * stream (ngx_http_cookie_consent_inflate.c): the response goes out
 * without Content-Encoding, and nginx's gzip filter, below this module,
 * compresses it again for the visitor.  Any other encoding cannot be
 * looked into: the page is not served (502, logged at "error"), since its
 * trackers would run, unless every category is granted.
 */

static ngx_int_t
ngx_http_cookie_consent_html_encoding(ngx_http_request_t *r, ngx_uint_t all,
    ngx_http_cookie_consent_inflate_t **zi)
{
    ngx_str_t   *ce;
    ngx_uint_t   unknown;

    *zi = NULL;

    if (r->headers_out.content_encoding == NULL
        || r->headers_out.content_encoding->value.len == 0)
    {
        return NGX_OK;
    }

    ce = &r->headers_out.content_encoding->value;

    if (ce->len == 8 && ngx_strncasecmp(ce->data, (u_char *) "identity", 8)
                        == 0)
    {
        return NGX_OK;
    }

    *zi = ngx_http_cookie_consent_inflate_create(r, ce, &unknown);

    if (*zi) {
        /* Content-Encoding goes below charset & co. (decoded_header) */
        ngx_http_cookie_consent_count(r, NGX_HTTP_COOKIE_CONSENT_C_ENCODING,
                                      0);
        return NGX_OK;
    }

    if (!unknown) {
        return NGX_ERROR;
    }

    if (all) {
        /* nothing to block: only the inserts are lost */

        ngx_log_error(NGX_LOG_INFO, r->connection->log, 0,
                      "cookie consent: HTML with \"Content-Encoding: %V\" "
                      "passed unchanged: every category is granted", ce);
        return NGX_DECLINED;
    }

    ngx_http_cookie_consent_count(r, NGX_HTTP_COOKIE_CONSENT_C_ENCODING, 1);

    ngx_log_error(NGX_LOG_ERR, r->connection->log, 0,
                  "cookie consent: HTML with \"Content-Encoding: %V\" "
                  "cannot be looked into, answering 502 rather than "
                  "serving its trackers; let the upstream send gzip, "
                  "deflate or no encoding", ce);

    return ngx_http_filter_finalize_request(r,
                                            &ngx_http_cookie_consent_module,
                                            NGX_HTTP_BAD_GATEWAY);
}


/* a tag made inert: counted per category (cookie_consent_zone) */

static void
ngx_http_cookie_consent_neutralised(void *data, int category)
{
    ngx_http_request_t  *r = data;

    ngx_http_cookie_consent_count(r, NGX_HTTP_COOKIE_CONSENT_C_TAGS,
                                  (ngx_uint_t) category);
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
        /* made at configuration (body_init): empty without an endpoint */
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
                                           &ctx->nonce, &ctx->banner)
            != NGX_OK)
        {
            return -1;
        }

        *p = ctx->banner.data;
        *len = ctx->banner.len;

        return 0;
    }

    mcf = ngx_http_get_module_main_conf(r, ngx_http_cookie_consent_module);

    if (category < 0 || (ngx_uint_t) category >= mcf->ncategories) {
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


static ngx_int_t
ngx_http_cookie_consent_body_filter(ngx_http_request_t *r, ngx_chain_t *in)
{
    ngx_int_t                            rc;
    ngx_chain_t                         *cl, *ln;
    ngx_http_cookie_consent_ctx_t       *consent;
    ngx_http_cookie_consent_html_ctx_t  *ctx;

    if (r != r->main) {
        return ngx_http_next_body_filter(r, in);
    }

    consent = ngx_http_get_module_ctx(r, ngx_http_cookie_consent_module);

    if (consent == NULL || consent->html == NULL) {
        return ngx_http_next_body_filter(r, in);
    }

    ctx = consent->html;

    if (ctx->error) {
        return NGX_ERROR;
    }

    /*
     * the writer's call when the client can take more (in == NULL): what
     * was sent is released, so that the upstream's buffers are read again
     */

    if (in == NULL && ctx->out == NULL && ctx->busy == NULL
        && (ctx->inflate == NULL
            || !ngx_http_cookie_consent_inflate_pending(ctx->inflate)))
    {
        return ngx_http_next_body_filter(r, in);
    }

    if (ctx->inflate) {
        if (in && !ctx->done
            && ngx_http_cookie_consent_inflate_add(ctx->inflate, in)
               != NGX_OK)
        {
            return NGX_ERROR;
        }

        /* decoded while buffers come back from the writer */

        for ( ;; ) {
            if (ngx_http_cookie_consent_html_decode(r, ctx) != NGX_OK) {
                ctx->error = 1;
                return NGX_ERROR;
            }

            rc = ngx_http_cookie_consent_html_output(r, ctx);

            if (rc == NGX_ERROR
                || !ngx_http_cookie_consent_inflate_pending(ctx->inflate)
                || !ngx_http_cookie_consent_inflate_nomem(ctx->inflate)
                || ctx->busy != NULL)
            {
                break;
            }
        }

        if (ngx_http_cookie_consent_inflate_pending(ctx->inflate)) {
            r->buffered |= NGX_HTTP_COOKIE_CONSENT_BUFFERED;

        } else {
            r->buffered &= ~NGX_HTTP_COOKIE_CONSENT_BUFFERED;
        }

        return rc;
    }

    for (cl = in; cl; cl = cl->next) {

        if (ctx->done) {
            /* after the end of the document: passed on as it is */

            ln = ngx_alloc_chain_link(r->pool);
            if (ln == NULL) {
                return NGX_ERROR;
            }

            ln->buf = cl->buf;
            ln->next = NULL;
            *ctx->last_out = ln;
            ctx->last_out = &ln->next;

            continue;
        }

        if (ngx_http_cookie_consent_html_feed(r, ctx, cl->buf) != NGX_OK) {
            return NGX_ERROR;
        }
    }

    return ngx_http_cookie_consent_html_output(r, ctx);
}


/*
 * One buffer through the tokenizer, then a marker carrying its flags;
 * once the marker is sent, the buffer (its shadow) goes back to its owner
 */

static ngx_int_t
ngx_http_cookie_consent_html_feed(ngx_http_request_t *r,
    ngx_http_cookie_consent_html_ctx_t *ctx, ngx_buf_t *b)
{
    ngx_uint_t  last;

    last = b->last_buf;

    ctx->in = b;
    ctx->copy = NULL;

    if (cc_html_feed(ctx->html, b->pos, b->last - b->pos, last,
                     ngx_http_cookie_consent_html_emit, ctx)
        != 0 || ctx->error)
    {
        ctx->error = 1;
        return NGX_ERROR;
    }

    ctx->copy = NULL;

    if (last) {
        ctx->done = 1;
    }

    return ngx_http_cookie_consent_html_marker(ctx, b);
}


/*
 * Compressed input decoded into the tokenizer until the input or the
 * decoding buffers run out; with every buffer out, a flush makes the
 * writer send (and the body filter get them back) whatever
 * postpone_output would hold
 */

static ngx_int_t
ngx_http_cookie_consent_html_decode(ngx_http_request_t *r,
    ngx_http_cookie_consent_html_ctx_t *ctx)
{
    ngx_int_t     rc;
    ngx_buf_t    *b;
    ngx_chain_t  *cl;

    for ( ;; ) {
        rc = ngx_http_cookie_consent_inflate_next(ctx->inflate, &b);

        if (rc == NGX_ERROR) {
            return NGX_ERROR;
        }

        if (rc == NGX_AGAIN) {
            break;
        }

        if (ngx_http_cookie_consent_html_feed(r, ctx, b) != NGX_OK) {
            return NGX_ERROR;
        }
    }

    if (ngx_http_cookie_consent_inflate_nomem(ctx->inflate)) {
        cl = ngx_http_cookie_consent_html_link(ctx);
        if (cl == NULL) {
            return NGX_ERROR;
        }

        cl->buf->flush = 1;
        cl->buf->sync = 1;
    }

    return NGX_OK;
}


static ngx_chain_t *
ngx_http_cookie_consent_html_link(ngx_http_cookie_consent_html_ctx_t *ctx)
{
    ngx_chain_t  *cl;

    cl = ngx_chain_get_free_buf(ctx->request->pool, &ctx->free);
    if (cl == NULL) {
        return NULL;
    }

    ngx_memzero(cl->buf, sizeof(ngx_buf_t));
    cl->buf->tag = (ngx_buf_tag_t) &ngx_http_cookie_consent_module;

    *ctx->last_out = cl;
    ctx->last_out = &cl->next;

    return cl;
}


static int
ngx_http_cookie_consent_html_emit(void *data, const u_char *p, size_t len,
    int from_input)
{
    ngx_http_cookie_consent_html_ctx_t *ctx = data;

    size_t        n;
    ngx_buf_t    *b;
    ngx_chain_t  *cl;

    if (len == 0) {
        return 0;
    }

    if (from_input) {
        cl = ngx_http_cookie_consent_html_link(ctx);
        if (cl == NULL) {
            ctx->error = 1;
            return -1;
        }

        b = cl->buf;
        b->memory = 1;
        b->pos = (u_char *) p;
        b->last = (u_char *) p + len;

        ctx->copy = NULL;

        return 0;
    }

    /* edited bytes: copied into recycled buffers of a fixed size */

    while (len) {

        b = ctx->copy;

        if (b == NULL || b->last == b->end) {

            if (ctx->free_copy) {
                cl = ctx->free_copy;
                ctx->free_copy = cl->next;
                b = cl->buf;
                b->pos = b->start;
                b->last = b->start;

            } else {
                cl = ngx_alloc_chain_link(ctx->request->pool);
                if (cl == NULL) {
                    ctx->error = 1;
                    return -1;
                }

                b = ngx_create_temp_buf(ctx->request->pool,
                                        NGX_HTTP_COOKIE_CONSENT_COPY_SIZE);
                if (b == NULL) {
                    ctx->error = 1;
                    return -1;
                }

                b->tag = (ngx_buf_tag_t) &ngx_http_cookie_consent_module;
                cl->buf = b;
            }

            cl->next = NULL;
            *ctx->last_out = cl;
            ctx->last_out = &cl->next;

            ctx->copy = b;
        }

        n = ngx_min(len, (size_t) (b->end - b->last));
        b->last = ngx_cpymem(b->last, p, n);
        p += n;
        len -= n;
    }

    return 0;
}


static ngx_int_t
ngx_http_cookie_consent_html_marker(ngx_http_cookie_consent_html_ctx_t *ctx,
    ngx_buf_t *in)
{
    ngx_buf_t    *b;
    ngx_chain_t  *cl;

    cl = ngx_http_cookie_consent_html_link(ctx);
    if (cl == NULL) {
        return NGX_ERROR;
    }

    b = cl->buf;

    b->sync = 1;
    b->last_buf = in->last_buf;
    b->last_in_chain = in->last_in_chain;
    b->flush = in->flush;
    b->recycled = in->recycled;
    b->shadow = in;

    return NGX_OK;
}


/*
 * Sends what is ready and takes back what was sent, as
 * ngx_chain_update_chains() does; the chain is detached before the call,
 * so that a filter below that calls back into the chain finds an empty
 * output, never the one under way
 */

static ngx_int_t
ngx_http_cookie_consent_html_output(ngx_http_request_t *r,
    ngx_http_cookie_consent_html_ctx_t *ctx)
{
    ngx_int_t     rc;
    ngx_buf_t    *b;
    ngx_chain_t  *cl, *ln, *out;

    out = ctx->out;
    ctx->out = NULL;
    ctx->last_out = &ctx->out;

    rc = ngx_http_next_body_filter(r, out);

    if (ctx->busy == NULL) {
        ctx->busy = out;

    } else {
        for (cl = ctx->busy; cl->next; cl = cl->next) { /* void */ }
        cl->next = out;
    }

    while (ctx->busy) {

        cl = ctx->busy;
        b = cl->buf;

        if (ngx_buf_size(b) != 0) {
            break;
        }

        ctx->busy = cl->next;

        if (b->tag != (ngx_buf_tag_t) &ngx_http_cookie_consent_module) {
            ngx_free_chain(r->pool, cl);
            continue;
        }

        if (b->sync) {
            /*
             * a marker: everything before it is sent, so its input buffer
             * goes back to its owner.  The marker itself has no bytes and
             * may still wait in the writer's queue (a sync buffer alone is
             * held there below postpone_output): its buf is reused only
             * once a buffer with bytes after it has been sent
             */

            if (b->shadow) {
                b->shadow->pos = b->shadow->last;

                if (ctx->inflate
                    && b->shadow->tag
                       == (ngx_buf_tag_t) &ngx_http_cookie_consent_module
                    && ngx_http_cookie_consent_inflate_release(ctx->inflate,
                                                               b->shadow)
                       != NGX_OK)
                {
                    return NGX_ERROR;
                }

                b->shadow = NULL;
            }

            cl->next = ctx->pending;
            ctx->pending = cl;

            continue;
        }

        /* bytes sent: the writer's queue is past every pending marker */

        if (ctx->pending) {
            for (ln = ctx->pending; ln->next; ln = ln->next) { /* void */ }
            ln->next = ctx->free;
            ctx->free = ctx->pending;
            ctx->pending = NULL;
        }

        if (b->temporary && b->start) {
            cl->next = ctx->free_copy;
            ctx->free_copy = cl;

        } else {
            cl->next = ctx->free;
            ctx->free = cl;
        }
    }

    return rc;
}


static ngx_int_t
ngx_http_cookie_consent_body_init(ngx_conf_t *cf)
{
    u_char                               *p;
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

    ngx_http_next_header_filter = ngx_http_top_header_filter;
    ngx_http_top_header_filter = ngx_http_cookie_consent_decoded_header;

    ngx_http_next_body_filter = ngx_http_top_body_filter;
    ngx_http_top_body_filter = ngx_http_cookie_consent_body_filter;

    return NGX_OK;
}


/*
 * A page the body filter decodes goes out without Content-Encoding; it is
 * removed here, below the filters that must leave its compressed bytes
 * alone (charset recodes only what is not encoded), not when the module's
 * header filter decides
 */

static ngx_int_t
ngx_http_cookie_consent_decoded_header(ngx_http_request_t *r)
{
    ngx_http_cookie_consent_ctx_t       *consent;
    ngx_http_cookie_consent_html_ctx_t  *ctx;

    if (r == r->main) {
        consent = ngx_http_get_module_ctx(r, ngx_http_cookie_consent_module);

        if (consent && consent->html) {
            ctx = consent->html;

            if (ctx->inflate && r->headers_out.content_encoding) {
                r->headers_out.content_encoding->hash = 0;
                r->headers_out.content_encoding = NULL;
            }
        }
    }

    return ngx_http_next_header_filter(r);
}
