// The version `ward version` and /v1/version report.
#pragma once

namespace ward::app {
inline constexpr char kVersion[] = "0.1.0";
}  // namespace ward::app
