#include "idp/api/password_policy.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace ward::idp::api {
namespace {

using Options = std::vector<std::string>;

TEST(ApiPasswordPolicy, EmptyOptionsMeanAtLeastSix) {
    EXPECT_FALSE(check_password_options("12345", Options{}).has_value());
    EXPECT_TRUE(check_password_options("123456", Options{}).has_value());
}

TEST(ApiPasswordPolicy, EmptyPasswordIsRefused) {
    auto r = check_password_options("", Options{});
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().message(), "Password cannot be empty");
}

TEST(ApiPasswordPolicy, EachOptionIsEnforced) {
    EXPECT_EQ(check_password_options("abcdefg", Options{"AtLeast8"}).error().code(),
              "weak-password");
    EXPECT_TRUE(check_password_options("abcdefgh", Options{"AtLeast8"}).has_value());
    EXPECT_FALSE(check_password_options("abcdefgh1", Options{"Aa123"}).has_value());
    EXPECT_FALSE(check_password_options("ABCDEFGH1", Options{"Aa123"}).has_value());
    EXPECT_FALSE(check_password_options("ABCdefgh", Options{"Aa123"}).has_value());
    EXPECT_TRUE(check_password_options("ABCdefgh1", Options{"Aa123"}).has_value());
    EXPECT_FALSE(check_password_options("Abcdef12", Options{"SpecialChar"}).has_value());
    EXPECT_TRUE(check_password_options("Abcdef1!", Options{"SpecialChar"}).has_value());
    EXPECT_FALSE(check_password_options("abccde", Options{"NoRepeat"}).has_value());
    EXPECT_TRUE(check_password_options("abcabc", Options{"NoRepeat"}).has_value());
}

TEST(ApiPasswordPolicy, AllOptionsApplyTogether) {
    Options all{"AtLeast8", "Aa123", "SpecialChar", "NoRepeat"};
    EXPECT_TRUE(check_password_options("Ab1!Cd2@", all).has_value());
    EXPECT_FALSE(check_password_options("Ab1!Cd2", all).has_value());
    EXPECT_FALSE(check_password_options("Abb1!Cd2@", all).has_value());
}

TEST(ApiPasswordPolicy, CountsUtf8Characters) {
    // Six two-byte characters are six characters, not twelve bytes; five are too few.
    EXPECT_TRUE(check_password_options("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
                                       Options{"AtLeast6"})
                    .has_value());
    EXPECT_FALSE(check_password_options("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
                                        Options{"AtLeast8"})
                     .has_value());
}

TEST(ApiPasswordPolicy, UnknownOptionsAreIgnored) {
    EXPECT_TRUE(check_password_options("abcdef", Options{"SomethingNew"}).has_value());
}

TEST(ApiPasswordPolicy, SpacesAreRefused) {
    EXPECT_TRUE(check_no_spaces("abc123").has_value());
    for (std::string_view bad : {"abc 123", " abc", "abc\t", "a\nb"}) {
        auto r = check_no_spaces(bad);
        ASSERT_FALSE(r.has_value()) << bad;
        EXPECT_EQ(r.error().message(), "New password cannot contain blank space.");
    }
}

}  // namespace
}  // namespace ward::idp::api
