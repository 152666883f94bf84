// The two integer types every typed test runs on: Boost's header-only cpp_int (fib::integer)
// and Boost's GMP backend (fib::gmp_integer), plus what a test needs to look inside a value.
#pragma once

#include <cstdint>
#include <iterator>
#include <string>
#include <vector>

#include <gmp.h>
#include <gtest/gtest.h>

#include "fib/fib.hpp"
#include "fib/gmp.hpp"

namespace fib_test {

// Typed tests run on these tags rather than on the integer types themselves, so the names
// ctest shows read "FibTest.Cassini<fib_test::backend::mpz_int>".
namespace backend {
struct cpp_int {
  using type = fib::integer;
};
struct mpz_int {
  using type = fib::gmp_integer;
};
}  // namespace backend

using Backends = ::testing::Types<backend::cpp_int, backend::mpz_int>;

// Big-endian bytes of |value|, no leading zero byte: what the vector file hashes.
inline std::vector<unsigned char> magnitude_bytes(const fib::integer& value) {
  const fib::integer magnitude = boost::multiprecision::abs(value);
  std::vector<unsigned char> bytes;
  boost::multiprecision::export_bits(magnitude, std::back_inserter(bytes), 8);
  return bytes;
}

// Boost's export_bits is cpp_int-only, so the GMP flavour asks GMP directly.
inline std::vector<unsigned char> magnitude_bytes(const fib::gmp_integer& value) {
  const mpz_srcptr raw = value.backend().data();
  std::vector<unsigned char> bytes((mpz_sizeinbase(raw, 2) + 7) / 8);
  std::size_t written = 0;
  mpz_export(bytes.data(), &written, 1, 1, 1, 0, raw);  // most significant byte first; ignores sign
  bytes.resize(written);
  return bytes;
}

// Parses a decimal string from the vector file into the backend under test.
template <class Int>
Int from_decimal(const std::string& text) {
  return Int(text);
}

// value mod m for value >= 0, as a machine word.
template <class Int>
std::uint64_t residue(const Int& value, std::uint64_t m) {
  const Int remainder = value % Int(m);
  return remainder.template convert_to<std::uint64_t>();
}

}  // namespace fib_test
