/*
 * Unit tests of the cookie inventory (src/cc_inventory.c): counting,
 * bounds (names, paths, entries), concurrent writers, the JSON and CSV
 * escapes.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>

#include "cc_test.h"
#include "cc_inventory.h"


#define S(s)  (const unsigned char *) (s), sizeof(s) - 1


static cc_inv_entry_t *
find(cc_inv_t *inv, const char *name)
{
    uint32_t  i;

    for (i = 0; i < inv->nentries; i++) {
        if (inv->entries[i].state == 2
            && inv->entries[i].name_len == strlen(name)
            && memcmp(inv->entries[i].name, name, strlen(name)) == 0)
        {
            return &inv->entries[i];
        }
    }

    return NULL;
}


static void
test_counting(void)
{
    cc_inv_t        *inv;
    cc_inv_entry_t  *e;

    CC_CHECK_INT(cc_inv_capacity(10), 0);
    CC_CHECK_INT(cc_inv_capacity(cc_inv_size(64)), 64);

    inv = malloc(cc_inv_size(64));
    cc_inv_init(inv, 64);

    CC_CHECK_INT(cc_inv_record(inv, S("_ga"), 2, CC_INV_RESPONSE,
                               CC_INV_SECURE, 63072000, 7, S("/"), 100), 0);
    CC_CHECK_INT(cc_inv_record(inv, S("_ga"), 2, CC_INV_REQUEST, 0, 0,
                               0, S("/shop"), 90), 0);
    CC_CHECK_INT(cc_inv_record(inv, S("_ga"), 2, CC_INV_RESPONSE,
                               CC_INV_SS_LAX, CC_INV_SESSION, 9, S("/x"),
                               120),
                 0);
    CC_CHECK_INT(cc_inv_record(inv, S("sid"), 0, CC_INV_REQUEST, 0, 0,
                               0, S("/"), 100), 0);
    CC_CHECK_INT(cc_inv_record(inv, (const unsigned char *) "", 0, -1,
                               CC_INV_REQUEST, 0, 0, 0, S("/"), 100),
                 -1);

    /* the same attributes as last time: counted without reading them */

    CC_CHECK_INT(cc_inv_count(inv, S("_ga"), 2, CC_INV_RESPONSE, 9, 130),
                 0);
    CC_CHECK_INT(cc_inv_count(inv, S("_ga"), 2, CC_INV_RESPONSE, 7, 130),
                 -1);
    CC_CHECK_INT(cc_inv_count(inv, S("_ga"), 3, CC_INV_RESPONSE, 9, 130),
                 -1);
    CC_CHECK_INT(cc_inv_count(inv, S("nope"), 2, CC_INV_RESPONSE, 9, 130),
                 -1);
    CC_CHECK_INT(cc_inv_count(inv, S("_ga"), 2, CC_INV_RESPONSE, 0, 130),
                 -1);
    /* a request's cookie: no attributes, seen in requests, same category */

    CC_CHECK_INT(cc_inv_count(inv, S("sid"), 0, CC_INV_REQUEST, 0, 140), 0);
    CC_CHECK_INT(cc_inv_count(inv, S("sid"), 1, CC_INV_REQUEST, 0, 140),
                 -1);
    CC_CHECK_INT(cc_inv_count(inv, S("sid"), 0, CC_INV_RESPONSE, 9, 140),
                 -1);

    e = find(inv, "sid");
    CC_CHECK(e != NULL);

    if (e) {
        CC_CHECK_INT(e->count, 2);
        CC_CHECK_INT(e->last, 140);
        CC_CHECK_INT(e->where, CC_INV_REQUEST);
    }

    CC_CHECK(cc_inv_attr_hash(S("; Path=/")) != 0);
    CC_CHECK(cc_inv_attr_hash(S("; Path=/"))
             != cc_inv_attr_hash(S("; Path=/a")));

    e = find(inv, "_ga");
    CC_CHECK(e != NULL);

    if (e) {
        CC_CHECK_INT(e->count, 4);
        CC_CHECK_INT(e->where, CC_INV_RESPONSE | CC_INV_REQUEST);
        CC_CHECK_INT(e->attrs, CC_INV_SECURE | CC_INV_SS_LAX);
        CC_CHECK_INT(e->lifetime, 63072000);
        CC_CHECK_INT(e->first, 90);
        CC_CHECK_INT(e->last, 130);
        CC_CHECK_STR(e->path, e->path_len, "/");
        CC_CHECK_INT(e->category, 2);
    }

    CC_CHECK_INT(inv->used, 2);
    CC_CHECK_INT(inv->dropped, 0);

    free(inv);
}


static void
test_bounds(void)
{
    int              i, dropped;
    char             name[32];
    cc_inv_t        *inv;
    cc_inv_entry_t  *e;
    unsigned char    big[1000];

    inv = malloc(cc_inv_size(8));
    cc_inv_init(inv, 8);

    memset(big, 'a', sizeof(big));

    CC_CHECK_INT(cc_inv_record(inv, big, sizeof(big), -1, CC_INV_REQUEST, 0,
                               0, 0, big, sizeof(big), 1), 0);

    e = NULL;

    for (i = 0; i < 8; i++) {
        if (inv->entries[i].state == 2) {
            e = &inv->entries[i];
        }
    }

    CC_CHECK(e != NULL);

    if (e) {
        CC_CHECK_INT(e->name_len, CC_INV_NAME_MAX);
        CC_CHECK_INT(e->path_len, CC_INV_PATH_MAX);
        CC_CHECK(e->attrs & CC_INV_CUT);
    }

    /* a full table counts what does not fit */

    dropped = 0;

    for (i = 0; i < 100; i++) {
        snprintf(name, sizeof(name), "n%d", i);

        if (cc_inv_record(inv, (unsigned char *) name, strlen(name), -1,
                          CC_INV_REQUEST, 0, 0, 0, S("/"), 1)
            != 0)
        {
            dropped++;
        }
    }

    CC_CHECK_INT(inv->used, 8);
    CC_CHECK_INT(inv->dropped, dropped);
    CC_CHECK_INT(dropped, 93);

    free(inv);
}


static cc_inv_t  *shared;


static void *
writer(void *arg)
{
    int   i;
    char  name[16];

    (void) arg;

    for (i = 0; i < 20000; i++) {
        snprintf(name, sizeof(name), "c%d", i % 50);
        (void) cc_inv_record(shared, (unsigned char *) name, strlen(name), 1,
                             CC_INV_REQUEST, 0, 0, 0, S("/"), i);
    }

    return NULL;
}


static void
test_threads(void)
{
    int         i;
    uint64_t    total;
    uint32_t    j;
    pthread_t   t[4];

    shared = malloc(cc_inv_size(256));
    cc_inv_init(shared, 256);

    for (i = 0; i < 4; i++) {
        pthread_create(&t[i], NULL, writer, NULL);
    }

    for (i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
    }

    total = 0;

    for (j = 0; j < shared->nentries; j++) {
        if (shared->entries[j].state == 2) {
            total += shared->entries[j].count;
        }
    }

    /* every sighting counted; a name may be listed twice, never lost */
    CC_CHECK_INT(total, 80000);
    CC_CHECK(shared->used >= 50 && shared->used <= 200);
    CC_CHECK_INT(shared->dropped, 0);

    free(shared);
}


static void
test_escapes(void)
{
    size_t         n;
    unsigned char  out[256];

    n = cc_inv_json(out, S("a\"b\\c<d>\x01\xff"));
    CC_CHECK_STR(out, n, "a\\u0022b\\u005cc\\u003cd\\u003e\\u0001\\u00ff");

    n = cc_inv_csv(out, S("=cmd|' /C calc'!A0"));
    CC_CHECK_STR(out, n, "\"'=cmd|' /C calc'!A0\"");

    n = cc_inv_csv(out, S("a\"b\nc"));
    CC_CHECK_STR(out, n, "\"a\"\"bc\"");

    n = cc_inv_csv(out, S("-1+1"));
    CC_CHECK_STR(out, n, "\"'-1+1\"");
}


int
main(int argc, char **argv)
{
    (void) argc;

    test_counting();
    test_bounds();
    test_threads();
    test_escapes();

    return cc_test_done(argv[0]);
}
