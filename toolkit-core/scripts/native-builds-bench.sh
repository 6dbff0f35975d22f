#!/usr/bin/env bash
# Times ND4J's nd4j-native builds against each other, interleaved (noise on shared machines is large):
# ROUNDS x OMP_NUM_THREADS in {1,2} x builds, same classpath, build chosen with
# -Dorg.bytedeco.javacpp.platform.extension. Prints one TSV line per round, threads, build and operation.
# Usage (from the repository root, after `mvn -B -q -DskipTests install`):
#   toolkit-core/scripts/native-builds-bench.sh [ROUNDS] > results.tsv
# Needs the classifier jars in ~/.m2, e.g.
#   mvn -q dependency:get -Dartifact=org.nd4j:nd4j-native:1.0.0-M2.1:jar:linux-x86_64-avx2 -Dtransitive=false
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds="${1:-3}"
m2="${HOME}/.m2/repository/org/nd4j/nd4j-native/1.0.0-M2.1"
builds=(generic)
extra=""
for b in avx2 avx512 onednn onednn-avx2 onednn-avx512; do
  jar="$m2/nd4j-native-1.0.0-M2.1-linux-x86_64-$b.jar"
  if [[ -f "$jar" ]]; then builds+=("-$b"); extra="$extra:$jar"; fi
done
cpfile="$(mktemp)"
(cd "$root" && mvn -B -q -pl toolkit-core dependency:build-classpath -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=test >/dev/null)
cp="$root/toolkit-core/target/test-classes:$root/toolkit-core/target/classes:$(cat "$cpfile")$extra"
rm -f "$cpfile"
for round in $(seq 1 "$rounds"); do
  for omp in 1 2; do
    for ext in "${builds[@]}"; do
      e="$ext"; [[ "$ext" == generic ]] && e=""
      OMP_NUM_THREADS=$omp java -Dorg.bytedeco.javacpp.platform.extension="$e" -cp "$cp" \
          dev.rnnkit.platform.NativeBuildBenchmark 15 2>&1 | grep '^RESULT' | sed "s/^RESULT/$round\t$omp\t$ext/"
    done
  done
done
