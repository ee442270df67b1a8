#!/usr/bin/env bash
# JMH: PermissionResolver for a user with 1, 10 and 100 assignments; writes bench/jmh-permission-resolver.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat target/bench.classpath)"
java -cp "$CP" org.openjdk.jmh.Main PermissionResolverBenchmark -rf text -rff bench/jmh-permission-resolver.txt "$@"
