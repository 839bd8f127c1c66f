#include "tests/support/GzipLines.hpp"

#include <memory>
#include <stdexcept>

#include <zlib.h>

namespace pricefeed::test {

std::vector<std::string> read_gzip_lines(const std::filesystem::path& file) {
  const std::unique_ptr<gzFile_s, decltype(&gzclose)> in(gzopen(file.c_str(), "rb"), &gzclose);
  if (!in) throw std::runtime_error("cannot open " + file.string());
  std::vector<std::string> lines;
  std::string line;
  char buffer[4096];
  int read = 0;
  while ((read = gzread(in.get(), buffer, sizeof buffer)) > 0) {
    for (int i = 0; i < read; ++i) {
      if (buffer[i] == '\n') {
        lines.push_back(std::move(line));
        line.clear();
      } else {
        line += buffer[i];
      }
    }
  }
  int error = Z_OK;
  if (read < 0) throw std::runtime_error(file.string() + ": " + gzerror(in.get(), &error));
  if (!line.empty()) lines.push_back(std::move(line));
  return lines;
}

}  // namespace pricefeed::test
