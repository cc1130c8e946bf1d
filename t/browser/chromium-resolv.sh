#!/bin/sh
# Chromium whose /etc/resolv.conf is $CC_ORACLE_RESOLV: a mount namespace
# of its own (unshare --mount, private propagation: nothing changes
# outside it), then the real browser ($CC_ORACLE_CHROMIUM) in the same
# process.  Used by t/browser/oracle.mjs as Playwright's executablePath so
# that each Chromium asks the test's own DNS server; root only.
exec unshare --mount -- sh -c \
    'mount --bind "$CC_ORACLE_RESOLV" /etc/resolv.conf && exec "$CC_ORACLE_CHROMIUM" "$@"' \
    sh "$@"
