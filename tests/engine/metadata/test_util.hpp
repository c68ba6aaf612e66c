// Helpers shared by the engine/metadata tests: JSON literals and a small in-memory CatalogView.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>

#include "core/json.hpp"
#include "engine/metadata/apply.hpp"

namespace ward::engine::metadata::test {

inline core::json::value js(std::string_view text) {
    auto r = core::parse_json(text);
    if (!r) ADD_FAILURE() << "bad JSON in test: " << text;
    return r ? *r : core::json::value();
}

inline std::string compact(const core::json::value& v) { return core::to_json(v); }

inline std::string read_fixture(const std::string& name) {
    std::ifstream in(std::string(WARD_METADATA_FIXTURES) + "/" + name);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// A catalog with tables (schema "public" unless given), their columns and foreign keys, all in
// source "default".
class InMemoryCatalog : public CatalogView {
  public:
    void add_table(const TableName& t, std::vector<std::string> columns) {
        tables_[t] = std::move(columns);
    }
    void add_foreign_key(ForeignKey fk) { fks_.push_back(std::move(fk)); }

    bool has_table(std::string_view source, const TableName& table) const override {
        return source == "default" && tables_.count(table) > 0;
    }
    std::optional<std::vector<std::string>> columns_of(std::string_view source,
                                                       const TableName& table) const override {
        if (source != "default") return std::nullopt;
        auto it = tables_.find(table);
        if (it == tables_.end()) return std::nullopt;
        return it->second;
    }
    std::vector<ForeignKey> foreign_keys_of(std::string_view source,
                                            const TableName& table) const override {
        std::vector<ForeignKey> out;
        if (source != "default") return out;
        for (const auto& fk : fks_) {
            if (fk.table == table) out.push_back(fk);
        }
        return out;
    }

  private:
    std::map<TableName, std::vector<std::string>> tables_;
    std::vector<ForeignKey> fks_;
};

// authors(id, name, email) <- articles(id, title, body, published, author_id, updated_by)
inline InMemoryCatalog blog_catalog() {
    InMemoryCatalog c;
    c.add_table({"public", "authors"}, {"id", "name", "email"});
    c.add_table({"public", "articles"},
                {"id", "title", "body", "published", "author_id", "updated_by"});
    c.add_foreign_key({"articles_author_id_fkey",
                       {"public", "articles"},
                       {"public", "authors"},
                       {{"author_id", "id"}}});
    return c;
}

}  // namespace ward::engine::metadata::test
