#!/usr/bin/perl
# cookie_consent_require: beacon gates answer without the upstream when a
# required category is not granted, set no cookie, keep the connection.

use v5.36;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use CCTest qw(:all);

my $t = CCTest->new(http => backend_conf() . <<"EOF");
    cookie_consent_secret $KEY;
    cookie_consent on;

    server {
        listen 127.0.0.1:%%PORT%%;
        location /collect {
            cookie_consent_require analytics;
            proxy_pass http://127.0.0.1:%%PORT2%%;
        }
        location /c403 {
            cookie_consent_require analytics status=403;
            proxy_pass http://127.0.0.1:%%PORT2%%;
        }
        location /pixel {
            cookie_consent_require marketing status=404;
            proxy_pass http://127.0.0.1:%%PORT2%%;
        }
        location /both {
            cookie_consent_require analytics marketing;
            proxy_pass http://127.0.0.1:%%PORT2%%;
        }
        location /cookies {
            cookie_consent_require marketing;
            userid on;
            cookie_consent_cookies marketing uid;
            add_header Set-Cookie "PHPSESSID=p1; Path=/" always;
            add_header Set-Cookie "_fbp=fb.1; Path=/" always;
            proxy_pass http://127.0.0.1:%%PORT2%%;
        }
        location /static/ {
            cookie_consent_require analytics;
            alias %%DIR%%/html/;
        }
        location = /next {
            return 200 "next\\n";
        }
        location = /ungated {
            proxy_pass http://127.0.0.1:%%PORT2%%;
        }
    }
EOF

$t->write_file('html/b.gif', "GIF89a-pixel");
$t->has(qw(proxy userid));

ok($t->run, 'nginx started') or BAIL_OUT('nginx did not start');

my $ANA = consent_cookie('analytics');
my $MKT = consent_cookie('marketing');
my $BOTH = consent_cookie(qw(analytics marketing));

# number of requests the backend has logged, after a request known to reach it
my $backend_seen = 0;
sub backend_contacts() {
    $t->get('/ungated');
    $backend_seen++;
    my @l = $t->log_lines('logs/backend.log', $backend_seen);
    my $n = @l - $backend_seen;   # requests beyond those we counted
    $backend_seen = @l;
    return $n;
}
backend_contacts();

sub gated($r, $status, $what) {
    is($r->{status}, $status, "$what: $status");
    is($r->{body}, '', "$what: empty body") if $status == 204;
    is(scalar(set_cookies($r)), 0, "$what: no Set-Cookie");
    ok(!defined hdr($r, 'X-Backend'), "$what: no upstream header");
}

sub passed($r, $what) {
    is($r->{status}, 200, "$what: passed to the upstream");
    is(hdr($r, 'X-Backend'), 'yes', "$what: upstream answered");
}

# --- GET -------------------------------------------------------------------

gated($t->get('/collect?v=2&tid=G-1'), 204, 'undecided');
is(backend_contacts(), 0, 'undecided: upstream not contacted');
gated($t->get('/collect', headers => [Cookie => $MKT]), 204, 'marketing only');
is(backend_contacts(), 0, 'marketing only: upstream not contacted');
gated($t->get('/collect', headers => [Cookie => consent_cookie('analytics', { key => undef })]),
    204, 'unsigned token');

my $r = $t->get('/collect?v=2', headers => [Cookie => "$ANA; _ga=GA1.1"]);
passed($r, 'analytics consent');
like($r->{body}, qr/^cookie=\[\Q$ANA\E; _ga=GA1\.1\]/, 'analytics consent: cookies upstream');
is(backend_contacts(), 1, 'analytics consent: upstream contacted once');

gated($t->get('/c403'), 403, 'status=403');
passed($t->get('/c403', headers => [Cookie => $ANA]), 'status=403 location with consent');
gated($t->get('/pixel'), 404, 'status=404');
gated($t->get('/pixel', headers => [Cookie => $ANA]), 404, 'status=404 with analytics only');
passed($t->get('/pixel', headers => [Cookie => $MKT]), 'pixel with marketing');

gated($t->get('/both', headers => [Cookie => $ANA]), 204, 'two categories, analytics only');
gated($t->get('/both', headers => [Cookie => $MKT]), 204, 'two categories, marketing only');
passed($t->get('/both', headers => [Cookie => $BOTH]), 'two categories, both granted');

$r = $t->head('/collect');
is($r->{status}, 204, 'HEAD: gated');

# no Set-Cookie at all on a gated answer, not even necessary ones
gated($t->get('/cookies'), 204, 'add_header/userid on a gated location');
$r = $t->get('/cookies', headers => [Cookie => $MKT]);
passed($r, 'cookies location with marketing');
is_deeply([sort(cookie_names($r))], [sort qw(PHPSESSID _fbp uid)], 'with consent: its cookies are set');

# static files
gated($t->get('/static/b.gif'), 204, 'static file');
$r = $t->get('/static/b.gif', headers => [Cookie => $ANA]);
is($r->{status}, 200, 'static file with consent: 200');
is($r->{body}, 'GIF89a-pixel', 'static file with consent: content');

# --- request bodies and keep-alive -----------------------------------------

backend_contacts();     # count from here

for my $size (0, 100, 10_000, 200_000) {
    my @r = $t->keepalive(
        ['POST', '/collect', body => 'x' x $size, content_type => 'text/plain'],
        ['GET', '/next']);
    is($r[0]{status}, 204, "POST of $size bytes: gated");
    is($r[1]{status}, 200, "POST of $size bytes: next request on the connection");
    is($r[1]{body}, "next\n", "POST of $size bytes: next response intact");
}
is(backend_contacts(), 0, 'POSTs: upstream not contacted');

{
    my $body = 'y' x 50_000;
    my $req = "POST /collect HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        . join('', map { sprintf("%x\r\n%s\r\n", 5000, substr($body, $_ * 5000, 5000)) } 0 .. 9)
        . "0\r\n\r\n";
    my @r = $t->keepalive($req, ['GET', '/next']);
    is($r[0]{status}, 204, 'chunked POST: gated');
    is($r[1]{body}, "next\n", 'chunked POST: next request');
}
{
    # pipelined: the body and the next request in one write
    my @r = $t->pipeline(
        $t->build_request('POST', '/collect', body => 'z' x 3000, keepalive => 1,
            content_type => 'application/json'),
        $t->build_request('GET', '/collect', keepalive => 1),
        $t->build_request('GET', '/collect', keepalive => 1, headers => [Cookie => $ANA]),
        $t->build_request('GET', '/next', keepalive => 1));
    is_deeply([map { $_->{status} } @r], [204, 204, 200, 200], 'pipelined gated and passed requests');
    is($r[3]{body}, "next\n", 'pipelined: last body');
}
{
    # with consent the body reaches the upstream
    my @r = $t->keepalive(
        ['POST', '/collect', body => 'p' x 5000, content_type => 'text/plain', headers => [Cookie => $ANA]],
        ['GET', '/next']);
    is($r[0]{status}, 200, 'POST with consent: upstream answered');
    is($r[1]{body}, "next\n", 'POST with consent: next request');
}

done_testing;
