// The GMP flavour: the same algorithms on Boost's mpz_int, whose multiplication (Toom, FFT,
// dedicated squaring) keeps F(10^7) within a few percent of GMP's own mpz_fib_ui.
// Link GMP (CMake target fib::fib_gmp does that).
#pragma once

#include <boost/multiprecision/gmp.hpp>

#include "fib/fib.hpp"

namespace fib {

using gmp_integer = boost::multiprecision::mpz_int;

}  // namespace fib
