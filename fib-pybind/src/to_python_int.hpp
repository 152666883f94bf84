// Big integers cross into Python as bytes, in linear time: GMP writes the magnitude as
// little-endian 64-bit words and int.from_bytes reads them. Decimal text would be quadratic
// on both sides and, past 4,300 digits, refused by CPython's int-to-str limit.
#pragma once

#include <pybind11/pybind11.h>

#include <gmp.h>

#include <cstddef>
#include <string>

#include "fib/gmp.hpp"

namespace fib_pybind {

namespace py = pybind11;

// The magnitude of an integer as little-endian bytes, plus its sign. Needs no GIL.
struct ExportedInteger {
  std::string bytes;
  bool negative = false;
};

inline ExportedInteger export_integer(const fib::gmp_integer& value) {
  const mpz_srcptr z = value.backend().data();
  constexpr std::size_t word_bytes = 8;
  const std::size_t words = (mpz_sizeinbase(z, 2) + 8 * word_bytes - 1) / (8 * word_bytes);
  ExportedInteger exported;
  exported.negative = mpz_sgn(z) < 0;
  exported.bytes.resize(words * word_bytes);
  std::size_t written = 0;
  // order -1: least significant word first; endian -1: little-endian words. Together the
  // buffer is plain little-endian bytes on any host.
  mpz_export(exported.bytes.data(), &written, -1, word_bytes, -1, 0, z);
  exported.bytes.resize(written * word_bytes);
  return exported;
}

// Builds the Python int straight from the buffer (what int.from_bytes does, without the copy
// into a bytes object or the method call). Needs the GIL.
inline py::int_ to_python_int(const ExportedInteger& exported) {
#if PY_VERSION_HEX >= 0x030D0000
  // Public from 3.13 on, where the private function below is no longer exported.
  PyObject* raw = PyLong_FromUnsignedNativeBytes(
      exported.bytes.data(), static_cast<Py_ssize_t>(exported.bytes.size()),
      Py_ASNATIVEBYTES_LITTLE_ENDIAN | Py_ASNATIVEBYTES_UNSIGNED_BUFFER);
#else
  PyObject* raw = _PyLong_FromByteArray(reinterpret_cast<const unsigned char*>(exported.bytes.data()),
                                        exported.bytes.size(), /*little_endian=*/1, /*is_signed=*/0);
#endif
  if (raw == nullptr) {
    throw py::error_already_set();
  }
  auto magnitude = py::reinterpret_steal<py::int_>(raw);
  if (!exported.negative) {
    return magnitude;
  }
  PyObject* negated = PyNumber_Negative(magnitude.ptr());
  if (negated == nullptr) {
    throw py::error_already_set();
  }
  return py::reinterpret_steal<py::int_>(negated);
}

}  // namespace fib_pybind
