/*
 * Unit tests of the Google Consent Mode default (src/cc_gcm.c).
 */

#include <stdio.h>
#include <string.h>

#include "cc_test.h"
#include "cc_gcm.h"


#define GCM_HEAD                                                             \
    "window.dataLayer=window.dataLayer||[];"                                 \
    "function gtag(){dataLayer.push(arguments);}"                            \
    "gtag('consent','default',{"

#define GCM_DENIED                                                           \
    GCM_HEAD "ad_storage:'denied',ad_user_data:'denied',"                    \
    "ad_personalization:'denied',analytics_storage:'denied',"                \
    "functionality_storage:'denied',personalization_storage:'denied',"      \
    "security_storage:'granted'});"                                          \
    "gtag('set','ads_data_redaction',true);"

#define GCM_ANALYTICS                                                        \
    GCM_HEAD "ad_storage:'denied',ad_user_data:'denied',"                    \
    "ad_personalization:'denied',analytics_storage:'granted',"               \
    "functionality_storage:'denied',personalization_storage:'denied',"      \
    "security_storage:'granted'});"                                          \
    "gtag('set','ads_data_redaction',true);"

#define GCM_ALL                                                              \
    GCM_HEAD "ad_storage:'granted',ad_user_data:'granted',"                  \
    "ad_personalization:'granted',analytics_storage:'granted',"              \
    "functionality_storage:'granted',personalization_storage:'granted',"    \
    "security_storage:'granted'});"


static void
test_one(unsigned flags, const char *nonce, const char *expect)
{
    size_t         n, size, nlen;
    unsigned char  buf[1024];

    nlen = nonce ? strlen(nonce) : 0;
    size = cc_gcm_size(flags, nlen);

    CC_CHECK_INT(size, strlen(expect));

    n = cc_gcm_render(buf, sizeof(buf), flags,
                      (const unsigned char *) nonce, nlen);
    CC_CHECK_STR(buf, n, expect);

    /* exactly the size it needs, never more */

    CC_CHECK_INT(cc_gcm_render(buf, size, flags,
                               (const unsigned char *) nonce, nlen), size);
    CC_CHECK_INT(cc_gcm_render(buf, size - 1, flags,
                               (const unsigned char *) nonce, nlen), 0);
}


int
main(int argc, char **argv)
{
    (void) argc;

    test_one(0, NULL, "<script>" GCM_DENIED "</script>");
    test_one(0, "", "<script>" GCM_DENIED "</script>");
    test_one(CC_GCM_ANALYTICS, "r4nd0m+/=",
             "<script nonce=\"r4nd0m+/=\">" GCM_ANALYTICS "</script>");
    test_one(CC_GCM_ANALYTICS | CC_GCM_MARKETING | CC_GCM_PREFERENCES,
             NULL, "<script>" GCM_ALL "</script>");
    test_one(CC_GCM_JS | CC_GCM_ANALYTICS, "ignored", GCM_ANALYTICS);

    return cc_test_done(argv[0]);
}
