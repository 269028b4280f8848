#!/usr/bin/env bash
# Serves Huifang at http://127.0.0.1:8080 (a release build, rebuilt when the code changes).
# Installs what is missing first. Options are passed to `trunk serve` (e.g. --port 9000).
source "$(dirname "$0")/tools.sh"
ensure_build_tools
cd "$ROOT"
say "Serving Huifang on http://127.0.0.1:8080 (Ctrl-C stops)"
exec trunk serve --release "$@"
