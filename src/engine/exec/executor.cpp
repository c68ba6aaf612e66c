#include "engine/exec/executor.hpp"

#include <algorithm>

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

// Collects the `data` object from the steps' values in step order: {"key": value, ...}, with
// list items (update_<t>_many) gathered into one array per key. The values are JSON text from
// the database and are spliced in, never re-parsed.
class DataWriter {
  public:
    void add(const sqlgen::SqlStep& step, std::string_view value) {
        if (step.key.empty()) {
            whole_ = std::string(value);
            return;
        }
        if (step.list_item && list_open_ && list_key_ == step.key) {
            out_ += ',';
            out_ += value;
            return;
        }
        close_list();
        out_ += out_.empty() ? '{' : ',';
        core::append_json_string(out_, step.key);
        out_ += ':';
        if (step.list_item) {
            out_ += '[';
            list_open_ = true;
            list_key_ = step.key;
        }
        out_ += value;
    }

    std::optional<std::string> finish() && {
        if (out_.empty()) return std::move(whole_);
        close_list();
        out_ += '}';
        return std::move(out_);
    }

  private:
    void close_list() {
        if (list_open_) out_ += ']';
        list_open_ = false;
    }

    std::string out_;
    std::optional<std::string> whole_;
    bool list_open_ = false;
    std::string list_key_;
};

std::string json_array_text(const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += ',';
        out += items[i];
    }
    out += ']';
    return out;
}

// A PostgreSQL mutation compiled as one statement (SqlStatement::single_statement): one round
// trip in the statement's own implicit transaction, which sets hasura.user itself.
sql::Task<Out> run_single_statement(sql::Database& db, const sqlgen::SqlStatement& statement,
                                    const std::vector<core::json::value>& slots,
                                    const ExecOptions& options) {
    const sqlgen::SqlStep* only = nullptr;
    for (const auto& step : statement.steps) {
        if (step.kind == sqlgen::StepKind::kConstant) continue;
        if (only != nullptr || step.kind != sqlgen::StepKind::kResult) {
            co_return internal("a single-statement mutation has another step");
        }
        only = &step;
    }
    if (only == nullptr) co_return internal("a single-statement mutation has no statement");
    auto params = bind_step(*only, slots);
    if (!params) co_return std::move(params).error();
    for (std::size_t n = 0; n < only->params.size(); ++n) {
        if (only->params[n].capture) co_return internal("a single statement cannot read captures");
        if (only->params[n].session && options.session_json) {
            (*params)[n] = sql::Value(*options.session_json);
        }
    }
    auto text = co_await db.query_text(only->text, *params);
    if (!text) co_return map_db_error(text.error());
    DataWriter data;
    for (const auto& step : statement.steps) {
        if (step.kind == sqlgen::StepKind::kConstant) {
            data.add(step, step.text);
        } else {
            data.add(step, *text ? **text : std::string_view("null"));
        }
    }
    auto result = std::move(data).finish();
    if (!result) co_return internal("a mutation has no result step");
    co_return std::move(*result);
}

sql::Task<Out> run_mutation(sql::Database& db, const sqlgen::SqlStatement& statement,
                            const std::vector<core::json::value>& slots,
                            const ExecOptions& options) {
    // Bind every plan slot first: a bad value must not open a transaction. Capture buffers
    // are bound when their step runs.
    std::vector<sql::Params> bound;
    bound.reserve(statement.steps.size());
    std::size_t buffers = 0;
    for (const auto& step : statement.steps) {
        if (step.kind == sqlgen::StepKind::kCapture) buffers = std::max(buffers, step.capture + 1);
        for (const auto& ref : step.params) {
            if (ref.capture) buffers = std::max(buffers, ref.slot + 1);
            if (ref.session) co_return internal("a session parameter outside a single statement");
        }
        if (step.kind == sqlgen::StepKind::kConstant) {
            bound.emplace_back();
            continue;
        }
        auto p = bind_step(step, slots);
        if (!p) co_return std::move(p).error();
        bound.push_back(std::move(*p));
    }
    std::vector<std::vector<std::string>> captures(buffers);
    auto tx = co_await db.begin();
    if (!tx) co_return map_db_error(tx.error());
    if (db.dialect() == sql::Dialect::kPostgres && options.session_json) {
        sql::Params guc{sql::Value(*options.session_json)};
        auto set = co_await tx->query("SELECT set_config('hasura.user', $1, true)", guc);
        if (!set) co_return map_db_error(set.error());
    }
    DataWriter data;
    for (std::size_t i = 0; i < statement.steps.size(); ++i) {
        const auto& step = statement.steps[i];
        if (step.kind == sqlgen::StepKind::kConstant) {
            data.add(step, step.text);
            continue;
        }
        for (std::size_t n = 0; n < step.params.size(); ++n) {
            if (step.params[n].capture) {
                bound[i][n] = sql::Value(json_array_text(captures[step.params[n].slot]));
            }
        }
        auto rs = co_await tx->query(step.text, bound[i]);
        if (!rs) co_return map_db_error(rs.error());
        if (step.kind == sqlgen::StepKind::kEffect) continue;
        if (step.kind == sqlgen::StepKind::kCapture) {
            if (rs->columns().size() != 1) co_return internal("a capture step needs 1 column");
            auto& buffer = captures[step.capture];
            for (std::size_t r = 0; r < rs->size(); ++r) {
                auto text = rs->row(r).value(0).to_text();
                if (!text) co_return internal("a capture step returned NULL");
                buffer.push_back(std::move(*text));
            }
            continue;
        }
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
                co_return check_failed(step.check != sqlgen::CheckKind::kNone ? step.check
                                                                              : statement.check);
            }
        }
        auto text = row.value(0).to_text();
        data.add(step, text ? *text : std::string("null"));
    }
    auto result = std::move(data).finish();
    if (!result) co_return internal("a mutation has no result step");
    auto committed = co_await tx->commit();
    if (!committed) co_return map_db_error(committed.error());
    co_return std::move(*result);
}

}  // namespace

sql::Task<Out> execute(sql::Database& db, const sqlgen::SqlStatement& statement,
                       const std::vector<core::json::value>& slots, const ExecOptions& options) {
    if (statement.steps.empty()) co_return internal("the statement has no steps");
    if (!dialect_matches(db.dialect(), statement.dialect)) {
        co_return internal("the statement was compiled for another dialect");
    }
    if (statement.single_statement && db.dialect() == sql::Dialect::kPostgres) {
        co_return co_await run_single_statement(db, statement, slots, options);
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
