#!/bin/bash
# Instructions executed per request by the nginx under test of `make
# bench` (valgrind's callgrind, user space only): unlike time, the count
# does not depend on what else the machine does, so a step of a few per
# cent shows on a busy machine.  Uses the configuration, pages and
# backend of the last `make bench` run (build/bench/), run it first.
#
#   tools/bench-instructions.sh [-n N] [-z] [-c PAIRS] [-t TOP] [-m SO] LOCATION [PAGE] [all]
#
#   LOCATION  base, cc, quiet, sub or lua (the locations of front.conf)
#   PAGE      page-8k.html (default), page-64k.html, data-64k.json, ...
#   all       with a consent cookie granting every category
#   -n N      requests counted (200), after one not counted
#   -z        with cookie_consent_zone (counters and the inventory)
#   -c PAIRS  more cookies in every request ("_ga=GA1.1.1; sid=x"), as a
#             browser sends a site's cookies
#   -t TOP    also print the TOP functions, instructions per request
#   -m SO     another build of the module (an earlier commit's, say)
#
# Prints "instructions per request: N"; the callgrind file is kept in
# build/bench/callgrind/ for callgrind_annotate.

set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
dir=$top/build/bench
n=200
zone=0
extra=
show=0
module=

while getopts n:zc:t:m: o; do
    case $o in
        n) n=$OPTARG ;;
        z) zone=1 ;;
        c) extra=$OPTARG ;;
        t) show=$OPTARG ;;
        m) module=$(realpath "$OPTARG") ;;
        *) sed -n '2,20s/^# \{0,1\}//p' "$0"; exit 2 ;;
    esac
done
shift $((OPTIND - 1))

loc=${1:?usage: tools/bench-instructions.sh [-n N] [-z] [-c PAIRS] [-t TOP] [-m SO] LOCATION [PAGE] [all]}
page=${2:-page-8k.html}
who=${3:-undecided}

die() { echo "bench-instructions: $*" >&2; exit 1; }

[ -f "$dir/front.conf" ] && [ -f "$dir/backend.conf" ] \
    || die "no build/bench/front.conf: run make bench first"
command -v valgrind > /dev/null || die "valgrind is not installed"

out=$dir/callgrind
mkdir -p "$out"

free_port() {
    local p
    for p in $(seq 20000 20999 | shuf); do
        if ! (exec 3<> "/dev/tcp/127.0.0.1/$p") 2> /dev/null; then
            echo "$p"
            return
        fi
    done
    die "no free port"
}

port=$(free_port)

# the backend of the last run, started again when it is not running

if ! { [ -f "$dir/backend.pid" ] && kill -0 "$(cat "$dir/backend.pid")" \
       2> /dev/null; }
then
    /usr/sbin/nginx -p "$dir" -c "$dir/backend.conf" 2> /dev/null \
        || die "the backend did not start"
    started_backend=1
fi

# one process, no master, on a port of its own: the same locations

conf=$out/front-$loc.conf
sed -e 's/^worker_processes 1;/worker_processes 1;\nmaster_process off;\ndaemon off;/' \
    -e "s/listen 127\.0\.0\.1:[0-9]*;/listen 127.0.0.1:$port;/" \
    -e "s#^pid .*#pid $out/front.pid;#" \
    -e "s#^error_log .*#error_log $out/front-error.log warn;#" \
    "$dir/front.conf" > "$conf"

if [ -n "$module" ]; then
    sed -i "s#^load_module .*cookie_consent.*#load_module $module;#" "$conf"
fi

if [ "$zone" = 1 ]; then
    sed -i 's/^\(    cookie_consent_secret .*\)$/\1\n    cookie_consent_zone bench:4m;/' \
        "$conf"
fi

rm -f "$out"/cg.out.*
valgrind --tool=callgrind --instr-atstart=no \
    --callgrind-out-file="$out/cg.out.%p" \
    /usr/sbin/nginx -p "$dir" -c "$conf" > "$out/valgrind.log" 2>&1 &
vg=$!

url=http://127.0.0.1:$port

for _ in $(seq 1 100); do
    curl -s -o /dev/null "$url/base/" 2> /dev/null && break
    sleep 0.2
done

cookie=()
if [ "$who" = all ]; then
    c=$(curl -s -D - -o /dev/null -d action=accept_all "$url/cookie-consent" \
        | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(consent=[^;]*\).*/\1/p' \
        | head -1)
    [ -n "$c" ] || die "the endpoint did not set a consent cookie"
    cookie=(-H "Cookie: $c${extra:+; $extra}")
elif [ -n "$extra" ]; then
    cookie=(-H "Cookie: $extra")
fi

curl -s "${cookie[@]}" "$url/$loc/$page" > /dev/null

callgrind_control -i on "$vg" > /dev/null 2>&1
urls=()
for _ in $(seq 1 "$n"); do
    urls+=("$url/$loc/$page")
done
curl -s "${cookie[@]}" "${urls[@]}" > /dev/null
callgrind_control -i off "$vg" > /dev/null 2>&1
callgrind_control -d "$vg" > /dev/null 2>&1

kill "$vg"
wait "$vg" 2> /dev/null || true

if [ "${started_backend:-0}" = 1 ]; then
    kill "$(cat "$dir/backend.pid")" 2> /dev/null || true
fi

f=$(ls "$out"/cg.out.*.1 2> /dev/null | head -1)
[ -n "$f" ] || die "no callgrind dump (see $out/valgrind.log)"

suffix=
label=
if [ "$zone" = 1 ]; then
    suffix=-zone
    label=', zone'
fi
if [ -n "$extra" ]; then
    suffix=$suffix-cookies
    label="$label, request cookies: $extra"
fi

name=$out/$loc-${page%.*}-$who$suffix
mv "$f" "$name.out"

total=$(sed -n 's/^totals: //p' "$name.out")
echo "$loc $page $who$label: instructions per request: $((total / n))" \
     "($name.out)"

if [ "$show" -gt 0 ]; then
    callgrind_annotate --auto=no "$name.out" 2> /dev/null \
        | sed -n 's/^ *\([0-9,]*\) ([ 0-9.]*%) *\([^ ]*\) .*/\1 \2/p' \
        | grep -v " PROGRAM$" | head -n "$show" \
        | awk -v n="$n" '{ gsub(",", "", $1); sub(".*/", "", $2);
                            printf "%10d  %s\n", $1 / n, $2 }'
fi
