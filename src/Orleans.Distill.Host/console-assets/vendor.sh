#!/usr/bin/env bash
# Installs the pinned packages of package-lock.json and copies their prebuilt browser files into the host's static
# files. Run it after changing a version here; the copies are committed, so building the host needs no npm.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --ignore-scripts --no-audit --no-fund
out=../wwwroot/console/vendor
mkdir -p "$out"
cp node_modules/cytoscape/dist/cytoscape.min.js "$out/"
cp node_modules/layout-base/layout-base.js "$out/"
cp node_modules/cose-base/cose-base.js "$out/"
cp node_modules/cytoscape-fcose/cytoscape-fcose.js "$out/"
for p in cytoscape layout-base cose-base cytoscape-fcose; do
  cp "node_modules/$p/LICENSE" "$out/$p.LICENSE"
done
