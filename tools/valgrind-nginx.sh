#!/bin/sh
# nginx under valgrind memcheck: the NGINX_BIN of "make test-valgrind"
# (docs/hardening.md).  Every nginx process of t/ (nginx -t, the master,
# its worker, forked ones) is traced and writes its own log,
# $VG_LOGS/vg.<pid>; each error in it is between "VGERR-BEGIN" and
# "VGERR-END" lines, which the Makefile looks for.
#
#   VG_LOGS    directory for the logs (required)
#   VG_NGINX   the nginx binary (default /usr/sbin/nginx)
#   VG_OPTS    more valgrind options

set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
: "${VG_LOGS:?VG_LOGS: the directory for valgrind logs}"

# --error-exitcode: nginx -t exits non-zero on an error too
# --leak-check=no: nginx leaves what lives as long as a process to exit()
#   (its pools, OpenSSL's contexts); memcheck's errors are what we look for
# --track-origins: where an uninitialised value comes from
# --log-file with %p: a forked worker opens a log of its own
# shellcheck disable=SC2086  # VG_OPTS: words
exec valgrind --tool=memcheck --quiet \
    --log-file="$VG_LOGS/vg.%p" \
    --error-markers=VGERR-BEGIN,VGERR-END \
    --error-exitcode=99 \
    --leak-check=no \
    --track-origins=yes \
    --num-callers=40 \
    --suppressions="$repo/t/valgrind.supp" \
    ${VG_OPTS:-} \
    "${VG_NGINX:-/usr/sbin/nginx}" "$@"
