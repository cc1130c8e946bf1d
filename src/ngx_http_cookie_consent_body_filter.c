/*
 * nginx-cookie-consent: the body filter of HTML responses.
 *
 * A page that html.c, with its headers, decided to rewrite is streamed by
 * the body filter, a second nginx module of the .so
 * (ngx_http_cookie_consent_body_filter_module, below), through the
 * nginx-free tokenizer (src/cc_html.c), which neutralises trackers of
 * non-granted categories with the cookieconsent v3 convention
 * (type="text/plain" data-category=..., src moved to data-src).  Bytes
 * that need no change are passed on without copying, as nginx's sub
 * filter does: output buffers point into the input buffers, which are
 * released (shadow) only once the output that refers to them has been
 * sent.  A compressed page is decoded on its way in (inflate.c).
 */


#include "ngx_http_cookie_consent_html.h"


static ngx_int_t ngx_http_cookie_consent_length_header(
    ngx_http_request_t *r);
static ngx_int_t ngx_http_cookie_consent_body_filter(ngx_http_request_t *r,
    ngx_chain_t *in);
static ngx_int_t ngx_http_cookie_consent_html_after(
    ngx_http_cookie_consent_html_ctx_t *ctx, ngx_buf_t *b);
static int ngx_http_cookie_consent_html_emit(void *data, const u_char *p,
    size_t len, int from_input);
static ngx_int_t ngx_http_cookie_consent_html_pad(
    ngx_http_cookie_consent_html_ctx_t *ctx);
static ngx_int_t ngx_http_cookie_consent_html_marker(
    ngx_http_cookie_consent_html_ctx_t *ctx, ngx_buf_t *in);
static ngx_int_t ngx_http_cookie_consent_body_init(ngx_conf_t *cf);


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


/*
 * The headers of a rewritten page as it goes out, set below the filters
 * that may change the page before the body filter sees it (SSI, sub,
 * addition, charset, gunzip, xslt...: each clears or replaces the
 * Content-Length the module's header filter left, html_header()).
 *
 * Its length: unchanged, the length of what the body filter will
 * receive, so that the body filter knows the page's end when its last
 * byte arrives, and the response goes out with an exact length (a
 * decided visitor who granted everything) or chunked.
 *
 * A page the body filter decodes (inflate.c) goes out without
 * Content-Encoding, removed here, below the filters that must leave its
 * compressed bytes alone (charset recodes only what is not encoded).
 */

static ngx_int_t
ngx_http_cookie_consent_length_header(ngx_http_request_t *r)
{
    ngx_http_cookie_consent_ctx_t       *consent;
    ngx_http_cookie_consent_html_ctx_t  *ctx;

    if (r != r->main) {
        return ngx_http_next_header_filter(r);
    }

    consent = ngx_http_get_module_ctx(r, ngx_http_cookie_consent_module);

    if (consent == NULL || consent->html == NULL) {
        return ngx_http_next_header_filter(r);
    }

    ctx = consent->html;

    if (ctx->inflate && r->headers_out.content_encoding) {
        r->headers_out.content_encoding->hash = 0;
        r->headers_out.content_encoding = NULL;
    }

    if (r->headers_out.content_length_n != ctx->in_length) {
        ctx->in_length = -1;
        ctx->exact = 0;
    }

    if (ctx->exact) {
        /*
         * the control, in its longest, in the charset the response names
         * by now: the charset module names it after html_header()
         * (charset without source_charset: no recoding, the length
         * stays); character references for what is not ASCII when it is
         * not UTF-8
         */

        ctx->control = ngx_http_cookie_consent_control_max(r, ctx->lcf,
                                                           &ctx->nonce);
        ctx->exact += ctx->control;

        if (r->headers_out.content_length) {
            r->headers_out.content_length->hash = 0;
            r->headers_out.content_length = NULL;
        }

        r->headers_out.content_length_n = ctx->exact;

    } else {
        ngx_http_clear_content_length(r);
    }

    return ngx_http_next_header_filter(r);
}


static ngx_int_t
ngx_http_cookie_consent_body_filter(ngx_http_request_t *r, ngx_chain_t *in)
{
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

    if (ctx->html == NULL) {              /* HEAD: its length only */
        return ngx_http_next_body_filter(r, in);
    }

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
        return ngx_http_cookie_consent_inflate_body(r, ctx, in);
    }

    /* a filter after the header filter (gzip) removed the exact length */

    if (ctx->exact && r->headers_out.content_length_n != ctx->exact) {
        ctx->exact = 0;
    }

    for (cl = in; cl; cl = cl->next) {

        if (ctx->ended) {
            if (ngx_http_cookie_consent_html_after(ctx, cl->buf) != NGX_OK) {
                return NGX_ERROR;
            }

            continue;
        }

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

            ctx->sent += ngx_buf_size(cl->buf);

            continue;
        }

        if (ngx_http_cookie_consent_html_feed(r, ctx, cl->buf) != NGX_OK) {
            return NGX_ERROR;
        }
    }

    /* the last buffer after an end already sent: nothing left to send */

    if (ctx->ended && ctx->out == NULL && ctx->busy == NULL) {
        return NGX_OK;
    }

    return ngx_http_cookie_consent_html_output(r, ctx);
}


/*
 * One buffer through the tokenizer, then a marker carrying its flags;
 * once the marker is sent, the buffer (its shadow) goes back to its owner
 */

ngx_int_t
ngx_http_cookie_consent_html_feed(ngx_http_request_t *r,
    ngx_http_cookie_consent_html_ctx_t *ctx, ngx_buf_t *b)
{
    ngx_uint_t  last, end;

    last = b->last_buf;

    /*
     * the page's last byte, known by its length: its end now, not with
     * the empty last buffer that an upstream sends once it is done, so
     * that the page, its padding and the chunked encoding's end go out in
     * one write
     */

    ctx->received += b->last - b->pos;

    end = last
          || (ctx->in_length > 0 && ctx->received >= ctx->in_length);

    ctx->in = b;
    ctx->copy = NULL;

    if (cc_html_feed(ctx->html, b->pos, b->last - b->pos, end,
                     ngx_http_cookie_consent_html_emit, ctx)
        != 0 || ctx->error)
    {
        ctx->error = 1;
        return NGX_ERROR;
    }

    ctx->copy = NULL;

    if (end) {
        ctx->done = 1;

        if (ctx->exact && ngx_http_cookie_consent_html_pad(ctx) != NGX_OK) {
            return NGX_ERROR;
        }
    }

    /*
     * The response ends here, unless trailers are still to come with the
     * last buffer (add_trailer, proxy_pass_trailers): that one is then
     * passed on, after the end of the document, as it is
     */

    if (end && !last && !r->expect_trailers) {
        ctx->ended = 1;
    }

    return ngx_http_cookie_consent_html_marker(ctx, b);
}


/*
 * What comes after a page whose end was known by its length: the empty
 * last buffer (its end was sent already) or a flush.  Bytes cannot come,
 * the upstream module cuts what exceeds the length; should they, they
 * are dropped, with an alert
 */

static ngx_int_t
ngx_http_cookie_consent_html_after(ngx_http_cookie_consent_html_ctx_t *ctx,
    ngx_buf_t *b)
{
    if (ngx_buf_size(b) == 0) {
        return NGX_OK;
    }

    ngx_log_error(NGX_LOG_ALERT, ctx->request->connection->log, 0,
                  "cookie consent: %O bytes after the page's "
                  "Content-Length %O dropped", ngx_buf_size(b),
                  ctx->in_length);

    if (b->in_file) {
        b->file_pos = b->file_last;
    }

    b->pos = b->last;

    return NGX_OK;
}


/*
 * The end of a page sent with an exact Content-Length (the length header):
 * spaces for what the inserts came short of the longest control (its
 * language was not known with the headers).  Whitespace after the
 * document's last element changes nothing the browser renders.
 */

static ngx_int_t
ngx_http_cookie_consent_html_pad(ngx_http_cookie_consent_html_ctx_t *ctx)
{
    size_t  n;
    off_t   pad;

    static u_char  spaces[] = "                                "
                              "                                ";

    pad = ctx->exact - ctx->sent;

    if (pad < 0) {
        return NGX_ERROR;           /* said by the emitter */
    }

    ngx_log_debug1(NGX_LOG_DEBUG_HTTP, ctx->request->connection->log, 0,
                   "cookie consent: %O spaces to the exact length", pad);

    while (pad) {
        n = (size_t) ngx_min(pad, (off_t) sizeof(spaces) - 1);

        if (ngx_http_cookie_consent_html_emit(ctx, spaces, n, 1) != 0) {
            return NGX_ERROR;
        }

        pad -= n;
    }

    return NGX_OK;
}


ngx_chain_t *
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

    ctx->sent += len;

    if (ctx->exact && ctx->sent > ctx->exact) {
        /* cannot happen: only inserts bounded in advance */
        ngx_log_error(NGX_LOG_ALERT, ctx->request->connection->log, 0,
                      "cookie consent: page longer than its Content-Length "
                      "%O, response cut", ctx->exact);
        ctx->error = 1;
        return -1;
    }

    /*
     * input and inserts (cc_html_conf_t.stable): no copy, unless small
     * and room for them is left in the copy buffer of the edit before
     */

    if (from_input
        && (len > NGX_HTTP_COOKIE_CONSENT_COPY_SMALL
            || ctx->copy == NULL
            || (size_t) (ctx->copy->end - ctx->copy->last) < len))
    {
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

    /* edited bytes and small pieces: copied into recycled buffers */

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

                b = ngx_calloc_buf(ctx->request->pool);
                if (b == NULL) {
                    ctx->error = 1;
                    return -1;
                }

                b->start = ngx_http_cookie_consent_html_block(ctx->request,
                                        NGX_HTTP_COOKIE_CONSENT_BLOCK_COPY);
                if (b->start == NULL) {
                    ctx->error = 1;
                    return -1;
                }

                b->pos = b->start;
                b->last = b->start;
                b->end = b->start + NGX_HTTP_COOKIE_CONSENT_COPY_SIZE;
                b->temporary = 1;

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
    b->last_buf = in->last_buf || ctx->ended;
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

ngx_int_t
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
    if (ngx_http_cookie_consent_html_init(cf) != NGX_OK) {
        return NGX_ERROR;
    }

    ngx_http_next_header_filter = ngx_http_top_header_filter;
    ngx_http_top_header_filter = ngx_http_cookie_consent_length_header;

    ngx_http_next_body_filter = ngx_http_top_body_filter;
    ngx_http_top_body_filter = ngx_http_cookie_consent_body_filter;

    return NGX_OK;
}
