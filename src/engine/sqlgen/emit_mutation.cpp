// Mutations: insert (with on_conflict), update, update_many and delete, one or more steps per
// root field, all run by exec in one transaction.
//
// PostgreSQL, as Hasura: one statement per root field, the change in a data-modifying CTE
// (`WITH "_m" AS (INSERT ... RETURNING *)`) and the response built from the CTE's rows.
// SQLite has RETURNING but no data-modifying CTEs, so the change runs first and captures the
// rowids it touched (StepKind::kCapture); the response step then reads those rows back by rowid,
// in the order the change returned them. A delete captures its rowids with a SELECT, answers
// from the rows while they still exist, and deletes them last.
//
// Insert and update checks are evaluated on the new rows in the response step, which also
// returns how many rows fail them; exec rolls the transaction back when that is not zero. As in
// Hasura, the rows an upsert updated are checked with the update permission's check instead.
#include <algorithm>
#include <cstddef>
#include <map>
#include <optional>
#include <string_view>

#include "engine/sqlgen/emitter.hpp"

namespace ward::engine::sqlgen {
namespace {

bool is_true(const plan::Filter& f) {
    if (const auto* b = std::get_if<plan::BoolConst>(&f.node)) return b->value;
    if (const auto* a = std::get_if<plan::AndFilter>(&f.node)) {
        for (const auto& item : a->items) {
            if (!is_true(item)) return false;
        }
        return true;
    }
    return false;
}

// Builds the steps of one mutation operation.
class MutationCompiler {
  public:
    MutationCompiler(const plan::QueryPlan& plan, const Dialect& dialect,
                     const CompileOptions& options)
        : plan_(plan), dialect_(dialect), options_(options) {}

    core::Result<SqlStatement> compile() {
        SqlStatement out;
        out.dialect = dialect_.kind();
        out.is_mutation = true;
        for (const auto& root : plan_.fields) {
            if (const auto* ins = std::get_if<plan::Insert>(&root.node)) {
                WARD_TRY(auto ok, insert(*ins, root.key, out.steps));
                (void)ok;
            } else if (const auto* upd = std::get_if<plan::Update>(&root.node)) {
                WARD_TRY(auto ok, update(*upd, root.key, false, out.steps));
                (void)ok;
            } else if (const auto* many = std::get_if<plan::UpdateMany>(&root.node)) {
                if (many->updates.empty()) {
                    out.steps.push_back(
                        SqlStep{.kind = StepKind::kConstant, .text = "[]", .key = root.key});
                }
                for (const auto& u : many->updates) {
                    WARD_TRY(auto ok, update(u, root.key, true, out.steps));
                    (void)ok;
                }
            } else if (const auto* del = std::get_if<plan::Delete>(&root.node)) {
                WARD_TRY(auto ok, remove(*del, root.key, out.steps));
                (void)ok;
            } else if (const auto* t = std::get_if<plan::TypenameField>(&root.node)) {
                out.steps.push_back(SqlStep{.kind = StepKind::kConstant,
                                            .text = core::quote_json(t->name),
                                            .key = root.key});
            } else {
                return not_supported("root field \"" + root.key +
                                     "\" is not a mutation answered with SQL");
            }
        }
        if (postgres()) fold_session(out);
        return out;
    }

  private:
    // PostgreSQL: a mutation that is one statement without a permission check is atomic by
    // itself, so it needs no BEGIN/COMMIT round trips; the statement then sets the
    // transaction-local hasura.user GUC itself. The GUC is set in the main query's FROM item,
    // which runs before the data-modifying CTE is read (or run at the end of the statement), so
    // triggers and defaults of the change see it. A checked mutation keeps the transaction:
    // exec rolls it back when the check fails.
    void fold_session(SqlStatement& out) const {
        SqlStep* only = nullptr;
        for (auto& step : out.steps) {
            if (step.kind == StepKind::kConstant) continue;
            if (only != nullptr) return;
            only = &step;
        }
        if (only == nullptr || only->kind != StepKind::kResult) return;
        only->params.push_back(ParamRef{.scalar = catalog::ScalarType::kString, .session = true});
        only->text += " FROM (SELECT set_config('hasura.user', " +
                      dialect_.cast_param(only->params.size(), catalog::ScalarType::kString) +
                      ", true)) AS " + dialect_.quote_identifier("_session");
        out.single_statement = true;
    }

    // Where the response reads the rows a mutation touched from.
    struct RowSource {
        std::string cte;                        // PostgreSQL: the data-modifying CTE
        std::size_t capture = 0;                // SQLite: the buffer holding their rowids
        const plan::TableRef* table = nullptr;  // SQLite: the table they live in
                                                // Upserts, which check inserted and updated rows
                                                // differently. PostgreSQL: the CTE has
        // a boolean column kInserted; SQLite: this buffer holds the rowids that existed
        // before the insert.
        std::optional<std::size_t> existing;
        // PostgreSQL inserts too large for one statement: `capture` holds each row as
        // {"r": row_to_json, "i": inserted} and `table` names the row type.
        bool captured_rows = false;
    };

    static constexpr std::string_view kInserted = "__inserted";
    // SQLite refuses statements with more parameters than SQLITE_MAX_VARIABLE_NUMBER (32766
    // by default), and finds "$N" parameters by name in a list, so binding one statement costs
    // the square of its parameter count. Inserts are split into statements of at most this many.
    static constexpr std::size_t kSqliteMaxParams = 2000;
    // PostgreSQL binds at most 65535 parameters; a larger insert is split into statements of at
    // most this many values.
    static constexpr std::size_t kPostgresMaxParams = 30000;
    // One use of a RowSource: "FROM <from> WHERE ... ORDER BY <order>" under `alias`.
    struct Rows {
        std::string from;
        std::string alias;
        std::string order;     // keeps the mutation's row order; empty when the source does
        std::string inserted;  // upserts: true for a row inserted (not updated)
    };

    bool postgres() const { return dialect_.kind() == DialectKind::kPostgres; }

    Rows rows_of(Emitter& e, const RowSource& src) {
        Rows r;
        r.alias = e.fresh_alias();
        if (postgres() && src.captured_rows) {
            // The captured rows back as rows of the table's type, in capture order.
            const std::string c = e.fresh_alias();
            r.from = "json_array_elements((" + e.builder().capture_param(src.capture) +
                     ")::json) WITH ORDINALITY AS " + c + "(v, n) CROSS JOIN LATERAL " +
                     "json_populate_record(NULL::" + e.table(*src.table) + ", " + c +
                     ".v -> 'r') AS " + r.alias;
            r.order = c + ".n";
            r.inserted = "((" + c + ".v ->> 'i')::boolean)";
            return r;
        }
        if (postgres()) {
            r.from = dialect_.quote_identifier(src.cte) + " AS " + r.alias;
            r.inserted = r.alias + "." + dialect_.quote_identifier(kInserted);
            return r;
        }
        const std::string c = e.fresh_alias();
        r.from = "json_each(" + e.builder().capture_param(src.capture) + ") AS " + c + " JOIN " +
                 e.table(*src.table) + " AS " + r.alias + " ON " + r.alias + ".rowid = " + c +
                 ".value";
        r.order = c + "." + dialect_.quote_identifier("key");
        if (src.existing) {
            r.inserted = "(" + r.alias + ".rowid NOT IN (SELECT value FROM json_each(" +
                         e.builder().capture_param(*src.existing) + ")))";
        }
        return r;
    }

    // The JSON value of the mutation's response.
    core::Result<std::string> response(Emitter& e, const plan::MutationOutput& out,
                                       const RowSource& src) {
        if (out.single) {
            Rows r = rows_of(e, src);
            WARD_TRY(std::string row, e.output_object(out.row_fields, r.alias));
            WARD_TRY(std::string filter, e.where(out.returning_filter, Scope{r.alias, r.alias}));
            return dialect_.nested_json("SELECT " + row + " FROM " + r.from + " WHERE " + filter +
                                        (r.order.empty() ? "" : " ORDER BY " + r.order) +
                                        " LIMIT 1");
        }
        std::vector<JsonField> fields;
        for (const auto& f : out.fields) {
            std::string value;
            if (std::holds_alternative<plan::AffectedRows>(f.value)) {
                Rows r = rows_of(e, src);
                value = "(SELECT count(*) FROM " + r.from + ")";
            } else if (const auto* ret = std::get_if<plan::Returning>(&f.value)) {
                Rows r = rows_of(e, src);
                WARD_TRY(std::string row, e.output_object(ret->fields, r.alias));
                WARD_TRY(std::string filter,
                         e.where(out.returning_filter, Scope{r.alias, r.alias}));
                const std::string s = e.fresh_alias();
                const std::string j = dialect_.quote_identifier("__j");
                value = dialect_.nested_json(
                    "SELECT " +
                    dialect_.coalesce_json_array(dialect_.json_array_agg(s + "." + j, "")) +
                    " FROM (SELECT " + row + " AS " + j + " FROM " + r.from + " WHERE " + filter +
                    (r.order.empty() ? "" : " ORDER BY " + r.order) + ") AS " + s);
            } else {
                const auto& t = std::get<plan::TypenameField>(f.value);
                value = "CAST(" + dialect_.string_literal(t.name) + " AS TEXT)";
            }
            fields.emplace_back(f.key, std::move(value));
        }
        return dialect_.json_object(fields);
    }

    // The response step: "[WITH ...] SELECT <data>[, <rows failing the check>]". An upsert
    // (`update_check` set) checks the rows it updated with the update permission's check.
    core::Result<SqlStep> response_step(Emitter& e, std::string prefix,
                                        const plan::MutationOutput& out, const RowSource& src,
                                        const plan::Filter* check, CheckKind kind,
                                        const std::string& key, bool list_item,
                                        const plan::Filter* update_check = nullptr) {
        WARD_TRY(std::string data, response(e, out, src));
        std::string text = std::move(prefix) + "SELECT " + dialect_.json_as_text(data) + " AS " +
                           dialect_.quote_identifier("data");
        const bool checked = (check != nullptr && !is_true(*check)) ||
                             (update_check != nullptr && !is_true(*update_check));
        if (checked) {
            Rows r = rows_of(e, src);
            WARD_TRY(std::string ok, e.where(*check, Scope{r.alias, r.alias}));
            if (update_check != nullptr) {
                WARD_TRY(std::string upd, e.where(*update_check, Scope{r.alias, r.alias}));
                if (r.inserted.empty()) {
                    return core::Error::internal("an upsert without inserted rows");
                }
                ok = "(CASE WHEN " + r.inserted + " THEN " + ok + " ELSE " + upd + " END)";
            }
            // A check that is NULL fails, as in Hasura.
            text += ", (SELECT count(*) FROM " + r.from + " WHERE (CASE WHEN " + ok +
                    " THEN 0 ELSE 1 END) = 1) AS " + dialect_.quote_identifier("failed");
        }
        e.builder().append(text);
        SqlStep step =
            std::move(e.builder()).finish(checked ? StepKind::kCheckedResult : StepKind::kResult);
        step.key = key;
        step.list_item = list_item;
        step.check = checked ? kind : CheckKind::kNone;
        return step;
    }

    std::string cte_name() { return "_m" + std::to_string(next_cte_++); }

    std::string column_list(const std::vector<plan::ColumnRef>& columns,
                            const std::vector<std::size_t>& which) const {
        std::string out;
        for (std::size_t i : which) {
            if (!out.empty()) out += ", ";
            out += dialect_.quote_identifier(columns[i].name);
        }
        return out;
    }

    // " ON CONFLICT ..." for `target` (the table's alias in the statement).
    core::Result<std::string> on_conflict(Emitter& e, const plan::OnConflict& oc,
                                          const std::string& target) {
        std::string out = " ON CONFLICT ";
        if (postgres()) {
            out += "ON CONSTRAINT " + dialect_.quote_identifier(oc.constraint);
        } else {
            if (oc.constraint_columns.empty()) {
                return core::Error::internal("on_conflict without the constraint's columns");
            }
            out += "(";
            for (std::size_t i = 0; i < oc.constraint_columns.size(); ++i) {
                if (i > 0) out += ", ";
                out += dialect_.quote_identifier(oc.constraint_columns[i]);
            }
            out += ")";
        }
        if (oc.update_columns.empty()) return out + " DO NOTHING";
        out += " DO UPDATE SET ";
        for (std::size_t i = 0; i < oc.update_columns.size(); ++i) {
            const std::string c = dialect_.quote_identifier(oc.update_columns[i].name);
            if (i > 0) out += ", ";
            out += c + " = excluded." + c;
        }
        WARD_TRY(std::string where, e.where(oc.where, Scope{target, target}));
        return out + " WHERE " + where;
    }

    // "(v, v, DEFAULT), (...)" for `rows`, over the columns `which`.
    core::Result<std::string> values(Emitter& e, const plan::Insert& ins,
                                     const std::vector<std::size_t>& rows,
                                     const std::vector<std::size_t>& which) {
        std::string out;
        for (std::size_t r : rows) {
            if (!out.empty()) out += ", ";
            out += "(";
            bool first = true;
            for (std::size_t c : which) {
                if (!first) out += ", ";
                first = false;
                const auto& cell = ins.rows[r][c];
                if (!cell) {
                    out += "DEFAULT";
                    continue;
                }
                WARD_TRY(std::string v, e.param(*cell));
                out += v;
            }
            out += ")";
        }
        return out;
    }

    core::Result<bool> insert(const plan::Insert& ins, const std::string& key,
                              std::vector<SqlStep>& steps) {
        for (const auto& row : ins.rows) {
            if (row.size() != ins.columns.size()) {
                return core::Error::internal("an insert row does not match its columns");
            }
        }
        std::vector<std::size_t> all_columns;
        for (std::size_t i = 0; i < ins.columns.size(); ++i) all_columns.push_back(i);
        const bool upsert =
            ins.on_conflict && !ins.on_conflict->update_columns.empty() && !ins.rows.empty();
        const plan::Filter* update_check = upsert ? &ins.on_conflict->check : nullptr;
        if (postgres() && ins.rows.size() * ins.columns.size() > kPostgresMaxParams) {
            return large_postgres_insert(ins, key, update_check, steps);
        }
        if (postgres()) {
            Emitter e(plan_, dialect_, options_);
            const std::string cte = cte_name();
            const std::string target = e.fresh_alias();
            std::string change;
            const std::string into = "INSERT INTO " + e.table(ins.table) + " AS " + target;
            if (ins.rows.empty()) {
                change = "SELECT * FROM " + e.table(ins.table) + " WHERE false";
            } else {
                std::vector<std::size_t> rows;
                for (std::size_t r = 0; r < ins.rows.size(); ++r) rows.push_back(r);
                if (ins.columns.empty()) {
                    // Every column takes its default; a zero-column SELECT makes N such rows.
                    change = into + (rows.size() == 1 ? std::string(" DEFAULT VALUES")
                                                      : " SELECT FROM generate_series(1, " +
                                                            std::to_string(rows.size()) + ")");
                } else {
                    WARD_TRY(std::string vals, values(e, ins, rows, all_columns));
                    change =
                        into + " (" + column_list(ins.columns, all_columns) + ") VALUES " + vals;
                }
                if (ins.on_conflict) {
                    WARD_TRY(std::string oc, on_conflict(e, *ins.on_conflict, target));
                    change += oc;
                }
                change += " RETURNING *";
                // xmax is 0 on a row version this statement inserted (Hasura's test too).
                if (upsert) {
                    change +=
                        ", (" + target + ".xmax = 0) AS " + dialect_.quote_identifier(kInserted);
                }
            }
            const RowSource src{.cte = cte};
            WARD_TRY(
                SqlStep step,
                response_step(e, "WITH " + dialect_.quote_identifier(cte) + " AS (" + change + ") ",
                              ins.output, src, &ins.check, CheckKind::kInsert, key, false,
                              update_check));
            steps.push_back(std::move(step));
            return true;
        }

        // SQLite has no DEFAULT in VALUES: consecutive rows that set the same columns share one
        // INSERT, so the rows keep their order.
        const std::size_t buffer = next_capture_++;
        std::optional<std::size_t> existing;
        if (upsert) {
            existing = next_capture_++;
            WARD_TRY(auto ok, conflicting_rows(ins, *existing, steps));
            (void)ok;
        }
        std::size_t r = 0;
        while (r < ins.rows.size()) {
            std::vector<std::size_t> which;
            for (std::size_t c = 0; c < ins.columns.size(); ++c) {
                if (ins.rows[r][c]) which.push_back(c);
            }
            std::vector<std::size_t> run{r};
            auto same = [&](std::size_t other) {
                for (std::size_t c = 0; c < ins.columns.size(); ++c) {
                    if (ins.rows[other][c].has_value() != ins.rows[r][c].has_value()) return false;
                }
                return true;
            };
            // A row with no columns is its own DEFAULT VALUES statement; a long run is split so
            // no statement passes SQLite's parameter limit.
            while (!which.empty() && r + run.size() < ins.rows.size() && same(r + run.size()) &&
                   (run.size() + 1) * which.size() <= kSqliteMaxParams) {
                run.push_back(r + run.size());
            }
            Emitter e(plan_, dialect_, options_);
            const std::string target = e.fresh_alias();
            std::string text = "INSERT INTO " + e.table(ins.table) + " AS " + target;
            if (which.empty()) {
                if (ins.on_conflict) {
                    return not_supported(
                        "on_conflict with a row that sets no column is not supported on sqlite "
                        "sources");
                }
                text += " DEFAULT VALUES";
            } else {
                WARD_TRY(std::string vals, values(e, ins, run, which));
                text += " (" + column_list(ins.columns, which) + ") VALUES " + vals;
                if (ins.on_conflict) {
                    WARD_TRY(std::string oc, on_conflict(e, *ins.on_conflict, target));
                    text += oc;
                }
            }
            text += " RETURNING rowid";
            e.builder().append(text);
            SqlStep step = std::move(e.builder()).finish(StepKind::kCapture);
            step.capture = buffer;
            steps.push_back(std::move(step));
            r += run.size();
        }
        Emitter e(plan_, dialect_, options_);
        const RowSource src{.capture = buffer, .table = &ins.table, .existing = existing};
        WARD_TRY(SqlStep step, response_step(e, "", ins.output, src, &ins.check, CheckKind::kInsert,
                                             key, false, update_check));
        steps.push_back(std::move(step));
        return true;
    }

    // A PostgreSQL insert with more values than one statement may bind: chunks of rows, each
    // an INSERT that captures its rows as JSON, then the response over the captured rows.
    core::Result<bool> large_postgres_insert(const plan::Insert& ins, const std::string& key,
                                             const plan::Filter* update_check,
                                             std::vector<SqlStep>& steps) {
        std::vector<std::size_t> all_columns;
        for (std::size_t i = 0; i < ins.columns.size(); ++i) all_columns.push_back(i);
        const std::size_t buffer = next_capture_++;
        const std::size_t per_step =
            std::max<std::size_t>(1, kPostgresMaxParams / all_columns.size());
        for (std::size_t first = 0; first < ins.rows.size(); first += per_step) {
            std::vector<std::size_t> chunk;
            for (std::size_t r = first; r < std::min(ins.rows.size(), first + per_step); ++r) {
                chunk.push_back(r);
            }
            Emitter e(plan_, dialect_, options_);
            const std::string target = e.fresh_alias();
            WARD_TRY(std::string vals, values(e, ins, chunk, all_columns));
            std::string text = "INSERT INTO " + e.table(ins.table) + " AS " + target + " (" +
                               column_list(ins.columns, all_columns) + ") VALUES " + vals;
            if (ins.on_conflict) {
                WARD_TRY(std::string oc, on_conflict(e, *ins.on_conflict, target));
                text += oc;
            }
            text += " RETURNING (json_build_object('r', row_to_json(" + target + ".*), 'i', " +
                    target + ".xmax = 0))::text";
            e.builder().append(text);
            SqlStep step = std::move(e.builder()).finish(StepKind::kCapture);
            step.capture = buffer;
            steps.push_back(std::move(step));
        }
        Emitter e(plan_, dialect_, options_);
        const RowSource src{.capture = buffer, .table = &ins.table, .captured_rows = true};
        WARD_TRY(SqlStep step, response_step(e, "", ins.output, src, &ins.check, CheckKind::kInsert,
                                             key, false, update_check));
        steps.push_back(std::move(step));
        return true;
    }

    // SQLite upserts: captures into `buffer` the rowids of the rows the insert's values would
    // conflict with, before it runs, so the response can tell updated rows from inserted ones.
    // Rows that do not set every constraint column cannot conflict through it.
    core::Result<bool> conflicting_rows(const plan::Insert& ins, std::size_t buffer,
                                        std::vector<SqlStep>& steps) {
        std::vector<std::size_t> key_columns;
        for (const auto& name : ins.on_conflict->constraint_columns) {
            std::optional<std::size_t> found;
            for (std::size_t c = 0; c < ins.columns.size(); ++c) {
                if (ins.columns[c].name == name) found = c;
            }
            if (!found) return true;
            key_columns.push_back(*found);
        }
        if (key_columns.empty()) return core::Error::internal("on_conflict without columns");
        std::vector<std::size_t> rows;
        for (std::size_t r = 0; r < ins.rows.size(); ++r) {
            bool all = true;
            for (std::size_t c : key_columns) all = all && ins.rows[r][c].has_value();
            if (all) rows.push_back(r);
        }
        const std::size_t per_step =
            std::max<std::size_t>(1, kSqliteMaxParams / key_columns.size());
        for (std::size_t first = 0; first < rows.size(); first += per_step) {
            const std::vector<std::size_t> chunk(
                rows.begin() + static_cast<std::ptrdiff_t>(first),
                rows.begin() +
                    static_cast<std::ptrdiff_t>(std::min(rows.size(), first + per_step)));
            Emitter e(plan_, dialect_, options_);
            const std::string alias = e.fresh_alias();
            std::string lhs;
            for (std::size_t c : key_columns) {
                if (!lhs.empty()) lhs += ", ";
                lhs += e.column(alias, ins.columns[c].name);
            }
            WARD_TRY(std::string vals, values(e, ins, chunk, key_columns));
            e.builder().append("SELECT " + alias + ".rowid FROM " + e.table(ins.table) + " AS " +
                               alias + " WHERE (" + lhs + ") IN (VALUES " + vals + ")");
            SqlStep step = std::move(e.builder()).finish(StepKind::kCapture);
            step.capture = buffer;
            steps.push_back(std::move(step));
        }
        return true;
    }

    // "c" = expr, ... with one assignment per column, in first-use order. Operators on one
    // column compose in plan order (_set, _inc, then the jsonb operators); a later _set (a
    // preset) replaces what came before, so presets win.
    core::Result<std::string> assignments(Emitter& e, const plan::Update& upd,
                                          const std::string& target) {
        std::vector<std::string> order;
        std::map<std::string, std::string> value;
        for (const auto& u : upd.updates) {
            const std::string& name = u.column.name;
            auto it = value.find(name);
            if (it == value.end()) {
                order.push_back(name);
                it = value.emplace(name, e.column(target, name)).first;
            }
            WARD_TRY(std::string v, e.param(u.value));
            std::string& expr = it->second;
            if (u.op != plan::UpdateOp::kSet && u.op != plan::UpdateOp::kInc && !postgres()) {
                return not_supported("jsonb update operators are not supported on sqlite sources");
            }
            switch (u.op) {
                case plan::UpdateOp::kSet:
                    expr = v;
                    break;
                case plan::UpdateOp::kInc:
                    expr = "(" + expr + " + " + v + ")";
                    break;
                case plan::UpdateOp::kAppend:
                    expr = "(" + expr + " || " + v + ")";
                    break;
                case plan::UpdateOp::kPrepend:
                    expr = "(" + v + " || " + expr + ")";
                    break;
                case plan::UpdateOp::kDeleteKey:
                case plan::UpdateOp::kDeleteElem:
                    expr = "(" + expr + " - " + v + ")";
                    break;
                case plan::UpdateOp::kDeleteAtPath:
                    // v is the path's items as a subquery of text.
                    expr = "(" + expr + " #- ARRAY" + v + ")";
                    break;
            }
        }
        std::string out;
        for (const auto& name : order) {
            if (!out.empty()) out += ", ";
            out += dialect_.quote_identifier(name) + " = " + value[name];
        }
        if (out.empty()) return core::Error::internal("an update without assignments");
        return out;
    }

    core::Result<bool> update(const plan::Update& upd, const std::string& key, bool list_item,
                              std::vector<SqlStep>& steps) {
        if (postgres()) {
            Emitter e(plan_, dialect_, options_);
            const std::string cte = cte_name();
            const std::string target = e.fresh_alias();
            WARD_TRY(std::string set, assignments(e, upd, target));
            WARD_TRY(std::string where, e.where(upd.where, Scope{target, target}));
            const std::string change = "UPDATE " + e.table(upd.table) + " AS " + target + " SET " +
                                       set + " WHERE " + where + " RETURNING *";
            const RowSource src{.cte = cte};
            WARD_TRY(
                SqlStep step,
                response_step(e, "WITH " + dialect_.quote_identifier(cte) + " AS (" + change + ") ",
                              upd.output, src, &upd.check, CheckKind::kUpdate, key, list_item));
            steps.push_back(std::move(step));
            return true;
        }
        const std::size_t buffer = next_capture_++;
        {
            Emitter e(plan_, dialect_, options_);
            const std::string target = e.fresh_alias();
            WARD_TRY(std::string set, assignments(e, upd, target));
            WARD_TRY(std::string where, e.where(upd.where, Scope{target, target}));
            e.builder().append("UPDATE " + e.table(upd.table) + " AS " + target + " SET " + set +
                               " WHERE " + where + " RETURNING rowid");
            SqlStep step = std::move(e.builder()).finish(StepKind::kCapture);
            step.capture = buffer;
            steps.push_back(std::move(step));
        }
        Emitter e(plan_, dialect_, options_);
        const RowSource src{.capture = buffer, .table = &upd.table};
        WARD_TRY(SqlStep step, response_step(e, "", upd.output, src, &upd.check, CheckKind::kUpdate,
                                             key, list_item));
        steps.push_back(std::move(step));
        return true;
    }

    core::Result<bool> remove(const plan::Delete& del, const std::string& key,
                              std::vector<SqlStep>& steps) {
        if (postgres()) {
            Emitter e(plan_, dialect_, options_);
            const std::string cte = cte_name();
            const std::string target = e.fresh_alias();
            WARD_TRY(std::string where, e.where(del.where, Scope{target, target}));
            const std::string change = "DELETE FROM " + e.table(del.table) + " AS " + target +
                                       " WHERE " + where + " RETURNING *";
            const RowSource src{.cte = cte};
            WARD_TRY(
                SqlStep step,
                response_step(e, "WITH " + dialect_.quote_identifier(cte) + " AS (" + change + ") ",
                              del.output, src, nullptr, CheckKind::kNone, key, false));
            steps.push_back(std::move(step));
            return true;
        }
        const std::size_t buffer = next_capture_++;
        {
            Emitter e(plan_, dialect_, options_);
            const std::string target = e.fresh_alias();
            WARD_TRY(std::string where, e.where(del.where, Scope{target, target}));
            e.builder().append("SELECT " + target + ".rowid FROM " + e.table(del.table) + " AS " +
                               target + " WHERE " + where);
            SqlStep step = std::move(e.builder()).finish(StepKind::kCapture);
            step.capture = buffer;
            steps.push_back(std::move(step));
        }
        {
            // The response reads the rows (and their relationships) before they go.
            Emitter e(plan_, dialect_, options_);
            const RowSource src{.capture = buffer, .table = &del.table};
            WARD_TRY(SqlStep step,
                     response_step(e, "", del.output, src, nullptr, CheckKind::kNone, key, false));
            steps.push_back(std::move(step));
        }
        Emitter e(plan_, dialect_, options_);
        e.builder().append("DELETE FROM " + e.table(del.table) +
                           " WHERE rowid IN (SELECT value FROM json_each(" +
                           e.builder().capture_param(buffer) + "))");
        steps.push_back(std::move(e.builder()).finish(StepKind::kEffect));
        return true;
    }

    const plan::QueryPlan& plan_;
    const Dialect& dialect_;
    const CompileOptions& options_;
    int next_cte_ = 0;
    std::size_t next_capture_ = 0;
};

}  // namespace

core::Result<SqlStatement> compile_mutation(const plan::QueryPlan& plan, const Dialect& dialect,
                                            const CompileOptions& options) {
    return MutationCompiler(plan, dialect, options).compile();
}

}  // namespace ward::engine::sqlgen
