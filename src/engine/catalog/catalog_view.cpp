#include "engine/catalog/catalog_view.hpp"

namespace ward::engine::catalog {

const Table* CatalogsView::find(std::string_view source, const metadata::TableName& table) const {
    auto it = catalogs_.find(source);
    if (it == catalogs_.end() || !it->second) return nullptr;
    return it->second->table(table);
}

bool CatalogsView::has_table(std::string_view source, const metadata::TableName& table) const {
    return find(source, table) != nullptr;
}

std::optional<std::vector<std::string>> CatalogsView::columns_of(
    std::string_view source, const metadata::TableName& table) const {
    const Table* t = find(source, table);
    if (!t) return std::nullopt;
    std::vector<std::string> names;
    names.reserve(t->columns.size());
    for (const auto& c : t->columns) names.push_back(c.name);
    return names;
}

std::vector<metadata::ForeignKey> CatalogsView::foreign_keys_of(
    std::string_view source, const metadata::TableName& table) const {
    std::vector<metadata::ForeignKey> out;
    const Table* t = find(source, table);
    if (!t) return out;
    for (const auto& fk : t->foreign_keys) {
        metadata::ForeignKey m{
            .constraint_name = fk.constraint_name, .table = t->name, .ref_table = fk.ref_table};
        for (std::size_t i = 0; i < fk.columns.size() && i < fk.ref_columns.size(); ++i) {
            m.column_mapping.emplace_back(fk.columns[i], fk.ref_columns[i]);
        }
        out.push_back(std::move(m));
    }
    return out;
}

}  // namespace ward::engine::catalog
