#!/usr/bin/env bash
# Refreshes data/free-email-domains.txt from the npm package `free-email-domains` (MIT): one lower-case
# domain a line, sorted. Review the diff, run the tests, commit.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent free-email-domains >/dev/null && tar xzf free-email-domains-*.tgz)
version="$(node -p "require('$work/package/package.json').version")"
node -e "
const d = require('$work/package/domains.json');
const out = [...new Set(d.map(x => x.trim().toLowerCase()).filter(Boolean))].sort();
require('fs').writeFileSync('$root/data/free-email-domains.txt', out.join('\n') + '\n');
"
cp "$work/package/LICENSE.md" "$root/data/free-email-domains.LICENSE.md"
sed -i "s/^- Free email domains: .*/- Free email domains: npm package \`free-email-domains\` $version/" "$root/data/README.md"
echo "data/free-email-domains.txt refreshed from free-email-domains $version ($(wc -l < "$root/data/free-email-domains.txt") domains)"
