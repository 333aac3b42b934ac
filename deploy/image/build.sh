#!/usr/bin/env bash
# Builds the Taskstream image from this checkout: a jlink'd Java runtime holding only the modules the
# application needs, the launcher's jar and its libraries, on BASE (default: taskstream-base:bookworm, made by
# build-base.sh when missing; set BASE=debian:bookworm-slim where a registry is reachable).
# Usage: deploy/image/build.sh [TAG]   (default taskstream:<project version>, also tagged taskstream:latest)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
top="$(cd "$here/../.." && pwd)"
jar="$top/launcher/target/taskstream.jar"
[ -f "$jar" ] || { echo "no $jar: build it first (mvn -DskipTests package)" >&2; exit 2; }
version="$(sed -n 's/^version=//p' "$top/launcher/target/classes/taskstream-version.properties")"
tag="${1:-taskstream:$version}"
base="${BASE:-taskstream-base:bookworm}"
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
[ -d "$java_home/jmods" ] || { echo "no jmods under $java_home (Debian: apt-get install openjdk-17-jmods)" >&2; exit 2; }
if [ "$base" = "taskstream-base:bookworm" ]; then
  "$here/build-base.sh" bookworm
fi

context="$(mktemp -d /tmp/taskstream-image.XXXXXX)"
trap 'rm -rf "$context"' EXIT
mkdir -p "$context/app/bin" "$context/app/lib"
cp "$jar" "$context/app/"
cp "$top"/launcher/target/lib/*.jar "$context/app/lib/"
# The modules the jars use, plus those found only by reflection or service loading: elliptic-curve TLS,
# zip file systems (JGit), DNS names (Kafka's client), PKCS#11 providers.
modules="$("$java_home/bin/jdeps" --ignore-missing-deps --multi-release 17 --print-module-deps \
  --class-path "$context/app/lib/*" "$context/app/taskstream.jar")"
"$java_home/bin/jlink" --module-path "$java_home/jmods" \
  --add-modules "$modules,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.zipfs,jdk.naming.dns,jdk.localedata" \
  --include-locales en --strip-debug --no-man-pages --no-header-files --compress=2 --output "$context/java"
cat >"$context/app/bin/taskstream" <<'LAUNCH'
#!/bin/bash
# The same bounded footprint as the checkout's ./taskstream script; override with TASKSTREAM_JAVA_OPTS.
opts="${TASKSTREAM_JAVA_OPTS:--Xms160m -Xmx256m -Xmn96m -XX:+UseSerialGC -Xss512k -XX:MaxMetaspaceSize=128m -XX:MaxDirectMemorySize=64m -XX:TieredStopAtLevel=1 -Djdk.lang.Process.launchMechanism=VFORK}"
# shellcheck disable=SC2086
exec /opt/java/bin/java $opts -jar /opt/taskstream/taskstream.jar "$@"
LAUNCH
chmod 755 "$context/app/bin/taskstream"
cp "$here/Dockerfile" "$context/"
DOCKER_BUILDKIT=0 docker build -q --build-arg BASE="$base" --build-arg VERSION="$version" \
  -t "$tag" -t taskstream:latest "$context" >/dev/null
echo "built $tag"
