#!/usr/bin/env bash
# One command: build the packaged service, load California-sized data into an embedded PostgreSQL, run the
# scenarios on loopback (HTTP load from wrk), and write bench/REPORT.md.
#   bench/run.sh            full size (1,100 LEAs, 11,000 schools, 500,000 users, 1,000,000 assignments), 3 runs
#   bench/run.sh --small    a tenth of that, for a quick look
#   bench/run.sh --years [--unprepared]   the start of a school year (bench/YEARS.md): carry-forward and transition,
#                           or, unprepared, a transition where everyone loses access
#   bench/run.sh --profile pulls|listing|creation|backfill|upload [--no-jfr]   one scenario over the last run's data, under
#                           Flight Recorder (bench/data/*.jfr); pulls are followed by /q/health for the ratio
#   uploads (--uploads, --profile upload) take --existing (rows for people of the loaded data instead of new people)
#                           and --warm (each measured upload after an unmeasured one of 10,000 rows on the same service)
# HTTP load comes from wrk (Debian package wrk), installed when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "installing wrk (Debian package)"; apt-get install -y -q wrk >/dev/null; }
./mvnw -B -q package -DskipTests   # the bench driver is a test class: test sources compile
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat target/bench.classpath)"
exec java -Xmx2g -cp "$CP" org.tomsprov.bench.Bench --dir bench/data "$@"
