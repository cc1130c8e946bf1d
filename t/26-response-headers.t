#!/usr/bin/perl
# Tracker URLs in response headers (issue 10): Chromium follows a
# document's Link preload, modulepreload, prefetch, preconnect and
# dns-prefetch headers and its Refresh header as it follows the tags.
# For a visitor who has not granted the tracker's category, the module
# removes those link-values (the others stay byte for byte) and those
# Refresh headers, on every response type, from upstreams and add_header
# alike; a consenting visitor keeps them, report mode only logs.

use v5.36;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use CCTest qw(:all);

CCTest::need_module();

my $GTM = 'https://www.googletagmanager.com/gtag/js?id=G-1';

# each header: its value, and what a refusing visitor (necessary only)
# and a visitor who granted analytics (not marketing) get: undef, gone
my @links = (
    # one tracker link-value: the header goes
    ["<$GTM>; rel=preload; as=script", undef, "<$GTM>; rel=preload; as=script"],
    # several link-values, commas inside <> and a quoted string
    ['</app.js>; rel=preload; as=script, '
        . '<https://www.google-analytics.com>; rel=preconnect,'
        . '<//connect.facebook.net>; rel=dns-prefetch, '
        . '<https://cdn.example.com/x,y.css>; rel=preload; as=style; '
        . 'title="a, <b>"',
     '</app.js>; rel=preload; as=script, '
        . '<https://cdn.example.com/x,y.css>; rel=preload; as=style; '
        . 'title="a, <b>"',
     '</app.js>; rel=preload; as=script, '
        . '<https://www.google-analytics.com>; rel=preconnect, '
        . '<https://cdn.example.com/x,y.css>; rel=preload; as=style; '
        . 'title="a, <b>"'],
    # no tracker: untouched, also with odd spacing
    ['</font.woff2>; rel=preload; as=font; crossorigin ,  ,</b.css>;rel=preload',
     '</font.woff2>; rel=preload; as=font; crossorigin ,  ,</b.css>;rel=preload',
     '</font.woff2>; rel=preload; as=font; crossorigin ,  ,</b.css>;rel=preload'],
    # modulepreload and prefetch, the host spelled as the browser reads it
    ['<HTTPS://WWW.GOOGLETAGMANAGER.COM/gtm.js?id=GTM-1>; rel=modulepreload, '
        . '<https:\\\\www.googletagmanager.com\\x>; rel=prefetch',
     undef,
     '<HTTPS://WWW.GOOGLETAGMANAGER.COM/gtm.js?id=GTM-1>; rel=modulepreload, '
        . '<https:\\\\www.googletagmanager.com\\x>; rel=prefetch'],
    # a path rule in an imagesrcset candidate (Chromium preloads them)
    ['</i.png>; rel=preload; as=image; '
        . 'imagesrcset="/i1.png 1x, https://www.facebook.com/tr?id=1 2x"',
     undef,
     undef],
    # unparseable, with a tracker URL: the whole header
    ['</ok.js>; rel=preload; as=script, '
        . 'https://www.googletagmanager.com/gtag/js; rel=preload',
     undef,
     '</ok.js>; rel=preload; as=script, '
        . 'https://www.googletagmanager.com/gtag/js; rel=preload'],
    # unparseable without one: untouched
    ['</ok2.js>; rel=preload, junk;;, <a', '</ok2.js>; rel=preload, junk;;, <a',
     '</ok2.js>; rel=preload, junk;;, <a'],
);

my $refresh = "0; url=$GTM";

# nginx strings: single-quoted, as some values have double quotes
sub ngx_str($v) { (my $s = $v) =~ s/(['\\])/\\$1/g; "'$s'" }

my $adds = join '', (map { "            add_header Link " . ngx_str($_->[0])
                           . " always;\n" } @links),
    "            add_header link " . ngx_str("<$GTM>; rel=preload; as=script")
        . " always;\n",
    "            add_header Refresh " . ngx_str($refresh) . " always;\n";

my $t = CCTest->new(http => <<"EOF");
    cookie_consent_secret $KEY;
    cookie_consent on;
    cookie_consent_zone cc_headers:1m;

    server {
        listen 127.0.0.1:%%PORT2%%;
        cookie_consent off;

        location = /links {
            default_type application/json;
$adds            return 200 '{"ok":true}';
        }
        location = /missing {
            add_header Link "<$GTM>; rel=preload; as=script" always;
            return 404;
        }
        location = /refresh-local {
            add_header Refresh "5; url=/next" always;
            add_header Refresh "0;url=https://cdn.example.com/x" always;
            return 204;
        }
    }

    server {
        listen 127.0.0.1:%%PORT%%;

        location / {
            proxy_pass http://127.0.0.1:%%PORT2%%;
        }
        location = /direct {
            add_header Link "</app.js>; rel=preload; as=script, <$GTM>; rel=preload; as=script" always;
            add_header Refresh "1;URL='$GTM'" always;
            return 204;
        }
        location = /report {
            cookie_consent report;
            proxy_pass http://127.0.0.1:%%PORT2%%/links;
        }
        location = /status {
            cookie_consent_status;
            cookie_consent off;
        }
    }
EOF
$t->run or BAIL_OUT('nginx did not start: ' . $t->error_log);

my $refusing = consent_cookie();
my $analytics = consent_cookie('analytics');
my $everything = consent_cookie(qw(preferences analytics marketing));

# what a visitor gets: the Link headers in order, then Refresh
sub expect($col) {
    return [map { defined $_->[$col] ? ($_->[$col]) : () } @links];
}

# --- an undecided visitor, through proxy_pass -----------------------------

my $r = $t->get('/links');
is($r->{status}, 200, 'undecided: 200');
is($r->{body}, '{"ok":true}', 'undecided: the body untouched');
is_deeply([hdr_all($r, 'Link')], expect(1),
          'undecided: tracker link-values removed, the others byte for byte')
    or diag(explain [hdr_all($r, 'Link')]);
is(hdr($r, 'Refresh'), undef, 'undecided: Refresh to a tracker removed');

# the counters: a removed link-value or Refresh is a tracker made inert
my $s = json_decode($t->get('/status')->{body});
is($s->{categories}{analytics}{tags_neutralised}, 7,
   'counted: 7 analytics URLs (4 link-values, an unparseable header, the '
   . 'lower-case link header, Refresh)');
is($s->{categories}{marketing}{tags_neutralised}, 2,
   'counted: 2 marketing link-values');

# --- refusing, analytics only, everything ---------------------------------

$r = $t->get('/links', headers => [Cookie => $refusing]);
is_deeply([hdr_all($r, 'Link')], expect(1),
          'refusing: tracker link-values removed')
    or diag(explain [hdr_all($r, 'Link')]);
is(hdr($r, 'Refresh'), undef, 'refusing: Refresh removed');

$r = $t->get('/links', headers => [Cookie => $analytics]);
is_deeply([hdr_all($r, 'Link')],
          [expect(2)->@*, "<$GTM>; rel=preload; as=script"],
          'analytics granted: only the marketing link-values removed')
    or diag(explain [hdr_all($r, 'Link')]);
is(hdr($r, 'Refresh'), $refresh, 'analytics granted: Refresh kept');

$r = $t->get('/links', headers => [Cookie => $everything]);
is_deeply([hdr_all($r, 'Link')],
          [(map { $_->[0] } @links), "<$GTM>; rel=preload; as=script"],
          'everything granted: every Link header as the upstream sent it');
is(hdr($r, 'Refresh'), $refresh, 'everything granted: Refresh kept');

# --- other statuses, add_header in this server -----------------------------

$r = $t->get('/missing');
is($r->{status}, 404, 'an error page: 404');
is(hdr($r, 'Link'), undef, '404: the tracker preload removed');

$r = $t->get('/direct');
is($r->{status}, 204, 'add_header here: 204');
is_deeply([hdr_all($r, 'Link')], ['</app.js>; rel=preload; as=script'],
          'add_header here: the tracker link-value removed');
is(hdr($r, 'Refresh'), undef, 'add_header here: Refresh with URL= removed');

$r = $t->get('/refresh-local');
is_deeply([hdr_all($r, 'Refresh')],
          ['5; url=/next', '0;url=https://cdn.example.com/x'],
          'Refresh to the site and to another host kept');

$r = $t->get('/direct', headers => [Cookie => $everything]);
is_deeply([hdr_all($r, 'Link')],
          ["</app.js>; rel=preload; as=script, <$GTM>; rel=preload; as=script"],
          'add_header here, everything granted: kept');

# --- report mode ------------------------------------------------------------

$r = $t->get('/report');
is_deeply([hdr_all($r, 'Link')],
          [(map { $_->[0] } @links), "<$GTM>; rel=preload; as=script"],
          'report: every Link header kept');
is(hdr($r, 'Refresh'), $refresh, 'report: Refresh kept');

my $log = $t->error_log;
like($log, qr/\[notice\].*cookie consent report: would remove Link "\Q<$GTM>; rel=preload; as=script\E" \(analytics\) from "\/report"/,
     'report: the tracker preload logged at notice');
like($log, qr/\[notice\].*cookie consent report: would remove Link "<\/\/connect\.facebook\.net>; rel=dns-prefetch" \(marketing\)/,
     'report: a marketing link-value logged with its category');
like($log, qr/\[notice\].*cookie consent report: would remove Refresh "\Q$refresh\E" \(analytics\)/,
     'report: the Refresh header logged');
unlike($log, qr/would remove Link "<\/app\.js>/, 'report: no site link logged');

$s = json_decode($t->get('/status')->{body});
is($s->{categories}{analytics}{tags_neutralised}, 7 + 7 + 1 + 2,
   'counted: refusing 7, analytics granted and everything granted 0, '
   . '404 1, add_header here 2, report mode none');

done_testing();
