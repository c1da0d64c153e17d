#!/usr/bin/env bash
# Install the Debian packages pith needs to build, test and benchmark --
# only those that are missing.  Debian 12 (bookworm) or 13 (trixie); run as
# root.
#
#   scripts/install-deps.sh              build + test deps
#   scripts/install-deps.sh --sanitize   + clang and its sanitizer runtime
#   scripts/install-deps.sh --valgrind   + valgrind
#   scripts/install-deps.sh --all        all of the above
#   scripts/install-deps.sh --check      only report what is missing (exit 1 if any)
#
# Idempotent: when everything is installed it changes nothing and does not
# touch the network.  Exit status: 0 all present/installed, 1 something is
# missing and could not be installed (or not root), 2 bad usage.
set -euo pipefail

prog=${0##*/}

# Required for `make`, `make test` and `make bench`.
BASE_PKGS=(
  build-essential   # gcc, make, libc headers
  cmake
  pkg-config
  libxml2-dev
  zlib1g-dev
  libzstd-dev
  zstd              # tests: make .warc.zst inputs, read .zst outputs
  libbrotli-dev     # Content-Encoding: br
  python3           # test drivers, bench/run.py, ../shared/bench/score.py
  python3-venv      # tests/python: datatrove from PyPI in a venv under build/
  python3-dev       # Python.h: the pith package's C extension (python/pith/_pith.c)
  libmagic1         # tests/python: datatrove's WarcReader (python-magic)
  time              # /usr/bin/time -v: peak RSS in `make bench`
)
# --sanitize: clang for the ASan/UBSan and fuzz builds (gcc's own ASan
# runtime comes with build-essential).
# The sanitizer runtime is versioned with clang (libclang-rt-14-dev on
# Debian 12, libclang-rt-19-dev on 13): take the version from the clang that
# is installed, else from the one the "clang" package would install.
clang_major() {
  local v=""
  if command -v clang >/dev/null 2>&1; then
    v=$(clang --version 2>/dev/null | sed -n 's/.*clang version \([0-9][0-9]*\)\..*/\1/p' | head -n1)
  fi
  if [ -z "$v" ] && command -v apt-cache >/dev/null 2>&1; then
    v=$(apt-cache depends clang 2>/dev/null | sed -n 's/.*Depends: clang-\([0-9][0-9]*\)$/\1/p' | head -n1)
  fi
  if [ -z "$v" ] && [ -r /etc/os-release ]; then
    case "$(sed -n 's/^VERSION_ID=//p' /etc/os-release | tr -d '"')" in
      13) v=19 ;;
      *) v=14 ;;
    esac
  fi
  printf '%s\n' "$v"
}
SANITIZE_PKGS=(clang)
VALGRIND_PKGS=(valgrind)

usage() {
  sed -n '2,13s/^# \{0,1\}//p' "$0"
}

want_sanitize=0 want_valgrind=0 check_only=0
for arg in "$@"; do
  case $arg in
    --sanitize|--sanitizers) want_sanitize=1 ;;
    --valgrind) want_valgrind=1 ;;
    --all) want_sanitize=1; want_valgrind=1 ;;
    --check|--dry-run) check_only=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "$prog: unknown option '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

say() { printf '%s: %s\n' "$prog" "$*"; }
die() { printf '%s: error: %s\n' "$prog" "$*" >&2; exit 1; }

pkgs=("${BASE_PKGS[@]}")
if [ "$want_sanitize" = 1 ]; then
  pkgs+=("${SANITIZE_PKGS[@]}" "${PITH_CLANG_RT_PKG:-libclang-rt-$(clang_major)-dev}")
fi
[ "$want_valgrind" = 1 ] && pkgs+=("${VALGRIND_PKGS[@]}")

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  die "dpkg-query/apt-get not found: this script supports Debian 12 and 13 (and derivatives).
  Install the equivalents of: ${pkgs[*]}"
fi
if [ -r /etc/os-release ]; then
  # shellcheck disable=SC1091
  . /etc/os-release
  case "${ID:-}:${VERSION_ID:-}" in
    debian:12|debian:13) ;;
    *) say "note: written for Debian 12 and 13; this is ${PRETTY_NAME:-unknown} -- trying anyway" ;;
  esac
fi

is_installed() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}

missing_pkgs() {
  local p
  for p in "${pkgs[@]}"; do
    is_installed "$p" || printf '%s\n' "$p"
  done
}

mapfile -t missing < <(missing_pkgs)

if [ "${#missing[@]}" -eq 0 ]; then
  say "all ${#pkgs[@]} packages already installed: ${pkgs[*]}"
  exit 0
fi

say "missing: ${missing[*]}"
if [ "$check_only" = 1 ]; then
  exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "$prog: not root; run this as root (e.g. with sudo), or yourself:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt_opts=(-y -q --no-install-recommends -o Dpkg::Use-Pty=0 -o DPkg::Lock::Timeout=300)

say "apt-get update"
if ! apt-get -q -o DPkg::Lock::Timeout=300 update </dev/null; then
  say "warning: apt-get update failed; trying the install with the package lists we have"
fi
say "apt-get install ${missing[*]}"
if ! apt-get install "${apt_opts[@]}" "${missing[@]}" </dev/null; then
  die "apt-get install failed for: ${missing[*]}"
fi

mapfile -t still < <(missing_pkgs)
if [ "${#still[@]}" -ne 0 ]; then
  die "still missing after apt-get install: ${still[*]}"
fi
say "installed: ${missing[*]}"
