// `field`/`sortField` validation: only real stored fields map to columns (CVE-2022-24124,
// Casdoor issue #4988).
#include "idp/model/fields.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace ward::idp::model {
namespace {

bool has(ObjectKind kind, std::string_view key) {
    auto names = field_names(kind);
    return std::find(names.begin(), names.end(), key) != names.end();
}

TEST(ModelFieldsTest, ListsEachTypesRealKeys) {
    EXPECT_TRUE(has(ObjectKind::kUser, "displayName"));
    EXPECT_TRUE(has(ObjectKind::kUser, "roles"));
    EXPECT_TRUE(has(ObjectKind::kApplication, "clientId"));
    EXPECT_TRUE(has(ObjectKind::kApplication, "redirectUris"));
    EXPECT_TRUE(has(ObjectKind::kOrganization, "passwordType"));
    EXPECT_TRUE(has(ObjectKind::kRole, "isEnabled"));
    EXPECT_TRUE(has(ObjectKind::kPermission, "resourceType"));
    EXPECT_TRUE(has(ObjectKind::kGroup, "parentId"));
    EXPECT_TRUE(has(ObjectKind::kCert, "cryptoAlgorithm"));
    EXPECT_TRUE(has(ObjectKind::kToken, "accessTokenHash"));
    EXPECT_TRUE(has(ObjectKind::kSession, "sessionId"));
    EXPECT_FALSE(has(ObjectKind::kRole, "clientId"));
    EXPECT_EQ(field_names(ObjectKind::kRole).size(), 10u);
}

TEST(ModelFieldsTest, ColumnNamesFollowXorm) {
    EXPECT_EQ(to_column_name("createdTime"), "created_time");
    EXPECT_EQ(to_column_name("name"), "name");
    EXPECT_EQ(to_column_name("isAdmin"), "is_admin");
    EXPECT_EQ(to_column_name("refreshExpireInHours"), "refresh_expire_in_hours");
}

TEST(ModelFieldsTest, MapsKeysAndColumnsOfStoredFields) {
    EXPECT_EQ(*column_for_field(ObjectKind::kUser, "createdTime"), "created_time");
    EXPECT_EQ(*column_for_field(ObjectKind::kUser, "created_time"), "created_time");
    EXPECT_EQ(*column_for_field(ObjectKind::kUser, "name"), "name");
    EXPECT_EQ(*column_for_field(ObjectKind::kApplication, "clientId"), "client_id");
    EXPECT_EQ(*column_for_field(ObjectKind::kToken, "expiresIn"), "expires_in");
}

TEST(ModelFieldsTest, RefusesEverythingElse) {
    for (std::string_view bad :
         {"", "name; DROP TABLE user", "name--", "Name", "created_time desc", "1=1", "owner,name",
          "roles", "permissions", "accessToken", "multiFactorAuths", "clientId", "`name`", "name\n",
          "created_Time"}) {
        auto r = column_for_field(ObjectKind::kUser, bad);
        ASSERT_FALSE(r) << bad;
        EXPECT_EQ(r.error().code(), "invalid-field");
    }
    EXPECT_FALSE(column_for_field(ObjectKind::kGroup, "users"));
    EXPECT_FALSE(column_for_field(ObjectKind::kApplication, "organizationObj"));
}

}  // namespace
}  // namespace ward::idp::model
