/*
 * nginx-cookie-consent: the module's own cookie.
 *
 * Its directives (cookie_consent_cookie, cookie_consent_secret,
 * cookie_consent_expire_domains), reading it from the request, issuing it
 * after a decision at the endpoint, and expiring the cookies of the
 * categories a visitor has not granted; the token inside is
 * src/cc_token.c's (docs/consent-cookie.md).
 */


#include "ngx_http_cookie_consent_module.h"


static ngx_uint_t ngx_http_cookie_consent_attr_value(ngx_str_t *arg,
    char *prefix, ngx_str_t *s);
static ngx_int_t ngx_http_cookie_consent_key_prepare(ngx_conf_t *cf,
    cc_key_t *key);
static char *ngx_http_cookie_consent_secret_file(ngx_conf_t *cf,
    ngx_command_t *cmd, ngx_http_cookie_consent_loc_conf_t *lcf,
    ngx_str_t *arg);
static void ngx_http_cookie_consent_key_cleanup(void *data);
static ngx_int_t ngx_http_cookie_consent_verify(
    ngx_http_cookie_consent_loc_conf_t *lcf,
    ngx_http_cookie_consent_main_conf_t *mcf, cc_cookie_pair_t *pair,
    cc_token_t *token);


/*
 * The consent cookies this worker verified lately: a decided visitor's
 * next requests carry the same value, whose signature (an HMAC-SHA256)
 * and fields need not be computed again.  Direct-mapped by a hash of the
 * value; only verified values are kept, with the keys they verified with
 * (a location's cookie_consent_secret); emptied when a configuration is
 * loaded (a single process reloads in place)
 */

#define NGX_HTTP_COOKIE_CONSENT_TCACHE      64
#define NGX_HTTP_COOKIE_CONSENT_TCACHE_LEN  256

typedef struct {
    ngx_array_t                *keys;
    size_t                      len;
    cc_token_t                  token;
    u_char                      data[NGX_HTTP_COOKIE_CONSENT_TCACHE_LEN];
} ngx_http_cookie_consent_tcache_t;

static ngx_http_cookie_consent_tcache_t
    ngx_http_cookie_consent_tcache[NGX_HTTP_COOKIE_CONSENT_TCACHE];


/* 13 months of 30 days, nginx's "13M" */
#define NGX_HTTP_COOKIE_CONSENT_MAX_AGE_CAP      (13 * 30 * 86400)


char *
ngx_http_cookie_consent_cookie(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf)
{
    ngx_http_cookie_consent_loc_conf_t *lcf = conf;

    ngx_str_t   *value, s;
    ngx_uint_t   i;

    if (lcf->cookie_name.data) {
        return "is duplicate";
    }

    value = cf->args->elts;

    if (!cc_cookie_name_valid(value[1].data, value[1].len)) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "invalid cookie name \"%V\" in \"%V\" directive",
                           &value[1], &cmd->name);
        return NGX_CONF_ERROR;
    }

    lcf->cookie_name = value[1];

    for (i = 2; i < cf->args->nelts; i++) {

        if (ngx_strncmp(value[i].data, "domain=", 7) == 0) {
            if (!ngx_http_cookie_consent_attr_value(&value[i], "domain=",
                                                    &s))
            {
                goto invalid;
            }

            lcf->cookie_domain = s;
            continue;
        }

        if (ngx_strncmp(value[i].data, "path=", 5) == 0) {
            if (!ngx_http_cookie_consent_attr_value(&value[i], "path=", &s)
                || s.data[0] != '/')
            {
                goto invalid;
            }

            lcf->cookie_path = s;
            continue;
        }

        if (ngx_strncmp(value[i].data, "max_age=", 8) == 0) {
            s.data = value[i].data + 8;
            s.len = value[i].len - 8;

            lcf->cookie_max_age = ngx_parse_time(&s, 1);

            if (lcf->cookie_max_age == (time_t) NGX_ERROR
                || lcf->cookie_max_age == 0)
            {
                goto invalid;
            }

            if (lcf->cookie_max_age > NGX_HTTP_COOKIE_CONSENT_MAX_AGE_CAP) {
                ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                                   "\"%V\" in \"%V\" directive is over "
                                   "13 months (13M), the most consent may "
                                   "be kept", &value[i], &cmd->name);
                return NGX_CONF_ERROR;
            }

            continue;
        }

        if (ngx_strcmp(value[i].data, "samesite=lax") == 0) {
            lcf->cookie_samesite = NGX_HTTP_COOKIE_CONSENT_SAMESITE_LAX;
            continue;
        }

        if (ngx_strcmp(value[i].data, "samesite=strict") == 0) {
            lcf->cookie_samesite = NGX_HTTP_COOKIE_CONSENT_SAMESITE_STRICT;
            continue;
        }

        if (ngx_strcmp(value[i].data, "samesite=none") == 0) {
            lcf->cookie_samesite = NGX_HTTP_COOKIE_CONSENT_SAMESITE_NONE;
            continue;
        }

        if (ngx_strcmp(value[i].data, "secure") == 0) {
            lcf->cookie_secure = 1;
            continue;
        }

        goto invalid;
    }

    return NGX_CONF_OK;

invalid:

    ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                       "invalid parameter \"%V\" in \"%V\" directive",
                       &value[i], &cmd->name);

    return NGX_CONF_ERROR;
}


char *
ngx_http_cookie_consent_secret(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf)
{
    ngx_http_cookie_consent_loc_conf_t *lcf = conf;

    cc_key_t    *key;
    ngx_str_t   *value;
    ngx_uint_t   i;

    if (lcf->keys != NGX_CONF_UNSET_PTR && lcf->keys != NULL) {
        return "is duplicate";
    }

    value = cf->args->elts;

    lcf->keys = ngx_array_create(cf->pool, cf->args->nelts - 1,
                                 sizeof(cc_key_t));
    if (lcf->keys == NULL) {
        return NGX_CONF_ERROR;
    }

    for (i = 1; i < cf->args->nelts; i++) {

        if (value[i].len > 5 && ngx_strncmp(value[i].data, "file:", 5) == 0) {
            if (ngx_http_cookie_consent_secret_file(cf, cmd, lcf, &value[i])
                != NGX_CONF_OK)
            {
                return NGX_CONF_ERROR;
            }

            continue;
        }

        if (value[i].len < 32) {
            ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                               "key %ui in \"%V\" directive is %uz bytes "
                               "long, at least 32 are needed", i,
                               &cmd->name, value[i].len);
            return NGX_CONF_ERROR;
        }

        key = ngx_array_push(lcf->keys);
        if (key == NULL) {
            return NGX_CONF_ERROR;
        }

        key->data = value[i].data;
        key->len = value[i].len;

        if (ngx_http_cookie_consent_key_prepare(cf, key) != NGX_OK) {
            return NGX_CONF_ERROR;
        }
    }

    if (lcf->keys->nelts == 0) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "\"%V\" directive has no key", &cmd->name);
        return NGX_CONF_ERROR;
    }

    return NGX_CONF_OK;
}


/* keyed once: a request's signature costs a fifth of one-shot */

static ngx_int_t
ngx_http_cookie_consent_key_prepare(ngx_conf_t *cf, cc_key_t *key)
{
    ngx_pool_cleanup_t  *cln;

    if (cc_key_prepare(key) != 0) {
        return NGX_OK;              /* libcrypto cannot: one-shot HMAC */
    }

    cln = ngx_pool_cleanup_add(cf->pool, 0);
    if (cln == NULL) {
        cc_key_release(key);
        return NGX_ERROR;
    }

    cln->handler = ngx_http_cookie_consent_key_cleanup;
    cln->data = key;

    return NGX_OK;
}


/*
 * "file:PATH": one key a line (the first signs, every one verifies), as a
 * fleet shares them without the secret in nginx.conf; blank lines and
 * lines starting with "#" are skipped; read at configuration, like
 * ssl_session_ticket_key's files
 */

static char *
ngx_http_cookie_consent_secret_file(ngx_conf_t *cf, ngx_command_t *cmd,
    ngx_http_cookie_consent_loc_conf_t *lcf, ngx_str_t *arg)
{
    u_char           *p, *end, *line, *last;
    size_t            size;
    ssize_t           n;
    cc_key_t         *key;
    ngx_str_t         name;
    ngx_file_t        file;
    ngx_uint_t        found;
    ngx_file_info_t   fi;

    name.data = arg->data + 5;
    name.len = arg->len - 5;

    if (ngx_conf_full_name(cf->cycle, &name, 1) != NGX_OK) {
        return NGX_CONF_ERROR;
    }

    ngx_memzero(&file, sizeof(ngx_file_t));
    file.name = name;
    file.log = cf->log;

    file.fd = ngx_open_file(name.data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);

    if (file.fd == NGX_INVALID_FILE) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, ngx_errno,
                           ngx_open_file_n " \"%V\" failed", &name);
        return NGX_CONF_ERROR;
    }

    if (ngx_fd_info(file.fd, &fi) == NGX_FILE_ERROR) {
        ngx_conf_log_error(NGX_LOG_CRIT, cf, ngx_errno,
                           ngx_fd_info_n " \"%V\" failed", &name);
        goto failed;
    }

    size = ngx_file_size(&fi);

    if (size > 65536) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "key file \"%V\" is over 64 KB", &name);
        goto failed;
    }

    p = ngx_pnalloc(cf->pool, size + 1);
    if (p == NULL) {
        goto failed;
    }

    n = ngx_read_file(&file, p, size, 0);

    if (n == NGX_ERROR || (size_t) n != size) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "cannot read key file \"%V\"", &name);
        goto failed;
    }

    ngx_close_file(file.fd);
    file.fd = NGX_INVALID_FILE;

    end = p + size;
    found = 0;

    for (line = p; line < end; line = last + 1) {

        last = ngx_strlchr(line, end, '\n');
        if (last == NULL) {
            last = end;
        }

        p = last;

        while (p > line && (p[-1] == '\r' || p[-1] == ' ' || p[-1] == '\t')) {
            p--;
        }

        while (line < p && (*line == ' ' || *line == '\t')) {
            line++;
        }

        if (line == p || *line == '#') {
            continue;
        }

        if (p - line < 32) {
            ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                               "a key in \"%V\" is %uz bytes long, at least "
                               "32 are needed", &name, (size_t) (p - line));
            return NGX_CONF_ERROR;
        }

        key = ngx_array_push(lcf->keys);
        if (key == NULL) {
            return NGX_CONF_ERROR;
        }

        key->data = line;
        key->len = p - line;

        if (ngx_http_cookie_consent_key_prepare(cf, key) != NGX_OK) {
            return NGX_CONF_ERROR;
        }

        found = 1;
    }

    if (!found) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "key file \"%V\" has no key", &name);
        return NGX_CONF_ERROR;
    }

    return NGX_CONF_OK;

failed:

    if (ngx_close_file(file.fd) == NGX_FILE_ERROR) {
        ngx_log_error(NGX_LOG_ALERT, cf->log, ngx_errno,
                      ngx_close_file_n " \"%V\" failed", &name);
    }

    return NGX_CONF_ERROR;
}


/*
 * The value after "prefix" in a directive's argument, as a cookie
 * attribute takes it: not empty, no ';' or ' '.  1, or 0 when invalid
 */

static ngx_uint_t
ngx_http_cookie_consent_attr_value(ngx_str_t *arg, char *prefix,
    ngx_str_t *s)
{
    size_t  n;

    n = ngx_strlen(prefix);

    s->data = arg->data + n;
    s->len = arg->len - n;

    return s->len != 0
           && ngx_strlchr(s->data, s->data + s->len, ';') == NULL
           && ngx_strlchr(s->data, s->data + s->len, ' ') == NULL;
}


static void
ngx_http_cookie_consent_key_cleanup(void *data)
{
    cc_key_release(data);
}


char *
ngx_http_cookie_consent_domains(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf)
{
    ngx_http_cookie_consent_loc_conf_t *lcf = conf;

    ngx_str_t   *value, *d, s;
    ngx_uint_t   i;

    if (lcf->expire_domains != NGX_CONF_UNSET_PTR
        && lcf->expire_domains != NULL)
    {
        return "is duplicate";
    }

    value = cf->args->elts;

    lcf->expire_domains = ngx_array_create(cf->pool, cf->args->nelts - 1,
                                           sizeof(ngx_str_t));
    if (lcf->expire_domains == NULL) {
        return NGX_CONF_ERROR;
    }

    for (i = 1; i < cf->args->nelts; i++) {

        if (value[i].len > 253
            || !ngx_http_cookie_consent_attr_value(&value[i], "", &s))
        {
            ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                               "invalid domain \"%V\" in \"%V\" directive",
                               &value[i], &cmd->name);
            return NGX_CONF_ERROR;
        }

        d = ngx_array_push(lcf->expire_domains);
        if (d == NULL) {
            return NGX_CONF_ERROR;
        }

        *d = value[i];
    }

    return NGX_CONF_OK;
}


/*
 * The consent cookie of the request: the first valid one counts.  NGX_OK
 * with the context decided, or NGX_DECLINED
 */

ngx_int_t
ngx_http_cookie_consent_read_cookie(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx,
    ngx_http_cookie_consent_loc_conf_t *lcf)
{
    int                                   rc;
    time_t                                now;
    cc_token_t                            token;
    cc_cookie_pair_t                      pair;
    ngx_http_cookie_consent_pairs_t       it;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    mcf = ngx_http_get_module_main_conf(r, ngx_http_cookie_consent_module);

    now = ngx_time();

    ngx_memzero(&it, sizeof(ngx_http_cookie_consent_pairs_t));

    while (ngx_http_cookie_consent_next_pair(r, ctx, &it, &pair)) {

        if (pair.name_len != lcf->cookie_name.len
            || ngx_strncmp(pair.name, lcf->cookie_name.data,
                           pair.name_len) != 0)
        {
            continue;
        }

        rc = ngx_http_cookie_consent_verify(lcf, mcf, &pair, &token);

        if (rc != CC_TOKEN_OK) {
            ngx_http_cookie_consent_count(r,
                NGX_HTTP_COOKIE_CONSENT_C_TOKEN,
                rc == CC_TOKEN_BAD_SIG ? NGX_HTTP_COOKIE_CONSENT_T_BAD_SIG
                                       : NGX_HTTP_COOKIE_CONSENT_T_INVALID);

            ngx_log_debug1(NGX_LOG_DEBUG_HTTP, r->connection->log, 0,
                           "cookie consent: %s token",
                           rc == CC_TOKEN_BAD_SIG ? "badly signed"
                                                  : "invalid");
            continue;
        }

        if (token.revision < (uint64_t) lcf->revision) {
            /* the policy changed since: the banner may say so */
            ctx->revised = 1;
        }

        if (token.revision != (uint64_t) lcf->revision
            || token.issued > now + NGX_HTTP_COOKIE_CONSENT_SKEW
            || now - token.issued >= lcf->cookie_max_age)
        {
            ngx_http_cookie_consent_count(r,
                NGX_HTTP_COOKIE_CONSENT_C_TOKEN,
                NGX_HTTP_COOKIE_CONSENT_T_STALE);

            ngx_log_debug2(NGX_LOG_DEBUG_HTTP, r->connection->log, 0,
                           "cookie consent: token of revision %uL "
                           "issued at %L no longer valid",
                           token.revision, token.issued);
            continue;
        }

        ctx->token = token;
        ctx->granted = (token.granted & mcf->all) | 1;

        /* services granted one by one: of categories not granted */

        ctx->services = token.services & mcf->services_all;

        if (ctx->services) {
            ctx->services &= ~ngx_http_cookie_consent_services_of(mcf,
                                                              ctx->granted);
        }
        ctx->decided = 1;
        ctx->source = NGX_HTTP_COOKIE_CONSENT_SRC_COOKIE;

        return NGX_OK;
    }

    return NGX_DECLINED;
}


/* cc_token_parse() of a consent cookie's value, remembered when valid */

static ngx_int_t
ngx_http_cookie_consent_verify(ngx_http_cookie_consent_loc_conf_t *lcf,
    ngx_http_cookie_consent_main_conf_t *mcf, cc_cookie_pair_t *pair,
    cc_token_t *token)
{
    int                                rc;
    size_t                             len;
    ngx_http_cookie_consent_tcache_t  *e;

    len = pair->value_len;
    e = NULL;

    if (len && len <= NGX_HTTP_COOKIE_CONSENT_TCACHE_LEN) {
        e = &ngx_http_cookie_consent_tcache[cc_util_hash(pair->value, len)
                                   & (NGX_HTTP_COOKIE_CONSENT_TCACHE - 1)];

        /* in constant time, as the signature itself is compared */

        if (e->len == len && e->keys == lcf->keys
            && cc_util_equal_ct(e->data, pair->value, len))
        {
            *token = e->token;
            return CC_TOKEN_OK;
        }
    }

    rc = cc_token_parse(pair->value, len, token,
                        lcf->keys ? lcf->keys->elts : NULL,
                        lcf->keys ? lcf->keys->nelts : 0,
                        ngx_http_cookie_consent_grant_cb, mcf);

    if (rc == CC_TOKEN_OK && e != NULL) {
        e->keys = lcf->keys;
        e->len = len;
        e->token = *token;
        ngx_memcpy(e->data, pair->value, len);
    }

    return rc;
}


/* a configuration was loaded: nothing verified under another is kept */

void
ngx_http_cookie_consent_token_cache_init(void)
{
    ngx_memzero(ngx_http_cookie_consent_tcache,
                sizeof(ngx_http_cookie_consent_tcache));
}


/*
 * Issues the consent cookie of the context's decision: the token signed
 * with the first key, the attributes of cookie_consent_cookie
 */

ngx_int_t
ngx_http_cookie_consent_issue_cookie(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx,
    ngx_http_cookie_consent_loc_conf_t *lcf)
{
    u_char                               *p, token[CC_TOKEN_MAX_LEN];
    size_t                                len, tlen;
    cc_key_t                             *key;
    ngx_str_t                             cookie;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    mcf = ngx_http_get_module_main_conf(r, ngx_http_cookie_consent_module);

    key = (lcf->keys && lcf->keys->nelts) ? lcf->keys->elts : NULL;

    tlen = cc_token_encode(token, sizeof(token), &ctx->token, mcf->cnames,
                           mcf->ncategories, mcf->snames, mcf->nservices,
                           key);
    if (tlen == 0) {
        return NGX_ERROR;
    }

    len = lcf->cookie_name.len + 1 + tlen
          + sizeof("; Path=") - 1 + lcf->cookie_path.len
          + sizeof("; Max-Age=") - 1 + NGX_TIME_T_LEN
          + sizeof("; Expires=") - 1 + sizeof("Mon, 28 Sep 1970 06:00:00 GMT")
          + sizeof("; Domain=") - 1 + lcf->cookie_domain.len
          + sizeof("; SameSite=Strict") - 1
          + sizeof("; Secure") - 1;

    p = ngx_pnalloc(r->pool, len);
    if (p == NULL) {
        return NGX_ERROR;
    }

    cookie.data = p;

    p = ngx_cpymem(p, lcf->cookie_name.data, lcf->cookie_name.len);
    *p++ = '=';
    p = ngx_cpymem(p, token, tlen);
    p = ngx_sprintf(p, "; Path=%V; Max-Age=%T; Expires=", &lcf->cookie_path,
                    lcf->cookie_max_age);
    p = ngx_http_cookie_time(p, ngx_time() + lcf->cookie_max_age);

    if (lcf->cookie_domain.len) {
        p = ngx_sprintf(p, "; Domain=%V", &lcf->cookie_domain);
    }

    switch (lcf->cookie_samesite) {

    case NGX_HTTP_COOKIE_CONSENT_SAMESITE_STRICT:
        p = ngx_cpymem(p, "; SameSite=Strict", sizeof("; SameSite=Strict") - 1);
        break;

    case NGX_HTTP_COOKIE_CONSENT_SAMESITE_NONE:
        p = ngx_cpymem(p, "; SameSite=None", sizeof("; SameSite=None") - 1);
        break;

    default: /* NGX_HTTP_COOKIE_CONSENT_SAMESITE_LAX */
        p = ngx_cpymem(p, "; SameSite=Lax", sizeof("; SameSite=Lax") - 1);
        break;
    }

    if (lcf->cookie_secure
        || lcf->cookie_samesite == NGX_HTTP_COOKIE_CONSENT_SAMESITE_NONE
#if (NGX_HTTP_SSL)
        || r->connection->ssl
#endif
       )
    {
        p = ngx_cpymem(p, "; Secure", sizeof("; Secure") - 1);
    }

    cookie.len = p - cookie.data;

    return ngx_http_cookie_consent_set_cookie(r, &cookie);
}


/*
 * Expires the non-granted cookies the browser sent: host-only and once
 * per configured domain, path "/", at most EXPIRE_MAX headers.
 */

ngx_int_t
ngx_http_cookie_consent_expire_cookies(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx,
    ngx_http_cookie_consent_loc_conf_t *lcf)
{
    u_char                           *p;
    size_t                            len;
    ngx_int_t                         cat;
    ngx_str_t                        *domains, done[16], v;
    ngx_uint_t                        j, k, ndone, count, ndomains;
    ngx_uint_t                        secure;
    cc_cookie_pair_t                  pair;
    ngx_http_cookie_consent_pairs_t   it;

    ctx->expired = 1;

    domains = lcf->expire_domains ? lcf->expire_domains->elts : NULL;
    ndomains = lcf->expire_domains ? lcf->expire_domains->nelts : 0;

    count = 0;
    ndone = 0;

    ngx_memzero(&it, sizeof(ngx_http_cookie_consent_pairs_t));

    while (ngx_http_cookie_consent_next_pair(r, ctx, &it, &pair)) {

        if (!cc_cookie_name_valid(pair.name, pair.name_len)) {
            continue;
        }

        cat = ngx_http_cookie_consent_classify(r, lcf,
                                               (u_char *) pair.name,
                                               pair.name_len);

        if (ngx_http_cookie_consent_granted(ctx, cat)) {
            continue;
        }

        for (k = 0; k < ndone; k++) {
            if (done[k].len == pair.name_len
                && ngx_strncmp(done[k].data, pair.name, pair.name_len)
                   == 0)
            {
                break;
            }
        }

        if (k < ndone) {
            continue;
        }

        if (ndone < 16) {
            done[ndone].data = (u_char *) pair.name;
            done[ndone].len = pair.name_len;
            ndone++;
        }

        secure = (pair.name_len > 7
                  && (ngx_strncmp(pair.name, "__Host-", 7) == 0
                      || ngx_strncmp(pair.name, "__Secure-", 9) == 0));

        for (j = 0; j <= ndomains; j++) {

            if (j && pair.name[2] == 'H' && secure) {
                break;      /* __Host- cookies have no Domain */
            }

            if (count == NGX_HTTP_COOKIE_CONSENT_EXPIRE_MAX) {
                ngx_log_error(NGX_LOG_INFO, r->connection->log, 0,
                              "cookie consent: more than %d cookies to "
                              "expire, the rest on later responses",
                              NGX_HTTP_COOKIE_CONSENT_EXPIRE_MAX);
                return NGX_OK;
            }

            len = pair.name_len
                  + sizeof("=; Max-Age=0; Expires=Thu, 01 Jan 1970 "
                           "00:00:00 GMT; Path=/") - 1
                  + (j ? sizeof("; Domain=") - 1 + domains[j - 1].len
                       : 0)
                  + (secure ? sizeof("; Secure") - 1 : 0);

            p = ngx_pnalloc(r->pool, len);
            if (p == NULL) {
                return NGX_ERROR;
            }

            v.data = p;

            p = ngx_cpymem(p, pair.name, pair.name_len);
            p = ngx_cpymem(p, "=; Max-Age=0; Expires=Thu, 01 Jan 1970 "
                           "00:00:00 GMT; Path=/",
                           sizeof("=; Max-Age=0; Expires=Thu, 01 Jan "
                                  "1970 00:00:00 GMT; Path=/") - 1);

            if (j) {
                p = ngx_cpymem(p, "; Domain=", sizeof("; Domain=") - 1);
                p = ngx_cpymem(p, domains[j - 1].data,
                               domains[j - 1].len);
            }

            if (secure) {
                p = ngx_cpymem(p, "; Secure", sizeof("; Secure") - 1);
            }

            v.len = p - v.data;

            if (ngx_http_cookie_consent_set_cookie(r, &v) != NGX_OK) {
                return NGX_ERROR;
            }

            count++;
        }
    }

    if (count) {
        ngx_http_cookie_consent_count(r, NGX_HTTP_COOKIE_CONSENT_C_EXPIRED, 0);
    }

    return NGX_OK;
}


/* a Set-Cookie header; the value must live as long as the request */

ngx_int_t
ngx_http_cookie_consent_set_cookie(ngx_http_request_t *r, ngx_str_t *value)
{
    static ngx_str_t  name = ngx_string("Set-Cookie");

    if (ngx_http_cookie_consent_add_header(r, &name, value) == NULL) {
        return NGX_ERROR;
    }

    return NGX_OK;
}
