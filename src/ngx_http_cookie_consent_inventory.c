/*
 * nginx-cookie-consent: the cookie inventory of cookie_consent_zone.
 *
 * With a zone, the cookie names the module reads, classified or not, in
 * Set-Cookie lines (not deletions: header_filter.c) and in requests'
 * Cookie headers (state.c), are sightings for the lock-free table in the
 * rest of the zone (src/cc_inventory.c): where a name was seen, how
 * often, the attributes and longest lifetime of its Set-Cookie lines, a
 * path where it was seen.  The status location (status_output.c) writes
 * the table out as part of the JSON answer, as CSV ("?format=csv") or as
 * catalog JSON of the names no rule classifies ("?format=catalog").
 * Never a cookie value.
 */


#include "ngx_http_cookie_consent_status_zone.h"


typedef struct ngx_http_cookie_consent_imemo_s
    ngx_http_cookie_consent_imemo_t;

static ngx_http_cookie_consent_imemo_t *ngx_http_cookie_consent_imemo_slot(
    u_char *name, size_t len, ngx_str_t *attrs);
static ngx_uint_t ngx_http_cookie_consent_imemo_name(
    ngx_http_cookie_consent_imemo_t *m, void *lcf, unsigned where,
    u_char *name, size_t len);
static int ngx_http_cookie_consent_inv_category(ngx_int_t cls,
    ngx_uint_t unclassified);
static ngx_inline ngx_uint_t ngx_http_cookie_consent_imemo_attrs(
    ngx_http_cookie_consent_imemo_t *m, size_t len, u_char *attrs,
    size_t alen);
static ngx_inline ngx_int_t ngx_http_cookie_consent_imemo_count(
    ngx_http_request_t *r, ngx_http_cookie_consent_imemo_t *m,
    unsigned where, ngx_int_t *cls, ngx_uint_t *unclassified);
static void ngx_http_cookie_consent_iseq_keep(void *lcf, ngx_uint_t line,
    ngx_http_cookie_consent_imemo_t *m);


/*
 * One sighting for the inventory; the attributes of a Set-Cookie line
 * (from its first ';') are read.  Returns their hash, 0 for a request's
 * cookie or without a zone.
 */

uint32_t
ngx_http_cookie_consent_saw_cookie(ngx_http_request_t *r, u_char *name,
    size_t len, ngx_int_t category, ngx_str_t *attrs)
{
    u_char                         *p, *end, *a, *v;
    size_t                          alen, vlen;
    time_t                          expires;
    int64_t                         lifetime, max_age;
    uint32_t                        ah;
    unsigned                        flags, where;
    ngx_uint_t                      has_max_age;
    ngx_http_cookie_consent_shm_t  *shm;

    shm = ngx_http_cookie_consent_shm(r);

    if (shm == NULL || shm->inventory == NULL) {
        return 0;
    }

    flags = 0;
    lifetime = 0;

    if (attrs) {
        where = CC_INV_RESPONSE;
        lifetime = CC_INV_SESSION;
        has_max_age = 0;
        max_age = 0;
        expires = NGX_ERROR;

        /* the attributes after the first ';', as RFC 6265bis reads them */

        p = attrs->len ? attrs->data : NULL;
        end = attrs->data + attrs->len;

        /* the same attributes as this name's last: counted, not read */

        ah = cc_inv_attr_hash(attrs->data, attrs->len);

        if (cc_inv_count(shm->inventory, name, len, (int) category,
                         CC_INV_RESPONSE, ah, ngx_time())
            == 0)
        {
            return ah;
        }

        while (p && p < end) {
            p++;

            while (p < end && (*p == ' ' || *p == '\t')) {
                p++;
            }

            a = p;

            while (p < end && *p != ';' && *p != '=') {
                p++;
            }

            alen = p - a;

            while (alen && (a[alen - 1] == ' ' || a[alen - 1] == '\t')) {
                alen--;
            }

            v = p;
            vlen = 0;

            if (p < end && *p == '=') {
                v = ++p;

                while (p < end && *p != ';') {
                    p++;
                }

                vlen = p - v;

                while (vlen && (*v == ' ' || *v == '\t')) {
                    v++;
                    vlen--;
                }

                while (vlen && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t')) {
                    vlen--;
                }
            }

            if (alen == 6 && ngx_strncasecmp(a, (u_char *) "secure", 6) == 0)
            {
                flags |= CC_INV_SECURE;

            } else if (alen == 8
                       && ngx_strncasecmp(a, (u_char *) "httponly", 8) == 0)
            {
                flags |= CC_INV_HTTPONLY;

            } else if (alen == 8
                       && ngx_strncasecmp(a, (u_char *) "samesite", 8) == 0)
            {
                if (vlen == 6
                    && ngx_strncasecmp(v, (u_char *) "strict", 6) == 0)
                {
                    flags |= CC_INV_SS_STRICT;

                } else if (vlen == 4
                           && ngx_strncasecmp(v, (u_char *) "none", 4) == 0)
                {
                    flags |= CC_INV_SS_NONE;

                } else {
                    flags |= CC_INV_SS_LAX;
                }

            } else if (alen == 7
                       && ngx_strncasecmp(a, (u_char *) "max-age", 7) == 0
                       && vlen)
            {
                /* the last one that parses counts */

                if (*v == '-' && vlen > 1
                    && ngx_atoof(v + 1, vlen - 1) != NGX_ERROR)
                {
                    has_max_age = 1;
                    max_age = 0;

                } else if (ngx_atoof(v, vlen) != NGX_ERROR) {
                    has_max_age = 1;
                    max_age = ngx_atoof(v, vlen);
                }

            } else if (alen == 7
                       && ngx_strncasecmp(a, (u_char *) "expires", 7) == 0
                       && vlen)
            {
                expires = ngx_parse_http_time(v, vlen);
            }

            p = memchr(p, ';', end - p);
        }

        if (has_max_age) {
            lifetime = max_age;

        } else if (expires != NGX_ERROR) {
            lifetime = expires > ngx_time() ? expires - ngx_time() : 0;
        }

        if ((has_max_age || expires != NGX_ERROR) && lifetime == 0) {
            return ah;              /* a deletion: no cookie set */
        }

    } else {
        where = CC_INV_REQUEST;
        ah = 0;
    }

    (void) cc_inv_record(shm->inventory, name, len,
                         (int) category, where, flags, lifetime, ah,
                         r->uri.data, r->uri.len, ngx_time());

    return ah;
}


/*
 * The Set-Cookie lines and request cookies this worker counted lately: a
 * site sets the same few names with the same attributes on every
 * response, a browser sends the same names on every request, and each
 * was classified, hashed and looked up in the zone again.  Two slots per
 * hash of the name and where it was seen (with one, a site's twenty
 * names often shared a slot); a slot keeps the location's configuration,
 * where, the name and the attributes' text (not the value; none for a
 * request's cookie), what classify_name() answered and the zone's
 * entry.  A sighting whose name and attributes are a slot's, in the same
 * location, is counted on that entry as long as the entry was last
 * recorded with the same category and attributes (another location or
 * worker may have recorded it since); emptied when a configuration is
 * loaded (a single process reloads in place).
 */

#define NGX_HTTP_COOKIE_CONSENT_IMEMO      256     /* 128 pairs */
#define NGX_HTTP_COOKIE_CONSENT_IMEMO_LEN  256

struct ngx_http_cookie_consent_imemo_s {
    void                       *lcf;
    cc_inv_entry_t             *entry;
    ngx_int_t                   cls;
    uint32_t                    attr_hash;
    uint16_t                    attr_len;
    u_char                      name_len;
    u_char                      unclassified;
    u_char                      where;
    u_char                      data[NGX_HTTP_COOKIE_CONSENT_IMEMO_LEN];
};

static ngx_http_cookie_consent_imemo_t
    ngx_http_cookie_consent_imemo[NGX_HTTP_COOKIE_CONSENT_IMEMO];


/*
 * The slots of the Set-Cookie lines of the last response this worker
 * counted in a location, in their order: the next response there most
 * often sets the same names with the same attributes in the same order,
 * so its n-th line is first compared with the n-th slot, before its name
 * is looked for, hashed and its slot found (saw_line()).  A slot taken
 * since by another name or location does not compare: the line goes the
 * long way.
 */

#define NGX_HTTP_COOKIE_CONSENT_ISEQ  32

static struct {
    void                             *lcf;
    ngx_http_cookie_consent_imemo_t  *slot[NGX_HTTP_COOKIE_CONSENT_ISEQ];
} ngx_http_cookie_consent_iseq;


/*
 * The first of the two slots of a name; attrs: a Set-Cookie line's, NULL
 * for a request's cookie (a name set and sent back, a session's, has two
 * pairs)
 */

static ngx_http_cookie_consent_imemo_t *
ngx_http_cookie_consent_imemo_slot(u_char *name, size_t len,
    ngx_str_t *attrs)
{
    if (len == 0 || len > CC_INV_NAME_MAX
        || len + (attrs ? attrs->len : 0) > NGX_HTTP_COOKIE_CONSENT_IMEMO_LEN)
    {
        return NULL;
    }

    return &ngx_http_cookie_consent_imemo[((cc_util_hash(name, len)
                                            + (attrs == NULL))
                                           % (NGX_HTTP_COOKIE_CONSENT_IMEMO
                                              / 2))
                                          * 2];
}


/* the slot is this location's sighting of the name, where */

static ngx_uint_t
ngx_http_cookie_consent_imemo_name(ngx_http_cookie_consent_imemo_t *m,
    void *lcf, unsigned where, u_char *name, size_t len)
{
    return m->lcf == lcf && m->where == where && m->name_len == len
           && ngx_memcmp(m->data, name, len) == 0;
}


/* the slot's attributes (after its name of len bytes) are these */

static ngx_inline ngx_uint_t
ngx_http_cookie_consent_imemo_attrs(ngx_http_cookie_consent_imemo_t *m,
    size_t len, u_char *attrs, size_t alen)
{
    return m->attr_len == alen
           && (alen == 0 || ngx_memcmp(m->data + len, attrs, alen) == 0);
}


/* the category the inventory records for classify_name()'s answer */

static int
ngx_http_cookie_consent_inv_category(ngx_int_t cls, ngx_uint_t unclassified)
{
    if (unclassified) {
        return -1;
    }

    return (cls >= 0) ? CC_CLASS_CAT(cls) : (int) cls;
}


/*
 * A Set-Cookie line (attrs: its attributes) or a request's cookie (attrs
 * NULL) counted as its slot says, without classifying or reading it:
 * NGX_OK, with *cls and *unclassified as classify_name() would set them;
 * else NGX_DECLINED
 */

ngx_int_t
ngx_http_cookie_consent_saw_again(ngx_http_request_t *r, void *lcf,
    u_char *name, size_t len, ngx_str_t *attrs, ngx_uint_t line,
    ngx_int_t *cls, ngx_uint_t *unclassified)
{
    size_t                            alen;
    unsigned                          where;
    ngx_http_cookie_consent_imemo_t  *m;

    m = ngx_http_cookie_consent_imemo_slot(name, len, attrs);
    if (m == NULL) {
        return NGX_DECLINED;
    }

    where = attrs ? CC_INV_RESPONSE : CC_INV_REQUEST;
    alen = attrs ? attrs->len : 0;

    if (!ngx_http_cookie_consent_imemo_name(m, lcf, where, name, len)) {
        m++;

        if (!ngx_http_cookie_consent_imemo_name(m, lcf, where, name, len)) {
            return NGX_DECLINED;
        }
    }

    if (!ngx_http_cookie_consent_imemo_attrs(m, len,
                                             attrs ? attrs->data : NULL,
                                             alen))
    {
        return NGX_DECLINED;
    }

    if (ngx_http_cookie_consent_imemo_count(r, m, where, cls, unclassified)
        != NGX_OK)
    {
        return NGX_DECLINED;
    }

    if (attrs) {
        ngx_http_cookie_consent_iseq_keep(lcf, line, m);
    }

    return NGX_OK;
}


/*
 * A response's Set-Cookie line (value), the line-th, counted as the
 * line-th of the last response counted in the location when it has that
 * line's name, followed by '=', and its attributes (the text from the
 * first ';' on): NGX_OK, with the name and the attributes as
 * cc_set_cookie_name() finds them and *cls and *unclassified as
 * classify_name() would set them; else NGX_DECLINED
 */

ngx_int_t
ngx_http_cookie_consent_saw_line(ngx_http_request_t *r, void *lcf,
    ngx_str_t *value, ngx_uint_t line, ngx_str_t *name, ngx_str_t *attrs,
    ngx_int_t *cls, ngx_uint_t *unclassified)
{
    u_char                           *p, *end;
    size_t                            len, alen;
    ngx_http_cookie_consent_imemo_t  *m;

    if (ngx_http_cookie_consent_iseq.lcf != lcf
        || line >= NGX_HTTP_COOKIE_CONSENT_ISEQ)
    {
        return NGX_DECLINED;
    }

    m = ngx_http_cookie_consent_iseq.slot[line];

    if (m == NULL || m->lcf != lcf || m->where != CC_INV_RESPONSE) {
        return NGX_DECLINED;
    }

    /*
     * a slot's name has no ';', '=' or white space at either end: the
     * same bytes followed by '=' are the name cc_set_cookie_name() finds
     */

    len = m->name_len;

    if (value->len <= len || value->data[len] != '='
        || ngx_memcmp(value->data, m->data, len) != 0)
    {
        return NGX_DECLINED;
    }

    end = value->data + value->len;

    p = memchr(value->data + len + 1, ';', value->len - len - 1);
    if (p == NULL) {
        p = end;
    }

    alen = end - p;

    if (!ngx_http_cookie_consent_imemo_attrs(m, len, p, alen)) {
        return NGX_DECLINED;
    }

    if (ngx_http_cookie_consent_imemo_count(r, m, CC_INV_RESPONSE, cls,
                                            unclassified)
        != NGX_OK)
    {
        return NGX_DECLINED;
    }

    name->data = value->data;
    name->len = len;
    attrs->data = p;
    attrs->len = alen;

    return NGX_OK;
}


/*
 * a sighting counted on the slot's entry when the entry was last recorded
 * with the slot's category and attributes
 */

static ngx_inline ngx_int_t
ngx_http_cookie_consent_imemo_count(ngx_http_request_t *r,
    ngx_http_cookie_consent_imemo_t *m, unsigned where, ngx_int_t *cls,
    ngx_uint_t *unclassified)
{
    int  cat;

    cat = ngx_http_cookie_consent_inv_category(m->cls, m->unclassified);

    if (cc_inv_again(m->entry, cat, where, m->attr_hash, ngx_time()) != 0) {
        return NGX_DECLINED;
    }

    if (m->unclassified) {
        *unclassified = 1;
        ngx_http_cookie_consent_count(r, NGX_HTTP_COOKIE_CONSENT_C_UNKNOWN, 0);
    }

    *cls = m->cls;

    return NGX_OK;
}


/* the slot of a response's line-th Set-Cookie line in the location */

static void
ngx_http_cookie_consent_iseq_keep(void *lcf, ngx_uint_t line,
    ngx_http_cookie_consent_imemo_t *m)
{
    if (line >= NGX_HTTP_COOKIE_CONSENT_ISEQ) {
        return;
    }

    if (ngx_http_cookie_consent_iseq.lcf != lcf) {
        ngx_memzero(&ngx_http_cookie_consent_iseq,
                    sizeof(ngx_http_cookie_consent_iseq));
        ngx_http_cookie_consent_iseq.lcf = lcf;
    }

    ngx_http_cookie_consent_iseq.slot[line] = m;
}


/*
 * A Set-Cookie line (attrs: its attributes) or a request's cookie (attrs
 * NULL) as saw_cookie() records it, then kept in its slot when the
 * zone's entry has its category and attributes (not a deletion)
 */

void
ngx_http_cookie_consent_saw(ngx_http_request_t *r, void *lcf,
    u_char *name, size_t len, ngx_int_t cls, ngx_uint_t unclassified,
    ngx_str_t *attrs, ngx_uint_t line)
{
    int                               cat;
    size_t                            alen;
    uint32_t                          ah;
    unsigned                          where;
    cc_inv_entry_t                   *e;
    ngx_http_cookie_consent_shm_t    *shm;
    ngx_http_cookie_consent_imemo_t  *m;

    cat = ngx_http_cookie_consent_inv_category(cls, unclassified);

    ah = ngx_http_cookie_consent_saw_cookie(r, name, len, cat, attrs);

    shm = ngx_http_cookie_consent_shm(r);

    if (shm == NULL || shm->inventory == NULL) {
        return;
    }

    m = ngx_http_cookie_consent_imemo_slot(name, len, attrs);
    if (m == NULL) {
        return;
    }

    where = attrs ? CC_INV_RESPONSE : CC_INV_REQUEST;
    alen = attrs ? attrs->len : 0;

    e = cc_inv_find(shm->inventory, name, len);

    if (e == NULL
        || (attrs && __atomic_load_n(&e->attr_hash, __ATOMIC_RELAXED) != ah)
        || __atomic_load_n(&e->category, __ATOMIC_RELAXED) != cat
        || !(__atomic_load_n(&e->where, __ATOMIC_RELAXED) & where))
    {
        return;
    }

    /*
     * the name's slot, else an empty one; else the first slot's sighting
     * moves to the second, whose own is forgotten
     */

    if (m->lcf && !ngx_http_cookie_consent_imemo_name(m, lcf, where, name, len))
    {
        if (m[1].lcf == NULL
            || ngx_http_cookie_consent_imemo_name(&m[1], lcf, where, name,
                                                  len))
        {
            m++;

        } else {
            m[1] = m[0];
        }
    }

    m->lcf = lcf;
    m->entry = e;
    m->cls = cls;
    m->attr_hash = ah;
    m->attr_len = (uint16_t) alen;
    m->name_len = (u_char) len;
    m->unclassified = (u_char) (unclassified != 0);
    m->where = (u_char) where;
    ngx_memcpy(m->data, name, len);

    if (alen) {
        ngx_memcpy(m->data + len, attrs->data, alen);
    }

    if (attrs) {
        ngx_http_cookie_consent_iseq_keep(lcf, line, m);
    }
}


/* a configuration was loaded: no slot points into another's zone */

void
ngx_http_cookie_consent_imemo_init(void)
{
    ngx_memzero(ngx_http_cookie_consent_imemo,
                sizeof(ngx_http_cookie_consent_imemo));
    ngx_memzero(&ngx_http_cookie_consent_iseq,
                sizeof(ngx_http_cookie_consent_iseq));
}


/* the inventory: unclassified names first (JSON "inventory", CSV, catalog) */

u_char *
ngx_http_cookie_consent_inventory_write(ngx_http_request_t *r,
    ngx_http_cookie_consent_shm_t *shm, u_char *p, ngx_uint_t format)
{
    ngx_uint_t                            pass, first, i;
    cc_inv_t                             *inv;
    cc_inv_entry_t                       *e;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    inv = shm->inventory;

    switch (format) {

    case NGX_HTTP_COOKIE_CONSENT_F_CSV:
        p = ngx_sprintf(p, "name,category,seen_in,count,first_seen,"
                        "last_seen,example_path,secure,httponly,samesite,"
                        "longest_lifetime_s\r\n");
        break;

    case NGX_HTTP_COOKIE_CONSENT_F_CATALOG:
        p = ngx_sprintf(p, "{\"version\":1,\"$comment\":\"cookie names "
                        "no rule classifies, seen on this site: give each a "
                        "category, then load the file with "
                        "cookie_consent_catalog (labels are to be written)"
                        "\",\n\"categories\":[");

        mcf = ngx_http_get_module_main_conf(r,
                                            ngx_http_cookie_consent_module);

        for (i = 0; i < mcf->ncategories; i++) {
            p = ngx_sprintf(p, "%s\n{\"name\":\"%V\",%s\"label\":"
                            "{\"en\":\"%V\"}}", i ? "," : "",
                            &mcf->names[i], i ? "" : "\"required\":true,",
                            &mcf->names[i]);
        }

        p = ngx_sprintf(p, "],\n\"cookies\":[");
        break;

    default:
        p = ngx_sprintf(p, "\"inventory\":{\"entries\":%uL,\"capacity\":%uD,"
                        "\"dropped\":%uL,\"cookies\":[",
                        inv ? inv->used : 0, inv ? inv->nentries : 0,
                        inv ? inv->dropped : 0);
        break;
    }

    first = 1;

    for (pass = 0; inv && pass < 2; pass++) {

        for (i = 0; i < inv->nentries; i++) {
            e = &inv->entries[i];

            if (__atomic_load_n(&e->state, __ATOMIC_ACQUIRE) != 2
                || (pass == 0) != (e->category < 0))
            {
                continue;
            }

            if (format == NGX_HTTP_COOKIE_CONSENT_F_CATALOG) {
                if (e->category >= 0) {
                    continue;
                }

                p = ngx_sprintf(p, "%s\n{\"name\":\"", first ? "" : ",");
                p += cc_inv_json(p, e->name, e->name_len);
                p = ngx_sprintf(p, "\",\"category\":\"\",\"$seen\":\"%uL "
                                "times, in %s, at ", e->count,
                                (e->where == 3) ? "responses and requests"
                                : (e->where & CC_INV_RESPONSE) ? "responses"
                                : "requests");
                p += cc_inv_json(p, e->path, e->path_len);
                p = ngx_sprintf(p, "\"}");
                first = 0;
                continue;
            }

            if (format == NGX_HTTP_COOKIE_CONSENT_F_CSV) {
                p += cc_inv_csv(p, e->name, e->name_len);
                p = ngx_sprintf(p, ",%V,%s,%uL,%T,%T,",
                                e->category < 0
                                ? &(ngx_str_t) ngx_string("")
                                : ngx_http_cookie_consent_status_category(r,
                                      (ngx_uint_t) e->category),
                                (e->where == 3) ? "both"
                                : (e->where & CC_INV_RESPONSE) ? "response"
                                : "request",
                                e->count, (time_t) e->first,
                                (time_t) e->last);
                p += cc_inv_csv(p, e->path, e->path_len);
                p = ngx_sprintf(p, ",%s,%s,%s,%L\r\n",
                                (e->attrs & CC_INV_SECURE) ? "yes" : "no",
                                (e->attrs & CC_INV_HTTPONLY) ? "yes" : "no",
                                (e->attrs & CC_INV_SS_NONE) ? "none"
                                : (e->attrs & CC_INV_SS_LAX) ? "lax"
                                : (e->attrs & CC_INV_SS_STRICT) ? "strict"
                                : "",
                                (int64_t) e->lifetime);
                continue;
            }

            p = ngx_sprintf(p, "%s{\"name\":\"", first ? "" : ",");
            p += cc_inv_json(p, e->name, e->name_len);
            p = ngx_sprintf(p, "\",\"cut\":%s,\"category\":",
                            (e->attrs & CC_INV_CUT) ? "true" : "false");

            if (e->category < 0) {
                p = ngx_sprintf(p, "null");

            } else {
                p = ngx_sprintf(p, "\"%V\"",
                                ngx_http_cookie_consent_status_category(r,
                                    (ngx_uint_t) e->category));
            }

            p = ngx_sprintf(p, ",\"response\":%s,\"request\":%s,"
                            "\"count\":%uL,\"first_seen\":%T,"
                            "\"last_seen\":%T,\"example_path\":\"",
                            (e->where & CC_INV_RESPONSE) ? "true" : "false",
                            (e->where & CC_INV_REQUEST) ? "true" : "false",
                            e->count, (time_t) e->first, (time_t) e->last);
            p += cc_inv_json(p, e->path, e->path_len);
            p = ngx_sprintf(p, "\",\"secure\":%s,\"httponly\":%s,"
                            "\"samesite\":\"%s\",\"longest_lifetime\":%L}",
                            (e->attrs & CC_INV_SECURE) ? "true" : "false",
                            (e->attrs & CC_INV_HTTPONLY) ? "true" : "false",
                            (e->attrs & CC_INV_SS_NONE) ? "none"
                            : (e->attrs & CC_INV_SS_LAX) ? "lax"
                            : (e->attrs & CC_INV_SS_STRICT) ? "strict" : "",
                            (int64_t) e->lifetime);
            first = 0;
        }
    }

    switch (format) {

    case NGX_HTTP_COOKIE_CONSENT_F_CSV:
        break;

    case NGX_HTTP_COOKIE_CONSENT_F_CATALOG:
        p = ngx_sprintf(p, "\n]}\n");
        break;

    default:
        p = ngx_sprintf(p, "]}");
        break;
    }

    return p;
}
