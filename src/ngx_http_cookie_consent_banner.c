/*
 * nginx-cookie-consent: the banner (markup by src/cc_banner.c, texts by
 * src/cc_i18n.c, CSS and JavaScript embedded by tools/embed.pl and
 * served by the endpoint location as <endpoint>/banner.css and .js).
 */


#include "ngx_http_cookie_consent_module.h"
#include "cc_banner.h"
#include "cc_i18n.h"


char *
ngx_http_cookie_consent_language_directive(ngx_conf_t *cf,
    ngx_command_t *cmd, void *conf)
{
    ngx_http_cookie_consent_loc_conf_t *lcf = conf;

    ngx_str_t  *value;

    if (lcf->language != NGX_CONF_UNSET) {
        return "is duplicate";
    }

    value = cf->args->elts;

    lcf->language = cc_i18n_lang(value[1].data, value[1].len);

    if (lcf->language < 0) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "unknown language \"%V\" in \"%V\" directive, "
                           "it must be one of the 24 EU languages (en, nl, "
                           "fr, de, ...)", &value[1], &cmd->name);
        return NGX_CONF_ERROR;
    }

    return NGX_CONF_OK;
}


/*
 * The banner for an undecided visitor, or the small "Cookie settings"
 * control for a decided one, in the language of Accept-Language (else
 * cookie_consent_language).
 */

ngx_int_t
ngx_http_cookie_consent_banner(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *consent,
    ngx_http_cookie_consent_loc_conf_t *lcf, ngx_str_t *out)
{
    size_t                                size;
    ngx_uint_t                            i;
    ngx_table_elt_t                      *al;
    cc_banner_conf_t                      c;
    cc_banner_category_t                 *cats;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    mcf = ngx_http_get_module_main_conf(r, ngx_http_cookie_consent_module);

    cats = ngx_pcalloc(r->pool,
                       mcf->ncategories * sizeof(cc_banner_category_t));
    if (cats == NULL) {
        return NGX_ERROR;
    }

    for (i = 0; i < mcf->ncategories; i++) {
        cats[i].name = mcf->names[i].data;
        cats[i].name_len = mcf->names[i].len;
        cats[i].required = (i == 0);
    }

    al = ngx_http_cookie_consent_request_header(r, "Accept-Language",
                                                sizeof("Accept-Language")
                                                - 1);

    ngx_memzero(&c, sizeof(cc_banner_conf_t));

    c.lang = cc_i18n_choose(NULL, 0, al ? al->value.data : NULL,
                            al ? al->value.len : 0, (int) lcf->language);
    c.mode = consent->decided ? CC_BANNER_REOPEN : CC_BANNER_FIRST;
    c.categories = cats;
    c.ncategories = mcf->ncategories;
    c.endpoint = mcf->endpoint.data;
    c.endpoint_len = mcf->endpoint.len;
    c.policy_url = lcf->policy_url.data;
    c.policy_len = lcf->policy_url.len;

    /* back to this page after a decision without JavaScript */

    if (cc_return_path_valid(r->unparsed_uri.data, r->unparsed_uri.len)) {
        c.return_to = r->unparsed_uri.data;
        c.return_len = r->unparsed_uri.len;
    }

    size = cc_banner_size(&c);

    out->data = ngx_pnalloc(r->pool, size);
    if (out->data == NULL) {
        return NGX_ERROR;
    }

    out->len = cc_banner_render(out->data, size, &c);

    if (out->len == 0) {
        ngx_log_error(NGX_LOG_ERR, r->connection->log, 0,
                      "cookie consent: banner did not render");
        return NGX_ERROR;
    }

    return NGX_OK;
}
