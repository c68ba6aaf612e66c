#include "idp/api/params.hpp"

#include <gtest/gtest.h>

namespace ward::idp::api {
namespace {

http::Request get(std::string_view target) {
    return *http::Request::make(http::Method::kGet, target);
}

TEST(ApiParams, ParsesId) {
    auto id = parse_id_param(get("/api/get-user?id=built-in%2Fadmin"));
    ASSERT_TRUE(id.has_value());
    EXPECT_EQ(id->owner, "built-in");
    EXPECT_EQ(id->name, "admin");
}

TEST(ApiParams, MissingOrMalformedIdGivesCasdoorMessage) {
    for (std::string_view target : {"/api/get-user", "/api/get-user?id=", "/api/get-user?id=admin",
                                    "/api/get-user?id=a/b/c", "/api/get-user?id=/x"}) {
        auto id = parse_id_param(get(target));
        ASSERT_FALSE(id.has_value()) << target;
        EXPECT_EQ(id.error().code(), "invalid-id");
    }
    EXPECT_EQ(parse_id_param(get("/api/get-user?id=abc")).error().message(),
              "GetOwnerAndNameFromId() error, wrong token count for ID: abc");
}

TEST(ApiParams, ListDefaultsAreUnpaginatedNewestFirst) {
    auto p = parse_list_params(get("/api/get-users?owner=built-in"), model::ObjectKind::kUser);
    ASSERT_TRUE(p.has_value());
    EXPECT_EQ(p->owner, "built-in");
    EXPECT_FALSE(p->paginated());
    EXPECT_TRUE(p->filter_column.empty());
    EXPECT_TRUE(p->sort_column.empty());
    EXPECT_EQ(p->sort_order, SortOrder::kDescend);
}

TEST(ApiParams, PaginationNeedsBothParameters) {
    auto only_p = parse_list_params(get("/x?p=2"), model::ObjectKind::kUser);
    EXPECT_FALSE(only_p->paginated());
    auto both = parse_list_params(get("/x?p=2&pageSize=10"), model::ObjectKind::kUser);
    ASSERT_TRUE(both->paginated());
    EXPECT_EQ(*both->page, 2);
    EXPECT_EQ(*both->page_size, 10);
}

TEST(ApiParams, BadPageNumbersAreRefused) {
    for (std::string_view target :
         {"/x?p=0&pageSize=1", "/x?p=-1&pageSize=1", "/x?p=1&pageSize=abc", "/x?p=1x&pageSize=1",
          "/x?p=1&pageSize=99999999999999999999", "/x?p=1;DROP&pageSize=1"}) {
        auto r = parse_list_params(get(target), model::ObjectKind::kUser);
        ASSERT_FALSE(r.has_value()) << target;
        EXPECT_EQ(r.error().code(), "invalid-page");
    }
}

TEST(ApiParams, FieldAndSortFieldMapToRealColumns) {
    auto p = parse_list_params(
        get("/x?field=displayName&value=Al&sortField=createdTime&sortOrder=ascend"),
        model::ObjectKind::kUser);
    ASSERT_TRUE(p.has_value());
    EXPECT_EQ(p->filter_column, "display_name");
    EXPECT_EQ(p->filter_value, "Al");
    EXPECT_EQ(p->sort_column, "created_time");
    EXPECT_EQ(p->sort_order, SortOrder::kAscend);
}

TEST(ApiParams, FieldWithoutValueDoesNotFilter) {
    auto p = parse_list_params(get("/x?field=name"), model::ObjectKind::kUser);
    ASSERT_TRUE(p.has_value());
    EXPECT_TRUE(p->filter_column.empty());
}

// CVE-2022-24124 and issue #4988: field and sortField reached SQL text.
TEST(ApiParams, SqlMetacharactersInFieldNamesAreRefused) {
    for (std::string_view target : {
             "/x?field=name%3BDROP%20TABLE%20user&value=a",
             "/x?field=name%20OR%201%3D1&value=a",
             "/x?field=%22name%22&value=a",
             "/x?field=roles&value=a",  // computed, not a column
             "/x?sortField=name%20desc%2C(select%201)",
             "/x?sortField=created_time--",
             "/x?sortField=password%27",
         }) {
        auto r = parse_list_params(get(target), model::ObjectKind::kUser);
        ASSERT_FALSE(r.has_value()) << target;
        EXPECT_EQ(r.error().code(), "invalid-field") << target;
    }
}

// A LIKE filter or an ORDER BY on a secret is an oracle for it, whatever the field is spelled as.
TEST(ApiParams, SecretFieldsAreNeitherFiltersNorSortKeys) {
    using K = model::ObjectKind;
    const std::pair<K, std::string_view> secrets[] = {
        {K::kUser, "password"},
        {K::kUser, "password_salt"},
        {K::kUser, "totpSecret"},
        {K::kUser, "recoveryCodes"},
        {K::kUser, "accessSecret"},
        {K::kApplication, "clientSecret"},
        {K::kApplication, "client_secret"},
        {K::kOrganization, "masterPassword"},
        {K::kCert, "privateKey"},
        {K::kToken, "accessToken"},
        {K::kToken, "refreshTokenHash"},
        {K::kToken, "code"},
        {K::kSession, "sessionId"},
    };
    for (const auto& [kind, field] : secrets) {
        const std::string f(field);
        auto filtered = parse_list_params(get("/api/x?field=" + f + "&value=a"), kind);
        ASSERT_FALSE(filtered.has_value()) << field;
        EXPECT_EQ(filtered.error().code(), "invalid-field");
        auto sorted = parse_list_params(get("/api/x?sortField=" + f), kind);
        ASSERT_FALSE(sorted.has_value()) << field;
        EXPECT_EQ(sorted.error().code(), "invalid-field");
    }
    // Plain fields of the same objects still work.
    auto ok =
        parse_list_params(get("/api/x?field=passwordType&value=salt&sortField=name"), K::kUser);
    ASSERT_TRUE(ok.has_value());
    EXPECT_EQ(ok->filter_column, "password_type");
}

TEST(ApiParams, SqlMetacharactersInValuesStayValues) {
    auto p = parse_list_params(get("/x?field=name&value=%27%20OR%20%271%27%3D%271"),
                               model::ObjectKind::kUser);
    ASSERT_TRUE(p.has_value());
    EXPECT_EQ(p->filter_value, "' OR '1'='1");
}

TEST(ApiParams, BadSortOrderIsRefused) {
    auto r = parse_list_params(get("/x?sortField=name&sortOrder=desc;"), model::ObjectKind::kUser);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code(), "invalid-sort-order");
}

TEST(ApiParams, JsonBodyMustBeAnObject) {
    auto ok = *http::Request::make(http::Method::kPost, "/x", {}, R"({"name":"a"})");
    EXPECT_TRUE(parse_json_object(ok).has_value());
    for (std::string body : {"", "{", "[1]", "\"s\"", "{\"a\":1}}", "null"}) {
        auto req = *http::Request::make(http::Method::kPost, "/x", {}, body);
        EXPECT_FALSE(parse_json_object(req).has_value()) << body;
    }
}

TEST(ApiParams, FormFieldsFromMultipart) {
    http::Headers h;
    h.add("Content-Type", "multipart/form-data; boundary=XyZ");
    std::string body =
        "--XyZ\r\nContent-Disposition: form-data; name=\"userOwner\"\r\n\r\nbuilt-in\r\n"
        "--XyZ\r\nContent-Disposition: form-data; name=\"newPassword\"\r\n\r\nn3w pass\r\n"
        "--XyZ--\r\n";
    auto req = *http::Request::make(http::Method::kPost, "/x?userName=q", h, body);
    auto f = FormFields::from_request(req);
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->get("userOwner"), "built-in");
    EXPECT_EQ(f->get("newPassword"), "n3w pass");
    EXPECT_EQ(f->get("userName"), "q");
    EXPECT_FALSE(f->has("oldPassword"));
    EXPECT_EQ(f->get("oldPassword"), "");
}

TEST(ApiParams, FormFieldsFromUrlencoded) {
    http::Headers h;
    h.add("Content-Type", "application/x-www-form-urlencoded");
    auto req = *http::Request::make(http::Method::kPost, "/x", h, "a=1&b=x%20y");
    auto f = FormFields::from_request(req);
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->get("b"), "x y");
}

TEST(ApiParams, MalformedMultipartIsAnError) {
    http::Headers h;
    h.add("Content-Type", "multipart/form-data");
    auto req = *http::Request::make(http::Method::kPost, "/x", h, "garbage");
    EXPECT_FALSE(FormFields::from_request(req).has_value());
}

}  // namespace
}  // namespace ward::idp::api
