// Every error path: the exception type, a message that names the call, and no undefined
// behaviour at the 64-bit edges (the sanitizer build runs these too).
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "backends.hpp"

namespace fib_test {
namespace {

constexpr std::int64_t int64_min = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();
constexpr std::uint64_t uint64_max = std::numeric_limits<std::uint64_t>::max();

// Runs call, expects Exception, and checks the message contains expected_text.
template <class Exception, class Call>
void expect_error(Call call, const std::string& expected_text) {
  try {
    call();
    ADD_FAILURE() << "no exception; expected one mentioning \"" << expected_text << "\"";
  } catch (const Exception& error) {
    EXPECT_NE(std::string(error.what()).find(expected_text), std::string::npos) << error.what();
  }
}

template <class Backend>
class ErrorTest : public ::testing::Test {};
TYPED_TEST_SUITE(ErrorTest, Backends);

constexpr std::int64_t beyond_max_n[] = {int64_min, int64_min + 1, -fib::max_n - 1, fib::max_n + 1,
                                         int64_max};

TYPED_TEST(ErrorTest, FibRejectsNBeyondMaxN) {
  using Int = typename TypeParam::type;
  for (const std::int64_t n : beyond_max_n) {
    expect_error<std::out_of_range>([n] { fib::fib<Int>(n); },
                                    "fib: |n| must be at most 1000000000");
  }
}

TYPED_TEST(ErrorTest, LucasRejectsNBeyondMaxN) {
  using Int = typename TypeParam::type;
  for (const std::int64_t n : beyond_max_n) {
    expect_error<std::out_of_range>([n] { fib::lucas<Int>(n); }, "lucas: |n| must be at most 1000000000");
  }
}

TYPED_TEST(ErrorTest, FibStrRejectsNBeyondMaxN) {
  using Int = typename TypeParam::type;
  for (const std::int64_t n : beyond_max_n) {
    expect_error<std::out_of_range>([n] { fib::fib_str<Int>(n, 10); }, "|n| must be at most");
    expect_error<std::out_of_range>([n] { fib::fib_str<Int>(n, 16); }, "|n| must be at most");
  }
}

TYPED_TEST(ErrorTest, FibStrRejectsBasesOtherThanTenAndSixteen) {
  using Int = typename TypeParam::type;
  for (const int base : {8, 0, 2, -10, 36, 17}) {
    expect_error<std::invalid_argument>([base] { fib::fib_str<Int>(5, base); },
                                        "fib_str: base must be 10 or 16");
    expect_error<std::invalid_argument>([base] { fib::to_string(Int(5), base); }, "base must be 10 or 16");
  }
  // n is checked first (the order of the Python API), so an n out of range is what is reported
  // when the base is bad too.
  expect_error<std::out_of_range>([] { fib::fib_str<Int>(int64_min, 8); }, "fib_str: |n| must be at most");
}

TYPED_TEST(ErrorTest, IterativeRejectsNegativeN) {
  using Int = typename TypeParam::type;
  for (const std::int64_t n : {int64_min, int64_min + 1, -fib::max_n - 1, std::int64_t{-1}}) {
    expect_error<std::invalid_argument>([n] { fib::fib_iterative<Int>(n); },
                                        "fib_iterative: n must be >= 0");
  }
}

TYPED_TEST(ErrorTest, IterativeRejectsNBeyondMaxIterativeN) {
  using Int = typename TypeParam::type;
  for (const std::int64_t n : {fib::max_iterative_n + 1, fib::max_n, int64_max}) {
    expect_error<std::out_of_range>([n] { fib::fib_iterative<Int>(n); },
                                    "fib_iterative: n must be at most 1000000");
  }
}

TEST(FibModErrors, RejectsZeroModulus) {
  for (const std::uint64_t n : {std::uint64_t{0}, std::uint64_t{1}, std::uint64_t{1} << 63, uint64_max}) {
    expect_error<std::invalid_argument>([n] { fib::fib_mod(n, 0); }, "fib_mod: m must be >= 1");
  }
}

TEST(FibModErrors, AcceptsTheWholeUint64Range) {
  EXPECT_EQ(fib::fib_mod(uint64_max, 1), 0U);
  EXPECT_NO_THROW(fib::fib_mod(uint64_max, uint64_max));
  EXPECT_NO_THROW(fib::fib_mod(0, uint64_max));
}

}  // namespace
}  // namespace fib_test
