#!/usr/bin/env bash
# Ferry's NVMe/TCP host (ferry bench --backend nvme) against SPDK's spdk_nvme_perf, both on core 1,
# both talking to SPDK's nvmf_tgt on core 0 (a 512 MiB memory namespace on a free port). Four
# workloads: 4 KiB random read QD32, 4 KiB random write QD32, 128 KiB sequential read QD8 and
# 128 KiB sequential write QD8; for each, PAIRS interleaved pairs (ferry then SPDK), each pair's
# ratio ferry/SPDK (IOPS for 4 KiB, GB/s for 128 KiB) and the median ratio.
# Usage: scripts/compare-nvmf-host.sh (PAIRS=5, RUNTIME=10 seconds per run after a 2 s warm-up).
# Needs root, ../shared/tools/spdk (with its libraries, see its README), taskset and python3.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
spdk="$root/../shared/tools/spdk"
pairs="${PAIRS:-5}"
runtime="${RUNTIME:-10}"
[ -x "$spdk/spdk-target" ] || { echo "SPDK's tools are missing: $spdk" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "SPDK's tools need root" >&2; exit 1; }
for tool in taskset python3; do
    command -v "$tool" >/dev/null || { echo "$tool is not installed" >&2; exit 1; }
done

work="$(mktemp -d --tmpdir ferry-nvmf-host.XXXXXX)"
target_pid=""
cleanup() {
    if [ -n "$target_pid" ]; then
        kill "$target_pid" 2>/dev/null || true
        wait "$target_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
nqn=nqn.2016-06.io.spdk:cnode1
"$spdk/spdk-target" "$port" "$nqn" 512 >"$work/target.log" 2>&1 &
target_pid=$!
for ((i = 0; i < 600; i++)); do
    (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    kill -0 "$target_pid" 2>/dev/null || { cat "$work/target.log" >&2; echo "nvmf_tgt did not start" >&2; exit 1; }
    sleep 0.1
done
address="nvme+tcp://127.0.0.1:$port/$nqn/1"
trid="trtype:TCP adrfam:IPv4 traddr:127.0.0.1 trsvcid:$port subnqn:$nqn ns:1"

ferry_value() { # rw bs iodepth key -> one ferry run's figure
    taskset -c 1 "$root/ferry" bench --backend nvme --filename "$address" --rw "$1" --bs "$2" --iodepth "$3" \
        --size 512m --runtime "${runtime}s" --ramp_time 2s --allow-overwrite --no-progress \
        --json "$work/ferry.json" >/dev/null
    python3 -c "import json; print(json.load(open('$work/ferry.json'))['results'][0]['$4'])"
}
spdk_value() { # rw bs iodepth key -> one spdk_nvme_perf run's figure (iops, or bandwidth_gb_per_s)
    "$spdk/bin/spdk_nvme_perf" --no-huge -s 1024 -c 0x2 -r "$trid" -q "$3" -o "$2" -w "$1" -t "$runtime" -a 2 \
        >"$work/perf.txt" 2>&1
    python3 - "$work/perf.txt" "$4" <<'PY'
import sys
total = [line for line in open(sys.argv[1]) if line.strip().startswith("Total")][-1].split(":")[1].split()
iops, mib_per_s = float(total[0]), float(total[1])
print(iops if sys.argv[2] == "iops" else mib_per_s * 1048576 / 1e9)
PY
}
compare() { # label rw bs-ferry bs-bytes iodepth key
    local ratios=()
    for ((i = 1; i <= pairs; i++)); do
        local f s
        f=$(ferry_value "$2" "$3" "$5" "$6")
        s=$(spdk_value "$2" "$4" "$5" "$6")
        ratios+=("$(python3 -c "print(f'{$f / $s:.3f}')")")
        printf '%s pair %d: ferry %.3f, spdk_nvme_perf %.3f, ratio %s\n' "$1" "$i" "$f" "$s" "${ratios[-1]}"
    done
    printf '%s median ratio ferry/spdk_nvme_perf: %s\n' "$1" \
        "$(printf '%s\n' "${ratios[@]}" | sort -n | sed -n "$(((pairs + 1) / 2))p")"
}
compare "4 KiB random read QD32, IOPS" randread 4k 4096 32 iops
compare "4 KiB random write QD32, IOPS" randwrite 4k 4096 32 iops
compare "128 KiB sequential read QD8, GB/s" read 128k 131072 8 bandwidth_gb_per_s
compare "128 KiB sequential write QD8, GB/s" write 128k 131072 8 bandwidth_gb_per_s
