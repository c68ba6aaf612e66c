// Tests for plan::bind: slot values from literals, variables (by path) and session variables,
// normalised to the column type, with Hasura's errors for missing session variables and values
// that cannot be cast.
#include <gtest/gtest.h>

#include "engine/plan/plan_fixture.hpp"

namespace ward::engine::plan {
namespace {

using catalog::ScalarType;

QueryPlan one_slot(ScalarType type, std::string db_type, ParamSource source, bool array = false,
                   bool nullable = true) {
    QueryPlan plan;
    Param p;
    p.type = type;
    p.db_type = std::move(db_type);
    p.array = array;
    p.nullable = nullable;
    p.source = std::move(source);
    plan.params.push_back(std::move(p));
    return plan;
}

ParamSource session_src(std::string name) { return ParamSource{SessionSource{std::move(name)}}; }

core::json::value bound(const QueryPlan& plan, const metadata::SessionVariables& s,
                        const core::json::object& vars = {}) {
    auto r = bind(plan, vars, s);
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message);
    return r ? (*r)[0].value : core::json::value("<error>");
}

PlanError bind_error(const QueryPlan& plan, const metadata::SessionVariables& s,
                     const core::json::object& vars = {}) {
    auto r = bind(plan, vars, s);
    EXPECT_FALSE(r.has_value());
    return r ? PlanError{} : r.error();
}

TEST(PlanBindTest, SessionValueIsCastToTheColumnType) {
    auto plan = one_slot(ScalarType::kInt, "int4", session_src("x-hasura-user-id"));
    EXPECT_EQ(bound(plan, testing::session("42")), core::json::value(42));
    auto text = one_slot(ScalarType::kString, "text", session_src("x-hasura-user-id"));
    EXPECT_EQ(bound(text, testing::session("42")), core::json::value("42"));
    auto flag = one_slot(ScalarType::kBoolean, "bool", session_src("x-hasura-user-id"));
    EXPECT_EQ(bound(flag, testing::session("TRUE")), core::json::value(true));
    EXPECT_EQ(bound(flag, testing::session("f")), core::json::value(false));
}

TEST(PlanBindTest, MissingSessionVariablesAreAllReported) {
    QueryPlan plan = one_slot(ScalarType::kInt, "int4", session_src("x-hasura-user-id"));
    Param second = plan.params[0];
    second.source = session_src("x-hasura-org-id");
    plan.params.push_back(second);
    metadata::SessionVariables s;
    auto e = bind_error(plan, s);
    EXPECT_EQ(e.code, "not-found");
    EXPECT_EQ(e.message, R"(missing session variables: "x-hasura-user-id", "x-hasura-org-id")");
    EXPECT_EQ(e.path, "$");
}

TEST(PlanBindTest, UncastableValuesAreDataExceptions) {
    auto plan = one_slot(ScalarType::kInt, "int4", session_src("x-hasura-user-id"));
    auto e = bind_error(plan, testing::session("abc"));
    EXPECT_EQ(e.code, "data-exception");
    EXPECT_EQ(e.message, R"(invalid input syntax for type integer: "abc")");
    EXPECT_EQ(bind_error(plan, testing::session("99999999999")).code, "data-exception");
    EXPECT_EQ(bind_error(plan, testing::session("1.5")).code, "data-exception");
    auto uuid = one_slot(ScalarType::kUuid, "uuid", session_src("x-hasura-user-id"));
    EXPECT_EQ(bind_error(uuid, testing::session("not-a-uuid")).message,
              R"(invalid input syntax for type uuid: "not-a-uuid")");
    EXPECT_EQ(bound(uuid, testing::session("123e4567-e89b-12d3-a456-426614174000")),
              core::json::value("123e4567-e89b-12d3-a456-426614174000"));
    auto flag = one_slot(ScalarType::kBoolean, "bool", session_src("x-hasura-user-id"));
    EXPECT_EQ(bind_error(flag, testing::session("maybe")).code, "data-exception");
    auto num = one_slot(ScalarType::kNumeric, "numeric", session_src("x-hasura-user-id"));
    EXPECT_EQ(bound(num, testing::session("12.50")), core::json::value("12.50"));
    EXPECT_EQ(bind_error(num, testing::session("12,5")).code, "data-exception");
}

TEST(PlanBindTest, ArraySessionValueIsAPostgresArrayLiteral) {
    auto plan = one_slot(ScalarType::kInt, "int4", session_src("x-hasura-allowed-ids"), true);
    metadata::SessionVariables s;
    s.set("X-Hasura-Allowed-Ids", "{1,2,3}");
    EXPECT_EQ(bound(plan, s), core::parse_json("[1,2,3]").value());
    s.set("X-Hasura-Allowed-Ids", "{}");
    EXPECT_EQ(bound(plan, s), core::parse_json("[]").value());
    s.set("X-Hasura-Allowed-Ids", "[4, 5]");
    EXPECT_EQ(bound(plan, s), core::parse_json("[4,5]").value());
    auto text = one_slot(ScalarType::kString, "text", session_src("x-hasura-allowed-ids"), true);
    s.set("X-Hasura-Allowed-Ids", R"({"a,b", c})");
    EXPECT_EQ(bound(text, s), core::parse_json(R"(["a,b","c"])").value());
    for (std::string bad : {"1,2", "{1,,2}", "{\"a}", "null"}) {
        s.set("X-Hasura-Allowed-Ids", bad);
        EXPECT_EQ(bind_error(plan, s).code, "data-exception") << bad;
    }
}

TEST(PlanBindTest, VariablesAreReadByPath) {
    VariableSource v{"rows", {PathStep{std::size_t{1}}, PathStep{std::string("title")}}};
    auto plan = one_slot(ScalarType::kString, "text", ParamSource{v});
    auto vars = core::parse_json(R"({"rows": [{"title": "a"}, {"title": "b"}]})")->as_object();
    EXPECT_EQ(bound(plan, {}, vars), core::json::value("b"));
    // A path that leads nowhere (a variable not given) binds null.
    auto missing = core::parse_json(R"({"rows": []})")->as_object();
    EXPECT_TRUE(bound(plan, {}, missing).is_null());
}

TEST(PlanBindTest, NullWhereAValueIsRequired) {
    auto plan =
        one_slot(ScalarType::kInt, "int4", ParamSource{VariableSource{"x", {}}}, false, false);
    auto vars = core::parse_json(R"({"x": null})")->as_object();
    auto e = bind_error(plan, {}, vars);
    EXPECT_EQ(e.code, "validation-failed");
    EXPECT_EQ(e.message, "unexpected null value for type \"Int\"");
}

TEST(PlanBindTest, LimitIsClampedAndMayNotBeNegative) {
    auto plan = one_slot(ScalarType::kInt, "int4", ParamSource{VariableSource{"n", {}}});
    plan.params[0].max_value = 10;
    plan.params[0].non_negative = true;
    EXPECT_EQ(bound(plan, {}, core::parse_json(R"({"n": 50})")->as_object()),
              core::json::value(10));
    EXPECT_EQ(bound(plan, {}, core::parse_json(R"({"n": 3})")->as_object()), core::json::value(3));
    EXPECT_EQ(bound(plan, {}, core::parse_json(R"({"n": null})")->as_object()),
              core::json::value(10));
    EXPECT_EQ(bind_error(plan, {}, core::parse_json(R"({"n": -1})")->as_object()).code,
              "validation-failed");
}

TEST(PlanBindTest, JsonbSessionValueIsParsed) {
    auto plan = one_slot(ScalarType::kJsonb, "jsonb", session_src("x-hasura-meta"));
    metadata::SessionVariables s;
    s.set("x-hasura-meta", R"({"a": 1})");
    EXPECT_EQ(bound(plan, s), core::parse_json(R"({"a":1})").value());
    s.set("x-hasura-meta", "{oops");
    EXPECT_EQ(bind_error(plan, s).code, "data-exception");
}

TEST(PlanBindTest, SeedQueryBindsTheUserId) {
    auto snap = testing::seed_snapshot();
    auto p = testing::plan_for(*snap, "user", "{ users { id } }");
    ASSERT_TRUE(p->ok()) << p->failure;
    auto ok = bind(p->plan(), {}, testing::session("u1"));
    ASSERT_TRUE(ok.has_value());
    EXPECT_EQ((*ok)[0].value, core::json::value("u1"));
    EXPECT_EQ((*ok)[0].type, ScalarType::kString);
    auto missing = bind(p->plan(), {}, testing::session(""));
    ASSERT_FALSE(missing.has_value());
    EXPECT_EQ(missing.error().message, R"(missing session variables: "x-hasura-user-id")");
}

}  // namespace
}  // namespace ward::engine::plan
