// fib::flint_fib on one and on two threads next to mpz_fib_ui of the GMP that FLINT was built
// against (FIB_FLINT). Each row keeps wall time and the process's CPU time (both threads):
// report_ratios.py compares one thread by CPU time, two threads by wall time.
// Names are "flint_fib/<implementation>/<n>".
#include <cstdint>

#include <benchmark/benchmark.h>
#include <gmp.h>

#include "fib/flint.hpp"

namespace {

void set_sizes(benchmark::internal::Benchmark* benchmark) {
  for (const std::int64_t n : {100'000, 1'000'000, 10'000'000, 100'000'000}) {
    benchmark->Arg(n);
  }
  benchmark->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime();
}

void gmp_benchmark(benchmark::State& state) {
  const auto n = static_cast<unsigned long>(state.range(0));
  for (auto _ : state) {
    fib::gmp_integer result;
    mpz_fib_ui(result.backend().data(), n);
    benchmark::DoNotOptimize(result);
  }
}

template <int threads>
void flint_benchmark(benchmark::State& state) {
  for (auto _ : state) {
    fib::gmp_integer result = fib::flint_fib(state.range(0), threads);
    benchmark::DoNotOptimize(result);
  }
}

}  // namespace

BENCHMARK(gmp_benchmark)->Name("flint_fib/mpz_fib_ui")->Apply(set_sizes);
BENCHMARK_TEMPLATE(flint_benchmark, 1)->Name("flint_fib/flint_1_thread")->Apply(set_sizes);
BENCHMARK_TEMPLATE(flint_benchmark, 2)->Name("flint_fib/flint_2_threads")->Apply(set_sizes);
