// Python objects to C++ integers with the exceptions the API documents. pybind11's own int
// casters accept bool and let a float through under some settings; these take only real ints
// and objects with __index__.
#pragma once

#include <pybind11/pybind11.h>

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

namespace fib_pybind {

namespace py = pybind11;

// Raises TypeError unless value is an int (not bool) or has __index__; returns it as an int.
inline py::int_ require_int(py::handle value, const char* name) {
  if (PyBool_Check(value.ptr()) || !PyIndex_Check(value.ptr())) {
    throw py::type_error(std::string(name) + " must be an int, not " +
                         std::string(py::str(py::type::handle_of(value).attr("__name__"))));
  }
  return py::reinterpret_steal<py::int_>(PyNumber_Index(value.ptr()));
}

// A signed argument (n, or fib_str's base). Ints beyond 64 bits are clamped: the library rejects
// anything past max_n with std::out_of_range, so clamping changes no outcome.
inline std::int64_t signed_argument(py::handle value, const char* name = "n") {
  const py::int_ n = require_int(value, name);
  int overflow = 0;
  const long long result = PyLong_AsLongLongAndOverflow(n.ptr(), &overflow);
  if (overflow > 0) {
    return std::numeric_limits<std::int64_t>::max();
  }
  if (overflow < 0) {
    return std::numeric_limits<std::int64_t>::min();
  }
  return result;
}

// An argument of fib_mod: 0 <= value <= 2^64 - 1, with at_least as its smallest valid value.
inline std::uint64_t fib_mod_argument(py::handle value, const char* name, int at_least) {
  const py::int_ number = require_int(value, name);
  if (PyObject_RichCompareBool(number.ptr(), py::int_(at_least).ptr(), Py_LT) == 1) {
    throw py::value_error(std::string("fib_mod: ") + name + " must be >= " +
                          std::to_string(at_least));
  }
  const unsigned long long result = PyLong_AsUnsignedLongLong(number.ptr());
  if (result == static_cast<unsigned long long>(-1) && PyErr_Occurred() != nullptr) {
    PyErr_Clear();
    throw std::overflow_error("fib_mod: n and m must be at most 2**64 - 1");  // OverflowError
  }
  return result;
}

}  // namespace fib_pybind
