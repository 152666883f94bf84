#!/usr/bin/env bash
# Builds a static GMP for wasm32 (Emscripten) from Debian's own gmp source package:
#   build/wasm/gmp-prefix/{include/gmp.h,lib/libgmp.a}
# with 64-bit limbs and our wasm umul_ppmm (patches in fib-pybind/emscripten/gmp/).
# The configured build tree (build/wasm/gmp-build) is kept for scripts/test-wasm-gmp.sh.
# Idempotent: does nothing while the stamp matches the source version, the emcc version, our
# patches and this script; otherwise rebuilds from a fresh unpack (on 2 cores: configure
# 1.5-3 min, make 1-4 min, depending on load). Needs root for the apt steps.
# Usage: scripts/build-wasm-gmp.sh [--force]
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
patch_dir=$repo/fib-pybind/emscripten/gmp
wasm_dir=$repo/build/wasm
download_dir=$wasm_dir/src
build_dir=$wasm_dir/gmp-build
prefix=$wasm_dir/gmp-prefix
stamp=$prefix/.build-stamp
jobs=2

# emscripten's JS tools need Debian's node modules (acorn); the nodesource node does not look there.
export NODE_PATH=/usr/share/nodejs

log() { printf '[build-wasm-gmp %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf 'build-wasm-gmp: error: %s\n' "$*" >&2; exit 1; }

require_tools() {
  local tool missing=()
  for tool in emconfigure emcc node apt-get dpkg-source patch make flock; do
    command -v "$tool" >/dev/null || missing+=("$tool")
  done
  # No m4: GMP's configure asks for it only when there is assembly code.
  ((${#missing[@]} == 0)) ||
    die "missing ${missing[*]}; install the apt packages emscripten and dpkg-dev (brings patch and make), and Node"
}

# Adds a deb-src entry for Debian's main suite, taken from the configured binary entry, so that
# `apt-get source` works; nothing is written when one exists already. The caller runs
# `apt-get update` when the source index is missing.
ensure_deb_src() {
  local codename repo_uri list=/etc/apt/sources.list.d/debian-main-src.sources
  codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
  if [[ -n $(apt-get indextargets --format '$(URI)' "Identifier: Sources" "Codename: $codename" \
               "Component: main") ]]; then
    return
  fi
  repo_uri=$(apt-get indextargets --format '$(REPO_URI)' "Identifier: Packages" \
               "Codename: $codename" "Component: main" | sort -u | head -n 1)
  [[ -n $repo_uri ]] || die "no Debian '$codename' main entry in the apt sources to derive deb-src from"
  log "adding deb-src for $codename main ($list)"
  {
    echo "# Debian sources for $codename main, added by scripts/build-wasm-gmp.sh (apt-get source gmp)"
    echo "Types: deb-src"
    echo "URIs: $repo_uri"
    echo "Suites: $codename"
    echo "Components: main"
    [[ -f /usr/share/keyrings/debian-archive-keyring.gpg ]] &&
      echo "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg"
  } >"$list"
}

# The .dsc apt would fetch for `apt-get source gmp` (names the version, e.g. 6.2.1+dfsg1-1.1);
# empty while apt has no source index.
gmp_dsc_name() {
  { apt-get source --print-uris gmp 2>/dev/null || true; } | awk '$2 ~ /\.dsc$/ { print $2 }'
}

# Everything the build depends on: a change to any of it rebuilds from scratch.
build_inputs_hash() {
  { echo "$1"; emcc -dumpversion; cat "$repo/scripts/build-wasm-gmp.sh" "$patch_dir"/*.patch "$patch_dir"/*.h; } |
    sha256sum | cut -d' ' -f1
}

# Runs a command with its output in a log file, printing a progress line every 30 s and the
# log's tail if it fails.
run_logged() {
  local label=$1 log_file=$2 pid start=$SECONDS
  shift 2
  log "$label (log: ${log_file#"$repo"/})"
  "$@" >"$log_file" 2>&1 &
  pid=$!
  while ! wait_briefly "$pid"; do
    log "  $label, $((SECONDS - start)) s: $(tail -n 1 "$log_file" | cut -c1-100)"
  done
  if ! wait "$pid"; then
    tail -n 40 "$log_file" >&2
    die "$label failed, see $log_file"
  fi
  log "$label done in $((SECONDS - start)) s"
}

# True once the process has ended; otherwise false after 30 s.
wait_briefly() {
  local i
  for ((i = 0; i < 30; i++)); do
    kill -0 "$1" 2>/dev/null || return 0
    sleep 1
  done
  return 1
}

main() {
  [[ ${1:-} == --force ]] && rm -f "$stamp"
  require_tools
  mkdir -p "$wasm_dir"
  # One build at a time: the test script and the wheel build may both ask for GMP.
  exec 9>"$wasm_dir/.gmp-build.lock"
  flock 9
  ensure_deb_src
  local dsc inputs src_dir log_dir=$wasm_dir/logs
  dsc=$(gmp_dsc_name)
  if [[ -z $dsc ]]; then
    log "no gmp source in the apt index yet: apt-get update"
    apt-get update
    dsc=$(gmp_dsc_name)
  fi
  [[ -n $dsc ]] || die "apt-get source cannot find gmp even after apt-get update"
  inputs=$(build_inputs_hash "$dsc")
  if [[ -f $stamp && $(<"$stamp") == "$inputs" && -f $prefix/lib/libgmp.a &&
        -f $build_dir/.libs/libgmp.a ]]; then
    log "up to date: ${prefix#"$repo"/}/lib/libgmp.a (from $dsc)"
    return
  fi

  mkdir -p "$download_dir" "$log_dir"
  log "fetching Debian's gmp source ($dsc)"
  (cd "$download_dir" && apt-get source --download-only gmp)

  src_dir=$download_dir/gmp
  rm -rf "$src_dir" "$build_dir" "$prefix"
  log "unpacking with Debian's patches, then ours"
  # apt checked the files against the signed Release file; dpkg-source only warns that it
  # cannot check the uploader's signature, so its chatter goes to the log.
  dpkg-source -x "$download_dir/$dsc" "$src_dir" >"$log_dir/unpack.log" 2>&1 ||
    die "dpkg-source -x failed, see $log_dir/unpack.log"
  local p
  for p in "$patch_dir"/*.patch; do
    log "  applying ${p##*/}"
    patch -d "$src_dir" -p1 --quiet --forward <"$p"
  done

  mkdir -p "$build_dir"
  cd "$build_dir"
  # Host "none" = generic C, no assembly. -fPIC: the library ends up in a Pyodide side module;
  # -fvisibility=hidden and the force-included pragma: that module keeps its GMP, functions
  # and data alike, private from other modules' GMPs.
  # configure cannot read the double format from wasm objects, so it is given (a wrong guess
  # breaks mpz_set_d/mpz_get_d).
  run_logged configure "$log_dir/configure.log" \
    emconfigure "$src_dir/configure" --host=none --disable-assembly --disable-shared \
      --enable-static --prefix="$prefix" \
      CFLAGS="-O3 -fPIC -fvisibility=hidden -include $patch_dir/hidden-visibility.h" \
      gmp_cv_c_double_format="IEEE little endian"
  run_logged "make -j$jobs" "$log_dir/make.log" make -j"$jobs"
  run_logged "make install" "$log_dir/install.log" make install

  grep -q '^#define GMP_LIMB_BITS  *64$' "$prefix/include/gmp.h" ||
    die "gmp.h does not have 64-bit limbs: $(grep 'define GMP_LIMB_BITS' "$prefix/include/gmp.h")"
  echo "$inputs" >"$stamp"
  log "built ${prefix#"$repo"/}/lib/libgmp.a and include/gmp.h (GMP_LIMB_BITS 64) from $dsc"
}

main "$@"
