// GraphQL execution through the Service on PostgreSQL: the shared cases of
// graphql_exec_cases.hpp with the same expected JSON as on SQLite. Needs WARD_TEST_PG_DSN
// (scripts/start-postgres); skips visibly without.
#include "engine/server/graphql_exec_cases.hpp"
#include "engine/server/graphql_mutation_cases.hpp"

namespace ward::engine::server::testing {

INSTANTIATE_TEST_SUITE_P(Postgres, GraphqlExec, ::testing::Values(Backend::kPostgres),
                         backend_name);

INSTANTIATE_TEST_SUITE_P(Postgres, GraphqlMutationTest, ::testing::Values(Backend::kPostgres),
                         backend_name);

}  // namespace ward::engine::server::testing
