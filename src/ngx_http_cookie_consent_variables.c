/*
 * nginx-cookie-consent: the $consent_* variables (docs/variables.md), one
 * getter per variable.  Every value is per request and never cached: the
 * consent may change with the location (an internal redirect) or at the
 * endpoint.
 */


#include "ngx_http_cookie_consent_module.h"
#include "cc_i18n.h"


static ngx_int_t ngx_http_cookie_consent_categories_variable(
    ngx_http_request_t *r, ngx_http_variable_value_t *v, uintptr_t data);
static ngx_int_t ngx_http_cookie_consent_decided_variable(
    ngx_http_request_t *r, ngx_http_variable_value_t *v, uintptr_t data);
static ngx_int_t ngx_http_cookie_consent_state_variable(
    ngx_http_request_t *r, ngx_http_variable_value_t *v, uintptr_t data);
static ngx_int_t ngx_http_cookie_consent_id_variable(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, uintptr_t data);
static ngx_int_t ngx_http_cookie_consent_revision_variable(
    ngx_http_request_t *r, ngx_http_variable_value_t *v, uintptr_t data);
static ngx_int_t ngx_http_cookie_consent_source_variable(
    ngx_http_request_t *r, ngx_http_variable_value_t *v, uintptr_t data);
static ngx_int_t ngx_http_cookie_consent_action_variable(
    ngx_http_request_t *r, ngx_http_variable_value_t *v, uintptr_t data);
static ngx_int_t ngx_http_cookie_consent_stripped_variable(
    ngx_http_request_t *r, ngx_http_variable_value_t *v, uintptr_t data);
static ngx_int_t ngx_http_cookie_consent_cookie_variable(
    ngx_http_request_t *r, ngx_http_variable_value_t *v, uintptr_t data);
static ngx_int_t ngx_http_cookie_consent_previous_id_variable(
    ngx_http_request_t *r, ngx_http_variable_value_t *v, uintptr_t data);
static ngx_int_t ngx_http_cookie_consent_addr_variable(
    ngx_http_request_t *r, ngx_http_variable_value_t *v, uintptr_t data);
static ngx_int_t ngx_http_cookie_consent_policy_variable(
    ngx_http_request_t *r, ngx_http_variable_value_t *v, uintptr_t data);
static ngx_int_t ngx_http_cookie_consent_language_variable(
    ngx_http_request_t *r, ngx_http_variable_value_t *v, uintptr_t data);
static ngx_int_t ngx_http_cookie_consent_return_variable(
    ngx_http_request_t *r, ngx_http_variable_value_t *v, uintptr_t data);
static ngx_int_t ngx_http_cookie_consent_category_variable(
    ngx_http_request_t *r, ngx_http_variable_value_t *v, uintptr_t data);
static ngx_int_t ngx_http_cookie_consent_value(ngx_http_variable_value_t *v,
    ngx_str_t *s);
static ngx_int_t ngx_http_cookie_consent_id_value(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, u_char *id);


/* a category may not be named after one of these ("consent_" + name) */

static ngx_http_variable_t  ngx_http_cookie_consent_vars[] = {

    { ngx_string("consent_categories"), NULL,
      ngx_http_cookie_consent_categories_variable,
      0, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("consent_services"), NULL,
      ngx_http_cookie_consent_categories_variable,
      1, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("consent_decided"), NULL,
      ngx_http_cookie_consent_decided_variable,
      0, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("consent_state"), NULL,
      ngx_http_cookie_consent_state_variable,
      0, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("consent_id"), NULL,
      ngx_http_cookie_consent_id_variable,
      0, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("consent_revision"), NULL,
      ngx_http_cookie_consent_revision_variable,
      0, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("consent_source"), NULL,
      ngx_http_cookie_consent_source_variable,
      0, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("consent_action"), NULL,
      ngx_http_cookie_consent_action_variable,
      0, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("consent_stripped"), NULL,
      ngx_http_cookie_consent_stripped_variable,
      0, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("consent_cookie"), NULL,
      ngx_http_cookie_consent_cookie_variable,
      0, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("consent_previous_id"), NULL,
      ngx_http_cookie_consent_previous_id_variable,
      0, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("consent_client_prefix"), NULL,
      ngx_http_cookie_consent_addr_variable,
      0, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("consent_log_addr"), NULL,
      ngx_http_cookie_consent_addr_variable,
      1, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("consent_policy_url"), NULL,
      ngx_http_cookie_consent_policy_variable,
      0, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("consent_language"), NULL,
      ngx_http_cookie_consent_language_variable,
      0, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("consent_return"), NULL,
      ngx_http_cookie_consent_return_variable,
      0, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("consent_"), NULL,
      ngx_http_cookie_consent_category_variable,
      0, NGX_HTTP_VAR_PREFIX|NGX_HTTP_VAR_NOCACHEABLE, 0 },

      ngx_http_null_variable
};


ngx_int_t
ngx_http_cookie_consent_add_variables(ngx_conf_t *cf)
{
    ngx_http_variable_t  *var, *v;

    for (v = ngx_http_cookie_consent_vars; v->name.len; v++) {
        var = ngx_http_add_variable(cf, &v->name, v->flags);
        if (var == NULL) {
            return NGX_ERROR;
        }

        var->get_handler = v->get_handler;
        var->data = v->data;
    }

    return NGX_OK;
}


/* 1 when $consent_<name> is a variable of its own, not a category's */

ngx_int_t
ngx_http_cookie_consent_reserved(ngx_str_t *name)
{
    size_t                prefix;
    ngx_http_variable_t  *v;

    prefix = sizeof("consent_") - 1;

    for (v = ngx_http_cookie_consent_vars; v->name.len; v++) {
        if (!(v->flags & NGX_HTTP_VAR_PREFIX)
            && v->name.len == prefix + name->len
            && ngx_strncmp(v->name.data + prefix, name->data, name->len) == 0)
        {
            return 1;
        }
    }

    return 0;
}


/*
 * An empty value points to "", not NULL: nginx copies values with
 * memcpy() (access_log, return, add_header), and memcpy() from NULL is
 * undefined even for 0 bytes (UBSan, make test-asan)
 */

static ngx_int_t
ngx_http_cookie_consent_value(ngx_http_variable_value_t *v, ngx_str_t *s)
{
    v->len = s->len;
    v->valid = 1;
    v->no_cacheable = 1;
    v->not_found = 0;
    v->data = s->len ? s->data : (u_char *) "";

    return NGX_OK;
}


/* a consent id in 32 hex digits, or empty (id NULL) */

static ngx_int_t
ngx_http_cookie_consent_id_value(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, u_char *id)
{
    ngx_str_t  s;

    ngx_str_set(&s, "");

    if (id) {
        s.data = ngx_pnalloc(r->pool, 2 * CC_TOKEN_ID_LEN);
        if (s.data == NULL) {
            return NGX_ERROR;
        }

        cc_hex(s.data, id, CC_TOKEN_ID_LEN);
        s.len = 2 * CC_TOKEN_ID_LEN;
    }

    return ngx_http_cookie_consent_value(v, &s);
}


/*
 * $consent_categories (data 0): the granted categories,
 * "necessary,analytics"; $consent_services (data 1): the services granted
 * one by one, "ga4,youtube" (those of granted categories are not
 * repeated: $consent_categories has them)
 */

static ngx_int_t
ngx_http_cookie_consent_categories_variable(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, uintptr_t data)
{
    ngx_str_t                             s, *value;
    ngx_uint_t                            i, n;
    ngx_array_t                           a;
    ngx_http_cookie_consent_ctx_t        *ctx;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    ctx = ngx_http_cookie_consent_get_ctx(r);
    if (ctx == NULL) {
        return NGX_ERROR;
    }

    mcf = ngx_http_get_module_main_conf(r, ngx_http_cookie_consent_module);

    n = data ? mcf->nservices : mcf->ncategories;

    if (ngx_array_init(&a, r->pool, n + 1, sizeof(ngx_str_t)) != NGX_OK) {
        return NGX_ERROR;
    }

    for (i = 0; i < n; i++) {
        if (data ? !(ctx->services & ((uint64_t) 1 << i))
                 : !ngx_http_cookie_consent_granted(ctx, i))
        {
            continue;
        }

        value = ngx_array_push(&a);
        if (value == NULL) {
            return NGX_ERROR;
        }

        *value = data ? mcf->services[i].name : mcf->names[i];
    }

    if (ngx_http_cookie_consent_join(r, &a, ",", &s) != NGX_OK) {
        return NGX_ERROR;
    }

    return ngx_http_cookie_consent_value(v, &s);
}


/* 1 or 0 */

static ngx_int_t
ngx_http_cookie_consent_decided_variable(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, uintptr_t data)
{
    ngx_str_t                       s;
    ngx_http_cookie_consent_ctx_t  *ctx;

    ctx = ngx_http_cookie_consent_get_ctx(r);
    if (ctx == NULL) {
        return NGX_ERROR;
    }

    s.len = 1;
    s.data = (u_char *) (ctx->decided ? "1" : "0");

    return ngx_http_cookie_consent_value(v, &s);
}


/*
 * "off", or d/u, the granted bits in hex, "s" and the bits of the
 * services granted one by one if any, "-r" in report mode
 */

static ngx_int_t
ngx_http_cookie_consent_state_variable(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, uintptr_t data)
{
    u_char                         *p;
    ngx_str_t                       s;
    ngx_http_cookie_consent_ctx_t  *ctx;

    ctx = ngx_http_cookie_consent_get_ctx(r);
    if (ctx == NULL) {
        return NGX_ERROR;
    }

    if (ctx->mode == NGX_HTTP_COOKIE_CONSENT_OFF) {
        ngx_str_set(&s, "off");
        return ngx_http_cookie_consent_value(v, &s);
    }

    p = ngx_pnalloc(r->pool, sizeof("us-r") - 1 + 8 + 16);
    if (p == NULL) {
        return NGX_ERROR;
    }

    /* the services granted one by one, when there are: "s" and their bits */

    s.data = p;
    p = ngx_sprintf(p, "%c%xD", ctx->decided ? 'd' : 'u', ctx->granted);

    if (ctx->services) {
        p = ngx_sprintf(p, "s%xL", ctx->services);
    }

    p = ngx_sprintf(p, "%s", ctx->mode == NGX_HTTP_COOKIE_CONSENT_REPORT
                             ? "-r" : "");
    s.len = p - s.data;

    return ngx_http_cookie_consent_value(v, &s);
}


/* the consent cookie's id, 32 hex digits; empty without one */

static ngx_int_t
ngx_http_cookie_consent_id_variable(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, uintptr_t data)
{
    ngx_http_cookie_consent_ctx_t  *ctx;

    ctx = ngx_http_cookie_consent_get_ctx(r);
    if (ctx == NULL) {
        return NGX_ERROR;
    }

    return ngx_http_cookie_consent_id_value(r, v,
               (ctx->decided
                && ctx->source == NGX_HTTP_COOKIE_CONSENT_SRC_COOKIE)
               ? ctx->token.id : NULL);
}


/* the id of the consent a decision replaces; empty otherwise */

static ngx_int_t
ngx_http_cookie_consent_previous_id_variable(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, uintptr_t data)
{
    ngx_http_cookie_consent_ctx_t  *ctx;

    ctx = ngx_http_cookie_consent_get_ctx(r);
    if (ctx == NULL) {
        return NGX_ERROR;
    }

    return ngx_http_cookie_consent_id_value(r, v,
                                            ctx->previous ? ctx->previous_id
                                                          : NULL);
}


/*
 * $consent_client_prefix: the client address cut to its network (IPv4
 * /24, IPv6 /48); $consent_log_addr (data 1): the whole address when the
 * visitor granted cookie_consent_log_address's category, else the prefix
 */

static ngx_int_t
ngx_http_cookie_consent_addr_variable(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, uintptr_t data)
{
    u_char                              *p;
    ngx_str_t                            s;
    struct sockaddr_in                  *sin;
#if (NGX_HAVE_INET6)
    struct sockaddr_in6                 *sin6;
    struct sockaddr_in6                  sa6;
#endif
    struct sockaddr_in                   sa;
    ngx_http_cookie_consent_ctx_t       *ctx;
    ngx_http_cookie_consent_loc_conf_t  *lcf;

    if (data) {
        ctx = ngx_http_cookie_consent_get_ctx(r);
        if (ctx == NULL) {
            return NGX_ERROR;
        }

        lcf = ngx_http_get_module_loc_conf(r, ngx_http_cookie_consent_module);

        if (ngx_http_cookie_consent_granted(ctx, lcf->log_address)) {
            return ngx_http_cookie_consent_value(v,
                                                 &r->connection->addr_text);
        }
    }

    ngx_str_set(&s, "");

    p = ngx_pnalloc(r->pool, NGX_SOCKADDR_STRLEN);
    if (p == NULL) {
        return NGX_ERROR;
    }

    switch (r->connection->sockaddr->sa_family) {

    case AF_INET:
        sin = (struct sockaddr_in *) r->connection->sockaddr;
        sa = *sin;
        sa.sin_addr.s_addr &= htonl(0xffffff00);
        s.len = ngx_inet_ntop(AF_INET, &sa.sin_addr, p, NGX_SOCKADDR_STRLEN);
        s.data = p;
        break;

#if (NGX_HAVE_INET6)
    case AF_INET6:
        sin6 = (struct sockaddr_in6 *) r->connection->sockaddr;
        sa6 = *sin6;

        if (IN6_IS_ADDR_V4MAPPED(&sa6.sin6_addr)) {
            sa6.sin6_addr.s6_addr[15] = 0;

        } else {
            ngx_memzero(&sa6.sin6_addr.s6_addr[6], 10);
        }

        s.len = ngx_inet_ntop(AF_INET6, &sa6.sin6_addr, p,
                              NGX_SOCKADDR_STRLEN);
        s.data = p;
        break;
#endif

    default:
        /* unix sockets: nothing that identifies a visitor */
        break;
    }

    return ngx_http_cookie_consent_value(v, &s);
}


/* cookie_consent_policy_url of the location */

static ngx_int_t
ngx_http_cookie_consent_policy_variable(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, uintptr_t data)
{
    ngx_http_cookie_consent_loc_conf_t  *lcf;

    lcf = ngx_http_get_module_loc_conf(r, ngx_http_cookie_consent_module);

    return ngx_http_cookie_consent_value(v, &lcf->policy_url);
}


/*
 * The language the banner and the preferences page speak to this request
 * without a page's <html lang>: Accept-Language, else
 * cookie_consent_language
 */

static ngx_int_t
ngx_http_cookie_consent_language_variable(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, uintptr_t data)
{
    ngx_str_t                            s;
    ngx_table_elt_t                     *al;
    ngx_http_cookie_consent_loc_conf_t  *lcf;

    lcf = ngx_http_get_module_loc_conf(r, ngx_http_cookie_consent_module);

    al = ngx_http_cookie_consent_request_header(r, "Accept-Language",
                                                sizeof("Accept-Language") - 1);

    s.data = (u_char *) cc_i18n_code(cc_i18n_choose(NULL, 0,
                                         al ? al->value.data : NULL,
                                         al ? al->value.len : 0,
                                         (int) lcf->language));
    s.len = ngx_strlen(s.data);

    return ngx_http_cookie_consent_value(v, &s);
}


/* the page a decision was made on (the form's or JSON's "return") */

static ngx_int_t
ngx_http_cookie_consent_return_variable(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, uintptr_t data)
{
    ngx_http_cookie_consent_ctx_t  *ctx;

    ctx = ngx_http_cookie_consent_get_ctx(r);
    if (ctx == NULL) {
        return NGX_ERROR;
    }

    return ngx_http_cookie_consent_value(v, &ctx->return_path);
}


/* the consent cookie's policy revision; empty without one */

static ngx_int_t
ngx_http_cookie_consent_revision_variable(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, uintptr_t data)
{
    ngx_str_t                       s;
    ngx_http_cookie_consent_ctx_t  *ctx;

    ctx = ngx_http_cookie_consent_get_ctx(r);
    if (ctx == NULL) {
        return NGX_ERROR;
    }

    ngx_str_set(&s, "");

    if (ctx->decided && ctx->source == NGX_HTTP_COOKIE_CONSENT_SRC_COOKIE) {
        s.data = ngx_pnalloc(r->pool, NGX_INT64_LEN);
        if (s.data == NULL) {
            return NGX_ERROR;
        }

        s.len = ngx_sprintf(s.data, "%uL", ctx->token.revision) - s.data;
    }

    return ngx_http_cookie_consent_value(v, &s);
}


/* default, cookie, gpc or a bridge's source name */

static ngx_int_t
ngx_http_cookie_consent_source_variable(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, uintptr_t data)
{
    ngx_str_t                       s;
    ngx_http_cookie_consent_ctx_t  *ctx;

    ctx = ngx_http_cookie_consent_get_ctx(r);
    if (ctx == NULL) {
        return NGX_ERROR;
    }

    return ngx_http_cookie_consent_value(v,
                      ngx_http_cookie_consent_source_name(ctx->source, &s));
}


/* the decision recorded by this request at the endpoint, if any */

static ngx_int_t
ngx_http_cookie_consent_action_variable(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, uintptr_t data)
{
    ngx_str_t                       s;
    ngx_http_cookie_consent_ctx_t  *ctx;

    ctx = ngx_http_cookie_consent_get_ctx(r);
    if (ctx == NULL) {
        return NGX_ERROR;
    }

    s.data = (u_char *) cc_action_name(ctx->action);
    s.len = ngx_strlen(s.data);

    return ngx_http_cookie_consent_value(v, &s);
}


/* the names of the Set-Cookie headers removed (or, in report mode, not) */

static ngx_int_t
ngx_http_cookie_consent_stripped_variable(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, uintptr_t data)
{
    ngx_str_t                       s;
    ngx_http_cookie_consent_ctx_t  *ctx;

    ctx = ngx_http_cookie_consent_get_ctx(r);
    if (ctx == NULL) {
        return NGX_ERROR;
    }

    ngx_str_set(&s, "");

    if (ctx->stripped
        && ngx_http_cookie_consent_join(r, ctx->stripped, ",", &s) != NGX_OK)
    {
        return NGX_ERROR;
    }

    return ngx_http_cookie_consent_value(v, &s);
}


/* the Cookie header as sent, without the cookies not granted */

static ngx_int_t
ngx_http_cookie_consent_cookie_variable(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, uintptr_t data)
{
    ngx_str_t                       s, *value;
    ngx_uint_t                      i, n;
    ngx_array_t                     a;
    ngx_http_cookie_consent_ctx_t  *ctx;

    ctx = ngx_http_cookie_consent_get_ctx(r);
    if (ctx == NULL) {
        return NGX_ERROR;
    }

    n = r->headers_in.cookies.nelts;

    if (ngx_array_init(&a, r->pool, ngx_max(n, 1), sizeof(ngx_str_t))
        != NGX_OK)
    {
        return NGX_ERROR;
    }

    for (i = 0; i < n; i++) {
        value = ngx_array_push(&a);
        if (value == NULL) {
            return NGX_ERROR;
        }

        if (ngx_http_cookie_consent_filter_value(r, ctx, ctx->conf,
                                      ngx_http_cookie_consent_sent(r, ctx, i),
                                      value)
            != NGX_OK)
        {
            return NGX_ERROR;
        }

        if (value->len == 0) {
            a.nelts--;
        }
    }

    if (a.nelts == 1) {
        s = *(ngx_str_t *) a.elts;
        return ngx_http_cookie_consent_value(v, &s);
    }

    if (ngx_http_cookie_consent_join(r, &a, "; ", &s) != NGX_OK) {
        return NGX_ERROR;
    }

    return ngx_http_cookie_consent_value(v, &s);
}


/* $consent_<category>, $consent_<service>: 1 or 0 */

static ngx_int_t
ngx_http_cookie_consent_category_variable(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, uintptr_t data)
{
    ngx_int_t                             cat, svc;
    ngx_str_t                            *name;
    ngx_http_cookie_consent_ctx_t        *ctx;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    name = (ngx_str_t *) data;

    mcf = ngx_http_get_module_main_conf(r, ngx_http_cookie_consent_module);

    cat = ngx_http_cookie_consent_category(mcf,
                                 name->data + sizeof("consent_") - 1,
                                 name->len - (sizeof("consent_") - 1));
    if (cat < 0) {

        /* $consent_<service>: the service, or its whole category */

        svc = ngx_http_cookie_consent_service(mcf,
                                 name->data + sizeof("consent_") - 1,
                                 name->len - (sizeof("consent_") - 1));
        if (svc < 0) {
            v->not_found = 1;
            return NGX_OK;
        }

        cat = CC_CLASS(mcf->services[svc].category, svc);
    }

    ctx = ngx_http_cookie_consent_get_ctx(r);
    if (ctx == NULL) {
        return NGX_ERROR;
    }

    v->len = 1;
    v->valid = 1;
    v->no_cacheable = 1;
    v->not_found = 0;
    v->data = (u_char *) (ngx_http_cookie_consent_granted(ctx, cat)
                          ? "1" : "0");

    return NGX_OK;
}
