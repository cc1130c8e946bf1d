#!/usr/bin/perl
# Report-only mode (and cookie_consent $var), and Global Privacy Control.

use v5.36;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use CCTest qw(:all);

my $t = CCTest->new(http => backend_conf() . <<"EOF");
    cookie_consent_secret $KEY;
    log_format r '\$uri|\$consent_stripped|\$consent_state|\$status';
    map \$arg_mode \$cc_mode {
        default on;
        r report;
        o off;
    }

    server {
        listen 127.0.0.1:%%PORT%%;
        cookie_consent report;
        cookie_consent_expire on;
        access_log %%DIR%%/logs/report.log r;

        location / {
            proxy_pass http://127.0.0.1:%%PORT2%%;
        }
        location /collect {
            cookie_consent_require analytics;
            proxy_pass http://127.0.0.1:%%PORT2%%;
        }
        location = /ah {
            add_header Set-Cookie "_fbp=fb.1; Path=/" always;
            add_header Set-Cookie "SERVERID=a; Path=/" always;
            return 200 "ah\\n";
        }
    }

    server {
        listen 127.0.0.1:%%PORT3%%;
        cookie_consent \$cc_mode;
        access_log %%DIR%%/logs/var.log r;
        location / {
            add_header X-State \$consent_state always;
            proxy_pass http://127.0.0.1:%%PORT2%%;
        }
    }

    server {
        listen 127.0.0.1:%%PORT4%%;
        cookie_consent on;
        location = /v {
            return 200 "source=\$consent_source marketing=\$consent_marketing analytics=\$consent_analytics decided=\$consent_decided state=\$consent_state\\n";
        }
        location = /gpc-off {
            cookie_consent_gpc off;
            return 200 "source=\$consent_source marketing=\$consent_marketing analytics=\$consent_analytics decided=\$consent_decided state=\$consent_state\\n";
        }
        location / {
            proxy_pass http://127.0.0.1:%%PORT2%%;
        }
        location = /cookie-consent { cookie_consent_endpoint; }
    }

    server {
        listen 127.0.0.1:%%PORT5%%;
        cookie_consent on;
        cookie_consent_gpc off;
        location = /v {
            return 200 "source=\$consent_source marketing=\$consent_marketing analytics=\$consent_analytics decided=\$consent_decided state=\$consent_state\\n";
        }
        location = /cookie-consent { cookie_consent_endpoint; }
    }
EOF

ok($t->run, 'nginx started') or BAIL_OUT('nginx did not start');

my @SITE = @CCTest::SITE_COOKIES;
my $nlog = 0;
sub logged($file, $n, $uri) {
    my $l = $t->last_log_line("logs/$file", $n) // '';
    my @f = split /\|/, $l, -1;
    is($f[0], $uri, "$file line $n is for $uri");
    return { stripped => $f[1] eq '-' ? '' : $f[1], state => $f[2], status => $f[3] };
}

# --- report ----------------------------------------------------------------

my $MIX = 'PHPSESSID=abc; _ga=GA1.2.3; _fbp=fb.1.2; foo=bar';
{
    my $r = $t->get('/site', headers => [Cookie => $MIX]);
    is($r->{status}, 200, 'report: status');
    is_deeply([set_cookies($r)], \@SITE, 'report: every Set-Cookie kept, unchanged, no expiry added');
    is($r->{body}, "cookie=[$MIX]\n", 'report: the upstream gets every request cookie');
    my $l = logged('report.log', ++$nlog, '/site');
    is($l->{stripped}, '_ga,_gid,_fbp,wp-settings-1', 'report: $consent_stripped lists what would go');
    is($l->{state}, 'u1-r', 'report: state u1-r');
    like($t->error_log, qr/\[notice\].*cookie consent report:/, 'report: notice "cookie consent report:" in the error log');
    like(($t->error_log =~ /(cookie consent report:[^\n]*)/)[0] // '', qr/_ga/,
        'report: the notice names a cookie that would be removed');
}
{
    my $r = $t->get('/site', headers => [Cookie => consent_cookie('analytics')]);
    is_deeply([set_cookies($r)], \@SITE, 'report with analytics: every Set-Cookie kept');
    my $l = logged('report.log', ++$nlog, '/site');
    is($l->{stripped}, '_fbp,wp-settings-1', 'report with analytics: would strip _fbp and wp-settings-1');
    is($l->{state}, 'd5-r', 'report with analytics: state d5-r');
}
{
    my $r = $t->get('/ah');
    is_deeply([cookie_names($r)], [qw(_fbp SERVERID)], 'report: add_header cookies kept');
    my $l = logged('report.log', ++$nlog, '/ah');
    is($l->{stripped}, '_fbp', 'report: add_header cookie reported');
}
{
    my $r = $t->get('/collect', headers => [Cookie => '_ga=1']);
    is($r->{status}, 200, 'report: gate does not answer, the upstream does');
    is(hdr($r, 'X-Backend'), 'yes', 'report: gate passes to the upstream');
    is($r->{body}, "cookie=[_ga=1] uri=[/collect]\n", 'report: gate passes the cookies');
    logged('report.log', ++$nlog, '/collect');
}
{
    my $r = $t->get('/s404', headers => [Cookie => $MIX]);
    is($r->{status}, 404, 'report 404: status');
    is_deeply([set_cookies($r)], \@SITE, 'report 404: nothing removed');
    logged('report.log', ++$nlog, '/s404');
}

# --- cookie_consent $variable ----------------------------------------------

{
    my $p = $t->port(3);
    my $r = $t->get('/site', port => $p, headers => [Cookie => $MIX]);
    is_deeply([cookie_names($r)], [qw(PHPSESSID lang)], '$var = on: filtered');
    is($r->{body}, "cookie=[PHPSESSID=abc; foo=bar]\n", '$var = on: request cookies filtered');
    is(hdr($r, 'X-State'), 'u1', '$var = on: state u1');
    my $l = logged('var.log', 1, '/site');
    is($l->{stripped}, '_ga,_gid,_fbp,wp-settings-1', '$var = on: stripped');

    $r = $t->get('/site?mode=r', port => $p, headers => [Cookie => $MIX]);
    is_deeply([set_cookies($r)], \@SITE, '$var = report: nothing removed');
    is($r->{body}, "cookie=[$MIX]\n", '$var = report: request cookies untouched');
    is(hdr($r, 'X-State'), 'u1-r', '$var = report: state u1-r');
    $l = logged('var.log', 2, '/site');
    is($l->{stripped}, '_ga,_gid,_fbp,wp-settings-1', '$var = report: would strip');

    $r = $t->get('/site?mode=o', port => $p, headers => [Cookie => $MIX]);
    is_deeply([set_cookies($r)], \@SITE, '$var = off: nothing removed');
    is($r->{body}, "cookie=[$MIX]\n", '$var = off: request cookies untouched');
    is(hdr($r, 'X-State'), 'off', '$var = off: state off');
    $l = logged('var.log', 3, '/site');
    is($l->{stripped}, '', '$var = off: nothing stripped');

    # on one connection, the mode changes per request
    my @r = $t->keepalive(['GET', '/site?mode=r'], ['GET', '/site'], ['GET', '/site?mode=o'],
        { port => $p });
    is_deeply([map { scalar cookie_names($_) } @r], [6, 2, 6], '$var per request on one connection');
}

# --- GPC -------------------------------------------------------------------

sub v($path, $port, @h) {
    my $r = $t->get($path, port => $port, headers => [@h]);
    my %v = $r->{body} =~ /(\w+)=(\S*)/g;
    return \%v;
}
{
    my $p = $t->port(4);
    is_deeply(v('/v', $p), { source => 'default', marketing => 0, analytics => 0, decided => 0, state => 'u1' },
        'no GPC: default');
    is_deeply(v('/v', $p, 'Sec-GPC' => '1'), { source => 'gpc', marketing => 0, analytics => 0, decided => 0, state => 'u1' },
        'Sec-GPC: 1: source gpc, marketing denied');
    for my $other ('0', '11', 'yes', 'true', '1, 1', '01') {
        is(v('/v', $p, 'Sec-GPC' => $other)->{source}, 'default', "Sec-GPC: $other is not GPC");
    }
    is(v('/v', $p, 'Sec-GPC' => '1 ')->{source}, 'gpc', 'Sec-GPC: "1 " (trailing space, trimmed by nginx) is GPC');

    my $mkt = consent_cookie(qw(analytics marketing));
    is_deeply(v('/v', $p, Cookie => $mkt, 'Sec-GPC' => '1'),
        { source => 'cookie', marketing => 1, analytics => 1, decided => 1, state => 'dd' },
        'decided with marketing + Sec-GPC: the explicit choice wins');
    is_deeply(v('/v', $p, Cookie => consent_cookie('analytics'), 'Sec-GPC' => '1'),
        { source => 'cookie', marketing => 0, analytics => 1, decided => 1, state => 'd5' },
        'decided without marketing + Sec-GPC: source cookie');
    # an invalid consent cookie is undecided, so GPC applies
    is(v('/v', $p, Cookie => 'consent=garbage', 'Sec-GPC' => '1')->{source}, 'gpc', 'invalid cookie + GPC: gpc');

    is(v('/gpc-off', $p, 'Sec-GPC' => '1')->{source}, 'default', 'cookie_consent_gpc off (location): default');
    is(v('/v', $t->port(5), 'Sec-GPC' => '1')->{source}, 'default', 'cookie_consent_gpc off (server): default');

    my $r = $t->get('/site', port => $p, headers => ['Sec-GPC' => '1']);
    is_deeply([cookie_names($r)], [qw(PHPSESSID lang)], 'GPC: marketing and other undecided cookies removed');
    $r = $t->get('/site', port => $p, headers => ['Sec-GPC' => '1', Cookie => $mkt]);
    is_deeply([cookie_names($r)], [qw(PHPSESSID _ga _gid _fbp lang)], 'GPC + explicit marketing consent: _fbp kept');

    # the endpoint: Accept all with Sec-GPC: 1 asks for a confirmation of
    # what the signal opts out of; then the explicit choice is stored
    my $stored = sub ($r) {
        my ($c) = set_cookie_named($r, 'consent');
        my $f = token_fields($c ? $c->{value} : '') // { categories => [] };
        return join('-', @{$f->{categories}});
    };
    my $ALL = 'necessary-preferences-analytics-marketing';

    $r = $t->post('/cookie-consent', 'action=accept_all&return=%2Fshop%2F',
                  port => $p, headers => ['Sec-GPC' => '1']);
    is($r->{status}, 200, 'GPC visitor, form Accept all: 200, a page to confirm');
    is($stored->($r), '', 'GPC visitor, form Accept all: nothing stored yet');
    like(hdr($r, 'Content-Type') // '', qr{^text/html}, 'the confirmation is an HTML page');
    like($r->{body}, qr{<input type="hidden" name="gpc" value="confirm">},
         'the page posts gpc=confirm');
    like($r->{body}, qr{<p class="ccm-gpc" role="alert">You chose Accept all, but your browser.{1,3}s Global Privacy Control},
         'the page says why it asks');
    like($r->{body}, qr{value="accept_all" class="ccm-btn"[^>]*>Yes, accept all</button>},
         'its Accept all button: "Yes, accept all"');
    like($r->{body}, qr{value="reject_all" class="ccm-btn"}, 'Reject all offered as well');
    like($r->{body}, qr{value="save" class="ccm-btn"}, 'and Save choices');
    unlike($r->{body}, qr{value="(?:analytics|marketing|preferences)" checked}, 'nothing optional ticked');
    like($r->{body}, qr{name="return" value="/shop/"}, 'the page keeps the way back');

    $r = $t->post('/cookie-consent', 'action=accept_all&gpc=confirm&return=%2Fshop%2F',
                  port => $p, headers => ['Sec-GPC' => '1']);
    is($r->{status}, 303, 'GPC visitor confirms Accept all: 303');
    like(hdr($r, 'Location') // '', qr{^(?:https?://[^/]+)?/shop/$}, 'confirmed: back to the page');
    is($stored->($r), $ALL, 'confirmed: everything stored');

    $r = $t->post('/cookie-consent', 'action=accept_all&gpc=yes', port => $p,
                  headers => ['Sec-GPC' => '1']);
    is($r->{status}, 200, 'gpc=yes is not a confirmation');

    $r = $t->post('/cookie-consent', '{"action":"accept_all"}', port => $p,
                  content_type => 'application/json',
                  headers => ['Sec-GPC' => '1', Accept => 'application/json']);
    is($r->{status}, 409, 'GPC visitor, JSON Accept all: 409');
    like($r->{body}, qr{"error":".*confirm}, 'JSON 409: says how to confirm');
    is($stored->($r), '', 'JSON 409: nothing stored');

    $r = $t->post('/cookie-consent', '{"action":"accept_all","gpc":"confirm"}', port => $p,
                  content_type => 'application/json',
                  headers => ['Sec-GPC' => '1', Accept => 'application/json']);
    is($r->{status}, 200, 'GPC visitor, JSON Accept all confirmed: 200');
    is($stored->($r), $ALL, 'JSON confirmed: everything stored');

    $r = $t->post('/cookie-consent', '{"action":"accept_all","gpc":1}', port => $p,
                  content_type => 'application/json', headers => ['Sec-GPC' => '1']);
    is($r->{status}, 400, 'JSON "gpc" not a string: 400');

    $r = $t->post('/cookie-consent', 'action=save&category=analytics&category=marketing',
                  port => $p, headers => ['Sec-GPC' => '1']);
    is($r->{status}, 303, 'GPC visitor saves marketing ticked by hand: 303');
    is($stored->($r), 'necessary-analytics-marketing', 'an explicit choice per category is honoured');

    $r = $t->post('/cookie-consent', 'action=reject_all', port => $p, headers => ['Sec-GPC' => '1']);
    is($r->{status}, 303, 'GPC visitor rejects all: 303, no confirmation');
    is($stored->($r), 'necessary', 'rejected: necessary only');

    $r = $t->post('/cookie-consent', 'action=accept_all', port => $p,
                  headers => ['Sec-GPC' => '1', Cookie => consent_cookie(qw(preferences analytics marketing))]);
    is($r->{status}, 303, 'everything granted already + Sec-GPC: Accept all needs no confirmation');

    $r = $t->post('/cookie-consent', 'action=accept_all', port => $p,
                  headers => ['Sec-GPC' => '1', Cookie => consent_cookie('analytics')]);
    is($r->{status}, 200, 'decided without marketing + Sec-GPC: Accept all to confirm');

    $r = $t->post('/cookie-consent', 'action=accept_all', port => $t->port(5),
                  headers => ['Sec-GPC' => '1']);
    isnt($r->{status}, 200, 'cookie_consent_gpc off: no confirmation asked');

    # the preferences page says the signal is honoured to an undecided visitor
    $r = $t->get('/cookie-consent', port => $p, headers => ['Sec-GPC' => '1']);
    like($r->{body}, qr{<p class="ccm-gpc">Your browser sends a Global Privacy Control signal},
         'preferences page, Sec-GPC: 1: the notice');
    unlike($r->{body}, qr{name="gpc"}, 'preferences page: no confirmation field');
    $r = $t->get('/cookie-consent', port => $p);
    unlike($r->{body}, qr{ccm-gpc}, 'preferences page without Sec-GPC: no notice');
    $r = $t->get('/cookie-consent', port => $p, headers => ['Sec-GPC' => '1', Cookie => $mkt]);
    unlike($r->{body}, qr{ccm-gpc}, 'preferences page, decided: no notice');
}

done_testing;
