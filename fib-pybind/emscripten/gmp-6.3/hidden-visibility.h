/* Force-included into every GMP source file (CFLAGS -include). -fvisibility=hidden alone hides
   GMP's functions but not the variables that gmp.h declares extern (the allocation function
   pointers, __gmpn_bases, __gmp_binvert_limb_table): clang gives a declared-then-defined
   variable the declaration's default visibility, so the side module would export them to every
   other module of the Pyodide process. The pragma applies to declarations too. */
/* The C library's variables live in Pyodide's main module: declared before the pragma, they keep
   default visibility (declared hidden, stderr would be addressed as if the module defined it, and
   wasm-ld refuses such a relocation against an undefined symbol). */
#include <stdio.h>
#pragma GCC visibility push(hidden)
