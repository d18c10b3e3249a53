#!/usr/bin/env bash
# Ferry's remote backend against parallel curl on the same object: a 2 GiB random file served by a
# local nginx (its own minimal configuration, everything in a temporary directory), read with
# 64 MiB blocks and 8 transfers in flight, once per remote engine, each row followed by
# --compare curl (8 curl processes with ranged GETs for the same bytes). Prints Ferry's and curl's
# GB/s, the ratio and the CPU cost of each in CPU seconds per GB, for ROUNDS interleaved rounds (3),
# then the median ratio per engine. Usage: scripts/compare-curl-remote.sh (RUNTIME=5 seconds per row
# after a 3 s warm-up, ROUNDS=3). Needs nginx, curl and python3 (apt-get install -y nginx-light curl python3).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
runtime="${RUNTIME:-5}"
rounds="${ROUNDS:-3}"
for tool in nginx curl python3; do
    command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "$tool is not installed" >&2; exit 1; }
done
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

work="$(mktemp -d --tmpdir ferry-curl-remote.XXXXXX)"
nginx_pid=""
cleanup() {
    if [ -n "$nginx_pid" ]; then
        kill "$nginx_pid" 2>/dev/null || true
        wait "$nginx_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/www"
echo "writing a 2 GiB random file ..." >&2
head -c 2G /dev/urandom >"$work/www/big.bin"

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
# nginx as root changes to the configured user (nobody by default), which could not read the temporary directory.
user_line=""
[ "$(id -u)" -eq 0 ] && user_line="user root;"
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
        listen 127.0.0.1:$port;
        root "$work/www";
    }
}
CONF
"$nginx_bin" -p "$work" -c "$work/nginx.conf" -e "$work/error.log" &
nginx_pid=$!
url="http://127.0.0.1:$port/big.bin"
for ((i = 0; i < 100; i++)); do
    curl -sf -o /dev/null -I "$url" && break
    kill -0 "$nginx_pid" 2>/dev/null || { cat "$work/error.log" >&2; echo "nginx did not start" >&2; exit 1; }
    sleep 0.1
done
curl -sf -o /dev/null -I "$url" || { cat "$work/error.log" >&2; echo "nginx does not answer on $url" >&2; exit 1; }

printf '%-12s %12s %12s %12s %16s %16s\n' engine "ferry GB/s" "curl GB/s" ferry/curl "ferry CPU s/GB" "curl CPU s/GB"
for ((round = 1; round <= rounds; round++)); do
    for engine in multiplexed blocking; do
        "$root/ferry" bench --backend remote --filename "$url" --remote-engine "$engine" --rw read --bs 64m \
            --iodepth 8 --size 2g --ramp_time 3s --runtime "$runtime" --compare curl --no-progress \
            --json "$work/$engine-$round.json" >/dev/null
        python3 - "$work/$engine-$round.json" "$engine" <<'PY'
import json, sys
row = json.load(open(sys.argv[1]))["results"][0]
value = lambda key: "n/a" if row[key] is None else f"{row[key]:.3f}"
print(f"{sys.argv[2]:<12} {value('bandwidth_gb_per_s'):>12} {value('curl_bandwidth_gb_per_s'):>12} {value('ratio_curl'):>12}"
      f" {value('cpu_seconds_per_gb'):>16} {value('curl_cpu_seconds_per_gb'):>16}")
PY
    done
done
python3 - "$work" <<'PY'
import glob, json, statistics, sys
for engine in ("multiplexed", "blocking"):
    rows = [json.load(open(f))["results"][0] for f in sorted(glob.glob(f"{sys.argv[1]}/{engine}-*.json"))]
    ratios = [r["ratio_curl"] for r in rows if r["ratio_curl"] is not None]
    cpu = [r["cpu_seconds_per_gb"] for r in rows]
    print(f"median {engine}: ferry/curl {statistics.median(ratios):.3f}, ferry CPU s/GB {statistics.median(cpu):.3f}")
PY
