#!/usr/bin/perl
# Configuration errors: nginx -t fails with a message naming the directive,
# the file and line, and the offending value; good values pass.

use v5.36;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use CCTest qw(:all);

my $t = CCTest->new;
my $K32 = 'k' x 32;
my $K31 = 'k' x 31;

sub server(@lines) {
    return "    server {\n        listen 127.0.0.1:%%PORT%%;\n"
        . join('', map { "        $_\n" } @lines) . "    }\n";
}
sub loc(@lines) {
    return server('location / {', (map { "    $_" } @lines), '}');
}

# A config that must pass
sub good($http, $what) {
    my ($rc, $out) = $t->nginx_t($http);
    is($rc, 0, "accepted: $what") or diag $out;
}

# A config that must fail: $needle locates the offending line, @values
# must appear in the message (directive name checked separately)
sub bad($http, $what, $directive, $needle, @values) {
    my ($rc, $out, $file, $text) = $t->nginx_t($http);
    isnt($rc, 0, "rejected: $what");
    like($out, qr/\[emerg\]/, "$what: an emerg message");
    like($out, qr/\Q$directive\E/, "$what: names $directive") or diag $out;
    my $line = line_of($text, $needle);
    like($out, qr/\Q$file\E:$line\b/, "$what: names file:line ($line)") or diag $out;
    for my $v (@values) {
        like($out, qr/\Q$v\E/, "$what: shows the value $v") or diag $out;
    }
}

# --- a full valid configuration --------------------------------------------

good(<<"EOF", 'every directive with good values');
    cookie_consent_category social;
    cookie_consent_category video_2;
    cookie_consent on;
    cookie_consent_cookies analytics exact_name "pre_*" "~^rx[0-9]+\$" "~*^ci_";
    cookie_consent_cookies social "sc_*";
    cookie_consent_unknown deny;
    cookie_consent_cookie cc domain=example.test path=/ max_age=13M samesite=strict secure;
    cookie_consent_secret $K32 ${K32}x;
    cookie_consent_revision 4;
    cookie_consent_gpc off;
    cookie_consent_request_cookies off;
    cookie_consent_expire on;
    cookie_consent_expire_domains example.test .example.org;
    map \$arg_cc \$cc_mode { default on; r report; o off; }
    server {
        listen 127.0.0.1:%%PORT%%;
        cookie_consent \$cc_mode;
        cookie_consent_cookie consent max_age=390d samesite=none;
        cookie_consent_secret $K32;
        cookie_consent_unknown marketing;
        location / {
            cookie_consent report;
            cookie_consent_cookies marketing trk;
            cookie_consent_unknown allow;
            cookie_consent_gpc on;
            cookie_consent_request_cookies on;
            cookie_consent_expire off;
            cookie_consent_require analytics marketing status=404;
        }
        location = /a { cookie_consent_require social; }
        location = /b { cookie_consent_require analytics status=204; }
        location = /cookie-consent { cookie_consent_endpoint; }
    }
EOF
good(server('cookie_consent_cookie consent max_age=6M;'), 'max_age=6M');
good(server('cookie_consent_cookie consent max_age=1h;'), 'max_age=1h');
good(server('cookie_consent off;'), 'cookie_consent off');
good(server('cookie_consent report;'), 'cookie_consent report');
good(join('', map { "    cookie_consent_category c$_;\n" } 1 .. 28)
    . "    cookie_consent_cookies c28 x;\n" . server(), '28 custom categories (32 in all)');

# --- cookie_consent_cookies ------------------------------------------------

bad(server('cookie_consent_cookies analytics "~(unclosed";'), 'bad regex',
    'cookie_consent_cookies', '~(unclosed', '(unclosed');
bad(server('cookie_consent_cookies analytics "~*[z-a]";'), 'bad regex range',
    'cookie_consent_cookies', '[z-a]', '[z-a]');
bad(server('cookie_consent_cookies social foo;'), 'unknown category',
    'cookie_consent_cookies', 'social foo', 'social');
bad(loc('cookie_consent_cookies Analytics foo;'), 'category names are case-sensitive',
    'cookie_consent_cookies', 'Analytics', 'Analytics');
bad("    cookie_consent_cookies social x;\n    cookie_consent_category social;\n" . server(),
    'category used before it is defined', 'cookie_consent_cookies', 'social x', 'social');
bad(server('cookie_consent_cookies analytics;'), 'no pattern',
    'cookie_consent_cookies', 'cookie_consent_cookies analytics');

# --- cookie_consent_category -----------------------------------------------

bad("    cookie_consent_category Bad-Name;\n" . server(), 'invalid category name',
    'cookie_consent_category', 'Bad-Name', 'Bad-Name');
bad("    cookie_consent_category " . ('a' x 33) . ";\n" . server(), 'category name over 32 characters',
    'cookie_consent_category', 'a' x 33, 'a' x 33);
bad(join('', map { "    cookie_consent_category c$_;\n" } 1 .. 29) . server(),
    '33 categories', 'cookie_consent_category', 'c29;', 'c29');
bad(server('cookie_consent_category social;'), 'category at server level',
    'cookie_consent_category', 'cookie_consent_category social');

# --- cookie_consent --------------------------------------------------------

bad(server('cookie_consent maybe;'), 'unknown cookie_consent value',
    'cookie_consent', 'cookie_consent maybe', 'maybe');
bad(loc('cookie_consent on off;'), 'two values', 'cookie_consent', 'cookie_consent on off');

# --- cookie_consent_revision_message -----------------------------------------

good(server('cookie_consent_revision_message "Policy changed.";',
            'cookie_consent_revision_message de "Richtlinie geändert.";',
            'location / { cookie_consent_revision_message fr "Changé."; }'),
     'revision messages: any language, per language, per level');
bad(server('cookie_consent_revision_message xx "Changed.";'),
    'revision message in an unknown language',
    'cookie_consent_revision_message', 'revision_message xx', 'xx');
bad(server('cookie_consent_revision_message de "a";',
           'cookie_consent_revision_message de "b";'),
    'two revision messages for one language',
    'cookie_consent_revision_message', 'revision_message de "b"',
    'is duplicate');
bad(server('cookie_consent_revision_message "";'), 'an empty revision message',
    'cookie_consent_revision_message', 'revision_message ""', 'empty text');

# --- cookie_consent_unknown ------------------------------------------------

bad(server('cookie_consent_unknown bogus;'), 'unknown cookie_consent_unknown value',
    'cookie_consent_unknown', 'bogus', 'bogus');

# --- cookie_consent_cookie -------------------------------------------------

bad(server('cookie_consent_cookie consent max_age=abc;'), 'bad max_age',
    'cookie_consent_cookie', 'max_age=abc', 'abc');
bad(server('cookie_consent_cookie consent max_age=14M;'), 'max_age of 14 months',
    'cookie_consent_cookie', 'max_age=14M', '14M');
bad(server('cookie_consent_cookie consent max_age=391d;'), 'max_age of 391 days',
    'cookie_consent_cookie', 'max_age=391d', '391d');
good(server('cookie_consent_cookie consent max_age=390d;'), 'max_age=390d');
bad(server('cookie_consent_cookie consent max_age=2y;'), 'max_age of 2 years',
    'cookie_consent_cookie', 'max_age=2y', '2y');
bad(server('cookie_consent_cookie consent samesite=bogus;'), 'bad samesite',
    'cookie_consent_cookie', 'samesite=bogus', 'bogus');
bad(server('cookie_consent_cookie consent colour=blue;'), 'unknown parameter',
    'cookie_consent_cookie', 'colour=blue', 'colour=blue');
bad(loc('cookie_consent_cookie consent;'), 'cookie_consent_cookie in a location',
    'cookie_consent_cookie', 'cookie_consent_cookie consent');

# --- cookie_consent_secret -------------------------------------------------

good(server("cookie_consent_secret $K32;"), 'secret of 32 bytes');
bad(server("cookie_consent_secret $K31;"), 'secret of 31 bytes',
    'cookie_consent_secret', $K31);
bad(server("cookie_consent_secret $K32 $K31;"), 'second secret of 31 bytes',
    'cookie_consent_secret', $K31);

# --- cookie_consent_revision, _gpc, _request_cookies, _expire ---------------

bad(server('cookie_consent_revision abc;'), 'bad revision',
    'cookie_consent_revision', 'revision abc', 'abc');
bad(server('cookie_consent_gpc maybe;'), 'bad gpc flag', 'cookie_consent_gpc', 'gpc maybe', 'maybe');
bad(server('cookie_consent_request_cookies maybe;'), 'bad request_cookies flag',
    'cookie_consent_request_cookies', 'request_cookies maybe', 'maybe');
bad(server('cookie_consent_expire maybe;'), 'bad expire flag', 'cookie_consent_expire', 'expire maybe', 'maybe');

# --- cookie_consent_require ------------------------------------------------

bad(loc('cookie_consent_require analytics status=abc;'), 'bad status',
    'cookie_consent_require', 'status=abc', 'abc');
bad(loc('cookie_consent_require analytics status=1000;'), 'status out of range',
    'cookie_consent_require', 'status=1000', '1000');
bad(loc('cookie_consent_require analytics status=99;'), 'status below 100',
    'cookie_consent_require', 'status=99', '99');
bad(loc('cookie_consent_require social;'), 'unknown category in require',
    'cookie_consent_require', 'require social', 'social');
bad(loc('cookie_consent_require status=204;'), 'no category', 'cookie_consent_require', 'status=204');
bad(server('cookie_consent_require analytics;'), 'require at server level',
    'cookie_consent_require', 'require analytics');

# --- cookie_consent_endpoint -----------------------------------------------

bad("    cookie_consent_endpoint;\n" . server(), 'endpoint at http level',
    'cookie_consent_endpoint', 'cookie_consent_endpoint;');
bad(loc('cookie_consent_endpoint on;'), 'endpoint with an argument',
    'cookie_consent_endpoint', 'cookie_consent_endpoint on');

# category names that would not fit in the 512-byte consent cookie
{
    my $names = join ' ', map { sprintf 'c%02d_%s', $_, 'x' x 26 } 1 .. 20;
    my ($rc, $out) = $t->nginx_t(<<"EOF");
    cookie_consent_category $names;
    server { listen 127.0.0.1:%%PORT%%; }
EOF
    isnt($rc, 0, 'too long category names together: nginx -t fails');
    like($out, qr/too long together for the consent cookie/,
         'too long category names: reason given');
}

# --- cookie_consent_banner_layout -------------------------------------------

good(server('cookie_consent_banner_layout box theme=light reopen=right;',
            'location / { cookie_consent_banner_layout modal theme=auto; }',
            'location /b { cookie_consent_banner_layout bar reopen=left; }'),
     'banner layouts at every level');
bad(server('cookie_consent_banner_layout popup;'), 'an unknown layout',
    'cookie_consent_banner_layout', 'layout popup', 'popup', 'bar');
bad(server('cookie_consent_banner_layout bar wall;'), 'a wall without modal',
    'cookie_consent_banner_layout', 'layout bar wall', 'wall');
bad(server('cookie_consent_banner_layout box theme=dark;'),
    'an unknown theme', 'cookie_consent_banner_layout', 'theme=dark',
    'theme=dark');
bad(server('cookie_consent_banner_layout box reopen=top;'),
    'an unknown reopen position', 'cookie_consent_banner_layout',
    'reopen=top', 'reopen=top');
bad(server('cookie_consent_banner_layout box;',
           'cookie_consent_banner_layout bar;'),
    'two layouts at one level', 'cookie_consent_banner_layout',
    'layout bar;', 'is duplicate');
{
    my ($rc, $out) = $t->nginx_t(server(
        'cookie_consent_banner_layout modal wall;'));
    is($rc, 0, 'a cookie wall: accepted');
    like($out, qr/\[warn\].*cookie_consent_banner_layout.*cookie wall/,
         'a cookie wall: a warning');
}

# --- "necessary" for a known analytics or advertising cookie: a warning ------

{
    my ($rc, $out) = $t->nginx_t(server(
        'cookie_consent_cookies necessary _ga PHPSESSID "_gcl_*" "~^_ga" my_session;'));
    is($rc, 0, 'necessary _ga: accepted');
    like($out, qr/\[warn\].*"_ga" is an analytics cookie: as "necessary".*WP29/,
         'necessary _ga: a warning');
    like($out, qr/\[warn\].*"_gcl_\*" is an advertising \(marketing\) cookie/,
         'necessary _gcl_*: a warning');
    is(scalar(() = $out =~ /\[warn\]/g), 2,
       'PHPSESSID, a regex, an unknown name: no warning');
    ($rc, $out) = $t->nginx_t(server('cookie_consent_cookies analytics _ga;'));
    unlike($out, qr/WP29/, 'analytics _ga: no warning');
}

# --- a banner without a policy link: one warning, nginx -t passes -----------

{
    my $endpoint = "location /cookie-consent { cookie_consent_endpoint; }";
    my ($rc, $out) = $t->nginx_t("    cookie_consent on;\n"
        . server($endpoint, 'location /a { }', 'location /b { }'));
    is($rc, 0, 'no cookie_consent_policy_url: accepted');
    is(scalar(() = $out =~ /\[warn\].*no policy link.*cookie_consent_policy_url/g),
       1, 'no cookie_consent_policy_url: one warning');
    ($rc, $out) = $t->nginx_t("    cookie_consent on;\n"
        . "    cookie_consent_policy_url /privacy;\n" . server($endpoint));
    unlike($out, qr/no policy link/, 'with a policy URL: no warning');
    ($rc, $out) = $t->nginx_t("    cookie_consent on;\n"
        . "    cookie_consent_banner off;\n" . server($endpoint));
    unlike($out, qr/no policy link/, 'banner off: no warning');
}

# the .so exports only what nginx's ngx_load_module() looks up with
# dlsym(): the module tables, never a cc_* symbol another module's
# symbol of the same name could stand in for (src/*.map)
SKIP: {
    skip 'the module is compiled into nginx', 2
        if CCTest::test_env('STATIC');
    my @nm = `nm -D --defined-only '$CCTest::MODULE' 2>/dev/null`;
    skip 'no nm (binutils)', 2 if $?;
    my @syms = sort map { (split ' ')[2] } grep { /^\S+ [A-Za-z] \S/ } @nm;
    is_deeply(\@syms, [qw(ngx_module_names ngx_module_order ngx_modules)],
              'nm -D: only the tables ngx_load_module() reads');
    is(scalar(grep { /\bcc_/ } @nm), 0, 'nm -D: no cc_* symbol');
}

done_testing;
