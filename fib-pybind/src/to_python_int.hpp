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

// Builds the Python int. Needs the GIL.
inline py::int_ to_python_int(const ExportedInteger& exported) {
  const py::handle int_type(reinterpret_cast<PyObject*>(&PyLong_Type));
  py::int_ magnitude = int_type.attr("from_bytes")(py::bytes(exported.bytes), "little");
  if (!exported.negative) {
    return magnitude;
  }
  return py::reinterpret_steal<py::int_>(PyNumber_Negative(magnitude.ptr()));
}

}  // namespace fib_pybind
