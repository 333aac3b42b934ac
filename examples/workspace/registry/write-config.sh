#!/usr/bin/env bash
set -euo pipefail
printf 'http:\n  addr: 127.0.0.1:5000\n' > config.yml
