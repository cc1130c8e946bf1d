#!/usr/bin/perl
# Hostile inputs through a real nginx with the module: huge and malformed
# Cookie headers, hundreds of Set-Cookie headers and nameless ones, broken
# HTML (deep nesting, unterminated comments, attributes and scripts, a
# 1 MB tag), bad endpoint bodies (JSON nested 10,000 deep), truncated and
# oversized bridge cookies, an upstream that resets mid-body.  For each:
# no crash, no 5xx of the module's making (the same request with
# "cookie_consent off" is the reference), the expected bytes computed
# from the documented behaviour, and the worker still serving.

use v5.36;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use IO::Socket::INET;
use IO::Select;
use Socket qw(SOL_SOCKET SO_LINGER);
use POSIX ();
use File::Copy ();
use CCTest qw(:all);

# ---------------------------------------------------------------------------
# classification used throughout: trk_a_* analytics, trk_m_* marketing
# (declared below), plus the built-in _ga, _ga_*, _gid (analytics) and
# _fbp (marketing); every other name used here is unclassified (allowed)
# or necessary

sub tracker($name) {
    return $name =~ /^(?:trk_[am]_.*|_ga|_ga_.*|_gid|_fbp)\z/s;
}

# ---------------------------------------------------------------------------
# a raw upstream: canned responses written byte for byte, some cut short
# by a reset (SO_LINGER 0) or a plain close

my %RAW;
my $RAW_PID;

END {
    local $?;
    if ($RAW_PID) {
        kill 'KILL', $RAW_PID;
        waitpid($RAW_PID, 0);
    }
}

sub raw_server($port) {
    my $l = IO::Socket::INET->new(LocalAddr => '127.0.0.1',
        LocalPort => $port, Proto => 'tcp', Listen => 16, ReuseAddr => 1)
        or die "raw upstream on $port: $!";
    my $parent = $$;
    my $pid = fork // die "fork: $!";
    if ($pid) {
        close $l;
        return $pid;
    }
    my $sel = IO::Select->new($l);
    while (getppid() == $parent) {
        next unless $sel->can_read(0.5);
        my $c = $l->accept or next;
        eval { raw_serve($c) };
        close $c;
    }
    POSIX::_exit(0);
}

sub raw_serve($c) {
    my $req = '';
    my $sel = IO::Select->new($c);
    while (index($req, "\r\n\r\n") < 0) {
        return unless $sel->can_read(5);
        my $n = sysread($c, $req, 65536, length $req);
        return unless $n;
    }
    my ($path) = $req =~ m{^\S+ (\S+)};
    my $r = $RAW{$path // ''} // { data => "HTTP/1.1 404 Not Found\r\n"
        . "Content-Length: 0\r\nConnection: close\r\n\r\n" };
    local $SIG{PIPE} = 'IGNORE';
    my $off = 0;
    while ($off < length $r->{data}) {
        my $w = syswrite($c, $r->{data}, length($r->{data}) - $off, $off);
        last unless $w;
        $off += $w;
    }
    if ($r->{reset}) {
        # let nginx read what was sent, then reset the connection
        select(undef, undef, undef, 0.2);
        setsockopt($c, SOL_SOCKET, SO_LINGER, pack('ii', 1, 0));
    }
}

# ---------------------------------------------------------------------------
# nginx

my $t = CCTest->new(http => <<"EOF");
    cookie_consent_secret $KEY;
    cookie_consent on;
    cookie_consent_cookies analytics trk_a_*;
    cookie_consent_cookies marketing trk_m_*;
    large_client_header_buffers 4 128k;

    # the backend: module off, static pages and a Cookie echo
    server {
        listen 127.0.0.1:%%PORT3%%;
        cookie_consent off;
        location / {
            root %%DIR%%/html;
        }
        location = /echo {
            return 200 "cookie=[\$http_cookie]\\n";
        }
    }

    server {
        listen 127.0.0.1:%%PORT%%;

        location / {
            cookie_consent_banner off;
            proxy_pass http://127.0.0.1:%%PORT3%%;
            proxy_buffer_size 1k;
            proxy_buffers 4 1k;
            proxy_busy_buffers_size 1k;
        }
        location /off/ {
            cookie_consent off;
            proxy_pass http://127.0.0.1:%%PORT3%%/;
            proxy_buffer_size 1k;
            proxy_buffers 4 1k;
            proxy_busy_buffers_size 1k;
        }
        location /banner/ {
            proxy_pass http://127.0.0.1:%%PORT3%%/;
            proxy_buffer_size 1k;
            proxy_buffers 4 1k;
            proxy_busy_buffers_size 1k;
        }
        location /raw/ {
            cookie_consent_banner off;
            proxy_pass http://127.0.0.1:%%PORT4%%;
            proxy_buffer_size 64k;
            proxy_buffers 8 64k;
            proxy_busy_buffers_size 64k;
        }
        location /rawoff/ {
            cookie_consent off;
            proxy_pass http://127.0.0.1:%%PORT4%%/raw/;
            proxy_buffer_size 64k;
            proxy_buffers 8 64k;
            proxy_busy_buffers_size 64k;
        }
        location /cookie-consent {
            cookie_consent_endpoint;
        }
        location = /ping {
            return 200 "pong\\n";
        }

        location = /b/cookieconsent {
            cookie_consent_bridge cookieconsent;
            return 200 "\$consent_source \$consent_categories\\n";
        }
        location = /b/klaro {
            cookie_consent_bridge klaro map=google-analytics:analytics;
            return 200 "\$consent_source \$consent_categories\\n";
        }
        location = /b/cookiebot {
            cookie_consent_bridge cookiebot;
            return 200 "\$consent_source \$consent_categories\\n";
        }
        location = /b/onetrust {
            cookie_consent_bridge onetrust;
            return 200 "\$consent_source \$consent_categories\\n";
        }
        location = /b/complianz {
            cookie_consent_bridge complianz;
            return 200 "\$consent_source \$consent_categories\\n";
        }
        location = /b/tarteaucitron {
            cookie_consent_bridge tarteaucitron map=matomo:analytics;
            return 200 "\$consent_source \$consent_categories\\n";
        }
        location = /b/tcf {
            cookie_consent_bridge tcf;
            return 200 "\$consent_source \$consent_categories\\n";
        }
    }
EOF

my $ALL_COOKIE = consent_cookie('preferences', 'analytics', 'marketing');

# ---------------------------------------------------------------------------
# checks shared by every case

sub alive($what) {
    my $r = $t->get('/ping', quiet => 1);
    ok(($r->{status} // 0) == 200 && $r->{body} eq "pong\n",
       "$what: the worker still serves");
}

sub no_crash($what) {
    my @bad = grep { /exited on signal|\bsignal \d+|\[alert\]|\[emerg\]/ }
        split /\n/, $t->error_log;
    ok(!@bad, "$what: no crash or alert in the error log")
        or diag(join "\n", @bad[0 .. ($#bad < 5 ? $#bad : 4)]);
}

# the same status as with the module off, and not a 5xx unless that too
sub same_status($on, $off, $what) {
    my ($s, $o) = ($on->{status} // 'none', $off->{status} // 'none');
    ok($s eq $o && ($s eq 'none' || $s < 500 || $o >= 500),
       "$what: status $s (module off: $o)");
}

# ---------------------------------------------------------------------------
# request Cookie headers: the documented filter (pairs split at ';',
# trimmed, empty ones skipped, name before the first '=' or empty; the
# kept ones joined with "; ", the header untouched when none goes)

sub expected_cookie($h) {
    my @pairs = grep { length } map { s/^[ \t]+|[ \t]+\z//gr }
                split /;/, $h, -1;
    my @kept = grep {
        my $n = /^([^=]*)=/s ? $1 =~ s/[ \t]+\z//r : '';
        !tracker($n);
    } @pairs;
    return @kept == @pairs ? $h : join '; ', @kept;
}

sub echoed($r) {
    return undef unless ($r->{status} // 0) == 200;
    return $r->{body} =~ /\Acookie=\[(.*)\]\n\z/s ? $1 : undef;
}

sub cookie_case($what, $cookie, %o) {
    my @h = (Cookie => $cookie, @{$o{extra} // []});

    # nginx itself drops the spaces around a header value
    $cookie =~ s/^ +| +\z//g;

    my $on = $t->get('/echo', headers => [@h], quiet => 1);
    my $off = $t->get('/off/echo', headers => [@h], quiet => 1);
    same_status($on, $off, $what);
    if (defined $o{status}) {
        is($on->{status}, $o{status}, "$what: status as documented");
    }
    if (($off->{status} // 0) == 200) {
        is(echoed($off), $cookie, "$what: module off, the header as sent");
        my $want = $o{granted_all} ? $cookie : expected_cookie($cookie);
        my $got = echoed($on) // '(none)';
        ok($got eq $want, "$what: the upstream got the expected pairs")
            or diag('got ' . length($got) . ' bytes, expected '
                    . length($want) . ': ' . substr($got, 0, 200));
    }
    alive($what);
}

# ---------------------------------------------------------------------------
# HTML documents (served by the backend, through 1 KB proxy buffers)

my %HTML;

# undo the documented edits: ' type="text/plain"' and
# ' data-category="CATEGORY"' added to a start tag, "data-" before src,
# href, srcset and type; returns the text and the number of tags edited
sub unedit($s) {
    my $n = 0;
    my $cat = qr/preferences|analytics|marketing/;
    $s =~ s{(<[a-zA-Z]+)((?: type="text/plain")?) data-category="$cat"}
           {$n++; $1}ge;
    $s =~ s{(?<=[\s"'/])data-((?i:src|href|srcset|type)(?=[\s=/>]))}{$1}g;
    return ($s, $n);
}

$HTML{'broken.html'} = <<'E';
<!DOCTYPE html><html><head><title>broken</title></head><body>
<scr<script src="https://www.google-analytics.com/analytics.js"></script>
<<img src="https://www.facebook.com/tr?id=1&ev=PageView">
</script src="https://www.google-analytics.com/end.js">
< img src="https://www.facebook.com/tr?id=2">
<p <p <p>>>> </b></i></table></tr><td><li>
<img src="https://www.facebook.com/tr?id=3" src="https://facebook.com/tr?id=4">
<img alt='>' src=https://www.facebook.com/tr?id=5 title=">">
E
$HTML{'broken.html'} .= '<img src="https://www.facebook.com/tr?id=6';

$HTML{'nested.html'} = '<html><body>' . ('<div><span>' x 50000)
    . '<img src="https://www.facebook.com/tr?id=deep">'
    . ('</span></div>' x 50000) . '</body></html>';

$HTML{'comment.html'} = '<html><head></head><!-- <body> '
    . '<script src="https://www.google-analytics.com/analytics.js"></script>'
    . ' -- > --!- ' . ('x' x 20000) . ' never closed';

$HTML{'attr.html'} = '<html><body><p>ok</p><img alt="never closed '
    . 'src=https://www.facebook.com/tr?id=1> ' . ('y' x 20000);

my $bigtag = '<img src="https://www.facebook.com/tr?id=' . ('a' x (1 << 20))
    . '" alt="1 MB">';
$HTML{'bigtag.html'} = '<html><body>' . $bigtag
    . '<script src="https://www.google-analytics.com/analytics.js"></script>'
    . '</body></html>';

$HTML{'script.html'} = '<html><body><script>var a = "<img src=\'/x.gif\'>";'
    . (' /* nothing to see */' x 500)
    . ' document.write(\'<img src="https://www.facebook.com/tr?id=1">\');'
    . (' var b = "</scrip" + "t>";' x 2000);

$HTML{'inline.html'} = '<html><head><script>gtag(\'config\', \'G-1\');'
    . ' var s = "<iframe src=https://www.youtube.com/embed/x>";'
    . (' x();' x 3000);

$HTML{'many.html'} = '<html><body>'
    . join('', map { qq{<img src="https://www.facebook.com/tr?id=$_">\n}
                     . qq{<p title="a>b">$_</p>} } 1 .. 5000)
    . '</body></html>';

$HTML{'binary.html'} = "<html><body>\x00\xff\xfe<img src=\"https://www."
    . "facebook.com/tr?\x00\x80\"><\x00script>\xc3\x28"
    . join('', map { chr } 0 .. 255) . '</body></html>';

$HTML{'plain.html'} = '<!DOCTYPE html><html lang="en"><head><title>t</title>'
    . '</head><body class="home"><h1>Shop</h1>'
    . '<img src="https://www.facebook.com/tr?id=1"><p>text</p>'
    . '</body></html>';

# how many tags each page must have edited for an undecided visitor
my %EDITS = ('broken.html' => 3, 'nested.html' => 1, 'comment.html' => 0,
    'attr.html' => 0, 'bigtag.html' => 1, 'script.html' => 0,
    'inline.html' => 1, 'many.html' => 5000, 'binary.html' => 1,
    'plain.html' => 1);

$t->write_file("html/$_", $HTML{$_}) for keys %HTML;

# ---------------------------------------------------------------------------
# the raw upstream's responses

my @SC200 = map {
    my $k = $_ % 5;
    $k == 0 ? "app_$_=v$_; Path=/; HttpOnly"
  : $k == 1 ? "_ga=GA1.1.$_.1700000000; Path=/; Max-Age=63072000"
  : $k == 2 ? "trk_m_$_=x; Path=/; SameSite=None; Secure"
  : $k == 3 ? "PHPSESSID=s$_; Path=/"
  :           "trk_a_$_=y; Domain=.example.test"
} 1 .. 200;

my @SCWEIRD = ('', '=v', '; Path=/', 'Path=/; Secure', 'novalue', '_ga',
    '_ga=1', '_GA=1', '_fbp =1; Path=/', '==', ';;;', 'trk_a_x=1; Max-Age=0',
    'trk_a_y=; Max-Age=-1', 'trk_a_z=1; Max-Age=0x',
    'trk_m_q=1; Max-Age=0; Max-Age=100', "app=\"quoted; value\"",
    "trk_m_bin=\x80\xff\x01; Path=/", 'keep=' . ('k' x 3000));

sub raw_response($sc, $body, %o) {
    my $head = "HTTP/1.1 200 OK\r\nContent-Type: " . ($o{type} // 'text/plain')
        . "\r\nConnection: close\r\n";
    $head .= "Set-Cookie: $_\r\n" for @$sc;
    $head .= "Content-Length: " . ($o{length} // length $body) . "\r\n"
        unless $o{chunked};
    $head .= "Transfer-Encoding: chunked\r\n" if $o{chunked};
    return "$head\r\n$body";
}

my $long = join '', map {
    qq{<p>$_</p><img src="https://www.facebook.com/tr?id=$_">\n} } 1 .. 4000;

%RAW = (
    '/raw/sc200' => { data => raw_response(\@SC200, "two hundred\n") },
    '/raw/scweird' => { data => raw_response(\@SCWEIRD, "weird\n") },
    '/raw/reset' => { reset => 1, data => raw_response(['_ga=1', 'PHPSESSID=2'],
        substr($long, 0, 60000), type => 'text/html',
        length => length $long) },
    '/raw/short' => { data => raw_response([], substr($long, 0, 60000),
        type => 'text/html', length => length $long) },
    '/raw/reset-chunked' => { reset => 1, data => raw_response([],
        sprintf("%x\r\n%s\r\n", 30000, substr($long, 0, 30000))
        . sprintf("%x\r\n%s", 30000, substr($long, 30000, 10000)),
        type => 'text/html', chunked => 1) },
    '/raw/bad-chunk' => { data => raw_response([], sprintf("%x\r\n%s\r\n",
        100, substr($long, 0, 100)) . "zz\r\nnot a chunk\r\n",
        type => 'text/html', chunked => 1) },
    '/raw/reset-head' => { reset => 1, data => "HTTP/1.1 200 OK\r\n"
        . "Content-Type: text/html\r\nSet-Cookie: _ga=1\r\nContent-Le" },
);

# a private copy of the module: "make" copies over build/*.so in place,
# which would crash the workers of this run if someone rebuilt meanwhile
unless (test_env('STATIC') || test_env('NO_MODULE')) {
    File::Copy::copy($CCTest::MODULE, $t->dir . '/module.so')
        or BAIL_OUT("copy $CCTest::MODULE: $!");
    $CCTest::MODULE = $t->dir . '/module.so';
}

$RAW_PID = raw_server($t->port(4));
$t->run or BAIL_OUT('nginx did not start');
alive('start');

# ---------------------------------------------------------------------------
# 1. request Cookie headers

my $n8 = '';
for (my $i = 0; length $n8 < 8192; $i++) {
    $n8 .= ($i % 3 == 0 ? "_ga_$i=GA1.1.$i" : $i % 3 == 1 ? "app$i=v$i"
            : "trk_m_$i=x") . '; ';
}
cookie_case('8 KB Cookie header', $n8);

my $n64 = 'PHPSESSID=abc; ';
for (my $i = 0; length $n64 < 65536; $i++) {
    $n64 .= ($i % 4 == 0 ? "_fbp=fb.1.$i" : $i % 4 == 1 ? "keep$i=" . ('v' x 20)
             : $i % 4 == 2 ? "trk_a_$i=" . ('t' x 10) : "c$i=$i") . '; ';
}
cookie_case('64 KB Cookie header', $n64);
cookie_case('64 KB Cookie header, all granted', "$ALL_COOKIE; $n64",
            granted_all => 1);

my $pairs = join '; ', map { $_ % 2 ? "trk_a_$_=1" : "k$_=2" } 1 .. 6000;
cookie_case('6,000 pairs', $pairs);
cookie_case('6,000 trackers, nothing left',
            join '; ', map { "trk_m_$_=1" } 1 .. 6000);
cookie_case('6,000 empty pairs', ';' x 6000);
cookie_case('non-UTF-8 bytes',
    "sess=\xff\xfe\x80; _ga=\xc3\x28; trk_m_\xe9=1; \xf0\x9f=\xa0; "
    . "app=\xc0\xaf");
cookie_case('duplicate names',
    '_ga=1; PHPSESSID=a; _ga=2; PHPSESSID=b; app=1; app=2; _ga=3');
cookie_case('quotes', 'PHPSESSID="a;b"; _ga="GA1.1"; app="x y"; q="');
cookie_case('missing =', '_ga; PHPSESSID; =; ==; =v; app; ; _fbp; trk_m_1');
cookie_case('whitespace', "  \t_ga=1 \t;\t\tPHPSESSID=2   ;app =3; _fbp\t=4");
cookie_case('consent cookies: garbage then a valid grant',
    "consent=1.1.x; consent=; consent=\xff; $ALL_COOKIE; _ga=1; _fbp=2",
    granted_all => 1);
cookie_case('500 consent cookies signed with another key, then a valid one',
    join('; ', (map { consent_cookie('analytics', { key => $KEY2 }) } 1 .. 500),
         $ALL_COOKIE, '_ga=1', '_fbp=2'),
    granted_all => 1);
cookie_case('500 consent cookies signed with another key',
    join('; ', (map { consent_cookie('analytics', { key => $KEY2 }) } 1 .. 500),
         '_ga=1', 'PHPSESSID=3'));

# NUL bytes: nginx itself refuses the header; the module changes nothing
cookie_case('NUL bytes', "app=1\x00; _ga=2", status => 400);

no_crash('request cookies');

# ---------------------------------------------------------------------------
# 2. Set-Cookie headers from an upstream

sub sc_case($what, $path, $sent, %o) {
    my @h = $o{cookie} ? (Cookie => $o{cookie}) : ();
    my $on = $t->get("/raw/$path", headers => [@h], quiet => 1);
    my $off = $t->get("/rawoff/$path", headers => [@h], quiet => 1);
    same_status($on, $off, $what);
    my @want = map { s/^[ \t]+|[ \t]+\z//gr } @$sent;
    is_deeply([set_cookies($off)], \@want, "$what: module off, all sent")
        or diag(scalar(set_cookies($off)) . ' headers');
    my @kept = $o{cookie} ? @want
             : map { my $r = removed($_); $r eq 'complete' ? "$_; Max-Age=0"
                                        : $r ? () : $_ } @want;
    is_deeply([set_cookies($on)], \@kept,
              "$what: those of non-granted categories removed, the rest "
              . 'intact and in order');
    is($on->{body}, $off->{body}, "$what: body intact");
    alive($what);
}

# the documented rule: the name before the first '=' of the first part,
# removed when its category is not granted, unless every reading of its
# Max-Age deletes it (RFC 6265bis: the last well-formed one; Chromium: the
# last one, an integer or ignored; Gecko: the last non-empty one, its
# number prefix or a session cookie); when only some do, "; Max-Age=0" is
# appended ('complete'); no Expires in these lines
sub removed($sc) {
    my ($first, @attrs) = split /;/, $sc, -1;
    $first //= '';
    return 0 unless $first =~ /^[ \t]*([^=]*?)[ \t]*=/s;
    return 0 unless tracker($1);
    my ($rfc, $chr, $gecko);
    for my $a (@attrs) {
        next unless $a =~ /^[ \t]*max-age[ \t]*(?:=[ \t]*(.*?))?[ \t]*\z/is;
        my $v = $1 // '';
        $rfc = $v if $v =~ /^-?[0-9]+\z/;
        $chr = $v =~ /^[+-]?[0-9]+\z/ ? $v : undef;
        $gecko = $v =~ /^\s*([+-]?[0-9]+)/ ? $1 : 'session' if length $v;
    }
    my @gone = map { defined $_ && $_ ne 'session' && $_ <= 0 ? 1 : 0 }
                   $rfc, $chr, $gecko;
    my $n = $gone[0] + $gone[1] + $gone[2];
    return $n == 3 ? 0 : $n ? 'complete' : 1;
}

sc_case('200 Set-Cookie headers', 'sc200', \@SC200);
sc_case('200 Set-Cookie headers, all granted', 'sc200', \@SC200,
        cookie => $ALL_COOKIE);
sc_case('nameless, empty and attribute-only Set-Cookie', 'scweird',
        \@SCWEIRD);

no_crash('Set-Cookie');

# ---------------------------------------------------------------------------
# 3. HTML

# the length of the common prefix (or, $end, suffix) of two strings
sub common($a, $b, $end) {
    my $n = length($$a) < length($$b) ? length($$a) : length($$b);
    my $x = $end ? substr($$a, -$n) ^. substr($$b, -$n)
                 : substr($$a, 0, $n) ^. substr($$b, 0, $n);
    # from the end through the reversed string: /(\0*)\z/ would try every
    # start in a long run of equal bytes
    $x = reverse $x if $end;
    return $x =~ /\A(\0*)/ ? length $1 : 0;
}

for my $name (sort keys %HTML) {
    my $in = $HTML{$name};
    my $r = $t->get("/$name", quiet => 1);
    my $off = $t->get("/off/$name", quiet => 1);
    same_status($r, $off, $name);
    is(length($off->{body}), length($in), "$name: module off, every byte");
    my ($back, $n) = unedit($r->{body});
    ok($back eq $in, "$name: the output minus the documented edits is the "
       . 'input') or diag('got ' . length($r->{body}) . ' bytes for '
       . length($in) . ', undone ' . length($back));
    is($n, $EDITS{$name}, "$name: $EDITS{$name} tags made inert");

    $r = $t->get("/$name", headers => [Cookie => $ALL_COOKIE], quiet => 1);
    ok($r->{body} eq $in, "$name: everything granted, identical bytes");

    # the banner's "Cookie settings" control: the page runs through the
    # rewriter with nothing to edit; one insertion, at the end
    $r = $t->get("/banner/$name", headers => [Cookie => $ALL_COOKIE],
                 quiet => 1);
    my $out = $r->{body};

    # a response that kept its Content-Length ends in the spaces that pad
    # the control to its longest language (t/27-exact-length.t)
    my ($ti) = $in =~ /( *)\z/;
    my ($to) = $out =~ /( *)\z/;
    if (defined hdr($r, 'Content-Length') && length $to > length $ti) {
        substr($out, length($out) - (length($to) - length($ti))) = '';
    }

    my $p = common(\$in, \$out, 0);
    my $s = common(\$in, \$out, 1);
    $s = length($in) - $p if $s > length($in) - $p;
    my $ins = substr($out, $p, length($out) - $p - $s);
    ok($p + $s == length($in) && $ins =~ m{/cookie-consent},
       "$name: with the banner on, the input plus one insertion");
    alive($name);
}

# the insertion point of a decided visitor's control: the end of the
# document, whatever it holds (browsers put what follows </html> at the
# end of <body>; the undecided visitor's banner goes after <body>: t/13,
# t/14); a page that ends inside a comment or a tag that is never closed
# swallows it, as it swallows anything after it
for my $case (['plain.html', undef], ['nested.html', undef],
              ['comment.html', undef], ['attr.html', undef]) {
    my ($name, $before) = @$case;
    my $r = $t->get("/banner/$name", headers => [Cookie => $ALL_COOKIE],
                    quiet => 1);
    my $out = $r->{body};
    my $in = $HTML{$name};
    # the padding of an exact Content-Length (t/27-exact-length.t)
    $out =~ s/ +\z// if defined hdr($r, 'Content-Length') && $in !~ / \z/;
    my $at = defined $before ? index($in, $before) + length $before
                             : length $in;
    ok(substr($out, 0, $at) eq substr($in, 0, $at)
       && substr($out, $at) =~ m{^<[^>]*/cookie-consent}
       && substr($out, length($out) - (length($in) - $at)) eq substr($in, $at),
       "$name: the banner control at " . ($before ? 'its <body>' : 'the end'));
}

# the 1 MB tag passes whole, the tracker after it is inert
my $r = $t->get('/bigtag.html', quiet => 1);
ok(index($r->{body}, $bigtag) == length('<html><body>'),
   '1 MB tag: passed untouched');
is(substr($r->{body}, length('<html><body>' . $bigtag)),
   '<script type="text/plain" data-category="analytics" data-src="https://'
   . 'www.google-analytics.com/analytics.js"></script></body></html>',
   '1 MB tag: the script after it is inert');

# raw text: nothing inside an unclosed script is edited
$r = $t->get('/script.html', quiet => 1);
ok($r->{body} eq $HTML{'script.html'}, 'script never closed: untouched');

no_crash('HTML');

# ---------------------------------------------------------------------------
# 4. an upstream that breaks the response

for my $case (['reset', 'reset mid-body'], ['short', 'closed mid-body'],
              ['reset-chunked', 'reset mid-chunk'],
              ['bad-chunk', 'malformed chunk']) {
    my ($path, $what) = @$case;
    my $on = $t->get("/raw/$path", quiet => 1);
    my $off = $t->get("/rawoff/$path", quiet => 1);
    same_status($on, $off, $what);
    ok($on->{error} || $on->{status} != 200,
       "$what: the client sees the response is incomplete");
    if ($path eq 'reset') {
        is(join(',', cookie_names($off)), '_ga,PHPSESSID',
           "$what: module off, both cookies");
        is(join(',', cookie_names($on)), 'PHPSESSID', "$what: _ga removed");
    }
    my ($back) = unedit($on->{body});
    # a tag cut by the end of what arrived may be held back: compare the
    # bytes up to the last complete line
    $back =~ s/[^\n]*\z//;
    ok(length($back) == 0 || index($long, $back) == 0,
       "$what: what arrived is the input, edits undone ("
       . length($back) . ' bytes)');
    alive($what);
}

my $on = $t->get('/raw/reset-head', quiet => 1);
my $off = $t->get('/rawoff/reset-head', quiet => 1);
same_status($on, $off, 'reset inside the headers');
alive('reset inside the headers');
unlike(join(',', set_cookies($on)), qr/_ga/,
       'reset inside the headers: no _ga');

no_crash('broken upstream');

# ---------------------------------------------------------------------------
# 5. the endpoint: bad bodies

my $EP = '/cookie-consent';
my @REASONS = ('invalid JSON', 'JSON body must be an object',
    '"action" must be a string', 'unknown action',
    '"categories" must be an array of strings', 'invalid category name',
    '"return" must be a string', 'missing action', 'more than one action',
    'malformed percent-encoding');

sub ep_case($what, $body, $type, $status, %o) {
    my $r = $o{raw}
        ? $t->request($o{raw}, quiet => 1)
        : $t->post($EP, $body, content_type => $type, quiet => 1);
    is($r->{status}, $status, "$what: $status");
    my $set = grep { /^consent=/ } set_cookies($r);
    if ($status == 200) {
        is($set, 1, "$what: the decision recorded");
    } else {
        is($set, 0, "$what: no consent cookie");
    }
    if ($status == 400 && !$o{nginx}) {
        my $reason = $type =~ /json/
            ? ((json_decode($r->{body}) // {})->{error} // '')
            : $r->{body} =~ s/\n\z//r;
        ok((grep { $_ eq $reason } @REASONS), "$what: a documented reason")
            or diag("reason: $reason");
    }
    alive($what);
}

my $JSON = 'application/json';
my $FORM = 'application/x-www-form-urlencoded';

ep_case('JSON nested 10,000 deep', '[' x 10000 . ']' x 10000, $JSON, 413);
ep_case('JSON objects nested 10,000 deep',
        '{"a":' x 10000 . '1' . '}' x 10000, $JSON, 413);
ep_case('JSON nested 2,048 deep (fits 4096 bytes)',
        '[' x 2048 . ']' x 2048, $JSON, 400);
ep_case('JSON objects nested 680 deep',
        '{"action":"accept_all","x":' . '{"a":' x 670 . '1' . '}' x 670 . '}',
        $JSON, 200);
ep_case('JSON never closed', '{"action":"accept_all"', $JSON, 400);
ep_case('JSON with trailing data', '{"action":"accept_all"}x', $JSON, 400);
ep_case('JSON duplicate keys', '{"action":"accept_all","action":"reject_all"}',
        $JSON, 400);
ep_case('JSON invalid UTF-8', qq({"action":"accept_all","x":"\xc3\x28"}),
        $JSON, 400);
ep_case('JSON NUL escape', '{"action":"accept\u0000_all"}', $JSON, 400);
ep_case('JSON raw NUL', qq({"action":"accept_all"\x00}), $JSON, 400);
ep_case('JSON lone surrogate', '{"action":"\ud800"}', $JSON, 400);
ep_case('JSON huge number', '{"action":"save","categories":[' . '9' x 3000
        . ']}', $JSON, 400);
ep_case('JSON array root', '["accept_all"]', $JSON, 400);
ep_case('JSON wrong types', '{"action":["accept_all"]}', $JSON, 400);
ep_case('JSON categories of numbers', '{"action":"save","categories":[1,2]}',
        $JSON, 400);
ep_case('JSON bad category name',
        '{"action":"save","categories":["../../etc"]}', $JSON, 400);
ep_case('JSON empty body', '', $JSON, 400);
ep_case('binary body as JSON', join('', map { chr } 0 .. 255), $JSON, 400);
my $pre = '{"action":"accept_all","x":"';
ep_case('4,097-byte body', $pre . 'x' x (4097 - length($pre) - 2) . '"}',
        $JSON, 413);
ep_case('4,096-byte body', $pre . 'x' x (4096 - length($pre) - 2) . '"}',
        $JSON, 200);
ep_case('form: bad escape', 'action=%ZZ', $FORM, 400);
ep_case('form: two actions', 'action=accept_all&action=reject_all', $FORM,
        400);
ep_case('form: NUL', "action=accept_all%00", $FORM, 400);
ep_case('form: 4,000 separators', '&' x 4000, $FORM, 400);
ep_case('form: NUL bytes', "\x00" x 100, $FORM, 400);
ep_case('text/plain', 'action=accept_all', 'text/plain', 415);
ep_case('declared 10^15 bytes', undef, $FORM, 413,
        raw => "POST $EP HTTP/1.1\r\n"
        . "Host: x\r\nContent-Type: $FORM\r\nContent-Length: 1000000000000000"
        . "\r\nConnection: close\r\n\r\naction=accept_all");
ep_case('chunked, 10,000 deep', undef, $JSON, 413,
        raw => "POST $EP HTTP/1.1\r\n"
        . "Host: x\r\nContent-Type: $JSON\r\nTransfer-Encoding: chunked\r\n"
        . "Connection: close\r\n\r\n" . sprintf('%x', 20000) . "\r\n"
        . '[' x 10000 . ']' x 10000 . "\r\n0\r\n\r\n");
ep_case('chunked, malformed', undef, $JSON, 400, raw => "POST $EP HTTP/1.1\r\n"
        . "Host: x\r\nContent-Type: $JSON\r\nTransfer-Encoding: chunked\r\n"
        . "Connection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", nginx => 1);

# refusals keep the connection usable
my @ka = $t->keepalive(
    ['POST', $EP, body => '[' x 2048 . ']' x 2048, content_type => $JSON],
    ['POST', $EP, body => 'action=%', content_type => $FORM],
    ['GET', '/ping']);
is(join(',', map { $_->{status} // 'none' } @ka), '400,400,200',
   'endpoint: keep-alive after refusals');

no_crash('endpoint');

# ---------------------------------------------------------------------------
# 6. bridge cookies: truncated and oversized

sub seen_all($path, @cookies) {
    my @res = $t->keepalive(map { ['GET', $path, headers => [Cookie => $_]] }
                            @cookies);
    return map { ($_->{status} // 0) == 200 ? $_->{body} =~ s/\n\z//r : undef }
           @res;
}

sub cats($seen) { my (undef, $c) = split / /, $seen // ''; split /,/, $c // '' }

# real cookie values (as in 12-bridge.t); no category is refused after an
# earlier grant of the same category, so no prefix may grant more
my %BRIDGE = (
    cookieconsent => 'cc_cookie=%7B%22categories%22%3A%5B%22necessary%22%2C'
        . '%22analytics%22%5D%2C%22revision%22%3A0%2C%22data%22%3Anull%2C'
        . '%22consentId%22%3A%22ab7877ef-15b9-4b07-89eb-5dd90a8bc0f3%22%2C'
        . '%22expirationTime%22%3A4102444800000%7D',
    klaro => 'klaro=%7B%22google-analytics%22%3Atrue%2C%22hotjar%22%3Afalse%7D',
    cookiebot => 'CookieConsent={stamp:%27Rm4fk9DeBCocbMY0P1wAkhbWQwf/ZwpnE42'
        . 'dfSJEeEb1ig7OJsnysA==%27%2Cnecessary:true%2Cpreferences:false%2C'
        . 'statistics:true%2Cmarketing:false%2Cmethod:%27explicit%27%2Cver:1'
        . '%2Cutc:1684336814039%2Cregion:%27ro%27}',
    onetrust => 'OptanonAlertBoxClosed=2022-08-29T09:57:57.000Z; '
        . 'OptanonConsent=isGpcEnabled=0&datestamp=Mon+Aug+29+2022&version='
        . '6.39.0&consentId=8ad4dfed-e6d8-4289-b677-8aed2896c1a9&'
        . 'interactionCount=1&groups=C0001%3A1%2CC0002%3A1%2CC0003%3A1%2C'
        . 'C0004%3A0%2CC0005%3A1',
    complianz => 'cmplz_functional=allow; cmplz_preferences=deny; '
        . 'cmplz_statistics=allow; cmplz_marketing=deny',
    tarteaucitron => 'tarteaucitron=!matomo=true!facebookpixel=false!gtag=wait',
    tcf => 'euconsent-v2=CQbB_cAQbB_cAAHABBENCFFsAP_gAAAAAAAAHXwCAAIAAqABaAF'
        . 'sAUgBZgF5gOvAAAAKSgAwABBd8pABgACC75CADAAEF3x0AGAAILvhIAMAAQXf.f_wAA'
        . 'AAAAAAA',
);

# the JSON and object literal formats are invalid when cut anywhere
my %CUT_INVALID = (cookieconsent => 1, klaro => 1, cookiebot => 1);

for my $src (sort keys %BRIDGE) {
    my $full = $BRIDGE{$src};
    my ($whole) = seen_all("/b/$src", $full);
    my %granted = map { $_ => 1 } cats($whole);
    like($whole // '', qr/^\Q$src\E necessary,/,
         "$src: the whole cookie decides");

    my $start = index($full, '=') + 1;
    $start = index($full, 'OptanonConsent=') + 15 if $src eq 'onetrust';
    my @cut = map { substr($full, 0, $_) } $start .. length($full) - 1;
    my @seen = seen_all("/b/$src", @cut);
    my ($bad, $more, $decided) = (0, 0, 0);
    for my $i (0 .. $#cut) {
        my $s = $seen[$i];
        if (!defined $s || $s !~ /^(?:default|\Q$src\E) necessary(?:,|\z)/) {
            $bad++;
            next;
        }
        $decided++ if $s =~ /^\Q$src\E/;
        $more += grep { !$granted{$_} } cats($s);
    }
    is($bad, 0, "$src: " . scalar(@cut) . ' truncations answered 200');
    is($more, 0, "$src: no truncation grants more than the whole cookie");
    is($decided, 0, "$src: a truncated value never decides")
        if $CUT_INVALID{$src};

    # over 4096 bytes: undecided; padded to exactly 4096: still decided
    my ($pad4096, $pad4097);
    if ($src eq 'cookieconsent') {
        my $base = $full =~ s/%7D\z/%2C%22pad%22%3A%22/r;
        my $fill = 4096 - (length($base) - 10) - 6;      # "cc_cookie=", %22%7D
        $pad4096 = $base . ('p' x $fill) . '%22%7D';
        $pad4097 = $base . ('p' x ($fill + 1)) . '%22%7D';
    } elsif ($src eq 'onetrust') {
        my ($pre, $val) = $full =~ /\A(.*OptanonConsent=)(.*)\z/s;
        my $fill = 4096 - length($val) - 5;
        $pad4096 = $pre . $val . '&pad=' . ('p' x $fill);
        $pad4097 = $pre . $val . '&pad=' . ('p' x ($fill + 1));
    } elsif ($src eq 'tcf') {
        my $val = substr($full, 13);
        my $fill = 4096 - length($val) - 1;
        $pad4096 = "euconsent-v2=$val." . ('A' x $fill);
        $pad4097 = "euconsent-v2=$val." . ('A' x ($fill + 1));
    } elsif ($src eq 'tarteaucitron') {
        my $val = substr($full, 14);
        $val .= '!x=wait' while length($val) + 7 + 12 <= 4096;
        my $j = 4096 - length($val) - 6;
        $pad4096 = "tarteaucitron=$val!" . ('x' x $j) . '=wait';
        $pad4097 = "tarteaucitron=$val!" . ('x' x ($j + 1)) . '=wait';
    }
    if (defined $pad4096) {
        my @s = seen_all("/b/$src", $pad4096, $pad4097);
        is($s[0], $whole, "$src: a 4096-byte value is read");
        is($s[1], 'default necessary', "$src: a 4097-byte value is refused");
    }
    alive("bridge $src");
}

# oversized whole headers of bridge cookies, and garbage of each kind
for my $src (sort keys %BRIDGE) {
    my ($name) = $BRIDGE{$src} =~ /^([^=]+)=/;
    $name = 'OptanonAlertBoxClosed=1; OptanonConsent' if $src eq 'onetrust';
    $name = 'cmplz_statistics' if $src eq 'complianz';
    my @s = seen_all("/b/$src", "$name=" . ('%' x 5000),
                     "$name=" . ("\xff" x 60000), "$name=",
                     "$name=" . ('%7B' x 3000), "$name=" . ('[' x 4000));
    is(join('|', map { $_ // 'none' } @s),
       join('|', ('default necessary') x 5), "$src: garbage is undecided");
}
alive('bridge garbage');

no_crash('everything');

done_testing();
