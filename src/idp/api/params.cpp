#include "idp/api/params.hpp"

#include <algorithm>
#include <charconv>
#include <span>

namespace ward::idp::api {
namespace {

core::Result<std::optional<std::int64_t>> positive_int(const http::Request& request,
                                                       std::string_view name) {
    auto text = request.query_param(name);
    if (!text || text->empty()) return std::optional<std::int64_t>{};
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc{} || end != text->data() + text->size() || value <= 0 ||
        value > 1'000'000'000) {
        return core::Error::invalid_argument(
            "The parameter " + std::string(name) + " must be a positive integer", "invalid-page");
    }
    return std::optional<std::int64_t>{value};
}

// Fields a list may neither filter nor sort by: the secrets the API masks or never shows. A
// `LIKE %value%` filter or an ORDER BY on them is an oracle that recovers them one character at a
// time (get-organization-applications is public, so anyone could read a client secret that way).
bool is_secret_field(model::ObjectKind kind, std::string_view column) {
    using K = model::ObjectKind;
    static constexpr std::string_view kUser[] = {"password",    "password_salt", "hash",
                                                 "pre_hash",    "access_key",    "access_secret",
                                                 "totp_secret", "recovery_codes"};
    static constexpr std::string_view kApplication[] = {"client_secret", "client_cert",
                                                        "registration_access_token"};
    static constexpr std::string_view kOrganization[] = {
        "master_password", "default_password", "master_verification_code", "password_salt",
        "password_obfuscator_key"};
    static constexpr std::string_view kCert[] = {"private_key", "access_key", "access_secret"};
    static constexpr std::string_view kToken[] = {
        "code",          "access_token", "refresh_token", "access_token_hash", "refresh_token_hash",
        "code_challenge"};
    static constexpr std::string_view kSession[] = {"session_id"};
    std::span<const std::string_view> secret;
    switch (kind) {
        case K::kUser:
            secret = kUser;
            break;
        case K::kApplication:
            secret = kApplication;
            break;
        case K::kOrganization:
            secret = kOrganization;
            break;
        case K::kCert:
            secret = kCert;
            break;
        case K::kToken:
            secret = kToken;
            break;
        case K::kSession:
            secret = kSession;
            break;
        default:
            break;
    }
    return std::find(secret.begin(), secret.end(), column) != secret.end();
}

// A column a list may filter or sort by (parse_list_params).
core::Result<std::string> listable_column(model::ObjectKind kind, std::string_view field) {
    WARD_TRY(auto column, model::column_for_field(kind, field));
    if (is_secret_field(kind, column)) {
        std::string shown(field.substr(0, 64));
        return core::Error::invalid_argument(
            "invalid field \"" + shown + "\" for " + std::string(model::to_string(kind)),
            "invalid-field");
    }
    return column;
}

}  // namespace

core::Result<model::ObjectId> parse_id_param(const http::Request& request, std::string_view param) {
    return model::parse_id(request.query_param(param).value_or(""));
}

core::Result<ListParams> parse_list_params(const http::Request& request, model::ObjectKind kind) {
    ListParams params;
    params.owner = std::string(request.query_param("owner").value_or(""));
    params.organization = std::string(request.query_param("organization").value_or(""));
    WARD_TRY(params.page, positive_int(request, "p"));
    WARD_TRY(params.page_size, positive_int(request, "pageSize"));

    auto field = request.query_param("field").value_or("");
    auto value = request.query_param("value").value_or("");
    if (!field.empty()) {
        WARD_TRY(auto column, listable_column(kind, field));
        if (!value.empty()) {
            params.filter_column = std::move(column);
            params.filter_value = std::string(value);
        }
    }

    auto sort_field = request.query_param("sortField").value_or("");
    auto sort_order = request.query_param("sortOrder").value_or("");
    if (!sort_field.empty()) {
        WARD_TRY(params.sort_column, listable_column(kind, sort_field));
    }
    if (sort_order == "ascend") {
        params.sort_order = SortOrder::kAscend;
    } else if (sort_order.empty() || sort_order == "descend") {
        params.sort_order = SortOrder::kDescend;
    } else {
        return core::Error::invalid_argument("sortOrder must be ascend or descend",
                                             "invalid-sort-order");
    }
    return params;
}

core::Result<core::json::object> parse_json_object(const http::Request& request) {
    WARD_TRY(auto value, core::parse_json(request.body()));
    if (!value.is_object()) {
        return core::Error::invalid_argument("The request body must be a JSON object",
                                             "invalid-json");
    }
    return std::move(value.get_object());
}

core::Result<FormFields> FormFields::from_request(const http::Request& request) {
    FormFields fields;
    fields.query_ = request.query();
    auto content_type = request.header("Content-Type").value_or("");
    std::string lower(content_type);
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower.rfind("multipart/form-data", 0) == 0) {
        WARD_TRY(auto parts, request.multipart());
        for (auto& part : parts) {
            if (!part.filename) fields.body_.add(std::move(part.name), std::move(part.data));
        }
    } else if (!request.body().empty()) {
        WARD_TRY(fields.body_, request.form());
    }
    return fields;
}

std::string FormFields::get(std::string_view name) const {
    if (auto v = body_.get(name)) return std::string(*v);
    return std::string(query_.get_or(name, ""));
}

bool FormFields::has(std::string_view name) const {
    return body_.contains(name) || query_.contains(name);
}

}  // namespace ward::idp::api
