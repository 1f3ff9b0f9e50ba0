#!/usr/bin/env bash
# The setup service of docker/compose.yaml: creates the topics, then submits the two live jobs to the
# session cluster with Flink's own CLI (the job jar's entry point is healthcode.jobs.live.LiveJobMain).
set -euo pipefail
JAR=/opt/healthcode/healthcode-job.jar
CONFIG=/opt/healthcode/docker/healthcode.yaml
until java -cp "$JAR:/opt/flink/lib/*" healthcode.jobs.Main topics --config "$CONFIG"; do
  echo "setup: waiting for the broker"; sleep 5
done
until /opt/flink/bin/flink list -m jobmanager:8081 >/dev/null 2>&1; do
  echo "setup: waiting for the JobManager"; sleep 5
done
for job in companions health-codes; do
  /opt/flink/bin/flink run -d -m jobmanager:8081 -c healthcode.jobs.live.LiveJobMain "$JAR" "$job" --config "$CONFIG"
done
