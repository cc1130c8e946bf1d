#!/bin/bash
# make bench: throughput and latency of nginx with the module next to
# plain nginx and sub_filter, worker memory while streaming 200 MB, and
# the HTML tokenizer alone.  Never part of make test.  See
# docs/benchmarks.md for the method.
#
#   tools/bench.sh            (make bench builds what it needs first)
#
# Environment (defaults in brackets):
#   BENCH_DURATION     seconds per measured wrk run [10]
#   BENCH_WARMUP       seconds of wrk before each measured run [2]
#   BENCH_ROUNDS       rounds; each runs every scenario once [5]
#   BENCH_CONNECTIONS  wrk connections [16]
#   BENCH_ONLY         regex: only the scenarios whose id matches (their
#                      baselines always run) []
#   BENCH_FRONT_CPU    core of the nginx under test [1]
#   BENCH_LOAD_CPU     core of wrk, curl and the backend nginx [0]
#   BENCH_RSS          1: the 200 MB streaming memory test [1]
#   BENCH_RSS_MB       size of that page in MiB [200]
#   BENCH_TOKENIZER    1: the tokenizer micro-benchmark [1]
#   BENCH_TOKENIZER_MB MB fed per tokenizer run [256]
#   BENCH_PERF         1: perf profiles of the worker (build/bench/perf-*) [0]
#   BENCH_PERF_IDS     the scenarios profiled [s4-64k s4-1m s2-json ...]
#   NGINX_BIN, CC_MODULE
#
# Results: build/bench/results.md (also printed), raw runs in
# build/bench/runs.tsv.

set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

NGINX_BIN=${NGINX_BIN:-/usr/sbin/nginx}
MODULE=${CC_MODULE:-$top/build/ngx_http_cookie_consent_module.so}
TOKBENCH=$top/build/bench/tokenizer_bench
DURATION=${BENCH_DURATION:-10}
WARMUP=${BENCH_WARMUP:-2}
ROUNDS=${BENCH_ROUNDS:-5}
CONNS=${BENCH_CONNECTIONS:-16}
ONLY=${BENCH_ONLY:-}
FRONT_CPU=${BENCH_FRONT_CPU:-1}
LOAD_CPU=${BENCH_LOAD_CPU:-0}
RSS=${BENCH_RSS:-1}
RSS_MB=${BENCH_RSS_MB:-200}
TOKENIZER=${BENCH_TOKENIZER:-1}
TOKENIZER_MB=${BENCH_TOKENIZER_MB:-256}
PERF=${BENCH_PERF:-0}

dir=$top/build/bench
pages=$dir/pages
started=$(date +%s)

say() { printf 'bench: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

# ---------------------------------------------------------------------------
# dependencies: Debian packages only

install_pkgs() {
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 \
            || die "missing Debian packages: $*; run as root: apt-get install $*"
        sudo=sudo
    fi
    say "installing $*"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
        --no-install-recommends "$@" >/dev/null
}

command -v wrk >/dev/null 2>&1 || install_pkgs wrk
command -v curl >/dev/null 2>&1 || install_pkgs curl
command -v taskset >/dev/null 2>&1 || install_pkgs util-linux
if [ "$PERF" = 1 ] && ! command -v perf >/dev/null 2>&1; then
    install_pkgs linux-perf
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
      "$dir"/results.md
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
user=""
[ "$(id -u)" -eq 0 ] && user="user root root;"

fill() {
    sed -e "s|@DIR@|$dir|g" -e "s|@PAGES@|$pages|g" \
        -e "s|@MODULE@|$MODULE|g" -e "s|@USER@|$user|g" \
        -e "s|@BACKEND_PORT@|$BACKEND_PORT|g" \
        -e "s|@FRONT_PORT@|$FRONT_PORT|g" "$1" > "$2"
}

fill bench/backend.conf "$dir/backend.conf"
fill bench/front.conf "$dir/front.conf"
echo "# filled in by tools/bench.sh once the banner is known" \
    > "$dir/sub-filter.conf"

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
    stop_nginx front
    stop_nginx backend
    [ -n "${wrk_bg:-}" ] && kill "$wrk_bg" 2>/dev/null
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
perl -0777 -ne '
    die "bench: \$ in the banner: sub_filter would read a variable\n" if /\$/;
    s/\\/\\\\/g; s/\x27/\\\x27/g;
    print "sub_filter \x27</body>\x27 \x27$_</body>\x27;\nsub_filter_once on;\n"' \
    "$dir/banner.html" > "$dir/sub-filter.conf"

stop_nginx front
start_nginx front "$FRONT_CPU"

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
check "sub_filter: banner" \
      "$(curl -s "$url/sub/page-1m.html" | grep -c 'id="ccm-banner"')" 1

# ---------------------------------------------------------------------------
# machine

clk=$(getconf CLK_TCK)
{
    echo "date	$(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "cpu	$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
    echo "cores	$ncpu"
    echo "kernel	$(uname -r)"
    echo "nginx	$("$NGINX_BIN" -v 2>&1 | sed 's/^nginx version: //')"
    echo "wrk	$(wrk -v 2>&1 | head -1 | awk '{print $1, $2}')"
    echo "settings	$ROUNDS rounds x ${DURATION} s (warmup ${WARMUP} s), $CONNS connections, wrk -t1 + backend on cpu $LOAD_CPU, nginx worker on cpu $FRONT_CPU"
    echo "load_start	$(cut -d' ' -f1-3 /proc/loadavg)"
} > "$dir/machine.tsv"

# ---------------------------------------------------------------------------
# wrk rounds

ids=()
paths=()
visitors=()
while read -r id path visitor base _; do
    case "$id" in ''|'#'*) continue ;; esac
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

wrk_run() {          # SECONDS PATH VISITOR [--latency]
    local h=()
    [ "$3" = all ] && h=(-H "Cookie: $cookie")
    taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNS" -d"$1"s ${4:-} "${h[@]}" \
        "$url$2"
}

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

stop_nginx front
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
