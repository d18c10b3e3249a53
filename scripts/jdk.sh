# Sourced by ./ferry, ./run-tests and .ci/run: finds a JDK >= 25 and exports JAVA_HOME.
# Order: $JAVA_HOME, then the java on PATH, then every JDK under /usr/lib/jvm (newest first).

ferry_java_major() {
    # Prints the feature version of the java binary $1, or nothing.
    "$1" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

ferry_find_jdk() {
    local candidates=() java_on_path dir
    [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
    if java_on_path=$(command -v java 2>/dev/null); then
        candidates+=("$(dirname "$(dirname "$(readlink -f "$java_on_path")")")")
    fi
    for dir in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
        candidates+=("${dir%/}")
    done
    for dir in "${candidates[@]}"; do
        if [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ]; then
            local major
            major=$(ferry_java_major "$dir/bin/java")
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
