#!/usr/bin/perl

# Run by tools/nginx-suite.pl before each run of nginx's test suite, with
# the same environment as the suite's files (Test::Nginx from nginx-tests,
# TEST_NGINX_GLOBALS / TEST_NGINX_GLOBALS_HTTP, the same user): proves that
# the module is loaded and enforcing in the "module" run, and absent from
# the "plain" one, so that the comparison can never pass vacuously.
#
# NGINX_SUITE_RUN=plain|module says which run this is; the current
# directory is nginx-tests (for its lib/).

use warnings;
use strict;

use Test::More;
use IO::Socket::INET;

use lib 'lib';
use Test::Nginx;

my $run = $ENV{NGINX_SUITE_RUN} || '';
BAIL_OUT("NGINX_SUITE_RUN is neither plain nor module")
	unless $run eq 'plain' || $run eq 'module';

my $t = Test::Nginx->new()->has(qw/http/)->plan(7);

$t->write_file_expand('nginx.conf', <<'EOF');

%%TEST_GLOBALS%%

daemon off;

events {
}

http {
    %%TEST_GLOBALS_HTTP%%

    server {
        listen       127.0.0.1:8080;
        server_name  localhost;

        location / {
            add_header Set-Cookie "_ga=GA1.1.1.1; Path=/";
            add_header Set-Cookie "sid=1; Path=/";
        }
    }
}

EOF

$t->write_file('index.html',
	"<!DOCTYPE html>\n<html><head><title>t</title></head>"
	. "<body><p>hello</p></body></html>\n");

eval { $t->run(); };
BAIL_OUT("nginx does not start with the injected globals ($run run): $@")
	if $@;

my $page = http_get('/index.html');
# the endpoint's server of the injected http text (plain run: none, so
# connection refused, and then 8080 answers 404)
my $s = IO::Socket::INET->new('127.0.0.1:' . port(8979));
my $css = http_get('/cookie-consent/banner.css', $s ? (socket => $s) : ());

like($page, qr!^HTTP/1\.1 200 !, 'page');
like($page, qr!<p>hello</p>!, 'page body');

if ($run eq 'module') {
	like($page, qr!<div id="ccm-banner"!, 'banner inserted');
	like($page, qr!action="/cookie-consent!, 'banner posts to the endpoint');
	unlike($page, qr!Set-Cookie: _ga=!i, 'analytics cookie removed');
	like($page, qr!Set-Cookie: sid=1!i, 'unclassified cookie kept');
	like($css, qr!^HTTP/1\.1 200 .*\x0d\x0a\x0d\x0a.+!s,
		'endpoint serves the banner css');
} else {
	unlike($page, qr!ccm-banner!, 'no banner');
	unlike($page, qr!cookie-consent!, 'no endpoint link');
	like($page, qr!Set-Cookie: _ga=!i, 'analytics cookie kept');
	like($page, qr!Set-Cookie: sid=1!i, 'unclassified cookie kept');
	like($css, qr!^HTTP/1\.1 404 !, 'no endpoint');
}
