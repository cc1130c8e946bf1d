/*
 * nginx-cookie-consent: the Google Consent Mode v2 default.
 */

#include <stddef.h>
#include <string.h>

#include "cc_gcm.h"


typedef struct {
    const char  *type;
    unsigned     flag;          /* 0: always granted */
} cc_gcm_type_t;


static const cc_gcm_type_t  cc_gcm_types[] = {
    { "ad_storage", CC_GCM_MARKETING },
    { "ad_user_data", CC_GCM_MARKETING },
    { "ad_personalization", CC_GCM_MARKETING },
    { "analytics_storage", CC_GCM_ANALYTICS },
    { "functionality_storage", CC_GCM_PREFERENCES },
    { "personalization_storage", CC_GCM_PREFERENCES },
    { "security_storage", 0 },
    { NULL, 0 }
};


static size_t
cc_gcm_put(unsigned char *buf, size_t size, size_t n, const void *s,
    size_t len)
{
    if (buf != NULL && n + len <= size) {
        memcpy(buf + n, s, len);
    }

    return n + len;
}


#define cc_gcm_str(s)  cc_gcm_put(buf, size, n, s, sizeof(s) - 1)


static size_t
cc_gcm_write(unsigned char *buf, size_t size, unsigned flags,
    const unsigned char *nonce, size_t nonce_len)
{
    size_t                n;
    const char           *v;
    const cc_gcm_type_t  *t;

    n = 0;

    if (!(flags & CC_GCM_JS)) {
        if (nonce != NULL && nonce_len) {
            n = cc_gcm_str("<script nonce=\"");
            n = cc_gcm_put(buf, size, n, nonce, nonce_len);
            n = cc_gcm_str("\">");

        } else {
            n = cc_gcm_str("<script>");
        }
    }

    n = cc_gcm_str("window.dataLayer=window.dataLayer||[];"
                   "function gtag(){dataLayer.push(arguments);}"
                   "gtag('consent','default',{");

    for (t = cc_gcm_types; t->type != NULL; t++) {
        if (t != cc_gcm_types) {
            n = cc_gcm_str(",");
        }

        v = (t->flag == 0 || (flags & t->flag)) ? "granted" : "denied";

        n = cc_gcm_put(buf, size, n, t->type, strlen(t->type));
        n = cc_gcm_str(":'");
        n = cc_gcm_put(buf, size, n, v, strlen(v));
        n = cc_gcm_str("'");
    }

    n = cc_gcm_str("});");

    if (!(flags & CC_GCM_MARKETING)) {
        n = cc_gcm_str("gtag('set','ads_data_redaction',true);");
    }

    if (!(flags & CC_GCM_JS)) {
        n = cc_gcm_str("</script>");
    }

    return n;
}


size_t
cc_gcm_size(unsigned flags, size_t nonce_len)
{
    static const unsigned char  any[1] = { 'x' };

    return cc_gcm_write(NULL, 0, flags, nonce_len ? any : NULL, nonce_len);
}


size_t
cc_gcm_render(unsigned char *buf, size_t size, unsigned flags,
    const unsigned char *nonce, size_t nonce_len)
{
    size_t  n;

    n = cc_gcm_write(NULL, 0, flags, nonce, nonce_len);

    if (n > size) {
        return 0;
    }

    return cc_gcm_write(buf, size, flags, nonce, nonce_len);
}
