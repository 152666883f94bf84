// The two fast paths a binding takes instead of the doubling loops: the 128-bit tables with
// their text (small.hpp) and GMP's own functions (gmp_fib, gmp_lucas in gmp.hpp). Both must
// agree with the vectors and with the doubling on both sides of every boundary.
#include <cstdint>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "backends.hpp"
#include "fib/small.hpp"
#include "vectors.hpp"

namespace fib_test {
namespace {

fib::integer as_integer(const fib::small_integer& value) {
  fib::integer result = value.high;
  result <<= 64;
  result += value.low;
  return value.negative ? fib::integer(-result) : result;
}

const fib::integer two_to_128 = fib::integer(1) << 128;

TEST(SmallTables, EndWhereValuesStopFittingIn128Bits) {
  EXPECT_LT(boost::multiprecision::abs(fib::fib(fib::max_small_fib_n)), two_to_128);
  EXPECT_GE(boost::multiprecision::abs(fib::fib(fib::max_small_fib_n + 1)), two_to_128);
  EXPECT_LT(boost::multiprecision::abs(fib::lucas(fib::max_small_lucas_n)), two_to_128);
  EXPECT_GE(boost::multiprecision::abs(fib::lucas(fib::max_small_lucas_n + 1)), two_to_128);
}

TEST(SmallTables, AgreeWithFastDoublingOverTheirWholeRange) {
  for (std::int64_t n = -fib::max_small_fib_n; n <= fib::max_small_fib_n; ++n) {
    EXPECT_EQ(as_integer(fib::small_fib(n)), fib::fib(n)) << "n = " << n;
  }
  for (std::int64_t n = -fib::max_small_lucas_n; n <= fib::max_small_lucas_n; ++n) {
    EXPECT_EQ(as_integer(fib::small_lucas(n)), fib::lucas(n)) << "n = " << n;
  }
}

TEST(SmallTables, MatchTheVectorsAsDecimalText) {
  int checked = 0;
  for (const auto& vector : vectors().fib) {
    if (fib::is_small_fib_n(vector.n)) {
      EXPECT_EQ(fib::to_text(fib::small_fib(vector.n)).view(), vector.value) << "n = " << vector.n;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 2 * fib::max_small_fib_n + 1);  // the vectors cover both signs of the range
  for (const auto& vector : vectors().lucas) {
    if (fib::is_small_lucas_n(vector.n)) {
      EXPECT_EQ(fib::to_text(fib::small_lucas(vector.n)).view(), vector.value) << "n = " << vector.n;
    }
  }
}

TEST(SmallTables, MatchTheVectorsAsHexText) {
  for (const auto& vector : vectors().hex) {
    if (fib::is_small_fib_n(vector.n)) {
      EXPECT_EQ(fib::to_text(fib::small_fib(vector.n), 16).view(), vector.value) << "n = " << vector.n;
    }
  }
  EXPECT_EQ(fib::to_text(fib::small_fib(0), 16).view(), "0");
  EXPECT_EQ(fib::to_text(fib::small_fib(-186), 16).view(), fib::fib_str(-186, 16));
}

TEST(SmallTables, RefuseNBeyondThem) {
  for (const std::int64_t n : {fib::max_small_fib_n + 1, -fib::max_small_fib_n - 1, fib::max_n}) {
    EXPECT_FALSE(fib::is_small_fib_n(n));
    EXPECT_THROW(fib::small_fib(n), std::out_of_range) << "n = " << n;
  }
  for (const std::int64_t n : {fib::max_small_lucas_n + 1, -fib::max_small_lucas_n - 1}) {
    EXPECT_FALSE(fib::is_small_lucas_n(n));
    EXPECT_THROW(fib::small_lucas(n), std::out_of_range) << "n = " << n;
  }
  EXPECT_TRUE(fib::is_small_fib_n(-fib::max_small_fib_n));
  EXPECT_TRUE(fib::is_small_lucas_n(fib::max_small_lucas_n));
}

TEST(SmallText, RefusesOtherBasesWithTheLibrarysMessage) {
  for (const int base : {0, 2, 8, 36, -10}) {
    try {
      fib::to_text(fib::small_fib(10), base);
      ADD_FAILURE() << "base " << base << " was accepted";
    } catch (const std::invalid_argument& error) {
      EXPECT_EQ(std::string(error.what()), "to_text: base must be 10 or 16");
    }
  }
}

TEST(GmpFunctions, MatchTheVectors) {
  for (const auto& vector : vectors().fib) {
    EXPECT_EQ(fib::gmp_fib(vector.n), fib::gmp_integer(vector.value)) << "n = " << vector.n;
  }
  for (const auto& vector : vectors().lucas) {
    EXPECT_EQ(fib::gmp_lucas(vector.n), fib::gmp_integer(vector.value)) << "n = " << vector.n;
  }
  for (const auto& vector : vectors().large) {
    const fib::gmp_integer value = fib::gmp_fib(vector.n);
    EXPECT_EQ(value < 0 ? -1 : 1, vector.sign) << "n = " << vector.n;
    EXPECT_EQ(sha256_hex(magnitude_bytes(value)), vector.sha256) << "n = " << vector.n;
  }
}

TEST(GmpFunctions, AgreeWithTheDoublingPastTheTables) {
  for (const std::int64_t n : {187, 188, 1'000, 4'321, 65'537, 100'001}) {
    for (const std::int64_t signed_n : {n, -n}) {
      EXPECT_EQ(fib::gmp_fib(signed_n), fib::fib<fib::gmp_integer>(signed_n)) << "n = " << signed_n;
      EXPECT_EQ(fib::gmp_lucas(signed_n), fib::lucas<fib::gmp_integer>(signed_n)) << "n = " << signed_n;
    }
  }
}

TEST(GmpFunctions, RefuseNBeyondMaxN) {
  for (const std::int64_t n : {fib::max_n + 1, -fib::max_n - 1}) {
    EXPECT_THROW(fib::gmp_fib(n), std::out_of_range) << "n = " << n;
    EXPECT_THROW(fib::gmp_lucas(n), std::out_of_range) << "n = " << n;
  }
}

}  // namespace
}  // namespace fib_test
