#!/bin/bash
# make test-deb: the Debian package end to end.  Builds it (make deb),
# installs it with apt-get, runs the system nginx (/usr/sbin/nginx) on a
# configuration of its own that loads modules like Debian's nginx.conf does
# (include /etc/nginx/modules-enabled/*.conf), checks over HTTP that the
# module filters, then removes and purges the package and checks that nginx
# works without it.  Prints TAP and a closing "N passed, N failed" line.
#
# Needs root on Debian bookworm with Debian's nginx installed (make test
# installs it).  It leaves the machine as it found it: the nginx it started
# is stopped, the package is purged (also one left over by an interrupted
# run, at the start), Debian's nginx stays installed; the system nginx
# service and /etc/nginx/nginx.conf are not touched.  CC_KEEP=1 keeps the
# temporary directory.

set -u

top=$(cd "$(dirname "$0")/.." && pwd)
pkg=libnginx-mod-http-cookie-consent
nginx=/usr/sbin/nginx
avail=/usr/share/nginx/modules-available/mod-http-cookie-consent.conf
enabled=/etc/nginx/modules-enabled/50-mod-http-cookie-consent.conf
so=/usr/lib/nginx/modules/ngx_http_cookie_consent_module.so
catalog=/usr/share/nginx-cookie-consent/catalog/default.json
doc=/usr/share/doc/$pkg
secret=6b1f3e0c2a9d4c58b7e1f09a3d6c2b8e5f4a7c1d9e0b3a6f8c2d5e7b9a1c4f30

export DEBIAN_FRONTEND=noninteractive
apt="apt-get -y -q -o DPkg::Lock::Timeout=300"

n=0
passed=0
failed=0
dir=
started=
installed=

ok() {      # ok STATUS DESCRIPTION [DIAGNOSTIC]: STATUS 0 passes
    n=$((n + 1))
    if [ "$1" -eq 0 ]; then
        passed=$((passed + 1))
        echo "ok $n - $2"
    else
        failed=$((failed + 1))
        echo "not ok $n - $2"
        [ -n "${3:-}" ] && printf '%s\n' "$3" | sed 's/^/#   /'
    fi
    return 0
}

pkg_state() {   # installed, config-files or none
    case "$(dpkg-query -W -f='${Status}' $pkg 2>/dev/null)" in
        *" installed") echo installed ;;
        *" config-files") echo config-files ;;
        *) echo none ;;
    esac
}

purge() {
    $apt purge $pkg >"$dir/purge.log" 2>&1
}

# stop_nginx: stops the nginx this script started (graceful, then KILL
# after 5 s); fails when it had to be killed
stop_nginx() {
    local pid=$started
    started=
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
    kill -QUIT "$pid"
    for _ in $(seq 50); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null
    return 1
}

cleanup() {
    [ -n "$dir" ] || return
    stop_nginx
    if [ -n "$installed" ] && [ "$(pkg_state)" != none ]; then
        echo "# cleanup: purging $pkg"
        purge || cat "$dir/purge.log"
    fi
    if [ -n "${CC_KEEP:-}" ]; then
        echo "# kept $dir"
    else
        rm -rf "$dir"
    fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

if [ "$(id -u)" -ne 0 ]; then
    echo "Bail out! needs root (apt-get install, /etc/nginx)"
    exit 1
fi
if [ ! -x $nginx ]; then
    echo "Bail out! no $nginx: Debian's nginx is not installed (make test installs it)"
    exit 1
fi

dir=$(mktemp -d /tmp/cc-deb-test.XXXXXX)
chmod 755 "$dir"
mkdir -p "$dir/tmp"

free_port() {
    perl -MIO::Socket::INET -e \
        'print IO::Socket::INET->new(Listen => 1, LocalAddr => "127.0.0.1:0",
                                     ReuseAddr => 1)->sockport'
}

# http METHOD URL [COOKIE] [FORM]: "status N" then one "set-cookie V" line
# per Set-Cookie header
http() {
    perl -MHTTP::Tiny -e '
        my ($method, $url, $cookie, $form) = @ARGV;
        my %h;
        $h{Cookie} = $cookie if length $cookie;
        my %o = (headers => \%h);
        if (length $form) {
            $h{"Content-Type"} = "application/x-www-form-urlencoded";
            $o{content} = $form;
        }
        my $r = HTTP::Tiny->new(timeout => 5, max_redirect => 0)
                          ->request($method, $url, \%o);
        print "status $r->{status}\n";
        my $sc = $r->{headers}{"set-cookie"};
        print "set-cookie $_\n" for ref $sc ? @$sc : defined $sc ? ($sc) : ();
    ' "$@"
}

# the configuration: modules as Debian's nginx.conf loads them, our own
# pid, logs and temporary paths, the site in site.conf
write_conf() {
    cat >"$dir/nginx.conf" <<EOF
include /etc/nginx/modules-enabled/*.conf;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log notice;
events { worker_connections 64; }
http {
    access_log $dir/access.log;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    include $dir/site.conf;
}
EOF
}

# write_site on|off: a server on 127.0.0.1:$port setting _ga (analytics in
# the catalog) and sid (unclassified); "on" adds the module's directives
write_site() {
    {
        if [ "$1" = on ]; then
            cat <<EOF
cookie_consent_catalog $catalog;
cookie_consent on;
cookie_consent_secret "$secret";
EOF
        fi
        cat <<EOF
server {
    listen 127.0.0.1:$port;
    location / {
        add_header Set-Cookie "_ga=GA1.1.1; Path=/";
        add_header Set-Cookie "sid=1; Path=/";
        return 200 "ok\n";
    }
EOF
        [ "$1" = on ] && echo '    location /cookie-consent { cookie_consent_endpoint; }'
        echo '}'
    } >"$dir/site.conf"
}

# start nginx on $dir/nginx.conf; waits until it answers
start_nginx() {
    rm -f "$dir/nginx.pid"
    $nginx -c "$dir/nginx.conf" >"$dir/start.log" 2>&1 || return 1
    for _ in $(seq 50); do
        started=$(cat "$dir/nginx.pid" 2>/dev/null) && [ -n "$started" ] && break
        sleep 0.1
    done
    for _ in $(seq 50); do
        http GET "http://127.0.0.1:$port/" 2>/dev/null | grep -q '^status 200' \
            && return 0
        sleep 0.1
    done
    return 1
}

has_cookie() {  # has_cookie NAME < http output
    grep -q "^set-cookie $1="
}

echo "# $(date -u '+%F %T') $($nginx -v 2>&1)"

# a package left over by an interrupted run
if [ "$(pkg_state)" != none ]; then
    echo "# purging $pkg left over by an earlier run"
    purge || { cat "$dir/purge.log"; echo "Bail out! cannot purge $pkg"; exit 1; }
fi

t0=$(date +%s)
make -C "$top" --no-print-directory deb >"$dir/make-deb.log" 2>&1
rc=$?
debs=$(ls "$top"/build/deb/${pkg}_*.deb 2>/dev/null)
[ $rc -eq 0 ] && [ "$(echo "$debs" | grep -c .)" -eq 1 ]
ok $? "make deb builds one ${pkg}_*.deb ($(( $(date +%s) - t0 )) s)" \
    "$(tail -30 "$dir/make-deb.log")"
if [ -z "$debs" ]; then
    echo "Bail out! no package"
    exit 1
fi
deb=$(echo "$debs" | head -1)
echo "# $deb"

contents=$(dpkg-deb -c "$deb" | awk '{ print $6 }' | sed 's,^\.,,')
missing=
for f in $so $avail $catalog $doc/README.md.gz $doc/copyright \
         $doc/docs/directives.md.gz $doc/conf-examples/demo.conf; do
    echo "$contents" | grep -qxF "$f" || missing="$missing $f"
done
[ -z "$missing" ]
ok $? "the package holds the module, its load file, the catalog and the docs" \
    "missing:$missing"

depends=$(dpkg-deb -f "$deb" Depends)
abi=$(sed -n 's/^nginx:abi=//p' /usr/share/nginx/src/debian/libnginx-mod.abisubstvars)
echo "$depends" | grep -qF "$abi" && echo "$depends" | grep -q libjansson4
ok $? "Depends: $depends" "want $abi and libjansson4"

$apt install "$deb" >"$dir/install.log" 2>&1
rc=$?
[ "$(pkg_state)" = installed ] && installed=1
[ $rc -eq 0 ] && [ -n "$installed" ]
ok $? "apt-get install $(basename "$deb")" "$(tail -20 "$dir/install.log")"
[ -n "$installed" ] || { echo "Bail out! not installed"; exit 1; }

[ -L $enabled ] && [ "$(readlink $enabled)" = $avail ] &&
    grep -qx 'load_module modules/ngx_http_cookie_consent_module.so;' $avail
ok $? "$enabled links to $avail, which loads the module" \
    "$(ls -l /etc/nginx/modules-enabled/; cat $avail 2>&1)"

out=$($nginx -t 2>&1)
ok $? "nginx -t (Debian's /etc/nginx/nginx.conf) with the module enabled" "$out"

port=$(free_port)
write_conf
write_site on
out=$($nginx -t -c "$dir/nginx.conf" 2>&1)
ok $? "nginx -t: a site with cookie_consent on and the packaged catalog" "$out"

start_nginx
ok $? "nginx starts on 127.0.0.1:$port" \
    "$(cat "$dir/start.log"; tail -5 "$dir/error.log" 2>/dev/null)"

r=$(http GET "http://127.0.0.1:$port/")
echo "$r" | grep -q '^status 200' && ! echo "$r" | has_cookie _ga &&
    echo "$r" | has_cookie sid
ok $? "undecided visitor: _ga is removed, sid passes" "$r"

r=$(http POST "http://127.0.0.1:$port/cookie-consent" "" "action=accept_all")
consent=$(echo "$r" | sed -n 's/^set-cookie \([^;]*\).*/\1/p' | head -1)
echo "$r" | grep -q '^status 303' && [ -n "$consent" ]
ok $? "the endpoint records accept_all (303, consent cookie)" "$r"

r=$(http GET "http://127.0.0.1:$port/" "$consent")
echo "$r" | has_cookie _ga && echo "$r" | has_cookie sid
ok $? "with the signed consent cookie, _ga and sid pass" "$r"

stop_nginx
ok $? "nginx stops (SIGQUIT)"

$apt remove $pkg >"$dir/remove.log" 2>&1
rc=$?
[ $rc -eq 0 ] && [ "$(pkg_state)" = config-files ] && [ ! -e $so ] &&
    [ ! -e $enabled ] && [ -L $enabled.removed ]
ok $? "apt-get remove: the module is gone, modules-enabled/ keeps only a .removed link" \
    "$(tail -5 "$dir/remove.log"; ls -l /etc/nginx/modules-enabled/)"

out=$($nginx -t 2>&1)
ok $? "nginx -t (Debian's nginx.conf) after the removal" "$out"

purge
rc=$?
[ $rc -eq 0 ] && [ "$(pkg_state)" = none ] && [ ! -e $enabled.removed ] &&
    [ ! -e $enabled ] && [ ! -e $avail ] && [ ! -e $catalog ]
ok $? "apt-get purge: no package, no link, no load file, no catalog" \
    "$(tail -5 "$dir/purge.log"; ls -l /etc/nginx/modules-enabled/)"
[ $rc -eq 0 ] && installed=

out=$($nginx -t 2>&1)
ok $? "nginx -t (Debian's nginx.conf) after the purge" "$out"

out=$($nginx -t -c "$dir/nginx.conf" 2>&1)
echo "$out" | grep -q 'unknown directive "cookie_consent_catalog"'
ok $? "the module's directives are unknown again" "$out"

write_site off
start_nginx
ok $? "nginx starts without the module" \
    "$(cat "$dir/start.log"; tail -5 "$dir/error.log" 2>/dev/null)"

r=$(http GET "http://127.0.0.1:$port/")
echo "$r" | has_cookie _ga && echo "$r" | has_cookie sid
ok $? "without the module, _ga and sid both pass" "$r"

stop_nginx
ok $? "nginx stops (SIGQUIT)"

dpkg-query -W -f='${Status}' nginx 2>/dev/null | grep -q ' installed$'
ok $? "Debian's nginx is still installed"

echo "1..$n"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
