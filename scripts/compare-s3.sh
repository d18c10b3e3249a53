#!/usr/bin/env bash
# The S3 commands people time (issue 13): `ferry put` and `ferry get` of one object against
# `aws s3 cp` and `rclone copyto`, all talking to one s3proxy on 127.0.0.1 (filesystem backend,
# signatures checked, its buckets in the work directory), whole commands timed as a user times
# them (JVM and Python start-up in), in ROUNDS interleaved rounds; every download is compared with
# the source. `get` runs twice for ferry: as it is (the file written with O_DIRECT where the file
# system takes it) and with --no-direct (through the page cache, as aws and rclone write). `pipe`
# uploads the same bytes from standard input (`cat FILE | ferry put -`, `aws s3 cp -`, `rclone rcat`).
# Prints every run, then per command and tool the median of the per-round ratios other/ferry (above 1:
# ferry is faster).
# Usage: scripts/compare-s3.sh (SIZE_MIB=1024 ROUNDS=5; WORK=dir for the files, default /var/tmp).
# Needs python3, the s3proxy jar the build copies into ferry-testkit/target (built here when
# missing), and aws and rclone (apt-get install -y awscli rclone); a missing tool is left out.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
rounds="${ROUNDS:-5}"
size_mib="${SIZE_MIB:-1024}"
command -v python3 >/dev/null || { echo "python3 is not installed" >&2; exit 1; }
tools=()
for tool in aws rclone; do
    if command -v "$tool" >/dev/null; then tools+=("$tool"); else echo "$tool is not installed: left out" >&2; fi
done

# shellcheck source=jdk.sh
source "$root/scripts/jdk.sh"
"$root/ferry" --version >/dev/null # builds when needed
jar="$root/ferry-testkit/target/s3proxy/s3proxy.jar"
if [ ! -f "$jar" ]; then
    (cd "$root" && mvn -B -q -pl ferry-testkit -am package -DskipTests -DskipFuzz -Dmaven.javadoc.skip -Dmaven.source.skip)
fi

work="$(mktemp -d --tmpdir="${WORK:-/var/tmp}" ferry-compare-s3.XXXXXX)"
proxy_pid=""
cleanup() {
    if [ -n "$proxy_pid" ]; then
        kill "$proxy_pid" 2>/dev/null || true
        wait "$proxy_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
endpoint="http://127.0.0.1:$port"
mkdir -p "$work/buckets/bench"
cat >"$work/s3proxy.properties" <<CONF
s3proxy.endpoint=$endpoint
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=ferry-compare
s3proxy.credential=ferry-compare-secret
jclouds.provider=filesystem
jclouds.filesystem.basedir=$work/buckets
CONF
java -Xmx1g -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener -jar "$jar" \
    --properties "$work/s3proxy.properties" >"$work/s3proxy.log" 2>&1 &
proxy_pid=$!
for ((i = 0; i < 600; i++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    kill -0 "$proxy_pid" 2>/dev/null || { cat "$work/s3proxy.log" >&2; echo "s3proxy did not start" >&2; exit 1; }
    sleep 0.1
done

export AWS_ACCESS_KEY_ID=ferry-compare AWS_SECRET_ACCESS_KEY=ferry-compare-secret AWS_DEFAULT_REGION=us-east-1
export AWS_ENDPOINT_URL="$endpoint" AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
export RCLONE_CONFIG_S3P_TYPE=s3 RCLONE_CONFIG_S3P_PROVIDER=Other RCLONE_CONFIG_S3P_ENDPOINT="$endpoint" \
    RCLONE_CONFIG_S3P_ACCESS_KEY_ID=ferry-compare RCLONE_CONFIG_S3P_SECRET_ACCESS_KEY=ferry-compare-secret \
    RCLONE_CONFIG_S3P_REGION=us-east-1 RCLONE_CONFIG=/dev/null

src="$work/source.bin"
head -c "$((size_mib << 20))" /dev/urandom >"$src"
sync # its write-back would otherwise share the CPU with the first rounds
"$root/ferry" put --no-progress "$src" s3://bench/source.bin >/dev/null

run() { # tool direction -> one command of that tool
    local tool=$1 direction=$2 got="$work/got.bin"
    case "$tool-$direction" in
        ferry-put) "$root/ferry" put --no-progress "$src" "s3://bench/put-ferry.bin" ;;
        ferry-pipe) cat "$src" | "$root/ferry" put --no-progress - "s3://bench/put-ferry.bin" ;;
        ferry-get) "$root/ferry" get --no-progress "s3://bench/source.bin" "$got" ;;
        ferry-buffered-get) "$root/ferry" get --no-progress --no-direct "s3://bench/source.bin" "$got" ;;
        aws-put) aws --endpoint-url "$endpoint" s3 cp --only-show-errors "$src" "s3://bench/put-aws.bin" ;;
        aws-pipe) cat "$src" | aws --endpoint-url "$endpoint" s3 cp --only-show-errors - "s3://bench/put-aws.bin" ;;
        aws-get) aws --endpoint-url "$endpoint" s3 cp --only-show-errors "s3://bench/source.bin" "$got" ;;
        # rclone's S3 client refuses a CA bundle for plain http, and some machines set one for every tool.
        rclone-put) env -u AWS_CA_BUNDLE rclone copyto "$src" "s3p:bench/put-rclone.bin" ;;
        rclone-pipe) cat "$src" | env -u AWS_CA_BUNDLE rclone rcat "s3p:bench/put-rclone.bin" ;;
        rclone-get) env -u AWS_CA_BUNDLE rclone copyto "s3p:bench/source.bin" "$got" ;;
    esac
}

seconds() { # tool direction -> wall seconds of the command; a download is checked against the source
    local start end
    rm -f "$work/got.bin"
    sync
    start=$(date +%s.%N)
    run "$1" "$2" >/dev/null 2>"$work/err.txt" || { cat "$work/err.txt" >&2; echo "$1 $2 failed" >&2; exit 1; }
    end=$(date +%s.%N)
    if [ "$2" = get ]; then
        cmp -s "$src" "$work/got.bin" || { echo "$1 get: the download differs from the source" >&2; exit 1; }
    else
        # The next put creates the object anew (rclone skips an upload the object already matches).
        cmp -s "$src" "$work/buckets/bench/put-$1.bin" || { echo "$1 put: the object differs from the source" >&2; exit 1; }
        rm -f "$work/buckets/bench/put-$1.bin"
    fi
    python3 -c "print(f'{$end - $start:.3f}')"
}

echo "tool direction seconds (${size_mib} MiB)"
for ((round = 1; round <= rounds; round++)); do
    for direction in put pipe get; do
        ferries=(ferry)
        [ "$direction" = get ] && ferries+=(ferry-buffered)
        for tool in "${ferries[@]}" "${tools[@]}"; do
            took="$(seconds "$tool" "$direction")" # an assignment, so that a failed command ends the script
            echo "$tool $direction $took" | tee -a "$work/results.txt"
        done
    done
done

python3 - "$work/results.txt" <<'PY'
import statistics
import sys
from collections import defaultdict

runs = defaultdict(list)
for line in open(sys.argv[1]):
    tool, direction, seconds = line.split()
    runs[(tool, direction)].append(float(seconds))
for direction in ("put", "pipe", "get"):
    ferries = [t for t, d in runs if d == direction and t.startswith("ferry")]
    for mine in ferries:
        ferry = runs[(mine, direction)]
        for tool in sorted({t for t, d in runs if d == direction and not t.startswith("ferry")}):
            other = runs[(tool, direction)]
            ratios = [o / f for o, f in zip(other, ferry)]
            print(f"{direction}: {mine} {statistics.median(ferry):.2f} s, {tool} {statistics.median(other):.2f} s, "
                  f"median ratio {tool}/{mine} {statistics.median(ratios):.2f}")
PY
