/*
 * nginx-cookie-consent: the status location (cookie_consent_status).
 *
 * It answers the counters of cookie_consent_zone (status.c) as JSON, or
 * in the Prometheus text format (version 0.0.4: "?format=prometheus", or
 * an Accept header with text/plain), and the cookie inventory
 * (inventory.c) as part of the JSON, as CSV ("?format=csv") or as
 * catalog JSON ("?format=catalog").
 */


#include "ngx_http_cookie_consent_status_zone.h"
#include "cc_bridge.h"


static ngx_int_t ngx_http_cookie_consent_status_handler(
    ngx_http_request_t *r);
static ngx_uint_t ngx_http_cookie_consent_status_format(
    ngx_http_request_t *r);
static u_char *ngx_http_cookie_consent_status_json(ngx_http_request_t *r,
    ngx_http_cookie_consent_shm_t *shm, u_char *p);
static u_char *ngx_http_cookie_consent_status_prometheus(
    ngx_http_request_t *r, ngx_http_cookie_consent_shm_t *shm, u_char *p);


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


char *
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
        p = ngx_http_cookie_consent_inventory_write(r, shm, p, format);
        break;

    case NGX_HTTP_COOKIE_CONSENT_F_CATALOG:
        ngx_str_set(&r->headers_out.content_type, "application/json");
        p = ngx_http_cookie_consent_inventory_write(r, shm, p, format);
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

ngx_str_t *
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

    p = ngx_http_cookie_consent_inventory_write(r, shm, p,
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
