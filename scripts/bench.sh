#!/usr/bin/env bash
# Measures Huifang at scale (issue 8) and against a plain page doing the same work (issue 18), and
# prints the figures; docs/performance.md keeps the last ones.
#
#   scripts/bench.sh            bundle size, native benchmarks, browser benchmark (all three sizes),
#                               Huifang against the plain page of bench/baseline/ (5,000 customers)
#   scripts/bench.sh --growth   also the bundle's growth per feature (docs/performance.md's table)
#   scripts/bench.sh --quick    skip the 50,000-customer book (minutes instead of ~half an hour)
#   scripts/bench.sh --only-baseline   the release build and the comparison with the plain page only
#   scripts/bench.sh --no-native / --no-browser / --no-baseline / --no-build   skip a part
#                               (--no-build keeps dist/)
#   scripts/bench.sh --lighthouse    also Lighthouse's mobile performance score of a cold load
#                               (lighthouse installed once into target/lighthouse from npm)
#   scripts/bench.sh --sync     also sync through the CouchDB stand-in (issue 19): the first sync of
#                               the 5,000-customer book both ways, a supervisor reading a month of
#                               20 agents (pouchdb-server installed like for the tests)
#
# The comparison takes about two minutes a run; HUIFANG_BASELINE_RUNS sets the runs (default 7).
#
# Generated data never lands in the repository: benchmarks generate their books in memory, and
# `cargo run --release --bin huifang-data -- --size large > target/data/large.json` writes a file
# under target/ (git-ignored) for importing by hand.
source "$(dirname "$0")/tools.sh"
cd "$ROOT"

growth=0 quick=0 native=1 browser=1 baseline=1 build=1 lighthouse=0 sync=0
for arg in "$@"; do
    case "$arg" in
        --growth) growth=1 ;;
        --quick) quick=1 ;;
        --no-native) native=0 ;;
        --no-browser) browser=0 ;;
        --no-baseline) baseline=0 ;;
        --only-baseline) native=0 browser=0 baseline=1 ;;
        --no-build) build=0 ;;
        --lighthouse) lighthouse=1 ;;
        --sync) sync=1 ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) echo "unknown option $arg (see --help)" >&2; exit 2 ;;
    esac
done

say "Machine"
printf '  %s, %s cores, %s\n' "$(lscpu | sed -n 's/^Model name: *//p' | head -1)" "$(nproc)" \
    "$(free -g | awk '/^Mem:/ { print $2 " GB memory" }')"

say "1/4 Bundle (release build: the first download and the pieces fetched later)"
if [ "$build" = 1 ] || [ ! -f dist/index.html ]; then
    ensure_build_tools
    trunk build --release --locked >target/bench-trunk.log 2>&1 || { tail -40 target/bench-trunk.log; exit 1; }
fi
bundle_size
if [ "$growth" = 1 ]; then
    say "Bundle growth per feature (docs/performance.md, measured at each merge)"
    awk '/^<!-- growth -->/ { on = 1; next } /^<!-- \/growth -->/ { on = 0 } on' docs/performance.md
fi

skip_large=()
if [ "$quick" = 1 ]; then skip_large=(--skip Large); fi

if [ "$native" = 1 ]; then
    say "2/4 Native benchmarks of the domain (divan; 500 / 5,000 / 50,000 customers)"
    cargo bench --locked --bench scale -- "${skip_large[@]}"
fi

# Runs the ignored end-to-end tests named by a filter, one at a time, showing their BENCH lines and
# the summary table and keeping the whole log; stops the script if they fail.
#   browser_bench <what> <log> <filter> [cargo test args...]
browser_bench() {
    local what="$1" log="$2" filter="$3"
    shift 3
    set +e
    cargo test --locked --features e2e --test e2e "$filter" -- --ignored --test-threads=1 --nocapture "$@" 2>&1 \
        | tee "$log" | grep --line-buffered -E '^BENCH|^\||^Median|^test |panicked|test result'
    local status=${PIPESTATUS[0]}
    set -e
    if [ "$status" -ne 0 ]; then say "FAILED: $what (full log: $log)"; exit "$status"; fi
}

if [ "$browser" = 1 ]; then
    say "3/4 Browser benchmark (headless Chromium against the release dist/)"
    ensure_chromium
    browser_skip=()
    if [ "$quick" = 1 ]; then browser_skip=(--skip bench_50000); fi
    browser_bench "the browser benchmark" target/bench-browser.log bench:: "${browser_skip[@]}"
fi

if [ "$baseline" = 1 ]; then
    # bench/baseline/ is served beside a copy of dist/ from target/bench-site/, with its pinyin table
    # and the 5,000-customer book (seed 1) written there by the test; nothing generated is committed.
    say "4/4 Huifang against a plain page doing the same work (issue 18: bench/baseline/, interleaved runs)"
    ensure_chromium
    browser_bench "the comparison" target/bench-baseline.log baseline::
fi

if [ "$sync" = 1 ]; then
    say "Sync through the CouchDB stand-in (issue 19: tests/e2e/sync.rs, bench_*)"
    ensure_chromium
    ensure_couch_server
    browser_bench "the sync benchmark" target/bench-sync.log sync::bench_
fi

if [ "$lighthouse" = 1 ]; then
    # A cold load of an empty profile with Lighthouse's mobile settings (simulated slow 4G, CPU 4x
    # slower), dist/ served with its precompressed files as a configured host sends them. Kept out
    # of package.json: CI does not need it, and it is large.
    say "Lighthouse, mobile, cold load (issue 18 target: performance >= 95)"
    ensure_chromium
    lh="$ROOT/target/lighthouse"
    if [ ! -x "$lh/node_modules/.bin/lighthouse" ]; then
        mkdir -p "$lh"
        npm install --prefix "$lh" --silent --no-audit --no-fund lighthouse@12.8.2
    fi
    port=8097
    python3 scripts/static_server.py "$port" dist &
    server=$!
    trap 'kill "$server" 2>/dev/null' EXIT
    sleep 1
    CHROME_PATH="$(command -v chromium)" "$lh/node_modules/.bin/lighthouse" "http://127.0.0.1:$port/" \
        --only-categories=performance --form-factor=mobile --quiet \
        --chrome-flags="--headless=new --no-sandbox --disable-gpu" \
        --output=json --output-path=target/lighthouse.json
    node -e '
        const r = require(process.argv[1]);
        console.log(`BENCH lighthouse mobile performance: ${Math.round(r.categories.performance.score * 100)}`);
        for (const k of ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                         "speed-index", "interactive", "total-byte-weight"]) {
            console.log(`BENCH lighthouse ${k}: ${r.audits[k].displayValue}`);
        }' "$ROOT/target/lighthouse.json"
fi
