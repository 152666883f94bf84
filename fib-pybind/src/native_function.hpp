// The public functions are CPython fast calls (METH_FASTCALL | METH_KEYWORDS) rather than
// pybind11 functions: pybind11's dispatcher (overload records, argument vectors, casters) costs
// several times what F(90) itself does, and small n is where callers call most often.
// pybind11 still builds the module, the private classes and the Python objects.
#pragma once

#include <pybind11/pybind11.h>

#include <exception>
#include <new>
#include <stdexcept>

namespace fib_pybind {

namespace py = pybind11;

// Sets the Python exception the API documents for the C++ exception being handled:
// std::out_of_range (n past the maximum) and std::overflow_error are OverflowError,
// std::invalid_argument is ValueError, std::bad_alloc is MemoryError.
inline void set_python_error() noexcept {
  try {
    throw;
  } catch (py::error_already_set& error) {
    error.restore();
  } catch (const py::builtin_exception& error) {
    error.set_error();
  } catch (const std::out_of_range& error) {
    PyErr_SetString(PyExc_OverflowError, error.what());
  } catch (const std::overflow_error& error) {
    PyErr_SetString(PyExc_OverflowError, error.what());
  } catch (const std::invalid_argument& error) {
    PyErr_SetString(PyExc_ValueError, error.what());
  } catch (const std::bad_alloc&) {
    PyErr_NoMemory();
  } catch (const std::exception& error) {
    PyErr_SetString(PyExc_RuntimeError, error.what());
  } catch (...) {
    PyErr_SetString(PyExc_RuntimeError, "unknown C++ exception");
  }
}

using FastCallBody = py::object (*)(PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames);

// A fast-call entry point around body: its result, or the Python exception for what it threw.
template <FastCallBody body>
PyObject* fast_call(PyObject* /*module*/, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  try {
    return body(args, nargs, kwnames).release().ptr();
  } catch (...) {
    set_python_error();
    return nullptr;
  }
}

// A method table entry for fast_call<body>. doc starts with the signature line that
// inspect.signature (and mypy's stubtest) read: "name($module, n)\n--\n\n".
template <FastCallBody body>
inline PyMethodDef fast_call_method(const char* name, const char* doc) {
  return {name, reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&fast_call<body>)),
          METH_FASTCALL | METH_KEYWORDS, doc};
}

// Runs compute with the GIL released when the call is long enough for other threads to gain
// from it (handing the GIL over and taking it back costs more than a small call), and returns
// its result.
template <class Compute>
auto without_gil_if(bool long_call, Compute compute) {
  if (!long_call) {
    return compute();
  }
  py::gil_scoped_release released;
  return compute();
}

}  // namespace fib_pybind
