/*
 * nginx-cookie-consent: the URLs a piece of CSS may fetch.
 *
 * A style attribute or a <style> element fetches from url() tokens,
 * from strings (@import "...", image-set("..."), url("...")) and from
 * whatever the CSS tokenizer (CSS Syntax Level 3, 4.3) reads as such
 * after its escapes: "u\72l(", "\68ttps:\2f\2f...".  Rather than telling
 * functions apart, every string token and every unquoted run after a
 * '(' is a candidate URL, its escapes decoded as the tokenizer decodes
 * them (code points as UTF-8); comments are skipped.  A candidate that
 * is no URL resolves to nothing and costs one parse.
 *
 * Plain C, no allocation.
 */

#ifndef CC_CSS_H
#define CC_CSS_H

#include <stddef.h>


#pragma GCC visibility push(hidden)


/*
 * The next candidate URL of p[*pos..end): 1 with out[0..*out_len) (at
 * most size bytes, cut short beyond), the candidate's text as it is in
 * the input in (*start)[0..*raw_len) (after the quote or the white space
 * that follows '(', up to the closing quote or where the URL ends) and
 * *pos advanced past it; 0 at the end.  The raw text matters too:
 * Chromium's preload scanner fetches "@import url('...')" of a <style>
 * element as written, escapes and all.
 */
int cc_css_next_url(const unsigned char **pos, const unsigned char *end,
    unsigned char *out, size_t size, size_t *out_len,
    const unsigned char **start, size_t *raw_len);


#pragma GCC visibility pop

#endif /* CC_CSS_H */
