#!/usr/bin/env python3
"""Write pricefeed's reference trading sessions from exchange_calendars.

Not run by CI or by any test: it documents, and can repeat, how
tests/fixtures/calendars/*.csv.gz were made (see that folder's README.md). The fixtures are the
independent answers the rule-based calendars of host/calendar/ are tested against.

Usage (the interpreter needs pandas, numpy, toolz; see README.md for the exact set-up):

    PYTHONPATH=<checkout>:<stubs> /usr/bin/python3 tools/calendar-reference/generate.py \
        <exchange_calendars checkout> [--out tests/fixtures/calendars] [--check] [--summary FILE]

  <checkout>   a checkout of github.com/gerrymanoim/exchange_calendars (the folder holding the
               package folder exchange_calendars/ and tests/resources/)
  --check      compare every written session with the library's own answer files
               tests/resources/<name>.csv over the dates both cover, and print the differences
  --summary    also write a readable digest for the people writing rules: local session times by
               date range, the weekdays that are not sessions (holidays) per year, early closes

Output, one file per calendar, <lowercase name, '/' -> '-'>.csv.gz:
    date,open_utc,close_utc,break_start_utc,break_end_utc
    1990-01-02,1990-01-02T14:30:00Z,1990-01-02T21:00:00Z,,
One row per session; date is the session label; instants are UTC; the break fields are empty when
the session has no break. Gzip with no name and mtime 0, so that a rerun gives the same bytes.
"""

import argparse
import collections
import datetime
import gzip
import io
import os
import sys

# The calendars pricefeed ships (README.md maps them to pricefeed's calendar names).
CALENDARS = ["XNYS", "XLON", "XETR", "XPAR", "XTSE", "XTKS", "XHKG", "XASX", "CMES", "24/7", "24/5"]
WANTED_FIRST = datetime.date(1990, 1, 1)
WANTED_LAST = datetime.date(2100, 12, 31)
HEADER = "date,open_utc,close_utc,break_start_utc,break_end_utc\n"


def file_stem(name):
    return name.lower().replace("/", "-")


def utc_text(ts):
    """A pandas UTC timestamp as YYYY-MM-DDTHH:MM:SSZ; NaT (no break) as the empty string."""
    import pandas as pd

    if ts is None or pd.isna(ts):
        return ""
    return ts.tz_convert("UTC").strftime("%Y-%m-%dT%H:%M:%SZ")


def calendar_range(xc, name):
    """The wanted range clipped to what the library can compute (bound_min, bound_max)."""
    factory = xc.calendar_utils._default_calendar_factories[name]
    first, last = WANTED_FIRST, WANTED_LAST
    bound_min, bound_max = factory.bound_min(), factory.bound_max()
    if bound_min is not None and bound_min.date() > first:
        first = bound_min.date()
    if bound_max is not None and bound_max.date() < last:
        last = bound_max.date()
    return first, last


def session_rows(xc, name):
    first, last = calendar_range(xc, name)
    cal = xc.get_calendar(name, start=first.isoformat(), end=last.isoformat())
    rows = []
    for label, row in cal.schedule.iterrows():
        rows.append(
            (
                label.strftime("%Y-%m-%d"),
                utc_text(row["open"]),
                utc_text(row["close"]),
                utc_text(row["break_start"]),
                utc_text(row["break_end"]),
            )
        )
    return cal, first, last, rows


def write_gzip(path, text):
    buffer = io.BytesIO()
    # filename="" and mtime=0: no name or time in the header, as `gzip -n`.
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as gz:
        gz.write(text.encode("ascii"))
    with open(path, "wb") as out:
        out.write(buffer.getvalue())


def check_against_answers(checkout, name, rows):
    """Differences between our rows and the library's tests/resources/<stem>.csv."""
    path = os.path.join(checkout, "tests", "resources", file_stem(name) + ".csv")
    if not os.path.exists(path):
        return [f"no answer file {path}"]
    answers = {}
    with open(path) as f:
        next(f)
        for line in f:
            label, open_, close, bstart, bend = line.rstrip("\n").split(",")
            answers[label[:10]] = (open_, close, bstart, bend)
    ours = {r[0]: r[1:] for r in rows}
    lo = max(min(answers), min(ours))
    hi = min(max(answers), max(ours))
    diffs = []
    for day in sorted(set(answers) | set(ours)):
        if not (lo <= day <= hi):
            continue
        a, o = answers.get(day), ours.get(day)
        if a != o:
            diffs.append(f"{day}: answer file {a}, generated {o}")
    return [f"overlap {lo}..{hi}: {len(diffs)} differences"] + diffs


def to_local(ts_text, tz):
    # zoneinfo, not pandas' string time zones: those go through pytz, whose tables stop at 2037
    # and put every later summer at standard time.
    from zoneinfo import ZoneInfo

    utc = datetime.datetime.strptime(ts_text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
    return utc.astimezone(ZoneInfo(tz))


def local_hm(ts_text, tz):
    return to_local(ts_text, tz).strftime("%H:%M") if ts_text else ""


def summarize(name, tz, first, last, rows):
    """A readable digest: session times by range, holidays per year, early closes."""
    out = [f"=== {name} ({tz}) sessions {rows[0][0]}..{rows[-1][0]}, computed range {first}..{last}"]

    def shape(r):
        o, c, bs, be = (local_hm(x, tz) for x in r[1:])
        text = f"{o}-{bs}/{be}-{c}" if bs else f"{o}-{c}"
        open_date = to_local(r[1], tz).strftime("%Y-%m-%d")
        if open_date != r[0]:
            text = "(prev day) " + text
        return text

    shapes = [(r[0], shape(r)) for r in rows]
    counts = collections.Counter(s for _, s in shapes)
    # The usual hours by date range: a shape that covers at least 5% of sessions, or runs on for
    # at least 20 sessions, starts a range; rarer shapes are listed as special days below.
    common = {s for s, n in counts.items() if n >= max(20, len(rows) // 20)}
    out.append("  regular local hours by range:")
    current, since, prev_day = None, None, None
    for day, s in shapes:
        if s in common and s != current:
            if current is not None:
                out.append(f"    {since}..{prev_day}: {current}")
            current, since = s, day
        if s == current:
            prev_day = day
    out.append(f"    {since}..{prev_day}: {current}")
    special = [(d, s) for d, s in shapes if s != _regular_at(shapes, common, d)]
    out.append(f"  days with other hours (early closes, late opens, etc.): {len(special)}")
    for d, s in special:
        wd = datetime.date.fromisoformat(d).strftime("%a")
        out.append(f"    {d} {wd} {s}")

    # Weekdays that are not sessions, per year (Mon-Fri for exchanges; for 24/7 every day).
    sessions = {r[0] for r in rows}
    all_days = name == "24/7"
    start = datetime.date.fromisoformat(rows[0][0])
    end = datetime.date.fromisoformat(rows[-1][0])
    by_year = collections.defaultdict(list)
    d = start
    while d <= end:
        if (all_days or d.weekday() < 5) and d.isoformat() not in sessions:
            by_year[d.year].append(d.strftime("%m-%d"))
        d += datetime.timedelta(days=1)
    weekend_sessions = [r[0] for r in rows if datetime.date.fromisoformat(r[0]).weekday() >= 5]
    out.append("  weekdays that are not sessions, per year (MM-DD):")
    for year in range(start.year, end.year + 1):
        out.append(f"    {year}: {' '.join(by_year.get(year, [])) or '-'}")
    if weekend_sessions and not all_days:
        out.append(f"  sessions on a Saturday or Sunday: {' '.join(weekend_sessions)}")
    return out


def _regular_at(shapes, common, day, _cache={}):
    # The regular shape in force on `day`: the last common shape seen at or before it.
    key = id(shapes)
    if key not in _cache:
        table, current = {}, None
        for d, s in shapes:
            if s in common:
                current = s
            table[d] = current
        _cache.clear()
        _cache[key] = table
    return _cache[key][day]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("checkout")
    here = os.path.dirname(os.path.abspath(__file__))
    default_out = os.path.normpath(os.path.join(here, "..", "..", "tests", "fixtures", "calendars"))
    parser.add_argument("--out", default=default_out)
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--summary")
    args = parser.parse_args()

    sys.path.insert(0, os.path.abspath(args.checkout))
    import exchange_calendars as xc

    os.makedirs(args.out, exist_ok=True)
    summary = []
    for name in CALENDARS:
        cal, first, last, rows = session_rows(xc, name)
        text = HEADER + "".join(",".join(r) + "\n" for r in rows)
        path = os.path.join(args.out, file_stem(name) + ".csv.gz")
        write_gzip(path, text)
        print(f"{name}: {len(rows)} sessions {rows[0][0]}..{rows[-1][0]} (asked {first}..{last}) -> {path}")
        if args.check:
            for line in check_against_answers(args.checkout, name, rows)[:40]:
                print("  check: " + line)
        if args.summary:
            summary += summarize(name, str(cal.tz), first, last, rows) + [""]
    if args.summary:
        with open(args.summary, "w") as f:
            f.write("\n".join(summary))
        print(f"summary -> {args.summary}")


if __name__ == "__main__":
    main()
