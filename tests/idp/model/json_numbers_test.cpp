// Integral doubles written as integers, as Casdoor (Go's encoding/json) writes them.
#include "idp/model/json_numbers.hpp"

#include <gtest/gtest.h>

#include <limits>

#include "idp/model/application.hpp"

namespace ward::idp::model {
namespace {

namespace json = core::json;

TEST(IdpJsonNumbers, IntegralDoublesBecomeIntegersEverywhereInTheTree) {
    json::object o;
    o["hours"] = 168.0;
    o["zero"] = 0.0;
    o["negative"] = -2.0;
    json::array list;
    list.emplace_back(720.0);
    list.emplace_back(1.5);
    json::object nested;
    nested["big"] = 1e18;
    list.emplace_back(std::move(nested));
    o["list"] = std::move(list);
    json::value v(std::move(o));
    integral_doubles_as_integers(v);
    EXPECT_EQ(
        core::to_json(v),
        R"({"hours":168,"zero":0,"negative":-2,"list":[720,1.5E0,{"big":1000000000000000000}]})");
}

TEST(IdpJsonNumbers, OtherNumbersAndValuesStayAsTheyAre) {
    json::object o;
    o["fraction"] = 0.0003;
    o["huge"] = 1e300;  // integral, but outside int64
    o["nan"] = std::numeric_limits<double>::quiet_NaN();
    o["int"] = std::int64_t{7};
    o["text"] = "168.0";
    integral_doubles_as_integers(o);
    EXPECT_TRUE(o.at("fraction").is_double());
    EXPECT_DOUBLE_EQ(o.at("fraction").get_double(), 0.0003);
    EXPECT_TRUE(o.at("huge").is_double());
    EXPECT_TRUE(o.at("nan").is_double());
    EXPECT_EQ(o.at("int"), 7);
    EXPECT_EQ(o.at("text"), "168.0");
}

// The case of the report: an application's hours as Casdoor shows them.
TEST(IdpJsonNumbers, ApplicationHoursReadAsCasdoorWritesThem) {
    Application app;
    app.expire_in_hours = 168;
    app.refresh_expire_in_hours = 0.5;
    json::object o = to_json(app);
    integral_doubles_as_integers(o);
    const std::string text = core::to_json(o);
    EXPECT_NE(text.find(R"("expireInHours":168,)"), std::string::npos) << text;
    EXPECT_NE(text.find(R"("cookieExpireInHours":720,)"), std::string::npos) << text;
    EXPECT_NE(text.find(R"("refreshExpireInHours":5E-1)"), std::string::npos) << text;
    EXPECT_EQ(text.find("1.68E2"), std::string::npos) << text;
}

}  // namespace
}  // namespace ward::idp::model
