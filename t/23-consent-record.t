#!/usr/bin/perl
# The consent record of conf-examples/consent-record.conf, run as shipped
# (ports and paths moved into the test's directory): one JSON line per
# decision with the id, the id it replaces, the page, the policy, the
# language and the client's network, never its address; the site's log
# with whole addresses only for visitors who allowed analytics; keys read
# from a file, the first signing, the next ones still verifying.

use v5.36;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use CCTest qw(:all);

CCTest::need_module();

my $example = do {
    local $/;
    open my $fh, '<', "$CCTest::REPO/conf-examples/consent-record.conf"
        or die "conf-examples/consent-record.conf: $!";
    <$fh>;
};

$example =~ s{file:/etc/nginx/cookie-consent\.keys}{file:%%DIR%%/consent.keys}
    or die 'no key file in the example';
$example =~ s{/var/log/nginx/}{%%DIR%%/logs/}g;
$example =~ s{listen 80;}{listen 127.0.0.1:%%PORT%%;} or die 'no listen';
$example =~ s{proxy_pass http://127\.0\.0\.1:8081;}
             {proxy_pass http://127.0.0.1:%%PORT2%%;}
    or die 'no backend';

my $backend = <<'EOF';
    server {
        listen 127.0.0.1:%%PORT2%%;
        cookie_consent off;
        location / { return 200 "page\n"; }
    }
EOF

my $t = CCTest->new(http => $example . $backend);

# the first key signs; the second (the one before a rotation) verifies
$t->write_file('consent.keys', "# rotated 2026-12-01\n$KEY\n\n$KEY2\n");

$t->run or BAIL_OUT('the example does not start: ' . $t->error_log);

# the last line of a log, once the request that writes it has been logged
sub last_line($t, $log, $n) {
    for (1 .. 100) {
        my @l = $t->log_lines($log);
        return $l[-1] if @l >= $n;
        select(undef, undef, undef, 0.02);
    }
    return undef;
}

sub records($t) {
    return map { json_decode($_) } $t->log_lines('logs/consent-record.log');
}

my $r = $t->get('/');
is($r->{status}, 200, 'a page');
like(last_line($t, 'logs/site.log', 1), qr/^127\.0\.0\.0 /,
     'site log, undecided: the address cut to its /24');

$r = $t->post('/cookie-consent', 'action=accept_all&return=/shop',
              headers => ['Accept-Language' => 'de-DE,de;q=0.9']);
is($r->{status}, 303, 'accept_all');
my ($cookie) = map { /^(consent=[^;]+)/ ? $1 : () } set_cookies($r);
ok($cookie, 'a consent cookie');

last_line($t, 'logs/consent-record.log', 1);
my @rec = records($t);
is(scalar @rec, 1, 'one record: only decisions are logged');
my $first = $rec[0];
is($first->{action}, 'accept_all', 'record: action');
like($first->{id}, qr/^[0-9a-f]{32}$/, 'record: the consent id');
is($first->{previous_id}, '', 'record: no earlier decision');
is($first->{categories}, 'necessary,preferences,analytics,marketing',
   'record: categories');
is($first->{page}, '/shop', 'record: the page it was made on');
is($first->{policy}, '/privacy', 'record: the policy');
is($first->{language}, 'de', 'record: the language');
is($first->{client}, '127.0.0.0', 'record: the network, not the address');
is($first->{source}, 'cookie', 'record: source');
like($first->{time}, qr/^\d{4}-\d\d-\d\dT/, 'record: time');

$t->get('/', headers => [Cookie => $cookie]);
like(last_line($t, 'logs/site.log', 2), qr/^127\.0\.0\.1 /,
     'site log, analytics granted: the whole address');

# a withdrawal names the decision it replaces
$r = $t->post('/cookie-consent', 'action=withdraw&return=/account',
              headers => [Cookie => $cookie]);
is($r->{status}, 303, 'withdraw');
my ($cookie2) = map { /^(consent=[^;]+)/ ? $1 : () } set_cookies($r);

last_line($t, 'logs/consent-record.log', 2);
@rec = records($t);
is(scalar @rec, 2, 'two records');
is($rec[1]{previous_id}, $first->{id}, 'the withdrawal names the first id');
isnt($rec[1]{id}, $first->{id}, 'the withdrawal has an id of its own');
is($rec[1]{categories}, 'necessary', 'the withdrawal: necessary only');
is($rec[1]{page}, '/account', 'the withdrawal: its page');

$t->get('/', headers => [Cookie => $cookie2]);
like(last_line($t, 'logs/site.log', 3), qr/^127\.0\.0\.0 /,
     'site log after the withdrawal: cut again');

# the history of one visitor, as docs/proof-of-consent.md queries it
my %by_id = map { $_->{id} => $_ } @rec;
my @chain = ($rec[1]);
push @chain, $by_id{$chain[-1]{previous_id}}
    while $chain[-1]{previous_id} && $by_id{$chain[-1]{previous_id}};
is_deeply([map { $_->{action} } @chain], [qw(withdraw accept_all)],
          'a visitor\'s history from the last record back');

# keys from the file: a cookie signed with the second key still counts
my $old = consent_cookie('analytics', { key => $KEY2 });
$r = $t->get('/cookie-consent', headers => [Cookie => $old]);
like($r->{body}, qr/value="analytics" checked/,
     'a cookie of the older key verifies');

# nothing but decisions in the record, and no whole address anywhere
unlike($t->read_file('logs/consent-record.log'), qr/127\.0\.0\.1/,
       'the record never has the whole address');

# key files nginx -t refuses
for my $case (['missing', undef, qr/failed/],
              ['empty', "# nothing\n\n", qr/has no key/],
              ['short', "short-key\n", qr/at least 32/])
{
    my ($what, $content, $re) = @$case;
    $t->write_file("k-$what", $content) if defined $content;
    my ($rc, $out) = $t->nginx_t(<<"EOF");
    cookie_consent_secret file:%%DIR%%/k-$what;
EOF
    isnt($rc, 0, "key file $what: nginx -t fails");
    like($out, $re, "key file $what: says why");
}

done_testing();
