// A fixture for the tests of one config section: writes a pricefeed.toml, loads it, and says where an
// error points (the file and line every ConfigError starts with).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "host/config/ConfigError.hpp"
#include "host/config/ConfigLoader.hpp"
#include "tests/support/TemporaryDirectory.hpp"

namespace pricefeed::host {

class ConfigFileTest : public ::testing::Test {
 protected:
  Config load(std::string_view toml) {
    directory_.write_file("pricefeed.toml", toml);
    return load_config(file_, Environment()).config;
  }
  // The ConfigError `toml` raises; a test failure when it raises none.
  std::string error_of(std::string_view toml) {
    try {
      load(toml);
    } catch (const ConfigError& error) {
      return error.what();
    }
    ADD_FAILURE() << "expected a ConfigError for:\n" << toml;
    return {};
  }
  // "<file>:<line>: ", how an error about that line begins.
  std::string where(int line) const { return file_.string() + ":" + std::to_string(line) + ": "; }

  pricefeed::test::TemporaryDirectory directory_;
  const std::filesystem::path file_ = directory_.path() / "pricefeed.toml";
};

}  // namespace pricefeed::host
