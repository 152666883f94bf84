// The fib_pybind._core extension: fib-cpp's GMP flavour behind the Python API of DESIGN.md.
// Results that fit in 128 bits come from fib-cpp's tables; larger ones from GMP's own
// mpz_fib_ui / mpz_lucnum_ui. Every long computation runs with the GIL released, so other
// Python threads keep running.
#include <pybind11/pybind11.h>

#include <cstdint>
#include <exception>

#include "fib/gmp.hpp"
#include "fib/small.hpp"
#include "native_function.hpp"
#include "python_arguments.hpp"
#include "to_python_int.hpp"

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
  return to_python_int(without_gil_if(is_long(n, long_call_from_n), [n] { return fib::gmp_fib(n); }));
}

py::object lucas(PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  const std::int64_t n = only_n("lucas", args, nargs, kwnames);
  if (fib::is_small_lucas_n(n)) {
    return to_python_int(fib::small_lucas(n));
  }
  return to_python_int(without_gil_if(is_long(n, long_call_from_n), [n] { return fib::gmp_lucas(n); }));
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
      without_gil_if(is_long(n, long_call_from_n), [n, base] { return fib::to_string(fib::gmp_fib(n), base); }));
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
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace

PYBIND11_MODULE(_core, m, py::mod_gil_not_used()) {
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
  if (PyModule_AddFunctions(m.ptr(), module_functions) != 0) {
    throw py::error_already_set();
  }

  // For the benchmarks' conversion share: fib() past the 128-bit tables split in its two halves,
  // so each can be timed from Python (the Emscripten build has no usable C++ clock: its time_t
  // differs from Pyodide's).
  py::class_<fib::gmp_integer>(m, "_ComputedInteger")
      .def("to_int", [](const fib::gmp_integer& value) { return to_python_int(value); },
           "Converts to a Python int exactly as fib() does.");
  m.def(
      "_compute",
      [](py::handle n) {
        const std::int64_t index = signed_argument(n.ptr(), "n");
        py::gil_scoped_release release;
        return fib::gmp_fib(index);
      },
      py::arg("n"), "F(n) left as a native integer (the compute half of fib()).");
}
