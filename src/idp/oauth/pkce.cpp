#include "idp/oauth/pkce.hpp"

#include <openssl/evp.h>

#include <array>

#include "core/encoding.hpp"
#include "idp/oauth/errors.hpp"

namespace ward::idp::oauth {
namespace {

bool is_unreserved(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

bool is_base64url_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
}

bool no_challenge(std::string_view challenge) { return challenge.empty() || challenge == "null"; }

}  // namespace

core::Result<PkceMethod> parse_challenge_method(std::string_view method) {
    if (method.empty() || method == "null") return PkceMethod::kNone;
    if (method == "S256") return PkceMethod::kS256;
    return make_error(OAuthError::kInvalidRequest, "Challenge method should be S256");
}

bool is_valid_code_verifier(std::string_view verifier) {
    if (verifier.size() < 43 || verifier.size() > 128) return false;
    for (char c : verifier) {
        if (!is_unreserved(c)) return false;
    }
    return true;
}

bool is_valid_s256_challenge(std::string_view challenge) {
    if (challenge.size() != 43) return false;
    for (char c : challenge) {
        if (!is_base64url_char(c)) return false;
    }
    // 43 characters carry 258 bits; the last character must leave the 2 spare bits zero.
    return core::base64url_decode(challenge).has_value();
}

std::string s256_challenge(std::string_view verifier) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int len = 0;
    int ok =
        EVP_Digest(verifier.data(), verifier.size(), digest.data(), &len, EVP_sha256(), nullptr);
    WARD_INVARIANT(ok == 1 && len == 32, "SHA-256 failed");
    return core::base64url_encode(
        std::string_view(reinterpret_cast<const char*>(digest.data()), len));
}

core::Result<std::string> check_authorization_pkce(std::string_view method,
                                                   std::string_view challenge, bool pkce_required) {
    WARD_TRY(PkceMethod m, parse_challenge_method(method));
    if (m == PkceMethod::kNone) {
        // RFC 7636 §4.3: an absent method means "plain", which Ward refuses (C5).
        if (!no_challenge(challenge)) {
            return make_error(OAuthError::kInvalidRequest, "Challenge method should be S256");
        }
        if (pkce_required) {
            return make_error(OAuthError::kInvalidRequest,
                              "This application requires PKCE: code_challenge is missing");
        }
        return std::string();
    }
    if (no_challenge(challenge)) {
        return make_error(OAuthError::kInvalidRequest, "code_challenge is missing");
    }
    if (!is_valid_s256_challenge(challenge)) {
        return make_error(OAuthError::kInvalidRequest,
                          "code_challenge must be 43 base64url characters");
    }
    return std::string(challenge);
}

core::Status verify_code_verifier(std::string_view stored_challenge, std::string_view verifier) {
    if (no_challenge(stored_challenge)) {
        if (!verifier.empty()) {
            return make_error(OAuthError::kInvalidGrant,
                              "code_verifier was sent but the authorization request had no "
                              "code_challenge");
        }
        return core::ok();
    }
    if (verifier.empty()) return make_error(OAuthError::kInvalidGrant, "code_verifier is required");
    if (!is_valid_code_verifier(verifier)) {
        return make_error(OAuthError::kInvalidRequest,
                          "code_verifier must be 43 to 128 unreserved characters");
    }
    if (!core::constant_time_equal(s256_challenge(verifier), stored_challenge)) {
        return make_error(OAuthError::kInvalidGrant, "verifier is invalid");
    }
    return core::ok();
}

}  // namespace ward::idp::oauth
