#include <gtest/gtest.h>

#include "idp/store/store.hpp"

namespace ward::idp::store {
namespace {

TEST(StoreHelpers, ParsesCasdoorTimes) {
    EXPECT_EQ(parse_casdoor_time("2023-11-14T22:13:20+00:00"), 1'700'000'000);
    EXPECT_EQ(parse_casdoor_time("2023-11-14T22:13:20Z"), 1'700'000'000);
    EXPECT_EQ(parse_casdoor_time("2023-11-15T05:13:20+07:00"), 1'700'000'000);
    EXPECT_EQ(parse_casdoor_time("2023-11-14T22:13:20.123Z"), 1'700'000'000);
    EXPECT_EQ(parse_casdoor_time("1970-01-01T00:00:00Z"), 0);
    for (std::string_view bad :
         {"", "2023-11-14", "2023-13-14T22:13:20Z", "2023-02-30T00:00:00Z", "2023-11-14T22:13:20",
          "2023-11-14T22:13:20+0700", "2023-11-14T22:13:20Zjunk", "abcd-ef-ghTij:kl:mnZ",
          "2023-11-14T22:13:20.Z", "2023-11-14T24:00:00Z"}) {
        EXPECT_EQ(parse_casdoor_time(bad), std::nullopt) << bad;
    }
}

TEST(StoreHelpers, TokenExpiryAndHash) {
    model::Token t;
    t.created_time = "2023-11-14T22:13:20+00:00";
    t.expires_in = 3600;
    EXPECT_EQ(token_expires_at(t), 1'700'003'600);
    t.created_time = "garbage";
    EXPECT_EQ(token_expires_at(t), std::nullopt);
    EXPECT_EQ(sha256_hex("abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(StoreHelpers, LockoutWithoutStampIsNotLocked) {
    model::User u;
    u.signin_wrong_times = 9;
    EXPECT_EQ(lockout_minutes_left(u, 5, 15, 1'700'000'000), std::nullopt);
}

}  // namespace
}  // namespace ward::idp::store
