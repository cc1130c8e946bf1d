/*
 * nginx-cookie-consent: cookie name classification.
 *
 * Rules come from the built-in set below and from cookie_consent_cookies
 * at every level.  They accumulate from http to server to location; for
 * the same pattern an inner rule replaces an outer one, and nginx.conf
 * rules replace built-in ones.  Lookup order: exact name (hash), longest
 * prefix, the first matching regular expression, cookie_consent_unknown.
 */


#include "ngx_http_cookie_consent_module.h"


typedef struct {
    char       *category;
    char       *patterns;          /* space-separated */
} ngx_http_cookie_consent_builtin_t;


/*
 * The built-in rule set: the most common trackers and well-known
 * necessary cookies, so the module is useful with no catalog file.
 */

static ngx_http_cookie_consent_builtin_t  ngx_http_cookie_consent_builtin[] = {

    /* consent managers' own cookies */

    { "necessary",
      "cc_cookie CookieConsent CookieConsentBulkTicket OptanonConsent "
      "OptanonAlertBoxClosed euconsent-v2 euconsent addtl_consent klaro "
      "cmplz_* tarteaucitron borlabs-cookie cookielawinfo-* "
      "CookieLawInfoConsent viewed_cookie_policy usprivacy" },

    /* framework sessions and CSRF tokens */

    { "necessary",
      "PHPSESSID JSESSIONID ASP.NET_SessionId ASPSESSIONID* .ASPXAUTH "
      ".AspNetCore.Session .AspNetCore.Cookies .AspNetCore.Antiforgery.* "
      "__RequestVerificationToken* csrftoken csrf_token _csrf _csrf_token "
      "XSRF-TOKEN xsrf-token CSRF-TOKEN sessionid laravel_session "
      "connect.sid _session_id session SESSION SESS* SSESS* CFID CFTOKEN "
      "ci_session frontend adminhtml form_key PrestaShop-* "
      "wordpress_logged_in_* wordpress_sec_* wordpress_test_cookie "
      "wp_woocommerce_session_* woocommerce_cart_hash "
      "woocommerce_items_in_cart shopify_s _shopify_s cart_sig "
      "cart secure_customer_sig _secure_session_id keep_alive "
      "__Host-next-auth.csrf-token next-auth.session-token "
      "__Secure-next-auth.session-token next-auth.csrf-token" },

    /* load balancers and bot protection */

    { "necessary",
      "AWSALB AWSALBCORS AWSALBTG AWSALBTGCORS AWSELB AWSELBCORS SERVERID "
      "BIGipServer* ROUTEID route ARRAffinity ARRAffinitySameSite "
      "__cf_bm cf_clearance __cfruid _cfuvid __cflb cf_ob_info cf_use_ob "
      "incap_ses_* visid_incap_* nlbi_* ak_bmsc bm_sv bm_sz _abck "
      "TS01* datadome __ddg1_ __ddg2_ __ddgid_ __ddgmark_ __ddg5_" },

    /* preferences */

    { "preferences",
      "wp-settings-* wp-settings-time-* pll_language wp_lang "
      "_icl_current_language lang_pref locale_pref" },

    /* Google Analytics (GA4 and Universal Analytics) */

    { "analytics",
      "_ga _ga_* _gid _gat* _dc_gtm_* __utma __utmb __utmc __utmt "
      "__utmt_* __utmz __utmv __utmx __utmxx AMP_TOKEN _gaexp _opt_awcid "
      "_opt_awmid _opt_awgid _opt_awkid _opt_utmc" },

    /* Hotjar, Microsoft Clarity, Matomo */

    { "analytics",
      "_hj* _hjSession_* _hjSessionUser_* _hjid _hjIncludedInPageviewSample "
      "_hjAbsoluteSessionInProgress _hjFirstSeen _clck _clsk CLID "
      "_pk_id* _pk_ses* _pk_ref* _pk_cvar* _pk_hsr* _pk_testcookie* "
      "MATOMO_SESSID _ALGOLIA" },

    /* Google Ads, DoubleClick */

    { "marketing",
      "_gcl_* _gcl_au _gcl_aw _gcl_dc _gcl_gb _gcl_gs _gcl_ha _gac_* "
      "IDE DSID test_cookie __gads __gpi __gpi_optout __eoi FPGCLAW "
      "FPGCLDC FPAU FPLC FPID ar_debug" },

    /* Meta */

    { "marketing", "_fbp _fbc fr datr sb" },

    /* Microsoft Advertising (UET), Bing */

    { "marketing",
      "_uetsid _uetvid _uetmsclkid _uetmsdns MUID MUIDB _EDGE_V ANONCHK SM "
      "SRM_B" },

    /* HubSpot */

    { "marketing",
      "__hstc __hssc __hssrc hubspotutk __hs_opt_out __hs_do_not_track "
      "__hs_initial_opt_in messagesUtk" },

    /* LinkedIn */

    { "marketing",
      "li_sugr bcookie bscookie lidc UserMatchHistory AnalyticsSyncHistory "
      "li_fat_id li_gc lms_ads lms_analytics _guid ln_or li_at liap" },

    /* TikTok */

    { "marketing", "_ttp _tt_enable_cookie tt_sessionId ttwid tt_chain_token "
      "tt_csrf_token ttcsid ttcsid_*" },

    /* other common advertising cookies */

    { "marketing",
      "_pin_unauth _pinterest_ct_ua _pinterest_sess _epik _derived_epik "
      "_rdt_uuid _scid _scid_r _sctr _tt_sessionId personalization_id "
      "guest_id guest_id_ads guest_id_marketing muc_ads _twitter_sess "
      "YSC VISITOR_INFO1_LIVE VISITOR_PRIVACY_METADATA __Secure-YEC "
      "__Secure-3PSID __Secure-3PAPISID __Secure-3PSIDCC NID 1P_JAR "
      "__qca mc uuid2 anj tuuid tuuid_lu criteo* cto_bundle cto_bidid "
      "_kuid_ KRTBCOOKIE_* ab __adroll* __ar_v4 _te_ outbrain_cid "
      "taboola_* t_gid t_pt_gid _lr_* _li_dcdm_c _lc2_fpi" },

    { NULL, NULL }
};


/*
 * The built-in tracker hosts for HTML rewriting: "host" covers the host
 * and its subdomains, "host/path" URLs whose path starts with /path.
 */

static ngx_http_cookie_consent_builtin_t  ngx_http_cookie_consent_trackers[] = {

    { "analytics",
      "google-analytics.com analytics.google.com googletagmanager.com "
      "ssl.google-analytics.com static.hotjar.com script.hotjar.com "
      "vars.hotjar.com clarity.ms c.clarity.ms cdn.matomo.cloud "
      "matomo.cloud plausible.io cdn.segment.com api.segment.io "
      "cdn.amplitude.com api2.amplitude.com cdn.mxpnl.com "
      "api-js.mixpanel.com js.hs-analytics.net cdn.heapanalytics.com "
      "fullstory.com edge.fullstory.com mouseflow.com cdn.mouseflow.com "
      "static.cloudflareinsights.com stats.wp.com js-agent.newrelic.com "
      "bam.nr-data.net cdn.luckyorange.com script.crazyegg.com" },

    { "marketing",
      "doubleclick.net googleadservices.com googlesyndication.com "
      "google.com/pagead google.com/ads adservice.google.com "
      "connect.facebook.net facebook.com/tr facebook.net "
      "snap.licdn.com px.ads.linkedin.com ads.linkedin.com "
      "analytics.tiktok.com business-api.tiktok.com bat.bing.com "
      "bat.r.msn.com js.hs-scripts.com js.hs-banner.com js.hsadspixel.net "
      "js.hscollectedforms.net track.hubspot.com forms.hubspot.com/embed "
      "static.ads-twitter.com analytics.twitter.com ads-api.twitter.com "
      "platform.twitter.com/oct.js t.co/i/adsct ct.pinterest.com "
      "s.pinimg.com/ct sc-static.net tr.snapchat.com redditstatic.com/ads "
      "alb.reddit.com criteo.com criteo.net static.criteo.net "
      "taboola.com cdn.taboola.com outbrain.com amplify.outbrain.com "
      "adnxs.com adsrvr.org js.adsrvr.org quantserve.com "
      "quantcount.com scorecardresearch.com sb.scorecardresearch.com "
      "ads.yahoo.com sp.analytics.yahoo.com s.yimg.com/wi "
      "amazon-adsystem.com c.amazon-adsystem.com "
      "youtube.com/embed youtube-nocookie.com/embed www.youtube.com/iframe_api "
      "player.vimeo.com google.com/maps/embed maps.google.com/maps "
      "maps.googleapis.com/maps/api/js platform.linkedin.com "
      "platform.instagram.com instagram.com/embed.js "
      "connect.facebook.com facebook.com/plugins "
      "widgets.pinterest.com assets.pinterest.com/js" },

    { NULL, NULL }
};


typedef ngx_int_t (*ngx_http_cookie_consent_add_pt)(ngx_conf_t *cf,
    ngx_array_t *rules, ngx_uint_t category, ngx_str_t *pattern);

static char *ngx_http_cookie_consent_add_args(ngx_conf_t *cf,
    ngx_array_t **rules, size_t size, ngx_http_cookie_consent_add_pt add,
    ngx_uint_t trackers);
static ngx_int_t ngx_http_cookie_consent_builtin_rules(ngx_conf_t *cf,
    ngx_http_cookie_consent_main_conf_t *mcf);
static ngx_array_t *ngx_http_cookie_consent_chain(ngx_conf_t *cf,
    ngx_array_t *outer, ngx_array_t *own);
static ngx_http_cookie_consent_classifier_t *
    ngx_http_cookie_consent_compile(ngx_conf_t *cf, ngx_array_t *rules);
static void *ngx_http_cookie_consent_alloc(void *pool, size_t size);
static cc_hosts_t *ngx_http_cookie_consent_compile_hosts(ngx_conf_t *cf,
    ngx_array_t *trackers);



/* the names already logged as unclassified, per worker */

#define NGX_HTTP_COOKIE_CONSENT_SEEN  2048    /* a power of 2 */

static uint32_t    ngx_http_cookie_consent_seen[NGX_HTTP_COOKIE_CONSENT_SEEN];
static ngx_uint_t  ngx_http_cookie_consent_nseen;


char *
ngx_http_cookie_consent_trackers_directive(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf)
{
    ngx_http_cookie_consent_loc_conf_t *lcf = conf;

    return ngx_http_cookie_consent_add_args(cf, &lcf->trackers,
                                            sizeof(cc_host_rule_t),
                                            ngx_http_cookie_consent_add_tracker,
                                            1);
}


/*
 * "CATEGORY ARG ..." or "SERVICE ARG ...": every argument added to
 * *rules; a tracker of "necessary" would never be neutralised
 */

static char *
ngx_http_cookie_consent_add_args(ngx_conf_t *cf, ngx_array_t **rules,
    size_t size, ngx_http_cookie_consent_add_pt add, ngx_uint_t trackers)
{
    ngx_int_t                             cat, svc;
    ngx_str_t                            *value;
    ngx_uint_t                            i;
    cc_host_rule_t                       *t;
    ngx_http_cookie_consent_rule_t       *rule;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    value = cf->args->elts;

    mcf = ngx_http_conf_get_module_main_conf(cf,
                                             ngx_http_cookie_consent_module);

    /* a service where a category goes: that service, in its category */

    svc = ngx_http_cookie_consent_service(mcf, value[1].data, value[1].len);

    if (svc >= 0) {
        cat = mcf->services[svc].category;

    } else {
        cat = ngx_http_cookie_consent_find_category(cf, &value[1]);
        if (cat < 0) {
            return NGX_CONF_ERROR;
        }
    }

    if (trackers && cat == 0) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "\"%V\" is always granted: trackers of it would "
                           "never be neutralised", &value[1]);
        return NGX_CONF_ERROR;
    }

    if (*rules == NULL) {
        *rules = ngx_array_create(cf->pool, cf->args->nelts, size);
        if (*rules == NULL) {
            return NGX_CONF_ERROR;
        }
    }

    for (i = 2; i < cf->args->nelts; i++) {
        if (add(cf, *rules, cat, &value[i]) != NGX_OK) {
            return NGX_CONF_ERROR;
        }

        if (svc >= 0 && trackers) {
            t = (cc_host_rule_t *) (*rules)->elts + (*rules)->nelts - 1;
            t->category = CC_CLASS(cat, svc);

        } else if (svc >= 0) {
            rule = (ngx_http_cookie_consent_rule_t *) (*rules)->elts
                   + (*rules)->nelts - 1;
            rule->service = svc;
        }

        if (!trackers && cat == 0
            && ngx_http_cookie_consent_exempt_check(cf, value[i].data,
                                                    value[i].len, NULL)
               != NGX_OK)
        {
            return NGX_CONF_ERROR;
        }
    }

    return NGX_CONF_OK;
}


/*
 * A rule that makes a cookie "necessary" exempts it from consent: WP29
 * opinion 04/2012 allows that only for cookies strictly needed for what
 * the visitor asked for, never for analytics or advertising.  A name (or
 * prefix, "name*") the built-in list knows as analytics or marketing is
 * warned about; a regular expression is not checked.
 */

ngx_int_t
ngx_http_cookie_consent_exempt_check(ngx_conf_t *cf, u_char *name,
    size_t len, const char *where)
{
    int                                    cat;
    size_t                                 n;
    ngx_http_cookie_consent_classifier_t  *c;
    ngx_http_cookie_consent_main_conf_t   *mcf;

    static const char  *cats[] = { "analytics", "advertising (marketing)" };

    if (len == 0 || name[0] == '~') {
        return NGX_OK;
    }

    n = (name[len - 1] == '*') ? len - 1 : len;

    mcf = ngx_http_conf_get_module_main_conf(cf,
                                             ngx_http_cookie_consent_module);

    if (mcf->builtin == NULL
        && ngx_http_cookie_consent_builtin_rules(cf, mcf) != NGX_OK)
    {
        return NGX_ERROR;
    }

    if (mcf->builtin_table == NULL) {
        c = ngx_http_cookie_consent_compile(cf, mcf->builtin);
        if (c == NULL) {
            return NGX_ERROR;
        }

        mcf->builtin_table = c->table;
    }

    if (n == 0
        || cc_rules_match(mcf->builtin_table, name, n, &cat)
           == CC_MATCH_NONE
        || (CC_CLASS_CAT(cat) != NGX_HTTP_COOKIE_CONSENT_ANALYTICS
            && CC_CLASS_CAT(cat) != NGX_HTTP_COOKIE_CONSENT_MARKETING))
    {
        return NGX_OK;
    }

    ngx_conf_log_error(NGX_LOG_WARN, cf, 0,
                       "\"%*s\"%s%s is an %s cookie: as \"necessary\" it "
                       "would be set without consent, which the ePrivacy "
                       "exemption (WP29 opinion 04/2012) does not cover",
                       len, name, where ? " in " : "", where ? where : "",
                       cats[CC_CLASS_CAT(cat)
                            == NGX_HTTP_COOKIE_CONSENT_MARKETING]);

    return NGX_OK;
}


ngx_int_t
ngx_http_cookie_consent_add_tracker(ngx_conf_t *cf, ngx_array_t *trackers,
    ngx_uint_t category, ngx_str_t *rule)
{
    u_char          *slash;
    cc_host_rule_t  *t;

    if (!cc_hosts_rule_valid(rule->data, rule->len)) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "invalid tracker \"%V\": HOST or HOST/PATH, "
                           "e.g. \"facebook.com/tr\"", rule);
        return NGX_ERROR;
    }

    t = ngx_array_push(trackers);
    if (t == NULL) {
        return NGX_ERROR;
    }

    ngx_memzero(t, sizeof(cc_host_rule_t));

    slash = ngx_strlchr(rule->data, rule->data + rule->len, '/');

    t->host = rule->data;
    t->host_len = (slash ? slash : rule->data + rule->len) - rule->data;
    t->path = slash;
    t->path_len = slash ? (size_t) (rule->data + rule->len - slash) : 0;
    t->category = (int) category;

    return NGX_OK;
}


static cc_hosts_t *
ngx_http_cookie_consent_compile_hosts(ngx_conf_t *cf, ngx_array_t *trackers)
{
    cc_host_rule_t  *t;

    t = ngx_http_cookie_consent_claim_hosts(cf, trackers);
    if (t == NULL) {
        return NULL;
    }

    return cc_hosts_build(t, trackers->nelts, ngx_http_cookie_consent_alloc,
                          cf->pool);
}


char *
ngx_http_cookie_consent_cookies(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf)
{
    ngx_http_cookie_consent_loc_conf_t *lcf = conf;

    return ngx_http_cookie_consent_add_args(cf, &lcf->rules,
                                    sizeof(ngx_http_cookie_consent_rule_t),
                                    ngx_http_cookie_consent_add_rule, 0);
}


ngx_int_t
ngx_http_cookie_consent_add_rule(ngx_conf_t *cf, ngx_array_t *rules,
    ngx_uint_t category, ngx_str_t *pattern)
{
    u_char                           c;
    ngx_uint_t                       i;
#if (NGX_PCRE)
    u_char                           errstr[NGX_MAX_CONF_ERRSTR];
    ngx_regex_compile_t              rc;
#endif
    ngx_http_cookie_consent_rule_t  *rule;

    if (pattern->len == 0) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0, "empty cookie name pattern");
        return NGX_ERROR;
    }

    rule = ngx_array_push(rules);
    if (rule == NULL) {
        return NGX_ERROR;
    }

    ngx_memzero(rule, sizeof(ngx_http_cookie_consent_rule_t));

    rule->category = category;
    rule->service = -1;

    if (pattern->data[0] == '~') {

#if (NGX_PCRE)
        ngx_memzero(&rc, sizeof(ngx_regex_compile_t));

        rc.pattern.data = pattern->data + 1;
        rc.pattern.len = pattern->len - 1;

        if (rc.pattern.len && rc.pattern.data[0] == '*') {
            rc.pattern.data++;
            rc.pattern.len--;
            rc.options = NGX_REGEX_CASELESS;
        }

        rc.pool = cf->pool;
        rc.err.len = NGX_MAX_CONF_ERRSTR;
        rc.err.data = errstr;

        if (rc.pattern.len == 0) {
            ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                               "empty regular expression \"%V\"", pattern);
            return NGX_ERROR;
        }

        if (ngx_regex_compile(&rc) != NGX_OK) {
            ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                               "invalid regular expression \"%V\" in "
                               "\"%V\" directive: %V", pattern,
                               &((ngx_str_t *) cf->args->elts)[0],
                               &rc.err);
            return NGX_ERROR;
        }

        rule->kind = NGX_HTTP_COOKIE_CONSENT_RULE_REGEX;
        rule->regex = rc.regex;
        rule->pattern = *pattern;

        return NGX_OK;
#else
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "using regex \"%V\" requires PCRE library",
                           pattern);
        return NGX_ERROR;
#endif
    }

    if (pattern->data[pattern->len - 1] == '*') {
        rule->kind = NGX_HTTP_COOKIE_CONSENT_RULE_PREFIX;
        rule->pattern.data = pattern->data;
        rule->pattern.len = pattern->len - 1;

    } else {
        rule->kind = NGX_HTTP_COOKIE_CONSENT_RULE_EXACT;
        rule->pattern = *pattern;
    }

    /*
     * browsers accept more than RFC 6265 tokens in names (':' and '[' are
     * seen in the wild): printable ASCII without ';', ',', '=' and '*'
     */

    for (i = 0; i < rule->pattern.len; i++) {
        c = rule->pattern.data[i];

        if (c <= 0x20 || c >= 0x7f || c == ';' || c == ',' || c == '='
            || c == '*')
        {
            break;
        }
    }

    if (i < rule->pattern.len) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "invalid cookie name pattern \"%V\": a name, "
                           "a prefix ending in \"*\", or \"~regex\"",
                           pattern);
        return NGX_ERROR;
    }

    return NGX_OK;
}


static ngx_int_t
ngx_http_cookie_consent_builtin_rules(ngx_conf_t *cf,
    ngx_http_cookie_consent_main_conf_t *mcf)
{
    u_char                             *p, *last;
    ngx_int_t                           cat, rc;
    ngx_str_t                           name, pattern;
    ngx_uint_t                          trackers;
    ngx_http_cookie_consent_builtin_t  *b;

    mcf->builtin = ngx_array_create(cf->pool, 512,
                                    sizeof(ngx_http_cookie_consent_rule_t));
    mcf->builtin_trackers = ngx_array_create(cf->pool, 128,
                                             sizeof(cc_host_rule_t));
    if (mcf->builtin == NULL || mcf->builtin_trackers == NULL) {
        return NGX_ERROR;
    }

    for (trackers = 0; trackers < 2; trackers++) {

        b = trackers ? ngx_http_cookie_consent_trackers
                     : ngx_http_cookie_consent_builtin;

        for ( /* void */ ; b->category; b++) {

            name.data = (u_char *) b->category;
            name.len = ngx_strlen(b->category);

            cat = ngx_http_cookie_consent_category(mcf, name.data, name.len);
            if (cat < 0) {
                return NGX_ERROR;
            }

            p = (u_char *) b->patterns;
            last = p + ngx_strlen(p);

            while (p < last) {
                while (p < last && *p == ' ') {
                    p++;
                }

                pattern.data = p;

                while (p < last && *p != ' ') {
                    p++;
                }

                pattern.len = p - pattern.data;

                if (pattern.len == 0) {
                    continue;
                }

                rc = trackers
                     ? ngx_http_cookie_consent_add_tracker(cf,
                                    mcf->builtin_trackers, cat, &pattern)
                     : ngx_http_cookie_consent_add_rule(cf, mcf->builtin,
                                                        cat, &pattern);
                if (rc != NGX_OK) {
                    return NGX_ERROR;
                }
            }
        }
    }

    return NGX_OK;
}


/*
 * The rules in force at a level: the outer level's chain followed by this
 * level's own rules (later rules win), shared when a level has none.
 */

static ngx_array_t *
ngx_http_cookie_consent_chain(ngx_conf_t *cf, ngx_array_t *outer,
    ngx_array_t *own)
{
    void         *p;
    ngx_array_t  *all;

    if (own == NULL) {
        return outer;
    }

    if (outer == NULL || outer->nelts == 0) {
        return own;
    }

    all = ngx_array_create(cf->pool, outer->nelts + own->nelts, own->size);
    if (all == NULL) {
        return NULL;
    }

    p = ngx_array_push_n(all, outer->nelts);
    if (p == NULL) {
        return NULL;
    }

    ngx_memcpy(p, outer->elts, outer->nelts * outer->size);

    p = ngx_array_push_n(all, own->nelts);
    if (p == NULL) {
        return NULL;
    }

    ngx_memcpy(p, own->elts, own->nelts * own->size);

    return all;
}


char *
ngx_http_cookie_consent_merge_rules(ngx_conf_t *cf,
    ngx_http_cookie_consent_loc_conf_t *prev,
    ngx_http_cookie_consent_loc_conf_t *conf)
{
    ngx_http_cookie_consent_main_conf_t  *mcf;

    mcf = ngx_http_conf_get_module_main_conf(cf,
                                             ngx_http_cookie_consent_module);

    if (mcf->builtin == NULL
        && ngx_http_cookie_consent_builtin_rules(cf, mcf) != NGX_OK)
    {
        return NGX_CONF_ERROR;
    }

    if (!mcf->services_resolved) {
        ngx_http_cookie_consent_vendor_services(mcf);
        mcf->services_resolved = 1;
    }

    /*
     * the http level is never merged into anything: its chains and
     * lookup structures are made when the first server inherits them
     */

    if (prev->all_rules == NULL) {

        /* a catalog replaces the built-in sets */

        prev->all_rules = ngx_http_cookie_consent_chain(cf,
                              mcf->catalog ? mcf->catalog : mcf->builtin,
                              prev->rules);
        prev->all_trackers = ngx_http_cookie_consent_chain(cf,
                              mcf->catalog ? mcf->catalog_trackers
                                           : mcf->builtin_trackers,
                              prev->trackers);
        if (prev->all_rules == NULL || prev->all_trackers == NULL) {
            return NGX_CONF_ERROR;
        }

        prev->classifier = ngx_http_cookie_consent_compile(cf,
                                                           prev->all_rules);
        prev->hosts = ngx_http_cookie_consent_compile_hosts(cf,
                                                        prev->all_trackers);
        if (prev->classifier == NULL || prev->hosts == NULL) {
            return NGX_CONF_ERROR;
        }
    }

    conf->all_rules = ngx_http_cookie_consent_chain(cf, prev->all_rules,
                                                    conf->rules);
    conf->all_trackers = ngx_http_cookie_consent_chain(cf,
                                                       prev->all_trackers,
                                                       conf->trackers);
    if (conf->all_rules == NULL || conf->all_trackers == NULL) {
        return NGX_CONF_ERROR;
    }

    if (conf->rules == NULL) {
        conf->classifier = prev->classifier;

    } else {
        conf->classifier = ngx_http_cookie_consent_compile(cf,
                                                           conf->all_rules);
        if (conf->classifier == NULL) {
            return NGX_CONF_ERROR;
        }
    }

    if (conf->trackers == NULL) {
        conf->hosts = prev->hosts;

    } else {
        conf->hosts = ngx_http_cookie_consent_compile_hosts(cf,
                                                        conf->all_trackers);
        if (conf->hosts == NULL) {
            return NGX_CONF_ERROR;
        }
    }

    return NGX_CONF_OK;
}


static ngx_http_cookie_consent_classifier_t *
ngx_http_cookie_consent_compile(ngx_conf_t *cf, ngx_array_t *rules)
{
    ngx_uint_t                             i, n;
    cc_rule_t                             *cr;
    ngx_http_cookie_consent_rule_t        *rule, **re;
    ngx_http_cookie_consent_classifier_t  *c;

    c = ngx_pcalloc(cf->pool, sizeof(ngx_http_cookie_consent_classifier_t));
    if (c == NULL) {
        return NULL;
    }

    rule = rules->elts;

    cr = ngx_palloc(cf->pool, (rules->nelts + 1) * sizeof(cc_rule_t));
    if (cr == NULL) {
        return NULL;
    }

    c->regexes = ngx_array_create(cf->pool, 4,
                                  sizeof(ngx_http_cookie_consent_rule_t *));
    if (c->regexes == NULL) {
        return NULL;
    }

    n = 0;

    for (i = 0; i < rules->nelts; i++) {

        if (rule[i].kind == NGX_HTTP_COOKIE_CONSENT_RULE_REGEX) {
            re = ngx_array_push(c->regexes);
            if (re == NULL) {
                return NULL;
            }

            *re = &rule[i];
            continue;
        }

        cr[n].pattern = rule[i].pattern.data;
        cr[n].len = rule[i].pattern.len;
        cr[n].kind = (int) rule[i].kind;
        cr[n].category = CC_CLASS(rule[i].category, rule[i].service);
        n++;
    }

    ngx_http_cookie_consent_claim(rules, cr, n);

    c->table = cc_rules_build(cr, n, ngx_http_cookie_consent_alloc,
                              cf->pool);
    if (c->table == NULL) {
        return NULL;
    }

    return c;
}


static void *
ngx_http_cookie_consent_alloc(void *pool, size_t size)
{
    return ngx_palloc(pool, size);
}


/*
 * The category of a tracker URL as the browser reads it, by the
 * location's tracker hosts (data: lcf->hosts; cc_hosts_match_url()), or
 * -1: the HTML rewriter's match_url callback (html.c), and how the
 * header filter reads the URLs of Link and Refresh headers
 */

int
ngx_http_cookie_consent_match_url(void *data, const u_char *url, size_t len)
{
    return cc_hosts_match_url(data, url, len);
}


ngx_int_t
ngx_http_cookie_consent_classify(ngx_http_request_t *r,
    ngx_http_cookie_consent_loc_conf_t *lcf, u_char *name, size_t len)
{
    return ngx_http_cookie_consent_classify_name(r, lcf, name, len, NULL);
}


/* as classify(), and *unclassified = 1 when no rule knows the name */

ngx_int_t
ngx_http_cookie_consent_classify_name(ngx_http_request_t *r,
    ngx_http_cookie_consent_loc_conf_t *lcf, u_char *name, size_t len,
    ngx_uint_t *unclassified)
{
    int                               cat;
    uint32_t                          hash;
    ngx_str_t                         s;
    ngx_uint_t                        i;
    ngx_http_cookie_consent_rule_t  **re;

    if (len == lcf->cookie_name.len
        && ngx_strncmp(name, lcf->cookie_name.data, len) == 0)
    {
        return 0;
    }

    if (cc_rules_match(lcf->classifier->table, name, len, &cat)
        != CC_MATCH_NONE)
    {
        return cat;
    }

#if (NGX_PCRE)
    re = lcf->classifier->regexes->elts;

    s.data = name;
    s.len = len;

    for (i = 0; i < lcf->classifier->regexes->nelts; i++) {
        if (ngx_regex_exec(re[i]->regex, &s, NULL, 0) >= 0) {
            return CC_CLASS(re[i]->category, re[i]->service);
        }
    }
#endif

    if (unclassified) {
        *unclassified = 1;
    }

    ngx_http_cookie_consent_count(r, NGX_HTTP_COOKIE_CONSENT_C_UNKNOWN, 0);

    /*
     * unclassified: log each name once per worker; the names seen are
     * kept as hashes in an open-addressing table, half full at most
     */

    if (ngx_http_cookie_consent_nseen < NGX_HTTP_COOKIE_CONSENT_SEEN / 2) {

        hash = ngx_crc32_short(name, len) | 1;

        for (i = hash & (NGX_HTTP_COOKIE_CONSENT_SEEN - 1);
             ngx_http_cookie_consent_seen[i] != 0
             && ngx_http_cookie_consent_seen[i] != hash;
             i = (i + 1) & (NGX_HTTP_COOKIE_CONSENT_SEEN - 1))
        {
            /* void */
        }

        if (ngx_http_cookie_consent_seen[i] == 0) {
            ngx_http_cookie_consent_seen[i] = hash;
            ngx_http_cookie_consent_nseen++;

            if (cc_cookie_name_valid(name, len) && len <= 128) {
                ngx_log_error(NGX_LOG_NOTICE, r->connection->log, 0,
                              "cookie consent: unclassified cookie \"%*s\"",
                              len, name);

            } else {
                ngx_log_error(NGX_LOG_NOTICE, r->connection->log, 0,
                              "cookie consent: unclassified cookie with an "
                              "invalid or overlong name");
            }

            if (ngx_http_cookie_consent_nseen
                == NGX_HTTP_COOKIE_CONSENT_SEEN / 2)
            {
                ngx_log_error(NGX_LOG_NOTICE, r->connection->log, 0,
                              "cookie consent: %d unclassified cookie names "
                              "logged, no more will be",
                              NGX_HTTP_COOKIE_CONSENT_SEEN / 2);
            }
        }
    }

    return lcf->unknown;
}
