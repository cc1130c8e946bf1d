/*
 * nginx-cookie-consent: the endpoint's request bodies.
 *
 * application/x-www-form-urlencoded (the banner's plain HTML form) and
 * application/json, both decoded into a decision.  Plain C; JSON through
 * jansson.
 */

#ifndef CC_BODY_H
#define CC_BODY_H

#include <stddef.h>
#include <stdint.h>

#include "cc_token.h"


/*
 * Not exported from the module's shared object: nginx loads modules
 * RTLD_GLOBAL, where these names could meet another module's.
 */
#pragma GCC visibility push(hidden)


#define CC_BODY_MAX          4096
#define CC_RETURN_MAX        1024

#define CC_ACTION_NONE       0
#define CC_ACTION_ACCEPT     1
#define CC_ACTION_REJECT     2
#define CC_ACTION_SAVE       3
#define CC_ACTION_WITHDRAW   4


typedef struct {
    int            action;
    uint32_t       categories;      /* with "save": the chosen ones */
    uint64_t       services;        /* with "save": those chosen one by
                                       one (cookie_consent_service) */
    size_t         return_len;
    unsigned char  return_to[CC_RETURN_MAX];
    unsigned       has_return:1;

    /*
     * "gpc=confirm" (form), "gpc": "confirm" (JSON): an Accept all made
     * with Sec-GPC: 1 is confirmed (docs/endpoint.md)
     */
    unsigned       gpc_confirmed:1;
} cc_decision_t;


/*
 * Both return 0, or -1 with *err set to a one-line reason (a static
 * string).  Unknown field names and unknown category names are ignored.
 * Categories come as "category" fields (form) or a "categories" array
 * (JSON), services as "service" fields or a "services" array; the
 * callback resolves both kinds of names (cc_category_pt), a name of the
 * other kind is ignored.
 */
int cc_form_parse(const unsigned char *p, size_t len, cc_decision_t *d,
    cc_category_pt category, void *data, const char **err);
int cc_json_parse(const unsigned char *p, size_t len, cc_decision_t *d,
    cc_category_pt category, void *data, const char **err);

/* the action for a name, or CC_ACTION_NONE */
int cc_action(const unsigned char *p, size_t len);
const char *cc_action_name(int action);

/*
 * 1 if p is a safe same-site redirect target: a path starting with a
 * single '/', printable ASCII, no backslash, at most CC_RETURN_MAX bytes.
 */
int cc_return_path_valid(const unsigned char *p, size_t len);

/*
 * Percent-decodes (and '+' to space with plus != 0) into dst, which has
 * room for len bytes.  Returns the decoded length or -1 on a bad escape.
 */
long cc_urldecode(unsigned char *dst, const unsigned char *src, size_t len,
    int plus);

#pragma GCC visibility pop

#endif /* CC_BODY_H */
