#!/bin/bash
# make bench: what the module costs next to plain nginx proxying and next
# to what sites would use instead (sub_filter, a Lua filter), measured in
# the same run: the paired method (the module's worker and a plain proxy's
# worker loaded at the same time on one core), the sequential method (one
# scenario after the other), worker memory while streaming 200 MB, fast
# and through a slow reader, and the HTML tokenizer alone.  Never part of
# make test.  See docs/benchmarks.md for the method.
#
#   tools/bench.sh            (make bench builds what it needs first)
#
# Environment (defaults in brackets; BENCH_QUICK=1 changes the defaults
# marked q: to the figure after it):
#   BENCH_QUICK        1: a short run, for a first look [0]
#   BENCH_DURATION     seconds per measured wrk run [10, q: 2]
#   BENCH_WARMUP       seconds of wrk before each measured run [2, q: 1]
#   BENCH_ROUNDS       rounds; each runs every scenario (pair) once [5, q: 2]
#   BENCH_CONNECTIONS  wrk connections (per wrk) [16]
#   BENCH_PAIRED       1: the paired method (bench/pairs.txt) [1]
#   BENCH_SEQUENTIAL   1: the sequential method (bench/scenarios.txt) [1]
#   BENCH_ONLY         regex: only the scenarios and pairs whose id matches
#                      (the baselines of those scenarios always run) []
#   BENCH_LUA          1: the Lua, subs_filter and njs peers, when Debian's
#                      modules are installed (tools/deps.sh bench installs
#                      them) [1]
#   BENCH_FRONT_CPU    core of the nginx under test [1]
#   BENCH_LOAD_CPU     core of wrk, curl and the backend nginx [0]
#   BENCH_RSS          1: the 200 MB streaming memory test [1]
#   BENCH_RSS_MB       size of that page in MiB [200, q: 20]
#   BENCH_SLOW         1: the same page through a slow reader [1]
#   BENCH_SLOW_MB      size of that page in MiB [200, q: 20]
#   BENCH_SLOW_RATE    the slow reader's pace, bytes/s [5000000]
#   BENCH_TOKENIZER    1: the tokenizer micro-benchmark [1]
#   BENCH_TOKENIZER_MB MB fed per tokenizer run [256, q: 32]
#   BENCH_ZONE         1: the nginx under test counts (cookie_consent_zone,
#                      docs/metrics.md) [0]; with 0, the "zone" pairs
#                      measure what counting costs (bench/pairs.txt)
#   BENCH_PERF         1: perf profiles of the worker (build/bench/perf-*) [0]
#   BENCH_PERF_IDS     the scenarios profiled [s4-64k s4-1m s2-json ...]
#   NGINX_BIN, CC_MODULE
#
# Results: build/bench/results.md (also printed); raw runs in
# build/bench/runs.tsv (sequential), paired.tsv, rss.tsv, slow.tsv.

set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

NGINX_BIN=${NGINX_BIN:-/usr/sbin/nginx}
MODULE=${CC_MODULE:-$top/build/ngx_http_cookie_consent_module.so}
MODULE_FROM=$MODULE
TOKBENCH=$top/build/bench/tokenizer_bench
QUICK=${BENCH_QUICK:-0}
q() { if [ "$QUICK" = 1 ]; then echo "$2"; else echo "$1"; fi; }
DURATION=${BENCH_DURATION:-$(q 10 2)}
WARMUP=${BENCH_WARMUP:-$(q 2 1)}
ROUNDS=${BENCH_ROUNDS:-$(q 5 2)}
CONNS=${BENCH_CONNECTIONS:-16}
PAIRED=${BENCH_PAIRED:-1}
SEQUENTIAL=${BENCH_SEQUENTIAL:-1}
ONLY=${BENCH_ONLY:-}
LUA=${BENCH_LUA:-1}
FRONT_CPU=${BENCH_FRONT_CPU:-1}
LOAD_CPU=${BENCH_LOAD_CPU:-0}
RSS=${BENCH_RSS:-1}
RSS_MB=${BENCH_RSS_MB:-$(q 200 20)}
SLOW=${BENCH_SLOW:-1}
SLOW_MB=${BENCH_SLOW_MB:-$(q 200 20)}
SLOW_RATE=${BENCH_SLOW_RATE:-5000000}
TOKENIZER=${BENCH_TOKENIZER:-1}
TOKENIZER_MB=${BENCH_TOKENIZER_MB:-$(q 256 32)}
PERF=${BENCH_PERF:-0}
ZONE=${BENCH_ZONE:-0}

dir=$top/build/bench
pages=$dir/pages
started=$(date +%s)

say() { printf 'bench: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

# ---------------------------------------------------------------------------
# dependencies: Debian packages only (tools/deps.sh bench: wrk, curl,
# taskset, and the Lua peer when apt has it)

sh tools/deps.sh bench || die "tools/deps.sh bench failed"
if [ "$PERF" = 1 ] && ! command -v perf >/dev/null 2>&1; then
    say "installing linux-perf"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install \
        -y -qq --no-install-recommends linux-perf >/dev/null \
        || die "cannot install linux-perf (BENCH_PERF=1)"
fi
for c in wrk curl taskset; do
    command -v $c >/dev/null 2>&1 || die "$c is missing (tools/deps.sh bench)"
done

# the Lua peer: Debian's libnginx-mod-http-lua (and -ndk), loaded by the
# bench configuration itself (the "#lua " lines of bench/front.conf)
lua_mods=/usr/lib/nginx/modules
have_lua=0
if [ "$LUA" = 1 ]; then
    if [ -f $lua_mods/ndk_http_module.so ] &&
       [ -f $lua_mods/ngx_http_lua_module.so ]; then
        have_lua=1
    else
        say "no Lua module in $lua_mods (libnginx-mod-http-lua): the Lua peer is skipped"
    fi
fi

# the subs_filter and njs peers: Debian's libnginx-mod-http-subs-filter
# and libnginx-mod-http-js ("#subs " and "#njs " lines), with the Lua
# peer's switch
have_subs=0
have_njs=0
if [ "$LUA" = 1 ]; then
    if [ -f $lua_mods/ngx_http_subs_filter_module.so ]; then
        have_subs=1
    else
        say "no subs_filter module in $lua_mods (libnginx-mod-http-subs-filter): that peer is skipped"
    fi
    if [ -f $lua_mods/ngx_http_js_module.so ]; then
        have_njs=1
    else
        say "no njs module in $lua_mods (libnginx-mod-http-js): that peer is skipped"
    fi
fi

[ -x "$NGINX_BIN" ] || die "no nginx at $NGINX_BIN"
[ -f "$MODULE" ] || die "module not built: $MODULE (run make)"
[ "$TOKENIZER" != 1 ] || [ -x "$TOKBENCH" ] \
    || die "not built: $TOKBENCH (make bench builds it)"

ncpu=$(nproc)
if [ "$ncpu" -lt 2 ]; then
    say "only $ncpu core: everything shares it, ratios are less meaningful"
    FRONT_CPU=0
    LOAD_CPU=0
fi

# ---------------------------------------------------------------------------
# setup

rm -rf "$dir/tmp" "$dir/runs" "$pages"
# a copy: the module may be rebuilt while the benchmark runs (perf
# resolves symbols from the file, the RSS test restarts nginx)
mkdir -p "$dir"
[ "$MODULE" -ef "$dir/ngx_http_cookie_consent_module.so" ] \
    || cp "$MODULE" "$dir/ngx_http_cookie_consent_module.so"
MODULE=$dir/ngx_http_cookie_consent_module.so
rm -f "$dir"/runs.tsv "$dir"/rss.tsv "$dir"/tokenizer.txt "$dir"/perf-* \
      "$dir"/results.md "$dir"/paired.tsv "$dir"/slow.tsv "$dir"/peers.tsv
mkdir -p "$dir/tmp" "$dir/runs"
perl bench/gen-pages.pl "$pages"

free_port() {
    perl -MIO::Socket::INET -e '
        my %used = map { $_ => 1 } @ARGV;
        while (1) {
            my $s = IO::Socket::INET->new(LocalAddr => "127.0.0.1",
                LocalPort => 0, Listen => 1) or die "no free port: $!\n";
            my $p = $s->sockport;
            print "$p\n" and last unless $used{$p};
        }' "$@"
}

BACKEND_PORT=$(free_port)
FRONT_PORT=$(free_port "$BACKEND_PORT")
FRONTB_PORT=$(free_port "$BACKEND_PORT" "$FRONT_PORT")
FRONTC_PORT=$(free_port "$BACKEND_PORT" "$FRONT_PORT" "$FRONTB_PORT")
FRONTZ_PORT=$(free_port "$BACKEND_PORT" "$FRONT_PORT" "$FRONTB_PORT" \
                        "$FRONTC_PORT")
user=""
[ "$(id -u)" -eq 0 ] && user="user root root;"

fill() {             # TEMPLATE OUT [NAME PORT [ZONE]]
    local lua='/^#lua /d' subs='/^#subs /d' njs='/^#njs /d' zone='/^#zone /d'
    [ "$have_lua" = 1 ] && lua='s/^#lua //'
    [ "$have_subs" = 1 ] && subs='s/^#subs //'
    [ "$have_njs" = 1 ] && njs='s/^#njs //'
    [ "${5:-$ZONE}" = 1 ] && zone='s/^#zone //'
    sed -e "s|@DIR@|$dir|g" -e "s|@PAGES@|$pages|g" -e "s|@TOP@|$top|g" \
        -e "s|@MODULE@|$MODULE|g" -e "s|@USER@|$user|g" \
        -e "s|@BACKEND_PORT@|$BACKEND_PORT|g" \
        -e "s|@NAME@|${3:-}|g" -e "s|@FRONT_PORT@|${4:-}|g" \
        -e "$lua" -e "$subs" -e "$njs" -e "$zone" "$1" > "$2"
}

# three instances of the nginx under test, the same configuration on
# other ports: front (the sequential runs), front and front-b (the paired
# runs), all three (the slow readers, side by side)
fill bench/backend.conf "$dir/backend.conf"
fill bench/front.conf "$dir/front.conf" front "$FRONT_PORT"
fill bench/front.conf "$dir/front-b.conf" front-b "$FRONTB_PORT"
fill bench/front.conf "$dir/front-c.conf" front-c "$FRONTC_PORT"
# the "zone" pairs (BENCH_ZONE=0): front and front-b do not count,
# front-z does
fill bench/front.conf "$dir/front-z.conf" front-z "$FRONTZ_PORT" 1
fill bench/njs/cc_peer.js "$dir/cc_peer.js"
for kind in sub subs; do
    echo "# filled in by tools/bench.sh once the banner is known" \
        > "$dir/$kind-filter.conf"
done
# the same, for the Lua and njs peers (read at start-up)
echo "<!-- the banner, once known -->" > "$dir/banner.html"

# nginx instances started here, stopped by their master's pid
start_nginx() {      # NAME CPU
    local pidf=$dir/$1.pid i
    rm -f "$pidf"
    taskset -c "$2" "$NGINX_BIN" -p "$dir/" -c "$dir/$1.conf" \
        -e "$dir/$1-error.log" \
        || die "$1 nginx did not start ($dir/$1-error.log)"
    for i in $(seq 100); do
        [ -s "$pidf" ] && worker_of "$1" >/dev/null && return 0
        sleep 0.05
    done
    die "$1 nginx did not start"
}

stop_nginx() {       # NAME
    local pidf=$dir/$1.pid pid i
    [ -s "$pidf" ] || return 0
    pid=$(cat "$pidf")
    kill -QUIT "$pid" 2>/dev/null || { rm -f "$pidf"; return 0; }
    for i in $(seq 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
    done
    kill -0 "$pid" 2>/dev/null && kill -TERM "$pid" 2>/dev/null
    rm -f "$pidf"
    return 0
}

worker_of() {        # NAME: the pid of the (single) worker
    local w
    w=$(ps -o pid= --ppid "$(cat "$dir/$1.pid")" | head -1 | tr -d ' ')
    [ -n "$w" ] && echo "$w"
}

cleanup() {
    local p
    for p in ${bg_pids:-} ${wrk_bg:-}; do kill "$p" 2>/dev/null; done
    stop_nginx front
    stop_nginx front-b
    stop_nginx front-c
    stop_nginx front-z
    stop_nginx backend
    rm -f "$pages"/big-*.html
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_nginx backend "$LOAD_CPU"
start_nginx front "$FRONT_CPU"

url=http://127.0.0.1:$FRONT_PORT

# a consent cookie granting everything, minted by the module's endpoint
cookie=$(curl -s -D - -o /dev/null -d action=accept_all "$url/cookie-consent" \
         | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(consent=[^;]*\).*/\1/p' \
         | head -1)
[ -n "$cookie" ] || die "the endpoint did not set a consent cookie"

# the banner exactly as the module inserts it, for sub_filter: what the
# response has between <body ...> and the page's next bytes (a comment,
# which the module passes byte for byte)
curl -s "$url/cc/page-8k.html" > "$dir/tmp/s4-8k.html"
perl -0777 -e '
    open my $o, "<", $ARGV[0] or die; my $orig = <$o>;
    open my $m, "<", $ARGV[1] or die; my $resp = <$m>;
    $orig =~ /<body[^>]*>(.{40})/s or die "bench: no <body> in the page\n";
    my $next = $1;
    $resp =~ /<body[^>]*>(.*?)\Q$next\E/s && length $1
        or die "bench: no banner after <body> in the module response\n";
    print $1' "$pages/page-8k.html" "$dir/tmp/s4-8k.html" > "$dir/banner.html"
# the two substitutions for sub_filter and for subs_filter (each once)
for kind in sub subs; do
    KIND=$kind perl -0777 -ne '
        die "bench: \$ in the banner: sub_filter would read a variable\n" if /\$/;
        s/\\/\\\\/g; s/\x27/\\\x27/g;
        my ($d, $o, $once) = $ENV{KIND} eq "subs"
            ? ("subs_filter", " o", "") : ("sub_filter", "", "sub_filter_once on;\n");
        print "$d \x27</body>\x27 \x27$_</body>\x27$o;\n";
        # the GA4 loader, made inert as the module writes it
        print "$d \x27<script async src=\"https://www.googletagmanager.com/gtag/js\x27 ",
              "\x27<script type=\"text/plain\" data-category=\"analytics\" async data-src=\"https://www.googletagmanager.com/gtag/js\x27$o;\n";
        print $once' \
        "$dir/banner.html" > "$dir/$kind-filter.conf"
done

stop_nginx front
start_nginx front "$FRONT_CPU"
start_nginx front-b "$FRONT_CPU"
urlb=http://127.0.0.1:$FRONTB_PORT
urlc=http://127.0.0.1:$FRONTC_PORT

# what each scenario does, checked before anything is measured
count_sc() { curl -s -D - -o /dev/null "$@" | grep -ci '^set-cookie:' || true; }
body_md5() { curl -s "$@" | md5sum | cut -c1-32; }
check() { [ "$2" = "$3" ] || die "check failed: $1: got '$2', expected '$3'"; }

check "baseline Set-Cookie" "$(count_sc "$url/base/data.json")" 10
check "baseline body" "$(body_md5 "$url/base/page-64k.html")" \
      "$(md5sum < "$pages/page-64k.html" | cut -c1-32)"
check "undecided Set-Cookie" "$(count_sc "$url/cc/data.json")" 2
check "decided Set-Cookie" "$(count_sc -H "Cookie: $cookie" "$url/cc/data.json")" 10
check "decided, banner off: body unchanged" \
      "$(body_md5 -H "Cookie: $cookie" "$url/quiet/page-64k.html")" \
      "$(md5sum < "$pages/page-64k.html" | cut -c1-32)"
check "decided, banner on: settings link" \
      "$(curl -s -H "Cookie: $cookie" "$url/cc/page-64k.html" | grep -c 'id="ccm-reopen"')" 1
check "undecided: banner" "$(grep -c 'id="ccm-banner"' "$dir/tmp/s4-8k.html")" 1
check "undecided: trackers made inert" \
      "$(grep -c 'data-src="https://www.googletagmanager.com/gtag' "$dir/tmp/s4-8k.html")" 1
check "64 KB JSON: baseline body" "$(body_md5 "$url/base/data-64k.json")" \
      "$(md5sum < "$pages/data-64k.json" | cut -c1-32)"
check "64 KB JSON: undecided Set-Cookie" "$(count_sc "$url/cc/data-64k.json")" 2
check "64 KB JSON: undecided body" "$(body_md5 "$url/cc/data-64k.json")" \
      "$(md5sum < "$pages/data-64k.json" | cut -c1-32)"
check "64 KB JSON: decided Set-Cookie" \
      "$(count_sc -H "Cookie: $cookie" "$url/cc/data-64k.json")" 10

# the peers, page by page: banner once at its place, the GA4 loader made
# inert, nothing else changed (bench/check-peer.pl); the Lua and njs
# filters also remove the 8 tracker cookies and keep the 2 necessary ones
peers="sub"
[ "$have_lua" = 1 ] && peers="$peers lua"
[ "$have_subs" = 1 ] && peers="$peers subs"
[ "$have_njs" = 1 ] && peers="$peers njs"
printf 'peer\tstatus\n' > "$dir/peers.tsv"
for peer in $peers; do
    where=before-end
    case $peer in lua|njs) where=after-body ;; esac
    for pg in page-8k.html page-64k.html page-1m.html; do
        curl -s "$url/$peer/$pg" > "$dir/tmp/$peer-$pg"
        perl bench/check-peer.pl "$pages/$pg" "$dir/tmp/$peer-$pg" \
            "$dir/banner.html" $where >/dev/null \
            || die "check failed: $peer on $pg (above)"
    done
    case $peer in lua|njs)
        for pg in page-8k.html data-64k.json; do
            names=$(curl -s -D - -o /dev/null "$url/$peer/$pg" | tr -d '\r' \
                    | sed -n 's/^[Ss]et-[Cc]ookie: *\([^=]*\)=.*/\1/p' | sort | tr '\n' ' ')
            check "$peer: Set-Cookie left on $pg" "$names" "PHPSESSID XSRF-TOKEN "
        done
        check "$peer: 64 KB JSON body" "$(body_md5 "$url/$peer/data-64k.json")" \
              "$(md5sum < "$pages/data-64k.json" | cut -c1-32)"
    esac
    printf '%s\tchecked\n' "$peer" >> "$dir/peers.tsv"
done
for peer in lua:libnginx-mod-http-lua subs:libnginx-mod-http-subs-filter \
            njs:libnginx-mod-http-js; do
    case " $peers " in *" ${peer%%:*} "*) continue ;; esac
    if [ "$LUA" = 1 ]; then
        printf '%s\tnot installed (%s)\n' "${peer%%:*}" "${peer#*:}" >> "$dir/peers.tsv"
    else
        printf '%s\tskipped (BENCH_LUA=0)\n' "${peer%%:*}" >> "$dir/peers.tsv"
    fi
done
# the second instance is the same server
check "front-b: module" "$(curl -s "$urlb/cc/page-8k.html" | grep -c 'id="ccm-banner"')" 1

# ---------------------------------------------------------------------------
# machine

clk=$(getconf CLK_TCK)
{
    echo "date	$(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "cpu	$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1) (family $(sed -n 's/^cpu family[[:space:]]*: //p' /proc/cpuinfo | head -1), model $(sed -n 's/^model[[:space:]]*: //p' /proc/cpuinfo | head -1); /proc/cpuinfo)"
    echo "cores	$ncpu"
    echo "kernel	$(uname -r)"
    echo "nginx	$("$NGINX_BIN" -v 2>&1 | sed 's/^nginx version: //')"
    echo "wrk	$(wrk -v 2>&1 | head -1 | awk '{print $1, $2}')"
    echo "module	$MODULE_FROM (sha1 $(sha1sum "$MODULE" | cut -c1-12))"
    if [ "$ZONE" = 1 ]; then
        echo "zone	on: cookie_consent_zone bench:4m, every request counted"
    else
        echo "zone	off (BENCH_ZONE=1 counts)"
    fi
    echo "commit	$(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src config 2>/dev/null || echo ' (src/ modified)')"
    if [ "$have_lua" = 1 ]; then
        echo "lua	$(dpkg-query -W -f='libnginx-mod-http-lua ${Version}, ' libnginx-mod-http-lua)$(dpkg-query -W -f='libnginx-mod-http-ndk ${Version}, ' libnginx-mod-http-ndk)$(dpkg-query -W -f='${db:Status-Abbrev}${Package} ${Version}\n' 'libluajit*-5.1-2' 2>/dev/null | sed -n 's/^ii *//p' | head -1)"
    elif [ "$LUA" = 1 ]; then
        echo "lua	not installed: the Lua column is skipped"
    else
        echo "lua	BENCH_LUA=0: the Lua column is skipped"
    fi
    if [ "$have_subs" = 1 ]; then
        echo "subs	$(dpkg-query -W -f='libnginx-mod-http-subs-filter ${Version}' libnginx-mod-http-subs-filter)"
    else
        echo "subs	not installed or BENCH_LUA=0: the subs_filter column is skipped"
    fi
    if [ "$have_njs" = 1 ]; then
        echo "njs	$(dpkg-query -W -f='libnginx-mod-http-js ${Version}' libnginx-mod-http-js)"
    else
        echo "njs	not installed or BENCH_LUA=0: the njs column is skipped"
    fi
    echo "settings	$ROUNDS rounds x ${DURATION} s (warmup ${WARMUP} s), $CONNS connections per wrk, wrk -t1 + backend on cpu $LOAD_CPU, nginx worker on cpu $FRONT_CPU (paired: both workers on cpu $FRONT_CPU, two wrk on cpu $LOAD_CPU)"
    echo "load_start	$(cut -d' ' -f1-3 /proc/loadavg)"
} > "$dir/machine.tsv"

# ---------------------------------------------------------------------------
# wrk rounds

ids=()
paths=()
visitors=()
while read -r id path visitor base _; do
    case "$id" in ''|'#'*) continue ;; esac
    case "$path" in /lua/*) [ "$have_lua" = 1 ] || continue ;; esac
    case "$path" in /subs/*) [ "$have_subs" = 1 ] || continue ;; esac
    case "$path" in /njs/*) [ "$have_njs" = 1 ] || continue ;; esac
    if [ -n "$ONLY" ] && ! [[ $id =~ $ONLY ]]; then
        # keep baselines a selected scenario needs
        if ! grep -E "^[^#]" bench/scenarios.txt \
             | awk -v b="$id" -v re="$ONLY" '$4 == b && $1 ~ re' | grep -q .
        then
            continue
        fi
    fi
    ids+=("$id"); paths+=("$path"); visitors+=("$visitor")
done < bench/scenarios.txt

core_ticks() {       # busy and total ticks of a core, from /proc/stat
    awk -v c="cpu$1" '$1 == c { t = 0; for (i = 2; i <= NF; i++) t += $i;
                                print t - $5 - $6, t }' /proc/stat
}

cpu_ticks() {        # utime + stime of a process, in clock ticks
    sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'
}

cpu_ns() {            # CPU time of a process, in ns: the scheduler's own
                     # sum (schedstat), else utime + stime (clock ticks)
    if [ -r "/proc/$1/schedstat" ]; then
        cut -d' ' -f1 "/proc/$1/schedstat"
    else
        sed 's/^.*) //' "/proc/$1/stat" \
            | awk -v c="$clk" '{printf "%.0f\n", ($12 + $13) * 1e9 / c}'
    fi
}

wrk_at() {           # URL SECONDS PATH VISITOR [--latency]
    local h=()
    [ "$4" = all ] && h=(-H "Cookie: $cookie")
    taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNS" -d"$2"s ${5:-} "${h[@]}" \
        "$1$3"
}

wrk_run() {          # SECONDS PATH VISITOR [--latency]
    wrk_at "$url" "$@"
}

# wrk's output: "rps p50_ms p99_ms requests errors"
wrk_parse() {
    perl -ne '
        BEGIN { $err = 0 }
        sub ms { my ($v, $u) = @_;
                 $u eq "us" ? $v / 1000 : $u eq "s" ? $v * 1000
                 : $u eq "m" ? $v * 60000 : $v }
        $rps = $1 if /^Requests\/sec:\s+([\d.]+)/;
        $p50 = ms($1, $2) if /^\s+50%\s+([\d.]+)(us|ms|s|m)\b/;
        $p99 = ms($1, $2) if /^\s+99%\s+([\d.]+)(us|ms|s|m)\b/;
        $req = $1 if /^\s+(\d+) requests in/;
        $err += $1 if /Non-2xx or 3xx responses:\s+(\d+)/;
        if (/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/) {
            $err += $1 + $2 + $3 + $4 }
        END {
            die "bench: cannot read $ARGV\n" unless defined $rps && defined $p99;
            printf "%.1f\t%.3f\t%.3f\t%d\t%d\n", $rps, $p50, $p99, $req, $err }
    ' "$1"
}

busy() {             # "busy0 total0" "busy1 total1": share of busy time
    echo "$1 $2" | awk '{ print ($4 - $2) ? ($3 - $1) / ($4 - $2) : 0 }'
}

if [ "$SEQUENTIAL" = 1 ]; then
n=${#ids[@]}
total_runs=$((n * ROUNDS))
eta=$(( total_runs * (DURATION + WARMUP + 1) ))
say "$n scenarios x $ROUNDS rounds, about $((eta / 60)) min $((eta % 60)) s"

printf 'round\tid\trps\tp50_ms\tp99_ms\trequests\terrors\tcpu_s\twall_s\tbackend_cpu_s\twrk_cpu_s\tfront_core_busy\tload_core_busy\n' \
    > "$dir/runs.tsv"

k=0
for r in $(seq "$ROUNDS"); do
    for j in $(seq 0 $((n - 1))); do
        # rotate the order from round to round
        i=$(( (j + r - 1) % n ))
        k=$((k + 1))
        id=${ids[$i]}
        out=$dir/runs/$r-$id.txt
        worker=$(worker_of front)
        bworker=$(worker_of backend)

        wrk_run "$WARMUP" "${paths[$i]}" "${visitors[$i]}" > /dev/null
        c0=$(cpu_ticks "$worker")
        b0=$(cpu_ticks "$bworker")
        f0=$(core_ticks "$FRONT_CPU")
        l0=$(core_ticks "$LOAD_CPU")
        t0=$(date +%s.%N)
        # the CPU time of wrk itself, from bash's time
        { TIMEFORMAT='%U %S'; time wrk_run "$DURATION" "${paths[$i]}" \
              "${visitors[$i]}" --latency > "$out"; } 2> "$out.time"
        t1=$(date +%s.%N)
        c1=$(cpu_ticks "$worker")
        b1=$(cpu_ticks "$bworker")
        f1=$(core_ticks "$FRONT_CPU")
        l1=$(core_ticks "$LOAD_CPU")

        perl -ne '
            BEGIN { ($r, $id, $c, $w, $b, $wc, $fb, $lb) = @ARGV[0..7];
                    @ARGV = ($ARGV[8]); $err = 0 }
            sub ms { my ($v, $u) = @_;
                     $u eq "us" ? $v / 1000 : $u eq "s" ? $v * 1000
                     : $u eq "m" ? $v * 60000 : $v }
            $rps = $1 if /^Requests\/sec:\s+([\d.]+)/;
            $p50 = ms($1, $2) if /^\s+50%\s+([\d.]+)(us|ms|s|m)\b/;
            $p99 = ms($1, $2) if /^\s+99%\s+([\d.]+)(us|ms|s|m)\b/;
            $req = $1 if /^\s+(\d+) requests in/;
            $err += $1 if /Non-2xx or 3xx responses:\s+(\d+)/;
            if (/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/) {
                $err += $1 + $2 + $3 + $4 }
            END {
                die "bench: cannot read $ARGV\n" unless defined $rps && defined $p99;
                printf "%d\t%s\t%.1f\t%.3f\t%.3f\t%d\t%d\t%.2f\t%.2f\t%.2f\t%.2f\t%.3f\t%.3f\n",
                    $r, $id, $rps, $p50, $p99, $req, $err, $c, $w, $b, $wc,
                    $fb, $lb }
        ' "$r" "$id" "$(awk "BEGIN { print ($c1 - $c0) / $clk }")" \
          "$(awk "BEGIN { print $t1 - $t0 }")" \
          "$(awk "BEGIN { print ($b1 - $b0) / $clk }")" \
          "$(tail -1 "$out.time" | awk '{ print $1 + $2 }')" \
          "$(echo "$f0 $f1" | awk '{ print ($4 - $2) ? ($3 - $1) / ($4 - $2) : 0 }')" \
          "$(echo "$l0 $l1" | awk '{ print ($4 - $2) ? ($3 - $1) / ($4 - $2) : 0 }')" \
          "$out" >> "$dir/runs.tsv"

        printf 'bench: [%d/%d] round %d %-9s %s\n' "$k" "$total_runs" "$r" \
            "$id" "$(tail -1 "$dir/runs.tsv" | awk -F'\t' '{printf "%9.0f req/s  p99 %7.2f ms  busy: nginx core %3.0f%%, load core %3.0f%%", $3, $5, 100 * $12, 100 * $13}')" >&2
    done
done
fi   # SEQUENTIAL

# ---------------------------------------------------------------------------
# the paired method: two instances of the nginx under test (front and
# front-b, the same configuration), their workers on the same core, each
# loaded by its own wrk, both wrk started together.  The kernel shares the
# core between the two workers, and whatever else runs on the machine
# takes from both at the same time; each worker's CPU time over the run,
# divided by the requests its wrk completed, is its CPU per request, and
# their ratio the figure to quote.  The plain side goes to front in odd
# rounds and to front-b in even ones.  An A/A pair (plain against plain)
# shows how far apart two identical workers land: the noise floor.
# A "one-worker" pair loads both paths on the same worker: the event loop
# serves ready connections in turn, so the two request rates come out
# equal whatever each request costs (why two workers are used).
# A "zone" pair loads the module on front or front-b, which do not count,
# and on front-z, the same configuration with cookie_consent_zone: what
# counting costs, against the A/A pair's noise in the same run.

if [ "$PAIRED" = 1 ]; then

p_ids=(); p_plain=(); p_filter=(); p_visitor=(); p_kind=()
while read -r id kind visitor plain filter _; do
    case "$id" in ''|'#'*) continue ;; esac
    case "$filter" in /lua/*) [ "$have_lua" = 1 ] || continue ;; esac
    case "$filter" in /subs/*) [ "$have_subs" = 1 ] || continue ;; esac
    case "$filter" in /njs/*) [ "$have_njs" = 1 ] || continue ;; esac
    [ -n "$ONLY" ] && ! [[ $id =~ $ONLY ]] && continue
    if [ "$kind" = zone ] && [ "$ZONE" = 1 ]; then
        say "paired: $id skipped (BENCH_ZONE=1: front and front-b count too)"
        continue
    fi
    p_ids+=("$id"); p_kind+=("$kind"); p_visitor+=("$visitor")
    p_plain+=("$plain"); p_filter+=("$filter")
done < bench/pairs.txt

pn=${#p_ids[@]}
ptotal=$((pn * ROUNDS))
if [[ " ${p_kind[*]} " = *" zone "* ]]; then
    start_nginx front-z "$FRONT_CPU"
    urlz=http://127.0.0.1:$FRONTZ_PORT
    curl -s -o /dev/null "$urlz/cc/page-8k.html"
    check "front-z: counts" "$(curl -s "$urlz/cc-status?format=prometheus" \
        | grep -c '^nginx_cookie_consent_requests_total{state="undecided"} [1-9]')" 1
fi
eta=$(( ptotal * (DURATION + WARMUP + 1) ))
say "paired: $pn pairs x $ROUNDS rounds, about $((eta / 60)) min $((eta % 60)) s"
printf 'round\tid\tkind\tplain_on\tplain_rps\tfilter_rps\tplain_p99_ms\tfilter_p99_ms\tplain_requests\tfilter_requests\tplain_cpu_s\tfilter_cpu_s\terrors\twall_s\tfront_core_busy\tload_core_busy\n' \
    > "$dir/paired.tsv"

k=0
for r in $(seq "$ROUNDS"); do
    for j in $(seq 0 $((pn - 1))); do
        i=$(( (j + r - 1) % pn ))
        k=$((k + 1))
        id=${p_ids[$i]}
        # the plain side alternates between the two instances
        if [ $((r % 2)) = 1 ]; then
            pu=$url; fu=$urlb; pw=$(worker_of front); fw=$(worker_of front-b)
            pon=front
        else
            pu=$urlb; fu=$url; pw=$(worker_of front-b); fw=$(worker_of front)
            pon=front-b
        fi
        if [ "${p_kind[$i]}" = zone ]; then
            fu=$urlz; fw=$(worker_of front-z)
        fi
        if [ "${p_kind[$i]}" = one-worker ]; then
            fu=$pu; fw=$pw
        fi
        v=${p_visitor[$i]}
        pout=$dir/runs/paired-$r-$id-plain.txt
        fout=$dir/runs/paired-$r-$id-filter.txt

        wrk_at "$pu" "$WARMUP" "${p_plain[$i]}" "$v" > /dev/null &
        wrk_at "$fu" "$WARMUP" "${p_filter[$i]}" "$v" > /dev/null &
        wait
        pc0=$(cpu_ns "$pw"); fc0=$(cpu_ns "$fw")
        f0=$(core_ticks "$FRONT_CPU"); l0=$(core_ticks "$LOAD_CPU")
        t0=$(date +%s.%N)
        wrk_at "$pu" "$DURATION" "${p_plain[$i]}" "$v" --latency > "$pout" &
        bg_pids="$!"
        wrk_at "$fu" "$DURATION" "${p_filter[$i]}" "$v" --latency > "$fout" &
        bg_pids="$bg_pids $!"
        wait
        bg_pids=""
        t1=$(date +%s.%N)
        pc1=$(cpu_ns "$pw"); fc1=$(cpu_ns "$fw")
        f1=$(core_ticks "$FRONT_CPU"); l1=$(core_ticks "$LOAD_CPU")

        set -- $(wrk_parse "$pout")
        prps=$1 pp99=$3 preq=$4 perr=$5
        set -- $(wrk_parse "$fout")
        frps=$1 fp99=$3 freq=$4 ferr=$5
        printf '%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\n' \
            "$r" "$id" "${p_kind[$i]}" "$pon" "$prps" "$frps" "$pp99" "$fp99" \
            "$preq" "$freq" \
            "$(awk "BEGIN { printf \"%.4f\", ($pc1 - $pc0) / 1e9 }")" \
            "$(awk "BEGIN { printf \"%.4f\", ($fc1 - $fc0) / 1e9 }")" \
            $((perr + ferr)) "$(awk "BEGIN { printf \"%.2f\", $t1 - $t0 }")" \
            "$(busy "$f0" "$f1")" "$(busy "$l0" "$l1")" >> "$dir/paired.tsv"

        printf 'bench: [%d/%d] round %d paired %-10s %s\n' "$k" "$ptotal" "$r" "$id" \
            "$(tail -1 "$dir/paired.tsv" | awk -F'\t' '{
                pu = $9 ? 1e6 * $11 / $9 : 0; fu = $10 ? 1e6 * $12 / $10 : 0;
                printf "%7.0f / %7.0f req/s  %6.1f / %6.1f us/req  cpu ratio %s  busy %3.0f%% / %3.0f%%",
                    $5, $6, pu, fu, ($3 == "one-worker" || !fu) ? "-" : sprintf("%.3f", pu / fu),
                    100 * $15, 100 * $16 }')" >&2
    done
done
fi   # PAIRED

echo "load_end	$(cut -d' ' -f1-3 /proc/loadavg)" >> "$dir/machine.tsv"

# ---------------------------------------------------------------------------
# perf profiles of the worker (BENCH_PERF=1)

if [ "$PERF" = 1 ]; then
    for id in ${BENCH_PERF_IDS:-s4-64k s4-1m s2-json s3-json base-json s5-64k}; do
        path=$(awk -v id="$id" '$1 == id {print $2}' bench/scenarios.txt)
        visitor=$(awk -v id="$id" '$1 == id {print $3}' bench/scenarios.txt)
        worker=$(worker_of front)
        wrk_run $((DURATION + 2)) "$path" "$visitor" > /dev/null &
        wrk_bg=$!
        sleep 1
        perf record -q -F 2999 -g -p "$worker" -o "$dir/perf-$id.data" \
            -- sleep "$DURATION" 2>/dev/null || say "perf record failed"
        wait "$wrk_bg" || true
        wrk_bg=""
        {
            perf report -i "$dir/perf-$id.data" --stdio --no-children \
                --sort dso 2>/dev/null | grep -E '^ +[0-9.]+%'
            echo
            perf report -i "$dir/perf-$id.data" --stdio --no-children \
                --sort dso,symbol --percent-limit 0.5 2>/dev/null \
                | grep -E '^ +[0-9.]+%'
        } > "$dir/perf-$id.txt" || true
        say "perf $id: $dir/perf-$id.txt"
    done
fi

# ---------------------------------------------------------------------------
# worker peak RSS while streaming a big page

vm() {               # FIELD PID, in kB
    awk -v f="$1:" '$1 == f {print $2}' "/proc/$2/status"
}

if [ "$RSS" = 1 ]; then
    size=$((RSS_MB * 1024 * 1024))
    printf 'page\tlocation\tbytes_out\thwm_before_kb\thwm_after_kb\trss_after_kb\tseconds\n' \
        > "$dir/rss.tsv"
    for kind in lines single-line; do
        opt=""
        [ "$kind" = single-line ] && opt=--single-line
        perl bench/gen-pages.pl --size "$size" $opt "$pages/big-$kind.html"
        for loc in base cc; do
            stop_nginx front
            start_nginx front "$FRONT_CPU"
            worker=$(worker_of front)
            for i in $(seq 20); do
                curl -s -o /dev/null "$url/$loc/page-64k.html"
            done
            h0=$(vm VmHWM "$worker")
            res=$(taskset -c "$LOAD_CPU" curl -s -o /dev/null \
                  -w '%{http_code} %{size_download} %{time_total}' \
                  "$url/$loc/big-$kind.html")
            set -- $res
            [ "$1" = 200 ] || die "big page: status $1"
            printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$kind" "/$loc/" "$2" "$h0" \
                "$(vm VmHWM "$worker")" "$(vm VmRSS "$worker")" "$3" \
                >> "$dir/rss.tsv"
            say "rss $kind /$loc/: $(tail -1 "$dir/rss.tsv")"
        done
        rm -f "$pages/big-$kind.html"
    done
fi

# ---------------------------------------------------------------------------
# the big page through slow readers: plain proxying, the module for an
# undecided visitor, the module for a visitor who granted everything, side
# by side on the three instances (fresh workers on the front core), each
# read at BENCH_SLOW_RATE bytes/s by bench/slow-reader.pl with a small
# receive buffer.  The body must come out complete and identical to the
# same response fetched at full speed.

slow_failed=0
if [ "$SLOW" = 1 ]; then
    size=$((SLOW_MB * 1024 * 1024))
    big=$pages/big-slow.html
    perl bench/gen-pages.pl --size "$size" "$big"
    md5len() {
        perl -MDigest::MD5 -e 'my $m = Digest::MD5->new; my $n = 0;
            while (read(STDIN, my $b, 1 << 20)) { $n += length $b; $m->add($b) }
            print $m->hexdigest, " $n\n"'
    }
    declare -A exp
    exp[plain]=$(md5len < "$big")
    exp[undecided]=$(curl -s "$url/cc/big-slow.html" | md5len)
    exp[all]=$(curl -s -H "Cookie: $cookie" "$url/cc/big-slow.html" | md5len)

    stop_nginx front; stop_nginx front-b; stop_nginx front-c
    start_nginx front "$FRONT_CPU"
    start_nginx front-b "$FRONT_CPU"
    start_nginx front-c "$FRONT_CPU"
    printf 'case\tlocation\tpage_bytes\trate_target\tstatus\tbytes\tframing\tmd5_ok\tlength_ok\tlast_bytes\tseconds\trate_MBps\thwm_before_kb\thwm_after_kb\trss_max_kb\trss_after_kb\n' \
        > "$dir/slow.tsv"
    bg_pids=""
    declare -A sw
    for c in plain undecided all; do
        case $c in
            plain) inst=front; port=$FRONT_PORT; loc=base; ck="" ;;
            undecided) inst=front-b; port=$FRONTB_PORT; loc=cc; ck="" ;;
            all) inst=front-c; port=$FRONTC_PORT; loc=cc; ck=$cookie ;;
        esac
        w=$(worker_of $inst)
        sw[$c]=$w
        for i in $(seq 20); do
            curl -s -o /dev/null ${ck:+-H "Cookie: $ck"} \
                "http://127.0.0.1:$port/$loc/page-64k.html"
        done
        echo "$(vm VmHWM "$w")" > "$dir/tmp/slow-$c.hwm0"
        set -- ${exp[$c]}
        ( taskset -c "$LOAD_CPU" perl bench/slow-reader.pl --port "$port" \
              --path "/$loc/big-slow.html" ${ck:+--cookie "$ck"} \
              --rate "$SLOW_RATE" --rcvbuf 32768 --pid "$w" \
              --md5 "$1" --length "$2" > "$dir/tmp/slow-$c.out" \
              2> "$dir/tmp/slow-$c.err"
          echo $? > "$dir/tmp/slow-$c.rc" ) &
        bg_pids="$bg_pids $!"
    done
    say "slow readers: $SLOW_MB MiB at $SLOW_RATE bytes/s, about $(( size / SLOW_RATE + 1 )) s"
    wait
    bg_pids=""
    for c in plain undecided all; do
        loc=/cc/; [ $c = plain ] && loc=/base/
        out=$(cat "$dir/tmp/slow-$c.out")
        [ -n "$out" ] || out=$(printf 'error\t0\tcut\tno\tno\t%s\t0\t0\t0' \
            "$(tr '\t\n' '  ' < "$dir/tmp/slow-$c.err")")
        printf '%s\t%s\t%d\t%s\t%s\t%s\t%s\n' "$c" "$loc" "$size" "$SLOW_RATE" \
            "$(echo "$out" | cut -f1-8)" "$(cat "$dir/tmp/slow-$c.hwm0")" \
            "$(vm VmHWM "${sw[$c]}")	$(echo "$out" | cut -f9)	$(vm VmRSS "${sw[$c]}")" \
            >> "$dir/slow.tsv"
        if [ "$(cat "$dir/tmp/slow-$c.rc")" != 0 ]; then
            say "SLOW READER FAILED: $c: $out $(cat "$dir/tmp/slow-$c.err")"
            slow_failed=1
        fi
        say "slow $c: $(tail -1 "$dir/slow.tsv")"
    done
    rm -f "$big"
fi

stop_nginx front
stop_nginx front-b
stop_nginx front-c
stop_nginx backend

# ---------------------------------------------------------------------------
# tokenizer

if [ "$TOKENIZER" = 1 ]; then
    # real-page samples of the repository, each directory one input
    extra=$(ls -d conf-examples/demo-site fuzz/corpus/*html* 2>/dev/null || true)
    taskset -c "$FRONT_CPU" "$TOKBENCH" -n 5 -m "$TOKENIZER_MB" \
        -b "$dir/banner.html" "$pages"/page-*.html $extra \
        | tee "$dir/tokenizer.txt" >&2
fi

echo "elapsed	$(( $(date +%s) - started ))" >> "$dir/machine.tsv"

perl bench/report.pl "$dir" | tee "$dir/results.md"
[ "$slow_failed" = 0 ] || die "a slow reader did not get the whole body (slow.tsv)"
