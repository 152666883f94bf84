# zig as the C and C++ compiler for manylinux2014 (x86_64, glibc 2.17) wheels: zig carries glibc
# stubs of any version and its own libc++, which it links statically, so the module needs nothing
# newer than glibc 2.17 and no libstdc++ whatever the build machine has.
# The zig binary comes from the `ziglang` package; its path is in the environment variable ZIG
# (fib-pybind/manylinux/zig_toolchain.py sets it). build_gmp.py compiles GMP for the target named here.
set(FIB_ZIG_TARGET x86_64-linux-gnu.2.17)

if(NOT DEFINED ENV{ZIG})
  message(FATAL_ERROR "zig-toolchain.cmake: set ZIG to the zig binary of the ziglang package")
endif()
# A list: the compiler followed by the arguments it always needs (see CMAKE_<LANG>_COMPILER).
set(CMAKE_C_COMPILER "$ENV{ZIG}" cc -target ${FIB_ZIG_TARGET})
set(CMAKE_CXX_COMPILER "$ENV{ZIG}" c++ -target ${FIB_ZIG_TARGET})
