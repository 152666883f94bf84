// fib(n): the shared vectors (small n exactly, large n by size and hash) and identities that tie
// values at different n together, over ranges that include negative n.
#include <cstdint>
#include <string>
#include <type_traits>

#include <gtest/gtest.h>

#include "backends.hpp"
#include "vectors.hpp"

namespace fib_test {
namespace {

template <class Backend>
class FibTest : public ::testing::Test {};
TYPED_TEST_SUITE(FibTest, Backends);

// (-1)^n
template <class Int>
Int alternating(std::int64_t n) {
  return n % 2 == 0 ? Int(1) : Int(-1);
}

TYPED_TEST(FibTest, MatchesExactVectors) {
  using Int = typename TypeParam::type;
  ASSERT_FALSE(vectors().fib.empty());
  for (const auto& vector : vectors().fib) {
    EXPECT_EQ(fib::fib<Int>(vector.n), from_decimal<Int>(vector.value)) << "n = " << vector.n;
  }
}

TYPED_TEST(FibTest, MatchesLargeVectorsBySignBitsAndHash) {
  using Int = typename TypeParam::type;
  ASSERT_FALSE(vectors().large.empty());
  for (const auto& vector : vectors().large) {
    const Int value = fib::fib<Int>(vector.n);
    EXPECT_EQ(value < 0 ? -1 : 1, vector.sign) << "n = " << vector.n;
    EXPECT_EQ(boost::multiprecision::msb(boost::multiprecision::abs(value)) + 1, vector.bits)
        << "n = " << vector.n;
    EXPECT_EQ(sha256_hex(magnitude_bytes(value)), vector.sha256) << "n = " << vector.n;
  }
}

TYPED_TEST(FibTest, StartsAtZeroOne) {
  using Int = typename TypeParam::type;
  EXPECT_EQ(fib::fib<Int>(0), 0);
  EXPECT_EQ(fib::fib<Int>(1), 1);
  EXPECT_EQ(fib::fib<Int>(-1), 1);
  EXPECT_EQ(fib::fib<Int>(-2), -1);
}

// F(-n) = (-1)^(n+1) F(n)
TYPED_TEST(FibTest, NegativeIndexReflection) {
  using Int = typename TypeParam::type;
  for (std::int64_t n = 0; n <= 300; ++n) {
    EXPECT_EQ(fib::fib<Int>(-n), alternating<Int>(n + 1) * fib::fib<Int>(n)) << "n = " << n;
  }
  EXPECT_EQ(fib::fib<Int>(-100'000), -fib::fib<Int>(100'000));
  EXPECT_EQ(fib::fib<Int>(-100'001), fib::fib<Int>(100'001));
}

// F(n+1) = F(n) + F(n-1), where the fast doubling takes different paths for odd and even n.
TYPED_TEST(FibTest, RecurrenceHolds) {
  using Int = typename TypeParam::type;
  for (std::int64_t n = -300; n <= 300; ++n) {
    EXPECT_EQ(fib::fib<Int>(n + 1), fib::fib<Int>(n) + fib::fib<Int>(n - 1)) << "n = " << n;
  }
  for (const std::int64_t n : {65'536, 65'537, 100'000, 100'001, -100'000, -100'001}) {
    EXPECT_EQ(fib::fib<Int>(n + 1), fib::fib<Int>(n) + fib::fib<Int>(n - 1)) << "n = " << n;
  }
}

// Cassini: F(n-1) F(n+1) - F(n)^2 = (-1)^n
TYPED_TEST(FibTest, CassiniIdentity) {
  using Int = typename TypeParam::type;
  const auto check = [](std::int64_t n) {
    const Int middle = fib::fib<Int>(n);
    EXPECT_EQ(fib::fib<Int>(n - 1) * fib::fib<Int>(n + 1) - middle * middle, alternating<Int>(n))
        << "n = " << n;
  };
  for (std::int64_t n = -300; n <= 300; ++n) {
    check(n);
  }
  for (const std::int64_t n : {4'321, 10'000, 65'537, 99'999, -99'999, -100'000}) {
    check(n);
  }
}

// d'Ocagne: F(m) F(n+1) - F(m+1) F(n) = (-1)^n F(m-n)
TYPED_TEST(FibTest, DOcagneIdentity) {
  using Int = typename TypeParam::type;
  for (std::int64_t m = -40; m <= 40; ++m) {
    for (std::int64_t n = -40; n <= 40; ++n) {
      EXPECT_EQ(fib::fib<Int>(m) * fib::fib<Int>(n + 1) - fib::fib<Int>(m + 1) * fib::fib<Int>(n),
                alternating<Int>(n) * fib::fib<Int>(m - n))
          << "m = " << m << ", n = " << n;
    }
  }
  EXPECT_EQ(fib::fib<Int>(70'001) * fib::fib<Int>(30'001) - fib::fib<Int>(70'002) * fib::fib<Int>(30'000),
            fib::fib<Int>(40'001));
}

// F(m+n) = F(m) F(n+1) + F(m-1) F(n)
TYPED_TEST(FibTest, AdditionFormula) {
  using Int = typename TypeParam::type;
  const auto check = [](std::int64_t m, std::int64_t n) {
    EXPECT_EQ(fib::fib<Int>(m + n),
              fib::fib<Int>(m) * fib::fib<Int>(n + 1) + fib::fib<Int>(m - 1) * fib::fib<Int>(n))
        << "m = " << m << ", n = " << n;
  };
  for (std::int64_t m = -60; m <= 60; ++m) {
    for (std::int64_t n = -60; n <= 60; ++n) {
      check(m, n);
    }
  }
  check(65'537, 34'463);
  check(-65'537, 165'537);
  check(123'457, -23'456);
}

// The non-template overloads are the cpp_int flavour.
TEST(FibOverloads, UseCppInt) {
  static_assert(std::is_same_v<decltype(fib::fib(0)), fib::integer>);
  static_assert(std::is_same_v<decltype(fib::lucas(0)), fib::integer>);
  static_assert(std::is_same_v<decltype(fib::fib_iterative(0)), fib::integer>);
  EXPECT_EQ(fib::fib(-90), fib::fib<fib::integer>(-90));
  EXPECT_EQ(fib::lucas(-91), fib::lucas<fib::integer>(-91));
  EXPECT_EQ(fib::fib_iterative(300), fib::fib<fib::integer>(300));
  EXPECT_EQ(fib::fib_str(-300), fib::fib_str<fib::integer>(-300));
  EXPECT_EQ(fib::fib_str(-300, 16), fib::fib_str<fib::integer>(-300, 16));
}

TEST(FibLimits, MatchTheVectorFile) {
  EXPECT_EQ(fib::max_n, vectors().max_n);
  EXPECT_EQ(fib::max_iterative_n, vectors().max_iterative_n);
}

// CMakeLists.txt reads project(fib VERSION ...) from the header: both must agree.
TEST(FibVersion, MatchesTheCMakeProject) {
  EXPECT_STREQ(fib::version, FIB_PROJECT_VERSION);
  EXPECT_STREQ(FIB_VERSION, FIB_PROJECT_VERSION);
}

}  // namespace
}  // namespace fib_test
