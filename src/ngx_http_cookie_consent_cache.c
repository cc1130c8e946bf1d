/*
 * nginx-cookie-consent: validators and cacheability of pages whose body
 * depends on the visitor's consent.
 *
 * A page the module may rewrite is another document for every consent
 * state: its ETag gets the state
 * ("W/\"<tag>-ccg<generation>.<granted>[v<services>]<u|s|r>\"":
 * undecided, decided, asked again after a new revision of the policy;
 * the services granted one by one, if any),
 * its Last-Modified goes (a date cannot tell states apart), it becomes
 * "Cache-Control: private" (no shared cache may give one visitor's copy to
 * another) and "Vary: Cookie" (the browser's own cache refetches once the
 * consent cookie changes).  On the way in, an If-None-Match tag of the
 * visitor's current state is given back to the upstream (or the static
 * handler) as the resource's own tag, tags of other states are dropped (and
 * on a document request, tags without a state), and a document request's
 * If-Modified-Since is dropped, so that nginx's
 * not-modified filter and the upstream answer 304 only for the state the
 * visitor is in.  The generation changes with every configuration load, so
 * a page rewritten under other tracker rules is never revalidated.
 */


#include "ngx_http_cookie_consent_module.h"


#define NGX_HTTP_COOKIE_CONSENT_TAG_LEN                                       \
    (sizeof("-ccg.vug") - 1 + 2 * NGX_INT32_LEN + NGX_INT64_LEN)


static size_t ngx_http_cookie_consent_state_tag(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx, u_char *buf);
static ngx_uint_t ngx_http_cookie_consent_is_state_tag(u_char *p, u_char *end);
static void ngx_http_cookie_consent_page_headers(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx);
static ngx_int_t ngx_http_cookie_consent_accept_encoding(
    ngx_http_request_t *r, ngx_table_elt_t *h);
static ngx_int_t ngx_http_cookie_consent_cache_control(ngx_http_request_t *r);
static ngx_int_t ngx_http_cookie_consent_vary(ngx_http_request_t *r);
static ngx_uint_t ngx_http_cookie_consent_has_token(ngx_str_t *value,
    char *token, size_t len);
static ngx_uint_t ngx_http_cookie_consent_next_element(u_char **pp,
    u_char *end, ngx_str_t *name, ngx_str_t *element);
static ngx_table_elt_t *ngx_http_cookie_consent_next_header(
    ngx_http_request_t *r, ngx_list_part_t **part, ngx_uint_t *i,
    ngx_str_t *key);


/*
 * the consent state's part of an entity tag:
 * "-ccg<gen>.<granted>[v<services>]<u|s|r>[g]", "v" and the bits of the
 * services granted one by one when there are, "g" when an undecided
 * visitor's banner says Sec-GPC is honoured
 */

static size_t
ngx_http_cookie_consent_state_tag(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx, u_char *buf)
{
    u_char                               *p;
    ngx_http_cookie_consent_main_conf_t  *mcf;

    mcf = ngx_http_get_module_main_conf(r, ngx_http_cookie_consent_module);

    p = ngx_sprintf(buf, "-ccg%xD.%xD", mcf->generation,
                    (uint32_t) (ctx->granted & mcf->all));

    if (ctx->services) {
        p = ngx_sprintf(p, "v%xL", ctx->services);
    }

    *p++ = ctx->decided ? 's' : (ctx->revised ? 'r' : 'u');

    if (!ctx->decided && ctx->gpc) {
        *p++ = 'g';
    }

    return p - buf;
}


/* 1: [p, end) ends in a state part of this module's (any state) */

static ngx_uint_t
ngx_http_cookie_consent_is_state_tag(u_char *p, u_char *end)
{
    u_char      *q;
    ngx_uint_t   n;

    /*
     * the last "-ccg", then hex digits, ".", hex digits, perhaps "v" and
     * hex digits, "u", "s" or "r", perhaps "g"
     */

    for (q = end - 4; q >= p; q--) {
        if (ngx_strncmp(q, "-ccg", 4) == 0) {
            break;
        }
    }

    if (q < p) {
        return 0;
    }

    for (q += 4, n = 0; q < end && ngx_hextoi(q, 1) != NGX_ERROR; q++) {
        n++;
    }

    if (n == 0 || q == end || *q++ != '.') {
        return 0;
    }

    for (n = 0; q < end && ngx_hextoi(q, 1) != NGX_ERROR; q++) {
        n++;
    }

    if (n && q < end && *q == 'v') {
        for (q++, n = 0; q < end && ngx_hextoi(q, 1) != NGX_ERROR; q++) {
            n++;
        }
    }

    if (n == 0 || q == end || (*q != 'u' && *q != 's' && *q != 'r')) {
        return 0;
    }

    q++;

    return q == end || (q == end - 1 && *q == 'g');
}


/*
 * The preaccess part: If-None-Match and If-Modified-Since as they must
 * reach nginx's not-modified filter and the upstream
 */

ngx_int_t
ngx_http_cookie_consent_cache_request(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx)
{
    u_char           *p, *end, *start, *tag, *o, *q;
    size_t            len;
    ngx_uint_t        weak, document;
    ngx_table_elt_t  *h;
    u_char            state[NGX_HTTP_COOKIE_CONSENT_TAG_LEN];

    /* once: an internal redirect (index, try_files) comes here again */

    if (ctx->conditionals) {
        return NGX_OK;
    }

    ctx->conditionals = 1;

    ngx_http_cookie_consent_page_headers(r, ctx);

    h = ctx->fetch_dest;

    if (h) {
        document = ngx_http_cookie_consent_document_dest(&h->value);

    } else {
        h = ctx->accept;
        document = (h && ngx_strlcasestrn(h->value.data,
                                          h->value.data + h->value.len,
                                          (u_char *) "text/html", 9 - 1)
                         != NULL);
    }

    if (document) {
        if (r->headers_in.if_modified_since) {
            r->headers_in.if_modified_since->value.len = 0;
            r->headers_in.if_modified_since = NULL;
        }

        if (ngx_http_cookie_consent_accept_encoding(r, ctx->accept_encoding)
            != NGX_OK)
        {
            return NGX_ERROR;
        }
    }

    h = r->headers_in.if_none_match;

    if (h == NULL || h->value.len == 0) {
        return NGX_OK;
    }

    len = ngx_http_cookie_consent_state_tag(r, ctx, state);

    /* at most ", " more per element than as sent */

    o = ngx_pnalloc(r->pool, 2 * h->value.len + 2);
    if (o == NULL) {
        return NGX_ERROR;
    }

    q = o;
    p = h->value.data;
    end = p + h->value.len;

    while (p < end) {

        while (p < end && (*p == ' ' || *p == '\t' || *p == ',')) {
            p++;
        }

        if (p == end) {
            break;
        }

        start = p;
        weak = 0;

        if (end - p >= 2 && p[0] == 'W' && p[1] == '/') {
            weak = 1;
            p += 2;
        }

        if (p < end && *p == '"') {
            tag = ++p;

            while (p < end && *p != '"') {
                p++;
            }

            if (p == end) {
                break;                              /* unterminated */
            }

            /* tag: the opaque part, p: its closing quote */

            if (ngx_http_cookie_consent_is_state_tag(tag, p)) {

                if ((size_t) (p - tag) > len
                    && ngx_memcmp(p - len, state, len) == 0)
                {
                    /* this state's tag: the resource's own, for a 304 */

                    ctx->revalidating = 1;

                    if (q != o) {
                        *q++ = ',';
                        *q++ = ' ';
                    }

                    if (weak) {
                        *q++ = 'W';
                        *q++ = '/';
                    }

                    *q++ = '"';
                    q = ngx_cpymem(q, tag, p - len - tag);
                    *q++ = '"';
                }

                /* another state's tag: never a match */

                p++;
                continue;
            }

            p++;

            /*
             * a tag without a state on a document request: from before
             * the module, or a copy a Range request showed; no validator
             * of a page that depends on the consent
             */

            if (document) {
                continue;
            }

        } else {
            /* "*" or a malformed element: kept as it is */

            while (p < end && *p != ',') {
                p++;
            }
        }

        if (q != o) {
            *q++ = ',';
            *q++ = ' ';
        }

        q = ngx_cpymem(q, start, p - start);
    }

    if (q == o) {
        h->value.len = 0;
        r->headers_in.if_none_match = NULL;
        return NGX_OK;
    }

    *q = '\0';

    h->value.data = o;
    h->value.len = q - o;

    ngx_log_debug1(NGX_LOG_DEBUG_HTTP, r->connection->log, 0,
                   "cookie consent: If-None-Match as passed: \"%V\"",
                   &h->value);

    return NGX_OK;
}


/*
 * The first Sec-Fetch-Dest, Accept, Accept-Encoding and Accept-Language
 * of the request, as ngx_http_cookie_consent_request_header() finds each,
 * in one walk over its headers (a page reads them all)
 */

static void
ngx_http_cookie_consent_page_headers(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx)
{
    char             *name;
    ngx_uint_t        i;
    ngx_list_part_t  *part;
    ngx_table_elt_t  *h, **found;

    ctx->fetch_dest = NULL;
    ctx->accept = NULL;
    ctx->accept_encoding = NULL;
    ctx->accept_language = NULL;

    part = &r->headers_in.headers.part;
    h = part->elts;

    for (i = 0; /* void */; i++) {

        if (i >= part->nelts) {
            if (part->next == NULL) {
                return;
            }

            part = part->next;
            h = part->elts;
            i = 0;
        }

        if (h[i].hash == 0) {
            continue;
        }

        switch (h[i].key.len) {

        case sizeof("Accept") - 1:
            found = &ctx->accept;
            name = "Accept";
            break;

        case sizeof("Sec-Fetch-Dest") - 1:
            found = &ctx->fetch_dest;
            name = "Sec-Fetch-Dest";
            break;

        case sizeof("Accept-Encoding") - 1:     /* and Accept-Language */

            if (ngx_tolower(h[i].key.data[7]) == 'e') {
                found = &ctx->accept_encoding;
                name = "Accept-Encoding";

            } else {
                found = &ctx->accept_language;
                name = "Accept-Language";
            }

            break;

        default:
            continue;
        }

        if (*found == NULL
            && ngx_strncasecmp(h[i].key.data, (u_char *) name, h[i].key.len)
               == 0)
        {
            *found = &h[i];
        }
    }
}


/*
 * A document is asked for in the encodings the body filter can decode
 * (gzip, deflate) or none: an upstream that would answer with br or zstd
 * answers with one of those instead
 */

static ngx_int_t
ngx_http_cookie_consent_accept_encoding(ngx_http_request_t *r,
    ngx_table_elt_t *h)
{
    u_char           *p, *o, *q;
    ngx_str_t         name, element;

    static ngx_str_t  known[] = {
        ngx_string("gzip"),
        ngx_string("x-gzip"),
        ngx_string("deflate"),
        ngx_string("identity"),
        ngx_null_string
    };

    ngx_uint_t  k;

    if (h == NULL || h->value.len == 0) {
        return NGX_OK;
    }

    o = ngx_pnalloc(r->pool, 2 * h->value.len + 2);
    if (o == NULL) {
        return NGX_ERROR;
    }

    q = o;
    p = h->value.data;

    while (ngx_http_cookie_consent_next_element(&p,
                                                h->value.data + h->value.len,
                                                &name, &element))
    {
        for (k = 0; known[k].len; k++) {
            if (name.len == known[k].len
                && ngx_strncasecmp(name.data, known[k].data, name.len) == 0)
            {
                break;
            }
        }

        if (known[k].len == 0) {
            continue;
        }

        if (q != o) {
            *q++ = ',';
            *q++ = ' ';
        }

        q = ngx_cpymem(q, element.data, element.len);
    }

    /* nginx's own readers of header values may look one byte further */

    *q = '\0';

    h->value.data = o;
    h->value.len = q - o;

    return NGX_OK;
}


/* 1: a Sec-Fetch-Dest of a document the browser renders */

ngx_uint_t
ngx_http_cookie_consent_document_dest(ngx_str_t *dest)
{
    static ngx_str_t  dests[] = {
        ngx_string("document"),
        ngx_string("iframe"),
        ngx_string("frame"),
        ngx_string("embed"),
        ngx_string("object"),
        ngx_null_string
    };

    ngx_uint_t  i;

    for (i = 0; dests[i].len; i++) {
        if (dest->len == dests[i].len
            && ngx_strncasecmp(dest->data, dests[i].data, dests[i].len) == 0)
        {
            return 1;
        }
    }

    return 0;
}


/* the response part: for every page whose body depends on the consent */

ngx_int_t
ngx_http_cookie_consent_cache_response(ngx_http_request_t *r,
    ngx_http_cookie_consent_ctx_t *ctx)
{
    u_char           *p, *tag, *end;
    size_t            len;
    ngx_table_elt_t  *etag;
    u_char            state[NGX_HTTP_COOKIE_CONSENT_TAG_LEN];

    etag = r->headers_out.etag;

    if (etag) {
        tag = etag->value.data;
        end = tag + etag->value.len;

        if (end - tag >= 2 && tag[0] == 'W' && tag[1] == '/') {
            tag += 2;
        }

        if (end - tag < 2 || tag[0] != '"' || end[-1] != '"') {
            /* not an entity tag: nothing a client could match */
            etag->hash = 0;
            r->headers_out.etag = NULL;

        } else {
            len = ngx_http_cookie_consent_state_tag(r, ctx, state);

            /*
             * already this state's (nginx in front of an nginx of the
             * same configuration, or the header filter called again)
             */

            if ((size_t) (end - tag) >= len + 2
                && ngx_memcmp(end - 1 - len, state, len) == 0)
            {
                goto done;
            }

            p = ngx_pnalloc(r->pool, 2 + (end - tag) + len);
            if (p == NULL) {
                return NGX_ERROR;
            }

            etag->value.data = p;

            p = ngx_cpymem(p, "W/", 2);
            p = ngx_cpymem(p, tag, end - tag - 1);
            p = ngx_cpymem(p, state, len);
            *p++ = '"';

            etag->value.len = p - etag->value.data;
        }
    }

done:

    ngx_http_clear_last_modified(r);

    if (ngx_http_cookie_consent_cache_control(r) != NGX_OK) {
        return NGX_ERROR;
    }

    return ngx_http_cookie_consent_vary(r);
}


/*
 * Cache-Control: "private" added, "public" and "s-maxage" removed, unless
 * the response is "no-store" already
 */

static ngx_int_t
ngx_http_cookie_consent_cache_control(ngx_http_request_t *r)
{
    u_char           *p, *end, *o, *q;
    ngx_str_t         name, element;
    ngx_uint_t        i, private;
    ngx_list_part_t  *part;
    ngx_table_elt_t  *h, *first;

    static ngx_str_t  key = ngx_string("Cache-Control");
    static ngx_str_t  value = ngx_string("private");

    private = 0;
    first = NULL;
    part = NULL;
    i = 0;

    while ((h = ngx_http_cookie_consent_next_header(r, &part, &i, &key))) {

        if (ngx_http_cookie_consent_has_token(&h->value, "no-store", 8)) {
            return NGX_OK;
        }

        o = ngx_pnalloc(r->pool, 2 * h->value.len + sizeof(", private"));
        if (o == NULL) {
            return NGX_ERROR;
        }

        q = o;
        p = h->value.data;
        end = p + h->value.len;

        while (ngx_http_cookie_consent_next_element(&p, end, &name,
                                                    &element))
        {
            if ((name.len == 6
                 && ngx_strncasecmp(name.data, (u_char *) "public", 6) == 0)
                || (name.len == 8
                    && ngx_strncasecmp(name.data, (u_char *) "s-maxage", 8)
                       == 0))
            {
                continue;
            }

            if (name.len == 7
                && ngx_strncasecmp(name.data, (u_char *) "private", 7) == 0)
            {
                private = 1;
            }

            if (q != o) {
                *q++ = ',';
                *q++ = ' ';
            }

            q = ngx_cpymem(q, element.data, element.len);
        }

        if (q == o) {
            h->hash = 0;
            continue;
        }

        h->value.data = o;
        h->value.len = q - o;

        if (first == NULL) {
            first = h;
        }
    }

    if (private) {
        return NGX_OK;
    }

    if (first) {
        p = first->value.data + first->value.len;
        first->value.len += ngx_sprintf(p, ", private") - p;
        return NGX_OK;
    }

    return ngx_http_cookie_consent_add_header(r, &key, &value) ? NGX_OK
                                                                : NGX_ERROR;
}


/*
 * Vary: Cookie, and Sec-GPC where it is honoured (an undecided visitor's
 * banner says so), unless the response varies on them (or on "*") already
 */

static ngx_int_t
ngx_http_cookie_consent_vary(ngx_http_request_t *r)
{
    ngx_str_t                            *value;
    ngx_uint_t                            i, cookie, gpc;
    ngx_list_part_t                      *part;
    ngx_table_elt_t                      *h;
    ngx_http_cookie_consent_loc_conf_t   *lcf;

    static ngx_str_t  key = ngx_string("Vary");
    static ngx_str_t  values[] = {
        ngx_string("Cookie"),
        ngx_string("Sec-GPC"),
        ngx_string("Cookie, Sec-GPC")
    };

    lcf = ngx_http_get_module_loc_conf(r, ngx_http_cookie_consent_module);

    cookie = 1;
    gpc = lcf->gpc;
    part = NULL;
    i = 0;

    while ((h = ngx_http_cookie_consent_next_header(r, &part, &i, &key))) {
        if (ngx_http_cookie_consent_has_token(&h->value, "*", 1)) {
            return NGX_OK;
        }

        if (ngx_http_cookie_consent_has_token(&h->value, "cookie", 6)) {
            cookie = 0;
        }

        if (ngx_http_cookie_consent_has_token(&h->value, "sec-gpc", 7)) {
            gpc = 0;
        }
    }

    if (!cookie && !gpc) {
        return NGX_OK;
    }

    value = &values[cookie && gpc ? 2 : (cookie ? 0 : 1)];

    return ngx_http_cookie_consent_add_header(r, &key, value) ? NGX_OK
                                                               : NGX_ERROR;
}


/*
 * The next element of a comma-separated header value: its name (up to
 * "=", ";" or white space) and the whole element without the white space
 * around it; a quoted string may hold commas.  0: no more elements.
 */

static ngx_uint_t
ngx_http_cookie_consent_next_element(u_char **pp, u_char *end,
    ngx_str_t *name, ngx_str_t *element)
{
    u_char  *p, *start;

    p = *pp;

    while (p < end && (*p == ' ' || *p == '\t' || *p == ',')) {
        p++;
    }

    if (p == end) {
        *pp = p;
        return 0;
    }

    start = p;

    while (p < end && *p != ',' && *p != '=' && *p != ';' && *p != ' '
           && *p != '\t')
    {
        p++;
    }

    name->data = start;
    name->len = p - start;

    while (p < end && *p != ',') {
        if (*p++ != '"') {
            continue;
        }

        while (p < end && *p != '"') {
            if (*p++ == '\\' && p < end) {
                p++;
            }
        }

        if (p < end) {
            p++;
        }
    }

    *pp = p;

    while (p > start && (p[-1] == ' ' || p[-1] == '\t')) {
        p--;
    }

    element->data = start;
    element->len = p - start;

    return 1;
}


/* 1: a comma-separated list has this element (before any "="), any case */

static ngx_uint_t
ngx_http_cookie_consent_has_token(ngx_str_t *value, char *token, size_t len)
{
    u_char     *p;
    ngx_str_t   name, element;

    p = value->data;

    while (ngx_http_cookie_consent_next_element(&p, value->data + value->len,
                                                &name, &element))
    {
        if (name.len == len
            && ngx_strncasecmp(name.data, (u_char *) token, len) == 0)
        {
            return 1;
        }
    }

    return 0;
}


/* the next response header of this name, from where *part and *i point */

static ngx_table_elt_t *
ngx_http_cookie_consent_next_header(ngx_http_request_t *r,
    ngx_list_part_t **part, ngx_uint_t *i, ngx_str_t *key)
{
    ngx_table_elt_t  *h;

    if (*part == NULL) {
        *part = &r->headers_out.headers.part;
        *i = 0;
    }

    for ( ;; ) {

        if (*i >= (*part)->nelts) {
            if ((*part)->next == NULL) {
                return NULL;
            }

            *part = (*part)->next;
            *i = 0;
        }

        h = (ngx_table_elt_t *) (*part)->elts + (*i)++;

        if (h->hash != 0
            && h->key.len == key->len
            && ngx_strncasecmp(h->key.data, key->data, key->len) == 0)
        {
            return h;
        }
    }
}
