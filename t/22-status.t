#!/usr/bin/perl
# cookie_consent_zone and cookie_consent_status: counters summed across
# two workers and kept across a reload, JSON and the Prometheus text
# format, decisions and the consent rate, refusals, the cookie inventory
# (JSON, CSV, catalog) with hostile names, a full zone that only counts
# less, and nothing in the answers that identifies a visitor.

use v5.36;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use CCTest qw(:all);

CCTest::need_module();

my $http = <<"EOF";
    cookie_consent_secret $KEY;
    cookie_consent on;
    cookie_consent_zone cc_status:1m;
    cookie_consent_cookies preferences lang;
    log_format pids '\$pid \$uri';

    server {
        listen 127.0.0.1:%%PORT2%%;
        cookie_consent off;
        default_type text/html;
        location / {
            add_header Set-Cookie "_ga=GA1.1.1; Max-Age=63072000; Path=/; Secure";
            add_header Set-Cookie "sessionid=abc; Path=/; HttpOnly; SameSite=Lax";
            add_header Set-Cookie "mystery=1; Path=/";
            add_header Set-Cookie "_gone=; Path=/; Max-Age=0";
            add_header Set-Cookie "_old=x; Expires=Thu, 01 Jan 1970 00:00:01 GMT";
            return 200 '<html><head><script async src="https://www.googletagmanager.com/gtag/js?id=G-1"></script></head><body><p>hi</p></body></html>';
        }
    }

    server {
        listen 127.0.0.1:%%PORT%%;
        access_log %%DIR%%/logs/pids.log pids;

        location / {
            proxy_pass http://127.0.0.1:%%PORT2%%;
        }
        location /cookie-consent {
            cookie_consent_endpoint;
        }
        location = /status {
            cookie_consent_status;
            cookie_consent off;
            allow 127.0.0.1;
            deny all;
        }
    }
EOF

my $t = CCTest->new(http => $http, workers => 2);
$t->run or BAIL_OUT('nginx did not start: ' . $t->error_log);

sub status($t, $q = '', %o) {
    my $r = $t->get("/status$q", %o);
    return $r;
}

sub json_status($t) {
    my $r = status($t);
    is($r->{status}, 200, 'status: 200') or diag($r->{body});
    return json_decode($r->{body});
}

# 40 undecided page views, each on its own connection
my $n = 40;
$t->get('/page') for 1 .. $n;

my %pids = map { (split / /)[0] => 1 } $t->log_lines('logs/pids.log');
note('workers that served: ' . join(' ', sort keys %pids));

my $s = json_status($t);
is($s->{requests}{undecided}, $n, 'requests: every undecided one counted')
    or diag(explain $s->{requests});
is($s->{banner}{impressions}, $n, 'banner impressions');
is($s->{categories}{analytics}{set_cookie_removed}, $n,
   '_ga Set-Cookie removed per analytics');
is($s->{categories}{analytics}{tags_neutralised}, $n,
   'the gtag.js tag neutralised on every page');
is($s->{categories}{marketing}{tags_neutralised}, 0, 'no marketing tag');
ok($s->{unclassified_cookies} >= $n, 'unclassified cookies counted');
is($s->{consent_sources}{default}, $n, 'source: default');

# decisions: the form, then JSON
my $r = $t->post('/cookie-consent', 'action=accept_all&return=/');
is($r->{status}, 303, 'accept_all by form');
$r = $t->post('/cookie-consent', '{"action":"save","categories":["analytics"]}',
              content_type => 'application/json');
is($r->{status}, 200, 'save analytics by JSON');
$r = $t->post('/cookie-consent', 'x', content_type => 'text/plain');
is($r->{status}, 415, 'a refusal');
$r = $t->request("PUT /cookie-consent HTTP/1.1\r\nHost: x\r\n"
                 . "Content-Length: 0\r\nConnection: close\r\n\r\n");
is($r->{status}, 405, 'another refusal');

# a decided, consenting visitor with cookies of every kind
my $all = consent_cookie(qw(preferences analytics marketing));
$t->get('/page', headers => [Cookie => "$all; _ga=GA1.1.2; lang=nl"]);
# hostile names in a request: markup, quotes, a formula, a long one
my $long = 'x' x 300;
$t->get('/page', headers => [Cookie =>
    qq{<img>=1; a"b=2; \@cmd=3; -2+3=4; $long=5}]);
# a bad consent cookie
$t->get('/page', headers => [Cookie => 'consent=1.1.1.abc.necessary.bad']);

$s = json_status($t);
is($s->{decisions}{accept_all}{form}, 1, 'decisions: accept_all by form');
is($s->{decisions}{save}{json}, 1, 'decisions: save by JSON');
is($s->{decisions}{total}, 2, 'decisions: total');
is($s->{categories}{analytics}{grants}, 2, 'analytics granted twice');
is($s->{categories}{marketing}{grants}, 1, 'marketing granted once');
is($s->{categories}{analytics}{consent_rate}, 1, 'analytics consent rate');
is($s->{categories}{marketing}{consent_rate}, 0.5, 'marketing consent rate');
is($s->{endpoint_refusals}{415}, 1, 'refusal 415');
is($s->{endpoint_refusals}{405}, 1, 'refusal 405');
# the page view with consent, and the two decisions' own answers
is($s->{requests}{decided}, 3, 'decided requests');
ok($s->{consent_cookies_rejected}{invalid}
   + $s->{consent_cookies_rejected}{bad_signature} >= 1,
   'the bad consent cookie counted');

my %inv = map { $_->{name} => $_ } @{$s->{inventory}{cookies}};
ok($inv{_ga}, 'inventory: _ga');
is($inv{_ga}{category}, 'analytics', 'inventory: _ga analytics');
ok($inv{_ga}{response} && $inv{_ga}{request}, 'inventory: _ga both ways');
ok($inv{_ga}{secure}, 'inventory: _ga Secure');
is($inv{_ga}{longest_lifetime}, 63072000, 'inventory: _ga lifetime');
is($inv{sessionid}{samesite}, 'lax', 'inventory: sessionid SameSite');
ok($inv{sessionid}{httponly}, 'inventory: sessionid HttpOnly');
is($inv{mystery}{category}, undef, 'inventory: mystery unclassified');
ok(!$inv{_gone} && !$inv{_old},
   'inventory: deletions are no cookie set (consenting visitor too)');
ok($inv{'<img>'}, 'inventory: a name with markup, escaped and read back');
is($inv{lang}{category}, 'preferences', 'inventory: lang preferences');
my ($cut) = grep { $_->{cut} } values %inv;
is(length($cut->{name} // ''), 64, 'inventory: a long name cut at 64');
is($s->{inventory}{cookies}[0]{category}, undef,
   'inventory: unclassified names first');

my $raw = status($t)->{body};
unlike($raw, qr/<img>/, 'JSON: no raw markup');
unlike($raw, qr/127\.0\.0\.1/, 'JSON: no client address');
my ($id) = $all =~ /^consent=1\.1\.\d+\.([0-9a-f]+)/;
unlike($raw, qr/$id/, 'JSON: no consent id');
unlike($raw, qr/GA1\.1/, 'JSON: no cookie value');

# CSV
$r = status($t, '?format=csv');
like(hdr($r, 'Content-Type'), qr{^text/csv}, 'CSV: type');
like($r->{body}, qr/^name,category,seen_in,/, 'CSV: header line');
like($r->{body}, qr/^"'\@cmd"/m, 'CSV: a formula is defused');
like($r->{body}, qr/^"'-2\+3"/m, 'CSV: a leading - is defused');
like($r->{body}, qr/^"a""b"/m, 'CSV: quotes doubled');

# catalog
$r = status($t, '?format=catalog');
my $cat = json_decode($r->{body});
ok($cat && $cat->{version} == 1, 'catalog: a catalog');
is($cat->{categories}[0]{name}, 'necessary', 'catalog: the categories');
my %cn = map { $_->{name} => $_ } @{$cat->{cookies}};
ok($cn{mystery} && !$cn{_ga}, 'catalog: only unclassified names');
is($cn{mystery}{category}, '', 'catalog: a category to fill in');

# Prometheus
$r = status($t, '?format=prometheus');
like(hdr($r, 'Content-Type'), qr{^text/plain; version=0\.0\.4},
     'prometheus: content type');
like($r->{body}, qr/^# TYPE nginx_cookie_consent_requests_total counter$/m,
     'prometheus: TYPE');
like($r->{body},
     qr/^nginx_cookie_consent_requests_total\{state="undecided"\} \d+$/m,
     'prometheus: a labelled counter');
like($r->{body}, qr/^nginx_cookie_consent_decisions_total\{action="accept_all",source="form"\} 1$/m,
     'prometheus: decisions');
unlike($r->{body}, qr/mystery|_ga\b/, 'prometheus: no cookie names');
my @bad = grep { !/^(# (HELP|TYPE) nginx_cookie_consent_\w+ .+|nginx_cookie_consent_\w+(\{(\w+="[^"]*",?)+\})? \d+(\.\d+)?)$/ }
          split /\n/, $r->{body};
is_deeply(\@bad, [], 'prometheus: every line well formed');
$r = status($t, '', headers => [Accept => 'text/plain;version=0.0.4;q=0.5,*/*;q=0.1']);
like($r->{body}, qr/^# HELP/, 'prometheus: by Accept');

# the counters survive a reload
my $before = json_status($t)->{requests}{undecided};
ok($t->reload, 'reload');
$t->get('/page') for 1 .. 5;
my $after = json_status($t);
is($after->{requests}{undecided}, $before + 5, 'counters kept across a reload');
ok($after->{inventory}{entries} >= 5, 'inventory kept across a reload');

my $log = $t->error_log;
unlike($log, qr/\[(alert|crit|emerg)\]/, 'no alert');

# a small zone fills up: counting less, one line, never an error page
my $t2 = CCTest->new(http => <<"EOF");
    cookie_consent_secret $KEY;
    cookie_consent on;
    cookie_consent_zone small:64k;
    server {
        listen 127.0.0.1:%%PORT%%;
        default_type text/html;
        root %%DIR%%/html;
        location = /status { cookie_consent_status; cookie_consent off; }
    }
EOF
$t2->write_file('html/index.html', "ok\n");
$t2->run or BAIL_OUT('nginx did not start: ' . $t2->error_log);
my $ok = 0;
for my $i (1 .. 60) {
    my $c = join '; ', map { "n${i}_$_=1" } 1 .. 20;
    $ok++ if ($t2->get('/', headers => [Cookie => $c])->{status} // 0) == 200;
}
is($ok, 60, 'a full inventory: every page still 200');
my $s2 = json_decode($t2->get('/status')->{body});
ok($s2->{inventory}{dropped} > 0, 'a full inventory: what did not fit counted');
is($s2->{inventory}{entries}, $s2->{inventory}{capacity},
   'a full inventory: as many names as it holds');
unlike($t2->error_log, qr/\[(alert|crit|emerg)\]/, 'small zone: no alert');

# no zone: the status location says why
my $t3 = CCTest->new(http => <<"EOF");
    cookie_consent on;
    server {
        listen 127.0.0.1:%%PORT%%;
        location = /status { cookie_consent_status; }
    }
EOF
$t3->run or BAIL_OUT('nginx did not start');
is($t3->get('/status')->{status}, 503, 'no zone: 503');
like($t3->error_log, qr/needs a "cookie_consent_zone"/, 'no zone: logged');

# The Set-Cookie lines a worker counted lately are counted again without
# being read (inventory.c): the location's own classification still
# decides, every sighting is counted, new attributes are read.  One
# worker, so that each line after the first is counted that way.
my $t4 = CCTest->new(workers => 1, http => <<"EOF");
    cookie_consent_secret $KEY;
    cookie_consent on;
    cookie_consent_zone memo:1m;

    server {
        listen 127.0.0.1:%%PORT2%%;
        cookie_consent off;
        default_type text/plain;
        location / {
            add_header Set-Cookie "pref=1; Path=/; Max-Age=600";
            add_header Set-Cookie "odd=2; Path=/";
            return 200 "ok\\n";
        }
        location /secure {
            add_header Set-Cookie "pref=1; Path=/; Max-Age=900; Secure";
            return 200 "ok\\n";
        }
        location /swap {
            add_header Set-Cookie "odd=2; Path=/";
            add_header Set-Cookie "pref=a=b; Path=/; Max-Age=600";
            return 200 "ok\\n";
        }
        location /prefer {
            add_header Set-Cookie "prefer=1; Path=/; Max-Age=600";
            add_header Set-Cookie "odd=2; Path=/; Secure";
            return 200 "ok\\n";
        }
        location = /echo {
            return 200 "[\$http_cookie]\\n";
        }
    }

    server {
        listen 127.0.0.1:%%PORT%%;
        location /a/ {
            cookie_consent_cookies preferences pref rq;
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
        location /b/ {
            cookie_consent_cookies necessary pref rq;
            cookie_consent_cookies marketing odd rq2;
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
        location = /status { cookie_consent_status; cookie_consent off; }
    }
EOF
$t4->run or BAIL_OUT('nginx did not start: ' . $t4->error_log);

sub names_set($r) {
    return join ' | ', sort grep { !/^consent=/ }
        map { s/;.*//r } set_cookies($r);
}

my $all4 = consent_cookie(qw(preferences analytics marketing));
my ($kept_a, $kept_b, $kept_all) = (0, 0, 0);
for (1 .. 6) {
    # undecided: pref is preferences in /a/ (removed), necessary in /b/
    $kept_a++ if names_set($t4->get('/a/')) eq 'odd=2';
    $kept_b++ if names_set($t4->get('/b/')) eq 'pref=1';
    $kept_all++ if names_set($t4->get('/a/', headers =>
                                        [Cookie => $all4])) eq 'odd=2 | pref=1';
}
is($kept_a, 6, 'memo: /a/ removes pref (preferences) every time');
is($kept_b, 6, 'memo: /b/ keeps pref (necessary), removes odd (marketing)');
is($kept_all, 6, 'memo: a consenting visitor keeps both');

my $s4 = json_decode($t4->get('/status')->{body});
my %inv4 = map { $_->{name} => $_ } @{$s4->{inventory}{cookies}};
is($inv4{pref}{count}, 18, 'memo: every pref line counted');
is($inv4{odd}{count}, 18, 'memo: every odd line counted');
is($s4->{unclassified_cookies}, 12,
   'memo: odd unclassified in /a/, each time');
is($s4->{categories}{preferences}{set_cookie_removed}, 6,
   'memo: pref removed per preferences in /a/');
is($s4->{categories}{marketing}{set_cookie_removed}, 6,
   'memo: odd removed per marketing in /b/');
ok(!$inv4{pref}{secure}, 'memo: pref not Secure yet');
is($inv4{pref}{longest_lifetime}, 600, 'memo: pref lifetime 600');

$t4->get('/a/secure', headers => [Cookie => $all4]) for 1 .. 3;
$s4 = json_decode($t4->get('/status')->{body});
%inv4 = map { $_->{name} => $_ } @{$s4->{inventory}{cookies}};
is($inv4{pref}{count}, 21, 'memo: new attributes counted');
ok($inv4{pref}{secure}, 'memo: new attributes read (Secure)');
is($inv4{pref}{longest_lifetime}, 900, 'memo: new attributes read (Max-Age)');

# a response's lines are first compared with the same place's of the last
# response counted in the location: the same names in another order, a
# name that only begins like the last one's, other attributes are read
# the long way and counted exactly
my @order = (('/a/') x 3, ('/a/swap') x 2, '/a/', '/a/prefer', '/a/',
             '/a/swap', ('/a/prefer') x 2, '/a/');
$t4->get($_, headers => [Cookie => $all4]) for @order;
$s4 = json_decode($t4->get('/status')->{body});
%inv4 = map { $_->{name} => $_ } @{$s4->{inventory}{cookies}};
is($inv4{pref}{count}, 21 + 9, 'memo order: every pref line counted');
is($inv4{prefer}{count}, 3, 'memo order: prefer counted as its own');
is($inv4{odd}{count}, 18 + 12, 'memo order: every odd line counted');
ok($inv4{odd}{secure}, 'memo order: odd\'s other attributes read');
is($inv4{prefer}{category}, undef,
   'memo order: prefer not taken for pref (unclassified)');
is($inv4{pref}{category}, 'preferences', 'memo order: pref still preferences');

# the same for the cookies of requests: rq is preferences in /a/ (removed
# for an undecided visitor), necessary in /b/; rq2 unclassified in /a/
# (kept), marketing in /b/
my ($sent_a, $sent_b) = (0, 0);
for (1 .. 6) {
    $sent_a++ if $t4->get('/a/echo', headers => [Cookie => 'rq=1; rq2=2'])
                    ->{body} eq "[rq2=2]\n";
    $sent_b++ if $t4->get('/b/echo', headers => [Cookie => 'rq=1; rq2=2'])
                    ->{body} eq "[rq=1]\n";
}
is($sent_a, 6, 'memo: /a/ removes rq from requests every time');
is($sent_b, 6, 'memo: /b/ removes rq2 from requests every time');
my $s5 = json_decode($t4->get('/status')->{body});
my %inv5 = map { $_->{name} => $_ } @{$s5->{inventory}{cookies}};
is($inv5{rq}{count}, 12, 'memo: every request\'s rq counted');
is($inv5{rq2}{count}, 12, 'memo: every request\'s rq2 counted');
ok($inv5{rq}{request} && !$inv5{rq}{response},
   'memo: rq seen in requests');
is($s5->{unclassified_cookies} - $s4->{unclassified_cookies}, 6,
   'memo: rq2 unclassified in /a/, each time');
is($s5->{categories}{preferences}{request_cookies_removed}
   - $s4->{categories}{preferences}{request_cookies_removed}, 6,
   'memo: rq removed per preferences in /a/');
is($s5->{categories}{marketing}{request_cookies_removed}
   - $s4->{categories}{marketing}{request_cookies_removed}, 6,
   'memo: rq2 removed per marketing in /b/');

# configuration errors
my (undef, $out) = $t->nginx_t("cookie_consent_zone nosize;");
like($out, qr/NAME:SIZE/, 'nginx -t: a zone without a size');

done_testing();
