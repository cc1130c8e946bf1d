/*
 * nginx-cookie-consent: the cookie inventory, a bounded table of the cookie
 * names a site really sets and receives, in memory shared by processes.
 *
 * nginx-free: the table lives in any memory block (nginx puts it in a
 * shared memory zone); every update is lock-free (atomic compare-and-swap
 * to claim an entry, atomic adds for counts), so a worker never waits for
 * another.  Names come from visitors and backends: they are cut at
 * CC_INV_NAME_MAX bytes, entries are never more than the table holds
 * (what does not fit is counted in "dropped"), and the writers below
 * escape every byte for JSON and CSV.  Never a cookie value.
 */

#ifndef CC_INVENTORY_H
#define CC_INVENTORY_H

#include <stddef.h>
#include <stdint.h>


#define CC_INV_NAME_MAX     64
#define CC_INV_PATH_MAX     96
#define CC_INV_PROBES       32

/* where a name was seen */
#define CC_INV_RESPONSE     0x01        /* Set-Cookie */
#define CC_INV_REQUEST      0x02        /* Cookie */

/* attributes seen on its Set-Cookie lines */
#define CC_INV_SECURE       0x01
#define CC_INV_HTTPONLY     0x02
#define CC_INV_SS_STRICT    0x04
#define CC_INV_SS_LAX       0x08
#define CC_INV_SS_NONE      0x10
#define CC_INV_CUT          0x20        /* the name was longer */

#define CC_INV_SESSION      (-1)        /* lifetime: no Max-Age, Expires */


typedef struct {
    uint32_t                state;      /* 0 free, 1 claimed, 2 ready */
    uint32_t                hash;
    uint64_t                count;
    int64_t                 first;      /* seconds */
    int64_t                 last;
    int64_t                 lifetime;   /* longest, seconds, or SESSION */
    uint32_t                attrs;
    uint32_t                where;
    uint32_t                attr_hash;  /* of the last Set-Cookie read */
    int32_t                 category;   /* -1: not classified */
    uint32_t                name_len;
    uint32_t                path_len;
    unsigned char           name[CC_INV_NAME_MAX];
    unsigned char           path[CC_INV_PATH_MAX];
} cc_inv_entry_t;


typedef struct {
    uint32_t                nentries;
    uint32_t                reserved;
    uint64_t                used;
    uint64_t                dropped;
    cc_inv_entry_t          entries[];
} cc_inv_t;


/* entries a block of this many bytes holds (0: too small) */
uint32_t cc_inv_capacity(size_t bytes);
size_t cc_inv_size(uint32_t nentries);
void cc_inv_init(cc_inv_t *inv, uint32_t nentries);

/*
 * Counts one sighting of a name: 0 when counted, -1 when the table is full
 * around its place (counted in dropped) or the name is empty
 */
int cc_inv_record(cc_inv_t *inv, const unsigned char *name, size_t len,
    int category, unsigned where, unsigned attrs, int64_t lifetime,
    uint32_t attr_hash, const unsigned char *path, size_t path_len,
    int64_t now);

/*
 * The attributes of a Set-Cookie line (the text after its first ';')
 * hashed, never 0.  A sighting whose name has an entry that read the same
 * attributes last (cc_inv_count(): 0) adds nothing but its count and
 * time, so the caller need not read them again; else (-1, nothing done)
 * the caller reads them and calls cc_inv_record() with the hash.  A
 * request's cookie (where: CC_INV_REQUEST) has no attributes: its entry
 * needs only to have been seen in requests with that category.
 */
uint32_t cc_inv_attr_hash(const unsigned char *p, size_t len);
cc_inv_entry_t *cc_inv_find(cc_inv_t *inv, const unsigned char *name,
    size_t len);
int cc_inv_again(cc_inv_entry_t *e, int category, unsigned where,
    uint32_t attr_hash, int64_t now);
int cc_inv_count(cc_inv_t *inv, const unsigned char *name, size_t len,
    int category, unsigned where, uint32_t attr_hash, int64_t now);

/*
 * Writes s as the inside of a JSON string (every byte below 0x20, '"',
 * '\\' and every byte over 0x7e as \u00XX): at most 6 * len bytes
 */
size_t cc_inv_json(unsigned char *out, const unsigned char *s, size_t len);

/*
 * Writes s as one CSV field: always quoted, '"' doubled, control bytes
 * dropped, and a leading '=', '+', '-', '@' behind a "'" so that no
 * spreadsheet reads a formula: at most 2 * len + 3 bytes
 */
size_t cc_inv_csv(unsigned char *out, const unsigned char *s, size_t len);

#endif /* CC_INVENTORY_H */
