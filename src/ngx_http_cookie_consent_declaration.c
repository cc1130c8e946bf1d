/*
 * nginx-cookie-consent: the cookie declaration, GET <endpoint>/declaration
 * (docs/endpoint.md): the cookies of each category, for the site's
 * privacy policy.  What the configuration declares (the rules of
 * cookie_consent_cookies, the catalog's vendor where one classifies a
 * name) and, with a cookie_consent_zone, what the inventory saw the site
 * set (Set-Cookie only: names visitors send are not shown on a public
 * page).  HTML (cc_banner_declaration(), whole or ?embed=1 to include in
 * a page) or JSON (?format=json, or Accept: application/json).
 */


#include "ngx_http_cookie_consent_module.h"
#include "ngx_http_cookie_consent_status_zone.h"


static ngx_uint_t ngx_http_cookie_consent_decl_rows(ngx_http_request_t *r,
    ngx_http_cookie_consent_loc_conf_t *lcf, cc_banner_decl_t *rows);
static ngx_uint_t ngx_http_cookie_consent_decl_base(
    ngx_http_cookie_consent_main_conf_t *mcf);
static ngx_http_cookie_consent_rule_t *ngx_http_cookie_consent_decl_rule(
    ngx_http_cookie_consent_loc_conf_t *lcf, u_char *name, size_t len);
static ngx_int_t ngx_http_cookie_consent_decl_service(
    ngx_http_cookie_consent_loc_conf_t *lcf, cc_banner_decl_t *row);
static u_char *ngx_http_cookie_consent_decl_services(
    ngx_http_cookie_consent_main_conf_t *mcf, ngx_uint_t i, u_char *p);
static ngx_uint_t ngx_http_cookie_consent_decl_merge(cc_banner_decl_t *rows,
    ngx_uint_t n);
static int ngx_http_cookie_consent_decl_cmp(const void *one,
    const void *two);
static ngx_int_t ngx_http_cookie_consent_decl_json(ngx_http_request_t *r,
    cc_banner_decl_t *rows, ngx_uint_t n);


ngx_int_t
ngx_http_cookie_consent_declaration(ngx_http_request_t *r)
{
    int                                   l;
    size_t                                size;
    ngx_str_t                             arg, body;
    ngx_uint_t                            n, fragment, json;
    cc_banner_conf_t                      c;
    cc_banner_decl_t                     *rows;
    ngx_table_elt_t                      *h;
    ngx_http_cookie_consent_loc_conf_t   *lcf;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    mcf = ngx_http_get_module_main_conf(r, ngx_http_cookie_consent_module);
    lcf = ngx_http_get_module_loc_conf(r, ngx_http_cookie_consent_module);

    if (ngx_http_cookie_consent_decl_collect(r, &rows, &n) != NGX_OK) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    json = (ngx_http_arg(r, (u_char *) "format", sizeof("format") - 1, &arg)
            == NGX_OK
            && arg.len == 4 && ngx_strncmp(arg.data, "json", 4) == 0);

    h = ngx_http_cookie_consent_request_header(r, "Accept",
                                               sizeof("Accept") - 1);

    if (h && ngx_strlcasestrn(h->value.data, h->value.data + h->value.len,
                              (u_char *) "application/json",
                              sizeof("application/json") - 2))
    {
        json = 1;
    }

    if (json) {
        return ngx_http_cookie_consent_decl_json(r, rows, n);
    }

    fragment = (ngx_http_arg(r, (u_char *) "embed", sizeof("embed") - 1,
                             &arg)
                == NGX_OK
                && arg.len == 1 && arg.data[0] == '1');

    /* the page's language and look, as for the preferences page */

    ngx_http_cookie_consent_banner_conf(r, lcf, NULL, &c);

    if (ngx_http_arg(r, (u_char *) "lang", sizeof("lang") - 1, &arg)
        == NGX_OK)
    {
        l = cc_i18n_lang(arg.data, arg.len);

        if (l >= 0) {
            ngx_http_cookie_consent_banner_lang(mcf, &c, l);
        }
    }

    c.ascii = 0;
    c.page_css = lcf->page_css.data;
    c.page_css_len = lcf->page_css.len;

    size = cc_banner_declaration_size(&c, rows, n, (int) fragment);

    body.data = ngx_pnalloc(r->pool, size);
    if (body.data == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    body.len = cc_banner_declaration(body.data, size, &c, rows, n,
                                     (int) fragment);
    if (body.len == 0) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    return ngx_http_cookie_consent_send(r, NGX_HTTP_OK,
                                        "text/html; charset=utf-8", &body);
}


/*
 * The declaration's rows, by category then name: also the preferences
 * page's list of each category's cookies
 */

ngx_int_t
ngx_http_cookie_consent_decl_collect(ngx_http_request_t *r,
    cc_banner_decl_t **rows, ngx_uint_t *n)
{
    size_t                                nrules;
    ngx_http_cookie_consent_shm_t        *shm;
    ngx_http_cookie_consent_loc_conf_t   *lcf;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    mcf = ngx_http_get_module_main_conf(r, ngx_http_cookie_consent_module);
    lcf = ngx_http_get_module_loc_conf(r, ngx_http_cookie_consent_module);

    /*
     * room for every rule the configuration adds and every inventory
     * entry
     */

    nrules = lcf->all_rules ? lcf->all_rules->nelts : 0;
    nrules -= ngx_min(nrules, ngx_http_cookie_consent_decl_base(mcf));
    shm = ngx_http_cookie_consent_shm(r);

    if (shm && shm->inventory) {
        nrules += shm->inventory->nentries;
    }

    *rows = ngx_pcalloc(r->pool, (nrules + 1) * sizeof(cc_banner_decl_t));
    if (*rows == NULL) {
        return NGX_ERROR;
    }

    *n = ngx_http_cookie_consent_decl_rows(r, lcf, *rows);

    ngx_qsort(*rows, *n, sizeof(cc_banner_decl_t),
              ngx_http_cookie_consent_decl_cmp);

    *n = ngx_http_cookie_consent_decl_merge(*rows, *n);

    return NGX_OK;
}


/*
 * The rows: the inventory's names seen in Set-Cookie, then the rules the
 * configuration adds to the catalog or the built-in list (an exact name
 * already seen is not repeated)
 */

static ngx_uint_t
ngx_http_cookie_consent_decl_rows(ngx_http_request_t *r,
    ngx_http_cookie_consent_loc_conf_t *lcf, cc_banner_decl_t *rows)
{
    ngx_uint_t                            i, k, n, base, seen;
    cc_inv_t                             *inv;
    cc_inv_entry_t                       *e;
    ngx_http_cookie_consent_shm_t        *shm;
    ngx_http_cookie_consent_rule_t       *rule, *match;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    mcf = ngx_http_get_module_main_conf(r, ngx_http_cookie_consent_module);
    shm = ngx_http_cookie_consent_shm(r);
    inv = shm ? shm->inventory : NULL;
    n = 0;

    for (i = 0; inv && i < inv->nentries; i++) {
        e = &inv->entries[i];

        if (__atomic_load_n(&e->state, __ATOMIC_ACQUIRE) != 2
            || !(e->where & (CC_INV_RESPONSE | CC_INV_REQUEST))
            || e->category >= (int32_t) mcf->ncategories)
        {
            continue;
        }

        match = ngx_http_cookie_consent_decl_rule(lcf, e->name, e->name_len);

        rows[n].category = e->category < 0 ? -1 : (long) e->category;
        rows[n].service = -1;
        rows[n].name = e->name;
        rows[n].name_len = e->name_len;
        rows[n].lifetime = e->lifetime == CC_INV_SESSION
                           ? CC_BANNER_DECL_SESSION : (long long) e->lifetime;
        rows[n].last = (long long) e->last;

        if (!(e->where & CC_INV_RESPONSE)) {

            /*
             * only ever sent back by browsers: a cookie the site's
             * scripts set (gtag.js writes _ga itself).  Visitors choose
             * what they send and this page is public, so such a name is
             * listed only as a rule declares it: an exact name as it is,
             * a prefix as its pattern ("_ga_*"), never a regex's match
             * or an unclassified name; its lifetime is not known
             */

            if (match == NULL || e->category < 0
                || match->kind == NGX_HTTP_COOKIE_CONSENT_RULE_REGEX)
            {
                continue;
            }

            if (match->kind == NGX_HTTP_COOKIE_CONSENT_RULE_PREFIX) {
                rows[n].name = match->pattern.data;
                rows[n].name_len = match->pattern.len + 1;     /* '*' */
            }

            rows[n].lifetime = CC_BANNER_DECL_UNKNOWN;
        }

        if (match && match->vendor.len) {
            rows[n].vendor = match->vendor.data;
            rows[n].vendor_len = match->vendor.len;
        }

        rows[n].service = (match && match->service >= 0
                           && (long) match->category == rows[n].category)
                          ? match->service
                          : ngx_http_cookie_consent_decl_service(lcf,
                                                                 &rows[n]);

        n++;
    }

    if (lcf->all_rules == NULL) {
        return n;
    }

    base = ngx_http_cookie_consent_decl_base(mcf);
    rule = lcf->all_rules->elts;
    seen = n;

    for (i = base; i < lcf->all_rules->nelts; i++) {

        if (rule[i].kind == NGX_HTTP_COOKIE_CONSENT_RULE_EXACT) {
            for (k = 0; k < seen; k++) {
                if (rows[k].name_len == rule[i].pattern.len
                    && ngx_memcmp(rows[k].name, rule[i].pattern.data,
                                  rule[i].pattern.len)
                       == 0)
                {
                    break;
                }
            }

            if (k < seen) {
                continue;
            }
        }

        rows[n].category = (long) rule[i].category;
        rows[n].name = rule[i].pattern.data;

        /* a prefix's '*' is still there, after its length */

        rows[n].name_len = rule[i].pattern.len
                           + (rule[i].kind
                              == NGX_HTTP_COOKIE_CONSENT_RULE_PREFIX);
        rows[n].lifetime = CC_BANNER_DECL_UNKNOWN;
        rows[n].service = ngx_http_cookie_consent_decl_service(lcf,
                                                              &rows[n]);

        if (rule[i].vendor.len) {
            rows[n].vendor = rule[i].vendor.data;
            rows[n].vendor_len = rule[i].vendor.len;
        }

        n++;
    }

    return n;
}


/*
 * The services of category i in JSON, the third parties a visitor may
 * allow on their own: {"name":"youtube","label":"YouTube"},...
 */

static u_char *
ngx_http_cookie_consent_decl_services(
    ngx_http_cookie_consent_main_conf_t *mcf, ngx_uint_t i, u_char *p)
{
    ngx_uint_t                          k, first;
    ngx_http_cookie_consent_service_t  *svc;

    first = 1;

    for (k = 0; k < mcf->nservices; k++) {
        svc = &mcf->services[k];

        if (svc->category != i) {
            continue;
        }

        p = ngx_sprintf(p, "%s{\"name\":\"%V\",\"label\":\"",
                        first ? "" : ",", &svc->name);
        p = (u_char *) ngx_escape_json(p, svc->label.len ? svc->label.data
                                                        : svc->name.data,
                                       svc->label.len ? svc->label.len
                                                      : svc->name.len);
        p = ngx_cpymem(p, "\"}", 2);
        first = 0;
    }

    return p;
}


/*
 * The service of a row, as the location classifies its name or pattern
 * (a service's rule may claim the catalog's, rules.c), or -1
 */

static ngx_int_t
ngx_http_cookie_consent_decl_service(ngx_http_cookie_consent_loc_conf_t *lcf,
    cc_banner_decl_t *row)
{
    int     cls;
    size_t  len;

    len = row->name_len;

    if (len && row->name[len - 1] == '*') {
        len--;
    }

    if (row->category < 0 || lcf->classifier == NULL
        || cc_rules_match(lcf->classifier->table, row->name, len, &cls)
           == CC_MATCH_NONE
        || CC_CLASS_CAT(cls) != row->category)
    {
        return -1;
    }

    return CC_CLASS_SVC(cls);
}


/*
 * The rules every location's chain starts with (the catalog's, else the
 * built-in list): those after them are the configuration's own
 */

static ngx_uint_t
ngx_http_cookie_consent_decl_base(ngx_http_cookie_consent_main_conf_t *mcf)
{
    if (mcf->catalog) {
        return mcf->catalog->nelts;
    }

    return mcf->builtin ? mcf->builtin->nelts : 0;
}


/* the last rule that matches a name (the one that classifies it), or NULL */

static ngx_http_cookie_consent_rule_t *
ngx_http_cookie_consent_decl_rule(ngx_http_cookie_consent_loc_conf_t *lcf,
    u_char *name, size_t len)
{
    ngx_uint_t                       i;
#if (NGX_PCRE)
    ngx_str_t                        s;
#endif
    ngx_http_cookie_consent_rule_t  *rule;

    if (lcf->all_rules == NULL) {
        return NULL;
    }

    rule = lcf->all_rules->elts;

    for (i = lcf->all_rules->nelts; i-- > 0; /* void */) {

        switch (rule[i].kind) {

        case NGX_HTTP_COOKIE_CONSENT_RULE_EXACT:
            if (rule[i].pattern.len != len
                || ngx_memcmp(rule[i].pattern.data, name, len) != 0)
            {
                continue;
            }
            break;

        case NGX_HTTP_COOKIE_CONSENT_RULE_PREFIX:
            if (rule[i].pattern.len > len
                || ngx_memcmp(rule[i].pattern.data, name,
                              rule[i].pattern.len)
                   != 0)
            {
                continue;
            }
            break;

        default: /* NGX_HTTP_COOKIE_CONSENT_RULE_REGEX */
#if (NGX_PCRE)
            s.data = name;
            s.len = len;

            if (ngx_regex_exec(rule[i].regex, &s, NULL, 0) < 0) {
                continue;
            }
            break;
#else
            continue;
#endif
        }

        return &rule[i];
    }

    return NULL;
}


/*
 * Rows of one category and name (a prefix's pattern, from names browsers
 * sent and from the configuration) become one: the latest sighting, the
 * longest lifetime, a provider and a service if any has one
 */

static ngx_uint_t
ngx_http_cookie_consent_decl_merge(cc_banner_decl_t *rows, ngx_uint_t n)
{
    ngx_uint_t         i, k;
    cc_banner_decl_t  *a, *b;

    for (i = 1, k = 0; i < n; i++) {
        a = &rows[k];
        b = &rows[i];

        if (a->category != b->category || a->name_len != b->name_len
            || ngx_memcmp(a->name, b->name, a->name_len) != 0)
        {
            rows[++k] = *b;
            continue;
        }

        a->last = ngx_max(a->last, b->last);
        a->lifetime = ngx_max(a->lifetime, b->lifetime);

        if (a->vendor == NULL) {
            a->vendor = b->vendor;
            a->vendor_len = b->vendor_len;
        }

        if (a->service < 0) {
            a->service = b->service;
        }
    }

    return n ? k + 1 : 0;
}


/* by category (the unclassified last), then by name */

static int
ngx_http_cookie_consent_decl_cmp(const void *one, const void *two)
{
    int                      rc;
    size_t                   n;
    const cc_banner_decl_t  *a = one;
    const cc_banner_decl_t  *b = two;

    if (a->category != b->category) {
        return (a->category < 0) ? 1
               : (b->category < 0) ? -1
               : (a->category < b->category) ? -1 : 1;
    }

    n = ngx_min(a->name_len, b->name_len);
    rc = ngx_memcmp(a->name, b->name, n);

    if (rc != 0) {
        return rc;
    }

    return (a->name_len < b->name_len) ? -1 : (a->name_len > b->name_len);
}


/*
 * {"categories":[{"name":"analytics","cookies":[{"name":"_ga",
 * "provider":"Google","lifetime":63072000,"last_seen":1765000000}]}],
 * "unclassified":[...]}: lifetime in seconds, -1 a session cookie, null
 * not known; last_seen null for a rule never seen
 */

static ngx_int_t
ngx_http_cookie_consent_decl_json(ngx_http_request_t *r,
    cc_banner_decl_t *rows, ngx_uint_t n)
{
    u_char                               *p;
    size_t                                len;
    ngx_str_t                             body;
    ngx_uint_t                            i, k, first;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    mcf = ngx_http_get_module_main_conf(r, ngx_http_cookie_consent_module);

    len = sizeof("{\"categories\":[],\"unclassified\":[]}\n");

    for (i = 0; i < mcf->ncategories; i++) {
        len += sizeof(",{\"name\":\"\",\"services\":[],\"cookies\":[]}")
               + mcf->names[i].len;
    }

    for (i = 0; i < mcf->nservices; i++) {
        len += sizeof(",{\"name\":\"\",\"label\":\"\"}")
               + 2 * mcf->services[i].name.len        /* a label, or it */
               + mcf->services[i].label.len
               + ngx_escape_json(NULL, mcf->services[i].label.data,
                                 mcf->services[i].label.len);
    }

    for (k = 0; k < n; k++) {
        len += sizeof(",{\"name\":\"\",\"provider\":\"\",\"service\":\"\","
                      "\"lifetime\":,\"last_seen\":}")
               + CC_CATEGORY_MAX_LEN + 2 * NGX_INT64_LEN
               + ngx_escape_json(NULL, (u_char *) rows[k].name,
                                 rows[k].name_len)
               + rows[k].name_len
               + (rows[k].vendor ? ngx_escape_json(NULL,
                                                   (u_char *) rows[k].vendor,
                                                   rows[k].vendor_len)
                                   + rows[k].vendor_len
                                 : sizeof("null"));
    }

    body.data = ngx_pnalloc(r->pool, len);
    if (body.data == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    p = ngx_cpymem(body.data, "{\"categories\":[",
                   sizeof("{\"categories\":[") - 1);

    for (i = 0; i <= mcf->ncategories; i++) {

        if (i == mcf->ncategories) {
            p = ngx_cpymem(p, "],\"unclassified\":[",
                           sizeof("],\"unclassified\":[") - 1);

        } else {
            p = ngx_sprintf(p, "%s{\"name\":\"%V\",\"services\":[",
                            i ? "," : "", &mcf->names[i]);
            p = ngx_http_cookie_consent_decl_services(mcf, i, p);
            p = ngx_cpymem(p, "],\"cookies\":[", sizeof("],\"cookies\":[")
                                                  - 1);
        }

        first = 1;

        for (k = 0; k < n; k++) {
            if (rows[k].category
                != (i == mcf->ncategories ? -1 : (long) i))
            {
                continue;
            }

            p = ngx_sprintf(p, "%s{\"name\":\"", first ? "" : ",");
            p = (u_char *) ngx_escape_json(p, (u_char *) rows[k].name,
                                           rows[k].name_len);
            p = ngx_cpymem(p, "\",\"provider\":", 13);

            if (rows[k].vendor) {
                *p++ = '"';
                p = (u_char *) ngx_escape_json(p, (u_char *) rows[k].vendor,
                                               rows[k].vendor_len);
                *p++ = '"';

            } else {
                p = ngx_cpymem(p, "null", 4);
            }

            if (rows[k].service >= 0
                && (ngx_uint_t) rows[k].service < mcf->nservices)
            {
                p = ngx_sprintf(p, ",\"service\":\"%V\"",
                                &mcf->services[rows[k].service].name);

            } else {
                p = ngx_cpymem(p, ",\"service\":null", 15);
            }

            if (rows[k].lifetime == CC_BANNER_DECL_UNKNOWN) {
                p = ngx_cpymem(p, ",\"lifetime\":null", 16);

            } else {
                p = ngx_sprintf(p, ",\"lifetime\":%L",
                                (int64_t) rows[k].lifetime);
            }

            if (rows[k].last > 0) {
                p = ngx_sprintf(p, ",\"last_seen\":%L}",
                                (int64_t) rows[k].last);

            } else {
                p = ngx_cpymem(p, ",\"last_seen\":null}", 18);
            }

            first = 0;
        }

        if (i < mcf->ncategories) {
            p = ngx_cpymem(p, "]}", 2);
        }
    }

    p = ngx_cpymem(p, "]}\n", 3);
    body.len = p - body.data;

    return ngx_http_cookie_consent_send(r, NGX_HTTP_OK, "application/json",
                                        &body);
}
