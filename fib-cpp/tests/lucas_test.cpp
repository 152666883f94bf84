// lucas(n): the shared vectors and the identities linking Lucas to Fibonacci numbers, for
// negative n too.
#include <cstdint>

#include <gtest/gtest.h>

#include "backends.hpp"
#include "vectors.hpp"

namespace fib_test {
namespace {

template <class Backend>
class LucasTest : public ::testing::Test {};
TYPED_TEST_SUITE(LucasTest, Backends);

TYPED_TEST(LucasTest, MatchesExactVectors) {
  using Int = typename TypeParam::type;
  ASSERT_FALSE(vectors().lucas.empty());
  for (const auto& vector : vectors().lucas) {
    EXPECT_EQ(fib::lucas<Int>(vector.n), from_decimal<Int>(vector.value)) << "n = " << vector.n;
  }
}

TYPED_TEST(LucasTest, StartsAtTwoOne) {
  using Int = typename TypeParam::type;
  EXPECT_EQ(fib::lucas<Int>(0), 2);
  EXPECT_EQ(fib::lucas<Int>(1), 1);
  EXPECT_EQ(fib::lucas<Int>(-1), -1);
  EXPECT_EQ(fib::lucas<Int>(2), 3);
}

// L(n) = F(n-1) + F(n+1)
TYPED_TEST(LucasTest, IsSumOfNeighbouringFibonacciNumbers) {
  using Int = typename TypeParam::type;
  const auto check = [](std::int64_t n) {
    EXPECT_EQ(fib::lucas<Int>(n), fib::fib<Int>(n - 1) + fib::fib<Int>(n + 1)) << "n = " << n;
  };
  for (std::int64_t n = -300; n <= 300; ++n) {
    check(n);
  }
  for (const std::int64_t n : {65'536, 65'537, 100'000, -100'000, -100'001}) {
    check(n);
  }
}

// L(-n) = (-1)^n L(n)
TYPED_TEST(LucasTest, NegativeIndexReflection) {
  using Int = typename TypeParam::type;
  for (std::int64_t n = 0; n <= 300; ++n) {
    const Int expected = n % 2 == 0 ? fib::lucas<Int>(n) : Int(-fib::lucas<Int>(n));
    EXPECT_EQ(fib::lucas<Int>(-n), expected) << "n = " << n;
  }
}

// F(2n) = F(n) L(n) and L(n)^2 - 5 F(n)^2 = 4 (-1)^n
TYPED_TEST(LucasTest, ProductAndSquareIdentities) {
  using Int = typename TypeParam::type;
  const auto check = [](std::int64_t n) {
    const Int f = fib::fib<Int>(n);
    const Int l = fib::lucas<Int>(n);
    EXPECT_EQ(fib::fib<Int>(2 * n), f * l) << "n = " << n;
    EXPECT_EQ(l * l - 5 * f * f, n % 2 == 0 ? 4 : -4) << "n = " << n;
  };
  for (std::int64_t n = -200; n <= 200; ++n) {
    check(n);
  }
  for (const std::int64_t n : {50'000, 50'001, -50'001}) {
    check(n);
  }
}

}  // namespace
}  // namespace fib_test
