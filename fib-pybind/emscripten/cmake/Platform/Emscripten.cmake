# Debian's Emscripten platform file, then what a Pyodide extension module needs on top of it.
# CMake loads this file (found first on CMAKE_MODULE_PATH, see toolchain.cmake) after the
# toolchain file, so settings that the platform file would reset belong here.
include("${FIB_EMSCRIPTEN_ROOT}/cmake/Modules/Platform/Emscripten.cmake")

# Debian's file says Emscripten has no shared libraries, which turns MODULE libraries into static
# archives; Pyodide loads extension modules as wasm side modules, which CMake links like shared
# libraries.
set_property(GLOBAL PROPERTY TARGET_SUPPORTS_SHARED_LIBS TRUE)
set(CMAKE_SHARED_LIBRARY_SUFFIX ".so")
set(CMAKE_SHARED_MODULE_SUFFIX ".so")
