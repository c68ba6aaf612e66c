#include <gtest/gtest.h>

#include "engine/sqlgen/cases.hpp"

namespace ward::engine::testing {
namespace {

TEST(SqlgenCompile, SeedCasesOnSqlite) {
    SeededDb db("sqlite::memory:");
    for (const auto& c : cases()) {
        SCOPED_TRACE(c.name);
        auto r = db.run(c.plan);
        ASSERT_TRUE(r.has_value()) << r.error().code << ": " << r.error().message;
        EXPECT_EQ(canonical(*r), canonical(c.expected));
    }
}

TEST(SqlgenCompile, OneStatementOneTextColumnNoValuesInText) {
    plan::QueryPlan p;
    auto s = users_select({field("name", col("name", ScalarType::kString))});
    s.rows.where = cmp(col("name", ScalarType::kString), Op::kEq,
                       lit(p, "x'); DROP TABLE users; --", ScalarType::kString));
    p = one_root("u", s, std::move(p));
    for (const auto* d : {&sqlgen::postgres_dialect(), &sqlgen::sqlite_dialect()}) {
        auto st = sqlgen::compile(p, *d);
        ASSERT_TRUE(st.has_value());
        ASSERT_EQ(st->steps.size(), 1u);
        EXPECT_FALSE(st->is_mutation);
        EXPECT_EQ(st->steps[0].text.find("DROP"), std::string::npos);
        ASSERT_EQ(st->steps[0].params.size(), 1u);
        EXPECT_EQ(st->steps[0].params[0].slot, 0u);
    }
    SeededDb db("sqlite::memory:");
    auto r = db.run(p);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(canonical(*r), R"({"u":[]})");
}

TEST(SqlgenCompile, SharedSlotGetsOnePlaceholder) {
    plan::QueryPlan p;
    const auto ref = lit(p, 1, ScalarType::kInt);
    auto s = users_select({field("id", col("id"))});
    plan::OrFilter o;
    o.items.push_back(cmp(col("id"), Op::kEq, ref));
    o.items.push_back(cmp(col("age"), Op::kEq, ref));
    s.rows.where = plan::Filter{std::move(o)};
    p = one_root("u", s, std::move(p));
    auto st = sqlgen::compile(p, sqlgen::postgres_dialect());
    ASSERT_TRUE(st.has_value());
    EXPECT_EQ(st->steps[0].params.size(), 1u);
    EXPECT_NE(st->steps[0].text.find("($1)::int4"), std::string::npos) << st->steps[0].text;
}

TEST(SqlgenCompile, RegexIsNotSupportedOnSqlite) {
    plan::QueryPlan p;
    auto s = users_select({field("id", col("id"))});
    s.rows.where =
        cmp(col("name", ScalarType::kString), Op::kRegex, lit(p, "^A", ScalarType::kString));
    p = one_root("u", s, std::move(p));
    auto bad = sqlgen::compile(p, sqlgen::sqlite_dialect());
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().code(), "not-supported");
    auto good = sqlgen::compile(p, sqlgen::postgres_dialect());
    ASSERT_TRUE(good.has_value());
    EXPECT_NE(good->steps[0].text.find(" ~ "), std::string::npos);
}

TEST(SqlgenCompile, JsonOperatorsAndStddevNotSupportedOnSqlite) {
    plan::QueryPlan p;
    auto s = users_select({field("id", col("id"))});
    s.rows.where =
        cmp(col("email", ScalarType::kJsonb), Op::kHasKey, lit(p, "a", ScalarType::kString));
    p = one_root("u", s, std::move(p));
    EXPECT_EQ(sqlgen::compile(p, sqlgen::sqlite_dialect()).error().code(), "not-supported");
    EXPECT_TRUE(sqlgen::compile(p, sqlgen::postgres_dialect()).has_value());

    plan::QueryPlan q;
    plan::AggregateSelect a;
    a.rows.table = table("users");
    plan::AggregateBlock block;
    block.ops.push_back(
        {"stddev", plan::FunctionAggregate{.function = plan::AggregateFunction::kStddev,
                                           .columns = {{"age", col("age")}}}});
    a.fields.push_back({"aggregate", block});
    q.fields.push_back(plan::RootFieldPlan{.key = "a", .node = a});
    EXPECT_EQ(sqlgen::compile(q, sqlgen::sqlite_dialect()).error().code(), "not-supported");
    EXPECT_TRUE(sqlgen::compile(q, sqlgen::postgres_dialect()).has_value());
}

TEST(SqlgenCompile, RefusesWhatItDoesNotCompile) {
    plan::QueryPlan intro;
    intro.fields.push_back(
        plan::RootFieldPlan{.key = "__schema", .node = plan::Introspection{"__schema"}});
    EXPECT_EQ(sqlgen::compile(intro, sqlgen::sqlite_dialect()).error().code(), "not-supported");

    plan::QueryPlan m;
    m.kind = plan::OperationKind::kMutation;
    EXPECT_EQ(sqlgen::compile(m, sqlgen::postgres_dialect()).error().code(), "not-supported");

    // A ParamRef outside the plan's params is a planner bug, reported, not a crash.
    plan::QueryPlan broken;
    auto s = users_select({field("id", col("id"))});
    s.rows.where = cmp(col("id"), Op::kEq, plan::ParamRef{7});
    broken = one_root("u", s, std::move(broken));
    EXPECT_EQ(sqlgen::compile(broken, sqlgen::postgres_dialect()).error().code(), "internal-error");
}

TEST(SqlgenCompile, StringifyNumericTypes) {
    auto s = users_select({field("id", col("id", ScalarType::kBigint))});
    s.rows.order_by.push_back(asc(col("id")));
    s.rows.limit = plan::ParamRef{0};
    plan::QueryPlan p;
    (void)lit(p, 1, ScalarType::kInt);
    p = one_root("u", s, std::move(p));
    SeededDb db("sqlite::memory:");
    auto st = sqlgen::compile(p, db.dialect(), {.stringify_numeric = true});
    ASSERT_TRUE(st.has_value());
    auto r = db.run(*st, slots(p));
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(canonical(*r), R"({"u":[{"id":"1"}]})");
}

}  // namespace
}  // namespace ward::engine::testing
