#pragma once

// The project's version, written only here: fib-cpp's and fib-pybind's CMake, scikit-build-core
// (fib-pybind's wheel) and hatchling (fib-python's wheel) all read it from this line.
#define FIB_VERSION "0.1.0"

namespace fib {
inline constexpr const char* version = FIB_VERSION;
}  // namespace fib
