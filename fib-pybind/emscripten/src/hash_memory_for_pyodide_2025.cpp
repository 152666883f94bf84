// Linked into _core only for Pyodide 0.28/0.29 (CPython 3.13, ABI pyodide_2025_0).
//
// Why: we compile with Debian testing's Emscripten, whose libc++ 21 headers make std::hash of
// strings and memory blocks call std::__hash_memory, a function compiled into libc++. Those
// runtimes link the libc++ of Emscripten 4.0.9, which predates that function, so the module
// failed to load there with "cannot resolve symbol _ZNSt3__213__hash_memoryEPKvm". The module
// defines it itself, with the hash libc++ uses for it. Pyodide 314's libc++ has it: not built there.
#include <cstddef>
#include <functional>

_LIBCPP_BEGIN_NAMESPACE_STD

// Spelled as libc++ declares it: _LIBCPP_NOESCAPE is part of the function type.
size_t __hash_memory(_LIBCPP_NOESCAPE const void* data, size_t size) noexcept {
  return __murmur2_or_cityhash<size_t>()(data, size);
}

_LIBCPP_END_NAMESPACE_STD
