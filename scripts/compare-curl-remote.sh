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
for tool in curl python3; do
    command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "$tool is not installed" >&2; exit 1; }
done
source "$root/scripts/nginx.sh"

work="$(mktemp -d --tmpdir ferry-curl-remote.XXXXXX)"
trap 'nginx_stop; rm -rf "$work"' EXIT

mkdir -p "$work/www"
echo "writing a 2 GiB random file ..." >&2
head -c 2G /dev/urandom >"$work/www/big.bin"
sync # its write-back would otherwise share the CPU with the first runs
nginx_serve "$work" "$work/www"
url="$nginx_base/big.bin"

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
