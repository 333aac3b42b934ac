#!/usr/bin/env bash
# Writes the registry address into the build's local environment file.
set -euo pipefail
printf 'REGISTRY_URL=%s\n' "$1" > .env.build.local
echo "registry set to $1"
