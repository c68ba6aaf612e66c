#include "idp/model/id.hpp"

#include <gtest/gtest.h>

namespace ward::idp::model {
namespace {

TEST(ModelIdTest, ParsesOwnerAndName) {
    auto id = parse_id("built-in/admin");
    ASSERT_TRUE(id);
    EXPECT_EQ(id->owner, "built-in");
    EXPECT_EQ(id->name, "admin");
    EXPECT_EQ(format_id(*id), "built-in/admin");
    EXPECT_EQ(format_id("admin", "app-built-in"), "admin/app-built-in");
}

// casdoor.md §1.1: exactly one '/', else Casdoor's "wrong token count" message.
TEST(ModelIdTest, RejectsWrongSlashCounts) {
    for (std::string_view bad : {"", "admin", "a/b/c", "//", "org/name/"}) {
        auto id = parse_id(bad);
        ASSERT_FALSE(id) << bad;
        EXPECT_EQ(id.error().code(), "invalid-id");
        EXPECT_EQ(id.error().message(),
                  "GetOwnerAndNameFromId() error, wrong token count for ID: " + std::string(bad));
    }
}

TEST(ModelIdTest, RejectsEmptyParts) {
    for (std::string_view bad : {"/name", "owner/", "/"}) {
        auto id = parse_id(bad);
        ASSERT_FALSE(id) << bad;
        EXPECT_EQ(id.error().code(), "invalid-id");
    }
}

}  // namespace
}  // namespace ward::idp::model
