#!/usr/bin/perl
# make bench: the Markdown summary of build/bench (paired.tsv, runs.tsv,
# rss.tsv, slow.tsv, tokenizer.txt, machine.tsv, peers.tsv), on standard
# output.
#
#   report.pl DIR
#
# Paired runs: for each pair, the ratio of the plain worker's CPU time per
# request to the filter worker's (both measured over the same seconds on
# the same core), its median over rounds, next to the ratio of request
# rates.  Sequential runs: for each scenario, the median over rounds of
# requests/s, p99 latency and worker CPU time per request, and the median
# over rounds of the ratio to the scenario's baseline measured in the same
# round.

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
for my $k (qw(date commit module zone cpu cores kernel nginx wrk lua subs
              njs settings))
{
    printf "- %s: %s\n", $k, $machine{$k} if defined $machine{$k};
}
printf "- load average (1, 5, 15 min): %s at the start, %s at the end\n",
    $machine{load_start} // '?', $machine{load_end} // '?';
printf "- whole run: %d min %d s\n", $machine{elapsed} / 60, $machine{elapsed} % 60
    if $machine{elapsed};
print "\n";

# ---------------------------------------------------------------------------
# paired runs

sub range_txt {
    my @v = sort { $a <=> $b } @_;
    return '' if @v < 2;
    return sprintf ' (%.2f–%.2f)', $v[0], $v[-1];
}

my @paired = tsv("$dir/paired.tsv");
if (@paired) {
    my (%pairs, @porder, %pdef);
    open my $pf, '<', "$FindBin::Bin/pairs.txt" or die "pairs.txt: $!\n";
    while (<$pf>) {
        next if /^\s*(#|$)/;
        my ($id, $kind, $visitor, $plain, $filter, $col, $wl) = split ' ';
        push @porder, $id;
        $pdef{$id} = { kind => $kind, visitor => $visitor, plain => $plain,
                       filter => $filter, col => $col, wl => $wl };
    }
    for my $r (@paired) { push @{$pairs{$r->{id}}}, $r }
    my $us = sub { my ($cpu, $n) = @_; $n ? 1e6 * $cpu / $n : undef };
    my (%cpur, %rpsr);
    for my $id (keys %pairs) {
        for my $r (@{$pairs{$id}}) {
            my $pu = $us->($r->{plain_cpu_s}, $r->{plain_requests});
            my $fu = $us->($r->{filter_cpu_s}, $r->{filter_requests});
            push @{$cpur{$id}}, $pu / $fu if $pu && $fu && $r->{kind} ne 'one-worker';
            push @{$rpsr{$id}}, $r->{filter_rps} / $r->{plain_rps} if $r->{plain_rps} > 0;
        }
    }
    my $nr = scalar keys %{{ map { $_->{round} => 1 } @paired }};

    print "### Paired: the figure to quote on a shared machine\n\n";
    print "Ratio = plain proxying's worker CPU per request / the filter's "
        . "worker CPU per request, both workers on the same core at the same "
        . "time (1 = costs nothing; 0.50 = twice the CPU of plain "
        . "proxying). Median over $nr round(s)"
        . ($nr > 1 ? ', lowest–highest in brackets' : '') . ". A/A: the same "
        . "figure for two plain workers, the noise floor.\n\n";
    my %wlname = ('html-8k' => 'HTML 8 KB', 'html-64k' => 'HTML 64 KB',
                  'html-1m' => 'HTML 1 MB', 'json-64k' => 'JSON 64 KB');
    my @cols = (['a-a', 'A/A: plain / plain'], ['sub_filter', 'sub_filter'],
                ['subs', 'subs_filter'], ['lua', 'Lua'], ['njs', 'njs'],
                ['module', 'this module']);
    my %peers;
    if (open my $pp, '<', "$dir/peers.tsv") {
        <$pp>;
        while (<$pp>) { chomp; my ($k, $v) = split /\t/; $peers{$k} = $v }
    }
    my %cell;      # workload, visitor, column -> pair id
    for my $id (@porder) {
        my $d = $pdef{$id};
        next if $d->{kind} eq 'one-worker';
        $cell{$d->{wl}}{$d->{visitor}}{$d->{col}} = $id;
    }
    print "| workload | visitor | ", join(' | ', map { $_->[1] } @cols), " |\n";
    print "|---|---|", join('|', map { '---:' } @cols), "|\n";
    for my $wl (qw(html-8k html-64k html-1m json-64k)) {
        for my $v (qw(undecided all)) {
            next unless grep { $cell{$wl}{$v}{$_} && $cpur{$cell{$wl}{$v}{$_}} }
                        qw(module sub_filter subs lua njs);
            my @c;
            for my $c (@cols) {
                my $col = $c->[0];
                my $id = $cell{$wl}{$col eq 'a-a' ? 'undecided' : $v}{$col};
                if ($id && $cpur{$id}) {
                    push @c, sprintf('%.2f', median(@{$cpur{$id}}))
                        . range_txt(@{$cpur{$id}});
                } elsif (($col eq 'lua' || $col eq 'subs' || $col eq 'njs')
                         && ($peers{$col} // '') ne 'checked')
                {
                    push @c, $peers{$col} // '—';
                } elsif ($v eq 'all' && $col ne 'module' && $col ne 'a-a') {
                    push @c, '— (reads no consent)';
                } elsif ($wl eq 'json-64k'
                         && ($col eq 'sub_filter' || $col eq 'subs'))
                {
                    push @c, '— (cannot remove cookies)';
                } else {
                    push @c, '—';
                }
            }
            printf "| %s | %s | %s |\n", $wlname{$wl},
                $v eq 'all' ? 'all granted' : 'undecided', join(' | ', @c);
        }
    }
    my @zones = grep { $pdef{$_}{kind} eq 'zone' && $cpur{$_} } @porder;
    if (@zones) {
        print "\nThe cost of counting: the module's worker CPU per request "
            . "without a zone over the same with cookie_consent_zone "
            . "(1 = counting costs nothing; compare with A/A):\n\n";
        print "| workload | visitor | no zone / zone |\n|---|---|---:|\n";
        for my $id (@zones) {
            my $d = $pdef{$id};
            printf "| %s | %s | %.3f%s |\n", $wlname{$d->{wl}},
                $d->{visitor} eq 'all' ? 'all granted' : 'undecided',
                median(@{$cpur{$id}}), range_txt(@{$cpur{$id}});
        }
    }
    print "\nEvery pair, medians over rounds (µs: worker CPU time per request; "
        . "req/s ratio: the filter's request rate over plain proxying's in the "
        . "same seconds; CPU share: the filter worker's CPU time over the plain "
        . "worker's, 1 when the core was shared evenly, and only then is the "
        . "req/s ratio the CPU ratio):\n\n";
    print "| pair | plain path | other path | visitor | plain req/s | other req/s | plain µs/req | other µs/req | CPU ratio | req/s ratio | CPU share | busy: nginx core / load core | errors |\n";
    print "|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    for my $id (@porder) {
        my $rs = $pairs{$id} or next;
        my $d = $pdef{$id};
        my $one = $d->{kind} eq 'one-worker';
        my $err = 0;
        $err += $_->{errors} for @$rs;
        printf "| %s | %s | %s | %s | %.0f | %.0f | %s | %s | %s | %.3f | %s | %.0f%% / %.0f%% | %d |\n",
            $id . ($one ? ' (one worker)' : '')
                . ($d->{kind} eq 'zone' ? ' (other: counting)' : ''),
            $d->{plain}, $d->{filter},
            $d->{visitor},
            median(map { $_->{plain_rps} } @$rs), median(map { $_->{filter_rps} } @$rs),
            $one ? '-' : sprintf('%.1f', median(map { $us->($_->{plain_cpu_s}, $_->{plain_requests}) } @$rs)),
            $one ? sprintf('%.1f (both)', median(map { $us->($_->{plain_cpu_s}, $_->{plain_requests} + $_->{filter_requests}) } @$rs))
                 : sprintf('%.1f', median(map { $us->($_->{filter_cpu_s}, $_->{filter_requests}) } @$rs)),
            $one ? '-' : sprintf('%.3f', median(@{$cpur{$id}})),
            median(@{$rpsr{$id}}),
            $one ? '-' : sprintf('%.2f', median(map { $_->{plain_cpu_s} > 0 ? $_->{filter_cpu_s} / $_->{plain_cpu_s} : () } @$rs)),
            100 * median(map { $_->{front_core_busy} } @$rs),
            100 * median(map { $_->{load_core_busy} } @$rs), $err;
    }
    print "\nCPU ratio round by round:\n\n";
    my @rounds = sort { $a <=> $b } keys %{{ map { $_->{round} => 1 } @paired }};
    print "| pair | ", join(' | ', map { "round $_" } @rounds), " |\n";
    print "|---|", join('|', map { '---:' } @rounds), "|\n";
    for my $id (@porder) {
        my $rs = $pairs{$id} or next;
        next if $pdef{$id}{kind} eq 'one-worker';
        my %byr = map { $_->{round} => $_ } @$rs;
        print "| $id | ", join(' | ', map {
            my $r = $byr{$_};
            my ($pu, $fu) = $r ? ($us->($r->{plain_cpu_s}, $r->{plain_requests}),
                                  $us->($r->{filter_cpu_s}, $r->{filter_requests})) : ();
            $pu && $fu ? sprintf('%.3f', $pu / $fu) : '-'
        } @rounds), " |\n";
    }
    print "\n";
}

if (@runs) {
    print "### Sequential: one scenario after the other\n\n";
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

# the module (4) against sub_filter (5) and the Lua filter (6), same
# page, same round
for my $peer (['s5', 'sub_filter', 'banner + gtag.js'],
              ['s6', 'Lua', 'banner + gtag.js + 8 Set-Cookie']) {
    my ($pid, $pname, $pdo) = @$peer;
    my @cmp = grep { $by{"s4-$_"} && $by{"$pid-$_"} } qw(8k 64k 1m);
    next unless @cmp;
    print "Sequential: the module (4: rewriting, banner, Set-Cookie) against "
        . "$pname ($pdo), same page, same round:\n\n";
    print "| page | req/s module / $pname | worker CPU per request module / $pname |\n|---|---:|---:|\n";
    for my $p (@cmp) {
        my (@r, @c);
        for my $n (keys %round) {
            my ($m, $f) = ($round{$n}{"s4-$p"}, $round{$n}{"$pid-$p"});
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

my @slow = tsv("$dir/slow.tsv");
if (@slow) {
    printf "The %d MiB page through slow readers (bench/slow-reader.pl: "
        . "%.1f MB/s, 32 KB receive buffer; the three side by side, each "
        . "on a fresh worker of its own on the nginx core). Complete: the "
        . "body ended properly (last chunk, or Content-Length reached) and "
        . "has the length and MD5 of the same response fetched at full "
        . "speed. Growth: the higher of VmHWM after and the highest VmRSS "
        . "sampled during the read, less VmHWM before.\n\n", $slow[0]{page_bytes} / 1048576, $slow[0]{rate_target} / 1e6;
    print "| visitor | location | bytes received | complete | last bytes | seconds | MB/s | VmHWM before kB | VmHWM after kB | VmRSS max during kB | growth kB | target |\n";
    print "|---|---|---:|---|---|---:|---:|---:|---:|---:|---:|---|\n";
    my %vis = (plain => 'plain proxying', undecided => 'undecided', all => 'all granted');
    for my $r (@slow) {
        # the kernel updates VmHWM lazily: the highest VmRSS sampled
        # during the read counts too
        my $peak = $r->{hwm_after_kb} > $r->{rss_max_kb} ? $r->{hwm_after_kb} : $r->{rss_max_kb};
        my $g = $peak - $r->{hwm_before_kb};
        my $ok = $r->{status} eq '200' && $r->{framing} eq 'end'
            && $r->{md5_ok} eq 'yes' && $r->{length_ok} eq 'yes';
        (my $last = $r->{last_bytes}) =~ s/\|/\\|/g;
        printf "| %s | %s | %d | %s | `%s` | %.1f | %.2f | %d | %d | %d | %d | %s |\n",
            $vis{$r->{case}} // $r->{case}, $r->{location}, $r->{bytes},
            $ok ? 'yes' : "**NO** ($r->{status}, $r->{framing}, md5 $r->{md5_ok}, length $r->{length_ok})",
            $last, $r->{seconds}, $r->{rate_MBps}, $r->{hwm_before_kb},
            $r->{hwm_after_kb}, $r->{rss_max_kb}, $g,
            $r->{case} eq 'plain' ? 'reference'
            : $g <= 1024 ? '≤ 1024 kB: met' : sprintf('≤ 1024 kB: missed by %d kB', $g - 1024);
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
