#!/bin/sh
# Sets up everything Polyhelp needs on a Debian machine that has only python3 and git.
#   sh scripts/setup.sh          the Python environment in .venv (to build the site)
#   sh scripts/setup.sh --test   plus what the tests need: test packages and Chromium
# Safe to run again: it installs only what is missing.
set -eu
cd "$(dirname "$0")/.."

want_test=no
for argument in "$@"; do
  case "$argument" in
    --test) want_test=yes ;;
    -h|--help) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "setup.sh: unknown option '$argument' (try --help)" >&2; exit 2 ;;
  esac
done

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else echo "setup.sh: '$*' needs root; run it as root or install sudo" >&2; exit 1
  fi
}

apt_updated=no
apt_install() {
  if [ "$apt_updated" = no ]; then
    as_root apt-get update -qq
    apt_updated=yes
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# Debian's python3 lacks venv and ensurepip until python3-venv is installed.
if [ ! -x .venv/bin/python ]; then
  rm -rf .venv
  if ! python3 -m venv .venv >/dev/null 2>&1; then
    rm -rf .venv
    echo "setup.sh: installing python3-venv" >&2
    apt_install python3-venv
    python3 -m venv .venv
  fi
fi

extras=""
[ "$want_test" = yes ] && extras="[test]"
.venv/bin/python -m pip install --quiet --disable-pip-version-check --editable ".$extras"

if [ "$want_test" = yes ] && ! command -v chromium >/dev/null 2>&1; then
  # Playwright cannot download its own browser here: the tests drive Debian's Chromium.
  echo "setup.sh: installing chromium" >&2
  apt_install chromium
fi
