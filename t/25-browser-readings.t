#!/usr/bin/perl
# The browser is the oracle (issue 10): Set-Cookie lines pass as
# deletions only when every browser deletes the cookie, and tracker URLs
# are recognised however they are spelled, as long as a browser still
# fetches them, in every element and attribute a browser fetches from.

use v5.36;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use CCTest qw(:all);

CCTest::need_module();

# each location sets one Set-Cookie line for an undecided visitor: a
# deletion in every reading passes untouched, a line only some readings
# delete is completed with "; Max-Age=0" (every reading then deletes: the
# backend meant to delete, and removing it would leave the visitor's _ga),
# anything else is removed
my @lines = (
    [del_plain   => '_ga=; Max-Age=0; Path=/',                      'pass'],
    [del_expires => '_ga=; Expires=Thu, 01 Jan 1970 00:00:00 GMT',  'pass'],
    [del_last    => '_ga=x; Max-Age=junk; Max-Age=0',               'pass'],
    [zero_future => '_ga=x; Max-Age=0; Expires=Wed, 01 Jan 2031 00:00:00 GMT',
        'pass'],
    # RFC 6265bis deletes, Chromium keeps a session cookie
    [junk_last   => '_ga=x; Max-Age=0; Max-Age=junk',               'complete'],
    [empty_last  => '_ga=x; Max-Age=-1; Max-Age=',                  'complete'],
    # Chromium deletes ("+0" is 0), RFC 6265bis ignores it
    [plus_zero   => '_ga=x; Max-Age=+0',                            'complete'],
    # Gecko's sscanf reads 0, the others keep a session cookie
    [hex_zero    => '_ga=x; max-age=0x0',                           'complete'],
    # RFC 6265bis and Chromium delete by Expires, Gecko keeps a session one
    [exp_junk    => '_ga=x; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=junk',
        'complete'],
    [exp_maxage  => '_ga=x; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=100',
        'strip'],
    [plain       => '_ga=GA1.1.2.3; Max-Age=63072000',              'strip'],
);

my $locations = join '', map {
    my ($name, $line) = @$_;
    (my $v = $line) =~ s/"/\\"/g;
    "        location = /sc/$name {\n"
        . "            add_header Set-Cookie \"$v\" always;\n"
        . "            return 204;\n"
        . "        }\n"
} @lines;

my $t = CCTest->new(http => <<"EOF");
    cookie_consent_secret $KEY;
    cookie_consent on;

    server {
        listen 127.0.0.1:%%PORT2%%;
        cookie_consent off;
        root %%DIR%%/html;
    }

    server {
        listen 127.0.0.1:%%PORT%%;
$locations
        location / {
            proxy_pass http://127.0.0.1:%%PORT2%%;
        }
    }
EOF

# spellings of one tracker URL that Chromium loads, and lookalikes
my @trackers = (
    'https://www.googletagmanager.com/gtag/js?id=G-1',
    'HTTPS://WWW.GOOGLETAGMANAGER.COM/gtag/js?id=G-1',
    'https:&sol;&sol;www.googletagmanager.com/gtag/js?id=G-1',
    'https&colon;//www&period;googletagmanager&period;com/gtag/js',
    '&#x68;ttps://www.googletagmanager.com/gtag/js?id=G-1',
    "ht\ttps://www.google\ntagmanager.com/gtag/js?id=G-1",
    'https:\\\\www.googletagmanager.com\\gtag\\js?id=G-1',
    'https:www.googletagmanager.com/gtag/js?id=G-1',
    'https:///www.googletagmanager.com/gtag/js?id=G-1',
    '//www.googletagmanager.com/gtag/js?id=G-1',
    'https://www%2Egoogletagmanager%2Ecom/gtag/js?id=G-1',
    'https://www.googletagmanager.com./gtag/js?id=G-1',
    "https://\x{ff57}\x{ff57}\x{ff57}\x{ff0e}googletagmanager\x{3002}com/gtag/js",
    'https://user:pw@www.googletagmanager.com:443/gtag/js?id=G-1',
    'https://www.goo&shy;gletagmanager.com/gtag/js?id=G-1',
    'https://www.googletagmanager.com/x/../gtag/js?id=G-1',
);
my @lookalikes = (
    'https://googletagmanager.com.evil.example/gtag/js',
    'https://evil.example/www.googletagmanager.com/gtag/js',
    'https://www.googletagmanager.com@evil.example/gtag/js',
    'https://evil.example/?u=https://www.googletagmanager.com/',
    'gtag/js?id=www.googletagmanager.com',
);

my $page = "<!DOCTYPE html><html><head></head><body>\n";
for my $i (0 .. $#trackers) {
    my $u = $trackers[$i];
    utf8::encode($u);
    $page .= "<img id=t$i src=\"$u\">\n";
}
for my $i (0 .. $#lookalikes) {
    $page .= "<img id=l$i src=\"$lookalikes[$i]\">\n";
}
my $T = 'https://www.googletagmanager.com/gtag/js';
$page .= join "\n",
    "<img id=e1 srcset=\"/a.png 1x, $T 2x\">",
    "<picture><source id=e2 srcset=\"$T\"><img src=/a.png></picture>",
    "<input id=e3 type=image src=\"$T\">",
    "<object id=e4 data=\"$T\"></object>",
    "<embed id=e5 src=\"$T\">",
    "<video id=e6 poster=\"$T\" src=/v.mp4></video>",
    "<audio id=e7 src=\"$T\"></audio>",
    "<svg><script id=e8 xlink:href=\"$T\"></script></svg>",
    "<meta id=e9 http-equiv=refresh content=\"0;url=$T\">",
    "<link id=e10 rel=stylesheet href=\"$T\">",
    "</body></html>\n";

$t->write_file('html/page.html', $page);
$t->write_file('html/base.html', '<html><head>'
    . '<base id=b0 href="https://www.googletagmanager.com/">'
    . '</head><body><img id=b1 src="gtag/js?id=G-1"></body></html>');
$t->run or BAIL_OUT('nginx did not start');

for my $l (@lines) {
    my ($name, $line, $what) = @$l;
    my $r = $t->get("/sc/$name");
    my @sc = set_cookies($r);
    if ($what eq 'pass') {
        is_deeply(\@sc, [$line], "$line: a deletion in every browser, passes");
    } elsif ($what eq 'complete') {
        is_deeply(\@sc, ["$line; Max-Age=0"],
            "$line: a deletion in some browsers, made one in all");
    } else {
        is(scalar @sc, 0, "$line: stored by every browser, removed");
    }
}

my $r = $t->get('/page.html');
is($r->{status}, 200, 'page 200');
my $b = $r->{body};

for my $i (0 .. $#trackers) {
    like($b, qr{<img data-category="analytics" id=t$i data-src=},
         "tracker spelling $i neutralised");
}
for my $i (0 .. $#lookalikes) {
    like($b, qr{<img id=l$i src=}, "lookalike $lookalikes[$i] untouched");
}
for my $i (1 .. 10) {
    like($b, qr{ data-category="analytics" id=e$i }, "element e$i neutralised");
}
like($b, qr{<video data-category="analytics" id=e6 data-poster=\S+ data-src=/v\.mp4>},
     'video: poster and src both renamed');
like($b, qr{<meta data-category="analytics" id=e9 http-equiv=refresh data-content=},
     'meta refresh: content renamed');

$r = $t->get('/base.html');
like($r->{body}, qr{<base data-category="analytics" id=b0 data-href=},
     'base on a tracker host neutralised');
like($r->{body}, qr{<img data-category="analytics" id=b1 data-src="gtag/js},
     'a relative URL after it is the tracker\'s');

done_testing();
