// http::Headers and http::Params: small ordered multi-maps for header fields (case-insensitive
// names) and for query, form, cookie and path parameters (case-sensitive names). Used by the
// server's Request and by the outbound Client alike.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ward::http {

// ASCII case-insensitive equality, as RFC 9110 §5.1 requires for field names.
bool iequals(std::string_view a, std::string_view b);

// An ordered list of name/value pairs where a name may repeat (Set-Cookie, multi-value query
// parameters). `ICase` selects case-insensitive name lookup.
template <bool ICase>
class BasicFields {
  public:
    using Entry = std::pair<std::string, std::string>;

    void add(std::string name, std::string value) {
        entries_.emplace_back(std::move(name), std::move(value));
    }
    // Replaces every entry with this name by one entry.
    void set(std::string name, std::string value) {
        erase(name);
        add(std::move(name), std::move(value));
    }
    void erase(std::string_view name) {
        std::erase_if(entries_, [&](const Entry& e) { return same(e.first, name); });
    }
    // The first value with this name, or nullopt.
    std::optional<std::string_view> get(std::string_view name) const {
        for (const auto& e : entries_) {
            if (same(e.first, name)) return std::string_view(e.second);
        }
        return std::nullopt;
    }
    // The first value, or `fallback` when absent.
    std::string_view get_or(std::string_view name, std::string_view fallback) const {
        auto v = get(name);
        return v ? *v : fallback;
    }
    std::vector<std::string_view> get_all(std::string_view name) const {
        std::vector<std::string_view> out;
        for (const auto& e : entries_) {
            if (same(e.first, name)) out.emplace_back(e.second);
        }
        return out;
    }
    bool contains(std::string_view name) const { return get(name).has_value(); }
    std::size_t size() const { return entries_.size(); }
    bool empty() const { return entries_.empty(); }
    void clear() { entries_.clear(); }
    auto begin() const { return entries_.begin(); }
    auto end() const { return entries_.end(); }

  private:
    static bool same(std::string_view a, std::string_view b) {
        if constexpr (ICase) {
            return iequals(a, b);
        } else {
            return a == b;
        }
    }
    std::vector<Entry> entries_;
};

using Headers = BasicFields<true>;
using Params = BasicFields<false>;

}  // namespace ward::http
