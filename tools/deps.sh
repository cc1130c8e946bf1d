#!/bin/sh
# Installs the Debian packages the project needs, when they are missing.
# Used by "make run", "make test" and .ci/run.  Needs root (or sudo).
#
#   tools/deps.sh            build and test dependencies
#   tools/deps.sh asan       also what the sanitizer build needs: dpkg-dev,
#                            llvm-14 (llvm-symbolizer) and bookworm's deb-src
#                            entries (apt-get source)
#   tools/deps.sh valgrind   also valgrind (make test-valgrind)
#   tools/deps.sh browser    also Chromium and Node.js, for the browser
#                            test (t/15-browser.t, make browser)
#   tools/deps.sh deb        also what "make deb" needs to build the Debian
#                            package with dpkg-buildpackage: dpkg-dev,
#                            debhelper, build-essential (nginx-dev, which
#                            provides dh-sequence-nginx, is always installed)
#   tools/deps.sh suite      also what nginx's own test suite needs to run
#                            the tests that skip without them
#                            (make test-nginx-suite, docs/nginx-suite.md):
#                            Perl modules (TLS, FastCGI, SCGI, WebSocket,
#                            memcached, GD), memcached and uwsgi daemons,
#                            and Debian's dynamic modules (perl, xslt,
#                            image filter, geoip, stream, mail) so that
#                            their tests run, with their filters next to
#                            ours
#   tools/deps.sh bench      also what "make bench" needs: wrk, curl,
#                            util-linux (taskset), and the peers it times
#                            next to the module when Debian packages them:
#                            libnginx-mod-http-lua with its dependency
#                            libnginx-mod-http-ndk (a Lua body filter),
#                            libnginx-mod-http-js (an njs body filter) and
#                            libnginx-mod-http-subs-filter (subs_filter).
#                            A peer apt cannot install is reported and
#                            skipped (make bench then leaves its column
#                            out), the rest must install.

set -eu

pkgs="nginx nginx-dev libjansson-dev libpcre2-dev libssl-dev zlib1g-dev
      perl make gcc clang libclang-rt-14-dev terser"

case "${1:-}" in
    asan) pkgs="$pkgs dpkg-dev llvm-14" ;;
    valgrind) pkgs="$pkgs valgrind" ;;
    deb) pkgs="$pkgs dpkg-dev debhelper build-essential" ;;
    suite)
        pkgs="$pkgs libnet-ssleay-perl libio-socket-ssl-perl libfcgi-perl
              libscgi-perl libprotocol-websocket-perl
              libcache-memcached-perl libcache-memcached-fast-perl
              libgd-perl memcached uwsgi-core uwsgi-plugin-python3 openssl
              libnginx-mod-http-perl libnginx-mod-http-xslt-filter
              libnginx-mod-http-image-filter libnginx-mod-http-geoip
              libnginx-mod-stream libnginx-mod-stream-geoip
              libnginx-mod-mail"
        ;;
    bench) pkgs="$pkgs wrk curl util-linux" ;;
    browser)
        pkgs="$pkgs chromium"
        # Debian's Node.js, unless the machine has one already
        command -v node >/dev/null 2>&1 || pkgs="$pkgs nodejs"
        command -v npm >/dev/null 2>&1 || pkgs="$pkgs npm"
        ;;
esac

# asan: tools/asan-build.sh fetches Debian's nginx source package with
# apt-get source, which needs deb-src entries.  Ours are written once (not
# when the machine has deb-src entries of its own); apt-get update runs only
# while apt knows no nginx source package.
if [ "${1:-}" = asan ]; then
    srcs=/etc/apt/sources.list.d/cc-deb-src.sources
    want='Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg'
    root=""
    [ "$(id -u)" -eq 0 ] || root=sudo
    others=$(grep -lsE '^[[:space:]]*(deb-src[[:space:]]|Types:.*deb-src)' \
        /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
        /etc/apt/sources.list.d/*.sources | grep -vxF "$srcs" || true)
    if [ "$(cat "$srcs" 2>/dev/null)" != "$want" ] &&
       { [ -e "$srcs" ] || [ -z "$others" ]; }; then
        echo "deps: writing $srcs"
        printf '%s\n' "$want" | $root tee "$srcs" >/dev/null
    fi
    if ! apt-cache showsrc nginx 2>/dev/null | grep -q '^Version:'; then
        echo "deps: apt-get update (deb-src)"
        $root apt-get update -qq
    fi
fi

missing=""
for p in $pkgs; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null \
         | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

# bench: the peers, optional (installed one by one below, after the rest)
optional=""
if [ "${1:-}" = bench ]; then
    for p in libnginx-mod-http-ndk libnginx-mod-http-lua \
             libnginx-mod-http-js libnginx-mod-http-subs-filter; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null \
            | grep -q "install ok installed" || optional="$optional $p"
    done
fi

[ -z "$missing$optional" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
else
    if [ -z "$missing" ]; then
        echo "deps: not installed (optional, make bench skips them):$optional" >&2
        exit 0
    fi
    echo "deps: missing Debian packages:$missing" >&2
    echo "deps: run as root: apt-get install$missing" >&2
    exit 1
fi

echo "deps: installing$missing$optional"

# the nginx package would start a system nginx on port 80: keep services
# from starting during the install (policy-rc.d), unless the machine
# already has a policy of its own
policy=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
    policy=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' | $sudo tee $policy >/dev/null
    $sudo chmod 755 $policy
fi

rc=0
$sudo apt-get update -qq || rc=$?
if [ $rc -eq 0 ] && [ -n "$missing" ]; then
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
        --no-install-recommends $missing >/dev/null || rc=$?
fi
# the peers together (lua needs ndk), and a failure is not fatal
if [ $rc -eq 0 ] && [ -n "$optional" ]; then
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
        --no-install-recommends $optional >/dev/null \
        || echo "deps: could not install$optional (optional: make bench skips the peers it lacks)" >&2
fi

[ -n "$policy" ] && $sudo rm -f $policy
exit $rc
