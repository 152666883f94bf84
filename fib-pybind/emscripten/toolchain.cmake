# CMake toolchain file: Python extension modules for Pyodide 0.25.1 (CPython 3.11 on
# wasm32-emscripten), built with Debian's emscripten 3.1.6.
#
# Every header and library comes from FIB_WASM_DEPS (default: <repo>/build/wasm), filled by
# scripts/build-pyodide-wheel.sh and scripts/build-wasm-gmp.sh:
#   python/include/python3.11   CPython 3.11 headers with a wasm32 pyconfig.h
#   root/include/boost          Boost 1.81 headers (a link to Debian's)
#   gmp-prefix/{include,lib}    GMP built for wasm32
# Never /usr/include itself: it would bring glibc's headers in front of Emscripten's libc.
#
# Use with scikit-build-core: -C cmake.args=--toolchain=<this file> (see build-pyodide-wheel.sh).

execute_process(COMMAND em-config EMSCRIPTEN_ROOT
  OUTPUT_VARIABLE FIB_EMSCRIPTEN_ROOT OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
include("${FIB_EMSCRIPTEN_ROOT}/cmake/Modules/Platform/Emscripten.cmake")
# Our platform file (cmake/Platform/Emscripten.cmake) wraps Debian's when CMake loads it again.
list(PREPEND CMAKE_MODULE_PATH "${CMAKE_CURRENT_LIST_DIR}/cmake")

get_filename_component(_fib_repo "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)
set(FIB_WASM_DEPS "${_fib_repo}/build/wasm" CACHE PATH "Headers and libraries for wasm32")

# find_path/find_library/find_package look only below these roots (Emscripten's sysroot first).
list(APPEND CMAKE_FIND_ROOT_PATH "${FIB_WASM_DEPS}/root" "${FIB_WASM_DEPS}/gmp-prefix")

# The build host's Python runs CMake's FindPython, but the headers are the target's. FORCE:
# scikit-build-core seeds the cache with the host's include directory.
set(Python_INCLUDE_DIR "${FIB_WASM_DEPS}/python/include/python3.11" CACHE PATH "" FORCE)
set(Python3_INCLUDE_DIR "${Python_INCLUDE_DIR}" CACHE PATH "" FORCE)
# Cross-compiling, FindPython takes the extension suffix (for python_add_library(... WITH_SOABI))
# from the target's python3.11-config, not from the build host's interpreter. It would search
# for that tool only after it has recorded the interpreter's properties, with an empty suffix
# (CMake 3.25-3.26), so the tool is named up front in FindPython's cache entry.
set(_fib_python_config "${CMAKE_CURRENT_LIST_DIR}/bin/wasm32-emscripten-python3.11-config")
set(_Python_CONFIG "${_fib_python_config}" CACHE INTERNAL "")
set(_Python3_CONFIG "${_fib_python_config}" CACHE INTERNAL "")
# pybind11_add_module names the module itself: tell pybind11 this is a cross build and what the
# target's suffix is, so it asks no interpreter (its documented toolchain-file variables).
set(PYBIND11_USE_CROSSCOMPILING ON CACHE BOOL "")
set(PYTHON_IS_DEBUG OFF CACHE INTERNAL "")
set(PYTHON_MODULE_EXTENSION ".cpython-311-wasm32-emscripten.so" CACHE INTERNAL "")
set(PYTHON_MODULE_DEBUG_POSTFIX "" CACHE INTERNAL "")

# -fPIC: side modules are relocatable. -fexceptions: C++ exceptions as Pyodide's main module
# implements them (Emscripten's JavaScript-based ones). _LIBCPP_DISABLE_EXTERN_TEMPLATE: instantiate
# libc++ templates here instead of importing them; Pyodide's newer libc++ no longer exports some
# that Emscripten 3.1.6's headers declare extern (__vector_base_common).
#
# Keeping the module's code private. Pyodide resolves a side module's imports in one global symbol
# table, searched before the module's own exports, so a symbol that is both exported and imported
# can be served by another module's copy of it (another GMP, another Boost). Hidden visibility keeps
# our functions out of that table, except for weak ones (template and inline functions): wasm-ld 14
# exports and imports weak symbols of a shared module whatever their visibility. Link-time
# optimisation resolves them inside the module first, and SIDE_MODULE=2 with an explicit export
# list (only the module's init function) leaves nothing else to export; it also takes from static
# libraries only what is used, where SIDE_MODULE=1 would link whole archives.
set(FIB_PYODIDE_EXPORTS "_PyInit__core" CACHE STRING
  "Comma-separated functions the side module exports (Emscripten names: leading underscore)")
set(_fib_compile_flags "-fPIC -fexceptions -DNDEBUG -fvisibility=hidden -flto")
set(CMAKE_C_FLAGS_INIT "${_fib_compile_flags}")
# fib_private_gmp.h declares GMP's API hidden when GMP is on the include path (see that file).
set(CMAKE_CXX_FLAGS_INIT "${_fib_compile_flags} -fvisibility-inlines-hidden -D_LIBCPP_DISABLE_EXTERN_TEMPLATE -include ${CMAKE_CURRENT_LIST_DIR}/include/fib_private_gmp.h")

# WASM_BIGINT: 64-bit integers cross the JS boundary as BigInt, as Pyodide's main module expects;
# without it the module's i64 exports are legalised and loading fails with "bad export type".
set(_fib_link_flags
  "-sSIDE_MODULE=2 -sEXPORTED_FUNCTIONS=${FIB_PYODIDE_EXPORTS} -sWASM_BIGINT -fexceptions -flto")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "${_fib_link_flags}")
set(CMAKE_MODULE_LINKER_FLAGS_INIT "${_fib_link_flags}")
