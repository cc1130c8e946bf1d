/*
 * libFuzzer target: the URLs of CSS text (cc_css_next_url() in
 * src/cc_css.c), as the HTML rewriter reads style attributes and
 * <style> elements.
 *
 *   make build/fuzz/fuzz_css
 *   build/fuzz/fuzz_css -max_total_time=60 fuzz/corpus/fuzz_css
 *
 * Every candidate's text lies inside the input, before the position
 * returned, which only moves forward and ends at the end; the decoded
 * URL is never longer than the buffer, and decoded into a buffer that
 * always fits it is at most half as long again as the candidate's text
 * (only "\0" grows: to U+FFFD) and starts with what the small buffer
 * got; a second scan from the same place finds the same candidate.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cc_css.h"


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t                len, raw, len2, raw2, count;
    unsigned char         out[32], *big;
    const unsigned char  *pos, *pos2, *end, *start, *start2, *prev;

    end = data + size;
    pos = data;
    prev = data;
    count = 0;

    big = malloc(2 * size + 4);
    if (big == NULL) {
        abort();
    }

    while (cc_css_next_url(&pos, end, out, sizeof(out), &len, &start, &raw))
    {
        if (len > sizeof(out) || start < prev || start + raw > pos
            || pos > end || pos <= prev)
        {
            abort();
        }

        /* the same candidate, decoded into a buffer that always fits */

        pos2 = prev;

        if (!cc_css_next_url(&pos2, end, big, 2 * size + 4, &len2, &start2,
                             &raw2)
            || pos2 != pos || start2 != start || raw2 != raw
            || len2 > raw + raw / 2 + 1 || len != (len2 < 32 ? len2 : 32)
            || memcmp(big, out, len) != 0)
        {
            abort();
        }

        prev = pos;
        count++;
    }

    if (pos != end || count > size) {
        abort();
    }

    free(big);

    return 0;
}
