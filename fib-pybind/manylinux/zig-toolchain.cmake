# zig as the C and C++ compiler for manylinux2014 (glibc 2.17) wheels: zig carries glibc stubs of
# any version and its own libc++, which it links statically, so the module needs nothing newer
# than glibc 2.17 and no libstdc++ whatever the build machine has.
# The zig binary comes from the `ziglang` package; its path is in the environment variable ZIG,
# the CPU (x86_64 or aarch64) in FIB_ZIG_ARCH (fib-pybind/manylinux/zig_toolchain.py sets both).
# build_gmp.py compiles GMP for the same target.
set(FIB_ZIG_GLIBC 2.17)

foreach(variable ZIG FIB_ZIG_ARCH)
  if(NOT DEFINED ENV{${variable}})
    message(FATAL_ERROR "zig-toolchain.cmake: set ${variable} (fib-pybind/manylinux/zig_toolchain.py does)")
  endif()
endforeach()
set(FIB_ZIG_TARGET $ENV{FIB_ZIG_ARCH}-linux-gnu.${FIB_ZIG_GLIBC})
# A list: the compiler followed by the arguments it always needs (see CMAKE_<LANG>_COMPILER).
set(CMAKE_C_COMPILER "$ENV{ZIG}" cc -target ${FIB_ZIG_TARGET})
set(CMAKE_CXX_COMPILER "$ENV{ZIG}" c++ -target ${FIB_ZIG_TARGET})
