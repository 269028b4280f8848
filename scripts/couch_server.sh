#!/usr/bin/env bash
# The tests' stand-in for Apache CouchDB: pouchdb-server (scripts/couch/package.json), in memory,
# on 127.0.0.1, with one server admin so that _session, _users and _security behave as on a
# CouchDB that is not in "admin party". Everything is gone when it stops (docs/sync-server.md).
#
#   scripts/couch_server.sh start [port]   # in the background; waits until it answers (default 5984)
#   scripts/couch_server.sh stop [port]
#   scripts/couch_server.sh run <port> <state dir>   # in the foreground (exec: the pid is the server's)
#
# The admin is $HUIFANG_COUCH_ADMIN:$HUIFANG_COUCH_PASSWORD (default admin:admin). Install it first
# with: source scripts/tools.sh && ensure_couch_server
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SERVER="$ROOT/scripts/couch/node_modules/pouchdb-server/bin/pouchdb-server"
ADMIN="${HUIFANG_COUCH_ADMIN:-admin}"
PASSWORD="${HUIFANG_COUCH_PASSWORD:-admin}"

need_server() {
    if [ ! -f "$SERVER" ]; then
        echo "pouchdb-server is not installed: source scripts/tools.sh && ensure_couch_server" >&2
        exit 1
    fi
}

# Runs the server in the foreground. The state directory gets its configuration (the admin's
# password is hashed into it on start, as CouchDB does with local.ini) and its log; the data
# stay in memory.
run() {
    local port="$1" dir="$2"
    need_server
    mkdir -p "$dir"
    ADMIN="$ADMIN" PASSWORD="$PASSWORD" LOG="$dir/log.txt" node -e '
        const e = process.env;
        process.stdout.write(JSON.stringify({
            admins: { [e.ADMIN]: e.PASSWORD },
            log: { file: e.LOG, level: "info" },
        }));' >"$dir/config.json"
    cd "$dir"
    exec node "$SERVER" --in-memory --host 127.0.0.1 --port "$port" --dir "$dir" \
        --config "$dir/config.json" --no-stdout-logs --no-color
}

# Waits until the server answers with its welcome and the authentication database exists.
wait_ready() {
    local port="$1" pid="$2" i
    for i in $(seq 1 200); do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "pouchdb-server stopped on start; see its log" >&2
            return 1
        fi
        if curl -fsS -u "$ADMIN:$PASSWORD" "http://127.0.0.1:$port/_users" >/dev/null 2>&1; then
            return 0
        fi
        sleep 0.1
    done
    echo "pouchdb-server did not answer on port $port within 20 s" >&2
    return 1
}

state_dir() { echo "$ROOT/target/couch/$1"; }

case "${1:-}" in
    run)
        [ $# -eq 3 ] || { echo "usage: $0 run <port> <state dir>" >&2; exit 2; }
        run "$2" "$3"
        ;;
    start)
        port="${2:-5984}"
        dir="$(state_dir "$port")"
        need_server
        if [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
            echo "already running on http://127.0.0.1:$port/ (pid $(cat "$dir/pid"))"
            exit 0
        fi
        mkdir -p "$dir"
        "$0" run "$port" "$dir" >"$dir/stdout.txt" 2>&1 &
        echo $! >"$dir/pid"
        if ! wait_ready "$port" "$!"; then
            tail -20 "$dir/stdout.txt" "$dir/log.txt" >&2 2>/dev/null || true
            kill "$(cat "$dir/pid")" 2>/dev/null || true
            rm -f "$dir/pid"
            exit 1
        fi
        echo "pouchdb-server (in memory) on http://127.0.0.1:$port/, admin $ADMIN, pid $(cat "$dir/pid")"
        ;;
    stop)
        port="${2:-5984}"
        dir="$(state_dir "$port")"
        if [ -f "$dir/pid" ]; then
            kill "$(cat "$dir/pid")" 2>/dev/null || true
            rm -f "$dir/pid"
            echo "stopped pouchdb-server on port $port"
        else
            echo "no pouchdb-server started on port $port"
        fi
        ;;
    *)
        sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2
        exit 2
        ;;
esac
