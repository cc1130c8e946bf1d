#!/usr/bin/perl
# What the HTML pass inserts and decides beyond attribute edits: the
# Google Consent Mode default first in <head>, the CSP nonce reused,
# inline tracker snippets, placeholders before blocked embeds, a site's
# own banner template; and streaming: a backend that sends the page one
# byte at a time, a 50 MB page with bounded worker memory.

use v5.36;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use CCTest qw(:all);
use IO::Socket::INET;
use Socket qw(IPPROTO_TCP TCP_NODELAY);
use Time::HiRes qw(sleep);

my $http = <<"EOF";
    cookie_consent_secret $KEY;
    cookie_consent on;

    server {
        listen 127.0.0.1:%%PORT2%%;
        cookie_consent off;
        root %%DIR%%/html;
        location /csp-nonce/ {
            add_header Content-Security-Policy
                "default-src 'self'; script-src 'self' 'nonce-Zm9vYmFy+/='";
            alias %%DIR%%/html/;
        }
        location /latin1/ {
            types { }
            default_type "text/html; charset=ISO-8859-1";
            alias %%DIR%%/html/;
        }
        location = /empty {
            default_type text/html;
            return 204;
        }
        location /csp-self/ {
            add_header Content-Security-Policy "default-src 'self'";
            alias %%DIR%%/html/;
        }
    }

    server {
        listen 127.0.0.1:%%PORT%%;
        cookie_consent_gcm on;
        location / {
            proxy_pass http://127.0.0.1:%%PORT2%%;
        }
        location /nogcm/ {
            cookie_consent_gcm off;
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
        location /tpl/ {
            cookie_consent_banner %%DIR%%/banner.tpl;
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
        location /drip/ {
            proxy_pass http://127.0.0.1:%%PORT3%%/;
            proxy_buffering off;
        }
        location /cookie-consent {
            cookie_consent_endpoint;
        }
    }
EOF

my $t = CCTest->new(http => $http);

my $gtm = q{<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':}
    . q{new Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],}
    . q{j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;j.src=}
    . q{'https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);}
    . q{})(window,document,'script','dataLayer','GTM-XXXX');</script>};
my $pixel = q{<script>!function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){}
    . q{n.callMethod?n.callMethod.apply(n,arguments):n.queue.push(arguments)};}
    . q{t=b.createElement(e);t.async=!0;t.src=v;s=b.getElementsByTagName(e)[0];}
    . q{s.parentNode.insertBefore(t,s)}(window,document,'script',}
    . q{'https://connect.facebook.net/en_US/fbevents.js');fbq('init', '123');}
    . q{fbq('track', 'PageView');</script>};
my $hotjar = q{<script>(function(h,o,t,j,a,r){h.hj=h.hj||function(){(h.hj.q=h.hj.q||[])}
    . q{.push(arguments)};h._hjSettings={hjid:1,hjsv:6};a=o.getElementsByTagName('head')[0];}
    . q{r=o.createElement('script');r.async=1;r.src=t+h._hjSettings.hjid+j+h._hjSettings.hjsv;}
    . q{a.appendChild(r);})(window,document,'https://static.hotjar.com/c/hotjar-','.js?sv=');</script>};
my $own = '<script>document.documentElement.className="js";</script>';
my $ld = '<script type="application/ld+json">{"@type":"Organization",'
    . '"sameAs":"https://www.facebook.com/acme"}</script>';

my $page = "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\">"
    . "<title>Winkel</title>$gtm$own$ld</head>\n<body>$pixel$hotjar"
    . '<iframe src="https://www.youtube.com/embed/xyz" title="Video"></iframe>'
    . "<p>Welkom</p></body></html>\n";

$t->write_file('html/page.html', $page);
(my $nolang = $page) =~ s/ lang="nl"//;
$t->write_file('html/nolang.html', $nolang);
$t->write_file('banner.tpl', '<aside id="my-banner" lang="{{lang}}">'
    . '<form method="post" action="{{endpoint}}">'
    . '<input type="hidden" name="return" value="{{return}}">'
    . '<button name="action" value="accept_all">{{accept_all}}</button>'
    . '<button name="action" value="reject_all">{{reject_all}}</button>'
    . '</form></aside>');

# a backend that writes the page one byte at a time
my $drip_port = $t->port(3);
my $drip = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => $drip_port,
    Proto => 'tcp', Listen => 8, ReuseAddr => 1) or die "listen: $!";
my $drip_pid = fork // die "fork: $!";
if ($drip_pid == 0) {
    $SIG{$_} = 'DEFAULT' for qw(TERM INT HUP);
    while (my $c = $drip->accept) {
        my $req = '';
        while ($req !~ /\r\n\r\n/) {
            sysread($c, $req, 4096, length $req) or last;
        }
        setsockopt($c, IPPROTO_TCP, TCP_NODELAY, 1);
        syswrite($c, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                   . "Connection: close\r\n\r\n");
        for my $ch (split //, $page) {
            syswrite($c, $ch) or last;
            sleep(0.0005);
        }
        close $c;
    }
    exit 0;
}
close $drip;
END { kill 'TERM', $drip_pid if $drip_pid; }

$t->run or BAIL_OUT('nginx did not start');

# -- Consent Mode default, first in <head> ---------------------------------

my $r = $t->get('/page.html');
my $b = $r->{body};
like($b, qr{<head><script>window\.dataLayer=window\.dataLayer\|\|\[\];function gtag\(\)\{dataLayer\.push\(arguments\);\}gtag\('consent','default',\{}, 'GCM default right after <head>');
like($b, qr{analytics_storage:'denied'}, 'undecided: analytics_storage denied');
like($b, qr{ad_storage:'denied',ad_user_data:'denied',ad_personalization:'denied'}, 'undecided: ads denied');
like($b, qr{security_storage:'granted'}, 'security_storage granted');
my $n = () = $b =~ /gtag\('consent','default'/g;
is($n, 1, 'one default');

$r = $t->get('/page.html', headers => [Cookie => consent_cookie('analytics')]);
like($r->{body}, qr{analytics_storage:'granted'}, 'analytics granted: analytics_storage granted');
like($r->{body}, qr{ad_storage:'denied'}, 'marketing not granted: ad_storage denied');

$r = $t->get('/nogcm/page.html');
unlike($r->{body}, qr{gtag\('consent'}, 'cookie_consent_gcm off: no default');

# -- the CSP nonce, reused -------------------------------------------------

$r = $t->get('/csp-nonce/page.html');
like($r->{body}, qr{<head><script nonce="Zm9vYmFy\+/=">window\.dataLayer}, 'GCM carries the nonce');
like($r->{body}, qr{<script src="/cookie-consent/banner\.js[^"]*" defer nonce="Zm9vYmFy\+/="|<script nonce="Zm9vYmFy\+/=" src="/cookie-consent/banner\.js},
     'banner script carries the nonce');

$r = $t->get('/csp-self/page.html');
like($r->{body}, qr{<head><script src="/cookie-consent/gcm\.js"></script>},
     "CSP without a nonce: the default from the endpoint, nothing inline");
unlike($r->{body}, qr{<script>window}, 'no inline default');

# -- inline tracker snippets -----------------------------------------------

$b = $t->get('/page.html')->{body};
like($b, qr{<script type="text/plain" data-category="analytics">\(function\(w,d,s,l,i\)}, 'GTM loader inert');
like($b, qr{<script type="text/plain" data-category="marketing">!function\(f,b,e,v,n,t,s\)}, 'Meta Pixel inert');
like($b, qr{<script type="text/plain" data-category="analytics">\(function\(h,o,t,j,a,r\)}, 'Hotjar inert');
ok(index($b, $own) >= 0, 'own inline script untouched');
ok(index($b, $ld) >= 0, 'JSON-LD untouched');

my $all = consent_cookie('preferences', 'analytics', 'marketing');
$r = $t->get('/nogcm/page.html', headers => [Cookie => $all]);
unlike($r->{body}, qr{data-category}, 'all granted: no edits');

# -- placeholders before blocked embeds, in the page's language ------------

like($b, qr{<div class="ccm-placeholder" data-ccm-for="marketing"[^>]*>.*?</div><iframe data-category="marketing" data-src="https://www\.youtube\.com/embed/xyz"}s,
     'placeholder right before the blocked iframe')
    or diag(substr($b, index($b, '<iframe') - 400, 500));
like($b, qr{<div id="ccm-banner"[^>]* lang="nl"}, 'banner in the page language (nl)');

# -- the site's own banner template ----------------------------------------

$r = $t->get('/tpl/page.html', headers => ['Accept-Language' => 'fr']);
like($r->{body}, qr{<body><aside id="my-banner" lang="nl"><form method="post" action="/cookie-consent"><input type="hidden" name="return" value="/tpl/page\.html"><button name="action" value="accept_all">Alles accepteren</button>},
     'template filled in, after <body>');
unlike($r->{body}, qr{ccm-banner}, 'no built-in banner with a template');
$r = $t->get('/tpl/page.html', headers => [Cookie => consent_cookie()]);
unlike($r->{body}, qr{my-banner}, 'decided: no template banner');

my ($rc, $out) = $t->nginx_t($http =~ s{%%DIR%%/banner\.tpl}{%%DIR%%/bad.tpl}r);
isnt($rc, 0, 'nginx -t: missing template refused');
like($out, qr{cannot open banner template}, '... with a clear error');
$t->write_file('bad.tpl', '<p>{{accept_all}} {{acept_all}}</p>');
($rc, $out) = $t->nginx_t($http =~ s{%%DIR%%/banner\.tpl}{%%DIR%%/bad.tpl}r);
isnt($rc, 0, 'nginx -t: unknown placeholder refused');
like($out, qr/unknown placeholder "\{\{acept_all\}\}"/, '... naming it');

# -- a page in another charset: the banner's non-ASCII as references ----

$r = $t->get('/nolang.html', headers => ['Accept-Language' => 'fr']);
like($r->{body}, qr{Param\x{c3}\x{a8}tres}, 'UTF-8 page: French banner in UTF-8');
$r = $t->get('/latin1/nolang.html', headers => ['Accept-Language' => 'fr']);
like($r->{body}, qr{Param&#x[eE]8;tres}, 'ISO-8859-1 page: character references');
unlike($r->{body}, qr{[\x80-\xff]}, '... and no byte outside ASCII');

# -- responses without a body to rewrite ----------------------------------

$r = $t->get('/empty');
is($r->{status}, 204, '204 passed');
is($r->{body} // '', '', '204: no banner, no default');
my $etag = hdr($t->get('/page.html'), 'ETag');
$r = $t->get('/page.html', headers => ['If-None-Match' => $etag]);
is($r->{status}, 304, '304 passed');
is($r->{body} // '', '', '304: no banner, no default');

# -- one byte at a time ----------------------------------------------------

my $whole = $t->get('/page.html', headers => [Cookie => consent_cookie('analytics')]);
$r = $t->get('/drip/page.html', headers => [Cookie => consent_cookie('analytics')]);
is($r->{status}, 200, '1-byte backend: 200');
(my $w = $whole->{body}) =~ s{/page\.html}{/drip/page.html}g;
is($r->{body}, $w, '1-byte backend: same output as one buffer');

# -- 50 MB with bounded worker memory --------------------------------------

{
    open my $fh, '>', $t->dir . '/html/big.html' or die $!;
    print $fh $page =~ s{</body></html>\n}{}r;
    my $block = ('<p>Lorem ipsum dolor sit amet, <a href="/x">consectetur</a>'
        . ' adipiscing elit.</p>' . "\n") x 512;
    my $chunk = $block . $pixel . '<img src="https://www.facebook.com/tr?id=1">';
    my $size = 0;
    while ($size < 50 * 1024 * 1024) {
        print $fh $chunk;
        $size += length $chunk;
    }
    print $fh "</body></html>\n";
    close $fh;
}

sub worker_hwm($t) {
    for my $pid ($t->{pid}, CCTest::_children($t->{pid})) {
        open my $fh, '<', "/proc/$pid/status" or next;
        my $st = do { local $/; <$fh> };
        next unless $st =~ /^Name:\s*nginx/m;
        next if !test_env('MASTER_OFF') && $pid == $t->{pid};
        return $1 if $st =~ /^VmHWM:\s*(\d+) kB/m;
    }
    return undef;
}

$t->get('/page.html');
my $before = worker_hwm($t);
$r = $t->get('/big.html');
my $after = worker_hwm($t);
my $len = -s $t->dir . '/html/big.html';
ok(length($r->{body}) > $len, '50 MB page: all there, with the edits');
unlike(substr($r->{body}, -2000), qr{<img src="https://www\.facebook\.com}, '50 MB page: trackers at the end inert');
SKIP: {
    skip 'no /proc worker status', 1 unless defined $before && defined $after;
    my $growth = $after - $before;
    cmp_ok($growth, '<=', 4096, "50 MB page: worker peak memory grew by ${growth} kB")
        or diag("VmHWM before $before kB, after $after kB");
}

done_testing();
