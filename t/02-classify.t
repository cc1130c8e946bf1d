#!/usr/bin/perl
# Cookie name classification: built-in rules, exact / prefix / regex
# precedence, inheritance between levels, unknown names.
#
# A name's category is observed through the Set-Cookie filter: a cookie
# kept for an undecided visitor is necessary (or unknown=allow); otherwise
# it is the one category whose sole consent keeps it.

use v5.36;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use CCTest qw(:all);

my $t = CCTest->new(http => backend_conf() . <<"EOF");
    cookie_consent_secret $KEY;
    cookie_consent_category social;
    cookie_consent on;

    cookie_consent_cookies analytics "abc_*" tracker_x httplevel;
    cookie_consent_cookies marketing "abc_long_*";
    cookie_consent_cookies preferences abc_long_exact;
    cookie_consent_cookies analytics "~^rx_";
    cookie_consent_cookies marketing "~^rx_m";
    cookie_consent_cookies preferences rx_exact;
    cookie_consent_cookies marketing "~*^ci_";
    cookie_consent_cookies preferences "~^CS_";
    cookie_consent_cookies analytics "pp_*";
    cookie_consent_cookies marketing "~^pp_";
    cookie_consent_cookies marketing "~tracker";
    cookie_consent_cookies social "sc_*" social_exact;
    cookie_consent_cookies analytics "~^num[0-9]+\$";

    server {
        listen 127.0.0.1:%%PORT%%;
        cookie_consent_cookies marketing tracker_x;
        cookie_consent_cookies preferences srvlevel;

        location / {
            proxy_pass http://127.0.0.1:%%PORT2%%;
        }
        location /loc/ {
            cookie_consent_cookies preferences tracker_x;
            cookie_consent_cookies marketing loclevel;
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
        location /override/ {
            cookie_consent_cookies necessary _ga;
            cookie_consent_cookies marketing "_gat*";
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
        location /deny/ {
            cookie_consent_unknown deny;
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
        location /unk-mkt/ {
            cookie_consent_unknown marketing;
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
    }

    server {
        listen 127.0.0.1:%%PORT3%%;
        location / {
            proxy_pass http://127.0.0.1:%%PORT2%%;
        }
    }
EOF

ok($t->run, 'nginx started') or BAIL_OUT('nginx did not start');

my @CATS = qw(preferences analytics marketing social);

# name => observed category for a batch of names
sub classify($path, @names) {
    my %cat;
    my $port = $path =~ s/^port3:// ? $t->port(3) : $t->port;
    for (my $i = 0; $i < @names; $i += 40) {
        my @batch = @names[$i .. ($i + 39 > $#names ? $#names : $i + 39)];
        my @h = sc_headers(map { "$_=v; Path=/" } @batch);
        my %kept;
        for my $c ('', @CATS, 'all') {
            my @cookie = $c eq '' ? ()
                : (Cookie => consent_cookie($c eq 'all' ? @CATS : $c));
            my $r = $t->get($path, headers => [@h, @cookie], port => $port);
            is($r->{status}, 200, "$path: status") unless $r->{status} == 200;
            $kept{$c}{$_} = 1 for cookie_names($r);
        }
        for my $n (@batch) {
            my @only = grep { $kept{$_}{$n} } @CATS;
            $cat{$n} = $kept{''}{$n} ? 'necessary'
                : @only == 1 ? $only[0]
                : !$kept{all}{$n} ? 'denied'
                : 'unclear:' . join(',', @only);
        }
    }
    return \%cat;
}

sub check($path, $what, %want) {
    my $got = classify($path, sort keys %want);
    for my $n (sort keys %want) {
        is($got->{$n}, $want{$n}, "$what: $n is $want{$n}");
    }
}

# --- built-in rules --------------------------------------------------------

my %builtin = (
    # analytics
    _ga => 'analytics', _ga_ABC123XYZ => 'analytics', _gid => 'analytics',
    _gat => 'analytics', _gat_UA_1 => 'analytics',
    __utma => 'analytics', __utmz => 'analytics', __utmb => 'analytics',
    _hjSessionUser_123 => 'analytics', _hjid => 'analytics', _hjSession_9 => 'analytics',
    _clck => 'analytics', _clsk => 'analytics',
    '_pk_id.1.1fff' => 'analytics', '_pk_ses.1.1fff' => 'analytics',
    # marketing
    _gcl_au => 'marketing', _gcl_aw => 'marketing', _fbp => 'marketing',
    _fbc => 'marketing', fr => 'marketing', IDE => 'marketing',
    test_cookie => 'marketing', _uetsid => 'marketing', _uetvid => 'marketing',
    MUID => 'marketing', _ttp => 'marketing', li_fat_id => 'marketing',
    bcookie => 'marketing', hubspotutk => 'marketing', __hstc => 'marketing',
    # necessary
    PHPSESSID => 'necessary', JSESSIONID => 'necessary', csrftoken => 'necessary',
    'XSRF-TOKEN' => 'necessary', sessionid => 'necessary',
    laravel_session => 'necessary', AWSALB => 'necessary',
    AWSALBCORS => 'necessary', SERVERID => 'necessary', __cf_bm => 'necessary',
    consent => 'necessary',
    # preferences
    'wp-settings-1' => 'preferences', 'wp-settings-time-1' => 'preferences',
    # unknown (allow)
    some_unknown_cookie => 'necessary',
    # names are case-sensitive: not the built-in exact _fbp / IDE
    _FBP => 'necessary', ide => 'necessary',
);
check('/', 'built-in', %builtin);

# nginx.conf rules replace built-in ones for the same pattern
check('/override/', 'override of built-ins',
    _ga => 'necessary',         # exact _ga replaced by "necessary"
    _ga_XYZ => 'analytics',     # the built-in prefix _ga_* is another pattern
    _gat => 'marketing',        # prefix _gat* replaced by "marketing"
    _gat_UA_5 => 'marketing',
);

# --- precedence ------------------------------------------------------------

check('port3:/', 'precedence',
    abc_long_exact => 'preferences',   # exact beats prefixes
    abc_long_x => 'marketing',         # longest prefix
    abc_x => 'analytics',              # shorter prefix
    abc_ => 'analytics',               # prefix matches an empty rest
    rx_exact => 'preferences',         # exact beats regex
    rx_m1 => 'analytics',              # first matching regex in config order
    rx_tracker => 'analytics',         # ~^rx_ comes before ~tracker
    xtrackerx => 'marketing',          # regexes are not anchored
    pp_1 => 'analytics',               # prefix beats regex
    ci_lower => 'marketing',           # ~* is case-insensitive
    CI_UPPER => 'marketing',
    CS_upper => 'preferences',         # ~ is case-sensitive
    cs_lower => 'necessary',           #   (so this is unknown = allow)
    num123 => 'analytics',
    num123x => 'necessary',            # $ anchors
    sc_share => 'social',              # custom category, prefix
    social_exact => 'social',
    httplevel => 'analytics',
    tracker_x => 'analytics',          # no server-level rule on this server
    srvlevel => 'necessary',           # a rule of another server
    loclevel => 'necessary',           # a rule of another location
);

# --- inheritance -----------------------------------------------------------

check('/', 'server level',
    tracker_x => 'marketing',          # server rule replaces the http one
    srvlevel => 'preferences',
    httplevel => 'analytics',          # http rules accumulate
    abc_long_x => 'marketing',
    loclevel => 'necessary',
);
check('/loc/', 'location level',
    tracker_x => 'preferences',        # location rule replaces the server one
    loclevel => 'marketing',
    srvlevel => 'preferences',         # server rules accumulate
    httplevel => 'analytics',          # http rules accumulate
    rx_m1 => 'analytics',
    _fbp => 'marketing',               # built-ins still there
);

# --- unknown ---------------------------------------------------------------

check('/deny/', 'unknown deny',
    unknown_deny_1 => 'denied',
    PHPSESSID => 'necessary',
    _gid => 'analytics',
);
check('/unk-mkt/', 'unknown marketing',
    unknown_mkt_1 => 'marketing',
    PHPSESSID => 'necessary',
    _gid => 'analytics',
);

# an unknown name is logged once (per worker) at notice level
{
    my $name = 'zz_unclassified_' . int(rand 1e6);
    $t->get('/', headers => [sc_headers("$name=1")]);
    $t->get('/', headers => [sc_headers("$name=2")]);
    $t->get('/', headers => [Cookie => "$name=3"]);
    my @lines = grep { /\Q"$name"\E/ } split /\n/, $t->error_log;
    is(scalar @lines, 1, 'unclassified cookie logged once') or diag explain \@lines;
    like($lines[0] // '', qr/\[notice\] .*cookie consent: unclassified cookie "\Q$name\E"/,
        'notice: cookie consent: unclassified cookie "NAME"');
    unlike($t->error_log, qr/unclassified cookie "(?:_gid|PHPSESSID|abc_x|rx_m1)"/,
        'classified names are not logged as unclassified');
}

done_testing;
