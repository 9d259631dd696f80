#!/usr/bin/env bash
# Whole-process container start benchmark.
#
#   bench/run-bench.sh [--network none|bridge] [--runs N] [--engines berth,runc,docker,podman] [--no-docs]
#
# Times `run --rm --network MODE busybox true` from the shell, end to end
# (client start, daemon work, runtime, teardown), for:
#   berth   berth run --rm --network MODE busybox true
#   runc    bare `runc run` of a prepared bundle: the floor, no engine at all
#           (none only: bare runc has no bridge)
#   docker  docker run --rm --network MODE ... (docker.io from Debian)
#   podman  podman run --rm [--network none] ... (podman from Debian; its
#           default network is its own bridge)
# --network bridge (default: none) measures each engine's default bridge, with
# its NAT rules: docker gets a dockerd with a bridge and iptables. It also
# times berth's network setup and teardown inside berthd (BERTH_NETWORK_TIMING)
# on a private daemon.
# All of them run the same rootfs, /var/cache/berth/busybox-rootfs.tar (made
# by ./setup.sh). Two warm-up runs, then N (default 15, env RUNS) timed runs per
# engine, interleaved round-robin so that drift of the machine hits all alike.
# Prints medians, minimums and ratios to docker, and writes the table between
# the run-MODE markers in docs/performance.md (unless --no-docs or berth failed).
#
# Missing docker.io/podman packages are installed. If no Docker daemon answers,
# one is started with its own data root (/var/lib/berth-bench/docker) and
# socket, and stopped again at the end; podman uses its own storage under
# /var/lib/berth-bench/podman, so the machine's own images are not touched.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export LC_ALL=C DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1

RUNS="${RUNS:-15}"
WARMUP=2
ENGINES=""
WRITE_DOCS=1
MODE=none
while (($#)); do
    case "$1" in
        --network) MODE="$2"; shift 2 ;;
        --network=*) MODE="${1#*=}"; shift ;;
        --runs) RUNS="$2"; shift 2 ;;
        --runs=*) RUNS="${1#*=}"; shift ;;
        --engines) ENGINES="$2"; shift 2 ;;
        --engines=*) ENGINES="${1#*=}"; shift ;;
        --no-docs) WRITE_DOCS=0; shift ;;
        -h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "run-bench.sh: unknown argument: $1" >&2; exit 2 ;;
    esac
done
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "run-bench.sh: --runs needs a positive number" >&2; exit 2; }
[[ $MODE == none || $MODE == bridge ]] || { echo "run-bench.sh: --network is none or bridge" >&2; exit 2; }
if [[ -z $ENGINES ]]; then
    if [[ $MODE == none ]]; then ENGINES="berth,runc,docker,podman"; else ENGINES="berth,docker,podman"; fi
fi
IFS=, read -r -a ENGINE_LIST <<<"$ENGINES"

BENCH_DATA=/var/lib/berth-bench
BENCH_RUN=/run/berth-bench
RESULTS_DIR="$ROOT/bench/results"
DOC="$ROOT/docs/performance.md"
BUSYBOX_TAR="${BERTH_CACHE_DIR:-/var/cache/berth}/busybox-rootfs.tar"
BENCH_IMAGE=berth-bench/busybox:latest # for docker and podman: leaves their busybox alone
export BERTH_HOST="unix://${BERTH_EXEC_ROOT:-/run/berth}/berth.sock"

say() { printf '==> %s\n' "$*"; }
die() {
    printf 'run-bench.sh: error: %s\n' "$*" >&2
    exit 1
}

[[ $EUID -eq 0 ]] || die "must run as root"

# ---------------------------------------------------------------- tidying --
# Alive and not a zombie.
pid_alive() {
    local state
    state="$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$1/status" 2>/dev/null || true)"
    [[ -n $state && $state != Z && $state != X ]]
}

STARTED_DOCKERD_PID=""
TIMING_DAEMON_PID=""
cleanup() {
    local i
    if [[ -n $TIMING_DAEMON_PID ]] && pid_alive "$TIMING_DAEMON_PID"; then
        kill -TERM "$TIMING_DAEMON_PID" 2>/dev/null || true
        wait "$TIMING_DAEMON_PID" 2>/dev/null || true
    fi
    ip link del berthbn0 2>/dev/null || true
    nft delete table ip berthbn 2>/dev/null || true
    if [[ -n $STARTED_DOCKERD_PID ]] && pid_alive "$STARTED_DOCKERD_PID"; then
        say "stopping the dockerd started for the benchmark (pid $STARTED_DOCKERD_PID)"
        kill -TERM "$STARTED_DOCKERD_PID" 2>/dev/null || true
        for ((i = 0; i < 300; i++)); do
            pid_alive "$STARTED_DOCKERD_PID" || break
            sleep 0.1
        done
        if pid_alive "$STARTED_DOCKERD_PID"; then
            kill -KILL "$STARTED_DOCKERD_PID" 2>/dev/null || true
        fi
        wait "$STARTED_DOCKERD_PID" 2>/dev/null || true
        if [[ $MODE == bridge ]]; then
            # That dockerd set iptables' FORWARD policy to DROP; berthd lets its bridges
            # through Docker's DOCKER-USER chain when it starts, so restart it.
            say "restarting berthd so that it sees Docker's FORWARD policy"
            pkill -TERM -x berthd 2>/dev/null || true
            for ((i = 0; i < 100; i++)); do pgrep -x berthd >/dev/null || break; sleep 0.1; done
            bash "$ROOT/setup.sh" </dev/null >"$RESULTS_DIR/setup-restart.log" 2>&1 || true
        fi
    fi
    if command -v runc >/dev/null 2>&1; then
        runc --root "$BENCH_RUN/runc" delete --force berth-bench >/dev/null 2>&1 || true
    fi
}
trap cleanup EXIT

ensure_pkg() { # ensure_pkg COMMAND PACKAGE
    command -v "$1" >/dev/null 2>&1 && return 0
    say "installing $2"
    if ! dpkg-query -W -f='${db:Status-Status}' "$2" 2>/dev/null | grep -qx installed; then
        apt-get update -qq || true
        apt-get install -y -qq -o Dpkg::Use-Pty=0 "$2" </dev/null >/dev/null
    fi
    command -v "$1" >/dev/null 2>&1
}

# Per engine: a command to time (array CMD_<engine>), or a reason it is skipped.
declare -A UNAVAILABLE=()
declare -A VERSION=()

has_engine() {
    local e
    for e in "${ENGINE_LIST[@]}"; do [[ $e == "$1" ]] && return 0; done
    return 1
}

# ------------------------------------------------------------------ berth --
prepare_berth() {
    say "berth: ./setup.sh (daemon, busybox image)"
    if ! bash "$ROOT/setup.sh" </dev/null >"$RESULTS_DIR/setup.log" 2>&1; then
        tail -n 20 "$RESULTS_DIR/setup.log" >&2
        UNAVAILABLE[berth]="setup.sh failed"
        return
    fi
    # shellcheck disable=SC2034 # used through a nameref in time_once
    CMD_berth=(berth run --rm --network "$MODE" busybox true)
    VERSION[berth]="berth $(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown)"
}

# ------------------------------------------------------------------- runc --
RUNC_BUNDLE="$BENCH_DATA/runc-bundle"
prepare_runc() {
    [[ $MODE == none ]] || { UNAVAILABLE[runc]="bare runc has no bridge"; return; }
    ensure_pkg runc runc || { UNAVAILABLE[runc]="runc not installed"; return; }
    if [[ ! -f $RUNC_BUNDLE/config.json || $BUSYBOX_TAR -nt $RUNC_BUNDLE/config.json ]]; then
        say "runc: preparing the bundle in $RUNC_BUNDLE"
        rm -rf "$RUNC_BUNDLE"
        mkdir -p "$RUNC_BUNDLE/rootfs"
        tar -xf "$BUSYBOX_TAR" -C "$RUNC_BUNDLE/rootfs"
        (cd "$RUNC_BUNDLE" && runc spec)
        # Not a terminal, run `true`. The spec's default namespaces include a
        # fresh network namespace with only lo: the same as --network none.
        python3 - "$RUNC_BUNDLE/config.json" <<'EOF'
import json, sys
path = sys.argv[1]
with open(path) as f:
    spec = json.load(f)
spec["process"]["terminal"] = False
spec["process"]["args"] = ["true"]
with open(path, "w") as f:
    json.dump(spec, f, indent=2)
EOF
    fi
    mkdir -p "$BENCH_RUN/runc"
    # shellcheck disable=SC2034 # used through a nameref in time_once
    CMD_runc=(runc --root "$BENCH_RUN/runc" run --bundle "$RUNC_BUNDLE" berth-bench)
    VERSION[runc]="runc $(runc --version | sed -n 's/^runc version //p')"
}

# ----------------------------------------------------------------- docker --
DOCKER=(docker)
prepare_docker() {
    if ! ensure_pkg docker docker.io || ! ensure_pkg dockerd docker.io; then
        UNAVAILABLE[docker]="docker.io could not be installed"
        return
    fi
    if timeout 10 docker version >/dev/null 2>&1; then
        say "docker: using the Docker daemon that answers (${DOCKER_HOST:-default socket})"
    else
        local sock="$BENCH_RUN/docker.sock" i net_args
        mkdir -p "$BENCH_RUN" "$BENCH_DATA/docker"
        DOCKER=(docker -H "unix://$sock")
        say "docker: starting dockerd (data root $BENCH_DATA/docker, socket $sock)"
        if [[ $MODE == none ]]; then
            # No bridge and no iptables rules: nothing on the host network changes,
            # and --network none does not need them.
            net_args=(--bridge=none --iptables=false --ip6tables=false)
        else
            # Docker's default bridge (docker0) with its NAT rules, as users run it.
            net_args=(--ip6tables=false)
        fi
        setsid dockerd --data-root "$BENCH_DATA/docker" --exec-root "$BENCH_RUN/docker-exec" \
            -H "unix://$sock" --pidfile "$BENCH_RUN/docker.pid" "${net_args[@]}" \
            </dev/null >"$RESULTS_DIR/dockerd.log" 2>&1 &
        STARTED_DOCKERD_PID=$!
        for ((i = 0; i < 300; i++)); do
            timeout 5 "${DOCKER[@]}" version >/dev/null 2>&1 && break
            pid_alive "$STARTED_DOCKERD_PID" || break
            sleep 0.1
        done
        if ! timeout 5 "${DOCKER[@]}" version >/dev/null 2>&1; then
            tail -n 20 "$RESULTS_DIR/dockerd.log" >&2
            UNAVAILABLE[docker]="dockerd did not start"
            return
        fi
    fi
    if ! "${DOCKER[@]}" image inspect "$BENCH_IMAGE" >/dev/null 2>&1; then
        say "docker: importing $BUSYBOX_TAR as $BENCH_IMAGE"
        "${DOCKER[@]}" import -c 'CMD ["sh"]' "$BUSYBOX_TAR" "$BENCH_IMAGE" >/dev/null
    fi
    # shellcheck disable=SC2034 # used through a nameref in time_once
    CMD_docker=("${DOCKER[@]}" run --rm --network "$MODE" "$BENCH_IMAGE" true)
    VERSION[docker]="docker $("${DOCKER[@]}" version --format '{{.Server.Version}}' 2>/dev/null || echo '?')"
}

# ----------------------------------------------------------------- podman --
has_cap_sys_resource() {
    local eff
    eff="$(sed -n 's/^CapEff:[[:space:]]*//p' /proc/self/status)"
    (((16#${eff:-0} >> 24) & 1))
}

prepare_podman() {
    ensure_pkg podman podman || { UNAVAILABLE[podman]="podman could not be installed"; return; }
    local args=(--root "$BENCH_DATA/podman/root" --runroot "$BENCH_RUN/podman")
    if [[ ! -d /run/systemd/system ]]; then
        args+=(--cgroup-manager=cgroupfs --events-backend=file)
    fi
    if ! podman "${args[@]}" image exists "$BENCH_IMAGE" 2>/dev/null; then
        say "podman: importing $BUSYBOX_TAR as $BENCH_IMAGE"
        podman "${args[@]}" import -q -c 'CMD ["sh"]' "$BUSYBOX_TAR" "$BENCH_IMAGE" >/dev/null ||
            { UNAVAILABLE[podman]="podman import failed"; return; }
    fi
    local run_args=(--rm)
    [[ $MODE == none ]] && run_args+=(--network none)
    if ! has_cap_sys_resource; then
        # Podman gives root's containers nofile/nproc limits of 1048576, which
        # cannot be raised to without CAP_SYS_RESOURCE (sandboxes): use the
        # current hard limits instead (nproc at most 32768, conmon's limit).
        local nofile nproc
        nofile="$(ulimit -Hn)" nproc="$(ulimit -Hu)"
        [[ $nofile == unlimited ]] && nofile=1048576
        [[ $nproc == unlimited || $nproc -gt 32768 ]] && nproc=32768
        run_args+=(--ulimit "nofile=$nofile:$nofile" --ulimit "nproc=$nproc:$nproc")
    fi
    # shellcheck disable=SC2034 # used through a nameref in time_once
    CMD_podman=(podman "${args[@]}" run "${run_args[@]}" "$BENCH_IMAGE" true)
    VERSION[podman]="podman $(podman --version | awk '{print $3}') ($(podman "${args[@]}" info --format '{{.Host.OCIRuntime.Name}}' 2>/dev/null || echo '?'))"
}

# ---------------------------------------------------------------- measure --
# time_once ENGINE: prints the wall-clock time of one run in microseconds.
time_once() {
    local -n cmd="CMD_$1"
    local t0 t1
    t0="${EPOCHREALTIME/./}"
    "${cmd[@]}" </dev/null >/dev/null 2>>"$RESULTS_DIR/errors.log" || return 1
    t1="${EPOCHREALTIME/./}"
    echo $((t1 - t0))
}

median_us() { # numbers on stdin
    sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) exit 1; if (NR % 2) print a[(NR + 1) / 2]; else print int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'
}
ms() { awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000 }'; }

mkdir -p "$RESULTS_DIR"
: >"$RESULTS_DIR/errors.log"
[[ -s $BUSYBOX_TAR ]] || has_engine berth || die "$BUSYBOX_TAR is missing: run ./setup.sh first"

ACTIVE=()
for e in "${ENGINE_LIST[@]}"; do
    case "$e" in
        berth | runc | docker | podman) ;;
        *) die "unknown engine: $e (berth, runc, docker, podman)" ;;
    esac
    "prepare_$e"
    if [[ -z ${UNAVAILABLE[$e]:-} ]]; then
        # One checked run: it has to succeed before it is timed.
        declare -n probe="CMD_$e"
        if ! "${probe[@]}" </dev/null >"$RESULTS_DIR/probe-$e.log" 2>&1; then
            tail -n 5 "$RESULTS_DIR/probe-$e.log" >&2
            UNAVAILABLE[$e]="\`run\` failed: $(tail -n 1 "$RESULTS_DIR/probe-$e.log" | cut -c1-120)"
        fi
        unset -n probe
    fi
    if [[ -n ${UNAVAILABLE[$e]:-} ]]; then
        say "$e: skipped -- ${UNAVAILABLE[$e]}"
    else
        ACTIVE+=("$e")
    fi
done
((${#ACTIVE[@]} > 0)) || die "no engine could run the benchmark"

say "warm-up: $WARMUP runs each"
for ((i = 0; i < WARMUP; i++)); do
    for e in "${ACTIVE[@]}"; do
        time_once "$e" >/dev/null || die "$e failed during warm-up (see $RESULTS_DIR/errors.log)"
    done
done

declare -A SAMPLES=()
say "measuring: $RUNS runs each (${ACTIVE[*]}), interleaved"
for ((i = 1; i <= RUNS; i++)); do
    for e in "${ACTIVE[@]}"; do
        us="$(time_once "$e")" || die "$e failed on run $i (see $RESULTS_DIR/errors.log)"
        SAMPLES[$e]+="$us "
    done
    printf '\r    run %d/%d' "$i" "$RUNS"
done
echo

# ---------------------------------------------------------------- results --
declare -A MEDIAN=() MIN=()
for e in "${ACTIVE[@]}"; do
    MEDIAN[$e]="$(tr ' ' '\n' <<<"${SAMPLES[$e]}" | grep . | median_us)"
    MIN[$e]="$(tr ' ' '\n' <<<"${SAMPLES[$e]}" | grep . | sort -n | head -n 1)"
done

declare -A LABEL=([berth]="berth" [runc]="runc (bare runtime, the floor)" [docker]="docker" [podman]="podman")

table() {
    local e ratio
    echo "| Engine | Median (ms) | Min (ms) | Median vs docker |"
    echo "|---|---:|---:|---:|"
    for e in "${ENGINE_LIST[@]}"; do
        if [[ -n ${UNAVAILABLE[$e]:-} ]]; then
            echo "| ${LABEL[$e]} | n/a | n/a | n/a (${UNAVAILABLE[$e]}) |"
            continue
        fi
        if [[ -n ${MEDIAN[docker]:-} ]]; then
            ratio="$(awk -v a="${MEDIAN[$e]}" -v b="${MEDIAN[docker]}" 'BEGIN { printf "%.2f×", a / b }')"
        else
            ratio="n/a"
        fi
        echo "| ${LABEL[$e]} | $(ms "${MEDIAN[$e]}") | $(ms "${MIN[$e]}") | $ratio |"
    done
}

machine() {
    local cpu versions="" e
    cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
    for e in "${ENGINE_LIST[@]}"; do
        [[ -n ${VERSION[$e]:-} ]] && versions+="${versions:+, }${VERSION[$e]}"
    done
    printf '%s: %s CPUs (%s), %s GiB RAM, Linux %s, Debian %s; %s.\n' \
        "$(date -u +%Y-%m-%d)" "$(nproc)" "${cpu:-unknown CPU}" \
        "$(awk '/^MemTotal/ { printf "%d", $2 / 1048576 + 0.5 }' /proc/meminfo)" \
        "$(uname -r)" "$(cat /etc/debian_version 2>/dev/null || echo '?')" \
        "$versions"
}

# berth's own network work per container, timed inside a private berthd:
# veth pair, addresses and routes over rtnetlink, DNAT entries, and the release.
network_timing() {
    local root="$BENCH_DATA/timing" run="$BENCH_RUN/timing" log i setup teardown
    local daemon="${BERTH_LIB_DIR:-/usr/local/lib/berth}/daemon/berthd"
    [[ -x $daemon ]] || return 1
    rm -rf "$root" "$run"
    mkdir -p "$root" "$run"
    log="$RESULTS_DIR/timing-berthd.log"
    BERTH_NETWORK_TIMING=1 setsid "$daemon" --data-root "$root" --exec-root "$run" -H "unix://$run/berth.sock" \
        --network-prefix berthbn --default-address-pool base=10.214.0.0/16,size=24 </dev/null >"$log" 2>&1 &
    TIMING_DAEMON_PID=$!
    for ((i = 0; i < 100; i++)); do
        BERTH_HOST="unix://$run/berth.sock" berth version >/dev/null 2>&1 && break
        sleep 0.1
    done
    BERTH_HOST="unix://$run/berth.sock" berth import -c 'CMD ["sh"]' "$BUSYBOX_TAR" busybox:latest >/dev/null || return 1
    for ((i = 0; i < RUNS + WARMUP; i++)); do
        BERTH_HOST="unix://$run/berth.sock" berth run --rm busybox true </dev/null >/dev/null || return 1
    done
    kill -TERM "$TIMING_DAEMON_PID" 2>/dev/null || true
    wait "$TIMING_DAEMON_PID" 2>/dev/null || true
    TIMING_DAEMON_PID=""
    setup="$(awk '/network setup/ { print $(NF - 1) * 1000 }' "$log" | tail -n "$RUNS" | median_us)" || return 1
    teardown="$(awk '/network teardown/ { print $(NF - 1) * 1000 }' "$log" | tail -n "$RUNS" | median_us)" || return 1
    echo "berth's network work per container inside berthd (veth pair, addresses, route, DNAT entries; then the release), median of $RUNS: setup $(ms "$setup") ms, teardown $(ms "$teardown") ms (target: together ≤ 10 ms)."
}

SECTION="$(mktemp)"
{
    echo "Measured $(machine)"
    echo "$WARMUP warm-up runs, then $RUNS timed runs per engine, interleaved."
    echo
    table
    if [[ $MODE == bridge && -z ${UNAVAILABLE[berth]:-} ]] && has_engine berth; then
        echo
        network_timing || echo "(berth's network timing could not be taken: see $RESULTS_DIR/timing-berthd.log)"
    fi
} >"$SECTION"

echo
cat "$SECTION"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
{
    cat "$SECTION"
    echo
    echo "Raw samples (µs):"
    for e in "${ACTIVE[@]}"; do echo "$e: ${SAMPLES[$e]}"; done
} >"$RESULTS_DIR/run-$MODE-$stamp.md"
echo
say "raw samples: ${RESULTS_DIR#"$ROOT"/}/run-$MODE-$stamp.md"

# update_doc MARKER TITLE FILE: replace what is between
# <!-- bench:MARKER:start --> and <!-- bench:MARKER:end --> in docs/performance.md
# (appending a section with TITLE if the markers are missing).
update_doc() {
    python3 - "$DOC" "$1" "$2" "$3" <<'EOF'
import sys
doc, marker, title, body_file = sys.argv[1:5]
start, end = f"<!-- bench:{marker}:start -->", f"<!-- bench:{marker}:end -->"
body = open(body_file).read().strip("\n")
text = open(doc).read()
block = f"{start}\n{body}\n{end}"
if start in text and end in text:
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    text = head + block + tail
else:
    text = text.rstrip("\n") + f"\n\n## {title}\n\n{block}\n"
open(doc, "w").write(text)
EOF
}

if ((WRITE_DOCS)); then
    if [[ -n ${UNAVAILABLE[berth]:-} ]] || ! has_engine berth; then
        say "docs/performance.md not updated: no berth result"
    else
        [[ -f $DOC ]] || die "$DOC is missing"
        # shellcheck disable=SC2016 # backquotes are markdown
        update_doc "run-$MODE" "\`run --rm --network $MODE busybox true\`" "$SECTION"
        say "updated docs/performance.md"
    fi
fi
rm -f "$SECTION"
if [[ -n ${UNAVAILABLE[berth]:-} ]]; then
    exit 1
fi
