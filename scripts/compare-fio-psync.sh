#!/usr/bin/env bash
# Side-by-side check of the foundation's speed goals: ferry's psync engine against fio's on the
# same file with a warm page cache (both with --invalidate 0: by default both drop the file from the
# page cache before each read), run in interleaved pairs; prints each pair's ratio and the
# median. Usage: scripts/compare-fio-psync.sh [FILE] (PAIRS=5 RUNTIME=3 by default).
# Needs fio and python3 (apt-get install -y fio python3).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
made="" # the file this run made, removed at the end; a FILE given stays
if [ -n "${1:-}" ]; then
    file="$1"
else
    file="$(mktemp --tmpdir ferry-compare.XXXXXX)"
    made="$file"
fi
pairs="${PAIRS:-5}"
runtime="${RUNTIME:-3}"
size=256m
command -v fio >/dev/null || { echo "fio is not installed (apt-get install -y fio)" >&2; exit 1; }
out="$(mktemp -d)"
trap 'rm -rf "$out"; [ -z "$made" ] || rm -f "$made"' EXIT
fio --name=layout --filename="$file" --rw=write --bs=1m --size=$size --ioengine=psync >/dev/null

ferry_value() { # bs -> iops or bandwidth (GB/s) of one ferry run
    "$root/ferry" bench --filename "$file" --size $size --rw read --bs "$1" --runtime "$runtime" \
        --ramp_time 1 --invalidate 0 --no-progress --json "$out/ferry.json" >/dev/null
    python3 -c "import json,sys; r=json.load(open('$out/ferry.json'))['results'][0]; print(r['$2'])"
}
fio_value() { # bs fio-key [extra fio options]
    fio --name=read --filename="$file" --rw=read --bs="$1" --ioengine=psync --iodepth=1 --size=$size --invalidate=0 \
        --time_based --runtime="$runtime" --ramp_time=1 --output-format=json "${@:3}" >"$out/fio.json"
    python3 -c "import json; j=json.load(open('$out/fio.json'))['jobs'][0]['read']; print(j['$2'])"
}
compare() { # label bs ferry-key fio-key fio-scale [extra fio options]
    local ratios=()
    for ((i = 1; i <= pairs; i++)); do
        local f g
        f=$(ferry_value "$2" "$3")
        g=$(fio_value "$2" "$4" "${@:6}")
        ratios+=("$(python3 -c "print(f'{$f / ($g * $5):.3f}')")")
        printf '%s pair %d: ferry %s, fio %s, ratio %s\n' "$1" "$i" "$f" "$(python3 -c "print($g * $5)")" "${ratios[-1]}"
    done
    printf '%s median ratio ferry/fio: %s\n' "$1" "$(printf '%s\n' "${ratios[@]}" | sort -n | sed -n "$(((pairs + 1) / 2))p")"
}
compare "psync 1MiB sequential read, GB/s" 1m bandwidth_gb_per_s bw_bytes 1e-9
# fio's buffer address changes its 1 MiB copy speed by 2x on some machines; also compare with its best.
compare "psync 1MiB sequential read vs fio --iomem_align=2m, GB/s" 1m bandwidth_gb_per_s bw_bytes 1e-9 --iomem_align=2m
compare "psync 4KiB read QD1, IOPS" 4k iops iops 1
