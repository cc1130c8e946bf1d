#!/usr/bin/perl
# The module in nginx's filter chain with the other filters and behind slow
# clients: a rewritten page reaches a client that reads slower than the
# upstream sends (proxied, static, limit_rate, small output_buffers with
# SSI), complete and byte for byte; add_after_body and SSI fragments are
# rewritten in place and sent once; HEAD keeps the resource's headers;
# a Range request on sliced or static HTML gets its bytes; nginx in front
# of nginx with the module on both inserts one banner.

use v5.36;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use CCTest qw(:all);
use Digest::SHA qw(sha1_hex);

my $http = <<"EOF";
    cookie_consent_secret $KEY;
    cookie_consent on;
    send_timeout 5s;

    server {
        listen 127.0.0.1:%%PORT2%%;
        cookie_consent off;
        root %%DIR%%/html;
        default_type text/html;
    }

    server {
        listen 127.0.0.1:%%PORT%% sndbuf=8k;
        root %%DIR%%/html;
        default_type text/html;

        location /p/ {
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
        location /s/ {
            alias %%DIR%%/html/;
        }
        location /rate/ {
            limit_rate 150k;
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
        location /ob/ {
            output_buffers 1 2k;
            ssi on;
            alias %%DIR%%/html/;
        }
        location /nb/ {
            proxy_buffering off;
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
        location /add/ {
            add_before_body /frag/before.html;
            add_after_body /frag/after.html;
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
        location /ssi/ {
            ssi on;
            alias %%DIR%%/html/;
        }
        location /frag/ {
            alias %%DIR%%/html/frag/;
        }
        location /slice/ {
            slice 64;
            proxy_set_header Range \$slice_range;
            proxy_http_version 1.1;
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
        location /subf/ {
            sub_filter '<p>main</p>' '<p>main, and a longer line</p>';
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
        location /trailer/ {
            add_trailer X-Done yes;
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
        location /cookie-consent {
            cookie_consent_endpoint;
        }
    }

    server {
        listen 127.0.0.1:%%PORT3%%;
        location / {
            proxy_pass http://127.0.0.1:%%PORT%%/p/;
        }
        location /cookie-consent {
            cookie_consent_endpoint;
        }
    }
EOF

my $t = CCTest->new(http => $http, timeout => 20);

my $gtag = '<script async '
    . 'src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>';
my $pixel = '<img src="https://www.facebook.com/tr?id=1&ev=PageView" '
    . 'alt="">';

# a page of about 1 MB: a tracker every 40 paragraphs, every line different
my $n = 12_000;
my $page = "<!doctype html>\n<html lang=\"en\"><head><title>big</title>\n"
    . "$gtag\n</head>\n<body>\n";
for my $i (1 .. $n) {
    $page .= sprintf("<p class=\"c%d\">paragraph %06d of the page, with a "
        . "<a href=\"/x/%d\">link</a></p>\n", $i % 7, $i, $i);
    $page .= "$pixel\n" if $i % 40 == 0;
}
$page .= "</body>\n</html>\n";
my $trackers = 1 + int($n / 40);

$t->write_file('html/big.html', $page);
$t->write_file('html/small.html',
    "<html><head>$gtag</head><body><p>main</p></body></html>\n");
$t->write_file('html/mid.html', "<html><head>$gtag</head><body>\n"
    . join('', map { "<p>p$_</p>\n" . ($_ % 10 ? '' : "$pixel\n") } 1 .. 100)
    . "</body></html>\n");
$t->write_file('html/frag/before.html', "<p>before</p>$pixel\n");
$t->write_file('html/frag/after.html', "<p>after</p>$gtag\n");
$t->write_file('html/ssi.html', "<html><head></head><body><p>top</p>\n"
    . "<!--# include virtual=\"/frag/after.html\" -->\n"
    . "<p>bottom</p></body></html>\n");

# SSI with a large include and small output buffers (ssi_include_big.t)
$t->write_file('html/ssi-big.html', "<html><body>\n"
    . "<!--# include virtual=\"/s/big.html\" -->\n</body></html>\n");

$t->has(qw(proxy ssi addition slice sub));

$t->run or BAIL_OUT('nginx did not start: ' . $t->error_log);

my $granted = consent_cookie(qw(preferences analytics marketing));
my $refused = consent_cookie();

# ---------------------------------------------------------------------------
# slow readers: the body arrives complete and equal to a fast read

# a decided visitor's "Cookie settings" control, at the end of the page
my $control = qr{<link [^>]*>\n<a id="ccm-reopen"[^>]*>[^<]*</a>\n}
    . qr{<script [^>]*></script>\n};

sub neutralised($body) {
    my $c = () = $body =~ /data-category="(?:analytics|marketing)"/g;
    return $c;
}

my %fast;
for my $case (
    [ '/p/big.html',  'proxied' ],
    [ '/s/big.html',  'static' ],
    [ '/rate/big.html', 'limit_rate' ],
    [ '/nb/big.html', 'unbuffered proxy' ],
) {
    my ($path, $what) = @$case;

    for my $who ([ 'undecided', [] ], [ 'refused', [Cookie => $refused] ],
                 [ 'all granted', [Cookie => $granted] ])
    {
        my ($state, $h) = @$who;
        my $fast = $t->get($path, headers => $h);
        is($fast->{status}, 200, "$what, $state: fast read 200");

        if ($state eq 'all granted') {
            is(neutralised($fast->{body}), 0,
               "$what, $state: nothing neutralised");
            like($fast->{body}, qr/\Q$gtag\E/, "$what, $state: tags live");
        } else {
            is(neutralised($fast->{body}), $trackers,
               "$what, $state: every tracker neutralised");
        }
        # decided: the "Cookie settings" control at the end; everything
        # granted: an exact Content-Length, the page padded with spaces to
        # the longest control (t/27)
        like($fast->{body},
             $state eq 'undecided' ? qr{</html>\n\z}
                                   : qr{</html>\n$control *\z},
             "$what, $state: fast read ends");

        # limit_rate is itself the slow part: a faster reader there
        my $slow = $t->slow_get($path, headers => $h,
            rate => $what eq 'limit_rate' ? 2_000_000 : 400_000,
            deadline => 30);

        is($slow->{error}, undef, "$what, $state: slow read not cut short")
            or diag(sprintf "got %d of %d bytes in %.1f s",
                            length $slow->{body}, length $fast->{body},
                            $slow->{elapsed});
        is(length $slow->{body}, length $fast->{body},
           "$what, $state: slow read length");
        is(sha1_hex($slow->{body}), sha1_hex($fast->{body}),
           "$what, $state: slow read byte for byte");
    }
}

# small output buffers and SSI including the big page
{
    my $fast = $t->get('/ob/ssi-big.html');
    is(neutralised($fast->{body}), $trackers,
       'SSI, output_buffers 1 2k: the included page rewritten');
    like($fast->{body}, qr{</body></html>\n\z}, 'SSI, small buffers: ends');
    my $slow = $t->slow_get('/ob/ssi-big.html', rate => 400_000,
                            deadline => 30);
    is($slow->{error}, undef, 'SSI, small buffers: slow read complete');
    is(sha1_hex($slow->{body}), sha1_hex($fast->{body}),
       'SSI, small buffers: slow read byte for byte');
}

# ---------------------------------------------------------------------------
# add_before_body / add_after_body: each part once, fragments rewritten

for my $who ([ 'undecided', [] ], [ 'refused', [Cookie => $refused] ]) {
    my ($state, $h) = @$who;
    my $r = $t->get('/add/small.html', headers => $h);
    my $b = $r->{body};

    is($r->{status}, 200, "addition, $state: 200");
    is(() = $b =~ /<p>main<\/p>/g, 1, "addition, $state: main body once");
    is(() = $b =~ /<p>before<\/p>/g, 1, "addition, $state: before once");
    is(() = $b =~ /<p>after<\/p>/g, 1, "addition, $state: after once");
    like($b, qr{<p>before</p>.*<p>main</p>.*<p>after</p>}s,
         "addition, $state: in order");
    unlike($b, qr{<script async src="https://www\.googletagmanager},
           "addition, $state: no live gtag in any part");
    unlike($b, qr{<img src="https://www\.facebook\.com/tr},
           "addition, $state: no live pixel in the before-body");
    is(neutralised($b), 3, "addition, $state: three trackers neutralised");
}

{
    my $r = $t->get('/add/small.html', headers => [Cookie => $granted]);
    is(() = $r->{body} =~ /<p>main<\/p>/g, 1, 'addition, granted: main once');
    is(() = $r->{body} =~ /\Q$gtag\E/g, 2,
       'addition, granted: both gtags live');
}

# ---------------------------------------------------------------------------
# SSI include virtual: the fragment's tracker is neutralised in place

{
    my $r = $t->get('/ssi/ssi.html');
    like($r->{body}, qr{<p>top</p>.*<p>after</p>.*<p>bottom</p>}s,
         'SSI: fragment in place');
    unlike($r->{body}, qr{<script async src="https://www\.googletagmanager},
           'SSI: the included tracker is not live');
    is(neutralised($r->{body}), 1, 'SSI: included tracker neutralised');
    is(() = $r->{body} =~ /id="ccm-banner"|class="ccm-banner"/g, 1,
       'SSI: one banner') if $r->{body} =~ /ccm-banner/;
}

# ---------------------------------------------------------------------------
# HEAD: the resource's headers, nothing weakened

{
    my $get = $t->get('/s/small.html', headers => [Cookie => $granted]);
    my $head = $t->head('/s/small.html');
    is($head->{status}, 200, 'HEAD: 200');
    is(hdr($head, 'Content-Length'), -s $t->dir . '/html/small.html',
       'HEAD: Content-Length of the file');
    is(hdr($head, 'Accept-Ranges'), 'bytes', 'HEAD: Accept-Ranges kept');
    is(hdr($head, 'ETag'), hdr($t->get('/s/small.html'), 'ETag'),
       'HEAD: the ETag a GET has');
    ok(defined hdr($get, 'Transfer-Encoding') || defined hdr($get, 'Content-Length'),
       'GET of the same page answers');
}

# ---------------------------------------------------------------------------
# Range: answered from the resource's bytes, sliced or not

{
    my $r = $t->get('/slice/small.html', headers => [Range => 'bytes=0-0']);
    is($r->{status}, 206, 'slice, Range 0-0: 206');
    is($r->{body}, '<', 'slice, Range 0-0: one byte');

    $r = $t->get('/slice/small.html', headers => [Range => 'bytes=60-70']);
    is($r->{status}, 206, 'slice, Range across slices: 206');
    is($r->{body}, substr("<html><head>$gtag</head>", 60, 11),
       'slice, Range across slices: those bytes');

    $r = $t->get('/slice/mid.html');
    is($r->{status}, 200, 'slice, whole page: 200');
    is(neutralised($r->{body}), 11,
       'slice, whole page: trackers in every slice neutralised');
    like($r->{body}, qr{<p>p100</p>\n<img [^>]*>\n</body></html>\n\z},
         'slice, whole page: complete');

    $r = $t->get('/s/small.html', headers => [Range => 'bytes=0-5']);
    is($r->{status}, 206, 'static, Range: 206');
    is($r->{body}, '<html>', 'static, Range: the bytes');
}

# ---------------------------------------------------------------------------
# The page's end is known when its last byte arrives (the length the
# upstream announced), and goes out with it, unless a filter between the
# module's header and body filters changed the page's length (sub_filter,
# addition above) or trailers are still to come

for my $who ([ 'undecided', [] ], [ 'all granted', [Cookie => $granted] ]) {
    my ($state, $h) = @$who;
    my $r = $t->get('/subf/small.html', headers => $h);
    my $end = $state eq 'undecided' ? '' : $control;

    is($r->{error}, undef, "sub_filter, $state: complete");
    like($r->{body}, qr{<p>main, and a longer line</p>.*</html>\n$end *\z}s,
         "sub_filter, $state: the longer text and the page's end");
    ok(!defined hdr($r, 'Content-Length')
       || hdr($r, 'Content-Length') == length $r->{body},
       "sub_filter, $state: no length that is not the body's");

    $r = $t->get('/trailer/mid.html', headers => [@$h, TE => 'trailers']);
    is($r->{error}, undef, "add_trailer, $state: complete");
    like($r->{body}, qr{<p>p100</p>\n.*</body></html>\n$end *\z}s,
         "add_trailer, $state: the page's end");
    like($r->{raw}, qr{\r\n0\r\nX-Done: yes\r\n\r\n\z},
         "add_trailer, $state: the trailer after the last chunk");
}

{
    my $r = $t->get('/p/mid.html');
    is(() = $r->{raw} =~ /\r\n0\r\n\r\n/g, 1,
       'proxied, undecided: one last chunk');
    like($r->{raw}, qr{</body></html>\n\r\n0\r\n\r\n\z},
         'proxied, undecided: the last chunk right after the page');
}

# ---------------------------------------------------------------------------
# nginx in front of nginx, the module on both: one banner

{
    my $inner = $t->get('/p/small.html');
    my $outer = $t->get('/small.html', port => $t->port(3));
    my $count = sub ($b) { scalar(() = $b =~ /<form[^>]*cookie-consent/g) };
    is($count->($inner->{body}), 1, 'one nginx: one banner form');
    is($count->($outer->{body}), 1, 'two nginx: one banner form');
    is(neutralised($outer->{body}), 1, 'two nginx: tracker neutralised');
}

# no alert, crit or emerg, no worker died: CCTest checks it at done_testing

done_testing();
