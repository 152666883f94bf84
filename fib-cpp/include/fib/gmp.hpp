// The GMP flavour: the same algorithms on Boost's mpz_int, whose multiplication (Toom, FFT,
// dedicated squaring) keeps F(10^7) within a few percent of GMP's own mpz_fib_ui; and F(n), L(n)
// straight from GMP's own functions for callers that want GMP's speed at every n.
// Link GMP (CMake target fib::fib_gmp does that).
#pragma once

#include <boost/multiprecision/gmp.hpp>
#include <gmp.h>

#include <climits>
#include <cstdint>

#include "fib/fib.hpp"

namespace fib {

using gmp_integer = boost::multiprecision::mpz_int;

// mpz_fib_ui and mpz_lucnum_ui take an unsigned long, which is 32 bits on wasm32 and Windows.
static_assert(max_n <= ULONG_MAX, "max_n must fit GMP's unsigned long arguments");

namespace detail {

// value(|n|) by one of GMP's functions, negated for n < 0 when |n| % 2 == negative_parity.
inline gmp_integer gmp_signed(std::int64_t n, const char* function, void (*value)(mpz_ptr, unsigned long),
                              std::uint64_t negative_parity) {
  require_within_max(n, function);
  const std::uint64_t k = magnitude(n);
  gmp_integer result;
  value(result.backend().data(), static_cast<unsigned long>(k));
  if (n < 0 && k % 2 == negative_parity) {
    mpz_neg(result.backend().data(), result.backend().data());
  }
  return result;
}

}  // namespace detail

// F(n) by GMP's mpz_fib_ui, with this library's limit and sign rule (F(-n) = (-1)^(n+1) F(n)).
// GMP starts from a table and doubles on raw limbs in one allocation, so up to n of a few
// thousand it costs a fraction of fib<gmp_integer>, whose Boost temporaries each allocate;
// from about 10^5 on the two run equally fast (fib-cpp/bench).
inline gmp_integer gmp_fib(std::int64_t n) { return detail::gmp_signed(n, "fib", mpz_fib_ui, 0); }

// L(n) by GMP's mpz_lucnum_ui (L(-n) = (-1)^n L(n)): for even n it squares Lucas numbers, half
// the work of lucas<gmp_integer>, which walks the Fibonacci pair all the way up to n.
inline gmp_integer gmp_lucas(std::int64_t n) { return detail::gmp_signed(n, "lucas", mpz_lucnum_ui, 1); }

}  // namespace fib
