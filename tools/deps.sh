#!/bin/sh
# Installs the Debian packages the project needs, when they are missing.
# Used by "make run", "make test" and .ci/run.  Needs root (or sudo).
#
#   tools/deps.sh            build and test dependencies
#   tools/deps.sh asan       also what the sanitizer build needs

set -eu

pkgs="nginx nginx-dev libjansson-dev libpcre2-dev libssl-dev zlib1g-dev
      perl make gcc clang libclang-rt-14-dev"

case "${1:-}" in
    asan) pkgs="$pkgs dpkg-dev" ;;
esac

missing=""
for p in $pkgs; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null \
         | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
else
    echo "deps: missing Debian packages:$missing" >&2
    echo "deps: run as root: apt-get install$missing" >&2
    exit 1
fi

echo "deps: installing$missing"

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
if [ $rc -eq 0 ]; then
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
        --no-install-recommends $missing >/dev/null || rc=$?
fi

[ -n "$policy" ] && $sudo rm -f $policy
exit $rc
