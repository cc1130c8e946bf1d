/*
 * nginx-cookie-consent: the banner's HTML.
 *
 * Every function renders through one writer that copies while the output
 * fits and keeps counting after that, so the size functions are the same
 * renderers with an empty buffer.
 */

#include <stdio.h>
#include <string.h>

#include "cc_assets.h"
#include "cc_banner.h"
#include "cc_i18n.h"


typedef struct {
    unsigned char     *buf;
    size_t             size;
    size_t             len;      /* the full length, even past size */
    int                over;
    int                ascii;

    /* a skeleton (cc_banner_skeleton()): the request's parts as holes */
    cc_banner_hole_t  *holes;    /* NULL: not a skeleton */
    size_t             nholes;
    int                toomany;
} cc_out_t;


typedef struct {
    const char     *name;
    size_t          len;
    int             what;
} cc_banner_var_t;


/* template placeholders: an i18n text id, or one of these */

#define CC_VAR_LANG          100
#define CC_VAR_ENDPOINT      101
#define CC_VAR_RETURN        102
#define CC_VAR_POLICY_URL    103
#define CC_VAR_NONCE         104
#define CC_VAR_NONCE_ATTR    105
#define CC_VAR_CATEGORIES    106
#define CC_VAR_POLICY_LINK   107
#define CC_VAR_REOPEN_URL    108
#define CC_VAR_CSS_URL       109
#define CC_VAR_JS_URL        110
#define CC_VAR_REVISED       111
#define CC_VAR_GPC           112


#define V(s, w)  { s, sizeof(s) - 1, w }

static const cc_banner_var_t  cc_banner_vars[] = {
    V("lang", CC_VAR_LANG),
    V("endpoint", CC_VAR_ENDPOINT),
    V("return", CC_VAR_RETURN),
    V("policy_url", CC_VAR_POLICY_URL),
    V("nonce", CC_VAR_NONCE),
    V("nonce_attr", CC_VAR_NONCE_ATTR),
    V("categories", CC_VAR_CATEGORIES),
    V("policy_link", CC_VAR_POLICY_LINK),
    V("reopen_url", CC_VAR_REOPEN_URL),
    V("css_url", CC_VAR_CSS_URL),
    V("js_url", CC_VAR_JS_URL),
    V("revision_message", CC_VAR_REVISED),
    V("gpc_notice", CC_VAR_GPC),
    V("title", CC_I18N_TITLE),
    V("intro", CC_I18N_INTRO),
    V("accept_all", CC_I18N_ACCEPT_ALL),
    V("reject_all", CC_I18N_REJECT_ALL),
    V("settings", CC_I18N_SETTINGS),
    V("save", CC_I18N_SAVE),
    V("close", CC_I18N_CLOSE),
    V("reopen", CC_I18N_REOPEN),
    V("policy", CC_I18N_POLICY),
    V("always_on", CC_I18N_ALWAYS_ON),
    V("categories_title", CC_I18N_CATEGORIES)
};

#undef V


#define CC_DEFAULT_ENDPOINT  "/cookie-consent"


static void
cc_out(cc_out_t *o, const void *p, size_t n)
{
    if (n == 0) {
        return;
    }

    if (n > (size_t) -1 - o->len) {
        o->len = (size_t) -1;
        o->over = 1;
        return;
    }

    if (!o->over && n <= o->size - o->len) {
        memcpy(o->buf + o->len, p, n);

    } else {
        o->over = 1;
    }

    o->len += n;
}


#define cc_out_lit(o, s)  cc_out(o, s, sizeof(s) - 1)


static void
cc_out_str(cc_out_t *o, const char *s)
{
    cc_out(o, s, strlen(s));
}


/*
 * 1 when o is a skeleton: the part that depends on the request is left
 * out, a hole recorded in its place
 */

static int
cc_out_hole(cc_out_t *o, int what)
{
    if (o->holes == NULL) {
        return 0;
    }

    if (o->nholes == CC_BANNER_MAX_HOLES) {
        o->toomany = 1;
        return 1;
    }

    o->holes[o->nholes].offset = o->len;
    o->holes[o->nholes].what = what;
    o->nholes++;

    return 1;
}


/* one UTF-8 sequence at p (n > 0 bytes left): its length and code point */

static size_t
cc_utf8(const unsigned char *p, size_t n, unsigned *cp)
{
    size_t    len, i;
    unsigned  c, min;

    c = p[0];

    if (c < 0x80) {
        *cp = c;
        return 1;
    }

    if ((c & 0xe0) == 0xc0) {
        len = 2;
        c &= 0x1f;
        min = 0x80;

    } else if ((c & 0xf0) == 0xe0) {
        len = 3;
        c &= 0x0f;
        min = 0x800;

    } else if ((c & 0xf8) == 0xf0) {
        len = 4;
        c &= 0x07;
        min = 0x10000;

    } else {
        *cp = 0xfffd;
        return 1;
    }

    if (n < len) {
        *cp = 0xfffd;
        return 1;
    }

    for (i = 1; i < len; i++) {
        if ((p[i] & 0xc0) != 0x80) {
            *cp = 0xfffd;
            return 1;
        }

        c = (c << 6) | (p[i] & 0x3f);
    }

    if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
        *cp = 0xfffd;
        return len;
    }

    *cp = c;

    return len;
}


static const char *
cc_entity(unsigned char c)
{
    switch (c) {
    case '&':
        return "&amp;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '"':
        return "&quot;";
    case '\'':
        return "&#39;";
    default:
        return NULL;
    }
}


/* text or an attribute value: & < > " ' escaped */

static void
cc_out_esc(cc_out_t *o, const unsigned char *p, size_t n)
{
    char                  ref[16];
    size_t                i, l;
    unsigned              cp, d;
    const char           *e;
    const unsigned char  *run;

    run = p;

    for (i = 0; i < n; /* void */) {

        e = cc_entity(p[i]);

        if (e != NULL) {
            cc_out(o, run, (size_t) (p + i - run));
            cc_out_str(o, e);
            run = p + ++i;
            continue;
        }

        if (p[i] < 0x80 || !o->ascii) {
            i++;
            continue;
        }

        /* a character reference, for a page that is not UTF-8 */

        cc_out(o, run, (size_t) (p + i - run));

        i += cc_utf8(p + i, n - i, &cp);
        run = p + i;

        ref[15] = ';';
        l = 15;

        do {
            d = cp & 0xf;
            ref[--l] = (char) (d < 10 ? '0' + d : 'A' + d - 10);
            cp >>= 4;
        } while (cp);

        cc_out_lit(o, "&#x");
        cc_out(o, ref + l, 16 - l);
    }

    cc_out(o, run, (size_t) (p + n - run));
}


static void
cc_out_esc_str(cc_out_t *o, const char *s)
{
    cc_out_esc(o, (const unsigned char *) s, strlen(s));
}


/* a query argument value: all but unreserved characters and "/" encoded */

static void
cc_out_arg(cc_out_t *o, const unsigned char *p, size_t n)
{
    size_t                i;
    unsigned char         c, e[3];
    const unsigned char  *run;
    static const char     hex[] = "0123456789ABCDEF";

    /* what needs no escape goes out in runs, not byte by byte */

    run = p;

    for (i = 0; i < n; i++) {
        c = p[i];

        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
            || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_'
            || c == '~' || c == '/')
        {
            continue;
        }

        cc_out(o, run, (size_t) (p + i - run));
        run = p + i + 1;

        e[0] = '%';
        e[1] = (unsigned char) hex[c >> 4];
        e[2] = (unsigned char) hex[c & 0xf];
        cc_out(o, e, 3);
    }

    cc_out(o, run, (size_t) (p + n - run));
}


static void
cc_endpoint(const cc_banner_conf_t *c, const unsigned char **p, size_t *n)
{
    if (c->endpoint == NULL || c->endpoint_len == 0) {
        *p = (const unsigned char *) CC_DEFAULT_ENDPOINT;
        *n = sizeof(CC_DEFAULT_ENDPOINT) - 1;

    } else {
        *p = c->endpoint;
        *n = c->endpoint_len;
    }
}


static void
cc_return(const cc_banner_conf_t *c, const unsigned char **p, size_t *n)
{
    if (c->return_to == NULL || c->return_len == 0) {
        *p = (const unsigned char *) "/";
        *n = 1;

    } else {
        *p = c->return_to;
        *n = c->return_len;
    }
}


/* "<endpoint>/banner.css?v=..." and the like, escaped */

static void
cc_out_asset(cc_out_t *o, const cc_banner_conf_t *c, const char *file)
{
    size_t                n;
    const unsigned char  *p;

    cc_endpoint(c, &p, &n);

    cc_out_esc(o, p, n);

    if (p[n - 1] != '/') {
        cc_out_lit(o, "/");
    }

    cc_out_str(o, file);
    cc_out_lit(o, "?v=" CC_ASSETS_VERSION);
}


/*
 * "<endpoint>?return=/path&lang=xx" (the preferences page), escaped: the
 * page speaks the language of the banner that links to it
 */

static void
cc_out_page(cc_out_t *o, const cc_banner_conf_t *c)
{
    size_t                n;
    const unsigned char  *p;

    cc_endpoint(c, &p, &n);
    cc_out_esc(o, p, n);

    cc_out_lit(o, "?return=");

    if (!cc_out_hole(o, CC_BANNER_HOLE_RETURN_ARG)) {
        cc_return(c, &p, &n);
        cc_out_arg(o, p, n);
    }

    cc_out_lit(o, "&amp;lang=");
    cc_out_str(o, cc_i18n_code(c->lang));
}


/* a request's value between open and close, escaped; nothing without it */

static void
cc_out_around(cc_out_t *o, int hole, const char *open,
    const unsigned char *p, size_t n, const char *close)
{
    if (cc_out_hole(o, hole) || p == NULL || n == 0) {
        return;
    }

    cc_out_str(o, open);
    cc_out_esc(o, p, n);
    cc_out_str(o, close);
}


static void
cc_out_nonce_attr(cc_out_t *o, const cc_banner_conf_t *c)
{
    cc_out_around(o, CC_BANNER_HOLE_NONCE_ATTR, " nonce=\"", c->nonce,
                  c->nonce_len, "\"");
}


/* the revision message: a paragraph, or nothing */

static void
cc_out_revised(cc_out_t *o, const cc_banner_conf_t *c)
{
    cc_out_around(o, CC_BANNER_HOLE_REVISED, "<p class=\"ccm-revised\">",
                  c->revised, c->revised_len, "</p>\n");
}


static const char *
cc_text(const cc_banner_conf_t *c, int id)
{
    return cc_i18n_text(c->lang, id);
}


/* Sec-GPC honoured: a paragraph saying so, or nothing */

static void
cc_out_gpc(cc_out_t *o, const cc_banner_conf_t *c)
{
    if (cc_out_hole(o, CC_BANNER_HOLE_GPC) || !c->gpc) {
        return;
    }

    cc_out_lit(o, "<p class=\"ccm-gpc\">");
    cc_out_esc_str(o, cc_text(c, CC_I18N_GPC));
    cc_out_lit(o, "</p>\n");
}


static int
cc_required(const cc_banner_category_t *cat)
{
    return cat->required
           || (cat->name_len == sizeof("necessary") - 1
               && memcmp(cat->name, "necessary", sizeof("necessary") - 1)
                  == 0);
}


static void
cc_out_label(cc_out_t *o, const cc_banner_conf_t *c,
    const cc_banner_category_t *cat)
{
    const char  *s;

    if (cat->label != NULL && cat->label_len) {
        cc_out_esc(o, cat->label, cat->label_len);
        return;
    }

    s = cc_i18n_category(c->lang, cat->name, cat->name_len, 0);

    if (s != NULL) {
        cc_out_esc_str(o, s);

    } else {
        cc_out_esc(o, cat->name, cat->name_len);
    }
}


static size_t
cc_ncategories(const cc_banner_conf_t *c)
{
    if (c->categories == NULL) {
        return 0;
    }

    return c->ncategories < CC_BANNER_MAX_CATEGORIES
           ? c->ncategories : CC_BANNER_MAX_CATEGORIES;
}


/* a category's purpose between open and close, if there is one */

static void
cc_out_purpose(cc_out_t *o, const cc_banner_conf_t *c,
    const cc_banner_category_t *cat, const char *open, const char *close)
{
    const char  *s;

    if (cat->purpose != NULL && cat->purpose_len) {
        cc_out_str(o, open);
        cc_out_esc(o, cat->purpose, cat->purpose_len);
        cc_out_str(o, close);
        return;
    }

    s = cc_i18n_category(c->lang, cat->name, cat->name_len, 1);

    if (s != NULL) {
        cc_out_str(o, open);
        cc_out_esc_str(o, s);
        cc_out_str(o, close);
    }
}


static void cc_out_cookies(cc_out_t *o, const cc_banner_conf_t *c, size_t i);
static void cc_out_services(cc_out_t *o, const cc_banner_conf_t *c,
    size_t i);
static void cc_out_service_label(cc_out_t *o,
    const cc_banner_service_t *svc);
static void cc_decl_services(cc_out_t *o, const cc_banner_conf_t *c,
    size_t i);
static void cc_decl_table(cc_out_t *o, const cc_banner_conf_t *c,
    const cc_banner_decl_t *rows, size_t n, long category);


/* the checkboxes: a <label> per category */

static void
cc_out_categories(cc_out_t *o, const cc_banner_conf_t *c)
{
    size_t                       i, n;
    const cc_banner_category_t  *cat;

    n = cc_ncategories(c);

    for (i = 0; i < n; i++) {
        cat = &c->categories[i];

        if (cat->name == NULL || cat->name_len == 0) {
            continue;
        }

        cc_out_lit(o, "<label><input type=\"checkbox\" name=\"category\" "
                      "value=\"");
        cc_out_esc(o, cat->name, cat->name_len);
        cc_out_lit(o, "\"");

        if (cc_required(cat)) {
            cc_out_lit(o, " checked disabled");

        } else if (i < sizeof(c->granted) * 8 && (c->granted >> i) & 1) {
            cc_out_lit(o, " checked");
        }

        cc_out_lit(o, "> <b>");
        cc_out_label(o, c, cat);
        cc_out_lit(o, "</b>");

        if (cc_required(cat)) {
            cc_out_lit(o, " (");
            cc_out_esc_str(o, cc_text(c, CC_I18N_ALWAYS_ON));
            cc_out_lit(o, ")");
        }

        cc_out_purpose(o, c, cat, "<span>", "</span>");

        cc_out_lit(o, "</label>\n");

        if (!cc_required(cat)) {
            cc_out_services(o, c, i);
        }

        if (c->decl != NULL) {
            cc_out_cookies(o, c, i);
        }
    }
}


/* a service's label, else its name */

static void
cc_out_service_label(cc_out_t *o, const cc_banner_service_t *svc)
{
    if (svc->label != NULL && svc->label_len) {
        cc_out_esc(o, svc->label, svc->label_len);

    } else {
        cc_out_esc(o, svc->name, svc->name_len);
    }
}


/*
 * The services of category i, each a checkbox of its own under the
 * category's (ticked when granted, one by one or with the category); the
 * stylesheet hides them while the category is ticked, which grants them
 * all (the same with and without the script)
 */

static void
cc_out_services(cc_out_t *o, const cc_banner_conf_t *c, size_t i)
{
    size_t                      k, shown;
    const cc_banner_service_t  *svc;

    shown = 0;

    for (k = 0; k < c->nservices; k++) {
        svc = &c->services[k];

        if (svc->category != i || svc->name == NULL) {
            continue;
        }

        if (shown++ == 0) {
            cc_out_lit(o, "<div class=\"ccm-svcs\">\n");
        }

        cc_out_lit(o, "<label><input type=\"checkbox\" name=\"service\" "
                      "value=\"");
        cc_out_esc(o, svc->name, svc->name_len);
        cc_out_lit(o, "\"");

        if ((k < sizeof(c->granted_services) * 8
             && (c->granted_services >> k) & 1)
            || (i < sizeof(c->granted) * 8 && (c->granted >> i) & 1))
        {
            cc_out_lit(o, " checked");
        }

        cc_out_lit(o, "> ");
        cc_out_service_label(o, svc);
        cc_out_lit(o, "</label>\n");
    }

    if (shown) {
        cc_out_lit(o, "</div>\n");
    }
}


/*
 * The preferences page: a category's cookies, folded under its checkbox
 * (none: nothing); the banner's script moves these into its second layer
 */

static void
cc_out_cookies(cc_out_t *o, const cc_banner_conf_t *c, size_t i)
{
    char                         num[32];
    size_t                       k, n;
    const cc_banner_category_t  *cat;

    n = 0;

    for (k = 0; k < c->ndecl; k++) {
        n += (c->decl[k].category == (long) i && c->decl[k].name != NULL);
    }

    if (n == 0) {
        return;
    }

    cat = &c->categories[i];

    cc_out_lit(o, "<details class=\"ccm-cookies\" data-ccm-cat=\"");
    cc_out_esc(o, cat->name, cat->name_len);
    cc_out_lit(o, "\"><summary>");
    cc_out_esc_str(o, cc_text(c, CC_I18N_DECL_COOKIES));
    snprintf(num, sizeof(num), " (%zu)", n);
    cc_out_str(o, num);
    cc_out_lit(o, "</summary>\n");
    cc_decl_table(o, c, c->decl, c->ndecl, (long) i);
    cc_out_lit(o, "</details>\n");
}


static void
cc_out_policy_link(cc_out_t *o, const cc_banner_conf_t *c)
{
    if (c->policy_url == NULL || c->policy_len == 0) {
        return;
    }

    cc_out_lit(o, "<a href=\"");
    cc_out_esc(o, c->policy_url, c->policy_len);
    cc_out_lit(o, "\">");
    cc_out_esc_str(o, cc_text(c, CC_I18N_POLICY));
    cc_out_lit(o, "</a>");
}


/* a text, then the policy link when there is one */

static void
cc_out_text_policy(cc_out_t *o, const cc_banner_conf_t *c, int text)
{
    cc_out_esc_str(o, cc_text(c, text));

    if (c->policy_url != NULL && c->policy_len) {
        cc_out_lit(o, " ");
        cc_out_policy_link(o, c);
    }
}


/* the theme's class: " ccm-light", or nothing (auto) */

static void
cc_out_theme(cc_out_t *o, const cc_banner_conf_t *c)
{
    if (c->theme == CC_BANNER_THEME_LIGHT) {
        cc_out_lit(o, " ccm-light");
    }
}


static void
cc_out_lang_attr(cc_out_t *o, const cc_banner_conf_t *c)
{
    cc_out_lit(o, " lang=\"");
    cc_out_str(o, cc_i18n_code(c->lang));
    cc_out_lit(o, "\"");
}


static void
cc_out_button(cc_out_t *o, const cc_banner_conf_t *c, const char *action,
    int text)
{
    cc_out_lit(o, "<button type=\"submit\" name=\"action\" value=\"");
    cc_out_str(o, action);
    cc_out_lit(o, "\" class=\"ccm-btn\">");
    cc_out_esc_str(o, cc_text(c, text));
    cc_out_lit(o, "</button>");
}


static void
cc_out_reopen(cc_out_t *o, const cc_banner_conf_t *c, int hidden)
{
    cc_out_lit(o, "<a id=\"ccm-reopen\" class=\"ccm-reopen");

    if (c->reopen_right) {
        cc_out_lit(o, " ccm-right");
    }

    cc_out_theme(o, c);
    cc_out_lit(o, "\" href=\"");
    cc_out_page(o, c);
    cc_out_lit(o, "\"");
    cc_out_lang_attr(o, c);

    if (hidden) {
        cc_out_lit(o, " hidden");
    }

    cc_out_lit(o, ">");
    cc_out_esc_str(o, cc_text(c, CC_I18N_REOPEN));
    cc_out_lit(o, "</a>\n");
}


/* the first layer, for an undecided visitor */

static void
cc_banner_first(cc_out_t *o, const cc_banner_conf_t *c)
{
    size_t                n;
    const unsigned char  *p;

    cc_out_lit(o, "<div id=\"ccm-banner\" class=\"ccm");

    if (c->layout == CC_BANNER_BOX) {
        cc_out_lit(o, " ccm-box");

    } else if (c->layout == CC_BANNER_MODAL && !c->wall) {
        cc_out_lit(o, " ccm-modal");
    }

    cc_out_theme(o, c);

    /* a wall is a modal dialog: the script makes the page inert */

    if (c->wall) {
        cc_out_lit(o, " ccm-wall\" role=\"dialog\" aria-modal=\"true\" "
                      "tabindex=\"-1\"");

    } else {
        cc_out_lit(o, "\" role=\"region\"");
    }

    cc_out_lit(o, " aria-labelledby=\"ccm-title\"");
    cc_out_lang_attr(o, c);
    cc_out_lit(o, ">\n<form class=\"ccm-form\" method=\"post\" action=\"");
    cc_endpoint(c, &p, &n);
    cc_out_esc(o, p, n);
    cc_out_lit(o, "\">\n<input type=\"hidden\" name=\"return\" value=\"");

    if (!cc_out_hole(o, CC_BANNER_HOLE_RETURN)) {
        cc_return(c, &p, &n);
        cc_out_esc(o, p, n);
    }
    /* "Settings" without the script: the preferences page, this language */

    cc_out_lit(o, "\">\n<input type=\"hidden\" name=\"lang\" value=\"");
    cc_out_str(o, cc_i18n_code(c->lang));
    cc_out_lit(o, "\">\n<p id=\"ccm-title\" class=\"ccm-title\">");
    cc_out_esc_str(o, cc_text(c, CC_I18N_TITLE));

    /* closing rejects */

    cc_out_lit(o, "</p>\n<button type=\"submit\" name=\"action\" "
                  "value=\"reject_all\" class=\"ccm-x\" aria-label=\"");
    cc_out_esc_str(o, cc_text(c, CC_I18N_CLOSE));
    cc_out_lit(o, "\" title=\"");
    cc_out_esc_str(o, cc_text(c, CC_I18N_CLOSE));
    cc_out_lit(o, "\">&times;</button>\n<p>");
    cc_out_text_policy(o, c, CC_I18N_INTRO);
    cc_out_lit(o, "</p>\n");
    cc_out_revised(o, c);
    cc_out_gpc(o, c);
    /*
     * the categories, folded from the first paint (nothing moves when
     * the script arrives): the script unfolds them in place, without it
     * "Settings" opens the preferences page
     */

    cc_out_lit(o, "<fieldset id=\"ccm-cats\" class=\"ccm-cats ccm-fold\">"
                  "<legend>");
    cc_out_esc_str(o, cc_text(c, CC_I18N_CATEGORIES));
    cc_out_lit(o, "</legend>\n");
    cc_out_categories(o, c);

    /*
     * three equal buttons; the third, "Settings", asks for the
     * preferences page (formmethod="get": the return path and the
     * language as its query), or unfolds the categories and then saves
     * them ("Save choices", data-alt) when the script runs
     */

    cc_out_lit(o, "</fieldset>\n<div class=\"ccm-btns\">");
    cc_out_button(o, c, "accept_all", CC_I18N_ACCEPT_ALL);
    cc_out_button(o, c, "reject_all", CC_I18N_REJECT_ALL);
    cc_out_lit(o, "<button type=\"submit\" value=\"save\" class=\"ccm-btn\" "
                  "formmethod=\"get\" data-alt=\"");
    cc_out_esc_str(o, cc_text(c, CC_I18N_SAVE));
    cc_out_lit(o, "\">");
    cc_out_esc_str(o, cc_text(c, CC_I18N_SETTINGS));
    cc_out_lit(o, "</button></div>\n</form>\n</div>\n");

    cc_out_reopen(o, c, 1);
}


static void
cc_out_stylesheet(cc_out_t *o, const cc_banner_conf_t *c)
{
    cc_out_lit(o, "<link rel=\"stylesheet\" href=\"");
    cc_out_asset(o, c, "banner.css");
    cc_out_lit(o, "\"");
    cc_out_nonce_attr(o, c);
    cc_out_lit(o, ">\n");
}


/*
 * the endpoint's own pages: the banner's stylesheet, pages.css, and the
 * site's own one (cookie_consent_page_stylesheet) last
 */

static void
cc_out_page_stylesheets(cc_out_t *o, const cc_banner_conf_t *c)
{
    cc_out_stylesheet(o, c);
    cc_out_lit(o, "<link rel=\"stylesheet\" href=\"");
    cc_out_asset(o, c, "pages.css");
    cc_out_lit(o, "\">\n");

    if (c->page_css != NULL && c->page_css_len) {
        cc_out_lit(o, "<link rel=\"stylesheet\" href=\"");
        cc_out_esc(o, c->page_css, c->page_css_len);
        cc_out_lit(o, "\">\n");
    }
}


static void
cc_banner_out(cc_out_t *o, const cc_banner_conf_t *c)
{
    cc_out_stylesheet(o, c);

    if (c->mode == CC_BANNER_REOPEN) {
        cc_out_reopen(o, c, 0);

    } else {
        cc_banner_first(o, c);
    }

    cc_out_lit(o, "<script src=\"");
    cc_out_asset(o, c, "banner.js");
    cc_out_lit(o, "\" defer");
    cc_out_nonce_attr(o, c);
    cc_out_lit(o, "></script>\n");
}


static void
cc_out_init(cc_out_t *o, unsigned char *buf, size_t size,
    const cc_banner_conf_t *c)
{
    o->buf = buf;
    o->size = buf ? size : 0;
    o->len = 0;
    o->over = 0;
    o->ascii = c->ascii;
    o->holes = NULL;
    o->nholes = 0;
    o->toomany = 0;
}


size_t
cc_banner_size(const cc_banner_conf_t *c)
{
    cc_out_t  o;

    cc_out_init(&o, NULL, 0, c);
    cc_banner_out(&o, c);

    return o.len;
}


size_t
cc_banner_render(unsigned char *buf, size_t size, const cc_banner_conf_t *c)
{
    cc_out_t  o;

    cc_out_init(&o, buf, size, c);
    cc_banner_out(&o, c);

    return o.over ? 0 : o.len;
}


int
cc_banner_widest(const cc_banner_conf_t *c)
{
    int               lang, widest;
    size_t            n, max;
    cc_banner_conf_t  t;

    t = *c;
    widest = CC_I18N_EN;
    max = 0;

    for (lang = 0; lang < CC_I18N_NLANGS; lang++) {
        t.lang = lang;
        n = cc_banner_size(&t);

        if (n > max) {
            max = n;
            widest = lang;
        }
    }

    return widest;
}


/*
 * The endpoint's preferences page: the banner's form as a page of its
 * own, with the current choice ticked
 */

static void
cc_page_out(cc_out_t *o, const cc_banner_conf_t *c)
{
    size_t                n;
    const unsigned char  *p;

    cc_out_lit(o, "<!DOCTYPE html>\n<html");
    cc_out_lang_attr(o, c);
    cc_out_lit(o, ">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, "
                  "initial-scale=1\">\n"
                  "<meta name=\"robots\" content=\"noindex\">\n"
                  "<meta name=\"color-scheme\" content=\"");

    if (c->theme == CC_BANNER_THEME_LIGHT) {
        cc_out_lit(o, "light");

    } else {
        cc_out_lit(o, "light dark");
    }

    cc_out_lit(o, "\">\n<title>");
    cc_out_esc_str(o, cc_text(c, CC_I18N_REOPEN));
    cc_out_lit(o, "</title>\n");
    cc_out_page_stylesheets(o, c);

    cc_out_lit(o, "</head>\n<body>\n<main id=\"ccm-page\" "
                  "class=\"ccm ccm-page");
    cc_out_theme(o, c);
    cc_out_lit(o, "\">\n<form class=\"ccm-form\" method=\"post\" "
                  "action=\"");
    cc_endpoint(c, &p, &n);
    cc_out_esc(o, p, n);
    cc_out_lit(o, "\">\n<input type=\"hidden\" name=\"return\" value=\"");
    cc_return(c, &p, &n);
    cc_out_esc(o, p, n);
    cc_out_lit(o, "\">\n");

    if (c->gpc_confirm) {
        cc_out_lit(o, "<input type=\"hidden\" name=\"gpc\" "
                      "value=\"confirm\">\n");
    }

    cc_out_lit(o, "<h1 class=\"ccm-title\">");
    cc_out_esc_str(o, cc_text(c, CC_I18N_REOPEN));
    cc_out_lit(o, "</h1>\n");

    if (c->gpc_confirm) {
        cc_out_lit(o, "<p class=\"ccm-gpc\" role=\"alert\">");
        cc_out_esc_str(o, cc_text(c, CC_I18N_GPC_CONFIRM));
        cc_out_lit(o, "</p>\n");

    } else {
        cc_out_gpc(o, c);
    }

    cc_out_lit(o, "<p>");
    cc_out_text_policy(o, c, c->decided ? CC_I18N_SAVED
                                        : CC_I18N_UNDECIDED);

    cc_out_lit(o, "</p>\n<fieldset class=\"ccm-cats\"><legend>");
    cc_out_esc_str(o, cc_text(c, CC_I18N_CATEGORIES));
    cc_out_lit(o, "</legend>\n");
    cc_out_categories(o, c);
    cc_out_lit(o, "</fieldset>\n<div class=\"ccm-btns\">");
    cc_out_button(o, c, "accept_all", c->gpc_confirm ? CC_I18N_GPC_ACCEPT
                                                     : CC_I18N_ACCEPT_ALL);
    cc_out_button(o, c, "reject_all", CC_I18N_REJECT_ALL);
    cc_out_button(o, c, "save", CC_I18N_SAVE);

    /* the way back, without deciding anything */

    cc_out_lit(o, "</div>\n</form>\n<p class=\"ccm-back\"><a href=\"");
    cc_return(c, &p, &n);
    cc_out_esc(o, p, n);
    cc_out_lit(o, "\">");
    cc_out_esc_str(o, cc_text(c, CC_I18N_BACK));
    cc_out_lit(o, "</a></p>\n</main>\n</body>\n</html>\n");
}


size_t
cc_banner_page_size(const cc_banner_conf_t *c)
{
    cc_out_t  o;

    cc_out_init(&o, NULL, 0, c);
    cc_page_out(&o, c);

    return o.len;
}


size_t
cc_banner_page(unsigned char *buf, size_t size, const cc_banner_conf_t *c)
{
    cc_out_t  o;

    cc_out_init(&o, buf, size, c);
    cc_page_out(&o, c);

    return o.over ? 0 : o.len;
}


/*
 * the cookie declaration: a category's services, the third parties a
 * visitor may allow on their own ("Third-party services: YouTube, ...")
 */

static void
cc_decl_services(cc_out_t *o, const cc_banner_conf_t *c, size_t i)
{
    size_t  k, shown;

    shown = 0;

    for (k = 0; k < c->nservices; k++) {
        if (c->services[k].category != i || c->services[k].name == NULL) {
            continue;
        }

        if (shown++ == 0) {
            cc_out_lit(o, "<p class=\"ccm-third\">");
            cc_out_esc_str(o, cc_text(c, CC_I18N_DECL_THIRD));
            cc_out_lit(o, ": ");

        } else {
            cc_out_lit(o, ", ");
        }

        cc_out_service_label(o, &c->services[k]);
    }

    if (shown) {
        cc_out_lit(o, "</p>\n");
    }
}


/* the cookie declaration: a category's table, or "None." */

static void
cc_decl_table(cc_out_t *o, const cc_banner_conf_t *c,
    const cc_banner_decl_t *rows, size_t n, long category)
{
    char                        num[80];
    size_t                      i, shown;
    long long                   days, y, m, d, era, doe, yoe, doy, mp;
    const cc_banner_service_t  *svc;

    shown = 0;

    for (i = 0; i < n; i++) {
        if (rows[i].category != category || rows[i].name == NULL) {
            continue;
        }

        if (shown++ == 0) {
            cc_out_lit(o, "<table class=\"ccm-table\"><thead><tr>"
                          "<th scope=\"col\">");
            cc_out_esc_str(o, cc_text(c, CC_I18N_DECL_COOKIE));
            cc_out_lit(o, "</th><th scope=\"col\">");
            cc_out_esc_str(o, cc_text(c, CC_I18N_DECL_PROVIDER));
            cc_out_lit(o, "</th><th scope=\"col\">");
            cc_out_esc_str(o, cc_text(c, CC_I18N_DECL_LIFETIME));
            cc_out_lit(o, "</th><th scope=\"col\">");
            cc_out_esc_str(o, cc_text(c, CC_I18N_DECL_LAST));
            cc_out_lit(o, "</th></tr></thead>\n<tbody>\n");
        }

        cc_out_lit(o, "<tr><td><code>");
        cc_out_esc(o, rows[i].name, rows[i].name_len);
        cc_out_lit(o, "</code></td><td>");

        if (rows[i].service >= 0
            && (size_t) rows[i].service < c->nservices)
        {
            svc = &c->services[rows[i].service];
            cc_out_service_label(o, svc);

        } else if (rows[i].vendor != NULL && rows[i].vendor_len) {
            cc_out_esc(o, rows[i].vendor, rows[i].vendor_len);

        } else {
            cc_out_lit(o, "&mdash;");
        }

        cc_out_lit(o, "</td><td>");

        if (rows[i].lifetime == CC_BANNER_DECL_SESSION) {
            cc_out_esc_str(o, cc_text(c, CC_I18N_DECL_SESSION));

        } else if (rows[i].lifetime < 0) {
            cc_out_lit(o, "&mdash;");

        } else if (rows[i].lifetime < 86400) {
            cc_out_lit(o, "&lt; 1");

        } else {
            snprintf(num, sizeof(num), "%lld",
                     (rows[i].lifetime + 86399) / 86400);
            cc_out_str(o, num);
        }

        cc_out_lit(o, "</td><td>");

        if (rows[i].last > 0) {

            /* the civil date of a day number (H. Hinnant's algorithm) */

            days = rows[i].last / 86400 + 719468;
            era = days / 146097;
            doe = days - era * 146097;
            yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
            doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
            mp = (5 * doy + 2) / 153;
            d = doy - (153 * mp + 2) / 5 + 1;
            m = mp < 10 ? mp + 3 : mp - 9;
            y = yoe + era * 400 + (m <= 2);

            snprintf(num, sizeof(num), "%04lld-%02lld-%02lld", y, m, d);
            cc_out_str(o, num);

        } else {
            cc_out_lit(o, "&mdash;");
        }

        cc_out_lit(o, "</td></tr>\n");
    }

    if (shown) {
        cc_out_lit(o, "</tbody></table>\n");

    } else {
        cc_out_lit(o, "<p>");
        cc_out_esc_str(o, cc_text(c, CC_I18N_DECL_NONE));
        cc_out_lit(o, "</p>\n");
    }
}


static void
cc_decl_out(cc_out_t *o, const cc_banner_conf_t *c,
    const cc_banner_decl_t *rows, size_t n, int fragment)
{
    size_t                       i, k, ncats;
    const cc_banner_category_t  *cat;

    if (fragment) {
        cc_out_lit(o, "<div class=\"ccm ccm-page ccm-decl");
        cc_out_theme(o, c);
        cc_out_lit(o, "\"");
        cc_out_lang_attr(o, c);
        cc_out_lit(o, ">\n");

    } else {
        cc_out_lit(o, "<!DOCTYPE html>\n<html");
        cc_out_lang_attr(o, c);
        cc_out_lit(o, ">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width, "
                      "initial-scale=1\">\n<meta name=\"color-scheme\" "
                      "content=\"");
        cc_out_str(o, c->theme == CC_BANNER_THEME_LIGHT ? "light"
                                                        : "light dark");
        cc_out_lit(o, "\">\n<title>");
        cc_out_esc_str(o, cc_text(c, CC_I18N_DECL_TITLE));
        cc_out_lit(o, "</title>\n");
        cc_out_page_stylesheets(o, c);

        cc_out_lit(o, "</head>\n<body>\n<main id=\"ccm-page\" "
                      "class=\"ccm ccm-page ccm-decl");
        cc_out_theme(o, c);
        cc_out_lit(o, "\">\n");
    }

    cc_out_lit(o, "<h1 class=\"ccm-title\">");
    cc_out_esc_str(o, cc_text(c, CC_I18N_DECL_TITLE));
    cc_out_lit(o, "</h1>\n<p>");
    cc_out_text_policy(o, c, CC_I18N_DECL_INTRO);
    cc_out_lit(o, "</p>\n");

    ncats = cc_ncategories(c);

    for (i = 0; i <= ncats; i++) {

        /* after the categories, the cookies no rule classifies, if any */

        if (i == ncats) {
            for (k = 0; k < n && rows[k].category != -1; k++) {
                /* void */
            }

            if (k == n) {
                break;
            }

            cc_out_lit(o, "<h2>");
            cc_out_esc_str(o, cc_text(c, CC_I18N_DECL_UNCLASSIFIED));
            cc_out_lit(o, "</h2>\n");
            cc_decl_table(o, c, rows, n, -1);
            break;
        }

        cat = &c->categories[i];

        if (cat->name == NULL || cat->name_len == 0) {
            continue;
        }

        cc_out_lit(o, "<h2>");
        cc_out_label(o, c, cat);
        cc_out_lit(o, "</h2>\n");

        cc_out_purpose(o, c, cat, "<p>", "</p>\n");

        cc_decl_table(o, c, rows, n, (long) i);
        cc_decl_services(o, c, i);
    }

    cc_out_lit(o, fragment ? "</div>\n" : "</main>\n</body>\n</html>\n");
}


size_t
cc_banner_declaration_size(const cc_banner_conf_t *c,
    const cc_banner_decl_t *rows, size_t n, int fragment)
{
    cc_out_t  o;

    cc_out_init(&o, NULL, 0, c);
    cc_decl_out(&o, c, rows, n, fragment);

    return o.len;
}


size_t
cc_banner_declaration(unsigned char *buf, size_t size,
    const cc_banner_conf_t *c, const cc_banner_decl_t *rows, size_t n,
    int fragment)
{
    cc_out_t  o;

    cc_out_init(&o, buf, size, c);
    cc_decl_out(&o, c, rows, n, fragment);

    return o.over ? 0 : o.len;
}


/* the placeholder name at p (just after "{{"), or NULL */

static const cc_banner_var_t *
cc_banner_var(const unsigned char *p, size_t n, size_t *len)
{
    size_t  i, k;

    for (i = 0; i < n && i <= CC_BANNER_MAX_NAME; i++) {
        if (p[i] == '}') {
            break;
        }

        if (!((p[i] >= 'a' && p[i] <= 'z') || p[i] == '_')) {
            return NULL;
        }
    }

    if (i == 0 || i > CC_BANNER_MAX_NAME || n - i < 2 || p[i] != '}'
        || p[i + 1] != '}')
    {
        return NULL;
    }

    for (k = 0; k < sizeof(cc_banner_vars) / sizeof(cc_banner_vars[0]);
         k++)
    {
        if (cc_banner_vars[k].len == i
            && memcmp(cc_banner_vars[k].name, p, i) == 0)
        {
            *len = i + 2;
            return &cc_banner_vars[k];
        }
    }

    return NULL;
}


static void
cc_out_var(cc_out_t *o, const cc_banner_conf_t *c, int what)
{
    size_t                n;
    const unsigned char  *p;

    switch (what) {

    case CC_VAR_LANG:
        cc_out_str(o, cc_i18n_code(c->lang));
        break;

    case CC_VAR_ENDPOINT:
        cc_endpoint(c, &p, &n);
        cc_out_esc(o, p, n);
        break;

    case CC_VAR_RETURN:
        if (!cc_out_hole(o, CC_BANNER_HOLE_RETURN)) {
            cc_return(c, &p, &n);
            cc_out_esc(o, p, n);
        }
        break;

    case CC_VAR_POLICY_URL:
        if (c->policy_url != NULL) {
            cc_out_esc(o, c->policy_url, c->policy_len);
        }
        break;

    case CC_VAR_NONCE:
        if (!cc_out_hole(o, CC_BANNER_HOLE_NONCE) && c->nonce != NULL) {
            cc_out_esc(o, c->nonce, c->nonce_len);
        }
        break;

    case CC_VAR_NONCE_ATTR:
        cc_out_nonce_attr(o, c);
        break;

    case CC_VAR_CATEGORIES:
        cc_out_categories(o, c);
        break;

    case CC_VAR_POLICY_LINK:
        cc_out_policy_link(o, c);
        break;

    case CC_VAR_REOPEN_URL:
        cc_out_page(o, c);
        break;

    case CC_VAR_CSS_URL:
        cc_out_asset(o, c, "banner.css");
        break;

    case CC_VAR_JS_URL:
        cc_out_asset(o, c, "banner.js");
        break;

    case CC_VAR_REVISED:
        cc_out_revised(o, c);
        break;

    case CC_VAR_GPC:
        cc_out_gpc(o, c);
        break;

    default:
        cc_out_esc_str(o, cc_text(c, what));
        break;
    }
}


static void
cc_template_out(cc_out_t *o, const unsigned char *tpl, size_t tlen,
    const cc_banner_conf_t *c)
{
    size_t                  i, start, len;
    const cc_banner_var_t  *v;

    if (tpl == NULL) {
        return;
    }

    start = 0;

    for (i = 0; i + 1 < tlen; i++) {
        if (tpl[i] != '{' || tpl[i + 1] != '{') {
            continue;
        }

        v = cc_banner_var(tpl + i + 2, tlen - i - 2, &len);
        if (v == NULL) {
            continue;
        }

        cc_out(o, tpl + start, i - start);
        cc_out_var(o, c, v->what);

        i += 2 + len - 1;
        start = i + 1;
    }

    cc_out(o, tpl + start, tlen - start);
}


size_t
cc_banner_template_size(const unsigned char *tpl, size_t tlen,
    const cc_banner_conf_t *c)
{
    cc_out_t  o;

    cc_out_init(&o, NULL, 0, c);
    cc_template_out(&o, tpl, tlen, c);

    return o.len;
}


size_t
cc_banner_render_template(unsigned char *buf, size_t size,
    const unsigned char *tpl, size_t tlen, const cc_banner_conf_t *c)
{
    cc_out_t  o;

    cc_out_init(&o, buf, size, c);
    cc_template_out(&o, tpl, tlen, c);

    return o.over ? 0 : o.len;
}


int
cc_banner_template_check(const unsigned char *tpl, size_t tlen,
    const unsigned char **bad, size_t *bad_len)
{
    size_t  i, j, len;

    if (tpl == NULL) {
        return 0;
    }

    for (i = 0; i + 1 < tlen; i++) {
        if (tpl[i] != '{' || tpl[i + 1] != '{') {
            continue;
        }

        if (cc_banner_var(tpl + i + 2, tlen - i - 2, &len) != NULL) {
            i += 2 + len - 1;
            continue;
        }

        /* "{{name}}" with an unknown name; any other "{{" is text */

        for (j = i + 2; j < tlen && j - i - 2 <= CC_BANNER_MAX_NAME; j++) {
            if (!((tpl[j] >= 'a' && tpl[j] <= 'z') || tpl[j] == '_')) {
                break;
            }
        }

        if (j > i + 2 && j + 1 < tlen && tpl[j] == '}' && tpl[j + 1] == '}')
        {
            *bad = tpl + i;
            *bad_len = j + 2 - i;
            return -1;
        }
    }

    return 0;
}


static void
cc_placeholder_out(cc_out_t *o, const cc_banner_conf_t *c,
    const unsigned char *name, size_t len, long service)
{
    size_t                       i, n;
    cc_banner_category_t         tmp;
    const cc_banner_service_t   *svc;
    const cc_banner_category_t  *cat;

    if (name == NULL) {
        name = (const unsigned char *) "";
        len = 0;
    }

    /* the category's label as configured, or the built-in one */

    memset(&tmp, 0, sizeof(cc_banner_category_t));
    tmp.name = name;
    tmp.name_len = len;
    cat = &tmp;

    n = cc_ncategories(c);

    for (i = 0; i < n; i++) {
        if (c->categories[i].name != NULL
            && c->categories[i].name_len == len
            && memcmp(c->categories[i].name, name, len) == 0)
        {
            cat = &c->categories[i];
            break;
        }
    }

    cc_out_lit(o, "<div class=\"ccm-placeholder");
    cc_out_theme(o, c);
    cc_out_lit(o, "\" data-ccm-for=\"");
    cc_out_esc(o, name, len);
    cc_out_lit(o, "\"");
    cc_out_lang_attr(o, c);
    cc_out_lit(o, "><p>");
    cc_out_esc_str(o, cc_text(c, CC_I18N_BLOCKED));
    cc_out_lit(o, " <b>");
    cc_out_label(o, c, cat);
    cc_out_lit(o, "</b>");

    /* an embed of a service: "Allow" grants the service alone */

    svc = (service >= 0 && (size_t) service < c->nservices)
          ? &c->services[service] : NULL;

    if (svc != NULL) {
        cc_out_lit(o, " (");
        cc_out_service_label(o, svc);
        cc_out_lit(o, ")");
    }

    cc_out_lit(o, "</p><a class=\"ccm-btn\" href=\"");
    cc_out_page(o, c);
    cc_out_lit(o, "\" data-ccm-allow=\"");

    if (svc != NULL) {
        cc_out_esc(o, svc->name, svc->name_len);

    } else {
        cc_out_esc(o, name, len);
    }

    cc_out_lit(o, "\">");
    cc_out_esc_str(o, cc_text(c, CC_I18N_ALLOW));
    cc_out_lit(o, "</a></div>");
}


size_t
cc_banner_placeholder_size(const cc_banner_conf_t *c,
    const unsigned char *category, size_t len, long service)
{
    cc_out_t  o;

    cc_out_init(&o, NULL, 0, c);
    cc_placeholder_out(&o, c, category, len, service);

    return o.len;
}


size_t
cc_banner_placeholder(unsigned char *buf, size_t size,
    const cc_banner_conf_t *c, const unsigned char *category, size_t len,
    long service)
{
    cc_out_t  o;

    cc_out_init(&o, buf, size, c);
    cc_placeholder_out(&o, c, category, len, service);

    return o.over ? 0 : o.len;
}


/* a skeleton's length, 0 when it did not fit or has too many holes */

static size_t
cc_skeleton_len(const cc_out_t *o, const unsigned char *buf, size_t *nholes)
{
    *nholes = o->nholes;

    if (o->toomany || (buf != NULL && o->over)) {
        return 0;
    }

    return o->len;
}


/*
 * The banner (or a template) rendered once per language and
 * configuration, without what depends on the request: the return path
 * and the nonce are holes that cc_banner_fill() fills per request
 */

size_t
cc_banner_skeleton(unsigned char *buf, size_t size, const cc_banner_conf_t *c,
    const unsigned char *tpl, size_t tlen, cc_banner_hole_t *holes,
    size_t *nholes)
{
    cc_out_t  o;

    cc_out_init(&o, buf, size, c);
    o.holes = holes;

    if (tpl != NULL) {
        cc_template_out(&o, tpl, tlen, c);

    } else {
        cc_banner_out(&o, c);
    }

    return cc_skeleton_len(&o, buf, nholes);
}


size_t
cc_banner_placeholder_skeleton(unsigned char *buf, size_t size,
    const cc_banner_conf_t *c, const unsigned char *category, size_t len,
    long service, cc_banner_hole_t *holes, size_t *nholes)
{
    cc_out_t  o;

    cc_out_init(&o, buf, size, c);
    o.holes = holes;

    cc_placeholder_out(&o, c, category, len, service);

    return cc_skeleton_len(&o, buf, nholes);
}


size_t
cc_banner_fill(unsigned char *buf, size_t size, const unsigned char *skel,
    size_t len, const cc_banner_hole_t *holes, size_t nholes,
    const cc_banner_conf_t *c)
{
    size_t                i, at, n;
    cc_out_t              o;
    const unsigned char  *p;

    cc_out_init(&o, buf, size, c);

    at = 0;

    for (i = 0; i < nholes; i++) {
        if (holes[i].offset < at || holes[i].offset > len) {
            return 0;
        }

        cc_out(&o, skel + at, holes[i].offset - at);
        at = holes[i].offset;

        switch (holes[i].what) {

        case CC_BANNER_HOLE_RETURN:
            cc_return(c, &p, &n);
            cc_out_esc(&o, p, n);
            break;

        case CC_BANNER_HOLE_RETURN_ARG:
            cc_return(c, &p, &n);
            cc_out_arg(&o, p, n);
            break;

        case CC_BANNER_HOLE_NONCE:
            if (c->nonce != NULL) {
                cc_out_esc(&o, c->nonce, c->nonce_len);
            }
            break;

        case CC_BANNER_HOLE_REVISED:
            cc_out_revised(&o, c);
            break;

        case CC_BANNER_HOLE_GPC:
            cc_out_gpc(&o, c);
            break;

        default: /* CC_BANNER_HOLE_NONCE_ATTR */
            cc_out_nonce_attr(&o, c);
            break;
        }
    }

    cc_out(&o, skel + at, len - at);

    if (buf == NULL) {
        return o.len;
    }

    return o.over ? 0 : o.len;
}
