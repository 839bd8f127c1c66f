// The headers every test executable's files share, compiled once per build tree (tests/pch) instead
// of once per test file (docs/ci.md "Precompiled headers"). Only stable third-party and standard
// headers belong here: a project header would rebuild every test whenever it changed. Every test that
// reuses this compiles with the same flags as the header, so nothing here may depend on a macro that
// differs between test executables (GTEST_HAS_PTHREAD is the same for all: every test links GTest).
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>
