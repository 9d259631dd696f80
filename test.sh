#!/usr/bin/env bash
# Runs every test and ends with one line: "N passed, N failed[, N skipped]".
#
#   ./test.sh                       all tests
#   ./test.sh --filter 'Name~Image' extra arguments go to `dotnet test`
#
# Exits non-zero when a test failed, when no test ran, when `dotnet test`
# itself failed (build error, crash, timeout) or when the prerequisites could
# not be set up.
#
# Before the tests it runs `./setup.sh --no-daemon` (a no-op taking well under
# a second when nothing changed), so that the published binaries are current
# and the base-image tars exist. Tests start their own berthd instances from
# those binaries; the user's daemon is not used. Paths handed to the tests
# (set only when not already set):
#   BERTH_TEST_CLI          /usr/local/lib/berth/cli/berth
#   BERTH_TEST_DAEMON       /usr/local/lib/berth/daemon/berthd
#   BERTH_TEST_BUSYBOX_TAR  /var/cache/berth/busybox-rootfs.tar
#   BERTH_TEST_DEBIAN_TAR   /var/cache/berth/debian-bookworm-rootfs.tar
# BERTH_TEST_TIMEOUT (seconds, default 1500) bounds the whole `dotnet test` run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

if [[ $EUID -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
        exec sudo --preserve-env=PATH,DOTNET_ROOT,CI,BERTH_TEST_TIMEOUT,BERTH_LIB_DIR,BERTH_CACHE_DIR \
            bash "${BASH_SOURCE[0]}" "$@"
    fi
    echo "test.sh: the tests run containers and need root" >&2
    exit 1
fi

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 UseSharedCompilation=false

LIB_DIR="${BERTH_LIB_DIR:-/usr/local/lib/berth}"
CACHE_DIR="${BERTH_CACHE_DIR:-/var/cache/berth}"
export BERTH_TEST_CLI="${BERTH_TEST_CLI:-$LIB_DIR/cli/berth}"
export BERTH_TEST_DAEMON="${BERTH_TEST_DAEMON:-$LIB_DIR/daemon/berthd}"
export BERTH_TEST_BUSYBOX_TAR="${BERTH_TEST_BUSYBOX_TAR:-$CACHE_DIR/busybox-rootfs.tar}"
export BERTH_TEST_DEBIAN_TAR="${BERTH_TEST_DEBIAN_TAR:-$CACHE_DIR/debian-bookworm-rootfs.tar}"
TIMEOUT="${BERTH_TEST_TIMEOUT:-1500}"

RESULTS_DIR="$ROOT/tests/artifacts"
TRX="$RESULTS_DIR/results.trx"

problems=()

# ------------------------------------------------------------ prerequisites --
echo "==> test.sh: checking prerequisites (./setup.sh --no-daemon)"
if ! bash "$ROOT/setup.sh" --no-daemon </dev/null; then
    problems+=("./setup.sh --no-daemon failed: tests that need the binaries or base images may fail")
fi
for f in "$BERTH_TEST_CLI" "$BERTH_TEST_DAEMON" "$BERTH_TEST_BUSYBOX_TAR" "$BERTH_TEST_DEBIAN_TAR"; do
    [[ -e $f ]] || problems+=("missing prerequisite: $f")
done
if ! command -v dotnet >/dev/null 2>&1; then
    echo "test.sh: 'dotnet' not found (the .NET 10 SDK is required; see ./setup.sh)" >&2
    echo "0 passed, 0 failed"
    exit 1
fi

# -------------------------------------------------------------------- tests --
mkdir -p "$RESULTS_DIR"
rm -f "$TRX"
echo "==> test.sh: dotnet test (timeout ${TIMEOUT}s)"
set +e
timeout --kill-after=30 "$TIMEOUT" \
    dotnet test tests/Berth.Tests/Berth.Tests.csproj -c Release \
    --logger "trx;LogFileName=results.trx" \
    --logger "console;verbosity=normal" \
    --results-directory "$RESULTS_DIR" \
    --blame-hang-timeout 10m --blame-hang-dump-type none \
    "$@" </dev/null
rc=$?
set -e
if ((rc == 124 || rc == 137)); then
    problems+=("dotnet test did not finish within ${TIMEOUT}s and was stopped")
elif ((rc != 0)); then
    problems+=("dotnet test exited with code $rc")
fi

# ------------------------------------------------------------------- counts --
# Outcomes of the top-level results in the TRX: Passed, Failed (and Error,
# Timeout, Aborted, ... counted as failed), NotExecuted (skipped).
count_trx() {
    if [[ ! -f $TRX ]]; then
        echo "0 0 0"
        return
    fi
    if command -v python3 >/dev/null 2>&1; then
        python3 - "$TRX" <<'EOF'
import sys
import xml.etree.ElementTree as ET

ns = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
root = ET.parse(sys.argv[1]).getroot()
passed = failed = skipped = 0
results = root.find(ns + "Results")
for r in (results if results is not None else []):
    if r.tag != ns + "UnitTestResult":
        continue
    outcome = r.get("outcome", "")
    if outcome == "Passed":
        passed += 1
    elif outcome in ("NotExecuted", "Inconclusive", "Pending", "Disconnected"):
        skipped += 1
    else:
        failed += 1
print(passed, failed, skipped)
EOF
    else
        # Without python3: the summary counters (skipped = total - executed).
        local counters
        counters="$(grep -o '<Counters [^>]*>' "$TRX" | head -n 1)"
        attr() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
        echo "$(attr passed)" \
            "$(($(attr failed) + $(attr error) + $(attr timeout) + $(attr aborted)))" \
            "$(($(attr total) - $(attr executed)))"
    fi
}

read -r passed failed skipped < <(count_trx)
passed="${passed:-0}" failed="${failed:-0}" skipped="${skipped:-0}"

if ((passed + failed == 0)); then
    problems+=("no test ran")
fi
for p in "${problems[@]}"; do
    echo "test.sh: $p" >&2
done
[[ -f $TRX ]] && echo "test.sh: results in ${TRX#"$ROOT"/}" >&2

line="$passed passed, $failed failed"
((skipped > 0)) && line+=", $skipped skipped"
echo "$line"

if ((failed > 0 || ${#problems[@]} > 0)); then
    exit 1
fi
exit 0
