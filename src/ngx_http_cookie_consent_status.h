/*
 * nginx-cookie-consent: counters and the cookie inventory in shared memory
 * (cookie_consent_zone), answered by cookie_consent_status: what the
 * other glue files count with.  The status module's own files share
 * ngx_http_cookie_consent_status_zone.h.
 */

#ifndef _NGX_HTTP_COOKIE_CONSENT_STATUS_H_INCLUDED_
#define _NGX_HTTP_COOKIE_CONSENT_STATUS_H_INCLUDED_


#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>


/* the counters: ngx_http_cookie_consent_count(r, counter, index) */

#define NGX_HTTP_COOKIE_CONSENT_C_REQUESTS     0   /* index: a state */
#define NGX_HTTP_COOKIE_CONSENT_C_BANNER       1   /* 0 banner, 1 control */
#define NGX_HTTP_COOKIE_CONSENT_C_DECISIONS    2   /* action * 2 + source */
#define NGX_HTTP_COOKIE_CONSENT_C_GRANTS       3   /* category */
#define NGX_HTTP_COOKIE_CONSENT_C_SET_COOKIE   4   /* category (or DENY) */
#define NGX_HTTP_COOKIE_CONSENT_C_COOKIE       5   /* category (or DENY) */
#define NGX_HTTP_COOKIE_CONSENT_C_EXPIRED      6   /* 0 */
#define NGX_HTTP_COOKIE_CONSENT_C_GATED        7   /* 0 */
#define NGX_HTTP_COOKIE_CONSENT_C_TAGS         8   /* category */
#define NGX_HTTP_COOKIE_CONSENT_C_TOKEN        9   /* a token reason */
#define NGX_HTTP_COOKIE_CONSENT_C_SOURCE       10  /* a consent source */
#define NGX_HTTP_COOKIE_CONSENT_C_REFUSED      11  /* a refusal status */
#define NGX_HTTP_COOKIE_CONSENT_C_UNKNOWN      12  /* 0 */
#define NGX_HTTP_COOKIE_CONSENT_C_ENCODING     13  /* 0 decoded, 1 refused */
#define NGX_HTTP_COOKIE_CONSENT_C_N            14

/* C_REQUESTS */
#define NGX_HTTP_COOKIE_CONSENT_S_UNDECIDED    0
#define NGX_HTTP_COOKIE_CONSENT_S_DECIDED      1
#define NGX_HTTP_COOKIE_CONSENT_S_REPORT       2

/* C_TOKEN */
#define NGX_HTTP_COOKIE_CONSENT_T_INVALID      0
#define NGX_HTTP_COOKIE_CONSENT_T_BAD_SIG      1
#define NGX_HTTP_COOKIE_CONSENT_T_STALE        2   /* revision, age */

/* C_DECISIONS: the source of a decision */
#define NGX_HTTP_COOKIE_CONSENT_D_FORM         0
#define NGX_HTTP_COOKIE_CONSENT_D_JSON         1

/* C_REFUSED: the endpoint's refusals, by status */
#define NGX_HTTP_COOKIE_CONSENT_R_400          0
#define NGX_HTTP_COOKIE_CONSENT_R_403          1
#define NGX_HTTP_COOKIE_CONSENT_R_405          2
#define NGX_HTTP_COOKIE_CONSENT_R_413          3
#define NGX_HTTP_COOKIE_CONSENT_R_415          4
#define NGX_HTTP_COOKIE_CONSENT_R_N            5


/* status.c: the counters */
void ngx_http_cookie_consent_count(ngx_http_request_t *r, ngx_uint_t counter,
    ngx_uint_t index);
void ngx_http_cookie_consent_count_refusal(ngx_http_request_t *r,
    ngx_uint_t status);
void ngx_http_cookie_consent_count_decision(ngx_http_request_t *r,
    ngx_uint_t action, ngx_uint_t json, uint32_t granted);
ngx_uint_t ngx_http_cookie_consent_counting(ngx_http_request_t *r);

/*
 * inventory.c: one sighting of a cookie name for the inventory: a
 * Set-Cookie line (attrs: its attributes from the first ';', read) or a
 * Cookie pair (attrs: NULL); returns the attributes' hash
 */
uint32_t ngx_http_cookie_consent_saw_cookie(ngx_http_request_t *r,
    u_char *name, size_t len, ngx_int_t category, ngx_str_t *attrs);

/*
 * inventory.c: a Set-Cookie line (attrs: its attributes; line: its place
 * among the response's) or a request's cookie (attrs: NULL) in a
 * location (lcf), counted again as this worker last counted the same
 * name and attributes (NGX_OK, *cls as classify_name() answers), or
 * recorded and remembered; saw_line(): a Set-Cookie line compared with
 * the same place's of the last response counted in the location, before
 * its name is looked for
 */
ngx_int_t ngx_http_cookie_consent_saw_line(ngx_http_request_t *r,
    void *lcf, ngx_str_t *value, ngx_uint_t line, ngx_str_t *name,
    ngx_str_t *attrs, ngx_int_t *cls, ngx_uint_t *unclassified);
ngx_int_t ngx_http_cookie_consent_saw_again(ngx_http_request_t *r,
    void *lcf, u_char *name, size_t len, ngx_str_t *attrs, ngx_uint_t line,
    ngx_int_t *cls, ngx_uint_t *unclassified);
void ngx_http_cookie_consent_saw(ngx_http_request_t *r,
    void *lcf, u_char *name, size_t len, ngx_int_t cls,
    ngx_uint_t unclassified, ngx_str_t *attrs, ngx_uint_t line);
void ngx_http_cookie_consent_imemo_init(void);


/* status.c */
extern ngx_module_t  ngx_http_cookie_consent_status_module;


#endif /* _NGX_HTTP_COOKIE_CONSENT_STATUS_H_INCLUDED_ */
