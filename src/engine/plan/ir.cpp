#include "engine/plan/ir.hpp"

namespace ward::engine::plan {

std::string_view to_string(AggregateFunction f) {
    switch (f) {
        case AggregateFunction::kCount:
            return "count";
        case AggregateFunction::kSum:
            return "sum";
        case AggregateFunction::kAvg:
            return "avg";
        case AggregateFunction::kMax:
            return "max";
        case AggregateFunction::kMin:
            return "min";
        case AggregateFunction::kStddev:
            return "stddev";
        case AggregateFunction::kStddevPop:
            return "stddev_pop";
        case AggregateFunction::kStddevSamp:
            return "stddev_samp";
        case AggregateFunction::kVarPop:
            return "var_pop";
        case AggregateFunction::kVarSamp:
            return "var_samp";
        case AggregateFunction::kVariance:
            return "variance";
    }
    return "count";
}

}  // namespace ward::engine::plan
