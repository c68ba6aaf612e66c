#include "engine/metadata/metadata.hpp"

#include <gtest/gtest.h>

#include "test_util.hpp"

namespace ward::engine::metadata {
namespace {

using test::compact;
using test::js;

Metadata parse_ok(const core::json::value& v) {
    auto r = parse_metadata(v);
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().path + ": " + r.error().message);
    return r ? std::move(r).value() : Metadata{};
}

MetadataError parse_err(std::string_view text) {
    auto r = parse_metadata(js(text));
    EXPECT_FALSE(r.has_value()) << text;
    return r ? MetadataError{} : r.error();
}

std::string with_table(std::string_view table_json) {
    return std::string(
               R"({"version":3,"sources":[{"name":"default","kind":"postgres","tables":[)") +
           std::string(table_json) + R"(],"configuration":{}}]})";
}

// A metadata.json as exported by Hasura v2 parses and is exported back byte for byte (same keys,
// same order), including the sections Ward does not interpret.
TEST(MetadataExportTest, HasuraExportRoundTripsExactly) {
    core::json::value in = js(test::read_fixture("hasura_v2_export.json"));
    Metadata m = parse_ok(in);
    EXPECT_EQ(compact(emit_metadata(m)), compact(in));
}

TEST(MetadataExportTest, HasuraExportIsReadIntoTypedValues) {
    Metadata m = parse_ok(js(test::read_fixture("hasura_v2_export.json")));
    ASSERT_EQ(m.sources.size(), 1u);
    const Source& s = m.sources[0];
    EXPECT_EQ(s.name, "default");
    EXPECT_EQ(s.kind, SourceKind::kPostgres);
    ASSERT_EQ(s.tables.size(), 2u);

    const TableMetadata* articles = s.find_table({"public", "articles"});
    ASSERT_NE(articles, nullptr);
    ASSERT_TRUE(articles->configuration.has_value());
    EXPECT_EQ(articles->configuration->column_custom_name("author_id"), "authorId");
    EXPECT_EQ(articles->configuration->root_field_name("select"), "articleList");
    EXPECT_EQ(articles->configuration->root_field_name("select_by_pk"), "article");
    EXPECT_FALSE(articles->configuration->root_field_name("insert").has_value());
    EXPECT_EQ(articles->relationship_kind("author"), RelationshipKind::kObject);
    const ForeignKeyUsing* fk = articles->find_relationship("author")->foreign_key();
    ASSERT_NE(fk, nullptr);
    EXPECT_EQ(fk->form, ForeignKeyUsing::Form::kColumn);
    EXPECT_EQ(fk->columns, std::vector<std::string>{"author_id"});

    const SelectPermission* user_select = articles->select_permission("user");
    ASSERT_NE(user_select, nullptr);
    EXPECT_EQ(user_select->limit, 20);
    EXPECT_FALSE(user_select->aggregations_allowed());
    EXPECT_TRUE(user_select->columns.contains("title"));
    EXPECT_FALSE(user_select->columns.contains("updated_by"));
    EXPECT_EQ(*user_select->query_root_fields,
              (std::vector<std::string>{"select", "select_by_pk"}));
    EXPECT_TRUE(articles->select_permission("editor")->columns.all);
    EXPECT_TRUE(articles->select_permission("editor")->aggregations_allowed());

    const InsertPermission* ins = articles->insert_permission("user");
    ASSERT_NE(ins, nullptr);
    ASSERT_TRUE(ins->set.has_value());
    EXPECT_EQ((*ins->set)[0].first, "author_id");
    EXPECT_EQ((*ins->set)[0].second.session_variable()->name, "x-hasura-user-id");
    EXPECT_FALSE((*ins->set)[1].second.is_session_variable());
    EXPECT_FALSE(ins->is_backend_only());
    EXPECT_TRUE(articles->update_permission("user")->check.has_value());
    EXPECT_TRUE(articles->has_permission(PermissionKind::kDelete, "editor"));
    EXPECT_FALSE(articles->has_permission(PermissionKind::kInsert, "editor"));
    EXPECT_TRUE(articles->extra.contains("event_triggers"));

    const TableMetadata* authors = s.find_table({"public", "authors"});
    ASSERT_NE(authors, nullptr);
    const Relationship* arts = authors->find_relationship("articles");
    EXPECT_EQ(arts->foreign_key()->form, ForeignKeyUsing::Form::kTableColumn);
    EXPECT_EQ(arts->remote_table(), (TableName{"public", "articles"}));
    const Relationship* pub = authors->find_relationship("published_articles");
    ASSERT_NE(pub->manual(), nullptr);
    EXPECT_EQ(pub->manual()->column_mapping[0],
              (std::pair<std::string, std::string>{"id", "author_id"}));
    EXPECT_EQ(pub->comment, "only the published ones");
    EXPECT_EQ(*authors->select_permission("editor")->computed_fields,
              std::vector<std::string>{"full_name"});
    EXPECT_TRUE(authors->extra.contains("computed_fields"));

    ASSERT_EQ(m.inherited_roles.size(), 1u);
    EXPECT_EQ(m.inherited_roles[0].role_set, (std::vector<std::string>{"editor", "user"}));
    EXPECT_TRUE(m.extra.contains("actions"));
    EXPECT_TRUE(m.extra.contains("custom_types"));
    EXPECT_TRUE(s.extra.contains("functions"));
}

TEST(MetadataExportTest, TableGivenAsStringMeansSchemaPublicAndExportsAsObject) {
    Metadata m = parse_ok(js(with_table(R"({"table":"users"})")));
    const TableMetadata& t = m.sources[0].tables[0];
    EXPECT_EQ(t.table, (TableName{"public", "users"}));
    EXPECT_EQ(compact(emit_table_metadata(t)), R"({"table":{"name":"users","schema":"public"}})");
    Metadata m2 = parse_ok(js(with_table(R"({"table":{"name":"users","schema":"auth"}})")));
    EXPECT_EQ(m2.sources[0].tables[0].table.display(), "auth.users");
    Metadata m3 = parse_ok(js(with_table(R"({"table":{"name":"users"}})")));
    EXPECT_EQ(m3.sources[0].tables[0].table.schema, "public");
}

TEST(MetadataExportTest, EveryPermissionKindRoundTrips) {
    const char* table =
        R"({"table":{"name":"t","schema":"public"},)"
        R"("insert_permissions":[{"role":"r","permission":{"check":{"a":{"_eq":1}},"set":{"b":"X-Hasura-User-Id"},"columns":"*","backend_only":true},"comment":"c"}],)"
        R"("select_permissions":[{"role":"r","permission":{"columns":["a"],"computed_fields":["f"],"filter":{},"limit":0,"allow_aggregations":false,"query_root_fields":[],"subscription_root_fields":["select_stream"]}}],)"
        R"("update_permissions":[{"role":"r","permission":{"columns":["a","b"],"filter":{"a":{"_gt":0}},"check":{},"set":{"c":5},"backend_only":false}}],)"
        R"("delete_permissions":[{"role":"r","permission":{"filter":{"a":{"_eq":"x-hasura-user-id"}},"backend_only":true}}]})";
    Metadata m = parse_ok(js(with_table(table)));
    EXPECT_EQ(compact(emit_table_metadata(m.sources[0].tables[0])), compact(js(table)));
    const TableMetadata& t = m.sources[0].tables[0];
    EXPECT_TRUE(t.insert_permission("r")->is_backend_only());
    EXPECT_TRUE(t.insert_permission("r")->columns->all);
    EXPECT_TRUE(t.select_permission("r")->query_root_fields->empty());
    EXPECT_EQ(t.select_permission("r")->limit, 0);
    EXPECT_TRUE(t.delete_permission("r")->is_backend_only());
}

TEST(MetadataExportTest, EveryRelationshipFormRoundTrips) {
    const char* table =
        R"({"table":{"name":"t","schema":"public"},)"
        R"("object_relationships":[)"
        R"({"name":"a","using":{"foreign_key_constraint_on":"a_id"}},)"
        R"({"name":"b","using":{"foreign_key_constraint_on":["b1","b2"]}},)"
        R"({"name":"c","using":{"foreign_key_constraint_on":{"columns":["t_id"],"table":{"name":"c","schema":"public"}}}},)"
        R"({"name":"d","using":{"manual_configuration":{"column_mapping":{"d_id":"id"},"insertion_order":"before_parent","remote_table":{"name":"d","schema":"x"}}},"comment":"manual"}],)"
        R"("array_relationships":[)"
        R"({"name":"e","using":{"foreign_key_constraint_on":{"column":"t_id","table":{"name":"e","schema":"public"}}}},)"
        R"({"name":"f","using":{"foreign_key_constraint_on":{"columns":["t_id","t2"],"table":{"name":"f","schema":"public"}}}},)"
        R"({"name":"g","using":{"manual_configuration":{"column_mapping":{"id":"t_id","k":"k2"},"remote_table":{"name":"g","schema":"public"}}}}]})";
    Metadata m = parse_ok(js(with_table(table)));
    const TableMetadata& t = m.sources[0].tables[0];
    EXPECT_EQ(compact(emit_table_metadata(t)), compact(js(table)));
    EXPECT_EQ(t.find_relationship("b")->foreign_key()->form, ForeignKeyUsing::Form::kColumns);
    EXPECT_EQ(t.find_relationship("c")->foreign_key()->form, ForeignKeyUsing::Form::kTableColumns);
    EXPECT_FALSE(t.find_relationship("a")->remote_table().has_value());
    EXPECT_EQ(t.find_relationship("d")->remote_table(), (TableName{"x", "d"}));
    EXPECT_EQ(t.relationship_kind("g"), RelationshipKind::kArray);
    EXPECT_EQ(t.find_relationship("g")->manual()->column_mapping.size(), 2u);
}

TEST(MetadataExportTest, UnknownSectionsArePreservedEverywhere) {
    const char* text =
        R"({"version":3,"sources":[{"name":"default","kind":"postgres","tables":[)"
        R"({"table":{"name":"t","schema":"public"},"select_permissions":[{"role":"r","permission":{"columns":[],"filter":{},"future_flag":{"x":1}}}],"apollo_federation_config":{"enable":"v1"}})"
        R"(],"logical_models":[{"name":"m"}],"configuration":{"connection_info":{"database_url":"postgres://x"}},"customization":{"root_fields":{"namespace":"db"}}}],)"
        R"("remote_schemas":[{"name":"rs","definition":{"url":"https://x"}}],"query_collections":[],"allowlist":[{"collection":"c"}],"cron_triggers":[],"graphql_schema_introspection":{"disabled_for_roles":["anon"]},"backend_configs":{"dataconnector":{}},"something_new":7})";
    Metadata m = parse_ok(js(text));
    EXPECT_EQ(compact(emit_metadata(m)), compact(js(text)));
    EXPECT_TRUE(m.sources[0].customization.has_value());
}

TEST(MetadataExportTest, SqliteSourceKindIsWards) {
    Metadata m = parse_ok(js(
        R"({"version":3,"sources":[{"name":"local","kind":"sqlite","tables":[],"configuration":{"path":"ward.db"}}]})"));
    EXPECT_EQ(m.sources[0].kind, SourceKind::kSqlite);
    EXPECT_EQ(
        compact(emit_metadata(m)),
        R"({"version":3,"sources":[{"name":"local","kind":"sqlite","tables":[],"configuration":{"path":"ward.db"}}]})");
}

TEST(MetadataExportTest, LegacyVersionTwoBecomesDefaultSource) {
    Metadata m = parse_ok(js(
        R"({"version":2,"tables":[{"table":"users","select_permissions":[{"role":"u","permission":{"columns":"*","filter":{}}}]}],"functions":[{"function":"f"}],"remote_schemas":[]})"));
    ASSERT_EQ(m.sources.size(), 1u);
    EXPECT_EQ(m.sources[0].name, "default");
    EXPECT_EQ(m.sources[0].tables[0].table.name, "users");
    EXPECT_TRUE(m.sources[0].extra.contains("functions"));
    EXPECT_TRUE(m.extra.contains("remote_schemas"));
    EXPECT_FALSE(m.extra.contains("tables"));
    // No version key, only tables: version 1.
    Metadata v1 = parse_ok(js(R"({"tables":[{"table":"a"}]})"));
    EXPECT_EQ(v1.sources[0].tables.size(), 1u);
}

TEST(MetadataExportTest, EmptyMetadataExportsVersionAndSources) {
    Metadata m;
    EXPECT_EQ(compact(emit_metadata(m)), R"({"version":3,"sources":[]})");
}

TEST(MetadataExportTest, MalformedInputGivesPathAndHasuraText) {
    struct Case {
        std::string text;
        ErrorCode code;
        const char* path;
        const char* message;
    };
    const Case cases[] = {
        {"[]", ErrorCode::kParseFailed, "$", "expected Object, but encountered Array"},
        {R"({"version":3})", ErrorCode::kParseFailed, "$", "key \"sources\" not found"},
        {R"({"version":4,"sources":[]})", ErrorCode::kParseFailed, "$.version",
         "unexpected metadata version: 4"},
        {R"({"version":"3","sources":[]})", ErrorCode::kParseFailed, "$.version",
         "expected Int, but encountered String"},
        {R"({"version":3,"sources":{}})", ErrorCode::kParseFailed, "$.sources",
         "expected Array, but encountered Object"},
        {R"({"version":3,"sources":[{"kind":"postgres","tables":[]}]})", ErrorCode::kParseFailed,
         "$.sources[0]", "key \"name\" not found"},
        {R"({"version":3,"sources":[{"name":"d","kind":"mssql","tables":[]}]})",
         ErrorCode::kNotSupported, "$.sources[0].kind",
         "source kind \"mssql\" is not supported (Ward supports postgres and sqlite)"},
        {R"({"version":3,"sources":[{"name":"d","kind":"postgres","tables":[],"configuration":{}},{"name":"d","kind":"postgres","tables":[]}]})",
         ErrorCode::kAlreadyExists, "$.sources[1]",
         "multiple declarations exist for the following sources: \"d\""},
        {with_table(R"({"table":5})"), ErrorCode::kParseFailed, "$.sources[0].tables[0].table",
         "expected String or Object for a table name, but encountered Number"},
        {with_table(R"({"table":""})"), ErrorCode::kParseFailed, "$.sources[0].tables[0].table",
         "table name cannot be empty"},
        {with_table(R"({"table":{"schema":"s"}})"), ErrorCode::kParseFailed,
         "$.sources[0].tables[0].table", "key \"name\" not found"},
        {with_table(R"({"table":"a"},{"table":{"name":"a","schema":"public"}})"),
         ErrorCode::kAlreadyExists, "$.sources[0].tables[1]",
         "multiple declarations exist for the following tables: \"a\" in source \"default\""},
        {with_table(
             R"({"table":"a","select_permissions":[{"permission":{"columns":[],"filter":{}}}]})"),
         ErrorCode::kParseFailed, "$.sources[0].tables[0].select_permissions[0]",
         "key \"role\" not found"},
        {with_table(
             R"({"table":"a","select_permissions":[{"role":"","permission":{"columns":[],"filter":{}}}]})"),
         ErrorCode::kParseFailed, "$.sources[0].tables[0].select_permissions[0].role",
         "empty string not allowed"},
        {with_table(
             R"({"table":"a","select_permissions":[{"role":"r","permission":{"filter":{}}}]})"),
         ErrorCode::kParseFailed, "$.sources[0].tables[0].select_permissions[0].permission",
         "key \"columns\" not found"},
        {with_table(
             R"({"table":"a","select_permissions":[{"role":"r","permission":{"columns":[]}}]})"),
         ErrorCode::kParseFailed, "$.sources[0].tables[0].select_permissions[0].permission",
         "key \"filter\" not found"},
        {with_table(
             R"({"table":"a","select_permissions":[{"role":"r","permission":{"columns":"id","filter":{}}}]})"),
         ErrorCode::kParseFailed, "$.sources[0].tables[0].select_permissions[0].permission.columns",
         "expected Array or \"*\", but encountered String"},
        {with_table(
             R"({"table":"a","select_permissions":[{"role":"r","permission":{"columns":[1],"filter":{}}}]})"),
         ErrorCode::kParseFailed,
         "$.sources[0].tables[0].select_permissions[0].permission.columns[0]",
         "expected String, but encountered Number"},
        {with_table(
             R"({"table":"a","select_permissions":[{"role":"r","permission":{"columns":[],"filter":{},"limit":-1}}]})"),
         ErrorCode::kParseFailed, "$.sources[0].tables[0].select_permissions[0].permission.limit",
         "unexpected negative value"},
        {with_table(
             R"({"table":"a","select_permissions":[{"role":"r","permission":{"columns":[],"filter":{},"limit":1.5}}]})"),
         ErrorCode::kParseFailed, "$.sources[0].tables[0].select_permissions[0].permission.limit",
         "expected Int, but encountered a non-integral Number"},
        {with_table(
             R"({"table":"a","select_permissions":[{"role":"r","permission":{"columns":[],"filter":{},"allow_aggregations":"yes"}}]})"),
         ErrorCode::kParseFailed,
         "$.sources[0].tables[0].select_permissions[0].permission.allow_aggregations",
         "expected Boolean, but encountered String"},
        {with_table(
             R"({"table":"a","select_permissions":[{"role":"r","permission":{"columns":[],"filter":{},"query_root_fields":["insert"]}}]})"),
         ErrorCode::kParseFailed,
         "$.sources[0].tables[0].select_permissions[0].permission.query_root_fields[0]",
         "unexpected root field \"insert\"; expected one of select, select_by_pk, "
         "select_aggregate"},
        {with_table(
             R"({"table":"a","select_permissions":[{"role":"r","permission":{"columns":[],"filter":{"id":{"_eqq":1}}}}]})"),
         ErrorCode::kUnexpectedPayload,
         "$.sources[0].tables[0].select_permissions[0].permission.filter.id._eqq",
         "Unknown operator: _eqq"},
        {with_table(
             R"({"table":"a","select_permissions":[{"role":"r","permission":{"columns":[],"filter":{}}},{"role":"r","permission":{"columns":[],"filter":{}}}]})"),
         ErrorCode::kAlreadyExists, "$.sources[0].tables[0].select_permissions[1]",
         "multiple declarations exist for the following select permissions: role \"r\" on table "
         "\"a\""},
        {with_table(
             R"({"table":"a","insert_permissions":[{"role":"r","permission":{"columns":[]}}]})"),
         ErrorCode::kParseFailed, "$.sources[0].tables[0].insert_permissions[0].permission",
         "key \"check\" not found"},
        {with_table(
             R"({"table":"a","insert_permissions":[{"role":"r","permission":{"check":{},"set":[]}}]})"),
         ErrorCode::kParseFailed, "$.sources[0].tables[0].insert_permissions[0].permission.set",
         "expected Object, but encountered Array"},
        {with_table(
             R"({"table":"a","update_permissions":[{"role":"r","permission":{"filter":{}}}]})"),
         ErrorCode::kParseFailed, "$.sources[0].tables[0].update_permissions[0].permission",
         "key \"columns\" not found"},
        {with_table(R"({"table":"a","delete_permissions":[{"role":"r","permission":{}}]})"),
         ErrorCode::kParseFailed, "$.sources[0].tables[0].delete_permissions[0].permission",
         "key \"filter\" not found"},
        {with_table(R"({"table":"a","delete_permissions":{}})"), ErrorCode::kParseFailed,
         "$.sources[0].tables[0].delete_permissions", "expected Array, but encountered Object"},
        {with_table(R"({"table":"a","object_relationships":[{"name":"x"}]})"),
         ErrorCode::kParseFailed, "$.sources[0].tables[0].object_relationships[0]",
         "key \"using\" not found"},
        {with_table(R"({"table":"a","object_relationships":[{"name":"x","using":[]}]})"),
         ErrorCode::kParseFailed, "$.sources[0].tables[0].object_relationships[0].using",
         "using should be an object"},
        {with_table(R"({"table":"a","object_relationships":[{"name":"x","using":{}}]})"),
         ErrorCode::kParseFailed, "$.sources[0].tables[0].object_relationships[0].using",
         "atleast one of foreign_key_constraint_on/manual_configuration should be present"},
        {with_table(
             R"({"table":"a","object_relationships":[{"name":"x","using":{"foreign_key_constraint_on":"c","manual_configuration":{}}}]})"),
         ErrorCode::kParseFailed, "$.sources[0].tables[0].object_relationships[0].using",
         "only one of foreign_key_constraint_on/manual_configuration should be present"},
        {with_table(
             R"({"table":"a","array_relationships":[{"name":"x","using":{"foreign_key_constraint_on":"c"}}]})"),
         ErrorCode::kParseFailed,
         "$.sources[0].tables[0].array_relationships[0].using.foreign_key_constraint_on",
         "expected Object, but encountered String"},
        {with_table(
             R"({"table":"a","array_relationships":[{"name":"x","using":{"foreign_key_constraint_on":{"table":"b"}}}]})"),
         ErrorCode::kParseFailed,
         "$.sources[0].tables[0].array_relationships[0].using.foreign_key_constraint_on",
         "key \"columns\" not found"},
        {with_table(
             R"({"table":"a","array_relationships":[{"name":"x","using":{"manual_configuration":{"remote_table":"b"}}}]})"),
         ErrorCode::kParseFailed,
         "$.sources[0].tables[0].array_relationships[0].using.manual_configuration",
         "key \"column_mapping\" not found"},
        {with_table(
             R"({"table":"a","array_relationships":[{"name":"x","using":{"manual_configuration":{"remote_table":"b","column_mapping":{"id":1}}}}]})"),
         ErrorCode::kParseFailed,
         "$.sources[0].tables[0].array_relationships[0].using.manual_configuration.column_mapping."
         "id",
         "expected String, but encountered Number"},
        {with_table(
             R"({"table":"a","object_relationships":[{"name":"x","using":{"foreign_key_constraint_on":"c"}}],"array_relationships":[{"name":"x","using":{"foreign_key_constraint_on":{"table":"b","column":"a_id"}}}]})"),
         ErrorCode::kAlreadyExists, "$.sources[0].tables[0].array_relationships[0]",
         "multiple declarations exist for the following relationships: \"x\" on table \"a\""},
        {with_table(R"({"table":"a","configuration":{"custom_name":"not valid"}})"),
         ErrorCode::kParseFailed, "$.sources[0].tables[0].configuration.custom_name",
         "\"not valid\" is not a valid GraphQL name"},
        {with_table(R"({"table":"a","configuration":{"custom_root_fields":{"selectt":"x"}}})"),
         ErrorCode::kParseFailed, "$.sources[0].tables[0].configuration.custom_root_fields.selectt",
         "unexpected custom root field \"selectt\""},
        {with_table(
             R"({"table":"a","configuration":{"column_config":{"c":{"custom_name":"1c"}}}})"),
         ErrorCode::kParseFailed,
         "$.sources[0].tables[0].configuration.column_config.c.custom_name",
         "\"1c\" is not a valid GraphQL name"},
        {R"({"version":3,"sources":[],"inherited_roles":[{"role_name":"a"}]})",
         ErrorCode::kParseFailed, "$.inherited_roles[0]", "key \"role_set\" not found"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.text);
        MetadataError e = parse_err(c.text);
        EXPECT_EQ(e.code, c.code);
        EXPECT_EQ(e.path, c.path);
        EXPECT_EQ(e.message, c.message);
    }
}

TEST(MetadataExportTest, CustomRootFieldsAcceptStringObjectAndNull) {
    const char* table =
        R"({"table":{"name":"t","schema":"public"},"configuration":{"custom_name":"Thing","custom_root_fields":{"select":"things","insert_one":{"comment":"add one","name":"addThing"},"delete":null,"update":{"comment":"only a comment"}}}})";
    Metadata m = parse_ok(js(with_table(table)));
    const TableConfiguration& c = *m.sources[0].tables[0].configuration;
    EXPECT_EQ(c.custom_name, "Thing");
    EXPECT_EQ(c.root_field_name("insert_one"), "addThing");
    EXPECT_FALSE(c.root_field_name("delete").has_value());
    EXPECT_FALSE(c.root_field_name("update").has_value());
    EXPECT_EQ(compact(emit_table_metadata(m.sources[0].tables[0])), compact(js(table)));
}

}  // namespace
}  // namespace ward::engine::metadata
