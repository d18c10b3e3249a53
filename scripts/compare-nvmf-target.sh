#!/usr/bin/env bash
# Ferry's NVMe/TCP target (ferry serve) against SPDK's nvmf_tgt, both serving a 128 MiB memory
# namespace of 512-byte blocks on 127.0.0.1, measured by spdk_nvme_perf: 4 KiB random read QD32,
# 4 KiB random write QD32, 128 KiB sequential read QD8, 128 KiB sequential write QD8. Targets run on
# core 0 (taskset), perf on core 1; each target is started alone for its runs and stopped after
# them (SPDK's reactor spins on its core), and the order alternates from pair to pair. Prints IOPS
# and MiB/s of every run, then per workload the medians and the median of the PAIRS ratios
# ferry/spdk. Usage: scripts/compare-nvmf-target.sh (PAIRS=5, RUNTIME=5 seconds per run after a
# 2 s warm-up). Needs root, ../shared/tools/spdk (see its README) and python3. The machine's load
# average is printed before and after: numbers from a loaded machine say little.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
tools="$root/../shared/tools/spdk"
pairs="${PAIRS:-5}"
runtime="${RUNTIME:-5}"
[ -x "$tools/bin/spdk_nvme_perf" ] || { echo "SPDK's tools are not in $tools" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "SPDK's tools need root" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is not installed" >&2; exit 1; }
[ "$(nproc)" -ge 2 ] || { echo "needs two cores (target on 0, perf on 1)" >&2; exit 1; }

work="$(mktemp -d --tmpdir ferry-nvmf-compare.XXXXXX)"
target_pid=""
stop_target() {
    if [ -n "$target_pid" ]; then
        kill -TERM "$target_pid" 2>/dev/null || true
        wait "$target_pid" 2>/dev/null || true
        target_pid=""
    fi
}
cleanup() {
    stop_target
    rm -rf "$work"
}
trap cleanup EXIT

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
workloads=("randread 4096 32" "randwrite 4096 32" "read 131072 8" "write 131072 8")

# Starts a target on core 0 and waits (bounded) until it accepts; sets target_pid and nqn.
start_target() {
    local which=$1
    if [ "$which" = ferry ]; then
        nqn=nqn.2026-01.io.ferry:compare
        taskset -c 0 "$root/ferry" serve --listen "127.0.0.1:$port" --memory 128m --nqn "$nqn" >"$work/target.log" 2>&1 &
    else
        nqn=nqn.2016-06.io.spdk:cnode1
        taskset -c 0 "$tools/spdk-target" "$port" "$nqn" 128 >"$work/target.log" 2>&1 &
    fi
    target_pid=$!
    for ((i = 0; i < 300; i++)); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            return 0
        fi
        kill -0 "$target_pid" 2>/dev/null || { cat "$work/target.log" >&2; echo "$which target did not start" >&2; exit 1; }
        sleep 0.1
    done
    cat "$work/target.log" >&2
    echo "$which target does not accept on port $port" >&2
    exit 1
}

# Runs one workload against the running target; appends "target workload iops mibs" to results.
run_perf() {
    local which=$1 rw=$2 size=$3 depth=$4
    local out="$work/perf.txt"
    if ! timeout $((runtime + 60)) "$tools/bin/spdk_nvme_perf" --no-huge -s 1024 -c 0x2 \
        -r "trtype:TCP adrfam:IPv4 traddr:127.0.0.1 trsvcid:$port subnqn:$nqn ns:1" \
        -q "$depth" -o "$size" -w "$rw" -t "$runtime" -a 2 >"$out" 2>&1; then
        cat "$out" >&2
        echo "spdk_nvme_perf failed against $which ($rw $size QD$depth)" >&2
        exit 1
    fi
    local total
    total="$(grep -E '^Total[[:space:]]*:' "$out" | awk -F: '{print $2}' | awk '{print $1, $2}')"
    [ -n "$total" ] || { cat "$out" >&2; echo "no Total line from spdk_nvme_perf" >&2; exit 1; }
    echo "$which $rw-$size-qd$depth $total" | tee -a "$work/results.txt"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "target workload IOPS MiB/s"
for ((pair = 1; pair <= pairs; pair++)); do
    if ((pair % 2 == 1)); then order=(ferry spdk); else order=(spdk ferry); fi
    for which in "${order[@]}"; do
        start_target "$which"
        for workload in "${workloads[@]}"; do
            # shellcheck disable=SC2086 # three words on purpose
            run_perf "$which" $workload
        done
        stop_target
    done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$work/results.txt" "$pairs" <<'PY'
import statistics
import sys
from collections import defaultdict

runs = defaultdict(lambda: defaultdict(list))
order = []
for line in open(sys.argv[1]):
    target, workload, iops, mibs = line.split()
    runs[workload][target].append(float(iops))
    if workload not in order:
        order.append(workload)
print(f"{'workload':<24} {'ferry IOPS':>12} {'spdk IOPS':>12} {'median ferry/spdk':>18}")
for workload in order:
    ferry, spdk = runs[workload]["ferry"], runs[workload]["spdk"]
    ratios = [f / s for f, s in zip(ferry, spdk) if s > 0]
    print(f"{workload:<24} {statistics.median(ferry):>12.0f} {statistics.median(spdk):>12.0f} "
          f"{statistics.median(ratios):>18.2f}")
PY
