#!/usr/bin/perl
# cookie_consent_catalog: the shipped catalog replaces the built-in rules,
# declares its categories, nginx.conf rules still override it, and every
# catalog error fails nginx -t naming the file, the JSON path and the
# problem.

use v5.36;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use CCTest qw(:all);

my $repo = "$FindBin::Bin/..";
my $catalog = "$repo/catalog/default.json";

my $t = CCTest->new(http => backend_conf() . <<"EOF");
    cookie_consent_catalog $catalog;
    cookie_consent_secret $KEY;
    cookie_consent on;

    server {
        listen 127.0.0.1:%%PORT%%;

        location / {
            proxy_pass http://127.0.0.1:%%PORT2%%;
        }
        location /override/ {
            cookie_consent_cookies necessary _ga;
            cookie_consent_cookies marketing PHPSESSID;
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
        location = /cookie-consent {
            cookie_consent_endpoint;
        }
    }
EOF
$t->run or BAIL_OUT('nginx with the catalog did not start');

my @names = qw(_ga _ga_ABC123 _gid _fbp _gcl_au _hjSessionUser_123
               _hjSession_123 PHPSESSID JSESSIONID XSRF-TOKEN
               AWSALB cc_cookie euconsent-v2 _uetvid);

sub kept ($path, $cookie, @set) {
    my $r = $t->get($path, headers => [
        ($cookie ? (Cookie => $cookie) : ()), sc_headers(@set)]);
    is($r->{status}, 200, "$path: 200");
    return { map { $_ => 1 } cookie_names($r) };
}

# undecided: only necessary ones pass
my $k = kept('/', undef, map { "$_=v; Path=/" } @names);
for my $n (qw(PHPSESSID JSESSIONID XSRF-TOKEN AWSALB cc_cookie
              euconsent-v2)) {
    ok($k->{$n}, "undecided: catalog necessary $n kept");
}
for my $n (qw(_ga _ga_ABC123 _gid _fbp _gcl_au _hjSessionUser_123
              _hjSession_123 _uetvid)) {
    ok(!$k->{$n}, "undecided: catalog tracker $n removed");
}

# analytics only: Hotjar session cookies are analytics in our catalog
$k = kept('/', consent_cookie('analytics'),
          map { "$_=v; Path=/" } @names);
ok($k->{$_}, "analytics granted: $_ kept")
    for qw(_ga _ga_ABC123 _gid _hjSessionUser_123 _hjSession_123);
ok(!$k->{$_}, "analytics granted: marketing $_ removed")
    for qw(_fbp _gcl_au _uetvid);

# nginx.conf overrides the catalog
$k = kept('/override/', undef, '_ga=1; Path=/', 'PHPSESSID=1; Path=/');
ok($k->{_ga}, 'nginx.conf: _ga necessary despite the catalog');
ok(!$k->{PHPSESSID}, 'nginx.conf: PHPSESSID marketing despite the catalog');

# the catalog's categories are the endpoint's
my $r = $t->get('/cookie-consent', headers => [Accept => 'application/json']);
like($r->{body}, qr/"categories":\["necessary"\]/, 'state JSON undecided');
$r = $t->post('/cookie-consent', 'action=accept_all');
is($r->{status}, 303, 'accept_all');
like(join(' ', set_cookies($r)),
     qr/consent=1\.1\.\d+\.[0-9a-f]{32}\.necessary-preferences-analytics-marketing\./,
     'accept_all grants every catalog category');

# errors: nginx -t names the file, the JSON path and the problem
my %bad = (
    'bad-syntax.json'           => qr/invalid JSON/,
    'bad-cookie-category.json'  => qr/cookies\[\d+\]\.category: unknown category/,
    'bad-cookie-conflict.json'  => qr/cookies\[\d+\].*conflicting categories/,
    'bad-cookie-missing-name.json' => qr/cookies\[\d+\]/,
    'bad-tracker-category.json' => qr/trackers\[\d+\]/,
    'bad-no-necessary.json'     => qr/necessary/,
);
for my $f (sort keys %bad) {
    my $path = "$repo/t/unit/catalog/$f";
    my ($rc, $out) = $t->nginx_t(<<"EOF");
    cookie_consent_catalog $path;
    server { listen 127.0.0.1:%%PORT%%; }
EOF
    isnt($rc, 0, "$f: nginx -t fails");
    like($out, qr/cookie_consent_catalog/, "$f: names the directive");
    like($out, qr/\Q$f\E/, "$f: names the file");
    like($out, $bad{$f}, "$f: names the JSON path and problem");
}

my ($rc, $out) = $t->nginx_t(<<"EOF");
    cookie_consent_catalog /nonexistent/catalog.json;
    server { listen 127.0.0.1:%%PORT%%; }
EOF
isnt($rc, 0, 'missing catalog: nginx -t fails');
like($out, qr{/nonexistent/catalog\.json}, 'missing catalog: file named');

# a regex the catalog loader accepts but PCRE refuses
my $dir = $t->dir;
open(my $fh, '>', "$dir/badre.json") or die $!;
print $fh '{"version":1,"categories":[{"name":"necessary","required":true,'
    . '"label":{"en":"Necessary"}}],"cookies":[{"regex":"^a(b",'
    . '"category":"necessary"}],"trackers":[]}';
close $fh;
($rc, $out) = $t->nginx_t(<<"EOF");
    cookie_consent_catalog $dir/badre.json;
    server { listen 127.0.0.1:%%PORT%%; }
EOF
isnt($rc, 0, 'bad regex in catalog: nginx -t fails');
like($out, qr/cookies\[0\]/, 'bad regex: JSON path named');

# a catalog that exempts Google Analytics: loaded, with a warning
open($fh, '>', "$dir/exempt.json") or die $!;
print $fh '{"version":1,"categories":[{"name":"necessary","required":true,'
    . '"label":{"en":"Necessary"}}],"cookies":[{"name":"_ga",'
    . '"category":"necessary"},{"name":"SESSION","category":"necessary"}],'
    . '"trackers":[]}';
close $fh;
($rc, $out) = $t->nginx_t(<<"EOF");
    cookie_consent_catalog $dir/exempt.json;
    server { listen 127.0.0.1:%%PORT%%; }
EOF
is($rc, 0, 'a catalog with _ga necessary: accepted');
like($out, qr/\[warn\].*"_ga" in the catalog is an analytics cookie/,
     'a catalog with _ga necessary: a warning');
unlike($out, qr/SESSION/, 'its SESSION rule: no warning');

done_testing();
