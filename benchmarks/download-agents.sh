# Sourced by the harness scripts: the agents Hourglass is compared with, from Maven Central into
# benchmarks/target/agents (once). Run from the repository root.
download_agents() { # otel-version elastic-version
  local agents=benchmarks/target/agents
  mkdir -p "$agents"
  [ -f benchmarks/target/benchmarks.jar ] || {
    echo "benchmarks/target/benchmarks.jar missing: mvn -B -q -Pbenchmarks -pl benchmarks -am package -DskipTests" >&2
    exit 2
  }
  download_one io.opentelemetry.javaagent opentelemetry-javaagent "$1"
  download_one co.elastic.apm elastic-apm-agent "$2"
}

download_one() { # groupId artifactId version
  if [ ! -f "benchmarks/target/agents/$2-$3.jar" ]; then
    # -N: only the parent POM's plugin configuration is needed, not the modules.
    mvn -B -q -N org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact="$1:$2:$3" -DoutputDirectory=benchmarks/target/agents
  fi
}
