// The fib_pybind._core extension: fib-cpp's GMP flavour behind the Python API of DESIGN.md.
// Every long computation runs with the GIL released, so other Python threads keep running.
#include <pybind11/pybind11.h>

#include <cstdint>
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

// Computes and exports without the GIL, then builds the Python int with it.
template <class Compute>
py::int_ compute_to_python(Compute compute) {
  ExportedInteger exported;
  {
    py::gil_scoped_release release;
    exported = export_integer(compute());
  }
  return to_python_int(exported);
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

  m.attr("__version__") = FIB_PYBIND_VERSION;
  m.attr("MAX_N") = fib::max_n;
  m.attr("MAX_ITERATIVE_N") = fib::max_iterative_n;

  m.def(
      "fib",
      [](py::handle n) {
        const std::int64_t index = signed_argument(n);
        return compute_to_python([index] { return fib::fib<gmp_integer>(index); });
      },
      py::arg("n"), "F(n) by fast doubling; F(-n) = (-1)^(n+1) F(n); |n| <= MAX_N.");

  m.def(
      "fib_iterative",
      [](py::handle n) {
        const std::int64_t index = signed_argument(n);
        return compute_to_python([index] { return fib::fib_iterative<gmp_integer>(index); });
      },
      py::arg("n"), "F(n) by the naive loop of n additions; 0 <= n <= MAX_ITERATIVE_N.");

  m.def(
      "lucas",
      [](py::handle n) {
        const std::int64_t index = signed_argument(n);
        return compute_to_python([index] { return fib::lucas<gmp_integer>(index); });
      },
      py::arg("n"), "Lucas number L(n); L(-n) = (-1)^n L(n); |n| <= MAX_N.");

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
        const int radix = checked_base(base);
        std::string text;
        {
          py::gil_scoped_release release;
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
