# The JVM flags of a command line, for ./ferry (docs/design/packaging.md, "JVM flags per command").
# Sourced: sets one_shot, and jvm by jvm_flags ARGS....

# One-shot commands move their bytes in the kernel and in intrinsics; most of the CPU they spend in
# Java is start-up and compiling. C1 alone and the serial collector cut a 2 GiB get's CPU by a fifth
# at the same speed. bench and serve run long and hot Java paths, so they keep C2.
one_shot=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)

# Whether the command line may speak TLS: an https:// URL, an s3:// one unless its endpoint
# (--endpoint-url, else AWS_ENDPOINT_URL_S3, else AWS_ENDPOINT_URL) is http://, or a --tls option.
# Schemes in any case, as ferry reads them.
may_use_tls() {
    local endpoint="${AWS_ENDPOINT_URL_S3:-${AWS_ENDPOINT_URL:-}}" s3=false previous="" arg
    for arg in "$@"; do
        case "$arg" in
            [Hh][Tt][Tt][Pp][Ss]://* | --tls | --tls-ca* | --tls-cert*) return 0 ;;
            [Ss]3://*) s3=true ;;
            --endpoint-url=*) endpoint="${arg#--endpoint-url=}" ;;
        esac
        if [ "$previous" = --endpoint-url ]; then
            endpoint="$arg"
        fi
        previous="$arg"
    done
    "$s3" && [[ "$endpoint" != [Hh][Tt][Tt][Pp]://* ]]
}

# Sets jvm to the flags of the command line "$@". TLS is the exception to one_shot: AES-GCM's
# intrinsics are C2's, and with C1 alone an https download ran at 19 MB/s (0.14-0.2 GB/s with C2).
# An http:// URL that redirects to https:// is not foreseen (get says so when it happens);
# JAVA_OPTS=-XX:TieredStopAtLevel=4 (JAVA_OPTS comes after these flags) restores C2 for it.
# Temporary files (put -'s spool to http(s), bench's file) go where TMPDIR says, as mktemp's and
# sort's do; the JVM reads only java.io.tmpdir, /tmp by default.
jvm_flags() {
    case "${1:-}" in
        bench | serve) jvm=() ;;
        *) if may_use_tls "$@"; then jvm=(-XX:+UseSerialGC); else jvm=("${one_shot[@]}"); fi ;;
    esac
    if [ -n "${TMPDIR:-}" ]; then
        jvm+=("-Djava.io.tmpdir=$TMPDIR")
    fi
}
