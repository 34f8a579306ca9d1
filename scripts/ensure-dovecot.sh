#!/usr/bin/env bash
# The mailbox tests need a real IMAP server: Debian's dovecot-imapd (started by the tests themselves, with a
# throw-away configuration, on loopback). Install it when missing and we are root; otherwise those tests skip
# themselves, loudly.
set -u
if command -v dovecot >/dev/null 2>&1 || [ -x /usr/sbin/dovecot ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's dovecot-imapd for the mailbox tests..."
  # Only the package: the tests never use the system's own Dovecot service, so stop it if the install started it.
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd >/dev/null) \
    || echo "WARNING: could not install dovecot-imapd; mailbox tests will be SKIPPED."
  if command -v systemctl >/dev/null 2>&1; then systemctl stop dovecot >/dev/null 2>&1 || true; fi
else
  echo "WARNING: dovecot-imapd is not installed and we are not root; mailbox tests will be SKIPPED."
fi
exit 0
