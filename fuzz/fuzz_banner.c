/*
 * libFuzzer target: the banner's markup (src/cc_banner.c): the built-in
 * banner, site templates with {{placeholders}}, the embed placeholder.
 *
 *   make build/fuzz/fuzz_banner
 *   build/fuzz/fuzz_banner -max_total_time=60 fuzz/corpus/fuzz_banner
 *
 * Input: two selector bytes, then a value and a template separated by
 * the first NUL byte.
 *
 *   byte 0  bit 0 CC_BANNER_REOPEN; bit 1 ascii; bits 2-7: the value is
 *           the policy URL, the nonce, the return path, the endpoint, the
 *           categories' labels, their purposes
 *   byte 1  bits 0-4 the language (out of range included; its bits
 *           also choose the GPC notice and the page's confirmation, the
 *           layout, the wall, the theme and the control's side); bits 5-7
 *           the number of categories (necessary, preferences, analytics,
 *           marketing, then declared ones)
 *
 * Checks:
 *  - every *_size() function gives exactly what its render function
 *    writes into a buffer of that size, and a buffer one byte shorter
 *    gets 0 (each buffer is its own allocation, so a write past it is
 *    caught);
 *  - escaping: the same configuration with the value's '<', '>', '"',
 *    '\'' and '&' replaced by letters renders the same number of '<' and
 *    '"' (a value's markup characters never reach the output raw);
 *  - with ascii set the built-in markup is pure ASCII, whatever bytes the
 *    value holds;
 *  - a template without "{{" renders as itself;
 *  - cc_banner_template_check() reports an unknown placeholder inside
 *    the template, "{{" ... "}}".
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cc_banner.h"
#include "cc_i18n.h"


#define FUZZ_NCATS  7


static const char  *fuzz_names[FUZZ_NCATS] = {
    "necessary", "preferences", "analytics", "marketing", "social",
    "functional_2", "x"
};


typedef size_t (*fuzz_size_pt)(const void *a);
typedef size_t (*fuzz_render_pt)(unsigned char *buf, size_t size,
    const void *a);


typedef struct {
    const cc_banner_conf_t  *conf;
    const unsigned char     *tpl;
    size_t                   tlen;
    const unsigned char     *cat;
    size_t                   clen;
} fuzz_args_t;


static size_t
fuzz_banner_size(const void *a)
{
    return cc_banner_size(((const fuzz_args_t *) a)->conf);
}


static size_t
fuzz_banner_render(unsigned char *buf, size_t size, const void *a)
{
    return cc_banner_render(buf, size, ((const fuzz_args_t *) a)->conf);
}


static size_t
fuzz_template_size(const void *a)
{
    const fuzz_args_t  *f = a;

    return cc_banner_template_size(f->tpl, f->tlen, f->conf);
}


static size_t
fuzz_template_render(unsigned char *buf, size_t size, const void *a)
{
    const fuzz_args_t  *f = a;

    return cc_banner_render_template(buf, size, f->tpl, f->tlen, f->conf);
}


static size_t
fuzz_placeholder_size(const void *a)
{
    const fuzz_args_t  *f = a;

    return cc_banner_placeholder_size(f->conf, f->cat, f->clen, -1);
}


static size_t
fuzz_placeholder_render(unsigned char *buf, size_t size, const void *a)
{
    const fuzz_args_t  *f = a;

    return cc_banner_placeholder(buf, size, f->conf, f->cat, f->clen, -1);
}


/* renders into an exact buffer; the output, malloc'd, and its length */
static unsigned char *
fuzz_render(fuzz_size_pt size_fn, fuzz_render_pt render_fn,
    const fuzz_args_t *a, size_t *len)
{
    size_t          n, m;
    unsigned char  *buf, *shorter;

    n = size_fn(a);

    buf = malloc(n ? n : 1);
    if (buf == NULL) {
        abort();
    }

    m = render_fn(buf, n, a);

    if (m != n) {
        abort();                /* the size is not what is written */
    }

    if (n > 0) {
        shorter = malloc(n - 1 ? n - 1 : 1);
        if (shorter == NULL) {
            abort();
        }

        if (render_fn(shorter, n - 1, a) != 0) {
            abort();            /* claims to fit in a shorter buffer */
        }

        free(shorter);
    }

    *len = n;

    return buf;
}


static size_t
fuzz_count(const unsigned char *p, size_t n, unsigned char c)
{
    size_t  i, k;

    k = 0;

    for (i = 0; i < n; i++) {
        k += (p[i] == c);
    }

    return k;
}


static void
fuzz_conf(cc_banner_conf_t *c, cc_banner_category_t *cats, unsigned sel,
    unsigned sel2, const unsigned char *v, size_t vlen)
{
    size_t  i, n;

    memset(c, 0, sizeof(cc_banner_conf_t));
    memset(cats, 0, FUZZ_NCATS * sizeof(cc_banner_category_t));

    n = (sel2 >> 5) % (FUZZ_NCATS + 1);

    for (i = 0; i < n; i++) {
        cats[i].name = (const unsigned char *) fuzz_names[i];
        cats[i].name_len = strlen(fuzz_names[i]);
        cats[i].required = (i == 0);

        if (sel & 0x40) {
            cats[i].label = v;
            cats[i].label_len = vlen;
        }

        if (sel & 0x80) {
            cats[i].purpose = v;
            cats[i].purpose_len = vlen;
        }
    }

    c->lang = (int) (sel2 & 0x1f) - 1;
    c->mode = (sel & 1) ? CC_BANNER_REOPEN : CC_BANNER_FIRST;
    c->categories = cats;
    c->ncategories = n;
    c->ascii = (sel >> 1) & 1;
    c->gpc = sel2 & 1;
    c->gpc_confirm = sel2 & 1;
    c->layout = (sel2 >> 1) % 3;
    c->wall = (sel2 >> 3) & 1;
    c->theme = (sel2 >> 2) & 1;
    c->reopen_right = (sel2 >> 1) & 1;

    if (sel & 0x04) {
        c->policy_url = v;
        c->policy_len = vlen;
    }

    if (sel & 0x08) {
        c->nonce = v;
        c->nonce_len = vlen;
    }

    if (sel & 0x10) {
        c->return_to = v;
        c->return_len = vlen;
    }

    if (sel & 0x20) {
        c->endpoint = v;
        c->endpoint_len = vlen;
    }
}


static int
fuzz_has_braces(const unsigned char *p, size_t n)
{
    size_t  i;

    for (i = 0; i + 1 < n; i++) {
        if (p[i] == '{' && p[i + 1] == '{') {
            return 1;
        }
    }

    return 0;
}


static int
fuzz_special(unsigned char c)
{
    return c == '<' || c == '>' || c == '"' || c == '\'' || c == '&';
}


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int                    k, rc;
    size_t                 i, vlen, tlen, n1, n2, bad_len;
    unsigned               sel, sel2;
    fuzz_args_t            a1, a2;
    unsigned char         *v, *v2, *tpl, *o1, *o2;
    const uint8_t         *nul;
    cc_banner_conf_t       c1, c2;
    const unsigned char   *bad;
    cc_banner_category_t   cats1[FUZZ_NCATS], cats2[FUZZ_NCATS];

    static const struct {
        fuzz_size_pt    size;
        fuzz_render_pt  render;
    } fns[3] = {
        { fuzz_banner_size, fuzz_banner_render },
        { fuzz_template_size, fuzz_template_render },
        { fuzz_placeholder_size, fuzz_placeholder_render }
    };

    if (size < 2) {
        return 0;
    }

    sel = data[0];
    sel2 = data[1];
    data += 2;
    size -= 2;

    nul = memchr(data, '\0', size);
    vlen = nul ? (size_t) (nul - data) : size;
    tlen = nul ? size - vlen - 1 : 0;

    /* each part in an allocation of its exact size */

    v = malloc(vlen ? vlen : 1);
    v2 = malloc(vlen ? vlen : 1);
    tpl = malloc(tlen ? tlen : 1);
    if (v == NULL || v2 == NULL || tpl == NULL) {
        abort();
    }

    if (vlen) {
        memcpy(v, data, vlen);
    }

    if (tlen) {
        memcpy(tpl, nul + 1, tlen);
    }

    for (i = 0; i < vlen; i++) {
        v2[i] = fuzz_special(v[i]) ? 'a' : v[i];
    }

    fuzz_conf(&c1, cats1, sel, sel2, v, vlen);
    fuzz_conf(&c2, cats2, sel, sel2, v2, vlen);

    a1.conf = &c1;
    a1.tpl = tpl;
    a1.tlen = tlen;
    a1.cat = (sel & 0x40) ? v : (const unsigned char *) "marketing";
    a1.clen = (sel & 0x40) ? vlen : 9;

    a2 = a1;
    a2.conf = &c2;
    a2.cat = (sel & 0x40) ? v2 : a1.cat;

    for (k = 0; k < 3; k++) {
        o1 = fuzz_render(fns[k].size, fns[k].render, &a1, &n1);
        o2 = fuzz_render(fns[k].size, fns[k].render, &a2, &n2);

        if (fuzz_count(o1, n1, '<') != fuzz_count(o2, n2, '<')
            || fuzz_count(o1, n1, '"') != fuzz_count(o2, n2, '"'))
        {
            abort();                   /* the value's markup got through */
        }

        if (c1.ascii && k != 1) {
            for (i = 0; i < n1; i++) {
                if (o1[i] >= 0x80) {
                    abort();           /* not ASCII with ascii set */
                }
            }
        }

        if (k == 1 && !fuzz_has_braces(tpl, tlen)
            && (n1 != tlen || (tlen && memcmp(o1, tpl, tlen) != 0)))
        {
            abort();                   /* plain text not copied as is */
        }

        free(o1);
        free(o2);
    }

    bad = NULL;
    bad_len = 0;
    rc = cc_banner_template_check(tpl, tlen, &bad, &bad_len);

    if (rc != 0 && rc != -1) {
        abort();
    }

    if (rc == -1
        && (bad == NULL || bad < tpl || bad_len < 4 || bad_len > tlen
            || (size_t) (bad - tpl) > tlen - bad_len
            || memcmp(bad, "{{", 2) != 0
            || memcmp(bad + bad_len - 2, "}}", 2) != 0))
    {
        abort();
    }

    free(v);
    free(v2);
    free(tpl);

    return 0;
}
