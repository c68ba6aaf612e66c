#include "core/json.hpp"

#include <gtest/gtest.h>

namespace ward::core {
namespace {

TEST(JsonTest, ParsesAndReadsFields) {
    auto v = parse_json(R"({"a": "x", "n": 5, "b": true, "o": {}, "l": [1], "d": 2.0})");
    ASSERT_TRUE(v) << v.error().to_string();
    const auto& o = v->as_object();
    EXPECT_EQ(get_string(o, "a"), "x");
    EXPECT_EQ(get_int(o, "n"), 5);
    EXPECT_EQ(get_int(o, "d"), 2);
    EXPECT_EQ(get_bool(o, "b"), true);
    EXPECT_NE(get_object(o, "o"), nullptr);
    EXPECT_NE(get_array(o, "l"), nullptr);
    // Wrong types and missing keys give nothing, never throw.
    EXPECT_EQ(get_string(o, "n"), std::nullopt);
    EXPECT_EQ(get_int(o, "a"), std::nullopt);
    EXPECT_EQ(get_bool(o, "missing"), std::nullopt);
    EXPECT_EQ(get_object(o, "l"), nullptr);
}

TEST(JsonTest, RejectsMalformedInput) {
    for (const char* bad : {"", "{", "{\"a\":}", "[1,]", "nul", "{} {}", "\"\\x\"", "{'a':1}"}) {
        auto r = parse_json(bad);
        ASSERT_FALSE(r) << bad;
        EXPECT_EQ(r.error().code(), "invalid-json") << bad;
    }
}

TEST(JsonTest, EnforcesLimits) {
    std::string deep(200, '[');
    deep += std::string(200, ']');
    auto r = parse_json(deep, {.max_bytes = 1 << 20, .max_depth = 64});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code(), "json-too-deep");
    auto big = parse_json(std::string(100, ' ') + "1", {.max_bytes = 50, .max_depth = 8});
    ASSERT_FALSE(big);
    EXPECT_EQ(big.error().code(), "json-too-large");
}

TEST(JsonTest, ObjectsAndArraysSerializeCompactlyInOrder) {
    json::object o;
    o["b"] = 1;
    o["a"] = json::array{true, nullptr, "x\"y"};
    EXPECT_EQ(to_json(o), R"({"b":1,"a":[true,null,"x\"y"]})");
    EXPECT_EQ(to_json(*get_array(o, "a")), R"([true,null,"x\"y"])");
    EXPECT_EQ(to_json(json::value(o)), to_json(o));
}

TEST(JsonTest, QuotesStrings) {
    EXPECT_EQ(quote_json("a\"b\\c\n\x01"), "\"a\\\"b\\\\c\\n\\u0001\"");
    EXPECT_EQ(quote_json("héllo"), "\"héllo\"");
    auto back = parse_json(quote_json(std::string("x\x1fy\tz")));
    ASSERT_TRUE(back);
    EXPECT_EQ(back->as_string(), "x\x1fy\tz");
}

}  // namespace
}  // namespace ward::core
