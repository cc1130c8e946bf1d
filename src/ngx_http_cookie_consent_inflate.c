/*
 * nginx-cookie-consent: gzip and deflate pages decoded in the stream, so
 * that the body filter reads what the browser will read.
 *
 * A page to rewrite has its Content-Encoding looked at with its headers
 * (ngx_http_cookie_consent_inflate_encoding(), called by html.c's
 * decision); its compressed body is handed over by the body filter
 * (ngx_http_cookie_consent_inflate_body()) and decoded here into the
 * tokenizer, through the body filter's feed and output; a header filter
 * of the body filter module takes the decoded page's Content-Encoding
 * away (body_filter.c).
 *
 * The compressed input is consumed as zlib reads it (its buffers go back
 * to the upstream at once); the decoded bytes go into at most
 * NGX_HTTP_COOKIE_CONSENT_INFLATE_BUFS buffers of our own, each handed back
 * by the body filter once everything taken from it is sent.  With all of
 * them out, decoding waits (the request is "buffered") until the client
 * has read more: a page that decodes to gigabytes costs this much memory,
 * plus zlib's state and 32 KB window.
 */


#include "ngx_http_cookie_consent_html.h"

#include <zlib.h>


#define NGX_HTTP_COOKIE_CONSENT_INFLATE_BUFS  4
#define NGX_HTTP_COOKIE_CONSENT_INFLATE_SIZE  8192

/* r->buffered while compressed input waits for decoding buffers */
#define NGX_HTTP_COOKIE_CONSENT_BUFFERED      0x08


struct ngx_http_cookie_consent_inflate_s {
    ngx_http_request_t   *request;
    z_stream              zstream;

    ngx_chain_t          *in;            /* compressed, not yet consumed */
    ngx_chain_t         **last_in;
    ngx_chain_t          *free;          /* decoded buffers to reuse */
    ngx_uint_t            allocated;

    u_char               *start;         /* the first input, for a retry */
    ngx_uint_t            total_in;

    unsigned              started:1;
    unsigned              raw:1;         /* "deflate" without zlib header */
    unsigned              end:1;         /* the stream's end was seen */
    unsigned              nomem:1;       /* every buffer is out */
};


static ngx_int_t ngx_http_cookie_consent_inflate_decode(ngx_http_request_t *r,
    ngx_http_cookie_consent_html_ctx_t *ctx);
static ngx_http_cookie_consent_inflate_t *
    ngx_http_cookie_consent_inflate_create(ngx_http_request_t *r,
    ngx_str_t *ce, ngx_uint_t *unknown);
static void *ngx_http_cookie_consent_inflate_alloc(void *opaque, u_int items,
    u_int size);
static void ngx_http_cookie_consent_inflate_free(void *opaque,
    void *address);
static void ngx_http_cookie_consent_inflate_cleanup(void *data);
static ngx_int_t ngx_http_cookie_consent_inflate_add(
    ngx_http_cookie_consent_inflate_t *zi, ngx_chain_t *in);
static ngx_int_t ngx_http_cookie_consent_inflate_next(
    ngx_http_cookie_consent_inflate_t *zi, ngx_buf_t **out);


/*
 * A page with a Content-Encoding: gzip and deflate are decoded in the
 * stream (*zi, the decoder): the response goes out without
 * Content-Encoding, and nginx's gzip filter, below this module,
 * compresses it again for the visitor.  Any other encoding cannot be
 * looked into: the page is not served (502, logged at "error"), since its
 * trackers would run, unless every category is granted (NGX_DECLINED:
 * the page passes unchanged).
 */

ngx_int_t
ngx_http_cookie_consent_inflate_encoding(ngx_http_request_t *r,
    ngx_uint_t all, ngx_http_cookie_consent_inflate_t **zi)
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
        /* Content-Encoding goes below charset & co. (length_header()) */
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


/*
 * The body filter's input when the page is compressed: decoded while
 * buffers come back from the writer
 */

ngx_int_t
ngx_http_cookie_consent_inflate_body(ngx_http_request_t *r,
    ngx_http_cookie_consent_html_ctx_t *ctx, ngx_chain_t *in)
{
    ngx_int_t  rc;

    if (in && !ctx->done
        && ngx_http_cookie_consent_inflate_add(ctx->inflate, in) != NGX_OK)
    {
        return NGX_ERROR;
    }

    for ( ;; ) {
        if (ngx_http_cookie_consent_inflate_decode(r, ctx) != NGX_OK) {
            ctx->error = 1;
            return NGX_ERROR;
        }

        rc = ngx_http_cookie_consent_html_output(r, ctx);

        if (rc == NGX_ERROR
            || !ngx_http_cookie_consent_inflate_pending(ctx->inflate)
            || !ctx->inflate->nomem
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


/*
 * Compressed input decoded into the tokenizer until the input or the
 * decoding buffers run out; with every buffer out, a flush makes the
 * writer send (and the body filter get them back) whatever
 * postpone_output would hold
 */

static ngx_int_t
ngx_http_cookie_consent_inflate_decode(ngx_http_request_t *r,
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

    if (ctx->inflate->nomem) {
        cl = ngx_http_cookie_consent_html_link(ctx);
        if (cl == NULL) {
            return NGX_ERROR;
        }

        cl->buf->flush = 1;
        cl->buf->sync = 1;
    }

    return NGX_OK;
}




/* NULL: not an encoding that can be decoded (or no memory: see errno) */

static ngx_http_cookie_consent_inflate_t *
ngx_http_cookie_consent_inflate_create(ngx_http_request_t *r, ngx_str_t *ce,
    ngx_uint_t *unknown)
{
    int                                 rc, bits;
    ngx_pool_cleanup_t                 *cln;
    ngx_http_cookie_consent_inflate_t  *zi;

    *unknown = 0;

    if ((ce->len == 4 && ngx_strncasecmp(ce->data, (u_char *) "gzip", 4)
                         == 0)
        || (ce->len == 6 && ngx_strncasecmp(ce->data, (u_char *) "x-gzip", 6)
                            == 0))
    {
        bits = MAX_WBITS + 16;

    } else if (ce->len == 7
               && ngx_strncasecmp(ce->data, (u_char *) "deflate", 7) == 0)
    {
        bits = MAX_WBITS;

    } else {
        *unknown = 1;
        return NULL;
    }

    zi = ngx_pcalloc(r->pool, sizeof(ngx_http_cookie_consent_inflate_t));
    if (zi == NULL) {
        return NULL;
    }

    cln = ngx_pool_cleanup_add(r->pool, 0);
    if (cln == NULL) {
        return NULL;
    }

    zi->request = r;
    zi->last_in = &zi->in;
    zi->zstream.zalloc = ngx_http_cookie_consent_inflate_alloc;
    zi->zstream.zfree = ngx_http_cookie_consent_inflate_free;
    zi->zstream.opaque = r->pool;

    rc = inflateInit2(&zi->zstream, bits);

    if (rc != Z_OK) {
        ngx_log_error(NGX_LOG_ALERT, r->connection->log, 0,
                      "cookie consent: inflateInit2() failed: %d", rc);
        return NULL;
    }

    cln->handler = ngx_http_cookie_consent_inflate_cleanup;
    cln->data = zi;

    return zi;
}


static void *
ngx_http_cookie_consent_inflate_alloc(void *opaque, u_int items, u_int size)
{
    return ngx_palloc(opaque, (size_t) items * size);
}


static void
ngx_http_cookie_consent_inflate_free(void *opaque, void *address)
{
    /* the pool's: freed with the request */
}


static void
ngx_http_cookie_consent_inflate_cleanup(void *data)
{
    ngx_http_cookie_consent_inflate_t  *zi = data;

    inflateEnd(&zi->zstream);
}


/* compressed input: its links are copied, its buffers consumed in place */

static ngx_int_t
ngx_http_cookie_consent_inflate_add(ngx_http_cookie_consent_inflate_t *zi,
    ngx_chain_t *in)
{
    ngx_chain_t  *cl;

    for ( /* void */ ; in; in = in->next) {
        cl = ngx_alloc_chain_link(zi->request->pool);
        if (cl == NULL) {
            return NGX_ERROR;
        }

        cl->buf = in->buf;
        cl->next = NULL;

        *zi->last_in = cl;
        zi->last_in = &cl->next;
    }

    return NGX_OK;
}


ngx_uint_t
ngx_http_cookie_consent_inflate_pending(ngx_http_cookie_consent_inflate_t *zi)
{
    return zi->in != NULL;
}


/*
 * The next decoded buffer: NGX_OK and *out (bytes, and the flags of the
 * compressed buffer it finishes: flush, last_buf), NGX_AGAIN (no more
 * input for now, or every buffer is out: see nomem), NGX_ERROR (corrupt).
 * A decoded buffer has this module's tag; hand it back with
 * ngx_http_cookie_consent_inflate_release() once it is sent.
 */

static ngx_int_t
ngx_http_cookie_consent_inflate_next(ngx_http_cookie_consent_inflate_t *zi,
    ngx_buf_t **out)
{
    int                  rc;
    size_t               used;
    ngx_buf_t           *b, *ib;
    ngx_chain_t         *cl;
    ngx_http_request_t  *r;

    r = zi->request;

    zi->nomem = 0;

    while (zi->in) {

        ib = zi->in->buf;

        if (zi->end || ib->pos == ib->last || ngx_buf_special(ib)) {

            /* this input is done: its flags go out with an empty buffer */

            if (zi->end) {
                ib->pos = ib->last;
            }

            cl = zi->in;
            zi->in = cl->next;

            if (zi->in == NULL) {
                zi->last_in = &zi->in;
            }

            ngx_free_chain(r->pool, cl);

            if (!(ib->last_buf || ib->flush || ib->last_in_chain)) {
                continue;
            }

            b = ngx_calloc_buf(r->pool);
            if (b == NULL) {
                return NGX_ERROR;
            }

            b->tag = (ngx_buf_tag_t) &ngx_http_cookie_consent_module;
            b->last_buf = ib->last_buf;
            b->flush = ib->flush;
            b->last_in_chain = ib->last_in_chain;

            if (ib->last_buf && !zi->end) {
                ngx_log_error(NGX_LOG_WARN, r->connection->log, 0,
                              "cookie consent: the compressed page ends "
                              "before its stream does");
            }

            *out = b;

            return NGX_OK;
        }

        /* a buffer to decode into */

        if (zi->free) {
            cl = zi->free;
            zi->free = cl->next;
            b = cl->buf;
            ngx_free_chain(r->pool, cl);

        } else if (zi->allocated < NGX_HTTP_COOKIE_CONSENT_INFLATE_BUFS) {
            b = ngx_create_temp_buf(r->pool,
                                    NGX_HTTP_COOKIE_CONSENT_INFLATE_SIZE);
            if (b == NULL) {
                return NGX_ERROR;
            }

            zi->allocated++;

        } else {
            zi->nomem = 1;
            return NGX_AGAIN;
        }

        b->tag = (ngx_buf_tag_t) &ngx_http_cookie_consent_module;
        b->pos = b->start;
        b->last = b->start;
        b->last_buf = 0;
        b->flush = 0;
        b->last_in_chain = 0;
        b->shadow = NULL;

        if (!zi->started) {
            zi->started = 1;
            zi->start = ib->pos;
        }

        zi->zstream.next_in = ib->pos;
        zi->zstream.avail_in = ib->last - ib->pos;
        zi->zstream.next_out = b->start;
        zi->zstream.avail_out = b->end - b->start;

        rc = inflate(&zi->zstream, Z_NO_FLUSH);

        used = zi->zstream.next_in - ib->pos;
        ib->pos = zi->zstream.next_in;
        b->last = zi->zstream.next_out;

        if (rc == Z_DATA_ERROR && !zi->raw && zi->zstream.total_out == 0
            && ib->pos - zi->start == (ssize_t) used
            && zi->total_in == 0)
        {
            /* "deflate" as some servers send it: without the zlib header */

            zi->raw = 1;
            ib->pos = zi->start;

            if (inflateReset2(&zi->zstream, -MAX_WBITS) != Z_OK) {
                return NGX_ERROR;
            }

            ngx_http_cookie_consent_inflate_release(zi, b);
            continue;
        }

        zi->total_in += used;

        if (rc == Z_STREAM_END) {
            zi->end = 1;

        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            ngx_log_error(NGX_LOG_ERR, r->connection->log, 0,
                          "cookie consent: the compressed page cannot be "
                          "decoded (inflate() %d: %s), the response is cut "
                          "short", rc,
                          zi->zstream.msg ? zi->zstream.msg : "");
            return NGX_ERROR;
        }

        if (b->last == b->pos) {
            ngx_http_cookie_consent_inflate_release(zi, b);
            continue;
        }

        *out = b;

        return NGX_OK;
    }

    return NGX_AGAIN;
}


/* a decoded buffer whose bytes are sent: decoded into again */

ngx_int_t
ngx_http_cookie_consent_inflate_release(ngx_http_cookie_consent_inflate_t *zi,
    ngx_buf_t *b)
{
    ngx_chain_t  *cl;

    if (b->start == NULL) {
        return NGX_OK;                     /* an empty buffer for flags */
    }

    cl = ngx_alloc_chain_link(zi->request->pool);
    if (cl == NULL) {
        return NGX_ERROR;
    }

    b->pos = b->start;
    b->last = b->start;

    cl->buf = b;
    cl->next = zi->free;
    zi->free = cl;

    return NGX_OK;
}
