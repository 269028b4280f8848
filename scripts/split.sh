#!/bin/sh
# Cuts the wasm Trunk has just built into the first download and the pages fetched when they are
# first opened (src/ui/later.rs; docs/performance.md, "The wasm split"). Trunk runs it after each
# build (Trunk.toml, post_build), before the service worker is stamped and the files compressed.
#
# Trunk's own pipeline runs cargo, wasm-bindgen and wasm-opt in one go, with no step between
# cargo and wasm-bindgen where a split could happen. So Trunk builds as usual (with the `split`
# feature, which turns `ui::later`'s functions into split points, and without its wasm-opt), and
# this script starts again from cargo's wasm:
#   1. wasm-split-cli (crate wasm_split_cli_support, scripts/tools.sh) cuts it at the split
#      points: a main wasm, one wasm per page, shared chunks, and the loader `__wasm_split.js`;
#   2. wasm-bindgen makes the main wasm's JS glue, keeping the exports the pages link against;
#   3. wasm-opt -Oz shrinks every wasm (release builds);
#   4. the files take the build's hashed name as a prefix, since the loader and the glue name them
#      (a new build is new names: caches never serve a page of another build), and replace the
#      glue and wasm Trunk wrote; index.html preloads the loader with the glue.
# Every name this script rewrites is checked, so a tool that names things differently fails the
# build instead of shipping a page that cannot load.
set -eu

staging="${TRUNK_STAGING_DIR:?run by Trunk (Trunk.toml)}"
profile="${TRUNK_PROFILE:-release}"
# Cargo's target directory, wherever the environment puts it (Trunk's watcher ignores it, so the
# scratch files below do not set off another build under `trunk serve`).
target="${CARGO_TARGET_DIR:-target}"
input="$target/wasm32-unknown-unknown/$profile/huifang.wasm"
work="$target/split"

glue="$(ls "$staging"/huifang-*.js)"
stem="$(basename "$glue" .js)"  # huifang-<hash>
[ -f "$staging/${stem}_bg.wasm" ] || { echo "split.sh: no ${stem}_bg.wasm beside $glue" >&2; exit 1; }

# Trunk put the subresource integrity of its glue and wasm in index.html; the pieces replacing
# them get theirs in its place.
sri() {
    node -e 'const [f] = process.argv.slice(1); process.stdout.write("sha384-" + require("crypto").createHash("sha384").update(require("fs").readFileSync(f)).digest("base64"))' "$1"
}
old_glue_sri="$(sri "$glue")"
old_wasm_sri="$(sri "$staging/${stem}_bg.wasm")"

rm -rf "$work"
mkdir -p "$work/bindgen"
wasm-split-cli "$input" "$work" --out-name "$stem"
wasm-bindgen --target web --keep-lld-exports --no-demangle --out-dir "$work/bindgen" --out-name "$stem" "$work/$stem.wasm"

loader="$stem-split.js"
fail() { echo "split.sh: $*" >&2; exit 1; }
grep -q 'from "./__wasm_split.js"' "$work/bindgen/$stem.js" || fail "the glue does not import ./__wasm_split.js"
# Only the glue's `import` lines name the file; the wasm's import module keeps its name.
sed -i "/^import /s#from \"./__wasm_split.js\"#from \"./$loader\"#" "$work/bindgen/$stem.js"
cp "$work/__wasm_split.js" "$work/$loader"
grep -q "import { initSync } from \"./$stem.js\"" "$work/$loader" || fail "the loader does not import the glue"

opt() {
    if [ "$profile" = release ]; then
        # As Trunk.toml's own setting was (index.html): wasm-opt from npm binaryen@132. It warns
        # once per piece about the name section's subsection 3 (names binaryen does not read,
        # stripped anyway); everything else it says is shown, and a failure fails the build.
        if ! wasm-opt -Oz --strip-debug --strip-producers "$1" -o "$2" 2>"$2.log"; then
            cat "$2.log" >&2
            exit 1
        fi
        grep -v 'unknown name subsection' "$2.log" >&2 || true
        rm -f "$2.log"
    else
        cp "$1" "$2"
    fi
}

# The main wasm in the background (the longest), the pages and chunks one after the other.
opt "$work/bindgen/${stem}_bg.wasm" "$staging/${stem}_bg.wasm" &
main=$!
# The pages and shared chunks: renamed in the loader, optimised beside the glue.
pieces=""
for piece in "$work"/split_*.wasm "$work"/chunk_*.wasm; do
    [ -f "$piece" ] || continue
    name="$(basename "$piece")"
    grep -q "\"./$name\"" "$work/$loader" || fail "the loader does not name $name"
    sed -i "s#\"./$name\"#\"./$stem-$name\"#" "$work/$loader"
    opt "$piece" "$staging/$stem-$name"
    pieces="$pieces $stem-$name"
done
wait "$main"
cp "$work/bindgen/$stem.js" "$staging/$stem.js"
cp "$work/$loader" "$staging/$loader"

for pair in "$old_glue_sri $stem.js" "$old_wasm_sri ${stem}_bg.wasm"; do
    set -- $pair
    grep -q "integrity=\"$1\"" "$staging/index.html" || fail "index.html has no integrity for $2"
    sed -i "s#integrity=\"$1\"#integrity=\"$(sri "$staging/$2")\"#" "$staging/index.html"
done

# The glue imports the loader: fetched together rather than one round trip after the other.
grep -q '</head>' "$staging/index.html" || fail "index.html has no </head>"
sed -i "s#</head>#<link rel=\"modulepreload\" href=\"$loader\"></head>#" "$staging/index.html"
# The service worker stores the pages with the rest of the app (assets/sw.js).
list="$(printf '"%s",' $pieces)"
grep -q '__HUIFANG_PIECES__' "$staging/sw.js" || fail "sw.js has no __HUIFANG_PIECES__"
sed -i "s#\"__HUIFANG_PIECES__\"#${list%,}#" "$staging/sw.js"
