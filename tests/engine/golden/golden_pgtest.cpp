// The golden cases (cases/*.json) on PostgreSQL, against the same expected responses as on
// SQLite. Needs WARD_TEST_PG_DSN (scripts/start-postgres); skips visibly without.
#include "engine/golden/golden_runner.hpp"

namespace ward::engine::server::testing {

Backend golden_backend() { return Backend::kPostgres; }

INSTANTIATE_TEST_SUITE_P(Postgres, GoldenTest, ::testing::ValuesIn(load_golden_cases()),
                         golden_test_name);

}  // namespace ward::engine::server::testing
