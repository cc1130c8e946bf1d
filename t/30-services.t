#!/usr/bin/perl
# Services (cookie_consent_service): a visitor may grant one service of a
# category without the rest of it.  The consent cookie lists the services
# granted one by one after the categories; their cookies (Set-Cookie and
# request cookies), tracker tags and beacons pass while the rest of the
# category stays blocked; the banner and the preferences page offer a box
# per service; the catalog's rules belong to a service by vendor, the
# configuration's by naming it.

use v5.36;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use CCTest qw(:all);
use JSON::PP ();

my $catalog = "$FindBin::Bin/../catalog/default.json";

my $services = <<'EOF';
    cookie_consent_service ga4 analytics "label=Google Analytics"
                           "vendor=Google Analytics"
                           "vendor=google tag manager";
    cookie_consent_service matomo analytics label=Matomo;
    cookie_consent_service meta marketing "label=Meta Pixel"
                           vendor=Facebook vendor=Meta;
    cookie_consent_service hotjar analytics label=Hotjar;
    cookie_consent_service youtube marketing label=YouTube;
EOF

my $t = CCTest->new(http => backend_conf() . $services . <<"EOF");
    cookie_consent_secret $KEY;
    cookie_consent on;
    cookie_consent_catalog $catalog;
    cookie_consent_zone cc_svc:1m;
    cookie_consent_policy_url /privacy;
    cookie_consent_cookies matomo "_pk_id.*" "_pk_ref*";
    cookie_consent_trackers matomo stats.example.org;

    # a service's broader rule claims the catalog's narrower ones
    cookie_consent_cookies hotjar "_hj*";
    cookie_consent_trackers youtube youtube.com;

    server {
        listen 127.0.0.1:%%PORT%%;
        location / {
            proxy_pass http://127.0.0.1:%%PORT2%%;
        }
        location /page/ {
            root %%DIR%%/html;
        }
        location /cookie-consent {
            cookie_consent_endpoint;
        }
        location = /beacon {
            cookie_consent_require meta;
            proxy_pass http://127.0.0.1:%%PORT2%%;
        }
        location = /vars {
            return 200 "state=\$consent_state svcs=\$consent_services ga4=\$consent_ga4 meta=\$consent_meta analytics=\$consent_analytics\\n";
        }
    }
EOF

my $page = '<!DOCTYPE html><html><head>'
    . '<script async src="https://www.googletagmanager.com/gtag/js?id=G-1">'
    . '</script>'
    . '<script src="https://connect.facebook.net/en_US/fbevents.js"></script>'
    . '</head><body><p>shop</p>'
    . '<img src="https://stats.example.org/matomo.php?idsite=1">'
    . '<iframe src="https://www.youtube.com/embed/M7lc1UVf-VE"></iframe>'
    . '<script type="text/plain" data-category="marketing" '
    . 'data-service="meta">fbq("track")</script>'
    . '</body></html>';

$t->write_file('html/page/index.html', $page);
$t->run or BAIL_OUT('nginx did not start');

my @site = (
    '_ga=GA1.1.1.1; Path=/; Max-Age=63072000',
    '_gid=GA1.1.2.2; Path=/; Max-Age=86400',
    '_ga_ABC123=GS1.1; Path=/; Max-Age=63072000',
    '_pk_id.1.abcd=x; Path=/; Max-Age=34128000',
    '_fbp=fb.1.2; Path=/; Max-Age=7776000',
    '_gcl_au=1.1; Path=/; Max-Age=7776000',
);

sub names_set($r) { join ',', sort map { (split /=/)[0] } set_cookies($r) }

sub echoed($r) { $r->{body} =~ /cookie=\[([^\]]*)\]/ ? $1 : '' }

# --- Set-Cookie: a service's pass, the rest of its category does not ---

my $r = $t->get('/', headers => [sc_headers(@site)]);
is(names_set($r), '', 'undecided: every analytics and marketing cookie removed');

my $ga4 = consent_cookie('ga4');
$r = $t->get('/', headers => [Cookie => $ga4, sc_headers(@site)]);
is(names_set($r), '_ga,_ga_ABC123,_gid',
   'ga4 granted alone: the catalog\'s Google Analytics cookies (by vendor) '
   . 'pass, Matomo\'s and marketing\'s do not');

my $meta = consent_cookie('meta');
$r = $t->get('/', headers => [Cookie => $meta, sc_headers(@site)]);
is(names_set($r), '_fbp',
   'meta alone: _fbp (Facebook) passes, _gcl_au (Google, marketing) does not');

my $mat = consent_cookie('matomo');
$r = $t->get('/', headers => [Cookie => $mat, sc_headers(@site)]);
is(names_set($r), '_pk_id.1.abcd',
   'matomo alone: the configuration\'s rule naming the service');

my $an = consent_cookie('analytics');
$r = $t->get('/', headers => [Cookie => $an, sc_headers(@site)]);
is(names_set($r), '_ga,_ga_ABC123,_gid,_pk_id.1.abcd',
   'analytics granted: every service of it');

# a service's prefix claims the catalog's names and prefixes under it,
# whatever their vendor
$r = $t->get('/', headers => [Cookie => consent_cookie('hotjar'), sc_headers(
    '_hjUserAttributes=x; Path=/', '_hjSessionUser_12=y; Path=/',
    '_ga=z; Path=/')]);
is(names_set($r), '_hjSessionUser_12,_hjUserAttributes',
   'hotjar alone ("_hj*"): the catalog\'s _hj names pass, _ga does not');

# --- request cookies ---

my $sent = '_ga=1; _pk_id.1.abcd=2; _fbp=3; _gcl_au=4; lang=nl';
$r = $t->get('/', headers => [Cookie => "$ga4; $sent"]);
like(echoed($r), qr/^consent=[^;]+; _ga=1; lang=nl$/,
     'request cookies: ga4\'s pass, the rest of analytics and marketing not');
$r = $t->get('/', headers => [Cookie => "$meta; $sent"]);
like(echoed($r), qr/^consent=[^;]+; _fbp=3; lang=nl$/,
     'request cookies: meta\'s pass');

# --- tracker tags ---

$r = $t->get('/page/', headers => [Cookie => $ga4]);
is($r->{status}, 200, 'page: 200');
like($r->{body}, qr{<script async src="https://www.googletagmanager.com/gtag/js\?id=G-1"></script>},
     'ga4 granted: gtag.js (Google Tag Manager, a vendor of ga4) stays live');
like($r->{body}, qr{<script type="text/plain" data-category="marketing" data-service="meta" data-src="https://connect.facebook.net/en_US/fbevents.js"></script>},
     'the Meta pixel: inert, with its service named for the banner\'s script');
like($r->{body}, qr{<img data-category="analytics" data-service="matomo" data-src="https://stats.example.org/matomo.php\?idsite=1">},
     'the configuration\'s tracker of matomo: inert, data-service="matomo"');
like($r->{body}, qr{<script type="text/plain" data-category="marketing" data-service="meta">fbq},
     'the page\'s own data-service element: still inert');
like($r->{body}, qr{<iframe data-category="marketing" data-service="youtube" data-src="https://www.youtube.com/embed/},
     'the YouTube embed: youtube\'s (its host claims the catalog\'s '
     . 'youtube.com/embed/)');
like($r->{body}, qr{<div class="ccm-placeholder" data-ccm-for="marketing" lang="en"><p>[^<]+<b>Marketing</b> \(YouTube\)</p><a class="ccm-btn" href="[^"]+" data-ccm-allow="youtube">Allow</a></div><iframe data-category="marketing" data-service="youtube"},
     'its placeholder names the service; "Allow" grants the service');
my $etag_ga4 = hdr($r, 'ETag');
like($t->get('/page/', headers => [Cookie => consent_cookie('youtube')])
         ->{body},
     qr{<iframe src="https://www.youtube.com/embed/},
     'youtube granted: the embed stays live');

$r = $t->get('/page/', headers => [Cookie => $meta]);
like($r->{body}, qr{<script src="https://connect.facebook.net/en_US/fbevents.js"></script>},
     'meta granted: the pixel stays live');
like($r->{body}, qr{<script type="text/plain" data-category="analytics" data-service="ga4" async data-src="https://www.googletagmanager.com/},
     'meta granted: gtag.js inert, ga4\'s');
like($r->{body}, qr{<script type="text/plain" data-category="marketing" data-service="meta">fbq},
     'the page\'s data-service="meta" element: left for the banner\'s script '
     . '(already inert as written)');
isnt(hdr($r, 'ETag'), $etag_ga4, 'another service, another ETag');

$r = $t->get('/page/', headers => [Cookie => consent_cookie()]);
my $etag_none = hdr($r, 'ETag');
isnt($etag_none, $etag_ga4, 'necessary only: an ETag of its own');
like($etag_ga4 // '', qr/-ccg[0-9a-f]+\.1v1s"$/,
     'the ETag names the services granted one by one');

# --- the beacon gate ---

is($t->get('/beacon')->{status}, 204, 'beacon of meta, undecided: 204');
is($t->get('/beacon', headers => [Cookie => $ga4])->{status}, 204,
   'beacon of meta, ga4 granted: 204');
is($t->get('/beacon', headers => [Cookie => $meta])->{status}, 200,
   'beacon of meta, meta granted: 200');
is($t->get('/beacon', headers => [Cookie => consent_cookie('marketing')])
       ->{status}, 200, 'beacon of meta, marketing granted: 200');

# --- variables ---

is($t->get('/vars', headers => [Cookie => $ga4])->{body},
   "state=d1s1 svcs=ga4 ga4=1 meta=0 analytics=0\n",
   'variables: $consent_state has the services\' bits, $consent_services, '
   . '$consent_<service>');
is($t->get('/vars', headers => [Cookie => $an])->{body},
   "state=d5 svcs= ga4=1 meta=0 analytics=1\n",
   'a service of a granted category: $consent_<service> 1, not listed '
   . 'in $consent_services');
is($t->get('/vars', headers => [Cookie => consent_cookie('ga4', 'gone',
                                                           'analytics')])
       ->{body},
   "state=d5 svcs= ga4=1 meta=0 analytics=1\n",
   'a service of a granted category in the cookie, a name no longer '
   . 'configured: ignored, still decided');

# --- decisions ---

$r = $t->post('/cookie-consent', 'action=save&service=meta&service=matomo'
    . '&service=necessary&category=meta',
    headers => ['Content-Type' => 'application/x-www-form-urlencoded',
                Origin => 'http://127.0.0.1:' . $t->port]);
is($r->{status}, 303, 'form decision with services: 303');
my ($tok) = map { /^consent=([^;]+)/ ? $1 : () } set_cookies($r);
ok($tok, 'a consent cookie');
is(join('-', @{token_fields($tok)->{categories}}), 'necessary-matomo-meta',
   'the cookie lists the services after the categories, in their order');

$r = $t->post('/cookie-consent', '{"action":"save","categories":["analytics"],'
    . '"services":["ga4","meta"]}',
    headers => ['Content-Type' => 'application/json',
                Accept => 'application/json',
                Origin => 'http://127.0.0.1:' . $t->port]);
is($r->{status}, 200, 'JSON decision with services: 200');
($tok) = map { /^consent=([^;]+)/ ? $1 : () } set_cookies($r);
is(join('-', @{token_fields($tok)->{categories}}), 'necessary-analytics-meta',
   'a service of a category granted whole is not written');
my $s = JSON::PP::decode_json($r->{body});
is_deeply($s->{categories}, [qw(necessary analytics)], 'state: categories');
is_deeply($s->{services}, [qw(ga4 matomo meta hotjar)],
          'state: every service granted, one by one or with its category');

$r = $t->get('/cookie-consent', headers => [Cookie => "consent=$tok",
                                             Accept => 'application/json']);
is_deeply(JSON::PP::decode_json($r->{body})->{services},
          [qw(ga4 matomo meta hotjar)],
          'GET state: the same');

# withdrawing: the services go too, their cookies expire
$r = $t->post('/cookie-consent', 'action=withdraw',
    headers => ['Content-Type' => 'application/x-www-form-urlencoded',
                Origin => 'http://127.0.0.1:' . $t->port,
                Cookie => "$meta; _fbp=3; _ga=1"]);
is($r->{status}, 303, 'withdraw: 303');
($tok) = map { /^consent=([^;]+)/ ? $1 : () } set_cookies($r);
is(join('-', @{token_fields($tok)->{categories}}), 'necessary', 'withdraw: no service left');
like(join("\n", set_cookies($r)), qr/^_fbp=; .*Max-Age=0/m,
     'withdraw: the service\'s cookie expires');

# --- the banner and the preferences page ---

$r = $t->get('/page/', headers => [Accept => 'text/html']);
like($r->{body}, qr{<input type="checkbox" name="category" value="analytics">.*?</label>\n<div class="ccm-svcs">\n<label><input type="checkbox" name="service" value="ga4"> Google Analytics</label>\n<label><input type="checkbox" name="service" value="matomo"> Matomo</label>\n<label><input type="checkbox" name="service" value="hotjar"> Hotjar</label>\n</div>}s,
     'banner: a box per service under its category');

$r = $t->get('/cookie-consent', headers => [Cookie => $meta,
                                             Accept => 'text/html']);
like($r->{body}, qr{name="service" value="meta" checked> Meta Pixel</label>},
     'preferences page: the service granted is ticked');
like($r->{body}, qr{name="service" value="ga4"> Google Analytics</label>},
     'preferences page: the others are not');

# --- the declaration names the service ---

$t->get('/', headers => [Cookie => consent_cookie(qw(analytics marketing)),
                         sc_headers(@site)]);
$r = $t->get('/cookie-consent/declaration', headers => [
    Accept => 'application/json']);
my $d = JSON::PP::decode_json($r->{body});
my %row = map { my $c = $_; map { ("$c->{name}/$_->{name}" => $_) }
                                @{$c->{cookies}} } @{$d->{categories}};
is($row{'marketing/_fbp'}{service}, 'meta', 'declaration: _fbp is meta\'s');
is($row{'analytics/_ga'}{service}, 'ga4', 'declaration: _ga is ga4\'s');
is($row{'marketing/_gcl_au'}{service}, undef,
   'declaration: _gcl_au belongs to no service');
is($row{'analytics/_pk_ref*'}{service}, 'matomo',
   'declaration: the configuration\'s rule of matomo');
$r = $t->get('/cookie-consent/declaration');
like($r->{body}, qr{<code>_fbp</code></td><td>Meta Pixel</td>},
     'declaration page: the service\'s label as the provider');
is_deeply([map { $_->{name} } map { @{$_->{services}} }
           grep { $_->{name} eq 'analytics' } @{$d->{categories}}],
          [qw(ga4 matomo hotjar)], 'declaration JSON: analytics\'s services');
is_deeply((grep { $_->{name} eq 'marketing' } @{$d->{categories}})[0]
              ->{services},
          [{name => 'meta', label => 'Meta Pixel'},
           {name => 'youtube', label => 'YouTube'}],
          'declaration JSON: marketing\'s, with their labels');
like($r->{body}, qr{<h2>Marketing</h2>.*?<p class="ccm-third">Third-party services: Meta Pixel, YouTube</p>}s,
     'declaration page: each category names its third-party services');
$r = $t->get('/cookie-consent/declaration?lang=de');
like($r->{body}, qr{<p class="ccm-third">Dienste von Drittanbietern: Google Analytics, Matomo, Hotjar</p>},
     '... in the visitor\'s language');

# --- configuration errors ---

my $base = "    cookie_consent_secret $KEY;\n";
for my $case (
    ['cookie_consent_service analytics analytics;', qr/has the name of a category/],
    ['cookie_consent_service x nosuch;', qr/unknown category "nosuch"/],
    ['cookie_consent_service x necessary;', qr/"necessary" is always granted/],
    ["cookie_consent_service x analytics;\n    cookie_consent_service x marketing;",
     qr/service "x" is already declared/],
    ['cookie_consent_service Bad analytics;', qr/invalid service name "Bad"/],
    ['cookie_consent_service categories analytics;', qr/is reserved/],
    ['cookie_consent_service x analytics colour=red;', qr/invalid parameter "colour=red"/],
    ["cookie_consent_service social marketing;\n    cookie_consent_category social;",
     qr/category "social" has the name of a service/],
    [join("\n    ", map { sprintf 'cookie_consent_service s%02d_%s analytics;',
                              $_, 'x' x 28 } 1 .. 14),
     qr/category and 14 service names are too long together/],
) {
    my ($rc, $out) = $t->nginx_t($base . "    $case->[0]\n");
    isnt($rc, 0, "nginx -t refuses: $case->[0]" =~ s/\n.*//sr);
    like($out, $case->[1], '... saying why');
}

# a catalog loaded after a service may not declare a category of its name
$t->write_file('conf/social.json', '{"version":1,"categories":['
    . '{"name":"necessary","required":true,"label":{"en":"Necessary"}},'
    . '{"name":"social","label":{"en":"Social"}}],"cookies":[],'
    . '"trackers":[]}');
{
    my ($rc, $out) = $t->nginx_t($base
        . "    cookie_consent_service social marketing;\n"
        . "    cookie_consent_catalog " . $t->dir . "/conf/social.json;\n");
    isnt($rc, 0, 'nginx -t refuses a catalog category named as a service');
    like($out, qr/category "social" has the name of a service/,
         '... saying why');
}

my ($rc, $out) = $t->nginx_t($base . $services
    . "    server { listen 127.0.0.1:%%PORT%%;\n"
    . "      location / { cookie_consent_cookies meta fbq_*;"
    . " cookie_consent_trackers ga4 example.net; return 204; } }\n");
is($rc, 0, 'a service where cookie_consent_cookies and _trackers take a '
   . 'category: accepted') or diag($out);

done_testing();
