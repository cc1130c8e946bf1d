#!/usr/bin/perl
# The browser as the oracle (issue 10): a corpus of pages and Set-Cookie
# responses grown from the standards' edge cases (t/browser/oracle-corpus.mjs)
# is loaded in headless Chromium (t/browser/oracle.mjs) through nginx with
# the module on (the built-in tracker rules, then the shipped catalog), for
# an undecided and for a refusing visitor (Reject all at the endpoint).
# Every request Chromium attempts and every cookie it stores is recorded;
# any request to a tracker host, any tracker cookie fails, case by case.
# The control: the same corpus with "cookie_consent off" must make
# Chromium request every tracker and store what each Set-Cookie case says
# it stores (a case that does not fire without the module is a corpus bug).
#
# Nothing leaves the machine: Chromium's requests to hosts other than
# 127.0.0.1 are aborted at the routing layer, and, as root with
# unshare(1), Chromium runs in a mount namespace whose /etc/resolv.conf
# names the script's own DNS server, which records every name (this is
# how <link rel=preconnect|dns-prefetch> are seen) and answers NXDOMAIN.
# Without that, non-local names are unresolvable and the preconnect and
# dns-prefetch cases are skipped.
#
# Needs Debian's chromium and t/browser/node_modules ("make browser"
# installs both).  Without them the test is skipped, or fails when
# CC_BROWSER_REQUIRED=1 (CI).  CC_CHROMIUM: another browser binary;
# CC_ORACLE_ONLY=off,builtin/refusing: only these runs; CC_ORACLE_RESULTS=
# FILE: every case's requests and cookies, per run, as JSON;
# CC_ORACLE_NO_DNS=1: no DNS server.

use v5.36;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use CCTest qw(:all);
use JSON::PP ();
use POSIX ();
use Time::HiRes ();

my $dir = "$FindBin::Bin/browser";
my $chromium = $ENV{CC_CHROMIUM} || '/usr/bin/chromium';
my ($node) = grep { -x } map { "$_/node" } split /:/, $ENV{PATH} // '';

my @missing;
push @missing, "Chromium ($chromium; tools/deps.sh browser)"
    unless -x $chromium;
push @missing, 'node (tools/deps.sh browser)' unless $node;
push @missing, 't/browser/node_modules (tools/browser-deps.sh)'
    unless -f "$dir/node_modules/playwright-core/package.json";

if (@missing) {
    my $why = 'missing ' . join(', ', @missing)
        . '; "make browser" installs them';
    if ($ENV{CC_BROWSER_REQUIRED}) {
        fail("browser test required (CC_BROWSER_REQUIRED): $why");
        done_testing();
        exit 1;
    }
    plan skip_all => $why;
}

CCTest::need_module();

my $start = Time::HiRes::time();

# the built-in rules (module on) and the control (module off) in one nginx,
# the catalog in another (cookie_consent_catalog is an http{} directive)
my $server = sub ($port, $mode, $root) {
    return <<"EOF";
    server {
        listen 127.0.0.1:$port;
        cookie_consent $mode;
        root $root/html;
        default_type text/html;
        charset utf-8;

        location / {
        }

        include $root/oracle-cookies.conf;

        location /cookie-consent {
            cookie_consent_endpoint;
        }
    }
EOF
};

my $t = CCTest->new;
my $root = $t->dir;

# the corpus: pages and the Set-Cookie locations
my $emit = `cd '$dir' && '$node' oracle.mjs emit '$root' 2>&1`;
is($?, 0, 'corpus written') or diag($emit);
note("corpus: $emit");

$t->{http} = "    cookie_consent_secret $KEY;\n"
    . $server->('%%PORT%%', 'on', $root)
    . $server->('%%PORT2%%', 'off', $root);
$t->run or BAIL_OUT('nginx did not start');

my $t2 = CCTest->new(http => "    cookie_consent_secret $KEY;\n"
    . "    cookie_consent_catalog %%REPO%%/catalog/default.json;\n"
    . $server->('%%PORT%%', 'on', $root));
$t2->run or BAIL_OUT('nginx with the catalog did not start');

my $config = "$root/oracle-config.json";
$t->write_file($config, JSON::PP::encode_json({
    repo => $CCTest::REPO,
    runs => [
        { name => 'off', port => $t->port(2), control => JSON::PP::true },
        { name => 'builtin', port => $t->port,
          visitors => ['undecided', 'refusing'] },
        { name => 'catalog', port => $t2->port,
          visitors => ['undecided', 'refusing'] },
    ],
}));

# Chromium's resolver: a DNS server of the script's own for each run, which
# each Chromium asks from a mount namespace whose /etc/resolv.conf names it
# (t/browser/chromium-resolv.sh; root and unshare(1) needed)
my $dns = 0;
if (!$ENV{CC_ORACLE_NO_DNS} && $> == 0) {
    my $resolv = $t->write_file("$root/resolv-probe.conf",
        "nameserver 127.0.77.9\n");
    my $probe = `unshare --mount -- sh -c 'mount --bind "\$1" /etc/resolv.conf && cat /etc/resolv.conf' sh '$resolv' 2>&1`;
    if ($? == 0 && $probe =~ /127\.0\.77\.9/) {
        $dns = 1;
    } else {
        note("no mount namespace (unshare): $probe");
    }
}
note($dns ? 'DNS: each Chromium asks a server of the script (127.0.77.N)'
          : 'DNS: no server; preconnect and dns-prefetch cases skipped');

# the script's JSON lines become tests; anything else is a diagnostic
my $pid = open(my $fh, '-|') // die "fork: $!";
if ($pid == 0) {
    open STDERR, '>&', \*STDOUT;
    chdir $dir;
    $ENV{CC_ORACLE_DNS} = $dns;
    exec $node, "$dir/oracle.mjs", 'run', $config or POSIX::_exit(127);
}

my ($n, $nfail) = (0, 0);
eval {
    local $SIG{ALRM} = sub { die "timeout\n" };
    alarm($ENV{CC_ORACLE_TIMEOUT} ? $ENV{CC_ORACLE_TIMEOUT} + 10 : 180);
    while (my $line = <$fh>) {
        chomp $line;
        my $r = $line =~ /^\{/ ? eval { JSON::PP::decode_json($line) } : undef;
        if (ref $r eq 'HASH' && defined $r->{name}) {
            $n++;
            if (defined $r->{skip}) {
                SKIP: { skip("$r->{name}: $r->{skip}", 1) }
                next;
            }
            ok($r->{ok}, $r->{name}) or do {
                $nfail++;
                diag($r->{diag} // '');
            };
        } elsif ($line =~ /^# (.*)/) {
            note($1);
        } elsif (length $line) {
            diag($line);
        }
    }
    alarm 0;
    1;
} or do {
    kill 'KILL', $pid;
    fail("oracle script: $@");
};
close $fh;
my $rc = $? >> 8;

ok($n >= 1000, "oracle script ran its checks ($n)");
is($rc, $nfail ? 1 : 0, 'oracle script exit status');
note(sprintf('browser oracle: %.1f s', Time::HiRes::time() - $start));

done_testing();
