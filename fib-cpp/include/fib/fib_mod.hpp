// F(n) mod m for any 64-bit n and m, by fast doubling on machine words: O(log n) multiplies,
// no big integers and no Pisano period.
#pragma once

#include <cstdint>
#include <stdexcept>

#include <boost/multiprecision/cpp_int.hpp>

#include "fib/bits.hpp"

namespace fib::detail {

// The products of two residues need 128 bits; use the compiler's type where it has one.
#if defined(__SIZEOF_INT128__)
__extension__ typedef unsigned __int128 wide_unsigned;  // __extension__: -Wpedantic
#else
using wide_unsigned = boost::multiprecision::uint128_t;
#endif

inline std::uint64_t mul_mod(std::uint64_t a, std::uint64_t b, std::uint64_t m) {
  return static_cast<std::uint64_t>(wide_unsigned(a) * b % m);
}

inline std::uint64_t add_mod(std::uint64_t a, std::uint64_t b, std::uint64_t m) {
  // a, b < m: compare against the headroom instead of adding, which could wrap around 2^64.
  return a >= m - b ? a - (m - b) : a + b;
}

inline std::uint64_t sub_mod(std::uint64_t a, std::uint64_t b, std::uint64_t m) {
  return a >= b ? a - b : a + (m - b);
}

}  // namespace fib::detail

namespace fib {

// Throws std::invalid_argument for m == 0. m == 1 gives 0.
inline std::uint64_t fib_mod(std::uint64_t n, std::uint64_t m) {
  if (m == 0) {
    throw std::invalid_argument("fib_mod: m must be >= 1");
  }
  // (a, b) = (F(j), F(j+1)) mod m, starting at j = 0, walking down the bits of n:
  //   F(2j) = F(j) (2 F(j+1) - F(j)),  F(2j+1) = F(j)^2 + F(j+1)^2
  std::uint64_t a = 0;
  std::uint64_t b = 1 % m;
  for (int bit = detail::bit_length(n) - 1; bit >= 0; --bit) {
    const std::uint64_t twice_b = detail::add_mod(b, b, m);
    const std::uint64_t even = detail::mul_mod(a, detail::sub_mod(twice_b, a, m), m);
    const std::uint64_t odd = detail::add_mod(detail::mul_mod(a, a, m), detail::mul_mod(b, b, m), m);
    if (((n >> bit) & 1U) != 0) {
      a = odd;
      b = detail::add_mod(even, odd, m);
    } else {
      a = even;
      b = odd;
    }
  }
  return a;
}

}  // namespace fib
