#!/usr/bin/env bash
# A Debian testing root filesystem for what Debian 12 lacks (Emscripten 6 for the Pyodide wheels,
# CPython 3.14, GMP 6.3's source for both GMP builds), kept outside the clone and reused.
#   debian-root.sh ensure          create it if absent, then install debian-root-packages.txt
#   debian-root.sh run -- CMD...   run CMD inside it, in the current directory
#   debian-root.sh minbase SUITE DIR [ARCH]   a bare minbase root of another suite (the
#                                  fresh-machine check) or of another CPU
# With --suite SUITE --arch ARCH first, ensure and run mean the root debian-SUITE-ARCH-root with
# the packages of debian-root-packages-SUITE-ARCH.txt: the arm64 roots in which the aarch64 wheels
# are tested. A foreign CPU's programs run under Debian's qemu-user-static, registered in the
# binfmt_misc of a user namespace of their own, so the host's registrations stay as they are.
# `run` sees /proc, /dev, the repository and /var/cache/py-cpp-fib at their host paths. Its
# mounts live in a mount namespace of their own, so concurrent runs do not see each other's
# mounts and every mount is gone when CMD ends, whatever happens; the trap unmounts early.
set -euo pipefail

cache=/var/cache/py-cpp-fib
host_arch=$(dpkg --print-architecture)
suite=testing arch=$host_arch
while [[ ${1:-} == --suite || ${1:-} == --arch ]]; do
  (($# >= 2)) || { echo "$0: $1 needs a value" >&2; exit 2; }
  if [[ $1 == --suite ]]; then suite=$2; else arch=$2; fi
  shift 2
done
repo=$(cd "$(dirname "$0")/.." && pwd)
if [[ $suite == testing && $arch == "$host_arch" ]]; then
  root=$cache/debian-testing-root
  packages=$(dirname "$0")/debian-root-packages.txt
else
  root=$cache/debian-$suite-$arch-root
  packages=$(dirname "$0")/debian-root-packages-$suite-$arch.txt
  [[ -f $packages ]] || { echo "$0: no $packages: which packages the $suite $arch root needs" >&2; exit 2; }
fi
log() { printf '[debian-root] %s\n' "$*" >&2; }

# qemu-user-static's binfmt_misc registration of ARCH's programs ('' for the host's own CPU).
qemu_registration() {
  [[ $1 == "$host_arch" ]] && return
  local registration
  registration=/usr/lib/binfmt.d/qemu-$(dpkg-architecture -a "$1" -q DEB_HOST_GNU_CPU 2>/dev/null).conf
  [[ -f $registration ]] || { echo "$0: no $registration: install qemu-user-static" >&2; exit 1; }
  echo "$registration"
}

# Debian's archive as the host's apt knows it (never written into the repository).
archive_uri() {
  apt-get indextargets --format '$(REPO_URI)' "Identifier: Packages" "Origin: Debian" |
    grep -v -e security -e updates | sort -u | head -n 1
}

# A minbase root of Debian SUITE for CPU ARCH (default this machine's) at DIR (binary and source
# packages of main), made in DIR.partial and moved into place when complete.
minbase() {
  local suite=$1 dir=$2 arch=${3:-$host_arch} tmp=$2.partial foreign=()
  # Another CPU's packages are unpacked here, then configured by their own programs (under qemu).
  [[ $arch == "$host_arch" ]] || foreign=(--arch="$arch" --foreign)
  rm -rf --one-file-system "$tmp"
  log "debootstrap Debian $suite ($arch) into $tmp"
  debootstrap --variant=minbase "${foreign[@]}" --keyring=/usr/share/keyrings/debian-archive-keyring.gpg \
    "$suite" "$tmp" "$(archive_uri)"
  if ((${#foreign[@]})); then
    # container=lxc: the second stage makes no device nodes, which a user namespace may not.
    run_inside "$tmp" "$arch" / env container=lxc /debootstrap/debootstrap --second-stage
  fi
  # The machine's clock may run past the Release file's Valid-Until.
  echo 'Acquire::Check-Valid-Until "false";' >"$tmp/etc/apt/apt.conf.d/99no-valid-until"
  printf 'deb %s %s main\ndeb-src %s %s main\n' "$(archive_uri)" "$suite" "$(archive_uri)" "$suite" \
    >"$tmp/etc/apt/sources.list"
  mv "$tmp" "$dir"
}

ensure() {
  mkdir -p "$cache"
  exec 8>"$root.lock"
  flock 8
  [[ -d $root ]] || minbase "$suite" "$root" "$arch"
  mkdir -p "$root/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/" 2>/dev/null ||
    true  # the host may have none beyond Debian's
  mapfile -t wanted < <(grep -v -e '^#' -e '^$' "$packages")
  # Installed means dpkg's status "ii": dpkg-query -W also answers for a package it merely
  # knows of (removed, or only ever a candidate), with an empty version.
  run_inside "$root" "$arch" / sh -c 'statuses=$(dpkg-query -W -f "\${db:Status-Abbrev}\n" "$@" 2>/dev/null) &&
      ! printf "%s\n" "$statuses" | grep -qv "^ii" ||
    { apt-get update -q &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"; }
    # A root whose list has ca-certificates (pip runs there) trusts the host'"'"'s CA certificates.
    [ ! -x /usr/sbin/update-ca-certificates ] || update-ca-certificates >/dev/null' sh "${wanted[@]}"
}

# Runs $4... in the root $1 of CPU $2 with cwd $3, in a private mount namespace (for another
# CPU, in private user and PID namespaces too, with qemu registered in the user namespace's own
# binfmt_misc and a /proc of its own).
run_inside() {
  local dir=$1 qemu
  qemu=$(qemu_registration "$2")
  shift 2
  in_namespaces "$qemu" bash -euo pipefail -c '
    root=$1 repo=$2 cache=$3 qemu=$4 cwd=$5; shift 5
    trap "umount -R \"$root/dev\" \"$root/proc\" \"$root$repo\" \"$root$cache\" 2>/dev/null || true" EXIT
    for dir in "$cache" "$repo"; do
      mkdir -p "$root$dir" && mount --bind "$dir" "$root$dir"
    done
    if [[ -n $qemu ]]; then
      mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
      cat "$qemu" >/proc/sys/fs/binfmt_misc/register  # its F flag: qemu works inside the chroot
      mount -t proc proc "$root/proc"
    else
      mount --bind /proc "$root/proc"
    fi
    mount --rbind /dev "$root/dev"  # with /dev/pts and /dev/shm
    chroot "$root" /usr/bin/env -C "$cwd" HOME=/root \
      PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"
  ' bash "$dir" "$repo" "$cache" "$qemu" "$@"
}

# Runs $2... in a private mount namespace; with a qemu registration $1, in private user and PID
# namespaces as well. binfmt_misc is per user namespace (Linux 6.7 on). The user namespace maps
# every id to itself, so dpkg can hand files to any user; this root process writes the map from
# outside (unshare's --map-users needs newuidmap), and the command waits for it.
in_namespaces() {
  local qemu=$1
  shift
  if [[ -z $qemu ]]; then
    unshare --mount --propagation private "$@"
    return
  fi
  unshare --user --mount --propagation private --pid --fork --kill-child \
    bash -c 'until [[ -n $(</proc/self/uid_map) ]]; do sleep 0.02; done; exec "$@"' bash "$@" &
  local child=$!
  while [[ $(readlink "/proc/$child/ns/user") == "$(readlink /proc/self/ns/user)" ]]; do sleep 0.02; done
  echo '0 0 4294967295' >"/proc/$child/uid_map"
  echo '0 0 4294967295' >"/proc/$child/gid_map"
  wait "$child"
}

case ${1:-} in
  ensure) ensure ;;
  minbase)
    (($# == 3 || $# == 4)) || { echo "usage: $0 minbase SUITE DIR [ARCH]" >&2; exit 2; }
    minbase "$2" "$3" "${4:-}" ;;
  run)
    shift
    [[ ${1:-} == -- ]] && shift
    (($#)) || { echo "usage: $0 run -- CMD..." >&2; exit 2; }
    [[ -d $root ]] || { echo "no $root: run $0 --suite $suite --arch $arch ensure first" >&2; exit 1; }
    # Shared: runs go together, ensure (which changes the root's packages) waits for them.
    exec 8>"$root.lock"
    flock --shared 8
    run_inside "$root" "$arch" "$PWD" "$@" ;;
  *) echo "usage: $0 [--suite SUITE --arch ARCH] ensure | run -- CMD... | minbase SUITE DIR [ARCH]" >&2; exit 2 ;;
esac
