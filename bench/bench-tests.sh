# bench/bench-tests.sh — sourced (not run) by the benchmark scripts whose benchmarks are JUnit classes in
# bench/src/test/java (MediaBenchmarkTest, StreamBenchmarkTest, LinkBenchmarkTest, EdgeBenchmarkTest): they live there,
# out of the bundles' test trees, so the root build never compiles or runs them, and they drive the bundles' internals
# from the same packages.
#
#   bench_install         installs what bench/ compiles against (the bundles, their test-jars, test-support) as this
#                         checkout has them (once, before the timed part)
#   bench_tests ARGS...   runs `mvn test` in bench/ with ARGS, e.g. bench_tests -Dtest=MediaBenchmarkTest -Dbenchmark=true
#
# MVN overrides the Maven command (default "mvn -q -o"; MAVEN_OPTS=-Dmaven.repo.local=... picks another repository).
ROOT="${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
BENCH_MODULES=bundles/peer-catalog,bundles/peer-scanner,bundles/peer-hash-jdk,bundles/peer-edge,bundles/peer-media-ffmpeg
BENCH_MODULES=$BENCH_MODULES,bundles/peer-media-y4m,bundles/peer-stream-webrtc,test-support,test-edge

bench_install() {
  ${MVN:-mvn -q -o} -f "$ROOT/pom.xml" install -DskipTests -pl "$BENCH_MODULES" -am
}

bench_tests() {
  ${MVN:-mvn -q -o} -f "$ROOT/bench/pom.xml" test -Dsurefire.failIfNoSpecifiedTests=false "$@"
}
