#!/usr/bin/env bash
# Start-up of the one-shot command (issue 16, item 6): wall time of
#   java -jar target/valuator.jar refresh
# for a run with nothing to fetch (an empty embedded database, DATABASE_URL=embedded, under
# ./data/postgres of the directory it runs in; Polygon is a tiny local stand-in answering empty
# lists), RUNS times per variant, printed as median / min / max in ms.
#
#   scripts/startup-benchmark.sh                # all variants, 5 runs each
#   RUNS=3 VARIANTS="plain aot" scripts/startup-benchmark.sh
#
# Variants:
#   plain      java -jar target/valuator.jar refresh
#   extracted  the jar extracted the way Spring Boot documents for production
#              (java -Djarmode=tools -jar valuator.jar extract), no cache
#   aot        extracted + a JDK AOT cache (JEP 483/514/515): one training run with
#              -XX:AOTCacheOutput=…, then -XX:AOTCache=…
#   lazy       plain + -Dspring.main.lazy-initialization=true
#   aot-lazy   aot + lazy initialization (its own cache, trained lazily)
#   spring-aot a jar built with spring-boot:process-aot (SPRING_AOT_JAR=path), run with
#              -Dspring.aot.enabled=true, extracted + its own JDK AOT cache when AOT_TOO=1
# Needs: target/valuator.jar (./mvnw -DskipTests package), python3, the JDK of JAVA_HOME (25+).
# Writes target/startup/results.json and the logs of each run under target/startup/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
RUNS=${RUNS:-5}
VARIANTS=${VARIANTS:-"plain extracted aot lazy aot-lazy"}
JAR=${JAR:-$ROOT/target/valuator.jar}
OUT=${OUT:-$ROOT/target/startup}   # one directory per invocation keeps its results.json
WORKDIR=${WORKDIR:-$ROOT}     # the embedded database lives under $WORKDIR/data/postgres
mkdir -p "$OUT"
[ -f "$JAR" ] || { echo "no $JAR: ./mvnw -DskipTests package first" >&2; exit 1; }

# --- a Polygon stand-in with nothing to say
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 - "$PORT" > "$OUT/standin.log" 2>&1 <<'PY' &
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"[]" if self.path.startswith("/v1/marketstatus/upcoming") else \
            b'{"status":"OK","request_id":"x","queryCount":0,"resultsCount":0,"count":0,"results":[]}'
        self.send_response(200); self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
PY
STANDIN=$!
trap 'kill $STANDIN 2>/dev/null || true' EXIT

export DATABASE_URL=embedded POLYGON_API_KEY=startup-benchmark POLYGON_BASE_URL=http://127.0.0.1:$PORT \
       POLYGON_RATE_LIMIT_PER_MINUTE=0

# --- one timed run: prints its wall ms; fails when the command does not exit 0
run() { # name, java args…
    local name=$1; shift
    local start end code
    start=$(date +%s%N)
    set +e
    (cd "$WORKDIR" && "$JAVA" "$@" refresh > "$OUT/$name.stdout" 2> "$OUT/$name.stderr")
    code=$?
    set -e
    end=$(date +%s%N)
    if [ $code -ne 0 ]; then
        echo "$name: exit $code, see $OUT/$name.stderr" >&2
        return 1
    fi
    echo $(( (end - start) / 1000000 ))
}

extract() { # into dir
    rm -rf "$1"; mkdir -p "$1"
    "$JAVA" -Djarmode=tools -jar "$JAR" extract --force --destination "$1" > "$1.log" 2>&1
}

args_for() { # variant → java args (prepares caches on first use)
    local ext=$OUT/extracted
    case $1 in
        plain) echo "-jar $JAR" ;;
        extracted)
            [ -f "$ext/valuator.jar" ] || extract "$ext"
            echo "-jar $ext/valuator.jar" ;;
        aot)
            [ -f "$ext/valuator.jar" ] || extract "$ext"
            if [ ! -f "$OUT/valuator.aot" ]; then
                run aot-training "-XX:AOTCacheOutput=$OUT/valuator.aot" -jar "$ext/valuator.jar" > "$OUT/aot-training.ms"
            fi
            echo "-XX:AOTCache=$OUT/valuator.aot -jar $ext/valuator.jar" ;;
        lazy) echo "-Dspring.main.lazy-initialization=true -jar $JAR" ;;
        aot-lazy)
            [ -f "$ext/valuator.jar" ] || extract "$ext"
            if [ ! -f "$OUT/valuator-lazy.aot" ]; then
                run aot-lazy-training "-XX:AOTCacheOutput=$OUT/valuator-lazy.aot" \
                    -Dspring.main.lazy-initialization=true -jar "$ext/valuator.jar" > "$OUT/aot-lazy-training.ms"
            fi
            echo "-XX:AOTCache=$OUT/valuator-lazy.aot -Dspring.main.lazy-initialization=true -jar $ext/valuator.jar" ;;
        spring-aot)
            local sa=$OUT/spring-aot
            [ -n "${SPRING_AOT_JAR:-}" ] || { echo "spring-aot needs SPRING_AOT_JAR" >&2; return 1; }
            if [ ! -f "$sa/valuator.jar" ]; then
                rm -rf "$sa"; mkdir -p "$sa"
                "$JAVA" -Djarmode=tools -jar "$SPRING_AOT_JAR" extract --force --destination "$sa" > "$sa.log" 2>&1
            fi
            if [ "${AOT_TOO:-0}" = 1 ]; then
                if [ ! -f "$OUT/valuator-spring-aot.aot" ]; then
                    run spring-aot-training "-XX:AOTCacheOutput=$OUT/valuator-spring-aot.aot" -Dspring.aot.enabled=true \
                        -jar "$sa/valuator.jar" > /dev/null
                fi
                echo "-XX:AOTCache=$OUT/valuator-spring-aot.aot -Dspring.aot.enabled=true -jar $sa/valuator.jar"
            else
                echo "-Dspring.aot.enabled=true -jar $sa/valuator.jar"
            fi ;;
        *) echo "unknown variant $1" >&2; return 1 ;;
    esac
}

# the first start creates the embedded database (initdb) and migrates it: not counted
run warmup -jar "$JAR" > "$OUT/warmup.ms"
echo "warm-up (initdb + migrations): $(cat "$OUT/warmup.ms") ms" >&2

json="["
for v in $VARIANTS; do
    read -r -a jargs <<< "$(args_for "$v")"
    times=()
    for i in $(seq 1 "$RUNS"); do
        times+=("$(run "$v-$i" "${jargs[@]}")")
    done
    sorted=$(printf '%s\n' "${times[@]}" | sort -n)
    min=$(echo "$sorted" | head -1); max=$(echo "$sorted" | tail -1)
    median=$(echo "$sorted" | sed -n "$(( (RUNS + 1) / 2 ))p")
    started=$(grep -ho 'Started [A-Za-z]* in [0-9.]* seconds' "$OUT/$v-"*.stderr | awk '{print $4}' | sort -n | \
        sed -n "$(( (RUNS + 1) / 2 ))p")
    printf '%-11s median %6s ms  min %6s  max %6s  (Spring "Started … in" median %ss)  runs: %s\n' \
        "$v" "$median" "$min" "$max" "${started:-?}" "${times[*]}"
    json+="{\"variant\":\"$v\",\"runs\":[$(IFS=,; echo "${times[*]}")],\"medianMs\":$median,\"minMs\":$min,\"maxMs\":$max,\"springStartedSecondsMedian\":\"${started:-}\"},"
done
echo "${json%,}]" > "$OUT/results.json"
echo "results: $OUT/results.json" >&2
