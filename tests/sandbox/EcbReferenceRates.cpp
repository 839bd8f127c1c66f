#include "tests/sandbox/EcbReferenceRates.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace pricefeed::sandbox {

namespace {

using namespace std::chrono;

const Session& frankfurt_publication() {
  static const Session session{CalendarKind::target, "Europe/Berlin", 16 * 60, 0, 0, 0};
  return session;
}

}  // namespace

const std::vector<EcbCurrency>& ecb_currencies() {
  static const std::vector<EcbCurrency> list{
      {"AUD", "Australian Dollar", "Australian dollar"},
      {"BGN", "Bulgarian Lev", "Bulgarian lev"},
      {"BRL", "Brazilian Real", "Brazilian real"},
      {"CAD", "Canadian Dollar", "Canadian dollar"},
      {"CHF", "Swiss Franc", "Swiss franc"},
      {"CNY", "Chinese Renminbi Yuan", "Chinese yuan renminbi"},
      {"CZK", "Czech Koruna", "Czech koruna"},
      {"DKK", "Danish Krone", "Danish krone"},
      {"GBP", "British Pound", "UK pound sterling"},
      {"HKD", "Hong Kong Dollar", "Hong Kong dollar"},
      {"HUF", "Hungarian Forint", "Hungarian forint"},
      {"IDR", "Indonesian Rupiah", "Indonesian rupiah"},
      {"ILS", "Israeli New Sheqel", "Israeli shekel"},
      {"INR", "Indian Rupee", "Indian rupee"},
      {"ISK", "Icelandic Kr\xC3\xB3na", "Iceland krona"},
      {"JPY", "Japanese Yen", "Japanese yen"},
      {"KRW", "South Korean Won", "Korean won (Republic)"},
      {"MXN", "Mexican Peso", "Mexican peso"},
      {"MYR", "Malaysian Ringgit", "Malaysian ringgit"},
      {"NOK", "Norwegian Krone", "Norwegian krone"},
      {"NZD", "New Zealand Dollar", "New Zealand dollar"},
      {"PHP", "Philippine Peso", "Philippine peso"},
      {"PLN", "Polish Z\xC5\x82oty", "Polish zloty"},
      {"RON", "Romanian Leu", "Romanian leu"},
      {"SEK", "Swedish Krona", "Swedish krona"},
      {"SGD", "Singapore Dollar", "Singapore dollar"},
      {"THB", "Thai Baht", "Thai baht"},
      {"TRY", "Turkish Lira", "Turkish lira"},
      {"USD", "United States Dollar", "US dollar"},
      {"ZAR", "South African Rand", "South African rand"},
  };
  return list;
}

const EcbCurrency* find_ecb_currency(std::string_view code) {
  for (const EcbCurrency& c : ecb_currencies())
    if (c.code == code) return &c;
  return nullptr;
}

bool EcbReferenceRates::is_fixing_day(sys_days day) {
  return day >= kEuroFirstDay && is_trading_day(CalendarKind::target, day);
}

sys_seconds EcbReferenceRates::publication_time(sys_days day) {
  return session_open(frankfurt_publication(), day);
}

std::optional<sys_days> EcbReferenceRates::last_published_day(sys_seconds now) {
  sys_days day = floor<days>(now) + days{1};  // Frankfurt's date may be ahead of UTC's
  for (; day >= kEuroFirstDay; day -= days{1}) {
    if (is_fixing_day(day) && publication_time(day) <= now) return day;
  }
  return std::nullopt;
}

std::optional<Instrument> EcbReferenceRates::euro_instrument(std::string_view currency) const {
  if (find_ecb_currency(currency) == nullptr) return std::nullopt;
  std::optional<Instrument> in = instruments_->find("EUR" + std::string(currency) + "=X");
  if (in) in->first_trade_day = kEuroFirstDay;  // the ECB's history is older than Yahoo's
  return in;
}

int EcbReferenceRates::decimals(std::string_view currency) const {
  const std::optional<Instrument> in = euro_instrument(currency);
  return in ? in->price_hint : 4;
}

std::vector<EcbRate> EcbReferenceRates::rates(std::string_view currency, sys_days from, sys_days to,
                                              sys_seconds now) const {
  std::vector<EcbRate> out;
  const std::optional<Instrument> in = euro_instrument(currency);
  const std::optional<sys_days> published = last_published_day(now);
  if (!in || !published) return out;
  from = std::max(from, kEuroFirstDay);
  to = std::min(to, *published);
  if (from > to) return out;
  // As of the end of the last day asked: a published day's fixing is final, never a partial bar.
  for (const Bar& bar : model_->daily_bars(*in, from, to, sys_seconds{to + days{1}})) {
    if (!is_fixing_day(bar.day)) continue;
    const double scale = std::pow(10.0, in->price_hint);
    out.push_back({bar.day, std::round(bar.close * scale) / scale, in->price_hint});
  }
  return out;
}

std::optional<EcbRate> EcbReferenceRates::rate(std::string_view currency, sys_days day,
                                               sys_seconds now) const {
  std::vector<EcbRate> one = rates(currency, day, day, now);
  if (one.empty()) return std::nullopt;
  return one.front();
}

std::string EcbReferenceRates::format(const EcbRate& rate) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", rate.decimals, rate.value);
  return text;
}

}  // namespace pricefeed::sandbox
