# Sourced by ./ferry, ./run-tests and .ci/run: finds a JDK >= 25 and exports JAVA_HOME.
# Order: $JAVA_HOME, then the java on PATH, then every JDK under /usr/lib/jvm (newest first).

ferry_java_major() {
    # Prints the feature version of the JDK at $1, or nothing. The JDK's release file says it
    # without starting a JVM (0.1 s per candidate) or any other process: the launcher runs this
    # on every command. java itself is asked only where that file is missing.
    local line
    if [ -f "$1/release" ]; then
        while IFS= read -r line; do
            if [[ "$line" =~ ^JAVA_VERSION=\"([0-9]+) ]]; then
                echo "${BASH_REMATCH[1]}"
                return 0
            fi
        done <"$1/release"
    fi
    "$1/bin/java" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

ferry_find_jdk() {
    local candidates=() java_on_path dir
    [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
    if java_on_path=$(command -v java 2>/dev/null); then
        java_on_path="$(readlink -f "$java_on_path")"
        candidates+=("${java_on_path%/bin/java}")
    fi
    for dir in $(printf '%s\n' /usr/lib/jvm/*/ | sort -rV); do
        [ -d "$dir" ] && candidates+=("${dir%/}")
    done
    for dir in "${candidates[@]}"; do
        if [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ]; then
            local major
            major=$(ferry_java_major "$dir")
            if [ -n "$major" ] && [ "$major" -ge 25 ]; then
                echo "$dir"
                return 0
            fi
        fi
    done
    return 1
}

if ! FERRY_JDK=$(ferry_find_jdk); then
    echo "ferry: no JDK 25 or newer found (looked at JAVA_HOME, PATH and /usr/lib/jvm); install one or set JAVA_HOME" >&2
    exit 1
fi
export JAVA_HOME="$FERRY_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
