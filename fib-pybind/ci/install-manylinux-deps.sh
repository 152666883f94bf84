#!/usr/bin/env bash
# Inside cibuildwheel's manylinux container (GitHub Actions only): GMP from the distribution,
# Boost 1.81 headers from Boost's release archive, since the image's Boost is too old.
set -euo pipefail
yum install -y gmp-devel
boost=boost_1_81_0
curl -fsSL "https://archives.boost.io/release/1.81.0/source/$boost.tar.bz2" | tar -xj -C /tmp
mkdir -p /usr/local/include
mv "/tmp/$boost/boost" /usr/local/include/boost
