package CCTest;

# Integration test harness for nginx-cookie-consent.
#
# Starts a real nginx (one per CCTest object) in its own temporary prefix
# directory, on free ports of 127.0.0.1, with the module loaded, and talks
# raw HTTP/1.1 to it with a timeout on every read.  Core Perl modules only.
#
#   my $t = CCTest->new(http => <<'EOF');
#       server { listen 127.0.0.1:%%PORT%%; location / { return 200 "hi\n"; } }
#   EOF
#   $t->run or BAIL_OUT(...);
#   my $res = $t->get('/', headers => [Cookie => 'a=1']);
#   is($res->{status}, 200);
#
# Environment, nginx-tests' convention (the old name of each still works):
#   TEST_NGINX_BINARY      nginx binary (default /usr/sbin/nginx; NGINX_BIN)
#   TEST_NGINX_MODULE      module .so (default
#                          <repo>/build/ngx_http_cookie_consent_module.so;
#                          CC_MODULE)
#   TEST_NGINX_STATIC      module compiled into the binary: no load_module
#                          line (CC_STATIC)
#   TEST_NGINX_NO_MODULE   no load_module line (harness self-test against
#                          plain nginx; CC_NO_MODULE)
#   TEST_NGINX_MASTER_OFF  "master_process off;" (CC_MASTER_OFF)
#   TEST_NGINX_TIMEOUT     seconds for every socket read (default 5;
#                          CC_TIMEOUT)
#   TEST_NGINX_LEAVE       keep the temporary directories (CC_KEEP)
#   TEST_NGINX_CATLOG      print every error log at the end of a file
#   TEST_NGINX_BROWSER_*   the browser test's (t/15-browser.t; CC_BROWSER_*,
#                          CC_CHROMIUM)
#
# Invariants, checked in every file as nginx-tests' harness does: when a
# file calls done_testing(), every nginx it ran is stopped and one more
# test says that their error logs have no [alert], [crit] or [emerg], no
# process exited on a signal, and no sanitizer or memcheck report came
# from them (stderr, the error log, ASAN_OPTIONS' log_path, VG_LOGS).

use v5.36;
use Test::More ();
use IO::Socket::INET;
use IO::Select;
use File::Temp ();
use File::Spec;
use File::Path ();
use Cwd ();
use Digest::SHA ();
use Time::HiRes ();
use POSIX ();
use Exporter 'import';

our @EXPORT_OK = qw(backend_conf sc_headers consent_cookie $KEY $KEY2
    $ALL @SITE_COOKIES make_token sign_token b64url random_id hdr hdr_all
    set_cookies cookie_names set_cookie_named parse_set_cookie token_fields
    json_decode line_of parse_raw_response test_env);
our %EXPORT_TAGS = (all => \@EXPORT_OK);

# TEST_NGINX_<NAME>, else its old name
my %OLD_NAME = (
    BINARY => 'NGINX_BIN', MODULE => 'CC_MODULE', STATIC => 'CC_STATIC',
    NO_MODULE => 'CC_NO_MODULE', MASTER_OFF => 'CC_MASTER_OFF',
    TIMEOUT => 'CC_TIMEOUT', LEAVE => 'CC_KEEP',
    BROWSER_REQUIRED => 'CC_BROWSER_REQUIRED', CHROMIUM => 'CC_CHROMIUM',
    BROWSER_SCRIPT => 'CC_BROWSER_SCRIPT', BROWSER_ONLY => 'CC_BROWSER_ONLY',
);

sub test_env($name) {
    my $v = $ENV{"TEST_NGINX_$name"};
    $v = $ENV{$OLD_NAME{$name}} if !defined $v && $OLD_NAME{$name};
    return $v;
}

# both names set for what this file runs (t/browser/banner.mjs reads the
# old ones)
for my $name (keys %OLD_NAME) {
    my $v = test_env($name);
    next unless defined $v;
    $ENV{"TEST_NGINX_$name"} //= $v;
    $ENV{$OLD_NAME{$name}} //= $v;
}

our $TIMEOUT = test_env('TIMEOUT') || 5;

my $LIB_DIR = Cwd::abs_path(File::Spec->catdir((File::Spec->splitpath(__FILE__))[1]));
our $REPO = Cwd::abs_path("$LIB_DIR/../..");

our $NGINX = test_env('BINARY') || '/usr/sbin/nginx';
our $MODULE = test_env('MODULE') || "$REPO/build/ngx_http_cookie_consent_module.so";

# every running instance, so that END can stop them even when a test dies
my %LIVE;
my $OWNER = $$;

# every nginx started, for the invariants (records outlive the objects)
my @RAN;
my $FILE_START = time;
my $CHECKED = 0;

END {
    local $?;
    if ($$ == $OWNER) {
        $_->stop for grep { defined } values %LIVE;
        _catlog() if test_env('CATLOG');
    }
}

# The invariants run as the file's last test, from done_testing()
{
    no warnings 'redefine';
    my $done_testing = \&Test::Builder::done_testing;
    *Test::Builder::done_testing = sub {
        my $tb = shift;
        check_invariants($tb) if $$ == $OWNER && !$CHECKED++;
        return $done_testing->($tb, @_);
    };
}

for my $sig (qw(INT TERM HUP)) {
    $SIG{$sig} = sub { die "caught SIG$sig\n" } unless $SIG{$sig};
}

# ---------------------------------------------------------------------------
# module presence

sub module_available {
    return 1 if test_env('STATIC');
    return -f $MODULE;
}

# Stops the whole run (loudly) when the module is not built, so that CI
# can never pass with an empty build: new() calls it for every object that
# loads the module.
sub need_module {
    return if module_available();
    Test::More::BAIL_OUT("module not built: $MODULE (run make, or set TEST_NGINX_MODULE)");
}

# ---------------------------------------------------------------------------
# ports

sub free_port {
    my $s = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => 0,
        Proto => 'tcp', Listen => 1, ReuseAddr => 0)
        or die "cannot bind a free port: $!";
    my $port = $s->sockport;
    close $s;
    return $port;
}

# ---------------------------------------------------------------------------
# instance

sub new($class, %o) {
    my $dir = File::Temp::tempdir('cc-test-XXXXXX', TMPDIR => 1,
        CLEANUP => test_env('LEAVE') ? 0 : 1);
    chmod 0755, $dir;
    mkdir "$dir/$_" for qw(logs html conf);
    my $self = bless {
        dir       => $dir,
        http      => $o{http} // '',
        main      => $o{main} // '',        # extra main-context directives
        no_module => $o{no_module} // test_env('NO_MODULE'),
        ports     => {},
        timeout   => $o{timeout} // $TIMEOUT,
        workers   => $o{workers} // 1,
        nconf     => 0,
    }, $class;
    need_module() unless $self->{no_module} || $o{module_optional};
    return $self;
}

sub dir($self) { $self->{dir} }

# the port for a placeholder name: port() is %%PORT%%, port(2) is %%PORT2%%
sub port($self, $n = '') {
    $n = '' if defined $n && $n eq '1';
    return $self->{ports}{$n} //= do {
        my $p;
        my %used = map { $_ => 1 } grep { defined } values %{$self->{ports}};
        do { $p = free_port() } while $used{$p};
        $p;
    };
}

sub subst($self, $text) {
    $text =~ s/%%PORT(\d*)%%/$self->port($1)/ge;
    $text =~ s/%%DIR%%/$self->{dir}/g;
    $text =~ s/%%REPO%%/$REPO/g;
    return $text;
}

sub conf_text($self, $http = $self->{http}, $main = $self->{main}) {
    my $d = $self->{dir};
    my $load = '';
    unless ($self->{no_module} || test_env('STATIC')) {
        $load = "load_module $MODULE;\n";
    }
    my $user = $> == 0 ? "user root root;\n" : '';
    my $master = test_env('MASTER_OFF') ? "master_process off;\n" : '';
    my $text = <<"EOF";
${load}${user}${master}daemon off;
worker_processes $self->{workers};
pid $d/logs/nginx.pid;
error_log $d/logs/error.log debug;
$main
events {
    worker_connections 128;
}

http {
    access_log $d/logs/access.log;
    client_body_temp_path $d/client_body_temp;
    proxy_temp_path $d/proxy_temp;
    fastcgi_temp_path $d/fastcgi_temp;
    uwsgi_temp_path $d/uwsgi_temp;
    scgi_temp_path $d/scgi_temp;
    default_type text/plain;

$http
}
EOF
    return $self->subst($text);
}

sub write_file($self, $name, $content) {
    my $path = $name =~ m{^/} ? $name : "$self->{dir}/$name";
    my ($vol, $d) = File::Spec->splitpath($path);
    File::Path::make_path($d) unless -d $d;
    open my $fh, '>:raw', $path or die "$path: $!";
    print $fh $content;
    close $fh;
    return $path;
}

sub read_file($self, $name) {
    my $path = $name =~ m{^/} ? $name : "$self->{dir}/$name";
    open my $fh, '<:raw', $path or return '';
    local $/;
    my $c = <$fh>;
    return $c // '';
}

sub error_log($self) { $self->read_file('logs/error.log') }

# Lines of a log file, waiting (up to the timeout) until it has at least
# $n of them: access_log lines are written after the response is sent.
sub log_lines($self, $name, $n = 0) {
    my $deadline = Time::HiRes::time() + $self->{timeout};
    while (1) {
        my @l = split /\n/, $self->read_file($name);
        return @l if @l >= $n || Time::HiRes::time() > $deadline;
        Time::HiRes::sleep(0.02);
    }
}

# The last access_log line of a file once it has $n lines.
sub last_log_line($self, $name, $n) {
    my @l = $self->log_lines($name, $n);
    return @l >= $n ? $l[$n - 1] : undef;
}

sub run($self) {
    my $conf = $self->write_file('conf/nginx.conf', $self->conf_text);
    $self->{conf_file} = $conf;
    # the invariants read what this nginx writes from here on
    my $rec = { dir => $self->{dir}, skip => [],
        from => -s "$self->{dir}/logs/error.log" // 0,
        err_from => -s "$self->{dir}/logs/stderr.log" // 0 };
    push @RAN, $rec;
    $self->{record} = $rec;
    my @cmd = ($NGINX, '-p', "$self->{dir}/", '-c', $conf);
    my $pid = fork // die "fork: $!";
    if ($pid == 0) {
        open STDOUT, '>>', "$self->{dir}/logs/stderr.log";
        open STDERR, '>>', "$self->{dir}/logs/stderr.log";
        exec @cmd or POSIX::_exit(127);
    }
    $self->{pid} = $pid;
    $LIVE{"$self"} = $self;

    my @ports = ($self->{conf_text_cache} = $self->read_file('conf/nginx.conf'))
        =~ /\blisten\s+127\.0\.0\.1:(\d+)/g;
    # a slow build (valgrind) gets its read timeout to start, 10 s at least
    my $deadline = Time::HiRes::time()
        + ($self->{timeout} > 10 ? $self->{timeout} : 10);
    my %up;
    my $settle = 0;
    while (Time::HiRes::time() < $deadline) {
        if (waitpid($pid, POSIX::WNOHANG()) == $pid) {
            $self->{exit} = $?;
            delete $self->{pid};
            delete $LIVE{"$self"};
            $rec->{failed} = 1;     # the caller sees it: run() is false
            Test::More::diag("nginx failed to start (exit " . ($? >> 8) . ")\n"
                . "--- stderr:\n" . $self->read_file('logs/stderr.log')
                . "--- error.log (tail):\n" . _tail($self->error_log, 30));
            return 0;
        }
        for my $p (@ports) {
            next if $up{$p};
            my $s = IO::Socket::INET->new(PeerAddr => '127.0.0.1',
                PeerPort => $p, Proto => 'tcp', Timeout => 1);
            if ($s) { $up{$p} = 1; close $s; }
        }
        return 1 if @ports == keys %up && (@ports || $settle++ > 10);
        Time::HiRes::sleep(0.02);
    }
    Test::More::diag("nginx did not start listening on @ports\n"
        . _tail($self->error_log, 30));
    $rec->{failed} = 1;
    $self->stop;
    return 0;
}

# Reloads the configuration (SIGHUP to the master) and waits until the
# workers of the new generation have replaced the old ones.
sub reload($self) {
    # nginx's own processes only: under ASan the master may have others
    # (a symbolizer) that stay; under valgrind they are named after it
    my @old = grep { _comm($_) =~ /^(nginx|memcheck)/ }
              _children($self->{pid});
    kill 'HUP', $self->{pid} or return 0;
    # old workers exit once their connections are done (under ASan, after
    # its leak check at exit): as long as a few socket reads may take
    my $deadline = Time::HiRes::time() + 4 * ($ENV{TEST_NGINX_TIMEOUT} || 5);
    while (Time::HiRes::time() < $deadline) {
        my %now = map { $_ => 1 } _children($self->{pid});
        return 1 if !grep { $now{$_} } @old and keys %now;
        Time::HiRes::sleep(0.05);
    }
    return 0;
}

sub _tail($text, $n) {
    my @l = split /\n/, $text;
    splice @l, 0, @l - $n if @l > $n;
    return join("\n", @l) . "\n";
}

sub _comm($pid) {
    open my $fh, '<', "/proc/$pid/comm" or return '';
    my $c = <$fh> // '';
    return $c;
}

sub _children($pid) {
    my @kids;
    for my $stat (glob '/proc/[0-9]*/stat') {
        open my $fh, '<', $stat or next;
        my $line = <$fh> // next;
        # pid (comm) state ppid ...
        push @kids, $1 if $line =~ /^(\d+) \(.*\) \S+ (\d+)/s && $2 == $pid;
    }
    return @kids;
}

sub stop($self) {
    local $?;
    my $pid = delete $self->{pid} or return;
    delete $LIVE{"$self"};
    my @kids = _children($pid);
    kill 'TERM', $pid;
    my $deadline = Time::HiRes::time() + 5;
    my $status;
    while (Time::HiRes::time() < $deadline) {
        if (waitpid($pid, POSIX::WNOHANG()) == $pid) { $status = $?; last }
        Time::HiRes::sleep(0.02);
    }
    if (!defined $status && kill 0, $pid) {
        kill 'KILL', $pid;
        waitpid($pid, 0);
    }
    # nginx exits with 0 on SIGTERM: a signal is a crash
    $self->{record}{signal} = $status & 127
        if defined $status && ($status & 127) && $self->{record};
    # workers of a master that did not shut down cleanly
    for my $k (@kids) {
        kill 'KILL', $k if kill 0, $k;
    }
    return;
}

sub running($self) { defined $self->{pid} && kill 0, $self->{pid} }

sub DESTROY($self) {
    $self->stop if $$ == $OWNER;
}

# nginx -t on a config made of an http{} body (same preamble as run()):
# returns (exit code, output, config file path, config text).
sub nginx_t($self, $http, %o) {
    my $n = ++$self->{nconf};
    my $text = $self->conf_text($http, $o{main} // $self->{main});
    my $conf = $self->write_file("conf/t$n.conf", $text);
    my $out = "$self->{dir}/logs/t$n.out";
    my $from = -s "$self->{dir}/logs/error.log" // 0;
    my $pid = fork // die "fork: $!";
    if ($pid == 0) {
        open STDOUT, '>', $out;
        open STDERR, '>&', \*STDOUT;
        exec $NGINX, '-t', '-p', "$self->{dir}/", '-c', $conf
            or POSIX::_exit(127);
    }
    my $deadline = Time::HiRes::time() + 20;
    my $rc;
    while (1) {
        if (waitpid($pid, POSIX::WNOHANG()) == $pid) { $rc = $? >> 8; last }
        if (Time::HiRes::time() > $deadline) {
            kill 'KILL', $pid; waitpid($pid, 0); $rc = -1; last;
        }
        Time::HiRes::sleep(0.01);
    }
    # what nginx -t wrote to the error log is its own: [emerg] expected
    push @{$self->{record}{skip}}, [$from, -s "$self->{dir}/logs/error.log" // 0]
        if $self->{record};
    return ($rc, $self->read_file($out), $conf, $text);
}

# 1-based line number of the first line of $text containing $needle
sub line_of($text, $needle) {
    my $i = 0;
    for my $l (split /\n/, $text, -1) {
        $i++;
        return $i if index($l, $needle) >= 0;
    }
    return undef;
}

# ---------------------------------------------------------------------------
# HTTP client

sub connect($self, %o) {
    my $port = $o{port} // $self->port;
    my $s = IO::Socket::INET->new(PeerAddr => '127.0.0.1', PeerPort => $port,
        Proto => 'tcp', Timeout => $self->{timeout});
    return $s;
}

sub send_raw($self, $s, $data) {
    my $off = 0;
    local $SIG{PIPE} = 'IGNORE';
    while ($off < length $data) {
        my $w = syswrite($s, $data, length($data) - $off, $off);
        return 0 unless defined $w && $w > 0;
        $off += $w;
    }
    return 1;
}

# reads more bytes into $$buf; 1 = got data, 0 = EOF, undef = timeout/error
sub _fill($self, $s, $buf) {
    my $sel = IO::Select->new($s);
    return undef unless $sel->can_read($self->{timeout});
    my $n = sysread($s, $$buf, 65536, length $$buf);
    return undef unless defined $n;
    return $n ? 1 : 0;
}

# Reads one response from $s; $$buf holds bytes already read (kept between
# responses on one connection).  Options: head => 1 (no body expected).
sub read_response($self, $s, $buf, %o) {
    my $res = { status => undef, headers => [], body => '', raw => '' };
    my $raw = '';
    while (1) {
        my $i;
        while (($i = index($$buf, "\r\n\r\n")) < 0) {
            my $r = $self->_fill($s, $buf);
            unless ($r) {
                $res->{error} = defined $r ? 'eof before headers' : 'timeout';
                $res->{raw} = $raw . $$buf;
                return $res;
            }
        }
        my $head = substr($$buf, 0, $i + 4, '');
        $raw .= $head;
        my @lines = split /\r\n/, $head;
        my $sl = shift @lines;
        unless ($sl =~ m{^HTTP/(\d\.\d) (\d{3})(?: (.*))?$}) {
            $res->{error} = "bad status line: $sl";
            $res->{raw} = $raw;
            return $res;
        }
        my ($ver, $status, $reason) = ($1, $2, $3 // '');
        next if $status >= 100 && $status < 200 && $status != 101;
        $res->{version} = $ver;
        $res->{status} = 0 + $status;
        $res->{reason} = $reason;
        for my $l (@lines) {
            next unless $l =~ /^([^:]+):[ \t]*(.*?)[ \t]*$/;
            push @{$res->{headers}}, [$1, $2];
        }
        last;
    }
    my $te = hdr($res, 'Transfer-Encoding') // '';
    my $cl = hdr($res, 'Content-Length');
    my $body = '';
    if ($o{head} || $res->{status} == 204 || $res->{status} == 304) {
        # no body
    } elsif ($te =~ /chunked/i) {
        $res->{chunked} = 1;
        while (1) {
            my $i;
            while (($i = index($$buf, "\r\n")) < 0) {
                return _partial($res, $raw, $body, $buf, 0)
                    unless $self->_fill_ok($s, $buf);
            }
            my $line = substr($$buf, 0, $i + 2, '');
            $raw .= $line;
            my ($size) = $line =~ /^([0-9a-fA-F]+)/;
            unless (defined $size) {
                $res->{error} = "bad chunk size line: $line";
                last;
            }
            $size = hex $size;
            if ($size == 0) {
                # trailers up to an empty line
                while (1) {
                    my $j;
                    while (($j = index($$buf, "\r\n")) < 0) {
                        return _partial($res, $raw, $body, $buf, 0)
                            unless $self->_fill_ok($s, $buf);
                    }
                    my $tl = substr($$buf, 0, $j + 2, '');
                    $raw .= $tl;
                    last if $tl eq "\r\n";
                }
                last;
            }
            while (length($$buf) < $size + 2) {
                return _partial($res, $raw, $body, $buf, 0)
                    unless $self->_fill_ok($s, $buf);
            }
            my $chunk = substr($$buf, 0, $size + 2, '');
            $raw .= $chunk;
            $body .= substr($chunk, 0, $size);
        }
    } elsif (defined $cl) {
        while (length($$buf) < $cl) {
            return _partial($res, $raw, $body . $$buf, \(my $x = ''), 0)
                unless $self->_fill_ok($s, $buf);
        }
        $body = substr($$buf, 0, $cl, '');
        $raw .= $body;
    } else {
        # until the connection closes
        while (1) {
            my $r = $self->_fill($s, $buf);
            last if defined $r && $r == 0;
            unless (defined $r) { $res->{error} = 'timeout'; last }
        }
        $body = $$buf;
        $raw .= $body;
        $$buf = '';
    }
    $res->{body} = $body;
    $res->{raw} = $raw;
    return $res;
}

sub _fill_ok($self, $s, $buf) {
    my $r = $self->_fill($s, $buf);
    $self->{last_fill} = $r;
    return $r;
}

sub _partial($res, $raw, $body, $buf, $r) {
    $res->{error} = 'incomplete body';
    $res->{body} = $body;
    $res->{raw} = $raw . $$buf;
    return $res;
}

# One raw request on a new connection; returns the parsed response.
sub request($self, $raw, %o) {
    my $s = $self->connect(%o)
        or return { status => undef, headers => [], body => '', raw => '',
                    error => "connect: $!" };
    $self->send_raw($s, $raw);
    my $buf = '';
    my $res = $self->read_response($s, \$buf, %o);
    close $s;
    Test::More::diag("request failed: $res->{error}") if $res->{error} && !$o{quiet};
    return $res;
}

# Builds a request.  headers: arrayref of name => value pairs; a Host given
# there replaces the default (127.0.0.1:port); keepalive => 1 leaves out
# "Connection: close".
sub build_request($self, $method, $path, %o) {
    my @h = @{$o{headers} // []};
    my %has;
    for (my $i = 0; $i < @h; $i += 2) { $has{lc $h[$i]} = 1 }
    my $port = $o{port} // $self->port;
    my $req = "$method $path HTTP/1.1\r\n";
    $req .= "Host: 127.0.0.1:$port\r\n" unless $has{host};
    for (my $i = 0; $i < @h; $i += 2) { $req .= "$h[$i]: $h[$i + 1]\r\n" }
    if (defined $o{body}) {
        $req .= "Content-Type: $o{content_type}\r\n"
            if defined $o{content_type} && !$has{'content-type'};
        $req .= "Content-Length: " . length($o{body}) . "\r\n"
            unless $has{'content-length'} || $has{'transfer-encoding'};
    }
    $req .= "Connection: close\r\n" unless $o{keepalive} || $has{connection};
    $req .= "\r\n";
    $req .= $o{body} if defined $o{body};
    return $req;
}

sub get($self, $path, %o) {
    return $self->request($self->build_request('GET', $path, %o), %o);
}

sub head($self, $path, %o) {
    return $self->request($self->build_request('HEAD', $path, %o), %o, head => 1);
}

sub post($self, $path, $body, %o) {
    $o{content_type} //= 'application/x-www-form-urlencoded';
    return $self->request($self->build_request($o{method} // 'POST', $path,
        %o, body => $body), %o);
}

# A client that reads slowly: SO_RCVBUF of rcvbuf bytes (default 4096)
# set before connecting, at most rate bytes a second (default 300 KB/s),
# until the connection closes or deadline seconds (default 60) pass.
# Returns the parsed response, with elapsed => seconds and, when the
# deadline passed or the body is cut short, error.
sub slow_get($self, $path, %o) {
    require Socket;
    my $rate = $o{rate} // 300_000;
    my $rcvbuf = $o{rcvbuf} // 4096;
    my $deadline = $o{deadline} // 60;
    my $port = $o{port} // $self->port;
    socket(my $s, Socket::PF_INET(), Socket::SOCK_STREAM(), 0)
        or die "socket: $!";
    setsockopt($s, Socket::SOL_SOCKET(), Socket::SO_RCVBUF(), $rcvbuf)
        or die "SO_RCVBUF: $!";
    CORE::connect($s, Socket::pack_sockaddr_in($port,
        Socket::inet_aton('127.0.0.1'))) or die "connect: $!";
    $self->send_raw($s, $self->build_request($o{method} // 'GET', $path, %o));
    my $raw = '';
    my $start = Time::HiRes::time();
    my $sel = IO::Select->new($s);
    my $err;
    while (1) {
        my $now = Time::HiRes::time();
        if ($now - $start > $deadline) { $err = 'deadline'; last }
        unless ($sel->can_read(10)) { $err = 'stalled 10 s'; last }
        my $n = sysread($s, $raw, 4096, length $raw);
        last unless $n;
        # keep to the rate: sleep until length/rate seconds have passed
        my $due = $start + length($raw) / $rate;
        my $wait = $due - Time::HiRes::time();
        Time::HiRes::sleep($wait) if $wait > 0;
    }
    close $s;
    my $res = parse_raw_response($raw);
    $res->{elapsed} = Time::HiRes::time() - $start;
    $res->{error} //= $err if $err;
    return $res;
}

# Parses one complete HTTP/1.1 response held in a string (a body
# delimited by chunked encoding, Content-Length or the end of the string).
sub parse_raw_response($raw) {
    my $res = { status => undef, headers => [], body => '', raw => $raw };
    my $i = index($raw, "\r\n\r\n");
    if ($i < 0) { $res->{error} = 'no headers'; return $res }
    my @lines = split /\r\n/, substr($raw, 0, $i);
    my $rest = substr($raw, $i + 4);
    (shift @lines) =~ m{^HTTP/\d\.\d (\d{3})} or do {
        $res->{error} = 'bad status line'; return $res };
    $res->{status} = 0 + $1;
    for my $l (@lines) {
        push @{$res->{headers}}, [$1, $2] if $l =~ /^([^:]+):[ \t]*(.*?)[ \t]*$/;
    }
    my $te = hdr($res, 'Transfer-Encoding') // '';
    my $cl = hdr($res, 'Content-Length');
    if ($te =~ /chunked/i) {
        my $body = '';
        while (1) {
            unless ($rest =~ s/^([0-9a-fA-F]+)[^\r]*\r\n//) {
                $res->{error} = 'incomplete body'; last }
            my $size = hex $1;
            if ($size == 0) { $res->{complete} = 1; last }
            if (length($rest) < $size + 2) {
                $body .= $rest; $res->{error} = 'incomplete body'; last }
            $body .= substr($rest, 0, $size);
            substr($rest, 0, $size + 2, '');
        }
        $res->{body} = $body;
    } elsif (defined $cl) {
        $res->{body} = substr($rest, 0, $cl);
        $res->{error} = 'incomplete body' if length($rest) < $cl;
    } else {
        $res->{body} = $rest;
    }
    return $res;
}

# Sends requests one after another on one connection, each after the
# previous response was read; returns the responses.  Each request is raw
# text or an arrayref [method, path, %options] for build_request (sent
# keep-alive).  A request whose previous response never came is not sent.
sub keepalive($self, @reqs) {
    my %o = ref $reqs[-1] eq 'HASH' ? %{pop @reqs} : ();
    my $s = $self->connect(%o)
        or return map { { status => undef, headers => [], body => '',
                          error => "connect: $!" } } @reqs;
    my $buf = '';
    my @res;
    for my $r (@reqs) {
        my $head = 0;
        if (ref $r) {
            my ($m, $p, %ro) = @$r;
            $head = $m eq 'HEAD';
            $r = $self->build_request($m, $p, keepalive => 1, %o, %ro);
        }
        if (@res && !defined $res[-1]{status}) {
            push @res, { status => undef, headers => [], body => '',
                         error => 'not sent' };
            next;
        }
        unless ($self->send_raw($s, $r)) {
            push @res, { status => undef, headers => [], body => '',
                         error => 'send failed' };
            next;
        }
        push @res, $self->read_response($s, \$buf, head => $head);
    }
    close $s;
    return @res;
}

# Sends all requests at once (pipelined), then reads all responses.
sub pipeline($self, @reqs) {
    my %o = ref $reqs[-1] eq 'HASH' ? %{pop @reqs} : ();
    my $s = $self->connect(%o) or return;
    $self->send_raw($s, join '', @reqs);
    my $buf = '';
    my @res = map { $self->read_response($s, \$buf) } @reqs;
    close $s;
    return @res;
}

# ---------------------------------------------------------------------------
# response helpers (plain functions; also callable as methods)

sub _res(@a) { ref $a[0] eq 'CCTest' ? @a[1 .. $#a] : @a }

# all values of a header, in order (case-insensitive name)
sub hdr_all(@a) {
    my ($res, $name) = _res(@a);
    return map { $_->[1] } grep { lc $_->[0] eq lc $name } @{$res->{headers}};
}

# the first value of a header, or undef
sub hdr(@a) {
    my @v = hdr_all(@a);
    return $v[0];
}

sub set_cookies(@a) {
    my ($res) = _res(@a);
    return hdr_all($res, 'Set-Cookie');
}

sub parse_set_cookie($sc) {
    my ($pair, @attrs) = split /;/, $sc;
    my ($name, $value) = $pair =~ /^\s*([^=]*?)\s*=\s*(.*?)\s*$/;
    my %a;
    for my $a (@attrs) {
        my ($k, $v) = $a =~ /^\s*([^=]*?)\s*(?:=\s*(.*?)\s*)?$/;
        $a{lc $k} = $v // 1;
    }
    return { name => $name // '', value => $value // '', attrs => \%a,
             raw => $sc };
}

# names of the cookies a response sets, in order
sub cookie_names(@a) {
    my ($res) = _res(@a);
    return map { parse_set_cookie($_)->{name} } set_cookies($res);
}

# the parsed Set-Cookie headers for one cookie name
sub set_cookie_named(@a) {
    my ($res, $name) = _res(@a);
    return grep { $_->{name} eq $name } map { parse_set_cookie($_) } set_cookies($res);
}

# ---------------------------------------------------------------------------
# consent tokens

sub b64url($bytes) {
    my $b = '';
    require MIME::Base64;
    $b = MIME::Base64::encode_base64($bytes, '');
    $b =~ tr{+/}{-_};
    $b =~ s/=+$//;
    return $b;
}

sub random_id() {
    return join '', map { sprintf '%02x', int rand 256 } 1 .. 16;
}

sub sign_token($payload, $key) {
    return $payload . '.' . b64url(Digest::SHA::hmac_sha256($payload, $key));
}

# make_token(categories => [...], revision => 1, issued => time, id => hex,
#            key => KEY (signs; none: unsigned), version => 1)
sub make_token(%a) {
    my $cats = $a{categories} // ['necessary'];
    my $payload = join '.', $a{version} // 1, $a{revision} // 1,
        $a{issued} // time, $a{id} // random_id(),
        ref $cats ? join('-', @$cats) : $cats;
    return defined $a{key} ? sign_token($payload, $a{key}) : $payload;
}

# splits a token into its fields (undef when it does not have 5 or 6)
sub token_fields($tok) {
    my @f = split /\./, $tok, -1;
    return undef unless @f == 5 || @f == 6;
    return { version => $f[0], revision => $f[1], issued => $f[2], id => $f[3],
             categories => [split /-/, $f[4]], signature => $f[5],
             payload => join('.', @f[0 .. 4]) };
}

# ---------------------------------------------------------------------------
# shared test fixtures

# signing keys used by the tests (each >= 32 bytes)
our $KEY  = 'test-key-one-0123456789abcdefghijklmnop';
our $KEY2 = 'test-key-two-0123456789abcdefghijklmnop';
our $ALL  = [qw(necessary preferences analytics marketing)];

# "consent=<token>" granting necessary plus the given categories, signed
# with $KEY; options in a trailing hash ref: { name, key, revision,
# issued, id } (key => undef: unsigned)
sub consent_cookie(@cats) {
    my %o = @cats && ref $cats[-1] eq 'HASH' ? %{pop @cats} : ();
    my $name = delete $o{name} // 'consent';
    my $key = exists $o{key} ? delete $o{key} : $KEY;
    return "$name=" . make_token(categories => ['necessary', @cats],
        key => $key, %o);
}

# Request headers that make the backend of backend_conf() set these
# Set-Cookie header values (in this order; at most 40).
sub sc_headers(@sc) {
    die "too many cookies" if @sc > 40;
    my $i = 0;
    return map { ('X-SC' . ++$i => $_) } @sc;
}

# Cookies set by the backend's /site, /s404, /s500, /s302 (in order)
our @SITE_COOKIES = (
    'PHPSESSID=s3ss10n; Path=/; HttpOnly',
    '_ga=GA1.1.1234567890.1700000000; Path=/; Max-Age=63072000; Domain=.example.test',
    '_gid=GA1.1.987654321.1700000000; Path=/; Max-Age=86400',
    '_fbp=fb.1.1700000000000.123456789; Path=/; Max-Age=7776000; SameSite=Lax',
    'wp-settings-1=libraryContent%3Dbrowse; Path=/wp-admin',
    'lang=nl; Path=/',
);

# A backend server block on %%PORT2%% with the module off:
#   /          sets the Set-Cookie headers named by X-SC1..X-SC40 request
#              headers, adds X-Backend and Cache-Control, echoes the
#              Cookie header it received
#   /site      @SITE_COOKIES, X-Backend: site, echoes the Cookie header
#   /s404, /s500, /s302   the same with those statuses
# Its access log is logs/backend.log.
sub backend_conf(%o) {
    my $off = $o{no_module} ? '' : 'cookie_consent off;';
    my $sc = join "\n", map {
        "            add_header Set-Cookie \$http_x_sc$_ always;" } 1 .. 40;
    my $site = join "\n", (map {
        qq{            add_header Set-Cookie "$_" always;} } @SITE_COOKIES),
        qq{            add_header X-Backend "site" always;};
    return <<"EOF";
    server {
        listen 127.0.0.1:%%PORT2%%;
        $off
        access_log %%DIR%%/logs/backend.log;
        location / {
$sc
            add_header X-Backend "yes" always;
            add_header Cache-Control "private, max-age=60" always;
            return 200 "cookie=[\$http_cookie] uri=[\$uri]\\n";
        }
        location = /site {
$site
            return 200 "cookie=[\$http_cookie]\\n";
        }
        location = /s404 {
$site
            return 404 "not found\\n";
        }
        location = /s500 {
$site
            return 500 "error\\n";
        }
        location = /s302 {
$site
            return 302 /elsewhere;
        }
    }
EOF
}

# ---------------------------------------------------------------------------
# a FastCGI responder (for fastcgi_pass tests)

my %HELPERS;    # pid => 1, helper processes to kill at END

END {
    local $?;
    if ($$ == $OWNER) {
        for my $pid (keys %HELPERS) {
            kill 'KILL', $pid;
            waitpid($pid, 0);
        }
    }
}

# Starts a FastCGI responder on 127.0.0.1:$port in a child process.  It
# answers every request with 200 text/plain "cookie=[<HTTP_COOKIE>]\n"
# (HTTP_COOKIE absent: "cookie=(none)\n").  Returns the child's pid; it
# is killed at END (and exits by itself when this process is gone).
sub fastcgi_echo($self, $port) {
    my $l = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => $port,
        Proto => 'tcp', Listen => 16, ReuseAddr => 1)
        or die "fastcgi listen on $port: $!";
    my $parent = $$;
    my $pid = fork // die "fork: $!";
    if ($pid) {
        close $l;
        $HELPERS{$pid} = 1;
        return $pid;
    }
    my $sel = IO::Select->new($l);
    while (getppid() == $parent) {
        next unless $sel->can_read(0.5);
        my $c = $l->accept or next;
        eval { _fcgi_serve($c) };
        close $c;
    }
    POSIX::_exit(0);
}

sub _fcgi_read($c, $n) {
    my $buf = '';
    my $sel = IO::Select->new($c);
    while (length $buf < $n) {
        die "timeout\n" unless $sel->can_read(5);
        my $r = sysread($c, $buf, $n - length $buf, length $buf);
        die "eof\n" unless $r;
    }
    return $buf;
}

sub _fcgi_serve($c) {
    my ($params, $id, $stdin_done, $params_done) = ('', 1, 0, 0);
    while (!($stdin_done && $params_done)) {
        my ($ver, $type, $rid, $len, $pad) = unpack 'CCnnC', _fcgi_read($c, 8);
        my $content = $len ? _fcgi_read($c, $len) : '';
        _fcgi_read($c, $pad) if $pad;
        $id = $rid;
        if ($type == 4) { $len ? ($params .= $content) : ($params_done = 1) }
        elsif ($type == 5) { $stdin_done = 1 unless $len }
    }
    my %p;
    my $pos = 0;
    my $getlen = sub {
        my $b = ord substr($params, $pos, 1);
        if ($b & 0x80) {
            my $v = unpack('N', substr($params, $pos, 4)) & 0x7fffffff;
            $pos += 4;
            return $v;
        }
        $pos += 1;
        return $b;
    };
    while ($pos < length $params) {
        my $nl = $getlen->();
        my $vl = $getlen->();
        my $name = substr($params, $pos, $nl);
        $pos += $nl;
        $p{$name} = substr($params, $pos, $vl);
        $pos += $vl;
    }
    my $body = exists $p{HTTP_COOKIE} ? "cookie=[$p{HTTP_COOKIE}]\n" : "cookie=(none)\n";
    my $out = "Status: 200 OK\r\nContent-Type: text/plain\r\n"
        . "Set-Cookie: _fbp=fcgi.1; Path=/\r\nSet-Cookie: PHPSESSID=fcgi; Path=/\r\n\r\n$body";
    my $rec = sub ($type, $data) {
        pack('CCnnCC', 1, $type, $id, length $data, 0, 0) . $data;
    };
    my $resp = $rec->(6, $out) . $rec->(6, '') . $rec->(3, pack('NCx3', 0, 0));
    syswrite($c, $resp);
}

# ---------------------------------------------------------------------------
# invariants and feature gating

# the part of a file from byte $from on, without the [start, end) ranges
sub _read_from($path, $from, @skip) {
    open my $fh, '<:raw', $path or return '';
    local $/;
    my $text = <$fh> // '';
    for my $r (sort { $b->[0] <=> $a->[0] } @skip) {
        next if $r->[0] >= length $text || $r->[1] <= $r->[0];
        substr($text, $r->[0], $r->[1] - $r->[0], '');
    }
    return $from < length $text ? substr($text, $from) : '';
}

my $BAD_LINE = qr/\[(?:alert|crit|emerg)\]|exited on signal|
    AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|
    \bruntime\ error:|==\d+==ERROR/x;

# Every nginx of this file stopped, one test over what they left
sub check_invariants($tb = Test::More->builder) {
    return unless grep { !$_->{failed} } @RAN;
    $_->stop for grep { defined } values %LIVE;
    my @bad;
    for my $rec (grep { !$_->{failed} } @RAN) {
        my $log = "$rec->{dir}/logs/error.log";
        push @bad, map { "$log: $_" } grep { /$BAD_LINE/ } split /\n/,
            _read_from($log, $rec->{from}, @{$rec->{skip}});
        my $err = "$rec->{dir}/logs/stderr.log";
        push @bad, map { "$err: $_" } grep { /$BAD_LINE/ } split /\n/,
            _read_from($err, $rec->{err_from});
        push @bad, "$rec->{dir}: nginx exited on signal $rec->{signal}"
            if $rec->{signal};
    }
    # the sanitizers' and valgrind's own files, written during this file
    my ($asan) = ($ENV{ASAN_OPTIONS} // '') =~ /(?:^|:)log_path=([^:]+)/;
    my @reports = $asan ? glob("$asan.*") : ();
    push @reports, grep { _has_vgerr($_) } glob("$ENV{VG_LOGS}/*")
        if $ENV{VG_LOGS};
    push @bad, map { "sanitizer or memcheck report: $_" }
        grep { (stat $_)[9] >= $FILE_START } @reports;
    return if ($tb->has_plan // '') =~ /^\d+$/;    # a fixed plan: no room
    $tb->ok(!@bad, 'error logs: no alert, crit or emerg, no crash, '
        . 'no sanitizer report') or $tb->diag(join "\n", @bad);
}

sub _has_vgerr($file) {
    open my $fh, '<', $file or return 0;
    while (<$fh>) { return 1 if /VGERR-BEGIN/ }
    return 0;
}

# TEST_NGINX_CATLOG: the error logs of this file's nginx, at its end
sub _catlog() {
    for my $rec (@RAN) {
        Test::More::diag("--- $rec->{dir}/logs/error.log\n"
            . _read_from("$rec->{dir}/logs/error.log", 0));
    }
}

# What "nginx -V" says it was built with, once per file
my $NGINX_V;

sub _nginx_v() {
    return $NGINX_V //= do {
        my $out = `'$NGINX' -V 2>&1` // '';
        $out;
    };
}

# 1 when the nginx binary has every named module or feature: "ssl",
# "slice", "addition", "ssi", "sub", "gzip", "proxy", "fastcgi",
# "userid", "debug", "module" (ours, built or compiled in), "openssl"
# (the command line tool, for make_cert)
sub has_feature($self, $f) {
    my $v = _nginx_v();
    return module_available() if $f eq 'module';
    return (system('openssl version >/dev/null 2>&1') == 0) if $f eq 'openssl';
    return scalar($v =~ /--with-debug\b/) if $f eq 'debug';
    my %with = map { $_ => 1 } qw(ssl slice addition sub gunzip);
    return scalar($v =~ /--with-http_${f}_module\b/) if $with{$f};
    # built in unless configured out
    return scalar($v !~ /--without-http_${f}_module\b/);
}

# As nginx-tests' has(): skips the whole file (plan skip_all) unless every
# feature is there; returns the object otherwise
sub has($self, @features) {
    for my $f (@features) {
        Test::More::plan(skip_all => "no $f in $NGINX")
            unless $self->has_feature($f);
    }
    return $self;
}

# ---------------------------------------------------------------------------
# misc

sub json_decode($text) {
    require JSON::PP;
    my $v = eval { JSON::PP->new->allow_nonref->decode($text) };
    return $v;
}

# A self-signed certificate for 127.0.0.1 (openssl CLI); returns
# (cert path, key path) or () when openssl is missing.
sub make_cert($self) {
    my $crt = "$self->{dir}/conf/cert.pem";
    my $key = "$self->{dir}/conf/key.pem";
    return ($crt, $key) if -f $crt;
    my $rc = system("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1"
        . " -nodes -days 2 -subj /CN=127.0.0.1 -keyout $key -out $crt"
        . " >/dev/null 2>&1");
    return $rc == 0 ? ($crt, $key) : ();
}

1;
