/*
 * nginx-cookie-consent: the JSON catalog (src/cc_catalog.c parses it).
 *
 *   cookie_consent_catalog /usr/share/nginx-cookie-consent/default.json;
 *
 * Its categories are declared, its cookie and tracker rules replace the
 * built-in sets; nginx.conf rules still override them.
 */


#include "ngx_http_cookie_consent_module.h"
#include "cc_catalog.h"


typedef struct {
    ngx_conf_t                           *cf;
    ngx_http_cookie_consent_main_conf_t  *mcf;
} ngx_http_cookie_consent_catalog_ctx_t;


static int ngx_http_cookie_consent_catalog_category(void *data,
    const cc_catalog_category_t *c, char *err, size_t errlen);
static int ngx_http_cookie_consent_catalog_texts(
    ngx_http_cookie_consent_catalog_ctx_t *ctx, ngx_uint_t cat,
    const cc_catalog_category_t *c);
static ngx_int_t ngx_http_cookie_consent_catalog_text(ngx_conf_t *cf,
    ngx_str_t *texts, const cc_catalog_text_t *t, size_t n);
static ngx_int_t ngx_http_cookie_consent_catalog_copy(ngx_conf_t *cf,
    ngx_str_t *s, const char *prefix, const char *p, size_t len);
static int ngx_http_cookie_consent_catalog_cookie(void *data,
    cc_catalog_kind_e kind, const char *pattern, size_t len,
    const char *category, const char *vendor, char *err, size_t errlen);
static int ngx_http_cookie_consent_catalog_tracker(void *data,
    const char *host, const char *path, const char *category,
    const char *vendor, char *err, size_t errlen);


static int
ngx_http_cookie_consent_catalog_category(void *data,
    const cc_catalog_category_t *c, char *err, size_t errlen)
{
    ngx_http_cookie_consent_catalog_ctx_t *ctx = data;

    u_char                               *name;
    ngx_int_t                             cat;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    mcf = ctx->mcf;

    cat = ngx_http_cookie_consent_category(mcf, (u_char *) c->name,
                                           c->name_len);

    if (cat >= 0) {
        if (c->required && !(c->name_len == 9
                             && ngx_strncmp(c->name, "necessary", 9) == 0))
        {
            ngx_snprintf((u_char *) err, errlen,
                         "only \"necessary\" can be required%Z");
            return -1;
        }

        return ngx_http_cookie_consent_catalog_texts(ctx, cat, c);
    }

    if (c->required) {
        ngx_snprintf((u_char *) err, errlen,
                     "only \"necessary\" can be required%Z");
        return -1;
    }

    /* one list of names in the consent cookie: never a service's */

    if (ngx_http_cookie_consent_service(mcf, (u_char *) c->name,
                                        c->name_len)
        >= 0)
    {
        ngx_snprintf((u_char *) err, errlen,
                     "category \"%*s\" has the name of a service%Z",
                     c->name_len, c->name);
        return -1;
    }

    if (mcf->ncategories == NGX_HTTP_COOKIE_CONSENT_MAX_CATS
        || !cc_category_name_valid((u_char *) c->name, c->name_len))
    {
        ngx_snprintf((u_char *) err, errlen,
                     "category \"%*s\" cannot be declared (a-z, 0-9, _; "
                     "at most %d categories)%Z", c->name_len, c->name,
                     NGX_HTTP_COOKIE_CONSENT_MAX_CATS);
        return -1;
    }

    name = ngx_pnalloc(ctx->cf->pool, c->name_len + 1);
    if (name == NULL) {
        return -1;
    }

    ngx_memcpy(name, c->name, c->name_len);
    name[c->name_len] = '\0';

    mcf->names[mcf->ncategories].data = name;
    mcf->names[mcf->ncategories].len = c->name_len;
    mcf->cnames[mcf->ncategories] = (const char *) name;
    mcf->all |= (uint32_t) 1 << mcf->ncategories;
    mcf->ncategories++;

    return ngx_http_cookie_consent_catalog_texts(ctx, mcf->ncategories - 1,
                                                 c);
}


/*
 * A category's labels and descriptions, for the languages the banner
 * speaks ("pt-BR" serves "pt" when the catalog has no "pt" itself)
 */

static int
ngx_http_cookie_consent_catalog_texts(
    ngx_http_cookie_consent_catalog_ctx_t *ctx, ngx_uint_t cat,
    const cc_catalog_category_t *c)
{
    ngx_str_t  *texts;

    if (c->nlabels == 0 && c->ndescriptions == 0) {
        return 0;
    }

    texts = ctx->mcf->texts[cat];

    if (texts == NULL) {
        texts = ngx_pcalloc(ctx->cf->pool,
                            2 * CC_I18N_NLANGS * sizeof(ngx_str_t));
        if (texts == NULL) {
            return -1;
        }

        ctx->mcf->texts[cat] = texts;
    }

    if (ngx_http_cookie_consent_catalog_text(ctx->cf, texts, c->labels,
                                             c->nlabels)
        != NGX_OK
        || ngx_http_cookie_consent_catalog_text(ctx->cf,
                                                texts + CC_I18N_NLANGS,
                                                c->descriptions,
                                                c->ndescriptions)
           != NGX_OK)
    {
        return -1;
    }

    return 0;
}


static ngx_int_t
ngx_http_cookie_consent_catalog_text(ngx_conf_t *cf, ngx_str_t *texts,
    const cc_catalog_text_t *t, size_t n)
{
    int      lang;
    size_t   i, len;
    u_char  *p;

    for (i = 0; i < n; i++) {
        len = ngx_strlen(t[i].lang);
        lang = cc_i18n_lang((const u_char *) t[i].lang, len);

        /* a regional text only where the language has none of its own */

        if (lang < 0 || (texts[lang].len && len != 2)) {
            continue;
        }

        p = ngx_pnalloc(cf->pool, t[i].len);
        if (p == NULL) {
            return NGX_ERROR;
        }

        ngx_memcpy(p, t[i].text, t[i].len);

        texts[lang].data = p;
        texts[lang].len = t[i].len;
    }

    return NGX_OK;
}


static ngx_int_t
ngx_http_cookie_consent_catalog_copy(ngx_conf_t *cf, ngx_str_t *s,
    const char *prefix, const char *p, size_t len)
{
    size_t  plen;

    plen = ngx_strlen(prefix);

    s->data = ngx_pnalloc(cf->pool, plen + len + 1);
    if (s->data == NULL) {
        return NGX_ERROR;
    }

    ngx_memcpy(s->data, prefix, plen);
    ngx_memcpy(s->data + plen, p, len);
    s->len = plen + len;
    s->data[s->len] = '\0';

    return NGX_OK;
}


static int
ngx_http_cookie_consent_catalog_cookie(void *data, cc_catalog_kind_e kind,
    const char *pattern, size_t len, const char *category,
    const char *vendor, char *err, size_t errlen)
{
    ngx_http_cookie_consent_catalog_ctx_t *ctx = data;

    ngx_int_t                        cat;
    ngx_str_t                        p;
    ngx_http_cookie_consent_rule_t  *rule;

    cat = ngx_http_cookie_consent_category(ctx->mcf, (u_char *) category,
                                           ngx_strlen(category));
    if (cat < 0) {
        ngx_snprintf((u_char *) err, errlen, "unknown category%Z");
        return -1;
    }

    if (ngx_http_cookie_consent_catalog_copy(ctx->cf, &p,
                                    kind == CC_CATALOG_REGEX ? "~" : "",
                                    pattern, len)
        != NGX_OK)
    {
        return -1;
    }

    if (kind == CC_CATALOG_PREFIX) {
        p.data[p.len++] = '*';      /* over the terminating '\0' */
    }

    if (cat == 0
        && ngx_http_cookie_consent_exempt_check(ctx->cf, p.data, p.len,
                                                "the catalog")
           != NGX_OK)
    {
        return -1;
    }

    if (ngx_http_cookie_consent_add_rule(ctx->cf, ctx->mcf->catalog, cat,
                                         &p)
        != NGX_OK)
    {
        ngx_snprintf((u_char *) err, errlen, "invalid %s \"%V\"%Z",
                     cc_catalog_kind_name(kind), &p);
        return -1;
    }

    /* the vendor, for the cookie declaration */

    if (vendor != NULL && vendor[0] != '\0') {
        rule = (ngx_http_cookie_consent_rule_t *) ctx->mcf->catalog->elts
               + ctx->mcf->catalog->nelts - 1;

        rule->vendor.len = ngx_strlen(vendor);
        rule->vendor.data = ngx_pnalloc(ctx->cf->pool, rule->vendor.len);
        if (rule->vendor.data == NULL) {
            return -1;
        }

        ngx_memcpy(rule->vendor.data, vendor, rule->vendor.len);
    }

    return 0;
}


static int
ngx_http_cookie_consent_catalog_tracker(void *data, const char *host,
    const char *path, const char *category, const char *vendor, char *err,
    size_t errlen)
{
    ngx_http_cookie_consent_catalog_ctx_t *ctx = data;

    ngx_int_t   cat;
    ngx_str_t   rule, *v;

    cat = ngx_http_cookie_consent_category(ctx->mcf, (u_char *) category,
                                           ngx_strlen(category));
    if (cat < 0) {
        ngx_snprintf((u_char *) err, errlen, "unknown category%Z");
        return -1;
    }

    if (ngx_http_cookie_consent_catalog_copy(ctx->cf, &rule, host,
                                             path ? path : "",
                                             path ? ngx_strlen(path) : 0)
        != NGX_OK)
    {
        return -1;
    }

    if (ngx_http_cookie_consent_add_tracker(ctx->cf,
                                            ctx->mcf->catalog_trackers, cat,
                                            &rule)
        != NGX_OK)
    {
        ngx_snprintf((u_char *) err, errlen, "invalid tracker \"%V\"%Z",
                     &rule);
        return -1;
    }

    /* its vendor, for cookie_consent_service vendor= */

    if (ctx->mcf->catalog_vendors == NULL) {
        ctx->mcf->catalog_vendors = ngx_array_create(ctx->cf->pool, 128,
                                                     sizeof(ngx_str_t));
        if (ctx->mcf->catalog_vendors == NULL) {
            return -1;
        }
    }

    v = ngx_array_push(ctx->mcf->catalog_vendors);
    if (v == NULL) {
        return -1;
    }

    v->len = (vendor != NULL) ? ngx_strlen(vendor) : 0;
    v->data = NULL;

    if (v->len) {
        v->data = ngx_pnalloc(ctx->cf->pool, v->len);
        if (v->data == NULL) {
            return -1;
        }

        ngx_memcpy(v->data, vendor, v->len);
    }

    return 0;
}


char *
ngx_http_cookie_consent_catalog(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf)
{
    ngx_http_cookie_consent_main_conf_t *mcf = conf;

    char                                   err[CC_CATALOG_ERRLEN];
    ngx_str_t                             *value, file;
    cc_catalog_stats_t                     stats;
    cc_catalog_handler_t                   h;
    ngx_http_cookie_consent_catalog_ctx_t  ctx;

    if (mcf->catalog) {
        return "is duplicate";
    }

    value = cf->args->elts;
    file = value[1];

    if (ngx_conf_full_name(cf->cycle, &file, 1) != NGX_OK) {
        return NGX_CONF_ERROR;
    }

    mcf->catalog = ngx_array_create(cf->pool, 2048,
                                    sizeof(ngx_http_cookie_consent_rule_t));
    mcf->catalog_trackers = ngx_array_create(cf->pool, 256,
                                             sizeof(cc_host_rule_t));
    if (mcf->catalog == NULL || mcf->catalog_trackers == NULL) {
        return NGX_CONF_ERROR;
    }

    ctx.cf = cf;
    ctx.mcf = mcf;

    ngx_memzero(&h, sizeof(cc_catalog_handler_t));
    h.data = &ctx;
    h.on_category = ngx_http_cookie_consent_catalog_category;
    h.on_cookie = ngx_http_cookie_consent_catalog_cookie;
    h.on_tracker = ngx_http_cookie_consent_catalog_tracker;

    err[0] = '\0';

    if (cc_catalog_load_file((char *) file.data, &h, &stats, err,
                             sizeof(err))
        != CC_CATALOG_OK)
    {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "invalid catalog \"%V\" in \"%V\" directive: %s",
                           &file, &cmd->name, err);
        return NGX_CONF_ERROR;
    }

    ngx_conf_log_error(NGX_LOG_DEBUG, cf, 0,
                       "catalog \"%V\": %uz categories, %uz cookie rules, "
                       "%uz tracker rules", &file, stats.categories,
                       stats.cookies, stats.trackers);

    return NGX_CONF_OK;
}
