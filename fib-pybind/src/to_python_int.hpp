// Results to Python objects. Values of one or two machine words become ints directly, without a
// big-integer object; GMP integers cross as bytes, in linear time: GMP writes the magnitude as
// little-endian 64-bit words and CPython reads them. Decimal text would be quadratic on both
// sides and, past 4,300 digits, refused by CPython's int-to-str limit.
#pragma once

#include <pybind11/pybind11.h>

#include <gmp.h>

#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>

#include "fib/gmp.hpp"
#include "fib/small.hpp"

namespace fib_pybind {

namespace py = pybind11;

inline py::object steal_result(PyObject* raw) {
  if (raw == nullptr) {
    throw py::error_already_set();
  }
  return py::reinterpret_steal<py::object>(raw);
}

// An unsigned int from little-endian bytes (what int.from_bytes does, without the bytes object
// or the method call).
inline py::object from_little_endian(const unsigned char* bytes, std::size_t size) {
#if PY_VERSION_HEX >= 0x030D0000
  // Public from 3.13 on, where the private function below is no longer exported.
  return steal_result(PyLong_FromUnsignedNativeBytes(
      bytes, static_cast<Py_ssize_t>(size), Py_ASNATIVEBYTES_LITTLE_ENDIAN | Py_ASNATIVEBYTES_UNSIGNED_BUFFER));
#else
  return steal_result(_PyLong_FromByteArray(bytes, size, /*little_endian=*/1, /*is_signed=*/0));
#endif
}

inline py::object negated_if(py::object magnitude, bool negative) {
  return negative ? steal_result(PyNumber_Negative(magnitude.ptr())) : magnitude;
}

inline py::object to_python_int(const fib::small_integer& value) {
  if (value.high == 0 && value.low <= static_cast<std::uint64_t>(LLONG_MAX)) {  // one call, sign included
    const auto magnitude = static_cast<long long>(value.low);
    return steal_result(PyLong_FromLongLong(value.negative ? -magnitude : magnitude));
  }
  unsigned char bytes[16];
  for (int i = 0; i < 8; ++i) {
    bytes[i] = static_cast<unsigned char>(value.low >> (8 * i));
    bytes[8 + i] = static_cast<unsigned char>(value.high >> (8 * i));
  }
  return negated_if(from_little_endian(bytes, sizeof bytes), value.negative);
}

inline py::object to_python_int(const fib::gmp_integer& value) {
  const mpz_srcptr z = value.backend().data();
  const std::size_t words = (mpz_sizeinbase(z, 2) + 63) / 64;
  // Results up to 2 KB (n up to about 23,000) are exported on the stack.
  constexpr std::size_t stack_words = 256;
  std::uint64_t on_stack[stack_words];
  std::unique_ptr<std::uint64_t[]> on_heap;
  std::uint64_t* buffer = on_stack;
  if (words > stack_words) {
    on_heap.reset(new std::uint64_t[words]);
    buffer = on_heap.get();
  }
  std::size_t written = 0;
  // order -1: least significant word first; endian -1: little-endian words. Together the
  // buffer is plain little-endian bytes on any host.
  mpz_export(buffer, &written, -1, sizeof(std::uint64_t), -1, 0, z);
  return negated_if(from_little_endian(reinterpret_cast<const unsigned char*>(buffer), written * sizeof(std::uint64_t)),
                    mpz_sgn(z) < 0);
}

// ASCII text (digits and '-') to a str, copied once into the new object.
inline py::object to_python_str(std::string_view text) {
  py::object result = steal_result(PyUnicode_New(static_cast<Py_ssize_t>(text.size()), 127));
  std::memcpy(PyUnicode_DATA(result.ptr()), text.data(), text.size());
  return result;
}

}  // namespace fib_pybind
