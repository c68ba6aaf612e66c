#include "engine/metadata/apply.hpp"

#include <gtest/gtest.h>

#include "test_util.hpp"

namespace ward::engine::metadata {
namespace {

using test::compact;
using test::js;

class MetadataApplyTest : public ::testing::Test {
  protected:
    void SetUp() override {
        catalog_ = test::blog_catalog();
        auto m = parse_metadata(js(
            R"({"version":3,"sources":[{"name":"default","kind":"postgres","tables":[],"configuration":{"connection_info":{"database_url":{"from_env":"DB"}}}},{"name":"local","kind":"sqlite","tables":[],"configuration":{}}]})"));
        ASSERT_TRUE(m.has_value());
        metadata_ = std::move(m).value();
    }

    Result<Applied> run(std::string_view text, const CatalogView* catalog) {
        auto cmd = parse_command(js(text));
        EXPECT_TRUE(cmd.has_value()) << text << ": " << (cmd ? "" : cmd.error().message);
        if (!cmd) return cmd.error();
        return apply_command(metadata_, *cmd, catalog);
    }

    // Applies and keeps the result; fails the test on error.
    core::json::value ok(std::string_view text, bool with_catalog = true) {
        auto r = run(text, with_catalog ? &catalog_ : nullptr);
        EXPECT_TRUE(r.has_value())
            << text << ": " << (r ? "" : r.error().path + " " + r.error().message);
        if (!r) return nullptr;
        metadata_ = std::move(r->metadata);
        return std::move(r->response);
    }

    // Applies, expects an error, and checks the metadata did not change.
    MetadataError fail(std::string_view text, bool with_catalog = true) {
        std::string before = compact(emit_metadata(metadata_));
        auto r = run(text, with_catalog ? &catalog_ : nullptr);
        EXPECT_FALSE(r.has_value()) << text;
        EXPECT_EQ(compact(emit_metadata(metadata_)), before);
        return r ? MetadataError{} : r.error();
    }

    void track_blog() {
        ok(R"({"type":"pg_track_table","args":{"table":"authors"}})");
        ok(R"({"type":"pg_track_table","args":{"table":"articles"}})");
    }

    const TableMetadata& table(std::string_view name) {
        const TableMetadata* t =
            metadata_.find_source("default")->find_table({"public", std::string(name)});
        EXPECT_NE(t, nullptr);
        static const TableMetadata kEmpty;
        return t ? *t : kEmpty;
    }

    test::InMemoryCatalog catalog_;
    Metadata metadata_;
};

TEST_F(MetadataApplyTest, TrackTableAddsItAndAnswersSuccess) {
    EXPECT_EQ(
        compact(ok(
            R"({"type":"pg_track_table","args":{"table":"authors","configuration":{"custom_name":"Writer","column_config":{"name":{"custom_name":"fullName"}}}}})")),
        R"({"message":"success"})");
    EXPECT_EQ(table("authors").configuration->custom_name, "Writer");
    EXPECT_EQ(table("authors").configuration->column_custom_name("name"), "fullName");
}

TEST_F(MetadataApplyTest, TrackTwiceIsAlreadyTracked) {
    ok(R"({"type":"pg_track_table","args":{"table":"authors"}})");
    MetadataError e =
        fail(R"({"type":"pg_track_table","args":{"table":{"schema":"public","name":"authors"}}})");
    EXPECT_EQ(e.code, ErrorCode::kAlreadyTracked);
    EXPECT_EQ(wire_code(e.code), "already-tracked");
    EXPECT_EQ(e.path, "$.args");
    EXPECT_EQ(e.message, "view/table already tracked: \"authors\"");
}

TEST_F(MetadataApplyTest, TrackUnknownTableFailsOnlyWithACatalog) {
    MetadataError e = fail(R"({"type":"pg_track_table","args":{"table":"ghosts"}})");
    EXPECT_EQ(e.code, ErrorCode::kNotExists);
    EXPECT_EQ(e.message, "no such table/view exists in source: \"ghosts\"");
    ok(R"({"type":"pg_track_table","args":{"table":"ghosts"}})", /*with_catalog=*/false);
    EXPECT_EQ(table("ghosts").table.name, "ghosts");
}

TEST_F(MetadataApplyTest, TrackInUnknownOrMismatchedSource) {
    MetadataError e =
        fail(R"({"type":"pg_track_table","args":{"table":"authors","source":"nope"}})");
    EXPECT_EQ(e.code, ErrorCode::kNotExists);
    EXPECT_EQ(e.message, "source with name \"nope\" does not exist");
    // pg_ commands are accepted on Ward's SQLite sources (Hasura tooling only knows pg_*).
    ok(R"({"type":"pg_track_table","args":{"table":"authors","source":"local"}})", false);
    EXPECT_EQ(metadata_.find_source("local")->tables.size(), 1u);
    e = fail(R"({"type":"sqlite_track_table","args":{"table":"authors"}})");
    EXPECT_EQ(e.message, "source \"default\" is a postgres source, not a sqlite source");
    ok(R"({"type":"sqlite_track_table","args":{"table":"notes","source":"local"}})", false);
    EXPECT_EQ(metadata_.find_source("local")->tables.size(), 2u);
}

TEST_F(MetadataApplyTest, TrackChecksConfigurationAgainstCatalog) {
    MetadataError e = fail(
        R"({"type":"pg_track_table","args":{"table":"authors","configuration":{"column_config":{"nick":{"custom_name":"nick"}}}}})");
    EXPECT_EQ(e.code, ErrorCode::kInvalidConfiguration);
    EXPECT_EQ(e.path, "$.args.configuration");
    EXPECT_EQ(e.message, "column \"nick\" not found in table \"authors\"");
    e = fail(
        R"({"type":"pg_track_table","args":{"table":"authors","configuration":{"custom_root_fields":{"select":"a","select_by_pk":"a"}}}})");
    EXPECT_EQ(e.message, "the following custom root field names are duplicated: \"a\"");
    e = fail(
        R"({"type":"pg_track_table","args":{"table":"authors","configuration":{"column_config":{"id":{"custom_name":"x"},"name":{"custom_name":"x"}}}}})");
    EXPECT_EQ(e.message, "the following custom column names are duplicated: \"x\"");
}

TEST_F(MetadataApplyTest, UntrackRemovesTableAndUntrackingTwiceFails) {
    ok(R"({"type":"pg_track_table","args":{"table":"authors"}})");
    ok(R"({"type":"pg_untrack_table","args":{"table":"authors"}})");
    EXPECT_TRUE(metadata_.find_source("default")->tables.empty());
    MetadataError e = fail(R"({"type":"pg_untrack_table","args":{"table":"authors"}})");
    EXPECT_EQ(e.code, ErrorCode::kAlreadyUntracked);
    EXPECT_EQ(e.message, "view/table already untracked: \"authors\"");
}

TEST_F(MetadataApplyTest, UntrackWithDependentRelationshipsNeedsCascade) {
    track_blog();
    ok(R"({"type":"pg_create_object_relationship","args":{"table":"articles","name":"author","using":{"foreign_key_constraint_on":"author_id"}}})");
    ok(R"({"type":"pg_create_select_permission","args":{"table":"articles","role":"user","permission":{"columns":"*","filter":{"author":{"id":{"_eq":"X-Hasura-User-Id"}}}}}})");
    ok(R"({"type":"pg_create_select_permission","args":{"table":"articles","role":"anon","permission":{"columns":"*","filter":{}}}})");
    MetadataError e = fail(R"({"type":"pg_untrack_table","args":{"table":"authors"}})");
    EXPECT_EQ(e.code, ErrorCode::kDependencyError);
    EXPECT_EQ(e.message,
              "cannot drop due to the following dependent objects: relationship articles.author");
    ok(R"({"type":"pg_untrack_table","args":{"table":"authors","cascade":true}})");
    EXPECT_EQ(table("articles").find_relationship("author"), nullptr);
    EXPECT_EQ(table("articles").select_permission("user"), nullptr);  // used the relationship
    EXPECT_NE(table("articles").select_permission("anon"), nullptr);
}

TEST_F(MetadataApplyTest, CreateAndDropEveryPermissionKind) {
    track_blog();
    const char* creates[] = {
        R"({"type":"pg_create_insert_permission","args":{"table":"articles","role":"user","permission":{"check":{"author_id":"X-Hasura-User-Id"},"set":{"author_id":"X-Hasura-User-Id"},"columns":["title","body"]}}})",
        R"({"type":"pg_create_select_permission","args":{"table":"articles","role":"user","permission":{"columns":["id","title"],"filter":{"published":{"_eq":true}},"limit":10}}})",
        R"({"type":"pg_create_update_permission","args":{"table":"articles","role":"user","permission":{"columns":["title"],"filter":{"author_id":{"_eq":"X-Hasura-User-Id"}},"check":{}}}})",
        R"({"type":"pg_create_delete_permission","args":{"table":"articles","role":"user","permission":{"filter":{"author_id":{"_eq":"X-Hasura-User-Id"}}}}})",
    };
    for (const char* c : creates) EXPECT_EQ(compact(ok(c)), R"({"message":"success"})");
    const TableMetadata& t = table("articles");
    EXPECT_NE(t.insert_permission("user"), nullptr);
    EXPECT_EQ(t.select_permission("user")->limit, 10);
    EXPECT_NE(t.update_permission("user"), nullptr);
    EXPECT_NE(t.delete_permission("user"), nullptr);
    for (const char* kind : {"insert", "select", "update", "delete"}) {
        ok(std::string(R"({"type":"pg_drop_)") + kind +
           R"(_permission","args":{"table":"articles","role":"user"}})");
    }
    EXPECT_TRUE(table("articles").select_permissions.empty());
    EXPECT_TRUE(table("articles").insert_permissions.empty());
}

TEST_F(MetadataApplyTest, CreatingAnExistingPermissionIsAlreadyExists) {
    track_blog();
    const char* create =
        R"({"type":"pg_create_select_permission","args":{"table":"authors","role":"user","permission":{"columns":"*","filter":{}}}})";
    ok(create);
    MetadataError e = fail(create);
    EXPECT_EQ(e.code, ErrorCode::kAlreadyExists);
    EXPECT_EQ(e.message,
              "select permission already defined on table \"authors\" with role \"user\"");
    // admin has every permission implicitly (Hasura's create_article_permission_role_admin_error).
    e = fail(
        R"({"type":"pg_create_insert_permission","args":{"table":"authors","role":"admin","permission":{"check":{}}}})");
    EXPECT_EQ(e.code, ErrorCode::kAlreadyExists);
    EXPECT_EQ(e.message,
              "insert permission already defined on table \"authors\" with role \"admin\"");
}

TEST_F(MetadataApplyTest, PermissionOnUntrackedTableIsNotExists) {
    MetadataError e = fail(
        R"({"type":"pg_create_select_permission","args":{"table":"authors","role":"user","permission":{"columns":"*","filter":{}}}})");
    EXPECT_EQ(e.code, ErrorCode::kNotExists);
    EXPECT_EQ(e.message, "table \"authors\" does not exist in source: default");
    e = fail(
        R"({"type":"pg_drop_select_permission","args":{"table":{"schema":"app","name":"x"},"role":"user"}})");
    EXPECT_EQ(e.message, "table \"app.x\" does not exist in source: default");
}

TEST_F(MetadataApplyTest, DroppingAMissingPermissionIsNotExists) {
    track_blog();
    MetadataError e =
        fail(R"({"type":"pg_drop_update_permission","args":{"table":"authors","role":"user"}})");
    EXPECT_EQ(e.code, ErrorCode::kNotExists);
    EXPECT_EQ(e.message, "update permission on \"authors\" for role \"user\" does not exist");
}

TEST_F(MetadataApplyTest, PermissionColumnsAndPresetsMustExistInCatalog) {
    track_blog();
    MetadataError e = fail(
        R"({"type":"pg_create_select_permission","args":{"table":"authors","role":"user","permission":{"columns":["id","password"],"filter":{}}}})");
    EXPECT_EQ(e.code, ErrorCode::kInvalidConfiguration);
    EXPECT_EQ(e.path, "$.args.permission");
    EXPECT_EQ(e.message, "column \"password\" not found in table \"authors\"");
    e = fail(
        R"({"type":"pg_create_insert_permission","args":{"table":"articles","role":"user","permission":{"check":{},"set":{"owner":"X-Hasura-User-Id"}}}})");
    EXPECT_EQ(e.message, "column \"owner\" not found in table \"articles\"");
    // Without a catalog the same permission is accepted (checked later by
    // get_inconsistent_metadata).
    ok(R"({"type":"pg_create_select_permission","args":{"table":"authors","role":"user","permission":{"columns":["id","password"],"filter":{}}}})",
       false);
}

TEST_F(MetadataApplyTest, PermissionExpressionNamesAreCheckedThroughRelationships) {
    track_blog();
    ok(R"({"type":"pg_create_object_relationship","args":{"table":"articles","name":"author","using":{"foreign_key_constraint_on":"author_id"}}})");
    ok(R"({"type":"pg_create_array_relationship","args":{"table":"authors","name":"articles","using":{"foreign_key_constraint_on":{"table":"articles","column":"author_id"}}}})");
    MetadataError e = fail(
        R"({"type":"pg_create_select_permission","args":{"table":"articles","role":"u","permission":{"columns":"*","filter":{"_or":[{"id":{"_eq":1}},{"owner":{"_eq":"X-Hasura-User-Id"}}]}}}})");
    EXPECT_EQ(e.code, ErrorCode::kInvalidConfiguration);
    EXPECT_EQ(e.path, "$.args.permission.filter._or[1].owner");
    EXPECT_EQ(e.message, "column \"owner\" not found in table \"articles\"");
    // Through the relationship, names are looked up in the target table.
    e = fail(
        R"({"type":"pg_create_select_permission","args":{"table":"articles","role":"u","permission":{"columns":"*","filter":{"author":{"title":{"_eq":"x"}}}}}})");
    EXPECT_EQ(e.path, "$.args.permission.filter.author.title");
    EXPECT_EQ(e.message, "column \"title\" not found in table \"authors\"");
    e = fail(
        R"({"type":"pg_create_delete_permission","args":{"table":"articles","role":"u","permission":{"filter":{"writer":{"id":{"_eq":1}}}}}})");
    EXPECT_EQ(e.message, "relationship \"writer\" not found in table \"articles\"");
    e = fail(
        R"({"type":"pg_create_insert_permission","args":{"table":"articles","role":"u","permission":{"check":{"_exists":{"_table":"bans","_where":{}}}}}})");
    EXPECT_EQ(e.code, ErrorCode::kInvalidConfiguration);
    EXPECT_EQ(e.path, "$.args.permission.check._exists._table");
    EXPECT_EQ(e.message, "table \"bans\" does not exist");
    // A table the database has but the metadata does not track is just as unknown.
    catalog_.add_table({"public", "secrets"}, {"id", "value"});
    e = fail(
        R"({"type":"pg_create_select_permission","args":{"table":"articles","role":"u","permission":{"columns":"*","filter":{"_exists":{"_table":{"schema":"public","name":"secrets"},"_where":{}}}}}})");
    EXPECT_EQ(e.code, ErrorCode::kInvalidConfiguration);
    EXPECT_EQ(e.path, "$.args.permission.filter._exists._table");
    EXPECT_EQ(e.message, "table \"secrets\" does not exist");
    e = fail(
        R"({"type":"pg_create_update_permission","args":{"table":"articles","role":"u","permission":{"columns":["title"],"filter":{},"check":{"author_aggregate":{"count":{"predicate":{"_gt":0}}}}}}})");
    EXPECT_EQ(
        e.message,
        "aggregation predicates need an array relationship; \"author\" is an object relationship");
    ok(R"({"type":"pg_create_select_permission","args":{"table":"authors","role":"u","permission":{"columns":"*","filter":{"_and":[{"articles":{"author":{"id":{"_eq":"X-Hasura-User-Id"}}}},{"articles_aggregate":{"count":{"predicate":{"_gt":0},"filter":{"published":{"_eq":true}}}}},{"_exists":{"_table":"articles","_where":{"published":{}}}}]}}}})");
    // A relationship named with {} (exists a related row) is accepted as a "column" term.
    ok(R"({"type":"pg_create_select_permission","args":{"table":"articles","role":"v","permission":{"columns":"*","filter":{"author":{}}}}})");
}

TEST_F(MetadataApplyTest, ObjectRelationshipNeedsAForeignKey) {
    track_blog();
    ok(R"({"type":"pg_create_object_relationship","args":{"table":"articles","name":"author","using":{"foreign_key_constraint_on":"author_id"}}})");
    EXPECT_EQ(table("articles").relationship_kind("author"), RelationshipKind::kObject);
    MetadataError e = fail(
        R"({"type":"pg_create_object_relationship","args":{"table":"articles","name":"editor","using":{"foreign_key_constraint_on":"updated_by"}}})");
    EXPECT_EQ(e.code, ErrorCode::kConstraintError);
    EXPECT_EQ(e.path, "$.args.using.foreign_key_constraint_on");
    EXPECT_EQ(e.message, "no foreign constraint exists on the given column");
    e = fail(
        R"({"type":"pg_create_object_relationship","args":{"table":"articles","name":"x","using":{"foreign_key_constraint_on":"nope"}}})");
    EXPECT_EQ(e.code, ErrorCode::kInvalidConfiguration);
    EXPECT_EQ(e.message, "column \"nope\" not found in table \"articles\"");
}

TEST_F(MetadataApplyTest, ArrayRelationshipThroughRemoteForeignKey) {
    track_blog();
    ok(R"({"type":"pg_create_array_relationship","args":{"table":"authors","name":"articles","using":{"foreign_key_constraint_on":{"table":"articles","column":"author_id"}}}})");
    EXPECT_EQ(table("authors").relationship_kind("articles"), RelationshipKind::kArray);
    MetadataError e = fail(
        R"({"type":"pg_create_array_relationship","args":{"table":"authors","name":"edits","using":{"foreign_key_constraint_on":{"table":"articles","columns":["updated_by"]}}}})");
    EXPECT_EQ(e.code, ErrorCode::kConstraintError);
    e = fail(
        R"({"type":"pg_create_array_relationship","args":{"table":"authors","name":"x","using":{"foreign_key_constraint_on":{"table":"comments","column":"author_id"}}}})");
    EXPECT_EQ(e.code, ErrorCode::kNotExists);
    EXPECT_EQ(e.path, "$.args.using.foreign_key_constraint_on.table");
    EXPECT_EQ(e.message, "table \"comments\" does not exist in source: default");
}

TEST_F(MetadataApplyTest, ManualRelationshipChecksRemoteTableAndColumns) {
    track_blog();
    ok(R"({"type":"pg_create_array_relationship","args":{"table":"authors","name":"edited","using":{"manual_configuration":{"remote_table":"articles","column_mapping":{"id":"updated_by"}}}}})");
    MetadataError e = fail(
        R"({"type":"pg_create_object_relationship","args":{"table":"articles","name":"x","using":{"manual_configuration":{"remote_table":"users","column_mapping":{"author_id":"id"}}}}})");
    EXPECT_EQ(e.code, ErrorCode::kNotExists);
    EXPECT_EQ(e.message, "table \"users\" does not exist in source: default");
    e = fail(
        R"({"type":"pg_create_object_relationship","args":{"table":"articles","name":"x","using":{"manual_configuration":{"remote_table":"authors","column_mapping":{"author_id":"uid"}}}}})");
    EXPECT_EQ(e.message, "column \"uid\" not found in table \"authors\"");
}

TEST_F(MetadataApplyTest, RelationshipNameClashes) {
    track_blog();
    ok(R"({"type":"pg_create_object_relationship","args":{"table":"articles","name":"author","using":{"foreign_key_constraint_on":"author_id"}}})");
    MetadataError e = fail(
        R"({"type":"pg_create_array_relationship","args":{"table":"articles","name":"author","using":{"manual_configuration":{"remote_table":"authors","column_mapping":{"author_id":"id"}}}}})");
    EXPECT_EQ(e.code, ErrorCode::kAlreadyExists);
    EXPECT_EQ(e.message, "column/relationship \"author\" of table \"articles\" already exists");
    e = fail(
        R"({"type":"pg_create_object_relationship","args":{"table":"articles","name":"title","using":{"manual_configuration":{"remote_table":"authors","column_mapping":{"author_id":"id"}}}}})");
    EXPECT_EQ(e.message, "column/relationship \"title\" of table \"articles\" already exists");
}

TEST_F(MetadataApplyTest, DropRelationshipAndItsDependents) {
    track_blog();
    ok(R"({"type":"pg_create_object_relationship","args":{"table":"articles","name":"author","using":{"foreign_key_constraint_on":"author_id"}}})");
    ok(R"({"type":"pg_create_select_permission","args":{"table":"articles","role":"user","permission":{"columns":"*","filter":{"_or":[{"author":{"id":{"_eq":"X-Hasura-User-Id"}}}]}}}})");
    MetadataError e = fail(
        R"({"type":"pg_drop_relationship","args":{"table":"articles","relationship":"author"}})");
    EXPECT_EQ(e.code, ErrorCode::kDependencyError);
    EXPECT_EQ(
        e.message,
        "cannot drop due to the following dependent objects: permission articles.user.select");
    ok(R"({"type":"pg_drop_relationship","args":{"table":"articles","relationship":"author","cascade":true}})");
    EXPECT_EQ(table("articles").find_relationship("author"), nullptr);
    EXPECT_EQ(table("articles").select_permission("user"), nullptr);
    e = fail(
        R"({"type":"pg_drop_relationship","args":{"table":"articles","relationship":"author"}})");
    EXPECT_EQ(e.code, ErrorCode::kNotExists);
    EXPECT_EQ(e.message, "relationship \"author\" of table \"articles\" does not exist");
}

TEST_F(MetadataApplyTest, SetTableCustomizationReplacesConfiguration) {
    ok(R"({"type":"pg_track_table","args":{"table":"authors","configuration":{"custom_name":"Writer"}}})");
    ok(R"({"type":"pg_set_table_customization","args":{"table":"authors","configuration":{"custom_root_fields":{"select":"writers"}}}})");
    EXPECT_FALSE(table("authors").configuration->custom_name.has_value());
    EXPECT_EQ(table("authors").configuration->root_field_name("select"), "writers");
    MetadataError e = fail(
        R"({"type":"pg_set_table_customization","args":{"table":"articles","configuration":{}}})");
    EXPECT_EQ(e.code, ErrorCode::kNotExists);
    e = fail(
        R"({"type":"pg_set_table_customization","args":{"table":"authors","configuration":{"custom_column_names":{"ghost":"g"}}}})");
    EXPECT_EQ(e.code, ErrorCode::kInvalidConfiguration);
}

TEST_F(MetadataApplyTest, ExportReturnsTheMetadata) {
    ok(R"({"type":"pg_track_table","args":{"table":"authors"}})");
    core::json::value exported = ok(R"({"type":"export_metadata","args":{}})");
    EXPECT_EQ(compact(exported), compact(emit_metadata(metadata_)));
    auto again = parse_metadata(exported);
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(again->sources[0].tables.size(), 1u);
}

TEST_F(MetadataApplyTest, ReplaceMetadataSwapsEverything) {
    ok(R"({"type":"replace_metadata","args":{"version":3,"sources":[{"name":"default","kind":"postgres","tables":[{"table":"authors"}],"configuration":{}}]}})");
    EXPECT_EQ(metadata_.sources.size(), 1u);
    EXPECT_EQ(table("authors").table.name, "authors");
}

TEST_F(MetadataApplyTest, ReplaceWithInconsistenciesIsRefusedUnlessAllowed) {
    const char* bad =
        R"({"type":"replace_metadata","args":{"metadata":{"version":3,"sources":[{"name":"default","kind":"postgres","tables":[{"table":"ghosts"}],"configuration":{}}]}}})";
    MetadataError e = fail(bad);
    EXPECT_EQ(e.code, ErrorCode::kUnexpected);
    EXPECT_EQ(e.message, "cannot continue due to inconsistent metadata");
    core::json::value r = ok(
        R"({"type":"replace_metadata","args":{"allow_inconsistent_metadata":true,"metadata":{"version":3,"sources":[{"name":"default","kind":"postgres","tables":[{"table":"ghosts"}],"configuration":{}}]}}})");
    EXPECT_EQ(
        compact(r),
        R"({"is_consistent":false,"inconsistent_objects":[{"definition":{"name":"ghosts","schema":"public"},"name":"table public.ghosts in source default","reason":"Inconsistent object: no such table/view exists in source: \"public.ghosts\"","type":"table"}]})");
    EXPECT_EQ(table("ghosts").table.name, "ghosts");
}

TEST_F(MetadataApplyTest, GetInconsistentAndReloadReport) {
    EXPECT_EQ(compact(ok(R"({"type":"get_inconsistent_metadata","args":{}})")),
              R"({"is_consistent":true,"inconsistent_objects":[]})");
    EXPECT_EQ(compact(ok(R"({"type":"reload_metadata","args":{}})")),
              R"({"is_consistent":true,"message":"success"})");
    ok(R"({"type":"pg_track_table","args":{"table":"authors"}})");
    ok(R"({"type":"pg_create_select_permission","args":{"table":"authors","role":"u","permission":{"columns":["id","secret"],"filter":{}}}})",
       false);
    core::json::value r = ok(R"({"type":"get_inconsistent_metadata","args":{}})");
    EXPECT_EQ(r.at("is_consistent"), false);
    const auto& objs = r.at("inconsistent_objects").as_array();
    ASSERT_EQ(objs.size(), 1u);
    EXPECT_EQ(objs[0].at("type"), "select_permission");
    EXPECT_EQ(objs[0].at("reason"),
              "Inconsistent object: in table \"public.authors\": in permission for role \"u\": "
              "column \"secret\" not found in table \"authors\"");
    core::json::value reload = ok(R"({"type":"reload_metadata","args":{}})");
    EXPECT_EQ(reload.at("is_consistent"), false);
    EXPECT_EQ(reload.at("inconsistent_objects").as_array().size(), 1u);
}

TEST_F(MetadataApplyTest, RelationshipToUntrackedTableIsInconsistentEvenWithoutCatalog) {
    auto m = parse_metadata(js(
        R"({"version":3,"sources":[{"name":"default","kind":"postgres","tables":[{"table":"a","array_relationships":[{"name":"bs","using":{"manual_configuration":{"remote_table":"b","column_mapping":{"id":"a_id"}}}}]}],"configuration":{}}]})"));
    ASSERT_TRUE(m.has_value());
    auto objs = find_inconsistencies(*m, nullptr);
    ASSERT_EQ(objs.size(), 1u);
    EXPECT_EQ(objs[0].type, "array_relation");
    EXPECT_EQ(objs[0].reason,
              "Inconsistent object: in table \"public.a\": in relationship \"bs\": table \"b\" "
              "does not exist in source: default");
}

// The console's "Delete all inconsistent objects" (Settings): every inconsistent object goes,
// and then what only depended on them (a relationship to a dropped table), until consistent.
TEST_F(MetadataApplyTest, DropInconsistentMetadataRemovesEveryInconsistentObject) {
    ok(R"({"type":"replace_metadata","args":{"allow_inconsistent_metadata":true,"metadata":{"version":3,"sources":[{"name":"default","kind":"postgres","configuration":{},"tables":[)"
       R"({"table":"ghosts","select_permissions":[{"role":"u","permission":{"columns":["id"],"filter":{}}}]},)"
       R"({"table":"authors","select_permissions":[{"role":"u","permission":{"columns":["id","secret"],"filter":{}}},{"role":"v","permission":{"columns":["id","name"],"filter":{}}}],)"
       R"("insert_permissions":[{"role":"u","permission":{"columns":["nope"],"check":{}}}]},)"
       R"({"table":"articles","object_relationships":[{"name":"author","using":{"foreign_key_constraint_on":"author_id"}},)"
       R"({"name":"ghost","using":{"manual_configuration":{"remote_table":"ghosts","column_mapping":{"id":"id"}}}}]}]}]}}})");
    ASSERT_EQ(ok(R"({"type":"get_inconsistent_metadata","args":{}})")
                  .at("inconsistent_objects")
                  .as_array()
                  .size(),
              3u);  // ghosts, and the two permissions of authors; not yet the relationship

    EXPECT_EQ(compact(ok(R"({"type":"drop_inconsistent_metadata","args":{}})")),
              R"({"message":"success"})");
    EXPECT_EQ(compact(ok(R"({"type":"get_inconsistent_metadata","args":{}})")),
              R"({"is_consistent":true,"inconsistent_objects":[]})");
    const Source& s = metadata_.sources.at(0);
    ASSERT_EQ(s.tables.size(), 2u);
    EXPECT_EQ(s.find_table({"public", "ghosts"}), nullptr);
    ASSERT_EQ(table("authors").select_permissions.size(), 1u);
    EXPECT_EQ(table("authors").select_permissions[0].role, "v");  // the consistent one stays
    EXPECT_TRUE(table("authors").insert_permissions.empty());
    ASSERT_EQ(table("articles").object_relationships.size(), 1u);
    EXPECT_EQ(table("articles").object_relationships[0].name, "author");

    // On consistent metadata it changes nothing and still answers success.
    const std::string before = compact(emit_metadata(metadata_));
    EXPECT_EQ(compact(ok(R"({"type":"drop_inconsistent_metadata"})")), R"({"message":"success"})");
    EXPECT_EQ(compact(emit_metadata(metadata_)), before);
}

TEST_F(MetadataApplyTest, DropInconsistenciesWithoutACatalogDropsDanglingRelationships) {
    auto m = parse_metadata(js(
        R"({"version":3,"sources":[{"name":"default","kind":"postgres","tables":[{"table":"a","array_relationships":[{"name":"bs","using":{"manual_configuration":{"remote_table":"b","column_mapping":{"id":"a_id"}}}}]}],"configuration":{}}]})"));
    ASSERT_TRUE(m.has_value());
    EXPECT_EQ(drop_inconsistencies(*m, nullptr), 1u);
    EXPECT_TRUE(m->sources.at(0).tables.at(0).array_relationships.empty());
    EXPECT_EQ(drop_inconsistencies(*m, nullptr), 0u);
}

// Ward keeps SQLite tables of the main database under schema "public" (the catalog reads them
// so and sqlite_track_table defaults to it), so a missing SQLite table is reported under the
// same name export_metadata gives it.
TEST_F(MetadataApplyTest, InconsistentSqliteTablesAreNamedAsExportNamesThem) {
    ok(R"({"type":"sqlite_track_table","args":{"source":"local","table":"notes"}})", false);
    core::json::value exported = ok(R"({"type":"export_metadata","args":{}})");
    const auto& local = exported.at("sources").as_array().at(1);
    ASSERT_EQ(local.at("name"), "local");
    const auto& name = local.at("tables").as_array().at(0).at("table");
    EXPECT_EQ(compact(name), R"({"name":"notes","schema":"public"})");
    auto objs = find_inconsistencies(metadata_, &catalog_);  // knows no table of "local"
    ASSERT_EQ(objs.size(), 1u);
    EXPECT_EQ(objs[0].name, "table " + std::string(name.at("schema").as_string()) + "." +
                                std::string(name.at("name").as_string()) + " in source local");
    EXPECT_EQ(compact(objs[0].definition), compact(name));
}

TEST_F(MetadataApplyTest, ClearMetadataKeepsOnlyTheDefaultSourceConnection) {
    track_blog();
    ok(R"({"type":"add_inherited_role","args":{"role_name":"staff","role_set":["a"]}})");
    EXPECT_EQ(compact(ok(R"({"type":"clear_metadata","args":{}})")), R"({"message":"success"})");
    EXPECT_EQ(
        compact(emit_metadata(metadata_)),
        R"({"version":3,"sources":[{"name":"default","kind":"postgres","tables":[],"configuration":{"connection_info":{"database_url":{"from_env":"DB"}}}}]})");
}

TEST_F(MetadataApplyTest, InheritedRoles) {
    ok(R"({"type":"add_inherited_role","args":{"role_name":"staff","role_set":["editor","user"]}})");
    ASSERT_NE(metadata_.find_inherited_role("staff"), nullptr);
    MetadataError e =
        fail(R"({"type":"add_inherited_role","args":{"role_name":"staff","role_set":["x"]}})");
    EXPECT_EQ(e.code, ErrorCode::kAlreadyExists);
    EXPECT_EQ(e.message, "inherited role \"staff\" already exists");
    e = fail(R"({"type":"add_inherited_role","args":{"role_name":"boss","role_set":[]}})");
    EXPECT_EQ(e.code, ErrorCode::kInvalidParams);
    e = fail(R"({"type":"add_inherited_role","args":{"role_name":"me","role_set":["me"]}})");
    EXPECT_EQ(e.code, ErrorCode::kCyclicDependency);
    ok(R"({"type":"add_inherited_role","args":{"role_name":"all","role_set":["staff","anon"]}})");
    ok(R"({"type":"drop_inherited_role","args":{"role_name":"staff"}})");
    // "staff" is now an ordinary role name again; making it inherit "all" would close a cycle.
    e = fail(R"({"type":"add_inherited_role","args":{"role_name":"staff","role_set":["all"]}})");
    EXPECT_EQ(e.code, ErrorCode::kCyclicDependency);
    e = fail(R"({"type":"drop_inherited_role","args":{"role_name":"staff"}})");
    EXPECT_EQ(e.code, ErrorCode::kNotExists);
    EXPECT_EQ(e.message, "inherited role \"staff\" does not exist");
}

TEST_F(MetadataApplyTest, BulkAppliesInOrderAndAnswersAnArray) {
    core::json::value r = ok(R"({"type":"bulk","args":[
        {"type":"pg_track_table","args":{"table":"authors"}},
        {"type":"pg_track_table","args":{"table":"articles"}},
        {"type":"pg_create_array_relationship","args":{"table":"authors","name":"articles","using":{"foreign_key_constraint_on":{"table":"articles","column":"author_id"}}}},
        {"type":"export_metadata","args":{}}]})");
    ASSERT_TRUE(r.is_array());
    ASSERT_EQ(r.as_array().size(), 4u);
    EXPECT_EQ(compact(r.as_array()[0]), R"({"message":"success"})");
    EXPECT_EQ(r.as_array()[3].at("sources").as_array()[0].at("tables").as_array().size(), 2u);
    EXPECT_EQ(metadata_.find_source("default")->tables.size(), 2u);
}

// bulk is all-or-nothing: a failing step leaves the metadata as it was before the bulk.
TEST_F(MetadataApplyTest, BulkRollsBackOnFailingStep) {
    ok(R"({"type":"pg_track_table","args":{"table":"authors"}})");
    MetadataError e = fail(R"({"type":"bulk","args":[
        {"type":"pg_track_table","args":{"table":"articles"}},
        {"type":"pg_create_select_permission","args":{"table":"articles","role":"u","permission":{"columns":"*","filter":{}}}},
        {"type":"pg_track_table","args":{"table":"authors"}}]})");
    EXPECT_EQ(e.code, ErrorCode::kAlreadyTracked);
    EXPECT_EQ(e.path, "$.args[2].args");
    EXPECT_EQ(metadata_.find_source("default")->tables.size(), 1u);
    EXPECT_EQ(metadata_.find_source("default")->find_table({"public", "articles"}), nullptr);
}

TEST_F(MetadataApplyTest, NestedBulkFailureReportsNestedPath) {
    MetadataError e = fail(
        R"({"type":"bulk","args":[{"type":"bulk","args":[{"type":"pg_untrack_table","args":{"table":"authors"}}]}]})");
    EXPECT_EQ(e.code, ErrorCode::kAlreadyUntracked);
    EXPECT_EQ(e.path, "$.args[0].args[0].args");
}

TEST_F(MetadataApplyTest, FixtureExportReplacesAndIsConsistentWithMatchingCatalog) {
    auto fixture = js(test::read_fixture("hasura_v2_export.json"));
    core::json::object body;
    body["type"] = "replace_metadata";
    body["args"] = fixture;
    auto cmd = parse_command(body);
    ASSERT_TRUE(cmd.has_value());
    auto r = apply_command(metadata_, *cmd, &catalog_);
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_EQ(compact(emit_metadata(r->metadata)), compact(fixture));
}

}  // namespace
}  // namespace ward::engine::metadata

namespace ward::engine::metadata {
namespace {

// spec/hasura.md §5.1: a stale resource_version is a 409 conflict.
TEST(MetadataResourceVersionTest, MismatchIsConflict) {
    auto cmd =
        parse_command(test::js(R"({"type":"export_metadata","args":{},"resource_version":2})"));
    ASSERT_TRUE(cmd.has_value());
    EXPECT_TRUE(check_resource_version(*cmd, 2).has_value());
    auto r = check_resource_version(*cmd, 3);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, ErrorCode::kConflict);
    EXPECT_EQ(http_status(r.error().code), 409);
    EXPECT_EQ(
        test::compact(r.error().to_json()),
        R"({"path":"$","error":"metadata resource version referenced (2) did not match current version","code":"conflict"})");
    auto none = parse_command(test::js(R"({"type":"export_metadata","args":{}})"));
    EXPECT_TRUE(check_resource_version(*none, 99).has_value());
}

TEST(MetadataResourceVersionTest, ExportResponseVersionTwoWrapsMetadata) {
    Metadata m;
    EXPECT_EQ(test::compact(export_response(m, std::nullopt, 5)), R"({"version":3,"sources":[]})");
    EXPECT_EQ(test::compact(export_response(m, 1, 5)), R"({"version":3,"sources":[]})");
    EXPECT_EQ(test::compact(export_response(m, 2, 5)),
              R"({"resource_version":5,"metadata":{"version":3,"sources":[]}})");
}

}  // namespace
}  // namespace ward::engine::metadata
