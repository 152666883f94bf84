// Input limits shared by every function of the library, and the checks that enforce them.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace fib {

// F(10^9) has about 694 million bits (87 MB): large enough for any real use, small enough that
// the result and the two temporaries of a doubling step fit comfortably in memory, and far below
// the 2^31-bit point where Boost's export_bits (which counts bits in an int) would overflow.
inline constexpr std::int64_t max_n = 1'000'000'000;

// The naive loop is quadratic in n: F(10^6) takes seconds natively and minutes in pure Python,
// so anything larger is rejected rather than left to look like a hang.
inline constexpr std::int64_t max_iterative_n = 1'000'000;

// Throws std::out_of_range unless |n| <= max_n; public so that a binding which checks its
// arguments one by one (n before base) reports exactly what the library would.
// Written without negating n, so n = INT64_MIN is rejected instead of overflowing.
// Messages leave out the value: a binding may clamp a larger integer to 64 bits first.
inline void require_within_max(std::int64_t n, const char* function) {
  if (n < -max_n || n > max_n) {
    throw std::out_of_range(std::string(function) + ": |n| must be at most " +
                            std::to_string(max_n));
  }
}

namespace detail {

inline void require_iterative_n(std::int64_t n) {
  if (n < 0) {
    throw std::invalid_argument("fib_iterative: n must be >= 0");
  }
  if (n > max_iterative_n) {
    throw std::out_of_range("fib_iterative: n must be at most " +
                            std::to_string(max_iterative_n));
  }
}

}  // namespace detail
}  // namespace fib
