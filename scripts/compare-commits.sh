#!/usr/bin/env bash
# Is a change slower? Builds two commits of this repository (BASE, default HEAD~1, and HEAD, or
# REV) in temporary worktrees and runs the same `ferry bench` rows with each, alternating, ROUNDS
# times (5): file reads and writes on psync and io_uring (1 MiB blocks, 8 in flight, a 512 MiB
# file) and remote reads from a local nginx (64 MiB blocks, 8 in flight, a 1 GiB object, both
# remote engines). Prints every row's GB/s per commit and, per row, the median of the ratios
# REV/BASE (above 1: REV is faster). Usage: scripts/compare-commits.sh [BASE [REV]]
# (RUNTIME=2 seconds per row, ROUNDS=5). Needs nginx, curl and python3.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
base="${1:-HEAD~1}"
rev="${2:-HEAD}"
rounds="${ROUNDS:-5}"
runtime="${RUNTIME:-2}"
source "$root/scripts/jdk.sh"
source "$root/scripts/nginx.sh"

work="$(mktemp -d --tmpdir ferry-compare-commits.XXXXXX)"
cleanup() {
    nginx_stop
    for name in base rev; do
        [ -d "$work/$name" ] && git -C "$root" worktree remove --force "$work/$name" >/dev/null 2>&1
    done
    rm -rf "$work"
}
trap cleanup EXIT

for name in base rev; do
    commit="$base"
    [ "$name" = rev ] && commit="$rev"
    echo "building $commit ..." >&2
    git -C "$root" worktree add --detach "$work/$name" "$commit" >/dev/null 2>&1
    (cd "$work/$name" && mvn -B -q -ntp -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip -pl ferry-cli -am package) >&2
done

mkdir -p "$work/www" "$work/data"
head -c 1G /dev/urandom >"$work/www/object.bin"
nginx_serve "$work" "$work/www"

bench() { # name json-file bench-options...
    local name="$1" json="$2"
    shift 2
    java --enable-native-access=ALL-UNNAMED -jar "$work/$name/ferry-cli/target/ferry.jar" bench --no-progress \
        --runtime "$runtime" --ramp_time 500ms --json "$json" "$@" >/dev/null
}
for ((round = 1; round <= rounds; round++)); do
    for name in base rev; do
        for engine in psync io_uring; do
            bench "$name" "$work/$name-file-$engine-$round.json" --ioengine "$engine" --rw read,write --bs 1m \
                --iodepth 8 --size 512m --filename "$work/data/bench.bin" --allow-overwrite
        done
        for engine in multiplexed blocking; do
            bench "$name" "$work/$name-remote-$engine-$round.json" --backend remote --remote-engine "$engine" \
                --filename "$nginx_base/object.bin" --rw read --bs 64m --iodepth 8
        done
    done
    echo "round $round of $rounds done" >&2
done
python3 - "$work" "$base" "$rev" <<'PY'
import glob, json, os, statistics, sys
work, base, rev = sys.argv[1:]
rows = {}
for path in glob.glob(f"{work}/*.json"):
    name, kind, engine, _ = os.path.basename(path)[:-5].split("-")
    for row in json.load(open(path))["results"]:
        rows.setdefault((kind, engine, row["op"]), {}).setdefault(name, []).append(row["bandwidth_gb_per_s"])
print(f"{'row':<28} {'base GB/s':>10} {'rev GB/s':>10} {'median rev/base':>16}   ({base} -> {rev})")
for key in sorted(rows):
    b, r = rows[key]["base"], rows[key]["rev"]
    ratio = statistics.median(x / y for x, y in zip(r, b))
    print(f"{' '.join(key):<28} {statistics.median(b):>10.3f} {statistics.median(r):>10.3f} {ratio:>16.3f}")
PY
