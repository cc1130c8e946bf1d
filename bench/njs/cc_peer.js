// make bench: the njs peer, what a site would write with Debian's
// libnginx-mod-http-js instead of using the module: the Lua peer's job
// (bench/lua/cc_peer.lua) in JavaScript, for every visitor (it reads no
// consent):
//
//   * removes the Set-Cookie headers of a fixed list of tracker cookies
//     (the 8 the bench backend sets), keeps the others;
//   * in text/html responses, makes every GA4 loader inert as the module
//     writes it, and inserts the banner once, right after the first
//     <body ...> tag.
//
// Streaming: chunks pass on as they come; only a tail that may be the
// start of a pattern cut by the chunk boundary is held back.  Bytes, not
// strings (buffer_type=buffer): the page's encoding is left alone.  The
// state lives in the module's globals, which njs gives each request a
// copy of.  tools/bench.sh fills in @DIR@ (where banner.html is).
//
//   js_import cc_peer from .../cc_peer.js;
//   js_header_filter cc_peer.header;
//   js_body_filter cc_peer.body buffer_type=buffer;

var fs = require('fs');

var GTAG = Buffer.from('<script async src="https://www.googletagmanager.com/gtag/js');
var GTAG_INERT = Buffer.from('<script type="text/plain" data-category="analytics" async'
                             + ' data-src="https://www.googletagmanager.com/gtag/js');
var BODY = Buffer.from('<body');
var HOLD = GTAG.length - 1;     // the longest tail that can start a match

var DROP = { _ga: true, _gid: true, _gcl_au: true, _fbp: true, _fbc: true };
var DROP_PREFIX = ['_ga_', '_hjSessionUser_', '_hjSession_'];

var banner = fs.readFileSync('@DIR@/banner.html');

// per request
var html = false;
var carry = null;
var bodyDone = false;

function tracker(c) {
    var m = /^\s*([^=;\s]+)/.exec(c);
    var i;

    if (!m) {
        return false;
    }

    if (DROP[m[1]]) {
        return true;
    }

    for (i = 0; i < DROP_PREFIX.length; i++) {
        if (m[1].startsWith(DROP_PREFIX[i])) {
            return true;
        }
    }

    return false;
}

function header(r) {
    var sc = r.headersOut['Set-Cookie'];
    var ct = r.headersOut['Content-Type'];
    var keep;

    if (sc && sc.length) {
        keep = sc.filter(function (c) { return !tracker(c); });

        if (keep.length !== sc.length) {
            if (keep.length) {
                r.headersOut['Set-Cookie'] = keep;

            } else {
                delete r.headersOut['Set-Cookie'];
            }
        }
    }

    if (ct && ct.indexOf('text/html') >= 0) {
        html = true;
        delete r.headersOut['Content-Length'];   // the body changes length
    }
}

// whether s[i..] is the start of p
function prefix(s, i, p) {
    var n = s.length - i;

    return n <= p.length && p.subarray(0, n).equals(s.subarray(i));
}

// where the tail of s that may be the start of GTAG or of "<body" begins
// (a '<' in its last HOLD bytes); -1 when there is none
function tailStart(s) {
    var i = Math.max(0, s.length - HOLD);

    for (;;) {
        i = s.indexOf(60, i);

        if (i < 0) {
            return -1;
        }

        if (prefix(s, i, GTAG) || (!bodyDone && prefix(s, i, BODY))) {
            return i;
        }

        i++;
    }
}

function body(r, data, flags) {
    var s, parts, pos, i, c, e, t, hold;

    if (!html) {
        r.sendBuffer(data, flags);
        return;
    }

    s = carry ? Buffer.concat([carry, data]) : data;
    carry = null;

    // every GA4 loader, made inert
    if (s.indexOf(GTAG) >= 0) {
        parts = [];
        pos = 0;

        while ((i = s.indexOf(GTAG, pos)) >= 0) {
            parts.push(s.subarray(pos, i), GTAG_INERT);
            pos = i + GTAG.length;
        }

        parts.push(s.subarray(pos));
        s = Buffer.concat(parts);
    }

    // the banner, after the first <body ...>
    hold = -1;                  // a <body tag cut by the chunk's end

    if (!bodyDone) {
        pos = 0;

        while ((i = s.indexOf(BODY, pos)) >= 0) {
            if (i + 5 >= s.length) {
                hold = i;
                break;
            }

            c = s[i + 5];

            if (c === 62 || c === 32 || c === 9 || c === 10 || c === 13
                || c === 12 || c === 47)
            {
                e = s.indexOf(62, i + 5);

                if (e < 0) {
                    hold = i;
                    break;
                }

                s = Buffer.concat([s.subarray(0, e + 1), banner,
                                   s.subarray(e + 1)]);
                bodyDone = true;
                break;
            }

            pos = i + 1;
        }
    }

    if (!flags.last) {
        t = tailStart(s);

        if (hold >= 0 && (t < 0 || hold < t)) {
            t = hold;
        }

        if (t >= 0) {
            carry = Buffer.from(s.subarray(t));
            s = s.subarray(0, t);
        }
    }

    r.sendBuffer(s, flags);
}

export default { header: header, body: body };
