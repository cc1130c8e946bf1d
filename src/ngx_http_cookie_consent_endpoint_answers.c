/*
 * nginx-cookie-consent: what the consent endpoint answers (endpoint.c
 * takes the requests): the visitor's state in JSON, the preferences page,
 * the Consent Mode default as a script (<endpoint>/gcm.js).  Every answer
 * of the endpoint goes out through ngx_http_cookie_consent_send(), never
 * to be stored unless a Cache-Control is set already (banner assets).
 */


#include "ngx_http_cookie_consent_module.h"
#include "cc_gcm.h"


static ngx_int_t ngx_http_cookie_consent_state_json(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx, ngx_str_t *out);
static ngx_int_t ngx_http_cookie_consent_return_arg(ngx_http_request_t *r,
    ngx_str_t *ret);


/* the state in JSON: a GET with Accept: application/json, a JSON post */

ngx_int_t
ngx_http_cookie_consent_answer_state(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx)
{
    ngx_str_t  body;

    if (ngx_http_cookie_consent_state_json(r, ctx, &body) != NGX_OK) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    return ngx_http_cookie_consent_send(r, NGX_HTTP_OK, "application/json",
                                        &body);
}


static ngx_int_t
ngx_http_cookie_consent_state_json(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx, ngx_str_t *out)
{
    u_char                               *p;
    size_t                                len;
    ngx_str_t                             src;
    ngx_uint_t                            i, first;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    mcf = ngx_http_get_module_main_conf(r, ngx_http_cookie_consent_module);

    len = sizeof("{\"decided\":false,\"categories\":[],\"services\":[],"
                 "\"revision\":,\"id\":\"\",\"issued\":,\"expires\":,"
                 "\"source\":\"\"}\n")
          + (mcf->ncategories + mcf->nservices) * (CC_CATEGORY_MAX_LEN + 3)
          + 3 * NGX_INT64_LEN + 2 * CC_TOKEN_ID_LEN + 16;

    p = ngx_pnalloc(r->pool, len);
    if (p == NULL) {
        return NGX_ERROR;
    }

    out->data = p;

    p = ngx_sprintf(p, "{\"decided\":%s,\"categories\":[",
                    ctx->decided ? "true" : "false");

    first = 1;

    for (i = 0; i < mcf->ncategories; i++) {
        if (ngx_http_cookie_consent_granted(ctx, i)) {
            p = ngx_sprintf(p, "%s\"%V\"", first ? "" : ",", &mcf->names[i]);
            first = 0;
        }
    }

    /* the services granted, one by one or with their category */

    p = ngx_cpymem(p, "],\"services\":[", sizeof("],\"services\":[") - 1);

    first = 1;

    for (i = 0; i < mcf->nservices; i++) {
        if (ngx_http_cookie_consent_granted(ctx,
                                   CC_CLASS(mcf->services[i].category, i)))
        {
            p = ngx_sprintf(p, "%s\"%V\"", first ? "" : ",",
                            &mcf->services[i].name);
            first = 0;
        }
    }

    p = ngx_sprintf(p, "],\"revision\":%i,", ctx->conf->revision);

    if (ctx->decided && ctx->source == NGX_HTTP_COOKIE_CONSENT_SRC_COOKIE) {
        p = ngx_cpymem(p, "\"id\":\"", sizeof("\"id\":\"") - 1);
        cc_hex(p, ctx->token.id, CC_TOKEN_ID_LEN);
        p += 2 * CC_TOKEN_ID_LEN;
        p = ngx_sprintf(p, "\",\"issued\":%L,\"expires\":%L,",
                        ctx->token.issued,
                        ctx->token.issued + ctx->conf->cookie_max_age);

    } else {
        p = ngx_cpymem(p, "\"id\":null,\"issued\":null,\"expires\":null,",
                       sizeof("\"id\":null,\"issued\":null,\"expires\":null,")
                       - 1);
    }

    p = ngx_sprintf(p, "\"source\":\"%V\"}\n",
                    ngx_http_cookie_consent_source_name(ctx->source, &src));

    out->len = p - out->data;

    return NGX_OK;
}


/* the Consent Mode v2 default (cookie_consent_gcm) as an external script */

ngx_int_t
ngx_http_cookie_consent_gcm_js(ngx_http_request_t *r)
{
    size_t                          size;
    unsigned                        flags;
    ngx_str_t                       body;
    ngx_http_cookie_consent_ctx_t  *ctx;

    ctx = ngx_http_cookie_consent_get_ctx(r);
    if (ctx == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    flags = ngx_http_cookie_consent_gcm_flags(ctx->granted) | CC_GCM_JS;

    size = cc_gcm_size(flags, 0);

    body.data = ngx_pnalloc(r->pool, size);
    if (body.data == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    body.len = cc_gcm_render(body.data, size, flags, NULL, 0);
    if (body.len == 0) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    /* per visitor: Cache-Control: no-store, as every answer of ours */

    return ngx_http_cookie_consent_send(r, NGX_HTTP_OK, "text/javascript",
                                        &body);
}


/* the "return" query argument, decoded and validated */

static ngx_int_t
ngx_http_cookie_consent_return_arg(ngx_http_request_t *r, ngx_str_t *ret)
{
    long     n;
    u_char  *p;

    if (ret->len > CC_RETURN_MAX) {
        return NGX_DECLINED;
    }

    p = ngx_pnalloc(r->pool, ret->len ? ret->len : 1);
    if (p == NULL) {
        return NGX_ERROR;
    }

    n = cc_urldecode(p, ret->data, ret->len, 1);

    if (n < 0 || !cc_return_path_valid(p, (size_t) n)) {
        return NGX_DECLINED;
    }

    ret->data = p;
    ret->len = (size_t) n;

    return NGX_OK;
}


/*
 * The preferences page (cc_banner_page()): a plain form that works
 * without JavaScript, in the language of the banner that linked to it
 * ("lang=" in the query), else the visitor's (Accept-Language, else
 * cookie_consent_language); withdrawing is one button, as easy as
 * consenting.  The page goes back to ret, else to the query's "return=";
 * with confirm, it asks to confirm an Accept all made with Sec-GPC: 1.
 */

ngx_int_t
ngx_http_cookie_consent_page(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx, ngx_str_t *ret, ngx_uint_t confirm,
    ngx_str_t *out)
{
    int                                   l;
    size_t                                size;
    ngx_str_t                             arg, lang;
    ngx_uint_t                            i, nrows;
    cc_banner_conf_t                      c;
    cc_banner_decl_t                     *rows;
    ngx_http_cookie_consent_loc_conf_t   *lcf;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    mcf = ngx_http_get_module_main_conf(r, ngx_http_cookie_consent_module);
    lcf = ngx_http_get_module_loc_conf(r, ngx_http_cookie_consent_module);

    if (ret == NULL) {
        ret = &arg;

        if (ngx_http_arg(r, (u_char *) "return", sizeof("return") - 1, ret)
            != NGX_OK
            || ngx_http_cookie_consent_return_arg(r, ret) != NGX_OK)
        {
            ngx_str_set(ret, "/");
        }
    }

    /* the banner's categories, language and policy link */

    ngx_http_cookie_consent_banner_conf(r, lcf, NULL, &c);

    if (ngx_http_arg(r, (u_char *) "lang", sizeof("lang") - 1, &lang)
        == NGX_OK)
    {
        l = cc_i18n_lang(lang.data, lang.len);

        if (l >= 0) {
            ngx_http_cookie_consent_banner_lang(mcf, &c, l);
        }
    }

    for (i = 0; i < mcf->ncategories; i++) {
        if (ngx_http_cookie_consent_granted(ctx, i)) {
            c.granted |= 1UL << i;
        }
    }

    for (i = 0; i < mcf->nservices; i++) {
        if (ngx_http_cookie_consent_granted(ctx,
                                   CC_CLASS(mcf->services[i].category, i)))
        {
            c.granted_services |= 1ULL << i;
        }
    }

    c.decided = ctx->decided;
    c.gpc = (!ctx->decided && ctx->gpc);
    c.gpc_confirm = confirm;
    c.page_css = lcf->page_css.data;
    c.page_css_len = lcf->page_css.len;
    c.ascii = 0;                         /* the page is ours, in UTF-8 */

    /* under each category, its cookies, as the declaration lists them */

    if (ngx_http_cookie_consent_decl_collect(r, &rows, &nrows) != NGX_OK) {
        return NGX_ERROR;
    }

    c.decl = rows;
    c.ndecl = nrows;

    /* the form posts where the page was asked for */

    c.endpoint = r->uri.data;
    c.endpoint_len = r->uri.len;
    c.return_to = ret->data;
    c.return_len = ret->len;

    size = cc_banner_page_size(&c);

    out->data = ngx_pnalloc(r->pool, size);
    if (out->data == NULL) {
        return NGX_ERROR;
    }

    out->len = cc_banner_page(out->data, size, &c);

    return out->len ? NGX_OK : NGX_ERROR;
}


ngx_int_t
ngx_http_cookie_consent_send(ngx_http_request_t *r, ngx_uint_t status,
    char *type, ngx_str_t *body)
{
    ngx_int_t     rc;
    ngx_buf_t    *b;
    ngx_chain_t   out;

    static ngx_str_t  cache_control = ngx_string("Cache-Control");
    static ngx_str_t  no_store = ngx_string("no-store");

    r->headers_out.status = status;
    r->headers_out.content_length_n = body->len;

    if (type) {
        r->headers_out.content_type.data = (u_char *) type;
        r->headers_out.content_type.len = ngx_strlen(type);
        r->headers_out.content_type_len = r->headers_out.content_type.len;
    }

    /* per visitor, never stored; unless a Cache-Control is set already */

    if (ngx_http_cookie_consent_response_header(r, "Cache-Control",
                                                sizeof("Cache-Control") - 1)
        == NULL
        && ngx_http_cookie_consent_add_header(r, &cache_control, &no_store)
           == NULL)
    {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    if (body->len == 0 || r->method == NGX_HTTP_HEAD) {
        r->header_only = 1;
    }

    rc = ngx_http_send_header(r);

    if (rc == NGX_ERROR || rc > NGX_OK || r->header_only) {
        return rc;
    }

    b = ngx_calloc_buf(r->pool);
    if (b == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    b->pos = body->data;
    b->last = body->data + body->len;
    b->memory = 1;
    b->last_buf = (r == r->main) ? 1 : 0;
    b->last_in_chain = 1;

    out.buf = b;
    out.next = NULL;

    return ngx_http_output_filter(r, &out);
}
