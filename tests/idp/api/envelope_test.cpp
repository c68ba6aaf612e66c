#include "idp/api/envelope.hpp"

#include <gtest/gtest.h>

namespace ward::idp::api {
namespace {

core::json::object parse(const http::Response& r) {
    return core::parse_json(r.body())->get_object();
}

TEST(ApiEnvelope, AlwaysHasEveryKeyAndHttp200) {
    auto r = to_response(Envelope::success());
    EXPECT_EQ(r.status(), 200u);
    auto o = parse(r);
    for (const char* key : {"status", "msg", "sub", "name", "data", "data2", "data3"}) {
        EXPECT_TRUE(o.contains(key)) << key;
    }
    EXPECT_EQ(o.at("status"), "ok");
    EXPECT_TRUE(o.at("data").is_null());
    EXPECT_EQ(o.at("msg"), "");
}

TEST(ApiEnvelope, FailureIsStillHttp200) {
    auto r = to_response(Envelope::failure("boom"));
    EXPECT_EQ(r.status(), 200u);
    auto o = parse(r);
    EXPECT_EQ(o.at("status"), "error");
    EXPECT_EQ(o.at("msg"), "boom");
}

TEST(ApiEnvelope, WritesAnswerAffectedOrUnaffected) {
    EXPECT_EQ(parse(to_response(Envelope::affected(true))).at("data"), "Affected");
    EXPECT_EQ(parse(to_response(Envelope::affected(false))).at("data"), "Unaffected");
}

TEST(ApiEnvelope, DenialIsUnauthorizedOperation) {
    EXPECT_EQ(Envelope::unauthorized().msg, "Unauthorized operation");
    auto denied = Envelope::from_error(core::Error::permission_denied("x"));
    EXPECT_EQ(denied.msg, "Unauthorized operation");
}

TEST(ApiEnvelope, InternalErrorsHideTheirDetails) {
    auto e = Envelope::from_error(core::Error::internal("SELECT secret FROM x failed"));
    EXPECT_EQ(e.status, "error");
    EXPECT_EQ(e.msg.find("SELECT"), std::string::npos);
    auto input = Envelope::from_error(core::Error::invalid_argument("bad id"));
    EXPECT_EQ(input.msg, "bad id");
}

TEST(ApiEnvelope, ListCarriesTotalInData2) {
    core::json::array items{1, 2};
    auto o = parse(to_response(Envelope::success(items, 7)));
    EXPECT_EQ(o.at("data").as_array().size(), 2u);
    EXPECT_EQ(o.at("data2"), 7);
}

// Casdoor writes an integral float as an integer ("expireInHours":168), not Boost's 1.68E2.
TEST(ApiEnvelope, IntegralDoublesAreWrittenAsIntegers) {
    core::json::object app;
    app["expireInHours"] = 168.0;
    app["refreshExpireInHours"] = 1.5;
    core::json::array items;
    items.emplace_back(std::move(app));
    auto r = to_response(Envelope::success(std::move(items), core::json::value(2.0)));
    EXPECT_NE(r.body().find(R"([{"expireInHours":168,"refreshExpireInHours":1.5E0}])"),
              std::string::npos)
        << r.body();
    EXPECT_NE(r.body().find(R"("data2":2,)"), std::string::npos) << r.body();
}

}  // namespace
}  // namespace ward::idp::api
