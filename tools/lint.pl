#!/usr/bin/perl
# The nginx code style of src/, checked mechanically ("make lint"):
#
#   columns    at most 80 characters a line (UTF-8 counts one a character)
#   tabs       none; no trailing white space
#   comments   no // comment (C99): /* */ only
#   prototypes every static function of the glue (ngx_http_*.c) is
#              declared first, at the top of the file as nginx does (the
#              nginx-free cc_*.c define their helpers before use)
#   alignment  the names of a function's top declarations (each group
#              between blank lines) start in one column
#   NULL       the result of an allocation (ngx_palloc(), ngx_array_push(),
#              malloc(), a cc_alloc_pt, ...) assigned to something is
#              compared with NULL (or tested) within the next lines;
#              an allocation neither assigned nor returned is an error
#
# Then the compiler: clang -Wextra -Wshadow -Wmissing-prototypes
# -Wdeclaration-after-statement (declarations at the top of a block)
# -Wconditional-uninitialized (nginx's configure adds it for clang, the
# sanitizer build stops on it) -Werror, -Wno-unused-parameter as nginx's
# own build; the glue against the configured nginx tree the Makefile uses
# (--nginx DIR, default build/nginx), the nginx-free core as C99 alone.
#
#   perl tools/lint.pl [--nginx DIR] [--no-cc] [FILE...]   (default src/*)
#
# Prints FILE:LINE: what, one per problem, and exits 1 when there is any.

use v5.36;
use Getopt::Long;

my $nginx = 'build/nginx';
my $no_cc = 0;
GetOptions('nginx=s' => \$nginx, 'no-cc' => \$no_cc) or exit 2;

my @files = @ARGV ? @ARGV : sort glob 'src/*.[ch]';
my $problems = 0;

sub problem($file, $line, $what) {
    say "$file:$line: $what";
    $problems++;
}

# allocators whose NULL result must be checked
my $ALLOC = qr/\b(?:ngx_palloc|ngx_pnalloc|ngx_pcalloc|ngx_alloc|ngx_calloc
    |ngx_array_create|ngx_array_push|ngx_array_push_n|ngx_list_create
    |ngx_list_push|ngx_create_temp_buf|ngx_calloc_buf|ngx_alloc_chain_link
    |ngx_chain_get_free_buf|ngx_pool_cleanup_add|ngx_create_pool
    |malloc|calloc|realloc|strdup|alloc)\s*\(/x;

my $KEYWORD = qr/^(?:return|if|for|while|switch|case|goto|do|else|sizeof
    |break|continue|default)$/x;

for my $file (@files) {
    open my $fh, '<:encoding(UTF-8)', $file or die "$file: $!";
    my @lines = <$fh>;
    close $fh;
    chomp @lines;

    # the code with comments and literals blanked, line for line
    my @code = strip_comments_and_strings(@lines);

    my $n;

    for my $i (0 .. $#lines) {
        my $l = $lines[$i];
        $n = $i + 1;

        problem($file, $n, 'over 80 columns (' . length($l) . ')')
            if length $l > 80;
        problem($file, $n, 'tab') if $l =~ /\t/;
        problem($file, $n, 'trailing white space') if $l =~ /[ \t]+$/;
        problem($file, $n, '// comment') if $code[$i] =~ m{//};
    }

    next unless $file =~ /\.c$/;

    # static prototypes: "static TYPE NAME(...);" before the definition
    # "static TYPE\nNAME(" at the start of a line
    # the nginx-free core (cc_*.c) is plain C99 that defines its helpers
    # before their use: the prototype rule is the glue's
    check_prototypes($file, \@code) if $file =~ m{(?:^|/)ngx_[^/]*\.c$};

    check_alignment($file, \@code);
    check_allocations($file, \@code);
}

# the compiler
my @glue = grep { m{/ngx_http_\w+\.c$} } @files;
my @core = grep { m{/cc_\w+\.c$} } @files;
my @warn = qw(-Wall -Wextra -Wshadow -Wmissing-prototypes
    -Wdeclaration-after-statement -Wconditional-uninitialized
    -Wno-unused-parameter -Werror -fsyntax-only);

@glue = @core = () if $no_cc;

if (@glue) {
    if (!-f "$nginx/objs/ngx_auto_config.h") {
        say "$nginx is not configured: run make first";
        $problems++;
    } else {
        # nginx's own headers are not ours to lint
        my @inc = map { ('-isystem', "$nginx/$_") } qw(src/core src/event
            src/event/modules src/os/unix objs src/http src/http/modules
            src/http/v2);
        for my $f (@glue) {
            system('clang', @warn, @inc, '-Isrc', $f) == 0 or $problems++;
        }
    }
}
for my $f (@core) {
    system('clang', '-std=c99', @warn, '-Isrc', $f) == 0 or $problems++;
}

say "lint: " . ($problems ? "$problems problem(s)" : 'clean')
    . ' in ' . scalar(@files) . ' files';
exit($problems ? 1 : 0);


# "static TYPE NAME(...);" before the definition "static TYPE\nNAME("
sub check_prototypes($file, $code) {
    my %declared;
    my $text = join "\n", @$code;
    while ($text =~ /^static\b[^;{}()]*?\b(\w+)\s*\([^;{]*?\)\s*;/mg) {
        $declared{$1} //= line_at($text, $-[0]);
    }
    for my $i (1 .. $#$code) {
        next unless $code->[$i - 1] =~ /^static\b/
            && $code->[$i - 1] !~ /[;=(]/;
        next unless $code->[$i] =~ /^(\w+)\(/;
        my $name = $1;
        my $decl = $declared{$name};
        problem($file, $i + 1, "static $name() has no prototype before it")
            unless defined $decl && $decl < $i + 1;
    }
}

sub line_at($text, $pos) {
    return 1 + (substr($text, 0, $pos) =~ tr/\n//);
}

# comments and the insides of string and character literals become spaces
sub strip_comments_and_strings(@lines) {
    my $text = join "\n", @lines;
    $text =~ s{
        (/\*.*?\*/)                         # comment
      | ("(?:[^"\\\n]|\\.)*")               # string
      | ('(?:[^'\\\n]|\\.)*')               # character
    }{
        my $m = $&;
        my $keep = defined $1 ? '' : substr($m, 0, 1);
        $m =~ s/[^\n]/ /g;
        $keep ne '' ? $keep . substr($m, 1, -1) . $keep : $m
    }gsex;
    return split /\n/, $text, -1;
}

# The declarations at the top of each function (a "{" in column 0): in
# each group between blank lines, the names start in one column
sub check_alignment($file, $code) {
    my $i = 0;
    while ($i < @$code) {
        if ($code->[$i] ne '{') { $i++; next }
        $i++;
        my @group;
        my $depth = 0;
        while ($i < @$code) {
            my $l = $code->[$i];
            if ($l =~ /^\s*#/) { $i++; next }
            if ($depth) {
                $depth += () = $l =~ /\{/g;
                $depth -= () = $l =~ /\}/g;
                $i++;
                next;
            }
            if ($l =~ /^\s*$/) {
                aligned($file, @group);
                @group = ();
                $i++;
                next;
            }
            my $col = decl_column($l);
            last unless defined $col;
            push @group, [$i + 1, $col];
            $depth += () = $l =~ /\{/g;
            $depth -= () = $l =~ /\}/g;
            $i++;
        }
        aligned($file, @group);
    }
}

sub aligned($file, @group) {
    return if @group < 2;
    my $col = $group[0][1];
    for my $d (@group[1 .. $#group]) {
        problem($file, $d->[0], "declaration not aligned with line "
            . "$group[0][0] (name in column " . ($d->[1] + 1)
            . ', not ' . ($col + 1) . ')')
            if $d->[1] != $col;
    }
}

# the column where a declaration's first name starts, or undef when the
# line is no declaration
sub decl_column($l) {
    return undef unless $l =~ /^(\s+)((?:(?:static|const|unsigned|signed
        |struct|volatile|register)\s+)*[A-Za-z_]\w*)(\s+)(\**)([A-Za-z_]\w*)
        \s*(?:\[[^\]]*\]\s*)*(?:[,;=)]|$)/x;
    my ($indent, $type, $gap, $stars, $name) = ($1, $2, $3, $4, $5);
    my ($first) = $type =~ /(\w+)$/;
    return undef if $type =~ $KEYWORD || $first =~ $KEYWORD
        || $name =~ $KEYWORD;
    # nginx aligns the names: a pointer's "*" stands left of the column
    return length($indent) + length($type) + length($gap) + length($stars);
}

# an allocation's result is compared with NULL, tested or returned
sub check_allocations($file, $code) {
    for my $i (0 .. $#$code) {
        my $l = $code->[$i];
        next unless $l =~ $ALLOC;
        next if $l =~ /^\w/;                       # a definition
        next if $l =~ /^\s*\w[\w\s\*]*\(\*?\w+\)\s*\(/;   # a prototype
        next if $l =~ /typedef/;
        next if $l =~ /^\s*(?:static\s+)?[\w\s]+\*?\s*\(\*\w+\)\(/;
        if ($l =~ /^\s*return\b/) { next }
        if ($l =~ /^\s*(\S.*?)\s*=\s*(?:\([^()]*\)\s*)?$ALLOC/) {
            my $lhs = quotemeta $1;
            my $window = join ' ', @$code[$i .. ($i + 12 > $#$code
                ? $#$code : $i + 12)];
            next if $window =~ /$lhs\s*[=!]=\s*NULL|NULL\s*[=!]=\s*$lhs
                |!\s*$lhs\b|if\s*\(\s*$lhs\s*\)|\(\s*$lhs\s*&&/x;
            problem($file, $i + 1, "no NULL check of \"$1\" after the "
                . 'allocation');
            next;
        }
        # a call whose result is used in place: in a condition, fine;
        # anything else is an allocation that nobody checks
        next if $l =~ /\bif\s*\(.*$ALLOC.*(?:==|!=)\s*NULL/;
        next if ($code->[$i + 1] // '') =~ /^\s*(?:==|!=)\s*NULL/;
        next if $l =~ /\bstatic\b|\(\*\w+\)|\w+_pt\b/;
        problem($file, $i + 1, 'allocation neither assigned nor returned');
    }
}
