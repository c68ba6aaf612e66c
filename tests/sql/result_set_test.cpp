#include "sql/result_set.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace ward::sql {
namespace {

ResultSet sample() {
    ResultSet rs({"id", "name", "flag", "score", "data", "missing"}, true);
    rs.push_cell(Value(1));
    rs.push_cell(Value("ann"));
    rs.push_cell(Value("t"));
    rs.push_cell(Value("2.5"));
    rs.push_cell(Value("\\x00ff"));
    rs.push_cell(Value());
    rs.push_cell(Value("2"));
    rs.push_cell(Value("bob"));
    rs.push_cell(Value(0));
    rs.push_cell(Value(3));
    rs.push_cell(Value(Blob{1}));
    rs.push_cell(Value());
    rs.set_affected_rows(2);
    return rs;
}

TEST(SqlResultSetTest, TypedGettersConvertStrictly) {
    ResultSet rs = sample();
    ASSERT_EQ(rs.size(), 2u);
    EXPECT_EQ(rs.affected_rows(), 2);
    Row a = rs[0];
    EXPECT_EQ(a.get<std::int64_t>("id").value(), 1);
    EXPECT_EQ(a.get<std::string>("id").value(), "1");
    EXPECT_EQ(a.get<std::string>("name").value(), "ann");
    EXPECT_TRUE(a.get<bool>("flag").value());
    EXPECT_DOUBLE_EQ(a.get<double>("score").value(), 2.5);
    EXPECT_EQ(a.get<Blob>("data").value(), (Blob{0x00, 0xff}));
    Row b = rs[1];
    EXPECT_EQ(b.get<std::int64_t>(0).value(), 2);  // text "2" parses
    EXPECT_FALSE(b.get<bool>(2).value());
    EXPECT_DOUBLE_EQ(b.get<double>(3).value(), 3.0);
    EXPECT_EQ(b.get<Blob>(4).value(), Blob{1});
    int seen = 0;
    for (Row row : rs) {
        EXPECT_EQ(row.size(), 6u);
        ++seen;
    }
    EXPECT_EQ(seen, 2);
}

TEST(SqlResultSetTest, BadConversionsAreErrorsNotCrashes) {
    ResultSet rs = sample();
    Row a = rs[0];
    EXPECT_EQ(a.get<std::int64_t>("name").error().reason(), DbErrorKind::kTypeMismatch);
    EXPECT_EQ(a.get<bool>("name").error().reason(), DbErrorKind::kTypeMismatch);
    EXPECT_EQ(a.get<double>("name").error().reason(), DbErrorKind::kTypeMismatch);
    EXPECT_EQ(a.get<Blob>("name").error().reason(), DbErrorKind::kTypeMismatch);
    EXPECT_EQ(a.get<std::string>("missing").error().reason(), DbErrorKind::kNullValue);
    EXPECT_EQ(a.get<std::string>("missing").error().sqlstate(), "22004");
    EXPECT_EQ(a.get<std::string>("nope").error().reason(), DbErrorKind::kUndefinedColumn);
    EXPECT_EQ(a.get_optional<std::string>("nope").error().reason(), DbErrorKind::kUndefinedColumn);
    EXPECT_FALSE(a.get_optional<std::int64_t>("missing").value().has_value());
    EXPECT_EQ(a.get_optional<std::int64_t>("id").value(), 1);
    EXPECT_EQ(a.get_optional<std::int64_t>("name").error().reason(), DbErrorKind::kTypeMismatch);
    Row b = rs[1];
    EXPECT_EQ(b.get<std::string>(4).error().reason(), DbErrorKind::kTypeMismatch);  // blob
    EXPECT_EQ(b.get<bool>(3).error().reason(), DbErrorKind::kTypeMismatch);         // 3
}

TEST(SqlResultSetTest, NumericTextEdgeCases) {
    auto as_int = [](Value v) { return value_as<std::int64_t>(v); };
    EXPECT_EQ(as_int(Value("-9223372036854775808")).value(),
              std::numeric_limits<std::int64_t>::min());
    EXPECT_FALSE(as_int(Value("9223372036854775808")));  // overflow
    EXPECT_FALSE(as_int(Value("12abc")));
    EXPECT_FALSE(as_int(Value("")));
    EXPECT_FALSE(as_int(Value(" 1")));
    EXPECT_FALSE(as_int(Value(1.5)));
    EXPECT_EQ(as_int(Value(2.0)).value(), 2);
    EXPECT_FALSE(as_int(Value(1e30)));
    EXPECT_TRUE(std::isinf(value_as<double>(Value("Infinity")).value()));
    EXPECT_TRUE(std::isnan(value_as<double>(Value("NaN")).value()));
    EXPECT_FALSE(value_as<double>(Value("1.5x")));
    EXPECT_FALSE(value_as<Blob>(Value("\\xzz")));
    EXPECT_FALSE(value_as<Blob>(Value("\\x0")));
}

TEST(SqlResultSetTest, TakeSingleTextNeedsOneCell) {
    ResultSet one({"json"}, true);
    one.push_cell(Value("{\"data\":{}}"));
    auto text = std::move(one).take_single_text();
    ASSERT_TRUE(text);
    EXPECT_EQ(*text, "{\"data\":{}}");

    ResultSet null({"json"}, true);
    null.push_cell(Value());
    EXPECT_EQ(std::move(null).take_single_text().error().reason(), DbErrorKind::kNullValue);

    ResultSet empty({"json"}, true);
    EXPECT_EQ(std::move(empty).take_single_text().error().reason(), DbErrorKind::kCardinality);

    EXPECT_EQ(sample().take_single_text().error().reason(), DbErrorKind::kCardinality);

    ResultSet number({"n"}, true);
    number.push_cell(Value(5));
    EXPECT_EQ(std::move(number).take_single_text().value(), "5");
}

}  // namespace
}  // namespace ward::sql
