#!/usr/bin/perl
# HTML responses: tracker tags of non-granted categories made inert in a
# streaming pass (cookieconsent v3 convention), everything else byte for
# byte; responses that must not be touched are not.

use v5.36;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use CCTest qw(:all);

my $t = CCTest->new(http => <<"EOF");
    cookie_consent_secret $KEY;
    cookie_consent on;

    server {
        listen 127.0.0.1:%%PORT2%%;
        cookie_consent off;
        root %%DIR%%/html;
        location = /gz.html {
            add_header Content-Encoding gzip;
        }
        location = /json {
            default_type application/json;
            return 200 '{"html":"<script src=\\"https://www.google-analytics.com/a.js\\"></script>"}';
        }
    }

    server {
        listen 127.0.0.1:%%PORT%%;
        location / {
            proxy_pass http://127.0.0.1:%%PORT2%%;
            proxy_buffer_size 1k;
            proxy_buffers 4 1k;
            proxy_busy_buffers_size 1k;
        }
        location /off/ {
            cookie_consent_html off;
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
    }
EOF

my $page = '<!DOCTYPE html><html><head>'
    . '<script async src="https://www.googletagmanager.com/gtag/js?id=G-X1">'
    . '</script><script>window.dataLayer=window.dataLayer||[];</script>'
    . '<link rel="preconnect" href="https://connect.facebook.net">'
    . '</head><BODY class=x><h1 title="a>b">Shop</h1>'
    . '<img height="1" width="1" src="https://www.facebook.com/tr?id=1&amp;ev=PageView">'
    . '<iframe src="https://www.youtube.com/embed/abc"></iframe>'
    . '<script type="application/ld+json">{"@type":"Product"}</script>'
    . '<!-- <script src="https://www.google-analytics.com/x.js"></script> -->'
    . '<script src="/app.js"></script></BODY></html>';

$t->write_file('html/page.html', $page);
$t->write_file('html/gz.html', "\x1f\x8b\x08\x00binary<script src=\"https://www.google-analytics.com/a.js\">");
$t->write_file('html/big.html', ('<p>filler text for a long page</p>' x 150000)
    . '<script src="https://www.google-analytics.com/analytics.js"></script>');
$t->run or BAIL_OUT('nginx did not start');

# undecided: every tracker inert, the rest untouched
my $r = $t->get('/page.html');
is($r->{status}, 200, 'page 200');
my $b = $r->{body};
like($b, qr{<script type="text/plain" data-category="analytics" async data-src="https://www\.googletagmanager\.com/gtag/js\?id=G-X1">},
     'gtag.js script inert, src moved to data-src');
like($b, qr{<link data-category="marketing" rel="preconnect" data-href="https://connect\.facebook\.net">},
     'preconnect to a tracker inert');
like($b, qr{<img data-category="marketing" height="1" width="1" data-src="https://www\.facebook\.com/tr\?id=1&amp;ev=PageView">},
     'Meta pixel inert');
like($b, qr{<iframe data-category="marketing" data-src="https://www\.youtube\.com/embed/abc">},
     'YouTube embed inert');
like($b, qr{<script type="application/ld\+json">\{"\@type":"Product"\}</script>},
     'JSON-LD untouched');
like($b, qr{<!-- <script src="https://www\.google-analytics\.com/x\.js"></script> -->},
     'comment untouched');
like($b, qr{<script src="/app\.js"></script>}, 'first-party script untouched');
like($b, qr{<BODY class=x><h1 title="a>b">Shop</h1>}, 'other markup untouched');
ok(!hdr($r, 'Content-Length'), 'Content-Length cleared');
like(hdr($r, 'ETag') // 'W/', qr{^W/}, 'ETag weak');

# removing the edits gives the input back
(my $back = $b) =~ s/ type="text\/plain" data-category="[a-z]+"//g;
$back =~ s/ data-category="[a-z]+"//g;
$back =~ s/ data-(src|href)=/ $1=/g;
is($back, $page, 'output minus the edits equals the input');

# analytics granted: the gtag script is left exactly as it was
$r = $t->get('/page.html', headers => [Cookie => consent_cookie('analytics')]);
like($r->{body}, qr{<script async src="https://www\.googletagmanager\.com/gtag/js\?id=G-X1">},
     'analytics granted: gtag.js untouched');
like($r->{body}, qr{<img data-category="marketing"}, 'marketing still inert');

# everything granted: byte for byte
$r = $t->get('/page.html', headers => [Cookie => consent_cookie(
    'preferences', 'analytics', 'marketing')]);
is($r->{body}, $page, 'all granted: identical bytes');

# not touched: HEAD, JSON, non-document destinations, off
$r = $t->head('/page.html');
is($r->{body} // '', '', 'HEAD: no body');
$r = $t->get('/json');
like($r->{body}, qr{<script src=\\?"https://www\.google-analytics\.com/a\.js},
     'JSON untouched');
$r = $t->get('/page.html', headers => ['Sec-Fetch-Dest' => 'iframe']);
like($r->{body}, qr{<script type="text/plain" data-category="analytics" async data-src=},
     'Sec-Fetch-Dest iframe: a document in a frame, trackers inert');
unlike($r->{body}, qr/ccm-banner/, 'Sec-Fetch-Dest iframe: no banner');
$r = $t->get('/page.html', headers => ['Sec-Fetch-Dest' => 'script']);
is($r->{body}, $page, 'Sec-Fetch-Dest script: not a document, untouched');
$r = $t->get('/page.html', headers => ['Sec-Fetch-Dest' => 'document']);
isnt($r->{body}, $page, 'Sec-Fetch-Dest document: rewritten');
# not gzip after its header: never served with the tracker in clear
$r = $t->get('/gz.html', quiet => 1);
unlike($r->{body} // '', qr{<script src="https://www\.google-analytics},
       'broken gzip body: not passed on');
$r = $t->get('/off/page.html');
is($r->{body}, $page, 'cookie_consent_html off: untouched');

# a 5 MB page through small proxy buffers: streamed, the end rewritten
$r = $t->get('/big.html');
is(length($r->{body}), 150000 * 34 + length('<script type="text/plain" '
   . 'data-category="analytics" data-src="https://www.google-analytics.com/'
   . 'analytics.js"></script>'), 'big page: every byte there');
like(substr($r->{body}, -120), qr{data-category="analytics" data-src=},
     'big page: tracker at the end inert');

# tracker URLs are remembered per worker: after a reload with other rules
# the new rules decide (new workers start with nothing remembered)
my $rules = sub ($trackers) { <<"EOF" };
    cookie_consent_secret $KEY;
    cookie_consent on;
    server {
        listen 127.0.0.1:%%PORT%%;
        root %%DIR%%/html;
        $trackers
    }
EOF
my $t2 = CCTest->new(http => $rules->('cookie_consent_trackers analytics '
                                      . 'stats.example.com;'));
$t2->write_file('html/img.html', '<p><img src="https://stats.example.com/p.gif">'
    . '<img src="https://pixel.example.net/x.gif"></p>');
$t2->run or BAIL_OUT('nginx did not start');
for my $n (1 .. 3) {
    $r = $t2->get('/img.html');
    is($r->{body}, '<p><img data-category="analytics" data-src='
       . '"https://stats.example.com/p.gif"><img src="https://pixel.example.net/'
       . 'x.gif"></p>', "tracker rules, request $n");
}
$t2->write_file('conf/nginx.conf', $t2->conf_text($rules->(
    'cookie_consent_trackers marketing pixel.example.net;')));
ok($t2->reload, 'reload with other tracker rules');
for my $n (1 .. 3) {
    $r = $t2->get('/img.html');
    is($r->{body}, '<p><img src="https://stats.example.com/p.gif"><img '
       . 'data-category="marketing" data-src="https://pixel.example.net/x.gif">'
       . '</p>', "the new rules after a reload, request $n");
}

done_testing();
