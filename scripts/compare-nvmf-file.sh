#!/usr/bin/env bash
# A file namespace over NVMe/TCP against the same file read locally (issue 11): Ferry's target
# (ferry serve --file FILE --direct, 4 KiB blocks, io_uring) read by spdk_nvme_perf over 127.0.0.1,
# against fio reading FILE on io_uring with O_DIRECT, at the same block size and queue depth:
# 4 KiB random read QD32 and 128 KiB sequential read QD8. SPDK's nvmf_tgt serving the same file
# (an AIO bdev, O_DIRECT) runs beside them, to show what the network costs a target nobody here
# wrote. The targets and fio run on core 0, perf on core 1; the order rotates from round to round.
# Prints every run, then per workload the medians and the median of the PAIRS ratios ferry/fio
# (goal: at least 0.9, the network adds little), spdk/fio and ferry/spdk.
# Usage: scripts/compare-nvmf-file.sh [FILE] (PAIRS=5, RUNTIME=5 seconds per run after a 2 s
# warm-up; without FILE, a 1 GiB file of random bytes in a temporary directory on the disk of
# WORK, default /var/tmp). Needs root, ../shared/tools/spdk (see its README), fio and python3.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
tools="$root/../shared/tools/spdk"
pairs="${PAIRS:-5}"
runtime="${RUNTIME:-5}"
# shellcheck source=nvmf-perf.sh
source "$root/scripts/nvmf-perf.sh"
nvmf_setup ferry-nvmf-file "${WORK:-/var/tmp}" fio

file="${1:-}"
if [ -z "$file" ]; then
    file="$work/namespace.img"
    echo "writing a 1 GiB file of random bytes to $file ..."
    dd if=/dev/urandom of="$file" bs=8M count=128 status=none
    sync
fi
[ -f "$file" ] || { echo "no file $file" >&2; exit 1; }

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
nqn=nqn.2026-01.io.ferry:file
cat >"$work/spdk.json" <<JSON
{"subsystems":[
 {"subsystem":"bdev","config":[{"method":"bdev_aio_create","params":{"name":"File0","filename":"$file","block_size":4096}}]},
 {"subsystem":"nvmf","config":[
  {"method":"nvmf_create_transport","params":{"trtype":"TCP","max_queue_depth":128,"in_capsule_data_size":4096,"max_io_size":131072}},
  {"method":"nvmf_create_subsystem","params":{"nqn":"$nqn","allow_any_host":true,"serial_number":"SPDK00000000000001"}},
  {"method":"nvmf_subsystem_add_ns","params":{"nqn":"$nqn","namespace":{"nsid":1,"bdev_name":"File0"}}},
  {"method":"nvmf_subsystem_add_listener","params":{"nqn":"$nqn","listen_address":{"trtype":"TCP","adrfam":"IPv4","traddr":"127.0.0.1","trsvcid":"$port"}}}
 ]}]}
JSON
workloads=("randread 4096 32" "read 131072 8")

# fio on core 0 reading the file as the namespace is read; appends a line as run_perf does.
run_fio() {
    local rw=$1 size=$2 depth=$3
    local out="$work/fio.json"
    taskset -c 0 fio --name=local --filename="$file" --ioengine=io_uring --direct=1 --rw="$rw" --bs="$size" \
        --iodepth="$depth" --time_based --runtime="$runtime" --ramp_time=2 --invalidate=1 \
        --output-format=json --output="$out" >/dev/null
    python3 - "$out" "$rw-$size-qd$depth" <<'PY' | tee -a "$results"
import json
import sys

job = json.load(open(sys.argv[1]))["jobs"][0]["read"]
print(f"fio {sys.argv[2]} {job['iops']:.2f} {job['bw_bytes'] / 2**20:.2f}")
PY
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "side workload IOPS MiB/s"
sides=(ferry spdk fio)
for ((pair = 1; pair <= pairs; pair++)); do
    for ((turn = 0; turn < 3; turn++)); do
        which=${sides[$(((pair + turn) % 3))]}
        case "$which" in
        ferry | spdk)
            if [ "$which" = ferry ]; then
                start_target ferry env FERRY_FILE_ENGINE=io_uring "$root/ferry" serve --listen "127.0.0.1:$port" \
                    --file "$file" --direct --block-size 4096 --nqn "$nqn"
            else
                start_target spdk "$tools/bin/nvmf_tgt" -m 0x1 --no-huge -s 512 --json "$work/spdk.json" \
                    -r "$work/spdk.sock"
            fi
            for workload in "${workloads[@]}"; do
                # shellcheck disable=SC2086 # three words on purpose
                run_perf "$which" "$nqn" $workload
            done
            stop_target
            ;;
        fio)
            for workload in "${workloads[@]}"; do
                # shellcheck disable=SC2086
                run_fio $workload
            done
            ;;
        esac
    done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
medians_of_ratios "$results" ferry fio
medians_of_ratios "$results" spdk fio
medians_of_ratios "$results" ferry spdk
