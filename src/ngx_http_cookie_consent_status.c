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
 * the cookie inventory (inventory.c, src/cc_inventory.c).  The status
 * location (status_output.c) answers JSON, the Prometheus text format,
 * the inventory as CSV or as catalog JSON for the names no rule
 * classifies.  Nothing in it identifies a visitor: counts by category,
 * action, source, state and status, and cookie names.
 */


#include "ngx_http_cookie_consent_status_zone.h"


static void *ngx_http_cookie_consent_status_create_main_conf(ngx_conf_t *cf);
static char *ngx_http_cookie_consent_zone(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf);
static ngx_int_t ngx_http_cookie_consent_init_zone(ngx_shm_zone_t *shm_zone,
    void *data);


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


ngx_http_cookie_consent_shm_t *
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
