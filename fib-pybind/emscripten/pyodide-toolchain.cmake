# CMake toolchain file: Python extension modules for Pyodide 314 (CPython 3.14) and 0.28/0.29
# (CPython 3.13), built with Debian testing's Emscripten inside the Debian testing root
# (build-support/debian-root.sh). build_pyodide_wheel.py passes it to scikit-build-core.
#
# Only the compiler, where headers and libraries come from, and the target Python: the compile and
# link options of the module itself are on the _core target (fib-pybind/CMakeLists.txt), so any
# Emscripten toolchain, pyodide-build's included, builds the same module.
#
# Set by the caller (-D):
#   FIB_WASM_ROOTS            folders searched for headers and libraries (here: one whose include/
#                             holds a link to Boost's headers); never /usr itself, whose glibc
#                             headers would shadow Emscripten's libc
#   FIB_PYTHON_INCLUDE_DIR    the target CPython's headers, with its wasm32 pyconfig.h
#   FIB_PYTHON_EXT_SUFFIX     the target's extension suffix (its sysconfig's EXT_SUFFIX)

execute_process(COMMAND em-config EMSCRIPTEN_ROOT
  OUTPUT_VARIABLE _fib_emscripten_root OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
include("${_fib_emscripten_root}/cmake/Modules/Platform/Emscripten.cmake")
# pybind11 strips release modules; the host's strip cannot read wasm.
find_program(_fib_emstrip emstrip REQUIRED)
set(CMAKE_STRIP "${_fib_emstrip}" CACHE FILEPATH "" FORCE)

# Try-compiles see the caller's settings too.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES
  FIB_WASM_ROOTS FIB_PYTHON_INCLUDE_DIR FIB_PYTHON_EXT_SUFFIX)
foreach(_fib_required FIB_WASM_ROOTS FIB_PYTHON_INCLUDE_DIR FIB_PYTHON_EXT_SUFFIX)
  if(NOT ${_fib_required})
    message(FATAL_ERROR "pyodide-toolchain.cmake needs -D${_fib_required}=...")
  endif()
endforeach()

# find_path/find_library look below Emscripten's sysroot and these roots only.
list(APPEND CMAKE_FIND_ROOT_PATH ${FIB_WASM_ROOTS})

# The build host's interpreter (the same CPython minor version) runs FindPython, but the headers
# and the suffix are the target's. FORCE: scikit-build-core seeds the cache with the host's
# include directory.
set(Python_INCLUDE_DIR "${FIB_PYTHON_INCLUDE_DIR}" CACHE PATH "" FORCE)
# pybind11_add_module names the module itself: these are pybind11's documented variables for a
# cross build, so it asks no interpreter for the suffix.
set(PYBIND11_USE_CROSSCOMPILING ON CACHE BOOL "")
set(PYTHON_IS_DEBUG OFF CACHE INTERNAL "")
set(PYTHON_MODULE_EXTENSION "${FIB_PYTHON_EXT_SUFFIX}" CACHE INTERNAL "")
set(PYTHON_MODULE_DEBUG_POSTFIX "" CACHE INTERNAL "")
