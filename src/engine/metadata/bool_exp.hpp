// Hasura's boolean expression language (spec/hasura.md §2.2) as a typed AST, with a parser from
// JSON and an emitter back to JSON. The same parser serves permission filters/checks stored in
// metadata and, later, user `where` arguments (the planner turns GraphQL input values into JSON).
// It needs no database catalog: column and relationship names stay names, resolved by the planner.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/json.hpp"
#include "engine/metadata/errors.hpp"
#include "engine/metadata/table_name.hpp"

namespace ward::engine::metadata {

// A copyable owning pointer, so that recursive AST nodes keep value semantics.
template <typename T>
class Box {
  public:
    Box() : ptr_(std::make_unique<T>()) {}
    Box(T value) : ptr_(std::make_unique<T>(std::move(value))) {}
    Box(const Box& other) : ptr_(std::make_unique<T>(*other.ptr_)) {}
    Box(Box&&) noexcept = default;
    Box& operator=(const Box& other) {
        if (this != &other) ptr_ = std::make_unique<T>(*other.ptr_);
        return *this;
    }
    Box& operator=(Box&&) noexcept = default;
    T& operator*() { return *ptr_; }
    const T& operator*() const { return *ptr_; }
    T* operator->() { return ptr_.get(); }
    const T* operator->() const { return ptr_.get(); }

  private:
    std::unique_ptr<T> ptr_;
};

// A reference to a session variable: any string value starting with x-hasura- (any case).
struct SessionVariableRef {
    std::string name;      // lower-cased, e.g. "x-hasura-user-id"
    std::string spelling;  // as written, e.g. "X-Hasura-User-Id"; emitted back unchanged
};

// A value in an expression or a column preset: a JSON literal or a session-variable reference.
struct Value {
    std::variant<core::json::value, SessionVariableRef> data;

    bool is_session_variable() const { return data.index() == 1; }
    const SessionVariableRef* session_variable() const { return std::get_if<1>(&data); }
    const core::json::value* literal() const { return std::get_if<0>(&data); }
};

// Reads a value: strings starting with x-hasura- become session-variable references when
// `session_variables` is true; everything else is a literal.
Value parse_value(const core::json::value& v, bool session_variables = true);
core::json::value emit_value(const Value& v);

enum class CompareOp {
    // generic
    kEq,
    kNeq,
    kGt,
    kLt,
    kGte,
    kLte,
    // lists
    kIn,
    kNin,
    // null
    kIsNull,
    // text
    kLike,
    kNlike,
    kIlike,
    kNilike,
    kSimilar,
    kNsimilar,
    kRegex,
    kNregex,
    kIregex,
    kNiregex,
    // column comparisons (permissions): the operand names a column
    kCeq,
    kCne,
    kCgt,
    kClt,
    kCgte,
    kClte,
    // json / jsonb
    kContains,
    kContainedIn,
    kHasKey,
    kHasKeysAny,
    kHasKeysAll,
    kJsonbPathExists,
    kJsonbPathMatch,
    // cast: {"_cast": {"String": {<comparisons>}}}
    kCast,
    // PostGIS
    kStContains,
    kStCrosses,
    kStEquals,
    kStIntersects,
    kStOverlaps,
    kStTouches,
    kStWithin,
    kStDWithin,
    kSt3dIntersects,
    kSt3dDWithin,
    // ltree
    kAncestor,
    kAncestorAny,
    kDescendant,
    kDescendantAny,
    kMatches,
    kMatchesAny,
    kMatchesFulltext,
};

// What shape an operator's operand has.
enum class OperandKind {
    kScalar,  // one Value
    kList,    // an array of Values, or one session variable holding an array literal
    kBool,    // _is_null: true/false
    kColumn,  // a column name, or ["$", "col"] for the root table
    kCast,    // {TypeName: {comparisons}}
};

// Canonical GraphQL spelling ("_eq"), and the operand kind.
std::string_view op_name(CompareOp op);
OperandKind operand_kind(CompareOp op);
// Looks up "_eq", "$eq", "_ne", "$ne", "_cneq"...; `allow_dollar` enables the "$op" spellings
// (permissions only). Returns nullopt for an unknown operator.
std::optional<CompareOp> find_op(std::string_view key, bool allow_dollar = true);

struct ColumnOperand {
    std::string column;
    bool root_table = false;  // ["$", "col"]
};

struct Comparison;

struct CastOperand {
    std::string type;  // "String", "geography", ...
    std::vector<Comparison> comparisons;
};

using Operand = std::variant<Value,                      // kScalar
                             std::vector<Value>,         // kList given as an array
                             bool,                       // kBool
                             ColumnOperand,              // kColumn
                             std::vector<CastOperand>>;  // kCast
// (kList given as one session variable holds a Value.)

struct Comparison {
    CompareOp op;
    Operand operand;
    std::string spelling;  // the key as written ("$eq", "_ne"); emitted back unchanged
};

struct BoolExp;

struct AndExp {
    std::vector<BoolExp> items;
    std::string spelling = "_and";
};
struct OrExp {
    std::vector<BoolExp> items;
    std::string spelling = "_or";
};
struct NotExp {
    Box<BoolExp> item;
    std::string spelling = "_not";
};
// _exists: {_table, _where}; a check on an unrelated table.
struct ExistsExp {
    TableName table;
    Box<BoolExp> where;
    bool table_as_string = false;  // emitted back in the form it was written
    std::string spelling = "_exists";
};
// <name>: {<op>: value, ...}. With no comparisons (<name>: {}) it is always true; if the name
// turns out to be a relationship, the planner reads it as RelationshipExp{name, {}}.
struct ColumnExp {
    std::string name;
    std::vector<Comparison> comparisons;
    bool shorthand = false;  // permissions' {"col": "X-Hasura-User-Id"} (an _eq)
};
// <name>: BoolExp, where <name> is (to be resolved as) a relationship: there is a related row
// matching the nested expression.
struct RelationshipExp {
    std::string name;
    Box<BoolExp> where;
};

// <array relationship>_aggregate: {<function>: {arguments?, distinct?, filter?, predicate}}
// (aggregation predicates, Hasura v2.17+), e.g. {"articles_aggregate": {"count": {"predicate":
// {"_gt": 2}}}}. Recognised when the key ends in "_aggregate" and holds exactly one of count,
// bool_and, bool_or with a "predicate".
struct AggregationPredicateExp {
    std::string relationship;  // without the "_aggregate" suffix
    std::string function;      // "count", "bool_and", "bool_or"
    std::optional<std::vector<std::string>> arguments;
    bool arguments_as_string = false;  // bool_and/bool_or take one column as a string
    std::optional<bool> distinct;
    std::optional<Box<BoolExp>> filter;
    std::vector<Comparison> predicate;
};

using BoolTerm = std::variant<AndExp, OrExp, NotExp, ExistsExp, ColumnExp, RelationshipExp,
                              AggregationPredicateExp>;

// One JSON object: the AND of its keys, in order. No terms = true ({}).
struct BoolExp {
    std::vector<BoolTerm> terms;

    bool is_true() const { return terms.empty(); }
};

struct BoolExpOptions {
    // Strings starting with x-hasura- are session-variable references (permissions), or plain
    // text (user `where` arguments).
    bool session_variables = true;
    // {"col": "value"} as a shorthand for _eq (permissions only).
    bool allow_shorthand = true;
    // "$eq", "$and" spellings (permissions only).
    bool allow_dollar = true;
    // _exists (permissions only).
    bool allow_exists = true;
    // Nesting limit, so hostile input cannot exhaust the stack.
    std::size_t max_depth = 64;
    // GraphQL input coercion (spec §3.11): one value where a list is expected is a list of one
    // (_and/_or items, _in/_nin values). User `where` arguments only.
    bool coerce_lists = false;

    static BoolExpOptions for_permissions() { return {}; }
    static BoolExpOptions for_where() { return {false, false, false, false, 64, true}; }
};

// Parses a boolean expression. Errors (kind kParseFailed unless noted), with the JSON path of the
// offending key: "expected Object, but encountered ..." for a non-object expression;
// `incorrect operator "_foo"` (kUnexpectedPayload) for an unknown operator beside known ones or
// an unknown "_x"/"$x" key holding a non-object; "_table"/"_where" missing in _exists;
// operand shape errors ("expected Array, but encountered Number" for _in, a Boolean for _is_null,
// a column name for _ceq...); "expression nested too deeply" past max_depth.
Result<BoolExp> parse_bool_exp(const core::json::value& v, std::string_view path = "$",
                               const BoolExpOptions& options = {});

// The JSON form; parse_bool_exp(emit_bool_exp(e)) gives back e, and emit(parse(x)) == x for
// every x the parser accepts (aggregation predicates are written in the canonical key order
// arguments, distinct, filter, predicate; coerced lists come back as lists).
core::json::value emit_bool_exp(const BoolExp& e);

// Visits every ColumnExp/RelationshipExp name at the top level of `e` and inside _and/_or/_not
// (not inside relationships or _exists, which concern other tables).
bool references_field(const BoolExp& e, std::string_view name);

// Lower-cased names of every session variable the expression reads (for "missing session
// variables" checks).
std::vector<std::string> session_variables_of(const BoolExp& e);

}  // namespace ward::engine::metadata
