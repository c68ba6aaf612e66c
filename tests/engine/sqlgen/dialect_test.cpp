#include <gtest/gtest.h>

#include "engine/sqlgen/dialect.hpp"

namespace ward::engine::sqlgen {
namespace {

using catalog::ScalarType;

const Dialect& pg() { return postgres_dialect(); }
const Dialect& lite() { return sqlite_dialect(); }

TEST(SqlgenDialect, QuotesIdentifiersAndLiterals) {
    EXPECT_EQ(pg().quote_identifier("users"), "\"users\"");
    EXPECT_EQ(pg().quote_identifier("we\"ird"), "\"we\"\"ird\"");
    EXPECT_EQ(lite().quote_identifier("a\"\"b"), "\"a\"\"\"\"b\"");
    EXPECT_EQ(pg().string_literal("it's"), "'it''s'");
    EXPECT_EQ(pg().placeholder(3), "$3");
    EXPECT_EQ(lite().placeholder(12), "$12");
}

TEST(SqlgenDialect, QualifiesTables) {
    const metadata::TableName pub{.name = "users"};
    const metadata::TableName app{.schema = "app", .name = "t"};
    EXPECT_EQ(pg().table_name(pub), "\"public\".\"users\"");
    EXPECT_EQ(lite().table_name(pub), "\"users\"");
    EXPECT_EQ(lite().table_name(app), "\"app\".\"t\"");
}

TEST(SqlgenDialect, CastsParams) {
    EXPECT_EQ(pg().cast_param(1, ScalarType::kInt), "($1)::int4");
    EXPECT_EQ(pg().cast_param(2, ScalarType::kTimestamptz), "($2)::timestamptz");
    EXPECT_EQ(pg().cast_param(3, ScalarType::kOther, "citext"), "($3)::citext");
    // A catalog type name that is not a plain name is never spliced.
    EXPECT_EQ(pg().cast_param(4, ScalarType::kOther, "x); DROP"), "($4)::text");
    EXPECT_EQ(lite().cast_param(1, ScalarType::kInt), "CAST($1 AS INTEGER)");
    EXPECT_EQ(lite().cast_param(1, ScalarType::kFloat), "CAST($1 AS REAL)");
    EXPECT_EQ(lite().cast_param(1, ScalarType::kString), "CAST($1 AS TEXT)");
}

TEST(SqlgenDialect, BuildsJson) {
    const std::vector<JsonField> f{{"a", "x"}, {"b'", "y"}};
    EXPECT_EQ(pg().json_object(f), "json_build_object('a', x, 'b''', y)");
    EXPECT_EQ(lite().json_object(f), "json_object('a', x, 'b''', y)");
    EXPECT_EQ(pg().coalesce_json_array(pg().json_array_agg("j", "o")),
              "coalesce(json_agg(j ORDER BY o), '[]'::json)");
    EXPECT_EQ(lite().coalesce_json_array(lite().json_array_agg("j", "o")),
              "coalesce(json_group_array(json(j)), json('[]'))");
    EXPECT_EQ(lite().nested_json("SELECT 1"), "json((SELECT 1))");
    EXPECT_EQ(pg().json_as_text("j"), "(j)::text");
}

TEST(SqlgenDialect, NormalisesColumnOutput) {
    EXPECT_EQ(pg().column_json("c", ScalarType::kBoolean, false), "c");
    EXPECT_NE(lite().column_json("c", ScalarType::kBoolean, false).find("json('true')"),
              std::string::npos);
    EXPECT_EQ(pg().column_json("c", ScalarType::kBigint, true), "(c)::text");
    EXPECT_EQ(pg().column_json("c", ScalarType::kInt, true), "c");
    EXPECT_EQ(lite().column_json("c", ScalarType::kNumeric, true), "CAST(c AS TEXT)");
    EXPECT_EQ(lite().column_json("c", ScalarType::kJsonb, false), "json(c)");
}

TEST(SqlgenDialect, TextMatching) {
    EXPECT_EQ(*pg().text_match(TextMatch::kIlike, "a", "b"), "(a ILIKE b)");
    EXPECT_EQ(*pg().text_match(TextMatch::kNiregex, "a", "b"), "(a !~* b)");
    EXPECT_EQ(*lite().text_match(TextMatch::kIlike, "a", "b"), "(lower(a) LIKE lower(b))");
    EXPECT_NE(lite().text_match(TextMatch::kLike, "a", "b")->find("GLOB"), std::string::npos);
    for (auto op : {TextMatch::kRegex, TextMatch::kNregex, TextMatch::kIregex, TextMatch::kNiregex,
                    TextMatch::kSimilar, TextMatch::kNsimilar}) {
        auto r = lite().text_match(op, "a", "b");
        ASSERT_FALSE(r.has_value());
        EXPECT_EQ(r.error().code(), "not-supported");
    }
}

TEST(SqlgenDialect, OrderAndLimit) {
    EXPECT_EQ(pg().order_term("x", false, NullsOrder::kDefault), "x ASC NULLS LAST");
    EXPECT_EQ(pg().order_term("x", true, NullsOrder::kDefault), "x DESC NULLS FIRST");
    EXPECT_EQ(lite().order_term("x", true, NullsOrder::kLast), "x DESC NULLS LAST");
    EXPECT_EQ(pg().limit_offset("$1", std::nullopt), " LIMIT $1");
    EXPECT_EQ(pg().limit_offset(std::nullopt, "$2"), " OFFSET $2");
    EXPECT_EQ(lite().limit_offset(std::nullopt, "$2"), " LIMIT -1 OFFSET $2");
    EXPECT_EQ(lite().limit_offset(std::nullopt, std::nullopt), "");
    EXPECT_TRUE(pg().supports_distinct_on());
    EXPECT_FALSE(lite().supports_distinct_on());
    EXPECT_EQ(&dialect_for(DialectKind::kSqlite), &lite());
}

}  // namespace
}  // namespace ward::engine::sqlgen
