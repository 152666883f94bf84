// fib_str / to_string: decimal and lowercase hex text, checked against the vectors (both ends and
// the length of the large values) and by parsing the text back.
#include <cstdint>
#include <string>

#include <gtest/gtest.h>

#include "backends.hpp"
#include "vectors.hpp"

namespace fib_test {
namespace {

template <class Backend>
class FormatTest : public ::testing::Test {};
TYPED_TEST_SUITE(FormatTest, Backends);

TYPED_TEST(FormatTest, DecimalMatchesExactVectors) {
  using Int = typename TypeParam::type;
  for (const auto& vector : vectors().fib) {
    EXPECT_EQ(fib::fib_str<Int>(vector.n), vector.value) << "n = " << vector.n;
    EXPECT_EQ(fib::fib_str<Int>(vector.n, 10), vector.value) << "n = " << vector.n;
  }
  for (const auto& vector : vectors().lucas) {
    EXPECT_EQ(fib::to_string(fib::lucas<Int>(vector.n)), vector.value) << "n = " << vector.n;
  }
}

TYPED_TEST(FormatTest, HexMatchesVectors) {
  using Int = typename TypeParam::type;
  ASSERT_FALSE(vectors().hex.empty());
  for (const auto& vector : vectors().hex) {
    EXPECT_EQ(fib::fib_str<Int>(vector.n, 16), vector.value) << "n = " << vector.n;
  }
}

// Lowercase digits, no "0x", no leading zeros, '-' for negatives; parsing it back gives F(n).
TYPED_TEST(FormatTest, HexParsesBackToTheValue) {
  using Int = typename TypeParam::type;
  for (std::int64_t n = -150; n <= 300; ++n) {
    const std::string text = fib::fib_str<Int>(n, 16);
    const bool negative = text.front() == '-';
    const std::string digits = negative ? text.substr(1) : text;
    ASSERT_FALSE(digits.empty()) << "n = " << n;
    EXPECT_EQ(digits.find_first_not_of("0123456789abcdef"), std::string::npos) << text;
    EXPECT_TRUE(digits == "0" || digits.front() != '0') << text;
    const Int magnitude("0x" + digits);
    EXPECT_EQ(negative ? Int(-magnitude) : magnitude, fib::fib<Int>(n)) << "n = " << n;
  }
}

TYPED_TEST(FormatTest, ToStringHandlesZeroAndSigns) {
  using Int = typename TypeParam::type;
  EXPECT_EQ(fib::to_string(Int(0)), "0");
  EXPECT_EQ(fib::to_string(Int(0), 16), "0");
  EXPECT_EQ(fib::to_string(Int(-255)), "-255");
  EXPECT_EQ(fib::to_string(Int(-255), 16), "-ff");
  EXPECT_EQ(fib::to_string(Int(255), 16), "ff");
}

TYPED_TEST(FormatTest, DecimalMatchesLargeVectors) {
  using Int = typename TypeParam::type;
  for (const auto& vector : vectors().large) {
    const std::string text = fib::fib_str<Int>(vector.n);
    const bool negative = text.front() == '-';
    const std::string digits = negative ? text.substr(1) : text;
    EXPECT_EQ(negative ? -1 : 1, vector.sign) << "n = " << vector.n;
    EXPECT_EQ(digits.size(), vector.digits) << "n = " << vector.n;
    EXPECT_EQ(digits.substr(0, vector.leading.size()), vector.leading) << "n = " << vector.n;
    EXPECT_EQ(digits.substr(digits.size() - vector.trailing.size()), vector.trailing) << "n = " << vector.n;
  }
}

}  // namespace
}  // namespace fib_test
