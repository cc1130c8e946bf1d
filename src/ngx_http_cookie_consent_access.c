/*
 * nginx-cookie-consent: the preaccess phase.
 *
 * Before the content handler or an upstream sees the request: the Cookie
 * header loses the pairs of the categories not granted (the values as
 * sent stay in the context), and a location with cookie_consent_require
 * answers on its own, without its upstream, when a category it requires
 * is not granted (the beacon gate).
 */


#include "ngx_http_cookie_consent_module.h"


static ngx_int_t ngx_http_cookie_consent_handler(ngx_http_request_t *r);
static ngx_int_t ngx_http_cookie_consent_filter_request(
    ngx_http_request_t *r, ngx_http_cookie_consent_ctx_t *ctx,
    ngx_http_cookie_consent_loc_conf_t *lcf);
static ngx_int_t ngx_http_cookie_consent_gate(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx,
    ngx_http_cookie_consent_loc_conf_t *lcf);


char *
ngx_http_cookie_consent_require(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf)
{
    ngx_http_cookie_consent_loc_conf_t *lcf = conf;

    ngx_int_t                             cat, svc, status;
    ngx_str_t                            *value, s;
    ngx_uint_t                            i;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    if (lcf->require || lcf->require_services) {
        return "is duplicate";
    }

    mcf = ngx_http_conf_get_module_main_conf(cf,
                                             ngx_http_cookie_consent_module);

    value = cf->args->elts;
    lcf->require_status = NGX_HTTP_NO_CONTENT;

    for (i = 1; i < cf->args->nelts; i++) {

        if (ngx_strncmp(value[i].data, "status=", 7) == 0) {
            s.data = value[i].data + 7;
            s.len = value[i].len - 7;

            status = ngx_atoi(s.data, s.len);

            if (status < 200 || status > 599
                || (status >= 300 && status < 400))
            {
                ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                                   "invalid status \"%V\" in \"%V\" "
                                   "directive, it must be 200 to 299 or "
                                   "400 to 599", &value[i], &cmd->name);
                return NGX_CONF_ERROR;
            }

            lcf->require_status = status;
            continue;
        }

        /* a service: it, or its whole category */

        svc = ngx_http_cookie_consent_service(mcf, value[i].data,
                                              value[i].len);
        if (svc >= 0) {
            lcf->require_services |= (uint64_t) 1 << svc;
            continue;
        }

        cat = ngx_http_cookie_consent_find_category(cf, &value[i]);
        if (cat < 0) {
            return NGX_CONF_ERROR;
        }

        if (cat == 0) {
            ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                               "\"%V\" is always granted, requiring it in "
                               "\"%V\" directive gates nothing", &value[i],
                               &cmd->name);
            return NGX_CONF_ERROR;
        }

        lcf->require |= (uint32_t) 1 << cat;
    }

    if (lcf->require == 0 && lcf->require_services == 0) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "no category in \"%V\" directive", &cmd->name);
        return NGX_CONF_ERROR;
    }

    return NGX_CONF_OK;
}


ngx_int_t
ngx_http_cookie_consent_access_init(ngx_conf_t *cf)
{
    ngx_http_handler_pt        *h;
    ngx_http_core_main_conf_t  *cmcf;

    cmcf = ngx_http_conf_get_module_main_conf(cf, ngx_http_core_module);

    h = ngx_array_push(&cmcf->phases[NGX_HTTP_PREACCESS_PHASE].handlers);
    if (h == NULL) {
        return NGX_ERROR;
    }

    *h = ngx_http_cookie_consent_handler;

    return NGX_OK;
}


/* the preaccess phase: request cookies and the beacon gate */

static ngx_int_t
ngx_http_cookie_consent_handler(ngx_http_request_t *r)
{
    ngx_http_cookie_consent_ctx_t        *ctx;
    ngx_http_cookie_consent_loc_conf_t   *lcf;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    lcf = ngx_http_get_module_loc_conf(r, ngx_http_cookie_consent_module);

    if (lcf->mode == NGX_HTTP_COOKIE_CONSENT_OFF && lcf->mode_value == NULL) {
        return NGX_DECLINED;
    }

    ctx = ngx_http_cookie_consent_get_ctx(r);
    if (ctx == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    if (ctx->mode == NGX_HTTP_COOKIE_CONSENT_OFF) {
        return NGX_DECLINED;
    }

    if (lcf->request_cookies
        && ngx_http_cookie_consent_filter_request(r, ctx, lcf) != NGX_OK)
    {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    if (lcf->html && r == r->main
        && ctx->mode == NGX_HTTP_COOKIE_CONSENT_ON
        && ngx_http_cookie_consent_cache_request(r, ctx) != NGX_OK)
    {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    if (lcf->require && (lcf->require & ~ctx->granted)) {
        return ngx_http_cookie_consent_gate(r, ctx, lcf);
    }

    if (lcf->require_services) {
        mcf = ngx_http_get_module_main_conf(r,
                                            ngx_http_cookie_consent_module);

        if (lcf->require_services
            & ~(ctx->services
                | ngx_http_cookie_consent_services_of(mcf, ctx->granted)))
        {
            return ngx_http_cookie_consent_gate(r, ctx, lcf);
        }
    }

    return NGX_DECLINED;
}


static ngx_int_t
ngx_http_cookie_consent_filter_request(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx,
    ngx_http_cookie_consent_loc_conf_t *lcf)
{
    ngx_str_t                             out;
    ngx_uint_t                            i;
    ngx_table_elt_t                     **h;
    ngx_http_cookie_consent_orig_t       *orig;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    if (ctx->mode != NGX_HTTP_COOKIE_CONSENT_ON) {
        return NGX_OK;
    }

    h = r->headers_in.cookies.elts;

    if (ctx->orig == NULL) {
        ctx->orig = ngx_array_create(r->pool,
                                     ngx_max(r->headers_in.cookies.nelts, 1),
                                     sizeof(ngx_http_cookie_consent_orig_t));
        if (ctx->orig == NULL) {
            return NGX_ERROR;
        }

        for (i = 0; i < r->headers_in.cookies.nelts; i++) {
            orig = ngx_array_push(ctx->orig);
            if (orig == NULL) {
                return NGX_ERROR;
            }

            orig->header = h[i];
            orig->value = h[i]->value;
        }
    }

    /* filter from the values as sent: an internal redirect may re-filter */

    orig = ctx->orig->elts;

    mcf = ngx_http_get_module_main_conf(r, ngx_http_cookie_consent_module);

    if ((ctx->granted & mcf->all) == mcf->all
        && lcf->unknown != NGX_HTTP_COOKIE_CONSENT_DENY
        && !ngx_http_cookie_consent_counting(r))
    {
        /* everything granted: every cookie as sent */

        for (i = 0; i < ctx->orig->nelts; i++) {
            orig[i].header->value = orig[i].value;
        }

        return NGX_OK;
    }

    for (i = 0; i < ctx->orig->nelts; i++) {
        if (ngx_http_cookie_consent_filter_value(r, ctx, lcf, &orig[i].value,
                                                 &out)
            != NGX_OK)
        {
            return NGX_ERROR;
        }

        if (out.len != orig[i].header->value.len
            || out.data != orig[i].header->value.data)
        {
            ngx_log_debug2(NGX_LOG_DEBUG_HTTP, r->connection->log, 0,
                           "cookie consent: request Cookie \"%V\" -> \"%V\"",
                           &orig[i].value, &out);
        }

        orig[i].header->value = out;
    }

    return NGX_OK;
}


/*
 * The beacon gate: the body is discarded, the upstream never contacted,
 * the configured status goes back without any cookie.
 */

static ngx_int_t
ngx_http_cookie_consent_gate(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx,
    ngx_http_cookie_consent_loc_conf_t *lcf)
{
    ngx_int_t  rc;

    if (ctx->mode == NGX_HTTP_COOKIE_CONSENT_REPORT) {
        ngx_log_error(NGX_LOG_NOTICE, r->connection->log, 0,
                      "cookie consent report: would answer %ui to \"%V\" "
                      "(category or service not granted)",
                      lcf->require_status, &r->uri);
        return NGX_DECLINED;
    }

    ngx_log_debug1(NGX_LOG_DEBUG_HTTP, r->connection->log, 0,
                   "cookie consent: gated with %ui", lcf->require_status);

    ctx->gated = 1;

    ngx_http_cookie_consent_count(r, NGX_HTTP_COOKIE_CONSENT_C_GATED, 0);

    if (lcf->require_status >= NGX_HTTP_SPECIAL_RESPONSE) {
        /* nginx's own error response, error_page applies */
        return lcf->require_status;
    }

    rc = ngx_http_discard_request_body(r);

    if (rc != NGX_OK) {
        return rc;
    }

    r->headers_out.status = lcf->require_status;
    r->headers_out.content_length_n = 0;
    r->header_only = 1;

    rc = ngx_http_send_header(r);

    ngx_http_finalize_request(r, rc);

    return NGX_DONE;
}
