#!/usr/bin/perl
# The cookie declaration, GET <endpoint>/declaration: per category the
# cookies the site was seen to use (the inventory of cookie_consent_zone:
# names in Set-Cookie, and names browsers send that a rule declares) with
# the catalog's provider, their lifetime and when last seen, and the
# rules the configuration adds; HTML (whole, or ?embed=1 to include in a
# privacy policy) and JSON; the same lists under each category of the
# preferences page.

use v5.36;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use CCTest qw(:all);
use JSON::PP ();

my $catalog = "$FindBin::Bin/../catalog/default.json";

my $t = CCTest->new(http => backend_conf() . <<"EOF");
    cookie_consent_category social;
    cookie_consent_secret $KEY;
    cookie_consent on;
    cookie_consent_catalog $catalog;
    cookie_consent_zone cc_decl:1m;
    cookie_consent_policy_url /privacy;
    cookie_consent_cookies preferences shop_theme "cart_*";

    server {
        listen 127.0.0.1:%%PORT%%;
        location / {
            proxy_pass http://127.0.0.1:%%PORT2%%;
        }
        location /cookie-consent {
            cookie_consent_endpoint;
        }
    }

EOF
$t->run or BAIL_OUT('nginx did not start');

# the site sets these (a visitor who accepted everything, so they pass)
my $all = consent_cookie(qw(preferences analytics marketing));
my $r = $t->get('/', headers => [Cookie => $all, sc_headers(
    '_ga=GA1.1.1.1; Path=/; Max-Age=63072000',
    'PHPSESSID=x; Path=/; HttpOnly',
    '_fbp=fb.1.2; Path=/; Max-Age=7776000',
    'shop_theme=dark; Path=/; Max-Age=3600',
    'zz_unknown=b; Path=/; Max-Age=864000')]);
is($r->{status}, 200, 'the site sets its cookies');

# a visitor sends names of their own: never on the public page
$t->get('/', headers => [Cookie => "$all; visitor<script>=1; evil_name=1"]);

# cookies the site's scripts set (gtag.js writes _ga itself): the server
# only ever sees browsers send them back; listed as the rules name them
$t->get('/', headers => [Cookie => "$all; _gid=GA1.2.3.4; "
    . "_ga_ABC123=GS1.1; _ga_X<b>Y=GS1.1; _uetsid=abc"]);

my $d = $t->get('/cookie-consent/declaration');
is($d->{status}, 200, 'declaration: 200');
like(hdr($d, 'Content-Type') // '', qr{^text/html; charset=utf-8},
     'declaration: HTML');
my $b = $d->{body};
like($b, qr{^<!DOCTYPE html>\n<html lang="en">.*<title>Cookie declaration</title>}s,
     'a page of its own, in English');
like($b, qr{<h1 class="ccm-title">Cookie declaration</h1>\n<p>The cookies this site uses, by category.*<a href="/privacy">Privacy policy</a></p>},
     'its heading, what it lists, the policy link');
like($b, qr{<h2>Analytics</h2>\n<p>[^<]+</p>\n<table class="ccm-table"><thead><tr><th scope="col">Cookie</th><th scope="col">Provider</th><th scope="col">Lifetime \(days\)</th><th scope="col">Last seen</th></tr></thead>},
     'a category: label, purpose, a table with its column headers');
like($b, qr{<tr><td><code>_ga</code></td><td>Google[^<]*</td><td>730</td><td>\d{4}-\d\d-\d\d</td></tr>},
     '_ga: analytics, the catalog\'s provider, 730 days, the day it was last set');
like($b, qr{<h2>Marketing</h2>.*<code>_fbp</code></td><td>(?:Meta|Facebook)[^<]*</td><td>90</td>}s,
     '_fbp: marketing, its provider, 90 days');
like($b, qr{<h2>Necessary</h2>.*<code>PHPSESSID</code></td><td>[^<]*</td><td>Session</td>}s,
     'PHPSESSID: necessary, a session cookie');
like($b, qr{<h2>Preferences</h2>.*<code>cart_\*</code></td><td>&mdash;</td><td>&mdash;</td><td>&mdash;</td>}s,
     'a rule of the configuration never seen set: listed, nothing known');
like($b, qr{<code>shop_theme</code></td><td>&mdash;</td><td>&lt; 1</td><td>\d{4}}s,
     'a rule of the configuration seen set: listed as seen');
is(scalar(() = $b =~ /<code>shop_theme</g), 1, 'shop_theme: one row');
like($b, qr{<h2>Not classified</h2>\n<table.*<code>zz_unknown</code></td><td>&mdash;</td><td>10</td>}s,
     'a name no rule knows: under "Not classified"');
unlike($b, qr{visitor|evil_name}, 'names visitors send are not shown');
like($b, qr{<code>_gid</code></td><td>Google Analytics</td><td>&mdash;</td><td>\d{4}-\d\d-\d\d</td>},
     'a catalog name only browsers sent (set by a script): listed, lifetime not known, the day last seen');
like($b, qr{<code>_ga_\*</code></td><td>Google Analytics</td><td>&mdash;</td><td>\d{4}}s,
     'names only browsers sent that a prefix rule matches: listed once, as the pattern');
unlike($b, qr{_ga_ABC123|_ga_X|&lt;b&gt;}, 'never the name a visitor sent under a prefix');
like($b, qr{<h2>Marketing</h2>.*<code>_uetsid</code>}s,
     'a marketing name only browsers sent: under Marketing');
unlike($b, qr{<script|style=}, 'no inline code or style');

# another language, embedding
$d = $t->get('/cookie-consent/declaration?lang=de');
like($d->{body}, qr{<html lang="de">.*<h1 class="ccm-title">Cookie-Erklärung</h1>.*<th scope="col">Anbieter</th>}s,
     'lang=de: in German');
$d = $t->get('/cookie-consent/declaration?embed=1',
             headers => ['Accept-Language' => 'fr']);
like($d->{body}, qr{^<div class="ccm ccm-page ccm-decl" lang="fr">\n<h1 class="ccm-title">Déclaration relative aux cookies</h1>.*</div>\n$}s,
     'embed=1: a <div> to include, in the visitor\'s language');
unlike($d->{body}, qr{<html|<head|<link}, 'embed=1: no document around it');

# JSON
$d = $t->get('/cookie-consent/declaration?format=json');
like(hdr($d, 'Content-Type') // '', qr{^application/json}, 'JSON: application/json');
my $j = eval { JSON::PP::decode_json($d->{body}) };
ok($j, 'JSON: parses') or diag $d->{body};
my %cat = map { $_->{name} => $_->{cookies} } @{$j->{categories} // []};
my ($ga) = grep { $_->{name} eq '_ga' } @{$cat{analytics} // []};
is($ga && $ga->{lifetime}, 63072000, 'JSON: _ga, its lifetime in seconds');
like($ga && $ga->{provider} // '', qr/Google/, 'JSON: _ga, its provider');
ok($ga && $ga->{last_seen} > 1700000000, 'JSON: _ga, when last seen');
my ($cart) = grep { $_->{name} eq 'cart_*' } @{$cat{preferences} // []};
ok($cart && !defined $cart->{lifetime} && !defined $cart->{last_seen},
   'JSON: a rule never seen: lifetime and last_seen null');
is(join(',', map { $_->{name} } @{$j->{unclassified} // []}), 'zz_unknown',
   'JSON: the unclassified');
$d = $t->get('/cookie-consent/declaration',
             headers => [Accept => 'application/json']);
like(hdr($d, 'Content-Type') // '', qr{^application/json},
     'Accept: application/json: JSON');

# a category without cookies says so
like($b, qr{<h2>social</h2>\n<p>None\.</p>},
     'a declared category without cookies: "None."');
is_deeply($cat{social}, [], 'JSON: a category without cookies: []');

# the preferences page (the second layer without JavaScript; the banner's
# script fetches these lists into its own): each category's cookies,
# folded under its checkbox, in the page's language
my $p = $t->get('/cookie-consent?lang=nl')->{body};
like($p, qr{value="analytics">.*?</label>\n<details class="ccm-cookies" data-ccm-cat="analytics"><summary>Gebruikte cookies \(\d+\)</summary>\n<table class="ccm-table">.*?<code>_ga</code></td><td>Google[^<]*</td><td>730</td>.*?</table>\n</details>}s,
     'preferences page: analytics lists _ga, folded under its checkbox');
like($p, qr{data-ccm-cat="preferences">.*<code>cart_\*</code>.*<code>shop_theme</code>}s,
     'preferences page: the configuration\'s rules under theirs');
unlike($p, qr{data-ccm-cat="social"}, 'preferences page: no list for a category without cookies');
unlike($p, qr{zz_unknown|visitor|evil_name},
       'preferences page: neither unclassified nor visitors\' names');
is(scalar(() = $p =~ /<details/g), scalar(() = $b =~ /<h2>(?!Not classified|social)/g),
   'preferences page: one list per category with cookies');

done_testing();
