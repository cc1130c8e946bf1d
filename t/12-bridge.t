#!/usr/bin/perl
# cookie_consent_bridge: the consent recorded by another consent manager,
# in its real cookie formats, observed through $consent_source,
# $consent_categories and Set-Cookie filtering.

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

        location /ot {
            cookie_consent_bridge onetrust;
            return 200 "\$consent_source \$consent_categories\n";
        }
        location /ot-social {
            cookie_consent_bridge onetrust map=C0005:preferences;
            return 200 "\$consent_source \$consent_categories\n";
        }
        location /ot-none {
            cookie_consent_bridge onetrust map=C0004:none map=C0005:none;
            return 200 "\$consent_source \$consent_categories\n";
        }
        location /cb {
            cookie_consent_bridge cookiebot;
            return 200 "\$consent_source \$consent_categories\n";
        }
        location /cc {
            cookie_consent_bridge cookieconsent;
            return 200 "\$consent_source \$consent_categories\n";
        }
        location /cmplz {
            cookie_consent_bridge complianz;
            return 200 "\$consent_source \$consent_categories\n";
        }
        location /tac {
            cookie_consent_bridge tarteaucitron map=matomo:analytics;
            return 200 "\$consent_source \$consent_categories\n";
        }
        location /klaro {
            cookie_consent_bridge klaro map=google-analytics:analytics;
            return 200 "\$consent_source \$consent_categories\n";
        }
        location /two {
            cookie_consent_bridge klaro map=google-analytics:analytics;
            cookie_consent_bridge cookiebot;
            return 200 "\$consent_source \$consent_categories\n";
        }
        location /tcf {
            cookie_consent_bridge tcf;
            return 200 "\$consent_source \$consent_categories\n";
        }
        location /proxy/ {
            cookie_consent_bridge cookiebot;
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
    }
EOF
$t->run or BAIL_OUT('nginx did not start');

sub seen ($path, $cookie) {
    my $r = $t->get($path, headers => [Cookie => $cookie]);
    is($r->{status}, 200, "$path: 200");
    chomp(my $b = $r->{body} // '');
    return $b;
}

# OneTrust: decided only with OptanonAlertBoxClosed
my $ot_some = 'OptanonConsent=isGpcEnabled=0&datestamp=Mon+Aug+29+2022+14'
    . '%3A57%3A57+GMT%2B0500&version=6.39.0&isIABGlobal=false&hosts=&'
    . 'consentId=8ad4dfed-e6d8-4289-b677-8aed2896c1a9&interactionCount=1&'
    . 'groups=C0001%3A1%2CC0002%3A0%2CC0003%3A1%2CC0004%3A0%2CC0005%3A1';
is(seen('/ot', "$ot_some; OptanonAlertBoxClosed=2022-08-29T09:57:57.000Z"),
   'onetrust necessary,preferences',
   'onetrust: groups mapped; C0004 refused keeps marketing denied although '
   . 'C0005 (social, marketing by default) is accepted');
is(seen('/ot', $ot_some), 'default necessary',
   'onetrust: no OptanonAlertBoxClosed, undecided');
is(seen('/ot-social',
         "$ot_some; OptanonAlertBoxClosed=2022-08-29T09:57:57.000Z"),
   'onetrust necessary,preferences', 'onetrust: map=C0005:preferences');

# only OneTrust's documented and mapped groups grant: a group spelled like
# one of our categories does not, and a group can be mapped to nothing
my $ot_spelled = 'OptanonConsent=isGpcEnabled=0&groups=C0001%3A1%2CC0002%3A0'
    . '%2CC0004%3A0%2Cmarketing%3A1%2Canalytics%3A1';
is(seen('/ot', "$ot_spelled; OptanonAlertBoxClosed=2022-08-29T09:57:57.000Z"),
   'onetrust necessary', 'onetrust: "marketing:1" is no group of theirs');
my $ot_all = 'OptanonConsent=groups=C0001%3A1%2CC0002%3A1%2CC0003%3A1'
    . '%2CC0004%3A1%2CC0005%3A1';
is(seen('/ot-none', "$ot_all; OptanonAlertBoxClosed=2022-08-29T09:57:57.000Z"),
   'onetrust necessary,preferences,analytics',
   'onetrust: map=C0004:none map=C0005:none, marketing never granted');

# Cookiebot: a JavaScript object literal, URL-encoded
my $cb = 'CookieConsent={stamp:%27Rm4fk9DeBCocbMY0P1wAkhbWQwf/ZwpnE42dfS'
    . 'JEeEb1ig7OJsnysA==%27%2Cnecessary:true%2Cpreferences:false%2C'
    . 'statistics:true%2Cmarketing:false%2Cmethod:%27explicit%27%2Cver:1'
    . '%2Cutc:1684336814039%2Cregion:%27ro%27}';
is(seen('/cb', $cb), 'cookiebot necessary,analytics',
   'cookiebot: statistics -> analytics');
is(seen('/cb', 'CookieConsent={stamp:%27abc'), 'default necessary',
   'cookiebot: truncated value, undecided');

# cookieconsent v3: URL-encoded JSON; an expired one is undecided
my $cc = '%7B%22categories%22%3A%5B%22necessary%22%2C%22analytics%22%5D%2C'
    . '%22revision%22%3A0%2C%22data%22%3Anull%2C%22consentId%22%3A%22ab78'
    . '77ef-15b9-4b07-89eb-5dd90a8bc0f3%22%2C%22expirationTime%22%3A';
is(seen('/cc', "cc_cookie=${cc}4102444800000%7D"),
   'cookieconsent necessary,analytics', 'cookieconsent: categories');
is(seen('/cc', "cc_cookie=${cc}1700000000000%7D"), 'default necessary',
   'cookieconsent: expired, undecided');
is(seen('/cc', 'cc_cookie=%7B%22categories%22%3A'), 'default necessary',
   'cookieconsent: truncated JSON, undecided');

# Complianz: one cookie per category
is(seen('/cmplz', 'cmplz_functional=allow; cmplz_preferences=deny; '
                 . 'cmplz_statistics=allow; cmplz_marketing=deny'),
   'complianz necessary,analytics', 'complianz: statistics allowed');

# tarteaucitron and klaro: services mapped to categories
is(seen('/tac', 'tarteaucitron=!matomo=true!facebookpixel=false'),
   'tarteaucitron necessary,analytics', 'tarteaucitron: map=matomo');
is(seen('/klaro', 'klaro=%7B%22google-analytics%22%3Atrue%2C%22hotjar%22'
                 . '%3Afalse%7D'),
   'klaro necessary,analytics', 'klaro: map=google-analytics');

# IAB TCF v2.2 TC strings (real ones, policy version 5)
is(seen('/tcf', 'euconsent-v2=CQbB_cAQbB_cAAHABBENCFFsAP_gAAAAAAAAHXwCAAIAAqA'
              . 'BaAFsAUgBZgF5gOvAAAAKSgAwABBd8pABgACC75CADAAEF3x0AGAAILvhIAMA'
              . 'AQXf.f_wAAAAAAAAA'),
   'tcf necessary,analytics,marketing', 'tcf: purposes 1-4 and 7-10');
is(seen('/tcf', 'euconsent-v2=CQGiOUAQGiOUAAHABBENBLFgAAAAAAAAAAAAAAAAAAAA.'
              . 'YAAAAAAAAAAA'),
   'tcf necessary', 'tcf: no purpose consented');
is(seen('/tcf', 'euconsent-v2=CQbB_cAQbB_cAAHABBENCFF'), 'default necessary',
   'tcf: truncated string, undecided');

# the first configured source that parses; our own cookie wins
is(seen('/two', $cb), 'cookiebot necessary,analytics',
   'second source when the first is absent');
is(seen('/cb', $cb . '; ' . consent_cookie('marketing')),
   'cookie necessary,marketing', 'the module\'s own cookie wins');

# enforcement follows the bridge
my $r = $t->get('/proxy/', headers => [Cookie => $cb,
    sc_headers('_ga=1; Path=/', '_fbp=1; Path=/', 'PHPSESSID=1; Path=/')]);
my %k = map { $_ => 1 } cookie_names($r);
ok($k{_ga}, 'cookiebot statistics granted: _ga kept');
ok(!$k{_fbp}, 'cookiebot marketing refused: _fbp removed');
ok($k{PHPSESSID}, 'necessary kept');

# configuration errors
my ($rc, $out) = $t->nginx_t(<<"EOF");
    server { listen 127.0.0.1:%%PORT%%;
        location / { cookie_consent_bridge usercentrics; } }
EOF
isnt($rc, 0, 'unknown source: nginx -t fails');
like($out, qr/unknown source "usercentrics" in "cookie_consent_bridge"/,
     'unknown source named');

($rc, $out) = $t->nginx_t(<<"EOF");
    server { listen 127.0.0.1:%%PORT%%;
        location / { cookie_consent_bridge onetrust map=C0005:social; } }
EOF
isnt($rc, 0, 'map to an unknown category: nginx -t fails');
like($out, qr/unknown category "social"/, 'unknown category named');

($rc, $out) = $t->nginx_t(<<"EOF");
    server { listen 127.0.0.1:%%PORT%%;
        location / { cookie_consent_bridge onetrust C0005; } }
EOF
isnt($rc, 0, 'bad parameter: nginx -t fails');
like($out, qr/invalid parameter "C0005"/, 'bad parameter named');

# every conf-examples/bridge-*.conf passes nginx -t
for my $f (glob "$FindBin::Bin/../conf-examples/bridge-*.conf") {
    open(my $fh, '<', $f) or die "$f: $!";
    my $conf = do { local $/; <$fh> };
    $conf =~ s{/usr/share/nginx-cookie-consent/catalog}{$FindBin::Bin/../catalog}g;
    $conf =~ s/listen 80;/listen 127.0.0.1:%%PORT%%;/;
    my ($rc, $out) = $t->nginx_t($conf);
    is($rc, 0, "$f passes nginx -t") or diag($out);
}

done_testing();
