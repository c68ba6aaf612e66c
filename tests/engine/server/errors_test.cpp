// The engine's error vocabulary: one table, unique wire codes, Hasura's envelopes.
#include "engine/server/errors.hpp"

#include <gtest/gtest.h>

#include <set>

namespace ward::engine::server {
namespace {

TEST(EngineServerErrorsTest, WireCodesAreUniqueAndRoundTrip) {
    std::set<std::string_view> seen;
#define WARD_X(name, code, status)                                 \
    EXPECT_TRUE(seen.insert(code).second) << code;                 \
    EXPECT_EQ(parse_error_code(code), ErrorCode::name);            \
    EXPECT_EQ(wire_code(ErrorCode::name), std::string_view(code)); \
    EXPECT_EQ(http_status(ErrorCode::name), static_cast<unsigned>(status));
    WARD_ENGINE_ERROR_CODES(WARD_X)
#undef WARD_X
    EXPECT_EQ(parse_error_code("no-such-code"), std::nullopt);
    EXPECT_EQ(http_status(ErrorCode::kConflict), 409u);
}

TEST(EngineServerErrorsTest, RestAndGraphqlEnvelopes) {
    EngineError e =
        EngineError::make(ErrorCode::kAccessDenied, "restricted access : admin only", "$.args");
    EXPECT_EQ(
        core::to_json(e.to_rest_json()),
        R"({"path":"$.args","error":"restricted access : admin only","code":"access-denied"})");
    EXPECT_EQ(
        graphql_errors_body({e}),
        R"({"errors":[{"extensions":{"path":"$.args","code":"access-denied"},"message":"restricted access : admin only"}]})");
    e.internal = core::json::value("detail");
    EXPECT_FALSE(e.to_rest_json(false).contains("internal"));
    EXPECT_TRUE(e.to_rest_json(true).contains("internal"));
    EXPECT_TRUE(e.to_graphql_json(true)["extensions"].as_object().contains("internal"));
    EXPECT_EQ(EngineError::from_wire("invalid-jwt", "x").code, ErrorCode::kInvalidJwt);
    EXPECT_EQ(EngineError::from_wire("made-up", "x").code, ErrorCode::kUnexpected);
    e.status = 401;
    EXPECT_EQ(e.http_status(), 401u);
}

}  // namespace
}  // namespace ward::engine::server
