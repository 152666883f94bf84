#pragma once

#define FIB_VERSION_MAJOR 0
#define FIB_VERSION_MINOR 1
#define FIB_VERSION_PATCH 0

namespace fib {
inline constexpr const char* version = "0.1.0";
}  // namespace fib
