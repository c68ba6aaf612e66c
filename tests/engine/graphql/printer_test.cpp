// Printer: parse(print(doc)) == doc (verification mode of STYLE.md §3.7 rule 8).
#include <gtest/gtest.h>

#include "engine/graphql/parser.hpp"
#include "engine/graphql/printer.hpp"

namespace ward::engine::graphql {
namespace {

void expect_round_trip(std::string_view text) {
    auto doc = parse(text);
    ASSERT_TRUE(doc.has_value()) << doc.error().message;
    const std::string printed = print(*doc);
    auto again = parse(printed);
    ASSERT_TRUE(again.has_value()) << again.error().message << "\n" << printed;
    EXPECT_EQ(*doc, *again) << printed;
    EXPECT_EQ(print(*again), printed);  // printing is a fixed point
}

TEST(GraphqlPrinterTest, PrintsInGraphqlJsLayout) {
    auto doc = parse("query Q($a:Int=1){dog(x:$a){name,...F}} fragment F on Dog{barkVolume}");
    ASSERT_TRUE(doc.has_value());
    EXPECT_EQ(print(*doc),
              "query Q($a: Int = 1) {\n  dog(x: $a) {\n    name\n    ...F\n  }\n}\n\n"
              "fragment F on Dog {\n  barkVolume\n}\n");
}

TEST(GraphqlPrinterTest, ShorthandQueryStaysShorthand) {
    auto doc = parse("{ a }");
    ASSERT_TRUE(doc.has_value());
    EXPECT_EQ(print(*doc), "{\n  a\n}\n");
}

TEST(GraphqlPrinterTest, RoundTripsOperationsAndFragments) {
    expect_round_trip(
        "query Q($id: ID!, $n: [Int!]! = [1, 2], $o: In = {a: null, b: [ENUM]} @v) @op { "
        "a: user(id: $id) @include(if: true) { name ...F ... on User @d { id } ... { x } } } "
        "mutation { m(x: 1.5e-3, y: -0, z: false) } subscription S { s } "
        "fragment F on User @f(a: 1) { name }");
}

TEST(GraphqlPrinterTest, RoundTripsStringsWithEscapesAndBlockStrings) {
    expect_round_trip(R"({ f(a: "q\"b\\s\n\t\u0001 é \u{1F600}", b: """ block "" \""" """) })");
}

TEST(GraphqlPrinterTest, RoundTripsTypeSystemMarkers) {
    expect_round_trip("type Foo { a: Int } scalar S union U = A | B directive @x on FIELD { a }");
}

TEST(GraphqlPrinterTest, PrintsValues) {
    auto v = parse_value("{a: [1, \"x\", ENUM, null, true], b: 2.5}");
    ASSERT_TRUE(v.has_value());
    EXPECT_EQ(print(*v), "{a: [1, \"x\", ENUM, null, true], b: 2.5}");
    EXPECT_EQ(print_string("a\"b\n"), "\"a\\\"b\\n\"");
}

TEST(GraphqlPrinterTest, EqualityIgnoresLocationsButNotContent) {
    auto a = parse("{ a(x: 1) }");
    auto b = parse("\n\n   {\n a(x: 1)\n}");
    auto c = parse("{ a(x: 2) }");
    ASSERT_TRUE(a && b && c);
    EXPECT_EQ(*a, *b);
    EXPECT_FALSE(*a == *c);
}

}  // namespace
}  // namespace ward::engine::graphql
