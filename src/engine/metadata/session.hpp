// Hasura session variables (spec/hasura.md §2.3): names are case-insensitive, stored lower-cased,
// and always start with "x-hasura-". Also role-name validation and the test that tells a
// session-variable reference ("X-Hasura-User-Id") from a literal in permissions and presets.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/json.hpp"
#include "engine/metadata/errors.hpp"

namespace ward::engine::metadata {

inline constexpr std::string_view kSessionVariablePrefix = "x-hasura-";
inline constexpr std::string_view kRoleVariable = "x-hasura-role";
inline constexpr std::string_view kAdminRole = "admin";

// True when `text` starts with "x-hasura-" in any letter case (a session-variable reference).
bool is_session_variable(std::string_view text);

// ASCII lower-casing; session variable names are compared this way.
std::string to_lower_ascii(std::string_view text);

// Role names: any non-empty text without control characters, at most 255 bytes.
// Errors: kParseFailed "empty string not allowed" / "invalid role name: ..." at `path`.
Result<std::string> validate_role_name(std::string_view name, std::string_view path = "$");

// The session of one request: lower-cased x-hasura-* names to text values.
class SessionVariables {
  public:
    using Map = std::map<std::string, std::string, std::less<>>;

    // Sets a variable; the name is lower-cased. Returns false (and stores nothing) when the
    // name does not start with x-hasura-.
    bool set(std::string_view name, std::string value);
    // Case-insensitive look-up.
    std::optional<std::string_view> get(std::string_view name) const;
    bool contains(std::string_view name) const { return get(name).has_value(); }
    bool erase(std::string_view name);

    // The value of x-hasura-role, if set.
    std::optional<std::string_view> role() const { return get(kRoleVariable); }

    std::size_t size() const { return vars_.size(); }
    bool empty() const { return vars_.empty(); }
    const Map& all() const { return vars_; }

    // {"x-hasura-role": "user", ...}: the shape of Hasura's `hasura.user` GUC and of explain's
    // "session" field.
    core::json::object to_json() const;

    // Builds a session from a JSON object of strings (headers or JWT claims already flattened).
    // Keys that are not x-hasura-* are ignored. Errors: kParseFailed when a value is not a string
    // (path "$.<key>").
    static Result<SessionVariables> from_json(const core::json::object& obj);

  private:
    Map vars_;
};

}  // namespace ward::engine::metadata
