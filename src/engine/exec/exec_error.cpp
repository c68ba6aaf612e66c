#include "engine/exec/exec_error.hpp"

namespace ward::engine::exec {
namespace {

ExecError with_db(std::string code, std::string message, const sql::DbError& e) {
    return ExecError{.code = std::move(code),
                     .message = std::move(message),
                     .sqlstate = e.sqlstate(),
                     .internal_message = e.message()};
}

// SQLite names the columns ("UNIQUE constraint failed: users.a, users.b"), not the constraint.
// The catalog reader names SQLite's unique constraints as PostgreSQL names UNIQUE column
// constraints (<table>_<columns>_key), so the message can name the same constraint. A primary
// key violation reads the same way in SQLite and gets the _key name too.
std::string sqlite_unique_name(std::string_view columns) {
    std::string table;
    std::string name;
    while (!columns.empty()) {
        const auto comma = columns.find(", ");
        std::string_view item = columns.substr(0, comma);
        const auto dot = item.find('.');
        if (dot == std::string_view::npos) return std::string(columns);
        if (table.empty()) table = std::string(item.substr(0, dot));
        name += "_" + std::string(item.substr(dot + 1));
        columns = comma == std::string_view::npos ? std::string_view() : columns.substr(comma + 2);
    }
    return table + name + "_key";
}

// PostgreSQL reports the constraint; SQLite's message is rewritten into PostgreSQL's sentence
// so clients see one shape.
std::string unique_message(const sql::DbError& e) {
    if (e.message().starts_with("duplicate key value")) return e.message();
    std::string what = e.constraint();
    if (what.empty()) {
        constexpr std::string_view kPrefix = "UNIQUE constraint failed: ";
        what = e.message().starts_with(kPrefix)
                   ? sqlite_unique_name(std::string_view(e.message()).substr(kPrefix.size()))
                   : e.message();
    }
    return "duplicate key value violates unique constraint \"" + what + "\"";
}

// SQLite: "NOT NULL constraint failed: users.name" -> PostgreSQL's sentence.
std::string not_null_message(const sql::DbError& e) {
    constexpr std::string_view kPrefix = "NOT NULL constraint failed: ";
    if (!e.message().starts_with(kPrefix)) return e.message();
    const std::string_view what = std::string_view(e.message()).substr(kPrefix.size());
    const auto dot = what.find('.');
    if (dot == std::string_view::npos) return e.message();
    return "null value in column \"" + std::string(what.substr(dot + 1)) + "\" of relation \"" +
           std::string(what.substr(0, dot)) + "\" violates not-null constraint";
}

}  // namespace

ExecError map_db_error(const sql::DbError& e) {
    using K = sql::DbErrorKind;
    switch (e.reason()) {
        case K::kUniqueViolation:
            return with_db("constraint-violation", "Uniqueness violation. " + unique_message(e), e);
        case K::kForeignKeyViolation:
            return with_db("constraint-violation", "Foreign key violation. " + e.message(), e);
        case K::kNotNullViolation:
            return with_db("constraint-violation", "Not-NULL violation. " + not_null_message(e), e);
        case K::kCheckViolation:
            return with_db("constraint-violation", "Check constraint violation. " + e.message(), e);
        case K::kConstraintViolation:
            return with_db("constraint-violation", "Integrity constraint violation. " + e.message(),
                           e);
        case K::kDataException:
        case K::kTypeMismatch:
        case K::kNullValue:
            return with_db("data-exception", e.message(), e);
        case K::kUnavailable:
            return with_db("postgres-error", "connection error", e);
        case K::kPoolTimeout:
            return with_db("postgres-max-connections-error", "max connections reached on postgres",
                           e);
        default:
            return with_db("postgres-error", "database query error", e);
    }
}

ExecError check_failed(sqlgen::CheckKind kind) {
    const std::string what = kind == sqlgen::CheckKind::kUpdate ? "update" : "insert";
    return ExecError{.code = "permission-error",
                     .message = "check constraint of an " + what + " permission has failed"};
}

ExecError invalid_input(std::string_view type_name, std::string_view text) {
    return ExecError{.code = "data-exception",
                     .message = "invalid input syntax for type " + std::string(type_name) + ": \"" +
                                std::string(text) + "\""};
}

}  // namespace ward::engine::exec
