#!/usr/bin/env bash
# HTTP load with wrk (Debian package wrk; installed when missing) against the packaged service in demo mode on a
# fresh embedded PostgreSQL with the durable defaults. Each round measures, one after the other with the same
# connections: /q/health/live (no token, no database), /q/health (one database check), /api/v1/roles (a verified
# token, no database), the CERS pull of one user again and again, and of a demo user picked at random, after one
# uncounted warm-up pass of each. Writes the
# median and range of the rounds to bench/WRK.md, each figure also as a ratio to /q/health of its own round.
#   bench/wrk.sh [--rounds 3] [--seconds 12] [--connections 32] [--jar target/quarkus-app/quarkus-run.jar] [--out bench/WRK.md]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=3 seconds=12 connections=32 jar=target/quarkus-app/quarkus-run.jar out=bench/WRK.md port=18080
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;; --seconds) seconds=$2; shift 2 ;; --connections) connections=$2; shift 2 ;;
    --jar) jar=$2; shift 2 ;; --out) out=$2; shift 2 ;; --port) port=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "installing wrk (Debian package)"; apt-get install -y -q wrk >/dev/null; }
[ -f "$jar" ] || ./mvnw -B -q package -Dmaven.test.skip=true

data=$(mktemp -d); log="$data/service.log"
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$data"' EXIT
base="http://127.0.0.1:$port"
start() { # launches the service (pid); sets ready_ms to the milliseconds from launch to ready
  local t0; t0=$(date +%s%N)
  TOMS_DEMO=true TOMS_DATA_DIR="$data" QUARKUS_HTTP_PORT=$port java -Xmx512m -jar "$jar" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 1200); do curl -sf "$base/q/health/ready" >/dev/null && break; sleep 0.05; done
  curl -sf "$base/q/health/ready" >/dev/null || { echo "the service did not start; see $log" >&2; cat "$log" >&2; exit 1; }
  ready_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
}
# start-up: the first start creates the database and the demo data; the next ones find them
start; first=$ready_ms; kill "$pid"; wait "$pid" 2>/dev/null || true
start; again=$ready_ms; kill "$pid"; wait "$pid" 2>/dev/null || true
start; again2=$ready_ms
database=$(grep -o 'embedded PostgreSQL ready.*' "$log" | head -1)

tokens=$(curl -sf "$base/demo/tokens")
cers=$(printf '%s' "$tokens" | python3 -c 'import json,sys; print(json.load(sys.stdin)["cers-service"])')
person=$(printf '%s' "$tokens" | python3 -c 'import json,sys; t=json.load(sys.stdin); print(next(v for k, v in t.items() if k.startswith("teacher")))')
printf '%s' "$tokens" | python3 -c 'import json,re,sys; [print(m.group(1)) for k in json.load(sys.stdin) for m in [re.search(r"\(([^)]+)\)", k)] if m]' > "$data/emails"
one=$(head -1 "$data/emails")

# name | path | script | token
scenarios=(
  "health-live|/q/health/live||"
  "health|/q/health||"
  "roles|/api/v1/roles|bench/wrk/token.lua|$person"
  "pull-one|/api/v1/cers/users/$one/permissions|bench/wrk/token.lua|$cers"
  "pull-random|/|bench/wrk/pull.lua|$cers"
)
results="$data/results"
run() { # name path script token seconds
  local args=(-t2 -c"$connections" -d"${5}s" --latency)
  [ -n "$3" ] && args+=(-s "$3")
  TOKEN="$4" EMAILS="$data/emails" wrk "${args[@]}" "$base$2"
}
for s in "${scenarios[@]}"; do # a warm-up pass the JIT needs; not counted
  IFS='|' read -r name path script token <<<"$s"
  run "$name" "$path" "$script" "$token" 5 >/dev/null
done
for round in $(seq 1 "$rounds"); do
  for s in "${scenarios[@]}"; do
    IFS='|' read -r name path script token <<<"$s"
    report=$(run "$name" "$path" "$script" "$token" "$seconds")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$report")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$report")
    non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$report")
    echo "$round $name $rps $p99 ${non2xx:-0}" | tee -a "$results"
  done
done

python3 - "$results" "$out" "$rounds" "$seconds" "$connections" "$first" "$again" "$again2" "$database" <<'PY'
import statistics, sys
path, out, rounds, seconds, connections = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
first, again, again2, database = sys.argv[6], sys.argv[7], sys.argv[8], sys.argv[9]
def ms(text):
    for unit, factor in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if text.endswith(unit):
            return float(text[:-len(unit)]) * factor
    return float(text)
rows = [line.split() for line in open(path)]
health = {r[0]: (float(r[2]), ms(r[3])) for r in rows if r[1] == "health"}
names = list(dict.fromkeys(r[1] for r in rows))
lines = ["| endpoint | req/s median (range) | x /q/health req/s | p99 ms median (range) | x /q/health p99 | non-2xx |",
         "|---|---|---|---|---|---|"]
for name in names:
    mine = [r for r in rows if r[1] == name]
    rps = [float(r[2]) for r in mine]
    p99 = [ms(r[3]) for r in mine]
    ratio = [float(r[2]) / health[r[0]][0] for r in mine]
    pratio = [ms(r[3]) / health[r[0]][1] for r in mine]
    bad = sum(int(r[4]) for r in mine)
    lines.append(f"| {name} | {statistics.median(rps):,.0f} ({min(rps):,.0f}-{max(rps):,.0f}) | "
                 f"{statistics.median(ratio):.2f} | {statistics.median(p99):.1f} ({min(p99):.1f}-{max(p99):.1f}) | "
                 f"{statistics.median(pratio):.2f} | {bad} |")
with open(out, "w") as f:
    f.write(f"# wrk: the service against itself\n\nDriven by `bench/wrk.sh` (wrk, {rounds} rounds of {seconds} s, 2 threads, "
            f"{connections} connections, the packaged service in demo mode on the embedded PostgreSQL with fsync and "
            "synchronous commit on). Ratios compare each figure with /q/health of the same round.\n\n")
    f.write("\n".join(lines) + "\n")
    f.write(f"\nStart to `/q/health/ready`: first start (creates the database) {first} ms; later starts {again} ms and "
            f"{again2} ms ({database}).\n")
print("\n".join(lines))
PY
