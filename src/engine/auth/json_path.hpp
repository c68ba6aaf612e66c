// A small JSONPath for claims_map and claims_namespace_path (spec/hasura.md §1.3): `$` followed by
// `.key`, `['key']`, `["key"]` and `[0]` steps. Nothing else (no wildcards, filters or slices),
// which is all Hasura's configs use.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/json.hpp"
#include "core/result.hpp"

namespace ward::engine::auth {

class JsonPath {
  public:
    using Step = std::variant<std::string, std::size_t>;  // object key, or array index

    // Errors (kInvalidArgument "invalid-json-path"): a path not starting with `$`, an empty key,
    // an unterminated bracket or quote, a negative or non-numeric index, trailing characters.
    // The message says what and where ("expecting '$' at position 0").
    static core::Result<JsonPath> parse(std::string_view text);

    // The value at the path, or nullptr when a step does not exist (missing key, index out of
    // range, or a step into a non-container).
    const core::json::value* find(const core::json::value& root) const;

    const std::vector<Step>& steps() const { return steps_; }
    const std::string& text() const { return text_; }

  private:
    std::string text_;
    std::vector<Step> steps_;
};

}  // namespace ward::engine::auth
