#!/usr/bin/env bash
# Browser tests need Debian's chromium. Install it when missing and we are root; otherwise the browser
# tests skip themselves, loudly. Quick when it is there (one file test); when it is not, one line of
# output, no recommended extras (fonts-liberation is the one the pages need), and apt's list refreshed
# only if the install cannot find the package without it. apt's own output goes to a log, shown on failure.
set -u
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "WARNING: chromium is not installed and we are not root; browser tests will be SKIPPED."
  exit 0
fi
log=$(mktemp /tmp/hys-chromium-install.XXXXXX.log)
install() { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-liberation >>"$log" 2>&1; }
echo "Installing Debian's chromium for the browser tests (log: $log)..."
start=$SECONDS
if install || { apt-get update -qq >>"$log" 2>&1 && install; }; then
  echo "Installed chromium in $((SECONDS - start)) s."
  rm -f "$log"
else
  echo "WARNING: could not install chromium; browser tests will be SKIPPED. The end of $log:"
  tail -5 "$log"
fi
exit 0
