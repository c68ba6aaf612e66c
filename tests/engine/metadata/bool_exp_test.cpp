#include "engine/metadata/bool_exp.hpp"

#include <gtest/gtest.h>

#include "test_util.hpp"

namespace ward::engine::metadata {
namespace {

using test::compact;
using test::js;

BoolExp parse_ok(std::string_view text, const BoolExpOptions& options = {}) {
    auto r = parse_bool_exp(js(text), "$", options);
    EXPECT_TRUE(r.has_value()) << text << ": " << (r ? "" : r.error().message);
    return r ? std::move(r).value() : BoolExp{};
}

MetadataError parse_err(std::string_view text, const BoolExpOptions& options = {}) {
    auto r = parse_bool_exp(js(text), "$", options);
    EXPECT_FALSE(r.has_value()) << text;
    return r ? MetadataError{} : r.error();
}

void expect_round_trip(std::string_view text, const BoolExpOptions& options = {}) {
    BoolExp e = parse_ok(text, options);
    EXPECT_EQ(compact(emit_bool_exp(e)), compact(js(text)));
}

const ColumnExp& only_column(const BoolExp& e) {
    static const ColumnExp kEmpty;
    if (e.terms.size() != 1 || !std::holds_alternative<ColumnExp>(e.terms[0])) {
        ADD_FAILURE() << "expected one column term";
        return kEmpty;
    }
    return std::get<ColumnExp>(e.terms[0]);
}

TEST(MetadataBoolExpTest, EmptyObjectIsTrue) {
    BoolExp e = parse_ok("{}");
    EXPECT_TRUE(e.is_true());
    EXPECT_EQ(compact(emit_bool_exp(e)), "{}");
}

// Every operator of spec/hasura.md §2.2 parses to its own CompareOp and emits back unchanged.
TEST(MetadataBoolExpTest, EveryScalarOperatorParsesAndRoundTrips) {
    struct Case {
        const char* op;
        CompareOp expected;
        const char* value;
    };
    const Case cases[] = {
        {"_eq", CompareOp::kEq, "1"},
        {"_neq", CompareOp::kNeq, "1"},
        {"_gt", CompareOp::kGt, "1.5"},
        {"_lt", CompareOp::kLt, "\"b\""},
        {"_gte", CompareOp::kGte, "0"},
        {"_lte", CompareOp::kLte, "10"},
        {"_like", CompareOp::kLike, "\"%a%\""},
        {"_nlike", CompareOp::kNlike, "\"%a%\""},
        {"_ilike", CompareOp::kIlike, "\"%A%\""},
        {"_nilike", CompareOp::kNilike, "\"%A%\""},
        {"_similar", CompareOp::kSimilar, "\"(a|b)%\""},
        {"_nsimilar", CompareOp::kNsimilar, "\"(a|b)%\""},
        {"_regex", CompareOp::kRegex, "\"^a\""},
        {"_nregex", CompareOp::kNregex, "\"^a\""},
        {"_iregex", CompareOp::kIregex, "\"^A\""},
        {"_niregex", CompareOp::kNiregex, "\"^A\""},
        {"_contains", CompareOp::kContains, "{\"tags\":[\"x\"]}"},
        {"_contained_in", CompareOp::kContainedIn, "{\"a\":1,\"b\":2}"},
        {"_has_key", CompareOp::kHasKey, "\"a\""},
        {"_jsonb_path_exists", CompareOp::kJsonbPathExists, "\"$.a\""},
        {"_jsonb_path_match", CompareOp::kJsonbPathMatch, "\"$.a == 1\""},
        {"_st_contains", CompareOp::kStContains, "{\"type\":\"Point\",\"coordinates\":[1,2]}"},
        {"_st_crosses", CompareOp::kStCrosses, "{\"type\":\"Point\",\"coordinates\":[1,2]}"},
        {"_st_equals", CompareOp::kStEquals, "{\"type\":\"Point\",\"coordinates\":[1,2]}"},
        {"_st_intersects", CompareOp::kStIntersects, "{\"type\":\"Point\",\"coordinates\":[1,2]}"},
        {"_st_overlaps", CompareOp::kStOverlaps, "{\"type\":\"Point\",\"coordinates\":[1,2]}"},
        {"_st_touches", CompareOp::kStTouches, "{\"type\":\"Point\",\"coordinates\":[1,2]}"},
        {"_st_within", CompareOp::kStWithin, "{\"type\":\"Point\",\"coordinates\":[1,2]}"},
        {"_st_d_within", CompareOp::kStDWithin,
         "{\"distance\":10,\"from\":{\"type\":\"Point\",\"coordinates\":[1,2]}}"},
        {"_st_3d_intersects", CompareOp::kSt3dIntersects,
         "{\"type\":\"Point\",\"coordinates\":[1,2,3]}"},
        {"_st_3d_d_within", CompareOp::kSt3dDWithin,
         "{\"distance\":1,\"from\":{\"type\":\"Point\",\"coordinates\":[1,2,3]}}"},
        {"_ancestor", CompareOp::kAncestor, "\"a.b\""},
        {"_ancestor_any", CompareOp::kAncestorAny, "[\"a.b\",\"c\"]"},
        {"_descendant", CompareOp::kDescendant, "\"a\""},
        {"_descendant_any", CompareOp::kDescendantAny, "[\"a\"]"},
        {"_matches", CompareOp::kMatches, "\"*.b\""},
        {"_matches_any", CompareOp::kMatchesAny, "[\"*.b\"]"},
        {"_matches_fulltext", CompareOp::kMatchesFulltext, "\"b & c\""},
    };
    for (const auto& c : cases) {
        std::string text = std::string(R"({"col":{")") + c.op + "\":" + c.value + "}}";
        SCOPED_TRACE(text);
        BoolExp e = parse_ok(text);
        const ColumnExp& col = only_column(e);
        EXPECT_EQ(col.name, "col");
        ASSERT_EQ(col.comparisons.size(), 1u);
        EXPECT_EQ(col.comparisons[0].op, c.expected);
        EXPECT_EQ(op_name(c.expected), c.op);
        ASSERT_TRUE(std::holds_alternative<Value>(col.comparisons[0].operand));
        EXPECT_EQ(compact(emit_bool_exp(e)), compact(js(text)));
    }
}

TEST(MetadataBoolExpTest, ListOperatorsTakeArraysOfValues) {
    for (const char* op : {"_in", "_nin", "_has_keys_any", "_has_keys_all"}) {
        std::string text = std::string(R"({"col":{")") + op + R"(":["a","X-Hasura-Org-Id"]}})";
        SCOPED_TRACE(text);
        BoolExp e = parse_ok(text);
        const auto& cmp = only_column(e).comparisons.at(0);
        EXPECT_EQ(operand_kind(cmp.op), OperandKind::kList);
        const auto& items = std::get<std::vector<Value>>(cmp.operand);
        ASSERT_EQ(items.size(), 2u);
        EXPECT_FALSE(items[0].is_session_variable());
        EXPECT_EQ(items[1].session_variable()->name, "x-hasura-org-id");
        EXPECT_EQ(compact(emit_bool_exp(e)), compact(js(text)));
    }
}

// §2.3: an array operator with a session variable reads a Postgres array literal from it.
TEST(MetadataBoolExpTest, ListOperatorAcceptsOneSessionVariable) {
    BoolExp e = parse_ok(R"({"id":{"_in":"X-Hasura-Allowed-Ids"}})");
    const auto& cmp = only_column(e).comparisons.at(0);
    const Value& v = std::get<Value>(cmp.operand);
    ASSERT_TRUE(v.is_session_variable());
    EXPECT_EQ(v.session_variable()->name, "x-hasura-allowed-ids");
    expect_round_trip(R"({"id":{"_in":"X-Hasura-Allowed-Ids"}})");
}

TEST(MetadataBoolExpTest, ListOperatorRejectsScalar) {
    MetadataError e = parse_err(R"({"id":{"_in":5}})");
    EXPECT_EQ(e.code, ErrorCode::kParseFailed);
    EXPECT_EQ(e.path, "$.id._in");
    EXPECT_EQ(e.message, "expected Array, but encountered Number");
}

TEST(MetadataBoolExpTest, IsNullTakesBoolean) {
    BoolExp e = parse_ok(R"({"deleted_at":{"_is_null":true}})");
    EXPECT_TRUE(std::get<bool>(only_column(e).comparisons.at(0).operand));
    MetadataError err = parse_err(R"({"deleted_at":{"_is_null":"yes"}})");
    EXPECT_EQ(err.path, "$.deleted_at._is_null");
    EXPECT_EQ(err.message, "expected Boolean, but encountered String");
}

TEST(MetadataBoolExpTest, ColumnComparisonOperatorsNameColumns) {
    const std::pair<const char*, CompareOp> ops[] = {
        {"_ceq", CompareOp::kCeq},  {"_cne", CompareOp::kCne}, {"_cneq", CompareOp::kCne},
        {"_cgt", CompareOp::kCgt},  {"_clt", CompareOp::kClt}, {"_cgte", CompareOp::kCgte},
        {"_clte", CompareOp::kClte}};
    for (const auto& [op, expected] : ops) {
        std::string text = std::string(R"({"a":{")") + op + R"(":"b"}})";
        SCOPED_TRACE(text);
        BoolExp e = parse_ok(text);
        const auto& cmp = only_column(e).comparisons.at(0);
        EXPECT_EQ(cmp.op, expected);
        EXPECT_EQ(std::get<ColumnOperand>(cmp.operand).column, "b");
        EXPECT_FALSE(std::get<ColumnOperand>(cmp.operand).root_table);
        EXPECT_EQ(compact(emit_bool_exp(e)), compact(js(text)));
    }
    BoolExp root = parse_ok(R"({"a":{"_ceq":["$","owner_id"]}})");
    const auto& operand = std::get<ColumnOperand>(only_column(root).comparisons.at(0).operand);
    EXPECT_TRUE(operand.root_table);
    EXPECT_EQ(operand.column, "owner_id");
    expect_round_trip(R"({"a":{"_ceq":["$","owner_id"]}})");
    MetadataError err = parse_err(R"({"a":{"_ceq":1}})");
    EXPECT_EQ(err.path, "$.a._ceq");
    EXPECT_EQ(
        err.message,
        "expected a column name, or [\"$\", <column>] for the root table, but encountered Number");
}

TEST(MetadataBoolExpTest, CastHoldsComparisonsPerTargetType) {
    BoolExp e = parse_ok(R"({"data":{"_cast":{"String":{"_ilike":"%x%","_neq":"y"}}}})");
    const auto& casts =
        std::get<std::vector<CastOperand>>(only_column(e).comparisons.at(0).operand);
    ASSERT_EQ(casts.size(), 1u);
    EXPECT_EQ(casts[0].type, "String");
    ASSERT_EQ(casts[0].comparisons.size(), 2u);
    EXPECT_EQ(casts[0].comparisons[1].op, CompareOp::kNeq);
    expect_round_trip(R"({"data":{"_cast":{"String":{"_ilike":"%x%","_neq":"y"}}}})");
    EXPECT_EQ(parse_err(R"({"data":{"_cast":{"String":{"_bogus":1}}}})").path,
              "$.data._cast.String._bogus");
}

TEST(MetadataBoolExpTest, SeveralOperatorsOnOneColumnAreKeptInOrder) {
    BoolExp e = parse_ok(R"({"age":{"_gte":18,"_lt":65}})");
    const auto& col = only_column(e);
    ASSERT_EQ(col.comparisons.size(), 2u);
    EXPECT_EQ(col.comparisons[0].op, CompareOp::kGte);
    EXPECT_EQ(col.comparisons[1].op, CompareOp::kLt);
}

TEST(MetadataBoolExpTest, ConnectivesNestAndRoundTrip) {
    const char* text =
        R"({"_and":[{"_or":[{"a":{"_eq":1}},{"_not":{"b":{"_is_null":true}}}]},{"c":{"_in":[1,2]}}],"d":{"_eq":"x"}})";
    BoolExp e = parse_ok(text);
    ASSERT_EQ(e.terms.size(), 2u);
    const auto& conj = std::get<AndExp>(e.terms[0]);
    ASSERT_EQ(conj.items.size(), 2u);
    const auto& disj = std::get<OrExp>(conj.items[0].terms.at(0));
    ASSERT_EQ(disj.items.size(), 2u);
    const auto& neg = std::get<NotExp>(disj.items[1].terms.at(0));
    EXPECT_EQ(std::get<ColumnExp>(neg.item->terms.at(0)).name, "b");
    expect_round_trip(text);
}

TEST(MetadataBoolExpTest, RelationshipKeysHoldNestedExpressions) {
    const char* text = R"({"author":{"org":{"members":{"user_id":{"_eq":"X-Hasura-User-Id"}}}}})";
    BoolExp e = parse_ok(text);
    const auto& rel = std::get<RelationshipExp>(e.terms.at(0));
    EXPECT_EQ(rel.name, "author");
    const auto& inner = std::get<RelationshipExp>(rel.where->terms.at(0));
    EXPECT_EQ(inner.name, "org");
    expect_round_trip(text);
    // Connectives inside a relationship.
    BoolExp e2 = parse_ok(R"({"author":{"_or":[{"id":{"_eq":1}},{"id":{"_eq":2}}]}})");
    EXPECT_TRUE(std::holds_alternative<RelationshipExp>(e2.terms.at(0)));
}

TEST(MetadataBoolExpTest, EmptyObjectUnderNameIsColumnWithoutComparisons) {
    BoolExp e = parse_ok(R"({"author":{}})");
    const ColumnExp& c = only_column(e);
    EXPECT_EQ(c.name, "author");
    EXPECT_TRUE(c.comparisons.empty());
    expect_round_trip(R"({"author":{}})");
}

TEST(MetadataBoolExpTest, ExistsTakesTableAndWhere) {
    const char* text =
        R"({"_exists":{"_table":{"name":"banned","schema":"auth"},"_where":{"user_id":{"_eq":"X-Hasura-User-Id"}}}})";
    BoolExp e = parse_ok(text);
    const auto& ex = std::get<ExistsExp>(e.terms.at(0));
    EXPECT_EQ(ex.table.schema, "auth");
    EXPECT_EQ(ex.table.name, "banned");
    EXPECT_EQ(std::get<ColumnExp>(ex.where->terms.at(0)).name, "user_id");
    expect_round_trip(text);
    expect_round_trip(R"({"_exists":{"_table":"banned","_where":{}}})");
}

TEST(MetadataBoolExpTest, ExistsErrorsNameTheMissingKey) {
    MetadataError e = parse_err(R"({"_exists":{"_where":{}}})");
    EXPECT_EQ(e.path, "$._exists");
    EXPECT_EQ(e.message, "key \"_table\" not found");
    e = parse_err(R"({"_exists":{"_table":"t"}})");
    EXPECT_EQ(e.message, "key \"_where\" not found");
    e = parse_err(R"({"_exists":{"_table":"t","_where":{},"extra":1}})");
    EXPECT_EQ(e.path, "$._exists.extra");
    e = parse_err(R"({"_exists":{"_table":5,"_where":{}}})");
    EXPECT_EQ(e.path, "$._exists._table");
}

// §2.3: a string starting with x-hasura- in any case is a session variable.
TEST(MetadataBoolExpTest, SessionVariablesInAnyCase) {
    for (const char* spelling :
         {"X-Hasura-User-Id", "x-hasura-user-id", "X-HASURA-USER-ID", "x-HaSuRa-UsEr-Id"}) {
        std::string text = std::string(R"({"id":{"_eq":")") + spelling + "\"}}";
        SCOPED_TRACE(text);
        BoolExp e = parse_ok(text);
        const Value& v = std::get<Value>(only_column(e).comparisons.at(0).operand);
        ASSERT_TRUE(v.is_session_variable());
        EXPECT_EQ(v.session_variable()->name, "x-hasura-user-id");
        EXPECT_EQ(v.session_variable()->spelling, spelling);
        EXPECT_EQ(compact(emit_bool_exp(e)), compact(js(text)));
    }
    BoolExp lit = parse_ok(R"({"id":{"_eq":"hasura-user"}})");
    EXPECT_FALSE(std::get<Value>(only_column(lit).comparisons.at(0).operand).is_session_variable());
}

TEST(MetadataBoolExpTest, SessionVariablesOfListsEachOnce) {
    BoolExp e = parse_ok(
        R"({"_or":[{"a":{"_eq":"X-Hasura-User-Id"}},{"b":{"_in":["x-hasura-user-id","X-Hasura-Org"]}},{"r":{"c":{"_cast":{"String":{"_eq":"x-hasura-z"}}}}}]})");
    EXPECT_EQ(session_variables_of(e),
              (std::vector<std::string>{"x-hasura-user-id", "x-hasura-org", "x-hasura-z"}));
}

TEST(MetadataBoolExpTest, PermissionShorthandMeansEq) {
    BoolExp e = parse_ok(R"({"author_id":"X-Hasura-User-Id"})");
    const ColumnExp& c = only_column(e);
    EXPECT_TRUE(c.shorthand);
    ASSERT_EQ(c.comparisons.size(), 1u);
    EXPECT_EQ(c.comparisons[0].op, CompareOp::kEq);
    expect_round_trip(R"({"author_id":"X-Hasura-User-Id"})");
    expect_round_trip(R"({"published":true,"n":3})");
}

TEST(MetadataBoolExpTest, DollarSpellingsAreAcceptedInPermissions) {
    const char* text =
        R"({"$or":[{"id":{"$eq":1}},{"$and":[{"x":{"$ne":2}}]},{"$not":{"y":{"_ne":3}}}]})";
    BoolExp e = parse_ok(text);
    const auto& disj = std::get<OrExp>(e.terms.at(0));
    EXPECT_EQ(disj.spelling, "$or");
    EXPECT_EQ(std::get<ColumnExp>(disj.items[0].terms.at(0)).comparisons.at(0).op, CompareOp::kEq);
    const auto& conj = std::get<AndExp>(disj.items[1].terms.at(0));
    EXPECT_EQ(std::get<ColumnExp>(conj.items[0].terms.at(0)).comparisons.at(0).op, CompareOp::kNeq);
    expect_round_trip(text);
}

TEST(MetadataBoolExpTest, UnknownOperatorGivesHasuraText) {
    MetadataError e = parse_err(R"({"id":{"_eq":1,"_foo":2}})");
    EXPECT_EQ(e.code, ErrorCode::kUnexpectedPayload);
    EXPECT_EQ(e.path, "$.id._foo");
    EXPECT_EQ(e.message, "Unknown operator: _foo");
    // A mistyped operator alone under a column.
    e = parse_err(R"({"id":{"_equals":1}})");
    EXPECT_EQ(e.code, ErrorCode::kUnexpectedPayload);
    EXPECT_EQ(e.path, "$.id._equals");
    EXPECT_EQ(e.message, "Unknown operator: _equals");
    e = parse_err(R"({"id":{"_eq":1,"name":2}})");
    EXPECT_EQ(e.message, "Unknown operator: name");
}

TEST(MetadataBoolExpTest, MalformedShapesAreRejectedWithPath) {
    struct Case {
        const char* text;
        const char* path;
        const char* message;
    };
    const Case cases[] = {
        {"[]", "$", "expected Object, but encountered Array"},
        {"null", "$", "expected Object, but encountered Null"},
        {"\"x\"", "$", "expected Object, but encountered String"},
        {R"({"_and":{}})", "$._and", "expected Array, but encountered Object"},
        {R"({"_or":[{},3]})", "$._or[1]", "expected Object, but encountered Number"},
        {R"({"_not":[]})", "$._not", "expected Object, but encountered Array"},
        {R"({"a":null})", "$.a", "expected Object, but encountered Null"},
        {R"({"a":[1]})", "$.a", "expected Object, but encountered Array"},
        {R"({"a b":{"_eq":[1]},"c":{"_in":{}}})", "$.c._in",
         "expected Array, but encountered Object"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.text);
        MetadataError e = parse_err(c.text);
        EXPECT_EQ(e.code, ErrorCode::kParseFailed);
        EXPECT_EQ(e.path, c.path);
        EXPECT_EQ(e.message, c.message);
    }
}

TEST(MetadataBoolExpTest, DepthLimitStopsHostileNesting) {
    std::string text;
    for (int i = 0; i < 100; ++i) text += R"({"_not":)";
    text += "{}";
    for (int i = 0; i < 100; ++i) text += "}";
    auto parsed = core::parse_json(text, core::JsonLimits{1 << 20, 512});
    ASSERT_TRUE(parsed.has_value());
    auto r = parse_bool_exp(*parsed);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().message, "expression nested too deeply");
}

// User `where` arguments: no session variables, no shorthand, no $ spellings, no _exists.
TEST(MetadataBoolExpTest, WhereModeTreatsSessionLookingStringsAsText) {
    auto opts = BoolExpOptions::for_where();
    BoolExp e = parse_ok(R"({"note":{"_eq":"X-Hasura-User-Id"}})", opts);
    EXPECT_FALSE(std::get<Value>(only_column(e).comparisons.at(0).operand).is_session_variable());
    EXPECT_EQ(parse_err(R"({"id":1})", opts).message, "expected Object, but encountered Number");
    EXPECT_EQ(parse_err(R"({"id":{"$eq":1}})", opts).message, "Unknown operator: $eq");
    EXPECT_EQ(parse_err(R"({"_exists":{"_table":"t","_where":{}}})", opts).message,
              "Unknown operator: _exists");
    // "$or" is just a field name there, holding a scalar: rejected as an operator.
    EXPECT_EQ(parse_err(R"({"$or":[]})", opts).path, "$.$or");
}

// Aggregation predicates (spec/hasura.md §2.2, v2.17+).
TEST(MetadataBoolExpTest, AggregationPredicatesAreTyped) {
    const char* text =
        R"({"articles_aggregate":{"count":{"arguments":["id"],"distinct":true,"filter":{"published":{"_eq":true}},"predicate":{"_gt":2}}}})";
    BoolExp e = parse_ok(text);
    const auto& a = std::get<AggregationPredicateExp>(e.terms.at(0));
    EXPECT_EQ(a.relationship, "articles");
    EXPECT_EQ(a.function, "count");
    EXPECT_EQ(*a.arguments, std::vector<std::string>{"id"});
    EXPECT_EQ(a.distinct, true);
    ASSERT_TRUE(a.filter.has_value());
    ASSERT_EQ(a.predicate.size(), 1u);
    EXPECT_EQ(a.predicate[0].op, CompareOp::kGt);
    expect_round_trip(text);
    expect_round_trip(
        R"({"flags_aggregate":{"bool_and":{"arguments":"active","predicate":{"_eq":true}}}})");
    EXPECT_TRUE(references_field(e, "articles"));
    BoolExp s = parse_ok(R"({"a_aggregate":{"count":{"predicate":{"_eq":"X-Hasura-Limit"}}}})");
    EXPECT_EQ(session_variables_of(s), std::vector<std::string>{"x-hasura-limit"});
    MetadataError err =
        parse_err(R"({"a_aggregate":{"count":{"predicate":{"_gt":1},"having":1}}})");
    EXPECT_EQ(err.path, "$.a_aggregate.count.having");
    err = parse_err(R"({"a_aggregate":{"count":{"predicate":{"_big":1}}}})");
    EXPECT_EQ(err.message, "Unknown operator: _big");
    // Without a predicate the key is an ordinary (relationship) name.
    BoolExp rel = parse_ok(R"({"x_aggregate":{"count":{"_eq":1}}})");
    EXPECT_TRUE(std::holds_alternative<RelationshipExp>(rel.terms.at(0)));
}

// GraphQL input coercion: one item where a list is expected (GraphQL spec §3.11).
TEST(MetadataBoolExpTest, WhereModeCoercesSingleValuesToLists) {
    auto opts = BoolExpOptions::for_where();
    BoolExp e = parse_ok(R"({"_and":{"id":{"_in":5}}})", opts);
    const auto& conj = std::get<AndExp>(e.terms.at(0));
    ASSERT_EQ(conj.items.size(), 1u);
    const auto& cmp = std::get<ColumnExp>(conj.items[0].terms.at(0)).comparisons.at(0);
    EXPECT_EQ(std::get<std::vector<Value>>(cmp.operand).size(), 1u);
    // Permissions do not coerce.
    EXPECT_EQ(parse_err(R"({"_and":{"id":{"_eq":1}}})").message,
              "expected Array, but encountered Object");
}

TEST(MetadataBoolExpTest, ReferencesFieldLooksThroughConnectivesOnly) {
    BoolExp e = parse_ok(
        R"({"_or":[{"author":{"id":{"_eq":1}}},{"_not":{"title":{"_eq":"x"}}}],"_exists":{"_table":"t","_where":{"z":{}}}})");
    EXPECT_TRUE(references_field(e, "author"));
    EXPECT_TRUE(references_field(e, "title"));
    EXPECT_FALSE(references_field(e, "id"));
    EXPECT_FALSE(references_field(e, "z"));
}

TEST(MetadataBoolExpTest, CopiesAreDeep) {
    BoolExp a = parse_ok(R"({"_not":{"x":{"_eq":1}}})");
    BoolExp b = a;
    std::get<ColumnExp>(std::get<NotExp>(b.terms[0]).item->terms[0]).name = "y";
    EXPECT_EQ(compact(emit_bool_exp(a)), R"({"_not":{"x":{"_eq":1}}})");
    EXPECT_EQ(compact(emit_bool_exp(b)), R"({"_not":{"y":{"_eq":1}}})");
}

TEST(MetadataBoolExpTest, FindOpKnowsAliasesAndDollarForms) {
    EXPECT_EQ(find_op("_ne"), CompareOp::kNeq);
    EXPECT_EQ(find_op("$ne"), CompareOp::kNeq);
    EXPECT_EQ(find_op("$in"), CompareOp::kIn);
    EXPECT_FALSE(find_op("$in", false).has_value());
    EXPECT_FALSE(find_op("eq").has_value());
    EXPECT_FALSE(find_op("_").has_value());
    EXPECT_FALSE(find_op("_and").has_value());
}

}  // namespace
}  // namespace ward::engine::metadata
