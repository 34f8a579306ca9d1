#!/usr/bin/env bash
# The letter and report PDF tests read PDFs back with pdftotext (Debian's poppler-utils). Install it when
# missing and we are root; otherwise those tests skip themselves, loudly.
set -u
if command -v pdftotext >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's poppler-utils (pdftotext) for the PDF tests..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null) \
    || echo "WARNING: could not install poppler-utils; PDF read-back tests will be SKIPPED."
else
  echo "WARNING: pdftotext is not installed and we are not root; PDF read-back tests will be SKIPPED."
fi
exit 0
