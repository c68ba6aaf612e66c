// delete_<t> / delete_<t>_by_pk: the delete permission's filter ANDed with the user's where (or
// the primary key), and the mutation response under the select permission.
#include <utility>

#include "engine/plan/planner.hpp"

namespace ward::engine::plan::detail {

PlanResult<Delete> Planner::del(const schema::TableInfo& table,
                                const graphql::CollectedField& field, bool by_pk,
                                std::string_view path) {
    if (!table.del) {
        return PlanError{"permission-error",
                         "no delete permission on table " + table.name.display(),
                         std::string(path)};
    }
    Delete out;
    out.table = table_ref(table);
    std::vector<Filter> filters;
    WARD_TRY(auto permission, permission_filter(table, table.del->filter, path));
    filters.push_back(std::move(permission));
    if (by_pk) {
        WARD_TRY(auto pk, pk_filter(table, [&](std::string_view name) {
                     return argument(field, name, path);
                 }));
        filters.push_back(std::move(pk));
    } else {
        WARD_TRY(auto where, where_filter(table, argument(field, "where", path)));
        filters.push_back(std::move(where));
    }
    out.where = and_of(std::move(filters));
    WARD_TRY(auto output, mutation_output(table, field.selections, by_pk, path));
    out.output = std::move(output);
    return out;
}

}  // namespace ward::engine::plan::detail
