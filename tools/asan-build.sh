#!/bin/sh
# Builds nginx from Debian's nginx source package with this module compiled
# in (--add-module) and AddressSanitizer + UndefinedBehaviorSanitizer, for
# "make test-asan" (docs/hardening.md).
#
#   tools/asan-build.sh [OUTDIR]        (default build/asan)
#
# OUTDIR/src/         what apt-get source downloaded (.dsc, tarballs)
# OUTDIR/nginx/       the unpacked source, Debian's patches applied; objs/
# OUTDIR/sbin/nginx   the binary (copied from objs/nginx after every build)
#
# Needs "tools/deps.sh asan" first (dpkg-dev, deb-src entries).  Re-runnable:
# the source is fetched once, configure runs again only when config, this
# script or the configure line changed, and nginx's own Makefile rebuilds
# only what changed.

set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$repo/build/asan}
mkdir -p "$out"
out=$(cd "$out" && pwd)
ngx=$out/nginx

# -DNGX_DEBUG_PALLOC: every ngx_palloc() is a malloc() of its own (nginx's
# ngx_palloc_large), so that ASan sees overflows of pool allocations, which
# are otherwise carved out of one big block
# clang: with gcc 12, UBSan's reports go to stderr whatever log_path says
# when ASan is linked in too; clang's runtimes write them all to log_path
NGX_CC=clang
CC_OPT="-g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -DNGX_DEBUG_PALLOC"
LD_OPT="-fsanitize=address,undefined"

log() { echo "asan-build: $*"; }

# --- the source package -----------------------------------------------------

# The versions to try: the installed nginx's first, then every version apt
# knows a source package of, newest first.  An index can name a version
# whose files the mirror no longer has (a 404 on the .dsc): the next one is
# tried.
fetch() {
    inst=$(dpkg-query -W -f='${Version}' nginx 2>/dev/null || true)
    versions=$( { [ -n "$inst" ] && echo "$inst"
                  apt-cache showsrc nginx 2>/dev/null \
                      | sed -n 's/^Version: *//p' | sort -rV; } \
                | awk 'NF && !seen[$0]++')
    if [ -z "$versions" ]; then
        log "apt knows no nginx source package: run tools/deps.sh asan" >&2
        exit 1
    fi
    mkdir -p "$out/src"
    for v in $versions; do
        dsc="$out/src/nginx_${v#*:}.dsc"
        log "apt-get source --download-only nginx=$v"
        if (cd "$out/src" && apt-get source --download-only -qq "nginx=$v" \
                >"$out/src/apt-$v.log" 2>&1) && [ -f "$dsc" ]; then
            rm -rf "$ngx.tmp"
            dpkg-source -x --no-copy "$dsc" "$ngx.tmp" >"$out/src/dpkg-source.log" 2>&1 \
                || { cat "$out/src/dpkg-source.log" >&2; exit 1; }
            echo "$v" >"$ngx.tmp/.cc-version"
            rm -rf "$ngx"
            mv "$ngx.tmp" "$ngx"
            log "nginx $v unpacked in $ngx"
            return 0
        fi
        log "nginx=$v: not downloadable:" \
            "$(grep '^E:' "$out/src/apt-$v.log" | head -1)"
    done
    log "no nginx source package could be downloaded" >&2
    exit 1
}

[ -f "$ngx/.cc-version" ] && [ -x "$ngx/configure" ] || fetch

# --- configure ----------------------------------------------------------------

# Debian's own configure flags for its nginx binary (debian/rules), without
# --with-cc-opt/--with-ld-opt and without the dynamic modules (geoip, image
# filter, perl, xslt, mail, stream: other libraries, not needed by t/)
flags=$(cd "$ngx" && make -s -f debian/rules --eval 'cc-print-flags: ; @echo \
    $(basic_configure_flags) $(filter-out $(basic_configure_flags) %=dynamic,$(filter --with-http_%,$(bin_configure_flags)))' \
    cc-print-flags)
case "$flags" in
    *--with-http_ssl_module*) ;;
    *) log "could not read the configure flags from debian/rules" >&2; exit 1 ;;
esac

line="$flags --with-cc=$NGX_CC --with-cc-opt=$CC_OPT --with-ld-opt=$LD_OPT --add-module=$repo"

if [ ! -f "$ngx/objs/Makefile" ] || [ "$repo/config" -nt "$ngx/objs/Makefile" ] \
   || [ "$repo/tools/asan-build.sh" -nt "$ngx/objs/Makefile" ] \
   || [ "$(cat "$ngx/objs/.cc-configure" 2>/dev/null)" != "$line" ]; then
    log "configure (nginx $(cat "$ngx/.cc-version"))"
    # shellcheck disable=SC2086  # $flags: words without spaces
    (cd "$ngx" && ./configure $flags --with-cc="$NGX_CC" --with-cc-opt="$CC_OPT" \
        --with-ld-opt="$LD_OPT" --add-module="$repo") \
        >"$out/configure.log" 2>&1 \
        || { tail -30 "$out/configure.log" >&2; exit 1; }
    echo "$line" >"$ngx/objs/.cc-configure"
fi

# --- build ----------------------------------------------------------------------

log "make (log: $out/make.log)"
make -C "$ngx" -f objs/Makefile -j"${JOBS:-2}" >"$out/make.log" 2>&1 \
    || { grep -E -A5 'error:|\*\*\*' "$out/make.log" | head -40 >&2; exit 1; }
mkdir -p "$out/sbin"
cp "$ngx/objs/nginx" "$out/sbin/nginx.tmp"
mv "$out/sbin/nginx.tmp" "$out/sbin/nginx"
log "$out/sbin/nginx: $("$out/sbin/nginx" -v 2>&1)"
