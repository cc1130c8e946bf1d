#!/usr/bin/perl
# The banner: inserted right after <body> for undecided visitors, in the
# visitor's language, replaced by a small "Cookie settings" control once
# decided; its CSS and JavaScript are served by the endpoint location.

use v5.36;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use CCTest qw(:all);

my $t = CCTest->new(http => <<"EOF");
    cookie_consent_secret $KEY;
    cookie_consent on;
    cookie_consent_policy_url /privacy;

    server {
        listen 127.0.0.1:%%PORT2%%;
        cookie_consent off;
        root %%DIR%%/html;
    }

    server {
        listen 127.0.0.1:%%PORT%%;
        location / {
            proxy_pass http://127.0.0.1:%%PORT2%%;
        }
        location /nobanner/ {
            cookie_consent_banner off;
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
        location /de/ {
            cookie_consent_language de;
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
        location /rev2/ {
            cookie_consent_revision 2;
            cookie_consent_revision_message "Our cookie policy changed on 1 December: <please> choose again.";
            cookie_consent_revision_message de "Unsere Cookie-Richtlinie hat sich geändert.";
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
        location /box/ {
            cookie_consent_banner_layout box theme=light reopen=right;
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
        location /wall/ {
            cookie_consent_banner_layout modal wall;
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
        location /cookie-consent {
            cookie_consent_endpoint;
        }
        location /cookie-consent-light {
            cookie_consent_endpoint;
            cookie_consent_banner_layout bar theme=light;
        }
    }
EOF

my $page = '<!DOCTYPE html><html lang="en"><head><title>Shop</title></head>'
    . '<body class="home"><h1>Shop</h1></body></html>';
$t->write_file('html/page.html', $page);
$t->write_file('html/nobody.html', '<p>fragment without a body</p>');
(my $nolang = $page) =~ s/ lang="en"//;
$t->write_file('html/nolang.html', $nolang);
(my $fr = $page) =~ s/lang="en"/LANG=fr-FR/;
$t->write_file('html/fr.html', $fr);
$t->run or BAIL_OUT('nginx did not start');

my $r = $t->get('/page.html');
my $b = $r->{body};
my $n = () = $b =~ /id="ccm-banner"/g;
is($n, 1, 'undecided: one banner');
like($b, qr{<body class="home"><link rel="stylesheet" href="/cookie-consent/banner\.css[^"]*">\s*<div id="ccm-banner"},
     'banner right after <body>');
like($b, qr{<form[^>]+method="post" action="/cookie-consent"}, 'plain form to the endpoint');
like($b, qr{name="return" value="/page\.html"}, 'returns to the page');
for my $a (qw(accept_all reject_all)) {
    like($b, qr{<button type="submit" name="action" value="$a" class="ccm-btn"[ >]},
         "$a: a button of the same kind");
}
like($b, qr{<button type="submit" value="save" class="ccm-btn" formmethod="get"[^>]*>Settings</button>},
     'Settings: a button of the same kind, asking for the preferences page');
like($b, qr{<fieldset id="ccm-cats" class="ccm-cats ccm-fold">}, 'categories folded from the first paint');

# "Settings" without the script: the form's fields as a query
{
    my ($ret) = $b =~ /name="return" value="([^"]*)"/;
    my ($lang) = $b =~ /name="lang" value="([^"]*)"/;
    is($lang, 'en', 'the form carries the banner\'s language');
    my $q = 'return=' . join('', map { sprintf '%%%02X', ord } split //, $ret) . "&lang=$lang";
    my $p = $t->get("/cookie-consent?$q", headers => ['Accept-Language' => 'de']);
    is($p->{status}, 200, 'Settings without the script: the preferences page');
    like($p->{body}, qr{<html lang="en">.*name="return" value="/page\.html".*value="analytics">}s,
         'in the banner\'s language, with the way back and the categories');
}
like($b, qr{value="necessary" checked disabled}, 'necessary fixed on');
like($b, qr{value="analytics">}, 'analytics unticked');
like($b, qr{href="/privacy"}, 'policy link');
like($b, qr{<script src="/cookie-consent/banner\.js[^"]*" defer></script>},
     'script from the endpoint, no inline code');
unlike($b, qr{<script>|style="}, 'nothing inline (CSP default-src self)');
(my $rest = $b) =~ s{<link rel="stylesheet" href="/cookie-consent/banner\.css.*?</script>\n?}{}s;
is($rest, $page, 'the page is otherwise unchanged');

# languages: the page's <html lang>, then Accept-Language, then the default
$r = $t->get('/nolang.html', headers => ['Accept-Language' => 'nl-BE,nl;q=0.9,en;q=0.5']);
like($r->{body}, qr{<div id="ccm-banner"[^>]* lang="nl"}, 'Dutch banner for nl-BE');
like($r->{body}, qr{Alles accepteren}, 'Dutch text');
$r = $t->get('/nolang.html', headers => ['Accept-Language' => 'fr-CA, en;q=0.1']);
like($r->{body}, qr{<div id="ccm-banner"[^>]* lang="fr"}, 'French banner for fr-CA');
$r = $t->get('/de/nolang.html', headers => ['Accept-Language' => 'xx, yy;q=0.5']);
like($r->{body}, qr{<div id="ccm-banner"[^>]* lang="de"}, 'configured default language');
$r = $t->get('/page.html', headers => ['Accept-Language' => 'nl-BE,nl;q=0.9']);
like($r->{body}, qr{<div id="ccm-banner"[^>]* lang="en"}, '<html lang="en"> wins over Accept-Language');
$r = $t->get('/fr.html', headers => ['Accept-Language' => 'de']);
like($r->{body}, qr{<div id="ccm-banner"[^>]* lang="fr"}, '<html LANG=fr-FR>: French');

# decided: the reopen control only
$r = $t->get('/page.html', headers => [Cookie => consent_cookie('analytics')]);
unlike($r->{body}, qr{id="ccm-banner"}, 'decided: no banner');
like($r->{body}, qr{id="ccm-reopen"[^>]*href="/cookie-consent\?return=/page\.html&amp;lang=en"},
     'decided: a Cookie settings control');

# the preferences page it links to speaks the page's language, whatever
# the browser asks for (issue 12: one visit, one language)
$r = $t->get('/page.html', headers => [Cookie => consent_cookie('analytics'),
                                       'Accept-Language' => 'nl']);
my ($href) = $r->{body} =~ /id="ccm-reopen"[^>]*href="([^"]+)"/;
ok(defined $href, 'Accept-Language nl, <html lang="en">: a control');
$href =~ s/&amp;/&/g;
$r = $t->get($href, headers => [Accept => 'text/html',
                                 'Accept-Language' => 'nl']);
like($r->{body}, qr{<html lang="en">.*Cookie settings}s,
     'its preferences page in English, as the page');

# a new revision of the policy: a visitor who chose under the earlier one
# is asked again, and told why; a visitor who never chose is not
{
    my $old = consent_cookie('analytics', { revision => 1 });
    my $msg = qr{<p class="ccm-revised">Our cookie policy changed on 1 December: &lt;please&gt; choose again\.</p>};

    $r = $t->get('/rev2/page.html', headers => [Cookie => $old]);
    like($r->{body}, qr{id="ccm-banner"}, 'revision 2, consent of 1: banner');
    like($r->{body}, $msg, 'revision 2, consent of 1: the revision message');
    my $tag = hdr($r, 'ETag') // '';

    $r = $t->get('/rev2/page.html');
    like($r->{body}, qr{id="ccm-banner"}, 'revision 2, no consent: banner');
    unlike($r->{body}, qr{ccm-revised}, 'revision 2, no consent: no message');
    isnt(hdr($r, 'ETag') // '', $tag, 'the two banners: two entity tags')
        if $tag ne '';

    $r = $t->get('/rev2/page.html',
                 headers => [Cookie => consent_cookie('analytics',
                                                      { revision => 2 })]);
    unlike($r->{body}, qr{id="ccm-banner"|ccm-revised},
           'revision 2, consent of 2: neither');

    $r = $t->get('/rev2/nolang.html', headers => [Cookie => $old,
                                                  'Accept-Language' => 'de']);
    like($r->{body}, qr{<p class="ccm-revised">Unsere Cookie-Richtlinie},
         'revision 2, German banner: the German message');

    $r = $t->get('/rev2/nolang.html', headers => [Cookie => $old,
                                                  'Accept-Language' => 'fr']);
    like($r->{body}, $msg, 'revision 2, French banner: the message for any');

    $r = $t->get('/page.html', headers => [Cookie => $old]);
    unlike($r->{body}, qr{id="ccm-banner"|ccm-revised},
           'revision 1, consent of 1: neither');
}

# Sec-GPC: 1 (cookie_consent_gpc on by default): an undecided visitor's
# banner says the signal is honoured; the page is another document for
# caches (its own entity tag, Vary: Sec-GPC)
{
    my $gpc = qr{<p class="ccm-gpc">Your browser sends a Global Privacy Control signal\. We honour it:[^<]*</p>};

    $r = $t->get('/page.html', headers => ['Sec-GPC' => '1']);
    like($r->{body}, qr{id="ccm-banner".*$gpc.*<fieldset}s,
         'Sec-GPC: 1, undecided: the banner says GPC is honoured');
    like(hdr($r, 'Vary') // '', qr{\bSec-GPC\b}i, 'Sec-GPC: 1: Vary names Sec-GPC');
    my $tag = hdr($r, 'ETag') // '';
    like($tag, qr{-ccg[0-9a-f]+\.1ug"$}, 'Sec-GPC: 1, undecided: entity tag state ug');

    $r = $t->get('/page.html');
    unlike($r->{body}, qr{ccm-gpc}, 'no Sec-GPC: no notice');
    like(hdr($r, 'Vary') // '', qr{\bSec-GPC\b}i, 'no Sec-GPC: Vary names Sec-GPC too');
    my $plain = hdr($r, 'ETag') // '';
    isnt($plain, $tag, 'with and without the notice: two entity tags');

    $r = $t->get('/page.html', headers => ['Sec-GPC' => '1', 'If-None-Match' => $plain]);
    is($r->{status}, 200, 'Sec-GPC: 1 revalidating the copy without the notice: 200');
    $r = $t->get('/page.html', headers => ['Sec-GPC' => '1', 'If-None-Match' => $tag]);
    is($r->{status}, 304, 'Sec-GPC: 1 revalidating its own copy: 304');

    $r = $t->get('/nolang.html', headers => ['Sec-GPC' => '1', 'Accept-Language' => 'de']);
    like($r->{body}, qr{<p class="ccm-gpc">Ihr Browser sendet}, 'Sec-GPC: 1, German banner: the German notice');

    $r = $t->get('/page.html', headers => ['Sec-GPC' => '1', Cookie => consent_cookie('analytics')]);
    unlike($r->{body}, qr{ccm-gpc|id="ccm-banner"}, 'Sec-GPC: 1, decided: no banner, no notice');

    $r = $t->get('/rev2/page.html', headers => ['Sec-GPC' => '1', Cookie => consent_cookie('analytics', { revision => 1 })]);
    like($r->{body}, qr{ccm-revised.*ccm-gpc}s, 'Sec-GPC: 1, asked again: both paragraphs');
    like(hdr($r, 'ETag') // '', qr{\.1rg"$}, 'asked again with the notice: state rg');
}

# layouts: a class of the banner, of the control and of the page
{
    $r = $t->get('/page.html');
    like($r->{body}, qr{<div id="ccm-banner" class="ccm" role="region"}, 'the default: a bar, no theme class');
    unlike($r->{body}, qr{ccm-box|ccm-modal|ccm-wall|ccm-light|ccm-right}, 'the default: no layout class');

    $r = $t->get('/box/page.html');
    like($r->{body}, qr{<div id="ccm-banner" class="ccm ccm-box ccm-light" role="region"},
         'box theme=light: the banner\'s classes');
    $r = $t->get('/box/page.html', headers => [Cookie => consent_cookie('analytics')]);
    like($r->{body}, qr{<a id="ccm-reopen" class="ccm-reopen ccm-right ccm-light" href=},
         'reopen=right: the control\'s classes');

    $r = $t->get('/wall/page.html');
    like($r->{body}, qr{<div id="ccm-banner" class="ccm ccm-wall" role="dialog" aria-modal="true" tabindex="-1" aria-labelledby="ccm-title"},
         'modal wall: a modal dialog');

    $r = $t->get('/cookie-consent-light', headers => [Accept => 'text/html']);
    like($r->{body}, qr{<meta name="color-scheme" content="light">.*class="ccm ccm-page ccm-light"}s,
         'the preferences page takes its location\'s theme');
    $r = $t->get('/cookie-consent', headers => [Accept => 'text/html']);
    like($r->{body}, qr{<meta name="color-scheme" content="light dark">}, 'theme=auto: light and dark');
}

# no <body>: appended at the end
$r = $t->get('/nobody.html');
like($r->{body}, qr{^<p>fragment without a body</p>.*id="ccm-banner"}s,
     'no <body>: banner appended');

# off, HEAD, iframe destination
$r = $t->get('/nobanner/page.html');
is($r->{body}, $page, 'cookie_consent_banner off: page untouched');
$r = $t->head('/page.html');
is($r->{body} // '', '', 'HEAD: nothing');
$r = $t->get('/page.html', headers => ['Sec-Fetch-Dest' => 'iframe']);
is($r->{body}, $page, 'iframe destination: no banner');

# assets
$r = $t->get('/cookie-consent/banner.js');
is($r->{status}, 200, 'banner.js served');
like(hdr($r, 'Content-Type'), qr{javascript}, 'banner.js type');
like($r->{body}, qr{fetch}, 'banner.js content');
$r = $t->get('/cookie-consent/banner.css');
like(hdr($r, 'Content-Type'), qr{text/css}, 'banner.css type');
is(join('|', hdr_all($r, 'Cache-Control')), 'public, max-age=86400',
   'banner.css: one Cache-Control, public');
$r = $t->get('/cookie-consent/banner.js');
is(join('|', hdr_all($r, 'Cache-Control')), 'public, max-age=86400',
   'banner.js: one Cache-Control, public');
$r = $t->get('/cookie-consent/gcm.js');
is(join('|', hdr_all($r, 'Cache-Control')), 'no-store',
   'gcm.js (per visitor): no-store');

done_testing();
