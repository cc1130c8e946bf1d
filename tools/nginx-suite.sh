#!/bin/sh
# nginx's own test suite (nginx-tests) with and without the module, compared
# per file and per assertion against t/nginx-suite.expected
# (docs/nginx-suite.md).  Used by "make test-nginx-suite".
#
#   NGINX_TESTS=DIR          nginx-tests (default ../shared/nginx-tests,
#                            relative to the repository)
#   NGINX_BIN=PATH           nginx binary (default /usr/sbin/nginx)
#   CC_MODULE=PATH           the module (default build/ngx_http_cookie_consent_module.so)
#   NGINX_SUITE_JOBS=N       files run at once (default 2)
#   NGINX_SUITE_FILES='a.t proxy*.t'   only these files
#   NGINX_SUITE_UPDATE=1     also print the current differences in the
#                            expectations file's format (reasons to write)
#   NGINX_SUITE_VERBOSE=1    TEST_NGINX_VERBOSE: requests and responses in
#                            the TAP files (build/nginx-suite/*/FILE.tap)
#   NGINX_SUITE_KEEP=1       keep every test's directory (configs, logs)
#   NGINX_SUITE_TIMEOUT=S    seconds per file before it is killed (300)
#   NGINX_SUITE_RETRY=0      no second pass for files with unexpected
#                            differences
#   NGINX_SUITE_USER=NAME    user the tests run as (root: nobody)
#   NGINX_SUITE_PROGRESS=0   no line per file
#   NGINX_SUITE_EXPECTED=F   another expectations file
#   NGINX_SUITE_OUT=DIR      results (default build/nginx-suite)
#   NGINX_SUITE_RUNS=plain   one run only, no comparison (timing)
#
# The last line of output is "N passed, N failed" (test files compared).

set -eu
cd "$(dirname "$0")/.."
exec perl tools/nginx-suite.pl "$@"
