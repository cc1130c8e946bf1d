/*
 * nginx-cookie-consent: enforces cookie consent in nginx.
 *
 * This file holds the configuration, the consent state of a request, the
 * variables, the request-cookie filter and beacon gate (preaccess phase)
 * and the Set-Cookie header filter.  Parsers live in the nginx-free cc_*
 * files; classification rules in ngx_http_cookie_consent_rules.c; the
 * endpoint in ngx_http_cookie_consent_endpoint.c.
 */


#include "ngx_http_cookie_consent_module.h"
#include "cc_i18n.h"


static ngx_int_t ngx_http_cookie_consent_compute(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx,
    ngx_http_cookie_consent_loc_conf_t *lcf);
static ngx_str_t *ngx_http_cookie_consent_sent(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx, ngx_uint_t i);
static void ngx_http_cookie_consent_cleanup(void *data);
static ngx_int_t ngx_http_cookie_consent_gpc_header(ngx_http_request_t *r);
static ngx_int_t ngx_http_cookie_consent_filter_request(
    ngx_http_request_t *r, ngx_http_cookie_consent_ctx_t *ctx,
    ngx_http_cookie_consent_loc_conf_t *lcf);
static ngx_int_t ngx_http_cookie_consent_filter_value(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx,
    ngx_http_cookie_consent_loc_conf_t *lcf, ngx_str_t *value,
    ngx_str_t *out);
static ngx_int_t ngx_http_cookie_consent_gate(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx,
    ngx_http_cookie_consent_loc_conf_t *lcf);
static ngx_table_elt_t *ngx_http_cookie_consent_header(ngx_list_t *headers,
    char *name, size_t len);
static ngx_int_t ngx_http_cookie_consent_handler(ngx_http_request_t *r);
static ngx_int_t ngx_http_cookie_consent_header_filter(
    ngx_http_request_t *r);
static ngx_int_t ngx_http_cookie_consent_join(ngx_http_request_t *r,
    ngx_array_t *a, char *sep, ngx_str_t *out);

static ngx_int_t ngx_http_cookie_consent_add_variables(ngx_conf_t *cf);
static ngx_int_t ngx_http_cookie_consent_variable(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, uintptr_t data);
static ngx_int_t ngx_http_cookie_consent_category_variable(
    ngx_http_request_t *r, ngx_http_variable_value_t *v, uintptr_t data);

static void *ngx_http_cookie_consent_create_main_conf(ngx_conf_t *cf);
static void *ngx_http_cookie_consent_create_loc_conf(ngx_conf_t *cf);
static char *ngx_http_cookie_consent_merge_loc_conf(ngx_conf_t *cf,
    void *parent, void *child);
static ngx_int_t ngx_http_cookie_consent_init(ngx_conf_t *cf);

static char *ngx_http_cookie_consent_mode(ngx_conf_t *cf,
    ngx_command_t *cmd, void *conf);
static char *ngx_http_cookie_consent_category_decl(ngx_conf_t *cf,
    ngx_command_t *cmd, void *conf);
static char *ngx_http_cookie_consent_revision(ngx_conf_t *cf,
    ngx_command_t *cmd, void *conf);
static char *ngx_http_cookie_consent_unknown(ngx_conf_t *cf,
    ngx_command_t *cmd, void *conf);
static char *ngx_http_cookie_consent_cookie(ngx_conf_t *cf,
    ngx_command_t *cmd, void *conf);
static void ngx_http_cookie_consent_key_cleanup(void *data);
static char *ngx_http_cookie_consent_secret(ngx_conf_t *cf,
    ngx_command_t *cmd, void *conf);
static char *ngx_http_cookie_consent_domains(ngx_conf_t *cf,
    ngx_command_t *cmd, void *conf);
static char *ngx_http_cookie_consent_require(ngx_conf_t *cf,
    ngx_command_t *cmd, void *conf);


#define NGX_HTTP_COOKIE_CONSENT_SAMESITE_LAX     1
#define NGX_HTTP_COOKIE_CONSENT_SAMESITE_STRICT  2
#define NGX_HTTP_COOKIE_CONSENT_SAMESITE_NONE    3

/* 13 months of 30 days, nginx's "13M" */
#define NGX_HTTP_COOKIE_CONSENT_MAX_AGE_CAP      (13 * 30 * 86400)


static ngx_command_t  ngx_http_cookie_consent_commands[] = {

    { ngx_string("cookie_consent"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_TAKE1,
      ngx_http_cookie_consent_mode,
      NGX_HTTP_LOC_CONF_OFFSET,
      0,
      NULL },

    { ngx_string("cookie_consent_category"),
      NGX_HTTP_MAIN_CONF|NGX_CONF_1MORE,
      ngx_http_cookie_consent_category_decl,
      NGX_HTTP_MAIN_CONF_OFFSET,
      0,
      NULL },

    { ngx_string("cookie_consent_catalog"),
      NGX_HTTP_MAIN_CONF|NGX_CONF_TAKE1,
      ngx_http_cookie_consent_catalog,
      NGX_HTTP_MAIN_CONF_OFFSET,
      0,
      NULL },

    { ngx_string("cookie_consent_cookies"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_2MORE,
      ngx_http_cookie_consent_cookies,
      NGX_HTTP_LOC_CONF_OFFSET,
      0,
      NULL },

    { ngx_string("cookie_consent_trackers"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_2MORE,
      ngx_http_cookie_consent_trackers_directive,
      NGX_HTTP_LOC_CONF_OFFSET,
      0,
      NULL },

    { ngx_string("cookie_consent_unknown"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_TAKE1,
      ngx_http_cookie_consent_unknown,
      NGX_HTTP_LOC_CONF_OFFSET,
      0,
      NULL },

    { ngx_string("cookie_consent_cookie"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_CONF_1MORE,
      ngx_http_cookie_consent_cookie,
      NGX_HTTP_LOC_CONF_OFFSET,
      0,
      NULL },

    { ngx_string("cookie_consent_secret"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_CONF_1MORE,
      ngx_http_cookie_consent_secret,
      NGX_HTTP_LOC_CONF_OFFSET,
      0,
      NULL },

    { ngx_string("cookie_consent_revision"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_TAKE1,
      ngx_http_cookie_consent_revision,
      NGX_HTTP_LOC_CONF_OFFSET,
      0,
      NULL },

    { ngx_string("cookie_consent_gpc"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_FLAG,
      ngx_conf_set_flag_slot,
      NGX_HTTP_LOC_CONF_OFFSET,
      offsetof(ngx_http_cookie_consent_loc_conf_t, gpc),
      NULL },

    { ngx_string("cookie_consent_bridge"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_1MORE,
      ngx_http_cookie_consent_bridge,
      NGX_HTTP_LOC_CONF_OFFSET,
      0,
      NULL },

    { ngx_string("cookie_consent_request_cookies"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_FLAG,
      ngx_conf_set_flag_slot,
      NGX_HTTP_LOC_CONF_OFFSET,
      offsetof(ngx_http_cookie_consent_loc_conf_t, request_cookies),
      NULL },

    { ngx_string("cookie_consent_expire"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_FLAG,
      ngx_conf_set_flag_slot,
      NGX_HTTP_LOC_CONF_OFFSET,
      offsetof(ngx_http_cookie_consent_loc_conf_t, expire),
      NULL },

    { ngx_string("cookie_consent_expire_domains"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_1MORE,
      ngx_http_cookie_consent_domains,
      NGX_HTTP_LOC_CONF_OFFSET,
      0,
      NULL },

    { ngx_string("cookie_consent_require"),
      NGX_HTTP_LOC_CONF|NGX_CONF_1MORE,
      ngx_http_cookie_consent_require,
      NGX_HTTP_LOC_CONF_OFFSET,
      0,
      NULL },

    { ngx_string("cookie_consent_html"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_FLAG,
      ngx_conf_set_flag_slot,
      NGX_HTTP_LOC_CONF_OFFSET,
      offsetof(ngx_http_cookie_consent_loc_conf_t, html),
      NULL },

    { ngx_string("cookie_consent_types"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_1MORE,
      ngx_http_types_slot,
      NGX_HTTP_LOC_CONF_OFFSET,
      offsetof(ngx_http_cookie_consent_loc_conf_t, types_keys),
      &ngx_http_html_default_types[0] },

    { ngx_string("cookie_consent_banner"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_TAKE1,
      ngx_http_cookie_consent_banner_directive,
      NGX_HTTP_LOC_CONF_OFFSET,
      0,
      NULL },

    { ngx_string("cookie_consent_gcm"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_FLAG,
      ngx_conf_set_flag_slot,
      NGX_HTTP_LOC_CONF_OFFSET,
      offsetof(ngx_http_cookie_consent_loc_conf_t, gcm),
      NULL },

    { ngx_string("cookie_consent_policy_url"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_TAKE1,
      ngx_conf_set_str_slot,
      NGX_HTTP_LOC_CONF_OFFSET,
      offsetof(ngx_http_cookie_consent_loc_conf_t, policy_url),
      NULL },

    { ngx_string("cookie_consent_language"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_TAKE1,
      ngx_http_cookie_consent_language_directive,
      NGX_HTTP_LOC_CONF_OFFSET,
      0,
      NULL },

    { ngx_string("cookie_consent_endpoint"),
      NGX_HTTP_LOC_CONF|NGX_CONF_NOARGS,
      ngx_http_cookie_consent_endpoint,
      NGX_HTTP_LOC_CONF_OFFSET,
      0,
      NULL },

      ngx_null_command
};


static ngx_http_module_t  ngx_http_cookie_consent_module_ctx = {
    ngx_http_cookie_consent_add_variables,  /* preconfiguration */
    ngx_http_cookie_consent_init,           /* postconfiguration */

    ngx_http_cookie_consent_create_main_conf, /* create main configuration */
    NULL,                                   /* init main configuration */

    NULL,                                   /* create server configuration */
    NULL,                                   /* merge server configuration */

    ngx_http_cookie_consent_create_loc_conf, /* create location configuration */
    ngx_http_cookie_consent_merge_loc_conf  /* merge location configuration */
};


ngx_module_t  ngx_http_cookie_consent_module = {
    NGX_MODULE_V1,
    &ngx_http_cookie_consent_module_ctx,    /* module context */
    ngx_http_cookie_consent_commands,       /* module directives */
    NGX_HTTP_MODULE,                        /* module type */
    NULL,                                   /* init master */
    NULL,                                   /* init module */
    NULL,                                   /* init process */
    NULL,                                   /* init thread */
    NULL,                                   /* exit thread */
    NULL,                                   /* exit process */
    NULL,                                   /* exit master */
    NGX_MODULE_V1_PADDING
};


static ngx_http_output_header_filter_pt  ngx_http_next_header_filter;


static char *ngx_http_cookie_consent_default_categories[] = {
    "necessary", "preferences", "analytics", "marketing", NULL
};


/* names a category may not take: they are variables of their own */

static char *ngx_http_cookie_consent_reserved[] = {
    "categories", "decided", "state", "id", "revision", "source", "action",
    "stripped", "cookie", NULL
};


#define NGX_HTTP_COOKIE_CONSENT_VAR_CATEGORIES  0
#define NGX_HTTP_COOKIE_CONSENT_VAR_DECIDED     1
#define NGX_HTTP_COOKIE_CONSENT_VAR_STATE       2
#define NGX_HTTP_COOKIE_CONSENT_VAR_ID          3
#define NGX_HTTP_COOKIE_CONSENT_VAR_REVISION    4
#define NGX_HTTP_COOKIE_CONSENT_VAR_SOURCE      5
#define NGX_HTTP_COOKIE_CONSENT_VAR_ACTION      6
#define NGX_HTTP_COOKIE_CONSENT_VAR_STRIPPED    7
#define NGX_HTTP_COOKIE_CONSENT_VAR_COOKIE      8


static ngx_http_variable_t  ngx_http_cookie_consent_vars[] = {

    { ngx_string("consent_categories"), NULL,
      ngx_http_cookie_consent_variable,
      NGX_HTTP_COOKIE_CONSENT_VAR_CATEGORIES, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("consent_decided"), NULL,
      ngx_http_cookie_consent_variable,
      NGX_HTTP_COOKIE_CONSENT_VAR_DECIDED, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("consent_state"), NULL,
      ngx_http_cookie_consent_variable,
      NGX_HTTP_COOKIE_CONSENT_VAR_STATE, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("consent_id"), NULL,
      ngx_http_cookie_consent_variable,
      NGX_HTTP_COOKIE_CONSENT_VAR_ID, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("consent_revision"), NULL,
      ngx_http_cookie_consent_variable,
      NGX_HTTP_COOKIE_CONSENT_VAR_REVISION, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("consent_source"), NULL,
      ngx_http_cookie_consent_variable,
      NGX_HTTP_COOKIE_CONSENT_VAR_SOURCE, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("consent_action"), NULL,
      ngx_http_cookie_consent_variable,
      NGX_HTTP_COOKIE_CONSENT_VAR_ACTION, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("consent_stripped"), NULL,
      ngx_http_cookie_consent_variable,
      NGX_HTTP_COOKIE_CONSENT_VAR_STRIPPED, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("consent_cookie"), NULL,
      ngx_http_cookie_consent_variable,
      NGX_HTTP_COOKIE_CONSENT_VAR_COOKIE, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("consent_"), NULL,
      ngx_http_cookie_consent_category_variable,
      0, NGX_HTTP_VAR_PREFIX|NGX_HTTP_VAR_NOCACHEABLE, 0 },

      ngx_http_null_variable
};


/* consent state */

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


/*
 * The i-th Cookie header value as the browser sent it: request cookie
 * filtering replaces the headers' values and keeps the originals
 */

static ngx_str_t *
ngx_http_cookie_consent_sent(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx, ngx_uint_t i)
{
    ngx_table_elt_t                **h;
    ngx_http_cookie_consent_orig_t  *orig;

    if (ctx->orig) {
        orig = ctx->orig->elts;
        return &orig[i].value;
    }

    h = r->headers_in.cookies.elts;

    return &h[i]->value;
}


static void
ngx_http_cookie_consent_cleanup(void *data)
{
    /* nothing to free: the handler marks the context in the cleanups */
}


ngx_int_t
ngx_http_cookie_consent_category(void *data, const u_char *name, size_t len)
{
    ngx_uint_t                            i;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    mcf = data;

    for (i = 0; i < mcf->ncategories; i++) {
        if (mcf->names[i].len == len
            && ngx_strncmp(mcf->names[i].data, name, len) == 0)
        {
            return i;
        }
    }

    return -1;
}


int
ngx_http_cookie_consent_category_cb(void *data, const u_char *name,
    size_t len)
{
    return (int) ngx_http_cookie_consent_category(data, name, len);
}


static ngx_int_t
ngx_http_cookie_consent_compute(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx,
    ngx_http_cookie_consent_loc_conf_t *lcf)
{
    int                                   rc;
    time_t                                now;
    ngx_str_t                             mode, *value;
    ngx_uint_t                            i, n;
    cc_token_t                            token;
    ngx_array_t                           values;
    const u_char                         *pos, *end;
    cc_cookie_pair_t                      pair;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    mcf = ngx_http_get_module_main_conf(r, ngx_http_cookie_consent_module);

    ctx->conf = lcf;
    ctx->granted = 1;
    ctx->decided = 0;
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

    now = ngx_time();

    n = r->headers_in.cookies.nelts;

    for (i = 0; i < n && !ctx->decided; i++) {
        value = ngx_http_cookie_consent_sent(r, ctx, i);

        pos = value->data;
        end = value->data + value->len;

        while (cc_cookie_next(&pos, end, &pair)) {

            if (pair.name_len != lcf->cookie_name.len
                || ngx_strncmp(pair.name, lcf->cookie_name.data,
                               pair.name_len) != 0)
            {
                continue;
            }

            rc = cc_token_parse(pair.value, pair.value_len, &token,
                                lcf->keys ? lcf->keys->elts : NULL,
                                lcf->keys ? lcf->keys->nelts : 0,
                                ngx_http_cookie_consent_category_cb, mcf);

            if (rc != CC_TOKEN_OK) {
                ngx_log_debug1(NGX_LOG_DEBUG_HTTP, r->connection->log, 0,
                               "cookie consent: %s token",
                               rc == CC_TOKEN_BAD_SIG ? "badly signed"
                                                      : "invalid");
                continue;
            }

            if (token.revision != (uint64_t) lcf->revision
                || token.issued > now + NGX_HTTP_COOKIE_CONSENT_SKEW
                || now - token.issued >= lcf->cookie_max_age)
            {
                ngx_log_debug2(NGX_LOG_DEBUG_HTTP, r->connection->log, 0,
                               "cookie consent: token of revision %uL "
                               "issued at %L no longer valid",
                               token.revision, token.issued);
                continue;
            }

            ctx->token = token;
            ctx->granted = (token.granted & mcf->all) | 1;
            ctx->decided = 1;
            ctx->source = NGX_HTTP_COOKIE_CONSENT_SRC_COOKIE;
            break;
        }
    }

    /* no valid consent of ours: another consent manager's, if any */

    if (!ctx->decided && lcf->bridges) {
        if (ngx_array_init(&values, r->pool, ngx_max(n, 1), sizeof(ngx_str_t))
            != NGX_OK)
        {
            return NGX_ERROR;
        }

        for (i = 0; i < n; i++) {
            value = ngx_array_push(&values);
            if (value == NULL) {
                return NGX_ERROR;
            }

            *value = *ngx_http_cookie_consent_sent(r, ctx, i);
        }

        (void) ngx_http_cookie_consent_bridges(r, ctx, lcf, &values);
    }

    if (!ctx->decided && lcf->gpc && ngx_http_cookie_consent_gpc_header(r)) {
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
    ngx_uint_t        i;
    ngx_list_part_t  *part;
    ngx_table_elt_t  *header;

    part = &r->headers_in.headers.part;
    header = part->elts;

    for (i = 0; /* void */; i++) {

        if (i >= part->nelts) {
            if (part->next == NULL) {
                break;
            }

            part = part->next;
            header = part->elts;
            i = 0;
        }

        if (header[i].key.len == sizeof("Sec-GPC") - 1
            && ngx_strncasecmp(header[i].key.data, (u_char *) "Sec-GPC",
                               sizeof("Sec-GPC") - 1) == 0
            && header[i].value.len == 1 && header[i].value.data[0] == '1')
        {
            return 1;
        }
    }

    return 0;
}


/* the first request header of that name */

ngx_table_elt_t *
ngx_http_cookie_consent_request_header(ngx_http_request_t *r, char *name,
    size_t len)
{
    return ngx_http_cookie_consent_header(&r->headers_in.headers, name, len);
}


/* the first response header of that name */

ngx_table_elt_t *
ngx_http_cookie_consent_response_header(ngx_http_request_t *r, char *name,
    size_t len)
{
    return ngx_http_cookie_consent_header(&r->headers_out.headers, name, len);
}


/* the first header of that name in a list; removed ones (hash 0) skipped */

static ngx_table_elt_t *
ngx_http_cookie_consent_header(ngx_list_t *headers, char *name, size_t len)
{
    ngx_uint_t        i;
    ngx_list_part_t  *part;
    ngx_table_elt_t  *header;

    part = &headers->part;
    header = part->elts;

    for (i = 0; /* void */; i++) {

        if (i >= part->nelts) {
            if (part->next == NULL) {
                return NULL;
            }

            part = part->next;
            header = part->elts;
            i = 0;
        }

        if (header[i].hash != 0
            && header[i].key.len == len
            && ngx_strncasecmp(header[i].key.data, (u_char *) name, len) == 0)
        {
            return &header[i];
        }
    }
}


/* the preaccess phase: request cookies and the beacon gate */

static ngx_int_t
ngx_http_cookie_consent_handler(ngx_http_request_t *r)
{
    ngx_http_cookie_consent_ctx_t       *ctx;
    ngx_http_cookie_consent_loc_conf_t  *lcf;

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
        && lcf->unknown != NGX_HTTP_COOKIE_CONSENT_DENY)
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
 * The value without the pairs of non-granted cookies; the value itself,
 * not a copy, when nothing goes.
 */

static ngx_int_t
ngx_http_cookie_consent_filter_value(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx,
    ngx_http_cookie_consent_loc_conf_t *lcf, ngx_str_t *value,
    ngx_str_t *out)
{
    u_char            *p;
    size_t             size;
    ngx_int_t          cat;
    ngx_uint_t         found;
    const u_char      *pos, *end;
    cc_cookie_pair_t   pair;

    *out = *value;

    end = value->data + value->len;
    found = 0;
    size = 0;

    /* the first pass sizes the result */

    pos = value->data;

    while (cc_cookie_next(&pos, end, &pair)) {
        cat = ngx_http_cookie_consent_classify(r, lcf, (u_char *) pair.name,
                                               pair.name_len);

        if (ngx_http_cookie_consent_granted(ctx, cat)) {
            size += pair.len + 2;

        } else {
            found = 1;
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

    while (cc_cookie_next(&pos, end, &pair)) {
        cat = ngx_http_cookie_consent_classify(r, lcf, (u_char *) pair.name,
                                               pair.name_len);

        if (!ngx_http_cookie_consent_granted(ctx, cat)) {
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
                      "(category not granted)", lcf->require_status, &r->uri);
        return NGX_DECLINED;
    }

    ngx_log_debug1(NGX_LOG_DEBUG_HTTP, r->connection->log, 0,
                   "cookie consent: gated with %ui", lcf->require_status);

    ctx->gated = 1;

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


/* the header filter: Set-Cookie headers of non-granted categories */

static ngx_int_t
ngx_http_cookie_consent_header_filter(ngx_http_request_t *r)
{
    size_t                               len;
    ngx_int_t                            cat;
    ngx_str_t                           *name, names;
    ngx_uint_t                           i;
    ngx_list_part_t                     *part;
    ngx_table_elt_t                     *header;
    ngx_uint_t                           all;
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

    /* everything granted, nothing denied: no Set-Cookie to look at */

    mcf = ngx_http_get_module_main_conf(r, ngx_http_cookie_consent_module);

    all = (!ctx->gated && (ctx->granted & mcf->all) == mcf->all
           && lcf->unknown != NGX_HTTP_COOKIE_CONSENT_DENY);

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

        if (!ctx->gated) {

            if (cc_set_cookie_is_deletion(header[i].value.data,
                                          header[i].value.len))
            {
                continue;
            }

            cat = ngx_http_cookie_consent_classify(r, lcf, (u_char *) n, len);

            if (ngx_http_cookie_consent_granted(ctx, cat)) {
                continue;
            }
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


ngx_int_t
ngx_http_cookie_consent_set_cookie(ngx_http_request_t *r, ngx_str_t *value)
{
    static ngx_str_t  name = ngx_string("Set-Cookie");

    return ngx_http_cookie_consent_add_header(r, &name, value);
}


/* one response header; key and value must live as long as the request */

ngx_int_t
ngx_http_cookie_consent_add_header(ngx_http_request_t *r, ngx_str_t *key,
    ngx_str_t *value)
{
    ngx_table_elt_t  *h;

    h = ngx_list_push(&r->headers_out.headers);
    if (h == NULL) {
        return NGX_ERROR;
    }

    h->hash = 1;
    h->key = *key;
    h->value = *value;
#if (nginx_version >= 1023000)
    h->next = NULL;
#endif

    return NGX_OK;
}


/*
 * Expires the non-granted cookies the browser sent: host-only and once
 * per configured domain, path "/", at most EXPIRE_MAX headers.
 */

ngx_int_t
ngx_http_cookie_consent_expire_cookies(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx,
    ngx_http_cookie_consent_loc_conf_t *lcf)
{
    u_char                          *p;
    size_t                           len;
    ngx_int_t                        cat;
    ngx_str_t                       *value, *domains, done[16], v;
    ngx_uint_t                       i, j, k, n, ndone, count, ndomains;
    ngx_uint_t                       secure;
    const u_char                    *pos, *end;
    cc_cookie_pair_t                 pair;

    ctx->expired = 1;

    n = r->headers_in.cookies.nelts;

    domains = lcf->expire_domains ? lcf->expire_domains->elts : NULL;
    ndomains = lcf->expire_domains ? lcf->expire_domains->nelts : 0;

    count = 0;
    ndone = 0;

    for (i = 0; i < n; i++) {
        value = ngx_http_cookie_consent_sent(r, ctx, i);

        pos = value->data;
        end = value->data + value->len;

        while (cc_cookie_next(&pos, end, &pair)) {

            if (!cc_cookie_name_valid(pair.name, pair.name_len)) {
                continue;
            }

            cat = ngx_http_cookie_consent_classify(r, lcf,
                                                   (u_char *) pair.name,
                                                   pair.name_len);

            if (ngx_http_cookie_consent_granted(ctx, cat)) {
                continue;
            }

            for (k = 0; k < ndone; k++) {
                if (done[k].len == pair.name_len
                    && ngx_strncmp(done[k].data, pair.name, pair.name_len)
                       == 0)
                {
                    break;
                }
            }

            if (k < ndone) {
                continue;
            }

            if (ndone < 16) {
                done[ndone].data = (u_char *) pair.name;
                done[ndone].len = pair.name_len;
                ndone++;
            }

            secure = (pair.name_len > 7
                      && (ngx_strncmp(pair.name, "__Host-", 7) == 0
                          || ngx_strncmp(pair.name, "__Secure-", 9) == 0));

            for (j = 0; j <= ndomains; j++) {

                if (j && pair.name[2] == 'H' && secure) {
                    break;      /* __Host- cookies have no Domain */
                }

                if (count == NGX_HTTP_COOKIE_CONSENT_EXPIRE_MAX) {
                    ngx_log_error(NGX_LOG_INFO, r->connection->log, 0,
                                  "cookie consent: more than %d cookies to "
                                  "expire, the rest on later responses",
                                  NGX_HTTP_COOKIE_CONSENT_EXPIRE_MAX);
                    return NGX_OK;
                }

                len = pair.name_len
                      + sizeof("=; Max-Age=0; Expires=Thu, 01 Jan 1970 "
                               "00:00:00 GMT; Path=/") - 1
                      + (j ? sizeof("; Domain=") - 1 + domains[j - 1].len
                           : 0)
                      + (secure ? sizeof("; Secure") - 1 : 0);

                p = ngx_pnalloc(r->pool, len);
                if (p == NULL) {
                    return NGX_ERROR;
                }

                v.data = p;

                p = ngx_cpymem(p, pair.name, pair.name_len);
                p = ngx_cpymem(p, "=; Max-Age=0; Expires=Thu, 01 Jan 1970 "
                               "00:00:00 GMT; Path=/",
                               sizeof("=; Max-Age=0; Expires=Thu, 01 Jan "
                                      "1970 00:00:00 GMT; Path=/") - 1);

                if (j) {
                    p = ngx_cpymem(p, "; Domain=", sizeof("; Domain=") - 1);
                    p = ngx_cpymem(p, domains[j - 1].data,
                                   domains[j - 1].len);
                }

                if (secure) {
                    p = ngx_cpymem(p, "; Secure", sizeof("; Secure") - 1);
                }

                v.len = p - v.data;

                if (ngx_http_cookie_consent_set_cookie(r, &v) != NGX_OK) {
                    return NGX_ERROR;
                }

                count++;
            }
        }
    }

    return NGX_OK;
}


/* joins an array of ngx_str_t with a separator */

static ngx_int_t
ngx_http_cookie_consent_join(ngx_http_request_t *r, ngx_array_t *a,
    char *sep, ngx_str_t *out)
{
    u_char      *p;
    size_t       len, slen;
    ngx_str_t   *s;
    ngx_uint_t   i;

    s = a->elts;
    slen = ngx_strlen(sep);
    len = 0;

    for (i = 0; i < a->nelts; i++) {
        len += s[i].len + slen;
    }

    out->len = 0;
    out->data = ngx_pnalloc(r->pool, len ? len : 1);
    if (out->data == NULL) {
        return NGX_ERROR;
    }

    p = out->data;

    for (i = 0; i < a->nelts; i++) {
        if (i) {
            p = ngx_cpymem(p, sep, slen);
        }

        p = ngx_cpymem(p, s[i].data, s[i].len);
    }

    out->len = p - out->data;

    return NGX_OK;
}


/* variables */

static ngx_int_t
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


static ngx_int_t
ngx_http_cookie_consent_variable(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, uintptr_t data)
{
    u_char                               *p;
    ngx_str_t                             s, *value;
    ngx_uint_t                            i, n;
    ngx_array_t                           a;
    ngx_http_cookie_consent_ctx_t        *ctx;
    ngx_http_cookie_consent_loc_conf_t   *lcf;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    ctx = ngx_http_cookie_consent_get_ctx(r);
    if (ctx == NULL) {
        return NGX_ERROR;
    }

    mcf = ngx_http_get_module_main_conf(r, ngx_http_cookie_consent_module);
    lcf = ctx->conf;

    /*
     * an empty value points to "", not NULL: nginx copies values with
     * memcpy() (access_log, return, add_header), and memcpy() from NULL is
     * undefined even for 0 bytes (UBSan, make test-asan)
     */

    ngx_str_set(&s, "");

    switch (data) {

    case NGX_HTTP_COOKIE_CONSENT_VAR_CATEGORIES:
        if (ngx_array_init(&a, r->pool, mcf->ncategories, sizeof(ngx_str_t))
            != NGX_OK)
        {
            return NGX_ERROR;
        }

        for (i = 0; i < mcf->ncategories; i++) {
            if (ngx_http_cookie_consent_granted(ctx, i)) {
                value = ngx_array_push(&a);
                if (value == NULL) {
                    return NGX_ERROR;
                }

                *value = mcf->names[i];
            }
        }

        if (ngx_http_cookie_consent_join(r, &a, ",", &s) != NGX_OK) {
            return NGX_ERROR;
        }

        break;

    case NGX_HTTP_COOKIE_CONSENT_VAR_DECIDED:
        s.len = 1;
        s.data = (u_char *) (ctx->decided ? "1" : "0");
        break;

    case NGX_HTTP_COOKIE_CONSENT_VAR_STATE:
        if (ctx->mode == NGX_HTTP_COOKIE_CONSENT_OFF) {
            ngx_str_set(&s, "off");
            break;
        }

        p = ngx_pnalloc(r->pool, sizeof("u-r") - 1 + 8);
        if (p == NULL) {
            return NGX_ERROR;
        }

        s.data = p;
        p = ngx_sprintf(p, "%c%xD%s", ctx->decided ? 'd' : 'u', ctx->granted,
                        ctx->mode == NGX_HTTP_COOKIE_CONSENT_REPORT
                        ? "-r" : "");
        s.len = p - s.data;
        break;

    case NGX_HTTP_COOKIE_CONSENT_VAR_ID:
        if (!ctx->decided || ctx->source != NGX_HTTP_COOKIE_CONSENT_SRC_COOKIE)
        {
            break;
        }

        s.data = ngx_pnalloc(r->pool, 2 * CC_TOKEN_ID_LEN);
        if (s.data == NULL) {
            return NGX_ERROR;
        }

        cc_hex(s.data, ctx->token.id, CC_TOKEN_ID_LEN);
        s.len = 2 * CC_TOKEN_ID_LEN;
        break;

    case NGX_HTTP_COOKIE_CONSENT_VAR_REVISION:
        if (!ctx->decided || ctx->source != NGX_HTTP_COOKIE_CONSENT_SRC_COOKIE)
        {
            break;
        }

        s.data = ngx_pnalloc(r->pool, NGX_INT64_LEN);
        if (s.data == NULL) {
            return NGX_ERROR;
        }

        s.len = ngx_sprintf(s.data, "%uL", ctx->token.revision) - s.data;
        break;

    case NGX_HTTP_COOKIE_CONSENT_VAR_SOURCE:
        ngx_http_cookie_consent_source_name(ctx->source, &s);
        break;

    case NGX_HTTP_COOKIE_CONSENT_VAR_ACTION:
        s.data = (u_char *) cc_action_name(ctx->action);
        s.len = ngx_strlen(s.data);
        break;

    case NGX_HTTP_COOKIE_CONSENT_VAR_STRIPPED:
        if (ctx->stripped
            && ngx_http_cookie_consent_join(r, ctx->stripped, ",", &s)
               != NGX_OK)
        {
            return NGX_ERROR;
        }

        break;

    default: /* NGX_HTTP_COOKIE_CONSENT_VAR_COOKIE */

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

            if (ngx_http_cookie_consent_filter_value(r, ctx, lcf,
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
            break;
        }

        if (ngx_http_cookie_consent_join(r, &a, "; ", &s) != NGX_OK) {
            return NGX_ERROR;
        }

        break;
    }

    v->len = s.len;
    v->valid = 1;
    v->no_cacheable = 1;
    v->not_found = 0;
    v->data = s.data;

    return NGX_OK;
}


/* $consent_<category>: 1 or 0 */

static ngx_int_t
ngx_http_cookie_consent_category_variable(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, uintptr_t data)
{
    ngx_int_t                             cat;
    ngx_str_t                            *name;
    ngx_http_cookie_consent_ctx_t        *ctx;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    name = (ngx_str_t *) data;

    mcf = ngx_http_get_module_main_conf(r, ngx_http_cookie_consent_module);

    cat = ngx_http_cookie_consent_category(mcf,
                                 name->data + sizeof("consent_") - 1,
                                 name->len - (sizeof("consent_") - 1));
    if (cat < 0) {
        v->not_found = 1;
        return NGX_OK;
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


/* configuration */

static void *
ngx_http_cookie_consent_create_main_conf(ngx_conf_t *cf)
{
    ngx_uint_t                            i;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    mcf = ngx_pcalloc(cf->pool, sizeof(ngx_http_cookie_consent_main_conf_t));
    if (mcf == NULL) {
        return NULL;
    }

    for (i = 0; ngx_http_cookie_consent_default_categories[i]; i++) {
        mcf->cnames[i] = ngx_http_cookie_consent_default_categories[i];
        mcf->names[i].data = (u_char *) mcf->cnames[i];
        mcf->names[i].len = ngx_strlen(mcf->cnames[i]);
        mcf->all |= (uint32_t) 1 << i;
    }

    mcf->ncategories = i;

    return mcf;
}


static void *
ngx_http_cookie_consent_create_loc_conf(ngx_conf_t *cf)
{
    ngx_http_cookie_consent_loc_conf_t  *conf;

    conf = ngx_pcalloc(cf->pool, sizeof(ngx_http_cookie_consent_loc_conf_t));
    if (conf == NULL) {
        return NULL;
    }

    /*
     * set by ngx_pcalloc():
     *
     *     conf->mode_value = NULL;
     *     conf->rules = NULL;
     *     conf->all_rules = NULL;
     *     conf->classifier = NULL;
     *     conf->cookie_name = { 0, NULL };
     *     conf->cookie_domain = { 0, NULL };
     *     conf->cookie_path = { 0, NULL };
     *     conf->cookie_samesite = 0;
     *     conf->require = 0;
     *     conf->require_status = 0;
     */

    conf->mode = NGX_CONF_UNSET_UINT;
    conf->unknown = NGX_CONF_UNSET;
    conf->cookie_max_age = NGX_CONF_UNSET;
    conf->cookie_secure = NGX_CONF_UNSET;
    conf->revision = NGX_CONF_UNSET;
    conf->gpc = NGX_CONF_UNSET;
    conf->request_cookies = NGX_CONF_UNSET;
    conf->expire = NGX_CONF_UNSET;
    conf->endpoint = NGX_CONF_UNSET;
    conf->keys = NGX_CONF_UNSET_PTR;
    conf->expire_domains = NGX_CONF_UNSET_PTR;
    conf->html = NGX_CONF_UNSET;
    conf->banner = NGX_CONF_UNSET;
    conf->language = NGX_CONF_UNSET;
    conf->gcm = NGX_CONF_UNSET;

    return conf;
}


static char *
ngx_http_cookie_consent_merge_loc_conf(ngx_conf_t *cf, void *parent,
    void *child)
{
    ngx_http_cookie_consent_loc_conf_t *prev = parent;
    ngx_http_cookie_consent_loc_conf_t *conf = child;

    if (conf->mode == NGX_CONF_UNSET_UINT && conf->mode_value == NULL) {
        conf->mode = prev->mode;
        conf->mode_value = prev->mode_value;
    }

    ngx_conf_merge_uint_value(conf->mode, prev->mode,
                              NGX_HTTP_COOKIE_CONSENT_OFF);

    ngx_conf_merge_value(conf->unknown, prev->unknown, 0);

    /* cookie_consent_cookie: inherited as a whole, or defined as a whole */

    if (conf->cookie_name.data == NULL) {
        conf->cookie_name = prev->cookie_name;
        conf->cookie_domain = prev->cookie_domain;
        conf->cookie_path = prev->cookie_path;
        conf->cookie_max_age = prev->cookie_max_age;
        conf->cookie_samesite = prev->cookie_samesite;
        conf->cookie_secure = prev->cookie_secure;
    }

    if (conf->cookie_name.data == NULL) {
        ngx_str_set(&conf->cookie_name, "consent");
    }

    if (conf->cookie_path.data == NULL) {
        ngx_str_set(&conf->cookie_path, "/");
    }

    if (conf->cookie_max_age == NGX_CONF_UNSET) {
        conf->cookie_max_age = 180 * 86400;
    }

    if (conf->cookie_samesite == 0) {
        conf->cookie_samesite = NGX_HTTP_COOKIE_CONSENT_SAMESITE_LAX;
    }

    if (conf->cookie_secure == NGX_CONF_UNSET) {
        conf->cookie_secure = 0;
    }

    if (conf->bridges == NULL) {
        conf->bridges = prev->bridges;
    }

    ngx_conf_merge_ptr_value(conf->keys, prev->keys, NULL);
    ngx_conf_merge_value(conf->revision, prev->revision, 1);
    ngx_conf_merge_value(conf->gpc, prev->gpc, 1);
    ngx_conf_merge_value(conf->request_cookies, prev->request_cookies, 1);
    ngx_conf_merge_value(conf->expire, prev->expire, 0);
    ngx_conf_merge_ptr_value(conf->expire_domains, prev->expire_domains,
                             NULL);
    ngx_conf_merge_value(conf->endpoint, prev->endpoint, 0);

    ngx_conf_merge_value(conf->html, prev->html, 1);
    if (conf->banner == NGX_CONF_UNSET) {
        conf->banner_template = prev->banner_template;
    }

    ngx_conf_merge_value(conf->banner, prev->banner, 1);
    ngx_conf_merge_value(conf->gcm, prev->gcm, 0);
    ngx_conf_merge_str_value(conf->policy_url, prev->policy_url, "");
    ngx_conf_merge_value(conf->language, prev->language, CC_I18N_EN);

    if (ngx_http_merge_types(cf, &conf->types_keys, &conf->types,
                             &prev->types_keys, &prev->types,
                             ngx_http_html_default_types)
        != NGX_OK)
    {
        return NGX_CONF_ERROR;
    }

    return ngx_http_cookie_consent_merge_rules(cf, prev, conf);
}


static ngx_int_t
ngx_http_cookie_consent_init(ngx_conf_t *cf)
{
    size_t                                len;
    ngx_uint_t                            i;
    ngx_http_handler_pt                  *h;
    ngx_http_core_main_conf_t            *cmcf;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    /*
     * every category granted must fit in the consent cookie with the
     * largest revision, time and the signature
     */

    mcf = ngx_http_conf_get_module_main_conf(cf,
                                             ngx_http_cookie_consent_module);

    len = sizeof("1.2147483647.99999999999.") - 1 + 2 * CC_TOKEN_ID_LEN + 1
          + 1 + CC_TOKEN_SIG_LEN;

    for (i = 0; i < mcf->ncategories; i++) {
        len += mcf->names[i].len + 1;
    }

    if (len > CC_TOKEN_MAX_LEN) {
        ngx_log_error(NGX_LOG_EMERG, cf->log, 0,
                      "the %ui category names are too long together for "
                      "the consent cookie (%uz bytes, at most %d): use "
                      "shorter or fewer categories", mcf->ncategories, len,
                      CC_TOKEN_MAX_LEN);
        return NGX_ERROR;
    }

    /* the categories as the banner and the preferences page list them */

    mcf->banner_categories = ngx_pcalloc(cf->pool, mcf->ncategories
                                         * sizeof(cc_banner_category_t));
    if (mcf->banner_categories == NULL) {
        return NGX_ERROR;
    }

    for (i = 0; i < mcf->ncategories; i++) {
        mcf->banner_categories[i].name = mcf->names[i].data;
        mcf->banner_categories[i].name_len = mcf->names[i].len;
        mcf->banner_categories[i].required = (i == 0);
    }

    /* validators of rewritten pages never match another configuration's */

    mcf->generation = (uint32_t) ngx_random();

    cmcf = ngx_http_conf_get_module_main_conf(cf, ngx_http_core_module);

    h = ngx_array_push(&cmcf->phases[NGX_HTTP_PREACCESS_PHASE].handlers);
    if (h == NULL) {
        return NGX_ERROR;
    }

    *h = ngx_http_cookie_consent_handler;

    ngx_http_next_header_filter = ngx_http_top_header_filter;
    ngx_http_top_header_filter = ngx_http_cookie_consent_header_filter;

    return NGX_OK;
}


static char *
ngx_http_cookie_consent_mode(ngx_conf_t *cf, ngx_command_t *cmd, void *conf)
{
    ngx_http_cookie_consent_loc_conf_t *lcf = conf;

    ngx_str_t                         *value;
    ngx_http_compile_complex_value_t   ccv;

    if (lcf->mode != NGX_CONF_UNSET_UINT || lcf->mode_value != NULL) {
        return "is duplicate";
    }

    value = cf->args->elts;

    if (ngx_strcmp(value[1].data, "on") == 0) {
        lcf->mode = NGX_HTTP_COOKIE_CONSENT_ON;
        return NGX_CONF_OK;
    }

    if (ngx_strcmp(value[1].data, "off") == 0) {
        lcf->mode = NGX_HTTP_COOKIE_CONSENT_OFF;
        return NGX_CONF_OK;
    }

    if (ngx_strcmp(value[1].data, "report") == 0) {
        lcf->mode = NGX_HTTP_COOKIE_CONSENT_REPORT;
        return NGX_CONF_OK;
    }

    if (ngx_http_script_variables_count(&value[1]) == 0) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "invalid value \"%V\" in \"%V\" directive, "
                           "it must be \"on\", \"off\", \"report\" or a "
                           "variable", &value[1], &cmd->name);
        return NGX_CONF_ERROR;
    }

    lcf->mode_value = ngx_palloc(cf->pool, sizeof(ngx_http_complex_value_t));
    if (lcf->mode_value == NULL) {
        return NGX_CONF_ERROR;
    }

    ngx_memzero(&ccv, sizeof(ngx_http_compile_complex_value_t));

    ccv.cf = cf;
    ccv.value = &value[1];
    ccv.complex_value = lcf->mode_value;

    if (ngx_http_compile_complex_value(&ccv) != NGX_OK) {
        return NGX_CONF_ERROR;
    }

    return NGX_CONF_OK;
}


static char *
ngx_http_cookie_consent_category_decl(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf)
{
    ngx_http_cookie_consent_main_conf_t *mcf = conf;

    ngx_str_t   *value;
    ngx_uint_t   i, j;

    value = cf->args->elts;

    for (i = 1; i < cf->args->nelts; i++) {

        if (!cc_category_name_valid(value[i].data, value[i].len)) {
            ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                               "invalid category name \"%V\" in \"%V\" "
                               "directive, it must be 1 to 32 characters "
                               "a-z, 0-9 or _", &value[i], &cmd->name);
            return NGX_CONF_ERROR;
        }

        for (j = 0; ngx_http_cookie_consent_reserved[j]; j++) {
            if (ngx_strcmp(value[i].data,
                           ngx_http_cookie_consent_reserved[j])
                == 0)
            {
                ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                                   "category name \"%V\" in \"%V\" directive "
                                   "is reserved: $consent_%V is a variable "
                                   "of its own", &value[i], &cmd->name,
                                   &value[i]);
                return NGX_CONF_ERROR;
            }
        }

        if (ngx_http_cookie_consent_category(mcf, value[i].data,
                                             value[i].len)
            >= 0)
        {
            ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                               "category \"%V\" is already declared",
                               &value[i]);
            return NGX_CONF_ERROR;
        }

        if (mcf->ncategories == NGX_HTTP_COOKIE_CONSENT_MAX_CATS) {
            ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                               "too many categories in \"%V\" directive: "
                               "\"%V\" would be number %d, at most %d",
                               &cmd->name, &value[i],
                               NGX_HTTP_COOKIE_CONSENT_MAX_CATS + 1,
                               NGX_HTTP_COOKIE_CONSENT_MAX_CATS);
            return NGX_CONF_ERROR;
        }

        /* configuration strings are null-terminated */

        mcf->names[mcf->ncategories] = value[i];
        mcf->cnames[mcf->ncategories] = (const char *) value[i].data;
        mcf->all |= (uint32_t) 1 << mcf->ncategories;
        mcf->ncategories++;
    }

    return NGX_CONF_OK;
}


ngx_int_t
ngx_http_cookie_consent_find_category(ngx_conf_t *cf, ngx_str_t *name)
{
    ngx_int_t                             cat;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    mcf = ngx_http_conf_get_module_main_conf(cf,
                                             ngx_http_cookie_consent_module);

    cat = ngx_http_cookie_consent_category(mcf, name->data, name->len);

    if (cat < 0) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "unknown category \"%V\" in \"%V\" directive "
                           "(declare it first with "
                           "\"cookie_consent_category\")",
                           name, &((ngx_str_t *) cf->args->elts)[0]);
    }

    return cat;
}


static char *
ngx_http_cookie_consent_revision(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf)
{
    ngx_http_cookie_consent_loc_conf_t *lcf = conf;

    ngx_str_t  *value;

    if (lcf->revision != NGX_CONF_UNSET) {
        return "is duplicate";
    }

    value = cf->args->elts;

    lcf->revision = ngx_atoi(value[1].data, value[1].len);

    if (lcf->revision == NGX_ERROR || lcf->revision > NGX_MAX_INT32_VALUE) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "invalid revision \"%V\" in \"%V\" directive, "
                           "it must be a number from 0 to %d", &value[1],
                           &cmd->name, NGX_MAX_INT32_VALUE);
        return NGX_CONF_ERROR;
    }

    return NGX_CONF_OK;
}


static char *
ngx_http_cookie_consent_unknown(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf)
{
    ngx_http_cookie_consent_loc_conf_t *lcf = conf;

    ngx_str_t  *value;

    if (lcf->unknown != NGX_CONF_UNSET) {
        return "is duplicate";
    }

    value = cf->args->elts;

    if (ngx_strcmp(value[1].data, "allow") == 0) {
        lcf->unknown = 0;
        return NGX_CONF_OK;
    }

    if (ngx_strcmp(value[1].data, "deny") == 0) {
        lcf->unknown = NGX_HTTP_COOKIE_CONSENT_DENY;
        return NGX_CONF_OK;
    }

    lcf->unknown = ngx_http_cookie_consent_find_category(cf, &value[1]);

    if (lcf->unknown < 0) {
        return NGX_CONF_ERROR;
    }

    return NGX_CONF_OK;
}


static char *
ngx_http_cookie_consent_cookie(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf)
{
    ngx_http_cookie_consent_loc_conf_t *lcf = conf;

    ngx_str_t   *value, s;
    ngx_uint_t   i;

    if (lcf->cookie_name.data) {
        return "is duplicate";
    }

    value = cf->args->elts;

    if (!cc_cookie_name_valid(value[1].data, value[1].len)) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "invalid cookie name \"%V\" in \"%V\" directive",
                           &value[1], &cmd->name);
        return NGX_CONF_ERROR;
    }

    lcf->cookie_name = value[1];

    for (i = 2; i < cf->args->nelts; i++) {

        if (ngx_strncmp(value[i].data, "domain=", 7) == 0) {
            s.data = value[i].data + 7;
            s.len = value[i].len - 7;

            if (s.len == 0 || ngx_strlchr(s.data, s.data + s.len, ';')
                || ngx_strlchr(s.data, s.data + s.len, ' '))
            {
                goto invalid;
            }

            lcf->cookie_domain = s;
            continue;
        }

        if (ngx_strncmp(value[i].data, "path=", 5) == 0) {
            s.data = value[i].data + 5;
            s.len = value[i].len - 5;

            if (s.len == 0 || s.data[0] != '/'
                || ngx_strlchr(s.data, s.data + s.len, ';')
                || ngx_strlchr(s.data, s.data + s.len, ' '))
            {
                goto invalid;
            }

            lcf->cookie_path = s;
            continue;
        }

        if (ngx_strncmp(value[i].data, "max_age=", 8) == 0) {
            s.data = value[i].data + 8;
            s.len = value[i].len - 8;

            lcf->cookie_max_age = ngx_parse_time(&s, 1);

            if (lcf->cookie_max_age == (time_t) NGX_ERROR
                || lcf->cookie_max_age == 0)
            {
                goto invalid;
            }

            if (lcf->cookie_max_age > NGX_HTTP_COOKIE_CONSENT_MAX_AGE_CAP) {
                ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                                   "\"%V\" in \"%V\" directive is over "
                                   "13 months (13M), the most consent may "
                                   "be kept", &value[i], &cmd->name);
                return NGX_CONF_ERROR;
            }

            continue;
        }

        if (ngx_strcmp(value[i].data, "samesite=lax") == 0) {
            lcf->cookie_samesite = NGX_HTTP_COOKIE_CONSENT_SAMESITE_LAX;
            continue;
        }

        if (ngx_strcmp(value[i].data, "samesite=strict") == 0) {
            lcf->cookie_samesite = NGX_HTTP_COOKIE_CONSENT_SAMESITE_STRICT;
            continue;
        }

        if (ngx_strcmp(value[i].data, "samesite=none") == 0) {
            lcf->cookie_samesite = NGX_HTTP_COOKIE_CONSENT_SAMESITE_NONE;
            continue;
        }

        if (ngx_strcmp(value[i].data, "secure") == 0) {
            lcf->cookie_secure = 1;
            continue;
        }

        goto invalid;
    }

    return NGX_CONF_OK;

invalid:

    ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                       "invalid parameter \"%V\" in \"%V\" directive",
                       &value[i], &cmd->name);

    return NGX_CONF_ERROR;
}


static char *
ngx_http_cookie_consent_secret(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf)
{
    ngx_http_cookie_consent_loc_conf_t *lcf = conf;

    cc_key_t            *key;
    ngx_str_t           *value;
    ngx_uint_t           i;
    ngx_pool_cleanup_t  *cln;

    if (lcf->keys != NGX_CONF_UNSET_PTR && lcf->keys != NULL) {
        return "is duplicate";
    }

    value = cf->args->elts;

    lcf->keys = ngx_array_create(cf->pool, cf->args->nelts - 1,
                                 sizeof(cc_key_t));
    if (lcf->keys == NULL) {
        return NGX_CONF_ERROR;
    }

    for (i = 1; i < cf->args->nelts; i++) {

        if (value[i].len < 32) {
            ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                               "key %ui in \"%V\" directive is %uz bytes "
                               "long, at least 32 are needed", i,
                               &cmd->name, value[i].len);
            return NGX_CONF_ERROR;
        }

        key = ngx_array_push(lcf->keys);
        if (key == NULL) {
            return NGX_CONF_ERROR;
        }

        key->data = value[i].data;
        key->len = value[i].len;

        /* keyed once: a request's signature costs a fifth of one-shot */

        if (cc_key_prepare(key) == 0) {
            cln = ngx_pool_cleanup_add(cf->pool, 0);
            if (cln == NULL) {
                cc_key_release(key);
                return NGX_CONF_ERROR;
            }

            cln->handler = ngx_http_cookie_consent_key_cleanup;
            cln->data = key;
        }
    }

    return NGX_CONF_OK;
}


static void
ngx_http_cookie_consent_key_cleanup(void *data)
{
    cc_key_release(data);
}


static char *
ngx_http_cookie_consent_domains(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf)
{
    ngx_http_cookie_consent_loc_conf_t *lcf = conf;

    ngx_str_t   *value, *d;
    ngx_uint_t   i;

    if (lcf->expire_domains != NGX_CONF_UNSET_PTR
        && lcf->expire_domains != NULL)
    {
        return "is duplicate";
    }

    value = cf->args->elts;

    lcf->expire_domains = ngx_array_create(cf->pool, cf->args->nelts - 1,
                                           sizeof(ngx_str_t));
    if (lcf->expire_domains == NULL) {
        return NGX_CONF_ERROR;
    }

    for (i = 1; i < cf->args->nelts; i++) {

        if (value[i].len == 0 || value[i].len > 253
            || ngx_strlchr(value[i].data, value[i].data + value[i].len, ';')
            || ngx_strlchr(value[i].data, value[i].data + value[i].len, ' '))
        {
            ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                               "invalid domain \"%V\" in \"%V\" directive",
                               &value[i], &cmd->name);
            return NGX_CONF_ERROR;
        }

        d = ngx_array_push(lcf->expire_domains);
        if (d == NULL) {
            return NGX_CONF_ERROR;
        }

        *d = value[i];
    }

    return NGX_CONF_OK;
}


static char *
ngx_http_cookie_consent_require(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf)
{
    ngx_http_cookie_consent_loc_conf_t *lcf = conf;

    ngx_int_t    cat, status;
    ngx_str_t   *value, s;
    ngx_uint_t   i;

    if (lcf->require) {
        return "is duplicate";
    }

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

    if (lcf->require == 0) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "no category in \"%V\" directive", &cmd->name);
        return NGX_CONF_ERROR;
    }

    return NGX_CONF_OK;
}
