// The fib_pybind._core extension: fib-cpp's GMP flavour behind the Python API of DESIGN.md.
// Every long computation runs with the GIL released, so other Python threads keep running.
#include <pybind11/pybind11.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include "fib/gmp.hpp"
#include "python_arguments.hpp"
#include "to_python_int.hpp"

namespace py = pybind11;
using fib::gmp_integer;
using fib_pybind::export_integer;
using fib_pybind::ExportedInteger;
using fib_pybind::signed_argument;
using fib_pybind::to_python_int;

namespace {

// Below these n a call takes a few microseconds, less than handing the GIL to another thread
// and taking it back would cost, so small calls keep it.
constexpr std::int64_t release_gil_from_n = 10'000;
constexpr std::int64_t release_gil_from_iterative_n = 1'000;

bool worth_releasing_gil(std::int64_t n, std::int64_t threshold) {
  return n >= threshold || n <= -threshold;
}

// Computes and exports (without the GIL when that is worth it), then builds the Python int.
template <class Compute>
py::int_ compute_to_python(bool release_gil, Compute compute) {
  ExportedInteger exported;
  {
    std::optional<py::gil_scoped_release> release;
    if (release_gil) {
      release.emplace();
    }
    exported = export_integer(compute());
  }
  return to_python_int(exported);
}

// Binds a function of n whose result is a big integer: argument checks, the computation (without
// the GIL from release_gil_from on) and the conversion to a Python int.
template <class Compute>
void def_big_integer_function(py::module_& m, const char* name, std::int64_t release_gil_from,
                              Compute compute, const char* doc) {
  m.def(
      name,
      [release_gil_from, compute](py::handle n) {
        const std::int64_t index = signed_argument(n);
        return compute_to_python(worth_releasing_gil(index, release_gil_from),
                                 [index, &compute] { return compute(index); });
      },
      py::arg("n"), doc);
}

int checked_base(py::handle base) {
  const std::int64_t value = signed_argument(base, "base");
  if (value != 10 && value != 16) {
    throw std::invalid_argument("fib_str: base must be 10 or 16");
  }
  return static_cast<int>(value);
}

}  // namespace

PYBIND11_MODULE(_core, m, py::mod_gil_not_used()) {
  m.doc() = "Native Fibonacci numbers on GMP (fib-cpp wrapped with pybind11)";

  // The library reports n past its maximum as std::out_of_range; the API promises
  // OverflowError (pybind11 alone would raise IndexError).
  py::register_local_exception_translator([](std::exception_ptr error) {
    try {
      if (error) {
        std::rethrow_exception(error);
      }
    } catch (const std::out_of_range& out_of_range) {
      PyErr_SetString(PyExc_OverflowError, out_of_range.what());
    }
  });

  m.attr("__version__") = fib::version;
  m.attr("MAX_N") = fib::max_n;
  m.attr("MAX_ITERATIVE_N") = fib::max_iterative_n;

  def_big_integer_function(m, "fib", release_gil_from_n,
                           [](std::int64_t n) { return fib::fib<gmp_integer>(n); },
                           "F(n) by fast doubling; F(-n) = (-1)^(n+1) F(n); |n| <= MAX_N.");
  def_big_integer_function(m, "fib_iterative", release_gil_from_iterative_n,
                           [](std::int64_t n) { return fib::fib_iterative<gmp_integer>(n); },
                           "F(n) by the naive loop of n additions; 0 <= n <= MAX_ITERATIVE_N.");
  def_big_integer_function(m, "lucas", release_gil_from_n,
                           [](std::int64_t n) { return fib::lucas<gmp_integer>(n); },
                           "Lucas number L(n); L(-n) = (-1)^n L(n); |n| <= MAX_N.");

  m.def(
      "fib_mod",
      [](py::handle n, py::handle modulus) {
        const auto arguments = fib_pybind::fib_mod_arguments(n, modulus);
        return fib::fib_mod(arguments.n, arguments.m);
      },
      py::arg("n"), py::arg("m"), "F(n) mod m for 0 <= n < 2**64 and 1 <= m < 2**64.");

  m.def(
      "fib_str",
      [](py::handle n, py::handle base) {
        const std::int64_t index = signed_argument(n);
        // The range of n is checked before base is looked at, as fib_python does.
        fib::detail::require_within_max(index, "fib_str");
        const int radix = checked_base(base);
        std::string text;
        {
          std::optional<py::gil_scoped_release> release;
          if (worth_releasing_gil(index, release_gil_from_n)) {
            release.emplace();
          }
          text = fib::fib_str<gmp_integer>(index, radix);
        }
        return py::str(text);
      },
      py::arg("n"), py::arg("base") = 10,
      "F(n) as decimal or lowercase hex text, formatted by GMP (no CPython digit limit).");

  // For the benchmarks' conversion share: fib() split in its two halves, so each can be timed
  // from Python (the Emscripten build has no usable C++ clock: its time_t differs from Pyodide's).
  py::class_<gmp_integer>(m, "_ComputedInteger")
      .def("to_int", [](const gmp_integer& value) { return to_python_int(export_integer(value)); },
           "Converts to a Python int exactly as fib() does.");
  m.def(
      "_compute",
      [](py::handle n) {
        const std::int64_t index = signed_argument(n);
        py::gil_scoped_release release;
        return fib::fib<gmp_integer>(index);
      },
      py::arg("n"), "F(n) left as a native integer (the compute half of fib()).");
}
