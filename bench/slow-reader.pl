#!/usr/bin/perl
# make bench: a slow client.  Fetches one URL over HTTP/1.1 with a small
# receive buffer, reading at most RATE bytes per second, so that the nginx
# worker has to hold back (its buffers fill, it stops reading from the
# upstream); decodes the chunked body, and checks it against the MD5 and
# length of the same response fetched at full speed.  Meanwhile samples
# the worker's VmRSS.
#
#   slow-reader.pl --port P --path PATH [--cookie C] [--rate B/s]
#       [--rcvbuf BYTES] [--pid WORKER] [--md5 HEX --length N]
#
# Prints one line, tab-separated:
#   status bytes framing(end|eof|cut) md5_ok length_ok last_bytes
#   seconds rate_MBps worker_rss_max_kb
# and exits 1 when the body is not complete and identical.

use strict;
use warnings;
use Socket qw(:all);
use Digest::MD5;
use Time::HiRes qw(time sleep);
use Getopt::Long;

my ($port, $path, $cookie, $pid, $md5, $length);
my $rate = 5e6;
my $rcvbuf = 32768;
my $stall = 60;
GetOptions('port=i' => \$port, 'path=s' => \$path, 'cookie=s' => \$cookie,
           'rate=f' => \$rate, 'rcvbuf=i' => \$rcvbuf, 'pid=i' => \$pid,
           'md5=s' => \$md5, 'length=i' => \$length, 'stall=i' => \$stall)
    && $port && $path or die "usage: see the head of $0\n";

socket(my $s, PF_INET, SOCK_STREAM, 0) or die "socket: $!\n";
# before connect, so that the window offered to nginx stays small
setsockopt($s, SOL_SOCKET, SO_RCVBUF, pack('i', $rcvbuf))
    or die "SO_RCVBUF: $!\n";
connect($s, pack_sockaddr_in($port, inet_aton('127.0.0.1')))
    or die "connect: $!\n";
my $req = "GET $path HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
    . ($cookie ? "Cookie: $cookie\r\n" : '') . "\r\n";
defined syswrite($s, $req) or die "write: $!\n";

my $t0 = time;
my $got = 0;            # bytes read from the socket
my $next_sample = 0;
my $rss_max = 0;

sub rss {
    return 0 unless $pid;
    open my $fh, '<', "/proc/$pid/status" or return 0;
    while (<$fh>) { return $1 if /^VmRSS:\s+(\d+)/ }
    return 0;
}

# reads more into $_[0]; 0 at the end of the stream
sub more {
    my $now = time;
    # hold the pace: never ahead of RATE bytes per second
    my $ahead = $got / $rate - ($now - $t0);
    sleep($ahead) if $ahead > 0;
    if ($pid && $now >= $next_sample) {
        my $r = rss();
        $rss_max = $r if $r > $rss_max;
        $next_sample = $now + 0.25;
    }
    my $rin = '';
    vec($rin, fileno($s), 1) = 1;
    select(my $rout = $rin, undef, undef, $stall)
        or die "slow-reader: nothing for $stall s\n";
    my $n = sysread($s, $_[0], 16384, length $_[0]);
    die "read: $!\n" unless defined $n;
    $got += $n;
    return $n;
}

my $buf = '';
while ($buf !~ /\r\n\r\n/) { more($buf) or die "slow-reader: no response header\n" }
$buf =~ s/\A(.*?)\r\n\r\n//s;
my $head = $1;
my ($status) = $head =~ m{\AHTTP/1\.\d (\d{3})} or die "slow-reader: bad status line\n";
my $chunked = $head =~ /^transfer-encoding:\s*chunked\s*$/mi;
my ($clen) = $head =~ /^content-length:\s*(\d+)\s*$/mi;

my $md = Digest::MD5->new;
my $body = 0;
my $last = '';
my $framing = 'cut';

sub take {
    my ($n) = @_;
    my $part = substr($buf, 0, $n, '');
    $md->add($part);
    $body += $n;
    $last = substr($last . $part, -16);
}

if ($chunked) {
    CHUNK: while (1) {
        while ($buf !~ /\r\n/) { more($buf) or last CHUNK }
        $buf =~ s/\A([0-9a-fA-F]+)[^\r\n]*\r\n//
            or die "slow-reader: bad chunk size line\n";
        my $n = hex $1;
        if ($n == 0) {
            while ($buf !~ /(?:\A|\r\n)\r\n/) { more($buf) or last CHUNK }
            $framing = 'end';
            last;
        }
        while (length $buf < $n + 2) { more($buf) or last CHUNK }
        take($n);
        substr($buf, 0, 2) eq "\r\n" or die "slow-reader: bad chunk end\n";
        substr($buf, 0, 2, '');
    }
} else {
    while (1) {
        take(length $buf) if length $buf;
        last if defined $clen && $body >= $clen;
        more($buf) or last;
    }
    $framing = defined $clen ? ($body == $clen ? 'end' : 'cut') : 'eof';
}
close $s;

my $secs = time - $t0;
my $hex = $md->hexdigest;
my $md5_ok = !defined $md5 ? '-' : $hex eq $md5 ? 'yes' : 'no';
my $len_ok = !defined $length ? '-' : $body == $length ? 'yes' : 'no';
(my $shown = $last) =~ s/([^\x21-\x7e])/sprintf '\\x%02x', ord $1/ge;
$shown =~ s/\\x0a/\\n/g;
$shown =~ s/\\x20/ /g;
printf "%s\t%d\t%s\t%s\t%s\t%s\t%.1f\t%.2f\t%d\n", $status, $body, $framing,
    $md5_ok, $len_ok, $shown, $secs, $got / $secs / 1e6, $rss_max;
exit($status eq '200' && $framing eq 'end' && $md5_ok ne 'no'
     && $len_ok ne 'no' ? 0 : 1);
