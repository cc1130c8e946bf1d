/*
 * nginx-cookie-consent: the cookie_consent_zone as the status module's own
 * files share it (docs/architecture.md):
 *
 *   status.c         the module, the zone and its counters
 *   status_output.c  the status location: JSON and Prometheus
 *   inventory.c      the cookie inventory: sightings, JSON, CSV, catalog
 *
 * The other glue files count through ngx_http_cookie_consent_status.h.
 * Every prototype below is grouped under the file that defines it.
 */

#ifndef _NGX_HTTP_COOKIE_CONSENT_STATUS_ZONE_H_INCLUDED_
#define _NGX_HTTP_COOKIE_CONSENT_STATUS_ZONE_H_INCLUDED_


#include "ngx_http_cookie_consent_module.h"
#include "cc_inventory.h"


#define NGX_HTTP_COOKIE_CONSENT_SLOTS  40


/* the zone's start: the counters; the rest of it, the inventory */

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


/* the status location's answers */

typedef enum {
    NGX_HTTP_COOKIE_CONSENT_F_JSON = 0,
    NGX_HTTP_COOKIE_CONSENT_F_PROMETHEUS,
    NGX_HTTP_COOKIE_CONSENT_F_CSV,
    NGX_HTTP_COOKIE_CONSENT_F_CATALOG
} ngx_http_cookie_consent_format_e;


/* status.c: the zone */
ngx_http_cookie_consent_shm_t *ngx_http_cookie_consent_shm(
    ngx_http_request_t *r);

/* status_output.c: the status location */
char *ngx_http_cookie_consent_status(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf);
ngx_str_t *ngx_http_cookie_consent_status_category(ngx_http_request_t *r,
    ngx_uint_t i);

/* inventory.c: the cookie inventory */
u_char *ngx_http_cookie_consent_inventory_write(ngx_http_request_t *r,
    ngx_http_cookie_consent_shm_t *shm, u_char *p, ngx_uint_t format);


#endif /* _NGX_HTTP_COOKIE_CONSENT_STATUS_ZONE_H_INCLUDED_ */
