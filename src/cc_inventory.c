/*
 * nginx-cookie-consent: the cookie inventory (see cc_inventory.h).
 *
 * Open addressing: a name's FNV-1a hash picks its first slot, and the
 * next CC_INV_PROBES slots are tried in turn.  A free slot is claimed with
 * a compare-and-swap of its state from 0 to 1; the claimer writes the
 * name and publishes it with a release store of 2.  Readers only look at
 * slots in state 2 (acquire).  Two workers seeing a new name at once may
 * both claim a slot for it: it is then listed twice, never lost.
 */

#include <string.h>

#include "cc_inventory.h"
#include "cc_util.h"


static uint32_t cc_inv_hash(const unsigned char *p, size_t len);
static void cc_inv_max(int64_t *p, int64_t v);
static void cc_inv_min(int64_t *p, int64_t v);


uint32_t
cc_inv_capacity(size_t bytes)
{
    if (bytes < sizeof(cc_inv_t) + sizeof(cc_inv_entry_t)) {
        return 0;
    }

    return (uint32_t) ((bytes - sizeof(cc_inv_t)) / sizeof(cc_inv_entry_t));
}


size_t
cc_inv_size(uint32_t nentries)
{
    return sizeof(cc_inv_t) + (size_t) nentries * sizeof(cc_inv_entry_t);
}


void
cc_inv_init(cc_inv_t *inv, uint32_t nentries)
{
    memset(inv, 0, cc_inv_size(nentries));
    inv->nentries = nentries;
}


static uint32_t
cc_inv_hash(const unsigned char *p, size_t len)
{
    uint32_t  h;

    h = 2166136261u;

    while (len--) {
        h ^= *p++;
        h *= 16777619u;
    }

    return h;
}


static void
cc_inv_max(int64_t *p, int64_t v)
{
    int64_t  old;

    old = __atomic_load_n(p, __ATOMIC_RELAXED);

    while (v > old
           && !__atomic_compare_exchange_n(p, &old, v, 1, __ATOMIC_RELAXED,
                                           __ATOMIC_RELAXED))
    {
        /* old is reloaded */
    }
}


static void
cc_inv_min(int64_t *p, int64_t v)
{
    int64_t  old;

    old = __atomic_load_n(p, __ATOMIC_RELAXED);

    while ((old == 0 || v < old)
           && !__atomic_compare_exchange_n(p, &old, v, 1, __ATOMIC_RELAXED,
                                           __ATOMIC_RELAXED))
    {
        /* old is reloaded */
    }
}


uint32_t
cc_inv_attr_hash(const unsigned char *p, size_t len)
{
    uint32_t  h;

    h = cc_util_hash(p, len);

    return h ? h : 1;
}


/*
 * The ready entry of a name, or NULL: where cc_inv_count() and a
 * worker's memo of its last sightings (ngx_http_cookie_consent_inventory.c)
 * find it
 */

cc_inv_entry_t *
cc_inv_find(cc_inv_t *inv, const unsigned char *name, size_t len)
{
    uint32_t         h, i, n;
    cc_inv_entry_t  *e;

    if (len == 0 || len > CC_INV_NAME_MAX || inv->nentries == 0) {
        return NULL;
    }

    h = cc_inv_hash(name, len);

    for (n = 0; n < CC_INV_PROBES && n < inv->nentries; n++) {

        i = (uint32_t) ((h + n) % inv->nentries);
        e = &inv->entries[i];

        if (__atomic_load_n(&e->state, __ATOMIC_ACQUIRE) != 2) {
            return NULL;            /* free or being filled */
        }

        if (e->hash == h && e->name_len == len
            && memcmp(e->name, name, len) == 0)
        {
            return e;
        }
    }

    return NULL;
}


/*
 * A sighting of an entry's name with the category and the attributes
 * (their hash) it was last recorded with: counted, 0; else -1, and it is
 * to be recorded
 */

int
cc_inv_again(cc_inv_entry_t *e, int category, unsigned where,
    uint32_t attr_hash, int64_t now)
{
    if ((where & CC_INV_RESPONSE
         && (attr_hash == 0
             || __atomic_load_n(&e->attr_hash, __ATOMIC_RELAXED)
                != attr_hash))
        || (__atomic_load_n(&e->where, __ATOMIC_RELAXED) & where) != where
        || __atomic_load_n(&e->category, __ATOMIC_RELAXED) != category)
    {
        return -1;
    }

    __atomic_add_fetch(&e->count, 1, __ATOMIC_RELAXED);
    cc_inv_max(&e->last, now);

    return 0;
}


int
cc_inv_count(cc_inv_t *inv, const unsigned char *name, size_t len,
    int category, unsigned where, uint32_t attr_hash, int64_t now)
{
    cc_inv_entry_t  *e;

    e = cc_inv_find(inv, name, len);

    if (e == NULL) {
        return -1;                  /* not there yet: record it */
    }

    return cc_inv_again(e, category, where, attr_hash, now);
}


int
cc_inv_record(cc_inv_t *inv, const unsigned char *name, size_t len,
    int category, unsigned where, unsigned attrs, int64_t lifetime,
    uint32_t attr_hash, const unsigned char *path, size_t path_len,
    int64_t now)
{
    uint32_t         h, i, n, state, expected;
    cc_inv_entry_t  *e;

    if (len == 0 || inv->nentries == 0) {
        return -1;
    }

    if (len > CC_INV_NAME_MAX) {
        len = CC_INV_NAME_MAX;
        attrs |= CC_INV_CUT;
    }

    h = cc_inv_hash(name, len);

    for (n = 0; n < CC_INV_PROBES && n < inv->nentries; n++) {

        i = (uint32_t) ((h + n) % inv->nentries);
        e = &inv->entries[i];

        state = __atomic_load_n(&e->state, __ATOMIC_ACQUIRE);

        if (state == 0) {
            expected = 0;

            if (!__atomic_compare_exchange_n(&e->state, &expected, 1, 0,
                                             __ATOMIC_ACQUIRE,
                                             __ATOMIC_ACQUIRE))
            {
                n--;                /* taken meanwhile: look at it again */
                continue;
            }

            e->hash = h;
            e->name_len = (uint32_t) len;
            memcpy(e->name, name, len);

            if (path_len > CC_INV_PATH_MAX) {
                path_len = CC_INV_PATH_MAX;
            }

            e->path_len = (uint32_t) path_len;
            memcpy(e->path, path, path_len);

            e->category = category;
            e->first = now;
            e->last = now;
            e->lifetime = (where & CC_INV_RESPONSE) ? lifetime : 0;
            e->attrs = attrs;
            e->where = where;
            e->attr_hash = attr_hash;
            e->count = 1;

            __atomic_store_n(&e->state, 2, __ATOMIC_RELEASE);
            __atomic_add_fetch(&inv->used, 1, __ATOMIC_RELAXED);

            return 0;
        }

        if (state != 2 || e->hash != h || e->name_len != len
            || memcmp(e->name, name, len) != 0)
        {
            continue;
        }

        /*
         * the count is the one write of most sightings: the rest is
         * written only when it changes (a locked write per field would
         * pass the cache line between workers for nothing)
         */

        __atomic_add_fetch(&e->count, 1, __ATOMIC_RELAXED);

        if ((__atomic_load_n(&e->attrs, __ATOMIC_RELAXED) & attrs) != attrs) {
            __atomic_or_fetch(&e->attrs, attrs, __ATOMIC_RELAXED);
        }

        if ((__atomic_load_n(&e->where, __ATOMIC_RELAXED) & where) != where) {
            __atomic_or_fetch(&e->where, where, __ATOMIC_RELAXED);
        }

        if (__atomic_load_n(&e->category, __ATOMIC_RELAXED) != category) {
            __atomic_store_n(&e->category, category, __ATOMIC_RELAXED);
        }

        cc_inv_max(&e->last, now);
        cc_inv_min(&e->first, now);

        if (where & CC_INV_RESPONSE) {
            cc_inv_max(&e->lifetime, lifetime);
        }

        if (attr_hash
            && __atomic_load_n(&e->attr_hash, __ATOMIC_RELAXED) != attr_hash)
        {
            __atomic_store_n(&e->attr_hash, attr_hash, __ATOMIC_RELAXED);
        }

        return 0;
    }

    __atomic_add_fetch(&inv->dropped, 1, __ATOMIC_RELAXED);

    return -1;
}


size_t
cc_inv_json(unsigned char *out, const unsigned char *s, size_t len)
{
    unsigned char  *p;

    static const char  hex[] = "0123456789abcdef";

    p = out;

    while (len--) {
        if (*s < 0x20 || *s > 0x7e || *s == '"' || *s == '\\'
            || *s == '<' || *s == '>' || *s == '&')
        {
            *p++ = '\\';
            *p++ = 'u';
            *p++ = '0';
            *p++ = '0';
            *p++ = hex[*s >> 4];
            *p++ = hex[*s & 0xf];

        } else {
            *p++ = *s;
        }

        s++;
    }

    return (size_t) (p - out);
}


size_t
cc_inv_csv(unsigned char *out, const unsigned char *s, size_t len)
{
    unsigned char  *p;

    p = out;

    *p++ = '"';

    if (len && (*s == '=' || *s == '+' || *s == '-' || *s == '@'
                || *s == '\t' || *s == '\r'))
    {
        *p++ = '\'';
    }

    while (len--) {
        if (*s == '"') {
            *p++ = '"';
            *p++ = '"';

        } else if (*s >= 0x20 && *s != 0x7f) {
            *p++ = *s;
        }

        s++;
    }

    *p++ = '"';

    return (size_t) (p - out);
}
