/*
 * nginx-cookie-consent: bridge mode parsers.
 *
 * Readers for the consent cookies of other consent managers, in plain
 * C99 with libc only (no nginx, no jansson), so that they can be unit
 * tested and fuzzed on their own.  Nothing here allocates: results go
 * to caller-provided fixed structures, decoding scratch space lives in
 * bounded stack arrays, and any input longer than CC_BRIDGE_MAX_LEN is
 * rejected as invalid.
 *
 * Result model
 *
 *   Every parser fills a cc_bridge_result_t.  "granted" is a bitmask
 *   over OUR categories: bit i is our category index i as returned by
 *   the caller's category() callback; index 0 is "necessary", always
 *   granted; indexes above 31 are ignored.  Invariants, whatever the
 *   input: bit 0 of granted is always set, and decided == 0 implies
 *   granted == 1 (necessary only: fail closed).  On a -1 return the
 *   result is in its initial state (see cc_bridge_result_init()).
 *
 *   Return value of a parser: 0 = parsed (decided or not, see the
 *   fields), -1 = unparsable or invalid; the caller then treats the
 *   visitor as undecided.
 *
 * Name mapping
 *
 *   A name of theirs (category, service, group or purpose) is resolved
 *   to our category names as follows:
 *     1. every entry of the caller's map table whose "theirs" equals the
 *        name (byte for byte) applies, and the source's default mapping
 *        is then not consulted for that name;
 *     2. otherwise the source's documented default mapping applies;
 *     3. otherwise the name itself is looked up as one of our category
 *        names (not for Klaro services nor TCF purpose numbers, which
 *        count only through the map table or the defaults);
 *   and a resulting name that category() does not know is ignored.  A
 *   map entry to a name that is not one of our categories (for example
 *   map=C0005:none) therefore makes a name of theirs count for nothing.
 *
 *   How several names of theirs that map to one category of ours
 *   combine:
 *     "any": our category is granted if at least one of them is granted
 *            (cookieconsent, Klaro, tarteaucitron: lists of services or
 *            of granted categories);
 *     "all": our category is granted if at least one of them is granted
 *            and none present in the cookie is refused (Cookiebot,
 *            OneTrust, Complianz, TCF: per-category answers, where a
 *            refusal is an explicit "no" to that kind of processing).
 *
 * Times: "now" in the configuration and "expires"/"issued" in the
 * result are seconds since the Unix epoch; sources that store
 * milliseconds (cookieconsent, Cookiebot) are divided by 1000.
 *
 * The sources, their cookies and default mappings
 *
 *   cookieconsent  cookie "cc_cookie" (orestbida cookieconsent v3; the v2
 *                  field name "level" is accepted for "categories").
 *                  URL-encoded or plain JSON object.  "categories": array
 *                  of category-name strings (required; any other type is
 *                  invalid), "revision": integer >= 0 (-> revision),
 *                  "expirationTime": integer ms since epoch (-> expires;
 *                  if before now: expired = 1, decided = 0),
 *                  "lastConsentTimestamp" (else "consentTimestamp"):
 *                  ISO 8601 UTC string (-> issued), "consentId" (-> id).
 *                  Other members are syntax-checked and ignored.  No
 *                  default mapping: names are our category names.  "any".
 *
 *   klaro          cookie "klaro": URL-encoded JSON object
 *                  {"service-name": true|false, ...}; every value must be
 *                  a boolean.  Services map to categories ONLY through
 *                  the map table (map=google-analytics:analytics); a
 *                  service without a map entry is ignored.  Decided when
 *                  the object parses (Klaro writes it on a decision).
 *                  "any".
 *
 *   cookiebot      cookie "CookieConsent": a JavaScript object literal,
 *                  usually URL-encoded:
 *                  {stamp:'..',necessary:true,preferences:false,
 *                  statistics:true,marketing:false,method:'explicit',
 *                  ver:1,utc:1700000000000,region:'nl'}.
 *                  The four category members must be booleans and at
 *                  least one must be present; stamp (-> id), ver (integer,
 *                  -> revision), utc (integer ms, -> issued); other
 *                  members are syntax-checked and ignored.  Default map:
 *                  necessary->necessary, preferences->preferences,
 *                  statistics->analytics, marketing->marketing.  "all".
 *                  The exact value "-1" means the visitor is outside any
 *                  consent region: outside_region = 1, decided = 1 and
 *                  every category granted (granted = CC_BRIDGE_ALL, the
 *                  caller masks it with its own categories), unless the
 *                  flag CC_BRIDGE_F_OUTSIDE_UNDECIDED is set, in which
 *                  case outside_region = 1 and decided = 0.
 *
 *   onetrust       cookie "OptanonConsent": a URL query string
 *                  (isGpcEnabled=0&datestamp=..&consentId=..&groups=
 *                  C0001%3A1%2CC0002%3A0&AwaitingReconsent=false&..).
 *                  "groups" (required) is percent-decoded and must be a
 *                  comma-separated list of NAME:0 or NAME:1; consentId ->
 *                  id.  A cookie whose whole value was percent-encoded
 *                  once more is decoded once and read again.  Decided only
 *                  when the caller saw the OptanonAlertBoxClosed cookie
 *                  (flag CC_BRIDGE_F_ALERT_CLOSED) and AwaitingReconsent
 *                  is not "true".  Default map: C0001->necessary,
 *                  C0002->analytics, C0003->preferences, C0004->marketing,
 *                  C0005->marketing.  "all".
 *
 *   complianz      cookies "cmplz_<category>=allow|deny", fed one by one
 *                  to cc_bridge_complianz_add() with the name after the
 *                  "cmplz_" prefix.  Category cookies: functional,
 *                  preferences, statistics, statistics-anonymous,
 *                  marketing; any other suffix (banner-status,
 *                  consented_services, policy_id, ...) is ignored.
 *                  Decided once at least one of preferences, statistics,
 *                  statistics-anonymous or marketing is present
 *                  (cmplz_functional alone does not decide: it is always
 *                  "allow" and says nothing about a choice).  Default map:
 *                  functional->necessary, preferences->preferences,
 *                  statistics->analytics, marketing->marketing;
 *                  statistics-anonymous has no default, so it grants
 *                  nothing unless mapped (map=statistics-anonymous:
 *                  analytics) or named like one of our categories.
 *                  "all".
 *
 *   tarteaucitron  cookie "tarteaucitron": "!gtag=true!facebookpixel=false
 *                  !youtube=wait" (percent-decoded first if it contains
 *                  '%').  Each entry is NAME=true|false|wait; "wait" is
 *                  neither a grant nor a refusal.  Decided when at least
 *                  one entry other than "tarteaucitron" is true or false.
 *                  Default map: gtag, analytics, gajs, multiplegtag,
 *                  googletagmanager, matomo, hotjar -> analytics;
 *                  facebookpixel, linkedininsighttag, twitter, adsense,
 *                  googleads, googleadwordsconversion,
 *                  googleadwordsremarketing -> marketing.  Embeds (youtube,
 *                  vimeo, ...) have no default: map them explicitly
 *                  (map=youtube:marketing), otherwise they grant nothing.
 *                  "any".
 *
 *   tcf            cookie "euconsent-v2": IAB TCF v2.2 TC string.  The core
 *                  segment (before the first '.') is base64url without
 *                  padding (standard '+' '/' and trailing '=' tolerated).
 *                  Required: Version == 2, TcfPolicyVersion >= 4,
 *                  IsServiceSpecific == 1, and a structurally complete
 *                  core segment (vendor consent, vendor legitimate
 *                  interest and publisher restriction sections must fit).
 *                  LastUpdated -> issued.  Every valid string is decided.
 *                  Purpose 1 (store and/or access information on a device)
 *                  must be consented for anything to be granted.  Default
 *                  map: purposes 2, 3, 4 -> marketing (basic ads, ad
 *                  profile, personalised ads); 7, 8, 9, 10 -> analytics
 *                  (measurement, audience research, product development);
 *                  purposes 5, 6 and 11+ have no default.  "all": marketing
 *                  needs 2, 3 and 4; analytics needs 7, 8, 9 and 10.  The
 *                  map table overrides per purpose number (map=7:analytics,
 *                  map=10:none); "theirs" is compared as a decimal number.
 */

#ifndef CC_BRIDGE_H
#define CC_BRIDGE_H

#include <stddef.h>
#include <stdint.h>


/*
 * Not exported from the module's shared object: nginx loads modules
 * RTLD_GLOBAL, where these names could meet another module's.
 */
#pragma GCC visibility push(hidden)


#define CC_BRIDGE_MAX_LEN        4096    /* longest accepted cookie value */
#define CC_BRIDGE_NAME_MAX       128     /* longest name of theirs compared */
#define CC_BRIDGE_ID_MAX         64      /* longest consent id kept */
#define CC_BRIDGE_MAX_DEPTH      32      /* JSON nesting limit */
#define CC_BRIDGE_ALL            0xffffffffU

/* cc_bridge_conf_t.flags */
#define CC_BRIDGE_F_ALERT_CLOSED       0x0001  /* OptanonAlertBoxClosed set */
#define CC_BRIDGE_F_OUTSIDE_UNDECIDED  0x0002  /* Cookiebot "-1": undecided */


enum {
    CC_BRIDGE_COOKIECONSENT = 0,
    CC_BRIDGE_KLARO,
    CC_BRIDGE_COOKIEBOT,
    CC_BRIDGE_ONETRUST,
    CC_BRIDGE_COMPLIANZ,
    CC_BRIDGE_TARTEAUCITRON,
    CC_BRIDGE_TCF,
    CC_BRIDGE_NSOURCES
};


/* returns our category index (0 = necessary) or -1 when unknown */
typedef int (*cc_bridge_category_pt)(void *data, const unsigned char *name,
    size_t len);


/* one map=THEIRS:OURS directive argument */
typedef struct {
    const unsigned char    *theirs;
    size_t                  theirs_len;
    const unsigned char    *ours;
    size_t                  ours_len;
} cc_bridge_map_t;


typedef struct {
    const cc_bridge_map_t  *map;        /* may be NULL when nmap == 0 */
    size_t                  nmap;
    cc_bridge_category_pt   category;   /* NULL: only necessary resolves */
    void                   *data;       /* passed to category() */
    long long               now;        /* seconds since epoch */
    unsigned                flags;      /* CC_BRIDGE_F_* */
} cc_bridge_conf_t;


typedef struct {
    int                     decided;
    int                     expired;         /* cookieconsent: too old */
    int                     outside_region;  /* cookiebot: value "-1" */
    uint32_t                granted;         /* final: what to enforce */
    uint32_t                accepted;        /* categories with a "yes" */
    uint32_t                denied;          /* categories with a "no" */
    long long               expires;         /* seconds, -1 if absent */
    long long               issued;          /* seconds, -1 if absent */
    long long               revision;        /* -1 if absent */
    size_t                  id_len;          /* 0 if absent or unusable */
    unsigned char           id[CC_BRIDGE_ID_MAX];
} cc_bridge_result_t;


/*
 * Initial state: undecided, granted = 1 (necessary), accepted = denied
 * = 0, expires = issued = revision = -1, no id.  Every parser starts
 * from it; cc_bridge_complianz_add() accumulates onto it.
 */
void cc_bridge_result_init(cc_bridge_result_t *r);

/* "cookieconsent", ... "tcf" (ASCII case-insensitive) -> enum, or -1 */
int cc_bridge_source(const unsigned char *name, size_t len);
/* enum -> "cookieconsent", ...; NULL when out of range */
const char *cc_bridge_source_name(int source);
/* enum -> the cookie read: "cc_cookie", ..., "cmplz_" (a prefix), ... */
const char *cc_bridge_cookie_name(int source);
/* 1 when cc_bridge_cookie_name() is a name prefix (complianz) */
int cc_bridge_cookie_is_prefix(int source);
/* a second cookie the source needs ("OptanonAlertBoxClosed"), or NULL */
const char *cc_bridge_aux_cookie_name(int source);

/*
 * Percent-decodes src into dst (which may be src itself): "%XX" becomes
 * one byte, every other byte, including '+', is copied.  Returns the
 * decoded length, or -1 on a malformed escape or when the result does
 * not fit in dst_size bytes.
 */
long cc_bridge_urldecode(unsigned char *dst, size_t dst_size,
    const unsigned char *src, size_t len);

int cc_bridge_cookieconsent(const cc_bridge_conf_t *conf,
    const unsigned char *value, size_t len, cc_bridge_result_t *r);
int cc_bridge_klaro(const cc_bridge_conf_t *conf,
    const unsigned char *value, size_t len, cc_bridge_result_t *r);
int cc_bridge_cookiebot(const cc_bridge_conf_t *conf,
    const unsigned char *value, size_t len, cc_bridge_result_t *r);
int cc_bridge_onetrust(const cc_bridge_conf_t *conf,
    const unsigned char *value, size_t len, cc_bridge_result_t *r);
int cc_bridge_tarteaucitron(const cc_bridge_conf_t *conf,
    const unsigned char *value, size_t len, cc_bridge_result_t *r);
int cc_bridge_tcf(const cc_bridge_conf_t *conf,
    const unsigned char *value, size_t len, cc_bridge_result_t *r);

/*
 * Complianz: call once per "cmplz_*" cookie, with the name after the
 * "cmplz_" prefix, on a result prepared by cc_bridge_result_init().
 * Returns 0 when the cookie was taken into account, 1 when the name is
 * not a category cookie (ignored), -1 when the value is neither "allow"
 * nor "deny" or a length is over the maximum (the result is unchanged).
 */
int cc_bridge_complianz_add(cc_bridge_result_t *r,
    const unsigned char *name, size_t name_len,
    const unsigned char *value, size_t value_len,
    const cc_bridge_conf_t *conf);

/*
 * Dispatches on source to the parsers above.  CC_BRIDGE_COMPLIANZ (which
 * reads several cookies) and unknown sources return -1 with r
 * initialised: use cc_bridge_complianz_add() for Complianz.
 */
int cc_bridge_parse(int source, const cc_bridge_conf_t *conf,
    const unsigned char *value, size_t len, cc_bridge_result_t *r);

#pragma GCC visibility pop

#endif /* CC_BRIDGE_H */
