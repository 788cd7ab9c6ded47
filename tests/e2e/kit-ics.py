#!/usr/bin/python3
"""kit-ics.py ICS TODAY N: expand a calendar file with an independent reader
(python3-icalendar parses, python3-dateutil expands the rules) and print the
first N meetings on or after TODAY as "YYYY-MM-DD HH:MM LOCATION", in
Europe/Berlin wall-clock time.  Also checks the file's form: CRLF line ends,
no line longer than 75 octets, a VTIMEZONE for every TZID used."""
import sys
from datetime import datetime, timedelta

from dateutil import rrule, tz
from icalendar import Calendar

path, today, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
raw = open(path, "rb").read()
lines = raw.split(b"\r\n")
assert lines[-1] == b"", "the file ends with CRLF"
for ln in lines:
    assert b"\n" not in ln and b"\r" not in ln, "a bare LF or CR"
    assert len(ln) <= 75, "a line longer than 75 octets: %r" % ln
cal = Calendar.from_ical(raw)
berlin = tz.gettz("Europe/Berlin")
zones = {str(z["TZID"]) for z in cal.walk("VTIMEZONE")}
assert "Europe/Berlin" in zones, "no VTIMEZONE for Europe/Berlin"
start = datetime.strptime(today, "%Y-%m-%d").replace(tzinfo=berlin)
uids = set()
out = []
for ev in cal.walk("VEVENT"):
    uid = str(ev["UID"])
    assert uid not in uids, "UID twice: " + uid
    uids.add(uid)
    dt = ev["DTSTART"].dt
    assert dt.tzinfo is not None, "a floating DTSTART"
    dt = dt.astimezone(berlin)
    loc = str(ev.get("LOCATION", ""))
    assert "URL" in ev and "DESCRIPTION" in ev, "an event without URL or DESCRIPTION"
    if "RRULE" in ev:
        rule = ev["RRULE"].to_ical().decode()
        rs = rrule.rruleset()
        rs.rrule(rrule.rrulestr(rule, dtstart=dt))
        ex = ev.get("EXDATE")
        for e in (ex if isinstance(ex, list) else [ex] if ex else []):
            for d in e.dts:
                rs.exdate(d.dt.astimezone(berlin) if d.dt.tzinfo else d.dt.replace(tzinfo=berlin))
        it = iter(rs.xafter(start - timedelta(seconds=1), count=n, inc=True))
        for occ in it:
            out.append((occ.astimezone(berlin), loc))
    elif dt >= start:
        out.append((dt, loc))
out.sort(key=lambda x: x[0])
for dt, loc in out[:n]:
    print("%s %s" % (dt.strftime("%Y-%m-%d %H:%M"), loc))
