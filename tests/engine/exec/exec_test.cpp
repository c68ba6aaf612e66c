#include <gtest/gtest.h>

#include <thread>

#include "engine/exec/bind.hpp"
#include "engine/exec/plan_cache.hpp"
#include "engine/sqlgen/fixture.hpp"

namespace ward::engine::exec {
namespace {

using catalog::ScalarType;
using sqlgen::SqlStatement;
using sqlgen::SqlStep;
using sqlgen::StepKind;
namespace json = boost::json;

TEST(ExecBind, ConvertsByScalarType) {
    EXPECT_EQ(*to_sql_value(json::value(42), ScalarType::kInt), sql::Value(42));
    EXPECT_EQ(*to_sql_value(json::value("42"), ScalarType::kBigint), sql::Value(42));
    EXPECT_EQ(*to_sql_value(json::value(2.0), ScalarType::kInt), sql::Value(2));
    EXPECT_EQ(*to_sql_value(json::value(1.5), ScalarType::kFloat), sql::Value(1.5));
    EXPECT_EQ(*to_sql_value(json::value("1.5"), ScalarType::kFloat), sql::Value(1.5));
    EXPECT_EQ(*to_sql_value(json::value("true"), ScalarType::kBoolean), sql::Value(true));
    EXPECT_EQ(*to_sql_value(json::value(false), ScalarType::kBoolean), sql::Value(false));
    EXPECT_EQ(*to_sql_value(json::value(7), ScalarType::kString), sql::Value("7"));
    EXPECT_EQ(*to_sql_value(json::parse(R"({"a":[1]})"), ScalarType::kJsonb),
              sql::Value(R"({"a":[1]})"));
    EXPECT_TRUE(to_sql_value(json::value(nullptr), ScalarType::kInt)->is_null());
    EXPECT_EQ(*to_sql_value(json::value("12.5"), ScalarType::kNumeric), sql::Value(12.5));
    EXPECT_EQ(*to_sql_value(json::value("6a2f41a3-c54c-fce8-32d2-0324e1c32e22"), ScalarType::kUuid),
              sql::Value("6a2f41a3-c54c-fce8-32d2-0324e1c32e22"));
}

TEST(ExecBind, RefusesBadValuesWithPostgresWording) {
    auto e = to_sql_value(json::value("abc"), ScalarType::kInt).error();
    EXPECT_EQ(e.code, "data-exception");
    EXPECT_EQ(e.message, "invalid input syntax for type integer: \"abc\"");
    EXPECT_EQ(to_sql_value(json::value(3000000000LL), ScalarType::kInt).error().message,
              "value out of range for type integer");
    EXPECT_EQ(to_sql_value(json::value(40000), ScalarType::kSmallint).error().code,
              "data-exception");
    EXPECT_EQ(to_sql_value(json::value(1.5), ScalarType::kInt).error().code, "data-exception");
    EXPECT_EQ(to_sql_value(json::value("yes"), ScalarType::kBoolean).error().message,
              "invalid input syntax for type boolean: \"yes\"");
    EXPECT_EQ(to_sql_value(json::value("nope"), ScalarType::kUuid).error().message,
              "invalid input syntax for type uuid: \"nope\"");
    EXPECT_EQ(to_sql_value(json::parse("[1]"), ScalarType::kString).error().code, "data-exception");
    EXPECT_EQ(to_sql_value(json::parse("{}"), ScalarType::kFloat).error().code, "data-exception");
    EXPECT_EQ(to_sql_value(json::value("1e999x"), ScalarType::kNumeric).error().code,
              "data-exception");
    EXPECT_EQ(to_sql_value(json::value(std::uint64_t{1} << 63), ScalarType::kBigint).error().code,
              "data-exception");
}

TEST(ExecBind, BindsStepsAndLists) {
    SqlStep step{.text = "x",
                 .params = {{.slot = 1, .scalar = ScalarType::kInt},
                            {.slot = 0, .scalar = ScalarType::kInt, .array = true}}};
    std::vector<json::value> slots{json::parse("[1, \"2\", null]"), json::value(5)};
    auto p = bind_step(step, slots);
    ASSERT_TRUE(p.has_value());
    EXPECT_EQ((*p)[0], sql::Value(5));
    EXPECT_EQ((*p)[1], sql::Value("[1,2,null]"));
    slots[0] = json::value(3);
    EXPECT_EQ(bind_step(step, slots).error().code, "data-exception");
    slots[0] = json::parse("[\"x\"]");
    EXPECT_EQ(bind_step(step, slots).error().code, "data-exception");
    slots.pop_back();
    EXPECT_EQ(bind_step(step, slots).error().code, "internal-error");
}

TEST(ExecError, MapsDatabaseErrorsToHasuraCodes) {
    auto u = map_db_error(sql::DbError::from_sqlstate(
        "23505", "duplicate key value violates unique constraint \"users_email_key\""));
    EXPECT_EQ(u.code, "constraint-violation");
    EXPECT_EQ(u.message,
              "Uniqueness violation. duplicate key value violates unique constraint "
              "\"users_email_key\"");
    EXPECT_EQ(u.sqlstate, "23505");
    auto lite = map_db_error(sql::sqlite_error(2067, "UNIQUE constraint failed: users.email"));
    EXPECT_EQ(lite.message,
              "Uniqueness violation. duplicate key value violates unique constraint "
              "\"users_email_key\"");
    EXPECT_EQ(map_db_error(sql::sqlite_error(2067, "UNIQUE constraint failed: t.a, t.b")).message,
              "Uniqueness violation. duplicate key value violates unique constraint \"t_a_b_key\"");
    EXPECT_EQ(
        map_db_error(sql::sqlite_error(1299, "NOT NULL constraint failed: users.name")).message,
        "Not-NULL violation. null value in column \"name\" of relation \"users\" violates "
        "not-null constraint");
    auto fk = map_db_error(sql::DbError::from_sqlstate("23503", "insert violates fk"));
    EXPECT_EQ(fk.code, "constraint-violation");
    EXPECT_EQ(fk.message, "Foreign key violation. insert violates fk");
    EXPECT_EQ(map_db_error(sql::DbError::from_sqlstate("23502", "null")).message,
              "Not-NULL violation. null");
    EXPECT_EQ(map_db_error(sql::DbError::from_sqlstate("22P02", "bad")).code, "data-exception");
    EXPECT_EQ(map_db_error(sql::DbError::from_sqlstate("08006", "gone")).message,
              "connection error");
    auto other = map_db_error(sql::DbError::from_sqlstate("42P01", "no table"));
    EXPECT_EQ(other.code, "postgres-error");
    EXPECT_EQ(other.internal_message, "no table");
    EXPECT_EQ(check_failed(sqlgen::CheckKind::kInsert).message,
              "check constraint of an insert permission has failed");
    EXPECT_EQ(check_failed(sqlgen::CheckKind::kUpdate).code, "permission-error");
}

TEST(ExecPlanCache, BoundedLruSharedByThreads) {
    PlanCache<int> cache(2);
    const PlanKey a{"user", "h1", ""}, b{"user", "h2", ""}, c{"admin", "h1", ""};
    cache.insert(a, std::make_shared<const int>(1));
    cache.insert(b, std::make_shared<const int>(2));
    ASSERT_TRUE(cache.find(a));  // a is now the most recent
    cache.insert(c, std::make_shared<const int>(3));
    EXPECT_EQ(cache.size(), 2u);
    EXPECT_FALSE(cache.find(b));
    EXPECT_EQ(*cache.find(a), 1);
    EXPECT_EQ(*cache.find(c), 3);
    EXPECT_FALSE(cache.find(PlanKey{"user", "h1", "Op"}));
    cache.clear();
    EXPECT_EQ(cache.size(), 0u);

    PlanCache<int> off(0);
    off.insert(a, std::make_shared<const int>(1));
    EXPECT_FALSE(off.find(a));
    EXPECT_EQ(PlanCache<int>().capacity(), kDefaultPlanCacheSize);

    PlanCache<int> shared(50);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&shared, t] {
            for (int i = 0; i < 500; ++i) {
                const PlanKey k{"r", std::to_string((i * 7 + t) % 80), ""};
                if (!shared.find(k)) shared.insert(k, std::make_shared<const int>(i));
            }
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_LE(shared.size(), 50u);
    EXPECT_EQ(shared.hits() + shared.misses(), 2000u);
}

class ExecRun : public ::testing::Test {
  protected:
    testing::SeededDb db_{"sqlite::memory:"};
};

TEST_F(ExecRun, QueryPassesJsonThrough) {
    SqlStatement st{.dialect = sqlgen::DialectKind::kSqlite,
                    .steps = {{.kind = StepKind::kResult,
                               .text = "SELECT json_object('n', count(*)) FROM users WHERE id > $1",
                               .params = {{.slot = 0, .scalar = ScalarType::kInt}}}}};
    auto r = db_.run(st, {json::value(1)});
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(*r, R"({"n":3})");
    EXPECT_EQ(db_.run(st, {json::value("x")}).error().code, "data-exception");
}

TEST_F(ExecRun, RefusesMalformedStatements) {
    EXPECT_EQ(db_.run(SqlStatement{.dialect = sqlgen::DialectKind::kSqlite}, {}).error().code,
              "internal-error");
    SqlStatement pg{.dialect = sqlgen::DialectKind::kPostgres, .steps = {{.text = "SELECT '1'"}}};
    EXPECT_EQ(db_.run(pg, {}).error().code, "internal-error");
}

TEST_F(ExecRun, MutationRollsBackOnFailedCheck) {
    SqlStatement st{
        .dialect = sqlgen::DialectKind::kSqlite,
        .steps = {{.kind = StepKind::kEffect,
                   .text = "INSERT INTO users (id, name, active) VALUES ($1, 'Eve', true)",
                   .params = {{.slot = 0, .scalar = ScalarType::kInt}}},
                  {.kind = StepKind::kCheckedResult,
                   .text = "SELECT json_object('affected_rows', 1), "
                           "(SELECT count(*) FROM users WHERE id = $1 AND NOT (id < 100))",
                   .params = {{.slot = 0, .scalar = ScalarType::kInt}}}},
        .is_mutation = true,
        .check = sqlgen::CheckKind::kInsert};
    auto ok = db_.run(st, {json::value(50)});
    ASSERT_TRUE(ok.has_value()) << ok.error().message;
    EXPECT_EQ(*ok, R"({"affected_rows":1})");

    auto failed = db_.run(st, {json::value(500)});
    ASSERT_FALSE(failed.has_value());
    EXPECT_EQ(failed.error().code, "permission-error");
    EXPECT_EQ(failed.error().message, "check constraint of an insert permission has failed");

    SqlStatement count{
        .dialect = sqlgen::DialectKind::kSqlite,
        .steps = {{.text = "SELECT json_group_array(id) FROM users WHERE id >= 50"}}};
    EXPECT_EQ(*db_.run(count, {}), "[50]");  // 500 was rolled back

    auto dup = db_.run(st, {json::value(50)});
    ASSERT_FALSE(dup.has_value());
    EXPECT_EQ(dup.error().code, "constraint-violation");
    EXPECT_TRUE(dup.error().message.starts_with("Uniqueness violation. ")) << dup.error().message;
}

// A session parameter is only meaningful in a single-statement PostgreSQL mutation: anywhere
// else it is a compiler bug, refused before anything runs.
TEST_F(ExecRun, RefusesASessionParamOutsideASingleStatement) {
    SqlStatement st{
        .dialect = sqlgen::DialectKind::kSqlite,
        .steps = {{.kind = StepKind::kEffect,
                   .text = "INSERT INTO users (id, name, active) VALUES (77, $1, true)",
                   .params = {{.session = true}}},
                  {.kind = StepKind::kResult, .text = "SELECT json_object('affected_rows', 1)"}},
        .is_mutation = true,
        .single_statement = true};
    auto r = db_.run(st, {});
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, "internal-error");
    SqlStatement count{.dialect = sqlgen::DialectKind::kSqlite,
                       .steps = {{.text = "SELECT json_group_array(id) FROM users WHERE id = 77"}}};
    EXPECT_EQ(*db_.run(count, {}), "[]");
}

}  // namespace
}  // namespace ward::engine::exec
