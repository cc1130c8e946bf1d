/*
 * nginx-cookie-consent: the header filter.
 *
 * It runs after the headers (add_header) and userid filters (config:
 * ngx_module_order), so it sees every Set-Cookie of the response, whoever
 * added it: those of categories not granted are removed, or only logged
 * in report mode ("cookie_consent report").  So are the link-values of
 * Link headers and the Refresh headers whose URLs are trackers of those
 * categories, which the browser follows as it follows <link rel=preload>
 * and <meta http-equiv=refresh>, whatever the response's type.  It then
 * expires the cookies the browser still holds (cookie_consent_expire,
 * cookie.c) and asks the HTML glue (html.c) whether the body is rewritten.
 */


#include "ngx_http_cookie_consent_module.h"
#include "cc_url.h"


static ngx_int_t ngx_http_cookie_consent_header_filter(
    ngx_http_request_t *r);
static ngx_int_t ngx_http_cookie_consent_complete_deletion(
    ngx_http_request_t *r, ngx_table_elt_t *h);
static ngx_int_t ngx_http_cookie_consent_url_header(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx,
    ngx_http_cookie_consent_loc_conf_t *lcf, ngx_table_elt_t *h);
static ngx_int_t ngx_http_cookie_consent_link(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx,
    ngx_http_cookie_consent_loc_conf_t *lcf, ngx_table_elt_t *h);
static ngx_int_t ngx_http_cookie_consent_denied_link(
    ngx_http_cookie_consent_ctx_t *ctx,
    ngx_http_cookie_consent_loc_conf_t *lcf, const u_char *value,
    const u_char *end);
static ngx_int_t ngx_http_cookie_consent_denied_url(
    ngx_http_cookie_consent_ctx_t *ctx,
    ngx_http_cookie_consent_loc_conf_t *lcf, const u_char *url, size_t len);
static void ngx_http_cookie_consent_url_hide(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx, ngx_table_elt_t *h, ngx_int_t cat);
static void ngx_http_cookie_consent_url_removed(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx, ngx_table_elt_t *h, ngx_int_t cat,
    const u_char *value, size_t len);


static ngx_http_output_header_filter_pt  ngx_http_next_header_filter;


ngx_int_t
ngx_http_cookie_consent_header_filter_init(ngx_conf_t *cf)
{
    ngx_http_next_header_filter = ngx_http_top_header_filter;
    ngx_http_top_header_filter = ngx_http_cookie_consent_header_filter;

    return NGX_OK;
}


/*
 * the header filter: Set-Cookie headers, Link and Refresh tracker URLs of
 * non-granted categories
 */

static ngx_int_t
ngx_http_cookie_consent_header_filter(ngx_http_request_t *r)
{
    size_t                               len;
    ngx_int_t                            cat, cls;
    ngx_str_t                           *name, names, attrs, nm;
    ngx_uint_t                           i, counting, unclassified;
    ngx_uint_t                           line, lines;
    ngx_list_part_t                     *part;
    ngx_table_elt_t                     *header;
    ngx_uint_t                           all, granted, urls, seen;
    ngx_int_t                            rc;
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
     * everything granted, nothing denied: no Set-Cookie, Link or Refresh
     * to look at, unless the inventory wants the cookies' names
     */

    mcf = ngx_http_get_module_main_conf(r, ngx_http_cookie_consent_module);

    all = (!ctx->gated && (ctx->granted & mcf->all) == mcf->all
           && lcf->unknown != NGX_HTTP_COOKIE_CONSENT_DENY && !counting);

    /* tracker URLs in Link and Refresh: only with a category not granted */

    urls = ((ctx->granted & mcf->all) != mcf->all);

    part = &r->headers_out.headers.part;
    header = part->elts;
    lines = 0;

    for (i = 0; !all; i++) {

        if (i >= part->nelts) {
            if (part->next == NULL) {
                break;
            }

            part = part->next;
            header = part->elts;
            i = 0;
        }

        if (header[i].hash == 0) {
            continue;
        }

        if (urls) {
            rc = ngx_http_cookie_consent_url_header(r, ctx, lcf, &header[i]);

            if (rc == NGX_ERROR) {
                return NGX_ERROR;
            }

            if (rc == NGX_OK) {
                continue;
            }
        }

        if (!ngx_http_cookie_consent_is_set_cookie(&header[i].key)) {
            continue;
        }

        line = lines++;

        cat = NGX_HTTP_COOKIE_CONSENT_DENY;
        unclassified = 0;
        cls = NGX_HTTP_COOKIE_CONSENT_DENY;

        /* counted as this worker last counted the same line's kind */

        seen = (counting && !ctx->gated
                && ngx_http_cookie_consent_saw_line(r, lcf, &header[i].value,
                                                    line, &nm, &attrs, &cls,
                                                    &unclassified)
                   == NGX_OK);

        if (seen) {
            n = nm.data;
            len = nm.len;

        } else {
            attrs.data = (u_char *) cc_set_cookie_name(header[i].value.data,
                                                       header[i].value.len,
                                                       &n, &len);
            attrs.len = header[i].value.data + header[i].value.len
                        - attrs.data;
        }

        if (!ctx->gated) {

            if (!seen && counting) {
                seen = (ngx_http_cookie_consent_saw_again(r, lcf,
                            (u_char *) n, len, &attrs, line, &cls,
                            &unclassified)
                        == NGX_OK);
            }

            if (!seen) {
                cls = ngx_http_cookie_consent_classify_name(r, lcf,
                                                            (u_char *) n,
                                                            len,
                                                            &unclassified);
            }

            granted = ngx_http_cookie_consent_granted(ctx, cls);

            /* the category, for the counters */

            cat = (cls >= 0) ? CC_CLASS_CAT(cls) : cls;

            if (granted) {
                /* the inventory's: it leaves deletions out itself */

                if (counting && !seen) {
                    ngx_http_cookie_consent_saw(r, lcf, (u_char *) n, len,
                                                cls, unclassified, &attrs,
                                                line);
                }

                continue;
            }

            del = cc_set_cookie_deletion_at(header[i].value.data,
                                            header[i].value.len,
                                            (int64_t) ngx_time());

            if (del == CC_DELETION_ALL) {
                continue;
            }

            if (counting && !seen) {
                ngx_http_cookie_consent_saw(r, lcf, (u_char *) n, len, cls,
                                            unclassified, &attrs, line);
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


/* NGX_DECLINED: neither Link nor Refresh */

static ngx_int_t
ngx_http_cookie_consent_url_header(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx,
    ngx_http_cookie_consent_loc_conf_t *lcf, ngx_table_elt_t *h)
{
    size_t         len;
    ngx_int_t      cat;
    const u_char  *url;

    if (h->key.len == sizeof("Link") - 1
        && ngx_strncasecmp(h->key.data, (u_char *) "Link",
                           sizeof("Link") - 1) == 0)
    {
        return ngx_http_cookie_consent_link(r, ctx, lcf, h);
    }

    if (h->key.len != sizeof("Refresh") - 1
        || ngx_strncasecmp(h->key.data, (u_char *) "Refresh",
                           sizeof("Refresh") - 1) != 0)
    {
        return NGX_DECLINED;
    }

    /* the grammar of <meta http-equiv=refresh content> */

    if (cc_url_refresh(h->value.data, h->value.len, &url, &len) != 0) {
        return NGX_OK;
    }

    cat = ngx_http_cookie_consent_denied_url(ctx, lcf, url, len);

    if (cat >= 0) {
        ngx_http_cookie_consent_url_hide(r, ctx, h, cat);
    }

    return NGX_OK;
}


/*
 * The link-values of a Link header whose URLs are trackers not granted
 * are removed (cc_url_link_next() splits them as Chromium does); the
 * others stay byte for byte, joined by ", ".  The header goes when none
 * is left, or when a value no browser reads as a link has a tracker URL
 * in it: how other parsers split that is anyone's guess (fail closed).
 */

static ngx_int_t
ngx_http_cookie_consent_link(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx,
    ngx_http_cookie_consent_loc_conf_t *lcf, ngx_table_elt_t *h)
{
    int            rc;
    u_char        *out, *p;
    size_t         len;
    ngx_int_t      cat;
    const u_char  *pos, *end, *url, *v, *ve, *kept, *kept_end;

    pos = h->value.data;
    end = pos + h->value.len;

    out = NULL;
    p = NULL;
    kept = NULL;
    kept_end = NULL;

    for ( ;; ) {
        rc = cc_url_link_next(&pos, end, &url, &len, &v, &ve);

        if (rc == CC_URL_LINK_END) {
            break;
        }

        cat = ngx_http_cookie_consent_denied_link(ctx, lcf, v, ve);

        if (cat < 0) {
            if (out == NULL) {
                /* before the first removal: kept as it is, separators too */

                if (kept == NULL) {
                    kept = v;
                }

                kept_end = ve;
                continue;
            }

            if (p != out) {
                *p++ = ',';
                *p++ = ' ';
            }

            p = ngx_cpymem(p, v, ve - v);
            continue;
        }

        if (rc == CC_URL_LINK_BAD) {
            ngx_http_cookie_consent_url_hide(r, ctx, h, cat);
            return NGX_OK;
        }

        ngx_http_cookie_consent_url_removed(r, ctx, h, cat, v, ve - v);

        if (ctx->mode != NGX_HTTP_COOKIE_CONSENT_ON || out != NULL) {
            continue;
        }

        /*
         * each value kept after this one takes at most one byte more than
         * it did (", " for a ','): twice the length is room enough
         */

        out = ngx_pnalloc(r->pool, 2 * h->value.len);
        if (out == NULL) {
            return NGX_ERROR;
        }

        p = out;

        if (kept) {
            p = ngx_cpymem(p, kept, kept_end - kept);
        }
    }

    if (out == NULL) {
        return NGX_OK;
    }

    if (p == out) {
        h->hash = 0;
        return NGX_OK;
    }

    h->value.data = out;
    h->value.len = p - out;

    return NGX_OK;
}


/* the first category not granted of the URLs in one link-value, or -1 */

static ngx_int_t
ngx_http_cookie_consent_denied_link(ngx_http_cookie_consent_ctx_t *ctx,
    ngx_http_cookie_consent_loc_conf_t *lcf, const u_char *value,
    const u_char *end)
{
    size_t               len;
    ngx_int_t            cat;
    const u_char        *url;
    cc_url_link_urls_t   it;

    cc_url_link_urls_init(&it, value, end);

    while (cc_url_link_urls_next(&it, &url, &len)) {
        cat = ngx_http_cookie_consent_denied_url(ctx, lcf, url, len);

        if (cat >= 0) {
            return cat;
        }
    }

    return -1;
}


/*
 * the category of a tracker URL the visitor has not granted, or -1; in a
 * header, a URL is read as written (no character references)
 */

static ngx_int_t
ngx_http_cookie_consent_denied_url(ngx_http_cookie_consent_ctx_t *ctx,
    ngx_http_cookie_consent_loc_conf_t *lcf, const u_char *url, size_t len)
{
    int  cat;

    cat = ngx_http_cookie_consent_match_url(lcf->hosts, url, len);

    if (cat < 0 || ngx_http_cookie_consent_granted(ctx, cat)) {
        return -1;
    }

    return CC_CLASS_CAT(cat);
}


/* a whole header for a tracker URL of category cat */

static void
ngx_http_cookie_consent_url_hide(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx, ngx_table_elt_t *h, ngx_int_t cat)
{
    ngx_http_cookie_consent_url_removed(r, ctx, h, cat, h->value.data,
                                        h->value.len);

    if (ctx->mode == NGX_HTTP_COOKIE_CONSENT_ON) {
        h->hash = 0;
    }
}


/* one tracker URL removed from a header: counted, or logged (report) */

static void
ngx_http_cookie_consent_url_removed(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx, ngx_table_elt_t *h, ngx_int_t cat,
    const u_char *value, size_t len)
{
    ngx_str_t                            *name;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    static ngx_str_t  none = ngx_string("?");

    mcf = ngx_http_get_module_main_conf(r, ngx_http_cookie_consent_module);

    name = ((ngx_uint_t) cat < mcf->ncategories) ? &mcf->names[cat] : &none;

    if (ctx->mode == NGX_HTTP_COOKIE_CONSENT_REPORT) {
        ngx_log_error(NGX_LOG_NOTICE, r->connection->log, 0,
                      "cookie consent report: would remove %V \"%*s\" "
                      "(%V) from \"%V\"", &h->key, len, value, name,
                      &r->uri);
        return;
    }

    ngx_http_cookie_consent_count(r, NGX_HTTP_COOKIE_CONSENT_C_TAGS,
                                  (ngx_uint_t) cat);

    ngx_log_debug4(NGX_LOG_DEBUG_HTTP, r->connection->log, 0,
                   "cookie consent: removed %V \"%*s\" (%V)", &h->key, len,
                   value, name);
}
