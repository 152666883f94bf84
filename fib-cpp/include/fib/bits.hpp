// Bit helpers shared by the doubling loops.
#pragma once

#include <cstdint>

namespace fib::detail {

// The number of bits of k (0 for k = 0): the doubling loops walk the bits below the top one.
inline int bit_length(std::uint64_t k) {
  int bits = 0;
  while (k != 0) {
    ++bits;
    k >>= 1;
  }
  return bits;
}

}  // namespace fib::detail
