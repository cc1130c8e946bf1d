#!/usr/bin/perl
# A decided visitor who granted everything (issue 14): the page only
# gains the "Cookie settings" control (and the Consent Mode default), so a
# page of known length keeps an exact Content-Length instead of going out
# chunked.  The control's language comes from the page's <html lang>,
# read after the headers: the length announced is that of the longest
# control, and the page ends in spaces for what the control came short.
# Every language, both charsets (and one the charset module names after
# this module's header filter has run), pages without <body> or <head>,
# a CSP nonce, HEAD, keep-alive (a byte too many or too few would break
# the next response), and the cases that stay chunked: other visitors,
# an upstream without Content-Length, gzip after the module.

use v5.36;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use CCTest qw(:all);
use IO::Uncompress::Gunzip qw(gunzip);

CCTest::need_module();

my $http = <<"EOF";
    cookie_consent_secret $KEY;
    cookie_consent on;

    server {
        listen 127.0.0.1:%%PORT2%%;
        cookie_consent off;
        root %%DIR%%/html;
        location /latin1/ {
            types { }
            default_type "text/html; charset=ISO-8859-1";
            alias %%DIR%%/html/;
        }
        location /csp/ {
            add_header Content-Security-Policy
                "script-src 'self' 'nonce-Zm9vYmFy+/='";
            alias %%DIR%%/html/;
        }
        location /chunked/ {
            chunked_transfer_encoding on;
            proxy_pass http://127.0.0.1:%%PORT2%%/;
            proxy_http_version 1.1;
            # no Content-Length from here: the body is a subrequest's
            ssi on;
        }
        location = /ssi.html {
            default_type text/html;
            return 200 '<html><body><p>ssi</p></body></html>';
        }
    }

    server {
        listen 127.0.0.1:%%PORT%%;
        location / {
            proxy_pass http://127.0.0.1:%%PORT2%%;
        }
        location /gcm/ {
            cookie_consent_gcm on;
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
        location /gz/ {
            gzip on;
            gzip_min_length 1;
            gzip_types text/html;
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
        location /static/ {
            alias %%DIR%%/html/;
        }
        location /charset/ {
            # the charset module names the charset after this module's
            # header filter has run, without recoding: the length stays
            charset windows-1251;
            alias %%DIR%%/html/;
        }
        location /cookie-consent {
            cookie_consent_endpoint;
        }
    }
EOF

my $t = CCTest->new(http => $http);

my @langs = qw(bg cs da de el en es et fi fr ga hr hu it lt lv mt nl pl pt
               ro sk sl sv);

sub page($lang, %o) {
    my $head = $o{nohead} ? '' : '<head><title>T</title></head>';
    my $body = $o{nobody} ? '<p>no body tag</p>'
                          : '<body><p>text</p></body>';
    return qq{<!DOCTYPE html><html lang="$lang">$head$body</html>\n};
}

$t->write_file("html/$_.html", page($_)) for @langs;
$t->write_file('html/nobody.html', page('de', nobody => 1));
$t->write_file('html/bare.html', "<p>a fragment, no tags around it</p>\n");
$t->write_file('html/nohead.html', page('fr', nohead => 1));
$t->write_file('html/gtag.html', '<html lang="en"><head><script async '
    . 'src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>'
    . '</head><body><p>x</p></body></html>');
$t->write_file('html/big.html', '<html lang="ga"><head></head><body>'
    . ('<p>' . ('x' x 70) . "</p>\n") x 3000 . "</body></html>\n");
$t->write_file('html/ssi-page.html',
    '<html><body><!--# include virtual="/ssi.html" --></body></html>');

$t->run;

my $all = consent_cookie('preferences', 'analytics', 'marketing');
my $some = consent_cookie('analytics');

# one response: Content-Length, not chunked, body of that length ending
# in the page and spaces only, the control in it
sub exact_ok($r, $src, $what) {
    my $cl = hdr($r, 'Content-Length');
    my $ok = $r->{status} == 200 && defined $cl && !$r->{chunked}
        && !defined hdr($r, 'Transfer-Encoding')
        && length($r->{body}) == $cl
        && $r->{body} =~ /<a id="ccm-reopen"/;
    (my $stripped = $r->{body}) =~ s/ +\z//;
    # the control ends the document (browsers put it at the end of <body>)
    $ok &&= $stripped =~ m{<a id="ccm-reopen"[^>]*>[^<]*</a>\n<script src="[^"]*banner\.js[^"]*"[^>]*></script>\n\z};
    (my $bare = $stripped) =~ s/<link rel="stylesheet"[^>]*>\n//;
    $bare =~ s/<a id="ccm-reopen"[^>]*>[^<]*<\/a>\n//;
    $bare =~ s/<script src="[^"]*banner\.js[^"]*"[^>]*><\/script>\n//;
    $bare =~ s/<script[^>]*>[^<]*gtag\('consent'[^<]*<\/script>//;
    $bare =~ s/<script src="[^"]*gcm\.js"[^>]*><\/script>//;
    $ok &&= $bare eq $src;
    ok($ok, "$what: exact Content-Length, page intact")
        or diag(explain({ cl => $cl, len => length $r->{body},
                          chunked => $r->{chunked}, body => $r->{body} }));
    return $ok;
}

# --- every language, UTF-8 and Latin-1 pages ---------------------------------

my (%pad, $bad);
for my $lang (@langs) {
    for my $loc ('', '/latin1', '/static', '/charset') {
        my $r = $t->get("$loc/$lang.html", headers => [Cookie => $all]);
        $bad++ unless exact_ok($r, page($lang), "$lang$loc");
        $r->{body} =~ /( *)\z/;
        $pad{length $1}++;
        $bad++ unless $r->{body} =~ /<a id="ccm-reopen"[^>]* lang="$lang"/;
    }
}
ok(!$bad, 'the control in the page\'s language everywhere');

# a charset the charset module names after this module's header filter:
# the control in character references, the length counted for them
my $cs = $t->get('/charset/bg.html', headers => [Cookie => $all]);
like($cs->{body}, qr/<a id="ccm-reopen"[^>]*>[^<]*&#x?[0-9A-Fa-f]+;/,
     'charset module: the control in character references');
my $csh = $t->head('/charset/bg.html', headers => [Cookie => $all]);
is(hdr($csh, 'Content-Length'), hdr($cs, 'Content-Length'),
   'charset module: HEAD announces the length of the GET');
ok((grep { $_ == 0 } keys %pad),
   'the widest language needs no padding: the bound is tight');
ok((grep { $_ > 0 } keys %pad), 'shorter languages are padded');

# a page without <body>: the control at its end; without <head>
exact_ok($t->get('/nobody.html', headers => [Cookie => $all]),
         page('de', nobody => 1), 'no <body>');
exact_ok($t->get('/bare.html', headers => [Cookie => $all]),
         "<p>a fragment, no tags around it</p>\n", 'a fragment');
exact_ok($t->get('/nohead.html', headers => [Cookie => $all]),
         page('fr', nohead => 1), 'no <head>');

# the Consent Mode default too; inline with a nonce, or gcm.js
for my $p ('/gcm/en.html', '/gcm/nohead.html', '/gcm/bare.html',
           '/gcm/csp/en.html', '/gcm/gtag.html')
{
    my $r = $t->get($p, headers => [Cookie => $all]);
    (my $f = $p) =~ s{^/gcm(/csp)?/}{};
    my $src = $t->read_file("html/$f");
    exact_ok($r, $src, "Consent Mode default: $p");
}
my $r = $t->get('/gcm/csp/en.html', headers => [Cookie => $all]);
like($r->{body}, qr/nonce="Zm9vYmFy\+\/="/, 'the nonce carried');

# a page of 225 KB, the tokenizer passing it on after the control
exact_ok($t->get('/big.html', headers => [Cookie => $all]),
         $t->read_file('html/big.html'), 'a large page');

# --- keep-alive: the next response on the connection is read right ----------

my @k = $t->keepalive(['GET', '/de.html', headers => [Cookie => $all]],
                      ['GET', '/ga.html', headers => [Cookie => $all]],
                      ['HEAD', '/en.html', headers => [Cookie => $all]],
                      ['GET', '/en.html', headers => [Cookie => $all]],
                      ['GET', '/nobody.html', headers => [Cookie => $all]]);
is(scalar(grep { ($_->{status} // 0) == 200 } @k), 5,
   'keep-alive: five responses on one connection');
exact_ok($k[0], page('de'), 'keep-alive, first');
exact_ok($k[1], page('ga'), 'keep-alive, second');
exact_ok($k[3], page('en'), 'keep-alive, after a HEAD');
exact_ok($k[4], page('de', nobody => 1), 'keep-alive, last');
is(hdr($k[2], 'Content-Length'), hdr($k[3], 'Content-Length'),
   'HEAD announces the length of the GET');

# HTTP/1.0: no chunked encoding there; the length is what ends the body
$r = $t->request("GET /de.html HTTP/1.0\r\nHost: localhost\r\n"
                 . "Cookie: $all\r\n\r\n");
exact_ok($r, page('de'), 'HTTP/1.0');

# --- chunked as before ----------------------------------------------------------

$r = $t->get('/de.html');
ok($r->{chunked} && !defined hdr($r, 'Content-Length'),
   'undecided visitor (the banner): chunked');
like($r->{body}, qr/ccm-banner/, 'undecided visitor: the banner');

$r = $t->get('/gtag.html', headers => [Cookie => $some]);
ok($r->{chunked} && !defined hdr($r, 'Content-Length'),
   'a visitor who refused a category (tags rewritten): chunked');
unlike($r->{body}, qr/ +\z/, 'no padding');

$r = $t->get('/chunked/ssi-page.html', headers => [Cookie => $all]);
ok($r->{chunked} && !defined hdr($r, 'Content-Length'),
   'an upstream without Content-Length: chunked');
like($r->{body}, qr{<p>ssi</p></body></html></body></html><link [^>]*>\n<a id="ccm-reopen"[^>]*>[^<]*</a>\n<script [^>]*></script>\n\z},
     'its control, at the end of the document and its inclusion');
unlike($r->{body}, qr/ +\z/, 'no padding');

$r = $t->get('/gz/ga.html', headers => [Cookie => $all,
                                        'Accept-Encoding' => 'gzip']);
is(hdr($r, 'Content-Encoding'), 'gzip', 'gzip after the module');
ok(!defined hdr($r, 'Content-Length'), 'gzip: no Content-Length');
gunzip(\$r->{body} => \my $plain);
like($plain, qr/<a id="ccm-reopen"/, 'gzip: the control');
unlike($plain, qr/ +\z/, 'gzip: no padding');

done_testing();
