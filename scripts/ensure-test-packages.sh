#!/usr/bin/env bash
# The tests' real servers and tools from Debian: chromium (browser tests with axe), dovecot-imapd (the complaints
# mailbox over real IMAP) and poppler-utils (pdftotext reads the letters and reports back). Installs whichever are
# missing, in one apt-get call, when we are root; otherwise the tests that need them skip themselves, loudly.
# Quick when all are there (three file tests); no recommended extras; apt's list refreshed only if the install
# cannot find a package without it. apt's own output goes to a log, shown on failure.
set -u
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-liberation)
[ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "WARNING: ${missing[*]} not installed and we are not root; the tests that need them will be SKIPPED."
  exit 0
fi
log=$(mktemp /tmp/hys-test-packages.XXXXXX.log)
install() { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >>"$log" 2>&1; }
echo "Installing ${missing[*]} for the tests (log: $log)..."
start=$SECONDS
if install || { apt-get update -qq >>"$log" 2>&1 && install; }; then
  echo "Installed in $((SECONDS - start)) s."
  rm -f "$log"
else
  echo "WARNING: could not install ${missing[*]}; the tests that need them will be SKIPPED. The end of $log:"
  tail -5 "$log"
fi
# The tests start their own Dovecot with a throw-away configuration; the system's service is not used.
if command -v systemctl >/dev/null 2>&1; then systemctl stop dovecot >/dev/null 2>&1 || true; fi
exit 0
