#!/usr/bin/perl
# The consent cookie: token validation (signature, keys, revision, age,
# format, size) and the attributes of the cookie the endpoint sets.

use v5.36;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use CCTest qw(:all);

my $KEY3 = 'test-key-three-0123456789abcdefghijklm';
my $VARS = 'return 200 "decided=$consent_decided cats=$consent_categories id=$consent_id rev=$consent_revision src=$consent_source\n";';

my $t = CCTest->new(http => <<"EOF");
    cookie_consent on;

    server {
        listen 127.0.0.1:%%PORT%%;
        cookie_consent_secret $KEY $KEY2;
        cookie_consent_revision 3;
        location = /vars { $VARS }
        location = /cookie-consent { cookie_consent_endpoint; }
    }

    # no secret: unsigned tokens are valid
    server {
        listen 127.0.0.1:%%PORT3%%;
        location = /vars { $VARS }
        location = /cookie-consent { cookie_consent_endpoint; }
    }

    # custom cookie
    server {
        listen 127.0.0.1:%%PORT4%%;
        cookie_consent_secret $KEY;
        cookie_consent_cookie cc domain=example.test path=/app max_age=1d samesite=strict secure;
        location = /vars { $VARS }
        location = /cookie-consent { cookie_consent_endpoint; }
    }

    # max_age in months, samesite=none
    server {
        listen 127.0.0.1:%%PORT5%%;
        cookie_consent_secret $KEY;
        cookie_consent_cookie consent max_age=6M samesite=none;
        location = /cookie-consent { cookie_consent_endpoint; }
    }
EOF

my ($crt, $key) = $t->make_cert;
if ($crt) {
    # https server, reached through a plain proxy on %%PORT6%%
    $t->{http} .= <<"EOF";
    server {
        listen 127.0.0.1:%%PORT7%% ssl;
        ssl_certificate $crt;
        ssl_certificate_key $key;
        cookie_consent_secret $KEY;
        location = /cookie-consent { cookie_consent_endpoint; }
    }
    server {
        listen 127.0.0.1:%%PORT6%%;
        cookie_consent off;
        location / {
            proxy_pass https://127.0.0.1:%%PORT7%%;
            proxy_set_header Host \$http_host;
        }
    }
EOF
}

$t->has(qw(proxy ssl));

ok($t->run, 'nginx started') or BAIL_OUT('nginx did not start');

my $now = time;

sub vars($cookie, %o) {
    my $r = $t->get('/vars', headers => [defined $cookie ? (Cookie => $cookie) : ()],
        port => $o{port} // $t->port);
    is($r->{status}, 200, "status 200 for cookie " . substr($cookie // '(none)', 0, 60));
    my %v = $r->{body} =~ /(\w+)=(\S*)/g;
    return \%v;
}

sub undecided($cookie, $what, %o) {
    my $v = vars($cookie, %o);
    is_deeply($v, { decided => 0, cats => 'necessary', id => '', rev => '', src => 'default' },
        "undecided: $what");
}

sub decided($cookie, $what, $cats, $id, $rev = 3, %o) {
    my $v = vars($cookie, %o);
    is_deeply($v, { decided => 1, cats => $cats, id => $id, rev => $rev, src => 'cookie' },
        "decided: $what");
}

my $id = random_id();
sub tok(%a) {
    return make_token(revision => 3, id => $id, key => $KEY,
        categories => [qw(necessary analytics)], %a);
}

# --- valid -----------------------------------------------------------------

undecided(undef, 'no cookie');
decided('consent=' . tok(), 'signed with the first key', 'necessary,analytics', $id);
decided('consent=' . tok(key => $KEY2), 'signed with the second key', 'necessary,analytics', $id);
decided('a=1; consent=' . tok() . '; b=2', 'among other cookies', 'necessary,analytics', $id);
decided('consent=' . tok(categories => ['analytics']), 'necessary is implied',
    'necessary,analytics', $id);
decided('consent=' . tok(categories => [qw(marketing analytics)]), 'category order',
    'necessary,analytics,marketing', $id);
decided('consent=' . tok(categories => [qw(necessary)]), 'only necessary, decided', 'necessary', $id);
decided('consent=' . tok(categories => [qw(necessary foo analytics)]), 'unknown category ignored',
    'necessary,analytics', $id);
decided('consent=' . tok(categories => [qw(necessary preferences analytics marketing)]),
    'all', 'necessary,preferences,analytics,marketing', $id);
decided('consent=' . tok(issued => $now - 179 * 86400), 'issued 179 days ago', 'necessary,analytics', $id);
decided('consent=' . tok(issued => $now + 120), 'issued 2 minutes in the future', 'necessary,analytics', $id);

# --- invalid ---------------------------------------------------------------

undecided('consent=' . tok(key => $KEY3), 'signed with an unknown key');
undecided('consent=' . tok(key => undef), 'unsigned while a secret is configured');
{
    my $good = tok();
    (my $cats = $good) =~ s/necessary-analytics/necessary-marketing/;
    undecided("consent=$cats", 'categories changed after signing');
    (my $rev = $good) =~ s/^1\.3\./1.4./;
    undecided("consent=$rev", 'revision changed after signing');
    my $sig = $good;
    substr($sig, -1, 1) = substr($sig, -1) eq 'A' ? 'B' : 'A';
    undecided("consent=$sig", 'signature changed');
    undecided('consent=' . substr($good, 0, -5), 'signature truncated');
    undecided("consent=$good" . 'A', 'signature extended');
    undecided('consent=' . $good =~ s/\.([^.]+)$/./r, 'empty signature');
    undecided("consent=$good.x", 'extra field');
}
undecided('consent=' . tok(revision => 2), 'older revision');
undecided('consent=' . tok(revision => 4), 'newer revision');
undecided('consent=' . tok(issued => $now - 181 * 86400), 'issued 181 days ago (max_age 180d)');
undecided('consent=' . tok(issued => $now + 600), 'issued 10 minutes in the future');
undecided('consent=' . tok(version => 2), 'token version 2');
undecided('consent=' . tok(id => substr($id, 0, 31)), 'id of 31 hex digits');
undecided('consent=' . tok(id => $id . '0'), 'id of 33 hex digits');
undecided('consent=' . tok(id => 'g' . substr($id, 1)), 'id with a non-hex digit');
undecided('consent=' . tok(id => uc('abcdef' x 5 . 'ab')), 'id in uppercase hex');
undecided('consent=' . tok(categories => [qw(necessary Analytics)]), 'category name not [a-z0-9_]');
undecided('consent=' . tok(issued => 'abc'), 'non-numeric issued');
undecided('consent=' . tok(revision => 'x3'), 'non-numeric revision');
undecided('consent=', 'empty value');
undecided('consent=garbage', 'garbage');
undecided('consent=1.3', 'truncated token');
undecided('consent=....', 'dots only');
undecided('consent=' . ('x' x 4000), '4000 bytes');
undecided("consent=\x01\x7f\xff\xfe", 'binary bytes');
undecided('consent="' . tok() . '"', 'quoted value');
undecided('Consent=' . tok(), 'cookie name is case-sensitive');

# --- size limit: 512 bytes -------------------------------------------------

sub padded_token($len) {
    # unknown category names of at most 32 characters pad the token to an
    # exact length (the signature adds 44 characters)
    my $payload = "1.3.$now.$id.necessary-analytics";
    my $need = $len - 44 - length $payload;
    my @pad;
    while ($need > 0) {
        my $n = $need - 1 > 32 ? 32 : $need - 1;
        $n = 1 if $n < 1;
        if ($need - ($n + 1) == 1) { $n-- }     # never leave a lone byte
        push @pad, 'z' x $n;
        $need -= $n + 1;
    }
    return sign_token(join('-', $payload, @pad), $KEY);
}
is(length padded_token(512), 512, 'padded token of 512 bytes');
is(length padded_token(513), 513, 'padded token of 513 bytes');
decided('consent=' . padded_token(512), 'token of 512 bytes', 'necessary,analytics', $id);
undecided('consent=' . padded_token(513), 'token of 513 bytes');

# --- no secret configured --------------------------------------------------

my $port3 = $t->port(3);
decided('consent=' . make_token(id => $id, categories => [qw(necessary marketing)]),
    'no secret: unsigned token', 'necessary,marketing', $id, 1, port => $port3);
undecided('consent=' . make_token(id => $id, revision => 3), 'no secret: other revision',
    port => $port3);

# --- custom cookie name and max_age ----------------------------------------

my $port4 = $t->port(4);
undecided('consent=' . tok(revision => 1), 'custom name: "consent" is not the cookie', port => $port4);
decided('cc=' . tok(revision => 1), 'custom name "cc"', 'necessary,analytics', $id, 1, port => $port4);
decided('cc=' . tok(revision => 1, issued => $now - 86400 + 60), 'max_age=1d: issued 23:59 ago',
    'necessary,analytics', $id, 1, port => $port4);
undecided('cc=' . tok(revision => 1, issued => $now - 2 * 86400), 'max_age=1d: issued 2 days ago',
    port => $port4);

# a worker remembers the cookies it verified (one worker here), with the
# keys they verified with: a value verified under KEY and KEY2 is not
# valid where KEY alone is configured, and stays valid where it is
{
    my $v = tok(revision => 1, key => $KEY2);
    vars("consent=$v");                      # verified on the first server
    vars("consent=$v");
    undecided("cc=$v", 'verified under other keys elsewhere: not valid '
        . 'with KEY alone', port => $port4);
    undecided("cc=$v", '... nor the second time', port => $port4);
    my $w = tok(revision => 1);
    decided("cc=$w", 'a value verified once', 'necessary,analytics', $id, 1,
        port => $port4);
    decided("cc=$w", '... and again, remembered', 'necessary,analytics', $id,
        1, port => $port4);
    (my $x = $w) =~ s/.$/$& eq 'A' ? 'B' : 'A'/e;
    undecided("cc=$x", 'the remembered value with its last byte changed',
        port => $port4);
}

# --- the cookie the endpoint sets ------------------------------------------

sub decide(%o) {
    my $r = $t->post('/cookie-consent', 'action=accept_all&return=/',
        port => $o{port} // $t->port, headers => $o{headers} // []);
    is($r->{status}, 303, 'endpoint answers 303');
    return $r;
}

{
    my $r = decide();
    my @c = set_cookie_named($r, 'consent');
    is(scalar @c, 1, 'one consent Set-Cookie');
    my $c = $c[0] // { attrs => {}, value => '' };
    is($c->{attrs}{path}, '/', 'default Path=/');
    is($c->{attrs}{'max-age'}, 15552000, 'default Max-Age 180 days');
    is(lc($c->{attrs}{samesite} // ''), 'lax', 'default SameSite=Lax');
    ok(!exists $c->{attrs}{secure}, 'no Secure over http by default');
    ok(!exists $c->{attrs}{domain}, 'no Domain by default');

    my $f = token_fields($c->{value});
    ok($f, 'token has 6 fields') or diag $c->{value};
    $f //= { categories => [] };
    is($f->{version}, 1, 'token version 1');
    is($f->{revision}, 3, 'token revision = cookie_consent_revision');
    ok(abs(($f->{issued} // 0) - time) <= 5, 'issued is now');
    like($f->{id} // '', qr/^[0-9a-f]{32}$/, 'id: 32 lowercase hex');
    is(join('-', @{$f->{categories}}), 'necessary-preferences-analytics-marketing',
        'categories of accept_all');
    is($c->{value}, sign_token($f->{payload} // '', $KEY), 'signed with the first key');
    ok(length $c->{value} <= 512, 'token within 512 bytes');

    # and it is accepted back
    decided("consent=$c->{value}", 'the endpoint token', 'necessary,preferences,analytics,marketing',
        $f->{id});
}

{
    my $r = decide(port => $port3);
    my ($c) = set_cookie_named($r, 'consent');
    my $v = $c ? $c->{value} : '';
    like($v, qr/^1\.1\.\d+\.[0-9a-f]{32}\.necessary-preferences-analytics-marketing$/,
        'no secret: the endpoint sets an unsigned token');
    decided("consent=$v", 'no secret: the unsigned endpoint token',
        'necessary,preferences,analytics,marketing', (token_fields($v) // {})->{id}, 1, port => $port3);
}

{
    my $r = decide(port => $port4);
    my @c = set_cookie_named($r, 'cc');
    is(scalar @c, 1, 'custom: one cc Set-Cookie');
    is(scalar(set_cookie_named($r, 'consent')), 0, 'custom: no "consent" cookie');
    my $c = $c[0] // { attrs => {} };
    is(lc($c->{attrs}{domain} // ''), 'example.test', 'custom: Domain');
    is($c->{attrs}{path}, '/app', 'custom: Path');
    is($c->{attrs}{'max-age'}, 86400, 'custom: Max-Age 1d');
    is(lc($c->{attrs}{samesite} // ''), 'strict', 'custom: SameSite=Strict');
    ok(exists $c->{attrs}{secure}, 'custom: Secure');
    my $f = token_fields($c->{value} // '');
    is($f && $f->{revision}, 1, 'custom: default revision 1');
}

{
    my $r = decide(port => $t->port(5));
    my ($c) = set_cookie_named($r, 'consent');
    $c //= { attrs => {} };
    is($c->{attrs}{'max-age'}, 6 * 30 * 86400, 'max_age=6M: Max-Age 15552000');
    is(lc($c->{attrs}{samesite} // ''), 'none', 'samesite=none');
}

SKIP: {
    skip 'openssl not available', 3 unless $crt;
    my $r = decide(port => $t->port(6), headers => [Host => '127.0.0.1:' . $t->port(6)]);
    my ($c) = set_cookie_named($r, 'consent');
    ok($c, 'https: consent cookie set');
    ok($c && exists $c->{attrs}{secure}, 'https: Secure added');
    is($c && $c->{attrs}{path}, '/', 'https: Path=/');
}

done_testing;
