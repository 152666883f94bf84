// fib(n) on cpp_int and mpz_int next to GMP's mpz_fib_ui, the naive loop on both backends, and
// fib_mod's arithmetic alone (what a binding's call adds to is this).
// Names are "<function>/<implementation>/<n>"; fib-cpp/bench/report_ratios.py divides each
// implementation's time by mpz_fib_ui's at the same n.
#include <cstdint>

#include <benchmark/benchmark.h>
#include <gmp.h>

#include "fib/gmp.hpp"

namespace {

void set_fib_sizes(benchmark::internal::Benchmark* benchmark) {
  for (const std::int64_t n : {10'000, 100'000, 1'000'000, 10'000'000}) {
    benchmark->Arg(n);
  }
  benchmark->Unit(benchmark::kMillisecond);
}

void set_iterative_sizes(benchmark::internal::Benchmark* benchmark) {
  for (const std::int64_t n : {10'000, 100'000, 500'000}) {
    benchmark->Arg(n);
  }
  benchmark->Unit(benchmark::kMillisecond);
}

// The result is allocated and freed inside the loop, as it is for the fib::fib calls.
void mpz_fib_ui_benchmark(benchmark::State& state) {
  const auto n = static_cast<unsigned long>(state.range(0));
  for (auto _ : state) {
    mpz_t result;
    mpz_init(result);
    mpz_fib_ui(result, n);
    benchmark::DoNotOptimize(result[0]._mp_d);
    mpz_clear(result);
  }
}

template <class Int>
void fib_benchmark(benchmark::State& state) {
  for (auto _ : state) {
    Int result = fib::fib<Int>(state.range(0));
    benchmark::DoNotOptimize(result);
  }
}

template <class Int>
void fib_iterative_benchmark(benchmark::State& state) {
  for (auto _ : state) {
    Int result = fib::fib_iterative<Int>(state.range(0));
    benchmark::DoNotOptimize(result);
  }
}

// The moduli of the Python benchmark's fib_mod cases, one per n (fib_benchmarks/overhead.py).
std::uint64_t fib_mod_modulus(std::uint64_t n) {
  switch (n) {
    case 10:
      return 1'000'000'007;
    case 1'000'000'000'000'000'000:
      return (std::uint64_t{1} << 61) - 1;
    default:
      return ~std::uint64_t{0} - 58;  // 2^64 - 59, with n = 2^64 - 1
  }
}

void fib_mod_benchmark(benchmark::State& state) {
  std::uint64_t n = static_cast<std::uint64_t>(state.range(0));
  const std::uint64_t m = fib_mod_modulus(n);
  for (auto _ : state) {
    benchmark::DoNotOptimize(n);  // keeps the compiler from computing the result once, outside the loop
    benchmark::DoNotOptimize(fib::fib_mod(n, m));
  }
}

}  // namespace

BENCHMARK(fib_mod_benchmark)
    ->Name("fib_mod/fib-cpp")
    ->Arg(10)
    ->Arg(1'000'000'000'000'000'000)
    ->Arg(-1)  // 2^64 - 1 as an int64_t
    ->Unit(benchmark::kNanosecond);
BENCHMARK(mpz_fib_ui_benchmark)->Name("fib/mpz_fib_ui")->Apply(set_fib_sizes);
BENCHMARK_TEMPLATE(fib_benchmark, fib::gmp_integer)->Name("fib/mpz_int")->Apply(set_fib_sizes);
BENCHMARK_TEMPLATE(fib_benchmark, fib::integer)->Name("fib/cpp_int")->Apply(set_fib_sizes);
BENCHMARK_TEMPLATE(fib_iterative_benchmark, fib::gmp_integer)
    ->Name("fib_iterative/mpz_int")
    ->Apply(set_iterative_sizes);
BENCHMARK_TEMPLATE(fib_iterative_benchmark, fib::integer)
    ->Name("fib_iterative/cpp_int")
    ->Apply(set_iterative_sizes);
