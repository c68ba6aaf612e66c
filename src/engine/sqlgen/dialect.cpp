#include "engine/sqlgen/dialect.hpp"

namespace ward::engine::sqlgen {

std::string Dialect::quote_identifier(std::string_view ident) const {
    std::string out;
    out.reserve(ident.size() + 2);
    out.push_back('"');
    for (char c : ident) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
    return out;
}

std::string Dialect::string_literal(std::string_view text) const {
    std::string out;
    out.reserve(text.size() + 2);
    out.push_back('\'');
    for (char c : text) {
        if (c == '\'') out.push_back('\'');
        out.push_back(c);
    }
    out.push_back('\'');
    return out;
}

std::string Dialect::placeholder(std::size_t n) const { return "$" + std::to_string(n); }

std::string Dialect::coalesce_json_array(std::string_view agg) const {
    std::string out = "coalesce(";
    out += agg;
    out += ", ";
    out += empty_json_array();
    out += ")";
    return out;
}

const Dialect& dialect_for(DialectKind kind) {
    return kind == DialectKind::kPostgres ? postgres_dialect() : sqlite_dialect();
}

}  // namespace ward::engine::sqlgen
