// JSON Web Key (RFC 7517) for the public keys Ward publishes and fetches, and for HMAC secrets:
// parse and emit kty, kid, alg, use, n/e, crv/x/y, k, x5c and x5t#S256. Private members ("d" ...)
// are ignored on input and never emitted: a JWK here is always a verification key or a secret.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"
#include "core/result.hpp"
#include "jose/algorithm.hpp"
#include "jose/key.hpp"

namespace ward::jose {

struct Jwk {
    Key key;
    std::string kid;               // empty when absent
    std::optional<Algorithm> alg;  // when set, tokens must use exactly this alg
    std::string use;               // "sig", "enc" or empty
    std::vector<std::string> x5c;  // standard base64 DER certificates, the key's own first
    std::string x5t_s256;          // base64url SHA-256 of the first certificate's DER, or empty
};

// Parses one JWK object. Errors: "invalid-jwk" (missing or mistyped members, bad base64url, a
// key that OpenSSL rejects, an alg that does not fit the key, x5c/x5t#S256 that do not match the
// key), "unsupported-key" (kty or crv Ward does not implement), "unsupported-alg" (an alg that is
// not a JWS algorithm Ward implements, including "none").
core::Result<Jwk> parse_jwk(const core::json::object& object);
core::Result<Jwk> parse_jwk(std::string_view json_text);

// Emits the JWK's public members in RFC 7517 order (kty, use, kid, alg, then key members, then
// x5c, x5t#S256); empty optional members are left out. For an oct key this includes "k": never
// publish one.
core::json::object to_json(const Jwk& jwk);

// A JWK for `key` with its x5c/x5t#S256 left empty. Errors as in Key::public_key().
core::Result<Jwk> make_jwk(const Key& key, std::string kid, std::optional<Algorithm> alg,
                           std::string use = "sig");

// RFC 7638 JWK thumbprint (SHA-256, base64url) of the key's required public members.
std::string thumbprint(const Key& key);

}  // namespace ward::jose
