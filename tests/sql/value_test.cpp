#include "sql/value.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace ward::sql {
namespace {

TEST(SqlValueTest, HoldsEachType) {
    EXPECT_EQ(Value().type(), ValueType::kNull);
    EXPECT_EQ(Value(nullptr).type(), ValueType::kNull);
    EXPECT_EQ(Value(true).type(), ValueType::kBool);
    EXPECT_EQ(Value(7).type(), ValueType::kInt64);
    EXPECT_EQ(Value(std::int64_t{1} << 40).type(), ValueType::kInt64);
    EXPECT_EQ(Value(std::uint32_t{7}).type(), ValueType::kInt64);
    EXPECT_EQ(Value(1.5).type(), ValueType::kDouble);
    EXPECT_EQ(Value("text").type(), ValueType::kText);  // not bool
    EXPECT_EQ(Value(std::string_view("sv")).type(), ValueType::kText);
    EXPECT_EQ(Value(Blob{1, 2}).type(), ValueType::kBlob);
    EXPECT_EQ(Value(std::optional<int>()).type(), ValueType::kNull);
    EXPECT_EQ(Value(std::optional<std::string>("x")).type(), ValueType::kText);
}

TEST(SqlValueTest, TextFormMatchesPostgres) {
    EXPECT_FALSE(Value().to_text().has_value());
    EXPECT_EQ(Value(true).to_text(), "true");
    EXPECT_EQ(Value(false).to_text(), "false");
    EXPECT_EQ(Value(-42).to_text(), "-42");
    EXPECT_EQ(Value(0.1).to_text(), "0.1");
    EXPECT_EQ(Value(1e300).to_text(), "1e+300");
    EXPECT_EQ(Value(std::numeric_limits<double>::infinity()).to_text(), "Infinity");
    EXPECT_EQ(Value(-std::numeric_limits<double>::infinity()).to_text(), "-Infinity");
    EXPECT_EQ(Value(std::nan("")).to_text(), "NaN");
    EXPECT_EQ(Value("a'b").to_text(), "a'b");
    EXPECT_EQ(Value(Blob{0x00, 0xab, 0xff}).to_text(), "\\x00abff");
}

TEST(SqlValueTest, EqualityComparesTypeAndValue) {
    EXPECT_EQ(Value(1), Value(1));
    EXPECT_NE(Value(1), Value(1.0));
    EXPECT_NE(Value("1"), Value(1));
    EXPECT_EQ(Value(), Value(nullptr));
}

}  // namespace
}  // namespace ward::sql
