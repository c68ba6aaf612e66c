// A subset of the admin API suite on PostgreSQL: lists (pagination, sorting, filtering, SQL
// metacharacters), add-user hashing, set-password, cross-organization refusal and C10. Needs
// WARD_TEST_PG_DSN (scripts/start-postgres); skips visibly without.
#include <gtest/gtest.h>

#include "idp/api/api_fixture.hpp"
#include "idp/password/password.hpp"

namespace ward::idp::api::test {
namespace {

class ApiRoutesPg : public ::testing::Test {
  protected:
    void SetUp() override {
        api_ = std::make_unique<ApiServer>(sql::testing::Backend::kPostgres);
        if (IsSkipped()) return;
        ASSERT_TRUE(api_->ready());
    }
    static std::vector<std::string> names(const json::object& r) {
        std::vector<std::string> out;
        if (!r.at("data").is_array()) return out;
        for (const auto& item : r.at("data").as_array()) {
            out.push_back(str(item.as_object().at("name")));
        }
        return out;
    }
    std::unique_ptr<ApiServer> api_;
};

TEST_F(ApiRoutesPg, ListsPaginateSortAndFilter) {
    auto r = api_->get("/api/get-users?owner=acme&p=1&pageSize=2&sortField=name&sortOrder=ascend",
                       api_->admin());
    EXPECT_EQ(r.at("status"), "ok");
    EXPECT_EQ(names(r), (std::vector<std::string>{"alice", "bob"}));
    EXPECT_EQ(r.at("data2"), 3);
    auto f = api_->get("/api/get-users?owner=acme&field=name&value=bo", api_->admin());
    EXPECT_EQ(names(f), (std::vector<std::string>{"bob"}));
}

TEST_F(ApiRoutesPg, SqlMetacharactersChangeNothing) {
    EXPECT_EQ(api_->get("/api/get-users?owner=acme&field=name%3BDROP%20TABLE%20user&value=x",
                        api_->admin())
                  .at("status"),
              "error");
    EXPECT_EQ(
        api_->get("/api/get-users?owner=acme&sortField=name%20desc%2C(select%201)", api_->admin())
            .at("status"),
        "error");
    auto v = api_->get("/api/get-users?owner=acme&field=name&value=%27%20OR%20%271%27%3D%271",
                       api_->admin());
    EXPECT_TRUE(names(v).empty());
    EXPECT_EQ(api_->count_users("acme"), 3);
}

TEST_F(ApiRoutesPg, AddUserAndSetPassword) {
    auto added = api_->post_json("/api/add-user",
                                 R"({"owner":"acme","name":"zoe","password":"zoe-secret-1"})",
                                 api_->acme_admin());
    EXPECT_EQ(added.at("data"), "Affected");
    auto zoe = api_->stored_user("acme", "zoe");
    EXPECT_NE(zoe.password, "zoe-secret-1");
    auto r = api_->post_multipart(
        "/api/set-password",
        {{"userOwner", "acme"}, {"userName", "zoe"}, {"newPassword", "zoe-secret-2"}},
        api_->acme_admin());
    EXPECT_EQ(r.at("status"), "ok") << core::to_json(r);
    auto after = api_->stored_user("acme", "zoe");
    auto ok = password::verify_password("zoe-secret-2",
                                        {after.password_type, after.password, after.password_salt});
    EXPECT_TRUE(ok && *ok);
}

TEST_F(ApiRoutesPg, CrossOrganizationAndCsrfRefused) {
    EXPECT_EQ(api_->get("/api/get-users?owner=globex", api_->acme_admin()).at("msg"),
              "Unauthorized operation");
    auto cookie = api_->session_for("acme", "alice");
    auto r = api_->post_json("/api/update-user?id=acme/carol", R"({"displayName":"csrf"})",
                             Auth{.cookie = cookie});
    EXPECT_EQ(r.at("status"), "error");
    EXPECT_EQ(api_->stored_user("acme", "carol").display_name, "carol");
}

}  // namespace
}  // namespace ward::idp::api::test
