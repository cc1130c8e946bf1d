#!/usr/bin/perl
# nginx's own test suite (nginx-tests) twice against the same nginx binary:
# "plain" (no module) and "module" (the module loaded and enabled at http
# level in every test's configuration), then a comparison per file, per
# assertion and per error log, against the expected differences of
# t/nginx-suite.expected.  Run by tools/nginx-suite.sh (make
# test-nginx-suite); docs/nginx-suite.md says what it does and how to read
# the output.  Core Perl modules only.

use v5.36;
use Cwd ();
use File::Basename ();
use File::Copy ();
use File::Find ();
use File::Path ();
use File::Temp ();
use POSIX ();
use Time::HiRes ();

$| = 1;

# ---------------------------------------------------------------------------
# settings

my $REPO = Cwd::abs_path(File::Basename::dirname(__FILE__) . '/..');

sub env($name, $default) {
    my $v = $ENV{$name};
    return defined $v && $v ne '' ? $v : $default;
}

sub abs_from_repo($p) {
    $p = "$REPO/$p" unless $p =~ m{^/};
    return Cwd::abs_path($p) // $p;
}

my $TESTS    = abs_from_repo(env('NGINX_TESTS', '../shared/nginx-tests'));
my $NGINX    = env('NGINX_BIN', '/usr/sbin/nginx');
my $MODULE   = abs_from_repo(env('CC_MODULE',
    'build/ngx_http_cookie_consent_module.so'));
my $OUT      = abs_from_repo(env('NGINX_SUITE_OUT', 'build/nginx-suite'));
my $EXPECTED = abs_from_repo(env('NGINX_SUITE_EXPECTED',
    't/nginx-suite.expected'));
(my $EXPECTED_NAME = $EXPECTED) =~ s{^\Q$REPO\E/}{};
my $JOBS     = env('NGINX_SUITE_JOBS', 2);
my $TIMEOUT  = env('NGINX_SUITE_TIMEOUT', 300);
my $RETRY    = env('NGINX_SUITE_RETRY', 1);
my $UPDATE   = env('NGINX_SUITE_UPDATE', 0);
my $KEEP     = env('NGINX_SUITE_KEEP', 0);
my $VERBOSE  = env('NGINX_SUITE_VERBOSE', 0);
my $ONLY     = env('NGINX_SUITE_FILES', '');
my $RUNAS    = env('NGINX_SUITE_USER', $> == 0 ? 'nobody' : '');
my $SANITY   = "$REPO/t/nginx-suite/sanity.t";

# a port of the 8000-8999 range that no test of nginx-tests uses: Test::Nginx
# maps it to a free port (as it does every 127.0.0.1:8NNN of a config)
my $ENDPOINT_PORT = 8979;
my $SECRET = '5f0c3a6e9d2b4f81a7c6e0d3b9f2a4c8' . '1e7d5b3a9c0f2e4d6b8a1c3e5f7d9b02';

my $GLOBALS_HTTP = <<"EOF";
cookie_consent on;
    cookie_consent_html on;
    cookie_consent_banner on;
    cookie_consent_secret $SECRET;

    # nginx-cookie-consent: the endpoint the banners post to
    server {
        listen 127.0.0.1:$ENDPOINT_PORT;
        server_name cookie-consent.suite;
        location /cookie-consent {
            cookie_consent_endpoint;
        }
    }
EOF

die "nginx-suite: no nginx-tests at $TESTS (set NGINX_TESTS)\n"
    unless -f "$TESTS/lib/Test/Nginx.pm";
die "nginx-suite: no nginx binary $NGINX\n" unless -x $NGINX;
die "nginx-suite: module not built: $MODULE (run make)\n" unless -f $MODULE;
die "nginx-suite: NGINX_SUITE_JOBS must be a number\n" unless $JOBS =~ /^[1-9]\d*$/;

# ---------------------------------------------------------------------------
# the user the tests run as: as root, nginx's workers cannot read the
# suite's 0700 temporary directories (every file request answers 403)

my ($UID, $GID) = ($>, POSIX::getgid());
if ($RUNAS ne '') {
    my @pw = getpwnam($RUNAS) or die "nginx-suite: no user $RUNAS\n";
    ($UID, $GID) = @pw[2, 3];
}

sub drop_privileges() {
    return if $RUNAS eq '' || $> == $UID;
    $) = "$GID $GID";
    POSIX::setgid($GID) or die "setgid: $!";
    POSIX::setuid($UID) or die "setuid: $!";
    die "setuid failed\n" if $> != $UID || $< != $UID;
}

# runs a code block as the test user in a child, returns its exit status
sub as_test_user($code) {
    my $pid = fork // die "fork: $!";
    if ($pid == 0) {
        drop_privileges();
        POSIX::_exit($code->() ? 0 : 1);
    }
    waitpid($pid, 0);
    return $? == 0;
}

# ---------------------------------------------------------------------------
# the stage: a world-readable temporary directory with what the test user
# needs (the module, the nginx wrapper, the sanity test; nginx-tests when
# the user cannot read it where it is) and each file's TMPDIR

my $STAGE = File::Temp::tempdir('nginx-suite-XXXXXX', TMPDIR => 1,
    CLEANUP => 0);
chmod 0755, $STAGE;
my $STAGE_OWNER = $$;
my %LIVE_GROUPS;    # process groups of the files running now
END {
    if ($$ == $STAGE_OWNER) {
        kill 'KILL', -$_ for keys %LIVE_GROUPS;
    }
    if ($$ == $STAGE_OWNER && $STAGE && -d $STAGE) {
        if ($KEEP) { print "nginx-suite: kept $STAGE\n" }
        else { File::Path::remove_tree($STAGE) }
    }
}
for my $sig (qw(INT TERM HUP)) {
    $SIG{$sig} = sub { die "nginx-suite: caught SIG$sig\n" };
}

mkdir "$STAGE/bin";
File::Copy::copy($MODULE, "$STAGE/ngx_http_cookie_consent_module.so")
    or die "copy $MODULE: $!";
chmod 0644, "$STAGE/ngx_http_cookie_consent_module.so";
File::Copy::copy($SANITY, "$STAGE/sanity.t") or die "copy $SANITY: $!";
chmod 0644, "$STAGE/sanity.t";

# Debian's "nginx -V" lists modules built "=dynamic" whose .so files are
# not installed (mail, stream, ...): Test::Nginx would load_module them.
# The wrapper hides the ones missing from --modules-path, so that their
# tests skip (tools/deps.sh suite installs the HTTP ones).
my $V = `$NGINX -V 2>&1`;
my ($MODDIR) = $V =~ /--modules-path=(\S+)/;
$MODDIR //= '/usr/lib/nginx/modules';
my %so = (
    http_geoip_module => 'ngx_http_geoip_module',
    http_image_filter_module => 'ngx_http_image_filter_module',
    http_perl_module => 'ngx_http_perl_module',
    http_xslt_module => 'ngx_http_xslt_filter_module',
    mail => 'ngx_mail_module',
    stream => 'ngx_stream_module',
    stream_geoip_module => 'ngx_stream_geoip_module',
);
my @hide;
for my $opt ($V =~ /--with-(\S+?)=dynamic/g) {
    my $name = $so{$opt} // "ngx_${opt}";
    push @hide, $opt unless -f "$MODDIR/$name.so";
}
{
    my $sed = join ' ', map { "-e 's/ --with-$_=dynamic//'" } @hide;
    my $wrapper = "$STAGE/bin/nginx";
    open my $fh, '>', $wrapper or die "$wrapper: $!";
    print $fh "#!/bin/sh\n# $NGINX, with the =dynamic modules that are not"
        . " installed hidden from -V\n";
    if (@hide) {
        print $fh "if [ \"\$1\" = -V ] && [ \$# -eq 1 ]; then\n"
            . "    $NGINX -V 2>&1 | sed $sed >&2\n    exit 0\nfi\n";
    }
    print $fh "exec $NGINX \"\$\@\"\n";
    close $fh;
    chmod 0755, $wrapper;
}

if (!as_test_user(sub { -r "$TESTS/lib/Test/Nginx.pm" && -x $TESTS
        && -r "$TESTS/addition.t" })) {
    print "nginx-suite: $RUNAS cannot read $TESTS: using a copy\n";
    system('cp', '-a', $TESTS, "$STAGE/nginx-tests") == 0 or die "cp failed\n";
    system('chmod', '-R', 'a+rX', "$STAGE/nginx-tests");
    $TESTS = "$STAGE/nginx-tests";
}

# ---------------------------------------------------------------------------
# one test file

my %RUN_ENV = (
    plain => {},
    module => {
        TEST_NGINX_GLOBALS =>
            "load_module $STAGE/ngx_http_cookie_consent_module.so;\n",
        TEST_NGINX_GLOBALS_HTTP => $GLOBALS_HTTP,
    },
);

sub test_env($run, $tmp) {
    my %e = (
        PATH => '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        HOME => $tmp,
        TMPDIR => $tmp,
        LANG => 'C',
        LC_ALL => 'C',
        TEST_NGINX_BINARY => "$STAGE/bin/nginx",
        TEST_NGINX_MODULES => $MODDIR,
        TEST_NGINX_LEAVE => 1,
        NGINX_SUITE_RUN => $run,
        %{$RUN_ENV{$run}},
    );
    $e{TEST_NGINX_VERBOSE} = 1 if $VERBOSE;
    return %e;
}

# starts one file; returns a job
sub start_test($run, $file, $dir) {
    my $name = File::Basename::basename($file);
    my $tmp = "$STAGE/$run/$name";
    File::Path::remove_tree($tmp);
    File::Path::make_path($tmp);
    chown $UID, $GID, $tmp;
    my %env = test_env($run, $tmp);
    my $pid = fork // die "fork: $!";
    if ($pid == 0) {
        POSIX::setpgid(0, 0);
        open STDIN, '<', '/dev/null';
        open STDOUT, '>', "$dir/$name.tap" or POSIX::_exit(126);
        open STDERR, ">&STDOUT" or POSIX::_exit(126);
        chdir $TESTS or POSIX::_exit(126);
        %ENV = %env;
        drop_privileges();
        exec $^X, $file or POSIX::_exit(127);
    }
    POSIX::setpgid($pid, $pid);
    $LIVE_GROUPS{$pid} = 1;
    return { pid => $pid, name => $name, run => $run, dir => $dir,
        tmp => $tmp, start => Time::HiRes::time() };
}

sub kill_group($pid, $sig) {
    kill $sig, -$pid;
}

# the lines of error logs that a run must not add: [alert], [crit],
# [emerg], "exited on signal"
my $ALERT_RE = qr/\[(?:alert|crit|emerg)\]|exited on signal/;

sub scan_logs($tmp) {
    my @lines;
    File::Find::find({ no_chdir => 1, wanted => sub {
        return unless -f $_ && /\.log$/ && !/access[^\/]*\.log$/;
        open my $fh, '<', $_ or return;
        while (my $l = <$fh>) {
            next unless $l =~ $ALERT_RE;
            chomp $l;
            push @lines, $l;
        }
    } }, $tmp) if -d $tmp;
    return @lines;
}

# a log line without what changes from one run to the next
sub normalize_log($l, $tmp) {
    $l =~ s/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d //;
    $l =~ s/^(\[\w+\]) \d+#\d+: /$1 /;
    $l =~ s/\*\d+ //;
    $l =~ s/\Q$tmp\E/TMP/g;
    $l =~ s/nginx-test-\w+/TESTDIR/g;
    $l =~ s/0x[0-9a-f]+/0xN/gi;
    $l =~ s/\d+/N/g;
    return $l;
}

sub finish_test($job, $status, $timed_out) {
    my $el = Time::HiRes::time() - $job->{start};
    my @alerts = scan_logs($job->{tmp});
    my (%seen, @norm);
    for my $l (@alerts) {
        my $n = normalize_log($l, $job->{tmp});
        next if $seen{$n}++;
        push @norm, "$n\t$l";
    }
    my $base = "$job->{dir}/$job->{name}";
    open my $fh, '>', "$base.alerts" or die "$base.alerts: $!";
    print $fh "$_\n" for @norm;
    close $fh;
    open $fh, '>', "$base.status" or die "$base.status: $!";
    printf $fh "%d %d %.1f\n", $status, $timed_out ? 1 : 0, $el;
    close $fh;
    File::Path::remove_tree($job->{tmp}) unless $KEEP;
    return $el;
}

# runs files of one run, $jobs at a time; returns the wall time
sub run_files($run, $dir, $jobs, @files) {
    File::Path::make_path($dir);
    my $t0 = Time::HiRes::time();
    my @queue = @files;
    my %live;
    my $done = 0;
    while (@queue || %live) {
        while (@queue && keys %live < $jobs) {
            my $job = start_test($run, shift @queue, $dir);
            $live{$job->{pid}} = $job;
        }
        my $pid = waitpid(-1, POSIX::WNOHANG());
        if ($pid > 0 && $live{$pid}) {
            my $job = delete $live{$pid};
            my $status = $?;
            kill_group($pid, 'KILL');   # what the test left running
            delete $LIVE_GROUPS{$pid};
            my $el = finish_test($job, $status, $job->{timed_out});
            $done++;
            printf "  %-5s %3d/%d %-40s %s%6.1f s\n", $run, $done,
                scalar @files, $job->{name},
                $job->{timed_out} ? 'TIMEOUT ' : '', $el
                if $ENV{NGINX_SUITE_PROGRESS} // 1;
            next;
        }
        my $now = Time::HiRes::time();
        for my $job (values %live) {
            next if $job->{timed_out} || $now - $job->{start} < $TIMEOUT;
            $job->{timed_out} = 1;
            kill_group($job->{pid}, 'KILL');
        }
        Time::HiRes::sleep(0.05);
    }
    return Time::HiRes::time() - $t0;
}

# ---------------------------------------------------------------------------
# TAP

sub read_text($path) {
    open my $fh, '<', $path or return '';
    local $/;
    return scalar(<$fh>) // '';
}

# a file's result: {asserts => {N => {outcome, desc, diag}}, status => text}
sub parse_result($dir, $name) {
    my $tap = read_text("$dir/$name.tap");
    my ($status, $timed_out) = split ' ', read_text("$dir/$name.status");
    $status //= -1;
    my %a;
    my ($plan, $skip_all, $bail, $last, @todo_notes);
    my $n = 0;
    for my $l (split /\n/, $tap) {
        if ($l =~ /^(not )?ok\b\s*(\d*)\s*(.*)$/) {
            my ($not, $num, $rest) = ($1, $2, $3);
            $num = $num eq '' ? $n + 1 : $num;
            $n = $num;
            my ($desc, $dir_) = ($rest, '');
            if ($rest =~ /^(.*?)\s*(?<!\\)#\s*(TODO|SKIP)\b\s*(.*)$/i) {
                ($desc, $dir_) = ($1, uc $2);
            }
            $desc =~ s/^-\s*//;
            my $outcome = $dir_ eq 'SKIP' ? 'skip'
                : $dir_ eq 'TODO' ? ($not ? 'todo' : 'todo-passed')
                : $not ? 'not ok' : 'ok';
            $a{$num} = { outcome => $outcome, desc => $desc, diag => [] };
            $last = $a{$num};
        } elsif ($l =~ /^1\.\.(\d+)(?:\s*#\s*(?i:skip)\S*\s*(.*))?/) {
            $plan = $1;
            $skip_all = $2 // '' if $1 == 0;
        } elsif ($l =~ /^Bail out!\s*(.*)/) {
            $bail = $1;
        } elsif ($l =~ /^#/ && $last && @{$last->{diag}} < 40) {
            push @{$last->{diag}}, $l;
        }
    }
    my $failed = grep { $_->{outcome} eq 'not ok' } values %a;
    my @st;
    if ($timed_out) {
        push @st, "timed out after $TIMEOUT s";
    } elsif ($status & 127) {
        push @st, 'killed by signal ' . ($status & 127);
    }
    push @st, "bail out: $bail" if defined $bail;
    if (defined $skip_all) {
        push @st, "skipped: $skip_all";
    } elsif (!defined $plan) {
        push @st, 'no plan';
    } else {
        my $ran = keys %a;
        push @st, "planned $plan, ran $ran" if $ran != $plan;
        for my $i (1 .. $plan) {
            $a{$i} //= { outcome => 'missing', desc => '', diag => [] };
        }
    }
    my $code = $status >> 8;
    my $want = $failed > 254 ? 254 : $failed;
    push @st, "exit $code" if !$timed_out && !($status & 127)
        && $code != $want && !defined $skip_all && !grep /^planned/, @st;
    my %alerts;
    for (split /\n/, read_text("$dir/$name.alerts")) {
        my ($norm, $raw) = split /\t/, $_, 2;
        $alerts{$norm} = $raw;
    }
    return { asserts => \%a, status => @st ? join('; ', @st) : 'ok',
        alerts => \%alerts, failed => $failed,
        skipped => defined $skip_all };
}

# differences between the plain and the module result of one file:
# [key, text]; key is an assertion number, "status" or "log"
sub compare($p, $m) {
    my @d;
    push @d, ['status', "plain: $p->{status}; module: $m->{status}"]
        if $p->{status} ne $m->{status};
    my %nums = map { $_ => 1 } keys %{$p->{asserts}}, keys %{$m->{asserts}};
    for my $n (sort { $a <=> $b } keys %nums) {
        my $pa = $p->{asserts}{$n} // { outcome => 'absent', desc => '' };
        my $ma = $m->{asserts}{$n} // { outcome => 'absent', desc => '' };
        next if $pa->{outcome} eq $ma->{outcome};
        my $desc = $ma->{desc} ne '' ? $ma->{desc} : $pa->{desc};
        $desc .= " / plain: $pa->{desc}"
            if $pa->{desc} ne '' && $ma->{desc} ne '' && $pa->{desc} ne $ma->{desc};
        push @d, [$n, "plain $pa->{outcome}, module $ma->{outcome}: $desc",
            $ma->{diag}];
    }
    my @new = grep { !exists $p->{alerts}{$_} } sort keys %{$m->{alerts}};
    push @d, ['log', 'module run logs ' . scalar(@new) . ' line(s) the plain'
        . ' run does not', [map { "#   $m->{alerts}{$_}" } @new]] if @new;
    return @d;
}

# ---------------------------------------------------------------------------
# expectations: "FILE ASSERTIONS REASON", ASSERTIONS is N, N-M, N,M-O,
# status or log; the reason is written by hand

sub load_expected() {
    my (@e, @err);
    open my $fh, '<', $EXPECTED or return ([], []);
    my $ln = 0;
    while (my $l = <$fh>) {
        $ln++;
        chomp $l;
        next if $l =~ /^\s*(#|$)/;
        my ($file, $keys, $reason) = $l =~ /^\s*(\S+)\s+(\S+)\s*(.*?)\s*$/;
        if (!defined $keys || $keys !~ /^(status|log|\d+(-\d+)?(,\d+(-\d+)?)*)$/) {
            push @err, "$EXPECTED_NAME:$ln: cannot read \"$l\"";
            next;
        }
        if ($reason eq '' || $reason =~ /^\?/) {
            push @err, "$EXPECTED_NAME:$ln: $file $keys has no reason (write one)";
            next;
        }
        my %k;
        for my $part (split /,/, $keys) {
            if ($part =~ /^(\d+)-(\d+)$/) { $k{$_} = 1 for $1 .. $2 }
            else { $k{$part} = 1 }
        }
        push @e, { file => $file, keys => \%k, spec => $keys,
            reason => $reason, line => $ln, used => 0 };
    }
    return (\@e, \@err);
}

sub expected_for($exp, $file, $key) {
    for my $e (@$exp) {
        next unless $e->{file} eq $file && $e->{keys}{$key};
        $e->{used} = 1;
        return $e;
    }
    return undef;
}

# numbers as ranges: 3,4,5,9 -> 3-5,9
sub ranges(@n) {
    my @r;
    for my $n (sort { $a <=> $b } @n) {
        if (@r && $r[-1][1] == $n - 1) { $r[-1][1] = $n }
        else { push @r, [$n, $n] }
    }
    return join ',', map { $_->[0] == $_->[1] ? $_->[0] : "$_->[0]-$_->[1]" } @r;
}

# ---------------------------------------------------------------------------
# main

my @files = sort glob("$TESTS/*.t");
if ($ONLY ne '') {
    my %want;
    for my $pat (split ' ', $ONLY) {
        $want{$_} = 1 for glob("$TESTS/$pat");
    }
    @files = grep { $want{$_} } @files;
}
die "nginx-suite: no test files\n" unless @files;

my @runs = $ENV{NGINX_SUITE_RUNS} ? split(' ', $ENV{NGINX_SUITE_RUNS})
    : qw(plain module);

my $rev = '';
if (-f "$TESTS/../nginx-tests.SOURCE") {
    ($rev) = read_text("$TESTS/../nginx-tests.SOURCE") =~ /revision ([0-9a-f]{12})/;
}
printf "nginx-suite: %d files of %s%s, %s, %d at a time, as %s\n",
    scalar @files, $TESTS, $rev ? " ($rev)" : '', $NGINX, $JOBS,
    $RUNAS eq '' ? getpwuid($>) // $> : $RUNAS;
print "nginx-suite: hidden from nginx -V (not installed): @hide\n" if @hide;

# the sanity file of each run first: the module must be active in "module"
# and absent from "plain", or nothing below means anything
for my $run (@runs) {
    my $dir = "$OUT/sanity-$run";
    File::Path::remove_tree($dir);
    run_files($run, $dir, 1, "$STAGE/sanity.t");
    my $r = parse_result($dir, 'sanity.t');
    my @bad = grep { $r->{asserts}{$_}{outcome} ne 'ok' }
        sort { $a <=> $b } keys %{$r->{asserts}};
    if ($r->{status} ne 'ok' || @bad || !%{$r->{asserts}}) {
        print "nginx-suite: SANITY CHECK FAILED ($run run): $r->{status}\n";
        print read_text("$dir/sanity.t.tap");
        print "0 passed, ", scalar @files, " failed\n";
        exit 1;
    }
    print "nginx-suite: sanity ($run run): ", $run eq 'module'
        ? "module loaded, banner inserted, _ga removed, endpoint answers\n"
        : "no module, no banner, _ga kept\n";
}

my %wall;
for my $run (@runs) {
    my $dir = "$OUT/$run";
    File::Path::remove_tree($dir);
    print "nginx-suite: $run run\n";
    $wall{$run} = run_files($run, $dir, $JOBS, @files);
    printf "nginx-suite: %s run: %d files in %.0f s\n", $run, scalar @files,
        $wall{$run};
}
exit 0 if @runs < 2;

my ($exp, $experr) = load_expected();

# every file's differences, and which of them are unexpected
sub evaluate($name, $pdir, $mdir) {
    my $p = parse_result($pdir, $name);
    my $m = parse_result($mdir, $name);
    my @d = compare($p, $m);
    my (@unexp, @exp);
    for my $d (@d) {
        my $e = expected_for($exp, $name, $d->[0]);
        if ($e) { push @exp, [@$d, $e] } else { push @unexp, $d }
    }
    return { plain => $p, module => $m, diffs => \@d, unexpected => \@unexp,
        expected => \@exp };
}

my %res;
for my $f (@files) {
    my $name = File::Basename::basename($f);
    $res{$name} = evaluate($name, "$OUT/plain", "$OUT/module");
}

# files with unexpected differences once more, one at a time, both runs:
# timing-sensitive tests can fail under load.  The second pass decides.
my @flaky;
my @again = grep { @{$res{$_}{unexpected}} } sort keys %res;
if ($RETRY && @again) {
    print "nginx-suite: again, one at a time: @again\n";
    for my $run (qw(plain module)) {
        File::Path::remove_tree("$OUT/retry-$run");
        $wall{retry} += run_files($run, "$OUT/retry-$run", 1,
            map { "$TESTS/$_" } @again);
    }
    for my $name (@again) {
        $res{$name} = evaluate($name, "$OUT/retry-plain", "$OUT/retry-module");
        push @flaky, $name unless @{$res{$name}{unexpected}};
    }
}
# which entries are still needed, over the final results
$_->{used} = 0 for @$exp;
for my $name (sort keys %res) {
    expected_for($exp, $name, $_->[0]) for @{$res{$name}{diffs}};
}

# ---------------------------------------------------------------------------
# report

my @fail_files = grep { @{$res{$_}{unexpected}} } sort keys %res;
my $failed = @fail_files;
my $passed = keys(%res) - $failed;

if ($UPDATE) {
    # every current difference in the file's format: entries that still
    # match as they are, new differences with "?" where the reason must be
    # written by hand (the file refuses a "?" reason)
    print "\n# NGINX_SUITE_UPDATE: the current differences in the format of"
        . " t/nginx-suite.expected.\n# A reason starting with \"?\" is a new"
        . " difference: write why it is expected, or fix the module.\n";
    for my $name (sort keys %res) {
        my (%seen, %new, @other);
        for my $d (@{$res{$name}{diffs}}) {
            my $e = expected_for($exp, $name, $d->[0]);
            if ($e) {
                printf "%-28s %-10s %s\n", $name, $e->{spec}, $e->{reason}
                    unless $seen{$e->{line}}++;
            } elsif ($d->[0] =~ /^\d+$/) {
                my ($change, $desc) = $d->[1] =~ /^([^:]*): ?(.*)$/;
                push @{$new{$change}}, [$d->[0], $desc];
            } else {
                push @other, $d;
            }
        }
        for my $d (@other) {
            printf "%-28s %-10s ? %s\n", $name, $d->[0], $d->[1];
        }
        for my $change (sort keys %new) {
            printf "%-28s %-10s ? %s\n", $name,
                ranges(map { $_->[0] } @{$new{$change}}), $change;
            printf "#   %d %s\n", @$_ for @{$new{$change}};
        }
    }
    print "\n";
}

for my $name (@fail_files) {
    my $r = $res{$name};
    print "\n--- $name: differences not in $EXPECTED_NAME\n";
    for my $d (@{$r->{unexpected}}) {
        print "  $d->[0]: $d->[1]\n";
        my @diag = @{$d->[2] // []};
        splice @diag, 12, @diag - 12, "#   ..." if @diag > 12;
        print "      $_\n" for @diag;
    }
    my $which = grep({ $_ eq $name } @again) && $RETRY ? 'retry-' : '';
    print "  (TAP: $OUT/${which}module/$name.tap, $OUT/${which}plain/$name.tap)\n";
}

print "\n";
print "error: $_\n" for @$experr;
my %ran = map { File::Basename::basename($_) => 1 } @files;
for my $e (grep { !$_->{used} && $ran{$_->{file}} } @$exp) {
    print "note: $EXPECTED_NAME:$e->{line}: $e->{file} $e->{spec}"
        . " no longer differs (remove the line)\n";
}
print "note: differed in the first pass only, not when run alone: @flaky\n"
    if @flaky;
my $nexp = 0;
$nexp += @{$res{$_}{expected}} for keys %res;
printf "nginx-suite: plain run %.0f s, module run %.0f s (%d at a time)%s;"
    . " %d expected difference(s)\n", $wall{plain}, $wall{module}, $JOBS,
    $wall{retry} ? sprintf(', second pass %.0f s', $wall{retry}) : '', $nexp;
print "nginx-suite: unexpected differences in: @fail_files\n" if @fail_files;
print "$passed passed, $failed failed\n";
exit($failed || @$experr ? 1 : 0);
