/*
 * nginx-cookie-consent: streaming HTML tokenizer and rewriter.
 *
 * The tokenizer follows the HTML standard's states where they decide
 * where a tag ends: data, tag open, tag name, the attribute states with
 * double, single and unquoted values, comments, bogus comments, raw text
 * (script, style, xmp, iframe, noembed, noframes), RCDATA (title,
 * textarea) and plaintext.  Every state survives a chunk boundary.
 */

#include <stddef.h>
#include <string.h>

#include "cc_html.h"


typedef enum {
    CC_HTML_TEXT = 0,
    CC_HTML_TAG_OPEN,
    CC_HTML_END_TAG_OPEN,
    CC_HTML_TAG_NAME,
    CC_HTML_BEFORE_ATTR,
    CC_HTML_ATTR_NAME,
    CC_HTML_AFTER_ATTR_NAME,
    CC_HTML_BEFORE_VALUE,
    CC_HTML_VALUE_DQ,
    CC_HTML_VALUE_SQ,
    CC_HTML_VALUE_UQ,
    CC_HTML_MD_OPEN,
    CC_HTML_MD_DASH,
    CC_HTML_COMMENT_START,
    CC_HTML_COMMENT_START_DASH,
    CC_HTML_COMMENT,
    CC_HTML_COMMENT_END_DASH,
    CC_HTML_COMMENT_END,
    CC_HTML_COMMENT_END_BANG,
    CC_HTML_BOGUS,
    CC_HTML_RAW,
    CC_HTML_RAW_LT,
    CC_HTML_RAW_NAME,
    CC_HTML_PLAINTEXT
} cc_html_state_e;


#define CC_HTML_NAME_MAX  16

#define CC_HTML_KIND_NONE    0
#define CC_HTML_KIND_SCRIPT  1
#define CC_HTML_KIND_IMG     2
#define CC_HTML_KIND_IFRAME  3
#define CC_HTML_KIND_LINK    4
#define CC_HTML_KIND_BODY    5


struct cc_html_s {
    const cc_html_conf_t  *conf;
    cc_html_state_e        state;
    size_t                 hold_len;
    size_t                 raw_idx;
    size_t                 raw_len;
    size_t                 name_len;
    unsigned               holding:1;      /* tag bytes go to hold */
    unsigned               end_tag:1;
    unsigned               banner_done:1;
    unsigned               done:1;
    unsigned char          name[CC_HTML_NAME_MAX];
    unsigned char          raw[CC_HTML_NAME_MAX];
    unsigned char          hold[CC_HTML_HOLD];
};


typedef struct {
    size_t                 name;
    size_t                 name_len;
    size_t                 value;
    size_t                 value_len;
} cc_html_attr_t;


typedef struct {
    const char            *name;
    size_t                 len;
    int                    kind;
} cc_html_tag_t;


static const cc_html_tag_t  cc_html_held[] = {
    { "script", 6, CC_HTML_KIND_SCRIPT },
    { "img", 3, CC_HTML_KIND_IMG },
    { "iframe", 6, CC_HTML_KIND_IFRAME },
    { "link", 4, CC_HTML_KIND_LINK },
    { "body", 4, CC_HTML_KIND_BODY },
    { NULL, 0, 0 }
};


static const char  *cc_html_raw_tags[] = {
    "script", "style", "xmp", "iframe", "noembed", "noframes", "title",
    "textarea", NULL
};


static const char  *cc_html_js_types[] = {
    "text/javascript", "application/javascript", "module",
    "text/ecmascript", "application/ecmascript", "application/x-javascript",
    "application/x-ecmascript", "text/x-javascript", "text/x-ecmascript",
    "text/jscript", "text/livescript", "text/javascript1.0",
    "text/javascript1.1", "text/javascript1.2", "text/javascript1.3",
    "text/javascript1.4", "text/javascript1.5", NULL
};


static const char  *cc_html_hint_rels[] = {
    "preconnect", "dns-prefetch", "preload", "prefetch", "modulepreload",
    NULL
};


static int cc_html_rewrite(cc_html_t *h, int kind,
    const unsigned char *pre, size_t pre_len, cc_html_emit_pt emit,
    void *ctx);


static int
cc_html_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}


static int
cc_html_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}


static unsigned char
cc_html_lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char) (c | 0x20) : c;
}


/* case-insensitive: p[0..len) equals the lowercase C string s */
static int
cc_html_eq(const unsigned char *p, size_t len, const char *s)
{
    size_t  i;

    for (i = 0; i < len; i++) {
        if (s[i] == '\0' || cc_html_lower(p[i]) != (unsigned char) s[i]) {
            return 0;
        }
    }

    return s[len] == '\0';
}


static int
cc_html_in_list(const unsigned char *p, size_t len, const char **list)
{
    size_t  i;

    for (i = 0; list[i] != NULL; i++) {
        if (cc_html_eq(p, len, list[i])) {
            return 1;
        }
    }

    return 0;
}


size_t
cc_html_state_size(void)
{
    return sizeof(cc_html_t);
}


void
cc_html_init(cc_html_t *h, const cc_html_conf_t *c)
{
    memset(h, 0, offsetof(cc_html_t, hold));
    h->conf = c;
    h->state = CC_HTML_TEXT;
}


/* kind of the current start tag name, when it is one we hold */
static int
cc_html_kind(cc_html_t *h)
{
    size_t  i;

    if (h->end_tag || h->name_len > CC_HTML_NAME_MAX) {
        return CC_HTML_KIND_NONE;
    }

    for (i = 0; cc_html_held[i].name != NULL; i++) {
        if (cc_html_eq(h->name, h->name_len, cc_html_held[i].name)) {
            return cc_html_held[i].kind;
        }
    }

    return CC_HTML_KIND_NONE;
}


int
cc_html_feed(cc_html_t *h, const unsigned char *p, size_t len, int last,
    cc_html_emit_pt emit, void *ctx)
{
    int                    kind, rc;
    size_t                 i, run, start, n, prev;
    unsigned char          c;
    const unsigned char   *q;
    const cc_html_conf_t  *cf;

    cf = h->conf;

    if (h->done) {
        return 0;
    }

    i = 0;
    run = 0;           /* start of the not yet emitted input run */
    start = 0;         /* start of the held tag in this chunk */

    while (i < len) {
        c = p[i];

        switch (h->state) {

        case CC_HTML_TEXT:
            q = memchr(p + i, '<', len - i);
            if (q == NULL) {
                i = len;
                break;
            }

            i = q - p;
            start = i;
            h->holding = 1;
            h->hold_len = 0;
            h->state = CC_HTML_TAG_OPEN;
            i++;
            break;

        case CC_HTML_TAG_OPEN:
            if (cc_html_alpha(c)) {
                h->end_tag = 0;
                h->name_len = 0;
                h->state = CC_HTML_TAG_NAME;
                break;                       /* reprocess */
            }

            /* not a start tag: release what was held */

            if (h->hold_len) {
                if (emit(ctx, h->hold, h->hold_len, 0) != 0) {
                    return -1;
                }
                h->hold_len = 0;
            }

            h->holding = 0;

            if (c == '!') {
                h->state = CC_HTML_MD_OPEN;
                i++;

            } else if (c == '/') {
                h->state = CC_HTML_END_TAG_OPEN;
                i++;

            } else if (c == '?') {
                h->state = CC_HTML_BOGUS;
                i++;

            } else {
                h->state = CC_HTML_TEXT;     /* reprocess */
            }

            break;

        case CC_HTML_END_TAG_OPEN:
            if (cc_html_alpha(c)) {
                h->end_tag = 1;
                h->name_len = 0;
                h->state = CC_HTML_TAG_NAME;

            } else if (c == '>') {
                h->state = CC_HTML_TEXT;
                i++;

            } else {
                h->state = CC_HTML_BOGUS;
            }

            break;

        case CC_HTML_TAG_NAME:
            if (!cc_html_space(c) && c != '/' && c != '>') {
                if (h->name_len < CC_HTML_NAME_MAX) {
                    h->name[h->name_len] = cc_html_lower(c);
                }
                h->name_len++;
                i++;
                break;
            }

            if (h->holding && cc_html_kind(h) == CC_HTML_KIND_NONE) {
                if (h->hold_len) {
                    if (emit(ctx, h->hold, h->hold_len, 0) != 0) {
                        return -1;
                    }
                    h->hold_len = 0;
                }

                h->holding = 0;
            }

            h->state = CC_HTML_BEFORE_ATTR;
            break;                           /* reprocess */

        case CC_HTML_BEFORE_ATTR:
            if (c == '>') {
                goto tag_end;
            }

            if (!cc_html_space(c) && c != '/') {
                h->state = CC_HTML_ATTR_NAME;
            }

            i++;
            break;

        case CC_HTML_ATTR_NAME:
            if (c == '>') {
                goto tag_end;
            }

            if (cc_html_space(c)) {
                h->state = CC_HTML_AFTER_ATTR_NAME;

            } else if (c == '/') {
                h->state = CC_HTML_BEFORE_ATTR;

            } else if (c == '=') {
                h->state = CC_HTML_BEFORE_VALUE;
            }

            i++;
            break;

        case CC_HTML_AFTER_ATTR_NAME:
            if (c == '>') {
                goto tag_end;
            }

            if (c == '=') {
                h->state = CC_HTML_BEFORE_VALUE;

            } else if (c == '/') {
                h->state = CC_HTML_BEFORE_ATTR;

            } else if (!cc_html_space(c)) {
                h->state = CC_HTML_ATTR_NAME;
            }

            i++;
            break;

        case CC_HTML_BEFORE_VALUE:
            if (c == '>') {
                goto tag_end;
            }

            if (c == '"') {
                h->state = CC_HTML_VALUE_DQ;

            } else if (c == '\'') {
                h->state = CC_HTML_VALUE_SQ;

            } else if (!cc_html_space(c)) {
                h->state = CC_HTML_VALUE_UQ;
            }

            i++;
            break;

        case CC_HTML_VALUE_DQ:
        case CC_HTML_VALUE_SQ:
            q = memchr(p + i, h->state == CC_HTML_VALUE_DQ ? '"' : '\'',
                       len - i);
            if (q == NULL) {
                i = len;
                break;
            }

            i = q - p + 1;
            h->state = CC_HTML_BEFORE_ATTR;
            break;

        case CC_HTML_VALUE_UQ:
            if (c == '>') {
                goto tag_end;
            }

            if (cc_html_space(c)) {
                h->state = CC_HTML_BEFORE_ATTR;
            }

            i++;
            break;

        case CC_HTML_MD_OPEN:
            if (c == '-') {
                h->state = CC_HTML_MD_DASH;
                i++;

            } else {
                h->state = CC_HTML_BOGUS;
            }

            break;

        case CC_HTML_MD_DASH:
            if (c == '-') {
                h->state = CC_HTML_COMMENT_START;
                i++;

            } else {
                h->state = CC_HTML_BOGUS;
            }

            break;

        case CC_HTML_COMMENT_START:
        case CC_HTML_COMMENT_START_DASH:
            if (c == '>') {
                h->state = CC_HTML_TEXT;

            } else if (c == '-') {
                h->state = (h->state == CC_HTML_COMMENT_START)
                           ? CC_HTML_COMMENT_START_DASH : CC_HTML_COMMENT_END;

            } else {
                h->state = CC_HTML_COMMENT;
            }

            i++;
            break;

        case CC_HTML_COMMENT:
            q = memchr(p + i, '-', len - i);
            if (q == NULL) {
                i = len;
                break;
            }

            i = q - p + 1;
            h->state = CC_HTML_COMMENT_END_DASH;
            break;

        case CC_HTML_COMMENT_END_DASH:
            h->state = (c == '-') ? CC_HTML_COMMENT_END : CC_HTML_COMMENT;
            i++;
            break;

        case CC_HTML_COMMENT_END:
            if (c == '>') {
                h->state = CC_HTML_TEXT;

            } else if (c == '!') {
                h->state = CC_HTML_COMMENT_END_BANG;

            } else if (c != '-') {
                h->state = CC_HTML_COMMENT;
            }

            i++;
            break;

        case CC_HTML_COMMENT_END_BANG:
            if (c == '>') {
                h->state = CC_HTML_TEXT;

            } else if (c == '-') {
                h->state = CC_HTML_COMMENT_END_DASH;

            } else {
                h->state = CC_HTML_COMMENT;
            }

            i++;
            break;

        case CC_HTML_BOGUS:
            q = memchr(p + i, '>', len - i);
            if (q == NULL) {
                i = len;
                break;
            }

            i = q - p + 1;
            h->state = CC_HTML_TEXT;
            break;

        case CC_HTML_RAW:
            q = memchr(p + i, '<', len - i);
            if (q == NULL) {
                i = len;
                break;
            }

            i = q - p + 1;
            h->state = CC_HTML_RAW_LT;
            break;

        case CC_HTML_RAW_LT:
            if (c == '/') {
                h->raw_idx = 0;
                h->state = CC_HTML_RAW_NAME;
                i++;

            } else {
                h->state = CC_HTML_RAW;      /* reprocess */
            }

            break;

        case CC_HTML_RAW_NAME:
            if (h->raw_idx < h->raw_len
                && cc_html_lower(c) == h->raw[h->raw_idx])
            {
                h->raw_idx++;
                i++;

            } else if (h->raw_idx == h->raw_len
                       && (cc_html_space(c) || c == '/' || c == '>'))
            {
                h->end_tag = 1;
                h->name_len = 0;
                h->state = CC_HTML_BEFORE_ATTR;  /* reprocess */

            } else {
                h->state = CC_HTML_RAW;      /* reprocess */
            }

            break;

        case CC_HTML_PLAINTEXT:
            i = len;
            break;
        }

        continue;

    tag_end:

        /* p[i] is the '>' closing a tag */

        i++;
        kind = CC_HTML_KIND_NONE;

        if (h->holding) {
            kind = cc_html_kind(h);
            prev = h->hold_len;
            n = i - start;
            h->holding = 0;

            if (prev + n > CC_HTML_HOLD) {
                /* too long to edit: passes through */

                if (prev && emit(ctx, h->hold, prev, 0) != 0) {
                    return -1;
                }

            } else {
                memcpy(h->hold + prev, p + start, n);
                h->hold_len = prev + n;

                /* an edited tag is emitted after the run before it */

                rc = cc_html_rewrite(h, kind, p + run, start - run, emit,
                                     ctx);
                if (rc < 0) {
                    return -1;
                }

                if (rc == 0) {
                    /* unchanged: what this chunk holds stays in the run */

                    if (prev && emit(ctx, h->hold, prev, 0) != 0) {
                        return -1;
                    }

                } else {
                    run = i;
                }
            }

            h->hold_len = 0;
        }

        if (kind == CC_HTML_KIND_BODY && !h->banner_done) {
            h->banner_done = 1;

            if (cf->banner_len) {
                if (i > run && emit(ctx, p + run, i - run, 1) != 0) {
                    return -1;
                }

                if (emit(ctx, cf->banner, cf->banner_len, 0) != 0) {
                    return -1;
                }

                run = i;
            }
        }

        h->state = CC_HTML_TEXT;

        if (!h->end_tag && h->name_len <= CC_HTML_NAME_MAX) {
            if (cc_html_eq(h->name, h->name_len, "plaintext")) {
                h->state = CC_HTML_PLAINTEXT;

            } else if (cc_html_in_list(h->name, h->name_len,
                                       cc_html_raw_tags))
            {
                memcpy(h->raw, h->name, h->name_len);
                h->raw_len = h->name_len;
                h->state = CC_HTML_RAW;
            }
        }
    }

    /* end of the chunk */

    if (h->holding) {
        if (start > run && emit(ctx, p + run, start - run, 1) != 0) {
            return -1;
        }

        n = len - start;

        if (h->hold_len + n <= CC_HTML_HOLD && !last) {
            memcpy(h->hold + h->hold_len, p + start, n);
            h->hold_len += n;

        } else {
            /* too long, or the document ends inside the tag */

            if (h->hold_len && emit(ctx, h->hold, h->hold_len, 0) != 0) {
                return -1;
            }

            h->hold_len = 0;
            h->holding = 0;

            if (n && emit(ctx, p + start, n, 1) != 0) {
                return -1;
            }
        }

    } else if (len > run && emit(ctx, p + run, len - run, 1) != 0) {
        return -1;
    }

    if (last) {
        h->done = 1;

        if (!h->banner_done && cf->banner_len) {
            h->banner_done = 1;

            if (emit(ctx, cf->banner, cf->banner_len, 0) != 0) {
                return -1;
            }
        }
    }

    return 0;
}


/* the attributes of the complete tag b[0..n), '<' to '>'; -1: too many */
static int
cc_html_attrs(const unsigned char *b, size_t n, cc_html_attr_t *a,
    size_t *name_end)
{
    int             na;
    size_t          i;
    unsigned char   c, quote;

    n--;                                     /* the closing '>' */
    i = 1;

    while (i < n && !cc_html_space(b[i]) && b[i] != '/') {
        i++;
    }

    *name_end = i;
    na = 0;

    for ( ;; ) {
        while (i < n && (cc_html_space(b[i]) || b[i] == '/')) {
            i++;
        }

        if (i >= n) {
            return na;
        }

        if (na == CC_HTML_MAX_ATTRS) {
            return -1;
        }

        /* the first character of a name may be '=' */

        a[na].name = i++;

        while (i < n && !cc_html_space(b[i]) && b[i] != '/' && b[i] != '=')
        {
            i++;
        }

        a[na].name_len = i - a[na].name;
        a[na].value = i;
        a[na].value_len = 0;

        while (i < n && cc_html_space(b[i])) {
            i++;
        }

        if (i < n && b[i] == '=') {
            i++;

            while (i < n && cc_html_space(b[i])) {
                i++;
            }

            c = (i < n) ? b[i] : 0;

            if (c == '"' || c == '\'') {
                quote = c;
                a[na].value = ++i;

                while (i < n && b[i] != quote) {
                    i++;
                }

                a[na].value_len = i - a[na].value;

                if (i < n) {
                    i++;
                }

            } else {
                a[na].value = i;

                while (i < n && !cc_html_space(b[i])) {
                    i++;
                }

                a[na].value_len = i - a[na].value;
            }
        }

        na++;
    }
}


static int
cc_html_js_type(const unsigned char *p, size_t len)
{
    while (len && cc_html_space(p[0])) {
        p++;
        len--;
    }

    while (len && cc_html_space(p[len - 1])) {
        len--;
    }

    return len == 0 || cc_html_in_list(p, len, cc_html_js_types);
}


static int
cc_html_hint_rel(const unsigned char *p, size_t len)
{
    size_t  i, s;

    i = 0;

    while (i < len) {
        while (i < len && cc_html_space(p[i])) {
            i++;
        }

        s = i;

        while (i < len && !cc_html_space(p[i])) {
            i++;
        }

        if (i > s && cc_html_in_list(p + s, i - s, cc_html_hint_rels)) {
            return 1;
        }
    }

    return 0;
}


static int
cc_html_category(const cc_html_conf_t *cf, const unsigned char *p,
    size_t len)
{
    unsigned  i;

    for (i = 0; i < cf->ncategories && i < 32; i++) {
        if (cf->categories[i] != NULL
            && strlen(cf->categories[i]) == len
            && strncmp(cf->categories[i], (const char *) p, len) == 0)
        {
            return (int) i;
        }
    }

    return -1;
}


/* 1: the edited tag was emitted; 0: unchanged; -1: emit failed */
static int
cc_html_rewrite(cc_html_t *h, int kind, const unsigned char *pre,
    size_t pre_len, cc_html_emit_pt emit, void *ctx)
{
    int                    na, k, cat, dcat, src, type, href, rel;
    size_t                 name_end, pos;
    const char            *url_name, *cname;
    const unsigned char   *b;
    const cc_html_conf_t  *cf;
    cc_html_attr_t         a[CC_HTML_MAX_ATTRS];

    static const unsigned char  type_plain[] = " type=\"text/plain\"";
    static const unsigned char  dcat_open[] = " data-category=\"";

    if (kind == CC_HTML_KIND_NONE || kind == CC_HTML_KIND_BODY) {
        return 0;
    }

    cf = h->conf;
    b = h->hold;

    na = cc_html_attrs(b, h->hold_len, a, &name_end);
    if (na < 0) {
        return 0;
    }

    dcat = src = type = href = rel = -1;

    for (k = na - 1; k >= 0; k--) {          /* the first one wins */
        if (cc_html_eq(b + a[k].name, a[k].name_len, "data-category")) {
            dcat = k;

        } else if (cc_html_eq(b + a[k].name, a[k].name_len, "src")) {
            src = k;

        } else if (cc_html_eq(b + a[k].name, a[k].name_len, "type")) {
            type = k;

        } else if (cc_html_eq(b + a[k].name, a[k].name_len, "href")) {
            href = k;

        } else if (cc_html_eq(b + a[k].name, a[k].name_len, "rel")) {
            rel = k;
        }
    }

    url_name = "src";

    switch (kind) {

    case CC_HTML_KIND_SCRIPT:
        if (type >= 0 && !cc_html_js_type(b + a[type].value,
                                          a[type].value_len))
        {
            return 0;
        }

        if (src < 0 && dcat < 0) {
            return 0;                        /* inline: out of scope */
        }

        break;

    case CC_HTML_KIND_LINK:
        if (href < 0 || rel < 0
            || !cc_html_hint_rel(b + a[rel].value, a[rel].value_len))
        {
            return 0;
        }

        src = href;
        url_name = "href";
        dcat = -1;                           /* by URL only */
        break;

    default:                                 /* img, iframe */
        if (src < 0) {
            return 0;
        }

        break;
    }

    if (dcat >= 0) {
        cat = cc_html_category(cf, b + a[dcat].value, a[dcat].value_len);

    } else if (src >= 0 && cf->match_url != NULL) {
        cat = cf->match_url(cf->data, b + a[src].value, a[src].value_len);

    } else {
        cat = -1;
    }

    if (cat < 0 || (unsigned) cat >= cf->ncategories || cat >= 32
        || (cf->granted & ((uint32_t) 1 << cat)))
    {
        return 0;
    }

    cname = cf->categories[cat];

    if (pre_len && emit(ctx, pre, pre_len, 1) != 0) {
        return -1;
    }

    if (emit(ctx, b, name_end, 0) != 0) {
        return -1;
    }

    if (kind == CC_HTML_KIND_SCRIPT
        && emit(ctx, type_plain, sizeof(type_plain) - 1, 0) != 0)
    {
        return -1;
    }

    if (dcat < 0) {
        if (emit(ctx, dcat_open, sizeof(dcat_open) - 1, 0) != 0
            || emit(ctx, (const unsigned char *) cname, strlen(cname), 0)
               != 0
            || emit(ctx, (const unsigned char *) "\"", 1, 0) != 0)
        {
            return -1;
        }
    }

    /* "data-" before every src (href) and, for scripts, type */

    pos = name_end;

    for (k = 0; k < na; k++) {
        if (!cc_html_eq(b + a[k].name, a[k].name_len, url_name)
            && !(kind == CC_HTML_KIND_SCRIPT
                 && cc_html_eq(b + a[k].name, a[k].name_len, "type")))
        {
            continue;
        }

        if (emit(ctx, b + pos, a[k].name - pos, 0) != 0
            || emit(ctx, (const unsigned char *) "data-", 5, 0) != 0)
        {
            return -1;
        }

        pos = a[k].name;
    }

    if (emit(ctx, b + pos, h->hold_len - pos, 0) != 0) {
        return -1;
    }

    return 1;
}
