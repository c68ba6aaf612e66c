// The permission matrix of permission_matrix_cases.hpp on PostgreSQL, with the same expected
// answers as on SQLite. Needs WARD_TEST_PG_DSN (scripts/start-postgres); skips visibly without.
#include "engine/server/permission_matrix_cases.hpp"

namespace ward::engine::server::testing {

INSTANTIATE_TEST_SUITE_P(Postgres, PermissionMatrix, ::testing::Values(Backend::kPostgres),
                         backend_name);

}  // namespace ward::engine::server::testing
