// The fib_pybind._core extension: fib-cpp's GMP flavour behind the Python API of DESIGN.md.
// Results that fit in 128 bits come from fib-cpp's tables; larger ones from GMP's own
// mpz_fib_ui / mpz_lucnum_ui. Every long computation runs with the GIL released, so other
// Python threads keep running.
//
// Built with FIB_PYBIND_FLINT (and named by FIB_PYBIND_MODULE, _core_flint), the same module
// computes large F(n) and L(n) by fib-cpp's FLINT path instead (fib/flint.hpp), on up to
// set_threads() threads; __init__.py imports that build only on CPUs that run it.
#include <pybind11/pybind11.h>

#include <atomic>
#include <cstdint>
#include <exception>
#include <string>

#include "fib/gmp.hpp"
#include "fib/small.hpp"
#include "native_function.hpp"
#include "python_arguments.hpp"
#include "to_python_int.hpp"

#ifdef FIB_PYBIND_FLINT
#include "fib/flint.hpp"
#endif

#if defined(__x86_64__)
#include <cpuid.h>
#endif

#ifndef FIB_PYBIND_MODULE
#define FIB_PYBIND_MODULE _core
#endif

namespace py = pybind11;
using fib_pybind::fast_call_method;
using fib_pybind::match_arguments;
using fib_pybind::Parameters;
using fib_pybind::signed_argument;
using fib_pybind::to_python_int;
using fib_pybind::without_gil_if;

namespace {

// From these n on a call takes tens of microseconds or more, enough to let other threads run
// meanwhile; below, releasing and retaking the GIL would be a noticeable share of the call.
constexpr std::int64_t long_call_from_n = 10'000;
constexpr std::int64_t long_iterative_call_from_n = 1'000;

bool is_long(std::int64_t n, std::int64_t long_from) { return n >= long_from || n <= -long_from; }

// The threads one large F(n) or L(n) may use (set_threads); the GMP path always uses one.
// fib-cpp's FLINT path shares each doubling step between at most two.
constexpr int max_threads = 2;
std::atomic<int> threads_per_call{1};

// What computes F(n) and L(n) past the tables, and its name (LARGE_N_PATH).
#ifdef FIB_PYBIND_FLINT
static_assert(max_threads == fib::max_flint_threads, "set_threads takes what fib::flint_fib takes");
constexpr const char* large_n_path = "flint";
int threads() { return threads_per_call.load(std::memory_order_relaxed); }
fib::gmp_integer large_fib(std::int64_t n) { return fib::fastest_fib(n, threads()); }
fib::gmp_integer large_lucas(std::int64_t n) { return fib::fastest_lucas(n, threads()); }
#else
constexpr const char* large_n_path = "gmp";
fib::gmp_integer large_fib(std::int64_t n) { return fib::gmp_fib(n); }
fib::gmp_integer large_lucas(std::int64_t n) { return fib::gmp_lucas(n); }
#endif

// Whether this CPU runs the FLINT build: on x86-64 it was compiled for AVX2 and FMA (FLINT's
// fft_small has no run-time dispatch); every aarch64 CPU has the NEON it uses. Asked of CPUID
// itself: zig's compiler runtime answers __builtin_cpu_supports with false for every feature.
bool cpu_runs_flint_build() {
#if defined(__x86_64__)
  unsigned int eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (__get_cpuid(1, &eax, &ebx, &ecx, &edx) == 0) {
    return false;
  }
  const bool fma = (ecx & bit_FMA) != 0;
  // AVX registers are usable only where the OS saves them (OSXSAVE, and XCR0's SSE and AVX bits).
  if (!fma || (ecx & bit_OSXSAVE) == 0 || (ecx & bit_AVX) == 0) {
    return false;
  }
  unsigned int xcr0_low = 0, xcr0_high = 0;
  __asm__("xgetbv" : "=a"(xcr0_low), "=d"(xcr0_high) : "c"(0));
  if ((xcr0_low & 0x6U) != 0x6U) {
    return false;
  }
  return __get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx) != 0 && (ebx & bit_AVX2) != 0;
#elif defined(__aarch64__)
  return true;
#else
  return false;
#endif
}

// n, the one argument of fib, lucas and fib_iterative.
std::int64_t only_n(const char* function, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  const Parameters<1> parameters{function, {"n"}, 1};
  return signed_argument(match_arguments(parameters, args, nargs, kwnames)[0], "n");
}

py::object fib(PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  const std::int64_t n = only_n("fib", args, nargs, kwnames);
  if (fib::is_small_fib_n(n)) {
    return to_python_int(fib::small_fib(n));
  }
  return to_python_int(without_gil_if(is_long(n, long_call_from_n), [n] { return large_fib(n); }));
}

py::object lucas(PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  const std::int64_t n = only_n("lucas", args, nargs, kwnames);
  if (fib::is_small_lucas_n(n)) {
    return to_python_int(fib::small_lucas(n));
  }
  return to_python_int(without_gil_if(is_long(n, long_call_from_n), [n] { return large_lucas(n); }));
}

py::object fib_iterative(PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  const std::int64_t n = only_n("fib_iterative", args, nargs, kwnames);
  return to_python_int(without_gil_if(is_long(n, long_iterative_call_from_n),
                                      [n] { return fib::fib_iterative<fib::gmp_integer>(n); }));
}

py::object fib_mod(PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  const Parameters<2> parameters{"fib_mod", {"n", "m"}, 2};
  const auto matched = match_arguments(parameters, args, nargs, kwnames);
  const auto arguments = fib_pybind::fib_mod_arguments(matched[0], matched[1]);
  return fib_pybind::steal_result(PyLong_FromUnsignedLongLong(fib::fib_mod(arguments.n, arguments.m)));
}

py::object fib_str(PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  const Parameters<2> parameters{"fib_str", {"n", "base"}, 1};
  const auto matched = match_arguments(parameters, args, nargs, kwnames);
  const std::int64_t n = signed_argument(matched[0], "n");
  fib::require_within_max(n, "fib_str");  // n before base, as fib_python checks them
  const int base = matched[1] == nullptr ? 10 : fib_pybind::int_argument(matched[1], "base");
  fib::require_base(base, "fib_str");
  if (fib::is_small_fib_n(n)) {
    return fib_pybind::to_python_str(fib::to_text(fib::small_fib(n), base).view());
  }
  return fib_pybind::to_python_str(
      without_gil_if(is_long(n, long_call_from_n), [n, base] { return fib::to_string(large_fib(n), base); }));
}

// The benchmarks' floor for fib_mod: the same arithmetic behind the thinnest call CPython has
// (positional arguments read as they come, no checks beyond the C API's own), which is what any
// binding of fib::fib_mod costs at least. Not part of the API.
PyObject* fib_mod_floor(PyObject* /*module*/, PyObject* const* args, Py_ssize_t nargs) {
  if (nargs != 2) {
    PyErr_SetString(PyExc_TypeError, "_fib_mod_floor takes two arguments");
    return nullptr;
  }
  const unsigned long long n = PyLong_AsUnsignedLongLong(args[0]);
  const unsigned long long m = PyLong_AsUnsignedLongLong(args[1]);
  if (PyErr_Occurred() != nullptr) {
    return nullptr;
  }
  if (m == 0) {  // the one case fib::fib_mod throws for; nothing may be thrown through C
    PyErr_SetString(PyExc_ValueError, "m must be >= 1");
    return nullptr;
  }
  return PyLong_FromUnsignedLongLong(fib::fib_mod(n, m));
}

py::object set_threads(PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  const Parameters<1> parameters{"set_threads", {"threads"}, 1};
  const int threads = fib_pybind::int_argument(match_arguments(parameters, args, nargs, kwnames)[0], "threads");
  if (threads < 1 || threads > max_threads) {
    throw py::value_error("set_threads: threads must be 1 or " + std::to_string(max_threads));
  }
  threads_per_call.store(threads, std::memory_order_relaxed);
  return py::none();
}

py::object get_threads(PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  const Parameters<0> parameters{"get_threads", {}, 0};
  match_arguments(parameters, args, nargs, kwnames);
  return py::int_(threads_per_call.load(std::memory_order_relaxed));
}

PyMethodDef module_functions[] = {
    fast_call_method<fib>("fib", "fib($module, n)\n--\n\nF(n) by fast doubling; F(-n) = (-1)^(n+1) F(n); |n| <= MAX_N."),
    fast_call_method<fib_iterative>(
        "fib_iterative", "fib_iterative($module, n)\n--\n\nF(n) by the naive loop of n additions; 0 <= n <= MAX_ITERATIVE_N."),
    fast_call_method<lucas>("lucas", "lucas($module, n)\n--\n\nLucas number L(n); L(-n) = (-1)^n L(n); |n| <= MAX_N."),
    fast_call_method<fib_mod>("fib_mod",
                              "fib_mod($module, n, m)\n--\n\nF(n) mod m for 0 <= n < 2**64 and 1 <= m < 2**64."),
    fast_call_method<fib_str>("fib_str",
                              "fib_str($module, n, base=10)\n--\n\nF(n) as decimal or lowercase hex text, formatted by "
                              "GMP (no CPython digit limit)."),
    {"_fib_mod_floor", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&fib_mod_floor)), METH_FASTCALL,
     "_fib_mod_floor($module, n, m, /)\n--\n\nfib_mod without its checks: the benchmarks' floor for fib_mod."},
    fast_call_method<set_threads>(
        "set_threads", "set_threads($module, threads)\n--\n\nHow many threads (1 or 2) each large fib, lucas or fib_str call "
                       "may use from now on; more than one only where LARGE_N_PATH is 'flint'."),
    fast_call_method<get_threads>("get_threads", "get_threads($module)\n--\n\nThe threads set by set_threads (1 at first)."),
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace

PYBIND11_MODULE(FIB_PYBIND_MODULE, m, py::mod_gil_not_used()) {
  m.doc() = "Native Fibonacci numbers on GMP (fib-cpp wrapped with pybind11)";

  // The pybind11-bound private helpers below map C++ exceptions exactly as the public functions do.
  py::register_local_exception_translator([](std::exception_ptr error) {
    try {
      if (error) {
        std::rethrow_exception(error);
      }
    } catch (...) {
      fib_pybind::set_python_error();
    }
  });

  m.attr("__version__") = fib::version;
  m.attr("MAX_N") = fib::max_n;
  m.attr("MAX_ITERATIVE_N") = fib::max_iterative_n;
  m.attr("LARGE_N_PATH") = large_n_path;
  m.def("_cpu_runs_flint_build", &cpu_runs_flint_build,
        "Whether this CPU has what the FLINT build of the module was compiled for (__init__ asks).");
  if (PyModule_AddFunctions(m.ptr(), module_functions) != 0) {
    throw py::error_already_set();
  }

  // For the benchmarks' conversion share: fib() past the 128-bit tables split in its two halves,
  // so each can be timed from Python (the Emscripten build has no usable C++ clock: its time_t
  // differs from Pyodide's).
  // Local to the module: _core and _core_flint both bind the type, and pybind11 registers types
  // process-wide unless told otherwise.
  py::class_<fib::gmp_integer>(m, "_ComputedInteger", py::module_local())
      .def("to_int", [](const fib::gmp_integer& value) { return to_python_int(value); },
           "Converts to a Python int exactly as fib() does.");
  m.def(
      "_compute",
      [](py::handle n) {
        const std::int64_t index = signed_argument(n.ptr(), "n");
        py::gil_scoped_release release;
        return large_fib(index);
      },
      py::arg("n"), "F(n) left as a native integer (the compute half of fib()).");
}
