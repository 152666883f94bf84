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
  if (PyLong_CheckExact(value.ptr())) {  // the common case, without a call to __index__
    return py::reinterpret_borrow<py::int_>(value);
  }
  if (PyBool_Check(value.ptr()) || !PyIndex_Check(value.ptr())) {
    throw py::type_error(std::string(name) + " must be an int, not " +
                         std::string(py::str(py::type::handle_of(value).attr("__name__"))));
  }
  PyObject* index = PyNumber_Index(value.ptr());
  if (index == nullptr) {  // __index__ raised: let its exception through
    throw py::error_already_set();
  }
  return py::reinterpret_steal<py::int_>(index);
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

// fib_mod's arguments, checked in the order the pure-Python twin checks them: both types, then
// both lower bounds, then the 64-bit ceiling.
struct FibModArguments {
  std::uint64_t n;
  std::uint64_t m;
};

inline void require_at_least(const py::int_& value, long long lowest, const char* name) {
  int overflow = 0;
  const long long small = PyLong_AsLongLongAndOverflow(value.ptr(), &overflow);
  if (overflow < 0 || (overflow == 0 && small < lowest)) {
    throw py::value_error(std::string("fib_mod: ") + name + " must be >= " + std::to_string(lowest));
  }
}

inline std::uint64_t as_uint64(const py::int_& value) {
  const unsigned long long result = PyLong_AsUnsignedLongLong(value.ptr());
  if (result == static_cast<unsigned long long>(-1) && PyErr_Occurred() != nullptr) {
    PyErr_Clear();
    throw std::overflow_error("fib_mod: n and m must be at most 2**64 - 1");  // OverflowError
  }
  return result;
}

inline FibModArguments fib_mod_arguments(py::handle n_value, py::handle m_value) {
  const py::int_ n = require_int(n_value, "n");
  const py::int_ m = require_int(m_value, "m");
  require_at_least(n, 0, "n");
  require_at_least(m, 1, "m");
  return {as_uint64(n), as_uint64(m)};
}

}  // namespace fib_pybind
