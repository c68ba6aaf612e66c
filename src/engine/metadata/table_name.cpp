#include "engine/metadata/table_name.hpp"

#include "engine/metadata/detail/json_reader.hpp"

namespace ward::engine::metadata {

std::string TableName::display() const {
    return schema == kDefaultSchema ? name : schema + "." + name;
}

Result<TableName> parse_table_name(const core::json::value& v, std::string_view path) {
    using namespace detail;
    TableName out;
    if (v.is_string()) {
        out.name = std::string(as_view(v.get_string()));
    } else if (v.is_object()) {
        const json::object& obj = v.get_object();
        WARD_TRY(const json::value* name, required(obj, path, "name"));
        WARD_TRY(out.name, expect_string(*name, child_path(path, "name")));
        WARD_TRY(auto schema, optional_string(obj, path, "schema"));
        if (schema) out.schema = std::move(*schema);
    } else {
        return parse_error(path, "expected String or Object for a table name, but encountered " +
                                     std::string(kind_name(v)));
    }
    if (out.name.empty()) return parse_error(path, "table name cannot be empty");
    if (out.schema.empty()) return parse_error(path, "schema name cannot be empty");
    return out;
}

core::json::value emit_table_name(const TableName& t) {
    core::json::object out;
    out["name"] = t.name;
    out["schema"] = t.schema;
    return out;
}

}  // namespace ward::engine::metadata
