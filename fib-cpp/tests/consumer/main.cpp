// Prints a few values computed through the installed headers and fails if any is wrong.
#include <cstdint>
#include <iostream>
#include <stdexcept>
#include <string>

#if defined(FIB_HAS_GMP)
#include <fib/gmp.hpp>
using Int = fib::gmp_integer;
constexpr const char* flavour = "fib::fib_gmp (mpz_int)";
#else
#include <fib/fib.hpp>
using Int = fib::integer;
constexpr const char* flavour = "fib::fib (cpp_int)";
#endif

namespace {

int failures = 0;

void check(const std::string& what, const std::string& actual, const std::string& expected) {
  const bool ok = actual == expected;
  std::cout << (ok ? "ok   " : "FAIL ") << what << " = " << actual;
  if (!ok) {
    std::cout << " (expected " << expected << ")";
    ++failures;
  }
  std::cout << '\n';
}

}  // namespace

int main() {
  std::cout << flavour << ", fib " << fib::version << '\n';
  check("F(100)", fib::fib_str<Int>(100), "354224848179261915075");
  check("F(-100)", fib::to_string(fib::fib<Int>(-100)), "-354224848179261915075");
  check("F(100) hex", fib::fib_str<Int>(100, 16), "1333db76a7c594bfc3");
  check("L(50)", fib::to_string(fib::lucas<Int>(50)), "28143753123");
  check("F(90) iterative", fib::to_string(fib::fib_iterative<Int>(90)), "2880067194370816120");
  check("F(10^18) mod 1e9+7", std::to_string(fib::fib_mod(1'000'000'000'000'000'000ULL, 1'000'000'007ULL)),
        "209783453");
  check("digits of F(10^5)", std::to_string(fib::fib_str<Int>(100'000).size()), "20899");
  try {
    fib::fib<Int>(fib::max_n + 1);
    check("F(max_n + 1)", "no exception", "std::out_of_range");
  } catch (const std::out_of_range&) {
    check("F(max_n + 1)", "std::out_of_range", "std::out_of_range");
  }
  return failures == 0 ? 0 : 1;
}
