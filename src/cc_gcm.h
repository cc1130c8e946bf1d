/*
 * nginx-cookie-consent: the Google Consent Mode v2 default.
 *
 * A <script> that defines gtag() the way Google's snippet does and calls
 * gtag('consent', 'default', {...}) with the visitor's stored choices, so
 * that no Google tag reads consent before a default exists
 * (docs/banner.md).  The consent types follow the module's standard
 * categories: analytics: analytics_storage; marketing: ad_storage,
 * ad_user_data, ad_personalization; preferences: functionality_storage,
 * personalization_storage; security_storage is always granted.
 *
 * Plain C99, no allocation; output never exceeds the caller's buffer.
 */

#ifndef CC_GCM_H
#define CC_GCM_H

#include <stddef.h>


/*
 * Not exported from the module's shared object: nginx loads modules
 * RTLD_GLOBAL, where these names could meet another module's.
 */
#pragma GCC visibility push(hidden)


#define CC_GCM_ANALYTICS    0x01
#define CC_GCM_MARKETING    0x02
#define CC_GCM_PREFERENCES  0x04

/* the script's code without the <script> element */
#define CC_GCM_JS           0x10


/*
 * The element (or, with CC_GCM_JS in flags, its code for an external
 * script).  nonce: NULL or "" for none; it must be a CSP nonce (base64
 * characters): it is written as given.  Returns the length written, or
 * 0 when it does not fit; cc_gcm_size() is the size needed.
 */
size_t cc_gcm_size(unsigned flags, size_t nonce_len);
size_t cc_gcm_render(unsigned char *buf, size_t size, unsigned flags,
    const unsigned char *nonce, size_t nonce_len);

#pragma GCC visibility pop

#endif /* CC_GCM_H */
