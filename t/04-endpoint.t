#!/usr/bin/perl
# The consent endpoint: form and JSON decisions, the state as JSON, the
# preferences page, redirects, refusals, keep-alive after each answer.

use v5.36;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use CCTest qw(:all);

my $t = CCTest->new(http => <<"EOF");
    cookie_consent on;
    cookie_consent_secret $KEY;
    log_format cc '\$request_method|\$status|\$consent_action';

    server {
        listen 127.0.0.1:%%PORT%%;
        access_log %%DIR%%/logs/ep.log cc;
        location = /cookie-consent { cookie_consent_endpoint; }
        location / { return 200 "page\\n"; }
    }
EOF

ok($t->run, 'nginx started') or BAIL_OUT('nginx did not start');

my $EP = '/cookie-consent';
my $HOST = '127.0.0.1:' . $t->port;
my $FORM = 'application/x-www-form-urlencoded';
my $JSON = 'application/json';
my $MAXAGE = 180 * 86400;

my $nlog = 0;
sub logged() {
    my $l = $t->last_log_line('logs/ep.log', ++$nlog) // '';
    return [split /\|/, $l, -1];
}

sub form($body, @h) { $t->post($EP, $body, headers => [@h]) }
sub json($body, @h) { $t->post($EP, $body, content_type => $JSON, headers => [@h]) }

# the consent token a response sets, parsed (undef if none)
sub token_of($r) {
    my @c = set_cookie_named($r, 'consent');
    return undef unless @c == 1;
    my $f = token_fields($c[0]{value}) or return undef;
    $f->{raw} = $c[0]{value};
    $f->{cookie} = $c[0];
    return $f;
}

sub check_token($r, $cats, $what) {
    my $f = token_of($r);
    ok($f, "$what: one consent cookie with a token") or return {};
    is(join('-', @{$f->{categories}}), $cats, "$what: categories in the token");
    is($f->{raw}, sign_token($f->{payload}, $KEY), "$what: token signed");
    ok(abs($f->{issued} - time) <= 5, "$what: issued now");
    like($f->{id}, qr/^[0-9a-f]{32}$/, "$what: id");
    is($f->{revision}, 1, "$what: revision");
    return $f;
}

sub no_cookie($r, $what) {
    is(scalar(set_cookies($r)), 0, "$what: no Set-Cookie at all");
}

# --- form decisions --------------------------------------------------------

my %ids;
{
    my $r = form('action=accept_all&return=/page');
    is($r->{status}, 303, 'accept_all: 303');
    like(hdr($r, 'Location') // '', qr{^(?:https?://\Q$HOST\E)?/page$}, 'accept_all: Location /page');
    like(hdr($r, 'Cache-Control') // '', qr/\bno-store\b/, 'accept_all: Cache-Control no-store');
    my $f = check_token($r, 'necessary-preferences-analytics-marketing', 'accept_all');
    $ids{$f->{id} // ''}++;
    is_deeply(logged(), ['POST', 303, 'accept_all'], 'accept_all: $consent_action logged');
}
{
    my $r = form('action=reject_all&return=/');
    is($r->{status}, 303, 'reject_all: 303');
    like(hdr($r, 'Location') // '', qr{^(?:https?://\Q$HOST\E)?/$}, 'reject_all: Location /');
    my $f = check_token($r, 'necessary', 'reject_all');
    $ids{$f->{id} // ''}++;
    is_deeply(logged(), ['POST', 303, 'reject_all'], 'reject_all: logged');
}
{
    my $r = form('action=save&category=analytics&category=bogus&category=marketing&return=%2Fa%2Fb%3Fx%3D1');
    is($r->{status}, 303, 'save: 303');
    like(hdr($r, 'Location') // '', qr{^(?:https?://\Q$HOST\E)?/a/b\?x=1$}, 'save: Location from a percent-encoded return');
    my $f = check_token($r, 'necessary-analytics-marketing', 'save (unknown category ignored)');
    $ids{$f->{id} // ''}++;
    is_deeply(logged(), ['POST', 303, 'save'], 'save: logged');
}
{
    my $r = form('category=preferences&action=save');
    is($r->{status}, 303, 'save without return: 303');
    like(hdr($r, 'Location') // '', qr{^(?:https?://\Q$HOST\E)?/$}, 'save without return: Location /');
    my $f = check_token($r, 'necessary-preferences', 'save, fields in any order');
    $ids{$f->{id} // ''}++;
    logged();
}
{
    my $r = form('action=save');
    is($r->{status}, 303, 'save with no category: 303');
    check_token($r, 'necessary', 'save with no category');
    logged();
}
{
    my $r = form('action=withdraw&return=/bye', Cookie => consent_cookie(qw(analytics)));
    is($r->{status}, 303, 'withdraw: 303');
    like(hdr($r, 'Location') // '', qr{^(?:https?://\Q$HOST\E)?/bye$}, 'withdraw: Location');
    my $f = token_of($r);
    ok($f, 'withdraw: a consent cookie is set');
    is($f && join('-', @{$f->{categories}}), 'necessary', 'withdraw: only necessary remains');
    is_deeply(logged(), ['POST', 303, 'withdraw'], 'withdraw: logged');
}
is(scalar(keys %ids), 4, 'every decision gets a new id');

# a decision replaces the previous one, with a new id
{
    my $old = make_token(categories => [qw(necessary analytics)], key => $KEY);
    my $r = form('action=accept_all', Cookie => "consent=$old");
    my $f = token_of($r) // {};
    isnt($f->{id}, token_fields($old)->{id}, 'new id even when a consent existed');
    logged();
}

# form encoding: '+' and percent escapes, charset parameter
{
    my $r = $t->post($EP, 'action=accept%5Fall&return=%2Fx+y', content_type => "$FORM; charset=UTF-8");
    is($r->{status}, 303, 'content type with charset accepted, %5F decoded');
    check_token($r, 'necessary-preferences-analytics-marketing', 'percent-encoded action');
    logged();
}

# --- redirect targets ------------------------------------------------------

for my $ret ('//evil.com', '//evil.com/x', 'http://evil.com/', 'https:evil.com', '/\\evil.com',
             '\\\\evil.com', 'evil.com', 'javascript:alert(1)', '%2F%2Fevil.com', '/%0d%0aX-Evil:%201',
             '%0d%0a/x', '/a%00b', ' /x', '///evil.com') {
    my $r = form("action=reject_all&return=$ret");
    is($r->{status}, 303, "return=$ret: still a 303");
    my $loc = hdr($r, 'Location') // '';
    like($loc, qr{^(?:https?://\Q$HOST\E)?/$}, "return=$ret: Location is /");
    unlike($loc, qr/evil/, "return=$ret: no evil in Location");
    ok(!defined hdr($r, 'X-Evil'), "return=$ret: no injected header");
    logged();
}
{
    my $long = '/' . ('a' x 2000);
    my $r = form("action=reject_all&return=$long");
    is($r->{status}, 303, 'very long return: 303');
    like(hdr($r, 'Location') // '', qr{^(?:https?://\Q$HOST\E)?/$}, 'very long return: Location /');
    logged();
}

# --- JSON decisions --------------------------------------------------------

{
    my $r = json('{"action":"save","categories":["analytics"]}');
    is($r->{status}, 200, 'JSON save: 200');
    like(hdr($r, 'Content-Type') // '', qr{^application/json\b}, 'JSON save: application/json');
    like(hdr($r, 'Cache-Control') // '', qr/\bno-store\b/, 'JSON save: no-store');
    my $f = check_token($r, 'necessary-analytics', 'JSON save');
    my $j = json_decode($r->{body});
    ok(ref $j eq 'HASH', 'JSON save: body is a JSON object') or diag $r->{body};
    $j //= {};
    ok(JSON::PP::is_bool($j->{decided}) && $j->{decided}, 'JSON save: decided true');
    is_deeply($j->{categories}, [qw(necessary analytics)], 'JSON save: categories');
    is($j->{revision}, 1, 'JSON save: revision');
    is($j->{id}, $f->{id}, 'JSON save: id = token id');
    is($j->{issued}, $f->{issued}, 'JSON save: issued = token issued');
    is($j->{expires}, ($f->{issued} // 0) + $MAXAGE, 'JSON save: expires = issued + max_age');
    is($j->{source}, 'cookie', 'JSON save: source cookie');
    is_deeply(logged(), ['POST', 200, 'save'], 'JSON save: logged');
}
{
    my $r = json('{"action":"accept_all"}');
    is($r->{status}, 200, 'JSON accept_all: 200');
    check_token($r, 'necessary-preferences-analytics-marketing', 'JSON accept_all');
    my $j = json_decode($r->{body}) // {};
    is_deeply($j->{categories}, [qw(necessary preferences analytics marketing)], 'JSON accept_all: categories');
    logged();
}
{
    my $r = json('{"categories":["marketing","nope"],"action":"save","extra":{"a":[1,2]}}',
        'Content-Type' => "$JSON; charset=utf-8");
    is($r->{status}, 200, 'JSON with charset, unknown fields and categories: 200');
    check_token($r, 'necessary-marketing', 'JSON save marketing');
    logged();
}
{
    my $r = json('{"action":"reject_all"}');
    is($r->{status}, 200, 'JSON reject_all: 200');
    my $j = json_decode($r->{body}) // {};
    is_deeply($j->{categories}, ['necessary'], 'JSON reject_all: categories');
    ok($j->{decided}, 'JSON reject_all: decided');
    logged();
}

# --- GET: the current state ------------------------------------------------

sub state_json(@h) {
    my $r = $t->get($EP, headers => [Accept => 'application/json', @h]);
    is($r->{status}, 200, 'GET JSON: 200');
    like(hdr($r, 'Content-Type') // '', qr{^application/json\b}, 'GET JSON: content type');
    no_cookie($r, 'GET JSON');
    logged();
    return json_decode($r->{body}) // {};
}
{
    my $j = state_json();
    ok(exists $j->{decided} && !$j->{decided}, 'undecided: decided false');
    ok(JSON::PP::is_bool($j->{decided}), 'undecided: decided is a JSON boolean');
    is_deeply($j->{categories}, ['necessary'], 'undecided: categories');
    ok(exists $j->{id} && !defined $j->{id}, 'undecided: id null');
    ok(exists $j->{issued} && !defined $j->{issued}, 'undecided: issued null');
    ok(exists $j->{expires} && !defined $j->{expires}, 'undecided: expires null');
    is($j->{source}, 'default', 'undecided: source default');
    ok(exists $j->{revision}, 'undecided: revision present');
}
{
    my $j = state_json('Sec-GPC' => '1');
    is($j->{source}, 'gpc', 'undecided with Sec-GPC: source gpc');
    is_deeply($j->{categories}, ['necessary'], 'gpc: categories');
}
{
    my $issued = time - 1000;
    my $id = random_id();
    my $j = state_json(Cookie => consent_cookie(qw(marketing preferences), { issued => $issued, id => $id }));
    ok($j->{decided}, 'decided: decided true');
    is_deeply($j->{categories}, [qw(necessary preferences marketing)], 'decided: categories');
    is($j->{id}, $id, 'decided: id');
    is($j->{issued}, $issued, 'decided: issued');
    is($j->{expires}, $issued + $MAXAGE, 'decided: expires');
    is($j->{revision}, 1, 'decided: revision');
    is($j->{source}, 'cookie', 'decided: source cookie');
}
{
    my $r = $t->get($EP, headers => [Accept => 'text/html,application/xhtml+xml;q=0.9']);
    is($r->{status}, 200, 'GET HTML: 200');
    like(hdr($r, 'Content-Type') // '', qr{^text/html\b}, 'GET HTML: text/html');
    like($r->{body}, qr/<form\b[^>]*\bmethod=["']?post\b/i, 'GET HTML: a POST form');
    like($r->{body}, qr/\banalytics\b/, 'GET HTML: lists the categories');
    no_cookie($r, 'GET HTML');
    is_deeply(logged(), ['GET', 200, ''], 'GET: no $consent_action');
    $r = $t->get($EP);
    like(hdr($r, 'Content-Type') // '', qr{^text/html\b}, 'GET without Accept: HTML');
    logged();
}

# --- refusals --------------------------------------------------------------

sub refused($r, $status, $what) {
    is($r->{status}, $status, "$what: $status");
    no_cookie($r, $what);
    my $l = logged();
    is($l->[2], '', "$what: no \$consent_action");
}

refused(form('action=accept_all', 'Sec-Fetch-Site' => 'cross-site'), 403, 'Sec-Fetch-Site cross-site');
refused(json('{"action":"accept_all"}', 'Sec-Fetch-Site' => 'cross-site'), 403, 'JSON cross-site');
refused(form('action=accept_all', Origin => 'http://evil.example'), 403, 'Origin of another host');
refused(form('action=accept_all', Origin => 'http://127.0.0.1:1'), 403, 'Origin of another port');
refused(form('action=accept_all', Origin => 'null'), 403, 'Origin null');
refused(form('action=accept_all', Origin => 'http://127.0.0.1'), 403, 'Origin without the port of Host');
refused(form('action=accept_all', Origin => "http://$HOST.evil.example"), 403, 'Origin with Host as a prefix');
refused(form('action=accept_all', Origin => "http://evil.example/$HOST"), 403, 'Origin with Host in the path');
for my $ok (['Sec-Fetch-Site' => 'same-origin'], ['Sec-Fetch-Site' => 'none'],
            [Origin => "http://$HOST"], ['Sec-Fetch-Site' => 'same-origin', Origin => "http://$HOST"]) {
    my $r = form('action=reject_all', @$ok);
    is($r->{status}, 303, "allowed: @$ok");
    ok(token_of($r), "allowed: @$ok: cookie set");
    logged();
}

# sizes
{
    my $body = 'action=reject_all&x=' . ('a' x (4096 - 20));
    is(length $body, 4096, 'body of 4096 bytes');
    my $r = form($body);
    is($r->{status}, 303, 'body of 4096 bytes accepted');
    logged();
    refused(form($body . 'a'), 413, 'body of 4097 bytes');
    refused(form('action=accept_all&x=' . ('a' x 20000)), 413, 'body of 20 kB');
}

# malformed
for my $case (['action=accept%2', 'bad percent-encoding'], ['action=accept%zzall', 'bad escape'],
              ['return=/x', 'missing action'], ['action=bogus', 'unknown action'],
              ['action=', 'empty action'], ['', 'empty body']) {
    my ($body, $what) = @$case;
    my $r = form($body);
    refused($r, 400, "form: $what");
    like(hdr($r, 'Content-Type') // '', qr{^text/plain\b}, "form: $what: text/plain");
    like($r->{body}, qr/^[^\n]+\n?\z/, "form: $what: one-line reason");
}
for my $case (['{', 'invalid JSON'], ['{"action":1}', 'action not a string'],
              ['{"action":"save","categories":"analytics"}', 'categories not an array'],
              ['{"action":"save","categories":[1]}', 'category not a string'],
              ['["accept_all"]', 'not an object'], ['{}', 'missing action'],
              ['{"action":"bogus"}', 'unknown action'], ['', 'empty body']) {
    my ($body, $what) = @$case;
    my $r = json($body);
    refused($r, 400, "JSON: $what");
    like(hdr($r, 'Content-Type') // '', qr{^application/json\b}, "JSON: $what: application/json");
    my $j = json_decode($r->{body});
    ok(ref $j eq 'HASH' && defined $j->{error} && !ref $j->{error} && length $j->{error},
        "JSON: $what: {\"error\":\"...\"}") or diag $r->{body};
}

# content types
refused($t->post($EP, 'action=accept_all', content_type => 'text/plain'), 415, 'text/plain');
refused($t->post($EP, 'action=accept_all', content_type => 'multipart/form-data; boundary=x'), 415, 'multipart');
refused($t->request("POST $EP HTTP/1.1\r\nHost: $HOST\r\nContent-Length: 17\r\nConnection: close\r\n\r\naction=accept_all"),
    415, 'no content type');

# methods
for my $m (qw(PUT DELETE PATCH)) {
    refused($t->post($EP, 'action=accept_all', method => $m), 405, $m);
}

# --- a body that arrives in pieces -----------------------------------------

{
    my $s = $t->connect;
    my $body = 'action=save&category=analytics&return=/split';
    $t->send_raw($s, "POST $EP HTTP/1.1\r\nHost: $HOST\r\nContent-Type: $FORM\r\n"
        . 'Content-Length: ' . length($body) . "\r\n\r\n");
    select(undef, undef, undef, 0.1);
    $t->send_raw($s, substr($body, 0, 13));
    select(undef, undef, undef, 0.1);
    $t->send_raw($s, substr($body, 13));
    my $buf = '';
    my $r = $t->read_response($s, \$buf);
    close $s;
    is($r->{status}, 303, 'body in three pieces: 303');
    like(hdr($r, 'Location') // '', qr{/split$}, 'body in three pieces: Location');
    check_token($r, 'necessary-analytics', 'body in three pieces');
    logged();
}

# --- keep-alive after every kind of answer ---------------------------------

{
    my $big = 'action=accept_all&x=' . ('a' x 10000);
    my @cases = (
        ['POST', $EP, body => 'action=accept_all', content_type => $FORM],
        ['POST', $EP, body => 'action=accept_all', content_type => $FORM, headers => ['Sec-Fetch-Site' => 'cross-site']],
        ['POST', $EP, body => $big, content_type => $FORM],
        ['POST', $EP, body => 'action=accept%2', content_type => $FORM],
        ['POST', $EP, body => '{', content_type => $JSON],
        ['POST', $EP, body => 'action=accept_all', content_type => 'text/plain'],
        ['PUT', $EP, body => 'action=accept_all', content_type => $FORM],
        ['GET', $EP, headers => [Accept => 'application/json']],
        ['GET', $EP],
    );
    my @want = (303, 403, 413, 400, 400, 415, 405, 200, 200);
    for my $i (0 .. $#cases) {
        my @r = $t->keepalive($cases[$i], ['GET', '/next']);
        is($r[0]{status}, $want[$i], "keep-alive case $i: first answer $want[$i]");
        is($r[1]{status}, 200, "keep-alive case $i: the connection serves the next request");
        is($r[1]{body}, "page\n", "keep-alive case $i: next response intact");
        logged(); logged();
    }
    # chunked request bodies
    my $chunked = sub ($body) {
        return "POST $EP HTTP/1.1\r\nHost: $HOST\r\nContent-Type: $FORM\r\nTransfer-Encoding: chunked\r\n\r\n"
            . sprintf('%x', length $body) . "\r\n$body\r\n0\r\n\r\n";
    };
    my @r = $t->keepalive($chunked->('action=reject_all'), ['GET', '/next']);
    is($r[0]{status}, 303, 'chunked body: 303');
    is($r[1]{status}, 200, 'chunked body: next request');
    logged(); logged();
    @r = $t->keepalive($chunked->($big), ['GET', '/next']);
    is($r[0]{status}, 413, 'chunked body over the limit: 413');
    ok(!token_of($r[0]), 'chunked body over the limit: no cookie');
    is($r[1]{status}, 200, 'chunked body over the limit: next request');
}

# a refusal is remembered as long as an acceptance (CNIL 2020-092): the
# same cookie lifetime for every action
{
    my %age;
    for my $a (qw(accept_all reject_all withdraw save)) {
        my ($c) = set_cookie_named(form("action=$a"), 'consent');
        $age{$a} = $c ? $c->{attrs}{'max-age'} : undef;
    }
    is($age{reject_all}, $MAXAGE, 'reject_all: the consent cookie lasts max_age');
    is($age{withdraw}, $MAXAGE, 'withdraw: the consent cookie lasts max_age');
    is($age{reject_all}, $age{accept_all},
       'a refusal is remembered as long as an acceptance');
    is($age{save}, $age{accept_all}, 'save: as long as accept_all');
}

done_testing;
