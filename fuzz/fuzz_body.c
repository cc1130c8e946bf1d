/*
 * libFuzzer target: the endpoint's request bodies (src/cc_body.c).
 *
 * The input is a request body, given to every decoder:
 *  - the form parser is cross-checked against a plain reference parser
 *    written from the header's contract;
 *  - the JSON parser either fails with a one-line reason or gives a
 *    decision that survives a round trip through a re-serialised JSON
 *    body and through an equivalent form body;
 *  - percent-decoding and return-path validation are cross-checked
 *    against references.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cc_body.h"


static const char  *names[] = {
    "necessary", "preferences", "analytics", "marketing", "social", "a"
};

#define NCATS  6

/* services, resolved by the same callback as CC_TOKEN_MAX_CATS + i */
static const char  *snames[] = { "ga", "yt" };

#define NSVCS  2


static int
category(void *data, const unsigned char *name, size_t len)
{
    int  i;

    (void) data;

    for (i = 0; i < NCATS; i++) {
        if (strlen(names[i]) == len && memcmp(names[i], name, len) == 0) {
            return i;
        }
    }

    for (i = 0; i < NSVCS; i++) {
        if (strlen(snames[i]) == len && memcmp(snames[i], name, len) == 0) {
            return CC_TOKEN_MAX_CATS + i;
        }
    }

    if (len == 2 && memcmp(name, "zz", 2) == 0) {
        return 177;                         /* out of range: ignored */
    }

    return -1;
}


static int
hexval(uint8_t c)
{
    return c >= '0' && c <= '9' ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}


static long
ref_urldecode(uint8_t *dst, const uint8_t *src, size_t len, int plus)
{
    size_t  i, n;

    n = 0;

    for (i = 0; i < len; i++) {
        if (src[i] == '%') {
            if (i + 2 >= len) {
                return -1;                  /* cut short */
            }

            if (hexval(src[i + 1]) < 0 || hexval(src[i + 2]) < 0) {
                return -1;
            }

            dst[n++] = (uint8_t) (hexval(src[i + 1]) * 16
                                  + hexval(src[i + 2]));
            i += 2;

        } else if (plus && src[i] == '+') {
            dst[n++] = ' ';

        } else {
            dst[n++] = src[i];
        }
    }

    return (long) n;
}


static int
ref_return_valid(const uint8_t *p, size_t len)
{
    size_t  i;

    if (len < 1 || len > 1024 || p[0] != '/') {
        return 0;
    }

    if (len >= 2 && (p[1] == '/' || p[1] == '\\')) {
        return 0;                           /* //host, /\host */
    }

    for (i = 0; i < len; i++) {
        if (p[i] < 0x21 || p[i] > 0x7e || p[i] == '\\') {
            return 0;
        }
    }

    return 1;
}


static int
ref_category_valid(const uint8_t *p, size_t len)
{
    size_t  i;

    if (len < 1 || len > 32) {
        return 0;
    }

    for (i = 0; i < len; i++) {
        if (!((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= '0' && p[i] <= '9')
              || p[i] == '_'))
        {
            return 0;
        }
    }

    return 1;
}


static int
ref_action(const uint8_t *p, size_t len)
{
    static const char  *a[] = { "accept_all", "reject_all", "save",
                                "withdraw" };
    int                 i;

    for (i = 0; i < 4; i++) {
        if (strlen(a[i]) == len && memcmp(a[i], p, len) == 0) {
            return i + 1;
        }
    }

    return 0;
}


/*
 * The reference form parser.  One quirk of the real one is mirrored: a
 * raw field name over 16 bytes can be no field of ours and is skipped
 * without being decoded.
 */
static int
ref_form(const uint8_t *p, size_t len, cc_decision_t *d)
{
    int             c;
    long            kl, vl;
    size_t          s, e, eq;
    static uint8_t  key[4096], val[4096];

    memset(d, 0, sizeof(cc_decision_t));

    if (len > 4096) {
        return -1;
    }

    for (s = 0; s < len; s = e + 1) {
        for (e = s; e < len && p[e] != '&'; e++) { /* void */ }

        if (e == s) {
            continue;
        }

        for (eq = s; eq < e && p[eq] != '='; eq++) { /* void */ }

        kl = eq - s > 16 ? 0 : ref_urldecode(key, p + s, eq - s, 1);
        vl = eq < e ? ref_urldecode(val, p + eq + 1, e - eq - 1, 1) : 0;

        if (kl < 0 || vl < 0) {
            return -1;
        }

        if (kl == 6 && memcmp(key, "action", 6) == 0) {
            if (d->action) {
                return -1;
            }

            d->action = ref_action(val, (size_t) vl);

            if (d->action == 0) {
                return -1;
            }

        } else if (kl == 8 && memcmp(key, "category", 8) == 0) {
            if (!ref_category_valid(val, (size_t) vl)) {
                return -1;
            }

            c = category(NULL, val, (size_t) vl);

            if (c >= 0 && c < 32) {
                d->categories |= (uint32_t) 1 << c;
            }

        } else if (kl == 7 && memcmp(key, "service", 7) == 0) {
            if (!ref_category_valid(val, (size_t) vl)) {
                return -1;
            }

            c = category(NULL, val, (size_t) vl);

            if (c >= 32 && c < 32 + 64) {
                d->services |= (uint64_t) 1 << (c - 32);
            }

        } else if (kl == 6 && memcmp(key, "return", 6) == 0) {
            if (vl <= 1024) {
                memcpy(d->return_to, val, (size_t) vl);
                d->return_len = (size_t) vl;
                d->has_return = 1;
            }
        }
    }

    return d->action ? 0 : -1;
}


static int
same(const cc_decision_t *a, const cc_decision_t *b)
{
    return a->action == b->action && a->categories == b->categories
           && a->services == b->services
           && a->has_return == b->has_return
           && (!a->has_return
               || (a->return_len == b->return_len
                   && memcmp(a->return_to, b->return_to, a->return_len)
                      == 0));
}


static void
check_err(int rc, const char *err)
{
    if (rc == 0 && err != NULL) {
        abort();
    }

    if (rc != 0 && (rc != -1 || err == NULL || *err == '\0'
                    || strchr(err, '\n') != NULL))
    {
        abort();
    }
}


/* the decision as a JSON body, through jansson */
static char *
to_json(const cc_decision_t *d)
{
    int      i;
    char    *s;
    json_t  *o, *a;

    o = json_object();
    a = json_array();

    for (i = 0; i < NCATS; i++) {
        if (d->categories & (1u << i)) {
            json_array_append_new(a, json_string(names[i]));
        }
    }

    json_object_set_new(o, "action", json_string(cc_action_name(d->action)));
    json_object_set_new(o, "categories", a);

    a = json_array();

    for (i = 0; i < NSVCS; i++) {
        if (d->services & ((uint64_t) 1 << i)) {
            json_array_append_new(a, json_string(snames[i]));
        }
    }

    json_object_set_new(o, "services", a);

    if (d->has_return) {
        json_object_set_new(o, "return",
                            json_stringn((const char *) d->return_to,
                                         d->return_len));
    }

    s = json_dumps(o, JSON_COMPACT);
    json_decref(o);

    return s;
}


/* the decision as a form body; 0 if it would not fit */
static size_t
to_form(const cc_decision_t *d, char *buf, size_t size)
{
    int     i;
    size_t  n, k;

    n = (size_t) snprintf(buf, size, "action=%s",
                          cc_action_name(d->action));

    for (i = 0; i < NCATS; i++) {
        if (d->categories & (1u << i)) {
            n += (size_t) snprintf(buf + n, size - n, "&category=%s",
                                   names[i]);
        }
    }

    for (i = 0; i < NSVCS; i++) {
        if (d->services & ((uint64_t) 1 << i)) {
            n += (size_t) snprintf(buf + n, size - n, "&service=%s",
                                   snames[i]);
        }
    }

    if (d->has_return) {
        n += (size_t) snprintf(buf + n, size - n, "&return=");

        for (k = 0; k < d->return_len && n + 4 < size; k++) {
            n += (size_t) snprintf(buf + n, size - n, "%%%02X",
                                   d->return_to[k]);
        }
    }

    return n < size - 4 ? n : 0;
}


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int             rc, rr, plus;
    long            n1, n2;
    char           *js;
    size_t          fl;
    const char     *err;
    cc_decision_t   d, r, u;
    static uint8_t  out1[1 << 16], out2[1 << 16];
    static char     form[8192];

    /* form */

    err = NULL;
    rc = cc_form_parse(data, size, &d, category, NULL, &err);
    check_err(rc, err);

    rr = ref_form(data, size, &r);

    if (rc != rr || (rc == 0 && !same(&d, &r))) {
        abort();
    }

    if (rc == 0
        && (d.action < CC_ACTION_ACCEPT || d.action > CC_ACTION_WITHDRAW
            || d.return_len > CC_RETURN_MAX))
    {
        abort();
    }

    if (rc == 0 && d.has_return
        && cc_return_path_valid(d.return_to, d.return_len)
           != ref_return_valid(d.return_to, d.return_len))
    {
        abort();
    }

    /* JSON */

    err = NULL;
    rc = cc_json_parse(data, size, &d, category, NULL, &err);
    check_err(rc, err);

    if (rc == 0) {
        if (d.action < CC_ACTION_ACCEPT || d.action > CC_ACTION_WITHDRAW
            || d.return_len > CC_RETURN_MAX
            || (d.categories >> NCATS) != 0
            || (d.services >> NSVCS) != 0)
        {
            abort();
        }

        js = to_json(&d);
        if (js == NULL) {
            abort();
        }

        err = NULL;
        rr = cc_json_parse((const unsigned char *) js, strlen(js), &u,
                           category, NULL, &err);

        if (strlen(js) <= CC_BODY_MAX && (rr != 0 || !same(&d, &u))) {
            abort();
        }

        free(js);

        fl = to_form(&d, form, sizeof(form));

        if (fl && fl <= CC_BODY_MAX) {
            err = NULL;
            rr = cc_form_parse((const unsigned char *) form, fl, &u,
                               category, NULL, &err);

            if (rr != 0 || !same(&d, &u)) {
                abort();
            }
        }
    }

    /* percent-decoding and return paths */

    if (size <= sizeof(out1)) {
        for (plus = 0; plus <= 1; plus++) {
            n1 = cc_urldecode(out1, data, size, plus);
            n2 = ref_urldecode(out2, data, size, plus);

            if (n1 != n2 || (n1 > 0 && memcmp(out1, out2, (size_t) n1) != 0)
                || n1 > (long) size)
            {
                abort();
            }
        }
    }

    if (cc_return_path_valid(data, size) != ref_return_valid(data, size)) {
        abort();
    }

    if (cc_action(data, size) != ref_action(data, size)) {
        abort();
    }

    return 0;
}
