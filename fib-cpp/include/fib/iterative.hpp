// The naive loop, a, b = b, a + b: the algorithm of the reference implementation, kept so
// benchmarks compare like with like.
#pragma once

#include <cstdint>
#include <utility>

#include "fib/limits.hpp"

namespace fib {

// F(n) for 0 <= n <= max_iterative_n by n big-integer additions.
// Throws std::invalid_argument for negative n and std::out_of_range past max_iterative_n.
template <class Int>
Int fib_iterative(std::int64_t n) {
  detail::require_iterative_n(n);
  Int current = 0;
  Int next = 1;
  for (std::int64_t i = 0; i < n; ++i) {
    current += next;
    using std::swap;
    swap(current, next);
  }
  return current;
}

}  // namespace fib
