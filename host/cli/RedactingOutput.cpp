#include "host/cli/RedactingOutput.hpp"

#include <string>

#include "host/redaction/TextRedaction.hpp"

namespace pricefeed::host {

class RedactingOutput::LineBuffer : public std::streambuf {
 public:
  explicit LineBuffer(std::streambuf* target) : target_(target) {}

  void write_unfinished_line() {
    write_redacted(line_);
    line_.clear();
    target_->pubsync();
  }

 protected:
  int_type overflow(int_type c) override {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    const char ch = traits_type::to_char_type(c);
    xsputn(&ch, 1);
    return c;
  }

  std::streamsize xsputn(const char* text, std::streamsize count) override {
    line_.append(text, static_cast<std::size_t>(count));
    const std::size_t last_newline = line_.rfind('\n');
    if (last_newline != std::string::npos) {
      write_redacted(std::string_view(line_).substr(0, last_newline + 1));
      line_.erase(0, last_newline + 1);
    }
    return count;
  }

  // A flush passes on the finished lines only: the unfinished one may still be growing a secret.
  int sync() override { return target_->pubsync(); }

 private:
  void write_redacted(std::string_view lines) {
    const std::string redacted = redact_text(lines);
    target_->sputn(redacted.data(), static_cast<std::streamsize>(redacted.size()));
  }

  std::streambuf* target_;
  std::string line_;
};

RedactingOutput::RedactingOutput(std::ostream& stream)
    : stream_(stream), buffer_(std::make_unique<LineBuffer>(stream.rdbuf())), original_(stream.rdbuf()) {
  stream_.rdbuf(buffer_.get());
}

RedactingOutput::~RedactingOutput() {
  buffer_->write_unfinished_line();
  stream_.rdbuf(original_);
}

}  // namespace pricefeed::host
