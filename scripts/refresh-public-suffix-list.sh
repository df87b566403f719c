#!/usr/bin/env bash
# Refreshes data/public_suffix_list.dat from Debian's `publicsuffix` package (the only route to the list
# that this project's machines have). Review the diff, run the tests, commit.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ ! -f /usr/share/publicsuffix/public_suffix_list.dat ]]; then
  apt-get update -qq && apt-get install -y -qq publicsuffix
fi
cp /usr/share/publicsuffix/public_suffix_list.dat "$root/data/public_suffix_list.dat"
version="$(dpkg-query -W -f='${Version}' publicsuffix)"
sed -i "s/^- Public Suffix List: .*/- Public Suffix List: Debian package \`publicsuffix\` $version/" "$root/data/README.md"
echo "data/public_suffix_list.dat refreshed from publicsuffix $version ($(grep -cv '^\(//.*\)\?$' "$root/data/public_suffix_list.dat") rules)"
