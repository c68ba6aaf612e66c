// Shared by the mutation tests on SQLite (mutation_test.cpp) and PostgreSQL
// (mutation_pgtest.cpp): a blog data set (authors/articles) read back through the catalog reader,
// metadata with permissions for roles `user` (check, filters) and `writer` (presets), and a
// helper that takes a GraphQL request through parse, plan, bind, compile and execute.
#pragma once

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <memory>
#include <string>
#include <string_view>

#include "core/json.hpp"
#include "engine/catalog/reader.hpp"
#include "engine/exec/executor.hpp"
#include "engine/graphql/execution.hpp"
#include "engine/graphql/parser.hpp"
#include "engine/graphql/validate.hpp"
#include "engine/metadata/metadata.hpp"
#include "engine/plan/bind.hpp"
#include "engine/plan/plan.hpp"
#include "engine/schema/role_schema.hpp"
#include "engine/sqlgen/compile.hpp"
#include "sql/database.hpp"

namespace ward::engine::testing {

// Column types both databases read as the same ScalarTypes; ids come from the database.
inline constexpr const char* kBlogPostgres = R"sql(
DROP TABLE IF EXISTS articles, authors CASCADE;
CREATE TABLE authors (id serial PRIMARY KEY, name text NOT NULL, email text UNIQUE,
                      active boolean NOT NULL DEFAULT true);
CREATE TABLE articles (id serial PRIMARY KEY, author_id integer NOT NULL REFERENCES authors(id),
                       title text NOT NULL, published boolean NOT NULL DEFAULT false,
                       likes integer NOT NULL DEFAULT 0, rating double precision,
                       slug text UNIQUE, meta jsonb);
CREATE TABLE IF NOT EXISTS guc_log (id serial PRIMARY KEY, value text);
DELETE FROM guc_log;
CREATE OR REPLACE FUNCTION log_hasura_user() RETURNS trigger AS $$
BEGIN
  INSERT INTO guc_log (value) VALUES (current_setting('hasura.user', true));
  RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER articles_log AFTER INSERT ON articles FOR EACH ROW EXECUTE FUNCTION log_hasura_user();
)sql";

inline constexpr const char* kBlogSqlite = R"sql(
CREATE TABLE authors (id INTEGER PRIMARY KEY, name text NOT NULL, email text UNIQUE,
                      active boolean NOT NULL DEFAULT true);
CREATE TABLE articles (id INTEGER PRIMARY KEY, author_id integer NOT NULL REFERENCES authors(id),
                       title text NOT NULL, published boolean NOT NULL DEFAULT false,
                       likes integer NOT NULL DEFAULT 0, rating double precision,
                       slug text UNIQUE, meta jsonb);
)sql";

inline constexpr const char* kBlogData = R"sql(
INSERT INTO authors (name, email, active) VALUES ('Alice', 'alice@example.com', true);
INSERT INTO authors (name, email, active) VALUES ('Bob', 'bob@example.com', false);
INSERT INTO articles (author_id, title, published, likes, slug) VALUES (1, 'A1', true, 5, 'a1');
INSERT INTO articles (author_id, title, published, likes, slug) VALUES (1, 'A2', false, 0, 'a2');
INSERT INTO articles (author_id, title, published, likes, slug) VALUES (2, 'B1', true, 7, 'b1');
)sql";

// `user` writes its own articles (insert check, also through the author relationship: only
// active authors; update filter + check, delete filter) and sees
// published articles and its own; `writer` gets author_id preset from its session; `editor`
// updates every article but sees only published ones.
inline std::string blog_metadata(std::string_view kind) {
    return R"({"version": 3, "sources": [{"name": "default", "kind": ")" + std::string(kind) +
           R"(", "configuration": {}, "tables": [
      {"table": {"schema": "public", "name": "authors"},
       "array_relationships": [{"name": "articles", "using": {"foreign_key_constraint_on":
         {"table": {"schema": "public", "name": "articles"}, "column": "author_id"}}}],
       "select_permissions": [
         {"role": "user", "permission": {"columns": ["id", "name"], "filter": {}}},
         {"role": "writer", "permission": {"columns": ["id", "name"], "filter": {}}}]},
      {"table": {"schema": "public", "name": "articles"},
       "object_relationships": [{"name": "author", "using": {"foreign_key_constraint_on": "author_id"}}],
       "select_permissions": [
         {"role": "user", "permission": {
           "columns": ["id", "author_id", "title", "published", "likes", "rating", "slug", "meta"],
           "filter": {"_or": [{"published": {"_eq": true}}, {"author_id": {"_eq": "X-Hasura-User-Id"}}]}}},
         {"role": "writer", "permission": {"columns": ["id", "author_id", "title", "published", "likes"],
           "filter": {}}},
         {"role": "editor", "permission": {"columns": ["id", "title"],
           "filter": {"published": {"_eq": true}}}}],
       "insert_permissions": [
         {"role": "user", "permission": {"check": {"author_id": {"_eq": "X-Hasura-User-Id"},
                                                  "author": {"active": {"_eq": true}}},
           "columns": ["author_id", "title", "published", "likes", "rating", "slug"]}},
         {"role": "writer", "permission": {"check": {}, "set": {"author_id": "x-hasura-User-Id"},
           "columns": ["title", "published"]}}],
       "update_permissions": [
         {"role": "user", "permission": {"columns": ["title", "published", "likes", "meta"],
           "filter": {"author_id": {"_eq": "X-Hasura-User-Id"}},
           "check": {"likes": {"_lt": 100}}}},
         {"role": "writer", "permission": {"columns": ["title"], "filter": {},
           "set": {"published": "true"}}},
         {"role": "editor", "permission": {"columns": ["title"], "filter": {}}}],
       "delete_permissions": [
         {"role": "user", "permission": {"filter": {"author_id": {"_eq": "X-Hasura-User-Id"}}}}]}
    ]}]})";
}

// What a request ends in: the `data` JSON text or an error in Hasura's vocabulary.
using Outcome = core::Result<std::string, exec::ExecError>;

class BlogDb {
  public:
    // url: "sqlite::memory:" or a PostgreSQL DSN (the blog tables are dropped and recreated).
    explicit BlogDb(const std::string& url) {
        db_ = sql::Database::open(url, io_.get_executor()).value();
        const bool pg = db_->dialect() == sql::Dialect::kPostgres;
        auto made = sql::run_sync(io_, db_->execute_script(pg ? kBlogPostgres : kBlogSqlite));
        WARD_INVARIANT(made.has_value(), "could not create the blog tables");
        auto seeded = sql::run_sync(io_, db_->execute_script(kBlogData));
        WARD_INVARIANT(seeded.has_value(), "could not seed the blog tables");
        auto cat = sql::run_sync(io_, catalog::read_catalog(*db_));
        WARD_INVARIANT(cat.has_value(), "could not read the catalog");
        auto md_json = core::parse_json(blog_metadata(pg ? "postgres" : "sqlite"));
        WARD_INVARIANT(md_json.has_value(), "bad test metadata JSON");
        auto md = metadata::parse_metadata(*md_json);
        WARD_INVARIANT(md.has_value(), "bad test metadata");
        catalog::Catalogs cats;
        cats.emplace("default", std::make_shared<const catalog::Catalog>(std::move(*cat)));
        auto snap = schema::build_snapshot(*md, cats);
        WARD_INVARIANT(snap.has_value(), "could not build the schema");
        snapshot_ = *snap;
    }

    sql::Database& db() { return *db_; }
    const sqlgen::Dialect& dialect() const {
        return sqlgen::dialect_for(db_->dialect() == sql::Dialect::kPostgres
                                       ? sqlgen::DialectKind::kPostgres
                                       : sqlgen::DialectKind::kSqlite);
    }

    // Runs `query` as `role` (session X-Hasura-User-Id = user_id unless empty). A planning or
    // compile error comes back as an ExecError with its code and message.
    Outcome run(std::string_view role, std::string_view query, std::string_view user_id = "",
                std::string_view variables = "{}") {
        auto rs = snapshot_->for_role(role);
        if (!rs) return fail("test", "no schema for role");
        auto doc = graphql::parse(query);
        if (!doc) return fail("test", "parse failed");
        auto errors = graphql::validate(rs->graphql(), *doc);
        if (!errors.empty()) return fail("validation-failed", errors.front().message);
        auto vars = core::parse_json(variables);
        if (!vars || !vars->is_object()) return fail("test", "bad variables");
        auto op = graphql::prepare_operation(rs->graphql(), *doc, "", vars->as_object());
        if (!op) return fail("validation-failed", op.error().front().message);
        auto plan = plan::plan_operation(*rs, *op);
        if (!plan) return fail(plan.error().code, plan.error().message);
        metadata::SessionVariables session;
        session.set("x-hasura-role", std::string(role));
        core::json::object session_json;
        session_json["x-hasura-role"] = role;
        if (!user_id.empty()) {
            session.set("X-Hasura-User-Id", std::string(user_id));
            session_json["x-hasura-user-id"] = user_id;
        }
        auto bound = plan::bind(*plan, op->variables, session);
        if (!bound) return fail(bound.error().code, bound.error().message);
        std::vector<core::json::value> slots;
        for (auto& b : *bound) slots.push_back(std::move(b.value));
        auto st = sqlgen::compile(*plan, dialect());
        if (!st) return fail(st.error().code(), st.error().message());
        last_ = *st;
        exec::ExecOptions options;
        options.session_json = core::to_json(session_json);
        return sql::run_sync(io_, exec::execute(*db_, *st, slots, options));
    }

    // The admin's view of every article, for checking what a mutation left behind.
    std::string articles() {
        auto r = run("admin",
                     "{ articles(order_by: {id: asc}) { id author_id title published likes } }");
        return r ? canonical(*r) : "<error " + r.error().message + ">";
    }

    const sqlgen::SqlStatement& last_statement() const { return last_; }

    // The JSON text in one canonical compact form (PostgreSQL's json type prints " : ").
    static std::string canonical(const std::string& text) {
        auto v = core::parse_json(text);
        return v ? core::to_json(*v) : "<invalid JSON: " + text + ">";
    }

    boost::asio::io_context& io() { return io_; }

  private:
    static Outcome fail(std::string code, std::string message) {
        return exec::ExecError{.code = std::move(code), .message = std::move(message)};
    }

    boost::asio::io_context io_;
    std::shared_ptr<sql::Database> db_;
    std::shared_ptr<const schema::Snapshot> snapshot_;
    sqlgen::SqlStatement last_;
};

}  // namespace ward::engine::testing
