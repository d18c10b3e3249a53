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
# shellcheck source=nvmf-perf.sh
source "$root/scripts/nvmf-perf.sh"
nvmf_setup ferry-nvmf-compare "${TMPDIR:-/tmp}"

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
workloads=("randread 4096 32" "randwrite 4096 32" "read 131072 8" "write 131072 8")
ferry_nqn=nqn.2026-01.io.ferry:compare
spdk_nqn=nqn.2016-06.io.spdk:cnode1

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "target workload IOPS MiB/s"
for ((pair = 1; pair <= pairs; pair++)); do
    if ((pair % 2 == 1)); then order=(ferry spdk); else order=(spdk ferry); fi
    for which in "${order[@]}"; do
        if [ "$which" = ferry ]; then
            nqn=$ferry_nqn
            start_target ferry "$root/ferry" serve --listen "127.0.0.1:$port" --memory 128m --nqn "$nqn"
        else
            nqn=$spdk_nqn
            start_target spdk "$tools/spdk-target" "$port" "$nqn" 128
        fi
        for workload in "${workloads[@]}"; do
            # shellcheck disable=SC2086 # three words on purpose
            run_perf "$which" "$nqn" $workload
        done
        stop_target
    done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
medians_of_ratios "$results" ferry spdk
