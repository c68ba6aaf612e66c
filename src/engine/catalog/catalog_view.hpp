// metadata::CatalogView over the engine's catalogs: how /v1/metadata commands check that the
// tables, columns and foreign keys they name exist in the source's database.
#pragma once

#include "engine/catalog/catalog.hpp"
#include "engine/metadata/apply.hpp"

namespace ward::engine::catalog {

// Borrows `catalogs`, which must outlive the view. A source missing from `catalogs` has no
// tables.
class CatalogsView final : public metadata::CatalogView {
  public:
    explicit CatalogsView(const Catalogs& catalogs) : catalogs_(catalogs) {}

    bool has_table(std::string_view source, const metadata::TableName& table) const override;
    std::optional<std::vector<std::string>> columns_of(
        std::string_view source, const metadata::TableName& table) const override;
    std::vector<metadata::ForeignKey> foreign_keys_of(
        std::string_view source, const metadata::TableName& table) const override;

  private:
    const Table* find(std::string_view source, const metadata::TableName& table) const;

    const Catalogs& catalogs_;
};

}  // namespace ward::engine::catalog
