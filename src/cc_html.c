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

#if (defined __SSE2__)
#include <emmintrin.h>
#elif (defined __aarch64__ && defined __ARM_NEON)
#include <arm_neon.h>
#endif

#include "cc_css.h"
#include "cc_html.h"
#include "cc_url.h"
#include "cc_util.h"


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
#define CC_HTML_KIND_HTML    6
#define CC_HTML_KIND_HEAD    7
#define CC_HTML_KIND_BASE    8
#define CC_HTML_KIND_META    9
#define CC_HTML_KIND_SOURCE  10
#define CC_HTML_KIND_VIDEO   11
#define CC_HTML_KIND_AUDIO   12
#define CC_HTML_KIND_TRACK   13
#define CC_HTML_KIND_INPUT   14
#define CC_HTML_KIND_OBJECT  15
#define CC_HTML_KIND_EMBED   16
#define CC_HTML_KIND_FRAME   17
#define CC_HTML_KIND_IMAGE   18      /* SVG <image> */
#define CC_HTML_KIND_TABLE   19      /* table, its sections, rows, cells */
#define CC_HTML_KIND_STYLE   20
#define CC_HTML_KIND_OTHER   21      /* any other start tag: its style */

/* nested documents (<iframe srcdoc>) read; deeper ones are trackers */
#define CC_HTML_DEPTH_MAX     2

/*
 * URLs classified lately (cc_html_url()): a site's pages name the same
 * scripts, images and frames from one response to the next
 */
#define CC_HTML_MEMO_SLOTS    64
#define CC_HTML_MEMO_URL      160

/* ... and inline scripts (cc_html_inline()): the vendors' snippets */
#define CC_HTML_IMEMO_SLOTS   16
#define CC_HTML_IMEMO_TEXT    1024

/* what is inserted before a tracker URL in a <style> element */
#define CC_HTML_CSS_INERT     "about:invalid#"

/* the bytes of one URL of CSS text read */
#define CC_HTML_CSS_URL_MAX   2048

/* cc_html_rewrite(): an inline script, its content not read yet */
#define CC_HTML_LOOK_PENDING  -2

/* cc_html_look() */
#define CC_HTML_LOOK_HOLD     0
#define CC_HTML_LOOK_DECIDE   1
#define CC_HTML_LOOK_ZERO     2

/* end tag bytes read past the look-ahead bound ("</script") */
#define CC_HTML_LOOK_SLACK    16


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
    unsigned               gcm_done:1;
    unsigned               html_seen:1;
    unsigned               looking:1;      /* inline script content held */
    unsigned               all_granted:1;
    unsigned               pass:1;         /* nothing left to do */
    unsigned               root_seen:1;    /* <html>, <head> or <body> */
    int                    what;           /* cc_html_classify() */
    unsigned               done:1;
    size_t                 look_start;     /* its offset in hold */
    size_t                 lang_len;
    unsigned char          name[CC_HTML_NAME_MAX];
    unsigned char          raw[CC_HTML_NAME_MAX];
    unsigned char          lang[CC_HTML_LANG_MAX];

    unsigned               base_seen:1;    /* the first <base href> */
    unsigned               base_set:1;     /* ... on a known host: base */
    unsigned               look_style:1;   /* the look-ahead: a <style> */
    unsigned               depth:2;        /* in an <iframe srcdoc> */
    unsigned               style:1;        /* the tag: a style attribute */
    unsigned               dcat:1;         /* ... data-category */

    /* a held tag, then the look-ahead of an inline script */
    unsigned char          hold[CC_HTML_HOLD + CC_HTML_LOOKAHEAD
                                + CC_HTML_LOOK_SLACK];

    /* what relative URLs resolve against, when base_set */
    cc_url_t               base;
};


typedef struct {
    size_t                 name;
    size_t                 name_len;
    size_t                 value;
    size_t                 value_len;
} cc_html_attr_t;


/*
 * what a start tag name is (cc_html_classify()): a kind we hold, raw text
 * (script, style, xmp, iframe, noembed, noframes; title and textarea are
 * RCDATA, which ends the same way), plaintext
 */

#define CC_HTML_TAG_RAW        0x20
#define CC_HTML_TAG_PLAINTEXT  0x40
#define CC_HTML_TAG_KIND       0x1f


/* character classes */

#define CC_HTML_C_SPACE   0x01      /* HTML white space */
#define CC_HTML_C_NAME    0x02      /* ends a tag name: space / > */
#define CC_HTML_C_ATTR    0x04      /* ends an attribute name: space / = > */
#define CC_HTML_C_UQ      0x08      /* ends an unquoted value: space > */
#define CC_HTML_C_SKIP    0x10      /* between attributes: space / */
#define CC_HTML_C_ALPHA   0x20      /* ASCII letter */


typedef struct {
    int                  (*match)(void *data, const unsigned char *url,
                                  size_t len);  /* NULL: empty */
    void                  *data;
    uint32_t               hash;
    unsigned               len;
    unsigned               nr;
    int                    cls[2];
    unsigned char          url[CC_HTML_MEMO_URL];
} cc_html_memo_t;


typedef struct {
    int                  (*match)(void *data, const unsigned char *url,
                                  size_t len);  /* NULL: empty */
    void                  *data;
    const char *const     *categories;
    unsigned               ncategories;
    uint32_t               granted;
    uint64_t               services_granted;
    uint32_t               hash;
    unsigned               len;
    int                    found;
    unsigned char          text[CC_HTML_IMEMO_TEXT];
} cc_html_imemo_t;


static cc_html_memo_t   cc_html_memo[CC_HTML_MEMO_SLOTS];
static cc_html_imemo_t  cc_html_imemo[CC_HTML_IMEMO_SLOTS];

static unsigned char  cc_html_cls[256];
static unsigned char  cc_html_lc[256];
static int            cc_html_tables;


static void
cc_html_init_tables(void)
{
    int            c;
    unsigned char  k;

    for (c = 0; c < 256; c++) {
        k = 0;

        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            k |= CC_HTML_C_SPACE | CC_HTML_C_NAME | CC_HTML_C_ATTR
                 | CC_HTML_C_UQ | CC_HTML_C_SKIP;
        }

        if (c == '/') {
            k |= CC_HTML_C_NAME | CC_HTML_C_ATTR | CC_HTML_C_SKIP;
        }

        if (c == '>') {
            k |= CC_HTML_C_NAME | CC_HTML_C_ATTR | CC_HTML_C_UQ;
        }

        if (c == '=') {
            k |= CC_HTML_C_ATTR;
        }

        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            k |= CC_HTML_C_ALPHA;
        }

        cc_html_cls[c] = k;
        cc_html_lc[c] = (unsigned char) ((c >= 'A' && c <= 'Z') ? c | 0x20
                                                                 : c);
    }

    cc_html_tables = 1;
}


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
    "stylesheet", "icon", "manifest", NULL
};


static int cc_html_slash_pair(const unsigned char *b, size_t n);
static int cc_html_inline_read(const cc_html_conf_t *cf,
    const unsigned char *p, size_t len);
static int cc_html_rewrite(cc_html_t *h, int kind, int inline_cat,
    const unsigned char *pre, size_t pre_len, cc_html_emit_pt emit,
    void *ctx);
static int cc_html_look_style(cc_html_t *h, const unsigned char *pre,
    size_t pre_len, const unsigned char *p, size_t n, cc_html_emit_pt emit,
    void *ctx);
static int cc_html_css(cc_html_t *h, const unsigned char *p, size_t n,
    int *found, int inert, cc_html_emit_pt emit, void *ctx);
static int cc_html_look(cc_html_t *h, const unsigned char *pre,
    size_t pre_len, const unsigned char *p, size_t n, int mode,
    cc_html_emit_pt emit, void *ctx);
static int cc_html_insert(cc_html_t *h, int what, int category,
    cc_html_emit_pt emit, void *ctx);
static int cc_html_gcm_before(cc_html_t *h, int kind,
    const unsigned char *p, size_t start, size_t *run, cc_html_emit_pt emit,
    void *ctx);
static int cc_html_insert_after(cc_html_t *h, int kind,
    const unsigned char *p, size_t i, size_t *run, cc_html_emit_pt emit,
    void *ctx);
static int cc_html_insert_at(cc_html_t *h, int gcm, const unsigned char *p,
    size_t at, size_t *run, cc_html_emit_pt emit, void *ctx);


static int
cc_html_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}


static int
cc_html_alpha(unsigned char c)
{
    return cc_html_cls[c] & CC_HTML_C_ALPHA;
}


static unsigned char
cc_html_lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char) (c | 0x20) : c;
}


/*
 * p[0..raw_len] is the end tag of the raw text element being read: its
 * name in any case, then what ends a tag name
 */
static int
cc_html_raw_end(const cc_html_t *h, const unsigned char *p)
{
    size_t         k;
    unsigned char  c;

    for (k = 0; k < h->raw_len; k++) {
        if (cc_html_lc[p[k]] != h->raw[k]) {
            return 0;
        }
    }

    c = p[k];

    return cc_html_space(c) || c == '/' || c == '>';
}


/* case-insensitive: p[0..len) equals the lowercase C string s */
static int
cc_html_eq(const unsigned char *p, size_t len, const char *s)
{
    size_t  i;

    for (i = 0; i < len; i++) {
        if (s[i] == '\0' || cc_html_lc[p[i]] != (unsigned char) s[i]) {
            return 0;
        }
    }

    return s[len] == '\0';
}


/* no '(' in p[0..len), nor a '&' that may spell one (&#40; &lpar;) */
static int
cc_html_no_fetch(const unsigned char *p, size_t len)
{
    return len == 0
           || (memchr(p, '(', len) == NULL && memchr(p, '&', len) == NULL);
}


/*
 * Everything granted: the tags still read (held), <html> for its lang,
 * <head> and <body> for what goes after them, <script> and <body> for
 * the Consent Mode default before them; any other one passes as it is
 */
static int
cc_html_granted_reads(const cc_html_t *h, int kind)
{
    switch (kind) {

    case CC_HTML_KIND_HTML:
    case CC_HTML_KIND_HEAD:
    case CC_HTML_KIND_BODY:
        return 1;

    case CC_HTML_KIND_SCRIPT:
        return !h->gcm_done && h->conf->gcm_len;
    }

    return 0;
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


void
cc_html_memo_reset(void)
{
    memset(cc_html_memo, 0, sizeof(cc_html_memo));
    memset(cc_html_imemo, 0, sizeof(cc_html_imemo));
}


size_t
cc_html_state_size(void)
{
    return sizeof(cc_html_t);
}


void
cc_html_init(cc_html_t *h, const cc_html_conf_t *c)
{
    uint32_t  all;

    if (!cc_html_tables) {
        cc_html_init_tables();
    }

    memset(h, 0, offsetof(cc_html_t, hold));
    h->conf = c;
    h->state = CC_HTML_TEXT;

    all = (c->ncategories >= 32) ? 0xffffffff
                                 : ((uint32_t) 1 << c->ncategories) - 1;
    h->all_granted = ((c->granted & all) == all);
}


#define cc_html_is(h, s)  (memcmp((h)->name, s, sizeof(s) - 1) == 0)


/* what the current (lowercased) start tag name is; 0 for end tags */
static int
cc_html_classify(cc_html_t *h)
{
    if (h->end_tag) {
        return 0;
    }

    switch (h->name_len) {

    case 2:
        if (h->name[0] == 't'
            && (h->name[1] == 'd' || h->name[1] == 'h' || h->name[1] == 'r'))
        {
            return CC_HTML_KIND_TABLE;
        }

        break;

    case 3:
        if (cc_html_is(h, "img")) {
            return CC_HTML_KIND_IMG;
        }

        if (cc_html_is(h, "xmp")) {
            return CC_HTML_TAG_RAW | CC_HTML_KIND_OTHER;
        }

        break;

    case 4:
        switch (h->name[0]) {
        case 'l':
            return cc_html_is(h, "link") ? CC_HTML_KIND_LINK
                                          : CC_HTML_KIND_OTHER;
        case 'b':
            if (cc_html_is(h, "body")) {
                return CC_HTML_KIND_BODY;
            }

            return cc_html_is(h, "base") ? CC_HTML_KIND_BASE
                                          : CC_HTML_KIND_OTHER;
        case 'h':
            if (cc_html_is(h, "html")) {
                return CC_HTML_KIND_HTML;
            }

            return cc_html_is(h, "head") ? CC_HTML_KIND_HEAD
                                          : CC_HTML_KIND_OTHER;
        case 'm':
            if (cc_html_is(h, "meta")) {
                return CC_HTML_KIND_META;
            }

            break;
        }

        break;

    case 5:
        switch (h->name[0]) {
        case 's':
            if (cc_html_is(h, "style")) {
                return CC_HTML_KIND_STYLE | CC_HTML_TAG_RAW;
            }

            break;
        case 't':
            if (cc_html_is(h, "title")) {
                return CC_HTML_TAG_RAW | CC_HTML_KIND_OTHER;
            }

            if (cc_html_is(h, "track")) {
                return CC_HTML_KIND_TRACK;
            }

            if (cc_html_is(h, "table") || cc_html_is(h, "thead")
                || cc_html_is(h, "tbody") || cc_html_is(h, "tfoot"))
            {
                return CC_HTML_KIND_TABLE;
            }

            break;
        case 'v':
            if (cc_html_is(h, "video")) {
                return CC_HTML_KIND_VIDEO;
            }

            break;
        case 'a':
            if (cc_html_is(h, "audio")) {
                return CC_HTML_KIND_AUDIO;
            }

            break;
        case 'i':
            if (cc_html_is(h, "input")) {
                return CC_HTML_KIND_INPUT;
            }

            /* outside SVG the tree builder reads <image> as <img> */
            if (cc_html_is(h, "image")) {
                return CC_HTML_KIND_IMAGE;
            }

            break;
        case 'e':
            if (cc_html_is(h, "embed")) {
                return CC_HTML_KIND_EMBED;
            }

            break;
        case 'f':
            if (cc_html_is(h, "frame")) {
                return CC_HTML_KIND_FRAME;
            }

            break;
        }

        break;

    case 6:
        switch (h->name[0]) {
        case 's':
            if (cc_html_is(h, "script")) {
                return CC_HTML_KIND_SCRIPT | CC_HTML_TAG_RAW;
            }

            if (cc_html_is(h, "source")) {
                return CC_HTML_KIND_SOURCE;
            }

            break;
        case 'i':
            if (cc_html_is(h, "iframe")) {
                return CC_HTML_KIND_IFRAME | CC_HTML_TAG_RAW;
            }

            break;
        case 'o':
            if (cc_html_is(h, "object")) {
                return CC_HTML_KIND_OBJECT;
            }

            break;
        }

        break;

    case 7:
        if (cc_html_is(h, "noembed")) {
            return CC_HTML_TAG_RAW | CC_HTML_KIND_OTHER;
        }

        break;

    case 8:
        if (cc_html_is(h, "noframes") || cc_html_is(h, "textarea")) {
            return CC_HTML_TAG_RAW | CC_HTML_KIND_OTHER;
        }

        break;

    case 9:
        if (cc_html_is(h, "plaintext")) {
            return CC_HTML_TAG_PLAINTEXT | CC_HTML_KIND_OTHER;
        }

        break;
    }

    /* any other element may fetch from its style attribute */

    return CC_HTML_KIND_OTHER;
}


int
cc_html_feed(cc_html_t *h, const unsigned char *p, size_t len, int last,
    cc_html_emit_pt emit, void *ctx)
{
    int                    kind, rc, lzero, skim;
    size_t                 i, run, start, n, prev, used, lrun, ltag, an;
    unsigned char          c, quote;
    const unsigned char   *q;
    const cc_html_conf_t  *cf;

    cf = h->conf;

    if (h->done) {
        return 0;
    }

    if (p == NULL) {
        /* an empty buffer (nginx's flush and last buffers may have none) */
        p = (const unsigned char *) "";
        len = 0;
    }

    i = 0;
    run = 0;           /* start of the not yet emitted input run */
    start = 0;         /* start of the held tag in this chunk */

    /*
     * an inline script being read: its content in this chunk starts at
     * lrun; lzero: its start tag is at ltag in this chunk, and the run
     * still holds it (passed on without a copy when it is no tracker)
     */
    lrun = 0;
    ltag = 0;
    lzero = 0;

    /* the start of the attribute name being read; unknown: none yet */
    an = (size_t) -1;

    /* everything granted: only what cc_html_granted_reads() names is held */
    skim = h->all_granted;

    while (i < len) {
        c = p[i];

        switch (h->state) {

        case CC_HTML_TEXT:
        text:
            if (h->pass) {
                i = len;
                break;
            }

            /* a tag right after a tag, the usual case: without a call */

            if (p[i] != '<') {
                q = memchr(p + i, '<', len - i);
                if (q == NULL) {
                    i = len;
                    break;
                }

                i = q - p;
            }

            start = i;
            h->holding = 1;
            h->hold_len = 0;
            i++;

            if (i < len && cc_html_alpha(p[i])) {
                /* a start tag, the usual case: straight to its name */
                h->end_tag = 0;
                h->name_len = 0;
                h->state = CC_HTML_TAG_NAME;
                goto tag_name;
            }

            if (i + 1 < len && p[i] == '/' && cc_html_alpha(p[i + 1])) {
                /* an end tag: never held, its name never read */
                h->holding = 0;
                h->end_tag = 1;
                i += 2;

                while (i < len && !(cc_html_cls[p[i]] & CC_HTML_C_NAME)) {
                    i++;
                }

                if (i < len && p[i] == '>') {
                    /* the usual </name>: nothing in it to read */
                    i++;

                    if (i < len) {
                        goto text;
                    }

                    break;
                }

                h->name_len = 0;
                h->state = CC_HTML_TAG_NAME;
                goto tag_name;
            }

            h->state = CC_HTML_TAG_OPEN;
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
                if (i + 3 < len && p[i + 1] == '-' && p[i + 2] == '-'
                    && p[i + 3] != '-' && p[i + 3] != '>')
                {
                    /* the usual comment: straight to its text */
                    i += 3;
                    h->state = CC_HTML_COMMENT;
                    goto comment;
                }

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
        tag_name:
            n = h->name_len;

            while (i < len && !(cc_html_cls[p[i]] & CC_HTML_C_NAME)) {
                if (n < CC_HTML_NAME_MAX) {
                    h->name[n] = cc_html_lc[p[i]];
                }

                n++;
                i++;
            }

            h->name_len = n;

            if (i == len) {
                break;
            }

            /* a local: h->what shares a word with the bit fields */

            rc = cc_html_classify(h);
            h->what = rc;

            if ((!(rc & CC_HTML_TAG_KIND)
                 || (skim && !cc_html_granted_reads(h, rc & CC_HTML_TAG_KIND)))
                && h->holding)
            {
                if (h->hold_len) {
                    if (emit(ctx, h->hold, h->hold_len, 0) != 0) {
                        return -1;
                    }
                    h->hold_len = 0;
                }

                h->holding = 0;
            }

            goto before_attr;

        /*
         * the attribute states, as direct jumps: a tag's attributes are
         * read in one go (the state is stored only when the chunk ends)
         */

        case CC_HTML_BEFORE_ATTR:
            goto before_attr;
        case CC_HTML_ATTR_NAME:
            goto attr_name;
        case CC_HTML_AFTER_ATTR_NAME:
            goto after_attr_name;
        case CC_HTML_BEFORE_VALUE:
            goto before_value;
        case CC_HTML_VALUE_DQ:
            quote = '"';
            goto value_quoted;
        case CC_HTML_VALUE_SQ:
            quote = '\'';
            goto value_quoted;
        case CC_HTML_VALUE_UQ:
            goto value_uq;

        before_attr:
            while (i < len && (cc_html_cls[p[i]] & CC_HTML_C_SKIP)) {
                i++;
            }

            if (i == len) {
                h->state = CC_HTML_BEFORE_ATTR;
                break;
            }

            if (p[i] == '>') {
                goto tag_end;
            }

            an = i++;                /* the name's first character: any */

        attr_name:
            while (i < len && !(cc_html_cls[p[i]] & CC_HTML_C_ATTR)) {
                i++;
            }

            if (i == len) {
                h->state = CC_HTML_ATTR_NAME;
                break;
            }

            /*
             * a style attribute (any other element may fetch from it
             * alone) or a data-category (the page marks the element
             * itself); a name begun in an earlier chunk may be either
             */

            if (an == (size_t) -1) {
                h->style = 1;
                h->dcat = 1;

            } else if (i - an == 5) {
                if ((p[an] | 0x20) == 's' && cc_html_eq(p + an, 5, "style")) {
                    h->style = 1;
                }

            } else if (i - an == 13) {
                if (cc_html_eq(p + an, 13, "data-category")) {
                    h->dcat = 1;
                }
            }

            an = (size_t) -1;

            c = p[i];

            if (c == '>') {
                goto tag_end;
            }

            i++;

            if (c == '=') {
                goto before_value;
            }

            if (c == '/') {
                goto before_attr;
            }

        after_attr_name:
            while (i < len && cc_html_space(p[i])) {
                i++;
            }

            if (i == len) {
                h->state = CC_HTML_AFTER_ATTR_NAME;
                break;
            }

            c = p[i];

            if (c == '>') {
                goto tag_end;
            }

            i++;

            if (c == '/') {
                goto before_attr;
            }

            if (c != '=') {
                an = i - 1;
                goto attr_name;
            }

        before_value:
            while (i < len && cc_html_space(p[i])) {
                i++;
            }

            if (i == len) {
                h->state = CC_HTML_BEFORE_VALUE;
                break;
            }

            c = p[i];

            if (c == '>') {
                goto tag_end;
            }

            i++;

            if (c == '"' || c == '\'') {
                quote = c;
                goto value_quoted;
            }

        value_uq:
            while (i < len && !(cc_html_cls[p[i]] & CC_HTML_C_UQ)) {
                i++;
            }

            if (i == len) {
                h->state = CC_HTML_VALUE_UQ;
                break;
            }

            if (p[i] == '>') {
                goto tag_end;
            }

            i++;
            goto before_attr;

        value_quoted:
            q = memchr(p + i, quote, len - i);
            if (q == NULL) {
                h->state = (quote == '"') ? CC_HTML_VALUE_DQ
                                          : CC_HTML_VALUE_SQ;
                i = len;
                break;
            }

            i = q - p + 1;
            goto before_attr;

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
        comment:
            q = memchr(p + i, '-', len - i);
            if (q == NULL) {
                i = len;
                break;
            }

            i = q - p + 1;

            if (i + 1 < len && p[i] == '-' && p[i + 1] == '>') {
                /* the usual end, "-->" */
                i += 2;
                h->state = CC_HTML_TEXT;

                if (i < len) {
                    goto text;
                }

                break;
            }

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
            n = len - i;

            if (h->looking) {
                /* the inline script read so far: p[run..i) not yet held */

                used = h->hold_len - h->look_start + (i - lrun);

                if (used >= CC_HTML_LOOKAHEAD) {
                    goto look_done;
                }

                if (n > CC_HTML_LOOKAHEAD - used) {
                    n = CC_HTML_LOOKAHEAD - used;
                }
            }

            q = memchr(p + i, '<', n);
            if (q == NULL) {
                i += n;
                break;
            }

            i = q - p + 1;

            if (i + h->raw_len + 1 < len && p[i] == '/'
                && cc_html_raw_end(h, p + i + 1))
            {
                /* the usual end tag, whole in this chunk: in one go */
                i += 1 + h->raw_len;
                h->end_tag = 1;
                h->name_len = 0;
                h->state = CC_HTML_BEFORE_ATTR;

                if (h->looking) {
                    goto look_done;
                }

                goto before_attr;
            }

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

                if (h->looking) {
                    goto look_done;
                }

            } else {
                h->state = CC_HTML_RAW;      /* reprocess */
            }

            break;

        case CC_HTML_PLAINTEXT:
            i = len;
            break;
        }

        continue;

    look_done:

        /* the inline script's content up to p[i] is known: decide */

        rc = cc_html_look(h, p + run, ltag - run, p + lrun, i - lrun,
                          lzero ? CC_HTML_LOOK_ZERO : CC_HTML_LOOK_DECIDE,
                          emit, ctx);
        if (rc < 0) {
            return -1;
        }

        if (rc == 1) {
            run = i;
        }

        lzero = 0;
        continue;

    tag_end:

        /* p[i] is the '>' closing a tag */

        i++;

        if (h->what == CC_HTML_KIND_OTHER && !h->style && h->hold_len == 0) {
            /*
             * the usual element, without a style attribute, begun in
             * this chunk: nothing to emit, insert or switch to
             */

            h->holding = 0;
            h->what = 0;
            h->dcat = 0;
            h->state = CC_HTML_TEXT;

            if (i < len) {
                goto text;
            }

            continue;
        }

        kind = CC_HTML_KIND_NONE;

        if (h->holding) {
            kind = h->what & CC_HTML_TAG_KIND;
            prev = h->hold_len;
            n = i - start;
            h->holding = 0;

            if (prev + n > CC_HTML_HOLD
                || (kind == CC_HTML_KIND_OTHER
                    && (!h->style
                        || (cc_html_no_fetch(p + start, n)
                            && cc_html_no_fetch(h->hold, prev)))))
            {
                /*
                 * too long to edit, or another element without a style
                 * attribute (the usual <div>), or whose attributes have
                 * no '(', nor a character reference that may spell one
                 * (no CSS function that fetches): passes through
                 */

                if (prev && emit(ctx, h->hold, prev, 0) != 0) {
                    return -1;
                }

            } else {
                memcpy(h->hold + prev, p + start, n);
                h->hold_len = prev + n;

                if (cc_html_gcm_before(h, kind, p, start, &run, emit, ctx)
                    != 0)
                {
                    return -1;
                }

                /* an edited tag is emitted after the run before it */

                rc = cc_html_rewrite(h, kind, CC_HTML_LOOK_PENDING, p + run,
                                     start - run, emit, ctx);
                if (rc < 0) {
                    return -1;
                }

                if (rc == 2) {
                    /* an inline script or style: the tag waits */

                    h->looking = 1;
                    h->look_style = (kind == CC_HTML_KIND_STYLE);
                    h->look_start = h->hold_len;
                    lrun = i;
                    ltag = start;
                    lzero = (prev == 0);

                    if (!lzero) {
                        /* the tag started in an earlier chunk: held */
                        run = i;
                    }

                } else if (rc == 0) {
                    /* unchanged: what this chunk holds stays in the run */

                    if (prev && emit(ctx, h->hold, prev, 0) != 0) {
                        return -1;
                    }

                } else {
                    run = i;
                }
            }

            if (!h->looking) {
                h->hold_len = 0;
            }
        }

        if (cc_html_insert_after(h, kind, p, i, &run, emit, ctx) != 0) {
            return -1;
        }

        h->state = CC_HTML_TEXT;
        h->style = 0;
        h->dcat = 0;

        if (h->what & CC_HTML_TAG_PLAINTEXT) {
            h->state = CC_HTML_PLAINTEXT;

        } else if (h->what & CC_HTML_TAG_RAW) {
            memcpy(h->raw, h->name, h->name_len);
            h->raw_len = h->name_len;
            h->state = CC_HTML_RAW;
        }

        /*
         * everything granted and inserted, or nothing to insert or to be
         * appended at the end once the first <html>, <head> or <body>
         * start tag is through (the language of <html lang> known,
         * whichever way the tag came, held or not, in one chunk or
         * several): the rest passes as it is
         */

        if (h->all_granted) {
            kind = h->what & CC_HTML_TAG_KIND;

            if (kind == CC_HTML_KIND_HTML || kind == CC_HTML_KIND_HEAD
                || kind == CC_HTML_KIND_BODY)
            {
                h->root_seen = 1;
            }

            if (!h->looking
                && (h->banner_done
                    || ((cf->at_end
                         || (cf->insert == NULL && cf->banner_len == 0))
                        && h->root_seen))
                && (h->gcm_done || cf->gcm_len == 0))
            {
                h->pass = 1;
            }
        }

        h->what = 0;

        if (h->state == CC_HTML_TEXT && i < len) {
            goto text;
        }
    }

    /* end of the chunk */

    if (h->looking) {
        /* the tag is held already; the content read so far joins it */

        if (lzero && ltag > run && emit(ctx, p + run, ltag - run, 1) != 0) {
            return -1;
        }

        if (cc_html_look(h, NULL, 0, p + lrun, len - lrun,
                         last ? CC_HTML_LOOK_DECIDE : CC_HTML_LOOK_HOLD,
                         emit, ctx)
            < 0)
        {
            return -1;
        }

    } else if (h->holding) {
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

        if (!h->banner_done) {
            h->banner_done = 1;

            if (cc_html_insert(h, CC_HTML_INSERT_BANNER, -1, emit, ctx)
                != 0)
            {
                return -1;
            }
        }
    }

    return 0;
}


/*
 * The insertion policy before a start tag: a document without <head> gets
 * the consent default before its first <script> or <body> tag, the run
 * before the tag emitted first (*run moves to the tag's start)
 */

static int
cc_html_gcm_before(cc_html_t *h, int kind, const unsigned char *p,
    size_t start, size_t *run, cc_html_emit_pt emit, void *ctx)
{
    const cc_html_conf_t  *cf;

    cf = h->conf;

    if ((kind == CC_HTML_KIND_SCRIPT || kind == CC_HTML_KIND_BODY)
        && !h->gcm_done && cf->gcm_len)
    {
        return cc_html_insert_at(h, 1, p, start, run, emit, ctx);
    }

    return 0;
}


/*
 * The insertion policy after a start tag (p[i - 1] is its '>'): the
 * consent default after <head>, the banner after <body> (unless it goes
 * at the end), the run up to the tag's end emitted first (*run moves to
 * i)
 */

static int
cc_html_insert_after(cc_html_t *h, int kind, const unsigned char *p,
    size_t i, size_t *run, cc_html_emit_pt emit, void *ctx)
{
    const cc_html_conf_t  *cf;

    cf = h->conf;

    if (kind == CC_HTML_KIND_BODY && !h->banner_done
        && cf->insert == NULL && cf->banner_len == 0)
    {
        h->banner_done = 1;                  /* nothing to insert */
    }

    if ((kind == CC_HTML_KIND_HEAD && !h->gcm_done && cf->gcm_len)
        || (kind == CC_HTML_KIND_BODY && !h->banner_done && !cf->at_end))
    {
        return cc_html_insert_at(h, kind == CC_HTML_KIND_HEAD, p, i, run,
                                 emit, ctx);
    }

    return 0;
}


/*
 * The run up to p[at] emitted, then the consent default (gcm 1) or the
 * banner (gcm 0), once
 */

static int
cc_html_insert_at(cc_html_t *h, int gcm, const unsigned char *p, size_t at,
    size_t *run, cc_html_emit_pt emit, void *ctx)
{
    if (at > *run && emit(ctx, p + *run, at - *run, 1) != 0) {
        return -1;
    }

    *run = at;

    if (gcm) {
        h->gcm_done = 1;

        return emit(ctx, h->conf->gcm, h->conf->gcm_len,
                h->conf->stable ? 2 : 0) != 0 ? -1 : 0;
    }

    h->banner_done = 1;

    return cc_html_insert(h, CC_HTML_INSERT_BANNER, -1, emit, ctx) != 0
           ? -1 : 0;
}


/* the attributes of the complete tag b[0..n), '<' to '>'; -1: too many */
static int
cc_html_attrs(const unsigned char *b, size_t n, cc_html_attr_t *a,
    size_t *name_end)
{
    int                   na;
    size_t                i;
    unsigned char         c, quote;
    const unsigned char  *q;

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

        while (i < n && !(cc_html_cls[b[i]] & CC_HTML_C_ATTR)) {
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

                q = memchr(b + i, quote, n - i);
                i = q ? (size_t) (q - b) : n;

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


/*
 * 1 when a class (CC_CLASS()) is granted: its category, or its service;
 * 0 when not; -1 when it is no category of this configuration
 */
static int
cc_html_granted(const cc_html_conf_t *cf, int cls)
{
    if (cls < 0 || (unsigned) CC_CLASS_CAT(cls) >= cf->ncategories
        || CC_CLASS_CAT(cls) >= 32)
    {
        return -1;
    }

    return cc_class_granted(cf->granted, cf->services_granted, cls);
}


/* the index of a name in names[0..n) (at most 64), or -1 */
static int
cc_html_name(const char *const *names, unsigned n, const unsigned char *p,
    size_t len)
{
    unsigned  i;

    for (i = 0; i < n && i < 64; i++) {
        if (names[i] != NULL
            && strlen(names[i]) == len
            && strncmp(names[i], (const char *) p, len) == 0)
        {
            return (int) i;
        }
    }

    return -1;
}


static int
cc_html_category(const cc_html_conf_t *cf, const unsigned char *p,
    size_t len)
{
    return cc_html_name(cf->categories, cf->ncategories < 32
                                        ? cf->ncategories : 32, p, len);
}


static int
cc_html_service(const cc_html_conf_t *cf, const unsigned char *p,
    size_t len)
{
    return cc_html_name(cf->services, cf->nservices, p, len);
}


/*
 * One category a script stands for: 1 and *found set when it is not
 * granted (the search stops), else 0; *found keeps the first granted one
 */
static int
cc_html_pick(const cc_html_conf_t *cf, int cat, int *found)
{
    int  granted;

    granted = cc_html_granted(cf, cat);

    if (granted < 0) {
        return 0;
    }

    if (!granted) {
        *found = cat;
        return 1;
    }

    if (*found < 0) {
        *found = cat;
    }

    return 0;
}


static const unsigned char *
cc_html_find(const unsigned char *p, size_t len, const char *s)
{
    size_t                n;
    const unsigned char  *q, *end;

    n = strlen(s);

    if (n == 0 || len < n) {
        return NULL;
    }

    end = p + len - n + 1;

    while (p < end) {
        q = memchr(p, s[0], end - p);
        if (q == NULL) {
            return NULL;
        }

        if (memcmp(q, s, n) == 0) {
            return q;
        }

        p = q + 1;
    }

    return NULL;
}


/*
 * Calls that only a tracker's snippet makes, and the URL (classified by
 * the tracker rules) or, for self-hosted tools, the category they stand
 * for.  A site's own gtag('consent', ...) is not among them.
 */

typedef struct {
    const char            *needle;
    const char            *url;
    const char            *category;
} cc_html_sig_t;


static const cc_html_sig_t  cc_html_sigs[] = {
    { "gtag('config'", "https://www.googletagmanager.com/gtag/js", NULL },
    { "gtag(\"config\"", "https://www.googletagmanager.com/gtag/js", NULL },
    { "gtag('event'", "https://www.googletagmanager.com/gtag/js", NULL },
    { "gtag(\"event\"", "https://www.googletagmanager.com/gtag/js", NULL },
    { "ga('create'", "https://www.google-analytics.com/analytics.js", NULL },
    { "ga(\"create\"", "https://www.google-analytics.com/analytics.js", NULL },
    { "_gaq.push", "https://ssl.google-analytics.com/ga.js", NULL },
    { "fbq('init'", "https://connect.facebook.net/", NULL },
    { "fbq(\"init\"", "https://connect.facebook.net/", NULL },
    { "fbq('track'", "https://connect.facebook.net/", NULL },
    { "fbq(\"track\"", "https://connect.facebook.net/", NULL },
    { "_linkedin_partner_id", "https://snap.licdn.com/", NULL },
    { "_hjSettings", "https://static.hotjar.com/", NULL },
    { "ttq.load(", "https://analytics.tiktok.com/", NULL },
    { "_hsq.push", "https://js.hs-scripts.com/", NULL },
    { "_paq.push", NULL, "analytics" },
    { "_mtm.push", NULL, "analytics" },
    { NULL, NULL, NULL }
};


/* URL characters after "//" in script text */
static int
cc_html_url_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
           || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_'
           || c == '/' || c == '%' || c == '~' || c == ':' || c == '?'
           || c == '=' || c == '&' || c == '#' || c == '+' || c == '@';
}


static int
cc_html_hex(unsigned char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }

    c |= 0x20;

    return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}


/*
 * JavaScript string escapes decoded (\xHH, \uHHHH, \u{H...}, \c: c),
 * code points as UTF-8, into out (len bytes: never longer); returns the
 * length.  Outside strings a backslash is rare enough not to matter.
 */
static size_t
cc_html_js_unescape(const unsigned char *p, size_t len, unsigned char *out)
{
    int       d;
    size_t    i, k, n, digits;
    uint32_t  cp;

    n = 0;

    for (i = 0; i < len; i++) {
        if (p[i] != '\\' || i + 1 == len) {
            out[n++] = p[i];
            continue;
        }

        i++;
        cp = 0;
        k = i + 1;
        digits = 0;

        if (p[i] == 'x' && i + 2 < len && cc_html_hex(p[i + 1]) >= 0
            && cc_html_hex(p[i + 2]) >= 0)
        {
            cp = cc_html_hex(p[i + 1]) * 16 + cc_html_hex(p[i + 2]);
            k = i + 3;
            digits = 2;

        } else if (p[i] == 'u' && i + 1 < len && p[i + 1] == '{') {
            for (k = i + 2; k < len && (d = cc_html_hex(p[k])) >= 0; k++) {
                cp = (cp < 0x110000) ? cp * 16 + (uint32_t) d : cp;
                digits++;
            }

            if (k < len && p[k] == '}' && digits && cp < 0x110000) {
                k++;

            } else {
                digits = 0;
            }

        } else if (p[i] == 'u' && i + 4 < len) {
            for (k = i + 1; k < i + 5 && (d = cc_html_hex(p[k])) >= 0; k++) {
                cp = cp * 16 + (uint32_t) d;
            }

            digits = (k == i + 5) ? 4 : 0;
        }

        if (digits == 0) {
            out[n++] = p[i];                 /* "\/": '/' */
            continue;
        }

        /* at most as long as the escape: 4 bytes for 6 or more */

        if (cp < 0x80) {
            out[n++] = (unsigned char) cp;

        } else if (cp < 0x800) {
            out[n++] = (unsigned char) (0xc0 | (cp >> 6));
            out[n++] = (unsigned char) (0x80 | (cp & 0x3f));

        } else if (cp < 0x10000) {
            out[n++] = (unsigned char) (0xe0 | (cp >> 12));
            out[n++] = (unsigned char) (0x80 | ((cp >> 6) & 0x3f));
            out[n++] = (unsigned char) (0x80 | (cp & 0x3f));

        } else {
            out[n++] = (unsigned char) (0xf0 | (cp >> 18));
            out[n++] = (unsigned char) (0x80 | ((cp >> 12) & 0x3f));
            out[n++] = (unsigned char) (0x80 | ((cp >> 6) & 0x3f));
            out[n++] = (unsigned char) (0x80 | (cp & 0x3f));
        }

        i = k - 1;
    }

    return n;
}


/*
 * The category an inline script's text stands for: the URLs it loads
 * (each "//host/path" in it, through the tracker rules) and the calls of
 * cc_html_sigs; the first not granted one, else a granted one, else -1.
 * The answer for a text of up to CC_HTML_IMEMO_TEXT bytes is remembered
 * for the rules, the categories and the consent it was given under (a
 * slot per hash, the last text wins; cc_html_memo_reset())
 */
static int
cc_html_inline(const cc_html_conf_t *cf, const unsigned char *p,
    size_t len)
{
    uint32_t          hash;
    cc_html_imemo_t  *m;

    if (len > CC_HTML_IMEMO_TEXT || cf->match_url == NULL) {
        return cc_html_inline_read(cf, p, len);
    }

    hash = cc_util_hash(p, len);
    m = &cc_html_imemo[hash % CC_HTML_IMEMO_SLOTS];

    if (m->match == cf->match_url && m->data == cf->data
        && m->categories == cf->categories
        && m->ncategories == cf->ncategories
        && m->granted == cf->granted
        && m->services_granted == cf->services_granted
        && m->hash == hash && m->len == len && memcmp(m->text, p, len) == 0)
    {
        return m->found;
    }

    m->found = cc_html_inline_read(cf, p, len);
    m->match = cf->match_url;
    m->data = cf->data;
    m->categories = cf->categories;
    m->ncategories = cf->ncategories;
    m->granted = cf->granted;
    m->services_granted = cf->services_granted;
    m->hash = hash;
    m->len = (unsigned) len;
    memcpy(m->text, p, len);

    return m->found;
}


static int
cc_html_inline_read(const cc_html_conf_t *cf, const unsigned char *p,
    size_t len)
{
    int                   found;
    size_t                k, e;
    unsigned char         dec[CC_HTML_LOOKAHEAD];
    const unsigned char  *q;
    const cc_html_sig_t  *sig;

    found = -1;

    /*
     * URLs in string literals with escapes ("https:\/\/" as
     * json_encode() writes it, "\x2F", "\u002F", "\u{2E}"): read
     * decoded
     */

    if (len <= sizeof(dec) && memchr(p, '\\', len) != NULL) {
        len = cc_html_js_unescape(p, len, dec);
        p = dec;
    }

    if (cf->match_url != NULL) {
        k = 0;

        while (k + 2 < len) {
            q = memchr(p + k, '/', len - k - 2);
            if (q == NULL) {
                break;
            }

            k = q - p;

            if (p[k + 1] != '/' || !cc_html_url_char(p[k + 2])) {
                k++;
                continue;
            }

            e = k + 2;

            while (e < len && cc_html_url_char(p[e])) {
                e++;
            }

            if (cc_html_pick(cf, cf->match_url(cf->data, p + k, e - k),
                             &found))
            {
                return found;
            }

            k = e;
        }
    }

    for (sig = cc_html_sigs; sig->needle != NULL; sig++) {
        if (cc_html_find(p, len, sig->needle) == NULL) {
            continue;
        }

        if (sig->url != NULL && cf->match_url != NULL) {
            k = strlen(sig->url);

            if (cc_html_pick(cf, cf->match_url(cf->data,
                                               (const unsigned char *)
                                               sig->url, k),
                             &found))
            {
                return found;
            }

        } else if (sig->category != NULL) {
            if (cc_html_pick(cf, cc_html_category(cf, (const unsigned char *)
                                                  sig->category,
                                                  strlen(sig->category)),
                             &found))
            {
                return found;
            }
        }
    }

    return found;
}


/*
 * The look-ahead of the held inline script: p[0..n) is its content read
 * since what is held.
 *
 * CC_HTML_LOOK_ZERO: the start tag (held as a copy) and that content are
 * still in the
 * caller's run, after pre[0..pre_len); no tracker: returns 0 and nothing
 * is emitted (the run goes on); a tracker: pre, the edited tag and the
 * content are emitted, returns 1.
 *
 * Else the content joins what is held: CC_HTML_LOOK_HOLD, the look-ahead
 * goes on (0); CC_HTML_LOOK_DECIDE (the script ended, CC_HTML_LOOKAHEAD
 * bytes are held, or the document ended), the tag, edited or not, and
 * the content are emitted (1).
 */
static int
cc_html_look(cc_html_t *h, const unsigned char *pre, size_t pre_len,
    const unsigned char *p, size_t n, int mode, cc_html_emit_pt emit,
    void *ctx)
{
    int     cat, rc;
    size_t  total;

    if (mode == CC_HTML_LOOK_ZERO) {
        if (h->look_style) {
            return cc_html_look_style(h, pre, pre_len, p, n, emit, ctx);
        }

        h->looking = 0;

        cat = cc_html_inline(h->conf, p, n);

        rc = cc_html_rewrite(h, CC_HTML_KIND_SCRIPT, cat, pre, pre_len,
                             emit, ctx);

        h->hold_len = 0;

        if (rc <= 0) {
            return rc;
        }

        if (n && emit(ctx, p, n, 1) != 0) {
            return -1;
        }

        return 1;
    }

    if (n > sizeof(h->hold) - h->hold_len) {
        n = sizeof(h->hold) - h->hold_len;       /* cannot happen */
    }

    if (n) {
        memcpy(h->hold + h->hold_len, p, n);
        h->hold_len += n;
    }

    if (mode == CC_HTML_LOOK_HOLD) {
        return 0;
    }

    h->looking = 0;

    if (h->look_style) {
        return cc_html_look_style(h, NULL, 0, NULL, 0, emit, ctx);
    }

    total = h->hold_len;

    cat = cc_html_inline(h->conf, h->hold + h->look_start,
                         total - h->look_start);

    h->hold_len = h->look_start;

    rc = cc_html_rewrite(h, CC_HTML_KIND_SCRIPT, cat, NULL, 0, emit, ctx);
    if (rc < 0) {
        return -1;
    }

    if (rc == 0 && emit(ctx, h->hold, h->look_start, 0) != 0) {
        return -1;
    }

    if (total > h->look_start
        && emit(ctx, h->hold + h->look_start, total - h->look_start, 0) != 0)
    {
        return -1;
    }

    h->hold_len = 0;

    return 1;
}


/*
 * cc_html_look()'s decision for a <style> element: its content is CSS,
 * whose URLs not granted get CC_HTML_CSS_INERT before them; the
 * stylesheet's other rules stay.  p non-NULL: CC_HTML_LOOK_ZERO, p[0..n)
 * the content; else everything is held (CC_HTML_LOOK_DECIDE).
 */
static int
cc_html_look_style(cc_html_t *h, const unsigned char *pre, size_t pre_len,
    const unsigned char *p, size_t n, cc_html_emit_pt emit, void *ctx)
{
    int                    cat, rc;
    size_t                 total;
    const cc_html_conf_t  *cf;

    cf = h->conf;
    cat = -1;

    if (p != NULL) {
        h->looking = 0;

        if (cc_html_css(h, p, n, &cat, 0, NULL, NULL) == 0) {
            h->hold_len = 0;
            return 0;
        }

        if ((pre_len && emit(ctx, pre, pre_len, 1) != 0)
            || emit(ctx, h->hold, h->look_start, 0) != 0)
        {
            return -1;
        }

        h->hold_len = 0;

        if (cc_html_css(h, p, n, &cat, 1, emit, ctx) < 0) {
            return -1;
        }

        if (cf->neutralised != NULL) {
            cf->neutralised(cf->neutralised_data, cat);
        }

        return 1;
    }

    total = h->hold_len;

    if (emit(ctx, h->hold, h->look_start, 0) != 0) {
        return -1;
    }

    rc = cc_html_css(h, h->hold + h->look_start, total - h->look_start,
                     &cat, -1, emit, ctx);
    if (rc < 0) {
        return -1;
    }

    if (rc == 1 && cf->neutralised != NULL) {
        cf->neutralised(cf->neutralised_data, cat);
    }

    h->hold_len = 0;

    return 1;
}


static int
cc_html_insert(cc_html_t *h, int what, int category, cc_html_emit_pt emit,
    void *ctx)
{
    size_t                 len;
    const unsigned char   *p;
    const cc_html_conf_t  *cf;

    cf = h->conf;

    if (cf->insert != NULL) {
        p = NULL;
        len = 0;

        if (cf->insert(cf->insert_data, what, category, &p, &len) != 0) {
            return -1;
        }

    } else if (what == CC_HTML_INSERT_BANNER) {
        p = cf->banner;
        len = cf->banner_len;

    } else {
        return 0;
    }

    if (len && p != NULL && emit(ctx, p, len, cf->stable ? 2 : 0) != 0) {
        return -1;
    }

    return 0;
}


const unsigned char *
cc_html_lang(const cc_html_t *h, size_t *len)
{
    *len = h->lang_len;

    return h->lang_len ? h->lang : NULL;
}


/* the <html> start tag: its lang attribute */
static void
cc_html_root(cc_html_t *h, const cc_html_attr_t *a, int na)
{
    int     k;
    size_t  n;

    if (h->html_seen) {
        return;
    }

    h->html_seen = 1;

    for (k = 0; k < na; k++) {
        if (!cc_html_eq(h->hold + a[k].name, a[k].name_len, "lang")) {
            continue;
        }

        n = a[k].value_len;

        if (n > 0 && n <= CC_HTML_LANG_MAX) {
            memcpy(h->lang, h->hold + a[k].value, n);
            h->lang_len = n;
        }

        return;
    }
}


/* base64 and base64url characters of a CSP nonce */
static int
cc_html_nonce_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
           || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '='
           || c == '-' || c == '_';
}


int
cc_html_csp_nonce(const unsigned char *csp, size_t len,
    const unsigned char **nonce, size_t *nonce_len)
{
    int      best, score;
    size_t   i, d, e, k;

    static const char  key[] = "'nonce-";

    if (!cc_html_tables) {
        cc_html_init_tables();      /* cc_html_eq() reads them */
    }

    best = -1;
    i = 0;

    /* directives: "name value value; name value" */

    while (i < len) {
        while (i < len && (cc_html_space(csp[i]) || csp[i] == ';')) {
            i++;
        }

        d = i;

        while (i < len && !cc_html_space(csp[i]) && csp[i] != ';') {
            i++;
        }

        if (cc_html_eq(csp + d, i - d, "script-src")
            || cc_html_eq(csp + d, i - d, "script-src-elem"))
        {
            score = 2;

        } else if (cc_html_eq(csp + d, i - d, "default-src")) {
            score = 1;

        } else {
            score = 0;
        }

        while (i < len && csp[i] != ';') {
            while (i < len && cc_html_space(csp[i])) {
                i++;
            }

            d = i;

            while (i < len && !cc_html_space(csp[i]) && csp[i] != ';') {
                i++;
            }

            if (score <= best || i - d < sizeof(key) + 1) {
                continue;
            }

            for (k = 0; k < sizeof(key) - 1; k++) {
                if (cc_html_lower(csp[d + k]) != (unsigned char) key[k]) {
                    break;
                }
            }

            if (k < sizeof(key) - 1 || csp[i - 1] != '\'') {
                continue;
            }

            for (e = d + k; e < i - 1 && cc_html_nonce_char(csp[e]); e++) {
                /* void */
            }

            if (e != i - 1 || e == d + k) {
                continue;
            }

            best = score;
            *nonce = csp + d + k;
            *nonce_len = e - (d + k);
        }
    }

    return best > 0 ? 0 : -1;
}


/* the attributes the rewriter looks at */

#define CC_HTML_A_OTHER        0
#define CC_HTML_A_SRC          1
#define CC_HTML_A_TYPE         2
#define CC_HTML_A_HREF         3
#define CC_HTML_A_REL          4
#define CC_HTML_A_DCAT         5
#define CC_HTML_A_SRCSET       6
#define CC_HTML_A_DATA         7
#define CC_HTML_A_POSTER       8
#define CC_HTML_A_XHREF        9       /* xlink:href */
#define CC_HTML_A_IMAGESRCSET  10
#define CC_HTML_A_CONTENT      11
#define CC_HTML_A_HTTP_EQUIV   12
#define CC_HTML_A_BACKGROUND   13
#define CC_HTML_A_STYLE        14
#define CC_HTML_A_SRCDOC       15
#define CC_HTML_A_DSVC         16      /* data-service */

/* what a URL attribute holds (cc_html_url_attr()) */
#define CC_HTML_U_NONE         0
#define CC_HTML_U_URL          1
#define CC_HTML_U_SRCSET       2
#define CC_HTML_U_REFRESH      3
#define CC_HTML_U_CSS          4       /* a style attribute */
#define CC_HTML_U_SRCDOC       5       /* a document: <iframe srcdoc> */


static int
cc_html_attr_id(const unsigned char *p, size_t len)
{
    switch (len) {

    case 3:
        if (cc_html_eq(p, 3, "src")) {
            return CC_HTML_A_SRC;
        }

        return cc_html_eq(p, 3, "rel") ? CC_HTML_A_REL : CC_HTML_A_OTHER;

    case 4:
        if (cc_html_eq(p, 4, "type")) {
            return CC_HTML_A_TYPE;
        }

        if (cc_html_eq(p, 4, "data")) {
            return CC_HTML_A_DATA;
        }

        return cc_html_eq(p, 4, "href") ? CC_HTML_A_HREF : CC_HTML_A_OTHER;

    case 5:
        return cc_html_eq(p, 5, "style") ? CC_HTML_A_STYLE : CC_HTML_A_OTHER;

    case 6:
        if (cc_html_eq(p, 6, "srcset")) {
            return CC_HTML_A_SRCSET;
        }

        if (cc_html_eq(p, 6, "srcdoc")) {
            return CC_HTML_A_SRCDOC;
        }

        return cc_html_eq(p, 6, "poster") ? CC_HTML_A_POSTER
                                          : CC_HTML_A_OTHER;

    case 7:
        return cc_html_eq(p, 7, "content") ? CC_HTML_A_CONTENT
                                           : CC_HTML_A_OTHER;

    case 10:
        if (cc_html_eq(p, 10, "xlink:href")) {
            return CC_HTML_A_XHREF;
        }

        if (cc_html_eq(p, 10, "background")) {
            return CC_HTML_A_BACKGROUND;
        }

        return cc_html_eq(p, 10, "http-equiv") ? CC_HTML_A_HTTP_EQUIV
                                               : CC_HTML_A_OTHER;

    case 11:
        return cc_html_eq(p, 11, "imagesrcset") ? CC_HTML_A_IMAGESRCSET
                                                : CC_HTML_A_OTHER;

    case 12:
        return cc_html_eq(p, 12, "data-service") ? CC_HTML_A_DSVC
                                                 : CC_HTML_A_OTHER;

    case 13:
        return cc_html_eq(p, 13, "data-category") ? CC_HTML_A_DCAT
                                                  : CC_HTML_A_OTHER;
    }

    return CC_HTML_A_OTHER;
}


/* the attributes of an element that browsers fetch from, and how */
static int
cc_html_url_attr(int kind, int id)
{
    if (id == CC_HTML_A_STYLE) {
        /* elements never rendered fetch nothing for their style */

        switch (kind) {
        case CC_HTML_KIND_SCRIPT:
        case CC_HTML_KIND_STYLE:
        case CC_HTML_KIND_LINK:
        case CC_HTML_KIND_META:
        case CC_HTML_KIND_BASE:
        case CC_HTML_KIND_HEAD:
            return CC_HTML_U_NONE;
        }

        return CC_HTML_U_CSS;
    }

    switch (kind) {

    case CC_HTML_KIND_BODY:
    case CC_HTML_KIND_TABLE:
        /* the legacy background attribute (HTML, "Rendering") */
        return id == CC_HTML_A_BACKGROUND ? CC_HTML_U_URL : CC_HTML_U_NONE;

    case CC_HTML_KIND_SCRIPT:
        /* href and xlink:href: SVG's <script> */
        return (id == CC_HTML_A_SRC || id == CC_HTML_A_HREF
                || id == CC_HTML_A_XHREF) ? CC_HTML_U_URL : CC_HTML_U_NONE;

    case CC_HTML_KIND_IMG:
    case CC_HTML_KIND_IMAGE:
        if (id == CC_HTML_A_SRCSET) {
            return CC_HTML_U_SRCSET;
        }

        return (id == CC_HTML_A_SRC || id == CC_HTML_A_HREF
                || id == CC_HTML_A_XHREF) ? CC_HTML_U_URL : CC_HTML_U_NONE;

    case CC_HTML_KIND_SOURCE:
        if (id == CC_HTML_A_SRCSET) {
            return CC_HTML_U_SRCSET;
        }

        return id == CC_HTML_A_SRC ? CC_HTML_U_URL : CC_HTML_U_NONE;

    case CC_HTML_KIND_VIDEO:
        return (id == CC_HTML_A_SRC || id == CC_HTML_A_POSTER)
               ? CC_HTML_U_URL : CC_HTML_U_NONE;

    case CC_HTML_KIND_IFRAME:
        if (id == CC_HTML_A_SRCDOC) {
            return CC_HTML_U_SRCDOC;
        }

        return id == CC_HTML_A_SRC ? CC_HTML_U_URL : CC_HTML_U_NONE;

    case CC_HTML_KIND_FRAME:
    case CC_HTML_KIND_AUDIO:
    case CC_HTML_KIND_TRACK:
    case CC_HTML_KIND_EMBED:
    case CC_HTML_KIND_INPUT:
        return id == CC_HTML_A_SRC ? CC_HTML_U_URL : CC_HTML_U_NONE;

    case CC_HTML_KIND_OBJECT:
        return id == CC_HTML_A_DATA ? CC_HTML_U_URL : CC_HTML_U_NONE;

    case CC_HTML_KIND_LINK:
        if (id == CC_HTML_A_IMAGESRCSET) {
            return CC_HTML_U_SRCSET;
        }

        return id == CC_HTML_A_HREF ? CC_HTML_U_URL : CC_HTML_U_NONE;

    case CC_HTML_KIND_BASE:
        return id == CC_HTML_A_HREF ? CC_HTML_U_URL : CC_HTML_U_NONE;

    case CC_HTML_KIND_META:
        return id == CC_HTML_A_CONTENT ? CC_HTML_U_REFRESH : CC_HTML_U_NONE;
    }

    return CC_HTML_U_NONE;
}


/*
 * 1 when bytes may hold a URL on another host: the ':' of "http:" or
 * "https:" (after an 'p' or an 's', or a tab or newline the browser
 * drops), a '&' (a character reference may spell anything), a '\' or a
 * '/' followed by '/', a tab or a newline.  Without one, every URL there
 * is relative: on the document's host, unless a <base> moved it.
 */
static int
cc_html_urlish(const unsigned char *b, size_t n)
{
    unsigned char         c;
    const unsigned char  *q, *end;

    if (n == 0) {
        return 0;
    }

    /* the scheme first: most URLs found have one, and end the search */

    end = b + n;

    for (q = b + 1; q < end && (q = memchr(q, ':', end - q)); q++) {
        c = q[-1] | 0x20;

        if (c == 'p' || c == 's' || q[-1] == '\t' || q[-1] == '\n'
            || q[-1] == '\r')
        {
            return 1;
        }
    }

    if (memchr(b, '&', n) != NULL || memchr(b, '\\', n) != NULL) {
        return 1;
    }

    return cc_html_slash_pair(b, n);
}


/*
 * 1 when a '/' is followed by a '/', a tab or a newline: 16 pairs a step
 * where there are vectors (SSE2 on x86-64, NEON on arm64), as relative
 * URLs, srcset lists above all, have a '/' every few bytes and a call of
 * memchr() per '/' cost more than the scan
 */
static int
cc_html_slash_pair(const unsigned char *b, size_t n)
{
    size_t                i;
    const unsigned char  *q, *end;
#if (defined __SSE2__)
    __m128i               x, y, m;
#elif (defined __aarch64__ && defined __ARM_NEON)
    uint8x16_t            x, y, m;
#endif

    i = 0;

#if (defined __SSE2__)

    for ( /* void */ ; i + 17 <= n; i += 16) {
        x = _mm_loadu_si128((const __m128i *) (b + i));
        y = _mm_loadu_si128((const __m128i *) (b + i + 1));

        m = _mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(y, _mm_set1_epi8('/')),
                             _mm_cmpeq_epi8(y, _mm_set1_epi8('\t'))),
                _mm_or_si128(_mm_cmpeq_epi8(y, _mm_set1_epi8('\n')),
                             _mm_cmpeq_epi8(y, _mm_set1_epi8('\r'))));
        m = _mm_and_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8('/')));

        if (_mm_movemask_epi8(m)) {
            return 1;
        }
    }

#elif (defined __aarch64__ && defined __ARM_NEON)

    for ( /* void */ ; i + 17 <= n; i += 16) {
        x = vld1q_u8(b + i);
        y = vld1q_u8(b + i + 1);

        m = vorrq_u8(vorrq_u8(vceqq_u8(y, vdupq_n_u8('/')),
                              vceqq_u8(y, vdupq_n_u8('\t'))),
                     vorrq_u8(vceqq_u8(y, vdupq_n_u8('\n')),
                              vceqq_u8(y, vdupq_n_u8('\r'))));
        m = vandq_u8(m, vceqq_u8(x, vdupq_n_u8('/')));

        if (vmaxvq_u8(m)) {
            return 1;
        }
    }

#endif

    if (n < 2) {
        return 0;
    }

    end = b + n - 1;

    for (q = b + i; q < end && (q = memchr(q, '/', end - q)); q++) {
        if (q[1] == '/' || q[1] == '\t' || q[1] == '\n' || q[1] == '\r') {
            return 1;
        }
    }

    return 0;
}


/*
 * The categories of one URL as the browser resolves it (every reading,
 * cc_url_resolve()): 1 when one is not granted (*found set, the search
 * stops), else 0 (*found: the first granted one)
 */
static int
cc_html_url(cc_html_t *h, const cc_url_t *base, const unsigned char *u,
    size_t n, int *found)
{
    int                    k, nr, cls[2];
    size_t                 len;
    uint32_t               hash;
    cc_url_t               url[2];
    unsigned char          ser[CC_URL_SERIAL_MAX];
    cc_html_memo_t        *m;
    const cc_html_conf_t  *cf;

    cf = h->conf;
    m = NULL;
    hash = 0;

    /*
     * as written and with no <base>, a URL reads the same for the same
     * matcher: its classes are remembered (a slot per hash, the last URL
     * wins; emptied at every configuration load, cc_html_memo_reset())
     */

    if (base == NULL && n <= CC_HTML_MEMO_URL) {
        hash = cc_util_hash(u, n);
        m = &cc_html_memo[hash % CC_HTML_MEMO_SLOTS];

        if (m->match == cf->match_url && m->data == cf->data
            && m->hash == hash && m->len == n && memcmp(m->url, u, n) == 0)
        {
            for (k = 0; k < (int) m->nr; k++) {
                if (cc_html_pick(cf, m->cls[k], found)) {
                    return 1;
                }
            }

            return 0;
        }
    }

    nr = cc_url_resolve(u, n, base, url);

    for (k = 0; k < nr && k < 2; k++) {
        len = cc_url_serialize(&url[k], ser);
        cls[k] = cf->match_url(cf->data, ser, len);
    }

    if (m != NULL) {
        m->match = cf->match_url;
        m->data = cf->data;
        m->hash = hash;
        m->len = (unsigned) n;
        m->nr = (unsigned) k;
        m->cls[0] = (k > 0) ? cls[0] : -1;
        m->cls[1] = (k > 1) ? cls[1] : -1;
        memcpy(m->url, u, n);
    }

    for (nr = k, k = 0; k < nr; k++) {
        if (cc_html_pick(cf, cls[k], found)) {
            return 1;
        }
    }

    return 0;
}


/*
 * The URLs of CSS text (a decoded style attribute, a <style> element's
 * content), as cc_html_url() reads them: 1 and *found set at the first
 * one not granted, else 0.  With inert 1 (the text is the caller's
 * input) or -1 (it is held), the text is emitted whole instead, with
 * CC_HTML_CSS_INERT before each URL not granted (*found: the last one);
 * -1 when emit failed.
 */
static int
cc_html_css(cc_html_t *h, const unsigned char *p, size_t n, int *found,
    int inert, cc_html_emit_pt emit, void *ctx)
{
    int                   cat;
    size_t                len, run, raw;
    unsigned char         u[CC_HTML_CSS_URL_MAX];
    const cc_url_t       *base;
    const unsigned char  *pos, *start;

    base = h->base_set ? &h->base : NULL;
    run = 0;

    if (base != NULL || cc_html_urlish(p, n)) {
        pos = p;

        while (cc_css_next_url(&pos, p + n, u, sizeof(u), &len, &start,
                               &raw))
        {
            cat = -1;

            /* as the CSS tokenizer reads it, and as written */

            if (!cc_html_url(h, base, u, len, &cat)
                && !(raw != len || memcmp(u, start, raw) != 0
                     ? cc_html_url(h, base, start, raw, &cat) : 0))
            {
                continue;
            }

            *found = cat;

            if (!inert) {
                return 1;
            }

            if (emit(ctx, p + run, start - p - run, inert > 0) != 0
                || emit(ctx, (const unsigned char *) CC_HTML_CSS_INERT,
                        sizeof(CC_HTML_CSS_INERT) - 1, 0)
                   != 0)
            {
                return -1;
            }

            run = start - p;
        }
    }

    if (inert && n > run && emit(ctx, p + run, n - run, inert > 0) != 0) {
        return -1;
    }

    return run > 0;
}


/* a nested document's emit: nothing */
static int
cc_html_discard(void *ctx, const unsigned char *p, size_t len,
    int from_input)
{
    (void) ctx;
    (void) p;
    (void) len;
    (void) from_input;

    return 0;
}


/* a nested document's neutralised elements: the first category counts */
static void
cc_html_nested(void *data, int category)
{
    int  *found;

    found = data;

    if (*found < 0) {
        *found = category;
    }
}


/*
 * An <iframe srcdoc> (decoded): read as the document it is, with the
 * rules and the base URL of this one (about:srcdoc takes its parent's);
 * a tracker when anything in it would be made inert.  Deeper than
 * CC_HTML_DEPTH_MAX, the first category not granted (fail closed).
 */
static int
cc_html_srcdoc(cc_html_t *h, const unsigned char *v, size_t n, int *found)
{
    int                    cat;
    unsigned               i;
    cc_html_t              sub;
    cc_html_conf_t         conf;
    const cc_html_conf_t  *cf;

    cf = h->conf;
    cat = -1;

    if (h->depth >= CC_HTML_DEPTH_MAX - 1) {
        for (i = 0; i < cf->ncategories && i < 32; i++) {
            if (!(cf->granted & ((uint32_t) 1 << i))) {
                *found = (int) i;
                return 1;
            }
        }

        return 0;
    }

    conf = *cf;
    conf.banner = NULL;
    conf.banner_len = 0;
    conf.insert = NULL;
    conf.gcm = NULL;
    conf.gcm_len = 0;
    conf.neutralised = cc_html_nested;
    conf.neutralised_data = &cat;

    cc_html_init(&sub, &conf);
    sub.depth = h->depth + 1;

    if (h->base_set) {
        sub.base = h->base;
        sub.base_set = 1;
    }

    (void) cc_html_feed(&sub, v, n, 1, cc_html_discard, NULL);

    if (cat < 0) {
        return 0;
    }

    *found = cat;

    return 1;
}


/* an attribute value with URLs: decoded, then each URL it holds */
static int
cc_html_url_value(cc_html_t *h, int what, const cc_url_t *base,
    const unsigned char *v, size_t n, int *found)
{
    size_t                len;
    unsigned char         dec[CC_URL_INPUT_MAX];
    const unsigned char  *p, *pos, *end, *u;

    /*
     * no base, nothing that may leave the document's host: no parse; a
     * document may have inline scripts, which name no URL
     */

    if (base == NULL && what != CC_HTML_U_SRCDOC && !cc_html_urlish(v, n)) {
        return 0;
    }

    if (memchr(v, '&', n) != NULL) {
        n = cc_url_decode_attr(v, n, dec, sizeof(dec));
        v = dec;
    }

    switch (what) {

    case CC_HTML_U_CSS:
        return cc_html_css(h, v, n, found, 0, NULL, NULL);

    case CC_HTML_U_SRCDOC:
        return cc_html_srcdoc(h, v, n, found);

    case CC_HTML_U_SRCSET:
        pos = v;
        end = v + n;

        while (cc_url_srcset_next(&pos, end, &u, &len)) {
            if (cc_html_url(h, base, u, len, found)) {
                return 1;
            }
        }

        return 0;

    case CC_HTML_U_REFRESH:
        if (cc_url_refresh(v, n, &p, &len) != 0) {
            return 0;
        }

        return cc_html_url(h, base, p, len, found);

    default:
        return cc_html_url(h, base, v, n, found);
    }
}


/* the first <base href>: what later relative URLs resolve against */
static void
cc_html_base(cc_html_t *h, const unsigned char *v, size_t n)
{
    unsigned char  dec[CC_URL_INPUT_MAX];

    h->base_seen = 1;

    if (memchr(v, '&', n) != NULL) {
        n = cc_url_decode_attr(v, n, dec, sizeof(dec));
        v = dec;
    }

    if (cc_url_parse(v, n, NULL, &h->base) == CC_URL_OK
        && h->base.host_len)
    {
        h->base_set = 1;
    }
}


/* "refresh" anywhere in a tag, in any case */
static int
cc_html_has_refresh(const unsigned char *b, size_t n)
{
    const unsigned char  *q, *end;

    /* "refresh" around each 'f' (its third letter) */

    end = b + n;

    for (q = b + 2; q + 4 < end && (q = memchr(q, 'f', end - 4 - q)); q++)
    {
        if (cc_html_eq(q - 2, 7, "refresh")) {
            return 1;
        }
    }

    for (q = b + 2; q + 4 < end && (q = memchr(q, 'F', end - 4 - q)); q++)
    {
        if (cc_html_eq(q - 2, 7, "refresh")) {
            return 1;
        }
    }

    return 0;
}


/*
 * The pieces of an edited tag, gathered and emitted in one call: they are
 * never input runs (the emitter copies them), and one call costs what
 * copying a few dozen bytes does
 */

#define CC_HTML_GATHER  512

typedef struct {
    cc_html_emit_pt        emit;
    void                  *ctx;
    size_t                 len;
    unsigned char          buf[CC_HTML_GATHER];
} cc_html_gather_t;


static int
cc_html_gather(cc_html_gather_t *g, const unsigned char *p, size_t n)
{
    if (n > CC_HTML_GATHER - g->len) {
        if (g->len && g->emit(g->ctx, g->buf, g->len, 0) != 0) {
            return -1;
        }

        g->len = 0;

        if (n > CC_HTML_GATHER) {
            return g->emit(g->ctx, p, n, 0);
        }
    }

    memcpy(g->buf + g->len, p, n);
    g->len += n;

    return 0;
}


static int
cc_html_gathered(cc_html_gather_t *g)
{
    return g->len ? g->emit(g->ctx, g->buf, g->len, 0) : 0;
}


/*
 * 1: the edited tag was emitted; 0: unchanged; 2: an inline script whose
 * content decides (inline_cat CC_HTML_LOOK_PENDING); -1: emit failed.
 * inline_cat: the category of an inline script's content, -1 for none.
 *
 * An element is a tracker when one of the URLs it fetches from (its
 * URL attributes, cc_html_url_attr(), each read as the browser resolves
 * it) is, or when the page marks it with data-category; then every URL
 * attribute gets "data-" before its name (and a script's type too), and
 * data-category is added.
 */
static int
cc_html_rewrite(cc_html_t *h, int kind, int inline_cat,
    const unsigned char *pre, size_t pre_len, cc_html_emit_pt emit,
    void *ctx)
{
    int                    na, k, cat, dcat, dsvc, type, rel, equiv, href;
    int                    nurl, use_dcat, svc;
    size_t                 name_end, pos;
    uint32_t               seen;
    const char            *cname;
    unsigned char          id[CC_HTML_MAX_ATTRS], ut[CC_HTML_MAX_ATTRS];
    const unsigned char   *b;
    const cc_url_t        *base;
    const cc_html_conf_t  *cf;
    cc_html_attr_t         a[CC_HTML_MAX_ATTRS];
    cc_html_gather_t       g;

    static const unsigned char  type_plain[] = " type=\"text/plain\"";
    static const unsigned char  dcat_open[] = " data-category=\"";
    static const unsigned char  dsvc_open[] = "\" data-service=\"";

    if (kind == CC_HTML_KIND_NONE || kind == CC_HTML_KIND_HEAD) {
        return 0;
    }

    cf = h->conf;
    b = h->hold;

    /*
     * everything granted: nothing is ever made inert, so no attribute,
     * inline script or style needs reading; only <html lang> (the
     * language of what is inserted)
     */

    if (h->all_granted) {
        if (kind == CC_HTML_KIND_HTML) {
            na = cc_html_attrs(b, h->hold_len, a, &name_end);

            if (na >= 0) {
                cc_html_root(h, a, na);
            }
        }

        return 0;
    }

    /*
     * an element with no URL that may leave the document's host and no
     * data-category: the usual first-party <img>, not worth parsing
     */

    switch (kind) {

    case CC_HTML_KIND_SCRIPT:
    case CC_HTML_KIND_HTML:
    case CC_HTML_KIND_BASE:
    case CC_HTML_KIND_STYLE:
    case CC_HTML_KIND_IFRAME:               /* srcdoc: a whole document */
        break;

    case CC_HTML_KIND_META:
        if (!cc_html_has_refresh(b, h->hold_len)) {
            return 0;
        }

        break;

    default:
        if (!h->base_set && !h->dcat && !cc_html_urlish(b, h->hold_len)) {
            return 0;
        }
    }

    na = cc_html_attrs(b, h->hold_len, a, &name_end);
    if (na < 0) {
        return 0;
    }

    if (kind == CC_HTML_KIND_HTML) {
        cc_html_root(h, a, na);       /* then its style, as any element's */
    }

    dcat = dsvc = type = rel = equiv = href = -1;
    nurl = 0;

    for (k = na - 1; k >= 0; k--) {          /* the first one wins */
        id[k] = cc_html_attr_id(b + a[k].name, a[k].name_len);
        ut[k] = cc_html_url_attr(kind, id[k]);
        nurl += (ut[k] != CC_HTML_U_NONE);

        switch (id[k]) {
        case CC_HTML_A_DCAT:
            dcat = k;
            break;
        case CC_HTML_A_DSVC:
            dsvc = k;
            break;
        case CC_HTML_A_TYPE:
            type = k;
            break;
        case CC_HTML_A_REL:
            rel = k;
            break;
        case CC_HTML_A_HTTP_EQUIV:
            equiv = k;
            break;
        case CC_HTML_A_HREF:
            href = k;
            break;
        }
    }

    base = h->base_set ? &h->base : NULL;
    use_dcat = (dcat >= 0);

    switch (kind) {

    case CC_HTML_KIND_SCRIPT:
        if (type >= 0 && !cc_html_js_type(b + a[type].value,
                                          a[type].value_len))
        {
            return 0;
        }

        if (nurl == 0 && dcat < 0) {
            /* inline: decided by its content */

            if (inline_cat == CC_HTML_LOOK_PENDING) {
                return 2;
            }
        }

        break;

    case CC_HTML_KIND_LINK:
        if (rel < 0 || !cc_html_hint_rel(b + a[rel].value, a[rel].value_len))
        {
            return 0;
        }

        use_dcat = 0;                        /* by URL only */
        break;

    case CC_HTML_KIND_BASE:
        /* the base's own URL resolves against the document */

        if (href >= 0 && !h->base_seen) {
            cc_html_base(h, b + a[href].value, a[href].value_len);
        }

        base = NULL;
        use_dcat = 0;
        break;

    case CC_HTML_KIND_META:
        if (equiv < 0 || !cc_html_eq(b + a[equiv].value, a[equiv].value_len,
                                     "refresh"))
        {
            return 0;
        }

        use_dcat = 0;
        break;

    case CC_HTML_KIND_INPUT:
        if (type < 0 || !cc_html_eq(b + a[type].value, a[type].value_len,
                                    "image"))
        {
            /* no image: only its style fetches */

            for (k = 0; k < na; k++) {
                if (ut[k] != CC_HTML_U_NONE && ut[k] != CC_HTML_U_CSS) {
                    ut[k] = CC_HTML_U_NONE;
                    nurl--;
                }
            }
        }

        break;

    case CC_HTML_KIND_STYLE:
        if (type >= 0 && a[type].value_len
            && !cc_html_eq(b + a[type].value, a[type].value_len, "text/css"))
        {
            return 0;                        /* never applied */
        }

        /* decided by its content: cc_html_look_style() */

        return (inline_cat == CC_HTML_LOOK_PENDING) ? 2 : 0;

    case CC_HTML_KIND_HTML:
    case CC_HTML_KIND_BODY:
    case CC_HTML_KIND_TABLE:
    case CC_HTML_KIND_OTHER:
        use_dcat = 0;                        /* by URL only */
        break;
    }

    cat = -1;

    if (kind == CC_HTML_KIND_SCRIPT && nurl == 0 && dcat < 0) {
        cat = inline_cat;

    } else if (use_dcat && (nurl || kind == CC_HTML_KIND_SCRIPT)) {
        cat = cc_html_category(cf, b + a[dcat].value, a[dcat].value_len);

        /* the page's data-service too (cookieconsent v3) */

        svc = (cat >= 0 && dsvc >= 0)
              ? cc_html_service(cf, b + a[dsvc].value, a[dsvc].value_len)
              : -1;

        if (svc >= 0) {
            cat = CC_CLASS(cat, svc);
        }

    } else if (nurl == 0) {
        return 0;                            /* nothing it fetches */

    } else if (cf->match_url != NULL) {
        seen = 0;

        /* the first of each attribute counts, as in the DOM */

        for (k = 0; k < na; k++) {
            if (ut[k] == CC_HTML_U_NONE || (seen & ((uint32_t) 1 << id[k])))
            {
                continue;
            }

            seen |= (uint32_t) 1 << id[k];

            if (cc_html_url_value(h, ut[k], base, b + a[k].value,
                                  a[k].value_len, &cat))
            {
                break;
            }
        }
    }

    if (cc_html_granted(cf, cat) != 0) {
        return 0;
    }

    cname = cf->categories[CC_CLASS_CAT(cat)];
    svc = CC_CLASS_SVC(cat);

    if (cf->neutralised != NULL) {
        cf->neutralised(cf->neutralised_data, cat);
    }

    if (pre_len && emit(ctx, pre, pre_len, 1) != 0) {
        return -1;
    }

    if (kind == CC_HTML_KIND_IFRAME
        && cc_html_insert(h, CC_HTML_INSERT_PLACEHOLDER, cat, emit, ctx)
           != 0)
    {
        return -1;
    }

    g.emit = emit;
    g.ctx = ctx;
    g.len = 0;

    if (cc_html_gather(&g, b, name_end) != 0) {
        return -1;
    }

    if (kind == CC_HTML_KIND_SCRIPT
        && cc_html_gather(&g, type_plain, sizeof(type_plain) - 1) != 0)
    {
        return -1;
    }

    if (dcat < 0
        && (cc_html_gather(&g, dcat_open, sizeof(dcat_open) - 1) != 0
            || cc_html_gather(&g, (const unsigned char *) cname,
                              strlen(cname))
               != 0))
    {
        return -1;
    }

    /* the service of a tracker URL: the script brings it back for it */

    if (dcat < 0 && svc >= 0 && (unsigned) svc < cf->nservices
        && (cc_html_gather(&g, dsvc_open, sizeof(dsvc_open) - 1) != 0
            || cc_html_gather(&g, (const unsigned char *) cf->services[svc],
                              strlen(cf->services[svc]))
               != 0))
    {
        return -1;
    }

    if (dcat < 0 && cc_html_gather(&g, (const unsigned char *) "\"", 1) != 0)
    {
        return -1;
    }

    /*
     * "data-" before every URL attribute and, for scripts, type; a style
     * attribute only when it fetches from a tracker itself (it may well
     * hide the element)
     */

    pos = name_end;

    for (k = 0; k < na; k++) {
        if (ut[k] == CC_HTML_U_NONE
            && !(kind == CC_HTML_KIND_SCRIPT && id[k] == CC_HTML_A_TYPE))
        {
            continue;
        }

        if (ut[k] == CC_HTML_U_CSS) {
            cat = -1;

            if (!cc_html_url_value(h, ut[k], base, b + a[k].value,
                                   a[k].value_len, &cat))
            {
                continue;
            }
        }

        if (cc_html_gather(&g, b + pos, a[k].name - pos) != 0
            || cc_html_gather(&g, (const unsigned char *) "data-", 5) != 0)
        {
            return -1;
        }

        pos = a[k].name;
    }

    if (cc_html_gather(&g, b + pos, h->hold_len - pos) != 0
        || cc_html_gathered(&g) != 0)
    {
        return -1;
    }

    return 1;
}
