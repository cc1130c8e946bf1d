/*
 * nginx-cookie-consent: the consent endpoint.
 *
 *   location /cookie-consent { cookie_consent_endpoint; }
 *
 * POST form or JSON records a decision (303 or 200 JSON, with the new
 * consent cookie); GET answers the state as JSON or a preferences page,
 * the banner's assets and gcm.js.  The answers are in endpoint_answers.c.
 */


#include <openssl/rand.h>

#include "ngx_http_cookie_consent_module.h"
#include "cc_assets.h"


static ngx_uint_t ngx_http_cookie_consent_media_type(ngx_str_t *value,
    char *type);
static ngx_int_t ngx_http_cookie_consent_endpoint_handler(
    ngx_http_request_t *r);
static void ngx_http_cookie_consent_endpoint_body(ngx_http_request_t *r);
static ngx_int_t ngx_http_cookie_consent_same_origin(ngx_http_request_t *r);
static ngx_int_t ngx_http_cookie_consent_decide(ngx_http_request_t *r,
    cc_decision_t *d, ngx_uint_t json);
static ngx_int_t ngx_http_cookie_consent_record(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx, cc_decision_t *d);
static ngx_int_t ngx_http_cookie_consent_return_path(ngx_http_request_t *r,
    cc_decision_t *d, ngx_str_t *path);
static ngx_int_t ngx_http_cookie_consent_redirect(ngx_http_request_t *r,
    cc_decision_t *d);
static ngx_int_t ngx_http_cookie_consent_gpc_confirm(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx, cc_decision_t *d, ngx_uint_t json);
static ngx_int_t ngx_http_cookie_consent_refuse(ngx_http_request_t *r,
    ngx_uint_t status, ngx_uint_t json, const char *reason);


#define NGX_HTTP_COOKIE_CONSENT_JSON  1
#define NGX_HTTP_COOKIE_CONSENT_FORM  2


char *
ngx_http_cookie_consent_endpoint(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf)
{
    ngx_http_cookie_consent_loc_conf_t *lcf = conf;

    ngx_http_core_loc_conf_t             *clcf;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    if (lcf->endpoint != NGX_CONF_UNSET) {
        return "is duplicate";
    }

    lcf->endpoint = 1;

    clcf = ngx_http_conf_get_module_loc_conf(cf, ngx_http_core_module);
    clcf->handler = ngx_http_cookie_consent_endpoint_handler;

    /* the first endpoint is where banners post */

    mcf = ngx_http_conf_get_module_main_conf(cf,
                                             ngx_http_cookie_consent_module);

    if (mcf->endpoint.len == 0 && clcf->name.len
        && clcf->name.data[0] == '/'
#if (NGX_PCRE)
        && clcf->regex == NULL
#endif
       )
    {
        mcf->endpoint = clcf->name;

        while (mcf->endpoint.len > 1
               && mcf->endpoint.data[mcf->endpoint.len - 1] == '/')
        {
            mcf->endpoint.len--;
        }
    }

    return NGX_CONF_OK;
}


/* "mime/type; params" compared by type only, case-insensitively */

static ngx_uint_t
ngx_http_cookie_consent_media_type(ngx_str_t *value, char *type)
{
    size_t   len, n;
    u_char  *p;

    len = ngx_strlen(type);

    p = value->data;
    n = value->len;

    while (n && (*p == ' ' || *p == '\t')) {
        p++;
        n--;
    }

    if (n < len || ngx_strncasecmp(p, (u_char *) type, len) != 0) {
        return 0;
    }

    return n == len || p[len] == ';' || p[len] == ' ' || p[len] == '\t';
}


static ngx_int_t
ngx_http_cookie_consent_endpoint_handler(ngx_http_request_t *r)
{
    u_char                         *p;
    size_t                          len;
    ngx_int_t                       rc;
    ngx_str_t                       body;
    ngx_uint_t                      json;
    ngx_table_elt_t                *h;
    const cc_asset_t               *asset;
    ngx_http_cookie_consent_ctx_t  *ctx;

    static ngx_str_t  cache_control = ngx_string("Cache-Control");
    static ngx_str_t  cache_public = ngx_string("public, max-age=86400");
    static ngx_str_t  allow = ngx_string("Allow");
    static ngx_str_t  allow_methods = ngx_string("GET, HEAD, POST");

    if (r->method & (NGX_HTTP_GET|NGX_HTTP_HEAD)) {

        rc = ngx_http_discard_request_body(r);
        if (rc != NGX_OK) {
            return rc;
        }

        /* the banner's assets: <endpoint>/banner.css, <endpoint>/banner.js */

        p = r->uri.data + r->uri.len;

        while (p > r->uri.data && p[-1] != '/') {
            p--;
        }

        /*
         * <endpoint>/gcm.js: the Consent Mode default of this visitor,
         * for pages under a Content-Security-Policy without a nonce
         */

        len = r->uri.data + r->uri.len - p;

        /* <endpoint>/declaration: the cookie declaration */

        if (p - r->uri.data > 1 && len == sizeof("declaration") - 1
            && ngx_strncmp(p, "declaration", sizeof("declaration") - 1) == 0)
        {
            return ngx_http_cookie_consent_declaration(r);
        }

        if (p - r->uri.data > 1 && len == sizeof("gcm.js") - 1
            && ngx_strncmp(p, "gcm.js", sizeof("gcm.js") - 1) == 0)
        {
            return ngx_http_cookie_consent_gcm_js(r);
        }

        asset = cc_asset_find(p, len);

        if (asset && p - r->uri.data > 1) {
            body.data = (u_char *) asset->data;
            body.len = asset->len;

            if (ngx_http_cookie_consent_add_header(r, &cache_control,
                                                   &cache_public)
                == NULL)
            {
                return NGX_HTTP_INTERNAL_SERVER_ERROR;
            }

            return ngx_http_cookie_consent_send(r, NGX_HTTP_OK,
                                                (char *) asset->type, &body);
        }

        ctx = ngx_http_cookie_consent_get_ctx(r);
        if (ctx == NULL) {
            return NGX_HTTP_INTERNAL_SERVER_ERROR;
        }

        h = ngx_http_cookie_consent_request_header(r, "Accept",
                                                   sizeof("Accept") - 1);

        json = (h && ngx_strlcasestrn(h->value.data,
                                      h->value.data + h->value.len,
                                      (u_char *) "application/json",
                                      sizeof("application/json") - 2));

        if (json) {
            return ngx_http_cookie_consent_answer_state(r, ctx);
        }

        if (ngx_http_cookie_consent_page(r, ctx, NULL, 0, &body)
            != NGX_OK)
        {
            return NGX_HTTP_INTERNAL_SERVER_ERROR;
        }

        return ngx_http_cookie_consent_send(r, NGX_HTTP_OK,
                                            "text/html; charset=utf-8",
                                            &body);
    }

    if (!(r->method & NGX_HTTP_POST)) {
        if (ngx_http_cookie_consent_add_header(r, &allow, &allow_methods)
            == NULL)
        {
            return NGX_HTTP_INTERNAL_SERVER_ERROR;
        }

        ngx_http_cookie_consent_count_refusal(r, NGX_HTTP_NOT_ALLOWED);

        return NGX_HTTP_NOT_ALLOWED;
    }

    h = r->headers_in.content_type;
    json = 0;

    if (h && ngx_http_cookie_consent_media_type(&h->value,
                                                "application/json"))
    {
        json = NGX_HTTP_COOKIE_CONSENT_JSON;

    } else if (h && ngx_http_cookie_consent_media_type(&h->value,
                                    "application/x-www-form-urlencoded"))
    {
        json = NGX_HTTP_COOKIE_CONSENT_FORM;
    }

    if (ngx_http_cookie_consent_same_origin(r) != NGX_OK) {
        return ngx_http_cookie_consent_refuse(r, NGX_HTTP_FORBIDDEN,
                                     json == NGX_HTTP_COOKIE_CONSENT_JSON,
                                     "cross-site request refused");
    }

    if (r->headers_in.content_length_n > CC_BODY_MAX) {
        return ngx_http_cookie_consent_refuse(r,
                                     NGX_HTTP_REQUEST_ENTITY_TOO_LARGE,
                                     json == NGX_HTTP_COOKIE_CONSENT_JSON,
                                     "request body too large");
    }

    if (json == 0) {
        return ngx_http_cookie_consent_refuse(r,
                                     NGX_HTTP_UNSUPPORTED_MEDIA_TYPE, 0,
                                     "the body must be application/json or "
                                     "application/x-www-form-urlencoded");
    }

    r->request_body_in_single_buf = 1;

    rc = ngx_http_read_client_request_body(r,
                                       ngx_http_cookie_consent_endpoint_body);

    if (rc >= NGX_HTTP_SPECIAL_RESPONSE) {
        return rc;
    }

    return NGX_DONE;
}


/* cross-site posts: Sec-Fetch-Site, else Origin against Host */

static ngx_int_t
ngx_http_cookie_consent_same_origin(ngx_http_request_t *r)
{
    u_char           *p, *last;
    size_t            len;
    ngx_str_t         host, origin;
    ngx_table_elt_t  *h;

    h = ngx_http_cookie_consent_request_header(r, "Sec-Fetch-Site",
                                               sizeof("Sec-Fetch-Site") - 1);

    if (h && h->value.len == sizeof("cross-site") - 1
        && ngx_strncasecmp(h->value.data, (u_char *) "cross-site",
                           sizeof("cross-site") - 1) == 0)
    {
        return NGX_DECLINED;
    }

    h = ngx_http_cookie_consent_request_header(r, "Origin",
                                               sizeof("Origin") - 1);

    if (h == NULL) {
        return NGX_OK;
    }

    origin = h->value;

    if (r->headers_in.host == NULL) {
        return NGX_DECLINED;
    }

    host = r->headers_in.host->value;

    p = origin.data;
    last = origin.data + origin.len;

    if (origin.len > 7 && ngx_strncasecmp(p, (u_char *) "http://", 7) == 0) {
        p += 7;

        /* the default port may be in one and not the other */

        len = last - p;
        if (len > 3 && ngx_strncmp(last - 3, ":80", 3) == 0) {
            last -= 3;
        }

        if (host.len > 3
            && ngx_strncmp(host.data + host.len - 3, ":80", 3) == 0)
        {
            host.len -= 3;
        }

    } else if (origin.len > 8
               && ngx_strncasecmp(p, (u_char *) "https://", 8) == 0)
    {
        p += 8;

        if (last - p > 4 && ngx_strncmp(last - 4, ":443", 4) == 0) {
            last -= 4;
        }

        if (host.len > 4
            && ngx_strncmp(host.data + host.len - 4, ":443", 4) == 0)
        {
            host.len -= 4;
        }

    } else {
        return NGX_DECLINED;        /* "null" and other schemes */
    }

    if ((size_t) (last - p) != host.len
        || ngx_strncasecmp(p, host.data, host.len) != 0)
    {
        return NGX_DECLINED;
    }

    return NGX_OK;
}


static void
ngx_http_cookie_consent_endpoint_body(ngx_http_request_t *r)
{
    u_char                                buf[CC_BODY_MAX + 1], *p;
    size_t                                len, n;
    ssize_t                               rd;
    ngx_int_t                             rc;
    ngx_uint_t                            json;
    ngx_chain_t                          *cl;
    const char                           *err;
    cc_decision_t                         d;
    ngx_table_elt_t                      *h;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    mcf = ngx_http_get_module_main_conf(r, ngx_http_cookie_consent_module);

    h = r->headers_in.content_type;
    json = ngx_http_cookie_consent_media_type(&h->value, "application/json");

    /* the body, at most CC_BODY_MAX + 1 bytes of it */

    len = 0;

    for (cl = r->request_body ? r->request_body->bufs : NULL;
         cl && len <= CC_BODY_MAX;
         cl = cl->next)
    {
        if (ngx_buf_in_memory(cl->buf)) {
            n = ngx_min((size_t) (cl->buf->last - cl->buf->pos),
                        CC_BODY_MAX + 1 - len);
            ngx_memcpy(buf + len, cl->buf->pos, n);
            len += n;
            continue;
        }

        if (cl->buf->in_file) {
            n = ngx_min((size_t) (cl->buf->file_last - cl->buf->file_pos),
                        CC_BODY_MAX + 1 - len);

            rd = ngx_read_file(cl->buf->file, buf + len, n,
                               cl->buf->file_pos);
            if (rd != (ssize_t) n) {
                ngx_http_finalize_request(r,
                                          NGX_HTTP_INTERNAL_SERVER_ERROR);
                return;
            }

            len += n;
        }
    }

    if (len > CC_BODY_MAX) {
        rc = ngx_http_cookie_consent_refuse(r,
                                         NGX_HTTP_REQUEST_ENTITY_TOO_LARGE,
                                         json, "request body too large");
        ngx_http_finalize_request(r, rc);
        return;
    }

    p = buf;

    if (json) {
        rc = cc_json_parse(p, len, &d,
                           ngx_http_cookie_consent_grant_cb,
                           mcf, &err);
    } else {
        rc = cc_form_parse(p, len, &d,
                           ngx_http_cookie_consent_grant_cb,
                           mcf, &err);
    }

    if (rc != 0) {
        ngx_log_error(NGX_LOG_INFO, r->connection->log, 0,
                      "cookie consent: bad decision body: %s", err);

        rc = ngx_http_cookie_consent_refuse(r, NGX_HTTP_BAD_REQUEST, json,
                                            err);
        ngx_http_finalize_request(r, rc);
        return;
    }

    ngx_http_finalize_request(r, ngx_http_cookie_consent_decide(r, &d, json));
}


/*
 * A decision: the state of the request becomes the decision, the consent
 * cookie is issued (cookie.c), the cookies of categories no longer
 * granted expire, and the answer is the state in JSON or a redirect
 */

static ngx_int_t
ngx_http_cookie_consent_decide(ngx_http_request_t *r, cc_decision_t *d,
    ngx_uint_t json)
{
    ngx_http_cookie_consent_ctx_t        *ctx;
    ngx_http_cookie_consent_loc_conf_t   *lcf;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    lcf = ngx_http_get_module_loc_conf(r, ngx_http_cookie_consent_module);
    mcf = ngx_http_get_module_main_conf(r, ngx_http_cookie_consent_module);

    ctx = ngx_http_cookie_consent_get_ctx(r);
    if (ctx == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    /*
     * Accept all with Sec-GPC: 1 grants what the signal opts out of: only
     * once confirmed (the preferences page's "Yes, accept all"), unless
     * everything is granted already
     */

    if (d->action == CC_ACTION_ACCEPT && ctx->gpc && !d->gpc_confirmed
        && (ctx->granted & mcf->all) != mcf->all)
    {
        return ngx_http_cookie_consent_gpc_confirm(r, ctx, d, json);
    }

    if (ngx_http_cookie_consent_record(r, ctx, d) != NGX_OK
        || ngx_http_cookie_consent_issue_cookie(r, ctx, lcf) != NGX_OK)
    {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    /*
     * the cookies of categories no longer granted go, whatever the mode:
     * a visitor who refuses or withdraws asked for it, also on a site
     * that only reports (docs/endpoint.md)
     */

    if (ngx_http_cookie_consent_expire_cookies(r, ctx, lcf) != NGX_OK) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    ngx_log_error(NGX_LOG_INFO, r->connection->log, 0,
                  "cookie consent: decision \"%s\" recorded",
                  cc_action_name(d->action));

    if (ngx_http_cookie_consent_counting(r)) {
        ngx_http_cookie_consent_count_decision(r, d->action, json,
                                               ctx->granted);
    }

    if (json) {
        return ngx_http_cookie_consent_answer_state(r, ctx);
    }

    return ngx_http_cookie_consent_redirect(r, d);
}


/* the request's consent becomes the decision, with a new consent id */

static ngx_int_t
ngx_http_cookie_consent_record(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx, cc_decision_t *d)
{
    ngx_http_cookie_consent_loc_conf_t   *lcf;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    mcf = ngx_http_get_module_main_conf(r, ngx_http_cookie_consent_module);
    lcf = ngx_http_get_module_loc_conf(r, ngx_http_cookie_consent_module);

    /* the decision this one replaces, for the consent record */

    if (ctx->decided && ctx->source == NGX_HTTP_COOKIE_CONSENT_SRC_COOKIE) {
        ngx_memcpy(ctx->previous_id, ctx->token.id, CC_TOKEN_ID_LEN);
        ctx->previous = 1;
    }

    if (d->has_return && cc_return_path_valid(d->return_to, d->return_len)) {
        ctx->return_path.data = ngx_pnalloc(r->pool, d->return_len);
        if (ctx->return_path.data == NULL) {
            return NGX_ERROR;
        }

        ngx_memcpy(ctx->return_path.data, d->return_to, d->return_len);
        ctx->return_path.len = d->return_len;
    }

    ngx_memzero(&ctx->token, sizeof(cc_token_t));

    ctx->services = 0;

    switch (d->action) {

    case CC_ACTION_ACCEPT:
        ctx->granted = mcf->all;
        break;

    case CC_ACTION_SAVE:
        ctx->granted = (d->categories & mcf->all) | 1;

        /* a service of a category granted as a whole is not written */

        ctx->services = d->services & mcf->services_all;

        if (ctx->services) {
            ctx->services &= ~ngx_http_cookie_consent_services_of(mcf,
                                                              ctx->granted);
        }

        break;

    default: /* CC_ACTION_REJECT, CC_ACTION_WITHDRAW */
        ctx->granted = 1;
        break;
    }

    if (RAND_bytes(ctx->token.id, CC_TOKEN_ID_LEN) != 1) {
        ngx_log_error(NGX_LOG_ALERT, r->connection->log, 0,
                      "cookie consent: RAND_bytes() failed");
        return NGX_ERROR;
    }

    ctx->token.revision = (uint64_t) lcf->revision;
    ctx->token.issued = ngx_time();
    ctx->token.granted = ctx->granted;
    ctx->token.services = ctx->services;
    ctx->decided = 1;
    ctx->source = NGX_HTTP_COOKIE_CONSENT_SRC_COOKIE;
    ctx->action = d->action;

    return NGX_OK;
}


/* the decision's "return" when it passes the rules, else "/" */

static ngx_int_t
ngx_http_cookie_consent_return_path(ngx_http_request_t *r, cc_decision_t *d,
    ngx_str_t *path)
{
    if (!d->has_return
        || !cc_return_path_valid(d->return_to, d->return_len))
    {
        ngx_str_set(path, "/");
        return NGX_OK;
    }

    path->data = ngx_pnalloc(r->pool, d->return_len);
    if (path->data == NULL) {
        return NGX_ERROR;
    }

    ngx_memcpy(path->data, d->return_to, d->return_len);
    path->len = d->return_len;

    return NGX_OK;
}


/* a form's answer: 303 See Other to a same-site path */

static ngx_int_t
ngx_http_cookie_consent_redirect(ngx_http_request_t *r, cc_decision_t *d)
{
    ngx_str_t         body, location;
    ngx_table_elt_t  *h;

    static ngx_str_t  key = ngx_string("Location");

    if (ngx_http_cookie_consent_return_path(r, d, &location) != NGX_OK) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    h = ngx_http_cookie_consent_add_header(r, &key, &location);
    if (h == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    r->headers_out.location = h;

    ngx_str_set(&body, "");

    return ngx_http_cookie_consent_send(r, NGX_HTTP_SEE_OTHER, NULL, &body);
}


/*
 * An Accept all to confirm (docs/endpoint.md, "Global Privacy Control"):
 * nothing is recorded; a form gets the preferences page asking for the
 * confirmation, JSON a 409 (the banner's script then posts the form)
 */

static ngx_int_t
ngx_http_cookie_consent_gpc_confirm(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx, cc_decision_t *d, ngx_uint_t json)
{
    ngx_str_t  body, ret;

    ngx_log_debug0(NGX_LOG_DEBUG_HTTP, r->connection->log, 0,
                   "cookie consent: accept all with Sec-GPC, to confirm");

    if (json) {
        return ngx_http_cookie_consent_refuse(r, NGX_HTTP_CONFLICT, 1,
                                     "Sec-GPC: 1: confirm Accept all with "
                                     "\"gpc\": \"confirm\"");
    }

    if (ngx_http_cookie_consent_return_path(r, d, &ret) != NGX_OK
        || ngx_http_cookie_consent_page(r, ctx, &ret, 1, &body) != NGX_OK)
    {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    return ngx_http_cookie_consent_send(r, NGX_HTTP_OK,
                                        "text/html; charset=utf-8", &body);
}


/*
 * Refusals answer with a one-line reason and never touch stored consent;
 * a body not read yet is discarded so the connection stays usable.
 */

static ngx_int_t
ngx_http_cookie_consent_refuse(ngx_http_request_t *r, ngx_uint_t status,
    ngx_uint_t json, const char *reason)
{
    u_char     *p;
    size_t      len;
    ngx_int_t   rc;
    ngx_str_t   body;

    ngx_http_cookie_consent_count_refusal(r, status);

    rc = ngx_http_discard_request_body(r);

    if (rc != NGX_OK) {
        return rc;
    }

    len = ngx_strlen(reason);
    len += ngx_escape_json(NULL, (u_char *) reason, len)
           + sizeof("{\"error\":\"\"}\n");

    p = ngx_pnalloc(r->pool, len);
    if (p == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    body.data = p;

    if (json) {
        p = ngx_cpymem(p, "{\"error\":\"", sizeof("{\"error\":\"") - 1);
        p = (u_char *) ngx_escape_json(p, (u_char *) reason,
                                       ngx_strlen(reason));
        p = ngx_cpymem(p, "\"}\n", sizeof("\"}\n") - 1);

    } else {
        p = ngx_sprintf(p, "%s\n", reason);
    }

    body.len = p - body.data;

    return ngx_http_cookie_consent_send(r, status,
                                        json ? "application/json"
                                             : "text/plain; charset=utf-8",
                                        &body);
}
