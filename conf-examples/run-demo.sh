#!/bin/sh
# Runs the demo (conf-examples/demo.conf) in the foreground on
# 127.0.0.1:8080.  Usage: run-demo.sh NGINX_BINARY MODULE_SO

set -eu

nginx=$1
module=$2
top=$(cd "$(dirname "$0")/.." && pwd)
dir=$top/build/demo

mkdir -p "$dir"

cat > "$dir/nginx.conf" <<CONF
load_module $module;
daemon off;
worker_processes 1;
error_log stderr notice;
pid $dir/nginx.pid;
events { worker_connections 256; }
http {
    client_body_temp_path $dir/client_body;
    proxy_temp_path $dir/proxy;
    fastcgi_temp_path $dir/fastcgi;
    uwsgi_temp_path $dir/uwsgi;
    scgi_temp_path $dir/scgi;
    default_type text/html;
    cookie_consent_catalog $top/catalog/default.json;
    include $top/conf-examples/demo.conf;
}
CONF

"$nginx" -t -q -p "$top/" -c "$dir/nginx.conf"

cat <<TXT

nginx-cookie-consent demo on http://127.0.0.1:8080/  (Ctrl-C stops it)

An undecided visitor gets only necessary and unclassified cookies:
  curl -si http://127.0.0.1:8080/ | grep -i set-cookie

Accept all, keeping the consent cookie in a jar; then everything passes:
  curl -si -c /tmp/cc.jar -d action=accept_all http://127.0.0.1:8080/cookie-consent
  curl -si -b /tmp/cc.jar http://127.0.0.1:8080/ | grep -i set-cookie

Reject all while the browser still holds trackers: they are expired:
  curl -si -b /tmp/cc.jar -b '_ga=GA1.1.1; _fbp=fb.1' -d action=reject_all \\
       http://127.0.0.1:8080/cookie-consent | grep -i set-cookie

The backend never sees refused cookies; the beacon is gated:
  curl -s -b '_ga=GA1.1.1; PHPSESSID=8f2c1a' http://127.0.0.1:8080/echo
  curl -si -X POST -d 'v=2&en=page_view' http://127.0.0.1:8080/collect

Tracker tags in the page are inert until their category is granted:
  curl -s http://127.0.0.1:8080/ | grep data-category
  curl -s -b /tmp/cc.jar http://127.0.0.1:8080/ | grep -c data-category

The state as JSON, and the preferences page:
  curl -s -H 'Accept: application/json' -b /tmp/cc.jar http://127.0.0.1:8080/cookie-consent
  open http://127.0.0.1:8080/cookie-consent in a browser

Proof of consent is logged to build/demo/access.log.

TXT

exec "$nginx" -p "$top/" -c "$dir/nginx.conf"
