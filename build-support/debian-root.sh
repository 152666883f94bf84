#!/usr/bin/env bash
# A Debian testing root filesystem for what Debian 12 lacks (Emscripten 6 for the Pyodide wheels,
# CPython 3.14, GMP 6.3's source for both GMP builds), kept outside the clone and reused.
#   debian-root.sh ensure          create it if absent, then install debian-root-packages.txt
#   debian-root.sh run -- CMD...   run CMD inside it, in the current directory
#   debian-root.sh minbase SUITE DIR   a bare minbase root of another suite (the fresh-machine check)
# `run` sees /proc, /dev, the repository and /var/cache/py-cpp-fib at their host paths. Its
# mounts live in a mount namespace of their own, so concurrent runs do not see each other's
# mounts and every mount is gone when CMD ends, whatever happens; the trap unmounts early.
set -euo pipefail

cache=/var/cache/py-cpp-fib
root=$cache/debian-testing-root
repo=$(cd "$(dirname "$0")/.." && pwd)
packages=$(dirname "$0")/debian-root-packages.txt
log() { printf '[debian-root] %s\n' "$*" >&2; }

# Debian's archive as the host's apt knows it (never written into the repository).
archive_uri() {
  apt-get indextargets --format '$(REPO_URI)' "Identifier: Packages" "Origin: Debian" |
    grep -v -e security -e updates | sort -u | head -n 1
}

# A minbase root of Debian SUITE at DIR (binary and source packages of main), made in DIR.partial
# and moved into place when complete.
minbase() {
  local suite=$1 dir=$2 tmp=$2.partial
  rm -rf --one-file-system "$tmp"
  log "debootstrap Debian $suite into $tmp"
  debootstrap --variant=minbase --keyring=/usr/share/keyrings/debian-archive-keyring.gpg \
    "$suite" "$tmp" "$(archive_uri)"
  # The machine's clock may run past the Release file's Valid-Until.
  echo 'Acquire::Check-Valid-Until "false";' >"$tmp/etc/apt/apt.conf.d/99no-valid-until"
  printf 'deb %s %s main\ndeb-src %s %s main\n' "$(archive_uri)" "$suite" "$(archive_uri)" "$suite" \
    >"$tmp/etc/apt/sources.list"
  mv "$tmp" "$dir"
}

ensure() {
  mkdir -p "$cache"
  exec 8>"$cache/debian-testing-root.lock"
  flock 8
  [[ -d $root ]] || minbase testing "$root"
  mkdir -p "$root/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/" 2>/dev/null ||
    true  # the host may have none beyond Debian's
  mapfile -t wanted < <(grep -v -e '^#' -e '^$' "$packages")
  run_inside / sh -c 'dpkg-query -W "$@" >/dev/null 2>&1 ||
    { apt-get update -q &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"; }
    update-ca-certificates >/dev/null' sh "${wanted[@]}"
}

# Runs $2... in the root with cwd $1, in a private mount namespace.
run_inside() {
  local cwd=$1
  shift
  unshare --mount --propagation private bash -euo pipefail -c '
    root=$1 repo=$2 cache=$3 cwd=$4; shift 4
    trap "umount -R \"$root/dev\" \"$root/proc\" \"$root$repo\" \"$root$cache\" 2>/dev/null || true" EXIT
    for dir in "$cache" "$repo" /proc; do
      mkdir -p "$root$dir" && mount --bind "$dir" "$root$dir"
    done
    mount --rbind /dev "$root/dev"  # with /dev/pts and /dev/shm
    chroot "$root" /usr/bin/env -C "$cwd" HOME=/root \
      PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"
  ' bash "$root" "$repo" "$cache" "$cwd" "$@"
}

case ${1:-} in
  ensure) ensure ;;
  minbase)
    (($# == 3)) || { echo "usage: $0 minbase SUITE DIR" >&2; exit 2; }
    minbase "$2" "$3" ;;
  run)
    shift
    [[ ${1:-} == -- ]] && shift
    (($#)) || { echo "usage: $0 run -- CMD..." >&2; exit 2; }
    [[ -d $root ]] || { echo "no $root: run $0 ensure first" >&2; exit 1; }
    # Shared: runs go together, ensure (which changes the root's packages) waits for them.
    exec 8>"$cache/debian-testing-root.lock"
    flock --shared 8
    run_inside "$PWD" "$@" ;;
  *) echo "usage: $0 ensure | run -- CMD..." >&2; exit 2 ;;
esac
