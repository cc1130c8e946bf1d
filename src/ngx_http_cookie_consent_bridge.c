/*
 * nginx-cookie-consent: bridge mode, the consent recorded by a consent
 * manager the site already runs (src/cc_bridge.c parses the cookies).
 *
 *   cookie_consent_bridge onetrust map=C0005:social;
 *
 * The module's own consent cookie wins when valid; otherwise the first
 * configured source whose cookie parses to a decision.
 */


#include "ngx_http_cookie_consent_module.h"
#include "cc_bridge.h"


typedef struct {
    ngx_int_t         source;
    cc_bridge_map_t  *map;
    ngx_uint_t        nmap;
} ngx_http_cookie_consent_bridge_t;


static ngx_int_t ngx_http_cookie_consent_bridge_one(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx,
    ngx_http_cookie_consent_bridge_t *b);


char *
ngx_http_cookie_consent_bridge(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf)
{
    ngx_http_cookie_consent_loc_conf_t *lcf = conf;

    u_char                            *colon;
    ngx_int_t                          source;
    ngx_str_t                         *value, ours;
    ngx_uint_t                         i, j;
    cc_bridge_map_t                   *m;
    ngx_http_cookie_consent_bridge_t  *b;

    value = cf->args->elts;

    source = cc_bridge_source(value[1].data, value[1].len);

    if (source < 0) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "unknown source \"%V\" in \"%V\" directive, it "
                           "must be cookieconsent, klaro, cookiebot, "
                           "onetrust, complianz, tarteaucitron or tcf",
                           &value[1], &cmd->name);
        return NGX_CONF_ERROR;
    }

    if (lcf->bridges == NULL) {
        lcf->bridges = ngx_array_create(cf->pool, 2,
                                     sizeof(ngx_http_cookie_consent_bridge_t));
        if (lcf->bridges == NULL) {
            return NGX_CONF_ERROR;
        }
    }

    b = lcf->bridges->elts;

    for (j = 0; j < lcf->bridges->nelts; j++) {
        if (b[j].source == source) {
            ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                               "source \"%V\" is already configured",
                               &value[1]);
            return NGX_CONF_ERROR;
        }
    }

    b = ngx_array_push(lcf->bridges);
    if (b == NULL) {
        return NGX_CONF_ERROR;
    }

    b->source = source;
    b->nmap = 0;
    b->map = ngx_palloc(cf->pool, (cf->args->nelts - 1)
                                  * sizeof(cc_bridge_map_t));
    if (b->map == NULL) {
        return NGX_CONF_ERROR;
    }

    for (i = 2; i < cf->args->nelts; i++) {

        if (ngx_strncmp(value[i].data, "map=", 4) != 0) {
            goto invalid;
        }

        colon = NULL;

        for (j = value[i].len; j > 4; j--) {
            if (value[i].data[j - 1] == ':') {
                colon = &value[i].data[j - 1];
                break;
            }
        }

        if (colon == NULL || colon == value[i].data + 4) {
            goto invalid;
        }

        ours.data = colon + 1;
        ours.len = value[i].data + value[i].len - ours.data;

        /* "none": a name of theirs that grants nothing */

        if (!(ours.len == 4 && ngx_strncmp(ours.data, "none", 4) == 0)
            && ngx_http_cookie_consent_find_category(cf, &ours) < 0)
        {
            return NGX_CONF_ERROR;
        }

        m = &b->map[b->nmap++];
        m->theirs = value[i].data + 4;
        m->theirs_len = colon - m->theirs;
        m->ours = ours.data;
        m->ours_len = ours.len;
    }

    return NGX_CONF_OK;

invalid:

    ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                       "invalid parameter \"%V\" in \"%V\" directive, it "
                       "must be map=THEIRS:OURS or map=THEIRS:none",
                       &value[i], &cmd->name);
    return NGX_CONF_ERROR;
}


/*
 * Called when the visitor has no valid consent cookie of ours; reads the
 * request's Cookie header values as sent.  Sets ctx decided/granted/source
 * on the first source that yields a decision.
 */

ngx_int_t
ngx_http_cookie_consent_bridges(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx,
    ngx_http_cookie_consent_loc_conf_t *lcf)
{
    ngx_uint_t                         i;
    ngx_http_cookie_consent_bridge_t  *b;

    b = lcf->bridges->elts;

    for (i = 0; i < lcf->bridges->nelts; i++) {
        if (ngx_http_cookie_consent_bridge_one(r, ctx, &b[i]) == NGX_OK) {
            return NGX_OK;
        }
    }

    return NGX_DECLINED;
}


static ngx_int_t
ngx_http_cookie_consent_bridge_one(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx,
    ngx_http_cookie_consent_bridge_t *b)
{
    int                                   rc;
    size_t                                nlen, alen, plen;
    ngx_uint_t                            found, prefix;
    const char                           *name, *aux;
    cc_cookie_pair_t                      pair, cookie;
    cc_bridge_conf_t                      conf;
    cc_bridge_result_t                    res;
    ngx_http_cookie_consent_pairs_t       it;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    mcf = ngx_http_get_module_main_conf(r, ngx_http_cookie_consent_module);

    name = cc_bridge_cookie_name(b->source);
    nlen = ngx_strlen(name);
    prefix = cc_bridge_cookie_is_prefix(b->source);
    aux = cc_bridge_aux_cookie_name(b->source);
    alen = aux ? ngx_strlen(aux) : 0;

    ngx_memzero(&conf, sizeof(cc_bridge_conf_t));
    conf.map = b->map;
    conf.nmap = b->nmap;
    conf.category = ngx_http_cookie_consent_category_cb;
    conf.data = mcf;
    conf.now = ngx_time();

    cc_bridge_result_init(&res);

    found = 0;
    ngx_memzero(&cookie, sizeof(cc_cookie_pair_t));

    ngx_memzero(&it, sizeof(ngx_http_cookie_consent_pairs_t));

    while (ngx_http_cookie_consent_next_pair(r, ctx, &it, &pair)) {

        if (aux && pair.name_len == alen
            && ngx_strncmp(pair.name, aux, alen) == 0)
        {
            conf.flags |= CC_BRIDGE_F_ALERT_CLOSED;
            continue;
        }

        if (prefix) {
            plen = nlen;

            if (pair.name_len > plen
                && ngx_strncmp(pair.name, name, plen) == 0)
            {
                /* complianz: one cookie per category */
                if (cc_bridge_complianz_add(&res, pair.name + plen,
                                            pair.name_len - plen,
                                            pair.value, pair.value_len,
                                            &conf)
                    == 0)
                {
                    found = 1;
                }
            }

            continue;
        }

        if (!found && pair.name_len == nlen
            && ngx_strncmp(pair.name, name, nlen) == 0)
        {
            cookie = pair;
            found = 1;
        }
    }

    if (!found) {
        return NGX_DECLINED;
    }

    if (!prefix) {
        rc = cc_bridge_parse(b->source, &conf, cookie.value,
                             cookie.value_len, &res);

        if (rc != 0) {
            ngx_log_debug1(NGX_LOG_DEBUG_HTTP, r->connection->log, 0,
                           "cookie consent: unparsable %s cookie",
                           cc_bridge_source_name(b->source));
            return NGX_DECLINED;
        }
    }

    if (!res.decided || res.expired) {
        return NGX_DECLINED;
    }

    ctx->decided = 1;
    ctx->granted = (res.granted & mcf->all) | 1;
    ctx->source = NGX_HTTP_COOKIE_CONSENT_SRC_BRIDGE + b->source;
    ctx->token.revision = res.revision >= 0 ? (uint64_t) res.revision : 0;
    ctx->token.issued = res.issued;

    ngx_log_debug2(NGX_LOG_DEBUG_HTTP, r->connection->log, 0,
                   "cookie consent: %s consent, granted %xD",
                   cc_bridge_source_name(b->source), ctx->granted);

    return NGX_OK;
}

