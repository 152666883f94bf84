// F(n) as text. With the GMP backend Boost formats through mpz_get_str, which is
// subquadratic; cpp_int's formatting is quadratic, so prefer the GMP flavour for huge n.
#pragma once

#include <cstdint>
#include <ios>
#include <stdexcept>
#include <string>

#include "fib/fast_doubling.hpp"

namespace fib {

// The one check of a text base: 10 or 16, else std::invalid_argument naming the function.
inline void require_base(int base, const char* function) {
  if (base != 10 && base != 16) {
    throw std::invalid_argument(std::string(function) + ": base must be 10 or 16");
  }
}

// Decimal or lowercase hexadecimal, no prefix, a leading '-' for negative values.
// Throws std::invalid_argument for any other base.
template <class Int>
std::string to_string(const Int& value, int base = 10) {
  require_base(base, "to_string");
  const std::ios_base::fmtflags flags = base == 16 ? std::ios_base::hex : std::ios_base::dec;
  // Boost refuses hex for negative values, so format the magnitude and add the sign ourselves.
  if (value < 0) {
    const Int magnitude = -value;
    return "-" + magnitude.str(0, flags);
  }
  return value.str(0, flags);
}

template <class Int>
std::string fib_str(std::int64_t n, int base = 10) {
  require_within_max(n, "fib_str");  // n before base, as the Python API checks them
  require_base(base, "fib_str");
  return to_string(fib<Int>(n), base);
}

}  // namespace fib
