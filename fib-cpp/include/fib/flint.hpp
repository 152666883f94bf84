// The FLINT flavour: F(n) and L(n) by the fast doubling of fast_doubling.hpp on GMP integers,
// with every product done by FLINT's flint_mpn_sqr / flint_mpn_mul. Where FLINT was built
// with its fft_small module (x86-64 with AVX2, or aarch64), those multiply large numbers faster
// than GMP, so above about n = 10^5 this beats GMP's own mpz_fib_ui (fib-cpp/bench). The two
// squarings of a doubling step are independent: with threads = 2 a second thread does one of
// them once the numbers are large.
// Link FLINT and the GMP it was built against (CMake target fib::fib_flint, option FIB_FLINT).
#pragma once

#include <flint/flint.h>
#include <flint/mpn_extras.h>
#include <gmp.h>
#include <pthread.h>

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>

#include "fib/bits.hpp"
#include "fib/fast_doubling.hpp"
#include "fib/gmp.hpp"
#include "fib/limits.hpp"

namespace fib {

// The threads a flint_fib or flint_lucas call may use: 1, or 2 to share each doubling step.
inline constexpr int max_flint_threads = 2;

namespace detail {

// Below this many limbs per operand a squaring takes less than waking the second thread costs.
inline constexpr mp_size_t flint_parallel_limbs = 4'000;

// FLINT keeps caches per thread (fft_small's tables and buffers, megabytes for large numbers) and
// frees them only when the thread calls flint_cleanup(): every thread that computes here does so
// as it ends, so a program that starts and ends threads does not pile them up.
struct flint_caches_of_this_thread {
  flint_caches_of_this_thread() = default;
  flint_caches_of_this_thread(const flint_caches_of_this_thread&) = delete;
  flint_caches_of_this_thread& operator=(const flint_caches_of_this_thread&) = delete;
  ~flint_caches_of_this_thread() { flint_cleanup(); }
};

inline void free_flint_caches_at_thread_exit() {
  thread_local const flint_caches_of_this_thread caches;
  static_cast<void>(caches);
}

// result = x * y by FLINT (result distinct from x and y).
inline void flint_multiply(mpz_ptr result, mpz_srcptr x, mpz_srcptr y) {
  mp_size_t x_size = static_cast<mp_size_t>(mpz_size(x));
  mp_size_t y_size = static_cast<mp_size_t>(mpz_size(y));
  if (x_size == 0 || y_size == 0) {
    mpz_set_ui(result, 0);
    return;
  }
  const mp_size_t size = x_size + y_size;
  mp_limb_t* limbs = mpz_limbs_write(result, size);
  if (x == y) {
    flint_mpn_sqr(limbs, mpz_limbs_read(x), x_size);
  } else if (x_size >= y_size) {  // flint_mpn_mul takes the longer operand first
    flint_mpn_mul(limbs, mpz_limbs_read(x), x_size, mpz_limbs_read(y), y_size);
  } else {
    flint_mpn_mul(limbs, mpz_limbs_read(y), y_size, mpz_limbs_read(x), x_size);
  }
  mpz_limbs_finish(result, size);
  if (mpz_sgn(x) != mpz_sgn(y)) {
    mpz_neg(result, result);
  }
}

// A second thread that squares one number while the caller squares another. FLINT keeps its
// FFT tables per thread, and building them again for every computation cost the second thread a
// third more CPU time at n = 10^8 than the squarings themselves, so the process keeps one such
// thread (shared_square_worker) for good.
class flint_square_worker {
 public:
  flint_square_worker() : thread_([this] { run(); }) {}
  flint_square_worker(const flint_square_worker&) = delete;
  flint_square_worker& operator=(const flint_square_worker&) = delete;
  // Never destroyed: a computation on another thread may still be using it while the process
  // exits, and the thread ends with the process.
  ~flint_square_worker() = delete;

  // Starts result = x * x; result and x stay untouched by the caller until wait() returns.
  void start(mpz_ptr result, mpz_srcptr x) {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      result_ = result;
      operand_ = x;
      pending_ = true;
    }
    changed_.notify_all();
  }

  void wait() {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [this] { return !pending_; });
  }

 private:
  [[noreturn]] void run() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (true) {
      changed_.wait(lock, [this] { return pending_; });
      lock.unlock();
      flint_multiply(result_, operand_, operand_);
      lock.lock();
      pending_ = false;
      changed_.notify_all();
    }
  }

  std::mutex mutex_;
  std::condition_variable changed_;
  mpz_ptr result_ = nullptr;
  mpz_srcptr operand_ = nullptr;
  bool pending_ = false;
  std::thread thread_;  // last: it starts once everything above is initialised
};

// The process's one worker, made by the first computation that needs it, and the lock that lets
// one computation at a time use it (another one meanwhile runs on its own thread alone).
struct shared_square_worker {
  std::mutex in_use;
  flint_square_worker* worker = nullptr;
};

inline shared_square_worker* shared_worker_state(bool replace = false) {
  static shared_square_worker* state = [] {
    // A forked child has only the thread that forked: neither the worker's thread nor whoever
    // held the lock came along, so the child starts afresh (the old state is left behind).
    pthread_atfork(nullptr, nullptr, [] { shared_worker_state(true); });
    return new shared_square_worker();
  }();
  if (replace) {
    state = new shared_square_worker();
  }
  return state;
}

inline void require_flint_threads(int threads, const char* function) {
  if (threads < 1 || threads > max_flint_threads) {
    throw std::invalid_argument(std::string(function) + ": threads must be 1 or " +
                                std::to_string(max_flint_threads));
  }
}

// {F(k), F(k-1)} for k >= 1: fib_pair of fast_doubling.hpp (same identities, same order of
// operations), with the two squarings of a step by FLINT and, with threads = 2 and large
// numbers, on two threads.
inline std::pair<gmp_integer, gmp_integer> flint_fib_pair(std::uint64_t k, int threads) {
  free_flint_caches_at_thread_exit();
  gmp_integer current = 1;   // F(j), starting at j = 1
  gmp_integer previous = 0;  // F(j-1)
  gmp_integer square_current;
  gmp_integer square_previous;
  mpz_ptr cur = current.backend().data();
  mpz_ptr prev = previous.backend().data();
  mpz_ptr sq_cur = square_current.backend().data();
  mpz_ptr sq_prev = square_previous.backend().data();
  std::unique_lock<std::mutex> lease;  // of the shared worker, once the numbers are large
  flint_square_worker* worker = nullptr;
  bool j_is_odd = true;
  for (int bit = bit_length(k) - 2; bit >= 0; --bit) {
    if (threads > 1 && !lease && static_cast<mp_size_t>(mpz_size(prev)) >= flint_parallel_limbs) {
      shared_square_worker* shared = shared_worker_state();
      lease = std::unique_lock<std::mutex>(shared->in_use, std::try_to_lock);
      if (lease) {
        if (shared->worker == nullptr) {
          shared->worker = new flint_square_worker();
        }
        worker = shared->worker;
      } else {
        threads = 1;  // another computation has the worker: this one goes on alone
      }
    }
    if (worker != nullptr) {
      worker->start(sq_prev, prev);
      flint_multiply(sq_cur, cur, cur);
      worker->wait();
    } else {
      flint_multiply(sq_cur, cur, cur);
      flint_multiply(sq_prev, prev, prev);
    }
    mpz_mul_2exp(cur, sq_cur, 2);
    mpz_sub(cur, cur, sq_prev);
    if (j_is_odd) {
      mpz_sub_ui(cur, cur, 2);
    } else {
      mpz_add_ui(cur, cur, 2);
    }
    mpz_add(prev, sq_cur, sq_prev);
    j_is_odd = ((k >> bit) & 1U) != 0;
    if (j_is_odd) {
      mpz_sub(prev, cur, prev);
    } else {
      mpz_sub(cur, cur, prev);
    }
  }
  return {std::move(current), std::move(previous)};
}

// F(k) for k >= 0: fib_nonnegative of fast_doubling.hpp, the last bit's product by FLINT.
inline gmp_integer flint_fib_nonnegative(std::uint64_t k, int threads) {
  if (k < 2) {
    return gmp_integer(k);
  }
  const std::uint64_t half = k >> 1;
  auto [current, previous] = flint_fib_pair(half, threads);
  mpz_ptr cur = current.backend().data();
  mpz_ptr prev = previous.backend().data();
  gmp_integer factor;
  gmp_integer result;
  mpz_ptr f = factor.backend().data();
  mpz_ptr r = result.backend().data();
  if ((k & 1U) == 0) {
    mpz_mul_2exp(f, prev, 1);
    mpz_add(f, f, cur);
    flint_multiply(r, cur, f);
  } else {
    mpz_mul_2exp(cur, cur, 1);
    mpz_add(f, cur, prev);
    mpz_sub(cur, cur, prev);
    flint_multiply(r, f, cur);
    if ((half & 1U) != 0) {
      mpz_sub_ui(r, r, 2);
    } else {
      mpz_add_ui(r, r, 2);
    }
  }
  return result;
}

}  // namespace detail

// F(n) for |n| <= max_n, F(-n) = (-1)^(n+1) F(n), as fib::fib computes it, with FLINT's products;
// threads (1 or 2) is how many threads share each doubling step: with 2, the process's one
// worker thread joins in, unless another computation has it at the moment.
// Throws std::out_of_range past max_n, std::invalid_argument for other thread counts.
inline gmp_integer flint_fib(std::int64_t n, int threads = 1) {
  require_within_max(n, "flint_fib");
  detail::require_flint_threads(threads, "flint_fib");
  const std::uint64_t k = detail::magnitude(n);
  gmp_integer result = detail::flint_fib_nonnegative(k, threads);
  if (n < 0 && (k & 1U) == 0) {
    mpz_neg(result.backend().data(), result.backend().data());
  }
  return result;
}

// L(n) for |n| <= max_n, L(-n) = (-1)^n L(n), as fib::lucas computes it, with FLINT's products.
inline gmp_integer flint_lucas(std::int64_t n, int threads = 1) {
  require_within_max(n, "flint_lucas");
  detail::require_flint_threads(threads, "flint_lucas");
  const std::uint64_t k = detail::magnitude(n);
  if (k == 0) {
    return gmp_integer(2);
  }
  auto [current, previous] = detail::flint_fib_pair(k, threads);
  mpz_ptr cur = current.backend().data();
  mpz_addmul_ui(cur, previous.backend().data(), 2);  // L(k) = F(k) + 2 F(k-1)
  if (n < 0 && (k & 1U) != 0) {
    mpz_neg(cur, cur);
  }
  return std::move(current);
}

// From about this |n| on the FLINT path beats GMP's own mpz_fib_ui / mpz_lucnum_ui on an AVX2
// CPU (timed side by side: 0.96x at n = 10^5, 1.03x at 1.5 * 10^5, 1.2x at 2 * 10^5, 1.5x from
// 3 * 10^5); below it GMP's are faster.
inline constexpr std::int64_t flint_faster_from_n = 150'000;

// F(n) by whichever of gmp_fib and flint_fib is faster at this n (threads as flint_fib's), with
// gmp_fib's errors.
inline gmp_integer fastest_fib(std::int64_t n, int threads = 1) {
  require_within_max(n, "fib");  // as gmp_fib words it, whichever path runs
  detail::require_flint_threads(threads, "fastest_fib");
  return detail::magnitude(n) >= static_cast<std::uint64_t>(flint_faster_from_n) ? flint_fib(n, threads)
                                                                                  : gmp_fib(n);
}

// L(n) by whichever of gmp_lucas and flint_lucas is faster at this n, with gmp_lucas's errors.
inline gmp_integer fastest_lucas(std::int64_t n, int threads = 1) {
  require_within_max(n, "lucas");  // as gmp_lucas words it, whichever path runs
  detail::require_flint_threads(threads, "fastest_lucas");
  return detail::magnitude(n) >= static_cast<std::uint64_t>(flint_faster_from_n) ? flint_lucas(n, threads)
                                                                                  : gmp_lucas(n);
}

}  // namespace fib
