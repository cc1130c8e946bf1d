#!/usr/bin/perl
# The endpoint's preferences page (GET /cookie-consent, text/html): in the
# visitor's language like the banner (Accept-Language, else
# cookie_consent_language), the current choice ticked, the banner's
# stylesheet, no inline code or style.  Also <endpoint>/gcm.js, the
# Consent Mode default as an external script.

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
        listen 127.0.0.1:%%PORT%%;
        location / {
            return 200 "page\\n";
        }
        location /cookie-consent {
            cookie_consent_endpoint;
        }
        location /de/cookie-consent {
            cookie_consent_endpoint;
            cookie_consent_language de;
        }
        location /site/cookie-consent {
            cookie_consent_endpoint;
            cookie_consent_page_stylesheet "/css/site.css?v=<2>";
        }
    }
EOF
$t->run or BAIL_OUT('nginx did not start');

sub page($path, @h) {
    my $r = $t->get($path, headers => [Accept => 'text/html', @h]);
    is($r->{status}, 200, "$path: 200");
    like(hdr($r, 'Content-Type') // '', qr{^text/html; charset=utf-8$},
         "$path: text/html; charset=utf-8");
    return $r->{body};
}

# English by default
my $b = page('/cookie-consent?return=/shop');
like($b, qr{^<!DOCTYPE html>\n<html lang="en">}, 'en: <html lang="en">');
like($b, qr{<title>Cookie settings</title>}, 'en: title');
like($b, qr{<h1 class="ccm-title">Cookie settings</h1>}, 'en: heading');
like($b, qr{You have not made a choice yet}, 'en: undecided');
like($b, qr{<main id="ccm-page" class="ccm ccm-page">}, 'a main landmark');
like($b, qr{<link rel="stylesheet" href="/cookie-consent/banner\.css\?v=\w+">},
     "the banner's stylesheet");
unlike($b, qr{<script|<style|style="}, 'no inline code or style');
like($b, qr{<form class="ccm-form" method="post" action="/cookie-consent">},
     'posts to the endpoint');
like($b, qr{name="return" value="/shop"}, 'return path kept');
like($b, qr{value="necessary" checked disabled>}, 'necessary fixed on');
like($b, qr{value="analytics">}, 'undecided: analytics unticked');
like($b, qr{<a href="/privacy">Privacy policy</a>}, 'policy link');
like($b, qr{</form>\n<p class="ccm-back"><a href="/shop">Back to the site</a></p>\n</main>},
     'a way back to the page, without deciding');
unlike($b, qr{/css/site\.css}, 'no site stylesheet unless configured');

# the pages' own stylesheet, served by the endpoint like the banner's
{
    my $css = $t->get('/cookie-consent/pages.css');
    is($css->{status}, 200, 'pages.css: 200');
    like(hdr($css, 'Content-Type') // '', qr{^text/css}, 'pages.css: text/css');
    like($css->{body}, qr{\.ccm-page\{position:static}, 'pages.css: the page in the flow');
    like($b, qr{<link rel="stylesheet" href="/cookie-consent/pages\.css\?v=\w+">},
         'the preferences page loads it');
}

# the cookie declaration without a zone: the configuration's rules only
{
    my $d = $t->get('/cookie-consent/declaration');
    is($d->{status}, 200, 'declaration without a zone: 200');
    like($d->{body}, qr{<h2>Analytics</h2>\n<p>[^<]+</p>\n<p>None\.</p>},
         'declaration without a zone: nothing seen, "None."');
}
{
    my $s = page('/site/cookie-consent?return=/x');
    like($s, qr{pages\.css\?v=\w+">\n<link rel="stylesheet" href="/css/site\.css\?v=&lt;2&gt;">\n</head>},
         'cookie_consent_page_stylesheet: the site\'s stylesheet after ours, escaped');
    my $d = page('/de/cookie-consent?return=/x');
    like($d, qr{<a href="/x">Zurück zur Website</a>}, 'de: the way back in German');
}
for my $a (qw(accept_all reject_all save)) {
    like($b, qr{<button type="submit" name="action" value="$a" class="ccm-btn">},
         "$a: the same kind of button");
}

# the current choice is ticked
$b = page('/cookie-consent', Cookie => consent_cookie('analytics'));
like($b, qr{Your choice is saved}, 'decided: saved');
like($b, qr{value="analytics" checked>}, 'decided: analytics ticked');
like($b, qr{value="marketing">}, 'decided: marketing unticked');
like($b, qr{name="return" value="/"}, 'no return argument: /');

# Dutch
$b = page('/cookie-consent', 'Accept-Language' => 'nl-BE,nl;q=0.9,en;q=0.5');
like($b, qr{<html lang="nl">}, 'nl: <html lang="nl">');
like($b, qr{<title>Cookie-instellingen</title>}, 'nl: title');
like($b, qr{Alles accepteren}, 'nl: Accept all');
like($b, qr{Alles weigeren}, 'nl: Reject all');
like($b, qr{<legend>Cookiecategorie}, 'nl: legend');
like($b, qr{<b>Noodzakelijk</b>}, 'nl: category label');
unlike($b, qr{Accept all|Reject all|Cookie settings}, 'nl: no English left');

# French, the best q wins
$b = page('/cookie-consent?return=/panier',
          'Accept-Language' => 'en;q=0.4, fr-CA;q=0.8, de;q=0.6');
like($b, qr{<html lang="fr">}, 'fr: <html lang="fr">');
like($b, qr{Tout accepter}, 'fr: Accept all');
like($b, qr{Tout refuser}, 'fr: Reject all');
like($b, qr{<b>Mesure d\S+audience</b>}, 'fr: category label');
like($b, qr{<title>Param\S+tres des cookies</title>}, 'fr: title');
unlike($b, qr{Accept all|Reject all}, 'fr: no English left');

# the language of the banner that linked here (its lang= argument) wins
# over Accept-Language: a page in English keeps an English preferences
# page for a browser that asks for Dutch
$b = page('/cookie-consent?return=/shop&lang=en',
          'Accept-Language' => 'nl-BE,nl;q=0.9');
like($b, qr{<html lang="en">}, 'lang=en over Accept-Language nl');
like($b, qr{Reject all}, 'lang=en: English');
$b = page('/cookie-consent?lang=pt&return=/x', 'Accept-Language' => 'en');
like($b, qr{<html lang="pt">}, 'lang=pt first in the query');
$b = page('/cookie-consent?return=/x&lang=xx', 'Accept-Language' => 'nl');
like($b, qr{<html lang="nl">}, 'an unknown lang=: Accept-Language');
$b = page('/cookie-consent?return=/x&lang=%22%3E', 'Accept-Language' => 'fi');
like($b, qr{<html lang="fi">}, 'a hostile lang=: Accept-Language');
unlike($b, qr{lang="[^a-z]}, 'a hostile lang=: nothing of it in the page');

# the location's default language when none is acceptable
$b = page('/de/cookie-consent', 'Accept-Language' => 'xx, yy;q=0.5');
like($b, qr{<html lang="de">}, 'cookie_consent_language de');
like($b, qr{Alle akzeptieren}, 'de: Accept all');
like($b, qr{action="/de/cookie-consent"}, 'posts where the page was');
like($b, qr{href="/de/cookie-consent/banner\.css}, 'stylesheet of that location');

# HTML-escaped return path (validated first: a bad one is /)
$b = page('/cookie-consent?return=%2Fa%3Fx%3D1%26y%3D%22');
like($b, qr{name="return" value="/a\?x=1&amp;y=&quot;"}, 'return escaped');
$b = page('/cookie-consent?return=//evil.example');
like($b, qr{name="return" value="/"}, 'bad return: /');

# the stylesheet is served where the page says
my $r = $t->get('/cookie-consent/banner.css');
is($r->{status}, 200, 'banner.css served');
like($r->{body}, qr{\.ccm-page}, 'banner.css styles the page');

# <endpoint>/gcm.js: the Consent Mode default of the visitor, for pages
# under a CSP without a nonce (cookie_consent_gcm)
$r = $t->get('/cookie-consent/gcm.js');
is($r->{status}, 200, 'gcm.js served');
like(hdr($r, 'Content-Type') // '', qr{^text/javascript}, 'gcm.js type');
is(hdr($r, 'Cache-Control'), 'no-store', 'gcm.js: per visitor, not cached');
like($r->{body}, qr{^window\.dataLayer=window\.dataLayer\|\|\[\];function gtag\(\)},
     'gcm.js defines gtag()');
like($r->{body}, qr/gtag\('consent','default',\{[^}]*analytics_storage:'denied'/,
     'gcm.js: undecided, analytics denied');
unlike($r->{body}, qr{<script}, 'gcm.js: code, not an element');
$r = $t->get('/cookie-consent/gcm.js',
             headers => [Cookie => consent_cookie('analytics')]);
like($r->{body}, qr{analytics_storage:'granted'}, 'gcm.js: analytics granted');
like($r->{body}, qr{ad_storage:'denied'}, 'gcm.js: marketing still denied');
$r = $t->get('/cookie-consent/x/gcm.js');
is($r->{status}, 200, 'gcm.js under a longer prefix');
$r = $t->get('/gcm.js');
is($r->{body}, "page\n", 'only in the endpoint location');

done_testing();
