#include "engine/metadata/session.hpp"

#include "engine/metadata/detail/json_reader.hpp"

namespace ward::engine::metadata {

namespace {
constexpr std::size_t kMaxRoleNameBytes = 255;
}

std::string to_lower_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

bool is_session_variable(std::string_view text) {
    if (text.size() < kSessionVariablePrefix.size()) return false;
    return to_lower_ascii(text.substr(0, kSessionVariablePrefix.size())) == kSessionVariablePrefix;
}

Result<std::string> validate_role_name(std::string_view name, std::string_view path) {
    if (name.empty()) {
        return MetadataError{ErrorCode::kParseFailed, std::string(path),
                             "empty string not allowed"};
    }
    if (name.size() > kMaxRoleNameBytes) {
        return MetadataError{ErrorCode::kParseFailed, std::string(path),
                             "invalid role name: longer than 255 bytes"};
    }
    for (char c : name) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
            return MetadataError{ErrorCode::kParseFailed, std::string(path),
                                 "invalid role name: contains a control character"};
        }
    }
    return std::string(name);
}

bool SessionVariables::set(std::string_view name, std::string value) {
    if (!is_session_variable(name)) return false;
    vars_[to_lower_ascii(name)] = std::move(value);
    return true;
}

std::optional<std::string_view> SessionVariables::get(std::string_view name) const {
    auto it = vars_.find(to_lower_ascii(name));
    if (it == vars_.end()) return std::nullopt;
    return std::string_view(it->second);
}

bool SessionVariables::erase(std::string_view name) {
    return vars_.erase(to_lower_ascii(name)) > 0;
}

core::json::object SessionVariables::to_json() const {
    core::json::object out;
    for (const auto& [k, v] : vars_) out[k] = v;
    return out;
}

Result<SessionVariables> SessionVariables::from_json(const core::json::object& obj) {
    SessionVariables out;
    for (const auto& kv : obj) {
        std::string_view key(kv.key().data(), kv.key().size());
        if (!is_session_variable(key)) continue;
        if (!kv.value().is_string()) {
            return detail::type_error(detail::child_path("$", key), "String", kv.value());
        }
        const auto& s = kv.value().get_string();
        out.set(key, std::string(s.data(), s.size()));
    }
    return out;
}

}  // namespace ward::engine::metadata
