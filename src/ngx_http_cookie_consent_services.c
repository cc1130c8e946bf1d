/*
 * nginx-cookie-consent: services (cookie_consent_service), the tools of
 * one company inside a category that a visitor may grant on their own.
 *
 * Their directive and names (the consent cookie's and the decisions'
 * names are categories' or services'), the catalog's rules that belong to
 * a service by vendor, and the rules a service's broader rule claims; a
 * classification carries its service in CC_CLASS() (cc_util.h), which
 * ngx_http_cookie_consent_granted() reads.
 */


#include "ngx_http_cookie_consent_module.h"


static ngx_int_t ngx_http_cookie_consent_vendor_service(
    ngx_http_cookie_consent_main_conf_t *mcf, ngx_uint_t category,
    ngx_str_t *vendor);


/*
 * cookie_consent_service NAME CATEGORY [label=TEXT] [vendor=NAME ...]: a
 * service a visitor may grant on its own inside a category; the rules
 * that name it (cookie_consent_cookies NAME ..., cookie_consent_trackers
 * NAME ...) and the catalog's rules of its category whose vendor is one
 * of its vendors belong to it
 */

char *
ngx_http_cookie_consent_service_decl(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf)
{
    ngx_http_cookie_consent_main_conf_t *mcf = conf;

    ngx_int_t                           cat;
    ngx_str_t                          *value, *v;
    ngx_uint_t                          i;
    ngx_http_cookie_consent_service_t  *svc;

    value = cf->args->elts;

    if (!cc_category_name_valid(value[1].data, value[1].len)) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "invalid service name \"%V\", it must be 1 to 32 "
                           "characters a-z, 0-9 or _", &value[1]);
        return NGX_CONF_ERROR;
    }

    if (ngx_http_cookie_consent_reserved(&value[1])) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "service name \"%V\" is reserved: $consent_%V "
                           "is a variable of its own", &value[1], &value[1]);
        return NGX_CONF_ERROR;
    }

    if (ngx_http_cookie_consent_category(mcf, value[1].data, value[1].len)
        >= 0)
    {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "service \"%V\" has the name of a category",
                           &value[1]);
        return NGX_CONF_ERROR;
    }

    if (ngx_http_cookie_consent_service(mcf, value[1].data, value[1].len)
        >= 0)
    {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "service \"%V\" is already declared", &value[1]);
        return NGX_CONF_ERROR;
    }

    if (mcf->nservices == NGX_HTTP_COOKIE_CONSENT_MAX_SERVICES) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "too many services: \"%V\" would be number %d, "
                           "at most %d", &value[1],
                           NGX_HTTP_COOKIE_CONSENT_MAX_SERVICES + 1,
                           NGX_HTTP_COOKIE_CONSENT_MAX_SERVICES);
        return NGX_CONF_ERROR;
    }

    cat = ngx_http_cookie_consent_find_category(cf, &value[2]);
    if (cat < 0) {
        return NGX_CONF_ERROR;
    }

    if (cat == 0) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "\"%V\" is always granted: a service of it "
                           "could not be refused", &value[2]);
        return NGX_CONF_ERROR;
    }

    svc = &mcf->services[mcf->nservices];
    ngx_memzero(svc, sizeof(ngx_http_cookie_consent_service_t));

    svc->name = value[1];
    svc->category = (ngx_uint_t) cat;

    for (i = 3; i < cf->args->nelts; i++) {

        if (value[i].len > 6
            && ngx_strncmp(value[i].data, "label=", 6) == 0)
        {
            svc->label.data = value[i].data + 6;
            svc->label.len = value[i].len - 6;
            continue;
        }

        if (value[i].len > 7
            && ngx_strncmp(value[i].data, "vendor=", 7) == 0)
        {
            if (svc->vendors == NULL) {
                svc->vendors = ngx_array_create(cf->pool, 2,
                                                sizeof(ngx_str_t));
                if (svc->vendors == NULL) {
                    return NGX_CONF_ERROR;
                }
            }

            v = ngx_array_push(svc->vendors);
            if (v == NULL) {
                return NGX_CONF_ERROR;
            }

            v->data = value[i].data + 7;
            v->len = value[i].len - 7;
            continue;
        }

        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "invalid parameter \"%V\"", &value[i]);
        return NGX_CONF_ERROR;
    }

    /* configuration strings are null-terminated */

    mcf->snames[mcf->nservices] = (const char *) svc->name.data;
    mcf->services_all |= (uint64_t) 1 << mcf->nservices;
    mcf->nservices++;

    return NGX_CONF_OK;
}


/* the index of a service, or -1 */

ngx_int_t
ngx_http_cookie_consent_service(ngx_http_cookie_consent_main_conf_t *mcf,
    const u_char *name, size_t len)
{
    ngx_uint_t  i;

    for (i = 0; i < mcf->nservices; i++) {
        if (mcf->services[i].name.len == len
            && ngx_strncmp(mcf->services[i].name.data, name, len) == 0)
        {
            return i;
        }
    }

    return -1;
}


/*
 * A name of the consent cookie's categories field or of a decision: a
 * category's index, CC_TOKEN_MAX_CATS + a service's, or -1 (cc_token.h)
 */

int
ngx_http_cookie_consent_grant_cb(void *data, const u_char *name,
    size_t len)
{
    ngx_int_t  i;

    i = ngx_http_cookie_consent_category(data, name, len);

    if (i >= 0) {
        return (int) i;
    }

    i = ngx_http_cookie_consent_service(data, name, len);

    return (i >= 0) ? CC_TOKEN_MAX_CATS + (int) i : -1;
}


/* the bits of the services of the given categories */

uint64_t
ngx_http_cookie_consent_services_of(ngx_http_cookie_consent_main_conf_t *mcf,
    uint32_t categories)
{
    uint64_t    bits;
    ngx_uint_t  i;

    bits = 0;

    for (i = 0; i < mcf->nservices; i++) {
        if (categories & ((uint32_t) 1 << mcf->services[i].category)) {
            bits |= (uint64_t) 1 << i;
        }
    }

    return bits;
}


/*
 * The catalog's rules of a service's category whose vendor is one of the
 * service's (cookie_consent_service vendor=, ASCII case ignored) belong
 * to that service: once, before the first level's lookup structures are
 * made (every level's chain copies them)
 */

void
ngx_http_cookie_consent_vendor_services(
    ngx_http_cookie_consent_main_conf_t *mcf)
{
    ngx_int_t                        svc;
    ngx_str_t                       *vendor;
    ngx_uint_t                       i;
    cc_host_rule_t                  *t;
    ngx_http_cookie_consent_rule_t  *rule;

    if (mcf->nservices == 0) {
        return;
    }

    if (mcf->catalog) {
        rule = mcf->catalog->elts;

        for (i = 0; i < mcf->catalog->nelts; i++) {
            if (rule[i].service < 0 && rule[i].vendor.len) {
                rule[i].service = ngx_http_cookie_consent_vendor_service(mcf,
                                                     rule[i].category,
                                                     &rule[i].vendor);
            }
        }
    }

    if (mcf->catalog_trackers && mcf->catalog_vendors
        && mcf->catalog_vendors->nelts == mcf->catalog_trackers->nelts)
    {
        t = mcf->catalog_trackers->elts;
        vendor = mcf->catalog_vendors->elts;

        for (i = 0; i < mcf->catalog_trackers->nelts; i++) {
            if (vendor[i].len == 0 || CC_CLASS_SVC(t[i].category) >= 0) {
                continue;
            }

            svc = ngx_http_cookie_consent_vendor_service(mcf,
                                                         t[i].category,
                                                         &vendor[i]);
            if (svc >= 0) {
                t[i].category = CC_CLASS(t[i].category, svc);
            }
        }
    }
}


/* the service of a category with that vendor, or -1 */

static ngx_int_t
ngx_http_cookie_consent_vendor_service(
    ngx_http_cookie_consent_main_conf_t *mcf, ngx_uint_t category,
    ngx_str_t *vendor)
{
    ngx_str_t                          *v;
    ngx_uint_t                          i, k;
    ngx_http_cookie_consent_service_t  *svc;

    for (i = 0; i < mcf->nservices; i++) {
        svc = &mcf->services[i];

        if (svc->category != category || svc->vendors == NULL) {
            continue;
        }

        v = svc->vendors->elts;

        for (k = 0; k < svc->vendors->nelts; k++) {
            if (v[k].len == vendor->len
                && ngx_strncasecmp(v[k].data, vendor->data, vendor->len)
                   == 0)
            {
                return i;
            }
        }
    }

    return -1;
}


/*
 * A prefix rule of a service claims the rules of its category it covers
 * (names and prefixes starting with it), which would otherwise win over
 * it: "cookie_consent_cookies ga4 _ga*" makes the catalog's "_ga" and
 * "_ga_*" ga4's too; a regular expression of a service claims the exact
 * names it matches
 */

void
ngx_http_cookie_consent_claim(ngx_array_t *rules, cc_rule_t *cr,
    ngx_uint_t n)
{
#if (NGX_PCRE)
    ngx_str_t                        name;
#endif
    ngx_uint_t                       i, k;
    ngx_http_cookie_consent_rule_t  *rule, *sv;

    rule = rules->elts;

    for (k = 0; k < rules->nelts; k++) {
        sv = &rule[k];

        if (sv->service < 0 || sv->kind == NGX_HTTP_COOKIE_CONSENT_RULE_EXACT)
        {
            continue;
        }

        for (i = 0; i < n; i++) {
            if (CC_CLASS_SVC(cr[i].category) >= 0
                || cr[i].category != (int) sv->category)
            {
                continue;
            }

            if (sv->kind == NGX_HTTP_COOKIE_CONSENT_RULE_PREFIX) {
                if (cr[i].len < sv->pattern.len
                    || ngx_memcmp(cr[i].pattern, sv->pattern.data,
                                  sv->pattern.len)
                       != 0)
                {
                    continue;
                }

            } else {
#if (NGX_PCRE)
                name.data = (u_char *) cr[i].pattern;
                name.len = cr[i].len;

                if (cr[i].kind != CC_RULE_EXACT
                    || ngx_regex_exec(sv->regex, &name, NULL, 0) < 0)
                {
                    continue;
                }
#else
                continue;
#endif
            }

            cr[i].category = CC_CLASS(sv->category, sv->service);
        }
    }
}


/*
 * The tracker rules of a level to build its host table from: a tracker
 * rule of a service claims the
 * more specific rules of its category that it covers (its host or a
 * subdomain of it, a path under its path), which would otherwise win over
 * it: "cookie_consent_trackers youtube youtube.com" makes the built-in
 * "youtube.com/embed" YouTube's too
 */

cc_host_rule_t *
ngx_http_cookie_consent_claim_hosts(ngx_conf_t *cf, ngx_array_t *trackers)
{
    size_t           d;
    ngx_uint_t       i, k, any;
    cc_host_rule_t  *t, *u, *sv;

    t = trackers->elts;
    any = 0;

    for (i = 0; i < trackers->nelts; i++) {
        any |= (CC_CLASS_SVC(t[i].category) >= 0);
    }

    if (!any) {
        return t;
    }

    u = ngx_palloc(cf->pool, trackers->nelts * sizeof(cc_host_rule_t));
    if (u == NULL) {
        return NULL;
    }

    ngx_memcpy(u, t, trackers->nelts * sizeof(cc_host_rule_t));

    for (i = 0; i < trackers->nelts; i++) {
        if (CC_CLASS_SVC(u[i].category) >= 0) {
            continue;
        }

        for (k = 0; k < trackers->nelts; k++) {
            sv = &t[k];

            if (CC_CLASS_SVC(sv->category) < 0
                || CC_CLASS_CAT(sv->category) != u[i].category
                || u[i].host_len < sv->host_len)
            {
                continue;
            }

            d = u[i].host_len - sv->host_len;

            if (ngx_strncasecmp((u_char *) u[i].host + d,
                                (u_char *) sv->host, sv->host_len)
                != 0
                || (d && u[i].host[d - 1] != '.'))
            {
                continue;
            }

            if (sv->path_len
                && (u[i].path_len < sv->path_len
                    || ngx_memcmp(u[i].path, sv->path, sv->path_len) != 0))
            {
                continue;
            }

            u[i].category = sv->category;
            break;
        }
    }

    return u;
}
