#!/usr/bin/perl
# Every response a browser renders as a document, whatever nginx did to
# produce it: conditional requests answer 304 only for the consent state
# the page was rewritten for (static and proxied, undecided, refusing and
# consenting visitors); per-consent pages are private to one visitor and
# vary on the cookie; gzip and deflate pages are decoded and rewritten, an
# encoding that cannot be decoded is not served to a visitor whose
# trackers must be blocked; error pages and documents in frames have their
# trackers neutralised.

use v5.36;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use CCTest qw(:all);
use Compress::Zlib ();
use IO::Compress::Gzip qw(gzip $GzipError);

CCTest::need_module();

my $http = <<"EOF";
    cookie_consent_secret $KEY;
    cookie_consent on;

    server {
        listen 127.0.0.1:%%PORT2%%;
        cookie_consent off;
        root %%DIR%%/html;
        types { text/html html; image/png png; }
        default_type text/html;

        location /gz/ {
            gzip on;
            gzip_types text/html;
            gzip_min_length 0;
            alias %%DIR%%/html/;
        }
        location = /br.html {
            add_header Content-Encoding br;
        }
        location = /zlib.html {
            add_header Content-Encoding deflate;
        }
        location = /rawdeflate.html {
            add_header Content-Encoding deflate;
        }
        location = /pre.html.gz {
            add_header Content-Encoding gzip;
            types { } default_type text/html;
        }
        location = /corrupt.html {
            add_header Content-Encoding gzip;
        }
        location = /public.html {
            add_header Cache-Control "public, max-age=600, s-maxage=600";
            alias %%DIR%%/html/page.html;
        }
        location = /nostore.html {
            add_header Cache-Control "no-store";
            alias %%DIR%%/html/page.html;
        }
        location = /missing.html {
            return 404 "<html><body><p>gone</p>GTAG_NGINX</body></html>";
        }
        location = /echo-ae {
            default_type text/plain;
            return 200 "ae=[\$http_accept_encoding]";
        }
    }

    server {
        listen 127.0.0.1:%%PORT%%;
        root %%DIR%%/html;
        types { text/html html; image/png png; }
        default_type text/html;

        location /p/ {
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
        location /pgz/ {
            gzip on;
            gzip_types text/html;
            gzip_min_length 0;
            proxy_pass http://127.0.0.1:%%PORT2%%/gz/;
        }
        location /plain/ {
            cookie_consent_banner off;
            alias %%DIR%%/html/;
        }
        location /err/ {
            error_page 404 /404.html;
        }
        location /intercept/ {
            proxy_intercept_errors on;
            error_page 404 /404.html;
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
        location /cookie-consent {
            cookie_consent_endpoint;
        }
    }
EOF

my $gtag = '<script async '
    . 'src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>';
(my $gtag_nginx = $gtag) =~ s/"/\\"/g;
$http =~ s/GTAG_NGINX/$gtag_nginx/;

my $t = CCTest->new(http => $http);

my $page = "<!doctype html><html lang=\"en\"><head>$gtag</head>"
    . "<body><p>hello</p></body></html>\n";
$t->write_file('html/page.html', $page);
$t->write_file('html/404.html',
    "<html><head>$gtag</head><body><p>not here</p></body></html>\n");
$t->write_file('html/pixel.png', "\x89PNG fake");

# encoded variants
my $big = $page . ('<p>' . ('x' x 70) . "</p>\n") x 20000 . $gtag . "\n";
gzip(\$page => $t->dir . '/html/pre.html.gz') or die $GzipError;
$t->write_file('html/zlib.html', Compress::Zlib::compress($page));
{
    my ($d) = Compress::Zlib::deflateInit(-WindowBits => -15);
    my ($o1) = $d->deflate($page);
    my ($o2) = $d->flush();
    $t->write_file('html/rawdeflate.html', $o1 . $o2);
}
$t->write_file('html/br.html', "\x0b\x02\x80<not really brotli>");
# a gzip header, then a deflate block of the invalid type 3
$t->write_file('html/corrupt.html',
    "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xff\xff\xff\xff");
$t->write_file('html/big.html', $big);

$t->run or BAIL_OUT('nginx did not start: ' . $t->error_log);

my $all = consent_cookie(qw(preferences analytics marketing));
my $none = consent_cookie();
my $doc = ['Sec-Fetch-Dest' => 'document', Accept => 'text/html'];

sub live($body) { $body =~ /<script async src="https:\/\/www\.googletagmanager/ }

# ---------------------------------------------------------------------------
# validators: static and proxied

for my $base ('/', '/p/') {
    my $u = $t->get("${base}page.html", headers => $doc);
    my $etag = hdr($u, 'ETag');

    is($u->{status}, 200, "$base: undecided 200");
    ok(!live($u->{body}), "$base: undecided, tracker inert");
    like($etag // '', qr{^W/".*-ccg[0-9a-f]+\.[0-9a-f]+u"$},
         "$base: ETag names the consent state");
    is(hdr($u, 'Last-Modified'), undef, "$base: no Last-Modified");
    like(hdr($u, 'Cache-Control') // '', qr/\bprivate\b/,
         "$base: Cache-Control private");
    like(join(',', hdr_all($u, 'Vary')), qr/\bCookie\b/i, "$base: Vary: Cookie");

    my $r = $t->get("${base}page.html",
                    headers => [@$doc, 'If-None-Match' => $etag]);
    is($r->{status}, 304, "$base: same state revalidates: 304");
    is(hdr($r, 'ETag'), $etag, "$base: 304 carries the state's ETag");

    # the visitor accepted: the undecided copy is not revalidated
    my $a = $t->get("${base}page.html",
                    headers => [@$doc, Cookie => $all, 'If-None-Match' => $etag]);
    is($a->{status}, 200, "$base: accepted, old ETag: 200");
    ok(live($a->{body}), "$base: accepted: tracker live");
    my $aetag = hdr($a, 'ETag');
    isnt($aetag, $etag, "$base: accepted: another ETag");
    like($aetag // '', qr/-ccg[0-9a-f]+\.fs"$/,
         "$base: accepted: all four categories, decided");

    # then withdrew: the consenting copy is not revalidated either
    my $w = $t->get("${base}page.html",
                    headers => [@$doc, Cookie => $none, 'If-None-Match' => $aetag]);
    is($w->{status}, 200, "$base: withdrew, consenting ETag: 200");
    ok(!live($w->{body}), "$base: withdrew: tracker inert");

    $r = $t->get("${base}page.html",
                 headers => [@$doc, Cookie => $all, 'If-None-Match' => $aetag]);
    is($r->{status}, 304, "$base: consenting copy revalidates for consent");

    # a list with other states' tags and the right one
    $r = $t->get("${base}page.html", headers => [@$doc, Cookie => $none,
        'If-None-Match' => "$etag, $aetag, " . hdr($w, 'ETag')]);
    is($r->{status}, 304, "$base: list with this state's tag: 304");

    # a date is no validator of a per-consent page
    my $lm = hdr($t->get("/p/pixel.png"), 'Last-Modified');
    $r = $t->get("${base}page.html",
                 headers => [@$doc, 'If-Modified-Since' => $lm]);
    is($r->{status}, 200, "$base: If-Modified-Since on a document: 200");
}

# a tag without a state (from before the module, or a Range answer's)
{
    my $range = $t->get('/page.html', headers => [Range => 'bytes=0-1']);
    is($range->{status}, 206, 'Range: 206, bytes of the resource');
    my $orig = hdr($range, 'ETag');
    unlike($orig // '', qr/-ccg/, 'Range: the resource\'s own ETag');
    my $r = $t->get('/page.html', headers => [@$doc, 'If-None-Match' => $orig]);
    is($r->{status}, 200, 'document with the resource\'s own tag: 200');
    ok(!live($r->{body}), '... and its tracker inert');

    # a Range nginx would not apply gets the whole page, rewritten
    for my $bad ('bytes=abc', 'lines=0-1') {
        $r = $t->get('/page.html', headers => [@$doc, Range => $bad]);
        is($r->{status}, 200, "Range $bad: the whole page");
        ok(!live($r->{body}), "Range $bad: tracker inert");
    }
    $r = $t->get('/page.html', headers => [@$doc, Range => 'bytes=0-',
        'If-Range' => '"not-it"']);
    is($r->{status}, 200, 'If-Range that does not match: the whole page');
    ok(!live($r->{body}), 'If-Range that does not match: tracker inert');
}

# non-documents keep nginx's revalidation
{
    my $img = $t->get('/pixel.png');
    my $r = $t->get('/pixel.png', headers => ['Sec-Fetch-Dest' => 'image',
        'If-Modified-Since' => hdr($img, 'Last-Modified')]);
    is($r->{status}, 304, 'image: If-Modified-Since still 304');
    $r = $t->get('/pixel.png', headers => ['If-None-Match' => hdr($img, 'ETag')]);
    is($r->{status}, 304, 'image: If-None-Match still 304');
    like(hdr($img, 'ETag'), qr/^"[^"]*"$/, 'image: strong ETag untouched');
}

# a page left untouched because everything is granted still has the state
{
    my $g = $t->get('/plain/page.html', headers => [@$doc, Cookie => $all]);
    is($g->{body}, $page, 'all granted, no banner: untouched body');
    my $etag = hdr($g, 'ETag');
    like($etag // '', qr/-ccg[0-9a-f]+\.fs"$/, 'all granted: state ETag');
    my $r = $t->get('/plain/page.html',
                    headers => [@$doc, Cookie => $none, 'If-None-Match' => $etag]);
    is($r->{status}, 200, 'withdrew: the untouched copy is not revalidated');
    ok(!live($r->{body}), 'withdrew: tracker inert');
}

# Cache-Control from the upstream
{
    my $r = $t->get('/p/public.html');
    my $cc = hdr($r, 'Cache-Control') // '';
    like($cc, qr/\bprivate\b/, 'public page: private');
    unlike($cc, qr/\bpublic\b|s-maxage/, 'public page: public, s-maxage gone');
    like($cc, qr/max-age=600/, 'public page: max-age kept');
    $r = $t->get('/p/nostore.html');
    is(hdr($r, 'Cache-Control'), 'no-store', 'no-store kept as it is');
}

# ---------------------------------------------------------------------------
# encodings

{
    my $ae = $t->get('/p/echo-ae', headers => [@$doc,
        'Accept-Encoding' => 'gzip, deflate, br, zstd']);
    is($ae->{body}, 'ae=[gzip, deflate]',
       'document: the upstream is asked for gzip or deflate only');
    $ae = $t->get('/p/echo-ae', headers => ['Sec-Fetch-Dest' => 'script',
        'Accept-Encoding' => 'gzip, br']);
    is($ae->{body}, 'ae=[gzip, br]', 'script: Accept-Encoding as sent');

    for my $case (['/p/gz/page.html', 'gzip (upstream gzip on)'],
                  ['/p/pre.html.gz', 'gzip (precompressed)'],
                  ['/p/zlib.html', 'deflate (zlib)'],
                  ['/p/rawdeflate.html', 'deflate (raw)'])
    {
        my ($path, $what) = @$case;
        my $r = $t->get($path, headers => [@$doc,
            'Accept-Encoding' => 'gzip, deflate']);
        is($r->{status}, 200, "$what: 200");
        is(hdr($r, 'Content-Encoding'), undef, "$what: decoded");
        ok(!live($r->{body}), "$what: tracker inert");
        like($r->{body}, qr{<p>hello</p>}, "$what: the page is there");
        like($r->{body}, qr/ccm-banner/, "$what: banner");
    }

    # decoded, rewritten, compressed again by nginx's gzip for the visitor
    my $r = $t->get('/pgz/big.html', headers => [@$doc,
        'Accept-Encoding' => 'gzip']);
    is(hdr($r, 'Content-Encoding'), 'gzip', 'recompressed for the visitor');
    my $body = Compress::Zlib::memGunzip($r->{body}) // '';
    ok(!live($body), 'big gzip page: first tracker inert');
    like($body, qr{data-category="analytics"[^>]*>\s*</script>\n\z},
         'big gzip page: the tracker at the end inert');
    is(scalar(() = $body =~ /<p>x{70}<\/p>/g), 20000,
       'big gzip page: every line there');

    # slow reader on the gzip page: bounded decoding buffers, complete
    my $slow = $t->slow_get('/p/gz/big.html', headers => [@$doc,
        'Accept-Encoding' => 'gzip'], rate => 1_000_000, deadline => 30);
    is($slow->{error}, undef, 'gzip page, slow reader: complete');
    is(scalar(() = $slow->{body} =~ /<p>x{70}<\/p>/g), 20000,
       'gzip page, slow reader: every line');

    $r = $t->get('/p/br.html', headers => $doc);
    is($r->{status}, 502, 'br: not served to an undecided visitor');
    ok(!live($r->{body}), 'br: no tracker');
    like($t->error_log, qr/\[error\].*Content-Encoding: br.*502/,
         'br: logged at error');
    $r = $t->get('/p/br.html', headers => [@$doc, Cookie => $all]);
    is($r->{status}, 200, 'br, everything granted: passed');
    is(hdr($r, 'Content-Encoding'), 'br', 'br, everything granted: as sent');

    # nothing decoded yet: the connection closes before a byte went out
    # (nginx's gunzip does the same), the operator is told why
    $r = $t->get('/p/corrupt.html', headers => $doc, quiet => 1);
    ok(!live($r->{body} // ''), 'corrupt gzip: no tracker');
    is($r->{status}, undef, 'corrupt gzip: no response');
    like($t->error_log, qr/cannot be decoded.*cut short/,
         'corrupt gzip: logged');
}

# ---------------------------------------------------------------------------
# error pages and frames

{
    my $r = $t->get('/err/nothing.html', headers => $doc);
    is($r->{status}, 404, 'error_page: 404');
    like($r->{body}, qr/not here/, 'error_page: its page');
    ok(!live($r->{body}), 'error_page: tracker inert');
    unlike($r->{body}, qr/ccm-banner/, 'error_page: no banner');

    $r = $t->get('/intercept/missing.html', headers => $doc);
    is($r->{status}, 404, 'proxy_intercept_errors: 404');
    ok(!live($r->{body}), 'proxy_intercept_errors: tracker inert');

    $r = $t->get('/p/missing.html', headers => $doc);
    is($r->{status}, 404, 'upstream 404 page: 404');
    like($r->{body}, qr/gone/, 'upstream 404 page: its body');
    ok(!live($r->{body}), 'upstream 404 page: tracker inert');

    for my $dest (qw(iframe frame embed object)) {
        $r = $t->get('/page.html', headers => ['Sec-Fetch-Dest' => $dest]);
        ok(!live($r->{body}), "Sec-Fetch-Dest $dest: tracker inert");
        unlike($r->{body}, qr/ccm-banner/, "Sec-Fetch-Dest $dest: no banner");
    }
    $r = $t->get('/page.html', headers => ['Sec-Fetch-Dest' => 'script']);
    is($r->{body}, $page, 'Sec-Fetch-Dest script: not a document, untouched');
}

done_testing();
