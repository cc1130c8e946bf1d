#!/usr/bin/perl
# make bench: checks what a peer (sub_filter, the Lua filter) did to a page
# before it is timed, and fails loudly when it is wrong.
#
#   check-peer.pl ORIGINAL RESPONSE BANNER WHERE
#
# WHERE is "after-body" (the banner right after the first <body ...> tag)
# or "before-end" (right before </body>).  Checks: the banner is there
# exactly once, at that place; every GA4 loader
# (<script async src="https://www.googletagmanager.com/gtag/js...) was
# made inert as the module writes it (type="text/plain"
# data-category="analytics" ... data-src=); and undoing those two changes
# gives the original page byte for byte (nothing else changed, nothing
# lost).

use strict;
use warnings;

my ($orig_f, $resp_f, $banner_f, $where) = @ARGV;
die "usage: check-peer.pl ORIGINAL RESPONSE BANNER after-body|before-end\n"
    unless defined $where && $where =~ /^(after-body|before-end)$/;

sub slurp { open my $fh, '<:raw', $_[0] or die "$_[0]: $!\n"; local $/; <$fh> }
my ($orig, $resp, $banner) = map { slurp($_) } $orig_f, $resp_f, $banner_f;

my $gtag = '<script async src="https://www.googletagmanager.com/gtag/js';
my $inert = '<script type="text/plain" data-category="analytics" async'
    . ' data-src="https://www.googletagmanager.com/gtag/js';

my @err;
my $n = () = $resp =~ /\Q$banner\E/g;
push @err, "banner $n times, not once" if $n != 1;

my $pos = index($resp, $banner);
if ($n == 1) {
    if ($where eq 'after-body') {
        my $before = substr($resp, 0, $pos);
        push @err, "banner not right after <body ...>"
            unless $before =~ /<body(?:\s[^>]*)?>\z/;
    } else {
        push @err, "banner not right before </body>"
            unless substr($resp, $pos + length $banner, 7) eq '</body>';
    }
}

my $want = () = $orig =~ /\Q$gtag\E/g;
my $left = () = $resp =~ /\Q$gtag\E/g;
my $done = () = $resp =~ /\Q$inert\E/g;
push @err, "no GA4 loader in the original page" unless $want;
push @err, "$left GA4 loader(s) left as they were" if $left;
push @err, "$done GA4 loader(s) made inert, not $want" if $done != $want;

if (!@err) {
    my $back = $resp;
    substr($back, $pos, length $banner, '');
    $back =~ s/\Q$inert\E/$gtag/g;
    if ($back ne $orig) {
        my $i = 0;
        $i++ while $i < length $back && $i < length $orig
            && substr($back, $i, 1) eq substr($orig, $i, 1);
        push @err, sprintf 'other changes: first difference at byte %d '
            . '(%d bytes, original %d)', $i, length $back, length $orig;
    }
}

die "check-peer: $resp_f: " . join('; ', @err) . "\n" if @err;
print "ok\n";
