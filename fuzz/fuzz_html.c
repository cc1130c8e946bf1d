/*
 * libFuzzer target: the streaming HTML rewriter (src/cc_html.c),
 * differential.
 *
 *   make build/fuzz/fuzz_html
 *   build/fuzz/fuzz_html -max_total_time=60 fuzz/corpus/fuzz_html
 *
 * Input: four selector bytes, then the document.
 *
 *   byte 0  the chunking: bits 0-1 mode (0: 1-byte chunks, 1: chunks of
 *           (bits 2-7) + 1 bytes, 2: pseudo-random sizes 1..64, 3:
 *           pseudo-random sizes 1..32767, across CC_HTML_HOLD); the
 *           pseudo-random sizes are seeded by the whole byte
 *   byte 1  the granted mask over the five categories (bits 0-4)
 *   byte 2  bit 0 banner on; bit 1 empty chunks between the others;
 *           bit 2 the last chunk is an extra empty one; bits 3-7: the
 *           emit call that fails in a third run (0: none)
 *   byte 3  bit 0 a Consent Mode default (conf.gcm); bit 1 the insert
 *           callback (banner and embed placeholders) instead of
 *           conf.banner; bits 2-3: the insert call that fails (0: none);
 *           bit 4 the banner at the end (conf.at_end, a decided
 *           visitor's control)
 *
 * Checks, besides the sanitizers:
 *  - every from_input run points into the chunk of the current
 *    cc_html_feed() call (each chunk is a separate allocation of its
 *    exact size, freed after its feed, so reads past it are caught);
 *  - the document fed as one buffer and fed in the chosen chunks gives
 *    identical output (and the same <html lang>);
 *  - with every category granted, no banner and no Consent Mode default
 *    the output is the input;
 *  - otherwise the output is the input plus documented insertions only:
 *    ' type="text/plain"', ' data-category="NAME"' for a NAME that is not
 *    granted, "data-" before an attribute named src, href, type, srcset,
 *    data, poster, xlink:href, imagesrcset, content, background, style
 *    or srcdoc, "about:invalid#" (before a URL in a <style>); the banner (a
 *    marker string) exactly once, right after the '>' of a tag when a
 *    "<body" came before it, or at the very end (only there with
 *    conf.at_end); the Consent Mode default (another marker) at most
 *    once, after a '>' with a "<head" before it, or right before
 *    "<script" or "<body"; a
 *    placeholder (a marker naming a category that is not granted) right
 *    before "<iframe".  The input runs passed on (from_input) are
 *    anchors: they give the input offset exactly, so the alignment
 *    between them stays local (one tag and what an inline script's
 *    look-ahead holds) and an input run emitted twice, or out of order,
 *    fails;
 *  - the insert callback is asked for the banner with category -1 and
 *    for placeholders of categories that are not granted only;
 *  - when emit or insert fails, the feed returns -1 and neither is
 *    called again.
 *
 * The insertions are a table (fuzz_tokens_init()): a new edit of the
 * same convention is one more entry there.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cc_html.h"


#define FUZZ_BANNER      "\x01" "cc-fuzz-banner" "\x02"
#define FUZZ_GCM         "\x05" "cc-fuzz-gcm" "\x06"
#define FUZZ_PH_OPEN     "\x03" "cc-fuzz-ph-"
#define FUZZ_PH_CLOSE    "\x04"
#define FUZZ_NCATS       5
#define FUZZ_ALL         ((1u << FUZZ_NCATS) - 1)
#define FUZZ_MAX_STATES  (1u << 20)


static const char *const  fuzz_cats[FUZZ_NCATS] = {
    "necessary", "preferences", "analytics", "marketing", "social"
};


typedef struct {
    const char  *needle;
    int          category;
} fuzz_url_rule_t;


/* the first needle found in the URL decides (case-sensitive) */
static const fuzz_url_rule_t  fuzz_url_rules[] = {
    { "tracker", 1 },
    { "googletagmanager", 2 },
    { "google-analytics", 2 },
    { "gtag", 2 },
    { "clarity", 2 },
    { "hotjar", 2 },
    { "facebook", 3 },
    { "doubleclick", 3 },
    { "tiktok", 3 },
    { "licdn", 3 },
    { "youtube", 3 },
    { "vimeo", 3 },
    { "social", 4 },
    { "necessary", 0 },
    { "bogus", 99 },                       /* out of range: ignored */
    { "minus", -7 },
    { NULL, 0 }
};


static int
fuzz_match_url(void *data, const unsigned char *url, size_t len)
{
    size_t                  i, n;
    const fuzz_url_rule_t  *r;

    (void) data;

    for (r = fuzz_url_rules; r->needle != NULL; r++) {
        n = strlen(r->needle);

        for (i = 0; i + n <= len; i++) {
            if (url[i] == (unsigned char) r->needle[0]
                && memcmp(url + i, r->needle, n) == 0)
            {
                return r->category;
            }
        }
    }

    return -1;
}


/* what was emitted */

typedef struct {
    size_t                 out;           /* offset in the output */
    size_t                 in;            /* offset in the document */
    size_t                 len;
} fuzz_anchor_t;


typedef struct {
    unsigned char         *buf;
    size_t                 len;
    size_t                 cap;

    fuzz_anchor_t         *anchors;
    size_t                 nanchors;
    size_t                 acap;

    const unsigned char   *chunk;         /* of the feed under way */
    size_t                 chunk_len;
    size_t                 chunk_off;

    uint32_t               granted;
    unsigned               calls;
    unsigned               fail_at;       /* emit call that fails, 0 */
    unsigned               inserts;
    unsigned               insert_fail_at;
    unsigned               banner:1;      /* the insert callback gives it */
    unsigned               failed:1;

    unsigned char          ph[64];        /* a placeholder */
} fuzz_out_t;


static void *
fuzz_grow(void *p, size_t *cap, size_t need, size_t size)
{
    size_t  c;

    if (need <= *cap) {
        return p;
    }

    c = *cap ? *cap : 64;

    while (c < need) {
        c *= 2;
    }

    p = realloc(p, c * size);
    if (p == NULL) {
        abort();
    }

    *cap = c;

    return p;
}


static int
fuzz_emit(void *ctx, const unsigned char *p, size_t len, int from_input)
{
    fuzz_out_t     *o = ctx;
    fuzz_anchor_t  *a;

    if (o->failed) {
        abort();                           /* called again after -1 */
    }

    if (len && p == NULL) {
        abort();
    }

    if (from_input) {
        if (p < o->chunk || len > o->chunk_len
            || (size_t) (p - o->chunk) > o->chunk_len - len)
        {
            abort();                       /* not in the current chunk */
        }

        if (len) {
            a = o->nanchors ? &o->anchors[o->nanchors - 1] : NULL;

            if (a != NULL && a->out + a->len == o->len
                && a->in + a->len == o->chunk_off + (size_t) (p - o->chunk))
            {
                a->len += len;

            } else {
                o->anchors = fuzz_grow(o->anchors, &o->acap,
                                       o->nanchors + 1,
                                       sizeof(fuzz_anchor_t));
                a = &o->anchors[o->nanchors++];
                a->out = o->len;
                a->in = o->chunk_off + (size_t) (p - o->chunk);
                a->len = len;
            }
        }
    }

    if (len) {
        o->buf = fuzz_grow(o->buf, &o->cap, o->len + len, 1);
        memcpy(o->buf + o->len, p, len);
        o->len += len;
    }

    if (o->fail_at && ++o->calls == o->fail_at) {
        o->failed = 1;
        return -1;
    }

    return 0;
}


static size_t
fuzz_cat3(unsigned char *dst, const char *a, const char *b, const char *c)
{
    size_t  n;

    n = 0;

    for ( /* void */ ; a != NULL && *a; a++) {
        dst[n++] = (unsigned char) *a;
    }

    for ( /* void */ ; b != NULL && *b; b++) {
        dst[n++] = (unsigned char) *b;
    }

    for ( /* void */ ; c != NULL && *c; c++) {
        dst[n++] = (unsigned char) *c;
    }

    return n;
}


static int
fuzz_insert(void *data, int what, int category, const unsigned char **p,
    size_t *len)
{
    fuzz_out_t  *o = data;

    if (o->failed) {
        abort();                           /* called again after -1 */
    }

    if (o->insert_fail_at && ++o->inserts == o->insert_fail_at) {
        o->failed = 1;
        return -1;
    }

    if (what == CC_HTML_INSERT_BANNER) {
        if (category != -1) {
            abort();
        }

        if (o->banner) {
            *p = (const unsigned char *) FUZZ_BANNER;
            *len = sizeof(FUZZ_BANNER) - 1;
        }

        return 0;
    }

    if (what != CC_HTML_INSERT_PLACEHOLDER || category < 0
        || category >= FUZZ_NCATS || (o->granted & (1u << category)))
    {
        abort();                /* a placeholder for a granted category */
    }

    *p = o->ph;
    *len = fuzz_cat3(o->ph, FUZZ_PH_OPEN, fuzz_cats[category],
                     FUZZ_PH_CLOSE);

    return 0;
}


static void
fuzz_out_free(fuzz_out_t *o)
{
    free(o->buf);
    free(o->anchors);
}


/* chunk sizes; 0 is an empty chunk */

typedef struct {
    size_t  *len;
    size_t   n;
    size_t   cap;
} fuzz_plan_t;


static uint32_t
fuzz_rand(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;

    return *s;
}


static void
fuzz_plan_add(fuzz_plan_t *pl, size_t len)
{
    pl->len = fuzz_grow(pl->len, &pl->cap, pl->n + 1, sizeof(size_t));
    pl->len[pl->n++] = len;
}


static void
fuzz_plan(fuzz_plan_t *pl, size_t size, unsigned sel, unsigned flags)
{
    size_t    k, done;
    uint32_t  seed;

    seed = 0x9e3779b9u ^ (sel * 0x01000193u);
    done = 0;

    while (done < size) {
        switch (sel & 3) {
        case 0:
            k = 1;
            break;
        case 1:
            k = (sel >> 2) + 1;
            break;
        case 2:
            k = fuzz_rand(&seed) % 64 + 1;
            break;
        default:
            k = (size_t) 1 << (fuzz_rand(&seed) % 15);
            k += fuzz_rand(&seed) % k;
            break;
        }

        if (k > size - done) {
            k = size - done;
        }

        if ((flags & 2) && fuzz_rand(&seed) % 4 == 0) {
            fuzz_plan_add(pl, 0);
        }

        fuzz_plan_add(pl, k);
        done += k;
    }

    if ((flags & 4) || pl->n == 0) {
        fuzz_plan_add(pl, 0);
    }
}


/*
 * Feeds doc in the planned chunks, each copied into its own allocation.
 * Returns 0, or -1 when a feed failed (after which nothing is fed).
 */
static int
fuzz_run(cc_html_t *h, const cc_html_conf_t *conf, const uint8_t *doc,
    const fuzz_plan_t *pl, fuzz_out_t *o)
{
    int              rc;
    size_t           i, off;
    unsigned char   *chunk;
    cc_html_conf_t   c;

    c = *conf;

    if (c.insert != NULL) {
        c.insert_data = o;
    }

    o->granted = c.granted;

    cc_html_init(h, &c);
    off = 0;

    for (i = 0; i < pl->n; i++) {
        chunk = malloc(pl->len[i] ? pl->len[i] : 1);
        if (chunk == NULL) {
            abort();
        }

        if (pl->len[i]) {
            memcpy(chunk, doc + off, pl->len[i]);
        }

        o->chunk = chunk;
        o->chunk_len = pl->len[i];
        o->chunk_off = off;

        rc = cc_html_feed(h, chunk, pl->len[i], i == pl->n - 1, fuzz_emit,
                          o);

        o->chunk = NULL;
        o->chunk_len = 0;
        free(chunk);

        if (rc != 0 && rc != -1) {
            abort();
        }

        if ((rc == -1) != o->failed) {
            abort();              /* -1 exactly when emit or insert failed */
        }

        if (rc == -1) {
            return -1;
        }

        off += pl->len[i];
    }

    return 0;
}


/* the insertions the output may have */

#define FUZZ_TOK_PLAIN        0
#define FUZZ_TOK_CATEGORY     1
#define FUZZ_TOK_DATA         2
#define FUZZ_TOK_BANNER       3
#define FUZZ_TOK_GCM          4
#define FUZZ_TOK_PLACEHOLDER  5
#define FUZZ_TOK_INERT        6

typedef struct {
    unsigned char  s[64];
    size_t         len;
    int            kind;
} fuzz_token_t;


typedef struct {
    fuzz_token_t   t[2 * FUZZ_NCATS + 5];
    unsigned       n;
    int            at_end;               /* the banner: at the end only */
} fuzz_tokens_t;


static void
fuzz_token_add(fuzz_tokens_t *tk, int kind, const char *a, const char *b,
    const char *c)
{
    fuzz_token_t  *t;

    t = &tk->t[tk->n++];
    t->kind = kind;
    t->len = fuzz_cat3(t->s, a, b, c);
}


static void
fuzz_tokens_init(fuzz_tokens_t *tk, uint32_t granted, int banner, int gcm,
    int placeholders, int at_end)
{
    unsigned  i;

    tk->n = 0;
    tk->at_end = at_end;

    if ((granted & FUZZ_ALL) != FUZZ_ALL) {
        fuzz_token_add(tk, FUZZ_TOK_PLAIN, " type=\"text/plain\"", NULL,
                       NULL);
        fuzz_token_add(tk, FUZZ_TOK_DATA, "data-", NULL, NULL);
        fuzz_token_add(tk, FUZZ_TOK_INERT, "about:invalid#", NULL, NULL);

        for (i = 0; i < FUZZ_NCATS; i++) {
            if (granted & (1u << i)) {
                continue;
            }

            fuzz_token_add(tk, FUZZ_TOK_CATEGORY, " data-category=\"",
                           fuzz_cats[i], "\"");

            if (placeholders) {
                fuzz_token_add(tk, FUZZ_TOK_PLACEHOLDER, FUZZ_PH_OPEN,
                               fuzz_cats[i], FUZZ_PH_CLOSE);
            }
        }
    }

    if (banner) {
        fuzz_token_add(tk, FUZZ_TOK_BANNER, FUZZ_BANNER, NULL, NULL);
    }

    if (gcm) {
        fuzz_token_add(tk, FUZZ_TOK_GCM, FUZZ_GCM, NULL, NULL);
    }
}


static int
fuzz_attr_end(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
           || c == '/' || c == '=' || c == '>';
}


static int
fuzz_ieq(const unsigned char *p, const char *s, size_t n)
{
    size_t         i;
    unsigned char  c;

    for (i = 0; i < n; i++) {
        c = p[i];
        if (c >= 'A' && c <= 'Z') {
            c |= 0x20;
        }

        if (c != (unsigned char) s[i]) {
            return 0;
        }
    }

    return 1;
}


/* out[pos..) starts with the start tag "<name" */
static int
fuzz_tag_at(const unsigned char *out, size_t olen, size_t pos,
    const char *name)
{
    size_t  n;

    n = strlen(name);

    return pos + n + 1 < olen && out[pos] == '<'
           && fuzz_ieq(out + pos + 1, name, n)
           && fuzz_attr_end(out[pos + n + 1]);
}


/* out[0..pos) ends with '>' and has the start tag "<name" before */
static int
fuzz_after_tag(const unsigned char *out, size_t pos, const char *name)
{
    size_t  i;

    if (pos == 0 || out[pos - 1] != '>') {
        return 0;
    }

    for (i = 0; i < pos; i++) {
        if (fuzz_tag_at(out, pos, i, name)) {
            return 1;
        }
    }

    return 0;
}


/* "data-" goes only before an attribute a browser fetches from, or type */
static int
fuzz_data_ok(const unsigned char *o, size_t olen, size_t pos)
{
    static const char  *names[] = { "src", "href", "type", "srcset", "data",
                                    "poster", "xlink:href", "imagesrcset",
                                    "content", "background", "style",
                                    "srcdoc", NULL };
    size_t              i, n;

    for (i = 0; names[i] != NULL; i++) {
        n = strlen(names[i]);

        if (pos + n <= olen && fuzz_ieq(o + pos, names[i], n)
            && (pos + n == olen || fuzz_attr_end(o[pos + n])))
        {
            return 1;
        }
    }

    return 0;
}


typedef struct {
    unsigned       banners;
    unsigned       gcms;
} fuzz_count_t;


/* where an insertion found at out[pos..pos + t->len) may be */
static void
fuzz_token_check(const fuzz_tokens_t *tk, const fuzz_token_t *t,
    const unsigned char *out, size_t olen, size_t pos, fuzz_count_t *cnt)
{
    size_t  end;

    end = pos + t->len;

    switch (t->kind) {

    case FUZZ_TOK_BANNER:
        cnt->banners++;

        if (end != olen && (tk->at_end || !fuzz_after_tag(out, pos, "body")))
        {
            abort();              /* neither at the end nor after <body> */
        }

        break;

    case FUZZ_TOK_GCM:
        cnt->gcms++;

        if (!fuzz_after_tag(out, pos, "head")
            && !fuzz_tag_at(out, olen, end, "script")
            && !fuzz_tag_at(out, olen, end, "body"))
        {
            abort();     /* not after <head>, nor before <script>, <body> */
        }

        break;

    case FUZZ_TOK_PLACEHOLDER:
        if (!fuzz_tag_at(out, olen, end, "iframe")) {
            abort();                       /* not before an <iframe> */
        }

        break;

    default:
        break;
    }
}


/* a depth-first search for an alignment, with the states memoised */

typedef struct {
    uint32_t       i;
    uint32_t       o;
    int32_t        parent;
    int32_t        token;                /* that led here, or -1 */
} fuzz_state_t;


typedef struct {
    fuzz_state_t  *st;
    size_t         nst;
    size_t         cap;
    uint64_t      *seen;                 /* (i << 32 | o) + 1; 0: free */
    size_t         mask;
    size_t         nseen;
    int32_t       *stack;
    size_t         nstack;
    size_t         scap;
} fuzz_search_t;


static uint64_t *
fuzz_table(size_t n)
{
    uint64_t  *t;

    t = calloc(n, sizeof(uint64_t));
    if (t == NULL) {
        abort();
    }

    return t;
}


static int
fuzz_seen(fuzz_search_t *s, uint32_t i, uint32_t o)
{
    size_t     k, j, size;
    uint64_t   key, *old;

    key = ((uint64_t) i << 32 | o) + 1;

    if (2 * (s->nseen + 1) > s->mask + 1) {
        old = s->seen;
        size = s->mask + 1;
        s->mask = size * 2 - 1;
        s->seen = fuzz_table(size * 2);

        for (j = 0; j < size; j++) {
            if (old[j]) {
                k = (size_t) (old[j] * 0x9e3779b97f4a7c15ull) & s->mask;
                while (s->seen[k]) {
                    k = (k + 1) & s->mask;
                }
                s->seen[k] = old[j];
            }
        }

        free(old);
    }

    k = (size_t) (key * 0x9e3779b97f4a7c15ull) & s->mask;

    while (s->seen[k]) {
        if (s->seen[k] == key) {
            return 1;
        }

        k = (k + 1) & s->mask;
    }

    s->seen[k] = key;
    s->nseen++;

    return 0;
}


static void
fuzz_push(fuzz_search_t *s, uint32_t i, uint32_t o, int32_t parent,
    int32_t token)
{
    fuzz_state_t  *st;

    s->st = fuzz_grow(s->st, &s->cap, s->nst + 1, sizeof(fuzz_state_t));
    st = &s->st[s->nst];
    st->i = i;
    st->o = o;
    st->parent = parent;
    st->token = token;

    s->stack = fuzz_grow(s->stack, &s->scap, s->nstack + 1,
                         sizeof(int32_t));
    s->stack[s->nstack++] = (int32_t) s->nst++;
}


/*
 * Aligns doc[i0..i1) with out[o0..o1) using insertions; on success checks
 * and counts the insertions of the alignment found.  Returns 1 aligned,
 * 0 not, 2 undecided (too many states).
 */
static int
fuzz_align(fuzz_search_t *s, const fuzz_tokens_t *tk,
    const unsigned char *doc, size_t i0, size_t i1,
    const unsigned char *out, size_t olen, size_t o0, size_t o1,
    fuzz_count_t *cnt)
{
    size_t               k;
    int32_t              cur;
    uint32_t             i, o;
    const fuzz_token_t  *t;

    if (i0 == i1 && o0 == o1) {
        return 1;
    }

    if (i1 - i0 == o1 - o0 && memcmp(doc + i0, out + o0, i1 - i0) == 0) {
        return 1;
    }

    s->nst = 0;
    s->nstack = 0;
    s->nseen = 0;

    if (s->mask > 1023) {
        free(s->seen);
        s->mask = 1023;
        s->seen = fuzz_table(s->mask + 1);

    } else {
        memset(s->seen, 0, (s->mask + 1) * sizeof(uint64_t));
    }

    fuzz_push(s, (uint32_t) i0, (uint32_t) o0, -1, -1);

    while (s->nstack) {
        cur = s->stack[--s->nstack];
        i = s->st[cur].i;
        o = s->st[cur].o;

        if (fuzz_seen(s, i, o)) {
            continue;
        }

        if (s->nseen > FUZZ_MAX_STATES) {
            return 2;
        }

        if (i == i1 && o == o1) {

            /* the path found: its insertions */

            for ( /* void */ ; cur >= 0; cur = s->st[cur].parent) {
                if (s->st[cur].token >= 0) {
                    fuzz_token_check(tk, &tk->t[s->st[cur].token], out,
                                     olen, s->st[s->st[cur].parent].o, cnt);
                }
            }

            return 1;
        }

        for (k = 0; k < tk->n; k++) {
            t = &tk->t[k];

            if (o + t->len > o1 || memcmp(out + o, t->s, t->len) != 0) {
                continue;
            }

            if (t->kind == FUZZ_TOK_DATA
                && !fuzz_data_ok(out, olen, o + t->len))
            {
                continue;
            }

            fuzz_push(s, i, (uint32_t) (o + t->len), cur, (int32_t) k);
        }

        /* the input byte itself, tried first */

        if (i < i1 && o < o1 && doc[i] == out[o]) {
            fuzz_push(s, i + 1, o + 1, cur, -1);
        }
    }

    return 0;
}


static void
fuzz_check_edits(const uint8_t *doc, size_t size, const fuzz_out_t *o,
    const fuzz_tokens_t *tk, int banner, int gcm)
{
    int             rc, undecided;
    size_t          k, i, ob;
    fuzz_count_t    cnt;
    fuzz_search_t   s;
    fuzz_anchor_t  *a;

    memset(&s, 0, sizeof(s));
    s.mask = 1023;
    s.seen = fuzz_table(s.mask + 1);

    memset(&cnt, 0, sizeof(cnt));
    undecided = 0;
    i = 0;
    ob = 0;

    for (k = 0; k <= o->nanchors; k++) {
        a = (k < o->nanchors) ? &o->anchors[k] : NULL;

        if (a != NULL && (a->in < i || a->out < ob)) {
            abort();                       /* input runs out of order */
        }

        rc = fuzz_align(&s, tk, doc, i, a ? a->in : size, o->buf, o->len,
                        ob, a ? a->out : o->len, &cnt);

        if (rc == 0) {
            abort();                       /* an edit not documented */
        }

        if (rc == 2) {
            undecided = 1;
        }

        if (a != NULL) {
            i = a->in + a->len;
            ob = a->out + a->len;
        }
    }

    /* counted when the document cannot fake one */

    if (!undecided && memchr(doc, '\x01', size) == NULL
        && cnt.banners != (banner ? 1 : 0))
    {
        abort();
    }

    if (!undecided && memchr(doc, '\x05', size) == NULL
        && cnt.gcms > (gcm ? 1 : 0))
    {
        abort();
    }

    free(s.st);
    free(s.seen);
    free(s.stack);
}


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int                   banner, gcm, cb;
    size_t                l1, l2;
    unsigned              sel, flags, more;
    uint32_t              granted;
    cc_html_t            *h, *h2;
    fuzz_out_t            one, chunked, all, fail;
    fuzz_plan_t           whole, plan;
    fuzz_tokens_t         tk;
    cc_html_conf_t        conf, conf_all;
    const unsigned char  *lang1, *lang2;

    if (size < 4) {
        return 0;
    }

    sel = data[0];
    granted = data[1] & FUZZ_ALL;
    flags = data[2];
    more = data[3];
    data += 4;
    size -= 4;

    banner = flags & 1;
    gcm = more & 1;
    cb = (more & 2) != 0;

    h = malloc(cc_html_state_size());
    h2 = malloc(cc_html_state_size());
    if (h == NULL || h2 == NULL) {
        abort();
    }

    memset(h, 0xa5, cc_html_state_size());   /* init must do its part */
    memset(h2, 0x5a, cc_html_state_size());

    memset(&conf, 0, sizeof(conf));
    conf.granted = granted;
    conf.categories = fuzz_cats;
    conf.ncategories = FUZZ_NCATS;
    conf.match_url = fuzz_match_url;

    if (cb) {
        conf.insert = fuzz_insert;

    } else if (banner) {
        conf.banner = (const unsigned char *) FUZZ_BANNER;
        conf.banner_len = sizeof(FUZZ_BANNER) - 1;
    }

    if (gcm) {
        conf.gcm = (const unsigned char *) FUZZ_GCM;
        conf.gcm_len = sizeof(FUZZ_GCM) - 1;
    }

    conf.at_end = (more & 0x10) != 0;

    memset(&whole, 0, sizeof(whole));
    memset(&plan, 0, sizeof(plan));

    fuzz_plan_add(&whole, size);
    fuzz_plan(&plan, size, sel, flags);

    /* one buffer, then the chunks: the same bytes */

    memset(&one, 0, sizeof(one));
    memset(&chunked, 0, sizeof(chunked));
    one.banner = banner;
    chunked.banner = banner;

    if (fuzz_run(h, &conf, data, &whole, &one) != 0
        || fuzz_run(h2, &conf, data, &plan, &chunked) != 0)
    {
        abort();
    }

    if (one.len != chunked.len
        || (one.len && memcmp(one.buf, chunked.buf, one.len) != 0))
    {
        abort();                           /* depends on the chunking */
    }

    lang1 = cc_html_lang(h, &l1);
    lang2 = cc_html_lang(h2, &l2);

    if ((lang1 == NULL) != (lang2 == NULL) || l1 != l2
        || (lang1 != NULL && (l1 == 0 || l1 > CC_HTML_LANG_MAX
                              || memcmp(lang1, lang2, l1) != 0)))
    {
        abort();
    }

    /* the input, plus documented edits only */

    fuzz_tokens_init(&tk, granted, banner, gcm, cb, conf.at_end);
    fuzz_check_edits(data, size, &one, &tk, banner, gcm);

    /* everything granted, no banner, no default: the input itself */

    conf_all = conf;
    conf_all.granted = FUZZ_ALL;
    conf_all.banner = NULL;
    conf_all.banner_len = 0;
    conf_all.gcm = NULL;
    conf_all.gcm_len = 0;

    memset(&all, 0, sizeof(all));

    if (fuzz_run(h, &conf_all, data, &plan, &all) != 0
        || all.len != size || (size && memcmp(all.buf, data, size) != 0))
    {
        abort();
    }

    /* a failing emit or insert stops the feed */

    if ((flags >> 3) || (cb && (more & 0x0c))) {
        memset(&fail, 0, sizeof(fail));
        fail.banner = banner;
        fail.fail_at = flags >> 3;
        fail.insert_fail_at = (more >> 2) & 3;

        (void) fuzz_run(h, &conf, data, &plan, &fail);

        fuzz_out_free(&fail);
    }

    fuzz_out_free(&one);
    fuzz_out_free(&chunked);
    fuzz_out_free(&all);
    free(whole.len);
    free(plan.len);
    free(h);
    free(h2);

    return 0;
}
