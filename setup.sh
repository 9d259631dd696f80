#!/usr/bin/env bash
# Berth setup: the first command on a fresh Debian 12 machine.
#
#   ./setup.sh              install packages, build, start berthd, import base images
#   ./setup.sh --no-daemon  only packages, build and the base-image cache tars
#                           (what ./test.sh needs; the running daemon is not touched)
#   ./setup.sh --rebuild    build even when the sources did not change
#
# Idempotent: a second run checks everything and finishes in seconds.
#
# Paths (overridable through the environment, mainly for testing this script):
#   BERTH_LIB_DIR   /usr/local/lib/berth   build output (cli/, daemon/, .build-stamp)
#   BERTH_BIN_DIR   /usr/local/bin         symlinks berth and berthd
#   BERTH_CACHE_DIR /var/cache/berth       busybox-rootfs.tar, debian-bookworm-rootfs.tar
#   BERTH_EXEC_ROOT /run/berth             socket, pidfile
#   BERTH_DATA_ROOT /var/lib/berth
#   BERTH_LOG       /var/log/berthd.log    daemon log when started without systemd
#   BERTH_START_TIMEOUT 10                 seconds to wait for the daemon to answer
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

BERTH_LIB_DIR="${BERTH_LIB_DIR:-/usr/local/lib/berth}"
BERTH_BIN_DIR="${BERTH_BIN_DIR:-/usr/local/bin}"
BERTH_CACHE_DIR="${BERTH_CACHE_DIR:-/var/cache/berth}"
BERTH_EXEC_ROOT="${BERTH_EXEC_ROOT:-/run/berth}"
BERTH_DATA_ROOT="${BERTH_DATA_ROOT:-/var/lib/berth}"
BERTH_LOG="${BERTH_LOG:-/var/log/berthd.log}"
BERTH_START_TIMEOUT="${BERTH_START_TIMEOUT:-10}"
BERTH_STOP_TIMEOUT="${BERTH_STOP_TIMEOUT:-20}"

BERTH_SOCK="$BERTH_EXEC_ROOT/berth.sock"
PIDFILE="$BERTH_EXEC_ROOT/berthd.pid"
# Build stamp of the binaries the running daemon was started from.
RUNNING_STAMP="$BERTH_EXEC_ROOT/berthd.build-stamp"
STAMP_FILE="$BERTH_LIB_DIR/.build-stamp"
CLI_BIN="$BERTH_LIB_DIR/cli/berth"
DAEMON_BIN="$BERTH_LIB_DIR/daemon/berthd"
BUSYBOX_TAR="$BERTH_CACHE_DIR/busybox-rootfs.tar"
DEBIAN_TAR="$BERTH_CACHE_DIR/debian-bookworm-rootfs.tar"
UNIT_FILE=/etc/systemd/system/berthd.service
# Bump when the publish commands below change, so that existing builds are redone.
BUILD_RECIPE=1

# The CLI, setup's own checks and the hello-world run all talk to the local daemon.
export BERTH_HOST="unix://$BERTH_SOCK"
# No telemetry banners, and no MSBuild/Roslyn server processes left running.
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 UseSharedCompilation=false
export DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1
export LC_ALL=C

NO_DAEMON=0
FORCE_BUILD=0
for arg in "$@"; do
    case "$arg" in
        --no-daemon) NO_DAEMON=1 ;;
        --rebuild) FORCE_BUILD=1 ;;
        -h | --help)
            sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
            exit 0
            ;;
        *)
            echo "setup.sh: unknown argument: $arg (try --help)" >&2
            exit 2
            ;;
    esac
done

START_TIME=$SECONDS
say() { printf '==> %s\n' "$*"; }
warn() { printf 'setup.sh: warning: %s\n' "$*" >&2; }
die() {
    printf 'setup.sh: error: %s\n' "$*" >&2
    exit 1
}

TMP_PATHS=()
cleanup() {
    local p
    for p in "${TMP_PATHS[@]}"; do
        rm -rf -- "$p"
    done
}
trap cleanup EXIT

if [[ $EUID -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
        say "re-running as root with sudo"
        exec sudo --preserve-env=PATH,DOTNET_ROOT,BERTH_LIB_DIR,BERTH_BIN_DIR,BERTH_CACHE_DIR,BERTH_EXEC_ROOT,BERTH_DATA_ROOT,BERTH_LOG,BERTH_START_TIMEOUT,CI \
            bash "${BASH_SOURCE[0]}" "$@"
    fi
    die "must run as root (containers need it)"
fi

# One setup at a time (test.sh may call this while a user runs it too).
LOCK_FILE=/run/lock/berth-setup.lock
[[ -d /run/lock ]] || LOCK_FILE=/tmp/berth-setup.lock
exec 9>"$LOCK_FILE"
if ! flock -n 9; then
    say "waiting for another setup.sh to finish"
    flock 9
fi

# ---------------------------------------------------------------- packages --

# runc/conmon run containers, busybox-static and mmdebstrap make the base
# images, nftables/iptables/iproute2 do networking, zlib1g-dev (and a C
# compiler, below) links the NativeAOT CLI; python3, tmux and script (bsdutils)
# are used by the tests and test.sh; chromium takes the tests' screenshot of a
# page served from a container; git hashes the sources for the build stamp.
PACKAGES=(
    runc conmon busybox-static mmdebstrap
    nftables libnftables1 iptables iproute2
    ca-certificates curl git
    zlib1g-dev
    python3 tmux bsdutils util-linux procps tar
    chromium fonts-dejavu-core
)

ensure_packages() {
    if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
        die "apt/dpkg not found: setup.sh supports Debian 12 (bookworm)"
    fi
    local wanted=("${PACKAGES[@]}")
    # NativeAOT links with clang, or gcc when clang is missing.
    if ! command -v clang >/dev/null 2>&1 && ! command -v gcc >/dev/null 2>&1; then
        wanted+=(clang)
    fi
    local installed missing=() p
    installed="$(dpkg-query -W -f='${db:Status-Status} ${Package}\n' "${wanted[@]}" 2>/dev/null |
        awk '$1 == "installed" { print $2 }' || true)"
    for p in "${wanted[@]}"; do
        grep -qxF -- "$p" <<<"$installed" || missing+=("$p")
    done
    if ((${#missing[@]} == 0)); then
        say "packages: all present"
        return
    fi
    say "packages: installing ${missing[*]}"
    apt-get update -qq 9>&-
    apt-get install -y -qq --no-install-recommends -o Dpkg::Use-Pty=0 "${missing[@]}" </dev/null 9>&-
}

# ------------------------------------------------------------------ dotnet --

ensure_dotnet() {
    if ! command -v dotnet >/dev/null 2>&1; then
        local d
        for d in "${DOTNET_ROOT:-}" /usr/share/dotnet /usr/lib/dotnet "$HOME/.dotnet"; do
            if [[ -n $d && -x $d/dotnet ]]; then
                export PATH="$d:$PATH"
                break
            fi
        done
    fi
    if ! command -v dotnet >/dev/null 2>&1; then
        die "the .NET 10 SDK is required but 'dotnet' was not found.
  Install it, then run ./setup.sh again, e.g. from Microsoft's package feed for Debian 12:
    https://learn.microsoft.com/dotnet/core/install/linux-debian  (package dotnet-sdk-10.0)
  If it is installed outside PATH, set DOTNET_ROOT to its directory.
  setup.sh does not download it for you."
    fi
    if ! dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
        die "the .NET 10 SDK is required; 'dotnet --list-sdks' shows:
$(dotnet --list-sdks 2>&1 | sed 's/^/    /')
  See https://learn.microsoft.com/dotnet/core/install/linux-debian (package dotnet-sdk-10.0)."
    fi
    # The framework-dependent daemon's launcher has to find the runtime too,
    # also when started by systemd with a minimal environment.
    DOTNET_ROOT_DIR="$(dirname "$(readlink -f "$(command -v dotnet)")")"
}

# ------------------------------------------------------------------- build --

runtime_id() {
    case "$(uname -m)" in
        x86_64) echo linux-x64 ;;
        aarch64) echo linux-arm64 ;;
        *) die "unsupported architecture: $(uname -m)" ;;
    esac
}

# NUL-separated list of the files the binaries are built from, tracked or new
# (but not ignored), so that uncommitted edits change the stamp too.
list_sources() {
    local inputs=(src Directory.Build.props Directory.Build.targets Directory.Packages.props
        global.json NuGet.config nuget.config '*.slnx' '*.sln')
    if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        git -C "$ROOT" ls-files -z --cached --others --exclude-standard -- "${inputs[@]}"
    else
        find src -type f -not -path '*/bin/*' -not -path '*/obj/*' -print0
        find . -maxdepth 1 -type f \( -name 'Directory.*' -o -name global.json \
            -o -iname nuget.config -o -name '*.slnx' -o -name '*.sln' \) -print0
    fi | sort -zu | while IFS= read -r -d '' f; do
        # deleted but still tracked files are skipped
        if [[ -f $f ]]; then printf '%s\0' "$f"; fi
    done
}

compute_stamp() {
    {
        printf 'recipe %s rid %s\n' "$BUILD_RECIPE" "$RID"
        printf 'sdk %s\n' "$(dotnet --version)"
        list_sources | xargs -0 -r sha256sum
    } | sha256sum | cut -d' ' -f1
}

BUILD_STAMP=""

ensure_build() {
    BUILD_STAMP="$(compute_stamp)"
    if ((FORCE_BUILD == 0)) && [[ -x $CLI_BIN && -x $DAEMON_BIN && -f $STAMP_FILE ]] &&
        [[ "$(cat "$STAMP_FILE")" == "$BUILD_STAMP" ]]; then
        say "build: up to date (${BUILD_STAMP:0:12})"
    else
        build
    fi
    mkdir -p "$BERTH_BIN_DIR"
    ln -sfn "$CLI_BIN" "$BERTH_BIN_DIR/berth"
    ln -sfn "$DAEMON_BIN" "$BERTH_BIN_DIR/berthd"
}

build() {
    local rid="$RID" stage d
    mkdir -p "$BERTH_LIB_DIR"
    # Publish into a staging directory and swap it in afterwards: a running
    # berthd keeps its (renamed) files, and a failed build changes nothing.
    stage="$(mktemp -d "$BERTH_LIB_DIR/.staging.XXXXXX")"
    TMP_PATHS+=("$stage")
    say "build: berth CLI (NativeAOT, $rid) -- this takes a minute or two the first time"
    dotnet publish src/Berth.Cli/Berth.Cli.csproj -c Release -r "$rid" \
        -o "$stage/cli" -nologo -v minimal </dev/null 9>&- ||
        die "building the CLI failed (see the errors above)"
    say "build: berthd daemon (framework-dependent, $rid)"
    dotnet publish src/Berth.Daemon/Berth.Daemon.csproj -c Release -r "$rid" --self-contained false \
        -o "$stage/daemon" -nologo -v minimal </dev/null 9>&- ||
        die "building the daemon failed (see the errors above)"
    [[ -x $stage/cli/berth ]] || die "the CLI build produced no $stage/cli/berth"
    [[ -x $stage/daemon/berthd ]] || die "the daemon build produced no $stage/daemon/berthd"
    for d in cli daemon; do
        rm -rf "${BERTH_LIB_DIR:?}/$d.old"
        if [[ -e $BERTH_LIB_DIR/$d ]]; then
            mv "$BERTH_LIB_DIR/$d" "$BERTH_LIB_DIR/$d.old"
        fi
        mv "$stage/$d" "$BERTH_LIB_DIR/$d"
        rm -rf "${BERTH_LIB_DIR:?}/$d.old"
    done
    printf '%s\n' "$BUILD_STAMP" >"$STAMP_FILE"
    say "build: installed into $BERTH_LIB_DIR (${BUILD_STAMP:0:12})"
}

# ------------------------------------------------------- base image caches --

BUSYBOX_PASSWD='root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
bin:x:2:2:bin:/bin:/bin/false
sys:x:3:3:sys:/dev:/bin/false
sync:x:4:100:sync:/bin:/bin/sync
mail:x:8:8:mail:/var/spool/mail:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
operator:x:37:37:Operator:/var:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false'

BUSYBOX_GROUP='root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
lp:x:7:
mail:x:8:
kmem:x:9:
wheel:x:10:root
cdrom:x:11:
dialout:x:18:
floppy:x:19:
video:x:28:
audio:x:29:
tape:x:32:
www-data:x:33:
operator:x:37:
utmp:x:43:
plugdev:x:46:
staff:x:50:
lock:x:54:
netdev:x:82:
users:x:100:
nogroup:x:65534:'

# A rootfs like Docker's busybox image: the static busybox in /bin with one
# symlink per applet, the usual accounts, and the standard directories.
build_busybox_tar() {
    local bb=/bin/busybox rootfs tmp applet n=0
    [[ -x $bb ]] || die "$bb not found (package busybox-static)"
    rootfs="$(mktemp -d "$BERTH_CACHE_DIR/.busybox-rootfs.XXXXXX")"
    TMP_PATHS+=("$rootfs")
    mkdir -p "$rootfs"/{bin,dev,etc,home,root,tmp,usr/sbin,var/spool/mail,var/www}
    chmod 0755 "$rootfs" "$rootfs"/{bin,dev,etc,home,usr,usr/sbin,var}
    chmod 0700 "$rootfs/root"
    chmod 1777 "$rootfs/tmp"
    install -m 0755 "$bb" "$rootfs/bin/busybox"
    while IFS= read -r applet; do
        [[ -n $applet && $applet != busybox && ! -e $rootfs/bin/$applet ]] || continue
        ln -s busybox "$rootfs/bin/$applet"
        n=$((n + 1))
    done < <("$bb" --list)
    ((n > 100)) || die "busybox --list gave only $n applets"
    printf '%s\n' "$BUSYBOX_PASSWD" >"$rootfs/etc/passwd"
    printf '%s\n' "$BUSYBOX_GROUP" >"$rootfs/etc/group"
    cut -d: -f1 <<<"$BUSYBOX_PASSWD" | sed 's/$/:*:::::::/' >"$rootfs/etc/shadow"
    chmod 0644 "$rootfs/etc/passwd" "$rootfs/etc/group"
    chmod 0640 "$rootfs/etc/shadow"
    # busybox-static is linked against glibc: without an nsswitch.conf its name lookups
    # (wget, ping, nslookup) crash instead of asking DNS.
    printf 'hosts: files dns\n' >"$rootfs/etc/nsswitch.conf"
    chmod 0644 "$rootfs/etc/nsswitch.conf"
    tmp="$BERTH_CACHE_DIR/.busybox-rootfs.partial.tar"
    TMP_PATHS+=("$tmp")
    # Reproducible: fixed order, owners and timestamps (those of the busybox binary).
    tar --create --file "$tmp" --directory "$rootfs" \
        --sort=name --owner=0 --group=0 --numeric-owner \
        --mtime="@$(stat -c %Y "$bb")" .
    mv "$tmp" "$BUSYBOX_TAR"
    say "images: wrote $BUSYBOX_TAR ($n applets)"
}

build_debian_tar() {
    local tmp="$BERTH_CACHE_DIR/.debian-bookworm-rootfs.partial.tar"
    local log="$BERTH_CACHE_DIR/mmdebstrap.log"
    TMP_PATHS+=("$tmp")
    say "images: building debian:bookworm rootfs with mmdebstrap (about 20 s)"
    # --skip=output/dev: no device nodes in the tar (the runtime provides /dev).
    if ! mmdebstrap --variant=minbase --format=tar --skip=output/dev \
        bookworm "$tmp" ${BERTH_DEBIAN_MIRROR:+"$BERTH_DEBIAN_MIRROR"} </dev/null >"$log" 2>&1; then
        tail -n 30 "$log" >&2
        die "mmdebstrap failed (full log: $log)"
    fi
    mv "$tmp" "$DEBIAN_TAR"
    say "images: wrote $DEBIAN_TAR ($(du -h "$DEBIAN_TAR" | cut -f1))"
}

ensure_cache_tars() {
    mkdir -p "$BERTH_CACHE_DIR"
    if [[ ! -s $BUSYBOX_TAR ]] || ! tar -tf "$BUSYBOX_TAR" ./etc/nsswitch.conf >/dev/null 2>&1; then
        build_busybox_tar
    fi
    [[ -s $DEBIAN_TAR ]] || build_debian_tar
    say "images: cache tars present in $BERTH_CACHE_DIR"
}

# ------------------------------------------------------------------ daemon --

daemon_answers() {
    timeout 5 "$CLI_BIN" version >/dev/null 2>&1
}

have_systemd() {
    [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null 2>&1
}

berthd_args() {
    BERTHD_ARGS=(-H "unix://$BERTH_SOCK" --data-root "$BERTH_DATA_ROOT" --exec-root "$BERTH_EXEC_ROOT")
    if [[ -f /etc/berth/daemon.json ]]; then
        BERTHD_ARGS+=(--config-file /etc/berth/daemon.json)
    fi
}

# wait_for_daemon [PID]: until the socket answers, the timeout passes, or PID dies.
wait_for_daemon() {
    local pid="${1:-}" deadline=$((SECONDS + BERTH_START_TIMEOUT))
    while ((SECONDS < deadline)); do
        daemon_answers && return 0
        if [[ -n $pid ]] && ! pid_alive "$pid"; then
            return 1
        fi
        sleep 0.2
    done
    daemon_answers
}

# Alive and not a zombie (an orphaned daemon's parent may be slow to reap it).
pid_alive() {
    local state
    state="$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$1/status" 2>/dev/null || true)"
    [[ -n $state && $state != Z && $state != X ]]
}

is_berthd_pid() {
    [[ $1 =~ ^[0-9]+$ ]] && pid_alive "$1" && [[ "$(cat "/proc/$1/comm" 2>/dev/null)" == berthd ]]
}

pidfile_pid() {
    local pid
    pid="$(cat "$PIDFILE" 2>/dev/null || true)"
    if is_berthd_pid "$pid"; then
        printf '%s\n' "$pid"
    else
        return 1
    fi
}

# Stop the berthd recorded in the pidfile, if any: TERM, then KILL after a while.
stop_daemon_pidfile() {
    local pid i
    if ! pid="$(pidfile_pid)"; then
        rm -f "$PIDFILE" "$RUNNING_STAMP"
        return 0
    fi
    say "daemon: stopping berthd (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    kill -CONT "$pid" 2>/dev/null || true # in case it was stopped
    for ((i = 0; i < BERTH_STOP_TIMEOUT * 10; i++)); do
        pid_alive "$pid" || break
        sleep 0.1
    done
    if pid_alive "$pid"; then
        warn "berthd (pid $pid) did not stop within ${BERTH_STOP_TIMEOUT}s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
        sleep 0.5
    fi
    rm -f "$PIDFILE" "$RUNNING_STAMP"
}

start_daemon_nohup() {
    local pid
    mkdir -p "$BERTH_EXEC_ROOT" "$(dirname "$BERTH_LOG")"
    # Keep the log from growing without bound.
    if [[ -f $BERTH_LOG ]] && (($(stat -c %s "$BERTH_LOG") > 50 * 1024 * 1024)); then
        mv -f "$BERTH_LOG" "$BERTH_LOG.1"
    fi
    berthd_args
    rm -f "$PIDFILE" "$RUNNING_STAMP"
    say "daemon: starting berthd (log: $BERTH_LOG)"
    # The inner shell closes every inherited descriptor but stdio (the setup
    # lock, a CI runner's pipes), records its own pid, then becomes berthd
    # (exec keeps the pid).
    # shellcheck disable=SC2016 # $$, $fd and $@ belong to the inner shell
    DOTNET_ROOT="$DOTNET_ROOT_DIR" setsid nohup bash -c '
        for fd in /proc/$$/fd/*; do
            fd=${fd##*/}
            if ((fd > 2)) && [[ -e /proc/$$/fd/$fd ]]; then eval "exec $fd>&-"; fi
        done
        echo $$ >"$0.tmp" && mv -f "$0.tmp" "$0"
        exec "$@"' \
        "$PIDFILE" "$DAEMON_BIN" "${BERTHD_ARGS[@]}" \
        </dev/null >>"$BERTH_LOG" 2>&1 9>&- &
    # Wait for the pidfile so that the pid below is berthd's, not setsid's.
    local i
    for ((i = 0; i < 50; i++)); do
        [[ -s $PIDFILE ]] && break
        sleep 0.1
    done
    pid="$(cat "$PIDFILE" 2>/dev/null || true)"
    if ! wait_for_daemon "$pid"; then
        echo "---- last lines of $BERTH_LOG ----" >&2
        tail -n 40 "$BERTH_LOG" >&2 || true
        echo "----" >&2
        if [[ -n $pid ]] && pid_alive "$pid"; then
            die "berthd (pid $pid) is running but $BERTH_SOCK did not answer within ${BERTH_START_TIMEOUT}s"
        fi
        die "berthd exited during startup (see the log above)"
    fi
    printf '%s\n' "$BUILD_STAMP" >"$RUNNING_STAMP"
    say "daemon: berthd is up (pid $pid)"
}

write_unit() {
    local tmp
    berthd_args
    tmp="$(mktemp)"
    TMP_PATHS+=("$tmp")
    cat >"$tmp" <<EOF
# Installed by Berth's setup.sh.
[Unit]
Description=Berth container engine
After=network-online.target nftables.service
Wants=network-online.target

[Service]
Type=simple
Environment=DOTNET_ROOT=$DOTNET_ROOT_DIR
ExecStart=$BERTH_BIN_DIR/berthd ${BERTHD_ARGS[*]}
Restart=on-failure
RestartSec=2
# berthd manages the cgroups below its own; stopping or restarting the unit
# stops only the daemon process, so that containers survive a restart.
Delegate=yes
KillMode=process
LimitNOFILE=infinity
LimitNPROC=infinity
LimitCORE=infinity
TasksMax=infinity
OOMScoreAdjust=-500

[Install]
WantedBy=multi-user.target
EOF
    if cmp -s "$tmp" "$UNIT_FILE"; then
        return 1
    fi
    install -m 0644 "$tmp" "$UNIT_FILE"
    systemctl daemon-reload
    say "daemon: installed $UNIT_FILE"
    return 0
}

ensure_daemon_systemd() {
    local unit_changed=0 running_stamp
    write_unit && unit_changed=1
    systemctl enable --quiet berthd.service
    running_stamp="$(cat "$RUNNING_STAMP" 2>/dev/null || true)"
    if daemon_answers && systemctl is-active --quiet berthd.service &&
        ((unit_changed == 0)) && [[ $running_stamp == "$BUILD_STAMP" ]]; then
        say "daemon: berthd (systemd) is up"
        return
    fi
    if systemctl is-active --quiet berthd.service; then
        say "daemon: restarting berthd.service (new build or unit)"
    else
        # A berthd started by an earlier setup.sh without systemd holds the socket.
        stop_daemon_pidfile
        say "daemon: starting berthd.service"
    fi
    systemctl restart berthd.service
    if ! wait_for_daemon; then
        systemctl --no-pager status berthd.service >&2 || true
        journalctl --no-pager -n 40 -u berthd.service >&2 || true
        die "berthd.service did not answer on $BERTH_SOCK within ${BERTH_START_TIMEOUT}s"
    fi
    mkdir -p "$BERTH_EXEC_ROOT"
    printf '%s\n' "$BUILD_STAMP" >"$RUNNING_STAMP"
    say "daemon: berthd (systemd) is up"
}

ensure_daemon_nohup() {
    local pid running_stamp
    running_stamp="$(cat "$RUNNING_STAMP" 2>/dev/null || true)"
    if daemon_answers; then
        if [[ $running_stamp == "$BUILD_STAMP" ]]; then
            say "daemon: berthd is up"
            return
        fi
        # Started from other binaries (or by someone else): restart it so the
        # current build runs, if it is ours to restart.
        if pidfile_pid >/dev/null; then
            stop_daemon_pidfile
        else
            warn "a daemon answers on $BERTH_SOCK but was not started by setup.sh (no $PIDFILE);" \
                "it may run an older build -- restart it yourself to pick up the new binaries"
            return
        fi
    elif pid="$(pidfile_pid)"; then
        # Running but not answering: give it a moment (it may be starting).
        if wait_for_daemon "$pid" && [[ $running_stamp == "$BUILD_STAMP" ]]; then
            say "daemon: berthd is up (pid $pid)"
            return
        fi
        daemon_answers || warn "berthd (pid $pid) does not answer; restarting it"
        stop_daemon_pidfile
    fi
    start_daemon_nohup
}

# --------------------------------------------------------------- images ---

image_exists() {
    timeout 30 "$CLI_BIN" image inspect "$1" >/dev/null 2>&1
}

import_image() { # import_image TAR CMD NAME
    say "images: importing $3"
    "$CLI_BIN" import -c "$2" - "$3" <"$1" >/dev/null ||
        die "importing $3 from $1 failed"
}

ensure_images() {
    # An image from an older busybox tar (without nsswitch.conf, so name lookups crash) is replaced.
    if image_exists busybox:latest && "$CLI_BIN" run --rm --network none busybox test -e /etc/nsswitch.conf </dev/null >/dev/null 2>&1; then
        say "images: busybox:latest present"
    else
        import_image "$BUSYBOX_TAR" 'CMD ["sh"]' busybox:latest
    fi
    if image_exists debian:bookworm; then
        say "images: debian:bookworm present"
    else
        import_image "$DEBIAN_TAR" 'CMD ["bash"]' debian:bookworm
    fi
}

# ------------------------------------------------------------------- main --

ensure_packages
ensure_dotnet
RID="$(runtime_id)"
# The caches do not depend on the build: made first, they are there for the
# tests even when publishing fails.
ensure_cache_tars
ensure_build

if ((NO_DAEMON)); then
    say "ready: binaries in $BERTH_LIB_DIR and image caches in $BERTH_CACHE_DIR" \
        "(daemon not touched; $((SECONDS - START_TIME))s)"
    exit 0
fi

if have_systemd; then
    ensure_daemon_systemd
else
    ensure_daemon_nohup
fi
ensure_images

say "running a first container: berth run --rm busybox echo \"Hello from Berth\""
"$CLI_BIN" run --rm busybox echo "Hello from Berth" </dev/null ||
    die "the first container did not run (daemon log: $BERTH_LOG)"
say "ready: Berth is running on unix://$BERTH_SOCK ($((SECONDS - START_TIME))s)"
