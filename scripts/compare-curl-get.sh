#!/usr/bin/env bash
# A one-shot `ferry get` against eight parallel curls (issue 13): a 2 GiB random file served by a
# local nginx (scripts/nginx.sh), fetched whole into /dev/null by `ferry get URL /dev/null` and by
# 8 `curl -r` processes with one eighth each, in PAIRS interleaved pairs. Ferry's time is the one it
# reports (JVM start-up taken out, the request for the size in); curl's is the wall time of the 8.
# CPU is user + system seconds per GB of the whole process(es), ferry's JVM start-up included.
# Prints each pair and the medians of the speed ratio ferry/curl (goal 1.0) and of the CPU ratio
# ferry/curl (goal at most 1.2). Usage: scripts/compare-curl-get.sh (PAIRS=5; TLS=1 serves https under a
# self-signed certificate both tools are given, SIZE_MIB=2048).
# Needs nginx, curl and python3 (apt-get install -y nginx-light curl python3), openssl with TLS=1.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
pairs="${PAIRS:-5}"
for tool in curl python3; do
    command -v "$tool" >/dev/null || { echo "$tool is not installed" >&2; exit 1; }
done
# shellcheck source=nginx.sh
source "$root/scripts/nginx.sh"

work="$(mktemp -d --tmpdir ferry-curl-get.XXXXXX)"
trap 'nginx_stop; rm -rf "$work"' EXIT
mkdir -p "$work/www"
size=$((${SIZE_MIB:-2048} << 20))
head -c "$size" /dev/urandom >"$work/www/big.bin"
sync # its write-back would otherwise share the CPU with the first runs
nginx_serve "$work" "$work/www" ${TLS:+tls}
url="$nginx_base/big.bin"
trust=(${nginx_cacert:+--cacert "$nginx_cacert"})
"$root/ferry" --version >/dev/null # builds when needed

cpu_of() { # command... -> "SECONDS_OF_CPU" on fd 3, the command's stdout on stdout
    /usr/bin/time -f "%U %S" -o "$work/cpu.txt" "$@"
    awk '{print $1 + $2}' "$work/cpu.txt" >&3
}

ferry_run() { # -> "seconds cpu"
    local seconds cpu
    seconds=$({ cpu_of "$root/ferry" get --no-progress "${trust[@]}" "$url" /dev/null 3>"$work/ferry-cpu.txt"; } |
        sed -n 's/.* in \([0-9.]*\) s.*/\1/p')
    cpu=$(cat "$work/ferry-cpu.txt")
    [ -n "$seconds" ] || { echo "ferry get printed no time" >&2; exit 1; }
    echo "$seconds $cpu"
}

curl_run() { # -> "seconds cpu": 8 ranged curls in parallel, wall time of all
    local part=$((size / 8)) start end
    start=$(date +%s.%N)
    cpu_of bash -c '
        for i in 0 1 2 3 4 5 6 7; do
            curl -s -f -r "$((i * $1))-$(((i + 1) * $1 - 1))" -o /dev/null "${@:3}" "$2" &
        done
        wait' _ "$part" "$url" "${trust[@]}" 3>"$work/curl-cpu.txt"
    end=$(date +%s.%N)
    echo "$(python3 -c "print(f'{$end - $start:.3f}')") $(cat "$work/curl-cpu.txt")"
}

speed=()
cpu=()
for ((pair = 1; pair <= pairs; pair++)); do
    read -r fs fc <<<"$(ferry_run)"
    read -r cs cc <<<"$(curl_run)"
    speed+=("$(python3 -c "print(f'{$cs / $fs:.3f}')")")
    cpu+=("$(python3 -c "print(f'{$fc / $cc:.3f}')")")
    printf 'pair %d: ferry %s s (%s CPU s), 8 curls %s s (%s CPU s): speed ferry/curl %s, CPU ferry/curl %s\n' \
        "$pair" "$fs" "$fc" "$cs" "$cc" "${speed[-1]}" "${cpu[-1]}"
done
median() {
    printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"
}
printf 'median speed ratio ferry/curl: %s (goal 1.0); median CPU ratio ferry/curl: %s (goal at most 1.2)\n' \
    "$(median "${speed[@]}")" "$(median "${cpu[@]}")"
