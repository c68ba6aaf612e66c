// The claims JSONPath subset (spec/hasura.md §1.3).
#include "engine/auth/json_path.hpp"

#include <gtest/gtest.h>

namespace ward::engine::auth {
namespace {

namespace json = core::json;

json::value doc() {
    return *core::parse_json(
        R"({"hasura":{"claims%":{"a":1},"roles":["u","e"]},"x.y":{"z":true},"list":[[0,1],[2,3]]})");
}

TEST(AuthJsonPathTest, RootIsTheDocument) {
    auto p = JsonPath::parse("$");
    ASSERT_TRUE(p.has_value());
    EXPECT_TRUE(p->steps().empty());
    auto d = doc();
    EXPECT_EQ(p->find(d), &d);
}

TEST(AuthJsonPathTest, DotBracketAndIndexSteps) {
    auto d = doc();
    EXPECT_EQ(JsonPath::parse("$.hasura.roles[1]")->find(d)->as_string(), "e");
    EXPECT_EQ(JsonPath::parse("$.hasura['claims%'].a")->find(d)->as_int64(), 1);
    EXPECT_EQ(JsonPath::parse(R"($["x.y"]["z"])")->find(d)->as_bool(), true);
    EXPECT_EQ(JsonPath::parse("$.list[1][0]")->find(d)->as_int64(), 2);
}

TEST(AuthJsonPathTest, MissingStepsGiveNull) {
    auto d = doc();
    for (std::string_view path : {"$.nope", "$.hasura.roles[2]", "$.hasura.roles.x", "$.hasura[0]",
                                  "$.list[0][0].k", "$['x.y'].z.w"}) {
        auto p = JsonPath::parse(path);
        ASSERT_TRUE(p.has_value()) << path;
        EXPECT_EQ(p->find(d), nullptr) << path;
    }
}

TEST(AuthJsonPathTest, MalformedPathsAreErrors) {
    const std::pair<std::string_view, std::string_view> cases[] = {
        {"", "expecting '$' at position 0"},
        {"hasura.claims", "expecting '$' at position 0"},
        {"$.", "expecting a key after '.' at position 2"},
        {"$..a", "expecting a key after '.' at position 2"},
        {"$[", "unterminated '[' at position 2"},
        {"$['a", "unterminated quoted key at position 3"},
        {"$['a'", "expecting ']' at position 5"},
        {"$[1", "expecting ']' at position 3"},
        {"$[-1]", "expecting an index or a quoted key at position 2"},
        {"$[x]", "expecting an index or a quoted key at position 2"},
        {"$[99999999999]", "index too large at position 2"},
        {"$a", "unexpected character 'a' at position 1"},
        {"$.a]", "unexpected character ']' at position 3"},
    };
    for (const auto& [path, message] : cases) {
        auto p = JsonPath::parse(path);
        ASSERT_FALSE(p.has_value()) << path;
        EXPECT_EQ(p.error().code(), "invalid-json-path");
        EXPECT_EQ(p.error().message(), message) << path;
    }
}

}  // namespace
}  // namespace ward::engine::auth
