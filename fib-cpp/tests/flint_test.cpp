// flint_fib and flint_lucas (fib/flint.hpp) on one thread and on two: the shared vectors, and
// GMP's own mpz_fib_ui / mpz_lucnum_ui (the GMP FLINT was built against) at random n; and
// fastest_fib / fastest_lucas, which pick between GMP's functions and those.
#include <cmath>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "backends.hpp"
#include "fib/flint.hpp"
#include "vectors.hpp"

namespace fib_test {
namespace {

class FlintTest : public ::testing::TestWithParam<int> {
 protected:
  int threads() const { return GetParam(); }
};

INSTANTIATE_TEST_SUITE_P(Threads, FlintTest, ::testing::Values(1, 2),
                         [](const ::testing::TestParamInfo<int>& info) {
                           return std::to_string(info.param) + "_threads";
                         });

// value(|n|) from GMP, with the sign rule of F (negative_parity 0) or L (1) for n < 0.
fib::gmp_integer from_gmp(std::int64_t n, void (*value)(mpz_ptr, unsigned long),
                          std::uint64_t negative_parity) {
  const std::uint64_t k = n < 0 ? static_cast<std::uint64_t>(-n) : static_cast<std::uint64_t>(n);
  fib::gmp_integer result;
  value(result.backend().data(), static_cast<unsigned long>(k));
  if (n < 0 && k % 2 == negative_parity) {
    result = -result;
  }
  return result;
}

// n drawn log-uniformly from [10, max_n], so every size of product (FLINT's small-operand code,
// its FFTs of several lengths and the two-thread steps) gets its share, with both signs.
std::vector<std::int64_t> random_n(std::size_t count, double max_n, std::uint64_t seed) {
  std::mt19937_64 generator(seed);
  std::uniform_real_distribution<double> exponent(1.0, std::log10(max_n));
  std::vector<std::int64_t> values;
  for (std::size_t i = 0; i < count; ++i) {
    const auto n = static_cast<std::int64_t>(std::pow(10.0, exponent(generator)));
    values.push_back(i % 4 == 3 ? -n : n);
  }
  return values;
}

void expect_matches_gmp(const std::vector<std::int64_t>& values, int threads) {
  for (const std::int64_t n : values) {
    EXPECT_EQ(fib::flint_fib(n, threads), from_gmp(n, mpz_fib_ui, 0)) << "F(" << n << ")";
    EXPECT_EQ(fib::flint_lucas(n, threads), from_gmp(n, mpz_lucnum_ui, 1)) << "L(" << n << ")";
  }
}

TEST_P(FlintTest, MatchesExactVectors) {
  ASSERT_FALSE(vectors().fib.empty());
  for (const auto& vector : vectors().fib) {
    EXPECT_EQ(fib::flint_fib(vector.n, threads()), fib::gmp_integer(vector.value)) << "n = " << vector.n;
  }
  ASSERT_FALSE(vectors().lucas.empty());
  for (const auto& vector : vectors().lucas) {
    EXPECT_EQ(fib::flint_lucas(vector.n, threads()), fib::gmp_integer(vector.value)) << "n = " << vector.n;
  }
}

TEST_P(FlintTest, MatchesLargeVectorsBySignBitsAndHash) {
  ASSERT_FALSE(vectors().large.empty());
  for (const auto& vector : vectors().large) {
    const fib::gmp_integer value = fib::flint_fib(vector.n, threads());
    EXPECT_EQ(value < 0 ? -1 : 1, vector.sign) << "n = " << vector.n;
    EXPECT_EQ(mpz_sizeinbase(value.backend().data(), 2), vector.bits) << "n = " << vector.n;
    EXPECT_EQ(sha256_hex(magnitude_bytes(value)), vector.sha256) << "n = " << vector.n;
  }
}

TEST_P(FlintTest, MatchesGmpAroundTheStart) {
  std::vector<std::int64_t> values;
  for (std::int64_t n = -200; n <= 200; ++n) {
    values.push_back(n);
  }
  expect_matches_gmp(values, threads());
}

// Up to 3 * 10^6, and two n past 740,000, where the two-thread steps start (4,000 limbs per
// operand).
TEST_P(FlintTest, MatchesGmpAtRandomN) {
  expect_matches_gmp(random_n(24, 3e6, 20261206), threads());
  expect_matches_gmp({1'000'000, -2'000'001}, threads());
}

// Up to 10^8 (F(10^8) has 69 million bits): seconds, most of them GMP's.
TEST_P(FlintTest, MatchesGmpAtRandomNUpTo1e8) {
  expect_matches_gmp(random_n(6, 1e8, 100'000'000), threads());
  expect_matches_gmp({100'000'000, -99'999'999}, threads());
}

// Four computations that each ask for two threads at once: one has the shared worker, the others
// run alone; each gets its own number.
TEST(FlintSharedWorker, ConcurrentTwoThreadComputationsEachGetTheirNumber) {
  const std::vector<std::int64_t> values{3'000'000, -2'000'001, 2'500'000, 1'000'000};
  std::vector<fib::gmp_integer> results(values.size());
  std::vector<std::thread> callers;
  for (std::size_t i = 0; i < values.size(); ++i) {
    callers.emplace_back([&, i] { results[i] = fib::flint_fib(values[i], 2); });
  }
  for (auto& caller : callers) {
    caller.join();
  }
  for (std::size_t i = 0; i < values.size(); ++i) {
    EXPECT_EQ(results[i], from_gmp(values[i], mpz_fib_ui, 0)) << "F(" << values[i] << ")";
  }
}

// A child forked after the worker started has no worker thread: it makes its own.
TEST(FlintSharedWorker, AForkedChildComputesOnTwoThreads) {
  const std::int64_t n = 2'000'000;
  const fib::gmp_integer expected = fib::flint_fib(n, 2);  // the parent's worker exists now
  const pid_t child = fork();
  ASSERT_NE(child, -1);
  if (child == 0) {
    _exit(fib::flint_fib(n, 2) == expected && fib::flint_lucas(-n, 2) == from_gmp(-n, mpz_lucnum_ui, 1) ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child status " << status;
}

// fastest_fib and fastest_lucas switch paths at flint_faster_from_n: both sides of it, both signs.
TEST_P(FlintTest, FastestMatchesGmpAcrossTheSwitch) {
  for (const std::int64_t from : {fib::flint_faster_from_n, -fib::flint_faster_from_n}) {
    for (std::int64_t n = from - 2; n <= from + 2; ++n) {
      EXPECT_EQ(fib::fastest_fib(n, threads()), from_gmp(n, mpz_fib_ui, 0)) << "F(" << n << ")";
      EXPECT_EQ(fib::fastest_lucas(n, threads()), from_gmp(n, mpz_lucnum_ui, 1)) << "L(" << n << ")";
    }
  }
}

// Past max_n they fail as gmp_fib and gmp_lucas do, message included, on either path.
TEST(FlintLimits, FastestFailsAsGmpDoes) {
  for (const std::int64_t n : {fib::max_n + 1, -fib::max_n - 1, INT64_MIN}) {
    std::string gmp_message;
    std::string fastest_message;
    try {
      fib::gmp_fib(n);
    } catch (const std::out_of_range& error) {
      gmp_message = error.what();
    }
    try {
      fib::fastest_fib(n, 2);
    } catch (const std::out_of_range& error) {
      fastest_message = error.what();
    }
    EXPECT_FALSE(gmp_message.empty()) << n;
    EXPECT_EQ(fastest_message, gmp_message) << n;
  }
  EXPECT_THROW(fib::fastest_lucas(fib::max_n + 1), std::out_of_range);
  EXPECT_THROW(fib::fastest_fib(10, 3), std::invalid_argument);
}

TEST(FlintLimits, RejectsWhatFibRejects) {
  EXPECT_THROW(fib::flint_fib(fib::max_n + 1), std::out_of_range);
  EXPECT_THROW(fib::flint_lucas(-fib::max_n - 1), std::out_of_range);
  EXPECT_THROW(fib::flint_fib(INT64_MIN), std::out_of_range);
}

TEST(FlintLimits, TakesOneOrTwoThreads) {
  for (const int threads : {0, -1, fib::max_flint_threads + 1}) {
    EXPECT_THROW(fib::flint_fib(10, threads), std::invalid_argument) << threads;
    EXPECT_THROW(fib::flint_lucas(10, threads), std::invalid_argument) << threads;
  }
}

}  // namespace
}  // namespace fib_test
