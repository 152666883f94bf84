// F(n) and L(n) while they fit in 128 bits, looked up in tables the compiler builds, and their
// text written into a fixed buffer: no big-integer arithmetic and no allocation. For bindings
// whose per-call cost at small n is what their callers feel (a big-integer library spends more
// on creating and freeing its objects than on adding two words).
// Plain C++17 on 64-bit words: no 128-bit compiler type is needed (MSVC, wasm32 alike).
#pragma once

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "fib/format.hpp"
#include "fib/limits.hpp"

namespace fib {

// An integer of at most 128 bits: its sign and its magnitude in two 64-bit words.
struct small_integer {
  std::uint64_t low = 0;
  std::uint64_t high = 0;
  bool negative = false;
};

// The largest |n| whose F(n) / L(n) fits in 128 bits: F(187) and L(185) need 129.
inline constexpr std::int64_t max_small_fib_n = 186;
inline constexpr std::int64_t max_small_lucas_n = 184;

namespace detail {

struct word_pair {
  std::uint64_t low;
  std::uint64_t high;
};

// Used only while the compiler builds the tables, so a table one entry too long, whose last term
// would need 129 bits, fails to compile instead of wrapping around.
constexpr word_pair add(word_pair a, word_pair b) {
  const std::uint64_t low = a.low + b.low;
  const std::uint64_t partial = a.high + b.high;
  const std::uint64_t high = partial + (low < a.low ? 1 : 0);
  if (partial < a.high || high < partial) {
    throw std::overflow_error("the sequence does not fit in 128 bits");
  }
  return {low, high};
}

// The first Size terms of the sequence x(k+2) = x(k+1) + x(k) from x(0), x(1).
template <std::size_t Size>
constexpr std::array<word_pair, Size> sequence(word_pair first, word_pair second) {
  std::array<word_pair, Size> terms{};
  terms[0] = first;
  terms[1] = second;
  for (std::size_t k = 2; k < Size; ++k) {
    terms[k] = add(terms[k - 1], terms[k - 2]);
  }
  return terms;
}

inline constexpr auto fib_table = sequence<max_small_fib_n + 1>({0, 0}, {1, 0});
inline constexpr auto lucas_table = sequence<max_small_lucas_n + 1>({2, 0}, {1, 0});

inline std::uint64_t small_magnitude(std::int64_t n, std::int64_t max_small_n, const char* function) {
  if (n < -max_small_n || n > max_small_n) {
    throw std::out_of_range(std::string(function) + ": |n| must be at most " +
                            std::to_string(max_small_n));
  }
  return static_cast<std::uint64_t>(n < 0 ? -n : n);
}

}  // namespace detail

constexpr bool is_small_fib_n(std::int64_t n) { return -max_small_fib_n <= n && n <= max_small_fib_n; }
constexpr bool is_small_lucas_n(std::int64_t n) {
  return -max_small_lucas_n <= n && n <= max_small_lucas_n;
}

// F(n) for |n| <= max_small_fib_n; F(-n) = (-1)^(n+1) F(n). Throws std::out_of_range otherwise.
inline small_integer small_fib(std::int64_t n) {
  const std::uint64_t k = detail::small_magnitude(n, max_small_fib_n, "small_fib");
  const detail::word_pair value = detail::fib_table[k];
  return {value.low, value.high, n < 0 && k % 2 == 0 && k != 0};
}

// L(n) for |n| <= max_small_lucas_n; L(-n) = (-1)^n L(n). Throws std::out_of_range otherwise.
inline small_integer small_lucas(std::int64_t n) {
  const std::uint64_t k = detail::small_magnitude(n, max_small_lucas_n, "small_lucas");
  const detail::word_pair value = detail::lucas_table[k];
  return {value.low, value.high, n < 0 && k % 2 == 1};
}

// Text of a small_integer held in place: at most a sign and 39 decimal digits.
struct small_text {
  std::array<char, 40> chars{};
  std::size_t size = 0;

  std::string_view view() const { return {chars.data(), size}; }
};

namespace detail {

// Appends the digits of value, left-padded with zeros to width (0: no padding).
inline char* put_digits(char* out, std::uint64_t value, int base, int width) {
  char digits[20];
  const auto written = std::to_chars(digits, digits + sizeof digits, value, base).ptr - digits;
  for (auto pad = width - written; pad > 0; --pad) {
    *out++ = '0';
  }
  for (std::ptrdiff_t i = 0; i < written; ++i) {
    *out++ = digits[i];
  }
  return out;
}

}  // namespace detail

// Decimal or lowercase hex, no prefix, '-' for negatives: what fib::to_string writes.
// Throws std::invalid_argument for any other base.
inline small_text to_text(const small_integer& value, int base = 10) {
  require_base(base, "to_text");
  small_text text;
  char* out = text.chars.data();
  if (value.negative) {
    *out++ = '-';
  }
  if (base == 16) {
    out = value.high != 0 ? detail::put_digits(detail::put_digits(out, value.high, 16, 0), value.low, 16, 16)
                          : detail::put_digits(out, value.low, 16, 0);
  } else {
    // Base 10^9 by long division on 32-bit pieces, so that no 128-bit division is needed.
    constexpr std::uint64_t chunk_base = 1'000'000'000;
    std::uint64_t pieces[4] = {value.high >> 32, value.high & 0xffffffffU, value.low >> 32,
                               value.low & 0xffffffffU};  // most significant first
    std::uint64_t chunks[5];  // least significant first; 2^128 < 10^45
    int count = 0;
    do {
      std::uint64_t remainder = 0;
      for (std::uint64_t& piece : pieces) {
        const std::uint64_t current = (remainder << 32) | piece;
        piece = current / chunk_base;
        remainder = current % chunk_base;
      }
      chunks[count++] = remainder;
    } while ((pieces[0] | pieces[1] | pieces[2] | pieces[3]) != 0);
    out = detail::put_digits(out, chunks[count - 1], 10, 0);
    for (int i = count - 2; i >= 0; --i) {
      out = detail::put_digits(out, chunks[i], 10, 9);
    }
  }
  text.size = static_cast<std::size_t>(out - text.chars.data());
  return text;
}

}  // namespace fib
