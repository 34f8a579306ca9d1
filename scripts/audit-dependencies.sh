#!/usr/bin/env bash
# Known vulnerabilities in every locked dependency: pip-audit over requirements.lock, against PyPI's advisory
# data, when that data can be reached. One quick probe first (3 s at most) of the address pip-audit reads,
# PyPI's JSON for one release (/pypi/<name>/<version>/json): where it cannot be reached, the audit is
# skipped with one loud line rather than slowing the run. (Some networks let through PyPI's index and its
# per-project JSON but not the per-release JSON: pip-audit would then "find no known vulnerabilities" in
# packages it could not look up, so --strict makes any package it cannot audit a failure.)
set -u
cd "$(dirname "$0")/.."
release=$(sed -n 's/^flask==\([^ ]*\).*/flask\/\1/p' requirements.lock)
reason=$(.venv/bin/python - "$release" <<'PY'
import sys
import urllib.error
import urllib.request

try:
    with urllib.request.urlopen(f"https://pypi.org/pypi/{sys.argv[1]}/json", timeout=3) as answer:
        print("" if answer.status == 200 else f"it answered {answer.status}")
except urllib.error.HTTPError as error:
    print(f"it answered {error.code}")
except Exception as error:  # no route, refused, timed out, bad certificate: all mean "not reachable"
    print(type(error).__name__)
PY
)
if [ -n "$reason" ]; then
  echo "*** DEPENDENCY AUDIT SKIPPED: PyPI's vulnerability data (pypi.org/pypi/$release/json) is not reachable: $reason. ***"
  exit 0
fi
exec .venv/bin/pip-audit --progress-spinner off --strict --disable-pip --require-hashes -r requirements.lock --timeout 15
