# Sourced by the compare scripts: serves a directory with a local nginx on a free port of
# 127.0.0.1 (its own minimal configuration, in the work directory), as the benchmarks need it.
# nginx_serve WORK_DIR WWW_DIR [tls] sets nginx_pid and nginx_base (http://127.0.0.1:PORT, or
# https:// with tls, under a self-signed certificate for 127.0.0.1 that nginx_cacert names); nginx_stop
# stops it. Needs nginx, curl and python3 (apt-get install -y nginx-light curl python3), and openssl for tls.
nginx_pid=""
nginx_base=""
nginx_cacert=""

nginx_serve() {
    local work="$1" www="$2" tls="${3:-}" nginx_bin port user_line="" listen scheme=http
    nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
    [ -x "$nginx_bin" ] || { echo "nginx is not installed" >&2; return 1; }
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    # nginx as root changes to the configured user (nobody by default), which could not read the work directory.
    [ "$(id -u)" -eq 0 ] && user_line="user root;"
    listen="127.0.0.1:$port"
    if [ "$tls" = tls ]; then
        nginx_cacert="$work/cert.pem"
        openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=127.0.0.1 \
            -addext subjectAltName=IP:127.0.0.1 -keyout "$work/key.pem" -out "$nginx_cacert" 2>/dev/null ||
            { echo "openssl could not make a certificate" >&2; return 1; }
        listen="$listen ssl; ssl_certificate $nginx_cacert; ssl_certificate_key $work/key.pem"
        scheme=https
    fi
    cat >"$work/nginx.conf" <<CONF
daemon off;
master_process off;
worker_processes 1;
$user_line
pid "$work/nginx.pid";
error_log "$work/error.log" info;
events {
    worker_connections 1024;
}
http {
    access_log off;
    client_body_temp_path "$work/client_body_temp";
    proxy_temp_path "$work/proxy_temp";
    fastcgi_temp_path "$work/fastcgi_temp";
    uwsgi_temp_path "$work/uwsgi_temp";
    scgi_temp_path "$work/scgi_temp";
    default_type application/octet-stream;
    sendfile on;
    keepalive_requests 100000;
    keepalive_timeout 60s;
    server {
        listen $listen;
        root "$www";
    }
}
CONF
    "$nginx_bin" -p "$work" -c "$work/nginx.conf" -e "$work/error.log" &
    nginx_pid=$!
    nginx_base="$scheme://127.0.0.1:$port"
    for ((i = 0; i < 100; i++)); do
        curl -s -o /dev/null ${nginx_cacert:+--cacert "$nginx_cacert"} "$nginx_base/" && return 0 # any answer, a 404 too
        kill -0 "$nginx_pid" 2>/dev/null || { cat "$work/error.log" >&2; echo "nginx did not start" >&2; return 1; }
        sleep 0.1
    done
    cat "$work/error.log" >&2
    echo "nginx does not answer on $nginx_base" >&2
    return 1
}

nginx_stop() {
    if [ -n "$nginx_pid" ]; then
        kill "$nginx_pid" 2>/dev/null || true
        wait "$nginx_pid" 2>/dev/null || true
        nginx_pid=""
    fi
}
