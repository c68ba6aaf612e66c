#include "engine/server/operation.hpp"

#include <algorithm>
#include <variant>

#include "engine/graphql/introspection.hpp"
#include "engine/plan/bind.hpp"
#include "engine/sqlgen/dialect.hpp"

namespace ward::engine::server {

namespace json = core::json;

namespace {

EngineError from_plan_error(const plan::PlanError& e) {
    return EngineError::from_wire(e.code, e.message, e.path);
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Scanning positions inside a JSON text the database wrote; every function returns npos when
// the text ends too early or is malformed.
constexpr std::size_t kNpos = std::string_view::npos;

std::size_t skip_space(std::string_view t, std::size_t i) {
    while (i < t.size() && is_space(t[i])) ++i;
    return i;
}

// `i` at an opening quote: the position after the closing quote.
std::size_t skip_string(std::string_view t, std::size_t i) {
    for (++i; i < t.size(); ++i) {
        if (t[i] == '\\') {
            ++i;
        } else if (t[i] == '"') {
            return i + 1;
        }
    }
    return kNpos;
}

// `i` at the first character of a value: the position after it.
std::size_t skip_value(std::string_view t, std::size_t i) {
    if (i >= t.size()) return kNpos;
    if (t[i] == '"') return skip_string(t, i);
    if (t[i] == '{' || t[i] == '[') {
        int depth = 0;
        while (i < t.size()) {
            const char c = t[i];
            if (c == '"') {
                i = skip_string(t, i);
                if (i == kNpos) return kNpos;
                continue;
            }
            if (c == '{' || c == '[') ++depth;
            if (c == '}' || c == ']') {
                if (--depth == 0) return i + 1;
            }
            ++i;
        }
        return kNpos;
    }
    const std::size_t start = i;
    while (i < t.size() && t[i] != ',' && t[i] != '}' && t[i] != ']' && !is_space(t[i])) ++i;
    return i == start ? kNpos : i;
}

}  // namespace

core::Result<CompiledOperation, EngineError> compile_operation(
    const schema::RoleSchema& schema, const graphql::PreparedOperation& op,
    sqlgen::DialectKind dialect, const sqlgen::CompileOptions& options) {
    auto planned = plan::plan_operation(schema, op);
    if (!planned) return from_plan_error(planned.error());
    plan::QueryPlan& p = *planned;

    CompiledOperation out;
    out.kind = p.kind;
    // Introspection is answered from the schema; the statement covers the other root fields.
    std::vector<plan::RootFieldPlan> database_fields;
    for (auto& field : p.fields) {
        const bool introspection = std::holds_alternative<plan::Introspection>(field.node);
        out.layout.push_back(RootSlot{field.key, introspection});
        if (introspection) {
            out.has_introspection = true;
        } else {
            database_fields.push_back(std::move(field));
        }
    }
    p.fields = std::move(database_fields);
    if (!p.fields.empty()) {
        auto statement = sqlgen::compile(p, sqlgen::dialect_for(dialect), options);
        if (!statement) {
            const core::Error& e = statement.error();
            if (e.code() == "not-supported") {
                return EngineError::make(ErrorCode::kNotSupported, e.message());
            }
            return EngineError::make(ErrorCode::kUnexpected, e.message());
        }
        out.statement = std::move(*statement);
    }
    out.plan = std::move(p);
    return out;
}

metadata::SessionVariables session_variables(const auth::Session& session) {
    metadata::SessionVariables out;
    for (const auto& [name, value] : session.variables) {
        if (auto text = session.variable_text(name)) out.set(name, std::move(*text));
    }
    return out;
}

core::Result<std::vector<json::value>, EngineError> bind_slots(
    const plan::QueryPlan& plan, const json::object& variables,
    const metadata::SessionVariables& session) {
    auto bound = plan::bind(plan, variables, session);
    if (!bound) return from_plan_error(bound.error());
    std::vector<json::value> slots;
    slots.reserve(bound->size());
    for (auto& b : *bound) slots.push_back(std::move(b.value));
    return slots;
}

EngineError from_exec_error(const exec::ExecError& error, const sqlgen::SqlStatement* statement,
                            const std::vector<json::value>& slots) {
    EngineError out = EngineError::from_wire(error.code, error.message, error.path);
    if (error.sqlstate.empty() && error.internal_message.empty()) return out;
    // Hasura's `internal` of a database error (spec/hasura.md §3.4); the server shows it only
    // to admins or in dev mode, because it holds the SQL text.
    json::object db_error;
    db_error["description"] = nullptr;
    db_error["exec_status"] = "FatalError";
    db_error["hint"] = nullptr;
    db_error["message"] = error.internal_message;
    db_error["status_code"] = error.sqlstate;
    json::array arguments;
    for (const auto& s : slots) arguments.push_back(s);
    std::string text;
    if (statement != nullptr) {
        for (const auto& step : statement->steps) {
            if (!text.empty()) text += ";\n";
            text += step.text;
        }
    }
    json::object internal;
    internal["arguments"] = std::move(arguments);
    internal["error"] = std::move(db_error);
    internal["prepared"] = true;
    internal["statement"] = std::move(text);
    out.internal = json::value(std::move(internal));
    return out;
}

std::optional<std::vector<std::pair<std::string_view, std::string_view>>> object_members(
    std::string_view t) {
    std::vector<std::pair<std::string_view, std::string_view>> out;
    std::size_t i = skip_space(t, 0);
    if (i >= t.size() || t[i] != '{') return std::nullopt;
    i = skip_space(t, i + 1);
    if (i < t.size() && t[i] == '}') {
        return skip_space(t, i + 1) == t.size() ? std::optional(std::move(out)) : std::nullopt;
    }
    for (;;) {
        if (i >= t.size() || t[i] != '"') return std::nullopt;
        const std::size_t key_end = skip_string(t, i);
        if (key_end == kNpos) return std::nullopt;
        std::string_view key = t.substr(i + 1, key_end - i - 2);
        i = skip_space(t, key_end);
        if (i >= t.size() || t[i] != ':') return std::nullopt;
        i = skip_space(t, i + 1);
        const std::size_t value_end = skip_value(t, i);
        if (value_end == kNpos) return std::nullopt;
        out.emplace_back(key, t.substr(i, value_end - i));
        i = skip_space(t, value_end);
        if (i >= t.size()) return std::nullopt;
        if (t[i] == '}') break;
        if (t[i] != ',') return std::nullopt;
        i = skip_space(t, i + 1);
    }
    if (skip_space(t, i + 1) != t.size()) return std::nullopt;
    return out;
}

void compact_json(std::string& text) {
    std::size_t out = 0;
    bool in_string = false;
    bool escaped = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (is_space(c)) {
            continue;
        }
        text[out++] = c;
    }
    text.resize(out);
}

core::Result<std::string, EngineError> response_body(const CompiledOperation& compiled,
                                                     std::string_view db_data,
                                                     const graphql::Schema& schema,
                                                     const graphql::PreparedOperation* op) {
    if (!compiled.has_introspection) {
        std::string out;
        out.reserve(db_data.size() + 9);
        out += "{\"data\":";
        out += db_data;
        out += '}';
        return out;
    }
    std::vector<std::pair<std::string_view, std::string_view>> members;
    if (compiled.statement) {
        auto split = object_members(db_data);
        if (!split) {
            return EngineError::make(ErrorCode::kUnexpected,
                                     "the database returned a malformed response");
        }
        members = std::move(*split);
    }
    std::string out = "{\"data\":{";
    bool first = true;
    for (const auto& slot : compiled.layout) {
        if (!first) out += ',';
        first = false;
        core::append_json_string(out, slot.key);
        out += ':';
        if (slot.introspection) {
            const graphql::CollectedField* field = nullptr;
            if (op != nullptr) {
                for (const auto& f : op->fields) {
                    if (f.response_key == slot.key) field = &f;
                }
            }
            if (field == nullptr) {
                return EngineError::make(ErrorCode::kUnexpected,
                                         "introspection field " + slot.key + " was not prepared");
            }
            graphql::write_introspection_field(schema, *field, out);
            continue;
        }
        auto it = std::find_if(members.begin(), members.end(),
                               [&](const auto& m) { return m.first == slot.key; });
        if (it == members.end()) {
            return EngineError::make(ErrorCode::kUnexpected,
                                     "the database response lacks the field " + slot.key);
        }
        out += it->second;
    }
    out += "}}";
    return out;
}

}  // namespace ward::engine::server
