// F(n) and L(n) by fast doubling with GMP's identities: two squarings per bit of n, and the last
// bit done with a single multiply. That is about half the work of the textbook formulas
// (one multiply and two squarings per bit).
#pragma once

#include <cstdint>
#include <utility>

#include "fib/bits.hpp"
#include "fib/limits.hpp"

namespace fib::detail {

// Returns {F(k), F(k-1)} for k >= 1.
//
// Each step takes (F(j), F(j-1)) to the pair for 2j or 2j+1 using
//   F(2j+1) = 4 F(j)^2 - F(j-1)^2 + 2(-1)^j
//   F(2j-1) = F(j)^2 + F(j-1)^2
//   F(2j)   = F(2j+1) - F(2j-1)
template <class Int>
std::pair<Int, Int> fib_pair(std::uint64_t k) {
  Int current = 1;   // F(j), starting at j = 1
  Int previous = 0;  // F(j-1)
  Int square_current;
  Int square_previous;
  bool j_is_odd = true;
  for (int bit = bit_length(k) - 2; bit >= 0; --bit) {
    square_current = current * current;
    square_previous = previous * previous;
    current = square_current;
    current <<= 2;
    current -= square_previous;
    if (j_is_odd) {
      current -= 2;
    } else {
      current += 2;
    }
    // current = F(2j+1); previous becomes F(2j-1).
    previous = square_current;
    previous += square_previous;
    j_is_odd = ((k >> bit) & 1U) != 0;
    if (j_is_odd) {
      previous = current - previous;  // (F(2j+1), F(2j))
    } else {
      current -= previous;  // (F(2j), F(2j-1))
    }
  }
  return {std::move(current), std::move(previous)};
}

// F(k) for k >= 0: doubling up to j = k/2, then one multiply for the last bit:
//   F(2j)   = F(j) (F(j) + 2 F(j-1))
//   F(2j+1) = (2 F(j) + F(j-1)) (2 F(j) - F(j-1)) + 2(-1)^j
template <class Int>
Int fib_nonnegative(std::uint64_t k) {
  if (k < 2) {
    return Int(k);
  }
  const std::uint64_t half = k >> 1;
  auto [current, previous] = fib_pair<Int>(half);
  Int result;
  if ((k & 1U) == 0) {
    Int factor = previous;
    factor <<= 1;
    factor += current;
    result = current * factor;
  } else {
    current <<= 1;
    Int sum = current + previous;
    current -= previous;
    result = sum * current;
    if ((half & 1U) != 0) {
      result -= 2;
    } else {
      result += 2;
    }
  }
  return result;
}

inline std::uint64_t magnitude(std::int64_t n) {
  // Callers have checked |n| <= max_n, so the negation cannot overflow.
  return n < 0 ? static_cast<std::uint64_t>(-n) : static_cast<std::uint64_t>(n);
}

}  // namespace fib::detail

namespace fib {

// F(n) for |n| <= max_n; F(-n) = (-1)^(n+1) F(n).
// Throws std::out_of_range past max_n; std::bad_alloc passes through.
template <class Int>
Int fib(std::int64_t n) {
  require_within_max(n, "fib");
  const std::uint64_t k = detail::magnitude(n);
  Int result = detail::fib_nonnegative<Int>(k);
  if (n < 0 && (k & 1U) == 0) {
    result = -result;
  }
  return result;
}

// Lucas number L(n) = F(n-1) + F(n+1) for |n| <= max_n; L(-n) = (-1)^n L(n).
template <class Int>
Int lucas(std::int64_t n) {
  require_within_max(n, "lucas");
  const std::uint64_t k = detail::magnitude(n);
  if (k == 0) {
    return Int(2);
  }
  auto [current, previous] = detail::fib_pair<Int>(k);
  // L(k) = F(k) + 2 F(k-1)
  previous <<= 1;
  current += previous;
  if (n < 0 && (k & 1U) != 0) {
    current = -current;
  }
  return std::move(current);
}

}  // namespace fib
