// A call's arguments to C++ integers, with the exceptions the API documents. pybind11's own int
// casters accept bool and let a float through under some settings; these take only real ints
// and objects with __index__. The public functions are plain CPython fast calls (see
// native_function.hpp), so matching positional and keyword arguments to names happens here too.
#pragma once

#include <pybind11/pybind11.h>

#include <array>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

namespace fib_pybind {

namespace py = pybind11;

// A function's name and parameters; the first `required` have no default.
template <std::size_t Count>
struct Parameters {
  const char* function;
  std::array<const char*, Count> names;
  std::size_t required;
};

// The arguments of a fast call (positional ones, then those named in kwnames) in parameter
// order; a parameter that was not passed is nullptr. Raises TypeError as Python would.
template <std::size_t Count>
std::array<PyObject*, Count> match_arguments(const Parameters<Count>& parameters, PyObject* const* args,
                                             Py_ssize_t nargs, PyObject* kwnames) {
  const auto call_error = [&parameters](const std::string& problem) {
    return py::type_error(std::string(parameters.function) + "() " + problem);
  };
  std::array<PyObject*, Count> matched{};
  const auto positional = static_cast<std::size_t>(nargs);
  if (positional > Count) {
    throw call_error("takes at most " + std::to_string(Count) + " arguments (" + std::to_string(positional) +
                     " given)");
  }
  for (std::size_t i = 0; i < positional; ++i) {
    matched[i] = args[i];
  }
  const Py_ssize_t keywords = kwnames == nullptr ? 0 : PyTuple_GET_SIZE(kwnames);
  for (Py_ssize_t k = 0; k < keywords; ++k) {
    PyObject* key = PyTuple_GET_ITEM(kwnames, k);
    std::size_t i = 0;
    while (i < Count && PyUnicode_CompareWithASCIIString(key, parameters.names[i]) != 0) {
      ++i;
    }
    if (i == Count) {
      throw call_error("got an unexpected keyword argument '" + py::str(key).cast<std::string>() + "'");
    }
    if (matched[i] != nullptr) {
      throw call_error("got multiple values for argument '" + std::string(parameters.names[i]) + "'");
    }
    matched[i] = args[nargs + k];
  }
  for (std::size_t i = 0; i < parameters.required; ++i) {
    if (matched[i] == nullptr) {
      throw call_error("missing required argument '" + std::string(parameters.names[i]) + "'");
    }
  }
  return matched;
}

// Raises TypeError unless value is an int (not bool) or has __index__; returns it as an int.
inline py::int_ require_int(PyObject* value, const char* name) {
  if (PyLong_CheckExact(value)) {  // the common case, without a call to __index__
    return py::reinterpret_borrow<py::int_>(value);
  }
  if (PyBool_Check(value) || !PyIndex_Check(value)) {
    throw py::type_error(std::string(name) + " must be an int, not " +
                         py::str(py::type::handle_of(value).attr("__name__")).cast<std::string>());
  }
  PyObject* index = PyNumber_Index(value);
  if (index == nullptr) {  // __index__ raised: let its exception through
    throw py::error_already_set();
  }
  return py::reinterpret_steal<py::int_>(index);
}

// An int's value, clamped to 64 bits.
inline std::int64_t clamped_int64(PyObject* exact_int) {
  int overflow = 0;
  const long long result = PyLong_AsLongLongAndOverflow(exact_int, &overflow);
  if (overflow > 0) {
    return std::numeric_limits<std::int64_t>::max();
  }
  if (overflow < 0) {
    return std::numeric_limits<std::int64_t>::min();
  }
  return result;
}

// A signed argument (n, or fib_str's base). Ints beyond 64 bits are clamped: the library rejects
// anything past max_n with std::out_of_range, so clamping changes no outcome.
inline std::int64_t signed_argument(PyObject* value, const char* name) {
  if (PyLong_CheckExact(value)) {  // no reference to take, no __index__ to call
    return clamped_int64(value);
  }
  return clamped_int64(require_int(value, name).ptr());
}

// fib_str's base as an int; values beyond int are clamped, and rejected by fib::require_base.
inline int int_argument(PyObject* value, const char* name) {
  const std::int64_t wide = signed_argument(value, name);
  if (wide > INT_MAX) {
    return INT_MAX;
  }
  if (wide < INT_MIN) {
    return INT_MIN;
  }
  return static_cast<int>(wide);
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

inline FibModArguments fib_mod_arguments(PyObject* n_value, PyObject* m_value) {
  // The common case first: two ints that fit in a signed 64-bit word and pass both lower bounds.
  if (PyLong_CheckExact(n_value) && PyLong_CheckExact(m_value)) {
    int n_overflow = 0;
    int m_overflow = 0;
    const long long n = PyLong_AsLongLongAndOverflow(n_value, &n_overflow);
    const long long m = PyLong_AsLongLongAndOverflow(m_value, &m_overflow);
    if (n_overflow == 0 && m_overflow == 0 && n >= 0 && m >= 1) {
      return {static_cast<std::uint64_t>(n), static_cast<std::uint64_t>(m)};
    }
  }
  const py::int_ n = require_int(n_value, "n");
  const py::int_ m = require_int(m_value, "m");
  require_at_least(n, 0, "n");
  require_at_least(m, 1, "m");
  return {as_uint64(n), as_uint64(m)};
}

}  // namespace fib_pybind
