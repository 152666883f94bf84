#include "vectors.hpp"

#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>
#include <openssl/evp.h>

namespace fib_test {
namespace {

std::vector<ExactVector> exact_vectors(const nlohmann::json& entries) {
  std::vector<ExactVector> result;
  for (const auto& entry : entries) {
    result.push_back({entry.at("n").get<std::int64_t>(), entry.at("value").get<std::string>()});
  }
  return result;
}

std::vector<LargeVector> large_vectors(const nlohmann::json& entries) {
  std::vector<LargeVector> result;
  for (const auto& entry : entries) {
    result.push_back({entry.at("n").get<std::int64_t>(), entry.at("sign").get<int>(),
                      entry.at("digits").get<std::size_t>(), entry.at("bits").get<std::size_t>(),
                      entry.at("leading").get<std::string>(), entry.at("trailing").get<std::string>(),
                      entry.at("sha256").get<std::string>()});
  }
  return result;
}

std::vector<ModVector> mod_vectors(const nlohmann::json& entries) {
  std::vector<ModVector> result;
  for (const auto& entry : entries) {
    result.push_back({entry.at("n").get<std::uint64_t>(), entry.at("m").get<std::uint64_t>(),
                      entry.at("value").get<std::uint64_t>()});
  }
  return result;
}

Vectors load(const char* path) {
  std::ifstream file(path);
  if (!file) {
    throw std::runtime_error(std::string("cannot open the test vectors: ") + path);
  }
  const nlohmann::json json = nlohmann::json::parse(file);
  return {json.at("max_n").get<std::int64_t>(),
          json.at("max_iterative_n").get<std::int64_t>(),
          exact_vectors(json.at("fib")),
          exact_vectors(json.at("fib_hex")),
          exact_vectors(json.at("lucas")),
          large_vectors(json.at("fib_large")),
          mod_vectors(json.at("fib_mod"))};
}

}  // namespace

const Vectors& vectors() {
  static const Vectors loaded = load(FIB_VECTORS_FILE);
  return loaded;
}

std::string sha256_hex(const std::vector<unsigned char>& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("EVP_Digest(sha256) failed");
  }
  static const char hex_digits[] = "0123456789abcdef";
  std::string text;
  for (unsigned int i = 0; i < length; ++i) {
    text += hex_digits[digest[i] >> 4];
    text += hex_digits[digest[i] & 0x0f];
  }
  return text;
}

}  // namespace fib_test
