#!/usr/bin/env bash
# Makes Debian's chromium available at /usr/bin/chromium for the browser test (Linkage.Server.Tests,
# PageBrowserTests), installing the package when it is missing. Playwright's own browser download is not
# used. Source it (scripts/test.sh does) or run it. Without chromium the browser test skips, or fails
# under CI=true.

linkage_chromium_main() {
  if [[ -x /usr/bin/chromium ]]; then
    return 0
  fi

  echo "chromium.sh: installing Debian's chromium package" >&2
  local sudo=()
  [[ "$(id -u)" != 0 ]] && command -v sudo >/dev/null 2>&1 && sudo=(sudo)
  if ! { "${sudo[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq chromium >/dev/null; } >&2; then
    echo "chromium.sh: could not install chromium" >&2
    return 1
  fi

  [[ -x /usr/bin/chromium ]] || { echo "chromium.sh: chromium installed but /usr/bin/chromium is missing" >&2; return 1; }
  echo "chromium.sh: $(/usr/bin/chromium --version 2>/dev/null) ready" >&2
}

linkage_chromium_main
