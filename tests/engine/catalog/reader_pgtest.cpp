// Catalog reader on PostgreSQL: tables, views, types, identity/defaults/generated columns, keys
// and foreign keys across schemas. Needs WARD_TEST_PG_DSN (scripts/start-postgres); skips
// visibly without.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <cstdlib>

#include "core/random.hpp"
#include "engine/catalog/reader.hpp"

namespace ward::engine::catalog {
namespace {

class CatalogPgTest : public ::testing::Test {
  protected:
    void SetUp() override {
        const char* dsn = std::getenv("WARD_TEST_PG_DSN");
        if (!dsn) GTEST_SKIP() << "WARD_TEST_PG_DSN is not set (scripts/start-postgres)";
        db_ = sql::Database::open(dsn, io_.get_executor()).value();
        schema_ = "cat_" + core::SystemRandom().alphanumeric(8);
        for (char& ch : schema_)
            ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        exec("CREATE SCHEMA " + schema_);
    }
    void TearDown() override {
        if (db_) exec("DROP SCHEMA " + schema_ + " CASCADE");
    }
    void exec(const std::string& script) {
        auto r = sql::run_sync(io_, db_->execute_script(script));
        ASSERT_TRUE(r) << r.error().to_string();
    }
    metadata::TableName t(std::string name) { return {.schema = schema_, .name = name}; }

    boost::asio::io_context io_;
    std::shared_ptr<sql::Database> db_;
    std::string schema_;
};

TEST_F(CatalogPgTest, ReadsTablesKeysAndTypes) {
    const std::string s = schema_ + ".";
    exec("CREATE TABLE " + s +
         "authors (id serial PRIMARY KEY, email text UNIQUE NOT NULL, n int8 GENERATED ALWAYS "
         "AS IDENTITY, ok boolean, j jsonb, u uuid, at timestamptz DEFAULT now(), tags int4[], "
         "twice int4 GENERATED ALWAYS AS (id * 2) STORED, v varchar(10), c char(2))");
    exec("CREATE TABLE " + s +
         "articles (id int PRIMARY KEY, author_id int CONSTRAINT art_fk "
         "REFERENCES " +
         s + "authors(id), title text)");
    exec("CREATE VIEW " + s + "emails AS SELECT id, email FROM " + s + "authors");
    auto r = sql::run_sync(io_, read_catalog(*db_));
    ASSERT_TRUE(r) << r.error().to_string();
    const Table* a = r->table(t("authors"));
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->primary_key, std::vector<std::string>{"id"});
    EXPECT_EQ(a->primary_key_constraint, "authors_pkey");
    ASSERT_EQ(a->unique_constraints.size(), 1u);
    EXPECT_EQ(a->unique_constraints[0].name, "authors_email_key");
    EXPECT_EQ(a->column("id")->scalar, ScalarType::kInt);
    EXPECT_TRUE(a->column("id")->has_default);
    EXPECT_FALSE(a->column("id")->nullable);
    EXPECT_TRUE(a->column("n")->has_default);  // identity
    EXPECT_EQ(a->column("n")->scalar, ScalarType::kBigint);
    EXPECT_EQ(a->column("ok")->scalar, ScalarType::kBoolean);
    EXPECT_TRUE(a->column("ok")->nullable);
    EXPECT_EQ(a->column("j")->scalar, ScalarType::kJsonb);
    EXPECT_EQ(a->column("u")->scalar, ScalarType::kUuid);
    EXPECT_EQ(a->column("at")->scalar, ScalarType::kTimestamptz);
    EXPECT_TRUE(a->column("at")->has_default);
    EXPECT_EQ(a->column("tags")->scalar, ScalarType::kOther);
    EXPECT_EQ(a->column("tags")->db_type, "_int4");
    EXPECT_TRUE(a->column("twice")->is_generated);
    EXPECT_FALSE(a->column("twice")->has_default);
    EXPECT_EQ(a->column("v")->scalar, ScalarType::kVarchar);
    EXPECT_EQ(a->column("c")->scalar, ScalarType::kBpchar);
    EXPECT_EQ(a->columns.front().position, 1);

    const Table* art = r->table(t("articles"));
    ASSERT_NE(art, nullptr);
    ASSERT_EQ(art->foreign_keys.size(), 1u);
    EXPECT_EQ(art->foreign_keys[0].constraint_name, "art_fk");
    EXPECT_EQ(art->foreign_keys[0].columns, std::vector<std::string>{"author_id"});
    EXPECT_EQ(art->foreign_keys[0].ref_table, t("authors"));
    EXPECT_EQ(art->foreign_keys[0].ref_columns, std::vector<std::string>{"id"});

    const Table* v = r->table(t("emails"));
    ASSERT_NE(v, nullptr);
    EXPECT_TRUE(v->is_view);
    EXPECT_EQ(v->columns.size(), 2u);
    for (const auto& table : r->tables()) {
        EXPECT_NE(table.name.schema, "pg_catalog");
        EXPECT_NE(table.name.schema, "information_schema");
    }
}

}  // namespace
}  // namespace ward::engine::catalog
