/*
 * nginx-cookie-consent: an HTML response being rewritten, shared by the
 * glue files that rewrite it (docs/architecture.md):
 *
 *   html.c           whether a response is rewritten, and how: the state
 *                    below made with the headers, inserts rendered
 *   body_filter.c    the body filter module: the page streamed through
 *                    the tokenizer (src/cc_html.c)
 *   inflate.c        gzip and deflate pages decoded for the stream
 *
 * Every prototype below is grouped under the file that defines it; the
 * header filter's entry, ngx_http_cookie_consent_html_header(), is in the
 * module's header.
 */

#ifndef _NGX_HTTP_COOKIE_CONSENT_HTML_H_INCLUDED_
#define _NGX_HTTP_COOKIE_CONSENT_HTML_H_INCLUDED_


#include "ngx_http_cookie_consent_module.h"
#include "cc_html.h"


typedef struct ngx_http_cookie_consent_inflate_s
    ngx_http_cookie_consent_inflate_t;


/* the context's html: made with the headers, streamed by the body filter */

typedef struct {
    ngx_http_request_t             *request;
    ngx_http_cookie_consent_ctx_t  *consent;
    ngx_http_cookie_consent_loc_conf_t  *lcf;
    cc_html_t                      *html;
    cc_html_conf_t                  conf;

    ngx_str_t                       nonce;
    ngx_str_t                       banner;
    ngx_str_t                      *placeholders; /* per category */
    ngx_str_t                       placeholder;  /* a service's embed's,
                                                     the last one made */

    ngx_buf_t                      *in;          /* being fed */
    ngx_chain_t                    *out;
    ngx_chain_t                   **last_out;
    ngx_chain_t                    *busy;
    ngx_chain_t                    *free;        /* buf structs */
    ngx_chain_t                    *pending;     /* markers maybe queued */
    ngx_chain_t                    *free_copy;   /* bufs with memory */
    ngx_buf_t                      *copy;        /* open copy buffer */

    ngx_http_cookie_consent_inflate_t  *inflate; /* gzip, deflate */

    /*
     * 0, or the Content-Length announced: the page's and the Consent
     * Mode default's (html_header()), then the control's added by the
     * length header (body_filter.c); the body filter counts what it
     * sends and pads the page with spaces up to it
     */
    off_t                           exact;
    off_t                           sent;

    /*
     * with an exact length: the longest the control can be, in the
     * charset the response names (the length header, body_filter.c)
     */
    size_t                          control;

    /*
     * the length of the page the body filter receives, -1 if unknown
     * (body_filter.c), and how much of it was fed
     */
    off_t                           in_length;
    off_t                           received;

    unsigned                        error:1;
    unsigned                        done:1;      /* the end fed */
    unsigned                        ended:1;     /* last_buf sent early */
} ngx_http_cookie_consent_html_ctx_t;


/* the memory of a copy buffer (edited bytes) */
#define NGX_HTTP_COOKIE_CONSENT_COPY_SIZE     4096

/*
 * input and inserts up to this size after an edit are copied after it
 * when its copy buffer has room: a buffer of their own costs more (its
 * buf and link here, a link in the chunked and the write filters, an
 * iovec in the kernel: about 700 instructions) than copying a kilobyte
 * (docs/benchmarks.md); the input buffer is still released only once
 * everything before its marker is sent
 */
#define NGX_HTTP_COOKIE_CONSENT_COPY_SMALL    1024

#define NGX_HTTP_COOKIE_CONSENT_BLOCK_STATE  0
#define NGX_HTTP_COOKIE_CONSENT_BLOCK_COPY   1


/* html.c: whether a response is rewritten, and how */
ngx_int_t ngx_http_cookie_consent_html_init(ngx_conf_t *cf);
void *ngx_http_cookie_consent_html_block(ngx_http_request_t *r,
    ngx_uint_t which);

/* body_filter.c: the stream */
ngx_int_t ngx_http_cookie_consent_html_feed(ngx_http_request_t *r,
    ngx_http_cookie_consent_html_ctx_t *ctx, ngx_buf_t *b);
ngx_chain_t *ngx_http_cookie_consent_html_link(
    ngx_http_cookie_consent_html_ctx_t *ctx);
ngx_int_t ngx_http_cookie_consent_html_output(ngx_http_request_t *r,
    ngx_http_cookie_consent_html_ctx_t *ctx);

/* inflate.c: gzip and deflate pages decoded for the body filter */
ngx_int_t ngx_http_cookie_consent_inflate_encoding(ngx_http_request_t *r,
    ngx_uint_t all, ngx_http_cookie_consent_inflate_t **zi);
ngx_int_t ngx_http_cookie_consent_inflate_body(ngx_http_request_t *r,
    ngx_http_cookie_consent_html_ctx_t *ctx, ngx_chain_t *in);
ngx_uint_t ngx_http_cookie_consent_inflate_pending(
    ngx_http_cookie_consent_inflate_t *zi);
ngx_int_t ngx_http_cookie_consent_inflate_release(
    ngx_http_cookie_consent_inflate_t *zi, ngx_buf_t *b);


#endif /* _NGX_HTTP_COOKIE_CONSENT_HTML_H_INCLUDED_ */
