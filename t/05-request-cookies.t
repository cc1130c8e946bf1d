#!/usr/bin/perl
# The Cookie header sent upstream (proxy_pass, fastcgi_pass) carries only
# granted cookies; $consent_cookie is that filtered value.

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
        location / {
            proxy_pass http://127.0.0.1:%%PORT2%%;
        }
        location /off/ {
            cookie_consent_request_cookies off;
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
        location /cc-off/ {
            cookie_consent off;
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
        location /explicit/ {
            cookie_consent_request_cookies off;
            proxy_set_header Cookie \$consent_cookie;
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
        location /deny/ {
            cookie_consent_unknown deny;
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
        location /classified/ {
            cookie_consent_cookies marketing trk;
            cookie_consent_cookies analytics "~^stat_";
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
        location = /var {
            return 200 "cc=[\$consent_cookie]\\n";
        }
        location = /var-off {
            cookie_consent_request_cookies off;
            return 200 "cc=[\$consent_cookie]\\n";
        }
        location /fcgi/ {
            fastcgi_pass 127.0.0.1:%%PORT4%%;
        }
        location /fcgi-off/ {
            cookie_consent_request_cookies off;
            fastcgi_pass 127.0.0.1:%%PORT4%%;
        }
    }
EOF

$t->fastcgi_echo($t->port(4));
$t->has(qw(proxy fastcgi));

ok($t->run, 'nginx started') or BAIL_OUT('nginx did not start');

sub upstream($path, @cookies) {
    my $r = $t->get($path, headers => [map { (Cookie => $_) } @cookies]);
    is($r->{status}, 200, "$path: status");
    my ($c) = $r->{body} =~ /^cookie=\[(.*?)\]/;
    return $c // "(no cookie echo: $r->{body})";
}

my $MIX = 'PHPSESSID=abc; _ga=GA1.2.3.4; _fbp=fb.1.2; foo=bar; _gid=GA1.2.5; wp-settings-1=x';

# --- proxy_pass ------------------------------------------------------------

is(upstream('/', $MIX), 'PHPSESSID=abc; foo=bar', 'undecided: only necessary and unknown cookies upstream');
is(upstream('/'), '', 'no Cookie header: nothing upstream');
is(upstream('/', '_ga=1; _fbp=2'), '', 'all cookies removed: empty Cookie value upstream');

{
    my $c = consent_cookie('analytics');
    is(upstream('/', "_ga=1; $c; _fbp=2; PHPSESSID=3"), "_ga=1; $c; PHPSESSID=3",
        'analytics consent: _ga and the consent cookie pass, _fbp does not');
    $c = consent_cookie(qw(preferences analytics marketing));
    is(upstream('/', "$MIX; $c"), "$MIX; $c", 'accept all: header unchanged');
    $c = consent_cookie('marketing');
    is(upstream('/', "$c; $MIX"), "$c; PHPSESSID=abc; _fbp=fb.1.2; foo=bar", 'marketing consent');
    $c = consent_cookie('preferences');
    is(upstream('/', "$MIX; $c"), "PHPSESSID=abc; foo=bar; wp-settings-1=x; $c", 'preferences consent');
    # an invalid consent cookie is necessary too (it is passed, it grants nothing)
    is(upstream('/', "consent=garbage; _ga=1; a=b"), 'consent=garbage; a=b', 'invalid consent cookie');
}

is(upstream('/', 'a=1; _ga=2', '_fbp=3; b=4'), 'a=1; b=4', 'two Cookie headers');
is(upstream('/', 'q="a b"; _ga=x; eq=a=b=c; e=; _gid=1'), 'q="a b"; eq=a=b=c; e=',
    'values kept byte for byte (quotes, "=", empty)');
{
    my $got = upstream('/', 'a=1;_ga=2;b=3');
    my @pairs = map { s/^\s+|\s+$//gr } split /;/, $got;
    is_deeply(\@pairs, ['a=1', 'b=3'], 'pairs without spaces after ";"');
}
{
    my @pairs = map { $_ % 3 ? "keep$_=v$_" : "_ga_X$_=GS1.$_" } 1 .. 150;
    my $want = join '; ', grep { /^keep/ } @pairs;
    is(upstream('/', join('; ', @pairs)), $want, '150 cookies, every third removed');
}

is(upstream('/off/', $MIX), $MIX, 'cookie_consent_request_cookies off: header unchanged');
is(upstream('/cc-off/', $MIX), $MIX, 'cookie_consent off: header unchanged');
is(upstream('/explicit/', $MIX), 'PHPSESSID=abc; foo=bar', 'proxy_set_header Cookie $consent_cookie');
is(upstream('/deny/', $MIX), 'PHPSESSID=abc', 'unknown deny: unknown cookies removed too');
is(upstream('/classified/', 'trk=1; stat_a=2; x=3'), 'x=3', 'location rules apply to request cookies');
{
    my $c = consent_cookie('analytics');
    is(upstream('/classified/', "trk=1; stat_a=2; x=3; $c"), "stat_a=2; x=3; $c",
        'location rules with analytics consent');
}

# --- $consent_cookie -------------------------------------------------------

sub var($path, @cookies) {
    my $r = $t->get($path, headers => [map { (Cookie => $_) } @cookies]);
    my ($c) = $r->{body} =~ /^cc=\[(.*?)\]/;
    return $c;
}
is(var('/var', $MIX), 'PHPSESSID=abc; foo=bar', '$consent_cookie: filtered');
is(var('/var'), '', '$consent_cookie: no Cookie header');
is(var('/var', '_ga=1'), '', '$consent_cookie: all removed');
is(var('/var-off', $MIX), 'PHPSESSID=abc; foo=bar', '$consent_cookie filtered even with request_cookies off');
{
    my $c = consent_cookie('analytics');
    is(var('/var', "$MIX; $c"), "PHPSESSID=abc; _ga=GA1.2.3.4; foo=bar; _gid=GA1.2.5; $c",
        '$consent_cookie with analytics consent');
}

# --- fastcgi_pass ----------------------------------------------------------

is(upstream('/fcgi/x', $MIX), 'PHPSESSID=abc; foo=bar', 'fastcgi: HTTP_COOKIE filtered');
{
    my $c = consent_cookie('marketing');
    is(upstream('/fcgi/x', "$MIX; $c"), "PHPSESSID=abc; _fbp=fb.1.2; foo=bar; $c",
        'fastcgi: marketing consent');
}
is(upstream('/fcgi-off/x', $MIX), $MIX, 'fastcgi with request_cookies off: unchanged');
{
    my $r = $t->get('/fcgi/x', headers => [Cookie => $MIX]);
    is_deeply([cookie_names($r)], ['PHPSESSID'], 'fastcgi: upstream Set-Cookie _fbp removed');
}

# --- keep-alive: each request filtered on its own --------------------------

{
    my $c = consent_cookie('analytics');
    my @r = $t->keepalive(['GET', '/', headers => [Cookie => "_ga=1; a=2; $c"]],
                          ['GET', '/', headers => [Cookie => '_ga=1; a=2']],
                          ['GET', '/']);
    like($r[0]{body}, qr/^cookie=\[_ga=1; a=2; \Q$c\E\]/, 'keep-alive 1: with consent');
    like($r[1]{body}, qr/^cookie=\[a=2\]/, 'keep-alive 2: undecided');
    like($r[2]{body}, qr/^cookie=\[\]/, 'keep-alive 3: no cookie');
}

done_testing;
