#!/usr/bin/env bash
# The commands people time (issue 13): `ferry copy` against cp (the kernel's copy) and against
# dd bs=8M (through memory, as `ferry copy --through-memory`), and `ferry --version`'s start-up,
# in interleaved pairs on one file with a warm page cache; then, as root, `ferry copy --direct`
# against `dd bs=8M iflag=direct oflag=direct` with the page cache dropped before every run;
# prints each pair and the median ratio; then how soon a copy reads its first byte (with strace).
# Ferry's time is the one it reports (start-up taken out: the JVM's own start is measured apart,
# by --version). cp and dd do not fsync, so ferry runs with --no-fsync; every run starts after a
# sync, into a destination that does not exist yet (freeing the blocks of a replaced 2 GiB file
# took 0.6 s of a rename), so that no run pays for the one before.
# Usage: scripts/compare-copy.sh [DIR] (PAIRS=5 SIZE_MIB=2048 by default; DIR needs 3 x SIZE free).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
made="" # the directory this run made, removed with its files at the end; a DIR given stays
if [ -n "${1:-}" ]; then
    dir="$1"
else
    dir="$(mktemp -d --tmpdir ferry-compare-copy.XXXXXX)"
    made="$dir"
fi
pairs="${PAIRS:-5}"
size_mib="${SIZE_MIB:-2048}"
src="$dir/source.bin"
trap 'rm -f "$src" "$dir/cp.bin" "$dir/ferry.bin" "$dir/dd.bin" "$dir/strace.txt"; [ -z "$made" ] || rmdir "$made"' EXIT
head -c "$((size_mib << 20))" /dev/urandom >"$src"
cat "$src" >/dev/null
"$root/ferry" --version >/dev/null # builds when needed, and trains the AOT cache

cold=0 # 1: every run starts with the page cache dropped (the --direct row)
settle() {
    sync # every run starts without the previous one's dirty pages to write back
    if [ "$cold" = 1 ]; then
        echo 3 >/proc/sys/vm/drop_caches
    fi
}

seconds() { # command... -> wall seconds
    local start end
    rm -f "$dir/cp.bin" "$dir/dd.bin"
    settle
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s.%N)
    python3 -c "print(f'{$end - $start:.3f}')"
}
ferry_seconds() { # copy options... -> the seconds ferry reports
    rm -f "$dir/ferry.bin"
    settle
    "$root/ferry" copy "$src" "$dir/ferry.bin" --no-fsync --no-progress "$@" | sed -n 's/.* in \([0-9.]*\) s.*/\1/p'
}
median() {
    printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"
}
compare() { # label reference-command... (ferry options after --)
    local label="$1" ratios=() reference=() options=()
    shift
    while [ "$1" != -- ]; do reference+=("$1"); shift; done
    shift
    options=("$@")
    for ((i = 1; i <= pairs; i++)); do
        local f r
        f=$(ferry_seconds "${options[@]}")
        r=$(seconds "${reference[@]}")
        ratios+=("$(python3 -c "print(f'{$r / $f:.3f}')")")
        printf '%s pair %d: ferry %s s, %s %s s, speed ratio ferry/%s %s\n' "$label" "$i" "$f" "${reference[0]}" "$r" \
            "${reference[0]}" "${ratios[-1]}"
    done
    printf '%s median speed ratio: %s\n' "$label" "$(median "${ratios[@]}")"
}
compare "copy ${size_mib} MiB (kernel copy)" cp "$src" "$dir/cp.bin" --
compare "copy ${size_mib} MiB --through-memory" dd if="$src" of="$dir/dd.bin" bs=8M --  --through-memory
if [ -w /proc/sys/vm/drop_caches ]; then
    cold=1
    compare "copy ${size_mib} MiB --direct, cold" dd if="$src" of="$dir/dd.bin" bs=8M iflag=direct oflag=direct -- --direct
    cold=0
else
    echo "the --direct row needs root (to drop the page cache): left out" >&2
fi
# The first byte: seconds from the launcher's start (its execve) to the copy's first read of SRC
# (copy_file_range for the kernel's copy, pread64 through memory), traced by strace with its
# seccomp filter, so that the JVM's other system calls run untraced.
first_byte() { # copy options... -> seconds
    local log="$dir/strace.txt"
    rm -f "$dir/ferry.bin"
    settle
    strace -f --seccomp-bpf -ttt -e trace=execve,openat,copy_file_range,pread64 -o "$log" \
        "$root/ferry" copy "$src" "$dir/ferry.bin" --no-fsync --no-progress "$@" >/dev/null
    python3 - "$log" "$src" <<'PY'
import re
import sys

log, source = sys.argv[1:3]
start = first = None
fds = set()
for line in open(log):
    stamp, call = line.split(None, 2)[1:3]
    if start is None and call.startswith("execve("):
        start = float(stamp)
    opened = re.match(r'openat\(AT_FDCWD, "([^"]*)".* = (\d+)', call)
    if opened and opened.group(1) == source:
        fds.add(opened.group(2))
    read = re.match(r"(copy_file_range|pread64)\((\d+),", call)
    if read and read.group(2) in fds:
        first = float(stamp)
        break
print(f"{first - start:.3f}")
PY
}
if command -v strace >/dev/null; then
    for options in "" --through-memory; do
        firsts=()
        # shellcheck disable=SC2086 # no option or one, on purpose
        for ((i = 1; i <= pairs; i++)); do firsts+=("$(first_byte $options)"); done
        printf 'ferry copy %s: first byte of SRC read after %s s (median; goal 0.35 s)\n' "${options:-(kernel copy)}" \
            "$(median "${firsts[@]}")"
    done
else
    echo "the first-byte row needs strace: left out" >&2
fi
starts=()
for ((i = 1; i <= pairs; i++)); do starts+=("$(seconds "$root/ferry" --version)"); done
printf 'ferry --version median: %s s (goal 0.25 s); java -version alone: %s s\n' "$(median "${starts[@]}")" \
    "$(source "$root/scripts/jdk.sh"; seconds java -version)"
