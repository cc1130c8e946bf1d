/*
 * libFuzzer target: the core parsers on one input, with invariants.
 *
 * Cookie header pairs stay inside the input and cover it in order; the
 * Set-Cookie name is a prefix range of the input; the token parser never
 * reads out of bounds and, when it accepts, encoding the result parses
 * back to the same fields; form and JSON bodies either fail with a reason
 * or give a known action.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cc_cookie.h"
#include "cc_token.h"
#include "cc_body.h"


static const char  *names[] = {
    "necessary", "preferences", "analytics", "marketing"
};


static int
category(void *data, const unsigned char *name, size_t len)
{
    int  i;

    (void) data;

    for (i = 0; i < 4; i++) {
        if (strlen(names[i]) == len && memcmp(names[i], name, len) == 0) {
            return i;
        }
    }

    return -1;
}


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int                   rc;
    size_t                len, nlen;
    cc_key_t              key;
    cc_token_t            t, u;
    const char           *err;
    cc_decision_t         d;
    cc_cookie_pair_t      pair;
    const unsigned char  *p, *end, *prev, *n;
    unsigned char         buf[CC_TOKEN_MAX_LEN];

    p = data;
    end = data + size;
    prev = data;

    while (cc_cookie_next(&p, end, &pair)) {
        if (pair.start < prev || pair.start + pair.len > end
            || pair.name < pair.start
            || pair.value + pair.value_len > pair.start + pair.len)
        {
            abort();
        }

        prev = pair.start + pair.len;
    }

    cc_set_cookie_name(data, size, &n, &nlen);

    if (n < data || n + nlen > end) {
        abort();
    }

    (void) cc_set_cookie_is_deletion(data, size);
    (void) cc_cookie_name_valid(data, size);

    key.data = (const unsigned char *) "0123456789abcdef0123456789abcdef";
    key.len = 32;
    key.mac = NULL;

    rc = cc_token_parse(data, size, &t, NULL, 0, category, NULL);

    if (rc == CC_TOKEN_OK) {
        len = cc_token_encode(buf, sizeof(buf), &t, names, 4, NULL, 0, &key);

        if (len) {
            if (cc_token_parse(buf, len, &u, &key, 1, category, NULL)
                != CC_TOKEN_OK
                || u.revision != t.revision || u.issued != t.issued
                || u.granted != (t.granted & 0xf)
                || memcmp(u.id, t.id, CC_TOKEN_ID_LEN) != 0)
            {
                abort();
            }
        }
    }

    (void) cc_token_parse(data, size, &t, &key, 1, category, NULL);

    if (size <= CC_BODY_MAX) {
        err = NULL;

        if (cc_form_parse(data, size, &d, category, NULL, &err) == 0) {
            if (d.action < CC_ACTION_ACCEPT || d.action > CC_ACTION_WITHDRAW) {
                abort();
            }

        } else if (err == NULL) {
            abort();
        }

        err = NULL;

        if (cc_json_parse(data, size, &d, category, NULL, &err) != 0
            && err == NULL)
        {
            abort();
        }

        (void) cc_return_path_valid(data, size);
    }

    return 0;
}
