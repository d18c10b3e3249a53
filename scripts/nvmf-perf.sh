# Sourced by the NVMe/TCP compare scripts: a target on core 0 and spdk_nvme_perf on core 1.
# Callers set root (the checkout), tools (SPDK's), port and runtime; nvmf_setup sets work and results.
# start_target NAME COMMAND... starts COMMAND on core 0 and waits (bounded) until it accepts on
# $port, setting target_pid; stop_target stops it (SIGTERM). run_perf NAME NQN RW SIZE DEPTH runs
# spdk_nvme_perf against it and appends "NAME RW-SIZE-qdDEPTH IOPS MiB/s" to $results.
target_pid=""

# nvmf_setup PREFIX TMPDIR [TOOL...]: checks what the scripts need (SPDK's tools, root, two cores,
# python3, taskset and each TOOL), makes the work directory $work under TMPDIR with $results in it,
# and on exit stops the target and removes the directory.
nvmf_setup() {
    local prefix=$1 tmp=$2 tool
    shift 2
    [ -x "$tools/bin/spdk_nvme_perf" ] || { echo "SPDK's tools are not in $tools" >&2; exit 1; }
    [ "$(id -u)" -eq 0 ] || { echo "SPDK's tools need root" >&2; exit 1; }
    # 132: killed by SIGILL, a build for an instruction set (AVX-512) this CPU lacks.
    ("$tools/bin/spdk_nvme_perf" -h >/dev/null; exit $?) 2>/dev/null || [ $? -ne 132 ] ||
        { echo "SPDK's prebuilt tools stop with an illegal instruction on this CPU (built for one with AVX-512?)" >&2; exit 1; }
    for tool in python3 taskset "$@"; do
        command -v "$tool" >/dev/null || { echo "$tool is not installed" >&2; exit 1; }
    done
    [ "$(nproc)" -ge 2 ] || { echo "needs two cores (the target on core 0, spdk_nvme_perf on core 1)" >&2; exit 1; }
    work="$(mktemp -d --tmpdir="$tmp" "$prefix.XXXXXX")"
    results="$work/results.txt"
    trap 'stop_target; rm -rf "$work"' EXIT
    "$root/ferry" --version >/dev/null # builds first when sources changed: a target must start within 30 s
}

stop_target() {
    if [ -n "$target_pid" ]; then
        kill -TERM "$target_pid" 2>/dev/null || true
        wait "$target_pid" 2>/dev/null || true
        target_pid=""
    fi
}

start_target() {
    local which=$1
    shift
    taskset -c 0 "$@" >"$work/target.log" 2>&1 &
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

run_perf() {
    local which=$1 nqn=$2 rw=$3 size=$4 depth=$5
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
    echo "$which $rw-$size-qd$depth $total" | tee -a "$results"
}

# Prints per workload the medians of each side and the median of the pair ratios A/B, from the
# lines run_perf writes (the same format for any other tool): medians_of_ratios RESULTS A B
medians_of_ratios() {
    python3 - "$1" "$2" "$3" <<'PY'
import statistics
import sys
from collections import defaultdict

results, a, b = sys.argv[1:4]
runs = defaultdict(lambda: defaultdict(list))
order = []
for line in open(results):
    side, workload, iops, mibs = line.split()
    runs[workload][side].append(float(iops))
    if workload not in order:
        order.append(workload)
print(f"{'workload':<24} {a + ' IOPS':>14} {b + ' IOPS':>14} {'median ' + a + '/' + b:>20}")
for workload in order:
    first, second = runs[workload][a], runs[workload][b]
    ratios = [x / y for x, y in zip(first, second) if y > 0]
    print(f"{workload:<24} {statistics.median(first):>14.0f} {statistics.median(second):>14.0f} "
          f"{statistics.median(ratios):>20.2f}")
PY
}
