// Micro-benchmarks for jose: sign and verify per algorithm on the compact-JWS path the IdP and
// the engine use, and base64url on a 1 KiB buffer. Compare verify with `openssl speed -seconds 3
// rsa2048 ecdsap256` on the same machine (one core): the target is >= 90% of its verify/s.
#include <benchmark/benchmark.h>

#include <string>

#include "core/encoding.hpp"
#include "jose/jws.hpp"
#include "jose/jwt.hpp"
#include "jose/key.hpp"

namespace ward::jose {
namespace {

Key make_key(Algorithm alg) {
    switch (family(alg)) {
        case AlgorithmFamily::kHmac:
            return Key::hmac_secret(std::string(64, 'k')).value();
        case AlgorithmFamily::kRsa:
        case AlgorithmFamily::kRsaPss:
            return Key::generate_rsa(2048).value();
        case AlgorithmFamily::kEcdsa:
            return Key::generate_ec(*curve_of(alg)).value();
        case AlgorithmFamily::kEdDSA:
            return Key::generate_ed25519();
    }
    return Key::generate_ed25519();
}

// A typical access token payload (Casdoor JWT format, trimmed).
const std::string kPayload =
    R"({"owner":"built-in","name":"alice","id":"6c1e5c3e-6d53-4f3c-9a2b-3f1f2b4c5d6e",)"
    R"("iss":"http://localhost:8000","sub":"6c1e5c3e-6d53-4f3c-9a2b-3f1f2b4c5d6e",)"
    R"("aud":["client-1"],"exp":4102444800,"nbf":1700000000,"iat":1700000000,)"
    R"("https://hasura.io/jwt/claims":{"x-hasura-allowed-roles":["user"],)"
    R"("x-hasura-default-role":"user","x-hasura-user-id":"alice"}})";

void BM_Sign(benchmark::State& state, Algorithm alg) {
    Key key = make_key(alg);
    core::json::object header;
    header["kid"] = "cert-built-in";
    header["typ"] = "JWT";
    for (auto _ : state) {
        auto token = sign_compact(header, kPayload, alg, key);
        benchmark::DoNotOptimize(token);
    }
}

// Signature check only (the token is parsed once), as `openssl speed` measures.
void BM_VerifySignature(benchmark::State& state, Algorithm alg) {
    Key key = make_key(alg);
    Key pub = key.is_symmetric() ? key : key.public_key().value();
    std::string token = sign_compact({}, kPayload, alg, key).value();
    ParsedJws jws = parse_compact(token).value();
    for (auto _ : state) {
        auto ok = verify(jws, pub);
        if (!ok) state.SkipWithError("verify failed");
        benchmark::DoNotOptimize(ok);
    }
}

// The engine's whole per-request path: parse, select by kid, verify, parse claims, check them.
void BM_VerifyJwt(benchmark::State& state, Algorithm alg) {
    Key key = make_key(alg);
    JwkSet set({make_jwk(key, "cert-built-in", alg).value()});
    std::string token =
        sign_jwt(core::parse_json(kPayload)->as_object(), alg, key, "cert-built-in").value();
    ClaimCheck check;
    check.audiences = {"client-1"};
    for (auto _ : state) {
        auto jwt = verify_jwt(token, set, 1'700'000'100, check);
        if (!jwt) state.SkipWithError("verify_jwt failed");
        benchmark::DoNotOptimize(jwt);
    }
}

#define WARD_JOSE_BENCH(alg)                                                          \
    BENCHMARK_CAPTURE(BM_Sign, alg, Algorithm::k##alg);                               \
    BENCHMARK_CAPTURE(BM_VerifySignature, alg, Algorithm::k##alg)->ThreadRange(1, 2); \
    BENCHMARK_CAPTURE(BM_VerifyJwt, alg, Algorithm::k##alg)

WARD_JOSE_BENCH(RS256);
WARD_JOSE_BENCH(RS512);
WARD_JOSE_BENCH(PS256);
WARD_JOSE_BENCH(ES256);
WARD_JOSE_BENCH(ES384);
WARD_JOSE_BENCH(EdDSA);
WARD_JOSE_BENCH(HS256);

void BM_Base64UrlEncode1KiB(benchmark::State& state) {
    std::string data(1024, '\0');
    for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>(i * 31);
    for (auto _ : state) benchmark::DoNotOptimize(core::base64url_encode(data));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * 1024);
}
BENCHMARK(BM_Base64UrlEncode1KiB);

void BM_Base64UrlDecode1KiB(benchmark::State& state) {
    std::string data(1024, '\0');
    for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>(i * 31);
    std::string text = core::base64url_encode(data);
    for (auto _ : state) benchmark::DoNotOptimize(core::base64url_decode(text));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * 1024);
}
BENCHMARK(BM_Base64UrlDecode1KiB);

}  // namespace
}  // namespace ward::jose

BENCHMARK_MAIN();
