#!/usr/bin/env bash
# Makes the image's base without pulling from any container registry: a minimal Debian root file system
# (debootstrap, from Debian's package mirror) imported into Docker as taskstream-base:<suite>.
# Usage: deploy/image/build-base.sh [SUITE]   (default bookworm; env DEBIAN_MIRROR overrides the mirror)
set -euo pipefail
suite="${1:-bookworm}"
tag="taskstream-base:$suite"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
if docker image inspect "$tag" >/dev/null 2>&1; then
  echo "$tag exists"
  exit 0
fi
command -v debootstrap >/dev/null || { echo "build-base.sh needs debootstrap (apt-get install debootstrap)" >&2; exit 2; }
root="$(mktemp -d /tmp/taskstream-base.XXXXXX)"
trap 'rm -rf "$root"' EXIT
debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$root.log" 2>&1 \
  || { echo "debootstrap failed; $root.log ends:" >&2; tail -20 "$root.log" >&2; exit 1; }
rm -f "$root.log"
# What a service never reads: package caches, documentation, manual pages, translations.
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/* \
  "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/locale/*
tar --numeric-owner -C "$root" -c . | docker import --change 'CMD ["/bin/bash"]' - "$tag" >/dev/null
echo "built $tag"
