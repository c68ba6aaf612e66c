#include "core/result.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace ward::core {
namespace {

Result<int> parse_positive(int v) {
    if (v <= 0) return Error::invalid_argument("must be positive");
    return v;
}

Result<int> doubled(int v) {
    WARD_TRY(int x, parse_positive(v));
    return x * 2;
}

Status check(bool ok) {
    if (!ok) return Error::conflict("nope", "custom-code");
    return {};
}

Status chain(bool good) {
    WARD_TRY_STATUS(check(good));
    return ok();
}

TEST(ResultTest, HoldsValueOrError) {
    Result<int> a = 3;
    ASSERT_TRUE(a.has_value());
    EXPECT_EQ(*a, 3);
    Result<int> b = Error::not_found("missing");
    ASSERT_FALSE(b);
    EXPECT_EQ(b.error().kind(), ErrorKind::kNotFound);
    EXPECT_EQ(b.error().code(), "not-found");
    EXPECT_EQ(b.error().message(), "missing");
    EXPECT_EQ(b.value_or(7), 7);
}

TEST(ResultTest, TryPropagatesTheFirstError) {
    EXPECT_EQ(*doubled(4), 8);
    auto r = doubled(-1);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message(), "must be positive");
}

TEST(ResultTest, VoidResultCarriesOnlyErrors) {
    EXPECT_TRUE(check(true));
    Status s = check(false);
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code(), "custom-code");
    EXPECT_FALSE(chain(false));
    EXPECT_TRUE(chain(true));
}

TEST(ResultTest, MoveOnlyValues) {
    Result<std::unique_ptr<int>> r = std::make_unique<int>(5);
    ASSERT_TRUE(r);
    std::unique_ptr<int> p = std::move(r).value();
    EXPECT_EQ(*p, 5);
}

TEST(ResultTest, ConvertingConstruction) {
    Result<std::string> r = "text";
    EXPECT_EQ(*r, "text");
}

TEST(ErrorTest, ContextAndToString) {
    Error e = Error::io("disk full");
    EXPECT_EQ(e.to_string(), "io-error: disk full");
    Error c = e.with_context("saving metadata");
    EXPECT_EQ(c.message(), "saving metadata: disk full");
    EXPECT_EQ(c.kind(), ErrorKind::kIo);
    EXPECT_EQ(to_string(ErrorKind::kLimitExceeded), "limit-exceeded");
}

}  // namespace
}  // namespace ward::core
