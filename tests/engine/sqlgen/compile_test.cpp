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
    m.fields.push_back(plan::RootFieldPlan{.key = "x", .node = plan::Introspection{"__schema"}});
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

// ---- mutations (end-to-end behaviour: tests/engine/exec/mutation_*test.cpp) ----

plan::QueryPlan insert_users(std::vector<std::vector<std::optional<plan::ParamRef>>> rows,
                             plan::QueryPlan p) {
    plan::Insert ins;
    ins.table = table("users");
    ins.columns = {col("id"), col("name", ScalarType::kString)};
    ins.rows = std::move(rows);
    ins.output.fields.push_back({.key = "affected_rows", .value = plan::AffectedRows{}});
    ins.output.fields.push_back(
        {.key = "returning", .value = plan::Returning{{field("id", col("id"))}}});
    p.kind = plan::OperationKind::kMutation;
    p.fields.push_back(plan::RootFieldPlan{.key = "insert_users", .node = std::move(ins)});
    return p;
}

TEST(SqlgenCompileMutation, PostgresInsertIsOneStatementWithACte) {
    plan::QueryPlan p;
    const auto id = lit(p, 7, ScalarType::kInt);
    const auto name = lit(p, "Zed", ScalarType::kString);
    p = insert_users({{id, name}, {std::nullopt, name}}, std::move(p));
    auto st = sqlgen::compile(p, sqlgen::postgres_dialect());
    ASSERT_TRUE(st.has_value()) << st.error().message();
    EXPECT_TRUE(st->is_mutation);
    ASSERT_EQ(st->steps.size(), 1u);
    const auto& step = st->steps[0];
    // The check is trivially true: no check column.
    EXPECT_EQ(step.kind, sqlgen::StepKind::kResult);
    EXPECT_EQ(step.key, "insert_users");
    EXPECT_TRUE(step.text.starts_with(
        R"(WITH "_m0" AS (INSERT INTO "public"."users" AS "_t0" ("id", "name") VALUES )"
        R"((($1)::int4, ($2)::text), (DEFAULT, ($2)::text) RETURNING *) SELECT )"))
        << step.text;
    EXPECT_EQ(step.text.find("Zed"), std::string::npos);
    // One unchecked statement: it sets hasura.user itself and runs without BEGIN/COMMIT.
    EXPECT_TRUE(st->single_statement);
    EXPECT_TRUE(step.text.ends_with(
        R"( FROM (SELECT set_config('hasura.user', ($3)::text, true)) AS "_session")"))
        << step.text;
    ASSERT_EQ(step.params.size(), 3u);
    EXPECT_EQ(step.params[0].slot, 0u);
    EXPECT_EQ(step.params[1].slot, 1u);
    EXPECT_TRUE(step.params[2].session);
    EXPECT_FALSE(step.params[1].session);

    // Two root fields need one transaction: no step sets the session itself.
    plan::QueryPlan two = p;
    two.fields.push_back(two.fields.front());
    two.fields.back().key = "again";
    auto both = sqlgen::compile(two, sqlgen::postgres_dialect());
    ASSERT_TRUE(both.has_value()) << both.error().message();
    EXPECT_FALSE(both->single_statement);
    ASSERT_EQ(both->steps.size(), 2u);
    for (const auto& s : both->steps) {
        EXPECT_EQ(s.text.find("set_config"), std::string::npos);
        for (const auto& ref : s.params) EXPECT_FALSE(ref.session);
    }
}

TEST(SqlgenCompileMutation, CheckedInsertKeepsItsTransaction) {
    plan::QueryPlan p;
    const auto id = lit(p, 7, ScalarType::kInt);
    const auto name = lit(p, "Zed", ScalarType::kString);
    p = insert_users({{id, name}}, std::move(p));
    auto& ins = std::get<plan::Insert>(p.fields[0].node);
    ins.check = plan::Filter{plan::BoolConst{false}};
    auto st = sqlgen::compile(p, sqlgen::postgres_dialect());
    ASSERT_TRUE(st.has_value()) << st.error().message();
    ASSERT_EQ(st->steps.size(), 1u);
    EXPECT_EQ(st->steps[0].kind, sqlgen::StepKind::kCheckedResult);
    EXPECT_FALSE(st->single_statement);
    EXPECT_EQ(st->steps[0].text.find("set_config"), std::string::npos);
}

TEST(SqlgenCompileMutation, SqliteInsertSplitsRowsByTheColumnsTheySet) {
    plan::QueryPlan p;
    const auto a = lit(p, 7, ScalarType::kInt);
    const auto b = lit(p, "Zed", ScalarType::kString);
    const auto t = lit(p, true, ScalarType::kBoolean);
    p = insert_users({{a, b, t}, {std::nullopt, b, t}, {std::nullopt, b, t}}, std::move(p));
    std::get<plan::Insert>(p.fields[0].node).columns.push_back(col("active", ScalarType::kBoolean));
    auto st = sqlgen::compile(p, sqlgen::sqlite_dialect());
    ASSERT_TRUE(st.has_value()) << st.error().message();
    ASSERT_EQ(st->steps.size(), 3u);
    EXPECT_EQ(
        st->steps[0].text,
        R"(INSERT INTO "users" AS "_t0" ("id", "name", "active") VALUES (CAST($1 AS INTEGER), )"
        R"(CAST($2 AS TEXT), CAST($3 AS INTEGER)) RETURNING rowid)");
    EXPECT_EQ(st->steps[1].text,
              R"(INSERT INTO "users" AS "_t0" ("name", "active") VALUES (CAST($1 AS TEXT), )"
              R"(CAST($2 AS INTEGER)), (CAST($1 AS TEXT), CAST($2 AS INTEGER)) RETURNING rowid)");
    EXPECT_EQ(st->steps[2].kind, sqlgen::StepKind::kResult);
    ASSERT_EQ(st->steps[2].params.size(), 1u);
    EXPECT_TRUE(st->steps[2].params[0].capture);
    EXPECT_FALSE(st->single_statement);  // PostgreSQL only

    SeededDb db("sqlite::memory:");
    auto r = db.run(p);
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_EQ(canonical(*r),
              R"({"insert_users":{"affected_rows":3,"returning":[{"id":7},{"id":8},{"id":9}]}})");
}

TEST(SqlgenCompileMutation, RefusesWhatItCannotWrite) {
    plan::QueryPlan p;
    const auto a = lit(p, 7, ScalarType::kInt);
    auto bad_row = insert_users({{a}}, p);  // one value for two columns
    EXPECT_EQ(sqlgen::compile(bad_row, sqlgen::postgres_dialect()).error().code(),
              "internal-error");

    plan::Update upd;
    upd.table = table("users");
    upd.updates.push_back(
        plan::ColumnUpdate{.column = col("meta", ScalarType::kJsonb),
                           .op = plan::UpdateOp::kAppend,
                           .value = lit(p, core::json::object{{"a", 1}}, ScalarType::kJsonb)});
    plan::QueryPlan u = p;
    u.kind = plan::OperationKind::kMutation;
    u.fields.push_back(plan::RootFieldPlan{.key = "update_users", .node = upd});
    EXPECT_EQ(sqlgen::compile(u, sqlgen::sqlite_dialect()).error().code(), "not-supported");
    auto pg = sqlgen::compile(u, sqlgen::postgres_dialect());
    ASSERT_TRUE(pg.has_value()) << pg.error().message();
    EXPECT_NE(pg->steps[0].text.find(R"(SET "meta" = ("_t0"."meta" || ($1)::jsonb))"),
              std::string::npos)
        << pg->steps[0].text;
}

}  // namespace
}  // namespace ward::engine::testing
