// The server's operation helpers without a database: splitting the database's JSON object,
// compacting PostgreSQL's JSON text, assembling `data` around introspection fields, and the
// mapping of execution errors (with `internal` only when the database raised them).
#include "engine/server/operation.hpp"

#include <gtest/gtest.h>

namespace ward::engine::server {
namespace {

namespace json = core::json;

TEST(ServerOperation, SplitsTopLevelMembersWithoutADom) {
    auto m = object_members(R"( {"a" : [1, {"x":"}"}], "b":"q\"uote,}", "c":null,"d":-1.5e3} )");
    ASSERT_TRUE(m.has_value());
    ASSERT_EQ(m->size(), 4u);
    EXPECT_EQ((*m)[0].first, "a");
    EXPECT_EQ((*m)[0].second, R"([1, {"x":"}"}])");
    EXPECT_EQ((*m)[1].second, R"("q\"uote,}")");
    EXPECT_EQ((*m)[2].second, "null");
    EXPECT_EQ((*m)[3].first, "d");
    EXPECT_EQ((*m)[3].second, "-1.5e3");
    auto empty = object_members(" {} ");
    ASSERT_TRUE(empty.has_value());
    EXPECT_TRUE(empty->empty());
}

TEST(ServerOperation, RefusesMalformedObjects) {
    for (const char* bad :
         {"", "[]", "null", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{\"a\":1} x", "{\"a\":[1}",
          "{\"a\":\"x}", "{a:1}", "{\"a\":1 \"b\":2}", "{} {}"}) {
        EXPECT_FALSE(object_members(bad).has_value()) << bad;
    }
}

TEST(ServerOperation, CompactsWhitespaceOutsideStrings) {
    std::string t = "{\"a b\" : [1, \n 2], \"c\" : \"x \\\" y\\\\\", \"d\" :\t{}}";
    compact_json(t);
    EXPECT_EQ(t, R"({"a b":[1,2],"c":"x \" y\\","d":{}})");
    std::string already = R"({"k":"v"})";
    compact_json(already);
    EXPECT_EQ(already, R"({"k":"v"})");
}

std::shared_ptr<const graphql::Schema> tiny_schema() {
    graphql::SchemaBuilder b;
    b.add_object("Query").field("hello", "String");
    return b.build().value();
}

CompiledOperation layout_of(std::vector<RootSlot> slots, bool with_statement) {
    CompiledOperation c;
    c.layout = std::move(slots);
    for (const auto& s : c.layout) c.has_introspection = c.has_introspection || s.introspection;
    if (with_statement) c.statement = sqlgen::SqlStatement{};
    return c;
}

TEST(ServerOperation, PassesTheDatabaseObjectThrough) {
    auto c = layout_of({{"users", false}}, true);
    auto schema = tiny_schema();
    auto body = response_body(c, R"({"users" : [1, 2]})", *schema, nullptr);
    ASSERT_TRUE(body.has_value());
    EXPECT_EQ(*body, R"({"data":{"users" : [1, 2]}})");
}

TEST(ServerOperation, MissingIntrospectionOrDatabaseKeysAreUnexpected) {
    auto schema_ptr = tiny_schema();
    const graphql::Schema& schema = *schema_ptr;
    // An introspection slot whose collected field the request did not prepare.
    auto c = layout_of({{"users", false}, {"__schema", true}}, true);
    auto body = response_body(c, R"({"users":[]})", schema, nullptr);
    ASSERT_FALSE(body.has_value());
    EXPECT_EQ(body.error().code, ErrorCode::kUnexpected);
    // The database's object lacks a key of the layout, or is not an object.
    graphql::PreparedOperation op;
    body = response_body(c, R"({"other":[]})", schema, &op);
    ASSERT_FALSE(body.has_value());
    body = response_body(c, "[]", schema, &op);
    ASSERT_FALSE(body.has_value());
    EXPECT_EQ(body.error().message, "the database returned a malformed response");
}

TEST(ServerOperation, ExecErrorsCarryInternalOnlyFromTheDatabase) {
    sqlgen::SqlStatement st;
    st.steps.push_back(sqlgen::SqlStep{.kind = sqlgen::StepKind::kResult, .text = "SELECT 1"});
    std::vector<json::value> slots{json::value(7), json::value("x")};
    exec::ExecError db{.code = "constraint-violation",
                       .message = "Uniqueness violation. duplicate key",
                       .path = "$.selectionSet.insert_users.args.objects",
                       .sqlstate = "23505",
                       .internal_message = "duplicate key"};
    EngineError e = from_exec_error(db, &st, slots);
    EXPECT_EQ(e.code, ErrorCode::kConstraintViolation);
    EXPECT_EQ(e.path, "$.selectionSet.insert_users.args.objects");
    ASSERT_TRUE(e.internal.has_value());
    EXPECT_EQ(core::to_json(*e.internal),
              R"({"arguments":[7,"x"],"error":{"description":null,"exec_status":"FatalError",)"
              R"("hint":null,"message":"duplicate key","status_code":"23505"},)"
              R"("prepared":true,"statement":"SELECT 1"})");
    // Hidden unless asked for.
    EXPECT_EQ(core::to_json(e.to_graphql_json(false)),
              R"({"extensions":{"path":"$.selectionSet.insert_users.args.objects",)"
              R"("code":"constraint-violation"},"message":"Uniqueness violation. duplicate key"})");

    exec::ExecError own{.code = "data-exception", .message = "invalid input syntax"};
    e = from_exec_error(own, &st, slots);
    EXPECT_EQ(e.code, ErrorCode::kDataException);
    EXPECT_FALSE(e.internal.has_value());
    // A code outside Hasura's vocabulary is `unexpected`.
    e = from_exec_error(exec::ExecError{.code = "internal-error", .message = "no steps"}, nullptr,
                        slots);
    EXPECT_EQ(e.code, ErrorCode::kUnexpected);
}

TEST(ServerOperation, SessionVariablesKeepTextAndArrays) {
    auth::Session s;
    s.role = "user";
    s.variables["x-hasura-user-id"] = json::value("7");
    s.variables["x-hasura-allowed-ids"] = json::parse("[1,2,3]");
    auto vars = session_variables(s);
    EXPECT_EQ(vars.get("X-Hasura-User-Id").value_or(""), "7");
    EXPECT_EQ(vars.get("x-hasura-allowed-ids").value_or(""), "{1,2,3}");
}

}  // namespace
}  // namespace ward::engine::server
