#include "jose/algorithm.hpp"

#include <array>
#include <utility>

namespace ward::jose {
namespace {

constexpr std::array<std::pair<std::string_view, Algorithm>, 13> kNames{{
    {"HS256", Algorithm::kHS256},
    {"HS384", Algorithm::kHS384},
    {"HS512", Algorithm::kHS512},
    {"RS256", Algorithm::kRS256},
    {"RS384", Algorithm::kRS384},
    {"RS512", Algorithm::kRS512},
    {"PS256", Algorithm::kPS256},
    {"PS384", Algorithm::kPS384},
    {"PS512", Algorithm::kPS512},
    {"ES256", Algorithm::kES256},
    {"ES384", Algorithm::kES384},
    {"ES512", Algorithm::kES512},
    {"EdDSA", Algorithm::kEdDSA},
}};

}  // namespace

std::optional<Algorithm> parse_algorithm(std::string_view name) {
    for (const auto& [text, alg] : kNames) {
        if (text == name) return alg;
    }
    return std::nullopt;
}

std::string_view to_string(Algorithm alg) {
    for (const auto& [text, a] : kNames) {
        if (a == alg) return text;
    }
    return "unknown";
}

AlgorithmFamily family(Algorithm alg) {
    switch (alg) {
        case Algorithm::kHS256:
        case Algorithm::kHS384:
        case Algorithm::kHS512:
            return AlgorithmFamily::kHmac;
        case Algorithm::kRS256:
        case Algorithm::kRS384:
        case Algorithm::kRS512:
            return AlgorithmFamily::kRsa;
        case Algorithm::kPS256:
        case Algorithm::kPS384:
        case Algorithm::kPS512:
            return AlgorithmFamily::kRsaPss;
        case Algorithm::kES256:
        case Algorithm::kES384:
        case Algorithm::kES512:
            return AlgorithmFamily::kEcdsa;
        case Algorithm::kEdDSA:
            return AlgorithmFamily::kEdDSA;
    }
    return AlgorithmFamily::kHmac;  // unreachable: the switch is exhaustive
}

HashAlg hash_of(Algorithm alg) {
    switch (alg) {
        case Algorithm::kHS256:
        case Algorithm::kRS256:
        case Algorithm::kPS256:
        case Algorithm::kES256:
            return HashAlg::kSha256;
        case Algorithm::kHS384:
        case Algorithm::kRS384:
        case Algorithm::kPS384:
        case Algorithm::kES384:
            return HashAlg::kSha384;
        case Algorithm::kHS512:
        case Algorithm::kRS512:
        case Algorithm::kPS512:
        case Algorithm::kES512:
        case Algorithm::kEdDSA:
            return HashAlg::kSha512;
    }
    return HashAlg::kSha256;  // unreachable
}

std::size_t hash_size(HashAlg hash) {
    switch (hash) {
        case HashAlg::kSha256:
            return 32;
        case HashAlg::kSha384:
            return 48;
        case HashAlg::kSha512:
            return 64;
    }
    return 32;  // unreachable
}

std::optional<std::string_view> curve_of(Algorithm alg) {
    switch (alg) {
        case Algorithm::kES256:
            return "P-256";
        case Algorithm::kES384:
            return "P-384";
        case Algorithm::kES512:
            return "P-521";
        default:
            return std::nullopt;
    }
}

}  // namespace ward::jose
