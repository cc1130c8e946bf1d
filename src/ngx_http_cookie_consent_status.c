/*
 * nginx-cookie-consent: what the module does, counted.
 *
 *   cookie_consent_zone NAME:SIZE;       (http)
 *   location = /cookie-consent-status {
 *       cookie_consent_status;
 *       allow 127.0.0.1; deny all;
 *   }
 *
 * The counters live in a shared memory zone: every worker adds to them
 * with atomic increments (never a lock), and nginx keeps the zone across
 * a reload when its name and size stay the same.  The rest of the zone is
 * the cookie inventory (src/cc_inventory.c).  The status location answers
 * JSON, the Prometheus text format (version 0.0.4: "?format=prometheus",
 * or an Accept header with text/plain), the inventory as CSV
 * ("?format=csv") or as catalog JSON for the names no rule classifies
 * ("?format=catalog").  Nothing in it identifies a visitor: counts by
 * category, action, source, state and status, and cookie names.
 */


#include "ngx_http_cookie_consent_module.h"
#include "ngx_http_cookie_consent_status.h"
#include "cc_inventory.h"
#include "cc_bridge.h"


#define NGX_HTTP_COOKIE_CONSENT_SLOTS  40


typedef struct {
    ngx_atomic_t                 counters[NGX_HTTP_COOKIE_CONSENT_C_N]
                                         [NGX_HTTP_COOKIE_CONSENT_SLOTS];
    time_t                       started;
    cc_inv_t                    *inventory;
    size_t                       inventory_size;
} ngx_http_cookie_consent_shm_t;


typedef struct {
    ngx_shm_zone_t              *zone;
} ngx_http_cookie_consent_status_main_conf_t;


typedef enum {
    NGX_HTTP_COOKIE_CONSENT_F_JSON = 0,
    NGX_HTTP_COOKIE_CONSENT_F_PROMETHEUS,
    NGX_HTTP_COOKIE_CONSENT_F_CSV,
    NGX_HTTP_COOKIE_CONSENT_F_CATALOG
} ngx_http_cookie_consent_format_e;


static void *ngx_http_cookie_consent_status_create_main_conf(ngx_conf_t *cf);
static char *ngx_http_cookie_consent_zone(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf);
static ngx_int_t ngx_http_cookie_consent_init_zone(ngx_shm_zone_t *shm_zone,
    void *data);
static ngx_http_cookie_consent_shm_t *ngx_http_cookie_consent_shm(
    ngx_http_request_t *r);
static char *ngx_http_cookie_consent_status(ngx_conf_t *cf,
    ngx_command_t *cmd, void *conf);
static ngx_int_t ngx_http_cookie_consent_status_handler(
    ngx_http_request_t *r);
static ngx_uint_t ngx_http_cookie_consent_status_format(
    ngx_http_request_t *r);
static u_char *ngx_http_cookie_consent_status_json(ngx_http_request_t *r,
    ngx_http_cookie_consent_shm_t *shm, u_char *p);
static u_char *ngx_http_cookie_consent_status_prometheus(
    ngx_http_request_t *r, ngx_http_cookie_consent_shm_t *shm, u_char *p);
static u_char *ngx_http_cookie_consent_status_inventory(
    ngx_http_request_t *r, ngx_http_cookie_consent_shm_t *shm, u_char *p,
    ngx_uint_t format);
static ngx_str_t *ngx_http_cookie_consent_status_category(
    ngx_http_request_t *r, ngx_uint_t i);


static ngx_command_t  ngx_http_cookie_consent_status_commands[] = {

    { ngx_string("cookie_consent_zone"),
      NGX_HTTP_MAIN_CONF|NGX_CONF_TAKE1,
      ngx_http_cookie_consent_zone,
      NGX_HTTP_MAIN_CONF_OFFSET,
      0,
      NULL },

    { ngx_string("cookie_consent_status"),
      NGX_HTTP_LOC_CONF|NGX_CONF_NOARGS,
      ngx_http_cookie_consent_status,
      NGX_HTTP_LOC_CONF_OFFSET,
      0,
      NULL },

      ngx_null_command
};


static ngx_http_module_t  ngx_http_cookie_consent_status_module_ctx = {
    NULL,                                  /* preconfiguration */
    NULL,                                  /* postconfiguration */

    ngx_http_cookie_consent_status_create_main_conf,
                                           /* create main configuration */
    NULL,                                  /* init main configuration */

    NULL,                                  /* create server configuration */
    NULL,                                  /* merge server configuration */

    NULL,                                  /* create location configuration */
    NULL                                   /* merge location configuration */
};


ngx_module_t  ngx_http_cookie_consent_status_module = {
    NGX_MODULE_V1,
    &ngx_http_cookie_consent_status_module_ctx, /* module context */
    ngx_http_cookie_consent_status_commands, /* module directives */
    NGX_HTTP_MODULE,                       /* module type */
    NULL,                                  /* init master */
    NULL,                                  /* init module */
    NULL,                                  /* init process */
    NULL,                                  /* init thread */
    NULL,                                  /* exit thread */
    NULL,                                  /* exit process */
    NULL,                                  /* exit master */
    NGX_MODULE_V1_PADDING
};


static char  *ngx_http_cookie_consent_states[] = {
    "undecided", "decided", "report"
};

static char  *ngx_http_cookie_consent_actions[] = {
    "none", "accept_all", "reject_all", "save", "withdraw"
};

static char  *ngx_http_cookie_consent_dsources[] = { "form", "json" };

static char  *ngx_http_cookie_consent_tokens[] = {
    "invalid", "bad_signature", "stale"
};

static char  *ngx_http_cookie_consent_refusals[] = {
    "400", "403", "405", "413", "415"
};


static void *
ngx_http_cookie_consent_status_create_main_conf(ngx_conf_t *cf)
{
    return ngx_pcalloc(cf->pool,
                       sizeof(ngx_http_cookie_consent_status_main_conf_t));
}


static char *
ngx_http_cookie_consent_zone(ngx_conf_t *cf, ngx_command_t *cmd, void *conf)
{
    ngx_http_cookie_consent_status_main_conf_t *smcf = conf;

    u_char     *p;
    ssize_t     size;
    ngx_str_t  *value, name, s;

    if (smcf->zone) {
        return "is duplicate";
    }

    value = cf->args->elts;

    p = (u_char *) ngx_strlchr(value[1].data, value[1].data + value[1].len,
                               ':');
    if (p == NULL || p == value[1].data) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "invalid zone \"%V\": NAME:SIZE", &value[1]);
        return NGX_CONF_ERROR;
    }

    name.data = value[1].data;
    name.len = p - value[1].data;

    s.data = p + 1;
    s.len = value[1].data + value[1].len - s.data;

    size = ngx_parse_size(&s);

    if (size == NGX_ERROR || size < (ssize_t) (16 * ngx_pagesize)) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "invalid zone size \"%V\": at least %uz",
                           &value[1], 16 * ngx_pagesize);
        return NGX_CONF_ERROR;
    }

    smcf->zone = ngx_shared_memory_add(cf, &name, size,
                                       &ngx_http_cookie_consent_status_module);
    if (smcf->zone == NULL) {
        return NGX_CONF_ERROR;
    }

    if (smcf->zone->data) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "zone \"%V\" is already used", &name);
        return NGX_CONF_ERROR;
    }

    smcf->zone->init = ngx_http_cookie_consent_init_zone;
    smcf->zone->data = smcf;

    return NGX_CONF_OK;
}


/* a new zone, or the one of the configuration before a reload */

static ngx_int_t
ngx_http_cookie_consent_init_zone(ngx_shm_zone_t *shm_zone, void *data)
{
    ngx_http_cookie_consent_shm_t  *oshm = data;

    size_t                          size;
    uint32_t                        n;
    ngx_slab_pool_t                *shpool;
    ngx_http_cookie_consent_shm_t  *shm;

    if (oshm) {
        shm_zone->data = oshm;
        return NGX_OK;
    }

    shpool = (ngx_slab_pool_t *) shm_zone->shm.addr;

    if (shm_zone->shm.exists) {
        shm_zone->data = shpool->data;
        return NGX_OK;
    }

    shm = ngx_slab_calloc(shpool, sizeof(ngx_http_cookie_consent_shm_t));
    if (shm == NULL) {
        return NGX_ERROR;
    }

    shm->started = ngx_time();

    /* the rest of the zone, in whole pages: the inventory */

    size = (shpool->pfree > 1 ? shpool->pfree - 1 : 0) * ngx_pagesize;
    n = cc_inv_capacity(size);

    if (n) {
        shm->inventory = ngx_slab_alloc(shpool, cc_inv_size(n));
    }

    if (shm->inventory) {
        cc_inv_init(shm->inventory, n);
        shm->inventory_size = cc_inv_size(n);
    }

    shpool->data = shm;
    shm_zone->data = shm;

    ngx_sprintf(shpool->log_ctx = ngx_slab_alloc(shpool, 64),
                " in cookie_consent_zone \"%V\"%Z", &shm_zone->shm.name);

    return NGX_OK;
}


static ngx_http_cookie_consent_shm_t *
ngx_http_cookie_consent_shm(ngx_http_request_t *r)
{
    ngx_http_cookie_consent_status_main_conf_t  *smcf;

    smcf = ngx_http_get_module_main_conf(r,
                                         ngx_http_cookie_consent_status_module);

    if (smcf == NULL || smcf->zone == NULL) {
        return NULL;
    }

    return smcf->zone->data;
}


ngx_uint_t
ngx_http_cookie_consent_counting(ngx_http_request_t *r)
{
    return ngx_http_cookie_consent_shm(r) != NULL;
}


void
ngx_http_cookie_consent_count(ngx_http_request_t *r, ngx_uint_t counter,
    ngx_uint_t index)
{
    ngx_http_cookie_consent_shm_t  *shm;

    shm = ngx_http_cookie_consent_shm(r);

    if (shm == NULL
        || counter >= NGX_HTTP_COOKIE_CONSENT_C_N
        || index >= NGX_HTTP_COOKIE_CONSENT_SLOTS)
    {
        return;
    }

    (void) ngx_atomic_fetch_add(&shm->counters[counter][index], 1);
}


void
ngx_http_cookie_consent_count_refusal(ngx_http_request_t *r,
    ngx_uint_t status)
{
    ngx_uint_t  i;

    switch (status) {
    case NGX_HTTP_BAD_REQUEST:
        i = NGX_HTTP_COOKIE_CONSENT_R_400;
        break;
    case NGX_HTTP_FORBIDDEN:
        i = NGX_HTTP_COOKIE_CONSENT_R_403;
        break;
    case NGX_HTTP_NOT_ALLOWED:
        i = NGX_HTTP_COOKIE_CONSENT_R_405;
        break;
    case NGX_HTTP_REQUEST_ENTITY_TOO_LARGE:
        i = NGX_HTTP_COOKIE_CONSENT_R_413;
        break;
    case NGX_HTTP_UNSUPPORTED_MEDIA_TYPE:
        i = NGX_HTTP_COOKIE_CONSENT_R_415;
        break;
    default:
        return;
    }

    ngx_http_cookie_consent_count(r, NGX_HTTP_COOKIE_CONSENT_C_REFUSED, i);
}


/* a decision: by action and source, and a grant per category granted */

void
ngx_http_cookie_consent_count_decision(ngx_http_request_t *r,
    ngx_uint_t action, ngx_uint_t json, uint32_t granted)
{
    ngx_uint_t                            i;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    mcf = ngx_http_get_module_main_conf(r, ngx_http_cookie_consent_module);

    ngx_http_cookie_consent_count(r, NGX_HTTP_COOKIE_CONSENT_C_DECISIONS,
                                  action * 2 + (json ? 1 : 0));

    for (i = 0; i < mcf->ncategories; i++) {
        if (granted & ((uint32_t) 1 << i)) {
            ngx_http_cookie_consent_count(r, NGX_HTTP_COOKIE_CONSENT_C_GRANTS,
                                          i);
        }
    }
}


/* one sighting for the inventory; the attributes of a Set-Cookie line */

void
ngx_http_cookie_consent_saw_cookie(ngx_http_request_t *r, u_char *name,
    size_t len, ngx_int_t category, ngx_str_t *set_cookie)
{
    u_char                         *p, *end, *a, *v;
    size_t                          alen, vlen;
    time_t                          expires;
    int64_t                         lifetime, max_age;
    unsigned                        attrs, where;
    ngx_uint_t                      has_max_age;
    ngx_http_cookie_consent_shm_t  *shm;

    shm = ngx_http_cookie_consent_shm(r);

    if (shm == NULL || shm->inventory == NULL) {
        return;
    }

    attrs = 0;
    lifetime = 0;

    if (set_cookie) {
        where = CC_INV_RESPONSE;
        lifetime = CC_INV_SESSION;
        has_max_age = 0;
        max_age = 0;
        expires = NGX_ERROR;

        p = set_cookie->data;
        end = p + set_cookie->len;

        /* the attributes after the first ';', as RFC 6265bis reads them */

        p = ngx_strlchr(p, end, ';');

        while (p && p < end) {
            p++;

            while (p < end && (*p == ' ' || *p == '\t')) {
                p++;
            }

            a = p;

            while (p < end && *p != ';' && *p != '=') {
                p++;
            }

            alen = p - a;

            while (alen && (a[alen - 1] == ' ' || a[alen - 1] == '\t')) {
                alen--;
            }

            v = p;
            vlen = 0;

            if (p < end && *p == '=') {
                v = ++p;

                while (p < end && *p != ';') {
                    p++;
                }

                vlen = p - v;

                while (vlen && (*v == ' ' || *v == '\t')) {
                    v++;
                    vlen--;
                }

                while (vlen && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t')) {
                    vlen--;
                }
            }

            if (alen == 6 && ngx_strncasecmp(a, (u_char *) "secure", 6) == 0)
            {
                attrs |= CC_INV_SECURE;

            } else if (alen == 8
                       && ngx_strncasecmp(a, (u_char *) "httponly", 8) == 0)
            {
                attrs |= CC_INV_HTTPONLY;

            } else if (alen == 8
                       && ngx_strncasecmp(a, (u_char *) "samesite", 8) == 0)
            {
                if (vlen == 6
                    && ngx_strncasecmp(v, (u_char *) "strict", 6) == 0)
                {
                    attrs |= CC_INV_SS_STRICT;

                } else if (vlen == 4
                           && ngx_strncasecmp(v, (u_char *) "none", 4) == 0)
                {
                    attrs |= CC_INV_SS_NONE;

                } else {
                    attrs |= CC_INV_SS_LAX;
                }

            } else if (alen == 7
                       && ngx_strncasecmp(a, (u_char *) "max-age", 7) == 0
                       && vlen)
            {
                /* the last one that parses counts */

                if (*v == '-' && vlen > 1
                    && ngx_atoof(v + 1, vlen - 1) != NGX_ERROR)
                {
                    has_max_age = 1;
                    max_age = 0;

                } else if (ngx_atoof(v, vlen) != NGX_ERROR) {
                    has_max_age = 1;
                    max_age = ngx_atoof(v, vlen);
                }

            } else if (alen == 7
                       && ngx_strncasecmp(a, (u_char *) "expires", 7) == 0
                       && vlen)
            {
                expires = ngx_parse_http_time(v, vlen);
            }

            p = ngx_strlchr(p, end, ';');
        }

        if (has_max_age) {
            lifetime = max_age;

        } else if (expires != NGX_ERROR) {
            lifetime = expires > ngx_time() ? expires - ngx_time() : 0;
        }

    } else {
        where = CC_INV_REQUEST;
    }

    (void) cc_inv_record(shm->inventory, name, len,
                         (int) category, where, attrs, lifetime,
                         r->uri.data, r->uri.len, ngx_time());
}


static char *
ngx_http_cookie_consent_status(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf)
{
    ngx_http_core_loc_conf_t  *clcf;

    clcf = ngx_http_conf_get_module_loc_conf(cf, ngx_http_core_module);
    clcf->handler = ngx_http_cookie_consent_status_handler;

    return NGX_CONF_OK;
}


static ngx_int_t
ngx_http_cookie_consent_status_handler(ngx_http_request_t *r)
{
    size_t                          size;
    u_char                         *p;
    ngx_int_t                       rc;
    ngx_buf_t                      *b;
    ngx_uint_t                      format;
    ngx_chain_t                     out;
    ngx_http_cookie_consent_shm_t  *shm;

    if (!(r->method & (NGX_HTTP_GET|NGX_HTTP_HEAD))) {
        return NGX_HTTP_NOT_ALLOWED;
    }

    rc = ngx_http_discard_request_body(r);

    if (rc != NGX_OK) {
        return rc;
    }

    shm = ngx_http_cookie_consent_shm(r);

    if (shm == NULL) {
        ngx_log_error(NGX_LOG_ERR, r->connection->log, 0,
                      "cookie consent: \"cookie_consent_status\" needs a "
                      "\"cookie_consent_zone\"");
        return NGX_HTTP_SERVICE_UNAVAILABLE;
    }

    format = ngx_http_cookie_consent_status_format(r);

    /* the largest answer: every counter, every entry escaped */

    size = 16384 + NGX_HTTP_COOKIE_CONSENT_C_N
                   * NGX_HTTP_COOKIE_CONSENT_SLOTS * 256;

    if (shm->inventory) {
        size += (size_t) shm->inventory->nentries
                * (6 * (CC_INV_NAME_MAX + CC_INV_PATH_MAX) + 512);
    }

    b = ngx_create_temp_buf(r->pool, size);
    if (b == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    p = b->last;

    switch (format) {

    case NGX_HTTP_COOKIE_CONSENT_F_PROMETHEUS:
        ngx_str_set(&r->headers_out.content_type,
                    "text/plain; version=0.0.4; charset=utf-8");
        p = ngx_http_cookie_consent_status_prometheus(r, shm, p);
        break;

    case NGX_HTTP_COOKIE_CONSENT_F_CSV:
        ngx_str_set(&r->headers_out.content_type, "text/csv; charset=utf-8");
        p = ngx_http_cookie_consent_status_inventory(r, shm, p, format);
        break;

    case NGX_HTTP_COOKIE_CONSENT_F_CATALOG:
        ngx_str_set(&r->headers_out.content_type, "application/json");
        p = ngx_http_cookie_consent_status_inventory(r, shm, p, format);
        break;

    default:
        ngx_str_set(&r->headers_out.content_type, "application/json");
        p = ngx_http_cookie_consent_status_json(r, shm, p);
        break;
    }

    b->last = p;
    b->last_buf = (r == r->main);
    b->last_in_chain = 1;

    r->headers_out.content_type_len = r->headers_out.content_type.len;
    r->headers_out.status = NGX_HTTP_OK;
    r->headers_out.content_length_n = b->last - b->pos;

    rc = ngx_http_send_header(r);

    if (rc == NGX_ERROR || rc > NGX_OK || r->header_only) {
        return rc;
    }

    out.buf = b;
    out.next = NULL;

    return ngx_http_output_filter(r, &out);
}


static ngx_uint_t
ngx_http_cookie_consent_status_format(ngx_http_request_t *r)
{
    ngx_str_t         arg;
    ngx_table_elt_t  *h;

    if (ngx_http_arg(r, (u_char *) "format", 6, &arg) == NGX_OK) {
        if (arg.len == 10
            && ngx_strncmp(arg.data, "prometheus", 10) == 0)
        {
            return NGX_HTTP_COOKIE_CONSENT_F_PROMETHEUS;
        }

        if (arg.len == 3 && ngx_strncmp(arg.data, "csv", 3) == 0) {
            return NGX_HTTP_COOKIE_CONSENT_F_CSV;
        }

        if (arg.len == 7 && ngx_strncmp(arg.data, "catalog", 7) == 0) {
            return NGX_HTTP_COOKIE_CONSENT_F_CATALOG;
        }

        return NGX_HTTP_COOKIE_CONSENT_F_JSON;
    }

    h = ngx_http_cookie_consent_request_header(r, "Accept",
                                               sizeof("Accept") - 1);

    if (h && ngx_strlcasestrn(h->value.data, h->value.data + h->value.len,
                              (u_char *) "text/plain", 10 - 1)
             != NULL)
    {
        return NGX_HTTP_COOKIE_CONSENT_F_PROMETHEUS;
    }

    return NGX_HTTP_COOKIE_CONSENT_F_JSON;
}


/* a category's name; the pseudo-category of cookie_consent_unknown deny */

static ngx_str_t *
ngx_http_cookie_consent_status_category(ngx_http_request_t *r, ngx_uint_t i)
{
    ngx_http_cookie_consent_main_conf_t  *mcf;

    static ngx_str_t  unknown = ngx_string("unknown");

    mcf = ngx_http_get_module_main_conf(r, ngx_http_cookie_consent_module);

    return i < mcf->ncategories ? &mcf->names[i] : &unknown;
}


#define ngx_http_cookie_consent_n(shm, c, i)                                  \
    ((uint64_t) (shm)->counters[NGX_HTTP_COOKIE_CONSENT_C_ ## c][i])


static u_char *
ngx_http_cookie_consent_status_json(ngx_http_request_t *r,
    ngx_http_cookie_consent_shm_t *shm, u_char *p)
{
    uint64_t                              decisions, n;
    ngx_uint_t                            i, j;
    ngx_str_t                             src;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    mcf = ngx_http_get_module_main_conf(r, ngx_http_cookie_consent_module);

    p = ngx_sprintf(p, "{\"since\":%T,\"now\":%T,\"requests\":{", shm->started,
                    ngx_time());

    for (i = 0; i < 3; i++) {
        p = ngx_sprintf(p, "%s\"%s\":%uL", i ? "," : "",
                        ngx_http_cookie_consent_states[i],
                        ngx_http_cookie_consent_n(shm, REQUESTS, i));
    }

    p = ngx_sprintf(p, "},\"banner\":{\"impressions\":%uL,"
                    "\"settings_control\":%uL},\"decisions\":{",
                    ngx_http_cookie_consent_n(shm, BANNER, 0),
                    ngx_http_cookie_consent_n(shm, BANNER, 1));

    decisions = 0;

    for (i = 1; i < 5; i++) {
        n = ngx_http_cookie_consent_n(shm, DECISIONS, i * 2)
            + ngx_http_cookie_consent_n(shm, DECISIONS, i * 2 + 1);
        decisions += n;

        p = ngx_sprintf(p, "%s\"%s\":{\"form\":%uL,\"json\":%uL}",
                        i > 1 ? "," : "", ngx_http_cookie_consent_actions[i],
                        ngx_http_cookie_consent_n(shm, DECISIONS, i * 2),
                        ngx_http_cookie_consent_n(shm, DECISIONS, i * 2 + 1));
    }

    p = ngx_sprintf(p, ",\"total\":%uL},\"categories\":{", decisions);

    for (i = 0; i <= mcf->ncategories; i++) {
        j = (i == mcf->ncategories) ? NGX_HTTP_COOKIE_CONSENT_DENY : i;
        n = ngx_http_cookie_consent_n(shm, GRANTS, j);

        p = ngx_sprintf(p, "%s\"%V\":{\"grants\":%uL,", i ? "," : "",
                        ngx_http_cookie_consent_status_category(r, j), n);

        if (decisions) {
            p = ngx_sprintf(p, "\"consent_rate\":%.4f,",
                            (double) n / (double) decisions);

        } else {
            p = ngx_sprintf(p, "\"consent_rate\":null,");
        }

        p = ngx_sprintf(p, "\"set_cookie_removed\":%uL,"
                        "\"request_cookies_removed\":%uL,"
                        "\"tags_neutralised\":%uL}",
                        ngx_http_cookie_consent_n(shm, SET_COOKIE, j),
                        ngx_http_cookie_consent_n(shm, COOKIE, j),
                        ngx_http_cookie_consent_n(shm, TAGS, j));
    }

    p = ngx_sprintf(p, "},\"cookies_expired\":%uL,\"beacons_gated\":%uL,"
                    "\"consent_cookies_rejected\":{",
                    ngx_http_cookie_consent_n(shm, EXPIRED, 0),
                    ngx_http_cookie_consent_n(shm, GATED, 0));

    for (i = 0; i < 3; i++) {
        p = ngx_sprintf(p, "%s\"%s\":%uL", i ? "," : "",
                        ngx_http_cookie_consent_tokens[i],
                        ngx_http_cookie_consent_n(shm, TOKEN, i));
    }

    p = ngx_sprintf(p, "},\"consent_sources\":{");

    for (i = 0; i < NGX_HTTP_COOKIE_CONSENT_SRC_BRIDGE + CC_BRIDGE_NSOURCES;
         i++)
    {
        p = ngx_sprintf(p, "%s\"%V\":%uL", i ? "," : "",
                        ngx_http_cookie_consent_source_name(i, &src),
                        ngx_http_cookie_consent_n(shm, SOURCE, i));
    }

    p = ngx_sprintf(p, "},\"endpoint_refusals\":{");

    for (i = 0; i < NGX_HTTP_COOKIE_CONSENT_R_N; i++) {
        p = ngx_sprintf(p, "%s\"%s\":%uL", i ? "," : "",
                        ngx_http_cookie_consent_refusals[i],
                        ngx_http_cookie_consent_n(shm, REFUSED, i));
    }

    p = ngx_sprintf(p, "},\"unclassified_cookies\":%uL,"
                    "\"encoded_pages\":{\"decoded\":%uL,\"refused\":%uL},",
                    ngx_http_cookie_consent_n(shm, UNKNOWN, 0),
                    ngx_http_cookie_consent_n(shm, ENCODING, 0),
                    ngx_http_cookie_consent_n(shm, ENCODING, 1));

    p = ngx_sprintf(p, "\"zone\":{\"size\":%uz,\"used\":%uz},",
                    ((ngx_http_cookie_consent_status_main_conf_t *)
                     ngx_http_get_module_main_conf(r,
                         ngx_http_cookie_consent_status_module))
                    ->zone->shm.size,
                    sizeof(ngx_http_cookie_consent_shm_t)
                    + (shm->inventory
                       ? sizeof(cc_inv_t)
                         + (size_t) shm->inventory->used
                           * sizeof(cc_inv_entry_t)
                       : 0));

    p = ngx_http_cookie_consent_status_inventory(r, shm, p,
            NGX_HTTP_COOKIE_CONSENT_F_JSON);

    *p++ = '}';
    *p++ = '\n';

    return p;
}


/* a counter family: HELP, TYPE, then one line per label value */

#define ngx_http_cookie_consent_family(p, name, help)                         \
    ngx_sprintf(p, "# HELP nginx_cookie_consent_" name " " help "\n"          \
                "# TYPE nginx_cookie_consent_" name " counter\n")


static u_char *
ngx_http_cookie_consent_status_prometheus(ngx_http_request_t *r,
    ngx_http_cookie_consent_shm_t *shm, u_char *p)
{
    ngx_uint_t                            i, j;
    ngx_str_t                             src;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    mcf = ngx_http_get_module_main_conf(r, ngx_http_cookie_consent_module);

    p = ngx_http_cookie_consent_family(p, "requests_total",
            "Requests through the module, by the visitor's consent state.");

    for (i = 0; i < 3; i++) {
        p = ngx_sprintf(p, "nginx_cookie_consent_requests_total"
                        "{state=\"%s\"} %uL\n",
                        ngx_http_cookie_consent_states[i],
                        ngx_http_cookie_consent_n(shm, REQUESTS, i));
    }

    p = ngx_http_cookie_consent_family(p, "banner_impressions_total",
            "Pages given the banner (undecided visitors).");
    p = ngx_sprintf(p, "nginx_cookie_consent_banner_impressions_total %uL\n",
                    ngx_http_cookie_consent_n(shm, BANNER, 0));

    p = ngx_http_cookie_consent_family(p, "settings_control_total",
            "Pages given the Cookie settings control (decided visitors).");
    p = ngx_sprintf(p, "nginx_cookie_consent_settings_control_total %uL\n",
                    ngx_http_cookie_consent_n(shm, BANNER, 1));

    p = ngx_http_cookie_consent_family(p, "decisions_total",
            "Decisions recorded by the endpoint, by action and source.");

    for (i = 1; i < 5; i++) {
        for (j = 0; j < 2; j++) {
            p = ngx_sprintf(p, "nginx_cookie_consent_decisions_total"
                            "{action=\"%s\",source=\"%s\"} %uL\n",
                            ngx_http_cookie_consent_actions[i],
                            ngx_http_cookie_consent_dsources[j],
                            ngx_http_cookie_consent_n(shm, DECISIONS,
                                                      i * 2 + j));
        }
    }

    p = ngx_http_cookie_consent_family(p, "category_grants_total",
            "Decisions that granted a category.");

    for (i = 0; i < mcf->ncategories; i++) {
        p = ngx_sprintf(p, "nginx_cookie_consent_category_grants_total"
                        "{category=\"%V\"} %uL\n", &mcf->names[i],
                        ngx_http_cookie_consent_n(shm, GRANTS, i));
    }

    p = ngx_http_cookie_consent_family(p, "set_cookie_removed_total",
            "Set-Cookie headers removed, by category.");

    for (i = 0; i <= mcf->ncategories; i++) {
        j = (i == mcf->ncategories) ? NGX_HTTP_COOKIE_CONSENT_DENY : i;
        p = ngx_sprintf(p, "nginx_cookie_consent_set_cookie_removed_total"
                        "{category=\"%V\"} %uL\n",
                        ngx_http_cookie_consent_status_category(r, j),
                        ngx_http_cookie_consent_n(shm, SET_COOKIE, j));
    }

    p = ngx_http_cookie_consent_family(p, "request_cookies_removed_total",
            "Request cookies removed before the upstream, by category.");

    for (i = 0; i <= mcf->ncategories; i++) {
        j = (i == mcf->ncategories) ? NGX_HTTP_COOKIE_CONSENT_DENY : i;
        p = ngx_sprintf(p, "nginx_cookie_consent_request_cookies_removed_total"
                        "{category=\"%V\"} %uL\n",
                        ngx_http_cookie_consent_status_category(r, j),
                        ngx_http_cookie_consent_n(shm, COOKIE, j));
    }

    p = ngx_http_cookie_consent_family(p, "tags_neutralised_total",
            "Tracker tags made inert in HTML and tracker URLs removed "
            "from Link and Refresh headers, by category.");

    for (i = 0; i < mcf->ncategories; i++) {
        p = ngx_sprintf(p, "nginx_cookie_consent_tags_neutralised_total"
                        "{category=\"%V\"} %uL\n", &mcf->names[i],
                        ngx_http_cookie_consent_n(shm, TAGS, i));
    }

    p = ngx_http_cookie_consent_family(p, "cookies_expired_total",
            "Responses that expired cookies in the browser.");
    p = ngx_sprintf(p, "nginx_cookie_consent_cookies_expired_total %uL\n",
                    ngx_http_cookie_consent_n(shm, EXPIRED, 0));

    p = ngx_http_cookie_consent_family(p, "beacons_gated_total",
            "Requests cookie_consent_require answered without the upstream.");
    p = ngx_sprintf(p, "nginx_cookie_consent_beacons_gated_total %uL\n",
                    ngx_http_cookie_consent_n(shm, GATED, 0));

    p = ngx_http_cookie_consent_family(p, "consent_cookies_rejected_total",
            "Consent cookies not taken, by reason.");

    for (i = 0; i < 3; i++) {
        p = ngx_sprintf(p, "nginx_cookie_consent_consent_cookies_rejected_total"
                        "{reason=\"%s\"} %uL\n",
                        ngx_http_cookie_consent_tokens[i],
                        ngx_http_cookie_consent_n(shm, TOKEN, i));
    }

    p = ngx_http_cookie_consent_family(p, "consent_source_total",
            "Requests by where the consent state came from.");

    for (i = 0; i < NGX_HTTP_COOKIE_CONSENT_SRC_BRIDGE + CC_BRIDGE_NSOURCES;
         i++)
    {
        p = ngx_sprintf(p, "nginx_cookie_consent_consent_source_total"
                        "{source=\"%V\"} %uL\n",
                        ngx_http_cookie_consent_source_name(i, &src),
                        ngx_http_cookie_consent_n(shm, SOURCE, i));
    }

    p = ngx_http_cookie_consent_family(p, "endpoint_refusals_total",
            "Requests the endpoint refused, by status.");

    for (i = 0; i < NGX_HTTP_COOKIE_CONSENT_R_N; i++) {
        p = ngx_sprintf(p, "nginx_cookie_consent_endpoint_refusals_total"
                        "{status=\"%s\"} %uL\n",
                        ngx_http_cookie_consent_refusals[i],
                        ngx_http_cookie_consent_n(shm, REFUSED, i));
    }

    p = ngx_http_cookie_consent_family(p, "unclassified_cookies_total",
            "Cookies (request or Set-Cookie) no rule classifies.");
    p = ngx_sprintf(p, "nginx_cookie_consent_unclassified_cookies_total %uL\n",
                    ngx_http_cookie_consent_n(shm, UNKNOWN, 0));

    p = ngx_http_cookie_consent_family(p, "encoded_pages_total",
            "Compressed HTML pages, decoded or refused (502).");
    p = ngx_sprintf(p, "nginx_cookie_consent_encoded_pages_total"
                    "{action=\"decoded\"} %uL\n"
                    "nginx_cookie_consent_encoded_pages_total"
                    "{action=\"refused\"} %uL\n",
                    ngx_http_cookie_consent_n(shm, ENCODING, 0),
                    ngx_http_cookie_consent_n(shm, ENCODING, 1));

    if (shm->inventory) {
        p = ngx_sprintf(p,
            "# HELP nginx_cookie_consent_inventory_entries Cookie names in "
            "the inventory.\n"
            "# TYPE nginx_cookie_consent_inventory_entries gauge\n"
            "nginx_cookie_consent_inventory_entries %uL\n"
            "# HELP nginx_cookie_consent_inventory_capacity Cookie names the "
            "inventory holds.\n"
            "# TYPE nginx_cookie_consent_inventory_capacity gauge\n"
            "nginx_cookie_consent_inventory_capacity %uD\n"
            "# HELP nginx_cookie_consent_inventory_dropped_total Sightings "
            "of names that did not fit.\n"
            "# TYPE nginx_cookie_consent_inventory_dropped_total counter\n"
            "nginx_cookie_consent_inventory_dropped_total %uL\n",
            shm->inventory->used, shm->inventory->nentries,
            shm->inventory->dropped);
    }

    return p;
}


/* the inventory: unclassified names first (JSON "inventory", CSV, catalog) */

static u_char *
ngx_http_cookie_consent_status_inventory(ngx_http_request_t *r,
    ngx_http_cookie_consent_shm_t *shm, u_char *p, ngx_uint_t format)
{
    ngx_uint_t                            pass, first, i;
    cc_inv_t                             *inv;
    cc_inv_entry_t                       *e;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    inv = shm->inventory;

    switch (format) {

    case NGX_HTTP_COOKIE_CONSENT_F_CSV:
        p = ngx_sprintf(p, "name,category,seen_in,count,first_seen,"
                        "last_seen,example_path,secure,httponly,samesite,"
                        "longest_lifetime_s\r\n");
        break;

    case NGX_HTTP_COOKIE_CONSENT_F_CATALOG:
        p = ngx_sprintf(p, "{\"version\":1,\"$comment\":\"cookie names "
                        "no rule classifies, seen on this site: give each a "
                        "category, then load the file with "
                        "cookie_consent_catalog (labels are to be written)"
                        "\",\n\"categories\":[");

        mcf = ngx_http_get_module_main_conf(r,
                                            ngx_http_cookie_consent_module);

        for (i = 0; i < mcf->ncategories; i++) {
            p = ngx_sprintf(p, "%s\n{\"name\":\"%V\",%s\"label\":"
                            "{\"en\":\"%V\"}}", i ? "," : "",
                            &mcf->names[i], i ? "" : "\"required\":true,",
                            &mcf->names[i]);
        }

        p = ngx_sprintf(p, "],\n\"cookies\":[");
        break;

    default:
        p = ngx_sprintf(p, "\"inventory\":{\"entries\":%uL,\"capacity\":%uD,"
                        "\"dropped\":%uL,\"cookies\":[",
                        inv ? inv->used : 0, inv ? inv->nentries : 0,
                        inv ? inv->dropped : 0);
        break;
    }

    first = 1;

    for (pass = 0; inv && pass < 2; pass++) {

        for (i = 0; i < inv->nentries; i++) {
            e = &inv->entries[i];

            if (__atomic_load_n(&e->state, __ATOMIC_ACQUIRE) != 2
                || (pass == 0) != (e->category < 0))
            {
                continue;
            }

            if (format == NGX_HTTP_COOKIE_CONSENT_F_CATALOG) {
                if (e->category >= 0) {
                    continue;
                }

                p = ngx_sprintf(p, "%s\n{\"name\":\"", first ? "" : ",");
                p += cc_inv_json(p, e->name, e->name_len);
                p = ngx_sprintf(p, "\",\"category\":\"\",\"$seen\":\"%uL "
                                "times, in %s, at ", e->count,
                                (e->where == 3) ? "responses and requests"
                                : (e->where & CC_INV_RESPONSE) ? "responses"
                                : "requests");
                p += cc_inv_json(p, e->path, e->path_len);
                p = ngx_sprintf(p, "\"}");
                first = 0;
                continue;
            }

            if (format == NGX_HTTP_COOKIE_CONSENT_F_CSV) {
                p += cc_inv_csv(p, e->name, e->name_len);
                p = ngx_sprintf(p, ",%V,%s,%uL,%T,%T,",
                                e->category < 0
                                ? &(ngx_str_t) ngx_string("")
                                : ngx_http_cookie_consent_status_category(r,
                                      (ngx_uint_t) e->category),
                                (e->where == 3) ? "both"
                                : (e->where & CC_INV_RESPONSE) ? "response"
                                : "request",
                                e->count, (time_t) e->first,
                                (time_t) e->last);
                p += cc_inv_csv(p, e->path, e->path_len);
                p = ngx_sprintf(p, ",%s,%s,%s,%L\r\n",
                                (e->attrs & CC_INV_SECURE) ? "yes" : "no",
                                (e->attrs & CC_INV_HTTPONLY) ? "yes" : "no",
                                (e->attrs & CC_INV_SS_NONE) ? "none"
                                : (e->attrs & CC_INV_SS_LAX) ? "lax"
                                : (e->attrs & CC_INV_SS_STRICT) ? "strict"
                                : "",
                                (int64_t) e->lifetime);
                continue;
            }

            p = ngx_sprintf(p, "%s{\"name\":\"", first ? "" : ",");
            p += cc_inv_json(p, e->name, e->name_len);
            p = ngx_sprintf(p, "\",\"cut\":%s,\"category\":",
                            (e->attrs & CC_INV_CUT) ? "true" : "false");

            if (e->category < 0) {
                p = ngx_sprintf(p, "null");

            } else {
                p = ngx_sprintf(p, "\"%V\"",
                                ngx_http_cookie_consent_status_category(r,
                                    (ngx_uint_t) e->category));
            }

            p = ngx_sprintf(p, ",\"response\":%s,\"request\":%s,"
                            "\"count\":%uL,\"first_seen\":%T,"
                            "\"last_seen\":%T,\"example_path\":\"",
                            (e->where & CC_INV_RESPONSE) ? "true" : "false",
                            (e->where & CC_INV_REQUEST) ? "true" : "false",
                            e->count, (time_t) e->first, (time_t) e->last);
            p += cc_inv_json(p, e->path, e->path_len);
            p = ngx_sprintf(p, "\",\"secure\":%s,\"httponly\":%s,"
                            "\"samesite\":\"%s\",\"longest_lifetime\":%L}",
                            (e->attrs & CC_INV_SECURE) ? "true" : "false",
                            (e->attrs & CC_INV_HTTPONLY) ? "true" : "false",
                            (e->attrs & CC_INV_SS_NONE) ? "none"
                            : (e->attrs & CC_INV_SS_LAX) ? "lax"
                            : (e->attrs & CC_INV_SS_STRICT) ? "strict" : "",
                            (int64_t) e->lifetime);
            first = 0;
        }
    }

    switch (format) {

    case NGX_HTTP_COOKIE_CONSENT_F_CSV:
        break;

    case NGX_HTTP_COOKIE_CONSENT_F_CATALOG:
        p = ngx_sprintf(p, "\n]}\n");
        break;

    default:
        p = ngx_sprintf(p, "]}");
        break;
    }

    return p;
}
