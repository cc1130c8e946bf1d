/*
 * libFuzzer target for the bridge mode parsers (src/cc_bridge.c).
 *
 *   clang -fsanitize=fuzzer,address,undefined -Isrc \
 *       src/cc_bridge.c fuzz/fuzz_bridge.c -o fuzz_bridge
 *
 * The first input byte chooses what is exercised, the rest is the value:
 *   bits 0-2  0..6: the source (CC_BRIDGE_COOKIECONSENT .. CC_BRIDGE_TCF),
 *             Complianz reads "name=value;name=value..." pairs;
 *             7: cc_bridge_urldecode() (also in place)
 *   bits 3-4  conf.flags (CC_BRIDGE_F_ALERT_CLOSED, _OUTSIDE_UNDECIDED)
 *   bit 5     use a map table
 *   bits 6-7  conf.now: 0, 1700000000, 2000000000 or LLONG_MAX
 *
 * Besides the sanitizers, the result invariants promised by cc_bridge.h
 * are checked: necessary always granted, undecided means necessary
 * only, a failed parse leaves the initial state, ids fit.
 */

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cc_bridge.h"


static const char  *fuzz_categories[] = {
    "necessary", "analytics", "preferences", "marketing", "social", NULL
};


static int
fuzz_category(void *data, const unsigned char *name, size_t len)
{
    int  i;

    (void) data;

    for (i = 0; fuzz_categories[i] != NULL; i++) {
        if (strlen(fuzz_categories[i]) == len
            && memcmp(fuzz_categories[i], name, len) == 0)
        {
            return i;
        }
    }

    return -1;
}


#define FUZZ_MAP(t, o)                                                       \
    { (const unsigned char *) t, sizeof(t) - 1,                              \
      (const unsigned char *) o, sizeof(o) - 1 }

static const cc_bridge_map_t  fuzz_map[] = {
    FUZZ_MAP("matomo", "analytics"),
    FUZZ_MAP("youtube", "marketing"),
    FUZZ_MAP("youtube", "social"),
    FUZZ_MAP("C0005", "social"),
    FUZZ_MAP("10", "none"),
    FUZZ_MAP("5", "marketing"),
    FUZZ_MAP("statistics-anonymous", "analytics"),
    FUZZ_MAP("advertising", "marketing"),
    FUZZ_MAP("", "")
};


static void
fuzz_check(int rc, const cc_bridge_result_t *r)
{
    if (!(r->granted & 1)) {
        abort();
    }

    if (!r->decided && r->granted != 1) {
        abort();
    }

    if (r->id_len > CC_BRIDGE_ID_MAX) {
        abort();
    }

    if (rc == -1
        && (r->decided || r->granted != 1 || r->accepted || r->denied
            || r->expires != -1 || r->issued != -1 || r->revision != -1
            || r->id_len != 0 || r->expired || r->outside_region))
    {
        abort();
    }
}


static void
fuzz_complianz(const cc_bridge_conf_t *conf, const unsigned char *p,
    size_t len)
{
    int                   rc;
    const unsigned char  *end, *semi, *eq;
    cc_bridge_result_t    r, before;

    cc_bridge_result_init(&r);
    end = p + len;

    while (p < end) {
        semi = memchr(p, ';', (size_t) (end - p));

        if (semi == NULL) {
            semi = end;
        }

        eq = memchr(p, '=', (size_t) (semi - p));

        if (eq == NULL) {
            eq = semi;
        }

        before = r;

        rc = cc_bridge_complianz_add(&r, p, (size_t) (eq - p),
                                     eq + (eq < semi),
                                     (size_t) (semi - eq - (eq < semi)),
                                     conf);

        if (rc != 0 && memcmp(&before, &r, sizeof(r)) != 0) {
            abort();
        }

        fuzz_check(0, &r);

        p = semi + (semi < end);
    }
}


int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    static const long long  nows[4] = { 0, 1700000000, 2000000000,
                                        LLONG_MAX };
    int                     rc, source;
    long                    n, m;
    unsigned char           sel, *copy;
    unsigned char           buf[CC_BRIDGE_MAX_LEN];
    cc_bridge_conf_t        conf;
    cc_bridge_result_t      r;

    if (size == 0) {
        return 0;
    }

    sel = data[0];
    data++;
    size--;

    memset(&conf, 0, sizeof(conf));
    conf.category = fuzz_category;
    conf.flags = (sel >> 3) & 3;
    conf.now = nows[sel >> 6];

    if (sel & 0x20) {
        conf.map = fuzz_map;
        conf.nmap = sizeof(fuzz_map) / sizeof(fuzz_map[0]);
    }

    source = sel & 7;

    if (source == 7) {
        n = cc_bridge_urldecode(buf, sizeof(buf), data, size);

        if (n > (long) size || n > (long) sizeof(buf)) {
            abort();
        }

        /* in place must give the same bytes */
        copy = malloc(size + 1);

        if (copy == NULL) {
            return 0;
        }

        if (size > 0) {
            memcpy(copy, data, size);
        }

        m = cc_bridge_urldecode(copy, size, copy, size);

        if (m != n && !(n == -1 && size > sizeof(buf))) {
            abort();
        }

        if (n > 0 && m == n && memcmp(copy, buf, (size_t) n) != 0) {
            abort();
        }

        free(copy);
        return 0;
    }

    if (source == CC_BRIDGE_COMPLIANZ) {
        fuzz_complianz(&conf, data, size);
        return 0;
    }

    rc = cc_bridge_parse(source, &conf, data, size, &r);

    if (rc != 0 && rc != -1) {
        abort();
    }

    fuzz_check(rc, &r);

    return 0;
}
