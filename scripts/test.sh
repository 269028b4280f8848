#!/usr/bin/env bash
# Runs every test: host tests of the domain, browser tests of the store in headless Chromium, and
# end-to-end tests of the release build. Installs what is missing first.
source "$(dirname "$0")/tools.sh"
ensure_build_tools
ensure_chromium
ensure_couch_server
cd "$ROOT"
mkdir -p target

# Runs a test command, showing the runners' own summary lines; on failure, the full log's failures.
run_tests() {
    local log="$1"
    shift
    set +e
    "$@" 2>&1 | tee "$log" | grep --line-buffered -E '^(test result|running [0-9]+ tests?|error(\[|:)|failures:)|panicked at|^test .* FAILED'
    local status=${PIPESTATUS[0]}
    set -e
    if [ "$status" -ne 0 ]; then
        say "FAILED: $* (full log: $log)"
        sed -n '/^failures:/,$p' "$log" | head -200
        grep -E '^error' -A 12 "$log" | head -80 || true
        exit "$status"
    fi
}

say "0/3 Format and lint (cargo fmt --check, cargo clippy -D warnings)"
if cargo fmt --version >/dev/null 2>&1; then
    cargo fmt --check || { say "FAILED: cargo fmt --check (run: cargo fmt)"; exit 1; }
else
    say "rustfmt is not installed with this toolchain: format check skipped"
fi
if cargo clippy --version >/dev/null 2>&1; then
    # The host build (domain, tests, benches, tools), the wasm app with its browser tests, and
    # the e2e driver: each is compiled for a different target or feature set.
    cargo clippy --locked --all-targets -- -D warnings
    cargo clippy --locked --target wasm32-unknown-unknown --lib --tests -- -D warnings
    cargo clippy --locked --features e2e --test e2e -- -D warnings
    echo "clippy: no warnings"
else
    say "clippy is not installed with this toolchain: lint skipped"
fi

say "1/3 Host tests of the domain (cargo test)"
run_tests target/host-tests.log cargo test --locked

say "2/3 Browser tests of the store (wasm-bindgen-test in headless Chromium)"
run_tests target/browser-tests.log cargo test --locked --target wasm32-unknown-unknown --tests

say "3/3 End-to-end tests (release dist/ on a static server, driven through chromedriver)"
trunk build --release --locked
bundle_size
run_tests target/e2e-tests.log cargo test --locked --features e2e --test e2e -- --test-threads=2

say "All tests passed"
