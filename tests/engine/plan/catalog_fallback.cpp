// Catalog's out-of-line members, compiled into the plan tests only while the catalog stage has
// no library target (see CMakeLists.txt).
#include "engine/catalog/catalog.hpp"

namespace ward::engine::catalog {

const Column* Table::column(std::string_view column_name) const {
    for (const auto& c : columns) {
        if (c.name == column_name) return &c;
    }
    return nullptr;
}

Catalog::Catalog(std::vector<Table> tables) : tables_(std::move(tables)) {
    for (std::size_t i = 0; i < tables_.size(); ++i) {
        index_.emplace(std::make_pair(tables_[i].name.schema, tables_[i].name.name), i);
    }
}

const Table* Catalog::table(const metadata::TableName& name) const {
    auto it = index_.find(std::make_pair(name.schema, name.name));
    return it == index_.end() ? nullptr : &tables_[it->second];
}

}  // namespace ward::engine::catalog
