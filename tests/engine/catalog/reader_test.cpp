// Catalog readers on SQLite: tables and views, declared types mapped to Hasura's scalars,
// nullability, defaults, generated columns, primary keys, unique constraints and foreign keys,
// and the metadata::CatalogView adapter.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "engine/catalog/catalog_view.hpp"
#include "engine/catalog/reader.hpp"

namespace ward::engine::catalog {
namespace {

class CatalogSqliteTest : public ::testing::Test {
  protected:
    void SetUp() override {
        db_ = sql::Database::open("sqlite::memory:", io_.get_executor()).value();
    }
    void exec(std::string_view script) {
        auto r = sql::run_sync(io_, db_->execute_script(script));
        ASSERT_TRUE(r) << r.error().to_string();
    }
    Catalog read() {
        auto r = sql::run_sync(io_, read_catalog(*db_));
        EXPECT_TRUE(r) << r.error().to_string();
        return r ? std::move(*r) : Catalog();
    }
    static metadata::TableName t(std::string name) { return {.schema = "public", .name = name}; }

    boost::asio::io_context io_;
    std::shared_ptr<sql::Database> db_;
};

TEST_F(CatalogSqliteTest, ReadsSeedTableAsPublic) {
    exec("CREATE TABLE users (id TEXT PRIMARY KEY, username TEXT)");
    Catalog c = read();
    ASSERT_EQ(c.tables().size(), 1u);
    const Table* users = c.table(t("users"));
    ASSERT_NE(users, nullptr);
    EXPECT_FALSE(users->is_view);
    ASSERT_EQ(users->columns.size(), 2u);
    EXPECT_EQ(users->columns[0].name, "id");
    EXPECT_EQ(users->columns[0].scalar, ScalarType::kString);
    EXPECT_FALSE(users->columns[0].nullable);  // key columns are NOT NULL as in PostgreSQL
    EXPECT_EQ(users->columns[0].position, 1);
    EXPECT_TRUE(users->columns[1].nullable);
    EXPECT_EQ(users->columns[1].position, 2);
    EXPECT_EQ(users->primary_key, std::vector<std::string>{"id"});
    EXPECT_EQ(users->primary_key_constraint, "users_pkey");
    EXPECT_EQ(c.table({.schema = "other", .name = "users"}), nullptr);
    EXPECT_EQ(users->column("nope"), nullptr);
    EXPECT_EQ(users->column("username")->db_type, "TEXT");
}

TEST_F(CatalogSqliteTest, MapsDeclaredTypesAndDefaults) {
    exec(
        "CREATE TABLE things (id INTEGER PRIMARY KEY, big BIGINT NOT NULL, flag BOOLEAN DEFAULT "
        "0, price NUMERIC(10,2), ratio DOUBLE PRECISION, name VARCHAR(20), code CHAR(2), doc "
        "JSON, uid UUID, born DATE, at TIMESTAMP, atz TIMESTAMPTZ, raw BLOB, odd STRANGETYPE, "
        "twice INTEGER GENERATED ALWAYS AS (id * 2) VIRTUAL)");
    Catalog c = read();
    const Table* th = c.table(t("things"));
    ASSERT_NE(th, nullptr);
    auto scalar = [&](std::string_view n) { return th->column(n)->scalar; };
    EXPECT_EQ(scalar("id"), ScalarType::kInt);
    EXPECT_TRUE(th->column("id")->has_default);  // rowid alias
    EXPECT_EQ(scalar("big"), ScalarType::kBigint);
    EXPECT_FALSE(th->column("big")->nullable);
    EXPECT_FALSE(th->column("big")->has_default);
    EXPECT_EQ(scalar("flag"), ScalarType::kBoolean);
    EXPECT_TRUE(th->column("flag")->has_default);
    EXPECT_EQ(scalar("price"), ScalarType::kNumeric);
    EXPECT_EQ(scalar("ratio"), ScalarType::kFloat);
    EXPECT_EQ(scalar("name"), ScalarType::kVarchar);
    EXPECT_EQ(scalar("code"), ScalarType::kBpchar);
    EXPECT_EQ(scalar("doc"), ScalarType::kJson);
    EXPECT_EQ(scalar("uid"), ScalarType::kUuid);
    EXPECT_EQ(scalar("born"), ScalarType::kDate);
    EXPECT_EQ(scalar("at"), ScalarType::kTimestamp);
    EXPECT_EQ(scalar("atz"), ScalarType::kTimestamptz);
    EXPECT_EQ(scalar("raw"), ScalarType::kBytea);
    EXPECT_EQ(scalar("odd"), ScalarType::kNumeric);  // NUMERIC affinity
    ASSERT_NE(th->column("twice"), nullptr);
    EXPECT_TRUE(th->column("twice")->is_generated);
}

TEST_F(CatalogSqliteTest, AffinityRulesForUnknownNames) {
    EXPECT_EQ(scalar_from_sqlite("UNSIGNED BIG INT"), ScalarType::kBigint);
    EXPECT_EQ(scalar_from_sqlite("  integer  "), ScalarType::kInt);
    EXPECT_EQ(scalar_from_sqlite("LONGINTEGER"), ScalarType::kInt);
    EXPECT_EQ(scalar_from_sqlite("varying character(255)"), ScalarType::kVarchar);
    EXPECT_EQ(scalar_from_sqlite("MYTEXT"), ScalarType::kString);
    EXPECT_EQ(scalar_from_sqlite("BLOBBY"), ScalarType::kBytea);
    EXPECT_EQ(scalar_from_sqlite("FLOATY"), ScalarType::kFloat);
    EXPECT_EQ(scalar_from_sqlite("double   precision"), ScalarType::kFloat);
    EXPECT_EQ(scalar_from_sqlite(""), ScalarType::kOther);
    EXPECT_EQ(scalar_from_sqlite("(("), ScalarType::kOther);  // no type name at all
    EXPECT_EQ(scalar_from_postgres("int4"), ScalarType::kInt);
    EXPECT_EQ(scalar_from_postgres("timestamptz"), ScalarType::kTimestamptz);
    EXPECT_EQ(scalar_from_postgres("_int4"), ScalarType::kOther);
    EXPECT_EQ(scalar_from_postgres("citext"), ScalarType::kOther);
}

TEST_F(CatalogSqliteTest, ForeignKeysUniqueConstraintsAndViews) {
    exec(
        "CREATE TABLE authors (id INTEGER PRIMARY KEY, email TEXT UNIQUE, a TEXT, b TEXT);"
        "CREATE UNIQUE INDEX authors_ab ON authors (a, b);"
        "CREATE INDEX authors_plain ON authors (a);"
        "CREATE TABLE articles (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES authors, "
        "editor_id INTEGER, FOREIGN KEY (editor_id) REFERENCES authors(id));"
        "CREATE TABLE pairs (x TEXT, y TEXT, PRIMARY KEY (y, x));"
        "CREATE VIEW author_emails AS SELECT id, email FROM authors;"
        "CREATE TABLE ward_internal (x);");
    Catalog c = read();
    EXPECT_EQ(c.table(t("ward_internal")), nullptr);  // Ward's own tables are not user tables
    const Table* authors = c.table(t("authors"));
    ASSERT_NE(authors, nullptr);
    ASSERT_EQ(authors->unique_constraints.size(), 2u);
    EXPECT_EQ(authors->unique_constraints[0].name, "authors_email_key");
    EXPECT_EQ(authors->unique_constraints[0].columns, std::vector<std::string>{"email"});
    EXPECT_EQ(authors->unique_constraints[1].name, "authors_ab");
    EXPECT_EQ(authors->unique_constraints[1].columns, (std::vector<std::string>{"a", "b"}));

    const Table* articles = c.table(t("articles"));
    ASSERT_NE(articles, nullptr);
    ASSERT_EQ(articles->foreign_keys.size(), 2u);
    for (const auto& fk : articles->foreign_keys) {
        EXPECT_EQ(fk.ref_table, t("authors"));
        EXPECT_EQ(fk.ref_columns, std::vector<std::string>{"id"});  // implicit: the primary key
        ASSERT_EQ(fk.columns.size(), 1u);
        EXPECT_EQ(fk.constraint_name, "articles_" + fk.columns[0] + "_fkey");
    }

    const Table* pairs = c.table(t("pairs"));
    ASSERT_NE(pairs, nullptr);
    EXPECT_EQ(pairs->primary_key, (std::vector<std::string>{"y", "x"}));

    const Table* view = c.table(t("author_emails"));
    ASSERT_NE(view, nullptr);
    EXPECT_TRUE(view->is_view);
    EXPECT_EQ(view->columns.size(), 2u);
    EXPECT_TRUE(view->primary_key.empty());

    Catalogs all{{"default", std::make_shared<const Catalog>(c)}};
    CatalogsView cv(all);
    EXPECT_TRUE(cv.has_table("default", t("articles")));
    EXPECT_FALSE(cv.has_table("default", t("nope")));
    EXPECT_FALSE(cv.has_table("other", t("articles")));
    EXPECT_EQ(cv.columns_of("default", t("authors")),
              (std::vector<std::string>{"id", "email", "a", "b"}));
    EXPECT_EQ(cv.columns_of("default", t("nope")), std::nullopt);
    auto fks = cv.foreign_keys_of("default", t("articles"));
    ASSERT_EQ(fks.size(), 2u);
    EXPECT_EQ(fks[0].table, t("articles"));
    EXPECT_EQ(fks[0].column_mapping.size(), 1u);
    EXPECT_EQ(fks[0].column_mapping[0].second, "id");
    EXPECT_TRUE(cv.foreign_keys_of("x", t("articles")).empty());
}

TEST_F(CatalogSqliteTest, NamesThatNeedQuoting) {
    exec("CREATE TABLE \"we\"\"ird\" (\"col'1\" TEXT, \"sel ect\" INT)");
    Catalog c = read();
    const Table* w = c.table(t("we\"ird"));
    ASSERT_NE(w, nullptr);
    EXPECT_NE(w->column("col'1"), nullptr);
    EXPECT_NE(w->column("sel ect"), nullptr);
}

TEST_F(CatalogSqliteTest, EmptyDatabase) { EXPECT_TRUE(read().tables().empty()); }

}  // namespace
}  // namespace ward::engine::catalog
