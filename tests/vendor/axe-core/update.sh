#!/bin/sh
# Re-vendor axe-core for the browser tests' accessibility checks (tests/browser_support.py).
#
#   tests/vendor/axe-core/update.sh            # newest 4.x from the npm registry
#   tests/vendor/axe-core/update.sh 4.14.1     # an exact version
#
# Fetches the package with `npm pack` (npm checks the tarball against the registry's integrity hash),
# keeps only the built file and its licences, and records the version and the tarball's SHA-512 in
# VERSION. Nothing else of the package is kept; nothing is fetched at test time.
set -eu
spec="axe-core@${1:-4}"
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
tarball=$(npm pack --silent "$spec" | tail -n 1)
tar xzf "$tarball"
version=$(node -p 'require("./package/package.json").version')
integrity=$(npm view --silent "axe-core@$version" dist.integrity)
cp package/axe.min.js package/LICENSE package/LICENSE-3RD-PARTY.txt "$here/"
cat > "$here/VERSION" <<INFO
axe-core $version
source: npm registry, $tarball (npm pack $spec)
integrity: $integrity
files: axe.min.js, LICENSE (MPL-2.0), LICENSE-3RD-PARTY.txt
INFO
echo "vendored axe-core $version into $here"
