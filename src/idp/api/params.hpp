// Request parsing for the admin REST API: "owner/name" ids, Casdoor's list parameters (owner,
// p/pageSize, field/value, sortField/sortOrder) checked against the object's real fields, JSON
// bodies decoded into model types, and the form/multipart fields of set-password and MFA setup.
// Nothing parsed here ever becomes SQL text: field names are mapped to column names through
// model::column_for_field, values stay values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/json.hpp"
#include "core/result.hpp"
#include "http/request.hpp"
#include "idp/model/fields.hpp"
#include "idp/model/id.hpp"

namespace ward::idp::api {

// The `id` query parameter (or `param`) as "owner/name". Failure: kInvalidArgument "invalid-id"
// with Casdoor's "GetOwnerAndNameFromId() error, wrong token count for ID: <id>", also when the
// parameter is missing (Casdoor reads it as "").
core::Result<model::ObjectId> parse_id_param(const http::Request& request,
                                             std::string_view param = "id");

enum class SortOrder { kAscend, kDescend };

// A validated list request. `filter_column` / `sort_column` are real column names from
// model::fields (never the caller's text).
struct ListParams {
    std::string owner;
    std::string organization;  // get-tokens / get-applications narrow by organization
    // Pagination applies only when both p and pageSize are present (casdoor.md §4.2).
    std::optional<std::int64_t> page;       // 1-based
    std::optional<std::int64_t> page_size;  // > 0
    std::string filter_column;              // empty: no filter
    std::string filter_value;               // matched as a substring (LIKE %value%)
    std::string sort_column;                // empty: created_time
    SortOrder sort_order = SortOrder::kDescend;

    bool paginated() const { return page.has_value() && page_size.has_value(); }
};

// Reads owner, organization, p, pageSize, field, value, sortField and sortOrder. A filter applies
// when field and value are both non-empty; a sort when sortField is non-empty. Failures
// (kInvalidArgument): "invalid-field" for a field/sortField that is not a stored field of `kind`
// (whatever characters it holds), "invalid-page" for p/pageSize that are not positive integers,
// "invalid-sort-order" for a sortOrder other than ascend/descend.
core::Result<ListParams> parse_list_params(const http::Request& request, model::ObjectKind kind);

// The body as a JSON object. Failure: kInvalidArgument "invalid-json" (syntax, or not an object;
// the message says which), kLimitExceeded for absurd depth.
core::Result<core::json::object> parse_json_object(const http::Request& request);

// Form fields from a multipart/form-data or application/x-www-form-urlencoded body (chosen by
// Content-Type), falling back to the query string for a name the body lacks, as Go's
// Request.Form does. Failure: "bad-multipart" / "bad-form" for a malformed body.
class FormFields {
  public:
    static core::Result<FormFields> from_request(const http::Request& request);
    // The value, or "" when absent.
    std::string get(std::string_view name) const;
    bool has(std::string_view name) const;

  private:
    http::Params body_;
    http::Params query_;
};

}  // namespace ward::idp::api
