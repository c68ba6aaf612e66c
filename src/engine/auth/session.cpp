#include "engine/auth/session.hpp"

namespace ward::engine::auth {

std::string_view to_string(AuthMethod method) {
    switch (method) {
        case AuthMethod::kNoAuth:
            return "no-auth";
        case AuthMethod::kAdminSecret:
            return "admin-secret";
        case AuthMethod::kJwt:
            return "jwt";
        case AuthMethod::kWebhook:
            return "webhook";
        case AuthMethod::kUnauthorizedRole:
            return "unauthorized-role";
    }
    return "unknown";
}

std::string to_lower_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

bool is_hasura_name(std::string_view name) {
    constexpr std::string_view kPrefix = "x-hasura-";
    return name.size() >= kPrefix.size() &&
           to_lower_ascii(name.substr(0, kPrefix.size())) == kPrefix;
}

const core::json::value* Session::variable(std::string_view name) const {
    auto it = variables.find(to_lower_ascii(name));
    return it == variables.end() ? nullptr : &it->second;
}

namespace {

void append_array_element(std::string& out, const core::json::value& v) {
    if (const auto* s = v.if_string()) {
        // Quote every text element so commas and braces inside stay one element.
        out += '"';
        for (char c : *s) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += '"';
    } else if (v.is_null()) {
        out += "NULL";
    } else {
        out += core::to_json(v);
    }
}

}  // namespace

std::optional<std::string> Session::variable_text(std::string_view name) const {
    const core::json::value* v = variable(name);
    if (v == nullptr) return std::nullopt;
    if (const auto* s = v->if_string()) return std::string(*s);
    if (const auto* a = v->if_array()) {
        std::string out = "{";
        for (std::size_t i = 0; i < a->size(); ++i) {
            if (i > 0) out += ',';
            append_array_element(out, (*a)[i]);
        }
        out += '}';
        return out;
    }
    return core::to_json(*v);
}

core::json::object Session::variables_json() const {
    core::json::object out;
    for (const auto& [name, value] : variables) out[name] = value;
    return out;
}

}  // namespace ward::engine::auth
