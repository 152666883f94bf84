// The header-only Fibonacci library. Every big-integer function is a template over a
// Boost.Multiprecision integer type; fib::integer (cpp_int, header-only) is the default.
// Consumers that link GMP include "fib/gmp.hpp" and use fib::gmp_integer instead.
#pragma once

#include <boost/multiprecision/cpp_int.hpp>

#include "fib/fast_doubling.hpp"
#include "fib/fib_mod.hpp"
#include "fib/format.hpp"
#include "fib/iterative.hpp"
#include "fib/limits.hpp"
#include "fib/version.hpp"

namespace fib {

using integer = boost::multiprecision::cpp_int;

inline integer fib(std::int64_t n) { return fib<integer>(n); }
inline integer fib_iterative(std::int64_t n) { return fib_iterative<integer>(n); }
inline integer lucas(std::int64_t n) { return lucas<integer>(n); }
inline std::string fib_str(std::int64_t n, int base = 10) { return fib_str<integer>(n, base); }

}  // namespace fib
