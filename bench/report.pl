#!/usr/bin/perl
# make bench: the Markdown summary of build/bench (runs.tsv, rss.tsv,
# tokenizer.txt, machine.tsv), on standard output.
#
#   report.pl DIR
#
# For each scenario: the median over rounds of requests/s, p99 latency
# and worker CPU time per request, and the median over rounds of the
# ratio to the scenario's baseline measured in the same round.

use strict;
use warnings;
use FindBin;

my $dir = shift // die "usage: report.pl DIR\n";

sub median {
    my @v = sort { $a <=> $b } grep { defined } @_;
    return undef unless @v;
    return @v % 2 ? $v[$#v / 2] : ($v[@v / 2 - 1] + $v[@v / 2]) / 2;
}

sub tsv {
    my ($file) = @_;
    open my $fh, '<', $file or return ();
    chomp(my $h = <$fh> // '');
    my @h = split /\t/, $h;
    my @rows;
    while (<$fh>) {
        chomp;
        my %r;
        @r{@h} = split /\t/;
        push @rows, \%r;
    }
    return @rows;
}

# scenarios, in file order
my (@order, %sc);
open my $sf, '<', "$FindBin::Bin/scenarios.txt" or die "scenarios.txt: $!\n";
while (<$sf>) {
    next if /^\s*(#|$)/;
    my ($id, $path, $visitor, $base, $num, $desc) = split ' ', $_, 6;
    chomp $desc;
    push @order, $id;
    $sc{$id} = { path => $path, visitor => $visitor, base => $base,
                 num => $num, desc => $desc };
}

my %machine;
if (open my $mf, '<', "$dir/machine.tsv") {
    while (<$mf>) { chomp; my ($k, $v) = split /\t/, $_, 2; $machine{$k} = $v }
}

# targets of the issue, by scenario id: minimum median ratio of req/s
my %target = ('s2-json' => 0.97, 's2-64k' => 0.97, 's3-json' => 0.95,
              's4-64k' => 0.80, 's4-1m' => 0.65);

my @runs = tsv("$dir/runs.tsv");
my (%by, %round);
for my $r (@runs) {
    push @{$by{$r->{id}}}, $r;
    $round{$r->{round}}{$r->{id}} = $r;
}

print "## Results\n\n";
for my $k (qw(date cpu cores kernel nginx wrk settings)) {
    printf "- %s: %s\n", $k, $machine{$k} if defined $machine{$k};
}
printf "- load average (1, 5, 15 min): %s at the start, %s at the end\n",
    $machine{load_start} // '?', $machine{load_end} // '?';
printf "- whole run: %d min %d s\n", $machine{elapsed} / 60, $machine{elapsed} % 60
    if $machine{elapsed};
print "\n";

if (@runs) {
    print "| # | scenario | req/s | p99 ms | req/s ratio | p99 ratio | worker CPU µs/req | CPU ratio | busy: nginx core / load core | target |\n";
    print "|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n";
    for my $id (@order) {
        my $rs = $by{$id} or next;
        my $s = $sc{$id};
        my (@ratio, @p99r, @cpur);
        for my $r (@$rs) {
            my $b = $round{$r->{round}}{$s->{base}} or next;
            push @ratio, $r->{rps} / $b->{rps} if $b->{rps} > 0;
            push @p99r, $r->{p99_ms} / $b->{p99_ms} if $b->{p99_ms} > 0;
            my ($c, $bc) = map { $_->{requests} ? $_->{cpu_s} / $_->{requests} : 0 } $r, $b;
            push @cpur, $c / $bc if $bc > 0;
        }
        my $cpu_us = median(map { $_->{requests} ? 1e6 * $_->{cpu_s} / $_->{requests} : undef } @$rs);
        my $busy = median(map { $_->{front_core_busy} } @$rs);
        my $lbusy = median(map { $_->{load_core_busy} } @$rs);
        my $err = 0;
        $err += $_->{errors} for @$rs;
        my $ratio = median(@ratio);
        my $t = '';
        if (defined $target{$id} && defined $ratio) {
            $t = sprintf '≥ %.2f: %s', $target{$id},
                $ratio >= $target{$id} ? 'met'
                : sprintf('missed by %.2f', $target{$id} - $ratio);
        }
        printf "| %s | %s%s | %.0f | %.2f | %s | %s | %s | %s | %.0f%% / %.0f%% | %s |\n",
            $s->{num}, $s->{desc}, $err ? " (**$err errors**)" : '',
            median(map { $_->{rps} } @$rs), median(map { $_->{p99_ms} } @$rs),
            $id eq $s->{base} ? '1' : sprintf('%.3f', $ratio // 0),
            $id eq $s->{base} ? '1' : sprintf('%.2f', median(@p99r) // 0),
            defined $cpu_us ? sprintf('%.1f', $cpu_us) : '?',
            $id eq $s->{base} ? '1' : sprintf('%.2f', median(@cpur) // 0),
            100 * ($busy // 0), 100 * ($lbusy // 0), $t;
    }
    printf "\n%d rounds; medians over rounds; ratios are taken within a round "
        . "and their median reported. CPU ratio: worker CPU time per request "
        . "over the baseline's (> 1 costs more). Busy: share of the time "
        . "the core of the nginx under test, and the core of wrk and the "
        . "backend, were not idle (/proc/stat, all processes, interrupts "
        . "included).\n\n", scalar keys %round;

    # the round-by-round ratios, to judge the noise
    print "Ratio of req/s to the baseline, round by round:\n\n";
    my @rounds = sort { $a <=> $b } keys %round;
    print "| scenario | ", join(' | ', map { "round $_" } @rounds), " |\n";
    print "|---|", join('|', map { '---:' } @rounds), "|\n";
    for my $id (@order) {
        next if !$by{$id} || $id eq $sc{$id}{base};
        print "| $id | ", join(' | ', map {
            my $r = $round{$_}{$id};
            my $b = $round{$_}{$sc{$id}{base}};
            $r && $b && $b->{rps} ? sprintf('%.3f', $r->{rps} / $b->{rps}) : '-'
        } @rounds), " |\n";
    }
    print "\n";
}

# the module (4) against sub_filter (5), same page, same round
my @cmp = grep { $by{"s4-$_"} && $by{"s5-$_"} } qw(8k 64k 1m);
if (@cmp) {
    print "The module (4: rewriting, banner, Set-Cookie) against sub_filter "
        . "(5: banner only), same page, same round:\n\n";
    print "| page | req/s module / sub_filter | worker CPU per request module / sub_filter |\n|---|---:|---:|\n";
    for my $p (@cmp) {
        my (@r, @c);
        for my $n (keys %round) {
            my ($m, $f) = ($round{$n}{"s4-$p"}, $round{$n}{"s5-$p"});
            next unless $m && $f && $f->{rps} > 0 && $m->{requests} && $f->{requests};
            push @r, $m->{rps} / $f->{rps};
            my $fc = $f->{cpu_s} / $f->{requests};
            push @c, ($m->{cpu_s} / $m->{requests}) / $fc if $fc > 0;
        }
        printf "| %s | %.2f | %.2f |\n", $p, median(@r) // 0, median(@c) // 0;
    }
    print "\n";
}

my @rss = tsv("$dir/rss.tsv");
if (@rss) {
    print "Worker memory while streaming one big page (curl, one request, fresh worker):\n\n";
    print "| page | location | bytes sent | VmHWM before kB | VmHWM after kB | growth kB | VmRSS after kB | seconds | target |\n";
    print "|---|---|---:|---:|---:|---:|---:|---:|---|\n";
    for my $r (@rss) {
        my $g = $r->{hwm_after_kb} - $r->{hwm_before_kb};
        printf "| %s | %s | %d | %d | %d | %d | %d | %.2f | %s |\n", $r->{page},
            $r->{location}, $r->{bytes_out}, $r->{hwm_before_kb},
            $r->{hwm_after_kb}, $g, $r->{rss_after_kb}, $r->{seconds},
            $r->{location} eq '/cc/'
            ? ($g <= 1024 ? '≤ 1024 kB: met' : sprintf('≤ 1024 kB: missed by %d kB', $g - 1024))
            : 'reference';
    }
    print "\n";
}

if (open my $tf, '<', "$dir/tokenizer.txt") {
    print "Tokenizer alone (cc_html_feed, 16 KB chunks, no-op emit, best of 5, one core):\n\n";
    print "| input | documents | bytes | undecided MB/s | all granted MB/s | target (undecided) |\n|---|---:|---:|---:|---:|---|\n";
    <$tf>;
    while (<$tf>) {
        my ($f, $d, $n, $u, $g) = split ' ';
        $f =~ s{.*/build/bench/pages/}{};
        printf "| %s | %d | %d | %d | %d | %s |\n", $f, $d, $n, $u, $g,
            $u >= 2000 ? '≥ 2000 MB/s: met'
            : sprintf('≥ 2000 MB/s: missed, %.2f×', $u / 2000);
    }
    print "\n";
}
