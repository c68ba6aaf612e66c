#include "engine/metadata/session.hpp"

#include <gtest/gtest.h>

#include "test_util.hpp"

namespace ward::engine::metadata {
namespace {

using test::js;

// spec/hasura.md §2.3: "x-hasura-" prefix, case-insensitive.
TEST(MetadataSessionVariableTest, RecognisesPrefixInAnyCase) {
    EXPECT_TRUE(is_session_variable("x-hasura-user-id"));
    EXPECT_TRUE(is_session_variable("X-Hasura-User-Id"));
    EXPECT_TRUE(is_session_variable("X-HASURA-USER-ID"));
    EXPECT_TRUE(is_session_variable("x-hasura-"));
    EXPECT_FALSE(is_session_variable("x-hasura"));
    EXPECT_FALSE(is_session_variable("hasura-user-id"));
    EXPECT_FALSE(is_session_variable(" x-hasura-user-id"));
    EXPECT_FALSE(is_session_variable(""));
    EXPECT_FALSE(is_session_variable("user"));
}

TEST(MetadataSessionVariablesTest, StoresNamesLowerCasedAndLooksUpCaseInsensitively) {
    SessionVariables s;
    EXPECT_TRUE(s.set("X-Hasura-User-Id", "42"));
    EXPECT_TRUE(s.set("x-hasura-role", "user"));
    EXPECT_EQ(s.size(), 2u);
    EXPECT_EQ(s.get("x-hasura-user-id"), "42");
    EXPECT_EQ(s.get("X-HASURA-USER-ID"), "42");
    EXPECT_EQ(s.role(), "user");
    EXPECT_EQ(s.all().begin()->first, "x-hasura-role");
    EXPECT_FALSE(s.get("x-hasura-org-id").has_value());
}

TEST(MetadataSessionVariablesTest, RefusesNamesWithoutPrefix) {
    SessionVariables s;
    EXPECT_FALSE(s.set("authorization", "Bearer x"));
    EXPECT_FALSE(s.set("role", "admin"));
    EXPECT_TRUE(s.empty());
}

TEST(MetadataSessionVariablesTest, LaterSetInOtherCaseOverwrites) {
    SessionVariables s;
    s.set("x-hasura-user-id", "1");
    s.set("X-HASURA-USER-ID", "2");
    EXPECT_EQ(s.size(), 1u);
    EXPECT_EQ(s.get("x-hasura-user-id"), "2");
    EXPECT_TRUE(s.erase("X-Hasura-User-Id"));
    EXPECT_FALSE(s.erase("X-Hasura-User-Id"));
}

TEST(MetadataSessionVariablesTest, FromJsonKeepsOnlySessionVariables) {
    auto r = SessionVariables::from_json(
        js(R"({"X-Hasura-Role":"user","X-Hasura-User-Id":"7","content-type":"json"})")
            .get_object());
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->size(), 2u);
    EXPECT_EQ(test::compact(r->to_json()), R"({"x-hasura-role":"user","x-hasura-user-id":"7"})");
}

TEST(MetadataSessionVariablesTest, FromJsonRejectsNonStringValue) {
    auto r = SessionVariables::from_json(js(R"({"x-hasura-user-id":7})").get_object());
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, ErrorCode::kParseFailed);
    EXPECT_EQ(r.error().path, "$.x-hasura-user-id");
    EXPECT_EQ(r.error().message, "expected String, but encountered Number");
}

TEST(MetadataRoleNameTest, AcceptsOrdinaryNamesAndRefusesEmptyOrControlCharacters) {
    EXPECT_EQ(validate_role_name("user").value(), "user");
    EXPECT_EQ(validate_role_name("Team Lead").value(), "Team Lead");
    auto empty = validate_role_name("", "$.args.role");
    ASSERT_FALSE(empty.has_value());
    EXPECT_EQ(empty.error().message, "empty string not allowed");
    EXPECT_EQ(empty.error().path, "$.args.role");
    EXPECT_FALSE(validate_role_name("bad\nrole").has_value());
    EXPECT_FALSE(validate_role_name(std::string(256, 'r')).has_value());
    EXPECT_TRUE(validate_role_name(std::string(255, 'r')).has_value());
}

TEST(MetadataErrorVocabularyTest, CodesAndStatusesComeFromOneTable) {
    EXPECT_EQ(wire_code(ErrorCode::kAlreadyTracked), "already-tracked");
    EXPECT_EQ(wire_code(ErrorCode::kNotExists), "not-exists");
    EXPECT_EQ(wire_code(ErrorCode::kInvalidConfiguration), "invalid-configuration");
    EXPECT_EQ(http_status(ErrorCode::kParseFailed), 400);
    EXPECT_EQ(http_status(ErrorCode::kConflict), 409);
    MetadataError e{ErrorCode::kAlreadyExists, "$.args", "dup"};
    EXPECT_EQ(test::compact(e.to_json()),
              R"({"path":"$.args","error":"dup","code":"already-exists"})");
    EXPECT_EQ(e.to_core().code(), "already-exists");
    EXPECT_TRUE(e.to_core().is(core::ErrorKind::kAlreadyExists));
}

}  // namespace
}  // namespace ward::engine::metadata
