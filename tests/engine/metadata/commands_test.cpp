#include "engine/metadata/commands.hpp"

#include <gtest/gtest.h>

#include "test_util.hpp"

namespace ward::engine::metadata {
namespace {

using test::compact;
using test::js;

Command parse_ok(std::string_view text) {
    auto r = parse_command(js(text));
    EXPECT_TRUE(r.has_value()) << text << ": "
                               << (r ? "" : r.error().path + " " + r.error().message);
    return r ? std::move(r).value() : Command{"", ExportMetadata{}, {}, {}};
}

MetadataError parse_err(std::string_view text) {
    auto r = parse_command(js(text));
    EXPECT_FALSE(r.has_value()) << text;
    return r ? MetadataError{} : r.error();
}

TEST(MetadataCommandTest, TrackTableDefaultsSourceAndAcceptsConfiguration) {
    Command c = parse_ok(
        R"({"type":"pg_track_table","args":{"table":"users","configuration":{"custom_name":"Member"},"apollo_federation_config":{"enable":"v1"}}})");
    const auto& t = std::get<TrackTable>(c.args);
    EXPECT_EQ(c.type, "pg_track_table");
    EXPECT_EQ(t.backend, Backend::kPostgres);
    EXPECT_EQ(t.source, "default");
    EXPECT_EQ(t.table, (TableName{"public", "users"}));
    EXPECT_EQ(t.configuration->custom_name, "Member");
    EXPECT_TRUE(t.extra.contains("apollo_federation_config"));
    EXPECT_FALSE(c.is_read_only());
}

TEST(MetadataCommandTest, SqlitePrefixSelectsWardsBackend) {
    Command c = parse_ok(
        R"({"type":"sqlite_track_table","args":{"source":"local","table":{"schema":"main","name":"notes"}}})");
    const auto& t = std::get<TrackTable>(c.args);
    EXPECT_EQ(t.backend, Backend::kSqlite);
    EXPECT_EQ(t.source, "local");
    EXPECT_EQ(t.table.schema, "main");
    Command d =
        parse_ok(R"({"type":"sqlite_drop_select_permission","args":{"table":"notes","role":"u"}})");
    EXPECT_EQ(std::get<DropPermission>(d.args).backend, Backend::kSqlite);
}

TEST(MetadataCommandTest, UntrackTableReadsCascade) {
    Command c = parse_ok(R"({"type":"pg_untrack_table","args":{"table":"users","cascade":true}})");
    EXPECT_TRUE(std::get<UntrackTable>(c.args).cascade);
    Command d = parse_ok(R"({"type":"pg_untrack_table","args":{"table":"users"}})");
    EXPECT_FALSE(std::get<UntrackTable>(d.args).cascade);
}

TEST(MetadataCommandTest, CreatePermissionOfEachKind) {
    struct Case {
        const char* type;
        const char* permission;
        PermissionKind kind;
    };
    const Case cases[] = {
        {"pg_create_insert_permission", R"({"check":{},"columns":"*"})", PermissionKind::kInsert},
        {"pg_create_select_permission",
         R"({"columns":["id"],"filter":{"id":{"_eq":"X-Hasura-User-Id"}}})",
         PermissionKind::kSelect},
        {"pg_create_update_permission", R"({"columns":["id"],"filter":{}})",
         PermissionKind::kUpdate},
        {"pg_create_delete_permission", R"({"filter":{}})", PermissionKind::kDelete},
    };
    for (const auto& c : cases) {
        std::string text = std::string(R"({"type":")") + c.type +
                           R"(","args":{"table":"t","role":"user","comment":"why","permission":)" +
                           c.permission + "}}";
        SCOPED_TRACE(text);
        Command cmd = parse_ok(text);
        const auto& p = std::get<CreatePermission>(cmd.args);
        EXPECT_EQ(p.kind(), c.kind);
        EXPECT_EQ(p.role, "user");
        EXPECT_EQ(p.comment, "why");
    }
}

TEST(MetadataCommandTest, DropPermissionOfEachKind) {
    const std::pair<const char*, PermissionKind> cases[] = {
        {"pg_drop_insert_permission", PermissionKind::kInsert},
        {"pg_drop_select_permission", PermissionKind::kSelect},
        {"pg_drop_update_permission", PermissionKind::kUpdate},
        {"pg_drop_delete_permission", PermissionKind::kDelete}};
    for (const auto& [type, kind] : cases) {
        Command c = parse_ok(std::string(R"({"type":")") + type +
                             R"(","args":{"table":"t","role":"r","source":"s"}})");
        const auto& d = std::get<DropPermission>(c.args);
        EXPECT_EQ(d.kind, kind);
        EXPECT_EQ(d.source, "s");
    }
}

TEST(MetadataCommandTest, RelationshipCommands) {
    Command o = parse_ok(
        R"({"type":"pg_create_object_relationship","args":{"table":"articles","name":"author","using":{"foreign_key_constraint_on":"author_id"},"comment":"c"}})");
    const auto& obj = std::get<CreateRelationship>(o.args);
    EXPECT_EQ(obj.kind, RelationshipKind::kObject);
    EXPECT_EQ(obj.relationship.name, "author");
    EXPECT_EQ(obj.relationship.comment, "c");
    Command a = parse_ok(
        R"({"type":"pg_create_array_relationship","args":{"table":"authors","name":"articles","using":{"foreign_key_constraint_on":{"table":"articles","columns":["author_id"]}}}})");
    EXPECT_EQ(std::get<CreateRelationship>(a.args).kind, RelationshipKind::kArray);
    Command m = parse_ok(
        R"({"type":"pg_create_array_relationship","args":{"table":"authors","name":"x","using":{"manual_configuration":{"remote_table":"articles","column_mapping":{"id":"author_id"}}}}})");
    EXPECT_NE(std::get<CreateRelationship>(m.args).relationship.manual(), nullptr);
    Command d = parse_ok(
        R"({"type":"pg_drop_relationship","args":{"table":"articles","relationship":"author","cascade":true}})");
    EXPECT_EQ(std::get<DropRelationship>(d.args).relationship, "author");
    EXPECT_TRUE(std::get<DropRelationship>(d.args).cascade);
}

TEST(MetadataCommandTest, SetTableCustomization) {
    Command c = parse_ok(
        R"({"type":"pg_set_table_customization","args":{"table":"t","configuration":{"custom_root_fields":{"select":"items"}}}})");
    EXPECT_EQ(std::get<SetTableCustomization>(c.args).configuration.root_field_name("select"),
              "items");
}

TEST(MetadataCommandTest, MetadataWideCommands) {
    EXPECT_TRUE(std::holds_alternative<ExportMetadata>(
        parse_ok(R"({"type":"export_metadata","args":{}})").args));
    Command e = parse_ok(R"({"type":"export_metadata","version":2,"args":{}})");
    EXPECT_EQ(e.version, 2);
    EXPECT_TRUE(e.is_read_only());
    EXPECT_TRUE(std::holds_alternative<ClearMetadata>(
        parse_ok(R"({"type":"clear_metadata","args":{}})").args));
    EXPECT_TRUE(std::holds_alternative<GetInconsistentMetadata>(
        parse_ok(R"({"type":"get_inconsistent_metadata","args":{}})").args));
    Command drop = parse_ok(R"({"type":"drop_inconsistent_metadata","args":{}})");
    EXPECT_TRUE(std::holds_alternative<DropInconsistentMetadata>(drop.args));
    EXPECT_FALSE(drop.is_read_only());  // it changes the stored metadata
    Command r = parse_ok(R"({"type":"reload_metadata","args":{"reload_remote_schemas":true}})");
    EXPECT_TRUE(std::get<ReloadMetadata>(r.args).args.contains("reload_remote_schemas"));
    // args may be omitted for commands without arguments.
    EXPECT_TRUE(
        std::holds_alternative<ExportMetadata>(parse_ok(R"({"type":"export_metadata"})").args));
}

TEST(MetadataCommandTest, ReplaceMetadataBothForms) {
    Command v1 = parse_ok(R"({"type":"replace_metadata","args":{"version":3,"sources":[]}})");
    const auto& r1 = std::get<ReplaceMetadata>(v1.args);
    EXPECT_FALSE(r1.wrapped);
    EXPECT_FALSE(r1.allow_inconsistent_metadata);
    Command v2 = parse_ok(
        R"({"type":"replace_metadata","version":2,"resource_version":7,"args":{"allow_inconsistent_metadata":true,"metadata":{"version":3,"sources":[]}}})");
    const auto& r2 = std::get<ReplaceMetadata>(v2.args);
    EXPECT_TRUE(r2.wrapped);
    EXPECT_TRUE(r2.allow_inconsistent_metadata);
    EXPECT_EQ(v2.resource_version, 7);
    MetadataError e = parse_err(R"({"type":"replace_metadata","args":{"metadata":{"version":3}}})");
    EXPECT_EQ(e.path, "$.args.metadata");
    EXPECT_EQ(e.message, "key \"sources\" not found");
}

TEST(MetadataCommandTest, InheritedRoleCommands) {
    Command a = parse_ok(
        R"({"type":"add_inherited_role","args":{"role_name":"staff","role_set":["a","b"]}})");
    EXPECT_EQ(std::get<AddInheritedRole>(a.args).role.role_set.size(), 2u);
    Command d = parse_ok(R"({"type":"drop_inherited_role","args":{"role_name":"staff"}})");
    EXPECT_EQ(std::get<DropInheritedRole>(d.args).role_name, "staff");
}

TEST(MetadataCommandTest, BulkNestsCommands) {
    Command b = parse_ok(
        R"({"type":"bulk","args":[{"type":"pg_track_table","args":{"table":"a"}},{"type":"bulk","args":[{"type":"clear_metadata","args":{}}]}]})");
    const auto& bulk = std::get<Bulk>(b.args);
    ASSERT_EQ(bulk.commands.size(), 2u);
    EXPECT_TRUE(std::holds_alternative<TrackTable>(bulk.commands[0].args));
    EXPECT_EQ(std::get<Bulk>(bulk.commands[1].args).commands.size(), 1u);
    MetadataError e = parse_err(
        R"({"type":"bulk","args":[{"type":"pg_track_table","args":{"table":"a"}},{"type":"pg_track_table","args":{}}]})");
    EXPECT_EQ(e.path, "$.args[1].args");
    EXPECT_EQ(e.message, "key \"table\" not found");
}

TEST(MetadataCommandTest, MalformedRequests) {
    struct Case {
        const char* text;
        const char* path;
        const char* message;
    };
    const Case cases[] = {
        {"[]", "$", "expected Object, but encountered Array"},
        {R"({"args":{}})", "$", "key \"type\" not found"},
        {R"({"type":5,"args":{}})", "$.type", "expected String, but encountered Number"},
        {R"({"type":"pg_frobnicate","args":{}})", "$.type",
         "unknown metadata command \"pg_frobnicate\""},
        {R"({"type":"mysql_track_table","args":{"table":"a"}})", "$.type",
         "unknown metadata command \"mysql_track_table\""},
        {R"({"type":"pg_create_upsert_permission","args":{}})", "$.type",
         "unknown metadata command \"pg_create_upsert_permission\""},
        {R"({"type":"pg_track_table"})", "$", "key \"args\" not found"},
        {R"({"type":"pg_track_table","args":[]})", "$.args",
         "expected Object, but encountered Array"},
        {R"({"type":"pg_track_table","args":{}})", "$.args", "key \"table\" not found"},
        {R"({"type":"pg_track_table","args":{"table":"a","source":1}})", "$.args.source",
         "expected String, but encountered Number"},
        {R"({"type":"pg_untrack_table","args":{"table":"a","cascade":"yes"}})", "$.args.cascade",
         "expected Boolean, but encountered String"},
        {R"({"type":"pg_create_select_permission","args":{"table":"a","permission":{}}})", "$.args",
         "key \"role\" not found"},
        {R"({"type":"pg_create_select_permission","args":{"table":"a","role":"r"}})", "$.args",
         "key \"permission\" not found"},
        {R"({"type":"pg_create_select_permission","args":{"table":"a","role":"","permission":{}}})",
         "$.args.role", "empty string not allowed"},
        {R"({"type":"pg_create_select_permission","args":{"table":"a","role":"r","permission":{"columns":"*","filter":{"x":{"_nope":1}}}}})",
         "$.args.permission.filter.x._nope", "Unknown operator: _nope"},
        {R"({"type":"pg_create_object_relationship","args":{"table":"a","using":{"foreign_key_constraint_on":"b"}}})",
         "$.args", "key \"name\" not found"},
        {R"({"type":"pg_drop_relationship","args":{"table":"a"}})", "$.args",
         "key \"relationship\" not found"},
        {R"({"type":"export_metadata","args":[]})", "$.args",
         "expected Object, but encountered Array"},
        {R"({"type":"drop_inconsistent_metadata","args":"all"})", "$.args",
         "expected Object, but encountered String"},
        {R"({"type":"bulk","args":{}})", "$.args", "expected Array, but encountered Object"},
        {R"({"type":"bulk","args":[5]})", "$.args[0]", "expected Object, but encountered Number"},
        {R"({"type":"export_metadata","args":{},"resource_version":"x"})", "$.resource_version",
         "expected Int, but encountered String"},
        {R"({"type":"add_inherited_role","args":{"role_name":"x"}})", "$.args",
         "key \"role_set\" not found"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.text);
        MetadataError e = parse_err(c.text);
        EXPECT_EQ(e.code, std::string_view(c.message).rfind("Unknown operator", 0) == 0
                              ? ErrorCode::kUnexpectedPayload
                              : ErrorCode::kParseFailed);
        EXPECT_EQ(e.path, c.path);
        EXPECT_EQ(e.message, c.message);
    }
}

TEST(MetadataCommandTest, BulkNestingIsLimited) {
    std::string text;
    for (int i = 0; i < 12; ++i) text += R"({"type":"bulk","args":[)";
    text += R"({"type":"export_metadata"})";
    for (int i = 0; i < 12; ++i) text += "]}";
    auto parsed = core::parse_json(text, core::JsonLimits{1 << 20, 256});
    ASSERT_TRUE(parsed.has_value());
    auto r = parse_command(*parsed);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().message, "bulk commands nested too deeply");
}

}  // namespace
}  // namespace ward::engine::metadata
