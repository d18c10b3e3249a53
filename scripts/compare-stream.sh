#!/usr/bin/env bash
# Side-by-side check of the stream goals (issue 12) on loopback, in interleaved pairs, printing each
# pair's ratio and the median of the ratios:
#   1. ferry send/receive, 4 channels, no codec, a file in memory (tmpfs) into a sink (a character
#      device like /dev/null), against iperf3 -P 4 moving the same number of bytes memory to memory
#      (goal: >= 0.8x). Both times are the tools' own transfer times (ferry's sender reports its
#      stream from connect to the receiver's last acknowledgement), start-up out as iperf3's is;
#      ferry's whole command time is printed beside it;
#   2. the same file to a new file on disk, against rsync talking to an rsync daemon on 127.0.0.1
#      (goal: >= 2x), whole commands: ferry as users run it (O_DIRECT where the file system takes
#      it), and with `receive --no-direct` (through the page cache, as rsync writes);
#   3. ferry with zstd:1 over 2 channels, compressible data, against `zstd -T2 -1 | nc | zstd -d`
#      (goal: >= 1.0x), whole commands.
# Ratios are ferry's speed over the other's (time of the other / time of ferry). Whole command times
# run from the start of `ferry send` to the end of both commands, JVM start included.
# Every run starts after a `sync`, outside its time, so that no run pays for the write-back of the
# one before it (rsync leaves 4 GiB of dirty pages behind; ferry with O_DIRECT leaves none).
# Usage: scripts/compare-stream.sh (SIZE=4g PAIRS=5 by default; WORK=dir for the on-disk files;
# ROWS="1 2a 2b 3" to choose rows).
# Needs iperf3, rsync, zstd, nc (netcat-openbsd) and python3. Run it on a quiet machine.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
size="${SIZE:-4g}"
pairs="${PAIRS:-5}"
rows=" ${ROWS:-1 2a 2b 3} "
for tool in iperf3 rsync zstd nc ss python3; do
    command -v "$tool" >/dev/null || { echo "$tool is not installed" >&2; exit 1; }
done
bytes=$(python3 -c "import sys; s='$size'.lower(); m={'k':1<<10,'m':1<<20,'g':1<<30}; print(int(s[:-1])*m[s[-1]] if s[-1] in m else int(s))")
mem="$(mktemp -d /dev/shm/ferry-compare.XXXXXX)"
disk="$(mktemp -d "${WORK:-${TMPDIR:-/tmp}}/ferry-compare.XXXXXX")"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$mem" "$disk"
}
trap cleanup EXIT

free_port() { python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])"; }
now() { date +%s.%N; }
median() { python3 -c "import sys, statistics; print(f'{statistics.median(float(x) for x in sys.stdin.read().split()):.3f}')"; }

head -c "$bytes" /dev/urandom >"$mem/random.bin"
if [[ "$rows" == *" 3 "* ]]; then # compressible text for row 3
python3 - "$mem/text.bin" "$bytes" <<'EOF'
import random, sys
random.seed(1)
words = [bytes(random.choice(b'abcdefghijklmnopqrstuvwxyz ') for _ in range(random.randint(2, 12))) for _ in range(5000)]
with open(sys.argv[1], 'wb') as out:
    left = int(sys.argv[2])
    while left > 0:
        chunk = b' '.join(random.choice(words) for _ in range(20000))[:left]
        out.write(chunk)
        left -= len(chunk)
EOF
fi
"$root/ferry" --version >/dev/null # builds once, outside the timed runs
ferry() { "$root/ferry" "$@"; }
mknod "$mem/sink" c 1 3 # /dev/null's device: written in place, nothing kept

ferry_run() { # SRC DEST CHANNELS CODEC [RECEIVE-OPTION...] -> "WHOLE OWN": seconds from the sender's
    # start to both ends done, and the transfer time the sender reports
    local src=$1 dest=$2 channels=$3 codec=$4 log="$mem/receive.log" port start end own
    shift 4
    [ -c "$dest" ] || rm -f "$dest"
    sync
    ferry receive --listen 127.0.0.1:0 --token compare --no-progress "$@" "$dest" >/dev/null 2>"$log" &
    local receiver=$!
    until grep -q '^listening on' "$log"; do
        kill -0 "$receiver" 2>/dev/null || { cat "$log" >&2; exit 1; }
        sleep 0.05
    done
    port=$(sed -n 's/^listening on 127.0.0.1:\([0-9]*\).*/\1/p' "$log")
    start=$(now)
    own=$(ferry send "$src" "127.0.0.1:$port" --token compare --channels "$channels" --codec "$codec" --no-progress |
        sed -n 's/.* in \([0-9.]*\) s,.*/\1/p')
    wait "$receiver"
    end=$(now)
    [ -c "$dest" ] || cmp -s "$src" "$dest" || { echo "ferry: $dest differs from $src" >&2; exit 1; }
    echo "$(python3 -c "print($end - $start)") $own"
}
ferry_whole() { read -r whole _ <<<"$(ferry_run "$@")"; echo "$whole"; }
ferry_own() { # prints the whole time on stderr for the record
    local whole own
    read -r whole own <<<"$(ferry_run "$@")"
    printf '  (ferry whole command %.2f s)\n' "$whole" >&2
    echo "$own"
}

iperf_seconds() { # BYTES -> seconds iperf3 -P 4 reports for moving them
    local port
    port=$(free_port)
    iperf3 -s -1 -p "$port" >/dev/null 2>&1 &
    pids+=($!)
    # A probe connection would be the one client of -1: look for the listening socket instead.
    until ss -Hltn "sport = :$port" | grep -q .; do sleep 0.05; done
    iperf3 -c 127.0.0.1 -p "$port" -P 4 -n "$1" -J >"$mem/iperf.json"
    python3 -c "import json; print(json.load(open('$mem/iperf.json'))['end']['sum_received']['seconds'])"
}

rsync_daemon_port=$(free_port)
mkdir -p "$disk/rsync-in"
cat >"$disk/rsyncd.conf" <<EOF
pid file = $disk/rsyncd.pid
use chroot = no
uid = $(id -un)
gid = $(id -gn)
[in]
    path = $disk/rsync-in
    read only = no
EOF
rsync --daemon --no-detach --config="$disk/rsyncd.conf" --address=127.0.0.1 --port="$rsync_daemon_port" &
pids+=($!)
rsync_seconds() { # SRC -> seconds for rsync to the daemon (a new file each time)
    local start end
    rm -f "$disk/rsync-in/$(basename "$1")"
    sync
    start=$(now)
    rsync --whole-file "$1" "rsync://127.0.0.1:$rsync_daemon_port/in/"
    end=$(now)
    python3 -c "print($end - $start)"
}

zstd_nc_seconds() { # SRC DEST -> seconds for zstd -T2 -1 | nc | zstd -d
    local port start end
    port=$(free_port)
    rm -f "$2"
    sync
    nc -l 127.0.0.1 "$port" | zstd -d -q -o "$2" &
    local receiver=$!
    start=$(now)
    until zstd -T2 -1 -q -c "$1" | nc -N 127.0.0.1 "$port"; do sleep 0.05; done
    wait "$receiver"
    end=$(now)
    cmp -s "$1" "$2" || { echo "zstd|nc: $2 differs from $1" >&2; exit 1; }
    python3 -c "print($end - $start)"
}

compare() { # label ferry-command other-command; only the rows ROWS names (by the label's first word)
    [[ "$rows" == *" ${1%%.*} "* ]] || return 0
    local ratios=()
    for ((i = 1; i <= pairs; i++)); do
        local f o
        f=$(eval "$2")
        o=$(eval "$3")
        ratios+=("$(python3 -c "print(f'{$o / $f:.3f}')")")
        printf '%s pair %d: ferry %.2f s, other %.2f s, ratio %s\n' "$1" "$i" "$f" "$o" "${ratios[-1]}"
    done
    printf '%s median ratio (ferry speed / other speed): %s\n' "$1" "$(printf '%s\n' "${ratios[@]}" | median)"
}

compare "1. 4 channels, none, memory into a sink vs iperf3 -P 4 (own transfer times)" \
    "ferry_own $mem/random.bin $mem/sink 4 none" "iperf_seconds $bytes"
compare "2a. 4 channels, none, file to file vs rsync daemon" \
    "ferry_whole $mem/random.bin $disk/out.bin 4 none" "rsync_seconds $mem/random.bin"
compare "2b. the same with receive --no-direct" \
    "ferry_whole $mem/random.bin $disk/out.bin 4 none --no-direct" "rsync_seconds $mem/random.bin"
compare "3. 2 channels, zstd:1, compressible vs zstd -T2 -1 | nc | zstd -d" \
    "ferry_whole $mem/text.bin $mem/out.txt 2 zstd:1" "zstd_nc_seconds $mem/text.bin $mem/nc.txt"
