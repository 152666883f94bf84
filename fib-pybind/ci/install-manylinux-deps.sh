#!/usr/bin/env bash
# Inside cibuildwheel's manylinux container (GitHub Actions only): the GMP the local zig build
# links (fib-pybind/manylinux/build_gmp.py: GMP 6.3, static, position-independent, on x86_64 fat —
# the kernels of every x86-64 CPU family, picked at run time; aarch64 has no fat build) from GMP's
# release archive, and Boost 1.81's headers, since the image's Boost is too old. pyproject.toml points CMake at them.
set -euo pipefail
yum install -y xz
gmp=gmp-6.3.0
curl -fsSL -o "/tmp/$gmp.tar.xz" "https://ftp.gnu.org/gnu/gmp/$gmp.tar.xz"
echo "a3c2b80201b89e68616f4ad30bc66aee4927c3ce50e33929ca819d5c43538898  /tmp/$gmp.tar.xz" | sha256sum -c -
tar -xJf "/tmp/$gmp.tar.xz" -C /tmp
cpu=$(uname -m)
fat=$([[ $cpu == x86_64 ]] && echo --enable-fat || true)
(cd "/tmp/$gmp" &&
  ./configure --build="$cpu-pc-linux-gnu" --host="$cpu-pc-linux-gnu" $fat \
    --enable-static --disable-shared --with-pic --prefix=/usr/local &&
  make -j"$(nproc)" && make install)
boost=boost_1_81_0
curl -fsSL "https://archives.boost.io/release/1.81.0/source/$boost.tar.bz2" | tar -xj -C /tmp
mkdir -p /usr/local/include
mv "/tmp/$boost/boost" /usr/local/include/boost
