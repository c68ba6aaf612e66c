// PKCE (RFC 7636) with Ward's departure C5: only S256 ("plain" is refused), a code issued with a
// challenge cannot be redeemed without the matching verifier, and a verifier sent for a code that
// had no challenge is refused (RFC 9700 §2.1.1, against PKCE downgrade). Pure; no I/O.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace ward::idp::oauth {

enum class PkceMethod {
    kNone,  // no challenge was sent
    kS256,
};

// The code_challenge_method of an authorization request. "" and the literal "null" (which
// Casdoor's SPA sends) mean none; "S256" is S256. Anything else, "plain" included, fails with
// invalid_request "Challenge method should be S256".
core::Result<PkceMethod> parse_challenge_method(std::string_view method);

// RFC 7636 §4.1: 43 to 128 characters of [A-Z a-z 0-9 - . _ ~].
bool is_valid_code_verifier(std::string_view verifier);
// An S256 challenge: base64url without padding of a SHA-256 digest, i.e. 43 characters.
bool is_valid_s256_challenge(std::string_view challenge);

// BASE64URL(SHA256(ASCII(code_verifier))), RFC 7636 §4.2.
std::string s256_challenge(std::string_view verifier);

// Checks the PKCE part of an authorization request: `method`/`challenge` as received and whether
// the application requires PKCE. Returns the challenge to store with the code ("" when none).
// Failures (invalid_request): a bad method, a challenge that is not 43 base64url characters, a
// method without a challenge or the reverse, or no challenge when `pkce_required`.
core::Result<std::string> check_authorization_pkce(std::string_view method,
                                                   std::string_view challenge, bool pkce_required);

// Checks a token request's code_verifier against the challenge stored with the code ("" or
// "null" when none). Failures: invalid_grant when a verifier is missing, unexpected or wrong;
// invalid_request when it is malformed. Messages never contain the expected challenge (C12).
core::Status verify_code_verifier(std::string_view stored_challenge, std::string_view verifier);

}  // namespace ward::idp::oauth
