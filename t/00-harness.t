#!/usr/bin/perl
# Self-test of t/lib/CCTest.pm against plain nginx (no module loaded), so
# that a failure elsewhere points at the module, not at the harness.

use v5.36;
use Test::More;
use IO::Socket::INET;
use Time::HiRes qw(time);
use Digest::SHA qw(hmac_sha256_hex);
use FindBin;
use lib "$FindBin::Bin/lib";
use CCTest qw(:all);

my $t = CCTest->new(no_module => 1, http => <<'EOF');
    server {
        listen 127.0.0.1:%%PORT%%;
        location = / {
            add_header Set-Cookie "a=1; Path=/" always;
            add_header X-Test "x y" always;
            add_header Set-Cookie "b=2; Max-Age=10; HttpOnly" always;
            return 200 "hello\n";
        }
        location = /chunked {
            default_type text/html;
            sub_filter_types *;
            sub_filter "abc" "xyz";
            sub_filter_once off;
            return 200 "abc abc\n";
        }
        location = /echo {
            proxy_pass http://127.0.0.1:%%PORT2%%/echo;
        }
        location = /nf { return 404; }
        location = /redir { return 302 /elsewhere; }
        location = /empty { return 204; }
        location = /log {
            access_log %%DIR%%/logs/h.log;
            return 200 "ok\n";
        }
    }
    server {
        listen 127.0.0.1:%%PORT2%%;
        location = /echo {
            return 200 "len=$http_content_length cookie=[$http_cookie] host=[$http_host]\n";
        }
    }
EOF

ok($t->port != $t->port(2), 'distinct ports');
is($t->port, $t->port(''), 'port() is %%PORT%%');
like($t->conf_text, qr/^daemon off;/m, 'conf: daemon off');
unlike($t->conf_text, qr/load_module/, 'conf: no load_module with no_module');
like(CCTest->new(no_module => 0, module_optional => 1)->conf_text,
    qr/^load_module \S+ngx_http_cookie_consent_module\.so;/m,
    'conf: load_module by default')
    unless test_env('STATIC') || test_env('NO_MODULE');

ok($t->run, 'nginx started') or BAIL_OUT('harness cannot start plain nginx');
ok($t->running, 'running');

my $r = $t->get('/');
is($r->{status}, 200, 'GET / status');
is($r->{body}, "hello\n", 'body');
is_deeply([set_cookies($r)], ['a=1; Path=/', 'b=2; Max-Age=10; HttpOnly'],
    'Set-Cookie headers in order');
is_deeply([cookie_names($r)], ['a', 'b'], 'cookie names');
is(hdr($r, 'x-test'), 'x y', 'header lookup is case-insensitive');
is(scalar(hdr_all($r, 'set-cookie')), 2, 'hdr_all count');
is($t->hdr($r, 'X-Test'), 'x y', 'hdr as a method');
my ($b) = set_cookie_named($r, 'b');
is($b->{value}, '2', 'parse_set_cookie value');
is($b->{attrs}{'max-age'}, '10', 'parse_set_cookie attribute');
ok($b->{attrs}{httponly}, 'parse_set_cookie flag attribute');
like($r->{raw}, qr/^HTTP\/1\.1 200 .*\r\n\r\nhello\n\z/s, 'raw response');

$r = $t->get('/chunked');
is($r->{status}, 200, 'chunked status');
ok($r->{chunked}, 'response was chunked');
is($r->{body}, "xyz xyz\n", 'chunked body decoded');

$r = $t->post('/echo', 'a=b&c=d', headers => [Cookie => 'x=1; y=2']);
is($r->{status}, 200, 'POST status');
is($r->{body}, "len=7 cookie=[x=1; y=2] host=[127.0.0.1:" . $t->port(2) . "]\n",
    'POST body length and cookies reach the backend');

$r = $t->get('/echo', headers => [Host => 'example.test']);
like($r->{body}, qr/host=\[127\.0\.0\.1:\d+\]/, 'proxied host');

is($t->get('/nf')->{status}, 404, 'GET 404');
$r = $t->get('/redir');
is($r->{status}, 302, 'GET 302');
like(hdr($r, 'Location'), qr{/elsewhere$}, 'Location');

$r = $t->head('/');
is($r->{status}, 200, 'HEAD status');
is($r->{body}, '', 'HEAD has no body');

# keep-alive: two requests on one connection, a Content-Length body then
# a chunked one, then a 204
my @r = $t->keepalive(['GET', '/'], ['GET', '/chunked'], ['GET', '/empty'],
    ['GET', '/nf']);
is(scalar @r, 4, 'four keep-alive responses');
is($r[0]{status}, 200, 'keep-alive 1 status');
is($r[0]{body}, "hello\n", 'keep-alive 1 body');
is($r[1]{status}, 200, 'keep-alive 2 status');
is($r[1]{body}, "xyz xyz\n", 'keep-alive 2 chunked body');
is($r[2]{status}, 204, 'keep-alive 3: 204');
is($r[3]{status}, 404, 'keep-alive 4 after a 204');

# raw requests mixed with built ones
@r = $t->keepalive("GET / HTTP/1.1\r\nHost: x\r\n\r\n",
    ['POST', '/echo', body => 'abc', content_type => 'text/plain']);
is($r[0]{status}, 200, 'raw keep-alive request');
like($r[1]{body}, qr/^len=3 /, 'POST after it on the same connection');

# a connection closed by the server: the next request reports an error
@r = $t->keepalive("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    ['GET', '/']);
is($r[0]{status}, 200, 'request with Connection: close');
ok(!defined $r[1]{status}, 'no second response on a closed connection');

# pipelining
@r = $t->pipeline(map { $t->build_request('GET', $_, keepalive => 1) } '/', '/chunked', '/nf');
is_deeply([map { $_->{status} } @r], [200, 200, 404], 'pipelined statuses');
is($r[1]{body}, "xyz xyz\n", 'pipelined chunked body');

# access log helper
$t->get('/log');
$t->get('/log');
my @l = $t->log_lines('logs/h.log', 2);
is(scalar @l, 2, 'access log lines');
like($l[1], qr{"GET /log HTTP/1\.1" 200}, 'access log content');

like($t->error_log, qr/\[debug\]/, 'error log at debug level');
like($t->error_log, qr/\[notice\] \d+#\d+: start worker process/, 'worker started')
    unless test_env('MASTER_OFF');

# timeouts: a listener that never answers
{
    my $l = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => 0,
        Listen => 5, Proto => 'tcp') or die;
    my $q = CCTest->new(no_module => 1, timeout => 0.5);
    my $t0 = time;
    my $res = $q->get('/', port => $l->sockport, quiet => 1);
    ok(!defined $res->{status}, 'no status from a silent server');
    is($res->{error}, 'timeout', 'timeout reported');
    ok(time - $t0 < 3, 'read timed out quickly');
}

# nginx -t
my ($rc, $out) = $t->nginx_t('server { listen 127.0.0.1:%%PORT3%%; }');
is($rc, 0, 'nginx -t of a good config') or diag $out;
like($out, qr/test is successful/, 'nginx -t output');
my $bad = "server {\n    listen 127.0.0.1:%%PORT3%%;\n    no_such_directive 1;\n}";
($rc, $out, my $file, my $text) = $t->nginx_t($bad);
isnt($rc, 0, 'nginx -t of a bad config fails');
my $line = line_of($text, 'no_such_directive');
like($out, qr/unknown directive "no_such_directive" in \Q$file\E:$line/,
    'message names the directive, file and line');

# a config that does not start
{
    my $q = CCTest->new(no_module => 1, http => 'server { listen 127.0.0.1:%%PORT%%; bogus; }');
    local $SIG{__WARN__} = sub {};
    my $ok;
    {
        # run() diags the error log; keep the output readable
        no warnings 'redefine';
        local *Test::More::diag = sub {};
        $ok = $q->run;
    }
    ok(!$ok, 'run() returns false when nginx does not start');
    ok(!$q->running, 'not running');
}

# tokens: HMAC-SHA256 (RFC 4231 test case 2) and base64url
is(hmac_sha256_hex('what do ya want for nothing?', 'Jefe'),
    '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843', 'HMAC-SHA256');
is(b64url("\xfb\xff\xfe"), '-__-', 'base64url alphabet');
is(b64url('a'), 'YQ', 'base64url without padding');
like(random_id(), qr/^[0-9a-f]{32}$/, 'random id');
my $key = 'k' x 32;
my $tok = make_token(revision => 3, issued => 1700000000, id => 'ab' x 16,
    categories => [qw(necessary analytics)], key => $key);
my ($payload, $sig) = $tok =~ /^(.*)\.([^.]+)$/;
is($payload, '1.3.1700000000.' . ('ab' x 16) . '.necessary-analytics', 'token payload');
like($sig, qr/^[A-Za-z0-9_-]{43}$/, 'signature is 43 base64url chars');
is($sig, b64url(Digest::SHA::hmac_sha256($payload, $key)), 'signature value');
is(make_token(issued => 5, id => '0' x 32), '1.1.5.' . ('0' x 32) . '.necessary',
    'unsigned token');
my $f = token_fields($tok);
is($f->{revision}, 3, 'token_fields revision');
is_deeply($f->{categories}, [qw(necessary analytics)], 'token_fields categories');

# the shared backend fixture, behind a plain proxy
{
    my $q = CCTest->new(no_module => 1, http => backend_conf(no_module => 1) . <<'EOF');
    server {
        listen 127.0.0.1:%%PORT%%;
        location / { proxy_pass http://127.0.0.1:%%PORT2%%; }
    }
EOF
    ok($q->run, 'backend fixture starts');
    my $res = $q->get('/x', headers => [sc_headers('a=1; Path=/', 'b=2'),
        Cookie => 'c=3; d=4']);
    is_deeply([set_cookies($res)], ['a=1; Path=/', 'b=2'], 'backend sets X-SC cookies');
    is($res->{body}, "cookie=[c=3; d=4] uri=[/x]\n", 'backend echoes Cookie');
    is(hdr($res, 'X-Backend'), 'yes', 'backend marker header');
    $res = $q->get('/site');
    is_deeply([set_cookies($res)], \@CCTest::SITE_COOKIES, '/site cookies');
    for my $s (404, 500, 302) {
        $res = $q->get("/s$s");
        is($res->{status}, $s, "/s$s status");
        is(scalar(set_cookies($res)), 6, "/s$s cookies");
    }
    my @sc = map { "c$_=v" } 1 .. 40;
    $res = $q->get('/', headers => [sc_headers(@sc)]);
    is_deeply([cookie_names($res)], [map { "c$_" } 1 .. 40], '40 cookies');
    like(consent_cookie('analytics'),
        qr/^consent=1\.1\.\d+\.[0-9a-f]{32}\.necessary-analytics\.[\w-]{43}$/,
        'consent_cookie');
    like(consent_cookie({ key => undef, revision => 2 }),
        qr/^consent=1\.2\.\d+\.[0-9a-f]{32}\.necessary$/, 'unsigned consent_cookie');
    my $n = () = $q->log_lines('logs/backend.log', 6);
    is($n, 6, 'backend access log');
}

# the FastCGI responder
{
    my $q = CCTest->new(no_module => 1, http => <<'EOF');
    server {
        listen 127.0.0.1:%%PORT%%;
        location / { fastcgi_pass 127.0.0.1:%%PORT2%%; }
    }
EOF
    $q->fastcgi_echo($q->port(2));
    ok($q->run, 'fastcgi front starts');
    my $res = $q->get('/x', headers => [Cookie => 'a=1; b=2']);
    is($res->{status}, 200, 'fastcgi status');
    is($res->{body}, "cookie=[a=1; b=2]\n", 'fastcgi echoes HTTP_COOKIE');
    is_deeply([cookie_names($res)], [qw(_fbp PHPSESSID)], 'fastcgi Set-Cookie');
    is($q->get('/y')->{body}, "cookie=(none)\n", 'fastcgi without cookie');
    my @r = $q->keepalive(['GET', '/a', headers => [Cookie => 'c=3']], ['GET', '/b']);
    is($r[0]{body}, "cookie=[c=3]\n", 'fastcgi keep-alive 1');
    is($r[1]{body}, "cookie=(none)\n", 'fastcgi keep-alive 2');
}

# stop
my $pid = $t->{pid};
$t->stop;
ok(!kill(0, $pid), 'nginx stopped');
ok(!defined IO::Socket::INET->new(PeerAddr => '127.0.0.1', PeerPort => $t->port,
    Proto => 'tcp'), 'port closed');

done_testing;
