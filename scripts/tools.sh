# Installs what building and testing Huifang needs, only where it is missing. Sourced by
# scripts/serve.sh and scripts/test.sh; a second run finds everything and takes seconds.
# Network needed on the first run only: crates.io, the npm registry and Debian's packages.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION="0.21.14"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Trunk never downloads tools: it takes the wasm-bindgen and wasm-opt found on PATH when their
# versions match Trunk.toml's [tools] pins.
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export TRUNK_OFFLINE=true

ensure_wasm_target() {
    if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
        say "Adding the wasm32-unknown-unknown target"
        rustup target add wasm32-unknown-unknown
    fi
}

ensure_trunk() {
    if ! trunk --version 2>/dev/null | grep -q "trunk $TRUNK_VERSION"; then
        say "Installing Trunk $TRUNK_VERSION (about 10 minutes, once)"
        cargo install trunk --version "$TRUNK_VERSION" --locked
    fi
}

# The version of the wasm-bindgen crate in Cargo.lock: the CLI must match it exactly.
wasm_bindgen_version() {
    if [ ! -f "$ROOT/Cargo.lock" ]; then
        (cd "$ROOT" && cargo generate-lockfile >/dev/null)
    fi
    awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_wasm_bindgen() {
    local version
    version="$(wasm_bindgen_version)"
    if ! wasm-bindgen --version 2>/dev/null | grep -q "wasm-bindgen $version"; then
        say "Installing wasm-bindgen-cli $version (about 3 minutes, once)"
        # Not --locked: the CLI's own lockfile names a crate version the registry no longer has.
        cargo install wasm-bindgen-cli --version "=$version"
    fi
}

# package.json pins the npm tools: binaryen's wasm-opt for the build, axe-core for the
# accessibility e2e test.
ensure_wasm_opt() {
    if ! "$ROOT/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version 132" \
        || [ ! -f "$ROOT/node_modules/axe-core/axe.min.js" ]; then
        say "Installing wasm-opt from npm binaryen@132 (not Debian's 108, which breaks the wasm) and axe-core"
        (cd "$ROOT" && npm ci --no-audit --no-fund)
    fi
}

# The sync tests' stand-in for Apache CouchDB (docs/sync-server.md): pouchdb-server 4.2.0, pinned
# in its own scripts/couch/package-lock.json so that the build's `npm ci` above stays small. Run in
# memory it needs no native module: `--omit=optional` leaves out leveldown and sqlite3, whose
# binaries would come from GitHub. A fresh install takes about 15 seconds (264 packages, 30 MB;
# 14 s measured with an empty npm cache, 10 s with a warm one); an installed one, none.
ensure_couch_server() {
    local dir="$ROOT/scripts/couch"
    if [ ! -f "$dir/node_modules/pouchdb-server/package.json" ] \
        || ! grep -q '"version": "4.2.0"' "$dir/node_modules/pouchdb-server/package.json" \
        || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
        say "Installing pouchdb-server 4.2.0 from npm, the tests' stand-in for CouchDB (about 15 seconds, once)"
        (cd "$dir" && npm ci --omit=optional --no-audit --no-fund)
    fi
}

apt_install() {
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@"
}

# wasm-split-cli cuts the release wasm at src/ui/later.rs's split points (scripts/split.sh). The
# binary of the crate whose runtime half (wasm_split_helpers, through Leptos) is in Cargo.lock;
# --locked: its own lockfile builds on this rustc.
WASM_SPLIT_VERSION="0.2.4"
ensure_wasm_split() {
    if [ "$(cat "$HOME/.cargo/wasm-split-cli.version" 2>/dev/null)" != "$WASM_SPLIT_VERSION" ] \
        || ! command -v wasm-split-cli >/dev/null 2>&1; then
        say "Installing wasm-split-cli $WASM_SPLIT_VERSION (about 2 minutes, once)"
        cargo install wasm_split_cli_support --version "=$WASM_SPLIT_VERSION" --features build-binary --locked
        echo "$WASM_SPLIT_VERSION" > "$HOME/.cargo/wasm-split-cli.version"
    fi
}

ensure_chromium() {
    local missing=()
    command -v chromium >/dev/null 2>&1 || missing+=(chromium)
    command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
    if [ ${#missing[@]} -gt 0 ]; then
        say "Installing ${missing[*]} from Debian"
        apt_install "${missing[@]}"
    fi
    export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
    export CHROMIUM="${CHROMIUM:-$(command -v chromium)}"
}

ensure_build_tools() {
    ensure_wasm_target
    ensure_trunk
    ensure_wasm_bindgen
    ensure_wasm_opt
    ensure_wasm_split
}

# Prints the size of what a browser downloads: first what every visit loads before the app
# works (the main wasm, its JS, the split loader, the stylesheet), then the pages fetched later
# (scripts/split.sh), each as stored, gzipped and brotli (the .br the build writes beside it).
bundle_size() {
    local dist="$ROOT/dist" f
    local first_raw=0 first_gz=0 first_br=0 later_raw=0 later_gz=0 later_br=0 later_n=0
    local size gz br
    for f in "$dist"/*.wasm "$dist"/*.js "$dist"/*.css; do
        [ -f "$f" ] || continue
        [ "$(basename "$f")" = sw.js ] && continue
        size=$(stat -c %s "$f")
        gz=$(gzip -9 -c "$f" | wc -c)
        br=$( [ -f "$f.br" ] && stat -c %s "$f.br" || echo "$gz")
        case "$(basename "$f")" in
            *-split_*.wasm | *-chunk_*.wasm)
                later_raw=$((later_raw + size)); later_gz=$((later_gz + gz)); later_br=$((later_br + br))
                later_n=$((later_n + 1))
                ;;
            *)
                first_raw=$((first_raw + size)); first_gz=$((first_gz + gz)); first_br=$((first_br + br))
                printf '  %-44s %8d bytes  %8d gzipped  %8d brotli\n' "$(basename "$f")" "$size" "$gz" "$br"
                ;;
        esac
    done
    printf 'first download: %d bytes, %d bytes gzipped (%d KB), %d bytes brotli (%d KB)\n' \
        "$first_raw" "$first_gz" $((first_gz / 1024)) "$first_br" $((first_br / 1024))
    printf 'pages fetched later: %d files, %d bytes, %d bytes gzipped, %d bytes brotli (%d KB)\n' \
        "$later_n" "$later_raw" "$later_gz" "$later_br" $((later_br / 1024))
}
