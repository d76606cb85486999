#!/usr/bin/env bash
# Provisions what the test suite needs beyond npm packages. Each step is idempotent and cached
# under .cache/ (git-ignored), so a second run costs seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "provision: node $(node --version) ($(command -v node))"
