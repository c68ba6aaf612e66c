// sqlgen::SqlStatement: compiled SQL for one request (text plus which plan Param slot each $N
// takes), and SqlBuilder, the text accumulator the emitters share. A statement is compiled once
// per cached plan and is independent of the request's values.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "engine/catalog/catalog.hpp"
#include "engine/sqlgen/dialect.hpp"

namespace ward::engine::sqlgen {

// What running a step yields.
enum class StepKind {
    // One row of one text column: the whole `data` object (queries).
    kResult,
    // One row of two columns: the `data` object and the number of rows that failed a
    // permission check; a non-zero count rolls the transaction back (mutations).
    kCheckedResult,
    // Run for its effect (SQLite mutation statements before the response SELECT).
    kEffect,
    // Rows of one column (SQLite: the rowids a mutation touched), appended as JSON items to
    // capture buffer SqlStep::capture, which later steps bind as a JSON array.
    kCapture,
    // No SQL: `text` is the JSON value itself (a mutation's __typename).
    kConstant,
};

// Which mutation kind a failed check belongs to, for Hasura's message.
enum class CheckKind { kNone, kInsert, kUpdate };

// One $N parameter: the plan Param slot it is bound from and the type it is bound as.
struct ParamRef {
    std::size_t slot = 0;
    catalog::ScalarType scalar = catalog::ScalarType::kString;
    // A list of `scalar` (_in, _nin): bound as the JSON text of the converted items.
    bool array = false;
    // Bound from capture buffer `slot` (a JSON array of what kCapture steps collected), not
    // from a plan slot.
    bool capture = false;
    // Bound to the request's session variables as JSON text (exec's ExecOptions::session_json,
    // NULL when there is none), not to a plan slot: a one-statement PostgreSQL mutation sets
    // the hasura.user GUC itself.
    bool session = false;
};

struct SqlStep {
    StepKind kind = StepKind::kResult;
    std::string text;
    // params[n - 1] feeds $n.
    std::vector<ParamRef> params;
    // Mutations: the response key whose value this step yields (kResult, kCheckedResult,
    // kConstant). Empty: the step's value is the whole `data` object (a query).
    std::string key;
    // The value is the next item of a JSON array under `key` (update_<t>_many).
    bool list_item = false;
    // kCheckedResult: whose message a failed check gets.
    CheckKind check = CheckKind::kNone;
    // kCapture: the buffer the rows go to.
    std::size_t capture = 0;
};

struct SqlStatement {
    DialectKind dialect = DialectKind::kPostgres;
    // A query is one kResult step. A mutation runs all steps in one transaction; its last
    // step is the response.
    std::vector<SqlStep> steps;
    bool is_mutation = false;
    // The check kind of kCheckedResult steps that do not carry their own.
    CheckKind check = CheckKind::kNone;
    // PostgreSQL mutations only: the one SQL step is a single statement with no permission
    // check that sets hasura.user itself (a `session` param), so it is atomic on its own and
    // exec runs it in one round trip, without BEGIN, set_config and COMMIT of their own.
    bool single_statement = false;
};

// Accumulates one step's text and its parameter list. A plan slot used twice gets one $N.
class SqlBuilder {
  public:
    explicit SqlBuilder(const Dialect& dialect) : dialect_(dialect) {}

    const Dialect& dialect() const { return dialect_; }

    SqlBuilder& append(std::string_view text) {
        text_ += text;
        return *this;
    }
    // The placeholder for plan slot `slot`, cast to the column type.
    std::string param(std::size_t slot, catalog::ScalarType scalar, std::string_view db_type = {});
    // The bare placeholder (no cast): for LIMIT/OFFSET and other integer positions.
    std::string raw_param(std::size_t slot, catalog::ScalarType scalar);
    // A subquery yielding the items of list slot `slot` as `scalar` values (for IN).
    std::string list_param(std::size_t slot, catalog::ScalarType scalar,
                           std::string_view db_type = {});
    // The bare placeholder of capture buffer `buffer` (JSON array text).
    std::string capture_param(std::size_t buffer);

    const std::string& text() const { return text_; }
    const std::vector<ParamRef>& params() const { return params_; }
    SqlStep finish(StepKind kind) &&;

  private:
    std::size_t index_of(std::size_t slot, catalog::ScalarType scalar, bool array,
                         bool capture = false);

    const Dialect& dialect_;
    std::string text_;
    std::vector<ParamRef> params_;
    // (slot, scalar, array, capture) -> $N, so a large insert is not quadratic.
    std::map<std::tuple<std::size_t, catalog::ScalarType, bool, bool>, std::size_t> index_;
};

}  // namespace ward::engine::sqlgen
