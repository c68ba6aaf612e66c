// The seed cases on a real PostgreSQL (WARD_TEST_PG_DSN), and the same JSON as SQLite.
#include <gtest/gtest.h>

#include <cstdlib>

#include "engine/sqlgen/cases.hpp"

namespace ward::engine::testing {
namespace {

TEST(SqlgenCompilePg, SeedCasesMatchSqlite) {
    const char* dsn = std::getenv("WARD_TEST_PG_DSN");
    if (dsn == nullptr) GTEST_SKIP() << "WARD_TEST_PG_DSN is not set (scripts/start-postgres)";
    SeededDb pg(dsn);
    SeededDb lite("sqlite::memory:");
    for (const auto& c : cases()) {
        SCOPED_TRACE(c.name);
        auto a = pg.run(c.plan);
        ASSERT_TRUE(a.has_value())
            << a.error().code << ": " << a.error().message << " / " << a.error().internal_message;
        auto b = lite.run(c.plan);
        ASSERT_TRUE(b.has_value());
        EXPECT_EQ(canonical(*a), canonical(c.expected));
        EXPECT_EQ(canonical(*a), canonical(*b));
    }
}

TEST(SqlgenCompilePg, RegexOnPostgres) {
    const char* dsn = std::getenv("WARD_TEST_PG_DSN");
    if (dsn == nullptr) GTEST_SKIP() << "WARD_TEST_PG_DSN is not set (scripts/start-postgres)";
    SeededDb pg(dsn);
    plan::QueryPlan p;
    auto s = users_select({field("id", col("id"))});
    s.rows.where =
        cmp(col("name", ScalarType::kString), Op::kIregex, lit(p, "^c", ScalarType::kString));
    p = one_root("u", s, std::move(p));
    auto r = pg.run(p);
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_EQ(canonical(*r), R"({"u":[{"id":3}]})");
}

}  // namespace
}  // namespace ward::engine::testing
