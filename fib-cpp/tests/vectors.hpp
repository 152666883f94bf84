// The shared test vectors (testdata/fibonacci.json), read once and handed out as plain structs,
// and the SHA-256 the large entries are checked with.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace fib_test {

struct ExactVector {
  std::int64_t n;
  std::string value;  // decimal, or lowercase hex for hex_vectors()
};

// F(n) too long to store whole: its size, both ends of its decimal form and a hash of its bytes.
struct LargeVector {
  std::int64_t n;
  int sign;
  std::size_t digits;
  std::size_t bits;
  std::string leading;
  std::string trailing;
  std::string sha256;  // of the big-endian bytes of |F(n)|, lowercase hex
};

struct ModVector {
  std::uint64_t n;
  std::uint64_t m;
  std::uint64_t value;
};

struct Vectors {
  std::int64_t max_n;
  std::int64_t max_iterative_n;
  std::vector<ExactVector> fib;
  std::vector<ExactVector> hex;
  std::vector<ExactVector> lucas;
  std::vector<LargeVector> large;
  std::vector<ModVector> mod;
};

// Parsed on first use from the file named by FIB_VECTORS_FILE (set by CMake).
const Vectors& vectors();

std::string sha256_hex(const std::vector<unsigned char>& bytes);

}  // namespace fib_test
