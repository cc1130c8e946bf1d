#!/usr/bin/perl
# The banner in a real headless Chromium (t/browser/banner.mjs, with
# playwright-core and axe-core from t/browser/node_modules): an undecided
# visit, Reject all, Settings + analytics (scripts revived without a
# reload, Google Consent Mode updated), the same without JavaScript (the
# plain form and its 303), "Allow" in a blocked embed's placeholder, a
# page under "Content-Security-Policy: default-src 'self'", axe-core on
# the banner, the placeholder and the preferences page, Global Privacy
# Control (the notice, Accept all confirmed on the endpoint's page), no
# layout shift on a slow phone, the layouts (bar, box, modal, wall) on
# desktop and phone in light and dark, with screenshots saved in
# build/screenshots (CC_SCREENSHOTS), one service of a category granted
# alone (its embed revived, the rest of the category still blocked).  No request ever leaves 127.0.0.1.
#
# Needs Debian's chromium and t/browser/node_modules ("make browser"
# installs both).  Without them the test is skipped, or fails when
# CC_BROWSER_REQUIRED=1 (CI).  CC_CHROMIUM: another browser binary;
# CC_BROWSER_ONLY=noScript,csp: only these scenarios (see banner.mjs);
# CC_BROWSER_SCRIPT: another script, given the port (for debugging).

use v5.36;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use CCTest qw(:all);
use JSON::PP ();
use POSIX ();
use Time::HiRes ();

my $dir = "$FindBin::Bin/browser";
my $chromium = test_env('CHROMIUM') || '/usr/bin/chromium';
my ($node) = grep { -x } map { "$_/node" } split /:/, $ENV{PATH} // '';

my @missing;
push @missing, "Chromium ($chromium; tools/deps.sh browser)"
    unless -x $chromium;
push @missing, 'node (tools/deps.sh browser)' unless $node;
push @missing, 't/browser/node_modules (tools/browser-deps.sh)'
    unless -f "$dir/node_modules/playwright-core/package.json"
        && -f "$dir/node_modules/axe-core/axe.min.js";

if (@missing) {
    my $why = 'missing ' . join(', ', @missing)
        . '; "make browser" installs them';
    if (test_env('BROWSER_REQUIRED')) {
        fail("browser test required (TEST_NGINX_BROWSER_REQUIRED): $why");
        done_testing();
        exit 1;
    }
    plan skip_all => $why;
}

my $t = CCTest->new(http => <<"EOF");
    cookie_consent_secret $KEY;
    cookie_consent on;
    cookie_consent_policy_url /privacy;
    cookie_consent_cookies preferences lang;
    cookie_consent_gcm on;

    # a service of marketing a visitor may grant alone; its embed is the
    # service's under /svc/ (services scenario), marketing's elsewhere
    cookie_consent_service youtube marketing label=YouTube;

    # the backend: cookies of every category, as applications and tag
    # managers set them
    server {
        listen 127.0.0.1:%%PORT2%%;
        cookie_consent off;
        root %%DIR%%/html;
        default_type text/html;

        add_header Set-Cookie "PHPSESSID=8f2c1a; Path=/; HttpOnly; SameSite=Lax" always;
        add_header Set-Cookie "lang=en; Path=/; Max-Age=31536000" always;
        add_header Set-Cookie "_ga=GA1.1.1234567890.1763900000; Path=/; Max-Age=63072000" always;
        add_header Set-Cookie "_ga_TEST123=GS1.1.1763900000.1.0.1763900000.0.0.0; Path=/; Max-Age=63072000" always;
        add_header Set-Cookie "_gid=GA1.1.987654321.1763900000; Path=/; Max-Age=86400" always;
        add_header Set-Cookie "_gcl_au=1.1.987654321.1763900000; Path=/; Max-Age=7776000" always;
        add_header Set-Cookie "_fbp=fb.1.1763900000000.1234567890; Path=/; Max-Age=7776000" always;

        location / {
            try_files /index.html =404;
        }

        # a plain article page, for the layouts' screenshots
        location = /article.html {
        }

        # the same page, cacheable by anyone for ten minutes as many
        # backends send it (revalidate scenario)
        location /cache/ {
            add_header Cache-Control "public, max-age=600" always;
            try_files /index.html =404;
        }

        # the same page under a strict Content-Security-Policy
        location /csp/ {
            add_header Set-Cookie "_ga=GA1.1.1234567890.1763900000; Path=/; Max-Age=63072000" always;
            add_header Content-Security-Policy "default-src 'self'" always;
            try_files /index.html =404;
        }
    }

    server {
        listen 127.0.0.1:%%PORT%%;

        location / {
            proxy_pass http://127.0.0.1:%%PORT2%%;
        }

        # the layouts (screenshots and checks in the layouts scenario)
        location /box/ {
            cookie_consent_banner_layout box reopen=right;
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
        location /modal/ {
            cookie_consent_banner_layout modal;
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
        location /wall/ {
            cookie_consent_banner_layout modal wall;
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }
        location /light/ {
            cookie_consent_banner_layout bar theme=light;
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }

        location /svc/ {
            cookie_consent_trackers youtube youtube.com;
            proxy_pass http://127.0.0.1:%%PORT2%%/;
        }

        location /cookie-consent {
            cookie_consent_endpoint;
        }
    }
EOF

# the official GA4 snippet, a Meta Pixel <noscript> image, a YouTube embed
$t->write_file('html/index.html', <<'EOF');
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Shop</title>
<!-- Google tag (gtag.js) -->
<script async src="https://www.googletagmanager.com/gtag/js?id=G-TEST123"></script>
<script>
  window.dataLayer = window.dataLayer || [];
  function gtag(){dataLayer.push(arguments);}
  gtag('js', new Date());

  gtag('config', 'G-TEST123');
</script>
</head>
<body>
<main>
<h1>Shop</h1>
<p>A page with the usual tags.</p>
<iframe width="560" height="315" src="https://www.youtube.com/embed/M7lc1UVf-VE" title="YouTube video player" frameborder="0" allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share" referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe>
</main>
<noscript><img height="1" width="1" style="display:none"
src="https://www.facebook.com/tr?id=1234567890&ev=PageView&noscript=1"
/></noscript>
</body>
</html>
EOF

# an article without embeds, for the layouts' screenshots
$t->write_file('html/article.html', <<'EOF' . join('', map { <<"P" } 1 .. 6) . "</main>\n</body>\n</html>\n");
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Opening hours</title>
</head>
<body>
<main>
<h1>Opening hours over the holidays</h1>
EOF
<p>Paragraph $_. The shop is open every day from nine to six, except on
public holidays, when it opens at ten and closes at four. Orders placed
online are sent the next working day.</p>
P

$t->run or BAIL_OUT('nginx did not start');

# the script's JSON lines become tests; anything else is a diagnostic
my $start = Time::HiRes::time();
my $pid = open(my $fh, '-|') // die "fork: $!";
if ($pid == 0) {
    open STDERR, '>&', \*STDOUT;
    chdir $dir;
    # the layouts' screenshots, for docs/banner.md
    $ENV{CC_SCREENSHOTS} //= "$FindBin::Bin/../build/screenshots";
    exec $node, test_env('BROWSER_SCRIPT') || "$dir/banner.mjs", $t->port
        or POSIX::_exit(127);
}

my $n = 0;
eval {
    local $SIG{ALRM} = sub { die "timeout\n" };
    alarm 180;
    while (my $line = <$fh>) {
        chomp $line;
        my $r = $line =~ /^\{/ ? eval { JSON::PP::decode_json($line) } : undef;
        if (ref $r eq 'HASH' && defined $r->{name}) {
            $n++;
            ok($r->{ok}, $r->{name}) or diag($r->{diag} // '');
        } elsif ($line =~ /^# (.*)/) {
            note($1);
        } elsif (length $line) {
            diag($line);
        }
    }
    alarm 0;
    1;
} or do {
    kill 'KILL', $pid;
    fail("browser script: $@");
};
close $fh;
my $rc = $? >> 8;

ok($n >= (test_env('BROWSER_ONLY') ? 1 : 40),
   "browser script ran its checks ($n)");
is($rc, 0, 'browser script exit status');
note(sprintf('browser test: %.1f s', Time::HiRes::time() - $start));

done_testing();
