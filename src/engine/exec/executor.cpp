#include "engine/exec/executor.hpp"

#include "engine/exec/bind.hpp"

namespace ward::engine::exec {
namespace {

using Out = core::Result<std::string, ExecError>;

ExecError internal(std::string message) {
    return ExecError{.code = "internal-error", .message = std::move(message)};
}

bool dialect_matches(sql::Dialect db, sqlgen::DialectKind kind) {
    return (db == sql::Dialect::kPostgres) == (kind == sqlgen::DialectKind::kPostgres);
}

// The failed-check count of a kCheckedResult row: text on PostgreSQL, an integer on SQLite.
std::optional<std::int64_t> check_count(const sql::Value& v) {
    if (v.is_null()) return 0;
    if (const auto* i = v.if_int64()) return *i;
    if (const auto* s = v.if_text()) {
        try {
            return std::stoll(*s);
        } catch (const std::exception&) {
            return std::nullopt;
        }
    }
    return std::nullopt;
}

sql::Task<Out> run_mutation(sql::Database& db, const sqlgen::SqlStatement& statement,
                            const std::vector<core::json::value>& slots,
                            const ExecOptions& options) {
    // Bind everything first: a bad value must not open a transaction.
    std::vector<sql::Params> bound;
    bound.reserve(statement.steps.size());
    for (const auto& step : statement.steps) {
        auto p = bind_step(step, slots);
        if (!p) co_return std::move(p).error();
        bound.push_back(std::move(*p));
    }
    auto tx = co_await db.begin();
    if (!tx) co_return map_db_error(tx.error());
    if (db.dialect() == sql::Dialect::kPostgres && options.session_json) {
        sql::Params guc{sql::Value(*options.session_json)};
        auto set = co_await tx->query("SELECT set_config('hasura.user', $1, true)", guc);
        if (!set) co_return map_db_error(set.error());
    }
    std::optional<std::string> data;
    for (std::size_t i = 0; i < statement.steps.size(); ++i) {
        const auto& step = statement.steps[i];
        auto rs = co_await tx->query(step.text, bound[i]);
        if (!rs) co_return map_db_error(rs.error());
        if (step.kind == sqlgen::StepKind::kEffect) continue;
        if (rs->size() != 1 || rs->columns().empty()) {
            co_return internal("a mutation step returned " + std::to_string(rs->size()) + " rows");
        }
        const auto row = rs->row(0);
        if (step.kind == sqlgen::StepKind::kCheckedResult) {
            if (rs->columns().size() != 2) co_return internal("a checked step needs 2 columns");
            const auto failed = check_count(row.value(1));
            if (!failed) co_return internal("a checked step returned a bad check count");
            if (*failed > 0) {
                auto rolled = co_await tx->rollback();
                (void)rolled;
                co_return check_failed(statement.check);
            }
        }
        auto text = row.value(0).to_text();
        data = text ? std::move(*text) : std::string("null");
    }
    auto committed = co_await tx->commit();
    if (!committed) co_return map_db_error(committed.error());
    if (!data) co_return internal("a mutation has no result step");
    co_return std::move(*data);
}

}  // namespace

sql::Task<Out> execute(sql::Database& db, const sqlgen::SqlStatement& statement,
                       const std::vector<core::json::value>& slots, const ExecOptions& options) {
    if (statement.steps.empty()) co_return internal("the statement has no steps");
    if (!dialect_matches(db.dialect(), statement.dialect)) {
        co_return internal("the statement was compiled for another dialect");
    }
    if (statement.is_mutation || statement.steps.size() > 1) {
        co_return co_await run_mutation(db, statement, slots, options);
    }
    const auto& step = statement.steps.front();
    auto params = bind_step(step, slots);
    if (!params) co_return std::move(params).error();
    auto text = co_await db.query_text(step.text, *params);
    if (!text) co_return map_db_error(text.error());
    if (!*text) co_return std::string("null");
    co_return std::move(**text);
}

}  // namespace ward::engine::exec
