/*
 * nginx-cookie-consent: enforces cookie consent in nginx.
 *
 * This file is the module's wiring: its directives, its configuration
 * (create, merge, postconfiguration) and the categories; the few header
 * helpers every glue file uses are in headers.c.  What each phase does is
 * in a file of its own (ngx_http_cookie_consent_module.h lists them,
 * docs/architecture.md tells the request's path); the parsers are the
 * nginx-free cc_* files.
 */


#include "ngx_http_cookie_consent_module.h"
#include "cc_i18n.h"
#include "cc_html.h"


static void *ngx_http_cookie_consent_create_main_conf(ngx_conf_t *cf);
static void *ngx_http_cookie_consent_create_loc_conf(ngx_conf_t *cf);
static char *ngx_http_cookie_consent_merge_loc_conf(ngx_conf_t *cf,
    void *parent, void *child);
static ngx_int_t ngx_http_cookie_consent_init(ngx_conf_t *cf);

static ngx_int_t ngx_http_cookie_consent_banner_langs(ngx_conf_t *cf,
    ngx_http_cookie_consent_main_conf_t *mcf);
static char *ngx_http_cookie_consent_mode(ngx_conf_t *cf,
    ngx_command_t *cmd, void *conf);
static char *ngx_http_cookie_consent_category_decl(ngx_conf_t *cf,
    ngx_command_t *cmd, void *conf);
static char *ngx_http_cookie_consent_revision(ngx_conf_t *cf,
    ngx_command_t *cmd, void *conf);
static char *ngx_http_cookie_consent_log_address(ngx_conf_t *cf,
    ngx_command_t *cmd, void *conf);
static char *ngx_http_cookie_consent_unknown(ngx_conf_t *cf,
    ngx_command_t *cmd, void *conf);


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

    { ngx_string("cookie_consent_service"),
      NGX_HTTP_MAIN_CONF|NGX_CONF_2MORE,
      ngx_http_cookie_consent_service_decl,
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

    { ngx_string("cookie_consent_banner_layout"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_1MORE,
      ngx_http_cookie_consent_banner_layout,
      NGX_HTTP_LOC_CONF_OFFSET,
      0,
      NULL },

    { ngx_string("cookie_consent_gcm"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_FLAG,
      ngx_conf_set_flag_slot,
      NGX_HTTP_LOC_CONF_OFFSET,
      offsetof(ngx_http_cookie_consent_loc_conf_t, gcm),
      NULL },

    { ngx_string("cookie_consent_log_address"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_TAKE1,
      ngx_http_cookie_consent_log_address,
      NGX_HTTP_LOC_CONF_OFFSET,
      0,
      NULL },

    { ngx_string("cookie_consent_policy_url"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_TAKE1,
      ngx_conf_set_str_slot,
      NGX_HTTP_LOC_CONF_OFFSET,
      offsetof(ngx_http_cookie_consent_loc_conf_t, policy_url),
      NULL },

    { ngx_string("cookie_consent_page_stylesheet"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_TAKE1,
      ngx_conf_set_str_slot,
      NGX_HTTP_LOC_CONF_OFFSET,
      offsetof(ngx_http_cookie_consent_loc_conf_t, page_css),
      NULL },

    { ngx_string("cookie_consent_revision_message"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_TAKE12,
      ngx_http_cookie_consent_revision_message,
      NGX_HTTP_LOC_CONF_OFFSET,
      0,
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


static char *ngx_http_cookie_consent_default_categories[] = {
    "necessary", "preferences", "analytics", "marketing", NULL
};


/* categories */

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
     *     conf->require_services = 0;
     *     conf->require_status = 0;
     */

    conf->mode = NGX_CONF_UNSET_UINT;
    conf->unknown = NGX_CONF_UNSET;
    conf->log_address = NGX_CONF_UNSET;
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
    conf->banner_layout = NGX_CONF_UNSET_UINT;
    conf->language = NGX_CONF_UNSET;
    conf->revision_messages = NGX_CONF_UNSET_PTR;
    conf->gcm = NGX_CONF_UNSET;

    return conf;
}


static char *
ngx_http_cookie_consent_merge_loc_conf(ngx_conf_t *cf, void *parent,
    void *child)
{
    ngx_http_cookie_consent_loc_conf_t *prev = parent;
    ngx_http_cookie_consent_loc_conf_t *conf = child;

    ngx_http_cookie_consent_main_conf_t  *mcf;

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

    if (conf->banner_layout == NGX_CONF_UNSET_UINT) {
        conf->banner_layout = prev->banner_layout;
        conf->banner_wall = prev->banner_wall;
        conf->banner_theme = prev->banner_theme;
        conf->banner_reopen_right = prev->banner_reopen_right;
    }

    if (conf->banner_layout == NGX_CONF_UNSET_UINT) {
        conf->banner_layout = CC_BANNER_BAR;
        conf->banner_wall = 0;
        conf->banner_theme = CC_BANNER_THEME_AUTO;
        conf->banner_reopen_right = 0;
    }

    ngx_conf_merge_value(conf->gcm, prev->gcm, 0);
    ngx_conf_merge_str_value(conf->policy_url, prev->policy_url, "");
    ngx_conf_merge_str_value(conf->page_css, prev->page_css, "");

    if (prev->skeletons
        && conf->policy_url.data == prev->policy_url.data
        && conf->banner_template.data == prev->banner_template.data
        && conf->banner_layout == prev->banner_layout
        && conf->banner_wall == prev->banner_wall
        && conf->banner_theme == prev->banner_theme
        && conf->banner_reopen_right == prev->banner_reopen_right)
    {
        conf->skeletons = prev->skeletons;

    } else {
        conf->skeletons = ngx_pcalloc(cf->pool,
                                      NGX_HTTP_COOKIE_CONSENT_SKELETONS
                                      * sizeof(void *));
        if (conf->skeletons == NULL) {
            return NGX_CONF_ERROR;
        }
    }

    /*
     * the banner's first layer must link the policy: said once per
     * configuration, where the banner would go without one
     */

    mcf = ngx_http_conf_get_module_main_conf(cf,
                                             ngx_http_cookie_consent_module);

    if (conf->policy_url.len == 0 && conf->banner != 0 && conf->html != 0
        && conf->mode != NGX_HTTP_COOKIE_CONSENT_OFF
        && mcf->endpoint.len && !mcf->policy_warned)
    {
        mcf->policy_warned = 1;

        ngx_conf_log_error(NGX_LOG_WARN, cf, 0,
                           "the cookie banner has no policy link: set "
                           "\"cookie_consent_policy_url\" (the first layer "
                           "must link the cookie policy)");
    }
    ngx_conf_merge_value(conf->log_address, prev->log_address,
                         NGX_HTTP_COOKIE_CONSENT_ANALYTICS);
    ngx_conf_merge_value(conf->language, prev->language, CC_I18N_EN);
    ngx_conf_merge_ptr_value(conf->revision_messages,
                             prev->revision_messages, NULL);

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

    for (i = 0; i < mcf->nservices; i++) {
        len += mcf->services[i].name.len + 1;
    }

    if (len > CC_TOKEN_MAX_LEN) {
        ngx_log_error(NGX_LOG_EMERG, cf->log, 0,
                      "the %ui category and %ui service names are too long "
                      "together for the consent cookie (%uz bytes, at "
                      "most %d): use shorter or fewer names",
                      mcf->ncategories, mcf->nservices, len,
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

    if (mcf->nservices) {
        mcf->banner_services = ngx_pcalloc(cf->pool, mcf->nservices
                                           * sizeof(cc_banner_service_t));
        if (mcf->banner_services == NULL) {
            return NGX_ERROR;
        }

        for (i = 0; i < mcf->nservices; i++) {
            mcf->banner_services[i].name = mcf->services[i].name.data;
            mcf->banner_services[i].name_len = mcf->services[i].name.len;
            mcf->banner_services[i].label = mcf->services[i].label.data;
            mcf->banner_services[i].label_len = mcf->services[i].label.len;
            mcf->banner_services[i].category = mcf->services[i].category;
        }
    }

    if (ngx_http_cookie_consent_banner_langs(cf, mcf) != NGX_OK) {
        return NGX_ERROR;
    }

    /* validators of rewritten pages never match another configuration's */

    mcf->generation = (uint32_t) ngx_random();

    /* consent cookies verified under an earlier configuration (cookie.c) */

    ngx_http_cookie_consent_token_cache_init();

    /* Set-Cookie lines counted in an earlier configuration (inventory.c) */

    ngx_http_cookie_consent_imemo_init();

    /* placeholders rendered for an earlier configuration (banner.c) */

    ngx_http_cookie_consent_pcache_init();

    /*
     * tracker URLs and inline scripts classified under an earlier
     * configuration (cc_html.c): workers forked after a reload start
     * empty, a process that reads the new configuration itself
     * (master_process off) does not
     */

    cc_html_memo_reset();

    /* the phases: preaccess (access.c), the header filter */

    if (ngx_http_cookie_consent_access_init(cf) != NGX_OK) {
        return NGX_ERROR;
    }

    return ngx_http_cookie_consent_header_filter_init(cf);
}

/*
 * The categories as the banner lists them in each of its languages: the
 * catalog's label and description in that language; else, for the four
 * built-in categories, the built-in text of that language; else the
 * catalog's English one; else the category's name (cc_banner.c)
 */

static ngx_int_t
ngx_http_cookie_consent_banner_langs(ngx_conf_t *cf,
    ngx_http_cookie_consent_main_conf_t *mcf)
{
    int                    lang;
    ngx_str_t             *t, *label, *purpose;
    ngx_uint_t             i, any;
    cc_banner_category_t  *cats;

    any = 0;

    for (i = 0; i < mcf->ncategories; i++) {
        any |= (mcf->texts[i] != NULL);
    }

    if (!any) {
        return NGX_OK;                    /* the built-in texts only */
    }

    for (lang = 0; lang < CC_I18N_NLANGS; lang++) {

        cats = ngx_pcalloc(cf->pool,
                           mcf->ncategories * sizeof(cc_banner_category_t));
        if (cats == NULL) {
            return NGX_ERROR;
        }

        for (i = 0; i < mcf->ncategories; i++) {
            cats[i] = mcf->banner_categories[i];

            t = mcf->texts[i];

            if (t == NULL) {
                continue;
            }

            label = &t[lang];
            purpose = &t[CC_I18N_NLANGS + lang];

            if (label->len == 0
                && cc_i18n_category(lang, cats[i].name, cats[i].name_len, 0)
                   == NULL)
            {
                label = &t[CC_I18N_EN];
            }

            if (purpose->len == 0
                && cc_i18n_category(lang, cats[i].name, cats[i].name_len, 1)
                   == NULL)
            {
                purpose = &t[CC_I18N_NLANGS + CC_I18N_EN];
            }

            cats[i].label = label->data;
            cats[i].label_len = label->len;
            cats[i].purpose = purpose->data;
            cats[i].purpose_len = purpose->len;
        }

        mcf->banner_langs[lang] = cats;
    }

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
    ngx_uint_t   i;

    value = cf->args->elts;

    for (i = 1; i < cf->args->nelts; i++) {

        if (!cc_category_name_valid(value[i].data, value[i].len)) {
            ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                               "invalid category name \"%V\" in \"%V\" "
                               "directive, it must be 1 to 32 characters "
                               "a-z, 0-9 or _", &value[i], &cmd->name);
            return NGX_CONF_ERROR;
        }

        if (ngx_http_cookie_consent_reserved(&value[i])) {
            ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                               "category name \"%V\" in \"%V\" directive "
                               "is reserved: $consent_%V is a variable "
                               "of its own", &value[i], &cmd->name,
                               &value[i]);
            return NGX_CONF_ERROR;
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

        if (ngx_http_cookie_consent_service(mcf, value[i].data,
                                            value[i].len)
            >= 0)
        {
            ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                               "category \"%V\" has the name of a service",
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


/* $consent_log_addr: the whole address once this category is granted */

static char *
ngx_http_cookie_consent_log_address(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf)
{
    ngx_http_cookie_consent_loc_conf_t *lcf = conf;

    ngx_str_t  *value;

    if (lcf->log_address != NGX_CONF_UNSET) {
        return "is duplicate";
    }

    value = cf->args->elts;

    lcf->log_address = ngx_http_cookie_consent_find_category(cf, &value[1]);

    if (lcf->log_address < 0) {
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
