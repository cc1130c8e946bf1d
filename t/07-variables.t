#!/usr/bin/perl
# The module's variables.

use v5.36;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use CCTest qw(:all);

my $ALLV = 'return 200 "necessary=$consent_necessary preferences=$consent_preferences '
    . 'analytics=$consent_analytics marketing=$consent_marketing social=$consent_social '
    . 'categories=$consent_categories decided=$consent_decided state=$consent_state '
    . 'id=$consent_id revision=$consent_revision source=$consent_source '
    . 'action=$consent_action stripped=$consent_stripped cookie=$consent_cookie\n";';

my $t = CCTest->new(http => backend_conf() . <<"EOF");
    cookie_consent_secret $KEY;
    cookie_consent_category social;
    cookie_consent_cookies social "sc_*";
    cookie_consent on;
    log_format v '\$uri|\$consent_action|\$consent_stripped|\$consent_state|\$consent_categories';

    server {
        listen 127.0.0.1:%%PORT%%;
        access_log %%DIR%%/logs/vars.log v;

        location = /v {
            add_header X-State \$consent_state always;
            $ALLV
        }
        location = /off {
            cookie_consent off;
            return 200 "state=\$consent_state\\n";
        }
        location = /report {
            cookie_consent report;
            return 200 "state=\$consent_state decided=\$consent_decided\\n";
        }
        location /p/ {
            add_header X-State \$consent_state always;
            add_header X-Cats \$consent_categories always;
            add_header X-Analytics \$consent_analytics always;
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
        location = /missing {
            add_header X-State \$consent_state always;
            return 404;
        }
        location = /cookie-consent {
            cookie_consent_endpoint;
        }
    }

    server {
        listen 127.0.0.1:%%PORT3%%;
        cookie_consent_revision 7;
        location = /v { $ALLV }
    }
EOF

ok($t->run, 'nginx started') or BAIL_OUT('nginx did not start');

my $nlog = 0;
sub logged($uri) {
    my $l = $t->last_log_line('logs/vars.log', ++$nlog) // '';
    my @f = split /\|/, $l, -1;
    is($f[0], $uri, "log line $nlog is for $uri");
    return { action => $f[1], stripped => $f[2], state => $f[3], categories => $f[4] };
}
sub dash($v) { defined $v && $v eq '-' ? '' : $v }

sub vars($cookie, %o) {
    my $r = $t->get('/v', headers => [defined $cookie ? (Cookie => $cookie) : (), @{$o{headers} // []}],
        port => $o{port} // $t->port);
    my ($head, $c) = $r->{body} =~ /^(.*) cookie=(.*)\n\z/s;
    my %v = ($head // '') =~ /(\w+)=(\S*)/g;
    $v{cookie} = $c;
    $v{header_state} = hdr($r, 'X-State');
    logged('/v') if ($o{port} // $t->port) == $t->port;
    return \%v;
}

my %UNDECIDED = (necessary => 1, preferences => 0, analytics => 0, marketing => 0, social => 0,
    categories => 'necessary', decided => 0, state => 'u1', id => '', revision => '',
    source => 'default', action => '', stripped => '');

sub check($v, $want, $what) {
    for my $k (sort keys %$want) {
        is($v->{$k}, $want->{$k}, "$what: \$consent_$k");
    }
}

# --- undecided -------------------------------------------------------------

check(vars(undef), { %UNDECIDED, cookie => '', header_state => 'u1' }, 'undecided');
check(vars('PHPSESSID=1; _ga=2; x=3'), { %UNDECIDED, cookie => 'PHPSESSID=1; x=3' }, 'undecided with cookies');
check(vars(undef, headers => ['Sec-GPC' => '1']), { %UNDECIDED, source => 'gpc' }, 'undecided, GPC');
check(vars('consent=' . make_token(categories => ['necessary', 'analytics'], key => $KEY, revision => 2)),
    \%UNDECIDED, 'other revision');

# --- decided ---------------------------------------------------------------

my %cases = (
    'necessary only' => [[], 'd1', 'necessary', { }],
    'analytics'      => [['analytics'], 'd5', 'necessary,analytics', { analytics => 1 }],
    'preferences and marketing' => [[qw(marketing preferences)], 'db',
        'necessary,preferences,marketing', { preferences => 1, marketing => 1 }],
    'four standard'  => [[qw(preferences analytics marketing)], 'df',
        'necessary,preferences,analytics,marketing', { preferences => 1, analytics => 1, marketing => 1 }],
    'social (custom, index 4)' => [['social'], 'd11', 'necessary,social', { social => 1 }],
    'all five'       => [[qw(social preferences analytics marketing)], 'd1f',
        'necessary,preferences,analytics,marketing,social',
        { preferences => 1, analytics => 1, marketing => 1, social => 1 }],
);
for my $what (sort keys %cases) {
    my ($cats, $state, $list, $flags) = @{$cases{$what}};
    my $id = random_id();
    my $c = consent_cookie(@$cats, { id => $id });
    check(vars($c), {
        necessary => 1, preferences => 0, analytics => 0, marketing => 0, social => 0, %$flags,
        categories => $list, decided => 1, state => $state, header_state => $state,
        id => $id, revision => 1, source => 'cookie', action => '', stripped => '', cookie => $c,
    }, $what);
}

# an explicit decision wins over GPC
{
    my $c = consent_cookie('marketing');
    check(vars($c, headers => ['Sec-GPC' => '1']), { marketing => 1, source => 'cookie', state => 'd9' },
        'decided with marketing, GPC');
}

# revision of the stored consent
{
    my $id = random_id();
    my $c = consent_cookie('analytics', { revision => 7, id => $id });
    check(vars($c, port => $t->port(3)), { revision => 7, decided => 1, id => $id, state => 'd5' },
        'revision 7');
    check(vars(consent_cookie('analytics'), port => $t->port(3)), { revision => '', decided => 0, state => 'u1' },
        'revision 1 token on a revision 7 server');
}

# --- off / report ----------------------------------------------------------

{
    my $r = $t->get('/off', headers => [Cookie => consent_cookie('analytics')]);
    is($r->{body}, "state=off\n", 'cookie_consent off: state off');
    logged('/off');
    $r = $t->get('/report');
    is($r->{body}, "state=u1-r decided=0\n", 'report: u1-r');
    logged('/report');
    $r = $t->get('/report', headers => [Cookie => consent_cookie('analytics')]);
    is($r->{body}, "state=d5-r decided=1\n", 'report with analytics: d5-r');
    logged('/report');
}

# --- in response headers and the access log --------------------------------

{
    my $r = $t->get('/p/site');
    is(hdr($r, 'X-State'), 'u1', 'proxied: X-State');
    is(hdr($r, 'X-Cats'), 'necessary', 'proxied: X-Cats');
    is(hdr($r, 'X-Analytics'), '0', 'proxied: X-Analytics');
    my $l = logged('/p/site');
    is(dash($l->{stripped}), '_ga,_gid,_fbp,wp-settings-1', 'log: $consent_stripped');
    is(dash($l->{action}), '', 'log: no $consent_action');
    is($l->{state}, 'u1', 'log: $consent_state');

    $r = $t->get('/p/site', headers => [Cookie => consent_cookie('analytics')]);
    is(hdr($r, 'X-State'), 'd5', 'proxied with analytics: X-State');
    is(hdr($r, 'X-Cats'), 'necessary,analytics', 'proxied with analytics: X-Cats');
    is(hdr($r, 'X-Analytics'), '1', 'proxied with analytics: X-Analytics');
    $l = logged('/p/site');
    is(dash($l->{stripped}), '_fbp,wp-settings-1', 'log with analytics: $consent_stripped');

    $r = $t->get('/p/site', headers => [Cookie => consent_cookie(qw(preferences analytics marketing))]);
    $l = logged('/p/site');
    is(dash($l->{stripped}), '', 'log with everything granted: nothing stripped');

    $r = $t->get('/p/x', headers => [sc_headers('sc_like=1', '_ga=1', 'sc_share=2')]);
    $l = logged('/p/x');
    is(dash($l->{stripped}), 'sc_like,_ga,sc_share', 'log: custom-category cookies stripped, in order');

    $r = $t->get('/missing');
    is($r->{status}, 404, 'status of a 404');
    is(hdr($r, 'X-State'), 'u1', '404: X-State');
    logged('/missing');

    # POST to an ordinary location: no action
    $r = $t->post('/v', 'action=accept_all');
    $l = logged('/v');
    is(dash($l->{action}), '', 'POST elsewhere: no $consent_action');
}

# --- $consent_action at the endpoint ---------------------------------------

for my $a (qw(accept_all reject_all save withdraw)) {
    my $r = $t->post('/cookie-consent', "action=$a&category=analytics");
    is($r->{status}, 303, "endpoint $a: 303");
    my $l = logged('/cookie-consent');
    is($l->{action}, $a, "endpoint $a: \$consent_action");
}
{
    my $r = $t->post('/cookie-consent', '{"action":"save","categories":["social"]}',
        content_type => 'application/json');
    is($r->{status}, 200, 'endpoint JSON save: 200');
    my $j = json_decode($r->{body}) // {};
    is_deeply($j->{categories}, [qw(necessary social)], 'endpoint JSON: custom category saved');
    my ($c) = set_cookie_named($r, 'consent');
    my $f = token_fields($c ? $c->{value} : '') // { categories => [] };
    is(join('-', @{$f->{categories}}), 'necessary-social', 'endpoint: custom category in the token');
    my $l = logged('/cookie-consent');
    is($l->{action}, 'save', 'endpoint JSON save: $consent_action');
    $r = $t->get('/cookie-consent', headers => [Accept => 'application/json']);
    $l = logged('/cookie-consent');
    is(dash($l->{action}), '', 'endpoint GET: no $consent_action');
    $r = $t->post('/cookie-consent', 'action=accept_all', headers => ['Sec-Fetch-Site' => 'cross-site']);
    is($r->{status}, 403, 'endpoint refusal: 403');
    $l = logged('/cookie-consent');
    is(dash($l->{action}), '', 'endpoint refusal: no $consent_action');
}

done_testing;
