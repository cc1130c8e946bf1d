#!/usr/bin/perl
# cookie_consent_expire: non-granted cookies the browser sent are expired
# (Max-Age=0) for the host and the configured domains, at most 32 headers;
# the endpoint's reject_all and withdraw expire them too.

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
        cookie_consent_expire on;
        location / {
            proxy_pass http://127.0.0.1:%%PORT2%%;
        }
        location /domains/ {
            cookie_consent_expire_domains example.test .example.org;
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
        location /noexp/ {
            cookie_consent_expire off;
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
        location /ccoff/ {
            cookie_consent off;
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
        location /gate {
            cookie_consent_require analytics;
            proxy_pass http://127.0.0.1:%%PORT2%%;
        }
        location = /nf {
            return 404;
        }
        location = /redirect {
            return 302 /x;
        }
    }

    server {
        listen 127.0.0.1:%%PORT3%%;
        location / {
            proxy_pass http://127.0.0.1:%%PORT2%%;
        }
        location = /cookie-consent {
            cookie_consent_endpoint;
        }
        location = /report/cookie-consent {
            cookie_consent report;
            cookie_consent_endpoint;
        }
        location = /off/cookie-consent {
            cookie_consent off;
            cookie_consent_endpoint;
        }
    }
EOF

ok($t->run, 'nginx started') or BAIL_OUT('nginx did not start');

sub exp_hdr($name, $domain = undef) {
    return "$name=; Max-Age=0; Path=/" . (defined $domain ? "; Domain=$domain" : '');
}
# The expiry headers of a response in the documented form
# "NAME=; Max-Age=0; Path=/[; Domain=D]".  An extra "Expires=" in the past
# (for old browsers) is allowed and left out here; any other attribute, or
# a value, is kept so that the comparison fails.
sub expiries($r) {
    my @e;
    for my $sc (grep { /Max-Age=0\b/i } set_cookies($r)) {
        my $norm = $sc =~ s/; Expires=Thu, 01 Jan 1970 00:00:00 GMT(?=;|$)//r;
        push @e, $norm;
    }
    return \@e;
}
sub others($r) {
    return [grep { !/Max-Age=0\b/ } set_cookies($r)];
}
sub sorted($l) { [sort @$l] }

my $MIX = 'PHPSESSID=3; _ga=GA1.2; _fbp=fb.1; foo=4; wp-settings-1=x';

# --- expiry headers --------------------------------------------------------

{
    my $r = $t->get('/x', headers => [Cookie => $MIX]);
    is($r->{status}, 200, 'undecided: status');
    is_deeply(sorted(expiries($r)), sorted([map { exp_hdr($_) } qw(_ga _fbp wp-settings-1)]),
        'undecided: exactly the non-granted cookies are expired, in the documented form');
    is_deeply(others($r), [], 'undecided: no other Set-Cookie');
    is($r->{body}, "cookie=[PHPSESSID=3; foo=4] uri=[/x]\n", 'undecided: request cookies filtered too');
    for my $sc (grep { /Max-Age=0/ } set_cookies($r)) {
        my $p = parse_set_cookie($sc);
        ok(!exists $p->{attrs}{expires} || $p->{attrs}{expires} =~ /1970/,
            "expiry of $p->{name}: Expires, if any, in the past");
    }
}
{
    my $c = consent_cookie('analytics');
    my $r = $t->get('/x', headers => [Cookie => "$MIX; $c"]);
    is_deeply(sorted(expiries($r)), sorted([map { exp_hdr($_) } qw(_fbp wp-settings-1)]),
        'analytics consent: _ga not expired');
    $c = consent_cookie(qw(preferences analytics marketing));
    $r = $t->get('/x', headers => [Cookie => "$MIX; $c"]);
    is_deeply(expiries($r), [], 'accept all: nothing expired');
}
{
    my $r = $t->get('/x', headers => [Cookie => 'PHPSESSID=1; foo=2; consent=garbage']);
    is_deeply(expiries($r), [], 'only necessary/unknown cookies (and an invalid consent cookie): nothing expired');
    $r = $t->get('/x');
    is_deeply([set_cookies($r)], [], 'no Cookie header: no Set-Cookie');
}
{
    my $r = $t->get('/domains/x', headers => [Cookie => $MIX]);
    is_deeply(sorted(expiries($r)),
        sorted([map { (exp_hdr($_), exp_hdr($_, 'example.test'), exp_hdr($_, '.example.org')) }
            qw(_ga _fbp wp-settings-1)]),
        'expire_domains: one header for the host plus one per domain');
}

# the upstream's own Set-Cookie for a non-granted cookie is removed, the
# expiry added
{
    my $r = $t->get('/site', headers => [Cookie => '_ga=GA1.old; PHPSESSID=1']);
    my @ga = grep { /^_ga=/ } @{expiries($r)}, @{others($r)};
    is_deeply(\@ga, [exp_hdr('_ga')], 'upstream _ga replaced by its expiry');
    is_deeply(sorted(others($r)), sorted([grep { /^(?:PHPSESSID|lang)=/ } @CCTest::SITE_COOKIES]),
        'upstream necessary cookies kept');
}

# every status
for my $case (['/nf', 404], ['/redirect', 302], ['/s500', 500]) {
    my ($path, $status) = @$case;
    my $r = $t->get($path, headers => [Cookie => '_fbp=1; a=2']);
    is($r->{status}, $status, "$path: $status");
    is_deeply(expiries($r), [exp_hdr('_fbp')], "$path: expiry on a $status");
}

# --- the cap: at most 32 headers -------------------------------------------

{
    my $cookie = join '; ', map { "_ga_N$_=GS1.$_" } 1 .. 40;
    my $r = $t->get('/x', headers => [Cookie => $cookie]);
    my $e = expiries($r);
    is(scalar @$e, 32, '40 non-granted cookies: 32 expiry headers');
    my %sent = map { ("_ga_N$_" => 1) } 1 .. 40;
    is(scalar(grep { !$sent{parse_set_cookie($_)->{name}} } @$e), 0, 'cap: only cookies that were sent');
    my %seen;
    is(scalar(grep { $seen{$_}++ } @$e), 0, 'cap: no duplicates');

    $cookie = join '; ', map { "_ga_N$_=GS1.$_" } 1 .. 20;
    $r = $t->get('/domains/x', headers => [Cookie => $cookie]);
    is(scalar @{expiries($r)}, 32, '20 cookies x 3 domains: capped at 32');

    $cookie = join '; ', map { "_ga_N$_=GS1.$_" } 1 .. 32;
    $r = $t->get('/x', headers => [Cookie => $cookie]);
    is(scalar @{expiries($r)}, 32, '32 cookies: 32 expiry headers');
    $cookie = join '; ', map { "_ga_N$_=GS1.$_" } 1 .. 10;
    $r = $t->get('/domains/x', headers => [Cookie => $cookie]);
    is(scalar @{expiries($r)}, 30, '10 cookies x 3 domains: 30 headers');
}

# --- off -------------------------------------------------------------------

is_deeply(expiries($t->get('/noexp/x', headers => [Cookie => $MIX])), [], 'cookie_consent_expire off: none');
is_deeply(expiries($t->get('/ccoff/x', headers => [Cookie => $MIX])), [], 'cookie_consent off: none');
is_deeply(expiries($t->get('/x', port => $t->port(3), headers => [Cookie => $MIX])), [],
    'expire off by default');

# gated responses carry no Set-Cookie at all
{
    my $r = $t->get('/gate', headers => [Cookie => $MIX]);
    is($r->{status}, 204, 'gate: 204');
    is_deeply([set_cookies($r)], [], 'gate: no expiry headers either');
}

# --- endpoint: reject_all and withdraw expire ------------------------------

{
    my $p = $t->port(3);
    my $r = $t->post('/cookie-consent', 'action=reject_all', port => $p, headers => [Cookie => $MIX]);
    is($r->{status}, 303, 'reject_all: 303');
    is_deeply(sorted(expiries($r)), sorted([map { exp_hdr($_) } qw(_ga _fbp wp-settings-1)]),
        'reject_all expires the non-granted cookies sent (with expire off)');
    is(scalar(set_cookie_named($r, 'consent')), 1, 'reject_all: consent cookie set too');

    my $c = consent_cookie('analytics');
    $r = $t->post('/cookie-consent', 'action=withdraw', port => $p, headers => [Cookie => "$MIX; $c"]);
    is($r->{status}, 303, 'withdraw: 303');
    is_deeply(sorted(expiries($r)), sorted([map { exp_hdr($_) } qw(_ga _fbp wp-settings-1)]),
        'withdraw expires previously granted cookies too');

    $r = $t->post('/cookie-consent', '{"action":"reject_all"}', port => $p,
        content_type => 'application/json', headers => [Cookie => '_gid=1; PHPSESSID=2']);
    is($r->{status}, 200, 'JSON reject_all: 200');
    is_deeply(expiries($r), [exp_hdr('_gid')], 'JSON reject_all expires too');

    $r = $t->post('/cookie-consent', 'action=accept_all', port => $p, headers => [Cookie => $MIX]);
    is_deeply(expiries($r), [], 'accept_all: nothing expired');

    $r = $t->post('/cookie-consent', 'action=reject_all', port => $p,
        headers => [Cookie => $MIX, 'Sec-Fetch-Site' => 'cross-site']);
    is($r->{status}, 403, 'refused reject_all: 403');
    is_deeply([set_cookies($r)], [], 'refused reject_all: no Set-Cookie, no expiry');

    # as docs/endpoint.md says: whatever the mode
    for my $mode (qw(report off)) {
        my $c = consent_cookie('analytics');
        $r = $t->post("/$mode/cookie-consent", 'action=withdraw', port => $p,
            headers => [Cookie => "$MIX; $c"]);
        is($r->{status}, 303, "withdraw, cookie_consent $mode: 303");
        is_deeply(sorted(expiries($r)),
            sorted([map { exp_hdr($_) } qw(_ga _fbp wp-settings-1)]),
            "withdraw, cookie_consent $mode: expires what is no longer granted");
    }
}

done_testing;
