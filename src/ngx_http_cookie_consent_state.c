/*
 * nginx-cookie-consent: the consent state of a request.
 *
 * The per-request context, made by the first phase that asks for it
 * (preaccess, the header filter, a variable, the endpoint) and kept for
 * the request's life, internal redirects included; the consent it holds
 * is computed from the mode, the module's own cookie (cookie.c), another
 * consent manager's (bridge.c) and Sec-GPC, again whenever the request
 * moves to a location with another configuration.
 */


#include "ngx_http_cookie_consent_module.h"
#include "cc_bridge.h"
#include "cc_gcm.h"


static ngx_int_t ngx_http_cookie_consent_compute(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx,
    ngx_http_cookie_consent_loc_conf_t *lcf);
static void ngx_http_cookie_consent_cleanup(void *data);
static ngx_int_t ngx_http_cookie_consent_gpc_header(ngx_http_request_t *r);


ngx_http_cookie_consent_ctx_t *
ngx_http_cookie_consent_get_ctx(ngx_http_request_t *r)
{
    ngx_pool_cleanup_t                  *cln;
    ngx_http_cookie_consent_ctx_t       *ctx;
    ngx_http_cookie_consent_loc_conf_t  *lcf;

    lcf = ngx_http_get_module_loc_conf(r, ngx_http_cookie_consent_module);

    ctx = ngx_http_get_module_ctx(r, ngx_http_cookie_consent_module);

    if (ctx == NULL && (r->internal || r->filter_finalize)) {

        /*
         * an internal redirect resets module contexts; the state, and the
         * Cookie values as the browser sent them, survive in the cleanup
         */

        for (cln = r->pool->cleanup; cln; cln = cln->next) {
            if (cln->handler == ngx_http_cookie_consent_cleanup
                && ((ngx_http_cookie_consent_ctx_t *) cln->data)->request
                   == r)
            {
                ctx = cln->data;
                ngx_http_set_ctx(r, ctx, ngx_http_cookie_consent_module);
                break;
            }
        }
    }

    if (ctx == NULL) {
        cln = ngx_pool_cleanup_add(r->pool,
                                   sizeof(ngx_http_cookie_consent_ctx_t));
        if (cln == NULL) {
            return NULL;
        }

        ctx = cln->data;
        ngx_memzero(ctx, sizeof(ngx_http_cookie_consent_ctx_t));
        ctx->request = r;
        ctx->action = CC_ACTION_NONE;

        cln->handler = ngx_http_cookie_consent_cleanup;

        ngx_http_set_ctx(r, ctx, ngx_http_cookie_consent_module);
    }

    if (ctx->conf != lcf) {
        if (ngx_http_cookie_consent_compute(r, ctx, lcf) != NGX_OK) {
            return NULL;
        }
    }

    return ctx;
}


static void
ngx_http_cookie_consent_cleanup(void *data)
{
    /* nothing to free: the handler marks the context in the cleanups */
}


static ngx_int_t
ngx_http_cookie_consent_compute(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx,
    ngx_http_cookie_consent_loc_conf_t *lcf)
{
    ngx_str_t  mode;

    ctx->conf = lcf;
    ctx->granted = 1;
    ctx->services = 0;
    ctx->decided = 0;
    ctx->revised = 0;
    ctx->source = NGX_HTTP_COOKIE_CONSENT_SRC_DEFAULT;
    ngx_memzero(&ctx->token, sizeof(cc_token_t));

    /* the mode */

    if (lcf->mode_value) {
        if (ngx_http_complex_value(r, lcf->mode_value, &mode) != NGX_OK) {
            return NGX_ERROR;
        }

        if (mode.len == 3 && ngx_strncasecmp(mode.data, (u_char *) "off", 3)
                             == 0)
        {
            ctx->mode = NGX_HTTP_COOKIE_CONSENT_OFF;

        } else if (mode.len == 0) {
            ctx->mode = NGX_HTTP_COOKIE_CONSENT_OFF;

        } else if (mode.len == 6
                   && ngx_strncasecmp(mode.data, (u_char *) "report", 6)
                      == 0)
        {
            ctx->mode = NGX_HTTP_COOKIE_CONSENT_REPORT;

        } else {
            if (mode.len != 2
                || ngx_strncasecmp(mode.data, (u_char *) "on", 2) != 0)
            {
                ngx_log_error(NGX_LOG_WARN, r->connection->log, 0,
                              "cookie consent: \"cookie_consent\" variable "
                              "value is not on, off or report: enforcing");
            }

            ctx->mode = NGX_HTTP_COOKIE_CONSENT_ON;
        }

    } else {
        ctx->mode = lcf->mode;
    }

    /* the consent cookie: the first valid one counts */

    (void) ngx_http_cookie_consent_read_cookie(r, ctx, lcf);

    /* no valid consent of ours: another consent manager's, if any */

    if (!ctx->decided && lcf->bridges) {
        (void) ngx_http_cookie_consent_bridges(r, ctx, lcf);
    }

    ctx->gpc = (lcf->gpc && ngx_http_cookie_consent_gpc_header(r));

    if (!ctx->decided && ctx->gpc) {
        /* marketing stays denied until an explicit decision */
        ctx->source = NGX_HTTP_COOKIE_CONSENT_SRC_GPC;
    }

    ngx_log_debug4(NGX_LOG_DEBUG_HTTP, r->connection->log, 0,
                   "cookie consent: mode %ui decided %ui granted %xD "
                   "source %ui", ctx->mode, (ngx_uint_t) ctx->decided,
                   ctx->granted, ctx->source);

    return NGX_OK;
}


/* Sec-GPC: 1, in any one of several such headers */

static ngx_int_t
ngx_http_cookie_consent_gpc_header(ngx_http_request_t *r)
{
    return ngx_http_cookie_consent_request_header_value(r, "Sec-GPC",
                                                        sizeof("Sec-GPC") - 1,
                                                        "1")
           != NULL;
}


/*
 * The value without the pairs of non-granted cookies; the value itself,
 * not a copy, when nothing goes.  Each name is classified once: the first
 * pass marks the pairs that go (a pair and its ';' take 2 bytes at least,
 * so a bit per 2 bytes of the value is enough) and sizes the result.
 */

ngx_int_t
ngx_http_cookie_consent_filter_value(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx,
    ngx_http_cookie_consent_loc_conf_t *lcf, ngx_str_t *value,
    ngx_str_t *out)
{
    u_char            *p, *gone, bits[64];
    size_t             size, nbits;
    ngx_int_t          cat;
    ngx_uint_t         i, found, counting, unclassified;
    const u_char      *pos, *end;
    cc_cookie_pair_t   pair;

    *out = *value;

    end = value->data + value->len;
    found = 0;
    size = 0;

    nbits = value->len / 2 + 1;

    if (nbits <= 8 * sizeof(bits)) {
        gone = bits;

    } else {
        gone = ngx_pnalloc(r->pool, nbits / 8 + 1);
        if (gone == NULL) {
            return NGX_ERROR;
        }
    }

    ngx_memzero(gone, nbits / 8 + 1);

    /* the first pass classifies and sizes the result */

    pos = value->data;

    counting = ngx_http_cookie_consent_counting(r);

    for (i = 0; cc_cookie_next(&pos, end, &pair); i++) {
        unclassified = 0;

        /* counted as this worker last counted the same name */

        if (!counting
            || ngx_http_cookie_consent_saw_again(r, lcf, (u_char *) pair.name,
                                                 pair.name_len, NULL, 0,
                                                 &cat, &unclassified)
               != NGX_OK)
        {
            cat = ngx_http_cookie_consent_classify_name(r, lcf,
                                                        (u_char *) pair.name,
                                                        pair.name_len,
                                                        &unclassified);

            if (counting) {
                ngx_http_cookie_consent_saw(r, lcf, (u_char *) pair.name,
                                            pair.name_len, cat, unclassified,
                                            NULL, 0);
            }
        }

        if (ngx_http_cookie_consent_granted(ctx, cat)) {
            size += pair.len + 2;

        } else {
            gone[i / 8] |= (u_char) (1 << (i % 8));
            found = 1;

            ngx_http_cookie_consent_count(r, NGX_HTTP_COOKIE_CONSENT_C_COOKIE,
                (cat >= 0
                 && CC_CLASS_CAT(cat) < NGX_HTTP_COOKIE_CONSENT_MAX_CATS)
                ? (ngx_uint_t) CC_CLASS_CAT(cat)
                : NGX_HTTP_COOKIE_CONSENT_DENY);
        }
    }

    if (!found) {
        return NGX_OK;
    }

    out->data = ngx_pnalloc(r->pool, size);
    if (out->data == NULL) {
        return NGX_ERROR;
    }

    p = out->data;
    pos = value->data;

    for (i = 0; cc_cookie_next(&pos, end, &pair); i++) {

        if (gone[i / 8] & (1 << (i % 8))) {
            continue;
        }

        if (p != out->data) {
            *p++ = ';'; *p++ = ' ';
        }

        p = ngx_cpymem(p, pair.start, pair.len);
    }

    out->len = p - out->data;

    return NGX_OK;
}


/* $consent_source and the endpoint's "source" */

ngx_str_t *
ngx_http_cookie_consent_source_name(ngx_uint_t source, ngx_str_t *s)
{
    static ngx_str_t  names[] = {
        ngx_string("default"),
        ngx_string("cookie"),
        ngx_string("gpc")
    };

    if (source < NGX_HTTP_COOKIE_CONSENT_SRC_BRIDGE) {
        *s = names[source];

    } else {
        s->data = (u_char *) cc_bridge_source_name(
                                  source - NGX_HTTP_COOKIE_CONSENT_SRC_BRIDGE);
        s->len = ngx_strlen(s->data);
    }

    return s;
}


/*
 * The Consent Mode types of the granted standard categories: they are
 * always the first four (ngx_http_cookie_consent_default_categories),
 * whatever a catalog or cookie_consent_category adds
 */

unsigned
ngx_http_cookie_consent_gcm_flags(uint32_t granted)
{
    unsigned  flags;

    flags = 0;

    if (granted & (1 << NGX_HTTP_COOKIE_CONSENT_PREFERENCES)) {
        flags |= CC_GCM_PREFERENCES;
    }

    if (granted & (1 << NGX_HTTP_COOKIE_CONSENT_ANALYTICS)) {
        flags |= CC_GCM_ANALYTICS;
    }

    if (granted & (1 << NGX_HTTP_COOKIE_CONSENT_MARKETING)) {
        flags |= CC_GCM_MARKETING;
    }

    return flags;
}
