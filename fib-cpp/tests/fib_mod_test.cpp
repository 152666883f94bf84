// fib_mod(n, m): the shared vectors, agreement with the big-integer F(n) mod m, and an
// independent reference (2x2 matrix powers mod m) for n and m anywhere in 64 bits.
#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>

#include <gtest/gtest.h>

#include "backends.hpp"
#include "vectors.hpp"

namespace fib_test {
namespace {

constexpr std::uint64_t u64_max = std::numeric_limits<std::uint64_t>::max();

// Moduli at the interesting places: 1, tiny, around 2^32 and 2^63, and the largest primes and
// values below 2^64, where every sum of two residues overflows a 64-bit word.
constexpr std::array<std::uint64_t, 12> moduli = {
    1, 2, 3, 10, 1'000'000'007, (1ULL << 32) - 1, 1ULL << 32, (1ULL << 32) + 15,
    1ULL << 63, (1ULL << 63) + 1, u64_max - 58, u64_max};

template <class Backend>
class FibModTest : public ::testing::Test {};
TYPED_TEST_SUITE(FibModTest, Backends);

TYPED_TEST(FibModTest, AgreesWithBigIntegerRemainder) {
  using Int = typename TypeParam::type;
  for (std::uint64_t n = 0; n <= 400; ++n) {
    const Int value = fib::fib<Int>(static_cast<std::int64_t>(n));
    for (const std::uint64_t m : moduli) {
      EXPECT_EQ(fib::fib_mod(n, m), residue(value, m)) << "n = " << n << ", m = " << m;
    }
  }
  for (const std::uint64_t n : {4'321, 65'537, 100'000}) {
    const Int value = fib::fib<Int>(static_cast<std::int64_t>(n));
    for (const std::uint64_t m : moduli) {
      EXPECT_EQ(fib::fib_mod(n, m), residue(value, m)) << "n = " << n << ", m = " << m;
    }
  }
}

TEST(FibMod, MatchesVectors) {
  ASSERT_FALSE(vectors().mod.empty());
  for (const auto& vector : vectors().mod) {
    EXPECT_EQ(fib::fib_mod(vector.n, vector.m), vector.value) << "n = " << vector.n << ", m = " << vector.m;
  }
}

// The reference: the top-right entry of [[1, 1], [1, 0]]^n mod m, by square-and-multiply.
__extension__ typedef unsigned __int128 u128;  // __extension__: -Wpedantic

std::uint64_t mul_mod(std::uint64_t a, std::uint64_t b, std::uint64_t m) {
  return static_cast<std::uint64_t>(static_cast<u128>(a) * b % m);
}

using Matrix = std::array<std::uint64_t, 4>;

Matrix multiply(const Matrix& x, const Matrix& y, std::uint64_t m) {
  const auto dot = [m](std::uint64_t a, std::uint64_t b, std::uint64_t c, std::uint64_t d) {
    return static_cast<std::uint64_t>((static_cast<u128>(mul_mod(a, b, m)) + mul_mod(c, d, m)) % m);
  };
  return {dot(x[0], y[0], x[1], y[2]), dot(x[0], y[1], x[1], y[3]),
          dot(x[2], y[0], x[3], y[2]), dot(x[2], y[1], x[3], y[3])};
}

std::uint64_t matrix_fib_mod(std::uint64_t n, std::uint64_t m) {
  Matrix result = {1 % m, 0, 0, 1 % m};
  Matrix base = {1 % m, 1 % m, 1 % m, 0};
  for (; n != 0; n >>= 1) {
    if ((n & 1U) != 0) {
      result = multiply(result, base, m);
    }
    base = multiply(base, base, m);
  }
  return result[1];
}

// A fixed pseudo-random walk (splitmix64) so every run checks the same pairs.
std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

TEST(FibMod, AgreesWithMatrixPowersAcross64Bits) {
  std::uint64_t state = 2024;
  for (int i = 0; i < 2000; ++i) {
    const std::uint64_t n = splitmix64(state) >> (i % 64);  // every magnitude of n
    const std::uint64_t m = std::max<std::uint64_t>(splitmix64(state) >> ((i / 64) % 64), 1);
    EXPECT_EQ(fib::fib_mod(n, m), matrix_fib_mod(n, m)) << "n = " << n << ", m = " << m;
  }
  for (const std::uint64_t m : moduli) {
    const std::array<std::uint64_t, 4> top_of_range = {u64_max, u64_max - 1, 1ULL << 63, (1ULL << 63) - 1};
    for (const std::uint64_t n : top_of_range) {
      EXPECT_EQ(fib::fib_mod(n, m), matrix_fib_mod(n, m)) << "n = " << n << ", m = " << m;
    }
  }
}

TEST(FibMod, ModulusOneGivesZero) {
  for (const std::uint64_t n : std::array<std::uint64_t, 6>{0, 1, 2, 93, 1ULL << 63, u64_max}) {
    EXPECT_EQ(fib::fib_mod(n, 1), 0U) << "n = " << n;
  }
}

// F(93) = 12200160415121876738 is the largest Fibonacci number below 2^64: reduced by the
// largest moduli it must come back unchanged, and F(94) = 19740274219868223167 wraps once.
TEST(FibMod, LargestModuliKeepSmallValuesExact) {
  EXPECT_EQ(fib::fib_mod(93, u64_max), 12'200'160'415'121'876'738ULL);
  EXPECT_EQ(fib::fib_mod(93, u64_max - 58), 12'200'160'415'121'876'738ULL);
  EXPECT_EQ(fib::fib_mod(92, u64_max), 7'540'113'804'746'346'429ULL);
  EXPECT_EQ(fib::fib_mod(94, u64_max), 1'293'530'146'158'671'552ULL);
}

// The Pisano period of 10 is 60, so the last digit of F(n) repeats every 60 steps, up to n = 2^64-1.
TEST(FibMod, LastDigitFollowsPisanoPeriodAtTheTopOfTheRange) {
  for (std::uint64_t n = u64_max - 200; n != 0; ++n) {  // stops when n wraps past 2^64-1
    EXPECT_EQ(fib::fib_mod(n, 10), fib::fib_mod(n % 60, 10)) << "n = " << n;
  }
}

TEST(FibMod, ResultIsBelowModulus) {
  for (const std::uint64_t m : moduli) {
    for (std::uint64_t n = u64_max - 50; n != 0; ++n) {
      EXPECT_LT(fib::fib_mod(n, m), m) << "n = " << n << ", m = " << m;
    }
  }
}

}  // namespace
}  // namespace fib_test
