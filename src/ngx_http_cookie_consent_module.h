/*
 * nginx-cookie-consent: definitions shared by the module's nginx glue.
 *
 * The glue files, in the order a request meets them (docs/architecture.md):
 *
 *   module.c         directives, configuration, categories
 *   services.c       services: cookie_consent_service, their rules
 *   headers.c        header helpers
 *   state.c          the per-request context and the consent computation
 *   cookie.c         the module's own cookie: read, issue, expire
 *   bridge.c         other consent managers' cookies
 *   rules.c          cookie name classification and tracker hosts
 *   catalog.c        the JSON catalog
 *   access.c         preaccess: request Cookie filtering, the beacon gate
 *   cache.c          validators and cacheability of per-consent pages
 *   endpoint.c       the consent endpoint: requests, decisions
 *   endpoint_answers.c  its answers: state, preferences page, gcm.js
 *   header_filter.c  Set-Cookie stripping, tracker Link and Refresh headers,
 *                    report mode
 *   html.c           HTML pages: whether and how a response is rewritten
 *   body_filter.c    the body filter module: the page streamed
 *   inflate.c        gzip and deflate pages decoded for the body filter
 *   banner.c         the banner, placeholders, the banner's configuration
 *   variables.c      the $consent_* variables
 *   status.c         the status module: cookie_consent_zone, counters
 *   status_output.c  the status location: JSON, Prometheus
 *   inventory.c      the cookie inventory: sightings, JSON, CSV, catalog
 *
 * Every prototype below is grouped under the file that defines it.  What
 * only the HTML files (html.c, body_filter.c, inflate.c) share is in
 * ngx_http_cookie_consent_html.h; the counters every file counts with are
 * in ngx_http_cookie_consent_status.h, what only the status files share in
 * ngx_http_cookie_consent_status_zone.h.
 */

#ifndef _NGX_HTTP_COOKIE_CONSENT_MODULE_H_INCLUDED_
#define _NGX_HTTP_COOKIE_CONSENT_MODULE_H_INCLUDED_


#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>

#include "cc_cookie.h"
#include "cc_token.h"
#include "cc_rules.h"
#include "cc_body.h"
#include "cc_hosts.h"
#include "cc_banner.h"
#include "cc_i18n.h"


typedef struct ngx_http_cookie_consent_skeleton_s
    ngx_http_cookie_consent_skeleton_t;
#include "ngx_http_cookie_consent_status.h"


#define NGX_HTTP_COOKIE_CONSENT_OFF         0
#define NGX_HTTP_COOKIE_CONSENT_ON          1
#define NGX_HTTP_COOKIE_CONSENT_REPORT      2

/* the standard categories' indices (bits) */
#define NGX_HTTP_COOKIE_CONSENT_NECESSARY   0
#define NGX_HTTP_COOKIE_CONSENT_PREFERENCES 1
#define NGX_HTTP_COOKIE_CONSENT_ANALYTICS   2
#define NGX_HTTP_COOKIE_CONSENT_MARKETING   3

#define NGX_HTTP_COOKIE_CONSENT_MAX_CATS    CC_TOKEN_MAX_CATS

/* the pseudo-category of "cookie_consent_unknown deny": never granted */
#define NGX_HTTP_COOKIE_CONSENT_DENY        CC_TOKEN_MAX_CATS

#define NGX_HTTP_COOKIE_CONSENT_RULE_EXACT  CC_RULE_EXACT
#define NGX_HTTP_COOKIE_CONSENT_RULE_PREFIX CC_RULE_PREFIX
#define NGX_HTTP_COOKIE_CONSENT_RULE_REGEX  3

#define NGX_HTTP_COOKIE_CONSENT_SRC_DEFAULT 0
#define NGX_HTTP_COOKIE_CONSENT_SRC_COOKIE  1
#define NGX_HTTP_COOKIE_CONSENT_SRC_GPC     2
#define NGX_HTTP_COOKIE_CONSENT_SRC_BRIDGE  3     /* + cc_bridge source */

/* cookie_consent_cookie samesite= (0: not set) */
#define NGX_HTTP_COOKIE_CONSENT_SAMESITE_LAX     1
#define NGX_HTTP_COOKIE_CONSENT_SAMESITE_STRICT  2
#define NGX_HTTP_COOKIE_CONSENT_SAMESITE_NONE    3

/* at most this many expiring Set-Cookie headers are added per response */
#define NGX_HTTP_COOKIE_CONSENT_EXPIRE_MAX  32

#define NGX_HTTP_COOKIE_CONSENT_SKEW        300


#define NGX_HTTP_COOKIE_CONSENT_MAX_SERVICES  CC_CLASS_MAX_SVC


/* cookie_consent_service: a service inside a category */

typedef struct {
    ngx_str_t                   name;
    ngx_str_t                   label;          /* empty: the name */
    ngx_uint_t                  category;
    ngx_array_t                *vendors;        /* of ngx_str_t, or NULL */
} ngx_http_cookie_consent_service_t;


typedef struct {
    ngx_str_t                   names[NGX_HTTP_COOKIE_CONSENT_MAX_CATS];
    const char                 *cnames[NGX_HTTP_COOKIE_CONSENT_MAX_CATS];
    ngx_uint_t                  ncategories;
    uint32_t                    all;            /* every category's bit */

    ngx_http_cookie_consent_service_t
                               services[NGX_HTTP_COOKIE_CONSENT_MAX_SERVICES];
    const char                 *snames[NGX_HTTP_COOKIE_CONSENT_MAX_SERVICES];
    ngx_uint_t                  nservices;
    uint64_t                    services_all;   /* every service's bit */
    ngx_uint_t                  services_resolved; /* catalog vendors */
    ngx_array_t                *builtin;        /* of rule_t */
    cc_rules_t                 *builtin_table;  /* for exempt_check() */
    ngx_array_t                *builtin_trackers; /* of cc_host_rule_t */
    ngx_str_t                   endpoint;       /* the banner posts here */
    ngx_str_t                   gcm_script;     /* <endpoint>/gcm.js tag */
    int                         widest[2];      /* cc_banner_widest() of
                                                   the control, UTF-8 and
                                                   ASCII pages */
    cc_banner_category_t       *banner_categories; /* names, in order */
    cc_banner_service_t        *banner_services;   /* as the banner
                                                      lists them */

    /*
     * the catalog's label and description of a category per language
     * (CC_I18N_*: label at [lang], description at [CC_I18N_NLANGS +
     * lang]), NULL without a catalog entry; and the categories as the
     * banner lists them in each language (ngx_http_cookie_consent_init())
     */
    ngx_str_t                  *texts[NGX_HTTP_COOKIE_CONSENT_MAX_CATS];
    cc_banner_category_t       *banner_langs[CC_I18N_NLANGS];
    ngx_array_t                *catalog;        /* of rule_t */
    ngx_array_t                *catalog_trackers;
    ngx_array_t                *catalog_vendors; /* of ngx_str_t, one per
                                                    catalog tracker */
    uint32_t                    generation;     /* of this configuration */
    ngx_uint_t                  policy_warned;  /* no policy URL, said */
} ngx_http_cookie_consent_main_conf_t;


typedef struct {
    ngx_str_t                   pattern;
    ngx_str_t                   vendor;         /* a catalog's, or empty */
    ngx_uint_t                  kind;
    ngx_uint_t                  category;
    ngx_int_t                   service;        /* -1: none */
#if (NGX_PCRE)
    ngx_regex_t                *regex;
#endif
} ngx_http_cookie_consent_rule_t;


typedef struct {
    cc_rules_t                 *table;
    ngx_array_t                *regexes;        /* of rule_t * */
} ngx_http_cookie_consent_classifier_t;


typedef struct {
    ngx_uint_t                  mode;
    ngx_http_complex_value_t   *mode_value;

    ngx_array_t                *rules;          /* this level's rule_t */
    ngx_array_t                *all_rules;      /* built-in + every level */
    ngx_http_cookie_consent_classifier_t  *classifier;
    ngx_int_t                   unknown;

    ngx_array_t                *trackers;       /* this level's */
    ngx_array_t                *all_trackers;
    cc_hosts_t                 *hosts;

    ngx_str_t                   cookie_name;
    ngx_str_t                   cookie_domain;
    ngx_str_t                   cookie_path;
    time_t                      cookie_max_age;
    ngx_uint_t                  cookie_samesite;
    ngx_flag_t                  cookie_secure;

    ngx_array_t                *bridges;        /* of bridge_t */
    ngx_array_t                *keys;           /* of cc_key_t */
    ngx_int_t                   revision;
    ngx_flag_t                  gpc;
    ngx_flag_t                  request_cookies;
    ngx_flag_t                  expire;
    ngx_array_t                *expire_domains; /* of ngx_str_t */

    uint32_t                    require;
    uint64_t                    require_services;
    ngx_uint_t                  require_status;
    ngx_flag_t                  endpoint;

    ngx_flag_t                  html;
    ngx_hash_t                  types;
    ngx_array_t                *types_keys;
    ngx_flag_t                  banner;
    ngx_str_t                   banner_template; /* FILE's content */

    /* cookie_consent_banner_layout: CC_BANNER_*, set together */
    ngx_uint_t                  banner_layout;
    ngx_uint_t                  banner_wall;
    ngx_uint_t                  banner_theme;
    ngx_uint_t                  banner_reopen_right;
    ngx_str_t                   policy_url;
    ngx_str_t                   page_css;       /* the site's stylesheet */
    ngx_int_t                   language;
    ngx_int_t                   log_address;    /* a category */
    ngx_flag_t                  gcm;
    ngx_str_t                  *revision_messages; /* per language, any */

    /*
     * the banner rendered once per worker, language and charset
     * (banner.c), shared by the locations with the same policy link and
     * template
     */
    ngx_http_cookie_consent_skeleton_t  **skeletons;
} ngx_http_cookie_consent_loc_conf_t;


typedef struct {
    ngx_table_elt_t            *header;
    ngx_str_t                   value;
} ngx_http_cookie_consent_orig_t;


/*
 * A banner rendered without what depends on the request, the return path
 * and the nonce (cc_banner_skeleton()); per worker, made on first use
 */

struct ngx_http_cookie_consent_skeleton_s {
    u_char                     *data;
    size_t                      len;        /* 0: cannot be made */
    size_t                      nholes;
    cc_banner_hole_t            holes[CC_BANNER_MAX_HOLES];
};

/* the skeletons of one configuration: [template, first, reopen][ascii] */

#define NGX_HTTP_COOKIE_CONSENT_SKELETONS  (3 * 2 * CC_I18N_NLANGS)


/*
 * The per-request context (state.c): made by the first phase that needs
 * it, kept across internal redirects in a pool cleanup, recomputed when
 * the location's configuration changes.
 */

typedef struct {
    ngx_http_request_t         *request;        /* owner: pool is shared */
    ngx_http_cookie_consent_loc_conf_t  *conf;   /* computed for */

    uint32_t                    granted;
    uint64_t                    services;       /* granted one by one */
    ngx_uint_t                  mode;
    ngx_uint_t                  source;
    ngx_int_t                   action;
    cc_token_t                  token;

    ngx_array_t                *orig;           /* Cookie values as sent */
    ngx_array_t                *stripped;       /* of ngx_str_t */
    void                       *html;           /* html.c's state */
    /* a page's request headers, read with the conditionals (cache.c) */
    ngx_table_elt_t            *fetch_dest;     /* Sec-Fetch-Dest */
    ngx_table_elt_t            *accept;
    ngx_table_elt_t            *accept_encoding;
    ngx_table_elt_t            *accept_language;

    unsigned                    decided:1;
    unsigned                    revised:1;      /* decided, earlier rev. */
    unsigned                    gpc:1;          /* Sec-GPC: 1 honoured */
    unsigned                    gated:1;
    unsigned                    expired:1;
    unsigned                    revalidating:1; /* If-None-Match of ours */
    unsigned                    conditionals:1; /* translated (cache.c) */
    unsigned                    counted:1;      /* in the status zone */
    unsigned                    previous:1;     /* previous_id is set */

    u_char                      previous_id[CC_TOKEN_ID_LEN];
    ngx_str_t                   return_path;    /* of a decision */
} ngx_http_cookie_consent_ctx_t;


/*
 * Whether a classification (CC_CLASS(), as classify() and match_url()
 * return it; a bare category index is one) is granted: its category, or
 * its service
 */

static ngx_inline ngx_uint_t
ngx_http_cookie_consent_granted(ngx_http_cookie_consent_ctx_t *ctx,
    ngx_int_t cls)
{
    return cc_class_granted(ctx->granted, ctx->services, (int) cls);
}


/*
 * Whether a header's name is "Set-Cookie", in any case: the header
 * filter asks it of every response header, ngx_strncasecmp() was a
 * tenth of what counting a cookie cost
 */

static ngx_inline ngx_uint_t
ngx_http_cookie_consent_is_set_cookie(ngx_str_t *key)
{
    uint64_t  w, lc, sc;
    uint16_t  t, lt, st;

    static const u_char  name[] = "set-cookie";
    static const u_char  mask[] = "\x20\x20\x20\x00\x20\x20\x20\x20\x20\x20";

    if (key->len != sizeof("Set-Cookie") - 1) {
        return 0;
    }

    /*
     * c | 0x20 is the lower case of a letter, and of nothing else; the
     * '-' is compared as it is.  Eight bytes and two at a time, in the
     * machine's byte order whatever it is.
     */

    ngx_memcpy(&w, key->data, 8);
    ngx_memcpy(&t, key->data + 8, 2);
    ngx_memcpy(&lc, mask, 8);
    ngx_memcpy(&lt, mask + 8, 2);
    ngx_memcpy(&sc, name, 8);
    ngx_memcpy(&st, name + 8, 2);

    return (w | lc) == sc && (uint16_t) (t | lt) == st;
}


/*
 * The i-th Cookie header value as the browser sent it: request cookie
 * filtering (access.c) replaces the headers' values and keeps the
 * originals in the context
 */

static ngx_inline ngx_str_t *
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


/*
 * The request's cookie pairs as sent, every Cookie header in turn:
 *
 *     ngx_memzero(&it, sizeof(it));
 *     while (ngx_http_cookie_consent_next_pair(r, ctx, &it, &pair)) { }
 */

typedef struct {
    ngx_uint_t                  header;         /* the next one */
    const u_char               *pos;
    const u_char               *end;
} ngx_http_cookie_consent_pairs_t;


static ngx_inline ngx_uint_t
ngx_http_cookie_consent_next_pair(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx, ngx_http_cookie_consent_pairs_t *it,
    cc_cookie_pair_t *pair)
{
    ngx_str_t  *value;

    for ( ;; ) {
        if (it->pos != NULL && cc_cookie_next(&it->pos, it->end, pair)) {
            return 1;
        }

        if (it->header >= r->headers_in.cookies.nelts) {
            return 0;
        }

        value = ngx_http_cookie_consent_sent(r, ctx, it->header++);

        it->pos = value->data;
        it->end = value->data + value->len;
    }
}


/* module.c: configuration, categories */
ngx_int_t ngx_http_cookie_consent_category(void *data, const u_char *name,
    size_t len);
int ngx_http_cookie_consent_category_cb(void *data, const u_char *name,
    size_t len);

ngx_int_t ngx_http_cookie_consent_find_category(ngx_conf_t *cf,
    ngx_str_t *name);

/* services.c: cookie_consent_service, services' names and rules */
char *ngx_http_cookie_consent_service_decl(ngx_conf_t *cf,
    ngx_command_t *cmd, void *conf);
ngx_int_t ngx_http_cookie_consent_service(
    ngx_http_cookie_consent_main_conf_t *mcf, const u_char *name,
    size_t len);
int ngx_http_cookie_consent_grant_cb(void *data, const u_char *name,
    size_t len);
uint64_t ngx_http_cookie_consent_services_of(
    ngx_http_cookie_consent_main_conf_t *mcf, uint32_t categories);
void ngx_http_cookie_consent_vendor_services(
    ngx_http_cookie_consent_main_conf_t *mcf);
void ngx_http_cookie_consent_claim(ngx_array_t *rules, cc_rule_t *cr,
    ngx_uint_t n);
cc_host_rule_t *ngx_http_cookie_consent_claim_hosts(ngx_conf_t *cf,
    ngx_array_t *trackers);

/* headers.c: header helpers */
ngx_table_elt_t *ngx_http_cookie_consent_request_header(
    ngx_http_request_t *r, char *name, size_t len);
ngx_table_elt_t *ngx_http_cookie_consent_request_header_value(
    ngx_http_request_t *r, char *name, size_t len, char *value);
ngx_table_elt_t *ngx_http_cookie_consent_response_header(
    ngx_http_request_t *r, char *name, size_t len);
ngx_table_elt_t *ngx_http_cookie_consent_add_header(ngx_http_request_t *r,
    ngx_str_t *key, ngx_str_t *value);
ngx_int_t ngx_http_cookie_consent_join(ngx_http_request_t *r,
    ngx_array_t *a, char *sep, ngx_str_t *out);

/* state.c: the per-request context and the consent computation */
ngx_http_cookie_consent_ctx_t *ngx_http_cookie_consent_get_ctx(
    ngx_http_request_t *r);
ngx_int_t ngx_http_cookie_consent_filter_value(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx,
    ngx_http_cookie_consent_loc_conf_t *lcf, ngx_str_t *value,
    ngx_str_t *out);
ngx_str_t *ngx_http_cookie_consent_source_name(ngx_uint_t source,
    ngx_str_t *s);
unsigned ngx_http_cookie_consent_gcm_flags(uint32_t granted);

/* cookie.c: the module's own cookie and Set-Cookie headers */
char *ngx_http_cookie_consent_cookie(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf);
char *ngx_http_cookie_consent_secret(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf);
char *ngx_http_cookie_consent_domains(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf);
void ngx_http_cookie_consent_token_cache_init(void);
void ngx_http_cookie_consent_pcache_init(void);
ngx_int_t ngx_http_cookie_consent_read_cookie(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx,
    ngx_http_cookie_consent_loc_conf_t *lcf);
ngx_int_t ngx_http_cookie_consent_issue_cookie(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx,
    ngx_http_cookie_consent_loc_conf_t *lcf);
ngx_int_t ngx_http_cookie_consent_expire_cookies(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx,
    ngx_http_cookie_consent_loc_conf_t *lcf);
ngx_int_t ngx_http_cookie_consent_set_cookie(ngx_http_request_t *r,
    ngx_str_t *value);

/* bridge.c: other consent managers' cookies */
char *ngx_http_cookie_consent_bridge(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf);
ngx_int_t ngx_http_cookie_consent_bridges(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx,
    ngx_http_cookie_consent_loc_conf_t *lcf);

/* rules.c: classification */
char *ngx_http_cookie_consent_cookies(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf);
char *ngx_http_cookie_consent_trackers_directive(ngx_conf_t *cf,
    ngx_command_t *cmd, void *conf);
ngx_int_t ngx_http_cookie_consent_add_rule(ngx_conf_t *cf,
    ngx_array_t *rules, ngx_uint_t category, ngx_str_t *pattern);
ngx_int_t ngx_http_cookie_consent_add_tracker(ngx_conf_t *cf,
    ngx_array_t *trackers, ngx_uint_t category, ngx_str_t *rule);
ngx_int_t ngx_http_cookie_consent_exempt_check(ngx_conf_t *cf,
    u_char *name, size_t len, const char *where);
char *ngx_http_cookie_consent_merge_rules(ngx_conf_t *cf,
    ngx_http_cookie_consent_loc_conf_t *prev,
    ngx_http_cookie_consent_loc_conf_t *conf);
ngx_int_t ngx_http_cookie_consent_classify_name(ngx_http_request_t *r,
    ngx_http_cookie_consent_loc_conf_t *lcf, u_char *name, size_t len,
    ngx_uint_t *unclassified);
ngx_int_t ngx_http_cookie_consent_classify(ngx_http_request_t *r,
    ngx_http_cookie_consent_loc_conf_t *lcf, u_char *name, size_t len);
int ngx_http_cookie_consent_match_url(void *data, const u_char *url,
    size_t len);

/* catalog.c: the JSON catalog */
char *ngx_http_cookie_consent_catalog(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf);

/* access.c: the preaccess phase */
char *ngx_http_cookie_consent_require(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf);
ngx_int_t ngx_http_cookie_consent_access_init(ngx_conf_t *cf);

/* endpoint.c: the consent endpoint */
char *ngx_http_cookie_consent_endpoint(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf);

/* endpoint_answers.c: the state in JSON, the preferences page, gcm.js */
ngx_int_t ngx_http_cookie_consent_answer_state(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx);
ngx_int_t ngx_http_cookie_consent_gcm_js(ngx_http_request_t *r);
ngx_int_t ngx_http_cookie_consent_page(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx, ngx_str_t *ret, ngx_uint_t confirm,
    ngx_str_t *out);
/* declaration.c: the cookie declaration */
ngx_int_t ngx_http_cookie_consent_declaration(ngx_http_request_t *r);
ngx_int_t ngx_http_cookie_consent_decl_collect(ngx_http_request_t *r,
    cc_banner_decl_t **rows, ngx_uint_t *n);

ngx_int_t ngx_http_cookie_consent_send(ngx_http_request_t *r,
    ngx_uint_t status, char *type, ngx_str_t *body);

/* header_filter.c: Set-Cookie, Link and Refresh headers */
ngx_int_t ngx_http_cookie_consent_header_filter_init(ngx_conf_t *cf);

/* html.c: whether an HTML response is rewritten, and how */
ngx_int_t ngx_http_cookie_consent_html_header(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *consent,
    ngx_http_cookie_consent_loc_conf_t *lcf);

/* banner.c: the banner and placeholders */
char *ngx_http_cookie_consent_banner_directive(ngx_conf_t *cf,
    ngx_command_t *cmd, void *conf);
char *ngx_http_cookie_consent_language_directive(ngx_conf_t *cf,
    ngx_command_t *cmd, void *conf);
char *ngx_http_cookie_consent_banner_layout(ngx_conf_t *cf,
    ngx_command_t *cmd, void *conf);
char *ngx_http_cookie_consent_revision_message(ngx_conf_t *cf,
    ngx_command_t *cmd, void *conf);
void ngx_http_cookie_consent_banner_conf(ngx_http_request_t *r,
    ngx_http_cookie_consent_loc_conf_t *lcf, ngx_str_t *html_lang,
    cc_banner_conf_t *c);
ngx_int_t ngx_http_cookie_consent_banner(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *consent,
    ngx_http_cookie_consent_loc_conf_t *lcf, ngx_str_t *html_lang,
    ngx_str_t *nonce, size_t max, ngx_str_t *out);
void ngx_http_cookie_consent_banner_lang(
    ngx_http_cookie_consent_main_conf_t *mcf, cc_banner_conf_t *c, int lang);
ngx_uint_t ngx_http_cookie_consent_not_utf8(ngx_http_request_t *r);
size_t ngx_http_cookie_consent_control_max(ngx_http_request_t *r,
    ngx_http_cookie_consent_loc_conf_t *lcf, ngx_str_t *nonce);
ngx_int_t ngx_http_cookie_consent_placeholder(ngx_http_request_t *r,
    ngx_http_cookie_consent_loc_conf_t *lcf, ngx_str_t *html_lang,
    ngx_uint_t cls, ngx_str_t *out);

/* variables.c: $consent_* */
ngx_int_t ngx_http_cookie_consent_add_variables(ngx_conf_t *cf);
ngx_int_t ngx_http_cookie_consent_reserved(ngx_str_t *name);

/* cache.c: validators and cacheability of per-consent pages */
ngx_int_t ngx_http_cookie_consent_cache_request(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx);
ngx_int_t ngx_http_cookie_consent_cache_response(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx);
ngx_uint_t ngx_http_cookie_consent_document_dest(ngx_str_t *dest);

/* module.c */
extern ngx_module_t  ngx_http_cookie_consent_module;


#endif /* _NGX_HTTP_COOKIE_CONSENT_MODULE_H_INCLUDED_ */
