#!/usr/bin/perl
# Set-Cookie filtering: cookies of non-granted categories are removed from
# responses whatever their source (upstream, add_header, userid, static
# files, error pages) and status; everything else is untouched.

use v5.36;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use CCTest qw(:all);

my @SITE = @CCTest::SITE_COOKIES;
my %SITE = map { parse_set_cookie($_)->{name} => $_ } @SITE;

my $t = CCTest->new(http => backend_conf() . <<"EOF");
    cookie_consent_secret $KEY;
    log_format cc '\$uri|\$consent_stripped|\$status';

    server {
        listen 127.0.0.1:%%PORT%%;
        cookie_consent on;
        access_log %%DIR%%/logs/front.log cc;

        location / {
            proxy_pass http://127.0.0.1:%%PORT2%%;
        }
        location = /front404 {
            add_header Set-Cookie "_ga=GA1.1.1.1; Path=/" always;
            add_header Set-Cookie "csrftoken=abc; Path=/" always;
            add_header X-Front "404" always;
            return 404;
        }
        location = /front302 {
            add_header Set-Cookie "IDE=AHWqTU; Path=/; Domain=.doubleclick.net" always;
            add_header Set-Cookie "JSESSIONID=A1B2; Path=/" always;
            return 302 /target;
        }
        location = /boom {
            error_page 500 = \@err;
            return 500;
        }
        location \@err {
            add_header Set-Cookie "_fbp=fb.1.2.3; Path=/" always;
            add_header Set-Cookie "SERVERID=web1; Path=/" always;
            return 500 "oops\\n";
        }
        location = /missing {
            root %%DIR%%/html;
            error_page 404 /404.html;
        }
        location = /404.html {
            root %%DIR%%/html;
            add_header Set-Cookie "_gid=GA1.1.5.6; Path=/" always;
            add_header Set-Cookie "sessionid=xyz; Path=/" always;
        }
        location /static/ {
            alias %%DIR%%/html/;
            add_header Set-Cookie "_gcl_au=1.1.123.456; Path=/";
            add_header Set-Cookie "csrftoken=tok; Path=/";
        }
        location = /uid {
            userid on;
            cookie_consent_cookies marketing uid;
            return 200 "uid\\n";
        }
        location = /uid-necessary {
            userid on;
            cookie_consent_cookies necessary uid;
            return 200 "uid\\n";
        }
        location /off/ {
            cookie_consent off;
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
        location = /long {
            proxy_buffer_size 16k;
            proxy_buffers 4 16k;
            proxy_busy_buffers_size 16k;
            proxy_pass http://127.0.0.1:%%PORT2%%;
        }
        location = /ssi {
            ssi on;
            ssi_types text/plain;
            add_header Set-Cookie "_fbp=main; Path=/" always;
            add_header Set-Cookie "PHPSESSID=main; Path=/" always;
            return 200 'main[<!--# include virtual="/sub" -->]\\n';
        }
        location = /sub {
            add_header Set-Cookie "_ga=sub; Path=/" always;
            return 200 "sub";
        }
        location = /all-stripped {
            add_header Set-Cookie "_ga=1; Path=/" always;
            add_header Set-Cookie "_fbp=2; Path=/" always;
            add_header X-Kept "yes" always;
            return 200 "x\\n";
        }
    }

    server {
        listen 127.0.0.1:%%PORT3%%;
        cookie_consent off;
        location / {
            cookie_consent on;
            proxy_pass http://127.0.0.1:%%PORT2%%;
        }
        location /x/ {
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
    }
EOF

$t->write_file('html/page.html', "<p>static</p>\n");
$t->write_file('html/404.html', "custom 404\n");
$t->has(qw(proxy ssi userid));

ok($t->run, 'nginx with the module started') or BAIL_OUT('nginx did not start');

my $nlog = 0;
sub stripped_logged($uri) {
    my $l = $t->last_log_line('logs/front.log', ++$nlog) // '';
    my ($u, $s, $st) = split /\|/, $l;
    is($u, $uri, "access log line $nlog is for $uri");
    return $s;
}

sub names($res) { [cookie_names($res)] }

# --- upstream cookies, undecided visitor -----------------------------------

my $r = $t->get('/site');
is($r->{status}, 200, 'undecided: status');
is_deeply(names($r), [qw(PHPSESSID lang)], 'undecided: only necessary and unknown (allow) cookies');
is_deeply([set_cookies($r)], [$SITE{PHPSESSID}, $SITE{lang}], 'kept Set-Cookie values unchanged');
is(hdr($r, 'X-Backend'), 'site', 'other upstream header untouched');
is($r->{body}, "cookie=[]\n", 'body untouched');
is(hdr($r, 'Content-Length'), length($r->{body}), 'Content-Length matches');
is(stripped_logged('/site'), '_ga,_gid,_fbp,wp-settings-1', '$consent_stripped lists the removed names');

# --- decided visitors ------------------------------------------------------

my %want = (
    'all'         => [[qw(preferences analytics marketing)], [map { parse_set_cookie($_)->{name} } @SITE]],
    'analytics'   => [[qw(analytics)],   [qw(PHPSESSID _ga _gid lang)]],
    'marketing'   => [[qw(marketing)],   [qw(PHPSESSID _fbp lang)]],
    'preferences' => [[qw(preferences)], [qw(PHPSESSID wp-settings-1 lang)]],
    'necessary'   => [[],                [qw(PHPSESSID lang)]],
);
for my $k (sort keys %want) {
    my ($cats, $names) = @{$want{$k}};
    $r = $t->get('/site', headers => [Cookie => consent_cookie(@$cats)]);
    is($r->{status}, 200, "consent $k: status");
    is_deeply(names($r), $names, "consent $k: cookies kept");
    stripped_logged('/site');
}
$r = $t->get('/site', headers => [Cookie => consent_cookie(@{$want{all}[0]})]);
is_deeply([set_cookies($r)], \@SITE, 'accept all: every Set-Cookie value exactly as sent, in order');
like(stripped_logged('/site'), qr/^-?$/, 'accept all: nothing stripped');

# an unsigned token while a secret is configured is not valid consent
$r = $t->get('/site', headers => [Cookie => consent_cookie(qw(analytics marketing), { key => undef })]);
is_deeply(names($r), [qw(PHPSESSID lang)], 'unsigned token: treated as undecided');
stripped_logged('/site');

# the consent cookie among others
$r = $t->get('/site', headers => [Cookie => 'a=1; ' . consent_cookie('analytics') . '; b=2']);
is_deeply(names($r), [qw(PHPSESSID _ga _gid lang)], 'consent cookie found among other cookies');
stripped_logged('/site');

# --- every status ----------------------------------------------------------

for my $s (404, 500, 302) {
    $r = $t->get("/s$s");
    is($r->{status}, $s, "upstream $s: status kept");
    is_deeply(names($r), [qw(PHPSESSID lang)], "upstream $s: cookies filtered");
    is(hdr($r, 'X-Backend'), 'site', "upstream $s: other header kept");
    stripped_logged("/s$s");
}
like(hdr($t->get('/s302'), 'Location'), qr{/elsewhere$}, 'upstream 302: Location kept');
stripped_logged('/s302');

$r = $t->get('/front404');
is($r->{status}, 404, 'add_header on 404: status');
is_deeply(names($r), ['csrftoken'], 'add_header on 404: _ga removed, csrftoken kept');
is(hdr($r, 'X-Front'), '404', 'add_header on 404: other header kept');
stripped_logged('/front404');

$r = $t->get('/front302');
is($r->{status}, 302, 'add_header on 302: status');
is_deeply(names($r), ['JSESSIONID'], 'add_header on 302: IDE removed');
like(hdr($r, 'Location'), qr{/target$}, 'add_header on 302: Location');
stripped_logged('/front302');

$r = $t->get('/boom');
is($r->{status}, 500, 'error_page 500: status');
is($r->{body}, "oops\n", 'error_page 500: body');
is_deeply(names($r), ['SERVERID'], 'error_page 500: _fbp removed, SERVERID kept');
$r = $t->get('/boom', headers => [Cookie => consent_cookie('marketing')]);
is_deeply(names($r), [qw(_fbp SERVERID)], 'error_page 500 with marketing consent: both kept');
stripped_logged('/boom');
stripped_logged('/boom');

$r = $t->get('/missing');
is($r->{status}, 404, 'static error page: 404');
is($r->{body}, "custom 404\n", 'static error page: body');
is_deeply(names($r), ['sessionid'], 'static error page: _gid removed');
stripped_logged('/404.html');

# --- static files ----------------------------------------------------------

$r = $t->get('/static/page.html');
is($r->{status}, 200, 'static: status');
is($r->{body}, "<p>static</p>\n", 'static: body');
is_deeply(names($r), ['csrftoken'], 'static: _gcl_au removed');
like(hdr($r, 'ETag') // '', qr/^W\/".*-ccg/,
     'static HTML: an ETag per consent state (t/20-revalidation.t)');
stripped_logged('/static/page.html');
$r = $t->get('/static/page.html', headers => [Cookie => consent_cookie('marketing')]);
is_deeply(names($r), [qw(_gcl_au csrftoken)], 'static with marketing consent: both');
stripped_logged('/static/page.html');

$r = $t->head('/static/page.html');
is($r->{status}, 200, 'HEAD: status');
is_deeply(names($r), ['csrftoken'], 'HEAD: filtered too');
stripped_logged('/static/page.html');

# --- userid filter ---------------------------------------------------------

$r = $t->get('/uid');
is($r->{status}, 200, 'userid: status');
is_deeply(names($r), [], 'userid cookie classified marketing: removed when undecided');
stripped_logged('/uid');
$r = $t->get('/uid', headers => [Cookie => consent_cookie('marketing')]);
is_deeply(names($r), ['uid'], 'userid cookie with marketing consent: kept');
stripped_logged('/uid');
$r = $t->get('/uid-necessary');
is_deeply(names($r), ['uid'], 'userid cookie classified necessary: kept');
stripped_logged('/uid-necessary');

# --- subrequests: only the main request's response is filtered -----------

$r = $t->get('/ssi');
is($r->{status}, 200, 'SSI: status');
is($r->{body}, "main[sub]\n", 'SSI: subrequest body included');
is_deeply(names($r), ['PHPSESSID'], 'SSI: main response filtered');
is(stripped_logged('/ssi'), '_fbp', 'SSI: $consent_stripped has the main response only');

# --- all removed -----------------------------------------------------------

$r = $t->get('/all-stripped');
is($r->{status}, 200, 'all stripped: status');
is(scalar(hdr_all($r, 'Set-Cookie')), 0, 'all stripped: no Set-Cookie header left');
is(hdr($r, 'X-Kept'), 'yes', 'all stripped: other header kept');
is($r->{body}, "x\n", 'all stripped: body');
is(stripped_logged('/all-stripped'), '_ga,_fbp', 'all stripped: logged');

# --- many cookies, other headers -------------------------------------------

my @sc = map { $_ % 2 ? "_ga_P$_=GS1.1.$_; Path=/" : "keep$_=v$_; Path=/" } 1 .. 40;
$r = $t->get('/many', headers => [sc_headers(@sc)]);
is_deeply(names($r), [map { "keep$_" } grep { $_ % 2 == 0 } 1 .. 40],
    '40 upstream cookies: the 20 _ga_* removed, the others kept in order');
is(hdr($r, 'Cache-Control'), 'private, max-age=60', 'Cache-Control untouched');
is(hdr($r, 'X-Backend'), 'yes', 'X-Backend untouched');
stripped_logged('/many');

# the same cookie name twice
$r = $t->get('/dup', headers => [sc_headers('_ga=1; Path=/', 'x=1', '_ga=2; Path=/sub', 'y=2')]);
is_deeply(names($r), [qw(x y)], 'both Set-Cookie _ga headers removed');
stripped_logged('/dup');

# a backend setting a cookie with the consent cookie's name: necessary
$r = $t->get('/c', headers => [sc_headers('consent=whatever; Path=/', '_gid=1')]);
is_deeply(names($r), ['consent'], 'a Set-Cookie named like the consent cookie is necessary');
stripped_logged('/c');

# long values
my $long = 'v' x 4000;
$r = $t->get('/long', headers => [sc_headers("_ga=$long; Path=/", "PHPSESSID=$long; Path=/")]);
is($r->{status}, 200, 'long values: status');
ok(eq_array([set_cookies($r)], ["PHPSESSID=$long; Path=/"]), 'long values: _ga removed, PHPSESSID intact')
    or diag explain [map { substr($_, 0, 40) . '...' } set_cookies($r)];
stripped_logged('/long');

# --- cookie_consent off ----------------------------------------------------

$r = $t->get('/off/site');
is_deeply([set_cookies($r)], \@SITE, 'location with cookie_consent off: nothing removed');
stripped_logged('/off/site');

$r = $t->get('/x/site', port => $t->port(3));
is_deeply([set_cookies($r)], \@SITE, 'server off: nothing removed');
$r = $t->get('/site', port => $t->port(3));
is_deeply(names($r), [qw(PHPSESSID lang)], 'server off, location on: filtered');

# --- keep-alive: consent is per request ------------------------------------

my @r = $t->keepalive(['GET', '/site'],
    ['GET', '/site', headers => [Cookie => consent_cookie('analytics')]],
    ['GET', '/site']);
is_deeply(names($r[0]), [qw(PHPSESSID lang)], 'keep-alive 1: undecided');
is_deeply(names($r[1]), [qw(PHPSESSID _ga _gid lang)], 'keep-alive 2: analytics');
is_deeply(names($r[2]), [qw(PHPSESSID lang)], 'keep-alive 3: undecided again');

done_testing;
