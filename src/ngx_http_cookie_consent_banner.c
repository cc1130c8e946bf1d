/*
 * nginx-cookie-consent: the banner (markup by src/cc_banner.c, texts by
 * src/cc_i18n.c, CSS and JavaScript embedded by tools/embed.pl and
 * served by the endpoint location as <endpoint>/banner.css and .js).
 */


#include "ngx_http_cookie_consent_module.h"
#include "cc_banner.h"
#include "cc_i18n.h"


/* a template larger than this is refused: banners are a few KB */
#define NGX_HTTP_COOKIE_CONSENT_TEMPLATE_MAX  65536


static ngx_int_t ngx_http_cookie_consent_conf_lang(ngx_conf_t *cf,
    ngx_command_t *cmd, ngx_str_t *code);
static void ngx_http_cookie_consent_banner_base(ngx_http_request_t *r,
    ngx_http_cookie_consent_loc_conf_t *lcf, cc_banner_conf_t *c);
static ngx_http_cookie_consent_skeleton_t *ngx_http_cookie_consent_skeleton(
    ngx_http_cookie_consent_loc_conf_t *lcf, cc_banner_conf_t *c,
    ngx_uint_t tpl);


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

    lcf->language = ngx_http_cookie_consent_conf_lang(cf, cmd, &value[1]);

    return lcf->language < 0 ? NGX_CONF_ERROR : NGX_CONF_OK;
}


/* a language of the banner's, or -1 (said) */

static ngx_int_t
ngx_http_cookie_consent_conf_lang(ngx_conf_t *cf, ngx_command_t *cmd,
    ngx_str_t *code)
{
    ngx_int_t  lang;

    lang = cc_i18n_lang(code->data, code->len);

    if (lang < 0) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "unknown language \"%V\" in \"%V\" directive, "
                           "it must be one of the 24 EU languages (en, nl, "
                           "fr, de, ...)", code, &cmd->name);
    }

    return lang;
}


/*
 * cookie_consent_revision_message [LANG] TEXT: what the first layer says
 * to a visitor whose consent was given under an earlier revision
 */

char *
ngx_http_cookie_consent_revision_message(ngx_conf_t *cf,
    ngx_command_t *cmd, void *conf)
{
    ngx_http_cookie_consent_loc_conf_t *lcf = conf;

    ngx_int_t   lang;
    ngx_str_t  *value, *text;

    value = cf->args->elts;
    lang = CC_I18N_NLANGS;                  /* the slot of any other */
    text = &value[1];

    if (cf->args->nelts == 3) {
        lang = ngx_http_cookie_consent_conf_lang(cf, cmd, &value[1]);
        text = &value[2];

        if (lang < 0) {
            return NGX_CONF_ERROR;
        }
    }

    if (text->len == 0) {
        return "has an empty text";
    }

    if (lcf->revision_messages == NGX_CONF_UNSET_PTR) {
        lcf->revision_messages = ngx_pcalloc(cf->pool,
                                             (CC_I18N_NLANGS + 1)
                                             * sizeof(ngx_str_t));
        if (lcf->revision_messages == NULL) {
            return NGX_CONF_ERROR;
        }
    }

    if (lcf->revision_messages[lang].len) {
        return "is duplicate";
    }

    lcf->revision_messages[lang] = *text;

    return NGX_CONF_OK;
}


/*
 * cookie_consent_banner_layout bar | box | modal [wall]
 *     [theme=auto|light] [reopen=left|right]
 */

char *
ngx_http_cookie_consent_banner_layout(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf)
{
    ngx_http_cookie_consent_loc_conf_t *lcf = conf;

    ngx_str_t   *value, v;
    ngx_uint_t   i;

    if (lcf->banner_layout != NGX_CONF_UNSET_UINT) {
        return "is duplicate";
    }

    value = cf->args->elts;

    if (ngx_strcmp(value[1].data, "bar") == 0) {
        lcf->banner_layout = CC_BANNER_BAR;

    } else if (ngx_strcmp(value[1].data, "box") == 0) {
        lcf->banner_layout = CC_BANNER_BOX;

    } else if (ngx_strcmp(value[1].data, "modal") == 0) {
        lcf->banner_layout = CC_BANNER_MODAL;

    } else {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "invalid layout \"%V\" in \"%V\" directive, it "
                           "must be \"bar\", \"box\" or \"modal\"",
                           &value[1], &cmd->name);
        return NGX_CONF_ERROR;
    }

    lcf->banner_wall = 0;
    lcf->banner_theme = CC_BANNER_THEME_AUTO;
    lcf->banner_reopen_right = 0;

    for (i = 2; i < cf->args->nelts; i++) {

        if (ngx_strcmp(value[i].data, "wall") == 0
            && lcf->banner_layout == CC_BANNER_MODAL)
        {
            lcf->banner_wall = 1;

            ngx_conf_log_error(NGX_LOG_WARN, cf, 0,
                               "\"%V\": a cookie wall blocks the page until "
                               "the visitor chooses; the EDPB and most EU "
                               "authorities do not accept it where refusing "
                               "leaves no equivalent access (docs/banner.md)",
                               &cmd->name);
            continue;
        }

        if (ngx_strncmp(value[i].data, "theme=", 6) == 0) {
            v.data = value[i].data + 6;
            v.len = value[i].len - 6;

            if (ngx_strcmp(v.data, "auto") == 0) {
                lcf->banner_theme = CC_BANNER_THEME_AUTO;
                continue;
            }

            if (ngx_strcmp(v.data, "light") == 0) {
                lcf->banner_theme = CC_BANNER_THEME_LIGHT;
                continue;
            }

        }

        if (ngx_strcmp(value[i].data, "reopen=left") == 0) {
            lcf->banner_reopen_right = 0;
            continue;
        }

        if (ngx_strcmp(value[i].data, "reopen=right") == 0) {
            lcf->banner_reopen_right = 1;
            continue;
        }

        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "invalid parameter \"%V\" in \"%V\" directive "
                           "(\"wall\" goes with \"modal\"; then "
                           "\"theme=auto|light\", "
                           "\"reopen=left|right\")", &value[i], &cmd->name);
        return NGX_CONF_ERROR;
    }

    return NGX_CONF_OK;
}


/* cookie_consent_banner on | off | FILE */

char *
ngx_http_cookie_consent_banner_directive(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf)
{
    ngx_http_cookie_consent_loc_conf_t *lcf = conf;

    ssize_t               n;
    ngx_fd_t              fd;
    ngx_str_t            *value, file, *tpl;
    ngx_file_info_t       fi;
    const unsigned char  *bad;
    size_t                bad_len;

    if (lcf->banner != NGX_CONF_UNSET) {
        return "is duplicate";
    }

    value = cf->args->elts;

    if (ngx_strcmp(value[1].data, "on") == 0) {
        lcf->banner = 1;
        return NGX_CONF_OK;
    }

    if (ngx_strcmp(value[1].data, "off") == 0) {
        lcf->banner = 0;
        return NGX_CONF_OK;
    }

    file = value[1];

    if (ngx_conf_full_name(cf->cycle, &file, 1) != NGX_OK) {
        return NGX_CONF_ERROR;
    }

    fd = ngx_open_file(file.data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
    if (fd == NGX_INVALID_FILE) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, ngx_errno,
                           "\"%V\" directive: cannot open banner template "
                           "\"%V\" (the value is \"on\", \"off\" or a "
                           "file)", &cmd->name, &file);
        return NGX_CONF_ERROR;
    }

    tpl = &lcf->banner_template;

    if (ngx_fd_info(fd, &fi) == NGX_FILE_ERROR) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, ngx_errno,
                           ngx_fd_info_n " \"%V\" failed", &file);
        goto failed;
    }

    if (ngx_file_size(&fi) == 0
        || ngx_file_size(&fi) > NGX_HTTP_COOKIE_CONSENT_TEMPLATE_MAX)
    {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "banner template \"%V\" in \"%V\" directive is "
                           "empty or larger than %d bytes", &file,
                           &cmd->name,
                           NGX_HTTP_COOKIE_CONSENT_TEMPLATE_MAX);
        goto failed;
    }

    tpl->len = (size_t) ngx_file_size(&fi);
    tpl->data = ngx_pnalloc(cf->pool, tpl->len);
    if (tpl->data == NULL) {
        goto failed;
    }

    n = ngx_read_fd(fd, tpl->data, tpl->len);

    if (n != (ssize_t) tpl->len) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, ngx_errno,
                           ngx_read_fd_n " \"%V\" returned %z bytes "
                           "instead of %uz", &file, n, tpl->len);
        goto failed;
    }

    ngx_close_file(fd);

    if (cc_banner_template_check(tpl->data, tpl->len, &bad, &bad_len) != 0) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "unknown placeholder \"%*s\" in banner template "
                           "\"%V\" (see docs/banner.md)", bad_len, bad,
                           &file);
        return NGX_CONF_ERROR;
    }

    lcf->banner = 1;

    return NGX_CONF_OK;

failed:

    ngx_close_file(fd);

    return NGX_CONF_ERROR;
}


/*
 * The banner's configuration for this request: the categories, the
 * endpoint, and the language of the page's <html lang>, else of
 * Accept-Language, else cookie_consent_language.
 */

void
ngx_http_cookie_consent_banner_conf(ngx_http_request_t *r,
    ngx_http_cookie_consent_loc_conf_t *lcf, ngx_str_t *html_lang,
    cc_banner_conf_t *c)
{
    ngx_table_elt_t                      *al;
    ngx_http_cookie_consent_ctx_t        *ctx;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    mcf = ngx_http_get_module_main_conf(r, ngx_http_cookie_consent_module);

    /* a page's: read with the conditionals (cache.c) */

    ctx = ngx_http_get_module_ctx(r, ngx_http_cookie_consent_module);

    al = (ctx && ctx->conditionals)
         ? ctx->accept_language
         : ngx_http_cookie_consent_request_header(r, "Accept-Language",
                                                  sizeof("Accept-Language")
                                                  - 1);

    ngx_http_cookie_consent_banner_base(r, lcf, c);

    ngx_http_cookie_consent_banner_lang(mcf, c,
        cc_i18n_choose(html_lang ? html_lang->data : NULL,
                       html_lang ? html_lang->len : 0,
                       al ? al->value.data : NULL,
                       al ? al->value.len : 0, (int) lcf->language));
}


/* the banner's configuration for this request but its language */

static void
ngx_http_cookie_consent_banner_base(ngx_http_request_t *r,
    ngx_http_cookie_consent_loc_conf_t *lcf, cc_banner_conf_t *c)
{
    ngx_http_cookie_consent_main_conf_t  *mcf;

    mcf = ngx_http_get_module_main_conf(r, ngx_http_cookie_consent_module);

    ngx_memzero(c, sizeof(cc_banner_conf_t));

    c->ncategories = mcf->ncategories;
    c->services = mcf->banner_services;
    c->nservices = mcf->nservices;
    c->endpoint = mcf->endpoint.data;
    c->endpoint_len = mcf->endpoint.len;
    c->policy_url = lcf->policy_url.data;
    c->policy_len = lcf->policy_url.len;
    c->layout = lcf->banner_layout;
    c->wall = lcf->banner_wall;
    c->theme = lcf->banner_theme;
    c->reopen_right = lcf->banner_reopen_right;

    /* a page in another charset: non-ASCII text as character references */

    c->ascii = ngx_http_cookie_consent_not_utf8(r);

    /* back to this page after a decision without JavaScript */

    if (cc_return_path_valid(r->unparsed_uri.data, r->unparsed_uri.len)) {
        c->return_to = r->unparsed_uri.data;
        c->return_len = r->unparsed_uri.len;
    }
}


/*
 * The banner's language, and its categories with the catalog's labels and
 * descriptions in that language (ngx_http_cookie_consent_init())
 */

void
ngx_http_cookie_consent_banner_lang(ngx_http_cookie_consent_main_conf_t *mcf,
    cc_banner_conf_t *c, int lang)
{
    c->lang = lang;
    c->categories = mcf->banner_categories;

    if (lang >= 0 && lang < CC_I18N_NLANGS && mcf->banner_langs[lang]) {
        c->categories = mcf->banner_langs[lang];
    }
}


/*
 * 1 when the response names a charset other than UTF-8 (its Content-Type
 * "; charset=...", or the charset module's); a page that declares its
 * charset only in a <meta> element is taken as UTF-8
 */

ngx_uint_t
ngx_http_cookie_consent_not_utf8(ngx_http_request_t *r)
{
    u_char     *p, *last;
    ngx_str_t   cs;

    cs = r->headers_out.charset;

    if (cs.len == 0) {
        if (r->headers_out.content_type.len == 0) {
            return 0;
        }

        p = r->headers_out.content_type.data;
        last = p + r->headers_out.content_type.len;

        p = ngx_strlcasestrn(p, last, (u_char *) "charset=", 8 - 1);

        if (p == NULL) {
            return 0;
        }

        p += sizeof("charset=") - 1;

        if (p < last && *p == '"') {
            p++;
        }

        cs.data = p;

        while (p < last && *p != ';' && *p != '"' && *p != ' ') {
            p++;
        }

        cs.len = p - cs.data;
    }

    if ((cs.len == 5 && ngx_strncasecmp(cs.data, (u_char *) "utf-8", 5) == 0)
        || (cs.len == 4 && ngx_strncasecmp(cs.data, (u_char *) "utf8", 4)
                           == 0)
        || cs.len == 0)
    {
        return 0;
    }

    return 1;
}


/*
 * The banner of this configuration, language, charset and mode without
 * the request's return path and nonce: rendered at its first use in the
 * worker, then only filled in per request (cc_banner_fill()).  NULL when
 * it cannot be (no memory, a template with too many placeholders of the
 * request): the banner is then rendered whole.
 */

static ngx_http_cookie_consent_skeleton_t *
ngx_http_cookie_consent_skeleton(ngx_http_cookie_consent_loc_conf_t *lcf,
    cc_banner_conf_t *c, ngx_uint_t tpl)
{
    size_t                               size, n;
    ngx_uint_t                           i;
    const u_char                        *t;
    ngx_http_cookie_consent_skeleton_t  *sk;

    if (lcf->skeletons == NULL || c->lang < 0 || c->lang >= CC_I18N_NLANGS)
    {
        return NULL;
    }

    i = ((tpl ? 0 : 1 + c->mode) * 2 + c->ascii) * CC_I18N_NLANGS + c->lang;

    sk = lcf->skeletons[i];

    if (sk) {
        return sk->len ? sk : NULL;
    }

    sk = ngx_pcalloc(ngx_cycle->pool,
                     sizeof(ngx_http_cookie_consent_skeleton_t));
    if (sk == NULL) {
        return NULL;
    }

    t = tpl ? lcf->banner_template.data : NULL;
    n = tpl ? lcf->banner_template.len : 0;

    size = cc_banner_skeleton(NULL, 0, c, t, n, sk->holes, &sk->nholes);

    if (size) {
        sk->data = ngx_pnalloc(ngx_cycle->pool, size);
        if (sk->data == NULL) {
            return NULL;
        }

        sk->len = cc_banner_skeleton(sk->data, size, c, t, n, sk->holes,
                                     &sk->nholes);
    }

    lcf->skeletons[i] = sk;

    return sk->len ? sk : NULL;
}


/*
 * The banner for an undecided visitor (the site's template when
 * cookie_consent_banner names one), or the small "Cookie settings"
 * control for a decided one; max: 0, or the longest that control can be
 * (control_max(), computed for the exact length of the page)
 */

ngx_int_t
ngx_http_cookie_consent_banner(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *consent,
    ngx_http_cookie_consent_loc_conf_t *lcf, ngx_str_t *html_lang,
    ngx_str_t *nonce, size_t max, ngx_str_t *out)
{
    size_t                               size;
    ngx_str_t                           *msg;
    ngx_uint_t                           tpl;
    cc_banner_conf_t                     c;
    ngx_http_cookie_consent_skeleton_t  *sk;

    ngx_http_cookie_consent_banner_conf(r, lcf, html_lang, &c);

    c.mode = consent->decided ? CC_BANNER_REOPEN : CC_BANNER_FIRST;

    if (nonce && nonce->len) {
        c.nonce = nonce->data;
        c.nonce_len = nonce->len;
    }

    tpl = (c.mode == CC_BANNER_FIRST && lcf->banner_template.len);

    /* the revision message in the banner's language, else the one for any */

    if (c.mode == CC_BANNER_FIRST && consent->revised
        && lcf->revision_messages && c.lang >= 0 && c.lang < CC_I18N_NLANGS)
    {
        msg = &lcf->revision_messages[c.lang];

        if (msg->len == 0) {
            msg = &lcf->revision_messages[CC_I18N_NLANGS];
        }

        c.revised = msg->data;
        c.revised_len = msg->len;
    }

    /* Sec-GPC honoured: the first layer says so */

    c.gpc = (c.mode == CC_BANNER_FIRST && consent->gpc);

    sk = ngx_http_cookie_consent_skeleton(lcf, &c, tpl);

    if (sk && max && c.mode == CC_BANNER_REOPEN) {
        /* room for the longest: filled in one pass */
        size = max;

    } else if (sk) {
        size = cc_banner_fill(NULL, 0, sk->data, sk->len, sk->holes,
                              sk->nholes, &c);

    } else if (tpl) {
        size = cc_banner_template_size(lcf->banner_template.data,
                                       lcf->banner_template.len, &c);

    } else {
        size = cc_banner_size(&c);
    }

    out->data = ngx_pnalloc(r->pool, size);
    if (out->data == NULL) {
        return NGX_ERROR;
    }

    if (sk) {
        out->len = cc_banner_fill(out->data, size, sk->data, sk->len,
                                  sk->holes, sk->nholes, &c);

    } else if (tpl) {
        out->len = cc_banner_render_template(out->data, size,
                                             lcf->banner_template.data,
                                             lcf->banner_template.len, &c);

    } else {
        out->len = cc_banner_render(out->data, size, &c);
    }

    if (out->len == 0) {
        ngx_log_error(NGX_LOG_ERR, r->connection->log, 0,
                      "cookie consent: banner did not render");
        return NGX_ERROR;
    }

    return NGX_OK;
}


/*
 * The longest the "Cookie settings" control of a decided visitor can be
 * on this response, whatever the language the page's <html lang> will
 * choose: the size of the control in the widest language
 * (html_init() found it at configuration), in the charset the response
 * names
 */

size_t
ngx_http_cookie_consent_control_max(ngx_http_request_t *r,
    ngx_http_cookie_consent_loc_conf_t *lcf, ngx_str_t *nonce)
{
    cc_banner_conf_t                      c;
    ngx_http_cookie_consent_skeleton_t   *sk;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    mcf = ngx_http_get_module_main_conf(r, ngx_http_cookie_consent_module);

    ngx_http_cookie_consent_banner_base(r, lcf, &c);

    c.mode = CC_BANNER_REOPEN;
    ngx_http_cookie_consent_banner_lang(mcf, &c, mcf->widest[c.ascii]);

    if (nonce && nonce->len) {
        c.nonce = nonce->data;
        c.nonce_len = nonce->len;
    }

    sk = ngx_http_cookie_consent_skeleton(lcf, &c, 0);

    if (sk) {
        return cc_banner_fill(NULL, 0, sk->data, sk->len, sk->holes,
                              sk->nholes, &c);
    }

    return cc_banner_size(&c);
}


/*
 * The placeholders this worker rendered lately, without the return path:
 * per location, classification, language and charset, what depends on
 * nothing else (a page has the same few embeds on every view).
 * Direct-mapped; a placeholder longer than a slot is rendered whole;
 * emptied when a configuration is loaded.
 */

#define NGX_HTTP_COOKIE_CONSENT_PCACHE      32
#define NGX_HTTP_COOKIE_CONSENT_PCACHE_LEN  1024

typedef struct {
    void                       *lcf;
    ngx_uint_t                  cls;
    int                         lang;
    int                         ascii;
    size_t                      len;
    size_t                      nholes;
    cc_banner_hole_t            holes[CC_BANNER_MAX_HOLES];
    u_char                      data[NGX_HTTP_COOKIE_CONSENT_PCACHE_LEN];
} ngx_http_cookie_consent_pcache_t;

static ngx_http_cookie_consent_pcache_t
    ngx_http_cookie_consent_pcache[NGX_HTTP_COOKIE_CONSENT_PCACHE];


void
ngx_http_cookie_consent_pcache_init(void)
{
    ngx_memzero(ngx_http_cookie_consent_pcache,
                sizeof(ngx_http_cookie_consent_pcache));
}


/*
 * The box put before a blocked embed, offering to allow its category, or
 * its service: cls is CC_CLASS()
 */

ngx_int_t
ngx_http_cookie_consent_placeholder(ngx_http_request_t *r,
    ngx_http_cookie_consent_loc_conf_t *lcf, ngx_str_t *html_lang,
    ngx_uint_t cls, ngx_str_t *out)
{
    long                                  svc;
    size_t                                size;
    ngx_uint_t                            category, i;
    cc_banner_conf_t                      c;
    ngx_http_cookie_consent_pcache_t     *pc;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    mcf = ngx_http_get_module_main_conf(r, ngx_http_cookie_consent_module);

    ngx_http_cookie_consent_banner_conf(r, lcf, html_lang, &c);

    category = CC_CLASS_CAT(cls);
    svc = CC_CLASS_SVC(cls);

    i = ((uintptr_t) lcf / sizeof(void *) + cls * 31 + c.lang * 7 + c.ascii)
        % NGX_HTTP_COOKIE_CONSENT_PCACHE;

    pc = &ngx_http_cookie_consent_pcache[i];

    if (pc->lcf != lcf || pc->cls != cls || pc->lang != c.lang
        || pc->ascii != c.ascii || pc->len == 0)
    {
        pc->lcf = NULL;

        size = cc_banner_placeholder_skeleton(NULL, 0, &c,
                                              mcf->names[category].data,
                                              mcf->names[category].len, svc,
                                              pc->holes, &pc->nholes);

        if (size && size <= NGX_HTTP_COOKIE_CONSENT_PCACHE_LEN) {
            pc->len = cc_banner_placeholder_skeleton(pc->data, size, &c,
                                                mcf->names[category].data,
                                                mcf->names[category].len,
                                                svc, pc->holes, &pc->nholes);

            if (pc->len) {
                pc->lcf = lcf;
                pc->cls = cls;
                pc->lang = c.lang;
                pc->ascii = c.ascii;
            }
        }
    }

    if (pc->lcf == lcf) {
        size = cc_banner_fill(NULL, 0, pc->data, pc->len, pc->holes,
                              pc->nholes, &c);

        out->data = ngx_pnalloc(r->pool, size);
        if (out->data == NULL) {
            return NGX_ERROR;
        }

        out->len = cc_banner_fill(out->data, size, pc->data, pc->len,
                                  pc->holes, pc->nholes, &c);

        return out->len ? NGX_OK : NGX_ERROR;
    }

    /* rendered whole */

    size = cc_banner_placeholder_size(&c, mcf->names[category].data,
                                      mcf->names[category].len, svc);

    out->data = ngx_pnalloc(r->pool, size);
    if (out->data == NULL) {
        return NGX_ERROR;
    }

    out->len = cc_banner_placeholder(out->data, size, &c,
                                     mcf->names[category].data,
                                     mcf->names[category].len, svc);

    return NGX_OK;
}
