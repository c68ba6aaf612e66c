// Helpers for engine/auth tests: run a coroutine to completion, keys made once per process, and
// token builders (signed with jose, or hand-made for forged and malformed cases).
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <optional>
#include <string>

#include "core/encoding.hpp"
#include "core/json.hpp"
#include "http/router.hpp"
#include "jose/digest.hpp"
#include "jose/jwk.hpp"
#include "jose/jwt.hpp"
#include "jose/key.hpp"

namespace ward::engine::auth::test {

namespace json = core::json;

inline constexpr std::int64_t kNow = 1'700'000'000;
inline constexpr std::string_view kHsSecret = "this-is-a-shared-secret-of-40-characters!";

// Runs `aw` on a fresh io_context until it and everything it spawned finish.
template <typename T>
T run(boost::asio::awaitable<T> aw) {
    boost::asio::io_context ctx;
    std::optional<T> out;
    boost::asio::co_spawn(
        ctx, [&]() -> boost::asio::awaitable<void> { out.emplace(co_await std::move(aw)); },
        boost::asio::detached);
    ctx.run();
    return std::move(*out);
}

inline const jose::Key& rsa_key() {
    static const jose::Key key = *jose::Key::generate_rsa(2048);
    return key;
}
inline const jose::Key& other_rsa_key() {
    static const jose::Key key = *jose::Key::generate_rsa(2048);
    return key;
}
inline std::string rsa_public_pem() { return *rsa_key().public_pem(); }

// Serves a JWKS holding rsa_key()'s public key (kid "k1", RS256) at GET /jwks with
// `cache_control`, counting the fetches in `hits` (which must outlive the router).
inline void serve_rsa_jwks(http::Router& router, std::atomic<int>& hits,
                           std::string cache_control) {
    auto jwk = jose::make_jwk(*rsa_key().public_key(), "k1", jose::Algorithm::kRS256);
    ASSERT_TRUE(jwk.has_value());
    json::object body;
    body["keys"] = json::array{jose::to_json(*jwk)};
    router.get("/jwks",
               [&hits, jwks = core::to_json(body),
                cache_control](http::Request&) -> boost::asio::awaitable<http::Response> {
                   ++hits;
                   auto r = http::Response::json(200, jwks);
                   r.set_header("Cache-Control", cache_control);
                   co_return r;
               });
}

inline json::object hasura_claims(json::object extra = {}) {
    json::object ns;
    ns["x-hasura-allowed-roles"] = json::array{"user", "editor"};
    ns["x-hasura-default-role"] = "user";
    ns["x-hasura-user-id"] = "42";
    for (auto& [k, v] : extra) ns[k] = v;
    json::object claims;
    claims["sub"] = "42";
    claims["iat"] = kNow;
    claims["exp"] = kNow + 3600;
    claims["https://hasura.io/jwt/claims"] = std::move(ns);
    return claims;
}

inline std::string sign(const json::object& claims, jose::Algorithm alg, const jose::Key& key,
                        std::string_view kid = {}) {
    auto token = jose::sign_jwt(claims, alg, key, kid);
    EXPECT_TRUE(token.has_value());
    return token ? *token : std::string();
}

inline std::string hs256(const json::object& claims) {
    return sign(claims, jose::Algorithm::kHS256, *jose::Key::hmac_secret(std::string(kHsSecret)));
}

inline std::string rs256(const json::object& claims, std::string_view kid = {}) {
    return sign(claims, jose::Algorithm::kRS256, rsa_key(), kid);
}

// A token whose header and signature are made by hand: HMAC with any bytes as the secret (the
// public-key confusion attack), or no signature at all.
inline std::string hand_made(const json::object& header, const json::object& claims,
                             std::optional<std::string> hmac_secret) {
    std::string input = core::base64url_encode(core::to_json(header)) + "." +
                        core::base64url_encode(core::to_json(claims));
    std::string sig;
    if (hmac_secret) {
        sig = core::base64url_encode(jose::hmac(jose::DigestAlg::kSha256, *hmac_secret, input));
    }
    return input + "." + sig;
}

}  // namespace ward::engine::auth::test
