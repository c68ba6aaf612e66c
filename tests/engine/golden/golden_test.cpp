// The golden cases (cases/*.json) on SQLite.
#include "engine/golden/golden_runner.hpp"

namespace ward::engine::server::testing {

Backend golden_backend() { return Backend::kSqlite; }

INSTANTIATE_TEST_SUITE_P(Sqlite, GoldenTest, ::testing::ValuesIn(load_golden_cases()),
                         golden_test_name);

}  // namespace ward::engine::server::testing
