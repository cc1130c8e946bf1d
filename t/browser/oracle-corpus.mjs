/*
 * nginx-cookie-consent: the corpus of the browser-oracle test
 * (t/21-browser-oracle.t, t/browser/oracle.mjs).
 *
 * Every case is a tag (or a Set-Cookie line) that a real browser turns into
 * a request to a tracker host (or a stored tracker cookie).  The cases are
 * grown from the standards' edge cases, not from a list of what the module
 * is known to handle:
 *
 *   - URL spellings (WHATWG URL, HTML character references, UTS #46 host
 *     mapping), crossed with every URL-bearing place browsers fetch from
 *     (HTML, SVG, CSS): PLACES x SPELLINGS;
 *   - the same places under <base href> (BASES);
 *   - tag spellings of the HTML tokenizer (TAGS);
 *   - <meta http-equiv=refresh> content spellings (REFRESH);
 *   - the official inline snippets and JavaScript string escapes of their
 *     URLs (SNIPPETS);
 *   - path spellings of a path rule, facebook.com/tr (FB_PATHS);
 *   - Link and Refresh response headers (HEADERS);
 *   - Set-Cookie lines (RFC 6265bis and Chromium's parser) (COOKIES).
 *
 * Attribution: every case has a token "ox<N>" that appears in the URL it
 * makes the browser fetch (a query parameter, a path segment, or for
 * <link rel=preconnect|dns-prefetch> the first label of the host, seen by
 * the test's DNS server), and in the path of its own document when it has
 * one.  Tokens are numbered in corpus order; names are what the test
 * reports.
 *
 * To add a case: add a spelling to SPELLINGS (a function of the URL's
 * parts), a place to PLACES (a function of the attribute text), a tag
 * spelling to TAGS, a snippet to SNIPPETS, a header to HEADERS or a
 * Set-Cookie case to COOKIES with what Chromium stores (run the test with
 * CC_ORACLE_ONLY=off to see the control).  A case Chromium does not fetch
 * even without the module is a corpus bug, and the control run fails on
 * it; a combination the browser cannot fetch goes to NOT_APPLICABLE, with
 * the reason.  docs/hardening.md, "The browser as the oracle".
 */

export const GTM_HOST = 'www.googletagmanager.com';

/* helpers: HTML character references of every character, etc. */

const hex = (c) => c.codePointAt(0).toString(16).toUpperCase();
const refs = (s) => [...s].map((c) => `&#x${hex(c)};`).join('');
const pct = (s) => [...s].map((c) => '%' + hex(c).padStart(2, '0')).join('');
const mid = (s) => Math.floor(s.length / 2);
const insert = (s, at, x) => s.slice(0, at) + x + s.slice(at);

/* fullwidth forms (U+FF01..U+FF5E) of printable ASCII */
const fullwidth = (s) => [...s].map((c) => {
  const n = c.charCodeAt(0);
  return n > 0x20 && n < 0x7f ? String.fromCodePoint(n - 0x20 + 0xff00) : c;
}).join('');

const mixcase = (s) => [...s].map((c, i) => (i % 2 ? c.toUpperCase()
  : c.toLowerCase())).join('');

/* a "/" not followed by a hexadecimal digit, as &#x2f without ';' */
const hexNoSemi = (s) => s.replace(/\/(?=.)/g, (m, off) => {
  if (/[0-9a-f]/i.test(s[off + 1])) {
    throw new Error(`hexNoSemi: "/" before a hex digit in ${s}`);
  }
  return '&#x2f';
});

const decNoSemi = (s) => s.replace(/\/(?=.)/g, (m, off) => {
  if (/[0-9]/.test(s[off + 1])) {
    throw new Error(`decNoSemi: "/" before a digit in ${s}`);
  }
  return '&#47';
});

/*
 * URL spellings: u = { scheme, host, rest } (rest: path, query), each
 * returns the attribute text as it appears in the HTML source (between
 * double quotes).  Every one of them makes a browser fetch
 * scheme://host/rest (WHATWG URL: the HTML attribute is decoded first,
 * then the URL parser strips leading and trailing C0 controls and spaces,
 * removes tabs and newlines, reads "\" as "/" in special schemes, ignores
 * any number of slashes after a special scheme (and none), percent-decodes
 * and maps the host with UTS #46, drops the default port).
 */
export const SPELLINGS = {
  'plain': (u) => `${u.scheme}://${u.host}${u.rest}`,
  'ref-hex-slash': (u) =>
    `${u.scheme}:&#x2F;&#x2F;${u.host}${u.rest.replace(/\//g, '&#x2F;')}`,
  'ref-dec-slash': (u) =>
    `${u.scheme}:&#47;&#47;${u.host}${u.rest.replace(/\//g, '&#47;')}`,
  'ref-sol': (u) =>
    `${u.scheme}:&sol;&sol;${u.host}${u.rest.replace(/\//g, '&sol;')}`,
  'ref-colon': (u) => `${u.scheme}&colon;//${u.host}${u.rest}`,
  'ref-period': (u) =>
    `${u.scheme}://${u.host.replace(/\./g, '&period;')}${u.rest}`,
  'ref-dec-no-semicolon': (u) => decNoSemi(`${u.scheme}://${u.host}${u.rest}`),
  'ref-hex-no-semicolon': (u) => hexNoSemi(`${u.scheme}://${u.host}${u.rest}`),
  'ref-leading-zeros': (u) =>
    `${u.scheme}:&#x000002F;&#0000047;${u.host}${u.rest}`,
  'ref-every-char': (u) => refs(`${u.scheme}://${u.host}`) + u.rest,
  'ref-tab-newline': (u) => insert(u.scheme, 2, '&NewLine;') + '://'
    + insert(u.host, mid(u.host), '&Tab;') + u.rest,
  'tab-in-host': (u) =>
    `${u.scheme}://${insert(u.host, mid(u.host), '\t')}${u.rest}`,
  'newline-in-scheme': (u) => `${insert(u.scheme, 2, '\n')}://${u.host}${u.rest}`,
  'crlf-in-host': (u) =>
    `${u.scheme}://${insert(u.host, mid(u.host), '\r\n')}${u.rest}`,
  'spaces-around': (u) => `  ${u.scheme}://${u.host}${u.rest} \f `,
  'c0-control-first': (u) => `&#1;&#x1F;${u.scheme}://${u.host}${u.rest}`,
  'backslashes': (u) =>
    `${u.scheme}:\\\\${u.host}${u.rest.replace(/\//g, '\\')}`,
  'no-slash': (u) => `${u.scheme}:${u.host}${u.rest}`,
  'one-slash': (u) => `${u.scheme}:/${u.host}${u.rest}`,
  'slash-backslash': (u) => `${u.scheme}:/\\${u.host}${u.rest}`,
  'four-slashes': (u) => `${u.scheme}:////${u.host}${u.rest}`,
  'scheme-relative': (u) => `//${u.host}${u.rest}`,
  'scheme-relative-backslashes': (u) => `\\\\${u.host}${u.rest}`,
  'scheme-relative-slash-backslash': (u) => `/\\${u.host}${u.rest}`,
  'pct-host-first-char': (u) =>
    `${u.scheme}://${pct(u.host[0])}${u.host.slice(1)}${u.rest}`,
  'pct-host-dots': (u) =>
    `${u.scheme}://${u.host.replace(/\./g, '%2E')}${u.rest}`,
  'pct-host-every-char': (u) => `${u.scheme}://${pct(u.host)}${u.rest}`,
  'uppercase': (u) =>
    `${u.scheme.toUpperCase()}://${u.host.toUpperCase()}${u.rest}`,
  'mixed-case': (u) => `${mixcase(u.scheme)}://${mixcase(u.host)}${u.rest}`,
  'trailing-dot': (u) => `${u.scheme}://${u.host}.${u.rest}`,
  'fullwidth': (u) => `${u.scheme}://${fullwidth(u.host)}${u.rest}`,
  'fullwidth-refs': (u) => `${u.scheme}://${refs(fullwidth(u.host))}${u.rest}`,
  'ideographic-full-stop': (u) =>
    `${u.scheme}://${u.host.replace(/\./g, '\u3002')}${u.rest}`,
  'soft-hyphen': (u) =>
    `${u.scheme}://${insert(u.host, mid(u.host), '&shy;')}${u.rest}`,
  'userinfo': (u) => `${u.scheme}://user@${u.host}${u.rest}`,
  'userinfo-password': (u) => `${u.scheme}://user:pass@${u.host}${u.rest}`,
  'userinfo-local-ip': (u) => `${u.scheme}://127.0.0.1@${u.host}${u.rest}`,
  'port-443': (u) => `${u.scheme}://${u.host}:443${u.rest}`,
  'port-0443': (u) => `${u.scheme}://${u.host}:0443${u.rest}`
};

/*
 * Where browsers fetch from: (attribute text) -> HTML.  kind "dns": the
 * browser only resolves (dns-prefetch) or connects (preconnect); seen by
 * the test's DNS server, attributed by host.  frameset: the place needs a
 * <frameset> document.  css: the URL is in CSS (an HTML attribute decoded
 * first, then CSS), quoted with ' so that the URL's spaces stay in it.
 */
export const PLACES = {
  'script-src': { html: (a) => `<script src="${a}"></script>` },
  'svg-script-href': { html: (a) => `<svg><script href="${a}"></script></svg>` },
  'svg-script-xlink-href': {
    html: (a) => `<svg><script xlink:href="${a}"></script></svg>`
  },
  'svg-image-href': {
    html: (a) => `<svg width="1" height="1"><image href="${a}"/></svg>`
  },
  'img-src': { html: (a) => `<img src="${a}" alt="">` },
  'img-srcset': { html: (a) => `<img srcset="${a} 1x" alt="">` },
  'picture-source-srcset': {
    html: (a) => `<picture><source srcset="${a}"><img src="data:," alt=""></picture>`
  },
  'input-image-src': { html: (a) => `<input type="image" src="${a}" alt="go">` },
  'iframe-src': { html: (a) => `<iframe src="${a}"></iframe>` },
  // a document in an attribute: decoded once for the attribute, then
  // parsed as HTML (its <script src> decoded again)
  'iframe-srcdoc': {
    html: (a) => `<iframe srcdoc="<script src=&quot;${a.replace(/&/g, '&amp;')}&quot;></script>"></iframe>`
  },
  'frame-src': { html: (a) => `<frame src="${a}">`, frameset: true },
  'object-data': { html: (a) => `<object data="${a}"></object>` },
  'embed-src': { html: (a) => `<embed src="${a}">` },
  'video-src': { html: (a) => `<video src="${a}"></video>` },
  'video-poster': { html: (a) => `<video poster="${a}"></video>` },
  'audio-src': { html: (a) => `<audio src="${a}"></audio>` },
  'video-source-src': { html: (a) => `<video><source src="${a}"></video>` },
  'track-src': {
    html: (a) => `<video src="data:," crossorigin="anonymous"><track kind="metadata" default src="${a}"></video>`
  },
  'table-background': {
    html: (a) => `<table background="${a}"><tr><td>x</td></tr></table>`
  },
  'link-stylesheet': { html: (a) => `<link rel="stylesheet" href="${a}">` },
  'link-preload': { html: (a) => `<link rel="preload" as="script" href="${a}">` },
  'link-preload-imagesrcset': {
    html: (a) => `<link rel="preload" as="image" imagesrcset="${a} 1x">`
  },
  'link-modulepreload': { html: (a) => `<link rel="modulepreload" href="${a}">` },
  'link-prefetch': { html: (a) => `<link rel="prefetch" href="${a}">` },
  'link-preconnect': { html: (a) => `<link rel="preconnect" href="${a}">`, dns: true },
  'link-dns-prefetch': { html: (a) => `<link rel="dns-prefetch" href="${a}">`, dns: true },
  'style-attribute-url': {
    html: (a) => `<div style="background-image:url('${a}')">x</div>`, css: true
  },
  'style-element-import': {
    html: (a) => `<style>@import url('${a}');</style>`, css: true
  },
  'meta-refresh': {
    html: (a) => `<meta http-equiv="refresh" content="0;url=${a}">`,
    own: true
  }
};

/*
 * Spellings a place cannot carry: the browser does not fetch the tracker
 * with them, so they are not cases.  Each was checked in the control run
 * (Chromium fetches every other combination; a priori reasoning was wrong
 * for some CSS ones, which do fetch).
 */
const WHITESPACE = ['tab-in-host', 'newline-in-scheme', 'crlf-in-host',
  'ref-tab-newline'];
/*
 * Chromium (not the standards) blocks requests for a URL with credentials
 * (user:pass@) from most elements and frame navigations ("Subresource
 * requests whose URLs contain embedded credentials are blocked"); media
 * elements, <link rel=modulepreload>, preconnect and dns-prefetch still go
 * out, without the credentials.
 */
const USERINFO = ['userinfo', 'userinfo-password', 'userinfo-local-ip'];
const USERINFO_BLOCKED = ['script-src', 'svg-script-href',
  'svg-script-xlink-href', 'svg-image-href', 'img-src', 'img-srcset',
  'picture-source-srcset', 'input-image-src', 'iframe-src', 'iframe-srcdoc',
  'frame-src', 'object-data', 'embed-src', 'video-poster',
  'table-background', 'link-stylesheet', 'link-preload',
  'link-preload-imagesrcset', 'link-prefetch', 'style-attribute-url',
  'style-element-import', 'meta-refresh'];
export const NOT_APPLICABLE = {
  // srcset: a URL ends at ASCII whitespace (HTML "parse a srcset attribute")
  'img-srcset': WHITESPACE,
  'picture-source-srcset': WHITESPACE,
  'link-preload-imagesrcset': WHITESPACE,
  // CSS: a newline (a form feed is one) ends a string; a backslash starts
  // an escape (in a style attribute, two before the host leave one: a path
  // on the page's own host)
  'style-attribute-url': [...WHITESPACE.slice(1), 'spaces-around',
    'backslashes', 'scheme-relative-backslashes',
    'scheme-relative-slash-backslash'],
  // <style> text is not decoded: no character references; newlines
  'style-element-import': [...WHITESPACE.slice(1), 'spaces-around',
    'ref-hex-slash', 'ref-dec-slash', 'ref-sol', 'ref-colon', 'ref-period',
    'ref-dec-no-semicolon', 'ref-hex-no-semicolon', 'ref-leading-zeros',
    'ref-every-char', 'fullwidth-refs', 'soft-hyphen', 'c0-control-first']
};
for (const p of USERINFO_BLOCKED) {
  NOT_APPLICABLE[p] = [...(NOT_APPLICABLE[p] || []), ...USERINFO];
}

/*
 * <base href> spellings: the places' URLs are then relative
 * ("gtag/js?id=..."), resolved against the base.
 */
/*
 * Path spellings of a path rule (facebook.com/tr, the Meta Pixel's
 * image): WHATWG URL removes "." and ".." segments (also spelled %2e),
 * reads "\" as "/", strips tabs; RFC 3986 6.2.2.2: %74 is "t" to the
 * server.  P is the rest of the URL after the host.
 */
export const FB_PATHS = {
  'plain': (P) => `/tr${P}`,
  'dot-segment': (P) => `/./tr${P}`,
  'dot-dot-segment': (P) => `/x/../tr${P}`,
  'pct-dot-segment': (P) => `/%2e/tr${P}`,
  'pct-dot-dot-segment': (P) => `/x/%2E%2e/tr${P}`,
  'backslash': (P) => `\\tr${P}`,
  'tab-in-path': (P) => `/t\tr${P}`,
  'ref-in-path': (P) => `/&#x74;r${P}`,
  'pct-encoded-letter': (P) => `/%74r${P}`
};

/*
 * Response headers browsers fetch from: Link (preload, modulepreload,
 * prefetch, preconnect, dns-prefetch; a link-value after others, commas
 * in the URL and in a quoted parameter, a second Link header) and
 * Refresh, on a document (loaded in a frame).  U: the tracker URL; H: a
 * tracker host of the case's own (DNS places).  An array: one header
 * each.
 */
export const HEADERS = {
  'link-preload': { header: 'Link',
    value: (U) => `<${U}>; rel=preload; as=script` },
  'link-modulepreload': { header: 'Link',
    value: (U) => `<${U}>; rel=modulepreload` },
  'link-prefetch': { header: 'Link', value: (U) => `<${U}>; rel=prefetch` },
  'link-preconnect': { header: 'Link', dns: true,
    value: (U, H) => `<https://${H}>; rel=preconnect` },
  'link-dns-prefetch': { header: 'Link', dns: true,
    value: (U, H) => `<//${H}>; rel=dns-prefetch` },
  'link-second-value': { header: 'Link',
    value: (U) => `</oracle/none.css>; rel=preload; as=style, `
      + `<${U}>; rel=preload; as=script` },
  'link-comma-in-url': { header: 'Link',
    value: (U) => `<${U}&x=a,b>; rel=preload; as=script` },
  'link-quoted-comma': { header: 'Link',
    value: (U) => `</oracle/none.css>; rel=preload; as=style; title="a, b",`
      + `<${U}>; rel=preload; as=script` },
  'link-second-header': { header: 'Link',
    value: (U) => ['</oracle/none.css>; rel=preload; as=style',
      `<${U}>; rel=preload; as=script`] },
  'refresh': { header: 'Refresh', value: (U) => `0;url=${U}` }
};

export const BASES = {
  'base-absolute': `https://${GTM_HOST}/`,
  'base-scheme-relative': `//${GTM_HOST}/`,
  'base-ref-slashes': `https:&#x2F;&#x2F;${GTM_HOST}&#x2F;`,
  'base-backslashes': `https:\\\\${GTM_HOST}\\`,
  'base-uppercase': `HTTPS://${GTM_HOST.toUpperCase()}/`
};

/*
 * Tag spellings (HTML tokenizer): U is the plain tracker URL.  Each is a
 * document of its own.
 */
export const TAGS = {
  'script-uppercase': (U) => `<SCRIPT SRC="${U}"></SCRIPT>`,
  'script-mixed-case': (U) => `<ScRiPt sRc="${U}"></sCrIpT>`,
  'script-unquoted': (U) => `<script src=${U}></script>`,
  'script-single-quoted': (U) => `<script src='${U}'></script>`,
  'script-spaces-around-equals': (U) => `<script src = "${U}"></script>`,
  'script-newlines-in-tag': (U) => `<script\nsrc\n=\n"${U}"\n></script>`,
  'script-slash-separator': (U) => `<script/src="${U}"></script>`,
  'script-self-closing': (U) => `<script src="${U}"/></script>`,
  'script-duplicate-src-first-wins': (U) =>
    `<script src="${U}" src="/cc-local.js"></script>`,
  'script-type-module': (U) => `<script type="module" src="${U}"></script>`,
  'script-type-uppercase': (U) =>
    `<script type="TEXT/JAVASCRIPT" src="${U}"></script>`,
  'script-type-spaces': (U) =>
    `<script type=" text/javascript " src="${U}"></script>`,
  'script-type-empty': (U) => `<script type="" src="${U}"></script>`,
  'script-type-ecmascript': (U) =>
    `<script type="application/ecmascript" src="${U}"></script>`,
  'script-type-jscript': (U) => `<script type="text/jscript" src="${U}"></script>`,
  'script-type-x-javascript': (U) =>
    `<script type="application/x-javascript" src="${U}"></script>`,
  'script-language-attribute': (U) =>
    `<script language="javascript" src="${U}"></script>`,
  'script-type-after-src': (U) =>
    `<script src="${U}" type="text/javascript"></script>`,
  'script-after-bang-comment': (U) =>
    `<!-- a --!><script src="${U}"></script>`,
  'script-after-abrupt-comment': (U) => `<!--><script src="${U}"></script>`,
  'script-after-abrupt-comment-dash': (U) =>
    `<!---><script src="${U}"></script>`,
  'script-after-bogus-comment': (U) => `<?x y><script src="${U}"></script>`,
  'script-after-attribute-with-gt': (U) =>
    `<p title="a>b"></p><script data-x="<script>" src="${U}"></script>`,
  'img-slash-separator': (U) => `<img/src="${U}" alt="">`,
  'img-formfeed-separator': (U) => `<img\fsrc="${U}" alt="">`,
  'img-no-space-between-attributes': (U) => `<img alt=""src="${U}">`,
  'img-duplicate-src-first-wins': (U) =>
    `<img src="${U}" src="/cc-local.png" alt="">`,
  'img-gt-in-quoted-attribute': (U) => `<img alt="a>b" src="${U}">`,
  'img-equals-before-attribute-name': (U) => `<img =x src="${U}" alt="">`,
  'img-uppercase': (U) => `<IMG SRC="${U}" ALT="">`,
  'image-tag-is-img': (U) => `<image src="${U}" alt="">`,
  'iframe-uppercase': (U) => `<IFRAME SRC="${U}"></IFRAME>`,
  'link-rel-uppercase': (U) => `<link REL="PRELOAD" as="script" href="${U}">`,
  'link-rel-token-list': (U) =>
    `<link rel="alternate preload" as="script" href="${U}">`,
  'link-rel-spaces': (U) => `<link rel=" preload " as="script" href="${U}">`,
  'svg-script-uppercase': (U) => `<svg><SCRIPT HREF="${U}"></SCRIPT></svg>`,
  // a style attribute: decoded as an attribute first, then read as CSS, so
  // the "(" of url() may be a character reference
  'style-uppercase-attribute': (U) =>
    `<DIV STYLE="background-image:url('${U}')">x</DIV>`,
  'style-paren-decimal-reference': (U) =>
    `<div style="background-image:url&#40;'${U}')">x</div>`,
  'style-paren-hex-reference': (U) =>
    `<p style="background-image:url&#x28;'${U}')">x</p>`,
  'style-paren-named-reference': (U) =>
    `<span style="background-image:url&lpar;'${U}')">x</span>`
};

/*
 * <meta http-equiv=refresh> content spellings (HTML "shared declarative
 * refresh steps"), with the plain URL.
 */
export const REFRESH = {
  'refresh-url-uppercase': (U) => `<meta http-equiv="refresh" content="0; URL=${U}">`,
  'refresh-single-quotes': (U) => `<meta http-equiv="refresh" content="0;url='${U}'">`,
  'refresh-double-quotes-ref': (U) =>
    `<meta http-equiv="refresh" content="0;url=&quot;${U}&quot;">`,
  'refresh-comma': (U) => `<meta http-equiv="refresh" content="0,url=${U}">`,
  'refresh-no-url-keyword': (U) => `<meta http-equiv="refresh" content="0;${U}">`,
  'refresh-spaces': (U) =>
    `<meta http-equiv="refresh" content=" 0 ; url = ${U}">`,
  'refresh-fraction-delay': (U) =>
    `<meta http-equiv="refresh" content="0.5;url=${U}">`,
  'refresh-http-equiv-uppercase': (U) =>
    `<META HTTP-EQUIV="REFRESH" CONTENT="0;url=${U}">`,
  'refresh-in-body': (U) =>
    `<p>x</p><meta http-equiv="refresh" content="0;url=${U}">`
};

/*
 * Inline scripts that build the URL: the vendors' published snippets
 * (their IDs replaced by the case token, TOK), and the same URLs spelled
 * with ECMAScript string escapes (\/ as json_encode() and WordPress
 * print them, \x2F, \u002F, \u{2F}).
 */
const gtm = (url) => `<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':
new Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],
j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;j.src=
'${url}'+i+dl;f.parentNode.insertBefore(j,f);
})(window,document,'script','dataLayer','GTM-TOK');</script>`;

const meta = (url) => `<script>
!function(f,b,e,v,n,t,s)
{if(f.fbq)return;n=f.fbq=function(){n.callMethod?
n.callMethod.apply(n,arguments):n.queue.push(arguments)};
if(!f._fbq)f._fbq=n;n.push=n;n.loaded=!0;n.version='2.0';
n.queue=[];t=b.createElement(e);t.async=!0;
t.src=v;s=b.getElementsByTagName(e)[0];
s.parentNode.insertBefore(t,s)}(window, document,'script',
'${url}');
fbq('init', 'TOK');
fbq('track', 'PageView');
</script>`;

const GTM_URL = 'https://www.googletagmanager.com/gtm.js?id=';
const FB_URL = 'https://connect.facebook.net/en_US/fbevents.js';

export const SNIPPETS = {
  'ga4-gtag': `<script async src="https://www.googletagmanager.com/gtag/js?id=G-TOK"></script>
<script>
  window.dataLayer = window.dataLayer || [];
  function gtag(){dataLayer.push(arguments);}
  gtag('js', new Date());

  gtag('config', 'G-TOK');
</script>`,
  'gtm': gtm(GTM_URL),
  'gtm-json-escaped-slashes': gtm(GTM_URL.replace(/\//g, '\\/')),
  'gtm-hex-escapes': gtm(GTM_URL.replace(/\//g, '\\x2F')),
  'gtm-unicode-escapes': gtm(GTM_URL.replace(/\//g, '\\u002F')),
  'gtm-unicode-code-point-escapes': gtm(GTM_URL.replace(/\./g, '\\u{2E}')),
  'gtm-type-module': gtm(GTM_URL).replace('<script>', '<script type="module">'),
  'meta-pixel': meta(FB_URL),
  'meta-pixel-json-escaped-slashes': meta(FB_URL.replace(/\//g, '\\/')),
  'hotjar': `<script>
    (function(h,o,t,j,a,r){
        h.hj=h.hj||function(){(h.hj.q=h.hj.q||[]).push(arguments)};
        h._hjSettings={hjid:'TOK',hjsv:6};
        a=o.getElementsByTagName('head')[0];
        r=o.createElement('script');r.async=1;
        r.src=t+h._hjSettings.hjid+j+h._hjSettings.hjsv;
        a.appendChild(r);
    })(window,document,'https://static.hotjar.com/c/hotjar-','.js?sv=');
</script>`,
  'clarity': `<script type="text/javascript">
    (function(c,l,a,r,i,t,y){
        c[a]=c[a]||function(){(c[a].q=c[a].q||[]).push(arguments)};
        t=l.createElement(r);t.async=1;t.src="https://www.clarity.ms/tag/"+i;
        y=l.getElementsByTagName(r)[0];y.parentNode.insertBefore(t,y);
    })(window, document, "clarity", "script", "TOK");
</script>`,
  'linkedin-insight': `<script type="text/javascript">
_linkedin_partner_id = "TOK";
window._linkedin_data_partner_ids = window._linkedin_data_partner_ids || [];
window._linkedin_data_partner_ids.push(_linkedin_partner_id);
</script><script type="text/javascript">
(function(l) {
if (!l){window.lintrk = function(a,b){window.lintrk.q.push([a,b])};
window.lintrk.q=[]}
var s = document.getElementsByTagName("script")[0];
var b = document.createElement("script");
b.type = "text/javascript";b.async = true;
b.src = "https://snap.licdn.com/li.lms-analytics/insight.min.js";
s.parentNode.insertBefore(b, s);})(window.lintrk);
</script>`,
  'tiktok-pixel': `<script>
!function (w, d, t) {
  w.TiktokAnalyticsObject=t;var ttq=w[t]=w[t]||[];ttq.methods=["page","track","identify","instances","debug","on","off","once","ready","alias","group","enableCookie","disableCookie","holdConsent","revokeConsent","grantConsent"],ttq.setAndDefer=function(t,e){t[e]=function(){t.push([e].concat(Array.prototype.slice.call(arguments,0)))}};for(var i=0;i<ttq.methods.length;i++)ttq.setAndDefer(ttq,ttq.methods[i]);ttq.instance=function(t){for(var e=ttq._i[t]||[],n=0;n<ttq.methods.length;n++)ttq.setAndDefer(e,ttq.methods[n]);return e},ttq.load=function(e,n){var r="https://analytics.tiktok.com/i18n/pixel/events.js",o=n&&n.partner;ttq._i=ttq._i||{},ttq._i[e]=[],ttq._i[e]._u=r,ttq._t=ttq._t||{},ttq._t[e]=+new Date,ttq._o=ttq._o||{},ttq._o[e]=n||{};n=document.createElement("script");n.type="text/javascript",n.async=!0,n.src=r+"?sdkid="+e+"&lib="+t;e=document.getElementsByTagName("script")[0];e.parentNode.insertBefore(n,e)};
  ttq.load('TOK');
  ttq.page();
}(window, document, 'ttq');
</script>`,
  'document-write': `<script>
document.write('<script src="https://www.googletagmanager.com/gtag/js?id=G-TOK"><\\/script>');
</script>`
};

/*
 * Set-Cookie cases.  Each is a location /oracle/sc/N-ID/ that sets these
 * header lines (nginx add_header, in order), loaded as a document: the
 * cookies it stores have that default path (no case sets Path), so the
 * cases do not see each other's cookies.  "seed": the visitor already has
 * _ga at that path and the line deletes it.  "chromium": what Chromium
 * stores, written from RFC 6265bis and checked by the control run (module
 * off): [name, "session" | seconds | "gone"] or null (nothing stored, the
 * line is rejected).  "tracker": whether what Chromium stores is a tracker
 * cookie by the module's own analytics and marketing names (false:
 * documented only, the control checks what Chromium stores).
 */
const PAST = 'Thu, 01 Jan 1970 00:00:00 GMT';
const FUTURE = 'Fri, 01 Jan 2100 00:00:00 GMT';

export const COOKIES = [
  // the names backends and server-side tag managers set
  ...['_ga', '_ga_ABC123', '_gid', '_gat_gtag_UA_1_1', '_gcl_au', '_gcl_aw',
    'FPID', 'FPLC', '_fbp', '_fbc', '_hjSessionUser_1', '_clck', 'MUID',
    '_uetsid', 'li_fat_id', '_ttp', 'IDE', 'fr'].map((n) => ({
    id: `name-${n}`, set: [`${n}=GA1.1.1.1; Max-Age=63072000`],
    // two years asked, 400 days kept (RFC 6265bis 5.6.2, Chromium)
    chromium: [n, 400 * 86400], tracker: true
  })),

  // Max-Age (RFC 6265bis 5.6.2: a value that is not "-"? DIGIT+ is
  // ignored; Chromium: the last Max-Age attribute is the one used, and a
  // value that is not an integer makes the cookie a session cookie)
  { id: 'max-age-0-then-junk', set: ['_ga=1; Max-Age=0; Max-Age=junk'],
    chromium: ['_ga', 'session'], tracker: true },
  { id: 'max-age-junk-then-0', set: ['_ga=1; Max-Age=junk; Max-Age=0'],
    seed: true, chromium: ['_ga', 'gone'], tracker: true },
  { id: 'max-age-hex', set: ['_ga=1; max-age=0x10'],
    chromium: ['_ga', 'session'], tracker: true },
  { id: 'expires-past-then-max-age', set: [`_ga=1; Expires=${PAST}; Max-Age=100`],
    chromium: ['_ga', 100], tracker: true },
  { id: 'max-age-then-expires-past', set: [`_ga=1; Max-Age=100; Expires=${PAST}`],
    chromium: ['_ga', 100], tracker: true },
  { id: 'max-age-minus-1-then-empty', set: ['_ga=1;Max-Age=-1;Max-Age='],
    chromium: ['_ga', 'session'], tracker: true },
  { id: 'max-age-empty-then-minus-1', set: ['_ga=1; Max-Age=; Max-Age=-1'],
    seed: true, chromium: ['_ga', 'gone'], tracker: true },
  { id: 'max-age-0-then-no-value', set: ['_ga=1; Max-Age=0; Max-Age'],
    chromium: ['_ga', 'session'], tracker: true },
  { id: 'max-age-0-then-plus-100', set: ['_ga=1; Max-Age=0; Max-Age=+100'],
    chromium: ['_ga', 100], tracker: true },
  { id: 'max-age-0-then-exponent', set: ['_ga=1; Max-Age=0; Max-Age=1e3'],
    chromium: ['_ga', 'session'], tracker: true },
  { id: 'max-age-0-then-fraction', set: ['_ga=1; Max-Age=0; Max-Age=5.5'],
    chromium: ['_ga', 'session'], tracker: true },
  { id: 'max-age-0-then-minus-hex', set: ['_ga=1; Max-Age=0; Max-Age=-0x1'],
    chromium: ['_ga', 'session'], tracker: true },
  { id: 'max-age-0-then-quoted', set: ['_ga=1; Max-Age=0; Max-Age="100"'],
    chromium: ['_ga', 'session'], tracker: true },
  { id: 'max-age-0-then-nbsp-100', set: ['_ga=1; Max-Age=0; Max-Age=\u00a0100'],
    chromium: ['_ga', 'session'], tracker: true },
  { id: 'max-age-0-then-spaced-100', set: ['_ga=1; Max-Age=0; MAX-AGE = 100 '],
    chromium: ['_ga', 100], tracker: true },
  { id: 'max-age-minus-1-then-100', set: ['_ga=1; Max-Age=-1; Max-Age=100'],
    chromium: ['_ga', 100], tracker: true },
  { id: 'max-age-0-then-overflow', set: ['_ga=1; Max-Age=0; Max-Age=99999999999999999999'],
    chromium: ['_ga', 400 * 86400], tracker: true },
  { id: 'max-age-0-then-unknown-attribute', set: ['_ga=1; Max-Age=0; Max_Age=100'],
    seed: true, chromium: ['_ga', 'gone'], tracker: true },

  // deletions Chromium performs: the visitor's _ga must go
  { id: 'delete-max-age-0', set: ['_ga=; Max-Age=0'],
    seed: true, chromium: ['_ga', 'gone'], tracker: true },
  { id: 'delete-expires-past', set: [`_ga=; Expires=${PAST}`],
    seed: true, chromium: ['_ga', 'gone'], tracker: true },
  { id: 'delete-expires-past-max-age-junk', set: [`_ga=1; Expires=${PAST}; Max-Age=junk`],
    seed: true, chromium: ['_ga', 'gone'], tracker: true },
  { id: 'delete-max-age-0-expires-future', set: [`_ga=1; Max-Age=0; Expires=${FUTURE}`],
    seed: true, chromium: ['_ga', 'gone'], tracker: true },
  { id: 'delete-max-age-underflow', set: ['_ga=1; Max-Age=-99999999999999999999'],
    seed: true, chromium: ['_ga', 'gone'], tracker: true },

  // attributes, spelling of the header and the name
  { id: 'httponly', set: ['_ga=1; HttpOnly'],
    chromium: ['_ga', 'session'], tracker: true },
  { id: 'secure-on-127.0.0.1', set: ['_ga=1; Secure; SameSite=None'],
    chromium: ['_ga', 'session'], tracker: true },
  { id: 'secure-prefix', set: ['__Secure-3PSID=1; Secure'],
    chromium: ['__Secure-3PSID', 'session'], tracker: true },
  { id: 'leading-space-and-tab', set: [' \t_ga=1'],
    chromium: ['_ga', 'session'], tracker: true },
  { id: 'spaces-around-name', set: ['_ga = GA1.1.1 ; Max-Age = 100 '],
    chromium: ['_ga', 100], tracker: true },
  { id: 'comma-is-not-a-separator', set: ['_ga=1, _gid=2'],
    chromium: ['_ga', 'session'], tracker: true },
  { id: 'lowercase-header-name', header: 'set-cookie', set: ['_ga=1'],
    chromium: ['_ga', 'session'], tracker: true },
  { id: 'duplicate-delete-then-set', set: ['_ga=2; Max-Age=0', '_ga=1'],
    chromium: ['_ga', 'session'], tracker: true },
  { id: 'duplicate-set-twice', set: ['_ga=1', '_ga=2; Max-Age=100'],
    chromium: ['_ga', 100], tracker: true },

  // documented: what Chromium stores is not a tracker cookie by name
  { id: 'uppercase-name', set: ['_GA=1'], chromium: ['_GA', 'session'],
    tracker: false,
    note: 'cookie names are case-sensitive: _GA is not _ga to gtag.js or a server' },
  { id: 'no-equals-sign', set: ['_ga'], chromium: ['', 'session'],
    tracker: false,
    note: 'stored with an empty name and the value "_ga" (sent as "Cookie: _ga"): no identifier' },
  { id: 'empty-name-value-with-equals', set: ['=_ga=GA1.1.1.1'], chromium: null,
    tracker: false,
    note: 'Chromium rejects a nameless cookie whose value has "=" (it would read back as _ga=...)' },
  { id: 'nbsp-before-name', set: ['\u00a0_ga=1'], chromium: ['\u00a0_ga', 'session'],
    tracker: false,
    note: 'U+00A0 is not whitespace to RFC 6265bis: the name is "\\u00a0_ga"' },
  { id: 'secure-prefix-without-secure', set: ['__Secure-3PSID=1'],
    chromium: null, tracker: false,
    note: '__Secure- without Secure is rejected' },
  { id: 'secure-prefix-uppercase', set: ['__SECURE-3PSID=1; Secure'],
    chromium: ['__SECURE-3PSID', 'session'], tracker: false,
    note: 'the prefix check is case-insensitive, the name is not: not a catalog name' },
  { id: 'host-prefix-without-path', set: ['__Host-3PSID=1; Secure'],
    chromium: null, tracker: false,
    note: '__Host- needs Path=/ (the default path here is not /)' },
  { id: 'control-character-in-value', set: ['_ga=1\u0001'], chromium: null,
    tracker: false, note: 'a CTL in the line makes Chromium reject the cookie' }
];

/*
 * The corpus: every case, with the files and nginx locations it needs.
 *
 * Cases share pages (a page per few places, one for the tag spellings,
 * one for the snippets), each followed by a sentinel <i class="cc-end">
 * that the test counts after the load: a rewrite that swallowed markup
 * would hide the cases after it.  A case that needs a document of its own
 * (a refresh, a <base>, a second Meta Pixel) is one, loaded in a frame of
 * an index page; so are the Set-Cookie cases.
 */
export function buildCorpus() {
  const cases = [];
  const files = {};
  const pages = [];
  let n = 0;
  const token = () => `ox${++n}`;
  const END = '<i class="cc-end"></i>';

  const html = (title, head, body, frameset) => '<!DOCTYPE html>\n'
    + `<html lang="en"><head><meta charset="utf-8"><title>${title}</title>\n`
    + head + '\n</head>\n'
    + (frameset ? `<frameset>\n${body}\n</frameset>\n`
      : `<body>\n${body}\n</body>\n`)
    + '</html>\n';

  // a page of cases, each followed by a sentinel
  const addPage = (path, list, head = '', frameset = false) => {
    files[path] = html(path, head, list.map((c) => c.html
      + (frameset ? '' : END)).join('\n'), frameset);
    pages.push({ path, sentinels: frameset ? 0 : list.length });
    for (const c of list) {
      c.page = path;
    }
  };

  // a case in a document of its own
  const docs = [];
  const addDoc = (c, head, body, frameset) => {
    c.doc = `/oracle/d/${c.tok}-${c.id.replace(/[^a-z0-9.-]+/gi, '_')}.html`;
    files[c.doc] = html(c.id, head, body + (frameset ? '' : END), frameset);
    c.frameset = !!frameset;
    docs.push(c);
  };

  // the tracker URL of a case: a host for DNS places, the gtag URL else
  const urlOf = (tok, dns) => dns
    ? { scheme: 'https', host: `${tok}.googletagmanager.com`, rest: '/' }
    : { scheme: 'https', host: GTM_HOST, rest: `/gtag/js?id=G-${tok}` };

  // PLACES x SPELLINGS: a page per 4 places; frameset places: a frameset
  // page; meta-refresh: a document per case
  let group = [];
  let ngroup = 0;
  const flush = () => {
    if (group.length) {
      addPage(`/oracle/p/${++ngroup}.html`, group);
      group = [];
    }
  };
  const places = Object.entries(PLACES);
  places.forEach(([pname, place], i) => {
    const list = [];
    for (const [sname, spell] of Object.entries(SPELLINGS)) {
      if ((NOT_APPLICABLE[pname] || []).includes(sname)) {
        continue;
      }
      const c = { id: `${pname}/${sname}`, group: 'url', tok: token(),
        dns: !!place.dns };
      c.html = place.html(spell(urlOf(c.tok, c.dns)));
      if (place.own) {
        addDoc(c, c.html, '<p>refresh</p>');
      } else {
        list.push(c);
      }
      cases.push(c);
    }
    if (place.frameset) {
      addPage(`/oracle/p/${pname}.html`, list, '', true);
    } else if (list.length) {
      group.push(...list);
      if (i % 4 === 3) {
        flush();
      }
    }
  });
  flush();

  // <base href> x places: relative URLs; a page per base for the places
  // that fetch, a document per case for DNS places (a unique base host),
  // frames and refresh
  for (const [bname, base] of Object.entries(BASES)) {
    const onPage = [];
    for (const [pname, place] of Object.entries(PLACES)) {
      const c = { id: `${bname}/${pname}`, group: 'base', tok: token(),
        dns: !!place.dns };
      c.html = place.html(c.dns ? `./?${c.tok}` : `gtag/js?id=G-${c.tok}`);
      let b = base;
      if (c.dns) {
        b = b.replace(GTM_HOST, `${c.tok}.googletagmanager.com`)
          .replace(GTM_HOST.toUpperCase(),
            `${c.tok}.googletagmanager.com`.toUpperCase());
      }
      const baseTag = `<base href="${b}">`;
      if (c.dns || place.frameset || place.own) {
        addDoc(c, baseTag + (place.own ? '\n' + c.html : ''),
          place.own ? '<p>refresh</p>' : c.html, place.frameset);
      } else {
        onPage.push(c);
      }
      cases.push(c);
    }
    addPage(`/oracle/b/${bname}.html`, onPage, `<base href="${base}">`);
  }

  // tag spellings: one page
  const tags = [];
  for (const [tname, tag] of Object.entries(TAGS)) {
    const c = { id: `tag/${tname}`, group: 'tag', tok: token() };
    c.html = tag(`https://${GTM_HOST}/gtag/js?id=G-${c.tok}`);
    tags.push(c);
    cases.push(c);
  }
  addPage('/oracle/p/tags.html', tags);

  // refresh spellings: a document each
  for (const [rname, meta] of Object.entries(REFRESH)) {
    const c = { id: `meta-refresh/${rname}`, group: 'refresh', tok: token() };
    const m = meta(`https://${GTM_HOST}/gtag/js?id=G-${c.tok}`);
    if (rname === 'refresh-in-body') {
      addDoc(c, '', m);
    } else {
      addDoc(c, m, '<p>refresh</p>');
    }
    cases.push(c);
  }

  // snippets: one page; a Meta Pixel returns early when fbq exists, and
  // the URLs of Meta's and LinkedIn's scripts carry no ID (the token): a
  // document of their own, their requests attributed by frame
  const snippets = [];
  for (const [sname, text] of Object.entries(SNIPPETS)) {
    const c = { id: `snippet/${sname}`, group: 'snippet', tok: token() };
    c.html = text.replace(/TOK/g, c.tok);
    if (/^(meta-pixel|linkedin)/.test(sname)) {
      addDoc(c, c.html, '<p>snippet</p>');
    } else {
      snippets.push(c);
    }
    cases.push(c);
  }
  addPage('/oracle/p/snippets.html', snippets);

  // path spellings: one page of Meta Pixel images
  const paths = [];
  for (const [pname, spell] of Object.entries(FB_PATHS)) {
    const c = { id: `facebook-tr-path/${pname}`, group: 'path', tok: token() };
    c.html = `<img src="https://www.facebook.com${spell(
      `?id=${c.tok}&amp;ev=PageView&amp;noscript=1`)}" alt="">`;
    paths.push(c);
    cases.push(c);
  }
  addPage('/oracle/p/paths.html', paths);

  // response headers: nginx locations, loaded in frames of index pages
  const headerConf = [];
  for (const [hname, h] of Object.entries(HEADERS)) {
    const c = { id: `header/${hname}`, group: 'header', tok: token(),
      dns: !!h.dns };
    const values = [].concat(h.value(
      `https://${GTM_HOST}/gtag/js?id=G-${c.tok}`,
      `${c.tok}.googletagmanager.com`));
    c.doc = `/oracle/h/${c.tok}-${hname}/`;
    headerConf.push(`location = ${c.doc} {\n`
      + values.map((v) => `    add_header ${h.header} "`
        + `${v.replace(/["\\]/g, '\\$&')}";\n`).join('')
      + '    return 200 "<!DOCTYPE html><title>header</title><p>header</p>'
      + '<i class=\\"cc-end\\"></i>\\n";\n}\n');
    docs.push(c);
    cases.push(c);
  }

  // documents are loaded in frames of index pages, 40 to a page
  for (let i = 0; i < docs.length; i += 40) {
    const path = `/oracle/i/${i / 40 + 1}.html`;
    files[path] = html(path, '', docs.slice(i, i + 40)
      .map((c) => `<iframe src="${c.doc}" width="40" height="20"></iframe>`)
      .join('\n'));
    pages.push({ path, docs: docs.slice(i, i + 40).length,
      sentinels: docs.slice(i, i + 40).filter((c) => !c.frameset).length });
    for (const c of docs.slice(i, i + 40)) {
      c.page = path;
    }
  }

  // Set-Cookie cases: nginx locations, loaded in frames of one page
  const cookieCases = COOKIES.map((k, i) => ({ ...k,
    path: `/oracle/sc/${i + 1}-${k.id.replace(/[^a-z0-9.-]+/gi, '_')}/` }));
  const esc = (x) => {
    if (/[$\\]/.test(x)) {
      throw new Error(`a Set-Cookie case with $ or \\: ${x}`);
    }
    return x.replace(/"/g, '\\"');
  };
  const conf = cookieCases.map((k) => `location = ${k.path} {\n`
    + k.set.map((l) => `    add_header ${k.header || 'Set-Cookie'} "${esc(l)}";\n`)
      .join('')
    + '    return 200 "<!DOCTYPE html><title>cookie</title><p>cookie</p>\\n";\n'
    + '}\n').join('') + headerConf.join('');
  const cookiePage = '/oracle/sc/index.html';
  files[cookiePage] = html('Set-Cookie cases', '', cookieCases
    .map((k) => `<iframe src="${k.path}" width="40" height="20"></iframe>`)
    .join('\n'));

  return { cases, files, cookieCases, conf, pages, cookiePage };
}
