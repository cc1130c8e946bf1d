/*
 * libFuzzer target: the choice of the banner's language (src/cc_i18n.c).
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
 *       fuzz/fuzz_i18n.c src/cc_i18n.c -o fuzz_i18n
 *   ./fuzz_i18n -max_total_time=30
 *
 * The input is split at its first NUL byte: the bytes before are the
 * <html lang> value, the bytes after the Accept-Language header (the
 * whole input is the header when there is no NUL).  Each part is copied
 * into a buffer of its exact size, so a read past the end is caught.
 * Built with -DCC_FUZZ_STANDALONE, it runs the files named on the command
 * line instead (no libFuzzer needed).
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cc_i18n.h"


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);


static unsigned char *
fuzz_copy(const uint8_t *p, size_t n)
{
    unsigned char  *c;

    c = malloc(n ? n : 1);
    if (c == NULL) {
        abort();
    }

    if (n) {
        memcpy(c, p, n);
    }

    return c;
}


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int             lang, id, fallback;
    size_t          hlen, alen;
    const char     *s;
    unsigned char  *html, *al;
    const uint8_t  *nul;

    nul = memchr(data, '\0', size);

    if (nul != NULL) {
        hlen = (size_t) (nul - data);
        alen = size - hlen - 1;

    } else {
        hlen = 0;
        alen = size;
    }

    html = fuzz_copy(data, hlen);
    al = fuzz_copy(nul ? nul + 1 : data, alen);

    fallback = size ? (int) (data[0] % (CC_I18N_NLANGS + 2)) - 1 : 0;

    lang = cc_i18n_choose(html, hlen, al, alen, fallback);
    if (lang < 0 || lang >= CC_I18N_NLANGS) {
        abort();
    }

    lang = cc_i18n_choose(NULL, 0, al, alen, CC_I18N_EN);
    if (lang < 0 || lang >= CC_I18N_NLANGS) {
        abort();
    }

    lang = cc_i18n_lang(html, hlen);
    if (lang < -1 || lang >= CC_I18N_NLANGS) {
        abort();
    }

    /* a chosen language's texts are never empty */

    lang = cc_i18n_choose(html, hlen, NULL, 0, fallback);

    for (id = 0; id < CC_I18N_NTEXTS; id++) {
        s = cc_i18n_text(lang, id);
        if (s == NULL || s[0] == '\0') {
            abort();
        }
    }

    (void) cc_i18n_category(lang, al, alen, (int) (size & 1));

    free(html);
    free(al);

    return 0;
}


#ifdef CC_FUZZ_STANDALONE

#include <stdio.h>


int
main(int argc, char **argv)
{
    int             i;
    long            n;
    FILE           *f;
    unsigned char  *buf;

    for (i = 1; i < argc; i++) {
        f = fopen(argv[i], "rb");
        if (f == NULL) {
            perror(argv[i]);
            return 1;
        }

        if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0
            || fseek(f, 0, SEEK_SET) != 0)
        {
            fclose(f);
            return 1;
        }

        buf = malloc(n ? (size_t) n : 1);
        if (buf == NULL || fread(buf, 1, (size_t) n, f) != (size_t) n) {
            fclose(f);
            return 1;
        }

        fclose(f);

        LLVMFuzzerTestOneInput(buf, (size_t) n);
        free(buf);
    }

    return 0;
}

#endif
