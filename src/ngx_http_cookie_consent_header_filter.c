/*
 * nginx-cookie-consent: the header filter.
 *
 * It runs after the headers (add_header) and userid filters (config:
 * ngx_module_order), so it sees every Set-Cookie of the response, whoever
 * added it: those of categories not granted are removed, or only logged
 * in report mode ("cookie_consent report").  It then expires the cookies
 * the browser still holds (cookie_consent_expire, cookie.c) and asks the
 * HTML glue (html.c) whether the body is rewritten.
 */


#include "ngx_http_cookie_consent_module.h"


static ngx_int_t ngx_http_cookie_consent_header_filter(
    ngx_http_request_t *r);
static ngx_int_t ngx_http_cookie_consent_complete_deletion(
    ngx_http_request_t *r, ngx_table_elt_t *h);


static ngx_http_output_header_filter_pt  ngx_http_next_header_filter;


ngx_int_t
ngx_http_cookie_consent_header_filter_init(ngx_conf_t *cf)
{
    ngx_http_next_header_filter = ngx_http_top_header_filter;
    ngx_http_top_header_filter = ngx_http_cookie_consent_header_filter;

    return NGX_OK;
}


/* the header filter: Set-Cookie headers of non-granted categories */

static ngx_int_t
ngx_http_cookie_consent_header_filter(ngx_http_request_t *r)
{
    size_t                               len;
    ngx_int_t                            cat;
    ngx_str_t                           *name, names;
    ngx_uint_t                           i, counting, unclassified;
    ngx_list_part_t                     *part;
    ngx_table_elt_t                     *header;
    ngx_uint_t                           all, granted;
    ngx_int_t                            del;
    const u_char                        *n;
    ngx_http_cookie_consent_ctx_t       *ctx;
    ngx_http_cookie_consent_loc_conf_t  *lcf;
    ngx_http_cookie_consent_main_conf_t *mcf;

    if (r != r->main) {
        return ngx_http_next_header_filter(r);
    }

    lcf = ngx_http_get_module_loc_conf(r, ngx_http_cookie_consent_module);

    ctx = ngx_http_get_module_ctx(r, ngx_http_cookie_consent_module);

    if (ctx == NULL
        && lcf->mode == NGX_HTTP_COOKIE_CONSENT_OFF
        && lcf->mode_value == NULL)
    {
        return ngx_http_next_header_filter(r);
    }

    ctx = ngx_http_cookie_consent_get_ctx(r);
    if (ctx == NULL) {
        return NGX_ERROR;
    }

    if (ctx->mode == NGX_HTTP_COOKIE_CONSENT_OFF) {
        return ngx_http_next_header_filter(r);
    }

    counting = ngx_http_cookie_consent_counting(r);

    if (counting && !ctx->counted) {
        ctx->counted = 1;

        ngx_http_cookie_consent_count(r, NGX_HTTP_COOKIE_CONSENT_C_REQUESTS,
            ctx->mode == NGX_HTTP_COOKIE_CONSENT_REPORT
            ? NGX_HTTP_COOKIE_CONSENT_S_REPORT
            : ctx->decided ? NGX_HTTP_COOKIE_CONSENT_S_DECIDED
                           : NGX_HTTP_COOKIE_CONSENT_S_UNDECIDED);
        ngx_http_cookie_consent_count(r, NGX_HTTP_COOKIE_CONSENT_C_SOURCE,
                                      ctx->source);
    }

    /*
     * everything granted, nothing denied: no Set-Cookie to look at, unless
     * the inventory wants their names
     */

    mcf = ngx_http_get_module_main_conf(r, ngx_http_cookie_consent_module);

    all = (!ctx->gated && (ctx->granted & mcf->all) == mcf->all
           && lcf->unknown != NGX_HTTP_COOKIE_CONSENT_DENY && !counting);

    part = &r->headers_out.headers.part;
    header = part->elts;

    for (i = 0; !all; i++) {

        if (i >= part->nelts) {
            if (part->next == NULL) {
                break;
            }

            part = part->next;
            header = part->elts;
            i = 0;
        }

        if (header[i].hash == 0
            || header[i].key.len != sizeof("Set-Cookie") - 1
            || ngx_strncasecmp(header[i].key.data, (u_char *) "Set-Cookie",
                               sizeof("Set-Cookie") - 1) != 0)
        {
            continue;
        }

        cc_set_cookie_name(header[i].value.data, header[i].value.len, &n,
                           &len);

        cat = NGX_HTTP_COOKIE_CONSENT_DENY;

        if (!ctx->gated) {
            unclassified = 0;
            cat = ngx_http_cookie_consent_classify_name(r, lcf, (u_char *) n,
                                                        len, &unclassified);
            granted = ngx_http_cookie_consent_granted(ctx, cat);

            if (granted && !counting) {
                continue;
            }

            del = cc_set_cookie_deletion(header[i].value.data,
                                         header[i].value.len);

            if (del == CC_DELETION_ALL) {
                continue;
            }

            if (counting) {
                ngx_http_cookie_consent_saw_cookie(r, (u_char *) n, len,
                                                   unclassified ? -1 : cat,
                                                   &header[i].value);
            }

            if (granted) {
                continue;
            }

            if (del == CC_DELETION_SOME
                && ctx->mode == NGX_HTTP_COOKIE_CONSENT_ON)
            {
                if (ngx_http_cookie_consent_complete_deletion(r, &header[i])
                    != NGX_OK)
                {
                    return NGX_ERROR;
                }

                continue;
            }
        }

        if (ctx->mode == NGX_HTTP_COOKIE_CONSENT_ON) {
            ngx_http_cookie_consent_count(r,
                NGX_HTTP_COOKIE_CONSENT_C_SET_COOKIE,
                (cat >= 0 && cat < NGX_HTTP_COOKIE_CONSENT_MAX_CATS)
                ? (ngx_uint_t) cat : NGX_HTTP_COOKIE_CONSENT_DENY);
        }

        if (ctx->stripped == NULL) {
            ctx->stripped = ngx_array_create(r->pool, 4, sizeof(ngx_str_t));
            if (ctx->stripped == NULL) {
                return NGX_ERROR;
            }
        }

        name = ngx_array_push(ctx->stripped);
        if (name == NULL) {
            return NGX_ERROR;
        }

        name->data = (u_char *) n;
        name->len = len;

        if (ctx->mode == NGX_HTTP_COOKIE_CONSENT_ON) {
            ngx_log_debug1(NGX_LOG_DEBUG_HTTP, r->connection->log, 0,
                           "cookie consent: removed Set-Cookie \"%V\"",
                           &header[i].value);

            header[i].hash = 0;
        }
    }

    if (ctx->mode == NGX_HTTP_COOKIE_CONSENT_REPORT) {

        if (ctx->stripped) {
            if (ngx_http_cookie_consent_join(r, ctx->stripped, ",", &names)
                != NGX_OK)
            {
                return NGX_ERROR;
            }

            ngx_log_error(NGX_LOG_NOTICE, r->connection->log, 0,
                          "cookie consent report: would remove Set-Cookie "
                          "\"%V\" from \"%V\"", &names, &r->uri);
        }

        return ngx_http_next_header_filter(r);
    }

    if (lcf->expire && !ctx->gated && !ctx->expired
        && ngx_http_cookie_consent_expire_cookies(r, ctx, lcf) != NGX_OK)
    {
        return NGX_ERROR;
    }

    if (ctx->html == NULL && !ctx->gated
        && ngx_http_cookie_consent_html_header(r, ctx, lcf) == NGX_ERROR)
    {
        return NGX_ERROR;
    }

    return ngx_http_next_header_filter(r);
}


/*
 * A line that some browsers read as a deletion and others as a cookie to
 * keep ("_ga=1; Max-Age=0; Max-Age=junk": RFC 6265bis deletes, Chromium
 * stores a session cookie): the backend meant to delete, so "; Max-Age=0"
 * is appended, which every reading takes as the last word.  Removing the
 * line instead would leave the visitor's tracker cookie in place.
 */

static ngx_int_t
ngx_http_cookie_consent_complete_deletion(ngx_http_request_t *r,
    ngx_table_elt_t *h)
{
    u_char  *p;
    size_t   len;

    len = h->value.len + sizeof("; Max-Age=0") - 1;

    p = ngx_pnalloc(r->pool, len);
    if (p == NULL) {
        return NGX_ERROR;
    }

    ngx_memcpy(p, h->value.data, h->value.len);
    ngx_memcpy(p + h->value.len, "; Max-Age=0", sizeof("; Max-Age=0") - 1);

    ngx_log_debug1(NGX_LOG_DEBUG_HTTP, r->connection->log, 0,
                   "cookie consent: Set-Cookie \"%V\" made a deletion "
                   "for every browser", &h->value);

    h->value.data = p;
    h->value.len = len;

    return NGX_OK;
}
