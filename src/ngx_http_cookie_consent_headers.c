/*
 * nginx-cookie-consent: the header helpers every glue file uses: the
 * first request or response header of a name (and value), a response
 * header added, values joined.
 */


#include "ngx_http_cookie_consent_module.h"


static ngx_table_elt_t *ngx_http_cookie_consent_header(ngx_list_t *headers,
    char *name, size_t len, char *value);


/* the first request header of that name */

ngx_table_elt_t *
ngx_http_cookie_consent_request_header(ngx_http_request_t *r, char *name,
    size_t len)
{
    return ngx_http_cookie_consent_header(&r->headers_in.headers, name, len,
                                          NULL);
}


/* the first request header of that name with that value */

ngx_table_elt_t *
ngx_http_cookie_consent_request_header_value(ngx_http_request_t *r,
    char *name, size_t len, char *value)
{
    return ngx_http_cookie_consent_header(&r->headers_in.headers, name, len,
                                          value);
}


/* the first response header of that name */

ngx_table_elt_t *
ngx_http_cookie_consent_response_header(ngx_http_request_t *r, char *name,
    size_t len)
{
    return ngx_http_cookie_consent_header(&r->headers_out.headers, name, len,
                                          NULL);
}


/*
 * The first header of that name (and, unless NULL, that value) in a list;
 * removed ones (hash 0) skipped
 */

static ngx_table_elt_t *
ngx_http_cookie_consent_header(ngx_list_t *headers, char *name, size_t len,
    char *value)
{
    ngx_uint_t        i;
    ngx_list_part_t  *part;
    ngx_table_elt_t  *header;

    part = &headers->part;
    header = part->elts;

    for (i = 0; /* void */; i++) {

        if (i >= part->nelts) {
            if (part->next == NULL) {
                return NULL;
            }

            part = part->next;
            header = part->elts;
            i = 0;
        }

        if (header[i].hash != 0
            && header[i].key.len == len
            && ngx_strncasecmp(header[i].key.data, (u_char *) name, len) == 0
            && (value == NULL
                || (header[i].value.len == ngx_strlen(value)
                    && ngx_strncmp(header[i].value.data, value,
                                   header[i].value.len) == 0)))
        {
            return &header[i];
        }
    }
}


/* one response header; key and value must live as long as the request */

ngx_table_elt_t *
ngx_http_cookie_consent_add_header(ngx_http_request_t *r, ngx_str_t *key,
    ngx_str_t *value)
{
    ngx_table_elt_t  *h;

    h = ngx_list_push(&r->headers_out.headers);
    if (h == NULL) {
        return NULL;
    }

    h->hash = 1;
    h->key = *key;
    h->value = *value;
#if (nginx_version >= 1023000)
    h->next = NULL;
#endif

    return h;
}


/* joins an array of ngx_str_t with a separator */

ngx_int_t
ngx_http_cookie_consent_join(ngx_http_request_t *r, ngx_array_t *a,
    char *sep, ngx_str_t *out)
{
    u_char      *p;
    size_t       len, slen;
    ngx_str_t   *s;
    ngx_uint_t   i;

    s = a->elts;
    slen = ngx_strlen(sep);
    len = 0;

    for (i = 0; i < a->nelts; i++) {
        len += s[i].len + slen;
    }

    out->len = 0;
    out->data = ngx_pnalloc(r->pool, len ? len : 1);
    if (out->data == NULL) {
        return NGX_ERROR;
    }

    p = out->data;

    for (i = 0; i < a->nelts; i++) {
        if (i) {
            p = ngx_cpymem(p, sep, slen);
        }

        p = ngx_cpymem(p, s[i].data, s[i].len);
    }

    out->len = p - out->data;

    return NGX_OK;
}
