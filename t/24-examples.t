#!/usr/bin/perl
# Every conf-examples/*.conf, as a user copies it: each passes "nginx -t"
# (included inside the http{} of the harness, and again inside the http{}
# of Debian's own /etc/nginx/nginx.conf, where "gzip on" and the access log
# are set already), and the main ones are started and serve requests that
# show the module enforcing what their comments promise.
#
# The files are globbed: a new example is covered by "nginx -t" without a
# change here, and a new seed-*.conf fails until it has a check below.
#
# Substitutions, the only changes made to an example before it runs (so
# that it runs unprivileged in the test's directory, on free ports):
#
#   listen 80; (any listen address)     listen 127.0.0.1:<free port>;
#   127.0.0.1:8081 (the application)    127.0.0.1:<port of a backend server
#                                       block this test adds, unless the
#                                       example has its own, as demo.conf)
#   unix:/run/php/php8.2-fpm.sock       127.0.0.1:<port of a FastCGI
#                                       responder this test starts>
#   /usr/share/nginx-cookie-consent/catalog/default.json
#                                       <repo>/catalog/default.json
#   /etc/nginx/cookie-consent.keys      <dir>/cookie-consent.keys, written
#                                       here with $KEY first, $KEY2 second
#   /var/log/nginx/                     <dir>/logs/
#   /var/www/                           <dir>/www/ (files written here)
#   /var/cache/nginx/                   <dir>/cache/
#
# "include fastcgi_params;" is relative to the configuration's directory:
# Debian's /etc/nginx/fastcgi_params is copied there.  The harness's
# http{} sets no MIME types; a types{} block for html, css and js is added.
#
# demo.conf is included as conf-examples/run-demo.sh includes it: after a
# cookie_consent_catalog line for the repository's catalog, with its
# relative paths (build/demo/ for the log, conf-examples/demo-site for the
# page, relative to the repository, run-demo.sh's prefix) made absolute,
# and its two ports (8080, 8081) moved.

use v5.36;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use CCTest qw(:all);
use IO::Socket::INET;
use IO::Select;
use POSIX ();
use Compress::Zlib ();
use Time::HiRes ();

CCTest::need_module();

my $START = Time::HiRes::time();
my $REPO = $CCTest::REPO;

sub slurp($path) {
    open my $fh, '<:raw', $path or return undef;
    local $/;
    return scalar <$fh>;
}

# ---------------------------------------------------------------------------
# what the examples talk to

# The page an application or a site serves: a Google tag (gtag.js and
# its inline config), a Meta pixel, a YouTube embed, a Facebook like
# button, Jetpack Stats.
my $PAGE = <<'HTML';
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Example</title>
<script async src="https://www.googletagmanager.com/gtag/js?id=G-TEST123"></script>
<script>
window.dataLayer = window.dataLayer || [];
function gtag(){dataLayer.push(arguments);}
gtag('js', new Date());
gtag('config', 'G-TEST123');
</script>
</head>
<body>
<h1>Welcome</h1>
<p>Some text, long enough to be worth compressing. Some text, long enough
to be worth compressing. Some text, long enough to be worth compressing.</p>
<img height="1" width="1" src="https://www.facebook.com/tr?id=1234&amp;ev=PageView" alt="">
<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" title="video"></iframe>
<iframe src="https://www.facebook.com/plugins/like.php?href=https%3A%2F%2Fexample.com" title="like"></iframe>
<script defer src="https://stats.wp.com/e-202449.js"></script>
</body>
</html>
HTML

# The application of the proxying examples, on %%PORT2%%: sets the
# Set-Cookie headers named by X-SC1..X-SC12 request headers, and the
# Cache-Control named by X-Cache-Control; serves $PAGE (gzip-compressed
# when asked: gzip_http_version 1.0, as nginx proxies with HTTP/1.0 by
# default) for every path; /echo answers the Cookie header it received.
# Its log says which requests reached it, with their gzip ratio.
my $SC = join "\n", map {
    "            add_header Set-Cookie \$http_x_sc$_ always;" } 1 .. 12;
my $BACKEND = <<"EOF";
    log_format cc_examples_backend '\$request_uri gzip=\$gzip_ratio cookie=[\$http_cookie]';
    server {
        listen 127.0.0.1:%%PORT2%%;
        cookie_consent off;
        access_log %%DIR%%/logs/backend.log cc_examples_backend;
        root %%DIR%%/app;
        gzip on;
        gzip_http_version 1.0;
        gzip_min_length 1;
        location / {
$SC
            add_header Cache-Control \$http_x_cache_control always;
            try_files /index.html =404;
        }
        location = /echo {
$SC
            return 200 "cookie=[\$http_cookie]\\n";
        }
    }
EOF

my $TYPES = <<'EOF';
    types {
        text/html                html htm;
        text/css                 css;
        application/javascript   js;
        image/gif                gif;
    }
EOF

# A FastCGI responder (PHP-FPM's stand-in): answers every request with a
# text/html page ($PAGE and a comment with SCRIPT_FILENAME, REQUEST_URI and
# HTTP_COOKIE), with the Set-Cookie headers named by X-SC1..X-SC12, and
# appends SCRIPT_FILENAME to $log: the requests PHP would have run.
my %HELPERS;
END {
    local $?;
    kill "KILL", $_ for keys %HELPERS;
    waitpid($_, 0) for keys %HELPERS;
}

sub fcgi_responder($port, $log) {
    my $l = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => $port,
        Proto => 'tcp', Listen => 16, ReuseAddr => 1)
        or die "fastcgi listen on $port: $!";
    my $parent = $$;
    my $pid = fork // die "fork: $!";
    if ($pid) { close $l; $HELPERS{$pid} = 1; return $pid }
    my $sel = IO::Select->new($l);
    while (getppid() == $parent) {
        next unless $sel->can_read(0.5);
        my $c = $l->accept or next;
        eval { fcgi_serve($c, $log) };
        close $c;
    }
    POSIX::_exit(0);
}

sub fcgi_read($c, $n) {
    my $buf = '';
    my $sel = IO::Select->new($c);
    while (length $buf < $n) {
        die "timeout\n" unless $sel->can_read(5);
        my $r = sysread($c, $buf, $n - length $buf, length $buf);
        die "eof\n" unless $r;
    }
    return $buf;
}

sub fcgi_serve($c, $log) {
    my ($params, $id, $stdin_done, $params_done) = ('', 1, 0, 0);
    while (!($stdin_done && $params_done)) {
        my (undef, $type, $rid, $len, $pad) = unpack 'CCnnC', fcgi_read($c, 8);
        my $content = $len ? fcgi_read($c, $len) : '';
        fcgi_read($c, $pad) if $pad;
        $id = $rid;
        if ($type == 4) { $len ? ($params .= $content) : ($params_done = 1) }
        elsif ($type == 5) { $stdin_done = 1 unless $len }
    }
    my (%p, $pos);
    $pos = 0;
    my $getlen = sub {
        my $b = ord substr($params, $pos, 1);
        if ($b & 0x80) {
            my $v = unpack('N', substr($params, $pos, 4)) & 0x7fffffff;
            $pos += 4;
            return $v;
        }
        $pos += 1;
        return $b;
    };
    while ($pos < length $params) {
        my $nl = $getlen->();
        my $vl = $getlen->();
        my $name = substr($params, $pos, $nl);
        $pos += $nl;
        $p{$name} = substr($params, $pos, $vl);
        $pos += $vl;
    }
    if (open my $fh, '>>', $log) {
        print $fh ($p{SCRIPT_FILENAME} // '-'), "\n";
        close $fh;
    }
    my $sc = join '', map { "Set-Cookie: $p{\"HTTP_X_SC$_\"}\r\n" }
        grep { defined $p{"HTTP_X_SC$_"} } 1 .. 12;
    my $body = $PAGE . "<!-- script=" . ($p{SCRIPT_FILENAME} // '')
        . " uri=" . ($p{REQUEST_URI} // '')
        . " cookie=[" . ($p{HTTP_COOKIE} // '') . "] -->\n";
    my $out = "Status: 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        . "$sc\r\n$body";
    my $rec = sub ($type, $data) {
        pack('CCnnCC', 1, $type, $id, length $data, 0, 0) . $data;
    };
    my $resp = '';
    for (my $o = 0; $o < length $out; $o += 32768) {
        $resp .= $rec->(6, substr($out, $o, 32768));
    }
    $resp .= $rec->(6, '') . $rec->(3, pack('NCx3', 0, 0));
    syswrite($c, $resp);
}

# ---------------------------------------------------------------------------
# an example, adapted to the test's directory

# Returns the example with the substitutions, the http{} text to run it
# (with the MIME types and the backend it needs) and what it needs.
sub adapt($name, $text) {
    my %need;
    if ($name eq 'demo.conf') {
        # as conf-examples/run-demo.sh includes it
        $text = "cookie_consent_catalog $REPO/catalog/default.json;\n$text";
        $text =~ s{\bbuild/demo/}{%%DIR%%/logs/}g;
        $text =~ s{\broot conf-examples/}{root $REPO/conf-examples/}g;
        $text =~ s{\b127\.0\.0\.1:8080\b}{127.0.0.1:%%PORT%%}g;
    }
    $text =~ s{/usr/share/nginx-cookie-consent/catalog/default\.json}
              {$REPO/catalog/default.json}g;
    $text =~ s{/etc/nginx/cookie-consent\.keys}{%%DIR%%/cookie-consent.keys}g;
    $text =~ s{/var/log/nginx/}{%%DIR%%/logs/}g;
    $text =~ s{/var/www/}{%%DIR%%/www/}g;
    $text =~ s{/var/cache/nginx/}{%%DIR%%/cache/}g;
    $need{fastcgi} = 1
        if $text =~ s{unix:/run/php/php[\d.]+-fpm\.sock}{127.0.0.1:%%PORT3%%}g;
    $text =~ s{\b127\.0\.0\.1:8081\b}{127.0.0.1:%%PORT2%%}g;

    # the remaining listen addresses: the first is %%PORT%%, others
    # %%PORT10%%, %%PORT11%%...
    my %addr;
    my $next = 10;
    $text =~ s{^(\s*listen\s+)([^\s;]+)}{
        my ($pre, $a) = ($1, $2);
        unless ($a =~ /%%PORT\d*%%/ || $addr{$a}) {
            $addr{$a} = keys %addr ? '127.0.0.1:%%PORT' . $next++ . '%%'
                                   : '127.0.0.1:%%PORT%%';
        }
        my $to = $addr{$a} // $a;
        "$pre$to";
    }mge;

    $need{backend} = 1 if $text =~ /%%PORT2%%/
        && $text !~ /listen\s+127\.0\.0\.1:%%PORT2%%/;
    my $http = $TYPES . $text . ($need{backend} ? $BACKEND : '');
    return ($text, $http, \%need);
}

# Files an example may need: the key file, the site's and the
# application's pages, PHP files for try_files, fastcgi_params.
sub prepare($t) {
    $t->write_file('cookie-consent.keys', "# test keys\n$KEY\n$KEY2\n");
    $t->write_file('app/index.html', $PAGE);
    $t->write_file('www/example.com/index.html', $PAGE);
    $t->write_file('www/example.com/about/index.html', $PAGE);
    $t->write_file('www/example.com/style.css', "body { color: #222 }\n");
    for my $php (qw(index.php wp-login.php wp-admin/index.php
                    wp-admin/admin-ajax.php))
    {
        $t->write_file("www/wordpress/$php", "<?php\n");
    }
    my $params = slurp('/etc/nginx/fastcgi_params') // <<'EOF';
fastcgi_param  QUERY_STRING       $query_string;
fastcgi_param  REQUEST_METHOD     $request_method;
fastcgi_param  CONTENT_TYPE       $content_type;
fastcgi_param  CONTENT_LENGTH     $content_length;
fastcgi_param  SCRIPT_NAME        $fastcgi_script_name;
fastcgi_param  REQUEST_URI        $request_uri;
fastcgi_param  DOCUMENT_URI       $document_uri;
fastcgi_param  DOCUMENT_ROOT      $document_root;
fastcgi_param  SERVER_PROTOCOL    $server_protocol;
fastcgi_param  REMOTE_ADDR        $remote_addr;
fastcgi_param  SERVER_NAME        $server_name;
EOF
    $t->write_file('conf/fastcgi_params', $params);
    mkdir $t->dir . '/cache';
}

# nginx -t of the example included in the http{} of Debian's nginx.conf
# (its log paths moved, its conf.d and sites-enabled includes replaced by
# the example).  Returns (undef) when there is no such nginx.conf.
sub debian_t($t, $text) {
    my $conf = slurp('/etc/nginx/nginx.conf') // return;
    my ($http) = $conf =~ /^http\s*\{\n(.*)^\}/ms or return;
    my $d = $t->dir;
    my $example = $t->write_file('conf/example.conf', $t->subst($text));
    $http =~ s{/var/log/nginx/}{$d/logs/}g;
    $http =~ s{^\s*include\s+/etc/nginx/(?:conf\.d|sites-enabled)/\S*;}{}mg;
    my $load = $ENV{CC_STATIC} ? '' : "load_module $CCTest::MODULE;\n";
    my $file = $t->write_file('conf/debian.conf', <<"EOF");
${load}pid $d/logs/debian.pid;
error_log $d/logs/debian-error.log;
events { worker_connections 64; }
http {
    client_body_temp_path $d/client_body_temp;
    proxy_temp_path $d/proxy_temp;
    fastcgi_temp_path $d/fastcgi_temp;
    uwsgi_temp_path $d/uwsgi_temp;
    scgi_temp_path $d/scgi_temp;
$http
    include $example;
}
EOF
    my $out = qx{$CCTest::NGINX -t -p $d/ -c $file 2>&1};
    return ($? >> 8, $out);
}

# ---------------------------------------------------------------------------
# helpers for the checks

my @DOC = (Accept => 'text/html,application/xhtml+xml', 'Sec-Fetch-Dest' => 'document');

sub page($t, $path, @h) {
    return $t->get($path, headers => [@DOC, @h]);
}

sub has_banner($r) { ($r->{body} // '') =~ /id="ccm-banner"/ }

# the consent cookie a decision at the example's endpoint sets
sub decide($t, $body, @h) {
    my $r = $t->post('/cookie-consent', $body, headers => [@h]);
    is($r->{status}, 303, "decision '$body': 303");
    my ($c) = map { /^(consent=[^;]+)/ ? $1 : () } set_cookies($r);
    ok($c, "decision '$body': a consent cookie");
    return $c // '';
}

sub sorted_names($r) { join ',', sort(cookie_names($r)) }

# The backend's log lines matching $re, once there are $n of them (the
# backend logs a request after sending its response: wait for it).
sub backend_lines($t, $re, $n = 1) {
    my $deadline = Time::HiRes::time() + $CCTest::TIMEOUT;
    while (1) {
        my @l = grep { /$re/ } split /\n/, $t->read_file('logs/backend.log');
        return @l if @l >= $n || Time::HiRes::time() > $deadline;
        Time::HiRes::sleep(0.02);
    }
}

# the first script, img, iframe or link tag of $html containing $needle
sub tag_with($html, $needle) {
    my ($tag) = $html =~ /(<(?:script|img|iframe|link)\b[^>]*\Q$needle\E[^>]*>)/;
    return $tag // '';
}

# ---------------------------------------------------------------------------
# the checks, by file name

my %CHECK;

$CHECK{'reverse-proxy.conf'} = sub ($t) {
    # undecided: the tracker cookies and the unconsented preference go,
    # the session and the application's necessary cookie stay
    my @sc = sc_headers('PHPSESSID=a1; Path=/; HttpOnly', '_ga=GA1.1.1.1; Path=/',
        '_fbp=fb.1.1.1; Path=/', 'lang=nl; Path=/', 'cart_id=c9; Path=/');
    my $r = page($t, '/', @sc);
    is($r->{status}, 200, 'a page through the proxy');
    is(sorted_names($r), 'PHPSESSID,cart_id',
       'undecided: _ga, _fbp and lang (preferences) removed');
    ok(has_banner($r), 'undecided: the banner');
    like(tag_with($r->{body}, 'googletagmanager.com'), qr/type="text\/plain"/,
         'undecided: gtag.js inert');
    like($r->{body}, qr{href="/privacy"}, 'the banner links the policy');

    # the application never receives refused cookies
    $r = $t->get('/echo', headers => [Cookie => '_ga=GA1.1.1.1; PHPSESSID=a1; lang=nl']);
    like($r->{body}, qr/^cookie=\[PHPSESSID=a1\]/,
         'undecided: only the session reaches the application');

    # the gate
    $r = $t->get('/g/collect?v=2&en=page_view');
    is($r->{status}, 204, 'undecided: the beacon answered 204');

    # gzip: the application compresses, the module decodes and rewrites,
    # nginx compresses again
    $r = page($t, '/gz', 'Accept-Encoding' => 'gzip');
    is(hdr($r, 'Content-Encoding'), 'gzip', 'gzip: the visitor gets gzip');
    my $html = Compress::Zlib::memGunzip($r->{body}) // '';
    ok(has_banner({ body => $html }), 'gzip: the banner in the decoded page');
    like(tag_with($html, 'googletagmanager.com'), qr/type="text\/plain"/,
         'gzip: gtag.js inert in the decoded page');
    my ($gz) = backend_lines($t, qr{^/gz });
    like($gz // '', qr{^/gz gzip=\d},
         'gzip: the application did send it compressed');
    # the application has logged the requests after the beacon by now
    is(scalar(backend_lines($t, qr{^/g/collect}, 0)), 0,
       'the gated beacon never reached the application');

    # accept all at the example's endpoint: everything passes
    my $c = decide($t, 'action=accept_all&return=/');
    $r = page($t, '/', Cookie => $c, @sc);
    is(sorted_names($r), 'PHPSESSID,_fbp,_ga,cart_id,lang',
       'accepted: every cookie passes');
    ok(!has_banner($r), 'accepted: no banner');
    $r = $t->get('/g/collect?v=2&en=page_view', headers => [Cookie => $c]);
    is($r->{status}, 200, 'accepted: the beacon reaches the application');
};

$CHECK{'wordpress.conf'} = sub ($t) {
    my @sc = sc_headers('wordpress_logged_in_5c1e=admin%7C1; Path=/; HttpOnly',
        'wordpress_5c1e=admin%7C1; Path=/wp-admin; HttpOnly',
        'wp-settings-1=editor%3Dtinymce; Path=/', 'wp-settings-time-1=1700000000; Path=/',
        'comment_author_5c1e=Ann; Path=/', 'comment_author_email_5c1e=ann%40example.com; Path=/',
        '_ga=GA1.1.1.1; Path=/');
    my $r = page($t, '/2024/hello-world/', @sc);
    is($r->{status}, 200, 'a post, through try_files and PHP');
    like($r->{body}, qr{script=\S+/www/wordpress/index\.php uri=/2024/hello-world/},
         'PHP ran index.php for the permalink');
    is(sorted_names($r), 'wordpress_5c1e,wordpress_logged_in_5c1e',
       'undecided: the login cookies stay; wp-settings-*, comment_author_*, _ga go');
    ok(has_banner($r), 'a public page: the banner');
    like(tag_with($r->{body}, 'stats.wp.com'), qr/data-category="analytics"/,
         'Jetpack Stats: inert');

    $r = page($t, '/', Cookie => 'wordpress_logged_in_5c1e=admin; _ga=GA1.1.1.1; comment_author_5c1e=Ann');
    like($r->{body}, qr/cookie=\[wordpress_logged_in_5c1e=admin\]/,
         'PHP receives the login cookie, not _ga nor comment_author_*');

    $r = page($t, '/wp-admin/', @sc);
    like($r->{body}, qr{script=\S+/www/wordpress/wp-admin/index\.php},
         'the dashboard through the nested PHP location');
    ok(!has_banner($r), 'the dashboard: no banner');
    unlike($r->{body}, qr/data-category/, 'the dashboard: not rewritten');
    is(sorted_names($r), 'wordpress_5c1e,wordpress_logged_in_5c1e',
       'the dashboard: cookies still enforced');

    # the statistics endpoints
    my $before = () = $t->log_lines('logs/php.log');
    for my $p ('/koko-analytics-collect.php?p=1', '/wp-content/plugins/matomo/app/matomo.php?idsite=1&rec=1',
               '/wp-json/wp-statistics/v2/hit')
    {
        is($t->get($p)->{status}, 204, "undecided: $p answers 204");
    }
    my $after = () = $t->log_lines('logs/php.log');
    is($after, $before, 'PHP did not run for them');

    my $c = consent_cookie('analytics');
    $r = $t->get('/koko-analytics-collect.php?p=1', headers => [Cookie => $c]);
    is($r->{status}, 200, 'analytics granted: Koko Analytics reaches PHP');
    $r = $t->get('/wp-json/wp-statistics/v2/hit', headers => [Cookie => $c]);
    like($r->{body}, qr{script=\S+/index\.php uri=/wp-json/wp-statistics/v2/hit},
         'analytics granted: WP Statistics reaches index.php');

    $r = page($t, '/', Cookie => consent_cookie('preferences'), @sc);
    is(sorted_names($r), 'comment_author_5c1e,comment_author_email_5c1e,'
       . 'wordpress_5c1e,wordpress_logged_in_5c1e,wp-settings-1,wp-settings-time-1',
       'preferences granted: wp-settings-* and comment_author_* pass, _ga does not');
};

$CHECK{'static-site.conf'} = sub ($t) {
    my $r = page($t, '/about/');
    is($r->{status}, 200, 'a page from the root');
    ok(has_banner($r), 'undecided: the banner');
    like(tag_with($r->{body}, 'googletagmanager.com'), qr/type="text\/plain"/,
         'undecided: gtag.js inert');
    like(tag_with($r->{body}, 'youtube.com/embed'), qr/data-src=/,
         'undecided: the YouTube embed inert');
    like($r->{body}, qr{<head>\s*<script[^>]*>[^<]*gtag\('consent','default'}s,
         'the Consent Mode default first in <head>');
    my $etag = hdr($r, 'ETag') // '';
    like($etag, qr/^W\/".*-ccg.*u"$/, 'ETag: weak, names the undecided state');
    ok(!defined hdr($r, 'Last-Modified'), 'no Last-Modified');
    like(hdr($r, 'Cache-Control') // '', qr/private/, 'Cache-Control: private');
    like(join(',', hdr_all($r, 'Vary')), qr/Cookie/, 'Vary: Cookie');
    like(hdr($r, 'Content-Type') // '', qr/charset=utf-8/, 'charset in Content-Type');

    $r = page($t, '/about/', 'If-None-Match' => $etag);
    is($r->{status}, 304, 'the same state revalidates: 304');
    my $c = consent_cookie(@$ALL[1 .. 3]);
    $r = page($t, '/about/', 'If-None-Match' => $etag, Cookie => $c);
    is($r->{status}, 200, 'another state: the page again, not 304');
    ok(!has_banner($r), 'accepted: no banner');
    unlike(tag_with($r->{body}, 'googletagmanager.com'), qr/text\/plain/,
           'accepted: gtag.js live');

    $r = page($t, '/about/', Cookie => consent_cookie('youtube'));
    unlike(tag_with($r->{body}, 'youtube.com/embed'), qr/data-src=/,
           'the YouTube service granted alone: the embed live');
    like(tag_with($r->{body}, 'googletagmanager.com'), qr/type="text\/plain"/,
         '... gtag.js still inert');

    $r = $t->get('/style.css');
    like(hdr($r, 'ETag') // '', qr/^"/, 'a stylesheet keeps its strong ETag');
    ok(defined hdr($r, 'Last-Modified'), 'and its Last-Modified');
    unlike(hdr($r, 'Cache-Control') // '', qr/private/, 'and its public caching');

    $r = page($t, '/', Cookie => '_ga=GA1.1.1.1; _fbp=fb.1.1');
    is(join(',', sort map { $_->{name} } grep { ($_->{attrs}{'max-age'} // '') eq '0' }
                      map { parse_set_cookie($_) } set_cookies($r)),
       '_fbp,_ga', 'refused trackers the browser still has: expired');
};

$CHECK{'proxy-cache.conf'} = sub ($t) {
    my @cc = ('X-Cache-Control' => 'public, max-age=60');
    my $all = consent_cookie(@$ALL[1 .. 3]);
    my @r = map { page($t, '/page', @cc) } 1 .. 2;
    is(join(' ', map { hdr($_, 'X-Cache-Status') // '-' } @r), 'MISS HIT',
       'undecided: stored, then served from the cache');
    ok(has_banner($r[1]), 'from the cache: the banner');
    like(tag_with($r[1]{body}, 'googletagmanager.com'), qr/type="text\/plain"/,
         'from the cache: gtag.js inert');
    my @a = map { page($t, '/page', @cc, Cookie => $all) } 1 .. 2;
    is(join(' ', map { hdr($_, 'X-Cache-Status') // '-' } @a), 'MISS HIT',
       'accepted: an entry of its own');
    ok(!has_banner($a[1]), 'accepted, from the cache: no banner');
    unlike(tag_with($a[1]{body}, 'googletagmanager.com'), qr/text\/plain/,
           'accepted, from the cache: gtag.js live');
    is(scalar(backend_lines($t, qr{^/page }, 2)), 2,
       'the application answered once per state');

    my $r = $r[1];
    is(hdr($r, 'Cache-Control'), 'max-age=60, private',
       'Cache-Control: public became private');
    like(join(',', hdr_all($r, 'Vary')), qr/Cookie/, 'Vary: Cookie');
    my $etag = hdr($r, 'ETag') // '';
    like($etag, qr/^W\/".+-ccg.*u"$/, 'ETag: weak, names the state');
    isnt(hdr($a[1], 'ETag'), $etag, 'another state, another ETag');
    $r = page($t, '/page', 'If-None-Match' => $etag);
    is($r->{status}, 304, 'revalidation of the same state: 304');
    is(hdr($r, 'X-Cache-Status'), 'HIT', 'answered by the cache');
    $r = page($t, '/page', 'If-None-Match' => $etag, Cookie => $all);
    is($r->{status}, 200, 'the tag of another state: the page');

    # a response with Set-Cookie is never stored
    my @sc = sc_headers('session=s1; Path=/; HttpOnly', '_ga=GA1.1.1.1; Path=/');
    my @s = map { page($t, '/with-cookies', @cc, @sc) } 1 .. 2;
    is(join(' ', map { hdr($_, 'X-Cache-Status') // '-' } @s), 'MISS MISS',
       'a response with Set-Cookie: not stored');
    is(sorted_names($s[1]), 'session', 'undecided: its _ga removed');
    $r = page($t, '/page', Cookie => 'session=s1', @cc);
    is(hdr($r, 'X-Cache-Status'), 'BYPASS', 'logged in: the cache is bypassed');
};

$CHECK{'per-country.conf'} = sub ($t) {
    my @sc = sc_headers('PHPSESSID=a1; Path=/', '_ga=GA1.1.1.1; Path=/');
    my %want = (BE => 'PHPSESSID', GB => 'PHPSESSID', XX => 'PHPSESSID',
                '' => 'PHPSESSID', US => 'PHPSESSID,_ga', JP => 'PHPSESSID,_ga');
    my $n = 0;
    for my $cc (sort keys %want) {
        my @h = length $cc ? ('CF-IPCountry' => $cc) : ();
        my $r = page($t, '/', @h, @sc);
        my $what = length $cc ? $cc : 'no country';
        is(sorted_names($r), $want{$cc}, "$what: Set-Cookie "
           . ($want{$cc} =~ /_ga/ ? 'untouched (report)' : 'enforced'));
        is(has_banner($r) ? 1 : 0, $want{$cc} =~ /_ga/ ? 0 : 1,
           "$what: banner " . ($want{$cc} =~ /_ga/ ? 'absent' : 'present'));
        $n++;
    }
    my @log = $t->log_lines('logs/cookie-consent-country.log', $n);
    like(join("\n", @log), qr/country=US mode=report state=u1-r stripped=_ga/,
         'the log: US reported, _ga would have been removed');
    like(join("\n", @log), qr/country=BE mode=on state=u1 stripped=_ga/,
         'the log: BE enforced');
    like($t->read_file('logs/cookie-consent-country.error.log'),
         qr/would remove Set-Cookie "_ga"/, 'report mode: the notice line');

    is($t->get('/g/collect', headers => ['CF-IPCountry' => 'NL'])->{status}, 204,
       'NL: the beacon gated');
    is($t->get('/g/collect', headers => ['CF-IPCountry' => 'US'])->{status}, 200,
       'US: the beacon passes (and is logged)');
};

$CHECK{'report-only.conf'} = sub ($t) {
    my @sc = sc_headers('PHPSESSID=a1; Path=/', '_ga=GA1.1.1.1; Path=/',
        '_fbp=fb.1.1; Path=/', 'shop_view=grid; Path=/');
    my $r = page($t, '/', @sc);
    is(sorted_names($r), 'PHPSESSID,_fbp,_ga,shop_view', 'every Set-Cookie passes');
    ok(!has_banner($r), 'no banner');
    unlike($r->{body}, qr/data-category/, 'the page untouched');
    like($t->last_log_line('logs/cookie-consent-report.log', 1),
         qr/"GET \/ HTTP\/1\.1" 200 state=u1-r source=default categories=necessary stripped="_ga,_fbp"/,
         'the access log: what would have been removed');
    like($t->read_file('logs/cookie-consent-report.error.log'),
         qr/would remove Set-Cookie "_ga,_fbp" from "\/"/, 'the error log: the notice');

    $r = $t->get('/echo', headers => [Cookie => '_ga=GA1.1.1.1; PHPSESSID=a1']);
    like($r->{body}, qr/^cookie=\[_ga=GA1\.1\.1\.1; PHPSESSID=a1\]/,
         'request cookies untouched');
    $r = $t->get('/g/collect?v=2');
    is($r->{status}, 200, 'the beacon passes');
    ok(scalar(backend_lines($t, qr{^/g/collect})), 'and reaches the application');
    like($t->read_file('logs/cookie-consent-report.error.log'),
         qr/would answer 204 to "\/g\/collect/, 'the error log: it would have been gated');

    $r = $t->get('/cookie-consent-status?format=prometheus');
    like($r->{body}, qr/^nginx_cookie_consent_requests_total\{state="report"\} [1-9]/m,
         'the status: requests in report mode counted');
    $r = $t->get('/cookie-consent-status?format=catalog');
    like($r->{body}, qr/"shop_view"/, 'the status: the unclassified name, to classify');
    unlike($r->{body}, qr/"_ga"/, 'classified names are not in it');
};

# The bridges: a real cookie of each consent manager granting analytics
# (and, for TCF, marketing), as in t/12-bridge.t.
my $OT = 'OptanonConsent=isGpcEnabled=0&datestamp=Mon+Aug+29+2022+14%3A57%3A57'
    . '+GMT%2B0500&version=6.39.0&isIABGlobal=false&hosts=&consentId=8ad4dfed-'
    . 'e6d8-4289-b677-8aed2896c1a9&interactionCount=1&groups=C0001%3A1%2CC0002'
    . '%3A1%2CC0003%3A0%2CC0004%3A0%2CC0005%3A0; '
    . 'OptanonAlertBoxClosed=2022-08-29T09:57:57.000Z';
my %BRIDGE = (
    complianz => ['cmplz_functional=allow; cmplz_preferences=deny; '
                  . 'cmplz_statistics=allow; cmplz_marketing=deny', 0],
    cookiebot => ['CookieConsent={stamp:%27Rm4fk9DeBCocbMY0P1wAkhbWQwf/ZwpnE42dfS'
                  . 'JEeEb1ig7OJsnysA==%27%2Cnecessary:true%2Cpreferences:false%2C'
                  . 'statistics:true%2Cmarketing:false%2Cmethod:%27explicit%27%2Cver:1'
                  . '%2Cutc:1684336814039%2Cregion:%27ro%27}', 0],
    cookieconsent => ['cc_cookie=%7B%22categories%22%3A%5B%22necessary%22%2C%22analytics'
                  . '%22%5D%2C%22revision%22%3A0%2C%22data%22%3Anull%2C%22consentId%22'
                  . '%3A%22ab7877ef-15b9-4b07-89eb-5dd90a8bc0f3%22%2C%22expirationTime'
                  . '%22%3A4102444800000%7D', 0],
    klaro => ['klaro=%7B%22google-analytics%22%3Atrue%2C%22facebook-pixel%22%3Afalse%7D', 0],
    onetrust => [$OT, 0],
    tarteaucitron => ['tarteaucitron=!gtag=true!facebookpixel=false!youtube=wait', 0],
    tcf => ['euconsent-v2=CQbB_cAQbB_cAAHABBENCFFsAP_gAAAAAAAAHXwCAAIAAqABaAFsAUgBZg'
            . 'F5gOvAAAAKSgAwABBd8pABgACC75CADAAEF3x0AGAAILvhIAMAAQXf.f_wAAAAAAAAA', 1],
);
for my $source (sort keys %BRIDGE) {
    $CHECK{"bridge-$source.conf"} = sub ($t) {
        my ($cookie, $marketing) = @{$BRIDGE{$source}};
        my @sc = sc_headers('PHPSESSID=a1; Path=/', '_ga=GA1.1.1.1; Path=/',
                            '_fbp=fb.1.1; Path=/');
        my $r = page($t, '/', @sc);
        is(sorted_names($r), 'PHPSESSID', 'no consent manager cookie: _ga, _fbp removed');
        ok(!has_banner($r), 'the consent manager has the banner: not the module');
        like(tag_with($r->{body}, 'googletagmanager.com'), qr/type="text\/plain"/,
             'gtag.js inert');
        is($t->get('/g/collect')->{status}, 204, 'the beacon gated');

        $r = page($t, '/', Cookie => $cookie, @sc);
        is(sorted_names($r), $marketing ? 'PHPSESSID,_fbp,_ga' : 'PHPSESSID,_ga',
           "$source grants analytics: _ga kept"
           . ($marketing ? ', and marketing: _fbp kept' : ', _fbp still removed'));
        unlike(tag_with($r->{body}, 'googletagmanager.com'), qr/text\/plain/,
               "$source grants analytics: gtag.js live");
        is($t->get('/g/collect', headers => [Cookie => $cookie])->{status}, 200,
           "$source grants analytics: the beacon passes");
        $r = page($t, '/', Cookie => "$cookie; _fbp=fb.1.1");
        my @exp = grep { ($_->{attrs}{'max-age'} // '') eq '0' }
                  map { parse_set_cookie($_) } set_cookies($r);
        is(join(',', map { $_->{name} } @exp), $marketing ? '' : '_fbp',
           'a refused tracker the browser has: expired');
    };
}

$CHECK{'consent-record.conf'} = sub ($t) {
    # t/23-consent-record.t goes through the record in detail
    my $c = decide($t, 'action=save&category=analytics&return=/shop');
    my $rec = json_decode($t->last_log_line('logs/consent-record.log', 1) // '');
    is($rec && $rec->{action}, 'save', 'one JSON line for the decision');
    is($rec && $rec->{categories}, 'necessary,analytics', 'with its categories');
    is($rec && $rec->{client}, '127.0.0.0', 'and the network, not the address');
    page($t, '/', Cookie => $c);
    like($t->last_log_line('logs/site.log', 1) // '', qr/^127\.0\.0\.1 .* state=d5$/,
         'the site log: the whole address once analytics is granted');
    my $r = $t->get('/cookie-consent-status?format=prometheus');
    like($r->{body}, qr/^nginx_cookie_consent_decisions_total\{action="save",source="form"\} 1$/m,
         'the status: the decision counted');
};

$CHECK{'seed-optipost.conf'} = sub ($t) {
    my @sc = sc_headers('oppost_session=s1; Path=/; HttpOnly', 'cart_id=c1; Path=/',
        '_ga=GA1.1.1.1; Path=/', '_gid=GA1.1.2.2; Path=/', 'oppost_visits=3; Path=/');
    my $r = page($t, '/', @sc);
    is(sorted_names($r), 'cart_id,oppost_session',
       '"Necessary cookies ... essential": placed; performance cookies not before a yes');
    ok(has_banner($r), 'the banner asks first');
    like($r->{body}, qr{href="/cookie-policy"}, 'the banner links the cookie policy');
    like($t->last_log_line('logs/optipost-security.log', 1) // '', qr/^127\.0\.0\.1 /,
         '"Keep our website safe": the security log has the address');
    like($t->last_log_line('logs/optipost-stats.log', 1) // '', qr/^127\.0\.0\.0 .*"-" "-"$/,
         '"better understanding how our website is used": without consent, the network only');
    is($t->get('/beacon/pv?u=/')->{status}, 204, 'web beacon: 204 without consent');

    my $c = decide($t, 'action=save&category=analytics&return=/');
    $r = page($t, '/', Cookie => $c, @sc);
    is(sorted_names($r), '_ga,_gid,cart_id,oppost_session,oppost_visits',
       'performance cookies once analytics is granted');
    like((grep { m{"GET / } } $t->log_lines('logs/optipost-stats.log', 4))[-1] // '',
         qr/^127\.0\.0\.1 /, 'the statistics log: the address, with consent');
    is($t->get('/beacon/pv?u=/', headers => [Cookie => $c])->{status}, 200,
       'web beacon: reaches the site with consent');

    $r = page($t, '/', Cookie => decide($t, 'action=reject_all&return=/') . '; _ga=GA1.1.1.1');
    ok((grep { $_->{name} eq '_ga' && ($_->{attrs}{'max-age'} // '') eq '0' }
        map { parse_set_cookie($_) } set_cookies($r)),
       '"choose to systematically refuse cookies": a refused _ga is expired');
};

$CHECK{'seed-optipost-privacy.conf'} = sub ($t) {
    my @sc = sc_headers('oppost_session=s1; Path=/; HttpOnly', 'visitor_segment=b2b; Path=/',
        '_fbp=fb.1.1; Path=/', '_ga=GA1.1.1.1; Path=/');
    my $r = page($t, '/', @sc);
    is(sorted_names($r), 'oppost_session', 'undecided: only the session');
    like(tag_with($r->{body}, 'facebook.com/tr'), qr/data-category="marketing"/,
         '"no direct marketing unless ... permission": the Meta pixel inert');
    like($r->{body}, qr/gtag\('consent','default',\{[^}]*ad_user_data:'denied'/,
         'Google tags told: ad_user_data denied');

    my $all = decide($t, 'action=accept_all&return=/');
    $r = page($t, '/', Cookie => $all, @sc);
    is(sorted_names($r), '_fbp,_ga,oppost_session',
       '"no data ... for further commercial purposes": an unexplained cookie stays out, even after Accept all');
    my $rec = json_decode($t->last_log_line('logs/optipost-consent.log', 1) // '');
    is($rec && $rec->{action}, 'accept_all', '"specific permission": recorded');
    is($rec && $rec->{policy}, '/cookie-policy', 'with the policy it was given under');

    my $sent = '_ga=GA1.1.1.1; _fbp=fb.1.1; visitor_segment=b2b; oppost_session=s1';
    $t->get('/contact', headers => [Cookie => $sent]);
    $t->get('/contact', headers => [Cookie => "$sent; $all"]);
    my @seen = backend_lines($t, qr{^/contact }, 2);
    like($seen[0] // '', qr/cookie=\[oppost_session=s1\]$/,
         'the contact form, undecided: only the session reaches it');
    unlike($seen[1] // '', qr/visitor_segment/,
           'the contact form, after Accept all: still no unexplained cookie');
    my @st = map { $t->get('/contact')->{status} } 1 .. 7;
    is($st[-1], 503, '"prevent abuse of the contact form": requests limited');
};

$CHECK{'seed-postex.conf'} = sub ($t) {
    my @sc = sc_headers('postex_session=p1; Path=/; Secure; HttpOnly', 'postex_lang=nl; Path=/',
        'ab_bucket=7; Path=/', '_ga=GA1.1.1.1; Path=/');
    my $r = page($t, '/inbox', @sc, 'Accept-Language' => 'nl-NL,nl;q=0.9');
    is(sorted_names($r), 'postex_session',
       'undecided: the account\'s session only');
    like($t->last_log_line('logs/postex-server.log', 1) // '',
         qr/^127\.0\.0\.0 .*"GET \/inbox HTTP\/1\.1" 200 "-" "-" "nl-NL,nl;q=0\.9"$/,
         '"serverlogbestanden": browser language logged, the address cut without consent');
    like($t->last_log_line('logs/postex-security.log', 1) // '', qr/^127\.0\.0\.1 /,
         '"te beveiligen": the security log keeps the address');

    $r = $t->get('/cookie-consent', headers => [Accept => 'text/html']);
    like($r->{body}, qr/<html[^>]* lang="nl"/, 'the preferences page in Dutch');

    $r = $t->post('/cookie-consent', 'action=save&category=preferences&return=/inbox');
    my ($sc) = grep { /^consent=/ } set_cookies($r);
    like($sc // '', qr/;\s*Secure/i, '"met SSL": the consent cookie is Secure');
    my ($c) = ($sc // '') =~ /^(consent=[^;]+)/;
    $r = page($t, '/inbox', Cookie => $c // '', @sc);
    is(sorted_names($r), 'postex_lang,postex_session',
       '"taalvoorkeuren": the language cookie with consent to preferences');

    $r = page($t, '/inbox', Cookie => consent_cookie(@$ALL[1 .. 3]), @sc);
    is(sorted_names($r), '_ga,postex_lang,postex_session',
       '"toestemming voordat we gegevens gebruiken voor andere doeleinden": '
       . 'an undescribed cookie stays out, even after Accept all');
};

$CHECK{'seed-ispring.conf'} = sub ($t) {
    my @sc = sc_headers('sessionid=s1; Path=/; HttpOnly', 'cart_id=c1; Path=/',
        'form_state=step2; Path=/', 'timezone=Europe%2FAmsterdam; Path=/',
        'cart_status=open; Path=/', 'ispring_uid=u123; Path=/; Max-Age=63072000',
        '_ga=GA1.1.1.1; Path=/');
    my $r = page($t, '/', @sc);
    is(sorted_names($r), 'cart_id,form_state,sessionid',
       '"strikt noodzakelijk": only login, cart and form cookies before a choice');
    like($r->{body}, qr/<input type="checkbox" name="category" value="social"/,
         'the banner asks for social media apart');
    like(tag_with($r->{body}, 'facebook.com/plugins/like.php'), qr/data-category="social"/,
         '"knop Vind ik leuk": inert, as social');
    like(tag_with($r->{body}, 'googletagmanager.com'), qr/data-category="analytics"/,
         'Google Analytics: inert until analytics');

    my $c = decide($t, 'action=save&category=preferences&category=analytics'
                       . '&category=marketing&return=/');
    $r = page($t, '/', Cookie => $c, @sc);
    is(sorted_names($r), '_ga,cart_id,cart_status,form_state,ispring_uid,sessionid,timezone',
       '"Voor functionaliteit", "Voor prestaties en analyses": with consent');
    like(tag_with($r->{body}, 'facebook.com/plugins/like.php'), qr/data-category="social"/,
         'everything but social granted: the like button still inert');
    unlike(tag_with($r->{body}, 'googletagmanager.com'), qr/text\/plain/,
           'analytics granted: Google Analytics live');

    $c = decide($t, 'action=save&category=social&return=/');
    $r = page($t, '/', Cookie => $c);
    like(tag_with($r->{body}, 'facebook.com/plugins/like.php'), qr/\ssrc="https:/,
         'social granted: the like button loads');
};

$CHECK{'seed-softcactus.conf'} = sub ($t) {
    my @sc = sc_headers('shop_session=s1; Path=/; HttpOnly', 'basket=3x12; Path=/',
        'customer_login=1; Path=/', 'recently_viewed=12%2C7; Path=/', 'wishlist=12; Path=/',
        'compare_list=7%2C9; Path=/', 'shop_lang=nl; Path=/', 'returning_visitor=1; Path=/',
        '_ga=GA1.1.1.1; Path=/');
    my $r = page($t, '/product/12', @sc);
    is(sorted_names($r), 'basket,customer_login,shop_session',
       '"winkelmandje", "geregistreerd": without a choice; the rest waits');

    my $rej = decide($t, 'action=reject_all&return=/');
    $r = page($t, '/checkout', Cookie => $rej, @sc);
    is(sorted_names($r), 'basket,customer_login,shop_session',
       'Reject all: the shop still sells');

    my $pref = decide($t, 'action=save&category=preferences&return=/');
    $r = page($t, '/product/12', Cookie => $pref, @sc);
    is(sorted_names($r), 'basket,compare_list,customer_login,recently_viewed,'
       . 'shop_lang,shop_session,wishlist',
       '"met uw toestemming": recently viewed, wishlist, compared, language');

    my $all = decide($t, 'action=accept_all&return=/');
    $r = page($t, '/product/12', Cookie => $all, @sc);
    is(sorted_names($r), '_ga,basket,compare_list,customer_login,recently_viewed,'
       . 'returning_visitor,shop_lang,shop_session,wishlist',
       '"om u te herkennen bij een volgend bezoek": with consent to analytics');

    my @log = $t->log_lines('logs/softcactus.log', 7);
    ok(@log >= 7, 'every request logged');
    is(scalar(grep { /127\.0\.0\.1/ } @log), 0,
       '"anoniem bewaard": no whole address, even after Accept all');
    like($log[0] // '', qr/^127\.0\.0\.0 .* 200 http HTTP\/1\.1 "-" \d+\.\d{3}$/,
         'connection type, browser and duration logged');
};

$CHECK{'demo.conf'} = sub ($t) {
    # the requests run-demo.sh suggests
    my $r = page($t, '/');
    is(sorted_names($r), 'PHPSESSID,XSRF-TOKEN', 'undecided: necessary cookies only');
    ok(has_banner($r), 'the banner on the demo page');
    is(hdr($r, 'X-Consent-State'), 'u1', 'X-Consent-State: u1');
    my $c = decide($t, 'action=accept_all');
    $r = page($t, '/', Cookie => $c);
    is(scalar(cookie_names($r)), 8, 'accepted: every cookie passes');
    $r = $t->get('/echo', headers => [Cookie => '_ga=GA1.1.1; PHPSESSID=8f2c1a']);
    like($r->{body}, qr/seen by the backend: PHPSESSID=8f2c1a$/m, 'the backend never sees _ga');
    is($t->post('/collect', 'v=2&en=page_view')->{status}, 204, 'the beacon gated');
};

# ---------------------------------------------------------------------------
# the run

my @files = sort glob "$REPO/conf-examples/*.conf";
ok(@files >= 10, 'conf-examples/*.conf: ' . scalar @files . ' files');

my %main = map { $_ => 1 } qw(reverse-proxy.conf wordpress.conf static-site.conf
                                proxy-cache.conf per-country.conf report-only.conf
                                consent-record.conf demo.conf);
for my $f (@files) {
    my ($name) = $f =~ m{([^/]+)$};
    $main{$name} = 1 if $name =~ /^seed-/;
}
for my $name (sort keys %main) {
    ok($CHECK{$name}, "$name has a request check");
}
for my $name (sort keys %CHECK) {
    ok(-f "$REPO/conf-examples/$name", "the check of $name has its file");
}

for my $f (@files) {
    my ($name) = $f =~ m{([^/]+)$};
    my $text = slurp($f);
    like($text, qr/\A#/, "$name: starts with a comment");

    my ($example, $http, $need) = adapt($name, $text);
    my $t = CCTest->new(http => $http);
    prepare($t);
    (my $concrete = $t->subst($http)) =~ s/(?:^|\s)#.*$//mg;
    unlike($concrete, qr{(?<![\w.-])/(?:etc|var|run|usr/share)/},
           "$name: nothing outside the test's directory");

    my ($rc, $out) = $t->nginx_t($http);
    is($rc, 0, "$name: nginx -t") or diag($out);

    my ($drc, $dout) = debian_t($t, $example);
    if (defined $drc) {
        is($drc, 0, "$name: nginx -t inside Debian's nginx.conf") or diag($dout);
    }

    my $check = $CHECK{$name} or next;
    next unless $rc == 0;
    fcgi_responder($t->port(3), $t->dir . '/logs/php.log') if $need->{fastcgi};
    unless ($t->run) {
        fail("$name: nginx starts");
        next;
    }
    subtest "$name serves" => sub { $check->($t); done_testing() };
    $t->stop;
}

# The README's minimal configuration, which reverse-proxy.conf completes,
# passes nginx -t too (its http{} body, with its two upstreams defined).
{
    my $readme = slurp("$REPO/README.md") // '';
    my ($block) = $readme =~ /^## Minimal configuration\s+```nginx\n(.*?)^```/ms;
    my ($body) = ($block // '') =~ /^http \{\n(.*)^\}/ms;
    ok($body, 'README: a minimal configuration');
    if ($body) {
        my $t = CCTest->new;
        prepare($t);
        my ($example) = adapt('README.md', $body);
        my ($rc, $out) = $t->nginx_t("    upstream app { server 127.0.0.1:9; }\n"
            . "    upstream tagging-server { server 127.0.0.1:9; }\n" . $example);
        is($rc, 0, "README's minimal configuration: nginx -t") or diag($out);
    }
}

# 30 s with the default 5 s read timeout; the sanitizer and valgrind runs
# raise CC_TIMEOUT (make test-asan, test-valgrind), and the budget with it
my $took = Time::HiRes::time() - $START;
my $budget = 30 * ($CCTest::TIMEOUT > 5 ? $CCTest::TIMEOUT / 5 : 1);
note(sprintf 'took %.1f s', $took);
cmp_ok($took, '<', $budget, "the whole test runs in under $budget s");

done_testing();
