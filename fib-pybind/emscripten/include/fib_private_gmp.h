/* Force-included into every C++ file that the Pyodide toolchain compiles (fib-pybind/CMakeLists.txt).
 * GMP is linked into the side module as a static library built with hidden visibility, but
 * gmp.h declares its API with default visibility, and wasm-ld 14 exports a symbol that the
 * module refers to with default visibility even when its definition is hidden. Declaring GMP's
 * API hidden here, before anything else includes gmp.h (its include guard makes later includes
 * no-ops), keeps GMP out of the global symbol table that every Pyodide module shares. */
#if defined(__cplusplus) && __has_include(<gmp.h>)
/* gmp.h's own includes keep their normal visibility. */
#include <cstdio>
#include <iosfwd>
#include <limits.h>
#include <stddef.h>
#pragma GCC visibility push(hidden)
#include <gmp.h>
#pragma GCC visibility pop
#endif
