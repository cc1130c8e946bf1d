/*
 * nginx-cookie-consent: the endpoint's request bodies.
 */

#include <string.h>

#include <jansson.h>

#include "cc_body.h"
#include "cc_util.h"


static const char  *cc_action_names[] = {
    "", "accept_all", "reject_all", "save", "withdraw"
};


int
cc_action(const unsigned char *p, size_t len)
{
    int  a;

    for (a = CC_ACTION_ACCEPT; a <= CC_ACTION_WITHDRAW; a++) {
        if (strlen(cc_action_names[a]) == len
            && memcmp(cc_action_names[a], p, len) == 0)
        {
            return a;
        }
    }

    return CC_ACTION_NONE;
}


const char *
cc_action_name(int action)
{
    if (action < CC_ACTION_NONE || action > CC_ACTION_WITHDRAW) {
        return "";
    }

    return cc_action_names[action];
}


long
cc_urldecode(unsigned char *dst, const unsigned char *src, size_t len,
    int plus)
{
    /* decoded, a value is never longer */
    return cc_util_urldecode(dst, len, src, len, plus);
}


int
cc_return_path_valid(const unsigned char *p, size_t len)
{
    size_t  i;

    if (len == 0 || len > CC_RETURN_MAX || p[0] != '/') {
        return 0;
    }

    if (len > 1 && (p[1] == '/' || p[1] == '\\')) {
        return 0;
    }

    for (i = 0; i < len; i++) {
        if (p[i] <= 0x20 || p[i] >= 0x7f || p[i] == '\\') {
            return 0;
        }
    }

    return 1;
}


/* a category (service 0) or a service (service 1) chosen */

static int
cc_body_category(cc_decision_t *d, const unsigned char *name, size_t len,
    int service, cc_category_pt category, void *data, const char **err)
{
    int  cat;

    if (!cc_category_name_valid(name, len)) {
        *err = service ? "invalid service name" : "invalid category name";
        return -1;
    }

    cat = category(data, name, len);

    if (!service && cat >= 0 && cat < CC_TOKEN_MAX_CATS) {
        d->categories |= (uint32_t) 1 << cat;

    } else if (service && cat >= CC_TOKEN_MAX_CATS
               && cat < CC_TOKEN_MAX_CATS + CC_TOKEN_MAX_SERVICES)
    {
        d->services |= (uint64_t) 1 << (cat - CC_TOKEN_MAX_CATS);
    }

    return 0;
}


int
cc_form_parse(const unsigned char *p, size_t len, cc_decision_t *d,
    cc_category_pt category, void *data, const char **err)
{
    long                  klen, vlen;
    const unsigned char  *end, *amp, *eq;
    unsigned char         key[16], val[CC_BODY_MAX];

    memset(d, 0, sizeof(cc_decision_t));

    if (len > CC_BODY_MAX) {
        *err = "body too large";
        return -1;
    }

    end = p + len;

    while (p < end) {
        amp = memchr(p, '&', end - p);
        if (amp == NULL) {
            amp = end;
        }

        if (amp == p) {
            p++;
            continue;
        }

        eq = memchr(p, '=', amp - p);
        if (eq == NULL) {
            eq = amp;
        }

        if (eq - p > (long) sizeof(key)) {
            /* no field of ours is that long: ignore, but check encoding */
            klen = 0;

        } else {
            klen = cc_urldecode(key, p, eq - p, 1);
        }

        vlen = (eq < amp) ? cc_urldecode(val, eq + 1, amp - eq - 1, 1) : 0;

        if (klen < 0 || vlen < 0) {
            *err = "malformed percent-encoding";
            return -1;
        }

        if (klen == 6 && memcmp(key, "action", 6) == 0) {
            if (d->action != CC_ACTION_NONE) {
                *err = "more than one action";
                return -1;
            }

            d->action = cc_action(val, vlen);

            if (d->action == CC_ACTION_NONE) {
                *err = "unknown action";
                return -1;
            }

        } else if (klen == 8 && memcmp(key, "category", 8) == 0) {
            if (cc_body_category(d, val, vlen, 0, category, data, err) != 0)
            {
                return -1;
            }

        } else if (klen == 7 && memcmp(key, "service", 7) == 0) {
            if (cc_body_category(d, val, vlen, 1, category, data, err) != 0)
            {
                return -1;
            }

        } else if (klen == 6 && memcmp(key, "return", 6) == 0) {
            if (vlen <= CC_RETURN_MAX) {
                memcpy(d->return_to, val, vlen);
                d->return_len = vlen;
                d->has_return = 1;
            }

        } else if (klen == 3 && memcmp(key, "gpc", 3) == 0) {
            d->gpc_confirmed = (vlen == 7 && memcmp(val, "confirm", 7) == 0);
        }

        p = amp;
    }

    if (d->action == CC_ACTION_NONE) {
        *err = "missing action";
        return -1;
    }

    return 0;
}


/* a JSON array of names: "categories" (service 0) or "services" (1) */

static int
cc_body_names(json_t *root, const char *field, int service,
    cc_decision_t *d, cc_category_pt category, void *data, const char **err)
{
    size_t   i;
    json_t  *names, *item;

    names = json_object_get(root, field);

    if (names != NULL && !json_is_array(names)) {
        goto bad;
    }

    for (i = 0; names != NULL && i < json_array_size(names); i++) {
        item = json_array_get(names, i);

        if (!json_is_string(item)) {
            goto bad;
        }

        if (cc_body_category(d, (const unsigned char *)
                                json_string_value(item),
                             json_string_length(item), service, category,
                             data, err)
            != 0)
        {
            return -1;
        }
    }

    return 0;

bad:

    *err = service ? "\"services\" must be an array of strings"
                   : "\"categories\" must be an array of strings";

    return -1;
}


int
cc_json_parse(const unsigned char *p, size_t len, cc_decision_t *d,
    cc_category_pt category, void *data, const char **err)
{
    json_t       *root, *action, *ret, *gpc;
    json_error_t  jerr;

    memset(d, 0, sizeof(cc_decision_t));

    if (len > CC_BODY_MAX) {
        *err = "body too large";
        return -1;
    }

    root = json_loadb((const char *) p, len,
                      JSON_REJECT_DUPLICATES, &jerr);
    if (root == NULL) {
        *err = "invalid JSON";
        return -1;
    }

    if (!json_is_object(root)) {
        *err = "JSON body must be an object";
        goto failed;
    }

    action = json_object_get(root, "action");

    if (!json_is_string(action)) {
        *err = "\"action\" must be a string";
        goto failed;
    }

    d->action = cc_action((const unsigned char *) json_string_value(action),
                          json_string_length(action));

    if (d->action == CC_ACTION_NONE) {
        *err = "unknown action";
        goto failed;
    }

    if (cc_body_names(root, "categories", 0, d, category, data, err) != 0
        || cc_body_names(root, "services", 1, d, category, data, err) != 0)
    {
        goto failed;
    }

    ret = json_object_get(root, "return");

    if (ret != NULL) {
        if (!json_is_string(ret)) {
            *err = "\"return\" must be a string";
            goto failed;
        }

        if (json_string_length(ret) <= CC_RETURN_MAX) {
            memcpy(d->return_to, json_string_value(ret),
                   json_string_length(ret));
            d->return_len = json_string_length(ret);
            d->has_return = 1;
        }
    }

    gpc = json_object_get(root, "gpc");

    if (gpc != NULL) {
        if (!json_is_string(gpc)) {
            *err = "\"gpc\" must be a string";
            goto failed;
        }

        d->gpc_confirmed = (json_string_length(gpc) == 7
                            && memcmp(json_string_value(gpc), "confirm", 7)
                               == 0);
    }

    json_decref(root);
    return 0;

failed:

    json_decref(root);
    return -1;
}
